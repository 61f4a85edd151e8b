/* edition.c — edition.yaml: the paper, its date and masthead, and the pages
 * with the place of every article on them. */
#include "input/loader.h"

#include "base/arena.h"
#include "input/keys.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- dates ------------------------------------------------------------- */

const char *weekday_name(int weekday)
{
    static const char *const days[] = {"日", "一", "二", "三", "四", "五", "六"};
    return days[((weekday % 7) + 7) % 7];
}

static int weekday_of(int y, int m, int d)
{
    /* Days since 1970-01-01 (a Thursday), by the civil-from-days inverse. */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468;
    return (int)(((days % 7) + 11) % 7);
}

static bool parse_date(const char *s, int *y, int *m, int *d)
{
    char extra;
    if (sscanf(s, "%4d-%2d-%2d%c", y, m, d, &extra) != 3)
        return false;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*y < 1800 || *y > 9999 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
        return false;
    bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return !(*m == 2 && *d == 29 && !leap);
}

int64_t edition_time(const edition *e)
{
    struct tm tm = {.tm_year = e->year - 1900, .tm_mon = e->month - 1, .tm_mday = e->day};
    return (int64_t)timegm(&tm);
}

void edition_date_strings(const edition *e, char *date, size_t date_size, char *weekday,
                          size_t weekday_size)
{
    snprintf(date, date_size, "%d年%d月%d日", e->year, e->month, e->day);
    snprintf(weekday, weekday_size, "星期%s", weekday_name(e->weekday));
}

/* ---- placements -------------------------------------------------------- */

/* The bounds of an area: the template's grid (the reader's args). */
enum { GRID_COLUMNS, GRID_LINES };

/* A column number as written: digits only, no sign, no spaces. */
static const char *column_number(const char *s, long *out)
{
    if (*s < '0' || *s > '9')
        return NULL;
    long v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v < 1000 ? v * 10 + (*s - '0') : v;
    *out = v;
    return s;
}

/* "1-8", "3", or [1, 8]: 1-based inclusive grid columns. */
static bool read_area_columns(field_reader *r, yml_node *n, void *dest)
{
    grid_area *area = fields_slot(r, dest);
    long max = r->args[GRID_COLUMNS];
    long a = 0, b = 0;
    if (!n)
        return true;
    if (n->kind == YML_SEQ && n->count == 2) {
        if (!yml_read_int(n->items[0], r->d, "first column", 1, max, &a) ||
            !yml_read_int(n->items[1], r->d, "last column", 1, max, &b))
            return false;
    } else if (n->kind == YML_SCALAR) {
        const char *end = column_number(n->str, &a);
        b = a;
        if (end && *end == '-')
            end = column_number(end + 1, &b);
        if (!end || *end || a < 1 || b < a || b > max)
            return diag_error(r->d, n->loc,
                              "columns are written like 1-4 (grid columns from 1 to %ld), not "
                              "\"%s\"",
                              max, n->str);
    } else {
        return diag_error(r->d, n->loc, "columns are written like 1-4 or [1, 4]");
    }
    if (b < a)
        return diag_error(r->d, n->loc, "the last column comes before the first");
    area->col_from = (int)a - 1;
    area->col_to = (int)b - 1;
    return true;
}

static bool read_area_top(field_reader *r, yml_node *v, void *dest)
{
    grid_area *area = fields_slot(r, dest);
    long k;
    if (!v)
        return true;
    if (!fields_read_int(r, v, &k))
        return false;
    area->top = (int)k - 1;
    return true;
}

/* A number of lines, or fill: down to whatever stands below. */
static bool read_area_lines(field_reader *r, yml_node *v, void *dest)
{
    grid_area *area = fields_slot(r, dest);
    long k;
    if (!v || (v->kind == YML_SCALAR && strcmp(v->str, "fill") == 0))
        return true;
    if (!fields_read_int(r, v, &k))
        return false;
    area->lines = (int)k;
    if (area->top + area->lines > r->args[GRID_LINES])
        return diag_error(r->d, v->loc,
                          "the article runs from grid line %d for %d lines, past the %ld lines "
                          "of the type area",
                          area->top + 1, area->lines, r->args[GRID_LINES]);
    return true;
}

