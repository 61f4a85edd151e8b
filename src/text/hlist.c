/* hlist.c — units to boxes, glue and penalties. */
#include "text/hlist.h"

#include "base/arena.h"
#include "text/shape.h"

#include <string.h>

typedef VEC(item) item_vec;

static void push_box(item_vec *v, scaled width, int unit_index, scaled box_left)
{
    item *it = VEC_PUSH(*v);
    it->kind = ITEM_BOX;
    it->width = width;
    it->unit = unit_index;
    it->box_left = box_left;
}

static void push_glue(item_vec *v, glue_kind kind, scaled width, scaled stretch, scaled shrink)
{
    item *it = VEC_PUSH(*v);
    it->kind = ITEM_GLUE;
    it->glue = (unsigned char)kind;
    it->width = width;
    it->stretch = stretch;
    it->shrink = shrink;
    it->unit = -1;
}

static void push_penalty(item_vec *v, int penalty)
{
    item *it = VEC_PUSH(*v);
    it->kind = ITEM_PENALTY;
    it->penalty = penalty;
    it->unit = -1;
}

/* The kind of a mark's blank, for the order of reduction (JU-3). */
static glue_kind blank_kind(const unit *u, uint32_t c)
{
    if (u->cls == CHAR_EXCL)
        return GLUE_BLANK_STOP;
    switch (c) {
    case 0x3002: /* 。 */
    case 0xFF0E: /* ． */
        return GLUE_BLANK_STOP;
    case 0xFF0C: /* ， */
    case 0x3001: /* 、 */
    case 0xFF1B: /* ； */
    case 0xFF1A: /* ： */
        return GLUE_BLANK_PAUSE;
    default:
        return GLUE_BLANK_PAREN;
    }
}

static bool is_latin(char_class c) { return c == CHAR_LATIN; }

/* Marks whose blank half goes next to a following mark: closing marks
 * and, in mainland fonts where their ink sits left, ？ and ！. */
static bool is_closing(char_class c) { return c == CHAR_CLOSE || c == CHAR_EXCL; }

/* ——, …… and the connectors ～ –: marks without a blank of their own. */
static bool is_long_or_connector(char_class c)
{
    return c == CHAR_DASH || c == CHAR_ELLIPSIS || c == CHAR_CONNECTOR;
}

/* A closing bracket, quotation or book-title mark, as opposed to a stop. */
static bool is_bracket_close(const para_text *t, const unit *u)
{
    return u->cls == CHAR_CLOSE && blank_kind(u, t->cp[u->cp_end - 1]) == GLUE_BLANK_PAREN;
}

/* —— and …… are one mark of two characters (LB-3, PU-9). */
static bool same_long_mark(const unit *u, const unit *v)
{
    return u->cls == v->cls && (u->cls == CHAR_DASH || u->cls == CHAR_ELLIPSIS);
}

static bool no_stretch_between(const para_text *t, const unit *u, const unit *v)
{
    uint32_t a = t->cp[u->cp_end - 1], b = t->cp[v->cp_start];
    /* Never spread inside —— or …… (JU-4), nor around connectors and
     * solidi, which belong to both neighbours. */
    if (same_long_mark(u, v))
        return true;
    if (u->cls == CHAR_CONNECTOR || v->cls == CHAR_CONNECTOR)
        return true;
    return a == '/' || b == '/' || a == 0xFF0F || b == 0xFF0F;
}

/* Does unit k take exactly half an em (PU-2)?  Interpuncts always; a
 * solidus (分隔号, GB §5.1.9) or en dash (短横线, §5.1.6) when it stands
 * between Chinese characters — in a Latin word they keep the Latin face's
 * width. */
static bool takes_half_em(const para_text *t, const unit *units, int nu, int k)
{
    const unit *u = &units[k];
    if (u->cls == CHAR_MIDDLE)
        return true;
    uint32_t c = t->cp[u->cp_start];
    if ((c != '/' && c != 0x2013) || u->cp_end - u->cp_start != 1 || k == 0 || k + 1 >= nu)
        return false;
    const unit *a = &units[k - 1], *b = &units[k + 1];
    return a->cp_end == u->cp_start && b->cp_start == u->cp_end && !is_latin(a->cls) &&
           a->cls != CHAR_SPACE && !is_latin(b->cls) && b->cls != CHAR_SPACE;
}

