/* pdffont.c — subset fonts and their PDF objects. */
#include "pdf/pdffont.h"

#include "base/bytes.h"
#include "base/cache.h"
#include "base/digest.h"
#include "base/utf8.h"
#include "pdf/pdfstream.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct used_glyph {
    unsigned gid;
    unsigned code;
    char *text;           /* what ToUnicode maps the code to; NULL: nothing */
    int text_len;
} used_glyph;

struct pdf_font {
    HPDF_Doc doc;
    fontset *fonts;
    const char *cache_dir; /* subsets kept between runs; NULL: none */
    int face;
    const face_info *fi;
    HPDF_Dict type0;
    /* Index into used plus one, 0 for a glyph not used; glyph_count
     * entries, zeroed by calloc so that only the pages used glyphs fall
     * in are ever touched (a CJK face has 65 535 glyphs). */
    int *slot_of_gid;
    VEC(used_glyph) used;
    /* Made by pdffont_subset, on any thread. */
    used_glyph *sorted;   /* used, by code */
    packed program;       /* the subset's CFF table, or the whole TrueType font */
    unsigned program_len; /* before compression (Length1) */
    packed gidmap;        /* TrueType: CIDToGIDMap */
    packed tounicode;
    const char *failure;  /* what went wrong, or NULL */
};

static HPDF_TextWidth no_width(HPDF_Font font, const HPDF_BYTE *text, HPDF_UINT len)
{
    (void)font, (void)text, (void)len;
    return (HPDF_TextWidth){0, 0, 0, 0};
}

static HPDF_UINT no_measure(HPDF_Font font, const HPDF_BYTE *text, HPDF_UINT len,
                            HPDF_REAL width, HPDF_REAL font_size, HPDF_REAL char_space,
                            HPDF_REAL word_space, HPDF_BOOL wordwrap, HPDF_REAL *real_width)
{
    (void)font, (void)text, (void)len, (void)width, (void)font_size, (void)char_space;
    (void)word_space, (void)wordwrap;
    if (real_width)
        *real_width = 0;
    return 0;
}

static void free_attr(HPDF_Dict dict)
{
    if (dict->attr)
        HPDF_FreeMem(dict->mmgr, dict->attr);
    dict->attr = NULL;
}

pdf_font *pdffont_new(HPDF_Doc doc, fontset *fonts, int face, const char *cache_dir)
{
    pdf_font *f = xcalloc(1, sizeof *f);
    f->doc = doc;
    f->fonts = fonts;
    f->cache_dir = cache_dir;
    f->face = face;
    f->fi = fontset_info(fonts, face);
    f->slot_of_gid = xcalloc((size_t)f->fi->glyph_count + 1, sizeof(int));
    /* A dictionary libharu takes for a font: its mmgr, the font subclass,
     * and an attr whose callbacks do nothing (we never let libharu encode
     * text for it). */
    HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
    d->header.obj_class |= HPDF_OSUBCLASS_FONT;
    HPDF_FontAttr attr = HPDF_GetMem(doc->mmgr, sizeof(HPDF_FontAttr_Rec));
    memset(attr, 0, sizeof *attr);
    attr->type = HPDF_FONT_TYPE0_CID;
    attr->writing_mode = HPDF_WMODE_HORIZONTAL;
    attr->text_width_fn = no_width;
    attr->measure_text_fn = no_measure;
    d->attr = attr;
    d->free_fn = free_attr;
    HPDF_Xref_Add(doc->xref, d);
    HPDF_Dict_AddName(d, "Type", "Font");
    HPDF_Dict_AddName(d, "Subtype", "Type0");
    HPDF_Dict_AddName(d, "Encoding", "Identity-H");
    f->type0 = d;
    return f;
}

void pdffont_free(pdf_font *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->used.n; i++)
        free(f->used.v[i].text);
    VEC_FREE(f->used);
    free(f->sorted);
    free(f->program.data);
    free(f->gidmap.data);
    free(f->tounicode.data);
    free(f->slot_of_gid);
    free(f);
}

HPDF_Font pdffont_handle(const pdf_font *f) { return f->type0; }

unsigned pdffont_glyph_count(const pdf_font *f) { return (unsigned)f->used.n; }

double pdffont_width(const pdf_font *f, unsigned gid)
{
    return fontset_advance(f->fonts, f->face, gid) * 1000.0 / f->fi->upem;
}