/* The rows of a rectangle of the grid, stored in the grid_area at `at`. */
#define AREA_FIELDS(at, top_required)                                                              \
    {"columns",                                                                                    \
     FIELD_CUSTOM,                                                                                 \
     at,                                                                                           \
     .read = read_area_columns,                                                                    \
     .type_doc = "columns",                                                                        \
     .doc = "the grid columns, first to last: 1-8, 3 or [1, 8] (all unless "                       \
            "given)"},                                                                             \
        {"top",                                                                                    \
         FIELD_CUSTOM,                                                                             \
         at,                                                                                       \
         .min = 1,                                                                                 \
         .max_arg = FIELD_ARG(GRID_LINES),                                                         \
         .required = top_required,                                                                 \
         .read = read_area_top,                                                                    \
         .type_doc = "whole number",                                                               \
         .range_doc = "1 to the grid's lines",                                                     \
         .doc = "the grid line it starts on (1 unless given)"},                                    \
    {                                                                                              \
        "lines", FIELD_CUSTOM, at,                                                                 \
            .min = 1, .max_arg = FIELD_ARG(GRID_LINES), .read = read_area_lines,                   \
            .type_doc = "whole number or fill", .range_doc = "1 to the grid's lines",              \
            .doc = "its height in grid lines, or fill: down to what stands below "                 \
                   "(fill unless given)"                                                           \
    }

static const field part_fields[] = {AREA_FIELDS(0, true), {0}};
const field_table part_keys = {"a part of an article's area", part_fields};

/* A placement while it is read: it goes to `slot` in its page's list. */
typedef struct placement_src {
    placement pl;
    placement *slot;
    yml_node *file;
    int page;               /* its page's index */
    const template *t;      /* and template */
} placement_src;

/* Areas start as the whole width of the grid, from its top. */
static grid_area whole_width(field_reader *r, const yml_node *n)
{
    return (grid_area){.loc = n->loc, .col_to = (int)r->args[GRID_COLUMNS] - 1};
}

/* More areas of the same module: an L or another shape. */
static bool read_parts(field_reader *r, yml_node *parts, void *dest)
{
    loader *ld = r->user;
    placement *pl = fields_slot(r, dest);
    bool ok = true;
    if (!parts)
        return true;
    pl->parts = ARENA_NEW_ARRAY(ld->e->arena, grid_area, parts->count + 1);
    for (int i = 0; i < parts->count; i++) {
        yml_node *pn = parts->items[i];
        if (!yml_expect_kind(pn, r->d, YML_MAP, "a part")) {
            ok = false;
            continue;
        }
        grid_area *a = &pl->parts[pl->part_count++];
        *a = whole_width(r, pn);
        ok &= fields_read(r, pn, &part_keys, a);
    }
    return ok;
}

/* Resolved once every page is known (see resolve_jumps). */
static bool read_continue_on(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    placement_src *src = dest;
    const char *label;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &label))
        return false;
    src->pl.continue_page = -2;
    ld->pending_jumps[ld->pending_jump_count++] =
        (pending_jump){.pl = src->slot, .label = label, .loc = v->loc};
    return true;
}

/* The first page's ear (报眼): beside the masthead, in the columns the
 * template's masthead gives it (ear-columns), over the masthead's lines. */
static bool read_area_name(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    placement_src *src = dest;
    const masthead_spec *ms = &src->t->masthead;
    int k;
    if (!v)
        return true;
    if (!yml_read_choice(v, r->d, r->name, r->row->choices, &k))
        return false;
    if (src->page != 0)
        return diag_error(r->d, v->loc, "the ear (area: ear) stands beside the masthead of the "
                                        "edition's first page, not on this one");
    if (!ms->enabled || ms->ear_columns == 0)
        return diag_error(r->d, v->loc,
                          "template \"%s\" has no ear; give its masthead \"ear-columns\", or "
                          "place the article on the grid",
                          src->t->name);
    if (!ld->e->masthead.present)
        return diag_error(r->d, v->loc, "the first page has no ear: edition.yaml has no "
                                        "\"masthead\" section, so no masthead is printed");
    static const char *const own_keys[] = {"columns", "top", "lines", "parts"};
    for (size_t i = 0; i < countof(own_keys); i++) {
        yml_node *given = yml_lookup(r->map, own_keys[i]);
        if (given)
            return diag_error(r->d, given->loc,
                              "the ear takes its columns and lines from the template's "
                              "masthead; remove \"%s\"",
                              own_keys[i]);
    }
    src->pl.ear = true;
    src->pl.area = (grid_area){.col_from = src->t->columns - ms->ear_columns,
                               .col_to = src->t->columns - 1, .lines = ms->lines,
                               .loc = src->pl.area.loc};
    return true;
}

static const char *const area_words[] = {"ear", NULL};

