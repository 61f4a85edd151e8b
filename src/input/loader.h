/* loader.h — what the readers of an edition's files share (edition.c,
 * article.c, tables.c): the state of one loading, text and spans made from
 * YAML values, styles and files named in them.
 *
 * Text is normalised as content.h says; a span keeps where its text starts.
 * A style named in the content must be in styles.yaml, and a file named in
 * it must lie inside the edition folder (unless the options allow more):
 * where a file lies is checked on the descriptor it is read from (files.h),
 * so a name cannot lead elsewhere between the check and the reading.
 *
 * What one edition may hold, so that any input within it is typeset in
 * bounded time and memory (yml.h bounds each file): its YAML files 16 MiB
 * in all (1000 pages of some 16 KiB: a full page of text takes 11) and
 * 100 000 values in its articles; a
 * paragraph (or any one text) 64 KiB; 1000 pages, 5000 article
 * placements, 500 photo files.  Past any of them the input is refused with
 * a located error.
 * Every problem is reported to the loader's diag. */
#ifndef PAIBAN_INPUT_LOADER_H
#define PAIBAN_INPUT_LOADER_H

#include "input/content.h"
#include "input/fields.h"
#include "input/yml.h"

typedef VEC(block) block_vec;

enum {
    EDITION_MAX_YAML_BYTES = 16 << 20,
    EDITION_MAX_TEXT_BYTES = 64 << 10, /* one paragraph, headline, cell … */
    EDITION_MAX_PAGES = 1000,
    EDITION_MAX_PLACEMENTS = 5000,
    EDITION_MAX_PHOTOS = 500,
    /* Values in the articles' YAML, however their bytes are spent.  A
     * paragraph of one character costs some 900 bytes and 5 µs once read
     * and set: the articles a page sets at once hold at most
     * PAGE_MAX_VALUES, and the edition's, read before any page is set,
     * EDITION_MAX_VALUES, which keeps an edition within the memory and
     * the time docs/content.md promises (three pages of 99 000 paragraphs
     * of one character: 183 MB; 1000 pages of the report page's text hold
     * some 130 000 values). */
    PAGE_MAX_VALUES = 100000,
    EDITION_MAX_VALUES = 300000,
};

/* A placement's continue-on, resolved once every page is known. */
typedef struct pending_jump {
    placement *pl;
    story *story;           /* a story's wish instead (pl NULL) */
    const char *label;
    src_loc loc;
} pending_jump;

/* A teaser (导读) read: its paragraph, block `block` of `article`, is made
 * once every page is known (resolve_teasers). */
typedef struct pending_teaser {
    article *article;          /* set when its article is read whole */
    int block;
    const char *path;          /* the article it points to, resolved */
    const char *given;         /* as written */
    span text;                 /* its own words, text NULL for the headline's */
    src_loc loc;
} pending_teaser;

typedef struct loader {
    edition *e;
    /* Where what is read goes: the edition's arena, but while an article
     * is read that article's own (content.h: article_release), except what
     * outlives its body: its id, file names, paths. */
    arena *arena;
    const layout *l;
    diag *d;
    content_options opt;
    const char *root_real;     /* realpath of the edition folder */
    VEC(yml_doc *) docs;       /* kept until the end: spans point at file names */
    /* Photos probed so far (resolved path, what the probe found): a photo
     * that several articles show is read and checked once. */
    VEC(struct probed_photo {
        const char *path;
        image_info info;
    }) probed;
    VEC(const char *) failed;  /* article files that could not be read: not reported again */
    size_t yaml_bytes;         /* read so far */
    long yaml_values;          /* in the articles read so far */
    int default_template;      /* edition.yaml's template, or -1 */
    pending_jump *pending_jumps;
    int pending_jump_count;
    VEC(pending_teaser) teasers;
} loader;

/* A field reader for the content's mappings (strings go to ld->arena). */
field_reader loader_fields(loader *ld);

/* How normalize treats a text (flags). */
enum {
    NORM_KEEP_BREAKS = 1 << 0, /* a line break is a forced one, else the LB-7 rule applies */
    NORM_PRE = 1 << 1,         /* every space kept as written, a tab to the next fourth
                                * column (code: white-space pre) */
    NORM_FULLWIDTH = 1 << 2,   /* full-width ASCII digits and letters kept (TX-2) */
    NORM_ASCII_MINUS = 1 << 3, /* a hyphen before a number kept, not made U+2212 (TX-3) */
};
/* The flags a style asks for, line breaks aside. */
unsigned norm_flags(const style *st);
/* One run of text, normalised as `flags` say; `what` names the text in
 * warnings. */
const char *normalize(loader *ld, const char *in, size_t len, unsigned flags, src_loc loc,
                      const char *what);
