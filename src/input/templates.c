/* templates.c — the page templates of the layout folder, after its styles. */
#include "input/layout.h"

#include "base/arena.h"
#include "input/fields.h"
#include "input/keys.h"
#include "input/styles.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader {
    layout *l;
    fontset *fonts;
    const file_source *src;
    diag *d;
} loader;

static int style_named(loader *ld, yml_node *n, const char *what)
{
    const char *name;
    if (!yml_read_string(n, ld->d, what, &name))
        return -1;
    int s = layout_style(ld->l, name);
    if (s < 0)
        diag_error(ld->d, n->loc, "%s \"%s\" is not defined in styles.yaml", what, name);
    return s;
}

static bool read_style(field_reader *r, yml_node *v, void *dest)
{
    if (!v)
        return true;
    int *s = fields_slot(r, dest);
    *s = style_named(r->user, v, r->name);
    return *s >= 0;
}

/* ---- page and grid --------------------------------------------------- */

#define AT(f) offsetof(template, f)
static const field page_fields[] = {
    {"width", FIELD_LENGTH, AT(page_w), .what = "page width", .required = true, .lo = 72,
     .hi = 7200, .doc = "the trimmed page's width"},
    {"height", FIELD_LENGTH, AT(page_h), .what = "page height", .required = true, .lo = 72,
     .hi = 7200, .doc = "the trimmed page's height"},
    {0},
};
const field_table template_page_keys = {"\"page\"", page_fields};

/* The grid's style: its character and line make the grid, and its size is
 * what the grid's lengths in em and their defaults follow. */
static bool read_grid_style(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    template *t = dest;
    t->body_style = style_named(ld, v, r->name);
    if (t->body_style < 0)
        return false;
    const style *body = &ld->l->styles[t->body_style];
    r->em = &body->size;
    t->gutter = body->size;
    t->line_gap = body->leading - body->size;
    return true;
}

/* The type area's size from the grid read so far, in 64 bits: within
 * the grid's ranges it may still be far larger than a page, and larger
 * than a scaled holds (200 characters of 720pt). */
typedef struct area64 {
    int64_t col_w, pitch, w, h;
} area64;

static area64 area_of(const template *t, scaled body_size)
{
    area64 a = {.col_w = (int64_t)t->chars * body_size, .pitch = (int64_t)body_size + t->line_gap};
    a.w = t->columns * a.col_w + (int64_t)(t->columns - 1) * t->gutter;
    a.h = (int64_t)(t->lines - 1) * a.pitch + body_size;
    return a;
}

/* A margin of the type area; not given, the area is centred on the page
 * (or put at its edge when it is larger: it is refused then). */
static bool read_margin(field_reader *r, yml_node *v, void *dest)
{
    template *t = dest;
    area64 a = area_of(t, *r->em);
    scaled *margin = fields_slot(r, dest);
    if (margin == &t->area_x)
        t->area_x = a.w < t->page_w ? (scaled)((t->page_w - a.w) / 2) : 0;
    else
        t->area_y = a.h < t->page_h ? (scaled)((t->page_h - a.h) / 2) : 0;
    return !v || fields_read_length(r, v, *r->em, margin);
}

static const field grid_fields[] = {
    {"style", FIELD_CUSTOM, AT(body_style), .what = "grid style", .required = true, .vital = true,
     .read = read_grid_style, .type_doc = "style",
     .doc = "the style whose character and line make the grid"},
    {"columns", FIELD_INT, AT(columns), .min = 1, .max = TEMPLATE_MAX_COLUMNS, .required = true,
     .doc = "grid columns"},
    {"characters", FIELD_INT, AT(chars), .min = 2, .max = 200, .required = true,
     .doc = "body characters a column"},
    {"gutter", FIELD_LENGTH, AT(gutter), .lo = 0, .hi = 144,
     .doc = "space between columns (1em unless given)"},
    {"lines", FIELD_INT, AT(lines), .min = 1, .max = 1000, .required = true,
     .doc = "grid lines a column"},
    {"line-gap", FIELD_LENGTH, AT(line_gap), .lo = 0, .hi = 144,
     .doc = "space between grid lines (the style's leading less its size "
            "unless given)"},
    {"top", FIELD_CUSTOM, AT(area_y), .what = "top margin", .read = read_margin,
     .type_doc = "length", .lo = 0, .hi = 7200,
     .doc = "the type area's top margin (centred unless given)"},
    {"left", FIELD_CUSTOM, AT(area_x), .what = "left margin", .read = read_margin,
     .type_doc = "length", .lo = 0, .hi = 7200,
     .doc = "the type area's left margin (centred unless given)"},
    {0},
};
const field_table template_grid_keys = {"\"grid\"", grid_fields};

