/* table.c — column widths, rows of whole grid lines, where a table breaks,
 * newspaper rules. */
#include "page/table.h"

#include "base/arena.h"
#include "page/lines.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct cell_layout {
    para_result text;
    int lines;
    scaled shift;       /* extra x for decimal alignment */
} cell_layout;


/* x of the decimal point in a set line (or of the end of its first run of
 * digits when it has none), for decimal alignment. */
static scaled decimal_axis(const para_result *pr, const para_line *pl)
{
    const placed_glyph *g = pr->glyphs + pl->glyph_start;
    scaled after_digits = -1;
    bool in_digits = false;
    for (int i = 0; i < pl->glyph_count; i++) {
        char c = pr->text[g[i].text_start];
        if (g[i].text_len == 1 && c == '.')
            return g[i].x;
        if (g[i].text_len == 1 && c >= '0' && c <= '9') {
            in_digits = true;
        } else if (in_digits && after_digits < 0) {
            after_digits = g[i].x;
        }
    }
    if (after_digits >= 0)
        return after_digits;
    return pl->used;
}

/* A title or a note: its lines, one grid line each. */
static void text_block(typesetter *ts, const layout *l, const span *s, int style_index,
                       scaled width, const grid_metrics *g, arena *a, block_out *out,
                       int *next_para)
{
    para_result *pr = arena_alloc(a, sizeof *pr);
    para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = -1};
    para_typeset(ts, s, 1, &po, a, pr);
    int para = (*next_para)++;
    for (int i = 0; i < pr->line_count; i++)
        draw_para_line(&out->list, a, pr, &pr->lines[i], 0, grid_block_baseline(g, i), ROLE_TABLE,
                       -1, -1, i, l->styles[style_index].gray, para);
    out->lines = pr->line_count;
    out->width = width;
}

/* The row after the last one a cell covers; a header cell stays in the
 * header. */
static int cell_end(const table *t, const table_cell *c)
{
    return MIN(c->row + c->rowspan, c->header ? t->header_rows : t->rows);
}

/* Mark the lines of `list` from `first` on as table `id`'s `part`, in
 * cell c's row (c NULL for the title and the note). */
static void mark_cell(draw_list *list, int first, int id, table_part part, const table_cell *c)
{
    for (int i = first; i < list->lines.n; i++) {
        text_line *tl = &list->lines.v[i];
        tl->table = id;
        tl->part = part;
        tl->row = c ? c->row : -1;
    }
}

/* A cell's lines into a block, from its grid line `line` on. */
static void cell_text(block_out *bo, arena *a, const cell_layout *cl, const table_cell *c, int id,
                      scaled x, int line, const grid_metrics *g, double gray, int para)
{
    int first = bo->list.lines.n;
    for (int k = 0; k < cl->text.line_count; k++, line++)
        draw_para_line(&bo->list, a, &cl->text, &cl->text.lines[k], x, grid_block_baseline(g, line),
                       ROLE_TABLE, -1, -1, line, gray, para);
    mark_cell(&bo->list, first, id, c->header ? TABLE_HEADER : TABLE_CELL, c);
}

static const char *cell_label(const table *t, int col)
{
    for (int i = 0; i < t->cell_count; i++)
        if (t->cells[i].col == col && t->cells[i].text.text && t->cells[i].text.text[0])
            return t->cells[i].text.text;
    return "";
}

/* A table's columns as they are laid out. */
typedef struct columns {
    int n;
    scaled *min, *max;  /* content widths: min-content, max-content */
    scaled *w;          /* widths */
    scaled *x;          /* edges, n + 1 of them */
} columns;

/* Content widths, single-column cells first, then the cells that span
 * columns, which widen the columns they span evenly where those fall
 * short. */
static void measure_columns(typesetter *ts, const table *t, scaled pad, columns *c)
{
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < t->cell_count; i++) {
            const table_cell *cell = &t->cells[i];
            if ((cell->colspan == 1) != (pass == 0) || !cell->text.text[0])
                continue;
            scaled mn = para_min_width(ts, &cell->text, 1) + 2 * pad;
            scaled mx = para_natural_width(ts, &cell->text, 1) + 2 * pad;
            if (cell->colspan == 1) {
                c->min[cell->col] = MAX(c->min[cell->col], mn);
                c->max[cell->col] = MAX(c->max[cell->col], mx);
                continue;
            }
            scaled have_min = 0, have_max = 0;
            for (int k = cell->col; k < cell->col + cell->colspan; k++)
                have_min += c->min[k], have_max += c->max[k];
            for (int k = cell->col; k < cell->col + cell->colspan; k++) {
                if (mn > have_min)
                    c->min[k] += (mn - have_min) / cell->colspan;
                if (mx > have_max)
                    c->max[k] += (mx - have_max) / cell->colspan;
            }
        }
    }
}