/* A span in style `style_ix` from a scalar. */
bool make_span(loader *ld, const yml_node *node, int style_ix, const char *what, span *out);
/* The same from one string (line breaks kept when the style keeps them) or
 * a list of lines (a head). */
bool make_lines_span(loader *ld, const yml_node *node, int style_ix, const char *what,
                     span *out);

/* The style of that name, or -1 (reported at loc). */
int style_named(loader *ld, const char *name, src_loc loc);
/* The style value v (`what` in messages) names, or without v the style
 * `fallback` (reported at the mapping); -1 when there is none. */
int style_of(loader *ld, const yml_node *v, const char *what, const char *fallback,
             const yml_node *map);
/* A row's reader of a style: the one the value names, else the one the
 * row's `arg` names, if any; stored as an int. */
bool read_style(field_reader *r, yml_node *v, void *dest);

/* The name of a file the content names at `node` (`what` in messages):
 * relative to the edition folder, or absolute when the options allow
 * files outside it, in the edition's arena (a photo's is quoted after
 * its article is let go); NULL when it is neither (reported). */
const char *content_path(loader *ld, const yml_node *node, const char *what);
/* Read a file of the edition (`node` names it, or NULL for edition.yaml),
 * opened once: it must lie inside the edition folder unless the options
 * allow more.  A photo (`held`) is held open for the PDF (content.h),
 * anything else counts into the edition's YAML bytes.  False when it
 * cannot be read: reported, with errno 0, unless errno is EISDIR, EINVAL
 * or EFBIG (or any, for edition.yaml), which the caller words for the
 * kind of file. */
bool content_read(loader *ld, const yml_node *node, const char *what, const char *path,
                  size_t limit, bool held, char **data, size_t *len);
/* Whether a text of `len` bytes may be set, else an error at loc naming it
 * `what`. */
bool text_fits(loader *ld, size_t len, src_loc loc, const char *what);

/* A body item given as a mapping, while it is read (article.c, blocks.c). */
typedef struct body_item {
    block b;
    const char *own_style; /* its style unless it names one: h2 …, body, box */
    yml_node *map;         /* the item's mapping */
    yml_node *title;       /* a box's or a poem's title, a poem's author */
    yml_node *author;
    yml_node *text;        /* a teaser's own words */
    int align;             /* a paragraph's or a poem's align, when align_given */
    bool align_given;
    bool keep;             /* keep: true — in one column if one can hold it (BL-7) */
    bool numbered;         /* a list: 1. 2. 3. rather than bullets */
} body_item;

/* Readers of a body item's rows: its style (the one the value names, or
 * its own), a node kept for the loader, whether an align was given. */
bool item_style(field_reader *r, yml_node *v, void *dest);
bool item_node(field_reader *r, yml_node *v, void *dest);
bool item_align(field_reader *r, yml_node *v, void *dest);

#define ITEM_STYLE(meaning)                                                                        \
    {"style", FIELD_CUSTOM, offsetof(body_item, b.style), .read = item_style,                     \
     .type_doc = "style", .doc = meaning}
#define ITEM_KEEP                                                                                  \
    {"keep", FIELD_BOOL, offsetof(body_item, keep),                                                \
     .doc = "true: kept whole in one column when a column can hold it"}

/* A scalar holds a paragraph, or several with blank lines between them:
 * each a BLOCK_PARA in style style_ix, a 【】 head run in at its start and
 * a dateline (本报讯…) each in a span of its own style (PH-12, CB-3). */
bool add_para(loader *ld, block_vec *out, yml_node *n, int style_ix);

/* The body items of blocks.c: a paragraph of runs, verse, code, a list, a
 * notice, an attribution line (it: the item as its rows read it). */
bool load_runs(loader *ld, block_vec *out, body_item *it, yml_node *v);
bool load_verse(loader *ld, block_vec *out, body_item *it, yml_node *v);
bool load_code(loader *ld, block_vec *out, body_item *it, yml_node *v);
bool load_list(loader *ld, block_vec *out, body_item *it, yml_node *v);
bool load_notice(loader *ld, block_vec *out, body_item *it, yml_node *v);
bool load_attribution(loader *ld, block_vec *out, body_item *it, yml_node *v);
extern const field_table verse_keys, code_keys, list_keys, notice_keys, notice_form_keys,
    attribution_keys;

/* An article file (article.c), named at `node`, and a table (tables.c);
 * NULL on error. */
article *article_load(loader *ld, const yml_node *node, const char *path);
table *table_load(loader *ld, yml_node *n);

/* A page's `stories:` (stories.c), a row reader of the page's fields:
 * each story's article loaded, its jump left pending. */
bool read_stories(field_reader *r, yml_node *list, void *dest);

#endif
