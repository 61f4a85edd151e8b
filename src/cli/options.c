/* options.c — the command and option tables, the parser that reads them
 * and the help printed from them. */
#include "cli/options.h"

#include "input/keys.h"
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
#define EDITION_COMMANDS                                                                           \
    (WRITERS | TAKEN_BY(COMMAND_TEXT) | TAKEN_BY(COMMAND_ARCHIVE) | TAKEN_BY(COMMAND_PLAN))
#define EVERY_COMMAND (EDITION_COMMANDS | TAKEN_BY(COMMAND_HELP))

/* A command and what it wants besides its options. */
typedef struct command_row {
    const char *name;
    const char *synopsis;     /* after "paiban NAME"; a line per form */
    const char *summary;      /* one line in the program's help */
    const char *about;        /* what it does, in its own help */
    int folders;              /* 1, or 2 (OLD and NEW, unless --rev names the old); help: 0 */
    const char *no_folder;    /* said when the folder is missing */
    const char *no_output;    /* said when -o is missing; NULL: -o is optional */
} command_row;

static const char NAME_EDITION[] = "name the edition folder, e.g. content/2018-12-28";
static const char WHERE_PDF[] = "say where the PDF goes: -o FILE.pdf (or -o - for standard output)";

static const command_row commands[] = {
    [COMMAND_BUILD] = {"build",
                       "EDITION -o FILE.pdf [--print|--archive] [--no-marks]\n"
                       "[--dump FILE] [--report FILE] [--png DIR] [options]",
                       "the edition as a PDF, for the press or the archive",
                       "Typeset the edition in the folder EDITION (its edition.yaml and the\n"
                       "articles it places) and write the PDF: for the press (the default) "
                       "or\n"
                       "for the archive.  Messages name the file, line and column of the "
                       "input\n"
                       "they concern; a one-line summary ends the run.",
                       1, NAME_EDITION, WHERE_PDF},
    [COMMAND_PROOF] = {"proof", "EDITION -o FILE.pdf [--report FILE] [--png DIR] [options]",
                       "the edition with the proof overlay",
                       "The edition as build sets it, with an overlay on a PDF layer of its "
                       "own:\n"
                       "type area, columns, line grid, module frames and ids, overset text "
                       "and\n"
                       "what would fit, flags beside lines and photos that need a look.",
                       1, NAME_EDITION, WHERE_PDF},
    [COMMAND_DIFF] = {"diff",
                      "OLD NEW [--verbose] [-o FILE.pdf] [--png DIR] [options]\n"
                      "--rev REV EDITION [--verbose] [-o FILE.pdf] [options]",
                      "what changed between two versions of an edition",
                      "Which pages and articles changed between two versions of an edition\n"
                      "(two folders, or EDITION at git revision REV and as it is now): a "
                      "line\n"
                      "per page, the counts of lines moved, reflowed and removed per "
                      "article,\n"
                      "overset and jumps that changed (--stat, the default), or every line\n"
                      "(--verbose); -q prints the changed pages alone.  -o writes the new\n"
                      "version with the changed lines marked.  Exit status as diff(1): 0 "
                      "no\n"
                      "change, 1 changes, 2 trouble.",
                      2, NAME_EDITION, NULL},
    [COMMAND_WATCH] = {"watch", "EDITION -o FILE.pdf [--builds N] [options]",
                       "the proof again whenever a file changes",
                       "Write the proof, then again whenever a file of the "
                       "edition, its layout\n"
                       "or its fonts is saved, printing the messages and the "
                       "summary each time.",
                       1, NAME_EDITION, WHERE_PDF},
    [COMMAND_TEXT] = {"text", "EDITION [--by-article | --json] [options]",
                      "the edition's text, a paragraph a line",
                      "Print the edition's text, a paragraph a line, in reading order; "
                      "with\n"
                      "--by-article article by article, each part (kicker, headline, "
                      "subtitle,\n"
                      "lead, byline, body) on lines of its own; with --json an object per\n"
                      "article with those parts as fields.",
                      1, NAME_EDITION, NULL},
    [COMMAND_ARCHIVE] = {"archive", "YEAR -o DIR [-j N] [--force] [--report FILE] [options]",
                         "a year's editions and their bound volume",
                         "Typeset every edition of a year (YEAR/MM-DD/ or YEAR-MM-DD/ folders) "
                         "as\n"
                         "PDF/A-2b in DIR, then bind the volume DIR/YEAR.pdf (cover, contents\n"
                         "linked to the pages, outline, page labels) and write DIR/index.json "
                         "and\n"
                         "index.csv; only changed editions are typeset again.",
                         1, "name the year's folder, e.g. content/2018",
                         "say where the archive goes: -o DIR (e.g. archive/2018)"},
    [COMMAND_PLAN] = {"plan", "EDITION [-o PLAN.yaml] [--pages A1,A2] [--explain] [options]",
                      "the placements of ranked stories (自动组版)",
                      "Place the stories that edition.yaml's pages rank (stories: with rank and\n"
                      "wishes) as a make-up editor would, and write the edition.yaml that\n"
                      "places them, to standard output or -o: open it, move a module, build.\n"
                      "--explain prints each module's shape and what the page's make-up costs.",
                      1, NAME_EDITION, NULL},
    [COMMAND_HELP] = {"help", "[COMMAND]\nkeys [TABLE]",
                      "what a command does and the options it takes",
                      "Print what COMMAND does and every option it takes, or without "
                      "COMMAND\n"
                      "the commands and the options they all take.  help keys lists the\n"
                      "mappings of the input files, and help keys TABLE prints the keys of\n"
                      "one as a Markdown table: type, range or choices, meaning.",
                      0, NULL, NULL},
};
#define COMMAND_COUNT ((int)(sizeof commands / sizeof *commands))

