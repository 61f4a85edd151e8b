/* bind.h — PDF files bound into one volume, written as a stream.
 *
 * The volume takes every page of each edition's file in the order they
 * are given, as each is ready (an archive binds an edition while the next
 * are typeset), then the front matter's, which go before them: the front
 * matter (cover and contents) is made last, when every edition is known.
 * It adds what a reader browses the volume by: one page tree, an outline
 * given as a tree of titled destinations, page labels, the Info
 * dictionary and an XMP packet (the same fields, see xmp.h), the output
 * intents of the first file bound, and the files' logical structures
 * joined: each file's Document a Part of the volume's (the front
 * matter's first), its pages' keys in the parent tree shifted past those
 * of the files bound before.
 *
 * Links (the contents' entries to their pages) are added to the front
 * matter's pages they stand on as link annotations.
 *
 * Pages are copied object by object: from each page, everything it
 * reaches (contents, fonts with their programs, photos, profiles) is
 * written out under new numbers, stream data byte for byte, and the file
 * is closed before the next is opened.  So memory holds one input file's
 * table and the volume's offsets, never the pages of the year; and the
 * same inputs in the same order give the same bytes (the document ID is a
 * digest of the file).  The volume is written beside its target and
 * renamed into place by bind_end.
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
    const char *front;          /* the front matter's PDF, its pages first; NULL: none */
    const char *const *labels;  /* one per page of the volume: "12-28 A3" */
    int label_count;            /* must be the volume's page count */
    const bind_outline *outline;
    int outline_count;
    const bind_link *links;     /* on the front matter's pages, in page order; PDF/A link
                                 * annotations, printable, borderless */
    int link_count;
    xmp_fields meta;            /* Info and XMP; created and modified as XMP dates */
    const char *created_pdf;    /* the same dates as PDF dates: "D:20181231000000Z" */
    const char *modified_pdf;
} bind_spec;

typedef struct bind_stats {
    int pages;
    long bytes;
} bind_stats;

typedef struct volume binder;

/* Begin the volume `path`; NULL with the problem in d. */
binder *bind_begin(const char *path, diag *d);
/* The pages of the next edition's PDF; false with the problem in d (then
 * only bind_abandon is left to do). */
bool bind_edition(binder *b, const char *file);
/* The front matter and the rest; writes the volume, closes it and renames
 * it into place, or leaves the previous file, if any, as it was and
 * returns false with the problem in d.  Frees b. */
bool bind_end(binder *b, const bind_spec *spec, bind_stats *stats);
/* The volume given up: its temporary file removed, b freed (NULL: none). */
void bind_abandon(binder *b);

/* All at once: bind_begin, bind_edition of each of `editions`, bind_end. */
bool bind_volume(const char *const *editions, int count, const bind_spec *spec, const char *path,
                 bind_stats *stats, diag *d);

#endif
