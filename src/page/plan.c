/* plan.c — the planner: needs measured, layouts tried (page/planout.c
 * explains and writes the plan). */
#include "page/plan.h"

#include "page/compose.h"
#include "page/grid.h"
#include "page/makeup.h"
#include "page/planner.h"

#include <stdlib.h>
#include <string.h>

static int rest_need(planner *pl, int width);

static int rank_order(const void *a, const void *b)
{
    const story *x = *(const story *const *)a, *y = *(const story *const *)b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* The headline styles of a rank: the lead's own, then the layout's second
 * and third sizes where it has them (headline-2, kicker-2 …); the lead too
 * takes the second size when `second`. */
static void rank_styles(const layout *l, int rank, bool second, placement *pl)
{
    pl->kicker_style = pl->headline_style = pl->subtitle_style = -1;
    if (rank <= 1 && !second)
        return;
    rank = MAX(rank, 2);
    char name[32];
    const char *parts[3] = {"kicker", "headline", "subtitle"};
    int *slots[3] = {&pl->kicker_style, &pl->headline_style, &pl->subtitle_style};
    for (int i = 0; i < 3; i++) {
        for (int size = MIN(rank, 3); size >= 2 && *slots[i] < 0; size--) {
            snprintf(name, sizeof name, "%s-%d", parts[i], size);
            *slots[i] = layout_style(l, name);
        }
    }
}

static placement placement_of(const planner *pl, const story *st, int col_from, int col_to,
                              int top, int lines)
{
    placement p = {.article = st->article,
                   .area = {.col_from = col_from, .col_to = col_to, .top = top, .lines = lines,
                            .loc = st->loc},
                   .continue_page = -1,
                   .loc = st->loc};
    rank_styles(pl->l, st->rank, pl->lead_second, &p);
    return p;
}

/* ---- needs -------------------------------------------------------------- */

/* Whether story i sets whole in k columns (set in `set` columns of its
 * own, 0: the grid's) and `lines` grid lines at the top of the page
 * (nothing above it: no white).  *wrong: it met an error (a table too wide,
 * a photo too tall), not just too little room. */
static bool fits_placed(planner *pl, placement p, bool *wrong, int *head);

static bool fits(planner *pl, int i, int k, int set, int lines, bool *wrong)
{
    placement p = placement_of(pl, pl->order[i], 0, k - 1, pl->reserved, lines);
    p.set_columns = set;
    return fits_placed(pl, p, wrong, NULL);
}

/* Whether placement p, alone on the page, sets whole; *head (when asked)
 * the grid lines from its top to the foot of its headline band. */
static bool fits_placed(planner *pl, placement p, bool *wrong, int *head)
{
    page_spec one = *pl->ps;
    one.placements = &p;
    one.placement_count = 1;
    one.stories = NULL;
    one.story_count = 0;
    page_out out;
    int errors;
    compose_page_aside(pl->e, pl->l, pl->ts, &one, pl->p, pl->a, &out, NULL, &errors);
    bool whole = errors == 0 && out.modules.n == 1 && out.modules.v[0].overset_lines == 0;
    if (wrong)
        *wrong = errors > 0;
    if (head)
        *head = out.modules.n == 1 ? out.modules.v[0].head_top + out.modules.v[0].head_lines -
                                         p.area.top
                                   : -1;
    page_out_free(&out);
    return whole;
}

/* The grid lines story i needs in k columns: the fewest that hold it
 * whole, or NO_FIT when the page's depth does not. */
static int need_of(planner *pl, int i, int k)
{
    int at = i * (pl->columns + 1) + k;
    int *slot = &pl->need[at];
    if (*slot >= 0)
        return *slot;
    int hi = pl->lines - pl->reserved;
    bool wrong;
    /* What the grid's columns cannot hold (a wide table) may fit in half
     * as many columns of its own. */
    int set = 0;
    if (!fits(pl, i, k, 0, hi, &wrong)) {
        if (!wrong || k < 4 || !fits(pl, i, k, k / 2, hi, NULL))
            return *slot = NO_FIT;
        set = k / 2;
    }
    pl->set[at] = set;
    int lo = 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (fits(pl, i, k, set, mid, NULL))
            hi = mid;
        else
            lo = mid + 1;
    }
    return *slot = lo;
}

