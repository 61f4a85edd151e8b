/* pdfimage.c — photos: as they are, or converted to the press's CMYK. */
#include "pdfimage.h"

#include "image.h"

#include <errno.h>
#include <lcms2.h>
#include <png.h>
#include <stdio.h>
#include <turbojpeg.h>

enum { CMYK_JPEG_QUALITY = 92 };

unsigned char *pdfimage_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    VEC(unsigned char) buf = {0};
    for (;;) {
        VEC_GROW(buf, buf.n + 65536);
        size_t got = fread(buf.v + buf.n, 1, 65536, f);
        buf.n += (int)got;
        if (got < 65536)
            break;
    }
    bool failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        VEC_FREE(buf);
        errno = saved;
        return NULL;
    }
    *len = (size_t)buf.n;
    return buf.v;
}

/* rgb (w × h × 3) into CMYK through the profile; `inverted` gives 255 for
 * no ink (the Adobe CMYK JPEG convention).  NULL when Little CMS cannot
 * build the transform. */
static unsigned char *cmyk_from_rgb(const unsigned char *rgb, int w, int h,
                                    const pdfimage_options *o, bool inverted)
{
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsHPROFILE cmyk = cmsOpenProfileFromMem(o->cmyk_profile, (cmsUInt32Number)o->cmyk_profile_len);
    cmsHTRANSFORM tr = NULL;
    if (srgb && cmyk)
        tr = cmsCreateTransform(srgb, TYPE_RGB_8, cmyk, inverted ? TYPE_CMYK_8_REV : TYPE_CMYK_8,
                                INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
    unsigned char *out = NULL;
    if (tr) {
        out = xmalloc((size_t)w * (size_t)h * 4);
        for (int y = 0; y < h; y++)
            cmsDoTransform(tr, rgb + (size_t)y * (size_t)w * 3, out + (size_t)y * (size_t)w * 4,
                           (cmsUInt32Number)w);
        cmsDeleteTransform(tr);
    }
    if (cmyk)
        cmsCloseProfile(cmyk);
    if (srgb)
        cmsCloseProfile(srgb);
    return out;
}

static HPDF_Image jpeg_to_cmyk(HPDF_Doc doc, const char *path, const pdfimage_options *o,
                               const char **why)
{
    size_t len;
    unsigned char *jpeg = pdfimage_read_file(path, &len);
    if (!jpeg) {
        *why = "cannot read it";
        return NULL;
    }
    HPDF_Image img = NULL;
    unsigned char *rgb = NULL, *cmyk = NULL, *out = NULL;
    unsigned long out_len = 0;
    int w, h, subsamp, space;
    tjhandle dec = tjInitDecompress(), enc = tjInitCompress();
    if (!dec || !enc ||
        tjDecompressHeader3(dec, jpeg, (unsigned long)len, &w, &h, &subsamp, &space) != 0) {
        *why = "TurboJPEG cannot read it";
        goto out;
    }
    rgb = xmalloc((size_t)w * (size_t)h * 3);
    if (tjDecompress2(dec, jpeg, (unsigned long)len, rgb, w, 0, h, TJPF_RGB, TJFLAG_ACCURATEDCT) != 0) {
        *why = "TurboJPEG cannot decode it";
        goto out;
    }
    cmyk = cmyk_from_rgb(rgb, w, h, o, true);
    if (!cmyk) {
        *why = "Little CMS cannot convert from sRGB to the output profile";
        goto out;
    }
    if (tjCompress2(enc, cmyk, w, 0, h, TJPF_CMYK, &out, &out_len, TJSAMP_444, CMYK_JPEG_QUALITY,
                    TJFLAG_ACCURATEDCT) != 0) {
        *why = "TurboJPEG cannot encode the CMYK picture";
        goto out;
    }
    img = HPDF_LoadJpegImageFromMem(doc, out, (HPDF_UINT)out_len);
    if (!img)
        *why = "libharu does not take the CMYK JPEG";
out:
    tjFree(out);
    if (enc)
        tjDestroy(enc);
    if (dec)
        tjDestroy(dec);
    free(cmyk);
    free(rgb);
    free(jpeg);
    return img;
}

static HPDF_Image png_to_cmyk(HPDF_Doc doc, const char *path, const pdfimage_options *o,
                              const char **why)
{
    png_image pi = {.version = PNG_IMAGE_VERSION};
    if (!png_image_begin_read_from_file(&pi, path)) {
        *why = "libpng cannot read it";
        return NULL;
    }
    pi.format = PNG_FORMAT_RGB;
    /* Transparent parts are printed on white paper. */
    png_color white = {255, 255, 255};
    unsigned char *rgb = xmalloc(PNG_IMAGE_SIZE(pi));
    HPDF_Image img = NULL;
    if (!png_image_finish_read(&pi, &white, rgb, 0, NULL)) {
        *why = "libpng cannot decode it";
    } else {
        int w = (int)pi.width, h = (int)pi.height;
        unsigned char *cmyk = cmyk_from_rgb(rgb, w, h, o, false);
        if (!cmyk)
            *why = "Little CMS cannot convert from sRGB to the output profile";
        else
            img = HPDF_LoadRawImageFromMem(doc, cmyk, (HPDF_UINT)w, (HPDF_UINT)h,
                                           HPDF_CS_DEVICE_CMYK, 8);
        if (cmyk && !img)
            *why = "libharu does not take the CMYK pixels";
        free(cmyk);
    }
    png_image_free(&pi);
    free(rgb);
    return img;
}

bool pdfimage_load(HPDF_Doc doc, const char *path, const pdfimage_options *o, pdf_image *out,
                   src_loc where, diag *d)
{
    image_info info;
    if (!image_probe(path, &info, where, d))
        return false;
    *out = (pdf_image){.path = path, .width = info.width, .height = info.height,
                       .components = info.components};
    const char *why = "libharu cannot embed it; save it as baseline JPEG or PNG";
    if (o->rgb_to_cmyk && info.components == 3) {
        out->image = info.kind == IMAGE_PNG ? png_to_cmyk(doc, path, o, &why)
                                            : jpeg_to_cmyk(doc, path, o, &why);
        out->components = 4;
        out->converted = true;
    } else if (info.kind == IMAGE_PNG) {
        out->image = HPDF_LoadPngImageFromFile(doc, path);
    } else {
        out->image = HPDF_LoadJpegImageFromFile(doc, path);
    }
    if (!out->image)
        return diag_error(d, where, "the photo %s cannot go into the PDF: %s", path, why);
    if (out->components == 4 && o->cmyk_space)
        HPDF_Dict_Add(out->image, "ColorSpace", o->cmyk_space);
    return true;
}
