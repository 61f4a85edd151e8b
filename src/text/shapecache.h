/* shapecache.h — the segmented and shaped text of paragraphs, by their spans.
 *
 * Segmenting (ICU) and shaping (HarfBuzz) a paragraph depend on nothing
 * but its spans' text and styles (and the fonts and layout, fixed for a
 * run), while compose.c sets many paragraphs several times: in lines a
 * line shorter and a line longer than their best (looseness −1 and +1),
 * again when a module is refitted, and heads, folios and slug lines that
 * repeat from page to page.  The typesetter keeps each paragraph's
 * para_text and shaped_para here; only the items, the breaker and
 * justification run again.
 *
 * A paragraph whose segmentation reported anything (a character no face
 * has) is not kept, so each setting reports it at its own place.  What is
 * kept is read-only.  The cache holds at most SHAPE_CACHE_BYTES, in two
 * generations of half as much each: when the newer is full the older is
 * emptied and takes its place, so the paragraphs shaped last are always
 * there.  Anything it handed out stays valid until the next
 * shape_cache_get.  Its hits are a page's paragraphs set again (its
 * trials, then its setting) and the furniture of the pages just before:
 * archiving three editions of the synthetic year took 1 842 M
 * instructions in the worker with 2 MiB emptied whole when full, 1 803 M
 * with 2 MiB in two generations, 1 684 M with 4 MiB in two, 1 678 M with
 * 8 MiB in two and 1 664 M with 16 MiB emptied whole: more would only
 * grow a long edition's peak memory. */
#ifndef PAIBAN_TEXT_SHAPECACHE_H
#define PAIBAN_TEXT_SHAPECACHE_H

#include "text/segment.h"
#include "text/shape.h"

#define SHAPE_CACHE_BYTES (4L * 1024 * 1024)

typedef struct shape_cache shape_cache;

shape_cache *shape_cache_new(void);
void shape_cache_free(shape_cache *c);

/* The para_text and shaped_para of spans[0..count), from the cache or
 * made with seg and sh (and kept).  False when segmentation fails. */
bool shape_cache_get(shape_cache *c, segmenter *seg, shaper *sh, const span *spans, int count,
                     const layout *l, fontset *fonts, diag *d, para_text *t, shaped_para *sp);
/* The lookups so far that had to segment and shape. */
long shape_cache_misses(const shape_cache *c);

#endif
