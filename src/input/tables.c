/* tables.c — a table of an article's body: its settings, header and rows of
 * cells. */
#include "input/loader.h"

#include "base/arena.h"
#include "input/keys.h"

#include <stdlib.h>
#include <string.h>

typedef VEC(table_cell) cell_vec;

static const char *const align_words[] = {"left", "center", "right", "decimal", NULL};
static const char *const rules_words[] = {"three-line", "grid", "zebra", "none", NULL};

_Static_assert(sizeof(cell_align) == sizeof(int) && sizeof(table_rules) == sizeof(int),
               "a choice is stored as an int");

/* ---- cells ------------------------------------------------------------- */

/* In the style the cell has by then: the header's or the body's. */
static bool read_cell_text(field_reader *r, yml_node *v, void *dest)
{
    table_cell *c = dest;
    return !v || make_span(r->user, v, c->text.style, r->name, &c->text);
}

#define AT(f) offsetof(table_cell, f)
static const field cell_fields[] = {
    {"text", FIELD_CUSTOM, AT(text), .what = "a table cell", .read = read_cell_text,
     .type_doc = "text", .doc = "the cell's text (empty unless given)"},
    {"colspan", FIELD_INT, AT(colspan), .min = 1, .max = 64, .doc = "the columns the cell spans"},
    {"rowspan", FIELD_INT, AT(rowspan), .min = 1, .max = 1000, .doc = "the rows the cell spans"},
    {"align", FIELD_CHOICE, AT(align), .choices = align_words,
     .doc = "how its text is aligned (the column's unless given)"},
    {0},
};
#undef AT
const field_table cell_keys = {"a table cell", cell_fields};

/* The cells of row r: each goes to the first column no cell above spans. */
static bool load_row(loader *ld, table *t, yml_node *row, int r, bool header, cell_vec *cells,
                     char *occupied, int max_cols)
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
        int style_ix = header ? t->head_style : t->style;
        *c = (table_cell){
            .text = {.text = "", .style = style_ix, .loc = cn->loc},
            .row = r,
            .col = col,
            .rowspan = 1,
            .colspan = 1,
            .align = col < t->cols && t->col_align ? t->col_align[col] : CELL_LEFT,
            .header = header,
            .loc = cn->loc,
        };
        field_reader fr = loader_fields(ld);
        if (cn->kind == YML_SEQ)
            return diag_error(ld->d, cn->loc,
                              "a table cell is text, not a list: a cell that starts with [ is "
                              "read as one; quote it, like '[0-3]'");
        if (cn->kind == YML_MAP ? !fields_read(&fr, cn, &cell_keys, c)
                                : !make_span(ld, cn, style_ix, "a table cell", &c->text))
            return false;
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

/* ---- the table --------------------------------------------------------- */

/* A table while it is read: what needs its columns is read once they are known.
 */
typedef struct table_src {
    table t;
    yml_node *head, *rows, *align, *widths;
    yml_node **head_rows; /* the header: one row, or a list of rows */
    yml_node *one_row[1];
} table_src;

/* The title or the note: a span in the table's style for it. */
static bool read_title_or_note(field_reader *r, yml_node *v, void *dest)
{
    table *t = &((table_src *)dest)->t;
    span *s = fields_slot(r, dest);
    return !v || make_span(r->user, v, s == &t->title ? t->title_style : t->note_style, r->name, s);
}

#define AT(f) offsetof(table_src, f)
static const field table_fields[] = {
    {"title", FIELD_CUSTOM, AT(t.title), .what = "a table title", .read = read_title_or_note,
     .type_doc = "text", .doc = "a title above the table, in the table-title style"},
    {"head", FIELD_LIST, AT(head), .type_doc = "row or list of rows",
     .doc = "the header, in the table-head style: one row, or a list of rows"},
    {"rows", FIELD_LIST, AT(rows), .required = true, .type_doc = "list of rows",
     .doc = "the body rows, each a list of cells"},
    {"align", FIELD_LIST, AT(align), .type_doc = "list of choices",
     .range_doc = "`left`, `center`, `right`, `decimal`, one a column",
     .doc = "how each column's cells are aligned (left unless given)"},
    {"widths", FIELD_LIST, AT(widths), .type_doc = "list",
     .range_doc = "`auto`, a length, or a share such as `2*`, one a column",
     .doc = "each column's width: from the content, a length (em of the cell "
            "style), or a share of "
            "what is left"},
    {"note", FIELD_CUSTOM, AT(t.note), .what = "a table note", .read = read_title_or_note,
     .type_doc = "text", .doc = "a line under the table (注, 资料来源), in the table-note style"},
    {"style", FIELD_CUSTOM, AT(t.style), .read = read_style, .arg = "table", .type_doc = "style",
     .doc = "the style of the body cells (table unless given)"},
    {"rules", FIELD_CHOICE, AT(t.rules), .choices = rules_words, .doc = "which rules are drawn"},
    {"span", FIELD_INT, AT(t.span_columns), .min = 1, .max = 24,
     .doc = "module columns the table spans"},
    {0},
};
#undef AT
const field_table table_keys = {"a table", table_fields};

