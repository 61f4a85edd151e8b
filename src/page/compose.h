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
 * never dropped silently.
 *
 * The parts, each with a header of its own, internal to page/ but for
 * grid.h and table.h: grid.h (the page grid), furniture.h (folio,
 * column rules), masthead.h (the masthead and the ear's place), place.h
 * (a module's area, photo and drawing), headband.h (the headline band),
 * items.h (blocks as flow items), flow.h (the flow through the columns),
 * jump.h (continuations), table.h (tables); composer.h holds the state
 * they share. */
#ifndef PAIBAN_PAGE_COMPOSE_H
#define PAIBAN_PAGE_COMPOSE_H

#include "draw/display.h"
#include "input/content.h"
#include "input/layout.h"
#include "text/typeset.h"

/* Compose every page of the edition into `out` (its own arena holds
 * what the pages keep; edition_out_free in draw/display.h frees it).
 * False when there were errors, which are in d; overset text and lines
 * set beyond the breaker's rules are warnings. */
bool compose_edition(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                     diag *d);

/* Page p of e set aside with the placements of ps in place of its own, as
 * the planner tries them (page/plan.h): as they are, or when `staggered`
 * is given staggered as a build would stagger them (the placements it
 * moved to in *staggered, in `a`),
 * set into *out (free it with page_out_free; its strings live in `a`), its
 * make-up found, nothing warned and no jump carried in from earlier pages.
 * Returns what it leaves to mend (page/makeup.h: makeup_cost; far more for
 * placements that overlap or cannot be set), and in *errors (when asked)
 * how many errors setting it met. */
long compose_page_aside(const edition *e, const layout *l, typesetter *ts, const page_spec *ps,
                        int p, arena *a, page_out *out, const page_spec **staggered, int *errors);
/* The same, handing each page over as soon as it is composed, so that
 * memory does not grow with the pages: done(ctx, out, p) is called with
 * page p complete (its lists, modules, spanners), and then the page is
 * let go (edition_out_release_page: its label, name, size and module boxes
 * stay).  What carries on to later pages (a jump's rest) is kept apart.
 * done returning false stops composition (its reason is in d); the
 * warnings of loose or broken lines come at the end, as compose_edition
 * gives them. */
typedef bool (*page_done_fn)(void *ctx, edition_out *out, int page);
bool compose_edition_each(const edition *e, const layout *l, typesetter *ts, edition_out *out,
                          page_done_fn done, void *ctx, diag *d);

#endif
