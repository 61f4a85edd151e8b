/* pdfstream.c — deflated stream data. */
#include "pdf/pdfstream.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <libdeflate.h>
#include <stdlib.h>

/* A compressor is made for each stream: libdeflate's are not to be shared
 * between threads, and making one costs little beside compressing. */
static packed deflate_at(const void *data, size_t len, int level)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (!c)
        return (packed){NULL, 0};
    size_t cap = libdeflate_zlib_compress_bound(c, len);
    packed p = {xmalloc(cap), 0};
    p.len = libdeflate_zlib_compress(c, data, len, p.data, cap);
    libdeflate_free_compressor(c);
    if (p.len == 0) {
        free(p.data);
        return (packed){NULL, 0};
    }
    return p;
}

#define LEVEL 6
#define FAST_LEVEL 3
#define TEXT_OF(x) #x
#define LEVEL_TEXT(x) TEXT_OF(x)

const char *pdfstream_deflater(void)
{
    return "libdeflate-" LIBDEFLATE_VERSION_STRING "-" LEVEL_TEXT(LEVEL);
}

packed pdfstream_deflate(const void *data, size_t len) { return deflate_at(data, len, LEVEL); }

packed pdfstream_deflate_fast(const void *data, size_t len)
{
    /* Made anew every run, so a lower level (README, Speed, for what it
     * costs). */
    return deflate_at(data, len, FAST_LEVEL);
}

static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    /* Where and as libharu writes the key for a stream it deflates. */
    return HPDF_Stream_WriteStr(stream, "/Filter [ /FlateDecode ]\012");
}

void pdfstream_put(HPDF_Dict dict, const packed *p)
{
    HPDF_MemStream_FreeData(dict->stream);
    if (p->len > 0)
        HPDF_Stream_Write(dict->stream, p->data, (HPDF_UINT)p->len);
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
}

static HPDF_STATUS reader_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
    reader_at *at = s->attr;
    size_t n = MIN((size_t)*size, at->len - at->pos);
    if (n > 0 && !at->read(at, buf, n))
        return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
    at->pos += n;
    bool end = n < *size;
    *size = (HPDF_UINT)n;
    return end ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS reader_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    reader_at *at = s->attr;
    int64_t to = mode == HPDF_SEEK_CUR ? (int64_t)at->pos + pos
                 : mode == HPDF_SEEK_END ? (int64_t)at->len + pos
                                         : pos;
    if (to < 0 || to > (int64_t)at->len)
        return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    at->pos = (size_t)to;
    return HPDF_OK;
}

static HPDF_INT32 reader_tell(HPDF_Stream s) { return (HPDF_INT32)((reader_at *)s->attr)->pos; }

static HPDF_UINT32 reader_size(HPDF_Stream s) { return (HPDF_UINT32)((reader_at *)s->attr)->len; }

HPDF_Stream pdfstream_reader(HPDF_MMgr mm, reader_at *at)
{
    return HPDF_CallbackReader_New(mm, reader_read, reader_seek, reader_tell, reader_size, at);
}

void pdfstream_put_reader(HPDF_Dict dict, HPDF_Stream reader)
{
    HPDF_Stream_Free(dict->stream);
    dict->stream = reader;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
}

unsigned char *pdfstream_take(HPDF_Dict dict, size_t *len)
{
    HPDF_Stream s = dict->stream;
    size_t n = 0, size = HPDF_Stream_Size(s);
    unsigned char *out = xmalloc(size + 1);
    unsigned count = HPDF_MemStream_GetBufCount(s);
    for (unsigned i = 0; i < count && n < size; i++) {
        HPDF_UINT got;
        HPDF_BYTE *buf = HPDF_MemStream_GetBufPtr(s, i, &got);
        if (!buf)
            break;
        got = (HPDF_UINT)MIN((size_t)got, size - n);
        memcpy(out + n, buf, got);
        n += got;
    }
    *len = n;
    return out;
}
