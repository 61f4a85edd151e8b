/* files.c — the disk as a file_source; writing all or nothing. */
#include "base/files.h"

#include "base/digest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Read a descriptor from its start to its end.  The size is a hint: the
 * file may grow or shrink while it is read, so the buffer grows as it
 * reads. */
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
        ssize_t got = pread(fd, buf + n, cap - n, (off_t)n);
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

/* The canonical name of what descriptor fd (opened as `path`) reads, into
 * `real`: from /proc, or without it from the name, as next best.  False,
 * errno set, when neither gives one. */
static bool fd_real_name(int fd, const char *path, char *real)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, real, PATH_MAX - 1);
    if (n >= 0) {
        real[n] = 0;
        return true;
    }
    return realpath(path, real) != NULL;
}

/* Open `path` to read it: a regular file of at most `limit` bytes, its
 * canonical name into `real` when asked (from the descriptor: what is
 * checked is what is read).  The descriptor, or -1 with errno set. */
static int open_input(const char *path, size_t limit, char *real, size_t *size)
{
    /* Non-blocking, so that opening a FIFO does not wait for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat st;
    int err = 0;
    if (fstat(fd, &st) != 0)
        err = errno;
    else if (!S_ISREG(st.st_mode))
        err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    else if ((uintmax_t)st.st_size > limit)
        err = EFBIG;
    if (!err && real && !fd_real_name(fd, path, real))
        err = errno;
    if (err) {
        close(fd);
        errno = err;
        return -1;
    }
    *size = (size_t)st.st_size;
    return fd;
}

static bool disk_read(const char *path, size_t limit, char **data, size_t *len, char *real)
{
    size_t size;
    int fd = open_input(path, limit, real, &size);
    if (fd < 0)
        return false;
    bool ok = read_all(fd, size, limit, data, len);
    int err = errno;
    close(fd);
    errno = err;
    return ok;
}

static digest *reads_digest;

void files_digest_reads(digest *d) { reads_digest = d; }

static void digest_read(const char *data, size_t len)
{
    if (!reads_digest)
        return;
    unsigned char quick[16];
    digest_quick(data, len, quick);
    digest_add(reads_digest, &len, sizeof len);
    digest_add(reads_digest, quick, sizeof quick);
}

/* How deep in sources reading through sources (a keeper or an overlay
 * over the disk) the read is: a file's bytes go into the digest once, by
 * the outermost read. */
static _Thread_local int read_depth;

bool files_read_real(const file_source *src, const char *path, size_t limit, char **data,
                     size_t *len, char *real)
{
    *data = NULL;
    *len = 0;
    read_depth++;
    bool ok = src ? src->read(src, path, limit, data, len, real)
                  : disk_read(path, limit, data, len, real);
    read_depth--;
    if (ok && read_depth == 0)
        digest_read(*data, *len);
    return ok;
}

bool files_read(const file_source *src, const char *path, size_t limit, char **data, size_t *len)
{
    return files_read_real(src, path, limit, data, len, NULL);
}

bool files_inside(const char *root, const char *real)
{
    size_t rl = strlen(root);
    if (rl == 1 && root[0] == '/')
        return real[0] == '/';
    return strncmp(real, root, rl) == 0 && (real[rl] == '/' || real[rl] == 0);
}

/* ---- files held open ---------------------------------------------------- */

struct kept_file {
    char *path; /* as it was asked for */
    int fd;
};

static const kept_file *kept_named(const file_keeper *k, const char *path)
{
    for (int i = 0; i < k->count; i++)
        if (strcmp(k->kept[i].path, path) == 0)
            return &k->kept[i];
    return NULL;
}

static bool keeper_read(const file_source *src, const char *path, size_t limit, char **data,
                        size_t *len, char *real)
{
    const file_keeper *k = src->user;
    const kept_file *f = kept_named(k, path);
    if (!f)
        return files_read_real(k->under, path, limit, data, len, real);
    struct stat st;
    if (fstat(f->fd, &st) != 0)
        return false;
    if ((uintmax_t)st.st_size > limit) {
        errno = EFBIG;
        return false;
    }
    if (real && !fd_real_name(f->fd, path, real))
        return false;
    return read_all(f->fd, (size_t)st.st_size, limit, data, len);
}

static bool keeper_resolve(const file_source *src, const char *path, char *out)
{
    const file_keeper *k = src->user;
    return files_resolve(k->under, path, out);
}

void files_keeper_init(file_keeper *k, const file_source *under)
{
    *k = (file_keeper){.source = {.read = keeper_read, .resolve = keeper_resolve, .user = k},
                       .under = under};
}

bool files_keep(file_keeper *k, const char *path, size_t limit, char **data, size_t *len,
                char *real)
{
    *data = NULL;
    *len = 0;
    if (k->under || kept_named(k, path))
        return files_read_real(&k->source, path, limit, data, len, real);
    size_t size;
    int fd = open_input(path, limit, real, &size);
    if (fd < 0)
        return false;
    if (!read_all(fd, size, limit, data, len)) {
        int err = errno;
        close(fd);
        errno = err;
        return false;
    }
    if (k->count == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 8;
        k->kept = xrealloc(k->kept, sizeof *k->kept * (size_t)k->cap);
    }
    k->kept[k->count++] = (kept_file){.path = xstrdup(path), .fd = fd};
    digest_read(*data, *len);
    return true;
}

void files_keeper_free(file_keeper *k)
{
    for (int i = 0; i < k->count; i++) {
        close(k->kept[i].fd);
        free(k->kept[i].path);
    }
    free(k->kept);
    k->kept = NULL;
    k->count = k->cap = 0;
}

bool files_resolve(const file_source *src, const char *path, char *out)
{
    return src ? src->resolve(src, path, out) : realpath(path, out) != NULL;
}

/* ---- temporary files ------------------------------------------------------
 */

/* The lock of each temporary file being written: a descriptor of its own,
 * so the lock outlives the writer's descriptor until the file is renamed
 * or removed (files_temp_close closes that one first). */
enum { MAX_TEMPS = 64 };
static struct {
    const char *tmp; /* the name files_temp_open gave, by address */
    int fd;
} locks[MAX_TEMPS];
static pthread_mutex_t locks_mutex = PTHREAD_MUTEX_INITIALIZER;

static void lock_remember(const char *tmp, int fd)
{
    pthread_mutex_lock(&locks_mutex);
    for (int i = 0; i < MAX_TEMPS; i++)
        if (!locks[i].tmp) {
            locks[i].tmp = tmp;
            locks[i].fd = fd;
            fd = -1;
            break;
        }
    pthread_mutex_unlock(&locks_mutex);
    if (fd >= 0) /* more files at once than anyone writes: unlocked, as before */
        close(fd);
}

static void lock_release(const char *tmp)
{
    pthread_mutex_lock(&locks_mutex);
    for (int i = 0; i < MAX_TEMPS; i++)
        if (locks[i].tmp == tmp) {
            close(locks[i].fd);
            locks[i].tmp = NULL;
        }
    pthread_mutex_unlock(&locks_mutex);
}

/* Remove the temporary files of `path` that a run killed while writing
 * left behind: "path.tmp.XXXXXX" that no one holds locked.  The lock is
 * taken without waiting, and the name is checked to still be the file
 * locked before it goes. */
static void remove_stale(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    char *prefix = xasprintf("%s.tmp.", base);
    size_t plen = strlen(prefix);
    DIR *dh = opendir(dir);
    struct dirent *e;
    while (dh && (e = readdir(dh))) {
        if (strncmp(e->d_name, prefix, plen) != 0 || strlen(e->d_name) != plen + 6)
            continue;
        char *name = xasprintf("%s/%s", dir, e->d_name);
        int fd = open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        struct stat locked, named;
        if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &locked) == 0 &&
            S_ISREG(locked.st_mode) && lstat(name, &named) == 0 && named.st_dev == locked.st_dev &&
            named.st_ino == locked.st_ino)
            unlink(name);
        if (fd >= 0)
            close(fd);
        free(name);
    }
    if (dh)
        closedir(dh);
    free(prefix);
    free(dir);
}

int files_temp_open(const char *path, char **tmp, diag *d)
{
    remove_stale(path);
    for (;;) {
        *tmp = xasprintf("%s.tmp.XXXXXX", path);
        int fd = mkstemp(*tmp);
        if (fd < 0) {
            diag_env_error(d, (src_loc){path, 0, 0}, "cannot create a temporary file beside it: %s",
                           strerror(errno));
            free(*tmp);
            *tmp = NULL;
            return -1;
        }
        /* Locked before anything is written.  Another run cleaning up may
         * have taken the file between its making and the lock: then it is
         * gone, and another is made. */
        struct stat st;
        int lock = dup(fd);
        if (lock >= 0 && flock(lock, LOCK_EX) == 0 && fstat(lock, &st) == 0 && st.st_nlink > 0) {
            lock_remember(*tmp, lock);
            return fd;
        }
        if (lock >= 0)
            close(lock);
        close(fd);
        free(*tmp);
    }
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
    lock_release(tmp);
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
            lock_release(tmp[i]);
            free(tmp[i]);
            tmp[i] = NULL;
        }
    }
    for (int i = 0; i < count; i++) {
        if (tmp[i]) {
            unlink(tmp[i]);
            lock_release(tmp[i]);
        }
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
