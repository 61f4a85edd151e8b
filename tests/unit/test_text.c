/* test_text.c — the rules of docs/typography.md for text beyond plain
 * prose: text out as it went in (TX), tracking in heads (PH-10).  Each
 * fails if its rule is broken. */
#include "harness.h"
#include "tests.h"

#include "fixture.h"

#include <string.h>

/* The paragraph's lines joined: what a reader copies out of them. */
static const char *all_lines(const para_result *r)
{
    static char buf[2048];
    buf[0] = 0;
    for (int i = 0; i < r->line_count; i++)
        strncat(buf, line_text(r, i), sizeof buf - strlen(buf) - 1);
    return buf;
}

/* Glyphs of the paragraph that show the text `c`. */
static int glyphs_showing(const para_result *r, const char *c)
{
    int n = 0;
    for (int i = 0; i < r->glyph_count; i++)
        if (r->glyphs[i].text_len == (int)strlen(c) &&
            memcmp(r->text + r->glyphs[i].text_start, c, strlen(c)) == 0)
            n++;
    return n;
}

/* TX-1: every space is a glyph where it stands, inside a line or at the
 * end of a line that breaks at it, so the lines joined give the text back
 * with its word spaces. */
void test_TX_1_spaces_are_glyphs(void)
{
    const char *src = "安装时运行 sudo apt install vim-tiny 即可，再用 ls -l 查看";
    para_result r = fixture_set("flat", src, 8);
    CHECK(r.line_count >= 3);
    CHECK_STR(all_lines(&r), src);
    CHECK_INT(glyphs_showing(&r, " "), 8);
    bool ends_at_space = false;
    for (int i = 0; i + 1 < r.line_count; i++) {
        const char *t = line_text(&r, i);
        ends_at_space |= t[0] && t[strlen(t) - 1] == ' ';
    }
    CHECK(ends_at_space);
}

/* x of the n-th glyph showing c on line 0, in em. */
static double x0_of(const para_result *r, const char *c, int n)
{
    int k = glyph_of(r, 0, c, n);
    CHECK(k >= 0);
    return k >= 0 ? glyph_x(r, 0, k) : -99;
}

/* PH-10: tracking spreads Han characters, not the digits of a number, and
 * adds nothing beside a mark's blank half. */
void test_PH_10_no_tracking_inside_numbers_or_beside_blanks(void)
{
    para_result plain = fixture_set("flat", "前11个月", 20);
    para_result tracked = fixture_set("flat-tracked", "前11个月", 20);
    double digits = x0_of(&plain, "个", 0) - x0_of(&plain, "1", 0);
    CHECK_NEAR(x0_of(&tracked, "1", 0), 1.1, 0.001);
    CHECK_NEAR(x0_of(&tracked, "个", 0) - x0_of(&tracked, "1", 0), digits + 0.1, 0.001);
    para_result q = fixture_set("flat-tracked", "市场“热”得早", 20);
    CHECK_NEAR(x0_of(&q, "“", 0) - x0_of(&q, "场", 0), 1.0, 0.001);
    CHECK_NEAR(x0_of(&q, "”", 0) - x0_of(&q, "热", 0), 1.1, 0.001);
    CHECK_NEAR(x0_of(&q, "得", 0) - x0_of(&q, "”", 0), 1.0, 0.001);
}
