/* build.c — load and compose one edition. */
#include "page/build.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

double build_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

bool build_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* `path` relative to the working directory when it lies inside it, so
 * that file names in messages and dumps do not depend on the checkout. */
static char *relative_to_cwd(const char *path)
{
    char cwd[PATH_MAX];
    size_t n;
    if (getcwd(cwd, sizeof cwd) && (n = strlen(cwd)) > 0 && strncmp(path, cwd, n) == 0 &&
        path[n] == '/')
        return xstrdup(path + n + 1);
    return xstrdup(path);
}

/* The nearest folder at or above `start` that holds `child`. */
char *build_find_upward(const char *start, const char *child)
{
    char dir[PATH_MAX];
    if (!realpath(start, dir))
        return NULL;
    for (;;) {
        char *candidate = xasprintf("%s/%s", dir, child);
        struct stat st;
        if (stat(candidate, &st) == 0) {
            char *rel = relative_to_cwd(candidate);
            free(candidate);
            return rel;
        }
        free(candidate);
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            return NULL;
        *slash = 0;
    }
}

/* fonts/fonts.yaml beside the layout folder. */
char *build_fonts_beside(const char *layout_dir)
{
    char real[PATH_MAX];
    if (!realpath(layout_dir, real))
        return xasprintf("%s/../fonts/fonts.yaml", layout_dir);
    char *slash = strrchr(real, '/');
    if (slash && slash != real)
        *slash = 0;
    char *abs = xasprintf("%s/fonts/fonts.yaml", real);
    char *rel = relative_to_cwd(abs);
    free(abs);
    return rel;
}

int build_failure_status(const diag *d)
{
    return diag_env_error_count(d) ? EXIT_ENV : EXIT_INPUT;
}

void build_free(build *b)
{
    edition_out_free(&b->eo);
    if (!b->ts_lent)
        typesetter_free(b->ts);
    edition_free(b->ed);
    if (!b->lent) {
        layout_free(b->lay);
        fontset_free(b->fonts);
    }
    free(b->layout_dir);
    free(b->fonts_file);
    memset(b, 0, sizeof *b);
}

typedef struct sink_call {
    const build_sink *sink;
    build *b;
    int *last_page;     /* of each article: the last page that sets it, or -1 */
} sink_call;

static int *last_pages(const edition *e)
{
    int *last = xmalloc(sizeof(int) * (size_t)(e->article_count + 1));
    for (int a = 0; a < e->article_count; a++)
        last[a] = -1;
    for (int p = 0; p < e->page_count; p++)
        for (int k = 0; k < e->pages[p].placement_count; k++)
            for (int a = 0; a < e->article_count; a++)
                if (e->articles[a] == e->pages[p].placements[k].article) {
                    last[a] = p;
                    break;
                }
    return last;
}

/* A page handed to the sink, and then what no later page sets let go:
 * a long edition's memory then holds the articles of the pages to come,
 * not of every page. */
static bool page_done(void *ctx, edition_out *out, int page)
{
    (void)out;
    sink_call *sc = ctx;
    bool ok = sc->sink->page(sc->sink->ctx, sc->b, page);
    for (int a = 0; a < sc->b->ed->article_count; a++)
        if (sc->last_page[a] == page)
            article_release(sc->b->ed, sc->b->ed->articles[a]);
    return ok;
}

/* Load the edition into b, whose fonts and layout are set, and compose it. */
/* edition.yaml as the plan says, every other file as `inner` has it. */
typedef struct plan_source {
    file_source src;
    const file_source *inner;
    const char *edition_file;
    const char *yaml;
} plan_source;

static bool plan_read(const file_source *src, const char *path, size_t limit, char **data,
                      size_t *len, char *real)
{
    const plan_source *ps = src->user;
    if (strcmp(path, ps->edition_file) != 0)
        return files_read_real(ps->inner, path, limit, data, len, real);
    /* The plan stands where edition.yaml is: that file's name is its own. */
    if (real && !files_resolve(ps->inner, path, real))
        return false;
    *len = strlen(ps->yaml);
    *data = xstrdup(ps->yaml);
    return true;
}

