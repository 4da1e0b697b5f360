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

    /* a row whose cells overlap (a scan lost a rule inside a region: 283-340 and 283-396) */
    rowb r = {0};
    const float xs[][2] = {{187, 283}, {283, 340}, {283, 396}, {396, 464}};
    for (int k = 0; k < 4; k++)
        r.cells[k].x0 = xs[k][0], r.cells[k].x1 = xs[k][1], r.cells[k].ruled = true;
    r.ncells = 4;
    CHECK(lay_cells_overlap(&r), "layout: two cells over one stretch overlap");
    r.cells[2].x0 = 340;
    CHECK(!lay_cells_overlap(&r), "layout: cells side by side, sharing a rule, do not");
    r.cells[2].x0 = 283;
    r.cells[1].ruled = false;
    CHECK(!lay_cells_overlap(&r), "layout: only ruled cells are compared");
    /* a wrapped figure fills its line; a short one centred in its cell does not */
    cellb c = {0};
    c.ruled = true, c.x0 = 396.5f, c.x1 = 430.4f, c.line_x0 = 409.0f, c.line_x1 = 418.6f, c.line_em = 4.8f;
    CHECK(!lay_line_full(&c), "layout: 10 centred in a 34 pt cell does not fill it");
    c.x0 = 166.5f, c.x1 = 234.5f, c.line_x0 = 196.1f, c.line_x1 = 232.2f, c.line_em = 5.8f;
    CHECK(lay_line_full(&c), "layout: 2,600.0 running to the right rule fills it");
    c.ruled = false;
    CHECK(lay_line_full(&c), "layout: no rules, not known: taken as full");
}