/* Columns of a fixed width take it (*fixed: their sum); the others need
 * at least their min-content width (*sum_min), proportional ones share
 * *weights.  False, with an error naming the column, when a fixed width
 * is too narrow for its content or the rest cannot fit in `width`. */
static bool fixed_widths(const table *t, scaled width, columns *c, int64_t *fixed,
                         int64_t *sum_min, double *weights, diag *d)
{
    *fixed = *sum_min = 0;
    *weights = 0;
    for (int k = 0; k < c->n; k++) {
        c->max[k] = MAX(c->max[k], c->min[k]);
        if (t->col_width[k] > 0) {
            c->w[k] = scaled_from_pt(t->col_width[k]);
            if (c->w[k] < c->min[k]) {
                return diag_error(d, t->loc,
                                  "column %d (\"%s\") is given %.1f pt but its content needs "
                                  "%.1f pt; widen it or shorten the text",
                                  k + 1, cell_label(t, k), t->col_width[k],
                                  pt_from_scaled(c->min[k]));
            }
            *fixed += c->w[k];
        } else if (t->col_width[k] < 0) {
            *weights += -t->col_width[k];
            *sum_min += c->min[k];
        } else {
            *sum_min += c->min[k];
        }
    }
    if (*sum_min <= width - *fixed)
        return true;
    int worst = 0;
    for (int k = 1; k < c->n; k++)
        if (c->min[k] > c->min[worst])
            worst = k;
    return diag_error(d, t->loc,
                      "the table needs %.1f pt but its frame is %.1f pt wide (%.1f pt too "
                      "wide); column %d (\"%s\") alone needs %.1f pt. Span more columns, "
                      "use a smaller table style, or shorten the text",
                      pt_from_scaled((scaled)(*sum_min + *fixed)), pt_from_scaled(width),
                      pt_from_scaled((scaled)(*sum_min + *fixed - width)), worst + 1,
                      cell_label(t, worst), pt_from_scaled(c->min[worst]));
}

/* What fixed columns leave: proportional columns share it by weight
 * (what automatic columns need set aside), then automatic columns take
 * the rest the way CSS's automatic table layout does. */
static void share_widths(const table *t, scaled width, columns *c, int64_t fixed, double weights)
{
    int64_t avail = width - fixed;
    int64_t auto_min = 0, auto_max = 0;
    for (int k = 0; k < c->n; k++)
        if (t->col_width[k] == 0)
            auto_min += c->min[k], auto_max += c->max[k];
    /* TB-5: automatic columns get their content's width before shares
     * divide the rest, as far as the shares' own content allows: a share
     * never starves its neighbours ("vim-|tiny") while its cells stand
     * half empty. */
    int64_t prop_min = 0;
    for (int k = 0; k < c->n; k++)
        if (t->col_width[k] < 0)
            prop_min += c->min[k];
    int64_t prop_room = weights > 0 ? MAX(prop_min, avail - auto_max) : avail - auto_max;
    if (weights > 0) {
        for (int k = 0; k < c->n; k++)
            if (t->col_width[k] < 0)
                c->w[k] = (scaled)(prop_room * (-t->col_width[k]) / weights);
        for (int k = 0; k < c->n; k++)
            if (t->col_width[k] < 0 && c->w[k] < c->min[k])
                c->w[k] = c->min[k];
    }
    int64_t used = fixed;
    for (int k = 0; k < c->n; k++)
        if (t->col_width[k] < 0)
            used += c->w[k];
    int64_t room = width - used;
    if (auto_max == 0 && auto_min == 0)
        return;
    if (auto_max <= room) {
        /* Everything fits on one line: spread the spare room by content. */
        for (int k = 0; k < c->n; k++)
            if (t->col_width[k] == 0)
                c->w[k] = (scaled)(c->max[k] + (room - auto_max) * c->max[k] / MAX(auto_max, 1));
    } else {
        double f = auto_max > auto_min ? (double)(room - auto_min) / (auto_max - auto_min) : 0;
        for (int k = 0; k < c->n; k++)
            if (t->col_width[k] == 0)
                c->w[k] = c->min[k] + (scaled)((c->max[k] - c->min[k]) * f);
    }
}

