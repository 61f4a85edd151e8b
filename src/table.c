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
        draw_para_line(&out->list, a, pr, &pr->lines[i], 0, i * g->pitch + g->ascent, "table", -1,
                       -1, i, l->styles[style_index].gray, para);
    out->lines = pr->line_count;
    out->width = width;
}

static const char *cell_label(const table *t, int col)
{
    for (int i = 0; i < t->cell_count; i++)
        if (t->cells[i].col == col && t->cells[i].text.text && t->cells[i].text.text[0])
            return t->cells[i].text.text;
    return "";
}

bool table_layout(typesetter *ts, const layout *l, const table *t, scaled width,
                  const grid_metrics *g, arena *a, table_out *out, int *next_para, diag *d)
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
    int64_t sum_min = 0, sum_max = 0, fixed = 0;
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
            sum_max += cmax[k];
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

    /* Rows a cell spans stay together: group[r] is the group of row r. */
    int *group_of = arena_alloc(a, sizeof(int) * (size_t)t->rows);
    int *group_end = arena_alloc(a, sizeof(int) * (size_t)(t->rows + 1));
    for (int r = 0; r < t->rows; r++)
        group_end[r] = r + 1;
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        int end = MIN(c->row + c->rowspan, t->rows);
        if (end > group_end[c->row])
            group_end[c->row] = end;
    }
    int ngroups = 0;
    for (int r = t->header_rows; r < t->rows;) {
        int end = group_end[r];
        for (int k = r; k < end; k++)
            end = MAX(end, group_end[k]);
        for (int k = r; k < end; k++)
            group_of[k] = ngroups;
        ngroups++;
        r = end;
    }
    out->groups = arena_alloc(a, sizeof(block_out) * (size_t)(ngroups + 1));
    out->tinted = arena_alloc(a, sizeof(bool) * (size_t)(ngroups + 1));
    out->group_count = ngroups;
    int *group_first_row = arena_alloc(a, sizeof(int) * (size_t)(ngroups + 1));
    for (int r = t->rows - 1; r >= t->header_rows; r--)
        group_first_row[group_of[r]] = r;
    for (int r = t->header_rows; r < t->rows; r++)
        out->groups[group_of[r]].lines += row_lines[r];
    for (int r = 0; r < t->header_rows; r++)
        out->head.lines += row_lines[r];
    for (int k = 0; k < ngroups; k++) {
        out->groups[k].width = width;
        out->tinted[k] = t->rules == TABLE_ZEBRA && k % 2 == 1;
    }
    out->head.width = width;

    /* Column boundaries a cell spans, per group (and for the header, last),
     * so grid rules stop there. */
    out->spanned = arena_alloc(a, (size_t)(ngroups + 1) * (size_t)(cols + 1));
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        int gi = c->row < t->header_rows ? ngroups : group_of[c->row];
        for (int k = c->col + 1; k < c->col + c->colspan; k++)
            out->spanned[gi * (cols + 1) + k] = 1;
    }

    /* Cells into their block: the header's or their group's. */
    for (int i = 0; i < t->cell_count; i++) {
        const table_cell *c = &t->cells[i];
        if (!cl[i].lines)
            continue;
        block_out *bo;
        int first_row;
        if (c->row < t->header_rows) {
            bo = &out->head;
            first_row = 0;
        } else {
            bo = &out->groups[group_of[c->row]];
            first_row = group_first_row[group_of[c->row]];
        }
        int line = 0;
        for (int r = first_row; r < c->row; r++)
            line += row_lines[r];
        const style *st = &l->styles[c->text.style];
        int para = (*next_para)++;
        for (int k = 0; k < cl[i].text.line_count; k++, line++)
            draw_para_line(&bo->list, a, &cl[i].text, &cl[i].text.lines[k],
                           cx[c->col] + pad + cl[i].shift, line * g->pitch + g->ascent, "table",
                           -1, -1, line, st->gray, para);
    }
    if (t->title.text)
        text_block(ts, l, &t->title, t->title_style, width, g, a, &out->title, next_para);
    if (t->note.text)
        text_block(ts, l, &t->note, t->note_style, width, g, a, &out->note, next_para);
    out->width = width;
    out->col_x = cx;
    out->col_count = cols;
    out->rules = t->rules;
    out->thick = cs->rule_thick > 0 ? cs->rule_thick : scaled_from_pt(1.0);
    out->thin = cs->rule_thin > 0 ? cs->rule_thin : scaled_from_pt(0.5);
    return true;
}

void table_draw_rules(const table_out *t, const grid_metrics *g, draw_list *dl, scaled x,
                      scaled y, int head_lines, int first_group, int ngroups)
{
    /* Rules sit in the gaps between grid lines. */
    scaled half_gap = g->line_gap / 2;
    scaled top = y - half_gap;
    scaled line = y + head_lines * g->pitch;
    for (int k = first_group; k < first_group + ngroups; k++) {
        if (t->tinted[k])
            draw_rect(dl, x, line - half_gap, t->width, t->groups[k].lines * g->pitch, 0.12, 0, 1);
        line += t->groups[k].lines * g->pitch;
    }
    scaled bottom = line - half_gap;
    scaled head_y = y + head_lines * g->pitch - half_gap;
    switch (t->rules) {
    case TABLE_THREE_LINE:
    case TABLE_ZEBRA:
        draw_rule(dl, x, top, x + t->width, top, t->thick, 1);
        if (head_lines > 0)
            draw_rule(dl, x, head_y, x + t->width, head_y, t->thin, 1);
        draw_rule(dl, x, bottom, x + t->width, bottom, t->thick, 1);
        break;
    case TABLE_GRID: {
        draw_rule(dl, x, top, x + t->width, top, t->thick, 1);
        scaled ry = head_y;
        if (head_lines > 0)
            draw_rule(dl, x, ry, x + t->width, ry, t->thin, 1);
        for (int k = first_group; k < first_group + ngroups; k++) {
            ry += t->groups[k].lines * g->pitch;
            bool last = k == first_group + ngroups - 1;
            draw_rule(dl, x, ry, x + t->width, ry, last ? t->thick : t->thin, 1);
        }
        /* Column rules segment by segment, not through spanning cells. */
        scaled seg_top = top;
        for (int k = -1; k < ngroups; k++) {
            int gi = k < 0 ? t->group_count : first_group + k;
            int lines = k < 0 ? head_lines : t->groups[gi].lines;
            if (lines == 0)
                continue;
            scaled seg_bottom = seg_top + lines * g->pitch;
            for (int c = 0; c <= t->col_count; c++)
                if (!t->spanned[gi * (t->col_count + 1) + c])
                    draw_rule(dl, x + t->col_x[c], seg_top, x + t->col_x[c], seg_bottom, t->thin,
                              1);
            seg_top = seg_bottom;
        }
        break;
    }
    case TABLE_PLAIN:
        break;
    }
}

void table_out_free(table_out *t)
{
    draw_list_free(&t->title.list);
    draw_list_free(&t->head.list);
    for (int k = 0; k < t->group_count; k++)
        draw_list_free(&t->groups[k].list);
    draw_list_free(&t->note.list);
}