/* The lead with its headline across the page and its text in the first
 * k columns under it: the lines its text needs there (the band's in
 * pl->band), NO_FIT when it needs more than the page holds. */
static int body_need(planner *pl, int k)
{
    if (pl->body_need[k] >= 0)
        return pl->body_need[k];
    int depth = pl->lines - pl->reserved;
    if (pl->band < 0) {
        placement p = placement_of(pl, pl->order[0], 0, pl->columns - 1, pl->reserved, depth);
        int head = 0;
        fits_placed(pl, p, NULL, &head);
        pl->band = head > 0 && head < depth / 2 ? head : 0;
    }
    if (pl->band == 0)
        return pl->body_need[k] = NO_FIT;
    grid_area part = {0, k - 1, pl->reserved + pl->band, 0, pl->order[0]->loc};
    placement p = placement_of(pl, pl->order[0], 0, pl->columns - 1, pl->reserved, pl->band);
    p.parts = &part;
    p.part_count = 1;
    int lo = 1, hi = depth - pl->band;
    part.lines = hi;
    if (!fits_placed(pl, p, NULL, NULL))
        return pl->body_need[k] = NO_FIT;
    while (lo < hi) {
        part.lines = (lo + hi) / 2;
        if (fits_placed(pl, p, NULL, NULL))
            hi = part.lines;
        else
            lo = part.lines + 1;
    }
    return pl->body_need[k] = lo;
}

void plan_widths(const planner *pl, int i, int *from, int *to)
{
    const story *st = pl->order[i];
    int photo_cols = st->article->photo ? st->article->photo->columns : 1;
    *from = MAX(MAX(st->min_columns, photo_cols), 1);
    *to = st->max_columns > 0 ? st->max_columns : pl->columns;
    *to = MIN(*to, pl->columns);
}

/* ---- a layout ----------------------------------------------------------- */

typedef struct band {
    int col_from, width;
    int top, bottom;        /* grid lines [top, bottom) */
    int used;               /* lines taken from top */
    int stories[MAX_STORIES];
    int n;
} band;

static int white_at(const planner *pl, int top)
{
    return top > pl->reserved ? pl->t->makeup.head_space : 0;
}

/* Put story i at the foot of what band b holds when it fits there. */
static bool stack(planner *pl, band *b, int i)
{
    int from, to;
    plan_widths(pl, i, &from, &to);
    if (b->width < from || b->width > to || b->n >= MAX_STORIES)
        return false;
    int need = need_of(pl, i, b->width);
    int top = b->top + b->used;
    if (need == NO_FIT || top + white_at(pl, top) + need > b->bottom)
        return false;
    b->used += white_at(pl, top) + need;
    b->stories[b->n++] = i;
    return true;
}

/* Deal the stories from `first` on (but `skip`) into the bands: first one
 * to the top of each band, left to right (the higher-ranked higher and
 * further left), then each to the band with the most room left that holds
 * it (`tightest`: the least).  False when one fits nowhere. */
static bool deal(planner *pl, band *bands, int nb, int first, int skip, bool tightest,
                 int *unplaced)
{
    int i = first;
    for (int b = 0; b < nb && i < pl->n; b++) {
        if (i == skip)
            i++;
        if (i < pl->n && stack(pl, &bands[b], i))
            i++;
    }
    for (; i < pl->n; i++) {
        if (i == skip)
            continue;
        int best = -1;
        for (int b = 0; b < nb; b++) {
            int room = bands[b].bottom - bands[b].top - bands[b].used;
            int best_room = best < 0 ? 0 : bands[best].bottom - bands[best].top - bands[best].used;
            if (best < 0 || (tightest ? room < best_room : room > best_room)) {
                band trial = bands[b];
                if (stack(pl, &trial, i))
                    best = b;
            }
        }
        if (best < 0) {
            *unplaced = i;
            return false;
        }
        stack(pl, &bands[best], i);
    }
    return true;
}

/* The spots of the dealt bands: each story as tall as it needs, the last
 * of a band down to the band's foot. */
