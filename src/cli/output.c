/* output.c — the PDF, dump and report of a build; its messages and summary. */
#include "cli/output.h"

#include "base/cache.h"
#include "base/files.h"
#include "desk/dump.h"
#include "desk/report.h"
#include "page/slug.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

content_options output_content_options(const options *o)
{
    return (content_options){.allow_outside_root = o->allow_outside_root};
}

bool output_color(const options *o)
{
    if (o->color != COLOR_AUTO)
        return o->color == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    return isatty(STDERR_FILENO) && !(no_color && *no_color);
}

/* Preflight's measure of every photo, as notes. */
static void print_photo_reports(const pdf_stats *ps)
{
    for (int i = 0; i < ps->photos.n; i++) {
        const pdf_photo_report *r = &ps->photos.v[i];
        char where[512], whose[256];
        diag_format_loc(r->loc, where, sizeof where);
        char resampled[64] = "", jpeg[64] = "";
        if (r->embedded_ppi < r->ppi - 0.5)
            snprintf(resampled, sizeof resampled, " (downsampled to %.0f ppi)", r->embedded_ppi);
        if (r->quality > 0)
            snprintf(jpeg, sizeof jpeg, " (JPEG quality %d, %ld bytes)", r->quality, r->bytes);
        /* A picture of no article is the masthead's logotype. */
        if (r->article[0])
            snprintf(whose, sizeof whose, "photo %s of article \"%s\"", r->file, r->article);
        else
            snprintf(whose, sizeof whose, "logo %s of the masthead", r->file);
        fprintf(stderr, "%s: note: %s: %d × %d px, %.0f × %.0f mm, %.0f ppi%s, %s%s\n", where,
                whose, r->width, r->height, r->printed_w, r->printed_h, r->ppi, resampled,
                r->colour, jpeg);
    }
}

int output_pdf(const options *o, build *b, const char *path, const char *dump_path,
               const digest *inputs, pdf_stats *ps, diag *d)
{
    char *cache = cache_dir();
    pdf_options po = {.form = o->form, .no_marks = o->no_marks, .cache_dir = cache,
                      .inputs = inputs};
    memset(ps, 0, sizeof *ps);
    if (!build_time(edition_time(b->ed), &po.build_time, d)) {
        free(cache);
        return EXIT_INPUT;
    }
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

/* The build's PDF and dump made page by page (output.h). */
struct output_stream {
    const options *o;
    const char *path;
    diag *d;
    pdf_options po;
    char *cache;
    pdf_writer *w;
    pdf_stats *ps;
    strbuf dump;        /* the dump's pages so far */
    bool started;       /* the writer was asked for */
};

static bool stream_start(output_stream *s, build *b)
{
    s->started = true;
    /* The inputs are known once the edition is loaded: no page is written
     * over one of them. */
    if (!output_check_inputs(s->o, b, s->d) ||
        !build_time(edition_time(b->ed), &s->po.build_time, s->d))
        return false;
    s->w = pdf_open(b->ed, b->lay, typesetter_fonts(b->ts), &s->po, s->path, s->ps, s->d);
    return s->w != NULL;
}

static bool stream_page(void *ctx, build *b, int p)
{
    output_stream *s = ctx;
    if (!s->started && !stream_start(s, b))
        return false;
    if (!s->w)
        return false;
    if (s->po.form == PDF_PRINT && !s->po.no_marks)
        slug_compose_page(&b->eo, p, b->ts, b->lay, b->ed, s->po.build_time);
    if (s->o->dump)
        dump_add_page(&s->dump, &b->eo.pages[p], p, b->eo.page_count, b->ed, b->lay);
    return pdf_add_page(s->w, &b->eo.pages[p]);
}

output_stream *output_stream_new(const options *o, const char *path, const digest *inputs,
                                 pdf_stats *ps, diag *d, build_sink *sink)
{
    output_stream *s = xcalloc(1, sizeof *s);
    s->o = o;
    s->path = path;
    s->d = d;
    s->ps = ps;
    memset(ps, 0, sizeof *ps);
    s->cache = cache_dir();
    s->po = (pdf_options){.form = o->form, .no_marks = o->no_marks, .cache_dir = s->cache,
                          .inputs = inputs};
    *sink = (build_sink){stream_page, s};
    return s;
}

int output_stream_end(output_stream *s, build *b, int status)
{
    const options *o = s->o;
    diag *d = s->d;
    if (status == EXIT_OK && !s->started && !stream_start(s, b))
        status = build_failure_status(d);
    if (s->w) {
        /* A build that failed leaves errors in d, and pdf_close then
         * writes nothing: the previous file stays. */
        bool written = pdf_close(s->w, &b->eo, s->path);
        if (!written && (status == EXIT_OK || diag_env_error_count(d) > 0))
            status = build_failure_status(d);
    }
    if (status == EXIT_OK && !o->quiet)
        print_photo_reports(s->ps);
    if (status == EXIT_OK && o->dump) {
        char *json = dump_json_of(b->ed, b->eo.overset_lines, &s->dump);
        if (!write_file_atomic(o->dump, json, strlen(json), d))
            status = EXIT_ENV;
        free(json);
    }
    VEC_FREE(s->dump);
    free(s->cache);
    free(s);
    return status;
}

/* A file to write at `path`: a new name or a regular file (it is replaced
 * by renaming: a device, a FIFO or a symbolic link would be replaced by a
 * file, not written through), in a folder that exists. */
static bool file_target(const char *option, const char *path, diag *d)
{
    struct stat st;
    src_loc where = {path, 0, 0};
    bool exists = lstat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return diag_error(d, where, "%s names a folder; give a file name (%s/…)", option, path);
    if (exists && !S_ISREG(st.st_mode))
        return diag_error(d, where,
                          "%s names %s, which is not a regular file; paiban writes a new file "
                          "and renames it into place, so give the name of a file",
                          option,
                          S_ISLNK(st.st_mode) ? "a symbolic link" : "a device, FIFO or socket");
    char *parent = xstrdup(path);
    char *slash = strrchr(parent, '/');
    bool ok = true;
    if (slash && slash != parent) {
        *slash = 0;
        if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode))
            ok = diag_error(d, where, "%s: %s is not a folder; make it first or give another path",
                            option, parent);
    }
    free(parent);
    return ok;
}

