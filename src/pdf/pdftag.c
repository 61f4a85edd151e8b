/* pdftag.c — the PDF's logical structure.
 *
 * An edition has a structure element for every paragraph, head and cell:
 * tens of thousands in a long one, every one kept until the file is saved.
 * As libharu dictionaries, an entry list and a kid array each, they took
 * some 300 bytes an element (16 MB for 1000 pages); so an element is a
 * small record here, and its object is an xref entry of its own pointing
 * at one dictionary shared by all, whose write hook prints the entries of
 * the next element: libharu writes its objects in the order of their
 * numbers, which is the order the elements were made in. */
#include "pdf/pdftag.h"

#include "base/arena.h"
#include "base/strbuf.h"

#include <hpdf_doc.h>
#include <stdlib.h>
#include <string.h>

typedef enum { KID_MCID, KID_MCR, KID_ELEM } kid_kind;

/* Sequences that belong to no element (element sequences are the
 * element's index). */
enum { SEQ_ARTIFACT = -2, SEQ_NONE = -3 };

/* The structure types, by their index in an element. */
static const char *const types[] = {"Document", "Art", "H1",    "H2",    "H3", "H4",
                                    "H5",       "H6",  "P",     "Caption", "BlockQuote",
                                    "Table",    "TR",  "TH",    "TD",    "Figure"};

/* A kid of an element: its kids are a list in the structure's kids,
 * in the order they came. */
typedef struct kid {
    unsigned obj;      /* KID_MCR: the page of that content; KID_ELEM: the element */
    int mcid;
    int next;          /* the element's next kid, -1 after the last */
    unsigned char kind;
} kid;

typedef struct elem {
    unsigned obj;      /* its object number */
    unsigned page;     /* /Pg: the object of the page of its first content, 0 before */
    int parent;        /* index in elems; -1: the StructTreeRoot */
    int first, last;   /* its kids, -1 when it has none */
    unsigned char type; /* index in types */
} elem;

/* A Figure's alternate text (few elements have one). */
typedef struct elem_alt {
    int elem;
    const char *alt;
} elem_alt;

typedef struct table_row {
    int table, row, elem;
} table_row;

struct pdftag {
    HPDF_Doc doc;
    const layout *l;
    arena *a;
    VEC(elem) elems;
    VEC(kid) kids;
    VEC(elem_alt) alts;    /* in the order of their elements */
    HPDF_Dict root;        /* the StructTreeRoot, written by its hook too */
    HPDF_Dict elements;    /* the dictionary every element's xref entry points at */
    int writing;           /* the element the shared dictionary writes next */
    int writing_alt;       /* and the first alternate text not yet written */
    int document;          /* elems index of the Document */
    int *article_elem;     /* article index → Art, -1 until seen */
    int article_count;
    int *para_elem;        /* paragraph id → its element, -1 until seen */
    int *table_elem;       /* table id → Table */
    int para_count;        /* room in both for ids below this; grown as pages come */
    VEC(table_row) rows;   /* (table, row) → TR */
    VEC(int) parents;      /* per page, per MCID, its element: the parent tree */
    VEC(int) page_start;   /* where each page's MCIDs begin in parents */
    int page_index;
    /* per page */
    const page_out *po;
    unsigned page;         /* the page's object number */
    int mcid;
    int last_seq;
    double *head_size;     /* per article: the largest size in its headline frame on the page */
};

static unsigned obj_id(HPDF_Dict d) { return d->header.obj_id & 0x00FFFFFF; }

static HPDF_STATUS put(HPDF_Stream stream, strbuf *b)
{
    HPDF_STATUS status = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->v, (HPDF_UINT)b->n);
    VEC_FREE(*b);
    return status;
}

static unsigned parent_obj(const pdftag *t, const elem *e)
{
    return e->parent >= 0 ? t->elems.v[e->parent].obj : obj_id(t->root);
}

/* " N 0 R": a reference to object obj, as the elements and the parent
 * tree write thousands of them. */
static void put_ref(strbuf *b, unsigned obj)
{
    sb_str(b, " ");
    sb_int(b, (long)obj);
    sb_str(b, " 0 R");
}

/* The entries of the next element, as the shared dictionary is written
 * for each element's object in turn. */
