/* planner.h — what the planner's two files share (page/plan.c searches,
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
/* What a line left empty at a story's end weighs in a plan beyond its
 * make-up cost (page/makeup.h). */
enum { UNDERSET_MORE = 80 };
/* A story that may jump takes at most this share of the page's lines. */
#define JUMP_SHARE 0.6

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

/* A candidate layout of a page and what it costs. */
typedef struct layout_try {
    spot spots[MAX_STORIES + 1];
    int n;
    long cost, penalty;
    long guess;             /* what the dealt bands leave empty, before setting */
    const page_spec *placed; /* after staggering */
} layout_try;

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
    /* its rest, placed on this page for an earlier page's story */
    const story *rest;       /* NULL: none */
    int rest_from_page;
    const page_spec *done;   /* the edition's pages as planned so far */
    int rest_need[25];       /* lines by width, measured with the whole edition; -1 unknown */
    int band;                /* the lead's headline band across the page, -1 unknown */
    int body_need[25];       /* the lead's text under it by width, -1 unknown */
    bool lead_second;        /* the lead's heads a size smaller (an inside page's) */
} planner;

/* The widths story i may take: its wish, at least its photo's. */
void plan_widths(const planner *pl, int i, int *from, int *to);

/* Each module's shape of the layout kept and the cost terms, to
 * pl->explain (when given). */
void plan_explain(const planner *pl, const layout_try *lt);

/* edition.yaml with each planned page's stories: block replaced by its
 * articles: (the rest of the file, comments and all, as it is): a heap
 * string the caller frees, or NULL with the problem in d. */
char *plan_rewrite(const edition *e, const layout_try *tries, const planner *per_page,
                   const bool *planned, diag *d);

#endif