/* A folder to write into at `path`: not a file. */
static bool folder_target(const char *option, const char *path, diag *d)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
        return diag_error(d, (src_loc){path, 0, 0}, "%s names a file; give a folder", option);
    return true;
}

/* Where a file to write would be: its folder, canonical, and its name. */
static char *target_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
    char real[PATH_MAX];
    char *name =
        realpath(dir, real) ? xasprintf("%s/%s", real, slash ? slash + 1 : path) : xstrdup(path);
    free(dir);
    return name;
}

/* Two of -o, --dump and --report naming one file: the second would
 * replace the first. */
static bool distinct_targets(const options *o, diag *d)
{
    const char *opt[3] = {"-o", "--dump", "--report"};
    const char *path[3] = {o->command == COMMAND_ARCHIVE || options_to_stdout(o) ? NULL : o->output,
                           o->dump, o->report};
    bool ok = true;
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3 && path[i]; j++) {
            if (!path[j])
                continue;
            char *a = target_name(path[i]), *b = target_name(path[j]);
            if (strcmp(a, b) == 0)
                ok = diag_error(d, (src_loc){path[j], 0, 0},
                                "%s and %s name the same file; each needs a file of its own",
                                opt[i], opt[j]);
            free(a);
            free(b);
        }
    return ok;
}

bool output_check_targets(const options *o, diag *d)
{
    bool ok = distinct_targets(o, d);
    if (o->output && o->command == COMMAND_ARCHIVE)
        ok &= folder_target("-o", o->output, d);
    else if (o->output && !options_to_stdout(o))
        ok &= file_target("-o", o->output, d);
    if (o->dump)
        ok &= file_target("--dump", o->dump, d);
    if (o->report)
        ok &= file_target("--report", o->report, d);
    if (o->png_dir)
        ok &= folder_target("--png", o->png_dir, d);
    return ok;
}

typedef VEC(const char *) path_vec;

/* The inputs of a build, to compare the files it writes with. */
static void inputs_of(const build *b, path_vec *out)
{
    const edition *e = b->ed;
    *VEC_PUSH(*out) = e->file;
    for (int i = 0; i < e->article_count; i++) {
        *VEC_PUSH(*out) = e->articles[i]->file;
        if (e->articles[i]->photo)
            *VEC_PUSH(*out) = e->articles[i]->photo->path;
    }
    for (int i = 0; i < b->lay->template_count; i++) {
        *VEC_PUSH(*out) = b->lay->templates[i].file;
        *VEC_PUSH(*out) = b->lay->templates[i].print.profile;
    }
    if (b->fonts_file)
        *VEC_PUSH(*out) = b->fonts_file;
    const fontset *fs = typesetter_fonts(b->ts);
    for (int f = 0; f < fontset_count(fs); f++)
        if (fontset_is_open(fs, f))
            *VEC_PUSH(*out) = fontset_info(fs, f)->path;
}

