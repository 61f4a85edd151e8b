/* xmp.h — the XMP metadata packet of a PDF (ISO 16684-1), as text.
 *
 * Shared by the edition's PDF (pdfmeta.c) and the bound volume (bind.c),
 * so both describe themselves alike: Dublin Core title, creator,
 * description and language; the XMP and PDF dates, tool and keywords; the
 * PRISM publication name, cover date and page range with the extension
 * schema PDF/A wants for them; for PDF/A-2b, pdfaid part 2, conformance
 * B; for PDF/X-4, pdfxid's version with the document and version IDs and
 * rendition class ISO 15930-7 asks for; pdf:Trapped when the file says
 * whether it is trapped.  Each value has its twin in the Info dictionary,
 * which the caller writes from the same strings (ISO 19005-2, 6.6.3). */
#ifndef PAIBAN_PDF_XMP_H
#define PAIBAN_PDF_XMP_H

#include "base/strbuf.h"

typedef struct xmp_fields {
    const char *title;       /* dc:title, Info Title */
    const char *creator;     /* dc:creator, Info Author: the paper */
    const char *description; /* dc:description, Info Subject */
    const char *keywords;    /* pdf:Keywords, Info Keywords */
    const char *created;     /* xmp:CreateDate, "2018-12-28T00:00:00Z" */
    const char *modified;    /* xmp:ModifyDate and MetadataDate */
    const char *publication; /* prism:publicationName */
    const char *cover_date;  /* prism:coverDate, "2018-12-28" */
    const char *page_range;  /* prism:pageRange, "A1, A2" */
    bool pdfa;               /* claim PDF/A-2b */
    const char *pdfx;        /* pdfxid:GTS_PDFXVersion ("PDF/X-4"), or NULL */
    const char *document_id; /* xmpMM:DocumentID, "uuid:…", with pdfx */
    const char *trapped;     /* pdf:Trapped ("False"), or NULL */
} xmp_fields;

/* Append the packet, padded for in-place editing, to out. */
void xmp_packet(const xmp_fields *f, strbuf *out);

/* "D:20181228000000Z" (Info) and "2018-12-28T00:00:00Z" (XMP) for the
 * same moment, seconds since 1970, UTC. */
void xmp_dates(int64_t when, char *pdf, size_t pdf_size, char *xmp, size_t xmp_size);

#endif
