/* styles.c — layout/styles.yaml: named styles, each resolved after its parent.
 */
#include "input/styles.h"

#include "base/arena.h"
#include "input/fields.h"
#include "input/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { UNRESOLVED, RESOLVING, RESOLVED, FAILED } style_state;

typedef struct style_src {
    yml_node *node;
    style_state state;
    int depth; /* RESOLVED: the styles it inherits through */
} style_src;

typedef struct loader {
    layout *l;
    fontset *fonts;
    diag *d;
    const char *file; /* styles.yaml as the styles' locations name it */
    style_src *src;
} loader;

/* The enums of a style are read as the index of their word (FIELD_CHOICE). */
_Static_assert(sizeof(text_align) == sizeof(int) && sizeof(kinsoku_level) == sizeof(int) &&
                   sizeof(breaker_kind) == sizeof(int),
               "a choice is stored as an int");

static bool face_named(loader *ld, yml_node *n, const char *what, int *out)
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

static bool read_font(field_reader *r, yml_node *v, void *dest)
{
    style *s = dest;
    if (!v)
        return true;
    bool ok = face_named(r->user, v, r->name, &s->face);
    s->font_loc = v->loc;
    s->font_loc.file = s->loc.file; /* the YAML document is freed after loading */
    return ok;
}

/* Latin letters follow the font unless the style names their own: a style
 * that inherits keeps its parent's unless it changes the font. */
static bool read_latin_font(field_reader *r, yml_node *v, void *dest)
{
    style *s = dest;
    bool ok = true;
    if (v)
        ok = face_named(r->user, v, r->name, &s->latin_face);
    else if (!yml_lookup(r->map, "inherit") || yml_lookup(r->map, "font"))
        s->latin_face = s->face;
    if (s->latin_face < 0)
        s->latin_face = s->face;
    return ok;
}

/* Chinese punctuation follows the font too, unless the style names a face
 * of its own for it (a Kai text with the Song face's marks, FN-1). */
static bool read_punct_font(field_reader *r, yml_node *v, void *dest)
{
    style *s = dest;
    if (v)
        return face_named(r->user, v, r->name, &s->punct_face);
    if (!yml_lookup(r->map, "inherit") || yml_lookup(r->map, "font"))
        s->punct_face = -1;
    return true;
}

/* The size, then whether the style can be set at all: the lengths in em
 * after it need a size, so a style without one takes 10pt to go on. */
static bool read_size(field_reader *r, yml_node *v, void *dest)
{
    style *s = dest;
    bool given_wrong = v && !fields_read_length(r, v, 0, &s->size);
    bool ok = !given_wrong;
    /* A font given wrong was reported where it was given. */
    if (s->face < 0 && !yml_lookup(r->map, "font"))
        ok = diag_error(r->d, s->loc, "style \"%s\" names no font (give \"font\" or \"inherit\")",
                        s->name);
    if (s->size <= 0) {
        if (!given_wrong)
            ok = diag_error(r->d, s->loc, "style \"%s\" has no size (give \"size\" or \"inherit\")",
                            s->name);
        s->size = scaled_from_pt(10);
    }
    return ok;
}

static bool read_phrase_breaks(field_reader *r, yml_node *v, void *dest)
{
    style *s = dest;
    int k;
    if (!v)
        return true;
    if (!yml_read_choice(v, r->d, r->name, r->row->choices, &k))
        return false;
    s->phrase_breaks = k > 0;
    s->name_parts = k == 2;
    return true;
}

/* A percentage, "60%" or 60, as 0..1; false when it is none. */
static bool parse_percent(const char *text, double *out)
{
    double pct;
    if (!yml_parse_percent(text, false, &pct) || pct > 100)
        return false;
    *out = pct / 100.0;
    return true;
}

