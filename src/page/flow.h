/* flow.h — the flow of a module's items through its columns.
 *
 * Internal to page/.  The flow runs a cursor down the module's first
 * column, then the next, over the grid cells nothing else took (the
 * headline band, the photo, the jump line: m->fixed).  A run of free cells
 * in a column is a frame.  Paragraphs split over frames, never leaving
 * their first or last line alone at a frame's foot or top (they are asked
 * for one line shorter or longer first); heads keep with the two lines
 * after them; boxes and wide tables that do not fit where they come float
 * to the top of the next frame; a table one column wide breaks between
 * body rows where table_plan says.  The flow only decides: place.h draws. */
#ifndef PAIBAN_PAGE_FLOW_H
#define PAIBAN_PAGE_FLOW_H

#include "page/composer.h"

/* Place the module's items (m->items) into pv, every column to the
 * module's foot but the story's last: column feet a head or a lone line
 * left empty are filled, and the story's end brought down, by setting
 * paragraphs a line shorter or longer where that reads as well (copy
 * fitting).  Returns the grid lines that did not fit (overset); then
 * m->stop_item, stop_variant and stop_lines say where the flow stopped. */
int flow_set(module *m, placed_vec *pv);

/* Where the text the flow could not place begins, as the article counts
 * it: its block (*block_index) and the byte of that block's text (0 for a
 * block set whole); where the module's own text began when the flow
 * stopped at none of the article's items (the （上接） line). */
void flow_stop_at(const module *m, int *block_index, int *byte);

/* The last module column the last flow run put anything in, -1 for none. */
int flow_last_column(const module *m);

/* A paragraph item's setting v (0, 1, 2: looseness -1, 0, +1), set on
 * first use in the module's column width. */
const para_result *flow_variant(module *m, flow_item *it, int v);

#endif
