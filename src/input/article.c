/* article.c — an article file: its headline band, photo, lead, byline and body.
 */
#include "input/loader.h"

#include "base/arena.h"
#include "input/keys.h"

#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* ---- paragraphs and the items of the body ----------------------------- */

/* Bytes of a head run in at the start of text: 【…】 (at most 24
 * characters inside), or a dateline: 本报讯, 本报…讯 (a place or a date
 * between), with the （记者 …） after it; 0 when there is none. */
static size_t run_in_length(const char *text, bool *dateline)
{
    static const char open[] = "【", close[] = "】", ours[] = "本报", news[] = "讯";
    *dateline = false;
    if (strncmp(text, open, 3) == 0) {
        const char *end = strstr(text, close);
        return end && end - text <= 26 * 3 ? (size_t)(end - text) + 3 : 0;
    }
    if (strncmp(text, ours, 6) != 0)
        return 0;
    const char *xun = strstr(text, news);
    if (!xun || xun - text > 14 * 3)
        return 0;
    *dateline = true;
    const char *end = xun + 3;
    if (strncmp(end, "（", 3) == 0 && strstr(end, "）") && strstr(end, "）") - end < 40 * 3)
        end = strstr(end, "）") + 3;
    return (size_t)(end - text);
}

/* The paragraph's spans: its text, with a 【】 head or a dateline at its
 * start set apart in the style run-in or dateline, when the layout has
 * it (PH-12, CB-3). */
static void para_spans(loader *ld, block *b, const char *norm, int style_ix, yml_node *n)
{
    bool dateline;
    size_t len = run_in_length(norm, &dateline);
    int head = len ? layout_style(ld->l, dateline ? "dateline" : "run-in") : -1;
    if (len >= strlen(norm))
        head = -1;
    bool exact = n->plain && strcmp(norm, n->str) == 0;
    b->spans = arena_alloc(ld->arena, 2 * sizeof(span));
    b->span_count = head >= 0 ? 2 : 1;
    if (head < 0) {
        b->spans[0] = (span){.text = norm, .style = style_ix, .loc = n->loc, .loc_exact = exact};
        return;
    }
    b->spans[0] = (span){.text = arena_strndup(ld->arena, norm, len), .style = head,
                         .loc = n->loc, .loc_exact = exact};
    b->spans[1] = (span){.text = norm + len, .style = style_ix, .loc = n->loc};
}

bool add_para(loader *ld, block_vec *out, yml_node *n, int style_ix)
{
    if (!yml_expect_kind(n, ld->d, YML_SCALAR, "a paragraph"))
        return false;
    const char *p = n->lines ? n->lines : n->str;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (!text_fits(ld, len, n->loc, "a paragraph"))
            return false;
        const char *norm =
            normalize(ld, p, len, norm_flags(&ld->l->styles[style_ix]), n->loc, "a paragraph");
        if (norm[0]) {
            block *b = VEC_PUSH(*out);
            b->kind = BLOCK_PARA;
            b->style = style_ix;
            b->loc = n->loc;
            para_spans(ld, b, norm, style_ix, n);
        }
        if (!end)
            break;
        p = end;
        while (*p == '\n')
            p++;
    }
    return true;
}

#define HEAD_LEVEL(key)                                                                            \
    {key, FIELD_CUSTOM, 0, .type_doc = "text or list of lines",                                    \
     .doc = "the head's text, in the style " key " unless it names one"}
static const field head_fields[] = {
    HEAD_LEVEL("h2"), HEAD_LEVEL("h3"), HEAD_LEVEL("h4"), HEAD_LEVEL("h5"),
    ITEM_STYLE("the head's style"), {0},
};
#undef HEAD_LEVEL
const field_table head_keys = {"a head", head_fields};