/* Is gid the glyph the face's cmap gives for this text (one character)? */
static bool is_nominal(const pdf_font *f, unsigned gid, const char *text, int len)
{
    long cp = len > 0 ? utf8_single(text, (size_t)len) : -1;
    return cp >= 0 && fontset_glyph(f->fonts, f->face, (uint32_t)cp) == gid;
}

unsigned pdffont_use(pdf_font *f, unsigned gid, const char *text, int len, bool *conflict)
{
    *conflict = false;
    if (gid >= f->fi->glyph_count)
        gid = 0;
    int slot = f->slot_of_gid[gid] - 1;
    if (slot < 0) {
        used_glyph *u = VEC_PUSH(f->used);
        u->gid = gid;
        u->code = fontset_cid(f->fonts, f->face, gid);
        if (len > 0) {
            u->text = xstrndup(text, (size_t)len);
            u->text_len = len;
        }
        f->slot_of_gid[gid] = f->used.n;
        return u->code;
    }
    used_glyph *u = &f->used.v[slot];
    if (len > 0) {
        if (!u->text) {
            u->text = xstrndup(text, (size_t)len);
            u->text_len = len;
        } else if (u->text_len != len || memcmp(u->text, text, (size_t)len) != 0) {
            /* One code, two texts: keep the nominal mapping in the CMap and
             * let the caller mark this occurrence. */
            if (is_nominal(f, gid, text, len) && !is_nominal(f, gid, u->text, u->text_len)) {
                free(u->text);
                u->text = xstrndup(text, (size_t)len);
                u->text_len = len;
            }
            *conflict = true;
        }
    }
    return u->code;
}

static int compare_code(const void *a, const void *b)
{
    const used_glyph *x = a, *y = b;
    return x->code < y->code ? -1 : x->code > y->code;
}

/* Six capital letters from the glyph set, so the tag is the same run after
 * run for the same content (reproducible output). */
static void subset_tag(const pdf_font *f, char tag[8])
{
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < f->used.n; i++) {
        h ^= f->used.v[i].code;
        h *= 1099511628211ULL;
    }
    h ^= (uint64_t)f->face;
    h *= 1099511628211ULL;
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = '+';
    tag[7] = 0;
}

static void utf16_hex(const char *text, int len, char *out, size_t size)
{
    unsigned char be[64];
    size_t n = utf8_to_utf16be(text, (size_t)MIN(len, 16), be), k = 0;
    for (size_t i = 0; i < n && k + 3 < size; i++)
        k += (size_t)snprintf(out + k, size - k, "%02X", be[i]);
    out[k] = 0;
}

/* A copy of a CFF table whose one font is named `name` in its Name INDEX,
 * as BaseFont names it: a face of a collection such as Noto CJK shares
 * the CFF of its sisters and so the name of one of them ("…CJKjp-…" in
 * the SC face).  Only a name of the same length is put in place, since
 * every offset after the Name INDEX would move otherwise; NULL when
 * nothing is to change (the same name, another length, no such INDEX). */
static char *cff_renamed(const char *cff, size_t len, const char *name)
{
    const unsigned char *p = (const unsigned char *)cff;
    size_t n = strlen(name);
    if (len < 4)
        return NULL;
    size_t at = p[2]; /* hdrSize: the Name INDEX follows the header */
    if (at + 3 > len || (p[at] << 8 | p[at + 1]) != 1)
        return NULL;
    unsigned off_size = p[at + 2];
    size_t offs = at + 3, data = offs + 2 * (size_t)off_size - 1;
    if (off_size < 1 || off_size > 4 || data >= len)
        return NULL;
    size_t first = 0, last = 0;
    for (unsigned k = 0; k < off_size; k++) {
        first = first << 8 | p[offs + k];
        last = last << 8 | p[offs + off_size + k];
    }
    if (first != 1 || last < first || last - first != n || data + last > len ||
        memcmp(cff + data + first, name, n) == 0)
        return NULL;
    char *copy = xmalloc(len);
    memcpy(copy, cff, len);
    memcpy(copy + data + first, name, n);
    return copy;
}

/* A stream object holding data deflated already (pdfstream.h). */
static HPDF_Dict new_stream(pdf_font *f, const packed *p)
{
    HPDF_Dict s = HPDF_DictStream_New(f->doc->mmgr, f->doc->xref);
    if (s)
        pdfstream_put(s, p);
    return s;
}

