/* setcache.c — an open-addressed table of paragraph settings. */
#include "page/setcache.h"

#include "base/arena.h"

typedef struct set_entry {
    const span *spans;
    int count;
    para_options opt;
    para_result result;
    bool used;
} set_entry;

struct set_cache {
    arena *a;
    set_entry *slots;
    size_t cap, n;
};

set_cache *set_cache_new(void)
{
    set_cache *sc = xcalloc(1, sizeof *sc);
    sc->a = arena_new();
    sc->cap = 256;
    sc->slots = xcalloc(sc->cap, sizeof *sc->slots);
    return sc;
}

void set_cache_free(set_cache *sc)
{
    if (!sc)
        return;
    arena_free(sc->a);
    free(sc->slots);
    free(sc);
}

static bool same_options(const para_options *a, const para_options *b)
{
    return a->width == b->width && a->first_width == b->first_width &&
           a->indent_style == b->indent_style && a->no_indent == b->no_indent &&
           a->align == b->align && a->looseness == b->looseness;
}

static size_t hash(const span *spans, int count, const para_options *o)
{
    uint64_t h = (uint64_t)(uintptr_t)spans * 0x9E3779B97F4A7C15u;
    const int64_t parts[] = {count, o->width, o->first_width, o->indent_style, o->no_indent,
                             o->align, o->looseness};
    for (size_t i = 0; i < countof(parts); i++)
        h = (h ^ (uint64_t)parts[i]) * 0x100000001B3u;
    return (size_t)(h ^ (h >> 29));
}

static set_entry *slot_of(set_entry *slots, size_t cap, const span *spans, int count,
                          const para_options *o)
{
    size_t i = hash(spans, count, o) & (cap - 1);
    while (slots[i].used &&
           !(slots[i].spans == spans && slots[i].count == count && same_options(&slots[i].opt, o)))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static void grow(set_cache *sc)
{
    size_t cap = sc->cap * 2;
    set_entry *slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < sc->cap; i++)
        if (sc->slots[i].used)
            *slot_of(slots, cap, sc->slots[i].spans, sc->slots[i].count, &sc->slots[i].opt) =
                sc->slots[i];
    free(sc->slots);
    sc->slots = slots;
    sc->cap = cap;
}

const para_result *set_cache_get(set_cache *sc, typesetter *ts, const span *spans, int count,
                                 const para_options *opt)
{
    if (2 * (sc->n + 2) > sc->cap)
        grow(sc);
    set_entry *e = slot_of(sc->slots, sc->cap, spans, count, opt);
    if (e->used)
        return &e->result;
    if (opt->looseness != 1 && opt->looseness != -1) {
        *e = (set_entry){.spans = spans, .count = count, .opt = *opt, .used = true};
        para_typeset(ts, spans, count, opt, sc->a, &e->result);
        sc->n++;
        return &e->result;
    }
    /* A paragraph a line longer is asked for where one a line shorter is
     * (copy fitting tries both): one pass of the breaker gives both. */
    para_options other = *opt;
    other.looseness = -opt->looseness;
    para_result got[2];
    para_typeset_loose(ts, spans, count, opt, sc->a, &got[0], &got[1]);
    *e = (set_entry){.spans = spans, .count = count, .opt = *opt, .used = true,
                     .result = got[opt->looseness < 0 ? 0 : 1]};
    sc->n++;
    set_entry *o = slot_of(sc->slots, sc->cap, spans, count, &other);
    if (!o->used) {
        *o = (set_entry){.spans = spans, .count = count, .opt = other, .used = true,
                         .result = got[opt->looseness < 0 ? 1 : 0]};
        sc->n++;
    }
    return &e->result;
}
