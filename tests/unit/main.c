/* main.c - runs every unit suite; the shell runner counts PASS/FAIL lines. */
#include "harness.h"

#include "../../normalize/normalize.h"
#include "../../parse/parse.h"

int bl_test_failed;

int main(void)
{
    test_core();
    test_numerals();
    test_normalize();
    test_rules();
    test_parse();
    test_numbers();
    test_layout();
    test_ocrimage();
    test_cmscache();
    bl_parse_cleanup();
    bl_normalize_cleanup();
    return bl_test_failed ? 1 : 0;
}
