/* folio.h — a folio template filled in.
 *
 * A folio template (layout: the template's folio left, center and right)
 * names the paper, the date, the page and its editor in braces; the folio
 * over every page but one with a masthead is such templates, filled. */
#ifndef PAIBAN_PAGE_FOLIO_H
#define PAIBAN_PAGE_FOLIO_H

#include "base/arena.h"
#include "input/content.h"

/* A folio template with {paper} {date} {weekday} {page} {name} {editor}
 * filled in; allocated in `a`. */
char *compose_folio_text(const edition *e, const char *tmpl, const page_spec *ps, arena *a);

#endif
