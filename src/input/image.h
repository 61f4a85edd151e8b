/* image.h — what a photo file is, read from its header, and whether it is
 * whole, decoded in full.
 *
 * Only JPEG and PNG are accepted (the formats libharu embeds).  The header
 * is parsed with bounds checks before anything else touches the file; the
 * size it claims is bounded before anything is decoded (IMAGE_MAX_PIXELS);
 * then the photo is decoded in full, whatever its kind and whatever form
 * of the PDF it goes to: a JPEG by TurboJPEG (every scan, at an eighth of
 * its size, libjpeg's warnings counting as damage), a PNG by libpng row by
 * row.  So a truncated, damaged or mislabelled file — a JPEG whose scan
 * data is missing, whose frame claims a size or a component count its data
 * does not have, of 12-bit precision, or arithmetic-coded in name only —
 * is an error with its name where the article names it, never embedded.
 * The kind comes from the bytes, never from the file name.
 *
 * Memory: checking holds the file and one row (PNG) or an eighth of the
 * picture (JPEG); the PDF writer decodes a photo whole to convert it, up
 * to IMAGE_MAX_PIXELS, which bounds it. */
#ifndef PAIBAN_INPUT_IMAGE_H
#define PAIBAN_INPUT_IMAGE_H

#include "base/base.h"
#include "base/diag.h"
#include "base/files.h"

typedef enum { IMAGE_JPEG, IMAGE_PNG } image_kind;

typedef struct image_info {
    image_kind kind;
    int width, height;   /* pixels */
    int components;      /* 1 gray, 3 RGB, 4 CMYK (JPEG) */
    bool progressive;    /* progressive JPEG */
    int sof;             /* JPEG: the start-of-frame marker (0xC0 baseline …) */
    int bits;            /* JPEG: bits per sample */
} image_info;

/* Photos larger than this are refused: files in bytes, images in pixels
 * (4000 × 3000, a broadsheet page across at 200 ppi; converting one to
 * the press's CMYK holds up to 11 bytes a pixel, which keeps a run within
 * 200 MiB). */
enum { IMAGE_MAX_BYTES = 16 << 20, IMAGE_MAX_PIXELS = 12000000 };

/* A PNG decoded for embedding. */
typedef struct image_pixels {
    unsigned char *data;  /* rows top down, one byte a sample; the caller frees it */
    int width, height;
    int components;       /* 1 gray, 3 RGB */
} image_pixels;

/* The photo's bytes, at most IMAGE_MAX_BYTES; the caller frees them.
 * False, with an error at `where`, when they cannot be had. */
bool image_read(const file_source *src, const char *path, char **data, size_t *len, src_loc where,
                diag *d);
/* The error for a photo that cannot be read (errno `err`, as files.h
 * gives it), at `where`; always false. */
bool image_read_error(diag *d, const char *path, int err, src_loc where);
/* What the bytes of the photo `path` (named so in messages) are: false,
 * with an error at `where`, when they are not a whole JPEG or PNG within
 * the limits.  With `decode` the photo is decoded in full (above); without,
 * only its structure is checked (bytes checked so before). */
bool image_check(const void *data, size_t len, const char *path, bool decode, image_info *out,
                 src_loc where, diag *d);
/* The kind of image `data` holds, by its signature; false for neither. */
bool image_sniff(const void *data, size_t len, image_kind *kind);
/* Decode a PNG to 8-bit gray or RGB, transparency laid onto white paper.
 * False, with libpng's account of the damage in `problem`, for a file
 * that is not a whole PNG.  (libharu's own PNG reader cannot be used: on
 * damaged data it leaves libpng no way out but abort().) */
bool image_decode_png(const void *data, size_t len, image_pixels *out, char *problem,
                      size_t problem_size);

#endif
