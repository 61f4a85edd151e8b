/* folio.h — a folio template filled in.
 *
 * A folio template (layout: the template's folio left, center and right)
 * names the paper, the date, the page and its editor in braces; the folio
 * over every page but one with a masthead is such templates, filled.  The
 * 版次 ({page}) and the paper's name ({paper}) may stand out in styles of
 * their own (the folio's page-style and paper-style): the filled template
 * is then runs of text in the styles they name. */
#ifndef PAIBAN_PAGE_FOLIO_H
#define PAIBAN_PAGE_FOLIO_H

#include "base/arena.h"
#include "input/content.h"

/* A template has at most this many runs: a placeholder in a style of its
 * own, between two of the folio's. */
enum { FOLIO_MAX_SPANS = 32 };

/* The template `tmpl` of folio f with {paper} {date} {weekday} {page}
 * {name} {editor} filled in, as runs of text located at loc into out (at
 * most FOLIO_MAX_SPANS; what is past them joins the last): {page} and
 * {paper} in f's page-style and paper-style when it gives them, everything
 * else in its style.  Returns the runs; texts are allocated in `a`. */
int compose_folio_spans(const edition *e, const folio_spec *f, const char *tmpl,
                        const page_spec *ps, src_loc loc, arena *a, span *out);

#endif
