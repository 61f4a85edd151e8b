/* pdfimage.c — photos: as they are, or converted to the press's CMYK. */
#include "pdf/pdfimage.h"

#include "base/cache.h"
#include "input/image.h"

#include <math.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <lcms2.h>
#include <nettle/md5.h>
#include <png.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <turbojpeg.h>
#include <unistd.h>

enum { CMYK_JPEG_QUALITY = 92 };

/* Rows [y0, y1) of a picture through a colour transform. */
typedef struct transform_rows {
    cmsHTRANSFORM tr;
    const unsigned char *in;
    unsigned char *out;
    size_t in_row, out_row; /* bytes */
    int w, y0, y1;
    bool release;           /* give the input's pages back as they are done */
} transform_rows;

enum { MAX_THREADS = 4, MIN_ROWS_PER_THREAD = 64, RELEASE_ROWS = 32 };

/* Memory for a whole decoded picture, mapped so that its pages can be
 * given back while it is converted (the RGB and the CMYK of a large photo
 * are some 60 MB together). */
static unsigned char *picture_alloc(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "paiban: out of memory (%zu bytes for a photo)\n", size);
        abort();
    }
    return p;
}

static void picture_free(unsigned char *p, size_t size)
{
    if (p)
        munmap(p, size);
}

static void *run_rows(void *arg)
{
    const transform_rows *r = arg;
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    /* The pages wholly inside the rows done are given back. */
    uintptr_t released = ((uintptr_t)(r->in + (size_t)r->y0 * r->in_row) + page - 1) & ~(page - 1);
    for (int y = r->y0; y < r->y1; y++) {
        cmsDoTransform(r->tr, r->in + (size_t)y * r->in_row, r->out + (size_t)y * r->out_row,
                       (cmsUInt32Number)r->w);
        if (r->release && ((y - r->y0) % RELEASE_ROWS == RELEASE_ROWS - 1 || y == r->y1 - 1)) {
            uintptr_t done = (uintptr_t)(r->in + (size_t)(y + 1) * r->in_row) & ~(page - 1);
            if (done > released) {
                madvise((void *)released, done - released, MADV_DONTNEED);
                released = done;
            }
        }
    }
    return NULL;
}

/* rgb (w × h × 3) into CMYK through the profile; `inverted` gives 255 for
 * no ink (the Adobe CMYK JPEG convention).  The rows are shared among the
 * processors: a transform made without Little CMS's one-pixel cache may be
 * used by several threads at once, and each pixel comes out the same
 * whichever thread converts it.  rgb's rows are `stride` bytes apart (w × 3
 * or more: a part of a larger picture).  With `release` (rgb from
 * picture_alloc) the RGB pages are given back as they are done: its
 * contents are gone.  The CMYK is from picture_alloc, w × h × 4 bytes;
 * NULL when Little CMS cannot build the transform. */
static unsigned char *cmyk_from_rgb(const unsigned char *rgb, size_t stride, int w, int h,
                                    const pdfimage_options *o, bool inverted, bool release)
{
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsHPROFILE cmyk = cmsOpenProfileFromMem(o->cmyk_profile, (cmsUInt32Number)o->cmyk_profile_len);
    cmsHTRANSFORM tr = NULL;
    if (srgb && cmyk)
        tr = cmsCreateTransform(srgb, TYPE_RGB_8, cmyk, inverted ? TYPE_CMYK_8_REV : TYPE_CMYK_8,
                                INTENT_RELATIVE_COLORIMETRIC,
                                cmsFLAGS_BLACKPOINTCOMPENSATION | cmsFLAGS_NOCACHE);
    unsigned char *out = NULL;
    if (tr) {
        out = picture_alloc((size_t)w * (size_t)h * 4);
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        int n = (int)MIN(MAX(cpus, 1), MAX_THREADS);
        n = MAX(1, MIN(n, h / MIN_ROWS_PER_THREAD));
        transform_rows part[MAX_THREADS];
        pthread_t thread[MAX_THREADS];
        bool started[MAX_THREADS] = {false};
        for (int i = 0; i < n; i++)
            part[i] = (transform_rows){tr, rgb, out, stride, (size_t)w * 4, w,
                                       (int)((int64_t)h * i / n), (int)((int64_t)h * (i + 1) / n),
                                       release};
        /* This thread takes the first part; where a thread cannot be
         * started, it takes that part too. */
        for (int i = 1; i < n; i++)
            started[i] = pthread_create(&thread[i], NULL, run_rows, &part[i]) == 0;
        run_rows(&part[0]);
        for (int i = 1; i < n; i++) {
            if (started[i])
                pthread_join(thread[i], NULL);
            else
                run_rows(&part[i]);
        }
        cmsDeleteTransform(tr);
    }
    if (cmyk)
        cmsCloseProfile(cmyk);
    if (srgb)
        cmsCloseProfile(srgb);
    return out;
}

