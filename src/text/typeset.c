/* typeset.c — the paragraph pipeline: collect, break, set heads again, justify and place. */
#include "text/typeset.h"

#include "base/arena.h"
#include "text/hlist.h"
#include "text/justify.h"
#include "text/segment.h"
#include "text/shape.h"
#include "text/shapecache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct typesetter {
    fontset *fonts;
    const layout *l;
    diag *d;
    segmenter *seg;
    shaper *sh;
    shape_cache *shaped;  /* segmented and shaped paragraphs, by their spans */
    arena *scratch;
    bool trace;   /* PAIBAN_TRACE contains "breaker" */
    double shape_seconds;  /* segmenting and shaping, all paragraphs */
    double break_seconds;  /* items, line breaking and justification */
};

static double clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

void typesetter_times(const typesetter *ts, double *shape, double *brk)
{
    *shape = ts->shape_seconds;
    *brk = ts->break_seconds;
}

/* The items and chosen breaks of a paragraph on stderr, for whoever
 * wonders why a line broke where it did (PAIBAN_TRACE=breaker). */
static void trace_paragraph(const para_text *t, const shaped_para *sp, const item *items, int n,
                            const break_result *br, const bool *emergency)
{
    int shown = t->n > 30 ? t->byte[30] : t->byte[t->n]; /* whole characters */
    fprintf(stderr, "paragraph \"%.*s\": %d items, pass %d\n", shown, t->utf8, n, br->pass);
    int li = 0;
    for (int i = 0; i < n; i++) {
        const item *it = &items[i];
        if (it->kind == ITEM_BOX) {
            if (it->unit >= 0) {
                const unit *u = &sp->units[it->unit];
                fprintf(stderr, "%.*s", t->byte[u->cp_end] - t->byte[u->cp_start],
                        t->utf8 + t->byte[u->cp_start]);
            } else {
                fprintf(stderr, "[box %.1f]", pt_from_scaled(it->width));
            }
        } else if (it->kind == ITEM_GLUE) {
            if (it->width || it->shrink)
                fprintf(stderr, "{%d:%.1f-%.1f}", it->glue, pt_from_scaled(it->width),
                        pt_from_scaled(it->shrink));
        } else if (li < br->line_count && br->lines[li].end == i) {
            fprintf(stderr, " ⏎[r=%.2f b=%d%s]\n", br->lines[li].ratio, br->lines[li].badness,
                    emergency && emergency[i] ? " emergency" : "");
            li++;
        } else if (it->penalty < PENALTY_INF) {
            fprintf(stderr, it->penalty ? "|%d" : "|", it->penalty);
        }
    }
    fprintf(stderr, "\n");
}

/* Cost of a break between a number and its unit, and what a loose line
 * (LINE_LOOSE) costs on top of its badness: the same, so that a number
 * leaves its unit only where a line would otherwise be loose (issue 3:
 * "unless the line would otherwise be loose"), and one such fault is never
 * traded for two of the other kind. */
enum { UNIT_PENALTY = 5000, EMERGENCY_PENALTY = 5000 };

/* Cost of breaking a head inside a word (LB-11), against the ragged-right
 * stretch of 3 em that unjustified lines get: a line up to 4.7 em short
 * (badness 400, the first pass's tolerance) is better than a word cut in
 * two. */
enum { PHRASE_PENALTY = 1000, RAGGED_EMS = 3 };

/* A URL or path breaks after its / . - _ ? & at a small cost, so that the
 * spaces and Chinese around it come first (LB-12); a word is hyphenated
 * rather than a line left loose, yet never where a line can do without
 * (LB-13), as TeX's \hyphenpenalty weighs it. */
enum { URL_PENALTY = 100, HYPHEN_PENALTY = 300 };

/* Spread between Han characters, in em on average over a line, beyond
 * which a justified line reads as loose (LINE_LOOSE). */
#define LOOSE_GAP_EMS 0.12

/* Open the faces text can be set in before any paragraph is segmented:
 * every style's own and Latin face, and the fallbacks (segment.h only
 * looks faces up). */
