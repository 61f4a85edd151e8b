/* files.c — the disk as a file_source; writing all or nothing. */
#include "base/files.h"

#include "base/digest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Read a descriptor to its end.  The size is a hint: the file may grow
 * or shrink while it is read, so the buffer grows as it reads. */
static bool read_all(int fd, size_t size_hint, size_t limit, char **data, size_t *len)
{
    size_t cap = (size_hint < limit ? size_hint : limit) + 1;
    char *buf = xmalloc(cap + 1);
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            if (cap > limit) {
                free(buf);
                errno = EFBIG;
                return false;
            }
            cap = cap * 2 < limit + 1 ? cap * 2 : limit + 1;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int err = errno;
            free(buf);
            errno = err;
            return false;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > limit) {
        free(buf);
        errno = EFBIG;
        return false;
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return true;
}

static bool disk_read(const char *path, size_t limit, char **data, size_t *len)
{
    /* Non-blocking, so that opening a FIFO does not wait for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0;
    if (ok && !S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        ok = false;
    } else if (ok && (uintmax_t)st.st_size > limit) {
        errno = EFBIG;
        ok = false;
    }
    if (ok)
        ok = read_all(fd, (size_t)st.st_size, limit, data, len);
    int err = errno;
    close(fd);
    errno = err;
    return ok;
}

static digest *reads_digest;

void files_digest_reads(digest *d) { reads_digest = d; }

bool files_read(const file_source *src, const char *path, size_t limit, char **data,
                size_t *len)
{
    *data = NULL;
    *len = 0;
    bool ok = src ? src->read(src, path, limit, data, len) : disk_read(path, limit, data, len);
    if (ok && reads_digest) {
        unsigned char quick[16];
        digest_quick(*data, *len, quick);
        digest_add(reads_digest, len, sizeof *len);
        digest_add(reads_digest, quick, sizeof quick);
    }
    return ok;
}

bool files_resolve(const file_source *src, const char *path, char *out)
{
    return src ? src->resolve(src, path, out) : realpath(path, out) != NULL;
}

int files_temp_open(const char *path, char **tmp, diag *d)
{
    *tmp = xasprintf("%s.tmp.XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        diag_env_error(d, (src_loc){path, 0, 0}, "cannot create a temporary file beside it: %s",
                       strerror(errno));
        free(*tmp);
        *tmp = NULL;
    }
    return fd;
}

bool files_temp_close(int fd, const char *tmp, const char *path, bool ok, diag *d)
{
    src_loc where = {path, 0, 0};
    if (ok && fsync(fd) != 0) {
        diag_env_error(d, where, "cannot flush to disk: %s (the previous file is left as it was)",
                       strerror(errno));
        ok = false;
    }
    if (close(fd) != 0 && ok) {
        diag_env_error(d, where, "cannot close: %s (the previous file is left as it was)",
                       strerror(errno));
        ok = false;
    }
    /* mkstemp made the file 0600; give it the rights a new file gets. */
    if (ok) {
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0666 & ~mask);
    }
    return ok;
}

bool files_temp_place(char *tmp, const char *path, bool ok, diag *d)
{
    if (ok && rename(tmp, path) != 0)
        ok = diag_env_error(d, (src_loc){path, 0, 0},
                            "cannot rename the new file into place: %s", strerror(errno));
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok;
}

/* Write `f` to a new temporary file beside it; its name in *tmp (to free). */
static bool write_temporary(const file_out *f, char **tmp, diag *d)
{
    int fd = files_temp_open(f->path, tmp, d);
    if (fd < 0)
        return false;
    const char *p = f->data;
    size_t left = f->len;
    bool ok = true;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            diag_env_error(d, (src_loc){f->path, 0, 0},
                           "cannot write: %s (the previous file is left as it was)",
                           n < 0 ? strerror(errno) : "no space");
            ok = false;
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    return files_temp_close(fd, *tmp, f->path, ok, d);
}

void files_hold_signals(signals_held *held)
{
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    sigaddset(&stop, SIGQUIT);
    sigprocmask(SIG_BLOCK, &stop, &held->before);
}

void files_release_signals(const signals_held *held)
{
    sigprocmask(SIG_SETMASK, &held->before, NULL);
}

bool files_write_atomic(const file_out *files, int count, diag *d)
{
    /* An interrupt (^C, a kill from a job runner) waits until the files
     * are in place or gone, so it never leaves a temporary file behind. */
    signals_held held;
    files_hold_signals(&held);
    char **tmp = xcalloc((size_t)count, sizeof *tmp);
    bool ok = true;
    for (int i = 0; i < count && ok; i++)
        ok = write_temporary(&files[i], &tmp[i], d);
    for (int i = 0; i < count && ok; i++) {
        if (rename(tmp[i], files[i].path) != 0) {
            ok = diag_env_error(d, (src_loc){files[i].path, 0, 0},
                                "cannot rename the new file into place: %s", strerror(errno));
        } else {
            free(tmp[i]);
            tmp[i] = NULL;
        }
    }
    for (int i = 0; i < count; i++) {
        if (tmp[i])
            unlink(tmp[i]);
        free(tmp[i]);
    }
    free(tmp);
    files_release_signals(&held);
    return ok;
}

bool write_file_atomic(const char *path, const void *data, size_t len, diag *d)
{
    file_out f = {path, data, len};
    return files_write_atomic(&f, 1, d);
}

bool files_make_dirs(const char *dir)
{
    char *p = xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1; ok; s++) {
        if (*s != '/' && *s)
            continue;
        char c = *s;
        *s = 0;
        ok = mkdir(p, 0777) == 0 || errno == EEXIST;
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return ok;
}
