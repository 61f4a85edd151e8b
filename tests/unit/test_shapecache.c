/* test_shapecache.c — a paragraph set again from the shape cache comes out
 * as it did the first time; reports are made at each setting. */
#include "fixture.h"
#include "harness.h"
#include "tests.h"

#include "text/shapecache.h"

#include <stdio.h>

static bool same_result(const para_result *a, const para_result *b)
{
    if (a->line_count != b->line_count || a->glyph_count != b->glyph_count ||
        strcmp(a->text, b->text) != 0)
        return false;
    for (int i = 0; i < a->line_count; i++) {
        para_line x = a->lines[i], y = b->lines[i];
        if (memcmp(&x, &y, sizeof x) != 0)
            return false;
    }
    for (int i = 0; i < a->glyph_count; i++)
        if (memcmp(&a->glyphs[i], &b->glyphs[i], sizeof a->glyphs[i]) != 0)
            return false;
    return true;
}

void test_shape_cache_sets_again_alike(void)
{
    static const char text[] =
        "截至12月底，该镇公共财政预算收入完成17205万元，占年度目标的100.1%；税收完成16917万元，"
        "税占比98.3%。同时，小关镇再次蝉联全国文明镇、国家卫生镇。";
    para_result first = fixture_set("body", text, 12);
    para_result other = fixture_set("body", "别的段落，别的文字。", 12);
    para_result again = fixture_set("body", text, 12);
    CHECK(first.line_count > 1);
    CHECK(other.line_count == 1);
    CHECK(same_result(&first, &again));
    /* The same text at another measure is broken anew. */
    para_result wider = fixture_set("body", text, 16);
    CHECK(wider.line_count < first.line_count);
}

void test_shape_cache_reports_every_time(void)
{
    fixture *f = fixture_get();
    /* U+E000, private use: in no face.  The second report of the same
     * character is the same warning once more (diag.h), but it is made. */
    int before = diag_report_count(f->d);
    fixture_set("body", "私用区字符\xEE\x80\x80在此。", 12);
    int after_first = diag_report_count(f->d);
    fixture_set("body", "私用区字符\xEE\x80\x80在此。", 12);
    int after_second = diag_report_count(f->d);
    CHECK(after_first > before);
    CHECK_INT(after_second - after_first, after_first - before);
}

/* Paragraph `n` of the generations test: short, and each its own. */
static long get_numbered(shape_cache *c, segmenter *seg, shaper *sh, fixture *f, int body, int n)
{
    char text[64];
    snprintf(text, sizeof text, "第%d段，文字。", n);
    span s = {.text = text, .style = body};
    para_text t;
    shaped_para sp;
    CHECK(shape_cache_get(c, seg, sh, &s, 1, f->l, f->fonts, f->d, &t, &sp));
    return shape_cache_misses(c);
}

/* When the newer generation is full the older is emptied, not the whole
 * cache: a paragraph shaped a generation ago is still found; two
 * generations ago, it is shaped again. */
void test_shape_cache_keeps_the_last_generation(void)
{
    fixture *f = fixture_get();
    int body = layout_style(f->l, "body");
    shape_cache *c = shape_cache_new();
    segmenter *seg = segmenter_new();
    shaper *sh = shaper_new();
    long misses = get_numbered(c, seg, sh, f, body, 0);
    CHECK_INT(misses, 1);
    CHECK_INT(get_numbered(c, seg, sh, f, body, 0), 1); /* found */
    /* 2 048 entries fill a generation (half its 4 096 slots). */
    int n = 1;
    for (; n < 2048 + 10; n++)
        misses = get_numbered(c, seg, sh, f, body, n);
    CHECK_INT(misses, 2048 + 10);
    CHECK_INT(get_numbered(c, seg, sh, f, body, 0), misses); /* in the older: found */
    CHECK_INT(get_numbered(c, seg, sh, f, body, n - 1), misses); /* in the newer */
    for (; n < 2 * 2048 + 20; n++)
        misses = get_numbered(c, seg, sh, f, body, n);
    CHECK_INT(get_numbered(c, seg, sh, f, body, 0), misses + 1); /* emptied: shaped again */
    shaper_free(sh);
    segmenter_free(seg);
    shape_cache_free(c);
}
