/* test_table.c — where a table breaks, and how its pieces are drawn, on
 * tables built by hand.
 *
 * table_plan and table_draw_piece work on a table_out and need no fonts:
 * a table here is a list of row groups ("4" is a group of four rows
 * joined by a cell in column 0 that spans them, "1" a row of its own),
 * three columns wide, every row one grid line, with a one-line header. */
#include "harness.h"
#include "tests.h"

#include "page/table.h"

#include <stdlib.h>

enum { MAX_ROWS = 64, COLS = 3 };

typedef struct fake {
    table_out t;
    block_out rows[MAX_ROWS];
    int group[MAX_ROWS];
    table_span spans[MAX_ROWS];
    int row_lines[MAX_ROWS + 1];
    int cover[(MAX_ROWS + 1) * COLS];
    bool tinted[MAX_ROWS];
    scaled col_x[COLS + 1];
} fake;

static const grid_metrics grid = {.pitch = 14 * 65536, .line_gap = 5 * 65536,
                                  .body = 9 * 65536, .ascent = 8 * 65536};

/* A text line of one character, at grid line 0 of a block. */
static void one_line(block_out *b, const char *text)
{
    text_line *tl = VEC_PUSH(b->list.lines);
    tl->text = text;
    tl->grid_line = 0;
    tl->column = -1;
    tl->article = -1;
    tl->y = grid.ascent;
    b->lines = 1;
}

/* sizes: the rows of each group, 0-terminated; span_cols: the columns a
 * group's spanning cell covers (1, or 2 to span two columns too). */
