/* writer.c — pages, text, rules, photos, marks (the last work and the saving: finish.c, save.c). */
#include "pdf/writer.h"

#include "base/arena.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "input/image.h"
#include "pdf/pdffont.h"
#include "pdf/pdfimage.h"
#include "pdf/pdfmeta.h"
#include "pdf/pdftag.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    writer *w = user;
    if (!w->error) {
        w->error = error_no;
        w->detail = detail_no;
    }
}

bool libharu_failed(const writer *w, const char *path)
{
    return diag_env_error(w->d, (src_loc){path, 0, 0},
                          "libharu failed with error 0x%04X (detail %u) while writing the PDF",
                          (unsigned)w->error, (unsigned)w->detail);
}

static HPDF_Stream page_stream(writer *w)
{
    /* libharu 2.3.0 has no public call to write raw content; the page's
     * stream is its attribute's (pdf-fonts.md §6). */
    return ((HPDF_PageAttr)w->page->attr)->stream;
}

/* A real number as PDF wants it: up to 3 decimals, no trailing zeros —
 * what "%.3f" prints, trimmed.  It is written for every glyph of
 * justified text (its TJ adjustment), where snprintf took a fifth of a
 * page's time: the thousandths are rounded here, and only a value within a
 * hair of a tie, where the exact binary value decides, goes to snprintf. */
