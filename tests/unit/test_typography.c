/* test_typography.c — the rules of ../../../shared/typography.md (as copied
 * in docs/), one or more tests each, named after the rule.  Each sets real
 * text with real fonts and checks the lines and glyph positions; each
 * fails if its rule is broken. */
#include "harness.h"
#include "tests.h"

#include "fixture.h"

/* LB-1: a stop may not start a line; with nothing to compress on line 1,
 * the last 文 moves down with the comma (typography.md's example). */
void test_LB_1_comma_never_starts_a_line(void)
{
    para_result r = fixture_set("flat", "文文文文文文，字字", 6);
    CHECK_INT(r.line_count, 2);
    CHECK_STR(line_text(&r, 0), "文文文文文");
    CHECK_STR(line_text(&r, 1), "文，字字");
    /* JU-4: line 1 is spread to the measure, 4 gaps of 0.25 em. */
    CHECK_NEAR(glyph_x(&r, 0, 4), 5.0, 0.01);
    CHECK_NEAR(glyph_x(&r, 0, 1), 1.25, 0.01);
}
