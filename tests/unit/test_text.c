/* test_text.c — the rules of docs/typography.md for text beyond plain
 * prose: text out as it went in (TX), tracking in heads (PH-10), Latin
 * words, URLs and paths among Chinese (LB-12, LB-13, MX-6), faces and
 * fallback (FN), the blocks of the content format (BL) and the details a
 * desk marks (LB-4, LB-14, CB-4, PH-12, TB-5).  Each fails if its rule is
 * broken. */
#include "harness.h"
#include "tests.h"

#include "fixture.h"

#include <stdlib.h>
#include <string.h>


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
    CHECK_STR(lines_joined(&r), src);
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

/* LB-12: a path or URL breaks after its / . - _ ? & and never before, the
 * solidus rule of Chinese text (LB-0, gb) notwithstanding inside it. */
void test_LB_12_url_breaks_after_its_separators(void)
{
    const char *src = "配置文件在/usr/share/bash-completion/completions目录";
    para_result r = fixture_set("flat", src, 8);
    CHECK_STR(lines_joined(&r), src);
    CHECK(r.line_count >= 2); /* the path is broken, or nothing below is tried */
    for (int i = 0; i + 1 < r.line_count; i++) {
        const char *t = line_text(&r, i), *next = line_text(&r, i + 1);
        char last = t[strlen(t) - 1];
        /* A line inside the path ends at a separator; none starts with one. */
        if (strchr("abcdefghijklmnopqrstuvwxyz", next[0]))
            CHECK(strchr("/.-_?&", last) != NULL);
        CHECK(next[0] != '/' && next[0] != '.' && next[0] != '-');
        CHECK(!(r.lines[i].flags & LINE_EMERGENCY));
    }
    para_result u = fixture_set("flat", "详见https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=1", 7);
    CHECK(u.line_count >= 2);
    for (int i = 0; i < u.line_count; i++) {
        CHECK(!(u.lines[i].flags & LINE_EMERGENCY));
        CHECK(strstr(line_text(&u, i), "bugs.d") == NULL || strstr(line_text(&u, i), "bugs.debian"));
    }
}

/* LB-13: an English word too long for what is left of a line is
 * hyphenated at libhyphen's points, the hyphen drawn but not in the text;
 * a word in capitals is not. */
void test_LB_13_latin_words_hyphenate(void)
{
    const char *src = "安装软件包 configuration management 工具";
    para_result r = fixture_set("flat", src, 9);
    CHECK_STR(lines_joined(&r), src);
    int added = 0;
    for (int i = 0; i < r.glyph_count; i++)
        added += r.glyphs[i].added;
    CHECK(added >= 1);
    bool cut = false;
    for (int i = 0; i + 1 < r.line_count; i++) {
        const char *t = line_text(&r, i);
        size_t n = strlen(t);
        cut |= n > 0 && t[n - 1] >= 'a' && t[n - 1] <= 'z' && line_text(&r, i + 1)[0] >= 'a';
    }
    CHECK(cut);
    for (int i = 0; i < r.line_count; i++)
        CHECK(!(r.lines[i].flags & (LINE_LOOSE | LINE_EMERGENCY)));
}

/* MX-6: in a line of Han and Latin words set solid, the Han–Latin
 * boundaries spread before the gaps between Han characters. */
void test_MX_6_han_latin_boundaries_spread_first(void)
{
    para_result r = fixture_set("flat", "用apt装vim文件，再用dpkg装软件包", 9.6);
    CHECK(r.line_count >= 2);
    /* The line is spread at 用|apt, apt|装, 装|vim, vim|文 only. */
    CHECK(x0_of(&r, "a", 0) - x0_of(&r, "用", 0) > 1.02);
    CHECK_NEAR(x0_of(&r, "件", 0) - x0_of(&r, "文", 0), 1.0, 0.001);
}

/* MX-7: with half-width figures each digit of a number, the point inside
 * it and a % after it take half an em; letters keep their own widths. */