static void open_faces_ahead(fontset *fonts, const layout *l)
{
    int count = fontset_count(fonts);
    bool *wanted = xcalloc((size_t)count + 1, sizeof *wanted);
    for (int i = 0; i < l->style_count; i++) {
        wanted[l->styles[i].face] = true;
        wanted[l->styles[i].latin_face] = true;
    }
    int fallback_count;
    const int *fallbacks = fontset_fallbacks(fonts, &fallback_count);
    for (int k = 0; k < fallback_count; k++)
        wanted[fallbacks[k]] = true;
    int *faces = xcalloc((size_t)count + 1, sizeof *faces);
    int n = 0;
    for (int f = 0; f < count; f++)
        if (wanted[f])
            faces[n++] = f;
    fontset_open_ahead(fonts, faces, n);
    free(faces);
    free(wanted);
}

typesetter *typesetter_new(fontset *fonts, const layout *l, diag *d)
{
    open_faces_ahead(fonts, l);
    typesetter *ts = xcalloc(1, sizeof *ts);
    ts->fonts = fonts;
    ts->l = l;
    ts->d = d;
    ts->seg = segmenter_new();
    ts->sh = shaper_new();
    ts->shaped = shape_cache_new();
    ts->scratch = arena_new();
    const char *trace = getenv("PAIBAN_TRACE");
    ts->trace = trace && strstr(trace, "breaker");
    return ts;
}

void typesetter_set_diag(typesetter *ts, diag *d)
{
    ts->d = d;
    ts->shape_seconds = ts->break_seconds = 0;
}

void typesetter_free(typesetter *ts)
{
    if (!ts)
        return;
    segmenter_free(ts->seg);
    shaper_free(ts->sh);
    shape_cache_free(ts->shaped);
    arena_free(ts->scratch);
    free(ts);
}

fontset *typesetter_fonts(typesetter *ts) { return ts->fonts; }

void para_warn_line(diag *d, unsigned flags, src_loc loc, const char *text)
{
    static const struct {
        unsigned flag;
        const char *kind;
        const char *what;
    } problems[] = {
        {LINE_OVERFULL, "overfull-line", "is wider than its measure"},
        {LINE_EMERGENCY, "rule-broken",
         "breaks where the line-breaking rules forbid: a run of text without a break is wider "
         "than the measure"},
        {LINE_LOOSE, "loose-line",
         "is spread wider between characters than reads well, or falls short of the measure"},
        {LINE_TIGHT, "tight-line", "had to compress a 。？！ inside the line"},
    };
    /* The place of the line itself, not of its paragraph's start. */
    loc = diag_find_text(d, loc, text);
    for (size_t i = 0; i < countof(problems); i++)
        if (flags & problems[i].flag)
            diag_warn(d, loc, problems[i].kind,
                      "the line \"%s\" %s; rewording the text near it or changing the measure "
                      "gives the breaker other choices",
                      text, problems[i].what);
}

/* Allow a break between every two boxes of a run that no line can hold
 * (a long URL, a 200-digit number), the last resort; runs that fit a line
 * keep their rules.  `emergency[i]` marks the penalties added. */
static item *add_emergency_breaks(const item *items, int count, scaled narrowest, arena *scratch,
                                  int *out_count, bool **emergency)
{
    bool *too_wide = ARENA_NEW_ARRAY(scratch, bool, count + 1);
    int start = 0;
    for (int i = 0; i < count; i++) {
        if (items[i].kind != ITEM_PENALTY || items[i].penalty >= PENALTY_INF)
            continue;
        scaled w, y, z;
        int f;
        breaker_measure(items, start, i, &w, &y, &z, &f);
        if (w - z > narrowest)
            for (int k = start; k < i; k++)
                too_wide[k] = true;
        start = breaker_line_start(items, count, i);
    }
    item *out = ARENA_NEW_ARRAY(scratch, item, count * 2 + 2);
    bool *flag = ARENA_NEW_ARRAY(scratch, bool, count * 2 + 2);
    int n = 0;
    for (int i = 0; i < count; i++) {
        out[n++] = items[i];
        /* Never after a box that shows nothing (the indent): the line
         * would be empty. */
        if (too_wide[i] && items[i].kind == ITEM_BOX && items[i].unit >= 0 && i + 1 < count &&
            items[i + 1].kind != ITEM_PENALTY) {
            /* Only where the next item is a box or glue: never between a
             * box and an existing penalty. */
            bool has_break = false;
            for (int k = i + 1; k < count && items[k].kind != ITEM_BOX; k++)
                if (items[k].kind == ITEM_PENALTY && items[k].penalty < PENALTY_INF)
                    has_break = true;
            if (!has_break) {
                flag[n] = true;
                out[n++] = (item){.kind = ITEM_PENALTY, .penalty = EMERGENCY_PENALTY, .unit = -1};
            }
        }
    }
    *out_count = n;
    *emergency = flag;
    return out;
}

