/* pdfmeta.c — Info, XMP, output intents, outline, page labels, ID. */
#include "pdf/pdfmeta.h"

#include "base/bytes.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "pdf/xmp.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <lcms2.h>
#include <nettle/md5.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* A PDF text string object: UTF-16BE with a byte order mark, which
 * libharu's own setters cannot produce for Chinese. */
static HPDF_Binary pdfmeta_text(HPDF_Doc doc, const char *utf8)
{
    size_t len = strlen(utf8);
    unsigned char *out = xmalloc(len * 2 + 2);
    out[0] = 0xFE;
    out[1] = 0xFF;
    size_t n = 2 + utf8_to_utf16be(utf8, len, out + 2);
    HPDF_Binary b = HPDF_Binary_New(doc->mmgr, out, (HPDF_UINT)n);
    free(out);
    return b;
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* A document ID for XMP that names the edition, not the build: "uuid:"
 * and the MD5 of the paper and date, as a UUID. */
static void edition_uuid(const edition *e, char out[48])
{
    char *key = xasprintf("%s %04d-%02d-%02d print", e->paper, e->year, e->month, e->day);
    struct md5_ctx m;
    unsigned char d[16];
    md5_init(&m);
    md5_update(&m, strlen(key), (const uint8_t *)key);
    md5_digest(&m, MD5_DIGEST_SIZE, d);
    free(key);
    snprintf(out, 48, "uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13],
             d[14], d[15]);
}

void pdfmeta_describe(HPDF_Doc doc, const edition *e, pdf_claim claim, int64_t modified)
{
    char date[64], weekday[32];
    edition_date_strings(e, date, sizeof date, weekday, sizeof weekday);
    char iso_date[16];
    snprintf(iso_date, sizeof iso_date, "%04d-%02d-%02d", e->year, e->month, e->day);
    char *title = xasprintf("%s %s", e->paper, date);
    strbuf subject = {0}, keywords = {0}, labels = {0};
    sb_printf(&subject, "%s %s %s，%d个版：", e->paper, date, weekday, e->page_count);
    sb_printf(&keywords, "%s, %s", e->paper, iso_date);
    for (int p = 0; p < e->page_count; p++) {
        const page_spec *ps = &e->pages[p];
        sb_printf(&subject, "%s%s %s", p ? "；" : "", ps->label, ps->name ? ps->name : "");
        sb_printf(&keywords, ", %s %s", ps->label, ps->name ? ps->name : "");
        sb_printf(&labels, "%s%s", p ? ", " : "", ps->label);
    }
    for (int a = 0; a < e->article_count; a++) {
        char *head = content_one_line(e->articles[a]->headline.text);
        if (*head)
            sb_printf(&keywords, ", %s", head);
        free(head);
    }
    /* A PDF string holds 65535 bytes, and these grow with the edition:
     * cut, at a character, to what UTF-16 of 4 bytes a character holds. */
    subject.n = (int)utf8_prefix(subject.v, 16000);
    subject.v[subject.n] = 0;
    keywords.n = (int)utf8_prefix(keywords.v, 16000);
    keywords.v[keywords.n] = 0;
    char created_pdf[32], created_xmp[32], modified_pdf[32], modified_xmp[32];
    xmp_dates(edition_time(e), created_pdf, sizeof created_pdf, created_xmp, sizeof created_xmp);
    xmp_dates(modified, modified_pdf, sizeof modified_pdf, modified_xmp, sizeof modified_xmp);

    /* Info: each entry has its twin in the XMP packet (ISO 19005-2, 6.6.3). */
    HPDF_MMgr mm = doc->mmgr;
    HPDF_Dict info = doc->info;
    HPDF_Dict_Add(info, "Title", pdfmeta_text(doc, title));
    HPDF_Dict_Add(info, "Author", pdfmeta_text(doc, e->paper));
    HPDF_Dict_Add(info, "Subject", pdfmeta_text(doc, subject.v));
    HPDF_Dict_Add(info, "Keywords", pdfmeta_text(doc, keywords.v));
    HPDF_Dict_Add(info, "Creator", HPDF_String_New(mm, "paiban", NULL));
    HPDF_Dict_Add(info, "Producer", HPDF_String_New(mm, "paiban", NULL));
    HPDF_Dict_Add(info, "CreationDate", HPDF_String_New(mm, created_pdf, NULL));
    HPDF_Dict_Add(info, "ModDate", HPDF_String_New(mm, modified_pdf, NULL));
    /* PDF/X: the part (ISO 15930-7, 6.7.5; 15930-4, 6.6.5) and whether the
     * file is trapped: it is not, the press may trap it. */
    const char *pdfx = claim == CLAIM_PDFX_4 ? "PDF/X-4" : claim == CLAIM_PDFX_1A ? "PDF/X-1a:2003"
                                                                                  : NULL;
    if (pdfx) {
        HPDF_Dict_Add(info, "GTS_PDFXVersion", HPDF_String_New(mm, pdfx, NULL));
        HPDF_Dict_AddName(info, "Trapped", "False");
    }
    char uuid[48];
    edition_uuid(e, uuid);

    xmp_fields xf = {.title = title, .creator = e->paper, .description = subject.v,
                     .keywords = keywords.v, .created = created_xmp, .modified = modified_xmp,
                     .publication = e->paper, .cover_date = iso_date, .page_range = labels.v,
                     .pdfa = claim == CLAIM_PDFA_2B,
                     .pdfx = claim == CLAIM_PDFX_4 ? pdfx : NULL, .document_id = uuid,
                     .trapped = pdfx ? "False" : NULL};
    strbuf x = {0};
    xmp_packet(&xf, &x);

    /* PDF/A wants the packet readable as it is: no filter. */
    HPDF_Dict meta = HPDF_DictStream_New(mm, doc->xref);
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.v, (HPDF_UINT)x.n);
    HPDF_Dict_Add(doc->catalog, "Metadata", meta);

    free(title);
    VEC_FREE(x);
    VEC_FREE(subject);
    VEC_FREE(keywords);
    VEC_FREE(labels);
}

