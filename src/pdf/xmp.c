/* xmp.c — the XMP packet as text. */
#include "pdf/xmp.h"

#include <stdio.h>
#include <time.h>

/* Text with XML's five special characters escaped. */
static void buf_add_xml(strbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sb_printf(b, "&amp;"); break;
        case '<': sb_printf(b, "&lt;"); break;
        case '>': sb_printf(b, "&gt;"); break;
        case '"': sb_printf(b, "&quot;"); break;
        case '\'': sb_printf(b, "&apos;"); break;
        default: sb_printf(b, "%c", *s);
        }
    }
}

/* "D:20181228000000Z" and "2018-12-28T00:00:00Z" for the same moment. */
void xmp_dates(int64_t when, char *pdf, size_t pdf_size, char *xmp, size_t xmp_size)
{
    time_t t = (time_t)when;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    strftime(pdf, pdf_size, "D:%Y%m%d%H%M%SZ", &tm);
    strftime(xmp, xmp_size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void xmp_alt(strbuf *b, const char *tag, const char *value)
{
    sb_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
    buf_add_xml(b, value);
    sb_printf(b, "</rdf:li></rdf:Alt></%s>\n", tag);
}

static void xmp_simple(strbuf *b, const char *tag, const char *value)
{
    sb_printf(b, "   <%s>", tag);
    buf_add_xml(b, value);
    sb_printf(b, "</%s>\n", tag);
}

/* The PRISM properties are not among those PDF/A predefines, so the
 * packet describes them (ISO 19005-2, 6.6.2.3). */
static void xmp_prism_schema(strbuf *b)
{
    static const struct {
        const char *name, *type, *description;
    } props[] = {
        {"publicationName", "Text", "Name of the newspaper"},
        {"coverDate", "Date", "Date of the edition"},
        {"pageRange", "Text", "Pages of the edition in this file, as printed"},
    };
    sb_printf(b, "  <rdf:Description rdf:about=\"\"\n"
               "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
               "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
               "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
               "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
               "    <pdfaSchema:schema>PRISM Basic Metadata</pdfaSchema:schema>\n"
               "    <pdfaSchema:namespaceURI>http://prismstandard.org/namespaces/basic/2.0/"
               "</pdfaSchema:namespaceURI>\n"
               "    <pdfaSchema:prefix>prism</pdfaSchema:prefix>\n"
               "    <pdfaSchema:property><rdf:Seq>\n");
    for (size_t i = 0; i < countof(props); i++)
        sb_printf(b,
                "     <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>%s</pdfaProperty:name>"
                "<pdfaProperty:valueType>%s</pdfaProperty:valueType>"
                "<pdfaProperty:category>external</pdfaProperty:category>"
                "<pdfaProperty:description>%s</pdfaProperty:description></rdf:li>\n",
                props[i].name, props[i].type, props[i].description);
    sb_printf(b, "    </rdf:Seq></pdfaSchema:property>\n"
               "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
               "  </rdf:Description>\n");
}

void xmp_packet(const xmp_fields *f, strbuf *x)
{
    /* The packet header's id is fixed by the XMP specification; begin is a
     * UTF-8 byte order mark. */
    sb_printf(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "  <rdf:Description rdf:about=\"\"\n"
                "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                "    xmlns:prism=\"http://prismstandard.org/namespaces/basic/2.0/\"%s%s>\n",
            f->pdfa ? "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"" : "",
            f->pdfx ? "\n    xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\""
                      "\n    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\""
                    : "");
    xmp_simple(x, "dc:format", "application/pdf");
    xmp_alt(x, "dc:title", f->title);
    sb_printf(x, "   <dc:creator><rdf:Seq><rdf:li>");
    buf_add_xml(x, f->creator);
    sb_printf(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    xmp_alt(x, "dc:description", f->description);
    /* The language the catalog's Lang names (pdftag.h). */
    sb_printf(x, "   <dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>\n");
    xmp_simple(x, "xmp:CreateDate", f->created);
    xmp_simple(x, "xmp:ModifyDate", f->modified);
    xmp_simple(x, "xmp:MetadataDate", f->modified);
    xmp_simple(x, "xmp:CreatorTool", "paiban");
    xmp_simple(x, "pdf:Producer", "paiban");
    xmp_simple(x, "pdf:Keywords", f->keywords);
    xmp_simple(x, "prism:publicationName", f->publication);
    xmp_simple(x, "prism:coverDate", f->cover_date);
    xmp_simple(x, "prism:pageRange", f->page_range);
    if (f->trapped)
        xmp_simple(x, "pdf:Trapped", f->trapped);
    if (f->pdfa) {
        xmp_simple(x, "pdfaid:part", "2");
        xmp_simple(x, "pdfaid:conformance", "B");
    }
    if (f->pdfx) {
        xmp_simple(x, "pdfxid:GTS_PDFXVersion", f->pdfx);
        xmp_simple(x, "xmpMM:DocumentID", f->document_id);
        xmp_simple(x, "xmpMM:VersionID", "1");
        xmp_simple(x, "xmpMM:RenditionClass", "default");
    }
    sb_printf(x, "  </rdf:Description>\n");
    xmp_prism_schema(x);
    sb_printf(x, " </rdf:RDF>\n</x:xmpmeta>\n");
    /* Padding lets a later editor change the packet in place. */
    for (int i = 0; i < 20; i++)
        sb_printf(x, "%99s\n", "");
    sb_printf(x, "<?xpacket end=\"w\"?>");

}
