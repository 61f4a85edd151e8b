/* marks.c — what the print form adds around the trim: the page's boxes,
 * the bleed, the slug line, crop and registration marks (writer.h). */
#include "pdf/writer.h"

#include <hpdf_doc.h>
#include <math.h>

static void set_box(writer *w, const char *key, double l, double b, double r, double t)
{
    HPDF_Dict_Add(w->page, key,
                  HPDF_Box_Array_New(w->doc->mmgr, (HPDF_Box){(HPDF_REAL)l, (HPDF_REAL)b,
                                                              (HPDF_REAL)r, (HPDF_REAL)t}));
}

void place_trim(writer *w)
{
    double W = pt(w->page_w), H = pt(w->page_h);
    /* MediaBox = trim + bleed + slug on every side. */
    double o = w->print ? pt(w->print->bleed + w->print->slug) : 0;
    w->ox = w->oy = o;
    HPDF_Page_SetWidth(w->page, (HPDF_REAL)(W + 2 * o));
    HPDF_Page_SetHeight(w->page, (HPDF_REAL)(H + 2 * o));
    if (w->print) {
        double b = pt(w->print->bleed);
        set_box(w, "BleedBox", o - b, o - b, o + W + b, o + H + b);
        set_box(w, "TrimBox", o, o, o + W, o + H);
    }
}

/* In the print form, what touches the trim runs out into the bleed. */
void bleed_out(const writer *w, scaled *x, scaled *y, scaled *wd, scaled *ht)
{
    if (!w->print)
        return;
    scaled b = w->print->bleed;
    if (*x <= 0) {
        *wd += *x + b;
        *x = -b;
    }
    if (*x + *wd >= w->page_w)
        *wd = w->page_w + b - *x;
    if (*y <= 0) {
        *ht += *y + b;
        *y = -b;
    }
    if (*y + *ht >= w->page_h)
        *ht = w->page_h + b - *y;
}

/* Crop marks at the corners and registration marks (a circle and a cross)
 * at the middle of each side, all in the slug, outside the bleed, in
 * registration colour: full C, M, Y and K, so every plate shows them. */
static void write_marks(writer *w)
{
    HPDF_Page pg = w->page;
    const double mm = MM_TO_PT;
    double b = pt(w->print->bleed), s = pt(w->print->slug);
    double x0 = w->ox, y0 = w->oy, x1 = x0 + pt(w->page_w), y1 = y0 + pt(w->page_h);
    double len = s - 2 * mm;
    set_overprint(w, false);
    HPDF_Page_SetLineWidth(pg, 0.25);
    HPDF_Page_SetCMYKStroke(pg, 1, 1, 1, 1);
    const double xs[2] = {x0, x1}, ys[2] = {y0, y1};
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
            double x = xs[i], y = ys[j], dx = i ? 1 : -1, dy = j ? 1 : -1;
            HPDF_Page_MoveTo(pg, (HPDF_REAL)(x + dx * b), (HPDF_REAL)y);
            HPDF_Page_LineTo(pg, (HPDF_REAL)(x + dx * (b + len)), (HPDF_REAL)y);
            HPDF_Page_MoveTo(pg, (HPDF_REAL)x, (HPDF_REAL)(y + dy * b));
            HPDF_Page_LineTo(pg, (HPDF_REAL)x, (HPDF_REAL)(y + dy * (b + len)));
        }
    }
    HPDF_Page_Stroke(pg);
    double r = fmin(s / 2 - mm, 3 * mm), mid = b + s / 2;
    const double centres[4][2] = {{(x0 + x1) / 2, y0 - mid},
                                  {(x0 + x1) / 2, y1 + mid},
                                  {x0 - mid, (y0 + y1) / 2},
                                  {x1 + mid, (y0 + y1) / 2}};
    for (int i = 0; i < 4; i++) {
        double cx = centres[i][0], cy = centres[i][1];
        HPDF_Page_Circle(pg, (HPDF_REAL)cx, (HPDF_REAL)cy, (HPDF_REAL)(r * 0.6));
        HPDF_Page_MoveTo(pg, (HPDF_REAL)(cx - r), (HPDF_REAL)cy);
        HPDF_Page_LineTo(pg, (HPDF_REAL)(cx + r), (HPDF_REAL)cy);
        HPDF_Page_MoveTo(pg, (HPDF_REAL)cx, (HPDF_REAL)(cy - r));
        HPDF_Page_LineTo(pg, (HPDF_REAL)cx, (HPDF_REAL)(cy + r));
        HPDF_Page_Stroke(pg);
    }
}

void write_slug(writer *w, const page_out *po)
{
    open_mark(w, (tag_mark){"Artifact", -1, -1});
    for (int i = 0; i < po->slug.ops.n; i++) {
        const draw_op *op = &po->slug.ops.v[i];
        if (op->kind == DRAW_GLYPHS)
            write_glyph_paths(w, op);
        else
            write_op(w, op);
    }
    end_text(w);
    write_marks(w);
    close_mark(w);
}