/* The columns' widths and edges, `width` in all; false (with an error)
 * when the table cannot fit. */
static bool column_widths(typesetter *ts, const table *t, scaled width, scaled pad, arena *a,
                          columns *c, diag *d)
{
    c->n = t->cols;
    c->min = arena_alloc(a, sizeof(scaled) * (size_t)c->n);
    c->max = arena_alloc(a, sizeof(scaled) * (size_t)c->n);
    c->w = arena_alloc(a, sizeof(scaled) * (size_t)c->n);
    measure_columns(ts, t, pad, c);
    int64_t fixed, sum_min;
    double weights;
    if (!fixed_widths(t, width, c, &fixed, &sum_min, &weights, d))
        return false;
    share_widths(t, width, c, fixed, weights);
    /* Rounding: the last column takes what is left, so edges meet. */
    scaled total = 0;
    for (int k = 0; k < c->n - 1; k++)
        total += c->w[k];
    c->w[c->n - 1] = width - total;
    c->x = arena_alloc(a, sizeof(scaled) * (size_t)(c->n + 1));
    for (int k = 0; k < c->n; k++)
        c->x[k + 1] = c->x[k] + c->w[k];
    return true;
}

/* Each cell's text set in its columns' width less the padding. */
static cell_layout *set_cells(typesetter *ts, const table *t, const columns *c, scaled pad,
                              arena *a)
{
    cell_layout *cl = arena_alloc(a, sizeof(cell_layout) * (size_t)t->cell_count);
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *cell = &t->cells[i];
        if (!cell->text.text[0])
            continue;
        scaled w = c->x[cell->col + cell->colspan] - c->x[cell->col] - 2 * pad;
        /* A header over a decimal column aligns right, like its figures. */
        int align = cell->align == CELL_CENTER    ? ALIGN_CENTER
                    : cell->align == CELL_RIGHT   ? ALIGN_END
                    : cell->align == CELL_DECIMAL ? (cell->header ? ALIGN_END : ALIGN_START)
                                                  : ALIGN_START;
        para_options po = {.width = w, .indent_style = -1, .no_indent = true, .align = align};
        para_typeset(ts, &cell->text, 1, &po, a, &cl[i].text);
        cl[i].lines = cl[i].text.line_count;
    }
    return cl;
}

/* Grid lines of each row (header rows first): its tallest cell, and a
 * cell that spans rows adds what it lacks to the last of them. */
static int *row_heights(const table *t, const cell_layout *cl, arena *a)
{
    int *row_lines = arena_alloc(a, sizeof(int) * (size_t)t->rows);
    for (int r = 0; r < t->rows; r++)
        row_lines[r] = 1;
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        if (cell_end(t, c) - c->row == 1)
            row_lines[c->row] = MAX(row_lines[c->row], cl[i].lines);
    }
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        int end = cell_end(t, c);
        if (end - c->row <= 1)
            continue;
        int have = 0;
        for (int r = c->row; r < end; r++)
            have += row_lines[r];
        if (cl[i].lines > have)
            row_lines[end - 1] += cl[i].lines - have;
    }
    return row_lines;
}

/* Decimal alignment: one axis per column, from the widest integer part;
 * each body cell of a decimal column shifts onto it. */
static void decimal_align(const table *t, cell_layout *cl, int cols, arena *a)
{
    scaled *axis = arena_alloc(a, sizeof(scaled) * (size_t)cols);
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        if (c->align != CELL_DECIMAL || c->header || !cl[i].lines)
            continue;
        axis[c->col] = MAX(axis[c->col], decimal_axis(&cl[i].text, &cl[i].text.lines[0]));
    }
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        if (c->align != CELL_DECIMAL || c->header || !cl[i].lines)
            continue;
        cl[i].shift = axis[c->col] - decimal_axis(&cl[i].text, &cl[i].text.lines[0]);
    }
}

/* Rows a cell spans stay together in a row group; with zebra rules every
 * second group is tinted. */
