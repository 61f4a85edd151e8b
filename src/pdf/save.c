/* save.c — the finished document into its file: buffered, flushed to
 * disk and renamed over the target (writer.h). */
#include "pdf/writer.h"

#include <errno.h>
#include <hpdf_doc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What libharu writes, on its way into the file: buffered, so that the
 * file is written in large pieces (libharu writes a token at a time). */
enum { OUT_BUFFER = 256 * 1024 };

typedef struct pdf_sink {
    int fd;
    unsigned char *buf;
    size_t n;              /* bytes in buf */
    uint64_t size;
    int error;             /* errno of the first failed write, or 0 */
} pdf_sink;

/* Write out what buf holds. */
static bool flush_out(pdf_sink *o)
{
    for (size_t done = 0; done < o->n && !o->error;) {
        ssize_t k = write(o->fd, o->buf + done, o->n - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            o->error = k < 0 ? errno : ENOSPC;
        else
            done += (size_t)k;
    }
    o->n = 0;
    return !o->error;
}

static HPDF_STATUS write_out(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT len)
{
    pdf_sink *o = s->attr;
    o->size += len;
    while (len > 0) {
        size_t take = MIN((size_t)len, OUT_BUFFER - o->n);
        memcpy(o->buf + o->n, p, take);
        o->n += take;
        p += take;
        len -= (HPDF_UINT)take;
        if (o->n == OUT_BUFFER && !flush_out(o))
            return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)o->error);
    }
    return HPDF_OK;
}

/* Save the document as path: into a temporary file beside it, flushed
 * to disk and renamed; an interrupt waits till it is done. */
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
    pdf_sink o = {.fd = fd, .buf = xmalloc(OUT_BUFFER)};
    w->doc->stream = HPDF_CallbackWriter_New(w->doc->mmgr, write_out, &o);
    if (w->doc->stream)
        HPDF_SaveToStream(w->doc);
    bool ok = !w->error && w->doc->stream && flush_out(&o);
    free(o.buf);
    if (w->doc->stream) {
        HPDF_Stream_Free(w->doc->stream);
        w->doc->stream = NULL;
    }
    if (!ok && o.error)
        diag_env_error(w->d, where, "cannot write: %s (the previous file is left as it was)",
                       strerror(o.error));
    else if (!ok)
        libharu_failed(w, path);
    *bytes = (long)o.size;
    ok = files_temp_close(fd, tmp, path, ok, w->d);
    ok = files_temp_place(tmp, path, ok, w->d);
    files_release_signals(&held);
    return ok;
}
