/* stagger.h — headlines of stories side by side, staggered (错题, MU-2).
 *
 * Internal to page/.  Two stories side by side whose headline bands share
 * grid lines read as one headline (撞题).  Before a page is set, its
 * placements are tried as given and with one module's top moved down by
 * whole grid lines, so that its headline begins a line below its
 * neighbour's; the lines it leaves go to the story above it (a part added
 * to that story's area when it is wider).  Each try sets the page's
 * modules in full, aside, and is weighed by what it leaves: overset text
 * most, then headline collisions, short columns, lines left empty and the
 * other make-up findings (page/makeup.h).  The cheapest wins, move after
 * move, while a move helps; what cannot be staggered is left to the
 * make-up check, which warns of it. */
#ifndef PAIBAN_PAGE_STAGGER_H
#define PAIBAN_PAGE_STAGGER_H

#include "page/composer.h"

/* Page ps's placements with the moves that staggered its headlines, in
 * c's arena; ps itself when none helped.  Page p of the edition; the
 * composer's carries, paragraph ids and diagnostics are as they were. */
const page_spec *stagger_page(composer *c, const page_grid *g, const page_spec *ps, int p);

/* Page ps's modules set aside into *out (free it with page_out_free), the
 * composer as it was before and after — its carries, paragraph ids and
 * diagnostics untouched — what the try allocates in `scratch`; returns
 * what the page leaves to mend (makeup_cost, and much more for an error). */
long stagger_try(composer *c, const page_grid *g, const page_spec *ps, int p, page_out *out,
                 arena *scratch);

#endif