static void row_groups(const table *t, arena *a, table_out *out)
{
    int hr = t->header_rows, nb = t->rows - hr;
    int *reach = arena_alloc(a, sizeof(int) * (size_t)t->rows);
    for (int r = 0; r < t->rows; r++)
        reach[r] = r + 1;
    for (int i = 0; i < t->cell_count; i++)
        reach[t->cells[i].row] = MAX(reach[t->cells[i].row], cell_end(t, &t->cells[i]));
    out->group = arena_alloc(a, sizeof(int) * (size_t)(nb + 1));
    int ngroups = 0;
    for (int r = hr; r < t->rows;) {
        int end = reach[r];
        for (int k = r; k < end; k++)
            end = MAX(end, reach[k]);
        for (int k = r; k < end; k++)
            out->group[k - hr] = ngroups;
        ngroups++;
        r = end;
    }
    out->group_count = ngroups;
    out->tinted = arena_alloc(a, sizeof(bool) * (size_t)(ngroups + 1));
    for (int k = 0; k < ngroups; k++)
        out->tinted[k] = t->rules == TABLE_ZEBRA && k % 2 == 1;
}

/* The header's block and a block per body row, each its rows' grid lines
 * tall (their cells come later). */
static void row_blocks(const table *t, int *row_lines, scaled width, arena *a, table_out *out)
{
    int hr = t->header_rows, nb = t->rows - hr;
    out->head_rows = hr;
    out->row_lines = row_lines;
    out->row_count = nb;
    out->rows = arena_alloc(a, sizeof(block_out) * (size_t)(nb + 1));
    for (int r = 0; r < nb; r++) {
        out->rows[r].lines = row_lines[hr + r];
        out->rows[r].width = width;
    }
    for (int r = 0; r < hr; r++)
        out->head.lines += row_lines[r];
    out->head.width = width;
}

/* The cell over each grid cell, so grid rules stop where a cell spans. */
static void cover_cells(const table *t, arena *a, table_out *out)
{
    int cols = t->cols;
    out->cover = arena_alloc(a, sizeof(int) * (size_t)t->rows * (size_t)cols);
    for (int k = 0; k < t->rows * cols; k++)
        out->cover[k] = -1;
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        for (int r = c->row; r < cell_end(t, c); r++)
            for (int k = c->col; k < c->col + c->colspan && k < cols; k++)
                out->cover[r * cols + k] = i;
    }
}

/* Cells into their block: the header's, their row's, or one of their own
 * when they span body rows (drawn in each piece they reach).  A header
 * cell that spans rows is centred over them, on the grid.  Each cell is a
 * paragraph of its own, of table out->id. */
static void place_cells(const layout *l, const table *t, const cell_layout *cl, const columns *c,
                        scaled pad, const grid_metrics *g, arena *a, table_out *out,
                        int *next_para)
{
    int hr = t->header_rows;
    out->spans = arena_alloc(a, sizeof(table_span) * (size_t)(t->cell_count + 1));
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *cell = &t->cells[i];
        if (!cl[i].lines)
            continue;
        int end = cell_end(t, cell);
        scaled x = c->x[cell->col] + pad + cl[i].shift;
        double gray = l->styles[cell->text.style].gray;
        if (!cell->header && end - cell->row > 1) {
            table_span *s = &out->spans[out->span_count++];
            s->first = cell->row - hr;
            s->end = end - hr;
            s->text.lines = cl[i].lines;
            s->text.width = c->x[cell->col + cell->colspan] - c->x[cell->col];
            cell_text(&s->text, a, &cl[i], cell, out->id, x, 0, g, gray, (*next_para)++);
            continue;
        }
        block_out *bo = cell->header ? &out->head : &out->rows[cell->row - hr];
        int line = 0;
        if (cell->header) {
            int over = 0;
            for (int r = 0; r < cell->row; r++)
                line += out->row_lines[r];
            for (int r = cell->row; r < end; r++)
                over += out->row_lines[r];
            line += MAX(0, (over - cl[i].lines) / 2);
        }
        cell_text(bo, a, &cl[i], cell, out->id, x, line, g, gray, (*next_para)++);
    }
}