static const field para_fields[] = {
    {"p", FIELD_CUSTOM, 0, .type_doc = "text or list of runs",
     .doc = "the paragraph's text, or its runs: text, em, quote, url, nobreak"},
    ITEM_STYLE("the paragraph's style (body unless given)"),
    {"align", FIELD_CUSTOM, 0, .read = item_align, .type_doc = "choice",
     .range_doc = "justify, left, center, right, distribute",
     .doc = "how its lines sit, over its style's"},
    ITEM_KEEP,
    {0},
};
const field_table para_keys = {"a paragraph", para_fields};

static const field box_fields[] = {
    {"box", FIELD_CUSTOM, 0, .type_doc = "text or list",
     .doc = "what the ruled box holds: a paragraph, or a list of them (text, or p: …)"},
    {"title", FIELD_CUSTOM, offsetof(body_item, title), .read = item_node, .type_doc = "text",
     .doc = "a title at the head of the box (【注意】), in the style box-title"},
    ITEM_STYLE("the box's style (box unless given)"),
    {"span", FIELD_INT, offsetof(body_item, b.span_columns), .min = 1, .max = 24,
     .doc = "module columns the box spans"},
    {0},
};
const field_table box_keys = {"a box", box_fields};

static const field teaser_fields[] = {
    {"teaser", FIELD_CUSTOM, 0, .type_doc = "file",
     .doc = "导读: the article, on another page, the teaser points to (relative to the edition "
     "folder)"},
    {"text", FIELD_SCALAR, offsetof(body_item, text), .what = "a teaser's text",
     .type_doc = "text", .doc = "the teaser's words (that article's headline unless given)"},
    ITEM_STYLE("the teaser's style (teaser unless given)"),
    {0},
};
const field_table teaser_keys = {"a teaser", teaser_fields};

static const field table_item_fields[] = {
    {"table", FIELD_CUSTOM, 0, .type_doc = "mapping", .doc = "the table, with its settings inside"},
    {0},
};
const field_table table_item_keys = {"a table item", table_item_fields};
#undef ITEM_STYLE

static bool load_head(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    it->b.kind = BLOCK_HEAD;
    it->b.spans = arena_alloc(ld->arena, sizeof(span));
    it->b.span_count = 1;
    if (!make_lines_span(ld, v, it->b.style, "a head", &it->b.spans[0]))
        return false;
    *VEC_PUSH(*out) = it->b;
    return true;
}

static bool load_para(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    int first = out->n;
    if (v->kind == YML_SEQ) {
        if (!load_runs(ld, out, it, v))
            return false;
    } else if (!add_para(ld, out, v, it->b.style)) {
        return false;
    }
    for (int i = first; i < out->n; i++) {
        out->v[i].align = it->align_given ? it->align + 1 : 0;
        out->v[i].keep = it->keep ? 1 : 0;
    }
    return true;
}

/* A box holds paragraphs: a table or another box inside one has no place on
 * the grid of the box's lines. */
static bool load_box(loader *ld, block_vec *out, body_item *it, yml_node *content)
{
    block_vec children = {0};
    bool ok = true;
    it->b.kind = BLOCK_BOX;
    int title_style;
    if (it->title && ((title_style = style_named(ld, "box-title", it->title->loc)) < 0 ||
                      !add_para(ld, &children, it->title, title_style)))
        ok = false;
    if (!ok) {
    } else if (content->kind == YML_SCALAR) {
        ok = add_para(ld, &children, content, it->b.style);
    } else if (content->kind == YML_SEQ) {
        for (int i = 0; i < content->count && ok; i++) {
            yml_node *item = content->items[i];
            yml_node *p = item->kind == YML_MAP ? yml_lookup(item, "p") : NULL;
            if (item->kind == YML_SCALAR)
                ok = add_para(ld, &children, item, it->b.style);
            else if (p && item->count == 1)
                ok = add_para(ld, &children, p, it->b.style);
            else
                ok = diag_error(ld->d, item->loc, "a box holds paragraphs only (text, or p: …)");
        }
    } else {
        ok = diag_error(ld->d, content->loc, "a box holds a paragraph or a list of them");
    }
    if (ok && children.n == 0)
        ok = diag_error(ld->d, content->loc, "this box is empty");
    it->b.children = arena_memdup(ld->arena, children.v, sizeof(block) * (size_t)children.n);
    it->b.child_count = children.n;
    VEC_FREE(children);
    if (ok)
        *VEC_PUSH(*out) = it->b;
    return ok;
}