static void fmt_real(char *out, size_t size, double v)
{
    if (fabs(v) < 0.0005)
        v = 0;
    double m = v * 1000, r = nearbyint(m);
    if (fabs(m) < 1e12 && fabs(fabs(m - r) - 0.5) > 1e-6) {
        long long n = (long long)r;
        unsigned long long a = n < 0 ? (unsigned long long)-n : (unsigned long long)n;
        char digits[32], rev[24];
        int k = 0, j = 0;
        if (n < 0)
            digits[k++] = '-';
        unsigned long long whole = a / 1000;
        do
            rev[j++] = (char)('0' + whole % 10);
        while ((whole /= 10) > 0);
        while (j > 0)
            digits[k++] = rev[--j];
        digits[k] = 0;
        unsigned frac = (unsigned)(a % 1000);
        if (frac) {
            digits[k++] = '.';
            for (unsigned div = 100; frac; div /= 10) {
                digits[k++] = (char)('0' + frac / div);
                frac %= div;
            }
            digits[k] = 0;
        }
        if ((size_t)k < size)
            memcpy(out, digits, (size_t)k + 1);
        return;
    }
    snprintf(out, size, "%.3f", v);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = 0;
        if (end == dot)
            *end = 0;
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

/* Append ">number<" between the codes of a TJ string. */
static void put_adjustment(strbuf *b, const char *number)
{
    size_t len = strlen(number);
    VEC_GROW(*b, b->n + (int)len + 2);
    b->v[b->n++] = '>';
    memcpy(b->v + b->n, number, len);
    b->n += (int)len;
    b->v[b->n++] = '<';
}

/* Append a glyph code as four hex digits. */
static void put_code(strbuf *b, unsigned code)
{
    static const char hex[] = "0123456789ABCDEF";
    VEC_GROW(*b, b->n + 4);
    for (int shift = 12; shift >= 0; shift -= 4)
        b->v[b->n++] = hex[(code >> shift) & 15];
}

static void end_text(writer *w)
{
    if (w->in_text) {
        HPDF_Page_EndText(w->page);
        w->in_text = false;
    }
}

/* Ink (0..1 of black) as the form's colour: K alone in DeviceCMYK for
 * the press — never a rich black — and DeviceGray for the archive. */
static void set_fill(writer *w, double ink)
{
    if (w->cur_fill == ink)
        return;
    if (w->print)
        HPDF_Page_SetCMYKFill(w->page, 0, 0, 0, (HPDF_REAL)ink);
    else
        HPDF_Page_SetGrayFill(w->page, (HPDF_REAL)(1 - ink));
    w->cur_fill = ink;
}

static void set_stroke(writer *w, double ink)
{
    if (w->print)
        HPDF_Page_SetCMYKStroke(w->page, 0, 0, 0, (HPDF_REAL)ink);
    else
        HPDF_Page_SetGrayStroke(w->page, (HPDF_REAL)(1 - ink));
}

/* The proof layer's colours: CMYK as given in the print form; in the
 * archive form, whose output intent is sRGB, the same colour as RGB. */
static void set_mark_colour(writer *w, const double cmyk[4], bool stroke)
{
    if (w->print) {
        HPDF_REAL c = (HPDF_REAL)cmyk[0], m = (HPDF_REAL)cmyk[1], y = (HPDF_REAL)cmyk[2],
                  k = (HPDF_REAL)cmyk[3];
        if (stroke)
            HPDF_Page_SetCMYKStroke(w->page, c, m, y, k);
        else
            HPDF_Page_SetCMYKFill(w->page, c, m, y, k);
    } else {
        HPDF_REAL r = (HPDF_REAL)((1 - cmyk[0]) * (1 - cmyk[3])),
                  g = (HPDF_REAL)((1 - cmyk[1]) * (1 - cmyk[3])),
                  b = (HPDF_REAL)((1 - cmyk[2]) * (1 - cmyk[3]));
        if (stroke)
            HPDF_Page_SetRGBStroke(w->page, r, g, b);
        else
            HPDF_Page_SetRGBFill(w->page, r, g, b);
    }
    if (!stroke)
        w->cur_fill = -1;
}

static void op_fill(writer *w, const draw_op *op, double ink)
{
    if (op->has_color)
        set_mark_colour(w, op->cmyk, false);
    else
        set_fill(w, ink);
}

static void op_stroke(writer *w, const draw_op *op)
{
    if (op->has_color)
        set_mark_colour(w, op->cmyk, true);
    else
        set_stroke(w, op->gray);
}

static pdf_font *font_for(writer *w, int face)
{
    if (!w->font_of_face[face])
        w->font_of_face[face] = pdffont_new(w->doc, w->fonts, face);
    return w->font_of_face[face];
}

static void draw_glyphs(writer *w, const draw_op *op)
{
    pdf_font *f = font_for(w, op->face);
    double size = pt(op->size);
    /* Codes first: a code whose ToUnicode entry is another text makes the
     * run carry its text as ActualText. */
    unsigned *codes = xmalloc(sizeof(unsigned) * (size_t)(op->glyph_count + 1));
    bool conflict = false;
    int text_start = -1, text_end = -1;
    for (int i = 0; i < op->glyph_count; i++) {
        const draw_glyph *g = &op->glyphs[i];
        bool c;
        codes[i] = pdffont_use(f, g->gid, op->text + g->text_start, g->text_len, &c);
        conflict |= c;
        if (g->text_len > 0) {
            if (text_start < 0 || g->text_start < text_start)
                text_start = g->text_start;
            if (g->text_start + g->text_len > text_end)
                text_end = g->text_start + g->text_len;
        }
    }
    if (conflict && text_start >= 0) {
        end_text(w);
        w->buf.n = 0;
        sb_printf(&w->buf, "/Span<</ActualText");
        sb_pdf_text_n(&w->buf, op->text + text_start, (size_t)(text_end - text_start));
        sb_printf(&w->buf, ">>BDC\n");
        HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)w->buf.v, (HPDF_UINT)w->buf.n);
    }
    if (!w->in_text) {
        HPDF_Page_BeginText(w->page);
        w->in_text = true;
        w->cur_font = NULL;
    }
    op_fill(w, op, op->gray);
    if (w->cur_font != f || w->cur_size != size) {
        HPDF_Page_SetFontAndSize(w->page, pdffont_handle(f), (HPDF_REAL)size);
        w->cur_font = f;
        w->cur_size = size;
    }
    HPDF_Page_SetTextMatrix(w->page, 1, 0, 0, 1, (HPDF_REAL)pdf_x(w, op->x),
                            (HPDF_REAL)pdf_y(w, op->y));
    /* [<codes> adj <codes> …] TJ: after each glyph, move by what layout
     * gave it minus what the font's width would give. */
    w->buf.n = 0;
    sb_printf(&w->buf, "[<");
    scaled rise = 0;
    for (int i = 0; i < op->glyph_count; i++) {
        const draw_glyph *g = &op->glyphs[i];
        if (g->y != rise) {
            /* A vertical offset (a mark): close the array, set the rise. */
            char r[32];
            fmt_real(r, sizeof r, pt(g->y));
            sb_printf(&w->buf, ">]TJ %s Ts [<", r);
            rise = g->y;
        }
        put_code(&w->buf, codes[i]);
        if (i + 1 < op->glyph_count) {
            double advance = pt(op->glyphs[i + 1].x - g->x) * 1000.0 / size;
            double adj = pdffont_width(f, g->gid) - advance;
            if (fabs(adj) >= 0.0005) {
                char a[32];
                fmt_real(a, sizeof a, adj);
                if (strcmp(a, "0") != 0)
                    put_adjustment(&w->buf, a);
            }
        }
    }
    sb_printf(&w->buf, ">]TJ\n");
    if (rise != 0)
        sb_printf(&w->buf, "0 Ts\n");
    HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)w->buf.v, (HPDF_UINT)w->buf.n);
    if (conflict && text_start >= 0) {
        end_text(w);
        HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)"EMC\n", 4);
    }
    free(codes);
}

