/* plan.c — the planner: needs measured, layouts tried (page/planout.c
 * explains and writes the plan). */
#include "page/plan.h"

#include "page/compose.h"
#include "page/grid.h"
#include "page/makeup.h"
#include "page/planner.h"

#include <stdlib.h>
#include <string.h>


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

placement plan_placement(const planner *pl, const story *st, int col_from, int col_to, int top,
                         int lines)
{
    placement p = {.article = st->article,
                   .area = {.col_from = col_from, .col_to = col_to, .top = top, .lines = lines,
                            .loc = st->loc},
                   .continue_page = -1,
                   .loc = st->loc};
    rank_styles(pl->l, st->rank, pl->pass.lead_second, &p);
    if (pl->pass.lead_feature && st == pl->order[0])
        p.headline_style = layout_style(pl->l, "headline-feature");
    /* The lead's photo set at its right rises beside its headline, which
     * spans the columns the photo leaves (as a make-up editor sets a lead
     * whose picture the desk placed so). */
    const photo *ph = st->article->photo;
    int width = col_to - col_from + 1;
    if (st == pl->order[0] && ph && ph->right && ph->place == PHOTO_TOP &&
        width - ph->columns >= BAND_MIN)
        p.headline_columns = width - ph->columns;
    return p;
}

/* ---- needs -------------------------------------------------------------- */

/* A placement set alone on the page, and what it leaves. */
typedef struct alone {
    bool whole;             /* no error, nothing over */
    bool wrong;             /* it met an error (a table too wide, a photo too tall),
                             * not just too little room */
    int head;               /* grid lines from its top to the foot of its headline band */
    int left, holes;        /* lines its end leaves empty; short in the columns before */
    int over;               /* lines of text that did not fit */
} alone;

static alone set_alone(planner *pl, placement p)
{
    page_spec one = *pl->ps;
    one.placements = &p;
    one.placement_count = 1;
    one.stories = NULL;
    one.story_count = 0;
    page_out out;
    int errors;
    compose_page_aside(pl->e, pl->l, pl->ts, &one, pl->p, pl->a, &out, NULL, &errors);
    alone r = {.wrong = errors > 0, .head = -1};
    if (out.modules.n == 1) {
        const module_box *mb = &out.modules.v[0];
        r.whole = errors == 0 && mb->overset_lines == 0;
        r.over = mb->overset_lines;
        r.head = mb->head_top + mb->head_lines - p.area.top;
        for (int c = 0; mb->empty_at_foot && c < mb->columns; c++) {
            if (c < mb->last_column)
                r.holes += mb->empty_at_foot[c];
            else
                r.left += mb->empty_at_foot[c];
            /* A column it never reached is a finding, however short. */
            if (c > mb->last_column && mb->empty_at_foot[c] > 0)
                r.left = MAX(r.left, MAKEUP_SHORT_LAST_COLUMN);
        }
    }
    page_out_free(&out);
    return r;
}

/* Story i in k columns (set in `set` columns of its own, 0: the grid's)
 * and `lines` grid lines at the top of the page (nothing above it: no
 * white), alone. */
static alone fits(planner *pl, int i, int k, int set, int lines)
{
    placement p = plan_placement(pl, pl->order[i], 0, k - 1, pl->reserved, lines);
    p.set_columns = set;
    return set_alone(pl, p);
}

/* The fewest lines from lo up to hi at which try(depth) holds it whole
 * (hi holds it), and what it leaves there. */
typedef alone (*depth_try)(planner *pl, const void *what, int depth);

static int fewest_lines(planner *pl, const void *what, depth_try try, int lo, int hi,
                        alone *at_hi)
{
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        alone r = try(pl, what, mid);
        if (r.whole)
            hi = mid, *at_hi = r;
        else
            lo = mid + 1;
    }
    return hi;
}

typedef struct in_columns {
    int i, k, set;
} in_columns;

static alone story_at(planner *pl, const void *what, int depth)
{
    const in_columns *c = what;
    return fits(pl, c->i, c->k, c->set, depth);
}

