/* fontset.c — font manifest, fontconfig lookup, HarfBuzz and FreeType faces. */
#include "input/fontset.h"

#include "base/arena.h"
#include "base/bytes.h"
#include "base/cache.h"
#include "base/digest.h"
#include "input/fields.h"
#include "input/keys.h"

#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <fcntl.h>
#include <hb-ot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct font_face {
    face_info info;
    src_loc loc;          /* where the manifest declares it */
    const char *given_path; /* path from the manifest, or NULL: fontconfig */
    bool open, failed;
    hb_blob_t *blob;
    hb_face_t *hb_face;
    hb_font_t *hb_font;
    const uint16_t *cids; /* each glyph's CID in a CID-keyed CFF; NULL: the glyph id */
    FT_Face ft_face;      /* asked for each glyph's CID where no cache keeps them */
} font_face;

struct fontset {
    arena *arena;
    font_face *faces;
    int count;
    int *fallbacks;
    int fallback_count;
    FT_Library ft;
    bool fc_ready;
};

static char *dir_of(arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    return arena_strndup(a, path, (size_t)(slash - path));
}

typedef struct loader {
    fontset *fs;
    const char *manifest;
    const char *base; /* the manifest's folder */
    bool faces_read;  /* a mapping of faces, right or not, to check fallbacks
                         against */
} loader;

/* A path relative to the manifest's folder. */
static bool read_path(field_reader *r, yml_node *v, void *dest)
{
    loader *ld = r->user;
    font_face *f = dest;
    const char *s;
    if (!v)
        return true;
    if (!yml_read_string(v, r->d, r->name, &s))
        return false;
    if (s[0] == '/') {
        f->given_path = arena_strdup(ld->fs->arena, s);
    } else {
        size_t n = strlen(ld->base) + strlen(s) + 2;
        char *p = arena_alloc(ld->fs->arena, n);
        snprintf(p, n, "%s/%s", ld->base, s);
        f->given_path = p;
    }
    return true;
}

#define AT(f) offsetof(font_face, f)
static const field face_fields[] = {
    {"family", FIELD_STRING, AT(info.family), .required = true, .max = 200,
     .doc = "the family fontconfig finds it by"},
    {"style", FIELD_STRING, AT(info.style), .max = 200,
     .doc = "its style in the family (Regular unless given)"},
    {"package", FIELD_STRING, AT(info.package), .max = 200,
     .doc = "the Debian package that provides it, named when it is missing"},
    {"path", FIELD_CUSTOM, 0, .read = read_path, .type_doc = "file",
     .doc = "its file instead, relative to the manifest"},
    {"index", FIELD_INT, AT(info.index), .min = 0, .max = 255, .doc = "the face in a collection"},
    {0},
};
#undef AT
const field_table font_face_keys = {"a face", face_fields};

static bool read_faces(field_reader *r, yml_node *faces, void *dest)
{
    loader *ld = r->user;
    fontset *fs = dest;
    bool ok = true;
    ld->faces_read = true;
    fs->faces = ARENA_NEW_ARRAY(fs->arena, font_face, faces->count);
    for (int i = 0; i < faces->count; i++) {
        yml_node *fn = faces->items[i];
        font_face *f = &fs->faces[fs->count++];
        f->info.id = arena_strdup(fs->arena, faces->keys[i]->str);
        f->info.style = "Regular";
        f->loc = faces->keys[i]->loc;
        f->loc.file = arena_strdup(fs->arena, ld->manifest);
        if (!yml_expect_kind(fn, r->d, YML_MAP, "a face"))
            ok = false;
        else
            ok &= fields_read(r, fn, &font_face_keys, f);
    }
    return ok;
}

/* Ids of the faces above; without faces there is nothing to check them against.
 */
