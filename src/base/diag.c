/* diag.c — the message list behind diag.h. */
#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct diag {
    VEC(diag_msg) msgs;
    VEC(char *) files; /* our copies of file names: messages outlive inputs */
    int errors, env_errors, warnings;
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
    free(d);
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
    diag_msg *m = VEC_PUSH(d->msgs);
    m->severity = sev;
    m->loc = loc;
    m->loc.file = intern(d, loc.file);
    m->kind = kind;
    m->text = text;
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

/* Text from the input may hold control characters; printed as they are
 * they would move the cursor or recolour a terminal, so they are shown
 * as escapes (C0 and DEL as \xHH, C1 as \uHHHH). */
static void print_escaped(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fprintf(f, "\\x%02X", *p);
        else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            fprintf(f, "\\u%04X", *++p);
        else
            fputc(*p, f);
    }
}

int diag_print(const diag *d, FILE *f, int from, bool with_warnings)
{
    int printed = 0;
    for (int i = from; i < d->msgs.n; i++) {
        const diag_msg *m = &d->msgs.v[i];
        if (m->severity == DIAG_WARNING && !with_warnings)
            continue;
        char where[512];
        diag_format_loc(m->loc, where, sizeof where);
        print_escaped(f, where);
        fputs(m->severity == DIAG_WARNING ? ": warning: " : ": error: ", f);
        print_escaped(f, m->text);
        if (m->severity == DIAG_WARNING)
            fprintf(f, " [%s]", m->kind);
        fputc('\n', f);
        printed++;
    }
    return printed;
}
