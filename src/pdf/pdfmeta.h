/* pdfmeta.h — what a PDF says about itself: Info, XMP, output intents,
 * outline, page labels and the document ID.
 *
 * libharu 2.3.0 writes none of these the way PDF/A-2 wants them (its own
 * PDF/A helper knows only PDF/A-1 and names the metadata stream's subtype
 * /SubType), so they are built here from libharu's object layer
 * (HPDF_Dict_New, HPDF_DictStream_New, HPDF_Xref_Add) and hung on the
 * catalog and trailer.
 *
 * Every value comes from the edition: the dates are the edition's date
 * (CreationDate) and the build time (ModDate: SOURCE_DATE_EPOCH when set,
 * else the edition's date), both in UTC; the ID is a digest of the
 * document's inputs (pdf.h).  So the same input gives the same bytes. */
#ifndef PAIBAN_PDF_PDFMETA_H
#define PAIBAN_PDF_PDFMETA_H

#include "draw/display.h"
#include "input/content.h"

#include <hpdf.h>

/* Where a page of the edition went in the PDF. */
typedef struct pdfmeta_page {
    HPDF_Page page;
    double trim_x, trim_y;  /* the trim's lower-left corner in the MediaBox, pt */
    double trim_h;          /* the trim's height, pt */
} pdfmeta_page;

/* How the file identifies itself: PDF/A-2b (the archive form), a PDF/X
 * part (the print form), or neither (a proof). */
typedef enum { CLAIM_NONE, CLAIM_PDFA_2B, CLAIM_PDFX_4, CLAIM_PDFX_1A } pdf_claim;

/* Info dictionary and XMP packet: title, paper, subject, keywords, dates,
 * and the claim's identification — PDF/A: pdfaid in XMP; PDF/X: Info's
 * GTS_PDFXVersion and Trapped (False: paiban does not trap), and for
 * PDF/X-4 their twins in XMP with pdfxid and the xmpMM IDs. */
void pdfmeta_describe(HPDF_Doc doc, const edition *e, pdf_claim claim, int64_t modified);

/* An ICC profile as a stream with N components; NULL (with an error at
 * `where`) when the bytes are not an ICC profile of that many components. */
HPDF_Dict pdfmeta_icc_stream(HPDF_Doc doc, const unsigned char *icc, size_t len, int n,
                             src_loc where, diag *d);

/* The profile's own description (its 'desc' tag), for /Info; "" when it
 * has none.  Written into buf. */
void pdfmeta_icc_description(const unsigned char *icc, size_t len, char *buf, size_t size);

/* Add an output intent of subtype `s` (GTS_PDFX, GTS_PDFA1) to the catalog.
 * `identifier` is a registered characterization name (then the ICC
 * registry is named) or "Custom"; `info` describes the condition (the
 * profile's description: Info and OutputCondition). */
void pdfmeta_output_intent(HPDF_Doc doc, const char *s, HPDF_Dict profile, const char *identifier,
                           const char *info);

/* Outline: the edition, its pages (版次 版名), their headlines. */
void pdfmeta_outline(HPDF_Doc doc, const edition *e, const edition_out *eo,
                     const pdfmeta_page *pages);

/* Page labels: the printed 版次 (A1, A2 … as prefix and number). */
void pdfmeta_page_labels(HPDF_Doc doc, const edition_out *eo);

/* /ID in the trailer: `id` twice (pdf.h says what it is a digest of). */
void pdfmeta_set_id(HPDF_Doc doc, const unsigned char id[16]);


#endif
