/* para.c — the paragraph pipeline and justification. */
#include "para.h"

#include "arena.h"
#include "hlist.h"
#include "segment.h"
#include "shape.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct typesetter {
    fontset *fonts;
    const layout *l;
    diag *d;
    segmenter *seg;
    shaper *sh;
    arena *scratch;
    bool trace;   /* PAIBAN_TRACE contains "breaker" */
};

/* The items and chosen breaks of a paragraph on stderr, for whoever
 * wonders why a line broke where it did (PAIBAN_TRACE=breaker). */
static void trace_paragraph(const para_text *t, const shaped_para *sp, const item *items, int n,
                            const break_result *br, const bool *emergency)
{
    fprintf(stderr, "paragraph \"%.60s\": %d items, pass %d\n", t->utf8, n, br->pass);
    int li = 0;
    for (int i = 0; i < n; i++) {
        const item *it = &items[i];
        if (it->kind == ITEM_BOX) {
            if (it->unit >= 0) {
                const unit *u = &sp->units[it->unit];
                fprintf(stderr, "%.*s", t->byte[u->cp_end] - t->byte[u->cp_start],
                        t->utf8 + t->byte[u->cp_start]);
            } else {
                fprintf(stderr, "[box %.1f]", pt_from_scaled(it->width));
            }
        } else if (it->kind == ITEM_GLUE) {
            if (it->width || it->shrink)
                fprintf(stderr, "{%d:%.1f-%.1f}", it->glue, pt_from_scaled(it->width),
                        pt_from_scaled(it->shrink));
        } else if (li < br->line_count && br->lines[li].end == i) {
            fprintf(stderr, " ⏎[r=%.2f b=%d%s]\n", br->lines[li].ratio, br->lines[li].badness,
                    emergency && emergency[i] ? " emergency" : "");
            li++;
        } else if (it->penalty < PENALTY_INF) {
            fprintf(stderr, it->penalty ? "|%d" : "|", it->penalty);
        }
    }
    fprintf(stderr, "\n");
}

/* Cost of a break between a number and its unit: as bad as a line spread
 * to badness 5000, so it is taken only when every other choice would leave
 * a line very loose. */
enum { UNIT_PENALTY = 5000, EMERGENCY_PENALTY = 5000 };

typesetter *typesetter_new(fontset *fonts, const layout *l, diag *d)
{
    typesetter *ts = xcalloc(1, sizeof *ts);
    ts->fonts = fonts;
    ts->l = l;
    ts->d = d;
    ts->seg = segmenter_new();
    ts->sh = shaper_new();
    ts->scratch = arena_new();
    const char *trace = getenv("PAIBAN_TRACE");
    ts->trace = trace && strstr(trace, "breaker");
    return ts;
}

void typesetter_free(typesetter *ts)
{
    if (!ts)
        return;
    segmenter_free(ts->seg);
    shaper_free(ts->sh);
    arena_free(ts->scratch);
    free(ts);
}

fontset *typesetter_fonts(typesetter *ts) { return ts->fonts; }

/* Allow a break between every two boxes that have none: the last resort
 * for a run that cannot fit a line (a long URL, a 200-digit number).
 * `emergency[i]` marks the penalties added. */
static item *add_emergency_breaks(const item *items, int count, arena *scratch, int *out_count,
                                  bool **emergency)
{
    item *out = ARENA_NEW_ARRAY(scratch, item, count * 2 + 2);
    bool *flag = ARENA_NEW_ARRAY(scratch, bool, count * 2 + 2);
    int n = 0;
    for (int i = 0; i < count; i++) {
        out[n++] = items[i];
        if (items[i].kind == ITEM_BOX && i + 1 < count && items[i + 1].kind != ITEM_PENALTY) {
            /* Only where the next item is a box or glue: never between a
             * box and an existing penalty. */
            bool has_break = false;
            for (int k = i + 1; k < count && items[k].kind != ITEM_BOX; k++)
                if (items[k].kind == ITEM_PENALTY && items[k].penalty < PENALTY_INF)
                    has_break = true;
            if (!has_break) {
                flag[n] = true;
                out[n++] = (item){.kind = ITEM_PENALTY, .penalty = EMERGENCY_PENALTY, .unit = -1};
            }
        }
    }
    *out_count = n;
    *emergency = flag;
    return out;
}

