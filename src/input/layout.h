/* layout.h — page templates and named styles from the layout/ folder.
 *
 * layout/styles.yaml defines named styles (a style may inherit another)
 * and the named inks beyond black that a style's colour may name;
 * every other layout/<name>.yaml file is a page template: page size, the type
 * area as a grid of columns of whole body characters and of whole grid
 * lines, gutters, and the running head (folio).  See docs/layout.md.
 *
 * Everything is resolved at load time: style fields hold final values,
 * faces are fontset indices, lengths are scaled.  The layout owns all of it
 * until layout_free. */
#ifndef PAIBAN_INPUT_LAYOUT_H
#define PAIBAN_INPUT_LAYOUT_H

#include "base/base.h"
#include "base/diag.h"
#include "base/files.h"
#include "input/fontset.h"

typedef enum {
    ALIGN_JUSTIFY,    /* both edges flush, last line start-aligned */
    ALIGN_START,
    ALIGN_CENTER,
    ALIGN_END,
    ALIGN_DISTRIBUTE, /* every line spread to the full measure (均排) */
} text_align;

/* Digits: the face's own (proportional), of one width (OpenType tnum),
 * or half an em each (hwid), on the half-em grid of Chinese text. */
typedef enum { FIGURES_PROPORTIONAL, FIGURES_TABULAR, FIGURES_HALF_WIDTH } figure_style;

typedef enum {
    KINSOKU_NONE,
    KINSOKU_BASIC,
    KINSOKU_GB,
    KINSOKU_STRICT,
} kinsoku_level;

typedef enum {
    BREAKER_OPTIMAL,   /* Knuth–Plass total fit */
    BREAKER_FIRST_FIT, /* kept for comparison */
} breaker_kind;

typedef struct style {
    const char *name;
    src_loc loc;
    int face;                 /* fontset face for Han and CJK punctuation */
    src_loc font_loc;         /* where the face was named (for font errors) */
    int latin_face;           /* fontset face for Latin letters and digits */
    scaled size;
    scaled leading;           /* baseline distance of lines set off the grid */
    double leading_em;        /* leading as a multiple of size when given in em, else 0 */
    text_align align;
    scaled indent;            /* first-line indent */
    double indent_em;
    kinsoku_level kinsoku;
    breaker_kind breaker;
    bool line_end_half;        /* closing marks at line end set half width (PU-3 gb) */
    bool line_start_open_half; /* opening marks at line start set half width
                                  (PU-5) */
    bool reduce_stops;         /* a 。？！ inside a line may give up its blank (JU-3 step
                                  7) */
    bool unit_keep;            /* no break between a number and its unit unless loose */
    scaled han_latin_gap;      /* space between Han and Latin (MX-2), usually 0 */
    double han_latin_gap_em;
    scaled tracking;          /* added after every character (negative: tighter) */
    double tracking_em;
    bool keep_breaks;         /* a line break in the text forces one (heads) */
    bool phrase_breaks;       /* break between words only, if at all possible (LB-11) */
    bool name_parts;          /* phrase-breaks: names — the parts between spaces are
                               * names and roles, kept whole (bylines, CB-4) */
    int lines_before;         /* whole grid lines of space before a block */
    int lines_after;
    double gray;              /* text colour as a tint of its ink (black unless `ink`), 0..1 */
    int ink;                  /* index in the layout's inks, -1: black */
    bool overprint;           /* solid black text overprints (print form); default true */
    figure_style figures;     /* digits as the face gives them, tabular, or half an em */
    scaled rule_thick;        /* tables in this style: outer rules, 0 = default */
    scaled rule_thin;         /* tables: the rule under the header, 0 = default */
    int punct_face;           /* fontset face for Chinese punctuation, -1: `face` (FN-1) */
    bool hyphenate;           /* Latin words may break at libhyphen's points (LB-13) */
    scaled hang;              /* wrapped lines start this far in: verse, lists, code */
    double hang_em;
    bool preserve_spaces;     /* white-space: pre — spaces and indentation kept (code) */
    bool keep_fullwidth;      /* full-width ASCII digits and letters kept as written (TX-2) */
    bool ascii_minus;         /* a minus before a number stays "-" (else U+2212, TX-3) */
    /* A headline style's band (MU-6, MU-7): the kicker's and the
     * subtitle's styles beside it (-1: the article's own), the largest
     * share of its size they may have, and whether the subtitle may be
     * set as wide as the band rather than no wider than the headline. */
    int kicker_style, subtitle_style;
    double band_ratio;
    bool subtitle_band_wide;
} style;

/* The colour a template gives a rule: a tint of black or of a named ink. */
typedef struct rule_colour {
    int ink;                  /* index in the layout's inks, -1: black */
    double tint;              /* 0..1 */
} rule_colour;

typedef struct folio_spec {
    bool enabled;
    int style;                /* style index */
    int page_style;           /* {page} in this style, -1: the folio's (版次 standing out) */
    int paper_style;          /* {paper} in this style, -1: the folio's */
    const char *left, *center, *right; /* templates with {paper} {date} … */
    scaled rise;              /* baseline distance above the type area */
    scaled rule;              /* rule under the folio, 0 for none */
    rule_colour rule_color;
    scaled rule_gap;          /* rule distance above the type area */
} folio_spec;

