/* furniture.h — what a page carries besides its articles.
 *
 * Internal to page/.  The folio (the running line over the type area:
 * paper, date, page, page name, editor, from the template's folio
 * templates, filled in by compose_folio_spans: page/folio.h), the column
 * rules (栏线) in the page's gutters, and the line of furniture text both
 * they and the masthead (page/masthead.h) set. */
#ifndef PAIBAN_PAGE_FURNITURE_H
#define PAIBAN_PAGE_FURNITURE_H

#include "page/composer.h"

/* The folio of page ps over the type area, with its rule. */
void furniture_folio(composer *c, const page_grid *g, page_out *page, const page_spec *ps);

/* One line of furniture text, the spans run on, at (x, baseline) within
 * `width`, placed as `align` says; false (nothing but the first line
 * drawn) when it takes more than one line. */
bool furniture_line(composer *c, page_out *page, const span *spans, int nspans, int align,
                    scaled x, scaled width, scaled baseline);

/* A rule in every gutter of the page's modules, interrupted where
 * something spans it (page->spanners); call when the modules are set. */
void furniture_column_rules(const page_grid *g, page_out *page);

#endif
