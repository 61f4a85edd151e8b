/* content.c — loads edition.yaml and its articles into the model. */
#include "input/content.h"

#include "base/arena.h"
#include "base/chars.h"
#include "base/utf8.h"
#include "input/yml.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef VEC(block) block_vec;
typedef VEC(table_cell) cell_vec;

typedef struct pending_jump {
    placement *pl;
    const char *label;
    src_loc loc;
} pending_jump;

typedef struct loader {
    edition *e;
    pending_jump *pending_jumps;
    int pending_jump_count;
    const layout *l;
    diag *d;
    content_options opt;
    const char *root_real; /* realpath of the edition folder */
    VEC(yml_doc *) docs;   /* kept until the end: spans point at file names */
} loader;

/* ---- text ---------------------------------------------------------- */

static bool is_space_cp(uint32_t c) { return c == ' ' || c == '\t'; }

/* Normalise one run of text (see content.h).  `keep_breaks`: a line break
 * is a forced break, else the LB-7 rule applies. */
static const char *normalize(loader *ld, const char *in, size_t len, bool keep_breaks,
                             src_loc loc, const char *file)
{
    char *out = arena_alloc(ld->e->arena, len + 1);
    size_t n = 0;
    size_t i = 0;
    uint32_t prev = 0; /* last character written, 0 at start */
    while (i < len) {
        uint32_t c;
        int k = utf8_decode(in + i, len - i, &c);
        if (k == 0) { /* cannot happen: yml validated the file */
            i++;
            continue;
        }
        i += (size_t)k;
        if (c == '\r')
            continue;
        if (c == '\n') {
            /* Drop spaces written before the break, and those after it. */
            while (n > 0 && out[n - 1] == ' ')
                n--;
            while (i < len && (in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || in[i] == '\r'))
                i++;
            if (n == 0 || i >= len)
                continue;
            if (keep_breaks) {
                out[n++] = '\n';
                prev = '\n';
                continue;
            }
            /* The characters either side, looking past quotation marks:
             * they are as wide as the text they stand in (PU-8). */
            uint32_t before = 0, after = 0;
            for (size_t end = n; end > 0;) {
                size_t start = end - 1;
                while (start > 0 && ((unsigned char)out[start] & 0xC0) == 0x80)
                    start--;
                uint32_t b;
                if (utf8_decode(out + start, end - start, &b) == 0)
                    break;
                before = b;
                if (!chars_quote(b))
                    break;
                end = start;
            }
            for (size_t at = i; at < len;) {
                uint32_t a;
                int m = utf8_decode(in + at, len - at, &a);
                if (m == 0)
                    break;
                after = a;
                if (!chars_quote(a))
                    break;
                at += (size_t)m;
            }
            /* A digit beside a Chinese character counts as wide too: a
             * number is set against the characters around it with no
             * space (MX-2), so a line wrapped inside 10|月 or 30|元 joins
             * up as the writer meant, where CSS would put a space. */
            bool wide_before = chars_is_wide(before), wide_after = chars_is_wide(after);
            bool vanish = (wide_before || (chars_is_digit(before) && wide_after)) &&
                          (wide_after || (chars_is_digit(after) && wide_before)) &&
                          !chars_is_hangul(before) && !chars_is_hangul(after);
            if (before == 0x200B || after == 0x200B)
                vanish = true;
            if (!vanish) {
                out[n++] = ' ';
                prev = ' ';
            }
            continue;
        }
        if (is_space_cp(c)) {
            if (n > 0 && prev != ' ' && prev != '\n') {
                out[n++] = ' ';
                prev = ' ';
            }
            continue;
        }
        if (chars_is_control(c)) {
            diag_warn(ld->d, loc, "control-char",
                      "control character U+%04X in the text of %s was dropped; remove it from "
                      "the file",
                      c, file);
            continue;
        }
        n += (size_t)utf8_encode(c, out + n);
        prev = c;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = 0;
    return out;
}

static bool make_span(loader *ld, const yml_node *node, int style_ix, const char *what, span *out)
{
    const char *s;
    if (!yml_read_string(node, ld->d, what, &s))
        return false;
    const style *st = &ld->l->styles[style_ix];
    const char *text = node->lines ? node->lines : node->str;
    out->text = normalize(ld, text, strlen(text), st->keep_breaks, node->loc, what);
    out->style = style_ix;
    out->loc = node->loc;
    out->loc_exact = node->plain && strcmp(out->text, node->str) == 0;
    return true;
}

/* A head's text: one string (line breaks kept when the style keeps them)
 * or a list of lines. */
static bool make_lines_span(loader *ld, const yml_node *node, int style_ix, const char *what,
                            span *out)
{
    if (node->kind != YML_SEQ)
        return make_span(ld, node, style_ix, what, out);
    size_t total = 1;
    for (int i = 0; i < node->count; i++) {
        if (!yml_expect_kind(node->items[i], ld->d, YML_SCALAR, "a line of a head"))
            return false;
        total += node->items[i]->len + 1;
    }
    char *joined = arena_alloc(ld->e->arena, total);
    size_t n = 0;
    for (int i = 0; i < node->count; i++) {
        span line;
        if (!make_span(ld, node->items[i], style_ix, what, &line))
            return false;
        if (n > 0)
            joined[n++] = '\n';
        size_t l = strlen(line.text);
        memcpy(joined + n, line.text, l);
        n += l;
    }
    joined[n] = 0;
    *out = (span){.text = joined, .style = style_ix, .loc = node->loc};
    return true;
}

static int style_named(loader *ld, const char *name, src_loc loc)
{
    int s = layout_style(ld->l, name);
    if (s < 0)
        diag_error(ld->d, loc,
                   "style \"%s\" is needed here but %s/styles.yaml does not define it", name,
                   ld->l->dir);
    return s;
}

static int style_from_node(loader *ld, yml_node *map, const char *fallback)
{
    yml_node *v = yml_lookup(map, "style");
    if (!v)
        return style_named(ld, fallback, map->loc);
    const char *name;
    if (!yml_read_string(v, ld->d, "style", &name))
        return -1;
    return style_named(ld, name, v->loc);
}

/* ---- files --------------------------------------------------------- */

/* A file named in the content, resolved inside the edition folder. */
static const char *resolve_path(loader *ld, const yml_node *node, const char *what)
{
    const char *given = node->str;
    if (!given[0]) {
        diag_error(ld->d, node->loc, "%s is empty", what);
        return NULL;
    }
    if (!ld->opt.allow_outside_root && given[0] == '/') {
        diag_error(ld->d, node->loc,
                   "%s \"%s\" is an absolute path; name it relative to the edition folder %s, or "
                   "run with --allow-outside-root",
                   what, given, ld->e->dir);
        return NULL;
    }
    char *joined = given[0] == '/' ? xstrdup(given) : xasprintf("%s/%s", ld->e->dir, given);
    char real[PATH_MAX];
    if (!files_resolve(ld->opt.files, joined, real)) {
        diag_error(ld->d, node->loc, "%s \"%s\" cannot be found (%s)", what, given,
                   strerror(errno));
        free(joined);
        return NULL;
    }
    if (!ld->opt.allow_outside_root) {
        size_t rl = strlen(ld->root_real);
        if (strncmp(real, ld->root_real, rl) != 0 || (real[rl] != '/' && real[rl] != 0)) {
            diag_error(ld->d, node->loc,
                       "%s \"%s\" lies outside the edition folder; copy the file into %s or "
                       "run with --allow-outside-root",
                       what, given, ld->e->dir);
            free(joined);
            return NULL;
        }
    }
    const char *result = arena_strdup(ld->e->arena, joined);
    free(joined);
    return result;
}

/* ---- tables -------------------------------------------------------- */

static const char *const align_names[] = {"left", "center", "right", "decimal", NULL};

static bool load_row(loader *ld, table *t, yml_node *row, int r, bool header,
                     cell_vec *cells, char *occupied, int max_cols)
{
    if (row->kind != YML_SEQ)
        return diag_error(ld->d, row->loc, "a table row must be a list of cells, like "
                                           "[税收, 16917万元, 98.3%%]");
    if (row->count == 0)
        return diag_error(ld->d, row->loc, "this table row is empty; give its cells or remove "
                                           "the row");
    int col = 0;
    for (int i = 0; i < row->count; i++) {
        while (col < max_cols && occupied[r * max_cols + col])
            col++;
        yml_node *cn = row->items[i];
        table_cell *c = VEC_PUSH(*cells);
        c->row = r;
        c->col = col;
        c->rowspan = c->colspan = 1;
        c->header = header;
        c->loc = cn->loc;
        c->align = col < t->cols && t->col_align ? t->col_align[col] : CELL_LEFT;
        int style_ix = header ? t->head_style : t->style;
        yml_node *text = cn;
        if (cn->kind == YML_MAP) {
            static const char *const keys[] = {"text", "colspan", "rowspan", "align", NULL};
            text = yml_lookup(cn, "text");
            yml_node *v;
            long n;
            if ((v = yml_lookup(cn, "colspan"))) {
                if (!yml_read_int(v, ld->d, "colspan", 1, 64, &n))
                    return false;
                c->colspan = (int)n;
            }
            if ((v = yml_lookup(cn, "rowspan"))) {
                if (!yml_read_int(v, ld->d, "rowspan", 1, 1000, &n))
                    return false;
                c->rowspan = (int)n;
            }
            if ((v = yml_lookup(cn, "align"))) {
                int a;
                if (!yml_read_choice(v, ld->d, "align", align_names, &a))
                    return false;
                c->align = (cell_align)a;
            }
            if (!yml_expect_keys(cn, ld->d, "a table cell", keys))
                return false;
        }
        if (text) {
            if (!make_span(ld, text, style_ix, "a table cell", &c->text))
                return false;
        } else {
            c->text = (span){.text = "", .style = style_ix, .loc = cn->loc};
        }
        if (col + c->colspan > max_cols)
            return diag_error(ld->d, cn->loc,
                              "this cell reaches column %d but the table has %d columns; "
                              "check the row's cells and spans",
                              col + c->colspan, max_cols);
        for (int rr = r; rr < r + c->rowspan && rr < t->rows; rr++)
            for (int cc = col; cc < col + c->colspan; cc++)
                occupied[rr * max_cols + cc] = 1;
        col += c->colspan;
    }
    int filled = 0;
    for (int cc = 0; cc < max_cols; cc++)
        filled += occupied[r * max_cols + cc];
    if (filled != max_cols)
        return diag_error(ld->d, row->loc,
                          "this row fills %d of the table's %d columns; every row needs a cell "
                          "(or a span) for each column",
                          filled, max_cols);
    return true;
}

static table *load_table(loader *ld, yml_node *n)
{
    diag *d = ld->d;
    if (!yml_expect_kind(n, d, YML_MAP, "a table"))
        return NULL;
    static const char *const keys[] = {"title", "head", "rows", "align", "widths", "note",
                                       "style", "rules", "span", NULL};
    table *t = arena_alloc(ld->e->arena, sizeof *t);
    t->loc = n->loc;
    bool ok = true;
    t->style = style_from_node(ld, n, "table");
    t->head_style = style_named(ld, "table-head", n->loc);
    t->title_style = style_named(ld, "table-title", n->loc);
    t->note_style = style_named(ld, "table-note", n->loc);
    if (t->style < 0 || t->head_style < 0 || t->title_style < 0 || t->note_style < 0)
        return NULL;
    yml_node *title = yml_lookup(n, "title");
    yml_node *head = yml_lookup(n, "head");
    yml_node *rows = yml_lookup(n, "rows");
    yml_node *align = yml_lookup(n, "align");
    yml_node *widths = yml_lookup(n, "widths");
    yml_node *note = yml_lookup(n, "note");
    yml_node *rules = yml_lookup(n, "rules");
    yml_node *spanc = yml_lookup(n, "span");
    ok &= yml_expect_keys(n, d, "a table", keys);
    if (title)
        ok &= make_span(ld, title, t->title_style, "a table title", &t->title);
    if (note)
        ok &= make_span(ld, note, t->note_style, "a table note", &t->note);
    if (rules) {
        static const char *const names[] = {"three-line", "grid", "zebra", "none", NULL};
        int k;
        if (yml_read_choice(rules, d, "rules", names, &k))
            t->rules = (table_rules)k;
        else
            ok = false;
    }
    if (spanc) {
        long k;
        if (yml_read_int(spanc, d, "span", 1, 24, &k))
            t->span_columns = (int)k;
        else
            ok = false;
    }
    if (!rows) {
        yml_missing(n, d, "a table", "rows");
        return NULL;
    }
    if (!yml_expect_kind(rows, d, YML_SEQ, "\"rows\"") || !ok)
        return NULL;
    /* The header: one row, or a list of rows. */
    yml_node **head_rows = NULL;
    int head_count = 0;
    yml_node *one[1];
    if (head) {
        if (!yml_expect_kind(head, d, YML_SEQ, "\"head\""))
            return NULL;
        if (head->count > 0 && head->items[0]->kind == YML_SEQ) {
            head_rows = head->items;
            head_count = head->count;
        } else {
            one[0] = head;
            head_rows = one;
            head_count = 1;
        }
    }
    t->header_rows = head_count;
    t->rows = head_count + rows->count;
    if (t->rows == 0) {
        diag_error(d, rows->loc, "the table has no rows");
        return NULL;
    }
    /* The column count is the widest row, spans included. */
    int cols = 0;
    for (int r = 0; r < t->rows; r++) {
        yml_node *row = r < head_count ? head_rows[r] : rows->items[r - head_count];
        if (row->kind != YML_SEQ) {
            diag_error(d, row->loc, "a table row is a list of cells, like [中岳街道, 26266.2, 6.0%%]");
            return NULL;
        }
        int w = 0;
        for (int i = 0; i < row->count; i++) {
            yml_node *cs = row->items[i]->kind == YML_MAP ? yml_lookup(row->items[i], "colspan")
                                                          : NULL;
            long k = 1;
            if (cs && cs->kind == YML_SCALAR)
                k = strtol(cs->str, NULL, 10);
            w += k > 0 && k < 64 ? (int)k : 1;
        }
        cols = MAX(cols, w);
    }
    if (cols == 0) {
        diag_error(d, rows->loc, "the table has no cells");
        return NULL;
    }
    if (cols > 64) {
        diag_error(d, rows->loc, "the table has %d columns; a newspaper table has at most 64",
                   cols);
        return NULL;
    }
    t->cols = cols;
    t->col_align = arena_alloc(ld->e->arena, sizeof(cell_align) * (size_t)cols);
    t->col_width = arena_alloc(ld->e->arena, sizeof(double) * (size_t)cols);
    if (align) {
        if (!yml_expect_kind(align, d, YML_SEQ, "\"align\""))
            return NULL;
        if (align->count != cols) {
            diag_error(d, align->loc, "\"align\" lists %d columns but the table has %d",
                       align->count, cols);
            return NULL;
        }
        for (int i = 0; i < cols; i++) {
            int a;
            if (!yml_read_choice(align->items[i], d, "align", align_names, &a))
                return NULL;
            t->col_align[i] = (cell_align)a;
        }
    }
    if (widths) {
        if (!yml_expect_kind(widths, d, YML_SEQ, "\"widths\""))
            return NULL;
        if (widths->count != cols) {
            diag_error(d, widths->loc, "\"widths\" lists %d columns but the table has %d",
                       widths->count, cols);
            return NULL;
        }
        for (int i = 0; i < cols; i++) {
            yml_node *w = widths->items[i];
            if (!yml_expect_kind(w, d, YML_SCALAR, "a column width"))
                return NULL;
            scaled len;
            char *end;
            double v;
            if (strcmp(w->str, "auto") == 0)
                t->col_width[i] = 0;
            else if ((v = strtod(w->str, &end)) > 0 && strcmp(end, "*") == 0)
                t->col_width[i] = -v;
            else if (yml_parse_length(w->str, ld->l->styles[t->style].size, &len) && len > 0)
                t->col_width[i] = pt_from_scaled(len);
            else {
                diag_error(d, w->loc, "a column width is \"auto\", a length such as 12em or "
                                      "30mm, or a share such as 2*; not \"%s\"", w->str);
                return NULL;
            }
        }
    }
    cell_vec cells = {0};
    char *occupied = xcalloc((size_t)t->rows * (size_t)cols, 1);
    for (int r = 0; r < t->rows && ok; r++) {
        yml_node *row = r < head_count ? head_rows[r] : rows->items[r - head_count];
        ok = load_row(ld, t, row, r, r < head_count, &cells, occupied, cols);
    }
    free(occupied);
    if (!ok) {
        VEC_FREE(cells);
        return NULL;
    }
    t->cell_count = cells.n;
    t->cells = arena_memdup(ld->e->arena, cells.v, sizeof(table_cell) * (size_t)cells.n);
    VEC_FREE(cells);
    return t;
}

/* ---- blocks -------------------------------------------------------- */

static bool add_para(loader *ld, block_vec *out, yml_node *n, int style_ix)
{
    if (!yml_expect_kind(n, ld->d, YML_SCALAR, "a paragraph"))
        return false;
    /* A string with blank lines in it holds several paragraphs. */
    const char *text = n->lines ? n->lines : n->str;
    const char *p = text;
    bool ok = true;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *norm = normalize(ld, p, len, false, n->loc, "a paragraph");
        if (norm[0]) {
            block *b = VEC_PUSH(*out);
            b->kind = BLOCK_PARA;
            b->style = style_ix;
            b->loc = n->loc;
            b->spans = arena_alloc(ld->e->arena, sizeof(span));
            b->span_count = 1;
            b->spans[0] = (span){.text = norm, .style = style_ix, .loc = n->loc,
                                 .loc_exact = n->plain && strcmp(norm, n->str) == 0};
        }
        if (!end)
            break;
        p = end;
        while (*p == '\n')
            p++;
    }
    return ok;
}

