/* commands.c — build, proof, text, watch, diff and archive. */
#include "cli/commands.h"

#include "archive/archive.h"
#include "base/digest.h"
#include "cli/output.h"
#include "cli/revisions.h"
#include "desk/diff.h"
#include "desk/dump.h"
#include "desk/overset.h"
#include "desk/text.h"
#include "desk/preview.h"
#include "desk/proof.h"
#include "desk/watch.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void print_timings(const build *b, const pdf_stats *ps, bool streamed)
{
    double shape, brk;
    typesetter_times(b->ts, &shape, &brk);
    /* Pages written as they were composed were drawn inside composition. */
    double compose = (b->t_composed - b->t_loaded) - shape - brk -
                     (streamed ? ps->page_seconds + ps->image_seconds : 0);
    fprintf(stderr,
            "timings: load %.1f ms, shape %.1f ms, break %.1f ms, compose %.1f "
            "ms, pages "
            "%.1f ms, images %.1f ms, subset %.1f ms, write %.1f ms, total %.1f "
            "ms (%d "
            "pages, %ld bytes)\n",
            (b->t_loaded - b->t_start) * 1e3, shape * 1e3, brk * 1e3, compose * 1e3,
            ps->page_seconds * 1e3, ps->image_seconds * 1e3, ps->subset_seconds * 1e3,
            ps->write_seconds * 1e3, (build_now() - b->t_start) * 1e3, b->eo.page_count,
            ps->bytes);
}

/* The PDF, its dump, report and previews, at `pdf` (a scratch file for
 * -o -), after a build that kept its pages (the PDF and dump not yet
 * written) or wrote them as they came (then ps holds what the writer
 * measured); the status. */
static int write_outputs(const options *o, bool proof, build *b, const char *pdf, bool written,
                         const digest *inputs, pdf_stats *ps, diag *d)
{
    /* A streamed build checked its outputs before its first page. */
    if (!written && !output_check_inputs(o, b, d))
        return EXIT_INPUT;
    if (proof || o->report)
        overset_fits(&b->eo, b->ed, b->lay, typesetter_fonts(b->ts));
    if (proof)
        proof_overlay(&b->eo, b->ed, b->lay, b->ts);
    int status = written ? EXIT_OK : output_pdf(o, b, pdf, o->dump, inputs, ps, d);
    if (status == EXIT_OK)
        status = output_report(o, b, ps, d, d);
    if (status == EXIT_OK && o->png_dir &&
        !png_render(pdf, b->eo.page_count, o->png_dir, "page", (int)o->png_dpi, d))
        status = EXIT_ENV;
    if (status == EXIT_OK && options_to_stdout(o) && !output_to_stdout(pdf, d))
        status = EXIT_ENV;
    if (status == EXIT_OK && o->timings)
        print_timings(b, ps, written);
    return status;
}

/* What watch keeps from one build to the next (NULL elsewhere): the fonts,
 * the layout and a typesetter made for them, with the paragraphs it
 * shaped, while no file of the layout or fonts folder changes. */
typedef struct kept_setup {
    fontset *fonts;
    layout *lay;
    typesetter *ts;
    digest read;        /* what loading them read (files_digest_reads): the
                         * document ID's start, as a build that loads them has */
    char sig[65];       /* the folders' files: names, sizes, times */
} kept_setup;

static int build_with(const options *o, bool proof, const kept_setup *keep, diag *d);

int command_build(const options *o, bool proof, diag *d) { return build_with(o, proof, NULL, d); }

static int build_with(const options *o, bool proof, const kept_setup *keep, diag *d)
{
    build b;
    char *scratch = NULL;
    bool text = o->command == COMMAND_TEXT;
    if (!text && options_to_stdout(o) && !(scratch = output_scratch_pdf(d)))
        return EXIT_ENV;
    const char *pdf = scratch ? scratch : o->output;
    /* A build's PDF and dump are written page by page as the pages are
     * composed; the proof, the report and the text read all pages at once. */
    bool stream = !text && !proof && !o->report;
    pdf_stats ps = {0};
    build_sink sink;
    /* What the build reads is its input: the PDF's document ID. */
    digest inputs;
    if (keep && keep->lay)
        inputs = keep->read;
    else
        digest_init(&inputs);
    files_digest_reads(&inputs);
    output_stream *os = stream ? output_stream_new(o, pdf, &inputs, &ps, d, &sink) : NULL;
    int status = keep && keep->lay
                     ? build_edition_with(o->edition, keep->fonts, keep->lay, keep->ts,
                                          output_content_options(o), os ? &sink : NULL, &b, d)
                     : build_edition(o->edition, o->layout_dir, o->fonts_file,
                                     output_content_options(o), os ? &sink : NULL, &b, d);
    if (os)
        status = output_stream_end(os, &b, status);
    if (status != EXIT_OK)
        goto out;
    if (text) {
        if (o->json)
            text_json(&b.eo, b.ed, b.lay, stdout);
        else if (o->by_article)
            text_by_article(&b.eo, b.ed, b.lay, stdout);
        else
            text_plain(&b.eo, stdout);
        goto out;
    }
    status = write_outputs(o, proof, &b, pdf, stream, &inputs, &ps, d);
    if (status == EXIT_OK) {
        status = output_layout_status(o, &b);
        if (!o->quiet)
            fprintf(stderr, "paiban: wrote %s (%s%s, %d page%s)\n",
                    scratch ? "the PDF to standard output" : o->output, proof ? "proof, " : "",
                    o->form == PDF_ARCHIVE ? "archive, PDF/A-2b" : "print", b.eo.page_count,
                    b.eo.page_count == 1 ? "" : "s");
        output_summary(o, &b, d);
    }
out:
    files_digest_reads(NULL);
    pdf_stats_free(&ps);
    output_scratch_free(scratch);
    build_free(&b);
    return status;
}

