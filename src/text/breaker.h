/* breaker.h — choose where lines end, over a box/glue/penalty list.
 *
 * breaker_optimal is the Knuth–Plass total-fit algorithm ("Breaking
 * Paragraphs into Lines", Software—Practice and Experience 11, 1981): it
 * minimises the sum of squared (badness + line penalty) and penalty over
 * the whole paragraph, with TeX's fitness classes so that a tight line does
 * not sit next to a loose one.  Passes of growing tolerance run until one
 * finds a solution; the last accepts any badness.  breaker_first_fit ends
 * each line at the last break where it still fits (shrinking if it must),
 * the way most simple typesetters do; it is kept for comparison.
 *
 * This module knows nothing of fonts or Chinese: only items. */
#ifndef PAIBAN_TEXT_BREAKER_H
#define PAIBAN_TEXT_BREAKER_H

#include "text/hlist.h"

typedef struct breaker_params {
    int tolerance;        /* badness allowed in the first pass (TeX's \tolerance) */
    int line_penalty;     /* added to every line's badness (TeX's \linepenalty) */
    int adj_demerits;     /* for adjacent lines of non-adjacent fitness classes */
    /* The first pass takes no break the rules only tolerate (penalty from
     * BREAKER_SOFT_LIMIT up), as TeX's first pass tries no hyphenation:
     * such a break is then weighed against lines looser than the first
     * pass's tolerance, not preferred to them because they are beyond it. */
    bool strict_first_pass;
    /* A justified line is loose when the gaps between characters spread
     * beyond this adjustment ratio of their stretch, after word spaces and
     * Han–Latin gaps have given theirs (as typeset.c justifies); such a line
     * costs loose_penalty² demerits on top of its badness, so that the
     * breaker sets a loose line only where every other way is worse by
     * the same measure: another loose line, or a break the rules only
     * tolerate at a penalty as high.  0: no line is loose (ragged text). */
    double loose_ratio;
    int loose_penalty;
} breaker_params;

typedef struct line_break {
    int end;              /* index of the penalty item the line breaks at */
    int start;            /* index of the line's first item */
    double ratio;         /* adjustment ratio: >0 stretched, <0 shrunk (-1 = all shrink) */
    int badness;          /* 0–10000 */
    bool overfull;        /* does not fit even when shrunk fully */
} line_break;

typedef struct break_result {
    line_break *lines;
    int line_count;
    int pass;             /* 1: within tolerance; 2: looser; 3: any badness; 0: first fit */
} break_result;

extern const breaker_params breaker_defaults;

/* Penalties from here up mark breaks the rules only tolerate (a number
 * from its unit, an emergency break). */
#define BREAKER_SOFT_LIMIT 1000

/* widths[i] is the measure of line i; lines past the array use the last.
 * looseness asks for the best paragraph with that many lines more (or
 * fewer) than the optimum; false when there is none good enough. */
bool breaker_optimal(const item *items, int count, const scaled *widths, int nwidths,
                     const breaker_params *p, int looseness, arena *scratch, break_result *out);
/* Both of breaker_optimal's looseness -1 and +1 from one pass (a line
 * count 0: none). */
void breaker_optimal_loose(const item *items, int count, const scaled *widths, int nwidths,
                           const breaker_params *p, arena *scratch, break_result *shorter,
                           break_result *longer);
/* Never fails: a box wider than the line gets a line of its own (overfull). */
void breaker_first_fit(const item *items, int count, const scaled *widths, int nwidths,
                       arena *scratch, break_result *out);

/* Natural width, stretch and shrink of a line of items [start, end) that
 * breaks at the penalty `end` (whose width, a hyphen, it takes); fill
 * counts infinite stretch. */
void breaker_measure(const item *items, int start, int end, scaled *width, scaled *stretch,
                     scaled *shrink, int *fill);
/* The first item of the line that follows a break at `end`. */
int breaker_line_start(const item *items, int count, int end);

#endif