void test_MX_7_half_width_figures(void)
{
    const char *s = "收入12380元增长9.6%的abc";
    para_result half = fixture_set("flat-half-figures", s, 40);
    para_result prop = fixture_set("flat", s, 40);
    CHECK_INT(half.line_count, 1);
    CHECK_NEAR(x0_of(&half, "元", 0) - x0_of(&half, "1", 0), 2.5, 0.001);
    CHECK_NEAR(x0_of(&half, "的", 0) - x0_of(&half, "9", 0), 2.0, 0.001);
    /* The face's own figures are wider than half an em. */
    CHECK(x0_of(&prop, "元", 0) - x0_of(&prop, "1", 0) > 2.6);
    CHECK_NEAR(x0_of(&half, "c", 0) - x0_of(&half, "a", 0), x0_of(&prop, "c", 0) - x0_of(&prop, "a", 0), 0.001);
    /* A paragraph of the sample whose 12380|元 the face's figures part at
     * 13 em (LB-4's last resort) keeps them together on the half-em grid. */
    const char *para = "城乡居民收入稳步提高。前三季度，全市居民人均可支配收入达到19860元，同比增长8."
                       "9%；城镇居民人均可支配收入26740元，增长8.1%；农村居民人均可支配收入12380元，"
                       "增长9.6%，增速继续快于城镇居民。";
    para_result p = fixture_set("body", para, 13), h = fixture_set("body-half-figures", para, 13);
    int split_p = 0, split_h = 0;
    for (int i = 0; i < p.line_count; i++)
        split_p += (p.lines[i].flags & LINE_UNIT_SPLIT) != 0;
    for (int i = 0; i < h.line_count; i++)
        split_h += (h.lines[i].flags & (LINE_UNIT_SPLIT | LINE_WARNED)) != 0;
    CHECK_INT(split_p, 1);
    CHECK_INT(split_h, 0);
}

/* TX-2: full-width ASCII digits and letters are set as ASCII (GB/T 15835),
 * unless the style keeps them; other full-width forms stay. */
void test_TX_2_fullwidth_digits_and_letters_normalised(void)
{
    check_body_text("headline: 全角\nbody:\n  - 生于（１００８－１０４８），型号ＡＢ１２。\n",
                    "生于（1008－1048），型号AB12。");
    fixture_edition fe = fixture_compose("headline: 全角\nbody:\n  - p: 型号ＡＢ１２\n    style: fullwidth-kept\n", "1-2");
    const article *a = fe.ed->articles[0];
    CHECK_STR(a->blocks[a->block_count - 1].spans[0].text, "型号ＡＢ１２");
    fixture_edition_free(&fe);
}

/* TX-3: a hyphen before a number, where nothing of a word or a range
 * stands before it, is the minus sign U+2212. */
void test_TX_3_negative_numbers_take_the_minus_sign(void)
{
    check_body_text("headline: 负数\nbody:\n  - 最低-9℃，增长-7.8%，1-2日，S233-S315线，ls -l，-.5\n",
                    "最低\u22129℃，增长\u22127.8%，1-2日，S233-S315线，ls -l，\u2212.5");
}

/* FN-1: a Kai style whose face puts its quotation marks near the centre
 * takes its Chinese punctuation from the Song face it names. */
void test_FN_1_punctuation_from_the_face_the_style_names(void)
{
    fixture *f = fixture_get();
    int serif = fontset_find(f->fonts, "serif"), kai = fontset_find(f->fonts, "kai");
    para_result r = fixture_set("flat-kai-song-marks", "他说：“真金白银”越多。", 20);
    const placed_glyph *g = r.glyphs + r.lines[0].glyph_start;
    CHECK_INT(g[glyph_of(&r, 0, "真", 0)].face, kai);
    CHECK_INT(g[glyph_of(&r, 0, "“", 0)].face, serif);
    CHECK_INT(g[glyph_of(&r, 0, "”", 0)].face, serif);
    CHECK_INT(g[glyph_of(&r, 0, "：", 0)].face, serif);
    /* The closing quote's ink stays clear of 越 (more than a tenth of an em). */
    para_result k = fixture_set("flat-kai", "白银”越多", 20);
    para_result s = fixture_set("flat-kai-song-marks", "白银”越多", 20);
    CHECK(glyph_x(&s, 0, glyph_of(&s, 0, "越", 0)) - glyph_x(&s, 0, glyph_of(&s, 0, "”", 0)) >=
          glyph_x(&k, 0, glyph_of(&k, 0, "越", 0)) - glyph_x(&k, 0, glyph_of(&k, 0, "”", 0)));
}

/* Warnings of a kind the fixture's diag holds. */
static int warnings_of(const char *kind)
{
    const char **kinds;
    int *counts;
    int n = diag_warning_kinds(fixture_get()->d, &kinds, &counts), found = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(kinds[i], kind) == 0)
            found = counts[i];
    free(kinds);
    free(counts);
    return found;
}

