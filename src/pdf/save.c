/* save.c — the finished document into its file: buffered, digested for the
 * document ID as it is written, flushed to disk and renamed over the
 * target (writer.h). */
#include "pdf/pdfmeta.h"
#include "pdf/writer.h"

#include <errno.h>
#include <hpdf_doc.h>
#include <nettle/md5.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What libharu writes, on its way into the file: buffered, and digested
 * for the document ID as it goes, so the file is written once and never
 * read back.  (libharu's own memory stream copies a byte at a time, and
 * its MD5 too.)  The digest is taken on a thread of its own, a buffer
 * behind the writing: for a page with a photo of megabytes it costs as
 * much as everything else the writing does. */
enum { OUT_BUFFER = 256 * 1024 };

typedef struct pdf_sink {
    int fd;
    unsigned char *buf[2]; /* one filled while the other is digested */
    int cur;
    size_t n;              /* bytes in buf[cur] */
    uint64_t size;
    int error;             /* errno of the first failed write, or 0 */
    struct md5_ctx digest;
    pthread_t hasher;
    bool threaded;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    const unsigned char *pending; /* for the hasher, or NULL */
    size_t pending_len;
    bool stop;
} pdf_sink;

static void *hash_worker(void *arg)
{
    pdf_sink *o = arg;
    pthread_mutex_lock(&o->lock);
    for (;;) {
        while (!o->pending && !o->stop)
            pthread_cond_wait(&o->cond, &o->lock);
        if (!o->pending)
            break;
        const unsigned char *p = o->pending;
        size_t len = o->pending_len;
        pthread_mutex_unlock(&o->lock);
        md5_update(&o->digest, len, p);
        pthread_mutex_lock(&o->lock);
        o->pending = NULL;
        pthread_cond_broadcast(&o->cond);
    }
    pthread_mutex_unlock(&o->lock);
    return NULL;
}

/* Give the hasher p once it has finished the last buffer. */
static void hash_later(pdf_sink *o, const unsigned char *p, size_t len)
{
    if (!o->threaded) {
        md5_update(&o->digest, len, p);
        return;
    }
    pthread_mutex_lock(&o->lock);
    while (o->pending)
        pthread_cond_wait(&o->cond, &o->lock);
    o->pending = p;
    o->pending_len = len;
    pthread_cond_broadcast(&o->cond);
    pthread_mutex_unlock(&o->lock);
}

static void out_open(pdf_sink *o, int fd)
{
    *o = (pdf_sink){.fd = fd, .buf = {xmalloc(OUT_BUFFER), xmalloc(OUT_BUFFER)}};
    md5_init(&o->digest);
    pthread_mutex_init(&o->lock, NULL);
    pthread_cond_init(&o->cond, NULL);
    o->threaded = pthread_create(&o->hasher, NULL, hash_worker, o) == 0;
}

/* Write and hand over buf[cur]; fill the other one next. */
static bool flush_out(pdf_sink *o)
{
    const unsigned char *p = o->buf[o->cur];
    for (size_t done = 0; done < o->n && !o->error;) {
        ssize_t k = write(o->fd, p + done, o->n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            o->error = k < 0 ? errno : ENOSPC;
        else
            done += (size_t)k;
    }
    hash_later(o, p, o->n);
    o->cur ^= 1;
    o->n = 0;
    return !o->error;
}

/* Wait for the digest and free the buffers. */
static void out_close(pdf_sink *o, unsigned char digest[16])
{
    if (o->threaded) {
        pthread_mutex_lock(&o->lock);
        while (o->pending)
            pthread_cond_wait(&o->cond, &o->lock);
        o->stop = true;
        pthread_cond_broadcast(&o->cond);
        pthread_mutex_unlock(&o->lock);
        pthread_join(o->hasher, NULL);
    }
    md5_digest(&o->digest, MD5_DIGEST_SIZE, digest);
    pthread_mutex_destroy(&o->lock);
    pthread_cond_destroy(&o->cond);
    free(o->buf[0]);
    free(o->buf[1]);
}

static HPDF_STATUS write_out(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT len)
{
    pdf_sink *o = s->attr;
    o->size += len;
    while (len > 0) {
        size_t take = MIN((size_t)len, OUT_BUFFER - o->n);
        memcpy(o->buf[o->cur] + o->n, p, take);
        o->n += take;
        p += take;
        len -= (HPDF_UINT)take;
        if (o->n == OUT_BUFFER && !flush_out(o))
            return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)o->error);
    }
    return HPDF_OK;
}

/* Save the document as path: into a temporary file beside it, the
 * document ID — the digest of the file — written into its trailer, the
 * file flushed to disk and renamed; an interrupt waits till it is done. */
bool save_pdf(writer *w, const char *path, long *bytes)
{
    src_loc where = {path, 0, 0};
    char *tmp;
    signals_held held;
    files_hold_signals(&held);
    int fd = files_temp_open(path, &tmp, w->d);
    if (fd < 0) {
        files_release_signals(&held);
        return false;
    }
    pdf_sink *o = xcalloc(1, sizeof *o);
    out_open(o, fd);
    w->doc->stream = HPDF_CallbackWriter_New(w->doc->mmgr, write_out, o);
    if (w->doc->stream)
        HPDF_SaveToStream(w->doc);
    bool ok = !w->error && w->doc->stream && flush_out(o);
    unsigned char digest[16];
    out_close(o, digest);
    if (w->doc->stream) {
        HPDF_Stream_Free(w->doc->stream);
        w->doc->stream = NULL;
    }
    if (!ok && o->error)
        diag_env_error(w->d, where, "cannot write: %s (the previous file is left as it was)",
                       strerror(o->error));
    else if (!ok)
        libharu_failed(w, path);
    if (ok) {
        /* The ID is in the trailer, the last bytes of the file. */
        unsigned char tail[1024];
        size_t len = (size_t)MIN(o->size, sizeof tail);
        off_t at = (off_t)(o->size - len);
        if (pread(fd, tail, len, at) != (ssize_t)len || !pdfmeta_put_id(tail, len, digest)) {
            diag_env_error(w->d, where, "libharu wrote no room for the document ID");
            ok = false;
        } else if (pwrite(fd, tail, len, at) != (ssize_t)len) {
            diag_env_error(w->d, where, "cannot write: %s", strerror(errno));
            ok = false;
        }
        *bytes = (long)o->size;
    }
    free(o);
    ok = files_temp_close(fd, tmp, path, ok, w->d);
    ok = files_temp_place(tmp, path, ok, w->d);
    files_release_signals(&held);
    return ok;
}
