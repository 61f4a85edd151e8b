/* test_fields.c — field tables: reading a mapping through one, and printing it.
 */
#include "harness.h"
#include "tests.h"

#include "base/arena.h"
#include "base/diag.h"
#include "fixture.h"
#include "input/fields.h"
#include "input/keys.h"

#include <stdlib.h>

typedef struct sample {
    const char *name;
    int count;
    bool on;
    int shape;
    bool wide;
    scaled width;
    scaled indent;
    double indent_em;
    double ink;
    yml_node *items;
    int seen;
} sample;

static bool count_items(field_reader *r, yml_node *v, void *dest)
{
    sample *s = dest;
    if (v)
        s->seen = v->count;
    return true;
}

static const char *const shapes[] = {"round", "square", NULL};
static const char *const widths[] = {"narrow", "wide", NULL};

#define AT(f) offsetof(sample, f)
static const field sample_fields[] = {
    {"name", FIELD_STRING, AT(name), .required = true, .max = 8, .doc = "what it is called"},
    {"count", FIELD_INT, AT(count), .min = 1, .max = 9, .doc = "how many"},
    {"on", FIELD_BOOL, AT(on), .doc = "whether it is on"},
    {"shape", FIELD_CHOICE, AT(shape), .choices = shapes, .doc = "its shape"},
    {"fit", FIELD_SWITCH, AT(wide), .choices = widths, .on = 1, .doc = "wide or not"},
    {"width", FIELD_LENGTH, AT(width), .what = "sample width", .lo = 1, .hi = 100,
     .doc = "its width"},
    {"indent", FIELD_EM_LENGTH, AT(indent), .ratio = AT(indent_em), .lo = 0, .hi = 4, .in_em = true,
     .doc = "its indent"},
    {"ink", FIELD_PERCENT, AT(ink), .min = 0, .max = 100, .doc = "its ink"},
    {"items", FIELD_LIST, AT(items), .min = 1, .max = 3, .doc = "kept for later"},
    {"more", FIELD_LIST, 0, .read = count_items, .type_doc = "list | of things",
     .doc = "counted at once"},
    {0},
};
#undef AT
static const field_table sample_keys = {"a sample", sample_fields};

/* The document is freed unless `keep` takes it (for the nodes a table keeps).
 */
static bool read_sample(const char *text, sample *s, diag *d, arena *a, yml_doc **keep)
{
    yml_doc *doc = yml_load_string("s.yaml", text, strlen(text), d);
    if (!doc)
        return false;
    scaled em = scaled_from_pt(10);
    field_reader r = {.d = d, .arena = a, .em = &em};
    bool ok = fields_read(&r, doc->root, &sample_keys, s);
    if (keep)
        *keep = doc;
    else
        yml_free(doc);
    return ok;
}

static const char *first_message(diag *d, int *line, int *col)
{
    int n;
    const diag_msg *m = diag_messages(d, &n);
    if (n == 0)
        return "";
    *line = m[0].loc.line;
    *col = m[0].loc.col;
    return m[0].text;
}

void test_fields_read_every_type(void)
{
    diag *d = diag_new();
    arena *a = arena_new();
    sample s = {.count = 3};
    yml_doc *doc = NULL;
    CHECK(read_sample("name: 甲\non: yes\nshape: square\nfit: wide\nwidth: 2em\nindent: 1.5em\n"
                      "ink: 60%\nitems: [a, b]\nmore: [x, y, z]\n",
                      &s, d, a, &doc));
    CHECK_STR(s.name, "甲");
    CHECK_INT(s.count, 3); /* absent: the default stays */
    CHECK(s.on);
    CHECK_INT(s.shape, 1);
    CHECK(s.wide);
    CHECK_INT(s.width, scaled_from_pt(20));
    CHECK_INT(s.indent, scaled_from_pt(15));
    CHECK(s.indent_em == 1.5);
    CHECK(s.ink == 0.6);
    CHECK(s.items && s.items->count == 2);
    CHECK_INT(s.seen, 3);
    CHECK_INT(diag_error_count(d), 0);
    yml_free(doc);
    /* Not given, a multiple of em already there follows the em. */
    sample t = {.name = "x", .indent_em = 2};
    CHECK(read_sample("name: 乙\n", &t, d, a, NULL));
    CHECK_INT(t.indent, scaled_from_pt(20));
    arena_free(a);
    diag_free(d);
}

