/* test_typography.c — the rules of docs/typography.md, one or more tests
 * each, named after the rule.  Each sets real text with real fonts and
 * checks the lines and glyph positions; each fails if its rule is broken.
 * Measures and positions are in em of the style (10 pt in
 * tests/unit/layout/styles.yaml). */
#include "harness.h"
#include "tests.h"

#include "base/chars.h"
#include "fixture.h"
#include "base/utf8.h"
#include "input/yml.h"

#include <math.h>

/* ---- helpers ------------------------------------------------------------ */

/* Index in line i of the n-th glyph showing c; a failed check when there
 * is none (and 0, so that the caller's checks fail rather than crash). */
static int glyph_in(const para_result *r, int i, const char *c, int n)
{
    int k = i < r->line_count ? glyph_of(r, i, c, n) : -1;
    if (k < 0) {
        fprintf(stderr, "  %s: no \"%s\" #%d on line %d\n", harness_current, c, n, i);
        harness_failed_checks++;
        return 0;
    }
    return k;
}

static double x_of(const para_result *r, int i, const char *c, int n)
{
    return glyph_x(r, i, glyph_in(r, i, c, n));
}

static double adv_of(const para_result *r, int i, const char *c, int n)
{
    return glyph_adv(r, i, glyph_in(r, i, c, n));
}


/* Does line i begin (end) with the UTF-8 character c? */
static bool starts_with(const para_result *r, int i, const char *c)
{
    return strncmp(line_text(r, i), c, strlen(c)) == 0;
}

static bool ends_with(const para_result *r, int i, const char *c)
{
    const char *t = line_text(r, i);
    size_t n = strlen(t), m = strlen(c);
    return n >= m && strcmp(t + n - m, c) == 0;
}

/* The font's advance of glyph k of line i, in em: its width before any
 * rule of ours moved it. */
static double font_adv(const para_result *r, int i, int k)
{
    fixture *f = fixture_get();
    const placed_glyph *g = r->glyphs + r->lines[i].glyph_start + k;
    int upem = fontset_info(f->fonts, g->face)->upem;
    return (double)fontset_advance(f->fonts, g->face, g->gid) / upem;
}

/* Where line i ends (the last box), in em. */
static double used_em(const para_result *r, int i)
{
    return pt_from_scaled(r->lines[i].used) / pt_from_scaled(r->glyphs[0].size);
}

/* The ink box of a placed glyph, in em from its origin. */
static void ink_of(const para_result *r, int i, int k, double *x0, double *x1, double *y0,
                   double *y1)
{
    fixture *f = fixture_get();
    const placed_glyph *g = r->glyphs + r->lines[i].glyph_start + k;
    int ix0, ix1, iy0, iy1;
    fontset_extents(f->fonts, g->face, g->gid, &ix0, &ix1, &iy0, &iy1);
    double upem = fontset_info(f->fonts, g->face)->upem;
    *x0 = ix0 / upem;
    *x1 = ix1 / upem;
    *y0 = iy0 / upem;
    *y1 = iy1 / upem;
}

/* ---- A. line breaking ----------------------------------------------------- */

/* LB-0: the rule set is a style setting, "gb" by default, and each level
 * adds its prohibitions: ／ may neither end nor start a line from "gb" on,
 * and "none" lets even a comma start one. */
void test_LB_0_rule_sets_none_basic_gb_strict(void)
{
    fixture *f = fixture_get();
    CHECK_INT(f->l->styles[layout_style(f->l, "flat")].kinsoku, KINSOKU_GB);

    para_result gb = fixture_set("flat", "文文文文文／字字", 6);
    CHECK_STR(line_text(&gb, 0), "文文文文");
    CHECK_STR(line_text(&gb, 1), "文／字字");
    para_result strict = fixture_set("flat-strict", "文文文文文／字字", 6);
    CHECK_STR(line_text(&strict, 0), "文文文文");
    para_result basic = fixture_set("flat-basic", "文文文文文／字字", 6);
    CHECK_STR(line_text(&basic, 0), "文文文文文／");
    CHECK_STR(line_text(&basic, 1), "字字");

    para_result none = fixture_set("flat-none", "文文文文文文，字字", 6);
    CHECK_STR(line_text(&none, 0), "文文文文文文");
    CHECK_STR(line_text(&none, 1), "，字字");
    para_result basic_comma = fixture_set("flat-basic", "文文文文文文，字字", 6);
    CHECK_STR(line_text(&basic_comma, 1), "文，字字");
}

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

/* LB-1, the generic test: for every mark of the table, `文文文文文文X字字`
 * in 6 em never puts X at the start of line 2, and loses nothing. */
void test_LB_1_no_mark_of_the_table_starts_a_line(void)
{
    static const char *const marks[] = {
        "。", "，", "、", "；", "：", "？", "！", "．", "‼", "⁇", "⁈", "⁉",          /* stops */
        "”", "’", "）", "〕", "】", "》", "〉", "」", "』", "〗", "］", "｝", /* closing */
        "–", "—", "～", "-",                                                   /* connectors */
        "·", "‧", "・",                                                        /* interpuncts */
        "/", "／",                                                             /* separators */
    };
    for (size_t i = 0; i < countof(marks); i++) {
        char text[64];
        snprintf(text, sizeof text, "文文文文文文%s字字", marks[i]);
        para_result r = fixture_set("flat", text, 6);
        CHECK(r.line_count >= 2);
        for (int k = 1; k < r.line_count; k++)
            if (starts_with(&r, k, marks[i])) {
                fprintf(stderr, "  %s: line %d starts with %s\n", harness_current, k, marks[i]);
                harness_failed_checks++;
            }
        CHECK_STR(lines_joined(&r), text);
    }
}

/* LB-2: an opening mark would fit as the 6th character but may not end
 * the line (typography.md's example). */
void test_LB_2_opening_quote_never_ends_a_line(void)
{
    para_result r = fixture_set("flat", "文文文文文“字字”", 6);
    CHECK_INT(r.line_count, 2);
    CHECK_STR(line_text(&r, 0), "文文文文文");
    CHECK_STR(line_text(&r, 1), "“字字”");
}

/* LB-2, the generic test: no opening mark and no solidus ends a line. */
void test_LB_2_no_opening_mark_ends_a_line(void)
{
    static const char *const marks[] = {"“", "‘", "（", "〔", "【", "《", "〈",
                                        "「", "『", "〖", "［", "｛", "/", "／"};
    for (size_t i = 0; i < countof(marks); i++) {
        char text[64];
        snprintf(text, sizeof text, "文文文文文%s字字", marks[i]);
        para_result r = fixture_set("flat", text, 6);
        CHECK(r.line_count >= 2);
        for (int k = 0; k + 1 < r.line_count; k++)
            if (ends_with(&r, k, marks[i])) {
                fprintf(stderr, "  %s: line %d ends with %s\n", harness_current, k, marks[i]);
                harness_failed_checks++;
            }
        CHECK_STR(lines_joined(&r), text);
    }
}

/* LB-3: —— is one unit: it may start a line in the gb and basic sets, not
 * in strict; it is never split, whatever the set and whether or not the
 * face joins the two dashes into one glyph (Noto does, KaitiM GB does not). */
