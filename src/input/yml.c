/* yml.c — YAML files read event by event into yml_node trees, within bounds.
 *
 * libyaml's parser gives events; a tree is built from them here, one node
 * an event, so every limit of yml.h is enforced as the file is read: the
 * 65th level of nesting, the node or the alias past the limits, a tag or a
 * second document stop the reading where they stand, before libyaml scans
 * any further (100 000 '[' cost what 65 do).  Duplicate keys are found
 * with a hash set per mapping, so a mapping of n keys costs n, not n².
 * The syntax errors of libyaml get a hint and, where its position is not
 * where the mistake is, the position of the mistake (synhint). */
#include "input/yml.h"

#include "base/arena.h"
#include "base/files.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A set of strings, by open addressing: the keys of a mapping, the anchors
 * of a document.  `slot` holds an index + 1 into the owner's array. */
typedef struct strset {
    int *slot;
    size_t cap; /* a power of two, or 0 */
    int count;
} strset;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The index the set holds for `key` (names[i] is the string of index i),
 * or -1. */
static int strset_find(const strset *s, const char *key, const char *const *names)
{
    if (!s->cap)
        return -1;
    for (size_t i = hash_str(key) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (!s->slot[i])
            return -1;
        if (strcmp(names[s->slot[i] - 1], key) == 0)
            return s->slot[i] - 1;
    }
}

/* Add index `ix` (names[ix] its string, not in the set yet). */
static void strset_add(strset *s, int ix, const char *const *names)
{
    if ((size_t)(s->count + 1) * 2 > s->cap) {
        strset grown = {.cap = s->cap ? s->cap * 2 : 16};
        grown.slot = xcalloc(grown.cap, sizeof *grown.slot);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i])
                strset_add(&grown, s->slot[i] - 1, names);
        free(s->slot);
        *s = grown;
    }
    size_t i = hash_str(names[ix]) & (s->cap - 1);
    while (s->slot[i])
        i = (i + 1) & (s->cap - 1);
    s->slot[i] = ix + 1;
    s->count++;
}

/* A mapping or a list being built. */
typedef struct frame {
    yml_node *node;
    VEC(yml_node *) items; /* the items, or the values of a mapping */
    VEC(yml_node *) keys;
    VEC(const char *) key_names;
    strset seen;     /* the keys so far */
    bool want_value; /* a key has come, its value has not */
    long size;       /* nodes of the tree under it, aliases expanded */
    size_t bytes;    /* bytes of its scalars, likewise */
    int anchor;      /* the anchor it defines, or -1 */
} frame;

/* An anchor: the node it names and what that node's tree holds. */
typedef struct anchor {
    const char *name;
    yml_node *node; /* NULL while the node is being read */
    long size;
    size_t bytes;
} anchor;

typedef struct builder {
    yaml_parser_t parser;
    yml_doc *doc;
    const char *src;   /* the file's bytes */
    size_t src_len;
    diag *d;
    frame stack[YML_MAX_DEPTH + 1];
    int depth; /* frames open */
    VEC(anchor) anchors;
    VEC(const char *) anchor_names;
    strset anchor_set;
    long nodes;        /* the document's nodes, aliases expanded */
    size_t bytes;      /* and their bytes */
    bool aliased;      /* an alias has been read */
    int *byte_of_char; /* libyaml marks count characters; built on demand */
    size_t chars;
    bool failed;
} builder;

/* Byte offset of character `index` of the source. */
static size_t byte_offset(builder *c, size_t index)
{
    if (!c->byte_of_char) {
        size_t n = 0;
        for (size_t i = 0; i < c->src_len; i++)
            n += ((unsigned char)c->src[i] & 0xC0) != 0x80;
        c->byte_of_char = xmalloc(sizeof(int) * (n + 1));
        size_t k = 0;
        for (size_t i = 0; i < c->src_len; i++)
            if (((unsigned char)c->src[i] & 0xC0) != 0x80)
                c->byte_of_char[k++] = (int)i;
        c->byte_of_char[k] = (int)c->src_len;
        c->chars = n;
    }
    /* A byte order mark is not counted by libyaml. */
    size_t bom = c->src_len >= 3 && memcmp(c->src, "\xEF\xBB\xBF", 3) == 0 ? 1 : 0;
    index += bom;
    return index <= c->chars ? (size_t)c->byte_of_char[index] : c->src_len;
}

