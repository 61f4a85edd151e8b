/* writer.h — internal to pdf/: the state of one PDF being written and the
 * steps the writer's files lend each other.  Only files of pdf/ include it
 * (callers have pdf.h); it includes pdf.h, the pdf/ headers of what the
 * writer holds (fonts, photos, structure) and libharu.
 *
 * pdf_open (writer.c) makes the writer for the life of one document and
 * pdf_close frees all it holds; the steps below work on it and return no memory of
 * their own.  Each file does one job:
 *   writer.c     the document's life: open, page by page, finish, describe, save
 *   draw.c       display-list ops as content-stream operators: TJ, rules, rects
 *   inks.c       overprinting black, second inks (process or spot), page resources
 *   layers.c     the proof layer's optional content; marked content
 *   glyphpaths.c the slug's glyphs as outlines, each a form XObject
 *   pdfform.c    the masthead's logotype: a PDF page copied as a form XObject
 *   photos.c     photos placed, cropped, run out into the bleed, preflighted
 *   profiles.c   ICC profiles: the template's CMYK profile, the output intents
 *   marks.c      the page's boxes and bleed; the slug line, crop and registration marks
 *   finish.c     fonts subset and streams deflated on threads; fonts checked
 *   save.c       the file written, digested for its ID and placed atomically
 *
 * Coordinates: layout's are scaled, from the trim's top-left corner, y
 * down; PDF's are points from the MediaBox's lower-left corner, y up. */
#ifndef PAIBAN_PDF_WRITER_H
#define PAIBAN_PDF_WRITER_H

#include "base/strbuf.h"
#include "pdf/pdf.h"
#include "pdf/pdffont.h"
#include "pdf/pdfimage.h"
#include "pdf/pdfmeta.h"
#include "pdf/pdftag.h"

#include <hpdf.h>
#include <time.h>

/* An ICC profile: its bytes (the writer's) and its stream in the document. */
typedef struct icc_file {
    unsigned char *data;
    size_t len;
    HPDF_Dict stream;         /* made on first use */
} icc_file;

/* A slug glyph's outline as a form XObject (glyphpaths.c). */
typedef struct glyph_form_ref {
    int face;
    unsigned gid;
    HPDF_Dict form;
} glyph_form_ref;

/* A logotype's page as a form XObject (pdfform.c): NULL when it could not
 * be copied (reported once). */
typedef struct pdf_form_ref {
    const char *path;
    HPDF_Dict form;
    double box[4];            /* the page's box, pt */
} pdf_form_ref;

typedef struct writer {
    HPDF_Doc doc;
    fontset *fonts;
    diag *d;
    const edition *e;
    const layout *l;
    const pdf_options *opt;
    pdf_stats *stats;
    pdf_font **font_of_face;
    int face_count;
    HPDF_STATUS error, detail;  /* first libharu error */
    VEC(pdf_image) images;      /* each file once */
    VEC(glyph_form_ref) glyph_forms; /* slug glyphs drawn as forms, each once */
    VEC(pdf_form_ref) forms;    /* logotypes, each file once */
    icc_file cmyk;              /* the template's CMYK profile */
    HPDF_Array cmyk_space;      /* archive: [/ICCBased cmyk] for CMYK photos */
    bool overlay;               /* some page has the proof layer */
    HPDF_ExtGState gs_overprint, gs_knockout; /* made when first needed */
    HPDF_Array *ink_spaces;     /* Separation spaces of the layout's spot inks, by index */
    struct ink_srgb {           /* the archive's sRGB of each ink, found once (inks.c) */
        bool known, ok;
        double rgb[3];
    } *ink_srgb;
    HPDF_Dict overlay_group;    /* the proof layer's optional content group, made when needed */
    pdftag *tags;               /* the logical structure */
    VEC(pdfmeta_page) pages;    /* each page written, for the outline */
    struct page_deflater *deflater; /* page contents deflated on a thread (finish.c) */
    bool mark_open;             /* a marked-content sequence of the structure is open */
    int mark_seq;               /* the open sequence's (tag_mark.seq) */
    /* per page */
    HPDF_Page page;
    const print_spec *print;    /* print form: the page's template's print: section */
    scaled page_w, page_h;      /* the trim */
    double ox, oy;              /* the trim's lower-left corner in the MediaBox, pt */
    bool in_text;
    pdf_font *cur_font;
    double cur_size;
    double cur_fill;
    bool overprint;             /* the page's graphics state overprints */
    int cur_layer;
    strbuf buf;
} writer;

static inline double pt(scaled s) { return pt_from_scaled(s); }

/* Layout's coordinates to PDF's. */
static inline double pdf_x(const writer *w, scaled x) { return w->ox + pt(x); }
static inline double pdf_y(const writer *w, scaled y) { return w->oy + pt(w->page_h - y); }

