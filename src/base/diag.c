/* diag.c — the message list behind diag.h, and its printing. */
#include "base/diag.h"

#include "base/chars.h"
#include "base/sourcetext.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* How many messages of a kind were listed. */
typedef struct kind_shown {
    const char *kind;
    int shown;
} kind_shown;

struct diag {
    VEC(diag_msg) msgs;
    VEC(char *) files; /* our copies of file names: messages outlive inputs */
    int errors, env_errors, warnings, reports;
    /* Warnings by kind and text, for giving one again: indices into msgs
     * + 1 (0: empty), open addressing, a power of two in size. */
    int *slots;
    int nslots;
    /* The places each of those warnings was given at, so that a place
     * given again (a paragraph set once more at another measure) is not
     * counted twice: open addressing, a power of two in size. */
    struct warning_place *places;
    int nplaces, places_used;
    VEC(kind_shown) shown;
    int errors_shown;
    source_text *sources; /* made when a message needs its file */
};

static const char *intern(diag *d, const char *file)
{
    if (!file)
        return NULL;
    for (int i = d->files.n - 1; i >= 0; i--)
        if (strcmp(d->files.v[i], file) == 0)
            return d->files.v[i];
    char *copy = xstrdup(file);
    *VEC_PUSH(d->files) = copy;
    return copy;
}

typedef struct warning_place {
    int msg; /* index into msgs + 1; 0: empty */
    const char *file; /* interned */
    int line, col;
} warning_place;

diag *diag_new(void) { return xcalloc(1, sizeof(diag)); }

void diag_free(diag *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->msgs.n; i++)
        free(d->msgs.v[i].text);
    VEC_FREE(d->msgs);
    for (int i = 0; i < d->files.n; i++)
        free(d->files.v[i]);
    VEC_FREE(d->files);
    VEC_FREE(d->shown);
    free(d->slots);
    free(d->places);
    source_text_free(d->sources);
    free(d);
}

