/* test_ocrimage.c - ocr.c's page-image work that needs no engine (extract/ocrimage.h). */
#include "../../extract/ocrimage.h"
#include "harness.h"

#include <stdlib.h>

/* rl's vertical rules as given (points: x, y0, y1) */
static void vrules(bl_rules *rl, const float (*v)[3], size_t n)
{
    rl->v = malloc(n * sizeof *rl->v);
    rl->nv = n;
    rl->h = NULL;
    rl->nh = 0;
    for (size_t k = 0; k < n; k++)
        rl->v[k] = (bl_rule){v[k][0], v[k][1], v[k][0], v[k][2]};
}

void test_ocrimage(void)
{
    /* a rule a seal's ring broke in three, a little off line: one rule */
    const float seal[][3] = {{430.6f, 348.7f, 474.2f}, {430.9f, 481.7f, 511.0f}, {430.6f, 517.7f, 775.0f}};
    bl_rules rl;
    vrules(&rl, seal, 3);
    ocr_bridge_rules(&rl);
    CHECK(rl.nv == 1 && rl.v[0].y0 == 348.7f && rl.v[0].y1 == 775.0f,
          "ocr_bridge_rules: a rule broken by a seal is one rule (%zu left)", rl.nv);
    free(rl.v);
    /* what stays apart: a gap of a row (20 pt), pieces a column apart, a glyph's strokes */
    const float apart[][3] = {{100, 100, 200}, {100, 220, 300}, {140, 100, 200}, {143, 205, 300},
                              {200, 100, 110}, {200, 115, 125}};
    vrules(&rl, apart, 6);
    ocr_bridge_rules(&rl);
    CHECK(rl.nv == 6, "ocr_bridge_rules: a row's gap, rules 3 pt apart across, strokes shorter than 18 pt stay apart (%zu)",
          rl.nv);
    free(rl.v);
    /* horizontal rules alike */
    rl = (bl_rules){0};
    rl.h = malloc(2 * sizeof *rl.h);
    rl.nh = 2;
    rl.h[0] = (bl_rule){60, 500, 300, 500};
    rl.h[1] = (bl_rule){308, 500.5f, 550, 500.5f};
    ocr_bridge_rules(&rl);
    CHECK(rl.nh == 1 && rl.h[0].x1 == 550, "ocr_bridge_rules: a horizontal rule broken for 8 pt is one rule");
    free(rl.h);
}
