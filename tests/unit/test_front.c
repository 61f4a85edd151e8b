/* test_front.c — the front page's architecture on small editions: the
 * masthead's information (今日N版 counted, the 主管/主办 line) and the ear
 * (报眼) beside it. */
#include "fixture.h"
#include "harness.h"
#include "tests.h"

#include "base/strbuf.h"

#include <string.h>

static const char *const story_text =
    "headline: 报眼里的短讯\nbody:\n  - 报眼在报头右侧，占两栏，高五行。\n";

/* The front-ear template (tests/golden/layout): the name over columns
 * 1-2 with its information under it, the ear in 3-4, five lines; ear.yaml
 * placed with `ear_keys`, or not at all (NULL). */
static fixture_edition front(const char *masthead, const char *ear_keys)
{
    char *ear = ear_keys ? xasprintf("      - {article: ear.yaml%s}\n", ear_keys) : xstrdup("");
    char *ed = xasprintf("paper: 测试日报\ndate: 2018-12-28\ntemplate: front-ear\n"
                         "masthead: {%s}\npages:\n"
                         "  - page: T1\n    articles:\n%s"
                         "      - {article: a.yaml, columns: 1-4, top: 6, lines: fill}\n"
                         "  - page: T2\n    articles: []\n",
                         masthead, ear);
    free(ear);
    fixture_edition fe =
        fixture_compose_files("edition.yaml", ed, "ear.yaml", story_text, "a.yaml", story_text, NULL);
    free(ed);
    return fe;
}

static bool has_line(const page_out *po, line_role role, const char *text)
{
    for (int i = 0; i < po->list.lines.n; i++)
        if (po->list.lines.v[i].role == role && strstr(po->list.lines.v[i].text, text))
            return true;
    return false;
}

void test_front_information_counts_the_pages_and_names_the_sponsors(void)
{
    fixture_edition fe = front("issue: 第1期, authority: 测试市委, sponsor: 测试日报社",
                               ", area: ear");
    const page_out *po = &fe.out.pages[0];
    CHECK(has_line(po, ROLE_FOLIO, "第1期　今日2版"));
    CHECK(has_line(po, ROLE_FOLIO, "主管：测试市委　主办：测试日报社"));
    fixture_edition_free(&fe);
    fe = front("authority: 测试市委, sponsor: 测试市委", ", area: ear");
    po = &fe.out.pages[0];
    CHECK(has_line(po, ROLE_FOLIO, "今日2版"));
    CHECK(has_line(po, ROLE_FOLIO, "主管主办：测试市委"));
    fixture_edition_free(&fe);
}

void test_front_the_ear_stands_beside_the_masthead(void)
{
    fixture_edition fe = front("issue: 第1期", ", area: ear, headline-style: headline-small");
    const page_out *po = &fe.out.pages[0];
    const template *t = &fe.l->templates[fe.ed->pages[0].template_index];
    const module_box *ear = po->modules.n > 0 ? &po->modules.v[0] : NULL;
    CHECK(ear != NULL);
    if (ear) {
        /* The template's ear columns, over the masthead's lines. */
        CHECK_INT(ear->col_from, 2);
        CHECK_INT(ear->col_to, 3);
        CHECK_INT(ear->top, 0);
        CHECK_INT(ear->lines, t->masthead.lines);
        CHECK_INT(ear->overset_lines, 0);
    }
    CHECK(has_line(po, ROLE_HEADLINE, "报眼里的短讯"));
    /* The story rule parts it from the name, down the masthead. */
    scaled x = template_column_x(t, 2) - t->gutter / 2;
    int rules = 0;
    for (int i = 0; i < po->list.ops.n; i++) {
        const draw_op *op = &po->list.ops.v[i];
        rules += op->kind == DRAW_RULE && op->x == x && op->x2 == x &&
                 op->weight == t->makeup.story_rule && op->y == t->area_y;
    }
    CHECK_INT(rules, 1);
    fixture_edition_free(&fe);
}

void test_front_an_empty_ear_is_a_hole(void)
{
    fixture_edition fe = front("issue: 第1期", NULL);
    const page_out *po = &fe.out.pages[0];
    const template *t = &fe.l->templates[fe.ed->pages[0].template_index];
    int holes = 0;
    for (int i = 0; i < po->findings.n; i++) {
        const makeup_finding *f = &po->findings.v[i];
        holes += f->kind == MAKEUP_PAGE_HOLE && f->y == t->area_y && f->lines == 5;
    }
    CHECK_INT(holes, 2); /* the ear's two columns, over the masthead's lines */
    fixture_edition_free(&fe);
}