/* The first character of each span: spans lie one after another in the
 * text, so a character's index in its span is its distance from there. */
static int *span_starts(const para_text *t, int count, arena *scratch)
{
    int *start = ARENA_NEW_ARRAY(scratch, int, count);
    for (int c = t->n - 1; c >= 0; c--)
        start[t->span[c]] = c;
    return start;
}

/* Where character cp stands in the source. */
static src_loc char_loc(const para_text *t, const span *spans, const int *span_start, int cp)
{
    return span_char_loc(&spans[t->span[cp]], cp - span_start[t->span[cp]]);
}

/* Say where a run with no allowed break was broken as a last resort, once
 * a run: the run reaches from the break before it to the break after it
 * that the rules allow. */
static void report_emergency(typesetter *ts, const para_text *t, const shaped_para *sp,
                             const span *spans, const int *span_start, const item *items, int n,
                             const bool *emergency, const break_result *br, scaled width)
{
    int reported_end = -1;
    for (int li = 0; li < br->line_count; li++) {
        int e = br->lines[li].end;
        if (!emergency[e] || e < reported_end)
            continue;
        int from = e, to = e;
        while (from > 0 && !(items[from - 1].kind == ITEM_PENALTY &&
                             items[from - 1].penalty < PENALTY_INF && !emergency[from - 1]))
            from--;
        while (to < n && !(items[to].kind == ITEM_PENALTY && items[to].penalty < PENALTY_INF &&
                           !emergency[to]))
            to++;
        reported_end = to;
        int first = -1, last = -1;
        for (int i = from; i < to; i++) {
            if (items[i].kind == ITEM_BOX && items[i].unit >= 0) {
                if (first < 0)
                    first = items[i].unit;
                last = items[i].unit;
            }
        }
        if (first < 0)
            continue;
        const unit *u = &sp->units[first];
        int start = t->byte[u->cp_start], end = t->byte[sp->units[last].cp_end];
        int chars = sp->units[last].cp_end - u->cp_start;
        /* The run as the desk would find it: its first characters. */
        int shown_cp = MIN(u->cp_start + 24, sp->units[last].cp_end);
        int shown = t->byte[shown_cp];
        scaled run_w, y, z;
        int f;
        breaker_measure(items, from, to, &run_w, &y, &z, &f);
        diag_warn(ts->d, char_loc(t, spans, span_start, u->cp_start),
                  "emergency-break",
                  "no line break is allowed in \"%.*s%s\" (%d characters, %.1f pt) and the "
                  "column is %.1f pt wide; it was broken inside as a last resort",
                  shown - start, t->utf8 + start, shown < end ? "…" : "", chars,
                  pt_from_scaled(run_w), pt_from_scaled(width));
    }
}

typedef struct adjust {
    double per[GLUE_KIND_COUNT]; /* fraction of each glue's stretch (>0) or shrink (<0) used */
} adjust;

/* How much each kind of glue gives, to make a line `need` longer (need > 0)
 * or shorter (need < 0), in clreq's order.  *over is what is still too
 * wide when every blank has shrunk all it may. */
