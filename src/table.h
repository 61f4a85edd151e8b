/* table.h — a table laid out in pieces of whole grid lines.
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
 * grid.  The result is a title, the header rows, groups of body rows (rows
 * a cell spans stay together) and a note, each drawn at its own origin, so
 * the flow can break the table between groups and repeat the header at
 * the top of each column; table_draw_rules draws the rules of one piece. */
#ifndef PAIBAN_TABLE_H
#define PAIBAN_TABLE_H

#include "content.h"
#include "page.h"
#include "para.h"

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

typedef struct table_out {
    block_out title;    /* lines 0 when there is none */
    block_out head;     /* the header rows */
    block_out *groups;  /* body rows, in groups that may not be split */
    int group_count;
    bool *tinted;       /* per group: zebra tint under it */
    unsigned char *spanned; /* (group_count + 1) × (col_count + 1): a cell spans column
                             * boundary k in the group (the last row is the header) */
    block_out note;
    scaled width;
    scaled *col_x;      /* column edges, col_count + 1 of them */
    int col_count;
    table_rules rules;
    scaled thick, thin; /* rule weights */
} table_out;

/* Lay the table out `width` wide.  False (with an error naming the
 * column) when it cannot fit.  Each piece of text gets a paragraph id
 * from *next_para. */
bool table_layout(typesetter *ts, const layout *l, const table *t, scaled width,
                  const grid_metrics *g, arena *a, table_out *out, int *next_para, diag *d);

/* Draw the rules (and zebra tints) of one piece of the table at x, y (the
 * top of the piece's first grid line): `head_lines` of header, then body
 * groups first_group .. first_group + ngroups - 1. */
void table_draw_rules(const table_out *t, const grid_metrics *g, draw_list *dl, scaled x,
                      scaled y, int head_lines, int first_group, int ngroups);

void table_out_free(table_out *t);

#endif
