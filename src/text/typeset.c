/* typeset.c — the paragraph pipeline and justification. */
#include "text/typeset.h"

#include "base/arena.h"
#include "text/hlist.h"
#include "text/segment.h"
#include "text/shape.h"
#include "text/shapecache.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct typesetter {
    fontset *fonts;
    const layout *l;
    diag *d;
    segmenter *seg;
    shaper *sh;
    shape_cache *shaped;  /* segmented and shaped paragraphs, by their spans */
    arena *scratch;
    bool trace;   /* PAIBAN_TRACE contains "breaker" */
    double shape_seconds;  /* segmenting and shaping, all paragraphs */
    double break_seconds;  /* items, line breaking and justification */
};

static double clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

void typesetter_times(const typesetter *ts, double *shape, double *brk)
{
    *shape = ts->shape_seconds;
    *brk = ts->break_seconds;
}

/* The items and chosen breaks of a paragraph on stderr, for whoever
 * wonders why a line broke where it did (PAIBAN_TRACE=breaker). */
static void trace_paragraph(const para_text *t, const shaped_para *sp, const item *items, int n,
                            const break_result *br, const bool *emergency)
{
    int shown = t->n > 30 ? t->byte[30] : t->byte[t->n]; /* whole characters */
    fprintf(stderr, "paragraph \"%.*s\": %d items, pass %d\n", shown, t->utf8, n, br->pass);
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

/* Cost of a break between a number and its unit, and what a loose line
 * (LINE_LOOSE) costs on top of its badness: the same, so that a number
 * leaves its unit only where a line would otherwise be loose (issue 3:
 * "unless the line would otherwise be loose"), and one such fault is never
 * traded for two of the other kind. */
enum { UNIT_PENALTY = 5000, EMERGENCY_PENALTY = 5000 };

/* Cost of breaking a head inside a word (LB-11), against the ragged-right
 * stretch of 3 em that unjustified lines get: a line up to 4.7 em short
 * (badness 400, the first pass's tolerance) is better than a word cut in
 * two. */
enum { PHRASE_PENALTY = 1000, RAGGED_EMS = 3 };

/* Spread between Han characters, in em on average over a line, beyond
 * which a justified line reads as loose (LINE_LOOSE). */
#define LOOSE_GAP_EMS 0.12

/* Open the faces text can be set in before any paragraph is segmented:
 * every style's own and Latin face, and the fallbacks (segment.h only
 * looks faces up). */
static void open_faces_ahead(fontset *fonts, const layout *l)
{
    int count = fontset_count(fonts);
    bool *wanted = xcalloc((size_t)count + 1, sizeof *wanted);
    for (int i = 0; i < l->style_count; i++) {
        wanted[l->styles[i].face] = true;
        wanted[l->styles[i].latin_face] = true;
    }
    int fallback_count;
    const int *fallbacks = fontset_fallbacks(fonts, &fallback_count);
    for (int k = 0; k < fallback_count; k++)
        wanted[fallbacks[k]] = true;
    int *faces = xcalloc((size_t)count + 1, sizeof *faces);
    int n = 0;
    for (int f = 0; f < count; f++)
        if (wanted[f])
            faces[n++] = f;
    fontset_open_ahead(fonts, faces, n);
    free(faces);
    free(wanted);
}

typesetter *typesetter_new(fontset *fonts, const layout *l, diag *d)
{
    open_faces_ahead(fonts, l);
    typesetter *ts = xcalloc(1, sizeof *ts);
    ts->fonts = fonts;
    ts->l = l;
    ts->d = d;
    ts->seg = segmenter_new();
    ts->sh = shaper_new();
    ts->shaped = shape_cache_new();
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
    shape_cache_free(ts->shaped);
    arena_free(ts->scratch);
    free(ts);
}

fontset *typesetter_fonts(typesetter *ts) { return ts->fonts; }

void para_warn_line(diag *d, unsigned flags, src_loc loc, const char *text)
{
    static const struct {
        unsigned flag;
        const char *kind;
        const char *what;
    } problems[] = {
        {LINE_OVERFULL, "overfull-line", "is wider than its measure"},
        {LINE_EMERGENCY, "rule-broken",
         "breaks where the line-breaking rules forbid: a run of text without a break is wider "
         "than the measure"},
        {LINE_LOOSE, "loose-line",
         "is spread wider between characters than reads well, or falls short of the measure"},
        {LINE_TIGHT, "tight-line", "had to compress a 。？！ inside the line"},
    };
    for (size_t i = 0; i < countof(problems); i++)
        if (flags & problems[i].flag)
            diag_warn(d, loc, problems[i].kind,
                      "the line \"%s\" %s; rewording the text near it or changing the measure "
                      "gives the breaker other choices",
                      text, problems[i].what);
}

/* Allow a break between every two boxes of a run that no line can hold
 * (a long URL, a 200-digit number), the last resort; runs that fit a line
 * keep their rules.  `emergency[i]` marks the penalties added. */
static item *add_emergency_breaks(const item *items, int count, scaled narrowest, arena *scratch,
                                  int *out_count, bool **emergency)
{
    bool *too_wide = ARENA_NEW_ARRAY(scratch, bool, count + 1);
    int start = 0;
    for (int i = 0; i < count; i++) {
        if (items[i].kind != ITEM_PENALTY || items[i].penalty >= PENALTY_INF)
            continue;
        scaled w, y, z;
        int f;
        breaker_measure(items, start, i, &w, &y, &z, &f);
        if (w - z > narrowest)
            for (int k = start; k < i; k++)
                too_wide[k] = true;
        start = breaker_line_start(items, count, i);
    }
    item *out = ARENA_NEW_ARRAY(scratch, item, count * 2 + 2);
    bool *flag = ARENA_NEW_ARRAY(scratch, bool, count * 2 + 2);
    int n = 0;
    for (int i = 0; i < count; i++) {
        out[n++] = items[i];
        if (too_wide[i] && items[i].kind == ITEM_BOX && i + 1 < count &&
            items[i + 1].kind != ITEM_PENALTY) {
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
 * text, so a character's index in its span is its distance from there
 * (found once, not by walking back from every line). */
static int *span_starts(const para_text *t, int count, arena *scratch)
{
    int *start = ARENA_NEW_ARRAY(scratch, int, count + 1);
    for (int c = t->n - 1; c >= 0; c--)
        start[t->span[c]] = c;
    return start;
}

typedef struct adjust {
    double per[GLUE_KIND_COUNT]; /* fraction of each glue's stretch (>0) or shrink (<0) used */
} adjust;

/* How much each kind of glue gives, to make a line `need` longer (need > 0)
 * or shorter (need < 0), in clreq's order.  `unfilled` is what the glue
 * cannot give: > 0 the line stays short of the measure, < 0 it sticks out. */
static adjust plan_adjust(const item *items, int start, int end, scaled need, bool justify,
                          scaled *unfilled)
{
    adjust a = {{0}};
    *unfilled = 0;
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
            if (all <= 0) {
                *unfilled = (scaled)left;
                return a;
            }
            double extra = (double)left / all;
            a.per[GLUE_WORD] += extra;
            a.per[GLUE_HAN_LATIN] += extra;
            a.per[GLUE_INTER] += extra;
        }
        return a;
    }
    if (need < 0) {
        int64_t left = -(int64_t)need;
        /* Tracking between characters (heads) gives way last. */
        static const glue_kind order[] = {GLUE_WORD, GLUE_BLANK_PAREN, GLUE_BLANK_PAUSE,
                                          GLUE_HAN_LATIN, GLUE_BLANK_STOP, GLUE_INTER};
        for (size_t k = 0; k < countof(order) && left > 0; k++) {
            glue_kind g = order[k];
            if (shrink[g] <= 0)
                continue;
            int64_t take = left < shrink[g] ? left : shrink[g];
            a.per[g] = -(double)take / shrink[g];
            left -= take;
        }
        *unfilled = (scaled)-left;
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

/* The paragraph's items built again with `hp`, and broken by total fit. */
static bool set_again(const para_text *t, const shaped_para *sp, const span *spans,
                      const hlist_params *hp, const scaled widths[2], const breaker_params *bp,
                      arena *scratch, item **items, int *n, break_result *br)
{
    *items = hlist_build(t, sp, spans, hp, scratch, n);
    return breaker_optimal(*items, *n, widths, 2, bp, 0, scratch, br);
}

/* Line breaks that fall where an ideographic space parts two phrases
 * (hlist gives those breaks the negative phrase penalty). */
static int breaks_at_phrase_spaces(const item *items, const break_result *br)
{
    int count = 0;
    for (int i = 0; i + 1 < br->line_count; i++) {
        const item *it = &items[br->lines[i].end];
        if (it->kind == ITEM_PENALTY && it->penalty == -PHRASE_PENALTY)
            count++;
    }
    return count;
}

/* What the chosen breaks cost by the rules (a word or a number split
 * costs, a break at a head's ideographic space gains); evening out a
 * head's lines may not cost more. */
static long break_cost(const item *items, const break_result *br)
{
    long cost = 0;
    for (int i = 0; i < br->line_count; i++) {
        int pen = items[br->lines[i].end].penalty;
        if (items[br->lines[i].end].kind == ITEM_PENALTY && pen > -PENALTY_INF &&
            pen < PENALTY_INF)
            cost += pen;
    }
    return cost;
}

void para_typeset(typesetter *ts, const span *spans, int count, const para_options *opt,
                  arena *out, para_result *res)
{
    memset(res, 0, sizeof *res);
    arena_reset(ts->scratch);
    arena *scratch = ts->scratch;
    const layout *l = ts->l;
    double t0 = clock_seconds();
    para_text t;
    shaped_para sp;
    if (count <= 0 || !shape_cache_get(ts->shaped, ts->seg, ts->sh, spans, count, l, ts->fonts,
                                       ts->d, &t, &sp)) {
        res->text = "";
        return;
    }
    double t1 = clock_seconds();
    ts->shape_seconds += t1 - t0;
    const style *st = &l->styles[spans[0].style];
    int align = opt->align >= 0 ? opt->align : (int)st->align;
    const style *indent_st = opt->indent_style >= 0 ? &l->styles[opt->indent_style] : st;
    bool justified = align == ALIGN_JUSTIFY || align == ALIGN_DISTRIBUTE;
    hlist_params hp = {
        .indent = opt->no_indent ? 0 : indent_st->indent,
        .line_end_half = st->line_end_half,
        .line_start_open_half = st->line_start_open_half,
        .reduce_stops = st->reduce_stops,
        .avoid_single_last = true,
        .unit_penalty = st->unit_keep ? UNIT_PENALTY : 0,
        .word_penalty = PHRASE_PENALTY, /* only where a span's style asks for phrase breaks */
        .space_parts_phrases = st->phrase_breaks && !st->name_parts,
        .ragged = justified ? 0 : RAGGED_EMS * st->size,
        .tracking = st->tracking,
        .han_latin_gap = st->han_latin_gap,
    };
    int n;
    item *items = hlist_build(&t, &sp, spans, &hp, scratch, &n);
    /* No break the rules only tolerate while one they allow will do, in
     * ragged text too: there a short line is what the alignment allows.
     * Justified text: a number leaves its unit only where a line would
     * otherwise be loose, as LINE_LOOSE below has it. */
    breaker_params bparams = breaker_defaults;
    bparams.strict_first_pass = true;
    if (justified) {
        bparams.loose_ratio = LOOSE_GAP_EMS * st->size / HLIST_INTER_STRETCH(st->size);
        bparams.loose_penalty = UNIT_PENALTY;
    }
    const breaker_params *bp = &bparams;
    scaled widths[2] = {opt->first_width > 0 ? opt->first_width : opt->width, opt->width};
    break_result br;
    bool *emergency = NULL;
    if (st->breaker == BREAKER_FIRST_FIT) {
        breaker_first_fit(items, n, widths, 2, scratch, &br);
    } else if (opt->looseness) {
        if (!breaker_optimal(items, n, widths, 2, bp, opt->looseness, scratch, &br)) {
            res->line_count = -1; /* no such variant */
            res->text = "";
            return;
        }
    } else if (!breaker_optimal(items, n, widths, 2, bp, 0, scratch, &br)) {
        /* No way by the rules.  Give up the goal of PH-4 (no 孤字) first,
         * then the rules inside runs too wide for a line. */
        bool found = false;
        if (hp.avoid_single_last) {
            hp.avoid_single_last = false;
            items = hlist_build(&t, &sp, spans, &hp, scratch, &n);
            found = breaker_optimal(items, n, widths, 2, bp, 0, scratch, &br);
        }
        if (!found) {
            items = add_emergency_breaks(items, n, MIN(widths[0], widths[1]), scratch, &n,
                                         &emergency);
            if (!breaker_optimal(items, n, widths, 2, bp, 0, scratch, &br))
                breaker_first_fit(items, n, widths, 2, scratch, &br);
        }
    }
    /* A head may be set again another way (below); justified text, a
     * looseness variant, an emergency setting or first fit keep theirs. */
    bool may_reset = !justified && !opt->looseness && !emergency &&
                     st->breaker != BREAKER_FIRST_FIT;
    item *items2;
    int n2;
    break_result br2;
    /* A tracked head that wraps is set again without tracking; if that
     * saves a line, the tracking gives way (PH-10). */
    if (may_reset && hp.tracking > 0 && br.line_count > 1) {
        hlist_params solid = hp;
        solid.tracking = 0;
        if (set_again(&t, &sp, spans, &solid, widths, bp, scratch, &items2, &n2, &br2) &&
            br2.line_count < br.line_count) {
            items = items2;
            n = n2;
            br = br2;
            hp = solid;
        }
    }
    /* A head of several lines is set in lines of even length, not full
     * lines over a short last one: the last line is ragged like the rest. */
    if (may_reset && st->phrase_breaks && br.line_count > 1) {
        hlist_params even = hp;
        even.balance = true;
        if (set_again(&t, &sp, spans, &even, widths, bp, scratch, &items2, &n2, &br2) &&
            br2.line_count == br.line_count &&
            break_cost(items2, &br2) <= break_cost(items, &br)) {
            items = items2;
            n = n2;
            br = br2;
        }
    }
    /* Where the writer parted a head's phrases with an ideographic space,
     * its lines break there if the head keeps its number of lines, however
     * short that leaves a line: a centred head reads by its phrases, and
     * a short line costs it little. */
    if (may_reset && hp.space_parts_phrases && br.line_count > 1 &&
        breaks_at_phrase_spaces(items, &br) < br.line_count - 1) {
        hlist_params lenient = hp;
        lenient.ragged = MAX(widths[0], widths[1]);
        if (set_again(&t, &sp, spans, &lenient, widths, bp, scratch, &items2, &n2, &br2) &&
            br2.line_count == br.line_count &&
            breaks_at_phrase_spaces(items2, &br2) > breaks_at_phrase_spaces(items, &br)) {
            items = items2;
            n = n2;
            br = br2;
        }
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
        scaled unfilled;
        adjust adj = plan_adjust(items, lb->start, lb->end, need, justify, &unfilled);
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
        scaled stop_given = 0; /* what stops' blanks gave since the last box */
        for (int i = lb->start; i < lb->end; i++) {
            const item *it = &items[i];
            if (it->kind == ITEM_GLUE) {
                scaled a = glue_adjust(it, &adj);
                if (it->glue == GLUE_INTER && it->stretch > 0) {
                    inter_extra += a;
                    inter_count++;
                }
                if (it->glue == GLUE_BLANK_STOP)
                    stop_given += a;
                x += it->width + a;
                continue;
            }
            if (it->kind != ITEM_BOX)
                continue;
            /* 。？！ reduced inside the line, clreq's last resort (JU-3
             * step 7), which many houses forbid; at the line's end, with
             * nothing after it, it is the ordinary line-end rule (PU-3).
             * (A stop kept whole gives and takes back: net nothing.) */
            if (stop_given < 0)
                pl->flags |= LINE_TIGHT;
            stop_given = 0;
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
                    pl->loc = span_char_loc(&spans[u->span], u->cp_start - span_start[u->span]);
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
        if (unfilled < 0 || lb->overfull)
            pl->flags |= LINE_OVERFULL;
        /* Loose: spread more than the eye accepts, or not even reaching
         * the measure (a Latin word alone on a justified line). */
        if (unfilled > 0 ||
            (inter_count > 0 && inter_extra / inter_count > LOOSE_GAP_EMS * st->size))
            pl->flags |= LINE_LOOSE;
        if (emergency && emergency[lb->end])
            pl->flags |= LINE_EMERGENCY;
    }
    ts->break_seconds += clock_seconds() - t1;
}

/* The items of spans set with plain parameters (no indent), for
 * measuring; NULL for empty text. */
static item *measure_items(typesetter *ts, const span *spans, int count, int unit_penalty,
                           int *n)
{
    arena_reset(ts->scratch);
    para_text t;
    shaped_para sp;
    if (count <= 0 || !shape_cache_get(ts->shaped, ts->seg, ts->sh, spans, count, ts->l,
                                       ts->fonts, ts->d, &t, &sp))
        return NULL;
    const style *st = &ts->l->styles[spans[0].style];
    hlist_params hp = {.line_end_half = true, .line_start_open_half = true,
                       .reduce_stops = st->reduce_stops, .unit_penalty = unit_penalty, .tracking = st->tracking,
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