/* The first character of each span: spans lie one after another in the
 * text, so a character's index in its span is its distance from there
 * (found once, not by walking back from every line). */
static int *span_starts(const para_text *t, int count, arena *scratch)
{
    int *start = ARENA_NEW_ARRAY(scratch, int, count + 1);
    for (int c = t->n - 1; c >= 0; c--)
        start[t->span[c]] = c;
    return start;
}

/* Line breaks that fall where an ideographic space parts two phrases
 * (hlist gives those breaks the negative phrase penalty). */
static int breaks_at_phrase_spaces(const item *items, const break_result *br)
{
    int count = 0;
    for (int i = 0; i + 1 < br->line_count; i++) {
        const item *it = &items[br->lines[i].end];
        if (it->kind == ITEM_PENALTY && it->penalty == -PHRASE_PENALTY)
            count++;
    }
    return count;
}

/* What the chosen breaks cost by the rules (a word or a number split
 * costs, a break at a head's ideographic space gains); evening out a
 * head's lines may not cost more. */
static long break_cost(const item *items, const break_result *br)
{
    long cost = 0;
    for (int i = 0; i < br->line_count; i++) {
        int pen = items[br->lines[i].end].penalty;
        if (items[br->lines[i].end].kind == ITEM_PENALTY && pen > -PENALTY_INF &&
            pen < PENALTY_INF)
            cost += pen;
    }
    return cost;
}

/* A paragraph on its way through para_typeset's steps. */
typedef struct setting {
    typesetter *ts;
    const span *spans;
    int count;
    const para_options *opt;
    para_text t;
    shaped_para sp;
    const style *st;        /* the first span's: the paragraph's style */
    int align;              /* a text_align */
    bool justified;
    hlist_params hp;
    breaker_params bp;
    scaled widths[2];       /* the first line's measure, the others' */
    item *items;
    int n;
    break_result br;
    bool *emergency;        /* the penalties add_emergency_breaks added, or NULL */
} setting;

/* How far in a paragraph's wrapped lines start (the style's hang: verse,
 * lists, code), never more than half the measure. */
static scaled hang_of(const style *st, scaled width)
{
    return MAX(0, MIN(st->hang, width / 2));
}

/* The paragraph's items, built with what its style and the options ask. */
static void collect_items(setting *s)
{
    const layout *l = s->ts->l;
    const para_options *opt = s->opt;
    const style *st = s->st = &l->styles[s->spans[0].style];
    s->align = opt->align >= 0 ? opt->align : (int)st->align;
    const style *indent_st = opt->indent_style >= 0 ? &l->styles[opt->indent_style] : st;
    s->justified = s->align == ALIGN_JUSTIFY || s->align == ALIGN_DISTRIBUTE;
    s->hp = (hlist_params){
        .indent = opt->no_indent ? 0 : indent_st->indent,
        .line_end_half = st->line_end_half,
        .line_start_open_half = st->line_start_open_half,
        .reduce_stops = st->reduce_stops,
        .avoid_single_last = true,
        .unit_penalty = st->unit_keep ? UNIT_PENALTY : 0,
        .word_penalty = PHRASE_PENALTY, /* only where a span's style asks for phrase breaks */
        .url_penalty = URL_PENALTY,
        .hyphen_penalty = HYPHEN_PENALTY,
        .space_parts_phrases = st->phrase_breaks && !st->name_parts,
        .ragged = s->justified ? 0 : RAGGED_EMS * st->size,
        .tracking = st->tracking,
        .han_latin_gap = st->han_latin_gap,
        .hang = hang_of(st, opt->width),
        .preserve_spaces = st->preserve_spaces,
    };
    s->items = hlist_build(&s->t, &s->sp, s->spans, &s->hp, s->ts->scratch, &s->n);
}

/* Lines by the style's breaker.  Total fit that finds no way by the rules
 * gives up the goal of PH-4 (no 孤字) first, then the rules inside runs
 * too wide for a line, then total fit itself.  False only for a looseness
 * variant that does not exist. */
