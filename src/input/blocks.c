/* blocks.c — the body items beyond paragraphs, heads, boxes and tables:
 * a paragraph of runs, verse, code, lists, notices and attribution lines
 * (docs/content.md, "Body"). */
#include "input/loader.h"

#include "base/arena.h"
#include "base/strbuf.h"

#include <stdio.h>
#include <string.h>

/* ---- what every item's rows share ---------------------------------------- */

bool item_style(field_reader *r, yml_node *v, void *dest)
{
    body_item *it = dest;
    it->b.style = style_of(r->user, v, r->name, it->own_style, r->map);
    return it->b.style >= 0;
}

bool item_node(field_reader *r, yml_node *v, void *dest)
{
    *(yml_node **)fields_slot(r, dest) = v;
    return true;
}

static const char *const align_words[] = {"justify", "left", "center", "right", "distribute",
                                          NULL};

bool item_align(field_reader *r, yml_node *v, void *dest)
{
    body_item *it = dest;
    if (!v)
        return true;
    it->align_given = true;
    return yml_read_choice(v, r->d, r->name, align_words, &it->align);
}

/* A block of the paragraphs `children` (moved into ld->arena). */
static void push_parent(loader *ld, block_vec *out, block b, block_vec *children)
{
    b.children = arena_memdup(ld->arena, children->v, sizeof(block) * (size_t)children->n);
    b.child_count = children->n;
    VEC_FREE(*children);
    *VEC_PUSH(*out) = b;
}

/* One line of text as a paragraph of its own in style `st` (a line of a
 * poem, of a listing), normalised with `flags`; an empty line is a child
 * without spans. */
static void push_line(loader *ld, block_vec *out, const char *text, size_t len, int st,
                      unsigned flags, src_loc loc)
{
    block *b = VEC_PUSH(*out);
    b->kind = BLOCK_PARA;
    b->style = st;
    b->loc = loc;
    const char *norm = normalize(ld, text, len, flags, loc, "a line");
    if (!norm[0])
        return;
    b->spans = arena_alloc(ld->arena, sizeof(span));
    b->span_count = 1;
    b->spans[0] = (span){.text = norm, .style = st, .loc = loc};
}

/* ---- a paragraph of runs (BL-6) -------------------------------------------- */

/* The kinds of run inside a paragraph, by the key that makes one, and the
 * style each is set in. */
static const struct run_kind {
    const char *key, *style;
    bool nobreak;
} run_kinds[] = {
    {"em", "emphasis", false},
    {"quote", "quote", false},
    {"url", "url", false},
    {"nobreak", "nobreak", true},
};

/* A run's text: normalised, with a space it starts or ends with kept, as
 * the space between it and the run beside it. */
static const char *run_text(loader *ld, const yml_node *v, const style *st)
{
    const char *raw = v->lines ? v->lines : v->str;
    size_t len = strlen(raw);
    const char *norm = normalize(ld, raw, len, norm_flags(st), v->loc, "a run");
    bool lead = len && (raw[0] == ' ' || raw[0] == '\n');
    bool trail = len > 1 && (raw[len - 1] == ' ' || raw[len - 1] == '\n');
    if (!lead && !trail)
        return norm;
    char *s = arena_alloc(ld->arena, strlen(norm) + 3);
    snprintf(s, strlen(norm) + 3, "%s%s%s", lead ? " " : "", norm, trail && norm[0] ? " " : "");
    return s;
}

/* One run: text in the paragraph's style, or a mapping {em: …}, {quote:
 * …}, {url: …}, {nobreak: …}, or {text: …, style: …}. */
