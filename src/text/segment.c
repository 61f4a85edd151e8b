/* segment.c — characters, classes, fonts and break opportunities. */
#include "text/segment.h"

#include "base/arena.h"
#include "base/utf8.h"

#include <hb.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

/* US English patterns, from the Debian package hyphen-en-us (LibreOffice's). */
#define HYPHEN_DICT "/usr/share/hyphen/hyph_en_US.dic"

struct segmenter {
    UBreakIterator *iter;      /* UAX #14 line breaks */
    HyphenDict *hyph;          /* opened on first use */
    bool hyph_tried;
    UBreakIterator *word_iter; /* words, for phrase breaks; opened on first use */
    VEC(UChar) u16;
    VEC(int) u16_to_cp;
};

segmenter *segmenter_new(void) { return xcalloc(1, sizeof(segmenter)); }

void segmenter_free(segmenter *s)
{
    if (!s)
        return;
    if (s->iter)
        ubrk_close(s->iter);
    if (s->word_iter)
        ubrk_close(s->word_iter);
    if (s->hyph)
        hnj_hyphen_free(s->hyph);
    VEC_FREE(s->u16);
    VEC_FREE(s->u16_to_cp);
    free(s);
}

/* What parts a byline's names and roles: spaces, ideographic ones too. */
static bool is_part_gap(uint32_t c) { return c == ' ' || c == 0x3000; }

/* Does this character take part in Chinese composition (as opposed to a
 * Latin word)? */
static bool is_cjk_class(char_class c)
{
    return c != CHAR_LATIN && c != CHAR_SPACE;
}

/* Quotation marks are Chinese when a neighbour (skipping other quotes) is
 * Chinese; otherwise they stay Latin punctuation.  The neighbours are
 * found in one pass each way: looking anew from every mark took time
 * quadratic in the length of a run of marks. */
static void resolve_quotes(para_text *t, arena *scratch)
{
    char_class *right = ARENA_NEW_ARRAY(scratch, char_class, t->n + 1);
    char_class next = CHAR_SPACE;
    /* t->cls holds each character's class; only quotes' are changed here,
     * and a quote is never a neighbour. */
    for (int i = t->n - 1; i >= 0; i--) {
        right[i] = next;
        if (!chars_quote(t->cp[i]) && t->cp[i] != '\n')
            next = t->cls[i];
    }
    char_class left = CHAR_SPACE;
    for (int i = 0; i < t->n; i++) {
        int q = chars_quote(t->cp[i]);
        if (!q) {
            if (t->cp[i] != '\n')
                left = t->cls[i];
            continue;
        }
        bool chinese = is_cjk_class(left) || is_cjk_class(right[i]) ||
                       (left == CHAR_SPACE && right[i] == CHAR_SPACE);
        if (chinese)
            t->cls[i] = q > 0 ? CHAR_OPEN : CHAR_CLOSE;
    }
}

static unsigned no_start_mask(kinsoku_level level)
{
    switch (level) {
    case KINSOKU_NONE:
        return 0;
    case KINSOKU_BASIC:
        return NO_START_BASIC;
    case KINSOKU_GB:
        return NO_START_BASIC | NO_START_GB;
    case KINSOKU_STRICT:
        return NO_START_BASIC | NO_START_GB | NO_START_STRICT;
    }
    return 0;
}

static unsigned no_end_mask(kinsoku_level level)
{
    switch (level) {
    case KINSOKU_NONE:
        return 0;
    case KINSOKU_BASIC:
        return NO_END_BASIC;
    case KINSOKU_GB:
    case KINSOKU_STRICT:
        return NO_END_BASIC | NO_END_GB;
    }
    return 0;
}

/* The paragraph as UTF-16 for ICU, with the map back to characters. */
static void fill_u16(segmenter *s, const para_text *t)
{
    s->u16.n = 0;
    s->u16_to_cp.n = 0;
    VEC_GROW(s->u16, 2 * t->n + 1);
    VEC_GROW(s->u16_to_cp, 2 * t->n + 2);
    for (int i = 0; i < t->n; i++) {
        uint32_t c = t->cp[i];
        if (c >= 0x10000) {
            s->u16.v[s->u16.n] = (UChar)(0xD800 + ((c - 0x10000) >> 10));
            s->u16_to_cp.v[s->u16.n++] = i;
            s->u16.v[s->u16.n] = (UChar)(0xDC00 + ((c - 0x10000) & 0x3FF));
            s->u16_to_cp.v[s->u16.n++] = -1;
        } else {
            s->u16.v[s->u16.n] = (UChar)c;
            s->u16_to_cp.v[s->u16.n++] = i;
        }
    }
    s->u16_to_cp.v[s->u16.n] = t->n;
}

