/* yml.c — libyaml's document API turned into yml_node trees. */
#include "input/yml.h"

#include "base/arena.h"
#include "base/files.h"
#include "base/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct converter {
    yaml_document_t *ydoc;
    yml_doc *doc;
    const char *src;   /* the file's bytes */
    size_t src_len;
    diag *d;
    yml_node **memo;   /* by libyaml node id - 1 */
    long *expanded;    /* tree size of node id - 1, once known */
    size_t *expanded_bytes; /* bytes of the scalars in that tree */
    char *busy;        /* node id - 1 is being converted (cycle check) */
    int *byte_of_char; /* libyaml marks count characters; built on demand */
    size_t chars;
    bool failed;
} converter;

/* Byte offset of character `index` of the source. */
static size_t byte_offset(converter *c, size_t index)
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

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Rebuild a folded scalar with its line breaks kept as '\n'.  YAML folds a
 * single line break into a space and n+1 breaks into n newlines; we keep
 * the single breaks visible instead.  The result is checked against
 * libyaml's value (with each kept break turned back into a space); if they
 * differ — an escape, a construct we do not mimic — the value is used. */
static const char *unfold(converter *c, const yaml_node_t *yn, const char *value,
                          size_t value_len)
{
    if (yn->start_mark.line == yn->end_mark.line)
        return value;
    size_t start = byte_offset(c, yn->start_mark.index), end = byte_offset(c, yn->end_mark.index);
    if (end <= start || end > c->src_len || !memchr(c->src + start, '\n', end - start))
        return value;
    const char *raw = c->src + start;
    size_t raw_len = end - start;
    yaml_scalar_style_t style = yn->data.scalar.style;
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

static yml_node *convert(converter *c, int id, int depth);

/* A scalar's value, with its line breaks visible (unfold); false (reported)
 * when it is too long or holds a NUL. */
static bool convert_scalar(converter *c, const yaml_node_t *yn, yml_node *n)
{
    n->kind = YML_SCALAR;
    n->len = yn->data.scalar.length;
    if (n->len > YML_MAX_SCALAR_BYTES)
        return diag_error(c->d, n->loc,
                          "this value is %zu bytes long; one value may hold %d MiB at most, so "
                          "split the text into paragraphs",
                          n->len, YML_MAX_SCALAR_BYTES >> 20);
    if (memchr(yn->data.scalar.value, 0, n->len))
        return diag_error(c->d, n->loc, "this value holds a NUL character (\\0), which no text "
                                        "may hold; remove it");
    n->str = arena_strndup(c->doc->arena, (const char *)yn->data.scalar.value, n->len);
    n->plain = yn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    n->lines = unfold(c, yn, n->str, n->len);
    return true;
}

/* A child of a list or mapping: the tree under it counts into the parent's. */
static yml_node *convert_child(converter *c, int id, int depth, long *size, size_t *bytes)
{
    yml_node *child = convert(c, id, depth);
    if (!c->failed) {
        *size += c->expanded[id - 1];
        *bytes += c->expanded_bytes[id - 1];
    }
    return child;
}

static void convert_seq(converter *c, const yaml_node_t *yn, yml_node *n, int depth, long *size,
                        size_t *bytes)
{
    n->kind = YML_SEQ;
    int count = (int)(yn->data.sequence.items.top - yn->data.sequence.items.start);
    n->count = count;
    n->items = ARENA_NEW_ARRAY(c->doc->arena, yml_node *, count);
    for (int i = 0; i < count && !c->failed; i++)
        n->items[i] = convert_child(c, yn->data.sequence.items.start[i], depth + 1, size, bytes);
}

/* Keys are plain scalars, each once. */
static void convert_map(converter *c, const yaml_node_t *yn, yml_node *n, int depth, long *size,
                        size_t *bytes)
{
    n->kind = YML_MAP;
    int count = (int)(yn->data.mapping.pairs.top - yn->data.mapping.pairs.start);
    n->count = count;
    n->items = ARENA_NEW_ARRAY(c->doc->arena, yml_node *, count);
    n->keys = ARENA_NEW_ARRAY(c->doc->arena, yml_node *, count);
    n->read = ARENA_NEW_ARRAY(c->doc->arena, bool, count);
    for (int i = 0; i < count && !c->failed; i++) {
        yaml_node_pair_t *pair = &yn->data.mapping.pairs.start[i];
        yaml_node_t *kn = yaml_document_get_node(c->ydoc, pair->key);
        if (!kn || kn->type != YAML_SCALAR_NODE) {
            c->failed = true;
            diag_error(c->d, kn ? loc_from_mark(c->doc, kn->start_mark) : n->loc,
                       "a mapping key must be a plain name, not a %s",
                       kn && kn->type == YAML_SEQUENCE_NODE ? "list" : "mapping");
            return;
        }
        n->keys[i] = convert(c, pair->key, depth + 1);
        if (c->failed)
            return;
        for (int j = 0; j < i; j++) {
            if (strcmp(n->keys[j]->str, n->keys[i]->str) == 0) {
                c->failed = true;
                diag_error(c->d, n->keys[i]->loc,
                           "duplicate key \"%s\" (first given at line %d); remove one",
                           n->keys[i]->str, n->keys[j]->loc.line);
                return;
            }
        }
        *size += 1;
        *bytes += n->keys[i]->len;
        n->items[i] = convert_child(c, pair->value, depth + 1, size, bytes);
    }
}

static yml_node *convert(converter *c, int id, int depth)
{
    if (c->failed)
        return NULL;
    yaml_node_t *yn = yaml_document_get_node(c->ydoc, id);
    if (!yn) {
        c->failed = true;
        diag_error(c->d, (src_loc){c->doc->file, 0, 0}, "YAML: dangling alias");
        return NULL;
    }
    if (c->memo[id - 1])
        return c->memo[id - 1];
    src_loc loc = loc_from_mark(c->doc, yn->start_mark);
    if (c->busy[id - 1]) {
        c->failed = true;
        diag_error(c->d, loc, "this anchor is used inside itself; a recursive alias cannot be "
                              "typeset");
        return NULL;
    }
    if (depth > YML_MAX_DEPTH) {
        c->failed = true;
        diag_error(c->d, loc, "YAML nested more than %d levels deep; flatten the structure",
                   YML_MAX_DEPTH);
        return NULL;
    }
    c->busy[id - 1] = 1;
    yml_node *n = arena_alloc(c->doc->arena, sizeof *n);
    n->loc = loc;
    long size = 1;
    size_t bytes = 0;
    switch (yn->type) {
    case YAML_SCALAR_NODE:
        bytes = yn->data.scalar.length;
        if (!convert_scalar(c, yn, n))
            c->failed = true;
        break;
    case YAML_SEQUENCE_NODE:
        convert_seq(c, yn, n, depth, &size, &bytes);
        break;
    case YAML_MAPPING_NODE:
        convert_map(c, yn, n, depth, &size, &bytes);
        break;
    default:
        c->failed = true;
        diag_error(c->d, loc, "YAML: empty node");
        break;
    }
    c->busy[id - 1] = 0;
    if (size > YML_MAX_EXPANDED_NODES && !c->failed) {
        c->failed = true;
        diag_error(c->d, loc,
                   "aliases here expand to more than %d nodes; this is not a newspaper "
                   "edition (an alias bomb?)",
                   YML_MAX_EXPANDED_NODES);
    }
    if (bytes > YML_MAX_EXPANDED_BYTES && !c->failed) {
        c->failed = true;
        diag_error(c->d, loc,
                   "aliases here expand to more than %d MiB of text; this is not a newspaper "
                   "edition (an alias bomb?)",
                   YML_MAX_EXPANDED_BYTES >> 20);
    }
    c->expanded[id - 1] = size;
    c->expanded_bytes[id - 1] = bytes;
    c->memo[id - 1] = n;
    return c->failed ? NULL : n;
}

static const char *syntax_hint(const char *problem)
{
    if (!problem)
        return "";
    if (strstr(problem, "cannot start any token"))
        return " (a tab, or a character such as @ or ` at the start of a value? indent with "
               "spaces and quote such values)";
    if (strstr(problem, "mapping values are not allowed"))
        return " (a value containing \": \" must be quoted)";
    if (strstr(problem, "did not find expected key"))
        return " (check the indentation of this line against the lines above)";
    if (strstr(problem, "found undefined alias"))
        return " (an alias *name needs an anchor &name before it)";
    return "";
}

yml_doc *yml_load_string(const char *name, const char *text, size_t len, diag *d)
{
    size_t bad;
    if (!utf8_validate(text, len, &bad)) {
        int line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < bad; i++)
            if (text[i] == '\n')
                line++, line_start = i + 1;
        diag_error(d, (src_loc){name, line, (int)utf8_length(text + line_start, bad - line_start) + 1},
                   "invalid UTF-8 at byte offset %zu (byte 0x%02X); save the file as UTF-8", bad,
                   (unsigned char)text[bad]);
        return NULL;
    }
    yml_doc *doc = xcalloc(1, sizeof *doc);
    doc->arena = arena_new();
    doc->file = arena_strdup(doc->arena, name);

    yaml_parser_t parser;
    yaml_document_t ydoc;
    if (!yaml_parser_initialize(&parser)) {
        diag_env_error(d, (src_loc){doc->file, 0, 0}, "cannot initialise the YAML parser");
        yml_free(doc);
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &ydoc)) {
        src_loc loc = {doc->file, (int)parser.problem_mark.line + 1,
                       (int)parser.problem_mark.column + 1};
        if (parser.context)
            diag_error(d, loc, "YAML syntax: %s %s%s", parser.context,
                       parser.problem ? parser.problem : "", syntax_hint(parser.problem));
        else
            diag_error(d, loc, "YAML syntax: %s%s", parser.problem ? parser.problem : "error",
                       syntax_hint(parser.problem));
        yaml_parser_delete(&parser);
        yml_free(doc);
        return NULL;
    }
    bool ok = true;
    yaml_node_t *root = yaml_document_get_root_node(&ydoc);
    if (root) {
        int count = (int)(ydoc.nodes.top - ydoc.nodes.start);
        converter c = {
            .ydoc = &ydoc,
            .doc = doc,
            .src = text,
            .src_len = len,
            .d = d,
            .memo = xcalloc((size_t)count, sizeof(yml_node *)),
            .expanded = xcalloc((size_t)count, sizeof(long)),
            .expanded_bytes = xcalloc((size_t)count, sizeof(size_t)),
            .busy = xcalloc((size_t)count, 1),
        };
        doc->root = convert(&c, 1, 0);
        ok = !c.failed;
        free(c.memo);
        free(c.expanded);
        free(c.expanded_bytes);
        free(c.busy);
        free(c.byte_of_char);
    }
    /* A second document in the same file is a mistake worth reporting. */
    if (ok) {
        yaml_document_t next;
        if (yaml_parser_load(&parser, &next)) {
            yaml_node_t *r2 = yaml_document_get_root_node(&next);
            if (r2) {
                diag_error(d, loc_from_mark(doc, r2->start_mark),
                           "a second YAML document (after ---) is not allowed here; one file "
                           "holds one document");
                ok = false;
            }
            yaml_document_delete(&next);
        }
    }
    yaml_document_delete(&ydoc);
    yaml_parser_delete(&parser);
    if (!ok) {
        yml_free(doc);
        return NULL;
    }
    return doc;
}

