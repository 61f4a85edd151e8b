/* layout.c — loads layout/styles.yaml and the page templates beside it. */
#include "input/layout.h"

#include "base/arena.h"
#include "input/yml.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const style_keys[] = {
    "inherit",  "font",         "latin-font", "size",          "leading",     "align",
    "indent",   "kinsoku",      "breaker",    "line-end",      "line-start",  "reduce-stops",
    "unit-keep", "han-latin-gap", "tracking", "line-breaks", "phrase-breaks", "lines-before",
    "lines-after", "color", "figures", "rule-thick", "rule-thin", NULL};

typedef struct style_src {
    yml_node *node;
    int state; /* 0 unresolved, 1 resolving, 2 done */
} style_src;

typedef struct loader {
    layout *l;
    fontset *fonts;
    diag *d;
    style_src *src;
    yml_doc *styles_doc;
} loader;

static bool read_face(loader *ld, yml_node *n, const char *what, int *out)
{
    const char *id;
    if (!yml_read_string(n, ld->d, what, &id))
        return false;
    int face = fontset_find(ld->fonts, id);
    if (face < 0)
        return diag_error(ld->d, n->loc,
                          "%s \"%s\" is not a face of fonts/fonts.yaml; add it there or use one "
                          "that is",
                          what, id);
    *out = face;
    return true;
}

static bool resolve_style(loader *ld, int i);

/* Read a length key that may be given in em.  Given in em, *ratio keeps
 * the multiple so that the length follows the size; not given, an
 * inherited ratio is applied to this style's size. */
static bool em_length(diag *d, yml_node *n, const char *key, scaled size, scaled *out,
                      double *ratio)
{
    yml_node *v = yml_lookup(n, key);
    if (!v) {
        if (*ratio != 0)
            *out = (scaled)(*ratio * size + 0.5);
        return true;
    }
    if (!yml_read_length(v, d, key, size, out))
        return false;
    size_t len = strlen(v->str);
    *ratio = len > 2 && strcmp(v->str + len - 2, "em") == 0 && size > 0 ? (double)*out / size : 0;
    return true;
}