typedef enum {
    SETS_FLAG,                /* a bool, to true (to false when `clears`) */
    SETS_FORM,                /* the PDF's form, to `form` */
    TAKES_TEXT,               /* a value kept as given: a path, a revision */
    TAKES_COUNT,              /* a whole number from min to max */
    TAKES_WORD,               /* one of `words`; the int field gets its index */
    SHOWS_HELP,
    SHOWS_VERSION,
} option_kind;

typedef struct option_row {
    const char *name;         /* "--output" */
    const char *short_name;   /* "-o", or NULL */
    const char *value;        /* the value's name in the help ("FILE"); NULL for none */
    option_kind kind;
    size_t field;             /* offsetof(options, …) of what it sets */
    bool clears;              /* SETS_FLAG: sets false */
    pdf_form form;            /* SETS_FORM */
    long min, max;            /* TAKES_COUNT */
    const char *out_of_range; /* TAKES_COUNT, TAKES_WORD: said, with the value,
                                 when it is wrong */
    const char *const *words; /* TAKES_WORD, NULL-terminated */
    unsigned commands;        /* the commands that take it, TAKEN_BY(…) */
    const char *help;         /* its lines in the help */
} option_row;

#define FIELD(f) offsetof(options, f)

static const char *const color_words[] = {[COLOR_AUTO] = "auto", [COLOR_NEVER] = "never",
                                          [COLOR_ALWAYS] = "always", NULL};

/* In the order of the help.  A spelling may have two rows for two sets of
 * commands (-o is a PDF for most, a folder for archive). */
