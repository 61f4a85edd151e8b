/* masthead.h — the masthead (报头) over the first page's top grid lines.
 *
 * Internal to page/.  The template's masthead section gives the lines it
 * takes and how its columns are shared; edition.yaml's says what it
 * prints.  Across the first `name-columns` grid columns stands the
 * paper's name in the name style.  The information — the date and
 * weekday, the lunar date, the issue with 今日N版 (the edition's pages,
 * counted), the serial and postal numbers, the 主管/主办 line, the weather
 * and the publisher — stands beside the name, one item a line in the
 * columns up to the ear, placed as the information style aligns it, or
 * under the name (`info: under`), the items run on in lines as wide as
 * the name.  The last `ear-columns` columns are the ear (报眼): a module
 * that the edition places there (`area: ear`) and the composer sets as any
 * other; the story rule parts it from the name.  The masthead's rule runs
 * under it all.
 *
 * What does not fit — an item wider than its columns, more lines than the
 * masthead's height — is an error at the template's masthead section. */
#ifndef PAIBAN_PAGE_MASTHEAD_H
#define PAIBAN_PAGE_MASTHEAD_H

#include "page/composer.h"

/* The masthead of the edition's first page (its template has one and
 * edition.yaml asks for it). */
void masthead_compose(composer *c, const page_grid *g, page_out *page);

#endif
