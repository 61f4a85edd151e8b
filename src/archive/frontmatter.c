/* frontmatter.c — cover and contents of the volume. */
#include "archive/frontmatter.h"

#include "base/arena.h"
#include "page/lines.h"
#include "pdf/pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ITEM_MONTH, ITEM_DAY, ITEM_PAGE, ITEM_STORY };

/* One entry of the contents, set before it is placed. */
typedef struct entry {
    int kind;
    para_result text;       /* set to the entry's measure */
    int style;
    int target;             /* 0-based volume page it names, -1 for none */
    scaled indent;
    scaled lead;            /* baseline distance */
    scaled height;          /* lines × leading */
    scaled above;           /* space above, unless it heads a column */
    /* where it went */
    int page;               /* 0-based among the contents pages */
    scaled x, y;            /* left end of the measure, top of the first line */
    scaled col_right;       /* right edge of its column: the page number ends there */
} entry;

typedef VEC(entry) entry_vec;

typedef struct setter {
    const layout *l;
    typesetter *ts;
    arena *a;
    diag *d;
    int styles[7];          /* see style_names */
    int next_para;          /* each text set its own paragraph (the PDF's structure) */
} setter;

static const char *const style_names[] = {"volume-title", "volume-subtitle", "contents-title",
                                          "contents-month", "contents-day", "contents-page",
                                          "contents-entry"};
enum { S_TITLE, S_SUBTITLE, S_CTITLE, S_MONTH, S_DAY, S_PAGE, S_ENTRY };

static void set_text(setter *s, const char *text, int st, scaled width, para_result *out)
{
    span sp = {.text = arena_strdup(s->a, text), .style = st, .loc = s->l->styles[st].loc};
    para_options opt = {.width = width, .indent_style = -1, .no_indent = true, .align = -1};
    para_typeset(s->ts, &sp, 1, &opt, s->a, out);
}

static scaled natural(setter *s, const char *text, int st)
{
    span sp = {.text = arena_strdup(s->a, text), .style = st, .loc = s->l->styles[st].loc};
    return para_natural_width(s->ts, &sp, 1);
}

static scaled leading(const setter *s, int st) { return s->l->styles[st].leading; }

/* The lines of a set text, first baseline at `top` plus one size. */
static int draw_text(setter *s, page_out *po, const para_result *pr, int st, scaled x, scaled top)
{
    scaled base = top + s->l->styles[st].size;
    int para = s->next_para++;
    for (int i = 0; i < pr->line_count; i++)
        draw_para_line(&po->list, s->a, pr, &pr->lines[i], x, base + i * leading(s, st),
                       ROLE_CONTENTS, -1, -1, -1, 1.0, para);
    return para;
}

static const template *front_template(const layout *l, const edition_record *first)
{
    for (int t = 0; t < l->template_count; t++) {
        const template *tp = &l->templates[t];
        if (first && fabs(pt_from_scaled(tp->page_w) - first->pages.v[0].width) < 0.5 &&
            fabs(pt_from_scaled(tp->page_h) - first->pages.v[0].height) < 0.5)
            return tp;
    }
    return &l->templates[0];
}

/* The entries of the contents, each set to its measure. */
static void make_entries(setter *s, const edition_record *const *recs, int count, scaled col_w,
                         scaled num_w, entry_vec *out)
{
    int vpage = 0; /* volume page of the edition's first page, less the front matter */
    int month = 0;
    scaled em = s->l->styles[s->styles[S_ENTRY]].size;
    for (int i = 0; i < count; i++) {
        const edition_record *r = recs[i];
        char buf[256];
        if (r->month != month) {
            month = r->month;
            entry *e = VEC_PUSH(*out);
            snprintf(buf, sizeof buf, "%d年%d月", r->year, r->month);
            e->kind = ITEM_MONTH;
            e->style = s->styles[S_MONTH];
            e->target = vpage;
            set_text(s, buf, e->style, col_w, &e->text);
        }
        entry *e = VEC_PUSH(*out);
        snprintf(buf, sizeof buf, "%d月%d日　星期%s%s%s", r->month, r->day, weekday_name(r->weekday),
                 r->issue[0] ? "　" : "", r->issue);
        e->kind = ITEM_DAY;
        e->style = s->styles[S_DAY];
        e->target = vpage;
        set_text(s, buf, e->style, col_w, &e->text);
        for (int p = 0; p < r->pages.n; p++) {
            e = VEC_PUSH(*out);
            snprintf(buf, sizeof buf, "%s　%s", r->pages.v[p].label, r->pages.v[p].name);
            e->kind = ITEM_PAGE;
            e->style = s->styles[S_PAGE];
            e->target = vpage + p;
            set_text(s, buf, e->style, col_w - num_w - em, &e->text);
            for (int k = 0; k < r->stories.n; k++) {
                const rec_story *st = &r->stories.v[k];
                if (st->page != p || !st->headline[0])
                    continue;
                e = VEC_PUSH(*out);
                e->kind = ITEM_STORY;
                e->style = s->styles[S_ENTRY];
                e->target = vpage + p;
                e->indent = em;
                set_text(s, st->headline, e->style, col_w - em - num_w - em, &e->text);
            }
        }
        vpage += r->pages.n;
    }
    for (int i = 0; i < out->n; i++) {
        entry *e = &out->v[i];
        e->lead = leading(s, e->style);
        e->height = e->text.line_count * e->lead;
        if (e->kind == ITEM_MONTH && i > 0)
            e->above = e->lead / 2; /* air above a month, unless it heads a column */
    }
}

