/* output.h — what the commands write and print for a composed edition: the
 * PDF with its dump, the report, the previews' resolution, and the
 * messages with the summary line under them.
 *
 * Messages are printed as a build goes (the summary comes under those so
 * far, where the eye ends) and the rest at its end; which were printed is
 * remembered between the calls, and forgotten at the end, for watch's next
 * build. */
#ifndef PAIBAN_CLI_OUTPUT_H
#define PAIBAN_CLI_OUTPUT_H

#include "base/diag.h"
#include "cli/options.h"
#include "page/build.h"

#define PREVIEW_DPI 60

content_options output_content_options(const options *o);

/* The PDF at `path` in the form o asks for (the slug line composed first
 * when it has one), preflight's photo notes unless quiet, and the layout
 * dump at dump_path when not NULL.  An exit status; ps is the writer's
 * (the caller frees it with pdf_stats_free). */
int output_pdf(const options *o, build *b, const char *path, const char *dump_path,
               pdf_stats *ps, diag *d);
/* The report of b's messages in d at o->report, when asked for; a
 * failure to write goes to out. */
int output_report(const options *o, const build *b, const diag *d, diag *out);

/* EXIT_LAYOUT when text is overset and o does not allow it. */
int output_layout_status(const options *o, const build *b);

/* The messages so far, then the one-line summary (nothing when quiet). */
void output_summary(const options *o, const build *b, const diag *d);
/* The messages not printed yet. */
void output_rest(const diag *d, bool with_warnings);
/* The end of a build: the rest of the messages (with --warnings, those by
 * kind after a count of each); the status, made EXIT_LAYOUT by --strict
 * when there is any warning. */
int output_finish(diag *d, const options *o, int status);

#endif