/* The boundaries an ICU iterator finds in the text fill_u16 made, as a
 * flag per character: at[i] is set when a boundary lies before character i. */
static bool mark_boundaries(segmenter *s, UBreakIterator **iter, UBreakIteratorType type,
                            const para_text *t, unsigned char *at, diag *d)
{
    UErrorCode err = U_ZERO_ERROR;
    if (!*iter)
        *iter = ubrk_open(type, "zh", s->u16.v, s->u16.n, &err);
    else
        ubrk_setText(*iter, s->u16.v, s->u16.n, &err);
    if (U_FAILURE(err)) {
        diag_env_error(d, (src_loc){0}, "ICU %s breaking failed: %s",
                       type == UBRK_LINE ? "line" : "word", u_errorName(err));
        return false;
    }
    memset(at, 0, (size_t)t->n + 1);
    for (int32_t b = ubrk_first(*iter); b != UBRK_DONE; b = ubrk_next(*iter)) {
        int cp = s->u16_to_cp.v[b];
        if (cp >= 0 && cp <= t->n)
            at[cp] = 1;
    }
    return true;
}

static bool is_dash(uint32_t c) { return c == 0x2014 || c == 0x2E3A; }
static bool is_ellipsis(uint32_t c) { return c == 0x2026 || c == 0x22EF || c == 0x2025; }

/* The characters after which a URL or path may break (LB-12). */
static bool is_url_break(uint32_t c) { return c && strchr("/.-_?&", (int)c) != NULL; }

/* Is the Latin run [a, b) a URL, a path or a file name: with a / \ @ or _,
 * or a dot before two letters (example.org, bash_completion, ~/.bashrc)? */
static bool is_url_like(const para_text *t, int a, int b)
{
    for (int i = a; i < b; i++) {
        uint32_t c = t->cp[i];
        if (c == '/' || c == '\\' || c == '@' || c == '_')
            return true;
        if (c == '.' && i + 2 < b && chars_is_ascii_letter(t->cp[i + 1]) && chars_is_ascii_letter(t->cp[i + 2]))
            return true;
    }
    return false;
}

/* LB-12: inside a URL or path, a line breaks after / . - _ ? & and never
 * before one, nor anywhere else; the run [a, b) is one. */
static void url_breaks(para_text *t, int a, int b)
{
    for (int i = a + 1; i < b; i++)
        t->brk[i] = is_url_break(t->cp[i - 1]) && !is_url_break(t->cp[i]) ? BREAK_URL
                                                                            : BREAK_NEVER;
}

/* LB-13: the hyphenation points of an English word [a, b) of ASCII letters,
 * from libhyphen (two letters at least before a break, three after).
 * Words in capitals (GNU, HTTP) and short words are left whole. */
