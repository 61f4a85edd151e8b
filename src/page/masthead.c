/* masthead.c — the paper's name, its information and the ear's place. */
#include "page/masthead.h"

#include "base/arena.h"
#include "page/furniture.h"
#include "page/headband.h"

#include <math.h>
#include <stdio.h>

enum { MAX_ITEMS = 8 };

static const char *printed(composer *c, const char *fmt, const char *a, const char *b)
{
    char buf[512];
    snprintf(buf, sizeof buf, fmt, a, b);
    return arena_strdup(c->a, buf);
}

/* The 主管/主办 line: one body named once when it is both. */
static const char *sponsors(composer *c, const masthead_info *mi)
{
    if (mi->authority && mi->sponsor && strcmp(mi->authority, mi->sponsor) == 0)
        return printed(c, "主管主办：%s%s", mi->authority, "");
    if (mi->authority && mi->sponsor)
        return printed(c, "主管：%s　主办：%s", mi->authority, mi->sponsor);
    if (mi->authority)
        return printed(c, "主管：%s%s", mi->authority, "");
    return mi->sponsor ? printed(c, "主办：%s%s", mi->sponsor, "") : NULL;
}

/* The information's items, in the order a daily prints them. */
static int info_items(composer *c, const char *items[MAX_ITEMS])
{
    const masthead_info *mi = &c->e->masthead;
    char date[64], weekday[32], pages[32];
    edition_date_strings(c->e, date, sizeof date, weekday, sizeof weekday);
    snprintf(pages, sizeof pages, "今日%d版", c->e->page_count);
    int n = 0;
    items[n++] = printed(c, "%s  %s", date, weekday);
    if (mi->lunar)
        items[n++] = mi->lunar;
    items[n++] = mi->issue ? printed(c, "%s　%s", mi->issue, pages) : printed(c, "%s%s", pages, "");
    const char *rest[] = {mi->serial, mi->postal, sponsors(c, mi), mi->weather, mi->publisher};
    for (size_t i = 0; i < countof(rest); i++)
        if (rest[i])
            items[n++] = rest[i];
    return n;
}

/* Lines of items run on, an ideographic space between them, each line no
 * wider than `width`: spans[i] is item i (with the space before it when it
 * runs on), line_of[i] its line.  Returns the lines. */
static int run_on(composer *c, const char *const *items, int n, int style_index, scaled width,
                  src_loc loc, span *spans, int *line_of)
{
    const style *is = &c->l->styles[style_index];
    int lines = 0;
    scaled used = 0;
    for (int i = 0; i < n; i++) {
        spans[i] = (span){.text = items[i], .style = style_index, .loc = loc};
        scaled w = para_natural_width(c->ts, &spans[i], 1);
        bool fits = i > 0 && used + is->size + w <= width;
        if (fits) {
            spans[i].text = printed(c, "　%s%s", items[i], "");
            used += is->size + w;
        } else {
            lines += i > 0;
            used = w;
        }
        line_of[i] = lines;
    }
    return n > 0 ? lines + 1 : 0;
}

/* The information under the name, as laid out before it is drawn: the
 * name's room depends on how many lines it takes. */
typedef struct info_under {
    span spans[MAX_ITEMS];
    int line_of[MAX_ITEMS];
    int n, lines;
    scaled first;         /* the first line's baseline */
} info_under;

/* The information under the name, in lines as wide as it, the last on
 * the masthead's foot.  Returns the room left above it for the name. */
static scaled lay_under(composer *c, const template *t, scaled name_w, scaled band,
                        info_under *iu)
{
    const masthead_spec *ms = &t->masthead;
    const style *is = &c->l->styles[ms->info_style];
    const char *items[MAX_ITEMS];
    iu->n = info_items(c, items);
    iu->lines = run_on(c, items, iu->n, ms->info_style, name_w, t->loc, iu->spans, iu->line_of);
    scaled last = t->area_y + band - scaled_muldiv(is->size, 12, 100);
    iu->first = last - (iu->lines - 1) * is->leading;
    /* Half an em of the information between its first line and the name. */
    return iu->first - scaled_muldiv(is->size, 88 + 50, 100) - t->area_y;
}

static void draw_under(composer *c, const template *t, page_out *page, scaled name_w,
                       const info_under *iu)
{
    const masthead_spec *ms = &t->masthead;
    scaled leading = c->l->styles[ms->info_style].leading;
    for (int i = 0, j; i < iu->n; i = j) {
        for (j = i; j < iu->n && iu->line_of[j] == iu->line_of[i];)
            j++;
        if (!furniture_line(c, page, &iu->spans[i], j - i, -1, t->area_x, name_w,
                            iu->first + iu->line_of[i] * leading))
            diag_error(c->d, ms->loc, "the masthead's \"%s\" is wider than its name's %d "
                                      "columns; shorten it", iu->spans[i].text, ms->name_columns);
    }
}

