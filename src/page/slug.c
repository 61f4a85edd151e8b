/* slug.c — the slug line of the print form. */
#include "page/slug.h"

#include "base/arena.h"
#include "page/lines.h"

#include <stdio.h>
#include <time.h>

void slug_time_string(int64_t build_time, char *buf, size_t size)
{
    time_t t = (time_t)build_time;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm);
    else
        snprintf(buf, size, "%lld", (long long)build_time);
}

void slug_build(typesetter *ts, const layout *l, const edition *e, const page_out *po,
                int64_t build_time, arena *a, draw_list *out)
{
    const page_spec *ps = &e->pages[po->index];
    const template *t = &l->templates[ps->template_index];
    const print_spec *pr = &t->print;
    char date[64], weekday[32], when[48];
    edition_date_strings(e, date, sizeof date, weekday, sizeof weekday);
    slug_time_string(build_time, when, sizeof when);
    char *text = xasprintf("%s  %s %s  %s版 %s  第%d/%d页  排版 %s", e->paper, date, weekday,
                           ps->label, ps->name ? ps->name : "", po->index + 1, e->page_count,
                           when);
    span s = {.text = arena_strdup(a, text), .style = pr->slug_style, .loc = t->print.loc};
    free(text);

    scaled mm = scaled_from_pt(MM_TO_PT);
    scaled left = 5 * mm;
    para_options opt = {.width = po->width / 2 - 11 * mm - left,
                        .indent_style = -1,
                        .no_indent = true,
                        .align = ALIGN_START};
    para_result *res = arena_alloc(a, sizeof *res);
    para_typeset(ts, &s, 1, &opt, a, res);
    /* The lines stand in the middle of the slug band. */
    const style *st = &l->styles[pr->slug_style];
    scaled band_mid = po->height + pr->bleed + pr->slug / 2;
    scaled baseline = band_mid + st->size * 7 / 20 - (res->line_count - 1) * st->leading / 2;
    for (int i = 0; i < res->line_count; i++)
        draw_para_line(out, a, res, &res->lines[i], left, baseline + i * st->leading, ROLE_SLUG, -1,
                       -1, -1, 1.0, -1);
}

void slug_compose_page(edition_out *eo, int p, typesetter *ts, const layout *l, const edition *e,
                       int64_t build_time)
{
    page_out *po = &eo->pages[p];
    if (l->templates[e->pages[po->index].template_index].print.marks && po->slug.ops.n == 0)
        slug_build(ts, l, e, po, build_time, po->arena ? po->arena : eo->arena, &po->slug);
}

void slug_compose(edition_out *eo, typesetter *ts, const layout *l, const edition *e,
                  int64_t build_time)
{
    for (int p = 0; p < eo->page_count; p++)
        slug_compose_page(eo, p, ts, l, e, build_time);
}
