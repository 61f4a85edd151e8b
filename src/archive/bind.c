/* bind.c — the volume: pages copied from each file, then the page tree,
 * outline, page labels, metadata, cross-reference table and trailer
 * (PDF 32000-1:2008, 7.5 file structure, 7.7.3 page tree, 12.3.3 outline,
 * 12.4.2 page labels). */
#include "archive/bind.h"

#include "archive/pdfread.h"
#include "base/digest.h"
#include "base/files.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "pdf/pdfstream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The volume being written: numbers are handed out as objects are met,
 * offsets recorded as they are written. */
typedef struct volume {
    FILE *out;
    int fd;                     /* the temporary file's, closed by files_temp_close */
    char *tmp;                  /* the temporary file's name */
    char *path;
    diag *d;
    long offset;                /* bytes written so far */
    digest id;                  /* of every byte before the trailer: SHA-256 over the
                                 * quick digests of its ID_WINDOW-byte windows */
    unsigned char *window;      /* the window being filled */
    size_t in_window;
    VEC(long) offsets;          /* offsets.v[n]: where object n begins (0: none yet); in an
                                 * object stream, -1 - (stream * STREAM_MAX + index) */
    int pages_root;             /* the page tree's number */
    VEC(int) pages;             /* the volume's page objects, in order; the front
                                 * matter's are put before the editions' at the end */
    VEC(int) front_pages;       /* the front matter's page objects */
    strbuf intents;             /* the first file's /OutputIntents, renumbered */
    /* The files' logical structures, joined: each file's Document becomes
     * a Part of the volume's Document, their parent trees one, keys
     * shifted. */
    int struct_root, document;
    VEC(int) documents;         /* each file's Part, the front matter's first */
    strbuf nums;                /* "key n 0 R" for each page's array of elements */
    int next_key;
    /* The structure's small objects go into object streams (a year has
     * hundreds of thousands): the one being filled. */
    int stream_obj;             /* its number, 0 when none is open */
    int stream_n;
    strbuf stream_head, stream_body;
    const bind_spec *spec;
    VEC(int) link_objs;         /* the number of each link's annotation, given on its page */
    bool failed;                /* a write failed */
    bool reported;              /* and it was said */
} volume;

/* One input file while its pages are copied. */
typedef struct copy_job {
    volume *v;
    pdf_file *f;
    int *renumber;              /* renumber[n]: n's number in the volume, -1 not copied */
    bool *is_page;              /* a page object of the file */
    bool front;                 /* the front matter: its pages come first */
    int key_base;               /* added to the file's /StructParents keys */
    int document;               /* the file's Document element, which becomes a Part */
    bool *in_structure;         /* met only through the structure tree: an object stream's */
    bool structure;             /* copying the structure tree now */
    VEC(int) queue;             /* objects to copy */
} copy_job;

/* The volume of a year is hundreds of megabytes: SHA-256 over each byte
 * took seconds of it, the quick digest a window takes some fifteenth. */
enum { ID_WINDOW = 1 << 16 };

static void id_window_done(volume *v)
{
    unsigned char quick[16];
    digest_quick(v->window, v->in_window, quick);
    digest_add(&v->id, quick, sizeof quick);
    v->in_window = 0;
}

static void put(volume *v, const void *data, size_t len)
{
    if (len && fwrite(data, 1, len, v->out) != len)
        v->failed = true;
    v->offset += (long)len;
    const unsigned char *p = data;
    while (len > 0) {
        size_t n = MIN(len, ID_WINDOW - v->in_window);
        memcpy(v->window + v->in_window, p, n);
        v->in_window += n;
        p += n;
        len -= n;
        if (v->in_window == ID_WINDOW)
            id_window_done(v);
    }
}

static void put_text(volume *v, const char *s) { put(v, s, strlen(s)); }

enum { STREAM_MAX = 1 << 16, STREAM_OBJECTS = 200 };

static int new_object(volume *v)
{
    *VEC_PUSH(v->offsets) = 0;
    return v->offsets.n - 1;
}

