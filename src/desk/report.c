/* report.c — the layout report. */
#include "desk/report.h"

#include "base/strbuf.h"
#include "desk/dump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_locate(const edition *e, src_loc loc, int *page, int *article_index)
{
    *page = *article_index = -1;
    if (!loc.file)
        return;
    /* A warning about a module (overset, jump) names its placement in the
     * edition file: that placement gives both the page and the article. */
    for (int p = 0; p < e->page_count; p++)
        for (int k = 0; k < e->pages[p].placement_count; k++) {
            const placement *pl = &e->pages[p].placements[k];
            if (pl->loc.file && pl->loc.line == loc.line && strcmp(pl->loc.file, loc.file) == 0) {
                *page = p;
                for (int a = 0; a < e->article_count; a++)
                    if (e->articles[a] == pl->article)
                        *article_index = a;
                return;
            }
        }
    for (int a = 0; a < e->article_count; a++) {
        if (strcmp(e->articles[a]->file, loc.file) != 0)
            continue;
        *article_index = a;
        for (int p = 0; p < e->page_count && *page < 0; p++)
            for (int k = 0; k < e->pages[p].placement_count; k++)
                if (e->pages[p].placements[k].article == e->articles[a]) {
                    *page = p;
                    break;
                }
        return;
    }
}

/* The page that holds the line a line warning quotes: a paragraph carried
 * over to another page has lines on both.  The warning names where the
 * line begins in the file, the line where its paragraph does: the file
 * and the quoted text tell them apart. */
static int warned_line_page(const edition_out *eo, const diag_msg *m)
{
    if (!m->loc.file)
        return -1;
    for (int p = 0; p < eo->page_count; p++)
        for (int i = 0; i < eo->pages[p].list.lines.n; i++) {
            const text_line *tl = &eo->pages[p].list.lines.v[i];
            if (!(tl->flags & LINE_WARNED) || !tl->loc.file || strcmp(tl->loc.file, m->loc.file))
                continue;
            char *quoted = xasprintf("the line \"%s\" ", tl->text);
            bool same = strstr(m->text, quoted) != NULL;
            free(quoted);
            if (same)
                return p;
        }
    return -1;
}

/* Warnings counted by kind, "loose-line 2, missing-glyph 1". */
static void kinds(const diag *d, strbuf *b)
{
    const char **kind;
    int *count;
    int k = diag_warning_kinds(d, &kind, &count);
    for (int j = 0; j < k; j++)
        sb_printf(b, "%s%s %d", j ? ", " : "", kind[j], count[j]);
    free(kind);
    free(count);
}

char *report_summary(const edition_out *eo, const edition *e, const diag *d)
{
    strbuf b = {0};
    int articles = 0;
    for (int p = 0; p < eo->page_count; p++)
        articles += eo->pages[p].modules.n;
    sb_printf(&b, "%d page%s, %d article module%s; overset: ", eo->page_count,
        eo->page_count == 1 ? "" : "s", articles, articles == 1 ? "" : "s");
    if (eo->overset_lines == 0) {
        sb_printf(&b, "none");
    } else {
        bool first = true;
        for (int p = 0; p < eo->page_count; p++)
            for (int k = 0; k < eo->pages[p].modules.n; k++) {
                const module_box *mb = &eo->pages[p].modules.v[k];
                if (mb->overset_lines > 0) {
                    sb_printf(&b, "%s%s %s +%d lines", first ? "" : "; ", eo->pages[p].label,
                        mb->article >= 0 ? e->articles[mb->article]->id : "?", mb->overset_lines);
                    first = false;
                }
            }
    }
    int w = diag_warning_count(d);
    sb_printf(&b, "; warnings: %d", w);
    if (w) {
        sb_printf(&b, " (");
        kinds(d, &b);
        sb_printf(&b, ")");
    }
    return sb_take(&b);
}

/* What did not fit, how much of it, and what would hold it all. */
static void put_overset(strbuf *b, const module_box *mb)
{
    sb_printf(b, ", \"overset_chars\": %d, \"overset_text\": ", mb->overset_chars);
    sb_json(b, mb->overset_text ? mb->overset_text : "");
    sb_printf(b, ", \"fits\": {\"lines\": ");
    if (mb->fit_lines > 0)
        sb_printf(b, "%d", mb->fit_lines);
    else
        sb_printf(b, "null");
    if (mb->fit_col_from >= 0)
        sb_printf(b, ", \"columns\": [%d, %d]}", mb->fit_col_from + 1, mb->fit_col_to + 1);
    else
        sb_printf(b, ", \"columns\": null}");
}

/* Every placed photo as the PDF holds it: its resolution on the page and
 * what was done to it for the press. */
static void put_photos(strbuf *b, const pdf_stats *ps)
{
    sb_printf(b, "  \"photos\": [\n");
    for (int i = 0; i < ps->photos.n; i++) {
        const pdf_photo_report *r = &ps->photos.v[i];
        sb_printf(b, "    {\"article\": ");
        sb_json(b, r->article);
        sb_printf(b, ", \"file\": ");
        sb_json(b, r->file);
        bool downsampled = r->embedded_ppi < r->ppi - 0.5;
        sb_printf(b, ", \"pixels\": [%d, %d], \"printed_mm\": [%.1f, %.1f], \"ppi\": %.0f, "
                     "\"embedded_ppi\": %.0f, \"resolution\": \"%s\", \"colour\": ",
                  r->width, r->height, r->printed_w, r->printed_h, r->ppi, r->embedded_ppi,
                  r->low_resolution ? "low" : downsampled ? "downsampled" : "ok");
        sb_json(b, r->colour);
        if (r->quality > 0)
            sb_printf(b, ", \"jpeg_quality\": %d, \"bytes\": %ld", r->quality, r->bytes);
        sb_printf(b, "}%s\n", i + 1 < ps->photos.n ? "," : "");
    }
    sb_printf(b, "  ],\n");
}

