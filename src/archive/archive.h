/* archive.h — a year of editions: each typeset as PDF/A-2b, all bound
 * into one volume with cover, contents, outline and page labels, and an
 * index of every article.
 *
 *     paiban archive content/2018 -o archive/2018 [-j N]
 *
 * content/2018/<MM-DD>/ holds one edition each (as content/2018-12-28
 * does), or <YYYY-MM-DD>/ as build's editions are named — in a folder
 * named for the year or, all of one year, in any folder; archive/2018 gets <date>.pdf and its record <date>.tsv per
 * edition, then 2018.pdf (the volume), index.json and index.csv, and the
 * volume's key in 2018.tsv.
 *
 * The steps, in order:
 *     find the editions → load fonts and layout once → digest every input
 *     → typeset the editions whose digest changed, by N worker processes
 *       (workers.h: forked once, each composes and writes one edition
 *       after another, its start paid once; HarfBuzz and FreeType objects
 *       are never shared between threads)
 *     → read every record → set the cover and contents → bind → index
 *
 * Each file is written beside its target and renamed, so a run that is
 * stopped (even killed) leaves whole files only, and the next run typesets
 * what is missing and gives the same bytes as a run that was never
 * stopped.  See docs/archive.md. */
#ifndef PAIBAN_ARCHIVE_ARCHIVE_H
#define PAIBAN_ARCHIVE_ARCHIVE_H

#include "base/diag.h"

typedef struct archive_options {
    const char *content;      /* the year's folder: content/2018 */
    const char *output;       /* archive/2018 */
    const char *layout_dir;   /* NULL: the nearest layout/ above the content */
    const char *fonts_file;   /* NULL: fonts/fonts.yaml beside the layout */
    const char *report;       /* the run's report (JSON), or NULL */
    int jobs;                 /* editions typeset at once; 0: one per core */
    bool force;               /* typeset every edition again */
    bool quiet;               /* errors only */
    bool allow_overset;
    bool allow_outside_root;
    bool strict;
} archive_options;

/* Run the archive; an exit status as build's (0, 1, 2, 3).  Problems of
 * the year (a badly named folder, a missing style) are in d; those of an
 * edition are printed as its process ends. */
int archive_run(const archive_options *o, diag *d);

#endif
