/* text.c — the edition's text: plain, article by article, as JSON. */
#include "desk/text.h"

#include "base/strbuf.h"
#include "base/utf8.h"
#include "input/parts.h"

#include <stdlib.h>
#include <string.h>

/* A placed line into text of a paragraph a line: another paragraph starts
 * a new line. */
static void put_text_line(FILE *out, const text_line *tl, int *para)
{
    if (tl->para != *para && *para != -1)
        fputc('\n', out);
    *para = tl->para;
    fputs(tl->text, out);
}

void text_plain(const edition_out *eo, FILE *out)
{
    /* Lines of one paragraph are joined; a paragraph a line, in the order
     * they were placed (the order of the PDF's content). */
    for (int p = 0; p < eo->page_count; p++) {
        const page_out *po = &eo->pages[p];
        int para = -1;
        for (int i = 0; i < po->list.lines.n; i++)
            put_text_line(out, &po->list.lines.v[i], &para);
        if (para != -1)
            fputc('\n', out);
    }
}

static bool is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x3000; }

/* The code point ending at byte `end` of s, and where it starts. */
static uint32_t last_char(const char *s, size_t end, size_t *start)
{
    size_t i = end;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    uint32_t cp = 0;
    if (utf8_decode(s + i, end - i, &cp) <= 0)
        cp = (unsigned char)s[i];
    *start = i;
    return cp;
}

/* Where `byline` begins at the end of the paragraph `text`, spaces aside
 * (a line end of the set text may have taken one); -1 when the paragraph
 * does not end with it. */
static long byline_at(const char *text, size_t len, const char *byline)
{
    size_t bl = strlen(byline), t = len, b = bl;
    long at = -1;
    for (;;) {
        size_t ts = t, bs = b;
        uint32_t bc = 0, tc = 0;
        while (b > 0 && is_space(bc = last_char(byline, b, &bs)))
            b = bs;
        while (t > 0 && is_space(tc = last_char(text, t, &ts)))
            t = ts;
        if (b == 0)
            return at;
        if (t == 0 || tc != bc)
            return -1;
        at = (long)ts;
        t = ts;
        b = bs;
    }
}

/* One paragraph of an article, with its run-in byline on a line of its own. */
static void put_paragraph(FILE *out, strbuf *para, const char *byline)
{
    long at = byline[0] ? byline_at(para->v, (size_t)para->n, byline) : -1;
    if (at < 0) {
        fprintf(out, "%.*s\n", para->n, para->v);
    } else {
        if (at > 0)
            fprintf(out, "%.*s\n", (int)at, para->v);
        fprintf(out, "%s\n", byline);
    }
    para->n = 0;
}

/* The articles in the order the pages first show them. */
static int article_order(const edition_out *eo, int **order)
{
    VEC(int) v = {0};
    for (int p = 0; p < eo->page_count; p++)
        for (int i = 0; i < eo->pages[p].list.lines.n; i++) {
            const text_line *tl = &eo->pages[p].list.lines.v[i];
            bool seen = text_line_furniture(tl) || tl->article < 0;
            for (int k = 0; k < v.n && !seen; k++)
                seen = v.v[k] == tl->article;
            if (!seen)
                *VEC_PUSH(v) = tl->article;
        }
    *order = v.v;
    return v.n;
}

void text_by_article(const edition_out *eo, const edition *e, const layout *l, FILE *out)
{
    int *order;
    int n = article_order(eo, &order);
    strbuf para = {0};
    for (int k = 0; k < n; k++) {
        article_parts parts;
        article_parts_make(e->articles[order[k]], l, &parts);
        int id = -1;
        for (int p = 0; p < eo->page_count; p++)
            for (int i = 0; i < eo->pages[p].list.lines.n; i++) {
                const text_line *tl = &eo->pages[p].list.lines.v[i];
                if (tl->article != order[k] || tl->repeat || text_line_furniture(tl))
                    continue;
                if (tl->para != id && id != -1)
                    put_paragraph(out, &para, parts.byline);
                id = tl->para;
                sb_printf(&para, "%s", tl->text);
            }
        if (id != -1) {
            put_paragraph(out, &para, parts.byline);
            fputc('\n', out);
        }
        article_parts_free(&parts);
    }
    VEC_FREE(para);
    free(order);
}

