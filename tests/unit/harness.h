/* harness.h — a tiny test harness: TEST functions, CHECK macros, and a
 * runner that ends with "N passed, N failed". */
#ifndef PAIBAN_TEST_HARNESS_H
#define PAIBAN_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

extern int harness_failed_checks;
extern const char *harness_current;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "  %s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,                 \
                    harness_current, #cond);                                                       \
            harness_failed_checks++;                                                               \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "  %s:%d: %s: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__,  \
                    harness_current, #a, a_, #b, b_);                                              \
            harness_failed_checks++;                                                               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "  %s:%d: %s: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__,    \
                    harness_current, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                  \
            harness_failed_checks++;                                                               \
        }                                                                                          \
    } while (0)

typedef void (*test_fn)(void);
typedef struct test_case {
    const char *name;
    test_fn fn;
} test_case;

#endif
