/* typeset.h — a paragraph set into lines of a given measure.
 *
 * para_typeset runs the paragraph pipeline:
 *     segment_make → shape_para → hlist_build → breaker → justify_line
 * and returns lines whose glyphs carry their final x positions (from the
 * line's left edge) and the bytes of text they came from (for the PDF's
 * ToUnicode map and the layout dump).  When total fit finds no way by the
 * rules it gives up PH-4 (no 孤字), then the rules inside runs too wide for
 * a line; a head is set again without tracking, in even lines, and broken
 * at the writer's ideographic spaces where that reads better.
 *
 * Justification (justify.h) distributes what a line lacks or has too much
 * in clreq's order; last lines and lines before a forced break are set
 * solid, placed by their alignment.  A style's hang starts the wrapped
 * lines that far in (the glyphs carry it).  Every space is placed as a
 * glyph, the space a line ends at after its last glyph (TX-1); a line
 * that ends inside a hyphenated word ends with a hyphen glyph that shows
 * no text (placed_glyph.added, LB-13).
 *
 * The typesetter opens every face the layout's styles and the fallbacks
 * name before it sets anything (fontset_open_ahead): segmentation only
 * looks faces up.
 *
 * The result lives in the arena passed in; a typesetter holds what is
 * reused from paragraph to paragraph (HarfBuzz buffer, ICU iterator,
 * scratch memory) and the segmented and shaped text of the paragraphs it
 * set (shapecache.h), so that setting one again — its looseness variants,
 * a refitted module, a head that repeats — runs only the items, the
 * breaker and justification. */
#ifndef PAIBAN_TEXT_TYPESET_H
#define PAIBAN_TEXT_TYPESET_H

#include "base/base.h"
#include "base/diag.h"
#include "input/content.h"
#include "input/fontset.h"
#include "input/layout.h"
#include "text/breaker.h"

typedef struct placed_glyph {
    unsigned gid;
    int face;
    scaled size;
    scaled x;           /* origin, from the line's left edge */
    scaled y;           /* offset from the baseline, up */
    int text_start;     /* bytes of the paragraph text this glyph shows */
    int text_len;       /* 0 for the second glyph of a cluster */
    int style;
    bool added;         /* shows no text: the hyphen of a hyphenated line end */
} placed_glyph;

enum {
    LINE_FIRST = 1 << 0,    /* first line of the paragraph */
    LINE_LAST = 1 << 1,     /* last line of the paragraph */
    LINE_FORCED = 1 << 2,   /* ends at a forced break */
    LINE_LOOSE = 1 << 3,    /* Han gaps spread by over 0.12 em on average, or short */
    LINE_TIGHT = 1 << 4,    /* a 。？！ inside the line reduced (clreq's last resort) */
    LINE_OVERFULL = 1 << 5, /* wider than the measure */
    LINE_EMERGENCY = 1 << 6,/* broke where the rules forbid (last resort) */
    LINE_UNIT_SPLIT = 1 << 7, /* ends between a number and its unit (LB-4's last resort) */
    /* What composition warns of (para_warn_line); a tight line is only
     * flagged: clreq's own last reduction step. */
    LINE_WARNED = LINE_LOOSE | LINE_OVERFULL | LINE_EMERGENCY,
};

typedef struct para_line {
    int glyph_start, glyph_count;
    scaled width;           /* the measure */
    scaled natural;         /* width before justification */
    scaled used;            /* end of the last box after justification */
    int text_start, text_end;
    double ratio;
    unsigned flags;
    int style;              /* style of the line's first character */
    scaled ascent, descent; /* of the tallest glyph box (em boxes), descent > 0 */
    src_loc loc;            /* where the line's text begins */
} para_line;

typedef struct para_result {
    para_line *lines;
    int line_count;
    placed_glyph *glyphs;
    int glyph_count;
    const char *text;       /* the whole paragraph, UTF-8 */
    int pass;               /* breaker pass that found the lines (see breaker.h) */
} para_result;

typedef struct para_options {
    scaled width;           /* the measure */
    scaled first_width;     /* measure of the first line, 0 = width */
    int indent_style;       /* -1: indent from the first span's style */
    bool no_indent;         /* a continuation: no first-line indent (PH-3) */
    int align;              /* -1: the first span's style; else a text_align */
    int looseness;          /* ask for this many lines more (or fewer); when no
                             * good variant exists, line_count is -1 */
} para_options;

typedef struct typesetter typesetter;

typesetter *typesetter_new(fontset *fonts, const layout *l, diag *d);
void typesetter_free(typesetter *ts);
/* A new edition for a typesetter kept from the last (the archive's
 * workers, watch): it reports into d from now on and its times
 * (typesetter_times) count from zero; it keeps its segmenter, shaper and
 * shaped paragraphs, which hold no locations. */
void typesetter_set_diag(typesetter *ts, diag *d);

/* Set spans[0..count) into lines; allocations go to `out`. */
void para_typeset(typesetter *ts, const span *spans, int count, const para_options *opt,
                  arena *out, para_result *res);
/* para_typeset with looseness -1 and +1 at once (opt's own looseness
 * aside): the paragraph shaped, its items built and total fit run once
 * for both. */
void para_typeset_loose(typesetter *ts, const span *spans, int count, const para_options *opt,
                        arena *out, para_result *shorter, para_result *longer);

/* Width of the text set solid on one line (no breaking), for headings and
 * table cells: the widest line between forced breaks. */
scaled para_natural_width(typesetter *ts, const span *spans, int count);
/* The widest piece of the text no line break can split (min-content). */
scaled para_min_width(typesetter *ts, const span *spans, int count);

fontset *typesetter_fonts(typesetter *ts);
/* Seconds spent so far segmenting and shaping, and breaking and
 * justifying lines (for --timings). */
void typesetter_times(const typesetter *ts, double *shape, double *brk);

/* Warn about a placed line the breaker had to set beyond the rules: one
 * warning per flag, of kind "loose-line", "tight-line", "overfull-line"
 * or "rule-broken" (LINE_EMERGENCY), at `loc` and quoting `text`. */
void para_warn_line(diag *d, unsigned flags, src_loc loc, const char *text);

#endif
