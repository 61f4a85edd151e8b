/* pdfimage.c — photos: as they are, or converted to the press's CMYK. */
#include "pdf/pdfimage.h"

#include "base/cache.h"
#include "base/digest.h"
#include "input/image.h"
#include "pdf/pdfstream.h"

#include <math.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <lcms2.h>
#include <png.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <turbojpeg.h>
#include <unistd.h>

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

/* The size a w × h cut of the photo is embedded at: downsampled to
 * o->max_ppi when it would print above it, whole pixels outward. */
static void embedded_size(const pdfimage_options *o, int w, int h, int *tw, int *th)
{
    *tw = w;
    *th = h;
    if (o->max_ppi <= 0 || o->ppi <= o->max_ppi)
        return;
    double s = o->max_ppi / o->ppi;
    *tw = MIN(w, MAX(1, (int)ceil(w * s - 1e-9)));
    *th = MIN(h, MAX(1, (int)ceil(h * s - 1e-9)));
}

/* Add `weight` of a row of n RGB pixels (doubles) to acc. */
static void add_row(double *acc, const double *row, int n, double weight)
{
    if (weight > 0)
        for (int i = 0; i < n * 3; i++)
            acc[i] += row[i] * weight;
}

/* An sw × sh RGB picture (rows `stride` bytes apart) made tw × th, no
 * larger: each new pixel is the mean of the area of the old ones it
 * covers, fractions of a pixel counted as such.  A source pixel covers at
 * most two new ones either way.  The result is from picture_alloc. */
static unsigned char *downsample(const unsigned char *src, size_t stride, int sw, int sh, int tw,
                                 int th)
{
    double fx = (double)tw / sw, fy = (double)th / sh;
    double *row = xmalloc(sizeof(double) * (size_t)tw * 3);
    double *acc = xcalloc((size_t)tw * 3, sizeof(double));
    unsigned char *out = picture_alloc((size_t)tw * (size_t)th * 3);
    for (int y = 0; y < sh; y++) {
        memset(row, 0, sizeof(double) * (size_t)tw * 3);
        const unsigned char *p = src + (size_t)y * stride;
        for (int x = 0; x < sw; x++) {
            double lo = x * fx, hi = (x + 1) * fx;
            int a = MIN((int)lo, tw - 1);
            double first = fmin(hi, a + 1) - lo, rest = hi - (a + 1);
            for (int c = 0; c < 3; c++) {
                row[a * 3 + c] += p[x * 3 + c] * first;
                if (rest > 1e-12 && a + 1 < tw)
                    row[(a + 1) * 3 + c] += p[x * 3 + c] * rest;
            }
        }
        double lo = y * fy, hi = (y + 1) * fy;
        int a = MIN((int)lo, th - 1);
        add_row(acc, row, tw, fmin(hi, a + 1) - lo);
        if (hi >= a + 1 - 1e-9 || y == sh - 1) {
            /* New row a is whole. */
            unsigned char *o = out + (size_t)a * (size_t)tw * 3;
            for (int i = 0; i < tw * 3; i++)
                o[i] = (unsigned char)MIN(255, MAX(0, (int)lround(acc[i])));
            memset(acc, 0, sizeof(double) * (size_t)tw * 3);
            if (a + 1 < th)
                add_row(acc, row, tw, hi - (a + 1));
        }
    }
    free(row);
    free(acc);
    return out;
}

/* Hold every pixel of a CMYK picture (w × h) to the ink limit of its
 * block of BLOCK × BLOCK pixels, the most ink of the four together in
 * 0..1020 (255 a solid); `inverted`: 255 is no ink.  Over the limit,
 * cyan, magenta and yellow give way in proportion and black stays (under
 * colour removal): the darks keep their depth and neutrality. */
enum { BLOCK = 16 }; /* a JPEG MCU with chroma halved both ways */

static void limit_ink(unsigned char *px, int w, int h, const int *hold, bool inverted)
{
    int flip = inverted ? 255 : 0, bw = (w + BLOCK - 1) / BLOCK;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++, px += 4) {
            int limit = hold[(y / BLOCK) * bw + x / BLOCK];
            int c = px[0] ^ flip, m = px[1] ^ flip, ye = px[2] ^ flip, k = px[3] ^ flip;
            if (c + m + ye + k <= limit)
                continue;
            int room = MAX(0, limit - k), cmy = c + m + ye;
            k = MIN(k, limit);
            px[0] = (unsigned char)((c * room / cmy) ^ flip);
            px[1] = (unsigned char)((m * room / cmy) ^ flip);
            px[2] = (unsigned char)((ye * room / cmy) ^ flip);
            px[3] = (unsigned char)(k ^ flip);
        }
    }
}