/* FNV-1a over the kind and the text. */
static unsigned hash_warning(const char *kind, const char *text)
{
    unsigned h = 2166136261u;
    for (const char *s = kind; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    h = (h ^ 0xFF) * 16777619u;
    for (const char *s = text; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot of the warning with this kind and text: where it is, or the
 * empty slot where it would go. */
static int *warning_slot(diag *d, const char *kind, const char *text)
{
    unsigned mask = (unsigned)d->nslots - 1;
    for (unsigned k = hash_warning(kind, text) & mask;; k = (k + 1) & mask) {
        int *slot = &d->slots[k];
        if (!*slot)
            return slot;
        const diag_msg *m = &d->msgs.v[*slot - 1];
        if (strcmp(m->kind, kind) == 0 && strcmp(m->text, text) == 0)
            return slot;
    }
}

static unsigned hash_place(int msg, const char *file, int line, int col)
{
    uint64_t h = (uint64_t)(uintptr_t)file * 0x9E3779B97F4A7C15u;
    h = (h ^ (uint64_t)(unsigned)msg) * 0x100000001B3u;
    h = (h ^ (uint64_t)(unsigned)line) * 0x100000001B3u;
    h = (h ^ (uint64_t)(unsigned)col) * 0x100000001B3u;
    return (unsigned)(h ^ (h >> 29));
}

static warning_place *place_slot(warning_place *places, int n, int msg, const char *file, int line,
                                 int col)
{
    unsigned mask = (unsigned)n - 1;
    for (unsigned k = hash_place(msg, file, line, col) & mask;; k = (k + 1) & mask) {
        warning_place *p = &places[k];
        if (!p->msg || (p->msg == msg && p->file == file && p->line == line && p->col == col))
            return p;
    }
}

/* Whether warning msg (index + 1) was given at loc before; records it if not. */
static bool place_seen(diag *d, int msg, src_loc loc)
{
    const char *file = intern(d, loc.file);
    if (2 * (d->places_used + 1) > d->nplaces) {
        int n = d->nplaces ? d->nplaces * 2 : 64;
        warning_place *places = xcalloc((size_t)n, sizeof *places);
        for (int i = 0; i < d->nplaces; i++)
            if (d->places[i].msg)
                *place_slot(places, n, d->places[i].msg, d->places[i].file, d->places[i].line,
                            d->places[i].col) = d->places[i];
        free(d->places);
        d->places = places;
        d->nplaces = n;
    }
    warning_place *p = place_slot(d->places, d->nplaces, msg, file, loc.line, loc.col);
    if (p->msg)
        return true;
    *p = (warning_place){msg, file, loc.line, loc.col};
    d->places_used++;
    return false;
}

/* Room for one more warning in the table, at most half full. */
static void grow_slots(diag *d)
{
    if (d->warnings * 2 + 2 <= d->nslots)
        return;
    free(d->slots);
    d->nslots = d->nslots ? d->nslots * 2 : 64;
    d->slots = xcalloc((size_t)d->nslots, sizeof *d->slots);
    for (int i = 0; i < d->msgs.n; i++)
        if (d->msgs.v[i].severity == DIAG_WARNING)
            *warning_slot(d, d->msgs.v[i].kind, d->msgs.v[i].text) = i + 1;
}

static void add(diag *d, diag_severity sev, src_loc loc, const char *kind,
                const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *text = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
    vsnprintf(text, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    d->reports++;
    int *slot = NULL;
    if (sev == DIAG_WARNING) {
        grow_slots(d);
        slot = warning_slot(d, kind, text);
        if (*slot) {
            /* Counted once a place: the same paragraph set again at
             * another measure repeats its reports. */
            if (!place_seen(d, *slot, loc))
                d->msgs.v[*slot - 1].count++;
            free(text);
            return;
        }
    }
    diag_msg *m = VEC_PUSH(d->msgs);
    m->severity = sev;
    m->loc = loc;
    m->loc.file = intern(d, loc.file);
    m->kind = kind;
    m->text = text;
    m->count = 1;
    if (slot) {
        *slot = d->msgs.n;
        place_seen(d, *slot, loc);
    }
    if (sev == DIAG_ERROR)
        d->errors++;
    else if (sev == DIAG_ENV_ERROR)
        d->env_errors++;
    else
        d->warnings++;
}

bool diag_error(diag *d, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ERROR, loc, "error", fmt, ap);
    va_end(ap);
    return false;
}

bool diag_env_error(diag *d, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ENV_ERROR, loc, "error", fmt, ap);
    va_end(ap);
    return false;
}

void diag_warn(diag *d, src_loc loc, const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_WARNING, loc, kind, fmt, ap);
    va_end(ap);
}

int diag_error_count(const diag *d) { return d->errors; }
int diag_env_error_count(const diag *d) { return d->env_errors; }
int diag_warning_count(const diag *d) { return d->warnings; }
int diag_report_count(const diag *d) { return d->reports; }

int diag_warning_kinds(const diag *d, const char ***kinds, int **counts)
{
    int n;
    const diag_msg *m = diag_messages(d, &n);
    *kinds = xcalloc((size_t)n + 1, sizeof **kinds);
    *counts = xcalloc((size_t)n + 1, sizeof **counts);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (m[i].severity != DIAG_WARNING)
            continue;
        int j = 0;
        while (j < k && strcmp((*kinds)[j], m[i].kind) != 0)
            j++;
        if (j == k)
            (*kinds)[k++] = m[i].kind;
        (*counts)[j]++;
    }
    return k;
}

const diag_msg *diag_messages(const diag *d, int *count)
{
    *count = d->msgs.n;
    return d->msgs.v;
}

static source_text *sources(diag *d)
{
    if (!d->sources)
        d->sources = source_text_new();
    return d->sources;
}

src_loc diag_find_text(diag *d, src_loc from, const char *text)
{
    if (!from.file || from.line <= 0)
        return from;
    return source_find(sources(d), from, text);
}

const char *diag_format_loc(src_loc loc, char *buf, size_t size)
{
    if (!loc.file)
        snprintf(buf, size, "paiban");
    else if (loc.line <= 0)
        snprintf(buf, size, "%s", loc.file);
    else if (loc.col <= 0)
        snprintf(buf, size, "%s:%d", loc.file, loc.line);
    else
        snprintf(buf, size, "%s:%d:%d", loc.file, loc.line, loc.col);
    return buf;
}

/* ---- printing ---- */

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define GREEN "\033[1;32m"
#define PLAIN "\033[0m"