/* A teaser's paragraph waits for every page to be known: where the article
 * it points to stands (resolve_teasers). */
static bool load_teaser(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    if (!yml_expect_kind(v, ld->d, YML_SCALAR, "a teaser's article file"))
        return false;
    pending_teaser t = {.block = out->n, .given = arena_strdup(ld->e->arena, v->str),
                        .loc = v->loc};
    if (!(t.path = content_path(ld, v, "the teaser's article file")))
        return false;
    char real[PATH_MAX];
    if (!files_resolve(ld->opt.files, t.path, real))
        return diag_error(ld->d, v->loc, "the teaser's article file \"%s\" cannot be found (%s)",
                          v->str, strerror(errno));
    if (it->text && !make_span(ld, it->text, it->b.style, "a teaser's text", &t.text))
        return false;
    *VEC_PUSH(ld->teasers) = t;
    it->b.kind = BLOCK_PARA;
    *VEC_PUSH(*out) = it->b;
    return true;
}

static bool load_table_item(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    table *t = table_load(ld, v);
    if (!t)
        return false;
    *VEC_PUSH(*out) = (block){.kind = BLOCK_TABLE, .style = t->style, .table = t,
                              .loc = it->b.loc, .span_columns = t->span_columns};
    return true;
}

/* The kinds of body item given as a mapping, by the key that makes one:
 * the first of these keys a mapping has. */
static const struct item_kind {
    const char *key;
    const char *style; /* its style unless it names one */
    const field_table *keys;
    bool (*load)(loader *ld, block_vec *out, body_item *it, yml_node *v);
} item_kinds[] = {
    {"h2", "h2", &head_keys, load_head},          {"h3", "h3", &head_keys, load_head},
    {"h4", "h4", &head_keys, load_head},          {"h5", "h5", &head_keys, load_head},
    {"p", "body", &para_keys, load_para},         {"box", "box", &box_keys, load_box},
    {"table", NULL, &table_item_keys, load_table_item},
    {"verse", "verse", &verse_keys, load_verse},  {"code", "code", &code_keys, load_code},
    {"list", "list", &list_keys, load_list},      {"notice", NULL, &notice_keys, load_notice},
    {"attribution", "attribution", &attribution_keys, load_attribution},
    {"teaser", "teaser", &teaser_keys, load_teaser},
};

static bool load_block(loader *ld, block_vec *out, yml_node *n)
{
    if (n->kind == YML_SCALAR) {
        int style_ix = style_named(ld, "body", n->loc);
        return style_ix >= 0 && add_para(ld, out, n, style_ix);
    }
    if (n->kind != YML_MAP)
        return diag_error(ld->d, n->loc, "a body item is a paragraph (text) or a mapping such as "
                                         "\"h2: …\", \"box: …\" or \"table: …\", not a list");
    for (size_t k = 0; k < countof(item_kinds); k++) {
        const struct item_kind *kind = &item_kinds[k];
        yml_node *v = yml_lookup(n, kind->key);
        if (!v)
            continue;
        body_item it = {.b.loc = n->loc, .own_style = kind->style, .map = n};
        field_reader r = loader_fields(ld);
        return fields_read(&r, n, kind->keys, &it) && kind->load(ld, out, &it, v);
    }
    if (n->count > 0)
        return diag_error(ld->d, n->keys[0]->loc,
                          "\"%s\" is not a kind of body item; use h2, h3, h4, h5, p, box, table, "
                          "verse, code, list, notice, attribution or teaser",
                          n->keys[0]->str);
    return diag_error(ld->d, n->loc, "an empty mapping is not a body item");
}

