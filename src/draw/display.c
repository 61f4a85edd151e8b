/* display.c — building display lists. */
#include "draw/display.h"

#include "base/arena.h"

#include <string.h>

const char *line_role_name(line_role role)
{
    static const char *const names[] = {
        [ROLE_BODY] = "body",         [ROLE_HEADLINE] = "headline", [ROLE_HEAD] = "head",
        [ROLE_CAPTION] = "caption",   [ROLE_BOX] = "box",           [ROLE_TABLE] = "table",
        [ROLE_JUMP] = "jump",         [ROLE_FOLIO] = "folio",       [ROLE_MASTHEAD] = "masthead",
        [ROLE_CONTENTS] = "contents", [ROLE_PROOF] = "proof",       [ROLE_SLUG] = "slug",
    };
    return (unsigned)role < sizeof names / sizeof *names ? names[role] : "?";
}

void draw_mark_repeat(draw_list *dl, int first)
{
    for (int i = first; i < dl->lines.n; i++)
        dl->lines.v[i].repeat = true;
}

bool text_line_furniture(const text_line *tl)
{
    return tl->role == ROLE_JUMP || (tl->article < 0 && tl->role != ROLE_CONTENTS);
}

void draw_rule(draw_list *dl, scaled x1, scaled y1, scaled x2, scaled y2, scaled weight,
               double gray)
{
    draw_op *op = VEC_PUSH(dl->ops);
    op->kind = DRAW_RULE;
    op->x = x1;
    op->y = y1;
    op->x2 = x2;
    op->y2 = y2;
    op->weight = weight;
    op->gray = gray;
    op->ink = -1;
    op->fill = -1;
    op->article = -1;
}

void draw_rule_inked(draw_list *dl, scaled x1, scaled y1, scaled x2, scaled y2, scaled weight,
                     int ink, double tint)
{
    draw_rule(dl, x1, y1, x2, y2, weight, tint);
    dl->ops.v[dl->ops.n - 1].ink = ink;
}

void draw_rect(draw_list *dl, scaled x, scaled y, scaled w, scaled h, double fill,
               scaled stroke, double gray)
{
    draw_op *op = VEC_PUSH(dl->ops);
    op->kind = DRAW_RECT;
    op->x = x;
    op->y = y;
    op->w = w;
    op->h = h;
    op->fill = fill;
    op->weight = stroke;
    op->gray = gray;
    op->article = -1;
}

/* A picture or a form in the frame (x, y, w, h). */
static draw_op *framed(draw_list *dl, draw_kind kind, const char *file, scaled x, scaled y,
                       scaled w, scaled h, int article_index)
{
    draw_op *op = VEC_PUSH(dl->ops);
    op->kind = kind;
    op->image = file;
    op->x = x;
    op->y = y;
    op->w = w;
    op->h = h;
    op->fill = -1;
    op->article = article_index;
    return op;
}

void draw_image(draw_list *dl, const char *file, int width_px, scaled x, scaled y, scaled w,
                scaled h, const double crop[4], int article_index)
{
    draw_op *op = framed(dl, DRAW_IMAGE, file, x, y, w, h, article_index);
    op->image_width = width_px;
    memcpy(op->crop, crop, sizeof op->crop);
}

void draw_form(draw_list *dl, const char *file, scaled x, scaled y, scaled w, scaled h,
               src_loc where)
{
    framed(dl, DRAW_FORM, file, x, y, w, h, -1)->src_loc = where;
}