static void break_setup(setting *s)
{
    /* No break the rules only tolerate while one they allow will do, in
     * ragged text too: there a short line is what the alignment allows.
     * Justified text: a number leaves its unit only where a line would
     * otherwise be loose, as LINE_LOOSE has it (set_line). */
    s->bp = breaker_defaults;
    s->bp.strict_first_pass = true;
    if (s->justified) {
        s->bp.loose_ratio = LOOSE_GAP_EMS * s->st->size / HLIST_INTER_STRETCH(s->st->size);
        s->bp.loose_penalty = UNIT_PENALTY;
    }
    s->widths[0] = s->opt->first_width > 0 ? s->opt->first_width : s->opt->width;
    s->widths[1] = s->opt->width - s->hp.hang;
}

static bool break_lines(setting *s)
{
    arena *scratch = s->ts->scratch;
    break_setup(s);
    if (s->st->breaker == BREAKER_FIRST_FIT) {
        breaker_first_fit(s->items, s->n, s->widths, 2, scratch, &s->br);
        return true;
    }
    if (s->opt->looseness)
        return breaker_optimal(s->items, s->n, s->widths, 2, &s->bp, s->opt->looseness, scratch,
                               &s->br);
    if (breaker_optimal(s->items, s->n, s->widths, 2, &s->bp, 0, scratch, &s->br))
        return true;
    s->hp.avoid_single_last = false;
    s->items = hlist_build(&s->t, &s->sp, s->spans, &s->hp, scratch, &s->n);
    if (breaker_optimal(s->items, s->n, s->widths, 2, &s->bp, 0, scratch, &s->br))
        return true;
    s->items = add_emergency_breaks(s->items, s->n, MIN(s->widths[0], s->widths[1]), scratch,
                                    &s->n, &s->emergency);
    if (!breaker_optimal(s->items, s->n, s->widths, 2, &s->bp, 0, scratch, &s->br))
        breaker_first_fit(s->items, s->n, s->widths, 2, scratch, &s->br);
    return true;
}

/* The paragraph's items built again with `hp`, and broken by total fit;
 * false when total fit finds no way. */
static bool set_again(const setting *s, const hlist_params *hp, item **items, int *n,
                      break_result *br)
{
    *items = hlist_build(&s->t, &s->sp, s->spans, hp, s->ts->scratch, n);
    return breaker_optimal(*items, *n, s->widths, 2, &s->bp, 0, s->ts->scratch, br);
}

/* A head set again other ways, each kept if it reads better by its own
 * measure.  Justified text, a looseness variant, an emergency setting or
 * first fit keep their lines. */
static void reset_head(setting *s)
{
    if (s->justified || s->opt->looseness || s->emergency ||
        s->st->breaker == BREAKER_FIRST_FIT)
        return;
    item *items2;
    int n2;
    break_result br2;
    /* A tracked head that wraps is set again without tracking; if that
     * saves a line, the tracking gives way (PH-10). */
    if (s->hp.tracking > 0 && s->br.line_count > 1) {
        hlist_params solid = s->hp;
        solid.tracking = 0;
        if (set_again(s, &solid, &items2, &n2, &br2) && br2.line_count < s->br.line_count) {
            s->items = items2;
            s->n = n2;
            s->br = br2;
            s->hp = solid;
        }
    }
    /* A head of several lines is set in lines of even length, not full
     * lines over a short last one: the last line is ragged like the rest. */
    if (s->st->phrase_breaks && s->br.line_count > 1) {
        hlist_params even = s->hp;
        even.balance = true;
        if (set_again(s, &even, &items2, &n2, &br2) && br2.line_count == s->br.line_count &&
            break_cost(items2, &br2) <= break_cost(s->items, &s->br)) {
            s->items = items2;
            s->n = n2;
            s->br = br2;
        }
    }
    /* Where the writer parted a head's phrases with an ideographic space,
     * its lines break there if the head keeps its number of lines, however
     * short that leaves a line: a centred head reads by its phrases, and
     * a short line costs it little. */
    if (s->hp.space_parts_phrases && s->br.line_count > 1 &&
        breaks_at_phrase_spaces(s->items, &s->br) < s->br.line_count - 1) {
        hlist_params lenient = s->hp;
        lenient.ragged = MAX(s->widths[0], s->widths[1]);
        if (set_again(s, &lenient, &items2, &n2, &br2) && br2.line_count == s->br.line_count &&
            breaks_at_phrase_spaces(items2, &br2) > breaks_at_phrase_spaces(s->items, &s->br)) {
            s->items = items2;
            s->n = n2;
            s->br = br2;
        }
    }
}

