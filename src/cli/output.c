/* output.c — the PDF, dump and report of a build; its messages and summary. */
#include "cli/output.h"

#include "base/cache.h"
#include "base/files.h"
#include "desk/dump.h"
#include "desk/report.h"
#include "page/slug.h"

#include <stdlib.h>
#include <string.h>

/* How many of the build's messages are on the screen. */
static int printed_messages;

content_options output_content_options(const options *o)
{
    return (content_options){.allow_outside_root = o->allow_outside_root};
}

/* Preflight's measure of every photo, as notes. */
static void print_photo_reports(const pdf_stats *ps)
{
    for (int i = 0; i < ps->photos.n; i++) {
        const pdf_photo_report *r = &ps->photos.v[i];
        char where[512];
        diag_format_loc(r->loc, where, sizeof where);
        char resampled[64] = "", jpeg[64] = "";
        if (r->embedded_ppi < r->ppi - 0.5)
            snprintf(resampled, sizeof resampled, " (downsampled to %.0f ppi)", r->embedded_ppi);
        if (r->quality > 0)
            snprintf(jpeg, sizeof jpeg, " (JPEG quality %d, %ld bytes)", r->quality, r->bytes);
        fprintf(stderr,
                "%s: note: photo %s of article \"%s\": %d × %d px, %.0f × %.0f mm, %.0f ppi%s, "
                "%s%s\n",
                where, r->file, r->article, r->width, r->height, r->printed_w, r->printed_h,
                r->ppi, resampled, r->colour, jpeg);
    }
}

int output_pdf(const options *o, build *b, const char *path, const char *dump_path,
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

int output_report(const options *o, const build *b, const diag *d, diag *out)
{
    if (!o->report)
        return EXIT_OK;
    char *json = report_json(&b->eo, b->ed, b->lay, d);
    bool ok = write_file_atomic(o->report, json, strlen(json), out);
    free(json);
    return ok ? EXIT_OK : EXIT_ENV;
}

int output_layout_status(const options *o, const build *b)
{
    return b->eo.overset_lines > 0 && !o->allow_overset ? EXIT_LAYOUT : EXIT_OK;
}

void output_summary(const options *o, const build *b, const diag *d)
{
    if (o->quiet)
        return;
    diag_print(d, stderr, printed_messages, !o->warnings_summary);
    diag_messages(d, &printed_messages);
    char *summary = report_summary(&b->eo, b->ed, d);
    fprintf(stderr, "paiban: %s\n", summary);
    free(summary);
}

void output_rest(const diag *d, bool with_warnings)
{
    diag_print(d, stderr, printed_messages, with_warnings);
    printed_messages = 0;
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

int output_finish(diag *d, const options *o, int status)
{
    if (o->warnings_summary && !o->quiet) {
        output_rest(d, false);
        print_warning_summary(d, stderr);
    } else {
        output_rest(d, !o->quiet);
    }
    if (status == EXIT_OK && o->strict && diag_warning_count(d) > 0)
        status = EXIT_LAYOUT;
    return status;
}
