/* cache.c — a folder of entries named by digests. */
#include "base/cache.h"

#include "base/bytes.h"
#include "base/digest.h"
#include "base/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* Each entry ends in a trailer: its length and its quick digest
 * (digest.h), so an entry cut short or garbled (a crash while the system
 * still held it in memory) is never taken for a good one. */
enum { TRAILER = 24 };
static const char magic[4] = {'P', 'B', 'C', '3'}; /* 3: the digest is XXH3's */


static bool same_digest(const void *data, size_t len, const unsigned char want[16])
{
    unsigned char got[16];
    digest_quick(data, len, got);
    return memcmp(got, want, 16) == 0;
}

char *cache_dir(void)
{
    const char *env = getenv("PAIBAN_CACHE");
    if (env)
        return *env && strcmp(env, "off") != 0 ? xstrdup(env) : NULL;
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/paiban", xdg);
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return xasprintf("%s/.cache/paiban", home);
    return NULL;
}


unsigned char *cache_get(const char *dir, const char *name, size_t *len)
{
    if (!dir)
        return NULL;
    char *path = xasprintf("%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unsigned char *data = NULL;
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        data = xmalloc((size_t)st.st_size);
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        size_t body = got - TRAILER;
        if (got == (size_t)st.st_size && got > TRAILER && got <= UINT32_MAX &&
            memcmp(data + body, magic, 4) == 0 && be32_get(data + body + 4) == body &&
            same_digest(data, body, data + body + 8)) {
            *len = body;
            /* Used now: the last to go when the folder is trimmed. */
            futimens(fd, NULL);
        } else {
            free(data);
            data = NULL;
        }
    }
    if (fd >= 0)
        close(fd);
    free(path);
    return data;
}

typedef struct entry {
    char *name;
    off_t size;
    struct timespec used;
} entry;

static int older_first(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->used.tv_sec != y->used.tv_sec)
        return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
    return x->used.tv_nsec < y->used.tv_nsec ? -1 : x->used.tv_nsec > y->used.tv_nsec;
}

/* Remove the entries used least recently until the folder holds at most
 * CACHE_MAX_BYTES. */
static void trim(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return;
    VEC(entry) all = {0};
    off_t total = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        struct stat st;
        if (de->d_name[0] == '.' || fstatat(dirfd(dh), de->d_name, &st, 0) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        entry *e = VEC_PUSH(all);
        e->name = xstrdup(de->d_name);
        e->size = st.st_size;
        e->used = st.st_mtim;
        total += st.st_size;
    }
    if (total > CACHE_MAX_BYTES) {
        qsort(all.v, (size_t)all.n, sizeof(entry), older_first);
        for (int i = 0; i < all.n && total > CACHE_MAX_BYTES; i++)
            if (unlinkat(dirfd(dh), all.v[i].name, 0) == 0)
                total -= all.v[i].size;
    }
    for (int i = 0; i < all.n; i++)
        free(all.v[i].name);
    VEC_FREE(all);
    closedir(dh);
}

void cache_put(const char *dir, const char *name, const void *data, size_t len)
{
    if (!dir || !files_make_dirs(dir))
        return;
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return;
    }
    const unsigned char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        p += n;
        left -= (size_t)n;
    }
    unsigned char trailer[TRAILER];
    memcpy(trailer, magic, 4);
    be32_put(trailer + 4, (uint32_t)len);
    digest_quick(data, len, trailer + 8);
    bool ok = left == 0 && len <= UINT32_MAX - TRAILER &&
              write(fd, trailer, TRAILER) == TRAILER;
    ok &= close(fd) == 0;
    char *path = xasprintf("%s/%s", dir, name);
    if (!ok || rename(tmp, path) != 0)
        unlink(tmp);
    free(path);
    free(tmp);
    if (ok)
        trim(dir);
}
