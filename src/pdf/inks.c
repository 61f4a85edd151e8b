/* inks.c — what a paint does on the press beyond its colour: black that
 * overprints, the second inks of styles.yaml (a process colour or a spot
 * ink of its own plate), and the page resources they need (writer.h). */
#include "pdf/writer.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <lcms2.h>
#include <stdio.h>
#include <string.h>

HPDF_Dict resource_dict(writer *w, const char *kind)
{
    HPDF_Dict res = HPDF_Page_GetInheritableItem(w->page, "Resources", HPDF_OCLASS_DICT);
    HPDF_Dict dict = res ? HPDF_Dict_GetItem(res, kind, HPDF_OCLASS_DICT) : NULL;
    if (res && !dict && (dict = HPDF_Dict_New(w->doc->mmgr)))
        HPDF_Dict_Add(res, kind, dict);
    if (!dict)
        note_out_of_memory(w);
    return dict;
}

/* The graphics state that turns overprint on (OP, op, and OPM 1: a zero
 * of DeviceCMYK leaves the plate as it is, so black prints over the
 * colours beneath) or off, made once a document. */
static HPDF_ExtGState overprint_state(writer *w, bool on)
{
    HPDF_ExtGState *gs = on ? &w->gs_overprint : &w->gs_knockout;
    if (!*gs && (*gs = HPDF_CreateExtGState(w->doc))) {
        HPDF_Dict_AddBoolean(*gs, "OP", on);
        HPDF_Dict_AddBoolean(*gs, "op", on);
        HPDF_Dict_AddNumber(*gs, "OPM", 1);
    }
    return *gs;
}

void set_overprint(writer *w, bool on)
{
    if (!w->print || w->overprint == on)
        return;
    end_text(w); /* a graphics state is set outside text objects */
    HPDF_ExtGState gs = overprint_state(w, on);
    if (!gs) {
        note_out_of_memory(w);
        return;
    }
    HPDF_Page_SetExtGState(w->page, gs);
    w->overprint = on;
}

const ink_spec *op_ink(const writer *w, const draw_op *op)
{
    if (op->kind == DRAW_RULE && !op->has_color)
        return op->ink >= 0 && op->ink < w->l->ink_count ? &w->l->inks[op->ink] : NULL;
    if (op->kind != DRAW_GLYPHS || op->has_color || op->style < 0 ||
        op->style >= w->l->style_count || w->l->styles[op->style].ink < 0)
        return NULL;
    return &w->l->inks[w->l->styles[op->style].ink];
}

bool op_overprints(const writer *w, const draw_op *op, double ink)
{
    if (op->has_color || op_ink(w, op) || ink < 1)
        return false;
    if (op->kind == DRAW_GLYPHS && op->style >= 0 && op->style < w->l->style_count)
        return w->l->styles[op->style].overprint;
    return w->print && w->print->overprint;
}

/* A spot ink as a Separation colour space: its plate's name, and its CMYK
 * as the alternate, a tint t giving t × that CMYK. */
static HPDF_Array separation(writer *w, int index)
{
    if (!w->ink_spaces)
        w->ink_spaces = xcalloc((size_t)w->l->ink_count + 1, sizeof(HPDF_Array));
    if (w->ink_spaces[index])
        return w->ink_spaces[index];
    const ink_spec *k = &w->l->inks[index];
    HPDF_MMgr mm = w->doc->mmgr;
    HPDF_Array cs = HPDF_Array_New(mm);
    HPDF_Dict fn = HPDF_Dict_New(mm);
    HPDF_Array domain = HPDF_Array_New(mm), c0 = HPDF_Array_New(mm), c1 = HPDF_Array_New(mm);
    if (!cs || !fn || !domain || !c0 || !c1)
        return NULL;
    HPDF_Xref_Add(w->doc->xref, cs);
    HPDF_Array_AddName(cs, "Separation");
    HPDF_Array_AddName(cs, k->separation);
    HPDF_Array_AddName(cs, "DeviceCMYK");
    HPDF_Dict_AddNumber(fn, "FunctionType", 2);
    HPDF_Array_AddNumber(domain, 0);
    HPDF_Array_AddNumber(domain, 1);
    HPDF_Dict_Add(fn, "Domain", domain);
    for (int i = 0; i < 4; i++) {
        HPDF_Array_AddNumber(c0, 0);
        HPDF_Array_AddReal(c1, (HPDF_REAL)k->cmyk[i]);
    }
    HPDF_Dict_Add(fn, "C0", c0);
    HPDF_Dict_Add(fn, "C1", c1);
    HPDF_Dict_AddNumber(fn, "N", 1);
    HPDF_Array_Add(cs, fn);
    w->ink_spaces[index] = cs;
    return cs;
}

