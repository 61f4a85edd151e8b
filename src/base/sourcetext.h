/* sourcetext.h — input files read back for messages: a line by its
 * number, and the place where a text begins.
 *
 * Messages show the line they point at with a caret under the column
 * (diag.c), and a warning about one line of a paragraph points at where
 * that line's text begins in the file, not where the paragraph does.  The
 * files are read once each, as they are on the disk when the message is
 * made or printed, and kept until source_text_free.  A file that is gone,
 * is not a regular file or is larger than SOURCE_TEXT_LIMIT gives nothing:
 * the message is printed without its line, the place stays as it was.
 * Columns count characters (code points) from 1, as the YAML reader does. */
#ifndef PAIBAN_BASE_SOURCETEXT_H
#define PAIBAN_BASE_SOURCETEXT_H

#include "base/base.h"

#define SOURCE_TEXT_LIMIT (4u << 20)

typedef struct source_text source_text;

source_text *source_text_new(void);
void source_text_free(source_text *s);

/* Line `line` (from 1) of `file` without its line end: a pointer into the
 * file's text and its length in bytes; NULL when the file cannot be read
 * or has no such line. */
const char *source_line(source_text *s, const char *file, int line, size_t *len);

/* The place in from.file, at or after `from`, where `text` begins: its
 * first characters (up to a dozen) as YAML folds a scalar — a line end and
 * the indentation after it may stand between two of them, or for a space
 * of the text.  `from` itself when the text is not found within 64 KiB. */
src_loc source_find(source_text *s, src_loc from, const char *text);

#endif
