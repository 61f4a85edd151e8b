/* tests.h — the list of unit tests (one X per test function). */
#ifndef PAIBAN_TESTS_H
#define PAIBAN_TESTS_H

#include "harness.h"

#define TEST_LIST                                                                                  \
    X(yml_unfold_plain_keeps_breaks)                                                               \
    X(yml_unfold_list_item)                                                                        \
    X(yml_unfold_folded_block)                                                                     \
    X(yml_unfold_blank_line_is_double_break)                                                       \
    X(yml_duplicate_key_is_error_with_location)                                                    \
    X(yml_syntax_error_location)                                                                   \
    X(yml_invalid_utf8_reports_byte_offset)                                                        \
    X(yml_alias_bomb_is_bounded)                                                                   \
    X(yml_unknown_key_suggests)                                                                    \
    X(yml_lengths)                                                                                 \
    X(breaker_optimal_beats_first_fit)                                                             \
    X(breaker_first_fit_takes_what_fits)                                                           \
    X(breaker_overfull_box)                                                                        \
    X(breaker_forced_and_forbidden_breaks)                                                         \
    X(breaker_first_line_measure)                                                                  \
    X(breaker_looseness_plus_and_minus_one)                                                        \
    X(breaker_penalty_steers_the_choice)                                                           \
    X(LB_1_comma_never_starts_a_line)

#define X(n) void test_##n(void);
TEST_LIST
#undef X

#ifdef HARNESS_MAIN
static const test_case all_tests[] = {
#define X(n) {#n, test_##n},
    TEST_LIST
#undef X
};
#endif

#endif
