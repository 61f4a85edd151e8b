/* image.c — JPEG SOF and PNG IHDR parsing; JPEG and PNG decoding. */
#include "input/image.h"

#include "base/bytes.h"
#include "base/cache.h"
#include "base/digest.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

static bool probe_jpeg(const unsigned char *b, size_t n, image_info *out)
{
    size_t i = 2;
    bool have_sof = false;
    while (i + 4 <= n) {
        if (b[i] != 0xFF)
            return false;
        unsigned marker = b[i + 1];
        if (marker == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            i += 2;
            continue;
        }
        unsigned len = be16_get(b + i + 2);
        if (len < 2 || i + 2 + len > n)
            return false;
        bool sof = (marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 &&
                   marker != 0xCC;
        if (sof) {
            if (len < 8)
                return false;
            out->height = (int)be16_get(b + i + 5);
            out->width = (int)be16_get(b + i + 7);
            out->components = b[i + 9];
            out->progressive = marker == 0xC2;
            out->sof = (int)marker;
            out->bits = b[i + 4];
            have_sof = true;
        }
        if (marker == 0xDA) /* start of scan: the header is over */
            return have_sof && out->width > 0 && out->height > 0 &&
                   (out->components == 1 || out->components == 3 || out->components == 4);
        i += 2 + len;
    }
    return false;
}

/* Samples per pixel of a PNG colour type, 0 for a type PNG does not have. */
static int png_channels(int color)
{
    switch (color) {
    case 0: /* gray */
    case 3: /* palette */
        return 1;
    case 4: /* gray and alpha */
        return 2;
    case 2: /* RGB */
        return 3;
    case 6: /* RGB and alpha */
        return 4;
    default:
        return 0;
    }
}

static bool probe_png(const unsigned char *b, size_t n, image_info *out)
{
    if (n < 33 || memcmp(b + 12, "IHDR", 4) != 0 || be32_get(b + 8) != 13)
        return false;
    unsigned long w = be32_get(b + 16), h = be32_get(b + 20);
    int depth = b[24], color = b[25];
    if (w == 0 || h == 0 || w > 100000 || h > 100000)
        return false;
    if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16)
        return false;
    int channels = png_channels(color);
    if (channels == 0)
        return false;
    out->width = (int)w;
    out->height = (int)h;
    out->components = color == 0 || color == 4 ? 1 : 3;
    /* The file must also hold image data and end properly. */
    bool iend = false;
    size_t i = 8, idat = 0;
    while (i + 12 <= n) {
        unsigned long len = be32_get(b + i);
        if (len > n || i + 12 + len > n)
            return false;
        if (memcmp(b + i + 4, "IDAT", 4) == 0)
            idat += len;
        if (memcmp(b + i + 4, "IEND", 4) == 0) {
            iend = true;
            break;
        }
        i += 12 + len;
    }
    /* Deflate packs at most 1032 bytes into one, so data that small
     * cannot hold this many pixels: the file was cut (and decoding it
     * would first allocate for every pixel it claims). */
    double pixel_bytes = (double)w * h * depth * channels / 8;
    return idat > 0 && iend && (double)idat * 1032 + 1032 >= pixel_bytes;
}

bool image_decode_png(const void *data, size_t len, image_pixels *out, char *problem,
                      size_t problem_size)
{
    memset(out, 0, sizeof *out);
    png_image img = {.version = PNG_IMAGE_VERSION};
    if (!png_image_begin_read_from_memory(&img, data, len)) {
        snprintf(problem, problem_size, "%s", img.message);
        png_image_free(&img);
        return false;
    }
    if ((uint64_t)img.width * img.height > IMAGE_MAX_PIXELS) {
        snprintf(problem, problem_size, "%u × %u pixels, more than %d million", img.width,
                 img.height, IMAGE_MAX_PIXELS / 1000000);
        png_image_free(&img);
        return false;
    }
    /* Print has no transparency: what is transparent shows the paper. */
    bool color = img.format & PNG_FORMAT_FLAG_COLOR;
    img.format = color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    size_t size = PNG_IMAGE_SIZE(img);
    unsigned char *pixels = xmalloc(size);
    const png_color paper = {255, 255, 255};
    if (!png_image_finish_read(&img, &paper, pixels, 0, NULL)) {
        snprintf(problem, problem_size, "%s", img.message);
        png_image_free(&img);
        free(pixels);
        return false;
    }
    *out = (image_pixels){.data = pixels, .width = (int)img.width, .height = (int)img.height,
                          .components = color ? 3 : 1};
    return true;
}

