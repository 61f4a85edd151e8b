/* stagger.c — trying module tops that stagger the headlines. */
#include "page/stagger.h"

#include "base/arena.h"
#include "page/makeup.h"
#include "page/module.h"

#include <stdio.h>

/* Moves tried one after the other; each takes the best of its tries. */
enum { MAX_MOVES = 8 };

long stagger_try(composer *c, const page_grid *g, const page_spec *ps, int p, page_out *out,
                 arena *scratch)
{
    const edition *e = c->e;
    size_t carries = sizeof(carry) * (size_t)(e->article_count + 1);
    carry *saved = xmalloc(carries);
    memcpy(saved, c->carries, carries);
    int next_para = c->next_para;
    diag *real = c->d;
    arena *real_a = c->a;
    c->d = diag_new();
    c->a = scratch;
    c->trial = true;
    *out = (page_out){.index = p, .label = ps->label, .name = ps->name,
                      .width = g->t->page_w, .height = g->t->page_h};
    modules_compose(c, g, out, ps, p);
    makeup_find(out, ps, c->l, c->reserved_top);
    c->trial_errors = diag_error_count(c->d);
    long cost = makeup_cost(out) + 100000L * c->trial_errors;
    diag_free(c->d);
    c->trial = false;
    c->d = real;
    c->a = real_a;
    c->next_para = next_para;
    memcpy(c->carries, saved, carries);
    free(saved);
    return cost;
}

/* The placement of page ps that takes grid cell (col, line), -1 for none. */
static int owner_of(const page_spec *ps, const template *t, int col, int line)
{
    for (int k = 0; k < ps->placement_count; k++) {
        const placement *pl = &ps->placements[k];
        for (int i = 0; i <= pl->part_count; i++) {
            const grid_area *a = grid_part(pl, i);
            if (col >= a->col_from && col <= a->col_to && line >= a->top &&
                line < grid_area_bottom(ps, a, t))
                return k;
        }
    }
    return -1;
}

static page_spec *copy_page(const page_spec *ps, arena *a)
{
    page_spec *copy = arena_alloc(a, sizeof *copy);
    *copy = *ps;
    copy->placements = arena_alloc(a, sizeof(placement) * (size_t)(ps->placement_count + 1));
    memcpy(copy->placements, ps->placements, sizeof(placement) * (size_t)ps->placement_count);
    return copy;
}

/* The one placement above placement y in all of y's columns, -1 when
 * there is none (y stands at the top, or under two stories). */
static int above(const page_spec *ps, const template *t, int y)
{
    const grid_area *ya = &ps->placements[y].area;
    int u = owner_of(ps, t, ya->col_from, ya->top - 1);
    for (int col = ya->col_from; col <= ya->col_to; col++)
        if (u < 0 || u == y || owner_of(ps, t, col, ya->top - 1) != u)
            return -1;
    return u;
}

/* The placement right under y in exactly y's columns, -1 for none. */
static int below(const page_spec *ps, const template *t, int y)
{
    const grid_area *ya = &ps->placements[y].area;
    int bottom = grid_area_bottom(ps, ya, t);
    int v = owner_of(ps, t, ya->col_from, bottom);
    if (v < 0 || ps->placements[v].part_count > 0 || ps->placements[v].area.top != bottom ||
        ps->placements[v].area.col_from != ya->col_from ||
        ps->placements[v].area.col_to != ya->col_to)
        return -1;
    return v;
}

/* Placement u grows by grid lines [top, top + d) of columns [from, to]
 * under it: its own lines when it stands in exactly those columns, else
 * a part of that shape. */
static void grow_down(placement *U, int from, int to, int top, int d, src_loc loc, arena *a)
{
    if (U->part_count == 0 && U->area.col_from == from && U->area.col_to == to) {
        if (U->area.lines > 0)
            U->area.lines += d;
        return;
    }
    grid_area *parts = arena_alloc(a, sizeof(grid_area) * (size_t)(U->part_count + 1));
    if (U->part_count > 0)
        memcpy(parts, U->parts, sizeof(grid_area) * (size_t)U->part_count);
    parts[U->part_count] = (grid_area){from, to, top, d, loc};
    U->parts = parts;
    U->part_count++;
}

