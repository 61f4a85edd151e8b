/* makeup.c — the make-up check. */
#include "page/makeup.h"

#include "page/headband.h"

#include <stdio.h>

/* Ink of CJK type relative to its baseline, in ems: the em box's top
 * stands 0.88 em above the baseline, its bottom 0.12 em below. */
#define INK_ABOVE 0.88
#define INK_BELOW 0.12

static void add(page_out *po, makeup_finding f) { *VEC_PUSH(po->findings) = f; }

/* Headline bands of stories side by side that share grid lines. */
static void find_collisions(page_out *po, const template *t)
{
    for (int i = 0; i < po->modules.n; i++) {
        const module_box *a = &po->modules.v[i];
        for (int j = i + 1; j < po->modules.n && a->head_lines > 0; j++) {
            const module_box *b = &po->modules.v[j];
            if (b->head_lines == 0 || a->article == b->article ||
                !makeup_side_by_side(a->col_from, a->col_to, b->col_from, b->col_to) ||
                !makeup_lines_overlap(a->head_top, a->head_lines, b->head_top, b->head_lines))
                continue;
            int from = MAX(a->head_top, b->head_top);
            int to = MIN(a->head_top + a->head_lines, b->head_top + b->head_lines);
            scaled x = MIN(a->x, b->x);
            add(po, (makeup_finding){MAKEUP_COLLISION, a->article, b->article, -1, to - from, x,
                                     t->area_y + from * t->pitch,
                                     MAX(a->x + a->w, b->x + b->w) - x, (to - from) * t->pitch});
        }
    }
}

static bool inside(const text_line *tl, const module_box *mb)
{
    return tl->x >= mb->x - SCALED_ONE && tl->x <= mb->x + mb->w + SCALED_ONE &&
           tl->y >= mb->y - SCALED_ONE && tl->y <= mb->y + mb->h + SCALED_ONE;
}

/* The top of a module's headline ink: the first line of its band. */
static bool band_ink_top(const page_out *po, const module_box *mb, const layout *l, scaled *top)
{
    bool found = false;
    for (int i = 0; i < po->list.lines.n; i++) {
        const text_line *tl = &po->list.lines.v[i];
        if (tl->role != ROLE_HEADLINE || tl->article != mb->article || !inside(tl, mb))
            continue;
        scaled ink = tl->y - (scaled)(l->styles[tl->style].size * INK_ABOVE);
        if (!found || ink < *top)
            *top = ink;
        found = true;
    }
    return found;
}

static bool is_text_above(line_role r)
{
    return r == ROLE_BODY || r == ROLE_TABLE || r == ROLE_BOX || r == ROLE_CAPTION ||
           r == ROLE_HEAD || r == ROLE_JUMP || r == ROLE_HEADLINE;
}

/* White between a headline's ink and the nearest line of another story
 * above it, in its columns: less than a grid line reads as one block.
 * The masthead's rule parts a story from the ear above it. */
static void find_head_space(page_out *po, const template *t, const layout *l, int reserved_top)
{
    scaled under_masthead = t->area_y + reserved_top * t->pitch - t->line_gap;
    for (int k = 0; k < po->modules.n; k++) {
        const module_box *mb = &po->modules.v[k];
        scaled top = 0;
        if (mb->head_lines == 0 || !band_ink_top(po, mb, l, &top))
            continue;
        const text_line *near = NULL;
        scaled near_bottom = 0;
        for (int i = 0; i < po->list.lines.n; i++) {
            const text_line *tl = &po->list.lines.v[i];
            if (tl->article < 0 || tl->article == mb->article || !is_text_above(tl->role) ||
                tl->y >= top || tl->y < under_masthead || tl->x >= mb->x + mb->w - SCALED_ONE ||
                tl->x + tl->width <= mb->x + SCALED_ONE)
                continue;
            scaled bottom = tl->y + (scaled)(l->styles[tl->style].size * INK_BELOW);
            if (!near || bottom > near_bottom)
                near = tl, near_bottom = bottom;
        }
        if (near && top - near_bottom < t->pitch - SCALED_ONE / 2)
            add(po, (makeup_finding){MAKEUP_HEAD_SPACE, mb->article, near->article, -1, 1, mb->x,
                                     near_bottom, mb->w, top - near_bottom});
    }
}

