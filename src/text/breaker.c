/* breaker.c — Knuth–Plass and first fit. */
#include "text/breaker.h"

#include "base/arena.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const breaker_params breaker_defaults = {
    .tolerance = 400,
    .line_penalty = 10,
    .adj_demerits = 3000,
};

/* Badness of a line (TeX §108): 100 r³, capped at 10000.  An overfull
 * line (r < -1) is infinitely bad. */
static int badness_of(double r, int cap)
{
    if (r < -1)
        return PENALTY_INF + 1;
    double b = 100.0 * fabs(r) * r * r;
    return b > cap ? cap : (int)(b + 0.5);
}

/* Fitness class (TeX §817): 0 very loose, 1 loose, 2 decent, 3 tight. */
static int fitness_of(double r)
{
    if (r < -0.5)
        return 3;
    if (r <= 0.5)
        return 2;
    if (r <= 1)
        return 1;
    return 0;
}

/* Widths of whole paragraphs may pass what a scaled holds (32 767 pt: a
 * few thousand characters), so the breaker measures in 64 bits. */
static void measure64(const item *items, int start, int end, int64_t *width, int64_t *stretch,
                      int64_t *shrink, int *fill)
{
    int64_t w = 0, y = 0, z = 0;
    int f = 0;
    for (int i = start; i < end; i++) {
        const item *it = &items[i];
        if (it->kind == ITEM_BOX) {
            w += it->width;
        } else if (it->kind == ITEM_GLUE) {
            w += it->width;
            y += it->stretch;
            z += it->shrink;
            f += it->glue == GLUE_FILL;
        }
    }
    *width = w;
    *stretch = y;
    *shrink = z;
    *fill = f;
}

/* A width for callers that keep scaled: too wide stays too wide. */
static scaled saturate(int64_t v)
{
    return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (scaled)v;
}

/* A line from `start` that breaks at the penalty `end` takes the
 * penalty's width too: a hyphen (LB-13). */
static void line_measure64(const item *items, int start, int end, int64_t *width,
                           int64_t *stretch, int64_t *shrink, int *fill)
{
    measure64(items, start, end, width, stretch, shrink, fill);
    if (items[end].kind == ITEM_PENALTY)
        *width += items[end].width;
}

void breaker_measure(const item *items, int start, int end, scaled *width, scaled *stretch,
                     scaled *shrink, int *fill)
{
    int64_t w, y, z;
    line_measure64(items, start, end, &w, &y, &z, fill);
    *width = saturate(w);
    *stretch = saturate(y);
    *shrink = saturate(z);
}

int breaker_line_start(const item *items, int count, int end)
{
    int i = end + 1;
    while (i < count && items[i].kind != ITEM_BOX)
        i++;
    return i;
}

static scaled width_of(const scaled *widths, int n, int line)
{
    return widths[line < n ? line : n - 1];
}

static double ratio_of(int64_t need, int64_t natural, int64_t stretch, int64_t shrink, int fill)
{
    int64_t diff = need - natural;
    if (diff > 0) {
        if (fill > 0)
            return 0;
        if (stretch <= 0)
            return 1e6;
        return (double)diff / stretch;
    }
    if (diff < 0) {
        if (shrink <= 0)
            return -1e6;
        return (double)diff / shrink;
    }
    return 0;
}

typedef struct node {
    int pos;          /* penalty index of the break; -1 for the paragraph start */
    int start;        /* first item of the next line */
    int line;         /* lines before this break point's next line */
    int fitness;
    double total;     /* total demerits */
    int prev;         /* index into the node pool */
    double ratio;
    int badness;
} node;

typedef VEC(node) node_vec;
typedef VEC(int) int_vec;

typedef struct candidate {
    int fitness, line;
    double total;
    int from;
    double ratio;
    int badness;
} candidate;

typedef VEC(candidate) candidate_vec;

/* What a pass works with besides its nodes: the items with prefix sums
 * of their measures, so that each line's measure is O(1), and the pass's
 * limits. */
typedef struct pass_ctx {
    const item *items;
    int count;
    const scaled *widths;
    int nwidths;
    const breaker_params *p;
    int tolerance;
    int cap;           /* badness never exceeds it */
    double too_short;  /* a line short by more than this many times its stretch is beyond
                        * the tolerance */
    int looseness;
    int64_t *sw, *sy, *sz; /* width, stretch and shrink of items [0, i) */
    int64_t *sq;       /* stretch spent first: word spaces and Han–Latin gaps */
    int *sf;           /* fills */
} pass_ctx;

