/* content.h — the edition as its content files describe it (the model).
 *
 * content/<edition>/edition.yaml names the paper, the date, the template
 * and the pages; each page places articles on the template's grid; each
 * article is a YAML file that reads like the article: kicker, headline,
 * photo, lead, byline, then the body as a list of paragraphs (plain, or
 * runs in styles of their own), heads, boxes, tables, poems, listings,
 * lists, notices and attribution lines; a list or a notice is read as the
 * paragraphs it is.  See docs/content.md.
 *
 * The loader checks everything it can without typesetting (unknown keys,
 * types, styles that do not exist, files outside the edition) and reports
 * every problem with its location.  Text is normalised here: control
 * characters are dropped (with a warning), runs of spaces fold to one, and
 * a source line break between two wide characters (or a wide character
 * and a digit) vanishes while other line breaks become a space
 * (typography LB-7) — unless the style keeps line breaks, as heads do, or
 * every space (white-space: pre, listings).  Full-width digits and letters
 * become ASCII (TX-2) and a hyphen that signs a number the minus sign
 * (TX-3), unless the style says otherwise.  A paragraph's opening 【】 head
 * or dateline becomes a span of its own style (PH-12).  The edition owns
 * all of it: its arena, and an arena of each article's own for what was
 * read for that article. */
#ifndef PAIBAN_INPUT_CONTENT_H
#define PAIBAN_INPUT_CONTENT_H

#include "base/base.h"
#include "base/diag.h"
#include "base/files.h"
#include "input/image.h"
#include "input/layout.h"
#include "input/logo.h"

/* A run of text in one style. */
typedef struct span {
    const char *text;  /* UTF-8, normalised; '\n' is a forced line break */
    int style;         /* layout style index */
    scaled gap_before; /* blank space before the run (a run-in byline) */
    src_loc loc;       /* where the text starts in its file */
    bool loc_exact;    /* loc.col + character index is the column of each
                        * character (one-line scalars without escapes) */
    bool marker;       /* a list item's marker: the text after it starts at the
                        * style's hang (BL-3) */
    bool nobreak;      /* a phrase no line may break inside (BL-6) */
} span;

typedef enum {
    BLOCK_PARA,  /* a paragraph of body text */
    BLOCK_HEAD,  /* a head inside the article (h2, h3 …) */
    BLOCK_BOX,   /* a ruled box (pull-quote, sidebar) holding paragraphs */
    BLOCK_TABLE, /* a table */
    BLOCK_VERSE, /* a poem: its children its furniture (title, author), then its
                  * lines, a child without spans where a stanza ends (BL-1) */
    BLOCK_CODE,  /* a listing: its children its lines as written, a child without
                  * spans for an empty line (BL-2) */
} block_kind;

typedef enum { CELL_LEFT, CELL_CENTER, CELL_RIGHT, CELL_DECIMAL } cell_align;

typedef enum {
    TABLE_THREE_LINE, /* 三线表: thick top, thin under the header, thick bottom */
    TABLE_GRID,       /* every cell ruled */
    TABLE_ZEBRA,      /* three-line with tinted alternate rows */
    TABLE_PLAIN,      /* no rules */
} table_rules;

typedef struct table_cell {
    span text;         /* may be empty */
    int row, col;      /* grid position of its top-left */
    int rowspan, colspan;
    cell_align align;
    bool header;
    src_loc loc;
} table_cell;

typedef struct table {
    span title;        /* text NULL when there is none */
    span note;         /* 注 / 资料来源 line under the table */
    int rows, cols;
    int header_rows;
    table_cell *cells; /* every cell, in reading order */
    int cell_count;
    cell_align *col_align;
    double *col_width; /* fixed widths in pt (>0), proportional weights (<0), or 0
                          = auto */
    int style;         /* cell text style */
    int head_style;    /* header cell style */
    int title_style;
    int note_style;
    table_rules rules;
    int span_columns;  /* columns of the module the table spans (0: one) */
    src_loc loc;
} table;

typedef struct block {
    block_kind kind;
    int style;
    span *spans;
    int span_count;
    struct block *children; /* BLOCK_BOX: its paragraphs */
    int child_count;
    table *table;           /* BLOCK_TABLE */
    int span_columns;       /* BLOCK_BOX, BLOCK_TABLE: module columns spanned */
    int align;              /* BLOCK_PARA: 1 + a text_align over its style's, 0: its
                             * style's; BLOCK_VERSE: 1 + ALIGN_CENTER centres the poem */
    int keep;               /* BLOCK_PARA: this block and the keep - 1 after it stand
                             * in one column when a column can hold them (BL-7) */
    src_loc loc;
} block;

typedef enum { PHOTO_TOP, PHOTO_BOTTOM, PHOTO_MIDDLE } photo_place;

typedef struct photo {
    const char *path;       /* resolved file */
    const char *given;      /* as written */
    src_loc loc;
    src_loc file_loc; /* where it is written */
    span caption;     /* text NULL when there is none */
    span credit;
    int columns;            /* module columns the photo spans */
    bool right;             /* against the module's right edge, else its left */
    photo_place place;      /* under the headline, at the module's foot, or at `at` */
    int at;                 /* PHOTO_MIDDLE: grid lines below the headline block */
    int lines;              /* grid lines the picture takes */
    double crop[4];         /* left, top, right, bottom as fractions to cut */
    image_info info;        /* what the file is: probed once, when the article is read */
} photo;

