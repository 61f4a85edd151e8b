/* pdftag.c — the PDF's logical structure. */
#include "pdftag.h"

#include "compose.h"
#include "pdfmeta.h"
#include "strbuf.h"

#include <hpdf_doc.h>
#include <stdlib.h>
#include <string.h>

typedef struct elem {
    HPDF_Dict dict;
    HPDF_Array kids;
    HPDF_Page page; /* its /Pg: the page of its first content, NULL before */
} elem;

typedef struct table_row {
    int table, row, elem;
} table_row;

struct pdftag {
    HPDF_Doc doc;
    const layout *l;
    VEC(elem) elems;
    int document;          /* elems index of the Document */
    int *article_elem;     /* article index → Art, -1 until seen */
    int *article_page;     /* the page on which the article's Art was made */
    int article_count;
    int *para_elem;        /* paragraph id → its element, -1 until seen */
    const char **para_first; /* paragraph id → the text of its first line */
    int *table_elem;       /* table id → Table */
    int para_count;        /* ids run below this (tables' ids too) */
    VEC(table_row) rows;   /* (table, row) → TR */
    HPDF_Dict root;        /* the StructTreeRoot */
    HPDF_Array nums;       /* the parent tree: page index, then its MCIDs' elements */
    int page_index;
    /* per page */
    const page_out *po;
    HPDF_Page page;
    HPDF_Array parents;    /* element of each MCID of the page */
    int mcid;
    int line;              /* where the search for an op's line goes on */
    int last_seq;
    int repeat_para;       /* the paragraph whose repetition the open artifact shows, -1 */
    double *head_size;     /* per article: the largest size in its headline frame on the page */
};

static int new_elem(pdftag *t, const char *type, int parent)
{
    HPDF_MMgr mm = t->doc->mmgr;
    elem *e = VEC_PUSH(t->elems);
    e->dict = HPDF_Dict_New(mm);
    HPDF_Xref_Add(t->doc->xref, e->dict);
    e->kids = HPDF_Array_New(mm);
    /* /Type /StructElem is optional: a thousand elements an edition. */
    HPDF_Dict_AddName(e->dict, "S", type);
    HPDF_Dict_Add(e->dict, "K", e->kids);
    int index = t->elems.n - 1;
    if (parent >= 0) {
        HPDF_Dict_Add(t->elems.v[index].dict, "P", t->elems.v[parent].dict);
        HPDF_Array_Add(t->elems.v[parent].kids, t->elems.v[index].dict);
    }
    return index;
}

pdftag *pdftag_new(HPDF_Doc doc, const edition_out *eo, const layout *l)
{
    pdftag *t = xcalloc(1, sizeof *t);
    t->doc = doc;
    t->l = l;
    for (int p = 0; p < eo->page_count; p++) {
        const draw_list *dl = &eo->pages[p].list;
        for (int i = 0; i < dl->lines.n; i++) {
            t->para_count = MAX(t->para_count, dl->lines.v[i].para + 2);
            t->para_count = MAX(t->para_count, dl->lines.v[i].table + 1);
            t->article_count = MAX(t->article_count, dl->lines.v[i].article + 1);
        }
        for (int i = 0; i < dl->ops.n; i++)
            t->article_count = MAX(t->article_count, dl->ops.v[i].article + 1);
    }
    t->article_elem = xmalloc(sizeof(int) * (size_t)(t->article_count + 1));
    t->article_page = xmalloc(sizeof(int) * (size_t)(t->article_count + 1));
    t->para_first = xcalloc((size_t)t->para_count + 1, sizeof(const char *));
    t->head_size = xmalloc(sizeof(double) * (size_t)(t->article_count + 1));
    t->para_elem = xmalloc(sizeof(int) * (size_t)(t->para_count + 1));
    t->table_elem = xmalloc(sizeof(int) * (size_t)(t->para_count + 1));
    for (int i = 0; i <= t->article_count; i++)
        t->article_elem[i] = -1;
    for (int i = 0; i <= t->para_count; i++)
        t->para_elem[i] = t->table_elem[i] = -1;
    /* Everything hangs on objects the document owns from the start, so
     * that a run that fails before the end frees it all with the doc. */
    t->root = HPDF_Dict_New(doc->mmgr);
    HPDF_Xref_Add(doc->xref, t->root);
    HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
    t->document = new_elem(t, "Document", -1);
    HPDF_Dict_Add(t->elems.v[t->document].dict, "P", t->root);
    HPDF_Dict_Add(t->root, "K", t->elems.v[t->document].dict);
    HPDF_Dict tree = HPDF_Dict_New(doc->mmgr);
    t->nums = HPDF_Array_New(doc->mmgr);
    HPDF_Dict_Add(tree, "Nums", t->nums);
    HPDF_Dict_Add(t->root, "ParentTree", tree);
    return t;
}

