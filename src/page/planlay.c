/* planlay.c — a layout of a page: the lead at the top, the stories after
 * it dealt into bands of columns under it, each band starting where its
 * stories, stacked at their needs, leave off, the lead's foot stepping
 * down to it; what such a layout is guessed to leave to mend, and what it
 * leaves as set. */
#include "page/compose.h"
#include "page/makeup.h"
#include "page/planner.h"

#include <stdlib.h>
#include <string.h>

typedef struct band {
    int col_from, width;
    int top, bottom;        /* grid lines [top, bottom) */
    int used;               /* lines taken from top */
    bool follows;           /* under the lead: its top follows its stories */
    int stories[MAX_STORIES];
    bool more[MAX_STORIES]; /* set a line deeper than it needs */
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
    int need = plan_need(pl, i, b->width);
    int top = b->top + b->used;
    if (need == NO_FIT || top + white_at(pl, top) + need > b->bottom)
        return false;
    b->used += white_at(pl, top) + need;
    b->more[b->n] = false;
    b->stories[b->n++] = i;
    return true;
}

/* Deal the stories after the lead (but `skip`) into the bands: first one
 * to the top of each band, left to right (the higher-ranked higher and
 * further left), then each to the band with the most room left that holds
 * it (DEAL_LEAST: the least; DEAL_FIRST: the first from the left).  False
 * when one fits nowhere. */
