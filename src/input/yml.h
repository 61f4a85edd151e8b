/* yml.h — YAML files as a small tree with locations, and typed reads.
 *
 * The only file that includes <yaml.h> is yml.c.  A file is read with
 * libyaml's event API and built into a tree of yml_node allocated in the
 * document's arena; aliases share nodes (never copied).  Every limit below
 * is enforced while the file is read, at the event that passes it, so
 * hostile input costs little: nesting, the tree as aliases expand it (in
 * nodes and in bytes), the file's size.  Duplicate keys (found in linear
 * time), complex keys, anchors that recurse, undefined aliases, YAML tags
 * (!!python/object…: paiban reads text), a second document in the file and
 * NUL characters (which no text may hold) are errors.  A syntax error is
 * reported where the mistake is, with a hint for the mistakes running
 * Chinese text invites (a tab, ": " in a paragraph, a line indented less
 * than its paragraph's first, a paragraph that starts with ", a cell that
 * starts with "[").
 *
 * Loaders read mappings through field tables (fields.h), which look keys
 * up with yml_lookup (marking them read) and report every other key with
 * yml_expect_keys, as an error at its own line and column — with a "did
 * you mean" when a known key is close.  All errors go to the diag, with
 * the location of the node at fault, and the functions return false. */
#ifndef PAIBAN_INPUT_YML_H
#define PAIBAN_INPUT_YML_H

#include "base/base.h"
#include "base/diag.h"
#include "base/files.h"

typedef enum { YML_SCALAR, YML_SEQ, YML_MAP } yml_kind;

typedef struct yml_node yml_node;
struct yml_node {
    yml_kind kind;
    src_loc loc;
    /* YML_SCALAR */
    const char *str;   /* the value as YAML defines it, NUL-terminated */
    size_t len;
    /* The value with the source's line breaks visible: a single '\n' is a
     * line break inside a run of text (YAML would fold it into a space),
     * two or more mark blank lines between paragraphs.  Text stages apply
     * their own rule to single breaks (typography LB-7).  Equal to `str`
     * for one-line and double-quoted scalars. */
    const char *lines;
    bool plain;        /* unquoted plain scalar: may be null, a number … */
    /* YML_SEQ and YML_MAP */
    int count;
    yml_node **items;  /* YML_SEQ: the items; YML_MAP: the values */
    yml_node **keys;   /* YML_MAP: the key scalars */
    bool *read;        /* YML_MAP: key i was looked up */
};

typedef struct yml_doc {
    const char *file;  /* the path as given; owned by the doc */
    yml_node *root;    /* NULL for an empty file */
    arena *arena;
    long nodes;        /* values in the tree, aliases expanded */
} yml_doc;

/* Limits on what one file may make us do.  Aliases are not copied, but
 * loaders walk what they stand for, so the tree as aliases expand it is
 * bounded too, in nodes and in the bytes of its scalars: an alias bomb
 * stops at the alias that passes the bound.  Text costs up to a second
 * and 100 MiB of memory to typeset per MiB (a paragraph of one unbreakable
 * word; real text a tenth of that), which bounds a file, hundreds of times
 * the longest article.  (The loaders bound a paragraph and an edition:
 * loader.h.) */
enum {
    YML_MAX_FILE_BYTES = 1 << 20,
    YML_MAX_DEPTH = 64,
    YML_MAX_NODES = 200000,
    YML_MAX_EXPANDED_BYTES = YML_MAX_FILE_BYTES,
};

/* Load a file from the disk; NULL (with errors in d) when it cannot be
 * read or parsed. */
yml_doc *yml_load_file(const char *path, diag *d);
/* The same, reading through `src` (files.h; NULL is the disk). */
yml_doc *yml_load_source(const file_source *src, const char *path, diag *d);
/* Load from memory; `name` is used in messages. */
yml_doc *yml_load_string(const char *name, const char *text, size_t len, diag *d);
/* The same with the doc's file name — which every location in it points
 * at — kept in `names`, not in the doc: a loader that copies what it keeps
 * can free the doc as soon as it is read, its locations still good. */
yml_doc *yml_load_string_named(const char *name, const char *text, size_t len, arena *names,
                               diag *d);
void yml_free(yml_doc *doc);
/* The error for a YAML file that cannot be read (errno `err`, as files.h
 * gives it), at the file; always false. */
bool yml_report_read_error(diag *d, const char *path, int err);

/* True for a plain empty scalar, "~", "null" (a key written without value). */
bool yml_is_null(const yml_node *n);
const char *yml_kind_name(yml_kind k);

/* Look a key up in a mapping and mark it read; NULL when absent.  A key
 * present with a null value counts as absent. */
yml_node *yml_lookup(yml_node *map, const char *key);
/* Report every unread key that is not in `allowed` (NULL-terminated) as an
 * error; `what` names the mapping in the message ("article"). */
bool yml_expect_keys(const yml_node *map, diag *d, const char *what,
                     const char *const *allowed);
/* Error "missing required key" at the mapping. */
bool yml_missing(const yml_node *map, diag *d, const char *what, const char *key);

/* Type checks with an error naming what was expected. */
bool yml_expect_kind(const yml_node *n, diag *d, yml_kind kind, const char *what);

/* Typed reads of scalars.  Each reports a clear error and returns false. */
bool yml_read_string(const yml_node *n, diag *d, const char *what, const char **out);
bool yml_read_int(const yml_node *n, diag *d, const char *what, long min, long max,
                  long *out);
bool yml_read_number(const yml_node *n, diag *d, const char *what, double *out);
bool yml_read_bool(const yml_node *n, diag *d, const char *what, bool *out);
/* One of `choices` (NULL-terminated); *out is its index. */
bool yml_read_choice(const yml_node *n, diag *d, const char *what,
                     const char *const *choices, int *out);
/* A length: a number with a unit pt, mm, cm, in, or em (times `em`, which
 * must then be non-zero), or a Chinese type size name (五号, 小五 …). */
bool yml_read_length(const yml_node *n, diag *d, const char *what, scaled em,
                     scaled *out);
/* Parse a length from a string; false when it is not one. */
bool yml_parse_length(const char *s, scaled em, scaled *out);
/* A percentage written plainly, digits with at most one point ("60%",
 * "12.5%"; "60" too unless `sign` asks for the "%"), as the number before
 * the sign; false for anything else (a space, a sign, hex, nan, inf). */
bool yml_parse_percent(const char *s, bool sign, double *out);

#endif
