/* table.h — a table laid out in rows of whole grid lines, and where it breaks.
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
 * grid.  The result is a title, the header rows, the body rows and a note,
 * each drawn at its own origin, so the flow can break the table between
 * any two body rows and repeat the header at the top of each column.  A
 * cell that spans body rows is kept apart: each piece of the table it
 * reaches draws it again, centred over the piece's part of its rows.
 *
 * table_plan decides where a table one column wide breaks (a pure
 * function of row heights, row groups and frame sizes); table_draw_piece
 * draws one piece, its rules and tints included. */
#ifndef PAIBAN_PAGE_TABLE_H
#define PAIBAN_PAGE_TABLE_H

#include "draw/display.h"
#include "input/content.h"
#include "page/grid.h"
#include "text/typeset.h"

/* A body cell that spans rows: drawn in every piece it reaches. */
typedef struct table_span {
    block_out text;  /* its lines from y 0; .lines: the lines its text needs */
    int first, end;  /* the body rows [first, end) it covers */
} table_span;

typedef struct table_out {
    block_out title;    /* lines 0 when there is none */
    block_out head;     /* the header rows, their spanning cells centred */
    block_out *rows;    /* per body row: its cells that span no rows; .lines its grid lines */
    int row_count;
    int *group;         /* per body row: its row group (rows joined by spanning cells) */
    int group_count;
    bool *tinted;       /* per group: zebra tint under it */
    table_span *spans;  /* body cells that span rows, by first row */
    int span_count;
    int head_rows;      /* header rows (their lines add up to head.lines) */
    int *row_lines;     /* per row, header rows first: grid lines */
    int *cover;         /* (head_rows + row_count) × col_count: the cell covering each
                         * grid cell, so grid rules stop at cells that span */
    block_out note;
    scaled width;
    scaled *col_x;      /* column edges, col_count + 1 of them */
    int col_count;
    table_rules rules;
    scaled thick, thin; /* rule weights */
    int id;             /* the table's id in its lines (text_line.table) */
} table_out;

/* Lay the table out `width` wide, as table `id` (0: a new id; the rest
 * of a table carried over a jump keeps the one it began with).  False
 * (with an error naming the column) when it cannot fit.  Each piece of
 * text gets a paragraph id from *next_para. */
bool table_layout(typesetter *ts, const layout *l, const table *t, scaled width,
                  const grid_metrics *g, arena *a, int id, table_out *out, int *next_para,
                  diag *d);

/* Grid lines of the table from body row first_row on: the title (when
 * first_row is 0), header, those body rows and the note. */
int table_lines(const table_out *t, int first_row);

/* Where the table may break before body row r (0 < r < row_count).
 * Between row groups is free; inside a group it costs more; a break that
 * leaves one row of a group alone at the foot of a piece or the top of
 * the next is a "lone" break; one that leaves a spanning cell fewer lines
 * than its text needs, in either piece, cannot be. */
typedef enum {
    TABLE_BREAK_GROUP,
    TABLE_BREAK_INSIDE,
    TABLE_BREAK_LONE,
    TABLE_BREAK_NEVER
} table_break;
table_break table_break_before(const table_out *t, int r);

/* A frame a piece may take: the grid lines free in it (after the empty
 * line above a table that does not start a column), and whether it is
 * the top of a column. */
typedef struct table_frame {
    int room;
    bool fresh;
} table_frame;

/* One piece: the frame it takes and its body rows.  It carries the title
 * when first_row is 0 and the note when it ends the table. */
typedef struct table_piece {
    int frame;
    int first_row, rows;
    int lines;       /* grid lines it takes, header, title and note included */
} table_piece;

typedef struct table_plan_options {
    bool strict;     /* no lone rows and no one-row pieces (but in a column that holds no more) */
    bool even_last;  /* nothing follows the table: its last piece's foot counts too */
    int first_row;   /* body rows before it were set elsewhere (before a jump) */
} table_plan_options;

/* Break the table, from body row o->first_row on, over the frames, in
 * order (a frame may be left out).
 * The plan with the least cost wins: every grid line not placed costs
 * most, then lone rows and one-row pieces (only without `strict`), then
 * the square of the lines each piece leaves empty at its frame's foot
 * (the last piece's only with `even_last`), then each break inside a row
 * group.  Fills pieces[] (room for nframes) and returns their number;
 * *left gets the grid lines not placed (0 when all fit). */
int table_plan(const table_out *t, const table_frame *frames, int nframes,
               const table_plan_options *o, table_piece *pieces, int *left);

/* Draw a piece of body rows [first_row, first_row + rows) at x, y (the
 * em-box top of its first grid line, page grid line `line`): the title
 * when first_row is 0, the header, the rows, the spanning cells that
 * reach them, the note when the piece ends the table, and their rules and
 * tints (first, under the text). */
void table_draw_piece(const table_out *t, const grid_metrics *g, draw_list *dl, scaled x,
                      scaled y, int line, int first_row, int rows, int article_index, int column);

/* The rules and zebra tints of such a piece, at x, y (the top of its
 * header's first grid line). */
void table_draw_rules(const table_out *t, const grid_metrics *g, draw_list *dl, scaled x,
                      scaled y, int first_row, int rows);

void table_out_free(table_out *t);

#endif
