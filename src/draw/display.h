/* display.h — placed boxes: the device-independent display list of a page.
 *
 * Composition produces, for every page, a list of drawing operations —
 * glyph runs, rules, filled rectangles, images — in reading order, and a
 * record of every line of text it placed (for the layout dump, the proof
 * and the tests).  The PDF writer and the dump consume the same lists.
 *
 * Coordinates are scaled points from the page's top-left corner, y down.
 * A draw_list is also used for pieces placed later (a table, a box): it is
 * built at the origin and appended to a page with an offset. */
#ifndef PAIBAN_DRAW_DISPLAY_H
#define PAIBAN_DRAW_DISPLAY_H

#include "base/arena.h"
#include "base/base.h"
#include "base/diag.h"

typedef enum { DRAW_GLYPHS, DRAW_RULE, DRAW_RECT, DRAW_IMAGE, DRAW_FORM } draw_kind;

typedef struct draw_glyph {
    unsigned gid;
    scaled x;          /* origin, from the run's x */
    scaled y;          /* offset up from the baseline */
    int text_start;    /* bytes into the run's text */
    int text_len;      /* 0: shows no text of its own (second glyph of a cluster) */
    bool added;        /* not in the text at all: a hyphen at a line's end, a code
                        * line's wrap mark; its run carries its text as ActualText */
} draw_glyph;

typedef struct draw_op {
    draw_kind kind;
    scaled x, y;       /* GLYPHS: baseline origin; RULE: start; RECT, IMAGE, FORM: top-left */
    scaled x2, y2;     /* RULE: end */
    scaled w, h;       /* RECT, IMAGE, FORM */
    scaled weight;     /* RULE, or RECT stroke; 0 = no stroke */
    double gray;       /* tint of its ink: 1 = solid (text, rule, stroke) */
    int ink;           /* RULE: index in the layout's inks, -1: black (a run's is its style's) */
    double fill;       /* RECT fill as black ink, <0 = none */
    int face;          /* GLYPHS */
    int style;         /* GLYPHS: the style that asked for this text */
    scaled size;
    const draw_glyph *glyphs;
    int glyph_count;
    const char *text;  /* GLYPHS: the text the glyphs show */
    const char *image; /* IMAGE: file; FORM: the PDF whose page it draws */
    int image_width;   /* IMAGE: the file's width in pixels */
    double crop[4];    /* IMAGE: left, top, right, bottom fractions cut away */
    int article;       /* index in the edition's articles, -1 for furniture */
    int line;          /* GLYPHS: the text_line of the list it shows, -1 for none */
    src_loc src_loc;   /* IMAGE, FORM: where the file is named (preflight reports it) */
    bool has_color;    /* proof marks: CMYK colour instead of black ink */
    double cmyk[4];
    int layer;         /* 0: the page; 1: the proof overlay (optional content) */
} draw_op;

/* What a placed line is on the page; the dump names it ("frame"). */
typedef enum line_role {
    ROLE_BODY,
    ROLE_HEADLINE,     /* the headline band: kicker, headline, subtitle */
    ROLE_HEAD,         /* a subhead in the body */
    ROLE_CAPTION,
    ROLE_BOX,          /* the text of a box */
    ROLE_TABLE,
    ROLE_JUMP,         /* a jump line: 下转/上接 */
    ROLE_FOLIO,
    ROLE_MASTHEAD,
    ROLE_CONTENTS,     /* the archive volume's contents */
    ROLE_PROOF,        /* a label of the proof overlay */
    ROLE_SLUG,         /* the print form's slug line */
} line_role;

const char *line_role_name(line_role role);

/* Which part of a table a line belongs to. */
typedef enum table_part {
    TABLE_CELL,
    TABLE_HEADER,      /* a header cell */
    TABLE_TITLE,
    TABLE_NOTE,
} table_part;

/* One placed line of text, as the dump reports it. */
typedef struct text_line {
    int article;       /* -1 for furniture */
    line_role role;
    int column;        /* module column (0-based) or -1 */
    int grid_line;     /* page grid line of the baseline, -1 when off the grid */
    scaled x, y;       /* left end of the measure, baseline */
    scaled width;      /* the measure */
    scaled used;       /* where the text ends */
    const char *text;
    int style;
    unsigned flags;    /* LINE_* of text/typeset.h */
    int para;          /* paragraph it belongs to: lines of one paragraph share it */
    src_loc loc;
    /* A table's lines: which table (0 for text outside tables), which
     * part of it, and a cell's row (from 0, counting the header's). */
    int table;
    table_part part;
    int row;
    /* Shows again what an earlier part showed: a broken table's header
     * row over its later parts, the headline over a continuation. */
    bool repeat;
} text_line;

typedef struct module_box {
    int article;
    int placement;      /* its placement among the page's (for locations) */
    scaled x, y, w, h;
    int col_from, col_to, top, lines;
    int overset_lines;  /* lines that did not fit */
    /* Its headline band (the heads, not the white after them): grid lines
     * [head_top, head_top + head_lines); head_lines 0 when it has none. */
    int head_top, head_lines;
    int white_lines;    /* white at its top, under another story (題上空) */
    /* Per module column (its own when it sets columns of its own): the
     * lines left empty at the column's foot once the text is placed. */
    int columns;
    int *empty_at_foot; /* NULL when nothing was set (an empty continuation) */
    int last_column;    /* the last module column the text reached, -1 for none */
    bool jumps;         /* its text goes on on a later page */
    bool planned;       /* placed by the planner, not by hand */
    /* With overset lines: the text that did not fit (from where the flow
     * stopped to the article's end) and its characters, spaces aside
     * (page/compose.c); and what would hold it all, found by setting the
     * module again (desk/overset.h): fit_lines, the module's lines in the
     * same columns, and fit_col_from–fit_col_to, the columns in the same
     * lines (0-based); 0 and -1 when nothing on the page would, or before
     * that is asked. */
    const char *overset_text;
    int overset_chars;
    int fit_lines;
    int fit_col_from, fit_col_to;
} module_box;

