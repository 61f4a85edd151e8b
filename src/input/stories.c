/* stories.c — a page's stories: ranked articles for the planner
 * (page/plan.h), read from edition.yaml's `stories:` (docs/content.md,
 * "Stories for the planner"). */
#include "input/loader.h"

#include "base/arena.h"
#include "input/keys.h"

#include <string.h>

/* A story being read: the label of the page it may jump to waits until
 * every page is known. */
typedef struct story_src {
    story st;
    yml_node *file;
    const char *continue_label;
    int columns_from, columns_to;
} story_src;

/* 头条 (the lead), 二条, 三条 … or a number from 1. */
static bool read_rank(field_reader *r, yml_node *v, void *dest)
{
    story_src *src = dest;
    static const char *const words[] = {"头条", "二条", "三条", "四条", "五条",
                                        "六条", "七条", "八条", "九条", "十条", NULL};
    if (!v)
        return true;
    if (!yml_expect_kind(v, r->d, YML_SCALAR, r->name))
        return false;
    for (int i = 0; words[i]; i++)
        if (strcmp(v->str, words[i]) == 0) {
            src->st.rank = i + 1;
            return true;
        }
    long n;
    if (!yml_read_int(v, r->d, "rank (头条, 二条 … or a number)", 1, 99, &n))
        return false;
    src->st.rank = (int)n;
    return true;
}

/* "3" or "2-4": the width wished, in grid columns. */
static bool read_story_columns(field_reader *r, yml_node *v, void *dest)
{
    story_src *src = dest;
    if (!v)
        return true;
    if (!yml_expect_kind(v, r->d, YML_SCALAR, r->name))
        return false;
    int from, to, used = 0;
    long max = r->args[0];
    if ((sscanf(v->str, "%d-%d%n", &from, &to, &used) == 2 && !v->str[used]) ||
        (sscanf(v->str, "%d%n", &from, &used) == 1 && !v->str[used] && (to = from, true))) {
        if (from >= 1 && to >= from && to <= max) {
            src->st.min_columns = from;
            src->st.max_columns = to;
            return true;
        }
    }
    return diag_error(r->d, v->loc,
                      "columns of a story is how many grid columns it may take, \"3\" or a "
                      "range \"2-4\" within 1-%ld, not \"%s\"",
                      max, v->str);
}

static bool read_story_jump(field_reader *r, yml_node *v, void *dest)
{
    story_src *src = dest;
    return !v || yml_read_string(v, r->d, r->name, &src->continue_label);
}

#define AT(f) offsetof(story_src, f)
static const field story_fields[] = {
    {"article", FIELD_SCALAR, AT(file), .required = true, .type_doc = "file",
     .doc = "the article file, relative to the edition folder"},
    {"rank", FIELD_CUSTOM, 0, .read = read_rank, .required = true, .type_doc = "rank",
     .range_doc = "头条, 二条 … 十条, or 1 to 99",
     .doc = "its importance on the page: the lead (头条) stands top and widest"},
    {"columns", FIELD_CUSTOM, 0, .read = read_story_columns, .type_doc = "columns",
     .range_doc = "a count or a range such as 2-4", .doc = "the width wished, in grid columns"},
    {"above-fold", FIELD_BOOL, AT(st.above_fold),
     .doc = "wholly in the page's upper half (the fold of a broadsheet)"},
    {"photo", FIELD_BOOL, AT(st.with_photo),
     .doc = "set with its photo (true unless given; false leaves the photo out)"},
    {"keep-on-page", FIELD_BOOL, AT(st.keep_on_page),
     .doc = "never jumps to another page"},
    {"ear", FIELD_BOOL, AT(st.ear),
     .doc = "set in the first page's ear (报眼) beside the masthead, as a placement's area: ear"},
    {"continue-on", FIELD_CUSTOM, 0, .read = read_story_jump, .type_doc = "page label",
     .doc = "the page its rest may jump to when it does not fit"},
    {0},
};
#undef AT
const field_table story_keys = {"a story", story_fields};

static bool load_story(loader *ld, const template *t, yml_node *n, story_src *src)
{
    if (!yml_expect_kind(n, ld->d, YML_MAP, "a story"))
        return false;
    field_reader r = loader_fields(ld);
    r.args[0] = t->columns; /* the grid's columns, read_story_columns' bound */
    *src = (story_src){.st = {.continue_page = -1, .with_photo = true, .loc = n->loc}};
    bool ok = fields_read(&r, n, &story_keys, src);
    if (!ok || !src->file)
        return false;
    const char *path = content_path(ld, src->file, "article file");
    if (!path)
        return false;
    for (int i = 0; i < ld->e->article_count; i++)
        if (strcmp(ld->e->articles[i]->file, path) == 0)
            return diag_error(ld->d, src->file->loc,
                              "article \"%s\" is given twice in this edition; a story is "
                              "placed once (the planner makes its jump)",
                              src->file->str);
    article *a = article_load(ld, src->file, path);
    if (!a)
        return false;
    src->st.article = a;
    src->st.given = arena_strdup(ld->e->arena, src->file->str);
    ld->e->articles[ld->e->article_count++] = a;
    return true;
}

bool read_stories(field_reader *r, yml_node *list, void *dest)
{
    loader *ld = r->user;
    page_spec *pg = dest;
    if (!list || pg->template_index < 0)
        return !list;
    if (pg->placement_count > 0)
        return diag_error(r->d, list->loc,
                          "a page has either \"articles\" (placed) or \"stories\" (to be "
                          "planned), not both");
    const template *t = &ld->l->templates[pg->template_index];
    pg->stories = ARENA_NEW_ARRAY(ld->e->arena, story, list->count + 1);
    bool ok = true;
    for (int k = 0; k < list->count; k++) {
        story_src src;
        if (!load_story(ld, t, list->items[k], &src)) {
            ok = false;
            continue;
        }
        story *st = &pg->stories[pg->story_count++];
        *st = src.st;
        if (src.continue_label) {
            pending_jump *j = &ld->pending_jumps[ld->pending_jump_count++];
            *j = (pending_jump){.story = st, .label = src.continue_label,
                                .loc = yml_lookup(list->items[k], "continue-on")->loc};
        }
    }
    return ok;
}

