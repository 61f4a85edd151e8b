/* planner.h — what the planner's files share (page/plan.c measures the
 * stories and searches, page/planlay.c lays a page out and weighs it,
 * page/planout.c explains and writes the plan): a page being planned, a
 * candidate layout of it and where it puts each story.  Private to the
 * planner; page/plan.h is its contract with the rest of paiban.  Strings
 * and arrays a planner points at live in its arena, or in the edition. */
#ifndef PAIBAN_PAGE_PLANNER_H
#define PAIBAN_PAGE_PLANNER_H

#include "base/arena.h"
#include "input/content.h"
#include "input/layout.h"
#include "text/typeset.h"

#include <limits.h>
#include <stdio.h>

/* A story that fits nowhere at a width. */
#define NO_FIT INT_MAX
/* Bands under the lead are this many grid columns wide at most and at
 * least (one column when the page has fewer). */
enum { BAND_MIN = 2, BAND_MAX = 4, MAX_STORIES = 32, MAX_BANDS = 12 };
/* Tables by width: a width from 0 to the most grid columns. */
enum { PLAN_WIDTHS = TEMPLATE_MAX_COLUMNS + 1 };
/* What a line left empty at a story's end weighs in a plan beyond its
 * make-up cost (page/makeup.h). */
enum { UNDERSET_MORE = 80 };
/* What a wish broken (a story wished above the fold that ends below it)
 * weighs: more than anything setting the page leaves to mend, so that a
 * layout that keeps it wins wherever there is one. */
enum { WISH_BROKEN = 100000 };
/* A story that may jump takes at most this share of the page's lines. */
#define JUMP_SHARE 0.6
/* The lead that does not jump is tried this many lines shorter than it
 * needs at most: its foot steps down into the bands under it for them. */
enum { LEAD_GIVE = 6 };

/* Where the planner put a story, or its rest. */
typedef struct spot {
    int story;              /* index in the page's order, -1 for a continuation */
    int col_from, col_to, top, lines; /* lines 0: fill */
    bool jumps;
    bool ear;               /* in the first page's ear, beside the masthead */
    int body_cols;          /* the lead's headline across the page, its text in
                             * its first body_cols columns under it: `lines`
                             * is the band's, body_lines the text's (0: none) */
    int body_lines;
    int set;                /* set in this many columns of its own (0: as measured) */
} spot;

/* A story across the foot of the page, under bands side by side: story
 * `story` (-1: none) across the bands from..to of the split. */
typedef struct foot {
    int story, from, to;
} foot;

/* A layout to lay out (page/planlay.c): the lead k1 columns wide and h1
 * lines deep at the top (jumping, or with its headline across the page
 * over its text: `wide`), the stories after it beside it when it leaves
 * columns (down to the lead's foot, or `side_to_foot` to the page's), and
 * under it the bands of `split` (widths ending with 0: across the page, or
 * across the lead's columns), the story `ft` across the foot of some of
 * them.  Bands `offset` apart (every other one, from the first (0) or the
 * second (1); -1: none) are dealt `step` lines shorter, so that their
 * heads stand lower. */
/* How the stories after the first in each band are dealt: each to the
 * band with the most room left that holds it, the least, or the first
 * from the left. */
typedef enum { DEAL_MOST, DEAL_LEAST, DEAL_FIRST, DEAL_KINDS } deal_kind;

typedef struct lay_spec {
    int k1, h1;
    bool jumps, wide;
    const int *split;
    bool side_to_foot;
    foot ft;
    deal_kind deal;
    int offset, step;
    /* The band under the lead from grid column nudge_col: its stories
     * take `nudge` lines more than they would (fewer when below 0), its
     * top and the lead's foot over it that much higher; 0: as they
     * would. */
    int nudge_col, nudge;
} lay_spec;

/* A candidate layout of a page and what it costs. */
typedef struct layout_try {
    spot spots[MAX_STORIES + 1];
    int n;
    /* The lead's foot stepped down over the bands under it: more areas of
     * spots[0], grid columns and lines. */
    grid_area steps[MAX_BANDS];
    int nsteps;
    long cost, penalty;
    long guess;             /* what it is guessed to leave to mend, before setting */
    const page_spec *placed; /* after staggering */
    lay_spec spec;          /* as laid out, its split in `split` (spec.split not kept) */
    int split[MAX_BANDS + 1];
    /* As set: the first grid column in which the lead's text ends short of
     * its foot before a later column with text (a head kept from the
     * column's foot), -1 for none, and the lines short in all of them. */
    int short_col, short_lines;
} layout_try;

/* How a page's stories are measured and its lead's heads chosen for one
 * search: page/plan.c plans a page once, then again so where that leaves
 * something to mend, and keeps the cheaper. */
typedef struct plan_pass {
    bool lead_second;        /* the lead's heads a size smaller (an inside page's) */
    bool lead_feature;       /* its headline in the feature style (alone on its page) */
    bool photo_across;       /* a story whose photo spans all but one of its columns set in
                              * as many of its own, the photo across */
} plan_pass;

