/* diff.c — compare two builds page by page, article by article. */
#include "desk/diff.h"

#include "base/strbuf.h"
#include "desk/dump.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *article_id(const edition *e, int index)
{
    return index >= 0 ? e->articles[index]->id : "";
}

/* Lines of article `id` on a page, in placed order. */
static int lines_of(const page_out *po, const edition *e, const char *id, const text_line ***out)
{
    const text_line **v = xmalloc(sizeof(*v) * (size_t)(po->list.lines.n + 1));
    int n = 0;
    for (int i = 0; i < po->list.lines.n; i++) {
        const text_line *tl = &po->list.lines.v[i];
        if (strcmp(article_id(e, tl->article), id) == 0)
            v[n++] = tl;
    }
    *out = v;
    return n;
}

static bool same_line(const text_line *a, const text_line *b)
{
    return a->role == b->role && strcmp(a->text, b->text) == 0;
}

static bool same_place(const text_line *a, const text_line *b)
{
    return a->x == b->x && a->y == b->y;
}

static void where(strbuf *b, const text_line *tl)
{
    if (tl->grid_line >= 0)
        sb_printf(b, "column %d line %d", tl->column + 1, tl->grid_line + 1);
    else
        sb_printf(b, "%s at y %.1f pt", line_role_name(tl->role), pt_from_scaled(tl->y));
}

static int module_overset(const page_out *po, const edition *e, const char *id, bool *present)
{
    int n = 0;
    *present = false;
    for (int k = 0; k < po->modules.n; k++)
        if (strcmp(article_id(e, po->modules.v[k].article), id) == 0) {
            n += po->modules.v[k].overset_lines;
            *present = true;
        }
    return n;
}

static const char *jump_of(const edition *e, int page, const char *id)
{
    const page_spec *ps = &e->pages[page];
    for (int k = 0; k < ps->placement_count; k++) {
        const placement *pl = &ps->placements[k];
        if (strcmp(pl->article->id, id) == 0 && pl->continue_page >= 0)
            return e->pages[pl->continue_page].label;
    }
    return NULL;
}

/* The report as it is built: the page lines go to all three forms, an
 * article's counts to the summary and the full list, each line that
 * changed to the full list alone. */
typedef struct diff_out {
    strbuf brief, stat, verbose;
} diff_out;

static void page_line(diff_out *o, bool changed, const char *label, const char *name,
                      const char *what)
{
    strbuf *forms[3] = {&o->brief, &o->stat, &o->verbose};
    for (int f = changed ? 0 : 1; f < 3; f++)
        sb_printf(forms[f], "%s %s: %s\n", label, name ? name : "", what);
}