/* ---- watch ---- */

typedef struct watch_ctx {
    const options *o;
    int builds;
    const char *layout_dir, *fonts_dir, *fonts_file;
    kept_setup keep;
} watch_ctx;

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* The names, sizes and times of the files in dir, into dg. */
static void digest_listing(digest *dg, const char *dir)
{
    struct dirent **names;
    int n = dir ? scandir(dir, &names, NULL, by_name) : -1;
    for (int i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]->d_name);
        struct stat st;
        if (stat(path, &st) == 0) {
            char line[512];
            snprintf(line, sizeof line, "%s %lld %lld.%09ld", names[i]->d_name,
                     (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
            digest_add_str(dg, line);
        }
        free(path);
        free(names[i]);
    }
    if (n >= 0)
        free(names);
}

static void drop_setup(kept_setup *k)
{
    typesetter_free(k->ts);
    layout_free(k->lay);
    fontset_free(k->fonts);
    memset(k, 0, sizeof *k);
}

/* Fonts and layout loaded once and kept while their folders stay as they
 * were: a re-proof after a changed word then loads the edition alone, and
 * shapes only the paragraphs that changed.  Loading that says anything
 * (an error, a warning) is left to each build, which reports it. */
static void keep_setup(watch_ctx *w)
{
    char sig[65];
    digest dg;
    digest_init(&dg);
    digest_listing(&dg, w->layout_dir);
    digest_add_str(&dg, "fonts");
    digest_listing(&dg, w->fonts_dir);
    digest_hex(&dg, sig);
    if (w->keep.lay && strcmp(sig, w->keep.sig) == 0)
        return;
    drop_setup(&w->keep);
    if (!w->layout_dir || !w->fonts_file)
        return;
    diag *quiet = diag_new();
    digest read;
    digest_init(&read);
    files_digest_reads(&read);
    fontset *fonts = fontset_load(w->fonts_file, quiet);
    layout *lay = fonts ? layout_load(w->layout_dir, fonts, quiet) : NULL;
    files_digest_reads(NULL);
    if (lay && diag_report_count(quiet) == 0) {
        w->keep = (kept_setup){.fonts = fonts, .lay = lay, .ts = typesetter_new(fonts, lay, quiet),
                               .read = read};
        memcpy(w->keep.sig, sig, sizeof sig);
    } else {
        layout_free(lay);
        fontset_free(fonts);
    }
    diag_free(quiet);
}

static bool rebuild(void *ctx)
{
    watch_ctx *w = ctx;
    diag *d = diag_new();
    keep_setup(w);
    int status = build_with(w->o, true, &w->keep, d);
    /* A build that failed may have found a face missing: the next loads
     * afresh, and says so again. */
    if (diag_error_count(d) > 0 || diag_env_error_count(d) > 0)
        drop_setup(&w->keep);
    status = output_finish(d, w->o, status);
    diag_free(d);
    w->builds++;
    if (!w->o->quiet)
        fprintf(stderr, "paiban: build %d done (exit %d); watching for changes\n", w->builds,
                status);
    return true; /* a broken input is fixed by the next save */
}

int command_watch(const options *o, diag *d)
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
    watch_ctx ctx = {o, 0, layout_dir, fonts_dir && slash ? fonts_dir : NULL, fonts, {0}};
    bool ok = build_is_dir(o->edition) ? watch_loop(dirs, n, (int)o->builds, rebuild, &ctx, d)
                                       : diag_error(d, (src_loc){o->edition, 0, 0},
                                                    "no such edition folder; give the folder that "
                                                    "holds edition.yaml");
    drop_setup(&ctx.keep);
    free(layout_dir);
    free(fonts);
    free(fonts_dir);
    return ok ? EXIT_OK : build_failure_status(d);
}

/* ---- diff ---- */

static bool make_folder(const char *dir, diag *d)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return true;
    return diag_env_error(d, (src_loc){dir, 0, 0}, "cannot make the folder: %s", strerror(errno));
}

