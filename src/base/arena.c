/* arena.c — a chain of blocks; large requests get a block of their own. */
#include "base/arena.h"

#include "base/base.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Under AddressSanitizer every allocation is followed by a poisoned
 * redzone and a block's unused room stays poisoned: an index past what
 * was asked for is reported where it happens, not only when it runs off
 * the end of a whole block. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
enum { REDZONE = 16 };
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
enum { REDZONE = 0 };
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Blocks grow from FIRST_BLOCK to BLOCK_SIZE, doubling: an arena that
 * holds little (a YAML file's nodes, a module's settings) takes little,
 * and one that holds much soon takes whole blocks.  A small arena's stay
 * at FIRST_BLOCK (arena_new_small). */
enum { FIRST_BLOCK = 4 * 1024, BLOCK_SIZE = 64 * 1024, ALIGN = 16 };

typedef struct block {
    struct block *next;
    size_t size, used;
    max_align_t data[];
} block;

struct arena {
    block *head;
    size_t total;
    size_t next_size;  /* of the next ordinary block */
    size_t max_block;  /* the largest ordinary block */
};

static block *block_new(size_t size)
{
    block *b = xmalloc(sizeof(block) + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    POISON(b->data, size);
    return b;
}

static void block_free(block *b)
{
    UNPOISON(b->data, b->size);
    free(b);
}

static arena *arena_with_blocks(size_t max_block)
{
    arena *a = xcalloc(1, sizeof *a);
    a->head = block_new(FIRST_BLOCK);
    a->max_block = max_block;
    a->next_size = MIN(2 * FIRST_BLOCK, max_block);
    return a;
}

arena *arena_new(void) { return arena_with_blocks(BLOCK_SIZE); }

arena *arena_new_small(void) { return arena_with_blocks(FIRST_BLOCK); }

void arena_free(arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        block_free(b);
    }
    free(a);
}

/* What a request of size bytes takes: a multiple of ALIGN, at least one. */
static size_t rounded(size_t size)
{
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    return size ? size : ALIGN;
}

/* Room for size bytes, as it is: what the caller writes at once need not
 * be zeroed first (copies, prefix sums — megabytes an edition). */
void *arena_alloc_raw(arena *a, size_t size)
{
    size = rounded(size);
    size_t take = size + REDZONE;
    block *b = a->head;
    if (b->used + take > b->size) {
        if (size > a->max_block / 4) {
            /* A large request gets its own block, behind the current one, so
             * the current block's free space is not wasted. */
            block *big = block_new(take);
            big->next = b->next;
            b->next = big;
            big->used = take;
            a->total += size;
            UNPOISON(big->data, size);
            return big->data;
        }
        b = block_new(MAX(a->next_size, take));
        a->next_size = MIN(2 * a->next_size, a->max_block);
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += take;
    a->total += size;
    UNPOISON(p, size);
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = arena_alloc_raw(a, size);
    memset(p, 0, rounded(size));
    return p;
}

void arena_reset(arena *a)
{
    /* The head is always an ordinary block (large blocks are linked behind
     * it), so it is the one to keep. */
    block *b = a->head->next;
    while (b) {
        block *next = b->next;
        block_free(b);
        b = next;
    }
    a->head->next = NULL;
    a->head->used = 0;
    POISON(a->head->data, a->head->size);
    a->total = 0;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void *arena_memdup(arena *a, const void *p, size_t size)
{
    if (size == 0)
        return NULL;
    void *q = arena_alloc_raw(a, size);
    memcpy(q, p, size);
    return q;
}

size_t arena_used(const arena *a) { return a->total; }
