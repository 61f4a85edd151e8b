/* separate.h — how stories are told apart on the page (MU-1).
 *
 * Internal to page/.  A story under another gets the template's
 * head-space — whole grid lines of white above it (题上空) — with the
 * story rule (隔线) across its top in the middle of that white; stories
 * side by side get the story rule in the gutter between them, where the
 * columns of one story get only the lighter column rule.  The weights
 * come from the template's make-up (input/layout.h), which refuses a
 * story rule no heavier than the column rule. */
#ifndef PAIBAN_PAGE_SEPARATE_H
#define PAIBAN_PAGE_SEPARATE_H

#include "page/composer.h"

/* The white above module m when another story stands above it (its top
 * is below the page's first free grid line, c->reserved_top): taken from
 * the flow, kept free of column rules, the story rule drawn across it.
 * Returns the first grid line left for the module's text. */
int separate_top(module *m);

/* The story rules in the gutters between stories side by side on page
 * ps, wherever their areas face each other. */
void separate_sides(const page_grid *g, page_out *page, const page_spec *ps);

#endif