/* The module's columns: a short column before a later one with text, and
 * lines left empty in its last one or in columns with nothing at all. */
static void find_fill(page_out *po, const template *t)
{
    for (int k = 0; k < po->modules.n; k++) {
        const module_box *mb = &po->modules.v[k];
        /* A story that jumps must fill every column here too. */
        if (!mb->empty_at_foot || (!mb->jumps && mb->overset_lines > 0))
            continue;
        scaled col_w = mb->columns > 1 ? mb->w / mb->columns : mb->w;
        int last = mb->last_column;
        for (int c = 0; c < last; c++) {
            int n = mb->empty_at_foot[c];
            if (n > 0)
                add(po, (makeup_finding){MAKEUP_SHORT_COLUMN, mb->article, -1,
                                         mb->columns == mb->col_to - mb->col_from + 1
                                             ? mb->col_from + c
                                             : -1,
                                         n, mb->x + c * col_w,
                                         t->area_y + (mb->top + mb->lines - n) * t->pitch, col_w,
                                         n * t->pitch});
        }
        if (mb->jumps)
            continue;
        /* The story's end: its last column, and columns it never reached. */
        int empty = 0, deepest = 0;
        for (int c = MAX(last, 0); c < mb->columns; c++) {
            empty += mb->empty_at_foot[c];
            deepest = MAX(deepest, mb->empty_at_foot[c]);
        }
        bool bare = false;
        for (int c = last + 1; c < mb->columns; c++)
            bare |= mb->empty_at_foot[c] > 0;
        if ((last >= 0 && mb->empty_at_foot[last] >= MAKEUP_SHORT_LAST_COLUMN) || bare) {
            int c = MAX(last, 0);
            add(po, (makeup_finding){MAKEUP_UNDERSET, mb->article, -1, -1, empty,
                                     mb->x + c * col_w,
                                     t->area_y + (mb->top + mb->lines - deepest) * t->pitch,
                                     mb->x + mb->w - (mb->x + c * col_w), deepest * t->pitch});
        }
    }
}

/* Grid lines of the type area (below `reserved_top`, but in the ear's
 * columns from the top when the masthead has an ear) in no module. */
static void find_page_holes(page_out *po, const template *t, int reserved_top)
{
    int ear_from = reserved_top > 0 ? t->columns - t->masthead.ear_columns : t->columns;
    for (int col = 0; col < t->columns; col++) {
        int from = -1;
        for (int line = col >= ear_from ? 0 : reserved_top; line <= t->lines; line++) {
            bool covered = line == t->lines;
            for (int k = 0; k < po->modules.n && !covered; k++) {
                const module_box *mb = &po->modules.v[k];
                covered = col >= mb->col_from && col <= mb->col_to && line >= mb->top &&
                          line < mb->top + mb->lines;
            }
            if (!covered && from < 0)
                from = line;
            if (covered && from >= 0) {
                add(po, (makeup_finding){MAKEUP_PAGE_HOLE, -1, -1, col, line - from,
                                         template_column_x(t, col), t->area_y + from * t->pitch,
                                         t->col_w, (line - from) * t->pitch});
                from = -1;
            }
        }
    }
}

/* The placement a module stands for, and its article's headline band in
 * styles[3] when it sets one (a continuation repeats the headline alone). */
static const placement *band_of(const page_spec *ps, const layout *l, const module_box *mb,
                                int styles[3])
{
    const placement *pl = &ps->placements[mb->placement];
    if (mb->head_lines == 0 || pl->continued)
        return NULL;
    band_styles(l, pl->article, pl, styles);
    return pl;
}

/* A kicker's or subtitle's size beyond what the headline's style allows
 * beside it (band-ratio): the band reads from its largest part down. */
static bool too_large(const layout *l, int part, int head)
{
    const style *hs = &l->styles[head];
    return (double)l->styles[part].size > hs->band_ratio * hs->size + 1;
}

