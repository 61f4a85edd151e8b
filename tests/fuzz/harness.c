/* harness.c — the fuzz targets' work (see fuzz.h). */
#include "fuzz.h"

#include "base/diag.h"
#include "desk/dump.h"
#include "input/content.h"
#include "input/fontset.h"
#include "input/layout.h"
#include "memfiles.h"
#include "page/compose.h"
#include "page/slug.h"
#include "pdf/pdf.h"
#include "text/typeset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PAIBAN_ROOT
#error "build with -DPAIBAN_ROOT=\"the repository\""
#endif

#define EDITION_DIR "ed"

/* The edition an input without file headers is the article of. */
static const char default_edition[] = "paper: 测试日报\n"
                                      "date: 2018-12-28\n"
                                      "template: broadsheet\n"
                                      "pages:\n"
                                      "  - page: A1\n"
                                      "    articles:\n"
                                      "      - article: a.yaml\n"
                                      "        columns: 1-4\n"
                                      "        top: 1\n"
                                      "        lines: 40\n";

#define LAYOUT_DIR "layout"
#define LAYOUT_PREFIX "@layout/"
enum { MAX_TEMPLATES = 16 };

typedef struct state {
    diag *setup_diag;
    fontset *fonts;
    layout *lay; /* the shipped layout, loaded once */
    memfiles files;
    FILE *sink; /* /dev/null: text and messages are made, then dropped */
    /* The shipped layout's files, under which an input's own go. */
    char *shipped[MAX_TEMPLATES + 1];
    size_t shipped_len[MAX_TEMPLATES + 1];
    const char *shipped_name[MAX_TEMPLATES + 1]; /* "styles", then the templates */
    int shipped_count;
    /* This input's templates, and whether it has layout files at all. */
    char *templates[2 * MAX_TEMPLATES];
    int template_count;
    bool own_layout;
    bool own_styles; /* among them, maybe, a styles.yaml */
} state;

static state st;

static void stop(const char *why)
{
    fprintf(stderr, "fuzz: %s\n", why);
    abort();
}

static void forget_templates(void)
{
    for (int i = 0; i < st.template_count; i++)
        free(st.templates[i]);
    st.template_count = 0;
    st.own_layout = false;
    st.own_styles = false;
}

static void teardown(void)
{
    forget_templates();
    for (int i = 0; i < st.shipped_count; i++)
        free(st.shipped[i]);
    memfiles_free(&st.files);
    layout_free(st.lay);
    fontset_free(st.fonts);
    diag_free(st.setup_diag);
    if (st.sink)
        fclose(st.sink);
}

/* Fonts and layout, once; every face opened now, so that no input pays
 * for it (and no allocation of the first input outlives it). */
static void setup(void)
{
    if (st.lay)
        return;
    /* No photo cache: each input's photos are decoded, and nothing is
     * written to the disk. */
    setenv("PAIBAN_CACHE", "off", 1);
    st.setup_diag = diag_new();
    st.fonts = fontset_load(PAIBAN_ROOT "/fonts/fonts.yaml", st.setup_diag);
    if (st.fonts)
        st.lay = layout_load(PAIBAN_ROOT "/layout", st.fonts, st.setup_diag);
    for (int f = 0; st.lay && f < fontset_count(st.fonts); f++)
        fontset_open(st.fonts, f, (src_loc){0}, st.setup_diag);
    if (!st.lay || diag_error_count(st.setup_diag) + diag_env_error_count(st.setup_diag)) {
        diag_print(st.setup_diag, stderr, (diag_style){.warnings = true, .all = true});
        stop("cannot load fonts/fonts.yaml and layout/");
    }
    /* FUZZ_VERBOSE=1 shows the messages and the text, to look into an input. */
    const char *verbose = getenv("FUZZ_VERBOSE");
    st.sink = fopen(verbose && *verbose == '1' ? "/dev/stderr" : "/dev/null", "w");
    if (!st.sink)
        stop("cannot open /dev/null");
    memfiles_init(&st.files);
    static const char *const shipped[] = {"styles", "broadsheet", "tabloid"};
    for (size_t i = 0; i < countof(shipped); i++) {
        char *path = xasprintf(PAIBAN_ROOT "/layout/%s.yaml", shipped[i]);
        if (!files_read(NULL, path, 1 << 20, &st.shipped[i], &st.shipped_len[i]))
            stop("cannot read the shipped layout");
        st.shipped_name[i] = shipped[i];
        st.shipped_count++;
        free(path);
    }
    atexit(teardown);
}

