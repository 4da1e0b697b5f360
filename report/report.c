/* report.c - XLSX (libxlsxwriter), CSV and HTML views of a results store. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../core/core.h"
#include "../validate/validate.h"

#include "../core/outfile.h"

#include "../core/banned.h"

/* ---- rows, copied out of the store --------------------------------------------------- */

typedef struct {
    char *v[16];
    int year, errors, warnings, infos, accepted;
} rrow;

typedef struct {
    char *v[9];
    int page, line;
} frow;

typedef struct {
    rrow *r;
    size_t nr, capr;
    frow *f;
    size_t nf, capf;
} rows;

static char *dupstr(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = bl_xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

static void on_report(void *ctx, const bl_report_row *x)
{
    rows *t = ctx;
    if (t->nr == t->capr) {
        t->capr = t->capr ? t->capr * 2 : 64;
        t->r = bl_xrealloc(t->r, t->capr * sizeof *t->r);
    }
    rrow *r = &t->r[t->nr++];
    const char *v[] = {x->path, x->title, x->department, x->status, x->error_code, x->budget, x->budget_unit,
                       x->executed, x->executed_unit, x->rate, x->score, x->grade};
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        r->v[i] = dupstr(v[i]);
    r->year = x->year, r->errors = x->errors, r->warnings = x->warnings, r->infos = x->infos;
    r->accepted = x->accepted;
}

static void on_finding(void *ctx, const bl_finding_row *x)
{
    rows *t = ctx;
    if (t->nf == t->capf) {
        t->capf = t->capf ? t->capf * 2 : 64;
        t->f = bl_xrealloc(t->f, t->capf * sizeof *t->f);
    }
    frow *f = &t->f[t->nf++];
    const char *v[] = {x->path,   x->department, x->rule,      x->severity, x->message,
                       x->stated, x->expected,   x->annotated, x->accepted};
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        f->v[i] = dupstr(v[i]);
    f->page = x->page, f->line = x->line;
}

enum { R_PATH, R_TITLE, R_DEPT, R_STATUS, R_ECODE, R_BUDGET, R_BUNIT, R_EXEC, R_EUNIT, R_RATE, R_SCORE, R_GRADE };
enum { F_PATH, F_DEPT, F_RULE, F_SEV, F_MSG, F_STATED, F_EXPECTED, F_ANNOTATED, F_ACCEPTED };

static int load(bl_store *s, rows *t, char *err, size_t errsz)
{
    memset(t, 0, sizeof *t);
    if (bl_store_each_report(s, on_report, t, err, errsz) < 0 || bl_store_each_finding(s, on_finding, t, err, errsz) < 0)
        return -1;
    return 0;
}

static void unload(rows *t)
{
    for (size_t i = 0; i < t->nr; i++)
        for (int k = 0; k < 16; k++)
            free(t->r[i].v[k]);
    for (size_t i = 0; i < t->nf; i++)
        for (int k = 0; k < 9; k++)
            free(t->f[i].v[k]);
    free(t->r);
    free(t->f);
}

static const char *kind_of(const rrow *r)
{
    const char *t = r->v[R_TITLE];
    if (!t)
        return "";
    if (strstr(t, "部门整体"))
        return "部门整体支出";
    if (strstr(t, "项目"))
        return "项目支出";
    if (strstr(t, "预算"))
        return "部门预算";
    if (strstr(t, "决算"))
        return "部门决算";
    return "";
}

/* A money figure in 万元 for display (never for checking): 元 / 10^4, 亿元 * 10^4. */
static bool wan(const char *v, const char *unit, double *out)
{
    if (!v)
        return false;
    double d = strtod(v, NULL);
    if (unit && strcmp(unit, "元") == 0)
        d /= 10000.0;
    else if (unit && strcmp(unit, "亿元") == 0)
        d *= 10000.0;
    *out = d;
    return true;
}

static const char *const rep_head[] = {"文件", "部门", "年度", "类型", "预算数（万元）", "执行数（万元）",
                                       "执行率（%）", "自评得分（分）", "等级", "错误", "警告", "已说明", "状态"};
/* 已说明: the reason a department gave in budgetlint.json ("accept"); such a finding is not an open problem */
static const char *const find_head[] = {"文件", "页", "行", "规则", "级别", "说明", "陈述值", "复算值", "单位", "已说明"};
#define NREP (sizeof rep_head / sizeof rep_head[0])
#define NFIND (sizeof find_head / sizeof find_head[0])

/* a report's status in Chinese: 已核对, or why it could not be checked */
static const char *status_of(const rrow *r)
{
    static const char *const why[][2] = {
        {"not-found", "未核对：找不到文件"},     {"not-a-file", "未核对：不是文件"},
        {"unreadable", "未核对：无法读取"},      {"empty", "未核对：空文件"},
        {"not-pdf", "未核对：不是PDF或文本"},    {"damaged", "未核对：文件损坏"},
        {"encrypted", "未核对：已加密"},         {"bad-password", "未核对：密码不正确"},
        {"no-text-layer", "未核对：没有文本层"}, {"too-large", "未核对：超出大小限制"},
        {"timeout", "未核对：超时"},             {"out-of-memory", "未核对：内存不足"},
        {"crashed", "未核对：检查中断"},         {"bad-encoding", "未核对：文字编码无法识别"},
        {"binary", "未核对：不是文本"},
    };
    if (r->v[R_STATUS] && strcmp(r->v[R_STATUS], "ok") == 0)
        return "已核对";
    for (size_t k = 0; r->v[R_ECODE] && k < sizeof why / sizeof *why; k++)
        if (strcmp(r->v[R_ECODE], why[k][0]) == 0)
            return why[k][1];
    return "未核对";
}

/* display width of UTF-8 text: CJK counts 2 */
static int width(const char *s)
{
    int w = 0;
    if (!s)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80)
            w++;
        else if ((*p & 0xC0) != 0x80)
            w += 2;
    return w;
}