/* The proof layer is an optional content group, so a reader can hide
 * it: made on first use, named in the catalog's OCProperties (on by
 * default) and in each page's resources as /Proof. */
static HPDF_Dict overlay_group(writer *w)
{
    if (w->overlay_group)
        return w->overlay_group;
    HPDF_MMgr mm = w->doc->mmgr;
    HPDF_Dict ocg = HPDF_Dict_New(mm);
    HPDF_Dict props = HPDF_Dict_New(mm), config = HPDF_Dict_New(mm);
    HPDF_Array ocgs = HPDF_Array_New(mm), order = HPDF_Array_New(mm), on = HPDF_Array_New(mm);
    if (!ocg || !props || !config || !ocgs || !order || !on)
        return NULL;
    HPDF_Xref_Add(w->doc->xref, ocg);
    HPDF_Dict_AddName(ocg, "Type", "OCG");
    HPDF_Dict_Add(ocg, "Name", HPDF_String_New(mm, "Proof marks", NULL));
    HPDF_Array_Add(ocgs, ocg);
    HPDF_Array_Add(order, ocg);
    HPDF_Array_Add(on, ocg);
    HPDF_Dict_Add(config, "Name", HPDF_String_New(mm, "Proof", NULL));
    HPDF_Dict_Add(config, "Order", order);
    HPDF_Dict_Add(config, "ON", on);
    HPDF_Dict_Add(props, "OCGs", ocgs);
    HPDF_Dict_Add(props, "D", config);
    HPDF_Dict_Add(w->doc->catalog, "OCProperties", props);
    w->overlay_group = ocg;
    return ocg;
}

static void raw(writer *w, const char *text)
{
    HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)text, (HPDF_UINT)strlen(text));
}

/* Enter or leave the proof layer: /OC /Proof BDC … EMC, outside text
 * objects. */
static void switch_layer(writer *w, int layer)
{
    if (layer == w->cur_layer)
        return;
    end_text(w);
    if (w->cur_layer == 1)
        raw(w, "EMC\n");
    if (layer == 1) {
        HPDF_Dict ocg = overlay_group(w);
        HPDF_Dict res = HPDF_Page_GetInheritableItem(w->page, "Resources", HPDF_OCLASS_DICT);
        if (!ocg || !res) {
            w->error = w->error ? w->error : HPDF_FAILD_TO_ALLOC_MEM;
            return;
        }
        HPDF_Dict props = HPDF_Dict_GetItem(res, "Properties", HPDF_OCLASS_DICT);
        if (!props) {
            props = HPDF_Dict_New(w->doc->mmgr);
            if (!props) {
                w->error = w->error ? w->error : HPDF_FAILD_TO_ALLOC_MEM;
                return;
            }
            HPDF_Dict_Add(res, "Properties", props);
            HPDF_Dict_Add(props, "Proof", ocg);
        }
        raw(w, "/OC /Proof BDC\n");
    }
    w->cur_layer = layer;
}

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

/* A run drawn as filled outlines instead of text.  Printer's marks are
 * artwork, not the edition's text: nothing outside the trim turns up when
 * the print file is searched or its text copied out. */