/* An interpunct takes half an em with its glyph centred; the part of it
 * right of the glyph's own advance is blank that a line end drops, as
 * JLREQ's reduction table allows the quarter after a middle dot to go
 * there (cl-05, line end: 1/4-0).  (An interpunct always takes half an
 * em: takes_half_em.) */
static scaled middle_tail(const unit *u)
{
    return u->cls == CHAR_MIDDLE ? MAX(0, u->size / 4 - u->width / 2) : 0;
}

/* A break opportunity: in unjustified text with the ragged-right stretch
 * around it that only a line ending here keeps. */
static void push_break(item_vec *v, int penalty, scaled ragged)
{
    if (ragged > 0)
        push_glue(v, GLUE_RAGGED, 0, ragged, 0);
    push_penalty(v, penalty);
    if (ragged > 0)
        push_glue(v, GLUE_RAGGED, 0, -ragged, 0);
}

/* Which blanks adjacent compression removes (PU-4, after CSS Text 4's
 * fullwidth punctuation collapsing for Simplified Chinese, and clreq
 * #h-adjustment_of_adjacent_punctuation_marks; PU-6): trim_left[k] and
 * trim_right[k] drop unit k's blank on that side. */
static void find_trims(const para_text *t, const unit *units, int nu, bool *trim_left,
                       bool *trim_right)
{
    int prev = -1;
    int excl_run = 0; /* ？！ marks in a row so far, ending at prev */
    for (int k = 0; k < nu; k++) {
        const unit *vu = &units[k];
        if (vu->cls == CHAR_SPACE) {
            prev = -1;
            excl_run = 0;
            continue;
        }
        bool adjacent = prev >= 0 && units[prev].cp_end == vu->cp_start;
        if (adjacent) {
            char_class a = units[prev].cls, b = vu->cls;
            if (b == CHAR_OPEN && (a == CHAR_OPEN || is_closing(a) || a == CHAR_MIDDLE ||
                                   a == CHAR_IDEO_SPACE))
                trim_left[k] = true;
            if (is_closing(a) && (b == CHAR_CLOSE || b == CHAR_MIDDLE || b == CHAR_IDEO_SPACE))
                trim_right[prev] = true;
            /* clreq: a bracket beside any other mark gives up its blank
             * on that side, so that it stays against the text it encloses:
             * ”…… and ”—— and ”？ take half an em less, as ……“ does.  A
             * stop keeps its blank before —— or …… (no bracket there). */
            if (b == CHAR_OPEN && is_long_or_connector(a))
                trim_left[k] = true;
            if (a == CHAR_CLOSE && is_bracket_close(t, &units[prev]) &&
                (is_long_or_connector(b) || b == CHAR_EXCL))
                trim_right[prev] = true;
        }
        /* ？？ ！！ ？！ take one em, ？？？ two (GB §5.1.2; clreq
         * #exclamatory_question_marks): every mark of a run but the last
         * takes half an em, and the last too when the run is a pair. */
        excl_run = vu->cls == CHAR_EXCL ? (adjacent ? excl_run : 0) + 1 : 0;
        if (excl_run >= 2)
            trim_right[prev] = true;
        bool run_ends = k + 1 >= nu || units[k + 1].cls != CHAR_EXCL ||
                        units[k + 1].cp_start != vu->cp_end;
        if (excl_run == 2 && run_ends)
            trim_right[k] = true;
        prev = k;
    }
}

/* What lies between two boxes: spaces, and whether and at what cost a
 * line may break there. */
typedef struct between {
    scaled space;     /* width of the spaces between */
    bool ideo_space;  /* one of them is ideographic */
    break_kind bk;
    int penalty;
} between;

