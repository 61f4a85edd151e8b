/* main.c — the paiban command.
 *
 * paiban build EDITION -o FILE.pdf [--print|--archive] [--dump FILE.json]
 * runs the pipeline:
 *
 *     fontset_load → layout_load → edition_load      (content → model)
 *     compose_edition: per paragraph segment → shape → hlist → breaker,
 *                      per page modules, headline, photo, column flow
 *                                                    (→ lines → placed boxes)
 *     pdf_write (print or archive form, preflight, subset fonts, save
 *                atomically) and dump_json
 *
 * Exit status: 0 success; 1 the PDF was written but layout problems remain
 * (overset text, or any warning with --strict); 2 the input is wrong (no
 * PDF written); 3 the machine failed us (cannot write, library failure). */
#include "compose.h"
#include "content.h"
#include "diag.h"
#include "dump.h"
#include "fontset.h"
#include "layout.h"
#include "para.h"
#include "pdf.h"

#include <errno.h>
#include <limits.h>
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
    pdf_form form;
    bool no_marks;
} options;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: paiban build EDITION -o FILE.pdf [--print|--archive] [--no-marks]\n"
            "                    [--dump FILE.json] [options]\n"
            "       paiban text EDITION        print the edition's text, a paragraph a line\n"
            "       paiban --version\n"
            "\n"
            "options:\n"
            "  -o, --output FILE      the PDF to write (through a temporary file)\n"
            "  --print                the PDF for the press (the default): trim, bleed and\n"
            "                         slug boxes, marks and slug line, CMYK, output intent\n"
            "  --archive              the PDF for the archive: PDF/A-2b, sRGB output intent\n"
            "  --no-marks             print form without crop and registration marks and\n"
            "                         slug line (the boxes stay)\n"
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
            "SOURCE_DATE_EPOCH (seconds since 1970), when set, is the build time in the\n"
            "slug line and the PDF's ModDate; otherwise the edition's date is.\n"
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

/* `path` relative to the working directory when it lies inside it, so
 * that file names in messages and dumps do not depend on the checkout. */
static char *relative_to_cwd(const char *path)
{
    char cwd[PATH_MAX];
    size_t n;
    if (getcwd(cwd, sizeof cwd) && (n = strlen(cwd)) > 0 && strncmp(path, cwd, n) == 0 &&
        path[n] == '/')
        return xstrdup(path + n + 1);
    return xstrdup(path);
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
        if (stat(candidate, &st) == 0) {
            char *rel = relative_to_cwd(candidate);
            free(candidate);
            return rel;
        }
        free(candidate);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            return NULL;
        *slash = 0;
    }
}

/* fonts/fonts.yaml beside the layout folder. */
static char *fonts_beside(const char *layout_dir)
{
    char real[PATH_MAX];
    if (!realpath(layout_dir, real))
        return xasprintf("%s/../fonts/fonts.yaml", layout_dir);
    char *slash = strrchr(real, '/');
    if (slash && slash != real)
        *slash = 0;
    char *abs = xasprintf("%s/fonts/fonts.yaml", real);
    char *rel = relative_to_cwd(abs);
    free(abs);
    return rel;
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
        else if (strcmp(a, "--print") == 0)
            o->form = PDF_PRINT;
        else if (strcmp(a, "--archive") == 0)
            o->form = PDF_ARCHIVE;
        else if (strcmp(a, "--no-marks") == 0)
            o->no_marks = true;
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

/* The build time: SOURCE_DATE_EPOCH when set (reproducible-builds.org),
 * else the edition's date; never the clock. */
static bool build_time(const edition *e, int64_t *out, diag *d)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (!env || !*env) {
        *out = pdf_edition_time(e);
        return true;
    }
    char *end;
    errno = 0;
    long long v = strtoll(env, &end, 10);
    if (errno || *end || v < 0 || v > 253402300799LL)
        return diag_error(d, (src_loc){0}, "SOURCE_DATE_EPOCH must be a count of seconds since "
                                           "1970 (before the year 10000), not \"%s\"", env);
    *out = v;
    return true;
}

/* Preflight's measure of every photo, as notes. */
static void print_photo_reports(const pdf_stats *ps)
{
    for (int i = 0; i < ps->photos.n; i++) {
        const pdf_photo_report *r = &ps->photos.v[i];
        char where[512];
        diag_format_loc(r->loc, where, sizeof where);
        fprintf(stderr, "%s: note: photo %s of article \"%s\": %d × %d px, %.0f × %.0f mm, %.0f ppi, %s\n",
                where, r->file, r->article, r->width, r->height, r->printed_w, r->printed_h,
                r->ppi, r->colour);
    }
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
    char *layout_dir = NULL;
    if (o.layout_dir) {
        layout_dir = xstrdup(o.layout_dir);
        size_t n = strlen(layout_dir);
        while (n > 1 && layout_dir[n - 1] == '/')
            layout_dir[--n] = 0;
    } else {
        layout_dir = find_upward(o.edition, "layout");
    }
    char *fonts_file = NULL;
    if (o.fonts_file)
        fonts_file = xstrdup(o.fonts_file);
    else if (layout_dir)
        fonts_file = fonts_beside(layout_dir);
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
    ts = typesetter_new(fonts, lay, d);
    bool composed = compose_edition(ed, lay, ts, &eo, d);
    double t_composed = now();
    if (!composed) {
        status = diag_env_error_count(d) ? EXIT_ENV : EXIT_INPUT;
        goto out;
    }
    if (strcmp(o.command, "text") == 0) {
        dump_text(&eo, stdout);
        status = EXIT_OK;
        goto out;
    }
    pdf_options po = {.form = o.form, .no_marks = o.no_marks};
    if (!build_time(ed, &po.build_time, d)) {
        status = EXIT_INPUT;
        goto out;
    }
    pdf_stats ps;
    bool written = pdf_write(&eo, ed, lay, ts, &po, o.output, &ps, d);
    if (!o.quiet)
        print_photo_reports(&ps);
    pdf_stats_free(&ps);
    if (!written) {
        status = diag_env_error_count(d) ? EXIT_ENV : EXIT_INPUT;
        goto out;
    }
    double t_written = now();
    if (o.dump) {
        char *json = dump_json(&eo, ed, lay);
        bool ok = write_file_atomic(o.dump, json, strlen(json), d);
        free(json);
        if (!ok) {
            status = EXIT_ENV;
            goto out;
        }
    }
    status = eo.overset_lines > 0 && !o.allow_overset ? EXIT_LAYOUT : EXIT_OK;
    if (o.timings) {
        double shape, brk;
        typesetter_times(ts, &shape, &brk);
        double compose = (t_composed - t_loaded) - shape - brk;
        fprintf(stderr,
                "timings: load %.1f ms, shape %.1f ms, break %.1f ms, compose %.1f ms, subset "
                "%.1f ms, write %.1f ms, total %.1f ms (%d pages, %ld bytes)\n",
                (t_loaded - t_start) * 1e3, shape * 1e3, brk * 1e3, compose * 1e3,
                ps.subset_seconds * 1e3, ps.write_seconds * 1e3, (now() - t_start) * 1e3,
                eo.page_count, ps.bytes);
    }
    (void)t_written;
    if (!o.quiet)
        fprintf(stderr, "paiban: wrote %s (%s, %d page%s)%s\n", o.output,
                o.form == PDF_ARCHIVE ? "archive, PDF/A-2b" : "print", eo.page_count,
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
