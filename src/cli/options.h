/* options.h — the command line: which command, on what, with which options.
 *
 * Every option is one row of a table (options.c) that says how it is
 * spelled, what value it takes, what it sets, which commands take it and
 * what the help says of it; the help's list of options is printed from
 * the table.  Each command takes its folders (diff two, or one with
 * --rev) and some need -o.  Every command accepts every option and
 * ignores those it does not take, except --rev, which belongs to diff
 * alone. */
#ifndef PAIBAN_CLI_OPTIONS_H
#define PAIBAN_CLI_OPTIONS_H

#include "pdf/pdf.h"

#include <stdio.h>

typedef enum {
    COMMAND_BUILD,
    COMMAND_PROOF,
    COMMAND_DIFF,
    COMMAND_WATCH,
    COMMAND_TEXT,
    COMMAND_ARCHIVE,
} command;

typedef struct options {
    command command;
    const char *edition;      /* build, proof, watch, text; diff: NEW; archive: the year */
    const char *old_edition;  /* diff: OLD */
    const char *rev;          /* diff: OLD is EDITION at this git revision */
    const char *output;
    const char *dump;
    const char *report;
    const char *png_dir;
    const char *layout_dir;
    const char *fonts_file;
    long builds;              /* watch: stop after this many (0: never) */
    long jobs;                /* archive: editions typeset at once (0: one per core) */
    bool force;               /* archive: typeset every edition again */
    bool allow_overset;
    bool allow_outside_root;
    bool strict;
    bool timings;
    bool quiet;
    pdf_form form;
    bool no_marks;
    bool warnings_summary;
    bool by_article;          /* text: article by article */
} options;

/* Read argv into o (zeroed by the caller).  EXIT_OK, or EXIT_INPUT with
 * the reason printed; --version and --help print and exit 0 at once. */
int options_parse(int argc, char **argv, options *o);

/* The help: every command's synopsis, what each does, every option. */
void options_usage(FILE *f);

#endif