bool ink_named(const layout *l, const char *text, int *ink, double *tint)
{
    double t = 1.0;
    if (parse_percent(text, &t)) {
        *ink = -1;
        *tint = t;
        return true;
    }
    const char *space = strrchr(text, ' ');
    size_t name_len = space ? (size_t)(space - text) : strlen(text);
    if (space && !parse_percent(space + 1, &t))
        return false;
    for (int i = 0; i < l->ink_count; i++) {
        if (strlen(l->inks[i].name) == name_len && strncmp(l->inks[i].name, text, name_len) == 0) {
            *ink = i;
            *tint = t;
            return true;
        }
    }
    return false;
}

/* A style's colour: a black-ink percentage ("100%", "60%"), a named ink
 * of styles.yaml ("red"), optionally with its tint ("red 60%"), or four
 * percentages of process ink ([0%, 100%, 100%, 0%]). */
static bool read_color(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    layout *l = ld->l;
    style *s = dest;
    if (!v)
        return true;
    if (v->kind == YML_SEQ) {
        ink_spec k = {.name = s->name};
        bool ok = v->count == 4;
        for (int i = 0; i < v->count && ok; i++)
            ok = v->items[i]->kind == YML_SCALAR && parse_percent(v->items[i]->str, &k.cmyk[i]);
        if (!ok)
            return diag_error(r->d, v->loc, "color as process ink takes four percentages "
                                            "[C, M, Y, K], such as [0%%, 100%%, 100%%, 0%%]");
        /* read_inks left room for one such ink a style. */
        l->inks[l->ink_count] = k;
        s->ink = l->ink_count++;
        s->gray = 1.0;
        return true;
    }
    const char *c;
    if (!yml_read_string(v, r->d, "color", &c))
        return false;
    if (ink_named(l, c, &s->ink, &s->gray))
        return true;
    return diag_error(r->d, v->loc,
                      "color must be a black-ink percentage such as 100%% or 60%%, an ink of "
                      "styles.yaml's inks: (with a tint: \"red 60%%\") or [C, M, Y, K] "
                      "percentages, not \"%s\"", c);
}

/* A companion of a headline style: any style of the file, resolved or not
 * (only its index is kept). */
static bool read_companion(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    const char *name;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &name))
        return false;
    int s = layout_style(ld->l, name);
    if (s < 0)
        return diag_error(r->d, v->loc, "%s \"%s\" is not defined in styles.yaml", r->name, name);
    *(int *)fields_slot(r, dest) = s;
    return true;
}

static const char *const align_words[] = {"justify", "left", "center", "right", "distribute",
                                          NULL};
static const char *const kinsoku_words[] = {"none", "basic", "gb", "strict", NULL};
static const char *const breaker_words[] = {"optimal", "first-fit", NULL};
static const char *const line_end_words[] = {"gb", "allow-end", NULL};
static const char *const line_start_words[] = {"half", "full", NULL};
static const char *const line_break_words[] = {"join", "keep", NULL};
static const char *const phrase_break_words[] = {"false", "true", "names", NULL};
static const char *const figure_words[] = {"proportional", "tabular", "half-width", NULL};
static const char *const white_space_words[] = {"normal", "pre", NULL};
static const char *const fullwidth_words[] = {"normalize", "keep", NULL};
static const char *const minus_words[] = {"minus", "hyphen", NULL};
static const char *const measure_words[] = {"headline", "band", NULL};

