/* items.h — an article's blocks as flow items.
 *
 * Internal to page/.  Each block of an article becomes one flow item
 * (composer.h): a paragraph, set later in the module's column width by
 * the flow; a head, stacked now; a box, framed and set now across the
 * columns it spans; a table, laid out now — one column wide it breaks
 * between body rows in the flow, wider it is one block that floats. */
#ifndef PAIBAN_PAGE_ITEMS_H
#define PAIBAN_PAGE_ITEMS_H

#include "page/composer.h"

/* The flow items of the module's article, appended to m->items: from the
 * start, or with `from` from where an earlier page stopped (its block, the
 * byte of that paragraph or the body row of that table, whose paragraph or
 * table id the rest keeps).  Sets m->first_block and m->first_byte. */
void items_build(module *m, const carry *from);

/* Append a paragraph of `count` spans in style `style_index` (block -1: a
 * line of the module's own, such as a jump line); `continuation`: the rest
 * of a paragraph, not indented; byte_base: bytes of the block's text before
 * these spans. */
flow_item *items_add_para(module *m, int block_index, const span *spans, int count,
                          int style_index, bool continuation, int byte_base);

/* Free what the items hold (their blocks and tables) and the items. */
void items_free(module *m);

#endif