static bool read_fallback(field_reader *r, yml_node *fallback, void *dest)
{
    loader *ld = r->user;
    fontset *fs = dest;
    bool ok = true;
    if (!fallback || !ld->faces_read)
        return true;
    fs->fallbacks = ARENA_NEW_ARRAY(fs->arena, int, fallback->count + 1);
    for (int i = 0; i < fallback->count; i++) {
        const char *id;
        if (!yml_read_string(fallback->items[i], r->d, "a fallback face", &id)) {
            ok = false;
            continue;
        }
        int k = fontset_find(fs, id);
        if (k < 0) {
            ok = diag_error(r->d, fallback->items[i]->loc,
                            "fallback face \"%s\" is not among the faces above", id);
            continue;
        }
        fs->fallbacks[fs->fallback_count++] = k;
    }
    return ok;
}

static const field manifest_fields[] = {
    {"faces", FIELD_MAP, 0, .required = true, .read = read_faces, .type_doc = "mapping of faces",
     .doc = "the faces by the ids styles give them"},
    {"fallback", FIELD_LIST, 0, .read = read_fallback, .type_doc = "list of faces",
     .doc = "faces tried in order for a character a style's own face lacks"},
    {0},
};
const field_table font_manifest_keys = {"the font manifest", manifest_fields};

fontset *fontset_load(const char *manifest, diag *d)
{
    yml_doc *doc = yml_load_file(manifest, d);
    if (!doc)
        return NULL;
    fontset *fs = xcalloc(1, sizeof *fs);
    fs->arena = arena_new();
    yml_node *root = doc->root;
    bool ok;
    if (!root || root->kind != YML_MAP) {
        ok = diag_error(d, root ? root->loc : (src_loc){manifest, 0, 0},
                        "the font manifest must be a mapping with \"faces\" and \"fallback\"");
    } else {
        loader ld = {.fs = fs, .manifest = manifest, .base = dir_of(fs->arena, manifest)};
        field_reader r = {.d = d, .arena = fs->arena, .user = &ld};
        ok = fields_read(&r, root, &font_manifest_keys, fs);
    }
    yml_free(doc);
    if (!ok) {
        fontset_free(fs);
        return NULL;
    }
    return fs;
}

void fontset_free(fontset *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < fs->count; i++) {
        font_face *f = &fs->faces[i];
        if (f->ft_face)
            FT_Done_Face(f->ft_face);
        if (f->hb_font)
            hb_font_destroy(f->hb_font);
        if (f->hb_face)
            hb_face_destroy(f->hb_face);
        if (f->blob)
            hb_blob_destroy(f->blob);
    }
    if (fs->ft)
        FT_Done_FreeType(fs->ft);
    if (fs->fc_ready)
        FcFini();
    arena_free(fs->arena);
    free(fs);
}

int fontset_count(const fontset *fs) { return fs->count; }

int fontset_find(const fontset *fs, const char *id)
{
    for (int i = 0; i < fs->count; i++)
        if (strcmp(fs->faces[i].info.id, id) == 0)
            return i;
    return -1;
}

static bool family_matches(FcPattern *match, const char *family)
{
    FcChar8 *value;
    for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &value) == FcResultMatch; i++)
        if (strcasecmp((const char *)value, family) == 0)
            return true;
    return false;
}

static bool style_matches(FcPattern *match, const char *style)
{
    FcChar8 *value;
    for (int i = 0; FcPatternGetString(match, FC_STYLE, i, &value) == FcResultMatch; i++)
        if (strcasecmp((const char *)value, style) == 0)
            return true;
    return false;
}

typedef enum { FACE_FOUND, FACE_NO_FAMILY, FACE_NO_STYLE } locate_result;

/* Ask fontconfig for the family and style; fontconfig always answers with
 * some font, so the answer is checked against the request. */