static between look_between(const para_text *t, const unit *units, int last_box, int k,
                            const hlist_params *p)
{
    const unit *pu = &units[last_box], *u = &units[k];
    between b = {.bk = (break_kind)t->brk[u->cp_start]};
    for (int s = last_box + 1; s < k; s++)
        b.space += units[s].width;
    /* A '\n' between them is a forced break even when spaces follow it. */
    for (int c = pu->cp_end; c < u->cp_start; c++)
        if (t->cp[c] == '\n')
            b.bk = BREAK_MUST;
    b.penalty = b.bk == BREAK_SOFT      ? p->unit_penalty
                : b.bk == BREAK_IN_WORD ? p->word_penalty
                : b.bk == BREAK_IN_NAME ? 2 * p->word_penalty
                : b.bk == BREAK_URL     ? p->url_penalty
                : b.bk == BREAK_HYPHEN  ? p->hyphen_penalty
                : b.bk == BREAK_MUST    ? -PENALTY_INF
                                        : 0;
    /* An ideographic space keeps its em; in a head it is where the writer
     * parted two phrases, the best place for a break. */
    for (int s = pu->cp_end; s < u->cp_start; s++)
        b.ideo_space |= t->cp[s] == 0x3000;
    if (b.ideo_space && p->space_parts_phrases && b.penalty == 0 && b.bk != BREAK_NEVER)
        b.penalty = -p->word_penalty;
    return b;
}

/* The break after box pu, if any, and pu's right blank `blank_r`.  The
 * break goes before the blank, so that a line ending there drops it
 * (PU-3), unless the style keeps it (line_end_half off): then after. */
static void push_break_and_blank(item_vec *v, const para_text *t, const unit *pu,
                                 scaled blank_r, const between *b, const hlist_params *p)
{
    bool breakable = b->bk != BREAK_NEVER;
    bool pen_before_blank = p->line_end_half || b->bk == BREAK_MUST;
    if (breakable && pen_before_blank) {
        if (b->bk == BREAK_MUST) {
            if (p->balance && p->ragged > 0)
                push_glue(v, GLUE_RAGGED, 0, 3 * p->ragged, 0);
            else
                push_glue(v, GLUE_FILL, 0, 0, 0);
            push_penalty(v, b->penalty);
        } else {
            push_break(v, b->penalty, p->ragged);
        }
    }
    glue_kind blank = blank_kind(pu, t->cp[pu->cp_end - 1]);
    /* A style that keeps its stops whole inside a line (JU-3 step 7
     * forbidden) lets a stop's blank give way only at the end of a line:
     * where the blank goes before a break it stays in the line, so a glue
     * after the break takes its shrink back there unless the line ends at
     * it. */
    bool kept = blank == GLUE_BLANK_STOP && !p->reduce_stops;
    if (blank_r > 0)
        push_glue(v, blank, blank_r, 0, kept && (pen_before_blank || !breakable) ? 0 : blank_r);
    if (breakable && !pen_before_blank)
        push_break(v, b->penalty, p->ragged);
    if (blank_r > 0 && kept && breakable && !pen_before_blank)
        push_glue(v, blank, 0, 0, -blank_r);
}

/* Is the unit's first (or last) character a Latin letter (not a digit or
 * a sign)? */
static bool is_letter_unit(const para_text *t, const unit *u, bool first)
{
    uint32_t c = t->cp[first ? u->cp_start : u->cp_end - 1];
    return is_latin(u->cls) && chars_is_ascii_letter(c);
}

/* Does a mark's blank half stand between pu and u?  Tracking adds nothing
 * there: the blank already parts them, and a tracked head would read
 * "市场 “热” 得早" (PH-10). */
static bool blank_between(const unit *pu, const unit *u)
{
    return (u->cls == CHAR_OPEN && u->blank_left > 0) ||
           (is_closing(pu->cls) && pu->blank_right > 0);
}

/* The gap itself between boxes pu and u, by what they are and the spaces
 * between them. */