#define AT(f) offsetof(placement_src, f)
static const field placement_fields[] = {
    {"article", FIELD_SCALAR, AT(file), .required = true, .type_doc = "file",
     .doc = "the article file, relative to the edition folder"},
    AREA_FIELDS(AT(pl.area), false),
    {"parts", FIELD_LIST, AT(pl), .read = read_parts, .type_doc = "list of areas",
     .doc = "more areas of the same module (columns, top, lines each): an L-shaped or stepped "
     "module"},
    {"area", FIELD_CUSTOM, 0, .read = read_area_name, .choices = area_words, .type_doc = "choice",
     .range_doc = "ear",
     .doc = "ear: the first page's ear (报眼) beside the masthead, instead of columns and lines"},
    {"set-columns", FIELD_INT, AT(pl.set_columns), .min = 1, .max = 24,
     .doc = "set the text in this many columns of its own across the module"},
    {"headline-columns", FIELD_INT, AT(pl.headline_columns), .min = 1, .max = 24,
     .doc = "the headline band spans only the first this many columns"},
    {"continue-on", FIELD_CUSTOM, 0, .read = read_continue_on, .type_doc = "page label",
     .doc = "the page (its label) the rest of the article jumps to"},
    {"continued", FIELD_BOOL, AT(pl.continued),
     .doc = "this placement holds the rest of an article begun on an earlier page"},
    {"planned", FIELD_BOOL, AT(pl.planned),
     .doc = "the planner placed it (paiban plan writes it; the proof marks it)"},
    {"kicker-style", FIELD_CUSTOM, AT(pl.kicker_style), .read = read_style, .type_doc = "style",
     .doc = "the kicker's style here"},
    {"headline-style", FIELD_CUSTOM, AT(pl.headline_style), .read = read_style, .type_doc = "style",
     .doc = "the headline's style here"},
    {"subtitle-style", FIELD_CUSTOM, AT(pl.subtitle_style), .read = read_style, .type_doc = "style",
     .doc = "the subtitle's style here"},
    {0},
};
#undef AT
#undef AREA_FIELDS
const field_table placement_keys = {"an article placement", placement_fields};

/* The columns of a placement's module, as what it holds counts them: its
 * own set columns, or the grid columns all its areas span. */
static int module_columns(const placement *pl)
{
    if (pl->set_columns)
        return pl->set_columns;
    int from = pl->area.col_from, to = pl->area.col_to;
    for (int i = 0; i < pl->part_count; i++) {
        from = MIN(from, pl->parts[i].col_from);
        to = MAX(to, pl->parts[i].col_to);
    }
    return to - from + 1;
}

/* The article a placement places: read once, unless it is continued. */
static bool place_article(loader *ld, placement_src *src, yml_node *map)
{
    placement *pl = &src->pl;
    yml_node *file = src->file;
    const char *path = content_path(ld, file, "article file");
    if (!path)
        return false;
    /* A file that could not be read was reported where it was first
     * placed: its continuations fail without a word more. */
    for (int i = 0; i < ld->failed.n; i++)
        if (strcmp(ld->failed.v[i], path) == 0)
            return false;
    for (int i = 0; i < ld->e->article_count; i++) {
        if (strcmp(ld->e->articles[i]->file, path) != 0)
            continue;
        if (pl->continued) {
            pl->article = ld->e->articles[i];
            return true;
        }
        return diag_error(ld->d, file->loc,
                          "article \"%s\" is placed twice in this edition; a second placement "
                          "holding the rest of it says \"continued: true\"",
                          file->str);
    }
    if (pl->continued)
        return diag_error(ld->d, yml_lookup(map, "continued")->loc,
                          "\"continued\" places the rest of an article begun on an earlier page, "
                          "but \"%s\" has not been placed before",
                          file->str);
    article *a = article_load(ld, file, path);
    if (!a) {
        *VEC_PUSH(ld->failed) = path;
        return false;
    }
    pl->article = a;
    ld->e->articles[ld->e->article_count++] = a;
    return true;
}