void test_fields_report_as_the_loaders_did(void)
{
    static const struct {
        const char *text;
        int line, col;
        const char *message;
    } cases[] = {
        {"name: x\nshap: round\n", 2, 1,
         "unknown key \"shap\" in a sample; did you mean \"shape\"?"},
        {"name: x\nzzzzzz: 1\n", 2, 1, "unknown key \"zzzzzz\" in a sample; known keys: name, "
                                       "count, on, shape, fit, width, indent, ink, items, more"},
        {"count: 2\n", 1, 1, "a sample lacks the required key \"name\""},
        {"name: x\ncount: 10\n", 2, 8, "count must be between 1 and 9, not 10"},
        {"name: x\nshape: oval\n", 2, 8, "shape must be one of round, square, not \"oval\""},
        {"name: x\nwidth: -2pt\n", 2, 8,
         "sample width must be between 1pt and 100pt, not \"-2pt\""},
        {"name: x\nwidth: nanpt\n", 2, 8,
         "sample width must be a length such as 9pt, 3.5mm, 2em or 小五, not "
         "\"nanpt\""},
        {"name: x\nwidth: infpt\n", 2, 8,
         "sample width must be a length such as 9pt, 3.5mm, 2em or 小五, not "
         "\"infpt\""},
        {"name: x\nindent: 5em\n", 2, 9,
         "indent must be between 0em and 4em (0pt and 40pt at this size of "
         "10pt), not \"5em\""},
        {"name: x\nindent: -1pt\n", 2, 9,
         "indent must be between 0em and 4em (0pt and 40pt at this size of "
         "10pt), not \"-1pt\""},
        {"name: x\nink: nan%\n", 2, 6, "ink must be a percentage from 0% to 100%, not \"nan%\""},
        {"name: x\nink: inf%\n", 2, 6, "ink must be a percentage from 0% to 100%, not \"inf%\""},
        {"name: 一二三四五六七八九\n", 1, 7, "name is 9 characters long; it may have at most 8"},
        {"name: x\nitems: [1, 2, 3, 4]\n", 2, 8, "\"items\" lists 4 items; it may have 3 at most"},
        {"name: x\nink: 120%\n", 2, 6, "ink must be a percentage from 0% to 100%, not \"120%\""},
        {"name: x\nitems: 3\n", 2, 8, "\"items\" must be a list, not a single value"},
        {"name: [x]\n", 1, 7, "name must be a single value, not a list"},
    };
    for (size_t i = 0; i < countof(cases); i++) {
        diag *d = diag_new();
        arena *a = arena_new();
        sample s = {0};
        CHECK(!read_sample(cases[i].text, &s, d, a, NULL));
        int line = 0, col = 0;
        CHECK_STR(first_message(d, &line, &col), cases[i].message);
        CHECK_INT(line, cases[i].line);
        CHECK_INT(col, cases[i].col);
        arena_free(a);
        diag_free(d);
    }
}

void test_fields_go_on_past_a_bad_row(void)
{
    diag *d = diag_new();
    arena *a = arena_new();
    sample s = {0};
    CHECK(!read_sample("name: x\ncount: 0\nshape: oval\non: true\n", &s, d, a, NULL));
    CHECK_INT(diag_error_count(d), 2);
    CHECK(s.on);
    arena_free(a);
    diag_free(d);
}