static void hyphen_breaks(segmenter *s, para_text *t, int a, int b, diag *d)
{
    if (b - a < 6 || b - a > 60)
        return;
    for (int i = a + 1; i < b; i++)
        if (t->cp[i] < 'a')
            return;
    if (!s->hyph_tried) {
        s->hyph_tried = true;
        s->hyph = hnj_hyphen_load(HYPHEN_DICT);
        if (!s->hyph)
            diag_warn(d, (src_loc){0}, "hyphenation",
                      "the hyphenation dictionary %s cannot be read, so no Latin word is "
                      "hyphenated; install the Debian package hyphen-en-us",
                      HYPHEN_DICT);
    }
    if (!s->hyph)
        return;
    char word[64], hyphens[70];
    int n = b - a;
    for (int i = 0; i < n; i++)
        word[i] = (char)(t->cp[a + i] | 0x20);
    word[n] = 0;
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate3(s->hyph, word, n, hyphens, NULL, &rep, &pos, &cut, 2, 3, 2, 3) == 0)
        for (int i = 1; i < n; i++)
            if ((hyphens[i - 1] & 1) && t->brk[a + i] == BREAK_NEVER)
                t->brk[a + i] = BREAK_HYPHEN;
    /* No replacements in the English patterns, but the calls may make them. */
    if (rep) {
        for (int i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
}

/* Breaks inside each run of Latin text (no spaces, no Chinese): a URL or
 * path by LB-12, the words of other runs by LB-13 where the style
 * hyphenates. */
static void latin_breaks(segmenter *s, para_text *t, const span *spans, const layout *l, diag *d)
{
    for (int a = 0; a < t->n;) {
        if (t->cls[a] != CHAR_LATIN || t->cp[a] == '\n') {
            a++;
            continue;
        }
        int b = a + 1;
        while (b < t->n && t->cls[b] == CHAR_LATIN && t->cp[b] != '\n')
            b++;
        if (is_url_like(t, a, b)) {
            url_breaks(t, a, b);
        } else if (l->styles[spans[t->span[a]].style].hyphenate) {
            for (int w = a; w < b;) {
                int e = w;
                while (e < b && chars_is_ascii_letter(t->cp[e]))
                    e++;
                if (e > w && (w == a || !chars_is_digit(t->cp[w - 1])))
                    hyphen_breaks(s, t, w, e, d);
                w = e + 1;
            }
        }
        a = b;
    }
}

/* Parentheses: （ ） 〔 〕 ［ ］ and ASCII ( ). */
static int paren(uint32_t c)
{
    return c == 0xFF08 || c == 0x3014 || c == 0xFF3B || c == '(' ? 1
           : c == 0xFF09 || c == 0x3015 || c == 0xFF3D || c == ')' ? -1
                                                                   : 0;
}

/* LB-14: a short figure in parentheses — six characters at most, a digit
 * among them and no space, as 96877（24小时）, （上接A1版）, （2018） —
 * stands on one line with them.  (Chinese words in parentheses, a title in
 * 《》, a head in 【】 and a byline such as （记者 孟凡宇） break as any
 * text.) */
static void keep_brackets(para_text *t)
{
    for (int i = 0; i < t->n; i++) {
        if (paren(t->cp[i]) != 1)
            continue;
        int j = i + 1;
        while (j < t->n && j <= i + 7 && !paren(t->cp[j]) && t->cls[j] != CHAR_SPACE &&
               t->cp[j] != '\n')
            j++;
        bool number = false;
        for (int k = i + 1; k < j; k++)
            number |= chars_is_digit(t->cp[k]);
        if (j < t->n && j <= i + 7 && paren(t->cp[j]) == -1 && number)
            for (int k = i + 1; k <= j; k++)
                if (t->brk[k] != BREAK_MUST)
                    t->brk[k] = BREAK_NEVER;
    }
}

/* `icu` holds UAX #14's opportunities. */
static void tailor_breaks(para_text *t, const unsigned char *icu, const style *st)
{
    unsigned ns = no_start_mask(st->kinsoku), ne = no_end_mask(st->kinsoku);
    for (int i = 1; i < t->n; i++) {
        uint32_t a = t->cp[i - 1], b = t->cp[i];
        char_class ca = t->cls[i - 1], cb = t->cls[i];
        break_kind k;
        if (a == '\n') {
            k = BREAK_MUST;
        } else if (b == '\n' || cb == CHAR_SPACE) {
            k = BREAK_NEVER; /* breaks come after spaces and at the '\n' itself */
        } else if (ca == CHAR_SPACE) {
            k = b == 0xA0 || a == 0xA0 || a == 0x202F ? BREAK_NEVER : BREAK_ALLOW;
        } else if (is_cjk_class(ca) && is_cjk_class(cb)) {
            k = BREAK_ALLOW; /* Chinese text breaks between any two characters */
        } else if (cb == CHAR_OPEN || ca == CHAR_CLOSE) {
            /* A Chinese quotation mark next to a Latin word: UAX #14 before
             * 15.1 never breaks around quotes (QU); clreq allows it. */
            k = BREAK_ALLOW;
        } else {
            k = icu[i] ? BREAK_ALLOW : BREAK_NEVER;
        }
        /* The Chinese prohibitions hold where Chinese text meets Latin or
         * itself, not inside a Latin run: a path's / may end a line. */
        if (k == BREAK_ALLOW && !(ca == CHAR_LATIN && cb == CHAR_LATIN)) {
            unsigned fa = chars_kinsoku(a), fb = chars_kinsoku(b);
            if (chars_quote(a) && ca == CHAR_LATIN)
                fa = 0;
            if (chars_quote(b) && cb == CHAR_LATIN)
                fb = 0;
            if ((fb & ns) || (fa & ne))
                k = BREAK_NEVER;
            /* A single em dash (一字线) may not start a line (GB §5.1.6);
             * a pair (破折号) may, except in the strict set. */
            if (st->kinsoku != KINSOKU_NONE && b == 0x2014 &&
                !(i + 1 < t->n && is_dash(t->cp[i + 1])))
                k = BREAK_NEVER;
        }
        /* Never split —— or …… (LB-3), whatever the rule set. */
        if ((is_dash(a) && is_dash(b)) || (is_ellipsis(a) && is_ellipsis(b)))
            k = BREAK_NEVER;
        /* LB-4: a number, or a grade of one letter (诚信A级), keeps its unit. */
        bool grade = chars_is_ascii_letter(a) && (i < 2 || !chars_is_ascii_letter(t->cp[i - 2]));
        if (k == BREAK_ALLOW && st->unit_keep && (chars_is_digit(a) || grade) &&
            chars_is_unit_start(b))
            k = BREAK_SOFT;
        t->brk[i] = (unsigned char)k;
    }
    keep_brackets(t);
}

/* Does the face have c?  The faces were opened ahead (typesetter_new); one
 * that could not be opened is reported here, where a character first needs
 * it, with the location of the style that names it. */
static bool face_has(fontset *fonts, int face, const style *st, uint32_t c, diag *d)
{
    return (fontset_is_open(fonts, face) || fontset_open(fonts, face, st->font_loc, d)) &&
           fontset_glyph(fonts, face, c);
}

/* The face for character i: its style's face for Chinese, the Latin face
 * for Latin, then the fallbacks; -1 when none has it. */
static int choose_face(fontset *fonts, const style *st, uint32_t c, char_class cls, diag *d)
{
    int first = cls == CHAR_LATIN || cls == CHAR_SPACE ? st->latin_face : st->face;
    /* Chinese punctuation from the face the style names for it (FN-1). */
    if (st->punct_face >= 0 && cls != CHAR_LATIN && cls != CHAR_SPACE && cls != CHAR_IDEO &&
        face_has(fonts, st->punct_face, st, c, d))
        return st->punct_face;
    if (face_has(fonts, first, st, c, d))
        return first;
    if (first != st->face && face_has(fonts, st->face, st, c, d))
        return st->face;
    int count;
    const int *fallbacks = fontset_fallbacks(fonts, &count);
    for (int k = 0; k < count; k++) {
        if (face_has(fonts, fallbacks[k], st, c, d))
            return fallbacks[k];
    }
    return -1;
}

static bool is_mark(uint32_t c)
{
    hb_unicode_general_category_t g =
        hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
    return g == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           g == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           g == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xE0100 && c <= 0xE01EF) || c == 0x200D;
}

