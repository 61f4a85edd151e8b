/* ymlread.c — looking keys up in yml trees and reading their values. */
#include "input/yml.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool yml_is_null(const yml_node *n)
{
    return n->kind == YML_SCALAR && n->plain &&
           (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

const char *yml_kind_name(yml_kind k)
{
    switch (k) {
    case YML_SCALAR:
        return "a single value";
    case YML_SEQ:
        return "a list";
    case YML_MAP:
        return "a mapping";
    }
    return "?";
}

yml_node *yml_lookup(yml_node *map, const char *key)
{
    if (!map || map->kind != YML_MAP)
        return NULL;
    for (int i = 0; i < map->count; i++) {
        if (strcmp(map->keys[i]->str, key) == 0) {
            map->read[i] = true;
            return yml_is_null(map->items[i]) ? NULL : map->items[i];
        }
    }
    return NULL;
}

static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (a[i - 1] != b[j - 1]);
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), sub);
            prev = cur;
        }
    }
    return row[lb];
}

bool yml_expect_keys(const yml_node *map, diag *d, const char *what,
                     const char *const *allowed)
{
    bool ok = true;
    for (int i = 0; i < map->count; i++) {
        if (map->read[i])
            continue;
        const char *key = map->keys[i]->str;
        bool known = false;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, key) == 0;
        if (known)
            continue;
        /* The distances only for an unknown key: every key of every
         * mapping passes here, and most are known. */
        const char *best = NULL;
        int best_dist = 3;
        for (const char *const *a = allowed; *a; a++) {
            int dist = edit_distance(*a, key);
            if (dist < best_dist)
                best_dist = dist, best = *a;
        }
        ok = false;
        if (best)
            diag_error(d, map->keys[i]->loc, "unknown key \"%s\" in %s; did you mean \"%s\"?", key,
                       what, best);
        else {
            char list[512] = "";
            size_t used = 0;
            for (const char *const *a = allowed; *a && used < sizeof list - 40; a++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                         a == allowed ? "" : ", ", *a);
            diag_error(d, map->keys[i]->loc, "unknown key \"%s\" in %s; known keys: %s", key, what,
                       list);
        }
    }
    return ok;
}

bool yml_missing(const yml_node *map, diag *d, const char *what, const char *key)
{
    return diag_error(d, map->loc, "%s lacks the required key \"%s\"", what, key);
}

bool yml_expect_kind(const yml_node *n, diag *d, yml_kind kind, const char *what)
{
    if (n->kind == kind)
        return true;
    return diag_error(d, n->loc, "%s must be %s, not %s", what, yml_kind_name(kind),
                      yml_kind_name(n->kind));
}

bool yml_read_string(const yml_node *n, diag *d, const char *what, const char **out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    *out = n->str;
    return true;
}

bool yml_read_number(const yml_node *n, diag *d, const char *what, double *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    char *end;
    errno = 0;
    double v = strtod(n->str, &end);
    if (n->len == 0 || *end || errno || !isfinite(v))
        return diag_error(d, n->loc, "%s must be a number, not \"%s\"", what, n->str);
    *out = v;
    return true;
}

bool yml_read_int(const yml_node *n, diag *d, const char *what, long min, long max, long *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    char *end;
    errno = 0;
    long v = strtol(n->str, &end, 10);
    if (n->len == 0 || *end || errno)
        return diag_error(d, n->loc, "%s must be a whole number, not \"%s\"", what, n->str);
    if (v < min || v > max)
        return diag_error(d, n->loc, "%s must be between %ld and %ld, not %ld", what, min, max, v);
    *out = v;
    return true;
}

bool yml_read_bool(const yml_node *n, diag *d, const char *what, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", NULL};
    static const char *const no[] = {"false", "no", "off", NULL};
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    for (int i = 0; yes[i]; i++) {
        if (strcmp(n->str, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(n->str, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return diag_error(d, n->loc, "%s must be true or false, not \"%s\"", what, n->str);
}

bool yml_read_choice(const yml_node *n, diag *d, const char *what, const char *const *choices,
                     int *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    char list[512] = "";
    size_t used = 0;
    for (int i = 0; choices[i]; i++) {
        if (strcmp(n->str, choices[i]) == 0) {
            *out = i;
            return true;
        }
        if (used < sizeof list - 40)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
                                     choices[i]);
    }
    return diag_error(d, n->loc, "%s must be one of %s, not \"%s\"", what, list, n->str);
}

/* Chinese type sizes (字号) in the system MS Word, Adobe and ctex share
 * (typography CG-7); 新五号 is the newspaper body size of clreq. */
static const struct {
    const char *name;
    double pt;
} hao_sizes[] = {
    {"初号", 42},   {"小初", 36}, {"一号", 26},  {"小一", 24}, {"二号", 22},   {"小二", 18},
    {"三号", 16},   {"小三", 15}, {"四号", 14},  {"小四", 12}, {"五号", 10.5}, {"小五", 9},
    {"新五号", 9},  {"六号", 7.5}, {"小六", 6.5}, {"七号", 5.5}, {"八号", 5},
};

bool yml_parse_percent(const char *s, bool sign, double *out)
{
    const char *p = s;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p == s || p - s > 6)
        return false;
    if (*p == '.') {
        const char *frac = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p == frac)
            return false;
    }
    if (strcmp(p, "%") != 0 && (sign || *p))
        return false;
    *out = strtod(s, NULL);
    return true;
}

bool yml_parse_length(const char *s, scaled em, scaled *out)
{
    for (size_t i = 0; i < countof(hao_sizes); i++) {
        if (strcmp(s, hao_sizes[i].name) == 0) {
            *out = scaled_from_pt(hao_sizes[i].pt);
            return true;
        }
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !isfinite(v) || fabs(v) > 10000)
        return false;
    while (*end == ' ')
        end++;
    double pt;
    if (strcmp(end, "pt") == 0)
        pt = v;
    else if (strcmp(end, "mm") == 0)
        pt = v * MM_TO_PT;
    else if (strcmp(end, "cm") == 0)
        pt = v * 10 * MM_TO_PT;
    else if (strcmp(end, "in") == 0)
        pt = v * 72;
    else if (strcmp(end, "em") == 0 && em > 0)
        pt = v * pt_from_scaled(em);
    else if (*end == 0 && v == 0)
        pt = 0;
    else
        return false;
    if (fabs(pt) > 20000)
        return false;
    *out = scaled_from_pt(pt);
    return true;
}

bool yml_read_length(const yml_node *n, diag *d, const char *what, scaled em, scaled *out)
{
    if (!yml_expect_kind(n, d, YML_SCALAR, what))
        return false;
    if (yml_parse_length(n->str, em, out))
        return true;
    if (em > 0)
        return diag_error(d, n->loc,
                          "%s must be a length such as 9pt, 3.5mm, 2em or 小五, not \"%s\"", what,
                          n->str);
    return diag_error(d, n->loc, "%s must be a length such as 9pt, 3.5mm or 小五, not \"%s\"",
                      what, n->str);
}
