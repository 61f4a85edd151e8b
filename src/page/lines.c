/* lines.c — set lines as placed boxes. */
#include "page/lines.h"

#include "base/arena.h"

void draw_para_line(draw_list *dl, arena *a, const para_result *pr, const para_line *pl,
                    scaled x, scaled baseline, line_role role, int article_index, int column,
                    int grid_line, double gray, int para)
{
    const placed_glyph *g = pr->glyphs + pl->glyph_start;
    int n = pl->glyph_count;
    /* The line's text, copied once: the dump shows it, and the runs show
     * their glyphs' parts of it (the paragraph's setting may die before
     * the list). */
    char *text = arena_strndup(a, pr->text + pl->text_start,
                               (size_t)(pl->text_end - pl->text_start));
    for (int i = 0; i < n;) {
        int j = i + 1;
        while (j < n && g[j].face == g[i].face && g[j].size == g[i].size &&
               g[j].style == g[i].style && !g[j].added && !g[i].added)
            j++;
        draw_glyph *dg = ARENA_NEW_ARRAY(a, draw_glyph, j - i);
        for (int k = i; k < j; k++) {
            dg[k - i] = (draw_glyph){.gid = g[k].gid,
                                     .x = g[k].x - g[i].x,
                                     .y = g[k].y,
                                     .text_start = g[k].text_start - pl->text_start,
                                     .text_len = g[k].text_len,
                                     .added = g[k].added};
        }
        draw_op *op = VEC_PUSH(dl->ops);
        op->kind = DRAW_GLYPHS;
        op->x = x + g[i].x;
        op->y = baseline;
        op->face = g[i].face;
        op->style = g[i].style;
        op->size = g[i].size;
        op->glyphs = dg;
        op->glyph_count = j - i;
        op->text = text;
        op->gray = gray;
        op->article = article_index;
        op->fill = -1;
        /* A glyph the text does not hold (a hyphen at the line's end) is
         * drawn as an artifact of its own: no reader takes it for text. */
        op->line = g[i].added ? -1 : dl->lines.n;
        i = j;
    }
    text_line *tl = VEC_PUSH(dl->lines);
    tl->article = article_index;
    tl->role = role;
    tl->column = column;
    tl->grid_line = grid_line;
    tl->x = x;
    tl->y = baseline;
    tl->width = pl->width;
    tl->used = pl->used;
    tl->text = text;
    tl->style = pl->style;
    tl->flags = pl->flags;
    tl->para = para;
    tl->loc = pl->loc;
    tl->row = -1;
}
