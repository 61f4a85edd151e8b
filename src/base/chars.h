/* chars.h — what the typesetter needs to know about each character.
 *
 * Unicode properties come from ICU; the classes of Chinese punctuation and
 * the line-start/line-end prohibitions (禁则) are our own data, after
 * clreq §3.1 and GB/T 15834—2011 §5.1 (see docs/typography.md and the
 * table in chars.c).  Quotation marks “ ” ‘ ’ are ambiguous: chars_class
 * reports them as Latin, and segment.c decides from their neighbours
 * whether they act as Chinese opening/closing marks (typography PU-8). */
#ifndef PAIBAN_BASE_CHARS_H
#define PAIBAN_BASE_CHARS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    CHAR_LATIN,      /* letters, digits, signs: proportional, never spread inside a word */
    CHAR_IDEO,       /* Han, kana, fullwidth forms: one em each, set solid */
    CHAR_OPEN,       /* opening bracket or quote; its blank is the left half */
    CHAR_CLOSE,      /* closing bracket or quote, and 。，、．：； (mainland: closing) */
    CHAR_EXCL,       /* ？！‼⁇⁈⁉: full width, not compressed */
    CHAR_MIDDLE,     /* interpuncts · ・ ‧ */
    CHAR_DASH,       /* — ⸺: a pair —— is one unbreakable 2-em dash */
    CHAR_ELLIPSIS,   /* … ⋯: a pair …… is one unbreakable unit */
    CHAR_CONNECTOR,  /* – ～ 〜: not at line start */
    CHAR_SPACE,      /* U+0020 and friends */
    CHAR_IDEO_SPACE, /* U+3000 */
} char_class;

/* Prohibition flags, by the rule set from which on they apply (LB-0). */
enum {
    NO_START_BASIC = 1 << 0,  /* basic, gb and strict */
    NO_START_GB = 1 << 1,     /* gb and strict */
    NO_START_STRICT = 1 << 2, /* strict only */
    NO_END_BASIC = 1 << 3,
    NO_END_GB = 1 << 4,
};

char_class chars_class(uint32_t cp);
/* NO_START_* | NO_END_* flags of cp. */
unsigned chars_kinsoku(uint32_t cp);
/* Quotation marks whose role depends on context: +1 opening, -1 closing, 0 other. */
int chars_quote(uint32_t cp);
/* East Asian Width F, W or H (CSS segment-break rule, LB-7). */
bool chars_is_wide(uint32_t cp);
bool chars_is_hangul(uint32_t cp);
bool chars_is_digit(uint32_t cp);
/* A to Z, a to z. */
bool chars_is_ascii_letter(uint32_t cp);
/* Han ideograph (for 孤字 counting and unit words). */
bool chars_is_han(uint32_t cp);
/* Characters that may not be typeset: C0/C1 controls (but \n), unpaired
 * specials, noncharacters. */
bool chars_is_control(uint32_t cp);
/* First character of a unit or measure word that should stay with a
 * preceding number (万元, 年, 户 …; typography LB-4, issue "units"). */
bool chars_is_unit_start(uint32_t cp);
/* A byline's phrases (CB-4): one that ends in a role (本报记者, 通讯员,
 * 实习生 …), which belongs with the name after it, and a credit (文, 图,
 * 摄, 文/图, 整理), which belongs with the name before it. */
bool chars_is_byline_role(const uint32_t *cp, int n);
bool chars_is_byline_credit(const uint32_t *cp, int n);

#endif
