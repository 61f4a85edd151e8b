/* composer.h — the state composition shares between its parts.
 *
 * Internal to page/: compose.c, headband.c, items.c, flow.c, place.c,
 * jump.c, furniture.c and masthead.c include it; nothing outside page/ may.
 *
 * A composer sets one edition (compose_edition); a module is one article's
 * module on one page while it is set: its columns, the grid cells it may
 * fill, the flow items its blocks become (items.h), where the flow placed
 * them (flow.h) and what it draws across its gutters (place.h). */
#ifndef PAIBAN_PAGE_COMPOSER_H
#define PAIBAN_PAGE_COMPOSER_H

#include "base/diag.h"
#include "draw/display.h"
#include "input/content.h"
#include "input/layout.h"
#include "page/grid.h"
#include "page/setcache.h"
#include "page/table.h"
#include "text/typeset.h"

/* ---- the edition ------------------------------------------------------- */

/* The rest of an article that jumps to a later page (转版). */
typedef struct carry {
    bool active;
    int block;            /* first block not set yet */
    int byte;             /* bytes of that paragraph already set (0: none) */
    int row;              /* or body rows of that table already set */
    int table;            /* and that table's id, which its rest keeps */
    int para;             /* its paragraph id, which its rest keeps */
    int from_page;
} carry;

typedef struct composer {
    const edition *e;
    const layout *l;
    typesetter *ts;
    diag *d;
    arena *a;             /* the edition's: what its pages keep */
    int next_para;        /* paragraph ids for the text lines */
    int reserved_top;     /* the page's first grid line a module may take (below a masthead) */
    set_cache *sets;      /* the page's paragraph settings: its lines live on as copies */
    bool trial;           /* setting a page aside (stagger.h): body lines are not drawn */
    int trial_errors;     /* the errors of the last page set aside */
    carry *carries;       /* per article */
} composer;

/* A new paragraph id: every paragraph's lines get their own, in the order
 * composition sets them. */
static inline int composer_new_para(composer *c) { return c->next_para++; }

/* The index of style `name`, or -1 with an error at loc when the layout
 * does not define it. */
static inline int composer_style(composer *c, const char *name, src_loc loc)
{
    int s = layout_style(c->l, name);
    if (s < 0)
        diag_error(c->d, loc, "style \"%s\" is needed here but %s/styles.yaml does not define it",
                   name, c->l->dir);
    return s;
}

/* ---- a module and its flow --------------------------------------------- */

typedef enum { FLOW_PARA, FLOW_HEAD, FLOW_BLOCK, FLOW_TABLE } flow_kind;

/* What the flow places: a paragraph (in one of three settings), a head, a
 * box or a table across columns (one block), or a table one column wide
 * (broken between body rows). */
typedef struct flow_item {
    flow_kind kind;
    int block;            /* index of the article block it sets, -1 for a jump line */
    const span *spans;
    int span_count;
    bool continuation;    /* the rest of a paragraph begun elsewhere: no indent */
    int align;            /* -1: the style's */
    int byte_base;        /* bytes of the block's text before these spans */
    para_result var[3];   /* looseness -1, 0, +1 */
    bool have[3];
    int para;             /* id of its text lines */
    block_out blk;        /* FLOW_HEAD, FLOW_BLOCK */
    table_out tab;        /* FLOW_TABLE: broken between body rows */
    int first_row;        /* FLOW_TABLE: its body rows before this were set before a jump */
    int span_cols;        /* FLOW_BLOCK: module columns */
    int lines_before;     /* dropped at a column top */
    int keep_with_next;   /* lines of what follows that must stand in the same column */
    int keep_lines;       /* FLOW_PARA: lines from its start kept in one frame (BL-7) */
    bool floats;          /* may move past text to the next frame (boxes, tables) */
    double gray;
    int prefer;           /* FLOW_PARA: the variant to try first (1: as set) */
} flow_item;

