/* test_breaker.c — the line breakers on item lists built by hand.
 *
 * breaker.h knows nothing of fonts, so these tests need none: a pattern
 * such as "AAA|BB|CC" makes one box of 10 per letter, glue between the
 * letters of a group and a break (penalty 0, then the glue) between
 * groups, and ends with fill and a forced break, as hlist.c ends every
 * paragraph. */
#include "harness.h"
#include "tests.h"

#include "base/arena.h"
#include "text/breaker.h"

enum { BOX = 10 };

typedef struct list {
    item v[256];
    int n;
} list;

static void add(list *l, item it) { l->v[l->n++] = it; }

static item box(scaled w) { return (item){.kind = ITEM_BOX, .width = w, .unit = 0}; }

static item glue(scaled w, scaled stretch, scaled shrink)
{
    return (item){.kind = ITEM_GLUE, .glue = GLUE_INTER, .width = w, .stretch = stretch,
                  .shrink = shrink, .unit = -1};
}

static item penalty(int p) { return (item){.kind = ITEM_PENALTY, .penalty = p, .unit = -1}; }

/* The k-th box (0-based) or penalty of a list. */
static item *nth(list *l, item_kind kind, int k)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i].kind == kind && k-- == 0)
            return &l->v[i];
    return &l->v[l->n - 1];
}

/* Letters are boxes; ' ' between letters of a group is implied glue;
 * '|' is a break, '!' a forced break, '#' a break that is never taken. */
static list build(const char *pattern, scaled stretch, scaled shrink)
{
    list l = {.n = 0};
    for (const char *p = pattern; *p; p++) {
        if (*p == '|' || *p == '!' || *p == '#') {
            if (*p == '!')
                add(&l, glue(0, 0, 0)), l.v[l.n - 1].glue = GLUE_FILL;
            add(&l, penalty(*p == '|' ? 0 : *p == '!' ? -PENALTY_INF : PENALTY_INF));
            add(&l, glue(0, stretch, shrink));
            continue;
        }
        if (p != pattern && p[-1] != '|' && p[-1] != '!' && p[-1] != '#')
            add(&l, glue(0, stretch, shrink));
        add(&l, box(BOX));
    }
    item fill = glue(0, 0, 0);
    fill.glue = GLUE_FILL;
    add(&l, fill);
    add(&l, penalty(-PENALTY_INF));
    return l;
}

/* The boxes on each line, as "3,2,5": the shape of the paragraph. */
static const char *shape(const list *l, const break_result *br)
{
    static char buf[256];
    buf[0] = 0;
    for (int i = 0; i < br->line_count; i++) {
        int boxes = 0;
        for (int k = br->lines[i].start; k < br->lines[i].end; k++)
            boxes += l->v[k].kind == ITEM_BOX;
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%d", i ? "," : "", boxes);
    }
    return buf;
}

/* Knuth & Plass's point: filling each line in turn leaves a very loose
 * line (CC alone); the optimum breaks line 1 early and sets all three
 * lines well. */
void test_breaker_optimal_beats_first_fit(void)
{
    list l = build("AAA|BB|CC|DDDDD", BOX, 0);
    scaled w = 6 * BOX;
    arena *a = arena_new();
    break_result ff, kp;
    breaker_first_fit(l.v, l.n, &w, 1, a, &ff);
    CHECK_STR(shape(&l, &ff), "5,2,5");
    CHECK(ff.lines[1].ratio > 3); /* 40 to spread over one gap of 10 */
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 0, a, &kp));
    CHECK_STR(shape(&l, &kp), "3,4,5");
    CHECK_INT(kp.pass, 1);
    for (int i = 0; i < kp.line_count; i++)
        CHECK(kp.lines[i].badness <= breaker_defaults.tolerance);
    arena_free(a);
}

/* First fit ends each line at the last break where it fits, shrinking
 * if it must; it never fails. */
