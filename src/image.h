/* image.h — what a photo file is, read from its header.
 *
 * Only JPEG and PNG are accepted (the formats libharu embeds).  The header
 * is parsed with bounds checks before anything else touches the file, so a
 * truncated or mislabelled file is an error with its name, not a crash. */
#ifndef PAIBAN_IMAGE_H
#define PAIBAN_IMAGE_H

#include "base.h"
#include "diag.h"

typedef enum { IMAGE_JPEG, IMAGE_PNG } image_kind;

typedef struct image_info {
    image_kind kind;
    int width, height;   /* pixels */
    int components;      /* 1 gray, 3 RGB, 4 CMYK (JPEG) */
    bool progressive;    /* progressive JPEG */
    int sof;             /* JPEG: the start-of-frame marker (0xC0 baseline …) */
    int bits;            /* JPEG: bits per sample */
} image_info;

/* False, with an error at `where`, when the file is missing, unreadable,
 * not JPEG or PNG, or its header is broken. */
bool image_probe(const char *path, image_info *out, src_loc where, diag *d);

#endif
