/* pdfform.c — the masthead's logotype, a page of a PDF, copied into the
 * document as a form XObject and drawn into its frame (writer.h).
 *
 * libharu cannot import a page of another PDF; libqpdf reads it
 * (input/logopdf.h) and its objects are built again as libharu objects,
 * one by one: the page's content streams, decoded and joined, become the
 * form's stream; its resources (fonts, images, colour spaces, graphics
 * states, patterns, forms) are copied whole, an indirect object once
 * however often it is referred to, so shared objects stay shared and a
 * cycle ends.  A stream's data is decoded by libqpdf (Flate, LZW, ASCII
 * and run-length filters, predictors) and deflated again by the writer; a
 * JPEG (DCTDecode) is copied as it is; any other compression (JPX, JBIG2,
 * CCITT) is refused with a message.  Nothing of the page's own but its
 * contents, resources and transparency group is kept. */
#include "pdf/writer.h"

#include "input/logopdf.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds for a file from the edition: objects copied, and nesting under
 * the 32 levels the archive's reader of paiban's PDFs allows
 * (archive/pdfread.h). */
enum { FORM_MAX_OBJECTS = 100000, FORM_MAX_DEPTH = 30 };

/* One logotype's copy under way. */
typedef struct copier {
    writer *w;
    qpdf_data q;
    const char *path;
    src_loc where;
    struct {
        int id, gen;
        void *obj;
    } *done;              /* indirect objects copied, by number */
    int ndone, capdone;
    bool failed;          /* reported */
} copier;

static void *copy_value(copier *cp, qpdf_oh oh, int depth);

static void *refuse(copier *cp, const char *why)
{
    if (!cp->failed)
        diag_error(cp->w->d, cp->where, "the logo %s cannot be copied: %s; export it again in a "
                                        "simpler form, or as a PNG", cp->path, why);
    cp->failed = true;
    return NULL;
}

static void *remember(copier *cp, int id, int gen, void *obj)
{
    if (cp->ndone == cp->capdone) {
        cp->capdone = cp->capdone ? cp->capdone * 2 : 64;
        cp->done = xrealloc(cp->done, sizeof *cp->done * (size_t)cp->capdone);
    }
    cp->done[cp->ndone].id = id;
    cp->done[cp->ndone].gen = gen;
    cp->done[cp->ndone++].obj = obj;
    return obj;
}

/* The keys of dictionary oh copied into dict, but those in `skip`. */
static bool copy_keys(copier *cp, qpdf_oh oh, HPDF_Dict dict, const char *const *skip, int depth)
{
    qpdf_data q = cp->q;
    /* The keys first: the iteration is qpdf's one state, which copying
     * the values would disturb. */
    VEC(char *) keys = {0};
    qpdf_oh_begin_dict_key_iter(q, oh);
    while (qpdf_oh_dict_more_keys(q))
        *VEC_PUSH(keys) = xstrdup(qpdf_oh_dict_next_key(q));
    bool ok = true;
    for (int i = 0; i < keys.n && ok; i++) {
        bool skipped = false;
        for (int k = 0; skip && skip[k]; k++)
            skipped |= strcmp(keys.v[i], skip[k]) == 0;
        void *v = skipped ? NULL : copy_value(cp, qpdf_oh_get_key(q, oh, keys.v[i]), depth + 1);
        if (!skipped && !v)
            ok = false;
        else if (v && HPDF_Dict_Add(dict, keys.v[i] + 1, v) != HPDF_OK) {
            refuse(cp, "libharu refused one of its dictionaries");
            ok = false;
        }
    }
    for (int i = 0; i < keys.n; i++)
        free(keys.v[i]);
    VEC_FREE(keys);
    return ok;
}

/* A stream: its dictionary but for how it is stored, its data decoded and
 * stored again by the writer (or a JPEG as it is). */
