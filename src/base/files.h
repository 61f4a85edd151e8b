/* files.h — input files read whole, from the disk or from memory; output
 * files written all or nothing.
 *
 * The content loader (edition.yaml and the articles, through yml) and the
 * photo readers (input/image.c, pdf/photos.c) take their bytes from a
 * file_source, so the whole pipeline can run on files held in memory: the
 * fuzzer feeds it that way (tests/fuzz).  A NULL source is the disk.  A source
 * only reads and resolves names; output never goes through it.
 *
 * Callers word the errors: a source reports what went wrong as errno.
 *
 * An input is opened once: what is checked about it (a regular file, where
 * it really lies) is checked on the open descriptor, and what is read is
 * read from it — never a name checked, then opened again.  A photo, read
 * when its article is and again when the PDF is written, is held open
 * between the two (file_keeper), so that the bytes embedded come from the
 * file that was checked, whatever its name leads to by then.
 *
 * A temporary file is locked while it is written; files_temp_open first
 * removes the temporary files beside its target that no one holds locked
 * (left by a run that was killed), and only those.
 *
 * Output is written to a temporary file beside its target and renamed
 * over it only when complete — whole buffers (the layout dump, reports,
 * previews) through files_write_atomic, streamed files (the PDF, the
 * archive's volume) through files_temp_* — so a failed run (a full disk,
 * a file size limit, an interrupt) leaves the previous file as it was and
 * no temporary file behind. */
#ifndef PAIBAN_BASE_FILES_H
#define PAIBAN_BASE_FILES_H

#include "base/base.h"
#include "base/diag.h"

#include <signal.h>

typedef struct file_source file_source;
struct file_source {
    /* All of `path` in a new heap buffer (the caller frees it) with a NUL
     * after its *len bytes, and when `real` is not NULL the canonical name
     * of the file read into it (PATH_MAX bytes).  False with errno set:
     * ENOENT, EACCES, EISDIR (a folder), EINVAL (not a regular file: a
     * FIFO, a device), EFBIG (more than `limit` bytes), EIO … */
    bool (*read)(const file_source *src, const char *path, size_t limit, char **data, size_t *len,
                 char *real);
    /* As realpath(3): the canonical absolute name of an existing file or
     * folder into `out` (PATH_MAX bytes); false with errno set. */
    bool (*resolve)(const file_source *src, const char *path, char *out);
    void *user; /* the source's own state */
};

/* Read or resolve through `src`, or the disk when src is NULL.  On the
 * disk the file is opened once, without following it to a FIFO or a
 * device (which are refused), and `real` is where its descriptor leads. */
bool files_read(const file_source *src, const char *path, size_t limit, char **data, size_t *len);
bool files_read_real(const file_source *src, const char *path, size_t limit, char **data,
                     size_t *len, char *real);
/* From now on the bytes of every file read go into `d` too, in the
 * order read (NULL: no more): what a build read is its input, and a PDF's
 * document ID is made from it (pdf.h), so the file is never read back to
 * be digested.  For the thread that loads an edition. */
struct digest;
void files_digest_reads(struct digest *d);
bool files_resolve(const file_source *src, const char *path, char *out);
/* Whether the canonical name `real` lies in the folder `root` (canonical too).
 */
bool files_inside(const char *root, const char *real);

/* A source that holds open the files read through files_keep and reads
 * them again from their descriptors; every other name it reads through
 * `under` (NULL: the disk).  Files of a source other than the disk are
 * not held (they cannot change). */
typedef struct kept_file kept_file;
typedef struct file_keeper {
    file_source source; /* give this to whoever reads the kept files again */
    const file_source *under;
    kept_file *kept;
    int count, cap;
} file_keeper;
void files_keeper_init(file_keeper *k, const file_source *under);
/* Read `path` as files_read_real does, and hold it open. */
bool files_keep(file_keeper *k, const char *path, size_t limit, char **data, size_t *len,
                char *real);
void files_keeper_free(file_keeper *k);

/* One file to write: `len` bytes of `data` to `path`. */
typedef struct file_out {
    const char *path;
    const void *data;
    size_t len;
} file_out;

/* Write every file through a temporary file, flushed to disk, then rename
 * them all into place.  False, with an environment error naming the file
 * at fault, when any cannot be written: then no target has been touched
 * and every temporary file is gone.  Interrupting signals wait until the
 * files are in place or gone. */
bool files_write_atomic(const file_out *files, int count, diag *d);
/* The same for one file. */
bool write_file_atomic(const char *path, const void *data, size_t len, diag *d);

/* The same pieces for a writer that streams its file (the PDF).
 * files_temp_open makes the temporary file beside `path` (its name in
 * *tmp) and returns its descriptor, or -1 (reported).  files_temp_close
 * flushes it to disk when `ok`, closes it and gives it the rights a new
 * file gets; false, reported, when that fails.  files_temp_place renames
 * it over `path` when `ok` (reported if that fails), else removes it; it
 * frees tmp.  Hold the signals (below) from open to place. */
int files_temp_open(const char *path, char **tmp, diag *d);
bool files_temp_close(int fd, const char *tmp, const char *path, bool ok, diag *d);
bool files_temp_place(char *tmp, const char *path, bool ok, diag *d);

/* Make `dir` and the folders above it that are missing; false, with errno
 * set, when one cannot be made. */
bool files_make_dirs(const char *dir);

/* While a temporary file exists, the signals that would stop the program
 * (SIGINT, SIGTERM, SIGHUP, SIGQUIT) wait: hold them before creating it,
 * release them (with what hold returned) once it is renamed or removed. */
typedef struct signals_held {
    sigset_t before;
} signals_held;
void files_hold_signals(signals_held *held);
void files_release_signals(const signals_held *held);

#endif
