/* glyphpaths.c — the slug line's glyphs drawn as filled outlines, each
 * glyph a form XObject made once (writer.h). */
#include "pdf/writer.h"

#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <stdio.h>

/* Glyph outlines as PDF path operators, in font units. */
static void pen_point(strbuf *b, float x, float y, const char *op)
{
    char xs[32], ys[32];
    fmt_real(xs, sizeof xs, x);
    fmt_real(ys, sizeof ys, y);
    sb_printf(b, "%s %s %s\n", xs, ys, op);
}

static void pen_move(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y,
                     void *user)
{
    (void)df, (void)st, (void)user;
    pen_point(data, x, y, "m");
}

static void pen_line(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y,
                     void *user)
{
    (void)df, (void)st, (void)user;
    pen_point(data, x, y, "l");
}

static void pen_cubic(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x1, float y1,
                      float x2, float y2, float x, float y, void *user)
{
    (void)df, (void)st, (void)user;
    pen_point(data, x1, y1, "");
    pen_point(data, x2, y2, "");
    pen_point(data, x, y, "c");
}

/* PDF has no quadratic curve: the same curve as a cubic. */
static void pen_quadratic(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float qx,
                          float qy, float x, float y, void *user)
{
    float x0 = st->current_x, y0 = st->current_y;
    pen_cubic(df, data, st, x0 + 2.0f / 3.0f * (qx - x0), y0 + 2.0f / 3.0f * (qy - y0),
              x + 2.0f / 3.0f * (qx - x), y + 2.0f / 3.0f * (qy - y), x, y, user);
}

static void pen_close(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, void *user)
{
    (void)df, (void)st, (void)user;
    sb_printf(data, "h\n");
}

/* A glyph's outline as a form XObject in font units, made once per face
 * and glyph: the slug's few dozen glyphs stand on every page. */
static int glyph_form(writer *w, hb_font_t *font, int face, unsigned gid)
{
    for (int i = 0; i < w->glyph_forms.n; i++)
        if (w->glyph_forms.v[i].face == face && w->glyph_forms.v[i].gid == gid)
            return i;
    hb_glyph_extents_t ext;
    if (!hb_font_get_glyph_extents(font, gid, &ext) || ext.width == 0 || ext.height == 0)
        return -1; /* a space: nothing to draw */
    hb_draw_funcs_t *df = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(df, pen_move, NULL, NULL);
    hb_draw_funcs_set_line_to_func(df, pen_line, NULL, NULL);
    hb_draw_funcs_set_quadratic_to_func(df, pen_quadratic, NULL, NULL);
    hb_draw_funcs_set_cubic_to_func(df, pen_cubic, NULL, NULL);
    hb_draw_funcs_set_close_path_func(df, pen_close, NULL, NULL);
    strbuf path = {0};
#if HB_VERSION_ATLEAST(7, 0, 0)
    hb_font_draw_glyph(font, gid, df, &path);
#else
    hb_font_get_glyph_shape(font, gid, df, &path);
#endif
    hb_draw_funcs_destroy(df);
    sb_printf(&path, "f\n");
    HPDF_Dict form = HPDF_DictStream_New(w->doc->mmgr, w->doc->xref);
    if (!form) {
        VEC_FREE(path);
        return -1;
    }
    form->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddName(form, "Type", "XObject");
    HPDF_Dict_AddName(form, "Subtype", "Form");
    HPDF_Array box = HPDF_Array_New(w->doc->mmgr);
    HPDF_Dict_Add(form, "BBox", box);
    HPDF_Array_AddNumber(box, ext.x_bearing);
    HPDF_Array_AddNumber(box, ext.y_bearing + ext.height);
    HPDF_Array_AddNumber(box, ext.x_bearing + ext.width);
    HPDF_Array_AddNumber(box, ext.y_bearing);
    HPDF_Stream_Write(form->stream, (const HPDF_BYTE *)path.v, (HPDF_UINT)path.n);
    VEC_FREE(path);
    *VEC_PUSH(w->glyph_forms) = (glyph_form_ref){face, gid, form};
    return w->glyph_forms.n - 1;
}

HPDF_Dict page_xobjects(writer *w)
{
    HPDF_Dict res = HPDF_Page_GetInheritableItem(w->page, "Resources", HPDF_OCLASS_DICT);
    HPDF_Dict xobjects = res ? HPDF_Dict_GetItem(res, "XObject", HPDF_OCLASS_DICT) : NULL;
    if (res && !xobjects) {
        xobjects = HPDF_Dict_New(w->doc->mmgr);
        HPDF_Dict_Add(res, "XObject", xobjects);
    }
    if (!xobjects)
        note_out_of_memory(w);
    return xobjects;
}

/* A run drawn as filled outlines instead of text.  Printer's marks are
 * artwork, not the edition's text: nothing outside the trim turns up when
 * the print file is searched or its text copied out. */
void write_glyph_paths(writer *w, const draw_op *op)
{
    hb_font_t *font = fontset_hb_font(w->fonts, op->face);
    int x_scale, y_scale;
    hb_font_get_scale(font, &x_scale, &y_scale);
    switch_layer(w, op->layer);
    end_text(w);
    op_fill(w, op, op->gray);
    HPDF_Dict xobjects = page_xobjects(w);
    if (!xobjects)
        return;
    double k = pt(op->size) / x_scale;
    for (int i = 0; i < op->glyph_count; i++) {
        const draw_glyph *g = &op->glyphs[i];
        int f = glyph_form(w, font, op->face, g->gid);
        if (f < 0)
            continue;
        char name[16], line[160], xs[32], ys[32];
        snprintf(name, sizeof name, "G%d", f);
        if (!HPDF_Dict_GetItem(xobjects, name, HPDF_OCLASS_DICT))
            HPDF_Dict_Add(xobjects, name, w->glyph_forms.v[f].form);
        fmt_real(xs, sizeof xs, pdf_x(w, op->x + g->x));
        fmt_real(ys, sizeof ys, pdf_y(w, op->y) + pt(g->y));
        snprintf(line, sizeof line, "q %.6f 0 0 %.6f %s %s cm /%s Do Q\n", k, k, xs, ys, name);
        write_raw(w, line);
    }
}