/* ---- photos ------------------------------------------------------------ */

static bool read_photo_file(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    photo *p = dest;
    p->given = arena_strdup(ld->e->arena, v->str);
    p->path = content_path(ld, v, "photo file");
    p->file_loc = v->loc;
    return p->path != NULL;
}

/* Giving `at` places the photo in the middle. */
static bool read_at(field_reader *r, yml_node *v, void *dest)
{
    photo *p = dest;
    long k;
    if (!v)
        return true;
    if (!fields_read_int(r, v, &k))
        return false;
    p->at = (int)k;
    p->place = PHOTO_MIDDLE;
    return true;
}

/* Left, top, right and bottom as percentages to cut, leaving some photo. */
static bool read_crop(field_reader *r, yml_node *crop, void *dest)
{
    photo *p = dest;
    if (!crop)
        return true;
    if (crop->count != 4)
        return diag_error(r->d, crop->loc, "\"crop\" takes four percentages: [left, top, right, "
                                           "bottom]");
    for (int i = 0; i < 4; i++) {
        const yml_node *c = crop->items[i];
        double v;
        if (c->kind != YML_SCALAR || !yml_parse_percent(c->str, false, &v) || v >= 100)
            return diag_error(r->d, c->loc, "a crop is a percentage from 0%% to 99%%, like 10%%");
        p->crop[i] = v / 100.0;
    }
    if (p->crop[0] + p->crop[2] >= 0.95 || p->crop[1] + p->crop[3] >= 0.95)
        return diag_error(r->d, crop->loc, "the crop leaves almost nothing of the photo");
    return true;
}

/* A span of one line, or (read_lines) of lines, in the style the row's `arg`
 * names, which must be defined where the span is given. */
static bool read_span(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    int s;
    if (!v || (s = style_named(ld, r->row->arg, v->loc)) < 0)
        return !v;
    /* CB-6: a caption or credit below 六号 is hard to read on newsprint;
     * said once, at the style. */
    const style *st = &ld->l->styles[s];
    if (st->size < scaled_from_pt(7.5))
        diag_warn(r->d, st->loc, "small-type",
                  "style \"%s\" sets %s at %.1f pt, below 六号 (7.5 pt); give it at least 六号",
                  st->name, r->name, pt_from_scaled(st->size));
    return make_span(ld, v, s, r->name, fields_slot(r, dest));
}

static bool read_lines(field_reader *r, yml_node *v, void *dest)
{
    int s;
    span *out = fields_slot(r, dest);
    return !v ||
           ((s = style_named(r->user, r->row->arg, v->loc)) >= 0 &&
            make_lines_span(r->user, v, s, r->name, out) && fields_text_fits(r, v, out->text));
}

static const char *const align_words[] = {"left", "right", NULL};
static const char *const place_words[] = {"top", "bottom", "middle", NULL};