/* Into `slot`, whose last use (a placement that failed) leaves nothing behind. */
static bool load_placement(loader *ld, const template *t, int page, yml_node *n,
                           placement *slot)
{
    if (!yml_expect_kind(n, ld->d, YML_MAP, "an article placement"))
        return false;
    field_reader r = loader_fields(ld);
    r.args[GRID_COLUMNS] = t->columns;
    r.args[GRID_LINES] = t->lines;
    placement_src src = {
        .pl = {.area = whole_width(&r, n), .continue_page = -1, .kicker_style = -1,
               .headline_style = -1, .subtitle_style = -1, .loc = n->loc},
        .slot = slot,
        .page = page,
        .t = t,
    };
    bool ok = fields_read(&r, n, &placement_keys, &src);
    /* Parts name grid columns; a module in columns of its own has none. */
    yml_node *own = yml_lookup(n, "set-columns");
    if (ok && own && src.pl.part_count > 0)
        ok = diag_error(ld->d, own->loc,
                        "set-columns cannot be used with parts: a module set in columns of its "
                        "own fills one area; drop the parts, or set-columns");
    yml_node *hc = yml_lookup(n, "headline-columns");
    if (ok && hc && src.pl.headline_columns > module_columns(&src.pl))
        ok = diag_error(ld->d, hc->loc,
                        "the headline band cannot span %d columns: the module has %d",
                        src.pl.headline_columns, module_columns(&src.pl));
    if (src.file && !place_article(ld, &src, n))
        ok = false;
    *slot = src.pl;
    /* The slot goes to the next placement: a jump of this one, which
     * failed, would be taken for that one's. */
    if (!(ok && src.file))
        while (ld->pending_jump_count > 0 &&
               ld->pending_jumps[ld->pending_jump_count - 1].pl == slot)
            ld->pending_jump_count--;
    return ok && src.file;
}

/* ---- pages ------------------------------------------------------------- */

/* Text the furniture prints: normalised, under the row's `arg` in warnings. */
static bool read_text(field_reader *r, yml_node *v, void *dest)
{
    const char *s;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &s))
        return false;
    const char *text = normalize(r->user, s, strlen(s), false, v->loc, r->row->arg);
    *(const char **)fields_slot(r, dest) = text;
    return fields_text_fits(r, v, text);
}

static bool read_page_template(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    page_spec *pg = dest;
    const char *s;
    if (v && !yml_read_string(v, r->d, r->name, &s))
        return false;
    if (v && (pg->template_index = layout_template(ld->l, s)) < 0)
        return diag_error(r->d, v->loc, "template \"%s\" is not in the layout folder (%s)", s,
                          ld->l->dir);
    /* (Pages are read only when the edition's own template is right.) */
    if (!v && pg->template_index < 0)
        return diag_error(r->d, pg->loc, "this page has no template; give \"template\" in "
                                         "edition.yaml or on the page");
    return true;
}

static bool read_placements(field_reader *r, yml_node *arts, void *dest)
{
    loader *ld = r->user;
    page_spec *pg = dest;
    bool ok = true;
    if (!arts || pg->template_index < 0)
        return !arts;
    pg->placements = ARENA_NEW_ARRAY(ld->e->arena, placement, arts->count + 1);
    const template *t = &ld->l->templates[pg->template_index];
    for (int k = 0; k < arts->count; k++) {
        if (load_placement(ld, t, (int)(pg - ld->e->pages), arts->items[k],
                           &pg->placements[pg->placement_count]))
            pg->placement_count++;
        else
            ok = false;
    }
    return ok;
}

#define AT(f) offsetof(page_spec, f)
static const field page_fields[] = {
    {"page", FIELD_CUSTOM, AT(label), .read = read_text, .arg = "the page label",
     .what = "the page label", .max = 20, .type_doc = "text", .range_doc = "at most 20 characters",
     .doc = "版次, the page label as printed; continue-on names pages by it "
            "(the page's number "
            "unless given)"},
    {"name", FIELD_CUSTOM, AT(name), .read = read_text, .arg = "the page name",
     .what = "the page name", .max = 100, .type_doc = "text", .range_doc = "at most 100 characters",
     .doc = "版名, the page's name"},
    {"editor", FIELD_CUSTOM, AT(editor), .read = read_text, .arg = "the editor's name",
     .what = "the editor's name", .max = 100, .type_doc = "text",
     .range_doc = "at most 100 characters", .doc = "责任编辑, the editor responsible for the page"},
    {"template", FIELD_CUSTOM, AT(template_index), .read = read_page_template,
     .type_doc = "template", .doc = "this page's template (the edition's unless given)"},
    {"articles", FIELD_LIST, AT(placements), .read = read_placements,
     .type_doc = "list of placements",
     .doc = "the article placements (or, for the planner, \"stories\")"},
    {"stories", FIELD_LIST, 0, .read = read_stories, .type_doc = "list of stories",
     .doc = "stories ranked for the planner to place (paiban plan)"},
    {0},
};
#undef AT
const field_table page_keys = {"a page", page_fields};

