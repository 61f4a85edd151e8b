/* text.h — the edition's text for readers and for a web desk.
 *
 * text_plain is what a reader can copy out of the PDF: one paragraph
 * (head, caption, table row) a line, in the order it was placed.
 *
 * text_by_article is the same text article by article, as the PDF's
 * structure holds it: articles in the order the pages first show them,
 * each whole — the part carried to a later page after the rest, the
 * paragraph cut by the jump one line — a blank line after each; the
 * page's furniture (folios, masthead, jump lines) and what a page repeats
 * (a continuation's headline, a broken table's header row) left out.
 * Each part stands on lines of its own: a byline that runs in at the end
 * of the lead is printed on the line after it, as the article file gives
 * it (input/parts.h).
 *
 * text_json is one JSON object: the edition (folder, paper, date) and its
 * articles in the same order, each with its id, file, the pages it stands
 * on and its parts as fields — kicker, headline, subtitle, lead, byline,
 * caption, credit, and the body as a list of blocks ({"kind": "p" | "head"
 * | "box" | "table", …}; a table with its title, rows of cells and note).
 * See docs/proof.md. */
#ifndef PAIBAN_DESK_TEXT_H
#define PAIBAN_DESK_TEXT_H

#include "input/content.h"
#include "input/layout.h"
#include "page/compose.h"

#include <stdio.h>

void text_plain(const edition_out *eo, FILE *out);
void text_by_article(const edition_out *eo, const edition *e, const layout *l, FILE *out);
void text_json(const edition_out *eo, const edition *e, const layout *l, FILE *out);

#endif