static const char *const head_keys[] = {"h2", "h3", "h4", "h5", NULL};

static bool load_block(loader *ld, block_vec *out, yml_node *n);

static bool load_box(loader *ld, block_vec *out, yml_node *map, yml_node *content)
{
    block b = {.kind = BLOCK_BOX, .loc = map->loc};
    b.style = style_from_node(ld, map, "box");
    if (b.style < 0)
        return false;
    yml_node *cols = yml_lookup(map, "span");
    if (cols) {
        long k;
        if (!yml_read_int(cols, ld->d, "span", 1, 24, &k))
            return false;
        b.span_columns = (int)k;
    }
    block_vec children = {0};
    bool ok = true;
    if (content->kind == YML_SCALAR) {
        ok = add_para(ld, &children, content, b.style);
    } else if (content->kind == YML_SEQ) {
        /* A box holds paragraphs: a table or another box inside one has no
         * place on the grid of the box's lines. */
        for (int i = 0; i < content->count && ok; i++) {
            yml_node *item = content->items[i];
            yml_node *p = item->kind == YML_MAP ? yml_lookup(item, "p") : NULL;
            if (item->kind == YML_SCALAR)
                ok = add_para(ld, &children, item, b.style);
            else if (p && item->count == 1)
                ok = add_para(ld, &children, p, b.style);
            else
                ok = diag_error(ld->d, item->loc, "a box holds paragraphs only (text, or p: …)");
        }
    } else {
        ok = diag_error(ld->d, content->loc, "a box holds a paragraph or a list of them");
    }
    if (ok && children.n == 0)
        ok = diag_error(ld->d, content->loc, "this box is empty");
    b.children = arena_memdup(ld->e->arena, children.v, sizeof(block) * (size_t)children.n);
    b.child_count = children.n;
    VEC_FREE(children);
    if (ok)
        *VEC_PUSH(*out) = b;
    return ok;
}

