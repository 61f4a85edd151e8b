/* draw.c — the display list's ops as operators of the page's content
 * stream: glyph runs as TJ, rules, rectangles, the text state and the ink
 * (writer.h).  Photos are photos.c's. */
#include "pdf/writer.h"

#include <hpdf_pages.h>
#include <hpdf_utils.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HPDF_Stream page_stream(writer *w)
{
    /* libharu 2.3.0 has no public call to write raw content: the page's
     * stream is reached through its private attribute. */
    return ((HPDF_PageAttr)w->page->attr)->stream;
}

void write_raw(writer *w, const char *text)
{
    HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)text, (HPDF_UINT)strlen(text));
}

/* What w->buf holds, into the page's stream. */
static void write_buf(writer *w)
{
    HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)w->buf.v, (HPDF_UINT)w->buf.n);
}

/* What "%.3f" prints, trimmed: it is written for every glyph of
 * justified text (its TJ adjustment), where snprintf took a fifth of a
 * page's time: the thousandths are rounded here, and only a value within a
 * hair of a tie, where the exact binary value decides, goes to snprintf. */
void fmt_real(char *out, size_t size, double v)
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

void end_text(writer *w)
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

void op_fill(writer *w, const draw_op *op, double ink)
{
    const ink_spec *k = op_ink(w, op);
    if (op->has_color)
        set_mark_colour(w, op->cmyk, false);
    else if (k)
        set_ink(w, k, ink, false);
    else
        set_fill(w, ink);
}

static void op_stroke(writer *w, const draw_op *op)
{
    const ink_spec *k = op_ink(w, op);
    if (op->has_color)
        set_mark_colour(w, op->cmyk, true);
    else if (k)
        set_ink(w, k, op->gray, true);
    else
        set_stroke(w, op->gray);
}

static pdf_font *font_for(writer *w, int face)
{
    if (!w->font_of_face[face])
        w->font_of_face[face] = pdffont_new(w->doc, w->fonts, face, w->opt->cache_dir);
    return w->font_of_face[face];
}

/* The codes of the run's glyphs, each recorded as used with its text;
 * the span of the run's text in *text_start, *text_end.  True when a code
 * already stands for another text in the font's ToUnicode map: the run
 * must then carry its text as ActualText. */
static bool glyph_codes(pdf_font *f, const draw_op *op, unsigned *codes, int *text_start,
                        int *text_end)
{
    bool conflict = false;
    for (int i = 0; i < op->glyph_count; i++) {
        const draw_glyph *g = &op->glyphs[i];
        bool c;
        codes[i] = pdffont_use(f, g->gid, op->text + g->text_start, g->text_len, &c);
        /* A glyph that is not in the text (a hyphen at a line's end) must
         * not be read as its character: the run says what it shows. */
        conflict |= c || g->added;
        if (g->text_len > 0) {
            if (*text_start < 0 || g->text_start < *text_start)
                *text_start = g->text_start;
            if (g->text_start + g->text_len > *text_end)
                *text_end = g->text_start + g->text_len;
        }
    }
    return conflict;
}

/* "1 0 0 1 x y Tm", each number as HPDF_Page_SetTextMatrix writes it
 * (libharu's own HPDF_FToA), so the bytes are its; but not through it: it
 * checks the page's state and clears 512 bytes a byte at a time for every
 * line, a tenth of drawing a page. */
static void set_text_origin(writer *w, double x, double y)
{
    char buf[80] = "1 0 0 1 ";
    char *end = buf + sizeof buf - 8, *p = buf + strlen(buf);
    p = HPDF_FToA(p, (HPDF_REAL)x, end);
    *p++ = ' ';
    p = HPDF_FToA(p, (HPDF_REAL)y, end);
    memcpy(p, " Tm\n", 5);
    write_raw(w, buf);
}

/* Inside a text object, with the run's colour, font and size, at the
 * run's origin. */
static void set_text_state(writer *w, const draw_op *op, pdf_font *f, double size)
{
    set_overprint(w, op_overprints(w, op, op->gray));
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
    set_text_origin(w, pdf_x(w, op->x), pdf_y(w, op->y));
}

/* [<codes> adj <codes> …] TJ: after each glyph, move by what layout gave
 * it minus what the font's width would give. */
static void put_tj(strbuf *b, pdf_font *f, const draw_op *op, const unsigned *codes, double size)
{
    sb_str(b, "[<");
    scaled rise = 0;
    for (int i = 0; i < op->glyph_count; i++) {
        const draw_glyph *g = &op->glyphs[i];
        if (g->y != rise) {
            /* A vertical offset (a mark): close the array, set the rise. */
            char r[32];
            fmt_real(r, sizeof r, pt(g->y));
            sb_printf(b, ">]TJ %s Ts [<", r);
            rise = g->y;
        }
        put_code(b, codes[i]);
        if (i + 1 < op->glyph_count) {
            double advance = pt(op->glyphs[i + 1].x - g->x) * 1000.0 / size;
            double adj = pdffont_width(f, g->gid) - advance;
            if (fabs(adj) >= 0.0005) {
                char a[32];
                fmt_real(a, sizeof a, adj);
                if (strcmp(a, "0") != 0)
                    put_adjustment(b, a);
            }
        }
    }
    sb_str(b, ">]TJ\n");
    if (rise != 0)
        sb_str(b, "0 Ts\n");
}

