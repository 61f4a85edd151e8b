/* makeup.h — the make-up check: what a desk chief sends back (MU-5).
 *
 * Run on the composed pages, it finds what makes a newspaper page look
 * unfinished however good its text: headline bands of stories side by
 * side in one band (撞题), a headline under another story with too little
 * white above it (题上空), a column that ends short of its module's foot
 * while a later one holds text, a module with lines left empty
 * (underset), stories side by side or stacked with nothing between them
 * but a bare gutter, type area no module covers, a headline band whose
 * kicker or subtitle outgrows its headline (MU-6), and on the first page
 * a headline as large as the paper's name in the masthead (MU-8).
 *
 * Each finding goes on its page (page_out.findings: the dump, the report
 * and the proof read them) and is a warning of its kind at the placement
 * of the article it concerns, so `--strict` fails on it.  The composer
 * itself works to leave none (page/stagger.h, the flow's fill); what it
 * cannot mend, this check reports. */
#ifndef PAIBAN_PAGE_MAKEUP_H
#define PAIBAN_PAGE_MAKEUP_H

#include "draw/display.h"
#include "input/content.h"
#include "input/layout.h"

/* A column may end this many lines short at the foot of a story's last
 * column before the module counts as underset. */
enum { MAKEUP_SHORT_LAST_COLUMN = 3 };

/* Whether column spans [a_from, a_to] and [b_from, b_to] stand side by
 * side, a gutter between them: where headline bands on the same grid
 * lines collide (the check below, and the planner's guess at it). */
static inline bool makeup_side_by_side(int a_from, int a_to, int b_from, int b_to)
{
    return a_to + 1 == b_from || b_to + 1 == a_from;
}

/* Whether grid lines [a_from, a_from + a_n) and [b_from, b_from + b_n)
 * share one. */
static inline bool makeup_lines_overlap(int a_from, int a_n, int b_from, int b_n)
{
    return a_from < b_from + b_n && b_from < a_from + a_n;
}

/* The findings of page po as set from ps (which may be a trial's, not
 * the edition's), without warnings: what the composer weighs when it
 * tries another make-up. */
void makeup_find(page_out *po, const page_spec *ps, const layout *l, int reserved_top);

/* What page po as set leaves to mend, as one number: text that did not
 * fit weighs most (a line 1000), then a headline collision or bare type
 * area (400), too little white or no rule between stories (200), a short
 * column (60 a line), a line left empty (20). */
long makeup_cost(const page_out *po);
/* The weight of one finding of a kind in makeup_cost (a collision), or of
 * each of its lines (the rest): what the planner's guesses weigh too. */
long makeup_weight(makeup_kind kind);

/* makeup_find on page p of the edition as set (po), each finding warned
 * of: before the page is written, so the dump has its findings. */
void makeup_check(page_out *po, int p, const edition *e, const layout *l, diag *d);

#endif