/* ---- outputs: a temporary file beside the target, renamed into place when whole ---- */

typedef struct {
    char *tmp;
    int fd;
} pending;

static bool begin(pending *p, const char *path, char *err, size_t errsz)
{
    p->tmp = bl_outfile_temp(path, &p->fd, err, errsz);
    return p->tmp != NULL;
}

/* ok: the content was written without error; then rename into place, else discard. */
static int finish(pending *p, bool ok, const char *path, char *err, size_t errsz)
{
    if (!p->tmp)
        return -1;
    if (!ok) {
        close(p->fd);
        unlink(p->tmp);
        free(p->tmp);
        p->tmp = NULL;
        return -1;
    }
    int rc = bl_outfile_commit(p->tmp, p->fd, path, err, errsz);
    p->tmp = NULL;
    return rc;
}

/* ---- XLSX --------------------------------------------------------------------------- */

/* A file's cell: its path, a link to the file (relative paths open beside the workbook) */
static void file_cell(lxw_worksheet *ws, lxw_row_t row, const char *path)
{
    if (!path || !*path) {
        worksheet_write_string(ws, row, 0, "", NULL);
        return;
    }
    /* a file: URL (external: links would turn the shown path's slashes into backslashes) */
    char cwd[4096] = "";
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    char *abs = bl_xmalloc(strlen(cwd) + strlen(path) + 2);
    snprintf(abs, strlen(cwd) + strlen(path) + 2, "%s%s%s", cwd, cwd[0] ? "/" : "", path);
    char *uri = bl_path_uri(abs);
    free(abs);
    size_t n = strlen(uri) + 16;
    char *url = bl_xmalloc(n);
    snprintf(url, n, "file://%s", uri);
    if (worksheet_write_url_opt(ws, row, 0, url, NULL, path, NULL) != LXW_NO_ERROR)
        worksheet_write_string(ws, row, 0, path, NULL);
    free(url);
    free(uri);
}

/* A stated or recomputed value as a number in its printed precision (fmts: the workbook's number
 * formats by decimals, made on first use); text when it is none (优) */
static void put_value(lxw_workbook *wb, lxw_format **fmts, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      const char *v)
{
    if (!v)
        return;
    char *end = NULL;
    double d = strtod(v, &end);
    if (!*v || !end || *end) {
        worksheet_write_string(ws, row, col, v, NULL);
        return;
    }
    const char *dot = strchr(v, '.');
    int dec = dot ? (int)strlen(dot + 1) : 0;
    if (dec > 9)
        dec = 9;
    if (!fmts[dec]) {
        char nf[16];
        snprintf(nf, sizeof nf, "%s%.*s", dec ? "0." : "0", dec, "000000000");
        fmts[dec] = workbook_add_format(wb);
        format_set_num_format(fmts[dec], nf);
    }
    worksheet_write_number(ws, row, col, d, fmts[dec]);
}