yml_doc *yml_load_source(const file_source *src, const char *path, diag *d)
{
    src_loc where = {path, 0, 0};
    char *buf;
    size_t size;
    if (!files_read(src, path, YML_MAX_FILE_BYTES, &buf, &size)) {
        if (errno == EISDIR)
            diag_error(d, where, "cannot read: this is a folder, not a file");
        else if (errno == EINVAL)
            diag_error(d, where, "cannot read: this is not a regular file (a FIFO? a device?)");
        else if (errno == EFBIG)
            diag_error(d, where, "the file is larger than %d MiB, the limit for one YAML file",
                       YML_MAX_FILE_BYTES >> 20);
        else
            diag_error(d, where, "cannot open: %s", strerror(errno));
        return NULL;
    }
    yml_doc *doc = yml_load_string(path, buf, size, d);
    free(buf);
    return doc;
}

yml_doc *yml_load_file(const char *path, diag *d) { return yml_load_source(NULL, path, d); }

void yml_free(yml_doc *doc)
{
    if (!doc)
        return;
    arena_free(doc->arena);
    free(doc);
}

bool yml_is_null(const yml_node *n)
{
    return n->kind == YML_SCALAR && n->plain &&
           (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

const char *yml_kind_name(yml_kind k)
{
    switch (k) {
    case YML_SCALAR:
        return "a single value";
    case YML_SEQ:
        return "a list";
    case YML_MAP:
        return "a mapping";
    }
    return "?";
}

yml_node *yml_lookup(yml_node *map, const char *key)
{
    if (!map || map->kind != YML_MAP)
        return NULL;
    for (int i = 0; i < map->count; i++) {
        if (strcmp(map->keys[i]->str, key) == 0) {
            map->read[i] = true;
            return yml_is_null(map->items[i]) ? NULL : map->items[i];
        }
    }
    return NULL;
}

static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (a[i - 1] != b[j - 1]);
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), sub);
            prev = cur;
        }
    }
    return row[lb];
}

