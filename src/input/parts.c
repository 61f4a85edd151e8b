/* parts.c — an article's text by its parts. */
#include "input/parts.h"

#include "base/strbuf.h"
#include "base/utf8.h"

#include <string.h>

/* The spans of a block in one style apart: those of style `st` (or of
 * any other style when `other`) appended to b. */
static void spans_text(strbuf *b, const block *bl, int st, bool other)
{
    for (int k = 0; k < bl->span_count; k++) {
        const span *s = &bl->spans[k];
        if (!s->text || (s->style == st) == other)
            continue;
        sb_str(b, s->text);
    }
}

static char *own(const char *s) { return xstrdup(s ? s : ""); }

const char *article_cell_text(const table_cell *c) { return c->text.text ? c->text.text : ""; }

static char *table_text(const table *t)
{
    strbuf b = {0};
    if (t->title.text)
        sb_printf(&b, "%s\n", t->title.text);
    /* The cells are stored row by row (input/tables.c): one walk, not a
     * scan of every cell for every row, which took seconds for a long
     * table. */
    int i = 0;
    for (int r = 0; r < t->rows; r++) {
        for (int first = i; i < t->cell_count && t->cells[i].row == r; i++) {
            if (i > first)
                sb_put(&b, "\t", 1);
            const char *text = article_cell_text(&t->cells[i]);
            sb_put(&b, text, strlen(text));
        }
        sb_put(&b, "\n", 1);
    }
    if (t->note.text)
        sb_printf(&b, "%s\n", t->note.text);
    if (b.n > 0)
        b.n--; /* the last line end */
    return sb_take(&b);
}

static void body_block(article_parts *p, const block *bl, const layout *l, int byline_style)
{
    part_block *pb = VEC_PUSH(p->body);
    pb->style = bl->style >= 0 && bl->style < l->style_count ? l->styles[bl->style].name : "";
    strbuf b = {0};
    switch (bl->kind) {
    case BLOCK_PARA:
        pb->kind = PART_PARA;
        spans_text(&b, bl, byline_style, true);
        break;
    case BLOCK_HEAD:
        pb->kind = PART_HEAD;
        spans_text(&b, bl, byline_style, true);
        break;
    case BLOCK_BOX:
    case BLOCK_VERSE:
    case BLOCK_CODE:
        /* Its paragraphs or lines, a line each (an empty one where a
         * stanza ends, or a listing has one). */
        pb->kind = bl->kind == BLOCK_BOX ? PART_BOX : bl->kind == BLOCK_VERSE ? PART_VERSE
                                                                               : PART_CODE;
        for (int c = 0; c < bl->child_count; c++) {
            if (c)
                sb_str(&b, "\n");
            spans_text(&b, &bl->children[c], -1, true);
        }
        break;
    case BLOCK_TABLE:
        pb->kind = PART_TABLE;
        pb->table = bl->table;
        pb->text = table_text(bl->table);
        return;
    }
    pb->text = sb_take(&b);
}

void article_parts_make(const article *a, const layout *l, article_parts *out)
{
    memset(out, 0, sizeof *out);
    int lead_style = layout_style(l, "lead"), byline_style = layout_style(l, "byline");
    out->kicker = content_one_line(a->kicker.text);
    out->headline = content_one_line(a->headline.text);
    out->subtitle = content_one_line(a->subtitle.text);
    out->caption = own(a->photo ? a->photo->caption.text : NULL);
    out->credit = own(a->photo ? a->photo->credit.text : NULL);
    strbuf lead = {0}, byline = {0};
    for (int i = 0; i < a->block_count; i++) {
        const block *bl = &a->blocks[i];
        /* The byline: a block of its own, or run in at the lead's end. */
        if (byline_style >= 0)
            spans_text(&byline, bl, byline_style, false);
        bool is_byline = bl->kind == BLOCK_PARA && bl->span_count > 0 &&
                         bl->spans[0].style == byline_style;
        if (is_byline)
            continue;
        if (bl->kind == BLOCK_PARA && bl->style == lead_style && lead_style >= 0) {
            if (lead.n)
                sb_str(&lead, "\n");
            spans_text(&lead, bl, byline_style, true);
        } else {
            body_block(out, bl, l, byline_style);
        }
    }
    out->lead = sb_take(&lead);
    out->byline = sb_take(&byline);
}

void article_parts_free(article_parts *p)
{
    free(p->kicker);
    free(p->headline);
    free(p->subtitle);
    free(p->lead);
    free(p->byline);
    free(p->caption);
    free(p->credit);
    for (int i = 0; i < p->body.n; i++)
        free(p->body.v[i].text);
    VEC_FREE(p->body);
    memset(p, 0, sizeof *p);
}

char *article_parts_body(const article_parts *p)
{
    strbuf b = {0};
    for (int i = 0; i < p->body.n; i++)
        sb_printf(&b, "%s%s", i ? "\n" : "", p->body.v[i].text);
    return sb_take(&b);
}

char *article_text_from(const article *a, const layout *l, int from_block, int byte)
{
    strbuf b = {0};
    for (int i = MAX(from_block, 0); i < a->block_count; i++) {
        const block *bl = &a->blocks[i];
        article_parts one = {0};
        body_block(&one, bl, l, -1);
        const char *text = one.body.v[0].text;
        size_t skip = i == from_block && byte > 0 ? MIN((size_t)byte, strlen(text)) : 0;
        sb_printf(&b, "%s%s", b.n ? "\n" : "", text + skip);
        article_parts_free(&one);
    }
    return sb_take(&b);
}

int article_characters(const char *s)
{
    int n = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_decode(s + i, len - i, &cp);
        if (k <= 0)
            break;
        i += (size_t)k;
        n += !(cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x3000);
    }
    return n;
}
