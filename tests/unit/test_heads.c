/* test_heads.c — the headline system on small editions: the band scaled
 * with its headline and kept in hierarchy (MU-6), the subtitle no wider
 * than the headline (MU-7), the masthead above every headline of the
 * front page (MU-8). */
#include "fixture.h"
#include "harness.h"
#include "tests.h"

#include "base/strbuf.h"

static int findings_of(const page_out *po, makeup_kind kind)
{
    int n = 0;
    for (int i = 0; i < po->findings.n; i++)
        n += po->findings.v[i].kind == kind;
    return n;
}

/* An edition of one page on `template` placing a.yaml over columns 1-3
 * from `top` with the placement's further keys `more` (", key: value"). */
static fixture_edition one_story(const char *tmpl, int top, const char *more,
                                 const char *text)
{
    char *ed = xasprintf("paper: 测试日报\ndate: 2018-12-28\ntemplate: %s\n%spages:\n"
                         "  - page: T1\n    name: 测试\n    articles:\n"
                         "      - {article: a.yaml, columns: 1-3, top: %d, lines: fill%s}\n",
                         tmpl, top > 1 ? "masthead: {issue: 第1期}\n" : "", top, more);
    fixture_edition fe = fixture_compose_files("edition.yaml", ed, "a.yaml", text, NULL);
    free(ed);
    return fe;
}

static const char *const banded =
    "kicker: 引题一行\nheadline: 一行较长的主题\nsubtitle: 副题一行\n"
    "body:\n  - 各地加快推进冬季农田水利建设。今年全市完成投资超过去年同期。\n";

/* The style of the first headline-band line whose text is `text`. */
static const style *band_line_style(const fixture_edition *fe, const char *text)
{
    const draw_list *dl = &fe->out.pages[0].list;
    for (int i = 0; i < dl->lines.n; i++)
        if (dl->lines.v[i].role == ROLE_HEADLINE && !strcmp(dl->lines.v[i].text, text))
            return &fe->l->styles[dl->lines.v[i].style];
    return NULL;
}

void test_MU_6_a_headline_style_scales_its_band(void)
{
    /* headline-small (12 pt) names kicker-small and subtitle-small (8 pt):
     * the placement names only the headline's style. */
    fixture_edition fe = one_story("tall", 1, ", headline-style: headline-small", banded);
    const style *k = band_line_style(&fe, "引题一行"), *s = band_line_style(&fe, "副题一行");
    CHECK(k && !strcmp(k->name, "kicker-small"));
    CHECK(s && !strcmp(s->name, "subtitle-small"));
    CHECK_INT(findings_of(&fe.out.pages[0], MAKEUP_HIERARCHY), 0);
    fixture_edition_free(&fe);
}

void test_MU_6_a_band_out_of_hierarchy_is_a_finding(void)
{
    /* The placement's own kicker style (12 pt) beside a 12 pt headline:
     * more than two thirds of it. */
    fixture_edition fe =
        one_story("tall", 1, ", headline-style: headline-small, kicker-style: kicker", banded);
    const page_out *po = &fe.out.pages[0];
    CHECK_INT(findings_of(po, MAKEUP_HIERARCHY), 1);
    CHECK(po->findings.n > 0 && po->findings.v[0].article == 0);
    fixture_edition_free(&fe);
}

void test_MU_7_the_subtitle_is_no_wider_than_the_headline(void)
{
    fixture_edition fe = one_story(
        "tall", 1, "",
        "headline: 短题\nsubtitle: 一行很长很长的副题比主题宽得多\n"
        "body:\n  - 各地加快推进冬季农田水利建设。\n");
    const draw_list *dl = &fe.out.pages[0].list;
    const text_line *head = NULL;
    int subtitle_lines = 0;
    for (int i = 0; i < dl->lines.n; i++) {
        const text_line *tl = &dl->lines.v[i];
        if (tl->role != ROLE_HEADLINE)
            continue;
        if (!strcmp(fe.l->styles[tl->style].name, "headline")) {
            head = tl;
            continue;
        }
        subtitle_lines++;
        CHECK(head != NULL);
        if (!head)
            continue;
        /* Set in a measure no wider than the centred headline's ink,
         * under it: from where its ink starts to where it ends. */
        scaled tolerance = SCALED_ONE / 100;
        CHECK(tl->x >= head->x + (head->width - head->used) - tolerance);
        CHECK(tl->x + tl->width <= head->x + head->used + tolerance);
    }
    CHECK(subtitle_lines >= 2); /* the long subtitle broke to keep under it */
    fixture_edition_free(&fe);
}

void test_MU_8_a_front_page_headline_as_large_as_the_masthead_is_a_finding(void)
{
    /* On the golden front page the name is 24 pt; a headline in the
     * masthead's own style stands as large. */
    fixture_edition fe = one_story("front", 6, ", headline-style: masthead", banded);
    CHECK_INT(findings_of(&fe.out.pages[0], MAKEUP_MASTHEAD), 1);
    fixture_edition_free(&fe);
    fe = one_story("front", 6, "", banded);
    CHECK_INT(findings_of(&fe.out.pages[0], MAKEUP_MASTHEAD), 0);
    fixture_edition_free(&fe);
}
