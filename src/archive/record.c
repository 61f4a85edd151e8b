/* record.c — the edition's record beside its PDF; the year's index. */
#include "archive/record.h"

#include "base/strbuf.h"
#include "base/utf8.h"
#include "input/parts.h"
#include "pdf/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void record_from_build(const build *b, edition_record *r)
{
    const edition *e = b->ed;
    const edition_out *eo = &b->eo;
    memset(r, 0, sizeof *r);
    r->year = e->year;
    r->month = e->month;
    r->day = e->day;
    r->weekday = e->weekday;
    r->paper = xstrdup(e->paper);
    r->issue = xstrdup(e->masthead.issue ? e->masthead.issue : "");
    r->overset_lines = eo->overset_lines;
    int byline_style = layout_style(b->lay, "byline"), lead_style = layout_style(b->lay, "lead");
    int *story_of = xmalloc(sizeof(int) * (size_t)(e->article_count + 1));
    for (int a = 0; a < e->article_count; a++)
        story_of[a] = -1;
    for (int p = 0; p < eo->page_count; p++) {
        const page_out *po = &eo->pages[p];
        *VEC_PUSH(r->pages) = (rec_page){xstrdup(po->label ? po->label : ""),
                                         xstrdup(po->name ? po->name : ""),
                                         pt_from_scaled(po->width), pt_from_scaled(po->height)};
        for (int m = 0; m < po->modules.n; m++) {
            const module_box *mb = &po->modules.v[m];
            if (mb->article < 0 || mb->article >= e->article_count)
                continue;
            bool continued = story_of[mb->article] >= 0;
            if (!continued) {
                const article *a = e->articles[mb->article];
                article_parts parts;
                article_parts_make(a, b->lay, &parts);
                story_of[mb->article] = r->stories.n;
                *VEC_PUSH(r->stories) = (rec_story){
                    .id = xstrdup(a->id), .headline = xstrdup(parts.headline),
                    .byline = content_one_line(parts.byline), .lead = xstrdup(parts.lead),
                    .body = article_parts_body(&parts), .page = p};
                article_parts_free(&parts);
            }
            *VEC_PUSH(r->places) = (rec_place){
                .page = p, .story = story_of[mb->article], .continued = continued,
                .x = pt_from_scaled(mb->x), .y = pt_from_scaled(po->height - mb->y)};
        }
    }
    /* Characters and the first line of body text, from the lines as set. */
    const char **fallback = xcalloc((size_t)r->stories.n + 1, sizeof(char *));
    for (int p = 0; p < eo->page_count; p++) {
        const draw_list *dl = &eo->pages[p].list;
        for (int i = 0; i < dl->lines.n; i++) {
            const text_line *tl = &dl->lines.v[i];
            /* What a page shows again (a continuation's headline, a broken
             * table's header row) is not more of the story. */
            if (tl->article < 0 || tl->article >= e->article_count || story_of[tl->article] < 0 ||
                !tl->text || tl->repeat)
                continue;
            rec_story *s = &r->stories.v[story_of[tl->article]];
            s->characters += article_characters(tl->text);
            /* The body's: not the lead's, not a byline's. */
            bool body = tl->style != lead_style && tl->style != byline_style;
            if (!s->first_line && tl->role == ROLE_BODY && body)
                s->first_line = xstrdup(tl->text);
            /* An article of a table or a box alone: its first line is the
             * table's or the box's. */
            if (!fallback[story_of[tl->article]] && tl->role != ROLE_HEADLINE &&
                tl->role != ROLE_JUMP && body)
                fallback[story_of[tl->article]] = tl->text;
        }
    }
    for (int i = 0; i < r->stories.n; i++)
        if (!r->stories.v[i].first_line)
            r->stories.v[i].first_line = xstrdup(fallback[i] ? fallback[i] : "");
    free(fallback);
    free(story_of);
}

void record_free(edition_record *r)
{
    free(r->paper);
    free(r->issue);
    for (int i = 0; i < r->pages.n; i++) {
        free(r->pages.v[i].label);
        free(r->pages.v[i].name);
    }
    for (int i = 0; i < r->stories.n; i++) {
        rec_story *s = &r->stories.v[i];
        free(s->id);
        free(s->headline);
        free(s->byline);
        free(s->first_line);
        free(s->lead);
        free(s->body);
    }
    VEC_FREE(r->pages);
    VEC_FREE(r->stories);
    VEC_FREE(r->places);
    memset(r, 0, sizeof *r);
}

void record_date(const edition_record *r, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d-%02d", r->year, r->month, r->day);
}

/* ---- the record file ---- */

