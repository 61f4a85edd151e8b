/* table.c — column widths, rows of whole grid lines, newspaper rules. */
#include "table.h"

#include "arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct cell_layout {
    para_result text;
    int lines;
    scaled shift;       /* extra x for decimal alignment */
} cell_layout;

static scaled rule_thick(const layout *l) { (void)l; return scaled_from_pt(1.0); }
static scaled rule_thin(const layout *l) { (void)l; return scaled_from_pt(0.5); }

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

static const char *cell_label(const table *t, int col)
{
    for (int i = 0; i < t->cell_count; i++)
        if (t->cells[i].col == col && t->cells[i].text.text && t->cells[i].text.text[0])
            return t->cells[i].text.text;
    return "";
}

bool table_layout(typesetter *ts, const layout *l, const table *t, scaled width,
                  const grid_metrics *g, arena *a, block_out *out, diag *d)
{
    memset(out, 0, sizeof *out);
    const style *cs = &l->styles[t->style];
    scaled pad = cs->size / 3;
    int cols = t->cols;
    scaled *cmin = arena_alloc(a, sizeof(scaled) * (size_t)cols);
    scaled *cmax = arena_alloc(a, sizeof(scaled) * (size_t)cols);
    scaled *cw = arena_alloc(a, sizeof(scaled) * (size_t)cols);

    /* Content widths, single-column cells first, then spans. */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < t->cell_count; i++) {
            const table_cell *c = &t->cells[i];
            if ((c->colspan == 1) != (pass == 0) || !c->text.text[0])
                continue;
            scaled mn = para_min_width(ts, &c->text, 1) + 2 * pad;
            scaled mx = para_natural_width(ts, &c->text, 1) + 2 * pad;
            if (c->colspan == 1) {
                cmin[c->col] = MAX(cmin[c->col], mn);
                cmax[c->col] = MAX(cmax[c->col], mx);
                continue;
            }
            scaled have_min = 0, have_max = 0;
            for (int k = c->col; k < c->col + c->colspan; k++)
                have_min += cmin[k], have_max += cmax[k];
            for (int k = c->col; k < c->col + c->colspan; k++) {
                if (mn > have_min)
                    cmin[k] += (mn - have_min) / c->colspan;
                if (mx > have_max)
                    cmax[k] += (mx - have_max) / c->colspan;
            }
        }
    }
    int64_t sum_min = 0, fixed = 0;
    double weights = 0;
    for (int k = 0; k < cols; k++) {
        cmax[k] = MAX(cmax[k], cmin[k]);
        if (t->col_width[k] > 0) {
            cw[k] = scaled_from_pt(t->col_width[k]);
            if (cw[k] < cmin[k]) {
                return diag_error(d, t->loc,
                                  "column %d (\"%s\") is given %.1f pt but its content needs "
                                  "%.1f pt; widen it or shorten the text",
                                  k + 1, cell_label(t, k), t->col_width[k],
                                  pt_from_scaled(cmin[k]));
            }
            fixed += cw[k];
        } else if (t->col_width[k] < 0) {
            weights += -t->col_width[k];
            sum_min += cmin[k];
        } else {
            sum_min += cmin[k];
        }
    }
    int64_t avail = width - fixed;
    if (sum_min > avail) {
        int worst = 0;
        for (int k = 1; k < cols; k++)
            if (cmin[k] > cmin[worst])
                worst = k;
        return diag_error(d, t->loc,
                          "the table needs %.1f pt but its frame is %.1f pt wide (%.1f pt too "
                          "wide); column %d (\"%s\") alone needs %.1f pt. Span more columns, "
                          "use a smaller table style, or shorten the text",
                          pt_from_scaled((scaled)(sum_min + fixed)), pt_from_scaled(width),
                          pt_from_scaled((scaled)(sum_min + fixed - width)), worst + 1,
                          cell_label(t, worst), pt_from_scaled(cmin[worst]));
    }
    /* Proportional columns share what automatic columns leave. */
    int64_t auto_min = 0, auto_max = 0;
    for (int k = 0; k < cols; k++)
        if (t->col_width[k] == 0)
            auto_min += cmin[k], auto_max += cmax[k];
    int64_t prop_room = avail - (weights > 0 ? auto_min : auto_max);
    if (weights > 0) {
        for (int k = 0; k < cols; k++)
            if (t->col_width[k] < 0)
                cw[k] = (scaled)(prop_room * (-t->col_width[k]) / weights);
        for (int k = 0; k < cols; k++)
            if (t->col_width[k] < 0 && cw[k] < cmin[k])
                cw[k] = cmin[k];
    }
    int64_t used = fixed;
    for (int k = 0; k < cols; k++)
        if (t->col_width[k] < 0)
            used += cw[k];
    int64_t room = width - used;
    if (auto_max > 0 || auto_min > 0) {
        if (auto_max <= room) {
            /* Everything fits on one line: spread the spare room by content. */
            for (int k = 0; k < cols; k++)
                if (t->col_width[k] == 0)
                    cw[k] = (scaled)(cmax[k] + (room - auto_max) * cmax[k] / MAX(auto_max, 1));
        } else {
            double f = auto_max > auto_min ? (double)(room - auto_min) / (auto_max - auto_min) : 0;
            for (int k = 0; k < cols; k++)
                if (t->col_width[k] == 0)
                    cw[k] = cmin[k] + (scaled)((cmax[k] - cmin[k]) * f);
        }
    }
    /* Rounding: the last column takes what is left, so edges meet. */
    scaled total = 0;
    for (int k = 0; k < cols - 1; k++)
        total += cw[k];
    cw[cols - 1] = width - total;
    scaled *cx = arena_alloc(a, sizeof(scaled) * (size_t)(cols + 1));
    for (int k = 0; k < cols; k++)
        cx[k + 1] = cx[k] + cw[k];

    /* Set each cell, then find row heights in grid lines. */
    cell_layout *cl = arena_alloc(a, sizeof(cell_layout) * (size_t)t->cell_count);
    int *row_lines = arena_alloc(a, sizeof(int) * (size_t)t->rows);
    for (int r = 0; r < t->rows; r++)
        row_lines[r] = 1;
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        if (!c->text.text[0])
            continue;
        scaled w = cx[c->col + c->colspan] - cx[c->col] - 2 * pad;
        /* A header over a decimal column aligns right, like its figures. */
        int align = c->align == CELL_CENTER  ? ALIGN_CENTER
                    : c->align == CELL_RIGHT ? ALIGN_END
                    : c->align == CELL_DECIMAL ? (c->header ? ALIGN_END : ALIGN_START)
                                               : ALIGN_START;
        para_options po = {.width = w, .indent_style = -1, .no_indent = true, .align = align};
        para_typeset(ts, &c->text, 1, &po, a, &cl[i].text);
        cl[i].lines = cl[i].text.line_count;
        if (c->rowspan == 1)
            row_lines[c->row] = MAX(row_lines[c->row], cl[i].lines);
    }
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        if (c->rowspan <= 1)
            continue;
        int have = 0;
        for (int r = c->row; r < c->row + c->rowspan && r < t->rows; r++)
            have += row_lines[r];
        if (cl[i].lines > have)
            row_lines[MIN(c->row + c->rowspan, t->rows) - 1] += cl[i].lines - have;
    }
    /* Decimal alignment: one axis per column, from the widest integer part. */
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

    /* Vertical order: title, header, body rows, note; one grid line each. */
    draw_list *dl = &out->list;
    int line = 0;
    if (t->title.text) {
        para_result tr;
        para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = -1};
        para_typeset(ts, &t->title, 1, &po, a, &tr);
        for (int i = 0; i < tr.line_count; i++, line++)
            draw_para_line(dl, a, &tr, &tr.lines[i], 0, line * g->pitch + g->ascent, "table", -1,
                           -1, line, l->styles[t->title_style].gray);
    }
    int *row_top = arena_alloc(a, sizeof(int) * (size_t)(t->rows + 1));
    int first_row_line = line;
    for (int r = 0; r < t->rows; r++) {
        row_top[r] = line;
        line += row_lines[r];
    }
    row_top[t->rows] = line;
    int last_row_line = line;
    /* Zebra tint under alternate body rows. */
    scaled half_gap = g->line_gap / 2;
    if (t->rules == TABLE_ZEBRA) {
        for (int r = t->header_rows; r < t->rows; r++) {
            if ((r - t->header_rows) % 2 == 1)
                draw_rect(dl, 0, row_top[r] * g->pitch - half_gap, width,
                          row_lines[r] * g->pitch, 0.12, 0, 1);
        }
    }
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        if (!cl[i].lines)
            continue;
        const style *st = &l->styles[c->text.style];
        for (int k = 0; k < cl[i].text.line_count; k++) {
            int gl = row_top[c->row] + k;
            draw_para_line(dl, a, &cl[i].text, &cl[i].text.lines[k], cx[c->col] + pad + cl[i].shift,
                           gl * g->pitch + g->ascent, "table", -1, -1, gl, st->gray);
        }
    }
    /* Rules in the gaps between grid lines. */
    scaled top = first_row_line * g->pitch - half_gap;
    scaled bottom = last_row_line * g->pitch - half_gap;
    scaled head_y = row_top[t->header_rows] * g->pitch - half_gap;
    switch (t->rules) {
    case TABLE_THREE_LINE:
    case TABLE_ZEBRA:
        draw_rule(dl, 0, top, width, top, rule_thick(l), 1);
        if (t->header_rows > 0)
            draw_rule(dl, 0, head_y, width, head_y, rule_thin(l), 1);
        draw_rule(dl, 0, bottom, width, bottom, rule_thick(l), 1);
        break;
    case TABLE_GRID:
        for (int r = 0; r <= t->rows; r++) {
            scaled y = row_top[r] * g->pitch - half_gap;
            scaled wgt = r == 0 || r == t->rows ? rule_thick(l) : rule_thin(l);
            draw_rule(dl, 0, y, width, y, wgt, 1);
        }
        for (int k = 0; k <= cols; k++)
            draw_rule(dl, cx[k], top, cx[k], bottom, rule_thin(l), 1);
        break;
    case TABLE_PLAIN:
        break;
    }
    if (t->note.text) {
        para_result nr;
        para_options po = {.width = width, .indent_style = -1, .no_indent = true, .align = -1};
        para_typeset(ts, &t->note, 1, &po, a, &nr);
        for (int i = 0; i < nr.line_count; i++, line++)
            draw_para_line(dl, a, &nr, &nr.lines[i], 0, line * g->pitch + g->ascent, "table", -1,
                           -1, line, l->styles[t->note_style].gray);
    }
    out->lines = line;
    out->width = width;
    return true;
}