static packed build_tounicode(const used_glyph *sorted, int n)
{
    size_t cap = 512 + (size_t)n * 80;
    char *cmap = xmalloc(cap);
    size_t len = (size_t)snprintf(cmap, cap,
                                  "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement "
                                  "0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (int i = 0; i < n;) {
        int block = 0;
        for (int k = i; k < n && block < 100; k++)
            block += sorted[k].text != NULL;
        if (block == 0)
            break;
        len += (size_t)snprintf(cmap + len, cap - len, "%d beginbfchar\n", block);
        int written = 0;
        while (i < n && written < block) {
            if (sorted[i].text) {
                char hex[64];
                utf16_hex(sorted[i].text, sorted[i].text_len, hex, sizeof hex);
                if (len + 80 > cap) {
                    cap *= 2;
                    cmap = xrealloc(cmap, cap);
                }
                len += (size_t)snprintf(cmap + len, cap - len, "<%04X> <%s>\n", sorted[i].code, hex);
                written++;
            }
            i++;
        }
        len += (size_t)snprintf(cmap + len, cap - len, "endbfchar\n");
    }
    if (len + 80 > cap) {
        cap += 128;
        cmap = xrealloc(cmap, cap);
    }
    len += (size_t)snprintf(cmap + len, cap - len,
                            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    packed p = pdfstream_deflate(cmap, len);
    free(cmap);
    return p;
}

typedef struct table_source {
    hb_face_t *face;
    hb_tag_t keep[3];
} table_source;

static hb_blob_t *kept_table(hb_face_t *face, hb_tag_t tag, void *user)
{
    (void)face;
    const table_source *src = user;
    for (size_t i = 0; i < countof(src->keep); i++)
        if (src->keep[i] == tag)
            return hb_face_reference_table(src->face, tag);
    return NULL;
}

/* Subset the face to the used glyphs: the program, its CIDToGIDMap (f->sorted
 * is made). */
static void make_subset(pdf_font *f)
{
    const face_info *fi = f->fi;
    hb_face_t *face = fontset_hb_face(f->fonts, f->face);
    /* Of a CFF font only the subset's CFF table goes into the PDF, so the
     * subsetter is shown the CFF table alone (with maxp and head): given
     * the whole face, it first maps all of a CJK font's cmap and sets up
     * the other tables, some 8 ms a face whatever the number of glyphs,
     * and the CFF it makes is the same. */
    table_source src = {face, {HB_TAG('C', 'F', 'F', ' '), HB_TAG('m', 'a', 'x', 'p'),
                               HB_TAG('h', 'e', 'a', 'd')}};
    hb_face_t *from = face;
    if (fi->is_cff) {
        from = hb_face_create_for_tables(kept_table, &src, NULL);
        hb_face_set_upem(from, hb_face_get_upem(face));
        hb_face_set_glyph_count(from, hb_face_get_glyph_count(face));
    }

    /* Subset: the used glyphs (and .notdef), without layout tables — the
     * PDF shows positioned glyphs, it never shapes again. */
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        f->failure = "out of memory preparing a font subset";
        goto out;
    }
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    hb_set_add(glyphs, 0);
    for (int i = 0; i < f->used.n; i++)
        hb_set_add(glyphs, f->used.v[i].gid);
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
        HB_TAG('V', 'O', 'R', 'G'), HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
        HB_TAG('D', 'S', 'I', 'G'), HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'),
        HB_TAG('E', 'B', 'S', 'C'), HB_TAG('B', 'D', 'F', ' '), HB_TAG('F', 'F', 'T', 'M'),
        HB_TAG('g', 'a', 's', 'p'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('h', 'd', 'm', 'x'),
        HB_TAG('L', 'T', 'S', 'H'), HB_TAG('P', 'C', 'L', 'T'), HB_TAG('V', 'D', 'M', 'X'),
    };
    hb_set_t *drop_set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < countof(drop); i++)
        hb_set_add(drop_set, drop[i]);
    bool name_keyed_cff = fi->is_cff && !fi->cid_keyed;
    /* Without hints (stems, hint masks; TrueType instructions): they fit
     * outlines to a coarse pixel grid, which a press at 1200 dpi and more
     * has no need of, and they are 17% of a Noto CJK subset, deflated (the
     * report page without its photo: the body face 171 006 → 142 150
     * bytes, all five faces 265 953 → 231 300).  Subroutines are expanded:
     * keeping them (hb-subset's default) made every CFF subset of that page
     * larger, deflated (the body face 171 006 → 193 099). */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING |
                                      (name_keyed_cff ? HB_SUBSET_FLAGS_RETAIN_GIDS : 0));
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(from, in);
    hb_subset_input_destroy(in);
    if (!plan) {
        f->failure = "cannot subset the font";
        goto out;
    }
    const hb_map_t *old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    if (!sub) {
        hb_subset_plan_destroy(plan);
        f->failure = "subsetting the font failed";
        goto out;
    }
    /* The CFF table of a CFF font (CIDFontType0C: its charset keeps the
     * original CIDs, which are our codes; docs/pdf.md, "Text and fonts");
     * the whole font of a TrueType one. */
    hb_blob_t *blob = fi->is_cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
                                 : hb_face_reference_blob(sub);
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    char *renamed = fi->is_cff && len > 0 ? cff_renamed(data, len, fi->ps_name) : NULL;
    if (len == 0)
        f->failure = fi->is_cff ? "the subset has no CFF table" : "the subset is empty";
    else
        f->program = pdfstream_deflate(renamed ? renamed : data, len);
    free(renamed);
    f->program_len = len;
    hb_blob_destroy(blob);
    if (!fi->is_cff) {
        /* Codes are the original glyph IDs; map them to the subset's. */
        unsigned max_code = 0;
        for (int i = 0; i < f->used.n; i++)
            max_code = MAX(max_code, f->used.v[i].code);
        size_t map_len = 2 * ((size_t)max_code + 1);
        unsigned char *map = xcalloc(map_len, 1);
        for (int i = 0; i < f->used.n; i++) {
            hb_codepoint_t ng = hb_map_get(old_to_new, f->used.v[i].gid);
            if (ng == HB_MAP_VALUE_INVALID)
                ng = 0;
            map[2 * f->used.v[i].code] = (unsigned char)(ng >> 8);
            map[2 * f->used.v[i].code + 1] = (unsigned char)ng;
        }
        f->gidmap = pdfstream_deflate(map, map_len);
        free(map);
    }
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
out:
    if (from != face)
        hb_face_destroy(from);
}

