/* stagger.c — trying module tops that stagger the headlines. */
#include "page/stagger.h"

#include "base/arena.h"
#include "page/makeup.h"
#include "page/module.h"

/* Moves tried one after the other; each takes the best of its tries. */
enum { MAX_MOVES = 8 };

static void page_out_free(page_out *po)
{
    draw_list_free(&po->list);
    draw_list_free(&po->slug);
    VEC_FREE(po->modules);
    VEC_FREE(po->spanners);
    VEC_FREE(po->findings);
}

/* What a page set this way leaves to mend: text that did not fit weighs
 * most, a headline collision next; a line left empty least. */
static long page_cost(const page_out *po)
{
    long cost = 0;
    for (int k = 0; k < po->modules.n; k++)
        cost += 1000L * po->modules.v[k].overset_lines;
    for (int i = 0; i < po->findings.n; i++) {
        const makeup_finding *f = &po->findings.v[i];
        static const long weight[] = {
            [MAKEUP_COLLISION] = 400,  [MAKEUP_HEAD_SPACE] = 200,  [MAKEUP_SHORT_COLUMN] = 60,
            [MAKEUP_UNDERSET] = 20,    [MAKEUP_SEPARATION] = 200,  [MAKEUP_PAGE_HOLE] = 400,
        };
        cost += weight[f->kind] * (f->kind == MAKEUP_COLLISION ? 1 : MAX(f->lines, 1));
    }
    return cost;
}

/* Set page ps's modules aside into *out (freed by the caller) with the
 * composer as it was before and after: its carries, paragraph ids and
 * diagnostics untouched, what the try allocates in an arena of its own. */
static long try_page(composer *c, const page_grid *g, const page_spec *ps, int p, page_out *out,
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
    *out = (page_out){.index = p, .label = ps->label, .name = ps->name,
                      .width = g->t->page_w, .height = g->t->page_h};
    modules_compose(c, g, out, ps, p);
    makeup_find(out, e, c->l, c->reserved_top);
    long cost = page_cost(out) + 100000L * diag_error_count(c->d);
    diag_free(c->d);
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
    if (u < 0)
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

/* The best single move for the collisions of the page as set in `now`:
 * each side's module moved down below the other's headline.  NULL when
 * none costs less than `cost`. */
static const page_spec *best_move(composer *c, const page_grid *g, const page_spec *ps, int p,
                                  const page_out *now, long *cost, arena *scratch)
{
    const page_spec *best = NULL;
    for (int i = 0; i < now->findings.n; i++) {
        const makeup_finding *f = &now->findings.v[i];
        if (f->kind != MAKEUP_COLLISION)
            continue;
        const module_box *pair[2] = {box_of(now, f->article), box_of(now, f->other)};
        for (int try = 0; try < 4 && pair[0] && pair[1]; try++) {
            const module_box *y = pair[try % 2], *x = pair[1 - try % 2];
            bool whole_stack = try >= 2;
            int d = x->head_top + x->head_lines + 1 - y->head_top;
            page_spec *cand = copy_page(ps, c->a);
            if (d <= 0 ||
                !move_down(cand, g->t, y->placement, d, whole_stack, c->reserved_top, c->a))
                continue;
            page_out trial;
            long k = try_page(c, g, cand, p, &trial, scratch);
            page_out_free(&trial);
            if (k < *cost) {
                *cost = k;
                best = cand;
            }
        }
    }
    return best;
}

/* Whether two placements stand side by side over common grid lines: only
 * then can headlines collide. */
static bool has_neighbours(const page_spec *ps, const template *t)
{
    for (int i = 0; i < ps->placement_count; i++)
        for (int j = 0; j < ps->placement_count; j++) {
            const grid_area *a = &ps->placements[i].area, *b = &ps->placements[j].area;
            if (i != j && a->col_to + 1 == b->col_from && a->top < grid_area_bottom(ps, b, t) &&
                b->top < grid_area_bottom(ps, a, t))
                return true;
        }
    return false;
}

const page_spec *stagger_page(composer *c, const page_grid *g, const page_spec *ps, int p)
{
    if (!has_neighbours(ps, g->t))
        return ps;
    arena *scratch = arena_new();
    for (int move = 0; move < MAX_MOVES; move++) {
        page_out now;
        long cost = try_page(c, g, ps, p, &now, scratch);
        const page_spec *next = best_move(c, g, ps, p, &now, &cost, scratch);
        page_out_free(&now);
        if (!next)
            break;
        ps = next;
    }
    arena_free(scratch);
    return ps;
}