/* The spans joined into one text: its characters, their bytes and spans. */
static void join_spans(const span *spans, int count, arena *scratch, para_text *t)
{
    size_t bytes = 0;
    for (int i = 0; i < count; i++)
        bytes += strlen(spans[i].text);
    int cap = (int)bytes + 1;
    t->cp = ARENA_NEW_ARRAY(scratch, uint32_t, cap);
    t->byte = ARENA_NEW_ARRAY(scratch, int, cap + 1);
    t->span = ARENA_NEW_ARRAY(scratch, int, cap);
    t->utf8 = arena_alloc(scratch, bytes + 1);
    size_t pos = 0;
    for (int i = 0; i < count; i++) {
        const char *txt = spans[i].text;
        size_t len = strlen(txt);
        memcpy(t->utf8 + pos, txt, len);
        for (size_t k = 0; k < len;) {
            uint32_t c;
            int m = utf8_decode(txt + k, len - k, &c);
            if (m == 0) {
                c = 0xFFFD;
                m = 1;
            }
            t->cp[t->n] = c;
            t->byte[t->n] = (int)(pos + k);
            t->span[t->n] = i;
            t->n++;
            k += (size_t)m;
        }
        pos += len;
    }
    t->utf8[pos] = 0;
    t->byte[t->n] = (int)pos;
}

/* LB-11 and CB-4: where a style with phrase breaks (a head, a byline)
 * breaks inside a word or a name only at a cost.  `words` holds ICU's word
 * boundaries. */