/* A layout file of the input: NAME of "@layout/NAME.yaml" among the
 * templates unless it is the styles (or named twice). */
static void add_layout_file(const char *name, size_t len, const char *data, size_t size)
{
    char *path = xasprintf(LAYOUT_DIR "/%.*s", (int)len, name);
    memfiles_add(&st.files, path, strlen(path), data, size);
    free(path);
    st.own_layout = true;
    /* Any name that might reach styles.yaml, however spelt, has it read
     * again; the others are laid against the shipped styles. */
    static const char styles_file[] = "styles.yaml";
    for (size_t i = 0; i + sizeof styles_file - 1 <= len && !st.own_styles; i++)
        st.own_styles = memcmp(name + i, styles_file, sizeof styles_file - 1) == 0;
    if (len <= 5 || memcmp(name + len - 5, ".yaml", 5) != 0 || memchr(name, '/', len))
        return;
    char *stem = xstrndup(name, len - 5);
    bool known = strcmp(stem, "styles") == 0;
    for (int i = 0; i < st.template_count && !known; i++)
        known = strcmp(st.templates[i], stem) == 0;
    if (known || st.template_count == 2 * MAX_TEMPLATES)
        free(stem);
    else
        st.templates[st.template_count++] = stem;
}

/* The shipped layout's files, first: an input's own hide them. */
static void add_shipped_layout(void)
{
    for (int i = 0; i < st.shipped_count; i++) {
        char *path = xasprintf(LAYOUT_DIR "/%s.yaml", st.shipped_name[i]);
        memfiles_add(&st.files, path, strlen(path), st.shipped[i], st.shipped_len[i]);
        free(path);
        if (i > 0)
            st.templates[st.template_count++] = xstrdup(st.shipped_name[i]);
    }
}

/* The next header line at or after `p` (which starts a line), or `end`. */
static const char *next_header(const char *p, const char *end)
{
    while (p < end) {
        if ((size_t)(end - p) >= 4 && memcmp(p, "==> ", 4) == 0)
            return p;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        p = nl + 1;
    }
    return end;
}

/* The files of the bundle, into the in-memory folder.  A file runs from
 * its header line to the newline before the next header, which belongs
 * to the bundle (so a file need not end with a newline: a photo). */