static void spots_of(const planner *pl, const band *bands, int nb, layout_try *lt)
{
    for (int b = 0; b < nb; b++) {
        int top = bands[b].top;
        for (int k = 0; k < bands[b].n; k++) {
            int i = bands[b].stories[k];
            bool last = k == bands[b].n - 1;
            int lines = white_at(pl, top) + need_of((planner *)pl, i, bands[b].width);
            if (last)
                lines = bands[b].bottom - top;
            lt->spots[lt->n++] = (spot){i, bands[b].col_from, bands[b].col_from + bands[b].width - 1,
                                        top, lines, false, false, 0, 0, 0};
            top += lines;
        }
    }
}

/* What a layout does against the ranks and the wishes: a story set lower
 * than one ranked below it, or narrower; a story not above the fold that
 * asks to be. */
static long wish_penalty(const planner *pl, const layout_try *lt)
{
    long pen = 0;
    int fold = pl->reserved + (pl->lines - pl->reserved) / 2;
    for (int x = 0; x < lt->n; x++) {
        const spot *a = &lt->spots[x];
        if (a->story < 0 || a->ear)
            continue;
        const story *sa = pl->order[a->story];
        int bottom = a->lines ? a->top + a->lines : pl->lines;
        if (sa->above_fold && bottom > fold)
            pen += 300;
        for (int y = 0; y < lt->n; y++) {
            const spot *b = &lt->spots[y];
            if (b->story < 0 || b->ear || pl->order[b->story]->rank <= sa->rank)
                continue;
            if (a->top > b->top + 2)
                pen += 40;
            if (a->col_to - a->col_from < b->col_to - b->col_from)
                pen += 30;
        }
    }
    return pen;
}

/* Set the layout aside and weigh it: as it is while the layouts are
 * tried, staggered as a build would set it for the one kept. */
static void weigh(planner *pl, layout_try *lt, bool stagger)
{
    /* The staggered placements may be this very page: it outlives the try. */
    page_spec *cand = arena_alloc(pl->a, sizeof *cand);
    *cand = *pl->ps;
    cand->placements = ARENA_NEW_ARRAY(pl->a, placement, lt->n + 1);
    cand->placement_count = lt->n;
    cand->stories = NULL;
    cand->story_count = 0;
    for (int k = 0; k < lt->n; k++) {
        const spot *s = &lt->spots[k];
        const story *st = s->story >= 0 ? pl->order[s->story] : pl->rest;
        placement *p = &cand->placements[k];
        *p = placement_of(pl, st, s->col_from, s->col_to, s->top, s->lines);
        if (s->story >= 0)
            p->set_columns = pl->set[s->story * (pl->columns + 1) + s->col_to - s->col_from + 1];
        if (s->set)
            p->set_columns = s->set;
        if (s->story < 0) {
            p->continued = true;
            p->kicker_style = p->headline_style = p->subtitle_style = -1;
        }
        if (s->jumps)
            p->continue_page = st->continue_page;
        if (s->body_cols) {
            p->parts = ARENA_NEW_ARRAY(pl->a, grid_area, 1);
            p->parts[0] = (grid_area){0, s->body_cols - 1, s->top + s->lines, s->body_lines,
                                      st->loc};
            p->part_count = 1;
        }
        if (s->ear) {
            p->ear = true;
            p->area = (grid_area){.col_from = pl->columns - pl->t->masthead.ear_columns,
                                  .col_to = pl->columns - 1, .lines = pl->t->masthead.lines,
                                  .loc = st->loc};
        }
    }
    page_out out;
    lt->placed = cand;
    lt->cost = compose_page_aside(pl->e, pl->l, pl->ts, cand, pl->p, pl->a, &out,
                                  stagger ? &lt->placed : NULL, NULL);
    /* A page not filled to its foot is what a plan must above all avoid:
     * lines left empty weigh more here than when a build staggers. */
    for (int i = 0; i < out.findings.n; i++)
        if (out.findings.v[i].kind == MAKEUP_UNDERSET)
            lt->cost += UNDERSET_MORE * MAX(out.findings.v[i].lines, 1);
    page_out_free(&out);
    lt->penalty = wish_penalty(pl, lt);
}

/* ---- the page ----------------------------------------------------------- */