static void begin_object(volume *v, int n)
{
    char head[32];
    v->offsets.v[n] = v->offset;
    snprintf(head, sizeof head, "%d 0 obj\n", n);
    put_text(v, head);
}

static void object_text(volume *v, int n, const strbuf *text)
{
    begin_object(v, n);
    put(v, text->v, (size_t)text->n);
    put_text(v, "\nendobj\n");
}

static void flush_object_stream(volume *v)
{
    if (!v->stream_obj)
        return;
    int first = v->stream_head.n;
    sb_put(&v->stream_head, v->stream_body.v, (size_t)v->stream_body.n);
    packed p = pdfstream_deflate_fast(v->stream_head.v, (size_t)v->stream_head.n);
    if (!p.data) {
        v->failed = true;
    } else {
        char head[128];
        begin_object(v, v->stream_obj);
        snprintf(head, sizeof head,
                 "<<\n/Type /ObjStm\n/N %d\n/First %d\n/Filter /FlateDecode\n/Length %zu\n>>\nstream\n",
                 v->stream_n, first, p.len);
        put_text(v, head);
        put(v, p.data, p.len);
        put_text(v, "\nendstream\nendobj\n");
        free(p.data);
    }
    v->stream_obj = v->stream_n = 0;
    v->stream_head.n = v->stream_body.n = 0;
}

/* Object n's text into the open object stream (one is opened as needed). */
static void stream_object(volume *v, int n, const strbuf *text)
{
    if (!v->stream_obj) {
        *VEC_PUSH(v->offsets) = 0;
        v->stream_obj = v->offsets.n - 1;
    }
    sb_int(&v->stream_head, n);
    sb_put(&v->stream_head, " ", 1);
    sb_int(&v->stream_head, v->stream_body.n);
    sb_put(&v->stream_head, " ", 1);
    sb_put(&v->stream_body, text->v, (size_t)text->n);
    sb_put(&v->stream_body, "\n", 1);
    v->offsets.v[n] = -1 - ((long)v->stream_obj * STREAM_MAX + v->stream_n);
    if (++v->stream_n == STREAM_OBJECTS)
        flush_object_stream(v);
}

static int map_ref(void *ctx, int n)
{
    copy_job *j = ctx;
    if (n <= 0 || n >= j->f->count || !j->f->offsets[n])
        return 0;
    if (j->renumber[n] < 0) {
        j->renumber[n] = new_object(j->v);
        j->in_structure[n] = j->structure;
        *VEC_PUSH(j->queue) = n;
    }
    return j->renumber[n];
}

/* Collect the pages under page-tree node n, in order; the nodes
 * themselves are renumbered to the volume's page tree. */
static bool collect_pages(copy_job *j, int n, int depth)
{
    pdf_object o;
    pdf_span type, kids;
    if (depth > 32 || !pdf_file_object(j->f, n, &o, j->v->d) ||
        !pdf_dict_lookup(j->f, o.value, "Type", &type))
        return false;
    if (pdf_span_is_name(j->f, type, "Page")) {
        map_ref(j, n);
        j->is_page[n] = true;
        if (j->front)
            *VEC_PUSH(j->v->front_pages) = j->renumber[n];
        else
            *VEC_PUSH(j->v->pages) = j->renumber[n];
        return true;
    }
    if (!pdf_span_is_name(j->f, type, "Pages") || !pdf_dict_lookup(j->f, o.value, "Kids", &kids))
        return false;
    j->renumber[n] = j->v->pages_root;
    pdf_span_vec items = {0};
    bool ok = pdf_array_items(j->f, kids, &items);
    for (int i = 0; ok && i < items.n; i++) {
        int kid = pdf_span_ref(j->f, items.v[i]);
        ok = kid > 0 && kid < j->f->count && collect_pages(j, kid, depth + 1);
    }
    VEC_FREE(items);
    return ok;
}

/* A page's /StructParents key, shifted past the keys of the files before,
 * in the page's copied text. */