#define AT(f) offsetof(photo, f)
static const field photo_fields[] = {
    {"file", FIELD_SCALAR, 0, .what = "the photo file", .required = true, .read = read_photo_file,
     .type_doc = "file", .doc = "a JPEG or PNG file, relative to the edition folder"},
    {"caption", FIELD_CUSTOM, AT(caption), .what = "a caption", .read = read_span, .arg = "caption",
     .type_doc = "text", .doc = "图片说明, in the caption style"},
    {"credit", FIELD_CUSTOM, AT(credit), .what = "a photo credit", .read = read_span,
     .arg = "credit", .type_doc = "text", .doc = "the photographer's credit, in the credit style"},
    {"columns", FIELD_INT, AT(columns), .what = "photo columns", .min = 1, .max = 24,
     .doc = "module columns the picture spans (1 unless given)"},
    {"lines", FIELD_INT, AT(lines), .what = "photo lines", .min = 1, .max = 1000,
     .doc = "grid lines the picture takes (10 unless given)"},
    {"crop", FIELD_LIST, 0, .read = read_crop, .type_doc = "list of percentages",
     .range_doc = "0% to 99% each, below 95% a pair",
     .doc = "the share of each side to cut away: [left, top, right, bottom]"},
    {"align", FIELD_SWITCH, AT(right), .what = "photo align", .choices = align_words, .on = 1,
     .doc = "against the module's left or right edge"},
    {"place", FIELD_CHOICE, AT(place), .what = "photo place", .choices = place_words,
     .doc = "under the headline band, at the module's foot, or `at` lines "
            "under the band"},
    {"at", FIELD_CUSTOM, 0, .what = "photo at", .min = 0, .max = 1000, .read = read_at,
     .type_doc = "whole number", .range_doc = "0 to 1000",
     .doc = "grid lines between the headline band and the picture (places it "
            "middle)"},
    {0},
};
#undef AT
const field_table photo_keys = {"a photo", photo_fields};

_Static_assert(sizeof(photo_place) == sizeof(int), "a choice is stored as an int");

static photo *load_photo(loader *ld, yml_node *n)
{
    photo *p = arena_alloc(ld->arena, sizeof *p);
    p->loc = n->loc;
    p->columns = 1;
    p->lines = 10;
    field_reader r = loader_fields(ld);
    if (!fields_read(&r, n, &photo_keys, p))
        return NULL;
    /* Read once, held open for the PDF, and decoded in full here, so a
     * damaged file is reported where the article names it; composition
     * and proof read the info.  A photo checked for another article is not
     * read again. */
    for (int i = 0; i < ld->probed.n; i++)
        if (strcmp(ld->probed.v[i].path, p->path) == 0) {
            p->info = ld->probed.v[i].info;
            return p;
        }
    char *data;
    size_t len;
    yml_node name = {.kind = YML_SCALAR, .loc = p->file_loc, .str = p->given};
    if (!content_read(ld, &name, "photo file", p->path, IMAGE_MAX_BYTES, true, &data, &len)) {
        if (errno)
            image_read_error(ld->d, p->path, errno, p->loc);
        return NULL;
    }
    bool ok = image_check(data, len, p->path, true, &p->info, p->loc, ld->d);
    free(data);
    if (!ok)
        return NULL;
    *VEC_PUSH(ld->probed) = (struct probed_photo){p->path, p->info};
    return p;
}

/* ---- articles ---------------------------------------------------------- */

/* An article while it is read: its blocks grow as lead, byline and body come.
 */
typedef struct article_src {
    article a;
    block_vec blocks;
    bool has_lead;
} article_src;

static bool read_photo(field_reader *r, yml_node *v, void *dest)
{
    article_src *src = dest;
    return !v || (src->a.photo = load_photo(r->user, v)) != NULL;
}

/* One paragraph, or a list of them. */
static bool read_lead(field_reader *r, yml_node *lead, void *dest)
{
    loader *ld = r->user;
    article_src *src = dest;
    if (!lead)
        return true;
    src->has_lead = true;
    int s = style_named(ld, "lead", lead->loc);
    if (s < 0)
        return false;
    if (lead->kind != YML_SEQ)
        return yml_expect_kind(lead, r->d, YML_SCALAR, "\"lead\"") &&
               add_para(ld, &src->blocks, lead, s);
    bool ok = true;
    for (int i = 0; i < lead->count; i++) {
        if (yml_expect_kind(lead->items[i], r->d, YML_SCALAR, "a lead paragraph"))
            ok &= add_para(ld, &src->blocks, lead->items[i], s);
        else
            ok = false;
    }
    return ok;
}

/* After a lead, the byline runs in at its end, one em on; the printed page
 * did the same.  Without a lead it stands alone. */
