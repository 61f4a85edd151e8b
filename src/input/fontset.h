/* fontset.h — the faces named in fonts/fonts.yaml, opened on first use.
 *
 * The manifest names each face by a short id ("serif", "sans-bold") with its
 * family and style, found through fontconfig, or a path; and the Debian
 * package that provides it, so a missing font is an error that says what to
 * install.  A face is opened once: the file is mapped (not read), HarfBuzz
 * shapes with its own OpenType functions at a scale of one font unit, so
 * shaping results do not depend on the type size, and FreeType reads the
 * CFF charset (the CIDs the PDF needs).
 *
 * Faces are numbered by their order in the manifest; `int face` below is
 * that number.  All lengths here are font units (upem per em). */
#ifndef PAIBAN_INPUT_FONTSET_H
#define PAIBAN_INPUT_FONTSET_H

#include "base/base.h"
#include "base/diag.h"

#include <hb.h>

typedef struct fontset fontset;

typedef struct face_info {
    const char *id;        /* manifest key */
    const char *family;    /* as requested */
    const char *style;
    const char *package;   /* Debian package that provides it, or NULL */
    const char *path;      /* resolved file, once opened */
    int index;             /* face index in a collection */
    bool is_cff;           /* CFF outlines (else TrueType glyf) */
    bool cid_keyed;        /* CFF with a CID charset */
    int upem;
    int ascender, descender; /* hhea/OS2 typo, font units; descender < 0 */
    int ideo_bottom;       /* ideographic em-box bottom (negative), font units */
    const char *ps_name;   /* PostScript name, for the PDF BaseFont */
    unsigned glyph_count;
} face_info;

/* Read the manifest.  Faces are not opened yet.  NULL on error. */
fontset *fontset_load(const char *manifest, diag *d);
void fontset_free(fontset *fs);

int fontset_count(const fontset *fs);
/* The face with this id, or -1. */
int fontset_find(const fontset *fs, const char *id);
/* Open a face if it is not open; false (with an error naming the family
 * and its Debian package) when it cannot be found or read. `why` is the
 * location of whatever needs the face. */
bool fontset_open(fontset *fs, int face, src_loc why, diag *d);
bool fontset_is_open(const fontset *fs, int face);
/* Borrowed; valid only for an open face. */
const face_info *fontset_info(const fontset *fs, int face);
hb_font_t *fontset_hb_font(const fontset *fs, int face);
hb_face_t *fontset_hb_face(const fontset *fs, int face);
/* The faces tried, in order, for characters a style's own face lacks. */
const int *fontset_fallbacks(const fontset *fs, int *count);

/* Nominal glyph of cp, or 0 when the face has none. */
unsigned fontset_glyph(const fontset *fs, int face, uint32_t cp);
int fontset_advance(const fontset *fs, int face, unsigned glyph);
/* Ink box in font units: x from the origin, y up from the baseline. */
void fontset_extents(const fontset *fs, int face, unsigned glyph, int *x_min, int *x_max,
                     int *y_min, int *y_max);
/* The code the PDF shows for a glyph: its CID in a CID-keyed CFF,
 * else the glyph id itself. */
unsigned fontset_cid(const fontset *fs, int face, unsigned glyph);

/* Open ahead of need each of faces[0..count) not tried yet, so that setting
 * text only looks faces up.  Nothing is reported here: a face that cannot
 * be opened is left untried, for fontset_open to report (with the location
 * of whatever needs it) where something first does, as without this; a
 * face nothing needs is never an error. */
void fontset_open_ahead(fontset *fs, const int *faces, int count);

#endif