/* MU-6: bands whose kicker or subtitle outgrows the headline. */
static void find_hierarchy(page_out *po, const page_spec *ps, const layout *l, const template *t)
{
    for (int k = 0; k < po->modules.n; k++) {
        const module_box *mb = &po->modules.v[k];
        int st[3];
        const placement *pl = band_of(ps, l, mb, st);
        if (!pl || !((pl->article->kicker.text && too_large(l, st[0], st[1])) ||
                     (pl->article->subtitle.text && too_large(l, st[2], st[1]))))
            continue;
        add(po, (makeup_finding){MAKEUP_HIERARCHY, mb->article, -1, -1, mb->head_lines, mb->x,
                                 t->area_y + mb->head_top * t->pitch, mb->w,
                                 mb->head_lines * t->pitch});
    }
}

/* MU-8: on a page under the masthead, a headline as large as the paper's
 * name (its type size, or its logotype's height) or larger. */
static void find_masthead(page_out *po, const page_spec *ps, const layout *l, const template *t)
{
    scaled name = po->masthead_name;
    for (int k = 0; k < po->modules.n; k++) {
        const module_box *mb = &po->modules.v[k];
        int st[3];
        if (!band_of(ps, l, mb, st) || l->styles[st[1]].size < name)
            continue;
        add(po, (makeup_finding){MAKEUP_MASTHEAD, mb->article, -1, -1, mb->head_lines, mb->x,
                                 t->area_y + mb->head_top * t->pitch, mb->w,
                                 mb->head_lines * t->pitch});
    }
}

void makeup_find(page_out *po, const page_spec *ps, const layout *l, int reserved_top)
{
    const template *t = &l->templates[ps->template_index];
    po->findings.n = 0;
    find_collisions(po, t);
    find_head_space(po, t, l, reserved_top);
    find_fill(po, t);
    find_page_holes(po, t, reserved_top);
    find_hierarchy(po, ps, l, t);
    if (po->masthead_name > 0)
        find_masthead(po, ps, l, t);
}

/* The module of article a on the page (its first). */
static const module_box *module_of(const page_out *po, int a)
{
    for (int k = 0; k < po->modules.n; k++)
        if (po->modules.v[k].article == a)
            return &po->modules.v[k];
    return NULL;
}

static const char *article_id(const edition *e, int a)
{
    return a >= 0 && a < e->article_count ? e->articles[a]->id : "";
}

/* Where a finding is told: the placement of its article on that page. */
static src_loc finding_loc(const page_out *po, const edition *e, const makeup_finding *f)
{
    const page_spec *ps = &e->pages[po->index];
    for (int k = 0; k < po->modules.n; k++)
        if (po->modules.v[k].article == f->article && f->article >= 0)
            return ps->placements[po->modules.v[k].placement].loc;
    return ps->loc;
}

/* "the kicker (kicker, 22.0 pt)" and/or "the subtitle (…)" of pl's band,
 * in styles st, that outgrow its headline (MU-6), into buf. */
static void oversized_parts(const layout *l, const placement *pl, const int st[3], char *buf,
                            size_t size)
{
    const span *parts[3] = {&pl->article->kicker, NULL, &pl->article->subtitle};
    const char *names[3] = {"kicker", NULL, "subtitle"};
    buf[0] = 0;
    for (int i = 0; i < 3; i += 2)
        if (parts[i]->text && too_large(l, st[i], st[1]))
            snprintf(buf + strlen(buf), size - strlen(buf), "%sthe %s (%s, %.1f pt)",
                     buf[0] ? " and " : "", names[i], l->styles[st[i]].name,
                     pt_from_scaled(l->styles[st[i]].size));
}