/* libharu could not allocate: the writer's error, unless it has one. */
static inline void note_out_of_memory(writer *w)
{
    if (!w->error)
        w->error = HPDF_FAILD_TO_ALLOC_MEM;
}

static inline double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* writer.c: the press the whole edition goes to, the print: section of
 * its first page's template. */
const print_spec *edition_print(const writer *w);
/* Report libharu's first error as the failure to write path; false. */
bool libharu_failed(const writer *w, const char *path);

/* draw.c: op (a glyph run, rule, rectangle or photo) onto the page, in
 * its layer. */
void write_op(writer *w, const draw_op *op);
/* Operators written into the page's stream as they are. */
void write_raw(writer *w, const char *text);
/* Close the open text object, if any: marked content and the proof layer
 * begin and end outside text objects. */
void end_text(writer *w);
/* The fill for op: its own colour (the proof layer's) or ink (0..1 of
 * black) in the form's colour space. */
void op_fill(writer *w, const draw_op *op, double ink);
/* A real number as PDF wants it: up to 3 decimals, no trailing zeros. */
void fmt_real(char *out, size_t size, double v);

/* inks.c: the page's resource dictionary of a kind ("ColorSpace",
 * "XObject", "Properties"), made when missing; NULL when it cannot be. */
HPDF_Dict resource_dict(writer *w, const char *kind);
/* Print form: paint from now on overprinting (OP, op true, OPM 1) or
 * knocking out. */
void set_overprint(writer *w, bool on);
/* Whether op, painting `ink` of black, overprints: solid black (K alone,
 * all of it) does unless its style (text) or the template (rules, tints,
 * the slug) says overprint: false; anything else knocks out. */
bool op_overprints(const writer *w, const draw_op *op, double ink);
/* The named ink a glyph run's style or a rule asks for; NULL: black. */
const ink_spec *op_ink(const writer *w, const draw_op *op);
/* Fill (or stroke) with `tint` of ink k: its CMYK (process) or its
 * Separation (spot) in print, its sRGB in the archive. */
void set_ink(writer *w, const ink_spec *k, double tint, bool stroke);

/* layers.c: op drawn inside the marked-content sequence the structure
 * gives it (pdftag_mark); the proof layer's ops inside none. */
void write_tagged_op(writer *w, const draw_op *op);
/* Enter (1) or leave (0) the proof layer, an optional content group a
 * reader can hide. */
void switch_layer(writer *w, int layer);
/* Open or close a marked-content sequence: m's role and id. */
void open_mark(writer *w, tag_mark m);
void close_mark(writer *w);

/* pdfform.c: the PDF page of op (a logotype) drawn into its frame, copied
 * into the document once. */
void write_form(writer *w, const draw_op *op);

/* glyphpaths.c: a glyph run drawn as filled outlines, not as text. */
void write_glyph_paths(writer *w, const draw_op *op);

/* photos.c: the photo of op drawn into its frame, clipped (and run out
 * into the bleed); reported in the stats' photos, warned of in preflight. */
void write_photo(writer *w, const draw_op *op);

/* profiles.c: the CMYK profile of ps, read once into w->cmyk (false when
 * it cannot be, reported). */
bool load_cmyk_profile(writer *w, const print_spec *ps);
/* The archive's colour space for CMYK photos, made once as w->cmyk_space:
 * ICCBased on the press's CMYK profile. */
bool archive_cmyk_space(writer *w);
/* The document's output intent: the press's CMYK profile in print, sRGB in
 * the archive. */
bool output_intent(writer *w);

/* marks.c: the page's MediaBox — in print, the trim with bleed and slug on
 * every side, and its TrimBox and BleedBox — and w->ox, w->oy. */
void place_trim(writer *w);
/* In the print form, a box that touches the trim grown out into the
 * bleed. */
void bleed_out(const writer *w, scaled *x, scaled *y, scaled *wd, scaled *ht);
/* The print form's furniture outside the trim, as an artifact: the slug
 * line composed for po (page/slug.h), crop and registration marks. */
void write_slug(writer *w, const page_out *po);

/* finish.c: a page's contents (its stream dictionary) handed to a thread
 * to deflate while the next pages are drawn; what has come back put into
 * the document (all of it, waiting, when `all`); the thread stopped. */
void deflate_page(writer *w, HPDF_Dict contents);
void deflated_pages_in(writer *w, bool all);
void deflater_free(writer *w);
/* finish.c, once the pages are drawn: every font subset and every stream
 * so far deflated, on threads, then each font's objects made (false when a
 * font fails, reported). */
bool finish_fonts(writer *w);
/* The streams added since finish_fonts (the archive's profile) deflated. */
void finish_streams(writer *w);
/* Preflight: every font the file names carries its program. */
bool check_fonts_embedded(writer *w, const char *path);

/* save.c: the document saved as path (its size in *bytes); false when
 * nothing was written, the previous file left as it was (reported). */
bool save_pdf(writer *w, const char *path, long *bytes);

#endif
