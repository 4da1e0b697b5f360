/*
 * cells.h - what one cell of a 自评表 says (tables.c reads rows with it): the role a
 * header cell gives its column, and a data cell's number, operator, unit or measure.
 */
#ifndef BL_PARSE_CELLS_H
#define BL_PARSE_CELLS_H

#include "../core/doc.h"

enum role {
    C_NONE,
    C_LABEL,
    C_BUDGET_INITIAL,
    C_BUDGET_ADJUSTED,
    C_BUDGET,
    C_EXECUTED,
    C_RATE,
    C_WEIGHT,
    C_SCORE,
    C_L1,
    C_L2,
    C_L3,
    C_TARGET,
    C_ACTUAL,
    C_REASON,
    C_MEASURE,
    C_NATURE, /* 指标性质: ≥ ≤ = 定性 */
    C_COEF,   /* 得分系数（%）: score = 系数 × 权重 (重庆) */
    C_SKIP
};

#define MAXCOL 64

typedef struct {
    const char *s;
    size_t n;
    size_t at; /* offset in doc->text */
    int col;
    float x0, x1; /* across the page, points; both 0 when not known (text tables) */
} cell;

/* ---- one cell's number ------------------------------------------------------------- */

typedef struct {
    bl_dec v;
    char op;            /* '>', '<', '=' or 0 */
    bl_unit unit;       /* money, %, or OTHER with measure */
    const char *measure;
    size_t mlen;
    size_t num_off;     /* offset of the number in the cell */
    bool placeholder;   /* — / - … */
    bool glued;         /* digits that are not one number (40004000100%) */
} cellnum;

/** The role a header cell gives its column; *letter its (A)/(B), *den the letter under a rate's "/". */
enum role role_of(const char *s, size_t n, char *letter, char *den);
bl_unit unit_in(const char *s, size_t n);
bool is_placeholder(const char *s, size_t n);
bool read_cell(const char *s, size_t n, cellnum *out);
bool is_total_label(const char *s, size_t n);
bool points_in(const char *s, size_t n, bl_dec *out, size_t *name_len);
const char *attainment(const char *s, size_t n);
int year_in(const char *s, size_t n);

/* What a header row says of its table's columns. */
typedef struct {
    enum role role[MAXCOL];
    char letter[MAXCOL];   /* (A), (B) after a budget / executed header */
    char rate_den;         /* the letter under the rate's "/": 执行率(B/A) -> 'A' */
    bl_unit unit;          /* 万元 / 元 from the header or a 单位 line */
    bool indicators;       /* an indicator section */
    bool funding;
    bool reason_col;       /* a 偏差原因 / 未完成原因 column */
    const char *weight_word; /* how the weight column is headed: "分值" or "权重" */
    float x0[MAXCOL], x1[MAXCOL]; /* each column's header cell across the page (0, 0: not known) */
    bool named[MAXCOL];    /* a header cell stands over the column (a scan may lose one) */
    bool clash[MAXCOL];    /* two header cells in one column (a scan lost the rule between
                              them, a grid's glyphs interleave): it names nothing */
} header;

/**
 * Does the cell stand under another column's header cell rather than its own (a row a
 * column off: a scan lost the rule its cells were counted from)? False when the
 * positions are not known.
 */
bool off_column(const header *h, const cell *c);

/** Read a header row into h (a column naming another year than the report's is skipped). Returns the roles named. */
int read_header(header *h, const cell *cs, int nc, int doc_year);
/** Is this row a header: two or more roles, no figure? */
bool is_header_row(const cell *cs, int nc);
/**
 * A target or actual written without its measure or direction, in a form that has
 * columns for them (四川: 指标性质 | 指标值 | 度量单位 | 完成值): take them from there.
 */
void with_columns(cellnum *v, const cell *measure, const cell *nature);

#endif