static bool load_block(loader *ld, block_vec *out, yml_node *n)
{
    diag *d = ld->d;
    if (n->kind == YML_SCALAR) {
        int style_ix = style_named(ld, "body", n->loc);
        return style_ix >= 0 && add_para(ld, out, n, style_ix);
    }
    if (n->kind != YML_MAP)
        return diag_error(d, n->loc, "a body item is a paragraph (text) or a mapping such as "
                                     "\"h2: …\", \"box: …\" or \"table: …\", not a list");
    yml_node *v;
    for (int h = 0; head_keys[h]; h++) {
        if ((v = yml_lookup(n, head_keys[h]))) {
            static const char *const keys[] = {"h2", "h3", "h4", "h5", "style", NULL};
            int style_ix = style_from_node(ld, n, head_keys[h]);
            if (!yml_expect_keys(n, d, "a head", keys) || style_ix < 0)
                return false;
            block b = {.kind = BLOCK_HEAD, .style = style_ix, .loc = n->loc};
            b.spans = arena_alloc(ld->e->arena, sizeof(span));
            b.span_count = 1;
            if (!make_lines_span(ld, v, style_ix, "a head", &b.spans[0]))
                return false;
            *VEC_PUSH(*out) = b;
            return true;
        }
    }
    if ((v = yml_lookup(n, "p"))) {
        static const char *const keys[] = {"p", "style", NULL};
        int style_ix = style_from_node(ld, n, "body");
        if (!yml_expect_keys(n, d, "a paragraph", keys) || style_ix < 0)
            return false;
        return add_para(ld, out, v, style_ix);
    }
    if ((v = yml_lookup(n, "box"))) {
        static const char *const keys[] = {"box", "style", "span", NULL};
        if (!yml_expect_keys(n, d, "a box", keys))
            return false;
        return load_box(ld, out, n, v);
    }
    if ((v = yml_lookup(n, "table"))) {
        static const char *const keys[] = {"table", NULL};
        if (!yml_expect_keys(n, d, "a table item", keys))
            return false;
        table *t = load_table(ld, v);
        if (!t)
            return false;
        block b = {.kind = BLOCK_TABLE, .style = t->style, .table = t, .loc = n->loc,
                   .span_columns = t->span_columns};
        *VEC_PUSH(*out) = b;
        return true;
    }
    if (n->count > 0)
        return diag_error(d, n->keys[0]->loc,
                          "\"%s\" is not a kind of body item; use h2, h3, h4, h5, p, box or table",
                          n->keys[0]->str);
    return diag_error(d, n->loc, "an empty mapping is not a body item");
}