static bool read_grid(field_reader *r, yml_node *grid, void *dest)
{
    loader *ld = r->user;
    template *t = dest;
    bool ok = fields_read(r, grid, &template_grid_keys, t);
    if (t->body_style < 0)
        return false;
    const style *body = &ld->l->styles[t->body_style];
    area64 a = area_of(t, body->size);
    /* Composition divides by the pitch and sets a line a grid line: lines
     * closer than the size would overlap (a style's leading, inherited in
     * pt, may be less than its size, and the default gap with it). */
    if (ok && r->ok && t->line_gap < 0)
        return diag_error(r->d, grid->loc,
                          "the grid's lines would overlap: its line gap, the leading of style "
                          "\"%s\" less its size, is %.2fpt; give \"line-gap\" (0pt or more)",
                          body->name, pt_from_scaled(t->line_gap));
    /* The em box of grid line 0 touches the top of the type area; where
     * the baseline sits in the em box is the body face's business (its
     * ideographic em-box bottom, -0.12 em in Noto CJK). */
    if (fontset_open(ld->fonts, body->face, body->font_loc, r->d)) {
        const face_info *fi = fontset_info(ld->fonts, body->face);
        t->baseline0 = t->area_y + scaled_muldiv(body->size, fi->upem + fi->ideo_bottom, fi->upem);
    } else {
        ok = false;
    }
    if (!ok || !r->ok)
        return ok;
    if (a.w > (int64_t)t->page_w - t->area_x || a.h > (int64_t)t->page_h - t->area_y)
        return diag_error(r->d, grid->loc,
                          "the type area (%.1f × %.1f mm from %d columns of %d characters and %d "
                          "lines) does not fit the %.1f × %.1f mm page; use fewer columns, "
                          "characters or lines",
                          a.w / 65536.0 / MM_TO_PT, a.h / 65536.0 / MM_TO_PT, t->columns, t->chars,
                          t->lines, pt_from_scaled(t->page_w) / MM_TO_PT,
                          pt_from_scaled(t->page_h) / MM_TO_PT);
    /* Within the page, every size fits a scaled. */
    t->col_w = (scaled)a.col_w;
    t->pitch = (scaled)a.pitch;
    t->area_w = (scaled)a.w;
    t->area_h = (scaled)a.h;
    return true;
}

/* A rule weight, or true for rules of 0.5pt, or false for none. */
static bool read_column_rules(field_reader *r, yml_node *v, void *dest)
{
    template *t = dest;
    bool on;
    if (!v)
        return true;
    if (v->kind == YML_SCALAR && yml_parse_length(v->str, 0, &t->column_rule_weight)) {
        if (!fields_read_length(r, v, 0, &t->column_rule_weight))
            return false;
        t->column_rules = t->column_rule_weight > 0;
        return true;
    }
    if (!yml_read_bool(v, r->d, r->name, &on))
        return false;
    t->column_rules = on;
    t->column_rule_weight = scaled_from_pt(0.5);
    return true;
}
#undef AT

/* A rule's colour: a black-ink percentage or an ink of styles.yaml's
 * inks:, with its tint ("red", "red 60%"). */
static bool read_rule_color(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    rule_colour *c = fields_slot(r, dest);
    const char *text;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &text))
        return false;
    if (ink_named(ld->l, text, &c->ink, &c->tint))
        return true;
    return diag_error(r->d, v->loc,
                      "%s must be a black-ink percentage such as 100%% or 60%%, or an ink of "
                      "styles.yaml's inks: (with a tint: \"red 60%%\"), not \"%s\"",
                      r->name, text);
}

static const rule_colour black_rule = {.ink = -1, .tint = 1.0};

/* ---- folio and masthead ---------------------------------------------- */