static const option_row option_table[] = {
    {"--output", "-o", "FILE", TAKES_TEXT, FIELD(output),
     .commands = TAKEN_BY(COMMAND_BUILD) | TAKEN_BY(COMMAND_PROOF),
     .help = "the PDF to write (through a temporary file); - writes\n"
             "it to standard output"},
    {"--output", "-o", "FILE", TAKES_TEXT, FIELD(output), .commands = TAKEN_BY(COMMAND_DIFF),
     .help = "write the new version with the changed lines marked"},
    {"--output", "-o", "FILE", TAKES_TEXT, FIELD(output), .commands = TAKEN_BY(COMMAND_WATCH),
     .help = "the proof to write (through a temporary file)"},
    {"--output", "-o", "DIR", TAKES_TEXT, FIELD(output), .commands = TAKEN_BY(COMMAND_ARCHIVE),
     .help = "the folder of the editions' PDFs, volume and index"},
    {"--output", "-o", "FILE", TAKES_TEXT, FIELD(output), .commands = TAKEN_BY(COMMAND_PLAN),
     .help = "the plan to write (edition.yaml with the stories\n"
             "placed); standard output unless given"},
    {"--pages", NULL, "LIST", TAKES_TEXT, FIELD(pages), .commands = TAKEN_BY(COMMAND_PLAN),
     .help = "plan only these pages, by label: A1,A2"},
    {"--explain", NULL, NULL, SETS_FLAG, FIELD(explain), .commands = TAKEN_BY(COMMAND_PLAN),
     .help = "print each module's shape, the lines each story\n"
             "needs and what the page's make-up costs"},
    {"--plan", NULL, NULL, SETS_FLAG, FIELD(plan),
     .commands = WRITERS | TAKEN_BY(COMMAND_TEXT),
     .help = "set pages given as stories as paiban plan places\n"
             "them (what every build does with such pages)"},
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
    {"--report", NULL, "FILE", TAKES_TEXT, FIELD(report), .commands = WRITERS,
     .help = "write the layout report (JSON): pages, articles,\n"
             "overset, warnings with their input locations"},
    {"--report", NULL, "FILE", TAKES_TEXT, FIELD(report), .commands = TAKEN_BY(COMMAND_ARCHIVE),
     .help = "write the run's report (JSON): each edition's state,\n"
             "pages and time, the volume's"},
    {"--png", NULL, "DIR", TAKES_TEXT, FIELD(png_dir), .commands = WRITERS,
     .help = "page previews in DIR (needs pdftoppm, poppler-utils);\n"
             "for diff also before|after pictures of changed pages"},
    {"--png-dpi", NULL, "N", TAKES_COUNT, FIELD(png_dpi), .min = 10, .max = 1200,
     .out_of_range = "--png-dpi wants a resolution from 10 to 1200 dpi", .commands = WRITERS,
     .help = "the previews' resolution (default 60)"},
    {"--rev", NULL, "REV", TAKES_TEXT, FIELD(rev), .commands = TAKEN_BY(COMMAND_DIFF),
     .help = "compare with the edition at git revision REV"},
    {"--stat", NULL, NULL, SETS_FLAG, FIELD(diff_verbose), .clears = true,
     .commands = TAKEN_BY(COMMAND_DIFF),
     .help = "the changes counted per page and article (the default)"},
    {"--verbose", NULL, NULL, SETS_FLAG, FIELD(diff_verbose), .commands = TAKEN_BY(COMMAND_DIFF),
     .help = "every line that moved, reflowed or was removed"},
    {"--builds", NULL, "N", TAKES_COUNT, FIELD(builds), .min = 1, .max = LONG_MAX,
     .out_of_range = "--builds wants a count of 1 or more", .commands = TAKEN_BY(COMMAND_WATCH),
     .help = "stop after N builds"},
    {"--jobs", "-j", "N", TAKES_COUNT, FIELD(jobs), .min = 1, .max = 256,
     .out_of_range = "-j wants a count of processes from 1 to 256",
     .commands = TAKEN_BY(COMMAND_ARCHIVE),
     .help = "editions typeset at once (default: one per core)"},
    {"--force", NULL, NULL, SETS_FLAG, FIELD(force), .commands = TAKEN_BY(COMMAND_ARCHIVE),
     .help = "typeset every edition again"},
    {"--by-article", NULL, NULL, SETS_FLAG, FIELD(by_article), .commands = TAKEN_BY(COMMAND_TEXT),
     .help = "article by article, each whole (a jump joined), its\n"
             "parts on lines of their own, without furniture"},
    {"--json", NULL, NULL, SETS_FLAG, FIELD(json), .commands = TAKEN_BY(COMMAND_TEXT),
     .help = "the articles as JSON, their parts as fields (for a CMS)"},
    {"--layout", NULL, "DIR", TAKES_TEXT, FIELD(layout_dir), .commands = EDITION_COMMANDS,
     .help = "page templates and styles (default: the nearest layout/\n"
             "folder above the edition, else the installed one)"},
    {"--fonts", NULL, "FILE", TAKES_TEXT, FIELD(fonts_file), .commands = EDITION_COMMANDS,
     .help = "font manifest (default: fonts/fonts.yaml by the layout)"},
    {"--allow-overset", NULL, NULL, SETS_FLAG, FIELD(allow_overset),
     .commands = TAKEN_BY(COMMAND_BUILD) | TAKEN_BY(COMMAND_PROOF) | TAKEN_BY(COMMAND_WATCH) |
                 TAKEN_BY(COMMAND_ARCHIVE),
     .help = "text that does not fit is not an error (exit 0)"},
    {"--allow-outside-root", NULL, NULL, SETS_FLAG, FIELD(allow_outside_root),
     .commands = EDITION_COMMANDS, .help = "let content name files outside the edition folder"},
    {"--strict", NULL, NULL, SETS_FLAG, FIELD(strict),
     .commands = EDITION_COMMANDS & ~TAKEN_BY(COMMAND_DIFF),
     .help = "exit 1 when there is any layout warning"},
    {"--timings", NULL, NULL, SETS_FLAG, FIELD(timings),
     .commands = TAKEN_BY(COMMAND_BUILD) | TAKEN_BY(COMMAND_PROOF) | TAKEN_BY(COMMAND_WATCH),
     .help = "print the time each stage took"},
    {"--warnings", NULL, NULL, SETS_FLAG, FIELD(warnings_summary),
     .commands = EDITION_COMMANDS & ~TAKEN_BY(COMMAND_ARCHIVE),
     .help = "print the warnings as a summary: counts by kind, then\n"
             "every warning, grouped by kind"},
    {"--quiet", "-q", NULL, SETS_FLAG, FIELD(quiet),
     .commands = EDITION_COMMANDS & ~TAKEN_BY(COMMAND_DIFF), .help = "print errors only"},
    {"--quiet", "-q", NULL, SETS_FLAG, FIELD(quiet), .commands = TAKEN_BY(COMMAND_DIFF),
     .help = "brief, as diff -q: the pages that changed and errors"},
    {"--color", NULL, "WHEN", TAKES_WORD, FIELD(color), .words = color_words,
     .out_of_range = "--color wants auto, never or always", .commands = EDITION_COMMANDS,
     .help = "colour the messages: auto (on a terminal, unless\n"
             "NO_COLOR is set), never or always"},
    {"--help", "-h", NULL, SHOWS_HELP, 0, .commands = EVERY_COMMAND,
     .help = "print this help and exit"},
    {"--version", "-V", NULL, SHOWS_VERSION, 0, .commands = EVERY_COMMAND,
     .help = "print the version and exit"},
};
#define OPTION_COUNT ((int)(sizeof option_table / sizeof *option_table))