typedef struct article {
    const char *id;         /* file name without .yaml */
    const char *file;
    src_loc loc;
    span kicker;            /* 引题; text NULL when absent */
    span headline;          /* 主题; '\n' where the desk breaks it */
    span subtitle;          /* 副题 */
    photo *photo;
    block *blocks;          /* lead, byline and body, in reading order */
    int block_count;
    arena *body;            /* what was read for it but its id and file names: the
                             * edition's, freed with it or by article_release */
    int yaml_values;        /* in its file (input/loader.h, PAGE_MAX_VALUES) */
} article;

/* A rectangle of the page grid: columns [col_from, col_to], lines
 * [top, top + lines); lines 0 means down to whatever stands below. */
typedef struct grid_area {
    int col_from, col_to;   /* 0-based, inclusive */
    int top;                /* 0-based */
    int lines;
    src_loc loc;
} grid_area;

typedef struct placement {
    article *article;
    grid_area area;         /* the module; more parts make an L or other shape */
    grid_area *parts;
    int part_count;
    int set_columns;      /* set the module in this many columns (0: its grid columns)
                           */
    int headline_columns; /* the headline block spans this many module columns (0:
                             all) */
    int kicker_style;     /* styles of the headline block here (-1: the article's) */
    int headline_style;
    int subtitle_style;
    bool continued;         /* holds the rest of an article begun on an earlier page */
    bool planned;           /* placed by the planner (page/plan.h): the proof marks it */
    bool ear;               /* the first page's ear (报眼): its area is the template's */
    int continue_page;      /* index of the page the rest continues on, or -1 */
    src_loc loc;
} placement;

/* A story the editor ranks and the planner places (page/plan.h): an
 * article with its rank on the page and what the editor wishes of it. */
typedef struct story {
    article *article;
    const char *given;      /* the article file as edition.yaml names it */
    int rank;               /* 1 for the page's lead (头条), 2 for 二条 … */
    int min_columns, max_columns; /* the width wished, in grid columns; 0: any */
    bool above_fold;        /* wholly in the page's upper half */
    bool keep_on_page;      /* never jumps, even when jumping would fit */
    int continue_page;      /* the page it may jump to, -1 for none */
    bool with_photo;        /* set with its photo (false: the photo left out) */
    bool ear;               /* set in the first page's ear (报眼) beside the masthead */
    src_loc loc;
} story;

typedef struct page_spec {
    const char *label;      /* 版次 as printed: "A3" */
    const char *name;       /* 版名 */
    const char *editor;     /* 责任编辑 */
    int template_index;
    placement *placements;
    int placement_count;
    story *stories;         /* to be placed by the planner: the page has these
                             * or placements, not both */
    int story_count;
    src_loc loc;
} page_spec;

typedef struct masthead_info {
    bool present;       /* edition.yaml has a masthead section */
    src_loc loc;        /* where */
    const char *issue;  /* 第12345期 */
    const char *serial; /* 国内统一连续出版物号 CN 41-0001 */
    const char *postal; /* 邮发代号 */
    const char *lunar;  /* 农历 date as printed */
    const char *weather;
    const char *publisher;
    const char *authority;  /* 主管 */
    const char *sponsor;    /* 主办 */
    const char *logo;       /* the name as a logotype: its file, resolved, or NULL */
    logo_info logo_info;    /* what that file is */
    src_loc logo_loc;
} masthead_info;

typedef struct edition {
    const char *dir;
    const char *file;       /* edition.yaml */
    const char *paper;
    masthead_info masthead;
    int year, month, day;
    int weekday;            /* 0 = Sunday */
    page_spec *pages;
    int page_count;
    article **articles;     /* each once, in the order first placed */
    int article_count;
    struct yml_doc **docs;  /* the loaded files (locations point into them) */
    int doc_count;
    const file_source *files; /* where its photos are read again: the files they were
                               * read from when checked, held open (files.h) */
    struct file_keeper *kept; /* owned: those files */
    arena *arena;
} edition;

typedef struct content_options {
    bool allow_outside_root; /* files may lie outside the edition folder */
    const file_source *files; /* read content and photos from here; NULL: the disk */
} content_options;

/* Load dir/edition.yaml and the articles it places; NULL on error. */
edition *edition_load(const char *dir, const layout *l, content_options opt, diag *d);
void edition_free(edition *e);

/* Let go what a build has no more use for once the last page that sets
 * the article is done: its blocks and photo (NULL and 0 after), and the
 * text read with them.  Its id, file, location and heads stay (the heads'
 * text copied into the edition's arena): the outline, the document's
 * metadata and the messages still name it.  An edition of a thousand
 * pages would otherwise hold every article to its end. */
void article_release(edition *e, article *a);

/* The edition's date at 00:00 UTC, in seconds since 1970: the build time
 * unless SOURCE_DATE_EPOCH says otherwise. */
int64_t edition_time(const edition *e);
/* "2018年12月28日" and "星期五": the edition's date as furniture prints it. */
void edition_date_strings(const edition *e, char *date, size_t date_size, char *weekday,
                          size_t weekday_size);

/* The day of the week as 星期 names it: "日" for 0 (Sunday) to "六". */
const char *weekday_name(int weekday);

/* The span's character `index` (counted in code points) as a location;
 * exact when the source allows, else the start of the text. */
src_loc span_char_loc(const span *s, int index);

/* A headline (or any text) on one line, for outlines, metadata and the
 * index: the desk's line breaks dropped, as they fall between Chinese
 * characters.  NULL gives "".  The caller frees it. */
char *content_one_line(const char *s);

#endif