bool table_layout(typesetter *ts, const layout *l, const table *t, scaled width,
                  const grid_metrics *g, arena *a, int id, table_out *out, int *next_para,
                  diag *d)
{
    memset(out, 0, sizeof *out);
    const style *cs = &l->styles[t->style];
    scaled pad = cs->size / 3;
    columns cols;
    if (!column_widths(ts, t, width, pad, a, &cols, d))
        return false;
    cell_layout *cl = set_cells(ts, t, &cols, pad, a);
    int *row_lines = row_heights(t, cl, a);
    decimal_align(t, cl, cols.n, a);
    row_groups(t, a, out);
    row_blocks(t, row_lines, width, a, out);
    cover_cells(t, a, out);
    /* A new table's id: one more than the first paragraph id it takes, so
     * unique in the edition and never 0. */
    out->id = id > 0 ? id : *next_para + 1;
    place_cells(l, t, cl, &cols, pad, g, a, out, next_para);
    if (t->title.text) {
        text_block(ts, l, &t->title, t->title_style, width, g, a, &out->title, next_para);
        mark_cell(&out->title.list, 0, out->id, TABLE_TITLE, NULL);
    }
    if (t->note.text) {
        text_block(ts, l, &t->note, t->note_style, width, g, a, &out->note, next_para);
        mark_cell(&out->note.list, 0, out->id, TABLE_NOTE, NULL);
    }
    out->width = width;
    out->col_x = cols.x;
    out->col_count = cols.n;
    out->rules = t->rules;
    out->thick = cs->rule_thick > 0 ? cs->rule_thick : scaled_from_pt(1.0);
    out->thin = cs->rule_thin > 0 ? cs->rule_thin : scaled_from_pt(0.5);
    return true;
}

int table_lines(const table_out *t, int first_row)
{
    int n = (first_row == 0 ? t->title.lines : 0) + t->head.lines + t->note.lines;
    for (int r = first_row; r < t->row_count; r++)
        n += t->rows[r].lines;
    return n;
}

/* Grid lines of body rows [from, to). */
static int body_lines(const table_out *t, int from, int to)
{
    int n = 0;
    for (int r = from; r < to; r++)
        n += t->rows[r].lines;
    return n;
}

table_break table_break_before(const table_out *t, int r)
{
    if (r <= 0 || r >= t->row_count)
        return TABLE_BREAK_NEVER;
    int g = t->group[r];
    if (t->group[r - 1] != g)
        return TABLE_BREAK_GROUP;
    /* A spanning cell cut here is set again in the next piece: each part
     * needs the lines of its text. */
    for (int k = 0; k < t->span_count; k++) {
        const table_span *s = &t->spans[k];
        if (s->first < r && r < s->end &&
            (body_lines(t, s->first, r) < s->text.lines ||
             body_lines(t, r, s->end) < s->text.lines))
            return TABLE_BREAK_NEVER;
    }
    int first = r, end = r;
    while (first > 0 && t->group[first - 1] == g)
        first--;
    while (end < t->row_count && t->group[end] == g)
        end++;
    return r - first == 1 || end - r == 1 ? TABLE_BREAK_LONE : TABLE_BREAK_INSIDE;
}

/* What a plan pays, in the order it matters: lines not placed, then lone
 * rows, then lines left empty (squared, per piece), then breaks inside
 * a group.  A break inside a group weighs a little more than one empty
 * line at a column foot: the desk keeps a group whole when that costs a
 * column no more than a line, and cuts it to even out anything more. */
enum { COST_LEFT = 100000000, COST_LONE = 1000000, COST_INSIDE = 2 };

