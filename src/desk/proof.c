/* proof.c — overlay marks for proofing. */
#include "desk/proof.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "page/lines.h"

#include <stdio.h>
#include <string.h>

static const double cyan[4] = {0.6, 0, 0, 0}, blue[4] = {1, 0.5, 0, 0},
                    magenta[4] = {0, 1, 0, 0}, red[4] = {0, 1, 1, 0}, orange[4] = {0, 0.5, 1, 0};

/* The proof's style: its own when the layout has one, else the folio's;
 * -1 when neither. */
static int proof_style(const layout *l)
{
    int st = layout_style(l, "proof");
    return st >= 0 ? st : layout_style(l, "folio");
}

/* Text in the proof layer, set to `width` with the proof style: its lines
 * from `baseline` down, one leading apart (at most `max_lines`).  Returns
 * the lines drawn. */
static int text_lines(edition_out *eo, page_out *po, const layout *l, typesetter *ts,
                      const char *text, scaled x, scaled baseline, scaled width,
                      const double cmyk[4], int align, int max_lines)
{
    int st = proof_style(l);
    if (st < 0)
        return 0;
    span sp = {.text = text, .style = st};
    para_result *pr = arena_alloc(eo->arena, sizeof *pr);
    para_options opt = {.width = width, .indent_style = -1, .no_indent = true, .align = align};
    para_typeset(ts, &sp, 1, &opt, eo->arena, pr);
    int n = MIN(pr->line_count, max_lines);
    draw_list dl = {0};
    for (int i = 0; i < n; i++)
        draw_para_line(&dl, eo->arena, pr, &pr->lines[i], x,
                       baseline + i * (l->styles[st].size * 5 / 4), ROLE_PROOF, -1, -1, -1, 1, -1);
    for (int i = 0; i < dl.ops.n; i++) {
        draw_op *op = VEC_PUSH(po->list.ops);
        *op = dl.ops.v[i];
        op->layer = 1;
        op->has_color = true;
        memcpy(op->cmyk, cmyk, sizeof op->cmyk);
    }
    draw_list_free(&dl); /* its text lines are not part of the edition's text */
    return n;
}

/* A short label in the proof layer: one line. */
static void label(edition_out *eo, page_out *po, const layout *l, typesetter *ts, const char *text,
                  scaled x, scaled baseline, scaled width, const double cmyk[4], int align)
{
    text_lines(eo, po, l, ts, text, x, baseline, width, cmyk, align, 1);
}

/* What an overset module could not hold, in the page's margin: the side
 * margin beside its foot, outside the flags, where that is wide enough,
 * else the foot margin under the type area — the characters to cut with
 * the first words of the text itself, then what would hold it all
 * (overset.h). */
static void overset_note(edition_out *eo, page_out *po, const layout *l, typesetter *ts,
                         const template *t, const module_box *mb)
{
    int st = proof_style(l);
    if (st < 0)
        return;
    scaled size = l->styles[st].size, lead = size * 5 / 4, gap = scaled_from_pt(4);
    scaled flags = scaled_from_pt(34); /* the flags' own strip beside the type area */
    bool right = mb->x + mb->w / 2 > t->area_x + t->area_w / 2;
    scaled x = right ? t->area_x + t->area_w + flags : gap;
    scaled width = (right ? po->width - x : t->area_x - flags - gap) - gap;
    /* Up to twelve lines ending at the module's foot. */
    scaled y = MAX(mb->y, mb->y + mb->h - 12 * lead) + size;
    int room = 12;
    if (width < 8 * size) {
        x = mb->x;
        width = MAX(t->area_x + t->area_w - mb->x, 8 * size);
        y = t->area_y + t->area_h + gap + size;
        room = (int)((po->height - y) / lead);
    }
    const char *text = mb->overset_text ? mb->overset_text : "";
    size_t cut = utf8_prefix(text, 40);
    char pieces[3][200];
    int n = 0;
    snprintf(pieces[n++], sizeof pieces[0], "删 %d 字「%.*s%s」", mb->overset_chars, (int)cut,
             text, text[cut] ? "…" : "");
    for (char *c = pieces[0]; *c; c++)
        if (*c == '\n')
            *c = ' ';
    if (mb->fit_lines > 0)
        snprintf(pieces[n++], sizeof pieces[0], "或 lines: %d", mb->fit_lines);
    if (mb->fit_col_from >= 0)
        snprintf(pieces[n++], sizeof pieces[0], "或 columns: %d-%d", mb->fit_col_from + 1,
                 mb->fit_col_to + 1);
    /* The words first, then what would fit, a line each at least. */
    for (int i = 0; i < n && room > 0; i++) {
        int most = i == 0 ? MIN(8, MAX(1, room - (n - 1))) : MIN(room, 2);
        int k = text_lines(eo, po, l, ts, pieces[i], x, y, width, red, ALIGN_START, most);
        y += k * lead;
        room -= k;
    }
}

