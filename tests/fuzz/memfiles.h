/* memfiles.h — a file_source over files held in memory.
 *
 * The files live under one folder, MEMFILES_ROOT, which is also where
 * relative names start.  Names are resolved without the disk: "." and
 * ".." are folded, a folder exists when some file lies in it, and nothing
 * outside the root exists.  The data is borrowed, not copied. */
#ifndef PAIBAN_MEMFILES_H
#define PAIBAN_MEMFILES_H

#include "base/files.h"

#define MEMFILES_ROOT "/fuzz"

typedef struct memfile {
    char *path;        /* absolute and folded; owned by the memfiles */
    const char *data;  /* borrowed */
    size_t len;
} memfile;

typedef struct memfiles {
    file_source source; /* give &m->source to the loaders */
    memfile *files;
    int count, cap;
} memfiles;

void memfiles_init(memfiles *m);
/* Add a file; `name` is relative to the root or absolute.  A later file
 * of the same name hides an earlier one. */
void memfiles_add(memfiles *m, const char *name, size_t name_len, const char *data, size_t len);
/* Forget every file (keeping the memory for the next input). */
void memfiles_reset(memfiles *m);
void memfiles_free(memfiles *m);

#endif