/* The unit a rule's stated value is in, where the rule fixes it: rates in %, scores in 分 */
static const char *unit_of_rule(const char *rule)
{
    if (!rule)
        return NULL;
    if (strncmp(rule, "rate-", 5) == 0 || strcmp(rule, "yoy-mismatch") == 0)
        return "%";
    if (strstr(rule, "score") || strstr(rule, "weight") || strcmp(rule, "full-marks-unmet") == 0)
        return "分";
    if (strcmp(rule, "count-mismatch") == 0)
        return "个";
    return NULL;
}

/* 规则汇总: each rule with findings - its title, severity, findings and reports */
static void rule_sheet(lxw_workbook *wb, lxw_format *hdr, const rows *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "规则汇总");
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    /* 问题数 counts the open findings; those a department explained are counted apart */
    static const char *const head[] = {"规则", "说明", "级别", "问题数", "涉及报告数", "已说明"};
    for (lxw_col_t c = 0; c < 6; c++)
        worksheet_write_string(ws, 0, c, head[c], hdr);
    size_t n;
    const bl_rule *r = bl_rules(&n);
    lxw_row_t row = 1;
    for (size_t k = 0; k < n; k++) {
        int nf = 0, nr = 0, na = 0;
        const char *last = NULL;
        for (size_t i = 0; i < t->nf; i++) {
            const frow *f = &t->f[i];
            if (!f->v[F_RULE] || strcmp(f->v[F_RULE], r[k].id) != 0)
                continue;
            if (f->v[F_ACCEPTED]) { /* explained: counted apart */
                na++;
                continue;
            }
            nf++;
            if (!last || !f->v[F_PATH] || strcmp(last, f->v[F_PATH]) != 0)
                nr++; /* findings come grouped by report */
            last = f->v[F_PATH];
        }
        if (!nf && !na)
            continue;
        worksheet_write_string(ws, row, 0, r[k].id, NULL);
        worksheet_write_string(ws, row, 1, r[k].title, NULL);
        worksheet_write_string(ws, row, 2, bl_severity_name(r[k].severity), NULL);
        worksheet_write_number(ws, row, 3, nf, NULL);
        worksheet_write_number(ws, row, 4, nr, NULL);
        worksheet_write_number(ws, row, 5, na, NULL);
        row++;
    }
    worksheet_set_column(ws, 0, 0, 28, NULL);
    worksheet_set_column(ws, 1, 1, 44, NULL);
    worksheet_set_column(ws, 2, 5, 12, NULL);
    worksheet_freeze_panes(ws, 1, 0);
}