/* JPEG bytes that the image object reads from our memory as the file is
 * written.  libharu's own JPEG loaders copy a photo into a stream of
 * theirs a byte at a time, and that stream out again the same way: for a
 * photo of megabytes, longer than everything else on the page. */
typedef struct held_jpeg {
    unsigned char *data;
    size_t len, pos;
    bool turbojpeg;    /* data is TurboJPEG's, freed with tjFree */
} held_jpeg;

static HPDF_STATUS held_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
    held_jpeg *h = s->attr;
    size_t n = MIN((size_t)*size, h->len - h->pos);
    memcpy(buf, h->data + h->pos, n);
    h->pos += n;
    bool end = n < *size;
    *size = (HPDF_UINT)n;
    return end ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS held_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    held_jpeg *h = s->attr;
    int64_t to = mode == HPDF_SEEK_CUR ? (int64_t)h->pos + pos
                 : mode == HPDF_SEEK_END ? (int64_t)h->len + pos
                                         : pos;
    if (to < 0 || to > (int64_t)h->len)
        return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    h->pos = (size_t)to;
    return HPDF_OK;
}

static HPDF_INT32 held_tell(HPDF_Stream s) { return (HPDF_INT32)((held_jpeg *)s->attr)->pos; }

static HPDF_UINT32 held_size(HPDF_Stream s) { return (HPDF_UINT32)((held_jpeg *)s->attr)->len; }

/* The image object HPDF_LoadJpegImageFromMem makes, key for key, but
 * reading `jpeg` (taken: freed with the pdf_image) when the document is
 * saved. */
static HPDF_Image held_image(HPDF_Doc doc, unsigned char *jpeg, size_t len, int w, int h,
                             int components, pdf_image *out)
{
    HPDF_MMgr mm = doc->mmgr;
    held_jpeg *held = xcalloc(1, sizeof *held);
    *held = (held_jpeg){.data = jpeg, .len = len};
    out->held = held;
    HPDF_Dict image = HPDF_DictStream_New(mm, doc->xref);
    HPDF_Stream reader = HPDF_CallbackReader_New(mm, held_read, held_seek, held_tell, held_size,
                                                 held);
    if (!image || !reader) {
        if (reader)
            HPDF_Stream_Free(reader);
        return NULL;
    }
    HPDF_Stream_Free(image->stream);
    image->stream = reader;
    image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    image->filter = HPDF_STREAM_FILTER_DCT_DECODE;
    HPDF_STATUS st = HPDF_Dict_AddName(image, "Type", "XObject");
    st += HPDF_Dict_AddName(image, "Subtype", "Image");
    st += HPDF_Dict_AddNumber(image, "Height", h);
    st += HPDF_Dict_AddNumber(image, "Width", w);
    const char *space = components == 1 ? "DeviceGray" : components == 3 ? "DeviceRGB" : "DeviceCMYK";
    if (components == 4) {
        /* Inverted, as Adobe's CMYK JPEGs are stored. */
        HPDF_Array decode = HPDF_Array_New(mm);
        st += HPDF_Dict_Add(image, "Decode", decode);
        for (int i = 0; i < 8; i++)
            st += HPDF_Array_Add(decode, HPDF_Number_New(mm, i % 2 == 0));
    }
    st += HPDF_Dict_AddName(image, "ColorSpace", space);
    st += HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
    return st == HPDF_OK ? image : NULL;
}

void pdfimage_free(pdf_image *img)
{
    if (img->held && img->held->turbojpeg)
        tjFree(img->held->data);
    else if (img->held)
        free(img->held->data);
    free(img->held);
    img->held = NULL;
}

/* The pixels of a w × h picture that show (o->visible), whole pixels
 * outward; false when that is the whole picture. */
static bool cut_of(const pdfimage_options *o, int w, int h, int cut[4])
{
    /* A hair inward first, so that float noise on a pixel edge takes no
     * pixel more. */
    cut[0] = MAX(0, (int)floor(o->visible[0] * w + 1e-6));
    cut[1] = MAX(0, (int)floor(o->visible[1] * h + 1e-6));
    cut[2] = MIN(w, (int)ceil(o->visible[2] * w - 1e-6));
    cut[3] = MIN(h, (int)ceil(o->visible[3] * h - 1e-6));
    if (cut[2] <= cut[0] || cut[3] <= cut[1] ||
        (cut[0] == 0 && cut[1] == 0 && cut[2] == w && cut[3] == h)) {
        cut[0] = cut[1] = 0;
        cut[2] = w;
        cut[3] = h;
        return false;
    }
    return true;
}