static adjust plan_adjust(const item *items, int start, int end, scaled need, bool justify,
                          int *over)
{
    adjust a = {{0}};
    *over = 0;
    int64_t stretch[GLUE_KIND_COUNT] = {0}, shrink[GLUE_KIND_COUNT] = {0};
    bool fill = false;
    for (int i = start; i < end; i++) {
        if (items[i].kind != ITEM_GLUE)
            continue;
        stretch[items[i].glue] += items[i].stretch;
        shrink[items[i].glue] += items[i].shrink;
        fill |= items[i].glue == GLUE_FILL;
    }
    if (need > 0) {
        if (!justify || fill)
            return a;
        int64_t left = need;
        /* Spaces, then Han–Latin gaps, up to their own stretch each. */
        static const glue_kind first[] = {GLUE_WORD, GLUE_HAN_LATIN};
        for (size_t k = 0; k < countof(first) && left > 0; k++) {
            glue_kind g = first[k];
            if (stretch[g] <= 0)
                continue;
            int64_t take = left < stretch[g] ? left : stretch[g];
            a.per[g] = (double)take / stretch[g];
            left -= take;
        }
        if (left > 0) {
            /* The rest over every stretchable gap alike. */
            int64_t all = stretch[GLUE_WORD] + stretch[GLUE_HAN_LATIN] + stretch[GLUE_INTER];
            if (all <= 0)
                return a; /* nothing stretches: the line stays short */
            double extra = (double)left / all;
            a.per[GLUE_WORD] += extra;
            a.per[GLUE_HAN_LATIN] += extra;
            a.per[GLUE_INTER] += extra;
        }
        return a;
    }
    if (need < 0) {
        int64_t left = -(int64_t)need;
        static const glue_kind order[] = {GLUE_WORD, GLUE_BLANK_PAREN, GLUE_BLANK_PAUSE,
                                          GLUE_HAN_LATIN, GLUE_BLANK_STOP};
        for (size_t k = 0; k < countof(order) && left > 0; k++) {
            glue_kind g = order[k];
            if (shrink[g] <= 0)
                continue;
            int64_t take = left < shrink[g] ? left : shrink[g];
            a.per[g] = -(double)take / shrink[g];
            left -= take;
        }
        *over = (int)left;
    }
    return a;
}

static scaled glue_adjust(const item *g, const adjust *a)
{
    double f = a->per[g->glue];
    if (f > 0)
        return (scaled)lround(f * g->stretch);
    if (f < 0)
        return (scaled)lround(f * g->shrink);
    return 0;
}