/* Every way to split `columns` into bands of BAND_MIN to BAND_MAX columns
 * (narrower pages: any width), none wider than `widest` (the lead stands
 * widest), into splits[n][], each ending with 0. */
static int splits_of(int columns, int widest, int (*splits)[MAX_BANDS + 1], int max, int *cur,
                     int depth, int left, int n)
{
    if (left == 0) {
        if (n < max) {
            memcpy(splits[n], cur, sizeof(int) * (size_t)depth);
            splits[n][depth] = 0;
            n++;
        }
        return n;
    }
    int lo = columns < 2 * BAND_MIN ? 1 : BAND_MIN, hi = MIN(MIN(BAND_MAX, widest), left);
    for (int w = lo; w <= hi && depth < MAX_BANDS; w++) {
        cur[depth] = w;
        n = splits_of(columns, widest, splits, max, cur, depth + 1, left - w, n);
    }
    return n;
}

/* A story across the foot of the page, under bands side by side: story
 * `story` (-1: none) across the bands from..to of the split. */
typedef struct foot {
    int story, from, to;
} foot;

/* What the dealt bands leave empty: the lines under the last story of
 * each band, column by column (its text will not reach them). */
static long guess_of(const band *bands, int nb)
{
    long g = 0;
    for (int b = 0; b < nb; b++)
        g += 20L * bands[b].width * (bands[b].bottom - bands[b].top - bands[b].used);
    return g;
}

/* A layout with the lead k1 columns wide and `h1` lines deep at the top,
 * the stories after it beside it (when it leaves columns) and in the
 * bands of `split` under it — down to the foot, or down to the story `ft`
 * across the foot of some of them. */
static bool lay_out(planner *pl, int k1, int h1, bool lead_jumps, bool wide, const int *split,
                    foot ft, bool tightest, layout_try *lt, int *unplaced)
{
    memset(lt, 0, sizeof *lt);
    band bands[MAX_BANDS + 1];
    int nb = 0;
    int below = pl->reserved + h1;
    if (k1 < pl->columns)
        bands[nb++] = (band){.col_from = k1, .width = pl->columns - k1,
                             .top = pl->reserved + (wide ? pl->band : 0), .bottom = below};
    int col = 0;
    for (int i = 0; split[i]; i++) {
        bands[nb++] = (band){.col_from = col, .width = split[i], .top = below,
                             .bottom = pl->lines};
        col += split[i];
    }
    if (wide)
        lt->spots[lt->n++] = (spot){0, 0, pl->columns - 1, pl->reserved, pl->band, lead_jumps,
                                    false, k1, h1 - pl->band, 0};
    else
        lt->spots[lt->n++] = (spot){0, 0, k1 - 1, pl->reserved, h1, lead_jumps, false, 0, 0, 0};
    spot at_foot = {.story = -2};
    int rest_band = -1, rest_spot = -1;
    if (ft.story > 0) {
        /* The foot story first: the bands above it end where it starts. */
        int b0 = k1 < pl->columns ? 1 : 0;
        int from = bands[b0 + ft.from].col_from, width = 0;
        for (int b = ft.from; b <= ft.to; b++)
            width += bands[b0 + b].width;
        int lo, hi;
        plan_widths(pl, ft.story, &lo, &hi);
        if (width < lo || width > hi)
            return false;
        int need = need_of(pl, ft.story, width);
        if (need == NO_FIT)
            return false;
        int top = pl->lines - need - white_at(pl, pl->lines - need);
        for (int b = ft.from; b <= ft.to; b++) {
            if (top - bands[b0 + b].top < 6)
                return false;
            bands[b0 + b].bottom = top;
        }
        at_foot = (spot){ft.story, from, from + width - 1, top, 0, false, false, 0, 0, 0};
    }
    if (pl->rest) {
        /* The rest of an earlier page's story stands at the foot of the
         * widest band: room is kept for it before the page's own stories. */
        int widest = -1;
        for (int b = 0; b < nb; b++)
            if (bands[b].top == below && bands[b].bottom == pl->lines &&
                (widest < 0 || bands[b].width > bands[widest].width))
                widest = b;
        if (widest < 0)
            return false;
        band *b = &bands[widest];
        int need = rest_need(pl, b->width);
        if (need == NO_FIT)
            return false;
        int rest = white_at(pl, b->top) + need;
        if (b->bottom - rest < b->top)
            return false;
        b->bottom -= rest;
        rest_band = widest;
        rest_spot = lt->n;
        lt->spots[lt->n++] = (spot){-1, b->col_from, b->col_from + b->width - 1, b->bottom,
                                    pl->lines - b->bottom, false, false, 0, 0, 0};
    }
    if (!deal(pl, bands, nb, 1, ft.story, tightest, unplaced))
        return false;
    for (int b = 0; b < nb; b++) {
        if (bands[b].n > 0)
            continue;
        if (b != rest_band)
            return false;
        /* The rest alone in its band: from the band's top. */
        spot *r = &lt->spots[rest_spot];
        r->lines += r->top - bands[b].top;
        r->top = bands[b].top;
    }
    spots_of(pl, bands, nb, lt);
    if (at_foot.story > 0)
        lt->spots[lt->n++] = at_foot;
    lt->guess = guess_of(bands, nb);
    return true;
}

