/* options.c — the option table, the parser that reads it and the help. */
#include "cli/options.h"

#include "page/build.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define TAKEN_BY(c) (1u << (c))
#define WRITERS                                                                                    \
    (TAKEN_BY(COMMAND_BUILD) | TAKEN_BY(COMMAND_PROOF) | TAKEN_BY(COMMAND_DIFF) |                  \
     TAKEN_BY(COMMAND_WATCH))
#define EVERY_COMMAND (WRITERS | TAKEN_BY(COMMAND_TEXT) | TAKEN_BY(COMMAND_ARCHIVE))

/* A command and what it wants besides its options. */
typedef struct command_row {
    const char *name;
    bool old_and_new;         /* two folders, OLD and NEW, unless --rev names the old */
    const char *no_folder;    /* said when the folder is missing */
    const char *no_output;    /* said when -o is missing; NULL: -o is optional */
} command_row;

static const char NAME_EDITION[] = "name the edition folder, e.g. content/2018-12-28";
static const char WHERE_PDF[] = "say where the PDF goes: -o FILE.pdf";

static const command_row commands[] = {
    [COMMAND_BUILD] = {"build", false, NAME_EDITION, WHERE_PDF},
    [COMMAND_PROOF] = {"proof", false, NAME_EDITION, WHERE_PDF},
    [COMMAND_DIFF] = {"diff", true, NAME_EDITION, NULL},
    [COMMAND_WATCH] = {"watch", false, NAME_EDITION, WHERE_PDF},
    [COMMAND_TEXT] = {"text", false, NAME_EDITION, NULL},
    [COMMAND_ARCHIVE] = {"archive", false, "name the year's folder, e.g. content/2018",
                         "say where the archive goes: -o DIR (e.g. archive/2018)"},
};
#define COMMAND_COUNT ((int)(sizeof commands / sizeof *commands))

typedef enum {
    SETS_FLAG,                /* a bool, to true */
    SETS_FORM,                /* the PDF's form, to `form` */
    TAKES_TEXT,               /* a value kept as given: a path, a revision */
    TAKES_COUNT,              /* a whole number from min to max */
} option_kind;

typedef struct option_row {
    const char *name;         /* "--output" */
    const char *short_name;   /* "-o", or NULL */
    const char *value;        /* the value's name in the help ("FILE"); NULL for none */
    option_kind kind;
    size_t field;             /* offsetof(options, …) of what it sets */
    pdf_form form;            /* SETS_FORM */
    long min, max;            /* TAKES_COUNT */
    const char *out_of_range; /* TAKES_COUNT: said, with the value, when it is not a count */
    unsigned commands;        /* the commands that take it, TAKEN_BY(…) */
    bool others_refuse;       /* an error with any other command, not ignored */
    const char *help;         /* its lines in the help */
} option_row;

#define FIELD(f) offsetof(options, f)