static void shift_struct_parents(const copy_job *j, strbuf *text)
{
    static const char key[] = "/StructParents ";
    VEC_GROW(*text, text->n + 1);
    text->v[text->n] = 0;
    char *at = strstr(text->v, key);
    if (!at)
        return;
    char *old = at + strlen(key), *end = old;
    long k = strtol(old, &end, 10);
    char *rest = xstrdup(end);
    text->n = (int)(old - text->v);
    sb_printf(text, "%ld%s", k + j->key_base, rest);
    free(rest);
}

/* The file's Document element as a Part of the volume's: its type is the
 * only thing that changes (pdftag.c writes "/S/Document"). */
static void part_of_volume(strbuf *text)
{
    VEC_GROW(*text, text->n + 1);
    text->v[text->n] = 0;
    char *at = strstr(text->v, "/S/Document");
    if (at)
        memcpy(at, "/S/Part    ", 11); /* spaces keep the length */
}

/* The file's logical structure, if it has one: its Document element comes
 * under the volume's root (the file's root is mapped onto it), each page's
 * array of elements goes out as an object of its own, keyed anew. */
static bool copy_structure(copy_job *j, pdf_span catalog)
{
    pdf_span root_ref, doc, tree, nums;
    int root = pdf_dict_lookup(j->f, catalog, "StructTreeRoot", &root_ref)
                   ? pdf_span_ref(j->f, root_ref)
                   : 0;
    if (root <= 0 || root >= j->f->count)
        return true;
    pdf_object ro;
    if (!pdf_file_object(j->f, root, &ro, j->v->d) || !pdf_dict_lookup(j->f, ro.value, "K", &doc) ||
        !pdf_dict_lookup(j->f, ro.value, "ParentTree", &tree))
        return false;
    int tree_n = pdf_span_ref(j->f, tree);
    pdf_object to;
    if (tree_n > 0) {
        if (!pdf_file_object(j->f, tree_n, &to, j->v->d))
            return false;
        tree = to.value;
    }
    if (!pdf_dict_lookup(j->f, tree, "Nums", &nums))
        return false;
    if (!j->v->struct_root) {
        j->v->struct_root = new_object(j->v);
        j->v->document = new_object(j->v);
    }
    j->renumber[root] = j->v->document;
    j->document = pdf_span_ref(j->f, doc);
    j->structure = true;
    int d = map_ref(j, j->document);
    if (d <= 0)
        return false;
    if (j->front) {
        /* The front matter is copied last but read first. */
        VEC_PUSH(j->v->documents);
        memmove(j->v->documents.v + 1, j->v->documents.v,
                sizeof(int) * (size_t)(j->v->documents.n - 1));
        j->v->documents.v[0] = d;
    } else {
        *VEC_PUSH(j->v->documents) = d;
    }
    pdf_span_vec items = {0};
    bool ok = pdf_array_items(j->f, nums, &items) && items.n % 2 == 0;
    long last = -1;
    strbuf text = {0};
    for (int i = 0; ok && i < items.n; i += 2) {
        long key;
        text.n = 0;
        ok = pdf_span_int(j->f, items.v[i], &key) && key >= 0 &&
             pdf_copy_value(j->f, items.v[i + 1], map_ref, j, &text);
        if (!ok)
            break;
        int n = new_object(j->v);
        stream_object(j->v, n, &text);
        sb_put(&j->v->nums, "\n", 1);
        sb_int(&j->v->nums, key + j->key_base);
        sb_put(&j->v->nums, " ", 1);
        sb_int(&j->v->nums, n);
        sb_put(&j->v->nums, " 0 R", 4);
        last = MAX(last, key);
    }
    j->structure = false;
    VEC_FREE(text);
    VEC_FREE(items);
    j->v->next_key = j->key_base + (int)last + 1;
    return ok;
}

/* The links on volume page `index` (a page of the front matter, which
 * comes first), as the page's /Annots: their numbers are given here, their
 * objects written once every page has its number. */
