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
    /* a character grid centres 清运 / 垃圾 in their cell: the last line, as wide as the one
     * above, is as full as it is; a narrower one (量) is not */
    c.ruled = true, c.x0 = 190.5f, c.x1 = 274.5f, c.line_x0 = 212.8f, c.line_x1 = 253.3f, c.line_em = 10.5f;
    CHECK(!lay_line_full(&c), "layout: one centred line: not full");
    c.line_wmax = 40.5f;
    CHECK(lay_line_full(&c), "layout: a centred line as wide as the lines above it fills the cell");
    c.line_x0 = 227.8f, c.line_x1 = 238.3f;
    CHECK(!lay_line_full(&c), "layout: a centred line narrower than the lines above does not");

    /* a row a page break split: the next page's words go on under words, and under a
     * figure whose line ran to its rule (≥360天服 / 务读者), not under one centred in its cell */
    pending_row p = {0};
    const char *above[] = {"可持续", "≥360天服", "≥360天"};
    const float px[][2] = {{100, 160}, {160, 230}, {230, 300}};
    for (int k = 0; k < 3; k++) {
        cellb *u = &p.row.cells[k];
        bl_buf_add(&u->text, above[k], strlen(above[k]));
        u->x0 = px[k][0], u->x1 = px[k][1], u->ruled = true;
        u->numeric = lay_numeric_cell(above[k], strlen(above[k]));
        u->line_x0 = u->x0 + 5, u->line_x1 = u->x1 - 4, u->line_em = 10;
    }
    p.row.ncells = 3;
    rowb next = {0};
    const char *below[] = {"影响指标", "务读者"};
    for (int k = 0; k < 2; k++) {
        bl_buf_add(&next.cells[k].text, below[k], strlen(below[k]));
        next.cells[k].x0 = px[k][0] + 5, next.cells[k].x1 = px[k][1] - 5;
    }
    next.ncells = 2;
    bl_layout_state st = {0};
    CHECK(p.row.cells[1].numeric && lay_finishes(&p, &next, &st),
          "layout: 务读者 goes on under ≥360天服, whose line ran to its rule");
    p.row.cells[1].line_x0 = 185, p.row.cells[1].line_x1 = 205; /* centred, room on both sides */
    CHECK(!lay_finishes(&p, &next, &st), "layout: words under a figure centred in its cell are a new row");
    lay_row_free(&p.row);
    lay_row_free(&next);

    /* words and figures go on together (其 / 中：当年财政拨款, 38.600 / 000, 1 / 00.00%) when every
     * cell above ran to its rule and the row had more figures; not under a centred figure */
    pending_row q = {0};
    const char *qa[] = {"其", "38.600", "1", "—"}, *qb[] = {"中：当年财政拨款", "000", "00.00%"};
    for (int k = 0; k < 4; k++) {
        cellb *u = &q.row.cells[k];
        bl_buf_add(&u->text, qa[k], strlen(qa[k]));
        u->x0 = 100 + 40 * k, u->x1 = 140 + 40 * k, u->ruled = true;
        u->numeric = lay_numeric_cell(qa[k], strlen(qa[k]));
        u->line_x0 = u->x0 + 3, u->line_x1 = u->x1 - 3, u->line_em = 6;
    }
    q.row.ncells = 4;
    rowb r2 = {0};
    for (int k = 0; k < 3; k++) {
        bl_buf_add(&r2.cells[k].text, qb[k], strlen(qb[k]));
        r2.cells[k].x0 = 102 + 40 * k, r2.cells[k].x1 = 138 + 40 * k;
        r2.cells[k].numeric = lay_numeric_cell(qb[k], strlen(qb[k]));
    }
    r2.ncells = 3;
    CHECK(lay_finishes(&q, &r2, &st), "layout: a label's and figures' rest go on under cells that ran to their rules");
    q.row.cells[2].line_x0 = 197, q.row.cells[2].line_x1 = 203; /* 1 centred in its cell */
    CHECK(!lay_finishes(&q, &r2, &st), "layout: not under a figure centred in its cell (a new row)");
    lay_row_free(&q.row);
    lay_row_free(&r2);

    /* a character grid set 分值 wholly in 得分's cell, 得分 over its right rule: the left one
     * goes back to the empty cell on its left, and so does the glyph stacked under it */
    {
        bl_rules g = {0};
        bl_rule v[] = {{100, 50, 100, 300}, {140, 50, 140, 300}, {180, 50, 180, 300}, {220, 50, 220, 300}};
        g.v = v, g.nv = 4;
        vline ls2[3] = {{.y0 = 100, .y1 = 110, .h = 10, .s0 = 0, .ns = 2, .framed = true},
                        {.y0 = 130, .y1 = 140, .h = 10, .s0 = 2, .ns = 1, .framed = true},
                        {.y0 = 160, .y1 = 170, .h = 10, .s0 = 3, .ns = 1, .framed = true}};
        seg sg[4] = {{.x0 = 143, .x1 = 153, .cx0 = 140, .cx1 = 180, .ruled = true},
                     {.x0 = 175, .x1 = 185, .cx0 = 140, .cx1 = 180, .ruled = true},
                     {.x0 = 143, .x1 = 153, .cx0 = 140, .cx1 = 180, .ruled = true},
                     {.x0 = 150, .x1 = 160, .cx0 = 140, .cx1 = 180, .ruled = true}};
        lay_straddlers(ls2, 3, sg, &g);
        CHECK(sg[0].cx0 == 100 && sg[0].cx1 == 140 && sg[1].cx0 == 140, "layout: two segments in one cell: the left one goes left");
        CHECK(sg[2].cx0 == 100, "layout: the glyph stacked under it goes with it");
        CHECK(sg[3].cx0 == 140, "layout: text elsewhere in the cell stays");
    }

    /* 分 standing on the 分值/执行率 rule (0.25 pt past its middle), then a gap, then 执: two
     * segments, and 分 goes back to its own empty cell */
    {
        bl_rules g = {0};
        bl_rule v[] = {{374.5f, 50, 374.5f, 300}, {417.5f, 50, 417.5f, 300}, {476.5f, 50, 476.5f, 300}};
        g.v = v, g.nv = 3;
        glyph gl[2] = {{.x0 = 412.5f, .x1 = 423.0f, .y0 = 100, .y1 = 110, .idx = 0},
                       {.x0 = 448.6f, .x1 = 459.1f, .y0 = 100, .y1 = 110, .idx = 1}};
        vline L1 = {.g0 = 0, .g1 = 2, .y0 = 100, .y1 = 110, .h = 10};
        seg sg[4];
        size_t nseg = 0;
        lay_segment_line(gl, &L1, sg, &nseg, &g);
        CHECK(nseg == 2, "layout: a glyph on a rule before a wide gap is a segment of its own (%zu)", nseg);
        lay_straddlers(&L1, 1, sg, &g);
        CHECK(nseg == 2 && sg[0].cx0 == 374.5f && sg[0].cx1 == 417.5f && sg[1].cx0 == 417.5f,
              "layout: and it goes back to the empty cell it started in");
    }

    /* two glyphs each set over a different rule (5 | 5 of 分值 and 得分, a grid's letter gap
     * between them): two segments */
    {
        bl_rules g = {0};
        bl_rule v[] = {{375.5f, 50, 375.5f, 300}, {405.5f, 50, 405.5f, 300}, {436.5f, 50, 436.5f, 300},
                       {511.5f, 50, 511.5f, 300}};
        g.v = v, g.nv = 4;
        glyph gl[2] = {{.x0 = 402.8f, .x1 = 408.6f, .y0 = 100, .y1 = 110, .idx = 0},
                       {.x0 = 432.8f, .x1 = 438.7f, .y0 = 100, .y1 = 110, .idx = 1}};
        vline L1 = {.g0 = 0, .g1 = 2, .y0 = 100, .y1 = 110, .h = 10, .base = 44.6f};
        seg sg[2];
        size_t nseg = 0;
        lay_segment_line(gl, &L1, sg, &nseg, &g);
        CHECK(nseg == 2, "layout: glyphs over two rules are two segments (%zu)", nseg);
        v[2].x0 = v[2].x1 = 460; /* one rule between them: a gap the grid's letter gap covers */
        nseg = 0;
        lay_segment_line(gl, &L1, sg, &nseg, &g);
        CHECK(nseg == 1, "layout: glyphs over one rule, a letter gap apart, stay one (%zu)", nseg);
    }

    /* a grid set 分值 a slot right, in 执行率's cell: two stacks of a character a line, the
     * left one on the top lines only, an empty cell on their left - cut apart, and 分 / 值
     * go back to the empty cell; centred prose or no room on the left: no cut */
    {
        const char *txt = "分执值行率";
        bl_rules g = {0};
        bl_rule v[] = {{400, 50, 400, 300}, {438, 50, 438, 300}, {495, 50, 495, 300}};
        g.v = v, g.nv = 3;
        glyph gl[5] = {{.off = 0, .len = 3, .x0 = 448, .x1 = 459, .y0 = 100, .y1 = 110, .idx = 0},
                       {.off = 3, .len = 3, .x0 = 478, .x1 = 489, .y0 = 100, .y1 = 110, .idx = 1},
                       {.off = 6, .len = 3, .x0 = 448, .x1 = 459, .y0 = 130, .y1 = 140, .idx = 2},
                       {.off = 9, .len = 3, .x0 = 478, .x1 = 489, .y0 = 130, .y1 = 140, .idx = 3},
                       {.off = 12, .len = 3, .x0 = 478, .x1 = 489, .y0 = 160, .y1 = 170, .idx = 4}};
        vline ls3[3] = {{.g0 = 0, .g1 = 2, .y0 = 100, .y1 = 110, .h = 10, .base = 19},
                        {.g0 = 2, .g1 = 4, .y0 = 130, .y1 = 140, .h = 10, .base = 19},
                        {.g0 = 4, .g1 = 5, .y0 = 160, .y1 = 170, .h = 10, .base = 19}};
        seg sg[5];
        size_t nseg = 0;
        for (int l = 0; l < 3; l++)
            lay_segment_line(gl, &ls3[l], sg, &nseg, &g);
        CHECK(nseg == 3, "layout: 分执 / 值行 / 率 are a segment a line (%zu)", nseg);
        CHECK(lay_stacks(txt, gl, ls3, 3, sg, &g) && ls3[0].ncut == 1 && ls3[0].cuts[0] > 459 && ls3[0].cuts[0] < 478 &&
                  ls3[1].ncut == 1 && ls3[1].cuts[0] == ls3[0].cuts[0] && ls3[2].ncut == 0,
              "layout: two stacks in one cell: the top lines cut between them");
        nseg = 0;
        for (int l = 0; l < 3; l++)
            lay_segment_line(gl, &ls3[l], sg, &nseg, &g);
        lay_straddlers(ls3, 3, sg, &g);
        CHECK(nseg == 5 && sg[0].cx0 == 400 && sg[0].cx1 == 438 && sg[2].cx0 == 400 && sg[1].cx0 == 438 &&
                  sg[4].cx0 == 438,
              "layout: 分 and 值 go back to the empty cell, 执行率 stays");
        ls3[0].ncut = ls3[1].ncut = 0;
        gl[4].x0 = 463, gl[4].x1 = 474; /* 率 centred under the two: prose, no channel */
        nseg = 0;
        for (int l = 0; l < 3; l++)
            lay_segment_line(gl, &ls3[l], sg, &nseg, &g);
        CHECK(!lay_stacks(txt, gl, ls3, 3, sg, &g), "layout: a line across the gap: one text, no cut");
        gl[4].x0 = 478, gl[4].x1 = 489;
        v[0].x0 = v[0].x1 = 438; /* no cell on the left */
        v[1].x0 = v[1].x1 = 400;
        g.v = v + 1, g.nv = 2;
        nseg = 0;
        for (int l = 0; l < 3; l++)
            lay_segment_line(gl, &ls3[l], sg, &nseg, &g);
        CHECK(!lay_stacks(txt, gl, ls3, 3, sg, &g), "layout: no cell on the left to take it: no cut");
    }

    /* the grid set each header a slot right: 分值 in 得分's cell, 得分 beside 偏差 in the last;
     * the cell on the left empty - each moves one cell left */
    {
        bl_rules g = {0};
        bl_rule v[] = {{100, 50, 100, 300}, {140, 50, 140, 300}, {180, 50, 180, 300}, {260, 50, 260, 300}};
        g.v = v, g.nv = 4;
        vline L1 = {.y0 = 100, .y1 = 110, .h = 10, .s0 = 0, .ns = 3, .framed = true};
        seg sg[3] = {{.x0 = 150, .x1 = 160, .cx0 = 140, .cx1 = 180, .ruled = true},
                     {.x0 = 190, .x1 = 200, .cx0 = 180, .cx1 = 260, .ruled = true},
                     {.x0 = 230, .x1 = 240, .cx0 = 180, .cx1 = 260, .ruled = true}};
        lay_straddlers(&L1, 1, sg, &g);
        CHECK(sg[0].cx0 == 100 && sg[0].cx1 == 140 && sg[1].cx0 == 140 && sg[1].cx1 == 180 && sg[2].cx0 == 180,
              "layout: a run of full cells up to an empty one: each text one cell left");
        sg[0].cx0 = 140, sg[0].cx1 = 180, sg[1].cx0 = 180, sg[1].cx1 = 260;
        v[0].x0 = v[0].x1 = 140; /* no empty cell: nothing moves */
        g.v = v + 1, g.nv = 3;
        lay_straddlers(&L1, 1, sg, &g);
        CHECK(sg[0].cx0 == 140 && sg[1].cx0 == 180, "layout: no empty cell at the run's end: nothing moves");
    }

    /* 合计 | 100 | 99.00 | (empty) set as a table of its own just under the indicator table,
     * its last cells as wide as the table's 权重 | 得分 | 原因: that table's footer row; not
     * when a cell's width differs, nor when the frames stand apart */
    {
        bl_rules g = {0};
        bl_rule v[] = {{60, 100, 60, 200},   {105, 100, 105, 200}, {353, 100, 353, 200}, {378, 100, 378, 200},
                       {405, 100, 405, 200}, {437, 100, 437, 200}, {68, 210, 68, 260},   {342, 210, 342, 260},
                       {368, 210, 368, 260}, {395, 210, 395, 260}, {428, 210, 428, 260}};
        bl_rule h[] = {{60, 100, 437, 100}, {60, 200, 437, 200}, {68, 210, 428, 210}, {68, 260, 428, 260}};
        g.v = v, g.nv = 11, g.h = h, g.nh = 4;
        vline table_end = {.y0 = 180, .y1 = 190, .h = 10}, foot = {.y0 = 230, .y1 = 240, .h = 10};
        CHECK(lay_footer_frame(&g, &table_end, &foot), "layout: a one-row frame under a table, as wide in its last cells: its footer");
        v[8].x0 = v[8].x1 = 372; /* 100's cell 30 pt, 99.00's 23 pt: not the table's 25 and 27 */
        CHECK(!lay_footer_frame(&g, &table_end, &foot), "layout: cells of other widths: a table of its own");
        v[8].x0 = v[8].x1 = 368;
        for (int k = 6; k < 11; k++)
            v[k].y0 += 40, v[k].y1 += 40;
        h[2].y0 = h[2].y1 = 250, h[3].y0 = h[3].y1 = 300;
        foot.y0 = 270, foot.y1 = 280;
        CHECK(!lay_footer_frame(&g, &table_end, &foot), "layout: a frame 50 pt below: a table of its own");
    }

    /* no rules: 元）（A） under 资金情况（万 | 全年预算数 - a gap well wider than the segment's
     * others under the line above's gutter parts the two cells; not without a line next to
     * it, nor (evenly set glyphs) where the gap only overlaps the gutter */
    {
        glyph gl[4] = {{.x0 = 98, .x1 = 108, .y0 = 163, .y1 = 176}, {.x0 = 109, .x1 = 119, .y0 = 163, .y1 = 176},
                       {.x0 = 170, .x1 = 180, .y0 = 163, .y1 = 176}, {.x0 = 181, .x1 = 198, .y0 = 163, .y1 = 176}};
        seg sg[4] = {{.x0 = 77, .x1 = 140}, {.x0 = 158, .x1 = 210}, {.x0 = 233, .x1 = 286},
                     {.g0 = 0, .g1 = 4, .x0 = 98, .x1 = 198}};
        vline ls2[2] = {{.y0 = 146, .y1 = 159, .h = 13, .s0 = 0, .ns = 3}, {.y0 = 163, .y1 = 176, .h = 13, .s0 = 3, .ns = 1}};
        CHECK(lay_gutter_cuts(gl, ls2, 2, sg) && ls2[1].ncut == 1 && ls2[1].cuts[0] > 140 && ls2[1].cuts[0] < 158 &&
                  ls2[0].ncut == 0,
              "layout: a gap under the line above's gutter parts two cells");
        ls2[1].ncut = 0;
        ls2[0].ns = 2; /* a line of prose with one wide space above it: no row of cells */
        CHECK(!lay_gutter_cuts(gl, ls2, 2, sg) && ls2[1].ncut == 0, "layout: under a line of two pieces (prose): no cut");
        ls2[0].ns = 3;
        ls2[1].y0 = 190, ls2[1].y1 = 203; /* two lines' height below: another table's line */
        CHECK(!lay_gutter_cuts(gl, ls2, 2, sg) && ls2[1].ncut == 0, "layout: no line next to it: no cut");
        ls2[1].y0 = 163, ls2[1].y1 = 176, ls2[1].base = 20;
        gl[2].x0 = 150, gl[2].x1 = 160, gl[3].x0 = 161, gl[3].x1 = 178; /* gap 119-150: overlaps 140-158, neither inside */
        CHECK(!lay_gutter_cuts(gl, ls2, 2, sg) && ls2[1].ncut == 0, "layout: evenly set glyphs, gap and gutter only overlapping: no cut");
    }

    /* the rule above a figure centred in a merged cell: the cell's top rule, over it; not a
     * glyph's stroke, nor a rule beside it */
    {
        bl_rules g = {0};
        bl_rule h[] = {{400, 100, 440, 100}, {400, 130, 404, 130}, {300, 120, 390, 120}};
        g.h = h, g.nh = 3;
        vline L1 = {.y0 = 140, .y1 = 150, .h = 10};
        seg twenty = {.x0 = 415, .x1 = 425};
        CHECK(lay_rule_above_y(&g, &L1, &twenty) == 100, "layout: the rule above 20 is its merged cell's top");
        g.nh = 0;
        CHECK(lay_rule_above_y(&g, &L1, &twenty) < -1e29f, "layout: no rule above: none");
    }

    /* three-line tables: a rule across the table's lines, not an underlined blank */
    {
        bl_rules g = {0};
        bl_rule h[] = {{70, 160, 500, 160}};
        g.h = h, g.nh = 1;
        seg sg[2] = {{.x0 = 77, .x1 = 140}, {.x0 = 400, .x1 = 490}};
        vline ls2[2] = {{.y0 = 146, .y1 = 159, .h = 13, .s0 = 0, .ns = 2}, {.y0 = 163, .y1 = 176, .h = 13, .s0 = 0, .ns = 2}};
        CHECK(lay_rules_span(&g, ls2, 0, 2, sg), "layout: a rule across the table's width spans it");
        h[0].x0 = 395, h[0].x1 = 460; /* under a figure: an underlined blank */
        CHECK(!lay_rules_span(&g, ls2, 0, 2, sg), "layout: an underline under one figure does not");
    }

    /* a cell's rest at the top of the next page, no rules: within the open table's grid, mostly in
     * one column (centred text wider than its header's name too); not prose across the columns */
    {
        bl_layout_state open = {0};
        const float gx[] = {70, 150, 230}, gr[] = {120, 190, 270};
        memcpy(open.grid_x, gx, sizeof gx), memcpy(open.grid_r, gr, sizeof gr);
        open.ngrid = 3;
        seg rest = {.x0 = 145, .x1 = 197}, across = {.x0 = 70, .x1 = 265}, margin = {.x0 = 60, .x1 = 100};
        CHECK(lay_in_column(&open, &rest), "layout: 验收合格率 centred under 三级指标 lies in its column");
        CHECK(!lay_in_column(&open, &across), "layout: a line across the columns does not");
        CHECK(!lay_in_column(&open, &margin), "layout: a line starting left of the table does not");
    }

    /* a table without rules between its rows: 1 / 0 / 0 down a narrow ruled cell is one
     * figure of the row; a label, or a figure under a centred one, starts a row */
    {
        rowb row = {0};
        cellb *u = &row.cells[0];
        bl_buf_add(&u->text, "1", 1);
        u->x0 = 430, u->x1 = 445, u->ruled = true;
        u->line_x0 = 435.1f, u->line_x1 = 440.0f, u->line_em = 5.0f;
        row.ncells = 1;
        const char *txt = "0计";
        glyph g0[2] = {{.off = 0, .len = 1, .x0 = 434.5f, .x1 = 440.3f, .y0 = 572, .y1 = 585},
                       {.off = 1, .len = 3, .x0 = 434.5f, .x1 = 444.5f, .y0 = 572, .y1 = 585}};
        seg s0[1] = {{.g0 = 0, .g1 = 1, .x0 = 434.5f, .x1 = 440.3f, .cx0 = 430, .cx1 = 445, .ruled = true}};
        vline L0 = {.g0 = 0, .g1 = 1, .s0 = 0, .ns = 1, .y0 = 572, .y1 = 585, .h = 13};
        CHECK(lay_figures_go_on(&row, txt, g0, &L0, s0), "layout: 0 under a 1 that ran to its rule goes on in the row");
        s0[0].g0 = 1, s0[0].g1 = 2;
        CHECK(!lay_figures_go_on(&row, txt, g0, &L0, s0), "layout: a word starts a row of its own");
        s0[0].g0 = 0, s0[0].g1 = 1;
        u->x0 = 400, u->x1 = 476; /* 1 centred in a wide cell */
        s0[0].cx0 = 400, s0[0].cx1 = 476;
        CHECK(!lay_figures_go_on(&row, txt, g0, &L0, s0), "layout: a figure under a centred figure starts a row");
        lay_row_free(&row);
    }

    /* a long rule with a glyph's strokes beside it and across it (a character set over a
     * cell's border): still one rule, 1 pt thick */
    enum { W = 120, H = 200 };
    static unsigned char img[W * H];
    memset(img, 255, sizeof img);
    for (int y = 10; y < 190; y++)
        img[y * W + 60] = 0;
    for (int g = 0; g < 4; g++) /* four glyphs down the rule: strokes on both sides, one across */
        for (int y = 20 + 40 * g; y < 30 + 40 * g; y++) {
            img[y * W + 58] = img[y * W + 59] = img[y * W + 61] = img[y * W + 62] = 0;
            if (y == 25 + 40 * g)
                for (int x = 52; x < 68; x++)
                    img[y * W + x] = 0;
        }
    bl_rules rl;
    bl_rules_scan(img, W, H, W, 1, 1.0f, &rl);
    int long_v = 0;
    for (size_t k = 0; k < rl.nv; k++)
        long_v += rl.v[k].y1 - rl.v[k].y0 >= 170 && rl.v[k].x0 > 60 && rl.v[k].x0 < 61.5f;
    CHECK(long_v == 1, "rules: a rule with glyph strokes beside it is kept (%d long rules of %zu)", long_v, rl.nv);
    bl_rules_free(&rl);
}