int bl_report_xlsx(bl_store *s, const char *path, char *err, size_t errsz)
{
    rows t;
    if (load(s, &t, err, errsz) < 0)
        return -1;
    pending out;
    if (!begin(&out, path, err, errsz)) {
        unload(&t);
        return -1;
    }
    lxw_workbook *wb = workbook_new(out.tmp);
    if (!wb) {
        snprintf(err, errsz, "cannot create '%s'", path);
        finish(&out, false, path, err, errsz);
        unload(&t);
        return -1;
    }
    lxw_format *hdr = workbook_add_format(wb);
    format_set_bold(hdr);
    format_set_bg_color(hdr, 0xDDEBF7);
    format_set_border(hdr, LXW_BORDER_THIN);
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");
    lxw_format *pct = workbook_add_format(wb);
    format_set_num_format(pct, "0.00");
    lxw_format *red = workbook_add_format(wb);
    format_set_font_color(red, LXW_COLOR_RED);

    /* printed: landscape, one page wide, the header on every page */
#define PRINT_SETUP(sheet)                                                                                         \
    do {                                                                                                          \
        worksheet_set_landscape(sheet);                                                                           \
        worksheet_set_paper(sheet, 9); /* A4 */                                                                   \
        worksheet_fit_to_pages(sheet, 1, 0);                                                                      \
        worksheet_repeat_rows(sheet, 0, 0);                                                                       \
    } while (0)
    lxw_worksheet *ws = workbook_add_worksheet(wb, "报告");
    PRINT_SETUP(ws);
    int w[NREP];
    for (size_t c = 0; c < NREP; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, rep_head[c], hdr);
        w[c] = width(rep_head[c]);
    }
    for (size_t i = 0; i < t.nr; i++) {
        const rrow *r = &t.r[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        double d;
        file_cell(ws, row, r->v[R_PATH]);
        if (r->v[R_DEPT])
            worksheet_write_string(ws, row, 1, r->v[R_DEPT], NULL);
        if (r->year)
            worksheet_write_number(ws, row, 2, r->year, NULL);
        worksheet_write_string(ws, row, 3, kind_of(r), NULL);
        if (wan(r->v[R_BUDGET], r->v[R_BUNIT], &d))
            worksheet_write_number(ws, row, 4, d, money);
        if (wan(r->v[R_EXEC], r->v[R_EUNIT], &d))
            worksheet_write_number(ws, row, 5, d, money);
        if (r->v[R_RATE])
            worksheet_write_number(ws, row, 6, strtod(r->v[R_RATE], NULL), pct);
        if (r->v[R_SCORE])
            worksheet_write_number(ws, row, 7, strtod(r->v[R_SCORE], NULL), pct);
        if (r->v[R_GRADE])
            worksheet_write_string(ws, row, 8, r->v[R_GRADE], NULL);
        worksheet_write_number(ws, row, 9, r->errors, r->errors ? red : NULL);
        worksheet_write_number(ws, row, 10, r->warnings, NULL);
        worksheet_write_number(ws, row, 11, r->accepted, NULL);
        worksheet_write_string(ws, row, 12, status_of(r), NULL);
        int cw[] = {width(r->v[R_PATH]), width(r->v[R_DEPT]), 4, width(kind_of(r)), 12, 12, 8, 8, 2, 4, 4, 4,
                    width(status_of(r))};
        for (size_t c = 0; c < NREP; c++)
            if (cw[c] > w[c])
                w[c] = cw[c];
    }
    for (size_t c = 0; c < NREP; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c] + 2 > 60 ? 60 : w[c] + 2, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)t.nr, NREP - 1);

    lxw_format *decimals[10] = {0}; /* "0", "0.0", … made as values need them (formats belong to wb) */
    lxw_worksheet *wf = workbook_add_worksheet(wb, "问题");
    PRINT_SETUP(wf);
    int wfw[NFIND];
    for (size_t c = 0; c < NFIND; c++) {
        worksheet_write_string(wf, 0, (lxw_col_t)c, find_head[c], hdr);
        wfw[c] = width(find_head[c]);
    }
    for (size_t i = 0; i < t.nf; i++) {
        const frow *f = &t.f[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        file_cell(wf, row, f->v[F_PATH]);
        worksheet_write_number(wf, row, 1, f->page, NULL);
        worksheet_write_number(wf, row, 2, f->line, NULL);
        worksheet_write_string(wf, row, 3, f->v[F_RULE], NULL);
        bool open = !f->v[F_ACCEPTED]; /* an accepted error is not shown red */
        worksheet_write_string(wf, row, 4, f->v[F_SEV],
                               open && strcmp(f->v[F_SEV] ? f->v[F_SEV] : "", "error") == 0 ? red : NULL);
        worksheet_write_string(wf, row, 5, f->v[F_MSG] ? f->v[F_MSG] : "", NULL);
        /* stated and recomputed as numbers, shown with their printed decimals (66.50), their unit beside */
        put_value(wb, decimals, wf, row, 6, f->v[F_STATED]);
        put_value(wb, decimals, wf, row, 7, f->v[F_EXPECTED]);
        const char *unit = unit_of_rule(f->v[F_RULE]);
        if (unit && (f->v[F_STATED] || f->v[F_EXPECTED]))
            worksheet_write_string(wf, row, 8, unit, NULL);
        if (!open)
            worksheet_write_string(wf, row, 9, *f->v[F_ACCEPTED] ? f->v[F_ACCEPTED] : "已说明", NULL);
        int cw[] = {width(f->v[F_PATH]), 3, 3, width(f->v[F_RULE]), 7, width(f->v[F_MSG]), width(f->v[F_STATED]),
                    width(f->v[F_EXPECTED]), 4, width(f->v[F_ACCEPTED])};
        for (size_t c = 0; c < NFIND; c++)
            if (cw[c] > wfw[c])
                wfw[c] = cw[c];
    }
    for (size_t c = 0; c < NFIND; c++)
        worksheet_set_column(wf, (lxw_col_t)c, (lxw_col_t)c, wfw[c] + 2 > 80 ? 80 : wfw[c] + 2, NULL);
    worksheet_freeze_panes(wf, 1, 0);
    worksheet_autofilter(wf, 0, 0, (lxw_row_t)t.nf, NFIND - 1);
    rule_sheet(wb, hdr, &t);
    lxw_error e = workbook_close(wb);
    unload(&t);
    if (e != LXW_NO_ERROR)
        snprintf(err, errsz, "cannot write '%s': %s", path, lxw_strerror(e));
    return finish(&out, e == LXW_NO_ERROR, path, err, errsz);
}

