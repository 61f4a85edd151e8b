/* proof.h — the proof overlay: what the desk looks at before press.
 *
 * On every page, on a layer of its own (the PDF writer puts it in an
 * optional content group that a reader can switch off): the type area,
 * the columns and gutters, the line grid, each module's frame and id, a
 * red marker with the number of lines over on every overset module and,
 * in the margin beside it, the characters to cut, the lines or columns
 * that would hold it all (overset.h: asked before the overlay) and the
 * first words of the text that did not fit, and a
 * flag in the margin beside every line that needs a look — loose, tight
 * or overfull, a prohibition broken as a last resort, a one-character last
 * line (孤字), a character set in a fallback font — and beside every photo
 * printed below its template's minimum resolution. */
#ifndef PAIBAN_DESK_PROOF_H
#define PAIBAN_DESK_PROOF_H

#include "input/content.h"
#include "input/layout.h"
#include "page/compose.h"
#include "text/typeset.h"

/* Add the overlay to every page. */
void proof_overlay(edition_out *eo, const edition *e, const layout *l, typesetter *ts);

#endif