void test_fields_markdown_key_table(void)
{
    char *md = fields_markdown(&sample_keys);
    CHECK_STR(md, "| key | type | range or choices | meaning |\n"
                  "|---|---|---|---|\n"
                  "| `name` | text | at most 8 characters | what it is called "
                  "(required) |\n"
                  "| `count` | whole number | 1 to 9 | how many |\n"
                  "| `on` | true or false |  | whether it is on |\n"
                  "| `shape` | choice | `round`, `square` | its shape |\n"
                  "| `fit` | choice | `narrow`, `wide` | wide or not |\n"
                  "| `width` | length | 1pt to 100pt | its width |\n"
                  "| `indent` | length | 0em to 4em; in em, follows the size | "
                  "its indent |\n"
                  "| `ink` | percentage | 0% to 100% | its ink |\n"
                  "| `items` | list | 1 to 3 items | kept for later |\n"
                  "| `more` | list \\| of things |  | counted at once |\n");
    free(md);
}

/* Every number any loader reads has its range in its row: a row that
 * reads a whole number, a percentage or a length (by its type, or by the
 * type its own reader documents) says from what to what. */
void test_fields_every_number_has_its_range(void)
{
    int numbers = 0;
    for (const key_table *k = key_tables; k->name; k++) {
        for (const field *f = k->table->fields; f->key; f++) {
            const char *doc = f->type_doc ? f->type_doc : "";
            bool whole = f->type == FIELD_INT || f->type == FIELD_PERCENT ||
                         (f->type == FIELD_CUSTOM && strstr(doc, "whole number"));
            bool length = f->type == FIELD_LENGTH || f->type == FIELD_EM_LENGTH ||
                          (f->type == FIELD_CUSTOM && strstr(doc, "length"));
            bool ranged = whole ? f->max > f->min || f->max_arg : f->hi > f->lo;
            if ((whole || length) && !ranged)
                fprintf(stderr, "  %s: %s has no range\n", k->name, f->key);
            CHECK(!(whole || length) || ranged);
            numbers += whole || length;
        }
    }
    CHECK(numbers >= 40);
}

/* Templates read against styles already parsed come out as they do with
 * styles.yaml read again, and a failure frees none of the borrowed
 * styles. */
void test_layout_templates_over_parsed_styles(void)
{
    fixture *fx = fixture_get();
    const char *const names[] = {"unit"};
    diag *d = diag_new();
    layout *fresh = layout_load_files(NULL, "tests/unit/layout", names, 1, fx->fonts, d);
    layout *shared = layout_load_templates(fresh, NULL, "tests/unit/layout", names, 1, fx->fonts, d);
    CHECK(fresh && shared);
    CHECK_INT(diag_error_count(d), 0);
    if (fresh && shared) {
        CHECK(shared->styles == fresh->styles);
        CHECK_INT(shared->style_count, fresh->style_count);
        CHECK_INT(layout_style(shared, "body"), layout_style(fresh, "body"));
        CHECK_INT(shared->template_count, 1);
        const template *a = &fresh->templates[0], *b = &shared->templates[0];
        CHECK_STR(b->name, "unit");
        CHECK_INT(b->body_style, a->body_style);
        CHECK_INT(b->columns, 2);
        CHECK_INT(b->columns, a->columns);
        CHECK_INT(b->lines, a->lines);
        CHECK_INT(b->col_w, a->col_w);
        CHECK_INT(b->pitch, a->pitch);
        CHECK_INT(b->baseline0, a->baseline0);
        CHECK_INT(b->page_w, a->page_w);
    }
    const char *const missing[] = {"no-such-template"};
    layout *none = layout_load_templates(fresh, NULL, "tests/unit/layout", missing, 1, fx->fonts, d);
    CHECK(none == NULL);
    CHECK(diag_error_count(d) > 0);
    if (fresh)
        CHECK_INT(layout_style(fresh, "body") >= 0, 1);
    layout_free(none);
    layout_free(shared);
    layout_free(fresh);
    diag_free(d);
}
