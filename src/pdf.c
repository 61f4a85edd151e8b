/* pdf.c — pages, text, rules and photos, into a PDF in memory. */
#include "pdf.h"

#include "image.h"
#include "pdffont.h"
#include "utf8.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct writer {
    HPDF_Doc doc;
    fontset *fonts;
    const file_source *files; /* where photos are read */
    diag *d;
    pdf_font **font_of_face;
    int face_count;
    HPDF_STATUS error, detail;  /* first libharu error */
    struct {
        const char *path;
        HPDF_Image image;
    } images[64];
    int image_count;
    /* per page */
    HPDF_Page page;
    scaled page_h;
    bool in_text;
    pdf_font *cur_font;
    double cur_size;
    double cur_fill;
    VEC(char) buf;
} writer;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    writer *w = user;
    if (!w->error) {
        w->error = error_no;
        w->detail = detail_no;
    }
}

static double pt(scaled s) { return pt_from_scaled(s); }

static void buf_printf(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    VEC_GROW(w->buf, w->buf.n + n + 1);
    va_start(ap, fmt);
    vsnprintf(w->buf.v + w->buf.n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    w->buf.n += n;
}

static HPDF_Stream page_stream(writer *w)
{
    /* libharu 2.3.0 has no public call to write raw content; the page's
     * stream is its attribute's (pdf-fonts.md §6). */
    return ((HPDF_PageAttr)w->page->attr)->stream;
}

/* A real number as PDF wants it: up to 3 decimals, no trailing zeros. */
static void fmt_real(char *out, size_t size, double v)
{
    if (fabs(v) < 0.0005)
        v = 0;
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

static void end_text(writer *w)
{
    if (w->in_text) {
        HPDF_Page_EndText(w->page);
        w->in_text = false;
    }
}

static void set_fill(writer *w, double ink)
{
    if (w->cur_fill == ink)
        return;
    HPDF_Page_SetCMYKFill(w->page, 0, 0, 0, (HPDF_REAL)ink);
    w->cur_fill = ink;
}

static pdf_font *font_for(writer *w, int face)
{
    if (!w->font_of_face[face])
        w->font_of_face[face] = pdffont_new(w->doc, w->fonts, face);
    return w->font_of_face[face];
}

static void utf16be_hex(writer *w, const char *text, int len)
{
    unsigned char *be = xmalloc((size_t)len * 2 + 2);
    size_t n = utf8_to_utf16be(text, (size_t)len, be);
    buf_printf(w, "<FEFF");
    for (size_t i = 0; i < n; i++)
        buf_printf(w, "%02X", be[i]);
    buf_printf(w, ">");
    free(be);
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
        buf_printf(w, "/Span<</ActualText");
        utf16be_hex(w, op->text + text_start, text_end - text_start);
        buf_printf(w, ">>BDC\n");
        HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)w->buf.v, (HPDF_UINT)w->buf.n);
    }
    if (!w->in_text) {
        HPDF_Page_BeginText(w->page);
        w->in_text = true;
        w->cur_font = NULL;
    }
    set_fill(w, op->gray);
    if (w->cur_font != f || w->cur_size != size) {
        HPDF_Page_SetFontAndSize(w->page, pdffont_handle(f), (HPDF_REAL)size);
        w->cur_font = f;
        w->cur_size = size;
    }
    HPDF_Page_SetTextMatrix(w->page, 1, 0, 0, 1, (HPDF_REAL)pt(op->x),
                            (HPDF_REAL)pt(w->page_h - op->y));
    /* [<codes> adj <codes> …] TJ: after each glyph, move by what layout
     * gave it minus what the font's width would give. */
    w->buf.n = 0;
    buf_printf(w, "[<");
    scaled rise = 0;
    for (int i = 0; i < op->glyph_count; i++) {
        const draw_glyph *g = &op->glyphs[i];
        if (g->y != rise) {
            /* A vertical offset (a mark): close the array, set the rise. */
            char r[32];
            fmt_real(r, sizeof r, pt(g->y));
            buf_printf(w, ">]TJ %s Ts [<", r);
            rise = g->y;
        }
        buf_printf(w, "%04X", codes[i]);
        if (i + 1 < op->glyph_count) {
            double advance = pt(op->glyphs[i + 1].x - g->x) * 1000.0 / size;
            double adj = pdffont_width(f, g->gid) - advance;
            if (fabs(adj) >= 0.0005) {
                char a[32];
                fmt_real(a, sizeof a, adj);
                if (strcmp(a, "0") != 0)
                    buf_printf(w, ">%s<", a);
            }
        }
    }
    buf_printf(w, ">]TJ\n");
    if (rise != 0)
        buf_printf(w, "0 Ts\n");
    HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)w->buf.v, (HPDF_UINT)w->buf.n);
    if (conflict && text_start >= 0) {
        end_text(w);
        HPDF_Stream_Write(page_stream(w), (const HPDF_BYTE *)"EMC\n", 4);
    }
    free(codes);
}

