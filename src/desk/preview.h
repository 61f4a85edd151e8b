/* preview.h — page previews: pdftoppm for the pictures, libpng to put two
 * side by side (before and after). */
#ifndef PAIBAN_DESK_PREVIEW_H
#define PAIBAN_DESK_PREVIEW_H

#include "base/diag.h"

/* Render pages 1…pages of pdf to dir/<prefix>-N.png at dpi with pdftoppm
 * from poppler-utils, found on PATH at run time; false (with a message
 * saying what to install) when it is missing or fails.  dir is made when
 * it does not exist. */
bool png_render(const char *pdf, int pages, const char *dir, const char *prefix, int dpi,
                diag *d);
/* One picture with `left` and `right` side by side on white, a gap
 * between; the two may differ in size. */
bool png_side_by_side(const char *left, const char *right, const char *out, diag *d);

#endif
