/* commands.c — build, proof, text, watch, diff and archive. */
#include "cli/commands.h"

#include "archive/archive.h"
#include "cli/output.h"
#include "cli/revisions.h"
#include "desk/diff.h"
#include "desk/dump.h"
#include "desk/overset.h"
#include "desk/text.h"
#include "desk/preview.h"
#include "desk/proof.h"
#include "desk/watch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void print_timings(const build *b, const pdf_stats *ps)
{
    double shape, brk;
    typesetter_times(b->ts, &shape, &brk);
    double compose = (b->t_composed - b->t_loaded) - shape - brk;
    fprintf(stderr,
            "timings: load %.1f ms, shape %.1f ms, break %.1f ms, compose %.1f ms, pages "
            "%.1f ms, images %.1f ms, subset %.1f ms, write %.1f ms, total %.1f ms (%d "
            "pages, %ld bytes)\n",
            (b->t_loaded - b->t_start) * 1e3, shape * 1e3, brk * 1e3, compose * 1e3,
            ps->page_seconds * 1e3, ps->image_seconds * 1e3, ps->subset_seconds * 1e3,
            ps->write_seconds * 1e3, (build_now() - b->t_start) * 1e3, b->eo.page_count,
            ps->bytes);
}

/* The PDF, its dump, report and previews, at `pdf` (a scratch file for
 * -o -); the status. */
static int write_outputs(const options *o, bool proof, build *b, const char *pdf, diag *d)
{
    if (proof || o->report)
        overset_fits(&b->eo, b->ed, b->lay, typesetter_fonts(b->ts));
    if (proof)
        proof_overlay(&b->eo, b->ed, b->lay, b->ts);
    pdf_stats ps;
    int status = output_pdf(o, b, pdf, o->dump, &ps, d);
    if (status == EXIT_OK)
        status = output_report(o, b, d, d);
    if (status == EXIT_OK && o->png_dir &&
        !png_render(pdf, b->eo.page_count, o->png_dir, "page", (int)o->png_dpi, d))
        status = EXIT_ENV;
    if (status == EXIT_OK && options_to_stdout(o) && !output_to_stdout(pdf, d))
        status = EXIT_ENV;
    if (status == EXIT_OK && o->timings)
        print_timings(b, &ps);
    pdf_stats_free(&ps);
    return status;
}

int command_build(const options *o, bool proof, diag *d)
{
    build b;
    int status = build_edition(o->edition, o->layout_dir, o->fonts_file,
                               output_content_options(o), &b, d);
    if (status != EXIT_OK)
        goto out;
    if (o->command == COMMAND_TEXT) {
        if (o->json)
            text_json(&b.eo, b.ed, b.lay, stdout);
        else if (o->by_article)
            text_by_article(&b.eo, b.ed, b.lay, stdout);
        else
            text_plain(&b.eo, stdout);
        goto out;
    }
    char *scratch = NULL;
    if (options_to_stdout(o) && !(scratch = output_scratch_pdf(d))) {
        status = EXIT_ENV;
        goto out;
    }
    status = write_outputs(o, proof, &b, scratch ? scratch : o->output, d);
    output_scratch_free(scratch);
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
    build_free(&b);
    return status;
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
    int status = command_build(w->o, true, d);
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
    watch_ctx ctx = {o, 0};
    bool ok = build_is_dir(o->edition) ? watch_loop(dirs, n, (int)o->builds, rebuild, &ctx, d)
                                       : diag_error(d, (src_loc){o->edition, 0, 0},
                                                    "no such edition folder; give the folder that "
                                                    "holds edition.yaml");
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
    ok = ok && output_pdf(&quiet, old, old_pdf, NULL, &ps, d) == EXIT_OK;
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
    diff_mark(res, &cur->eo, cur->lay);
    pdf_stats ps;
    memset(&ps, 0, sizeof ps);
    int status = scratch_pdf && !make_folder(o->png_dir, d)
                     ? EXIT_ENV
                     : output_pdf(o, cur, new_pdf, o->dump, &ps, d);
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
    int status = build_edition(old_dir, old_layout, old_fonts, copt, &old, old_d);
    output_rest(old_d, o, false);
    if (status == EXIT_OK)
        status = build_edition(o->edition, o->layout_dir, o->fonts_file, copt, &cur, d);
    if (status == EXIT_OK) {
        diff_editions(&old.eo, old.ed, old.lay, &cur.eo, cur.ed, cur.lay, &res);
        fputs(o->quiet ? res.brief : o->diff_verbose ? res.verbose : res.text, stdout);
        fflush(stdout);
        status = diff_outputs(o, &res, &old, &cur, d);
    }
    if (status == EXIT_OK && o->report) {
        overset_fits(&cur.eo, cur.ed, cur.lay, typesetter_fonts(cur.ts));
        status = output_report(o, &cur, d, d);
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

