/* revisions.h — an edition as it was at a git revision, for diff --rev.
 *
 * The edition, and its layout folder and font manifest when they lie in
 * the same repository, are taken from the revision with `git archive` and
 * unpacked with tar into a scratch folder under /tmp; a layout or fonts
 * outside the repository are taken as they are now.  git and tar are the
 * programs on PATH. */
#ifndef PAIBAN_CLI_REVISIONS_H
#define PAIBAN_CLI_REVISIONS_H

#include "base/diag.h"

typedef struct revision_tree {
    char *scratch;            /* removed, with all in it, by revision_free */
    char *edition;            /* the old version's edition folder */
    char *layout_dir;         /* its layout folder, NULL when none was found */
    char *fonts_file;         /* its font manifest, NULL when none was found */
} revision_tree;

/* The edition in edition_dir as it was at `rev`; layout_dir and
 * fonts_file are those given on the command line (NULL: found from the
 * edition, as a build finds them).  False with the reason in d, said of
 * the edition as given: no layout found, not a repository, no such
 * revision, the revision does not hold the edition (or its layout or
 * fonts, when those lie in the repository), a program failed. */
bool revision_checkout(const char *rev, const char *edition_dir, const char *layout_dir,
                       const char *fonts_file, revision_tree *t, diag *d);
void revision_free(revision_tree *t);

#endif
