/* image.c — JPEG SOF and PNG IHDR parsing; PNG decoding. */
#include "input/image.h"

#include <errno.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

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
        unsigned len = be16(b + i + 2);
        if (len < 2 || i + 2 + len > n)
            return false;
        bool sof = (marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 &&
                   marker != 0xCC;
        if (sof) {
            if (len < 8)
                return false;
            out->height = (int)be16(b + i + 5);
            out->width = (int)be16(b + i + 7);
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
    if (n < 33 || memcmp(b + 12, "IHDR", 4) != 0 || be32(b + 8) != 13)
        return false;
    unsigned long w = be32(b + 16), h = be32(b + 20);
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
        unsigned long len = be32(b + i);
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

bool image_check(const void *data, size_t n, const char *path, bool decode_png,
                 image_info *out, src_loc where, diag *d)
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
    if (out->kind == IMAGE_PNG && decode_png) {
        image_pixels px;
        char problem[200];
        if (!image_decode_png(buf, n, &px, problem, sizeof problem))
            return diag_error(d, where,
                              "the photo %s is a damaged PNG file (%s); export it again", path,
                              problem);
        free(px.data);
    }
    return true;
}

bool image_read(const file_source *src, const char *path, char **data, size_t *len,
                src_loc where, diag *d)
{
    if (files_read(src, path, IMAGE_MAX_BYTES, data, len))
        return true;
    if (errno == EISDIR)
        return diag_error(d, where, "the photo %s is a folder, not a file", path);
    if (errno == EINVAL)
        return diag_error(d, where, "the photo %s is not a regular file", path);
    if (errno == EFBIG)
        return diag_error(d, where, "the photo %s is larger than %d MiB", path,
                          IMAGE_MAX_BYTES >> 20);
    return diag_error(d, where, "cannot open the photo %s: %s", path, strerror(errno));
}

bool image_probe(const file_source *src, const char *path, image_info *out, src_loc where,
                 diag *d)
{
    memset(out, 0, sizeof *out);
    /* Headers sit at the front, but a PNG's chunks are checked to the end
     * and a JPEG's last bytes too: read the whole file (photos are small
     * next to this limit).  A PNG is decoded now, so a damaged file is
     * reported where the article names it, not when the PDF is written. */
    char *data;
    size_t n;
    if (!image_read(src, path, &data, &n, where, d))
        return false;
    bool ok = image_check(data, n, path, true, out, where, d);
    free(data);
    return ok;
}