static bool deal(planner *pl, band *bands, int nb, int skip, deal_kind how, int *unplaced)
{
    /* The order: by rank, but a story wished above the fold first, so that
     * it takes the top of a band and another can stand under it. */
    int order[MAX_STORIES], n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i < pl->n; i++)
            if (i != skip && pl->order[i]->above_fold == (pass == 0))
                order[n++] = i;
    int at = 0;
    for (int b = 0; b < nb && at < n; b++)
        if (stack(pl, &bands[b], order[at]))
            at++;
    for (; at < n; at++) {
        int i = order[at], best = -1;
        for (int b = 0; b < nb && !(how == DEAL_FIRST && best >= 0); b++) {
            int room = bands[b].bottom - bands[b].top - bands[b].used;
            int best_room = best < 0 ? 0 : bands[best].bottom - bands[best].top - bands[best].used;
            if (best < 0 || (how == DEAL_LEAST ? room < best_room : room > best_room)) {
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
static void spots_of(planner *pl, const band *bands, int nb, layout_try *lt)
{
    for (int b = 0; b < nb; b++) {
        int top = bands[b].top;
        for (int k = 0; k < bands[b].n; k++) {
            int i = bands[b].stories[k];
            bool last = k == bands[b].n - 1;
            int lines = white_at(pl, top) + plan_need(pl, i, bands[b].width) + bands[b].more[k];
            if (last)
                lines = bands[b].bottom - top;
            lt->spots[lt->n++] = (spot){i, bands[b].col_from, bands[b].col_from + bands[b].width - 1,
                                        top, lines, false, false, 0, 0, 0};
            top += lines;
        }
    }
}

/* What a story's end leaving `left` lines empty weighs in the guess: a
 * make-up finding (and more, as the plan weighs it) from
 * MAKEUP_SHORT_LAST_COLUMN on, a little below. */
static long left_weight(int left)
{
    if (left < MAKEUP_SHORT_LAST_COLUMN)
        return 5L * left;
    return (makeup_weight(MAKEUP_UNDERSET) + UNDERSET_MORE) * left;
}

/* The lines the lead's end is guessed to leave empty in its rectangle (or
 * its headline across the page over its text) h1 lines deep, from what
 * it leaves at the depth it needs: fewer than 0 for lines it lacks. */
static long lead_rect_left(planner *pl, const lay_spec *ls)
{
    if (ls->wide) {
        int body_left = 0;
        int body = plan_body_need(pl, ls->k1, &body_left);
        return (long)ls->k1 * (ls->h1 - pl->band - body) + body_left;
    }
    return (long)ls->k1 * (ls->h1 - plan_need(pl, 0, ls->k1)) + plan_left(pl, 0, ls->k1);
}

/* What the lead's end leaving `left` lines empty (fewer than 0: lines it
 * lacks) weighs in the guess.  Copy fitting sets paragraphs a line longer
 * or shorter (plan_lead_room): what it takes up or does without is the
 * composer's. */
static long lead_weight(planner *pl, const lay_spec *ls, long left)
{
    int take, give;
    plan_lead_room(pl, ls->k1, ls->wide, &take, &give);
    if (left < -give)
        return 300L * (-give - left);
    return left_weight((int)MAX(left - take, 0));
}

/* The first headline of band b were its top `top`: grid lines [*from,
 * *from + its lines). */
static int band_head(planner *pl, const band *b, int top, int *from)
{
    *from = top + white_at(pl, top);
    return b->n > 0 ? plan_head(pl, b->stories[0], b->width) : 0;
}

/* Whether the first headline of band b, its top at `top`, shares grid
 * lines with that of a band beside it whose top is known: one before it,
 * or one whose top does not follow its stories. */
static bool heads_meet(planner *pl, const band *bands, int nb, int b, int top)
{
    int f, n = band_head(pl, &bands[b], top, &f);
    for (int o = 0; o < nb && n > 0; o++) {
        const band *x = &bands[o];
        if (o == b || (o > b && x->follows) || x->n == 0 ||
            !makeup_side_by_side(x->col_from, x->col_from + x->width - 1, bands[b].col_from,
                                 bands[b].col_from + bands[b].width - 1))
            continue;
        int xf, xn = band_head(pl, x, x->top, &xf);
        if (makeup_lines_overlap(xf, xn, f, n))
            return true;
    }
    return false;
}

/* Band b's stories that take a line more than they need with their end
 * still short of a finding, those that leave least first: up to `max` of
 * them into take[], how many returned. */
static int takers(planner *pl, const band *bd, int max, int *take)
{
    int n = 0;
    for (int k = 0; k < bd->n; k++) {
        int l = plan_left1(pl, bd->stories[k], bd->width);
        if (l >= MAKEUP_SHORT_LAST_COLUMN)
            continue;
        int at = n++;
        while (at > 0 && plan_left1(pl, bd->stories[take[at - 1]], bd->width) > l) {
            take[at] = take[at - 1];
            at--;
        }
        take[at] = k;
    }
    return MIN(n, max);
}

/* Each band under the lead starts where its stories leave off from its
 * foot: the lines it does not need go to the lead, whose foot steps down
 * over it (one area a run of bands as deep).  Its stories may take some
 * of them, a line each as copy fitting takes it up: as many as keep the
 * lead from more lines than it can fill and the band's first headline
 * from the lines of its neighbour's. */
static bool follow_stories(planner *pl, const lay_spec *ls, band *bands, int nb, int below,
                           layout_try *lt)
{
    long lead_left = lead_rect_left(pl, ls);
    for (int b = 0; b < nb; b++)
        if (bands[b].follows && bands[b].n > 0)
            lead_left += (long)bands[b].width * (bands[b].bottom - bands[b].used - below);
    for (int b = 0; b < nb; b++) {
        band *bd = &bands[b];
        if (!bd->follows || bd->n == 0)
            continue;
        int spare = bd->bottom - bd->used - below;
        int take[MAX_STORIES];
        int most = takers(pl, bd, spare, take), x = 0;
        long best = -1;
        for (int t = 0; t <= most; t++) {
            long left = lead_left - (long)t * bd->width;
            long w = (ls->jumps ? 0 : lead_weight(pl, ls, left)) + t;
            if (heads_meet(pl, bands, nb, b, below + spare - t))
                w += makeup_weight(MAKEUP_COLLISION);
            if (best < 0 || w < best)
                best = w, x = t;
        }
        if (ls->nudge && bd->col_from == ls->nudge_col) {
            x += ls->nudge;
            if (x < 0 || x > most)
                return false;
        }
        for (int t = 0; t < x; t++)
            bd->more[take[t]] = true;
        bd->used += x;
        spare -= x;
        lead_left -= (long)x * bd->width;
        bd->top = below + spare;
        if (spare <= 0)
            continue;
        grid_area *prev = lt->nsteps ? &lt->steps[lt->nsteps - 1] : NULL;
        if (prev && prev->lines == spare && prev->col_to + 1 == bd->col_from)
            prev->col_to += bd->width;
        else
            lt->steps[lt->nsteps++] = (grid_area){bd->col_from, bd->col_from + bd->width - 1,
                                                  below, spare, {0}};
    }
    return true;
}

/* ---- the guess -------------------------------------------------------------- */

/* The lead in its shape: the lines its end is guessed to leave empty
 * (fewer than 0: lines it lacks), from the lines it needs as a rectangle
 * and the cells its shape has beyond or short of that. */
static long lead_guess(planner *pl, const lay_spec *ls, const layout_try *lt)
{
    if (ls->jumps)
        return 0;
    long cells = 0;
    for (int s = 0; s < lt->nsteps; s++)
        cells += (long)(lt->steps[s].col_to - lt->steps[s].col_from + 1) * lt->steps[s].lines;
    return lead_weight(pl, ls, lead_rect_left(pl, ls) + cells);
}

/* The lines story i's end leaves empty in w columns set `more` lines
 * deeper than it needs: copy fitting takes up some of the first, each
 * further one leaves about a line a column. */
static int end_left(planner *pl, int i, int w, int more)
{
    if (more == 0)
        return plan_left(pl, i, w);
    int one = plan_left1(pl, i, w);
    if (one == NO_FIT)
        one = plan_left(pl, i, w) + w;
    return one + w * (more - 1);
}

/* The headline band of spot s: grid lines [*from, *from + lines). */
static int head_of(planner *pl, const lay_spec *ls, const spot *s, int *from)
{
    *from = s->top + white_at(pl, s->top);
    if (s->story < 0 || s->ear)
        return 0;
    if (s->story == 0)
        return ls->wide ? pl->band : plan_head(pl, 0, ls->k1);
    return plan_head(pl, s->story, s->col_to - s->col_from + 1);
}

/* What the layout is guessed to leave to mend once set: the lines each
 * story's end leaves empty (the last of a band stretched to its foot
 * leaves about a line a column more for each line it did not need),
 * columns short, the lead's fit in its shape, and headlines side by side
 * that share grid lines. */
static long guess_of(planner *pl, const lay_spec *ls, const band *bands, int nb,
                     const layout_try *lt)
{
    long g = lead_guess(pl, ls, lt);
    for (int b = 0; b < nb; b++) {
        int spare = bands[b].bottom - bands[b].top - bands[b].used;
        for (int k = 0; k < bands[b].n; k++) {
            int i = bands[b].stories[k], w = bands[b].width;
            int left = end_left(pl, i, w, bands[b].more[k] + (k == bands[b].n - 1 ? spare : 0));
            g += left_weight(left) + makeup_weight(MAKEUP_SHORT_COLUMN) * plan_holes(pl, i, w);
        }
    }
    if (ls->ft.story > 0) {
        const spot *f = &lt->spots[lt->n - 1];
        int w = f->col_to - f->col_from + 1;
        g += left_weight(plan_left(pl, f->story, w)) +
             makeup_weight(MAKEUP_SHORT_COLUMN) * plan_holes(pl, f->story, w);
    }
    for (int x = 0; x < lt->n; x++) {
        int xf, xn = head_of(pl, ls, &lt->spots[x], &xf);
        for (int y = x + 1; y < lt->n && xn > 0; y++) {
            int yf, yn = head_of(pl, ls, &lt->spots[y], &yf);
            const spot *a = &lt->spots[x], *b = &lt->spots[y];
            if (yn > 0 && makeup_side_by_side(a->col_from, a->col_to, b->col_from, b->col_to) &&
                makeup_lines_overlap(xf, xn, yf, yn))
                g += makeup_weight(MAKEUP_COLLISION);
        }
    }
    return g;
}

/* ---- a layout --------------------------------------------------------------- */

/* The story across the foot first: the bands above it end where it
 * starts (6 lines at least above it).  False when it cannot stand there. */
static bool put_foot(planner *pl, band *bands, int b0, foot ft, spot *at_foot)
{
    int from = bands[b0 + ft.from].col_from, width = 0;
    for (int b = ft.from; b <= ft.to; b++)
        width += bands[b0 + b].width;
    int lo, hi;
    plan_widths(pl, ft.story, &lo, &hi);
    if (width < lo || width > hi)
        return false;
    int need = plan_need(pl, ft.story, width);
    if (need == NO_FIT)
        return false;
    int top = pl->lines - need - white_at(pl, pl->lines - need);
    for (int b = ft.from; b <= ft.to; b++) {
        if (top - bands[b0 + b].top < 6)
            return false;
        bands[b0 + b].bottom = top;
    }
    *at_foot = (spot){ft.story, from, from + width - 1, top, 0, false, false, 0, 0, 0};
    return true;
}

/* The fewest columns a placement of the rest of a story may have: what
 * its article holds must fit every placement of it, its photo and what
 * spans columns (input/edition.c checks each one), though the photo is
 * set with the first alone. */
static int rest_columns(const planner *pl)
{
    const article *a = pl->rest->article;
    int cols = a->photo ? a->photo->columns : 1;
    for (int i = 0; i < a->block_count; i++)
        cols = MAX(cols, a->blocks[i].span_columns);
    return cols;
}

/* The rest of an earlier page's story at the foot of the widest band that
 * reaches the foot from under the lead: room is kept for it before the
 * page's own stories.  Its band in *rest_band, -1 when it finds none. */
static bool put_rest(planner *pl, band *bands, int nb, int below, layout_try *lt, int *rest_band)
{
    int widest = -1;
    for (int b = 0; b < nb; b++)
        if (bands[b].top == below && bands[b].bottom == pl->lines &&
            (widest < 0 || bands[b].width > bands[widest].width))
            widest = b;
    if (widest < 0 || bands[widest].width < rest_columns(pl))
        return false;
    band *b = &bands[widest];
    int need = plan_rest_need(pl, b->width);
    if (need == NO_FIT)
        return false;
    int rest = white_at(pl, b->top) + need;
    if (b->bottom - rest < b->top)
        return false;
    b->bottom -= rest;
    b->follows = false; /* the rest stands under it */
    *rest_band = widest;
    lt->spots[lt->n++] = (spot){-1, b->col_from, b->col_from + b->width - 1, b->bottom,
                                pl->lines - b->bottom, false, false, 0, 0, 0};
    return true;
}

bool plan_lay_out(planner *pl, const lay_spec *ls, layout_try *lt, int *unplaced)
{
    memset(lt, 0, sizeof *lt);
    band bands[MAX_BANDS + 1];
    int nb = 0, k1 = ls->k1;
    int below = pl->reserved + ls->h1;
    if (k1 < pl->columns)
        bands[nb++] = (band){.col_from = k1, .width = pl->columns - k1,
                             .top = pl->reserved + (ls->wide ? pl->band : 0),
                             .bottom = ls->side_to_foot ? pl->lines : below};
    int col = 0;
    for (int i = 0; ls->split[i]; i++) {
        bool under = col + ls->split[i] <= k1;
        bool lower = under && ls->offset >= 0 && i % 2 == ls->offset;
        bands[nb++] = (band){.col_from = col, .width = ls->split[i],
                             .top = below + (lower ? ls->step : 0), .bottom = pl->lines,
                             .follows = under};
        col += ls->split[i];
    }
    if (ls->wide)
        lt->spots[lt->n++] = (spot){0, 0, pl->columns - 1, pl->reserved, pl->band, ls->jumps,
                                    false, k1, ls->h1 - pl->band, 0};
    else
        lt->spots[lt->n++] = (spot){0, 0, k1 - 1, pl->reserved, ls->h1, ls->jumps, false, 0, 0, 0};
    spot at_foot = {.story = -2};
    int b0 = k1 < pl->columns ? 1 : 0;
    if (ls->ft.story > 0 && !put_foot(pl, bands, b0, ls->ft, &at_foot))
        return false;
    int rest_band = -1, rest_spot = lt->n;
    if (pl->rest && !put_rest(pl, bands, nb, below, lt, &rest_band))
        return false;
    if (!deal(pl, bands, nb, ls->ft.story, ls->deal, unplaced))
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
    if (!follow_stories(pl, ls, bands, nb, below, lt))
        return false;
    spots_of(pl, bands, nb, lt);
    if (at_foot.story > 0)
        lt->spots[lt->n++] = at_foot;
    lt->guess = guess_of(pl, ls, bands, nb, lt);
    lt->spec = *ls;
    lt->spec.split = NULL;
    int i = 0;
    do
        lt->split[i] = ls->split[i];
    while (ls->split[i++]);
    return true;
}

/* ---- weighing ----------------------------------------------------------------- */

long plan_wish_penalty(const planner *pl, const layout_try *lt)
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
            pen += WISH_BROKEN;
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

/* The lead's areas beyond its first: its text under its headline (the
 * wide shape) and the steps of its foot. */
static void lead_parts(const planner *pl, const layout_try *lt, placement *p, const story *st)
{
    const spot *s = &lt->spots[0];
    int n = (s->body_cols ? 1 : 0) + lt->nsteps;
    if (n == 0)
        return;
    p->parts = ARENA_NEW_ARRAY(pl->a, grid_area, n);
    p->part_count = 0;
    if (s->body_cols)
        p->parts[p->part_count++] = (grid_area){0, s->body_cols - 1, s->top + s->lines,
                                                s->body_lines, st->loc};
    for (int k = 0; k < lt->nsteps; k++) {
        p->parts[p->part_count] = lt->steps[k];
        p->parts[p->part_count++].loc = st->loc;
    }
}

void plan_weigh(planner *pl, layout_try *lt, bool stagger)
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
        *p = plan_placement(pl, st, s->col_from, s->col_to, s->top, s->lines);
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
        if (k == 0)
            lead_parts(pl, lt, p, st);
        if (s->body_cols)
            p->headline_columns = 0;
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
    lt->short_col = -1;
    lt->short_lines = 0;
    int lead = -1;
    for (int k = 0; k < out.modules.n; k++)
        if (out.modules.v[k].placement == 0)
            lead = out.modules.v[k].article;
    for (int i = 0; i < out.findings.n; i++) {
        const makeup_finding *f = &out.findings.v[i];
        if (f->kind != MAKEUP_SHORT_COLUMN || f->article != lead || f->column < 0)
            continue;
        if (lt->short_col < 0 || f->column < lt->short_col)
            lt->short_col = f->column;
        lt->short_lines += f->lines;
    }
    /* A page not filled to its foot is what a plan must above all avoid:
     * lines left empty weigh more here than when a build staggers. */
    for (int i = 0; i < out.findings.n; i++)
        if (out.findings.v[i].kind == MAKEUP_UNDERSET)
            lt->cost += UNDERSET_MORE * MAX(out.findings.v[i].lines, 1);
    page_out_free(&out);
    lt->penalty = plan_wish_penalty(pl, lt);
}