/* Fill style i from its YAML, after its parent if it inherits one. */
static bool resolve_style(loader *ld, int i)
{
    style_src *ss = &ld->src[i];
    style *s = &ld->l->styles[i];
    if (ss->state == 2)
        return true;
    if (ss->state == 1)
        return diag_error(ld->d, s->loc, "style \"%s\" inherits from itself (through \"inherit\")",
                          s->name);
    ss->state = 1;
    diag *d = ld->d;
    yml_node *n = ss->node;
    bool ok = true;

    /* Defaults, then the parent, then this style's own keys. */
    const char *name = s->name;
    src_loc loc = s->loc;
    /* The name stays while the parent resolves, so a loop is seen as one. */
    *s = (style){
        .name = name,
        .loc = loc,
        .face = -1,
        .latin_face = -1,
        .align = ALIGN_JUSTIFY,
        .kinsoku = KINSOKU_GB,
        .breaker = BREAKER_OPTIMAL,
        .line_end_half = true,
        .line_start_open_half = true,
        .reduce_stops = true,
        .unit_keep = true,
        .gray = 1.0,
    };
    yml_node *inherit = yml_lookup(n, "inherit");
    if (inherit) {
        const char *parent;
        if (!yml_read_string(inherit, d, "inherit", &parent))
            return false;
        int p = layout_style(ld->l, parent);
        if (p < 0)
            return diag_error(d, inherit->loc, "style \"%s\" inherits from \"%s\", which is not "
                                               "defined", name, parent);
        if (!resolve_style(ld, p))
            return false;
        *s = ld->l->styles[p];
    }
    s->name = name;
    s->loc = loc;
    if (!s->font_loc.file)
        s->font_loc = loc;

    yml_node *v;
    if ((v = yml_lookup(n, "font"))) {
        ok &= read_face(ld, v, "font", &s->face);
        s->font_loc = v->loc;
        s->font_loc.file = loc.file; /* the YAML document is freed after loading */
    }
    /* Latin letters follow the font unless the style names their own. */
    if ((v = yml_lookup(n, "latin-font")))
        ok &= read_face(ld, v, "latin-font", &s->latin_face);
    else if (!inherit || yml_lookup(n, "font"))
        s->latin_face = s->face;
    if (s->latin_face < 0)
        s->latin_face = s->face;
    if ((v = yml_lookup(n, "size"))) {
        if (yml_read_length(v, d, "size", 0, &s->size) && s->size <= 0)
            ok = diag_error(d, v->loc, "size must be positive");
    }
    if (s->face < 0)
        ok = diag_error(d, loc, "style \"%s\" names no font (give \"font\" or \"inherit\")", name);
    if (s->size <= 0) {
        ok = diag_error(d, loc, "style \"%s\" has no size (give \"size\" or \"inherit\")", name);
        s->size = scaled_from_pt(10);
    }
    /* Lengths given in em follow the size, also into styles that inherit
     * them and change the size. */
    if (!inherit)
        s->leading_em = 1.25;
    ok &= em_length(d, n, "leading", s->size, &s->leading, &s->leading_em);
    if ((v = yml_lookup(n, "align"))) {
        static const char *const c[] = {"justify", "left", "center", "right", "distribute", NULL};
        int k;
        if (yml_read_choice(v, d, "align", c, &k))
            s->align = (text_align)k;
        else
            ok = false;
    }
    ok &= em_length(d, n, "indent", s->size, &s->indent, &s->indent_em);
    if ((v = yml_lookup(n, "kinsoku"))) {
        static const char *const c[] = {"none", "basic", "gb", "strict", NULL};
        int k;
        if (yml_read_choice(v, d, "kinsoku", c, &k))
            s->kinsoku = (kinsoku_level)k;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "breaker"))) {
        static const char *const c[] = {"optimal", "first-fit", NULL};
        int k;
        if (yml_read_choice(v, d, "breaker", c, &k))
            s->breaker = (breaker_kind)k;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "line-end"))) {
        static const char *const c[] = {"gb", "allow-end", NULL};
        int k;
        if (yml_read_choice(v, d, "line-end", c, &k))
            s->line_end_half = k == 0;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "line-start"))) {
        static const char *const c[] = {"half", "full", NULL};
        int k;
        if (yml_read_choice(v, d, "line-start", c, &k))
            s->line_start_open_half = k == 0;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "reduce-stops")))
        ok &= yml_read_bool(v, d, "reduce-stops", &s->reduce_stops);
    if ((v = yml_lookup(n, "unit-keep")))
        ok &= yml_read_bool(v, d, "unit-keep", &s->unit_keep);
    ok &= em_length(d, n, "han-latin-gap", s->size, &s->han_latin_gap, &s->han_latin_gap_em);
    ok &= em_length(d, n, "tracking", s->size, &s->tracking, &s->tracking_em);
    if ((v = yml_lookup(n, "line-breaks"))) {
        static const char *const c[] = {"join", "keep", NULL};
        int k;
        if (yml_read_choice(v, d, "line-breaks", c, &k))
            s->keep_breaks = k == 1;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "phrase-breaks"))) {
        static const char *const c[] = {"false", "true", "names", NULL};
        int k;
        if (yml_read_choice(v, d, "phrase-breaks", c, &k)) {
            s->phrase_breaks = k > 0;
            s->name_parts = k == 2;
        } else {
            ok = false;
        }
    }
    long lines;
    if ((v = yml_lookup(n, "lines-before"))) {
        if (yml_read_int(v, d, "lines-before", 0, 20, &lines))
            s->lines_before = (int)lines;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "lines-after"))) {
        if (yml_read_int(v, d, "lines-after", 0, 20, &lines))
            s->lines_after = (int)lines;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "color"))) {
        /* Black ink as a percentage: "100%", "60%". */
        const char *c;
        char *end;
        double pct;
        if (!yml_read_string(v, d, "color", &c))
            ok = false;
        else if ((pct = strtod(c, &end)), end == c || strcmp(end, "%") != 0 || pct < 0 ||
                                              pct > 100)
            ok = diag_error(d, v->loc, "color must be a black-ink percentage such as 100%% or "
                                       "60%%, not \"%s\"", c);
        else
            s->gray = pct / 100.0;
    }
    if ((v = yml_lookup(n, "figures"))) {
        static const char *const c[] = {"proportional", "tabular", NULL};
        int k;
        if (yml_read_choice(v, d, "figures", c, &k))
            s->tabular_figures = k == 1;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "rule-thick")))
        ok &= yml_read_length(v, d, "rule-thick", s->size, &s->rule_thick);
    if ((v = yml_lookup(n, "rule-thin")))
        ok &= yml_read_length(v, d, "rule-thin", s->size, &s->rule_thin);
    char what[160];
    snprintf(what, sizeof what, "style \"%s\"", name);
    ok &= yml_expect_keys(n, d, what, style_keys);
    ss->state = 2;
    return ok;
}

