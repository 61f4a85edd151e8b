/* justify.h — a broken line brought to its measure.
 *
 * A justified line takes up what it lacks, or gives up what it has too
 * much, in clreq's order: shrinking takes spaces first, then the blanks of
 * brackets, of ，、；：, the Han–Latin gaps, and last of 。．？！ and the
 * tracking between characters; stretching takes spaces, then Han–Latin
 * gaps, then every gap between characters alike (JU-3, JU-4).  A line
 * that ends the paragraph or comes before a forced break (it has fill),
 * and every line of text not justified, is set solid and placed by its
 * alignment; a distributed line (均排) is spread even then.  Any line too
 * long shrinks as far as its glue allows.
 *
 * The plan is per kind of glue: each glue of a kind gives the same share
 * of its own stretch or shrink. */
#ifndef PAIBAN_TEXT_JUSTIFY_H
#define PAIBAN_TEXT_JUSTIFY_H

#include "base/base.h"
#include "text/hlist.h"

#include <math.h>

typedef struct justification {
    double per[GLUE_KIND_COUNT]; /* share of each kind's stretch (> 0) or shrink (< 0) used */
    scaled x;         /* where the line's first item starts (centred, end-aligned) */
    scaled unfilled;  /* what the glue cannot give: > 0 the line stays short of the
                       * measure, < 0 it sticks out */
} justification;

/* The line items[start, end), `natural` wide, set to `measure` with
 * alignment `align` (a text_align); `forced`: it ends at a forced break. */
justification justify_line(const item *items, int start, int end, scaled natural,
                           scaled measure, int align, bool forced);

/* What glue g gives (> 0) or takes (< 0) in a line so justified.  Inline:
 * it runs for every gap of every line set. */
static inline scaled justify_glue(const item *g, const justification *j)
{
    double f = j->per[g->glue];
    if (f > 0)
        return (scaled)lround(f * g->stretch);
    if (f < 0)
        return (scaled)lround(f * g->shrink);
    return 0;
}

#endif
