/* main.c — the paiban command.
 *
 *     paiban build EDITION -o FILE.pdf    the edition, for the press or the archive
 *     paiban proof EDITION -o FILE.pdf    the same with the proof overlay
 *     paiban diff OLD NEW [-o FILE.pdf]   what changed between two versions
 *     paiban watch EDITION -o FILE.pdf    the proof again after every change
 *     paiban text EDITION                 the text, a paragraph a line
 *
 * Every command runs the pipeline:
 *
 *     fontset_load → layout_load → edition_load      (content → model)
 *     compose_edition: per paragraph segment → shape → hlist → breaker,
 *                      per page modules, headline, photo, column flow
 *                                                    (→ lines → placed boxes)
 *     proof_overlay / diff_mark (proof layer), pdf_write (print or archive
 *     form, preflight, subset fonts, save atomically), dump_json, report
 *
 * Exit status: 0 success; 1 the PDF was written but layout problems remain
 * (overset text, or any warning with --strict); 2 the input is wrong (no
 * PDF written); 3 the machine failed us (cannot write, library failure).
 * diff exits like diff(1): 0 no change, 1 changes, 2 trouble. */
#include "archive/archive.h"
#include "base/cache.h"
#include "base/diag.h"
#include "desk/diff.h"
#include "desk/dump.h"
#include "desk/preview.h"
#include "desk/proof.h"
#include "desk/report.h"
#include "desk/watch.h"
#include "input/content.h"
#include "input/fontset.h"
#include "input/layout.h"
#include "page/build.h"
#include "page/compose.h"
#include "page/slug.h"
#include "pdf/pdf.h"
#include "text/typeset.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PREVIEW_DPI 60