static void prefix_sums(pass_ctx *c, arena *scratch)
{
    int count = c->count;
    /* Every entry is written below: the arrays need no zeroing. */
    size_t sums = sizeof(int64_t) * (size_t)(count + 1);
    c->sw = arena_alloc_raw(scratch, sums);
    c->sy = arena_alloc_raw(scratch, sums);
    c->sz = arena_alloc_raw(scratch, sums);
    c->sq = arena_alloc_raw(scratch, sums);
    c->sf = arena_alloc_raw(scratch, sizeof(int) * (size_t)(count + 1));
    c->sw[0] = c->sy[0] = c->sz[0] = c->sq[0] = 0;
    c->sf[0] = 0;
    for (int i = 0; i < count; i++) {
        const item *it = &c->items[i];
        bool glue = it->kind == ITEM_GLUE;
        c->sw[i + 1] = c->sw[i] + (it->kind == ITEM_PENALTY ? 0 : it->width);
        c->sy[i + 1] = c->sy[i] + (glue ? it->stretch : 0);
        c->sq[i + 1] = c->sq[i] + (glue && (it->glue == GLUE_WORD || it->glue == GLUE_HAN_LATIN)
                                       ? it->stretch
                                       : 0);
        c->sz[i + 1] = c->sz[i] + (glue ? it->shrink : 0);
        c->sf[i + 1] = c->sf[i] + (glue && it->glue == GLUE_FILL);
    }
}

/* Demerits of the line from node a to the break at item b, with its
 * ratio r, badness and measure: (line penalty + badness)², the break's
 * penalty², a loose line's and a jump in fitness class's extra. */
static double line_demerits(const pass_ctx *c, const node *a, int b, double r, int bad, int fc,
                            scaled w, int64_t natural, int64_t stretch, int fill)
{
    const breaker_params *p = c->p;
    int penalty = c->items[b].penalty;
    double d = p->line_penalty + (double)bad;
    d *= d;
    if (penalty > 0)
        d += (double)penalty * penalty;
    else if (penalty > -PENALTY_INF)
        d -= (double)penalty * penalty;
    if (p->loose_ratio > 0 && r > 0 && !fill) {
        /* What the gaps between characters give once spaces and Han–Latin
         * gaps have given all of theirs (as typeset.c justifies); a line
         * with no stretch at all stays short, and is loose too. */
        scaled rest = w - natural - (scaled)(c->sq[b] - c->sq[a->start]);
        if (stretch <= 0 || (double)rest / stretch > p->loose_ratio)
            d += (double)p->loose_penalty * p->loose_penalty;
    }
    if (abs(fc - a->fitness) > 1)
        d += p->adj_demerits;
    return d + a->total;
}

/* Keep the line from node `from` if it is the best so far to this break
 * of its fitness class (and line count, with looseness). */
static void keep_best(candidate_vec *cands, int fc, int line, double d, int from, double r,
                      int bad)
{
    candidate *c = NULL;
    for (int k = 0; k < cands->n; k++)
        if (cands->v[k].fitness == fc && cands->v[k].line == line)
            c = &cands->v[k];
    if (!c) {
        c = VEC_PUSH(*cands);
        c->fitness = fc;
        c->line = line;
        c->total = INFINITY;
    }
    if (d < c->total) {
        c->total = d;
        c->from = from;
        c->ratio = r;
        c->badness = bad;
    }
}

/* Rate the line from every active node to the break at item b into
 * `cands`; nodes a line from which can no longer fit, or which a forced
 * break ends, leave the active list. */
static void rate_lines(const pass_ctx *c, int b, const node_vec *pool, int_vec *active,
                       candidate_vec *cands)
{
    /* Locals, not fields, in this innermost loop: the stores to `act` and
     * the growing of `cands` would have the compiler read fields again. */
    const int64_t *sw = c->sw, *sy = c->sy, *sz = c->sz;
    const int *sf = c->sf;
    const node *nodes = pool->v;
    int *act = active->v;
    int n = active->n;
    double too_short = c->too_short;
    bool forced = c->items[b].penalty <= -PENALTY_INF;
    int keep = 0;
    for (int ai = 0; ai < n; ai++) {
        const node *a = &nodes[act[ai]];
        int s = a->start;
        if (s > b) { /* nothing on the line yet */
            act[keep++] = act[ai];
            continue;
        }
        int64_t natural = sw[b] - sw[s] + c->items[b].width; /* a hyphen, if any */
        int64_t stretch = sy[b] - sy[s];
        scaled w = width_of(c->widths, c->nwidths, a->line);
        if (!forced && stretch > 0 && (double)(w - natural) > too_short * (double)stretch &&
            sf[b] == sf[s]) {
            /* Too short yet: it stays active, as rating it would leave it. */
            act[keep++] = act[ai];
            continue;
        }
        int64_t shrink = sz[b] - sz[s];
        int fill = sf[b] - sf[s];
        double r = ratio_of(w, natural, stretch, shrink, fill);
        int bad = badness_of(r, c->cap);
        if (r >= -1 && (bad <= c->tolerance || forced)) {
            int fc = fitness_of(r);
            double d = line_demerits(c, a, b, r, bad, fc, w, natural, stretch, fill);
            keep_best(cands, fc, c->looseness ? a->line + 1 : 0, d, act[ai], r, bad);
        }
        if (r >= -1 && !forced)
            act[keep++] = act[ai];
    }
    active->n = keep;
}

