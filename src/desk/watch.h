/* watch.h — rebuild when a file of the edition, its layout or fonts changes. */
#ifndef PAIBAN_DESK_WATCH_H
#define PAIBAN_DESK_WATCH_H

#include "base/diag.h"

/* Call rebuild(ctx) once, then again after every change under the folders
 * (each watched with its subfolders), until rebuild returns false or
 * `max_builds` builds are done (0: no limit).  Changes that come together
 * (an editor saving through a temporary file) make one rebuild. */
bool watch_loop(const char *const *dirs, int count, int max_builds, bool (*rebuild)(void *ctx),
                void *ctx, diag *d);

#endif