void test_LB_3_dash_never_split(void)
{
    para_result gb = fixture_set("flat", "文文文文文——文文", 6);
    CHECK_STR(line_text(&gb, 0), "文文文文文");
    CHECK_STR(line_text(&gb, 1), "——文文");
    para_result basic = fixture_set("flat-basic", "文文文文文——文文", 6);
    CHECK_STR(line_text(&basic, 1), "——文文");
    para_result strict = fixture_set("flat-strict", "文文文文文——文文", 6);
    CHECK_STR(line_text(&strict, 0), "文文文文");
    CHECK_STR(line_text(&strict, 1), "文——文文");
    static const char *const styles[] = {"flat", "flat-basic", "flat-strict", "flat-none",
                                         "flat-kai", "flat-tracked"};
    for (size_t s = 0; s < countof(styles); s++)
        for (double w = 3; w <= 8; w += 0.5) {
            para_result r = fixture_set(styles[s], "文文文文文——文文文文——文", w);
            for (int k = 0; k + 1 < r.line_count; k++)
                if (ends_with(&r, k, "—") && starts_with(&r, k + 1, "—")) {
                    fprintf(stderr, "  %s: %s at %.1f em splits —— after line %d\n",
                            harness_current, styles[s], w, k);
                    harness_failed_checks++;
                }
            CHECK_STR(lines_joined(&r), "文文文文文——文文文文——文");
        }
}

/* LB-3: …… is one unit too (two glyphs in every face). */
void test_LB_3_ellipsis_never_split(void)
{
    static const char *const styles[] = {"flat", "flat-basic", "flat-none", "flat-kai"};
    for (size_t s = 0; s < countof(styles); s++)
        for (double w = 3; w <= 8; w += 0.5) {
            para_result r = fixture_set(styles[s], "文文文文文……文文文文……文", w);
            for (int k = 0; k + 1 < r.line_count; k++) {
                if (ends_with(&r, k, "…") && starts_with(&r, k + 1, "…")) {
                    fprintf(stderr, "  %s: %s at %.1f em splits …… after line %d\n",
                            harness_current, styles[s], w, k);
                    harness_failed_checks++;
                }
            }
            CHECK_STR(lines_joined(&r), "文文文文文……文文文文……文");
        }
}

/* LB-4: a number stays whole with its sign, its separators and its
 * percent (typography.md's example, then every measure for a harder text).
 * Only where the number with what clings to it is wider than the measure
 * may it be split, and that line is flagged as breaking a rule. */
void test_LB_4_numbers_stay_whole(void)
{
    para_result r = fixture_set("flat", "文文文文11.6%的", 6);
    CHECK_STR(line_text(&r, 0), "文文文文");
    CHECK_STR(line_text(&r, 1), "11.6%的");

    /* A word too wide for any line forces breaks inside it, and only
     * there: the number keeps its rule. */
    para_result word = fixture_set("flat", "文文文文12345678文文文Pneumonoultramicroscopic", 6);
    for (int k = 0; k + 1 < word.line_count; k++) {
        const char *a = line_text(&word, k), *b = line_text(&word, k + 1);
        CHECK(!(a[strlen(a) - 1] >= '0' && a[strlen(a) - 1] <= '9' && b[0] >= '0' && b[0] <= '9'));
    }

    const char *text = "文文￥1,234.5和12.5%及±3℃与-40%的文字";
    for (double w = 3; w <= 12; w += 0.5) {
        para_result v = fixture_set("flat", text, w);
        CHECK_STR(lines_joined(&v), text);
        for (int k = 0; k + 1 < v.line_count; k++) {
            const char *a = line_text(&v, k), *b = line_text(&v, k + 1);
            char last = a[strlen(a) - 1];
            bool a_num = (last >= '0' && last <= '9') || last == '.' || last == ',' ||
                         ends_with(&v, k, "￥") || ends_with(&v, k, "±") || last == '-';
            bool b_num = (b[0] >= '0' && b[0] <= '9') || b[0] == '.' || b[0] == ',' ||
                         b[0] == '%' || starts_with(&v, k + 1, "℃");
            if (a_num && b_num && (w >= 5 || !(v.lines[k].flags & LINE_EMERGENCY))) {
                fprintf(stderr, "  %s: at %.1f em a number is split: \"%s\" | \"%s\"\n",
                        harness_current, w, a, b);
                harness_failed_checks++;
            }
        }
    }
}

/* Set text as body in 13 em (the sample's column): its first line must
 * be `first`, and no line may be loose. */
static para_result set_body_13(const char *text, const char *first)
{
    para_result r = fixture_set("body", text, 13);
    CHECK_STR(line_text(&r, 0), first);
    for (int i = 0; i < r.line_count; i++)
        CHECK(!(r.lines[i].flags & LINE_LOOSE));
    return r;
}

/* LB-4 (issue 3): a number keeps a following unit or measure word unless
 * the line would otherwise be loose.  "元旦登高是我市延续了" spreads by
 * 0.11 em a gap — more than the first pass allows, yet not loose — so 11
 * goes down with 年; "肉蛋价格总体平稳。" would spread by 0.3 em and
 * "本报讯（记者 韩雪松）" by 0.14 em (the space is a gap like the others),
 * so there 27 and 12 may end the line.  One loose line is better than two
 * numbers split (a dateline whose 12|月 would force 11|月 next). */
void test_LB_4_number_keeps_its_unit_unless_the_line_would_be_loose(void)
{
    para_result r = set_body_13("元旦登高是我市延续了11年的群众体育品牌活动。据统计，今年全市共举办各"
                                "类全民健身赛事活动320多场。",
                                "元旦登高是我市延续了");
    CHECK_STR(line_text(&r, 1), "11年的群众体育品牌活动。据");
    set_body_13("肉蛋价格总体平稳。27日，市区猪肉（精瘦肉）平均零售价格为每公斤26.4元，"
                "比上周下降0.8%。",
                "肉蛋价格总体平稳。27");
    set_body_13("本报讯（记者 韩雪松）12月29日起，由市汽车北站开往颍源县汽车站的城乡公交"
                "K18路正式开通运营。",
                "本报讯（记者 韩雪松）12");

    para_result d = fixture_set("body",
                                "本报讯（记者 孟凡宇）12月26日，市统计局发布1—11月全市经济运行数据。今年"
                                "以来，全市主要经济指标保持在合理区间。",
                                13);
    int faults = 0;
    for (int i = 0; i < d.line_count; i++) {
        const char *a = line_text(&d, i);
        char last = a[strlen(a) - 1];
        faults += i + 1 < d.line_count && last >= '0' && last <= '9' && starts_with(&d, i + 1, "月");
        faults += (d.lines[i].flags & LINE_LOOSE) != 0;
    }
    CHECK_INT(faults, 1);
}

/* LB-5: a Latin word moves down whole. */
void test_LB_5_latin_word_not_broken(void)
{
    para_result r = fixture_set("flat", "文文文文文newspaper", 6);
    CHECK_INT(r.line_count, 2);
    CHECK_STR(line_text(&r, 0), "文文文文文");
    CHECK_STR(line_text(&r, 1), "newspaper");
}

/* LB-6: “ ” between Chinese characters are opening and closing marks, so
 * a line may break before “ (the WPT test) and never before ”. */
void test_LB_6_quotes_are_opening_and_closing(void)
{
    para_result r = fixture_set("flat", "中“中", 2);
    CHECK_INT(r.line_count, 2);
    CHECK_STR(line_text(&r, 0), "中");
    CHECK_STR(line_text(&r, 1), "“中");
    para_result c = fixture_set("flat", "文文文文文文”字字", 6);
    CHECK(!starts_with(&c, 1, "”"));
    CHECK_STR(line_text(&c, 1), "文”字字");
}


/* LB-7: a source line feed between Chinese characters vanishes; next to
 * a Latin word it is a space.  It vanishes too beside a digit that stands
 * next to a Chinese character: a number is set against the text around
 * it with no space (MX-2), so a source wrapped inside 10|月 or 30|元 joins
 * up; between a digit and a Latin letter the line feed stays a space. */
void test_LB_7_line_feeds_between_chinese_vanish(void)
{
    check_body_text("headline: 换行\n"
                    "body:\n"
                    "  - 他说\n"
                    "    今天文字\n"
                    "    ABC和\n"
                    "    文字。\n",
                    "他说今天文字 ABC和文字。");
    check_body_text("headline: 数字\n"
                    "body:\n"
                    "  - 按照10\n"
                    "    月1日起，个税降到30\n"
                    "    元，型号A\n"
                    "    100。\n",
                    "按照10月1日起，个税降到30元，型号A 100。");
}