/* A placement keeps at least this many grid lines. */
enum { MIN_LINES = 4 };

/* Placement y and the stack of placements under it in its columns moved
 * down by d grid lines: the one above y takes the lines y leaves, the
 * last of the stack gives up its last d (`whole_stack`), or y alone its
 * first d.  False when y has no single placement above it, or a shape or
 * depth that does not allow it. */
static bool move_down(page_spec *ps, const template *t, int y, int d, bool whole_stack,
                      int reserved_top, arena *a)
{
    placement *Y = &ps->placements[y];
    if (Y->part_count > 0 || Y->area.top - 1 < reserved_top)
        return false;
    int u = above(ps, t, y);
    if (u < 0 || ps->placements[u].ear)
        return false;
    int last = y, stack[32], n = 0;
    stack[n++] = y;
    while (whole_stack && n < (int)countof(stack) && (last = below(ps, t, last)) >= 0)
        stack[n++] = last;
    placement *L = &ps->placements[stack[n - 1]];
    if (grid_area_bottom(ps, &L->area, t) - (L->area.top + d) < MIN_LINES)
        return false;
    /* Bottoms first: a `fill` bottom is found from the areas below. */
    const grid_area ya = Y->area;
    /* Lines of another shape go to u as a part, in grid columns: not to a
     * module set in columns of its own. */
    const placement *U = &ps->placements[u];
    bool as_part = U->part_count > 0 || U->area.col_from != ya.col_from || U->area.col_to != ya.col_to;
    if (as_part && U->set_columns > 0)
        return false;
    for (int k = n - 1; k >= 0; k--) {
        grid_area *ar = &ps->placements[stack[k]].area;
        bool shrinks = k == n - 1;
        if (ar->lines > 0 && shrinks)
            ar->lines -= d;
        ar->top += d;
    }
    grow_down(&ps->placements[u], ya.col_from, ya.col_to, ya.top, d, ya.loc, a);
    return true;
}

static const module_box *box_of(const page_out *po, int article_index)
{
    for (int k = 0; k < po->modules.n; k++)
        if (po->modules.v[k].article == article_index && po->modules.v[k].head_lines > 0)
            return &po->modules.v[k];
    return NULL;
}

/* Placement y grows or shrinks at its bottom by d grid lines (d < 0:
 * shrinks), the placement under it in exactly its columns (if any) giving
 * or taking them at its top. */
static bool move_bottom(page_spec *ps, const template *t, int y, int d)
{
    placement *Y = &ps->placements[y];
    if (Y->part_count > 0)
        return false;
    int bottom = grid_area_bottom(ps, &Y->area, t);
    int v = below(ps, t, y);
    if (bottom + d - Y->area.top < MIN_LINES || bottom + d > t->lines)
        return false;
    if (v >= 0) {
        grid_area *va = &ps->placements[v].area;
        if (grid_area_bottom(ps, va, t) - (va->top + d) < MIN_LINES)
            return false;
        va->top += d;
        if (va->lines > 0)
            va->lines -= d;
    } else if (Y->area.lines == 0) {
        return false; /* `fill` already reaches the foot or the next area */
    } else {
        /* Nothing exactly under it: it grows only into lines no module holds. */
        for (int line = bottom; line < bottom + d; line++)
            for (int col = Y->area.col_from; col <= Y->area.col_to; col++)
                if (owner_of(ps, t, col, line) >= 0)
                    return false;
    }
    if (Y->area.lines > 0)
        Y->area.lines += d;
    return true;
}

/* Placement y's top moves up by d grid lines, taken from the placement
 * above it, which must stand in exactly its columns. */