static void push_gap(item_vec *v, const para_text *t, const unit *pu, const unit *u,
                     const between *b, const hlist_params *p)
{
    scaled em = u->size, space = b->space;
    bool stiff = no_stretch_between(t, pu, u);
    if (space > 0 && (b->ideo_space || p->preserve_spaces)) {
        push_glue(v, GLUE_FIXED, space, 0, 0);
    } else if (space > 0 && !is_latin(pu->cls) && !is_latin(u->cls)) {
        /* A space between Chinese characters (记者 韩雪松) is a gap the
         * writer asked for, not a space between Western words: it keeps
         * its width and spreads like the gaps between characters, rather
         * than first (JU-4). */
        push_glue(v, GLUE_INTER, space + p->tracking, stiff ? 0 : HLIST_INTER_STRETCH(em),
                  MAX(0, space - em / 4));
    } else if (space > 0) {
        /* A space stretches to half an em and shrinks to a quarter (JU-3
         * step 2, JU-4; clreq
         * #procedures_for_inter-character_spacing_reduction). */
        push_glue(v, GLUE_WORD, space, stiff ? 0 : MAX(0, em / 2 - space),
                  MAX(0, space - em / 4));
    } else if (is_latin(pu->cls) && is_latin(u->cls)) {
        /* No tracking inside a run of digits or Latin letters: a tracked
         * head keeps "11" and "API" whole (PH-10).  Where a URL or path may
         * break, a line made of it can spread as little as Han text does
         * (LB-12): otherwise it could only stand short of the measure. */
        if (b->bk == BREAK_URL)
            push_glue(v, GLUE_INTER, 0, HLIST_INTER_STRETCH(em), 0);
    } else if (p->han_latin_gap > 0 && ((pu->cls == CHAR_IDEO && is_latin(u->cls)) ||
                                        (is_latin(pu->cls) && u->cls == CHAR_IDEO))) {
        /* Between a Han character and a Latin one only: never beside
         * Chinese punctuation (MX-2, clreq
         * #handling_western_text_in_chinese_text_using_proportional_western_fonts). */
        push_glue(v, GLUE_HAN_LATIN, p->han_latin_gap + p->tracking,
                  stiff ? 0 : HLIST_HAN_LATIN_STRETCH(em), p->han_latin_gap / 2);
    } else if ((pu->cls == CHAR_IDEO && is_letter_unit(t, u, true)) ||
               (is_letter_unit(t, pu, false) && u->cls == CHAR_IDEO)) {
        /* Han beside a Latin letter, set solid: the gap spreads before
         * those between Han characters do, so a line of mixed text opens
         * at its word boundaries rather than letterspacing its Han (MX-6). */
        push_glue(v, GLUE_HAN_LATIN, p->tracking, stiff ? 0 : HLIST_HAN_LATIN_STRETCH(em), 0);
    } else {
        /* Between Chinese characters, and between Chinese and digits
         * (mainland newspapers set them solid): one kind of gap, spread
         * alike.  Inside —— and …… nothing, not even
         * tracking: the two glyphs abut (PU-9). */
        push_glue(v, GLUE_INTER, same_long_mark(pu, u) || blank_between(pu, u) ? 0 : p->tracking,
                  stiff ? 0 : HLIST_INTER_STRETCH(em), 0);
    }
}

/* Unit k's box: the ink side of a mark (an opening mark's glyph starts
 * blank_left before its box), or the glyph centred in half an em, its
 * interpunct's blank tail `tail` following as glue. */
static void push_unit_box(item_vec *v, const para_text *t, const unit *units, int nu, int k,
                          scaled tail)
{
    const unit *u = &units[k];
    if (takes_half_em(t, units, nu, k))
        push_box(v, u->size / 2 - tail, k, (u->width - u->size / 2) / 2);
    else
        push_box(v, u->width - u->blank_left - u->blank_right, k, u->blank_left);
}

/* The width of the items so far: where the next one starts. */
static scaled items_width(const item_vec *v)
{
    scaled w = 0;
    for (int i = 0; i < v->n; i++)
        if (v->v[i].kind != ITEM_PENALTY)
            w += v->v[i].width;
    return w;
}

/* 孤字 (PH-4): no break may leave a last line of one character,
 * punctuation aside.  Counts characters back from the end to each
 * penalty. */
static void forbid_single_last(item_vec *v, const unit *units)
{
    int chars = 0;
    for (int i = v->n - 2; i >= 0; i--) {
        item *it = &v->v[i];
        if (it->kind == ITEM_BOX && it->unit >= 0) {
            char_class c = units[it->unit].cls;
            if (c == CHAR_IDEO || c == CHAR_LATIN)
                chars += units[it->unit].cp_end - units[it->unit].cp_start;
        } else if (it->kind == ITEM_PENALTY) {
            if (it->penalty <= -PENALTY_INF)
                break; /* before a forced break is another paragraph's business */
            if (chars <= 1)
                it->penalty = PENALTY_INF;
            if (chars > 1)
                break;
        }
    }
}

