/* main.c — the paiban command.
 *
 * paiban build EDITION -o FILE.pdf [--dump FILE.json] runs the pipeline:
 *
 *     fontset_load → layout_load → edition_load      (content → model)
 *     compose_edition: per paragraph segment → shape → hlist → breaker,
 *                      per page modules, headline, photo, column flow
 *                                                    (→ lines → placed boxes)
 *     pdf_render (subset fonts) and dump_json, then both files written
 *                      through temporary files and renamed (files.h)
 *
 * Exit status: 0 success; 1 the PDF was written but layout problems remain
 * (overset text, or any warning with --strict); 2 the input is wrong (no
 * PDF written); 3 the machine failed us (cannot write, library failure). */
#include "compose.h"
#include "content.h"
#include "diag.h"
#include "dump.h"
#include "files.h"
#include "fontset.h"
#include "layout.h"
#include "para.h"
#include "pdf.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAIBAN_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_LAYOUT = 1, EXIT_INPUT = 2, EXIT_ENV = 3 };

typedef struct options {
    const char *command;
    const char *edition;
    const char *output;
    const char *dump;
    const char *layout_dir;
    const char *fonts_file;
    bool allow_overset;
    bool allow_outside_root;
    bool strict;
    bool timings;
    bool quiet;
} options;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: paiban build EDITION -o FILE.pdf [--dump FILE.json] [options]\n"
            "       paiban text EDITION        print the edition's text, a paragraph a line\n"
            "       paiban --version\n"
            "\n"
            "options:\n"
            "  -o, --output FILE      the PDF to write (through a temporary file)\n"
            "  --dump FILE            write the layout dump (JSON) too\n"
            "  --layout DIR           page templates and styles (default: the nearest layout/\n"
            "                         folder above the edition)\n"
            "  --fonts FILE           font manifest (default: fonts/fonts.yaml beside layout/)\n"
            "  --allow-overset        text that does not fit is not an error (exit 0)\n"
            "  --allow-outside-root   let content name files outside the edition folder\n"
            "  --strict               exit 1 when there is any layout warning\n"
            "  --timings              print the time each stage took\n"
            "  -q, --quiet            print errors only\n"
            "\n"
            "exit status: 0 done; 1 PDF written with layout problems (overset, or warnings\n"
            "with --strict); 2 input error, nothing written; 3 environment error\n");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The nearest folder at or above `start` that holds `child`. */
static char *find_upward(const char *start, const char *child)
{
    char dir[PATH_MAX];
    if (!realpath(start, dir))
        return NULL;
    for (;;) {
        char *candidate = xasprintf("%s/%s", dir, child);
        struct stat st;
        if (stat(candidate, &st) == 0)
            return candidate;
        free(candidate);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            return NULL;
        *slash = 0;
    }
}

