/* test_layout.c - what the layout reader takes a table cell to be (extract/page.h). */
#include "../../extract/page.h"
#include "harness.h"

void test_layout(void)
{
    static const struct {
        const char *cell;
        bool numeric;
        const char *what;
    } t[] = {
        {"2.74", true, "a figure"},
        {"1,187.50", true, "a figure with separators"},
        {"≥95%", true, "a target with its operator"},
        {"12个", true, "a figure with a short unit"},
        {"100％", true, "a full-width percent"},
        {"——", true, "a placeholder"},
        {"1、公", false, "a numbered label cut by a page break (1、公务用车…)"},
        {"1，2", false, "a list"},
        {"度达到 96%。", false, "text around a number"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        CHECK(lay_numeric_cell(t[i].cell, strlen(t[i].cell)) == t[i].numeric, "layout: numeric cell %s: %s",
              t[i].cell, t[i].what);
}
