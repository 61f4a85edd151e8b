/* planout.c — the plan explained (--explain) and written as edition.yaml. */
#include "page/planner.h"

#include "base/files.h"
#include "base/strbuf.h"
#include "page/grid.h"

#include <stdlib.h>
#include <string.h>

void plan_explain(const planner *pl, const layout_try *lt)
{
    if (!pl->explain)
        return;
    fprintf(pl->explain, "page %s: cost %ld (make-up %ld, ranks and wishes %ld)\n", pl->ps->label,
            lt->cost + lt->penalty, lt->cost, lt->penalty);
    for (int k = 0; k < lt->n; k++) {
        const spot *s = &lt->spots[k];
        const story *st = s->story >= 0 ? pl->order[s->story] : pl->rest;
        const grid_area *a = &lt->placed->placements[k].area;
        fprintf(pl->explain, "  %-16s rank %-2d columns %d-%d top %d lines %d%s%s%s\n",
                st->article->id, s->story >= 0 ? st->rank : 0, a->col_from + 1, a->col_to + 1,
                a->top + 1, grid_area_bottom(lt->placed, a, pl->t) - a->top,
                a->top != s->top || a->lines != s->lines ? " (moved to stagger or fit)" : "",
                s->jumps ? ", jumps" : "", s->story < 0 ? ", the rest of a story" : "");
        if (s->story >= 0) {
            int from, to;
            plan_widths(pl, s->story, &from, &to);
            fprintf(pl->explain, "  %16s needs", "");
            for (int w = from; w <= to; w++) {
                int n = pl->need[s->story * (pl->columns + 1) + w];
                if (n == NO_FIT)
                    fprintf(pl->explain, " %d col: none", w);
                else if (n >= 0)
                    fprintf(pl->explain, " %d col: %d", w, n);
            }
            fprintf(pl->explain, "\n");
        }
    }
}

/* ---- writing the plan ------------------------------------------------------ */

static void put_area(strbuf *b, const char *indent, const grid_area *a, bool first_key)
{
    if (a->col_from == a->col_to)
        sb_printf(b, "%scolumns: %d\n", first_key ? "" : indent, a->col_from + 1);
    else
        sb_printf(b, "%scolumns: %d-%d\n", first_key ? "" : indent, a->col_from + 1,
                  a->col_to + 1);
    sb_printf(b, "%stop: %d\n", indent, a->top + 1);
    if (a->lines)
        sb_printf(b, "%slines: %d\n", indent, a->lines);
    else
        sb_printf(b, "%slines: fill\n", indent);
}

/* `s` as a YAML value after "key: ": as it is where it reads back so (a
 * file name, a page label), else double-quoted (a JSON string is one). */
static void put_value(strbuf *b, const char *s)
{
    size_t n = strlen(s);
    bool plain = n > 0 && !strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) && s[n - 1] != ' ' &&
                 s[n - 1] != ':';
    for (const char *c = s; plain && *c; c++)
        plain = (unsigned char)*c >= 0x20 && !(c[0] == ':' && c[1] == ' ') &&
                !(c[0] == ' ' && c[1] == '#');
    if (plain)
        sb_printf(b, "%s", s);
    else
        sb_json(b, s);
}

/* The articles: block of a planned page in place of its "stories:" key,
 * which stood `col` characters in, after `prefix` (spaces, and the "- "
 * of the page's item when the key begins it). */
static void put_placements(strbuf *b, const planner *pl, const layout_try *lt, const char *prefix,
                           int col, const edition *e)
{
    char *indent = xmalloc((size_t)col + 5);
    snprintf(indent, (size_t)col + 5, "%*s", col + 4, "");
    sb_printf(b, "%.*sarticles:                    # planned (paiban plan)\n", col, prefix);
    for (int k = 0; k < lt->n; k++) {
        const spot *s = &lt->spots[k];
        const story *st = s->story >= 0 ? pl->order[s->story] : pl->rest;
        const placement *p = &lt->placed->placements[k];
        sb_printf(b, "%*s- article: ", col + 2, "");
        put_value(b, st->given);
        if (s->story >= 0)
            sb_printf(b, "          # rank %d\n", st->rank);
        else
            sb_printf(b, "          # the rest, from %s\n", e->pages[pl->rest_from_page].label);
        if (s->ear)
            sb_printf(b, "%sarea: ear\n", indent);
        else
            put_area(b, indent, &p->area, false);
        sb_printf(b, "%splanned: true\n", indent);
        for (int i = 0; i < p->part_count; i++) {
            if (i == 0)
                sb_printf(b, "%sparts:\n", indent);
            sb_printf(b, "%s  - {", indent);
            const grid_area *a = &p->parts[i];
            sb_printf(b, "columns: %d-%d, top: %d, lines: %d}\n", a->col_from + 1, a->col_to + 1,
                      a->top + 1, a->lines);
        }
        if (p->set_columns)
            sb_printf(b, "%sset-columns: %d\n", indent, p->set_columns);
        if (p->headline_columns)
            sb_printf(b, "%sheadline-columns: %d\n", indent, p->headline_columns);
        if (p->continued)
            sb_printf(b, "%scontinued: true\n", indent);
        if (s->jumps) {
            sb_printf(b, "%scontinue-on: ", indent);
            put_value(b, e->pages[st->continue_page].label);
            sb_printf(b, "\n");
        }
        const int styles[3] = {p->kicker_style, p->headline_style, p->subtitle_style};
        const char *keys[3] = {"kicker-style", "headline-style", "subtitle-style"};
        for (int i = 0; i < 3; i++)
            if (styles[i] >= 0)
                sb_printf(b, "%s%s: %s\n", indent, keys[i], pl->l->styles[styles[i]].name);
    }
    free(indent);
}

