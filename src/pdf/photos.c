/* photos.c — a photo of the display list placed on the page: cropped,
 * run out into the bleed, loaded once per file and crop (pdfimage.h) and
 * preflighted (writer.h). */
#include "pdf/writer.h"

#include "input/image.h"

#include <hpdf_doc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The effective resolution of a picture of w × h pixels spanning
 * full_w × full_h pt: the lower of both directions. */
static double effective_ppi(int w, int h, double full_w, double full_h)
{
    return fmin(w / (full_w / 72), h / (full_h / 72));
}

/* The photo at path as an image of the document, of which the part
 * `visible` (left, top, right, bottom, in fractions) shows, the whole
 * picture spanning full_w × full_h pt; NULL when it cannot be
 * (reported). */
static const pdf_image *load_image(writer *w, const char *path, const double visible[4],
                                   double full_w, double full_h, src_loc where)
{
    for (int i = 0; i < w->images.n; i++)
        if (strcmp(w->images.v[i].path, path) == 0 &&
            memcmp(w->images.v[i].visible, visible, sizeof w->images.v[i].visible) == 0 &&
            w->images.v[i].ppi == effective_ppi(w->images.v[i].width, w->images.v[i].height,
                                                full_w, full_h))
            return &w->images.v[i];
    pdfimage_options o = {0};
    if (w->print && w->print->convert_rgb) {
        if (!load_cmyk_profile(w, w->print))
            return NULL;
        o.rgb_to_cmyk = true;
        o.cmyk_profile = w->cmyk.data;
        o.cmyk_profile_len = w->cmyk.len;
        o.ink_limit = w->print->ink_limit;
        o.quality = w->print->jpeg_quality;
        o.max_ppi = w->print->max_ppi;
    }
    /* Read once: what was checked is what goes in. */
    char *data;
    size_t len;
    image_info info;
    if (!image_read(w->e->files, path, &data, &len, where, w->d))
        return NULL;
    if (!image_check(data, len, path, false, &info, where, w->d)) {
        free(data);
        return NULL;
    }
    if (!w->print) {
        /* PDF/A allows DeviceCMYK only under a CMYK output intent: tag CMYK
         * photos with the press profile instead. */
        if (info.components == 4 && !archive_cmyk_space(w)) {
            free(data);
            return NULL;
        }
        o.cmyk_space = w->cmyk_space;
    }
    o.cache_dir = w->opt->cache_dir;
    o.ppi = effective_ppi(info.width, info.height, full_w, full_h);
    memcpy(o.visible, visible, sizeof o.visible);
    pdf_image img;
    double t0 = seconds_now();
    HPDF_STATUS error_before = w->error;
    bool loaded = pdfimage_load(w->doc, data, len, &info, path, &o, &img, where, w->d);
    w->stats->image_seconds += seconds_now() - t0;
    if (!loaded) {
        /* A photo libharu refuses is the input's fault, reported as such:
         * not a failure of the writer. */
        if (!error_before) {
            w->error = 0;
            w->detail = 0;
            HPDF_ResetError(w->doc);
        }
        return NULL;
    }
    *VEC_PUSH(w->images) = img;
    return &w->images.v[w->images.n - 1];
}

/* Preflight of one placed photo: its effective resolution (pixels over
 * the inches the whole picture spans once cropped and scaled) and, for the
 * press, its colour. */