/* The lead's depths to try at width k1: what it needs; and when it may
 * jump, shares of the page from JUMP_SHARE down, shorter than that need
 * (its rest goes on on the page named).  Returns how many. */
static int lead_depths(planner *pl, int k1, int *depth, bool *jumps)
{
    const story *lead = pl->order[0];
    int need = need_of(pl, 0, k1);
    int n = 0;
    if (need != NO_FIT) {
        depth[n] = need;
        jumps[n++] = false;
    }
    if (lead->continue_page < 0 || lead->keep_on_page)
        return n;
    static const double shares[] = {JUMP_SHARE, 0.5, 0.42, 0.36, 0.3};
    for (size_t i = 0; i < countof(shares); i++) {
        int h = (int)((pl->lines - pl->reserved) * shares[i]);
        if (h < need) {
            depth[n] = h;
            jumps[n++] = true;
        }
    }
    return n;
}

/* The cheapest layouts, cheapest first: by what their bands leave empty
 * (GUESSES of them, then set without staggering), then as set (the
 * SHORTLIST a build's staggering is tried on). */
enum { GUESSES = 256, SHORTLIST = 40 };
typedef struct shortlist {
    layout_try v[GUESSES];
    int n, cap;
    bool set;               /* weighed by the cost as set, not the guess */
} shortlist;

static long key_of(const shortlist *sl, const layout_try *lt)
{
    return (sl->set ? lt->cost : lt->guess) + lt->penalty;
}

static void keep(shortlist *sl, const layout_try *lt)
{
    long c = key_of(sl, lt);
    int at = sl->n;
    while (at > 0 && key_of(sl, &sl->v[at - 1]) > c)
        at--;
    if (at >= sl->cap)
        return;
    int n = MIN(sl->n + 1, sl->cap);
    memmove(&sl->v[at + 1], &sl->v[at], sizeof(layout_try) * (size_t)(n - 1 - at));
    sl->v[at] = *lt;
    sl->n = n;
}

/* The story of the ear, beside the masthead, after the grid's. */
static void add_ear(const planner *pl, layout_try *lt)
{
    if (pl->ear >= 0)
        lt->spots[lt->n++] = (spot){.story = pl->ear, .ear = true};
}

/* Every layout with the lead k1 columns wide and h1 deep, kept in the
 * shortlist when among the cheapest; *unplaced the furthest story some
 * layout could not place. */
