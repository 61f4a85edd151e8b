/* archive.c — the year's editions typeset in worker processes, then bound. */
#include "archive/archive.h"

#include "archive/bind.h"
#include "archive/frontmatter.h"
#include "archive/record.h"
#include "archive/workers.h"
#include "base/digest.h"
#include "base/strbuf.h"
#include "page/build.h"
#include "pdf/pdf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef enum { ED_PENDING, ED_RUNNING, ED_KEPT, ED_TYPESET, ED_FAILED } ed_state;

/* One edition of the year. */
typedef struct year_edition {
    char *dir;                /* content/2018/12-28 */
    char date[11];            /* 2018-12-28 */
    char key[65];             /* digest of its inputs */
    char id[65];              /* the same, but the faces' times and inodes: its PDF's ID */
    ed_state state;
    int status;               /* exit status of its job (or the kept record's) */
    double started, seconds;
    int pages;
    int warnings;
} year_edition;

typedef struct run {
    const archive_options *o;
    diag *d;
    int year;
    char *layout_dir, *fonts_file;
    fontset *fonts;
    layout *lay;
    VEC(year_edition) eds;
    int jobs;
    bool tty;
    double t0;
    int done, typeset, kept, failed, pages_done;
    double typeset_seconds;   /* wall time of the editions typeset so far, summed */
    int status;
    bool volume_bound, volume_kept;
    int volume_pages;
    long volume_bytes;
    double bind_seconds;      /* binding the editions as they came, and the rest at the end */
    double bind_end_seconds;  /* the end alone: front matter, its binding, the volume finished */
    binder *binder;           /* the volume being bound while editions are typeset, or NULL */
    int bound;                /* the editions bound into it: the first `bound` of eds */
    bool bind_failed;         /* an edition could not be bound (reported) */
    long child_peak_kib;      /* the largest resident set of a process typesetting editions */
} run;

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig) { stop_signal = sig; }

static char *out_path(const run *r, const char *name, const char *ext)
{
    return xasprintf("%s/%s%s", r->o->output, name, ext);
}

/* The volume's own files: <year>.pdf and its key, <year>.tsv. */
static char *volume_path(const run *r, const char *ext)
{
    return xasprintf("%s/%d%s", r->o->output, r->year, ext);
}

/* ---- finding the editions ---- */

static bool valid_day(int year, int month, int day)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap);
}

static int by_date(const void *a, const void *b)
{
    return strcmp(((const year_edition *)a)->date, ((const year_edition *)b)->date);
}

/* The day an edition folder is named for: MM-DD (in a year's folder) or
 * YYYY-MM-DD; false when the name is neither. */
static bool folder_day(const char *name, int *year, int *month, int *day)
{
    char tail;
    size_t n = strlen(name);
    if (n == 5)
        return sscanf(name, "%2d-%2d%c", month, day, &tail) == 2 && name[2] == '-';
    return n == 10 && name[4] == '-' && name[7] == '-' &&
           sscanf(name, "%4d-%2d-%2d%c", year, month, day, &tail) == 3 && *year >= 1800;
}

/* The year's folder: named for the year (content/2018), or any folder
 * whose editions are named YYYY-MM-DD, all of one year. */
static bool folder_year(run *r)
{
    const char *content = r->o->content;
    const char *base = strrchr(content, '/');
    char name[256];
    snprintf(name, sizeof name, "%s", base && base[1] ? base + 1 : content);
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == '/')
        name[--n] = 0;
    char tail;
    if (n == 4 && sscanf(name, "%4d%c", &r->year, &tail) == 1 && r->year >= 1800)
        return true;
    r->year = 0;
    return false;
}

/* One folder of the year: an edition (added to r) or reported. */
static void take_folder(run *r, const char *name, bool named_year)
{
    char *path = xasprintf("%s/%s", r->o->content, name);
    int year = r->year, month, day;
    const char *why = NULL;
    if (!build_is_dir(path))
        why = "";
    else if (!folder_day(name, &year, &month, &day) || (strlen(name) == 5 && !named_year))
        why = named_year ? "not an edition folder: editions are named by their day, MM-DD "
                           "(12-28) or YYYY-MM-DD (2018-12-28); left out"
                         : "not an edition folder: in a folder not named for its year, "
                           "editions are named YYYY-MM-DD (2018-12-28); left out";
    else if (r->year && year != r->year)
        why = "an edition of another year; a volume holds one year (give each year a folder "
              "of its own); left out";
    else if (!valid_day(year, month, day))
        why = "not an edition folder: no such day; left out";
    if (why) {
        if (*why)
            diag_warn(r->d, (src_loc){path, 0, 0}, "not-an-edition", "%s", why);
        free(path);
        return;
    }
    r->year = year;
    year_edition *e = VEC_PUSH(r->eds);
    e->dir = path;
    snprintf(e->date, sizeof e->date, "%04d-%02d-%02d", year, month, day);
}

