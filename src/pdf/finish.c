/* finish.c — the last work on the document before it is saved: font
 * subsets and stream deflating spread over the processors, the fonts'
 * objects, and the preflight of the fonts (writer.h). */
#include "pdf/pdfstream.h"
#include "pdf/writer.h"

#include <errno.h>
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
        /* Where deflating failed, libharu deflates it as before. */
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

/* Page contents deflated on a thread while the next pages are drawn: a
 * page is handed over as soon as it is done, and what has come back goes
 * into the document when the writer next looks (pdfstream_put touches
 * libharu, so only on the document's thread).  Deflated, a page's
 * contents go to a file of their own (unlinked: it dies with the run),
 * which libharu reads back as it writes the PDF, so that a document of a
 * thousand pages does not hold its contents, some 15 MB, in memory; where
 * no such file can be made they stay in memory. */
typedef struct spilled {
    reader_at at;          /* first: the stream's attr */
    int fd;
    off_t from;            /* where the data begins in the file */
} spilled;

static bool spilled_read(reader_at *at, unsigned char *buf, size_t n)
{
    const spilled *sp = (const spilled *)at;
    for (size_t got = 0; got < n;) {
        ssize_t k = pread(sp->fd, buf + got, n - got, sp->from + (off_t)(at->pos + got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        got += (size_t)k;
    }
    return true;
}
typedef struct page_job {
    HPDF_Dict dict;
    unsigned char *raw;
    size_t len;
    packed out;
    bool done;
} page_job;

struct page_deflater {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    VEC(page_job) jobs;
    int next;              /* the first job not taken by the thread */
    int head;              /* the first job not put back into the document */
    bool stop;
    int spill;             /* the file of deflated contents, -1: none (memory) */
    off_t spill_len;
    VEC(spilled *) spilled;
};

static void *deflate_worker(void *arg)
{
    struct page_deflater *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (q->next == q->jobs.n && !q->stop)
            pthread_cond_wait(&q->cond, &q->lock);
        if (q->next == q->jobs.n)
            break;
        int i = q->next++;
        const unsigned char *raw = q->jobs.v[i].raw;
        size_t len = q->jobs.v[i].len;
        pthread_mutex_unlock(&q->lock);
        packed out = pdfstream_deflate_fast(raw, len);
        pthread_mutex_lock(&q->lock);
        q->jobs.v[i].out = out;
        q->jobs.v[i].done = true;
        pthread_cond_broadcast(&q->cond);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

/* The deflated data of j into the spill file, read back from there; false
 * when it cannot be (then it stays in memory). */
static bool spill_job(struct page_deflater *q, HPDF_MMgr mm, page_job *j)
{
    if (q->spill < 0)
        return false;
    spilled *sp = xcalloc(1, sizeof *sp);
    *sp = (spilled){{j->out.len, 0, spilled_read}, q->spill, q->spill_len};
    HPDF_Stream reader = pdfstream_reader(mm, &sp->at);
    bool ok = reader != NULL;
    for (size_t done = 0; ok && done < j->out.len;) {
        ssize_t k = pwrite(q->spill, j->out.data + done, j->out.len - done,
                           q->spill_len + (off_t)done);
        if (k < 0 && errno == EINTR)
            continue;
        ok = k > 0;
        done += ok ? (size_t)k : 0;
    }
    if (!ok) {
        if (reader)
            HPDF_Stream_Free(reader);
        free(sp);
        return false;
    }
    q->spill_len += (off_t)j->out.len;
    *VEC_PUSH(q->spilled) = sp;
    pdfstream_put_reader(j->dict, reader);
    return true;
}

static void put_job(struct page_deflater *q, HPDF_MMgr mm, page_job *j)
{
    /* Where deflating failed, libharu deflates it as before. */
    if (j->out.data && !(q && spill_job(q, mm, j)))
        pdfstream_put(j->dict, &j->out);
    free(j->out.data);
    free(j->raw);
}

/* The file the deflated contents go to, in $TMPDIR (or /tmp), unlinked
 * at once; -1 when there is none. */
static int spill_file(void)
{
    const char *tmp = getenv("TMPDIR");
    char *path = xasprintf("%s/paiban-contents-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    free(path);
    return fd;
}

void deflate_page(writer *w, HPDF_Dict contents)
{
    if (!contents || !contents->stream || contents->stream->type != HPDF_STREAM_MEMORY ||
        contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE || contents->write_fn)
        return;
    page_job j = {.dict = contents};
    j.raw = pdfstream_take(contents, &j.len);
    struct page_deflater *q = w->deflater;
    if (!q) {
        q = w->deflater = xcalloc(1, sizeof *q);
        pthread_mutex_init(&q->lock, NULL);
        pthread_cond_init(&q->cond, NULL);
        q->spill = -1;
        if (pthread_create(&q->thread, NULL, deflate_worker, q) != 0) {
            /* No thread: each page is deflated here, as it is done. */
            pthread_mutex_destroy(&q->lock);
            pthread_cond_destroy(&q->cond);
            free(q);
            w->deflater = NULL;
        } else {
            q->spill = spill_file();
        }
    }
    if (!w->deflater) {
        j.out = pdfstream_deflate_fast(j.raw, j.len);
        put_job(NULL, w->doc->mmgr, &j);
        return;
    }
    pthread_mutex_lock(&q->lock);
    *VEC_PUSH(q->jobs) = j;
    pthread_cond_broadcast(&q->cond);
    pthread_mutex_unlock(&q->lock);
}

void deflated_pages_in(writer *w, bool all)
{
    struct page_deflater *q = w->deflater;
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    while (q->head < q->jobs.n) {
        if (!q->jobs.v[q->head].done) {
            if (!all)
                break;
            pthread_cond_wait(&q->cond, &q->lock);
            continue;
        }
        put_job(q, w->doc->mmgr, &q->jobs.v[q->head++]);
    }
    if (q->head == q->jobs.n)
        q->head = q->next = q->jobs.n = 0;
    pthread_mutex_unlock(&q->lock);
}

void deflater_free(writer *w)
{
    struct page_deflater *q = w->deflater;
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    q->stop = true;
    pthread_cond_broadcast(&q->cond);
    pthread_mutex_unlock(&q->lock);
    pthread_join(q->thread, NULL);
    for (int i = q->head; i < q->jobs.n; i++) {
        free(q->jobs.v[i].out.data);
        free(q->jobs.v[i].raw);
    }
    VEC_FREE(q->jobs);
    for (int i = 0; i < q->spilled.n; i++)
        free(q->spilled.v[i]);
    VEC_FREE(q->spilled);
    if (q->spill >= 0)
        close(q->spill);
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->cond);
    free(q);
    w->deflater = NULL;
}