static void json_field(strbuf *b, const char *name, const char *value)
{
    sb_printf(b, ", \"%s\": ", name);
    sb_json(b, value);
}

static void json_table(strbuf *b, const table *t)
{
    json_field(b, "title", t->title.text ? t->title.text : "");
    sb_printf(b, ", \"header_rows\": %d, \"rows\": [", t->header_rows);
    for (int r = 0; r < t->rows; r++) {
        sb_printf(b, "%s[", r ? ", " : "");
        const char *sep = "";
        for (int i = 0; i < t->cell_count; i++)
            if (t->cells[i].row == r) {
                sb_printf(b, "%s", sep);
                sb_json(b, article_cell_text(&t->cells[i]));
                sep = ", ";
            }
        sb_printf(b, "]");
    }
    sb_printf(b, "]");
    json_field(b, "note", t->note.text ? t->note.text : "");
}

static void json_article(strbuf *b, const edition_out *eo, const edition *e, const layout *l,
                         int index)
{
    const article *a = e->articles[index];
    article_parts parts;
    article_parts_make(a, l, &parts);
    sb_printf(b, "    {\"article\": ");
    sb_json(b, a->id);
    json_field(b, "file", a->file);
    sb_printf(b, ", \"pages\": [");
    const char *sep = "";
    for (int p = 0; p < eo->page_count; p++)
        for (int k = 0; k < eo->pages[p].modules.n; k++)
            if (eo->pages[p].modules.v[k].article == index) {
                sb_printf(b, "%s", sep);
                sb_json(b, eo->pages[p].label);
                sep = ", ";
                break;
            }
    sb_printf(b, "]");
    json_field(b, "kicker", parts.kicker);
    json_field(b, "headline", parts.headline);
    json_field(b, "subtitle", parts.subtitle);
    json_field(b, "lead", parts.lead);
    json_field(b, "byline", parts.byline);
    json_field(b, "caption", parts.caption);
    json_field(b, "credit", parts.credit);
    sb_printf(b, ",\n     \"body\": [");
    static const char *const kinds[] = {[PART_PARA] = "p",         [PART_HEAD] = "head",
                                        [PART_BOX] = "box",        [PART_TABLE] = "table",
                                        [PART_VERSE] = "verse",    [PART_CODE] = "code"};
    for (int i = 0; i < parts.body.n; i++) {
        const part_block *pb = &parts.body.v[i];
        sb_printf(b, "%s\n       {\"kind\": \"%s\"", i ? "," : "", kinds[pb->kind]);
        json_field(b, "style", pb->style);
        if (pb->kind == PART_TABLE)
            json_table(b, pb->table);
        else
            json_field(b, "text", pb->text);
        sb_printf(b, "}");
    }
    sb_printf(b, "]}");
    article_parts_free(&parts);
}

void text_json(const edition_out *eo, const edition *e, const layout *l, FILE *out)
{
    strbuf b = {0};
    sb_printf(&b, "{\"edition\": ");
    sb_json(&b, e->dir);
    json_field(&b, "paper", e->paper);
    sb_printf(&b, ", \"date\": \"%04d-%02d-%02d\",\n  \"articles\": [\n", e->year, e->month,
              e->day);
    int *order;
    int n = article_order(eo, &order);
    for (int k = 0; k < n; k++) {
        json_article(&b, eo, e, l, order[k]);
        sb_printf(&b, "%s\n", k + 1 < n ? "," : "");
    }
    sb_printf(&b, "  ]\n}\n");
    fwrite(b.v, 1, (size_t)b.n, out);
    VEC_FREE(b);
    free(order);
}
