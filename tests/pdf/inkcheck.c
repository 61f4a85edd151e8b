/* inkcheck — the ink coverage of a CMYK picture, as the press gets it.
 *
 *   inkcheck [--inverted] FILE.jpg          a CMYK JPEG, decoded by TurboJPEG
 *   inkcheck [--inverted] --raw W H FILE    W × H pixels of 8-bit CMYK
 *
 * --inverted: a sample of 255 is no ink (a PDF Decode array of [1 0 1 0 1 0
 * 1 0], as Adobe's CMYK JPEGs are stored).  Prints one line: the pixels,
 * the largest total area coverage of any pixel and its 99th percentile in
 * per cent, and how many pixels exceed each limit from 200% to 320% in
 * steps of 10:  "pixels 123 max 238.4 p99 231.0 over 200:17 210:3 …".
 * Exit 0, or 2 when the file cannot be read or decoded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    unsigned char *buf = malloc(cap);
    for (size_t k; buf && (k = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += k;
        if (n == cap) {
            unsigned char *more = realloc(buf, cap *= 2);
            if (!more) {
                free(buf);
                buf = NULL;
            }
            buf = more;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    int a = 1, inverted = 0, raw = 0, w = 0, h = 0;
    if (a < argc && strcmp(argv[a], "--inverted") == 0)
        inverted = 1, a++;
    if (a + 2 < argc && strcmp(argv[a], "--raw") == 0) {
        raw = 1;
        w = atoi(argv[a + 1]);
        h = atoi(argv[a + 2]);
        a += 3;
    }
    if (a + 1 != argc) {
        fprintf(stderr, "usage: inkcheck [--inverted] [--raw W H] FILE\n");
        return 2;
    }
    size_t len;
    unsigned char *data = read_all(argv[a], &len), *px = data;
    if (!data) {
        fprintf(stderr, "inkcheck: cannot read %s\n", argv[a]);
        return 2;
    }
    if (!raw) {
        tjhandle dec = tjInitDecompress();
        int sub, space;
        if (!dec || tjDecompressHeader3(dec, data, (unsigned long)len, &w, &h, &sub, &space) != 0 ||
            !(px = malloc((size_t)w * h * 4)) ||
            tjDecompress2(dec, data, (unsigned long)len, px, w, 0, h, TJPF_CMYK, TJFLAG_ACCURATEDCT) != 0) {
            fprintf(stderr, "inkcheck: %s is no CMYK JPEG TurboJPEG decodes\n", argv[a]);
            return 2;
        }
        tjDestroy(dec);
    } else if (len < (size_t)w * h * 4 || w <= 0 || h <= 0) {
        fprintf(stderr, "inkcheck: %s holds fewer than %d × %d CMYK pixels\n", argv[a], w, h);
        return 2;
    }
    static long hist[1021];
    size_t n = (size_t)w * h;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = px + i * 4;
        int s = p[0] + p[1] + p[2] + p[3];
        hist[inverted ? 1020 - s : s]++;
    }
    int max = 0, p99 = -1;
    long seen = 0;
    for (int s = 0; s <= 1020; s++) {
        if (hist[s])
            max = s;
        seen += hist[s];
        if (p99 < 0 && seen >= (long)(n * 0.99))
            p99 = s;
    }
    printf("pixels %zu max %.1f p99 %.1f over", n, max * 100.0 / 255, p99 * 100.0 / 255);
    for (int limit = 200; limit <= 320; limit += 10) {
        long over = 0;
        for (int s = 0; s <= 1020; s++)
            if (s * 100 > limit * 255)
                over += hist[s];
        printf(" %d:%ld", limit, over);
    }
    printf("\n");
    if (px != data)
        free(px);
    free(data);
    return 0;
}
