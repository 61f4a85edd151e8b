/* logopdf.h — a PDF logotype open in libqpdf (logo.h says what is
 * checked): the loader probes it, the PDF writer copies its page.  Only
 * these two include libqpdf's header, through this one. */
#ifndef PAIBAN_INPUT_LOGOPDF_H
#define PAIBAN_INPUT_LOGOPDF_H

#include "base/diag.h"

#include <qpdf/qpdf-c.h>

/* A PDF logo open in libqpdf: its one page and the page's box. */
typedef struct logo_pdf {
    qpdf_data q;
    qpdf_oh page;
    double box[4];        /* x0 y0 x1 y1, pt */
} logo_pdf;

/* Open the PDF in `data` (which must outlive it) as a logo: readable
 * without repair, one page, unrotated, with a box of a positive size;
 * false, with an error at `where` naming `path`, when it is not one.
 * Close it with logo_pdf_close either way. */
bool logo_pdf_open(const char *data, size_t len, const char *path, logo_pdf *out,
                   src_loc where, diag *d);
void logo_pdf_close(logo_pdf *p);

#endif