static void *copy_stream(copier *cp, qpdf_oh oh, int depth, HPDF_Dict s)
{
    qpdf_data q = cp->q;
    static const char *const storage[] = {"/Length", "/Filter", "/DecodeParms", "/DL", "/F",
                                          "/FFilter", "/FDecodeParms", NULL};
    if (!copy_keys(cp, qpdf_oh_get_dict(q, oh), s, storage, depth))
        return NULL;
    QPDF_BOOL filtered = QPDF_FALSE;
    unsigned char *buf = NULL;
    size_t len = 0;
    if (qpdf_oh_get_stream_data(q, oh, qpdf_dl_generalized, &filtered, &buf, &len) &
        QPDF_ERRORS) {
        free(buf);
        return refuse(cp, "a stream of it cannot be read");
    }
    s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    if (!filtered) {
        qpdf_oh f = qpdf_oh_get_key(q, qpdf_oh_get_dict(q, oh), "/Filter");
        if (qpdf_oh_is_array(q, f) && qpdf_oh_get_array_n_items(q, f) == 1)
            f = qpdf_oh_get_array_item(q, f, 0);
        if (!qpdf_oh_is_name(q, f) || strcmp(qpdf_oh_get_name(q, f), "/DCTDecode") != 0) {
            free(buf);
            return refuse(cp, "a stream of it is compressed in a way paiban cannot copy (only "
                              "Flate, LZW, ASCII, run-length and JPEG are)");
        }
        s->filter = HPDF_STREAM_FILTER_DCT_DECODE;
    }
    HPDF_STATUS st = HPDF_Stream_Write(s->stream, buf, (HPDF_UINT)len);
    free(buf);
    return st == HPDF_OK ? s : refuse(cp, "libharu could not hold a stream of it");
}

/* A direct or indirect value of the logo as a libharu object; NULL when
 * it cannot be (reported). */
static void *copy_value(copier *cp, qpdf_oh oh, int depth)
{
    qpdf_data q = cp->q;
    HPDF_MMgr mm = cp->w->doc->mmgr;
    if (depth > FORM_MAX_DEPTH)
        return refuse(cp, "its objects are nested too deep");
    bool indirect = qpdf_oh_is_indirect(q, oh);
    int id = indirect ? qpdf_oh_get_object_id(q, oh) : 0;
    int gen = indirect ? qpdf_oh_get_generation(q, oh) : 0;
    for (int i = 0; indirect && i < cp->ndone; i++)
        if (cp->done[i].id == id && cp->done[i].gen == gen)
            return cp->done[i].obj;
    if (cp->ndone >= FORM_MAX_OBJECTS)
        return refuse(cp, "it has too many objects");
    void *scalar = NULL;
    switch (qpdf_oh_get_type_code(q, oh)) {
    case ot_null:
        scalar = HPDF_Null_New(mm);
        break;
    case ot_boolean:
        scalar = HPDF_Boolean_New(mm, qpdf_oh_get_bool_value(q, oh));
        break;
    case ot_integer: {
        long long v = qpdf_oh_get_int_value(q, oh);
        scalar = v >= INT32_MIN && v <= INT32_MAX ? (void *)HPDF_Number_New(mm, (HPDF_INT32)v)
                                                  : (void *)HPDF_Real_New(mm, (HPDF_REAL)v);
        break;
    }
    case ot_real:
        scalar = HPDF_Real_New(mm, (HPDF_REAL)qpdf_oh_get_numeric_value(q, oh));
        break;
    case ot_name:
        scalar = HPDF_Name_New(mm, qpdf_oh_get_name(q, oh) + 1);
        break;
    case ot_string: {
        size_t n = 0;
        const char *s = qpdf_oh_get_binary_string_value(q, oh, &n);
        scalar = HPDF_Binary_New(mm, (HPDF_BYTE *)s, (HPDF_UINT)n);
        break;
    }
    case ot_array: {
        HPDF_Array a = HPDF_Array_New(mm);
        if (!a || (indirect && HPDF_Xref_Add(cp->w->doc->xref, a) != HPDF_OK))
            return refuse(cp, "libharu could not hold it");
        if (indirect)
            remember(cp, id, gen, a);
        int n = qpdf_oh_get_array_n_items(q, oh);
        for (int i = 0; i < n; i++) {
            void *v = copy_value(cp, qpdf_oh_get_array_item(q, oh, i), depth + 1);
            if (!v && !indirect)
                HPDF_Array_Free(a); /* direct: nothing else holds it */
            if (!v || HPDF_Array_Add(a, v) != HPDF_OK)
                return refuse(cp, "libharu refused one of its arrays");
        }
        return a;
    }
    case ot_dictionary: {
        HPDF_Dict dict = HPDF_Dict_New(mm);
        if (!dict || (indirect && HPDF_Xref_Add(cp->w->doc->xref, dict) != HPDF_OK))
            return refuse(cp, "libharu could not hold it");
        if (indirect)
            remember(cp, id, gen, dict);
        if (copy_keys(cp, oh, dict, NULL, depth))
            return dict;
        if (!indirect)
            HPDF_Dict_Free(dict); /* direct: nothing else holds it */
        return NULL;
    }
    case ot_stream: {
        HPDF_Dict s = HPDF_DictStream_New(mm, cp->w->doc->xref);
        if (!s)
            return refuse(cp, "libharu could not hold it");
        remember(cp, id, gen, s);
        return copy_stream(cp, oh, depth, s);
    }
    default:
        return refuse(cp, "it holds an object of a kind a page does not");
    }
    return scalar ? scalar : refuse(cp, "libharu could not hold one of its values");
}