bool output_check_inputs(const options *o, const build *b, diag *d)
{
    const char *opt[3] = {"-o", "--dump", "--report"};
    const char *path[3] = {options_to_stdout(o) ? NULL : o->output, o->dump, o->report};
    path_vec inputs = {0};
    inputs_of(b, &inputs);
    char *styles = xasprintf("%s/styles.yaml", b->lay->dir);
    *VEC_PUSH(inputs) = styles;
    bool ok = true;
    for (int i = 0; i < 3; i++) {
        struct stat out, in;
        if (!path[i] || stat(path[i], &out) != 0)
            continue; /* a new file is no input */
        for (int k = 0; k < inputs.n; k++)
            if (inputs.v[k] && stat(inputs.v[k], &in) == 0 && in.st_dev == out.st_dev &&
                in.st_ino == out.st_ino) {
                ok = diag_error(d, (src_loc){path[i], 0, 0},
                                "%s names %s, an input of this edition; writing there would "
                                "replace it, so give another file",
                                opt[i], inputs.v[k]);
                break;
            }
    }
    free(styles);
    VEC_FREE(inputs);
    return ok;
}

char *output_scratch_pdf(diag *d)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/paiban-stdout-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        diag_env_error(d, (src_loc){dir, 0, 0}, "cannot make a scratch folder for -o -: %s",
                       strerror(errno));
        free(dir);
        return NULL;
    }
    char *path = xasprintf("%s/edition.pdf", dir);
    free(dir);
    return path;
}

bool output_to_stdout(const char *path, diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return diag_env_error(d, (src_loc){path, 0, 0}, "cannot read the PDF again: %s",
                              strerror(errno));
    char buf[1 << 16];
    ssize_t n;
    bool ok = true;
    while (ok && (n = read(fd, buf, sizeof buf)) > 0)
        ok = fwrite(buf, 1, (size_t)n, stdout) == (size_t)n;
    ok = ok && n == 0 && fflush(stdout) == 0;
    int err = errno;
    close(fd);
    if (!ok)
        return diag_env_error(d, (src_loc){0}, "cannot write the PDF to standard output: %s",
                              strerror(err));
    return true;
}

void output_scratch_free(char *path)
{
    if (!path)
        return;
    unlink(path);
    char *slash = strrchr(path, '/');
    if (slash) {
        *slash = 0;
        rmdir(path);
    }
    free(path);
}

int output_report(const options *o, const build *b, const pdf_stats *ps, const diag *d,
                  diag *out)
{
    if (!o->report)
        return EXIT_OK;
    char *json = report_json(&b->eo, b->ed, b->lay, d, ps);
    bool ok = write_file_atomic(o->report, json, strlen(json), out);
    free(json);
    return ok ? EXIT_OK : EXIT_ENV;
}

int output_layout_status(const options *o, const build *b)
{
    return b->eo.overset_lines > 0 && !o->allow_overset ? EXIT_LAYOUT : EXIT_OK;
}

void output_summary(const options *o, const build *b, diag *d)
{
    if (o->quiet)
        return;
    diag_print(d, stderr, (diag_style){.warnings = !o->warnings_summary, .color = output_color(o)});
    char *summary = report_summary(&b->eo, b->ed, d);
    fprintf(stderr, "paiban: %s\n", summary);
    free(summary);
}

void output_rest(diag *d, const options *o, bool with_warnings)
{
    diag_print(d, stderr, (diag_style){.warnings = with_warnings, .color = output_color(o)});
}

int output_finish(diag *d, const options *o, int status)
{
    if (o->warnings_summary && !o->quiet) {
        output_rest(d, o, false);
        diag_print_by_kind(d, stderr, output_color(o));
    } else {
        output_rest(d, o, !o->quiet);
    }
    if (status == EXIT_OK && o->strict && diag_warning_count(d) > 0)
        status = EXIT_LAYOUT;
    return status;
}
