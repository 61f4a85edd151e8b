/* loader.h — what the readers of an edition's files share (edition.c,
 * article.c, tables.c): the state of one loading, text and spans made from
 * YAML values, styles and files named in them.
 *
 * Text is normalised as content.h says; a span keeps where its text starts.
 * A style named in the content must be in styles.yaml, and a file named in
 * it must lie inside the edition folder (unless the options allow more).
 * Every problem is reported to the loader's diag. */
#ifndef PAIBAN_INPUT_LOADER_H
#define PAIBAN_INPUT_LOADER_H

#include "input/content.h"
#include "input/fields.h"
#include "input/yml.h"

typedef VEC(block) block_vec;

/* A placement's continue-on, resolved once every page is known. */
typedef struct pending_jump {
    placement *pl;
    story *story;           /* a story's wish instead (pl NULL) */
    const char *label;
    src_loc loc;
} pending_jump;

/* A teaser (导读) read: its paragraph, block `block` of `article`, is made
 * once every page is known (resolve_teasers). */
typedef struct pending_teaser {
    article *article;          /* set when its article is read whole */
    int block;
    const char *path;          /* the article it points to, resolved */
    const char *given;         /* as written */
    span text;                 /* its own words, text NULL for the headline's */
    src_loc loc;
} pending_teaser;

typedef struct loader {
    edition *e;
    const layout *l;
    diag *d;
    content_options opt;
    const char *root_real;     /* realpath of the edition folder */
    VEC(yml_doc *) docs;       /* kept until the end: spans point at file names */
    int default_template;      /* edition.yaml's template, or -1 */
    pending_jump *pending_jumps;
    int pending_jump_count;
    VEC(pending_teaser) teasers;
} loader;

/* A field reader for the content's mappings (strings go to the edition). */
field_reader loader_fields(loader *ld);

/* One run of text, normalised; `keep_breaks`: a line break is a forced one,
 * else the LB-7 rule applies.  `what` names the text in warnings. */
const char *normalize(loader *ld, const char *in, size_t len, bool keep_breaks, src_loc loc,
                      const char *what);
/* A span in style `style_ix` from a scalar. */
bool make_span(loader *ld, const yml_node *node, int style_ix, const char *what, span *out);
/* The same from one string (line breaks kept when the style keeps them) or
 * a list of lines (a head). */
bool make_lines_span(loader *ld, const yml_node *node, int style_ix, const char *what,
                     span *out);

/* The style of that name, or -1 (reported at loc). */
int style_named(loader *ld, const char *name, src_loc loc);
/* The style value v (`what` in messages) names, or without v the style
 * `fallback` (reported at the mapping); -1 when there is none. */
int style_of(loader *ld, const yml_node *v, const char *what, const char *fallback,
             const yml_node *map);
/* A row's reader of a style: the one the value names, else the one the
 * row's `arg` names, if any; stored as an int. */
bool read_style(field_reader *r, yml_node *v, void *dest);

/* A file named in the content, resolved inside the edition folder; NULL
 * when it cannot be (reported). */
const char *resolve_path(loader *ld, const yml_node *node, const char *what);

/* An article file (article.c) and a table (tables.c); NULL on error. */
article *article_load(loader *ld, const char *path);
table *table_load(loader *ld, yml_node *n);

#endif