char *report_json(const edition_out *eo, const edition *e, const layout *l, const diag *d,
                  const pdf_stats *ps)
{
    (void)l;
    strbuf b = {0};
    char *summary = report_summary(eo, e, d);
    sb_printf(&b, "{\n  \"edition\": ");
    sb_json(&b, e->dir);
    sb_printf(&b, ",\n  \"date\": \"%04d-%02d-%02d\",\n  \"summary\": ", e->year, e->month, e->day);
    sb_json(&b, summary);
    free(summary);
    sb_printf(&b, ",\n  \"overset_lines\": %d,\n  \"warning_count\": %d,\n  \"pages\": [\n",
        eo->overset_lines, diag_warning_count(d));
    int n;
    const diag_msg *msgs = diag_messages(d, &n);
    for (int p = 0; p < eo->page_count; p++) {
        const page_out *po = &eo->pages[p];
        sb_printf(&b, "    {\"page\": ");
        sb_json(&b, po->label);
        sb_printf(&b, ", \"name\": ");
        sb_json(&b, po->name ? po->name : "");
        sb_printf(&b, ", \"articles\": [\n");
        for (int k = 0; k < po->modules.n; k++) {
            const module_box *mb = &po->modules.v[k];
            int lines = 0, body = 0, loose = 0, tight = 0, emergency = 0;
            for (int i = 0; i < po->list.lines.n; i++) {
                const text_line *tl = &po->list.lines.v[i];
                if (tl->article != mb->article || tl->y < mb->y || tl->y > mb->y + mb->h + 1)
                    continue;
                lines++;
                body += tl->role == ROLE_BODY;
                loose += (tl->flags & LINE_LOOSE) != 0;
                tight += (tl->flags & (LINE_TIGHT | LINE_OVERFULL)) != 0;
                emergency += (tl->flags & LINE_EMERGENCY) != 0;
            }
            const placement *pl = NULL;
            for (int q = 0; q < e->pages[p].placement_count; q++)
                if (mb->article >= 0 && e->pages[p].placements[q].article == e->articles[mb->article])
                    pl = &e->pages[p].placements[q];
            sb_printf(&b, "      {\"article\": ");
            sb_json(&b, mb->article >= 0 ? e->articles[mb->article]->id : "");
            sb_printf(&b, ", \"file\": ");
            sb_json(&b, mb->article >= 0 ? e->articles[mb->article]->file : "");
            sb_printf(&b, ", \"columns\": [%d, %d], \"top\": %d, \"lines\": %d, \"text_lines\": %d, "
                    "\"body_lines\": %d, \"loose_lines\": %d, \"tight_lines\": %d, "
                    "\"rule_broken_lines\": %d, \"overset\": %d",
                mb->col_from + 1, mb->col_to + 1, mb->top + 1, mb->lines, lines, body, loose,
                tight, emergency, mb->overset_lines);
            if (mb->overset_lines > 0)
                put_overset(&b, mb);
            if (pl && pl->continue_page >= 0) {
                sb_printf(&b, ", \"continues_on\": ");
                sb_json(&b, e->pages[pl->continue_page].label);
            }
            if (pl && pl->continued)
                sb_printf(&b, ", \"continued\": true");
            dump_module_fill(&b, mb);
            sb_printf(&b, "}%s\n", k + 1 < po->modules.n ? "," : "");
        }
        sb_printf(&b, "    ], \"findings\": [");
        for (int i = 0; i < po->findings.n; i++) {
            sb_printf(&b, "%s\n      ", i ? "," : "");
            dump_finding(&b, &po->findings.v[i], e);
        }
        sb_printf(&b, "%s]}%s\n", po->findings.n ? "\n    " : "", p + 1 < eo->page_count ? "," : "");
    }
    sb_printf(&b, "  ],\n");
    if (ps)
        put_photos(&b, ps);
    sb_printf(&b, "  \"warnings\": [\n");
    bool first = true;
    for (int i = 0; i < n; i++) {
        const diag_msg *m = &msgs[i];
        if (m->severity != DIAG_WARNING)
            continue;
        int page, art;
        report_locate(e, m->loc, &page, &art);
        int line_page = warned_line_page(eo, m);
        if (line_page >= 0)
            page = line_page;
        char where[512];
        sb_printf(&b, "%s    {\"kind\": ", first ? "" : ",\n");
        sb_json(&b, m->kind);
        sb_printf(&b, ", \"page\": ");
        sb_json(&b, page >= 0 ? e->pages[page].label : "");
        sb_printf(&b, ", \"article\": ");
        sb_json(&b, art >= 0 ? e->articles[art]->id : "");
        sb_printf(&b, ", \"source\": ");
        sb_json(&b, m->loc.file ? diag_format_loc(m->loc, where, sizeof where) : "");
        sb_printf(&b, ", \"message\": ");
        sb_json(&b, m->text);
        sb_printf(&b, "}");
        first = false;
    }
    sb_printf(&b, "%s  ]\n}\n", first ? "" : "\n");
    return sb_take(&b);
}