static void unpack(const uint8_t *data, size_t size)
{
    static const char end_mark[] = " <==";
    const char *p = (const char *)data, *end = p + size;
    memfiles_reset(&st.files);
    forget_templates();
    add_shipped_layout();
    if (size < 4 || memcmp(p, "==> ", 4) != 0) {
        memfiles_add(&st.files, EDITION_DIR "/edition.yaml", strlen(EDITION_DIR "/edition.yaml"),
                     default_edition, sizeof default_edition - 1);
        memfiles_add(&st.files, EDITION_DIR "/a.yaml", strlen(EDITION_DIR "/a.yaml"), p, size);
        return;
    }
    while (p < end) {
        const char *name = p + 4;
        const char *eol = memchr(name, '\n', (size_t)(end - name));
        if (!eol)
            return;
        const char *name_end = eol;
        size_t tail = sizeof end_mark - 1;
        if ((size_t)(eol - name) >= tail && memcmp(eol - tail, end_mark, tail) == 0)
            name_end = eol - tail;
        const char *body = eol + 1;
        const char *next = next_header(body, end);
        const char *body_end = next < end && next > body ? next - 1 : next;
        /* The name is relative to the edition folder, as content names
         * files; an absolute name stays absolute. */
        size_t name_len = (size_t)(name_end - name);
        size_t pre = sizeof LAYOUT_PREFIX - 1;
        if (name_len > pre && memcmp(name, LAYOUT_PREFIX, pre) == 0) {
            add_layout_file(name + pre, name_len - pre, body, (size_t)(body_end - body));
            p = next;
            continue;
        }
        char *full = xmalloc(sizeof EDITION_DIR + name_len + 1);
        size_t n = 0;
        if (name_len == 0 || name[0] != '/') {
            memcpy(full, EDITION_DIR "/", sizeof EDITION_DIR);
            n = sizeof EDITION_DIR;
        }
        memcpy(full + n, name, name_len);
        memfiles_add(&st.files, full, n + name_len, body, (size_t)(body_end - body));
        free(full);
        p = next;
    }
}

/* Every failure explains itself, and names the file it concerns.  Checks
 * (and prints) the messages from `*from` on, and moves *from past them. */
static void check_messages(diag *d, bool failed, int *from)
{
    int count;
    const diag_msg *m = diag_messages(d, &count);
    if (failed && diag_error_count(d) + diag_env_error_count(d) == 0)
        stop("a stage failed without an error");
    for (int i = *from; i < count; i++)
        if (m[i].severity == DIAG_ERROR && !m[i].loc.file)
            stop("an input error names no file");
    diag_print(d, st.sink, (diag_style){.warnings = true, .all = true});
    *from = count;
}

/* The module an article sits in on a page, or NULL. */
static const module_box *module_of(const page_out *po, int article_index)
{
    for (int k = 0; k < po->modules.n; k++)
        if (po->modules.v[k].article == article_index)
            return &po->modules.v[k];
    return NULL;
}

/* When composition succeeds, what it placed stays where it belongs: no
 * line of text is wider than its measure unless it is flagged overfull,
 * and then a warning says so; an article's lines and photos stay inside
 * its module, and every line inside its page. */
static void check_lines(const edition_out *eo, const diag *d)
{
    int count;
    const diag_msg *m = diag_messages(d, &count);
    bool overfull_reported = false;
    for (int i = 0; i < count; i++)
        overfull_reported |= m[i].severity == DIAG_WARNING && strcmp(m[i].kind, "overfull-line") == 0;
    const scaled slack = SCALED_ONE; /* a point, for rounding and ink */
    for (int p = 0; p < eo->page_count; p++) {
        const page_out *po = &eo->pages[p];
        for (int i = 0; i < po->list.lines.n; i++) {
            const text_line *tl = &po->list.lines.v[i];
            /* A hundredth of a point for rounding in justification. */
            if (tl->used > tl->width + SCALED_ONE / 100) {
                if (!(tl->flags & LINE_OVERFULL))
                    stop("a line overflows its column silently");
                if (!overfull_reported)
                    stop("an overfull line was not reported");
            }
            const module_box *mb = tl->article >= 0 ? module_of(po, tl->article) : NULL;
            if (mb && (tl->y < mb->y - slack || tl->y > mb->y + mb->h + slack))
                stop("a line of an article lies outside its module");
            if (tl->y < 0 || tl->y > po->height || tl->x < 0 || tl->x + tl->width > po->width)
                stop("a line lies outside its page");
        }
        for (int i = 0; i < po->list.ops.n; i++) {
            const draw_op *op = &po->list.ops.v[i];
            const module_box *mb = op->article >= 0 ? module_of(po, op->article) : NULL;
            if (op->kind == DRAW_IMAGE && mb &&
                (op->y < mb->y - slack || op->y + op->h > mb->y + mb->h + slack ||
                 op->x < mb->x - slack || op->x + op->w > mb->x + mb->w + slack))
                stop("a photo lies outside its module");
        }
    }
}