/* Rows, header rows and columns: the column count is the widest row, spans
 * included. */
static bool size_table(loader *ld, table_src *src)
{
    table *t = &src->t;
    yml_node *head = src->head;
    int head_count = 0;
    if (head && head->count > 0 && head->items[0]->kind == YML_SEQ) {
        src->head_rows = head->items;
        head_count = head->count;
    } else if (head) {
        src->one_row[0] = head;
        src->head_rows = src->one_row;
        head_count = 1;
    }
    t->header_rows = head_count;
    t->rows = head_count + src->rows->count;
    if (t->rows == 0)
        return diag_error(ld->d, src->rows->loc, "the table has no rows");
    int cols = 0;
    for (int r = 0; r < t->rows; r++) {
        yml_node *row = r < head_count ? src->head_rows[r] : src->rows->items[r - head_count];
        if (row->kind != YML_SEQ)
            return diag_error(ld->d, row->loc,
                              "a table row is a list of cells, like [中岳街道, 26266.2, 6.0%%]");
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
    if (cols == 0)
        return diag_error(ld->d, src->rows->loc, "the table has no cells");
    if (cols > 64)
        return diag_error(ld->d, src->rows->loc,
                          "the table has %d columns; a newspaper table has at most 64", cols);
    t->cols = cols;
    return true;
}

/* A list with an entry for each column. */
static bool per_column(loader *ld, const yml_node *list, const char *key, int cols)
{
    if (list->count == cols)
        return true;
    return diag_error(ld->d, list->loc, "\"%s\" lists %d columns but the table has %d", key,
                      list->count, cols);
}

static bool read_columns(loader *ld, table_src *src)
{
    table *t = &src->t;
    t->col_align = ARENA_NEW_ARRAY(ld->arena, cell_align, t->cols);
    t->col_width = ARENA_NEW_ARRAY(ld->arena, double, t->cols);
    if (src->align && !per_column(ld, src->align, "align", t->cols))
        return false;
    for (int i = 0; src->align && i < t->cols; i++) {
        int a;
        if (!yml_read_choice(src->align->items[i], ld->d, "align", align_words, &a))
            return false;
        t->col_align[i] = (cell_align)a;
    }
    if (src->widths && !per_column(ld, src->widths, "widths", t->cols))
        return false;
    for (int i = 0; src->widths && i < t->cols; i++) {
        yml_node *w = src->widths->items[i];
        if (!yml_expect_kind(w, ld->d, YML_SCALAR, "a column width"))
            return false;
        scaled len;
        char *end;
        double v;
        if (strcmp(w->str, "auto") == 0)
            t->col_width[i] = 0;
        else if ((v = strtod(w->str, &end)) > 0 && v <= 1000 && strcmp(end, "*") == 0)
            t->col_width[i] = -v;
        else if (yml_parse_length(w->str, ld->l->styles[t->style].size, &len) && len > 0 &&
                 len <= scaled_from_pt(7200))
            t->col_width[i] = pt_from_scaled(len);
        else
            return diag_error(ld->d, w->loc,
                              "a column width is \"auto\", a length such as 12em "
                              "or 30mm (up to 7200pt), or a share such as 2* (up to "
                              "1000*); not \"%s\"",
                              w->str);
    }
    return true;
}

static bool load_cells(loader *ld, table_src *src)
{
    table *t = &src->t;
    cell_vec cells = {0};
    char *occupied = xcalloc((size_t)t->rows * (size_t)t->cols, 1);
    bool ok = true;
    for (int r = 0; r < t->rows && ok; r++) {
        bool header = r < t->header_rows;
        yml_node *row = header ? src->head_rows[r] : src->rows->items[r - t->header_rows];
        ok = load_row(ld, t, row, r, header, &cells, occupied, t->cols);
    }
    free(occupied);
    t->cell_count = cells.n;
    t->cells = arena_memdup(ld->arena, cells.v, sizeof(table_cell) * (size_t)cells.n);
    VEC_FREE(cells);
    return ok;
}

table *table_load(loader *ld, yml_node *n)
{
    if (!yml_expect_kind(n, ld->d, YML_MAP, "a table"))
        return NULL;
    table_src src = {.t = {.loc = n->loc}};
    table *t = &src.t;
    t->head_style = style_named(ld, "table-head", n->loc);
    t->title_style = style_named(ld, "table-title", n->loc);
    t->note_style = style_named(ld, "table-note", n->loc);
    if (t->head_style < 0 || t->title_style < 0 || t->note_style < 0)
        return NULL;
    field_reader r = loader_fields(ld);
    if (!fields_read(&r, n, &table_keys, &src) || !size_table(ld, &src) ||
        !read_columns(ld, &src) || !load_cells(ld, &src))
        return NULL;
    return arena_memdup(ld->arena, t, sizeof *t);
}
