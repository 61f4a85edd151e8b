/* bind.h — PDF files bound into one volume, written as a stream.
 *
 * The volume takes every page of each file in order (the front matter,
 * then each edition) and adds what a reader browses it by: one page tree,
 * an outline given as a tree of titled destinations, page labels, the
 * Info dictionary and an XMP packet (the same fields, see xmp.h), the
 * output intents of the first file, and the files' logical structures
 * joined: each file's Document a Part of the volume's, its pages' keys in
 * the parent tree shifted past those of the files before.
 *
 * Links (the contents' entries to their pages) are added to the pages
 * they stand on as link annotations.
 *
 * Pages are copied object by object: from each page, everything it
 * reaches (contents, fonts with their programs, photos, profiles) is
 * written out under new numbers, stream data byte for byte, and the file
 * is closed before the next is opened.  So memory holds one input file's
 * table and the volume's offsets, never the pages of the year; and the
 * same inputs give the same bytes (the document ID is a digest of the
 * file).  The volume is written beside its target and renamed into place.
 *
 * The files must be PDFs that paiban wrote (see pdfread.h). */
#ifndef PAIBAN_ARCHIVE_BIND_H
#define PAIBAN_ARCHIVE_BIND_H

#include "base/diag.h"
#include "pdf/xmp.h"

/* One outline item.  Items come in document order, each after its parent. */
typedef struct bind_outline {
    const char *title;
    int parent;          /* index of the parent item, -1 at the top */
    int page;            /* 0-based page of the volume */
    double x, y;         /* destination on the page, pt from its lower-left */
    bool open;           /* show the children */
} bind_outline;

/* A link on a page of the volume: a rectangle (pt from the page's
 * lower-left) that goes to the top of another page. */
typedef struct bind_link {
    int page;            /* 0-based page of the volume it stands on */
    double x0, y0, x1, y1;
    int target;          /* 0-based page of the volume it goes to */
} bind_link;

typedef struct bind_spec {
    const char *const *files;   /* the PDFs, in order */
    int file_count;
    const char *const *labels;  /* one per page of the volume: "12-28 A3" */
    int label_count;            /* must be the volume's page count */
    const bind_outline *outline;
    int outline_count;
    const bind_link *links;     /* in page order; PDF/A link annotations, printable, borderless */
    int link_count;
    xmp_fields meta;            /* Info and XMP; created and modified as XMP dates */
    const char *created_pdf;    /* the same dates as PDF dates: "D:20181231000000Z" */
    const char *modified_pdf;
} bind_spec;

typedef struct bind_stats {
    int pages;
    long bytes;
} bind_stats;

/* Write the volume as `path`; false with the problem in d (the previous
 * file, if any, is left as it was). */
bool bind_volume(const bind_spec *spec, const char *path, bind_stats *stats, diag *d);

#endif