/* FN-2, FN-3: a character the style's faces lack is set from the fallback
 * list — CJK Extension B from the Hanazono faces — and each such
 * character is a warning. */
void test_FN_2_fallback_is_a_warning(void)
{
    fixture *f = fixture_get();
    int before = warnings_of("font-fallback"), missing = warnings_of("missing-glyph");
    para_result r = fixture_set("flat", "字\U00020000字", 20);
    const placed_glyph *g = r.glyphs + r.lines[0].glyph_start;
    CHECK(g[1].face == fontset_find(f->fonts, "hana-a") ||
          g[1].face == fontset_find(f->fonts, "hana-b"));
    CHECK_INT(warnings_of("font-fallback"), before + 1);
    CHECK_INT(warnings_of("missing-glyph"), missing);
}

/* ---- the blocks of the content format ------------------------------------ */

/* The placed body lines of a composed test edition, in order. */
static const text_line *body_line(const fixture_edition *fe, int n)
{
    const draw_list *dl = &fe->out.pages[0].list;
    for (int i = 0, k = 0; i < dl->lines.n; i++)
        if (dl->lines.v[i].role == ROLE_BODY || dl->lines.v[i].role == ROLE_HEAD)
            if (k++ == n)
                return &dl->lines.v[i];
    CHECK(!"no such line");
    return &dl->lines.v[0];
}

/* x of the first glyph drawn for line tl, from the line's x, in pt. */
static double ink_x(const fixture_edition *fe, const text_line *tl)
{
    const draw_list *dl = &fe->out.pages[0].list;
    for (int i = 0; i < dl->ops.n; i++)
        if (dl->ops.v[i].kind == DRAW_GLYPHS && &dl->lines.v[dl->ops.v[i].line] == tl)
            return pt_from_scaled(dl->ops.v[i].x - tl->x);
    CHECK(!"no glyphs on the line");
    return -1;
}

/* BL-1: a poem is set a line a line under its title and author, never
 * justified, a wrapped line hanging, a blank grid line between stanzas;
 * centred, the poem moves as a block. */
void test_BL_1_verse_a_line_a_line(void)
{
    fixture_edition fe = fixture_compose("headline: 诗\nbody:\n  - verse: |\n"
                                         "      春眠不觉晓，\n      处处闻啼鸟。\n\n"
                                         "      夜来风雨声声急，花落知多少。\n"
                                         "    title: 春晓\n    author: 孟浩然\n",
                                         "1");
    CHECK_STR(body_line(&fe, 0)->text, "春晓");
    CHECK_STR(body_line(&fe, 1)->text, "孟浩然");
    CHECK_STR(body_line(&fe, 2)->text, "春眠不觉晓，");
    CHECK_STR(body_line(&fe, 3)->text, "处处闻啼鸟。");
    const text_line *wrapped = body_line(&fe, 5);
    /* A stanza's end is a grid line left empty; the long line wraps, its
     * rest 3 em in (the hang), the first 2 em (the indent). */
    CHECK_INT(body_line(&fe, 4)->grid_line, body_line(&fe, 3)->grid_line + 2);
    CHECK_NEAR(ink_x(&fe, body_line(&fe, 4)), 18.0, 0.01);
    CHECK_NEAR(ink_x(&fe, wrapped), 27.0, 0.01);
    fixture_edition_free(&fe);
}

/* BL-2: a listing keeps its spaces and indentation, in the monospaced
 * face, and a line too long for the column wraps with a mark that is not
 * in the text. */
void test_BL_2_code_keeps_its_spaces(void)
{
    fixture_edition fe = fixture_compose("headline: 码\nbody:\n  - code: |\n"
                                         "      if x:\n          y  = 1\n"
                                         "      echo aaaaaaaa bbbbbbbb cccccccc dddddddd\n",
                                         "1-2");
    CHECK_STR(body_line(&fe, 0)->text, "if x:");
    CHECK_STR(body_line(&fe, 1)->text, "    y  = 1");
    const draw_list *dl = &fe.out.pages[0].list;
    int marks = 0;
    for (int i = 0; i < dl->ops.n; i++)
        if (dl->ops.v[i].kind == DRAW_GLYPHS && dl->ops.v[i].glyphs[0].added)
            marks++;
    CHECK(marks >= 1);
    fixture_edition_free(&fe);
}

/* BL-3: a list item's marker stands in the hang, its text and wrapped
 * lines after it. */