static HPDF_STATUS write_elem(HPDF_Dict dict, HPDF_Stream stream)
{
    pdftag *t = dict->attr;
    if (t->writing >= t->elems.n)
        return HPDF_SetError(dict->error, HPDF_INVALID_OBJECT, 0);
    int index = t->writing++;
    const elem *e = &t->elems.v[index];
    /* Tersely: an edition has thousands, and the year's volume all of them. */
    strbuf b = {0};
    sb_str(&b, "/S/");
    sb_str(&b, types[e->type]);
    sb_str(&b, "/P");
    put_ref(&b, parent_obj(t, e));
    if (e->page) {
        sb_str(&b, "/Pg");
        put_ref(&b, e->page);
    }
    if (t->writing_alt < t->alts.n && t->alts.v[t->writing_alt].elem == index) {
        sb_str(&b, "/Alt");
        sb_pdf_text(&b, t->alts.v[t->writing_alt++].alt);
    }
    bool one = e->first >= 0 && e->first == e->last;
    sb_str(&b, one ? "/K" : "/K[");
    for (int i = e->first; i >= 0; i = t->kids.v[i].next) {
        const kid *k = &t->kids.v[i];
        if (k->kind == KID_MCID) {
            sb_str(&b, " ");
            sb_int(&b, k->mcid);
        } else if (k->kind == KID_MCR) {
            sb_str(&b, "<</Type/MCR/Pg");
            put_ref(&b, k->obj);
            sb_str(&b, "/MCID ");
            sb_int(&b, k->mcid);
            sb_str(&b, ">>");
        } else {
            put_ref(&b, k->obj);
        }
    }
    sb_str(&b, one ? "\n" : "]\n");
    return put(stream, &b);
}

/* The root: its Document, and the parent tree (for each page, the element
 * of each of its MCIDs).  Its object comes before every element's, so the
 * elements are written from the first. */
static HPDF_STATUS write_root(HPDF_Dict dict, HPDF_Stream stream)
{
    pdftag *t = dict->attr;
    t->writing = t->writing_alt = 0;
    strbuf b = {0};
    sb_printf(&b, "/Type /StructTreeRoot\n/K %u 0 R\n/ParentTreeNextKey %d\n/ParentTree <</Nums [",
              t->elems.v[t->document].obj, t->page_index);
    for (int p = 0; p < t->page_start.n; p++) {
        int end = p + 1 < t->page_start.n ? t->page_start.v[p + 1] : t->parents.n;
        sb_printf(&b, "\n%d [", p);
        for (int i = t->page_start.v[p]; i < end; i++)
            put_ref(&b, t->elems.v[t->parents.v[i]].obj);
        sb_str(&b, " ]");
    }
    sb_str(&b, " ]>>\n");
    return put(stream, &b);
}

/* Kid k added after element e's others. */
static void add_kid(pdftag *t, int e, kid k)
{
    k.next = -1;
    *VEC_PUSH(t->kids) = k;
    int index = t->kids.n - 1;
    elem *el = &t->elems.v[e];
    if (el->last >= 0)
        t->kids.v[el->last].next = index;
    else
        el->first = index;
    el->last = index;
}

/* A new object for an element, as HPDF_Xref_Add would make it but for
 * the shared dictionary, which a second HPDF_Xref_Add would refuse; 0
 * when libharu cannot (its error is latched). */
static unsigned new_object(pdftag *t)
{
    HPDF_Xref x = t->doc->xref;
    HPDF_XrefEntry entry = HPDF_GetMem(x->mmgr, sizeof(HPDF_XrefEntry_Rec));
    if (!entry)
        return 0;
    if (HPDF_List_Add(x->entries, entry) != HPDF_OK) {
        HPDF_FreeMem(x->mmgr, entry);
        return 0;
    }
    *entry = (HPDF_XrefEntry_Rec){.entry_typ = HPDF_IN_USE_ENTRY, .obj = t->elements};
    return x->start_offset + x->entries->count - 1;
}

static unsigned char type_index(const char *type)
{
    size_t k = 0;
    while (k + 1 < sizeof types / sizeof *types && strcmp(types[k], type) != 0)
        k++;
    return (unsigned char)k;
}

static int new_elem(pdftag *t, const char *type, int parent)
{
    *VEC_PUSH(t->elems) = (elem){.obj = new_object(t), .parent = parent, .first = -1,
                                 .last = -1, .type = type_index(type)};
    int index = t->elems.n - 1;
    if (parent >= 0)
        add_kid(t, parent, (kid){t->elems.v[index].obj, -1, -1, KID_ELEM});
    return index;
}