/* Flow the entries into columns and pages; the number of pages. */
static int flow(entry *es, int n, const template *t, int columns, scaled col_w, scaled gutter,
                scaled first_top)
{
    int page = 0, col = 0;
    scaled top = first_top, y = top, bottom = t->area_y + t->area_h;
    for (int i = 0; i < n; i++) {
        entry *e = &es[i];
        /* A heading keeps the entries after it in the same column: a
         * month its first day and page, a day its first page. */
        scaled need = e->above + e->height;
        for (int k = 1; k <= (e->kind == ITEM_MONTH ? 2 : e->kind == ITEM_DAY ? 1 : 0); k++)
            if (i + k < n)
                need += es[i + k].height;
        if (y + need > bottom && y > top) {
            if (++col == columns) {
                col = 0;
                page++;
                top = t->area_y;
            }
            y = top;
        }
        if (y > top)
            y += e->above;
        e->page = page;
        e->x = t->area_x + col * (col_w + gutter) + e->indent;
        e->col_right = t->area_x + col * (col_w + gutter) + col_w;
        e->y = y;
        y += e->height;
    }
    return page + 1;
}

static void cover(setter *s, page_out *po, const template *t, const edition_record *const *recs,
                  int count, int pages)
{
    const edition_record *first = recs[0], *last = recs[count - 1];
    para_result pr;
    char buf[256];
    scaled w = t->area_w, x = t->area_x;
    scaled y = t->area_y + t->area_h * 3 / 10;
    set_text(s, first->paper, s->styles[S_TITLE], w, &pr);
    draw_text(s, po, &pr, s->styles[S_TITLE], x, y);
    y += pr.line_count * leading(s, s->styles[S_TITLE]) + leading(s, s->styles[S_SUBTITLE]);
    snprintf(buf, sizeof buf, "%d年合订本", first->year);
    set_text(s, buf, s->styles[S_SUBTITLE], w, &pr);
    draw_text(s, po, &pr, s->styles[S_SUBTITLE], x, y);
    y += 2 * pr.line_count * leading(s, s->styles[S_SUBTITLE]);
    snprintf(buf, sizeof buf, "%d年%d月%d日—%d月%d日　%d期　%d个版", first->year, first->month,
             first->day, last->month, last->day, count, pages);
    set_text(s, buf, s->styles[S_PAGE], w, &pr);
    /* Centred by hand: the page style is set flush left. */
    scaled nw = natural(s, buf, s->styles[S_PAGE]);
    draw_text(s, po, &pr, s->styles[S_PAGE], x + (w - nw) / 2, y);
}

