/* test_makeup.c — the page make-up rules (MU-*) on small editions: stories
 * parted, headlines staggered, columns full to their foot, text around a
 * spanning box, and the findings of what cannot be mended; and a story
 * that jumps where its page is full. */
#include "fixture.h"
#include "harness.h"
#include "tests.h"

#include "base/strbuf.h"

#include <stdarg.h>

/* A paragraph of n sentences, each 15 characters with its stop. */
static char *sentences(int n)
{
    strbuf b = {0};
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%s", i % 2 ? "各地加快推进冬季农田水利建设。" : "今年全市完成投资超过去年同期。");
    return sb_take(&b);
}

/* An article: a headline and `paras` paragraphs of `n` sentences. */
static char *story_of(const char *headline, int paras, int n)
{
    strbuf b = {0};
    sb_printf(&b, "headline: %s\nbody:\n", headline);
    for (int p = 0; p < paras; p++) {
        char *s = sentences(n);
        sb_printf(&b, "  - %s\n", s);
        free(s);
    }
    return sb_take(&b);
}

static const module_box *module_of(const page_out *po, const edition *e, const char *id)
{
    for (int k = 0; k < po->modules.n; k++)
        if (po->modules.v[k].article >= 0 && !strcmp(e->articles[po->modules.v[k].article]->id, id))
            return &po->modules.v[k];
    return NULL;
}

static int findings_of(const page_out *po, makeup_kind kind)
{
    int n = 0;
    for (int i = 0; i < po->findings.n; i++)
        n += po->findings.v[i].kind == kind;
    return n;
}

/* A rule of `weight` in the page's list: horizontal (y1 == y2) or
 * vertical, inside [lo, hi] on the other axis. */
static int rules(const page_out *po, scaled weight, bool horizontal, scaled lo, scaled hi)
{
    int n = 0;
    for (int i = 0; i < po->list.ops.n; i++) {
        const draw_op *op = &po->list.ops.v[i];
        if (op->kind != DRAW_RULE || op->weight != weight || op->layer != 0)
            continue;
        if (horizontal && op->y == op->y2 && op->y >= lo && op->y <= hi)
            n++;
        if (!horizontal && op->x == op->x2 && op->x >= lo && op->x <= hi)
            n++;
    }
    return n;
}

static const char *const stacked_edition =
    "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
    "  - page: T1\n    name: 测试\n    articles:\n"
    "      - {article: a.yaml, columns: 1-3, top: 1, lines: 10}\n"
    "      - {article: b.yaml, columns: 1-3, top: 11, lines: fill}\n";

void test_MU_1_a_story_under_another_gets_white_and_a_rule(void)
{
    char *a = story_of("上面的稿件", 2, 4), *b = story_of("下面的稿件", 2, 3);
    fixture_edition fe = fixture_compose_files("edition.yaml", stacked_edition, "a.yaml", a,
                                               "b.yaml", b, NULL);
    const page_out *po = &fe.out.pages[0];
    const template *t = &fe.l->templates[fe.ed->pages[0].template_index];
    const module_box *lower = module_of(po, fe.ed, "b");
    CHECK(lower != NULL);
    if (lower) {
        /* A line of white, then the headline; the story rule in the white. */
        CHECK_INT(lower->white_lines, 1);
        CHECK_INT(lower->head_top, lower->top + 1);
        scaled white_top = lower->y - t->line_gap / 2;
        CHECK_INT(rules(po, t->makeup.story_rule, true, white_top, white_top + t->pitch), 1);
    }
    const module_box *upper = module_of(po, fe.ed, "a");
    CHECK(upper && upper->white_lines == 0); /* nothing above it */
    CHECK_INT(findings_of(po, MAKEUP_HEAD_SPACE), 0);
    CHECK(t->makeup.story_rule > t->column_rule_weight);
    fixture_edition_free(&fe);
    free(a);
    free(b);
}