static void mark_phrase_breaks(para_text *t, const span *spans, const layout *l,
                               const unsigned char *words)
{
    int n = t->n;
    /* LB-11: text in a style with phrase breaks (a head, a byline run in
     * after the lead) breaks between words if it can. */
    for (int i = 1; i < n; i++)
        if (t->brk[i] == BREAK_ALLOW && !words[i] &&
            l->styles[spans[t->span[i - 1]].style].phrase_breaks &&
            l->styles[spans[t->span[i]].style].phrase_breaks)
            t->brk[i] = BREAK_IN_WORD;
    /* Names are words no dictionary knows (韩|雪|松 to ICU): in a style
     * whose phrases are names (phrase-breaks: names, for bylines), the runs
     * the writer parted with spaces (记者 李晓霞 文/图, 记者　李晓霞) are its
     * phrases, each kept whole unless nothing else will do.  (Such a
     * style has phrase breaks: without any, there are no `words`.) */
    for (int i = 1; i < n; i++)
        if ((t->brk[i] == BREAK_ALLOW || t->brk[i] == BREAK_IN_WORD) &&
            t->span[i - 1] == t->span[i] && l->styles[spans[t->span[i]].style].name_parts &&
            !is_part_gap(t->cp[i - 1]) && !is_part_gap(t->cp[i]))
            t->brk[i] = BREAK_IN_NAME;
    /* CB-4: between a role and the name after it, or a name and its
     * credit, such a style breaks as a head does inside a word: where no
     * other gap will do, though still before it splits a name.  i is the
     * first character after a gap of one or more spaces. */
    for (int i = 1; i < n; i++) {
        if (t->brk[i] != BREAK_ALLOW || !is_part_gap(t->cp[i - 1]) || is_part_gap(t->cp[i]) ||
            t->span[i - 1] != t->span[i] || !l->styles[spans[t->span[i]].style].name_parts)
            continue;
        int gap = i - 1;
        while (gap > 0 && is_part_gap(t->cp[gap - 1]) && t->span[gap - 1] == t->span[i])
            gap--;
        int a = gap, b = i;
        while (a > 0 && !is_part_gap(t->cp[a - 1]) && t->span[a - 1] == t->span[i])
            a--;
        while (b < n && !is_part_gap(t->cp[b]) && t->span[b] == t->span[i])
            b++;
        /* A credit is never parted from the name before it (整理 alone on a
         * line reads as nothing); a role may, as a last resort. */
        if (chars_is_byline_credit(t->cp + i, b - i))
            t->brk[i] = BREAK_NEVER;
        else if (chars_is_byline_role(t->cp + a, gap - a))
            t->brk[i] = BREAK_IN_WORD;
    }
}

/* Where a line may break before each character: UAX #14 from ICU, tailored
 * by the paragraph's rule set, then the phrase rules.  False when ICU
 * fails. */
static bool find_breaks(segmenter *s, para_text *t, const span *spans, int count,
                        const layout *l, arena *scratch, diag *d)
{
    int n = t->n;
    t->brk = ARENA_NEW_ARRAY(scratch, unsigned char, n + 1);
    unsigned char *icu = ARENA_NEW_ARRAY(scratch, unsigned char, n + 1);
    unsigned char *words = NULL;
    if (n > 0) {
        fill_u16(s, t);
        if (!mark_boundaries(s, &s->iter, UBRK_LINE, t, icu, d))
            return false;
        bool phrases = false;
        for (int k = 0; k < count; k++)
            phrases |= l->styles[spans[k].style].phrase_breaks;
        if (phrases) {
            words = ARENA_NEW_ARRAY(scratch, unsigned char, n + 1);
            if (!mark_boundaries(s, &s->word_iter, UBRK_WORD, t, words, d))
                return false;
        }
    }
    tailor_breaks(t, icu, &l->styles[spans[0].style]);
    latin_breaks(s, t, spans, l, d);
    if (words)
        mark_phrase_breaks(t, spans, l, words);
    /* BL-6: nothing breaks a no-break phrase (but a forced line end). */
    for (int i = 1; i < n; i++)
        if (t->span[i - 1] == t->span[i] && spans[t->span[i]].nobreak && t->brk[i] != BREAK_MUST)
            t->brk[i] = BREAK_NEVER;
    return true;
}

/* Character i's index in its span: its location there. */
static int index_in_span(const para_text *t, int i)
{
    int index = 0;
    for (int k = i - 1; k >= 0 && t->span[k] == t->span[i]; k--)
        index++;
    return index;
}