#define AT(f) offsetof(style, f)
static const field style_fields[] = {
    {"inherit", FIELD_CUSTOM, 0, .type_doc = "style",
     .doc = "the style this one starts from, read before the others"},
    {"font", FIELD_CUSTOM, AT(face), .read = read_font, .type_doc = "face",
     .range_doc = "a face of fonts/fonts.yaml",
     .doc = "the face of Han characters and Chinese punctuation"},
    {"latin-font", FIELD_CUSTOM, AT(latin_face), .read = read_latin_font, .type_doc = "face",
     .range_doc = "a face of fonts/fonts.yaml", .doc = "the face of every other character"},
    {"size", FIELD_CUSTOM, AT(size), .read = read_size, .type_doc = "length", .lo = 1, .hi = 720,
     .range_doc = "1pt to 720pt, not in em", .doc = "the type size (needed, unless inherited)"},
    {"leading", FIELD_EM_LENGTH, AT(leading), .ratio = AT(leading_em), .lo = 1, .hi = 5,
     .in_em = true, .doc = "baseline distance of lines set off the grid"},
    {"align", FIELD_CHOICE, AT(align), .choices = align_words,
     .doc = "how lines sit in the measure"},
    {"indent", FIELD_EM_LENGTH, AT(indent), .ratio = AT(indent_em), .lo = 0, .hi = 8, .in_em = true,
     .doc = "first-line indent of a paragraph"},
    {"kinsoku", FIELD_CHOICE, AT(kinsoku), .choices = kinsoku_words,
     .doc = "the line-breaking prohibitions (避头尾)"},
    {"breaker", FIELD_CHOICE, AT(breaker), .choices = breaker_words,
     .doc = "how breaks are chosen: the whole paragraph at once, or line by line"},
    {"line-end", FIELD_SWITCH, AT(line_end_half), .choices = line_end_words, .on = 0,
     .doc = "gb: a closing mark at a line's end is set half width"},
    {"line-start", FIELD_SWITCH, AT(line_start_open_half), .choices = line_start_words, .on = 0,
     .doc = "half: an opening mark at a line's start loses its blank half"},
    {"reduce-stops", FIELD_BOOL, AT(reduce_stops),
     .doc = "a stop inside a line may give up its blank half"},
    {"unit-keep", FIELD_BOOL, AT(unit_keep),
     .doc = "a number is kept with its unit unless the line would be loose"},
    {"han-latin-gap", FIELD_EM_LENGTH, AT(han_latin_gap), .ratio = AT(han_latin_gap_em), .lo = 0,
     .hi = 1, .in_em = true, .doc = "space between Han and Latin"},
    {"tracking", FIELD_EM_LENGTH, AT(tracking), .ratio = AT(tracking_em), .lo = -0.5, .hi = 2,
     .in_em = true, .doc = "space added between characters"},
    {"line-breaks", FIELD_SWITCH, AT(keep_breaks), .choices = line_break_words, .on = 1,
     .doc = "what a line break in the text means"},
    {"phrase-breaks", FIELD_CUSTOM, AT(phrase_breaks), .read = read_phrase_breaks,
     .choices = phrase_break_words, .type_doc = "choice",
     .doc = "break between words and phrases (names: between the names of a "
            "byline)"},
    {"lines-before", FIELD_INT, AT(lines_before), .min = 0, .max = 20,
     .doc = "grid lines left empty above a head or box"},
    {"lines-after", FIELD_INT, AT(lines_after), .min = 0, .max = 20,
     .doc = "grid lines left empty below a head, the headline band or a caption"},
    {"color", FIELD_CUSTOM, 0, .read = read_color, .type_doc = "ink",
     .range_doc = "a black-ink percentage, 0% to 100%; an ink of inks: (with a tint); or [C, M, Y, K]",
     .doc = "the colour of the text"},
    {"overprint", FIELD_BOOL, AT(overprint),
     .doc = "solid black text overprints in the print form"},
    {"figures", FIELD_CHOICE, AT(figures), .choices = figure_words,
     .doc = "tabular: digits of one width; half-width: half an em each"},
    {"punct-font", FIELD_CUSTOM, AT(punct_face), .read = read_punct_font, .type_doc = "face",
     .range_doc = "a face of fonts/fonts.yaml",
     .doc = "the face of Chinese punctuation (the font unless given)"},
    {"hyphenate", FIELD_BOOL, AT(hyphenate),
     .doc = "Latin words may break at the points of the English hyphenation dictionary"},
    {"hang", FIELD_EM_LENGTH, AT(hang), .ratio = AT(hang_em), .lo = 0, .hi = 8, .in_em = true,
     .doc = "how far in a paragraph's wrapped lines start (a hanging indent)"},
    {"white-space", FIELD_SWITCH, AT(preserve_spaces), .choices = white_space_words, .on = 1,
     .doc = "pre: every space and the indentation kept, lines as written"},
    {"fullwidth", FIELD_SWITCH, AT(keep_fullwidth), .choices = fullwidth_words, .on = 1,
     .doc = "normalize: full-width ASCII digits and letters set as ASCII"},
    {"minus", FIELD_SWITCH, AT(ascii_minus), .choices = minus_words, .on = 1,
     .doc = "the sign of a negative number: the minus sign U+2212, or the hyphen as written"},
    {"rule-thick", FIELD_LENGTH, AT(rule_thick), .lo = 0, .hi = 12,
     .doc = "a table in this style: its outer rules"},
    {"rule-thin", FIELD_LENGTH, AT(rule_thin), .lo = 0, .hi = 12,
     .doc = "a table in this style: the rule under its header"},
    {"kicker-style", FIELD_CUSTOM, AT(kicker_style), .read = read_companion, .type_doc = "style",
     .doc = "a headline style: the kicker's style beside it, unless the placement names one"},
    {"subtitle-style", FIELD_CUSTOM, AT(subtitle_style), .read = read_companion,
     .type_doc = "style",
     .doc = "a headline style: the subtitle's style beside it, unless the placement names one"},
    {"band-ratio", FIELD_PERCENT, AT(band_ratio), .min = 1, .max = 100,
     .hint = "a percentage such as 67%",
     .doc = "a headline style: the largest a kicker or subtitle may be, as a share of its size "
     "(two thirds unless given)"},
    {"subtitle-measure", FIELD_SWITCH, AT(subtitle_band_wide), .choices = measure_words, .on = 1,
     .doc = "a headline style: the subtitle no wider than the headline, or as wide as the band"},
    {0},
};
#undef AT
const field_table style_keys = {"a style", style_fields};

