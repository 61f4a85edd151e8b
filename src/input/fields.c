/* fields.c — reading mappings through field tables, and printing the tables. */
#include "input/fields.h"

#include "base/strbuf.h"
#include "base/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows of the longest table, with room to spare: the keys a mapping allows. */
enum { MAX_ROWS = 64 };

static void *slot(void *dest, const field *f) { return (char *)dest + f->at; }

/* A row of a kind of node, which reads it or keeps it for the loader. */
static bool is_node(const field *f)
{
    return f->type == FIELD_MAP || f->type == FIELD_LIST || f->type == FIELD_SCALAR;
}

/* The row's value in messages: its `what`, else its key, quoted when it is
 * a node of its own (a section), as messages always have. */
static const char *row_name(const field *f, char *buf, size_t size)
{
    if (f->what)
        return f->what;
    if (!is_node(f))
        return f->key;
    snprintf(buf, size, "\"%s\"", f->key);
    return buf;
}

static bool read_percent(field_reader *r, const field *f, yml_node *v, double *out)
{
    const char *s;
    if (!yml_read_string(v, r->d, r->name, &s))
        return false;
    double pct;
    if (!yml_parse_percent(s, true, &pct) || pct < f->min || pct > f->max) {
        if (f->hint)
            return diag_error(r->d, v->loc, "%s must be %s, not \"%s\"", r->name, f->hint, s);
        return diag_error(r->d, v->loc, "%s must be a percentage from %ld%% to %ld%%, not \"%s\"",
                          r->name, f->min, f->max, s);
    }
    *out = pct / 100.0;
    return true;
}

/* A length that may be given in em keeps its multiple, so that it follows
 * the size, also into styles that inherit it and change the size; not
 * given, a multiple already there (inherited) is applied to this em. */
static bool read_em_length(field_reader *r, const field *f, yml_node *v, void *dest)
{
    scaled em = r->em ? *r->em : 0;
    scaled *out = slot(dest, f);
    double *ratio = (double *)((char *)dest + f->ratio);
    if (!v) {
        if (*ratio != 0)
            *out = (scaled)(*ratio * em + 0.5);
        return true;
    }
    if (!fields_read_length(r, v, em, out))
        return false;
    size_t len = strlen(v->str);
    *ratio = len > 2 && strcmp(v->str + len - 2, "em") == 0 && em > 0 ? (double)*out / em : 0;
    return true;
}

/* One row of a built-in type from a present value. */
static bool read_value(field_reader *r, const field *f, yml_node *v, void *dest)
{
    void *p = slot(dest, f);
    const char *s;
    long n;
    int k;
    switch (f->type) {
    case FIELD_STRING:
        if (!yml_read_string(v, r->d, r->name, &s) || !fields_text_fits(r, v, s))
            return false;
        *(const char **)p = arena_strdup(r->arena, s);
        return true;
    case FIELD_INT:
        if (!fields_read_int(r, v, &n))
            return false;
        *(int *)p = (int)n;
        return true;
    case FIELD_BOOL:
        return yml_read_bool(v, r->d, r->name, p);
    case FIELD_CHOICE:
        if (!yml_read_choice(v, r->d, r->name, f->choices, &k))
            return false;
        *(int *)p = k;
        return true;
    case FIELD_SWITCH:
        if (!yml_read_choice(v, r->d, r->name, f->choices, &k))
            return false;
        *(bool *)p = k == f->on;
        return true;
    case FIELD_LENGTH:
        return fields_read_length(r, v, r->em ? *r->em : 0, p);
    case FIELD_PERCENT:
        return read_percent(r, f, v, p);
    case FIELD_MAP:
    case FIELD_LIST:
    case FIELD_SCALAR:
        if (!yml_expect_kind(v, r->d, f->type == FIELD_MAP    ? YML_MAP
                                      : f->type == FIELD_LIST ? YML_SEQ
                                                              : YML_SCALAR,
                             r->name))
            return false;
        if (f->type == FIELD_LIST && f->max && v->count > f->max)
            return diag_error(r->d, v->loc, "%s lists %d items; it may have %ld at most", r->name,
                              v->count, f->max);
        if (f->type == FIELD_LIST && f->max && v->count < f->min)
            return diag_error(r->d, v->loc, "%s lists %d items; it needs %ld at least", r->name,
                              v->count, f->min);
        if (f->read)
            return f->read(r, v, dest);
        *(yml_node **)p = v; /* read by the loader once it knows what it needs */
        return true;
    case FIELD_EM_LENGTH:
    case FIELD_CUSTOM:
        break;
    }
    return false;
}

