/* headband.h — the headline band and other stacked text blocks.
 *
 * Internal to page/.  A headline band is the kicker (引题), the headline
 * (主题) and the subtitle (副题) stacked at their styles' leading across the
 * module's first columns, centred in whole grid lines, before the body;
 * the subtitle is set no wider than the headline, under it (MU-7).
 * Heads, captions and the masthead's name are stacked the same way. */
#ifndef PAIBAN_PAGE_HEADBAND_H
#define PAIBAN_PAGE_HEADBAND_H

#include "page/composer.h"

/* Set spans as lines stacked at their style's leading (part_gap between
 * parts), centred in whole grid lines, into `out` (drawn from y 0, each
 * part a paragraph of its own); `extra_after` adds grid lines below. */
void stack_block(composer *c, const page_grid *g, const span *const *parts, int nparts,
                 scaled width, scaled part_gap, int extra_after, line_role role,
                 block_out *out);

/* The styles of the article's kicker, headline and subtitle where pl
 * places it (MU-6): the headline's is the placement's or the article's;
 * the kicker's and the subtitle's the placement's, else the companions
 * the headline's style names, else the article's own. */
void band_styles(const layout *l, const article *a, const placement *pl, int styles[3]);

/* The article's headline band from grid line `line` down, across the
 * columns its placement gives it, taken from the flow.  Returns the grid
 * line below it (`line` when the article has no heads) and the module
 * columns it spans in *cols (all of them when there is none).  A band
 * deeper than the module is an error: it cannot flow on. */
int headband_set(module *m, int line, int *cols);

/* The headline again, in style `style_index`, over a continuation (转版) from
 * grid line `line` across the module, marked as repeated.  Returns the
 * grid line below it. */
int headband_repeat(module *m, int style_index, int line);

#endif