static bool read_run(loader *ld, yml_node *r, int para_style, span *out)
{
    const char *style_name = NULL;
    yml_node *text = r;
    bool nobreak = false;
    if (r->kind == YML_MAP) {
        text = NULL;
        int keys = 1;
        for (size_t k = 0; k < countof(run_kinds) && !text; k++)
            if ((text = yml_lookup(r, run_kinds[k].key))) {
                style_name = run_kinds[k].style;
                nobreak = run_kinds[k].nobreak;
            }
        yml_node *st = text ? NULL : yml_lookup(r, "style");
        if (!text && (text = yml_lookup(r, "text")) && st) {
            keys = 2;
            if (!yml_read_string(st, ld->d, "a run's style", &style_name))
                return false;
        }
        if (!text || r->count != keys)
            return diag_error(ld->d, r->loc,
                              "a run is text, or one of em: …, quote: …, url: …, nobreak: … "
                              "or text: … with style: …");
    }
    if (!yml_expect_kind(text, ld->d, YML_SCALAR, "a run"))
        return false;
    int s = style_name ? style_named(ld, style_name, text->loc) : para_style;
    if (s < 0)
        return false;
    *out = (span){.text = run_text(ld, text, &ld->l->styles[s]), .style = s, .loc = text->loc,
                  .nobreak = nobreak};
    return true;
}

bool load_runs(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    VEC(span) spans = {0};
    bool ok = true;
    for (int i = 0; i < v->count && ok; i++) {
        span sp;
        ok = read_run(ld, v->items[i], it->b.style, &sp);
        if (ok && sp.text[0])
            *VEC_PUSH(spans) = sp;
    }
    if (ok && spans.n == 0)
        ok = diag_error(ld->d, v->loc, "this paragraph has no text");
    if (ok)
        *VEC_PUSH(*out) = (block){.kind = BLOCK_PARA, .style = it->b.style, .loc = it->b.loc,
                                  .spans = arena_memdup(ld->arena, spans.v,
                                                        sizeof(span) * (size_t)spans.n),
                                  .span_count = spans.n};
    VEC_FREE(spans);
    return ok;
}

/* ---- verse (BL-1) ---------------------------------------------------------- */

static const field verse_fields[] = {
    {"verse", FIELD_CUSTOM, 0, .type_doc = "text or list",
     .doc = "the poem: a line a line, a blank line between stanzas (or a list of lines, an "
            "empty one between stanzas)"},
    {"title", FIELD_CUSTOM, offsetof(body_item, title), .read = item_node, .type_doc = "text",
     .doc = "the poem's title or 词牌, in the style verse-title"},
    {"author", FIELD_CUSTOM, offsetof(body_item, author), .read = item_node,
     .type_doc = "text", .doc = "its author (〔宋〕苏轼), in the style verse-author"},
    {"align", FIELD_CUSTOM, 0, .read = item_align, .type_doc = "choice",
     .range_doc = "left, center", .doc = "center: the poem centred in its column"},
    ITEM_STYLE("the style of its lines (verse unless given)"),
    {0},
};
const field_table verse_keys = {"a poem", verse_fields};

/* The furniture of a poem or a notice: a line of its own in `style`. */
static bool furniture_line(loader *ld, block_vec *children, yml_node *n, const char *name)
{
    int s;
    if (!n)
        return true;
    if (!yml_expect_kind(n, ld->d, YML_SCALAR, name) || (s = style_named(ld, name, n->loc)) < 0)
        return false;
    const char *raw = n->lines ? n->lines : n->str;
    push_line(ld, children, raw, strlen(raw), s, norm_flags(&ld->l->styles[s]), n->loc);
    return true;
}

/* Lines of text as lines of a block: one a source line, an empty source
 * line an empty child (a stanza's end, a listing's empty line). */
static void text_lines(loader *ld, block_vec *children, const yml_node *n, int st)
{
    const char *raw = n->lines ? n->lines : n->str;
    unsigned flags = norm_flags(&ld->l->styles[st]);
    for (const char *p = raw; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        push_line(ld, children, p, len, st, flags, n->loc);
        if (!end)
            break;
        p = end + 1;
    }
    /* A block scalar ends with its line end: no empty line after it. */
    while (children->n && children->v[children->n - 1].span_count == 0)
        children->n--;
}

