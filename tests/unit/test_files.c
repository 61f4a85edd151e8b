/* test_files.c — input read once, by descriptor; temporary files of runs killed. */
#include "harness.h"
#include "tests.h"

#include "base/diag.h"
#include "base/files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static char *scratch_dir(void)
{
    char *dir = xstrdup("/tmp/paiban-unit-files-XXXXXX");
    return mkdtemp(dir) ? dir : NULL;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

void test_files_kept_photo_read_from_the_file_checked(void)
{
    /* Between the check and the PDF the name is given to another file:
     * what is read again is the file that was checked. */
    char *dir = scratch_dir();
    char *path = xasprintf("%s/p.jpg", dir), *other = xasprintf("%s/q.jpg", dir);
    put(path, "checked");
    put(other, "swapped");
    file_keeper k;
    files_keeper_init(&k, NULL);
    char *data, real[PATH_MAX];
    size_t len;
    CHECK(files_keep(&k, path, 100, &data, &len, real));
    CHECK_STR(data, "checked");
    free(data);
    CHECK(rename(other, path) == 0);
    CHECK(files_read(&k.source, path, 100, &data, &len));
    CHECK_STR(data, "checked");
    free(data);
    /* Another name is read through the source underneath. */
    char *third = xasprintf("%s/r.jpg", dir);
    put(third, "third");
    CHECK(files_read(&k.source, third, 100, &data, &len));
    CHECK_STR(data, "third");
    free(data);
    files_keeper_free(&k);
    unlink(path);
    unlink(third);
    rmdir(dir);
    free(third);
    free(other);
    free(path);
    free(dir);
}

void test_files_where_the_descriptor_leads(void)
{
    char *dir = scratch_dir();
    char *target = xasprintf("%s/target.yaml", dir), *link = xasprintf("%s/link.yaml", dir);
    char *fifo = xasprintf("%s/fifo", dir), *to_fifo = xasprintf("%s/to-fifo.yaml", dir);
    put(target, "a: 1\n");
    CHECK(symlink(target, link) == 0);
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(symlink(fifo, to_fifo) == 0);
    char *data, real[PATH_MAX], want[PATH_MAX];
    size_t len;
    CHECK(files_read_real(NULL, link, 100, &data, &len, real));
    free(data);
    CHECK(realpath(target, want) != NULL);
    CHECK_STR(real, want);
    char root[PATH_MAX];
    CHECK(realpath(dir, root) != NULL);
    CHECK(files_inside(root, real));
    CHECK(!files_read_real(NULL, to_fifo, 100, &data, &len, real));
    CHECK_INT(errno, EINVAL);
    CHECK(!files_read_real(NULL, dir, 100, &data, &len, real));
    CHECK_INT(errno, EISDIR);
    CHECK(!files_read_real(NULL, target, 2, &data, &len, real));
    CHECK_INT(errno, EFBIG);
    CHECK(files_inside("/a/b", "/a/b/c"));
    CHECK(files_inside("/a/b", "/a/b"));
    CHECK(!files_inside("/a/b", "/a/bc"));
    CHECK(files_inside("/", "/x"));
    unlink(to_fifo);
    unlink(fifo);
    unlink(link);
    unlink(target);
    rmdir(dir);
    free(to_fifo);
    free(fifo);
    free(link);
    free(target);
    free(dir);
}

void test_files_stale_temporaries_removed(void)
{
    /* Two temporary files of out.pdf: one a killed run left, one a run
     * still writing holds locked.  Only the first goes. */
    char *dir = scratch_dir();
    char *out = xasprintf("%s/out.pdf", dir);
    char *stale = xasprintf("%s.tmp.Ab12Cd", out), *live = xasprintf("%s.tmp.Zz98Yx", out);
    char *other = xasprintf("%s/other.pdf.tmp.Ab12Cd", dir);
    put(stale, "left");
    put(live, "writing");
    put(other, "not ours");
    int held = open(live, O_RDONLY);
    CHECK(flock(held, LOCK_EX) == 0);
    diag *d = diag_new();
    char *tmp;
    int fd = files_temp_open(out, &tmp, d);
    CHECK(fd >= 0);
    CHECK(access(stale, F_OK) != 0);
    CHECK(access(live, F_OK) == 0);
    CHECK(access(other, F_OK) == 0);
    /* The new one is locked while it is written: another run leaves it. */
    char *tmp2;
    int fd2 = files_temp_open(out, &tmp2, d);
    CHECK(fd2 >= 0);
    CHECK(access(tmp, F_OK) == 0);
    files_temp_close(fd2, tmp2, out, false, d);
    files_temp_place(tmp2, out, false, d);
    CHECK(files_temp_close(fd, tmp, out, true, d));
    CHECK(files_temp_place(tmp, out, true, d));
    CHECK(access(out, F_OK) == 0);
    close(held);
    CHECK_INT(diag_error_count(d) + diag_env_error_count(d), 0);
    diag_free(d);
    unlink(out);
    unlink(live);
    unlink(other);
    rmdir(dir);
    free(other);
    free(live);
    free(stale);
    free(out);
    free(dir);
}