static bool load_styles(loader *ld, const char *path)
{
    diag *d = ld->d;
    ld->styles_doc = yml_load_file(path, d);
    if (!ld->styles_doc)
        return false;
    yml_node *root = ld->styles_doc->root;
    if (!root || root->kind != YML_MAP)
        return diag_error(d, root ? root->loc : (src_loc){path, 0, 0},
                          "styles.yaml must be a mapping with the key \"styles\"");
    yml_node *styles = yml_lookup(root, "styles");
    static const char *const top[] = {"styles", NULL};
    bool ok = yml_expect_keys(root, d, "styles.yaml", top);
    if (!styles)
        return yml_missing(root, d, "styles.yaml", "styles");
    if (!yml_expect_kind(styles, d, YML_MAP, "\"styles\""))
        return false;
    layout *l = ld->l;
    l->style_count = styles->count;
    l->styles = arena_alloc(l->arena, sizeof(style) * (size_t)styles->count);
    ld->src = arena_alloc(l->arena, sizeof(style_src) * (size_t)styles->count);
    for (int i = 0; i < styles->count; i++) {
        l->styles[i].name = arena_strdup(l->arena, styles->keys[i]->str);
        l->styles[i].loc = styles->keys[i]->loc;
        l->styles[i].loc.file = l->dir ? arena_strdup(l->arena, path) : path;
        ld->src[i].node = styles->items[i];
        if (!yml_expect_kind(styles->items[i], d, YML_MAP, "a style")) {
            ok = false;
            ld->src[i].state = 2;
        }
    }
    for (int i = 0; i < styles->count; i++)
        ok &= resolve_style(ld, i);
    return ok;
}

static int require_style(loader *ld, yml_node *n, const char *what)
{
    const char *name;
    if (!yml_read_string(n, ld->d, what, &name))
        return -1;
    int s = layout_style(ld->l, name);
    if (s < 0)
        diag_error(ld->d, n->loc, "%s \"%s\" is not defined in styles.yaml", what, name);
    return s;
}

static const char *dup_opt_string(loader *ld, yml_node *map, const char *key, bool *ok)
{
    yml_node *v = yml_lookup(map, key);
    const char *s;
    if (!v)
        return NULL;
    if (!yml_read_string(v, ld->d, key, &s)) {
        *ok = false;
        return NULL;
    }
    return arena_strdup(ld->l->arena, s);
}

/* The print: section (or its defaults: 3 mm bleed, marks on, RGB photos
 * converted to the CMYK of Ghostscript's profile). */
