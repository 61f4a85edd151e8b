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

/* Slots of the open-addressed table; the cache is emptied when half are
 * taken, as when its arena is full. */
enum { SLOTS = 4096 };

struct shape_cache {
    arena *a;             /* keys and what segment_make and shape_para made */
    entry *slot[SLOTS];
    int used;
};

shape_cache *shape_cache_new(void)
{
    shape_cache *c = xcalloc(1, sizeof *c);
    c->a = arena_new();
    return c;
}

void shape_cache_free(shape_cache *c)
{
    if (!c)
        return;
    arena_free(c->a);
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

static void empty(shape_cache *c)
{
    memset(c->slot, 0, sizeof c->slot);
    c->used = 0;
    arena_reset(c->a);
}

bool shape_cache_get(shape_cache *c, segmenter *seg, shaper *sh, const span *spans, int count,
                     const layout *l, fontset *fonts, diag *d, para_text *t, shaped_para *sp)
{
    uint64_t hash = hash_spans(spans, count);
    unsigned k = (unsigned)hash & (SLOTS - 1);
    for (; c->slot[k]; k = (k + 1) & (SLOTS - 1)) {
        if (same_spans(c->slot[k], hash, spans, count)) {
            *t = c->slot[k]->t;
            *sp = c->slot[k]->sp;
            return true;
        }
    }
    if (c->used >= SLOTS / 2 || arena_used(c->a) > SHAPE_CACHE_BYTES) {
        empty(c);
        k = (unsigned)hash & (SLOTS - 1);
    }
    int reported = diag_report_count(d);
    if (!segment_make(seg, spans, count, l, fonts, c->a, t, d))
        return false;
    shape_para(sh, t, spans, l, fonts, c->a, sp);
    if (diag_report_count(d) != reported)
        return true; /* made, but not kept: its reports belong to this place */
    entry *e = arena_alloc(c->a, sizeof *e);
    *e = (entry){.hash = hash, .count = count, .t = *t, .sp = *sp};
    e->styles = ARENA_NEW_ARRAY(c->a, int, count);
    e->texts = ARENA_NEW_ARRAY(c->a, const char *, count);
    for (int i = 0; i < count; i++) {
        e->styles[i] = spans[i].style;
        e->texts[i] = arena_strdup(c->a, spans[i].text);
    }
    c->slot[k] = e;
    c->used++;
    return true;
}