void draw_append(draw_list *dst, const draw_list *src, scaled dx, scaled dy, int dgrid,
                 int article_index, int column)
{
    int line_shift = dst->lines.n;
    for (int i = 0; i < src->ops.n; i++) {
        draw_op *op = VEC_PUSH(dst->ops);
        *op = src->ops.v[i];
        if (op->kind == DRAW_GLYPHS && op->line >= 0) /* -1: an artifact, no line */
            op->line += line_shift;
        op->x += dx;
        op->y += dy;
        if (op->kind == DRAW_RULE) {
            op->x2 += dx;
            op->y2 += dy;
        }
        if (op->article < 0)
            op->article = article_index;
    }
    for (int i = 0; i < src->lines.n; i++) {
        text_line *tl = VEC_PUSH(dst->lines);
        *tl = src->lines.v[i];
        tl->x += dx;
        tl->y += dy;
        if (tl->grid_line >= 0 && dgrid >= 0)
            tl->grid_line += dgrid;
        else
            tl->grid_line = -1;
        if (tl->article < 0)
            tl->article = article_index;
        if (tl->column < 0)
            tl->column = column;
    }
}

/* What a page drew: its lists and spanners. */
static void free_drawn(page_out *po)
{
    draw_list_free(&po->list);
    draw_list_free(&po->slug);
    VEC_FREE(po->spanners);
}

void edition_out_release_page(edition_out *out, int p)
{
    page_out *po = &out->pages[p];
    free_drawn(po);
    for (int k = 0; k < po->modules.n; k++)
        po->modules.v[k].overset_text = NULL;
    arena_free(po->arena);
    po->arena = NULL;
}

const char *makeup_kind_name(makeup_kind kind)
{
    static const char *const names[] = {
        [MAKEUP_COLLISION] = "headline-collision", [MAKEUP_HEAD_SPACE] = "head-space",
        [MAKEUP_SHORT_COLUMN] = "short-column",    [MAKEUP_UNDERSET] = "underset",
        [MAKEUP_SEPARATION] = "no-separation",     [MAKEUP_PAGE_HOLE] = "page-hole",
        [MAKEUP_HIERARCHY] = "head-hierarchy",     [MAKEUP_MASTHEAD] = "masthead-outweighed",
    };
    return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "?";
}

void edition_out_free(edition_out *out)
{
    if (!out)
        return;
    for (int p = 0; p < out->page_count; p++) {
        page_out_free(&out->pages[p]);
        arena_free(out->pages[p].arena);
    }
    arena_free(out->arena);
    memset(out, 0, sizeof *out);
}

void page_out_free(page_out *po)
{
    free_drawn(po);
    VEC_FREE(po->modules);
    VEC_FREE(po->findings);
}

void draw_list_free(draw_list *dl)
{
    VEC_FREE(dl->ops);
    VEC_FREE(dl->lines);
}

void draw_list_fit(draw_list *dl)
{
    if (dl->ops.n > 0 && dl->ops.n < dl->ops.cap) {
        dl->ops.v = xrealloc(dl->ops.v, sizeof *dl->ops.v * (size_t)dl->ops.n);
        dl->ops.cap = dl->ops.n;
    }
    if (dl->lines.n > 0 && dl->lines.n < dl->lines.cap) {
        dl->lines.v = xrealloc(dl->lines.v, sizeof *dl->lines.v * (size_t)dl->lines.n);
        dl->lines.cap = dl->lines.n;
    }
}

/* Proof marks: the page's shapes in colour, on the proof layer. */
static void mark(draw_list *dl, const double cmyk[4])
{
    draw_op *op = &dl->ops.v[dl->ops.n - 1];
    op->has_color = true;
    memcpy(op->cmyk, cmyk, sizeof op->cmyk);
    op->layer = 1;
}

void draw_mark_rect(draw_list *dl, scaled x, scaled y, scaled w, scaled h, const double cmyk[4],
                    bool fill, scaled stroke)
{
    draw_rect(dl, x, y, w, h, fill ? 1 : -1, stroke, 1);
    mark(dl, cmyk);
}

void draw_mark_line(draw_list *dl, scaled x1, scaled y1, scaled x2, scaled y2, scaled weight,
                    const double cmyk[4])
{
    draw_rule(dl, x1, y1, x2, y2, weight, 1);
    mark(dl, cmyk);
}
