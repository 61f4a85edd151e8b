/* record.h — what the archive keeps of each edition beside its PDF, and
 * the year's index made from those records.
 *
 * A child process typesets an edition, writes archive/<year>/<date>.pdf,
 * then its record <date>.tsv: the digest of every input it was made from
 * (the key), the PDF's size, and what the volume and the index need —
 * pages with their labels and sizes, articles with headline, byline, lead,
 * body, characters and first line, and where each sits.  The parent reads the
 * records of the whole year, kept and new alike, so an edition that is not
 * typeset again still has its place in the volume and the index.
 *
 * The file is text: one item a line, fields separated by tabs, with tab,
 * newline and backslash escaped as \t, \n and \\.  The record is written
 * after the PDF, atomically, so a record whose key matches vouches for
 * the PDF beside it. */
#ifndef PAIBAN_ARCHIVE_RECORD_H
#define PAIBAN_ARCHIVE_RECORD_H

#include "base/diag.h"
#include "page/build.h"

typedef struct rec_page {
    char *label;            /* 版次: "A3" */
    char *name;             /* 版名, "" when none */
    double width, height;   /* pt */
} rec_page;

typedef struct rec_story {
    char *id;               /* article file without .yaml */
    char *headline;         /* on one line */
    char *byline;           /* "" when none */
    char *first_line;       /* the first line of its body text as set (not lead, not byline) */
    char *lead;             /* its paragraphs apart by line ends, "" when none */
    char *body;             /* the body's text, blocks apart by line ends (input/parts.h) */
    int characters;         /* characters set on the page (no spaces) */
    int page;               /* the page it begins on */
} rec_story;

/* Where an article's module sits on a page. */
typedef struct rec_place {
    int page;
    int story;
    bool continued;         /* the rest of an article begun earlier */
    double x, y;            /* module top-left, pt, from the page's lower-left */
} rec_place;

typedef struct edition_record {
    char key[65];           /* digest of the inputs (hex) */
    long pdf_bytes;
    int year, month, day, weekday; /* weekday: 0 = Sunday */
    char *paper;
    char *issue;            /* 第12356期, "" when none */
    int overset_lines;
    int warnings;
    VEC(rec_page) pages;
    VEC(rec_story) stories;
    VEC(rec_place) places;
} edition_record;

/* The record of a composed edition (key and pdf_bytes left to the caller). */
void record_from_build(const build *b, edition_record *r);
bool record_write(const edition_record *r, const char *path, diag *d);
/* Read a record; false (quietly) when it is missing or not a record. */
bool record_read(const char *path, edition_record *r);
void record_free(edition_record *r);

/* "2018-12-28" into buf (11 bytes). */
void record_date(const edition_record *r, char *buf, size_t size);

/* index.json and index.csv in dir: one row per article — date, page,
 * headline, byline, characters, first line, the volume page it begins on
 * (counted from 1), its file's name, lead and body (first_page[i] is the 0-based volume page of
 * record i's first page). */
bool record_write_index(const edition_record *const *records, int count, const int *first_page,
                        const char *dir, diag *d);

#endif