static void try_lead(planner *pl, int k1, int h1, bool jumps, bool wide,
                     int (*splits)[MAX_BANDS + 1], shortlist *sl, int *unplaced)
{
    enum { MAX_SPLITS = 512 };
    if (pl->reserved + h1 > pl->lines)
        return;
    int cur[MAX_BANDS + 1];
    int ns = pl->n > 1 || pl->rest ? splits_of(pl->columns, k1, splits, MAX_SPLITS, cur, 0,
                                             pl->columns, 0)
                                   : 0;
    if (ns == 0) {
        /* The lead alone: down to the foot, in the grid's columns or in
         * fewer wider ones of its own (what fills the page best), down to
         * a third as many (a feature page's two columns on six). */
        for (int set = k1; set >= MAX((k1 + 2) / 3, 1); set--) {
            layout_try lt = {.n = 1};
            lt.spots[0] = (spot){0, 0, k1 - 1, pl->reserved, 0, jumps, false, 0, 0,
                                 set == k1 ? 0 : set};
            add_ear(pl, &lt);
            keep(sl, &lt);
        }
        return;
    }
    for (int s = 0; s < ns; s++) {
        int nbands = 0;
        while (splits[s][nbands])
            nbands++;
        /* No story across the foot; then each story after the lead across
         * the foot of two bands or more at the left, at the right, or all. */
        foot feet[1 + MAX_STORIES * 2 * MAX_BANDS];
        int nf = 0;
        feet[nf++] = (foot){-1, 0, 0};
        for (int f = 1; f < pl->n; f++)
            for (int from = 0; from < nbands; from++)
                for (int to = from + 1; to < nbands; to++)
                    if (from == 0 || to == nbands - 1)
                        feet[nf++] = (foot){f, from, to};
        for (int k = 0; k < 2 * nf; k++) {
            layout_try lt;
            int miss = -1;
            if (!lay_out(pl, k1, h1, jumps, wide, splits[s], feet[k / 2], k % 2, &lt, &miss)) {
                if (k == 0)
                    *unplaced = MAX(*unplaced, miss);
                continue;
            }
            lt.penalty = wish_penalty(pl, &lt);
            add_ear(pl, &lt);
            keep(sl, &lt);
        }
    }
}

/* The cheapest layout of the page with its lead `from` to `to` columns
 * wide — its headline as wide as its text, or (`wide`) across the page
 * over its text — into *best; false when none holds every story. */
static bool search(planner *pl, int from, int to, bool wide, layout_try *best, int *unplaced)
{
    int (*splits)[MAX_BANDS + 1] = xmalloc(sizeof(*splits) * 512);
    shortlist *sl = xcalloc(1, sizeof *sl);
    sl->cap = GUESSES;
    for (int k1 = to; k1 >= from; k1--) {
        if (!wide) {
            int depths[8];
            bool jump_at[8];
            int nd = lead_depths(pl, k1, depths, jump_at);
            for (int d = 0; d < nd; d++)
                try_lead(pl, k1, depths[d], jump_at[d], false, splits, sl, unplaced);
            continue;
        }
        int body = k1 < pl->columns ? body_need(pl, k1) : NO_FIT;
        if (body != NO_FIT)
            try_lead(pl, k1, pl->band + body, false, true, splits, sl, unplaced);
    }
    free(splits);
    bool found = sl->n > 0;
    /* The likeliest set as they are; the cheapest of those set as a build
     * sets them, staggered: the cheapest then. */
    shortlist *set = xcalloc(1, sizeof *set);
    set->cap = SHORTLIST;
    set->set = true;
    for (int i = 0; i < sl->n; i++) {
        weigh(pl, &sl->v[i], false);
        keep(set, &sl->v[i]);
    }
    for (int i = 0; i < set->n; i++) {
        weigh(pl, &set->v[i], true);
        if (i == 0 || set->v[i].cost + set->v[i].penalty < best->cost + best->penalty)
            *best = set->v[i];
    }
    free(set);
    free(sl);
    return found;
}

/* The best layout of the page, or false when no story arrangement holds
 * every story (reported, with the room the first one left over needs). */