/* In the order of the help. */
static const option_row option_table[] = {
    {"--output", "-o", "FILE", TAKES_TEXT, FIELD(output),
     .commands = WRITERS | TAKEN_BY(COMMAND_ARCHIVE),
     .help = "the PDF to write (through a temporary file)"},
    {"--print", NULL, NULL, SETS_FORM, FIELD(form), .form = PDF_PRINT, .commands = WRITERS,
     .help = "the PDF for the press (the default): trim, bleed and\n"
             "slug boxes, marks and slug line, CMYK, output intent"},
    {"--archive", NULL, NULL, SETS_FORM, FIELD(form), .form = PDF_ARCHIVE, .commands = WRITERS,
     .help = "the PDF for the archive: PDF/A-2b, sRGB output intent"},
    {"--no-marks", NULL, NULL, SETS_FLAG, FIELD(no_marks), .commands = WRITERS,
     .help = "print form without crop and registration marks and\n"
             "slug line (the boxes stay)"},
    {"--dump", NULL, "FILE", TAKES_TEXT, FIELD(dump), .commands = WRITERS,
     .help = "write the layout dump (JSON) too"},
    {"--report", NULL, "FILE", TAKES_TEXT, FIELD(report),
     .commands = WRITERS | TAKEN_BY(COMMAND_ARCHIVE),
     .help = "write the layout report (JSON): pages, articles,\n"
             "overset, warnings with their input locations"},
    {"--png", NULL, "DIR", TAKES_TEXT, FIELD(png_dir), .commands = WRITERS,
     .help = "page previews in DIR (needs pdftoppm, poppler-utils);\n"
             "for diff also before|after pictures of changed pages"},
    {"--rev", NULL, "REV", TAKES_TEXT, FIELD(rev), .commands = TAKEN_BY(COMMAND_DIFF),
     .others_refuse = true, .help = "diff: compare with the edition at git revision REV"},
    {"--builds", NULL, "N", TAKES_COUNT, FIELD(builds), .min = 1, .max = LONG_MAX,
     .out_of_range = "--builds wants a count of 1 or more", .commands = TAKEN_BY(COMMAND_WATCH),
     .help = "watch: stop after N builds"},
    {"--jobs", "-j", "N", TAKES_COUNT, FIELD(jobs), .min = 1, .max = 256,
     .out_of_range = "-j wants a count of processes from 1 to 256",
     .commands = TAKEN_BY(COMMAND_ARCHIVE),
     .help = "archive: editions typeset at once (default: one per core)"},
    {"--force", NULL, NULL, SETS_FLAG, FIELD(force), .commands = TAKEN_BY(COMMAND_ARCHIVE),
     .help = "archive: typeset every edition again"},
    {"--layout", NULL, "DIR", TAKES_TEXT, FIELD(layout_dir), .commands = EVERY_COMMAND,
     .help = "page templates and styles (default: the nearest layout/\n"
             "folder above the edition)"},
    {"--fonts", NULL, "FILE", TAKES_TEXT, FIELD(fonts_file), .commands = EVERY_COMMAND,
     .help = "font manifest (default: fonts/fonts.yaml beside layout/)"},
    {"--allow-overset", NULL, NULL, SETS_FLAG, FIELD(allow_overset),
     .commands = TAKEN_BY(COMMAND_BUILD) | TAKEN_BY(COMMAND_PROOF) | TAKEN_BY(COMMAND_WATCH) |
                 TAKEN_BY(COMMAND_ARCHIVE),
     .help = "text that does not fit is not an error (exit 0)"},
    {"--allow-outside-root", NULL, NULL, SETS_FLAG, FIELD(allow_outside_root),
     .commands = EVERY_COMMAND, .help = "let content name files outside the edition folder"},
    {"--strict", NULL, NULL, SETS_FLAG, FIELD(strict),
     .commands = EVERY_COMMAND & ~TAKEN_BY(COMMAND_DIFF),
     .help = "exit 1 when there is any layout warning"},
    {"--timings", NULL, NULL, SETS_FLAG, FIELD(timings),
     .commands = TAKEN_BY(COMMAND_BUILD) | TAKEN_BY(COMMAND_PROOF) | TAKEN_BY(COMMAND_WATCH),
     .help = "print the time each stage took"},
    {"--by-article", NULL, NULL, SETS_FLAG, FIELD(by_article), .commands = TAKEN_BY(COMMAND_TEXT),
     .help = "text: article by article, each whole (a jump joined),\n"
             "without the page's furniture"},
    {"--warnings", NULL, NULL, SETS_FLAG, FIELD(warnings_summary),
     .commands = EVERY_COMMAND & ~TAKEN_BY(COMMAND_ARCHIVE),
     .help = "print the warnings as a summary: counts by kind, then\n"
             "each warning, grouped by kind"},
    {"--quiet", "-q", NULL, SETS_FLAG, FIELD(quiet), .commands = EVERY_COMMAND,
     .help = "print errors only"},
};
#define OPTION_COUNT ((int)(sizeof option_table / sizeof *option_table))

void options_usage(FILE *f)
{
    fputs("usage: paiban build EDITION -o FILE.pdf [--print|--archive] [--no-marks]\n"
          "                    [--dump FILE.json] [--report FILE.json] [--png DIR] [options]\n"
          "       paiban proof EDITION -o FILE.pdf [--report FILE.json] [--png DIR] [options]\n"
          "       paiban diff OLD NEW [-o FILE.pdf] [--png DIR] [options]\n"
          "       paiban diff --rev REV EDITION [-o FILE.pdf] [--png DIR] [options]\n"
          "       paiban watch EDITION -o FILE.pdf [--builds N] [options]\n"
          "       paiban text EDITION [--by-article]  print the edition's text, a paragraph a line\n"
          "       paiban archive YEAR -o DIR [-j N] [--force] [--report FILE.json] [options]\n"
          "       paiban --version\n"
          "\n"
          "commands:\n"
          "  build   the edition as a PDF\n"
          "  proof   the edition with a proof overlay on a layer of its own: type area,\n"
          "          columns, line grid, module frames and ids, overset markers, flags\n"
          "          beside lines and photos that need a look\n"
          "  diff    which pages, articles and lines changed between two versions of an\n"
          "          edition (two folders, or EDITION at git revision REV and as it is now);\n"
          "          -o writes the new version with changed lines marked\n"
          "  watch   write the proof, then again whenever a file of the edition, its\n"
          "          layout or its fonts changes; print the summary each time\n"
          "  archive every edition of a year (YEAR/MM-DD/) as PDF/A-2b in DIR, then the\n"
          "          volume DIR/YEAR.pdf (cover, contents, outline, page labels) and\n"
          "          DIR/index.json and index.csv; only changed editions are typeset again\n"
          "\n"
          "options:\n",
          f);
    for (int i = 0; i < OPTION_COUNT; i++) {
        const option_row *row = &option_table[i];
        char spelling[64];
        snprintf(spelling, sizeof spelling, "%s%s%s%s%s", row->short_name ? row->short_name : "",
                 row->short_name ? ", " : "", row->name, row->value ? " " : "",
                 row->value ? row->value : "");
        const char *line = row->help;
        fprintf(f, "  %-22s ", spelling);
        for (const char *nl; (nl = strchr(line, '\n')); line = nl + 1)
            fprintf(f, "%.*s\n%25s", (int)(nl - line), line, "");
        fprintf(f, "%s\n", line);
    }
    fputs("\n"
          "SOURCE_DATE_EPOCH (seconds since 1970), when set, is the build time in the\n"
          "slug line and the PDF's ModDate; otherwise the edition's date is.\n"
          "\n"
          "exit status: 0 done; 1 PDF written with layout problems (overset, or warnings\n"
          "with --strict); 2 input error, nothing written; 3 environment error.\n"
          "diff: 0 no change, 1 changes, 2 trouble.\n",
          f);
}

