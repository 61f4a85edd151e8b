/* cache.h — files kept from run to run, named by a digest of what made them.
 *
 * Work that is slow and depends on nothing but its inputs — a photo
 * converted to the press's CMYK — is kept in a folder and taken from there
 * the next time.  An entry's name is a digest of every input (the caller
 * makes it), so a changed photo, profile or setting makes another name and
 * is never answered by a stale entry.  Entries are written to a temporary
 * file and renamed into place, so a reader never sees half an entry and
 * runs at the same time do not disturb each other.
 *
 * The folder is $PAIBAN_CACHE ("off" or empty: no cache), else
 * $XDG_CACHE_HOME/paiban, else $HOME/.cache/paiban; it is made on first
 * use and kept under CACHE_MAX_BYTES by removing the entries used least
 * recently.  The cache only saves time: when it cannot be read or written,
 * the work is done again and nothing is reported. */
#ifndef PAIBAN_BASE_CACHE_H
#define PAIBAN_BASE_CACHE_H

#include "base/base.h"

#define CACHE_MAX_BYTES (1024L * 1024 * 1024)

/* The folder to use, in new memory; NULL when caching is off. */
char *cache_dir(void);
/* The entry `name` in new memory the caller frees, or NULL when there is
 * none (or dir is NULL). */
unsigned char *cache_get(const char *dir, const char *name, size_t *len);
/* Keep data as the entry `name`; failures are ignored. */
void cache_put(const char *dir, const char *name, const void *data, size_t len);

#endif