void test_breaker_first_fit_takes_what_fits(void)
{
    list l = build("AA|AA|AA|AA|AA|AA|A", BOX, 1);
    scaled w = 5 * BOX;
    arena *a = arena_new();
    break_result ff;
    breaker_first_fit(l.v, l.n, &w, 1, a, &ff);
    CHECK_STR(shape(&l, &ff), "4,4,5");
    /* With shrink to spare, 6 boxes squeeze into 5.6 boxes' room. */
    list s = build("AAA|AAA|AAA", BOX, BOX / 10);
    scaled w2 = 56;
    breaker_first_fit(s.v, s.n, &w2, 1, a, &ff);
    CHECK_STR(shape(&s, &ff), "6,3");
    CHECK(ff.lines[0].ratio < -0.7 && ff.lines[0].ratio >= -1);
    arena_free(a);
}

/* A box wider than the measure: first fit gives it a line of its own,
 * flagged overfull; the optimal breaker finds no way and says so (the
 * caller then adds emergency breaks). */
void test_breaker_overfull_box(void)
{
    list l = build("AA|B|AA", BOX, 0);
    nth(&l, ITEM_BOX, 2)->width = 8 * BOX; /* the B */
    scaled w = 5 * BOX;
    arena *a = arena_new();
    break_result br;
    breaker_first_fit(l.v, l.n, &w, 1, a, &br);
    CHECK_STR(shape(&l, &br), "2,1,2");
    CHECK(!br.lines[0].overfull);
    CHECK(br.lines[1].overfull);
    CHECK(!breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 0, a, &br));
    arena_free(a);
}

/* A forced break ends a line even with room to spare, and that line is
 * not stretched (it ends with fill); a penalty of PENALTY_INF is never a
 * break. */
void test_breaker_forced_and_forbidden_breaks(void)
{
    list l = build("AA!AA|AA#AA|A", BOX, 1);
    scaled w = 10 * BOX;
    arena *a = arena_new();
    break_result kp, ff;
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 0, a, &kp));
    CHECK_STR(shape(&l, &kp), "2,7");
    CHECK_INT(kp.lines[0].badness, 0);
    breaker_first_fit(l.v, l.n, &w, 1, a, &ff);
    CHECK_STR(shape(&l, &ff), "2,7");
    /* At 5 boxes AA#AA|A fills a line, but only because # is no break:
     * were it one, AA|AA would be a better line 2. */
    scaled narrow = 5 * BOX;
    CHECK(breaker_optimal(l.v, l.n, &narrow, 1, &breaker_defaults, 0, a, &kp));
    CHECK_STR(shape(&l, &kp), "2,2,5");
    arena_free(a);
}

/* widths[0] is the first line's measure, the last entry every later
 * line's (a first line beside a photo, or after a drop). */
void test_breaker_first_line_measure(void)
{
    list l = build("A|A|A|A|A|A|A|A|A|A", BOX, 0);
    scaled w[2] = {3 * BOX, 5 * BOX};
    arena *a = arena_new();
    break_result kp;
    CHECK(breaker_optimal(l.v, l.n, w, 2, &breaker_defaults, 0, a, &kp));
    CHECK_STR(shape(&l, &kp), "3,5,2");
    arena_free(a);
}

/* Looseness asks for the best paragraph one line longer or shorter; a
 * shorter one exists only when shrinking allows it, and none is offered
 * that is not as good as a normal paragraph. */
void test_breaker_looseness_plus_and_minus_one(void)
{
    /* 21 boxes at 10 a line: 3 lines, the last short. */
    list l = build("A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A", BOX, 1);
    scaled w = 10 * BOX;
    arena *a = arena_new();
    break_result br;
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 0, a, &br));
    CHECK_INT(br.line_count, 3);
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 1, a, &br));
    CHECK_INT(br.line_count, 4);
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, -1, a, &br));
    CHECK_INT(br.line_count, 2);
    CHECK(br.lines[0].ratio >= -1);
    /* 30 boxes cannot be squeezed into 2 lines of 10. */
    list m = build("A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A|A", BOX, 1);
    CHECK(breaker_optimal(m.v, m.n, &w, 1, &breaker_defaults, 0, a, &br));
    CHECK_INT(br.line_count, 3);
    CHECK(!breaker_optimal(m.v, m.n, &w, 1, &breaker_defaults, -1, a, &br));
    arena_free(a);
}

