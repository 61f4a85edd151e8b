/* writer.c — pdf_write: the document's life, page by page (writer.h). */
#include "pdf/writer.h"

#include "pdf/pdfmeta.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
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
    w->overprint = false; /* a page starts knocking out */
    w->cur_layer = 0;
    return true;
}

/* Page po, its display list inside the structure's marked content, then
 * what the print form adds outside the trim; its contents handed to be
 * deflated while the next pages are drawn. */
static bool write_page(writer *w, const page_out *po, pdfmeta_page *meta)
{
    if (!begin_page(w, po))
        return false;
    *meta = (pdfmeta_page){w->page, w->ox, w->oy, pt(po->height)};
    pdftag_begin_page(w->tags, w->page, po);
    for (int i = 0; i < po->list.ops.n; i++) {
        w->overlay |= po->list.ops.v[i].layer == 1;
        write_tagged_op(w, &po->list.ops.v[i]);
    }
    close_mark(w);
    switch_layer(w, 0);
    pdftag_end_page(w->tags);
    if (w->print && w->print->marks && !w->opt->no_marks)
        write_slug(w, po);
    end_text(w);
    if (!w->error)
        deflate_page(w, ((HPDF_PageAttr)w->page->attr)->contents);
    return true;
}

/* The press the whole edition goes to: the first page's template's. */
const print_spec *edition_print(const writer *w)
{
    return &w->l->templates[w->e->pages[0].template_index].print;
}

/* What the file claims to be: the archive PDF/A-2b, the print form the
 * PDF/X part its template asks for; a proof, with its overlay, nothing:
 * it is not for the press. */
static pdf_claim document_claim(const writer *w)
{
    if (w->opt->form == PDF_ARCHIVE)
        return CLAIM_PDFA_2B;
    if (w->overlay)
        return CLAIM_NONE;
    return edition_print(w)->pdfx == PDFX_1A ? CLAIM_PDFX_1A : CLAIM_PDFX_4;
}

/* The document ID: a digest of what the document is made from (pdf.h):
 * its inputs, the form and build time, the edition's articles, and each
 * face embedded by name, size and the checksum of its file (head's
 * checkSumAdjustment).  Taken from what the writer holds, it costs
 * nothing like digesting the file written, megabytes of photos. */
static void document_id(const writer *w, unsigned char id[16])
{
    digest dg;
    if (w->opt->inputs)
        dg = *w->opt->inputs;
    else
        digest_init(&dg);
    char text[256];
    snprintf(text, sizeof text, "paiban document id 1; form %d%s%s; claim %d; built %lld; %d pages",
             (int)w->opt->form, w->opt->no_marks ? ", no marks" : "",
             w->overlay ? ", proof" : "", (int)document_claim(w),
             (long long)w->opt->build_time, w->pages.n);
    digest_add_str(&dg, text);
    digest_add_str(&dg, w->e->paper ? w->e->paper : "");
    for (int a = 0; a < w->e->article_count; a++) {
        digest_add_str(&dg, w->e->articles[a]->id);
        digest_add_str(&dg, w->e->articles[a]->headline.text ? w->e->articles[a]->headline.text : "");
    }
    for (int f = 0; f < w->face_count; f++) {
        if (!w->font_of_face[f])
            continue;
        const face_info *fi = fontset_info(w->fonts, f);
        hb_blob_t *head = hb_face_reference_table(fontset_hb_face(w->fonts, f),
                                                  HB_TAG('h', 'e', 'a', 'd'));
        unsigned len;
        const char *h = hb_blob_get_data(head, &len);
        snprintf(text, sizeof text, "%s %u glyphs, %d upem, %u glyphs used", fi->ps_name,
                 fi->glyph_count, fi->upem, pdffont_glyph_count(w->font_of_face[f]));
        digest_add_str(&dg, text);
        if (len >= 12)
            digest_add(&dg, h + 8, 4);
        hb_blob_destroy(head);
    }
    unsigned char all[32];
    digest_bytes(&dg, all);
    memcpy(id, all, 16);
}