/* A make-up finding: what a desk chief sends back (page/makeup.h). */
typedef enum makeup_kind {
    MAKEUP_COLLISION,    /* headline bands of stories side by side overlap (撞题) */
    MAKEUP_HEAD_SPACE,   /* too little white above a headline under another story (题上空) */
    MAKEUP_SHORT_COLUMN, /* a column short of the module's foot before one with text */
    MAKEUP_UNDERSET,     /* lines left empty in a module */
    MAKEUP_SEPARATION,   /* stories side by side or stacked with no rule between */
    MAKEUP_PAGE_HOLE,    /* type area no module covers */
    MAKEUP_HIERARCHY,    /* a kicker or subtitle too large beside its headline (MU-6) */
    MAKEUP_MASTHEAD,     /* a headline of the front page as large as the paper's name (MU-8) */
} makeup_kind;

typedef struct makeup_finding {
    makeup_kind kind;
    int article, other;  /* articles concerned, -1 when none */
    int column;          /* page grid column from 0, -1 when none */
    int lines;           /* grid lines short, empty or overlapping */
    scaled x, y, w, h;   /* where on the page */
} makeup_finding;

/* The warning kind of a finding ("headline-collision", "underset" …). */
const char *makeup_kind_name(makeup_kind kind);

/* Grid columns [col_from, col_to] and lines [line_from, line_to) that
 * something spans: column rules stop there. */
typedef struct grid_rect {
    int col_from, col_to;
    int line_from, line_to;
} grid_rect;

typedef struct draw_list {
    VEC(draw_op) ops;
    VEC(text_line) lines;
} draw_list;

typedef struct page_out {
    arena *arena;       /* what this page alone keeps, when it is composed to be let go
                         * (compose_edition_each); NULL: the edition's arena holds it */
    int index;          /* 0-based in the edition */
    const char *label;  /* 版次 */
    const char *name;
    scaled width, height;
    draw_list list;
    draw_list slug;     /* print form: the slug line below the trim (page/slug.h) */
    VEC(module_box) modules;
    VEC(grid_rect) spanners;
    VEC(makeup_finding) findings;
    /* On a page under the masthead, how large the paper's name stands: its
     * type size, or its logotype's height; 0 on other pages (MU-8). */
    scaled masthead_name;
} page_out;

/* The composed edition: what the PDF writer, the dump and the proof read. */
typedef struct edition_out {
    page_out *pages;
    int page_count;
    int overset_lines;      /* over all modules */
    arena *arena;           /* owns glyphs, texts and paragraph results */
} edition_out;

void edition_out_free(edition_out *out);
/* What one page holds, not its strings (they live in the edition's arena). */
void page_out_free(page_out *po);
/* Let page p go once it is drawn and written: its lists, spanners and
 * arena are freed; its index, label, name, size and module boxes stay
 * (without overset_text), for the outline, the summary and the archive's
 * record. */
void edition_out_release_page(edition_out *out, int p);

/* Page furniture, not an article's text: folios, masthead and jump lines
 * (the volume's contents, of no article either, are text). */
bool text_line_furniture(const text_line *tl);
void draw_rule(draw_list *dl, scaled x1, scaled y1, scaled x2, scaled y2, scaled weight,
               double gray);
/* A rule in a tint of the layout's ink number `ink` (-1: black). */
void draw_rule_inked(draw_list *dl, scaled x1, scaled y1, scaled x2, scaled y2, scaled weight,
                     int ink, double tint);
void draw_rect(draw_list *dl, scaled x, scaled y, scaled w, scaled h, double fill,
               scaled stroke, double gray);
void draw_image(draw_list *dl, const char *file, int width_px, scaled x, scaled y, scaled w,
                scaled h,
                const double crop[4], int article_index);
/* The page of the PDF `file` (a logotype, kept as vectors) drawn into the
 * frame (x, y, w, h), which has its page's proportions. */
void draw_form(draw_list *dl, const char *file, scaled x, scaled y, scaled w, scaled h,
               src_loc where);
/* Append src moved by (dx, dy); text_line grid lines move by dgrid (when
 * not -1).  Borrowed pointers (glyphs, texts) are shared, not copied. */
void draw_append(draw_list *dst, const draw_list *src, scaled dx, scaled dy, int dgrid,
                 int article_index, int column);
/* The lines of dl from `first` on show again what was shown before. */
void draw_mark_repeat(draw_list *dl, int first);
void draw_list_free(draw_list *dl);
/* Give back the room a finished list kept for growing. */
void draw_list_fit(draw_list *dl);

/* A proof mark on the overlay layer: a rectangle filled (fill) or outlined
 * (stroke > 0) in CMYK, or a line. */
void draw_mark_rect(draw_list *dl, scaled x, scaled y, scaled w, scaled h, const double cmyk[4],
                    bool fill, scaled stroke);
void draw_mark_line(draw_list *dl, scaled x1, scaled y1, scaled x2, scaled y2, scaled weight,
                    const double cmyk[4]);

#endif