/* The name of a photo converted to CMYK in the cache: a digest of the
 * photo, the profile and every setting the result depends on. */
static void converted_name(const unsigned char *photo, size_t len, const pdfimage_options *o,
                           const int cut[4], bool cutting, char name[48])
{
    char setup[200];
    int n = snprintf(setup, sizeof setup,
                     "paiban cmyk-jpeg 1; lcms %d; sRGB; relative colorimetric, bpc; "
                     "quality %d 4:4:4 islow; profile %zu bytes; photo %zu bytes\n",
                     cmsGetEncodedCMMversion(), CMYK_JPEG_QUALITY, o->cmyk_profile_len, len);
    if (cutting)
        n += snprintf(setup + n, sizeof setup - (size_t)n, "cut %d %d %d %d\n", cut[0], cut[1],
                      cut[2], cut[3]);
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, (size_t)n, (const uint8_t *)setup);
    md5_update(&m, o->cmyk_profile_len, o->cmyk_profile);
    md5_update(&m, len, photo);
    unsigned char digest[16];
    md5_digest(&m, MD5_DIGEST_SIZE, digest);
    for (int i = 0; i < 16; i++)
        snprintf(name + 2 * i, 3, "%02x", digest[i]);
    strcpy(name + 32, "-cmyk.jpg");
}

/* A converted photo from the cache, if there is a whole one of w × h. */
static unsigned char *cached_cmyk(tjhandle dec, const char *dir, const char *name, int w, int h,
                                  size_t *len)
{
    unsigned char *jpeg = cache_get(dir, name, len);
    int cw, ch, subsamp, space;
    if (jpeg && (*len < 4 || jpeg[*len - 2] != 0xFF || jpeg[*len - 1] != 0xD9 ||
                 tjDecompressHeader3(dec, jpeg, (unsigned long)*len, &cw, &ch, &subsamp, &space) != 0 ||
                 cw != w || ch != h || (space != TJCS_CMYK && space != TJCS_YCCK))) {
        free(jpeg);
        jpeg = NULL;
    }
    return jpeg;
}

/* `jpeg` (len bytes) is the function's to free. */
static HPDF_Image jpeg_to_cmyk(HPDF_Doc doc, unsigned char *jpeg, size_t len,
                               const pdfimage_options *o, pdf_image *pi, const char **why)
{
    HPDF_Image img = NULL;
    unsigned char *rgb = NULL, *cmyk = NULL, *out = NULL, *kept = NULL;
    unsigned long out_len = 0;
    int w = 0, h = 0, subsamp, space;
    char name[48];
    tjhandle dec = tjInitDecompress(), enc = NULL;
    if (!dec || tjDecompressHeader3(dec, jpeg, (unsigned long)len, &w, &h, &subsamp, &space) != 0) {
        *why = "TurboJPEG cannot read it";
        goto out;
    }
    int cut[4];
    bool cutting = cut_of(o, w, h, cut);
    int cw = cut[2] - cut[0], ch = cut[3] - cut[1];
    pi->x0 = cut[0];
    pi->y0 = cut[1];
    pi->x1 = cut[2];
    pi->y1 = cut[3];
    converted_name(jpeg, len, o, cut, cutting, name);
    size_t kept_len;
    if ((kept = cached_cmyk(dec, o->cache_dir, name, cw, ch, &kept_len))) {
        img = held_image(doc, kept, kept_len, cw, ch, 4, pi);
        kept = NULL;
        if (!img)
            *why = "libharu does not take the CMYK JPEG";
        goto out;
    }
    size_t pixels = (size_t)w * (size_t)h;
    rgb = picture_alloc(pixels * 3);
    if (tjDecompress2(dec, jpeg, (unsigned long)len, rgb, w, 0, h, TJPF_RGB, TJFLAG_ACCURATEDCT) != 0) {
        *why = "TurboJPEG cannot decode it";
        goto out;
    }
    free(jpeg);
    jpeg = NULL;
    cmyk = cmyk_from_rgb(rgb + ((size_t)cut[1] * (size_t)w + (size_t)cut[0]) * 3, (size_t)w * 3, cw,
                         ch, o, true, true);
    picture_free(rgb, pixels * 3);
    rgb = NULL;
    if (!cmyk) {
        *why = "Little CMS cannot convert from sRGB to the output profile";
        goto out;
    }
    if (!(enc = tjInitCompress()) ||
        tjCompress2(enc, cmyk, cw, 0, ch, TJPF_CMYK, &out, &out_len, TJSAMP_444, CMYK_JPEG_QUALITY,
                    TJFLAG_ACCURATEDCT) != 0) {
        *why = "TurboJPEG cannot encode the CMYK picture";
        goto out;
    }
    picture_free(cmyk, (size_t)cw * (size_t)ch * 4);
    cmyk = NULL;
    cache_put(o->cache_dir, name, out, out_len);
    img = held_image(doc, out, out_len, cw, ch, 4, pi);
    pi->held->turbojpeg = true;
    out = NULL;
    if (!img)
        *why = "libharu does not take the CMYK JPEG";
out:
    tjFree(out);
    if (enc)
        tjDestroy(enc);
    if (dec)
        tjDestroy(dec);
    free(kept);
    picture_free(cmyk, (size_t)(pi->x1 - pi->x0) * (size_t)(pi->y1 - pi->y0) * 4);
    picture_free(rgb, (size_t)w * (size_t)h * 3);
    free(jpeg);
    return img;
}