/* Flags already set on this page, by baseline: a second flag on the same
 * line stands beside the first. */
typedef struct flag_slot {
    scaled y;
    bool right;
    int count;
} flag_slot;

typedef VEC(flag_slot) flag_slots;

/* A flag in the margin nearest to the line: a square and a word. */
static void flag(edition_out *eo, page_out *po, const layout *l, typesetter *ts, const template *t,
                 flag_slots *slots, scaled line_x, scaled baseline, const char *word,
                 const double cmyk[4])
{
    bool right = line_x > t->area_x + t->area_w / 2;
    int n = 0;
    for (int i = 0; i < slots->n; i++)
        if (slots->v[i].y == baseline && slots->v[i].right == right)
            n = slots->v[i].count++;
    if (n == 0)
        *VEC_PUSH(*slots) = (flag_slot){baseline, right, 1};
    scaled size = scaled_from_pt(6), step = scaled_from_pt(26);
    scaled x = right ? t->area_x + t->area_w + scaled_from_pt(4) + n * step
                     : t->area_x - scaled_from_pt(30) - n * step;
    draw_mark_rect(&po->list, x, baseline - size, size, size, cmyk, true, 0);
    label(eo, po, l, ts, word, x + size + scaled_from_pt(1), baseline, scaled_from_pt(22), cmyk,
          ALIGN_START);
}

static bool one_character(const char *text)
{
    /* A last line of one character, punctuation after it aside (PH-4). */
    size_t len = strlen(text);
    int chars = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int k = utf8_decode(text + i, len - i, &c);
        if (k == 0)
            return false;
        bool punct = c < 0x80 ? (c < '0' || (c > '9' && c < 'A')) : (c >= 0x3000 && c <= 0x303F) ||
                                                                       (c >= 0xFF00 && c <= 0xFF0F) ||
                                                                       (c >= 0xFF1A && c <= 0xFF20) ||
                                                                       (c >= 0x2010 && c <= 0x206F);
        if (!punct)
            chars++;
        i += (size_t)k;
    }
    return chars == 1;
}

