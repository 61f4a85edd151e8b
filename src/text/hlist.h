/* hlist.h — a paragraph as boxes, glue and penalties (Knuth & Plass 1981).
 *
 * The line breaker sees only this list; every rule of Chinese composition
 * is expressed here, as items:
 *   - each unit (a character, a Latin letter cluster, a mark) is a box;
 *   - between Chinese characters, glue of zero width that stretches a
 *     little (JU-4) and never shrinks (Han characters are set solid);
 *   - the blank half of an opening or closing mark is glue that may shrink
 *     to nothing (JU-3: reduce punctuation before expanding anything);
 *     adjacent marks lose one blank outright (PU-4: a pair takes 1.5 em);
 *     ？？ ！！ ？！ lose both (PU-6: a pair takes one em);
 *   - interpuncts, and a solidus or en dash between Chinese characters,
 *     take half an em with the glyph centred in it (PU-2);
 *   - a break is allowed only at a penalty item.  A break before a closing
 *     mark's blank drops the blank, so a mark at line end takes half width
 *     (PU-3); glue after a break is dropped, so an opening mark at line
 *     start does too (PU-5); prohibited breaks simply have no penalty;
 *   - text that is not justified has, at every break, stretch that only a
 *     line ending there uses (Knuth & Plass's ragged-right glue): the
 *     breaker then weighs a short line against a costly break, as a
 *     headline that breaks between words must (LB-11).
 *
 * A line is the items from a line start up to (not including) the penalty
 * it breaks at; a line start is the first box after the previous break. */
#ifndef PAIBAN_TEXT_HLIST_H
#define PAIBAN_TEXT_HLIST_H

#include "base/base.h"

typedef enum { ITEM_BOX, ITEM_GLUE, ITEM_PENALTY } item_kind;

/* Glue kinds, for justifying in the order clreq gives (JU-3, JU-4). */
typedef enum {
    GLUE_INTER,       /* between Chinese characters, and a space there: stretches last */
    GLUE_HAN_LATIN,   /* between Chinese and Latin */
    GLUE_WORD,        /* a space in or beside Western text */
    GLUE_BLANK_PAREN, /* blank of a bracket or quotation mark */
    GLUE_BLANK_PAUSE, /* blank of ，、；： */
    GLUE_BLANK_STOP,  /* blank of 。．？！ */
    GLUE_FIXED,       /* neither stretches nor shrinks (tracking, a byline gap) */
    GLUE_RAGGED,      /* line-end stretch of text that is not justified: never set */
    GLUE_FILL,        /* infinite stretch: the end of a paragraph or forced line */
    GLUE_KIND_COUNT
} glue_kind;

#define PENALTY_INF 10000

typedef struct item {
    item_kind kind;
    unsigned char glue;  /* glue_kind of ITEM_GLUE */
    scaled width;
    scaled stretch, shrink; /* ITEM_GLUE */
    int penalty;         /* ITEM_PENALTY: ≥ PENALTY_INF never breaks, ≤ -PENALTY_INF always;
                          * its width (a hyphen, LB-13) ends a line that breaks there, and
                          * its unit is the one the hyphen follows */
    int unit;            /* ITEM_BOX: unit set, -1 for an indent or spacer; ITEM_GLUE: the
                          * first space unit it stands for, or -1 */
    scaled box_left;     /* ITEM_BOX: the glyph origin lies this far before the box */
} item;

typedef struct hlist_params {
    scaled indent;             /* first-line indent */
    bool line_end_half;        /* PU-3 gb: a closing mark at line end takes half width */
    bool line_start_open_half; /* PU-5: an opening mark at line start takes half width */
    bool reduce_stops;         /* JU-3 step 7: a 。？！ inside a line may give up its blank */
    bool avoid_single_last;    /* PH-4: no last line of one character (孤字) */
    int unit_penalty;          /* cost of breaking a number from its unit */
    int word_penalty;          /* cost of breaking inside a word where the style asks for
                                * phrase breaks (LB-11) */
    int url_penalty;           /* cost of breaking inside a URL or path (LB-12) */
    int hyphen_penalty;        /* cost of hyphenating a Latin word (LB-13) */
    bool space_parts_phrases;  /* a head: a break at an ideographic space gains as much */
    scaled ragged;             /* line-end stretch of unjustified text, 0 when justified */
    bool balance;              /* ragged text: the last line too, so lines come out even */
    scaled tracking;
    scaled han_latin_gap;
    scaled hang;               /* a list item's text starts this far in, after its marker */
    bool preserve_spaces;      /* code: a space keeps its width, neither stretches nor shrinks */
} hlist_params;

struct para_text;
struct shaped_para;
struct span;

/* Build the items for a shaped paragraph in the scratch arena. */
item *hlist_build(const struct para_text *t, const struct shaped_para *sp, const struct span *spans,
                  const hlist_params *p, arena *scratch, int *count);

/* Stretch of inter-character glue per em, and the other constants the
 * tests check against. */
#define HLIST_INTER_STRETCH(em) ((em) / 16)
#define HLIST_HAN_LATIN_STRETCH(em) ((em) / 8)

#endif