/* ---- photos and articles ------------------------------------------- */

static photo *load_photo(loader *ld, yml_node *n)
{
    diag *d = ld->d;
    if (!yml_expect_kind(n, d, YML_MAP, "\"photo\""))
        return NULL;
    static const char *const keys[] = {"file", "caption", "credit", "columns", "lines", "crop",
                                       "align", "place", "at", NULL};
    photo *p = arena_alloc(ld->e->arena, sizeof *p);
    p->loc = n->loc;
    p->columns = 1;
    p->lines = 10;
    bool ok = true;
    yml_node *file = yml_lookup(n, "file");
    yml_node *caption = yml_lookup(n, "caption");
    yml_node *credit = yml_lookup(n, "credit");
    yml_node *cols = yml_lookup(n, "columns");
    yml_node *lines = yml_lookup(n, "lines");
    yml_node *crop = yml_lookup(n, "crop");
    yml_node *align = yml_lookup(n, "align");
    yml_node *place = yml_lookup(n, "place");
    yml_node *at = yml_lookup(n, "at");
    ok &= yml_expect_keys(n, d, "a photo", keys);
    if (align) {
        static const char *const c[] = {"left", "right", NULL};
        int k;
        if (yml_read_choice(align, d, "photo align", c, &k))
            p->right = k == 1;
        else
            ok = false;
    }
    if (place) {
        static const char *const c[] = {"top", "bottom", "middle", NULL};
        int k;
        if (yml_read_choice(place, d, "photo place", c, &k))
            p->place = (photo_place)k;
        else
            ok = false;
    }
    if (at) {
        long k;
        if (yml_read_int(at, d, "photo at", 0, 1000, &k)) {
            p->at = (int)k;
            p->place = PHOTO_MIDDLE;
        } else {
            ok = false;
        }
    }
    if (!file) {
        yml_missing(n, d, "a photo", "file");
        return NULL;
    }
    if (!yml_expect_kind(file, d, YML_SCALAR, "the photo file"))
        return NULL;
    p->given = arena_strdup(ld->e->arena, file->str);
    p->path = resolve_path(ld, file, "photo file");
    ok &= p->path != NULL;
    if (caption) {
        int s = style_named(ld, "caption", caption->loc);
        ok &= s >= 0 && make_span(ld, caption, s, "a caption", &p->caption);
    }
    if (credit) {
        int s = style_named(ld, "credit", credit->loc);
        ok &= s >= 0 && make_span(ld, credit, s, "a photo credit", &p->credit);
    }
    long k;
    if (cols) {
        if (yml_read_int(cols, d, "photo columns", 1, 24, &k))
            p->columns = (int)k;
        else
            ok = false;
    }
    if (lines) {
        if (yml_read_int(lines, d, "photo lines", 1, 1000, &k))
            p->lines = (int)k;
        else
            ok = false;
    }
    if (crop) {
        if (!yml_expect_kind(crop, d, YML_SEQ, "\"crop\"") || crop->count != 4) {
            if (crop->kind == YML_SEQ)
                diag_error(d, crop->loc, "\"crop\" takes four percentages: [left, top, right, "
                                         "bottom]");
            return NULL;
        }
        for (int i = 0; i < 4; i++) {
            const yml_node *c = crop->items[i];
            char *end;
            double v = c->kind == YML_SCALAR ? strtod(c->str, &end) : -1;
            if (c->kind != YML_SCALAR || end == c->str || (*end && strcmp(end, "%") != 0) ||
                v < 0 || v >= 100) {
                diag_error(d, c->loc, "a crop is a percentage from 0%% to 99%%, like 10%%");
                return NULL;
            }
            p->crop[i] = v / 100.0;
        }
        if (p->crop[0] + p->crop[2] >= 0.95 || p->crop[1] + p->crop[3] >= 0.95) {
            diag_error(d, crop->loc, "the crop leaves almost nothing of the photo");
            return NULL;
        }
    }
    /* Checked in full here (a PNG decoded), so a damaged file is reported
     * where the article names it; composition and proof read the info. */
    if (ok && !image_probe(ld->e->files, p->path, &p->info, p->loc, d))
        return NULL;
    return ok ? p : NULL;
}