static int parse_args(int argc, char **argv, options *o)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_INPUT;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("paiban %s\n", PAIBAN_VERSION);
        exit(0);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        exit(0);
    }
    o->command = argv[1];
    if (strcmp(o->command, "build") != 0 && strcmp(o->command, "text") != 0) {
        fprintf(stderr, "paiban: unknown command \"%s\"\n", o->command);
        usage(stderr);
        return EXIT_INPUT;
    }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **value = NULL;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            value = &o->output;
        else if (strcmp(a, "--dump") == 0)
            value = &o->dump;
        else if (strcmp(a, "--layout") == 0)
            value = &o->layout_dir;
        else if (strcmp(a, "--fonts") == 0)
            value = &o->fonts_file;
        else if (strcmp(a, "--allow-overset") == 0)
            o->allow_overset = true;
        else if (strcmp(a, "--allow-outside-root") == 0)
            o->allow_outside_root = true;
        else if (strcmp(a, "--strict") == 0)
            o->strict = true;
        else if (strcmp(a, "--timings") == 0)
            o->timings = true;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            o->quiet = true;
        else if (a[0] == '-') {
            fprintf(stderr, "paiban: unknown option \"%s\"\n", a);
            return EXIT_INPUT;
        } else if (!o->edition)
            o->edition = a;
        else {
            fprintf(stderr, "paiban: one edition at a time (\"%s\" and \"%s\")\n", o->edition, a);
            return EXIT_INPUT;
        }
        if (value) {
            if (i + 1 >= argc) {
                fprintf(stderr, "paiban: %s needs a value\n", a);
                return EXIT_INPUT;
            }
            *value = argv[++i];
        }
    }
    if (!o->edition) {
        fprintf(stderr, "paiban: name the edition folder, e.g. content/2018-12-28\n");
        return EXIT_INPUT;
    }
    if (strcmp(o->command, "build") == 0 && !o->output) {
        fprintf(stderr, "paiban: say where the PDF goes: -o FILE.pdf\n");
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

static int finish(diag *d, const options *o, int status)
{
    diag_print(d, stderr, 0, !o->quiet);
    if (status == EXIT_OK && o->strict && diag_warning_count(d) > 0)
        status = EXIT_LAYOUT;
    return status;
}

int main(int argc, char **argv)
{
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and
     * be reported, not kill us with a temporary file left behind. */
    signal(SIGXFSZ, SIG_IGN);
    options o = {0};
    int status = parse_args(argc, argv, &o);
    if (status != EXIT_OK)
        return status;
    diag *d = diag_new();
    double t_start = now();

    if (!is_dir(o.edition)) {
        diag_error(d, (src_loc){o.edition, 0, 0},
                   "no such edition folder; give the folder that holds edition.yaml");
        status = finish(d, &o, EXIT_INPUT);
        diag_free(d);
        return status;
    }
    char *layout_dir = o.layout_dir ? xstrdup(o.layout_dir) : find_upward(o.edition, "layout");
    char *fonts_file = NULL;
    if (o.fonts_file)
        fonts_file = xstrdup(o.fonts_file);
    else if (layout_dir) {
        char *base = xstrdup(layout_dir);
        char *slash = strrchr(base, '/');
        if (slash)
            *slash = 0;
        fonts_file = xasprintf("%s/fonts/fonts.yaml", slash ? base : ".");
        free(base);
    }
    fontset *fonts = NULL;
    layout *lay = NULL;
    edition *ed = NULL;
    typesetter *ts = NULL;
    edition_out eo = {0};
    if (!layout_dir) {
        diag_error(d, (src_loc){o.edition, 0, 0},
                   "no layout/ folder found above the edition; give --layout DIR");
        status = EXIT_INPUT;
        goto out;
    }
    fonts = fontset_load(fonts_file, d);
    if (fonts)
        lay = layout_load(layout_dir, fonts, d);
    if (lay)
        ed = edition_load(o.edition, lay, (content_options){.allow_outside_root = o.allow_outside_root},
                          d);
    if (!ed) {
        status = diag_env_error_count(d) ? EXIT_ENV : EXIT_INPUT;
        goto out;
    }
    double t_loaded = now();
    if (strcmp(o.command, "text") == 0) {
        dump_text(ed, lay, stdout);
        status = EXIT_OK;
        goto out;
    }
    ts = typesetter_new(fonts, lay, d);
    bool composed = compose_edition(ed, lay, ts, &eo, d);
    double t_composed = now();
    if (!composed) {
        status = diag_env_error_count(d) ? EXIT_ENV : EXIT_INPUT;
        goto out;
    }
    pdf_stats ps;
    unsigned char *pdf;
    size_t pdf_len;
    if (!pdf_render(&eo, ed, fonts, o.output, &pdf, &pdf_len, &ps, d)) {
        status = diag_env_error_count(d) ? EXIT_ENV : EXIT_INPUT;
        goto out;
    }
    char *json = o.dump ? dump_json(&eo, ed, lay) : NULL;
    file_out files[2] = {{o.output, pdf, pdf_len}, {o.dump, json, json ? strlen(json) : 0}};
    bool written = files_write_atomic(files, json ? 2 : 1, d);
    free(pdf);
    free(json);
    if (!written) {
        status = EXIT_ENV;
        goto out;
    }
    double t_written = now();
    status = eo.overset_lines > 0 && !o.allow_overset ? EXIT_LAYOUT : EXIT_OK;
    if (o.timings) {
        fprintf(stderr,
                "timings: load %.1f ms, compose %.1f ms, subset %.1f ms, write %.1f ms, total "
                "%.1f ms (%d pages, %ld bytes)\n",
                (t_loaded - t_start) * 1e3, (t_composed - t_loaded) * 1e3,
                ps.subset_seconds * 1e3, ps.write_seconds * 1e3, (now() - t_start) * 1e3,
                eo.page_count, ps.bytes);
    }
    (void)t_written;
    if (!o.quiet)
        fprintf(stderr, "paiban: wrote %s (%d page%s)%s\n", o.output, eo.page_count,
                eo.page_count == 1 ? "" : "s",
                eo.overset_lines ? "; some text is overset, see above" : "");
out:
    status = finish(d, &o, status);
    edition_out_free(&eo);
    typesetter_free(ts);
    edition_free(ed);
    layout_free(lay);
    fontset_free(fonts);
    free(layout_dir);
    free(fonts_file);
    diag_free(d);
    return status;
}