bool load_verse(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    block_vec children = {0};
    bool ok = furniture_line(ld, &children, it->title, "verse-title") &&
              furniture_line(ld, &children, it->author, "verse-author");
    int furniture = children.n;
    if (!ok) {
    } else if (v->kind == YML_SCALAR) {
        text_lines(ld, &children, v, it->b.style);
    } else if (v->kind == YML_SEQ) {
        for (int i = 0; i < v->count && ok; i++)
            if ((ok = yml_expect_kind(v->items[i], ld->d, YML_SCALAR, "a line of a poem"))) {
                const char *raw = v->items[i]->str;
                push_line(ld, &children, raw, strlen(raw), it->b.style,
                          norm_flags(&ld->l->styles[it->b.style]), v->items[i]->loc);
            }
    } else {
        ok = diag_error(ld->d, v->loc, "a poem is its lines: text, or a list of lines");
    }
    if (ok && children.n == furniture)
        ok = diag_error(ld->d, v->loc, "this poem has no lines");
    if (ok && it->align_given && it->align != ALIGN_START && it->align != ALIGN_CENTER)
        ok = diag_error(ld->d, yml_lookup(it->map, "align")->loc,
                        "a poem is aligned left or center");
    it->b.kind = BLOCK_VERSE;
    it->b.align = it->align_given ? it->align + 1 : 0;
    if (ok)
        push_parent(ld, out, it->b, &children);
    else
        VEC_FREE(children);
    return ok;
}

/* ---- code (BL-2) ---------------------------------------------------------- */

static const field code_fields[] = {
    {"code", FIELD_CUSTOM, 0, .type_doc = "text",
     .doc = "the listing, as written: a literal block (|) keeps its lines and spaces"},
    ITEM_STYLE("its style (code unless given)"),
    {0},
};
const field_table code_keys = {"a listing", code_fields};

bool load_code(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    if (!yml_expect_kind(v, ld->d, YML_SCALAR, "a listing"))
        return false;
    block_vec children = {0};
    text_lines(ld, &children, v, it->b.style);
    if (children.n == 0) {
        VEC_FREE(children);
        return diag_error(ld->d, v->loc, "this listing is empty");
    }
    it->b.kind = BLOCK_CODE;
    push_parent(ld, out, it->b, &children);
    return true;
}

/* ---- lists (BL-3) ---------------------------------------------------------- */

static const field list_fields[] = {
    {"list", FIELD_LIST, 0, .read = item_node, .doc = "its items: a paragraph each"},
    {"numbered", FIELD_BOOL, offsetof(body_item, numbered),
     .doc = "true: numbered 1. 2. 3.; false (the default): bulleted ●"},
    ITEM_STYLE("the style of its items (list unless given)"),
    ITEM_KEEP,
    {0},
};
const field_table list_keys = {"a list", list_fields};

bool load_list(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    int first = out->n;
    for (int i = 0; i < v->count; i++) {
        yml_node *item = v->items[i];
        if (!yml_expect_kind(item, ld->d, YML_SCALAR, "a list item"))
            return false;
        const char *raw = item->lines ? item->lines : item->str;
        const char *norm =
            normalize(ld, raw, strlen(raw), norm_flags(&ld->l->styles[it->b.style]), item->loc,
                      "a list item");
        if (!norm[0])
            return diag_error(ld->d, item->loc, "this list item is empty");
        char marker[16];
        if (it->numbered)
            snprintf(marker, sizeof marker, "%d.", i + 1);
        else
            snprintf(marker, sizeof marker, "●");
        span *spans = ARENA_NEW_ARRAY(ld->arena, span, 2);
        spans[0] = (span){.text = arena_strdup(ld->arena, marker), .style = it->b.style,
                          .loc = item->loc, .marker = true};
        spans[1] = (span){.text = norm, .style = it->b.style, .loc = item->loc,
                          .loc_exact = item->plain && strcmp(norm, item->str) == 0};
        *VEC_PUSH(*out) = (block){.kind = BLOCK_PARA, .style = it->b.style, .loc = item->loc,
                                  .spans = spans, .span_count = 2};
    }
    if (out->n == first)
        return diag_error(ld->d, v->loc, "this list has no items");
    if (it->keep)
        out->v[first].keep = out->n - first;
    return true;
}

