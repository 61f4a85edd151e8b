/* frontmatter.h — the front matter of the year's volume: a cover and the
 * contents, set by paiban itself and written as a PDF/A-2b file for the
 * binder to put before the editions.
 *
 * The contents go month by month and day by day: under each day its
 * pages (版次 and 版名) and under each page the headlines that begin on
 * it, each with the number of the volume page it stands on — the physical
 * page, counting the cover and the contents themselves.  The entries are
 * set and flowed into columns before any number is known (every number
 * gets the room of the widest), so how many pages the contents take is
 * known first and the numbers follow from it.  Every entry links to the
 * page it names (a month and a day to the day's first page): the
 * rectangles are handed to the binder (bind.h), which knows the pages.
 *
 * Styles come from the layout: volume-title, volume-subtitle,
 * contents-title, contents-month, contents-day, contents-page and
 * contents-entry (layout/styles.yaml); the page size and type area from
 * the template whose page the first edition has. */
#ifndef PAIBAN_ARCHIVE_FRONTMATTER_H
#define PAIBAN_ARCHIVE_FRONTMATTER_H

#include "archive/bind.h"
#include "archive/record.h"
#include "input/layout.h"
#include "text/typeset.h"

typedef struct contents_result {
    int pages;               /* cover and contents pages */
    char **labels;           /* their page labels ("封面", "目录1", …), owned */
    int contents_first;      /* 0-based page where the contents begin */
    VEC(bind_link) links;    /* each entry: its rectangle and the volume page it names */
} contents_result;

/* Set the front matter for the editions' records (in date order) and
 * write it to path (archive form).  Edition i begins on volume page
 * res->pages + sum of the pages before it (0-based).  False with the
 * problem in d. */
bool contents_write(const edition_record *const *records, int count, const layout *l,
                    typesetter *ts, int64_t build_time, const char *path, contents_result *res,
                    diag *d);
void contents_result_free(contents_result *res);

#endif
