/* shapecache.c — a hash table of shaped paragraphs in one arena. */
#include "text/shapecache.h"

#include "base/arena.h"

#include <stdint.h>

typedef struct entry {
    uint64_t hash;
    int count;          /* spans */
    int *styles;        /* of each span */
    const char **texts; /* of each span, copied */
    para_text t;
    shaped_para sp;
} entry;

/* Slots of each generation's open-addressed table; a generation is full
 * when half are taken or its arena holds half of SHAPE_CACHE_BYTES. */
enum { SLOTS = 4096 };

/* Two generations: paragraphs are kept in the newer until it is full,
 * then the older is emptied and becomes the newer.  So whatever was
 * shaped in the last half of the budget is still there: emptying the
 * whole cache when full dropped the paragraphs of the page being set
 * between its trials and its setting (an 8-page edition fills it some
 * twice), and a third of the lookups missed. */
typedef struct generation {
    arena *a;             /* keys and what segment_make and shape_para made */
    entry *slot[SLOTS];
    int used;
} generation;

struct shape_cache {
    generation gen[2];
    int newer;            /* the generation new paragraphs go to */
    long misses;          /* lookups that had to segment and shape */
};

shape_cache *shape_cache_new(void)
{
    shape_cache *c = xcalloc(1, sizeof *c);
    c->gen[0].a = arena_new();
    c->gen[1].a = arena_new();
    return c;
}

void shape_cache_free(shape_cache *c)
{
    if (!c)
        return;
    arena_free(c->gen[0].a);
    arena_free(c->gen[1].a);
    free(c);
}

static uint64_t hash_spans(const span *spans, int count)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (int i = 0; i < count; i++) {
        h = (h ^ (uint64_t)(uint32_t)spans[i].style) * 1099511628211ULL;
        for (const unsigned char *p = (const unsigned char *)spans[i].text;; p++) {
            h = (h ^ *p) * 1099511628211ULL;
            if (!*p)
                break;
        }
    }
    return h ^ (uint64_t)count;
}

static bool same_spans(const entry *e, uint64_t hash, const span *spans, int count)
{
    if (e->hash != hash || e->count != count)
        return false;
    for (int i = 0; i < count; i++)
        if (e->styles[i] != spans[i].style || strcmp(e->texts[i], spans[i].text) != 0)
            return false;
    return true;
}

static void empty(generation *g)
{
    memset(g->slot, 0, sizeof g->slot);
    g->used = 0;
    arena_reset(g->a);
}

/* The slot of spans in generation g: theirs, or the empty one where they
 * would go. */
static unsigned find(const generation *g, uint64_t hash, const span *spans, int count)
{
    unsigned k = (unsigned)hash & (SLOTS - 1);
    while (g->slot[k] && !same_spans(g->slot[k], hash, spans, count))
        k = (k + 1) & (SLOTS - 1);
    return k;
}

bool shape_cache_get(shape_cache *c, segmenter *seg, shaper *sh, const span *spans, int count,
                     const layout *l, fontset *fonts, diag *d, para_text *t, shaped_para *sp)
{
    uint64_t hash = hash_spans(spans, count);
    unsigned k = 0; /* the newer generation's slot for them */
    for (int i = 0; i < 2; i++) {
        const generation *g = &c->gen[c->newer ^ i];
        unsigned slot = find(g, hash, spans, count);
        if (i == 0)
            k = slot;
        const entry *e = g->slot[slot];
        if (e) {
            *t = e->t;
            *sp = e->sp;
            return true;
        }
    }
    c->misses++;
    generation *g = &c->gen[c->newer];
    if (g->used >= SLOTS / 2 || arena_used(g->a) > SHAPE_CACHE_BYTES / 2) {
        /* The older, emptied, becomes the newer: the slot is its hash's own. */
        c->newer ^= 1;
        g = &c->gen[c->newer];
        empty(g);
        k = (unsigned)hash & (SLOTS - 1);
    }
    int reported = diag_report_count(d);
    if (!segment_make(seg, spans, count, l, fonts, g->a, t, d))
        return false;
    shape_para(sh, t, spans, l, fonts, g->a, sp);
    if (diag_report_count(d) != reported)
        return true; /* made, but not kept: its reports belong to this place */
    entry *e = arena_alloc(g->a, sizeof *e);
    *e = (entry){.hash = hash, .count = count, .t = *t, .sp = *sp};
    e->styles = ARENA_NEW_ARRAY(g->a, int, count);
    e->texts = ARENA_NEW_ARRAY(g->a, const char *, count);
    for (int i = 0; i < count; i++) {
        e->styles[i] = spans[i].style;
        e->texts[i] = arena_strdup(g->a, spans[i].text);
    }
    g->slot[k] = e;
    g->used++;
    return true;
}

long shape_cache_misses(const shape_cache *c) { return c->misses; }