static void field(strbuf *b, const char *s)
{
    sb_put(b, "\t", 1);
    /* Runs without a tab, newline or backslash go in whole (a record
     * holds the edition's text). */
    while (s && *s) {
        size_t run = strcspn(s, "\t\n\\");
        sb_put(b, s, run);
        s += run;
        if (!*s)
            break;
        sb_put(b, *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : "\\\\", 2);
        s++;
    }
}

#define RECORD_MAGIC "paiban-edition-record\t2"

bool record_write(const edition_record *r, const char *path, diag *d)
{
    strbuf b = {0};
    char date[16];
    record_date(r, date, sizeof date);
    sb_printf(&b, RECORD_MAGIC "\nkey\t%s\npdf\t%ld\nedition\t%s\t%d", r->key, r->pdf_bytes, date,
              r->weekday);
    field(&b, r->paper);
    field(&b, r->issue);
    sb_printf(&b, "\nstatus\t%d\t%d\n", r->overset_lines, r->warnings);
    for (int i = 0; i < r->pages.n; i++) {
        sb_printf(&b, "page");
        field(&b, r->pages.v[i].label);
        field(&b, r->pages.v[i].name);
        sb_printf(&b, "\t%.3f\t%.3f\n", r->pages.v[i].width, r->pages.v[i].height);
    }
    for (int i = 0; i < r->stories.n; i++) {
        const rec_story *s = &r->stories.v[i];
        sb_printf(&b, "story\t%d\t%d", s->page, s->characters);
        field(&b, s->id);
        field(&b, s->headline);
        field(&b, s->byline);
        field(&b, s->first_line);
        field(&b, s->lead);
        field(&b, s->body);
        sb_printf(&b, "\n");
    }
    for (int i = 0; i < r->places.n; i++) {
        const rec_place *pl = &r->places.v[i];
        sb_printf(&b, "place\t%d\t%d\t%d\t%.3f\t%.3f\n", pl->page, pl->story, pl->continued, pl->x,
                  pl->y);
    }
    sb_printf(&b, "end\n");
    bool ok = write_file_atomic(path, b.v, (size_t)b.n, d);
    VEC_FREE(b);
    return ok;
}

/* Split a line in place into tab-separated fields, unescaping each.  A
 * record holds its edition's whole text, read again for every edition
 * when the volume is bound: runs without a tab or an escape are moved
 * whole. */
static int split(char *line, char **fields, int max)
{
    int n = 0;
    char *w = line, *p = line;
    fields[n++] = w;
    for (;;) {
        size_t run = strcspn(p, "\t\\");
        if (w != p)
            memmove(w, p, run);
        w += run;
        p += run;
        if (*p == 0)
            break;
        if (*p == '\t') {
            *w++ = 0;
            p++;
            if (n == max)
                return n;
            fields[n++] = w;
        } else if (p[1]) {
            p++;
            *w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
            p++;
        } else {
            *w++ = *p++;
        }
    }
    *w = 0;
    return n;
}

/* A record file whole, NUL-ended; NULL when it cannot be read. */
static char *read_all(const char *path)
{
    char *text;
    size_t len;
    return files_read(NULL, path, 64 << 20, &text, &len) ? text : NULL;
}