int table_plan(const table_out *t, const table_frame *frames, int nframes,
               const table_plan_options *o, table_piece *pieces, int *left)
{
    int n = t->row_count, stride = n + 1;
    int *sum = xmalloc(sizeof(int) * (size_t)stride);
    table_break *kind = xmalloc(sizeof(table_break) * (size_t)stride);
    sum[0] = 0;
    for (int r = 0; r < n; r++) {
        sum[r + 1] = sum[r] + t->rows[r].lines;
        kind[r] = table_break_before(t, r);
    }
    kind[n] = TABLE_BREAK_GROUP;
    /* cost[f * stride + i]: the least cost of setting rows i.. in frames
     * f..; end[…]: where the piece in frame f ends (i: frame f left out).
     * A dynamic program over (frame, first row), as Knuth and Plass break
     * paragraphs: every piece is one frame's worth of rows. */
    size_t cells = (size_t)(nframes + 1) * (size_t)stride;
    long long *cost = xmalloc(sizeof(long long) * cells);
    int *end = xmalloc(sizeof(int) * cells);
    for (int f = nframes; f >= 0; f--) {
        for (int i = n; i >= 0; i--) {
            long long *best = &cost[(size_t)f * stride + i];
            int *choice = &end[(size_t)f * stride + i];
            *choice = i;
            if (i == n) {
                *best = 0;
                continue;
            }
            if (f == nframes) {
                int over = sum[n] - sum[i] + t->note.lines +
                           (i == 0 ? t->title.lines + t->head.lines : 0);
                *best = (long long)COST_LEFT * over;
                continue;
            }
            int room = frames[f].room;
            long long skip = cost[(size_t)(f + 1) * stride + i];
            *best = skip + (long long)room * room;
            int fixed = (i == 0 ? t->title.lines : 0) + t->head.lines;
            /* A piece of one row only where a whole column holds no more. */
            bool one_ok = n == 1 || (frames[f].fresh && i + 2 <= n &&
                                     fixed + sum[i + 2] - sum[i] +
                                             (i + 2 == n ? t->note.lines : 0) > room);
            for (int j = i + 1; j <= n && fixed + sum[j] - sum[i] <= room; j++) {
                int lines = fixed + sum[j] - sum[i] + (j == n ? t->note.lines : 0);
                if (lines > room)
                    break;
                long long c = 0;
                if (j - i == 1 && !one_ok) {
                    if (o->strict)
                        continue;
                    c += COST_LONE;
                }
                if (kind[j] == TABLE_BREAK_NEVER)
                    continue;
                if (kind[j] == TABLE_BREAK_LONE) {
                    if (o->strict)
                        continue;
                    c += COST_LONE;
                }
                if (kind[j] == TABLE_BREAK_INSIDE)
                    c += COST_INSIDE;
                if (j < n || o->even_last)
                    c += (long long)(room - lines) * (room - lines);
                c += cost[(size_t)(f + 1) * stride + j];
                if (c <= *best) { /* ties: the fuller piece */
                    *best = c;
                    *choice = j;
                }
            }
        }
    }
    int first = MIN(MAX(o->first_row, 0), n), count = 0, i = first;
    for (int f = 0; f < nframes && i < n; f++) {
        int j = end[(size_t)f * stride + i];
        if (j == i)
            continue;
        pieces[count++] = (table_piece){
            .frame = f, .first_row = i, .rows = j - i,
            .lines = (i == 0 ? t->title.lines : 0) + t->head.lines + sum[j] - sum[i] +
                     (j == n ? t->note.lines : 0)};
        i = j;
    }
    /* Nothing placed: the title and header are left too. */
    *left = i < n ? sum[n] - sum[i] + t->note.lines +
                        (i == first ? t->head.lines + (i == 0 ? t->title.lines : 0) : 0)
                  : 0;
    free(sum);
    free(kind);
    free(cost);
    free(end);
    return count;
}

void table_draw_piece(const table_out *t, const grid_metrics *g, draw_list *dl, scaled x,
                      scaled y, int line, int first_row, int rows, int article_index, int column)
{
    int end = first_row + rows, at = line;
    if (first_row == 0 && t->title.lines) {
        draw_append(dl, &t->title.list, x, y, at, article_index, column);
        at += t->title.lines;
    }
    /* Rules and tints first, so the text prints over the tints. */
    draw_list rules = {0};
    table_draw_rules(t, g, &rules, x, y + (at - line) * g->pitch, first_row, rows);
    draw_append(dl, &rules, 0, 0, -1, article_index, column);
    draw_list_free(&rules);
    int head = dl->lines.n;
    draw_append(dl, &t->head.list, x, y + (at - line) * g->pitch, at, article_index, column);
    if (first_row > 0)
        draw_mark_repeat(dl, head);
    at += t->head.lines;
    for (int r = first_row; r < end; r++) {
        /* A cell spanning rows comes where its part of the piece begins
         * (the reading order), centred over that part on the grid: when
         * the lines do not halve, half a line higher (nearer the optical
         * centre). */
        for (int k = 0; k < t->span_count; k++) {
            const table_span *s = &t->spans[k];
            if (MAX(s->first, first_row) != r || s->end <= r)
                continue;
            int part = body_lines(t, r, MIN(s->end, end));
            int off = MAX(0, (part - s->text.lines) / 2);
            int text = dl->lines.n;
            draw_append(dl, &s->text.list, x, y + (at + off - line) * g->pitch, at + off,
                        article_index, column);
            if (r > s->first)
                draw_mark_repeat(dl, text);
        }
        draw_append(dl, &t->rows[r].list, x, y + (at - line) * g->pitch, at, article_index,
                    column);
        at += t->rows[r].lines;
    }
    if (end == t->row_count && t->note.lines)
        draw_append(dl, &t->note.list, x, y + (at - line) * g->pitch, at, article_index, column);
}

