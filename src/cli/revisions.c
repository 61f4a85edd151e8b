/* revisions.c — git archive of a revision into a scratch folder. */
#include "cli/revisions.h"

#include "page/build.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run argv with stdout to out_fd (-1: inherited), and stderr too when
 * `quiet` (the answer is in the status); its exit status, or -1. */
static int run_program(char *const argv[], int out_fd, bool quiet)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (out_fd >= 0 && dup2(out_fd, STDOUT_FILENO) < 0)
            _exit(127);
        if (quiet && out_fd >= 0 && dup2(out_fd, STDERR_FILENO) < 0)
            _exit(127);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

/* The first line a program prints, or NULL when it fails; its output
 * passes through the file `scratch`. */
static char *program_line(char *const argv[], const char *scratch)
{
    int fd = open(scratch, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return NULL;
    int st = run_program(argv, fd, true);
    char buf[PATH_MAX + 2] = {0};
    ssize_t n = st == 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
    close(fd);
    unlink(scratch);
    if (n <= 0)
        return NULL;
    buf[strcspn(buf, "\n")] = 0;
    return xstrdup(buf);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* `path` (which exists) relative to the folder `top`, or NULL when it
 * lies outside. */
static char *inside(const char *top, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return NULL;
    size_t n = strlen(top);
    if (strncmp(real, top, n) != 0 || (real[n] != '/' && real[n] != 0))
        return NULL;
    return xstrdup(real[n] ? real + n + 1 : ".");
}

/* What to take from the repository: the edition, layout and fonts
 * relative to its top (layout and fonts NULL when outside it). */
typedef struct repo_paths {
    char top[PATH_MAX];
    char *edition, *layout_dir, *fonts_file;
} repo_paths;

static void repo_paths_free(repo_paths *p)
{
    free(p->edition);
    free(p->layout_dir);
    free(p->fonts_file);
}

static bool find_repository(const revision_tree *t, const char *edition_dir,
                            const char *layout_now, const char *fonts_now, repo_paths *p, diag *d)
{
    src_loc where = {edition_dir, 0, 0};
    char *scratch_file = xasprintf("%s/.out", t->scratch);
    char *git_top[] = {"git", "-C", (char *)edition_dir, "rev-parse", "--show-toplevel", NULL};
    char *top = program_line(git_top, scratch_file);
    free(scratch_file);
    bool ok = false;
    if (!top)
        diag_error(d, where, "--rev needs the edition in a git repository (git rev-parse failed)");
    else if (!realpath(top, p->top) || !(p->edition = inside(p->top, edition_dir)))
        diag_error(d, where, "the edition is not inside the repository %s", top);
    else
        ok = true;
    free(top);
    if (ok) {
        p->layout_dir = layout_now ? inside(p->top, layout_now) : NULL;
        p->fonts_file = fonts_now ? inside(p->top, fonts_now) : NULL;
    }
    return ok;
}

/* Whether git says yes to argv (its output dropped). */
static bool git_says(char *const argv[])
{
    int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int st = fd >= 0 ? run_program(argv, fd, true) : -1;
    if (fd >= 0)
        close(fd);
    return st == 0;
}

/* The revision names a commit, and the commit holds each path: each
 * missing one is named, with what to do. */
static bool check_revision(const revision_tree *t, const char *rev, const repo_paths *p,
                           const char *edition_dir, diag *d)
{
    src_loc where = {edition_dir, 0, 0};
    char *commit = xasprintf("%s^{commit}", rev);
    char *verify[] = {"git", "-C", (char *)p->top, "rev-parse", "--verify", "--quiet", commit, NULL};
    bool ok = git_says(verify);
    free(commit);
    if (!ok)
        return diag_error(d, where, "\"%s\" is not a revision of the repository %s; give a commit, "
                                    "a branch, a tag or HEAD~N", rev, p->top);
    const char *paths[3] = {p->edition, p->layout_dir, p->fonts_file};
    static const char *const what[3] = {"the edition", "the layout folder", "the font manifest"};
    for (int i = 0; i < 3; i++) {
        if (!paths[i])
            continue;
        char *object = xasprintf("%s:%s", rev, strcmp(paths[i], ".") == 0 ? "" : paths[i]);
        char *exists[] = {"git", "-C", (char *)p->top, "cat-file", "-e", object, NULL};
        bool held = git_says(exists);
        free(object);
        if (held)
            continue;
        ok = false;
        if (i == 0)
            diag_error(d, where, "revision \"%s\" does not hold the edition (%s in the "
                                 "repository); give a revision at which it was committed", rev,
                       paths[i]);
        else
            diag_error(d, where, "revision \"%s\" does not hold %s %s, which sets the edition "
                                 "now (is it committed?); commit it, or name one outside the "
                                 "repository with %s", rev, what[i], paths[i],
                       i == 1 ? "--layout DIR" : "--fonts FILE");
    }
    return ok;
}

/* git archive of the paths at rev, unpacked into the scratch folder. */
static bool extract(const revision_tree *t, const char *rev, const repo_paths *p, src_loc where,
                    diag *d)
{
    char *tar_path = xasprintf("%s/.tar", t->scratch);
    int fd = open(tar_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    char *git_archive[11] = {"git", "-C", (char *)p->top, "archive", "--format=tar", (char *)rev,
                             "--", p->edition};
    int n = 8;
    if (p->layout_dir)
        git_archive[n++] = p->layout_dir;
    if (p->fonts_file)
        git_archive[n++] = p->fonts_file;
    int st = fd >= 0 ? run_program(git_archive, fd, false) : -1;
    if (fd >= 0)
        close(fd);
    if (st != 0) {
        free(tar_path);
        return diag_env_error(d, where, "git archive could not give the edition at revision \"%s\"",
                              rev);
    }
    char *untar[] = {"tar", "-x", "-f", tar_path, "-C", t->scratch, NULL};
    st = run_program(untar, -1, false);
    unlink(tar_path);
    free(tar_path);
    if (st != 0)
        return diag_env_error(d, where, "tar could not unpack the old revision");
    return true;
}

/* The old version's file: from the scratch folder when it came from the
 * repository, else as it is now. */
static char *old_path(const revision_tree *t, const char *in_repo, const char *now)
{
    if (in_repo)
        return xasprintf("%s/%s", t->scratch, in_repo);
    return now ? xstrdup(now) : NULL;
}

bool revision_checkout(const char *rev, const char *edition_dir, const char *layout_dir,
                       const char *fonts_file, revision_tree *t, diag *d)
{
    memset(t, 0, sizeof *t);
    src_loc where = {edition_dir, 0, 0};
    char tmpl[] = "/tmp/paiban-rev-XXXXXX";
    if (!mkdtemp(tmpl))
        return diag_env_error(d, where, "cannot make a scratch folder: %s", strerror(errno));
    t->scratch = xstrdup(tmpl);
    char *layout_now, *fonts_now;
    build_locate(edition_dir, layout_dir, fonts_file, &layout_now, &fonts_now);
    repo_paths p = {0};
    bool ok = build_is_dir(edition_dir) ||
              diag_error(d, where, "no such edition folder; give the folder that holds "
                                   "edition.yaml");
    /* Said here, of the edition as given, not of its copy in the scratch
     * folder. */
    if (ok && !layout_now)
        ok = diag_error(d, where, "%s", BUILD_NO_LAYOUT);
    ok = ok && find_repository(t, edition_dir, layout_now, fonts_now, &p, d) &&
         check_revision(t, rev, &p, edition_dir, d) && extract(t, rev, &p, where, d);
    if (ok) {
        t->edition = old_path(t, p.edition, NULL);
        t->layout_dir = old_path(t, p.layout_dir, layout_now);
        t->fonts_file = old_path(t, p.fonts_file, fonts_now);
    }
    repo_paths_free(&p);
    free(layout_now);
    free(fonts_now);
    return ok;
}

void revision_free(revision_tree *t)
{
    if (t->scratch)
        nftw(t->scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(t->scratch);
    free(t->edition);
    free(t->layout_dir);
    free(t->fonts_file);
    memset(t, 0, sizeof *t);
}
