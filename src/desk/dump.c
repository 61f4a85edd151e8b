/* dump.c — the JSON layout dump. */
#include "desk/dump.h"

#include "base/strbuf.h"

#include <stdlib.h>
#include <string.h>

static void put_pt(strbuf *b, scaled v) { sb_printf(b, "%.3f", pt_from_scaled(v)); }

static void put_flags(strbuf *b, const text_line *tl)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{LINE_FIRST, "first"},    {LINE_LAST, "last"},         {LINE_FORCED, "forced"},
                 {LINE_LOOSE, "loose"},    {LINE_TIGHT, "tight"},       {LINE_OVERFULL, "overfull"},
                 {LINE_EMERGENCY, "emergency-break"}};
    sb_printf(b, "[");
    const char *sep = "";
    for (size_t i = 0; i < countof(names); i++) {
        if (tl->flags & names[i].bit) {
            sb_printf(b, "%s\"%s\"", sep, names[i].name);
            sep = ", ";
        }
    }
    if (tl->repeat)
        sb_printf(b, "%s\"repeat\"", sep);
    sb_printf(b, "]");
}

/* Where a line came from, named from the edition folder (its articles)
 * or as layout/… (templates and styles): two copies of an edition, in
 * two places, dump alike. */
static void put_source(strbuf *b, src_loc loc, const edition *e, const layout *l)
{
    if (!loc.file) {
        sb_json(b, "");
        return;
    }
    src_loc rel = loc;
    char *named = NULL;
    size_t n = strlen(e->dir);
    size_t m = strlen(l->dir);
    if (strncmp(loc.file, e->dir, n) == 0 && loc.file[n] == '/')
        rel.file = loc.file + n + 1;
    else if (strncmp(loc.file, l->dir, m) == 0 && loc.file[m] == '/')
        rel.file = named = xasprintf("layout/%s", loc.file + m + 1);
    char where[512];
    sb_json(b, diag_format_loc(rel, where, sizeof where));
    free(named);
}

void dump_module_fill(strbuf *b, const module_box *mb)
{
    if (mb->head_lines > 0)
        sb_printf(b, ", \"head\": [%d, %d]", mb->head_top + 1, mb->head_lines);
    else
        sb_printf(b, ", \"head\": null");
    sb_printf(b, ", \"white\": %d, \"empty\": [", mb->white_lines);
    for (int c = 0; mb->empty_at_foot && c < mb->columns; c++)
        sb_printf(b, "%s%d", c ? ", " : "", mb->empty_at_foot[c]);
    sb_printf(b, "]");
}

void dump_finding(strbuf *b, const makeup_finding *f, const edition *e)
{
    sb_printf(b, "{\"kind\": ");
    sb_json(b, makeup_kind_name(f->kind));
    sb_printf(b, ", \"articles\": [");
    if (f->article >= 0)
        sb_json(b, e->articles[f->article]->id);
    if (f->other >= 0) {
        sb_printf(b, f->article >= 0 ? ", " : "");
        sb_json(b, e->articles[f->other]->id);
    }
    sb_printf(b, "], \"column\": %d, \"lines\": %d, \"x\": ", f->column + 1, f->lines);
    put_pt(b, f->x);
    sb_printf(b, ", \"y\": ");
    put_pt(b, f->y);
    sb_printf(b, ", \"w\": ");
    put_pt(b, f->w);
    sb_printf(b, ", \"h\": ");
    put_pt(b, f->h);
    sb_printf(b, "}");
}