static void warn(diag *d, const page_out *po, const edition *e, const layout *l,
                 const makeup_finding *f)
{
    const char *a = article_id(e, f->article), *b = article_id(e, f->other);
    src_loc loc = finding_loc(po, e, f);
    const char *kind = makeup_kind_name(f->kind);
    switch (f->kind) {
    case MAKEUP_COLLISION:
        diag_warn(d, loc, kind,
                  "on page %s the headlines of \"%s\" and \"%s\" stand side by side in %d grid "
                  "line%s; move one module's top so they are staggered",
                  po->label, a, b, f->lines, f->lines == 1 ? "" : "s");
        break;
    case MAKEUP_HEAD_SPACE:
        diag_warn(d, loc, kind,
                  "on page %s the headline of \"%s\" stands less than a grid line under \"%s\"; "
                  "leave a line of white above it (make-up: head-space)",
                  po->label, a, b);
        break;
    case MAKEUP_SHORT_COLUMN:
        diag_warn(d, loc, kind,
                  "on page %s a column of \"%s\" ends %d line%s short of its module's foot "
                  "while a later column holds text",
                  po->label, a, f->lines, f->lines == 1 ? "" : "s");
        break;
    case MAKEUP_UNDERSET:
        diag_warn(d, loc, kind,
                  "on page %s \"%s\" leaves %d grid line%s of its module empty; add text, or give "
                  "the module fewer lines or columns",
                  po->label, a, f->lines, f->lines == 1 ? "" : "s");
        break;
    case MAKEUP_SEPARATION:
        diag_warn(d, loc, kind,
                  "on page %s \"%s\" and \"%s\" meet with nothing between them but a bare "
                  "gutter; give the template a story rule (make-up: story-rule)",
                  po->label, a, b);
        break;
    case MAKEUP_PAGE_HOLE:
        diag_warn(d, loc, kind,
                  "on page %s grid column %d has %d grid line%s no module covers; extend a "
                  "module or place another there",
                  po->label, f->column + 1, f->lines, f->lines == 1 ? "" : "s");
        break;
    case MAKEUP_HIERARCHY: {
        char parts[256];
        int st[3];
        const module_box *mb = module_of(po, f->article);
        const placement *pl = mb ? band_of(&e->pages[po->index], l, mb, st) : NULL;
        if (!pl)
            break;
        oversized_parts(l, pl, st, parts, sizeof parts);
        const style *hs = &l->styles[st[1]];
        diag_warn(d, loc, kind,
                  "on page %s %s of \"%s\" outgrow%s its headline (%s, %.1f pt): beside it they "
                  "may be %.0f%% of its size; name smaller styles (kicker-style, subtitle-style) "
                  "here or in the headline's style",
                  po->label, parts, a, strstr(parts, " and ") ? "" : "s", hs->name,
                  pt_from_scaled(hs->size), hs->band_ratio * 100);
        break;
    }
    case MAKEUP_MASTHEAD: {
        int st[3];
        const module_box *mb = module_of(po, f->article);
        if (!mb || !band_of(&e->pages[po->index], l, mb, st))
            break;
        diag_warn(d, loc, kind,
                  "on page %s the headline of \"%s\" (%s, %.1f pt) is as large as the paper's "
                  "name in the masthead (%.1f pt) or larger; the masthead must dominate the page: "
                  "give the headline a smaller style or the masthead a larger name-style",
                  po->label, a, l->styles[st[1]].name, pt_from_scaled(l->styles[st[1]].size),
                  pt_from_scaled(po->masthead_name));
        break;
    }
    }
}

void makeup_check(page_out *po, int p, const edition *e, const layout *l, diag *d)
{
    const template *t = &l->templates[e->pages[p].template_index];
    makeup_find(po, &e->pages[p], l, grid_masthead_lines(e, t, p));
    for (int i = 0; i < po->findings.n; i++)
        warn(d, po, e, l, &po->findings.v[i]);
}

long makeup_weight(makeup_kind kind)
{
    static const long weight[] = {
        [MAKEUP_COLLISION] = 400,  [MAKEUP_HEAD_SPACE] = 200,  [MAKEUP_SHORT_COLUMN] = 60,
        [MAKEUP_UNDERSET] = 20,    [MAKEUP_SEPARATION] = 200,  [MAKEUP_PAGE_HOLE] = 400,
        /* Sizes of styles: no move mends them. */
        [MAKEUP_HIERARCHY] = 0,    [MAKEUP_MASTHEAD] = 0,
    };
    return weight[kind];
}

long makeup_cost(const page_out *po)
{
    long cost = 0;
    for (int k = 0; k < po->modules.n; k++)
        cost += 1000L * po->modules.v[k].overset_lines;
    for (int i = 0; i < po->findings.n; i++) {
        const makeup_finding *f = &po->findings.v[i];
        cost += makeup_weight(f->kind) * (f->kind == MAKEUP_COLLISION ? 1 : MAX(f->lines, 1));
    }
    return cost;
}
