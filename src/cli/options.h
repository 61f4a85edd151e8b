/* options.h — the command line: which command, on what, with which options.
 *
 * Every command is a row of one table (options.c: its synopsis, what it
 * does, the folders it takes, whether it needs -o) and every option a row
 * of another (its spelling, its value, what it sets, the commands that
 * take it, what the help says of it).  The help — `paiban help [COMMAND]`,
 * `paiban COMMAND --help` — is printed from the two tables; man/paiban.1
 * is kept to them by tests/cli/run.  `paiban help keys [TABLE]` lists the
 * key tables of the input files, or prints one as Markdown (input/keys.h).
 *
 * An option that the command does not take is an error that names the
 * command.  A value follows its option as the next argument or after an
 * equals sign (`--color=never`, `--png-dpi=150`).  `-h`/`--help` and
 * `-V`/`--version` may stand anywhere and end the parse.  `-o -` (build
 * and proof) writes the PDF to standard output. */
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
    COMMAND_PLAN,
    COMMAND_HELP,
} command;

/* When messages are coloured (--color). */
typedef enum { COLOR_AUTO, COLOR_NEVER, COLOR_ALWAYS } color_when;

#define PNG_DPI_DEFAULT 60

typedef struct options {
    command command;
    bool done;               /* the help or the version was printed: exit 0 */
    const char *edition;     /* build, proof, watch, text; diff: NEW; archive: the
                                year;     help: the command asked about, or NULL */
    const char *old_edition; /* diff: OLD */
    const char *keys_table;  /* help keys [TABLE]: the table asked about, or NULL */
    bool help_keys;
    const char *rev;    /* diff: OLD is EDITION at this git revision */
    const char *output; /* "-": standard output (build, proof) */
    const char *dump;
    const char *report;
    const char *png_dir;
    long png_dpi;             /* the previews' resolution */
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
    bool json;                /* text: JSON, an object per article */
    bool diff_verbose;        /* diff: every line that changed, not the counts alone */
    bool plan;                /* --plan: pages given as stories are planned (always) */
    const char *pages;        /* plan: only these pages, "A1,A2" */
    bool explain;             /* plan: each module's shape and the cost terms */
    int color;                /* color_when */
} options;

/* Read argv into o (zeroed by the caller).  EXIT_OK (with o->done when
 * the help or the version has been printed and nothing is left to do), or
 * EXIT_INPUT with the reason printed. */
int options_parse(int argc, char **argv, options *o);

/* The help: `which` < 0 for the whole program (the commands, the
 * options every command takes), else that command's synopsis, what it
 * does and every option it takes. */
void options_usage(FILE *f, int which);

/* Whether o->output asks for standard output. */
bool options_to_stdout(const options *o);

#endif