static src_loc loc_from_mark(const yml_doc *doc, yaml_mark_t m)
{
    return (src_loc){doc->file, (int)m.line + 1, (int)m.column + 1};
}

static bool fail(builder *c, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(builder *c, src_loc loc, const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    c->failed = true;
    return diag_error(c->d, loc, "%s", text);
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Rebuild a folded scalar with its line breaks kept as '\n'.  YAML folds a
 * single line break into a space and n+1 breaks into n newlines; we keep
 * the single breaks visible instead.  The result is checked against
 * libyaml's value (with each kept break turned back into a space); if they
 * differ — an escape, a construct we do not mimic — the value is used. */
static const char *unfold(builder *c, const yaml_event_t *ev, const char *value, size_t value_len)
{
    if (ev->start_mark.line == ev->end_mark.line)
        return value;
    size_t start = byte_offset(c, ev->start_mark.index), end = byte_offset(c, ev->end_mark.index);
    if (end <= start || end > c->src_len || !memchr(c->src + start, '\n', end - start))
        return value;
    const char *raw = c->src + start;
    size_t raw_len = end - start;
    yaml_scalar_style_t style = ev->data.scalar.style;
    char *out = arena_alloc(c->doc->arena, raw_len + value_len + 2);
    size_t n = 0;

    if (style == YAML_PLAIN_SCALAR_STYLE || style == YAML_SINGLE_QUOTED_SCALAR_STYLE) {
        size_t i = 0, stop = raw_len;
        if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE) {
            i = 1; /* skip the quotes */
            stop = raw_len - 1;
        }
        int pending_breaks = 0;
        bool first = true;
        while (i < stop) {
            size_t eol = i;
            while (eol < stop && raw[eol] != '\n')
                eol++;
            size_t a = i, b = eol;
            if (!first)
                while (a < b && is_blank(raw[a]))
                    a++;
            if (eol < stop)
                while (b > a && (is_blank(raw[b - 1]) || raw[b - 1] == '\r'))
                    b--;
            if (a == b && !first && eol < stop) {
                pending_breaks++;
            } else {
                if (!first) {
                    /* One '\n' marks a folded break; k empty lines
                     * (k newlines in YAML's value) are written as k+1. */
                    for (int k = 0; k <= pending_breaks; k++)
                        out[n++] = '\n';
                }
                pending_breaks = 0;
                for (size_t k = a; k < b; k++) {
                    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE && raw[k] == '\'' &&
                        k + 1 < b && raw[k + 1] == '\'')
                        k++;
                    out[n++] = raw[k];
                }
            }
            first = false;
            i = eol + 1;
        }
        out[n] = 0;
        /* Check: a single '\n' folds back to a space, k+1 to k newlines. */
        char *check = arena_alloc(c->doc->arena, n + 1);
        size_t m = 0;
        for (size_t k = 0; k < n;) {
            if (out[k] == '\n') {
                size_t run = 0;
                while (k < n && out[k] == '\n')
                    run++, k++;
                if (run == 1)
                    check[m++] = ' ';
                else
                    for (size_t r = 1; r < run; r++)
                        check[m++] = '\n';
            } else {
                check[m++] = out[k++];
            }
        }
        check[m] = 0;
        if (m != value_len || memcmp(check, value, m) != 0)
            return value;
        return out;
    }
    if (style == YAML_FOLDED_SCALAR_STYLE && raw[0] == '>') {
        /* Parse the same block as a literal one: its value keeps every
         * line break.  Then check it folds back to libyaml's value. */
        char *lit = arena_alloc(c->doc->arena, raw_len + 2);
        memcpy(lit, raw, raw_len);
        lit[0] = '|';
        lit[raw_len] = '\n';
        yaml_parser_t p;
        yaml_document_t doc;
        const char *result = value;
        if (!yaml_parser_initialize(&p))
            return value;
        yaml_parser_set_input_string(&p, (const unsigned char *)lit, raw_len + 1);
        if (yaml_parser_load(&p, &doc)) {
            yaml_node_t *root = yaml_document_get_root_node(&doc);
            if (root && root->type == YAML_SCALAR_NODE) {
                const char *v = (const char *)root->data.scalar.value;
                size_t vl = root->data.scalar.length;
                if (vl <= raw_len + value_len) {
                    memcpy(out, v, vl);
                    out[vl] = 0;
                    result = out;
                }
            }
            yaml_document_delete(&doc);
        }
        yaml_parser_delete(&p);
        return result;
    }
    return value;
}