static const char *stem_of(arena *a, const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
        len -= 5;
    return arena_strndup(a, base, len);
}

static article *load_article(loader *ld, const char *path)
{
    diag *d = ld->d;
    yml_doc *doc = yml_load_source(ld->opt.files, path, d);
    if (!doc)
        return NULL;
    *VEC_PUSH(ld->docs) = doc;
    yml_node *root = doc->root;
    if (!root || root->kind != YML_MAP) {
        diag_error(d, root ? root->loc : (src_loc){doc->file, 0, 0},
                   "an article is a mapping with at least \"headline\" and \"body\"");
        return NULL;
    }
    static const char *const keys[] = {"kicker", "headline", "subtitle", "photo", "lead",
                                       "byline", "body", NULL};
    article *a = arena_alloc(ld->e->arena, sizeof *a);
    a->file = doc->file;
    a->id = stem_of(ld->e->arena, path);
    /* Two articles may share a file name in different folders; their ids
     * (used in the dump and reports) may not. */
    for (int n = 2, clash = 1; clash; n++) {
        clash = 0;
        for (int i = 0; i < ld->e->article_count; i++)
            if (strcmp(ld->e->articles[i]->id, a->id) == 0)
                clash = 1;
        if (clash) {
            char buf[256];
            snprintf(buf, sizeof buf, "%s-%d", stem_of(ld->e->arena, path), n);
            a->id = arena_strdup(ld->e->arena, buf);
        }
    }
    a->loc = (src_loc){doc->file, 1, 1};
    bool ok = true;
    yml_node *kicker = yml_lookup(root, "kicker");
    yml_node *headline = yml_lookup(root, "headline");
    yml_node *subtitle = yml_lookup(root, "subtitle");
    yml_node *photo_n = yml_lookup(root, "photo");
    yml_node *lead = yml_lookup(root, "lead");
    yml_node *byline = yml_lookup(root, "byline");
    yml_node *body = yml_lookup(root, "body");
    ok &= yml_expect_keys(root, d, "an article", keys);
    int s;
    if (kicker) {
        s = style_named(ld, "kicker", kicker->loc);
        ok &= s >= 0 && make_lines_span(ld, kicker, s, "the kicker", &a->kicker);
    }
    if (headline) {
        s = style_named(ld, "headline", headline->loc);
        ok &= s >= 0 && make_lines_span(ld, headline, s, "the headline", &a->headline);
    } else {
        ok = yml_missing(root, d, "an article", "headline");
    }
    if (subtitle) {
        s = style_named(ld, "subtitle", subtitle->loc);
        ok &= s >= 0 && make_lines_span(ld, subtitle, s, "the subtitle", &a->subtitle);
    }
    if (photo_n) {
        a->photo = load_photo(ld, photo_n);
        ok &= a->photo != NULL;
    }
    block_vec blocks = {0};
    if (lead) {
        s = style_named(ld, "lead", lead->loc);
        if (s < 0) {
            ok = false;
        } else if (lead->kind == YML_SEQ) {
            for (int i = 0; i < lead->count; i++) {
                if (yml_expect_kind(lead->items[i], d, YML_SCALAR, "a lead paragraph"))
                    ok &= add_para(ld, &blocks, lead->items[i], s);
                else
                    ok = false;
            }
        } else if (yml_expect_kind(lead, d, YML_SCALAR, "\"lead\"")) {
            ok &= add_para(ld, &blocks, lead, s);
        } else {
            ok = false;
        }
    }
    if (byline) {
        s = style_named(ld, "byline", byline->loc);
        span by;
        if (s >= 0 && make_span(ld, byline, s, "the byline", &by)) {
            /* After a lead, the byline runs in at its end, one em on; the
             * printed page did the same. Without a lead it stands alone. */
            block *last = blocks.n ? &blocks.v[blocks.n - 1] : NULL;
            if (last && last->kind == BLOCK_PARA) {
                span *spans = arena_alloc(ld->e->arena, sizeof(span) * (size_t)(last->span_count + 1));
                memcpy(spans, last->spans, sizeof(span) * (size_t)last->span_count);
                by.gap_before = ld->l->styles[s].size;
                spans[last->span_count] = by;
                last->spans = spans;
                last->span_count++;
            } else {
                block *b = VEC_PUSH(blocks);
                b->kind = BLOCK_PARA;
                b->style = s;
                b->loc = byline->loc;
                b->spans = arena_memdup(ld->e->arena, &by, sizeof by);
                b->span_count = 1;
            }
        } else {
            ok = false;
        }
    }
    if (body) {
        if (!yml_expect_kind(body, d, YML_SEQ, "\"body\"")) {
            ok = false;
        } else {
            for (int i = 0; i < body->count; i++)
                ok &= load_block(ld, &blocks, body->items[i]);
        }
    }
    if (!body && !lead)
        ok = yml_missing(root, d, "an article", "body");
    a->blocks = arena_memdup(ld->e->arena, blocks.v, sizeof(block) * (size_t)blocks.n);
    a->block_count = blocks.n;
    VEC_FREE(blocks);
    return ok ? a : NULL;
}