/* Embed a photo: a JPEG as it is, a PNG decoded (see image.h).  NULL,
 * with an input error naming the file, when it cannot be. */
static HPDF_Image embed_image(writer *w, const char *path)
{
    src_loc where = {path, 0, 0};
    char *data;
    size_t len;
    if (!files_read(w->files, path, IMAGE_MAX_BYTES, &data, &len)) {
        diag_error(w->d, where, "cannot read the photo: %s", strerror(errno));
        return NULL;
    }
    HPDF_Image img = NULL;
    image_kind kind;
    bool reported = false;
    if (!image_sniff(data, len, &kind)) {
        diag_error(w->d, where, "the photo is neither JPEG nor PNG");
        reported = true;
    } else if (kind == IMAGE_JPEG) {
        img = HPDF_LoadJpegImageFromMem(w->doc, (const HPDF_BYTE *)data, (HPDF_UINT)len);
    } else {
        image_pixels px;
        char problem[200];
        if (image_decode_png(data, len, &px, problem, sizeof problem)) {
            img = HPDF_LoadRawImageFromMem(
                w->doc, px.data, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
                px.components == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
            free(px.data);
        } else {
            diag_error(w->d, where, "the photo is a damaged PNG file (%s)", problem);
            reported = true;
        }
    }
    free(data);
    if (!img && !reported) {
        /* The photo's fault, not the machine's: report it as input and
         * let the document go on. */
        diag_error(w->d, where,
                   "libharu cannot embed this photo (error 0x%04X); save it as baseline JPEG "
                   "or PNG",
                   (unsigned)w->error);
        w->error = w->detail = 0;
        HPDF_ResetError(w->doc);
    }
    return img;
}

static HPDF_Image load_image(writer *w, const char *path)
{
    for (int i = 0; i < w->image_count; i++)
        if (strcmp(w->images[i].path, path) == 0)
            return w->images[i].image;
    HPDF_Image img = embed_image(w, path);
    if (img && w->image_count < (int)countof(w->images)) {
        w->images[w->image_count].path = path;
        w->images[w->image_count].image = img;
        w->image_count++;
    }
    return img;
}

static void draw_op_pdf(writer *w, const draw_op *op)
{
    HPDF_Page pg = w->page;
    double H = pt(w->page_h);
    switch (op->kind) {
    case DRAW_GLYPHS:
        draw_glyphs(w, op);
        break;
    case DRAW_RULE:
        end_text(w);
        HPDF_Page_SetLineWidth(pg, (HPDF_REAL)pt(op->weight));
        HPDF_Page_SetCMYKStroke(pg, 0, 0, 0, (HPDF_REAL)op->gray);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)pt(op->x), (HPDF_REAL)(H - pt(op->y)));
        HPDF_Page_LineTo(pg, (HPDF_REAL)pt(op->x2), (HPDF_REAL)(H - pt(op->y2)));
        HPDF_Page_Stroke(pg);
        break;
    case DRAW_RECT: {
        end_text(w);
        double x = pt(op->x), y = H - pt(op->y) - pt(op->h), wd = pt(op->w), ht = pt(op->h);
        if (op->fill >= 0) {
            set_fill(w, op->fill);
            HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)wd, (HPDF_REAL)ht);
            HPDF_Page_Fill(pg);
        }
        if (op->weight > 0) {
            HPDF_Page_SetLineWidth(pg, (HPDF_REAL)pt(op->weight));
            HPDF_Page_SetCMYKStroke(pg, 0, 0, 0, (HPDF_REAL)op->gray);
            HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)wd, (HPDF_REAL)ht);
            HPDF_Page_Stroke(pg);
        }
        break;
    }
    case DRAW_IMAGE: {
        end_text(w);
        HPDF_Image img = load_image(w, op->image);
        if (!img)
            break;
        double x = pt(op->x), y = H - pt(op->y) - pt(op->h), wd = pt(op->w), ht = pt(op->h);
        double vw = 1 - op->crop[0] - op->crop[2], vh = 1 - op->crop[1] - op->crop[3];
        double full_w = wd / vw, full_h = ht / vh;
        HPDF_Page_GSave(pg);
        HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)wd, (HPDF_REAL)ht);
        HPDF_Page_Clip(pg);
        HPDF_Page_EndPath(pg);
        HPDF_Page_DrawImage(pg, img, (HPDF_REAL)(x - op->crop[0] * full_w),
                            (HPDF_REAL)(y - op->crop[3] * full_h), (HPDF_REAL)full_w,
                            (HPDF_REAL)full_h);
        HPDF_Page_GRestore(pg);
        w->cur_fill = -1; /* GRestore resets colour */
        break;
    }
    }
}