/* The commands that take the option spelled `name`, by any of its rows
 * (-o and -q have several). */
static unsigned takers_of(const char *name)
{
    unsigned takers = 0;
    for (int i = 0; i < OPTION_COUNT; i++)
        if (strcmp(option_table[i].name, name) == 0)
            takers |= option_table[i].commands;
    return takers;
}

/* Whether row i is the first of its spelling. */
static bool first_row(int i)
{
    for (int k = 0; k < i; k++)
        if (strcmp(option_table[k].name, option_table[i].name) == 0)
            return false;
    return true;
}

/* Lines of `text`, each after `indent` spaces. */
static void put_lines(FILE *f, const char *text, int indent)
{
    for (const char *nl; (nl = strchr(text, '\n')); text = nl + 1)
        fprintf(f, "%*s%.*s\n", indent, "", (int)(nl - text), text);
    fprintf(f, "%*s%s\n", indent, "", text);
}

static void put_option(FILE *f, const option_row *row)
{
    char spelling[64];
    snprintf(spelling, sizeof spelling, "%s%s%s%s%s", row->short_name ? row->short_name : "",
             row->short_name ? ", " : "", row->name, row->value ? " " : "",
             row->value ? row->value : "");
    const char *nl = strchr(row->help, '\n');
    fprintf(f, "  %-22s %.*s\n", spelling, nl ? (int)(nl - row->help) : (int)strlen(row->help),
            row->help);
    if (nl)
        put_lines(f, nl + 1, 25);
}

