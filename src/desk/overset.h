/* overset.h — what would hold an overset article: the module set again,
 * taller or wider.
 *
 * For each module with overset lines, the article is set alone on a copy
 * of its page (the module as placed, the other modules left out) with more
 * grid lines in the same columns, from one more down to the foot of the
 * type area, the fewest that hold it all found by halving; and with more
 * columns in the same lines, widened to the right, then to the left.  The
 * answers go to the module's fit_lines and fit_col_from–fit_col_to
 * (draw/display.h) for the report and the proof; they say what fits the
 * text, not what the rest of the page makes room for.  A continuation
 * (the rest of a jump) and a module of several parts are not tried.  The
 * trial settings use a typesetter of their own: their messages are not
 * the edition's. */
#ifndef PAIBAN_DESK_OVERSET_H
#define PAIBAN_DESK_OVERSET_H

#include "input/content.h"
#include "input/fontset.h"
#include "input/layout.h"
#include "page/compose.h"

void overset_fits(edition_out *eo, const edition *e, const layout *l, fontset *fonts);

#endif
