/* test_stream.c — a build that hands its pages over as they are composed
 * lets each article go once no later page sets it, and no sooner. */
#include "fixture.h"
#include "harness.h"
#include "tests.h"

#include "base/strbuf.h"

/* What the sink saw: for each page, whether each article still had its
 * blocks when that page was handed over. */
typedef struct seen {
    bool held[4][3];
    int pages;
} seen;

static bool see_page(void *ctx, build *b, int page)
{
    seen *s = ctx;
    for (int a = 0; a < b->ed->article_count && a < 3 && page < 4; a++)
        s->held[page][a] = b->ed->articles[a]->block_count > 0 && b->ed->articles[a]->body;
    s->pages++;
    return true;
}

static char *long_story(const char *headline, int paras)
{
    strbuf b = {0};
    sb_printf(&b, "headline: %s\nbody:\n", headline);
    for (int p = 0; p < paras; p++)
        sb_printf(&b, "  - 这是第%d段正文，讲述了小镇一年来的各项工作和取得的成绩，内容较长。"
                      "全镇上下齐心协力，较好地完成了年度目标任务。\n",
                  p + 1);
    return sb_take(&b);
}

void test_streamed_build_lets_articles_go_after_their_last_page(void)
{
    /* a begins on T1 and goes on on T3; b stands on T2 alone. */
    char *a = long_story("转版的长稿", 24), *b_text = long_story("第二版稿件", 2);
    seen s = {0};
    build_sink sink = {see_page, &s};
    build b;
    int status = fixture_build_files(
        &sink, &b, "edition.yaml",
        "paper: 测试日报\ndate: 2018-12-28\ntemplate: tall\npages:\n"
        "  - page: T1\n    name: 测试\n    articles:\n"
        "      - {article: a.yaml, columns: 1-3, top: 1, lines: 10, continue-on: T3}\n"
        "  - page: T2\n    name: 测试\n    articles:\n"
        "      - {article: b.yaml, columns: 1-3, top: 1, lines: fill}\n"
        "  - page: T3\n    name: 测试\n    articles:\n"
        "      - {article: a.yaml, columns: 1-3, top: 1, lines: fill, continued: true}\n",
        "a.yaml", a, "b.yaml", b_text, NULL);
    CHECK_INT(status, EXIT_OK);
    CHECK_INT(s.pages, 3);
    CHECK_INT(b.ed ? b.ed->article_count : 0, 2);
    if (b.ed && b.ed->article_count == 2 && s.pages == 3) {
        /* a is held through T3, where it goes on; b until T2 is done. */
        CHECK(s.held[0][0] && s.held[1][0] && s.held[2][0]);
        CHECK(s.held[0][1] && s.held[1][1] && !s.held[2][1]);
        /* Gone at the end, but for what the outline and the messages name. */
        const article *first = b.ed->articles[0];
        CHECK(first->body == NULL && first->blocks == NULL && first->block_count == 0);
        CHECK_STR(first->id, "a");
        CHECK_STR(first->headline.text, "转版的长稿");
    }
    build_free(&b);
    free(a);
    free(b_text);
}