static void put_page(strbuf *b, const page_out *po, int p, const edition *e, const layout *l)
{
    sb_printf(b, "    {\n      \"page\": %d,\n      \"label\": ", p + 1);
    sb_json(b, po->label);
    sb_printf(b, ",\n      \"name\": ");
    sb_json(b, po->name ? po->name : "");
    sb_printf(b, ",\n      \"width\": ");
    put_pt(b, po->width);
    sb_printf(b, ",\n      \"height\": ");
    put_pt(b, po->height);
    sb_printf(b, ",\n      \"modules\": [\n");
    for (int m = 0; m < po->modules.n; m++) {
        const module_box *mb = &po->modules.v[m];
        sb_printf(b, "        {\"article\": ");
        sb_json(b, mb->article >= 0 ? e->articles[mb->article]->id : "");
        sb_printf(b, ", \"columns\": [%d, %d], \"top\": %d, \"lines\": %d, \"x\": ", mb->col_from + 1,
            mb->col_to + 1, mb->top + 1, mb->lines);
        put_pt(b, mb->x);
        sb_printf(b, ", \"y\": ");
        put_pt(b, mb->y);
        sb_printf(b, ", \"w\": ");
        put_pt(b, mb->w);
        sb_printf(b, ", \"h\": ");
        put_pt(b, mb->h);
        sb_printf(b, ", \"overset\": %d", mb->overset_lines);
        dump_module_fill(b, mb);
        sb_printf(b, "}%s\n", m + 1 < po->modules.n ? "," : "");
    }
    sb_printf(b, "      ],\n      \"lines\": [\n");
    for (int i = 0; i < po->list.lines.n; i++) {
        const text_line *tl = &po->list.lines.v[i];
        sb_printf(b, "        {\"frame\": ");
        sb_json(b, line_role_name(tl->role));
        sb_printf(b, ", \"article\": ");
        sb_json(b, tl->article >= 0 ? e->articles[tl->article]->id : "");
        sb_printf(b, ", \"column\": %d, \"grid\": %d, \"x\": ", tl->column >= 0 ? tl->column + 1 : 0,
            tl->grid_line >= 0 ? tl->grid_line + 1 : 0);
        put_pt(b, tl->x);
        sb_printf(b, ", \"y\": ");
        put_pt(b, tl->y);
        sb_printf(b, ", \"width\": ");
        put_pt(b, tl->width);
        sb_printf(b, ", \"used\": ");
        put_pt(b, tl->used);
        sb_printf(b, ", \"style\": ");
        sb_json(b, tl->style >= 0 ? l->styles[tl->style].name : "");
        /* The size its style sets it in: where its ink stands is read from
         * it (a head spaced across its measure is no wider for it). */
        sb_printf(b, ", \"size\": ");
        put_pt(b, tl->style >= 0 ? l->styles[tl->style].size : 0);
        sb_printf(b, ", \"flags\": ");
        put_flags(b, tl);
        sb_printf(b, ", \"text\": ");
        sb_json(b, tl->text);
        sb_printf(b, ", \"source\": ");
        put_source(b, tl->loc, e, l);
        sb_printf(b, "}%s\n", i + 1 < po->list.lines.n ? "," : "");
    }
    sb_printf(b, "      ],\n      \"findings\": [");
    for (int i = 0; i < po->findings.n; i++) {
        sb_printf(b, "%s\n        ", i ? "," : "");
        dump_finding(b, &po->findings.v[i], e);
    }
    sb_printf(b, "%s]\n    }", po->findings.n ? "\n      " : "");
}

char *dump_page_json(const page_out *po, int index, const edition *e, const layout *l)
{
    strbuf b = {0};
    put_page(&b, po, index, e, l);
    return sb_take(&b);
}

void dump_add_page(strbuf *pages, const page_out *po, int index, int count, const edition *e,
                   const layout *l)
{
    put_page(pages, po, index, e, l);
    sb_printf(pages, "%s\n", index + 1 < count ? "," : "");
}

char *dump_json_of(const edition *e, int overset_lines, const strbuf *pages)
{
    strbuf b = {0};
    sb_printf(&b, "{\n  \"edition\": ");
    sb_json(&b, e->dir);
    sb_printf(&b, ",\n  \"paper\": ");
    sb_json(&b, e->paper);
    sb_printf(&b, ",\n  \"date\": \"%04d-%02d-%02d\",\n  \"overset_lines\": %d,\n  \"pages\": [\n",
        e->year, e->month, e->day, overset_lines);
    sb_printf(&b, "%.*s  ]\n}\n", (int)pages->n, pages->v ? pages->v : "");
    return sb_take(&b);
}

char *dump_json(const edition_out *eo, const edition *e, const layout *l)
{
    strbuf pages = {0};
    for (int p = 0; p < eo->page_count; p++)
        dump_add_page(&pages, &eo->pages[p], p, eo->page_count, e, l);
    char *json = dump_json_of(e, eo->overset_lines, &pages);
    VEC_FREE(pages);
    return json;
}