static bool read_byline(field_reader *r, yml_node *byline, void *dest)
{
    loader *ld = r->user;
    article_src *src = dest;
    span by;
    int s;
    if (!byline)
        return true;
    if ((s = style_named(ld, "byline", byline->loc)) < 0 ||
        !make_span(ld, byline, s, "the byline", &by))
        return false;
    block *last = src->blocks.n ? &src->blocks.v[src->blocks.n - 1] : NULL;
    if (last && last->kind == BLOCK_PARA) {
        span *spans = ARENA_NEW_ARRAY(ld->arena, span, last->span_count + 1);
        memcpy(spans, last->spans, sizeof(span) * (size_t)last->span_count);
        by.gap_before = ld->l->styles[s].size;
        spans[last->span_count] = by;
        last->spans = spans;
        last->span_count++;
    } else {
        *VEC_PUSH(src->blocks) = (block){.kind = BLOCK_PARA, .style = s, .loc = byline->loc,
                                         .spans = arena_memdup(ld->arena, &by, sizeof by),
                                         .span_count = 1};
    }
    return true;
}

/* Needed unless there is a lead. */
static bool read_body(field_reader *r, yml_node *body, void *dest)
{
    article_src *src = dest;
    bool ok = true;
    if (!body)
        return src->has_lead || yml_missing(r->map, r->d, article_keys.what, "body");
    for (int i = 0; i < body->count; i++)
        ok &= load_block(r->user, &src->blocks, body->items[i]);
    return ok;
}

#define AT(f) offsetof(article_src, a.f)
static const field article_fields[] = {
    {"kicker", FIELD_CUSTOM, AT(kicker), .what = "the kicker", .read = read_lines, .arg = "kicker",
     .max = 1000, .type_doc = "text or lines", .range_doc = "at most 1000 characters",
     .doc = "引题, the line above the headline"},
    {"headline", FIELD_CUSTOM, AT(headline), .what = "the headline", .required = true,
     .read = read_lines, .arg = "headline", .max = 1000, .type_doc = "text or lines",
     .range_doc = "at most 1000 characters", .doc = "主题"},
    {"subtitle", FIELD_CUSTOM, AT(subtitle), .what = "the subtitle", .read = read_lines,
     .arg = "subtitle", .max = 1000, .type_doc = "text or lines",
     .range_doc = "at most 1000 characters", .doc = "副题, the line below the headline"},
    {"photo", FIELD_MAP, 0, .read = read_photo, .doc = "the article's photo"},
    {"lead", FIELD_CUSTOM, 0, .read = read_lead, .type_doc = "text or list",
     .doc = "导语: a paragraph, or a list of them"},
    {"byline", FIELD_CUSTOM, 0, .read = read_byline, .type_doc = "text",
     .doc = "run in at the end of the lead, or alone"},
    {"body", FIELD_LIST, 0, .read = read_body,
     .doc = "paragraphs, heads, boxes and tables (needed unless there is a lead)"},
    {0},
};
#undef AT
const field_table article_keys = {"an article", article_fields};

static const char *stem_of(arena *a, const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
        len -= 5;
    return arena_strndup(a, base, len);
}

/* Two articles may share a file name in different folders; their ids (used
 * in the dump and reports) may not. */
static bool id_taken(const loader *ld, const char *id)
{
    for (int i = 0; i < ld->e->article_count; i++)
        if (strcmp(ld->e->articles[i]->id, id) == 0)
            return true;
    return false;
}

/* The n-th file of a name is name-n: counting those before, the first
 * number tried is free but for a file named so itself (a pass, not one
 * a number, over thousands of files of one name). */