/* Each mapping of the list, after the edition's own keys are right. */
static bool read_pages(field_reader *r, yml_node *pages, void *dest)
{
    loader *ld = r->user;
    edition *e = dest;
    if (!r->ok)
        return false;
    if (pages->count == 0)
        return diag_error(r->d, pages->loc, "the edition has no pages");
    int total_placements = 0;
    for (int i = 0; i < pages->count; i++) {
        yml_node *arts = pages->items[i]->kind == YML_MAP ? yml_lookup(pages->items[i], "articles")
                                                          : NULL;
        total_placements += arts && arts->kind == YML_SEQ ? arts->count : 0;
        yml_node *sts = pages->items[i]->kind == YML_MAP ? yml_lookup(pages->items[i], "stories")
                                                         : NULL;
        total_placements += sts && sts->kind == YML_SEQ ? sts->count : 0;
    }
    if (total_placements > EDITION_MAX_PLACEMENTS)
        return diag_error(r->d, pages->loc,
                          "the pages place %d articles; an edition may place %d at most",
                          total_placements, EDITION_MAX_PLACEMENTS);
    e->articles = ARENA_NEW_ARRAY(e->arena, article *, total_placements + 1);
    ld->pending_jumps = ARENA_NEW_ARRAY(e->arena, pending_jump, total_placements + 1);
    e->pages = ARENA_NEW_ARRAY(e->arena, page_spec, pages->count);
    e->page_count = pages->count;
    bool ok = true;
    for (int i = 0; i < pages->count; i++) {
        yml_node *pn = pages->items[i];
        page_spec *pg = &e->pages[i];
        char label[16];
        snprintf(label, sizeof label, "%d", i + 1);
        *pg = (page_spec){.label = arena_strdup(e->arena, label),
                          .template_index = ld->default_template, .loc = pn->loc};
        if (!yml_expect_kind(pn, r->d, YML_MAP, "a page")) {
            ok = false;
        } else if (fields_read(r, pn, &page_keys, pg)) {
            if (!yml_lookup(pn, "articles") && !yml_lookup(pn, "stories"))
                ok = yml_missing(pn, r->d, "a page", "articles");
        } else {
            ok = false;
        }
    }
    return ok;
}

/* ---- the edition ------------------------------------------------------- */

static bool read_date(field_reader *r, yml_node *v, void *dest)
{
    edition *e = dest;
    const char *s;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &s))
        return false;
    if (!parse_date(s, &e->year, &e->month, &e->day))
        return diag_error(r->d, v->loc, "the date is written YYYY-MM-DD, like 2018-12-28; "
                                        "\"%s\" is not a date", s);
    e->weekday = weekday_of(e->year, e->month, e->day);
    return true;
}

static bool read_template(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    const char *s;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &s))
        return false;
    ld->default_template = layout_template(ld->l, s);
    if (ld->default_template < 0)
        return diag_error(r->d, v->loc,
                          "template \"%s\" is not in the layout folder (%s); add %s/%s.yaml or "
                          "name another",
                          s, ld->l->dir, ld->l->dir, s);
    return true;
}

/* The paper's name as a logotype, checked where it is named. */
static bool read_logo(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    masthead_info *m = dest;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &m->logo))
        return false;
    m->logo_loc = v->loc;
    m->logo = content_path(ld, v, "the logo file");
    return m->logo && logo_probe(ld->e->files, m->logo, &m->logo_info, v->loc, r->d);
}

#define AT(f) offsetof(masthead_info, f)
static const field masthead_fields[] = {
    {"issue", FIELD_STRING, AT(issue), .max = 200, .doc = "期号, the issue number"},
    {"serial", FIELD_STRING, AT(serial), .max = 200,
     .doc = "国内统一连续出版物号, the serial number"},
    {"postal", FIELD_STRING, AT(postal), .max = 200, .doc = "邮发代号, the postal code"},
    {"lunar", FIELD_STRING, AT(lunar), .max = 200, .doc = "农历, the lunar date as printed"},
    {"weather", FIELD_STRING, AT(weather), .max = 200, .doc = "the weather line"},
    {"publisher", FIELD_STRING, AT(publisher), .max = 200, .doc = "the publisher"},
    {"authority", FIELD_STRING, AT(authority), .max = 200, .doc = "主管, the paper's supervising body"},
    {"sponsor", FIELD_STRING, AT(sponsor), .max = 200, .doc = "主办, the body that runs the paper"},
    {"logo", FIELD_CUSTOM, AT(logo), .read = read_logo, .type_doc = "file",
     .doc = "the paper's name as a logotype: a PDF of one page (kept as vectors), a JPEG or a "
     "PNG, relative to the edition folder"},
    {0},
};
#undef AT
const field_table edition_masthead_keys = {"\"masthead\"", masthead_fields};

