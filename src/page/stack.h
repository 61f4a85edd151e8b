/* stack.h — verse and listings as blocks of grid lines, and what stands
 * together in one column.
 *
 * Internal to page/.  A poem (BLOCK_VERSE) or a listing (BLOCK_CODE) is
 * set line by line, each source line a paragraph of its own that is
 * never justified and whose wrapped lines hang (the style's hang): a poem
 * under its title and author, a blank grid line where a stanza ends,
 * centred in the column as a whole when it asks; a listing with a wrap
 * mark (↪) before each line it had to wrap.  The lines stand on the grid
 * in a block that the flow keeps in one column (BL-1, BL-2); one taller
 * than the module is cut into blocks between stanzas (or, a stanza too
 * tall, between lines), each kept whole.
 *
 * Paragraphs that say keep (a paragraph, the items of a list, a notice's
 * signature and date) get the lines they must keep together on their
 * first flow item (BL-7). */
#ifndef PAIBAN_PAGE_STACK_H
#define PAIBAN_PAGE_STACK_H

#include "page/composer.h"

/* The blocks of block b, a poem or a listing, each to be kept whole: an
 * array of block_out in *out that the caller frees (their lists go with
 * the flow items that take them); their number. */
int stack_blocks(module *m, int b, block_out **out);

/* For every paragraph item whose block keeps k blocks together, the lines
 * of those blocks as set, on its keep_lines. */
void stack_keeps(module *m);

#endif
