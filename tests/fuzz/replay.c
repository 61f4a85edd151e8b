/* replay.c — run a fuzz target over saved inputs, without libFuzzer.
 *
 *     fuzz-replay load|compose|build [--limit SECONDS] FILE|FOLDER …
 *
 * Each input runs once; a crash or a sanitizer report stops the program
 * (the input it was on is printed first, on stderr), and an input that
 * takes more CPU time than the limit fails.  Built with the sanitizers,
 * this is how `make check` keeps the corpus (tests/fuzz/corpus) passing.
 * The last line is "N passed, N failed". */
#include "fuzz.h"

#include "base/base.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef int (*target_fn)(const uint8_t *, size_t);

static int passed, failed;

/* CPU time, not wall time: a loaded machine must not fail an input. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run_file(target_fn target, const char *path, double limit)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("FAIL %s: cannot open\n", path);
        failed++;
        return;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    fprintf(stderr, "running %s\n", path);
    double t0 = cpu_now();
    target(buf, n);
    double took = cpu_now() - t0;
    free(buf);
    if (took > limit) {
        printf("FAIL %s: took %.2f s of CPU, more than %.0f s\n", path, took, limit);
        failed++;
    } else {
        printf("ok   %s (%.0f ms)\n", path, took * 1e3);
        passed++;
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(target_fn target, const char *path, double limit)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        run_file(target, path, limit);
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        printf("FAIL %s: cannot open the folder\n", path);
        failed++;
        return;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.')
            continue;
        names = xrealloc(names, sizeof *names * (count + 1));
        names[count++] = xasprintf("%s/%s", path, de->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, by_name);
    for (size_t i = 0; i < count; i++) {
        run_path(target, names[i], limit);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    target_fn target = NULL;
    if (argc > 1 && strcmp(argv[1], "load") == 0)
        target = fuzz_load;
    else if (argc > 1 && strcmp(argv[1], "compose") == 0)
        target = fuzz_compose;
    else if (argc > 1 && strcmp(argv[1], "build") == 0)
        target = fuzz_build;
    if (!target || argc < 3) {
        fprintf(stderr, "usage: fuzz-replay load|compose|build [--limit SECONDS] FILE|FOLDER …\n");
        return 2;
    }
    double limit = 10;
    int i = 2;
    if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
        limit = atof(argv[i + 1]);
        i += 2;
    }
    for (; i < argc; i++)
        run_path(target, argv[i], limit);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