/* LB-8: the comma and the line-end full stop are compressed so that the
 * line takes the 。 instead of pushing 文 down (推入优先), with either
 * breaker. */
void test_LB_8_compress_before_pushing_out(void)
{
    static const char *const styles[] = {"flat", "flat-first-fit"};
    for (size_t s = 0; s < countof(styles); s++) {
        para_result r = fixture_set(styles[s], "文，文文文文。字字", 6);
        CHECK_INT(r.line_count, 2);
        CHECK_STR(line_text(&r, 0), "文，文文文文。");
        CHECK_STR(line_text(&r, 1), "字字");
        CHECK_NEAR(adv_of(&r, 0, "，", 0), 0.5, 0.01);
        CHECK_NEAR(adv_of(&r, 0, "。", 0), 0.5, 0.01);
        CHECK_NEAR(used_em(&r, 0), 6.0, 0.01);
    }
}

/* LB-9: a bold run changes neither the breaks nor the positions, nor the
 * compression of the marks on both sides of its edge (ctex-kit#287). */
void test_LB_9_markup_changes_nothing(void)
{
    para_result plain = fixture_set("flat", "文文文文文文，字字", 6);
    para_result bold =
        fixture_set_spans(6, "flat", "文文文文文", "flat-bold", "文", "flat", "，字字", NULL);
    CHECK_INT(bold.line_count, plain.line_count);
    for (int i = 0; i < plain.line_count && i < bold.line_count; i++) {
        CHECK_STR(line_text(&bold, i), line_text(&plain, i));
        CHECK_INT(bold.lines[i].glyph_count, plain.lines[i].glyph_count);
        for (int k = 0; k < plain.lines[i].glyph_count && k < bold.lines[i].glyph_count; k++)
            CHECK_NEAR(glyph_x(&bold, i, k), glyph_x(&plain, i, k), 0.001);
    }

    para_result p2 = fixture_set("flat", "文（文字）。文", 20);
    para_result b2 = fixture_set_spans(20, "flat", "文", "flat-bold", "（文字）", "flat", "。文", NULL);
    CHECK_INT(b2.lines[0].glyph_count, p2.lines[0].glyph_count);
    for (int k = 0; k < p2.lines[0].glyph_count && k < b2.lines[0].glyph_count; k++)
        CHECK_NEAR(glyph_x(&b2, 0, k), glyph_x(&p2, 0, k), 0.001);
    CHECK_NEAR(adv_of(&b2, 0, "）", 0) + adv_of(&b2, 0, "。", 0), 1.5, 0.01);
}

/* LB-11: a headline that may break by phrase breaks between the words of
 * 乡村|振兴, not inside 振兴 as filling the line would; explicit line
 * breaks are kept. */
void test_LB_11_headline_breaks_between_words(void)
{
    para_result plain = fixture_set("head", "全面推进乡村振兴战略实施", 7);
    CHECK_STR(line_text(&plain, 0), "全面推进乡村振");
    para_result r = fixture_set("head-phrase", "全面推进乡村振兴战略实施", 7);
    CHECK_INT(r.line_count, 2);
    CHECK_STR(line_text(&r, 0), "全面推进乡村");
    CHECK_STR(line_text(&r, 1), "振兴战略实施");
    /* When no word boundary is near, the head still breaks inside a word
     * rather than leave a line mostly empty. */
    para_result tight = fixture_set("head-phrase", "强基固本聚力跨越发展", 4);
    CHECK(tight.line_count >= 3);
    CHECK_STR(lines_joined(&tight), "强基固本聚力跨越发展");

    para_result kept = fixture_set("head-phrase", "全面推进\n乡村振兴", 20);
    CHECK_INT(kept.line_count, 2);
    CHECK_STR(line_text(&kept, 0), "全面推进");
    CHECK_STR(line_text(&kept, 1), "乡村振兴");
}

/* LB-11: where the writer parted a head's phrases with an ideographic
 * space, the head breaks there, though filling the first line would take
 * the next word up too; a space that does not help is left alone. */
void test_LB_11_head_breaks_at_the_writers_space(void)
{
    para_result r = fixture_set("head-phrase", "市级储备蔬菜1500吨\u3000节前供应有保障", 15);
    CHECK_INT(r.line_count, 2);
    CHECK_STR(line_text(&r, 0), "市级储备蔬菜1500吨\u3000");
    CHECK_STR(line_text(&r, 1), "节前供应有保障");
    para_result w = fixture_set("head-phrase", "新增冷链库容3万吨\u3000日均分拣快递60万件", 14.5);
    CHECK_INT(w.line_count, 2);
    CHECK_STR(line_text(&w, 0), "新增冷链库容3万吨　"); /* the space shown, at line end */
    CHECK_STR(line_text(&w, 1), "日均分拣快递60万件");

    para_result one = fixture_set("head-phrase", "冬灌正忙\u3000麦田喝饱水", 12);
    CHECK_INT(one.line_count, 1);
}

/* LB-11 span by span: text in a style with phrase breaks, run in after
 * justified text in a plain style (a byline after a lead), breaks between
 * its words; the text before it still breaks anywhere. */
void test_LB_11_phrase_breaks_per_span(void)
{
    para_result plain = fixture_set_spans(7, "flat", "文字。", "flat", "全面推进乡村振兴战略实施",
                                          NULL);
    para_result r = fixture_set_spans(7, "flat", "文字。", "flat-phrase", "全面推进乡村振兴战略实施",
                                      NULL);
    CHECK_STR(line_text(&plain, 0), "文字。全面推"); /* plain: inside 推进 */
    CHECK_STR(line_text(&r, 0), "文字。全面推进");
    CHECK_STR(line_text(&r, 1), "乡村振兴战略");
    CHECK_STR(lines_joined(&r), "文字。全面推进乡村振兴战略实施");
}

/* LB-11 for a byline: its names are no dictionary's words, the writer's
 * spaces part them; a run-in byline breaks at a space, never inside
 * 韩雪松 or 通讯员, even at the price of a looser line. */
void test_LB_11_byline_breaks_between_names(void)
{
    para_result r = fixture_set_spans(13, "flat", "群众的冷暖，桩桩落在百姓的身边。", "flat-byline",
                                      "本报记者 韩雪松 通讯员 周一帆", NULL);
    CHECK(r.line_count >= 2);
    static const char *const names[] = {"本报记者", "韩雪松", "通讯员", "周一帆"};
    const char *all = lines_joined(&r);
    for (size_t k = 0; k < countof(names); k++)
        CHECK(strstr(all, names[k]) != NULL);
    for (int i = 0; i + 1 < r.line_count; i++) {
        const char *a = line_text(&r, i), *b = line_text(&r, i + 1);
        for (size_t k = 0; k < countof(names); k++) {
            /* A name split over the two lines: its head ends this one. */
            size_t len = strlen(names[k]), la = strlen(a);
            for (size_t cut = 3; cut < len; cut += 3) {
                bool split = la >= cut && strncmp(a + la - cut, names[k], cut) == 0 &&
                             strncmp(b, names[k] + cut, len - cut) == 0;
                if (split)
                    fprintf(stderr, "  %s split: \"%s\" / \"%s\"\n", names[k], a, b);
                CHECK(!split);
            }
        }
    }
}

/* Does line i of r end with `tail` / begin with `head`? */
static bool line_ends_with(const para_result *r, int i, const char *tail)
{
    const char *a = line_text(r, i);
    size_t la = strlen(a), lt = strlen(tail);
    return la >= lt && strcmp(a + la - lt, tail) == 0;
}

/* CB-4: a byline's role goes with the name after it, a credit (文/图) with
 * the name before it: 本报记者 程雨萌 / 通讯员 何晓峰, never 通讯员 / 何晓峰,
 * run in after a lead (A1's, which can give the line) or standing alone. */
