/* segment.h — a paragraph's spans as one text with per-character facts.
 *
 * segment_make joins a paragraph's spans into one array of code points and
 * fills, for each character: its span, its class (with quotation marks
 * resolved from context: “ ” between Chinese characters are Chinese opening
 * and closing marks, PU-8), the face that sets it (the style's face, its
 * Latin face, or the first fallback face that has the character), and
 * whether a line may break before it.  Faces are looked up, not opened:
 * typesetter_new opened them ahead (fontset_open_ahead), and one that could
 * not be opened is reported where a character first needs it.
 *
 * Break opportunities start from UAX #14 (ICU's line break iterator, which
 * keeps numbers and Latin words whole) and are then tailored with the clreq
 * rules of chars.c: between two Chinese characters a break is allowed
 * unless a prohibition of the paragraph's rule set forbids it; —— and ……
 * never split; a number and a following unit word break only at a cost.
 * Inside a run of Latin text the Chinese prohibitions do not apply: a URL
 * or path breaks after its / . - _ ? & (LB-12), a word at the points of
 * the English hyphenation dictionary of libhyphen (LB-13), and otherwise
 * where UAX #14 allows.
 * For styles with phrase breaks (heads, LB-11), a break inside a word —
 * by ICU's dictionary-based word segmentation for "zh" — is allowed only
 * at a cost too.  Markup never matters: the rules look at characters, not
 * spans (LB-9).
 *
 * All arrays live in the scratch arena passed in. */
#ifndef PAIBAN_TEXT_SEGMENT_H
#define PAIBAN_TEXT_SEGMENT_H

#include "base/base.h"
#include "base/chars.h"
#include "base/diag.h"
#include "input/content.h"
#include "input/fontset.h"
#include "input/layout.h"

typedef enum {
    BREAK_NEVER,
    BREAK_ALLOW,
    BREAK_SOFT,    /* allowed at a cost: a number from its unit */
    BREAK_MUST,    /* a forced line break (the '\n' of a head) */
    BREAK_IN_WORD, /* allowed at a cost: inside a word of a head (LB-11) */
    BREAK_IN_NAME, /* allowed at twice that cost: inside a name or role of a
                    * byline (LB-11, CB-4) */
    BREAK_URL,     /* allowed at a small cost: after / . - _ ? & inside a URL or
                    * path (LB-12) */
    BREAK_HYPHEN,  /* allowed at a cost, with a hyphen: inside a Latin word (LB-13) */
} break_kind;

typedef struct text_run {
    int start, len;     /* characters */
    int face;
    int span;
    int script;         /* hb_script_t */
} text_run;

typedef struct para_text {
    int n;              /* characters */
    uint32_t *cp;
    int *byte;          /* byte offset of character i in utf8; byte[n] = length */
    char *utf8;         /* the paragraph's text, NUL-terminated */
    int *span;          /* span index of each character */
    char_class *cls;
    unsigned char *brk; /* break_kind before character i (brk[0] unused) */
    int *face;          /* -1 for '\n' */
    text_run *runs;     /* maximal runs of one face, span and script, without '\n' */
    int run_count;
} para_text;

typedef struct segmenter segmenter;

segmenter *segmenter_new(void);
void segmenter_free(segmenter *s);

/* Build the para_text of spans[0..count).  Characters no face has are
 * reported (with their location) and set in the style's own face, which
 * draws its .notdef box: never a silent blank.  Returns false only when ICU
 * fails (an environment error). */
bool segment_make(segmenter *s, const span *spans, int count, const layout *l, fontset *fonts,
                  arena *scratch, para_text *out, diag *d);

#endif