/* The layout of this input: the shipped one, or that overlaid by the
 * input's own files (*own, to free); NULL when it fails to load.  The
 * shipped styles are parsed once: most inputs with layout files bring
 * templates only, and reading styles.yaml again for each was over a
 * third of the loader's time. */
static layout *layout_of_input(diag *d, layout **own)
{
    *own = NULL;
    if (!st.own_layout)
        return st.lay;
    const char *const *names = (const char *const *)st.templates;
    if (st.own_styles)
        *own = layout_load_files(&st.files.source, LAYOUT_DIR, names, st.template_count, st.fonts, d);
    else
        *own = layout_load_templates(st.lay, &st.files.source, LAYOUT_DIR, names, st.template_count,
                                     st.fonts, d);
    return *own;
}

static edition *load(const uint8_t *data, size_t size, diag *d, int *checked, layout **lay,
                     layout **own)
{
    setup();
    unpack(data, size);
    *lay = layout_of_input(d, own);
    if (!*lay) {
        check_messages(d, true, checked);
        return NULL;
    }
    content_options opt = {.files = &st.files.source};
    edition *e = edition_load(EDITION_DIR, *lay, opt, d);
    check_messages(d, e == NULL, checked);
    return e;
}

int fuzz_load(const uint8_t *data, size_t size)
{
    diag *d = diag_new();
    int checked = 0;
    layout *lay, *own;
    edition *e = load(data, size, d, &checked, &lay, &own);
    for (int a = 0; e && a < e->article_count; a++)
        fprintf(st.sink, "%s %s\n", e->articles[a]->id,
                e->articles[a]->headline.text ? e->articles[a]->headline.text : "");
    edition_free(e);
    layout_free(own);
    diag_free(d);
    return 0;
}

/* Compose the loaded edition and check the lines; with `pdf`, make the
 * PDF too. */
static int run_pipeline(const uint8_t *data, size_t size, bool pdf)
{
    diag *d = diag_new();
    int checked = 0;
    layout *lay, *own;
    edition *e = load(data, size, d, &checked, &lay, &own);
    if (!e) {
        layout_free(own);
        diag_free(d);
        return 0;
    }
    typesetter *ts = typesetter_new(st.fonts, lay, d);
    edition_out eo = {0};
    bool composed = compose_edition(e, lay, ts, &eo, d);
    if (composed) {
        check_lines(&eo, d);
        free(dump_json(&eo, e, lay));
    }
    bool rendered = true;
    if (composed && pdf) {
        /* The PDF goes to a file of this process's own, as paiban writes it. */
        static char path[64];
        if (!path[0])
            snprintf(path, sizeof path, "/tmp/paiban-fuzz-%d.pdf", (int)getpid());
        pdf_stats ps;
        pdf_options po = {.form = PDF_PRINT, .build_time = edition_time(e)};
        slug_compose(&eo, ts, lay, e, po.build_time);
        rendered = pdf_write(&eo, e, lay, typesetter_fonts(ts), &po, path, &ps, d);
        pdf_stats_free(&ps);
        if (rendered) {
            char head[8] = {0};
            FILE *f = fopen(path, "rb");
            size_t got = f ? fread(head, 1, sizeof head, f) : 0;
            if (f)
                fclose(f);
            if (got < 8 || memcmp(head, "%PDF-", 5) != 0)
                stop("the PDF does not start like one");
            unlink(path);
        }
    }
    check_messages(d, !composed || !rendered, &checked);
    edition_out_free(&eo);
    typesetter_free(ts);
    edition_free(e);
    layout_free(own);
    diag_free(d);
    return 0;
}

int fuzz_compose(const uint8_t *data, size_t size) { return run_pipeline(data, size, false); }

int fuzz_build(const uint8_t *data, size_t size) { return run_pipeline(data, size, true); }
