/* test_cache.c — the cache of converted photos keeps what it was given and
 * refuses what it was not. */
#include "harness.h"
#include "tests.h"

#include "base/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *temp_dir(void)
{
    char *dir = xstrdup("/tmp/paiban-cache-test-XXXXXX");
    if (!mkdtemp(dir)) {
        free(dir);
        return NULL;
    }
    return dir;
}

static void remove_dir(const char *dir, const char *name)
{
    char *p = xasprintf("%s/%s", dir, name);
    unlink(p);
    free(p);
    rmdir(dir);
}

void test_cache_round_trip(void)
{
    char *dir = temp_dir();
    CHECK(dir != NULL);
    if (!dir)
        return;
    /* A folder below one that does not exist yet is made. */
    char *sub = xasprintf("%s/paiban", dir);
    size_t len = 0;
    CHECK(cache_get(sub, "x.jpg", &len) == NULL);
    cache_put(sub, "x.jpg", "\xFF\xD8 photo \xFF\xD9", 11);
    unsigned char *got = cache_get(sub, "x.jpg", &len);
    CHECK(got != NULL);
    CHECK_INT(len, 11);
    CHECK(got && memcmp(got, "\xFF\xD8 photo \xFF\xD9", 11) == 0);
    free(got);
    remove_dir(sub, "x.jpg");
    rmdir(dir);
    free(sub);
    free(dir);
}

void test_cache_refuses_a_damaged_entry(void)
{
    char *dir = temp_dir();
    CHECK(dir != NULL);
    if (!dir)
        return;
    cache_put(dir, "y.jpg", "0123456789", 10);
    char *path = xasprintf("%s/y.jpg", dir);
    /* One byte changed: the trailer's checksum no longer agrees. */
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (f) {
        fputc('X', f);
        fclose(f);
    }
    size_t len;
    CHECK(cache_get(dir, "y.jpg", &len) == NULL);
    /* Cut short: neither. */
    cache_put(dir, "y.jpg", "0123456789", 10);
    CHECK(truncate(path, 15) == 0);
    CHECK(cache_get(dir, "y.jpg", &len) == NULL);
    CHECK(cache_get(NULL, "y.jpg", &len) == NULL);
    remove_dir(dir, "y.jpg");
    free(path);
    free(dir);
}

void test_cache_dir_from_environment(void)
{
    char *saved = getenv("PAIBAN_CACHE") ? xstrdup(getenv("PAIBAN_CACHE")) : NULL;
    setenv("PAIBAN_CACHE", "off", 1);
    CHECK(cache_dir() == NULL);
    setenv("PAIBAN_CACHE", "", 1);
    CHECK(cache_dir() == NULL);
    setenv("PAIBAN_CACHE", "/some/where", 1);
    char *d = cache_dir();
    CHECK_STR(d, "/some/where");
    free(d);
    unsetenv("PAIBAN_CACHE");
    char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    char *xdg = getenv("XDG_CACHE_HOME") ? xstrdup(getenv("XDG_CACHE_HOME")) : NULL;
    setenv("XDG_CACHE_HOME", "/xdg", 1);
    d = cache_dir();
    CHECK_STR(d, "/xdg/paiban");
    free(d);
    unsetenv("XDG_CACHE_HOME");
    setenv("HOME", "/home/desk", 1);
    d = cache_dir();
    CHECK_STR(d, "/home/desk/.cache/paiban");
    free(d);
    if (home)
        setenv("HOME", home, 1);
    if (xdg)
        setenv("XDG_CACHE_HOME", xdg, 1);
    if (saved)
        setenv("PAIBAN_CACHE", saved, 1);
    free(home);
    free(xdg);
    free(saved);
}