static void add_annots(volume *v, int index, strbuf *text)
{
    const bind_spec *s = v->spec;
    int first = -1;
    for (int i = 0; i < s->link_count; i++)
        if (s->links[i].page == index) {
            if (first < 0) {
                VEC_GROW(*text, text->n + 1);
                text->v[text->n] = 0;
                char *end = strrchr(text->v, '>');
                if (!end || end == text->v || end[-1] != '>')
                    return;
                text->n = (int)(end - 1 - text->v);
                sb_printf(text, "/Annots [");
                first = i;
            }
            v->link_objs.v[i] = new_object(v);
            sb_printf(text, " %d 0 R", v->link_objs.v[i]);
        }
    if (first >= 0)
        sb_printf(text, " ]\n>>");
}

static void write_links(volume *v)
{
    strbuf t = {0};
    for (int i = 0; i < v->spec->link_count; i++) {
        const bind_link *l = &v->spec->links[i];
        if (!v->link_objs.v[i] || l->target < 0 || l->target >= v->pages.n)
            continue;
        t.n = 0;
        sb_printf(&t, "<<\n/Type /Annot\n/Subtype /Link\n/Rect [ %.2f %.2f %.2f %.2f ]\n/F 4\n"
                      "/Border [ 0 0 0 ]\n/Dest [ %d 0 R /XYZ null null null ]\n>>",
                  l->x0, l->y0, l->x1, l->y1, v->pages.v[l->target]);
        object_text(v, v->link_objs.v[i], &t);
    }
    VEC_FREE(t);
}

/* Copy one object of the input, its references renumbered. */
static bool copy_object(copy_job *j, int n, strbuf *text)
{
    pdf_object o;
    if (!pdf_file_object(j->f, n, &o, j->v->d))
        return false;
    text->n = 0;
    j->structure = j->in_structure[n];
    bool copied = pdf_copy_value(j->f, o.value, map_ref, j, text);
    j->structure = false;
    if (!copied)
        return diag_error(j->v->d, (src_loc){j->f->path, 0, 0},
                          "object %d refers to a missing object; typeset the edition again", n);
    int out = j->renumber[n];
    if (j->is_page[n]) {
        shift_struct_parents(j, text);
        for (int i = 0; j->front && i < j->v->front_pages.n; i++)
            if (j->v->front_pages.v[i] == out)
                add_annots(j->v, i, text);
    }
    if (n == j->document)
        part_of_volume(text);
    if (!o.is_stream) {
        if (j->in_structure[n])
            stream_object(j->v, out, text);
        else
            object_text(j->v, out, text);
        return true;
    }
    begin_object(j->v, out);
    put(j->v, text->v, (size_t)text->n);
    put_text(j->v, "\nstream\n");
    put(j->v, j->f->data + o.data.start, o.data.end - o.data.start);
    put_text(j->v, "\nendstream\nendobj\n");
    return true;
}

/* Every page of one file, and all they reach. */
static bool copy_file(volume *v, const char *path, bool front)
{
    pdf_file f;
    if (!pdf_file_open(&f, path, v->d))
        return false;
    copy_job j = {.v = v, .f = &f, .key_base = v->next_key, .front = front};
    j.renumber = xmalloc(sizeof(int) * (size_t)f.count);
    j.is_page = xcalloc((size_t)f.count + 1, sizeof(bool));
    j.in_structure = xcalloc((size_t)f.count + 1, sizeof(bool));
    for (int i = 0; i < f.count; i++)
        j.renumber[i] = -1;
    pdf_object cat;
    pdf_span pages, intents;
    bool ok = pdf_file_object(&f, f.root, &cat, v->d) &&
              pdf_dict_lookup(&f, cat.value, "Pages", &pages) && pdf_span_ref(&f, pages) > 0 &&
              pdf_span_ref(&f, pages) < f.count && collect_pages(&j, pdf_span_ref(&f, pages), 0);
    if (!ok && diag_error_count(v->d) + diag_env_error_count(v->d) == 0)
        diag_error(v->d, (src_loc){path, 0, 0}, "its page tree cannot be read; typeset it again");
    if (ok && v->intents.n == 0 && pdf_dict_lookup(&f, cat.value, "OutputIntents", &intents))
        ok = pdf_copy_value(&f, intents, map_ref, &j, &v->intents);
    if (ok && !copy_structure(&j, cat.value))
        ok = diag_error(v->d, (src_loc){path, 0, 0},
                        "its structure tree cannot be read; typeset it again");
    strbuf text = {0};
    for (int q = 0; ok && q < j.queue.n; q++)
        ok = copy_object(&j, j.queue.v[q], &text);
    VEC_FREE(text);
    VEC_FREE(j.queue);
    free(j.renumber);
    free(j.is_page);
    free(j.in_structure);
    flush_object_stream(v); /* what a file puts in streams is written with it */
    pdf_file_close(&f);
    return ok;
}

