/* folio.c — folio templates filled in. */
#include "page/folio.h"

#include "base/strbuf.h"

#include <string.h>

/* The text so far joins the last run, or starts a new one when its style
 * differs (and there is room for one). */
static void flush(strbuf *b, int style_index, src_loc loc, arena *a, span *out, int *n)
{
    if (b->n == 0)
        return;
    if (*n > 0 && (out[*n - 1].style == style_index || *n == FOLIO_MAX_SPANS)) {
        size_t had = strlen(out[*n - 1].text);
        char *joined = arena_alloc(a, had + (size_t)b->n + 1);
        memcpy(joined, out[*n - 1].text, had);
        memcpy(joined + had, b->v, (size_t)b->n + 1);
        out[*n - 1].text = joined;
    } else {
        out[(*n)++] = (span){.text = arena_strndup(a, b->v, (size_t)b->n), .style = style_index,
                             .loc = loc};
    }
    b->n = 0;
}

int compose_folio_spans(const edition *e, const folio_spec *f, const char *tmpl,
                        const page_spec *ps, src_loc loc, arena *a, span *out)
{
    char date[64], weekday[32];
    edition_date_strings(e, date, sizeof date, weekday, sizeof weekday);
    const struct {
        const char *key, *value;
        int style;
    } vars[] = {{"{paper}", e->paper, f->paper_style},
                {"{date}", date, -1},
                {"{weekday}", weekday, -1},
                {"{page}", ps->label, f->page_style},
                {"{name}", ps->name ? ps->name : "", -1},
                {"{editor}", ps->editor ? ps->editor : "", -1}};
    strbuf b = {0};
    int n = 0;
    for (const char *p = tmpl; *p;) {
        size_t i = 0;
        while (i < countof(vars) && strncmp(p, vars[i].key, strlen(vars[i].key)) != 0)
            i++;
        if (i == countof(vars)) {
            sb_printf(&b, "%c", *p++);
            continue;
        }
        p += strlen(vars[i].key);
        if (vars[i].style < 0) {
            sb_printf(&b, "%s", vars[i].value);
            continue;
        }
        /* A run of its own, between the folio's. */
        flush(&b, f->style, loc, a, out, &n);
        sb_printf(&b, "%s", vars[i].value);
        flush(&b, vars[i].style, loc, a, out, &n);
    }
    flush(&b, f->style, loc, a, out, &n);
    VEC_FREE(b);
    return n;
}