typedef struct planner {
    const edition *e;
    const layout *l;
    typesetter *ts;
    diag *d;
    arena *a;
    FILE *explain;
    /* the page being planned */
    int p;
    const page_spec *ps;
    const template *t;
    int columns, lines, reserved;
    const story *order[MAX_STORIES];
    int n;                   /* the stories dealt on the grid: order[0..n) */
    int ear;                 /* order[ear] stands in the ear; -1: none */
    int *need;               /* need[i * (columns + 1) + k] lines, -1 not yet measured */
    int *set;                /* set[…]: the columns of its own it is set in there (0: the grid's) */
    int *head;               /* head[…]: the grid lines of its headline band there */
    int *left;               /* left[…]: the lines its end leaves empty at that need */
    int *holes;              /* holes[…]: lines short in columns before its last there */
    int *left1;              /* left1[…]: what its end leaves a line deeper (NO_FIT: a
                              * short column or worse) */
    /* its rest, placed on this page for an earlier page's story */
    const story *rest;       /* NULL: none */
    int rest_from_page;
    const page_spec *done;   /* the edition's pages as planned so far */
    int rest_need[PLAN_WIDTHS];      /* lines by width, measured with the whole edition;
                                      * -1 unknown */
    int band;                        /* the lead's headline band across the page, -1 unknown */
    int body_need[PLAN_WIDTHS];      /* the lead's text under it by width, -1 unknown */
    int body_left[PLAN_WIDTHS];      /* and the lines its end leaves empty there */
    int floor[PLAN_WIDTHS];          /* the lead's fewest lines by width that hold its heads
                                      * and photo, -1 unknown */
    int lead_room[PLAN_WIDTHS][2];   /* plan_lead_room by width, [0] -1 unknown */
    int body_room[PLAN_WIDTHS][2];
    plan_pass pass;          /* how the search under way measures and heads */
} planner;

/* The widths story i may take: its wish, at least its photo's. */
void plan_widths(const planner *pl, int i, int *from, int *to);

/* Story i set alone at the top of the page in k grid columns, measured
 * once (page/plan.c): the fewest grid lines that hold it whole (NO_FIT
 * when the page's depth does not), and at that depth the lines of its
 * headline band, the lines its end leaves empty (its last column's and
 * any bare one's: a make-up finding from MAKEUP_SHORT_LAST_COLUMN) and
 * those short in the columns before. */
int plan_need(planner *pl, int i, int k);
int plan_head(planner *pl, int i, int k);
int plan_left(planner *pl, int i, int k);
int plan_holes(planner *pl, int i, int k);
/* The lines its end leaves empty set a line deeper than it needs (copy
 * fitting takes up some), NO_FIT when that leaves a column short. */
int plan_left1(planner *pl, int i, int k);
/* The lead with its headline across the page and its text in its first
 * k columns under it: the lines its text needs (NO_FIT: more than the
 * page holds; the band's lines in pl->band), and *left the lines its
 * end leaves empty there. */
int plan_body_need(planner *pl, int k, int *left);
/* What copy fitting makes of the lead in k columns (`wide`: its text
 * under its headline across the page) given room other than it needs:
 * the lines it takes up when given more, those it does without when
 * given less. */
void plan_lead_room(planner *pl, int k, bool wide, int *take, int *give);
/* The lines the rest of an earlier page's story needs here in `width`
 * columns. */
int plan_rest_need(planner *pl, int width);

/* Story st's placement in grid columns [col_from, col_to] from grid line
 * `top`, `lines` deep (0: fill), with its rank's headline styles. */
placement plan_placement(const planner *pl, const story *st, int col_from, int col_to, int top,
                         int lines);

/* Lay the page out as `ls` says into *lt, its guess made; false when a
 * story fits nowhere (*unplaced: the first such) or the band nudged
 * cannot take or give the lines asked. */
bool plan_lay_out(planner *pl, const lay_spec *ls, layout_try *lt, int *unplaced);

/* Set layout lt aside and weigh it (lt->cost, lt->penalty, lt->placed):
 * as it is, or staggered as a build would set it. */
void plan_weigh(planner *pl, layout_try *lt, bool stagger);

/* What layout lt does against the ranks and the wishes. */
long plan_wish_penalty(const planner *pl, const layout_try *lt);

/* Each module's shape of the layout kept and the cost terms, to
 * pl->explain (when given). */
void plan_explain(const planner *pl, const layout_try *lt);

/* edition.yaml with each planned page's stories: block replaced by its
 * articles: (the rest of the file, comments and all, as it is): a heap
 * string the caller frees, or NULL with the problem in d. */
char *plan_rewrite(const edition *e, const layout_try *tries, const planner *per_page,
                   const bool *planned, diag *d);

#endif