/* A positive penalty steers the choice: AAAA|A fills line 1 exactly, but
 * a cost on that break makes a slightly loose AAAA the better line; a
 * break at or above BREAKER_SOFT_LIMIT is never taken for looseness. */
void test_breaker_penalty_steers_the_choice(void)
{
    list l = build("AAAA|A|AAAA", BOX, 0);
    scaled w = 5 * BOX;
    arena *a = arena_new();
    break_result br;
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 0, a, &br));
    CHECK_STR(shape(&l, &br), "5,4");
    nth(&l, ITEM_PENALTY, 1)->penalty = 50;
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 0, a, &br));
    CHECK_STR(shape(&l, &br), "4,5");

    /* One line more: 3,2,5,3 is the best of four lines.  Every way to
     * four lines breaks after the first AAA or the first AA; when both
     * breaks are only tolerated (a number from its unit), there is none. */
    list m = build("AAA|AA|AAA|AA|AAA", 2 * BOX, 0);
    CHECK(breaker_optimal(m.v, m.n, &w, 1, &breaker_defaults, 0, a, &br));
    CHECK_STR(shape(&m, &br), "5,5,3");
    CHECK(breaker_optimal(m.v, m.n, &w, 1, &breaker_defaults, 1, a, &br));
    CHECK_STR(shape(&m, &br), "3,2,5,3");
    nth(&m, ITEM_PENALTY, 1)->penalty = BREAKER_SOFT_LIMIT;
    CHECK(breaker_optimal(m.v, m.n, &w, 1, &breaker_defaults, 1, a, &br));
    CHECK_STR(shape(&m, &br), "3,5,2,3");
    nth(&m, ITEM_PENALTY, 0)->penalty = BREAKER_SOFT_LIMIT;
    CHECK(!breaker_optimal(m.v, m.n, &w, 1, &breaker_defaults, 1, a, &br));
    CHECK(breaker_optimal(m.v, m.n, &w, 1, &breaker_defaults, 0, a, &br));
    arena_free(a);
}

/* A break the rules only tolerate (a number from its unit) is weighed
 * against looser lines, not taken because they are beyond the first
 * pass's tolerance: AAAA| needs a ratio of 1.67 (badness 463, over 400),
 * AAAAA fills the line but only through the tolerated break.  With a
 * strict first pass the loose-ish line wins, as it should unless it is
 * loose by the breaker's measure, where the tolerated break wins again. */
void test_breaker_tolerated_break_only_against_a_loose_line(void)
{
    list l = build("AAAA|A|AAAA", 2, 0);
    nth(&l, ITEM_PENALTY, 1)->penalty = 5000;
    scaled w = 5 * BOX;
    arena *a = arena_new();
    break_result br;
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &breaker_defaults, 0, a, &br));
    CHECK_STR(shape(&l, &br), "5,4"); /* found in the first pass */

    breaker_params strict = breaker_defaults;
    strict.strict_first_pass = true;
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &strict, 0, a, &br));
    CHECK_STR(shape(&l, &br), "4,5");
    CHECK_INT(br.pass, 2);
    strict.loose_ratio = 1.92; /* 1.67 is not loose */
    strict.loose_penalty = 5000;
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &strict, 0, a, &br));
    CHECK_STR(shape(&l, &br), "4,5");

    breaker_params loose = strict;
    loose.loose_ratio = 1.5; /* now it is: the tolerated break is better */
    CHECK(breaker_optimal(l.v, l.n, &w, 1, &loose, 0, a, &br));
    CHECK_STR(shape(&l, &br), "5,4");
    /* Two tolerated breaks (5,5,4) are not worth one loose line. */
    list m = build("AAAA|A|AAAA|A|AAAA", 2, 0);
    nth(&m, ITEM_PENALTY, 1)->penalty = 5000;
    nth(&m, ITEM_PENALTY, 3)->penalty = 5000;
    CHECK(breaker_optimal(m.v, m.n, &w, 1, &loose, 0, a, &br));
    CHECK_STR(shape(&m, &br), "4,5,5");
    arena_free(a);
}