static void write_structure(volume *v)
{
    strbuf t = {0};
    sb_printf(&t, "<<\n/S /Document\n/P %d 0 R\n/K [", v->struct_root);
    for (int i = 0; i < v->documents.n; i++)
        sb_printf(&t, " %d 0 R", v->documents.v[i]);
    sb_printf(&t, " ]\n>>");
    object_text(v, v->document, &t);
    t.n = 0;
    sb_printf(&t, "<<\n/Type /StructTreeRoot\n/K %d 0 R\n/ParentTree << /Nums [%.*s ] >>\n"
                  "/ParentTreeNextKey %d\n>>",
              v->document, v->nums.n, v->nums.v ? v->nums.v : "", v->next_key);
    object_text(v, v->struct_root, &t);
    VEC_FREE(t);
}

static void write_page_tree(volume *v)
{
    strbuf t = {0};
    sb_printf(&t, "<<\n/Type /Pages\n/Count %d\n/Kids [", v->pages.n);
    for (int i = 0; i < v->pages.n; i++)
        sb_printf(&t, "%s%d 0 R", i % 10 ? " " : "\n", v->pages.v[i]);
    sb_printf(&t, " ]\n>>");
    object_text(v, v->pages_root, &t);
    VEC_FREE(t);
}

/* Visible descendants of item i when it and its open ancestors show. */
static int visible_count(const bind_spec *s, int i, const int *first_child, const int *next)
{
    int n = 0;
    for (int c = first_child[i]; c >= 0; c = next[c])
        n += 1 + (s->outline[c].open ? visible_count(s, c, first_child, next) : 0);
    return n;
}

/* The outline: item i is object base + i; the root comes first. */
static int write_outline(volume *v, const bind_spec *s)
{
    int n = s->outline_count;
    if (n == 0)
        return 0;
    int root = new_object(v);
    int base = v->offsets.n;
    for (int i = 0; i < n; i++)
        new_object(v);
    /* first_child, last_child, prev, next over the items; index n is the root. */
    int *first = xmalloc(sizeof(int) * (size_t)(n + 1) * 4);
    int *last = first + n + 1, *prev = last + n + 1, *next = prev + n + 1;
    for (int i = 0; i <= n; i++)
        first[i] = last[i] = prev[i] = next[i] = -1;
    for (int i = 0; i < n; i++) {
        int p = s->outline[i].parent >= 0 ? s->outline[i].parent : n;
        if (last[p] >= 0) {
            next[last[p]] = i;
            prev[i] = last[p];
        } else {
            first[p] = i;
        }
        last[p] = i;
    }
    strbuf t = {0};
    int top = 0;
    for (int c = first[n]; c >= 0; c = next[c])
        top += 1 + (s->outline[c].open ? visible_count(s, c, first, next) : 0);
    sb_printf(&t, "<<\n/Type /Outlines\n/First %d 0 R\n/Last %d 0 R\n/Count %d\n>>", base + first[n],
              base + last[n], top);
    object_text(v, root, &t);
    for (int i = 0; i < n; i++) {
        const bind_outline *it = &s->outline[i];
        t.n = 0;
        sb_printf(&t, "<<\n/Title ");
        sb_pdf_text(&t, it->title);
        sb_printf(&t, "\n/Parent %d 0 R\n", it->parent >= 0 ? base + it->parent : root);
        if (prev[i] >= 0)
            sb_printf(&t, "/Prev %d 0 R\n", base + prev[i]);
        if (next[i] >= 0)
            sb_printf(&t, "/Next %d 0 R\n", base + next[i]);
        if (first[i] >= 0) {
            int kids = visible_count(s, i, first, next);
            sb_printf(&t, "/First %d 0 R\n/Last %d 0 R\n/Count %d\n", base + first[i],
                      base + last[i], it->open ? kids : -kids);
        }
        int page = it->page >= 0 && it->page < v->pages.n ? it->page : 0;
        sb_printf(&t, "/Dest [ %d 0 R /XYZ %.2f %.2f null ]\n>>", v->pages.v[page], it->x, it->y);
        object_text(v, base + i, &t);
    }
    VEC_FREE(t);
    free(first);
    return root;
}