/* The folio's style, whose size its lengths in em and their defaults follow. */
static bool read_folio_style(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    folio_spec *f = dest;
    f->style = style_named(ld, v, r->name);
    if (f->style < 0)
        return false;
    const style *fs = &ld->l->styles[f->style];
    r->em = &fs->size;
    f->rise = fs->size * 2;
    f->rule_gap = fs->size;
    return true;
}

#define AT(f) offsetof(folio_spec, f)
static const field folio_fields[] = {
    {"style", FIELD_CUSTOM, AT(style), .what = "folio style", .required = true, .vital = true,
     .read = read_folio_style, .type_doc = "style", .doc = "the style of the running head"},
    {"left", FIELD_STRING, AT(left), .max = 200,
     .doc = "text at the left: {paper} {date} {weekday} {page} {name} {editor}"},
    {"center", FIELD_STRING, AT(center), .max = 200, .doc = "text in the middle"},
    {"right", FIELD_STRING, AT(right), .max = 200, .doc = "text at the right"},
    {"page-style", FIELD_CUSTOM, AT(page_style), .what = "folio page-style", .read = read_style,
     .type_doc = "style", .doc = "the style of {page}, the 版次 (the folio's unless given)"},
    {"paper-style", FIELD_CUSTOM, AT(paper_style), .what = "folio paper-style", .read = read_style,
     .type_doc = "style", .doc = "the style of {paper}, the paper's name (the folio's unless given)"},
    {"rise", FIELD_LENGTH, AT(rise), .what = "folio rise", .lo = 0, .hi = 144,
     .doc = "its baseline above the type area (2em unless given)"},
    {"rule", FIELD_LENGTH, AT(rule), .what = "folio rule", .lo = 0, .hi = 12,
     .doc = "the rule under it (none unless given)"},
    {"rule-color", FIELD_CUSTOM, AT(rule_color), .read = read_rule_color,
     .type_doc = "colour", .doc = "its colour: 60% of black, or an ink (\"red\") (black unless given)"},
    {"rule-gap", FIELD_LENGTH, AT(rule_gap), .what = "folio rule-gap", .lo = 0, .hi = 144,
     .doc = "the rule above the type area (1em unless given)"},
    {0},
};
#undef AT
const field_table template_folio_keys = {"\"folio\"", folio_fields};

static bool read_folio(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    template *t = dest;
    folio_spec *f = &t->folio;
    if (!v)
        return true;
    f->enabled = true;
    f->style = f->page_style = f->paper_style = -1;
    f->rule_color = black_rule;
    bool ok = fields_read(r, v, &template_folio_keys, f);
    if (f->style < 0)
        return false;
    scaled tallest = ld->l->styles[f->style].size;
    if (f->page_style >= 0)
        tallest = MAX(tallest, ld->l->styles[f->page_style].size);
    if (f->paper_style >= 0)
        tallest = MAX(tallest, ld->l->styles[f->paper_style].size);
    if (ok && r->ok && t->area_y - f->rise - tallest < 0)
        ok = diag_error(r->d, v->loc, "the folio would stand above the page; lower \"rise\" or "
                                      "the type area's \"top\"");
    return ok;
}

enum { MASTHEAD_MAX_LINES, MASTHEAD_MAX_COLUMNS, MASTHEAD_MAX_EAR }; /* the masthead's args */

static const char *const info_words[] = {"beside", "under", NULL};

