/* memfiles.c — files in memory behind the file_source interface. */
#include "memfiles.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* `name` as an absolute path with "." and ".." folded, as realpath would
 * give it were there no links; NULL (errno set) when it is too long. */
static char *fold(const char *name, size_t len)
{
    char *out = xmalloc(sizeof MEMFILES_ROOT + len + 2);
    size_t n = 0;
    if (len == 0 || name[0] != '/') {
        memcpy(out, MEMFILES_ROOT, sizeof MEMFILES_ROOT - 1);
        n = sizeof MEMFILES_ROOT - 1;
    }
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && name[j] != '/')
            j++;
        size_t part = j - i;
        if (part == 2 && name[i] == '.' && name[i + 1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--; /* the slash; above the top there is only the top */
        } else if (part > 0 && !(part == 1 && name[i] == '.')) {
            out[n++] = '/';
            memcpy(out + n, name + i, part);
            n += part;
        }
        i = j + 1;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = 0;
    if (n >= PATH_MAX || strlen(out) != n) { /* too long, or a NUL inside */
        free(out);
        errno = n >= PATH_MAX ? ENAMETOOLONG : ENOENT;
        return NULL;
    }
    return out;
}

static const memfile *find_file(const memfiles *m, const char *path)
{
    for (int i = m->count - 1; i >= 0; i--)
        if (strcmp(m->files[i].path, path) == 0)
            return &m->files[i];
    return NULL;
}

static bool is_folder(const memfiles *m, const char *path)
{
    if (strcmp(path, "/") == 0)
        return true;
    size_t len = strlen(path);
    for (int i = 0; i < m->count; i++)
        if (strncmp(m->files[i].path, path, len) == 0 && m->files[i].path[len] == '/')
            return true;
    return false;
}

static bool mem_read(const file_source *src, const char *path, size_t limit, char **data,
                     size_t *len, char *real)
{
    const memfiles *m = src->user;
    char *p = fold(path, strlen(path));
    if (!p)
        return false;
    const memfile *f = find_file(m, p);
    int err = f ? 0 : is_folder(m, p) ? EISDIR : ENOENT;
    if (!err && real)
        strcpy(real, p);
    free(p);
    if (!err && f->len > limit)
        err = EFBIG;
    if (err) {
        errno = err;
        return false;
    }
    *data = xmalloc(f->len + 1);
    memcpy(*data, f->data, f->len);
    (*data)[f->len] = 0;
    *len = f->len;
    return true;
}

static bool mem_resolve(const file_source *src, const char *path, char *out)
{
    const memfiles *m = src->user;
    char *p = fold(path, strlen(path));
    if (!p)
        return false;
    bool found = find_file(m, p) || is_folder(m, p);
    if (found)
        strcpy(out, p);
    else
        errno = ENOENT;
    free(p);
    return found;
}

void memfiles_init(memfiles *m)
{
    memset(m, 0, sizeof *m);
    m->source = (file_source){.read = mem_read, .resolve = mem_resolve, .user = m};
}

void memfiles_add(memfiles *m, const char *name, size_t name_len, const char *data, size_t len)
{
    char *p = fold(name, name_len);
    if (!p)
        return; /* a name no loader could ask for */
    if (m->count == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        m->files = xrealloc(m->files, sizeof *m->files * (size_t)m->cap);
    }
    m->files[m->count++] = (memfile){.path = p, .data = data, .len = len};
}

void memfiles_reset(memfiles *m)
{
    for (int i = 0; i < m->count; i++)
        free(m->files[i].path);
    m->count = 0;
}

void memfiles_free(memfiles *m)
{
    memfiles_reset(m);
    free(m->files);
    m->files = NULL;
    m->cap = 0;
}
