/* plan.h — automatic page make-up (自动组版): ranked stories to placements.
 *
 * A page of edition.yaml may list `stories` — articles with a rank (头条,
 * 二条 …) and the editor's wishes (a width, above the fold, never jump,
 * the page a jump may go to) — instead of placed `articles`.  The planner
 * places them as a make-up editor would, and writes the placements as the
 * edition.yaml an editor writes by hand, so that they can open it, move a
 * module and build (paiban plan; paiban build --plan builds from it).
 *
 * For each story it finds, with the real composer, how many grid lines it
 * needs at each width it may take.  A page is then laid out as a daily's
 * front or inside page is: the lead (rank 1) across the top — the page's
 * width, or its left part with the next stories stacked beside it — and
 * under it bands of columns (2 to 4 wide on a broadsheet), each a stack of
 * stories, the last of each band reaching the foot, or reaching a story
 * set across the foot of two bands or more (at the left, at the right or
 * across the page).  Every split of the columns into bands, every width of
 * the lead and every story across the foot is tried, the stories dealt
 * into the bands by rank (the higher-ranked higher and further left) and
 * by room (the band with most room, or with least, that holds it); a story
 * marked for the ear stands there.  The layouts whose bands leave least
 * empty are set aside as they are, and the cheapest of those as a build
 * would set them — staggered, its make-up checked — each weighed by what
 * it leaves to mend (page/makeup.h: overset, headline collisions, short
 * columns, empty lines (here weighed more), bare type area) and by what
 * it does against the ranks and the wishes.  When the cheapest still
 * leaves something to mend, the lead's headline across the page over its
 * text in fewer columns is tried too.  The cheapest wins.  A story
 * that fits nowhere is reported with the room it would need.  The same
 * input always gives the same plan.
 *
 * A story whose rest may jump (`continue-on`) is given at most the room
 * the page can spare, and its rest is placed on the page named, after that
 * page's own stories. */
#ifndef PAIBAN_PAGE_PLAN_H
#define PAIBAN_PAGE_PLAN_H

#include "input/content.h"
#include "input/layout.h"
#include "text/typeset.h"

#include <stdio.h>

typedef struct plan_options {
    const char *pages;      /* "A1,A3": plan only these pages (NULL: every page with stories) */
    FILE *explain;          /* each module's shape and the cost terms, or NULL */
} plan_options;

/* The edition as edition.yaml with every planned page's stories placed
 * (a heap string the caller frees); NULL with the problems in d.  Pages
 * that have placements already are written as they are. */
char *plan_edition(const edition *e, const layout *l, typesetter *ts, const plan_options *o,
                   diag *d);

#endif