static bool read_row(field_reader *r, const field *f, yml_node *v, void *dest)
{
    if (f->type == FIELD_EM_LENGTH)
        return read_em_length(r, f, v, dest);
    if (f->type == FIELD_CUSTOM || (is_node(f) && !v))
        return f->read ? f->read(r, v, dest) : true;
    return v ? read_value(r, f, v, dest) : true;
}

/* The keys a table allows, NULL-terminated, into `allowed` (MAX_ROWS + 1). */
static void allowed_keys(const field_table *t, const char **allowed)
{
    int n = 0;
    for (const field *f = t->fields; f->key && n < MAX_ROWS; f++)
        allowed[n++] = f->key;
    allowed[n] = NULL;
}

bool fields_read(field_reader *r, yml_node *map, const field_table *t, void *dest)
{
    field_reader saved = *r;
    const char *what = r->what ? r->what : t->what;
    const char *allowed[MAX_ROWS + 1];
    allowed_keys(t, allowed);
    r->map = map;
    r->what = NULL; /* it names this mapping, not one a row reads */
    r->ok = yml_expect_keys(map, r->d, what, allowed);
    for (const field *f = t->fields; f->key; f++) {
        char buf[80];
        r->row = f;
        r->name = row_name(f, buf, sizeof buf);
        /* A row without a reader that the loader reads itself is not looked up. */
        yml_node *v = f->type == FIELD_CUSTOM && !f->read ? NULL : yml_lookup(map, f->key);
        bool ok;
        if (!v && f->required)
            ok = yml_missing(map, r->d, what, f->key);
        else
            ok = read_row(r, f, v, dest);
        r->ok &= ok;
        if (!ok && f->vital)
            break;
    }
    bool ok = r->ok;
    *r = saved;
    return ok;
}

bool fields_check_keys(field_reader *r, yml_node *map, const field_table *t)
{
    const char *allowed[MAX_ROWS + 1];
    allowed_keys(t, allowed);
    return yml_expect_keys(map, r->d, r->what ? r->what : t->what, allowed);
}

bool fields_read_nested(field_reader *r, yml_node *v, void *dest)
{
    return !v || fields_read(r, v, r->row->arg, dest);
}

bool fields_read_int(field_reader *r, yml_node *v, long *out)
{
    const field *f = r->row;
    long max = f->max_arg ? r->args[f->max_arg - 1] : f->max;
    return yml_read_int(v, r->d, r->name, f->min, max, out);
}

/* "9pt", "-0.5em": a bound as the docs write it. */
static void bound_text(double v, bool in_em, char *buf, size_t size)
{
    snprintf(buf, size, "%g%s", v, in_em ? "em" : "pt");
}

bool fields_read_length(field_reader *r, yml_node *v, scaled em, scaled *out)
{
    const field *f = r->row;
    scaled value;
    if (!yml_read_length(v, r->d, r->name, em, &value))
        return false;
    double scale = f->in_em ? pt_from_scaled(em) : 1;
    /* A length is whole 1/65536 pt: the bounds are met to within one. */
    double pt = pt_from_scaled(value), slack = 1.0 / SCALED_ONE;
    if (pt >= f->lo * scale - slack && pt <= f->hi * scale + slack) {
        *out = value;
        return true;
    }
    char lo[32], hi[32];
    bound_text(f->lo, f->in_em, lo, sizeof lo);
    bound_text(f->hi, f->in_em, hi, sizeof hi);
    if (f->in_em)
        return diag_error(r->d, v->loc,
                          "%s must be between %s and %s (%gpt and %gpt at this size of %gpt), "
                          "not \"%s\"",
                          r->name, lo, hi, f->lo * scale, f->hi * scale, scale, v->str);
    return diag_error(r->d, v->loc, "%s must be between %s and %s, not \"%s\"", r->name, lo, hi,
                      v->str);
}