pdftag *pdftag_new(HPDF_Doc doc, const layout *l, int article_count)
{
    pdftag *t = xcalloc(1, sizeof *t);
    t->doc = doc;
    t->l = l;
    t->a = arena_new();
    t->article_count = article_count;
    t->article_elem = xmalloc(sizeof(int) * (size_t)(t->article_count + 1));
    t->head_size = xmalloc(sizeof(double) * (size_t)(t->article_count + 1));
    for (int i = 0; i <= t->article_count; i++)
        t->article_elem[i] = -1;
    /* The root is the document's from the start, so that a run that fails
     * before the end frees it with the doc. */
    t->root = HPDF_Dict_New(doc->mmgr);
    HPDF_Xref_Add(doc->xref, t->root);
    t->root->write_fn = write_root;
    t->root->attr = t;
    /* Not the xref's (pdftag_free frees it): it stands in many entries. */
    t->elements = HPDF_Dict_New(doc->mmgr);
    t->elements->write_fn = write_elem;
    t->elements->attr = t;
    t->document = new_elem(t, "Document", -1);
    return t;
}

/* Room for the paragraph and table ids of a page's lines: the pages come
 * one by one, so the ids are known only as they come. */
static void make_room(pdftag *t, const draw_list *dl)
{
    int need = t->para_count;
    for (int i = 0; i < dl->lines.n; i++)
        need = MAX(need, MAX(dl->lines.v[i].para + 2, dl->lines.v[i].table + 1));
    if (need == t->para_count)
        return;
    int cap = MAX(need, 2 * t->para_count);
    t->para_elem = xrealloc(t->para_elem, sizeof(int) * (size_t)(cap + 1));
    t->table_elem = xrealloc(t->table_elem, sizeof(int) * (size_t)(cap + 1));
    for (int i = t->para_count; i <= cap; i++)
        t->para_elem[i] = t->table_elem[i] = -1;
    t->para_count = cap;
}

void pdftag_begin_page(pdftag *t, HPDF_Page page, const page_out *po)
{
    t->po = po;
    t->page = obj_id(page);
    t->mcid = 0;
    t->last_seq = SEQ_NONE;
    *VEC_PUSH(t->page_start) = t->parents.n;
    make_room(t, &po->list);
    HPDF_Dict_AddNumber(page, "StructParents", t->page_index);
    for (int a = 0; a < t->article_count; a++)
        t->head_size[a] = 0;
    for (int i = 0; i < po->list.lines.n; i++) {
        const text_line *tl = &po->list.lines.v[i];
        if (tl->article >= 0 && tl->role == ROLE_HEADLINE)
            t->head_size[tl->article] =
                MAX(t->head_size[tl->article], pt_from_scaled(t->l->styles[tl->style].size));
    }
}

void pdftag_end_page(pdftag *t) { t->page_index++; }

static int article_elem(pdftag *t, int index)
{
    if (t->article_elem[index] < 0)
        t->article_elem[index] = new_elem(t, "Art", t->document);
    return t->article_elem[index];
}

/* A table cell's element, under its row, under its table. */
static int cell_elem(pdftag *t, const text_line *tl, int art)
{
    if (t->table_elem[tl->table] < 0)
        t->table_elem[tl->table] = new_elem(t, "Table", art);
    int tab = t->table_elem[tl->table];
    if (tl->part == TABLE_TITLE)
        return new_elem(t, "Caption", tab);
    if (tl->part == TABLE_NOTE)
        return new_elem(t, "P", art);
    int tr = -1;
    for (int i = t->rows.n - 1; i >= 0 && tr < 0; i--)
        if (t->rows.v[i].table == tl->table && t->rows.v[i].row == tl->row)
            tr = t->rows.v[i].elem;
    if (tr < 0) {
        tr = new_elem(t, "TR", tab);
        *VEC_PUSH(t->rows) = (table_row){tl->table, tl->row, tr};
    }
    return new_elem(t, tl->part == TABLE_HEADER ? "TH" : "TD", tr);
}

static const char *head_type(const pdftag *t, const text_line *tl)
{
    const char *name = t->l->styles[tl->style].name;
    if (name && name[0] == 'h' && name[1] >= '2' && name[1] <= '6' && !name[2]) {
        static const char *const h[] = {"H2", "H3", "H4", "H5", "H6"};
        return h[name[1] - '2'];
    }
    return "H2";
}

