/* pdfread.h — reading back the PDF files paiban wrote itself.
 *
 * The binder (bind.c) copies the pages of the edition PDFs into the
 * volume.  Those files come from libharu: one classic cross-reference
 * table, no object streams, no incremental updates, no encryption.  This
 * module reads exactly that — the table, the trailer, an object's text and
 * its stream data — and copies an object's text with every indirect
 * reference renumbered.  Anything else (a compressed cross-reference
 * stream, /Prev, a reference to a free object) is reported as "not a PDF
 * that paiban wrote": the archive only binds files it made.
 *
 * A pdf_file maps the file (read-only, not copied); offsets below are
 * bytes into it.  Nothing is parsed ahead of use, so memory stays at the
 * table of offsets. */
#ifndef PAIBAN_ARCHIVE_PDFREAD_H
#define PAIBAN_ARCHIVE_PDFREAD_H

#include "base/base.h"
#include "base/diag.h"
#include "base/strbuf.h"

typedef struct pdf_file {
    char *path;
    const unsigned char *data;  /* the mapped file */
    size_t len;
    size_t *offsets;            /* offsets[n]: where object n begins, 0 when free */
    int count;                  /* objects in the table (the trailer's /Size) */
    int root;                   /* the catalog's object number */
} pdf_file;

/* A span of the file: [start, end). */
typedef struct pdf_span {
    size_t start, end;
} pdf_span;

/* One object: its value's text, and for a stream the data. */
typedef struct pdf_object {
    pdf_span value;             /* the dictionary (or other value) */
    bool is_stream;
    pdf_span data;              /* stream bytes, exactly /Length of them */
} pdf_object;

/* Map the file and read its table; false with an error in d. */
bool pdf_file_open(pdf_file *f, const char *path, diag *d);
void pdf_file_close(pdf_file *f);

/* Object n; false with an error when it is free or malformed. */
bool pdf_file_object(const pdf_file *f, int n, pdf_object *o, diag *d);

/* The value of /key in the dictionary whose text is `dict`; false when the
 * key is absent or dict is no dictionary. */
bool pdf_dict_lookup(const pdf_file *f, pdf_span dict, const char *key, pdf_span *value);
/* The object number of a value "n g R"; 0 when it is no reference. */
int pdf_span_ref(const pdf_file *f, pdf_span value);
/* A value that is an integer, or a reference to one; false otherwise. */
bool pdf_span_int(const pdf_file *f, pdf_span value, long *out);
/* The items of an array value, each as its span, appended to `items`;
 * false when the value is no array. */
typedef VEC(pdf_span) pdf_span_vec;
bool pdf_array_items(const pdf_file *f, pdf_span array, pdf_span_vec *items);
/* Whether the value is the name /name. */
bool pdf_span_is_name(const pdf_file *f, pdf_span value, const char *name);

/* Append the text of `value` to out with every reference "n g R" written
 * as "map(n) 0 R".  map returns 0 to refuse (then the copy fails). */
typedef int (*pdf_ref_map)(void *ctx, int n);
bool pdf_copy_value(const pdf_file *f, pdf_span value, pdf_ref_map map, void *ctx, strbuf *out);

#endif
