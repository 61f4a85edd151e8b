/* report.h — what a desk editor needs to know about a composed edition.
 *
 * Per page and per article: where it sits, how many lines it set (and
 * how many of them the proof flags loose, tight or rule-broken), how many
 * did not fit — with that text, its characters and what would hold it
 * (overset.h) — where it jumps; and every warning with its input
 * location, tied to the page and article it concerns.  report_summary is
 * the one line printed after every build and proof; report_json is the
 * document --report writes (see docs/proof.md, "The layout report"). */
#ifndef PAIBAN_DESK_REPORT_H
#define PAIBAN_DESK_REPORT_H

#include "base/diag.h"
#include "input/content.h"
#include "input/layout.h"
#include "page/compose.h"
#include "pdf/pdf.h"

/* One line: "4 pages, 14 articles; overset: none; warnings: 2 (loose-line 2)". */
char *report_summary(const edition_out *eo, const edition *e, const diag *d);
/* The report as JSON (caller frees); with the photos as written when ps
 * is given (NULL when no PDF was). */
char *report_json(const edition_out *eo, const edition *e, const layout *l, const diag *d,
                  const pdf_stats *ps);

/* The page and article a source location belongs to: the placement's own
 * when it names a placement of the edition file, else the first page that
 * places the article whose file it is in (-1 when none). */
void report_locate(const edition *e, src_loc loc, int *page, int *article_index);

#endif
