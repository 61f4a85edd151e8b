/* module.h — the modules of a page, set one after the other.
 *
 * Internal to page/.  Each placement of the page becomes a module: the
 * white and rule that part it from a story above (separate.h), its top —
 * the headline band and photo, or the top of a continuation —, its body's
 * items flowed through what is left and drawn, then the jump onward or the
 * lines that did not fit (overset, on its module_box and warned of). */
#ifndef PAIBAN_PAGE_MODULE_H
#define PAIBAN_PAGE_MODULE_H

#include "page/composer.h"

/* Set every placement of page ps (page `page_index` of the edition) on
 * `page`, in the order the edition gives them. */
void modules_compose(composer *c, const page_grid *g, page_out *page, const page_spec *ps,
                     int page_index);

#endif