static locate_result locate(fontset *fs, font_face *f)
{
    if (!fs->fc_ready) {
        if (!FcInit())
            return FACE_NO_FAMILY;
        fs->fc_ready = true;
    }
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)f->info.family);
    FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)f->info.style);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcPattern *match = FcFontMatch(NULL, pat, &result);
    FcPatternDestroy(pat);
    locate_result found = FACE_NO_FAMILY;
    if (match && family_matches(match, f->info.family)) {
        found = FACE_NO_STYLE;
        FcChar8 *file;
        int index = 0;
        if (style_matches(match, f->info.style) &&
            FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
            FcPatternGetInteger(match, FC_INDEX, 0, &index);
            f->info.path = arena_strdup(fs->arena, (const char *)file);
            f->info.index = index & 0xFFFF;
            found = FACE_FOUND;
        }
    }
    if (match)
        FcPatternDestroy(match);
    return found;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The styles installed for a family, "Bold, Regular", sorted so that the
 * message does not depend on fontconfig's order. */
static char *styles_of(const char *family)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcObjectSet *os = FcObjectSetBuild(FC_STYLE, NULL);
    FcFontSet *set = FcFontList(NULL, pat, os);
    int n = set ? set->nfont : 0;
    char **names = xcalloc((size_t)n + 1, sizeof(char *));
    int count = 0;
    for (int i = 0; i < n; i++) {
        FcChar8 *style;
        if (FcPatternGetString(set->fonts[i], FC_STYLE, 0, &style) == FcResultMatch)
            names[count++] = (char *)style;
    }
    qsort(names, (size_t)count, sizeof(char *), compare_strings);
    char *out = xstrdup("");
    for (int i = 0; i < count; i++) {
        if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
            continue;
        char *next = xasprintf("%s%s%s", out, out[0] ? ", " : "", names[i]);
        free(out);
        out = next;
    }
    free(names);
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return out;
}

/* Font files are mapped, not read, so a face costs the pages shaping and
 * subsetting touch; a font collection is tens of MiB. */
enum { FONT_MAX_BYTES = 256 << 20 };

typedef struct mapping {
    void *data;
    size_t len;
} mapping;

static void unmap(void *user)
{
    mapping *m = user;
    munmap(m->data, m->len);
    free(m);
}

/* The font file at `path`, mapped: opened once, and only a regular file
 * (a path of /dev/zero would be read until memory ran out); NULL with the
 * reason in *problem. */