#define AT(f) offsetof(masthead_spec, f)
static const field masthead_fields[] = {
    {"lines", FIELD_INT, AT(lines), .what = "masthead lines", .min = 1,
     .max_arg = FIELD_ARG(MASTHEAD_MAX_LINES), .range_doc = "1 to half the grid's lines",
     .required = true, .doc = "grid lines it takes at the top of the first page"},
    {"name-style", FIELD_CUSTOM, AT(name_style), .what = "masthead name-style", .required = true,
     .read = read_style, .type_doc = "style", .doc = "the style of the paper's name"},
    {"info-style", FIELD_CUSTOM, AT(info_style), .what = "masthead info-style", .required = true,
     .read = read_style, .type_doc = "style", .doc = "the style of the date, issue and numbers"},
    {"name-columns", FIELD_INT, AT(name_columns), .what = "masthead name-columns", .min = 1,
     .max_arg = FIELD_ARG(MASTHEAD_MAX_COLUMNS), .range_doc = "1 to the grid's columns",
     .doc = "grid columns the name spans (half unless given)"},
    {"info", FIELD_SWITCH, AT(info_under), .what = "masthead info", .choices = info_words, .on = 1,
     .doc = "the date, issue and numbers beside the name (beside unless given) or under it"},
    {"ear-columns", FIELD_INT, AT(ear_columns), .what = "masthead ear-columns", .min = 0,
     .max_arg = FIELD_ARG(MASTHEAD_MAX_EAR), .range_doc = "0 to the grid's columns less one",
     .doc = "the last grid columns, beside the name: the ear (报眼), a module of the first page "
     "(0 unless given)"},
    {"rule", FIELD_LENGTH, AT(rule), .what = "masthead rule", .lo = 0, .hi = 12,
     .doc = "the rule under it (none unless given)"},
    {"rule-color", FIELD_CUSTOM, AT(rule_color), .read = read_rule_color,
     .type_doc = "colour", .doc = "its colour: 60% of black, or an ink (\"red\") (black unless given)"},
    {0},
};
#undef AT
const field_table template_masthead_keys = {"\"masthead\"", masthead_fields};

static bool read_masthead(field_reader *r, yml_node *v, void *dest)
{
    template *t = dest;
    masthead_spec *m = &t->masthead;
    /* Its bounds come from the grid: with anything wrong before, they would
     * not hold, and only its keys are checked. */
    if (!v)
        return true;
    if (!r->ok)
        return fields_check_keys(r, v, &template_masthead_keys);
    m->enabled = true;
    m->name_style = m->info_style = -1;
    m->rule_color = black_rule;
    m->name_columns = t->columns / 2;
    m->loc = (src_loc){t->file, v->loc.line, v->loc.col};
    r->args[MASTHEAD_MAX_LINES] = t->lines / 2;
    r->args[MASTHEAD_MAX_COLUMNS] = t->columns;
    r->args[MASTHEAD_MAX_EAR] = t->columns - 1;
    if (!fields_read(r, v, &template_masthead_keys, m))
        return false;
    /* The name, the information beside it (unless it stands under the
     * name) and the ear share the grid's columns. */
    int wanted = m->name_columns + m->ear_columns + (m->info_under ? 0 : 1);
    if (wanted > t->columns)
        return diag_error(r->d, v->loc,
                          "the masthead's name (%d columns)%s and ear (%d columns) need %d of the "
                          "grid's %d columns; give fewer name-columns or ear-columns%s",
                          m->name_columns, m->info_under ? "" : ", the information beside it",
                          m->ear_columns, wanted, t->columns,
                          m->info_under ? "" : ", or set the information under the name (info: "
                                               "under)");
    return true;
}

/* ---- print ----------------------------------------------------------- */

static bool read_ppi(field_reader *r, yml_node *v, void *dest)
{
    print_spec *p = dest;
    long ppi;
    if (!v)
        return true;
    if (!yml_read_int(v, r->d, r->name, r->row->min, r->row->max, &ppi))
        return false;
    p->min_ppi = (double)ppi;
    return true;
}

/* A relative file lies in the layout folder. */
static bool read_profile(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    print_spec *p = dest;
    const char *file;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &file))
        return false;
    char *path = file[0] == '/' ? xstrdup(file) : xasprintf("%s/%s", ld->l->dir, file);
    p->profile = arena_strdup(ld->l->arena, path);
    free(path);
    return true;
}

static bool read_max_ppi(field_reader *r, yml_node *v, void *dest)
{
    print_spec *p = dest;
    long ppi;
    if (v && !yml_read_int(v, r->d, r->name, r->row->min, r->row->max, &ppi))
        return false;
    if (v)
        p->max_ppi = (double)ppi;
    if (p->max_ppi < p->min_ppi)
        return diag_error(r->d, v ? v->loc : r->map->loc,
                          "max-resolution (%.0f ppi) is below min-resolution (%.0f ppi)",
                          p->max_ppi, p->min_ppi);
    return true;
}

/* Total area coverage: 240% is at most 2.4 solid inks on one spot. */
static bool read_ink_limit(field_reader *r, yml_node *v, void *dest)
{
    print_spec *p = dest;
    const char *text;
    double pct;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &text))
        return false;
    if (!yml_parse_percent(text, true, &pct) || pct < 100 || pct > 400)
        return diag_error(r->d, v->loc, "ink-limit must be a total area coverage between 100%% "
                                        "and 400%%, such as 240%%, not \"%s\"", text);
    p->ink_limit = pct / 100.0;
    return true;
}

