/* test_plan.c — the planner (page/plan.h): each of its cost terms avoided
 * on small editions of ranked stories, and the plan the same every time. */
#include "fixture.h"
#include "harness.h"
#include "tests.h"

#include "base/strbuf.h"

/* An article: a headline and `paras` paragraphs of `n` sentences. */
static char *story_text(const char *headline, int paras, int n)
{
    strbuf b = {0};
    sb_printf(&b, "headline: %s\nbody:\n", headline);
    for (int p = 0; p < paras; p++) {
        sb_printf(&b, "  - ");
        for (int i = 0; i < n; i++)
            sb_printf(&b, "%s", i % 2 ? "各地加快推进冬季农田水利建设。" : "今年全市完成投资超过去年同期。");
        sb_printf(&b, "\n");
    }
    return sb_take(&b);
}

static const char *const head = "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n";

/* The module of article `id` in a composed edition. */
static const module_box *module_of(const fixture_edition *fe, int page, const char *id)
{
    const page_out *po = &fe->out.pages[page];
    for (int k = 0; k < po->modules.n; k++)
        if (po->modules.v[k].article >= 0 &&
            !strcmp(fe->ed->articles[po->modules.v[k].article]->id, id))
            return &po->modules.v[k];
    return NULL;
}

static int findings(const fixture_edition *fe, makeup_kind kind)
{
    int n = 0;
    for (int p = 0; p < fe->out.page_count; p++)
        for (int i = 0; i < fe->out.pages[p].findings.n; i++)
            n += fe->out.pages[p].findings.v[i].kind == kind;
    return n;
}

/* Plan the edition, then set the plan; the stories a, b, c are given. */
static fixture_edition plan_and_set(const char *edition_yaml, const char *a, const char *b,
                                    const char *c, char **plan)
{
    *plan = fixture_plan_files("edition.yaml", edition_yaml, "a.yaml", a, "b.yaml", b, "c.yaml", c,
                               NULL);
    if (!*plan) {
        diag_print(fixture_get()->d, stderr, (diag_style){.warnings = true, .all = true});
        fprintf(stderr, "test_plan: no plan\n");
        exit(2);
    }
    return fixture_compose_files("edition.yaml", *plan, "a.yaml", a, "b.yaml", b, "c.yaml", c,
                                 NULL);
}

static fixture_edition plan_four(const char *stories, const char *a, const char *b, const char *c,
                                 const char *d, char **plan);

void test_plan_lead_stands_top_and_widest(void)
{
    char *a = story_text("头条稿件", 3, 4), *b = story_text("二条", 2, 3), *c = story_text("三条", 2, 3);
    char *ed = xasprintf("%s  - page: T1\n    stories:\n"
                         "      - {article: b.yaml, rank: 二条}\n"
                         "      - {article: a.yaml, rank: 头条}\n"
                         "      - {article: c.yaml, rank: 3}\n",
                         head);
    char *plan;
    fixture_edition fe = plan_and_set(ed, a, b, c, &plan);
    const module_box *lead = module_of(&fe, 0, "a"), *second = module_of(&fe, 0, "b"),
                     *third = module_of(&fe, 0, "c");
    CHECK(lead && second && third);
    if (lead && second && third) {
        CHECK(lead->top <= second->top && lead->top <= third->top);
        CHECK(lead->col_to - lead->col_from >= second->col_to - second->col_from);
        CHECK(lead->col_to - lead->col_from >= third->col_to - third->col_from);
    }
    fixture_edition_free(&fe);
    free(plan), free(ed), free(a), free(b), free(c);
}

void test_plan_fills_the_page_without_overset_or_collision(void)
{
    char *a = story_text("头条稿件", 3, 4), *b = story_text("二条稿件", 2, 3),
         *c = story_text("三条稿件", 2, 3);
    char *ed = xasprintf("%s  - page: T1\n    stories:\n"
                         "      - {article: a.yaml, rank: 1}\n"
                         "      - {article: b.yaml, rank: 2}\n"
                         "      - {article: c.yaml, rank: 3}\n",
                         head);
    char *plan;
    fixture_edition fe = plan_and_set(ed, a, b, c, &plan);
    CHECK_INT(fe.out.overset_lines, 0);
    CHECK_INT(findings(&fe, MAKEUP_COLLISION), 0);
    CHECK_INT(findings(&fe, MAKEUP_PAGE_HOLE), 0);
    CHECK_INT(findings(&fe, MAKEUP_HEAD_SPACE), 0);
    fixture_edition_free(&fe);
    free(plan), free(ed), free(a), free(b), free(c);
}