static bool move_up(page_spec *ps, const template *t, int y, int d, int reserved_top)
{
    placement *Y = &ps->placements[y];
    int u = above(ps, t, y);
    if (Y->part_count > 0 || u < 0 || Y->area.top - d < reserved_top || ps->placements[u].ear)
        return false;
    placement *U = &ps->placements[u];
    if (U->part_count > 0 || U->area.col_from != Y->area.col_from ||
        U->area.col_to != Y->area.col_to ||
        grid_area_bottom(ps, &U->area, t) - d - U->area.top < MIN_LINES)
        return false;
    if (U->area.lines > 0)
        U->area.lines -= d;
    Y->area.top -= d;
    if (Y->area.lines > 0)
        Y->area.lines += d;
    return true;
}

/* The foot of placement u moved by d grid lines (d < 0: up), and with it
 * the tops of every placement that stands right under it: u gives lines
 * to, or takes them from, all of them at once. */
static bool move_boundary(page_spec *ps, const template *t, int u, int d)
{
    placement *U = &ps->placements[u];
    if (U->part_count > 0 || U->area.lines == 0)
        return false;
    int bottom = U->area.top + U->area.lines;
    if (U->area.lines + d < MIN_LINES || bottom + d > t->lines)
        return false;
    int moved = 0;
    for (int k = 0; k < ps->placement_count; k++) {
        grid_area *a = &ps->placements[k].area;
        if (k == u || a->top != bottom || a->col_from < U->area.col_from ||
            a->col_to > U->area.col_to)
            continue;
        if (ps->placements[k].part_count > 0 || grid_area_bottom(ps, a, t) - (a->top + d) < MIN_LINES)
            return false;
        a->top += d;
        if (a->lines > 0)
            a->lines -= d;
        moved++;
    }
    U->area.lines += d;
    return moved > 0;
}

typedef enum { MOVE_TOP_DOWN, MOVE_STACK_DOWN, MOVE_TOP_UP, MOVE_BOTTOM, MOVE_BOUNDARY } move_kind;

/* One move tried: a copy of the page's placements with it made, set
 * aside; kept in *best when it costs less than *cost. */
static void try_move(composer *c, const page_grid *g, const page_spec *ps, int p, move_kind kind,
                     int y, int d, long *cost, const page_spec **best, page_out *best_page,
                     arena *scratch)
{
    /* The ear's area is the masthead's: it never moves, nor gives lines. */
    if (ps->placements[y].ear)
        return;
    page_spec *cand = copy_page(ps, c->a);
    bool made = false;
    switch (kind) {
    case MOVE_TOP_DOWN:
    case MOVE_STACK_DOWN:
        made = d > 0 && move_down(cand, g->t, y, d, kind == MOVE_STACK_DOWN, c->reserved_top, c->a);
        break;
    case MOVE_TOP_UP:
        made = d > 0 && move_up(cand, g->t, y, d, c->reserved_top);
        break;
    case MOVE_BOTTOM:
        made = d != 0 && move_bottom(cand, g->t, y, d);
        break;
    case MOVE_BOUNDARY:
        made = d != 0 && move_boundary(cand, g->t, y, d);
        break;
    }
    /* A move keeps every area on the grid and apart from the others: the
     * modules' cells are indexed by what the areas say. */
    diag *quiet = diag_new();
    made = made && grid_check_overlaps(cand, g->t, c->reserved_top, quiet);
    diag_free(quiet);
    if (!made)
        return;
    page_out trial;
    long k = stagger_try(c, g, cand, p, &trial, scratch);
    if (getenv("PAIBAN_TRACE") && strstr(getenv("PAIBAN_TRACE"), "makeup"))
        fprintf(stderr, "makeup: page %s move %d of %s by %d: cost %ld (best %ld)\n", ps->label,
                kind, ps->placements[y].article->id, d, k, *cost);
    if (k < *cost) {
        *cost = k;
        *best = cand;
        page_out_free(best_page);
        *best_page = trial;
    } else {
        page_out_free(&trial);
    }
}