static void set_info_text(writer *w, const char *key, const char *utf8)
{
    /* Info strings as UTF-16BE with a byte order mark, which libharu's own
     * setter cannot produce for Chinese. */
    size_t len = strlen(utf8);
    unsigned char *out = xmalloc(len * 2 + 2);
    out[0] = 0xFE;
    out[1] = 0xFF;
    size_t n = 2 + utf8_to_utf16be(utf8, len, out + 2);
    HPDF_Dict_Add(w->doc->info, key, HPDF_Binary_New(w->doc->mmgr, out, (HPDF_UINT)n));
    free(out);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

bool pdf_render(const edition_out *eo, const edition *e, fontset *fonts, const char *name,
                unsigned char **pdf, size_t *pdf_len, pdf_stats *stats, diag *d)
{
    writer w = {.fonts = fonts, .files = e->files, .d = d, .cur_fill = -1};
    *pdf = NULL;
    *pdf_len = 0;
    memset(stats, 0, sizeof *stats);
    w.doc = HPDF_New(on_error, &w);
    if (!w.doc)
        return diag_env_error(d, (src_loc){name, 0, 0}, "libharu cannot create a document");
    w.face_count = fontset_count(fonts);
    w.font_of_face = xcalloc((size_t)w.face_count + 1, sizeof(pdf_font *));
    HPDF_SetCompressionMode(w.doc, HPDF_COMP_ALL);
    /* ActualText needs PDF 1.5; PDF/A-2 builds on 1.7. */
    w.doc->pdf_version = HPDF_VER_17;

    for (int p = 0; p < eo->page_count && !w.error; p++) {
        const page_out *po = &eo->pages[p];
        w.page = HPDF_AddPage(w.doc);
        if (!w.page)
            break;
        HPDF_Page_SetWidth(w.page, (HPDF_REAL)pt(po->width));
        HPDF_Page_SetHeight(w.page, (HPDF_REAL)pt(po->height));
        w.page_h = po->height;
        w.in_text = false;
        w.cur_font = NULL;
        w.cur_fill = -1;
        for (int i = 0; i < po->list.ops.n; i++)
            draw_op_pdf(&w, &po->list.ops.v[i]);
        end_text(&w);
    }
    double t0 = seconds_now();
    bool ok = !w.error && diag_error_count(d) == 0;
    for (int f = 0; f < w.face_count && ok; f++) {
        if (w.font_of_face[f]) {
            ok &= pdffont_finish(w.font_of_face[f], d);
            stats->fonts++;
        }
    }
    stats->subset_seconds = seconds_now() - t0;
    if (ok) {
        char date[64], weekday[32];
        compose_date_strings(e, date, sizeof date, weekday, sizeof weekday);
        HPDF_SetInfoAttr(w.doc, HPDF_INFO_PRODUCER, "paiban");
        if (w.doc->info) {
            char *title = xasprintf("%s %s", e->paper, date);
            set_info_text(&w, "Title", title);
            set_info_text(&w, "Author", e->paper);
            free(title);
        }
    }
    t0 = seconds_now();
    if (ok && !w.error)
        HPDF_SaveToStream(w.doc);
    if (w.error) {
        diag_env_error(d, (src_loc){name, 0, 0},
                       "libharu failed with error 0x%04X (detail %u) while writing the PDF",
                       (unsigned)w.error, (unsigned)w.detail);
        ok = false;
    }
    if (ok) {
        HPDF_UINT32 size = HPDF_GetStreamSize(w.doc);
        unsigned char *bytes = xmalloc(size + 1);
        HPDF_UINT32 got = size;
        HPDF_ReadFromStream(w.doc, bytes, &got);
        if (got != size) {
            diag_env_error(d, (src_loc){name, 0, 0}, "libharu returned a short PDF stream");
            free(bytes);
            ok = false;
        } else {
            *pdf = bytes;
            *pdf_len = size;
            stats->bytes = (long)size;
        }
    }
    stats->write_seconds = seconds_now() - t0;
    for (int f = 0; f < w.face_count; f++)
        pdffont_free(w.font_of_face[f]);
    free(w.font_of_face);
    VEC_FREE(w.buf);
    HPDF_Free(w.doc);
    return ok;
}