/* Where "stories:" begins line `l` (after spaces, and after the "- " of
 * the page's item when `page_line` says the line begins the page): its
 * column, or -1 when the line holds no such key. */
static int stories_key_at(const char *l, bool page_line)
{
    int col = 0;
    while (l[col] == ' ')
        col++;
    if (page_line && l[col] == '-' && l[col + 1] == ' ')
        for (col += 2; l[col] == ' ';)
            col++;
    return strncmp(l + col, "stories:", 8) == 0 ? col : -1;
}

/* The line (from 1) of `text` that holds a page's "stories:" key, and the
 * last line of that block: the key on a line of its own between the
 * page's first line and its first story's (the same line when the stories
 * are a flow list, [{…}, …]), then down past every line indented deeper
 * than the key; *key_col, its column.  False when the page does not give
 * its stories so: the plan cannot take their place line by line, and one
 * found above the page would be another page's. */
static bool stories_block(const char *text, const page_spec *ps, int *key_line, int *last_line,
                          int *key_col)
{
    /* Index the lines. */
    int nlines = 1;
    for (const char *c = text; *c; c++)
        nlines += *c == '\n';
    const char **starts = xmalloc(sizeof(char *) * (size_t)(nlines + 1));
    int n = 0;
    starts[n++] = text;
    for (const char *c = text; *c; c++)
        if (*c == '\n')
            starts[n++] = c + 1;
    int first = ps->stories[0].loc.line, page = MAX(ps->loc.line, 1);
    int k = MIN(first, n);
    for (; k >= page; k--)
        if ((*key_col = stories_key_at(starts[k - 1], k == page)) >= 0)
            break;
    bool ok = k >= page;
    if (ok) {
        *key_line = k;
        int last = first;
        for (int m = first + 1; m <= n; m++) {
            const char *l = starts[m - 1];
            int ind = 0;
            while (l[ind] == ' ')
                ind++;
            bool blank = l[ind] == '\n' || l[ind] == '\0' || l[ind] == '#';
            if (!blank && ind <= *key_col)
                break;
            if (!blank)
                last = m;
        }
        *last_line = last;
    }
    free(starts);
    return ok;
}

char *plan_rewrite(const edition *e, const layout_try *tries, const planner *per_page,
                     const bool *planned, diag *d)
{
    char *text;
    size_t len;
    if (!files_read(e->files, e->file, 1 << 22, &text, &len)) {
        diag_error(d, (src_loc){e->file, 0, 0}, "cannot read %s again to write the plan",
                   e->file);
        return NULL;
    }
    /* Blocks by line: replace from the last page up, so that lines above
     * keep their numbers. */
    strbuf out = {0};
    int *from = xcalloc((size_t)e->page_count + 1, sizeof(int));
    int *to = xcalloc((size_t)e->page_count + 1, sizeof(int));
    int *col = xcalloc((size_t)e->page_count + 1, sizeof(int));
    bool ok = true;
    for (int p = 0; p < e->page_count; p++)
        if (planned[p] && !stories_block(text, &e->pages[p], &from[p], &to[p], &col[p]))
            ok = diag_error(d, e->pages[p].loc,
                            "cannot find the stories of page %s in %s to put the plan in their "
                            "place: write \"stories:\" on a line of its own in the page",
                            e->pages[p].label, e->file);
    int line = 1;
    const char *c = text;
    while (ok && *c) {
        int page = -1;
        for (int p = 0; p < e->page_count; p++)
            if (planned[p] && from[p] == line)
                page = p;
        if (page >= 0) {
            put_placements(&out, &per_page[page], &tries[page], c, col[page], e);
            while (*c && line <= to[page]) {
                const char *nl = strchr(c, '\n');
                c = nl ? nl + 1 : c + strlen(c);
                line++;
            }
            continue;
        }
        const char *nl = strchr(c, '\n');
        size_t n = nl ? (size_t)(nl - c + 1) : strlen(c);
        sb_printf(&out, "%.*s", (int)n, c);
        c += n;
        line++;
    }
    free(from);
    free(to);
    free(col);
    free(text);
    if (!ok) {
        free(sb_take(&out));
        return NULL;
    }
    return sb_take(&out);
}
