/* dump.c — JSON layout dump and plain text. */
#include "dump.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef VEC(char) strbuf;

static void put(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    VEC_GROW(*b, b->n + n + 1);
    va_start(ap, fmt);
    vsnprintf(b->v + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += n;
}

static void put_string(strbuf *b, const char *s)
{
    put(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            put(b, "\\%c", *p);
        else if (*p == '\n')
            put(b, "\\n");
        else if (*p < 0x20)
            put(b, "\\u%04x", *p);
        else
            put(b, "%c", *p);
    }
    put(b, "\"");
}

static void put_pt(strbuf *b, scaled v) { put(b, "%.3f", pt_from_scaled(v)); }

static void put_flags(strbuf *b, unsigned f)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{LINE_FIRST, "first"},    {LINE_LAST, "last"},         {LINE_FORCED, "forced"},
                 {LINE_LOOSE, "loose"},    {LINE_TIGHT, "tight"},       {LINE_OVERFULL, "overfull"},
                 {LINE_EMERGENCY, "emergency-break"}};
    put(b, "[");
    bool first = true;
    for (size_t i = 0; i < countof(names); i++) {
        if (f & names[i].bit) {
            put(b, "%s\"%s\"", first ? "" : ", ", names[i].name);
            first = false;
        }
    }
    put(b, "]");
}

char *dump_json(const edition_out *eo, const edition *e, const layout *l)
{
    strbuf b = {0};
    put(&b, "{\n  \"edition\": ");
    put_string(&b, e->dir);
    put(&b, ",\n  \"paper\": ");
    put_string(&b, e->paper);
    put(&b, ",\n  \"date\": \"%04d-%02d-%02d\",\n  \"overset_lines\": %d,\n  \"pages\": [\n",
        e->year, e->month, e->day, eo->overset_lines);
    for (int p = 0; p < eo->page_count; p++) {
        const page_out *po = &eo->pages[p];
        put(&b, "    {\n      \"page\": %d,\n      \"label\": ", p + 1);
        put_string(&b, po->label);
        put(&b, ",\n      \"name\": ");
        put_string(&b, po->name ? po->name : "");
        put(&b, ",\n      \"width\": ");
        put_pt(&b, po->width);
        put(&b, ",\n      \"height\": ");
        put_pt(&b, po->height);
        put(&b, ",\n      \"modules\": [\n");
        for (int m = 0; m < po->modules.n; m++) {
            const module_box *mb = &po->modules.v[m];
            put(&b, "        {\"article\": ");
            put_string(&b, mb->article >= 0 ? e->articles[mb->article]->id : "");
            put(&b, ", \"columns\": [%d, %d], \"top\": %d, \"lines\": %d, \"x\": ", mb->col_from + 1,
                mb->col_to + 1, mb->top + 1, mb->lines);
            put_pt(&b, mb->x);
            put(&b, ", \"y\": ");
            put_pt(&b, mb->y);
            put(&b, ", \"w\": ");
            put_pt(&b, mb->w);
            put(&b, ", \"h\": ");
            put_pt(&b, mb->h);
            put(&b, ", \"overset\": %d}%s\n", mb->overset_lines, m + 1 < po->modules.n ? "," : "");
        }
        put(&b, "      ],\n      \"lines\": [\n");
        for (int i = 0; i < po->list.lines.n; i++) {
            const text_line *tl = &po->list.lines.v[i];
            put(&b, "        {\"frame\": ");
            put_string(&b, tl->frame);
            put(&b, ", \"article\": ");
            put_string(&b, tl->article >= 0 ? e->articles[tl->article]->id : "");
            put(&b, ", \"column\": %d, \"grid\": %d, \"x\": ", tl->column >= 0 ? tl->column + 1 : 0,
                tl->grid_line >= 0 ? tl->grid_line + 1 : 0);
            put_pt(&b, tl->x);
            put(&b, ", \"y\": ");
            put_pt(&b, tl->y);
            put(&b, ", \"width\": ");
            put_pt(&b, tl->width);
            put(&b, ", \"used\": ");
            put_pt(&b, tl->used);
            put(&b, ", \"style\": ");
            put_string(&b, tl->style >= 0 ? l->styles[tl->style].name : "");
            put(&b, ", \"flags\": ");
            put_flags(&b, tl->flags);
            put(&b, ", \"text\": ");
            put_string(&b, tl->text);
            put(&b, ", \"source\": ");
            char where[512];
            put_string(&b, tl->loc.file ? diag_format_loc(tl->loc, where, sizeof where) : "");
            put(&b, "}%s\n", i + 1 < po->list.lines.n ? "," : "");
        }
        put(&b, "      ]\n    }%s\n", p + 1 < eo->page_count ? "," : "");
    }
    put(&b, "  ]\n}\n");
    VEC_GROW(b, b.n + 1);
    b.v[b.n] = 0;
    return b.v;
}

void dump_text(const edition_out *eo, FILE *out)
{
    /* Lines of one paragraph are joined; a paragraph a line, in the order
     * they were placed (the order of the PDF's content). */
    for (int p = 0; p < eo->page_count; p++) {
        const page_out *po = &eo->pages[p];
        int para = -1;
        for (int i = 0; i < po->list.lines.n; i++) {
            const text_line *tl = &po->list.lines.v[i];
            if (tl->para != para && para != -1)
                fputc('\n', out);
            para = tl->para;
            fputs(tl->text, out);
        }
        if (para != -1)
            fputc('\n', out);
    }
}