/* Text from the input may hold control characters; printed as they are
 * they would move the cursor or recolour a terminal, so they are shown
 * as escapes (C0 and DEL as \xHH, C1 as \uHHHH).  `n` bytes of s. */
static void put_escaped(strbuf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    for (; p < end; p++) {
        if (*p < 0x20 || *p == 0x7F)
            sb_printf(b, "\\x%02X", *p);
        else if (*p == 0xC2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F)
            sb_printf(b, "\\u%04X", *++p);
        else
            *VEC_PUSH(*b) = (char)*p;
    }
}

/* One character of a source line as printed: its bytes (escaped when it
 * is a control character) and the terminal columns it takes. */
typedef struct shown_char {
    size_t at, len;
    int width;
} shown_char;

/* The source line and the caret under column `col`; at most some 100
 * terminal columns of it, around the caret. */
static void put_source_line(strbuf *b, const char *line, size_t len, int number, int col,
                            bool color)
{
    VEC(shown_char) cs = {0};
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_decode(line + i, len - i, &cp);
        shown_char *c = VEC_PUSH(cs);
        c->at = i;
        c->len = k > 0 ? (size_t)k : 1;
        c->width = k <= 0 || cp < 0x20 || cp == 0x7F ? 4 : chars_is_wide(cp) ? 2 : 1;
        if (cp == '\t' && k > 0)
            c->width = 1; /* shown as a space */
        i += c->len;
    }
    int caret = MIN(MAX(col, 1) - 1, cs.n);
    int first = caret, last = caret, width = 0;
    while (first > 0 && width + cs.v[first - 1].width <= 60)
        width += cs.v[--first].width;
    while (last < cs.n && width + cs.v[last].width <= 100)
        width += cs.v[last++].width;
    char gutter[16];
    int gw = snprintf(gutter, sizeof gutter, "%4d", number);
    sb_printf(b, "%s%s |%s %s", color ? BOLD : "", gutter, color ? PLAIN : "",
              first > 0 ? "…" : "");
    int before = first > 0 ? 1 : 0;
    for (int i = first; i < last; i++) {
        const shown_char *c = &cs.v[i];
        uint32_t cp;
        if (line[c->at] == '\t')
            *VEC_PUSH(*b) = ' ';
        else if (utf8_decode(line + c->at, c->len, &cp) <= 0)
            sb_printf(b, "\\x%02X", (unsigned char)line[c->at]); /* not UTF-8 */
        else
            put_escaped(b, line + c->at, c->len);
        if (i < caret)
            before += c->width;
    }
    sb_printf(b, "%s\n%*s%s |%s %*s%s^%s\n", last < cs.n ? "…" : "", gw, "", color ? BOLD : "",
              color ? PLAIN : "", before, "", color ? GREEN : "", color ? PLAIN : "");
    VEC_FREE(cs);
}

static void put_message(diag *d, strbuf *b, const diag_msg *m, bool color)
{
    char where[512];
    diag_format_loc(m->loc, where, sizeof where);
    bool warning = m->severity == DIAG_WARNING;
    sb_printf(b, "%s", color ? BOLD : "");
    put_escaped(b, where, strlen(where));
    sb_printf(b, ":%s %s%s:%s ", color ? PLAIN : "", color ? (warning ? MAGENTA : RED) : "",
              warning ? "warning" : "error", color ? PLAIN : "");
    put_escaped(b, m->text, strlen(m->text));
    if (warning && m->count > 1)
        sb_printf(b, " [%s, %d times]\n", m->kind, m->count);
    else
        sb_printf(b, warning ? " [%s]\n" : "\n", m->kind);
    size_t len;
    const char *line = m->loc.file && m->loc.line > 0
                           ? source_line(sources(d), m->loc.file, m->loc.line, &len)
                           : NULL;
    if (line)
        put_source_line(b, line, len, m->loc.line, m->loc.col, color);
}

/* "49 990": a count with its thousands apart. */
static void put_count(strbuf *b, int n)
{
    char digits[16];
    int len = snprintf(digits, sizeof digits, "%d", n);
    for (int i = 0; i < len; i++)
        sb_printf(b, "%s%c", i > 0 && (len - i) % 3 == 0 ? " " : "", digits[i]);
}