void test_front_the_folio_sets_the_page_and_the_paper_in_their_styles(void)
{
    /* Page T2 of the front-ear template: "{page}  {name}", "{paper}". */
    fixture_edition fe = front("issue: 第1期", ", area: ear");
    const page_out *po = &fe.out.pages[1];
    const folio_spec *f = &fe.l->templates[fe.ed->pages[1].template_index].folio;
    int page = 0, paper = 0;
    for (int i = 0; i < po->list.ops.n; i++) {
        const draw_op *op = &po->list.ops.v[i];
        if (op->kind != DRAW_GLYPHS)
            continue;
        if (!strncmp(op->text + op->glyphs[0].text_start, "T2", 2))
            page += op->style == f->page_style;
        if (!strncmp(op->text + op->glyphs[0].text_start, "测试日报", strlen("测试日报")))
            paper += op->style == f->paper_style;
    }
    CHECK_INT(page, 1);
    CHECK_INT(paper, 1);
    CHECK(f->page_style >= 0 && fe.l->styles[f->page_style].size > fe.l->styles[f->style].size);
    fixture_edition_free(&fe);
}

void test_front_a_teaser_names_the_page_its_story_stands_on(void)
{
    /* The story is placed on the third page, labelled B5: the teaser on
     * the first says so, in the story's headline unless it has words of
     * its own. */
    fixture_edition fe = fixture_compose_files(
        "edition.yaml",
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
        "  - page: A1\n    articles:\n"
        "      - {article: guide.yaml, columns: 1-3, top: 1, lines: 6, set-columns: 1}\n"
        "  - page: A2\n    articles: []\n"
        "  - page: B5\n    articles:\n"
        "      - {article: b.yaml, columns: 1-3, top: 1, lines: 6}\n",
        "guide.yaml",
        "headline: 导读\nbody:\n  - teaser: b.yaml\n  - teaser: b.yaml\n    text: 自己的话\n",
        "b.yaml", "headline:\n  - 后面版上的\n  - 稿件\nbody:\n  - 正文。\n", NULL);
    const page_out *po = &fe.out.pages[0];
    CHECK(has_line(po, ROLE_BODY, "后面版上的稿件"));
    CHECK(has_line(po, ROLE_BODY, "自己的话"));
    int refs = 0;
    for (int i = 0; i < po->list.lines.n; i++)
        refs += strstr(po->list.lines.v[i].text, "详见B5版") != NULL;
    CHECK_INT(refs, 2);
    fixture_edition_free(&fe);
}

/* A PDF of one page, 200 × 50 pt, that draws a triangle: text only, its
 * cross-reference table counted out. */
static char *triangle_pdf(void)
{
    static const char *const objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 50] /Contents 4 0 R >>",
        "<< /Length 23 >>\nstream\n0 0 m 200 0 l 100 50 l f\nendstream",
    };
    strbuf b = {0};
    long at[4];
    sb_printf(&b, "%%PDF-1.4\n");
    for (int i = 0; i < 4; i++) {
        at[i] = b.n;
        sb_printf(&b, "%d 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
    long xref = b.n;
    sb_printf(&b, "xref\n0 5\n0000000000 65535 f \n");
    for (int i = 0; i < 4; i++)
        sb_printf(&b, "%010ld 00000 n \n", at[i]);
    sb_printf(&b, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
    return sb_take(&b);
}

void test_front_a_pdf_logotype_stands_for_the_name(void)
{
    char *logo = triangle_pdf();
    fixture_edition fe = fixture_compose_files(
        "edition.yaml",
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: front-ear\n"
        "masthead: {issue: 第1期, logo: logo.pdf}\npages:\n"
        "  - page: T1\n    articles:\n      - {article: a.yaml, area: ear}\n",
        "logo.pdf", logo, "a.yaml", story_text, NULL);
    const page_out *po = &fe.out.pages[0];
    const draw_op *form = NULL;
    for (int i = 0; i < po->list.ops.n; i++)
        if (po->list.ops.v[i].kind == DRAW_FORM)
            form = &po->list.ops.v[i];
    CHECK(form != NULL);
    CHECK(!has_line(po, ROLE_MASTHEAD, "测试日报")); /* the logotype, not set type */
    if (form) {
        /* In the page's proportions, as tall as the name stands (MU-8). */
        CHECK_NEAR((double)form->w / form->h, 4.0, 0.01);
        CHECK_INT(po->masthead_name, form->h);
        CHECK(strstr(form->image, "logo.pdf") != NULL);
    }
    fixture_edition_free(&fe);
    free(logo);
}
