/* test_yml.c — the YAML layer: locations, unfolding, limits, typed reads. */
#include "harness.h"
#include "tests.h"

#include "base/diag.h"
#include "input/yml.h"

#include <stdlib.h>

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
