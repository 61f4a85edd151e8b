/* diag.h — errors and warnings with the input location they concern.
 *
 * Stages report into one `diag` and carry on where they can, so a run lists
 * every problem at once.  Messages print GCC-style:
 *     content/2018-12-28/report.yaml:12:5: error: unknown key "hedline" …
 * Three classes decide the exit status (see main.c):
 *   - input errors: the content, layout or fonts are wrong (exit 2);
 *   - environment errors: a write failed, a tool is missing (exit 3);
 *   - warnings: the page was made, with something a desk should look at.
 * Every warning has a `kind` (a short slug such as "loose-line") so reports
 * can count and filter them. */
#ifndef PAIBAN_BASE_DIAG_H
#define PAIBAN_BASE_DIAG_H

#include "base/base.h"

#include <stdio.h>

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
int diag_warning_count(const diag *d);
/* The kinds of d's warnings, each once, in the order each first appeared,
 * and how many warnings have each: two arrays the caller frees. */
int diag_warning_kinds(const diag *d, const char ***kinds, int **counts);
/* Borrowed view of every message in the order reported. */
const diag_msg *diag_messages(const diag *d, int *count);
/* Print messages from index `from` on, control characters escaped;
 * returns the number printed. */
int diag_print(const diag *d, FILE *f, int from, bool with_warnings);
/* "file:line:col" (or less when unknown) into buf. */
const char *diag_format_loc(src_loc loc, char *buf, size_t size);

#endif