void pdftag_begin_page(pdftag *t, HPDF_Page page, const page_out *po)
{
    t->po = po;
    t->page = page;
    t->parents = HPDF_Array_New(t->doc->mmgr);
    HPDF_Array_AddNumber(t->nums, t->page_index);
    HPDF_Array_Add(t->nums, t->parents);
    t->mcid = 0;
    t->line = 0;
    t->last_seq = -100;
    t->repeat_para = -1;
    HPDF_Dict_AddNumber(page, "StructParents", t->page_index);
    for (int a = 0; a < t->article_count; a++)
        t->head_size[a] = 0;
    for (int i = 0; i < po->list.lines.n; i++) {
        const text_line *tl = &po->list.lines.v[i];
        if (tl->article >= 0 && strcmp(tl->frame, "headline") == 0)
            t->head_size[tl->article] =
                MAX(t->head_size[tl->article], pt_from_scaled(t->l->styles[tl->style].size));
    }
}

void pdftag_end_page(pdftag *t)
{
    t->page_index++;
}

/* The placed line an op of glyphs shows: ops and lines keep the same order
 * in a list, and a line's runs share its text. */
static const text_line *line_of(pdftag *t, const draw_op *op)
{
    const draw_list *dl = &t->po->list;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = pass ? 0 : t->line; i < dl->lines.n; i++)
            if (dl->lines.v[i].text == op->text) {
                t->line = i;
                return &dl->lines.v[i];
            }
    }
    return NULL;
}

static int article_elem(pdftag *t, int index)
{
    if (t->article_elem[index] < 0) {
        t->article_elem[index] = new_elem(t, "Art", t->document);
        t->article_page[index] = t->page_index;
    }
    return t->article_elem[index];
}

/* A table cell's element, under its row, under its table. */
static int cell_elem(pdftag *t, const text_line *tl, int art)
{
    if (t->table_elem[tl->table] < 0)
        t->table_elem[tl->table] = new_elem(t, "Table", art);
    int tab = t->table_elem[tl->table];
    if (tl->row < 0) {
        /* The title comes before any row: the table's caption; the note
         * after them: a paragraph of the article. */
        bool has_rows = false;
        for (int i = 0; i < t->rows.n && !has_rows; i++)
            has_rows = t->rows.v[i].table == tl->table;
        return new_elem(t, has_rows ? "P" : "Caption", has_rows ? art : tab);
    }
    int tr = -1;
    for (int i = 0; i < t->rows.n && tr < 0; i++)
        if (t->rows.v[i].table == tl->table && t->rows.v[i].row == tl->row)
            tr = t->rows.v[i].elem;
    if (tr < 0) {
        tr = new_elem(t, "TR", tab);
        *VEC_PUSH(t->rows) = (table_row){tl->table, tl->row, tr};
    }
    return new_elem(t, tl->header ? "TH" : "TD", tr);
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
    int art = article_elem(t, tl->article);
    int e;
    if (tl->table > 0) {
        e = cell_elem(t, tl, art);
    } else if (strcmp(tl->frame, "headline") == 0) {
        bool main = pt_from_scaled(t->l->styles[tl->style].size) >= t->head_size[tl->article];
        e = new_elem(t, main ? "H1" : "P", art);
    } else if (strcmp(tl->frame, "head") == 0) {
        e = new_elem(t, head_type(t, tl), art);
    } else if (strcmp(tl->frame, "caption") == 0) {
        e = new_elem(t, "Caption", art);
    } else if (strcmp(tl->frame, "box") == 0) {
        e = new_elem(t, "BlockQuote", art);
    } else {
        e = new_elem(t, "P", art);
    }
    t->para_elem[tl->para] = e;
    return e;
}

