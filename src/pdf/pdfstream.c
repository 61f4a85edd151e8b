/* pdfstream.c — deflated stream data. */
#include "pdf/pdfstream.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <zlib.h>

packed pdfstream_deflate(const void *data, size_t len)
{
    uLongf cap = compressBound((uLong)len);
    packed p = {xmalloc(cap), 0};
    if (compress2(p.data, &cap, data, (uLong)len, Z_DEFAULT_COMPRESSION) != Z_OK) {
        free(p.data);
        return (packed){NULL, 0};
    }
    p.len = cap;
    return p;
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