static bool load_print(loader *ld, template *t, yml_node *n)
{
    diag *d = ld->d;
    layout *l = ld->l;
    print_spec *p = &t->print;
    *p = (print_spec){
        .bleed = scaled_from_pt(3 * MM_TO_PT),
        .slug = scaled_from_pt(10 * MM_TO_PT),
        .marks = true,
        .slug_style = t->folio.enabled ? t->folio.style : t->body_style,
        .min_ppi = 200,
        .convert_rgb = true,
        .profile = PRINT_DEFAULT_PROFILE,
        .condition = "Custom",
        .loc = t->loc,
    };
    if (n) /* the node's file name lives with the YAML document: keep ours */
        p->loc = (src_loc){t->file, n->loc.line, n->loc.col};
    if (!n)
        return true;
    if (!yml_expect_kind(n, d, YML_MAP, "\"print\""))
        return false;
    static const char *const keys[] = {"bleed", "slug", "marks", "slug-style", "min-resolution",
                                       "rgb-images", "output-profile", "output-condition", NULL};
    bool ok = yml_expect_keys(n, d, "\"print\"", keys);
    yml_node *v;
    if ((v = yml_lookup(n, "bleed")))
        ok &= yml_read_length(v, d, "bleed", 0, &p->bleed);
    if ((v = yml_lookup(n, "slug")))
        ok &= yml_read_length(v, d, "slug", 0, &p->slug);
    if (p->bleed < 0 || p->slug < 0 || p->bleed > scaled_from_pt(72) || p->slug > scaled_from_pt(144))
        ok = diag_error(d, n->loc, "bleed must lie between 0 and 1 in and slug between 0 and 2 in");
    if ((v = yml_lookup(n, "marks")))
        ok &= yml_read_bool(v, d, "marks", &p->marks);
    if ((v = yml_lookup(n, "slug-style"))) {
        p->slug_style = require_style(ld, v, "slug style");
        ok &= p->slug_style >= 0;
    }
    if ((v = yml_lookup(n, "min-resolution"))) {
        long ppi;
        if (yml_read_int(v, d, "min-resolution (ppi)", 1, 10000, &ppi))
            p->min_ppi = (double)ppi;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "rgb-images"))) {
        static const char *const c[] = {"convert", "keep", NULL};
        int k;
        if (yml_read_choice(v, d, "rgb-images", c, &k))
            p->convert_rgb = k == 0;
        else
            ok = false;
    }
    if ((v = yml_lookup(n, "output-profile"))) {
        const char *file;
        if (yml_read_string(v, d, "output-profile", &file)) {
            /* A relative file lies in the layout folder. */
            char *path = file[0] == '/' ? xstrdup(file) : xasprintf("%s/%s", l->dir, file);
            p->profile = arena_strdup(l->arena, path);
            free(path);
        } else
            ok = false;
    }
    p->condition = dup_opt_string(ld, n, "output-condition", &ok);
    if (!p->condition)
        p->condition = "Custom";
    if (ok && p->marks && p->slug < scaled_from_pt(6 * MM_TO_PT))
        ok = diag_error(d, n->loc, "marks need a slug of at least 6mm beyond the bleed; give "
                                   "\"slug\" or set \"marks: false\"");
    return ok;
}

/* make-up: how stories are told apart, with a daily's defaults: a line of
 * white above a story under another, and a 0.75 pt rule between stories,
 * which must weigh more than the rules between a story's own columns. */
static bool load_makeup(yml_node *n, template *t, diag *d)
{
    makeup_spec *mk = &t->makeup;
    mk->head_space = 1;
    mk->story_rule = scaled_from_pt(0.75);
    mk->loc = t->loc;
    if (!n)
        return true;
    static const char *const keys[] = {"head-space", "story-rule", NULL};
    if (!yml_expect_kind(n, d, YML_MAP, "\"make-up\"") || !yml_expect_keys(n, d, "make-up", keys))
        return false;
    mk->loc = n->loc;
    bool ok = true;
    const yml_node *hs = yml_lookup(n, "head-space"), *sr = yml_lookup(n, "story-rule");
    long lines;
    if (hs && (ok &= yml_read_int(hs, d, "head-space", 0, 4, &lines)))
        mk->head_space = (int)lines;
    if (sr)
        ok &= yml_read_length(sr, d, "story-rule", 0, &mk->story_rule);
    return ok;
}