static void put_synopsis(FILE *f, const command_row *c, bool first)
{
    const char *text = c->synopsis;
    for (const char *nl;; text = nl + 1, first = false) {
        nl = strchr(text, '\n');
        int n = nl ? (int)(nl - text) : (int)strlen(text);
        /* A form's continuation lines start with an option, not a folder. */
        bool form = text[0] != '[' || text == c->synopsis;
        if (form)
            fprintf(f, "%s paiban %s %.*s\n", first ? "usage:" : "      ", c->name, n, text);
        else
            fprintf(f, "%*s%.*s\n", (int)(15 + strlen(c->name)), "", n, text);
        if (!nl)
            break;
    }
}

static const char ENVIRONMENT[] =
    "environment: SOURCE_DATE_EPOCH (seconds since 1970) is the build time in "
    "the\n"
    "slug line and the PDF's ModDate, otherwise the edition's date is; "
    "NO_COLOR\n"
    "turns colour off; PAIBAN_CACHE is the photo cache (off: none); "
    "PAIBAN_SHARE\n"
    "is the folder of the installed layout/ and fonts/.\n";

static const char EXIT_STATUS[] =
    "exit status: 0 done; 1 PDF written with layout problems (overset, or "
    "warnings\n"
    "with --strict); 2 input error, nothing written; 3 environment error.\n";

void options_usage(FILE *f, int which)
{
    if (which < 0) {
        for (int c = 0; c < COMMAND_COUNT; c++)
            put_synopsis(f, &commands[c], c == 0);
        fputs("       paiban -V | --version\n\ncommands:\n", f);
        for (int c = 0; c < COMMAND_COUNT; c++)
            fprintf(f, "  %-8s %s\n", commands[c].name, commands[c].summary);
        fputs("\noptions every command takes (paiban help COMMAND lists all of a "
              "command's):\n",
              f);
        /* A spelling every command takes, by one row or several (-q),
         * shown once, as its first row says it. */
        for (int i = 0; i < OPTION_COUNT; i++)
            if (first_row(i) && (takers_of(option_table[i].name) & EDITION_COMMANDS) ==
                                    EDITION_COMMANDS)
                put_option(f, &option_table[i]);
        fprintf(f, "\n%s\n%s", ENVIRONMENT, EXIT_STATUS);
        return;
    }
    const command_row *c = &commands[which];
    put_synopsis(f, c, true);
    fputc('\n', f);
    put_lines(f, c->about, 2);
    fputs("\noptions:\n", f);
    for (int i = 0; i < OPTION_COUNT; i++)
        if (option_table[i].commands & TAKEN_BY(which))
            put_option(f, &option_table[i]);
    if (which != COMMAND_HELP && which != COMMAND_DIFF)
        fprintf(f, "\n%s", EXIT_STATUS);
}

bool options_to_stdout(const options *o) { return o->output && strcmp(o->output, "-") == 0; }

/* paiban help keys [TABLE]: the tables, or one as Markdown. */
static int help_keys(const char *name)
{
    if (!name) {
        puts("key tables of the input files (paiban help keys TABLE prints one):");
        for (const key_table *k = key_tables; k->name; k++)
            printf("  %-18s %s\n", k->name, k->where);
        return EXIT_OK;
    }
    const key_table *k = key_table_named(name);
    if (!k) {
        fprintf(stderr, "paiban: no key table \"%s\"; paiban help keys lists them\n", name);
        return EXIT_INPUT;
    }
    char *md = fields_markdown(k->table);
    fputs(md, stdout);
    free(md);
    return EXIT_OK;
}

static int find_command(const char *name)
{
    for (int c = 0; c < COMMAND_COUNT; c++)
        if (strcmp(name, commands[c].name) == 0)
            return c;
    return -1;
}

/* The row spelled `arg` (n bytes of it): the one the command takes when
 * two share the spelling. */