static bool plan_resolve(const file_source *src, const char *path, char *out)
{
    const plan_source *ps = src->user;
    return files_resolve(ps->inner, path, out);
}

static bool has_stories(const edition *e)
{
    for (int p = 0; p < e->page_count; p++)
        if (e->pages[p].story_count > 0)
            return true;
    return false;
}

/* What is said of a planned placement is said where edition.yaml gives
 * its story (the plan's own lines are in no file). */
static void point_at_stories(edition *planned, const edition *e)
{
    for (int p = 0; p < planned->page_count && p < e->page_count; p++)
        for (int k = 0; k < planned->pages[p].placement_count; k++) {
            placement *pl = &planned->pages[p].placements[k];
            for (int q = 0; q < e->page_count; q++)
                for (int i = 0; i < e->pages[q].story_count; i++) {
                    const story *st = &e->pages[q].stories[i];
                    if (strcmp(st->article->file, pl->article->file) != 0)
                        continue;
                    pl->loc = (src_loc){planned->file, st->loc.line, st->loc.col};
                    pl->area.loc = pl->loc;
                }
        }
}

/* An edition with pages given as stories is planned (page/plan.h), then
 * loaded again as the plan places it. */
static edition *load_planned(const char *dir, content_options copt, build *b, diag *d)
{
    edition *e = edition_load(dir, b->lay, copt, d);
    if (!e || !has_stories(e))
        return e;
    /* The planner's typesetter keeps the locations of the edition it read:
     * the planned edition is set by a typesetter of its own. */
    typesetter *ts = typesetter_new(b->fonts, b->lay, d);
    char *yaml = plan_edition(e, b->lay, ts, NULL, d);
    typesetter_free(ts);
    edition *planned = NULL;
    if (yaml) {
        plan_source ps = {.src = {.read = plan_read, .resolve = plan_resolve},
                          .inner = copt.files, .edition_file = e->file, .yaml = yaml};
        ps.src.user = &ps;
        content_options again = copt;
        again.files = &ps.src;
        planned = edition_load(dir, b->lay, again, d);
        if (planned) {
            planned->files = copt.files; /* the plan's source dies here */
            point_at_stories(planned, e);
        }
    }
    free(yaml);
    edition_free(e);
    return planned;
}

static int load_and_compose(const char *dir, content_options copt, const build_sink *sink,
                            build *b, diag *d)
{
    b->ed = load_planned(dir, copt, b, d);
    if (!b->ed)
        return build_failure_status(d);
    b->t_loaded = build_now();
    if (b->ts)
        typesetter_set_diag(b->ts, d);
    else
        b->ts = typesetter_new(b->fonts, b->lay, d);
    sink_call sc = {sink, b, sink ? last_pages(b->ed) : NULL};
    bool composed = compose_edition_each(b->ed, b->lay, b->ts, &b->eo, sink ? page_done : NULL,
                                         &sc, d);
    free(sc.last_page);
    b->t_composed = build_now();
    if (!composed)
        return build_failure_status(d);
    return EXIT_OK;
}

static bool edition_dir_exists(const char *dir, diag *d)
{
    if (build_is_dir(dir))
        return true;
    if (access(dir, F_OK) != 0)
        return diag_error(d, (src_loc){dir, 0, 0},
                          "no such edition folder; give the folder that holds edition.yaml");
    return diag_error(d, (src_loc){dir, 0, 0},
                      "a file, not the edition's folder; give the folder that holds "
                      "edition.yaml");
}

char *build_share_dir(void)
{
    const char *env = getenv("PAIBAN_SHARE");
    char *dir = NULL;
    if (env && *env) {
        dir = xstrdup(env);
    } else {
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n <= 0)
            return NULL;
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = 0;
        dir = xasprintf("%s/../share/paiban", exe);
    }
    char *layout_dir = xasprintf("%s/layout", dir);
    bool found = build_is_dir(layout_dir);
    free(layout_dir);
    if (!found) {
        free(dir);
        return NULL;
    }
    return dir;
}

