/* jump.h — articles that jump to a later page (转版).
 *
 * Internal to page/.  A placement with `continue-on` keeps the last line
 * of the last column its text reaches for （下转A3版）; what does not fit
 * is carried (composer.h: carry) to the placement marked `continued` on
 * that page, which repeats the headline, small, and begins with
 * （上接A1版） before the rest of the text. */
#ifndef PAIBAN_PAGE_JUMP_H
#define PAIBAN_PAGE_JUMP_H

#include "page/composer.h"

/* Where the （下转） line goes: module column and grid line (line -1: none). */
typedef struct jump_spot {
    int col, line;
} jump_spot;

/* The top of a continuation: the headline again and （上接…版） as its
 * first flow item.  Returns the grid line below the headline, or -1 (with
 * an error) when the layout lacks the styles "jump-head" or "jump-line". */
int jump_continued_top(module *m, const carry *from, int top);

/* For a placement that jumps on: take the last free line of the last
 * column that has one, for the （下转） line. */
jump_spot jump_reserve(module *m);

/* After the flow of a placement that jumps on: the text left over (overset
 * grid lines; where the flow stopped in m) is carried to the later page
 * and （下转…版） is set at `at`; returns the lines still overset (0 when
 * carried).  When everything fitted, the jump is reported as unused and
 * the continuation will stay empty. */
int jump_onward(module *m, const placed_vec *pv, jump_spot at, int page_index, int overset);

#endif
