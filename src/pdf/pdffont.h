/* pdffont.h — our Type0 (Identity-H) fonts inside a libharu document.
 *
 * libharu cannot show glyphs by ID, so each face gets a font dictionary of
 * our own that libharu accepts as a font (it registers it in the page
 * resources through HPDF_Page_SetFontAndSize), while we write the TJ
 * operators with glyph codes ourselves.  The codes are the glyphs' CIDs in
 * the original font (its CFF charset) or, for TrueType, its glyph IDs; so
 * pages can be written before the subset exists.  At the end
 * pdffont_subset subsets the face with hb-subset and pdffont_finish builds
 * the objects:
 * CFF as /FontFile3 /CIDFontType0C, TrueType as /FontFile2 with a
 * /CIDToGIDMap, widths from the font program, and a ToUnicode CMap from
 * the text of each cluster.  See docs/pdf.md. */
#ifndef PAIBAN_PDF_PDFFONT_H
#define PAIBAN_PDF_PDFFONT_H

#include "base/base.h"
#include "base/diag.h"
#include "input/fontset.h"

#include <hpdf.h>

typedef struct pdf_font pdf_font;

/* cache_dir: where subsets are kept between runs (cache.h), or NULL. */
pdf_font *pdffont_new(HPDF_Doc doc, fontset *fonts, int face, const char *cache_dir);
void pdffont_free(pdf_font *f);
/* The dictionary to give HPDF_Page_SetFontAndSize. */
HPDF_Font pdffont_handle(const pdf_font *f);
/* Record a use of glyph `gid` showing `text` (len bytes, may be 0) and
 * return the 2-byte code to write.  *conflict is set when the code already
 * maps to other text (the caller then marks the text with ActualText). */
unsigned pdffont_use(pdf_font *f, unsigned gid, const char *text, int len, bool *conflict);
/* Width of a glyph in the font program, in thousandths of an em (the value
 * in /W). */
double pdffont_width(const pdf_font *f, unsigned gid);
/* Subset the face to the glyphs used and deflate what goes into the PDF:
 * the font program, the CIDToGIDMap, the ToUnicode CMap — or take them
 * from the cache, where a run before kept them under a digest of the face
 * and of every glyph used with its code and text.  Touches no
 * libharu object and no other pdf_font, so the fonts of a document may be
 * subset on threads of their own, all at once; false when it failed (the
 * reason is reported by pdffont_finish). */
bool pdffont_subset(pdf_font *f);
/* Write the font's objects into the document, after pdffont_subset (or
 * calling it); false on failure (reported). */
bool pdffont_finish(pdf_font *f, diag *d);
/* Statistics for timing reports. */
unsigned pdffont_glyph_count(const pdf_font *f);

#endif
