/* furniture.h — what a page carries besides its articles.
 *
 * Internal to page/.  The folio (the running line over the type area:
 * paper, date, page, page name, editor, from the template's folio
 * templates, filled in by compose_folio_text: page/folio.h), the
 * masthead (报头) over the first page's top grid lines, and the column
 * rules (栏线) in the page's gutters. */
#ifndef PAIBAN_PAGE_FURNITURE_H
#define PAIBAN_PAGE_FURNITURE_H

#include "page/composer.h"

/* The folio of page ps over the type area, with its rule. */
void furniture_folio(composer *c, const page_grid *g, page_out *page, const page_spec *ps);

/* The paper's name large at the left, the date and the paper's numbers
 * at the right, over the template's masthead lines, with its rule. */
void furniture_masthead(composer *c, const page_grid *g, page_out *page);

/* A rule in every gutter of the page's modules, interrupted where
 * something spans it (page->spanners); call when the modules are set. */
void furniture_column_rules(const page_grid *g, page_out *page);

#endif