/* Every scan of a JPEG decoded, at an eighth of its size (the entropy
 * coded data is read in full either way, and an eighth needs 64 times
 * less memory): libjpeg's warnings — data cut short, a marker where data
 * should be, a component count or a precision it cannot take — are errors
 * here, as a reader of the PDF would show them as damage.  At most 500
 * scans, as a progressive JPEG of thousands would take minutes. */
static bool decode_jpeg(const unsigned char *b, size_t n, const image_info *info, char *problem,
                        size_t size)
{
    tjhandle h = tjInitDecompress();
    if (!h) {
        snprintf(problem, size, "TurboJPEG cannot start");
        return false;
    }
    int w, hgt, subsamp, space;
    bool ok = tjDecompressHeader3(h, b, (unsigned long)n, &w, &hgt, &subsamp, &space) == 0;
    if (ok && (w != info->width || hgt != info->height)) {
        snprintf(problem, size, "its frame says %d × %d pixels, its header %d × %d", info->width,
                 info->height, w, hgt);
        tjDestroy(h);
        return false;
    }
    unsigned char *pixels = NULL;
    if (ok) {
        tjscalingfactor eighth = {1, 8};
        int sw = TJSCALED(w, eighth), sh = TJSCALED(hgt, eighth);
        int format = space == TJCS_CMYK || space == TJCS_YCCK ? TJPF_CMYK : TJPF_RGB;
        pixels = xmalloc((size_t)sw * (size_t)sh * (size_t)tjPixelSize[format]);
        ok = tjDecompress2(h, b, (unsigned long)n, pixels, sw, 0, sh, format,
                           TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) == 0;
    }
    if (!ok)
        snprintf(problem, size, "%s", tjGetErrorStr2(h));
    free(pixels);
    tjDestroy(h);
    return ok;
}

/* A PNG read from memory by libpng's own reader, row by row. */
typedef struct png_source {
    const unsigned char *data;
    size_t len, at;
    char *problem;
    size_t size;
} png_source;

static void png_from_memory(png_structp png, png_bytep out, size_t n)
{
    png_source *s = png_get_io_ptr(png);
    if (n > s->len - s->at)
        png_error(png, "the file ends in the middle of its data");
    memcpy(out, s->data + s->at, n);
    s->at += n;
}

static void png_failed(png_structp png, png_const_charp message)
{
    png_source *s = png_get_error_ptr(png);
    snprintf(s->problem, s->size, "%s", message);
    png_longjmp(png, 1);
}

static void png_warned(png_structp png, png_const_charp message) {}

/* Every row of every pass of a PNG decoded into one row's memory, and its
 * end read: damage anywhere, a checksum that does not match, data that
 * stops short, is an error with libpng's account of it. */
static bool decode_png_rows(const unsigned char *b, size_t n, char *problem, size_t size)
{
    png_source s = {.data = b, .len = n, .problem = problem, .size = size};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, png_failed, png_warned);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        snprintf(problem, size, "libpng cannot start");
        png_destroy_read_struct(&png, NULL, NULL);
        return false;
    }
    unsigned char *volatile row = NULL;
    bool ok = false;
    if (!setjmp(png_jmpbuf(png))) {
        png_set_read_fn(png, &s, png_from_memory);
        png_read_info(png, info);
        int passes = png_set_interlace_handling(png);
        png_read_update_info(png, info);
        row = xmalloc(png_get_rowbytes(png, info));
        png_uint_32 rows = png_get_image_height(png, info);
        for (int pass = 0; pass < passes; pass++)
            for (png_uint_32 y = 0; y < rows; y++)
                png_read_row(png, row, NULL);
        png_read_end(png, NULL);
        ok = true;
    }
    free(row);
    png_destroy_read_struct(&png, &info, NULL);
    return ok;
}

/* The photo cache's entry that says these bytes decoded whole: a digest
 * of them and of what decoded them. */