/* One placed line of a paragraph, or a placed head, block or table piece. */
typedef struct placed {
    int item;
    int variant;          /* FLOW_PARA: 0, 1, 2 for looseness -1, 0, +1 */
    int line_index;       /* FLOW_PARA: line of the paragraph */
    int col;              /* module column */
    int line;             /* page grid line */
    int first_row;        /* FLOW_TABLE: the piece's body rows */
    int rows;
} placed;

typedef VEC(placed) placed_vec;
typedef VEC(flow_item) item_vec;

typedef struct module {
    composer *c;
    const page_grid *g;
    int article;          /* index into the edition's articles */
    const article *a;
    const placement *pl;
    int ncols;            /* module columns */
    scaled *col_x;        /* x of each module column */
    scaled col_w;
    int grid_col0;        /* first page grid column (for rules and the dump) */
    int grid_col1;        /* and its last */
    bool own_columns;     /* set in columns of its own, not the page grid's */
    int top, bottom;      /* grid lines [top, bottom) of its bounding box */
    int white;            /* grid lines of white at its top, under another story */
    int lines;            /* page grid lines (the occupancy stride) */
    int box;              /* its module_box in page->modules */
    int first_block;      /* the first article block set here (items_build) */
    int first_byte;       /* bytes of that block's paragraph set on an earlier page */
    unsigned char *fixed; /* ncols × lines: 1 where the flow may not go */
    int *foot;            /* per column: the grid line under its last cell of
                           * the module's own (parts may end it above bottom) */
    unsigned char *occ;   /* working copy during a flow run */
    item_vec items;
    page_out *page;
    /* where the last flow run stopped, when text was left over */
    int stop_item, stop_variant, stop_lines;
    /* What PH-5 gives up to fill a column (flow.c): nothing, a paragraph's
     * first line alone at a column's foot, and its last line alone at the
     * top of the next. */
    enum { LONE_NONE, LONE_FIRST, LONE_LAST } lone_lines;
    /* floats waiting for the top of a frame, in order */
    int pending[16];
    int npending;
    /* heads that had to leave a frame with room at its foot */
    struct {
        int item, col, line, room;
    } gaps[8];
    int ngaps;
    /* modules in columns of their own: what spans their gutters */
    VEC(grid_rect) own_spans;
} module;

/* The cell of module column `col`, grid line `line` in occ (m->fixed or
 * m->occ). */
static inline unsigned char *module_cell(const module *m, unsigned char *occ, int col, int line)
{
    return &occ[col * m->lines + line];
}

/* The lines module column `col` leaves empty at the foot of its own
 * area, in occ: a column a part ends above the bounding box's foot ends
 * there, not at the cells outside the module under it. */
static inline int module_empty_at_foot(const module *m, const unsigned char *occ, int col)
{
    int n = 0;
    while (m->foot[col] - 1 - n >= m->top && !occ[col * m->lines + m->foot[col] - 1 - n])
        n++;
    return n;
}

/* The width of the module's first `cols` columns and the gutters between. */
static inline scaled module_width(const module *m, int cols)
{
    return m->col_x[cols - 1] + m->col_w - m->col_x[0];
}

/* Mark grid lines [from, to) of module columns [c0, c1) as taken before
 * the flow (headline, photo, jump line). */
static inline void module_take(module *m, int c0, int c1, int from, int to)
{
    for (int col = c0; col < c1; col++)
        for (int ln = from; ln < to && ln < m->lines; ln++)
            if (ln >= 0)
                *module_cell(m, m->fixed, col, ln) = 1;
}

/* Grid columns [col_from, col_to] spanned over lines [line_from,
 * line_to): the page's column rules stop there (none for one column). */
static inline void page_spanner(page_out *page, int col_from, int col_to, int line_from,
                                int line_to)
{
    if (col_to <= col_from)
        return;
    *VEC_PUSH(page->spanners) = (grid_rect){col_from, col_to, line_from, line_to};
}

#endif
