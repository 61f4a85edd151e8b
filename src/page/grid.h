/* grid.h — the page grid: grid lines, blocks of whole grid lines, the
 * areas articles take, and the gutters between grid columns.
 *
 * A template's type area is `columns` grid columns of `lines` grid lines.
 * Grid line k's em box starts at area_y + k × pitch; its baseline is
 * template_baseline (input/layout.h).  Everything composition places
 * takes whole grid lines, so neighbouring columns stay in register. */
#ifndef PAIBAN_PAGE_GRID_H
#define PAIBAN_PAGE_GRID_H

#include "base/diag.h"
#include "draw/display.h"
#include "input/content.h"
#include "input/layout.h"

typedef struct grid_metrics {
    scaled pitch;    /* grid line distance */
    scaled line_gap; /* space between em boxes */
    scaled body;     /* body size (the em box of a grid line) */
    scaled ascent;   /* baseline below the em-box top */
} grid_metrics;

/* Something drawn relative to its own top-left; y 0 is the em-box top of
 * its first grid line. */
typedef struct block_out {
    draw_list list;
    int lines;       /* grid lines it takes */
    scaled width;
} block_out;

/* The baseline of line `line` of a block (its em-box top plus the ascent),
 * from the block's top.  Past any page's height (a box or a table cell of
 * thousands of lines, which no module holds) it stays at that bound, so
 * lines × pitch cannot overflow; such a block is never placed. */
scaled grid_block_baseline(const grid_metrics *m, int line);

/* A page's grid: its template, the body style that makes it, its metrics. */
typedef struct page_grid {
    const template *t;
    const style *body;
    grid_metrics m;
} page_grid;

page_grid grid_of(const layout *l, const template *t);

/* The em-box top of grid line `line`, from the page's top. */
scaled grid_line_top(const page_grid *g, int line);

/* Grid lines a block of height h (top of the first em box to the bottom
 * of the last) takes: at least one. */
int grid_lines_for_height(const page_grid *g, scaled h);

/* Part i of a placement: 0 is its area, then the parts that shape it
 * (i up to part_count). */
const grid_area *grid_part(const placement *pl, int i);

/* The bottom grid line (exclusive) of an area of page ps: its top plus
 * its lines, or with `lines: fill` down to the next area below it in any
 * of its columns, or the foot of the type area. */
int grid_area_bottom(const page_spec *ps, const grid_area *a, const template *t);

/* The grid lines the masthead takes at the top of page p with template
 * t: on the edition's first page, when the template and the edition both
 * have one; else 0. */
int grid_masthead_lines(const edition *e, const template *t, int p);

/* Every area lies on the grid, two articles may not share a grid cell,
 * and none may start above `reserved_top` (the masthead's lines).  False,
 * with an error, when one does not. */
bool grid_check_overlaps(const page_spec *ps, const template *t, int reserved_top, diag *d);

/* Whether one of v[0..n) spans the gutter right of column `col` at grid
 * line `line`. */
bool grid_spanned(const grid_rect *v, int n, int col, int line);

/* A column rule at x from grid line `from` down to `to`, centred in the
 * line gaps at both ends; none when it would be a single line long. */
void grid_gutter_rule(draw_list *dl, const page_grid *g, scaled x, int from, int to);

#endif