/* A 导读: a body of teasers alone, each a story of a later page that
 * reads best on a line of its own; in a narrow grid column they break
 * into short lines spread loose, so it is set in one column of its own
 * across its width, as by hand. */
static bool teasers_only(const planner *pl, const article *a)
{
    int teaser = layout_style(pl->l, "teaser");
    int n = 0;
    for (int b = 0; b < a->block_count; b++) {
        if (a->blocks[b].kind != BLOCK_PARA)
            continue;
        if (a->blocks[b].style != teaser)
            return false;
        n++;
    }
    return teaser >= 0 && n > 0;
}

/* Story i's measures in k columns (page/planner.h): its slot in the
 * planner's tables, measured when first asked. */
static int measured(planner *pl, int i, int k)
{
    int at = i * (pl->columns + 1) + k;
    if (pl->need[at] >= 0)
        return at;
    int hi = pl->lines - pl->reserved;
    /* What the grid's columns cannot hold (a wide table) may fit in half
     * as many columns of its own. */
    int set = k > 1 && teasers_only(pl, pl->order[i]->article) ? 1 : 0;
    /* A picture story whose photo spans all but one of its columns: its
     * text in as many columns of its own, the photo across the module, as
     * the hand sets one (when pl->pass.photo_across). */
    const photo *ph = pl->order[i]->article->photo;
    alone r = {0};
    if (!set && pl->pass.photo_across && ph && k >= 3 && ph->columns == k - 1 &&
        (r = fits(pl, i, k, k - 1, hi)).whole)
        set = k - 1;
    else
        r = fits(pl, i, k, set, hi);
    if (!r.whole) {
        if (set || !r.wrong || k < 4 || !(r = fits(pl, i, k, k / 2, hi)).whole) {
            pl->need[at] = NO_FIT;
            return at;
        }
        set = k / 2;
    }
    pl->set[at] = set;
    in_columns c = {i, k, set};
    pl->need[at] = fewest_lines(pl, &c, story_at, 1, hi, &r);
    pl->head[at] = r.head;
    pl->left[at] = r.left;
    pl->holes[at] = r.holes;
    /* A line more: what copy fitting makes of it. */
    int more = pl->need[at] + 1;
    alone r1 = more <= hi ? fits(pl, i, k, set, more) : (alone){0};
    pl->left1[at] = r1.whole && r1.holes == 0 ? r1.left : NO_FIT;
    return at;
}

int plan_need(planner *pl, int i, int k) { return pl->need[measured(pl, i, k)]; }
int plan_head(planner *pl, int i, int k) { return pl->head[measured(pl, i, k)]; }
int plan_left(planner *pl, int i, int k) { return pl->left[measured(pl, i, k)]; }
int plan_holes(planner *pl, int i, int k) { return pl->holes[measured(pl, i, k)]; }
int plan_left1(planner *pl, int i, int k) { return pl->left1[measured(pl, i, k)]; }

/* The lead with its headline band across the page and its text `depth`
 * lines deep in its first k columns under it. */
static alone body_at(planner *pl, const void *what, int depth)
{
    int k = *(const int *)what;
    grid_area part = {0, k - 1, pl->reserved + pl->band, depth, pl->order[0]->loc};
    placement p = plan_placement(pl, pl->order[0], 0, pl->columns - 1, pl->reserved, pl->band);
    p.headline_columns = 0;
    p.parts = &part;
    p.part_count = 1;
    return set_alone(pl, p);
}

int plan_body_need(planner *pl, int k, int *left)
{
    int depth = pl->lines - pl->reserved;
    if (pl->band < 0) {
        placement p = plan_placement(pl, pl->order[0], 0, pl->columns - 1, pl->reserved, depth);
        p.headline_columns = 0;
        alone r = set_alone(pl, p);
        pl->band = r.head > 0 && r.head < depth / 2 ? r.head : 0;
    }
    if (pl->body_need[k] < 0) {
        alone r = {0};
        if (pl->band == 0 || !(r = body_at(pl, &k, depth - pl->band)).whole)
            pl->body_need[k] = NO_FIT;
        else
            pl->body_need[k] = fewest_lines(pl, &k, body_at, 1, depth - pl->band, &r);
        pl->body_left[k] = r.left;
    }
    *left = pl->body_left[k];
    return pl->body_need[k];
}