static const char *const rgb_words[] = {"convert", "keep", NULL};
static const char *const pdfx_words[] = {"X-4", "X-1a", NULL};

#define AT(f) offsetof(print_spec, f)
static const field print_fields[] = {
    {"bleed", FIELD_LENGTH, AT(bleed), .lo = 0, .hi = 72,
     .range_doc = "0pt to 72pt (1in); 3mm unless given",
     .doc = "what touches the trim runs out this far beyond it"},
    {"slug", FIELD_LENGTH, AT(slug), .lo = 0, .hi = 144,
     .range_doc = "0pt to 144pt (2in), at least 6mm with marks; 10mm unless given",
     .doc = "room beyond the bleed for the marks and the slug line"},
    {"marks", FIELD_BOOL, AT(marks), .doc = "crop and registration marks and the slug line"},
    {"slug-style", FIELD_CUSTOM, AT(slug_style), .what = "slug style", .read = read_style,
     .type_doc = "style",
     .doc = "the style of the slug line (the folio's, or the grid's, unless "
            "given)"},
    {"min-resolution", FIELD_CUSTOM, AT(min_ppi), .what = "min-resolution (ppi)", .min = 1,
     .max = 10000, .read = read_ppi, .type_doc = "whole number",
     .range_doc = "1 to 10000; 200 unless given",
     .doc = "photos below this resolution (ppi) are reported"},
    {"rgb-images", FIELD_SWITCH, AT(convert_rgb), .choices = rgb_words, .on = 0,
     .doc = "RGB photos converted to the output profile's CMYK, or kept (and "
            "reported)"},
    {"output-profile", FIELD_CUSTOM, AT(profile), .read = read_profile, .type_doc = "file",
     .doc = "the CMYK ICC profile of the output intent (relative to the layout "
            "folder)"},
    {"output-condition", FIELD_STRING, AT(condition), .max = 200,
     .doc = "the output condition identifier (Custom unless given)"},
    {"max-resolution", FIELD_CUSTOM, AT(max_ppi), .what = "max-resolution (ppi)", .min = 1,
     .max = 10000, .read = read_max_ppi, .type_doc = "whole number",
     .range_doc = "1 to 10000, not below min-resolution; 300 unless given",
     .doc = "photos above this resolution (ppi) are downsampled to it"},
    {"jpeg-quality", FIELD_INT, AT(jpeg_quality), .min = 1, .max = 100,
     .range_doc = "1 to 100; 80 unless given", .doc = "of photos converted for the press"},
    {"ink-limit", FIELD_CUSTOM, AT(ink_limit), .read = read_ink_limit, .type_doc = "percentage",
     .range_doc = "100% to 400%; 240% unless given",
     .doc = "total ink of converted photos (coverage of the four inks)"},
    {"pdfx", FIELD_CHOICE, AT(pdfx), .choices = pdfx_words,
     .doc = "the PDF/X part the print form claims (X-4 unless given)"},
    {"overprint", FIELD_BOOL, AT(overprint),
     .doc = "solid black rules and tints overprint (text: each style's own)"},
    {0},
};
#undef AT
const field_table template_print_keys = {"\"print\"", print_fields};

/* The print: section, or its defaults: 3 mm bleed, marks on, RGB photos
 * converted to the newsprint profile's CMYK under 240% ink, PDF/X-4. */
