/* files.h — input files read whole, from the disk or from memory; output
 * files written all or nothing.
 *
 * The content loader (edition.yaml and the articles, through yml) and the
 * photo readers (image.c, pdf.c) take their bytes from a file_source, so
 * the whole pipeline can run on files held in memory: the fuzzer feeds it
 * that way (tests/fuzz).  A NULL source is the disk.  A source only reads
 * and resolves names; output never goes through it.
 *
 * Callers word the errors: a source reports what went wrong as errno.
 *
 * Output is written to a temporary file beside its target and renamed
 * over it only when complete (the layout dump, reports and previews here;
 * the PDF by its writer, pdf.c, the same way), so a failed run — a full
 * disk, a file size limit, an interrupt — leaves the previous file as it
 * was and no temporary file behind. */
#ifndef PAIBAN_FILES_H
#define PAIBAN_FILES_H

#include "base.h"
#include "diag.h"

#include <signal.h>

typedef struct file_source file_source;
struct file_source {
    /* All of `path` in a new heap buffer (the caller frees it) with a NUL
     * after its *len bytes.  False with errno set: ENOENT, EACCES, EISDIR
     * (a folder), EINVAL (not a regular file: a FIFO, a device), EFBIG
     * (more than `limit` bytes), EIO … */
    bool (*read)(const file_source *src, const char *path, size_t limit, char **data,
                 size_t *len);
    /* As realpath(3): the canonical absolute name of an existing file or
     * folder into `out` (PATH_MAX bytes); false with errno set. */
    bool (*resolve)(const file_source *src, const char *path, char *out);
    void *user; /* the source's own state */
};

/* Read or resolve through `src`, or the disk when src is NULL. */
bool files_read(const file_source *src, const char *path, size_t limit, char **data,
                size_t *len);
bool files_resolve(const file_source *src, const char *path, char *out);

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

/* While a temporary file exists, the signals that would stop the program
 * (SIGINT, SIGTERM, SIGHUP, SIGQUIT) wait: hold them before creating it,
 * release them (with what hold returned) once it is renamed or removed. */
typedef struct signals_held {
    sigset_t before;
} signals_held;
void files_hold_signals(signals_held *held);
void files_release_signals(const signals_held *held);

#endif
