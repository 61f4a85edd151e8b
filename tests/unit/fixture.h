/* fixture.h — real fonts and the unit-test layout, for tests that shape. */
#ifndef PAIBAN_TEST_FIXTURE_H
#define PAIBAN_TEST_FIXTURE_H

#include "base/arena.h"
#include "page/build.h"
#include "page/compose.h"
#include "page/plan.h"
#include "input/content.h"
#include "base/diag.h"
#include "input/fontset.h"
#include "input/layout.h"
#include "text/typeset.h"

typedef struct fixture {
    diag *d;
    fontset *fonts;
    layout *l;
    typesetter *ts;
    arena *a;
} fixture;

/* The shared fixture (created on first use, freed at exit). */
fixture *fixture_get(void);

/* Set `text` in `style` at a measure of `ems` em (of the style's size). */
para_result fixture_set(const char *style_name, const char *text, double ems);
/* Several spans (style, text, style, text, …, NULL) as one paragraph. */
para_result fixture_set_spans(double ems, ...);

/* The text of line i (a string owned by the fixture's arena). */
const char *line_text(const para_result *r, int i);
/* The lines' texts joined: what the paragraph lost or gained in breaking,
 * what a reader copies out of it (a string the next call overwrites). */
const char *lines_joined(const para_result *r);
/* Origin of glyph k of line i from the line's left edge, in em. */
double glyph_x(const para_result *r, int i, int k);
/* Advance of glyph k of line i (next origin minus origin), in em; the last
 * glyph's is measured to the line's end. */
double glyph_adv(const para_result *r, int i, int k);
/* Index in line i of the glyph showing the n-th occurrence (0-based) of
 * the UTF-8 character c, or -1. */
int glyph_of(const para_result *r, int i, const char *c, int n);
/* The em of the style used by fixture_set (its size). */
double fixture_em(const char *style_name);

/* A whole edition for the tests of composition: `article_yaml` is written
 * as the one article of an edition on the golden tests' "small" template
 * (tests/golden/layout), placed across `columns` ("1-2"), then loaded and
 * composed.  Exits when it cannot be loaded. */
typedef struct fixture_edition {
    edition *ed;
    edition_out out;
    const layout *l;
} fixture_edition;

fixture_edition fixture_compose(const char *article_yaml, const char *columns);
/* An edition of several files (name, text, name, text, …, NULL; one is
 * edition.yaml; a text "@copy PATH" is a copy of the repository's file
 * PATH, a photo) on the golden tests' layout, loaded and composed.
 * Exits when it cannot be loaded. */
fixture_edition fixture_compose_files(const char *name, ...);
/* The plan (page/plan.h) of an edition of several files given as above,
 * on the golden tests' layout: edition.yaml with its stories placed (the
 * caller frees it), or NULL with the problems in fixture_get()->d. */
char *fixture_plan_files(const char *name, ...);
/* An edition of several files given as above built on the golden tests'
 * layout by build_edition_with, its pages handed to `sink` as they are
 * composed (build.h); an exit status.  The caller frees b (build_free). */
int fixture_build_files(const build_sink *sink, build *b, const char *name, ...);
void fixture_edition_free(fixture_edition *fe);
/* Check that the first paragraph of the article `article_yaml` reads
 * `expected` after loading (normalised). */
void check_body_text(const char *article_yaml, const char *expected);

#define CHECK_NEAR(a, b, tol)                                                                      \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(a_ > b_ - (tol) && a_ < b_ + (tol))) {                                               \
            fprintf(stderr, "  %s:%d: %s: %s == %.4f, expected %.4f\n", __FILE__, __LINE__,        \
                    harness_current, #a, a_, b_);                                                  \
            harness_failed_checks++;                                                               \
        }                                                                                          \
    } while (0)

#endif
