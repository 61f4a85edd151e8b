/* dump.h — the layout as JSON.
 *
 * The dump lists every page, every module and every placed line of text
 * (page, frame, column, grid line, baseline x/y, measure, text, style,
 * flags, source location), one line of JSON per text line, in a stable
 * order and with fixed decimals, so that two dumps diff line by line.  It
 * is the basis of the golden tests and of proofing.  See docs/dump.md. */
#ifndef PAIBAN_DESK_DUMP_H
#define PAIBAN_DESK_DUMP_H

#include "base/strbuf.h"
#include "input/content.h"
#include "input/layout.h"
#include "page/compose.h"

#include "base/strbuf.h"

/* The dump as a heap string (caller frees). */
char *dump_json(const edition_out *eo, const edition *e, const layout *l);
/* The same made page by page, as the pages are composed and let go
 * (compose_edition_each): each page (index of count) added to `pages` in
 * order, then the whole made around them (caller frees). */
void dump_add_page(strbuf *pages, const page_out *po, int index, int count, const edition *e,
                   const layout *l);
char *dump_json_of(const edition *e, int overset_lines, const strbuf *pages);
/* One page of it, as it stands inside the whole (caller frees): two
 * builds set a page alike exactly when these strings are equal. */
char *dump_page_json(const page_out *po, int index, const edition *e, const layout *l);

/* The make-up of a module as JSON members (", \"head\": …"): its headline
 * band and white (grid lines from 1), and the lines each of its columns
 * leaves empty at its foot (docs/dump.md). */
void dump_module_fill(strbuf *b, const module_box *mb);
/* A make-up finding (page/makeup.h) as a JSON object. */
void dump_finding(strbuf *b, const makeup_finding *f, const edition *e);

#endif