/* Output intents and the rest of what the document says of itself. */
static bool describe(writer *w, const edition_out *eo, const pdfmeta_page *pages)
{
    pdfmeta_describe(w->doc, w->e, document_claim(w), w->opt->build_time);
    pdftag_finish(w->tags);
    pdfmeta_outline(w->doc, w->e, eo, pages);
    pdfmeta_page_labels(w->doc, eo);
    if (!output_intent(w))
        return false;
    unsigned char id[16];
    document_id(w, id);
    pdfmeta_set_id(w->doc, id);
    /* ActualText needs PDF 1.5; PDF/A-2 builds on 1.7, PDF/X-4 on 1.6 and
     * PDF/X-1a:2003 on 1.4.  Set last: libharu sets 1.4 when it makes an
     * ExtGState. */
    pdf_claim claim = document_claim(w);
    w->doc->pdf_version = claim == CLAIM_PDFX_4   ? HPDF_VER_16
                          : claim == CLAIM_PDFX_1A ? HPDF_VER_14
                                                   : HPDF_VER_17;
    return true;
}

/* All the writer holds, freed. */
static void close_document(writer *w)
{
    deflated_pages_in(w, true);
    deflater_free(w);
    for (int f = 0; f < w->face_count; f++)
        pdffont_free(w->font_of_face[f]);
    free(w->font_of_face);
    free(w->cmyk.data);
    free(w->ink_spaces);
    free(w->ink_srgb);
    VEC_FREE(w->buf);
    pdftag_free(w->tags);
    HPDF_Free(w->doc);
    for (int i = 0; i < w->images.n; i++)
        pdfimage_free(&w->images.v[i]);
    VEC_FREE(w->images);
    VEC_FREE(w->glyph_forms);
    VEC_FREE(w->forms);
    VEC_FREE(w->pages);
    free(w);
}

writer *pdf_open(const edition *e, const layout *l, fontset *fonts, const pdf_options *opt,
                 const char *path, pdf_stats *stats, diag *d)
{
    writer *w = xcalloc(1, sizeof *w);
    *w = (writer){.fonts = fonts, .d = d, .e = e, .l = l, .opt = opt, .stats = stats,
                  .cur_fill = -1};
    memset(stats, 0, sizeof *stats);
    w->doc = HPDF_New(on_error, w);
    if (!w->doc) {
        free(w);
        diag_env_error(d, (src_loc){path, 0, 0}, "libharu cannot create a document");
        return NULL;
    }
    w->face_count = fontset_count(w->fonts);
    w->font_of_face = xcalloc((size_t)w->face_count + 1, sizeof(pdf_font *));
    HPDF_SetCompressionMode(w->doc, HPDF_COMP_ALL);
    w->tags = pdftag_new(w->doc, w->l, e->article_count);
    return w;
}

bool pdf_add_page(writer *w, const page_out *po)
{
    double t0 = seconds_now(), images = w->stats->image_seconds;
    deflated_pages_in(w, false);
    bool ok = !w->error && write_page(w, po, VEC_PUSH(w->pages));
    w->stats->page_seconds += seconds_now() - t0 - (w->stats->image_seconds - images);
    return ok && !w->error;
}

bool pdf_close(writer *w, const edition_out *eo, const char *path)
{
    pdf_stats *stats = w->stats;
    diag *d = w->d;
    deflated_pages_in(w, true);
    double t0 = seconds_now();
    bool ok = !w->error && w->pages.n == eo->page_count && diag_error_count(d) == 0 &&
              diag_env_error_count(d) == 0;
    ok = ok && finish_fonts(w);
    stats->subset_seconds = seconds_now() - t0;
    ok = ok && check_fonts_embedded(w, path) && describe(w, eo, w->pages.v);
    if (ok)
        finish_streams(w); /* what describe added: the archive's profile */
    t0 = seconds_now();
    if (w->error)
        ok = libharu_failed(w, path);
    if (ok)
        ok = save_pdf(w, path, &stats->bytes);
    stats->write_seconds = seconds_now() - t0;
    close_document(w);
    return ok;
}

bool pdf_write(const edition_out *eo, const edition *e, const layout *l, fontset *fonts,
               const pdf_options *opt, const char *path, pdf_stats *stats, diag *d)
{
    writer *w = pdf_open(e, l, fonts, opt, path, stats, d);
    if (!w)
        return false;
    for (int p = 0; p < eo->page_count; p++)
        if (!pdf_add_page(w, &eo->pages[p]))
            break;
    return pdf_close(w, eo, path);
}

void pdf_stats_free(pdf_stats *stats) { VEC_FREE(stats->photos); }
