/* folio.c — folio templates filled in. */
#include "page/folio.h"

#include <string.h>

char *compose_folio_text(const edition *e, const char *tmpl, const page_spec *ps, arena *a)
{
    char date[64], weekday[32];
    edition_date_strings(e, date, sizeof date, weekday, sizeof weekday);
    const struct {
        const char *key, *value;
    } vars[] = {{"{paper}", e->paper},
                {"{date}", date},
                {"{weekday}", weekday},
                {"{page}", ps->label},
                {"{name}", ps->name ? ps->name : ""},
                {"{editor}", ps->editor ? ps->editor : ""}};
    size_t cap = strlen(tmpl) + 1;
    for (size_t i = 0; i < countof(vars); i++)
        cap += strlen(vars[i].value) * 4;
    char *out = arena_alloc(a, cap);
    size_t n = 0;
    for (const char *p = tmpl; *p;) {
        bool hit = false;
        for (size_t i = 0; i < countof(vars); i++) {
            size_t kl = strlen(vars[i].key);
            if (strncmp(p, vars[i].key, kl) == 0) {
                size_t vl = strlen(vars[i].value);
                if (n + vl < cap) {
                    memcpy(out + n, vars[i].value, vl);
                    n += vl;
                }
                p += kl;
                hit = true;
                break;
            }
        }
        if (!hit && n + 1 < cap)
            out[n++] = *p++;
        else if (!hit)
            p++;
    }
    out[n] = 0;
    return out;
}