/* The best way to the end; with looseness, the best of the wanted line
 * count (the optimum's count plus looseness).  -1 when there is none. */
static int best_final(const node_vec *pool, const int_vec *finals, int looseness)
{
    int best = -1;
    for (int k = 0; k < finals->n; k++)
        if (best < 0 || pool->v[finals->v[k]].total < pool->v[best].total)
            best = finals->v[k];
    if (best >= 0 && looseness) {
        int want = pool->v[best].line + looseness;
        best = -1;
        for (int k = 0; k < finals->n; k++) {
            const node *nd = &pool->v[finals->v[k]];
            if (nd->line == want && (best < 0 || nd->total < pool->v[best].total))
                best = finals->v[k];
        }
    }
    return best;
}

/* The lines that lead to node `best`, first to last. */
static void trace_back(const node_vec *pool, int best, arena *scratch, break_result *out)
{
    int lines = 0;
    for (int k = best; pool->v[k].prev >= 0; k = pool->v[k].prev)
        lines++;
    out->lines = ARENA_NEW_ARRAY(scratch, line_break, lines);
    out->line_count = lines;
    int li = lines - 1;
    for (int k = best; pool->v[k].prev >= 0; k = pool->v[k].prev, li--) {
        const node *nd = &pool->v[k];
        out->lines[li] = (line_break){.end = nd->pos,
                                      .start = pool->v[nd->prev].start,
                                      .ratio = nd->ratio,
                                      .badness = nd->badness};
    }
}

/* One pass at a tolerance; false when no feasible break sequence exists.
 * With looseness 0 the best break per fitness class survives at each
 * break point (TeX); otherwise the best per class and line count, so that
 * a paragraph one line longer or shorter can be found (TeX's \looseness). */
static bool kp_pass(const item *items, int count, const scaled *widths, int nwidths,
                    const breaker_params *p, int tolerance, bool tolerated, int looseness,
                    arena *scratch, break_result *out, break_result *opposite)
{
    pass_ctx c = {.items = items, .count = count, .widths = widths, .nwidths = nwidths, .p = p,
                  .tolerance = tolerance, .looseness = looseness};
    /* TeX caps badness at 10000, so that every line that cannot be made
     * good is equally bad.  In the last pass, where such lines must be
     * chosen among, the cap is lifted: a line spread twice as far is worse,
     * and a break the rules only tolerate (a number from its unit) can
     * then be weighed against it. */
    c.cap = tolerance > 10000 ? 10000000 : 10000;
    /* A line short of its measure by more than this many times its stretch
     * is beyond the tolerance (100 r³ > tolerance): it need not be rated.
     * The margin leaves lines near the limit to the exact rating. */
    c.too_short = c.cap > tolerance ? cbrt((tolerance + 0.5) / 100.0) * 1.001 : INFINITY;
    prefix_sums(&c, scratch);
    node_vec pool = {0};
    int_vec active = {0};
    int_vec finals = {0};
    candidate_vec cands = {0};
    node *first = VEC_PUSH(pool);
    first->pos = -1;
    first->start = 0;
    first->prev = -1;
    first->fitness = 2;
    *VEC_PUSH(active) = 0;

    for (int b = 0; b < count && active.n > 0; b++) {
        const item *it = &items[b];
        if (it->kind != ITEM_PENALTY || it->penalty >= PENALTY_INF)
            continue;
        /* A paragraph made longer or shorter on request must be as good
         * as a normal one: no break the rules only tolerate; nor, when
         * asked, the first pass (see strict_first_pass). */
        if ((looseness || !tolerated) && it->penalty >= BREAKER_SOFT_LIMIT)
            continue;
        cands.n = 0;
        rate_lines(&c, b, &pool, &active, &cands);
        /* Each candidate becomes a node: active, or final at the end. */
        int start_next = breaker_line_start(items, count, b);
        for (int k = 0; k < cands.n; k++) {
            const candidate *cd = &cands.v[k];
            node *nn = VEC_PUSH(pool);
            nn->pos = b;
            nn->start = start_next;
            nn->line = pool.v[cd->from].line + 1;
            nn->fitness = cd->fitness;
            nn->total = cd->total;
            nn->prev = cd->from;
            nn->ratio = cd->ratio;
            nn->badness = cd->badness;
            if (b == count - 1)
                *VEC_PUSH(finals) = pool.n - 1;
            else
                *VEC_PUSH(active) = pool.n - 1;
        }
    }
    int best = best_final(&pool, &finals, looseness);
    if (best >= 0)
        trace_back(&pool, best, scratch, out);
    /* The pass is the same for a looseness and its opposite: only the
     * line count sought differs. */
    if (opposite) {
        int other = best_final(&pool, &finals, -looseness);
        if (other >= 0) {
            trace_back(&pool, other, scratch, opposite);
            opposite->pass = 1;
        }
    }
    VEC_FREE(pool);
    VEC_FREE(active);
    VEC_FREE(finals);
    VEC_FREE(cands);
    return best >= 0;
}

