/* lines.h — a paragraph's set lines as placed boxes.
 *
 * The one place where the lines of the typesetter (text/typeset.h) become
 * the display list's glyph runs and line records (draw/display.h). */
#ifndef PAIBAN_PAGE_LINES_H
#define PAIBAN_PAGE_LINES_H

#include "draw/display.h"
#include "text/typeset.h"

/* Add a set paragraph line at (x, baseline): one glyph run per face and
 * size, each pointing at the line's text_line record, added after them.
 * The runs' glyphs and text are copies in `a`: pr may die before the
 * list. */
void draw_para_line(draw_list *dl, arena *a, const para_result *pr, const para_line *pl,
                    scaled x, scaled baseline, line_role role, int article_index, int column,
                    int grid_line, double gray, int para);

#endif