/* Before and after pictures of every changed page. */
static bool diff_pictures(const options *o, build *old, build *cur, const char *new_pdf,
                          diag *d)
{
    char *old_pdf = xasprintf("%s/.old.pdf", o->png_dir);
    pdf_stats ps;
    options quiet = *o;
    quiet.quiet = true;
    bool ok = make_folder(o->png_dir, d);
    ok = ok && output_pdf(&quiet, old, old_pdf, NULL, NULL, &ps, d) == EXIT_OK;
    pdf_stats_free(&ps);
    ok = ok && png_render(old_pdf, old->eo.page_count, o->png_dir, ".old", (int)o->png_dpi, d) &&
         png_render(new_pdf, cur->eo.page_count, o->png_dir, "page", (int)o->png_dpi, d);
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

/* The new version with its changed lines marked, at -o or (for the
 * pictures alone) in the --png folder, and the pictures. */
static int diff_outputs(const options *o, diff_result *res, build *old, build *cur, diag *d)
{
    const char *new_pdf = o->output;
    char *scratch_pdf = NULL;
    if (o->png_dir && !new_pdf)
        new_pdf = scratch_pdf = xasprintf("%s/.new.pdf", o->png_dir);
    if (!new_pdf)
        return EXIT_OK;
    if (!output_check_inputs(o, cur, d) || !output_check_inputs(o, old, d))
        return EXIT_INPUT;
    diff_mark(res, &cur->eo, cur->lay);
    pdf_stats ps;
    memset(&ps, 0, sizeof ps);
    int status = scratch_pdf && !make_folder(o->png_dir, d)
                     ? EXIT_ENV
                     : output_pdf(o, cur, new_pdf, o->dump, NULL, &ps, d);
    pdf_stats_free(&ps);
    if (status == EXIT_OK && o->png_dir && !diff_pictures(o, old, cur, new_pdf, d))
        status = EXIT_ENV;
    if (scratch_pdf)
        unlink(scratch_pdf);
    free(scratch_pdf);
    return status;
}

int command_diff(const options *o, diag *d)
{
    build old = {0}, cur = {0};
    revision_tree tree = {0};
    diff_result res = {0};
    const char *old_dir = o->old_edition, *old_layout = o->layout_dir, *old_fonts = o->fonts_file;
    if (o->rev) {
        if (!revision_checkout(o->rev, o->edition, o->layout_dir, o->fonts_file, &tree, d)) {
            revision_free(&tree);
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
    content_options copt = output_content_options(o);
    int status = build_edition(old_dir, old_layout, old_fonts, copt, NULL, &old, old_d);
    output_rest(old_d, o, false);
    if (status == EXIT_OK)
        status = build_edition(o->edition, o->layout_dir, o->fonts_file, copt, NULL, &cur, d);
    if (status == EXIT_OK) {
        diff_editions(&old.eo, old.ed, old.lay, &cur.eo, cur.ed, cur.lay, &res);
        fputs(o->quiet ? res.brief : o->diff_verbose ? res.verbose : res.text, stdout);
        fflush(stdout);
        status = diff_outputs(o, &res, &old, &cur, d);
    }
    if (status == EXIT_OK && o->report) {
        overset_fits(&cur.eo, cur.ed, cur.lay, typesetter_fonts(cur.ts));
        status = output_report(o, &cur, NULL, d, d);
    }
    if (status == EXIT_OK)
        output_summary(o, &cur, d);
    bool changed = res.changed;
    diff_free(&res);
    build_free(&old);
    diag_free(old_d);
    build_free(&cur);
    revision_free(&tree);
    if (status != EXIT_OK)
        return EXIT_INPUT; /* diff(1): 2 is trouble */
    return changed ? 1 : 0;
}

/* ---- archive ---- */

int command_archive(const options *o, diag *d)
{
    archive_options ao = {.content = o->edition, .output = o->output, .layout_dir = o->layout_dir,
                          .fonts_file = o->fonts_file, .report = o->report, .jobs = (int)o->jobs,
                          .force = o->force, .quiet = o->quiet, .allow_overset = o->allow_overset,
                          .allow_outside_root = o->allow_outside_root, .strict = o->strict};
    return archive_run(&ao, d);
}

/* ---- plan ---- */

int command_plan(const options *o, diag *d)
{
    plan_options po = {.pages = o->pages, .explain = o->explain ? stderr : NULL};
    char *yaml;
    int status = build_plan(o->edition, o->layout_dir, o->fonts_file, output_content_options(o),
                            &po, &yaml, d);
    if (status != EXIT_OK)
        return status;
    if (o->output && strcmp(o->output, "-") != 0) {
        file_out f = {o->output, yaml, strlen(yaml)};
        if (!files_write_atomic(&f, 1, d))
            status = EXIT_ENV;
        else if (!o->quiet)
            fprintf(stderr, "paiban: wrote the plan %s\n", o->output);
    } else {
        fputs(yaml, stdout);
    }
    free(yaml);
    return status;
}