/* Block holds for a w × h picture, each `limit`. */
static int *block_holds(int w, int h, int limit)
{
    size_t n = (size_t)((w + BLOCK - 1) / BLOCK) * (size_t)((h + BLOCK - 1) / BLOCK);
    int *hold = xmalloc(sizeof(int) * n);
    for (size_t i = 0; i < n; i++)
        hold[i] = limit;
    return hold;
}

/* Decode an inverted CMYK JPEG of w × h made from `cmyk` (into
 * `scratch`, w × h × 4 bytes) and, around each pixel that came out over
 * `limit`, hold the blocks (the decoder's smoothing of the halved chroma
 * reaches into the next one) by what it is over below the most ink they
 * now have.  The number of such pixels; -1 when TurboJPEG cannot decode
 * it. */
static long lower_holds(tjhandle dec, const unsigned char *jpeg, size_t len,
                        const unsigned char *cmyk, int w, int h, unsigned char *scratch, int limit,
                        int *hold)
{
    if (tjDecompress2(dec, jpeg, (unsigned long)len, scratch, w, 0, h, TJPF_CMYK,
                      TJFLAG_ACCURATEDCT) != 0)
        return -1;
    int bw = (w + BLOCK - 1) / BLOCK, bh = (h + BLOCK - 1) / BLOCK;
    int *most = xcalloc((size_t)bw * (size_t)bh, sizeof(int));
    for (int y = 0; y < h; y++) {
        const unsigned char *p = cmyk + (size_t)y * (size_t)w * 4;
        for (int x = 0; x < w; x++, p += 4) {
            int *m = &most[(y / BLOCK) * bw + x / BLOCK];
            *m = MAX(*m, 1020 - p[0] - p[1] - p[2] - p[3]);
        }
    }
    long over = 0;
    for (int y = 0; y < h; y++) {
        const unsigned char *p = scratch + (size_t)y * (size_t)w * 4;
        for (int x = 0; x < w; x++, p += 4) {
            int ink = 1020 - p[0] - p[1] - p[2] - p[3];
            if (ink <= limit)
                continue;
            over++;
            for (int by = MAX(0, y / BLOCK - 1); by <= MIN(bh - 1, y / BLOCK + 1); by++) {
                for (int bx = MAX(0, x / BLOCK - 1); bx <= MIN(bw - 1, x / BLOCK + 1); bx++) {
                    int b = by * bw + bx;
                    hold[b] = MIN(hold[b], most[b] - 2 * (ink - limit) - 4);
                }
            }
        }
    }
    free(most);
    return over;
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
    reader_at at;      /* first: the stream's attr */
    unsigned char *data;
    bool turbojpeg;    /* data is TurboJPEG's, freed with tjFree */
} held_jpeg;

static bool held_read(reader_at *at, unsigned char *buf, size_t n)
{
    memcpy(buf, ((held_jpeg *)at)->data + at->pos, n);
    return true;
}

/* The image object HPDF_LoadJpegImageFromMem makes, key for key, but
 * reading `jpeg` (taken: freed with the pdf_image) when the document is
 * saved. */