void para_typeset(typesetter *ts, const span *spans, int count, const para_options *opt,
                  arena *out, para_result *res)
{
    memset(res, 0, sizeof *res);
    arena_reset(ts->scratch);
    arena *scratch = ts->scratch;
    const layout *l = ts->l;
    para_text t;
    if (count <= 0 || !segment_make(ts->seg, spans, count, l, ts->fonts, scratch, &t, ts->d)) {
        res->text = "";
        return;
    }
    shaped_para sp;
    shape_para(ts->sh, &t, spans, l, ts->fonts, scratch, &sp);
    const style *st = &l->styles[spans[0].style];
    int align = opt->align >= 0 ? opt->align : (int)st->align;
    const style *indent_st = opt->indent_style >= 0 ? &l->styles[opt->indent_style] : st;
    hlist_params hp = {
        .indent = opt->no_indent ? 0 : indent_st->indent,
        .line_end_half = st->line_end_half,
        .line_start_open_half = st->line_start_open_half,
        .avoid_single_last = align == ALIGN_JUSTIFY,
        .unit_penalty = st->unit_keep ? UNIT_PENALTY : 0,
        .tracking = st->tracking,
        .han_latin_gap = st->han_latin_gap,
    };
    int n;
    item *items = hlist_build(&t, &sp, spans, &hp, scratch, &n);
    scaled widths[2] = {opt->first_width > 0 ? opt->first_width : opt->width, opt->width};
    break_result br;
    bool *emergency = NULL;
    if (st->breaker == BREAKER_FIRST_FIT) {
        breaker_first_fit(items, n, widths, 2, scratch, &br);
    } else if (opt->looseness &&
               !breaker_optimal(items, n, widths, 2, &breaker_defaults, opt->looseness, scratch,
                                &br)) {
        res->line_count = -1; /* no such variant */
        res->text = "";
        return;
    } else if (!opt->looseness &&
               !breaker_optimal(items, n, widths, 2, &breaker_defaults, 0, scratch, &br)) {
        int n2;
        item *items2 = add_emergency_breaks(items, n, scratch, &n2, &emergency);
        items = items2;
        n = n2;
        if (!breaker_optimal(items, n, widths, 2, &breaker_defaults, 0, scratch, &br))
            breaker_first_fit(items, n, widths, 2, scratch, &br);
    }
    res->pass = br.pass;
    if (ts->trace)
        trace_paragraph(&t, &sp, items, n, &br, emergency);

    /* Justify, then place every glyph. */
    res->text = arena_strdup(out, t.utf8);
    res->lines = ARENA_NEW_ARRAY(out, para_line, br.line_count);
    res->line_count = br.line_count;
    res->glyphs = ARENA_NEW_ARRAY(out, placed_glyph, sp.glyph_count + 1);
    const int *span_start = span_starts(&t, count, scratch);
    for (int li = 0; li < br.line_count; li++) {
        const line_break *lb = &br.lines[li];
        para_line *pl = &res->lines[li];
        scaled w = widths[li == 0 ? 0 : 1];
        scaled natural, stretch, shrink;
        int fill;
        breaker_measure(items, lb->start, lb->end, &natural, &stretch, &shrink, &fill);
        bool last = li == br.line_count - 1;
        bool forced = items[lb->end].penalty <= -PENALTY_INF;
        bool justify = align == ALIGN_DISTRIBUTE || (align == ALIGN_JUSTIFY && !forced);
        scaled need = w - natural;
        int over;
        adjust adj = plan_adjust(items, lb->start, lb->end, need, justify, &over);
        if (align == ALIGN_DISTRIBUTE && need > 0 && fill) {
            /* Spread even the last line: ignore the fill. */
            int64_t all = 0;
            for (int i = lb->start; i < lb->end; i++)
                if (items[i].kind == ITEM_GLUE && items[i].glue != GLUE_FILL)
                    all += items[i].stretch;
            if (all > 0)
                for (int g = 0; g < GLUE_KIND_COUNT; g++)
                    adj.per[g] = g == GLUE_FILL ? 0 : (double)need / all;
        }
        scaled x = 0;
        if (!justify || fill) {
            if (need > 0 && align == ALIGN_CENTER)
                x = need / 2;
            else if (need > 0 && align == ALIGN_END)
                x = need;
        }
        pl->width = w;
        pl->natural = natural;
        pl->glyph_start = res->glyph_count;
        pl->flags = (li == 0 ? LINE_FIRST : 0) | (last ? LINE_LAST : 0) | (forced ? LINE_FORCED : 0);
        pl->ratio = lb->ratio;
        pl->text_start = -1;
        pl->style = -1;
        double inter_extra = 0;
        int inter_count = 0;
        for (int i = lb->start; i < lb->end; i++) {
            const item *it = &items[i];
            if (it->kind == ITEM_GLUE) {
                scaled a = glue_adjust(it, &adj);
                if (it->glue == GLUE_INTER && it->stretch > 0) {
                    inter_extra += a;
                    inter_count++;
                }
                x += it->width + a;
                continue;
            }
            if (it->kind != ITEM_BOX)
                continue;
            if (it->unit >= 0) {
                const unit *u = &sp.units[it->unit];
                const face_info *fi = fontset_info(ts->fonts, u->face);
                scaled pen = x - it->box_left;
                for (int g = u->glyph_start; g < u->glyph_end; g++) {
                    const glyph *gl = &sp.glyphs[g];
                    placed_glyph *pg = &res->glyphs[res->glyph_count++];
                    pg->gid = gl->gid;
                    pg->face = gl->face;
                    pg->size = u->size;
                    pg->x = pen + shape_scale(gl->x_offset, fi->upem, u->size);
                    pg->y = shape_scale(gl->y_offset, fi->upem, u->size);
                    pg->style = spans[u->span].style;
                    if (g == u->glyph_start) {
                        pg->text_start = t.byte[u->cp_start];
                        pg->text_len = t.byte[u->cp_end] - t.byte[u->cp_start];
                    } else {
                        pg->text_start = t.byte[u->cp_start];
                        pg->text_len = 0;
                    }
                    pen += shape_scale(gl->x_advance, fi->upem, u->size);
                }
                if (pl->text_start < 0) {
                    pl->text_start = t.byte[u->cp_start];
                    pl->style = spans[u->span].style;
                    pl->loc = char_loc(&t, spans, span_start, u->cp_start);
                }
                pl->text_end = t.byte[u->cp_end];
                scaled asc = scaled_muldiv(u->size, fi->upem + fi->ideo_bottom, fi->upem);
                scaled desc = u->size - asc;
                pl->ascent = MAX(pl->ascent, asc);
                pl->descent = MAX(pl->descent, desc);
            }
            x += it->width;
            pl->used = x;
        }
        pl->glyph_count = res->glyph_count - pl->glyph_start;
        if (pl->text_start < 0) {
            pl->text_start = pl->text_end = 0;
            pl->style = spans[0].style;
            pl->loc = spans[0].loc;
        }
        if (over > 0 || lb->overfull)
            pl->flags |= LINE_OVERFULL;
        if (inter_count > 0 && inter_extra / inter_count > 0.12 * st->size)
            pl->flags |= LINE_LOOSE;
        if (emergency && emergency[lb->end])
            pl->flags |= LINE_EMERGENCY;
        if (pl->flags & LINE_OVERFULL)
            diag_warn(ts->d, pl->loc, "overfull",
                      "this line is %.1f pt wider than its %.1f pt column, even set as tight "
                      "as the rules allow",
                      pt_from_scaled(pl->used - w), pt_from_scaled(w));
    }
    if (emergency)
        report_emergency(ts, &t, &sp, spans, span_start, items, n, emergency, &br, opt->width);
}