/* The form of the logo at path: its page's contents, resources and group,
 * with the page's box as its BBox; NULL when it cannot be (reported). */
static HPDF_Dict load_form(writer *w, const char *path, src_loc where, double box[4])
{
    char *data;
    size_t len;
    if (!files_read(w->e->files, path, LOGO_MAX_BYTES, &data, &len)) {
        diag_error(w->d, where, "cannot open the logo %s", path);
        return NULL;
    }
    logo_pdf p;
    HPDF_Dict form = NULL;
    copier cp = {.w = w, .path = path, .where = where};
    if (logo_pdf_open(data, len, path, &p, where, w->d)) {
        cp.q = p.q;
        memcpy(box, p.box, sizeof p.box);
        unsigned char *contents = NULL;
        size_t n = 0;
        if (qpdf_oh_get_page_content_data(p.q, p.page, &contents, &n) & QPDF_ERRORS)
            refuse(&cp, "its page's contents cannot be read");
        else if ((form = HPDF_DictStream_New(w->doc->mmgr, w->doc->xref)))
            form->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        HPDF_Array bbox = form ? HPDF_Array_New(w->doc->mmgr) : NULL;
        if (bbox) {
            HPDF_Dict_AddName(form, "Type", "XObject");
            HPDF_Dict_AddName(form, "Subtype", "Form");
            HPDF_Dict_Add(form, "BBox", bbox);
            for (int i = 0; i < 4; i++)
                HPDF_Array_AddReal(bbox, (HPDF_REAL)box[i]);
            HPDF_Stream_Write(form->stream, contents, (HPDF_UINT)n);
            static const char *const kept[] = {"/Resources", "/Group"};
            for (size_t k = 0; k < countof(kept) && !cp.failed; k++) {
                if (!qpdf_oh_has_key(p.q, p.page, kept[k]))
                    continue;
                void *v = copy_value(&cp, qpdf_oh_get_key(p.q, p.page, kept[k]), 0);
                if (v)
                    HPDF_Dict_Add(form, kept[k] + 1, v);
            }
        } else if (!cp.failed) {
            note_out_of_memory(w);
        }
        free(contents);
    }
    logo_pdf_close(&p);
    free(cp.done);
    free(data);
    return cp.failed ? NULL : form;
}

void write_form(writer *w, const draw_op *op)
{
    int f = 0;
    while (f < w->forms.n && strcmp(w->forms.v[f].path, op->image) != 0)
        f++;
    if (f == w->forms.n) {
        pdf_form_ref ref = {.path = op->image};
        ref.form = load_form(w, op->image, op->src_loc, ref.box);
        *VEC_PUSH(w->forms) = ref;
    }
    const pdf_form_ref *ref = &w->forms.v[f];
    if (!ref->form)
        return;
    switch_layer(w, op->layer);
    end_text(w);
    HPDF_Dict xobjects = resource_dict(w, "XObject");
    if (!xobjects)
        return;
    char name[16], line[200], e[32], fy[32];
    snprintf(name, sizeof name, "L%d", f);
    if (!HPDF_Dict_GetItem(xobjects, name, HPDF_OCLASS_DICT))
        HPDF_Dict_Add(xobjects, name, ref->form);
    /* The page's box onto the frame: one scale (the frame has its
     * proportions), its lower-left corner on the frame's. */
    double k = pt(op->w) / (ref->box[2] - ref->box[0]);
    fmt_real(e, sizeof e, pdf_x(w, op->x) - ref->box[0] * k);
    fmt_real(fy, sizeof fy, pdf_y(w, op->y + op->h) - ref->box[1] * k);
    snprintf(line, sizeof line, "q %.6f 0 0 %.6f %s %s cm /%s Do Q\n", k, k, e, fy, name);
    write_raw(w, line);
}