static bool plan_page(planner *pl, layout_try *best)
{
    int from, to;
    plan_widths(pl, 0, &from, &to);
    /* The lead stands widest: half the page at least, unless wished. */
    if (pl->order[0]->min_columns == 0)
        from = MAX(from, (pl->columns + 1) / 2);
    int unplaced = -1;
    bool found = search(pl, from, to, false, best, &unplaced);
    /* What leaves something to mend: the lead's headline across the page
     * over its text in fewer columns, the room beside its text for more;
     * then on an inside page both with the lead's heads a size smaller. */
    layout_try *other = xcalloc(1, sizeof *other);
    for (int shape = 1; shape < 4 && (!found || best->cost > 0); shape++) {
        if (shape == 2) {
            if (pl->p == 0)
                break;
            pl->lead_second = true;
            pl->band = -1;
            for (int k = 0; k <= pl->columns; k++)
                pl->need[k] = -1;
            for (int w = 0; w < 25; w++)
                pl->body_need[w] = -1;
        }
        memset(other, 0, sizeof *other);
        if (search(pl, from, to, shape != 2, other, &unplaced) &&
            (!found || other->cost + other->penalty < best->cost + best->penalty))
            *best = *other;
        found |= other->n > 0;
    }
    free(other);
    if (!found && pl->explain) {
        for (int i = 0; i < pl->n; i++) {
            fprintf(pl->explain, "  %s needs", pl->order[i]->article->id);
            for (int w = 1; w <= pl->columns; w++) {
                int n = pl->need[i * (pl->columns + 1) + w];
                if (n >= 0)
                    fprintf(pl->explain, n == NO_FIT ? " %d col: none" : " %d col: %d", w, n);
            }
            fprintf(pl->explain, "\n");
        }
    }
    if (!found) {
        const story *st = pl->order[MAX(unplaced, 0)];
        int from_w, to_w;
        plan_widths(pl, MAX(unplaced, 0), &from_w, &to_w);
        int need = need_of(pl, MAX(unplaced, 0), to_w);
        return diag_error(pl->d, st->loc,
                          "the stories of page %s do not fit it: \"%s\" (rank %d) has no room "
                          "left; it needs %s%d grid lines in %d columns — cut stories, move one "
                          "to another page, or let the lead jump (continue-on)",
                          pl->ps->label, st->article->id, st->rank,
                          need == NO_FIT ? "more than " : "",
                          need == NO_FIT ? pl->lines - pl->reserved : need, to_w);
    }
    plan_explain(pl, best);
    return true;
}

/* ---- the rest of a jumping story ------------------------------------------ */

/* The edition as planned so far: pages[0..q] with their placements, page q
 * holding only the rest of the story, `lines` deep and `width` wide at
 * its top.  Only those pages are set, but every page stays in the copy:
 * a story before q may jump past it, and its jump line names that page. */
static int rest_left(planner *pl, const page_spec *planned, int q, const story *st, int width,
                     int lines)
{
    edition copy = *pl->e;
    copy.page_count = q + 1;
    page_spec *pages = ARENA_NEW_ARRAY(pl->a, page_spec, pl->e->page_count);
    memcpy(pages, planned, sizeof(page_spec) * (size_t)pl->e->page_count);
    placement *rest = ARENA_NEW_ARRAY(pl->a, placement, 1);
    rest[0] = (placement){.article = st->article,
                          .area = {.col_from = 0, .col_to = width - 1, .top = 0, .lines = lines},
                          .continued = true, .continue_page = -1, .kicker_style = -1,
                          .headline_style = -1, .subtitle_style = -1, .loc = st->loc};
    pages[q].placements = rest;
    pages[q].placement_count = 1;
    pages[q].stories = NULL;
    pages[q].story_count = 0;
    copy.pages = pages;
    diag *quiet = diag_new();
    edition_out out;
    int overset = NO_FIT;
    if (compose_edition(&copy, pl->l, pl->ts, &out, quiet)) {
        overset = 0;
        for (int k = 0; k < out.pages[q].modules.n; k++)
            overset += out.pages[q].modules.v[k].overset_lines;
    }
    edition_out_free(&out);
    diag_free(quiet);
    return overset;
}

/* The lines the rest of the story that jumps here needs in `width`
 * columns, kept by width. */
