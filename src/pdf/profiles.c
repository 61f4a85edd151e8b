/* profiles.c — ICC profiles: the template's CMYK profile, read once, for
 * converting photos, for tagging the archive's CMYK photos and as the
 * print form's output intent; sRGB as the archive's (writer.h). */
#include "pdf/writer.h"

#include "input/image.h"
#include "pdf/pdfmeta.h"

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
    w->cmyk.stream = pdfmeta_icc_stream(w->doc, w->cmyk.data, w->cmyk.len, 4,
                                        (src_loc){ps->profile, 0, 0}, w->d);
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
    HPDF_Dict s = pdfmeta_icc_stream(w->doc, srgb.data, srgb.len, 3,
                                     (src_loc){ARCHIVE_PROFILE, 0, 0}, w->d);
    free(srgb.data);
    if (!s)
        return false;
    pdfmeta_output_intent(w->doc, "GTS_PDFA1", s, ARCHIVE_CONDITION, ARCHIVE_CONDITION);
    return true;
}
