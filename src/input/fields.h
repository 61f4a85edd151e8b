/* fields.h — a YAML mapping read into a struct through a table of its keys.
 *
 * A loader describes each mapping once, as rows {key, type, offset, range or
 * choices, meaning}, and fields_read does what every loader did by hand:
 *   1. every key of the mapping that no row names is an error at its own
 *      line and column, with a "did you mean" (yml_expect_keys);
 *   2. the rows are read in table order: an absent key keeps the value the
 *      caller put there (the default), a required one is an error at the
 *      mapping; a present one is checked for its type and range and stored
 *      at its offset, or reported at the value with the row's name for it;
 *   3. the reading goes on past a row that fails, so that one run lists
 *      every problem, unless the row is `vital`: the rows after it need it.
 * Every number has its range in its row, checked where it is read: whole
 * numbers from min to max, percentages likewise, lengths from lo to hi (in
 * pt, or in em of the reader's em: a style's size), with NaN and the
 * infinities refused; text has its length in characters (max) and a list
 * its count of items (min to max, when max is given).  A row's own reader
 * that reads a number or text checks it with the same helpers
 * (fields_read_int, fields_read_length, fields_text_fits), so what the
 * table documents is what is enforced.
 * Whatever a type cannot say (a style by name, text to normalise, a list)
 * a row says with its own reader, which is called for an absent key too.
 *
 * fields_markdown prints a table as the Markdown key table of the docs. */
#ifndef PAIBAN_INPUT_FIELDS_H
#define PAIBAN_INPUT_FIELDS_H

#include "base/arena.h"
#include "base/base.h"
#include "base/diag.h"
#include "input/yml.h"

#include <stddef.h>

typedef enum {
    FIELD_STRING,    /* const char *: the text, copied into the reader's arena, of at
                      * most `max` characters */
    FIELD_INT,       /* int: a whole number from min to max */
    FIELD_BOOL,      /* bool: true or false (yes/no, on/off) */
    FIELD_CHOICE,    /* int or an enum: the index of the word among `choices` */
    FIELD_SWITCH,    /* bool: one of two words, true for choices[on] */
    FIELD_LENGTH,    /* scaled: 9pt, 3.5mm, 2em (of *em), 小五 …, from lo to hi */
    FIELD_EM_LENGTH, /* scaled: a length whose multiple of *em, when it is given
                      * in em, is kept at `ratio` (a double, else 0) so that it
                      * follows the size; absent, a multiple already there is
                      * applied to *em */
    FIELD_PERCENT,   /* double: "60%" as 0.6, from min to max percent */
    FIELD_MAP,       /* a mapping, read by `read`, or else kept (yml_node *) for the
                      * loader to read once it knows what it needs */
    FIELD_LIST,      /* a list, the same */
    FIELD_SCALAR,    /* a single value, the same */
    FIELD_CUSTOM,    /* read by `read` */
} field_type;

typedef struct field_reader field_reader;
typedef struct field field;

/* Reads row r->row from v (NULL when the key is absent or null) into dest,
 * the struct fields_read fills; false when something was wrong (reported). */
typedef bool field_read_fn(field_reader *r, yml_node *v, void *dest);

struct field {
    const char *key;
    field_type type;
    size_t at;                  /* offsetof the value in the struct */
    const char *doc;            /* its meaning, for the key table */
    const char *what;           /* the value in messages: the key unless given;
                                 * a MAP, LIST or SCALAR is "\"key\"" */
    long min, max;              /* FIELD_INT, FIELD_PERCENT; FIELD_LIST: items (max 0: any);
                                 * FIELD_STRING and text read by a row's own reader:
                                 * characters at most */
    int max_arg;                /* FIELD_INT: FIELD_ARG(i) for a maximum known only when
                                 * loading, the reader's args[i] (0: `max`) */
    const char *const *choices; /* FIELD_CHOICE, FIELD_SWITCH (NULL-terminated) */
    int on;                     /* FIELD_SWITCH */
    size_t ratio;               /* FIELD_EM_LENGTH */
    double lo, hi;              /* FIELD_LENGTH, FIELD_EM_LENGTH and lengths a row's reader
                                 * reads (fields_read_length): the range, in pt, or in em
                                 * of the reader's em when `in_em` */
    bool in_em;
    const char *hint; /* FIELD_PERCENT: "must be <hint>" when it is not one */
    bool required;
    bool vital;                 /* fields_read stops when this row fails */
    field_read_fn *read;        /* FIELD_MAP, LIST, SCALAR, CUSTOM; a CUSTOM row without
                                 * one only allows and documents a key the loader reads
                                 * itself (or never) */
    const void *arg;            /* for `read` */
    const char *type_doc;       /* the type, documented, when the row's own does not say it */
    const char *range_doc;      /* the range or form when the row's own does not say it */
};

#define FIELD_ARG(i) ((i) + 1)

/* The rows of one kind of mapping; `fields` ends with a row whose key is NULL.
 */
typedef struct field_table {
    const char *what;           /* the mapping in messages: "a photo", "\"grid\"" */
    const field *fields;
} field_table;

struct field_reader {
    diag *d;
    arena *arena;               /* FIELD_STRING copies here */
    void *user;                 /* the loader, for the rows' own readers */
    const scaled *em;           /* 1em for lengths, read when each is read (it may be a
                                 * field of dest, a style's size); NULL: em not allowed */
    long args[4];               /* maximums known only when loading (max_arg) */
    const char *what;           /* the mapping in messages, instead of the table's */
    /* Set by fields_read for the rows' readers, restored when it returns: */
    yml_node *map;
    const field *row;
    const char *name;           /* the row's value in messages (its `what`) */
    bool ok;                    /* no row before this one failed */
};

/* Read `map` (a mapping) into dest through table t, as said above; false when
 * anything was wrong.  What fields_read sets in r (and r->em and r->what,
 * which a row's reader may change for the rows after it) is restored when it
 * returns, so a row's reader may read a nested mapping with r. */
bool fields_read(field_reader *r, yml_node *map, const field_table *t, void *dest);

/* Only the keys of `map`: every one that t has no row for is an error.
 * For a mapping whose values cannot be read for what is wrong before it. */
bool fields_check_keys(field_reader *r, yml_node *map, const field_table *t);

/* A row's reader for a mapping read through the table in the row's `arg`,
 * into the same struct. */
bool fields_read_nested(field_reader *r, yml_node *v, void *dest);

/* For a row's own reader that stores a whole number otherwise: v read as
 * the row's FIELD_INT would read it, in its range. */
bool fields_read_int(field_reader *r, yml_node *v, long *out);

/* For a row's own reader that reads a length: v read as a length (em is
 * 1em, 0 where em is not allowed) and checked against the row's range. */
bool fields_read_length(field_reader *r, yml_node *v, scaled em, scaled *out);

/* For a row's own reader that reads text: whether `text` (UTF-8, as it
 * will be printed) has at most the row's `max` characters; else an error
 * at v. */
bool fields_text_fits(field_reader *r, const yml_node *v, const char *text);

/* Where the row being read stores its value in dest. */
static inline void *fields_slot(const field_reader *r, void *dest)
{
    return (char *)dest + r->row->at;
}

/* The table as Markdown: | key | type | range or choices | meaning |, a row
 * a key, required keys marked.  The caller frees it. */
char *fields_markdown(const field_table *t);

#endif