static int rest_need(planner *pl, int width)
{
    if (pl->rest_need[width] >= 0)
        return pl->rest_need[width];
    int hi = pl->lines;
    if (rest_left(pl, pl->done, pl->p, pl->rest, width, hi) != 0)
        return pl->rest_need[width] = NO_FIT;
    int lo = 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (rest_left(pl, pl->done, pl->p, pl->rest, width, mid) == 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return pl->rest_need[width] = lo;
}

/* ---- the edition ------------------------------------------------------------ */

static bool wanted(const plan_options *o, const char *label)
{
    if (!o || !o->pages)
        return true;
    size_t n = strlen(label);
    for (const char *c = o->pages; *c;) {
        const char *end = strchr(c, ',');
        size_t m = end ? (size_t)(end - c) : strlen(c);
        if (m == n && strncmp(c, label, n) == 0)
            return true;
        c += m + (end ? 1 : 0);
    }
    return false;
}

char *plan_edition(const edition *e, const layout *l, typesetter *ts, const plan_options *o,
                   diag *d)
{
    arena *a = arena_new();
    int pages = e->page_count;
    layout_try *tries = xcalloc((size_t)pages, sizeof *tries);
    planner *per_page = xcalloc((size_t)pages, sizeof *per_page);
    bool *planned = xcalloc((size_t)pages, sizeof(bool));
    /* The edition as planned so far: a page's placements replaced by its
     * plan once it is made (for the rest of a jumping story). */
    page_spec *done = ARENA_NEW_ARRAY(a, page_spec, pages);
    memcpy(done, e->pages, sizeof(page_spec) * (size_t)pages);
    bool ok = true;
    for (int p = 0; p < pages && ok; p++) {
        const page_spec *ps = &e->pages[p];
        if (ps->story_count == 0 || !wanted(o, ps->label))
            continue;
        if (ps->story_count > MAX_STORIES) {
            ok = diag_error(d, ps->loc, "page %s has %d stories; the planner places at most %d",
                            ps->label, ps->story_count, MAX_STORIES);
            break;
        }
        planner *pl = &per_page[p];
        *pl = (planner){.e = e, .l = l, .ts = ts, .d = d, .a = a, .explain = o ? o->explain : NULL,
                        .p = p, .ps = ps, .t = &l->templates[ps->template_index]};
        pl->columns = pl->t->columns;
        pl->lines = pl->t->lines;
        pl->reserved = grid_masthead_lines(e, pl->t, p);
        pl->ear = -1;
        const story *ear = NULL;
        for (int i = 0; i < ps->story_count && ok; i++) {
            if (!ps->stories[i].ear) {
                pl->order[pl->n++] = &ps->stories[i];
                continue;
            }
            if (ear)
                ok = diag_error(d, ps->stories[i].loc, "page %s has two stories for its ear",
                                ps->label);
            else if (p != 0 || pl->reserved == 0 || pl->t->masthead.ear_columns == 0)
                ok = diag_error(d, ps->stories[i].loc,
                                "the ear (ear: true) stands beside the masthead of the first "
                                "page, and page %s has none",
                                ps->label);
            ear = &ps->stories[i];
        }
        if (!ok)
            break;
        if (pl->n == 0)
            pl->order[pl->n++] = ear, ear = NULL;
        qsort(pl->order, (size_t)pl->n, sizeof pl->order[0], rank_order);
        if (ear) {
            pl->ear = pl->n;
            pl->order[pl->n] = ear;
        }
        size_t cells = (size_t)(pl->n + 1) * (size_t)(pl->columns + 1);
        pl->need = ARENA_NEW_ARRAY(a, int, cells);
        pl->set = ARENA_NEW_ARRAY(a, int, cells);
        for (size_t i = 0; i < cells; i++)
            pl->need[i] = -1;
        /* The rest of an earlier page's lead that jumps here. */
        for (int q = 0; q < p; q++) {
            if (!planned[q])
                continue;
            const layout_try *lt = &tries[q];
            for (int k = 0; k < lt->n; k++)
                if (lt->spots[k].jumps && per_page[q].order[lt->spots[k].story]->continue_page == p) {
                    pl->rest = per_page[q].order[lt->spots[k].story];
                    pl->rest_from_page = q;
                }
        }
        pl->done = done;
        for (int w = 0; w < 25; w++)
            pl->rest_need[w] = pl->body_need[w] = -1;
        pl->band = -1;
        ok = plan_page(pl, &tries[p]);
        if (ok) {
            planned[p] = true;
            done[p].placements = tries[p].placed->placements;
            done[p].placement_count = tries[p].placed->placement_count;
            done[p].stories = NULL;
            done[p].story_count = 0;
        }
    }
    char *yaml = ok ? plan_rewrite(e, tries, per_page, planned, d) : NULL;
    free(tries);
    free(per_page);
    free(planned);
    arena_free(a);
    return yaml;
}