bool record_read(const char *path, edition_record *r)
{
    memset(r, 0, sizeof *r);
    char *text = read_all(path);
    if (!text)
        return false;
    bool ok = strncmp(text, RECORD_MAGIC "\n", sizeof RECORD_MAGIC) == 0, ended = false;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); ok && line; line = strtok_r(NULL, "\n", &save)) {
        char *f[12];
        int n = split(line, f, 12);
        if (strcmp(f[0], "key") == 0 && n == 2 && strlen(f[1]) == 64) {
            memcpy(r->key, f[1], 65);
        } else if (strcmp(f[0], "pdf") == 0 && n == 2) {
            r->pdf_bytes = atol(f[1]);
        } else if (strcmp(f[0], "edition") == 0 && n == 5) {
            ok = sscanf(f[1], "%d-%d-%d", &r->year, &r->month, &r->day) == 3;
            r->weekday = atoi(f[2]);
            r->paper = xstrdup(f[3]);
            r->issue = xstrdup(f[4]);
        } else if (strcmp(f[0], "status") == 0 && n == 3) {
            r->overset_lines = atoi(f[1]);
            r->warnings = atoi(f[2]);
        } else if (strcmp(f[0], "page") == 0 && n == 5) {
            *VEC_PUSH(r->pages) = (rec_page){xstrdup(f[1]), xstrdup(f[2]), atof(f[3]), atof(f[4])};
        } else if (strcmp(f[0], "story") == 0 && n == 9) {
            *VEC_PUSH(r->stories) = (rec_story){.page = atoi(f[1]), .characters = atoi(f[2]),
                                                .id = xstrdup(f[3]), .headline = xstrdup(f[4]),
                                                .byline = xstrdup(f[5]), .first_line = xstrdup(f[6]),
                                                .lead = xstrdup(f[7]), .body = xstrdup(f[8])};
        } else if (strcmp(f[0], "place") == 0 && n == 6) {
            *VEC_PUSH(r->places) = (rec_place){atoi(f[1]), atoi(f[2]), atoi(f[3]) != 0, atof(f[4]),
                                               atof(f[5])};
        } else if (strcmp(f[0], "end") == 0) {
            ended = true;
        } else if (strcmp(f[0], "paiban-edition-record") != 0) {
            ok = false;
        }
    }
    free(text);
    for (int i = 0; ok && i < r->stories.n; i++)
        ok = r->stories.v[i].page >= 0 && r->stories.v[i].page < r->pages.n;
    for (int i = 0; ok && i < r->places.n; i++)
        ok = r->places.v[i].page >= 0 && r->places.v[i].page < r->pages.n &&
             r->places.v[i].story >= 0 && r->places.v[i].story < r->stories.n;
    if (!ok || !ended || !r->key[0] || !r->paper || r->pages.n == 0) {
        record_free(r);
        return false;
    }
    return true;
}

/* ---- the index ---- */

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
static void csv(strbuf *b, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        sb_put(b, "\"", 1);
        for (const char *quote; (quote = strchr(s, '"')); s = quote + 1) {
            sb_put(b, s, (size_t)(quote - s));
            sb_put(b, "\"\"", 2);
        }
        sb_put(b, s, strlen(s));
        sb_put(b, "\"", 1);
    } else {
        sb_put(b, s, strlen(s));
    }
    sb_put(b, last ? "\r\n" : ",", last ? 2 : 1);
}

bool record_write_index(const edition_record *const *records, int count, const int *first_page,
                        const char *dir, diag *d)
{
    strbuf js = {0}, cs = {0};
    sb_printf(&cs, "date,page,headline,byline,characters,first_line,volume_page,article,lead,"
                   "body\r\n");
    sb_printf(&js, "{\n \"articles\": [");
    int rows = 0;
    for (int i = 0; i < count; i++) {
        const edition_record *r = records[i];
        char date[16], num[32], vp[32];
        record_date(r, date, sizeof date);
        for (int s = 0; s < r->stories.n; s++) {
            const rec_story *st = &r->stories.v[s];
            const char *page = r->pages.v[st->page].label;
            snprintf(num, sizeof num, "%d", st->characters);
            snprintf(vp, sizeof vp, "%d", first_page[i] + st->page + 1);
            csv(&cs, date, false);
            csv(&cs, page, false);
            csv(&cs, st->headline, false);
            csv(&cs, st->byline, false);
            csv(&cs, num, false);
            csv(&cs, st->first_line, false);
            csv(&cs, vp, false);
            csv(&cs, st->id, false);
            csv(&cs, st->lead, false);
            csv(&cs, st->body, true);
            sb_printf(&js, "%s\n  {\"date\": \"%s\", \"page\": ", rows++ ? "," : "", date);
            sb_json(&js, page);
            sb_printf(&js, ", \"headline\": ");
            sb_json(&js, st->headline);
            sb_printf(&js, ", \"byline\": ");
            sb_json(&js, st->byline);
            sb_printf(&js, ", \"characters\": %d, \"first_line\": ", st->characters);
            sb_json(&js, st->first_line);
            sb_printf(&js, ", \"volume_page\": %s, \"article\": ", vp);
            sb_json(&js, st->id);
            sb_printf(&js, ", \"lead\": ");
            sb_json(&js, st->lead);
            sb_printf(&js, ", \"body\": ");
            sb_json(&js, st->body);
            sb_printf(&js, "}");
        }
    }
    sb_printf(&js, "\n ],\n \"editions\": %d,\n \"count\": %d\n}\n", count, rows);
    char *csv_path = xasprintf("%s/index.csv", dir), *json_path = xasprintf("%s/index.json", dir);
    file_out both[2] = {{csv_path, cs.v, (size_t)cs.n}, {json_path, js.v, (size_t)js.n}};
    bool ok = files_write_atomic(both, 2, d);
    free(csv_path);
    free(json_path);
    VEC_FREE(cs);
    VEC_FREE(js);
    return ok;
}
