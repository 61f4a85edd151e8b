/* justify.c — stretching and shrinking a line in clreq's order. */
#include "text/justify.h"

#include "input/layout.h"

/* A line's stretch and shrink by kind of glue, and whether it has fill. */
typedef struct glue_totals {
    int64_t stretch[GLUE_KIND_COUNT], shrink[GLUE_KIND_COUNT];
    bool fill;
} glue_totals;

static glue_totals sum_glue(const item *items, int start, int end)
{
    glue_totals g = {{0}, {0}, false};
    for (int i = start; i < end; i++) {
        if (items[i].kind != ITEM_GLUE)
            continue;
        g.stretch[items[i].glue] += items[i].stretch;
        g.shrink[items[i].glue] += items[i].shrink;
        g.fill |= items[i].glue == GLUE_FILL;
    }
    return g;
}

/* Make the line `need` longer: spaces, then Han–Latin gaps, each up to its
 * own stretch; the rest over every stretchable gap alike. */
static void stretch_line(justification *j, const glue_totals *g, scaled need)
{
    int64_t left = need;
    static const glue_kind first[] = {GLUE_WORD, GLUE_HAN_LATIN};
    for (size_t k = 0; k < countof(first) && left > 0; k++) {
        glue_kind kind = first[k];
        if (g->stretch[kind] <= 0)
            continue;
        int64_t take = left < g->stretch[kind] ? left : g->stretch[kind];
        j->per[kind] = (double)take / g->stretch[kind];
        left -= take;
    }
    if (left <= 0)
        return;
    int64_t all = g->stretch[GLUE_WORD] + g->stretch[GLUE_HAN_LATIN] + g->stretch[GLUE_INTER];
    if (all <= 0) {
        j->unfilled = (scaled)left;
        return;
    }
    double extra = (double)left / all;
    j->per[GLUE_WORD] += extra;
    j->per[GLUE_HAN_LATIN] += extra;
    j->per[GLUE_INTER] += extra;
}

/* Make the line `excess` shorter, each kind giving all its shrink before
 * the next: tracking between characters (heads) gives way last. */
static void shrink_line(justification *j, const glue_totals *g, int64_t excess)
{
    int64_t left = excess;
    static const glue_kind order[] = {GLUE_WORD,      GLUE_BLANK_PAREN, GLUE_BLANK_PAUSE,
                                      GLUE_HAN_LATIN, GLUE_BLANK_STOP,  GLUE_INTER};
    for (size_t k = 0; k < countof(order) && left > 0; k++) {
        glue_kind kind = order[k];
        if (g->shrink[kind] <= 0)
            continue;
        int64_t take = left < g->shrink[kind] ? left : g->shrink[kind];
        j->per[kind] = -(double)take / g->shrink[kind];
        left -= take;
    }
    j->unfilled = (scaled)-left;
}

/* A distributed line with fill (a last line) spreads over every glue but
 * the fill, alike. */
static void spread_ignoring_fill(justification *j, const glue_totals *g, scaled need)
{
    int64_t all = 0;
    for (int kind = 0; kind < GLUE_KIND_COUNT; kind++)
        if (kind != GLUE_FILL)
            all += g->stretch[kind];
    if (all <= 0)
        return;
    for (int kind = 0; kind < GLUE_KIND_COUNT; kind++)
        j->per[kind] = kind == GLUE_FILL ? 0 : (double)need / all;
}

justification justify_line(const item *items, int start, int end, scaled natural,
                           scaled measure, int align, bool forced)
{
    justification j = {{0}, 0, 0};
    bool justify = align == ALIGN_DISTRIBUTE || (align == ALIGN_JUSTIFY && !forced);
    scaled need = measure - natural;
    glue_totals g = sum_glue(items, start, end);
    if (need > 0 && justify && !g.fill)
        stretch_line(&j, &g, need);
    else if (need > 0 && align == ALIGN_DISTRIBUTE)
        spread_ignoring_fill(&j, &g, need);
    else if (need < 0)
        shrink_line(&j, &g, -(int64_t)need);
    if ((!justify || g.fill) && need > 0) {
        if (align == ALIGN_CENTER)
            j.x = need / 2;
        else if (align == ALIGN_END)
            j.x = need;
    }
    return j;
}