void test_plan_jumps_only_where_marked_and_to_the_page_named(void)
{
    /* A lead far longer than a page: with continue-on it jumps there. */
    char *a = story_text("长头条", 8, 6), *b = story_text("二条稿件", 2, 3),
         *c = story_text("三条稿件", 2, 3);
    char *ed = xasprintf("%s  - page: T1\n    stories:\n"
                         "      - {article: a.yaml, rank: 1, continue-on: T2}\n"
                         "      - {article: b.yaml, rank: 2}\n"
                         "  - page: T2\n    stories:\n"
                         "      - {article: c.yaml, rank: 1}\n",
                         head);
    char *plan;
    fixture_edition fe = plan_and_set(ed, a, b, c, &plan);
    CHECK(strstr(plan, "continue-on: T2") != NULL);
    CHECK(strstr(plan, "continued: true") != NULL);
    CHECK_INT(fe.out.overset_lines, 0);
    fixture_edition_free(&fe);
    free(plan), free(ed);
    /* Without it, the story is reported with the room it needs. */
    ed = xasprintf("%s  - page: T1\n    stories:\n"
                   "      - {article: a.yaml, rank: 1}\n"
                   "      - {article: b.yaml, rank: 2}\n"
                   "  - page: T2\n    stories:\n"
                   "      - {article: c.yaml, rank: 1}\n",
                   head);
    /* Its own messages: the fixture's stay free of the error expected. */
    fixture *f = fixture_get();
    diag *shared = f->d;
    f->d = diag_new();
    plan = fixture_plan_files("edition.yaml", ed, "a.yaml", a, "b.yaml", b, "c.yaml", c, NULL);
    CHECK(plan == NULL);
    int n;
    const diag_msg *m = diag_messages(f->d, &n);
    CHECK(diag_error_count(f->d) == 1 && n > 0 && strstr(m[n - 1].text, "grid lines") != NULL);
    diag_free(f->d);
    f->d = shared;
    free(plan), free(ed), free(a), free(b), free(c);
}

/* A lead that jumps, its text broken by subheads: the flow keeps a head
 * from a column's foot, and the planner finds the lead a shape in which
 * none stands there, so no column of it ends short. */
void test_plan_keeps_the_leads_heads_from_a_column_foot(void)
{
    /* Paragraphs of so many sentences; 0 a subhead. */
    static const int parts[] = {2, 0, 2, 3, 0, 2, 2, 0, 3, 2, 0, 2, 3, 2};
    strbuf lead = {0};
    sb_printf(&lead, "headline: 长头条稿件\nbody:\n");
    for (size_t i = 0, heads = 0; i < countof(parts); i++) {
        if (parts[i] == 0) {
            sb_printf(&lead, "  - h2: 小标题第%zu节\n", ++heads);
            continue;
        }
        sb_printf(&lead, "  - ");
        for (int k = 0; k < parts[i]; k++)
            sb_printf(&lead, "%s", k % 2 ? "今年全市完成投资超过去年同期。" : "各地加快推进冬季农田水利建设。");
        sb_printf(&lead, "\n");
    }
    char *a = sb_take(&lead), *b = story_text("二条稿件", 2, 3), *c = story_text("三条稿件", 2, 3),
         *d = story_text("另版稿件", 2, 3);
    char *ed = xasprintf("%s  - page: T1\n    stories:\n"
                         "      - {article: a.yaml, rank: 1, continue-on: T2}\n"
                         "      - {article: b.yaml, rank: 2}\n"
                         "      - {article: c.yaml, rank: 3}\n"
                         "  - page: T2\n    stories:\n"
                         "      - {article: d.yaml, rank: 1}\n",
                         head);
    char *plan = fixture_plan_files("edition.yaml", ed, "a.yaml", a, "b.yaml", b, "c.yaml", c,
                                    "d.yaml", d, NULL);
    CHECK(plan != NULL && strstr(plan, "continue-on: T2") != NULL);
    if (plan) {
        fixture_edition fe = fixture_compose_files("edition.yaml", plan, "a.yaml", a, "b.yaml", b,
                                                   "c.yaml", c, "d.yaml", d, NULL);
        const page_out *t1 = &fe.out.pages[0];
        int short_columns = 0;
        for (int i = 0; i < t1->findings.n; i++)
            short_columns += t1->findings.v[i].kind == MAKEUP_SHORT_COLUMN;
        CHECK_INT(short_columns, 0);
        CHECK_INT(fe.out.overset_lines, 0);
        fixture_edition_free(&fe);
    }
    free(plan), free(ed), free(a), free(b), free(c), free(d);
}

