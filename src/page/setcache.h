/* setcache.h — paragraph settings kept while a page is set, and set again.
 *
 * Internal to page/.  Before a page is set for good its modules are set
 * aside several times (page/stagger.h), and copy fitting asks each
 * paragraph for three settings (page/flow.h): the same paragraph at the
 * same measure comes back again and again.  The cache keeps each setting
 * — keyed by the spans it sets (their address: an article's block spans
 * live at least as long as the pages that set it) and every option that
 * changes it — for the life of the page, and hands the same result to
 * every asker.  A
 * setting is the same whoever asks (the typesetter is deterministic), so
 * the page is set exactly as without the cache. */
#ifndef PAIBAN_PAGE_SETCACHE_H
#define PAIBAN_PAGE_SETCACHE_H

#include "text/typeset.h"

typedef struct set_cache set_cache;

set_cache *set_cache_new(void);
void set_cache_free(set_cache *sc);

/* The setting of spans[0..count) with `opt`: kept, or set now by ts into
 * the cache's own memory (valid until set_cache_free). */
const para_result *set_cache_get(set_cache *sc, typesetter *ts, const span *spans, int count,
                                 const para_options *opt);

#endif