/* ---- the edition --------------------------------------------------- */

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

/* "1-8", "3", or [1, 8]: 1-based inclusive grid columns. */
static bool parse_columns(loader *ld, yml_node *n, int max, int *from, int *to)
{
    long a, b;
    if (n->kind == YML_SEQ && n->count == 2) {
        if (!yml_read_int(n->items[0], ld->d, "first column", 1, max, &a) ||
            !yml_read_int(n->items[1], ld->d, "last column", 1, max, &b))
            return false;
    } else if (n->kind == YML_SCALAR) {
        char *end;
        a = strtol(n->str, &end, 10);
        b = a;
        if (*end == '-')
            b = strtol(end + 1, &end, 10);
        if (end == n->str || *end || a < 1 || b < a || b > max)
            return diag_error(ld->d, n->loc,
                              "columns are written like 1-4 (grid columns from 1 to %d), not "
                              "\"%s\"",
                              max, n->str);
    } else {
        return diag_error(ld->d, n->loc, "columns are written like 1-4 or [1, 4]");
    }
    if (b < a)
        return diag_error(ld->d, n->loc, "the last column comes before the first");
    *from = (int)a - 1;
    *to = (int)b - 1;
    return true;
}

/* A rectangle of grid columns and lines from its YAML keys. */
static bool load_area(loader *ld, const template *t, yml_node *n, grid_area *a, bool need_top)
{
    diag *d = ld->d;
    yml_node *cols = yml_lookup(n, "columns");
    yml_node *top = yml_lookup(n, "top");
    yml_node *lines = yml_lookup(n, "lines");
    bool ok = true;
    a->loc = n->loc;
    a->col_from = 0;
    a->col_to = t->columns - 1;
    if (cols)
        ok &= parse_columns(ld, cols, t->columns, &a->col_from, &a->col_to);
    long k;
    if (top) {
        if (yml_read_int(top, d, "top", 1, t->lines, &k))
            a->top = (int)k - 1;
        else
            ok = false;
    } else if (need_top) {
        ok = yml_missing(n, d, "a part of an article's area", "top");
    }
    if (lines && !(lines->kind == YML_SCALAR && strcmp(lines->str, "fill") == 0)) {
        if (yml_read_int(lines, d, "lines", 1, t->lines, &k))
            a->lines = (int)k;
        else
            ok = false;
        if (ok && a->top + a->lines > t->lines)
            ok = diag_error(d, lines->loc,
                            "the article runs from grid line %d for %d lines, past the %d lines "
                            "of the type area",
                            a->top + 1, a->lines, t->lines);
    }
    return ok;
}

