/* pdf.h — the composed edition as a PDF file, through libharu.
 *
 * Only the files of pdf/ include libharu: the writer (pages, marks, the
 * saving: writer.h names its files), pdffont.c (fonts), pdfimage.c
 * (photos), pdfmeta.c (document metadata), pdftag.c (structure).  Text
 * is written as TJ operators with glyph codes of our own Type0 fonts (see
 * pdffont.h); each glyph lands exactly where layout put it, the TJ
 * numbers carrying the difference between the font's advance and the
 * composed one.
 *
 * The edition comes out in one of two forms:
 *   - print: the page (the trim) inside a MediaBox that adds the template's
 *     bleed and slug, with TrimBox and BleedBox; what touches the trim runs
 *     out into the bleed; crop and registration marks and a slug line
 *     outside the trim; colour is DeviceCMYK, text, rules and tints black
 *     ink (K) only; a CMYK output intent; RGB photos converted to it or
 *     kept and reported, as the template says.
 *   - archive: PDF/A-2b — the trim alone, text, rules and tints in
 *     DeviceGray, an sRGB output intent, XMP metadata, CMYK photos tagged
 *     with the CMYK profile.
 * Both carry the outline (edition → page → headline), page labels (the
 * printed 版次) and the Info dictionary, and are byte for byte the same
 * from run to run: dates come from the edition (or SOURCE_DATE_EPOCH),
 * the document ID is a digest of the file itself.
 *
 * Preflight runs while the file is written: every font must be embedded,
 * every photo's effective resolution is measured (warning below the
 * template's minimum), RGB left in a print PDF is reported.
 *
 * The file is written to a temporary file beside the target, flushed to
 * disk and renamed over it: a failed run never leaves a truncated PDF and
 * never destroys the previous one. */
#ifndef PAIBAN_PDF_PDF_H
#define PAIBAN_PDF_PDF_H

#include "base/diag.h"
#include "base/files.h"
#include "draw/display.h"
#include "input/content.h"
#include "input/fontset.h"

typedef enum { PDF_PRINT, PDF_ARCHIVE } pdf_form;

typedef struct pdf_options {
    pdf_form form;
    bool no_marks;          /* print: leave out marks and slug line whatever the template says */
    int64_t build_time;     /* seconds since 1970 (UTC) for the slug line and ModDate */
    const char *cache_dir;  /* photos converted to CMYK kept between runs (cache.h); NULL: none */
} pdf_options;

/* What preflight measured of one placed photo. */
typedef struct pdf_photo_report {
    src_loc loc;            /* the photo in its article */
    const char *article;    /* article id */
    const char *file;
    int width, height;      /* pixels of the file */
    double printed_w, printed_h; /* mm of the visible part on the page */
    double ppi;             /* effective resolution, the lower of both directions */
    double embedded_ppi;    /* as embedded: lower when downsampled to the template's maximum */
    int quality;            /* converted to a CMYK JPEG: its quality, else 0 */
    long bytes;             /* a JPEG's bytes as embedded, else 0 */
    const char *colour;     /* "gray", "RGB", "CMYK", "RGB → CMYK" */
} pdf_photo_report;

typedef struct pdf_stats {
    double page_seconds;    /* drawing the pages, photos aside */
    double image_seconds;   /* reading photos, converting them to CMYK */
    double subset_seconds;  /* hb-subset, deflating fonts and pages (on threads), font objects */
    double write_seconds;   /* serialising and compressing */
    long bytes;             /* size of the file written */
    int fonts;
    VEC(pdf_photo_report) photos; /* owned: free with pdf_stats_free */
} pdf_stats;

/* Write the edition as `path` in the form `opt` asks for; the print form
 * with marks draws each page's slug line as composed (page/slug.h).  False
 * when nothing was written (reported in d). */
bool pdf_write(const edition_out *eo, const edition *e, const layout *l, fontset *fonts,
               const pdf_options *opt, const char *path, pdf_stats *stats, diag *d);
void pdf_stats_free(pdf_stats *stats);



#endif
