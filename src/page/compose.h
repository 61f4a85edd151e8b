/* compose.h — pages from the edition: furniture, modules, columns.
 *
 * Each article sits in a module of the page grid (columns from–to, a top
 * grid line, a height).  Inside it, top down: the headline block (kicker,
 * headline, subtitle) across the module, the photo with its caption across
 * its first columns, and the body flowing column by column through what is
 * left.  Every body baseline is a grid line of the page; heads, boxes,
 * tables, photos and captions take whole grid lines, so neighbouring
 * columns stay in register.
 *
 * The flow keeps a head with the two lines after it, never leaves the
 * first or last line of a paragraph alone at the foot or top of a column
 * (it first asks the line breaker for the paragraph one line shorter or
 * longer, and only then leaves a line empty), and balances the columns
 * when the text ends early.  Text that does not fit is overset: reported,
 * never dropped silently. */
#ifndef PAIBAN_PAGE_COMPOSE_H
#define PAIBAN_PAGE_COMPOSE_H

#include "draw/display.h"
#include "input/content.h"
#include "input/layout.h"
#include "text/typeset.h"

bool compose_edition(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                     diag *d);

/* A folio template with {paper} {date} {weekday} {page} {name} {editor}
 * filled in; allocated in `a`. */
char *compose_folio_text(const edition *e, const char *tmpl, const page_spec *ps, arena *a);

#endif