/* ---- notices (BL-5) ------------------------------------------------------- */

typedef struct notice_src {
    yml_node *salutation, *body, *signature, *date;
} notice_src;

#define AT(f) offsetof(notice_src, f)
static const field notice_form_fields[] = {
    {"salutation", FIELD_CUSTOM, AT(salutation), .read = item_node, .type_doc = "text",
     .doc = "称呼, set flush at the left (顶格), in the style notice-salutation"},
    {"body", FIELD_CUSTOM, AT(body), .read = item_node, .required = true,
     .type_doc = "text or list", .doc = "its paragraphs, in the style body"},
    {"signature", FIELD_CUSTOM, AT(signature), .read = item_node, .type_doc = "text or lines",
     .doc = "落款, set right, in the style notice-signature"},
    {"date", FIELD_CUSTOM, AT(date), .read = item_node, .type_doc = "text",
     .doc = "its date, set right under the signature"},
    {0},
};
#undef AT
const field_table notice_form_keys = {"a notice", notice_form_fields};

static const field notice_fields[] = {
    {"notice", FIELD_MAP, 0, .read = item_node, .doc = "the notice (below)"},
    {0},
};
const field_table notice_keys = {"a notice item", notice_fields};

bool load_notice(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    notice_src n = {0};
    field_reader r = loader_fields(ld);
    if (!fields_read(&r, v, &notice_form_keys, &n))
        return false;
    bool ok = furniture_line(ld, out, n.salutation, "notice-salutation");
    int body = style_named(ld, "body", n.body->loc);
    if (body < 0)
        return false;
    if (n.body->kind == YML_SEQ) {
        for (int i = 0; i < n.body->count && ok; i++)
            ok = yml_expect_kind(n.body->items[i], ld->d, YML_SCALAR, "a paragraph") &&
                 add_para(ld, out, n.body->items[i], body);
    } else {
        ok = ok && yml_expect_kind(n.body, ld->d, YML_SCALAR, "a notice's body") &&
             add_para(ld, out, n.body, body);
    }
    yml_node *sig = n.signature;
    if (ok && sig && sig->kind == YML_SEQ) {
        for (int i = 0; i < sig->count && ok; i++)
            ok = furniture_line(ld, out, sig->items[i], "notice-signature");
    } else if (ok) {
        ok = furniture_line(ld, out, sig, "notice-signature");
    }
    /* The signature and the date stand together, under the text. */
    int first_end = out->n - (sig ? (sig->kind == YML_SEQ ? sig->count : 1) : 0);
    ok = ok && furniture_line(ld, out, n.date, "notice-signature");
    if (ok && out->n - first_end > 1)
        out->v[first_end].keep = out->n - first_end;
    return ok;
}

/* ---- attribution (BL-4) ----------------------------------------------------- */

static const field attribution_fields[] = {
    {"attribution", FIELD_CUSTOM, 0, .type_doc = "text",
     .doc = "——作者《出处》: a line set right, under a quotation or an epigraph"},
    ITEM_STYLE("its style (attribution unless given)"),
    {0},
};
const field_table attribution_keys = {"an attribution", attribution_fields};

bool load_attribution(loader *ld, block_vec *out, body_item *it, yml_node *v)
{
    return yml_expect_kind(v, ld->d, YML_SCALAR, "an attribution") &&
           add_para(ld, out, v, it->b.style);
}