static const char *unique_id(loader *ld, const char *path)
{
    const char *stem = stem_of(ld->e->arena, path);
    if (!id_taken(ld, stem))
        return stem;
    size_t len = strlen(stem);
    int same = 0;
    for (int i = 0; i < ld->e->article_count; i++) {
        const char *id = ld->e->articles[i]->id;
        same += strncmp(id, stem, len) == 0 && (id[len] == 0 || id[len] == '-');
    }
    for (int n = same + 1;; n++) {
        char *id = xasprintf("%s-%d", stem, n);
        const char *kept = id_taken(ld, id) ? NULL : arena_strdup(ld->e->arena, id);
        free(id);
        if (kept)
            return kept;
    }
}

/* An article's YAML is freed as soon as it is read: what the article
 * keeps is copied into its own arena (text normalised) and the edition's
 * (its id and names), and its locations point at the file name, which the
 * edition keeps.  An edition of a thousand articles would otherwise hold
 * a thousand YAML trees. */
static article *read_article(loader *ld, const yml_node *node, const char *path)
{
    char *data;
    size_t len;
    if (!content_read(ld, node, "article file", path, YML_MAX_FILE_BYTES, false, &data, &len)) {
        if (errno)
            yml_report_read_error(ld->d, path, errno);
        return NULL;
    }
    yml_doc *doc = yml_load_string_named(path, data, len, ld->e->arena, ld->d);
    free(data);
    if (!doc)
        return NULL;
    /* Once the limit is passed, said once: the articles after it are
     * not read. */
    bool passed = ld->yaml_values > EDITION_MAX_VALUES;
    ld->yaml_values += doc->nodes;
    if (ld->yaml_values > EDITION_MAX_VALUES) {
        if (!passed)
            diag_error(ld->d, node ? node->loc : (src_loc){doc->file, 0, 0},
                       "with %s the edition's articles hold more than %d values (paragraphs, "
                       "keys, cells …), the limit for an edition; split it",
                       node && node->kind == YML_SCALAR ? node->str : path, EDITION_MAX_VALUES);
        yml_free(doc);
        return NULL;
    }
    yml_node *root = doc->root;
    if (!root || root->kind != YML_MAP) {
        diag_error(ld->d, root ? root->loc : (src_loc){doc->file, 0, 0},
                   "an article is a mapping with at least \"headline\" and \"body\"");
        yml_free(doc);
        return NULL;
    }
    article_src src = {.a = {.file = doc->file, .id = unique_id(ld, path),
                             .loc = (src_loc){doc->file, 1, 1}, .yaml_values = doc->nodes}};
    int teasers_before = ld->teasers.n;
    field_reader r = loader_fields(ld);
    bool ok = fields_read(&r, root, &article_keys, &src);
    src.a.blocks = arena_memdup(ld->arena, src.blocks.v, sizeof(block) * (size_t)src.blocks.n);
    src.a.block_count = src.blocks.n;
    VEC_FREE(src.blocks);
    yml_free(doc);
    if (!ok)
        return NULL;
    article *a = arena_memdup(ld->e->arena, &src.a, sizeof src.a);
    for (int i = teasers_before; i < ld->teasers.n; i++)
        ld->teasers.v[i].article = a;
    return a;
}

article *article_load(loader *ld, const yml_node *node, const char *path)
{
    arena *body = arena_new_small();
    arena *outer = ld->arena;
    ld->arena = body;
    int teasers_before = ld->teasers.n;
    article *a = read_article(ld, node, path);
    ld->arena = outer;
    if (!a) {
        /* Its teasers would point into what is freed here. */
        ld->teasers.n = teasers_before;
        arena_free(body);
        return NULL;
    }
    a->body = body;
    return a;
}

static void keep_head(arena *keep, span *s)
{
    if (s->text)
        s->text = arena_strdup(keep, s->text);
}

void article_release(edition *e, article *a)
{
    if (!a->body)
        return;
    keep_head(e->arena, &a->kicker);
    keep_head(e->arena, &a->headline);
    keep_head(e->arena, &a->subtitle);
    arena_free(a->body);
    a->body = NULL;
    a->blocks = NULL;
    a->block_count = 0;
    a->photo = NULL;
}
