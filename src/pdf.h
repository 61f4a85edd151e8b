/* pdf.h — the composed edition as a PDF file, through libharu.
 *
 * The only files that include libharu are this one and pdffont.c.  Text
 * is written as TJ operators with glyph codes of our own Type0 fonts (see
 * pdffont.h); each glyph lands exactly where layout put it, the TJ numbers
 * carrying the difference between the font's advance and the composed
 * one.  Colour is black ink only (DeviceCMYK, K) for text, rules and
 * tints.
 *
 * The PDF is made in memory; the caller writes it (files_write_atomic, so
 * a failed run never leaves a truncated PDF nor destroys the previous
 * one). */
#ifndef PAIBAN_PDF_H
#define PAIBAN_PDF_H

#include "compose.h"
#include "content.h"
#include "diag.h"
#include "fontset.h"

typedef struct pdf_stats {
    double subset_seconds;  /* hb-subset and font objects */
    double write_seconds;   /* serialising and compressing */
    long bytes;             /* size of the file written */
    int fonts;
} pdf_stats;

/* The PDF of the composed edition, in a new heap buffer (*pdf, *pdf_len;
 * the caller frees it).  False, with errors in d, when a photo cannot be
 * embedded (an input error) or libharu or subsetting fails (an environment
 * error); `name` is the file the PDF is for, named in those errors. */
bool pdf_render(const edition_out *eo, const edition *e, fontset *fonts, const char *name,
                unsigned char **pdf, size_t *pdf_len, pdf_stats *stats, diag *d);

#endif
