/* image.h — what a photo file is, read from its header.
 *
 * Only JPEG and PNG are accepted (the formats libharu embeds).  The header
 * is parsed with bounds checks before anything else touches the file, and
 * a PNG is decoded in full, so a truncated, damaged or mislabelled file is
 * an error with its name, not a crash.  The kind comes from the bytes,
 * never from the file name. */
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

/* Photos larger than this are refused: files in bytes, images in pixels. */
enum { IMAGE_MAX_BYTES = 256 << 20, IMAGE_MAX_PIXELS = 50000000 };

/* A PNG decoded for embedding. */
typedef struct image_pixels {
    unsigned char *data;  /* rows top down, one byte a sample; the caller frees it */
    int width, height;
    int components;       /* 1 gray, 3 RGB */
} image_pixels;

/* Read the photo at `path` through `src` (NULL: the disk) and check it
 * (PNG decoded in full).  False, with an error at `where`, when the file
 * is missing, unreadable, too large, not JPEG or PNG, or damaged. */
bool image_probe(const file_source *src, const char *path, image_info *out, src_loc where,
                 diag *d);
/* The photo's bytes, at most IMAGE_MAX_BYTES; the caller frees them.
 * False, with an error at `where`, when they cannot be had. */
bool image_read(const file_source *src, const char *path, char **data, size_t *len,
                src_loc where, diag *d);
/* image_probe on bytes already read (`path` names them in messages); a
 * PNG is decoded only when `decode_png` asks for it. */
bool image_check(const void *data, size_t len, const char *path, bool decode_png,
                 image_info *out, src_loc where, diag *d);
/* The kind of image `data` holds, by its signature; false for neither. */
bool image_sniff(const void *data, size_t len, image_kind *kind);
/* Decode a PNG to 8-bit gray or RGB, transparency laid onto white paper.
 * False, with libpng's account of the damage in `problem`, for a file
 * that is not a whole PNG.  (libharu's own PNG reader cannot be used: on
 * damaged data it leaves libpng no way out but abort().) */
bool image_decode_png(const void *data, size_t len, image_pixels *out, char *problem,
                      size_t problem_size);

#endif