static bool load_placement(loader *ld, page_spec *pg, yml_node *n, placement *pl)
{
    diag *d = ld->d;
    const template *t = &ld->l->templates[pg->template_index];
    /* The slot of a placement that failed is used again for the next one:
     * nothing of the failed one may carry over (a stale "continued" made
     * the next placement read a key it does not have). */
    memset(pl, 0, sizeof *pl);
    if (!yml_expect_kind(n, d, YML_MAP, "an article placement"))
        return false;
    static const char *const keys[] = {"article",        "columns",     "top",
                                       "lines",          "parts",       "set-columns",
                                       "headline-columns", "continue-on", "continued",
                                       "kicker-style",   "headline-style", "subtitle-style",
                                       NULL};
    yml_node *file = yml_lookup(n, "article");
    yml_node *parts = yml_lookup(n, "parts");
    yml_node *set = yml_lookup(n, "set-columns");
    yml_node *head_cols = yml_lookup(n, "headline-columns");
    yml_node *cont_on = yml_lookup(n, "continue-on");
    yml_node *continued = yml_lookup(n, "continued");
    pl->loc = n->loc;
    pl->continue_page = -1;
    bool ok = load_area(ld, t, n, &pl->area, false);
    /* The same article may be set with smaller heads where it is placed
     * lower on the page. */
    int *head_styles[] = {&pl->kicker_style, &pl->headline_style, &pl->subtitle_style};
    static const char *const headline_keys[] = {"kicker-style", "headline-style", "subtitle-style"};
    for (int i = 0; i < 3; i++) {
        *head_styles[i] = -1;
        yml_node *v = yml_lookup(n, headline_keys[i]);
        const char *name;
        if (v && yml_read_string(v, d, headline_keys[i], &name)) {
            *head_styles[i] = style_named(ld, name, v->loc);
            ok &= *head_styles[i] >= 0;
        } else if (v) {
            ok = false;
        }
    }
    ok &= yml_expect_keys(n, d, "an article placement", keys);
    if (!file)
        return yml_missing(n, d, "an article placement", "article");
    if (!yml_expect_kind(file, d, YML_SCALAR, "\"article\""))
        return false;
    long k;
    if (set) {
        if (yml_read_int(set, d, "set-columns", 1, 24, &k))
            pl->set_columns = (int)k;
        else
            ok = false;
    }
    if (head_cols) {
        if (yml_read_int(head_cols, d, "headline-columns", 1, 24, &k))
            pl->headline_columns = (int)k;
        else
            ok = false;
    }
    if (continued)
        ok &= yml_read_bool(continued, d, "continued", &pl->continued);
    if (cont_on) {
        const char *label;
        if (yml_read_string(cont_on, d, "continue-on", &label)) {
            /* Resolved once every page is known (see resolve_jumps). */
            pl->continue_page = -2;
            ld->pending_jumps[ld->pending_jump_count].pl = pl;
            ld->pending_jumps[ld->pending_jump_count].label = label;
            ld->pending_jumps[ld->pending_jump_count].loc = cont_on->loc;
            ld->pending_jump_count++;
        } else {
            ok = false;
        }
    }
    if (parts) {
        if (!yml_expect_kind(parts, d, YML_SEQ, "\"parts\"")) {
            ok = false;
        } else {
            pl->parts = arena_alloc(ld->e->arena, sizeof(grid_area) * (size_t)(parts->count + 1));
            static const char *const part_keys[] = {"columns", "top", "lines", NULL};
            for (int i = 0; i < parts->count; i++) {
                yml_node *pn = parts->items[i];
                if (!yml_expect_kind(pn, d, YML_MAP, "a part")) {
                    ok = false;
                    continue;
                }
                ok &= load_area(ld, t, pn, &pl->parts[pl->part_count++], true);
                ok &= yml_expect_keys(pn, d, "a part of an article's area", part_keys);
            }
        }
    }
    const char *path = resolve_path(ld, file, "article file");
    if (!path)
        return false;
    for (int i = 0; i < ld->e->article_count; i++) {
        if (strcmp(ld->e->articles[i]->file, path) != 0)
            continue;
        if (pl->continued) {
            pl->article = ld->e->articles[i];
            return ok;
        }
        return diag_error(d, file->loc,
                          "article \"%s\" is placed twice in this edition; a second placement "
                          "holding the rest of it says \"continued: true\"",
                          file->str);
    }
    if (pl->continued)
        return diag_error(d, continued->loc,
                          "\"continued\" places the rest of an article begun on an earlier page, "
                          "but \"%s\" has not been placed before",
                          file->str);
    article *a = load_article(ld, path);
    if (!a)
        return false;
    pl->article = a;
    ld->e->articles[ld->e->article_count++] = a;
    return ok;
}

/* A jump names the page (版次) the rest of an article continues on; that
 * page must hold a placement of the same article marked continued. */
