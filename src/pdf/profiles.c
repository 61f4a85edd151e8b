/* profiles.c — ICC profiles: the template's CMYK profile, read once, for
 * converting photos, for tagging the archive's CMYK photos and as the
 * print form's output intent; sRGB as the archive's (writer.h). */
#include "pdf/writer.h"

#include "base/cache.h"
#include "base/digest.h"
#include "input/image.h"
#include "pdf/pdfmeta.h"
#include "pdf/pdfstream.h"

#include <errno.h>
#include <hpdf_doc.h>
#include <stdlib.h>
#include <string.h>

/* The archive's output intent: sRGB, from the Debian package
 * icc-profiles-free, a registered characterization. */
#define ARCHIVE_PROFILE "/usr/share/color/icc/sRGB.icc"
#define ARCHIVE_PROFILE_PACKAGE "icc-profiles-free"
#define ARCHIVE_CONDITION "sRGB IEC61966-2.1"

/* An ICC profile, whole, in new memory; NULL with errno set. */
static unsigned char *read_profile(const char *path, size_t *len)
{
    char *data;
    return files_read(NULL, path, IMAGE_MAX_BYTES, &data, len) ? (unsigned char *)data : NULL;
}

/* A profile's tables are 16-bit samples of smooth functions, 4 or 3 to a
 * grid point: what deflate finds in them is their differences.  Each byte
 * less the one 8 before it (the PNG "Sub" predictor over pixels of 8
 * bytes, one row: every reader undoes it) deflates the default newsprint
 * profile to 74 KB instead of 91 KB.  The predictor's pixel size, or 0
 * where the length is not a multiple of it (the profile is then deflated
 * as it is). */
enum { PROFILE_PIXEL = 8 };

static int profile_pixel(size_t len) { return len > 0 && len % PROFILE_PIXEL == 0 ? PROFILE_PIXEL : 0; }

static packed deflate_profile(const unsigned char *icc, size_t len, int bpp)
{
    if (!bpp)
        return pdfstream_deflate(icc, len);
    unsigned char *row = xmalloc(len + 1);
    row[0] = 1; /* the row's PNG filter type: Sub */
    for (size_t i = 0; i < len; i++)
        row[1 + i] = (unsigned char)(icc[i] - (i >= (size_t)bpp ? icc[i - (size_t)bpp] : 0));
    packed p = pdfstream_deflate(row, len + 1);
    free(row);
    return p;
}

/* A profile's stream, its data deflated already: a profile is the same
 * run after run, and deflating its tables (120 KB of them in the default
 * newsprint profile) costs more than all the text of a page, so the
 * deflated bytes are kept in the cache under a digest of the profile and
 * taken from there.  NULL when it cannot be (reported). */
static HPDF_Dict icc_stream(writer *w, const unsigned char *icc, size_t len, int n, src_loc where)
{
    HPDF_Dict s = pdfmeta_icc_stream(w->doc, icc, len, n, where, w->d);
    if (!s)
        return NULL;
    unsigned char quick[16];
    digest_quick(icc, len, quick);
    char name[80];
    for (int i = 0; i < 16; i++)
        snprintf(name + 2 * i, 3, "%02x", quick[i]);
    int bpp = profile_pixel(len);
    snprintf(name + 32, sizeof name - 32, "-%zu.icc.p%d.%s", len % 1000000, bpp,
             pdfstream_deflater());
    size_t zlen;
    unsigned char *z = cache_get(w->opt->cache_dir, name, &zlen);
    packed p = z ? (packed){z, zlen} : deflate_profile(icc, len, bpp);
    if (!z && p.data)
        cache_put(w->opt->cache_dir, name, p.data, p.len);
    /* Where deflating failed, finish.c deflates it as any other stream. */
    if (p.data) {
        pdfstream_put(s, &p);
        if (bpp) {
            HPDF_Dict parms = HPDF_Dict_New(w->doc->mmgr);
            HPDF_Dict_AddNumber(parms, "Predictor", 11);
            HPDF_Dict_AddNumber(parms, "Colors", bpp);
            HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
            HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)(len / (size_t)bpp));
            /* An array, as the filter is one (pdfstream_put). */
            HPDF_Array parms_of = HPDF_Array_New(w->doc->mmgr);
            HPDF_Array_Add(parms_of, parms);
            HPDF_Dict_Add(s, "DecodeParms", parms_of);
        }
    }
    free(p.data);
    return s;
}

bool load_cmyk_profile(writer *w, const print_spec *ps)
{
    if (w->cmyk.data)
        return true;
    if (!(w->cmyk.data = read_profile(ps->profile, &w->cmyk.len)))
        return diag_error(w->d, ps->loc,
                          "the output profile %s cannot be read: %s; put the press's profile "
                          "there or name it in the template's print: output-profile "
                          "(tools/make-newsprint-profile makes the default, " PRINT_DEFAULT_PROFILE
                          ")",
                          ps->profile, strerror(errno));
    w->cmyk.stream = icc_stream(w, w->cmyk.data, w->cmyk.len, 4, (src_loc){ps->profile, 0, 0});
    return w->cmyk.stream != NULL;
}

bool archive_cmyk_space(writer *w)
{
    if (w->cmyk_space)
        return true;
    if (!load_cmyk_profile(w, edition_print(w)))
        return false;
    w->cmyk_space = HPDF_Array_New(w->doc->mmgr);
    HPDF_Xref_Add(w->doc->xref, w->cmyk_space);
    HPDF_Array_AddName(w->cmyk_space, "ICCBased");
    HPDF_Array_Add(w->cmyk_space, w->cmyk.stream);
    return true;
}

bool output_intent(writer *w)
{
    if (w->opt->form == PDF_PRINT) {
        const print_spec *ps = edition_print(w);
        if (!load_cmyk_profile(w, ps))
            return false;
        char info[128];
        pdfmeta_icc_description(w->cmyk.data, w->cmyk.len, info, sizeof info);
        pdfmeta_output_intent(w->doc, "GTS_PDFX", w->cmyk.stream, ps->condition, info);
        return true;
    }
    icc_file srgb = {0};
    if (!(srgb.data = read_profile(ARCHIVE_PROFILE, &srgb.len)))
        return diag_env_error(w->d, (src_loc){ARCHIVE_PROFILE, 0, 0},
                              "the sRGB profile cannot be read (%s); install the Debian "
                              "package " ARCHIVE_PROFILE_PACKAGE,
                              strerror(errno));
    HPDF_Dict s = icc_stream(w, srgb.data, srgb.len, 3, (src_loc){ARCHIVE_PROFILE, 0, 0});
    free(srgb.data);
    if (!s)
        return false;
    pdfmeta_output_intent(w->doc, "GTS_PDFA1", s, ARCHIVE_CONDITION, ARCHIVE_CONDITION);
    return true;
}
