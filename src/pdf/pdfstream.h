/* pdfstream.h — stream data deflated by us rather than by libharu.
 *
 * libharu deflates each stream as it writes the file, with zlib, on the
 * one thread that writes.  Every stream paiban asks to have deflated —
 * font programs, profiles, page contents and the rest — is deflated
 * instead where it is ready (fonts and page contents on threads of their
 * own, finish.c) by libdeflate, and handed to libharu as it is: libdeflate
 * needs far fewer instructions than zlib for a smaller result (README,
 * Speed). */
#ifndef PAIBAN_PDF_PDFSTREAM_H
#define PAIBAN_PDF_PDFSTREAM_H

#include "base/base.h"

#include <hpdf.h>

typedef struct packed {
    unsigned char *data; /* deflated; owned */
    size_t len;
} packed;

/* data deflated; {NULL, 0} when that fails.  Safe on any thread. */
packed pdfstream_deflate(const void *data, size_t len);
/* The same, faster for a little less: for what is made anew every run,
 * page contents and the archive volume's object streams (what is cached,
 * fonts and profiles, is packed tighter once). */
packed pdfstream_deflate_fast(const void *data, size_t len);
/* What deflates and how, for the names of cached deflated data: the same
 * data deflated otherwise gives other bytes. */
const char *pdfstream_deflater(void);
/* Make the stream dictionary `dict` hold p's data, already deflated, and
 * write /Filter /FlateDecode for it.  On the document's thread. */
void pdfstream_put(HPDF_Dict dict, const packed *p);
/* The data written so far to the stream dictionary `dict` (a copy the
 * caller frees). */
unsigned char *pdfstream_take(HPDF_Dict dict, size_t *len);
/* Make `dict` read its data, deflated already, from `reader` (a stream
 * of the document's, which it then owns) when the file is written. */
void pdfstream_put_reader(HPDF_Dict dict, HPDF_Stream reader);

/* A stream libharu reads from us when it writes the file, instead of a
 * copy in its own memory: `at` (which the caller keeps, and frees after
 * the document) is where reading stands in `len` bytes, and read(at, buf,
 * n) gives n bytes from at->pos on (false on failure).  NULL when libharu
 * cannot make it. */
typedef struct reader_at {
    size_t len, pos;
    bool (*read)(struct reader_at *at, unsigned char *buf, size_t n);
} reader_at;
HPDF_Stream pdfstream_reader(HPDF_MMgr mm, reader_at *at);

#endif