/* "12-28 A3" is prefix "12-28 A" and decimal 3 (as pdfmeta.c does for an
 * edition); a range that only continues the one before is left out. */
static void page_labels(strbuf *t, const bind_spec *s)
{
    char prev_prefix[256] = "";
    long prev_number = -2;
    sb_printf(t, "<<\n/Nums [");
    for (int p = 0; p < s->label_count; p++) {
        const char *label = s->labels[p] ? s->labels[p] : "";
        size_t len = strlen(label), digits = 0;
        while (digits < len && digits < 9 && label[len - 1 - digits] >= '0' &&
               label[len - 1 - digits] <= '9')
            digits++;
        char prefix[256];
        snprintf(prefix, sizeof prefix, "%.*s", (int)(len - digits), label);
        long number = digits ? atol(label + len - digits) : -1;
        if (number >= 1 && number == prev_number + 1 && strcmp(prefix, prev_prefix) == 0) {
            prev_number = number;
            continue;
        }
        sb_printf(t, "\n%d << ", p);
        if (*prefix) {
            sb_printf(t, "/P ");
            sb_pdf_text(t, prefix);
            sb_printf(t, " ");
        }
        if (number >= 1)
            sb_printf(t, "/S /D /St %ld ", number);
        sb_printf(t, ">>");
        snprintf(prev_prefix, sizeof prev_prefix, "%s", prefix);
        prev_number = number >= 1 ? number : -2;
    }
    sb_printf(t, " ]\n>>");
}

static int write_info(volume *v, const bind_spec *s)
{
    const xmp_fields *m = &s->meta;
    strbuf t = {0};
    sb_printf(&t, "<<\n/Title ");
    sb_pdf_text(&t, m->title);
    sb_printf(&t, "\n/Author ");
    sb_pdf_text(&t, m->creator);
    sb_printf(&t, "\n/Subject ");
    sb_pdf_text(&t, m->description);
    sb_printf(&t, "\n/Keywords ");
    sb_pdf_text(&t, m->keywords);
    sb_printf(&t, "\n/Creator (paiban)\n/Producer (paiban)\n/CreationDate (%s)\n/ModDate (%s)\n>>",
              s->created_pdf, s->modified_pdf);
    int n = new_object(v);
    object_text(v, n, &t);
    VEC_FREE(t);
    return n;
}

static int write_metadata(volume *v, const bind_spec *s)
{
    strbuf x = {0};
    xmp_packet(&s->meta, &x);
    int n = new_object(v);
    char head[96];
    /* PDF/A wants the packet readable as it is: no filter. */
    snprintf(head, sizeof head, "<<\n/Type /Metadata\n/Subtype /XML\n/Length %d\n>>\nstream\n",
             x.n);
    begin_object(v, n);
    put_text(v, head);
    put(v, x.v, (size_t)x.n);
    put_text(v, "\nendstream\nendobj\n");
    VEC_FREE(x);
    return n;
}

/* The cross-reference stream (objects in object streams need one), which
 * is the trailer too; its /ID is the digest of everything before it. */