static hb_blob_t *font_blob(const char *path, bool given, const char **problem)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *problem = given ? "cannot be read at the path the manifest gives" : "cannot be read";
        return NULL;
    }
    struct stat st;
    void *data = MAP_FAILED;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        *problem = "cannot be read: it is not a regular file (a folder? a device?)";
    else if (st.st_size == 0 || (uintmax_t)st.st_size > FONT_MAX_BYTES)
        *problem = "cannot be a font: it is empty or larger than 256 MiB";
    else if ((data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
        *problem = "cannot be read";
    close(fd);
    if (data == MAP_FAILED)
        return NULL;
    mapping *m = xmalloc(sizeof *m);
    *m = (mapping){data, (size_t)st.st_size};
    return hb_blob_create(data, (unsigned)st.st_size, HB_MEMORY_MODE_READONLY, m, unmap);
}

static bool missing(font_face *f, src_loc why, diag *d, const char *what)
{
    f->failed = true;
    src_loc loc = why.file ? why : f->loc;
    /* Name the file when we know which one is at fault. */
    char file[PATH_MAX + 4] = "";
    if (f->info.path)
        snprintf(file, sizeof file, ", %s", f->info.path);
    if (f->info.package)
        return diag_error(d, loc,
                          "font \"%s\" (%s %s%s) %s; install the Debian package %s "
                          "(apt-get install %s)",
                          f->info.id, f->info.family, f->info.style, file, what, f->info.package,
                          f->info.package);
    return diag_error(d, loc, "font \"%s\" (%s %s%s) %s", f->info.id, f->info.family,
                      f->info.style, file, what);
}

/* What paiban asks of FreeType about a face — whether its CFF is
 * CID-keyed, each glyph's CID, its PostScript name — is kept in the cache
 * under the face file's path, size, time and index: FreeType opens a Noto
 * CJK face by reading its whole charset and charstring index, some 5 ms
 * a face, more than a page set from the cache takes.  An entry: "PBF1",
 * CID-keyed (0 or 1), CIDs all the glyph ids (0 or 1), the name's length
 * (16 bits) and the glyph count (32 bits), the name, and unless the CIDs
 * are the glyph ids, a CID a glyph (16 bits; a CFF CID is a Card16); all
 * big-endian. */
enum { FACTS_HEAD = 12 };

/* Where the facts of f are kept: the cache's folder, in new memory, and
 * the entry's name in `name`; NULL when there is no cache (or the face's
 * file cannot be looked at). */
static char *facts_place(const font_face *f, char name[80])
{
    struct stat st;
    char *dir = cache_dir();
    if (!dir || stat(f->info.path, &st) != 0) {
        free(dir);
        return NULL;
    }
    char head[PATH_MAX + 128];
    snprintf(head, sizeof head, "paiban face facts 1; %s %d; %lld bytes, %lld.%09ld\n", f->info.path,
             f->info.index, (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    digest dg;
    digest_init(&dg);
    digest_add_str(&dg, head);
    digest_hex(&dg, name);
    strcat(name, "-face");
    return dir;
}

static bool facts_from_cache(fontset *fs, font_face *f, const char *dir, const char *name)
{
    size_t len = 0;
    unsigned char *e = dir ? cache_get(dir, name, &len) : NULL;
    bool ok = e && len >= FACTS_HEAD && memcmp(e, "PBF1", 4) == 0 && e[4] <= 1 && e[5] <= 1 &&
              be32_get(e + 8) == f->info.glyph_count;
    size_t name_len = ok ? be16_get(e + 6) : 0;
    size_t cid_bytes = ok && e[4] && !e[5] ? 2 * (size_t)f->info.glyph_count : 0;
    ok = ok && name_len > 0 && len == FACTS_HEAD + name_len + cid_bytes;
    if (ok) {
        f->info.cid_keyed = e[4];
        f->info.ps_name = arena_strndup(fs->arena, (const char *)e + FACTS_HEAD, name_len);
        if (cid_bytes) {
            uint16_t *cids = ARENA_NEW_ARRAY(fs->arena, uint16_t, f->info.glyph_count);
            const unsigned char *p = e + FACTS_HEAD + name_len;
            for (unsigned g = 0; g < f->info.glyph_count; g++)
                cids[g] = be16_get(p + 2 * g);
            f->cids = cids;
        }
    }
    free(e);
    return ok;
}

static void facts_to_cache(const font_face *f, const char *dir, const char *name)
{
    size_t name_len = MIN(strlen(f->info.ps_name), 0xffff);
    size_t cid_bytes = f->cids ? 2 * (size_t)f->info.glyph_count : 0;
    size_t len = FACTS_HEAD + name_len + cid_bytes;
    unsigned char *e = xmalloc(len);
    memcpy(e, "PBF1", 4);
    e[4] = f->info.cid_keyed;
    e[5] = f->info.cid_keyed && !f->cids;
    be16_put(e + 6, (uint16_t)name_len);
    be32_put(e + 8, f->info.glyph_count);
    memcpy(e + FACTS_HEAD, f->info.ps_name, name_len);
    unsigned char *p = e + FACTS_HEAD + name_len;
    for (unsigned g = 0; f->cids && g < f->info.glyph_count; g++)
        be16_put(p + 2 * g, f->cids[g]);
    cache_put(dir, name, e, len);
    free(e);
}

/* The facts from FreeType itself.  With a cache, every glyph's CID is
 * read now and kept, and FreeType let go: its call answers one glyph at a
 * time, some 25 M instructions for the 65 535 of a Noto CJK face, paid
 * once a face file.  Without one, the face stays open in FreeType, which
 * is asked for each glyph the PDF shows. */
static bool facts_from_freetype(fontset *fs, font_face *f, const char *dir, const char *name,
                                src_loc why, diag *d)
{
    if (!fs->ft && FT_Init_FreeType(&fs->ft) != 0) {
        fs->ft = NULL;
        return diag_env_error(d, why, "cannot initialise FreeType");
    }
    unsigned len;
    const char *data = hb_blob_get_data(f->blob, &len);
    FT_Face ft_face;
    if (FT_New_Memory_Face(fs->ft, (const FT_Byte *)data, (FT_Long)len, f->info.index, &ft_face) != 0)
        return missing(f, why, d, "cannot be opened by FreeType");
    FT_Bool is_cid = 0;
    if (f->info.is_cff && FT_Get_CID_Is_Internally_CID_Keyed(ft_face, &is_cid) == 0)
        f->info.cid_keyed = is_cid;
    bool kept = dir != NULL;
    if (f->info.cid_keyed && kept) {
        uint16_t *cids = ARENA_NEW_ARRAY(fs->arena, uint16_t, f->info.glyph_count);
        bool identity = true;
        for (unsigned g = 0; g < f->info.glyph_count; g++) {
            FT_UInt cid;
            cids[g] = FT_Get_CID_From_Glyph_Index(ft_face, g, &cid) == 0 && cid <= 0xffff
                          ? (uint16_t)cid
                          : (uint16_t)g;
            identity = identity && cids[g] == g;
        }
        f->cids = identity ? NULL : cids;
    }
    const char *ps = FT_Get_Postscript_Name(ft_face);
    f->info.ps_name = arena_strdup(fs->arena, ps && *ps ? ps : f->info.id);
    if (!kept) {
        f->ft_face = ft_face;
        return true;
    }
    FT_Done_Face(ft_face);
    facts_to_cache(f, dir, name);
    return true;
}

bool fontset_open(fontset *fs, int index, src_loc why, diag *d)
{
    font_face *f = &fs->faces[index];
    if (f->open)
        return true;
    if (f->failed)
        return false;
    /* A file the manifest names is opened without fontconfig, whose start
     * (reading its configuration and cache) costs more than setting a page;
     * where no file is there, the face is looked for as if none were named. */
    bool named = f->given_path && access(f->given_path, F_OK) == 0;
    if (named) {
        f->info.path = f->given_path;
    } else {
        locate_result r = locate(fs, f);
        if (r == FACE_NO_STYLE) {
            f->failed = true;
            char *styles = styles_of(f->info.family);
            diag_error(d, why.file ? why : f->loc,
                       "font \"%s\": %s is installed but has no style \"%s\"; its "
                       "styles are: %s",
                       f->info.id, f->info.family, f->info.style, styles);
            free(styles);
            return false;
        }
        if (r == FACE_NO_FAMILY)
            return missing(f, why, d, "is not installed");
    }
    const char *problem = NULL;
    f->blob = font_blob(f->info.path, f->given_path != NULL, &problem);
    if (!f->blob)
        return missing(f, why, d, problem);
    unsigned faces_in_file = hb_face_count(f->blob);
    if ((unsigned)f->info.index >= (faces_in_file ? faces_in_file : 1))
        return missing(f, why, d, "has no face at that index");
    f->hb_face = hb_face_create(f->blob, (unsigned)f->info.index);
    f->info.upem = (int)hb_face_get_upem(f->hb_face);
    f->info.glyph_count = hb_face_get_glyph_count(f->hb_face);
    if (f->info.glyph_count == 0)
        return missing(f, why, d, "is not a usable OpenType font");
    f->hb_font = hb_font_create(f->hb_face);
    hb_font_set_scale(f->hb_font, f->info.upem, f->info.upem);

    hb_blob_t *cff = hb_face_reference_table(f->hb_face, HB_TAG('C', 'F', 'F', ' '));
    f->info.is_cff = hb_blob_get_length(cff) > 0;
    hb_blob_destroy(cff);
    if (!f->info.is_cff) {
        hb_blob_t *glyf = hb_face_reference_table(f->hb_face, HB_TAG('g', 'l', 'y', 'f'));
        bool has_glyf = hb_blob_get_length(glyf) > 0;
        hb_blob_destroy(glyf);
        if (!has_glyf)
            return missing(f, why, d, "has neither CFF nor TrueType outlines");
    }

    char name[80];
    char *dir = facts_place(f, name);
    bool facts = facts_from_cache(fs, f, dir, name) || facts_from_freetype(fs, f, dir, name, why, d);
    free(dir);
    if (!facts)
        return false;

    hb_position_t v;
    f->info.ascender = hb_ot_metrics_get_position(f->hb_font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER,
                                                  &v)
                           ? v
                           : f->info.upem * 88 / 100;
    f->info.descender =
        hb_ot_metrics_get_position(f->hb_font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)
            ? v
            : -f->info.upem * 12 / 100;
    hb_position_t ideo;
    hb_ot_layout_get_baseline_with_fallback(f->hb_font,
                                            HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_BOTTOM_OR_LEFT,
                                            HB_DIRECTION_LTR, HB_SCRIPT_HAN, HB_TAG_NONE, &ideo);
    f->info.ideo_bottom = ideo;

    f->open = true;
    return true;
}

bool fontset_is_open(const fontset *fs, int face) { return fs->faces[face].open; }

const face_info *fontset_info(const fontset *fs, int face) { return &fs->faces[face].info; }

hb_font_t *fontset_hb_font(const fontset *fs, int face) { return fs->faces[face].hb_font; }

hb_face_t *fontset_hb_face(const fontset *fs, int face) { return fs->faces[face].hb_face; }

const int *fontset_fallbacks(const fontset *fs, int *count)
{
    *count = fs->fallback_count;
    return fs->fallbacks;
}

unsigned fontset_glyph(const fontset *fs, int face, uint32_t cp)
{
    hb_codepoint_t g = 0;
    if (!hb_font_get_nominal_glyph(fs->faces[face].hb_font, cp, &g))
        return 0;
    return g;
}

int fontset_advance(const fontset *fs, int face, unsigned glyph)
{
    return hb_font_get_glyph_h_advance(fs->faces[face].hb_font, glyph);
}

void fontset_extents(const fontset *fs, int face, unsigned glyph, int *x_min, int *x_max,
                     int *y_min, int *y_max)
{
    hb_glyph_extents_t e;
    if (!hb_font_get_glyph_extents(fs->faces[face].hb_font, glyph, &e)) {
        *x_min = *x_max = *y_min = *y_max = 0;
        return;
    }
    *x_min = e.x_bearing;
    *x_max = e.x_bearing + e.width;
    *y_max = e.y_bearing;
    *y_min = e.y_bearing + e.height;
}

unsigned fontset_cid(const fontset *fs, int face, unsigned glyph)
{
    const font_face *f = &fs->faces[face];
    FT_UInt cid;
    if (f->ft_face && f->info.cid_keyed)
        return FT_Get_CID_From_Glyph_Index(f->ft_face, glyph, &cid) == 0 ? cid : glyph;
    return f->cids && glyph < f->info.glyph_count ? f->cids[glyph] : glyph;
}

void fontset_open_ahead(fontset *fs, const int *faces, int count)
{
    diag *quiet = diag_new();
    for (int i = 0; i < count; i++) {
        font_face *f = &fs->faces[faces[i]];
        if (f->open || f->failed)
            continue;
        face_info untried = f->info;
        if (fontset_open(fs, faces[i], (src_loc){0}, quiet))
            continue;
        /* Back to untried: what the attempt made goes, the manifest's
         * facts return. */
        hb_font_destroy(f->hb_font);
        hb_face_destroy(f->hb_face);
        hb_blob_destroy(f->blob);
        f->hb_font = NULL;
        f->hb_face = NULL;
        f->blob = NULL;
        f->cids = NULL;
        f->info = untried;
        f->failed = false;
    }
    diag_free(quiet);
}
