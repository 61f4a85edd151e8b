/* pdftag.c — the PDF's logical structure.
 *
 * An edition has a structure element for every paragraph, head and cell:
 * thousands of them.  As libharu dictionaries with their entries each
 * would take a kilobyte (every key and name holds a 128-byte buffer), so
 * an element is an empty indirect dictionary whose entries its write hook
 * prints, when the file is saved, from the small record kept here. */
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

typedef struct kid {
    kid_kind kind;
    int mcid;
    HPDF_Dict obj;     /* KID_MCR: the page of that content; KID_ELEM: the element */
} kid;

typedef struct elem {
    HPDF_Dict dict;
    const char *type;
    HPDF_Dict parent;
    HPDF_Page page;    /* /Pg: the page of its first content, NULL before */
    const char *alt;   /* a Figure's alternate text, or NULL */
    VEC(kid) kids;
} elem;

typedef struct table_row {
    int table, row, elem;
} table_row;

struct pdftag {
    HPDF_Doc doc;
    const layout *l;
    arena *a;
    VEC(elem *) elems;
    HPDF_Dict root;        /* the StructTreeRoot, written by its hook too */
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
    HPDF_Page page;
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

static HPDF_STATUS write_elem(HPDF_Dict dict, HPDF_Stream stream)
{
    /* Tersely: an edition has thousands, and the year's volume all of them. */
    const elem *e = dict->attr;
    strbuf b = {0};
    sb_printf(&b, "/S/%s/P %u 0 R", e->type, obj_id(e->parent));
    if (e->page)
        sb_printf(&b, "/Pg %u 0 R", obj_id(e->page));
    if (e->alt) {
        sb_printf(&b, "/Alt");
        sb_pdf_text(&b, e->alt);
    }
    sb_printf(&b, e->kids.n == 1 ? "/K" : "/K[");
    for (int i = 0; i < e->kids.n; i++) {
        const kid *k = &e->kids.v[i];
        if (k->kind == KID_MCID)
            sb_printf(&b, " %d", k->mcid);
        else if (k->kind == KID_MCR)
            sb_printf(&b, "<</Type/MCR/Pg %u 0 R/MCID %d>>", obj_id(k->obj), k->mcid);
        else
            sb_printf(&b, " %u 0 R", obj_id(k->obj));
    }
    sb_printf(&b, e->kids.n == 1 ? "\n" : "]\n");
    return put(stream, &b);
}

/* The root: its Document, and the parent tree (for each page, the element
 * of each of its MCIDs). */
static HPDF_STATUS write_root(HPDF_Dict dict, HPDF_Stream stream)
{
    const pdftag *t = dict->attr;
    strbuf b = {0};
    sb_printf(&b, "/Type /StructTreeRoot\n/K %u 0 R\n/ParentTreeNextKey %d\n/ParentTree <</Nums [",
              obj_id(t->elems.v[t->document]->dict), t->page_index);
    for (int p = 0; p < t->page_start.n; p++) {
        int end = p + 1 < t->page_start.n ? t->page_start.v[p + 1] : t->parents.n;
        sb_printf(&b, "\n%d [", p);
        for (int i = t->page_start.v[p]; i < end; i++)
            sb_printf(&b, " %u 0 R", obj_id(t->elems.v[t->parents.v[i]]->dict));
        sb_printf(&b, " ]");
    }
    sb_printf(&b, " ]>>\n");
    return put(stream, &b);
}

/* Kid k added to element el.  Most elements have one or two kids: their
 * array grows from one, not from a growable array's eight, which at
 * tens of thousands of elements would be megabytes of room never used. */
static void add_kid(elem *el, kid k)
{
    if (el->kids.n == el->kids.cap) {
        el->kids.cap = el->kids.cap ? 2 * el->kids.cap : 1;
        el->kids.v = xrealloc(el->kids.v, sizeof(kid) * (size_t)el->kids.cap);
    }
    el->kids.v[el->kids.n++] = k;
}

static int new_elem(pdftag *t, const char *type, int parent)
{
    elem *e = arena_alloc(t->a, sizeof *e);
    memset(e, 0, sizeof *e);
    e->dict = HPDF_Dict_New(t->doc->mmgr);
    HPDF_Xref_Add(t->doc->xref, e->dict);
    e->dict->write_fn = write_elem;
    e->dict->attr = e;
    e->type = type;
    e->parent = parent >= 0 ? t->elems.v[parent]->dict : t->root;
    *VEC_PUSH(t->elems) = e;
    int index = t->elems.n - 1;
    if (parent >= 0)
        add_kid(t->elems.v[parent], (kid){KID_ELEM, -1, e->dict});
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
    t->page = page;
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
        if (tl->article == article_index && tl->role == ROLE_CAPTION)
            sb_printf(&alt, "%s", tl->text);
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
    elem *el = t->elems.v[e];
    if (!el->page)
        el->page = t->page;
    /* On the element's own page the bare MCID says it all. */
    add_kid(el, (kid){el->page == t->page ? KID_MCID : KID_MCR, mcid, t->page});
    return (tag_mark){el->type, mcid, e};
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
        t->elems.v[e]->alt = photo_alt(t, op->article);
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
    for (int i = 0; i < t->elems.n; i++)
        VEC_FREE(t->elems.v[i]->kids);
    VEC_FREE(t->elems);
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