void proof_overlay(edition_out *eo, const edition *e, const layout *l, typesetter *ts)
{
    for (int p = 0; p < eo->page_count; p++) {
        page_out *po = &eo->pages[p];
        const template *t = &l->templates[e->pages[p].template_index];
        int ops_before = po->list.ops.n;
        flag_slots slots = {0};
        scaled fallback_y = -1;
        scaled hair = scaled_from_pt(0.25);
        /* Type area, columns, grid. */
        draw_mark_rect(&po->list, t->area_x, t->area_y, t->area_w, t->area_h, blue, false,
                       scaled_from_pt(0.5));
        for (int c = 0; c < t->columns; c++)
            draw_mark_rect(&po->list, template_column_x(t, c), t->area_y, t->col_w, t->area_h, cyan,
                           false, hair);
        for (int g = 0; g < t->lines; g++) {
            scaled y = template_baseline(t, g);
            draw_mark_line(&po->list, t->area_x, y, t->area_x + t->area_w, y, scaled_from_pt(0.1),
                           cyan);
        }
        /* Modules, their ids, overset. */
        for (int k = 0; k < po->modules.n; k++) {
            const module_box *mb = &po->modules.v[k];
            draw_mark_rect(&po->list, mb->x, mb->y, mb->w, mb->h, magenta, false,
                           scaled_from_pt(0.75));
            const char *id = mb->article >= 0 ? e->articles[mb->article]->id : "";
            /* A module the planner placed says so: 机排 before its id. */
            char named[160];
            snprintf(named, sizeof named, "%s%s", mb->planned ? "机排 " : "", id);
            label(eo, po, l, ts, named, mb->x + scaled_from_pt(2), mb->y + scaled_from_pt(7),
                  mb->w - scaled_from_pt(4), magenta, ALIGN_START);
            if (mb->overset_lines > 0) {
                char text[64];
                snprintf(text, sizeof text, "超版 +%d 行", mb->overset_lines);
                scaled w = scaled_from_pt(60), h = scaled_from_pt(12);
                scaled x = mb->x + mb->w - w, y = mb->y + mb->h - h;
                draw_mark_rect(&po->list, x, y, w, h, red, true, 0);
                static const double white[4] = {0, 0, 0, 0};
                label(eo, po, l, ts, text, x, y + scaled_from_pt(9), w, white, ALIGN_CENTER);
                overset_note(eo, po, l, ts, t, mb);
            }
        }
        /* Make-up findings: the spot hatched over, its name in the corner. */
        for (int i = 0; i < po->findings.n; i++) {
            const makeup_finding *f = &po->findings.v[i];
            static const char *const words[] = {
                [MAKEUP_COLLISION] = "撞题",   [MAKEUP_HEAD_SPACE] = "题上空",
                [MAKEUP_SHORT_COLUMN] = "缺行", [MAKEUP_UNDERSET] = "空行",
                [MAKEUP_SEPARATION] = "无隔线", [MAKEUP_PAGE_HOLE] = "开天窗",
                [MAKEUP_HIERARCHY] = "题序",    [MAKEUP_MASTHEAD] = "压报头",
            };
            draw_mark_rect(&po->list, f->x, f->y, f->w, MAX(f->h, scaled_from_pt(4)), orange,
                           false, scaled_from_pt(1.5));
            label(eo, po, l, ts, words[f->kind], f->x + scaled_from_pt(2),
                  f->y + scaled_from_pt(9), f->w, orange, ALIGN_END);
        }
        /* Lines that need a look. */
        for (int i = 0; i < po->list.lines.n; i++) {
            const text_line *tl = &po->list.lines.v[i];
            if (tl->flags & (LINE_OVERFULL | LINE_TIGHT))
                flag(eo, po, l, ts, t, &slots, tl->x, tl->y, "紧", red);
            else if (tl->flags & LINE_LOOSE)
                flag(eo, po, l, ts, t, &slots, tl->x, tl->y, "松", orange);
            if (tl->flags & LINE_EMERGENCY)
                flag(eo, po, l, ts, t, &slots, tl->x, tl->y, "禁则", red);
            if ((tl->flags & LINE_LAST) && !(tl->flags & LINE_FIRST) &&
                tl->role == ROLE_BODY && one_character(tl->text))
                flag(eo, po, l, ts, t, &slots, tl->x, tl->y, "孤字", orange);
        }
        /* Characters set in a fallback face, and photos below resolution:
         * the page's own operations, not the marks just added. */
        for (int i = 0; i < ops_before; i++) {
            const draw_op *op = &po->list.ops.v[i];
            if (op->kind == DRAW_GLYPHS && op->style >= 0 && op->layer == 0) {
                const style *st = &l->styles[op->style];
                if (op->face != st->face && op->face != st->latin_face && op->face != st->punct_face &&
                    op->y != fallback_y) {
                    fallback_y = op->y;
                    flag(eo, po, l, ts, t, &slots, op->x, op->y, "备用字体", magenta);
                }
            } else if (op->kind == DRAW_IMAGE) {
                double shown = op->image_width * (1 - op->crop[0] - op->crop[2]);
                double ppi = shown / (pt_from_scaled(op->w) / 72.0);
                if (ppi < t->print.min_ppi) {
                    char text[64];
                    snprintf(text, sizeof text, "%.0f ppi", ppi);
                    draw_mark_rect(&po->list, op->x, op->y, op->w, op->h, red, false,
                                   scaled_from_pt(1.5));
                    label(eo, po, l, ts, text, op->x + scaled_from_pt(3),
                          op->y + scaled_from_pt(12), op->w, red, ALIGN_START);
                }
            }
        }
        VEC_FREE(slots);
    }
}