/* A photo's alternate text: its article's captions on the page. */
static void photo_alt(pdftag *t, int e, int article_index)
{
    strbuf alt = {0};
    for (int i = 0; i < t->po->list.lines.n; i++) {
        const text_line *tl = &t->po->list.lines.v[i];
        if (tl->article == article_index && strcmp(tl->frame, "caption") == 0)
            sb_printf(&alt, "%s", tl->text);
    }
    char *text = sb_take(&alt);
    if (text && *text)
        HPDF_Dict_Add(t->elems.v[e].dict, "Alt", pdfmeta_text(t->doc, text));
    free(text);
}

/* A new marked-content sequence of element e on this page. */
static tag_mark content_of(pdftag *t, int e, int seq)
{
    int mcid = t->mcid++;
    elem *el = &t->elems.v[e];
    HPDF_Array_Add(t->parents, el->dict);
    if (!el->page) {
        el->page = t->page;
        HPDF_Dict_Add(el->dict, "Pg", t->page);
    }
    if (el->page == t->page) {
        /* On the element's own page the bare MCID says it all. */
        HPDF_Array_AddNumber(el->kids, mcid);
    } else {
        HPDF_Dict mcr = HPDF_Dict_New(t->doc->mmgr);
        HPDF_Dict_AddName(mcr, "Type", "MCR");
        HPDF_Dict_Add(mcr, "Pg", t->page);
        HPDF_Dict_AddNumber(mcr, "MCID", mcid);
        HPDF_Array_Add(el->kids, mcr);
    }
    HPDF_Name s = HPDF_Dict_GetItem(el->dict, "S", HPDF_OCLASS_NAME);
    return (tag_mark){s ? s->value : "Span", mcid, seq};
}

/* Text the page shows again rather than goes on with: a table's header
 * row repeated over each part of a broken table (the same lines drawn
 * again), or the headline repeated over the part of an article carried
 * over to a later page.  Such repeats are artifacts (pagination). */
static bool is_repeat(const pdftag *t, const text_line *tl)
{
    if (t->para_elem[tl->para] >= 0 && t->para_first[tl->para] == tl->text)
        return true;
    return t->para_elem[tl->para] < 0 && strcmp(tl->frame, "headline") == 0 &&
           t->article_elem[tl->article] >= 0 && t->article_page[tl->article] < t->page_index;
}

tag_mark pdftag_mark(pdftag *t, const draw_op *op)
{
    enum { SEQ_ARTIFACT = -2, SEQ_NONE = -3 };
    tag_mark none = {NULL, -1, SEQ_NONE};
    tag_mark artifact = {"Artifact", -1, SEQ_ARTIFACT};
    tag_mark m = artifact;
    int repeat = -1;
    if (op->layer != 0) {
        m = none;
    } else if (op->kind == DRAW_IMAGE && op->article >= 0) {
        int e = new_elem(t, "Figure", article_elem(t, op->article));
        photo_alt(t, e, op->article);
        m = content_of(t, e, e);
    } else if (op->kind == DRAW_GLYPHS) {
        const text_line *tl = line_of(t, op);
        bool content = tl && tl->para >= 0 && strcmp(tl->frame, "jump") != 0 &&
                       (tl->article >= 0 || strcmp(tl->frame, "contents") == 0);
        int e = content ? t->para_elem[tl->para] : -1;
        if (content && e >= 0 && t->last_seq == e) {
            /* One sequence while the paragraph's runs follow each other. */
            return (tag_mark){NULL, -1, e};
        } else if (content && (is_repeat(t, tl) || (t->last_seq == SEQ_ARTIFACT &&
                                                    t->repeat_para == tl->para))) {
            repeat = tl->para;
        } else if (content) {
            e = para_elem(t, tl);
            if (!t->para_first[tl->para])
                t->para_first[tl->para] = tl->text;
            m = content_of(t, e, e);
        }
    }
    t->last_seq = m.seq;
    t->repeat_para = repeat;
    return m;
}

void pdftag_finish(pdftag *t)
{
    HPDF_MMgr mm = t->doc->mmgr;
    HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", t->page_index);
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
    free(t->article_elem);
    free(t->article_page);
    free(t->para_first);
    free(t->head_size);
    free(t->para_elem);
    free(t->table_elem);
    VEC_FREE(t->elems);
    VEC_FREE(t->rows);
    free(t);
}