static void write_tail(volume *v, int catalog, int info)
{
    flush_object_stream(v);
    int xref = new_object(v);
    long at = v->offset;
    v->offsets.v[xref] = at;
    /* Entries of 1 + 5 + 2 bytes: type, offset or stream, generation or index. */
    size_t size = (size_t)v->offsets.n * 8;
    unsigned char *rows = xmalloc(size);
    for (int i = 0; i < v->offsets.n; i++) {
        unsigned char *r = rows + (size_t)i * 8;
        long o = v->offsets.v[i];
        long f2 = o, f3 = 0;
        r[0] = i == 0 ? 0 : o < 0 ? 2 : 1;
        if (i == 0)
            f2 = 0, f3 = 65535;
        else if (o < 0)
            f2 = (-1 - o) / STREAM_MAX, f3 = (-1 - o) % STREAM_MAX;
        for (int b = 0; b < 5; b++)
            r[1 + b] = (unsigned char)(f2 >> (8 * (4 - b)));
        r[6] = (unsigned char)(f3 >> 8);
        r[7] = (unsigned char)f3;
    }
    packed p = pdfstream_deflate(rows, size);
    free(rows);
    if (!p.data) {
        v->failed = true;
        return;
    }
    unsigned char id[32];
    if (v->in_window > 0)
        id_window_done(v);
    digest_bytes(&v->id, id);
    strbuf t = {0};
    sb_printf(&t, "%d 0 obj\n<<\n/Type /XRef\n/Size %d\n/W [ 1 5 2 ]\n/Root %d 0 R\n/Info %d 0 R\n",
              xref, v->offsets.n, catalog, info);
    sb_printf(&t, "/ID [ <");
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 16; i++)
            sb_printf(&t, "%02X", id[i]);
        sb_printf(&t, k ? "> ]\n" : "> <");
    }
    sb_printf(&t, "/Filter /FlateDecode\n/Length %zu\n>>\nstream\n", p.len);
    if (fwrite(t.v, 1, (size_t)t.n, v->out) != (size_t)t.n || fwrite(p.data, 1, p.len, v->out) != p.len)
        v->failed = true;
    v->offset += t.n + (long)p.len;
    t.n = 0;
    sb_printf(&t, "\nendstream\nendobj\nstartxref\n%ld\n%%%%EOF\n", at);
    if (fwrite(t.v, 1, (size_t)t.n, v->out) != (size_t)t.n)
        v->failed = true;
    v->offset += t.n;
    free(p.data);
    VEC_FREE(t);
}

/* The front matter, then everything that needs every page: the page
 * tree, links, outline, metadata, catalog and trailer. */
static bool write_rest(volume *v, const bind_spec *s)
{
    v->spec = s;
    VEC_GROW(v->link_objs, s->link_count + 1);
    memset(v->link_objs.v, 0, sizeof(int) * (size_t)(s->link_count + 1));
    v->link_objs.n = s->link_count;
    if (s->front && !copy_file(v, s->front, true))
        return false;
    int total = v->front_pages.n + v->pages.n;
    if (total != s->label_count)
        return diag_env_error(v->d, (src_loc){v->path, 0, 0},
                              "the files hold %d pages, the volume expected %d; typeset the "
                              "archive again with --force",
                              total, s->label_count);
    /* The front matter's pages before the editions'. */
    VEC_GROW(v->pages, total);
    memmove(v->pages.v + v->front_pages.n, v->pages.v, sizeof(int) * (size_t)v->pages.n);
    if (v->front_pages.n)
        memcpy(v->pages.v, v->front_pages.v, sizeof(int) * (size_t)v->front_pages.n);
    v->pages.n = total;
    write_page_tree(v);
    write_links(v);
    int outlines = write_outline(v, s);
    int info = write_info(v, s);
    int meta = write_metadata(v, s);
    strbuf t = {0};
    sb_printf(&t, "<<\n/Type /Catalog\n/Pages %d 0 R\n/Metadata %d 0 R\n", v->pages_root, meta);
    if (outlines)
        sb_printf(&t, "/Outlines %d 0 R\n/PageMode /UseOutlines\n", outlines);
    if (v->intents.n)
        sb_printf(&t, "/OutputIntents %.*s\n", v->intents.n, v->intents.v);
    if (v->struct_root) {
        write_structure(v);
        sb_printf(&t, "/StructTreeRoot %d 0 R\n/MarkInfo << /Marked true >>\n/Lang (zh-CN)\n",
                  v->struct_root);
    }
    sb_printf(&t, "/PageLabels ");
    page_labels(&t, s);
    sb_printf(&t, "\n>>");
    int catalog = new_object(v);
    object_text(v, catalog, &t);
    VEC_FREE(t);
    write_tail(v, catalog, info);
    return !v->failed;
}

