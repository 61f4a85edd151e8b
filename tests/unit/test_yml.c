/* test_yml.c — the YAML layer: locations, unfolding, limits, typed reads. */
#include "harness.h"
#include "tests.h"

#include "base/diag.h"
#include "input/yml.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static yml_doc *load(const char *text, diag *d)
{
    return yml_load_string("t.yaml", text, strlen(text), d);
}

void test_yml_unfold_plain_keeps_breaks(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("p: 甲乙丙\n  丁戊\n", d);
    CHECK(doc != NULL);
    yml_node *p = yml_lookup(doc->root, "p");
    CHECK_STR(p->str, "甲乙丙 丁戊");
    CHECK_STR(p->lines, "甲乙丙\n丁戊");
    yml_free(doc);
    diag_free(d);
}

void test_yml_unfold_list_item(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("lead:\n  - 习近平“基层。”2018年，巩义\n    市小关镇作为\n  - 第二\n", d);
    CHECK(doc != NULL);
    yml_node *lead = yml_lookup(doc->root, "lead");
    CHECK_INT(lead->count, 2);
    CHECK_STR(lead->items[0]->lines, "习近平“基层。”2018年，巩义\n市小关镇作为");
    yml_free(doc);
    diag_free(d);
}

void test_yml_unfold_folded_block(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("x: >-\n    郑州市人大\n    四季度\n", d);
    CHECK(doc != NULL);
    yml_node *x = yml_lookup(doc->root, "x");
    CHECK_STR(x->str, "郑州市人大 四季度");
    CHECK_STR(x->lines, "郑州市人大\n四季度");
    yml_free(doc);
    diag_free(d);
}

void test_yml_unfold_blank_line_is_double_break(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("p: 甲乙\n\n  丙丁\n", d);
    yml_node *p = yml_lookup(doc->root, "p");
    CHECK_STR(p->str, "甲乙\n丙丁");
    CHECK_STR(p->lines, "甲乙\n\n丙丁");
    yml_free(doc);
    diag_free(d);
}

void test_yml_duplicate_key_is_error_with_location(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("a: 1\nb: 2\na: 3\n", d);
    CHECK(doc == NULL);
    int n;
    const diag_msg *m = diag_messages(d, &n);
    CHECK_INT(n, 1);
    CHECK_INT(m[0].loc.line, 3);
    CHECK_INT(m[0].loc.col, 1);
    CHECK(strstr(m[0].text, "duplicate key \"a\"") != NULL);
    diag_free(d);
}

void test_yml_syntax_error_location(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("a: 1\n\tb: 2\n", d);
    CHECK(doc == NULL);
    int n;
    const diag_msg *m = diag_messages(d, &n);
    CHECK_INT(n, 1);
    CHECK_INT(m[0].loc.line, 2);
    CHECK(strstr(m[0].text, "YAML syntax") != NULL);
    diag_free(d);
}

void test_yml_invalid_utf8_reports_byte_offset(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("a: ok\nb: \xff\xfe\n", d);
    CHECK(doc == NULL);
    int n;
    const diag_msg *m = diag_messages(d, &n);
    CHECK_INT(n, 1);
    CHECK_INT(m[0].loc.line, 2);
    CHECK(strstr(m[0].text, "byte offset 9") != NULL);
    diag_free(d);
}

void test_yml_alias_bomb_is_bounded(void)
{
    /* Nine levels of ten aliases each would expand to 10^9 nodes. */
    char text[4096] = "a0: [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; i++) {
        char line[256];
        snprintf(line, sizeof line, "a%d: [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
                 i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(text, line);
    }
    /* Anchors are needed for the aliases: rewrite "aN: [" as "aN: &aN [". */
    char anchored[8192] = "";
    for (const char *p = text; *p;) {
        const char *colon = strstr(p, ": [");
        const char *eol = strchr(p, '\n');
        size_t key = (size_t)(colon - p);
        strncat(anchored, p, key);
        strcat(anchored, ": &");
        strncat(anchored, p, key);
        strncat(anchored, colon + 1, (size_t)(eol - colon));
        p = eol + 1;
    }
    diag *d = diag_new();
    yml_doc *doc = load(anchored, d);
    CHECK(doc == NULL);
    int n;
    const diag_msg *m = diag_messages(d, &n);
    CHECK(n >= 1 && strstr(m[0].text, "expand to more than") != NULL);
    diag_free(d);
}

