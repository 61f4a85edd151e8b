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
 * the document ID is a digest of the inputs (pdf_options).
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
#include "base/digest.h"
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
    /* What the document is made from, digested: the bytes of every file
     * the build read (files_digest_reads), or the archive's key of the
     * edition's inputs; NULL: the edition's text alone.  The document ID
     * is a digest of it, of the form, the build time and the faces, so
     * the same input gives the same ID and the file is never read back. */
    const digest *inputs;
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
    bool low_resolution;    /* under the print form's minimum (warned of as low-resolution) */
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

/* pdf_write in steps, for pages written as they are composed and let go
 * after (page/compose.h, compose_edition_each), so that memory does not
 * grow with the pages: the document keeps of each page only its objects
 * with the contents deflated (on a thread of its own, while the next page
 * is drawn), and what the outline, the structure and the fonts need.
 *
 *     pdf_open → pdf_add_page for each page, in order → pdf_close
 *
 * pdf_open: NULL when libharu cannot start a document (reported, at
 * `path`); e, l, fonts, opt and stats must outlive the writer.
 * pdf_add_page: false when the page cannot be drawn (pdf_close says why).
 * pdf_close: the rest of the document, from eo, whose pages may have been
 * let go (it reads their labels, names and module boxes), written as
 * `path`; frees the writer; false when nothing was written (reported). */
typedef struct writer pdf_writer;
pdf_writer *pdf_open(const edition *e, const layout *l, fontset *fonts, const pdf_options *opt,
                     const char *path, pdf_stats *stats, diag *d);
bool pdf_add_page(pdf_writer *w, const page_out *po);
bool pdf_close(pdf_writer *w, const edition_out *eo, const char *path);

#endif