/* Four stories: the one wished a column wide and above the fold is set
 * so, with another under it. */
void test_plan_keeps_the_wishes(void)
{
    char *a = story_text("头条稿件", 2, 4), *b = story_text("二条稿件", 2, 3),
         *c = story_text("一栏", 1, 2), *d = story_text("四条稿件", 1, 3);
    char *plan;
    fixture_edition fe = plan_four("      - {article: a.yaml, rank: 1}\n"
                                   "      - {article: b.yaml, rank: 2}\n"
                                   "      - {article: c.yaml, rank: 3, columns: 1, above-fold: true}\n"
                                   "      - {article: d.yaml, rank: 4}\n",
                                   a, b, c, d, &plan);
    const module_box *one = module_of(&fe, 0, "c");
    CHECK(one != NULL);
    if (one) {
        CHECK_INT(one->col_to - one->col_from, 0);
        const template *t = &fe.l->templates[fe.ed->pages[0].template_index];
        CHECK(one->top + one->lines <= t->lines / 2);
    }
    fixture_edition_free(&fe);
    free(plan), free(a), free(b), free(c), free(d);
}

void test_plan_is_the_same_every_time(void)
{
    char *a = story_text("头条稿件", 3, 4), *b = story_text("二条稿件", 2, 3),
         *c = story_text("三条稿件", 2, 3);
    char *ed = xasprintf("%s  - page: T1\n    stories:\n"
                         "      - {article: a.yaml, rank: 1}\n"
                         "      - {article: b.yaml, rank: 2}\n"
                         "      - {article: c.yaml, rank: 3}\n",
                         head);
    char *one = fixture_plan_files("edition.yaml", ed, "a.yaml", a, "b.yaml", b, "c.yaml", c, NULL);
    char *two = fixture_plan_files("edition.yaml", ed, "a.yaml", a, "b.yaml", b, "c.yaml", c, NULL);
    CHECK(one && two && strcmp(one, two) == 0);
    CHECK(one && strstr(one, "stories:") == NULL && strstr(one, "articles:") != NULL);
    free(one), free(two), free(ed), free(a), free(b), free(c);
}

/* Four stories of the page planned and set: every finding of a kind. */
static fixture_edition plan_four(const char *stories, const char *a, const char *b, const char *c,
                                 const char *d, char **plan)
{
    char *ed = xasprintf("%s  - page: T1\n    stories:\n%s", head, stories);
    *plan = fixture_plan_files("edition.yaml", ed, "a.yaml", a, "b.yaml", b, "c.yaml", c,
                               "d.yaml", d, NULL);
    if (!*plan) {
        diag_print(fixture_get()->d, stderr, (diag_style){.warnings = true, .all = true});
        fprintf(stderr, "test_plan: no plan\n");
        exit(2);
    }
    fixture_edition fe = fixture_compose_files("edition.yaml", *plan, "a.yaml", a, "b.yaml", b,
                                               "c.yaml", c, "d.yaml", d, NULL);
    free(ed);
    return fe;
}

static const char *const four =
    "      - {article: a.yaml, rank: 1}\n"
    "      - {article: b.yaml, rank: 2}\n"
    "      - {article: c.yaml, rank: 3}\n"
    "      - {article: d.yaml, rank: 4}\n";

/* Underset and holes: every column of every module full to its foot, and
 * no grid line of the page in no module. */
/* Four stories whose text fills the tall page when the plan is right. */
static fixture_edition plan_four_filling(char **plan)
{
    char *a = story_text("头条稿件", 3, 4), *b = story_text("二条稿件", 2, 3),
         *c = story_text("三条稿件", 2, 3), *d = story_text("四条稿件", 1, 3);
    fixture_edition fe = plan_four(four, a, b, c, d, plan);
    free(a), free(b), free(c), free(d);
    return fe;
}

void test_plan_fills_every_column_to_the_foot(void)
{
    char *plan;
    fixture_edition fe = plan_four_filling(&plan);
    CHECK_INT(findings(&fe, MAKEUP_UNDERSET), 0);
    CHECK_INT(findings(&fe, MAKEUP_SHORT_COLUMN), 0);
    CHECK_INT(findings(&fe, MAKEUP_PAGE_HOLE), 0);
    fixture_edition_free(&fe);
    free(plan);
}

/* Collisions and separation: headlines side by side staggered, stories
 * parted by rules and white. */
