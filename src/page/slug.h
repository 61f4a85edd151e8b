/* slug.h — the slug line of the print form.
 *
 * Outside the trim, in the slug below the page's foot, the press and the
 * desk read what a plate is: paper, date, 版次 and 版名, page n of N, and
 * when it was built.  That time comes from the content (the edition's
 * date, or SOURCE_DATE_EPOCH when set), never from the clock, so the same
 * input gives the same file.
 *
 * The line is set in the template's slug style, left-aligned from 5 mm
 * inside the trim's left edge to 11 mm short of its centre (where the
 * bottom registration mark stands), and comes back as glyph runs in page
 * coordinates: from the trim's top-left corner, y down, so its baselines
 * lie below the trim. */
#ifndef PAIBAN_PAGE_SLUG_H
#define PAIBAN_PAGE_SLUG_H

#include "draw/display.h"
#include "input/content.h"
#include "input/layout.h"
#include "page/compose.h"
#include "text/typeset.h"

/* Append the slug line of page `po` to `out`; glyphs and texts live in
 * `a`, which must outlive `out`. */
void slug_build(typesetter *ts, const layout *l, const edition *e, const page_out *po,
                int64_t build_time, arena *a, draw_list *out);

/* The slug line of every page whose template has marks, as the page's
 * `slug` list (in eo's arena): the print form draws it, the archive form
 * has no slug.  Composed before the PDF is written, which only draws. */
void slug_compose(edition_out *eo, typesetter *ts, const layout *l, const edition *e,
                  int64_t build_time);
/* The same for page p alone, as it is composed (in its own arena when it
 * has one: compose_edition_each). */
void slug_compose_page(edition_out *eo, int p, typesetter *ts, const layout *l, const edition *e,
                       int64_t build_time);

/* build_time as "2018-12-28 00:00 UTC" into buf. */
void slug_time_string(int64_t build_time, char *buf, size_t size);

#endif