/* The cell over column k of the piece's row `row` (header rows first). */
static int cover_at(const table_out *t, int first_row, int row, int k)
{
    int r = row < t->head_rows ? row : t->head_rows + first_row + (row - t->head_rows);
    return t->cover[r * t->col_count + k];
}

void table_draw_rules(const table_out *t, const grid_metrics *g, draw_list *dl, scaled x,
                      scaled y, int first_row, int rows)
{
    /* Rules sit in the gaps between grid lines.  top[k] is the rule line
     * above the piece's row k, header rows first. */
    int n = t->head_rows + rows, cols = t->col_count;
    scaled *top = xmalloc(sizeof(scaled) * (size_t)(n + 1));
    top[0] = y - g->line_gap / 2;
    for (int k = 0; k < n; k++) {
        int r = k < t->head_rows ? k : t->head_rows + first_row + (k - t->head_rows);
        top[k + 1] = top[k] + t->row_lines[r] * g->pitch;
    }
    /* Zebra tints: one rectangle per group's rows in the piece; a group
     * cut by a break keeps its tint in both pieces. */
    for (int r = first_row; r < first_row + rows;) {
        int e = r + 1;
        while (e < first_row + rows && t->group[e] == t->group[r])
            e++;
        if (t->tinted[t->group[r]]) {
            scaled y0 = top[t->head_rows + r - first_row], y1 = top[t->head_rows + e - first_row];
            draw_rect(dl, x, y0, t->width, y1 - y0, 0.12, 0, 1);
        }
        r = e;
    }
    scaled right = x + t->width;
    switch (t->rules) {
    case TABLE_THREE_LINE:
    case TABLE_ZEBRA:
        draw_rule(dl, x, top[0], right, top[0], t->thick, 1);
        if (t->head_rows > 0 && t->head.lines > 0)
            draw_rule(dl, x, top[t->head_rows], right, top[t->head_rows], t->thin, 1);
        draw_rule(dl, x, top[n], right, top[n], t->thick, 1);
        break;
    case TABLE_GRID:
        draw_rule(dl, x, top[0], right, top[0], t->thick, 1);
        draw_rule(dl, x, top[n], right, top[n], t->thick, 1);
        /* Between rows, column by column: not through a cell that spans
         * them (joined into one rule where they run on). */
        for (int k = 1; k < n; k++) {
            for (int c = 0; c < cols;) {
                if (cover_at(t, first_row, k - 1, c) == cover_at(t, first_row, k, c)) {
                    c++;
                    continue;
                }
                int e = c + 1;
                while (e < cols && cover_at(t, first_row, k - 1, e) != cover_at(t, first_row, k, e))
                    e++;
                draw_rule(dl, x + t->col_x[c], top[k], x + t->col_x[e], top[k], t->thin, 1);
                c = e;
            }
        }
        /* Between columns, row by row: not through a cell that spans them. */
        for (int c = 0; c <= cols; c++) {
            for (int k = 0; k < n;) {
                bool ruled = c == 0 || c == cols ||
                             cover_at(t, first_row, k, c - 1) != cover_at(t, first_row, k, c);
                if (!ruled) {
                    k++;
                    continue;
                }
                int e = k + 1;
                while (e < n && (c == 0 || c == cols ||
                                 cover_at(t, first_row, e, c - 1) != cover_at(t, first_row, e, c)))
                    e++;
                draw_rule(dl, x + t->col_x[c], top[k], x + t->col_x[c], top[e], t->thin, 1);
                k = e;
            }
        }
        break;
    case TABLE_PLAIN:
        break;
    }
    free(top);
}

void table_out_free(table_out *t)
{
    draw_list_free(&t->title.list);
    draw_list_free(&t->head.list);
    for (int r = 0; r < t->row_count; r++)
        draw_list_free(&t->rows[r].list);
    for (int k = 0; k < t->span_count; k++)
        draw_list_free(&t->spans[k].text.list);
    draw_list_free(&t->note.list);
}
