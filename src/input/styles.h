/* styles.h — layout/styles.yaml read into a layout (for templates.c).
 *
 * Every style is resolved at load time: after its parent when it inherits
 * one (a loop is an error), then its own keys over the parent's values, so
 * the layout holds final values only (layout.h). */
#ifndef PAIBAN_INPUT_STYLES_H
#define PAIBAN_INPUT_STYLES_H

#include "base/diag.h"
#include "base/files.h"
#include "input/fontset.h"
#include "input/layout.h"

/* Fill l->styles from the file at `path`, read through `src` (NULL: the
 * disk); false on error (reported). */
bool styles_load(layout *l, fontset *fonts, const file_source *src, const char *path, diag *d);

/* A colour as a style or a template's rule names it: a black-ink
 * percentage ("60%": *ink -1) or an ink of l's inks, optionally with its
 * tint ("red", "red 60%"); false when text is neither. */
bool ink_named(const layout *l, const char *text, int *ink, double *tint);

#endif