typedef struct options {
    const char *command;
    const char *edition;      /* build, proof, watch, text; diff: NEW */
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

static void usage(FILE *f)
{
    fprintf(f,
            "usage: paiban build EDITION -o FILE.pdf [--print|--archive] [--no-marks]\n"
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
            "options:\n"
            "  -o, --output FILE      the PDF to write (through a temporary file)\n"
            "  --print                the PDF for the press (the default): trim, bleed and\n"
            "                         slug boxes, marks and slug line, CMYK, output intent\n"
            "  --archive              the PDF for the archive: PDF/A-2b, sRGB output intent\n"
            "  --no-marks             print form without crop and registration marks and\n"
            "                         slug line (the boxes stay)\n"
            "  --dump FILE            write the layout dump (JSON) too\n"
            "  --report FILE          write the layout report (JSON): pages, articles,\n"
            "                         overset, warnings with their input locations\n"
            "  --png DIR              page previews in DIR (needs pdftoppm, poppler-utils);\n"
            "                         for diff also before|after pictures of changed pages\n"
            "  --rev REV              diff: compare with the edition at git revision REV\n"
            "  --builds N             watch: stop after N builds\n"
            "  -j, --jobs N           archive: editions typeset at once (default: one per core)\n"
            "  --force                archive: typeset every edition again\n"
            "  --layout DIR           page templates and styles (default: the nearest layout/\n"
            "                         folder above the edition)\n"
            "  --fonts FILE           font manifest (default: fonts/fonts.yaml beside layout/)\n"
            "  --allow-overset        text that does not fit is not an error (exit 0)\n"
            "  --allow-outside-root   let content name files outside the edition folder\n"
            "  --strict               exit 1 when there is any layout warning\n"
            "  --timings              print the time each stage took\n"
            "  --by-article           text: article by article, each whole (a jump joined),\n"
            "                         without the page's furniture\n"
            "  --warnings             print the warnings as a summary: counts by kind, then\n"
            "                         each warning, grouped by kind\n"
            "  -q, --quiet            print errors only\n"
            "\n"
            "SOURCE_DATE_EPOCH (seconds since 1970), when set, is the build time in the\n"
            "slug line and the PDF's ModDate; otherwise the edition's date is.\n"
            "\n"
            "exit status: 0 done; 1 PDF written with layout problems (overset, or warnings\n"
            "with --strict); 2 input error, nothing written; 3 environment error.\n"
            "diff: 0 no change, 1 changes, 2 trouble.\n");
}

static bool is_command(const char *c)
{
    static const char *const commands[] = {"build", "proof", "diff", "watch", "text", "archive", NULL};
    for (int i = 0; commands[i]; i++)
        if (strcmp(c, commands[i]) == 0)
            return true;
    return false;
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
    if (!is_command(o->command)) {
        fprintf(stderr, "paiban: unknown command \"%s\"\n", o->command);
        usage(stderr);
        return EXIT_INPUT;
    }
    const char *positional[3];
    int npos = 0;
    const char *builds = NULL, *jobs = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **value = NULL;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            value = &o->output;
        else if (strcmp(a, "--dump") == 0)
            value = &o->dump;
        else if (strcmp(a, "--report") == 0)
            value = &o->report;
        else if (strcmp(a, "--png") == 0)
            value = &o->png_dir;
        else if (strcmp(a, "--rev") == 0)
            value = &o->rev;
        else if (strcmp(a, "--builds") == 0)
            value = &builds;
        else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0)
            value = &jobs;
        else if (strcmp(a, "--force") == 0)
            o->force = true;
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
        else if (strcmp(a, "--by-article") == 0)
            o->by_article = true;
        else if (strcmp(a, "--warnings") == 0)
            o->warnings_summary = true;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            o->quiet = true;
        else if (a[0] == '-') {
            fprintf(stderr, "paiban: unknown option \"%s\"\n", a);
            return EXIT_INPUT;
        } else if (npos < 3)
            positional[npos++] = a;
        else {
            fprintf(stderr, "paiban: too many folders (\"%s\")\n", a);
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
    bool diff = strcmp(o->command, "diff") == 0;
    int want = diff && !o->rev ? 2 : 1;
    if (npos != want) {
        if (diff && !o->rev)
            fprintf(stderr, "paiban: diff needs the old and the new edition folder, or --rev REV "
                            "and one folder\n");
        else if (npos == 0 && strcmp(o->command, "archive") == 0)
            fprintf(stderr, "paiban: name the year's folder, e.g. content/2018\n");
        else if (npos == 0)
            fprintf(stderr, "paiban: name the edition folder, e.g. content/2018-12-28\n");
        else
            fprintf(stderr, "paiban: one edition at a time (\"%s\" and \"%s\")\n", positional[0],
                    positional[1]);
        return EXIT_INPUT;
    }
    if (diff && !o->rev) {
        o->old_edition = positional[0];
        o->edition = positional[1];
    } else {
        o->edition = positional[0];
    }
    if (o->rev && !diff) {
        fprintf(stderr, "paiban: --rev belongs to diff\n");
        return EXIT_INPUT;
    }
    if (builds) {
        char *end;
        errno = 0;
        o->builds = strtol(builds, &end, 10);
        if (errno || *end || o->builds < 1) {
            fprintf(stderr, "paiban: --builds wants a count of 1 or more, not \"%s\"\n", builds);
            return EXIT_INPUT;
        }
    }
    if (jobs) {
        char *end;
        errno = 0;
        o->jobs = strtol(jobs, &end, 10);
        if (errno || *end || o->jobs < 1 || o->jobs > 256) {
            fprintf(stderr, "paiban: -j wants a count of processes from 1 to 256, not \"%s\"\n", jobs);
            return EXIT_INPUT;
        }
    }
    if (strcmp(o->command, "archive") == 0 && !o->output) {
        fprintf(stderr, "paiban: say where the archive goes: -o DIR (e.g. archive/2018)\n");
        return EXIT_INPUT;
    }
    bool needs_output = strcmp(o->command, "build") == 0 || strcmp(o->command, "proof") == 0 ||
                        strcmp(o->command, "watch") == 0;
    if (needs_output && !o->output) {
        fprintf(stderr, "paiban: say where the PDF goes: -o FILE.pdf\n");
        return EXIT_INPUT;
    }
    return EXIT_OK;
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

/* The warnings counted by kind, in the order each kind first appeared,
 * then listed kind by kind (--warnings). */
static void print_warning_summary(const diag *d, FILE *f)
{
    int count;
    const diag_msg *m = diag_messages(d, &count);
    const char **kinds;
    int *per_kind;
    int nk = diag_warning_kinds(d, &kinds, &per_kind);
    fprintf(f, "paiban: %d warning%s\n", diag_warning_count(d),
            diag_warning_count(d) == 1 ? "" : "s");
    for (int k = 0; k < nk; k++)
        fprintf(f, "  %5d %s\n", per_kind[k], kinds[k]);
    for (int k = 0; k < nk; k++)
        for (int i = 0; i < count; i++) {
            if (m[i].severity != DIAG_WARNING || strcmp(m[i].kind, kinds[k]) != 0)
                continue;
            char where[512];
            fprintf(f, "%s: warning: %s [%s]\n", diag_format_loc(m[i].loc, where, sizeof where),
                    m[i].text, m[i].kind);
        }
    free(kinds);
    free(per_kind);
}

static content_options content_opts(const options *o)
{
    return (content_options){.allow_outside_root = o->allow_outside_root};
}

/* The PDF, and the dump when asked for. */
static int write_pdf(const options *o, build *b, const char *path, const char *dump_path,
                     pdf_stats *ps, diag *d)
{
    char *cache = cache_dir();
    pdf_options po = {.form = o->form, .no_marks = o->no_marks, .cache_dir = cache};
    memset(ps, 0, sizeof *ps);
    if (!build_time(edition_time(b->ed), &po.build_time, d))
        return EXIT_INPUT;
    if (po.form == PDF_PRINT && !po.no_marks)
        slug_compose(&b->eo, b->ts, b->lay, b->ed, po.build_time);
    bool written = pdf_write(&b->eo, b->ed, b->lay, typesetter_fonts(b->ts), &po, path, ps, d);
    free(cache);
    if (!o->quiet)
        print_photo_reports(ps);
    if (!written)
        return build_failure_status(d);
    if (dump_path) {
        char *json = dump_json(&b->eo, b->ed, b->lay);
        bool ok = write_file_atomic(dump_path, json, strlen(json), d);
        free(json);
        if (!ok)
            return EXIT_ENV;
    }
    return EXIT_OK;
}

static int write_report(const options *o, const build *b, const diag *d, diag *out)
{
    if (!o->report)
        return EXIT_OK;
    char *json = report_json(&b->eo, b->ed, b->lay, d);
    bool ok = write_file_atomic(o->report, json, strlen(json), out);
    free(json);
    return ok ? EXIT_OK : EXIT_ENV;
}

/* The messages so far, then the summary under them, where the eye ends. */
static int printed_messages;

static void print_summary(const options *o, const build *b, const diag *d)
{
    if (o->quiet)
        return;
    diag_print(d, stderr, printed_messages, !o->warnings_summary);
    diag_messages(d, &printed_messages);
    char *summary = report_summary(&b->eo, b->ed, d);
    fprintf(stderr, "paiban: %s\n", summary);
    free(summary);
}

static int layout_status(const options *o, const build *b)
{
    return b->eo.overset_lines > 0 && !o->allow_overset ? EXIT_LAYOUT : EXIT_OK;
}

static int finish(diag *d, const options *o, int status)
{
    if (o->warnings_summary && !o->quiet) {
        diag_print(d, stderr, printed_messages, false);
        print_warning_summary(d, stderr);
    } else {
        diag_print(d, stderr, printed_messages, !o->quiet);
    }
    printed_messages = 0;
    if (status == EXIT_OK && o->strict && diag_warning_count(d) > 0)
        status = EXIT_LAYOUT;
    return status;
}

/* build, proof and one round of watch. */
static int run_build(const options *o, bool proof, diag *d)
{
    build b;
    int status = build_edition(o->edition, o->layout_dir, o->fonts_file, content_opts(o), &b, d);
    if (status != EXIT_OK)
        goto out;
    if (strcmp(o->command, "text") == 0) {
        if (o->by_article)
            dump_text_by_article(&b.eo, stdout);
        else
            dump_text(&b.eo, stdout);
        goto out;
    }
    if (proof)
        proof_overlay(&b.eo, b.ed, b.lay, b.ts);
    pdf_stats ps;
    status = write_pdf(o, &b, o->output, o->dump, &ps, d);
    if (status == EXIT_OK)
        status = write_report(o, &b, d, d);
    if (status == EXIT_OK && o->png_dir &&
        !png_render(o->output, b.eo.page_count, o->png_dir, "page", PREVIEW_DPI, d))
        status = EXIT_ENV;
    if (status == EXIT_OK) {
        status = layout_status(o, &b);
        if (o->timings) {
            double shape, brk;
            typesetter_times(b.ts, &shape, &brk);
            double compose = (b.t_composed - b.t_loaded) - shape - brk;
            fprintf(stderr,
                    "timings: load %.1f ms, shape %.1f ms, break %.1f ms, compose %.1f ms, pages "
                    "%.1f ms, images %.1f ms, subset %.1f ms, write %.1f ms, total %.1f ms (%d "
                    "pages, %ld bytes)\n",
                    (b.t_loaded - b.t_start) * 1e3, shape * 1e3, brk * 1e3, compose * 1e3,
                    ps.page_seconds * 1e3, ps.image_seconds * 1e3, ps.subset_seconds * 1e3,
                    ps.write_seconds * 1e3, (build_now() - b.t_start) * 1e3,
                    b.eo.page_count, ps.bytes);
        }
        if (!o->quiet)
            fprintf(stderr, "paiban: wrote %s (%s%s, %d page%s)\n", o->output, proof ? "proof, " : "",
                    o->form == PDF_ARCHIVE ? "archive, PDF/A-2b" : "print", b.eo.page_count,
                    b.eo.page_count == 1 ? "" : "s");
        print_summary(o, &b, d);
    }
    pdf_stats_free(&ps);
out:
    build_free(&b);
    return status;
}

/* ---- diff ---- */

/* Run argv with stdout to out_fd (-1: inherited); its exit status, or -1. */
static int run_program(char *const argv[], int out_fd)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (out_fd >= 0 && dup2(out_fd, STDOUT_FILENO) < 0)
            _exit(127);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

/* The first line a program prints, or NULL when it fails. */
static char *program_line(char *const argv[], const char *scratch)
{
    int fd = open(scratch, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return NULL;
    int st = run_program(argv, fd);
    char buf[PATH_MAX + 2] = {0};
    ssize_t n = st == 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
    close(fd);
    unlink(scratch);
    if (n <= 0)
        return NULL;
    buf[strcspn(buf, "\n")] = 0;
    return xstrdup(buf);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* `path` (which exists) relative to the folder `top`, or NULL when it
 * lies outside. */
static char *inside(const char *top, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return NULL;
    size_t n = strlen(top);
    if (strncmp(real, top, n) != 0 || (real[n] != '/' && real[n] != 0))
        return NULL;
    return xstrdup(real[n] ? real + n + 1 : ".");
}

/* The old version for --rev: the edition, its layout and fonts as they
 * were at the revision, extracted with git archive into a scratch folder.
 * Layout or fonts outside the repository are taken as they are now. */
typedef struct old_tree {
    char *scratch;
    char *edition, *layout_dir, *fonts_file;
} old_tree;

static void old_tree_free(old_tree *t)
{
    if (t->scratch)
        remove_tree(t->scratch);
    free(t->scratch);
    free(t->edition);
    free(t->layout_dir);
    free(t->fonts_file);
    memset(t, 0, sizeof *t);
}

static bool checkout_rev(const options *o, old_tree *t, diag *d)
{
    memset(t, 0, sizeof *t);
    src_loc where = {o->edition, 0, 0};
    char tmpl[] = "/tmp/paiban-rev-XXXXXX";
    if (!mkdtemp(tmpl))
        return diag_env_error(d, where, "cannot make a scratch folder: %s", strerror(errno));
    t->scratch = xstrdup(tmpl);
    char *scratch_file = xasprintf("%s/.out", t->scratch);
    char *git_top[] = {"git", "-C", (char *)o->edition, "rev-parse", "--show-toplevel", NULL};
    char *top = program_line(git_top, scratch_file);
    bool ok = false;
    char *layout_now, *fonts_now;
    build_locate(o->edition, o->layout_dir, o->fonts_file, &layout_now, &fonts_now);
    char *rel_ed = NULL, *rel_layout = NULL, *rel_fonts = NULL;
    if (!top) {
        diag_error(d, where, "--rev needs the edition in a git repository (git rev-parse failed)");
        goto out;
    }
    char top_real[PATH_MAX];
    if (!realpath(top, top_real) || !(rel_ed = inside(top_real, o->edition))) {
        diag_error(d, where, "the edition is not inside the repository %s", top);
        goto out;
    }
    rel_layout = layout_now ? inside(top_real, layout_now) : NULL;
    rel_fonts = fonts_now ? inside(top_real, fonts_now) : NULL;
    char *tar_path = xasprintf("%s/.tar", t->scratch);
    int fd = open(tar_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    char *archive[8] = {"git", "-C", top_real, "archive", "--format=tar", (char *)o->rev, "--", NULL};
    char **args = xcalloc(12, sizeof(char *));
    int n = 0;
    for (; archive[n]; n++)
        args[n] = archive[n];
    args[n++] = rel_ed;
    if (rel_layout)
        args[n++] = rel_layout;
    if (rel_fonts)
        args[n++] = rel_fonts;
    int st = fd >= 0 ? run_program(args, fd) : -1;
    if (fd >= 0)
        close(fd);
    free(args);
    if (st != 0) {
        diag_error(d, where, "git archive could not give the edition at revision \"%s\"; is it a "
                             "commit that holds %s?", o->rev, rel_ed);
        free(tar_path);
        goto out;
    }
    char *untar[] = {"tar", "-x", "-f", tar_path, "-C", t->scratch, NULL};
    st = run_program(untar, -1);
    unlink(tar_path);
    free(tar_path);
    if (st != 0) {
        diag_env_error(d, where, "tar could not unpack the old revision");
        goto out;
    }
    t->edition = xasprintf("%s/%s", t->scratch, rel_ed);
    t->layout_dir = rel_layout ? xasprintf("%s/%s", t->scratch, rel_layout) : xstrdup(layout_now);
    t->fonts_file = rel_fonts ? xasprintf("%s/%s", t->scratch, rel_fonts) : xstrdup(fonts_now);
    ok = true;
out:
    free(scratch_file);
    free(top);
    free(layout_now);
    free(fonts_now);
    free(rel_ed);
    free(rel_layout);
    free(rel_fonts);
    return ok;
}

/* Before and after pictures of every changed page. */
static bool diff_pictures(const options *o, build *old, build *cur, const char *new_pdf,
                          diag *d)
{
    char *old_pdf = xasprintf("%s/.old.pdf", o->png_dir);
    pdf_stats ps;
    options quiet = *o;
    quiet.quiet = true;
    bool ok = mkdir(o->png_dir, 0777) == 0 || errno == EEXIST;
    if (!ok)
        diag_env_error(d, (src_loc){o->png_dir, 0, 0}, "cannot make the folder: %s", strerror(errno));
    ok = ok && write_pdf(&quiet, old, old_pdf, NULL, &ps, d) == EXIT_OK;
    pdf_stats_free(&ps);
    ok = ok && png_render(old_pdf, old->eo.page_count, o->png_dir, ".old", PREVIEW_DPI, d) &&
         png_render(new_pdf, cur->eo.page_count, o->png_dir, "page", PREVIEW_DPI, d);
    unlink(old_pdf);
    free(old_pdf);
    for (int p = 0; ok && p < cur->eo.page_count; p++) {
        int q = -1;
        for (int k = 0; k < old->eo.page_count; k++)
            if (strcmp(old->eo.pages[k].label, cur->eo.pages[p].label) == 0)
                q = k;
        char *after = xasprintf("%s/page-%d.png", o->png_dir, p + 1);
        char *before = q >= 0 ? xasprintf("%s/.old-%d.png", o->png_dir, q + 1) : NULL;
        char *oj = q >= 0 ? dump_page_json(&old->eo.pages[q], 0, old->ed, old->lay) : NULL;
        char *nj = dump_page_json(&cur->eo.pages[p], 0, cur->ed, cur->lay);
        if (before && strcmp(oj, nj) != 0) {
            char *pair = xasprintf("%s/compare-%s.png", o->png_dir, cur->eo.pages[p].label);
            ok = png_side_by_side(before, after, pair, d);
            free(pair);
        }
        free(oj);
        free(nj);
        free(after);
        free(before);
    }
    for (int k = 0; k < old->eo.page_count; k++) {
        char *before = xasprintf("%s/.old-%d.png", o->png_dir, k + 1);
        unlink(before);
        free(before);
    }
    return ok;
}

static int run_diff(const options *o, diag *d)
{
    build old = {0}, cur = {0};
    old_tree tree = {0};
    diff_result res = {0};
    const char *old_dir = o->old_edition, *old_layout = o->layout_dir, *old_fonts = o->fonts_file;
    if (o->rev) {
        if (!checkout_rev(o, &tree, d)) {
            old_tree_free(&tree);
            return EXIT_INPUT;
        }
        old_dir = tree.edition;
        old_layout = tree.layout_dir;
        old_fonts = tree.fonts_file;
    }
    /* The old version's warnings are not news; its errors are.  Its
     * typesetter reports into old_d for as long as it sets anything (the
     * slug lines of the before pictures): freed with it. */
    diag *old_d = diag_new();
    int status = build_edition(old_dir, old_layout, old_fonts, content_opts(o), &old, old_d);
    diag_print(old_d, stderr, 0, false);
    if (status == EXIT_OK)
        status = build_edition(o->edition, o->layout_dir, o->fonts_file, content_opts(o), &cur, d);
    if (status != EXIT_OK)
        goto out;
    diff_editions(&old.eo, old.ed, old.lay, &cur.eo, cur.ed, cur.lay, &res);
    fputs(res.text, stdout);
    fflush(stdout);
    const char *new_pdf = o->output;
    char *scratch_pdf = NULL;
    if (o->png_dir && !new_pdf)
        new_pdf = scratch_pdf = xasprintf("%s/.new.pdf", o->png_dir);
    if (new_pdf) {
        diff_mark(&res, &cur.eo, cur.lay);
        pdf_stats ps;
        memset(&ps, 0, sizeof ps);
        if (scratch_pdf && mkdir(o->png_dir, 0777) != 0 && errno != EEXIST) {
            diag_env_error(d, (src_loc){o->png_dir, 0, 0}, "cannot make the folder: %s",
                           strerror(errno));
            status = EXIT_ENV;
        } else {
            status = write_pdf(o, &cur, new_pdf, o->dump, &ps, d);
        }
        pdf_stats_free(&ps);
        if (status == EXIT_OK && o->png_dir && !diff_pictures(o, &old, &cur, new_pdf, d))
            status = EXIT_ENV;
        if (scratch_pdf)
            unlink(scratch_pdf);
    }
    free(scratch_pdf);
    if (status == EXIT_OK)
        status = write_report(o, &cur, d, d);
    if (status == EXIT_OK)
        print_summary(o, &cur, d);
out:;
    bool changed = res.changed;
    diff_free(&res);
    build_free(&old);
    diag_free(old_d);
    build_free(&cur);
    old_tree_free(&tree);
    if (status != EXIT_OK)
        return EXIT_INPUT; /* diff(1): 2 is trouble */
    return changed ? 1 : 0;
}

/* ---- watch ---- */

typedef struct watch_ctx {
    const options *o;
    int builds;
} watch_ctx;

static bool rebuild(void *ctx)
{
    watch_ctx *w = ctx;
    diag *d = diag_new();
    int status = run_build(w->o, true, d);
    status = finish(d, w->o, status);
    diag_free(d);
    w->builds++;
    if (!w->o->quiet)
        fprintf(stderr, "paiban: build %d done (exit %d); watching for changes\n", w->builds,
                status);
    return true; /* a broken input is fixed by the next save */
}

static int run_watch(const options *o, diag *d)
{
    char *layout_dir, *fonts;
    build_locate(o->edition, o->layout_dir, o->fonts_file, &layout_dir, &fonts);
    char *fonts_dir = fonts ? xstrdup(fonts) : NULL;
    char *slash = fonts_dir ? strrchr(fonts_dir, '/') : NULL;
    if (slash)
        *slash = 0;
    const char *dirs[3];
    int n = 0;
    dirs[n++] = o->edition;
    if (layout_dir)
        dirs[n++] = layout_dir;
    if (fonts_dir && slash)
        dirs[n++] = fonts_dir;
    watch_ctx ctx = {o, 0};
    bool ok = build_is_dir(o->edition) ? watch_loop(dirs, n, (int)o->builds, rebuild, &ctx, d)
                                 : diag_error(d, (src_loc){o->edition, 0, 0},
                                              "no such edition folder; give the folder that holds "
                                              "edition.yaml");
    free(layout_dir);
    free(fonts);
    free(fonts_dir);
    return ok ? EXIT_OK : build_failure_status(d);
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
    if (strcmp(o.command, "diff") == 0) {
        status = run_diff(&o, d);
        diag_print(d, stderr, printed_messages, !o.quiet);
    } else if (strcmp(o.command, "archive") == 0) {
        archive_options ao = {.content = o.edition, .output = o.output, .layout_dir = o.layout_dir,
                              .fonts_file = o.fonts_file, .report = o.report, .jobs = (int)o.jobs,
                              .force = o.force, .quiet = o.quiet, .allow_overset = o.allow_overset,
                              .allow_outside_root = o.allow_outside_root, .strict = o.strict};
        status = archive_run(&ao, d);
        diag_print(d, stderr, 0, !o.quiet);
    } else if (strcmp(o.command, "watch") == 0) {
        status = finish(d, &o, run_watch(&o, d));
    } else {
        status = finish(d, &o, run_build(&o, strcmp(o.command, "proof") == 0, d));
    }
    diag_free(d);
    return status;
}