/* ---- syntax errors ----------------------------------------------------- */

/* Bytes [*from, *to) of line `line` (0-based) of the source. */
static void source_line(const char *src, size_t len, size_t line, size_t *from, size_t *to)
{
    size_t i = 0;
    for (size_t l = 0; l < line && i < len; i++)
        if (src[i] == '\n')
            l++;
    *from = i;
    while (i < len && src[i] != '\n')
        i++;
    *to = i;
}

/* The byte of character column `col` (0-based) in line [from, to). */
static size_t column_byte(const char *src, size_t from, size_t to, size_t col)
{
    size_t i = from;
    for (size_t k = 0; k < col && i < to; k++) {
        i++;
        while (i < to && ((unsigned char)src[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* Column (0-based characters) of byte `at` in a line starting at `from`. */
static int byte_column(const char *src, size_t from, size_t at)
{
    return (int)utf8_length(src + from, at - from);
}

/* Where a value starts on the line: after its indentation and any "- ",
 * or after the first ": " of a "key: value". */
static size_t value_start(const char *src, size_t from, size_t to)
{
    size_t i = from;
    for (;;) {
        while (i < to && src[i] == ' ')
            i++;
        if (i + 1 < to && src[i] == '-' && src[i + 1] == ' ')
            i += 2;
        else
            break;
    }
    for (size_t k = i; k + 1 < to; k++)
        if (src[k] == ':' && src[k + 1] == ' ' && src[i] != '"' && src[i] != '\'') {
            for (i = k + 2; i < to && src[i] == ' '; i++)
                ;
            break;
        }
    return i;
}

#define COLON_HINT                                                                                 \
    " (\": \" in running text must be quoted: put the paragraph in '…', or "                     \
    "write the colon "                                                                             \
    "full width, ：)"

/* Whether the line above the one at `at` is a list item whose text holds
 * ": " and starts at at's column: YAML made that item a mapping, and the
 * line at `at` continues it.  *where is then the ": ". */
static bool colon_above(const char *src, size_t len, yaml_mark_t at, size_t *colon,
                        yaml_mark_t *where)
{
    for (size_t line = at.line; line-- > 0;) {
        size_t from, to;
        source_line(src, len, line, &from, &to);
        size_t i = from;
        while (i < to && src[i] == ' ')
            i++;
        if (i == to)
            continue;
        if (!(i + 1 < to && src[i] == '-' && src[i + 1] == ' '))
            return false;
        for (i += 2; i < to && src[i] == ' ';)
            i++;
        if ((size_t)byte_column(src, from, i) != at.column)
            return false;
        for (size_t k = i; k + 1 < to; k++)
            if (src[k] == ':' && src[k + 1] == ' ') {
                *colon = k;
                where->line = line;
                where->column = (size_t)byte_column(src, from, k);
                return true;
            }
        return false;
    }
    return false;
}

/* A syntax error as libyaml states it, moved to where the mistake is and
 * with a hint for the mistakes Chinese paragraphs invite: a tab, ": " in
 * running text, a line of a paragraph indented less than its first, a
 * paragraph that starts with an ASCII quotation mark, a table cell that
 * starts with "[".  Always false. */
static bool synhint_report(diag *d, const char *file, const char *src, size_t len,
                           const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "error";
    const char *context = p->context ? p->context : "";
    yaml_mark_t at = p->problem_mark;
    size_t from, to;
    source_line(src, len, at.line, &from, &to);
    size_t here = column_byte(src, from, to, at.column);
    const char *hint = "";
    if (strstr(problem, "tab character") || (here < to && src[here] == '\t')) {
        hint = " (a tab: YAML indents with spaces only; replace the tab with spaces)";
    } else if (strstr(problem, "cannot start any token")) {
        hint = " (a character such as @ or ` at the start of a value? quote such "
               "values)";
    } else if (strstr(problem, "mapping values are not allowed")) {
        hint = COLON_HINT;
    } else if (strstr(context, "simple key")) {
        /* The line that was taken for a key is the mistake, not the
         * line where libyaml gave up on it — unless ": " on the line
         * above made its item a mapping, which this line then continues. */
        at = p->context_mark;
        hint = " (this line is read as a new key: indent every line of a paragraph "
               "after its "
               "first further than the \"- \" or the key it follows, or join it to "
               "the line "
               "above)";
        size_t colon;
        if (colon_above(src, len, at, &colon, &at))
            hint = COLON_HINT;
    } else if (strstr(context, "quoted scalar")) {
        at = p->context_mark;
        hint = " (this quotation mark opens a quoted value that does not close; a "
               "paragraph "
               "that starts with \" is quoted whole, '\"两会\"开幕', or uses "
               "Chinese quotation "
               "marks “”)";
    } else if (strstr(context, "flow")) {
        for (size_t k = here; k > from; k--)
            if (src[k - 1] == '[' || src[k - 1] == '{') {
                at.column = (size_t)byte_column(src, from, k - 1);
                break;
            }
        hint = " (text that starts with [ or { is read as a list or a mapping: "
               "quote it, like "
               "'[0-3]岁')";
    } else {
        size_t v = value_start(src, from, to);
        if (v < here && (src[v] == '"' || src[v] == '\'')) {
            at.column = (size_t)byte_column(src, from, v);
            hint = " (a value that starts with a quotation mark ends where the "
                   "quotation "
                   "closes, and the text after it is out of place; quote the whole "
                   "paragraph, "
                   "'\"两会\"开幕', or use Chinese quotation marks “”)";
        } else if (strstr(problem, "did not find expected key")) {
            hint = " (check the indentation of this line against the lines above)";
        }
    }
    src_loc loc = {file, (int)at.line + 1, (int)at.column + 1};
    if (*context)
        return diag_error(d, loc, "YAML syntax: %s %s%s", context, problem, hint);
    return diag_error(d, loc, "YAML syntax: %s%s", problem, hint);
}

/* ---- nodes from events ------------------------------------------------ */

/* The tree has grown by `size` nodes and `bytes` bytes (a node, or the
 * whole tree an alias stands for): past the limits, the reading stops,
 * at the innermost list or mapping when there is one. */
static bool count(builder *c, long size, size_t bytes, src_loc at)
{
    c->nodes += size;
    c->bytes += bytes;
    if (c->depth > 0)
        at = c->stack[c->depth - 1].node->loc;
    if (c->nodes > YML_MAX_NODES)
        return c->aliased ? fail(c, at,
                                 "aliases here expand to more than %d nodes; this is not "
                                 "a newspaper edition (an alias bomb?)",
                                 YML_MAX_NODES)
                          : fail(c, at,
                                 "this file holds more than %d values; a newspaper's "
                                 "file holds far fewer, so split it",
                                 YML_MAX_NODES);
    if (c->bytes > YML_MAX_EXPANDED_BYTES)
        return fail(c, at,
                    "aliases here expand to more than %d MiB of text; this is not a "
                    "newspaper edition (an alias bomb?)",
                    YML_MAX_EXPANDED_BYTES >> 20);
    return true;
}

/* A key of the mapping `f` at the top: a single value, each once. */
static bool add_key(builder *c, frame *f, yml_node *key)
{
    if (key->kind != YML_SCALAR)
        return fail(c, key->loc, "a mapping key must be a plain name, not %s",
                    key->kind == YML_SEQ ? "a list" : "a mapping");
    int first = strset_find(&f->seen, key->str, f->key_names.v);
    if (first >= 0)
        return fail(c, key->loc, "duplicate key \"%s\" (first given at line %d); remove one",
                    key->str, f->keys.v[first]->loc.line);
    *VEC_PUSH(f->keys) = key;
    *VEC_PUSH(f->key_names) = key->str;
    strset_add(&f->seen, f->keys.n - 1, f->key_names.v);
    f->want_value = true;
    return true;
}

/* A finished node (`size` nodes and `bytes` bytes under it, itself
 * included) into the list or mapping it belongs to, or as the root. */
static bool place(builder *c, yml_node *n, long size, size_t bytes)
{
    if (c->depth == 0) {
        c->doc->root = n;
        return true;
    }
    frame *f = &c->stack[c->depth - 1];
    f->size += size;
    f->bytes += bytes;
    if (f->node->kind == YML_MAP && !f->want_value)
        return add_key(c, f, n);
    *VEC_PUSH(f->items) = n;
    f->want_value = false;
    return true;
}

/* "!!x" for YAML's own tags, as they are written. */
static void tag_as_written(const yaml_char_t *tag, char *out, size_t size)
{
    static const char core[] = "tag:yaml.org,2002:";
    const char *t = (const char *)tag;
    if (strncmp(t, core, sizeof core - 1) == 0)
        snprintf(out, size, "!!%.60s", t + sizeof core - 1);
    else
        snprintf(out, size, "%.60s", t);
}

/* What every node's event may carry: a tag (refused: paiban reads text,
 * and a tag such as !!python/object would make a reader elsewhere run
 * code) and an anchor (registered, its node to come).  The index of the
 * anchor, or -1. */
static bool node_start(builder *c, const yaml_char_t *tag, const yaml_char_t *name, src_loc loc,
                       int *anchor_ix)
{
    *anchor_ix = -1;
    if (tag) {
        char written[80];
        tag_as_written(tag, written, sizeof written);
        return fail(c, loc,
                    "a YAML tag (%s) is not allowed: paiban reads every value as text; "
                    "remove the tag",
                    written);
    }
    if (c->depth > YML_MAX_DEPTH)
        return fail(c, loc, "YAML nested more than %d levels deep; flatten the structure",
                    YML_MAX_DEPTH);
    if (!name)
        return true;
    const char *s = arena_strdup(c->doc->arena, (const char *)name);
    int ix = strset_find(&c->anchor_set, s, c->anchor_names.v);
    if (ix < 0) {
        *VEC_PUSH(c->anchors) = (anchor){.name = s};
        *VEC_PUSH(c->anchor_names) = s;
        ix = c->anchors.n - 1;
        strset_add(&c->anchor_set, ix, c->anchor_names.v);
    }
    c->anchors.v[ix].node = NULL; /* a later anchor of the name hides the earlier */
    *anchor_ix = ix;
    return true;
}

static void anchor_done(builder *c, int ix, yml_node *n, long size, size_t bytes)
{
    if (ix >= 0)
        c->anchors.v[ix] = (anchor){c->anchors.v[ix].name, n, size, bytes};
}

/* A scalar's value, with its line breaks visible (unfold). */
static bool read_scalar(builder *c, const yaml_event_t *ev)
{
    src_loc loc = loc_from_mark(c->doc, ev->start_mark);
    int ix;
    if (!node_start(c, ev->data.scalar.tag, ev->data.scalar.anchor, loc, &ix))
        return false;
    size_t len = ev->data.scalar.length;
    const char *value = (const char *)ev->data.scalar.value;
    if (memchr(value, 0, len))
        return fail(c, loc,
                    "this value holds a NUL character (\\0), which no text may hold; "
                    "remove it");
    if (!count(c, 1, len, loc))
        return false;
    yml_node *n = arena_alloc(c->doc->arena, sizeof *n);
    n->kind = YML_SCALAR;
    n->loc = loc;
    n->len = len;
    n->str = arena_strndup(c->doc->arena, value, len);
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    n->lines = unfold(c, ev, n->str, n->len);
    anchor_done(c, ix, n, 1, len);
    return place(c, n, 1, len);
}

static bool open_collection(builder *c, const yaml_event_t *ev, yml_kind kind)
{
    src_loc loc = loc_from_mark(c->doc, ev->start_mark);
    bool map = kind == YML_MAP;
    int ix;
    if (!node_start(c, map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag,
                    map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor, loc,
                    &ix) ||
        !count(c, 1, 0, loc))
        return false;
    yml_node *n = arena_alloc(c->doc->arena, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    c->stack[c->depth++] = (frame){.node = n, .size = 1, .anchor = ix};
    return true;
}

static bool close_collection(builder *c)
{
    frame f = c->stack[--c->depth];
    yml_node *n = f.node;
    arena *a = c->doc->arena;
    n->count = f.items.n;
    n->items = arena_memdup(a, f.items.v, sizeof(yml_node *) * (size_t)f.items.n);
    if (n->kind == YML_MAP) {
        n->keys = arena_memdup(a, f.keys.v, sizeof(yml_node *) * (size_t)f.keys.n);
        n->read = ARENA_NEW_ARRAY(a, bool, n->count);
    }
    VEC_FREE(f.items);
    VEC_FREE(f.keys);
    VEC_FREE(f.key_names);
    free(f.seen.slot);
    anchor_done(c, f.anchor, n, f.size, f.bytes);
    return place(c, n, f.size, f.bytes);
}

/* An alias shares the node of its anchor (never copied), but the loaders
 * walk what it stands for: its tree counts again. */
static bool read_alias(builder *c, const yaml_event_t *ev)
{
    src_loc loc = loc_from_mark(c->doc, ev->start_mark);
    const char *name = (const char *)ev->data.alias.anchor;
    int ix = strset_find(&c->anchor_set, name, c->anchor_names.v);
    if (ix < 0)
        return fail(c, loc,
                    "YAML: the alias *%s has no anchor before it (an alias *name needs "
                    "an anchor &name before it)",
                    name);
    const anchor *an = &c->anchors.v[ix];
    if (!an->node)
        return fail(c, loc,
                    "this anchor is used inside itself; a recursive alias cannot be "
                    "typeset");
    c->aliased = true;
    return count(c, an->size, an->bytes, loc) && place(c, an->node, an->size, an->bytes);
}

/* The nodes of one document's events, up to its end. */
static bool read_event(builder *c, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return read_scalar(c, ev);
    case YAML_SEQUENCE_START_EVENT:
        return open_collection(c, ev, YML_SEQ);
    case YAML_MAPPING_START_EVENT:
        return open_collection(c, ev, YML_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_collection(c);
    case YAML_ALIAS_EVENT:
        return read_alias(c, ev);
    default:
        return true;
    }
}

static void builder_free(builder *c)
{
    while (c->depth > 0) {
        frame *f = &c->stack[--c->depth];
        VEC_FREE(f->items);
        VEC_FREE(f->keys);
        VEC_FREE(f->key_names);
        free(f->seen.slot);
    }
    VEC_FREE(c->anchors);
    VEC_FREE(c->anchor_names);
    free(c->anchor_set.slot);
    free(c->byte_of_char);
    yaml_parser_delete(&c->parser);
}

/* Every event of the stream: one document at most.  False (reported)
 * at the first thing wrong. */
static bool read_stream(builder *c)
{
    int documents = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&c->parser, &ev))
            return synhint_report(c->d, c->doc->file, c->src, c->src_len, &c->parser);
        bool ok = true;
        if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents > 1)
            ok = fail(c, loc_from_mark(c->doc, ev.start_mark),
                      "a second YAML document (after ---) is not allowed here; one "
                      "file holds "
                      "one document");
        else
            ok = read_event(c, &ev);
        bool end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (!ok)
            return false;
        if (end)
            return true;
    }
}

yml_doc *yml_load_string(const char *name, const char *text, size_t len, diag *d)
{
    return yml_load_string_named(name, text, len, NULL, d);
}

yml_doc *yml_load_string_named(const char *name, const char *text, size_t len, arena *names,
                               diag *d)
{
    size_t bad;
    if (!utf8_validate(text, len, &bad)) {
        int line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < bad; i++)
            if (text[i] == '\n')
                line++, line_start = i + 1;
        diag_error(d,
                   (src_loc){name, line, (int)utf8_length(text + line_start, bad - line_start) + 1},
                   "invalid UTF-8 at byte offset %zu (byte 0x%02X); save the file as "
                   "UTF-8",
                   bad, (unsigned char)text[bad]);
        return NULL;
    }
    if (len > YML_MAX_FILE_BYTES) {
        diag_error(d, (src_loc){name, 0, 0},
                   "the file is larger than %d MiB, the limit for one "
                   "YAML file",
                   YML_MAX_FILE_BYTES >> 20);
        return NULL;
    }
    yml_doc *doc = xcalloc(1, sizeof *doc);
    doc->arena = arena_new();
    doc->file = arena_strdup(names ? names : doc->arena, name);
    builder *c = xcalloc(1, sizeof *c);
    *c = (builder){.doc = doc, .src = text, .src_len = len, .d = d};
    if (!yaml_parser_initialize(&c->parser)) {
        diag_env_error(d, (src_loc){doc->file, 0, 0}, "cannot initialise the YAML parser");
        free(c);
        yml_free(doc);
        return NULL;
    }
    yaml_parser_set_input_string(&c->parser, (const unsigned char *)text, len);
    bool ok = read_stream(c);
    doc->nodes = c->nodes;
    builder_free(c);
    free(c);
    if (!ok) {
        yml_free(doc);
        return NULL;
    }
    return doc;
}

yml_doc *yml_load_source(const file_source *src, const char *path, diag *d)
{
    char *buf;
    size_t size;
    if (!files_read(src, path, YML_MAX_FILE_BYTES, &buf, &size)) {
        yml_report_read_error(d, path, errno);
        return NULL;
    }
    yml_doc *doc = yml_load_string(path, buf, size, d);
    free(buf);
    return doc;
}

bool yml_report_read_error(diag *d, const char *path, int err)
{
    src_loc where = {path, 0, 0};
    if (err == EISDIR)
        return diag_error(d, where, "cannot read: this is a folder, not a file");
    if (err == EINVAL)
        return diag_error(d, where, "cannot read: this is not a regular file (a FIFO? a device?)");
    if (err == EFBIG)
        return diag_error(d, where, "the file is larger than %d MiB, the limit for one YAML file",
                          YML_MAX_FILE_BYTES >> 20);
    return diag_error(d, where, "cannot open: %s", strerror(err));
}

yml_doc *yml_load_file(const char *path, diag *d) { return yml_load_source(NULL, path, d); }

void yml_free(yml_doc *doc)
{
    if (!doc)
        return;
    arena_free(doc->arena);
    free(doc);
}