static bool read_masthead(field_reader *r, yml_node *v, void *dest)
{
    masthead_info *m = fields_slot(r, dest);
    if (!v)
        return true;
    m->present = true;
    m->loc = v->loc;
    return fields_read(r, v, &edition_masthead_keys, m);
}

#define AT(f) offsetof(edition, f)
static const field edition_fields[] = {
    {"paper", FIELD_CUSTOM, AT(paper), .required = true, .read = read_text,
     .arg = "the paper's name", .what = "the paper's name", .max = 100, .type_doc = "text",
     .range_doc = "at most 100 characters",
     .doc = "the paper's name, as the masthead and the folio print it"},
    {"date", FIELD_CUSTOM, 0, .required = true, .read = read_date, .type_doc = "date",
     .range_doc = "YYYY-MM-DD, from 1800 to 9999", .doc = "the edition's date"},
    {"template", FIELD_CUSTOM, 0, .read = read_template, .type_doc = "template",
     .doc = "the page template of every page that names none"},
    {"masthead", FIELD_MAP, AT(masthead), .read = read_masthead,
     .doc = "the lines printed beside the paper's name on the first page"},
    {"pages", FIELD_LIST, 0, .required = true, .read = read_pages, .type_doc = "list of pages",
     .max = EDITION_MAX_PAGES, .range_doc = "1 to 1000 pages", .doc = "the pages in order"},
    {0},
};
#undef AT
const field_table edition_keys = {"edition.yaml", edition_fields};

/* The page jump j names, after the page its story or placement stands
 * on (`what` in the message); -1 when there is none (reported). */
static int jump_target(loader *ld, const pending_jump *j, const char *what)
{
    const edition *e = ld->e;
    int from_page = -1, to_page = -1;
    for (int p = 0; p < e->page_count; p++) {
        const page_spec *ps = &e->pages[p];
        for (int k = 0; k < ps->story_count; k++)
            if (j->story == &ps->stories[k])
                from_page = p;
        for (int k = 0; k < ps->placement_count; k++)
            if (j->pl == &ps->placements[k])
                from_page = p;
        if (ps->label && strcmp(ps->label, j->label) == 0)
            to_page = p;
    }
    if (to_page < 0)
        diag_error(ld->d, j->loc, "the edition has no page \"%s\" to continue on", j->label);
    else if (to_page <= from_page)
        diag_error(ld->d, j->loc, "%s continues on a later page; page \"%s\" comes before it",
                   what, j->label);
    return to_page > from_page ? to_page : -1;
}

/* A jump names the page (版次) the rest of an article continues on; that
 * page must hold a placement of the same article marked continued.  A
 * story's names the later page the planner then places its rest on. */
static bool resolve_jump(loader *ld, const pending_jump *j)
{
    edition *e = ld->e;
    int to_page = jump_target(ld, j, j->story ? "a story" : "an article");
    if (to_page < 0)
        return false;
    /* The planner places a story's rest on the page it jumps to, after
     * that page's own stories.  A page without stories is not planned:
     * the jump the plan wrote there found no continuation, and said so at
     * a line of the plan, which edition.yaml does not have. */
    if (j->story && e->pages[to_page].story_count == 0)
        return diag_error(ld->d, j->loc,
                          "a story's rest goes on a page of stories, which the planner places; "
                          "page \"%s\" has none: give it stories, or continue on another page",
                          j->label);
    if (j->story) {
        j->story->continue_page = to_page;
        return true;
    }
    for (int k = 0; k < e->pages[to_page].placement_count; k++) {
        const placement *q = &e->pages[to_page].placements[k];
        if (q->continued && q->article == j->pl->article) {
            j->pl->continue_page = to_page;
            return true;
        }
    }
    return diag_error(ld->d, j->loc,
                      "page \"%s\" has no placement of this article with \"continued: true\" "
                      "to hold the rest",
                      j->label);
}

/* Every continued placement is what some jump points at. */
static bool continued_from_somewhere(loader *ld)
{
    const edition *e = ld->e;
    bool ok = true;
    for (int p = 0; p < e->page_count; p++) {
        for (int k = 0; k < e->pages[p].placement_count; k++) {
            const placement *q = &e->pages[p].placements[k];
            if (!q->continued)
                continue;
            bool pointed = false;
            for (int p2 = 0; p2 < p; p2++)
                for (int k2 = 0; k2 < e->pages[p2].placement_count; k2++) {
                    const placement *r = &e->pages[p2].placements[k2];
                    if (r->article == q->article && r->continue_page == p)
                        pointed = true;
                }
            if (!pointed)
                ok = diag_error(ld->d, q->loc,
                                "this placement continues \"%s\", but no earlier placement says "
                                "\"continue-on: %s\"",
                                q->article->id, e->pages[p].label);
        }
    }
    return ok;
}