static const option_row *find_option(const char *arg, size_t n, command cmd)
{
    const option_row *found = NULL;
    for (int i = 0; i < OPTION_COUNT; i++) {
        const option_row *row = &option_table[i];
        bool named = (strlen(row->name) == n && strncmp(arg, row->name, n) == 0) ||
                     (row->short_name && strlen(row->short_name) == n &&
                      strncmp(arg, row->short_name, n) == 0);
        if (named && (!found || (row->commands & TAKEN_BY(cmd))))
            found = row;
    }
    return found;
}

/* A count's or a word's value, checked. */
static bool read_value(const option_row *row, const char *text, options *o)
{
    char *slot = (char *)o + row->field;
    if (row->kind == TAKES_WORD) {
        for (int k = 0; row->words[k]; k++)
            if (strcmp(text, row->words[k]) == 0) {
                *(int *)slot = k;
                return true;
            }
    } else {
        char *end;
        errno = 0;
        long n = strtol(text, &end, 10);
        if (!errno && !*end && end != text && n >= row->min && n <= row->max) {
            *(long *)slot = n;
            return true;
        }
    }
    fprintf(stderr, "paiban: %s, not \"%s\"\n", row->out_of_range, text);
    return false;
}

/* The folders the command was given, where they belong. */
static bool place_folders(const char *const *folders, int count, options *o)
{
    const command_row *cmd = &commands[o->command];
    if (o->command == COMMAND_HELP) {
        if (count >= 1 && strcmp(folders[0], "keys") == 0 && count <= 2) {
            o->help_keys = true;
            o->keys_table = count == 2 ? folders[1] : NULL;
            return true;
        }
        if (count > 1) {
            fprintf(stderr, "paiban: help takes one command at a time (\"%s\" and \"%s\")\n",
                    folders[0], folders[1]);
            return false;
        }
        o->edition = count ? folders[0] : NULL;
        return true;
    }
    bool old_and_new = cmd->folders == 2 && !o->rev;
    if (count != (old_and_new ? 2 : 1)) {
        if (old_and_new)
            fprintf(stderr, "paiban: %s needs the old and the new edition folder, or --rev REV "
                            "and one folder\n", cmd->name);
        else if (count == 0)
            fprintf(stderr, "paiban: %s\n", cmd->no_folder);
        else
            fprintf(stderr, "paiban: %s takes one %s (\"%s\" and \"%s\")\n", cmd->name,
                    o->command == COMMAND_ARCHIVE ? "year at a time" : "edition at a time",
                    folders[0], folders[1]);
        return false;
    }
    if (old_and_new)
        o->old_edition = folders[0];
    o->edition = folders[count - 1];
    return true;
}

/* An option given to a command that does not take it. */
static bool refused(const option_row *row, command cmd)
{
    if (row->commands & TAKEN_BY(cmd))
        return false;
    unsigned takers = takers_of(row->name);
    fprintf(stderr, "paiban: %s does not take %s (", commands[cmd].name, row->name);
    int n = 0;
    for (int c = 0; c < COMMAND_COUNT; c++)
        if (takers & TAKEN_BY(c))
            fprintf(stderr, "%s%s", n++ ? ", " : "", commands[c].name);
    fprintf(stderr, " %s); paiban help %s lists its options\n", n == 1 ? "does" : "do",
            commands[cmd].name);
    return true;
}

/* What a command wants once its arguments are read: -o where it needs
 * one, standard output only where a PDF alone goes there. */
static bool complete(const options *o)
{
    const command_row *c = &commands[o->command];
    if (c->no_output && !o->output) {
        fprintf(stderr, "paiban: %s\n", c->no_output);
        return false;
    }
    if (options_to_stdout(o) && o->command != COMMAND_BUILD && o->command != COMMAND_PROOF) {
        fprintf(stderr, "paiban: -o - (standard output) is for build and proof; %s\n",
                o->command == COMMAND_DIFF ? "diff prints what changed there, so give -o a file"
                                           : "give -o a file or folder");
        return false;
    }
    if (o->by_article && o->json) {
        fputs("paiban: text takes --by-article or --json, not both\n", stderr);
        return false;
    }
    return true;
}