/* Inheritance may run this many styles deep: layouts use three or four. */
enum { MAX_INHERIT = 20 };

/* The style a style inherits from: its index, -1 for none, -2 when that
 * is wrong (reported). */
static int parent_of(loader *ld, int i)
{
    yml_node *inherit = yml_lookup(ld->src[i].node, "inherit");
    const char *parent;
    if (!inherit)
        return -1;
    if (!yml_read_string(inherit, ld->d, "inherit", &parent))
        return -2;
    int p = layout_style(ld->l, parent);
    if (p < 0) {
        diag_error(ld->d, inherit->loc, "style \"%s\" inherits from \"%s\", which is not defined",
                   ld->l->styles[i].name, parent);
        return -2;
    }
    return p;
}

/* Fill style i from its YAML: from the defaults, or from its parent's
 * final settings, then its own keys.  The parent is done first. */
static bool fill_style(loader *ld, int i, int parent)
{
    style *s = &ld->l->styles[i];
    const char *name = s->name;
    src_loc loc = s->loc;
    if (parent >= 0)
        *s = ld->l->styles[parent];
    else
        *s = (style){
            .face = -1,
            .latin_face = -1,
            .leading_em = 1.25,
            .align = ALIGN_JUSTIFY,
            .kinsoku = KINSOKU_GB,
            .breaker = BREAKER_OPTIMAL,
            .line_end_half = true,
            .line_start_open_half = true,
            .reduce_stops = true,
            .unit_keep = true,
            .gray = 1.0,
            .punct_face = -1,
            .hyphenate = true,
            .ink = -1,
            .overprint = true,
            .kicker_style = -1,
            .subtitle_style = -1,
            .band_ratio = 2.0 / 3.0,
        };
    s->name = name;
    s->loc = loc;
    if (!s->font_loc.file)
        s->font_loc = loc;
    char what[160];
    snprintf(what, sizeof what, "style \"%s\"", s->name);
    /* Lengths in em are of the style's size, as read by then. */
    field_reader r = {.d = ld->d, .user = ld, .em = &s->size, .what = what};
    return fields_read(&r, ld->src[i].node, &style_keys, s);
}