static HPDF_Image png_to_cmyk(HPDF_Doc doc, const unsigned char *png, size_t len,
                              const pdfimage_options *o, const char **why)
{
    png_image pi = {.version = PNG_IMAGE_VERSION};
    if (!png_image_begin_read_from_memory(&pi, png, len)) {
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
        unsigned char *cmyk = cmyk_from_rgb(rgb, (size_t)w * 3, w, h, o, false, false);
        if (!cmyk)
            *why = "Little CMS cannot convert from sRGB to the output profile";
        else
            img = HPDF_LoadRawImageFromMem(doc, cmyk, (HPDF_UINT)w, (HPDF_UINT)h,
                                           HPDF_CS_DEVICE_CMYK, 8);
        if (cmyk && !img)
            *why = "libharu does not take the CMYK pixels";
        picture_free(cmyk, (size_t)w * (size_t)h * 4);
    }
    png_image_free(&pi);
    free(rgb);
    return img;
}

bool pdfimage_load(HPDF_Doc doc, char *data, size_t len, const image_info *checked,
                   const char *path, const pdfimage_options *o, pdf_image *out, src_loc where,
                   diag *d)
{
    image_info info = *checked;
    unsigned char *bytes = (unsigned char *)data;
    *out = (pdf_image){.path = path, .width = info.width, .height = info.height,
                       .x1 = info.width, .y1 = info.height, .components = info.components};
    memcpy(out->visible, o->visible, sizeof out->visible);
    const char *why = "libharu cannot embed it; save it as baseline JPEG or PNG";
    char problem[200];
    if (o->rgb_to_cmyk && info.components == 3) {
        if (info.kind == IMAGE_PNG) {
            out->image = png_to_cmyk(doc, bytes, len, o, &why);
        } else {
            out->image = jpeg_to_cmyk(doc, bytes, len, o, out, &why);
            bytes = NULL; /* jpeg_to_cmyk's */
        }
        out->components = 4;
        out->converted = true;
    } else if (info.kind == IMAGE_PNG) {
        /* Decoded by libpng, which reports damage; libharu's own PNG reader
         * would abort the process on it. */
        image_pixels px;
        if (image_decode_png(bytes, len, &px, problem, sizeof problem)) {
            out->image = HPDF_LoadRawImageFromMem(
                doc, px.data, (HPDF_UINT)px.width, (HPDF_UINT)px.height,
                px.components == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
            out->components = px.components;
            free(px.data);
        } else {
            why = problem;
        }
    } else if (info.bits == 8 && (info.sof == 0xC0 || info.sof == 0xC1 || info.sof == 0xC2 ||
                                  info.sof == 0xC9)) {
        /* The kinds libharu's loader takes, as they are. */
        out->image = held_image(doc, bytes, len, info.width, info.height, info.components, out);
        bytes = NULL; /* held by the image */
    } else {
        out->image = HPDF_LoadJpegImageFromMem(doc, bytes, (HPDF_UINT)len);
    }
    free(bytes);
    if (!out->image) {
        pdfimage_free(out);
        return diag_error(d, where, "the photo %s cannot go into the PDF: %s", path, why);
    }
    if (out->components == 4 && o->cmyk_space)
        HPDF_Dict_Add(out->image, "ColorSpace", o->cmyk_space);
    return true;
}