static bool load_template(loader *ld, const char *path, const char *stem)
{
    diag *d = ld->d;
    layout *l = ld->l;
    yml_doc *doc = yml_load_file(path, d);
    if (!doc)
        return false;
    bool ok = true;
    template *t = &l->templates[l->template_count++];
    memset(t, 0, sizeof *t);
    t->file = arena_strdup(l->arena, path);
    t->name = arena_strdup(l->arena, stem);
    t->body_style = -1;
    yml_node *root = doc->root;
    t->loc = (src_loc){t->file, 1, 1};
    if (!root || root->kind != YML_MAP) {
        ok = diag_error(d, root ? root->loc : t->loc, "a page template must be a mapping");
        goto out;
    }
    static const char *const top_keys[] = {"description", "page", "grid", "column-rules",
                                           "folio", "masthead", "print", "make-up", NULL};
    static const char *const page_keys[] = {"width", "height", NULL};
    static const char *const grid_keys[] = {"style", "columns", "characters", "gutter",
                                            "lines", "line-gap", "top", "left", NULL};
    static const char *const folio_keys[] = {"style", "left", "center", "right",
                                             "rise", "rule", "rule-gap", NULL};
    yml_lookup(root, "description");
    yml_node *page = yml_lookup(root, "page");
    yml_node *grid = yml_lookup(root, "grid");
    yml_node *rules = yml_lookup(root, "column-rules");
    yml_node *makeup = yml_lookup(root, "make-up");
    yml_node *folio = yml_lookup(root, "folio");
    yml_node *masthead = yml_lookup(root, "masthead");
    ok &= yml_expect_keys(root, d, "a page template", top_keys);
    if (!page || !grid) {
        ok = yml_missing(root, d, "a page template", page ? "grid" : "page");
        goto out;
    }
    if (!yml_expect_kind(page, d, YML_MAP, "\"page\"") ||
        !yml_expect_kind(grid, d, YML_MAP, "\"grid\"")) {
        ok = false;
        goto out;
    }
    yml_node *v;
    if ((v = yml_lookup(page, "width")))
        ok &= yml_read_length(v, d, "page width", 0, &t->page_w);
    else
        ok = yml_missing(page, d, "\"page\"", "width");
    if ((v = yml_lookup(page, "height")))
        ok &= yml_read_length(v, d, "page height", 0, &t->page_h);
    else
        ok = yml_missing(page, d, "\"page\"", "height");
    ok &= yml_expect_keys(page, d, "\"page\"", page_keys);

    if ((v = yml_lookup(grid, "style")))
        t->body_style = require_style(ld, v, "grid style");
    else
        ok = yml_missing(grid, d, "\"grid\"", "style");
    if (t->body_style < 0) {
        ok = false;
        goto out;
    }
    const style *body = &l->styles[t->body_style];
    long n;
    if ((v = yml_lookup(grid, "columns")) && yml_read_int(v, d, "columns", 1, 24, &n))
        t->columns = (int)n;
    else
        ok = v ? false : yml_missing(grid, d, "\"grid\"", "columns");
    if ((v = yml_lookup(grid, "characters")) && yml_read_int(v, d, "characters", 2, 200, &n))
        t->chars = (int)n;
    else
        ok = v ? false : yml_missing(grid, d, "\"grid\"", "characters");
    if ((v = yml_lookup(grid, "lines")) && yml_read_int(v, d, "lines", 1, 1000, &n))
        t->lines = (int)n;
    else
        ok = v ? false : yml_missing(grid, d, "\"grid\"", "lines");
    if ((v = yml_lookup(grid, "gutter")))
        ok &= yml_read_length(v, d, "gutter", body->size, &t->gutter);
    else
        t->gutter = body->size;
    if ((v = yml_lookup(grid, "line-gap")))
        ok &= yml_read_length(v, d, "line-gap", body->size, &t->line_gap);
    else
        t->line_gap = body->leading - body->size;
    t->col_w = (scaled)((int64_t)t->chars * body->size);
    t->pitch = body->size + t->line_gap;
    t->area_w = t->columns * t->col_w + (t->columns - 1) * t->gutter;
    t->area_h = (t->lines - 1) * t->pitch + body->size;
    t->area_x = (t->page_w - t->area_w) / 2;
    t->area_y = (t->page_h - t->area_h) / 2;
    if ((v = yml_lookup(grid, "left")))
        ok &= yml_read_length(v, d, "left margin", body->size, &t->area_x);
    if ((v = yml_lookup(grid, "top")))
        ok &= yml_read_length(v, d, "top margin", body->size, &t->area_y);
    /* The em box of grid line 0 touches the top of the type area; where
     * the baseline sits in the em box is the body face's business (its
     * ideographic em-box bottom, -0.12 em in Noto CJK). */
    if (fontset_open(ld->fonts, body->face, body->font_loc, d)) {
        const face_info *fi = fontset_info(ld->fonts, body->face);
        t->baseline0 = t->area_y + scaled_muldiv(body->size, fi->upem + fi->ideo_bottom, fi->upem);
    } else {
        ok = false;
    }
    ok &= yml_expect_keys(grid, d, "\"grid\"", grid_keys);
    if (ok && (t->area_x < 0 || t->area_x + t->area_w > t->page_w || t->area_y < 0 ||
               t->area_y + t->area_h > t->page_h))
        ok = diag_error(d, grid->loc,
                        "the type area (%.1f × %.1f mm from %d columns of %d characters and %d "
                        "lines) does not fit the %.1f × %.1f mm page; use fewer columns, "
                        "characters or lines",
                        pt_from_scaled(t->area_w) / MM_TO_PT, pt_from_scaled(t->area_h) / MM_TO_PT,
                        t->columns, t->chars, t->lines, pt_from_scaled(t->page_w) / MM_TO_PT,
                        pt_from_scaled(t->page_h) / MM_TO_PT);
    if (rules) {
        bool on;
        if (rules->kind == YML_SCALAR && yml_parse_length(rules->str, 0, &t->column_rule_weight))
            t->column_rules = t->column_rule_weight > 0;
        else if (yml_read_bool(rules, d, "column-rules", &on)) {
            t->column_rules = on;
            t->column_rule_weight = scaled_from_pt(0.5);
        } else
            ok = false;
    }
    ok &= load_makeup(makeup, t, d);
    if (t->column_rules && t->makeup.story_rule > 0 &&
        t->makeup.story_rule <= t->column_rule_weight)
        ok = diag_error(d, t->makeup.loc,
                        "story-rule (%.2f pt) must weigh more than column-rules (%.2f pt): stories "
                        "must stand further apart than the columns of one story",
                        pt_from_scaled(t->makeup.story_rule),
                        pt_from_scaled(t->column_rule_weight));
    if (folio) {
        if (!yml_expect_kind(folio, d, YML_MAP, "\"folio\"")) {
            ok = false;
            goto out;
        }
        folio_spec *f = &t->folio;
        f->enabled = true;
        f->style = -1;
        if ((v = yml_lookup(folio, "style")))
            f->style = require_style(ld, v, "folio style");
        else
            ok = yml_missing(folio, d, "\"folio\"", "style");
        if (f->style < 0) {
            ok = false;
            goto out;
        }
        const style *fs = &l->styles[f->style];
        f->left = dup_opt_string(ld, folio, "left", &ok);
        f->center = dup_opt_string(ld, folio, "center", &ok);
        f->right = dup_opt_string(ld, folio, "right", &ok);
        f->rise = fs->size * 2;
        if ((v = yml_lookup(folio, "rise")))
            ok &= yml_read_length(v, d, "folio rise", fs->size, &f->rise);
        if ((v = yml_lookup(folio, "rule")))
            ok &= yml_read_length(v, d, "folio rule", fs->size, &f->rule);
        f->rule_gap = fs->size;
        if ((v = yml_lookup(folio, "rule-gap")))
            ok &= yml_read_length(v, d, "folio rule-gap", fs->size, &f->rule_gap);
        ok &= yml_expect_keys(folio, d, "\"folio\"", folio_keys);
        if (ok && t->area_y - f->rise - fs->size < 0)
            ok = diag_error(d, folio->loc, "the folio would stand above the page; lower \"rise\" "
                                           "or the type area's \"top\"");
    }
    if (masthead && ok) {
        if (!yml_expect_kind(masthead, d, YML_MAP, "\"masthead\"")) {
            ok = false;
            goto out;
        }
        static const char *const mkeys[] = {"lines", "name-style", "info-style", "name-columns",
                                            "rule", NULL};
        masthead_spec *m = &t->masthead;
        m->enabled = true;
        m->name_style = m->info_style = -1;
        m->name_columns = t->columns / 2;
        long k;
        if ((v = yml_lookup(masthead, "lines")) && yml_read_int(v, d, "masthead lines", 1,
                                                                 t->lines / 2, &k))
            m->lines = (int)k;
        else
            ok = v ? false : yml_missing(masthead, d, "\"masthead\"", "lines");
        if ((v = yml_lookup(masthead, "name-style")))
            m->name_style = require_style(ld, v, "masthead name-style");
        else
            ok = yml_missing(masthead, d, "\"masthead\"", "name-style");
        if ((v = yml_lookup(masthead, "info-style")))
            m->info_style = require_style(ld, v, "masthead info-style");
        else
            ok = yml_missing(masthead, d, "\"masthead\"", "info-style");
        if ((v = yml_lookup(masthead, "name-columns"))) {
            if (yml_read_int(v, d, "masthead name-columns", 1, t->columns, &k))
                m->name_columns = (int)k;
            else
                ok = false;
        }
        if ((v = yml_lookup(masthead, "rule")))
            ok &= yml_read_length(v, d, "masthead rule", 0, &m->rule);
        ok &= yml_expect_keys(masthead, d, "\"masthead\"", mkeys);
        if (m->name_style < 0 || m->info_style < 0)
            ok = false;
    }
    ok &= load_print(ld, t, yml_lookup(root, "print"));
out:
    yml_free(doc);
    return ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

layout *layout_load(const char *dir, fontset *fonts, diag *d)
{
    layout *l = xcalloc(1, sizeof *l);
    l->arena = arena_new();
    l->dir = arena_strdup(l->arena, dir);
    loader ld = {.l = l, .fonts = fonts, .d = d};
    char *styles_path = xasprintf("%s/styles.yaml", dir);
    bool ok = load_styles(&ld, styles_path);
    free(styles_path);
    yml_free(ld.styles_doc);
    if (!ok) {
        layout_free(l);
        return NULL;
    }
    /* Templates: every other .yaml file, in name order (stable messages). */
    DIR *dh = opendir(dir);
    if (!dh) {
        diag_error(d, (src_loc){l->dir, 0, 0}, "cannot open the layout folder");
        layout_free(l);
        return NULL;
    }
    VEC(char *) names = {0};
    struct dirent *e;
    while ((e = readdir(dh))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0 &&
            strcmp(e->d_name, "styles.yaml") != 0 && e->d_name[0] != '.')
            *VEC_PUSH(names) = xstrdup(e->d_name);
    }
    closedir(dh);
    qsort(names.v, (size_t)names.n, sizeof(char *), compare_names);
    l->templates = arena_alloc(l->arena, sizeof(template) * (size_t)(names.n + 1));
    for (int i = 0; i < names.n; i++) {
        char *path = xasprintf("%s/%s", dir, names.v[i]);
        char *stem = xstrndup(names.v[i], strlen(names.v[i]) - 5);
        ok &= load_template(&ld, path, stem);
        free(path);
        free(stem);
        free(names.v[i]);
    }
    VEC_FREE(names);
    if (!ok) {
        layout_free(l);
        return NULL;
    }
    return l;
}

void layout_free(layout *l)
{
    if (!l)
        return;
    arena_free(l->arena);
    free(l);
}

int layout_style(const layout *l, const char *name)
{
    for (int i = 0; i < l->style_count; i++)
        if (l->styles[i].name && strcmp(l->styles[i].name, name) == 0)
            return i;
    return -1;
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