/* The cache's name for the subset of f: a digest of the face's file (its
 * path, size and time, and the face in it), of how paiban subsets, and of
 * every glyph used with its code and text; false when the file cannot be
 * looked at. */
static bool subset_name(const pdf_font *f, char name[80])
{
    struct stat st;
    if (!f->cache_dir || stat(f->fi->path, &st) != 0)
        return false;
    digest dg;
    digest_init(&dg);
    char head[512];
    snprintf(head, sizeof head,
             "paiban font subset 2; hb %s; %s; %s %d; %lld bytes, %lld.%09ld; %s; %d glyphs\n",
             hb_version_string(), pdfstream_deflater(), f->fi->path, f->fi->index,
             (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
             f->fi->ps_name, f->used.n);
    digest_add_str(&dg, head);
    for (int i = 0; i < f->used.n; i++) {
        const used_glyph *u = &f->sorted[i];
        uint32_t ids[3] = {u->gid, u->code, (uint32_t)u->text_len};
        digest_add(&dg, ids, sizeof ids);
        if (u->text)
            digest_add(&dg, u->text, (size_t)u->text_len);
    }
    digest_hex(&dg, name);
    strcat(name, "-font");
    return true;
}

/* An entry of the cache: four lengths (the program before compression,
 * then the deflated program, CIDToGIDMap and ToUnicode), then those three. */
enum { ENTRY_HEAD = 16 };

static packed packed_copy(const unsigned char *p, size_t len)
{
    packed out = {len ? xmalloc(len) : NULL, len};
    if (len)
        memcpy(out.data, p, len);
    return out;
}

static bool from_cache(pdf_font *f, const char *name)
{
    size_t len;
    unsigned char *e = cache_get(f->cache_dir, name, &len);
    if (!e || len < ENTRY_HEAD) {
        free(e);
        return false;
    }
    size_t n[3] = {be32_get(e + 4), be32_get(e + 8), be32_get(e + 12)};
    bool ok = n[0] > 0 && n[2] > 0 && ENTRY_HEAD + n[0] + n[1] + n[2] == len &&
              (n[1] > 0) == !f->fi->is_cff;
    if (ok) {
        f->program_len = be32_get(e);
        f->program = packed_copy(e + ENTRY_HEAD, n[0]);
        f->gidmap = packed_copy(e + ENTRY_HEAD + n[0], n[1]);
        f->tounicode = packed_copy(e + ENTRY_HEAD + n[0] + n[1], n[2]);
    }
    free(e);
    return ok;
}

static void to_cache(const pdf_font *f, const char *name)
{
    const packed *part[3] = {&f->program, &f->gidmap, &f->tounicode};
    size_t len = ENTRY_HEAD;
    for (int i = 0; i < 3; i++)
        len += part[i]->len;
    unsigned char *e = xmalloc(len), *p = e + ENTRY_HEAD;
    be32_put(e, (uint32_t)f->program_len);
    for (int i = 0; i < 3; i++) {
        be32_put(e + 4 + 4 * i, (uint32_t)part[i]->len);
        if (part[i]->len)
            memcpy(p, part[i]->data, part[i]->len);
        p += part[i]->len;
    }
    cache_put(f->cache_dir, name, e, len);
    free(e);
}

/* A proof made again, or `watch` after a change of a word, uses the glyphs
 * it used before: subsetting and deflating a CJK face takes longer than
 * setting its page, so the results are kept in the cache and taken from
 * there when the same glyphs of the same face show the same text. */
bool pdffont_subset(pdf_font *f)
{
    f->sorted = xmalloc(sizeof(used_glyph) * (size_t)(f->used.n + 1));
    memcpy(f->sorted, f->used.v, sizeof(used_glyph) * (size_t)f->used.n);
    qsort(f->sorted, (size_t)f->used.n, sizeof(used_glyph), compare_code);
    char name[80];
    bool named = subset_name(f, name);
    if (named && from_cache(f, name))
        return true;
    make_subset(f);
    if (!f->failure)
        f->tounicode = build_tounicode(f->sorted, f->used.n);
    if (named && !f->failure && f->program.data && f->tounicode.data &&
        (f->fi->is_cff || f->gidmap.data))
        to_cache(f, name);
    return !f->failure;
}

/* Widths (font program advances, thousandths) grouped into runs of
 * consecutive codes; only those that are not the default 1000. */
static HPDF_Array widths(pdf_font *f)
{
    used_glyph *sorted = f->sorted;
    HPDF_Array w = HPDF_Array_New(f->doc->mmgr);
    for (int i = 0; i < f->used.n;) {
        double wi = pdffont_width(f, sorted[i].gid);
        if (wi == 1000.0) {
            i++;
            continue;
        }
        int j = i;
        HPDF_Array run = HPDF_Array_New(f->doc->mmgr);
        while (j < f->used.n && (j == i || sorted[j].code == sorted[j - 1].code + 1)) {
            double wj = pdffont_width(f, sorted[j].gid);
            if (wj == 1000.0)
                break;
            HPDF_Array_AddReal(run, (HPDF_REAL)(floor(wj * 1000 + 0.5) / 1000));
            j++;
        }
        HPDF_Array_AddNumber(w, (HPDF_INT32)sorted[i].code);
        HPDF_Array_Add(w, run);
        i = j;
    }
    return w;
}

/* The font's bounding box from its head table, in thousandths. */
static HPDF_Array font_bbox(pdf_font *f)
{
    hb_face_t *face = fontset_hb_face(f->fonts, f->face);
    hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned head_len;
    const unsigned char *h = (const unsigned char *)hb_blob_get_data(head, &head_len);
    HPDF_Array bbox = HPDF_Array_New(f->doc->mmgr);
    if (head_len >= 44) {
        for (int k = 0; k < 4; k++) {
            int16_t v = (int16_t)(h[36 + 2 * k] << 8 | h[37 + 2 * k]);
            HPDF_Array_AddNumber(bbox, (HPDF_INT32)((int64_t)v * 1000 / f->fi->upem));
        }
    } else {
        for (int k = 0; k < 4; k++)
            HPDF_Array_AddNumber(bbox, k < 2 ? -100 : 1000);
    }
    hb_blob_destroy(head);
    return bbox;
}

static HPDF_Dict font_descriptor(pdf_font *f, const char *base)
{
    const face_info *fi = f->fi;
    HPDF_Dict desc = HPDF_Dict_New(f->doc->mmgr);
    HPDF_Xref_Add(f->doc->xref, desc);
    HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    HPDF_Dict_AddName(desc, "FontName", base);
    HPDF_Dict_AddNumber(desc, "Flags", 4);
    HPDF_Dict_Add(desc, "FontBBox", font_bbox(f));
    HPDF_Dict_AddNumber(desc, "ItalicAngle", 0);
    HPDF_Dict_AddNumber(desc, "Ascent", fi->ascender * 1000 / fi->upem);
    HPDF_Dict_AddNumber(desc, "Descent", fi->descender * 1000 / fi->upem);
    hb_position_t cap_height;
    if (!hb_ot_metrics_get_position(fontset_hb_font(f->fonts, f->face),
                                    HB_OT_METRICS_TAG_CAP_HEIGHT, &cap_height))
        cap_height = fi->ascender;
    HPDF_Dict_AddNumber(desc, "CapHeight", cap_height * 1000 / fi->upem);
    HPDF_Dict_AddNumber(desc, "StemV", 80);
    return desc;
}

/* The descendant CIDFont, its Subtype left to embed_program. */
static HPDF_Dict cid_font(pdf_font *f, const char *base, HPDF_Dict desc, HPDF_Array w)
{
    HPDF_MMgr mm = f->doc->mmgr;
    HPDF_Dict cid = HPDF_Dict_New(mm);
    HPDF_Xref_Add(f->doc->xref, cid);
    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "BaseFont", base);
    HPDF_Dict sysinfo = HPDF_Dict_New(mm);
    HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
    HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo);
    HPDF_Dict_Add(cid, "FontDescriptor", desc);
    HPDF_Dict_AddNumber(cid, "DW", 1000);
    HPDF_Dict_Add(cid, "W", w);
    return cid;
}