/* The information beside the name, one item a line, centred in the
 * masthead's height. */
static void draw_beside(composer *c, const page_grid *g, page_out *page, scaled name_w,
                        scaled band)
{
    const template *t = g->t;
    const masthead_spec *ms = &t->masthead;
    const style *is = &c->l->styles[ms->info_style];
    const char *items[MAX_ITEMS];
    int n = info_items(c, items);
    scaled x = t->area_x + name_w + t->gutter;
    scaled right = ms->ear_columns > 0 ? template_column_x(t, t->columns - ms->ear_columns) -
                                             t->gutter
                                       : t->area_x + t->area_w;
    scaled total = (n - 1) * is->leading + is->size;
    if (total > band)
        diag_error(c->d, ms->loc, "the masthead's %d lines of information do not fit in its %d "
                                  "grid lines; give it more lines or fewer items",
                   n, ms->lines);
    scaled first = t->area_y + (band - total) / 2 + scaled_muldiv(is->size, 88, 100);
    for (int i = 0; i < n; i++) {
        span sp = {.text = items[i], .style = ms->info_style, .loc = t->loc};
        if (!furniture_line(c, page, &sp, 1, -1, x, right - x, first + i * is->leading))
            diag_error(c->d, ms->loc, "the masthead's \"%s\" is wider than the columns beside "
                                      "its name; shorten it, or give the name or the ear fewer "
                                      "columns", items[i]);
    }
}

/* The paper's name, set in the name style or the edition's logotype
 * fitted to `width` and `room`, centred in the room's height at the top of
 * the masthead.  Returns how large it stands — the style's size, the
 * logotype's height — or 0 when it does not fit. */
static scaled place_name(composer *c, const page_grid *g, page_out *page, scaled width,
                         scaled room)
{
    const template *t = g->t;
    const masthead_info *mi = &c->e->masthead;
    if (mi->logo) {
        const logo_info *li = &mi->logo_info;
        double k = fmin(pt_from_scaled(width) / li->width, pt_from_scaled(room) / li->height);
        scaled w = scaled_from_pt(li->width * k), h = scaled_from_pt(li->height * k);
        scaled y = t->area_y + (room - h) / 2;
        if (li->pdf)
            draw_form(&page->list, mi->logo, t->area_x, y, w, h, mi->logo_loc);
        else
            draw_image(&page->list, mi->logo, li->image.width, t->area_x, y, w, h,
                       (const double[4]){0, 0, 0, 0}, -1);
        /* Preflight names the logo where edition.yaml gives it. */
        page->list.ops.v[page->list.ops.n - 1].src_loc = mi->logo_loc;
        return room > 0 ? h : 0;
    }
    span name = {.text = c->e->paper, .style = t->masthead.name_style, .loc = t->loc};
    block_out nb;
    const span *np[1] = {&name};
    stack_block(c, g, np, 1, width, 0, 0, ROLE_MASTHEAD, &nb);
    scaled height = nb.lines * g->m.pitch - g->m.line_gap;
    draw_append(&page->list, &nb.list, t->area_x, t->area_y + MAX(room - height, 0) / 2, -1, -1,
                -1);
    draw_list_free(&nb.list);
    return height <= room ? c->l->styles[name.style].size : 0;
}

void masthead_compose(composer *c, const page_grid *g, page_out *page)
{
    const template *t = g->t;
    const masthead_spec *ms = &t->masthead;
    scaled band = ms->lines * g->m.pitch - g->m.line_gap;
    scaled name_w = template_column_x(t, ms->name_columns - 1) + t->col_w - t->area_x;
    /* The name first, as it reads; beside it, it has all the height. */
    info_under iu;
    scaled room = ms->info_under ? lay_under(c, t, name_w, band, &iu) : band;
    page->masthead_name = place_name(c, g, page, name_w, room);
    if (page->masthead_name == 0)
        diag_error(c->d, ms->loc,
                   "the masthead's name does not fit in its %d grid lines%s; give it more lines, "
                   "a smaller name-style or fewer items",
                   ms->lines, ms->info_under ? " with the information under it" : "");
    if (ms->info_under)
        draw_under(c, t, page, name_w, &iu);
    else
        draw_beside(c, g, page, name_w, band);
    /* The ear is a story of its own: the story rule parts it from the name. */
    if (ms->ear_columns > 0 && t->makeup.story_rule > 0) {
        scaled x = template_column_x(t, t->columns - ms->ear_columns) - t->gutter / 2;
        draw_rule(&page->list, x, t->area_y, x, t->area_y + band, t->makeup.story_rule, 1);
    }
    if (ms->rule > 0) {
        scaled y = t->area_y + band + g->m.line_gap / 2;
        draw_rule_inked(&page->list, t->area_x, y, t->area_x + t->area_w, y, ms->rule,
                        ms->rule_color.ink, ms->rule_color.tint);
    }
}