static bool read_print(field_reader *r, yml_node *v, void *dest)
{
    template *t = dest;
    print_spec *p = &t->print;
    loader *ld = r->user;
    char *in_layout = xasprintf("%s/%s", ld->l->dir, PRINT_DEFAULT_PROFILE);
    const char *default_profile = arena_strdup(ld->l->arena, in_layout);
    free(in_layout);
    *p = (print_spec){
        .bleed = scaled_from_pt(3 * MM_TO_PT),
        .slug = scaled_from_pt(10 * MM_TO_PT),
        .marks = true,
        .slug_style = t->folio.enabled ? t->folio.style : t->body_style,
        .min_ppi = 200,
        .convert_rgb = true,
        .profile = default_profile,
        .condition = "Custom",
        .ink_limit = PRINT_DEFAULT_INK_LIMIT,
        .max_ppi = 300,
        .jpeg_quality = 80,
        .pdfx = PDFX_4,
        .overprint = true,
        .loc = t->loc,
    };
    if (!v)
        return true;
    /* The node's file name lives with the YAML document: keep ours. */
    p->loc = (src_loc){t->file, v->loc.line, v->loc.col};
    bool ok = fields_read(r, v, &template_print_keys, p);
    if (ok && p->marks && p->slug < scaled_from_pt(6 * MM_TO_PT))
        ok = diag_error(r->d, v->loc, "marks need a slug of at least 6mm beyond the bleed; give "
                                      "\"slug\" or set \"marks: false\"");
    return ok;
}

/* ---- make-up --------------------------------------------------------- */

#define AT(f) offsetof(makeup_spec, f)
static const field makeup_fields[] = {
    {"head-space", FIELD_INT, AT(head_space), .min = 0, .max = 4,
     .range_doc = "0 to 4; 1 unless given",
     .doc = "grid lines of white above a story that stands under another (题上空)"},
    {"story-rule", FIELD_LENGTH, AT(story_rule), .lo = 0, .hi = 12,
     .doc = "the rule between stories (隔线), stacked or side by side"},
    {0},
};
#undef AT
const field_table template_makeup_keys = {"\"make-up\"", makeup_fields};

/* How stories are told apart, with a daily's defaults: a line of white
 * above a story under another and a 0.75 pt rule between stories, which
 * must weigh more than the rules between a story's own columns (MU-1). */
static bool read_makeup(field_reader *r, yml_node *v, void *dest)
{
    template *t = dest;
    makeup_spec *mk = &t->makeup;
    *mk = (makeup_spec){.head_space = 1, .story_rule = scaled_from_pt(0.75), .loc = t->loc};
    if (v) {
        mk->loc = (src_loc){t->file, v->loc.line, v->loc.col};
        if (!fields_read(r, v, &template_makeup_keys, mk))
            return false;
    }
    if (mk->story_rule < 0)
        return diag_error(r->d, mk->loc, "story-rule must not be negative");
    if (t->column_rules && mk->story_rule > 0 && mk->story_rule <= t->column_rule_weight)
        return diag_error(r->d, mk->loc,
                          "story-rule (%.2f pt) must weigh more than column-rules (%.2f pt): "
                          "stories must stand further apart than the columns of one story",
                          pt_from_scaled(mk->story_rule), pt_from_scaled(t->column_rule_weight));
    return true;
}

/* ---- the template ---------------------------------------------------- */

static const field template_fields[] = {
    {"description", FIELD_CUSTOM, 0, .type_doc = "text",
     .doc = "what the template is for, for people (not read)"},
    {"page", FIELD_MAP, 0, .required = true, .read = fields_read_nested, .arg = &template_page_keys,
     .doc = "the trimmed page's size"},
    {"grid", FIELD_MAP, 0, .required = true, .read = read_grid,
     .doc = "the type area as a grid of columns and lines"},
    {"column-rules", FIELD_CUSTOM, 0, .what = "column-rules", .read = read_column_rules, .lo = 0,
     .hi = 12, .type_doc = "length or true or false",
     .doc = "栏线 between columns: their weight, or true (0.5pt) or false"},
    {"column-rule-color", FIELD_CUSTOM, offsetof(template, column_rule_color), .read = read_rule_color,
     .type_doc = "colour", .doc = "the column rules' colour: 60% of black, or an ink (black unless given)"},
    {"folio", FIELD_MAP, 0, .read = read_folio, .doc = "the running head above the type area"},
    {"masthead", FIELD_MAP, 0, .read = read_masthead,
     .doc = "报头 at the top of the first page, instead of the folio"},
    {"print", FIELD_MAP, 0, .read = read_print, .doc = "what the press needs beyond the page"},
    {"make-up", FIELD_MAP, 0, .read = read_makeup,
     .doc = "how stories are told apart: white above a story, the rule between stories"},
    {0},
};
const field_table template_keys = {"a page template", template_fields};