/* The subset program into the descriptor: the bare CFF as CIDFontType0C,
 * or TrueType with its CIDToGIDMap.  False when it cannot be (reported). */
static bool embed_program(pdf_font *f, HPDF_Dict cid, HPDF_Dict desc, diag *d)
{
    const face_info *fi = f->fi;
    src_loc where = {fi->path, 0, 0};
    bool ok = true;
    if (fi->is_cff) {
        HPDF_Dict_AddName(cid, "Subtype", "CIDFontType0");
        HPDF_Dict file = new_stream(f, &f->program);
        if (!file) {
            ok = diag_env_error(d, where, "the subset of %s cannot be written", fi->ps_name);
        } else {
            HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
            HPDF_Dict_Add(desc, "FontFile3", file);
        }
    } else {
        HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
        HPDF_Dict file = new_stream(f, &f->program);
        if (!file) {
            ok = diag_env_error(d, where, "the subset of %s cannot be written", fi->ps_name);
        } else {
            HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)f->program_len);
            HPDF_Dict_Add(desc, "FontFile2", file);
        }
        HPDF_Dict gidmap = new_stream(f, &f->gidmap);
        if (gidmap)
            HPDF_Dict_Add(cid, "CIDToGIDMap", gidmap);
    }
    return ok;
}