/* Colour space signature of the profile header (ICC.1, 7.2.6). */
static int icc_components(const unsigned char *icc, size_t len)
{
    if (len < 132 || be32_get(icc) != len || memcmp(icc + 36, "acsp", 4) != 0)
        return 0;
    if (memcmp(icc + 16, "GRAY", 4) == 0)
        return 1;
    if (memcmp(icc + 16, "RGB ", 4) == 0)
        return 3;
    if (memcmp(icc + 16, "CMYK", 4) == 0)
        return 4;
    return 0;
}

HPDF_Dict pdfmeta_icc_stream(HPDF_Doc doc, const unsigned char *icc, size_t len, int n,
                             src_loc where, diag *d)
{
    int have = icc_components(icc, len);
    if (have != n) {
        if (have == 0)
            diag_error(d, where, "this is not an ICC profile");
        else
            diag_error(d, where, "this ICC profile has %d colour components; %d are needed here",
                       have, n);
        return NULL;
    }
    HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
    s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(s, "N", n);
    HPDF_Stream_Write(s->stream, icc, (HPDF_UINT)len);
    return s;
}

void pdfmeta_icc_description(const unsigned char *icc, size_t len, char *buf, size_t size)
{
    buf[0] = 0;
    cmsHPROFILE h = cmsOpenProfileFromMem(icc, (cmsUInt32Number)len);
    if (!h)
        return;
    if (cmsGetProfileInfoASCII(h, cmsInfoDescription, "en", "US", buf, (cmsUInt32Number)size) == 0)
        buf[0] = 0;
    cmsCloseProfile(h);
}

void pdfmeta_output_intent(HPDF_Doc doc, const char *s, HPDF_Dict profile, const char *identifier,
                           const char *info)
{
    HPDF_MMgr mm = doc->mmgr;
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Xref_Add(doc->xref, oi);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", s);
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, identifier, NULL));
    if (strcmp(identifier, "Custom") != 0)
        HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    if (info && *info) {
        HPDF_Dict_Add(oi, "OutputCondition", HPDF_String_New(mm, info, NULL));
        HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, info, NULL));
    }
    HPDF_Dict_Add(oi, "DestOutputProfile", profile);
    HPDF_Array intents = HPDF_Dict_GetItem(doc->catalog, "OutputIntents", HPDF_OCLASS_ARRAY);
    if (!intents) {
        intents = HPDF_Array_New(mm);
        HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
    }
    HPDF_Array_Add(intents, oi);
}

/* One outline item under `parent`, pointing at (x, y) on `page`. */
static HPDF_Dict outline_item(HPDF_Doc doc, HPDF_Dict parent, const char *title, HPDF_Page page,
                              double x, double y)
{
    HPDF_MMgr mm = doc->mmgr;
    HPDF_Dict it = HPDF_Dict_New(mm);
    HPDF_Xref_Add(doc->xref, it);
    HPDF_Dict_Add(it, "Title", pdfmeta_text(doc, title));
    HPDF_Dict_Add(it, "Parent", parent);
    HPDF_Array dest = HPDF_Array_New(mm);
    HPDF_Array_Add(dest, page);
    HPDF_Array_AddName(dest, "XYZ");
    HPDF_Array_AddReal(dest, (HPDF_REAL)x);
    HPDF_Array_AddReal(dest, (HPDF_REAL)y);
    HPDF_Array_Add(dest, HPDF_Null_New(mm));
    HPDF_Dict_Add(it, "Dest", dest);
    return it;
}

/* Chain children under parent (First, Last, Prev, Next) and give the
 * parent its Count: every child is shown open. */