static void draw_glyph_paths(writer *w, const draw_op *op)
{
    hb_font_t *font = fontset_hb_font(w->fonts, op->face);
    int x_scale, y_scale;
    hb_font_get_scale(font, &x_scale, &y_scale);
    switch_layer(w, op->layer);
    end_text(w);
    op_fill(w, op, op->gray);
    HPDF_Dict res = HPDF_Page_GetInheritableItem(w->page, "Resources", HPDF_OCLASS_DICT);
    HPDF_Dict xobjects = res ? HPDF_Dict_GetItem(res, "XObject", HPDF_OCLASS_DICT) : NULL;
    if (res && !xobjects) {
        xobjects = HPDF_Dict_New(w->doc->mmgr);
        HPDF_Dict_Add(res, "XObject", xobjects);
    }
    if (!xobjects) {
        w->error = w->error ? w->error : HPDF_FAILD_TO_ALLOC_MEM;
        return;
    }
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
        raw(w, line);
    }
}

static void draw_op_pdf(writer *w, const draw_op *op)
{
    HPDF_Page pg = w->page;
    switch_layer(w, op->layer);
    switch (op->kind) {
    case DRAW_GLYPHS:
        draw_glyphs(w, op);
        break;
    case DRAW_RULE:
        end_text(w);
        HPDF_Page_SetLineWidth(pg, (HPDF_REAL)pt(op->weight));
        op_stroke(w, op);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)pdf_x(w, op->x), (HPDF_REAL)pdf_y(w, op->y));
        HPDF_Page_LineTo(pg, (HPDF_REAL)pdf_x(w, op->x2), (HPDF_REAL)pdf_y(w, op->y2));
        HPDF_Page_Stroke(pg);
        break;
    case DRAW_RECT: {
        end_text(w);
        if (op->fill >= 0) {
            scaled x = op->x, y = op->y, wd = op->w, ht = op->h;
            if (!op->has_color)
                bleed_out(w, &x, &y, &wd, &ht);
            op_fill(w, op, op->fill);
            HPDF_Page_Rectangle(pg, (HPDF_REAL)pdf_x(w, x), (HPDF_REAL)pdf_y(w, y + ht),
                                (HPDF_REAL)pt(wd), (HPDF_REAL)pt(ht));
            HPDF_Page_Fill(pg);
        }
        if (op->weight > 0) {
            HPDF_Page_SetLineWidth(pg, (HPDF_REAL)pt(op->weight));
            op_stroke(w, op);
            HPDF_Page_Rectangle(pg, (HPDF_REAL)pdf_x(w, op->x), (HPDF_REAL)pdf_y(w, op->y + op->h),
                                (HPDF_REAL)pt(op->w), (HPDF_REAL)pt(op->h));
            HPDF_Page_Stroke(pg);
        }
        break;
    }
    case DRAW_IMAGE:
        end_text(w);
        write_photo(w, op);
        break;
    }
}

/* Marked content of the structure (pdftag.h): outside text objects, so
 * that sequences and BT/ET never cross. */
static void close_mark(writer *w)
{
    if (!w->mark_open)
        return;
    end_text(w);
    raw(w, "EMC\n");
    w->mark_open = false;
}

static void open_mark(writer *w, tag_mark m)
{
    end_text(w);
    char buf[64];
    if (m.mcid >= 0)
        snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\n", m.role, m.mcid);
    else
        snprintf(buf, sizeof buf, "/%s BMC\n", m.role);
    raw(w, buf);
    w->mark_open = true;
    w->mark_seq = m.seq;
}

/* An op of the page's list inside the sequence pdftag gives it; the proof
 * layer's optional content is never inside one. */
static void draw_tagged(writer *w, const draw_op *op)
{
    tag_mark m = pdftag_mark(w->tags, op);
    if (w->mark_open && (m.seq != w->mark_seq || op->layer != w->cur_layer))
        close_mark(w);
    switch_layer(w, op->layer);
    if (!w->mark_open && m.role)
        open_mark(w, m);
    draw_op_pdf(w, op);
}

/* Start page po: its size, its boxes, where its trim sits. */
static bool begin_page(writer *w, const page_out *po)
{
    const template *t = &w->l->templates[w->e->pages[po->index].template_index];
    w->page = HPDF_AddPage(w->doc);
    if (!w->page)
        return false;
    w->print = w->opt->form == PDF_PRINT ? &t->print : NULL;
    w->page_w = po->width;
    w->page_h = po->height;
    place_trim(w);
    w->in_text = false;
    w->cur_font = NULL;
    w->cur_fill = -1;
    w->cur_layer = 0;
    return true;
}

