/* watch.c — inotify. */
#include "desk/watch.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

static void add_tree(int fd, const char *dir, int depth)
{
    if (depth > 8)
        return;
    inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM);
    DIR *dh = opendir(dir);
    if (!dh)
        return;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.')
            continue;
        char *sub = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            add_tree(fd, sub, depth + 1);
        free(sub);
    }
    closedir(dh);
}

bool watch_loop(const char *const *dirs, int count, int max_builds, bool (*rebuild)(void *ctx),
                void *ctx, diag *d)
{
    int fd = inotify_init1(IN_CLOEXEC);
    if (fd < 0)
        return diag_env_error(d, (src_loc){0}, "cannot watch for changes: %s", strerror(errno));
    for (int i = 0; i < count; i++)
        add_tree(fd, dirs[i], 0);
    int builds = 0;
    bool ok = true;
    char buf[16384];
    for (;;) {
        if (!rebuild(ctx))
            break;
        if (max_builds > 0 && ++builds >= max_builds)
            break;
        /* Wait for a change, then for a quiet 150 ms. */
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno != EINTR) {
            ok = diag_env_error(d, (src_loc){0}, "watching failed: %s", strerror(errno));
            break;
        }
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        while (poll(&pfd, 1, 150) > 0)
            if (read(fd, buf, sizeof buf) < 0)
                break;
    }
    close(fd);
    return ok;
}