void test_yml_unknown_key_suggests(void)
{
    diag *d = diag_new();
    yml_doc *doc = load("hedline: x\n", d);
    static const char *const allowed[] = {"headline", "kicker", NULL};
    CHECK(!yml_expect_keys(doc->root, d, "an article", allowed));
    int n;
    const diag_msg *m = diag_messages(d, &n);
    CHECK_INT(n, 1);
    CHECK(strstr(m[0].text, "did you mean \"headline\"") != NULL);
    yml_free(doc);
    diag_free(d);
}

void test_yml_lengths(void)
{
    scaled s;
    CHECK(yml_parse_length("9pt", 0, &s));
    CHECK_INT(s, 9 * 65536);
    CHECK(yml_parse_length("小五", 0, &s));
    CHECK_INT(s, 9 * 65536);
    CHECK(yml_parse_length("五号", 0, &s));
    CHECK_INT(s, scaled_from_pt(10.5));
    CHECK(yml_parse_length("2em", scaled_from_pt(9), &s));
    CHECK_INT(s, 18 * 65536);
    CHECK(yml_parse_length("25.4mm", 0, &s));
    CHECK_INT(s, 72 * 65536);
    CHECK(!yml_parse_length("2em", 0, &s));
    CHECK(!yml_parse_length("9 points", 0, &s));
}

/* CPU seconds of the process, to hold the parser to linear time. */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The first message of d, or "". */
static const diag_msg *first(diag *d)
{
    int n;
    const diag_msg *m = diag_messages(d, &n);
    static diag_msg none = {.text = ""};
    return n ? &m[0] : &none;
}

void test_yml_nesting_stops_at_the_event(void)
{
    /* 100 000 '[' took libyaml's document API 21 s before the depth was
     * checked; the 65th opening stops the reading. */
    size_t n = 100000;
    char *text = xmalloc(n + 16);
    memcpy(text, "a: ", 3);
    memset(text + 3, '[', n);
    text[n + 3] = 0;
    diag *d = diag_new();
    double t0 = cpu_seconds();
    CHECK(yml_load_string("t.yaml", text, n + 3, d) == NULL);
    CHECK(cpu_seconds() - t0 < 0.5);
    CHECK(strstr(first(d)->text, "nested more than 64 levels") != NULL);
    CHECK_INT(first(d)->loc.line, 1);
    CHECK_INT(first(d)->loc.col, 4 + 64);
    diag_free(d);
    free(text);
}

void test_yml_many_keys_in_linear_time(void)
{
    /* 60 000 keys, then one of them again: found, at its line, at once
     * (the pairwise check took 40 s). */
    int n = 60000;
    char *text = xmalloc((size_t)n * 16 + 32);
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "key%d: %d\n", i, i);
    len += (size_t)sprintf(text + len, "key123: again\n");
    diag *d = diag_new();
    double t0 = cpu_seconds();
    CHECK(yml_load_string("t.yaml", text, len, d) == NULL);
    CHECK(cpu_seconds() - t0 < 1.0);
    CHECK_STR(first(d)->text, "duplicate key \"key123\" (first given at line 124); remove one");
    CHECK_INT(first(d)->loc.line, n + 1);
    diag_free(d);
    free(text);
}

void test_yml_tags_refused(void)
{
    static const struct {
        const char *text;
        int line, col;
        const char *tag;
    } cases[] = {
        {"a: !!python/object/apply:os.system [ls]\n", 1, 4, "(!!python/object/apply:os.system)"},
        {"a: !!str 2018\n", 1, 4, "(!!str)"},
        {"a:\n  - !local {b: 1}\n", 2, 5, "(!local)"},
        {"!!map\na: 1\n", 1, 1, "(!!map)"},
        {"%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n", 3, 4, "(tag:example.com,2000:x)"},
    };
    for (size_t i = 0; i < countof(cases); i++) {
        diag *d = diag_new();
        CHECK(load(cases[i].text, d) == NULL);
        CHECK(strstr(first(d)->text, "a YAML tag ") != NULL);
        CHECK(strstr(first(d)->text, cases[i].tag) != NULL);
        CHECK_INT(first(d)->loc.line, cases[i].line);
        CHECK_INT(first(d)->loc.col, cases[i].col);
        diag_free(d);
    }
}

