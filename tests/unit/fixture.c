/* fixture.c — real fonts and the unit-test layout, shared by the tests. */
#include "harness.h"
#include "fixture.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static fixture fx;
static bool ready;
/* The golden tests' layout and a typesetter for it, for fixture_compose. */
static layout *golden;
static typesetter *golden_ts;

static void fixture_free(void)
{
    typesetter_free(golden_ts);
    layout_free(golden);
    typesetter_free(fx.ts);
    layout_free(fx.l);
    fontset_free(fx.fonts);
    arena_free(fx.a);
    diag_free(fx.d);
}

fixture *fixture_get(void)
{
    if (ready)
        return &fx;
    fx.d = diag_new();
    fx.fonts = fontset_load("fonts/fonts.yaml", fx.d);
    fx.l = fx.fonts ? layout_load("tests/unit/layout", fx.fonts, fx.d) : NULL;
    if (!fx.l) {
        diag_print(fx.d, stderr, (diag_style){.warnings = true, .all = true});
        fprintf(stderr, "fixture: cannot load fonts/layout (run from the repository root)\n");
        exit(2);
    }
    fx.ts = typesetter_new(fx.fonts, fx.l, fx.d);
    fx.a = arena_new();
    ready = true;
    atexit(fixture_free);
    return &fx;
}

double fixture_em(const char *style_name)
{
    fixture *f = fixture_get();
    int s = layout_style(f->l, style_name);
    return pt_from_scaled(f->l->styles[s].size);
}

static para_result set_spans(double ems, span *spans, int n)
{
    fixture *f = fixture_get();
    scaled em = f->l->styles[spans[0].style].size;
    para_options po = {.width = (scaled)(ems * em), .indent_style = -1, .align = -1};
    para_result r;
    para_typeset(f->ts, spans, n, &po, f->a, &r);
    return r;
}

para_result fixture_set(const char *style_name, const char *text, double ems)
{
    fixture *f = fixture_get();
    span s = {.text = text, .style = layout_style(f->l, style_name)};
    if (s.style < 0) {
        fprintf(stderr, "fixture: no style %s\n", style_name);
        exit(2);
    }
    return set_spans(ems, &s, 1);
}

para_result fixture_set_spans(double ems, ...)
{
    fixture *f = fixture_get();
    span spans[16];
    int n = 0;
    va_list ap;
    va_start(ap, ems);
    const char *name;
    while (n < 16 && (name = va_arg(ap, const char *))) {
        int ix = layout_style(f->l, name);
        spans[n++] = (span){.text = va_arg(ap, const char *), .style = ix};
    }
    va_end(ap);
    return set_spans(ems, spans, n);
}

const char *line_text(const para_result *r, int i)
{
    if (i < 0 || i >= r->line_count)
        return "(no such line)";
    const para_line *pl = &r->lines[i];
    return arena_strndup(fixture_get()->a, r->text + pl->text_start,
                         (size_t)(pl->text_end - pl->text_start));
}

static double em_of(const para_result *r, int i)
{
    const placed_glyph *g = r->glyphs + r->lines[i].glyph_start;
    return pt_from_scaled(g[0].size);
}

double glyph_x(const para_result *r, int i, int k)
{
    const placed_glyph *g = r->glyphs + r->lines[i].glyph_start;
    return pt_from_scaled(g[k].x) / em_of(r, i);
}

double glyph_adv(const para_result *r, int i, int k)
{
    const para_line *pl = &r->lines[i];
    const placed_glyph *g = r->glyphs + pl->glyph_start;
    scaled next = k + 1 < pl->glyph_count ? g[k + 1].x : pl->used;
    return pt_from_scaled(next - g[k].x) / em_of(r, i);
}

int glyph_of(const para_result *r, int i, const char *c, int n)
{
    const para_line *pl = &r->lines[i];
    const placed_glyph *g = r->glyphs + pl->glyph_start;
    size_t len = strlen(c);
    for (int k = 0; k < pl->glyph_count; k++) {
        if (g[k].text_len == (int)len && memcmp(r->text + g[k].text_start, c, len) == 0) {
            if (n-- == 0)
                return k;
        }
    }
    return -1;
}

static void write_text(const char *path, const char *text)
{
    if (strncmp(text, "@copy ", 6) == 0) {
        /* A binary file (a photo): a copy of the repository's. */
        FILE *from = fopen(text + 6, "rb"), *to = fopen(path, "wb");
        char buf[65536];
        size_t n;
        bool ok = from && to;
        while (ok && (n = fread(buf, 1, sizeof buf, from)) > 0)
            ok = fwrite(buf, 1, n, to) == n;
        if (from)
            fclose(from);
        if ((to && fclose(to) != 0) || !ok) {
            fprintf(stderr, "fixture: cannot copy %s to %s\n", text + 6, path);
            exit(2);
        }
        return;
    }
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
        fprintf(stderr, "fixture: cannot write %s\n", path);
        exit(2);
    }
}