static kind_shown *shown_of(diag *d, const char *kind)
{
    for (int i = 0; i < d->shown.n; i++)
        if (strcmp(d->shown.v[i].kind, kind) == 0)
            return &d->shown.v[i];
    kind_shown *k = VEC_PUSH(d->shown);
    k->kind = kind;
    return k;
}

/* The warnings not printed yet, at most DIAG_SHOWN_PER_KIND of a kind
 * unless `all`; then a line for each kind that had more. */
static int put_warnings(diag *d, strbuf *b, diag_style style)
{
    int printed = 0;
    VEC(kind_shown) held = {0};
    for (int i = 0; i < d->msgs.n; i++) {
        diag_msg *m = &d->msgs.v[i];
        if (m->printed || m->severity != DIAG_WARNING)
            continue;
        m->printed = true;
        kind_shown *k = shown_of(d, m->kind);
        if (style.all || k->shown < DIAG_SHOWN_PER_KIND) {
            put_message(d, b, m, style.color);
            k->shown++;
            printed++;
            continue;
        }
        int j = 0;
        while (j < held.n && strcmp(held.v[j].kind, m->kind) != 0)
            j++;
        if (j == held.n)
            *VEC_PUSH(held) = (kind_shown){m->kind, 0};
        held.v[j].shown++;
    }
    for (int j = 0; j < held.n; j++) {
        sb_printf(b, "paiban: … and ");
        put_count(b, held.v[j].shown);
        sb_printf(b, " more %s warning%s; --warnings lists them all\n", held.v[j].kind,
                  held.v[j].shown == 1 ? "" : "s");
    }
    VEC_FREE(held);
    return printed;
}

static void flush(strbuf *b, FILE *f)
{
    if (b->n)
        fwrite(b->v, 1, (size_t)b->n, f);
    fflush(f);
    VEC_FREE(*b);
}

int diag_print(diag *d, FILE *f, diag_style style)
{
    strbuf b = {0};
    int printed = 0, held = 0;
    for (int i = 0; i < d->msgs.n; i++) {
        diag_msg *m = &d->msgs.v[i];
        if (m->printed || m->severity == DIAG_WARNING)
            continue;
        m->printed = true;
        if (!style.all && d->errors_shown >= DIAG_ERRORS_SHOWN) {
            held++;
            continue;
        }
        put_message(d, &b, m, style.color);
        d->errors_shown++;
        printed++;
    }
    if (held) {
        sb_printf(&b, "paiban: … and ");
        put_count(&b, held);
        sb_printf(&b, " more error%s\n", held == 1 ? "" : "s");
    }
    if (style.warnings && d->errors + d->env_errors > 0) {
        int waiting = 0;
        for (int i = 0; i < d->msgs.n; i++)
            if (!d->msgs.v[i].printed && d->msgs.v[i].severity == DIAG_WARNING) {
                d->msgs.v[i].printed = true;
                waiting++;
            }
        if (waiting) {
            sb_printf(&b, "paiban: ");
            put_count(&b, waiting);
            sb_printf(&b, " warning%s not listed while there are errors\n",
                      waiting == 1 ? "" : "s");
        }
    } else if (style.warnings) {
        printed += put_warnings(d, &b, style);
    }
    flush(&b, f);
    return printed;
}

void diag_print_by_kind(diag *d, FILE *f, bool color)
{
    const char **kinds;
    int *per_kind;
    int nk = diag_warning_kinds(d, &kinds, &per_kind);
    strbuf b = {0};
    sb_printf(&b, "paiban: %d warning%s\n", d->warnings, d->warnings == 1 ? "" : "s");
    for (int k = 0; k < nk; k++)
        sb_printf(&b, "  %5d %s\n", per_kind[k], kinds[k]);
    for (int k = 0; k < nk; k++)
        for (int i = 0; i < d->msgs.n; i++) {
            diag_msg *m = &d->msgs.v[i];
            if (m->severity != DIAG_WARNING || strcmp(m->kind, kinds[k]) != 0)
                continue;
            m->printed = true;
            put_message(d, &b, m, color);
        }
    flush(&b, f);
    free(kinds);
    free(per_kind);
}