void build_locate(const char *start, const char *layout_dir, const char *fonts_file,
                  char **layout_out, char **fonts_out)
{
    if (layout_dir) {
        *layout_out = xstrdup(layout_dir);
        size_t n = strlen(*layout_out);
        while (n > 1 && (*layout_out)[n - 1] == '/')
            (*layout_out)[--n] = 0;
    } else if (!(*layout_out = build_find_upward(start, "layout"))) {
        char *share = build_share_dir();
        if (share)
            *layout_out = xasprintf("%s/layout", share);
        free(share);
    }
    *fonts_out = fonts_file   ? xstrdup(fonts_file)
                 : *layout_out ? build_fonts_beside(*layout_out)
                               : NULL;
}

/* The edition folder checked, the layout and fonts it uses found and
 * loaded into b (cleared first); an exit status. */
static int load_layout(const char *dir, const char *layout_dir, const char *fonts_file, build *b,
                       diag *d)
{
    memset(b, 0, sizeof *b);
    b->t_start = build_now();
    if (!edition_dir_exists(dir, d))
        return EXIT_INPUT;
    build_locate(dir, layout_dir, fonts_file, &b->layout_dir, &b->fonts_file);
    if (!b->layout_dir) {
        diag_error(d, (src_loc){dir, 0, 0}, "%s", BUILD_NO_LAYOUT);
        return EXIT_INPUT;
    }
    b->fonts = fontset_load(b->fonts_file, d);
    if (b->fonts)
        b->lay = layout_load(b->layout_dir, b->fonts, d);
    return b->lay ? EXIT_OK : build_failure_status(d);
}

int build_edition(const char *dir, const char *layout_dir, const char *fonts_file,
                  content_options copt, const build_sink *sink, build *b, diag *d)
{
    int status = load_layout(dir, layout_dir, fonts_file, b, d);
    return status == EXIT_OK ? load_and_compose(dir, copt, sink, b, d) : status;
}

int build_plan(const char *dir, const char *layout_dir, const char *fonts_file,
               content_options copt, const plan_options *po, char **yaml, diag *d)
{
    build b;
    *yaml = NULL;
    int status = load_layout(dir, layout_dir, fonts_file, &b, d);
    if (status == EXIT_OK && !(b.ed = edition_load(dir, b.lay, copt, d)))
        status = build_failure_status(d);
    if (status == EXIT_OK) {
        b.ts = typesetter_new(b.fonts, b.lay, d);
        *yaml = plan_edition(b.ed, b.lay, b.ts, po, d);
        status = *yaml ? EXIT_OK : build_failure_status(d);
    }
    build_free(&b);
    return status;
}

int build_edition_with(const char *dir, fontset *fonts, layout *lay, typesetter *ts,
                       content_options copt, const build_sink *sink, build *b, diag *d)
{
    memset(b, 0, sizeof *b);
    b->t_start = build_now();
    b->fonts = fonts;
    b->lay = lay;
    b->lent = true;
    b->ts = ts;
    b->ts_lent = ts != NULL;
    if (!edition_dir_exists(dir, d))
        return EXIT_INPUT;
    return load_and_compose(dir, copt, sink, b, d);
}

bool build_time(int64_t fallback, int64_t *out, diag *d)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (!env || !*env) {
        *out = fallback;
        return true;
    }
    char *end;
    errno = 0;
    long long v = strtoll(env, &end, 10);
    if (errno || *end || v < 0 || v > 253402300799LL)
        return diag_error(d, (src_loc){0}, "SOURCE_DATE_EPOCH must be a count of seconds since "
                                           "1970 (before the year 10000), not \"%s\"", env);
    *out = v;
    return true;
}