static void build(fake *f, const int *sizes, int span_cols, table_rules rules, int note)
{
    static const char *const names[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"};
    memset(f, 0, sizeof *f);
    table_out *t = &f->t;
    t->rows = f->rows;
    t->group = f->group;
    t->spans = f->spans;
    t->row_lines = f->row_lines;
    t->cover = f->cover;
    t->tinted = f->tinted;
    t->col_x = f->col_x;
    t->col_count = COLS;
    t->head_rows = 1;
    t->head.lines = 1;
    t->note.lines = note;
    t->rules = rules;
    t->thick = 65536;
    t->thin = 32768;
    t->width = 90 * 65536;
    for (int c = 0; c <= COLS; c++)
        f->col_x[c] = c * 30 * 65536;
    f->row_lines[0] = 1;
    int cell = 0;
    for (int c = 0; c < COLS; c++)
        f->cover[c] = cell++;
    int r = 0;
    for (int g = 0; sizes[g]; g++) {
        int span_cell = -1;
        if (sizes[g] > 1) {
            table_span *s = &f->spans[t->span_count++];
            s->first = r;
            s->end = r + sizes[g];
            one_line(&s->text, names[g % 8]);
            span_cell = cell++;
        }
        f->tinted[g] = rules == TABLE_ZEBRA && g % 2 == 1;
        for (int k = 0; k < sizes[g]; k++, r++) {
            f->rows[r].lines = 1;
            f->row_lines[1 + r] = 1;
            f->group[r] = g;
            for (int c = 0; c < COLS; c++)
                f->cover[(1 + r) * COLS + c] = span_cell >= 0 && c < span_cols ? span_cell : cell++;
        }
        t->group_count = g + 1;
    }
    t->row_count = r;
}

static void release(fake *f)
{
    for (int k = 0; k < f->t.span_count; k++)
        draw_list_free(&f->spans[k].text.list);
}

static int plan(const fake *f, const int *rooms, int n, bool strict, bool even_last,
                table_piece *pieces, int *left)
{
    table_frame frames[16];
    for (int i = 0; i < n; i++)
        frames[i] = (table_frame){.room = rooms[i], .fresh = true};
    table_plan_options o = {.strict = strict, .even_last = even_last};
    return table_plan(&f->t, frames, n, &o, pieces, left);
}

void test_table_break_kinds(void)
{
    fake f;
    build(&f, (const int[]){1, 4, 1, 0}, 1, TABLE_THREE_LINE, 0);
    CHECK_INT(table_break_before(&f.t, 0), TABLE_BREAK_NEVER);
    CHECK_INT(table_break_before(&f.t, 1), TABLE_BREAK_GROUP);
    CHECK_INT(table_break_before(&f.t, 2), TABLE_BREAK_LONE);   /* one row left above */
    CHECK_INT(table_break_before(&f.t, 3), TABLE_BREAK_INSIDE);
    CHECK_INT(table_break_before(&f.t, 4), TABLE_BREAK_LONE);   /* one row left below */
    CHECK_INT(table_break_before(&f.t, 5), TABLE_BREAK_GROUP);
    CHECK_INT(table_break_before(&f.t, 6), TABLE_BREAK_NEVER);
    /* A spanning cell of three lines needs three lines in each piece. */
    f.spans[0].text.lines = 3;
    CHECK_INT(table_break_before(&f.t, 3), TABLE_BREAK_NEVER);
    release(&f);
}

/* The sample's A2 table: five counties of 6, 7, 11, 10 and 10 rows, each
 * with a subtotal, then the total; a two-line note; three columns of 19
 * lines.  Between groups only, the pieces came out 16, 23 and 16 lines;
 * now the first county it cuts is 颍源县 after three rows, the second
 * 石淙县 two rows before its end (not one: that row would stand alone). */
void test_table_plan_sample_pieces_even(void)
{
    fake f;
    build(&f, (const int[]){6, 1, 7, 1, 11, 1, 10, 1, 10, 1, 1, 0}, 1, TABLE_THREE_LINE, 2);
    CHECK_INT(f.t.row_count, 50);
    table_piece p[3];
    int left;
    int n = plan(&f, (const int[]){19, 19, 19}, 3, true, true, p, &left);
    CHECK_INT(left, 0);
    CHECK_INT(n, 3);
    CHECK_INT(p[0].lines, 19);
    CHECK_INT(p[1].lines, 18);
    CHECK_INT(p[2].lines, 18);
    CHECK_INT(p[1].first_row, 18);
    CHECK_INT(p[2].first_row, 35);
    CHECK_INT(table_break_before(&f.t, 18), TABLE_BREAK_INSIDE);
    CHECK_INT(table_break_before(&f.t, 35), TABLE_BREAK_INSIDE);
    /* One line less in each column and it does not fit. */
    plan(&f, (const int[]){18, 18, 18}, 3, true, true, p, &left);
    CHECK(left > 0);
    release(&f);
}

/* A whole group moves rather than being cut when the columns come out as
 * even; it is cut when that evens them out, or when nothing else fits. */
void test_table_plan_group_breaks_preferred(void)
{
    fake f;
    table_piece p[3];
    int left;
    /* 5 + 1 | 5 + 1: the boundary gives 7 and 7. */
    build(&f, (const int[]){5, 1, 5, 1, 0}, 1, TABLE_THREE_LINE, 0);
    int n = plan(&f, (const int[]){8, 8}, 2, true, true, p, &left);
    CHECK_INT(n, 2);
    CHECK_INT(p[1].first_row, 6);
    CHECK_INT(table_break_before(&f.t, 6), TABLE_BREAK_GROUP);
    release(&f);
    /* 4 | 8 | 4 in columns of 13: the boundaries give 5 + 13 or 13 + 5;
     * cutting the middle group in half gives 9 + 9. */
    build(&f, (const int[]){4, 8, 4, 0}, 1, TABLE_THREE_LINE, 0);
    n = plan(&f, (const int[]){13, 13}, 2, true, true, p, &left);
    CHECK_INT(n, 2);
    CHECK_INT(p[1].first_row, 8);
    CHECK_INT(p[0].lines, 9);
    /* In columns of 10 only the cut fits at all. */
    n = plan(&f, (const int[]){10, 10}, 2, true, true, p, &left);
    CHECK_INT(left, 0);
    CHECK_INT(p[1].first_row, 8);
    release(&f);
}

/* Three columns of 5 for 3 | 6 | 3 rows: filled greedily, the first
 * column would end with the first row of the six alone.  Strictly there
 * is no such break: the table does not fit (the balancing then looks for
 * taller columns), and in columns of 6 it fits without one.  Only when
 * rules are relaxed (the module's full depth) may a lone row stand. */
void test_table_plan_no_lone_rows(void)
{
    fake f;
    table_piece p[4];
    int left;
    build(&f, (const int[]){3, 6, 3, 0}, 1, TABLE_THREE_LINE, 0);
    plan(&f, (const int[]){5, 5, 5}, 3, true, true, p, &left);
    CHECK(left > 0);
    int n = plan(&f, (const int[]){5, 5, 5}, 3, false, true, p, &left);
    CHECK_INT(left, 0);
    bool lone = false;
    for (int k = 1; k < n; k++)
        lone |= table_break_before(&f.t, p[k].first_row) == TABLE_BREAK_LONE;
    CHECK(lone);
    n = plan(&f, (const int[]){6, 6, 6}, 3, true, true, p, &left);
    CHECK_INT(left, 0);
    for (int k = 1; k < n; k++)
        CHECK(table_break_before(&f.t, p[k].first_row) != TABLE_BREAK_LONE);
    release(&f);
}

/* Any table, any frames: a strict plan's pieces follow one another, fit
 * their frames, hold two rows or more (unless a whole frame holds one),
 * and no piece starts or ends with a lone row of a group.  Whenever the
 * relaxed plan sets everything without a lone row, the strict one does
 * too. */
void test_table_plan_pieces_never_lone(void)
{
    srand(5);
    for (int run = 0; run < 400; run++) {
        int sizes[24], n = 0, rows = 0;
        while (rows < 40 && n < 20) {
            sizes[n] = rand() % 3 == 0 ? 1 + rand() % 12 : 1;
            rows += sizes[n++];
        }
        sizes[n] = 0;
        fake f;
        build(&f, sizes, 1 + rand() % 2, TABLE_GRID, rand() % 3);
        int rooms[6], nframes = 2 + rand() % 4;
        for (int i = 0; i < nframes; i++)
            rooms[i] = 4 + rand() % 20;
        table_piece p[6];
        int left;
        int count = plan(&f, rooms, nframes, true, rand() % 2, p, &left);
        int next = 0, frame = -1;
        for (int k = 0; k < count; k++) {
            CHECK_INT(p[k].first_row, next);
            CHECK(p[k].frame > frame);
            CHECK(p[k].lines <= rooms[p[k].frame]);
            if (p[k].rows < 2 && f.t.row_count > 1) {
                /* One row only where two do not fit the frame. */
                int two = f.t.head.lines + 2 +
                          (p[k].first_row + 2 == f.t.row_count ? f.t.note.lines : 0);
                CHECK(p[k].first_row + 2 <= f.t.row_count && two > rooms[p[k].frame]);
            }
            if (k > 0)
                CHECK(table_break_before(&f.t, p[k].first_row) == TABLE_BREAK_GROUP ||
                      table_break_before(&f.t, p[k].first_row) == TABLE_BREAK_INSIDE);
            next += p[k].rows;
            frame = p[k].frame;
        }
        CHECK_INT(left > 0, next < f.t.row_count);
        int loose_left;
        int m = plan(&f, rooms, nframes, false, true, p, &loose_left);
        bool lone = false;
        for (int k = 0; k < m; k++)
            lone |= (k > 0 && table_break_before(&f.t, p[k].first_row) == TABLE_BREAK_LONE) ||
                    (p[k].rows < 2 && f.t.row_count > 1);
        if (loose_left == 0 && !lone)
            CHECK_INT(left, 0);
        release(&f);
    }
}

/* Grid lines of the text lines showing `text` in a list. */
static int lines_at(const draw_list *dl, const char *text, int *grid_lines, int max)
{
    int n = 0;
    for (int i = 0; i < dl->lines.n && n < max; i++)
        if (strcmp(dl->lines.v[i].text, text) == 0)
            grid_lines[n++] = dl->lines.v[i].grid_line;
    return n;
}

/* A cell spanning six rows, cut after four: each piece draws it, centred
 * over its own part on the grid (half a line high when the lines do not
 * halve). */
void test_table_span_repeated_in_each_piece(void)
{
    fake f;
    build(&f, (const int[]){1, 6, 1, 0}, 1, TABLE_THREE_LINE, 0);
    draw_list a = {0}, b = {0};
    table_draw_piece(&f.t, &grid, &a, 0, 0, 10, 0, 5, -1, -1);  /* rows 0-4 */
    table_draw_piece(&f.t, &grid, &b, 0, 0, 40, 5, 3, -1, -1);  /* rows 5-7 */
    int at[4];
    /* Piece a: header at 10, row 0 at 11, rows 1-4 (its part) at 12-15. */
    CHECK_INT(lines_at(&a, "乙", at, 4), 1);
    CHECK_INT(at[0], 13);
    /* Piece b: header at 40, rows 5-6 (its part) at 41-42. */
    CHECK_INT(lines_at(&b, "乙", at, 4), 1);
    CHECK_INT(at[0], 41);
    draw_list_free(&a);
    draw_list_free(&b);
    /* Whole, over rows 1-6 (grid lines 2-7 below a header at 0): the
     * third of its six lines. */
    draw_list w = {0};
    table_draw_piece(&f.t, &grid, &w, 0, 0, 0, 0, f.t.row_count, -1, -1);
    CHECK_INT(lines_at(&w, "乙", at, 4), 1);
    CHECK_INT(at[0], 4);
    draw_list_free(&w);
    release(&f);
}

/* In the grid style no rule crosses a spanning cell, in either piece:
 * not the column rule between the two columns it covers, not the row
 * rules between its rows.  Every other boundary is ruled. */
void test_table_grid_rules_stop_at_cut_span(void)
{
    fake f;
    build(&f, (const int[]){1, 6, 1, 0}, 2, TABLE_GRID, 0);
    static const struct {
        int first, rows, span_from, span_to; /* piece; the span's rows in it, piece-relative */
    } pieces[] = {{0, 5, 1, 5}, {5, 3, 0, 2}};
    for (size_t k = 0; k < countof(pieces); k++) {
        draw_list dl = {0};
        scaled y = 0;
        table_draw_rules(&f.t, &grid, &dl, 0, y, pieces[k].first, pieces[k].rows);
        scaled top = y - grid.line_gap / 2;
        /* The span, header row included above it. */
        scaled s0 = top + (1 + pieces[k].span_from) * grid.pitch;
        scaled s1 = top + (1 + pieces[k].span_to) * grid.pitch;
        int inner_column_rules = 0, row_rules_beside = 0;
        for (int i = 0; i < dl.ops.n; i++) {
            const draw_op *op = &dl.ops.v[i];
            if (op->kind != DRAW_RULE)
                continue;
            if (op->x == op->x2 && op->x == f.col_x[1]) {
                CHECK(op->y2 <= s0 || op->y >= s1); /* not through the span */
                inner_column_rules++;
            }
            if (op->y == op->y2 && op->y > s0 && op->y < s1) {
                CHECK(op->x >= f.col_x[2]); /* only beside the span */
                row_rules_beside++;
            }
        }
        CHECK(inner_column_rules > 0);
        CHECK_INT(row_rules_beside, pieces[k].span_to - pieces[k].span_from - 1);
        draw_list_free(&dl);
    }
    release(&f);
}

/* Zebra: a group cut by a break keeps its tint in both pieces. */
void test_table_zebra_tint_follows_group(void)
{
    fake f;
    build(&f, (const int[]){1, 6, 1, 0}, 1, TABLE_ZEBRA, 0);
    static const int firsts[] = {0, 5}, counts[] = {5, 3};
    for (int k = 0; k < 2; k++) {
        draw_list dl = {0};
        table_draw_rules(&f.t, &grid, &dl, 0, 0, firsts[k], counts[k]);
        int tints = 0, tinted_lines = 0;
        for (int i = 0; i < dl.ops.n; i++)
            if (dl.ops.v[i].kind == DRAW_RECT) {
                tints++;
                tinted_lines += (int)(dl.ops.v[i].h / grid.pitch);
            }
        CHECK_INT(tints, 1);
        CHECK_INT(tinted_lines, k == 0 ? 4 : 2);
        draw_list_free(&dl);
    }
    release(&f);
}