bool breaker_optimal(const item *items, int count, const scaled *widths, int nwidths,
                     const breaker_params *p, int looseness, arena *scratch, break_result *out)
{
    memset(out, 0, sizeof *out);
    if (count == 0 || items[count - 1].kind != ITEM_PENALTY)
        return false;
    const int tolerances[] = {p->tolerance, 2000, 10000000};
    /* A looser or tighter paragraph is worth having only if it is good. */
    int passes = looseness ? 1 : 3;
    for (int pass = 0; pass < passes; pass++) {
        bool tolerated = pass > 0 || !p->strict_first_pass;
        if (kp_pass(items, count, widths, nwidths, p, tolerances[pass], tolerated, looseness,
                    scratch, out, NULL)) {
            out->pass = pass + 1;
            return true;
        }
    }
    return false;
}

void breaker_optimal_loose(const item *items, int count, const scaled *widths, int nwidths,
                           const breaker_params *p, arena *scratch, break_result *shorter,
                           break_result *longer)
{
    memset(shorter, 0, sizeof *shorter);
    memset(longer, 0, sizeof *longer);
    if (count == 0 || items[count - 1].kind != ITEM_PENALTY)
        return;
    if (kp_pass(items, count, widths, nwidths, p, p->tolerance, !p->strict_first_pass, -1,
                scratch, shorter, longer))
        shorter->pass = 1;
}

void breaker_first_fit(const item *items, int count, const scaled *widths, int nwidths,
                       arena *scratch, break_result *out)
{
    memset(out, 0, sizeof *out);
    VEC(line_break) lines = {0};
    int start = 0;
    int last_fit = -1;     /* last break where the line fits */
    for (int b = 0; b < count; b++) {
        if (items[b].kind != ITEM_PENALTY || items[b].penalty >= PENALTY_INF)
            continue;
        scaled w = width_of(widths, nwidths, lines.n);
        int64_t natural, stretch, shrink;
        int fill;
        line_measure64(items, start, b, &natural, &stretch, &shrink, &fill);
        bool forced = items[b].penalty <= -PENALTY_INF;
        bool fits = natural - shrink <= w;
        if (fits && !forced) {
            last_fit = b;
            continue;
        }
        int end = fits ? b : last_fit >= 0 ? last_fit : b;
        int64_t nat2, y2, z2;
        int f2;
        line_measure64(items, start, end, &nat2, &y2, &z2, &f2);
        double r = ratio_of(w, nat2, y2, z2, f2);
        line_break *lb = VEC_PUSH(lines);
        *lb = (line_break){.end = end, .start = start, .ratio = r < -1 ? -1 : r,
                           .badness = badness_of(r < -1 ? -1 : r, 10000), .overfull = r < -1};
        start = breaker_line_start(items, count, end);
        last_fit = -1;
        if (end != b)
            b = end; /* re-examine from the new line's start */
    }
    out->lines = arena_memdup(scratch, lines.v, sizeof(line_break) * (size_t)lines.n);
    out->line_count = lines.n;
    out->pass = 0;
    VEC_FREE(lines);
}