binder *bind_begin(const char *path, diag *d)
{
    char *tmp;
    int fd = files_temp_open(path, &tmp, d);
    if (fd < 0)
        return NULL;
    /* Buffered writing through a second descriptor; the first one is
     * flushed to disk and closed by files_temp_close. */
    int wfd = dup(fd);
    FILE *out = wfd >= 0 ? fdopen(wfd, "wb") : NULL;
    if (!out) {
        diag_env_error(d, (src_loc){path, 0, 0}, "cannot write: %s", strerror(errno));
        if (wfd >= 0)
            close(wfd);
        files_temp_close(fd, tmp, path, false, d);
        files_temp_place(tmp, path, false, d);
        return NULL;
    }
    setvbuf(out, NULL, _IOFBF, 1 << 20);
    volume *v = xcalloc(1, sizeof *v);
    *v = (volume){.out = out, .fd = fd, .tmp = tmp, .path = xstrdup(path), .d = d,
                  .window = xmalloc(ID_WINDOW)};
    digest_init(&v->id);
    /* The header's second line marks the file as binary (7.5.2). */
    put_text(v, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    new_object(v); /* object 0 is always free */
    v->pages_root = new_object(v);
    return v;
}

/* A write that failed, reported once. */
static bool write_failed(volume *v)
{
    if (!v->failed)
        return false;
    if (!v->reported)
        diag_env_error(v->d, (src_loc){v->path, 0, 0}, "cannot write: %s", strerror(errno));
    v->reported = true;
    return true;
}

bool bind_edition(binder *v, const char *file)
{
    return !write_failed(v) && copy_file(v, file, false) && !write_failed(v);
}

/* Closes the volume's file and places it when ok, else removes it. */
static bool bind_close(volume *v, bool ok)
{
    src_loc where = {v->path, 0, 0};
    if (ok && write_failed(v))
        ok = false;
    if (fclose(v->out) != 0)
        ok = ok && diag_env_error(v->d, where, "cannot write: %s", strerror(errno));
    ok = files_temp_close(v->fd, v->tmp, v->path, ok, v->d);
    ok = files_temp_place(v->tmp, v->path, ok, v->d);
    VEC_FREE(v->offsets);
    VEC_FREE(v->pages);
    VEC_FREE(v->front_pages);
    VEC_FREE(v->link_objs);
    VEC_FREE(v->intents);
    VEC_FREE(v->documents);
    VEC_FREE(v->nums);
    VEC_FREE(v->stream_head);
    VEC_FREE(v->stream_body);
    free(v->window);
    free(v->path);
    free(v);
    return ok;
}

bool bind_end(binder *v, const bind_spec *spec, bind_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    bool ok = !write_failed(v) && write_rest(v, spec);
    stats->pages = v->pages.n;
    stats->bytes = v->offset;
    return bind_close(v, ok);
}

void bind_abandon(binder *v)
{
    if (v)
        bind_close(v, false);
}

bool bind_volume(const char *const *editions, int count, const bind_spec *spec, const char *path,
                 bind_stats *stats, diag *d)
{
    memset(stats, 0, sizeof *stats);
    binder *b = bind_begin(path, d);
    if (!b)
        return false;
    for (int i = 0; i < count; i++)
        if (!bind_edition(b, editions[i])) {
            bind_abandon(b);
            return false;
        }
    return bind_end(b, spec, stats);
}
