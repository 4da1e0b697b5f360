/*
 * page.h - extract/'s own: the layout reader's model of one page (glyphs,
 * visual lines and their segments, rows of cells) and the helpers layout.c,
 * segments.c and rows.c share. Not a stage interface: extract.h is.
 */
#ifndef BL_PAGE_H
#define BL_PAGE_H

#include "layout.h"

typedef struct {
    uint32_t off; /* byte offset in the page text */
    uint8_t len;  /* UTF-8 length */
    bool space;
    int idx;      /* character index in the page text */
    float x0, y0, x1, y1;
} glyph;

typedef struct {
    int g0, g1; /* glyphs [g0, g1) of the line (sorted by x) */
    float x0, x1;
    float base; /* the line's even letter gap (0 for ordinary text) */
    float cx0, cx1; /* the cell it sits in: between its ruling lines, else its own extent */
    bool ruled;     /* cx0..cx1 are ruling lines */
} seg;

typedef struct {
    int g0, g1;
    float y0, y1, h;
    int s0, ns; /* segments [s0, s0+ns) */
    int table;  /* index+1 into the page's tables, 0 for prose */
    float base; /* evenly spaced text: the gap every glyph stands from the next */
    bool framed; /* inside a ruled frame: its segments are the cells between the rules */
    int nadv;            /* advances between its wide glyphs (lay_line_pitch), */
    float pitch, width;  /* their median, and the wide glyphs' median width */
    float cuts[8];       /* where it splits besides its rules or gaps (lay_stacks, lay_gutter_cuts) */
    int ncut;
} vline;

typedef struct {
    float x0, x1;
    bl_buf text;
    int *gl; /* glyph index per UTF-8 character */
    size_t ngl, capgl;
    bool numeric;
    bool ruled; /* x0..x1 are the cell's ruling lines */
    int col;
    float line_x0, line_x1, line_em; /* its last line's edges and last glyph's width (a wrapped figure fills its line) */
    float line_y;                    /* and that line's middle */
    float line_wmax;                 /* the widest of its lines before the last (0: one line) */
    int line_n, wmax_n;              /* the Chinese characters on its last line, and on that widest line */
    bool spread;                     /* two of its characters on a line stand apart (a document grid's evenly spaced text) */
} cellb;

typedef struct {
    int line0; /* first visual line */
    int ncells;
    cellb cells[64];
    bool header;
} rowb;

/* the row a page break splits, kept back until the next page shows whether it goes on */
typedef struct {
    rowb row;
    int page, line, table, rowno;
} pending_row;

/* segments.c: lines into segments, evenly spaced text, ruling lines */
int lay_cmp_float(const void *a, const void *b);
bool lay_wide_glyph(const char *text, const glyph *g);
int lay_line_pitch(const char *text, const glyph *gs, const vline *L, float *pitch, float *width,
                      bool *regular);
bool lay_word_gap(const glyph *p, const glyph *g, float base);
float lay_overlap(float a0, float a1, float b0, float b1);
bool lay_crosses(const bl_rule *r, const vline *L);
void lay_segment_line(const glyph *gs, vline *L, seg *segs, size_t *nseg, const bl_rules *rl);
/*
 * Text a character grid set past a cell's rule: a framed line splits only at rules, so
 * two of its segments in one cell mean one of them overran. The left one goes to the
 * cell on its left when that holds nothing on the line (执 of 执行率 over the rule of
 * 得分; 分值 set wholly in 得分's cell), else the right one to the right; glyphs stacked
 * at the same place in that cell on the page's other lines (率) go with it.
 */
void lay_straddlers(const vline *ls, size_t nl, seg *segs, const bl_rules *rl);
/*
 * Two texts in one cell of a character grid: a cell's lines (no rule between them) whose
 * wide glyphs leave a channel down the cell, with text on both sides on the top lines
 * and a line below starting right of it (得分 | 偏差原因… where 得分 was set a grid
 * slot right of its own cell). When the left text can move to a cell on its left (what
 * lay_straddlers does with it), adds a cut at the channel to those lines and returns true;
 * the caller segments the lines again.
 */
bool lay_stacks(const char *text, const glyph *gs, vline *ls, size_t nl, const seg *segs, const bl_rules *rl);
/*
 * Cells without rules whose texts nearly touch (元）（A）（B） under 资金情况（万 | 全年预算数 |
 * 全年执行数): a gap between two glyphs of a segment, well wider than the segment's other
 * gaps, lying in a gutter between two segments of the line above or below (within a line's
 * height of it, and three segments or more: a row of cells) is a cell boundary. Adds those cuts; true when it added one (the caller
 * segments the lines again).
 */