/* The best single move for what the page as set in `now` leaves to mend:
 * for a headline collision, either module moved down under the other's
 * headline (alone, or with the stack under it); for a module overset, its
 * top raised or its foot lowered by the lines it lacks; for one underset,
 * its foot raised or its top lowered by those it leaves empty.  NULL when
 * none costs less than `cost`; else the move's page is in *best_page. */
static const page_spec *best_move(composer *c, const page_grid *g, const page_spec *ps, int p,
                                  const page_out *now, long *cost, page_out *best_page,
                                  arena *scratch)
{
    const page_spec *best = NULL;
    for (int i = 0; i < now->findings.n; i++) {
        const makeup_finding *f = &now->findings.v[i];
        if (f->kind != MAKEUP_COLLISION)
            continue;
        const module_box *pair[2] = {box_of(now, f->article), box_of(now, f->other)};
        for (int side = 0; side < 2 && pair[0] && pair[1]; side++) {
            const module_box *y = pair[side], *x = pair[1 - side];
            int d = x->head_top + x->head_lines + 1 - y->head_top;
            try_move(c, g, ps, p, MOVE_TOP_DOWN, y->placement, d, cost, &best, best_page, scratch);
            try_move(c, g, ps, p, MOVE_STACK_DOWN, y->placement, d, cost, &best, best_page,
                     scratch);
        }
    }
    for (int k = 0; k < now->modules.n; k++) {
        const module_box *mb = &now->modules.v[k];
        int cols = MAX(mb->columns, 1);
        int over = mb->jumps ? 0 : mb->overset_lines;
        int empty = 0;
        for (int i = 0; i < now->findings.n; i++)
            if (now->findings.v[i].kind == MAKEUP_UNDERSET && now->findings.v[i].article == mb->article)
                empty = now->findings.v[i].lines;
        if (over > 0) {
            int d = (over + cols - 1) / cols;
            try_move(c, g, ps, p, MOVE_TOP_UP, mb->placement, d, cost, &best, best_page, scratch);
            try_move(c, g, ps, p, MOVE_BOTTOM, mb->placement, d, cost, &best, best_page, scratch);
            int u = above(ps, g->t, mb->placement);
            if (u >= 0)
                try_move(c, g, ps, p, MOVE_BOUNDARY, u, -d, cost, &best, best_page, scratch);
        } else if (empty > 0) {
            int d = MAX(empty / cols, 1);
            try_move(c, g, ps, p, MOVE_BOTTOM, mb->placement, -d, cost, &best, best_page, scratch);
            try_move(c, g, ps, p, MOVE_TOP_DOWN, mb->placement, d, cost, &best, best_page,
                     scratch);
        }
    }
    return best;
}

/* Moves are tried for what they can mend: headlines side by side, text
 * over.  Lines left empty alone (no text to fill them) are reported. */
static bool worth_moving(const page_out *now)
{
    for (int i = 0; i < now->findings.n; i++)
        if (now->findings.v[i].kind == MAKEUP_COLLISION)
            return true;
    for (int k = 0; k < now->modules.n; k++)
        if (now->modules.v[k].overset_lines > 0 && !now->modules.v[k].jumps)
            return true;
    return false;
}

const page_spec *stagger_page(composer *c, const page_grid *g, const page_spec *ps, int p)
{
    if (ps->placement_count < 2) /* one alone has nothing to trade lines with */
        return ps;
    arena *scratch = arena_new();
    page_out now;
    long cost = stagger_try(c, g, ps, p, &now, scratch);
    for (int move = 0; move < MAX_MOVES && worth_moving(&now); move++) {
        page_out next_page = {0};
        const page_spec *next = best_move(c, g, ps, p, &now, &cost, &next_page, scratch);
        if (!next)
            break;
        page_out_free(&now);
        now = next_page;
        ps = next;
    }
    page_out_free(&now);
    arena_free(scratch);
    return ps;
}
