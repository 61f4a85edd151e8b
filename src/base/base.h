/* base.h — units, source locations, checked allocation and growable arrays.
 *
 * Every length inside paiban is a `scaled`: a signed 32-bit count of
 * 1/65536 pt (TeX's scaled point).  A broadsheet page is about 1 530 pt tall,
 * far below the 32 767 pt limit, and integer lengths keep layout
 * deterministic across machines.  Conversions to and from points happen only
 * at the edges (YAML input, PDF and JSON output).
 *
 * Allocation never fails visibly: xmalloc and friends abort with a message
 * on out-of-memory, so no function has an OOM error path. */
#ifndef PAIBAN_BASE_BASE_H
#define PAIBAN_BASE_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int32_t scaled;

/* Bump allocator (arena.h). */
typedef struct arena arena;

#define SCALED_ONE 65536

static inline scaled scaled_from_pt(double pt)
{
    return (scaled)(pt * 65536.0 + (pt < 0 ? -0.5 : 0.5));
}

static inline double pt_from_scaled(scaled s) { return s / 65536.0; }

/* `a * b / c` without overflow, rounded to nearest. */
static inline scaled scaled_muldiv(scaled a, int64_t b, int64_t c)
{
    int64_t p = (int64_t)a * b;
    int64_t half = c / 2;
    return (scaled)(p >= 0 ? (p + half) / c : -((-p + half) / c));
}

#define MM_TO_PT (72.0 / 25.4)

/* A place in an input file.  line and col are 1-based; line 0 means the
 * location is the whole file. `file` is borrowed from whoever loaded it. */
typedef struct src_loc {
    const char *file;
    int line;
    int col;
} src_loc;

#define countof(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable array: a struct with `T *v; int n, cap;`.  VEC_PUSH returns a
 * pointer to the new, zeroed element. */
#define VEC(T)                                                                 \
    struct {                                                                   \
        T *v;                                                                  \
        int n, cap;                                                            \
    }
/* Make room for `want` elements in a growable array (used by the macros,
 * which call it only when the room is short: most pushes find room). */
void vec_reserve(void **v, int *cap, int want, size_t elem_size);
#define VEC_GROW(vec, want)                                                    \
    ((want) > (vec).cap                                                        \
         ? vec_reserve((void **)&(vec).v, &(vec).cap, (want), sizeof *(vec).v) \
         : (void)0)
#define VEC_PUSH(vec)                                                          \
    (VEC_GROW(vec, (vec).n + 1),                                               \
     memset(&(vec).v[(vec).n], 0, sizeof *(vec).v), &(vec).v[(vec).n++])
#define VEC_FREE(vec)                                                          \
    do {                                                                       \
        free((vec).v);                                                         \
        (vec).v = NULL;                                                        \
        (vec).n = (vec).cap = 0;                                               \
    } while (0)

#endif
