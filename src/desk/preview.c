/* preview.c — previews through pdftoppm, and side-by-side pictures. */
#include "desk/preview.h"

#include "base/files.h"

#include <errno.h>
#include <limits.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static bool on_path(const char *program)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char *copy = xstrdup(path);
    bool found = false;
    for (char *dir = strtok(copy, ":"); dir && !found; dir = strtok(NULL, ":")) {
        char *full = xasprintf("%s/%s", dir, program);
        found = access(full, X_OK) == 0;
        free(full);
    }
    free(copy);
    return found;
}

bool png_render(const char *pdf, int pages, const char *dir, const char *prefix, int dpi,
                diag *d)
{
    src_loc where = {pdf, 0, 0};
    if (!on_path("pdftoppm"))
        return diag_env_error(d, where, "pdftoppm is not installed; --png needs it: apt-get install "
                                        "poppler-utils");
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return diag_env_error(d, (src_loc){dir, 0, 0}, "cannot make the folder: %s",
                              strerror(errno));
    char res[16];
    snprintf(res, sizeof res, "%d", dpi);
    /* A page at a time with -singlefile: pdftoppm pads page numbers to
     * the width of the page count, and our names must not depend on it. */
    for (int page = 1; page <= pages; page++) {
        char num[16];
        snprintf(num, sizeof num, "%d", page);
        char *root = xasprintf("%s/%s-%d", dir, prefix, page);
        pid_t pid = fork();
        if (pid == 0) {
            execlp("pdftoppm", "pdftoppm", "-q", "-r", res, "-f", num, "-l", num, "-singlefile",
                   "-png", pdf, root, (char *)NULL);
            _exit(127);
        }
        free(root);
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            return diag_env_error(d, where, "pdftoppm could not render page %d", page);
    }
    return true;
}

typedef struct image {
    png_uint_32 w, h;
    png_bytep *rows; /* RGB */
} image;

static void image_free(image *im)
{
    for (png_uint_32 y = 0; im->rows && y < im->h; y++)
        free(im->rows[y]);
    free(im->rows);
}

static bool read_png(const char *file, image *im, diag *d)
{
    memset(im, 0, sizeof *im);
    FILE *f = fopen(file, "rb");
    if (!f)
        return diag_env_error(d, (src_loc){file, 0, 0}, "cannot open: %s", strerror(errno));
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    /* libpng reports errors by longjmp; this is its one place. */
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(f);
        image_free(im);
        return diag_env_error(d, (src_loc){file, 0, 0}, "cannot read this PNG");
    }
    png_init_io(png, f);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_strip_alpha(png);
    png_set_gray_to_rgb(png);
    png_read_update_info(png, info);
    im->w = png_get_image_width(png, info);
    im->h = png_get_image_height(png, info);
    im->rows = xcalloc(im->h, sizeof(png_bytep));
    for (png_uint_32 y = 0; y < im->h; y++)
        im->rows[y] = xmalloc(png_get_rowbytes(png, info));
    png_read_image(png, im->rows);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    return true;
}

typedef VEC(unsigned char) png_bytes;

static void append_bytes(png_structp png, png_bytep data, size_t len)
{
    png_bytes *b = png_get_io_ptr(png);
    if (len > (size_t)(INT_MAX - b->n))
        png_error(png, "picture too large");
    VEC_GROW(*b, b->n + (int)len);
    memcpy(b->v + b->n, data, len);
    b->n += (int)len;
}

bool png_side_by_side(const char *left, const char *right, const char *out, diag *d)
{
    image a, b;
    if (!read_png(left, &a, d))
        return false;
    if (!read_png(right, &b, d)) {
        image_free(&a);
        return false;
    }
    png_uint_32 gap = 16, w = a.w + gap + b.w, h = a.h > b.h ? a.h : b.h;
    /* Made in memory, then written through a temporary file: a failed
     * run leaves the previous picture, and no half of one. */
    png_bytes bytes = {0};
    bool ok = true;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep row = xmalloc((size_t)w * 3);
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        ok = false;
    } else {
        png_set_write_fn(png, &bytes, append_bytes, NULL);
        png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        for (png_uint_32 y = 0; y < h; y++) {
            memset(row, 0xFF, (size_t)w * 3);
            if (y < a.h)
                memcpy(row, a.rows[y], (size_t)a.w * 3);
            if (y < b.h)
                memcpy(row + (size_t)(a.w + gap) * 3, b.rows[y], (size_t)b.w * 3);
            png_write_row(png, row);
        }
        png_write_end(png, NULL);
    }
    if (png)
        png_destroy_write_struct(&png, &info);
    free(row);
    image_free(&a);
    image_free(&b);
    if (!ok) {
        VEC_FREE(bytes);
        return diag_env_error(d, (src_loc){out, 0, 0}, "cannot make the side-by-side picture");
    }
    ok = write_file_atomic(out, bytes.v, (size_t)bytes.n, d);
    VEC_FREE(bytes);
    return ok;
}