void test_BL_3_list_items_hang(void)
{
    fixture_edition fe = fixture_compose("headline: 单\nbody:\n  - list:\n"
                                         "      - 第一项文字比较长要换行才能排完\n      - 第二项\n"
                                         "    numbered: true\n",
                                         "1");
    CHECK(strncmp(body_line(&fe, 0)->text, "1.", 2) == 0);
    CHECK_NEAR(ink_x(&fe, body_line(&fe, 1)), 18.0, 0.01);
    CHECK(strncmp(body_line(&fe, 3)->text, "2.", 2) == 0);
    fixture_edition_free(&fe);
}

/* BL-4, BL-5: an attribution and a notice's signature and date stand
 * right; its salutation flush left (顶格), its body indented. */
void test_BL_5_notice_salutation_flush_signature_right(void)
{
    fixture_edition fe = fixture_compose("headline: 告\nbody:\n  - attribution: ——鲁迅\n"
                                         "  - notice:\n      salutation: 各位居民：\n"
                                         "      body: 明天停水。\n      signature: 水厂\n"
                                         "      date: 1月7日\n",
                                         "1-2");
    const text_line *by = body_line(&fe, 0), *hi = body_line(&fe, 1), *text = body_line(&fe, 2);
    const text_line *sig = body_line(&fe, 3), *date = body_line(&fe, 4);
    CHECK_NEAR(pt_from_scaled(by->used), pt_from_scaled(by->width), 0.01);
    CHECK_NEAR(ink_x(&fe, hi), 0, 0.01);
    CHECK_NEAR(ink_x(&fe, text), 18.0, 0.01);
    CHECK_NEAR(pt_from_scaled(sig->used), pt_from_scaled(sig->width), 0.01);
    CHECK_NEAR(pt_from_scaled(date->used), pt_from_scaled(date->width), 0.01);
    fixture_edition_free(&fe);
}

/* BL-6: a paragraph of runs is one paragraph, each run in its style, a
 * space a run starts with kept; no line breaks inside a no-break phrase. */
void test_BL_6_runs_inside_a_paragraph(void)
{
    fixture_edition fe = fixture_compose("headline: 跑\nbody:\n  - p:\n      - 见\n"
                                         "      - url: ' https://example.org/a '\n"
                                         "      - 和\n      - em: 重点\n"
                                         "      - nobreak: 中华人民共和国\n",
                                         "1");
    const article *a = fe.ed->articles[0];
    const block *p = &a->blocks[a->block_count - 1];
    CHECK_INT(p->span_count, 5);
    CHECK_STR(p->spans[1].text, " https://example.org/a ");
    CHECK_INT(p->spans[3].style, layout_style(fe.l, "emphasis"));
    const draw_list *dl = &fe.out.pages[0].list;
    bool whole = false;
    for (int i = 0; i < dl->lines.n; i++)
        whole |= strstr(dl->lines.v[i].text, "中华人民共和国") != NULL;
    CHECK(whole);
    fixture_edition_free(&fe);
}

/* BL-7: a list that says keep goes whole to the next column rather than
 * split, when a column can hold it. */
void test_BL_7_keep_together(void)
{
    /* Ten lines of text, the list, ten more: balanced over two columns of
     * twelve lines, the list would stand across their foot and top. */
    static const char *const yaml[2] = {
        "headline: 留\nbody:\n  - 这是一段用来占位的文字，它要把第一栏排到只剩几行。这是一段用来占位的文字，它要把第一栏排到只剩几行。这是一段用来占位的文字，它要把第一栏排到只剩几行。这是占位文字。\n"
        "  - list: [第一项内容, 第二项内容, 第三项内容, 第四项内容]\n"
        "  - 后面还有一段文字，也是用来占位的，它排在清单的后面。后面还有一段文字，也是用来占位的，它排在清单的后面。后面还有一段文字，也是用来占位的，它排在清单的后面。完。\n",
        "headline: 留\nbody:\n  - 这是一段用来占位的文字，它要把第一栏排到只剩几行。这是一段用来占位的文字，它要把第一栏排到只剩几行。这是一段用来占位的文字，它要把第一栏排到只剩几行。这是占位文字。\n"
        "  - list: [第一项内容, 第二项内容, 第三项内容, 第四项内容]\n    keep: true\n"
        "  - 后面还有一段文字，也是用来占位的，它排在清单的后面。后面还有一段文字，也是用来占位的，它排在清单的后面。后面还有一段文字，也是用来占位的，它排在清单的后面。完。\n"};
    int columns[2][2];
    for (int k = 0; k < 2; k++) {
        fixture_edition fe = fixture_compose(yaml[k], "1-2");
        const draw_list *dl = &fe.out.pages[0].list;
        for (int i = 0; i < dl->lines.n; i++) {
            if (strstr(dl->lines.v[i].text, "第一项"))
                columns[k][0] = dl->lines.v[i].column;
            if (strstr(dl->lines.v[i].text, "第四项"))
                columns[k][1] = dl->lines.v[i].column;
        }
        fixture_edition_free(&fe);
    }
    CHECK(columns[0][0] != columns[0][1]); /* without keep the list is split */
    CHECK_INT(columns[1][0], columns[1][1]);
}