void test_CB_4_byline_role_stays_with_its_name(void)
{
    para_result runs[5] = {
        fixture_set_spans(13, "flat",
                          "12月27日，记者从市发展改革委获悉，年初市政府向社会公开承诺的十件重点"
                          "民生实事已全部按期完成，累计完成投资38.6亿元，其中农村公路建设、新增"
                          "学位、农村饮水安全等6项指标超额完成年度目标。修路、办学、供暖、送"
                          "水……这十件实事，件件连着群众的冷暖，桩桩落在百姓的身边。",
                          "flat-byline", "本报记者 韩雪松 通讯员 周一帆", NULL),
        fixture_set("byline-alone", "本报记者 程雨萌 通讯员 何晓峰", 13),
        fixture_set("byline-alone", "本报记者 程雨萌 李晓霞 文/图", 12),
        fixture_set("byline-alone", "本报记者  程雨萌  通讯员  何晓峰", 13),
        fixture_set("byline-alone", "本报记者　程雨萌　通讯员　何晓峰", 13),
    };
    for (size_t k = 0; k < countof(runs); k++) {
        const para_result *r = &runs[k];
        CHECK(r->line_count >= 2);
        for (int i = 0; i + 1 < r->line_count; i++) {
            bool role_left = line_ends_with(r, i, "记者") || line_ends_with(r, i, "通讯员");
            bool credit_alone = strncmp(line_text(r, i + 1), "文/图", strlen("文/图")) == 0;
            if (role_left || credit_alone)
                fprintf(stderr, "  \"%s\" / \"%s\"\n", line_text(r, i), line_text(r, i + 1));
            CHECK(!role_left && !credit_alone);
        }
    }
}

/* ---- B. punctuation -------------------------------------------------------- */

/* PU-1: shaping as zh-Hans selects the mainland 。 whose ink sits in the
 * lower left of the em box. */
void test_PU_1_mainland_full_stop_sits_lower_left(void)
{
    para_result r = fixture_set("flat", "文。", 10);
    double x0, x1, y0, y1;
    ink_of(&r, 0, glyph_in(&r, 0, "。", 0), &x0, &x1, &y0, &y1);
    CHECK((x0 + x1) / 2 < 0.5);
    CHECK((y0 + y1) / 2 < 0.25);
}

/* PU-1 in every face that sets Chinese text here, the 楷体 of leads and
 * pull-quotes too: ，。、；：？！ have their ink in the left part of the em
 * (a face that centres them, Taiwan style like AR PL UKai, fails). */
void test_PU_1_stops_sit_left_in_every_text_face(void)
{
    static const char *const styles[] = {"flat", "flat-bold", "head", "flat-kai"};
    static const char *const stops[] = {"，", "。", "、", "；", "：", "？", "！"};
    for (size_t s = 0; s < countof(styles); s++) {
        para_result r = fixture_set(styles[s], "文，文。文、文；文：文？文！", 30);
        for (size_t k = 0; k < countof(stops); k++) {
            double x0, x1, y0, y1;
            ink_of(&r, 0, glyph_in(&r, 0, stops[k], 0), &x0, &x1, &y0, &y1);
            if ((x0 + x1) / 2 >= 0.42)
                fprintf(stderr, "  %s: %s ink centre at %.3f em\n", styles[s], stops[k],
                        (x0 + x1) / 2);
            CHECK((x0 + x1) / 2 < 0.42);
        }
    }
}

/* PU-2: nominal widths — stops 1 em, —— and …… 2 em, 一字线 and ～ 1 em,
 * the interpunct half an em with its ink centred in it. */
void test_PU_2_nominal_widths(void)
{
    para_result r = fixture_set("flat", "文，文——文……文—文～文", 30);
    CHECK_NEAR(adv_of(&r, 0, "，", 0), 1.0, 0.01);
    CHECK_NEAR(x_of(&r, 0, "文", 2) - x_of(&r, 0, "文", 1), 3.0, 0.01);
    CHECK_NEAR(x_of(&r, 0, "文", 3) - x_of(&r, 0, "文", 2), 3.0, 0.01);
    CHECK_NEAR(adv_of(&r, 0, "—", 0), 1.0, 0.01);
    CHECK_NEAR(adv_of(&r, 0, "～", 0), 1.0, 0.01);

    para_result n = fixture_set("flat", "克里斯蒂娜·罗塞蒂", 30);
    int k = glyph_in(&n, 0, "·", 0);
    double dot = x_of(&n, 0, "罗", 0) - x_of(&n, 0, "娜", 0) - 1.0;
    CHECK_NEAR(dot, 0.5, 0.01);
    double x0, x1, y0, y1;
    ink_of(&n, 0, k, &x0, &x1, &y0, &y1);
    double dot_start = x_of(&n, 0, "娜", 0) + 1.0;
    CHECK_NEAR(glyph_x(&n, 0, k) + (x0 + x1) / 2 - dot_start, 0.25, 0.02);

    /* 分隔号 and 短横线 between Chinese characters: half an em; in Latin
     * text they keep the Latin face's width. */
    para_result zh = fixture_set("flat", "文/图，甲–乙", 30);
    CHECK_NEAR(x_of(&zh, 0, "图", 0) - x_of(&zh, 0, "文", 0), 1.5, 0.01);
    CHECK_NEAR(x_of(&zh, 0, "乙", 0) - x_of(&zh, 0, "甲", 0), 1.5, 0.01);
    para_result en = fixture_set("flat", "3/4", 30);
    CHECK_NEAR(x_of(&en, 0, "/", 0) - x_of(&en, 0, "3", 0),
               font_adv(&en, 0, glyph_in(&en, 0, "3", 0)), 0.001);
    CHECK_NEAR(x_of(&en, 0, "4", 0) - x_of(&en, 0, "/", 0),
               font_adv(&en, 0, glyph_in(&en, 0, "/", 0)), 0.001);
}

/* PU-3: a full stop at line end takes half an em; the half it gives up is
 * spread over the line (typography.md's positions).  With line-end
 * allow-end it keeps its width when it fits. */
void test_PU_3_line_end_stop_takes_half_em(void)
{
    para_result r = fixture_set("flat", "文文文文文。文文", 6);
    CHECK_STR(line_text(&r, 0), "文文文文文。");
    for (int k = 0; k < 6; k++)
        CHECK_NEAR(glyph_x(&r, 0, k), 1.1 * k, 0.01);
    CHECK_NEAR(adv_of(&r, 0, "。", 0), 0.5, 0.01);
    CHECK_NEAR(used_em(&r, 0), 6.0, 0.01);

    para_result a = fixture_set("flat-allow-end", "文文文文文。文文", 6);
    CHECK_STR(line_text(&a, 0), "文文文文文。");
    for (int k = 0; k < 6; k++)
        CHECK_NEAR(glyph_x(&a, 0, k), k, 0.01);
}

/* PU-3: so do ？ and ！, which are full-width marks too. */
void test_PU_3_line_end_question_mark_takes_half_em(void)
{
    para_result r = fixture_set("flat", "文文文文文？文文", 6);
    CHECK_STR(line_text(&r, 0), "文文文文文？");
    CHECK_NEAR(adv_of(&r, 0, "？", 0), 0.5, 0.01);
    CHECK_NEAR(glyph_x(&r, 0, 5), 5.5, 0.01);
    para_result e = fixture_set("flat", "文文文文文文！文文", 6.5);
    CHECK_STR(line_text(&e, 0), "文文文文文文！");
    CHECK_NEAR(used_em(&e, 0), 6.5, 0.01);
}

/* PU-3 for the interpunct: at line end it drops the blank after its glyph
 * (JLREQ: the quarter after a middle dot may go at line end), so the
 * glyph's own advance ends at the measure; inside the line it keeps its
 * half em. */
