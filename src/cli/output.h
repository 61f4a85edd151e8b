/* output.h — what the commands write and print for a composed edition: the
 * PDF with its dump (to a file or standard output), the report, and the
 * messages with the summary line under them.
 *
 * Messages are printed as a build goes (the summary comes under those so
 * far, where the eye ends) and the rest at its end; the diag remembers
 * which were printed (diag.h).  Colour follows --color: auto colours on a
 * terminal unless NO_COLOR is set (no-color.org). */
#ifndef PAIBAN_CLI_OUTPUT_H
#define PAIBAN_CLI_OUTPUT_H

#include "base/diag.h"
#include "cli/options.h"
#include "page/build.h"

content_options output_content_options(const options *o);

/* Whether messages on stderr are coloured. */
bool output_color(const options *o);

/* What o asks to write can be written there: -o, --dump and --report
 * name files in folders that exist, --png (and archive's -o) a folder or
 * nothing yet; a file is a new name or a regular file, never a device,
 * FIFO or symbolic link (it is replaced by renaming), and no two of them
 * are one file.  False with the reasons in d (input errors: the command
 * line is wrong). */
bool output_check_targets(const options *o, diag *d);

/* None of the files o asks to write (-o, --dump, --report) is one b read:
 * the edition's files, its photos, the layout's, the fonts' (by identity,
 * so another name for one counts).  False with the reasons in d. */
bool output_check_inputs(const options *o, const build *b, diag *d);

/* The PDF at `path` in the form o asks for (the slug line composed first
 * when it has one), preflight's photo notes unless quiet, and the layout
 * dump at dump_path when not NULL; `inputs`, what the build read, for the
 * document ID (pdf_options).  An exit status; ps is the writer's (the
 * caller frees it with pdf_stats_free). */
int output_pdf(const options *o, build *b, const char *path, const char *dump_path,
               const digest *inputs, pdf_stats *ps, diag *d);

/* The same for a build whose pages are written as they are composed and
 * let go (build_sink, page/build.h), so that memory does not grow with
 * the pages: output_stream_new makes the sink to give build_edition
 * (ps is the writer's, as above); output_stream_end, after the build,
 * with its status, writes the rest of the PDF and the dump (nothing when
 * the build failed), prints the photo notes, frees the stream and returns
 * the status. */
typedef struct output_stream output_stream;
output_stream *output_stream_new(const options *o, const char *path, const digest *inputs,
                                 pdf_stats *ps, diag *d, build_sink *sink);
int output_stream_end(output_stream *s, build *b, int status);

/* -o -: the PDF goes to a scratch file first (the previews read it), then
 * to standard output.  output_scratch_pdf makes the scratch folder and
 * returns the file's path (NULL, reported, when it cannot); output_to_stdout
 * copies the file out (false, reported, when stdout cannot take it) —
 * nothing else is ever written to standard output — and
 * output_scratch_free removes file and folder. */
char *output_scratch_pdf(diag *d);
bool output_to_stdout(const char *path, diag *d);
void output_scratch_free(char *path);

/* The report of b's messages in d at o->report, when asked for, with
 * the photos of ps (NULL when no PDF was written); a failure to write
 * goes to out. */
int output_report(const options *o, const build *b, const pdf_stats *ps, const diag *d,
                  diag *out);

/* EXIT_LAYOUT when text is overset and o does not allow it. */
int output_layout_status(const options *o, const build *b);

/* The messages so far, then the one-line summary (nothing when quiet). */
void output_summary(const options *o, const build *b, diag *d);
/* The messages not printed yet (warnings too when with_warnings). */
void output_rest(diag *d, const options *o, bool with_warnings);
/* The end of a build: the rest of the messages (with --warnings, those by
 * kind after a count of each); the status, made EXIT_LAYOUT by --strict
 * when there is any warning. */
int output_finish(diag *d, const options *o, int status);

#endif