/* Unit u's glyphs, from the pen position `pen`, and what they tell the
 * line: where its text starts and ends, its style and place in the
 * source, its ascent and descent. */
static void place_unit(const setting *s, const unit *u, scaled pen, const int *span_start,
                       para_line *pl, para_result *res)
{
    const para_text *t = &s->t;
    const face_info *fi = fontset_info(s->ts->fonts, u->face);
    int span_style = s->spans[u->span].style;
    for (int g = u->glyph_start; g < u->glyph_end; g++) {
        const glyph *gl = &s->sp.glyphs[g];
        placed_glyph *pg = &res->glyphs[res->glyph_count++];
        pg->gid = gl->gid;
        pg->face = gl->face;
        pg->size = u->size;
        pg->x = pen + shape_scale(gl->x_offset, fi->upem, u->size);
        pg->y = shape_scale(gl->y_offset, fi->upem, u->size);
        pg->style = span_style;
        pg->text_start = t->byte[u->cp_start];
        pg->text_len = g == u->glyph_start ? t->byte[u->cp_end] - t->byte[u->cp_start] : 0;
        pen += shape_scale(gl->x_advance, fi->upem, u->size);
    }
    if (pl->text_start < 0) {
        pl->text_start = t->byte[u->cp_start];
        pl->style = span_style;
        pl->loc = span_char_loc(&s->spans[u->span], u->cp_start - span_start[u->span]);
    }
    pl->text_end = t->byte[u->cp_end];
    scaled asc = scaled_muldiv(u->size, fi->upem + fi->ideo_bottom, fi->upem);
    scaled desc = u->size - asc;
    pl->ascent = MAX(pl->ascent, asc);
    pl->descent = MAX(pl->descent, desc);
}

/* The space units from `first` on, up to the next unit that is not a
 * space, as glyphs from x: the text keeps its spaces, and every reader
 * of the PDF finds them there. */
static void place_spaces(const setting *s, int first, scaled x, const int *span_start,
                         para_line *pl, para_result *res)
{
    for (int k = first; k < s->sp.unit_count && s->sp.units[k].cls == CHAR_SPACE; k++) {
        const unit *u = &s->sp.units[k];
        place_unit(s, u, x, span_start, pl, res);
        x += u->width;
    }
}

/* The hyphen of a line that ends inside a word (LB-13), after unit u at x:
 * a glyph that shows no text (placed_glyph.added). */
static void place_hyphen(const setting *s, const unit *u, scaled x, para_result *res)
{
    placed_glyph *pg = &res->glyphs[res->glyph_count++];
    *pg = (placed_glyph){.gid = u->hyphen_gid, .face = u->face, .size = u->size, .x = x,
                         .text_start = s->t.byte[u->cp_end], .style = s->spans[u->span].style,
                         .added = true};
}