static bool resolve_jumps(loader *ld)
{
    bool ok = true;
    edition *e = ld->e;
    for (int j = 0; j < ld->pending_jump_count; j++) {
        placement *pl = ld->pending_jumps[j].pl;
        const char *label = ld->pending_jumps[j].label;
        src_loc loc = ld->pending_jumps[j].loc;
        int from_page = -1, to_page = -1;
        for (int p = 0; p < e->page_count; p++) {
            for (int k = 0; k < e->pages[p].placement_count; k++)
                if (&e->pages[p].placements[k] == pl)
                    from_page = p;
            if (e->pages[p].label && strcmp(e->pages[p].label, label) == 0)
                to_page = p;
        }
        if (to_page < 0) {
            ok = diag_error(ld->d, loc, "the edition has no page \"%s\" to continue on", label);
            continue;
        }
        if (to_page <= from_page) {
            ok = diag_error(ld->d, loc,
                            "an article continues on a later page; page \"%s\" comes before it",
                            label);
            continue;
        }
        bool found = false;
        for (int k = 0; k < e->pages[to_page].placement_count; k++) {
            const placement *q = &e->pages[to_page].placements[k];
            if (q->continued && q->article == pl->article)
                found = true;
        }
        if (!found) {
            ok = diag_error(ld->d, loc,
                            "page \"%s\" has no placement of this article with \"continued: "
                            "true\" to hold the rest",
                            label);
            continue;
        }
        pl->continue_page = to_page;
    }
    /* Every continued placement is what some jump points at. */
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

static bool load_masthead(loader *ld, yml_node *n)
{
    static const char *const keys[] = {"issue", "serial", "postal", "lunar", "weather",
                                       "publisher", NULL};
    masthead_info *m = &ld->e->masthead;
    if (!yml_expect_kind(n, ld->d, YML_MAP, "\"masthead\""))
        return false;
    m->present = true;
    const char **fields[] = {&m->issue, &m->serial, &m->postal, &m->lunar, &m->weather,
                             &m->publisher};
    bool ok = true;
    for (size_t i = 0; i < countof(fields); i++) {
        yml_node *v = yml_lookup(n, keys[i]);
        const char *s;
        if (v && yml_read_string(v, ld->d, keys[i], &s))
            *fields[i] = arena_strdup(ld->e->arena, s);
        else if (v)
            ok = false;
    }
    return ok & yml_expect_keys(n, ld->d, "\"masthead\"", keys);
}

edition *edition_load(const char *dir, const layout *l, content_options opt, diag *d)
{
    edition *e = xcalloc(1, sizeof *e);
    e->arena = arena_new();
    e->files = opt.files;
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    e->dir = arena_strndup(e->arena, dir, dl);
    loader ld = {.e = e, .l = l, .d = d, .opt = opt};
    char real[PATH_MAX];
    if (!files_resolve(opt.files, e->dir, real)) {
        diag_error(d, (src_loc){e->dir, 0, 0}, "cannot open the edition folder: %s",
                   strerror(errno));
        edition_free(e);
        return NULL;
    }
    ld.root_real = arena_strdup(e->arena, real);
    char *path = xasprintf("%s/edition.yaml", e->dir);
    yml_doc *doc = yml_load_source(opt.files, path, d);
    free(path);
    if (!doc) {
        edition_free(e);
        return NULL;
    }
    *VEC_PUSH(ld.docs) = doc;
    e->file = doc->file;
    bool ok = true;
    yml_node *root = doc->root;
    static const char *const keys[] = {"paper", "date", "template", "masthead", "pages", NULL};
    static const char *const page_keys[] = {"page", "name", "editor", "template", "articles",
                                            NULL};
    if (!root || root->kind != YML_MAP) {
        ok = diag_error(d, root ? root->loc : (src_loc){doc->file, 0, 0},
                        "edition.yaml is a mapping with paper, date, template and pages");
        goto out;
    }
    yml_node *paper = yml_lookup(root, "paper");
    yml_node *date = yml_lookup(root, "date");
    yml_node *tmpl = yml_lookup(root, "template");
    yml_node *pages = yml_lookup(root, "pages");
    yml_node *masthead = yml_lookup(root, "masthead");
    ok &= yml_expect_keys(root, d, "edition.yaml", keys);
    if (masthead)
        ok &= load_masthead(&ld, masthead);
    const char *s;
    if (!paper)
        ok = yml_missing(root, d, "edition.yaml", "paper");
    else if (yml_read_string(paper, d, "paper", &s))
        e->paper = normalize(&ld, s, strlen(s), false, paper->loc, "the paper's name");
    else
        ok = false;
    if (!date) {
        ok = yml_missing(root, d, "edition.yaml", "date");
    } else if (yml_read_string(date, d, "date", &s)) {
        if (parse_date(s, &e->year, &e->month, &e->day))
            e->weekday = weekday_of(e->year, e->month, e->day);
        else
            ok = diag_error(d, date->loc, "the date is written YYYY-MM-DD, like 2018-12-28; "
                                          "\"%s\" is not a date", s);
    } else {
        ok = false;
    }
    int default_template = -1;
    if (tmpl && yml_read_string(tmpl, d, "template", &s)) {
        default_template = layout_template(l, s);
        if (default_template < 0)
            ok = diag_error(d, tmpl->loc,
                            "template \"%s\" is not in the layout folder (%s); add %s/%s.yaml "
                            "or name another",
                            s, l->dir, l->dir, s);
    } else if (tmpl) {
        ok = false;
    }
    if (!pages) {
        ok = yml_missing(root, d, "edition.yaml", "pages");
        goto out;
    }
    if (!yml_expect_kind(pages, d, YML_SEQ, "\"pages\"") || !ok) {
        ok = false;
        goto out;
    }
    if (pages->count == 0) {
        ok = diag_error(d, pages->loc, "the edition has no pages");
        goto out;
    }
    int total_placements = 0;
    for (int i = 0; i < pages->count; i++) {
        yml_node *arts = pages->items[i]->kind == YML_MAP ? yml_lookup(pages->items[i], "articles")
                                                          : NULL;
        total_placements += arts && arts->kind == YML_SEQ ? arts->count : 0;
    }
    e->articles = arena_alloc(e->arena, sizeof(article *) * (size_t)(total_placements + 1));
    ld.pending_jumps = arena_alloc(e->arena, sizeof(pending_jump) * (size_t)(total_placements + 1));
    e->pages = arena_alloc(e->arena, sizeof(page_spec) * (size_t)pages->count);
    e->page_count = pages->count;
    for (int i = 0; i < pages->count; i++) {
        yml_node *pn = pages->items[i];
        page_spec *pg = &e->pages[i];
        pg->loc = pn->loc;
        pg->template_index = default_template;
        if (!yml_expect_kind(pn, d, YML_MAP, "a page")) {
            ok = false;
            continue;
        }
        yml_node *label = yml_lookup(pn, "page");
        yml_node *name = yml_lookup(pn, "name");
        yml_node *editor = yml_lookup(pn, "editor");
        yml_node *pt = yml_lookup(pn, "template");
        yml_node *arts = yml_lookup(pn, "articles");
        ok &= yml_expect_keys(pn, d, "a page", page_keys);
        if (label && yml_read_string(label, d, "page", &s))
            pg->label = normalize(&ld, s, strlen(s), false, label->loc, "the page label");
        if (!pg->label) {
            char buf[16];
            snprintf(buf, sizeof buf, "%d", i + 1);
            pg->label = arena_strdup(e->arena, buf);
        }
        if (name && yml_read_string(name, d, "name", &s))
            pg->name = normalize(&ld, s, strlen(s), false, name->loc, "the page name");
        if (editor && yml_read_string(editor, d, "editor", &s))
            pg->editor = normalize(&ld, s, strlen(s), false, editor->loc, "the editor's name");
        if (pt && yml_read_string(pt, d, "template", &s)) {
            pg->template_index = layout_template(l, s);
            if (pg->template_index < 0)
                ok = diag_error(d, pt->loc, "template \"%s\" is not in the layout folder (%s)", s,
                                l->dir);
        }
        if (pg->template_index < 0) {
            if (!pt && !tmpl)
                ok = diag_error(d, pn->loc, "this page has no template; give \"template\" in "
                                            "edition.yaml or on the page");
            continue;
        }
        if (!arts) {
            ok = yml_missing(pn, d, "a page", "articles");
            continue;
        }
        if (!yml_expect_kind(arts, d, YML_SEQ, "\"articles\"")) {
            ok = false;
            continue;
        }
        pg->placements = arena_alloc(e->arena, sizeof(placement) * (size_t)(arts->count + 1));
        for (int k = 0; k < arts->count; k++) {
            if (load_placement(&ld, pg, arts->items[k], &pg->placements[pg->placement_count]))
                pg->placement_count++;
            else
                ok = false;
        }
    }
    if (ok)
        ok = resolve_jumps(&ld);
out:
    /* Locations in spans and blocks point at the file names the YAML
     * documents own, so the documents live as long as the edition. */
    e->docs = (struct yml_doc **)ld.docs.v;
    e->doc_count = ld.docs.n;
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
    arena_free(e->arena);
    free(e);
}

src_loc span_char_loc(const span *s, int index)
{
    src_loc loc = s->loc;
    if (s->loc_exact)
        loc.col += index;
    return loc;
}

char *content_one_line(const char *s)
{
    char *out = xstrdup(s ? s : "");
    char *w = out;
    for (const char *r = out; *r; r++)
        if (*r != '\n')
            *w++ = *r;
    *w = 0;
    return out;
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