/* What an article holds fits the module of each of its placements, so
 * that composition never meets a box, a table or a photo wider than its
 * module, or a table set whole (over several columns it does not break)
 * with more rows than the page has grid lines. */
static bool fits_module(loader *ld, const page_spec *pg, const placement *pl)
{
    const article *a = pl->article;
    const template *t = &ld->l->templates[pg->template_index];
    int cols = module_columns(pl);
    bool ok = true;
    if (a->photo && a->photo->columns > cols)
        ok = diag_error(ld->d, a->photo->loc,
                        "the photo spans %d columns, but the module of \"%s\" on "
                        "page %s has %d; "
                        "give it columns: %d or fewer",
                        a->photo->columns, a->id, pg->label, cols, cols);
    for (int i = 0; i < a->block_count; i++) {
        const block *b = &a->blocks[i];
        if (b->span_columns > cols)
            ok = diag_error(ld->d, b->loc,
                            "this %s spans %d columns, but the module of \"%s\" on page %s has "
                            "%d; give it span: %d or fewer",
                            b->kind == BLOCK_TABLE ? "table" : "box", b->span_columns, a->id,
                            pg->label, cols, cols);
        else if (b->kind == BLOCK_TABLE && b->span_columns > 1 && b->table->rows > t->lines)
            ok = diag_error(ld->d, b->loc,
                            "this table spans %d columns, so it is set whole, but "
                            "its %d rows need "
                            "more than the %d grid lines of a page; give it span: 1 "
                            "(it then runs "
                            "on from column to column) or split it",
                            b->span_columns, b->table->rows, t->lines);
    }
    return ok;
}

static bool resolve_jumps(loader *ld)
{
    bool ok = true;
    for (int j = 0; j < ld->pending_jump_count; j++)
        ok &= resolve_jump(ld, &ld->pending_jumps[j]);
    return continued_from_somewhere(ld) && ok;
}

/* A teaser's paragraph: its words — the article's headline on one line
 * unless it gives its own — and 详见A2版, the label of the page where that
 * article stands (its first placement), run in an em after them. */
static bool resolve_teaser(loader *ld, const pending_teaser *t)
{
    const edition *e = ld->e;
    const article *target = NULL;
    int page = -1;
    /* A placement, or a story the planner will place on its page. */
    for (int p = 0; p < e->page_count && !target; p++) {
        for (int k = 0; k < e->pages[p].placement_count && !target; k++)
            if (!e->pages[p].placements[k].continued &&
                strcmp(e->pages[p].placements[k].article->file, t->path) == 0)
                target = e->pages[p].placements[k].article, page = p;
        for (int k = 0; k < e->pages[p].story_count && !target; k++)
            if (strcmp(e->pages[p].stories[k].article->file, t->path) == 0)
                target = e->pages[p].stories[k].article, page = p;
    }
    if (!target)
        return diag_error(ld->d, t->loc,
                          "the teaser points to \"%s\", which no page of this edition places; "
                          "place it, or point to another article",
                          t->given);
    int ref_style = style_named(ld, "teaser-page", t->loc);
    if (ref_style < 0)
        return false;
    block *b = &t->article->blocks[t->block];
    span *spans = ARENA_NEW_ARRAY(e->arena, span, 2);
    spans[0] = t->text;
    if (!spans[0].text) {
        char *line = content_one_line(target->headline.text);
        spans[0] = (span){.text = arena_strdup(e->arena, line), .style = b->style, .loc = t->loc};
        free(line);
    }
    char ref[64];
    snprintf(ref, sizeof ref, "详见%s版", e->pages[page].label);
    spans[1] = (span){.text = arena_strdup(e->arena, ref), .style = ref_style,
                      .gap_before = ld->l->styles[ref_style].size, .loc = t->loc};
    b->spans = spans;
    b->span_count = 2;
    return true;
}

static bool resolve_teasers(loader *ld)
{
    bool ok = true;
    for (int i = 0; i < ld->teasers.n; i++)
        ok &= resolve_teaser(ld, &ld->teasers.v[i]);
    return ok;
}

/* The folder as given, and as the file system resolves it (files named in
 * the content must lie inside it). */
