/* main.c — the paiban command.
 *
 *     paiban build EDITION -o FILE.pdf    the edition, for the press or the archive
 *     paiban proof EDITION -o FILE.pdf    the same with the proof overlay
 *     paiban diff OLD NEW [-o FILE.pdf]   what changed between two versions
 *     paiban watch EDITION -o FILE.pdf    the proof again after every change
 *     paiban text EDITION                 the text, a paragraph a line
 *     paiban archive YEAR -o DIR          a year's editions and their volume
 *     paiban help [COMMAND]               what a command does, its options
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
 * options.c reads the command line, commands.c runs each command,
 * output.c writes and prints what a build made, revisions.c checks out
 * the old version for diff --rev.
 *
 * Exit status: 0 success; 1 the PDF was written but layout problems remain
 * (overset text, or any warning with --strict); 2 the input is wrong (no
 * PDF written); 3 the machine failed us (cannot write, library failure).
 * diff exits like diff(1): 0 no change, 1 changes, 2 trouble. */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/output.h"

#include <signal.h>

int main(int argc, char **argv)
{
    /* Past a file size limit (ulimit -f) a write must fail with EFBIG and
     * be reported, not kill us with a temporary file left behind; so must
     * a write to a pipe whose reader has gone (-o - | head). */
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    options o = {0};
    int status = options_parse(argc, argv, &o);
    if (status != EXIT_OK || o.done)
        return status;
    diag *d = diag_new();
    if (!output_check_targets(&o, d)) {
        output_rest(d, &o, false);
        diag_free(d);
        return EXIT_INPUT;
    }
    switch (o.command) {
    case COMMAND_DIFF:
        status = command_diff(&o, d);
        output_rest(d, &o, !o.quiet);
        break;
    case COMMAND_ARCHIVE:
        status = command_archive(&o, d);
        output_rest(d, &o, !o.quiet);
        break;
    case COMMAND_PLAN:
        status = command_plan(&o, d);
        output_rest(d, &o, !o.quiet);
        break;
    case COMMAND_WATCH:
        status = output_finish(d, &o, command_watch(&o, d));
        break;
    case COMMAND_BUILD:
    case COMMAND_PROOF:
    case COMMAND_TEXT:
        status = output_finish(d, &o, command_build(&o, o.command == COMMAND_PROOF, d));
        break;
    case COMMAND_HELP:
        break; /* printed by options_parse */
    }
    diag_free(d);
    return status;
}
