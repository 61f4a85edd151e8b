/* diff.h — what changed between two builds of an edition.
 *
 * Pages are matched by their label (版次).  A page is unchanged exactly
 * when its part of the layout dump is byte for byte the same.  On a
 * changed page each article's lines, old and new, are aligned by their
 * text (longest common subsequence): a matched line at another place has
 * moved, a new line that matches none has reflowed (its text or breaks
 * changed), an old one that matches none was removed.  Overset that
 * appeared or cleared and jumps that now lead elsewhere are reported per
 * article.  The report comes in three forms: brief (the changed pages),
 * the summary (each page, each changed article's counts, the totals) and
 * the full list (the summary and every line that changed).  See
 * docs/proof.md. */
#ifndef PAIBAN_DESK_DIFF_H
#define PAIBAN_DESK_DIFF_H

#include "input/content.h"
#include "input/layout.h"
#include "page/compose.h"

#include <stdio.h>

typedef enum { CHANGE_MOVED, CHANGE_REFLOWED, CHANGE_REMOVED } change_kind;

typedef struct line_change {
    change_kind kind;
    int page;                  /* index in the new edition (old for a removed page) */
    const text_line *old_line; /* NULL for a reflowed line */
    const text_line *new_line; /* NULL for a removed line */
} line_change;

typedef struct diff_result {
    int pages_changed;
    int pages_unchanged;
    int articles_changed;      /* an article counts once for each page where it changed */
    int lines[3];              /* lines moved, reflowed, removed (change_kind) */
    bool changed;              /* anything at all */
    VEC(line_change) changes;
    char *brief;               /* a line per page that changed (diff -q) */
    char *text;                /* the summary (diff, diff --stat) */
    char *verbose;             /* the summary and every line (diff --verbose) */
} diff_result;

/* Compare; the result points into both editions' outputs. */
void diff_editions(const edition_out *old_out, const edition *old_ed, const layout *old_l,
                   const edition_out *new_out, const edition *new_ed, const layout *new_l,
                   diff_result *res);
void diff_free(diff_result *res);
/* Mark the changes on the new edition's pages (proof layer): moved lines
 * tinted yellow, reflowed lines orange, removed lines outlined in red
 * where they stood. */
void diff_mark(const diff_result *res, edition_out *new_out, const layout *l);

#endif
