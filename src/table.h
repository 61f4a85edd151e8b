/* table.h — a table laid out as a block of whole grid lines.
 *
 * Column widths come from the cells' content: each column's min-content
 * width (the widest piece no break can split: a number with its unit, a
 * Latin word, one Han character) and max-content width (its text on one
 * line).  Fixed and proportional widths from the YAML are honoured first;
 * the rest share what is left the way CSS's automatic table layout does.
 * A table that cannot fit says which column and by how much.
 *
 * Cell text goes through the paragraph pipeline in the table's style.
 * Every row takes whole grid lines, so the table keeps the page's line
 * grid; rules sit in the gaps between lines. */
#ifndef PAIBAN_TABLE_H
#define PAIBAN_TABLE_H

#include "content.h"
#include "page.h"
#include "para.h"

typedef struct block_out {
    draw_list list;  /* relative to the block's top-left; y of grid line 0's em-box top is 0 */
    int lines;       /* grid lines the block takes */
    scaled width;
} block_out;

typedef struct grid_metrics {
    scaled pitch;    /* grid line distance */
    scaled line_gap; /* space between em boxes */
    scaled body;     /* body size (the em box of a grid line) */
    scaled ascent;   /* baseline below the em-box top */
} grid_metrics;

/* Lay the table out `width` wide.  False (with an error naming the
 * column) when it cannot fit.  Each piece of text gets a paragraph id
 * from *next_para. */
bool table_layout(typesetter *ts, const layout *l, const table *t, scaled width,
                  const grid_metrics *g, arena *a, block_out *out, int *next_para, diag *d);

#endif
