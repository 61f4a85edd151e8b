/* arena.h — bump allocator for data that dies all at once.
 *
 * Three lifetimes use arenas: the document (content, layout, placed lines,
 * freed at exit), scratch (per paragraph, reset after each) and the page.
 * Allocation never returns NULL (out of memory aborts) and memory is zeroed,
 * but for arena_alloc_raw's.
 * Nothing allocated from an arena is freed on its own. */
#ifndef PAIBAN_BASE_ARENA_H
#define PAIBAN_BASE_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
/* One whose blocks stay small: for the many arenas of an edition's
 * articles, each freed on its own, where a last block half empty would
 * cost more than the blocks do (an article of 18 KB took 28 in blocks
 * that double). */
arena *arena_new_small(void);
void arena_free(arena *a);
/* Zeroed memory, aligned for any type. */
void *arena_alloc(arena *a, size_t size);
/* The same, not zeroed: for memory the caller fills at once. */
void *arena_alloc_raw(arena *a, size_t size);
/* Forget every allocation but keep the first block for reuse. */
void arena_reset(arena *a);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* A copy of n elements of size `size` (n may be 0: returns NULL). */
void *arena_memdup(arena *a, const void *p, size_t size);
/* Bytes handed out since creation or the last reset. */
size_t arena_used(const arena *a);

#define ARENA_NEW_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

#endif