bool contents_write(const edition_record *const *recs, int count, const layout *l,
                    typesetter *ts, int64_t build_time, const char *path, contents_result *res,
                    diag *d)
{
    memset(res, 0, sizeof *res);
    setter s = {.l = l, .ts = ts, .a = arena_new(), .d = d};
    bool ok = count > 0;
    for (size_t i = 0; i < countof(style_names); i++) {
        s.styles[i] = layout_style(l, style_names[i]);
        if (s.styles[i] < 0)
            ok = diag_error(d, (src_loc){l->dir, 0, 0},
                            "the layout has no style \"%s\", which the volume's contents use; "
                            "add it to styles.yaml (see docs/archive.md)",
                            style_names[i]);
    }
    if (!ok) {
        arena_free(s.a);
        return false;
    }
    const template *t = front_template(l, recs[0]);
    scaled em = l->styles[s.styles[S_ENTRY]].size;
    scaled gutter = 2 * em;
    int columns = MAX(1, (t->area_w + gutter) / (24 * em + gutter));
    scaled col_w = (t->area_w - (columns - 1) * gutter) / columns;
    int edition_pages = 0;
    for (int i = 0; i < count; i++)
        edition_pages += recs[i]->pages.n;
    /* Room for the widest number: as many digits as the last page has. */
    char widest[16];
    snprintf(widest, sizeof widest, "%d", edition_pages + 1000);
    for (char *c = widest; *c; c++)
        *c = '0';
    scaled num_w = natural(&s, widest, s.styles[S_PAGE]);

    entry_vec es = {0};
    make_entries(&s, recs, count, col_w, num_w, &es);
    para_result title;
    set_text(&s, "目　录", s.styles[S_CTITLE], t->area_w, &title);
    scaled title_h = (title.line_count + 1) * leading(&s, s.styles[S_CTITLE]);
    int contents_pages = flow(es.v, es.n, t, columns, col_w, gutter, t->area_y + title_h);
    int front = 1 + contents_pages;

    edition fm = {.paper = recs[0]->paper, .year = recs[0]->year, .month = recs[0]->month,
                  .day = recs[0]->day, .weekday = recs[0]->weekday, .page_count = front};
    fm.pages = xcalloc((size_t)front, sizeof(page_spec));
    res->labels = xcalloc((size_t)front, sizeof(char *));
    edition_out eo = {.page_count = front, .arena = NULL};
    eo.pages = xcalloc((size_t)front, sizeof(page_out));
    for (int p = 0; p < front; p++) {
        res->labels[p] = p == 0 ? xstrdup("封面") : xasprintf("目录%d", p);
        fm.pages[p] = (page_spec){.label = res->labels[p], .name = p ? "目录" : "封面",
                                  .template_index = (int)(t - l->templates)};
        eo.pages[p] = (page_out){.index = p, .label = res->labels[p], .name = fm.pages[p].name,
                                 .width = t->page_w, .height = t->page_h};
    }
    cover(&s, &eo.pages[0], t, recs, count, edition_pages);
    draw_text(&s, &eo.pages[1], &title, s.styles[S_CTITLE], t->area_x, t->area_y);
    for (int i = 0; i < es.n; i++) {
        entry *e = &es.v[i];
        page_out *po = &eo.pages[1 + e->page];
        int para = draw_text(&s, po, &e->text, e->style, e->x, e->y);
        if (e->target >= 0)
            *VEC_PUSH(res->links) = (bind_link){
                .page = 1 + e->page, .target = front + e->target,
                .x0 = pt_from_scaled(e->x), .x1 = pt_from_scaled(e->col_right),
                .y0 = pt_from_scaled(t->page_h - e->y - e->height),
                .y1 = pt_from_scaled(t->page_h - e->y)};
        if (e->kind == ITEM_PAGE || e->kind == ITEM_STORY) {
            char num[16];
            snprintf(num, sizeof num, "%d", front + e->target + 1);
            para_result pr;
            set_text(&s, num, s.styles[S_PAGE], num_w * 2, &pr);
            scaled nw = natural(&s, num, s.styles[S_PAGE]);
            scaled last_top = e->y + (e->text.line_count - 1) * e->lead;
            /* On the entry's last baseline. */
            scaled base = last_top + l->styles[e->style].size;
            /* The page number belongs to its entry. */
            draw_para_line(&po->list, s.a, &pr, &pr.lines[0], e->col_right - nw, base, ROLE_CONTENTS,
                           -1, -1, -1, 1.0, para);
        }
    }
    pdf_options po = {.form = PDF_ARCHIVE, .build_time = build_time};
    pdf_stats ps;
    ok = pdf_write(&eo, &fm, l, typesetter_fonts(ts), &po, path, &ps, d);
    pdf_stats_free(&ps);
    res->pages = front;
    res->contents_first = 1;
    for (int p = 0; p < front; p++)
        draw_list_free(&eo.pages[p].list);
    free(eo.pages);
    free(fm.pages);
    VEC_FREE(es);
    arena_free(s.a);
    return ok;
}

void contents_result_free(contents_result *res)
{
    for (int p = 0; p < res->pages; p++)
        free(res->labels[p]);
    free(res->labels);
    VEC_FREE(res->links);
    memset(res, 0, sizeof *res);
}
