/* test_slug.c — the slug line of the print form: what it says and where
 * it stands.  The PDF draws it as outlines, so its words are checked here,
 * on the glyph runs slug_build gives the writer. */
#include "harness.h"
#include "tests.h"

#include "base/arena.h"
#include "page/build.h"
#include "page/slug.h"
#include "base/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void test_slug_names_paper_date_page_and_build_time(void)
{
    diag *d = diag_new();
    build b;
    int status = build_edition("content/2018-12-28", NULL, NULL, (content_options){0}, NULL, &b, d);
    CHECK(status == EXIT_OK);
    if (status != EXIT_OK) {
        diag_print(d, stderr, (diag_style){.warnings = true, .all = true});
        build_free(&b);
        diag_free(d);
        return;
    }
    const page_out *po = &b.eo.pages[2];
    const print_spec *pr = &b.lay->templates[b.ed->pages[2].template_index].print;
    arena *a = arena_new();
    draw_list slug = {0};
    slug_build(b.ts, b.lay, b.ed, po, 1545999960 /* 2018-12-28 12:26 UTC */, a, &slug);
    strbuf text = {0};
    int runs = 0;
    for (int i = 0; i < slug.ops.n; i++) {
        const draw_op *op = &slug.ops.v[i];
        if (op->kind != DRAW_GLYPHS)
            continue;
        runs++;
        /* Below the bleed, inside the slug band. */
        CHECK(op->y > po->height + pr->bleed);
        CHECK(op->y < po->height + pr->bleed + pr->slug);
        for (int k = 0; k < op->glyph_count; k++)
            sb_printf(&text, "%.*s", op->glyphs[k].text_len, op->text + op->glyphs[k].text_start);
    }
    CHECK(runs > 0);
    char *got = sb_take(&text);
    /* The spaces are glyphs too (TX-1): the slug's text reads as it was written. */
    CHECK_STR(got, "嵩岳日报  2018年12月28日 星期五  A3版 巩义新闻  第3/4页  排版 2018-12-28 12:26 UTC");
    free(got);
    draw_list_free(&slug);
    arena_free(a);
    build_free(&b);
    diag_free(d);
}
