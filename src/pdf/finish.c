/* finish.c — the last work on the document before it is saved: font
 * subsets and stream deflating spread over the processors, the fonts'
 * objects, and the preflight of the fonts (writer.h). */
#include "pdf/pdfstream.h"
#include "pdf/writer.h"

#include <hpdf_doc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Entry i of the document's cross-reference table if it is a dictionary;
 * NULL otherwise. */
static HPDF_Dict xref_dict(HPDF_Doc doc, HPDF_UINT i)
{
    HPDF_XrefEntry en = HPDF_Xref_GetEntry(doc->xref, i);
    HPDF_Obj_Header *h = en ? en->obj : NULL;
    if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
        return NULL;
    return en->obj;
}

/* The last work on the document, spread over the processors: each font
 * subset (pdffont_subset), and every stream libharu would deflate as it
 * writes the file — page contents, the output profile, converted PNG
 * photos — deflated instead, at its level.  Neither touches libharu; the
 * results go into the document afterwards, on this thread. */
typedef struct stream_pack {
    HPDF_Dict dict;
    unsigned char *raw;
    size_t raw_len;
    packed deflated;
} stream_pack;

typedef struct finish_queue {
    pdf_font **fonts;
    int font_count;
    stream_pack *streams;
    int stream_count;
    atomic_int next;
} finish_queue;

static void *finish_worker(void *arg)
{
    finish_queue *q = arg;
    for (int i; (i = atomic_fetch_add(&q->next, 1)) < q->font_count + q->stream_count;) {
        if (i < q->font_count) {
            pdffont_subset(q->fonts[i]);
        } else {
            stream_pack *pp = &q->streams[i - q->font_count];
            pp->deflated = pdfstream_deflate(pp->raw, pp->raw_len);
        }
    }
    return NULL;
}

static int more_glyphs_first(const void *a, const void *b)
{
    unsigned x = pdffont_glyph_count(*(pdf_font *const *)a),
             y = pdffont_glyph_count(*(pdf_font *const *)b);
    return x > y ? -1 : x < y;
}

enum { MAX_FINISH_THREADS = 4 };

static void finish_in_parallel(writer *w, bool fonts)
{
    HPDF_List entries = w->doc->xref->entries;
    finish_queue q = {.fonts = xcalloc((size_t)w->face_count + 1, sizeof(pdf_font *)),
                      .streams = xcalloc((size_t)entries->count + 1, sizeof(stream_pack))};
    for (int f = 0; f < w->face_count && fonts; f++)
        if (w->font_of_face[f])
            q.fonts[q.font_count++] = w->font_of_face[f];
    /* The largest font first: it takes longest. */
    qsort(q.fonts, (size_t)q.font_count, sizeof(pdf_font *), more_glyphs_first);
    for (HPDF_UINT i = 0; i < entries->count; i++) {
        HPDF_Dict dict = xref_dict(w->doc, i);
        if (!dict)
            continue;
        /* Filtered by FlateDecode alone, without parameters, and not
         * handled already. */
        if (!dict->stream || dict->stream->type != HPDF_STREAM_MEMORY ||
            dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE || dict->filterParams ||
            dict->write_fn)
            continue;
        stream_pack *pp = &q.streams[q.stream_count++];
        pp->dict = dict;
        pp->raw = pdfstream_take(dict, &pp->raw_len);
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int n = (int)MIN(MIN(MAX(cpus, 1), MAX_FINISH_THREADS), q.font_count + q.stream_count);
    pthread_t thread[MAX_FINISH_THREADS];
    bool started[MAX_FINISH_THREADS] = {false};
    for (int i = 1; i < n; i++)
        started[i] = pthread_create(&thread[i], NULL, finish_worker, &q) == 0;
    finish_worker(&q);
    for (int i = 1; i < n; i++)
        if (started[i])
            pthread_join(thread[i], NULL);
    for (int p = 0; p < q.stream_count; p++) {
        stream_pack *pp = &q.streams[p];
        /* Where zlib failed, libharu deflates it as before. */
        if (pp->deflated.data)
            pdfstream_put(pp->dict, &pp->deflated);
        free(pp->deflated.data);
        free(pp->raw);
    }
    free(q.streams);
    free(q.fonts);
}

bool finish_fonts(writer *w)
{
    finish_in_parallel(w, true);
    bool ok = true;
    for (int f = 0; f < w->face_count && ok; f++) {
        if (w->font_of_face[f]) {
            ok &= pdffont_finish(w->font_of_face[f], w->d);
            w->stats->fonts++;
        }
    }
    return ok;
}

void finish_streams(writer *w) { finish_in_parallel(w, false); }

bool check_fonts_embedded(writer *w, const char *path)
{
    bool ok = true;
    for (HPDF_UINT i = 0; i < w->doc->xref->entries->count; i++) {
        HPDF_Dict dict = xref_dict(w->doc, i);
        HPDF_Name type = dict ? HPDF_Dict_GetItem(dict, "Type", HPDF_OCLASS_NAME) : NULL;
        if (!type)
            continue;
        /* (FontFile: a Type 1 program, as a logotype's PDF may bring.) */
        if (strcmp(type->value, "FontDescriptor") == 0 &&
            !HPDF_Dict_GetItem(dict, "FontFile", HPDF_OCLASS_DICT) &&
            !HPDF_Dict_GetItem(dict, "FontFile2", HPDF_OCLASS_DICT) &&
            !HPDF_Dict_GetItem(dict, "FontFile3", HPDF_OCLASS_DICT)) {
            HPDF_Name name = HPDF_Dict_GetItem(dict, "FontName", HPDF_OCLASS_NAME);
            ok = diag_env_error(w->d, (src_loc){path, 0, 0},
                                "preflight: the font %s is not embedded", name ? name->value : "?");
        }
        if (strcmp(type->value, "Font") == 0) {
            HPDF_Name sub = HPDF_Dict_GetItem(dict, "Subtype", HPDF_OCLASS_NAME);
            if (sub && strcmp(sub->value, "Type0") != 0 &&
                strcmp(sub->value, "CIDFontType0") != 0 && strcmp(sub->value, "CIDFontType2") != 0)
                ok = diag_env_error(w->d, (src_loc){path, 0, 0},
                                    "preflight: a %s font that paiban does not embed crept in",
                                    sub->value);
        }
    }
    return ok;
}