void test_PU_3_line_end_interpunct_ends_at_its_glyph(void)
{
    para_result r = fixture_set("flat", "文文文文·文文文·文", 4.5);
    CHECK_STR(line_text(&r, 0), "文文文文·");
    int k = glyph_in(&r, 0, "·", 0);
    CHECK_NEAR(glyph_x(&r, 0, k) + font_adv(&r, 0, k), 4.5, 0.01);
    CHECK_NEAR(used_em(&r, 0), 4.5, 0.01);
    para_result m = fixture_set("flat", "文文·文文", 10);
    CHECK_NEAR(x_of(&m, 0, "文", 2) - x_of(&m, 0, "文", 1), 1.5, 0.01);
}

/* PU-4: two adjacent marks take 1.5 em (typography.md's examples). */
void test_PU_4_adjacent_pair_takes_1_5_em(void)
{
    para_result r = fixture_set("flat", "他说：“好。”对", 20);
    CHECK_NEAR(adv_of(&r, 0, "：", 0) + adv_of(&r, 0, "“", 0), 1.5, 0.01);
    CHECK_NEAR(adv_of(&r, 0, "。", 0) + adv_of(&r, 0, "”", 0), 1.5, 0.01);
    CHECK_NEAR(used_em(&r, 0), 7.0, 0.01);

    static const char *const pairs[][2] = {{"）", "。"}, {"》", "，"}, {"”", "“"},
                                           {"（", "“"}, {"“", "《"}, {"？", "”"}};
    for (size_t i = 0; i < countof(pairs); i++) {
        char text[64];
        snprintf(text, sizeof text, "文%s%s文", pairs[i][0], pairs[i][1]);
        para_result p = fixture_set("flat", text, 20);
        CHECK_NEAR(x_of(&p, 0, "文", 1) - x_of(&p, 0, "文", 0), 2.5, 0.01);
    }
}

/* PU-4 by clreq's own rule (#h-adjustment_of_adjacent_punctuation_marks):
 * a bracket beside any other mark gives up its blank on that side and
 * stays against the text it encloses — ”…… ”—— ”？ ……“ take 0.5 em less.
 * Where the bracket's blank faces away (……” “——) or no bracket is
 * involved (。——), nothing is compressed: …… itself is one 2-em mark. */
void test_PU_4_bracket_beside_dash_or_ellipsis_gives_up_its_blank(void)
{
    static const struct {
        const char *text;
        double ems; /* from the first 文 to the second */
    } cases[] = {
        {"文”……文", 3.5}, {"文”——文", 3.5}, {"文》——文", 3.5}, {"文”？文", 2.5},
        {"文……“文", 3.5}, {"文——（文", 3.5}, {"文……”文", 4.0}, {"文“……文", 4.0},
        {"文。——文", 4.0}, {"文……文", 3.0},
    };
    for (size_t i = 0; i < countof(cases); i++) {
        para_result r = fixture_set("flat", cases[i].text, 20);
        double d = x_of(&r, 0, "文", 1) - x_of(&r, 0, "文", 0);
        if (fabs(d - cases[i].ems) > 0.01) {
            fprintf(stderr, "  %s: %s sets %.3f em, expected %.1f\n", harness_current,
                    cases[i].text, d, cases[i].ems);
            harness_failed_checks++;
        }
    }
}

/* PU-6: ？！ take one em together, ？？？ two. */
void test_PU_6_doubled_question_and_exclamation_take_1_em(void)
{
    para_result r = fixture_set("flat", "好？！吗", 20);
    CHECK_NEAR(adv_of(&r, 0, "？", 0) + adv_of(&r, 0, "！", 0), 1.0, 0.01);
    para_result q = fixture_set("flat", "好？？吗", 20);
    CHECK_NEAR(x_of(&q, 0, "吗", 0) - x_of(&q, 0, "好", 0), 2.0, 0.01);
    para_result t = fixture_set("flat", "好！！！吗", 20);
    CHECK_NEAR(x_of(&t, 0, "吗", 0) - x_of(&t, 0, "好", 0), 3.0, 0.01);
    /* Each mark keeps its ink inside its own part of the em. */
    double x0, x1, y0, y1;
    ink_of(&r, 0, glyph_in(&r, 0, "？", 0), &x0, &x1, &y0, &y1);
    CHECK(glyph_x(&r, 0, glyph_in(&r, 0, "？", 0)) + x1 <= x_of(&r, 0, "！", 0) + 0.01);
}

/* PU-7: nothing hangs past the measure; 。 that cannot start line 2 pulls
 * a character down instead. */
void test_PU_7_no_hanging_punctuation(void)
{
    para_result r = fixture_set("flat", "文文文文文文。字", 6);
    CHECK_STR(line_text(&r, 0), "文文文文文");
    const char *text = "“文字”文文，文文文。文（文）文文、文文；文文：文文！文文？文文文。";
    for (double w = 4; w <= 12; w += 1) {
        para_result v = fixture_set("body", text, w);
        for (int i = 0; i < v.line_count; i++) {
            CHECK(used_em(&v, i) <= w + 0.01);
            for (int k = 0; k < v.lines[i].glyph_count; k++) {
                double x0, x1, y0, y1;
                ink_of(&v, i, k, &x0, &x1, &y0, &y1);
                CHECK(glyph_x(&v, i, k) + x1 <= w + 0.01);
            }
        }
    }
}

/* PU-8: quotation marks are full width in Chinese text and take the
 * face's proportional forms in Latin text. */
void test_PU_8_quotes_follow_their_context(void)
{
    para_result zh = fixture_set("flat", "他说“好”", 20);
    CHECK_NEAR(adv_of(&zh, 0, "“", 0), 1.0, 0.01);
    para_result en = fixture_set("flat", "“Hi” he said", 20);
    CHECK(adv_of(&en, 0, "“", 0) < 0.5);
    CHECK(font_adv(&en, 0, glyph_in(&en, 0, "”", 0)) < 0.5);
}

/* PU-9: —— and …… are drawn as one 2-em unit: their glyphs abut however
 * the line is spread or tracked, and the dash is vertically centred on
 * the ideographic em box. */
void test_PU_9_dash_and_ellipsis_glyphs_abut(void)
{
    static const char *const styles[] = {"flat", "flat-kai", "flat-tracked"};
    for (size_t s = 0; s < countof(styles); s++) {
        /* Line 1 is 7 em (7.4 tracked) of 7.5 and spreads. */
        para_result r = fixture_set(styles[s], "文……文——文文字", 7.5);
        CHECK_STR(line_text(&r, 0), "文……文——文");
        double gap = x_of(&r, 0, "…", 0) - x_of(&r, 0, "文", 0) - 1.0; /* 文|…… */
        CHECK(gap > 0.01);
        int e = glyph_in(&r, 0, "…", 0);
        CHECK_NEAR(glyph_x(&r, 0, e + 1) - glyph_x(&r, 0, e), font_adv(&r, 0, e), 0.001);
        /* …|文 spreads as 文|… does: all of it is outside the 2 em. */
        CHECK_NEAR(x_of(&r, 0, "文", 1) - glyph_x(&r, 0, e), 2.0 + gap, 0.001);
        int d = glyph_of(&r, 0, "——", 0);
        if (d >= 0) { /* one glyph of 2 em (Noto) */
            CHECK_NEAR(font_adv(&r, 0, d), 2.0, 0.001);
        } else {      /* two glyphs that abut (KaitiM GB) */
            d = glyph_in(&r, 0, "—", 0);
            CHECK_NEAR(glyph_x(&r, 0, d + 1) - glyph_x(&r, 0, d), font_adv(&r, 0, d), 0.001);
        }
    }
    fixture *f = fixture_get();
    para_result r = fixture_set("flat", "文——文", 20);
    int k = glyph_in(&r, 0, "——", 0);
    double x0, x1, y0, y1;
    ink_of(&r, 0, k, &x0, &x1, &y0, &y1);
    const face_info *fi = fontset_info(f->fonts, r.glyphs[r.lines[0].glyph_start + k].face);
    double box_centre = (fi->ideo_bottom + fi->upem / 2.0) / fi->upem;
    CHECK_NEAR((y0 + y1) / 2, box_centre, 0.02);
    CHECK(x1 - x0 > 1.8); /* one continuous line */
    para_result e = fixture_set("flat", "文……文", 20);
    ink_of(&e, 0, glyph_in(&e, 0, "…", 0), &x0, &x1, &y0, &y1);
    CHECK_NEAR((y0 + y1) / 2, box_centre, 0.02);
}

