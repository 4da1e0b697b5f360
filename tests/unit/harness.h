/* harness.h - a tiny test harness: each check prints PASS/FAIL with its location. */
#ifndef BL_HARNESS_H
#define BL_HARNESS_H
#include <stdio.h>
#include <string.h>

extern int bl_test_failed;

#define CHECK(cond, ...)                                                           \
    do {                                                                           \
        if (cond) {                                                                \
            printf("PASS: ");                                                      \
        } else {                                                                   \
            printf("FAIL: %s:%d: ", __FILE__, __LINE__);                           \
            bl_test_failed++;                                                      \
        }                                                                          \
        printf(__VA_ARGS__);                                                       \
        printf("\n");                                                              \
    } while (0)

#define CHECK_STR(got, want, ...)                                                  \
    do {                                                                           \
        const char *g_ = (got), *w_ = (want);                                      \
        int ok_ = g_ && w_ && strcmp(g_, w_) == 0;                                 \
        CHECK(ok_, __VA_ARGS__);                                                   \
        if (!ok_)                                                                  \
            printf("    want \"%s\", got \"%s\"\n", w_ ? w_ : "(null)", g_ ? g_ : "(null)"); \
    } while (0)

void test_core(void);
void test_ocrimage(void);
void test_numerals(void);
void test_normalize(void);
void test_rules(void);
void test_parse(void);
void test_numbers(void);
void test_layout(void);
void test_cmscache(void);

#endif