/* The sRGB of an ink's CMYK as the press profile prints it (relative
 * colorimetric), for the archive; false when Little CMS cannot say. */
static bool convert_ink(writer *w, const ink_spec *k, double rgb[3])
{
    if (!load_cmyk_profile(w, edition_print(w)))
        return false;
    cmsHPROFILE cmyk = cmsOpenProfileFromMem(w->cmyk.data, (cmsUInt32Number)w->cmyk.len);
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsHTRANSFORM tr = cmyk && srgb ? cmsCreateTransform(cmyk, TYPE_CMYK_DBL, srgb, TYPE_RGB_DBL,
                                                         INTENT_RELATIVE_COLORIMETRIC, 0)
                                    : NULL;
    if (tr) {
        double in[4];
        for (int i = 0; i < 4; i++)
            in[i] = k->cmyk[i] * 100; /* Little CMS takes CMYK in per cent */
        cmsDoTransform(tr, in, rgb, 1);
        for (int i = 0; i < 3; i++)
            rgb[i] = rgb[i] < 0 ? 0 : rgb[i] > 1 ? 1 : rgb[i];
        cmsDeleteTransform(tr);
    }
    if (cmyk)
        cmsCloseProfile(cmyk);
    if (srgb)
        cmsCloseProfile(srgb);
    return tr != NULL;
}

/* convert_ink once an ink: a run or a rule in it asks again and again. */
static bool ink_rgb(writer *w, const ink_spec *k, double rgb[3])
{
    if (!w->ink_srgb)
        w->ink_srgb = xcalloc((size_t)w->l->ink_count + 1, sizeof *w->ink_srgb);
    struct ink_srgb *c = &w->ink_srgb[k - w->l->inks];
    if (!c->known) {
        c->ok = convert_ink(w, k, c->rgb);
        c->known = true;
    }
    memcpy(rgb, c->rgb, sizeof c->rgb);
    return c->ok;
}

void set_ink(writer *w, const ink_spec *k, double tint, bool stroke)
{
    if (!stroke)
        w->cur_fill = -1;
    if (!w->print) {
        double rgb[3];
        if (!ink_rgb(w, k, rgb))
            return;
        /* A tint of the ink on white paper. */
        HPDF_REAL r = (HPDF_REAL)(1 - tint * (1 - rgb[0])), g = (HPDF_REAL)(1 - tint * (1 - rgb[1])),
                  b = (HPDF_REAL)(1 - tint * (1 - rgb[2]));
        if (stroke)
            HPDF_Page_SetRGBStroke(w->page, r, g, b);
        else
            HPDF_Page_SetRGBFill(w->page, r, g, b);
        return;
    }
    if (!k->separation) {
        HPDF_REAL c = (HPDF_REAL)(k->cmyk[0] * tint), m = (HPDF_REAL)(k->cmyk[1] * tint),
                  y = (HPDF_REAL)(k->cmyk[2] * tint), kk = (HPDF_REAL)(k->cmyk[3] * tint);
        if (stroke)
            HPDF_Page_SetCMYKStroke(w->page, c, m, y, kk);
        else
            HPDF_Page_SetCMYKFill(w->page, c, m, y, kk);
        return;
    }
    int index = (int)(k - w->l->inks);
    HPDF_Array cs = separation(w, index);
    HPDF_Dict spaces = resource_dict(w, "ColorSpace");
    if (!cs || !spaces) {
        note_out_of_memory(w);
        return;
    }
    char name[24], op[80], t[32];
    snprintf(name, sizeof name, "Ink%d", index);
    if (!HPDF_Dict_GetItem(spaces, name, HPDF_OCLASS_ARRAY))
        HPDF_Dict_Add(spaces, name, cs);
    fmt_real(t, sizeof t, tint);
    snprintf(op, sizeof op, stroke ? "/%s CS %s SCN\n" : "/%s cs %s scn\n", name, t);
    write_raw(w, op);
}
