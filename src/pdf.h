/* pdf.h — the composed edition as a PDF file, through libharu.
 *
 * The only files that include libharu are this one and pdffont.c.  Text
 * is written as TJ operators with glyph codes of our own Type0 fonts (see
 * pdffont.h); each glyph lands exactly where layout put it, the TJ numbers
 * carrying the difference between the font's advance and the composed
 * one.  Colour is black ink only (DeviceCMYK, K) for text, rules and
 * tints.
 *
 * The file is written to a temporary file beside the target, flushed to
 * disk and renamed over it: a failed run never leaves a truncated PDF and
 * never destroys the previous one. */
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

bool pdf_write(const edition_out *eo, const edition *e, fontset *fonts, const char *path,
               pdf_stats *stats, diag *d);

/* Write `len` bytes to path through a temporary file and rename (also used
 * for the layout dump). */
bool write_file_atomic(const char *path, const void *data, size_t len, diag *d);

#endif