/* Line li justified, its glyphs placed, and its flags. */
static void set_line(const setting *s, int li, const int *span_start, para_result *res)
{
    const line_break *lb = &s->br.lines[li];
    const item *items = s->items;
    para_line *pl = &res->lines[li];
    scaled natural, stretch, shrink;
    int fill;
    breaker_measure(items, lb->start, lb->end, &natural, &stretch, &shrink, &fill);
    bool last = li == s->br.line_count - 1;
    bool forced = items[lb->end].penalty <= -PENALTY_INF;
    pl->width = s->widths[li == 0 ? 0 : 1];
    pl->natural = natural;
    pl->glyph_start = res->glyph_count;
    pl->flags = (li == 0 ? LINE_FIRST : 0) | (last ? LINE_LAST : 0) | (forced ? LINE_FORCED : 0);
    pl->ratio = lb->ratio;
    pl->text_start = -1;
    pl->style = -1;
    justification j = justify_line(items, lb->start, lb->end, natural, pl->width, s->align,
                                   forced);
    /* Wrapped lines hang: they start at the hang, in the measure's rest. */
    scaled x = j.x + (li > 0 ? s->hp.hang : 0);
    if (li > 0)
        pl->width += s->hp.hang;
    double inter_extra = 0;
    int inter_count = 0;
    scaled stop_given = 0; /* what stops' blanks gave since the last box */
    for (int i = lb->start; i < lb->end; i++) {
        const item *it = &items[i];
        if (it->kind == ITEM_GLUE) {
            scaled a = justify_glue(it, &j);
            if (it->unit >= 0)
                place_spaces(s, it->unit, x, span_start, pl, res);
            if (it->glue == GLUE_INTER && it->stretch > 0) {
                inter_extra += a;
                inter_count++;
            }
            if (it->glue == GLUE_BLANK_STOP)
                stop_given += a;
            x += it->width + a;
            continue;
        }
        if (it->kind != ITEM_BOX)
            continue;
        /* 。？！ reduced inside the line, clreq's last resort (JU-3 step 7),
         * which many houses forbid; at the line's end, with nothing after
         * it, it is the ordinary line-end rule (PU-3).  (A stop kept whole
         * gives and takes back: net nothing.) */
        if (stop_given < 0)
            pl->flags |= LINE_TIGHT;
        stop_given = 0;
        if (it->unit >= 0)
            place_unit(s, &s->sp.units[it->unit], x - it->box_left, span_start, pl, res);
        x += it->width;
        pl->used = x;
    }
    const item *end = &items[lb->end];
    if (end->kind == ITEM_PENALTY && end->width > 0 && end->unit >= 0)
        place_hyphen(s, &s->sp.units[end->unit], x, res);
    /* A line that ends at a space shows it after its last glyph: copied
     * or extracted, the words either side stay apart. */
    for (int i = lb->end + 1; i < s->n && items[i].kind != ITEM_BOX; i++)
        if (items[i].kind == ITEM_GLUE && items[i].unit >= 0 && pl->text_start >= 0) {
            place_spaces(s, items[i].unit, x, span_start, pl, res);
            break;
        }
    pl->glyph_count = res->glyph_count - pl->glyph_start;
    if (pl->text_start < 0) {
        pl->text_start = pl->text_end = 0;
        pl->style = s->spans[0].style;
        pl->loc = s->spans[0].loc;
    }
    if (j.unfilled < 0 || lb->overfull)
        pl->flags |= LINE_OVERFULL;
    /* Loose: spread more than the eye accepts, or not even reaching the
     * measure (a Latin word alone on a justified line). */
    if (j.unfilled > 0 ||
        (inter_count > 0 && inter_extra / inter_count > LOOSE_GAP_EMS * s->st->size))
        pl->flags |= LINE_LOOSE;
    if (s->emergency && s->emergency[lb->end])
        pl->flags |= LINE_EMERGENCY;
    if (items[lb->end].kind == ITEM_PENALTY && items[lb->end].penalty == UNIT_PENALTY)
        pl->flags |= LINE_UNIT_SPLIT;
}

/* The lines and their glyphs, into `out`. */
static void finish(const setting *s, arena *out, para_result *res)
{
    res->pass = s->br.pass;
    res->text = arena_strdup(out, s->t.utf8);
    res->lines = ARENA_NEW_ARRAY(out, para_line, s->br.line_count);
    res->line_count = s->br.line_count;
    /* Every glyph of the text, and a hyphen a line. */
    res->glyphs = ARENA_NEW_ARRAY(out, placed_glyph, s->sp.glyph_count + s->br.line_count + 1);
    const int *span_start = span_starts(&s->t, s->count, s->ts->scratch);
    for (int li = 0; li < s->br.line_count; li++)
        set_line(s, li, span_start, res);
}

/* The paragraph of setting s shaped (from the shape cache) and its items
 * built, the scratch arena emptied first; *t1 when the shaping ended, for
 * the break time.  False for empty or unshaped text. */
static bool shape_and_collect(setting *s, double *t1)
{
    typesetter *ts = s->ts;
    arena_reset(ts->scratch);
    double t0 = clock_seconds();
    if (s->count <= 0 || !shape_cache_get(ts->shaped, ts->seg, ts->sh, s->spans, s->count, ts->l,
                                          ts->fonts, ts->d, &s->t, &s->sp))
        return false;
    *t1 = clock_seconds();
    ts->shape_seconds += *t1 - t0;
    collect_items(s);
    return true;
}

