/* shape.h — HarfBuzz shaping of a paragraph's runs, grouped into units.
 *
 * Each run is shaped with the whole paragraph as context (the run is a
 * range of one buffer of all its characters), language zh-Hans so that
 * `locl` gives mainland punctuation (PU-1).  The glyphs are then grouped
 * into units — HarfBuzz clusters, the smallest pieces a line can break
 * between — with their width at the style's size and, for Chinese opening
 * and closing marks, the blank half of the em box that may be compressed,
 * measured from the glyph's ink rather than assumed (PU-10). */
#ifndef PAIBAN_TEXT_SHAPE_H
#define PAIBAN_TEXT_SHAPE_H

#include "text/segment.h"

typedef struct glyph {
    unsigned gid;
    int face;
    int cluster;          /* index of the cluster's first character */
    int x_advance;        /* font units */
    int x_offset, y_offset;
} glyph;

typedef struct unit {
    int cp_start, cp_end; /* characters [cp_start, cp_end) */
    int glyph_start, glyph_end;
    int face;
    int span;
    char_class cls;
    scaled size;
    scaled width;         /* advance at size */
    scaled blank_left;    /* compressible blank before the ink (opening marks) */
    scaled blank_right;   /* after the ink (closing marks, stops) */
    unsigned hyphen_gid;  /* a line may break after it with a hyphen (LB-13): */
    scaled hyphen_width;  /* the face's hyphen and its advance, else 0 */
} unit;

typedef struct shaped_para {
    glyph *glyphs;
    int glyph_count;
    unit *units;
    int unit_count;
} shaped_para;

typedef struct shaper shaper;

shaper *shaper_new(void);
void shaper_free(shaper *s);
void shape_para(shaper *s, const para_text *t, const span *spans, const layout *l,
                fontset *fonts, arena *scratch, shaped_para *out);

/* Font units to scaled at a size. */
scaled shape_scale(int font_units, int upem, scaled size);

#endif