void test_MU_1_stories_side_by_side_get_a_story_rule(void)
{
    char *a = story_of("左边的稿件", 3, 4), *b = story_of("右边的稿件", 2, 3);
    fixture_edition fe = fixture_compose_files(
        "edition.yaml",
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
        "  - page: T1\n    name: 测试\n    articles:\n"
        "      - {article: a.yaml, columns: 1-2, top: 1, lines: fill}\n"
        "      - {article: b.yaml, columns: 3, top: 1, lines: fill}\n",
        "a.yaml", a, "b.yaml", b, NULL);
    const page_out *po = &fe.out.pages[0];
    const template *t = &fe.l->templates[fe.ed->pages[0].template_index];
    scaled between_stories = template_column_x(t, 1) + t->col_w + t->gutter / 2;
    scaled inside_story = template_column_x(t, 0) + t->col_w + t->gutter / 2;
    CHECK_INT(rules(po, t->makeup.story_rule, false, between_stories, between_stories), 1);
    CHECK_INT(rules(po, t->makeup.story_rule, false, inside_story, inside_story), 0);
    CHECK(rules(po, t->column_rule_weight, false, inside_story, inside_story) >= 1);
    fixture_edition_free(&fe);
    free(a);
    free(b);
}

void test_MU_2_side_by_side_headlines_are_staggered(void)
{
    /* A story that goes on to page T2 above two stories side by side at
     * one top: the composer moves one down and gives the lines it leaves
     * to the story above, which has text to spare. */
    char *a = story_of("转版的长稿", 10, 6), *b = story_of("左下稿件", 3, 3),
         *c = story_of("右下稿件", 2, 3);
    fixture_edition fe = fixture_compose_files(
        "edition.yaml",
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
        "  - page: T1\n    name: 测试\n    articles:\n"
        "      - {article: a.yaml, columns: 1-3, top: 1, lines: 10, continue-on: T2}\n"
        "      - {article: b.yaml, columns: 1-2, top: 11, lines: fill}\n"
        "      - {article: c.yaml, columns: 3, top: 11, lines: fill}\n"
        "  - page: T2\n    name: 测试\n    articles:\n"
        "      - {article: a.yaml, columns: 1-3, top: 1, lines: fill, continued: true}\n",
        "a.yaml", a, "b.yaml", b, "c.yaml", c, NULL);
    const page_out *po = &fe.out.pages[0];
    const module_box *left = module_of(po, fe.ed, "b"), *right = module_of(po, fe.ed, "c");
    CHECK(left && right);
    if (left && right) {
        CHECK(left->top != right->top);
        bool apart = left->head_top + left->head_lines < right->head_top ||
                     right->head_top + right->head_lines < left->head_top;
        CHECK(apart);
    }
    CHECK_INT(findings_of(po, MAKEUP_COLLISION), 0);
    CHECK_INT(fe.out.overset_lines, 0);
    fixture_edition_free(&fe);
    free(a);
    free(b);
    free(c);
}

void test_MU_2_what_cannot_be_staggered_is_a_finding(void)
{
    /* Nothing above to take the lines: the collision stays, named. */
    char *b = story_of("左边稿件", 3, 3), *c = story_of("右边稿件", 2, 3);
    fixture_edition fe = fixture_compose_files(
        "edition.yaml",
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
        "  - page: T1\n    name: 测试\n    articles:\n"
        "      - {article: b.yaml, columns: 1-2, top: 1, lines: fill}\n"
        "      - {article: c.yaml, columns: 3, top: 1, lines: fill}\n",
        "b.yaml", b, "c.yaml", c, NULL);
    const page_out *po = &fe.out.pages[0];
    CHECK_INT(findings_of(po, MAKEUP_COLLISION), 1);
    CHECK(po->findings.n > 0 && po->findings.v[0].article >= 0 && po->findings.v[0].other >= 0);
    fixture_edition_free(&fe);
    free(b);
    free(c);
}

void test_MU_3_columns_fill_to_the_foot_but_the_last(void)
{
    /* Text for about two and a half columns in three. */
    char *a = story_of("短稿", 2, 6);
    fixture_edition fe = fixture_compose(a, "1-3");
    const module_box *mb = &fe.out.pages[0].modules.v[0];
    CHECK(mb->empty_at_foot != NULL);
    if (mb->empty_at_foot) {
        CHECK_INT(mb->empty_at_foot[0], 0);
        CHECK_INT(mb->empty_at_foot[1], 0);
        CHECK(mb->empty_at_foot[2] > 0);
    }
    CHECK_INT(findings_of(&fe.out.pages[0], MAKEUP_SHORT_COLUMN), 0);
    fixture_edition_free(&fe);
    free(a);
}