void test_yml_second_document_refused_whatever_it_holds(void)
{
    static const char *const texts[] = {"a: 1\n---\nb: [\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n---\n"};
    for (size_t i = 0; i < countof(texts); i++) {
        diag *d = diag_new();
        CHECK(load(texts[i], d) == NULL);
        CHECK(strstr(first(d)->text, "a second YAML document") != NULL);
        diag_free(d);
    }
    diag *d = diag_new();
    yml_doc *one = load("---\na: 1\n...\n", d);
    CHECK(one != NULL);
    yml_free(one);
    diag_free(d);
}

void test_yml_aliases_checked(void)
{
    static const struct {
        const char *text;
        const char *says;
    } cases[] = {
        {"a: *x\n", "the alias *x has no anchor before it"},
        {"a: &x [1, *x]\n", "this anchor is used inside itself"},
        {"a: &x {b: *x}\n", "this anchor is used inside itself"},
    };
    for (size_t i = 0; i < countof(cases); i++) {
        diag *d = diag_new();
        CHECK(load(cases[i].text, d) == NULL);
        CHECK(strstr(first(d)->text, cases[i].says) != NULL);
        diag_free(d);
    }
    diag *d = diag_new();
    yml_doc *doc = load("a: &x [1, 2]\nb: *x\nc: &x 3\nd: *x\n", d);
    CHECK(doc != NULL);
    CHECK(doc && strcmp(yml_lookup(doc->root, "d")->str, "3") == 0);
    yml_free(doc);
    diag_free(d);
}

void test_yml_hints_where_the_mistake_is(void)
{
    static const struct {
        const char *text;
        int line, col;
        const char *hint;
    } cases[] = {
        /* ": " in running text, on the first line of a wrapped item */
        {"body:\n  - 记者问: 这是什么？\n    第二行。\n", 2, 8, "\": \" in running text must be quoted"},
        /* … and further down */
        {"body:\n  - 第一行，\n    记者问: 这是什么？\n", 3, 8, "\": \" in running text must be quoted"},
        /* a tab */
        {"body:\n  - 第一段，\n\t继续。\n", 3, 1, "a tab: YAML indents with spaces only"},
        /* a line of a paragraph indented like its "- " (libyaml: the next line) */
        {"body:\n  - 第一段，\n  继续。\n  - 第二段。\n", 3, 3, "this line is read as a new key"},
        /* a paragraph that starts with " */
        {"body:\n  - \"两会\"开幕了，\n    代表们到达。\n", 2, 5, "a value that starts with a quotation mark"},
        /* … and never closes it (libyaml: the end of the file) */
        {"body:\n  - \"两会开幕了，\n  - 第二段。\n", 2, 5, "opens a quoted value that does not close"},
        /* a cell that starts with [ */
        {"rows:\n  - [[0-3]岁, 12]\n", 2, 6, "quote it, like '[0-3]岁'"},
    };
    for (size_t i = 0; i < countof(cases); i++) {
        diag *d = diag_new();
        CHECK(load(cases[i].text, d) == NULL);
        const diag_msg *m = first(d);
        if (!strstr(m->text, cases[i].hint))
            fprintf(stderr, "  case %zu: %s\n", i, m->text);
        CHECK(strstr(m->text, cases[i].hint) != NULL);
        CHECK_INT(m->loc.line, cases[i].line);
        CHECK_INT(m->loc.col, cases[i].col);
        diag_free(d);
    }
}

void test_yml_percent_written_plainly(void)
{
    double v;
    CHECK(yml_parse_percent("60%", true, &v) && v == 60);
    CHECK(yml_parse_percent("12.5%", true, &v) && v == 12.5);
    CHECK(yml_parse_percent("60", false, &v) && v == 60);
    CHECK(!yml_parse_percent("60", true, &v));
    static const char *const bad[] = {"",     "%",    " 50%", "50 %",   "+5%", "-0%",     "0x10%",
                                      "nan%", "inf%", "1e2%", "5.%",    ".5%", "1234567%", "5%%"};
    for (size_t i = 0; i < countof(bad); i++)
        CHECK(!yml_parse_percent(bad[i], false, &v));
}