/* PU-10: HarfBuzz compresses nothing itself (no chws, no halt): our
 * tables do, once. */
void test_PU_10_shaper_does_not_compress_punctuation(void)
{
    para_result r = fixture_set("flat-allow-end", "：“（《，。》）”", 20);
    /* The shaper keeps the full-width forms (no half-width or proportional
     * glyphs substituted); a compression by position alone (GPOS halt,
     * chws) leaves the glyphs as they are and shows only in the width
     * below. */
    for (int k = 0; k < r.lines[0].glyph_count; k++) {
        CHECK_NEAR(font_adv(&r, 0, k), 1.0, 0.0001);
    }
    /* Compressed by our rules alone: 9 marks, 8 adjacent pairs; a shaper
     * that compressed too would leave less. */
    CHECK_NEAR(used_em(&r, 0), 9 - 8 * 0.5, 0.01);
}

/* ---- C. justification ------------------------------------------------------- */

/* JU-1: 26 Han characters in 13 em: two lines set solid on the grid. */
void test_JU_1_han_set_solid_on_the_grid(void)
{
    para_result r = fixture_set("flat", "文文文文文文文文文文文文文字字字字字字字字字字字字字", 13);
    CHECK_INT(r.line_count, 2);
    for (int i = 0; i < r.line_count; i++)
        for (int k = 0; k < 13; k++)
            CHECK_NEAR(glyph_x(&r, i, k), k, 0.0001);
}

/* JU-2: every line but the last ends exactly at the measure; the last is
 * set solid from the start. */
void test_JU_2_both_edges_flush_but_the_last_line(void)
{
    const char *text = "巩义市小关镇2018年实施旅游扶贫，带动贫困户增收；“一村一品”产业发展"
                       "迅速（见图），全年接待游客12.5万人次、实现收入3000万元。";
    for (double w = 7; w <= 15; w += 1) {
        para_result r = fixture_set("body", text, w);
        CHECK_STR(lines_joined(&r), text);
        for (int i = 0; i + 1 < r.line_count; i++)
            CHECK_NEAR(used_em(&r, i), w, 0.01);
        int last = r.line_count - 1;
        CHECK(used_em(&r, last) <= w + 0.01);
        CHECK_NEAR(glyph_x(&r, last, 0), 0, 0.01);
        CHECK(!(r.lines[last].flags & LINE_LOOSE));
    }
    para_result s = fixture_set("flat", "文文文文文文文字字字", 6);
    CHECK_STR(line_text(&s, 1), "文字字字");
    for (int k = 0; k < 4; k++)
        CHECK_NEAR(glyph_x(&s, 1, k), k, 0.0001);
}

/* JU-3: reduction follows clreq's order — brackets (both alike) before
 * ，、；：, and those before 。 — and comes before any expansion. */
void test_JU_3_reduction_order(void)
{
    para_result r = fixture_set("flat", "文（文）文，文文字字", 7.5);
    CHECK_STR(line_text(&r, 0), "文（文）文，文文");
    CHECK_NEAR(adv_of(&r, 0, "，", 0), 1.0, 0.01);
    double open = x_of(&r, 0, "文", 1) - x_of(&r, 0, "文", 0);
    double close = x_of(&r, 0, "文", 2) - x_of(&r, 0, "文", 1);
    CHECK_NEAR(open, close, 0.01);
    CHECK_NEAR(open + close, 3.5, 0.01);
    CHECK_NEAR(used_em(&r, 0), 7.5, 0.01);

    para_result s = fixture_set("flat", "文，文。文文文字字", 6.5);
    CHECK_STR(line_text(&s, 0), "文，文。文文文");
    CHECK_NEAR(adv_of(&s, 0, "，", 0), 0.5, 0.01);
    CHECK_NEAR(adv_of(&s, 0, "。", 0), 1.0, 0.01);
}

/* JU-3 step 7 is a house choice: with reduce-stops false a 。 inside a
 * line keeps its blank (the breaker takes another break, and no line is
 * tight), while a stop at the end of a line still gives way, in both
 * line-end modes. */
void test_JU_3_stops_kept_whole_where_the_house_says(void)
{
    static const char *const styles[] = {"flat-whole-stops", "flat-allow-end-whole-stops"};
    for (size_t k = 0; k < countof(styles); k++) {
        para_result r = fixture_set(styles[k], "文文。文文文文字字", 6.5);
        CHECK_STR(line_text(&r, 0), "文文。文文文");
        CHECK(adv_of(&r, 0, "。", 0) >= 0.99); /* its em, and its share of the spread */
        for (int i = 0; i < r.line_count; i++)
            CHECK_INT(r.lines[i].flags & (LINE_TIGHT | LINE_LOOSE | LINE_OVERFULL), 0);
        para_result end = fixture_set(styles[k], "文文文文文文。字字", 6.5);
        CHECK_STR(line_text(&end, 0), "文文文文文文。");
        CHECK_NEAR(used_em(&end, 0), 6.5, 0.01);
        CHECK_INT(end.lines[0].flags & (LINE_TIGHT | LINE_OVERFULL), 0);
    }
    /* A line that ends in a trimmed 。 keeps the one inside it whole. */
    para_result both = fixture_set("flat-allow-end-whole-stops", "文。文文文文。字字", 6.5);
    CHECK_STR(line_text(&both, 0), "文。文文文文。");
    CHECK_NEAR(x_of(&both, 0, "文", 1) - x_of(&both, 0, "文", 0), 2.0, 0.01);
    CHECK_NEAR(used_em(&both, 0), 6.5, 0.01);
    CHECK_INT(both.lines[0].flags & (LINE_TIGHT | LINE_OVERFULL), 0);
    /* The house default reduces it (test_report_flags…: the same text tight). */
    para_result d = fixture_set("flat", "文文。文文文文字字", 6.5);
    CHECK_STR(line_text(&d, 0), "文文。文文文文");
}

/* JU-4: expansion takes the spaces of Western text first, then the gaps
 * between characters alike — never those beside a connector
 * (typography.md's example is LB_1_comma_never_starts_a_line). */
void test_JU_4_expansion_order(void)
{
    para_result r = fixture_set("flat", "文文文 A 文文，字字字", 7);
    CHECK_STR(line_text(&r, 0), "文文文 A 文文，");
    CHECK_NEAR(x_of(&r, 0, "文", 1) - x_of(&r, 0, "文", 0), 1.0, 0.001);
    CHECK_NEAR(x_of(&r, 0, "文", 4) - x_of(&r, 0, "文", 3), 1.0, 0.001);
    CHECK(x_of(&r, 0, "A", 0) - x_of(&r, 0, "文", 2) > 1.3);
    CHECK_NEAR(used_em(&r, 0), 7.0, 0.01);

    para_result c = fixture_set("flat", "文文～文文文，字字", 7);
    CHECK_STR(line_text(&c, 0), "文文～文文文，");
    CHECK_NEAR(x_of(&c, 0, "～", 0) - x_of(&c, 0, "文", 1), 1.0, 0.001);
    CHECK_NEAR(x_of(&c, 0, "文", 2) - x_of(&c, 0, "～", 0), 1.0, 0.001);
    CHECK(x_of(&c, 0, "文", 1) - x_of(&c, 0, "文", 0) > 1.05);
    CHECK_NEAR(used_em(&c, 0), 7.0, 0.01);
}

