/* styles.h — layout/styles.yaml read into a layout (for templates.c).
 *
 * Every style is resolved at load time: after its parent when it inherits
 * one (a loop is an error), then its own keys over the parent's values, so
 * the layout holds final values only (layout.h). */
#ifndef PAIBAN_INPUT_STYLES_H
#define PAIBAN_INPUT_STYLES_H

#include "base/diag.h"
#include "input/fontset.h"
#include "input/layout.h"

/* Fill l->styles from the file at `path`; false on error (reported). */
bool styles_load(layout *l, fontset *fonts, const char *path, diag *d);

#endif