void test_MU_4_text_goes_around_a_spanning_box(void)
{
    char *s = sentences(9), *t = sentences(6);
    char *a = xasprintf("headline: 绕排\nbody:\n  - %s\n  - box: 跨两栏的方框\n"
                        "    span: 2\n  - %s\n",
                        s, t);
    fixture_edition fe = fixture_compose(a, "1-3");
    const draw_list *dl = &fe.out.pages[0].list;
    /* After the box, the text reads on in the second column above it
     * before it goes under the box in the first. */
    int box = -1, beside = -1, under = -1, box_col = -1;
    scaled box_y = 0;
    for (int i = 0; i < dl->lines.n; i++) {
        const text_line *tl = &dl->lines.v[i];
        if (tl->role == ROLE_BOX && box < 0)
            box = i, box_y = tl->y, box_col = tl->column;
    }
    for (int i = box + 1; box >= 0 && i < dl->lines.n; i++) {
        const text_line *tl = &dl->lines.v[i];
        if (tl->role != ROLE_BODY)
            continue;
        if (beside < 0 && tl->column == box_col + 1 && tl->y < box_y)
            beside = i;
        if (under < 0 && tl->column == box_col && tl->y > box_y)
            under = i;
    }
    CHECK(box >= 0 && beside > box && under > beside);
    fixture_edition_free(&fe);
    free(a);
    free(s);
    free(t);
}

void test_MU_5_underset_and_bare_type_area_are_findings(void)
{
    char *a = story_of("太短的稿件", 1, 2);
    fixture_edition fe = fixture_compose_files(
        "edition.yaml",
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
        "  - page: T1\n    name: 测试\n    articles:\n"
        "      - {article: a.yaml, columns: 1-3, top: 1, lines: 12}\n",
        "a.yaml", a, NULL);
    const page_out *po = &fe.out.pages[0];
    CHECK_INT(findings_of(po, MAKEUP_UNDERSET), 1);
    CHECK_INT(findings_of(po, MAKEUP_PAGE_HOLE), 3); /* lines 13-24 of each column */
    fixture_edition_free(&fe);
    free(a);
}

/* A column a part of a stepped module ends higher ends there: the lines
 * its text leaves empty above the cells under it (another module's) are
 * counted, and found. */
void test_MU_5_a_stepped_module_column_ends_at_its_own_foot(void)
{
    /* a: columns 1-3 for 8 lines, 1-2 for 8 more; b in column 3 under it. */
    static const char *const stepped =
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n  - page: T1\n    articles:\n"
        "      - {article: a.yaml, columns: 1-3, top: 1, lines: 8, parts: [{columns: 1-2, top: 9}]}\n"
        "      - {article: b.yaml, columns: 3, top: 9, lines: 8}\n"
        "      - {article: c.yaml, columns: 1-3, top: 17}\n";
    char *a = story_of("台阶稿件", 2, 11), *b = story_of("旁边", 1, 4), *c = story_of("下面", 2, 4);
    fixture_edition fe = fixture_compose_files("edition.yaml", stepped, "a.yaml", a, "b.yaml", b,
                                               "c.yaml", c, NULL);
    const page_out *po = &fe.out.pages[0];
    const module_box *m = module_of(po, fe.ed, "a");
    CHECK(m != NULL);
    if (m) {
        CHECK_INT(m->last_column, 2);
        CHECK(m->empty_at_foot[2] >= 3); /* MAKEUP_SHORT_LAST_COLUMN */
        bool found = false;
        for (int i = 0; i < po->findings.n; i++)
            found |= po->findings.v[i].kind == MAKEUP_UNDERSET &&
                     po->findings.v[i].article == m->article;
        CHECK(found);
    }
    fixture_edition_free(&fe);
    free(a), free(b), free(c);
}

/* Whether some body line of the edition reads `text`. */
static bool edition_has_line(const fixture_edition *fe, const char *text)
{
    for (int p = 0; p < fe->out.page_count; p++) {
        const draw_list *dl = &fe->out.pages[p].list;
        for (int i = 0; i < dl->lines.n; i++)
            if (dl->lines.v[i].role == ROLE_BODY && dl->lines.v[i].text &&
                !strcmp(dl->lines.v[i].text, text))
                return true;
    }
    return false;
}

