/* fuzz.h — paiban on an edition held in memory, for libFuzzer and replay.
 *
 * One input is a bundle of files in the form `head` prints several files:
 *
 *     ==> edition.yaml <==
 *     paper: …
 *     ==> a.yaml <==
 *     headline: …
 *
 * A file runs to the newline before the next header (that newline belongs
 * to the bundle, so a photo can be given byte for byte).  Each file lies
 * in the edition folder "ed" of a folder held in memory
 * (tests/fuzz/memfiles.c); names may go up ("../x.yaml") or be absolute,
 * to try the checks on paths.  An input that does not start with "==> "
 * is one article, a.yaml, placed by a fixed edition.yaml.
 *
 * A file named "@layout/NAME.yaml" is a file of the layout folder instead:
 * "@layout/styles.yaml" the styles, any other a page template (the
 * edition names it by NAME).  An input with such files is set with the
 * shipped layout/ overlaid by them, read from memory like the rest; one
 * without is set with the shipped layout as it is, loaded once.  Fonts
 * (fonts/fonts.yaml) are loaded once, from the disk.  Nothing is written:
 * the PDF and the layout dump are made in memory.
 *
 * Besides crashes, sanitizer reports and timeouts, the targets stop
 * (abort) when paiban breaks a promise: a failure with no error to
 * explain it, an error without a file, a line of text wider than its
 * column that is neither flagged overfull nor reported, a line or a photo
 * outside its module or page.  FUZZ_VERBOSE=1
 * prints the messages and the text of each input, to look into one. */
#ifndef PAIBAN_FUZZ_H
#define PAIBAN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Load the edition (input/: the edition and article loaders, yml.c) and print
 * its text. */
int fuzz_load(const uint8_t *data, size_t size);
/* Load, compose and make the layout dump. */
int fuzz_compose(const uint8_t *data, size_t size);
/* All of `paiban build`: load, compose, the layout dump and the PDF.
 * Subsetting the fonts for the PDF (HarfBuzz's work, not ours) takes most
 * of its time, so it runs slower than fuzz_compose. */
int fuzz_build(const uint8_t *data, size_t size);

#endif