static void decoded_name(const unsigned char *b, size_t n, char name[48])
{
    char setup[120];
    int k = snprintf(setup, sizeof setup, "paiban photo decodes 1; libpng %s; %zu bytes\n",
                     PNG_LIBPNG_VER_STRING, n);
    /* A quick digest of the photo (digest.h), as the CMYK cache names its
     * entries: a photo of megabytes is named at next to no cost. */
    unsigned char parts[32], all[32];
    digest_quick(setup, (size_t)k, parts);
    digest_quick(b, n, parts + 16);
    digest dg;
    digest_init(&dg);
    digest_add(&dg, parts, sizeof parts);
    digest_bytes(&dg, all);
    for (int i = 0; i < 16; i++)
        snprintf(name + 2 * i, 3, "%02x", all[i]);
    strcpy(name + 32, "-decodes");
}

/* The photo decoded in full, unless the photo cache says these very bytes
 * did before (decoding a large photo is most of a page's loading time, and
 * a desk sets the same photos again and again); a success is kept there. */
static bool decodes(const unsigned char *b, size_t n, const image_info *info, char *problem,
                    size_t size)
{
    char *dir = cache_dir();
    char name[48];
    decoded_name(b, n, name);
    size_t len = 0;
    unsigned char *entry = dir ? cache_get(dir, name, &len) : NULL;
    bool ok = entry && len == 3 && memcmp(entry, "ok\n", 3) == 0;
    free(entry);
    if (!ok) {
        ok = info->kind == IMAGE_JPEG ? decode_jpeg(b, n, info, problem, size)
                                      : decode_png_rows(b, n, problem, size);
        if (ok && dir)
            cache_put(dir, name, "ok\n", 3);
    }
    free(dir);
    return ok;
}

bool image_sniff(const void *data, size_t len, image_kind *kind)
{
    const unsigned char *b = data;
    if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        *kind = IMAGE_JPEG;
    else if (len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        *kind = IMAGE_PNG;
    else
        return false;
    return true;
}

bool image_check(const void *data, size_t n, const char *path, bool decode, image_info *out,
                 src_loc where, diag *d)
{
    memset(out, 0, sizeof *out);
    const unsigned char *buf = data;
    bool ok = false;
    if (!image_sniff(buf, n, &out->kind)) {
        return diag_error(d, where,
                          "the photo %s is neither JPEG nor PNG; convert it to one of them", path);
    } else if (out->kind == IMAGE_JPEG) {
        ok = probe_jpeg(buf, n, out);
        /* A JPEG must end with EOI; a truncated file does not. */
        if (ok && !(n >= 2 && buf[n - 2] == 0xFF && buf[n - 1] == 0xD9))
            ok = false;
        if (!ok)
            return diag_error(d, where,
                              "the photo %s is not a complete JPEG file (truncated or "
                              "damaged); export it again",
                              path);
    } else if (!probe_png(buf, n, out)) {
        return diag_error(d, where,
                          "the photo %s is not a complete PNG file (truncated or damaged); "
                          "export it again",
                          path);
    }
    /* Decoding allocates for every pixel the header claims, whatever the
     * file's size: a few hundred bytes may claim gigabytes. */
    if ((uint64_t)out->width * (uint64_t)out->height > IMAGE_MAX_PIXELS)
        return diag_error(d, where,
                          "the photo %s has %d × %d pixels, more than %d million; scale it "
                          "down to what the page prints",
                          path, out->width, out->height, IMAGE_MAX_PIXELS / 1000000);
    char problem[200];
    if (!decode || decodes(buf, n, out, problem, sizeof problem))
        return true;
    if (out->kind == IMAGE_PNG)
        return diag_error(d, where, "the photo %s is a damaged PNG file (%s); export it again",
                          path, problem);
    return diag_error(d, where,
                      "the photo %s does not decode (%s): it is damaged, or a kind of JPEG "
                      "that "
                      "PDF readers do not take; export it again as a baseline JPEG",
                      path, problem);
}

bool image_read_error(diag *d, const char *path, int err, src_loc where)
{
    if (err == EISDIR)
        return diag_error(d, where, "the photo %s is a folder, not a file", path);
    if (err == EINVAL)
        return diag_error(d, where, "the photo %s is not a regular file", path);
    if (err == EFBIG)
        return diag_error(d, where, "the photo %s is larger than %d MiB", path,
                          IMAGE_MAX_BYTES >> 20);
    return diag_error(d, where, "cannot open the photo %s: %s", path, strerror(err));
}

bool image_read(const file_source *src, const char *path, char **data, size_t *len, src_loc where,
                diag *d)
{
    if (files_read(src, path, IMAGE_MAX_BYTES, data, len))
        return true;
    return image_read_error(d, path, errno, where);
}
