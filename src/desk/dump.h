/* dump.h — the layout as JSON, and the edition's text.
 *
 * The dump lists every page, every module and every placed line of text
 * (page, frame, column, grid line, baseline x/y, measure, text, style,
 * flags, source location), one line of JSON per text line, in a stable
 * order and with fixed decimals, so that two dumps diff line by line.  It
 * is the basis of the golden tests and of proofing.  See docs/dump.md. */
#ifndef PAIBAN_DESK_DUMP_H
#define PAIBAN_DESK_DUMP_H

#include "input/content.h"
#include "input/layout.h"
#include "page/compose.h"

#include "base/strbuf.h"

#include <stdio.h>

/* The dump as a heap string (caller frees). */
char *dump_json(const edition_out *eo, const edition *e, const layout *l);
/* One page of it, as it stands inside the whole (caller frees): two
 * builds set a page alike exactly when these strings are equal. */
char *dump_page_json(const page_out *po, int index, const edition *e, const layout *l);

/* The make-up of a module as JSON members (", \"head\": …"): its headline
 * band and white (grid lines from 1), and the lines each of its columns
 * leaves empty at its foot (docs/dump.md). */
void dump_module_fill(strbuf *b, const module_box *mb);
/* A make-up finding (page/makeup.h) as a JSON object. */
void dump_finding(strbuf *b, const makeup_finding *f, const edition *e);
/* The edition's text, one paragraph (head, caption, table cell) a line, in
 * the order it was placed — the reading order of the PDF: what a reader
 * should be able to copy out of it. */
void dump_text(const edition_out *eo, FILE *out);
/* The same text article by article, as the PDF's structure holds it (for a
 * web desk): articles in the order the pages first show them, each whole —
 * the part carried to a later page after the rest, the paragraph cut by
 * the jump one line — a blank line after each; the page's furniture
 * (folios, masthead, jump lines) and what a page repeats (a continuation's
 * headline, a broken table's header row) left out. */
void dump_text_by_article(const edition_out *eo, FILE *out);

#endif
