/* sourcetext.c — input files read back, with their line starts. */
#include "base/sourcetext.h"

#include "base/utf8.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct source_file {
    char *name;
    char *text;               /* NULL: could not be read */
    size_t len;
    VEC(size_t) starts;       /* byte offset of each line */
} source_file;

struct source_text {
    VEC(source_file) files;
};

source_text *source_text_new(void) { return xcalloc(1, sizeof(source_text)); }

void source_text_free(source_text *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->files.n; i++) {
        free(s->files.v[i].name);
        free(s->files.v[i].text);
        VEC_FREE(s->files.v[i].starts);
    }
    VEC_FREE(s->files);
    free(s);
}

/* A regular file of at most SOURCE_TEXT_LIMIT bytes, whole; NULL else. */
static char *read_whole(const char *name, size_t *len)
{
    int fd = open(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *text = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= SOURCE_TEXT_LIMIT) {
        size_t want = (size_t)st.st_size, got = 0;
        text = xmalloc(want + 1);
        ssize_t n;
        while (got < want && (n = read(fd, text + got, want - got)) > 0)
            got += (size_t)n;
        text[got] = 0;
        *len = got;
    }
    close(fd);
    return text;
}

static source_file *file_named(source_text *s, const char *name)
{
    for (int i = s->files.n - 1; i >= 0; i--)
        if (strcmp(s->files.v[i].name, name) == 0)
            return s->files.v[i].text ? &s->files.v[i] : NULL;
    source_file *f = VEC_PUSH(s->files);
    f->name = xstrdup(name);
    f->text = read_whole(name, &f->len);
    if (!f->text)
        return NULL;
    *VEC_PUSH(f->starts) = 0;
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n')
            *VEC_PUSH(f->starts) = i + 1;
    return f;
}

const char *source_line(source_text *s, const char *file, int line, size_t *len)
{
    source_file *f = file ? file_named(s, file) : NULL;
    if (!f || line < 1 || line > f->starts.n)
        return NULL;
    size_t start = f->starts.v[line - 1];
    size_t end = line < f->starts.n ? f->starts.v[line] - 1 : f->len;
    if (end > start && f->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return f->text + start;
}

/* Past a line end and the indentation after it, from p; p itself when
 * there is none. */
static size_t past_fold(const source_file *f, size_t p)
{
    size_t q = p;
    if (q < f->len && f->text[q] == '\r')
        q++;
    if (q >= f->len || f->text[q] != '\n')
        return p;
    q++;
    while (q < f->len && (f->text[q] == ' ' || f->text[q] == '\t'))
        q++;
    return q;
}

/* Whether the code points `want` begin at byte p of the file, read as a
 * folded scalar. */
static bool folded_match(const source_file *f, size_t p, const uint32_t *want, int n)
{
    for (int k = 0; k < n; k++) {
        if (want[k] == ' ') {
            /* A space of the text: spaces and line ends, at least one. */
            size_t q = p;
            for (;;) {
                size_t r = past_fold(f, q);
                while (r < f->len && f->text[r] == ' ')
                    r++;
                if (r == q)
                    break;
                q = r;
            }
            if (q == p)
                return false;
            p = q;
            continue;
        }
        p = past_fold(f, p);
        uint32_t cp;
        int len = p < f->len ? utf8_decode(f->text + p, f->len - p, &cp) : 0;
        if (len <= 0 || cp != want[k])
            return false;
        p += (size_t)len;
    }
    return true;
}

/* The place of byte p: its line and character column. */
static src_loc place_of(const source_file *f, size_t p)
{
    int lo = 0, hi = f->starts.n - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (f->starts.v[mid] <= p)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t start = f->starts.v[lo];
    return (src_loc){f->name, lo + 1, 1 + (int)utf8_length(f->text + start, p - start)};
}

src_loc source_find(source_text *s, src_loc from, const char *text)
{
    size_t line_len;
    const char *line = source_line(s, from.file, from.line, &line_len);
    source_file *f = line ? file_named(s, from.file) : NULL;
    if (!f || !text)
        return from;
    /* The column's byte in its line. */
    size_t p = (size_t)(line - f->text), end = p + line_len;
    for (int col = 1; col < from.col && p < end; col++) {
        uint32_t cp;
        int len = utf8_decode(f->text + p, end - p, &cp);
        p += len > 0 ? (size_t)len : 1;
    }
    uint32_t want[12];
    int n = 0;
    size_t tl = strlen(text);
    for (size_t i = 0; i < tl && n < (int)countof(want);) {
        uint32_t cp;
        int len = utf8_decode(text + i, tl - i, &cp);
        if (len <= 0)
            break;
        i += (size_t)len;
        if (n > 0 || cp != ' ')
            want[n++] = cp;
    }
    size_t stop = MIN(f->len, p + (64u << 10));
    for (size_t q = p; n > 0 && q < stop; q++) {
        /* At the start of a character only. */
        if (((unsigned char)f->text[q] & 0xC0) == 0x80)
            continue;
        if (folded_match(f, q, want, n))
            return place_of(f, q);
    }
    return from;
}