/* The golden layout, and a typesetter for it, loaded once. */
static void golden_layout(void)
{
    fixture *f = fixture_get();
    if (golden)
        return;
    golden = layout_load("tests/golden/layout", f->fonts, f->d);
    if (!golden) {
        diag_print(f->d, stderr, (diag_style){.warnings = true, .all = true});
        exit(2);
    }
    golden_ts = typesetter_new(f->fonts, golden, f->d);
}

/* A temporary folder holding the files given (name, text, …, NULL),
 * on the golden layout; remove_files takes them away. */
typedef struct files_made {
    char dir[32];
    const char *names[32];
    int n;
} files_made;

static void make_files(files_made *fm, const char *name, va_list ap)
{
    golden_layout();
    strcpy(fm->dir, "/tmp/paiban-unit-XXXXXX");
    if (!mkdtemp(fm->dir)) {
        fprintf(stderr, "fixture: cannot make a temporary folder\n");
        exit(2);
    }
    fm->n = 0;
    for (const char *file = name; file && fm->n < 32; file = va_arg(ap, const char *)) {
        const char *text = va_arg(ap, const char *);
        char *path = xasprintf("%s/%s", fm->dir, file);
        write_text(path, text);
        free(path);
        fm->names[fm->n++] = file;
    }
}

static void remove_files(const files_made *fm)
{
    for (int i = 0; i < fm->n; i++) {
        char *path = xasprintf("%s/%s", fm->dir, fm->names[i]);
        unlink(path);
        free(path);
    }
    rmdir(fm->dir);
}

/* In a function of variable arguments after `name`: its files made. */
#define MAKE_FILES(fm, name)                                                                       \
    do {                                                                                           \
        va_list ap_;                                                                               \
        va_start(ap_, name);                                                                       \
        make_files(&(fm), name, ap_);                                                              \
        va_end(ap_);                                                                               \
    } while (0)

/* Load and compose the edition in fm, then remove its files. */
static fixture_edition compose_dir(const files_made *fm)
{
    fixture *f = fixture_get();
    fixture_edition fe = {.l = golden};
    fe.ed = edition_load(fm->dir, golden, (content_options){0}, f->d);
    remove_files(fm);
    if (!fe.ed || !compose_edition(fe.ed, golden, golden_ts, &fe.out, f->d)) {
        diag_print(f->d, stderr, (diag_style){.warnings = true, .all = true});
        fprintf(stderr, "fixture: cannot compose the test edition\n");
        exit(2);
    }
    return fe;
}

fixture_edition fixture_compose_files(const char *name, ...)
{
    files_made fm;
    MAKE_FILES(fm, name);
    return compose_dir(&fm);
}

char *fixture_plan_files(const char *name, ...)
{
    fixture *f = fixture_get();
    files_made fm;
    MAKE_FILES(fm, name);
    edition *e = edition_load(fm.dir, golden, (content_options){0}, f->d);
    char *yaml = e ? plan_edition(e, golden, golden_ts, NULL, f->d) : NULL;
    edition_free(e);
    remove_files(&fm);
    return yaml;
}

int fixture_build_files(const build_sink *sink, build *b, const char *name, ...)
{
    fixture *f = fixture_get();
    files_made fm;
    MAKE_FILES(fm, name);
    int status = build_edition_with(fm.dir, f->fonts, golden, golden_ts, (content_options){0},
                                    sink, b, f->d);
    remove_files(&fm);
    return status;
}

fixture_edition fixture_compose(const char *article_yaml, const char *columns)
{
    char *edition_yaml = xasprintf("paper: 测试日报\ndate: 2018-12-28\ntemplate: small\npages:\n"
                                   "  - page: T1\n    name: 测试\n    articles:\n"
                                   "      - article: a.yaml\n        columns: %s\n"
                                   "        top: 1\n        lines: fill\n",
                                   columns);
    fixture_edition fe =
        fixture_compose_files("edition.yaml", edition_yaml, "a.yaml", article_yaml, NULL);
    free(edition_yaml);
    return fe;
}

void fixture_edition_free(fixture_edition *fe)
{
    edition_out_free(&fe->out);
    edition_free(fe->ed);
}

/* The text of the first paragraph of an article set from YAML. */
void check_body_text(const char *article_yaml, const char *expected)
{
    fixture_edition fe = fixture_compose(article_yaml, "1-2");
    const article *a = fe.ed->articles[0];
    const block *body = NULL;
    for (int i = 0; i < a->block_count && !body; i++)
        if (a->blocks[i].kind == BLOCK_PARA)
            body = &a->blocks[i];
    CHECK(body != NULL);
    if (body)
        CHECK_STR(body->spans[0].text, expected);
    fixture_edition_free(&fe);
}

const char *lines_joined(const para_result *r)
{
    static char buf[2048];
    buf[0] = 0;
    for (int i = 0; i < r->line_count; i++)
        strncat(buf, line_text(r, i), sizeof buf - strlen(buf) - 1);
    return buf;
}