/* JU-4: a space between Chinese characters (记者 韩雪松) is no space
 * between Western words: it keeps its width and spreads like the gaps
 * between characters, rather than opening first into a hole. */
void test_JU_4_space_between_chinese_spreads_like_a_gap(void)
{
    para_result r = fixture_set("flat", "文文文 文文，字字字", 6);
    CHECK_STR(line_text(&r, 0), "文文文 文文，");
    double spread = x_of(&r, 0, "文", 1) - x_of(&r, 0, "文", 0) - 1.0;
    CHECK(spread > 0.04);
    CHECK_NEAR(x_of(&r, 0, "文", 2) - x_of(&r, 0, "文", 1) - 1.0, spread, 0.001);
    CHECK_NEAR(x_of(&r, 0, "文", 4) - x_of(&r, 0, "文", 3) - 1.0, spread, 0.001);
    double space = x_of(&r, 0, "文", 3) - x_of(&r, 0, "文", 2) - 1.0 - spread;
    CHECK(space > 0.2 && space < 0.35); /* the space's own width, no more */
    CHECK_NEAR(used_em(&r, 0), 6.0, 0.01);
}

/* ---- D. mixed script ---------------------------------------------------------- */

/* MX-1: Han and CJK punctuation from the style's face, Latin letters and
 * digits from its Latin face. */
void test_MX_1_latin_from_the_latin_face(void)
{
    fixture *f = fixture_get();
    para_result r = fixture_set("flat-latin", "文字ABC，2018年", 20);
    const placed_glyph *g = r.glyphs + r.lines[0].glyph_start;
    int serif = fontset_find(f->fonts, "serif"), dejavu = fontset_find(f->fonts, "dejavu");
    CHECK_INT(g[glyph_in(&r, 0, "文", 0)].face, serif);
    CHECK_INT(g[glyph_in(&r, 0, "，", 0)].face, serif);
    CHECK_INT(g[glyph_in(&r, 0, "A", 0)].face, dejavu);
    CHECK_INT(g[glyph_in(&r, 0, "2", 0)].face, dejavu);
}

/* MX-2: no Han–Latin gap by default; a style's gap goes between Han and
 * Latin only — not next to CJK punctuation, not at a line's edges. */
void test_MX_2_han_latin_gap(void)
{
    para_result none = fixture_set("flat", "第4章介绍了API。", 20);
    CHECK_NEAR(x_of(&none, 0, "4", 0), 1.0, 0.001);
    double four = adv_of(&none, 0, "4", 0);
    CHECK(four < 0.7);

    para_result g = fixture_set("flat-gap", "第4章介绍了API。", 20);
    CHECK_NEAR(x_of(&g, 0, "4", 0), 1.25, 0.001);
    CHECK_NEAR(x_of(&g, 0, "章", 0), 1.25 + four + 0.25, 0.001);
    CHECK_NEAR(x_of(&g, 0, "A", 0) - x_of(&g, 0, "了", 0), 1.25, 0.001);
    CHECK_NEAR(x_of(&g, 0, "。", 0) - x_of(&g, 0, "I", 0), adv_of(&none, 0, "I", 0), 0.001);

    para_result p = fixture_set("flat-gap", "好，API。（PDF）", 20);
    para_result p0 = fixture_set("flat", "好，API。（PDF）", 20);
    CHECK_NEAR(x_of(&p, 0, "A", 0) - x_of(&p, 0, "，", 0), 1.0, 0.001);
    CHECK_NEAR(x_of(&p, 0, "。", 0) - x_of(&p, 0, "I", 0),
               x_of(&p0, 0, "。", 0) - x_of(&p0, 0, "I", 0), 0.001);
    CHECK_NEAR(x_of(&p, 0, "P", 0) - x_of(&p, 0, "（", 0),
               x_of(&p0, 0, "P", 0) - x_of(&p0, 0, "（", 0), 0.001);
    CHECK_NEAR(x_of(&p, 0, "）", 0) - x_of(&p, 0, "F", 0),
               x_of(&p0, 0, "）", 0) - x_of(&p0, 0, "F", 0), 0.001);

    para_result edge = fixture_set("flat-gap", "文文文文文文API发布", 6);
    CHECK_STR(line_text(&edge, 1), "API发布");
    CHECK_NEAR(x_of(&edge, 1, "A", 0), 0, 0.001);
}

/* MX-3: a space already between Han and Latin is the gap; the style's gap
 * is not added to it. */
void test_MX_3_space_not_doubled(void)
{
    para_result plain = fixture_set("flat", "中文 English", 20);
    para_result gap = fixture_set("flat-gap", "中文 English", 20);
    CHECK_NEAR(x_of(&gap, 0, "E", 0), x_of(&plain, 0, "E", 0), 0.001);
    CHECK(x_of(&gap, 0, "E", 0) - 2.0 < 0.3);
}

/* ---- E. paragraphs --------------------------------------------------------------- */

/* PH-1: the first line is indented 2 em, the others are not. */
void test_PH_1_first_line_indent_2_em(void)
{
    para_result r = fixture_set("body", "文文文文文文文文文文文文文文文文文文文文", 10);
    CHECK_INT(r.line_count, 3);
    CHECK_NEAR(glyph_x(&r, 0, 0), 2.0, 0.001);
    CHECK_NEAR(glyph_x(&r, 1, 0), 0.0, 0.001);
}

/* The first glyph of a placed line, from the measure's left end. */
static scaled first_glyph_x(const page_out *page, const text_line *tl)
{
    scaled best = INT32_MAX;
    for (int i = 0; i < page->list.ops.n; i++) {
        const draw_op *op = &page->list.ops.v[i];
        if (op->kind == DRAW_GLYPHS && op->y == tl->y && op->x >= tl->x &&
            op->x < tl->x + tl->width && op->x < best)
            best = op->x;
    }
    return best - tl->x;
}

/* A column rule marks the gutter between two columns of text.  Beside a
 * byline alone on its line, above a box across the columns (a sidebar), a
 * rule one line long would be a stray stroke: none is shorter than two. */
void test_column_rule_is_never_a_stub(void)
{
    fixture_edition fe = fixture_compose("headline: 关键词\n"
                                         "byline: 记者 孟凡宇\n"
                                         "body:\n"
                                         "  - span: 2\n"
                                         "    box:\n"
                                         "      - 【税收占比】税收收入占一般公共预算收入的比重。这个数字越高，"
                                         "说明财政收入中来自经济活动的“真金白银”越多。\n",
                                         "1-2");
    const template *t = &fe.l->templates[layout_template(fe.l, "small")];
    const page_out *page = &fe.out.pages[0];
    /* The byline stands alone on its grid line: the case at issue. */
    const text_line *byline = NULL;
    for (int i = 0; i < page->list.lines.n; i++)
        if (strcmp(page->list.lines.v[i].text, "记者 孟凡宇") == 0)
            byline = &page->list.lines.v[i];
    CHECK(byline != NULL);
    for (int i = 0; byline && i < page->list.lines.n; i++)
        CHECK(&page->list.lines.v[i] == byline || page->list.lines.v[i].y != byline->y);
    for (int i = 0; i < page->list.ops.n; i++) {
        const draw_op *op = &page->list.ops.v[i];
        if (op->kind == DRAW_RULE && op->x == op->x2 && op->y2 - op->y < 2 * t->pitch) {
            fprintf(stderr, "  a rule %.1f pt long at x %.1f\n",
                    pt_from_scaled(op->y2 - op->y), pt_from_scaled(op->x));
            CHECK(false);
        }
    }
    fixture_edition_free(&fe);
}

