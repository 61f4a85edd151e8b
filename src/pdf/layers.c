/* layers.c — what encloses the page's operators: the proof layer's
 * optional content, and the marked-content sequences of the structure
 * (pdftag.h) and of the artifacts (writer.h). */
#include "pdf/writer.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <stdio.h>

/* The proof layer is an optional content group, so a reader can hide
 * it: made on first use, named in the catalog's OCProperties (on by
 * default) and in each page's resources as /Proof. */
static HPDF_Dict overlay_group(writer *w)
{
    if (w->overlay_group)
        return w->overlay_group;
    HPDF_MMgr mm = w->doc->mmgr;
    HPDF_Dict ocg = HPDF_Dict_New(mm);
    HPDF_Dict props = HPDF_Dict_New(mm), config = HPDF_Dict_New(mm);
    HPDF_Array ocgs = HPDF_Array_New(mm), order = HPDF_Array_New(mm), on = HPDF_Array_New(mm);
    if (!ocg || !props || !config || !ocgs || !order || !on)
        return NULL;
    HPDF_Xref_Add(w->doc->xref, ocg);
    HPDF_Dict_AddName(ocg, "Type", "OCG");
    HPDF_Dict_Add(ocg, "Name", HPDF_String_New(mm, "Proof marks", NULL));
    HPDF_Array_Add(ocgs, ocg);
    HPDF_Array_Add(order, ocg);
    HPDF_Array_Add(on, ocg);
    HPDF_Dict_Add(config, "Name", HPDF_String_New(mm, "Proof", NULL));
    HPDF_Dict_Add(config, "Order", order);
    HPDF_Dict_Add(config, "ON", on);
    HPDF_Dict_Add(props, "OCGs", ocgs);
    HPDF_Dict_Add(props, "D", config);
    HPDF_Dict_Add(w->doc->catalog, "OCProperties", props);
    w->overlay_group = ocg;
    return ocg;
}

/* Enter or leave the proof layer: /OC /Proof BDC … EMC, outside text
 * objects, and inside it an artifact (/Artifact BMC … EMC): the overlay
 * is no part of the page's content, so its labels — drawn as outlines,
 * not as text — are neither in the structure nor copied or searched. */
void switch_layer(writer *w, int layer)
{
    if (layer == w->cur_layer)
        return;
    end_text(w);
    if (w->cur_layer == 1)
        write_raw(w, "EMC\nEMC\n");
    if (layer == 1) {
        HPDF_Dict ocg = overlay_group(w), props = resource_dict(w, "Properties");
        if (!ocg || !props) {
            note_out_of_memory(w);
            return;
        }
        if (!HPDF_Dict_GetItem(props, "Proof", HPDF_OCLASS_DICT))
            HPDF_Dict_Add(props, "Proof", ocg);
        write_raw(w, "/OC /Proof BDC\n/Artifact BMC\n");
    }
    w->cur_layer = layer;
}

/* Marked content of the structure (pdftag.h): outside text objects, so
 * that sequences and BT/ET never cross. */
void close_mark(writer *w)
{
    if (!w->mark_open)
        return;
    end_text(w);
    write_raw(w, "EMC\n");
    w->mark_open = false;
}

void open_mark(writer *w, tag_mark m)
{
    end_text(w);
    char buf[64];
    if (m.mcid >= 0)
        snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\n", m.role, m.mcid);
    else
        snprintf(buf, sizeof buf, "/%s BMC\n", m.role);
    write_raw(w, buf);
    w->mark_open = true;
    w->mark_seq = m.seq;
}

/* An op of the page's list inside the sequence pdftag gives it; the proof
 * layer's optional content is never inside one. */
void write_tagged_op(writer *w, const draw_op *op)
{
    tag_mark m = pdftag_mark(w->tags, op);
    if (w->mark_open && (m.seq != w->mark_seq || op->layer != w->cur_layer))
        close_mark(w);
    switch_layer(w, op->layer);
    if (!w->mark_open && m.role)
        open_mark(w, m);
    write_op(w, op);
}