/* The fewest lines the lead takes in k1 columns without an error: its
 * headline band and its photo must stand whole in them. */
static alone lead_at(planner *pl, const void *what, int depth)
{
    alone r = fits(pl, 0, *(const int *)what, 0, depth);
    r.whole = !r.wrong;
    return r;
}

static int lead_floor(planner *pl, int k1)
{
    if (pl->floor[k1] < 0) {
        int need = plan_need(pl, 0, k1);
        alone r;
        pl->floor[k1] = need == NO_FIT ? NO_FIT
                                       : fewest_lines(pl, &k1, lead_at, 1, need, &r);
    }
    return pl->floor[k1];
}

/* What copy fitting makes of the lead in k1 columns (`wide`: its text
 * under its headline across the page) given room other than it needs:
 * *take, the lines it takes up when given more (paragraphs set a line
 * longer, as many as read well; measured one, two and three lines
 * deeper), and *give, those it does without when given less (set a line
 * shorter; from what is left over a line less deep). */
void plan_lead_room(planner *pl, int k1, bool wide, int *take, int *give)
{
    int *slot = wide ? pl->body_room[k1] : pl->lead_room[k1];
    if (slot[0] < 0) {
        int left = 0;
        int need = wide ? plan_body_need(pl, k1, &left) : plan_need(pl, 0, k1);
        if (!wide)
            left = plan_left(pl, 0, k1);
        slot[0] = slot[1] = 0;
        int depth = pl->lines - pl->reserved - (wide ? pl->band : 0);
        for (int d = -1; d <= 3 && need != NO_FIT && need + d <= depth; d++) {
            if (d == 0 || need + d < 1)
                continue;
            alone r = wide ? body_at(pl, &k1, need + d) : fits(pl, 0, k1, 0, need + d);
            if (d < 0 && !r.wrong)
                slot[1] = MAX(k1 - left - r.over, 0);
            else if (d > 0 && r.whole && r.holes == 0)
                slot[0] = MAX(slot[0], left + k1 * d - r.left);
        }
    }
    *take = slot[0];
    *give = slot[1];
}