static const char *const two_columns =
    "headline: 段落\n"
    "body:\n"
    "  - 第一段写满一些字，让第二段的开头落在第一栏的中间，这样第二段就会接着排到第二栏去。\n"
    "  - 第二段也要足够长，长到要跨到下一栏去，看看接排的那一行会不会再缩进两个字，不应该。\n"
    "  - 第三段也写长一些，好让栏与栏之间的接排出现在段落中间的地方，多写几个字。\n";

/* PH-2: no extra space between paragraphs: in a column, body baselines
 * are one pitch apart, across paragraph boundaries too. */
void test_PH_2_no_space_between_paragraphs(void)
{
    fixture_edition fe = fixture_compose(two_columns, "1-2");
    const template *t = &fe.l->templates[layout_template(fe.l, "small")];
    const page_out *page = &fe.out.pages[0];
    int boundaries = 0;
    const text_line *prev = NULL;
    for (int i = 0; i < page->list.lines.n; i++) {
        const text_line *tl = &page->list.lines.v[i];
        if (tl->role != ROLE_BODY)
            continue;
        if (prev && prev->column == tl->column) {
            CHECK_INT(tl->y - prev->y, t->pitch);
            boundaries += (prev->flags & LINE_LAST) != 0;
        }
        prev = tl;
    }
    CHECK(boundaries >= 1);
    fixture_edition_free(&fe);
}

/* PH-3: only a paragraph's first line is indented — told from the
 * source text, not from the line's flags — and its lines continued at the
 * top of the next column are not. */
void test_PH_3_continued_lines_not_indented(void)
{
    fixture_edition fe = fixture_compose(two_columns, "1-2");
    const page_out *page = &fe.out.pages[0];
    scaled em = fe.l->styles[layout_style(fe.l, "body")].size;
    int continued = 0, last_column = -1, starts = 0;
    for (int i = 0; i < page->list.lines.n; i++) {
        const text_line *tl = &page->list.lines.v[i];
        if (tl->role != ROLE_BODY)
            continue;
        scaled x = first_glyph_x(page, tl);
        bool starts_paragraph = strncmp(tl->text, "第一段", strlen("第一段")) == 0 ||
                                strncmp(tl->text, "第二段", strlen("第二段")) == 0 ||
                                strncmp(tl->text, "第三段", strlen("第三段")) == 0;
        if (starts_paragraph) {
            CHECK_NEAR(pt_from_scaled(x), pt_from_scaled(2 * em), 0.01);
            starts++;
        } else {
            CHECK_NEAR(pt_from_scaled(x), 0, 0.01);
            continued += tl->column != last_column;
        }
        last_column = tl->column;
    }
    CHECK_INT(starts, 3);
    CHECK(continued >= 1); /* a paragraph did go on in the next column */
    fixture_edition_free(&fe);
}

/* PH-4: no last line of one character (孤字): 文 comes down with its
 * neighbour (typography.md's example). */
void test_PH_4_no_single_character_last_line(void)
{
    para_result r = fixture_set("flat", "文文文文文文文。", 6);
    CHECK_INT(r.line_count, 2);
    CHECK_STR(line_text(&r, 0), "文文文文文");
    CHECK_STR(line_text(&r, 1), "文文。");
    for (double w = 5; w <= 14; w += 1) {
        para_result v = fixture_set("body", "第一段写满一些字，让第二段的开头落在第一栏的中间，这样。", w);
        const char *last = line_text(&v, v.line_count - 1);
        int han = 0;
        for (const char *p = last; *p;) {
            uint32_t c;
            int n = utf8_decode(p, strlen(p), &c);
            han += chars_is_han(c);
            p += n > 0 ? n : 1;
        }
        CHECK(han >= 2);
    }
}

/* ---- F. sizes ---------------------------------------------------------------------- */

/* CG-7: every 号 of the "word" system, in points. */
void test_CG_7_hao_sizes(void)
{
    static const struct {
        const char *name;
        double pt;
    } hao[] = {{"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22}, {"小二", 18},
               {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5},
               {"小五", 9},  {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5}};
    for (size_t i = 0; i < countof(hao); i++) {
        scaled s = 0;
        CHECK(yml_parse_length(hao[i].name, 0, &s));
        CHECK_INT(s, scaled_from_pt(hao[i].pt));
    }
}

/* ---- reporting ---------------------------------------------------------------------- */

/* The breaker's compromises are flagged on the lines they concern: a line
 * spread to avoid a 孤字, a 。 compressed inside a line, a character wider
 * than the measure, a word broken because no line can hold it (in capitals:
 * no hyphenation, LB-13). */
void test_report_flags_loose_tight_overfull_and_rule_broken(void)
{
    para_result loose = fixture_set("flat", "文文文文文文文。", 6);
    CHECK(loose.lines[0].flags & LINE_LOOSE);
    CHECK(!(loose.lines[1].flags & LINE_LOOSE)); /* a last line is set solid */

    para_result tight = fixture_set("flat", "文文。文文文文字字", 6.5);
    CHECK_STR(line_text(&tight, 0), "文文。文文文文");
    CHECK(tight.lines[0].flags & LINE_TIGHT);
    para_result end = fixture_set("flat-allow-end", "文文文文文文。字字", 6.5);
    CHECK_STR(line_text(&end, 0), "文文文文文文。");
    CHECK(!(end.lines[0].flags & LINE_TIGHT)); /* at line end it is the PU-3 rule */

    para_result over = fixture_set("flat", "文", 0.5);
    CHECK(over.lines[0].flags & LINE_OVERFULL);

    para_result word =
        fixture_set("flat", "文文文文文文PNEUMONOULTRAMICROSCOPICSILICOVOLCANOCONIOSIS文文", 6);
    CHECK_STR(lines_joined(&word), "文文文文文文PNEUMONOULTRAMICROSCOPICSILICOVOLCANOCONIOSIS文文");
    CHECK(!(word.lines[0].flags & LINE_EMERGENCY)); /* the Han text keeps its rules */
    int broken = 0;
    for (int i = 0; i < word.line_count; i++) {
        broken += (word.lines[i].flags & LINE_EMERGENCY) != 0;
        /* A piece of the word that cannot be spread to the measure is
         * loose, not overfull. */
        CHECK(!(word.lines[i].flags & LINE_OVERFULL));
    }
    CHECK(broken >= 2);

    para_result good = fixture_set("body", "巩义市小关镇2018年实施旅游扶贫，带动贫困户增收。", 13);
    for (int i = 0; i < good.line_count; i++)
        CHECK_INT(good.lines[i].flags & (LINE_LOOSE | LINE_TIGHT | LINE_OVERFULL | LINE_EMERGENCY),
                  0);
}

/* One warning per flag, with the line's location and a kind to count. */
void test_report_one_warning_per_flag(void)
{
    diag *d = diag_new();
    src_loc loc = {"a.yaml", 3, 5};
    para_warn_line(d, LINE_FIRST | LINE_LOOSE | LINE_EMERGENCY, loc, "文字");
    para_warn_line(d, LINE_TIGHT, loc, "文。字");
    para_warn_line(d, LINE_OVERFULL | LINE_LAST, loc, "文");
    para_warn_line(d, LINE_FIRST | LINE_LAST | LINE_FORCED, loc, "文");
    int n;
    const diag_msg *m = diag_messages(d, &n);
    CHECK_INT(n, 4);
    CHECK_INT(diag_warning_count(d), 4);
    if (n == 4) {
        CHECK_STR(m[0].kind, "rule-broken");
        CHECK_STR(m[1].kind, "loose-line");
        CHECK_STR(m[2].kind, "tight-line");
        CHECK_STR(m[3].kind, "overfull-line");
        CHECK_INT(m[1].loc.line, 3);
        CHECK_INT(m[1].loc.col, 5);
        CHECK(strstr(m[2].text, "文。字") != NULL);
    }
    diag_free(d);
}