item *hlist_build(const para_text *t, const shaped_para *sp, const span *spans,
                  const hlist_params *p, arena *scratch, int *count)
{
    item_vec v = {0};
    VEC_GROW(v, sp->unit_count * 3 + 8);
    const unit *units = sp->units;
    int nu = sp->unit_count;
    bool *trim_left = arena_alloc(scratch, (size_t)nu + 1);
    bool *trim_right = arena_alloc(scratch, (size_t)nu + 1);
    find_trims(t, units, nu, trim_left, trim_right);

    if (p->indent > 0)
        push_box(&v, p->indent, -1, 0);
    int last_box = -1;    /* unit index of the previous box */
    scaled last_tail = 0; /* its interpunct's blank tail (middle_tail) */
    for (int k = 0; k < nu; k++) {
        const unit *u = &units[k];
        if (u->cls == CHAR_SPACE)
            continue;
        if (last_box >= 0) {
            const unit *pu = &units[last_box];
            between b = look_between(t, units, last_box, k, p);
            scaled blank_r = (trim_right[last_box] ? 0 : pu->blank_right) + last_tail;
            int before_break = v.n;
            push_break_and_blank(&v, t, pu, blank_r, &b, p);
            /* A line that ends at a hyphenation point takes the hyphen of
             * the unit before it (LB-13). */
            for (int i = before_break; i < v.n && b.bk == BREAK_HYPHEN; i++)
                if (v.v[i].kind == ITEM_PENALTY) {
                    v.v[i].width = pu->hyphen_width;
                    v.v[i].unit = last_box;
                }
            int before_gap = v.n;
            push_gap(&v, t, pu, u, &b, p);
            /* The glue of the spaces between knows their first unit, so
             * that the line can show them as glyphs: extracted text keeps
             * its word spaces. */
            if (last_box + 1 < k && v.n > before_gap && v.v[before_gap].kind == ITEM_GLUE)
                v.v[before_gap].unit = last_box + 1;
            if (u->span != pu->span && spans[u->span].gap_before > 0)
                push_glue(&v, GLUE_FIXED, spans[u->span].gap_before, 0, 0);
            /* BL-3: a list item's text starts at the hang, after its marker. */
            if (u->span != pu->span && spans[pu->span].marker)
                push_glue(&v, GLUE_FIXED, MAX(u->size / 4, p->hang - items_width(&v)), 0, 0);
            scaled blank_l = trim_left[k] ? 0 : u->blank_left;
            if (blank_l > 0) {
                if (b.bk != BREAK_NEVER && !p->line_start_open_half)
                    push_box(&v, 0, -1, 0); /* keeps the blank after a break */
                push_glue(&v, GLUE_BLANK_PAREN, blank_l, 0, blank_l);
            }
        } else if (u->blank_left > 0 && !p->line_start_open_half) {
            push_glue(&v, GLUE_BLANK_PAREN, u->blank_left, 0, u->blank_left);
        } else if (k > 0 && p->preserve_spaces) {
            /* Code: the indentation it starts with, as the spaces it is. */
            for (int lead = 0; lead < k; lead++)
                push_box(&v, units[lead].width, lead, 0);
        }
        last_tail = middle_tail(u);
        push_unit_box(&v, t, units, nu, k, last_tail);
        last_box = k;
    }
    if (last_box >= 0 && !p->line_end_half) {
        scaled blank = (trim_right[last_box] ? 0 : units[last_box].blank_right) + last_tail;
        if (blank > 0)
            push_glue(&v, blank_kind(&units[last_box], t->cp[units[last_box].cp_end - 1]), blank,
                      0, blank);
    }
    /* Balanced: a short last line costs, but less than a short line
     * elsewhere, so that breaking between phrases still comes first. */
    if (p->balance && p->ragged > 0)
        push_glue(&v, GLUE_RAGGED, 0, 3 * p->ragged, 0);
    else
        push_glue(&v, GLUE_FILL, 0, 0, 0);
    push_penalty(&v, -PENALTY_INF);
    if (p->avoid_single_last)
        forbid_single_last(&v, units);
    *count = v.n;
    item *out = arena_memdup(scratch, v.v, sizeof(item) * (size_t)v.n);
    VEC_FREE(v);
    return out;
}