/* Output intents and the rest of what the document says of itself. */
static bool describe(writer *w, const edition_out *eo, const pdfmeta_page *pages)
{
    pdfmeta_describe(w->doc, w->e, w->opt->form == PDF_ARCHIVE, w->opt->build_time);
    pdftag_finish(w->tags);
    pdfmeta_outline(w->doc, w->e, eo, pages);
    pdfmeta_page_labels(w->doc, eo);
    if (!output_intent(w))
        return false;
    pdfmeta_reserve_id(w->doc);
    return true;
}

bool pdf_write(const edition_out *eo, const edition *e, const layout *l, fontset *fonts,
               const pdf_options *opt, const char *path, pdf_stats *stats, diag *d)
{
    writer w = {.fonts = fonts, .d = d, .e = e, .l = l, .opt = opt,
                .stats = stats, .cur_fill = -1};
    memset(stats, 0, sizeof *stats);
    w.doc = HPDF_New(on_error, &w);
    if (!w.doc)
        return diag_env_error(d, (src_loc){path, 0, 0}, "libharu cannot create a document");
    w.face_count = fontset_count(w.fonts);
    w.font_of_face = xcalloc((size_t)w.face_count + 1, sizeof(pdf_font *));
    HPDF_SetCompressionMode(w.doc, HPDF_COMP_ALL);
    /* ActualText needs PDF 1.5; PDF/A-2 builds on 1.7. */
    w.doc->pdf_version = HPDF_VER_17;
    w.tags = pdftag_new(w.doc, eo, l);
    pdfmeta_page *pages = xcalloc((size_t)eo->page_count + 1, sizeof *pages);
    double t_pages = seconds_now();

    for (int p = 0; p < eo->page_count && !w.error; p++) {
        const page_out *po = &eo->pages[p];
        if (!begin_page(&w, po))
            break;
        pages[p] = (pdfmeta_page){w.page, w.ox, w.oy, pt(po->height)};
        pdftag_begin_page(w.tags, w.page, po);
        for (int i = 0; i < po->list.ops.n; i++)
            draw_tagged(&w, &po->list.ops.v[i]);
        close_mark(&w);
        switch_layer(&w, 0);
        pdftag_end_page(w.tags);
        if (w.print && w.print->marks && !opt->no_marks) {
            open_mark(&w, (tag_mark){"Artifact", -1, -1});
            for (int i = 0; i < po->slug.ops.n; i++) {
                const draw_op *op = &po->slug.ops.v[i];
                if (op->kind == DRAW_GLYPHS)
                    draw_glyph_paths(&w, op);
                else
                    draw_op_pdf(&w, op);
            }
            end_text(&w);
            write_marks(&w);
            close_mark(&w);
        }
        end_text(&w);
    }
    double t0 = seconds_now();
    stats->page_seconds = t0 - t_pages - stats->image_seconds;
    bool ok = !w.error && diag_error_count(d) == 0 && diag_env_error_count(d) == 0;
    ok = ok && finish_fonts(&w);
    stats->subset_seconds = seconds_now() - t0;
    ok = ok && check_fonts_embedded(&w, path) && describe(&w, eo, pages);
    if (ok)
        finish_streams(&w); /* what describe added: the archive's profile */
    t0 = seconds_now();
    if (w.error)
        ok = libharu_failed(&w, path);
    if (ok)
        ok = save_pdf(&w, path, &stats->bytes);
    stats->write_seconds = seconds_now() - t0;
    for (int f = 0; f < w.face_count; f++)
        pdffont_free(w.font_of_face[f]);
    free(w.font_of_face);
    free(pages);
    free(w.cmyk.data);
    VEC_FREE(w.buf);
    pdftag_free(w.tags);
    HPDF_Free(w.doc);
    for (int i = 0; i < w.images.n; i++)
        pdfimage_free(&w.images.v[i]);
    VEC_FREE(w.images);
    VEC_FREE(w.glyph_forms);
    return ok;
}

void pdf_stats_free(pdf_stats *stats) { VEC_FREE(stats->photos); }