static void article_line(diff_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void article_line(diff_out *o, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sb_printf(&o->stat, "%s", line);
    sb_printf(&o->verbose, "%s", line);
}

/* Align old and new lines of one article on one page and report. */
static void diff_article(diff_result *res, diff_out *o, int page, const char *id,
                         const text_line **ol, int on, const text_line **nl, int nn)
{
    /* Longest common subsequence of the line texts. */
    int *t = xcalloc((size_t)(on + 1) * (size_t)(nn + 1), sizeof(int));
#define T(i, j) t[(size_t)(i) * (size_t)(nn + 1) + (size_t)(j)]
    for (int i = on - 1; i >= 0; i--)
        for (int j = nn - 1; j >= 0; j--)
            T(i, j) = same_line(ol[i], nl[j]) ? T(i + 1, j + 1) + 1 : MAX(T(i + 1, j), T(i, j + 1));
    int count[3] = {0};
    strbuf detail = {0};
    int i = 0, j = 0;
    while (i < on || j < nn) {
        line_change ch = {.page = page};
        if (i < on && j < nn && same_line(ol[i], nl[j])) {
            if (same_place(ol[i], nl[j])) {
                i++, j++;
                continue;
            }
            ch = (line_change){CHANGE_MOVED, page, ol[i], nl[j]};
            sb_printf(&detail, "    moved     ");
            where(&detail, ol[i]);
            sb_printf(&detail, " → ");
            where(&detail, nl[j]);
            sb_printf(&detail, "  「%s」\n", nl[j]->text);
            i++, j++;
        } else if (j < nn && (i >= on || T(i, j + 1) >= T(i + 1, j))) {
            ch = (line_change){CHANGE_REFLOWED, page, NULL, nl[j]};
            sb_printf(&detail, "    reflowed  ");
            where(&detail, nl[j]);
            sb_printf(&detail, "  「%s」\n", nl[j]->text);
            j++;
        } else {
            ch = (line_change){CHANGE_REMOVED, page, ol[i], NULL};
            sb_printf(&detail, "    removed   ");
            where(&detail, ol[i]);
            sb_printf(&detail, "  「%s」\n", ol[i]->text);
            i++;
        }
        count[ch.kind]++;
        *VEC_PUSH(res->changes) = ch;
    }
#undef T
    free(t);
    if (count[CHANGE_MOVED] || count[CHANGE_REFLOWED] || count[CHANGE_REMOVED]) {
        article_line(o, "  %s: %d line%s moved, %d reflowed, %d removed\n", id,
                     count[CHANGE_MOVED], count[CHANGE_MOVED] == 1 ? "" : "s",
                     count[CHANGE_REFLOWED], count[CHANGE_REMOVED]);
        if (detail.n)
            sb_printf(&o->verbose, "%.*s", detail.n, detail.v);
        res->changed = true;
        res->articles_changed++;
        for (int k = 0; k < 3; k++)
            res->lines[k] += count[k];
    }
    VEC_FREE(detail);
}

/* The articles of one changed page, old version q against new version p. */
static void diff_page(diff_result *res, diff_out *o, const page_out *op, const edition *old_ed,
                      int q, const page_out *np, const edition *new_ed, int p)
{
    /* Every article on either version of the page. */
    const char *ids[256];
    int nids = 0;
    for (int side = 0; side < 2; side++) {
        const page_out *po = side ? np : op;
        const edition *e = side ? new_ed : old_ed;
        for (int k = 0; k < po->modules.n && nids < 256; k++) {
            const char *id = article_id(e, po->modules.v[k].article);
            bool seen = false;
            for (int m = 0; m < nids; m++)
                seen |= strcmp(ids[m], id) == 0;
            if (!seen)
                ids[nids++] = id;
        }
    }
    int mark = o->stat.n;
    for (int k = 0; k < nids; k++) {
        const text_line **ol, **nl;
        int on = lines_of(op, old_ed, ids[k], &ol);
        int nn = lines_of(np, new_ed, ids[k], &nl);
        diff_article(res, o, p, ids[k], ol, on, nl, nn);
        free(ol);
        free(nl);
        bool had, has;
        int was = module_overset(op, old_ed, ids[k], &had);
        int now = module_overset(np, new_ed, ids[k], &has);
        if (!had && has)
            article_line(o, "  %s: placed on this page\n", ids[k]);
        else if (had && !has)
            article_line(o, "  %s: no longer on this page\n", ids[k]);
        if (now > 0 && was == 0)
            article_line(o, "  %s: overset, %d lines do not fit\n", ids[k], now);
        else if (now == 0 && was > 0)
            article_line(o, "  %s: overset cleared (was %d lines)\n", ids[k], was);
        else if (now != was)
            article_line(o, "  %s: overset now %d lines (was %d)\n", ids[k], now, was);
        const char *jo = jump_of(old_ed, q, ids[k]), *jn = jump_of(new_ed, p, ids[k]);
        if ((jo || jn) && (!jo || !jn || strcmp(jo, jn) != 0))
            article_line(o, "  %s: continues on %s (was %s)\n", ids[k], jn ? jn : "no page",
                         jo ? jo : "no page");
    }
    if (o->stat.n == mark)
        article_line(o, "  furniture or frames changed\n");
}

/* The last line: pages, then articles and lines when any changed. */
static void totals(const diff_result *res, diff_out *o)
{
    char line[256];
    int n = snprintf(line, sizeof line, "%d page%s changed, %d unchanged", res->pages_changed,
                     res->pages_changed == 1 ? "" : "s", res->pages_unchanged);
    if (res->articles_changed)
        snprintf(line + n, sizeof line - (size_t)n,
                 "; %d article%s: %d line%s moved, %d reflowed, %d removed",
                 res->articles_changed, res->articles_changed == 1 ? "" : "s",
                 res->lines[CHANGE_MOVED], res->lines[CHANGE_MOVED] == 1 ? "" : "s",
                 res->lines[CHANGE_REFLOWED], res->lines[CHANGE_REMOVED]);
    article_line(o, "%s\n", line);
}

void diff_editions(const edition_out *old_out, const edition *old_ed, const layout *old_l,
                   const edition_out *new_out, const edition *new_ed, const layout *new_l,
                   diff_result *res)
{
    memset(res, 0, sizeof *res);
    diff_out o = {0};
    for (int p = 0; p < new_out->page_count; p++) {
        const page_out *np = &new_out->pages[p];
        int q = -1;
        for (int k = 0; k < old_out->page_count; k++)
            if (strcmp(old_out->pages[k].label, np->label) == 0)
                q = k;
        if (q < 0) {
            page_line(&o, true, np->label, np->name, "new page");
            res->pages_changed++;
            res->changed = true;
            continue;
        }
        const page_out *op = &old_out->pages[q];
        char *oj = dump_page_json(op, 0, old_ed, old_l);
        char *nj = dump_page_json(np, 0, new_ed, new_l);
        bool same = strcmp(oj, nj) == 0;
        free(oj);
        free(nj);
        page_line(&o, !same, np->label, np->name, same ? "unchanged" : "changed");
        if (same) {
            res->pages_unchanged++;
            continue;
        }
        res->pages_changed++;
        res->changed = true;
        diff_page(res, &o, op, old_ed, q, np, new_ed, p);
    }
    for (int k = 0; k < old_out->page_count; k++) {
        bool found = false;
        for (int p = 0; p < new_out->page_count; p++)
            found |= strcmp(old_out->pages[k].label, new_out->pages[p].label) == 0;
        if (!found) {
            page_line(&o, true, old_out->pages[k].label, old_out->pages[k].name, "page removed");
            res->pages_changed++;
            res->changed = true;
        }
    }
    totals(res, &o);
    res->brief = sb_take(&o.brief);
    res->text = sb_take(&o.stat);
    res->verbose = sb_take(&o.verbose);
}

void diff_free(diff_result *res)
{
    VEC_FREE(res->changes);
    free(res->brief);
    free(res->text);
    free(res->verbose);
    memset(res, 0, sizeof *res);
}

void diff_mark(const diff_result *res, edition_out *new_out, const layout *l)
{
    /* Marks go under everything on the page, so the text stays legible. */
    static const double yellow[4] = {0, 0, 0.55, 0}, orange[4] = {0, 0.45, 0.85, 0},
                        red[4] = {0, 0.95, 0.85, 0};
    for (int i = 0; i < res->changes.n; i++) {
        const line_change *ch = &res->changes.v[i];
        page_out *po = &new_out->pages[ch->page];
        const text_line *tl = ch->kind == CHANGE_REMOVED ? ch->old_line : ch->new_line;
        /* The line's em box, a little taller, from its style's size. */
        scaled size = tl->style >= 0 && tl->style < l->style_count ? l->styles[tl->style].size
                                                                   : scaled_from_pt(9);
        scaled h = size * 6 / 5, top = tl->y - size * 19 / 20;
        draw_list mark = {0};
        if (ch->kind == CHANGE_REMOVED)
            draw_mark_rect(&mark, tl->x, top, tl->width, h, red, false, scaled_from_pt(0.8));
        else
            draw_mark_rect(&mark, tl->x, top, tl->width, h,
                           ch->kind == CHANGE_MOVED ? yellow : orange, true, 0);
        VEC_GROW(po->list.ops, po->list.ops.n + 1);
        memmove(po->list.ops.v + 1, po->list.ops.v, sizeof(draw_op) * (size_t)po->list.ops.n);
        po->list.ops.v[0] = mark.ops.v[0];
        po->list.ops.n++;
        draw_list_free(&mark);
    }
}