/* Style i and the styles it inherits from, up its chain (not by recursion:
 * a chain may be thousands long) to one resolved or without a parent, then
 * down, each style once.  A loop, a parent that fails, or a style deeper
 * than MAX_INHERIT fails where it goes wrong and, without a word more,
 * every style below it. */
static bool resolve_style(loader *ld, int i)
{
    VEC(int) chain = {0};
    int at = i, top_parent = -1; /* the resolved style the chain starts from */
    bool ok = true;
    for (;;) {
        style_state st = ld->src[at].state;
        if (st == RESOLVED) {
            top_parent = at;
            break;
        }
        if (st == RESOLVING)
            diag_error(ld->d, ld->l->styles[at].loc,
                       "style \"%s\" inherits from itself (through \"inherit\")",
                       ld->l->styles[at].name);
        if (st == RESOLVING || st == FAILED) {
            ok = false;
            break;
        }
        ld->src[at].state = RESOLVING;
        *VEC_PUSH(chain) = at;
        int p = parent_of(ld, at);
        if (p == -2) {
            ok = false;
            break;
        }
        if (p == -1)
            break;
        at = p;
    }
    int depth = top_parent >= 0 ? ld->src[top_parent].depth + 1 : 0;
    bool keys_ok = true;
    for (int k = chain.n - 1; k >= 0; k--, depth++) {
        int s = chain.v[k];
        if (ok && depth > MAX_INHERIT)
            ok = diag_error(ld->d, ld->l->styles[s].loc,
                            "style \"%s\" inherits through more than %d styles; "
                            "shorten the chain",
                            ld->l->styles[s].name, MAX_INHERIT);
        if (!ok) {
            ld->src[s].state = FAILED;
            continue;
        }
        /* A style that fails its own keys is still resolved: its children
         * report their own. */
        keys_ok &= fill_style(ld, s, k + 1 < chain.n ? chain.v[k + 1] : top_parent);
        ld->src[s].state = RESOLVED;
        ld->src[s].depth = depth;
    }
    VEC_FREE(chain);
    return ok && keys_ok;
}

static int by_style_name(const void *a, const void *b, void *l)
{
    const style *styles = ((const layout *)l)->styles;
    return strcmp(styles[*(const int *)a].name, styles[*(const int *)b].name);
}

/* The index of layout_style: a search by name, not a pass over every
 * style (a styles.yaml may hold tens of thousands, each looked up). */
static void order_styles(layout *l)
{
    l->style_order = ARENA_NEW_ARRAY(l->arena, int, l->style_count);
    for (int i = 0; i < l->style_count; i++)
        l->style_order[i] = i;
    qsort_r(l->style_order, (size_t)l->style_count, sizeof(int), by_style_name, l);
}

static bool read_styles(field_reader *r, yml_node *styles, void *dest)
{
    loader *ld = r->user;
    layout *l = dest;
    bool ok = true;
    l->style_count = styles->count;
    l->styles = ARENA_NEW_ARRAY(l->arena, style, styles->count);
    ld->src = ARENA_NEW_ARRAY(l->arena, style_src, styles->count);
    for (int i = 0; i < styles->count; i++) {
        l->styles[i].name = arena_strdup(l->arena, styles->keys[i]->str);
        l->styles[i].loc = styles->keys[i]->loc;
        l->styles[i].loc.file = ld->file;
        ld->src[i].node = styles->items[i];
        if (!yml_expect_kind(styles->items[i], r->d, YML_MAP, "a style")) {
            ok = false;
            ld->src[i].state = RESOLVED;
        }
    }
    order_styles(l);
    for (int i = 0; i < styles->count; i++)
        ok &= resolve_style(ld, i);
    return ok;
}