bool yml_expect_keys(const yml_node *map, diag *d, const char *what,
                     const char *const *allowed)
{
    bool ok = true;
    for (int i = 0; i < map->count; i++) {
        if (map->read[i])
            continue;
        const char *key = map->keys[i]->str;
        bool known = false;
        const char *best = NULL;
        int best_dist = 3;
        for (const char *const *a = allowed; *a; a++) {
            if (strcmp(*a, key) == 0) {
                known = true;
                break;
            }
            int dist = edit_distance(*a, key);
            if (dist < best_dist)
                best_dist = dist, best = *a;
        }
        if (known)
            continue;
        ok = false;
        if (best)
            diag_error(d, map->keys[i]->loc, "unknown key \"%s\" in %s; did you mean \"%s\"?", key,
                       what, best);
        else {
            char list[512] = "";
            size_t used = 0;
            for (const char *const *a = allowed; *a && used < sizeof list - 40; a++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                         a == allowed ? "" : ", ", *a);
            diag_error(d, map->keys[i]->loc, "unknown key \"%s\" in %s; known keys: %s", key, what,
                       list);
        }
    }
    return ok;
}

bool yml_missing(const yml_node *map, diag *d, const char *what, const char *key)
{
    return diag_error(d, map->loc, "%s lacks the required key \"%s\"", what, key);
}