/* PH-12, CB-3: a 【】 head run in at a paragraph's start and a dateline
 * are spans of their own styles. */
void test_PH_12_run_in_heads_and_datelines(void)
{
    fixture_edition fe = fixture_compose("headline: 头\nbody:\n  - 本报讯（记者 张三）今天下雨。\n"
                                         "  - '【提示】出门带伞。'\n",
                                         "1-2");
    const article *a = fe.ed->articles[0];
    const block *b0 = &a->blocks[0], *b1 = &a->blocks[1];
    CHECK_INT(b0->span_count, 2);
    CHECK_STR(b0->spans[0].text, "本报讯（记者 张三）");
    CHECK_INT(b0->spans[0].style, layout_style(fe.l, "dateline"));
    CHECK_STR(b1->spans[0].text, "【提示】");
    CHECK_INT(b1->spans[0].style, layout_style(fe.l, "run-in"));
    fixture_edition_free(&fe);
}

/* LB-14: a short figure in parentheses stays on one line with them; Chinese
 * words in parentheses break as any text. */
void test_LB_14_figures_in_parentheses_stay_whole(void)
{
    para_result r = fixture_set("flat", "请拨打热线96877（24小时）咨询", 9);
    CHECK(r.line_count >= 2);
    for (int i = 0; i < r.line_count; i++) {
        const char *t = line_text(&r, i);
        CHECK(strstr(t, "（") == NULL || strstr(t, "（24小时）") != NULL);
    }
    para_result w = fixture_set("flat", "文文文文文文（街道）字", 8);
    CHECK_STR(line_text(&w, 0), "文文文文文文（街");
}

/* LB-4: a grade of one letter keeps its unit (诚信A级), and 级 is a unit. */
void test_LB_4_grades_and_levels_keep_their_unit(void)
{
    /* The letter and the digit would fit the line; their units would not. */
    para_result r = fixture_set("flat", "文文文文文文文诚信A级企业文文", 9.7);
    CHECK_STR(line_text(&r, 0), "文文文文文文文诚信");
    para_result w = fixture_set("flat", "文文文文文文文阵风7级以上", 9.6);
    CHECK_STR(line_text(&w, 0), "文文文文文文文阵风");
}

/* CB-4: a credit (整理, 摄, 文/图) never stands on a line without the name
 * before it. */
void test_CB_4_credit_never_alone(void)
{
    para_result r = fixture_set("flat-byline", "本报记者 孟凡宇 整理", 7.5);
    CHECK(r.line_count >= 2);
    for (int i = 0; i < r.line_count; i++)
        CHECK(strcmp(line_text(&r, i), "整理") != 0);
}

/* TB-5: a share column (3*) divides what automatic columns leave after
 * their content: "vim-tiny" and 流行度 are not broken while the share's
 * own cells stand half empty. */
void test_TB_5_shares_never_starve_auto_columns(void)
{
    fixture_edition fe = fixture_compose("headline: 表\nbody:\n  - table:\n"
                                         "      widths: [3*, auto, auto]\n      span: 2\n"
                                         "      head: [说明, 软件包, 流行度]\n"
                                         "      rows:\n        - [编辑器, vim-tiny, 95%]\n",
                                         "1-3");
    const draw_list *dl = &fe.out.pages[0].list;
    bool tiny = false, popular = false;
    for (int i = 0; i < dl->lines.n; i++) {
        tiny |= strcmp(dl->lines.v[i].text, "vim-tiny") == 0;
        popular |= strcmp(dl->lines.v[i].text, "流行度") == 0;
    }
    CHECK(tiny);
    CHECK(popular);
    fixture_edition_free(&fe);
}