/* The element of a paragraph (created the first time it is seen). */
static int para_elem(pdftag *t, const text_line *tl)
{
    if (t->para_elem[tl->para] >= 0)
        return t->para_elem[tl->para];
    /* Text of no article (the volume's contents) hangs on the Document. */
    int art = tl->article >= 0 ? article_elem(t, tl->article) : t->document;
    int e;
    if (tl->table > 0) {
        e = cell_elem(t, tl, art);
    } else if (tl->role == ROLE_HEADLINE) {
        bool main = pt_from_scaled(t->l->styles[tl->style].size) >= t->head_size[tl->article];
        e = new_elem(t, main ? "H1" : "P", art);
    } else if (tl->role == ROLE_HEAD) {
        e = new_elem(t, head_type(t, tl), art);
    } else if (tl->role == ROLE_CAPTION) {
        e = new_elem(t, "Caption", art);
    } else if (tl->role == ROLE_BOX) {
        e = new_elem(t, "BlockQuote", art);
    } else {
        e = new_elem(t, "P", art);
    }
    t->para_elem[tl->para] = e;
    return e;
}

/* A photo's alternate text: its article's captions on the page. */
static const char *photo_alt(pdftag *t, int article_index)
{
    strbuf alt = {0};
    for (int i = 0; i < t->po->list.lines.n; i++) {
        const text_line *tl = &t->po->list.lines.v[i];
        if (tl->article == article_index && tl->role == ROLE_CAPTION && tl->text)
            sb_str(&alt, tl->text);
    }
    char *text = sb_take(&alt);
    const char *kept = text && *text ? arena_strdup(t->a, text) : NULL;
    free(text);
    return kept;
}

/* A new marked-content sequence of element e on this page (the sequence
 * is known by its element). */
static tag_mark content_of(pdftag *t, int e)
{
    int mcid = t->mcid++;
    *VEC_PUSH(t->parents) = e;
    elem *el = &t->elems.v[e];
    if (!el->page)
        el->page = t->page;
    /* On the element's own page the bare MCID says it all. */
    add_kid(t, e, (kid){t->page, mcid, -1, el->page == t->page ? KID_MCID : KID_MCR});
    return (tag_mark){types[t->elems.v[e].type], mcid, e};
}

tag_mark pdftag_mark(pdftag *t, const draw_op *op)
{
    tag_mark none = {NULL, -1, SEQ_NONE};
    tag_mark artifact = {"Artifact", -1, SEQ_ARTIFACT};
    tag_mark m = artifact;
    if (op->layer != 0) {
        m = none;
    } else if (op->kind == DRAW_IMAGE && op->article >= 0) {
        int e = new_elem(t, "Figure", article_elem(t, op->article));
        const char *alt = photo_alt(t, op->article);
        if (alt)
            *VEC_PUSH(t->alts) = (elem_alt){e, alt};
        m = content_of(t, e);
    } else if (op->kind == DRAW_GLYPHS) {
        const text_line *tl = op->line >= 0 ? &t->po->list.lines.v[op->line] : NULL;
        /* What the page shows again (pagination) is an artifact. */
        bool content = tl && tl->para >= 0 && !tl->repeat && !text_line_furniture(tl);
        int e = content ? t->para_elem[tl->para] : -1;
        if (content && e >= 0 && t->last_seq == e) {
            /* One sequence while the paragraph's runs follow each other. */
            return (tag_mark){NULL, -1, e};
        } else if (content) {
            m = content_of(t, para_elem(t, tl));
        }
    }
    t->last_seq = m.seq;
    return m;
}

void pdftag_finish(pdftag *t)
{
    HPDF_MMgr mm = t->doc->mmgr;
    HPDF_Dict mark_info = HPDF_Dict_New(mm);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(t->doc->catalog, "MarkInfo", mark_info);
    HPDF_Dict_Add(t->doc->catalog, "StructTreeRoot", t->root);
    HPDF_Dict_Add(t->doc->catalog, "Lang", HPDF_String_New(mm, "zh-CN", NULL));
}

void pdftag_free(pdftag *t)
{
    if (!t)
        return;
    /* The elements' entries lose the shared dictionary, which libharu
     * would otherwise free once for each. */
    HPDF_Xref x = t->doc->xref;
    for (int i = 0; i < t->elems.n; i++) {
        HPDF_XrefEntry entry =
            t->elems.v[i].obj ? HPDF_Xref_GetEntry(x, t->elems.v[i].obj - x->start_offset) : NULL;
        if (entry)
            entry->obj = NULL;
    }
    if (t->elements)
        HPDF_Dict_Free(t->elements);
    VEC_FREE(t->elems);
    VEC_FREE(t->kids);
    VEC_FREE(t->alts);
    VEC_FREE(t->rows);
    VEC_FREE(t->parents);
    VEC_FREE(t->page_start);
    arena_free(t->a);
    free(t->article_elem);
    free(t->head_size);
    free(t->para_elem);
    free(t->table_elem);
    free(t);
}
