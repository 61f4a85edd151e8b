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
 * needs at each width it may take, how many its headline band takes there
 * and how many its end leaves empty at that depth and a line deeper.  A
 * page is then laid out as a daily's front or inside page is: the lead
 * (rank 1) across the top — as wide as the page or its left part, its
 * photo at its right beside its headline, or its headline across the page
 * over its text in fewer columns — and under it bands of columns (2 to 4
 * wide on a broadsheet), each a stack of stories, down to the foot or to
 * a story set across the foot of some of them; the stories beside a
 * narrower lead stand down to its foot or to the page's.  The stories
 * are dealt into the bands by rank (one wished above the fold first) and
 * by room, and again with every other band dealt a step shorter.  A band
 * under the lead starts where its stories, each as deep as it needs (or a
 * line deeper where copy fitting takes that up), leave off above its
 * foot, and the lead's foot steps down to it: every column under the lead
 * is full by construction, what is left over goes to the lead, and bands
 * side by side start on different lines, so their headlines are
 * staggered.  Each layout is guessed at from those measures (the lines
 * the stories' ends and the lead's shape leave, headlines on shared
 * lines); the likeliest are set aside as they are, and the cheapest of
 * those as a build would set them — staggered, its make-up checked — each
 * weighed by what it leaves to mend (page/makeup.h) and by what it does
 * against the ranks and the wishes.  On an inside page that still leaves
 * something, the lead's heads a size smaller are tried too.  The cheapest
 * wins.  A story that fits nowhere is reported with the room it would
 * need.  The same input always gives the same plan.
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