/* A run of glyphs as text: codes of our Type0 font, each glyph where
 * layout put it. */
static void show_glyphs(writer *w, const draw_op *op)
{
    pdf_font *f = font_for(w, op->face);
    double size = pt(op->size);
    unsigned *codes = xmalloc(sizeof(unsigned) * (size_t)(op->glyph_count + 1));
    int text_start = -1, text_end = -1;
    bool actual_text = glyph_codes(f, op, codes, &text_start, &text_end);
    if (text_start < 0)
        text_start = text_end = 0; /* a run of added glyphs alone shows no text */
    if (actual_text) {
        end_text(w);
        w->buf.n = 0;
        sb_str(&w->buf, "/Span<</ActualText");
        sb_pdf_text_n(&w->buf, op->text + text_start, (size_t)(text_end - text_start));
        sb_str(&w->buf, ">>BDC\n");
        write_buf(w);
    }
    set_text_state(w, op, f, size);
    w->buf.n = 0;
    put_tj(&w->buf, f, op, codes, size);
    write_buf(w);
    if (actual_text) {
        end_text(w);
        write_raw(w, "EMC\n");
    }
    free(codes);
}

static void stroke_rule(writer *w, const draw_op *op)
{
    HPDF_Page pg = w->page;
    set_overprint(w, op_overprints(w, op, op->gray));
    HPDF_Page_SetLineWidth(pg, (HPDF_REAL)pt(op->weight));
    op_stroke(w, op);
    HPDF_Page_MoveTo(pg, (HPDF_REAL)pdf_x(w, op->x), (HPDF_REAL)pdf_y(w, op->y));
    HPDF_Page_LineTo(pg, (HPDF_REAL)pdf_x(w, op->x2), (HPDF_REAL)pdf_y(w, op->y2));
    HPDF_Page_Stroke(pg);
}

/* A tint (run out into the bleed unless it is the proof layer's) and a
 * frame, either or both. */
static void paint_rect(writer *w, const draw_op *op)
{
    HPDF_Page pg = w->page;
    if (op->fill >= 0) {
        scaled x = op->x, y = op->y, wd = op->w, ht = op->h;
        if (!op->has_color)
            bleed_out(w, &x, &y, &wd, &ht);
        set_overprint(w, op_overprints(w, op, op->fill));
        op_fill(w, op, op->fill);
        HPDF_Page_Rectangle(pg, (HPDF_REAL)pdf_x(w, x), (HPDF_REAL)pdf_y(w, y + ht),
                            (HPDF_REAL)pt(wd), (HPDF_REAL)pt(ht));
        HPDF_Page_Fill(pg);
    }
    if (op->weight > 0) {
        set_overprint(w, op_overprints(w, op, op->gray));
        HPDF_Page_SetLineWidth(pg, (HPDF_REAL)pt(op->weight));
        op_stroke(w, op);
        HPDF_Page_Rectangle(pg, (HPDF_REAL)pdf_x(w, op->x), (HPDF_REAL)pdf_y(w, op->y + op->h),
                            (HPDF_REAL)pt(op->w), (HPDF_REAL)pt(op->h));
        HPDF_Page_Stroke(pg);
    }
}

/* The proof's labels are marks, and so are the glyphs layout adds to the
 * text: the hyphen at a line's end and a listing's wrap mark, drawn as
 * outlines that no reader (pdf.js and MuPDF take no ActualText) copies
 * as a character of the text. */
static bool shows_no_text(const draw_op *op)
{
    for (int i = 0; i < op->glyph_count; i++)
        if (!op->glyphs[i].added)
            return false;
    return op->glyph_count > 0;
}

void write_op(writer *w, const draw_op *op)
{
    switch_layer(w, op->layer);
    if (op->kind == DRAW_GLYPHS && (op->layer == 1 || shows_no_text(op))) {
        write_glyph_paths(w, op); /* marks, not text */
        return;
    }
    if (op->kind == DRAW_GLYPHS) {
        show_glyphs(w, op);
        return;
    }
    end_text(w); /* paths and images stand outside text objects */
    switch (op->kind) {
    case DRAW_RULE:
        stroke_rule(w, op);
        break;
    case DRAW_RECT:
        paint_rect(w, op);
        break;
    case DRAW_IMAGE:
        write_photo(w, op);
        break;
    case DRAW_FORM:
        write_form(w, op);
        break;
    case DRAW_GLYPHS:
        break;
    }
}
