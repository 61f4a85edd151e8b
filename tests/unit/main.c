/* main.c — runs every unit test; the last line is "N passed, N failed". */
#include "harness.h"
#define HARNESS_MAIN
#include "tests.h"

#include <stdlib.h>

int harness_failed_checks;
const char *harness_current;

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof all_tests / sizeof all_tests[0]; i++) {
        if (argc > 1 && !strstr(all_tests[i].name, argv[1]))
            continue;
        harness_current = all_tests[i].name;
        int before = harness_failed_checks;
        all_tests[i].fn();
        if (harness_failed_checks == before) {
            passed++;
        } else {
            failed++;
            fprintf(stderr, "FAIL %s\n", all_tests[i].name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
