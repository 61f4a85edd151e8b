/* pdfimage.h — photos as PDF image objects, in the colour the form needs.
 *
 * A JPEG or PNG goes in as it is (libharu copies a JPEG's bytes and
 * deflates a PNG's pixels), except in two cases:
 *   - the print form with `rgb-images: convert`: an RGB photo is decoded
 *     (TurboJPEG, libpng), taken as sRGB, cut to the part that shows (the
 *     crop and the bleed, whole pixels outward: what the press never
 *     prints is neither converted nor sent), downsampled (each new pixel
 *     the mean of the area it covers) when it would print above
 *     `max_ppi`, converted by Little CMS to the CMYK of the output
 *     intent's profile (relative colorimetric with black point
 *     compensation; transparency flattened onto white paper), held to
 *     the total ink limit — the profile's own black generation keeps
 *     nearly every pixel under it; a pixel still over loses cyan,
 *     magenta and yellow in proportion (under colour removal), its black
 *     kept — and embedded again: a JPEG as a CMYK JPEG of the quality
 *     asked for (chroma halved both ways), stored inverted with the
 *     Decode array libharu gives every CMYK JPEG (the convention of
 *     Adobe's CMYK JPEGs), decoded once more and held lower where the
 *     compression pushed a pixel over the limit, so that what the press
 *     receives is under it; a PNG losslessly, deflated.
 *   - the archive form: a CMYK photo gets the ICCBased colour space given
 *     (PDF/A allows DeviceCMYK only under a CMYK output intent).
 * Each file is loaded once per document.  A JPEG converted to CMYK is kept
 * in the cache (cache.h) under a digest of the photo, the profile and the
 * conversion's settings, and taken from there when the same photo goes to
 * the same press again: converting a large photo takes most of a page's
 * time, and proofs of a page are made again and again. */
#ifndef PAIBAN_PDF_PDFIMAGE_H
#define PAIBAN_PDF_PDFIMAGE_H

#include "base/base.h"
#include "base/diag.h"
#include "base/files.h"
#include "input/image.h"

#include <hpdf.h>

typedef struct pdfimage_options {
    bool rgb_to_cmyk;             /* convert RGB photos to CMYK */
    const unsigned char *cmyk_profile; /* the ICC profile to convert to */
    size_t cmyk_profile_len;
    double ink_limit;             /* converted photos: most ink on a pixel, 1..4 (2.4 = 240%) */
    int quality;                  /* converted JPEGs: TurboJPEG's quality, 1..100 */
    double max_ppi;               /* converted photos printing above it are downsampled to it */
    double ppi;                   /* the photo's effective resolution as placed */
    HPDF_Array cmyk_space;        /* colour space for CMYK photos, NULL: DeviceCMYK */
    const char *cache_dir;        /* converted photos kept between runs (cache.h); NULL: none */
    double visible[4];            /* the part that shows: left, top, right, bottom, in
                                   * fractions of the picture's width and height */
} pdfimage_options;

typedef struct pdf_image {
    const char *path;             /* borrowed */
    double visible[4];            /* as asked for (pdfimage_options) */
    double ppi;                   /* likewise */
    HPDF_Image image;             /* owned by the document */
    int width, height;            /* pixels of the file */
    int x0, y0, x1, y1;           /* the pixels embedded: all, or what shows */
    int out_w, out_h;             /* their size as embedded: smaller when downsampled */
    int quality;                  /* converted to a CMYK JPEG: the quality it has, else 0 */
    size_t bytes;                 /* a JPEG's bytes as embedded; 0 for pixels libharu deflates */
    int components;               /* as embedded: 1 gray, 3 RGB, 4 CMYK */
    bool converted;               /* was RGB, now CMYK */
    struct held_jpeg *held;       /* the JPEG bytes the image reads when saved, or NULL */
} pdf_image;

/* Put the photo `path` into doc as `o` says, from its bytes as
 * image_read gave them and image_check passed them (`checked`); takes
 * the bytes.  False, with an error at `where`, when it cannot go in. */
bool pdfimage_load(HPDF_Doc doc, char *data, size_t len, const image_info *checked,
                   const char *path, const pdfimage_options *o, pdf_image *out, src_loc where,
                   diag *d);

/* Free what the image holds, after the document is freed. */
void pdfimage_free(pdf_image *img);

#endif