static int find_command(const char *name)
{
    for (int c = 0; c < COMMAND_COUNT; c++)
        if (strcmp(name, commands[c].name) == 0)
            return c;
    return -1;
}

static const option_row *find_option(const char *arg)
{
    for (int i = 0; i < OPTION_COUNT; i++) {
        const option_row *row = &option_table[i];
        if (strcmp(arg, row->name) == 0 || (row->short_name && strcmp(arg, row->short_name) == 0))
            return row;
    }
    return NULL;
}

/* A count's value, checked against its row's range. */
static bool read_count(const option_row *row, const char *text, options *o)
{
    char *end;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno || *end || n < row->min || n > row->max) {
        fprintf(stderr, "paiban: %s, not \"%s\"\n", row->out_of_range, text);
        return false;
    }
    *(long *)((char *)o + row->field) = n;
    return true;
}

/* The folders the command was given, where they belong. */
static bool place_folders(const char *const *folders, int count, options *o)
{
    const command_row *cmd = &commands[o->command];
    bool old_and_new = cmd->old_and_new && !o->rev;
    if (count != (old_and_new ? 2 : 1)) {
        if (old_and_new)
            fprintf(stderr, "paiban: %s needs the old and the new edition folder, or --rev REV "
                            "and one folder\n", cmd->name);
        else if (count == 0)
            fprintf(stderr, "paiban: %s\n", cmd->no_folder);
        else
            fprintf(stderr, "paiban: one edition at a time (\"%s\" and \"%s\")\n", folders[0],
                    folders[1]);
        return false;
    }
    if (old_and_new)
        o->old_edition = folders[0];
    o->edition = folders[count - 1];
    return true;
}

/* An option given to a command that does not take it, when that is an
 * error: the first such in the table. */
static bool refused(const bool *given, const options *o)
{
    for (int i = 0; i < OPTION_COUNT; i++) {
        const option_row *row = &option_table[i];
        if (!given[i] || !row->others_refuse || (row->commands & TAKEN_BY(o->command)))
            continue;
        fprintf(stderr, "paiban: %s belongs to", row->name);
        for (int c = 0; c < COMMAND_COUNT; c++)
            if (row->commands & TAKEN_BY(c))
                fprintf(stderr, " %s", commands[c].name);
        fputc('\n', stderr);
        return true;
    }
    return false;
}

int options_parse(int argc, char **argv, options *o)
{
    if (argc < 2) {
        options_usage(stderr);
        return EXIT_INPUT;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("paiban %s\n", PAIBAN_VERSION);
        exit(0);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        options_usage(stdout);
        exit(0);
    }
    int c = find_command(argv[1]);
    if (c < 0) {
        fprintf(stderr, "paiban: unknown command \"%s\"\n", argv[1]);
        options_usage(stderr);
        return EXIT_INPUT;
    }
    o->command = (command)c;
    const char *folders[3];
    int nfolders = 0;
    bool given[OPTION_COUNT] = {0};
    const char *counts[OPTION_COUNT] = {0}; /* checked once the folders are */
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const option_row *row = find_option(a);
        if (!row && a[0] == '-') {
            fprintf(stderr, "paiban: unknown option \"%s\"\n", a);
            return EXIT_INPUT;
        }
        if (!row && nfolders == 3) {
            fprintf(stderr, "paiban: too many folders (\"%s\")\n", a);
            return EXIT_INPUT;
        }
        if (!row) {
            folders[nfolders++] = a;
            continue;
        }
        int k = (int)(row - option_table);
        given[k] = true;
        char *field = (char *)o + row->field;
        if (row->kind == SETS_FLAG) {
            *(bool *)field = true;
        } else if (row->kind == SETS_FORM) {
            *(pdf_form *)field = row->form;
        } else if (i + 1 >= argc) {
            fprintf(stderr, "paiban: %s needs a value\n", a);
            return EXIT_INPUT;
        } else if (row->kind == TAKES_TEXT) {
            *(const char **)field = argv[++i];
        } else {
            counts[k] = argv[++i];
        }
    }
    if (!place_folders(folders, nfolders, o) || refused(given, o))
        return EXIT_INPUT;
    for (int k = 0; k < OPTION_COUNT; k++)
        if (counts[k] && !read_count(&option_table[k], counts[k], o))
            return EXIT_INPUT;
    const char *no_output = commands[o->command].no_output;
    if (no_output && !o->output) {
        fprintf(stderr, "paiban: %s\n", no_output);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}