static void free_editions(run *r)
{
    for (int i = 0; i < r->eds.n; i++)
        free(r->eds.v[i].dir);
    VEC_FREE(r->eds);
}

static bool find_editions(run *r)
{
    const char *content = r->o->content;
    bool named_year = folder_year(r);
    struct dirent **list;
    int n = scandir(content, &list, NULL, alphasort);
    if (n < 0)
        return diag_error(r->d, (src_loc){content, 0, 0}, "cannot read the folder: %s",
                          strerror(errno));
    /* YYYY-MM-DD sorts first: the first of them sets the year of a folder
     * not named for one. */
    for (int i = 0; i < n; i++) {
        if (list[i]->d_name[0] != '.')
            take_folder(r, list[i]->d_name, named_year);
        free(list[i]);
    }
    free(list);
    if (r->eds.n == 0)
        return diag_error(r->d, (src_loc){content, 0, 0},
                          "no editions here: make one folder per edition, named MM-DD in the "
                          "year's folder (content/2018/12-28) or YYYY-MM-DD (2018-12-28), each "
                          "with its edition.yaml");
    qsort(r->eds.v, (size_t)r->eds.n, sizeof *r->eds.v, by_date);
    for (int i = 1; i < r->eds.n; i++)
        if (strcmp(r->eds.v[i].date, r->eds.v[i - 1].date) == 0)
            return diag_error(r->d, (src_loc){r->eds.v[i].dir, 0, 0},
                              "two folders for %s: this and %s; keep one", r->eds.v[i].date,
                              r->eds.v[i - 1].dir);
    return true;
}

/* ---- digests ---- */

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every file under dir, in name order, as its path (from `rel`) and
 * its bytes. */
