/*
 * doc.h - the document model that flows forward through the stages:
 *
 *   extract  fills  path, pages, raw, lines            (or err)
 *   normalize fills text, src                          (offset map)
 *   parse    fills  facts
 *   validate fills  findings (and derived facts)
 *   emit     reads  everything
 *
 * Everything hangs off doc->arena; bl_doc_free() releases it all.
 */
#ifndef BL_DOC_H
#define BL_DOC_H

#include "core.h"

/*
 * One cell of a table row (extract/, from the page's geometry): its text is
 * raw[off .. off+len); x0..x1 its horizontal extent in PDF points; col its
 * column, counted in the grid of the header row above it (0-based).
 */
typedef struct {
    size_t off, len;
    float x0, x1;
    int col;
} bl_cell;

/*
 * One extracted line: text is raw[off .. off+len), no newline. A table row is
 * one line whose cells are joined by tabs; table is its table's 1-based number
 * in the document (0 for prose), row its 1-based row in that table.
 */
typedef struct {
    int page, line; /* 1-based, as extracted */
    size_t off, len;
    int table, row;
    int ncells;
    bl_cell *cells;
    const int *glyph; /* lines the layout reader built: for each character of the line, its
                         index in the page's text (-1 for a tab or a space put between words);
                         NULL for lines kept in the page text's own order */
    signed char indent; /* prose from a PDF: its first character's distance from the
                           page's text margin in characters (a paragraph's first-line
                           indent is 2); -1 unknown */
    signed char fill;   /* prose from a PDF: how far across the page's text width it
                           reaches, in percent; -1 unknown */
} bl_line;

/* Error classes map one-to-one to JSON error codes and exit status 2. */
typedef enum {
    BL_OK = 0,
    BL_ERR_IO,          /* missing or unreadable file */
    BL_ERR_FORMAT,      /* not a PDF, damaged, empty, binary */
    BL_ERR_UNSUPPORTED, /* encrypted without password, no text layer */
    BL_ERR_LIMIT,       /* a resource cap was hit */
    BL_ERR_INTERNAL
} bl_errclass;

typedef struct {
    bl_errclass cls;
    const char *code;    /* "not-found", "not-pdf", "damaged", "encrypted", ... */
    const char *message; /* one line, no file name, no full stop */
} bl_error;

typedef enum {
    BL_KIND_BUDGET,
    BL_KIND_EXECUTED,
    BL_KIND_RATE,
    BL_KIND_SCORE,
    BL_KIND_GRADE,
    BL_KIND_CHANGE,     /* a year-on-year change of an amount: 增加 844.15 万元 (value signed) */
    BL_KIND_CHANGE_RATE, /* its percentage: 增长 6.59% (value signed) */
    BL_KIND_BALANCE,    /* what is left of the budget: 结余 / 未支 X 万元 */
    BL_KIND_WEIGHT,     /* a table's 分值 / 权重 of a row or block (产出指标(50分)) */
    BL_KIND_TARGET,     /* an indicator's 年度指标值 (op: ≥ ≤ =) */
    BL_KIND_ACTUAL,     /* an indicator's 实际完成值 */
    BL_KIND_COUNT       /* a count that claims to add up: 共 N 个 (scope count:<量词>) and its
                           其中 parts (count-part:<量词>) */,
    BL_KIND_AVAILABLE   /* money that has arrived (到位数, 实际到位资金): a stage between budget and
                           spending, with its own 其中 parts; no execution rate uses it */
} bl_kind;
typedef enum { BL_UNIT_NONE, BL_UNIT_YUAN, BL_UNIT_WAN, BL_UNIT_YI, BL_UNIT_PERCENT, BL_UNIT_POINT, BL_UNIT_OTHER } bl_unit;
typedef enum { BL_BASIS_NONE, BL_BASIS_INITIAL, BL_BASIS_ADJUSTED } bl_basis;
typedef enum { BL_GRADE_NONE = -1, BL_GRADE_EXCELLENT, BL_GRADE_GOOD, BL_GRADE_FAIR, BL_GRADE_POOR } bl_grade;

typedef struct {
    int id;            /* 1-based; printed as "F<id>" */
    bl_kind kind;
    const char *scope; /* "total", "basic", "project" or "project:<名称>" */
    bl_dec value;      /* exact, as stated (grade facts: unused) */
    bl_unit unit;
    bl_basis basis;    /* budgets and rates: which budget */
    bl_grade grade;    /* grade facts */
    const char *label; /* the wording that named it: "全年预算数", "完成预算数的" */
    size_t start, end; /* span of the whole statement in doc->text */
    size_t num_at;     /* offset in doc->text where the figure itself starts */
    int page, line;    /* where the figure starts */
    const char *text;  /* the statement as normalized */
    bool derived;      /* computed by a reviewer's derivation, not stated */
    int from[2];       /* ids of the facts a derived value came from */
    bl_range range;    /* the interval the printed value stands for (money in 元) */
    int year;          /* a year its own clause names (2022 年度全年预算数), 0 when none */
    /* facts read from a table (parse/tables.c): where, and for indicators what */
    int table, row, col; /* 1-based table and row, 0-based column; 0 = prose */
    char op;             /* targets: '>' (≥ / >), '<' (≤ / <), '=' (= or none) */
    const char *measure; /* targets and actuals: the unit as written (个, 吨, %); else NULL */
    const char *group;   /* indicators: 一级指标 / block; else NULL */
    const char *reason;  /* indicators: the 偏差原因 cell; "" when the form has the column and
                            the cell is empty; NULL when the table has no such column */
    bool has_reason;
    const char *status;  /* qualitative indicators: "达成", "部分达成" or "未达成" as the
                            实际完成值 cell states it; else NULL */
    bl_dec coef;         /* indicator scores: the row's 得分系数 in percent (重庆), when has_coef */
    bool has_coef;
    /* prose read by role (parse/roles.c) */
    bool loose;          /* its kind came from a role word, not a label next to the figure: never
                            compared as a restatement (figure-conflict) */
    int part_of;         /* a 其中 part of a complete list: the id of the total it is part of; else 0 */
} bl_fact;