static void outline_link(HPDF_Dict parent, HPDF_Dict *kids, int n, int visible)
{
    if (n == 0)
        return;
    for (int i = 0; i < n; i++) {
        if (i > 0)
            HPDF_Dict_Add(kids[i], "Prev", kids[i - 1]);
        if (i + 1 < n)
            HPDF_Dict_Add(kids[i], "Next", kids[i + 1]);
    }
    HPDF_Dict_Add(parent, "First", kids[0]);
    HPDF_Dict_Add(parent, "Last", kids[n - 1]);
    HPDF_Dict_AddNumber(parent, "Count", visible);
}

void pdfmeta_outline(HPDF_Doc doc, const edition *e, const edition_out *eo,
                     const pdfmeta_page *pages)
{
    if (eo->page_count == 0)
        return;
    HPDF_MMgr mm = doc->mmgr;
    HPDF_Dict root = HPDF_Dict_New(mm);
    HPDF_Xref_Add(doc->xref, root);
    HPDF_Dict_AddName(root, "Type", "Outlines");
    char date[64], weekday[32];
    edition_date_strings(e, date, sizeof date, weekday, sizeof weekday);
    char *title = xasprintf("%s %s", e->paper, date);
    const pdfmeta_page *first = &pages[0];
    HPDF_Dict top = outline_item(doc, root, title, first->page, first->trim_x,
                                 first->trim_y + first->trim_h);
    free(title);
    HPDF_Dict *page_items = xcalloc((size_t)eo->page_count, sizeof(HPDF_Dict));
    int visible = 0;
    for (int p = 0; p < eo->page_count; p++) {
        const page_out *po = &eo->pages[p];
        const pdfmeta_page *mp = &pages[p];
        char *name = xasprintf("%s %s", po->label, po->name ? po->name : "");
        page_items[p] = outline_item(doc, top, name, mp->page, mp->trim_x, mp->trim_y + mp->trim_h);
        free(name);
        /* One item per article on the page, at the top of its module, in
         * the order the page places them. */
        HPDF_Dict *heads = xcalloc((size_t)po->modules.n + 1, sizeof(HPDF_Dict));
        int n = 0;
        for (int m = 0; m < po->modules.n; m++) {
            const module_box *mb = &po->modules.v[m];
            if (mb->article < 0 || mb->article >= e->article_count)
                continue;
            char *head = content_one_line(e->articles[mb->article]->headline.text);
            heads[n++] = outline_item(doc, page_items[p], head, mp->page,
                                      mp->trim_x + pt_from_scaled(mb->x),
                                      mp->trim_y + mp->trim_h - pt_from_scaled(mb->y));
            free(head);
        }
        outline_link(page_items[p], heads, n, n);
        visible += 1 + n;
        free(heads);
    }
    outline_link(top, page_items, eo->page_count, visible);
    outline_link(root, &top, 1, visible + 1);
    free(page_items);
    HPDF_Dict_Add(doc->catalog, "Outlines", root);
    HPDF_Dict_AddName(doc->catalog, "PageMode", "UseOutlines");
}

void pdfmeta_page_labels(HPDF_Doc doc, const edition_out *eo)
{
    HPDF_MMgr mm = doc->mmgr;
    HPDF_Dict labels = HPDF_Dict_New(mm);
    HPDF_Array nums = HPDF_Array_New(mm);
    for (int p = 0; p < eo->page_count; p++) {
        /* "A3" is prefix "A" and decimal number 3; a label without a
         * number is all prefix. */
        const char *label = eo->pages[p].label ? eo->pages[p].label : "";
        size_t len = strlen(label), digits = 0;
        while (digits < len && digits < 9 && label[len - 1 - digits] >= '0' &&
               label[len - 1 - digits] <= '9')
            digits++;
        HPDF_Dict range = HPDF_Dict_New(mm);
        HPDF_Dict_AddName(range, "Type", "PageLabel");
        char *prefix = xstrndup(label, len - digits);
        if (*prefix)
            HPDF_Dict_Add(range, "P", is_ascii(prefix) ? (void *)HPDF_String_New(mm, prefix, NULL)
                                                       : (void *)pdfmeta_text(doc, prefix));
        free(prefix);
        if (digits > 0) {
            HPDF_Dict_AddName(range, "S", "D");
            HPDF_Dict_AddNumber(range, "St", atoi(label + len - digits));
        }
        HPDF_Array_AddNumber(nums, p);
        HPDF_Array_Add(nums, range);
    }
    HPDF_Dict_Add(labels, "Nums", nums);
    HPDF_Dict_Add(doc->catalog, "PageLabels", labels);
}

enum { ID_LEN = 16 };

void pdfmeta_set_id(HPDF_Doc doc, const unsigned char id[ID_LEN])
{
    /* Permanent and changing part alike: the file is new. */
    HPDF_Array ids = HPDF_Array_New(doc->mmgr);
    HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)id, ID_LEN));
    HPDF_Array_Add(ids, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)id, ID_LEN));
    HPDF_Dict_Add(doc->trailer, "ID", ids);
}
