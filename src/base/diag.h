/* diag.h — errors and warnings with the input location they concern.
 *
 * Stages report into one `diag` and carry on where they can, so a run lists
 * every problem at once.  Three classes decide the exit status (see main.c):
 *   - input errors: the content, layout or fonts are wrong (exit 2);
 *   - environment errors: a write failed, a tool is missing (exit 3);
 *   - warnings: the page was made, with something a desk should look at.
 * Every warning has a `kind` (a short slug such as "loose-line") so reports
 * can count and filter them.  A warning is kept once per cause: one given
 * again with the same kind and text (a character no font has, in forty
 * places) counts one more occurrence of the first, which keeps its place;
 * given again at a place it was given at (a paragraph set once more at
 * another measure) it counts nothing more.
 *
 * Messages print GCC-style, followed by the line they point at, read back
 * from the file, with a caret under the column:
 *     content/2018-12-28/report.yaml:12:5: error: unknown key "hedline" …
 *        12 |     hedline: 标题
 *           |     ^
 * Errors come first.  Warnings follow, but while there are errors only
 * their count is printed (the errors usually cause them).  At most
 * DIAG_SHOWN_PER_KIND messages of a kind are listed, then a line counts
 * the rest of that kind.  Each message prints once even when diag_print
 * is called again (a build prints as it goes), and a whole batch is one
 * write: stderr is unbuffered.  With colour, the severity, the location
 * and the caret are coloured with ANSI escapes. */
#ifndef PAIBAN_BASE_DIAG_H
#define PAIBAN_BASE_DIAG_H

#include "base/base.h"

#include <stdio.h>

/* Listed per kind before "… and N more" (errors are one kind). */
#define DIAG_SHOWN_PER_KIND 10
#define DIAG_ERRORS_SHOWN 50

typedef enum {
    DIAG_ERROR,
    DIAG_ENV_ERROR,
    DIAG_WARNING,
} diag_severity;

typedef struct diag_msg {
    diag_severity severity;
    src_loc loc;     /* loc.file may be NULL: no location */
    const char *kind; /* static string; "error" for errors */
    char *text;      /* owned by the diag */
    int count;       /* places it was given at (warnings given again): 1 or more */
    bool printed;
} diag_msg;

typedef struct diag diag;

diag *diag_new(void);
void diag_free(diag *d);

/* Record an input error; always returns false so callers can
 * `return diag_error(d, loc, …);`. */
bool diag_error(diag *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Record an error of the machine rather than the input (exit status 3). */
bool diag_env_error(diag *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warn(diag *d, src_loc loc, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

int diag_error_count(const diag *d);
int diag_env_error_count(const diag *d);
/* Warnings, each cause once. */
int diag_warning_count(const diag *d);
/* Every report so far, a warning given again included: it grows with each
 * call of diag_error, diag_env_error and diag_warn. */
int diag_report_count(const diag *d);
/* The kinds of d's warnings, each once, in the order each first appeared,
 * and how many warnings have each: two arrays the caller frees. */
int diag_warning_kinds(const diag *d, const char ***kinds, int **counts);
/* Borrowed view of every message in the order reported. */
const diag_msg *diag_messages(const diag *d, int *count);

/* Where `text` begins in from.file, at or after `from` (sourcetext.h's
 * source_find): the place of a line of a paragraph that its warning
 * names. */
src_loc diag_find_text(diag *d, src_loc from, const char *text);

typedef struct diag_style {
    bool warnings;   /* list the warnings (else errors only) */
    bool all;        /* every message, none left out per kind */
    bool color;
} diag_style;

/* Print the messages not printed yet, control characters escaped, as the
 * header says; returns the number printed. */
int diag_print(diag *d, FILE *f, diag_style style);
/* Every warning, printed or not, kind by kind after a count of each
 * (`paiban build --warnings`). */
void diag_print_by_kind(diag *d, FILE *f, bool color);
/* "file:line:col" (or less when unknown) into buf. */
const char *diag_format_loc(src_loc loc, char *buf, size_t size);

#endif
