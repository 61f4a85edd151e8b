/* diff.c — compare two builds page by page, article by article. */
#include "desk/diff.h"

#include "base/strbuf.h"
#include "desk/dump.h"

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

/* Align old and new lines of one article on one page and report. */
static void diff_article(diff_result *res, strbuf *b, int page, const char *id,
                         const text_line **ol, int on, const text_line **nl, int nn)
{
    /* Longest common subsequence of the line texts. */
    int *t = xcalloc((size_t)(on + 1) * (size_t)(nn + 1), sizeof(int));
#define T(i, j) t[(size_t)(i) * (size_t)(nn + 1) + (size_t)(j)]
    for (int i = on - 1; i >= 0; i--)
        for (int j = nn - 1; j >= 0; j--)
            T(i, j) = same_line(ol[i], nl[j]) ? T(i + 1, j + 1) + 1 : MAX(T(i + 1, j), T(i, j + 1));
    int moved = 0, reflowed = 0, removed = 0;
    strbuf detail = {0};
    int i = 0, j = 0;
    while (i < on || j < nn) {
        line_change ch = {.page = page};
        if (i < on && j < nn && same_line(ol[i], nl[j])) {
            if (same_place(ol[i], nl[j])) {
                i++, j++;
                continue;
            }
            ch.kind = CHANGE_MOVED;
            ch.old_line = ol[i];
            ch.new_line = nl[j];
            moved++;
            sb_printf(&detail, "    moved     ");
            where(&detail, ol[i]);
            sb_printf(&detail, " → ");
            where(&detail, nl[j]);
            sb_printf(&detail, "  「%s」\n", nl[j]->text);
            i++, j++;
        } else if (j < nn && (i >= on || T(i, j + 1) >= T(i + 1, j))) {
            ch.kind = CHANGE_REFLOWED;
            ch.new_line = nl[j];
            reflowed++;
            sb_printf(&detail, "    reflowed  ");
            where(&detail, nl[j]);
            sb_printf(&detail, "  「%s」\n", nl[j]->text);
            j++;
        } else {
            ch.kind = CHANGE_REMOVED;
            ch.old_line = ol[i];
            removed++;
            sb_printf(&detail, "    removed   ");
            where(&detail, ol[i]);
            sb_printf(&detail, "  「%s」\n", ol[i]->text);
            i++;
        }
        *VEC_PUSH(res->changes) = ch;
    }
#undef T
    free(t);
    if (moved || reflowed || removed) {
        sb_printf(b, "  %s: %d line%s moved, %d reflowed, %d removed\n", id, moved, moved == 1 ? "" : "s",
            reflowed, removed);
        if (detail.n)
            sb_printf(b, "%.*s", detail.n, detail.v);
        res->changed = true;
    }
    VEC_FREE(detail);
}

void diff_editions(const edition_out *old_out, const edition *old_ed, const layout *old_l,
                   const edition_out *new_out, const edition *new_ed, const layout *new_l,
                   diff_result *res)
{
    memset(res, 0, sizeof *res);
    strbuf b = {0};
    for (int p = 0; p < new_out->page_count; p++) {
        const page_out *np = &new_out->pages[p];
        int q = -1;
        for (int k = 0; k < old_out->page_count; k++)
            if (strcmp(old_out->pages[k].label, np->label) == 0)
                q = k;
        if (q < 0) {
            sb_printf(&b, "%s %s: new page\n", np->label, np->name ? np->name : "");
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
        if (same) {
            sb_printf(&b, "%s %s: unchanged\n", np->label, np->name ? np->name : "");
            res->pages_unchanged++;
            continue;
        }
        sb_printf(&b, "%s %s: changed\n", np->label, np->name ? np->name : "");
        res->pages_changed++;
        res->changed = true;
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
        size_t mark = (size_t)b.n;
        for (int k = 0; k < nids; k++) {
            const text_line **ol, **nl;
            int on = lines_of(op, old_ed, ids[k], &ol);
            int nn = lines_of(np, new_ed, ids[k], &nl);
            diff_article(res, &b, p, ids[k], ol, on, nl, nn);
            free(ol);
            free(nl);
            bool had, has;
            int was = module_overset(op, old_ed, ids[k], &had);
            int now = module_overset(np, new_ed, ids[k], &has);
            if (!had && has)
                sb_printf(&b, "  %s: placed on this page\n", ids[k]);
            else if (had && !has)
                sb_printf(&b, "  %s: no longer on this page\n", ids[k]);
            if (now > 0 && was == 0)
                sb_printf(&b, "  %s: overset, %d lines do not fit\n", ids[k], now);
            else if (now == 0 && was > 0)
                sb_printf(&b, "  %s: overset cleared (was %d lines)\n", ids[k], was);
            else if (now != was)
                sb_printf(&b, "  %s: overset now %d lines (was %d)\n", ids[k], now, was);
            const char *jo = jump_of(old_ed, q, ids[k]), *jn = jump_of(new_ed, p, ids[k]);
            if ((jo || jn) && (!jo || !jn || strcmp(jo, jn) != 0))
                sb_printf(&b, "  %s: continues on %s (was %s)\n", ids[k], jn ? jn : "no page",
                    jo ? jo : "no page");
        }
        if ((size_t)b.n == mark)
            sb_printf(&b, "  furniture or frames changed\n");
    }
    for (int k = 0; k < old_out->page_count; k++) {
        bool found = false;
        for (int p = 0; p < new_out->page_count; p++)
            found |= strcmp(old_out->pages[k].label, new_out->pages[p].label) == 0;
        if (!found) {
            sb_printf(&b, "%s %s: page removed\n", old_out->pages[k].label,
                old_out->pages[k].name ? old_out->pages[k].name : "");
            res->pages_changed++;
            res->changed = true;
        }
    }
    sb_printf(&b, "%d page%s changed, %d unchanged\n", res->pages_changed,
        res->pages_changed == 1 ? "" : "s", res->pages_unchanged);
    res->text = sb_take(&b);
}

void diff_free(diff_result *res)
{
    VEC_FREE(res->changes);
    free(res->text);
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