bool lay_gutter_cuts(const glyph *gs, vline *ls, size_t nl, const seg *segs);
/*
 * Line q's frame is a footer row of line p's table (合计 | 100 | 99.00 set as a table of
 * its own under the indicator table): its top rule within two lines of the bottom rule
 * under p, and each of its cells after the first (two or more) as wide as the cells
 * ending p's row, counted from the right. Its cells then fall under p's columns.
 */
bool lay_footer_frame(const bl_rules *rl, const vline *p, const vline *q);
/* A horizontal rule inside lines l..e-1 runs across four fifths of their text's width. */
bool lay_rules_span(const bl_rules *rl, const vline *ls, size_t l, size_t e, const seg *segs);
/* The height of the nearest horizontal rule over most of segment a of line b, above it; -1e30 none. */
float lay_rule_above_y(const bl_rules *rl, const vline *b, const seg *a);
bool lay_ruled_above(const bl_rules *rl, float lo, const vline *b, const seg *segs);
bool lay_one_frame(const bl_rules *rl, const vline *a, const vline *b);
bool lay_ruled_in_column(const bl_rules *rl, const vline *ls, size_t r0, size_t j, const seg *segs);
bool lay_ruled_between(const bl_rules *rl, const vline *a, const vline *b, const seg *segs);
int lay_line_above(const vline *ls, size_t l, size_t j, const seg *segs, const seg *a);
bool lay_rule_over(const bl_rules *rl, const vline *p, const vline *j, const seg *a);

/* rows.c: segments into rows of cells; the row a page break splits */
bool lay_is_cjk_start(const char *s);
bool lay_numeric_cell(const char *s, size_t n);
/* Segment s's text is a figure or a placeholder (lay_numeric_cell). */
bool lay_numeric_seg(const char *text, const glyph *gs, const seg *s);
/* Segment s reads as a sentence (lay_prose_cell). */
bool lay_prose_seg(const char *text, const glyph *gs, const seg *s);
bool lay_prose_cell(const char *s, size_t n);
void lay_cell_add(cellb *c, const char *text, const glyph *g, bool space_before);
bool lay_line_full(const cellb *c);
/* The same, seen: a ruled cell whose last line was measured (not taken as full for want of rules). */
bool lay_line_seen_full(const cellb *c);
void lay_cell_append_seg(cellb *c, const char *text, const glyph *gs, const seg *s, bool joining);
void lay_add_line(bl_doc *doc, size_t *cap, bl_line **out);
int lay_grid_col(const float *gx, const float *gr, int ng, float x0, float x1);
void lay_emit_row(bl_doc *doc, bl_buf *raw, size_t *cap, rowb *r, int page, int line, int table,
                     int rowno);
bool lay_nests(const rowb *u, const rowb *d);
void lay_row_free(rowb *r);
void lay_row_add_seg(rowb *r, const char *text, const glyph *gs, const seg *s, bool first_line);
void lay_row_text(const rowb *r, bl_buf *out);
bool lay_cells_overlap(const rowb *r);
/*
 * Line L holds only the rest of figures wrapped in the row r so far (a table without rules
 * between its rows: 1 / 0 / 0 down a narrow ruled cell): each of its segments is digits,
 * points, separators or a percent sign under a figure of r whose line ran to its rule.
 */
bool lay_figures_go_on(const rowb *r, const char *text, const glyph *gs, const vline *L, const seg *segs);
/*
 * Line j (of a table without rules, lines [l, e)) holds only the rest of words wrapped in the
 * row r so far, whatever digits they hold (产出指标（5 / 0 分）, 维修水库座 / 数): each of its
 * segments lies under a cell of words whose last line is as wide as the widest text its
 * column holds - a line the cell's width ended.
 */
bool lay_words_go_on(const rowb *r, const vline *ls, size_t l, size_t e, size_t j, const seg *segs);
/* Segment s is set as a column of the open table's grid sets its text: centred in it, or from its left edge. */
bool lay_aligned_in_column(const bl_layout_state *st, const seg *s);
/* Segment s lies within the open table's grid, two thirds of it in one column (prose at the margin runs past the first). */
bool lay_in_column(const bl_layout_state *st, const seg *s);
bool lay_finishes(const pending_row *p, const rowb *r, const bl_layout_state *st);
void lay_finish_row(pending_row *p, rowb *r);
bool lay_collides(const rowb *r, const float *gx, const float *gr, int ng);

#endif