void para_typeset(typesetter *ts, const span *spans, int count, const para_options *opt,
                  arena *out, para_result *res)
{
    memset(res, 0, sizeof *res);
    setting s = {.ts = ts, .spans = spans, .count = count, .opt = opt};
    double t1;
    if (!shape_and_collect(&s, &t1)) {
        res->text = "";
        return;
    }
    if (!break_lines(&s)) {
        res->line_count = -1; /* no such variant */
        res->text = "";
        return;
    }
    reset_head(&s);
    if (ts->trace)
        trace_paragraph(&s.t, &s.sp, s.items, s.n, &s.br, s.emergency);
    finish(&s, out, res);
    ts->break_seconds += clock_seconds() - t1;
}

void para_typeset_loose(typesetter *ts, const span *spans, int count, const para_options *opt,
                        arena *out, para_result *shorter, para_result *longer)
{
    para_options o = *opt;
    if (count > 0 && ts->l->styles[spans[0].style].breaker == BREAKER_FIRST_FIT) {
        o.looseness = -1;
        para_typeset(ts, spans, count, &o, out, shorter);
        o.looseness = 1;
        para_typeset(ts, spans, count, &o, out, longer);
        return;
    }
    memset(shorter, 0, sizeof *shorter);
    memset(longer, 0, sizeof *longer);
    shorter->line_count = longer->line_count = -1; /* no such variant */
    shorter->text = longer->text = "";
    o.looseness = -1;
    setting s = {.ts = ts, .spans = spans, .count = count, .opt = &o};
    double t1;
    if (!shape_and_collect(&s, &t1)) {
        shorter->line_count = longer->line_count = 0;
        return;
    }
    break_setup(&s);
    break_result br[2];
    breaker_optimal_loose(s.items, s.n, s.widths, 2, &s.bp, ts->scratch, &br[0], &br[1]);
    para_result *res[2] = {shorter, longer};
    for (int k = 0; k < 2; k++) {
        if (br[k].line_count == 0)
            continue;
        o.looseness = k == 0 ? -1 : 1;
        s.br = br[k];
        if (ts->trace)
            trace_paragraph(&s.t, &s.sp, s.items, s.n, &s.br, s.emergency);
        finish(&s, out, res[k]);
    }
    ts->break_seconds += clock_seconds() - t1;
}

/* The items of spans set with plain parameters (no indent), for
 * measuring; NULL for empty text. */
static item *measure_items(typesetter *ts, const span *spans, int count, int unit_penalty,
                           int *n)
{
    arena_reset(ts->scratch);
    para_text t;
    shaped_para sp;
    if (count <= 0 || !shape_cache_get(ts->shaped, ts->seg, ts->sh, spans, count, ts->l,
                                       ts->fonts, ts->d, &t, &sp))
        return NULL;
    const style *st = &ts->l->styles[spans[0].style];
    hlist_params hp = {.line_end_half = true,
                       .line_start_open_half = true,
                       .reduce_stops = st->reduce_stops,
                       .unit_penalty = unit_penalty,
                       .tracking = st->tracking,
                       .han_latin_gap = st->han_latin_gap};
    return hlist_build(&t, &sp, spans, &hp, ts->scratch, n);
}

/* The widest stretch between breaks of the given strength: forced breaks
 * for the natural width, any break for the min-content width. */
static scaled widest_between(const item *items, int n, int limit, bool shrunk)
{
    scaled widest = 0;
    int start = 0;
    for (int i = 0; i < n; i++) {
        if (items[i].kind == ITEM_PENALTY && items[i].penalty <= limit) {
            scaled w, y, z;
            int f;
            breaker_measure(items, start, i, &w, &y, &z, &f);
            widest = MAX(widest, shrunk ? w - z : w);
            start = breaker_line_start(items, n, i);
        }
    }
    return widest;
}

scaled para_natural_width(typesetter *ts, const span *spans, int count)
{
    int n;
    item *items = measure_items(ts, spans, count, 0, &n);
    return items ? widest_between(items, n, -PENALTY_INF, false) : 0;
}

scaled para_min_width(typesetter *ts, const span *spans, int count)
{
    /* A number keeps its unit even here: a cell never splits "17205万元". */
    int n;
    item *items = measure_items(ts, spans, count, PENALTY_INF, &n);
    return items ? widest_between(items, n, PENALTY_INF - 1, true) : 0;
}