/* ---- CSV ---------------------------------------------------------------------------- */

/* A number as the store writes it (-12.5, 100): a spreadsheet may read it as one. */
static bool numeric(const char *s)
{
    if (*s == '-')
        s++;
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '.'))
            return false;
    return true;
}

/*
 * A cell that a spreadsheet would run as a formula (= + - @, or a tab or CR first: a
 * file named =HYPERLINK(…).pdf) is written as text with a leading '.
 */
static bool formula_like(const char *s)
{
    return (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r') && !numeric(s);
}

static void csv_field(FILE *f, const char *s, bool last)
{
    s = s ? s : "";
    bool quote_mark = formula_like(s);
    if (strpbrk(s, ",\"\r\n") || quote_mark) {
        fputc('"', f);
        if (quote_mark)
            fputc('\'', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

int bl_report_csv(bl_store *s, const char *path, char *err, size_t errsz)
{
    rows t;
    if (load(s, &t, err, errsz) < 0)
        return -1;
    char fpath[4096];
    size_t pl = strlen(path);
    if (pl > 4 && strcmp(path + pl - 4, ".csv") == 0)
        snprintf(fpath, sizeof fpath, "%.*s-findings.csv", (int)(pl - 4), path);
    else
        snprintf(fpath, sizeof fpath, "%s-findings.csv", path);
    pending pa = {0}, pb = {0};
    bool opened = begin(&pa, path, err, errsz) && begin(&pb, fpath, err, errsz);
    FILE *a = opened ? fopen(pa.tmp, "wb") : NULL, *b = opened ? fopen(pb.tmp, "wb") : NULL;
    if (!a || !b) {
        if (opened)
            snprintf(err, errsz, "cannot create '%s'", !a ? path : fpath);
        if (a)
            fclose(a);
        if (b)
            fclose(b);
        finish(&pa, false, path, err, errsz);
        finish(&pb, false, fpath, err, errsz);
        unload(&t);
        return -1;
    }
    fputs("\xEF\xBB\xBF", a); /* a BOM: Excel then reads UTF-8 */
    fputs("\xEF\xBB\xBF", b);
    for (size_t c = 0; c < NREP; c++)
        csv_field(a, rep_head[c], c + 1 == NREP);
    for (size_t i = 0; i < t.nr; i++) {
        const rrow *r = &t.r[i];
        char n[6][48], acc[16];
        snprintf(acc, sizeof acc, "%d", r->accepted);
        double d;
        snprintf(n[0], sizeof n[0], "%d", r->year);
        n[1][0] = '\0';
        if (wan(r->v[R_BUDGET], r->v[R_BUNIT], &d))
            snprintf(n[1], sizeof n[1], "%.6g", d);
        n[2][0] = '\0';
        if (wan(r->v[R_EXEC], r->v[R_EUNIT], &d))
            snprintf(n[2], sizeof n[2], "%.6g", d);
        snprintf(n[3], sizeof n[3], "%d", r->errors);
        snprintf(n[4], sizeof n[4], "%d", r->warnings);
        csv_field(a, r->v[R_PATH], false);
        csv_field(a, r->v[R_DEPT], false);
        csv_field(a, r->year ? n[0] : "", false);
        csv_field(a, kind_of(r), false);
        csv_field(a, n[1], false);
        csv_field(a, n[2], false);
        csv_field(a, r->v[R_RATE], false);
        csv_field(a, r->v[R_SCORE], false);
        csv_field(a, r->v[R_GRADE], false);
        csv_field(a, n[3], false);
        csv_field(a, n[4], false);
        csv_field(a, acc, false);
        csv_field(a, status_of(r), true);
    }
    for (size_t c = 0; c < NFIND; c++)
        csv_field(b, find_head[c], c + 1 == NFIND);
    for (size_t i = 0; i < t.nf; i++) {
        const frow *f = &t.f[i];
        char pg[16], ln[16];
        snprintf(pg, sizeof pg, "%d", f->page);
        snprintf(ln, sizeof ln, "%d", f->line);
        csv_field(b, f->v[F_PATH], false);
        csv_field(b, pg, false);
        csv_field(b, ln, false);
        csv_field(b, f->v[F_RULE], false);
        csv_field(b, f->v[F_SEV], false);
        csv_field(b, f->v[F_MSG], false);
        csv_field(b, f->v[F_STATED], false);
        csv_field(b, f->v[F_EXPECTED], false);
        csv_field(b, (f->v[F_STATED] || f->v[F_EXPECTED]) ? unit_of_rule(f->v[F_RULE]) : NULL, false);
        csv_field(b, f->v[F_ACCEPTED] && !*f->v[F_ACCEPTED] ? "已说明" : f->v[F_ACCEPTED], true);
    }
    int bad = ferror(a) || ferror(b);
    bad |= fclose(a) != 0;
    bad |= fclose(b) != 0;
    unload(&t);
    if (bad)
        snprintf(err, errsz, "cannot write '%s'", path);
    int ra = finish(&pa, !bad, path, err, errsz), rb = finish(&pb, !bad && ra == 0, fpath, err, errsz);
    return ra < 0 || rb < 0 ? -1 : 0;
}

/* ---- HTML --------------------------------------------------------------------------- */

static void esc(FILE *f, const char *s)
{
    for (s = s ? s : ""; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

typedef struct {
    char *key;
    int n;
} tally;

static void count(tally **t, size_t *n, const char *key)
{
    key = key && *key ? key : "（未知）";
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*t)[i].key, key) == 0) {
            (*t)[i].n++;
            return;
        }
    *t = bl_xrealloc(*t, (*n + 1) * sizeof **t);
    (*t)[*n].key = dupstr(key);
    (*t)[*n].n = 1;
    (*n)++;
}

static int cmp_tally(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    return x->n != y->n ? y->n - x->n : strcmp(x->key, y->key);
}

/*
 * Bars to scale: one inline SVG, each bar's length n/max of the full width
 * (counts 3 and 2 are 3:2, 10 and 1 are 10:1), labelled with the rule's title
 * in Chinese (rules) or the key itself.
 */
#define BAR_W 300
static void bars(FILE *f, const char *id, const char *title, tally *t, size_t n, bool rules)
{
    if (n)
        qsort(t, n, sizeof *t, cmp_tally); /* qsort(NULL, 0) is undefined */
    int max = n && t[0].n > 0 ? t[0].n : 1;
    fprintf(f, "<section class=\"chart\" id=\"%s\"><h2>", id);
    esc(f, title);
    fprintf(f, "</h2>\n<svg width=\"%d\" height=\"%zu\" role=\"img\">\n",
            330 + BAR_W + 50, n * 22 + 4);
    for (size_t i = 0; i < n; i++) {
        const bl_rule *r = rules ? bl_rule_find(t[i].key) : NULL;
        int w = (int)((long)t[i].n * BAR_W / max);
        fprintf(f, "<g class=\"bar\" data-key=\"");
        esc(f, t[i].key);
        fprintf(f, "\" data-n=\"%d\"><text x=\"0\" y=\"%zu\" class=\"label\">", t[i].n, i * 22 + 15);
        esc(f, r ? r->title : t[i].key);
        fprintf(f, "</text><rect class=\"fill\" x=\"330\" y=\"%zu\" width=\"%d\" height=\"14\"/>"
                   "<text x=\"%d\" y=\"%zu\" class=\"n\">%d</text></g>\n",
                i * 22 + 4, w, 330 + w + 6, i * 22 + 15, t[i].n);
    }
    fputs("</svg></section>\n", f);
}

int bl_report_html(bl_store *s, const char *path, char *err, size_t errsz)
{
    rows t;
    if (load(s, &t, err, errsz) < 0)
        return -1;
    pending out;
    FILE *f = begin(&out, path, err, errsz) ? fopen(out.tmp, "wb") : NULL;
    if (!f) {
        if (out.tmp)
            snprintf(err, errsz, "cannot create '%s'", path);
        finish(&out, false, path, err, errsz);
        unload(&t);
        return -1;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
          /* nothing is loaded from anywhere: the page is its own and stays on this machine */
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
          "script-src 'unsafe-inline'; img-src data:\">\n"
          "<title>budgetlint 核对结果</title>\n<style>\n"
          "body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;margin:1.5em;color:#222}\n"
          "table{border-collapse:collapse;margin:1em 0;font-size:14px}th,td{border:1px solid #ccc;padding:3px 8px}\n"
          "th{background:#ddebf7;cursor:pointer;position:sticky;top:0}td.num{text-align:right}\n"
          "tr.error td.sev{color:#c00;font-weight:bold}tr.warning td.sev{color:#b60}tr.accepted{color:#777}\n"
          ".chart{display:inline-block;vertical-align:top;margin-right:3%}\n"
          "svg text{font-size:13px;font-family:inherit}svg .fill{fill:#4a7ebb}\n"
          "#filter{font-size:14px;padding:3px 6px;width:24em}\n"
          "</style></head><body>\n<h1>budgetlint 核对结果</h1>\n", f);
    int errors = 0, warnings = 0, unread = 0, accepted = 0;
    for (size_t i = 0; i < t.nr; i++) {
        errors += t.r[i].errors, warnings += t.r[i].warnings, accepted += t.r[i].accepted;
        unread += !(t.r[i].v[R_STATUS] && strcmp(t.r[i].v[R_STATUS], "ok") == 0);
    }
    fprintf(f, "<p id=\"summary\">%zu 份报告，其中 %d 份未能核对；%d 个错误，%d 个警告，%zu 条问题", t.nr, unread,
            errors, warnings, t.nf - (size_t)accepted);
    if (accepted) /* explained by their departments: listed, not counted as problems */
        fprintf(f, "；另有 %d 条已说明", accepted);
    fputs("。</p>\n", f);
    fputs("<p><input id=\"filter\" type=\"search\" placeholder=\"筛选：文件、部门、规则、说明…\"></p>\n", f);
    tally *byrule = NULL, *bydept = NULL;
    size_t nrule = 0, ndept = 0;
    for (size_t i = 0; i < t.nf; i++)
        if (!t.f[i].v[F_ACCEPTED]) { /* the bars count open problems */
            count(&byrule, &nrule, t.f[i].v[F_RULE]);
            count(&bydept, &ndept, t.f[i].v[F_DEPT]);
        }
    bars(f, "by-rule", "按规则统计的问题", byrule, nrule, true);
    bars(f, "by-department", "按部门统计的问题", bydept, ndept, false);
    fputs("<h2>报告</h2>\n<table id=\"reports\" class=\"sortable\"><thead><tr>", f);
    for (size_t c = 0; c < NREP; c++) {
        fputs("<th>", f);
        esc(f, rep_head[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (size_t i = 0; i < t.nr; i++) {
        const rrow *r = &t.r[i];
        char yb[16] = "", bb[48] = "", eb[48] = "";
        double d;
        if (r->year)
            snprintf(yb, sizeof yb, "%d", r->year);
        if (wan(r->v[R_BUDGET], r->v[R_BUNIT], &d))
            snprintf(bb, sizeof bb, "%.2f", d);
        if (wan(r->v[R_EXEC], r->v[R_EUNIT], &d))
            snprintf(eb, sizeof eb, "%.2f", d);
        const char *cells[] = {r->v[R_PATH], r->v[R_DEPT], yb, kind_of(r), bb, eb, r->v[R_RATE], r->v[R_SCORE],
                               r->v[R_GRADE], NULL, NULL, NULL, status_of(r)};
        fprintf(f, "<tr class=\"%s\">", r->errors ? "error" : r->warnings ? "warning" : "ok");
        for (size_t c = 0; c < NREP; c++) {
            fputs(c >= 4 && c <= 11 && c != 8 ? "<td class=\"num\">" : "<td>", f);
            if (c == 9)
                fprintf(f, "%d", r->errors);
            else if (c == 10)
                fprintf(f, "%d", r->warnings);
            else if (c == 11)
                fprintf(f, "%d", r->accepted);
            else
                esc(f, cells[c]);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n<h2>问题</h2>\n<table id=\"findings\" class=\"sortable\"><thead><tr>", f);
    for (size_t c = 0; c < NFIND; c++) {
        fputs("<th>", f);
        esc(f, find_head[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (size_t i = 0; i < t.nf; i++) {
        const frow *x = &t.f[i];
        const char *sev = x->v[F_SEV] ? x->v[F_SEV] : "";
        /* a class from the known severities only: a merged store's text is never markup */
        fprintf(f, "<tr class=\"%s\"><td>",
                x->v[F_ACCEPTED]                 ? "accepted"
                : strcmp(sev, "error") == 0     ? "error"
                : strcmp(sev, "warning") == 0   ? "warning"
                : strcmp(sev, "info") == 0      ? "info"
                                                : "unknown");
        /* the file at its page (PDF viewers open file.pdf#page=N) */
        char *href = bl_path_uri(x->v[F_PATH] ? x->v[F_PATH] : "");
        fputs("<a href=\"", f);
        esc(f, href);
        fprintf(f, "#page=%d\">", x->page);
        free(href);
        esc(f, x->v[F_PATH]);
        fputs("</a>", f);
        if (x->v[F_ANNOTATED]) { /* and its annotated copy, at the same page */
            char *ah = bl_path_uri(x->v[F_ANNOTATED]);
            fputs(" <a class=\"annotated\" href=\"", f);
            esc(f, ah);
            fprintf(f, "#page=%d\">批注版</a>", x->page);
            free(ah);
        }
        fprintf(f, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td>", x->page, x->line);
        esc(f, x->v[F_RULE]);
        fputs("</td><td class=\"sev\">", f);
        esc(f, x->v[F_SEV]);
        fputs("</td><td>", f);
        esc(f, x->v[F_MSG]);
        fputs("</td><td class=\"num\">", f);
        esc(f, x->v[F_STATED]);
        fputs("</td><td class=\"num\">", f);
        esc(f, x->v[F_EXPECTED]);
        fputs("</td><td>", f);
        esc(f, (x->v[F_STATED] || x->v[F_EXPECTED]) ? unit_of_rule(x->v[F_RULE]) : NULL);
        fputs("</td><td class=\"accepted\">", f);
        if (x->v[F_ACCEPTED]) /* 已说明 and the department's reason */
            esc(f, *x->v[F_ACCEPTED] ? x->v[F_ACCEPTED] : "已说明");
        fputs("</td></tr>\n", f);
    }
    /* sortable tables: click a header; numbers sort as numbers */
    fputs("</tbody></table>\n<script>\n"
          "document.querySelectorAll('table.sortable th').forEach(function(th,col){\n"
          " th.addEventListener('click',function(){\n"
          "  var tb=th.closest('table').tBodies[0],rows=Array.from(tb.rows),asc=th.dataset.asc!=='1';\n"
          "  th.closest('tr').querySelectorAll('th').forEach(function(h){delete h.dataset.asc;});\n"
          "  th.dataset.asc=asc?'1':'0';\n"
          "  rows.sort(function(a,b){var x=a.cells[col].textContent,y=b.cells[col].textContent,\n"
          "   nx=parseFloat(x),ny=parseFloat(y),r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,'zh');\n"
          "   return asc?r:-r;});\n"
          "  rows.forEach(function(r){tb.appendChild(r);});});});\n"
          /* the filter box: rows of both tables whose text holds every word typed */
          "document.getElementById('filter').addEventListener('input',function(){\n"
          " var ws=this.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);\n"
          " document.querySelectorAll('table.sortable tbody tr').forEach(function(r){\n"
          "  var t=r.textContent.toLowerCase();\n"
          "  r.style.display=ws.every(function(w){return t.indexOf(w)>=0;})?'':'none';});});\n"
          "</script>\n</body></html>\n",
          f);
    for (size_t i = 0; i < nrule; i++)
        free(byrule[i].key);
    for (size_t i = 0; i < ndept; i++)
        free(bydept[i].key);
    free(byrule);
    free(bydept);
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    unload(&t);
    if (bad)
        snprintf(err, errsz, "cannot write '%s'", path);
    return finish(&out, !bad, path, err, errsz);
}