static bool load_template(loader *ld, const char *path, const char *stem)
{
    layout *l = ld->l;
    yml_doc *doc = yml_load_source(ld->src, path, ld->d);
    if (!doc)
        return false;
    template *t = &l->templates[l->template_count++];
    memset(t, 0, sizeof *t);
    t->file = arena_strdup(l->arena, path);
    t->name = arena_strdup(l->arena, stem);
    t->body_style = -1;
    t->column_rule_color = black_rule;
    t->loc = (src_loc){t->file, 1, 1};
    yml_node *root = doc->root;
    bool ok;
    if (!root || root->kind != YML_MAP) {
        ok = diag_error(ld->d, root ? root->loc : t->loc, "a page template must be a mapping");
    } else {
        field_reader r = {.d = ld->d, .arena = l->arena, .user = ld};
        ok = fields_read(&r, root, &template_keys, t);
    }
    yml_free(doc);
    return ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .yaml file of the folder but styles.yaml, in name order (stable
 * messages); NULL when the folder cannot be read (reported). */
static char **template_names(const char *dir, int *count, diag *d)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        diag_error(d, (src_loc){dir, 0, 0}, "cannot open the layout folder");
        return NULL;
    }
    VEC(char *) names = {0};
    struct dirent *e;
    while ((e = readdir(dh))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0 &&
            strcmp(e->d_name, "styles.yaml") != 0 && e->d_name[0] != '.')
            *VEC_PUSH(names) = xstrndup(e->d_name, len - 5);
    }
    closedir(dh);
    if (names.n) /* none: the vector is still NULL */
        qsort(names.v, (size_t)names.n, sizeof(char *), compare_names);
    *count = names.n;
    *VEC_PUSH(names) = NULL; /* a list even when empty */
    return names.v;
}

/* The templates of `names` read into a layout whose styles either come
 * from dir/styles.yaml or are those of `styles_from`. */
static layout *load_files(const layout *styles_from, const file_source *src, const char *dir,
                          const char *const *names, int count, fontset *fonts, diag *d)
{
    layout *l = xcalloc(1, sizeof *l);
    l->arena = arena_new();
    l->dir = arena_strdup(l->arena, dir);
    l->templates = ARENA_NEW_ARRAY(l->arena, template, count + 1);
    loader ld = {.l = l, .fonts = fonts, .src = src, .d = d};
    bool ok = true;
    if (styles_from) {
        l->styles = styles_from->styles;
        l->style_count = styles_from->style_count;
        l->style_order = styles_from->style_order;
        l->inks = styles_from->inks;
        l->ink_count = styles_from->ink_count;
    } else {
        char *styles_path = xasprintf("%s/styles.yaml", dir);
        ok = styles_load(l, fonts, src, styles_path, d);
        free(styles_path);
    }
    /* Every template is read, so that one run lists what is wrong in all. */
    bool templates_ok = true;
    for (int i = 0; ok && i < count; i++) {
        char *path = xasprintf("%s/%s.yaml", dir, names[i]);
        templates_ok &= load_template(&ld, path, names[i]);
        free(path);
    }
    ok &= templates_ok;
    if (!ok) {
        layout_free(l);
        return NULL;
    }
    return l;
}

layout *layout_load_files(const file_source *src, const char *dir, const char *const *names,
                          int count, fontset *fonts, diag *d)
{
    return load_files(NULL, src, dir, names, count, fonts, d);
}

layout *layout_load_templates(const layout *styles_from, const file_source *src, const char *dir,
                              const char *const *names, int count, fontset *fonts, diag *d)
{
    return load_files(styles_from, src, dir, names, count, fonts, d);
}

layout *layout_load(const char *dir, fontset *fonts, diag *d)
{
    int count;
    char **names = template_names(dir, &count, d);
    if (!names)
        return NULL;
    layout *l = layout_load_files(NULL, dir, (const char *const *)names, count, fonts, d);
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return l;
}

void layout_free(layout *l)
{
    if (!l)
        return;
    arena_free(l->arena);
    free(l);
}

int layout_template(const layout *l, const char *name)
{
    for (int i = 0; i < l->template_count; i++)
        if (strcmp(l->templates[i].name, name) == 0)
            return i;
    return -1;
}

scaled template_column_x(const template *t, int col)
{
    return t->area_x + col * (t->col_w + t->gutter);
}

scaled template_baseline(const template *t, int line)
{
    return t->baseline0 + line * t->pitch;
}