void test_jump_at_a_paragraphs_end_carries_the_next_whole(void)
{
    /* A story that jumps, in every depth: at some the first page is full
     * where a paragraph ends.  What goes on on T2 starts at the next
     * paragraph, whole: none is lost, none begins in its middle. */
    char *first = sentences(8);
    strbuf b = {0};
    sb_printf(&b, "headline: 转版稿件\nbody:\n  - %s\n  - 乙段落。\n  - 丙段落。\n", first);
    char *a = sb_take(&b);
    for (int depth = 6; depth <= 16; depth++) {
        char ed[512];
        snprintf(ed, sizeof ed,
                 "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
                 "  - page: T1\n    name: 测试\n    articles:\n"
                 "      - {article: a.yaml, columns: 1, top: 1, lines: %d, continue-on: T2}\n"
                 "  - page: T2\n    name: 测试\n    articles:\n"
                 "      - {article: a.yaml, columns: 1, top: 1, lines: fill, continued: true}\n",
                 depth);
        fixture_edition fe = fixture_compose_files("edition.yaml", ed, "a.yaml", a, NULL);
        if (!edition_has_line(&fe, "乙段落。") || !edition_has_line(&fe, "丙段落。")) {
            fprintf(stderr, "  a paragraph is lost at a jump from %d lines\n", depth);
            harness_failed_checks++;
        }
        fixture_edition_free(&fe);
    }
    free(a);
    free(first);
}

/* The body lines of pages [from, to) of a composed edition, page after
 * page, joined; and (into `over`, when given) the text overset on page
 * `to` - 1, line ends aside. */
static char *body_text(const fixture_edition *fe, int from, int to, char **over)
{
    strbuf b = {0};
    for (int pg = from; pg < to && pg < fe->out.page_count; pg++)
        for (int i = 0; i < fe->out.pages[pg].list.lines.n; i++) {
            const text_line *tl = &fe->out.pages[pg].list.lines.v[i];
            if (tl->role == ROLE_BODY && tl->text)
                sb_printf(&b, "%s", tl->text);
        }
    if (over) {
        strbuf o = {0};
        const page_out *po = &fe->out.pages[MIN(to, fe->out.page_count) - 1];
        for (const char *c = po->modules.n ? po->modules.v[0].overset_text : NULL; c && *c; c++)
            if (*c != '\n')
                sb_printf(&o, "%c", *c);
        *over = sb_take(&o);
    }
    return sb_take(&b);
}

void test_jump_through_a_page_that_holds_none_of_it(void)
{
    /* T1 full inside a paragraph, T2 too small for any of the text (at 2
     * lines, 1 without a jump of its own, not even its （上接） line): T3
     * goes on where T1 stopped, and the body lines, page after page, read
     * the article once.  Without T3, they and what T2 leaves over do. */
    char *p[3] = {sentences(6), sentences(5), sentences(4)};
    strbuf b = {0}, all = {0};
    sb_printf(&b, "headline: 转版稿件\nbody:\n");
    for (int i = 0; i < 3; i++)
        sb_printf(&b, "  - %s\n", p[i]), sb_printf(&all, "%s", p[i]);
    char *a = sb_take(&b), *want = sb_take(&all);
    for (int k = 0; k < 20; k++) {
        bool three = k < 10;
        int first = 6 + k % 5, second = (three ? 2 : 1) + k / 5 % 2;
        char *ed = xasprintf("paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
                             "  - page: T1\n    name: 测试\n    articles:\n"
                             "      - {article: a.yaml, columns: 1, lines: %d, continue-on: T2}\n"
                             "  - page: T2\n    name: 测试\n    articles:\n"
                             "      - {article: a.yaml, columns: 1, lines: %d, continued: true%s}\n"
                             "%s",
                             first, second, three ? ", continue-on: T3" : "",
                             three ? "  - page: T3\n    name: 测试\n    articles:\n"
                                     "      - {article: a.yaml, continued: true}\n"
                                   : "");
        fixture_edition fe = fixture_compose_files("edition.yaml", ed, "a.yaml", a, NULL);
        char *over = NULL, *text = body_text(&fe, 0, three ? 3 : 2, three ? NULL : &over);
        if (over) {
            char *joined = xasprintf("%s%s", text, over);
            free(text), free(over);
            text = joined;
        }
        if (strcmp(text, want) != 0) {
            fprintf(stderr, "  T1 of %d lines, T2 of %d%s: the text is not the article's\n",
                    first, second, three ? ", T3" : " overset");
            harness_failed_checks++;
        }
        free(text), free(ed);
        fixture_edition_free(&fe);
    }
    free(a), free(want);
    for (int i = 0; i < 3; i++)
        free(p[i]);
}
