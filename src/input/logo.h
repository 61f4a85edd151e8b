/* logo.h — the masthead's logotype, read from its file.
 *
 * edition.yaml's masthead may give the paper's name as a logotype instead
 * of set type (masthead: logo): a picture (JPEG or PNG, checked as a
 * photo is, image.h) or a PDF of one page, kept as vectors — the PDF
 * writer copies its page into the output as a form XObject (pdf/pdfform.h).
 * The kind comes from the bytes.  A PDF is read with Debian's libqpdf (its
 * C API), without repairing a damaged file; it must have exactly one page,
 * unrotated, with a box (CropBox, else MediaBox) of a positive size.  The
 * loader keeps what the composer needs: the kind, and the picture's pixels
 * or the page's box; the writer opens the PDF again (logopdf.h) to copy
 * its page. */
#ifndef PAIBAN_INPUT_LOGO_H
#define PAIBAN_INPUT_LOGO_H

#include "base/base.h"
#include "base/diag.h"
#include "base/files.h"
#include "input/image.h"

typedef struct logo_info {
    bool pdf;             /* a one-page PDF; else a picture */
    image_info image;     /* a picture's header */
    double box[4];        /* a PDF: its page's box, x0 y0 x1 y1 in pt */
    double width, height; /* the logo's proportions: pixels, or the box in pt */
} logo_info;

/* A logo file is at most this large. */
enum { LOGO_MAX_BYTES = 64 << 20 };

/* Read the logo at `path` through `src` (NULL: the disk) and check it.
 * False, with an error at `where`, when it is missing, too large, neither
 * a picture nor a PDF, damaged, or a PDF not of one plain page. */
bool logo_probe(const file_source *src, const char *path, logo_info *out, src_loc where,
                diag *d);

#endif