/* FN-2: a character set in a face the style does not name is a warning
 * (one per character and face, wherever it stands), and the proof flags
 * its line (备用字体). */
static void warn_fallback(fontset *fonts, const style *st, const span *sp, const para_text *t,
                          int i, int face, diag *d)
{
    char utf[5] = {0};
    utf8_encode(t->cp[i], utf);
    const face_info *own = fontset_info(fonts, t->cls[i] == CHAR_LATIN ? st->latin_face : st->face);
    diag_warn(d, span_char_loc(sp, index_in_span(t, i)), "font-fallback",
              "%s has no U+%04X \"%s\", which is set in %s from the fallback list instead; "
              "choose a face for the style \"%s\" that has it, or another character",
              own->family, t->cp[i], utf, fontset_info(fonts, face)->family, st->name);
}

/* The face of each character, reporting the characters no face has. */
static void choose_faces(para_text *t, const span *spans, const layout *l, fontset *fonts,
                         arena *scratch, diag *d)
{
    int n = t->n;
    t->face = ARENA_NEW_ARRAY(scratch, int, n + 1);
    for (int i = 0; i < n; i++) {
        uint32_t c = t->cp[i];
        const style *st = &l->styles[spans[t->span[i]].style];
        if (c == '\n') {
            t->face[i] = -1;
            continue;
        }
        if (i > 0 && is_mark(c) && t->face[i - 1] >= 0) {
            t->face[i] = t->face[i - 1];
            continue;
        }
        int f = choose_face(fonts, st, c, t->cls[i], d);
        if (f < 0) {
            const span *sp = &spans[t->span[i]];
            char utf[5] = {0};
            utf8_encode(c, utf);
            diag_warn(d, span_char_loc(sp, index_in_span(t, i)), "missing-glyph",
                      "no font has U+%04X \"%s\"; it prints as an empty box. Replace the "
                      "character or add a face that has it to the fallback list in "
                      "fonts/fonts.yaml",
                      c, utf);
            f = t->cls[i] == CHAR_LATIN ? st->latin_face : st->face;
        } else if (f != st->face && f != st->latin_face && f != st->punct_face) {
            warn_fallback(fonts, st, &spans[t->span[i]], t, i, f, d);
        }
        t->face[i] = f;
    }
}

/* Runs of one face, span and script: what HarfBuzz shapes at a time.
 * Common and inherited characters take the script before them (at the
 * start, the one after). */
static void find_runs(para_text *t, arena *scratch)
{
    int n = t->n;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t *script = ARENA_NEW_ARRAY(scratch, hb_script_t, n + 1);
    hb_script_t last = HB_SCRIPT_INVALID;
    for (int i = 0; i < n; i++) {
        hb_script_t sc = hb_unicode_script(uf, t->cp[i]);
        if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN)
            sc = last;
        script[i] = sc;
        if (sc != HB_SCRIPT_INVALID)
            last = sc;
    }
    hb_script_t next = HB_SCRIPT_HAN;
    for (int i = n - 1; i >= 0; i--) {
        if (script[i] == HB_SCRIPT_INVALID)
            script[i] = next;
        else
            next = script[i];
    }
    t->runs = ARENA_NEW_ARRAY(scratch, text_run, n + 1);
    for (int i = 0; i < n;) {
        if (t->cp[i] == '\n') {
            i++;
            continue;
        }
        int j = i + 1;
        while (j < n && t->cp[j] != '\n' && t->face[j] == t->face[i] && t->span[j] == t->span[i] &&
               script[j] == script[i])
            j++;
        t->runs[t->run_count++] = (text_run){i, j - i, t->face[i], t->span[i], (int)script[i]};
        i = j;
    }
}

bool segment_make(segmenter *s, const span *spans, int count, const layout *l, fontset *fonts,
                  arena *scratch, para_text *out, diag *d)
{
    memset(out, 0, sizeof *out);
    join_spans(spans, count, scratch, out);
    out->cls = ARENA_NEW_ARRAY(scratch, char_class, out->n + 1);
    for (int i = 0; i < out->n; i++)
        out->cls[i] = chars_class(out->cp[i]);
    resolve_quotes(out, scratch);
    if (!find_breaks(s, out, spans, count, l, scratch, d))
        return false;
    choose_faces(out, spans, l, fonts, scratch, d);
    find_runs(out, scratch);
    return true;
}
