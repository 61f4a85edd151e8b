/* floor.c — the least work a page's PDF asks of the libraries paiban is
 * built on, in one cold process, for `make bench` to hold paiban against.
 *
 *     build/release/floor RUNS OUT
 *
 * RUNS has a line a run of text: the face's file, its index in the file,
 * a tab each, then the text.  Every face is opened once (HarfBuzz's own
 * font functions, no FreeType), every run shaped, each face subset to the
 * glyphs its runs use as paiban subsets (no hints, no subroutines; a CFF
 * face's bare CFF table), each subset deflated by libdeflate at paiban's
 * level 6, and the bytes written to a temporary file beside OUT, flushed
 * to disk and renamed over OUT.  No layout, no page, no PDF: whatever
 * paiban does beyond this is what it costs over the floor. */
#include <errno.h>
#include <fcntl.h>
#include <hb-subset.h>
#include <hb.h>
#include <libdeflate.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_FACES = 32 };

typedef struct face_entry {
    char *path;
    unsigned index;
    hb_face_t *face;
    hb_font_t *font;
    hb_set_t *glyphs;
    bool cff;             /* CFF outlines: its bare CFF table is what is embedded */
} face_entry;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "floor: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static face_entry *face_of(face_entry *faces, int *n, const char *path, unsigned index)
{
    for (int i = 0; i < *n; i++)
        if (faces[i].index == index && strcmp(faces[i].path, path) == 0)
            return &faces[i];
    if (*n == MAX_FACES)
        die("too many faces", path);
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        die("cannot read the face", path);
    face_entry *f = &faces[(*n)++];
    f->path = strdup(path);
    f->index = index;
    f->face = hb_face_create(blob, index);
    hb_blob_destroy(blob);
    f->font = hb_font_create(f->face);
    hb_blob_t *cff = hb_face_reference_table(f->face, HB_TAG('C', 'F', 'F', ' '));
    f->cff = hb_blob_get_length(cff) > 0;
    hb_blob_destroy(cff);
    f->glyphs = hb_set_create();
    if (!f->path || !hb_set_allocation_successful(f->glyphs))
        die("out of memory", NULL);
    hb_set_add(f->glyphs, 0);
    return f;
}

static void shape_into(face_entry *f, hb_buffer_t *buf, const char *text)
{
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(f->font, buf, NULL, 0);
    unsigned count;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    for (unsigned i = 0; i < count; i++)
        hb_set_add(f->glyphs, info[i].codepoint);
}

/* Of a CFF face only the CFF table is embedded, so the subsetter is
 * shown it alone (with maxp and head), as paiban does: the cheapest way
 * these libraries know. */
static hb_blob_t *cff_tables(hb_face_t *face, hb_tag_t tag, void *whole)
{
    (void)face;
    if (tag != HB_TAG('C', 'F', 'F', ' ') && tag != HB_TAG('m', 'a', 'x', 'p') &&
        tag != HB_TAG('h', 'e', 'a', 'd'))
        return NULL;
    return hb_face_reference_table(whole, tag);
}

/* The face subset as paiban embeds it, deflated, appended to out. */
static void subset_into(const face_entry *f, struct libdeflate_compressor *z, FILE *out)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        die("out of memory", NULL);
    hb_set_union(hb_subset_input_glyph_set(in), f->glyphs);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE | HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *from = hb_face_reference(f->face);
    if (f->cff) {
        hb_face_destroy(from);
        from = hb_face_create_for_tables(cff_tables, f->face, NULL);
        hb_face_set_upem(from, hb_face_get_upem(f->face));
        hb_face_set_glyph_count(from, hb_face_get_glyph_count(f->face));
    }
    hb_face_t *sub = hb_subset_or_fail(from, in);
    hb_face_destroy(from);
    hb_subset_input_destroy(in);
    if (!sub)
        die("cannot subset", f->path);
    hb_blob_t *blob = f->cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
                             : hb_face_reference_blob(sub);
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    size_t bound = libdeflate_zlib_compress_bound(z, len);
    char *packed = malloc(bound);
    if (!packed)
        die("out of memory", NULL);
    size_t n = libdeflate_zlib_compress(z, data, len, packed, bound);
    if (n == 0 || fwrite(packed, 1, n, out) != n)
        die("cannot write", strerror(errno));
    free(packed);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        die("usage: floor RUNS OUT", NULL);
    FILE *runs = fopen(argv[1], "r");
    if (!runs)
        die("cannot read", argv[1]);
    face_entry faces[MAX_FACES];
    int nfaces = 0;
    hb_buffer_t *buf = hb_buffer_create();
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, runs)) > 0) {
        if (line[got - 1] == '\n')
            line[got - 1] = '\0';
        char *index = strchr(line, '\t');
        char *text = index ? strchr(index + 1, '\t') : NULL;
        if (!text)
            die("a run needs the face's file, its index and the text, a tab apart", line);
        *index++ = '\0';
        *text++ = '\0';
        shape_into(face_of(faces, &nfaces, line, (unsigned)strtoul(index, NULL, 10)), buf, text);
    }
    free(line);
    fclose(runs);
    hb_buffer_destroy(buf);

    size_t tmp_len = strlen(argv[2]) + 8;
    char *tmp = malloc(tmp_len);
    if (!tmp)
        die("out of memory", NULL);
    snprintf(tmp, tmp_len, "%s.floor", argv[2]);
    FILE *out = fopen(tmp, "wb");
    if (!out)
        die("cannot write", tmp);
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(6);
    if (!z)
        die("out of memory", NULL);
    for (int i = 0; i < nfaces; i++)
        subset_into(&faces[i], z, out);
    libdeflate_free_compressor(z);
    if (fflush(out) != 0 || fsync(fileno(out)) != 0 || fclose(out) != 0 || rename(tmp, argv[2]) != 0)
        die("cannot write", argv[2]);
    free(tmp);
    for (int i = 0; i < nfaces; i++) {
        hb_set_destroy(faces[i].glyphs);
        hb_font_destroy(faces[i].font);
        hb_face_destroy(faces[i].face);
        free(faces[i].path);
    }
    return 0;
}
