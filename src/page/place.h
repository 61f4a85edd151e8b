/* place.h — an article's module on the page, and what is drawn in it.
 *
 * Internal to page/.  A module is the bounding box of its placement's
 * parts (an L-shaped placement leaves the cells outside its parts to its
 * neighbours), set in the page grid's columns or in columns of its own.
 * Into it go the photo with its caption, the items where the flow placed
 * them, and — in columns of its own — its own column rules.  Whatever
 * spans a gutter (a headline, a photo, a box or table across columns) is
 * recorded, so column rules stop there. */
#ifndef PAIBAN_PAGE_PLACE_H
#define PAIBAN_PAGE_PLACE_H

#include "page/composer.h"

/* Open the module of placement pl (article `article_index` of the
 * edition) on `page`: its bounding box, its columns, the grid cells
 * outside its parts taken, and its module_box added to the page. */
void module_open(module *m, composer *c, const page_grid *g, page_out *page, const page_spec *ps,
                 const placement *pl, int article_index);

/* After the flow: the lines each column leaves empty at its foot, on
 * the module's module_box (the make-up check reads them). */
void place_record_fill(module *m);

/* Free what the module holds (its items). */
void module_close(module *m);

/* The article's photo and caption, under the headline band (head_end) or
 * where the article puts it; at the module's top (head_top) when it stands
 * in columns the band (head_cols wide) leaves free.  One that does not
 * fit is an error and is left out. */
void place_photo(module *m, int head_top, int head_end, int head_cols);

/* Draw the items where the flow placed them. */
void place_flow(module *m, const placed_vec *pv);

/* A module in columns of its own keeps the page's column rules out (its
 * gutters are elsewhere) and draws its own, from grid line `from` (below
 * its headline) down, interrupted where something spans them. */
void place_own_rules(module *m, int from);

#endif