/* One option at argv[*i] (its value after "=" or in the next argument);
 * false, with the reason printed, when it is wrong. */
static bool read_option(int argc, char **argv, int *i, options *o, const char **counts)
{
    const char *a = argv[*i];
    const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
    size_t n = eq ? (size_t)(eq - a) : strlen(a);
    const option_row *row = find_option(a, n, o->command);
    if (!row) {
        fprintf(stderr, "paiban: unknown option \"%.*s\"; paiban help %s lists the options\n",
                (int)n, a, commands[o->command].name);
        return false;
    }
    if (refused(row, o->command))
        return false;
    char *slot = (char *)o + row->field;
    bool takes_value =
        row->kind == TAKES_TEXT || row->kind == TAKES_COUNT || row->kind == TAKES_WORD;
    if (eq && !takes_value) {
        fprintf(stderr, "paiban: %s takes no value (\"%s\")\n", row->name, a);
        return false;
    }
    if (takes_value && !eq && *i + 1 >= argc) {
        fprintf(stderr, "paiban: %s needs a value (%s)\n", row->name, row->value);
        return false;
    }
    const char *value = eq ? eq + 1 : takes_value ? argv[++*i] : NULL;
    switch (row->kind) {
    case SETS_FLAG:
        *(bool *)slot = !row->clears;
        break;
    case SETS_FORM:
        *(pdf_form *)slot = row->form;
        break;
    case TAKES_TEXT:
        *(const char **)slot = value;
        break;
    case TAKES_COUNT:
    case TAKES_WORD:
        counts[row - option_table] = value;
        break;
    case SHOWS_HELP:
        options_usage(stdout, (int)o->command);
        o->done = true;
        break;
    case SHOWS_VERSION:
        printf("paiban %s\n", PAIBAN_VERSION);
        o->done = true;
        break;
    }
    return true;
}

int options_parse(int argc, char **argv, options *o)
{
    o->png_dpi = PNG_DPI_DEFAULT;
    if (argc < 2) {
        options_usage(stderr, -1);
        return EXIT_INPUT;
    }
    const char *first = argv[1];
    if (!strcmp(first, "--help") || !strcmp(first, "-h") || !strcmp(first, "--version") ||
        !strcmp(first, "-V")) {
        if (first[1] == 'V' || first[2] == 'v')
            printf("paiban %s\n", PAIBAN_VERSION);
        else
            options_usage(stdout, -1);
        o->done = true;
        return EXIT_OK;
    }
    int c = find_command(first);
    if (c < 0) {
        fprintf(stderr, "paiban: unknown command \"%s\"; paiban help lists the commands\n", first);
        return EXIT_INPUT;
    }
    o->command = (command)c;
    const char *folders[3];
    int nfolders = 0;
    const char *counts[OPTION_COUNT] = {0}; /* checked once the folders are */
    for (int i = 2; i < argc && !o->done; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1]) {
            if (!read_option(argc, argv, &i, o, counts))
                return EXIT_INPUT;
        } else if (nfolders == 3) {
            fprintf(stderr, "paiban: too many folders (\"%s\")\n", a);
            return EXIT_INPUT;
        } else {
            folders[nfolders++] = a;
        }
    }
    if (o->done)
        return EXIT_OK;
    if (!place_folders(folders, nfolders, o))
        return EXIT_INPUT;
    for (int k = 0; k < OPTION_COUNT; k++)
        if (counts[k] && !read_value(&option_table[k], counts[k], o))
            return EXIT_INPUT;
    if (o->command == COMMAND_HELP && o->help_keys) {
        o->done = true;
        return help_keys(o->keys_table);
    }
    if (o->command == COMMAND_HELP) {
        int asked = o->edition ? find_command(o->edition) : -1;
        if (o->edition && asked < 0) {
            fprintf(stderr, "paiban: unknown command \"%s\"; paiban help lists the commands\n",
                    o->edition);
            return EXIT_INPUT;
        }
        options_usage(stdout, asked);
        o->done = true;
        return EXIT_OK;
    }
    return complete(o) ? EXIT_OK : EXIT_INPUT;
}