/* The items of spans set with plain parameters (no indent), for
 * measuring; NULL for empty text. */
static item *measure_items(typesetter *ts, const span *spans, int count, int unit_penalty,
                           int *n)
{
    arena_reset(ts->scratch);
    para_text t;
    if (count <= 0 ||
        !segment_make(ts->seg, spans, count, ts->l, ts->fonts, ts->scratch, &t, ts->d))
        return NULL;
    shaped_para sp;
    shape_para(ts->sh, &t, spans, ts->l, ts->fonts, ts->scratch, &sp);
    const style *st = &ts->l->styles[spans[0].style];
    hlist_params hp = {.line_end_half = true, .line_start_open_half = true,
                       .unit_penalty = unit_penalty, .tracking = st->tracking,
                       .han_latin_gap = st->han_latin_gap};
    return hlist_build(&t, &sp, spans, &hp, ts->scratch, n);
}

/* The widest stretch between breaks of the given strength: forced breaks
 * for the natural width, any break for the min-content width. */
static scaled widest_between(const item *items, int n, int limit, bool shrunk)
{
    scaled widest = 0;
    int start = 0;
    for (int i = 0; i < n; i++) {
        if (items[i].kind == ITEM_PENALTY && items[i].penalty <= limit) {
            scaled w, y, z;
            int f;
            breaker_measure(items, start, i, &w, &y, &z, &f);
            widest = MAX(widest, shrunk ? w - z : w);
            start = breaker_line_start(items, n, i);
        }
    }
    return widest;
}

scaled para_natural_width(typesetter *ts, const span *spans, int count)
{
    int n;
    item *items = measure_items(ts, spans, count, 0, &n);
    return items ? widest_between(items, n, -PENALTY_INF, false) : 0;
}

scaled para_min_width(typesetter *ts, const span *spans, int count)
{
    /* A number keeps its unit even here: a cell never splits "17205万元". */
    int n;
    item *items = measure_items(ts, spans, count, PENALTY_INF, &n);
    return items ? widest_between(items, n, PENALTY_INF - 1, true) : 0;
}