static void preflight_photo(writer *w, const draw_op *op, const pdf_image *img, src_loc where)
{
    const char *article_id = op->article >= 0 && op->article < w->e->article_count
                              ? w->e->articles[op->article]->id
                              : "";
    /* A picture of no article is the masthead's logotype. */
    char whose[256];
    if (article_id[0])
        snprintf(whose, sizeof whose, "the photo %s of article \"%s\"", op->image, article_id);
    else
        snprintf(whose, sizeof whose, "the logo %s of the masthead", op->image);
    double ppi = img->ppi;
    pdf_photo_report *r = VEC_PUSH(w->stats->photos);
    *r = (pdf_photo_report){
        .loc = where,
        .article = article_id,
        .file = op->image,
        .width = img->width,
        .height = img->height,
        .printed_w = pt(op->w) / MM_TO_PT,
        .printed_h = pt(op->h) / MM_TO_PT,
        .ppi = ppi,
        /* Downsampled: the pixels embedded over the inches they span. */
        .embedded_ppi = ppi * (img->out_w + 0.0) / (img->x1 - img->x0),
        .quality = img->quality,
        .bytes = (long)img->bytes,
        .colour = img->converted           ? "RGB → CMYK"
                  : img->components == 4 ? "CMYK"
                  : img->components == 3 ? "RGB"
                                         : "gray",
    };
    if (!w->print)
        return;
    r->low_resolution = ppi < w->print->min_ppi;
    if (r->low_resolution)
        diag_warn(w->d, where, "low-resolution",
                  "%s prints at %.0f ppi (%d × %d px, %.0f × %.0f mm after the crop); the press "
                  "wants %.0f: use a larger original or give it fewer columns",
                  whose, ppi, img->width, img->height, r->printed_w, r->printed_h,
                  w->print->min_ppi);
    if (img->components == 3)
        diag_warn(w->d, where, "rgb-image",
                  "%s goes to the press in RGB, as the template's print: rgb-images: keep says; "
                  "convert it to CMYK or set rgb-images: convert",
                  whose);
}

void write_photo(writer *w, const draw_op *op)
{
    src_loc where = op->src_loc.file ? op->src_loc
                    : op->article >= 0 ? w->e->articles[op->article]->loc
                                       : (src_loc){op->image, 0, 0};
    HPDF_Page pg = w->page;
    /* The whole picture, of which the frame shows the uncropped part. */
    double vw = 1 - op->crop[0] - op->crop[2], vh = 1 - op->crop[1] - op->crop[3];
    double full_w = pt(op->w) / vw, full_h = pt(op->h) / vh;
    double ix = pdf_x(w, op->x) - op->crop[0] * full_w;
    double iy = pdf_y(w, op->y + op->h) - op->crop[3] * full_h;
    scaled cx = op->x, cy = op->y, cw = op->w, ch = op->h;
    bleed_out(w, &cx, &cy, &cw, &ch);
    double x0 = pdf_x(w, cx), x1 = pdf_x(w, cx + cw), y0 = pdf_y(w, cy + ch), y1 = pdf_y(w, cy);
    /* Into the bleed the crop gives what it cut; where it cut too little,
     * the picture grows about the frame's centre until it covers. */
    double mx = pdf_x(w, op->x) + pt(op->w) / 2, my = pdf_y(w, op->y + op->h) + pt(op->h) / 2;
    double grow = fmax(fmax((mx - x0) / (mx - ix), (x1 - mx) / (ix + full_w - mx)),
                       fmax((my - y0) / (my - iy), (y1 - my) / (iy + full_h - my)));
    if (grow > 1) {
        ix = mx - (mx - ix) * grow;
        iy = my - (my - iy) * grow;
        full_w *= grow;
        full_h *= grow;
    }
    /* What of the picture shows inside the clip (left, top, right, bottom,
     * in fractions of it). */
    double visible[4] = {fmax(0, (x0 - ix) / full_w), fmax(0, (iy + full_h - y1) / full_h),
                         fmin(1, (x1 - ix) / full_w), fmin(1, (iy + full_h - y0) / full_h)};
    const pdf_image *img = load_image(w, op->image, visible, full_w, full_h, where);
    if (!img)
        return;
    preflight_photo(w, op, img, where);
    /* The pixels embedded, where they lie in the whole picture. */
    double sx = ix, sy = iy, sw = full_w, sh = full_h;
    if (img->x0 > 0 || img->y0 > 0 || img->x1 < img->width || img->y1 < img->height) {
        sx = ix + full_w * img->x0 / img->width;
        sw = full_w * (img->x1 - img->x0) / img->width;
        sy = iy + full_h - full_h * img->y1 / img->height;
        sh = full_h * (img->y1 - img->y0) / img->height;
    }
    set_overprint(w, false); /* a photo knocks out what lies beneath */
    HPDF_Page_GSave(pg);
    HPDF_Page_Rectangle(pg, (HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)(x1 - x0),
                        (HPDF_REAL)(y1 - y0));
    HPDF_Page_Clip(pg);
    HPDF_Page_EndPath(pg);
    HPDF_Page_DrawImage(pg, img->image, (HPDF_REAL)sx, (HPDF_REAL)sy, (HPDF_REAL)sw, (HPDF_REAL)sh);
    HPDF_Page_GRestore(pg);
    w->cur_fill = -1; /* GRestore resets colour */
}
