/* parts.h — an article's text by its parts, for readers away from the
 * page: the web desk's export (paiban text --by-article and --json) and
 * the archive's index.
 *
 * The parts come from the model, not from the lines as set: kicker,
 * headline and subtitle on one line each (the desk's line breaks dropped,
 * content_one_line); the lead, its paragraphs apart by line ends; the
 * byline as given, also when it runs in at the end of the lead; the
 * photo's caption and credit; the body block by block — a paragraph or a
 * head as its text (a line end where the text breaks a line), a box its
 * paragraphs apart by line ends, a poem or a listing its lines so, a table its title, rows (cells apart by
 * tabs) and note on lines of their own.  Every string is the parts' own
 * ("" when the part is absent); article_parts_free frees them. */
#ifndef PAIBAN_INPUT_PARTS_H
#define PAIBAN_INPUT_PARTS_H

#include "input/content.h"
#include "input/layout.h"

typedef enum { PART_PARA, PART_HEAD, PART_BOX, PART_TABLE, PART_VERSE, PART_CODE } part_kind;

typedef struct part_block {
    part_kind kind;
    const char *style;       /* the block's style name (a head's: h2 …) */
    char *text;
    const table *table;      /* PART_TABLE: the table itself, for its rows */
} part_block;

typedef struct article_parts {
    char *kicker, *headline, *subtitle;
    char *lead;
    char *byline;
    char *caption, *credit;
    VEC(part_block) body;
} article_parts;

void article_parts_make(const article *a, const layout *l, article_parts *out);
void article_parts_free(article_parts *p);
/* The body's text, its blocks apart by line ends (caller frees). */
char *article_parts_body(const article_parts *p);
/* The article's text from byte `byte` of block `from_block` to its end, the
 * blocks apart by line ends (a block's text as the body above gives it,
 * its spans one after another); what did not fit a module.  The caller
 * frees it. */
char *article_text_from(const article *a, const layout *l, int from_block, int byte);
/* Characters of s, spaces (ASCII and ideographic) and line ends aside. */
int article_characters(const char *s);
/* A table cell's text, "" when empty. */
const char *article_cell_text(const table_cell *c);

#endif