static void digest_tree(digest *dg, const char *dir, const char *rel)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, by_name);
    for (int i = 0; i < n; i++) {
        const char *nm = list[i]->d_name;
        if (nm[0] != '.') {
            char *path = xasprintf("%s/%s", dir, nm);
            char *sub = xasprintf("%s/%s", rel, nm);
            if (build_is_dir(path)) {
                digest_tree(dg, path, sub);
            } else {
                digest_add_str(dg, sub);
                if (!digest_add_file(dg, path))
                    digest_add_str(dg, "(unreadable)");
            }
            free(path);
            free(sub);
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
}

/* What every edition depends on besides its own folder: the program,
 * the form's options, the layout, the font manifest and the faces; into
 * *dg, which keys an edition's record, and *id, which seeds its PDF's
 * document ID.  A face is known by its path, size, time and inode, as the
 * font subset cache knows it (reading the faces' some 300 MB, SHA-256 took
 * nine tenths of archiving three editions; it would tell only a file
 * rewritten in place at the same size and time apart); the ID takes its
 * path, size and index alone, so that the same inputs give the same PDF on
 * another machine, where the same package puts the same faces. */
static bool common_digest(run *r, digest *dg, digest *id)
{
    digest_init(dg);
    digest_add_str(dg, "paiban-archive 1");
    digest_add_str(dg, PAIBAN_VERSION);
    /* The program itself: a rebuilt paiban may set the same input otherwise. */
    digest_add_file(dg, "/proc/self/exe");
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    digest_add_str(dg, epoch ? epoch : "");
    digest_add_str(dg, r->o->allow_outside_root ? "outside" : "inside");
    digest_tree(dg, r->layout_dir, "layout");
    digest_add_str(dg, "fonts");
    digest_add_file(dg, r->fonts_file);
    *id = *dg;
    for (int f = 0; f < fontset_count(r->fonts); f++) {
        if (!fontset_open(r->fonts, f, (src_loc){r->fonts_file, 0, 0}, r->d))
            return false;
        const face_info *fi = fontset_info(r->fonts, f);
        struct stat st;
        if (stat(fi->path, &st) != 0)
            return diag_env_error(r->d, (src_loc){fi->path, 0, 0}, "cannot read the font: %s",
                                  strerror(errno));
        char what[160];
        snprintf(what, sizeof what, "%lld bytes, face %d", (long long)st.st_size, fi->index);
        digest_add_str(id, fi->path);
        digest_add_str(id, what);
        snprintf(what, sizeof what, "%lld bytes, %lld.%09ld, inode %llu, face %d",
                 (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                 (unsigned long long)st.st_ino, fi->index);
        digest_add_str(dg, fi->path);
        digest_add_str(dg, what);
    }
    return true;
}

/* ---- typesetting one edition (in a worker) ---- */

/* The worker's typesetter, made for its first edition and kept for the
 * next: its segmenter and shaper, and the paragraphs it shaped. */
static typesetter *worker_ts;

static int typeset_edition(const run *r, const year_edition *e)
{
    diag *d = diag_new();
    if (!worker_ts)
        worker_ts = typesetter_new(r->fonts, r->lay, d);
    build b;
    content_options copt = {.allow_outside_root = r->o->allow_outside_root};
    char *pdf = out_path(r, e->date, ".pdf"), *rec = out_path(r, e->date, ".tsv");
    /* The old record goes first: a record vouches only for the PDF its
     * own run wrote. */
    unlink(rec);
    int status = build_edition_with(e->dir, r->fonts, r->lay, worker_ts, copt, NULL, &b, d);
    if (status == EXIT_OK) {
        char date[16];
        snprintf(date, sizeof date, "%04d-%02d-%02d", b.ed->year, b.ed->month, b.ed->day);
        if (strcmp(date, e->date) != 0) {
            diag_error(d, (src_loc){b.ed->file, 0, 0},
                       "the edition's date is %s but its folder says %s; rename the folder or "
                       "correct the date",
                       date, e->date);
            status = EXIT_INPUT;
        }
    }
    if (status == EXIT_OK) {
        /* The edition's inputs, but where the faces lie: the document ID's
         * ground. */
        digest inputs;
        digest_init(&inputs);
        digest_add_str(&inputs, e->id);
        pdf_options po = {.form = PDF_ARCHIVE, .inputs = &inputs};
        pdf_stats ps = {0};
        if (!build_time(edition_time(b.ed), &po.build_time, d))
            status = EXIT_INPUT;
        else if (!pdf_write(&b.eo, b.ed, b.lay, typesetter_fonts(b.ts), &po, pdf, &ps, d))
            status = build_failure_status(d);
        edition_record er;
        if (status == EXIT_OK) {
            record_from_build(&b, &er);
            memcpy(er.key, e->key, sizeof er.key);
            er.pdf_bytes = ps.bytes;
            er.warnings = diag_warning_count(d);
            if (!record_write(&er, rec, d))
                status = EXIT_ENV;
            record_free(&er);
        }
        pdf_stats_free(&ps);
        if (status == EXIT_OK && b.eo.overset_lines > 0 && !r->o->allow_overset)
            status = EXIT_LAYOUT;
        if (status == EXIT_OK && r->o->strict && diag_warning_count(d) > 0)
            status = EXIT_LAYOUT;
    }
    /* Errors here; warnings are counted in the record (paiban build shows them). */
    diag_print(d, stderr, (diag_style){.warnings = false});
    build_free(&b);
    diag_free(d);
    free(pdf);
    free(rec);
    return status;
}

/* ---- progress ---- */

static void clock_text(double s, char *buf, size_t size)
{
    long t = (long)(s + 0.5);
    snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

static void draw_progress(run *r)
{
    if (!r->tty)
        return;
    char elapsed[32], left[64] = "";
    double el = build_now() - r->t0;
    clock_text(el, elapsed, sizeof elapsed);
    int to_do = r->eds.n - r->done;
    if (r->typeset > 0 && to_do > 0) {
        /* What is left at the pace so far, the processes working side by side. */
        double per = r->typeset_seconds / r->typeset;
        char l[32];
        clock_text(per * to_do / r->jobs, l, sizeof l);
        snprintf(left, sizeof left, ", about %s left", l);
    }
    fprintf(stderr, "\r\033[Karchive %d: %d/%d editions, %d pages, %s elapsed%s", r->year, r->done,
            r->eds.n, r->pages_done, elapsed, left);
    fflush(stderr);
}

static void clear_progress(const run *r)
{
    if (r->tty)
        fprintf(stderr, "\r\033[K");
}

/* Print what the edition's worker said, under the progress line. */
static void print_log(const run *r, const worker_result *res)
{
    if (res->log_len == 0)
        return;
    clear_progress(r);
    fwrite(res->log, 1, res->log_len, stderr);
}

static void finish_edition(run *r, year_edition *e, int status)
{
    e->seconds = build_now() - e->started;
    e->status = status;
    e->state = status == EXIT_OK || status == EXIT_LAYOUT ? ED_TYPESET : ED_FAILED;
    r->done++;
    if (e->state == ED_TYPESET) {
        r->typeset++;
        r->typeset_seconds += e->seconds;
        char *rec = out_path(r, e->date, ".tsv");
        edition_record er;
        if (record_read(rec, &er)) {
            e->pages = er.pages.n;
            e->warnings = er.warnings;
            record_free(&er);
        }
        free(rec);
        r->pages_done += e->pages;
    } else {
        r->failed++;
    }
    if (status > r->status)
        r->status = status;
    if (!r->tty && !r->o->quiet)
        fprintf(stderr, "archive: [%d/%d] %s %s, %d pages, %d warnings, %.2f s\n", r->done,
                r->eds.n, e->date, e->state == ED_TYPESET ? "typeset" : "failed", e->pages,
                e->warnings, e->seconds);
    draw_progress(r);
}

/* ---- the year ---- */

/* Whether the edition's record and PDF are those of its present inputs. */
static bool is_current(run *r, year_edition *e)
{
    if (r->o->force)
        return false;
    char *rec = out_path(r, e->date, ".tsv"), *pdf = out_path(r, e->date, ".pdf");
    edition_record er;
    bool have = record_read(rec, &er);
    struct stat st;
    bool ok = have && strcmp(er.key, e->key) == 0 && stat(pdf, &st) == 0 && st.st_size == er.pdf_bytes;
    if (ok) {
        e->pages = er.pages.n;
        e->status = er.overset_lines > 0 && !r->o->allow_overset ? EXIT_LAYOUT
                    : r->o->strict && er.warnings > 0            ? EXIT_LAYOUT
                                                                 : EXIT_OK;
    }
    if (have)
        record_free(&er);
    free(rec);
    free(pdf);
    return ok;
}

/* Each edition is bound into the volume as soon as it and every one
 * before it are done, while the next are typeset: binding a year took
 * a tenth of its time with one core idle when it came after the last. */
static void bind_ready(run *r)
{
    while (r->binder && r->bound < r->eds.n) {
        const year_edition *e = &r->eds.v[r->bound];
        if (e->state != ED_TYPESET && e->state != ED_KEPT)
            return;
        double t0 = build_now();
        char *pdf = out_path(r, e->date, ".pdf");
        bool ok = bind_edition(r->binder, pdf);
        free(pdf);
        r->bind_seconds += build_now() - t0;
        if (!ok) {
            bind_abandon(r->binder);
            r->binder = NULL;
            r->bind_failed = true;
            return;
        }
        r->bound++;
    }
}

static int typeset_job(void *ctx, int n)
{
    const run *r = ctx;
    return typeset_edition(r, &r->eds.v[n]);
}

/* Typeset every pending edition, r->jobs workers at a time
 * (workers.h: each typesets one edition after another). */
static bool typeset_pending(run *r)
{
    worker_pool *pool = workers_start(r->jobs, typeset_job, r);
    int next = 0;
    bool ok = true;
    draw_progress(r);
    bind_ready(r);
    for (;;) {
        while (ok && !stop_signal) {
            while (next < r->eds.n && r->eds.v[next].state != ED_PENDING)
                next++;
            if (next == r->eds.n)
                break;
            if (!workers_give(pool, next)) {
                if (errno)
                    ok = diag_env_error(r->d, (src_loc){r->eds.v[next].dir, 0, 0},
                                        "cannot start a process: %s", strerror(errno));
                break;
            }
            r->eds.v[next].state = ED_RUNNING;
            r->eds.v[next].started = build_now();
        }
        if (workers_busy(pool) == 0 || stop_signal)
            break;
        worker_result res;
        if (!workers_wait(pool, 250, &res)) {
            /* Nothing ended yet: redraw the clock. */
            draw_progress(r);
            continue;
        }
        r->child_peak_kib = MAX(r->child_peak_kib, res.peak_kib);
        year_edition *e = &r->eds.v[res.job];
        print_log(r, &res);
        finish_edition(r, e, res.died ? EXIT_ENV : res.status);
        if (res.died)
            fprintf(stderr, "%s: error: the process typesetting it ended by signal %d\n", e->dir,
                    res.status);
        free(res.log);
        bind_ready(r);
    }
    workers_stop(pool, stop_signal != 0);
    for (int i = 0; i < r->eds.n; i++)
        if (r->eds.v[i].state == ED_RUNNING)
            r->eds.v[i].state = ED_PENDING;
    clear_progress(r);
    return ok && !stop_signal;
}

static void remove_temporaries(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *de;
    while ((de = readdir(dp)))
        if (strstr(de->d_name, ".tmp.")) {
            char *p = xasprintf("%s/%s", dir, de->d_name);
            unlink(p);
            free(p);
        }
    closedir(dp);
}


/* ---- the volume ---- */

/* The volume's pages: the front matter's, then each edition's. */
typedef struct volume_pages {
    int total;
    int *first_page;          /* each edition's first page in the volume, 0-based */
    char **labels;            /* one a page: the front matter's, then "12-28 A3" */
} volume_pages;

static void volume_pages_make(edition_record **recs, int n, const contents_result *cr,
                              volume_pages *vp)
{
    vp->total = cr->pages;
    vp->first_page = xmalloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) {
        vp->first_page[i] = vp->total;
        vp->total += recs[i]->pages.n;
    }
    vp->labels = xcalloc((size_t)vp->total, sizeof(char *));
    for (int p = 0; p < cr->pages; p++)
        vp->labels[p] = xstrdup(cr->labels[p]);
    for (int i = 0; i < n; i++)
        for (int p = 0; p < recs[i]->pages.n; p++)
            vp->labels[vp->first_page[i] + p] =
                xasprintf("%02d-%02d %s", recs[i]->month, recs[i]->day, recs[i]->pages.v[p].label);
}

static void volume_pages_free(volume_pages *vp)
{
    for (int p = 0; p < vp->total; p++)
        free(vp->labels[p]);
    free(vp->labels);
    free(vp->first_page);
}

/* The outline and the titles of its items, which it owns. */
typedef struct volume_outline {
    VEC(bind_outline) items;
    VEC(char *) titles;
} volume_outline;

/* Add an item titled `title` (taken over); its index. */
static int outline_add(volume_outline *ol, char *title, int parent, int page, double x, double y,
                       bool open)
{
    *VEC_PUSH(ol->titles) = title;
    *VEC_PUSH(ol->items) = (bind_outline){title, parent, page, x, y, open};
    return ol->items.n - 1;
}

/* Year → contents, and year → month → day → page → article. */
static void volume_outline_make(int year, edition_record **recs, int n, const contents_result *cr,
                                const volume_pages *vp, volume_outline *ol)
{
    const edition_record *first = recs[0];
    double top = first->pages.v[0].height;
    outline_add(ol, xasprintf("%s %d年合订本", first->paper, year), -1, 0, 0, top, true);
    outline_add(ol, xasprintf("目录"), 0, cr->contents_first, 0, top, false);
    int month_item = -1, month = 0;
    for (int i = 0; i < n; i++) {
        const edition_record *er = recs[i];
        int at = vp->first_page[i];
        double h = er->pages.v[0].height;
        if (er->month != month) {
            month = er->month;
            month_item = outline_add(ol, xasprintf("%d年%d月", er->year, er->month), 0, at, 0, h,
                                     false);
        }
        int day_item = outline_add(ol,
                                   xasprintf("%d月%d日 星期%s%s%s", er->month, er->day,
                                             weekday_name(er->weekday), er->issue[0] ? " " : "",
                                             er->issue),
                                   month_item, at, 0, h, false);
        for (int p = 0; p < er->pages.n; p++) {
            const rec_page *pg = &er->pages.v[p];
            int page_item = outline_add(ol, xasprintf("%s %s", pg->label, pg->name), day_item,
                                        at + p, 0, pg->height, false);
            for (int k = 0; k < er->places.n; k++) {
                const rec_place *pl = &er->places.v[k];
                if (pl->page != p)
                    continue;
                const char *head = er->stories.v[pl->story].headline;
                outline_add(ol, xasprintf("%s%s", pl->continued ? "（续）" : "", head), page_item,
                            at + p, pl->x, pl->y, false);
            }
        }
    }
}

static void volume_outline_free(volume_outline *ol)
{
    for (int i = 0; i < ol->titles.n; i++)
        free(ol->titles.v[i]);
    VEC_FREE(ol->titles);
    VEC_FREE(ol->items);
}

/* The volume's key, written last: it vouches for the volume and the index. */
static bool write_volume_key(const run *r, const char *key, int pages)
{
    char *vkey = volume_path(r, ".tsv");
    char *text = xasprintf("paiban-volume\t1\nkey\t%s\npages\t%d\n", key, pages);
    bool ok = write_file_atomic(vkey, text, strlen(text), r->d);
    free(text);
    free(vkey);
    return ok;
}

/* The front matter set, then the volume bound from it and the editions'
 * PDFs, with its labels, outline and metadata; the index, and the key. */
static bool bind_year(run *r, edition_record **recs, int n, const char *key)
{
    double t0 = build_now();
    diag *d = r->d;
    const edition_record *first = recs[0], *last = recs[n - 1];
    struct tm tm = {.tm_year = last->year - 1900, .tm_mon = last->month - 1, .tm_mday = last->day};
    int64_t when;
    if (!build_time((int64_t)timegm(&tm), &when, d))
        return false;
    typesetter *ts = typesetter_new(r->fonts, r->lay, d);
    char *front = out_path(r, ".front", ".pdf");
    contents_result cr;
    bool ok = contents_write((const edition_record *const *)recs, n, r->lay, ts, when, front, &cr, d);
    typesetter_free(ts);
    if (!ok) {
        free(front);
        bind_abandon(r->binder);
        r->binder = NULL;
        return false;
    }
    volume_pages vp;
    volume_pages_make(recs, n, &cr, &vp);
    volume_outline ol = {0};
    volume_outline_make(r->year, recs, n, &cr, &vp, &ol);
    char created_pdf[32], created_xmp[32], cover_date[16], description[256], keywords[128],
        range[64];
    xmp_dates(when, created_pdf, sizeof created_pdf, created_xmp, sizeof created_xmp);
    record_date(last, cover_date, sizeof cover_date);
    snprintf(description, sizeof description, "%s %d年%d月%d日至%d月%d日，%d期，%d个版", first->paper,
             first->year, first->month, first->day, last->month, last->day, n,
             vp.total - cr.pages);
    snprintf(keywords, sizeof keywords, "%s, %d, 合订本", first->paper, r->year);
    snprintf(range, sizeof range, "1-%d", vp.total);
    char *title = xasprintf("%s %d年合订本", first->paper, r->year);
    bind_spec spec = {.front = front, .labels = (const char *const *)vp.labels,
                      .label_count = vp.total, .outline = ol.items.v, .outline_count = ol.items.n,
                      .links = cr.links.v, .link_count = cr.links.n,
                      .meta = {.title = title, .creator = first->paper, .description = description,
                               .keywords = keywords, .created = created_xmp,
                               .modified = created_xmp, .publication = first->paper,
                               .cover_date = cover_date, .page_range = range, .pdfa = true},
                      .created_pdf = created_pdf, .modified_pdf = created_pdf};
    char *volume = volume_path(r, ".pdf");
    bind_stats bs;
    if (r->binder) {
        ok = bind_end(r->binder, &spec, &bs);
        r->binder = NULL;
    } else {
        char **files = xcalloc((size_t)n + 1, sizeof(char *));
        for (int i = 0; i < n; i++) {
            char date[16];
            record_date(recs[i], date, sizeof date);
            files[i] = out_path(r, date, ".pdf");
        }
        ok = bind_volume((const char *const *)files, n, &spec, volume, &bs, d);
        for (int i = 0; i < n; i++)
            free(files[i]);
        free(files);
    }
    unlink(front);
    if (ok)
        ok = record_write_index((const edition_record *const *)recs, n, vp.first_page,
                                r->o->output, d);
    if (ok)
        ok = write_volume_key(r, key, bs.pages);
    r->volume_pages = bs.pages;
    r->volume_bytes = bs.bytes;
    r->bind_end_seconds = build_now() - t0;
    r->bind_seconds += r->bind_end_seconds;
    free(volume);
    free(title);
    volume_outline_free(&ol);
    volume_pages_free(&vp);
    contents_result_free(&cr);
    free(front);
    return ok;
}

/* The volume's key: every edition's key, in order. */
static bool volume_current(run *r, const char *key)
{
    char *vkey = volume_path(r, ".tsv"), *pdf = volume_path(r, ".pdf"),
         *csv = out_path(r, "index", ".csv"), *json = out_path(r, "index", ".json");
    bool ok = false;
    FILE *f = fopen(vkey, "r");
    if (f) {
        char line[256], want[128];
        snprintf(want, sizeof want, "key\t%s\n", key);
        while (fgets(line, sizeof line, f))
            if (strcmp(line, want) == 0)
                ok = true;
        fclose(f);
        int pages = 0;
        f = fopen(vkey, "r");
        while (f && fgets(line, sizeof line, f))
            sscanf(line, "pages\t%d", &pages);
        if (f)
            fclose(f);
        r->volume_pages = pages;
    }
    struct stat st;
    ok = ok && stat(pdf, &st) == 0 && stat(csv, &st) == 0 && stat(json, &st) == 0;
    free(vkey);
    free(pdf);
    free(csv);
    free(json);
    return ok;
}

static bool bind_if_changed(run *r)
{
    edition_record **recs = xcalloc((size_t)r->eds.n, sizeof *recs);
    digest dg;
    digest_init(&dg);
    digest_add_str(&dg, "paiban-volume 1");
    bool ok = true;
    for (int i = 0; i < r->eds.n && ok; i++) {
        char *rec = out_path(r, r->eds.v[i].date, ".tsv");
        recs[i] = xcalloc(1, sizeof **recs);
        if (!record_read(rec, recs[i]))
            ok = diag_env_error(r->d, (src_loc){rec, 0, 0},
                                "the edition's record is missing or damaged; run the archive again");
        else
            digest_add_str(&dg, recs[i]->key);
        free(rec);
    }
    char key[65];
    digest_hex(&dg, key);
    if (r->bind_failed)
        ok = false;
    if (ok && !r->o->force && volume_current(r, key)) {
        r->volume_kept = true;
        bind_abandon(r->binder);
        r->binder = NULL;
    } else if (ok) {
        if (!r->o->quiet && !r->tty)
            fprintf(stderr, "archive: binding the volume\n");
        else if (r->tty)
            fprintf(stderr, "archive %d: binding the volume …", r->year);
        ok = bind_year(r, recs, r->eds.n, key);
        clear_progress(r);
        r->volume_bound = ok;
    }
    for (int i = 0; i < r->eds.n; i++) {
        if (recs[i])
            record_free(recs[i]);
        free(recs[i]);
    }
    free(recs);
    return ok;
}

/* ---- report ---- */

static bool write_report(run *r)
{
    if (!r->o->report)
        return true;
    static const char *const states[] = {"pending", "running", "kept", "typeset", "failed"};
    strbuf b = {0};
    sb_printf(&b, "{\n \"year\": %d,\n \"jobs\": %d,\n \"editions\": [", r->year, r->jobs);
    for (int i = 0; i < r->eds.n; i++) {
        const year_edition *e = &r->eds.v[i];
        sb_printf(&b, "%s\n  {\"date\": \"%s\", \"state\": \"%s\", \"status\": %d, \"pages\": %d, "
                      "\"seconds\": %.3f}",
                  i ? "," : "", e->date, states[e->state], e->status, e->pages, e->seconds);
    }
    sb_printf(&b, "\n ],\n \"typeset\": %d,\n \"kept\": %d,\n \"failed\": %d,\n", r->typeset,
              r->kept, r->failed);
    sb_printf(&b,
              " \"volume\": {\"state\": \"%s\", \"pages\": %d, \"bytes\": %ld, \"seconds\": %.3f, "
              "\"end_seconds\": %.3f},\n",
              r->volume_bound ? "bound" : r->volume_kept ? "kept" : "not bound", r->volume_pages,
              r->volume_bytes, r->bind_seconds, r->bind_end_seconds);
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    sb_printf(&b, " \"peak_rss_kib\": {\"main\": %ld, \"edition\": %ld},\n", self.ru_maxrss,
              r->child_peak_kib);
    sb_printf(&b, " \"wall_seconds\": %.3f,\n \"status\": %d\n}\n", build_now() - r->t0, r->status);
    bool ok = write_file_atomic(r->o->report, b.v, (size_t)b.n, r->d);
    VEC_FREE(b);
    return ok;
}

static int online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static int run_year(run *r)
{
    const archive_options *o = r->o;
    /* A bad SOURCE_DATE_EPOCH is refused before any edition is set. */
    int64_t when;
    if (!build_time(0, &when, r->d))
        return EXIT_INPUT;
    build_locate(o->content, o->layout_dir, o->fonts_file, &r->layout_dir, &r->fonts_file);
    if (!r->layout_dir) {
        diag_error(r->d, (src_loc){o->content, 0, 0},
                   "no layout/ folder found above the year, and none installed; give --layout "
                   "DIR");
        return EXIT_INPUT;
    }
    r->fonts = fontset_load(r->fonts_file, r->d);
    if (r->fonts)
        r->lay = layout_load(r->layout_dir, r->fonts, r->d);
    digest common, common_id;
    if (!r->lay || !common_digest(r, &common, &common_id))
        return build_failure_status(r->d);
    for (int i = 0; i < r->eds.n; i++) {
        year_edition *e = &r->eds.v[i];
        /* The edition's folder read once, for both. */
        digest tree;
        digest_init(&tree);
        digest_tree(&tree, e->dir, "edition");
        char folder[65];
        digest_hex(&tree, folder);
        digest dg = common, id = common_id;
        digest_add_str(&dg, folder);
        digest_hex(&dg, e->key);
        digest_add_str(&id, folder);
        digest_hex(&id, e->id);
        if (is_current(r, e)) {
            e->state = ED_KEPT;
            r->kept++;
            r->done++;
            r->pages_done += e->pages;
            if (e->status > r->status)
                r->status = e->status;
        }
    }
    if (!o->quiet && !r->tty && r->kept)
        fprintf(stderr, "archive: %d of %d editions unchanged, kept\n", r->kept, r->eds.n);
    if (r->kept < r->eds.n) {
        /* Editions to typeset: the volume changes, and is bound as they come. */
        char *volume = volume_path(r, ".pdf");
        r->binder = bind_begin(volume, r->d);
        free(volume);
        if (!r->binder)
            return build_failure_status(r->d);
    }
    if (!typeset_pending(r))
        return stop_signal ? EXIT_ENV : build_failure_status(r->d);
    if (r->failed) {
        fprintf(stderr, "archive: %d edition%s could not be typeset; the volume is not bound\n",
                r->failed, r->failed == 1 ? "" : "s");
        return r->status;
    }
    if (!bind_if_changed(r))
        return build_failure_status(r->d);
    if (!o->quiet) {
        char el[32];
        clock_text(build_now() - r->t0, el, sizeof el);
        fprintf(stderr, "archive: %d editions (%d typeset, %d kept), volume %s/%d.pdf %s, %d pages, "
                        "%s\n",
                r->eds.n, r->typeset, r->kept, o->output, r->year,
                r->volume_bound ? "bound" : "unchanged", r->volume_pages, el);
    }
    return r->status;
}

int archive_run(const archive_options *o, diag *d)
{
    run r = {.o = o, .d = d, .t0 = build_now()};
    r.jobs = o->jobs > 0 ? o->jobs : online_cores();
    r.tty = !o->quiet && isatty(STDERR_FILENO);
    /* Nothing is made for a year that is not there. */
    if (!build_is_dir(o->content)) {
        diag_error(d, (src_loc){o->content, 0, 0}, "%s; give the year's folder, e.g. "
                   "content/2018", access(o->content, F_OK) == 0 ? "a file, not a folder"
                                                                 : "no such folder");
        return EXIT_INPUT;
    }
    if (!find_editions(&r)) {
        free_editions(&r);
        return build_failure_status(d);
    }
    if (!files_make_dirs(o->output)) {
        diag_env_error(d, (src_loc){o->output, 0, 0}, "cannot make the folder: %s",
                       strerror(errno));
        return EXIT_ENV;
    }
    /* One run at a time writes into a folder. */
    char *lock_path = out_path(&r, ".lock", "");
    int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    free(lock_path);
    if (lock < 0) {
        diag_env_error(d, (src_loc){o->output, 0, 0}, "cannot write in the folder: %s",
                       strerror(errno));
        return EXIT_ENV;
    }
    if (flock(lock, LOCK_EX | LOCK_NB) != 0) {
        diag_env_error(d, (src_loc){o->output, 0, 0},
                       "another paiban archive is writing here; wait for it to finish");
        close(lock);
        return EXIT_ENV;
    }
    remove_temporaries(o->output);
    struct sigaction sa = {.sa_handler = on_stop}, old_int, old_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    int status = run_year(&r);
    bind_abandon(r.binder); /* a volume not finished: stopped, or an edition failed */
    if (stop_signal) {
        clear_progress(&r);
        fprintf(stderr, "archive: stopped; run it again to go on where it stopped\n");
        status = EXIT_ENV;
    }
    r.status = status;
    if (!write_report(&r) && status == EXIT_OK)
        status = EXIT_ENV;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    remove_temporaries(o->output);
    close(lock);
    free_editions(&r);
    layout_free(r.lay);
    fontset_free(r.fonts);
    free(r.layout_dir);
    free(r.fonts_file);
    return status;
}