bool pdffont_finish(pdf_font *f, diag *d)
{
    const face_info *fi = f->fi;
    if (!f->sorted && !f->failure)
        pdffont_subset(f);
    if (f->failure)
        return diag_env_error(d, (src_loc){fi->path, 0, 0}, "%s: %s", fi->ps_name, f->failure);

    char tag[8];
    subset_tag(f, tag);
    char base[256];
    snprintf(base, sizeof base, "%s%s", tag, fi->ps_name);
    HPDF_Array w = widths(f);
    HPDF_Dict desc = font_descriptor(f, base);
    HPDF_Dict cid = cid_font(f, base, desc, w);
    bool ok = embed_program(f, cid, desc, d);

    char type0_name[300];
    /* The CIDFont's name and the CMap's, for either kind (ISO 32000-1,
     * 9.7.6.1). */
    snprintf(type0_name, sizeof type0_name, "%s-Identity-H", base);
    HPDF_Dict_AddName(f->type0, "BaseFont", type0_name);
    HPDF_Array desc_fonts = HPDF_Array_New(f->doc->mmgr);
    HPDF_Array_Add(desc_fonts, cid);
    HPDF_Dict_Add(f->type0, "DescendantFonts", desc_fonts);
    HPDF_Dict tu = new_stream(f, &f->tounicode);
    if (tu)
        HPDF_Dict_Add(f->type0, "ToUnicode", tu);
    return ok;
}