void test_plan_staggers_heads_and_parts_the_stories(void)
{
    char *plan;
    fixture_edition fe = plan_four_filling(&plan);
    CHECK_INT(findings(&fe, MAKEUP_COLLISION), 0);
    CHECK_INT(findings(&fe, MAKEUP_HEAD_SPACE), 0);
    CHECK_INT(findings(&fe, MAKEUP_SEPARATION), 0);
    /* Placements on one grid cell would not have been set at all. */
    CHECK_INT(fe.out.page_count, 1);
    fixture_edition_free(&fe);
    free(plan);
}

/* A photo stands with its story: the story is never set narrower than
 * its photo, and the photo lies in its story's module. */
void test_plan_sets_the_photo_with_its_story(void)
{
    char *a = story_text("头条稿件", 3, 3), *b = story_text("二条稿件", 2, 2),
         *d = story_text("四条稿件", 1, 2);
    char *c = xasprintf("headline: 图片新闻\nphoto:\n  file: p.jpg\n  columns: 2\n  lines: 6\n"
                        "  caption: 图片说明。\nbody:\n  - 各地加快推进冬季农田水利建设。"
                        "今年全市完成投资超过去年同期。\n");
    char *ed = xasprintf("%s  - page: T1\n    stories:\n%s", head, four);
    const char *png = "@copy content/2018-12-28/images/marigold.jpg";
    char *plan = fixture_plan_files("edition.yaml", ed, "a.yaml", a, "b.yaml", b, "c.yaml", c,
                                    "d.yaml", d, "p.jpg", png, NULL);
    CHECK(plan != NULL);
    if (plan) {
        fixture_edition fe = fixture_compose_files("edition.yaml", plan, "a.yaml", a, "b.yaml", b,
                                                   "c.yaml", c, "d.yaml", d, "p.jpg", png, NULL);
        const module_box *m = module_of(&fe, 0, "c");
        CHECK(m != NULL && m->col_to - m->col_from + 1 >= 2);
        CHECK_INT(fe.out.overset_lines, 0);
        fixture_edition_free(&fe);
    }
    free(plan), free(ed), free(a), free(b), free(c), free(d);
}

/* A story marked for the ear stands there, beside the masthead, and the
 * ear is no hole. */
void test_plan_sets_the_ear_story_in_the_ear(void)
{
    char *a = story_text("头条稿件", 3, 3), *b = story_text("二条稿件", 2, 3),
         *c = story_text("报眼", 1, 1);
    char *ed = xasprintf("paper: 测试日报\ndate: 2018-12-28\ntemplate: front-ear\n"
                         "masthead:\n  issue: 第1期\npages:\n  - page: T1\n    stories:\n"
                         "      - {article: a.yaml, rank: 1}\n"
                         "      - {article: c.yaml, rank: 3, ear: true}\n"
                         "      - {article: b.yaml, rank: 2}\n");
    char *plan;
    fixture_edition fe = plan_and_set(ed, a, b, c, &plan);
    CHECK(strstr(plan, "area: ear") != NULL);
    const module_box *ear = module_of(&fe, 0, "c");
    CHECK(ear != NULL && ear->top == 0);
    fixture_edition_free(&fe);
    free(plan), free(ed), free(a), free(b), free(c);
}

/* The plan takes the place of each page's stories, however they are
 * written: a flow list on the key's line (the page before, a block of
 * stories, kept its own), or the key first in the page's item. */
void test_plan_takes_the_place_of_each_pages_stories(void)
{
    static const char *const pages[] = {
        "  - page: T1\n    stories:\n      - {article: a.yaml, rank: 1}\n"
        "      - {article: b.yaml, rank: 2}\n"
        "  - page: T2\n    stories: [{article: c.yaml, rank: 1}]\n",
        "  - stories:\n      - {article: a.yaml, rank: 1}\n      - {article: b.yaml, rank: 2}\n"
        "    page: T1\n  - page: T2\n    stories:\n      - {article: c.yaml, rank: 1}\n",
    };
    char *a = story_text("头条稿件", 3, 3), *b = story_text("二条稿件", 2, 3),
         *c = story_text("另版稿件", 3, 3);
    for (size_t i = 0; i < countof(pages); i++) {
        char *ed = xasprintf("%s%s", head, pages[i]), *plan;
        fixture_edition fe = plan_and_set(ed, a, b, c, &plan);
        CHECK(strstr(plan, "stories") == NULL);
        CHECK(fe.out.page_count == 2 && module_of(&fe, 0, "a") && module_of(&fe, 1, "c"));
        fixture_edition_free(&fe);
        free(plan), free(ed);
    }
    free(a), free(b), free(c);
}
