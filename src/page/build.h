/* build.h — one edition loaded and composed, with everything it hangs on.
 *
 *     fontset_load → layout_load → edition_load → typesetter_new
 *       → compose_edition
 *
 * The commands of main.c (build, proof, diff, watch, text) load the fonts
 * and the layout for each edition they set; the archive loads them once
 * and lends them to every edition of the year (build_edition_with).  A
 * build owns what it loaded and frees it in build_free; what it was lent
 * stays with the lender. */
#ifndef PAIBAN_PAGE_BUILD_H
#define PAIBAN_PAGE_BUILD_H

#include "base/diag.h"
#include "input/content.h"
#include "input/fontset.h"
#include "input/layout.h"
#include "page/compose.h"
#include "page/plan.h"
#include "text/typeset.h"

#define PAIBAN_VERSION "0.1.0"

/* Exit status of every command (see cli/main.c). */
enum { EXIT_OK = 0, EXIT_LAYOUT = 1, EXIT_INPUT = 2, EXIT_ENV = 3 };

typedef struct build {
    char *layout_dir;
    char *fonts_file;
    fontset *fonts;
    layout *lay;
    bool lent;              /* fonts and layout belong to the caller */
    bool ts_lent;           /* and the typesetter too */
    edition *ed;
    typesetter *ts;
    edition_out eo;
    double t_start, t_loaded, t_composed; /* monotonic seconds */
} build;

/* Where the pages go as they are composed: NULL keeps them all in b->eo
 * (the proof, the report and `text` read them together); a sink is handed
 * each page when it is done — page(ctx, b, p), b->eo.pages[p] complete —
 * and the page is let go after (compose_edition_each: what stays of it),
 * and so is each article no later page sets (article_release: its blocks
 * and photo are gone from b->ed), so that memory does not grow with the
 * pages.  page returning false stops the build (its reason in d). */
typedef struct build_sink {
    bool (*page)(void *ctx, build *b, int page);
    void *ctx;
} build_sink;

/* Load and compose the edition in `dir`; the layout and fonts are
 * layout_dir and fonts_file when given, else found from the edition (the
 * nearest layout/ folder above it, fonts/fonts.yaml beside that).  An
 * exit status; the problems are in d. */
int build_edition(const char *dir, const char *layout_dir, const char *fonts_file,
                  content_options copt, const build_sink *sink, build *b, diag *d);
/* The plan of the edition in `dir` (page/plan.h) as edition.yaml text in
 * *yaml (the caller frees it); an exit status, the problems in d. */
int build_plan(const char *dir, const char *layout_dir, const char *fonts_file,
               content_options copt, const plan_options *po, char **yaml, diag *d);
/* The same with fonts and layout already loaded (lent, not owned), and
 * the typesetter `ts` made for them when not NULL (lent too: it reports
 * into d from now on, typesetter_set_diag). */
int build_edition_with(const char *dir, fontset *fonts, layout *lay, typesetter *ts,
                       content_options copt, const build_sink *sink, build *b, diag *d);
void build_free(build *b);

/* EXIT_ENV when d holds an error of the machine, else EXIT_INPUT. */
int build_failure_status(const diag *d);

/* The nearest folder at or above `start` that holds `child`, relative to
 * the working directory when inside it; NULL when there is none.  The
 * caller frees it. */
char *build_find_upward(const char *start, const char *child);
/* fonts/fonts.yaml beside the layout folder (caller frees). */
char *build_fonts_beside(const char *layout_dir);
/* The layout folder and font manifest for content at `start`: the ones
 * given (NULL when not), else the nearest layout/ folder above it, else
 * the installed one (build_share_dir), with fonts/fonts.yaml beside it.
 * Either comes back NULL when not found; the caller frees both. */
void build_locate(const char *start, const char *layout_dir, const char *fonts_file,
                  char **layout_out, char **fonts_out);
/* Where `make install` put the default layout/ and fonts/: $PAIBAN_SHARE
 * when set, else share/paiban beside the folder of the program itself
 * (/usr/local/bin/paiban → /usr/local/share/paiban), so an installed tree
 * moved as a whole (DESTDIR) still finds its own.  NULL when that folder
 * has no layout/; the caller frees it. */
char *build_share_dir(void);
#define BUILD_NO_LAYOUT                                                                            \
    "no layout/ folder found above the edition, and none installed; give --layout DIR"
bool build_is_dir(const char *path);
/* The build time: SOURCE_DATE_EPOCH when set (reproducible-builds.org),
 * else `fallback` (the edition's date); never the clock.  False, with the
 * error in d, when the variable is not a count of seconds. */
bool build_time(int64_t fallback, int64_t *out, diag *d);
/* Monotonic seconds. */
double build_now(void);

#endif