/* An ink: how it looks (cmyk), and the plate of a spot ink. */
static bool read_ink_cmyk(field_reader *r, yml_node *v, void *dest)
{
    ink_spec *k = dest;
    bool good = v && v->kind == YML_SEQ && v->count == 4;
    for (int c = 0; good && c < 4; c++)
        good = v->items[c]->kind == YML_SCALAR && parse_percent(v->items[c]->str, &k->cmyk[c]);
    if (!good)
        return diag_error(r->d, v ? v->loc : r->map->loc,
                          "ink \"%s\" needs cmyk: four percentages [C, M, Y, K], how it looks "
                          "(a process ink is printed so)",
                          k->name);
    return true;
}

#define AT(f) offsetof(ink_spec, f)
static const field ink_fields[] = {
    {"cmyk", FIELD_CUSTOM, 0, .read = read_ink_cmyk, .type_doc = "[C, M, Y, K]",
     .doc = "how the ink looks, as process percentages (a process ink is printed so)"},
    {"separation", FIELD_STRING, AT(separation),
     .doc = "a spot ink: the name of its plate (none: a process ink)"},
    {0},
};
#undef AT
const field_table ink_keys = {"an ink", ink_fields};

/* The named inks, with room after them for one more a style (a style's
 * colour given as four percentages). */
static bool read_inks(field_reader *r, yml_node *n, void *dest)
{
    layout *l = dest;
    if (n && !yml_expect_kind(n, r->d, YML_MAP, "\"inks\""))
        return false;
    yml_node *styles = yml_lookup(r->map, "styles");
    int named = n && n->kind == YML_MAP ? n->count : 0;
    int per_style = styles && styles->kind == YML_MAP ? styles->count : 0;
    l->inks = ARENA_NEW_ARRAY(l->arena, ink_spec, named + per_style + 1);
    bool ok = true;
    for (int i = 0; i < named; i++) {
        ink_spec *k = &l->inks[l->ink_count++];
        *k = (ink_spec){.name = arena_strdup(l->arena, n->keys[i]->str)};
        if (!yml_expect_kind(n->items[i], r->d, YML_MAP, "an ink")) {
            ok = false;
            continue;
        }
        field_reader ir = {.d = r->d, .arena = l->arena, .user = r->user};
        ok &= fields_read(&ir, n->items[i], &ink_keys, k);
        if (k->separation && !*k->separation)
            ok = diag_error(r->d, yml_lookup(n->items[i], "separation")->loc,
                            "separation names the spot ink's plate and cannot be empty");
    }
    return ok;
}

static const field styles_file_fields[] = {
    {"inks", FIELD_CUSTOM, 0, .read = read_inks, .type_doc = "mapping of inks",
     .doc = "inks beyond black that a style's colour may name"},
    {"styles", FIELD_MAP, 0, .required = true, .read = read_styles, .type_doc = "mapping of styles",
     .doc = "the styles by name"},
    {0},
};
const field_table styles_file_keys = {"styles.yaml", styles_file_fields};

bool styles_load(layout *l, fontset *fonts, const file_source *src, const char *path, diag *d)
{
    yml_doc *doc = yml_load_source(src, path, d);
    if (!doc)
        return false;
    loader ld = {.l = l, .fonts = fonts, .d = d, .file = arena_strdup(l->arena, path)};
    yml_node *root = doc->root;
    bool ok;
    if (!root || root->kind != YML_MAP) {
        ok = diag_error(d, root ? root->loc : (src_loc){path, 0, 0},
                        "styles.yaml must be a mapping with the key \"styles\"");
    } else {
        field_reader r = {.d = d, .arena = l->arena, .user = &ld};
        ok = fields_read(&r, root, &styles_file_keys, l);
    }
    yml_free(doc);
    return ok;
}

int layout_style(const layout *l, const char *name)
{
    int lo = 0, hi = l->style_count - 1;
    while (lo <= hi && l->style_order) {
        int mid = lo + (hi - lo) / 2, ix = l->style_order[mid];
        int c = strcmp(l->styles[ix].name, name);
        if (c == 0)
            return ix;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}