bool fields_text_fits(field_reader *r, const yml_node *v, const char *text)
{
    long max = r->row->max;
    size_t chars = utf8_length(text, strlen(text));
    if (!max || (long)chars <= max)
        return true;
    return diag_error(r->d, v->loc, "%s is %zu characters long; it may have at most %ld", r->name,
                      chars, max);
}

/* ---- the key table --------------------------------------------------- */

static const char *type_doc(const field *f)
{
    static const char *const names[] = {
        [FIELD_STRING] = "text",          [FIELD_INT] = "whole number",
        [FIELD_BOOL] = "true or false",   [FIELD_CHOICE] = "choice",
        [FIELD_SWITCH] = "choice",        [FIELD_LENGTH] = "length",
        [FIELD_EM_LENGTH] = "length",     [FIELD_PERCENT] = "percentage",
        [FIELD_MAP] = "mapping",          [FIELD_LIST] = "list",
        [FIELD_SCALAR] = "a single value", [FIELD_CUSTOM] = "",
    };
    return f->type_doc ? f->type_doc : names[f->type];
}

/* Text for a cell: a '|' would end it. */
static void cell(strbuf *b, const char *s)
{
    for (; *s; s++)
        sb_printf(b, *s == '|' ? "\\|" : "%c", *s);
}

static void range_doc(strbuf *b, const field *f)
{
    if (f->range_doc) {
        cell(b, f->range_doc);
        return;
    }
    if (f->choices) {
        for (int i = 0; f->choices[i]; i++)
            sb_printf(b, "%s`%s`", i ? ", " : "", f->choices[i]);
        return;
    }
    switch (f->type) {
    case FIELD_INT:
        sb_printf(b, "%ld to %ld", f->min, f->max);
        break;
    case FIELD_PERCENT:
        sb_printf(b, "%ld%% to %ld%%", f->min, f->max);
        break;
    case FIELD_LENGTH:
    case FIELD_EM_LENGTH:
        if (f->lo < f->hi) {
            char lo[32], hi[32];
            bound_text(f->lo, f->in_em, lo, sizeof lo);
            bound_text(f->hi, f->in_em, hi, sizeof hi);
            sb_printf(b, "%s to %s", lo, hi);
        }
        if (f->type == FIELD_EM_LENGTH)
            sb_printf(b, "%sin em, follows the size", f->lo < f->hi ? "; " : "");
        break;
    case FIELD_STRING:
        if (f->max)
            sb_printf(b, "at most %ld characters", f->max);
        break;
    case FIELD_LIST:
        if (f->max)
            sb_printf(b, "%ld to %ld items", f->min, f->max);
        break;
    default:
        /* A row's own reader of a length says its range as a length row does. */
        if (f->lo < f->hi) {
            char lo[32], hi[32];
            bound_text(f->lo, f->in_em, lo, sizeof lo);
            bound_text(f->hi, f->in_em, hi, sizeof hi);
            sb_printf(b, "%s to %s", lo, hi);
        }
        break;
    }
}

char *fields_markdown(const field_table *t)
{
    strbuf b = {0};
    sb_printf(&b, "| key | type | range or choices | meaning |\n|---|---|---|---|\n");
    for (const field *f = t->fields; f->key; f++) {
        sb_printf(&b, "| `%s` | ", f->key);
        cell(&b, type_doc(f));
        sb_printf(&b, " | ");
        range_doc(&b, f);
        sb_printf(&b, " | ");
        cell(&b, f->doc ? f->doc : "");
        sb_printf(&b, "%s |\n", f->required ? " (required)" : "");
    }
    return sb_take(&b);
}