typedef enum { BL_SEV_INFO, BL_SEV_WARNING, BL_SEV_ERROR } bl_severity;

#define BL_MAX_FINDING_FACTS 6
typedef struct {
    const char *rule;
    bl_severity severity;
    int page, line;
    const char *message;  /* Chinese, names stated and recomputed values */
    int facts[BL_MAX_FINDING_FACTS];
    int nfacts;
    const char *stated;   /* may be NULL */
    const char *expected; /* may be NULL */
    const char *expected_low, *expected_high; /* may be NULL */
    const char *basis;    /* may be NULL */
    const char *profile;  /* the profile the rules ran under (static) */
} bl_finding;

typedef struct {
    int rates_total, rates_checked; /* coverage of the rate check */
} bl_coverage;

typedef struct bl_doc {
    bl_arena *arena;
    const char *path; /* as given on the command line; "-" is stdin */
    bl_error err;
    int npages;
    bool is_pdf;
    const char *format; /* what extract read: "PDF", "DOCX", "OFD" or "text" (static) */
    int ocr_pages;      /* pages read by OCR (their text layer missing or unreadable) */
    uint8_t *ocr_conf;  /* when ocr_pages: per byte of raw, the OCR confidence (0..100) of the
                           character it belongs to, 255 where the text did not come from OCR */
    const char *ocr_error; /* why OCR could not run on a page that needed it (NULL: it could) */
    size_t bad_utf8;  /* invalid sequences replaced by U+FFFD */
    /* extract */
    char *raw;
    size_t raw_len;
    bl_line *lines;
    size_t nlines;
    /* normalize */
    char *text;
    size_t text_len;
    uint32_t *src; /* src[i]: offset in raw of the character text[i] came from */
    /* parse (the number reader's output, see normalize/quantity.h), validate */
    struct bl_quantity_s *quantities;
    size_t nquantities;
    bl_fact *facts;
    size_t nfacts, facts_cap;
    bl_finding *findings;
    size_t nfindings, findings_cap;
    bl_coverage coverage;
    /* what the report says it is (parse): NULL / 0 when not found */
    const char *title, *department;
    int year;
    const char *report_type; /* 部门整体, 项目支出, 转移支付, 专项资金, 衔接资金, 政策 (parse/subject.c) */
    const char *subject;     /* the project's or fund's name, or the title without its common words */
    bool several_projects;   /* numbered paragraphs each about one named project */
#define BL_MAX_UNREAD_TABLES 16
    int unread_tables[BL_MAX_UNREAD_TABLES]; /* tables with a row of figures that could not be read
                                                (no indicator name): their sums are not checked */
    int nunread_tables;
    int unheaded_tables[BL_MAX_UNREAD_TABLES]; /* tables with a column of amounts under no header
                                                  (a header cell a scan lost): a rate's denominator
                                                  may be there, so their rates are not checked */
    int nunheaded_tables;
#define BL_MAX_PROJECTS 16
    const char *projects[BL_MAX_PROJECTS]; /* their names, when several */
    int nprojects;
} bl_doc;

/** A new empty document for `path` (copied). Caller frees with bl_doc_free(). */
bl_doc *bl_doc_new(const char *path);
void bl_doc_free(bl_doc *d);
/** Record an error on the document (the first one wins). Returns -1. */
int bl_doc_fail(bl_doc *d, bl_errclass cls, const char *code, const char *fmt, ...) BL_PRINTF(4, 5);
/** Does any extracted line belong to a table? */
bool bl_doc_has_tables(const bl_doc *d);
/** The index in doc->lines of the line holding raw offset `raw` (0 when there are no lines). */
size_t bl_doc_line_at(const bl_doc *d, size_t raw);
/*
 * The lowest OCR confidence (0..100) of the digits in doc->text[start, end), or -1
 * when none of them was read by OCR.
 */
int bl_doc_ocr_conf(const bl_doc *d, size_t start, size_t end);
/** A fact's figure in doc->text: its digits, points and separators after a sign; returns the start, *end its end. */
size_t bl_doc_fact_figure(const bl_doc *d, const bl_fact *f, size_t *end);
/** The same for a stated fact's figure (from its num_at); -1 for a derived fact or none OCR'd. */
int bl_doc_fact_ocr_conf(const bl_doc *d, const bl_fact *f);
/** A digit read by OCR below this confidence makes its number damaged (never a fact). */
#define BL_OCR_MIN_CONF 70
/** Map an offset in doc->text to the 1-based page and line it was extracted from. */
void bl_doc_locate(const bl_doc *d, size_t text_off, int *page, int *line);
/** Append a fact (copied); returns a pointer valid until the next append. */
bl_fact *bl_doc_add_fact(bl_doc *d, const bl_fact *f);
bl_finding *bl_doc_add_finding(bl_doc *d, const bl_finding *f);
/** Lookup by id (borrowed), NULL when absent. */
const bl_fact *bl_doc_fact(const bl_doc *d, int id);

const char *bl_kind_name(bl_kind k);
const char *bl_unit_name(bl_unit u);
const char *bl_basis_name(bl_basis b);
const char *bl_grade_name(bl_grade g);
const char *bl_severity_name(bl_severity s);
/** Powers of ten that bring a unit to 元 (万元 -> 4); 0 for non-money units. */
int bl_unit_pow10(bl_unit u);

#endif