void plan_widths(const planner *pl, int i, int *from, int *to)
{
    const story *st = pl->order[i];
    int photo_cols = st->article->photo ? st->article->photo->columns : 1;
    *from = MAX(MAX(st->min_columns, photo_cols), 1);
    *to = st->max_columns > 0 ? st->max_columns : pl->columns;
    *to = MIN(*to, pl->columns);
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

/* The lead's depths to try at width k1: what it needs, and down to
 * LEAD_GIVE lines less (its foot then steps down into the bands under it
 * for what they leave); when it may jump, shares of the page from
 * JUMP_SHARE down, shorter than that need (its rest goes on on the page
 * named).  Returns how many. */
static int lead_depths(planner *pl, int k1, int *depth, bool *jumps)
{
    const story *lead = pl->order[0];
    int need = plan_need(pl, 0, k1);
    int n = 0;
    if (need != NO_FIT) {
        int floor = MAX(lead_floor(pl, k1), need - LEAD_GIVE);
        for (int h = need; h >= floor; h--) {
            depth[n] = h;
            jumps[n++] = false;
        }
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
enum { GUESSES = 128, SHORTLIST = 40 };
typedef struct shortlist {
    layout_try v[GUESSES];
    int n, cap;
    bool set;               /* weighed by the cost as set, not the guess */
} shortlist;

static long key_of(const shortlist *sl, const layout_try *lt)
{
    return (sl->set ? lt->cost : lt->guess) + lt->penalty;
}

/* Whether two layouts put every story and the lead's foot in the same
 * place (two ways of dealing often come to one). */
static bool same_layout(const layout_try *a, const layout_try *b)
{
    if (a->n != b->n || a->nsteps != b->nsteps)
        return false;
    for (int k = 0; k < a->n; k++) {
        const spot *x = &a->spots[k], *y = &b->spots[k];
        if (x->story != y->story || x->col_from != y->col_from || x->col_to != y->col_to ||
            x->top != y->top || x->lines != y->lines || x->jumps != y->jumps ||
            x->body_cols != y->body_cols || x->body_lines != y->body_lines || x->set != y->set)
            return false;
    }
    for (int k = 0; k < a->nsteps; k++)
        if (a->steps[k].col_from != b->steps[k].col_from ||
            a->steps[k].col_to != b->steps[k].col_to || a->steps[k].top != b->steps[k].top ||
            a->steps[k].lines != b->steps[k].lines)
            return false;
    return true;
}

static void keep(shortlist *sl, const layout_try *lt)
{
    long c = key_of(sl, lt);
    int at = sl->n;
    while (at > 0 && key_of(sl, &sl->v[at - 1]) > c)
        at--;
    if (at >= sl->cap)
        return;
    for (int k = at - 1; k >= 0 && key_of(sl, &sl->v[k]) == c; k--)
        if (same_layout(&sl->v[k], lt))
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

/* Lines the bands dealt lower stand under their neighbours (page/planner.h,
 * lay_spec): room for a headline of two lines and one of white. */
enum { STEP = 3 };

/* Every layout of lead spec `ls` with the bands of its split, kept in the
 * shortlist when among the cheapest; *unplaced the furthest story some
 * layout could not place. */
static void try_split(planner *pl, lay_spec ls, shortlist *sl, int *unplaced)
{
    int nbands = 0;
    while (ls.split[nbands])
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
    /* The bands as they come, then every other one dealt lower, by a
     * headline's lines or by more. */
    for (int k = 0; k < 5 * DEAL_KINDS * nf; k++) {
        int v = k / (DEAL_KINDS * nf);
        ls.ft = feet[k / DEAL_KINDS % nf];
        ls.deal = (deal_kind)(k % DEAL_KINDS);
        ls.offset = v == 0 ? -1 : (v - 1) % 2;
        ls.step = v <= 2 ? STEP : 2 * STEP;
        if (ls.offset >= 0 && nbands < 2)
            break;
        layout_try lt;
        int miss = -1;
        if (!plan_lay_out(pl, &ls, &lt, &miss)) {
            if (k == 0)
                *unplaced = MAX(*unplaced, miss);
            continue;
        }
        lt.penalty = plan_wish_penalty(pl, &lt);
        add_ear(pl, &lt);
        keep(sl, &lt);
    }
}

/* Every layout with the lead k1 columns wide and h1 deep: under it bands
 * across the page, or (when it leaves columns) the stories beside it
 * stacked down to the foot and bands under it alone. */
static void try_lead(planner *pl, int k1, int h1, bool jumps, bool wide,
                     int (*splits)[MAX_BANDS + 1], shortlist *sl, int *unplaced)
{
    enum { MAX_SPLITS = 512 };
    if (pl->reserved + h1 > pl->lines)
        return;
    int cur[MAX_BANDS + 1];
    bool more = pl->n > 1 || pl->rest;
    int ns = more ? splits_of(pl->columns, k1, splits, MAX_SPLITS, cur, 0, pl->columns, 0) : 0;
    int under = ns;
    if (more && k1 < pl->columns)
        ns = splits_of(k1, k1, splits, MAX_SPLITS, cur, 0, k1, ns);
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
    for (int s = 0; s < ns; s++)
        try_split(pl, (lay_spec){.k1 = k1, .h1 = h1, .jumps = jumps, .wide = wide,
                                 .split = splits[s], .side_to_foot = s >= under},
                  sl, unplaced);
}

/* Every layout with the lead `from` to `to` columns wide, its headline as
 * wide as its text or across the page over its text, into sl. */
static void lay_out_all(planner *pl, int from, int to, shortlist *sl, int *unplaced)
{
    int (*splits)[MAX_BANDS + 1] = xmalloc(sizeof(*splits) * 512);
    for (int k1 = to; k1 >= from; k1--) {
        int depths[LEAD_GIVE + 8];
        bool jump_at[LEAD_GIVE + 8];
        int nd = lead_depths(pl, k1, depths, jump_at);
        for (int d = 0; d < nd; d++)
            try_lead(pl, k1, depths[d], jump_at[d], false, splits, sl, unplaced);
        int left;
        int body = k1 < pl->columns ? plan_body_need(pl, k1, &left) : NO_FIT;
        for (int h = body; body != NO_FIT && h >= MAX(body - LEAD_GIVE, 1); h--)
            try_lead(pl, k1, pl->band + h, false, true, splits, sl, unplaced);
    }
    free(splits);
}

/* The lines a band under the lead is tried taking more or fewer, and how
 * many layouts of a search are mended so at most. */
static const int nudges[] = {1, -1, 2, -2};
enum { MENDED = 8 };

/* Where the lead's text ends short in a column of *base (a head the flow
 * keeps from the column's foot, the lines under it left empty), that
 * column ends elsewhere in its text once the lead stands a line or two
 * shallower or deeper there or in a column before it: so each band under
 * the lead up to that column is tried with its stories taking a line or
 * two more or fewer, and *best replaced by what does better.  Only the
 * composer knows where the heads fall, so this is set, not guessed. */
static void mend_short_column(planner *pl, const layout_try *base, layout_try *best)
{
    layout_try *lt = xmalloc(sizeof *lt);
    int col = 0;
    for (int b = 0; base->split[b] && col <= base->short_col; col += base->split[b++]) {
        if (col + base->split[b] > base->spec.k1)
            break;
        for (size_t n = 0; n < countof(nudges); n++) {
            lay_spec ls = base->spec;
            ls.split = base->split;
            ls.nudge_col = col;
            ls.nudge = nudges[n];
            int miss = -1;
            if (!plan_lay_out(pl, &ls, lt, &miss))
                continue;
            lt->penalty = plan_wish_penalty(pl, lt);
            add_ear(pl, lt);
            plan_weigh(pl, lt, true);
            if (lt->cost + lt->penalty < best->cost + best->penalty)
                *best = *lt;
        }
    }
    free(lt);
}

/* The cheapest layout of the page with its lead `from` to `to` columns
 * wide into *best; false when none holds every story. */
static bool search(planner *pl, int from, int to, layout_try *best, int *unplaced)
{
    shortlist *sl = xcalloc(1, sizeof *sl);
    sl->cap = GUESSES;
    lay_out_all(pl, from, to, sl, unplaced);
    bool found = sl->n > 0;
    /* The likeliest set as they are; the cheapest of those set as a build
     * sets them, staggered: the cheapest then. */
    shortlist *set = xcalloc(1, sizeof *set);
    set->cap = SHORTLIST;
    set->set = true;
    for (int i = 0; i < sl->n; i++) {
        plan_weigh(pl, &sl->v[i], false);
        keep(set, &sl->v[i]);
    }
    for (int i = 0; i < set->n; i++) {
        plan_weigh(pl, &set->v[i], true);
        if (i == 0 || set->v[i].cost + set->v[i].penalty < best->cost + best->penalty)
            *best = set->v[i];
    }
    /* Those that would do better but for the lead's short columns, mended
     * (the likeliest MENDED of them: each is set again four times a band). */
    long short_weight = makeup_weight(MAKEUP_SHORT_COLUMN);
    for (int i = 0, mended = 0; i < set->n && mended < MENDED; i++) {
        const layout_try *lt = &set->v[i];
        long but_short = lt->cost + lt->penalty - short_weight * lt->short_lines;
        if (lt->short_col >= 0 && but_short < best->cost + best->penalty) {
            mend_short_column(pl, lt, best);
            mended++;
        }
    }
    free(set);
    free(sl);
    return found;
}

/* Report that no layout holds every story: the first left over and the
 * room it would need (with --explain, every story's needs). */
static bool report_no_room(planner *pl, int unplaced)
{
    if (pl->explain) {
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
    const story *st = pl->order[MAX(unplaced, 0)];
    int from_w, to_w;
    plan_widths(pl, MAX(unplaced, 0), &from_w, &to_w);
    int need = plan_need(pl, MAX(unplaced, 0), to_w);
    return diag_error(pl->d, st->loc,
                      "the stories of page %s do not fit it: \"%s\" (rank %d) has no room "
                      "left; it needs %s%d grid lines in %d columns — cut stories, move one "
                      "to another page, or let the lead jump (continue-on)",
                      pl->ps->label, st->article->id, st->rank,
                      need == NO_FIT ? "more than " : "",
                      need == NO_FIT ? pl->lines - pl->reserved : need, to_w);
}

/* What was measured of the lead's headline band and of its text under
 * it, forgotten: its heads change between searches, and each page has a
 * lead of its own. */
static void forget_lead(planner *pl)
{
    pl->band = -1;
    for (int w = 0; w < PLAN_WIDTHS; w++)
        pl->body_need[w] = pl->floor[w] = pl->lead_room[w][0] = pl->body_room[w][0] = -1;
}

/* The planner set as `ps` says, what was measured and depends on it
 * forgotten: the lead's row, and the rows of stories with photos when
 * photo_across changes. */
static void remeasure(planner *pl, plan_pass ps)
{
    bool photos_change = ps.photo_across != pl->pass.photo_across;
    pl->pass = ps;
    forget_lead(pl);
    for (int i = 0; i < pl->n + 1; i++)
        if (i == 0 || (photos_change && pl->order[i] && pl->order[i]->article->photo))
            for (int k = 0; k <= pl->columns; k++)
                pl->need[i * (pl->columns + 1) + k] = -1;
}

/* The search once more as `ps` says: *best, and *best_pass, replaced
 * when it does better. */
static bool search_again(planner *pl, plan_pass ps, int from, int to, layout_try *best, bool found,
                         plan_pass *best_pass, int *unplaced)
{
    remeasure(pl, ps);
    layout_try *other = xcalloc(1, sizeof *other);
    bool any = search(pl, from, to, other, unplaced);
    if (any && (!found || other->cost + other->penalty < best->cost + best->penalty)) {
        *best = *other;
        *best_pass = ps;
    }
    free(other);
    return any;
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
    plan_pass best_pass = pl->pass;
    bool found = search(pl, from, to, best, &unplaced);
    /* What leaves something to mend: on an inside page the lead's heads a
     * size smaller, as inside pages' leads are often set. */
    if ((!found || best->cost > 0) && pl->p > 0)
        found |= search_again(pl, (plan_pass){.lead_second = true}, from, to, best, found, &best_pass,
                              &unplaced);
    /* What still leaves something to mend: picture stories set in their
     * photo's columns, the photo across the module (measured()). */
    if (found && best->cost > 0 && pl->n > 1) {
        plan_pass ps = best_pass;
        ps.photo_across = true;
        search_again(pl, ps, from, to, best, found, &best_pass, &unplaced);
    }
    /* A story alone on its page that still leaves something to mend: its
     * headline in the layout's feature style, with the white under it a
     * feature page has (as the year-end feature is set by hand). */
    if (found && best->cost > 0 && pl->n == 1 && !pl->rest &&
        layout_style(pl->l, "headline-feature") >= 0)
        search_again(pl, (plan_pass){.lead_feature = true}, from, to, best, found, &best_pass,
                     &unplaced);
    if (!found)
        return report_no_room(pl, unplaced);
    bool other_pass = pl->pass.lead_second != best_pass.lead_second ||
                      pl->pass.lead_feature != best_pass.lead_feature ||
                      pl->pass.photo_across != best_pass.photo_across;
    if (pl->explain && other_pass) {
        /* The needs explained are those of the search that won. */
        remeasure(pl, best_pass);
        for (int i = 0; i < pl->n; i++) {
            int w_from, w_to;
            plan_widths(pl, i, &w_from, &w_to);
            for (int w = w_from; w <= w_to; w++)
                plan_need(pl, i, w);
        }
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
int plan_rest_need(planner *pl, int width)
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
        pl->head = ARENA_NEW_ARRAY(a, int, cells);
        pl->left = ARENA_NEW_ARRAY(a, int, cells);
        pl->holes = ARENA_NEW_ARRAY(a, int, cells);
        pl->left1 = ARENA_NEW_ARRAY(a, int, cells);
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
        for (int w = 0; w < PLAN_WIDTHS; w++)
            pl->rest_need[w] = -1;
        forget_lead(pl);
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
