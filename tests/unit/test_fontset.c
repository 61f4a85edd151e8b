/* test_fontset.c — a face's facts from FreeType are kept in the cache, and
 * a face opened again takes them from there: the same facts, an entry
 * that says other CIDs followed, a damaged one refused. */
#include "harness.h"
#include "tests.h"

#include "base/cache.h"
#include "input/fontset.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct facts {
    bool cid_keyed;
    char ps_name[128];
    unsigned cid[4];
} facts;

static const uint32_t probes[4] = {0x6C38 /* 永 */, 0x56FD /* 国 */, 'A', 0x3002 /* 。 */};

/* The facts of face `id` from a manifest loaded anew (so from the cache
 * when it holds them). */
static bool facts_of(const char *id, facts *out)
{
    memset(out, 0, sizeof *out); /* compared whole, padding and all */
    diag *d = diag_new();
    fontset *fs = fontset_load("fonts/fonts.yaml", d);
    int face = fs ? fontset_find(fs, id) : -1;
    bool ok = face >= 0 && fontset_open(fs, face, (src_loc){0}, d);
    if (ok) {
        const face_info *fi = fontset_info(fs, face);
        out->cid_keyed = fi->cid_keyed;
        snprintf(out->ps_name, sizeof out->ps_name, "%s", fi->ps_name);
        for (int i = 0; i < 4; i++)
            out->cid[i] = fontset_cid(fs, face, fontset_glyph(fs, face, probes[i]));
    }
    fontset_free(fs);
    diag_free(d);
    return ok;
}

/* The name of the one "-face" entry in dir, or NULL. */
static char *face_entry(const char *dir)
{
    DIR *dd = opendir(dir);
    char *name = NULL;
    for (struct dirent *e; dd && (e = readdir(dd));) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, "-face") == 0) {
            free(name);
            name = xstrdup(e->d_name);
        }
    }
    if (dd)
        closedir(dd);
    return name;
}

static void remove_all(const char *dir)
{
    DIR *dd = opendir(dir);
    for (struct dirent *e; dd && (e = readdir(dd));) {
        if (e->d_name[0] == '.')
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        unlink(p);
        free(p);
    }
    if (dd)
        closedir(dd);
    rmdir(dir);
}

void test_face_facts_kept_in_the_cache(void)
{
    char *saved = getenv("PAIBAN_CACHE") ? xstrdup(getenv("PAIBAN_CACHE")) : NULL;
    char dir[] = "/tmp/paiban-facts-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    setenv("PAIBAN_CACHE", dir, 1);

    facts fresh, again;
    CHECK(facts_of("serif", &fresh));
    CHECK(fresh.cid_keyed);
    CHECK_STR(fresh.ps_name, "NotoSerifCJKsc-Regular");
    char *name = face_entry(dir);
    CHECK(name != NULL);
    CHECK(facts_of("serif", &again));
    CHECK(memcmp(&fresh, &again, sizeof fresh) == 0);

    /* An entry that gives each glyph another CID is followed: the glyph's
     * CID, not its id, is what the PDF shows. */
    size_t len = 0;
    unsigned char *e = name ? cache_get(dir, name, &len) : NULL;
    CHECK(e != NULL && len > 12 && e[4] == 1 && e[5] == 1);
    if (e && len > 12) {
        unsigned count = (unsigned)e[8] << 24 | (unsigned)e[9] << 16 | (unsigned)e[10] << 8 | e[11];
        size_t name_len = (size_t)e[6] << 8 | e[7];
        size_t full = 12 + name_len + 2 * (size_t)count;
        unsigned char *other = xcalloc(full, 1);
        memcpy(other, e, 12 + name_len);
        other[5] = 0;
        for (unsigned g = 0; g < count; g++) {
            unsigned cid = g ^ 1;
            other[12 + name_len + 2 * g] = (unsigned char)(cid >> 8);
            other[12 + name_len + 2 * g + 1] = (unsigned char)cid;
        }
        cache_put(dir, name, other, full);
        facts swapped;
        CHECK(facts_of("serif", &swapped));
        for (int i = 0; i < 4; i++)
            CHECK_INT(swapped.cid[i], fresh.cid[i] ^ 1);
        /* One CID short: refused, and FreeType asked again. */
        cache_put(dir, name, other, full - 2);
        facts refused;
        CHECK(facts_of("serif", &refused));
        CHECK(memcmp(&fresh, &refused, sizeof fresh) == 0);
        free(other);
    }
    free(e);
    free(name);

    /* A TrueType face: no CIDs, its codes are its glyph ids. */
    facts kai;
    CHECK(facts_of("kai", &kai));
    CHECK(!kai.cid_keyed);
    CHECK(facts_of("kai", &kai));
    CHECK(!kai.cid_keyed);

    remove_all(dir);
    if (saved)
        setenv("PAIBAN_CACHE", saved, 1);
    else
        unsetenv("PAIBAN_CACHE");
    free(saved);
}