static bool open_folder(loader *ld, const char *dir)
{
    edition *e = ld->e;
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    e->dir = arena_strndup(e->arena, dir, dl);
    char real[PATH_MAX];
    if (!files_resolve(ld->opt.files, e->dir, real))
        return diag_error(ld->d, (src_loc){e->dir, 0, 0}, "cannot open the edition folder: %s",
                          strerror(errno));
    ld->root_real = arena_strdup(e->arena, real);
    return true;
}

/* The articles a page sets hold PAGE_MAX_VALUES at most (input/loader.h):
 * said at the placement or story that passes it. */
static bool page_values_fit(loader *ld, const page_spec *pg)
{
    long values = 0;
    int n = pg->placement_count + pg->story_count;
    for (int k = 0; k < n; k++) {
        bool placed = k < pg->placement_count;
        const article *a = placed ? pg->placements[k].article
                                  : pg->stories[k - pg->placement_count].article;
        src_loc at = placed ? pg->placements[k].loc : pg->stories[k - pg->placement_count].loc;
        if (!a)
            continue;
        values += a->yaml_values;
        if (values > PAGE_MAX_VALUES)
            return diag_error(ld->d, at,
                              "with \"%s\" the articles of page %s hold more than %d values "
                              "(paragraphs, keys, cells …), the limit for a page; move "
                              "articles to other pages, or cut them",
                              a->id, pg->label, PAGE_MAX_VALUES);
    }
    return true;
}

static bool read_edition(loader *ld)
{
    char *path = xasprintf("%s/edition.yaml", ld->e->dir);
    char *data;
    size_t len;
    yml_doc *doc = NULL;
    if (content_read(ld, NULL, "edition.yaml", path, YML_MAX_FILE_BYTES, false, &data, &len))
        doc = yml_load_string(path, data, len, ld->d);
    else if (errno)
        yml_report_read_error(ld->d, path, errno);
    free(data);
    free(path);
    if (!doc)
        return false;
    *VEC_PUSH(ld->docs) = doc;
    ld->e->file = doc->file;
    yml_node *root = doc->root;
    if (!root || root->kind != YML_MAP)
        return diag_error(ld->d, root ? root->loc : (src_loc){doc->file, 0, 0},
                          "edition.yaml is a mapping with paper, date, template and pages");
    field_reader r = loader_fields(ld);
    if (!fields_read(&r, root, &edition_keys, ld->e) || !resolve_jumps(ld) ||
        !resolve_teasers(ld))
        return false;
    edition *e = ld->e;
    bool ok = true;
    const template *first = &ld->l->templates[e->pages[0].template_index];
    if (e->masthead.present && !first->masthead.enabled)
        ok = diag_error(ld->d, e->masthead.loc,
                        "edition.yaml has a masthead, but the template \"%s\" of "
                        "its first page "
                        "has none, so it would not be printed; remove \"masthead\" "
                        "or give %s a "
                        "masthead: section",
                        first->name, first->file);
    for (int p = 0; p < e->page_count; p++)
        for (int k = 0; k < e->pages[p].placement_count; k++)
            ok &= fits_module(ld, &e->pages[p], &e->pages[p].placements[k]);
    for (int p = 0; p < e->page_count; p++)
        ok &= page_values_fit(ld, &e->pages[p]);
    return ok;
}

edition *edition_load(const char *dir, const layout *l, content_options opt, diag *d)
{
    edition *e = xcalloc(1, sizeof *e);
    e->arena = arena_new();
    e->kept = xcalloc(1, sizeof *e->kept);
    files_keeper_init(e->kept, opt.files);
    e->files = &e->kept->source;
    loader ld = {.e = e, .arena = e->arena, .l = l, .d = d, .opt = opt, .default_template = -1};
    bool ok = open_folder(&ld, dir) && read_edition(&ld);
    VEC_FREE(ld.failed);
    /* Locations in spans and blocks point at the file names the YAML
     * documents own, so the documents live as long as the edition. */
    e->docs = (struct yml_doc **)ld.docs.v;
    e->doc_count = ld.docs.n;
    VEC_FREE(ld.probed);
    VEC_FREE(ld.teasers);
    if (!ok) {
        edition_free(e);
        return NULL;
    }
    return e;
}

void edition_free(edition *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->doc_count; i++)
        yml_free(e->docs[i]);
    free(e->docs);
    files_keeper_free(e->kept);
    free(e->kept);
    for (int i = 0; i < e->article_count; i++)
        arena_free(e->articles[i]->body);
    arena_free(e->arena);
    free(e);
}