typedef struct masthead_spec {
    bool enabled;
    int lines;                /* grid lines it takes at the top of the first page */
    int name_style;           /* the paper's name */
    int info_style;           /* date, issue, serial numbers */
    int name_columns;         /* grid columns the name spans (from the left) */
    bool info_under;          /* the information under the name, else beside it */
    int ear_columns;          /* the last grid columns: the ear (报眼), 0 for none */
    scaled rule;              /* rule under the masthead, 0 for none */
    rule_colour rule_color;
    src_loc loc;              /* the masthead: section */
} masthead_spec;
/* An ink beyond black that styles may name (styles.yaml inks:).  A
 * process ink is printed as its CMYK; a spot ink is a separation of its
 * own, named `separation`, whose CMYK shows how it looks (the alternate
 * a proof or a press without that plate uses).  The archive form shows
 * it as the sRGB of that CMYK. */
typedef struct ink_spec {
    const char *name;
    double cmyk[4];           /* 0..1 */
    const char *separation;   /* spot: the colorant's name; NULL: process */
} ink_spec;

/* The PDF/X part the print form claims. */
typedef enum { PDFX_4, PDFX_1A } pdfx_part;

/* What the press needs beyond the page itself (the template's print:
 * section); used only for the print form of the PDF. */
typedef struct print_spec {
    scaled bleed;             /* beyond the trim; what touches the trim runs out this far */
    scaled slug;              /* beyond the bleed: room for the marks and the slug line */
    bool marks;               /* crop and registration marks and the slug line */
    int slug_style;           /* style index of the slug line */
    double min_ppi;           /* photos below this effective resolution are reported */
    bool convert_rgb;         /* RGB photos to the output profile's CMYK; else kept, reported */
    const char *profile;      /* CMYK ICC profile of the output intent (a file) */
    const char *condition;    /* output condition identifier: "Custom" or a registered name */
    double ink_limit;         /* total area coverage of converted photos, 1..4 (240% = 2.4) */
    double max_ppi;           /* photos above this effective resolution are downsampled to it */
    int jpeg_quality;         /* of photos converted to CMYK, 1..100 */
    pdfx_part pdfx;           /* PDF/X-4, or PDF/X-1a:2003 */
    bool overprint;           /* solid black rules overprint; text: each style's own */
    src_loc loc;              /* the print: section, or the template when it has none */
} print_spec;

/* How stories are told apart on the page (make-up: in a template). */
typedef struct makeup_spec {
    int head_space;           /* grid lines of white above a module under another (题上空) */
    scaled story_rule;        /* the rule between stories (隔线), stacked or side by side; 0: none */
    src_loc loc;
} makeup_spec;

/* The most grid columns a template may have. */
enum { TEMPLATE_MAX_COLUMNS = 24 };

typedef struct template {
    const char *name;
    const char *file;
    src_loc loc;
    scaled page_w, page_h;
    int body_style;           /* the style whose character and line make the grid */
    int columns;              /* grid columns */
    int chars;                /* body characters per column */
    scaled gutter;
    int lines;                /* grid lines per column */
    scaled line_gap;          /* between lines: pitch = size + line_gap */
    scaled col_w;             /* chars × body size */
    scaled pitch;
    scaled area_x, area_y;    /* type area top-left, from the page's top-left */
    scaled area_w, area_h;
    scaled baseline0;         /* baseline of grid line 0, from the page's top */
    bool column_rules;        /* 栏线 between columns */
    scaled column_rule_weight;
    rule_colour column_rule_color;
    folio_spec folio;
    masthead_spec masthead;
    print_spec print;
    makeup_spec makeup;
} template;

typedef struct layout {
    const char *dir;
    style *styles;
    int style_count;
    int *style_order; /* the styles' indices by name, for layout_style */
    ink_spec *inks;
    int ink_count;
    template *templates;
    int template_count;
    arena *arena;
} layout;

/* Load every file of the layout folder; NULL on error (reported). */
layout *layout_load(const char *dir, fontset *fonts, diag *d);
/* Load dir/styles.yaml and the templates dir/<name>.yaml of `names` (in
 * that order), read through `src` (NULL: the disk); NULL on error. */
layout *layout_load_files(const file_source *src, const char *dir, const char *const *names,
                          int count, fontset *fonts, diag *d);
/* The same without reading dir/styles.yaml: the styles and inks are
 * those of `styles_from`, which must outlive the result.  Templates
 * read again against styles already parsed (the fuzz loader's inputs
 * that bring templates of their own). */
layout *layout_load_templates(const layout *styles_from, const file_source *src, const char *dir,
                              const char *const *names, int count, fontset *fonts, diag *d);
void layout_free(layout *l);

/* Index of a named style or template, -1 when there is none. */
int layout_style(const layout *l, const char *name);
int layout_template(const layout *l, const char *name);

/* The CMYK profile the print form uses unless a template names another,
 * in the layout folder: coldset offset on newsprint, made by
 * tools/make-newsprint-profile (README, Print and archive). */
#define PRINT_DEFAULT_PROFILE "newsprint.icc"
#define PRINT_DEFAULT_INK_LIMIT 2.4

/* x of column `col` (0-based) from the page's left edge. */
scaled template_column_x(const template *t, int col);
/* Baseline of grid line `line` (0-based) from the page's top edge. */
scaled template_baseline(const template *t, int line);

#endif
