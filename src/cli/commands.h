/* commands.h — each command run on the options it was given.
 *
 * Each returns the command's exit status and leaves in d the messages it
 * has not printed; main.c prints the rest (output_finish for build,
 * proof, text and watch, which also applies --strict). */
#ifndef PAIBAN_CLI_COMMANDS_H
#define PAIBAN_CLI_COMMANDS_H

#include "base/diag.h"
#include "cli/options.h"

/* build and proof (the PDF, with the proof overlay when `proof`, and what
 * else o asks for), and text (the edition's text on stdout). */
int command_build(const options *o, bool proof, diag *d);
/* The proof, then again after every change of the edition, its layout or
 * its fonts, each time with its messages and summary. */
int command_watch(const options *o, diag *d);
/* What changed between two versions, on stdout; with -o (or --png) the new
 * version with the changed lines marked.  diff(1)'s exit status: 0 no
 * change, 1 changes, 2 trouble. */
int command_diff(const options *o, diag *d);
/* Every edition of a year and the volume (archive/archive.h). */
int command_archive(const options *o, diag *d);
/* paiban plan: the plan to -o, or standard output. */
int command_plan(const options *o, diag *d);

#endif