static HPDF_Image held_image(HPDF_Doc doc, unsigned char *jpeg, size_t len, int w, int h,
                             int components, pdf_image *out)
{
    HPDF_MMgr mm = doc->mmgr;
    held_jpeg *held = xcalloc(1, sizeof *held);
    *held = (held_jpeg){.at = {len, 0, held_read}, .data = jpeg};
    out->held = held;
    out->bytes = len;
    HPDF_Dict image = HPDF_DictStream_New(mm, doc->xref);
    HPDF_Stream reader = pdfstream_reader(mm, &held->at);
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
 * outward. */
static void cut_of(const pdfimage_options *o, int w, int h, int cut[4])
{
    /* A hair inward first, so that float noise on a pixel edge takes no
     * pixel more. */
    cut[0] = MAX(0, (int)floor(o->visible[0] * w + 1e-6));
    cut[1] = MAX(0, (int)floor(o->visible[1] * h + 1e-6));
    cut[2] = MIN(w, (int)ceil(o->visible[2] * w - 1e-6));
    cut[3] = MIN(h, (int)ceil(o->visible[3] * h - 1e-6));
    if (cut[2] <= cut[0] || cut[3] <= cut[1]) {
        cut[0] = cut[1] = 0;
        cut[2] = w;
        cut[3] = h;
    }
}

/* The name of a photo converted to CMYK in the cache: a digest of the
 * photo, the profile and every setting the result depends on. */
static void converted_name(const unsigned char *photo, size_t len, const pdfimage_options *o,
                           const int cut[4], int tw, int th, char name[48])
{
    char setup[300];
    int n = snprintf(setup, sizeof setup,
                     "paiban cmyk-jpeg 4; lcms %d; sRGB; relative colorimetric, bpc; "
                     "quality %d 4:2:0 islow; ink %.3f; profile %zu bytes; photo %zu bytes; "
                     "cut %d %d %d %d to %d x %d\n",
                     cmsGetEncodedCMMversion(), o->quality, o->ink_limit, o->cmyk_profile_len, len,
                     cut[0], cut[1], cut[2], cut[3], tw, th);
    /* Quick digests of the profile and the photo (digest.h): named so on
     * every run, a photo of megabytes must not cost what converting it
     * saves. */
    unsigned char parts[32], all[32];
    digest_quick(o->cmyk_profile, o->cmyk_profile_len, parts);
    digest_quick(photo, len, parts + 16);
    digest dg;
    digest_init(&dg);
    digest_add(&dg, setup, (size_t)n);
    digest_add(&dg, parts, sizeof parts);
    digest_bytes(&dg, all);
    for (int i = 0; i < 16; i++)
        snprintf(name + 2 * i, 3, "%02x", all[i]);
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

/* The inverted CMYK picture (w × h) as a JPEG under the ink limit and
 * no larger than `budget` bytes where it can be: compressed at the
 * quality asked for, or lower in steps of QUALITY_STEP (not under
 * MIN_QUALITY) while it is larger; then decoded again and held lower,
 * block by block, where the compression pushed a pixel over the limit,
 * until none is.  The quality used in *quality; NULL when TurboJPEG fails
 * or the limit cannot be kept in HOLD_ROUNDS. */
enum { MIN_QUALITY = 50, QUALITY_STEP = 5, HOLD_ROUNDS = 8 };

/* What the pixels are held to lies a hair under the limit: for decoders
 * whose rounding differs from TurboJPEG's by a level or two. */
enum { INK_MARGIN = 4 };

static unsigned char *encode_limited(unsigned char *cmyk, int w, int h, const pdfimage_options *o,
                                     size_t budget, tjhandle dec, unsigned long *len,
                                     int *quality)
{
    const int limit = (int)floor(o->ink_limit * 255);
    int *hold = block_holds(w, h, limit - INK_MARGIN);
    tjhandle enc = tjInitCompress();
    unsigned char *out = NULL, *check = picture_alloc((size_t)w * (size_t)h * 4);
    limit_ink(cmyk, w, h, hold, true);
    *quality = o->quality;
    bool kept = false;
    for (int round = 0; enc && round < HOLD_ROUNDS;) {
        tjFree(out);
        out = NULL;
        if (tjCompress2(enc, cmyk, w, 0, h, TJPF_CMYK, &out, len, TJSAMP_420, *quality,
                        TJFLAG_ACCURATEDCT) != 0)
            break;
        if (*len > budget && *quality - QUALITY_STEP >= MIN_QUALITY) {
            *quality -= QUALITY_STEP;
            continue;
        }
        long over = lower_holds(dec, out, *len, cmyk, w, h, check, limit - INK_MARGIN / 2, hold);
        if ((kept = over == 0) || over < 0)
            break;
        limit_ink(cmyk, w, h, hold, true);
        round++;
    }
    if (!kept) {
        tjFree(out);
        out = NULL;
    }
    picture_free(check, (size_t)w * (size_t)h * 4);
    free(hold);
    if (enc)
        tjDestroy(enc);
    return out;
}

/* The quality a converted photo was compressed at, kept in the cache
 * beside it (the name with ".q"), for the preflight note; 0 when not
 * known. */
static void put_quality(const char *dir, const char *name, int quality)
{
    char qname[64], text[16];
    snprintf(qname, sizeof qname, "%s.q", name);
    int n = snprintf(text, sizeof text, "%d", quality);
    cache_put(dir, qname, (const unsigned char *)text, (size_t)n);
}

static int cached_quality(const char *dir, const char *name)
{
    char qname[64];
    snprintf(qname, sizeof qname, "%s.q", name);
    size_t len;
    unsigned char *text = cache_get(dir, qname, &len);
    int q = 0;
    if (text && len > 0 && len < 4) {
        for (size_t i = 0; i < len && text[i] >= '0' && text[i] <= '9'; i++)
            q = q * 10 + (text[i] - '0');
    }
    free(text);
    return q >= 1 && q <= 100 ? q : 0;
}

/* `jpeg` (len bytes) is the function's to free. */
static HPDF_Image jpeg_to_cmyk(HPDF_Doc doc, unsigned char *jpeg, size_t len,
                               const pdfimage_options *o, pdf_image *pi, const char **why)
{
    HPDF_Image img = NULL;
    unsigned char *rgb = NULL, *small = NULL, *cmyk = NULL, *out = NULL, *kept = NULL;
    unsigned long out_len = 0;
    int w = 0, h = 0, tw = 0, th = 0, subsamp, space;
    char name[48];
    tjhandle dec = tjInitDecompress();
    if (!dec || tjDecompressHeader3(dec, jpeg, (unsigned long)len, &w, &h, &subsamp, &space) != 0) {
        *why = "TurboJPEG cannot read it";
        goto out;
    }
    int cut[4];
    cut_of(o, w, h, cut);
    int cw = cut[2] - cut[0], ch = cut[3] - cut[1];
    embedded_size(o, cw, ch, &tw, &th);
    pi->x0 = cut[0];
    pi->y0 = cut[1];
    pi->x1 = cut[2];
    pi->y1 = cut[3];
    pi->out_w = tw;
    pi->out_h = th;
    converted_name(jpeg, len, o, cut, tw, th, name);
    size_t kept_len;
    if ((kept = cached_cmyk(dec, o->cache_dir, name, tw, th, &kept_len))) {
        img = held_image(doc, kept, kept_len, tw, th, 4, pi);
        kept = NULL;
        pi->quality = cached_quality(o->cache_dir, name);
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
    const unsigned char *from = rgb + ((size_t)cut[1] * (size_t)w + (size_t)cut[0]) * 3;
    size_t stride = (size_t)w * 3;
    bool resampled = tw != cw || th != ch;
    if (resampled) {
        small = downsample(from, stride, cw, ch, tw, th);
        picture_free(rgb, pixels * 3);
        rgb = NULL;
        from = small;
        stride = (size_t)tw * 3;
    }
    /* Without downsampling, the RGB pages are given back as converted. */
    cmyk = cmyk_from_rgb(from, stride, tw, th, o, true, !resampled);
    picture_free(rgb, pixels * 3);
    rgb = NULL;
    if (!cmyk) {
        *why = "Little CMS cannot convert from sRGB to the output profile";
        goto out;
    }
    if (!(out = encode_limited(cmyk, tw, th, o, len, dec, &out_len, &pi->quality))) {
        *why = "TurboJPEG cannot encode the CMYK picture under the ink limit";
        goto out;
    }
    cache_put(o->cache_dir, name, out, out_len);
    put_quality(o->cache_dir, name, pi->quality);
    img = held_image(doc, out, out_len, tw, th, 4, pi);
    pi->held->turbojpeg = true;
    out = NULL;
    if (!img)
        *why = "libharu does not take the CMYK JPEG";
out:
    tjFree(out);
    if (dec)
        tjDestroy(dec);
    free(kept);
    picture_free(cmyk, (size_t)tw * (size_t)th * 4);
    picture_free(small, (size_t)tw * (size_t)th * 3);
    picture_free(rgb, (size_t)w * (size_t)h * 3);
    free(jpeg);
    return img;
}

/* A PNG converted whole (a PNG is small), downsampled as a JPEG is, under
 * the ink limit exactly: it is embedded losslessly. */
static HPDF_Image png_to_cmyk(HPDF_Doc doc, const unsigned char *png, size_t len,
                              const pdfimage_options *o, pdf_image *out, const char **why)
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
        int w = (int)pi.width, h = (int)pi.height, tw, th;
        embedded_size(o, w, h, &tw, &th);
        out->out_w = tw;
        out->out_h = th;
        unsigned char *small = tw != w || th != h ? downsample(rgb, (size_t)w * 3, w, h, tw, th)
                                                  : NULL;
        unsigned char *cmyk = cmyk_from_rgb(small ? small : rgb, (size_t)tw * 3, tw, th, o,
                                            false, false);
        picture_free(small, (size_t)tw * (size_t)th * 3);
        if (!cmyk) {
            *why = "Little CMS cannot convert from sRGB to the output profile";
        } else {
            int *hold = block_holds(tw, th, (int)floor(o->ink_limit * 255));
            limit_ink(cmyk, tw, th, hold, false);
            free(hold);
            img = HPDF_LoadRawImageFromMem(doc, cmyk, (HPDF_UINT)tw, (HPDF_UINT)th,
                                           HPDF_CS_DEVICE_CMYK, 8);
        }
        if (cmyk && !img)
            *why = "libharu does not take the CMYK pixels";
        picture_free(cmyk, (size_t)tw * (size_t)th * 4);
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
                       .x1 = info.width, .y1 = info.height, .out_w = info.width,
                       .out_h = info.height, .ppi = o->ppi, .components = info.components};
    memcpy(out->visible, o->visible, sizeof out->visible);
    const char *why = "libharu cannot embed it; save it as baseline JPEG or PNG";
    char problem[200];
    if (o->rgb_to_cmyk && info.components == 3) {
        if (info.kind == IMAGE_PNG) {
            out->image = png_to_cmyk(doc, bytes, len, o, out, &why);
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