bool yml_expect_kind(const yml_node *n, diag *d, yml_kind kind, const char *what)
{
    if (n->kind == kind)
        return true;
    return diag_error(d, n->loc, "%s must be %s, not %s", what, yml_kind_name(kind),
                      yml_kind_name(n->kind));
}

bool yml_read_string(const yml_node *n, diag *d, const char *what, const char **out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    *out = n->str;
    return true;
}

bool yml_read_number(const yml_node *n, diag *d, const char *what, double *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    char *end;
    errno = 0;
    double v = strtod(n->str, &end);
    if (n->len == 0 || *end || errno || !isfinite(v))
        return diag_error(d, n->loc, "%s must be a number, not \"%s\"", what, n->str);
    *out = v;
    return true;
}

bool yml_read_int(const yml_node *n, diag *d, const char *what, long min, long max, long *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    char *end;
    errno = 0;
    long v = strtol(n->str, &end, 10);
    if (n->len == 0 || *end || errno)
        return diag_error(d, n->loc, "%s must be a whole number, not \"%s\"", what, n->str);
    if (v < min || v > max)
        return diag_error(d, n->loc, "%s must be between %ld and %ld, not %ld", what, min, max, v);
    *out = v;
    return true;
}

bool yml_read_bool(const yml_node *n, diag *d, const char *what, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", NULL};
    static const char *const no[] = {"false", "no", "off", NULL};
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    for (int i = 0; yes[i]; i++) {
        if (strcmp(n->str, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(n->str, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return diag_error(d, n->loc, "%s must be true or false, not \"%s\"", what, n->str);
}

bool yml_read_choice(const yml_node *n, diag *d, const char *what, const char *const *choices,
                     int *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    char list[512] = "";
    size_t used = 0;
    for (int i = 0; choices[i]; i++) {
        if (strcmp(n->str, choices[i]) == 0) {
            *out = i;
            return true;
        }
        if (used < sizeof list - 40)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                     choices[i]);
    }
    return diag_error(d, n->loc, "%s must be one of %s, not \"%s\"", what, list, n->str);
}

/* Chinese type sizes (字号) in the system MS Word, Adobe and ctex share
 * (typography CG-7); 新五号 is the newspaper body size of clreq. */
static const struct {
    const char *name;
    double pt;
} hao_sizes[] = {
    {"初号", 42},   {"小初", 36}, {"一号", 26},  {"小一", 24}, {"二号", 22},   {"小二", 18},
    {"三号", 16},   {"小三", 15}, {"四号", 14},  {"小四", 12}, {"五号", 10.5}, {"小五", 9},
    {"新五号", 9},  {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5},
};

bool yml_parse_length(const char *s, scaled em, scaled *out)
{
    for (size_t i = 0; i < countof(hao_sizes); i++) {
        if (strcmp(s, hao_sizes[i].name) == 0) {
            *out = scaled_from_pt(hao_sizes[i].pt);
            return true;
        }
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !isfinite(v) || fabs(v) > 10000)
        return false;
    while (*end == ' ')
        end++;
    double pt;
    if (strcmp(end, "pt") == 0)
        pt = v;
    else if (strcmp(end, "mm") == 0)
        pt = v * MM_TO_PT;
    else if (strcmp(end, "cm") == 0)
        pt = v * 10 * MM_TO_PT;
    else if (strcmp(end, "in") == 0)
        pt = v * 72;
    else if (strcmp(end, "em") == 0 && em > 0)
        pt = v * pt_from_scaled(em);
    else if (*end == 0 && v == 0)
        pt = 0;
    else
        return false;
    if (fabs(pt) > 20000)
        return false;
    *out = scaled_from_pt(pt);
    return true;
}

bool yml_read_length(const yml_node *n, diag *d, const char *what, scaled em, scaled *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    if (yml_parse_length(n->str, em, out))
        return true;
    if (em > 0)
        return diag_error(d, n->loc,
                          "%s must be a length such as 9pt, 3.5mm, 2em or 小五, not \"%s\"", what,
                          n->str);
    return diag_error(d, n->loc, "%s must be a length such as 9pt, 3.5mm or 小五, not \"%s\"",
                      what, n->str);
}
