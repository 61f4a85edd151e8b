/* image.c — JPEG SOF and PNG IHDR parsing. */
#include "image.h"

#include <errno.h>
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
    out->width = (int)w;
    out->height = (int)h;
    out->components = color == 0 || color == 4 ? 1 : 3;
    if (color != 0 && color != 2 && color != 3 && color != 4 && color != 6)
        return false;
    /* The file must also hold image data and end properly. */
    bool idat = false, iend = false;
    size_t i = 8;
    while (i + 12 <= n) {
        unsigned long len = be32(b + i);
        if (len > n || i + 12 + len > n)
            return false;
        if (memcmp(b + i + 4, "IDAT", 4) == 0)
            idat = true;
        if (memcmp(b + i + 4, "IEND", 4) == 0) {
            iend = true;
            break;
        }
        i += 12 + len;
    }
    return idat && iend;
}

bool image_probe(const char *path, image_info *out, src_loc where, diag *d)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_error(d, where, "cannot open the photo %s: %s", path, strerror(errno));
    /* Headers sit at the front, but a PNG's chunks are checked to the end
     * and a JPEG's last bytes too: read the whole file (photos are small
     * next to this limit). */
    enum { LIMIT = 256 << 20 };
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return diag_error(d, where, "cannot read the photo %s", path);
    }
    long size = ftell(f);
    rewind(f);
    if (size < 0 || size > LIMIT) {
        fclose(f);
        return diag_error(d, where, "the photo %s is larger than %d MiB", path, LIMIT >> 20);
    }
    unsigned char *buf = xmalloc((size_t)size + 1);
    size_t n = fread(buf, 1, (size_t)size, f);
    bool read_error = ferror(f);
    fclose(f);
    bool ok = false;
    if (read_error) {
        free(buf);
        return diag_error(d, where, "cannot read the photo %s", path);
    }
    if (n >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF) {
        out->kind = IMAGE_JPEG;
        ok = probe_jpeg(buf, n, out);
        /* A JPEG must end with EOI; a truncated file does not. */
        if (ok && !(n >= 2 && buf[n - 2] == 0xFF && buf[n - 1] == 0xD9))
            ok = false;
        if (!ok)
            diag_error(d, where, "the photo %s is not a complete JPEG file (truncated or "
                                 "damaged); export it again", path);
    } else if (n >= 8 && memcmp(buf, "\x89PNG\r\n\x1a\n", 8) == 0) {
        out->kind = IMAGE_PNG;
        ok = probe_png(buf, n, out);
        if (!ok)
            diag_error(d, where, "the photo %s is not a complete PNG file (truncated or "
                                 "damaged); export it again", path);
    } else {
        diag_error(d, where, "the photo %s is neither JPEG nor PNG; convert it to one of them",
                   path);
    }
    free(buf);
    return ok;
}
