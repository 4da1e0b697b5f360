/*
 * ocr.c - a page whose text cannot be taken from its text layer (a scan, or a layer of
 * private-use or replacement characters) read from its image instead.
 *
 * Poppler renders the page (cairo, 300 dpi); its skew is measured (the angle within ±3°
 * whose row profile is sharpest) and a skewed page rendered again turned straight; the red channel is the image (a red seal drops out, black ink stays);
 * its strokes are made a pixel thicker (a light face's thin strokes break Tesseract's
 * finding of lines); Tesseract (C API; the HanS script model, else chi_sim+eng)
 * recognises it: each table cell the ruling lines close on its own, a line of its ink at
 * a time, then the rest of the page. Every symbol becomes a glyph with its
 * box (in points, as Poppler's) and confidence, on Tesseract's text line (all of a
 * line's glyphs share its top and bottom, so a line stays one line), and the ruling
 * lines are scanned on the same straightened image. The engine is loaded once per
 * process, on the first page that needs it (a batch worker checks one file).
 */
#include "readers.h"
#include "ocrimage.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "../core/banned.h"

#define MAX_PIXELS (7000 * 7000)

static TessBaseAPI *engine;
static char engine_err[256];
static TessBaseAPI *checker;   /* a second model that reads every figure again: eng (Latin and
                                  digits; chi_sim reads 6 as 0 and % as 94 in these fonts) */
static bool checker_tried;

static TessBaseAPI *umpire;    /* a third model for a figure the two read otherwise: chi_sim */
static bool umpire_tried;

/* Tesseract with the model lang, NULL when it cannot load. */
static TessBaseAPI *load_model(const char *lang)
{
    TessBaseAPI *api = TessBaseAPICreate();
    if (api && TessBaseAPIInit3(api, NULL, lang) == 0) {
        TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        return api;
    }
    if (api)
        TessBaseAPIDelete(api);
    return NULL;
}

/* The checker: eng, a model other than the reader's; NULL when it cannot load. */
static TessBaseAPI *get_checker(void)
{
    if (!checker_tried)
        checker = load_model("eng"), checker_tried = true;
    return checker;
}

static const char *engine_lang; /* the reader's model */

/*
 * The umpire: chi_sim, loaded the first time the reader and the checker disagree; none
 * when the reader is chi_sim itself (no third opinion).
 */
static TessBaseAPI *get_umpire(void)
{
    if (!umpire_tried && engine_lang && !strstr(engine_lang, "chi_sim") && (umpire = load_model("chi_sim")))
        TessBaseAPISetPageSegMode(umpire, PSM_SINGLE_LINE);
    umpire_tried = true;
    return umpire;
}

/*
 * The languages: BUDGETLINT_OCR_LANG when set, else Tesseract's script model for
 * Simplified Chinese (HanS: Chinese, digits and Latin in one model; it reads table cells
 * best), else chi_sim+eng.
 */
static TessBaseAPI *get_engine(void)
{
    if (engine || engine_err[0])
        return engine;
    const char *env = getenv("BUDGETLINT_OCR_LANG");
    const char *tries[] = {env && *env ? env : "HanS", "chi_sim+eng"};
    for (size_t k = 0; k < (env && *env ? 1u : 2u) && !engine; k++) {
        TessBaseAPI *api = TessBaseAPICreate();
        if (api && TessBaseAPIInit3(api, NULL, tries[k]) == 0)
            engine = api, engine_lang = tries[k];
        else if (api)
            TessBaseAPIDelete(api);
    }
    if (!engine) {
        snprintf(engine_err, sizeof engine_err,
                 "OCR is not available: Tesseract cannot load %s (Debian: tesseract-ocr-script-hans, or "
                 "tesseract-ocr-chi-sim and tesseract-ocr-eng)", env && *env ? env : "HanS or chi_sim+eng");
        return NULL;
    }
    TessBaseAPISetVariable(engine, "debug_file", "/dev/null");
    return engine;
}

/*
 * The page rendered at dpi, turned by angle degrees about its centre: grey (the red
 * channel); and into *seal (malloc'd, w x h) 1 where the ink is red - a seal, which
 * drops out of the red channel but may hide the figures under it.
 */
typedef struct {
    bl_paint_fn paint;
    void *ctx;
    double pw, ph; /* the page's size in points */
} painter;

static unsigned char *render(const painter *pt, double dpi, double angle, int *w, int *h, unsigned char **seal)
{
    *seal = NULL;
    double s = dpi / 72.0;
    *w = (int)(pt->pw * s + 0.5), *h = (int)(pt->ph * s + 0.5);
    if (*w <= 0 || *h <= 0 || (double)*w * *h > MAX_PIXELS)
        return NULL;
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(sf);
        return NULL;
    }
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, *w / 2.0, *h / 2.0);
    cairo_rotate(cr, angle * M_PI / 180);
    cairo_translate(cr, -*w / 2.0, -*h / 2.0);
    cairo_scale(cr, s, s);
    pt->paint(pt->ctx, cr);
    cairo_destroy(cr);
    cairo_surface_flush(sf);
    const unsigned char *px = cairo_image_surface_get_data(sf);
    int stride = cairo_image_surface_get_stride(sf);
    unsigned char *grey = bl_xmalloc((size_t)*w * (size_t)*h);
    *seal = bl_xmalloc((size_t)*w * (size_t)*h);
    for (int y = 0; y < *h; y++) {
        const uint32_t *row = (const uint32_t *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < *w; x++) {
            int r = (int)((row[x] >> 16) & 0xFF), g = (int)((row[x] >> 8) & 0xFF), b = (int)(row[x] & 0xFF);
            grey[(size_t)y * (size_t)*w + (size_t)x] = (unsigned char)r;
            (*seal)[(size_t)y * (size_t)*w + (size_t)x] = r >= 140 && r - g >= 60 && r - b >= 60;
        }
    }
    cairo_surface_destroy(sf);
    return grey;
}

/* ---- recognition -------------------------------------------------------------------------------- */

typedef struct {
    rect px;         /* the word's box in the OCR image */
    size_t from, to; /* its glyphs */
} numword;

typedef struct {
    bl_glyphs *out;
    int line, word;         /* running ids across the regions of the page */
    int *words;             /* each glyph's word (index: glyph - first) */
    size_t first, wcap;
    numword *nums;          /* the words holding digits, to be read again */
    size_t nnums, numcap;
    int ox, oy;             /* where the image Tesseract read lies in the page's image */
} collect;

static void note_number(collect *c, size_t from, rect px)
{
    bool digits = false;
    for (size_t k = from; k < c->out->n && !digits; k++)
        digits = c->out->g[k].cp >= '0' && c->out->g[k].cp <= '9';
    if (!digits)
        return;
    if (c->nnums == c->numcap)
        c->nums = bl_xrealloc(c->nums, (c->numcap = c->numcap * 2 + 32) * sizeof *c->nums);
    c->nums[c->nnums++] = (numword){px, from, c->out->n};
}

/* How wide a character sets, in ems: full for CJK and full-width forms, about half else. */
static double weight(uint32_t cp)
{
    return cp >= 0x2E80 || (cp >= 0x2010 && cp <= 0x2027) ? 1.0 : cp == '.' || cp == ',' || cp == ':' ? 0.35 : 0.55;
}

/*
 * Lay the glyphs of one word [from, out->n) across the word's box: Tesseract's word
 * boxes are sound where its symbol boxes (from the LSTM) are rough, so a word's
 * characters share its width by how wide each sets, and touch as a text layer's do.
 */
static void place_word(bl_glyphs *out, size_t from, double x0, double x1)
{
    double total = 0;
    for (size_t k = from; k < out->n; k++)
        total += weight(out->g[k].cp);
    if (total <= 0 || x1 <= x0)
        return;
    double x = x0, unit = (x1 - x0) / total;
    for (size_t k = from; k < out->n; k++) {
        out->g[k].x0 = x;
        x += weight(out->g[k].cp) * unit;
        out->g[k].x1 = x;
    }
    /*
     * A word far wider than its characters set (more than 1.8 em a character's width,
     * the em from the line's height) is two things read as one - two cells' "5" and "5"
     * as 55 where a border was lost: its digits are unsure.
     */
    double em = 0.75 * (out->g[from].y1 - out->g[from].y0);
    if (em > 0 && unit > 1.8 * em)
        for (size_t k = from; k < out->n; k++)
            if (out->g[k].cp >= '0' && out->g[k].cp <= '9')
                out->g[k].conf = 0;
}

/* The symbols Tesseract found in the region it last recognised, as glyphs. */
static void take_symbols(TessBaseAPI *api, collect *c)
{
    const double pt = 72.0 / OCR_DPI;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    double top = 0, bottom = 0, wx0 = 0, wx1 = 0, line_x = -1e30;
    size_t word_from = c->out->n;
    rect wpx = {0, 0, 0, 0};
    while (it) {
        const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(it);
        int l, t, r, b;
#define BOX(level) (TessPageIteratorBoundingBox(pi, level, &l, &t, &r, &b) && \
                    (l += c->ox, r += c->ox, t += c->oy, b += c->oy, 1))
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_WORD)) {
            bool boxed = BOX(RIL_WORD), new_line = TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE);
            /*
             * a word ends where the next one on its line starts: read a line at a time,
             * Tesseract gives a line's first word the whole line's box
             */
            if (boxed && !new_line && l * pt > wx0 && l * pt < wx1)
                wx1 = line_x = l * pt, wpx.x1 = l;
            place_word(c->out, word_from, wx0, wx1);
            note_number(c, word_from, wpx);
            word_from = c->out->n;
            c->word++;
            if (new_line)
                line_x = -1e30;
            /* words of a line follow each other: one never starts inside the one before */
            if (boxed) {
                wx0 = fmax(l * pt, line_x), wx1 = fmax(r * pt, wx0 + 1);
                line_x = wx1;
                wpx = (rect){l, t, r, b};
            }
        }
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
            c->line++;
            /*
             * the line's own top and bottom for all its glyphs, so a line stays one; its
             * ink widened to a text layer's glyph box (ascent and descent of a CJK font)
             */
            if (BOX(RIL_TEXTLINE)) {
                double h = (b - t) * pt;
                top = t * pt - 0.1 * h, bottom = b * pt + 0.25 * h;
            }
        }
        char *sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
        float conf = TessResultIteratorConfidence(it, RIL_SYMBOL);
        if (sym) {
            size_t n = strlen(sym), i = 0;
            uint8_t cf = conf < 0 ? 0 : conf > 100 ? 100 : (uint8_t)conf;
            while (i < n) {
                uint32_t cp;
                int len = bl_utf8_next((const unsigned char *)sym + i, n - i, &cp);
                i += len < 1 ? 1 : (size_t)len;
                if (cp == ' ')
                    continue;
                if (!bl_glyphs_add(c->out, cp, wx0, top, wx1, bottom, cf, c->line))
                    break;
                if (c->out->n - c->first > c->wcap)
                    c->words = bl_xrealloc(c->words, (c->wcap = c->wcap * 2 + 256) * sizeof *c->words);
                c->words[c->out->n - c->first - 1] = c->word;
            }
        }
        TessDeleteText(sym);
        if (!TessResultIteratorNext(it, RIL_SYMBOL))
            break;
    }
#undef BOX
    place_word(c->out, word_from, wx0, wx1);
    note_number(c, word_from, wpx);
    if (it)
        TessResultIteratorDelete(it);
}

/*
 * The digits of the first figure in s and its decimal point (its thousands separators
 * skipped: a , read as . is the one confusion between them) into out; whether that
 * figure ended in %. Two readings agree only with the point in the same place (9.5 is
 * not 95).
 */
static bool figure_digits(const char *s, char *out, size_t size)
{
    size_t o = 0;
    bool in = false, pct = false;
    for (; s && *s && o + 1 < size; s++) {
        if (*s >= '0' && *s <= '9')
            out[o++] = *s, in = true;
        else if (in && *s == '%') {
            pct = true;
            break;
        } else if (in && *s == '.' && s[1] >= '0' && s[1] <= '9' && !memchr(out, '.', o) &&
                   !(strspn(s + 1, "0123456789") == 3 && strchr(".,", s[4]))) {
            out[o++] = '.'; /* a point, not a separator read as one (1.187.50) */
        } else if (!(in && (*s == '.' || *s == ',')) && in)
            break;
    }
    out[o] = '\0';
    return pct;
}

/*
 * The checker's reading of the box (on a white ground), its first figure's digits into
 * out; scale 2 reads it enlarged, each pixel made four (a second look at the same ink).
 */
static void checker_read(TessBaseAPI *chk, const unsigned char *img, int w, rect box, int scale, char *out, size_t size)
{
    int cw, ch;
    unsigned char *cut = ocr_cut_out(img, w, box, &cw, &ch);
    if (scale > 1) {
        unsigned char *big = bl_xmalloc((size_t)cw * (size_t)ch * (size_t)(scale * scale));
        for (int y = 0; y < ch * scale; y++)
            for (int x = 0; x < cw * scale; x++)
                big[(size_t)y * (size_t)(cw * scale) + (size_t)x] = cut[(size_t)(y / scale) * (size_t)cw + (size_t)(x / scale)];
        free(cut);
        cut = big, cw *= scale, ch *= scale;
    }
    TessBaseAPISetImage(chk, cut, cw, ch, 1, cw);
    TessBaseAPISetSourceResolution(chk, (int)OCR_DPI * scale);
    char *again = TessBaseAPIGetUTF8Text(chk);
    free(cut);
    figure_digits(again, out, size);
    TessDeleteText(again);
}

/*
 * Every word holding digits read again by the checker model on its own box: where the
 * two readings' digits differ, and differ again when the checker looks at the box
 * enlarged, a third model (the umpire) reads it; unless it reads the reader's digits,
 * the word's digits are unsure (confidence 0), so the figure is reported damaged and
 * never read as a value: two models of three must agree. Tesseract's confidences alone
 * pass confident misreads (25 read as 28 at 95).
 */
static void check_numbers(collect *c, const unsigned char *img, const unsigned char *seal, int w, int h)
{
    TessBaseAPI *chk = get_checker();
    if (!chk || !c->nnums)
        return;
    TessBaseAPISetPageSegMode(chk, PSM_SINGLE_LINE);
    /*
     * the word's whole box, 2 pt wider, on a white ground (no narrower crop, no
     * character whitelist: both make the LSTM misread, a cut 25 as 28 and % as 0 or 4;
     * no wider one: the next word's edge joins the reading, 12 个 as 127)
     */
    const int P = (int)(2.0 * OCR_DPI / 72.0 + 0.5); /* 2 pt */
    for (size_t k = 0; k < c->nnums; k++) {
        const numword *n = &c->nums[k];
        rect box = {n->px.x0 - P < 0 ? 0 : n->px.x0 - P, n->px.y0 - P < 0 ? 0 : n->px.y0 - P,
                    n->px.x1 + P >= w ? w - 1 : n->px.x1 + P, n->px.y1 + P >= h ? h - 1 : n->px.y1 + P};
        if (box.x1 <= box.x0 || box.y1 <= box.y0)
            continue;
        char first[128], second[128], mine[256];
        size_t o = 0;
        for (size_t g = n->from; g < n->to && o + 5 < sizeof mine; g++)
            o += (size_t)bl_utf8_encode(c->out->g[g].cp, mine + o);
        mine[o] = '\0';
        /* the first figure of each reading; the one confusion the two models share, a %
         * read as 0 (95% as 950, 97% as 970%), taken as the % */
        bool pct = figure_digits(mine, first, sizeof first);
        /* a figure read from its point on (.50 where 9.50 stands under a seal) lost its
         * leading digits: unsure, however the models agree */
        const char *d0 = strpbrk(mine, "0123456789");
        bool unsure = d0 && d0 > mine && d0[-1] == '.';
        /* nor is a figure a seal lies over (its star hid the last 0 of 100: both models read 10) */
        long red = 0, area = (long)(box.x1 - box.x0 + 1) * (box.y1 - box.y0 + 1);
        for (int y = box.y0; y <= box.y1; y++)
            for (int x = box.x0; x <= box.x1; x++)
                red += seal[(size_t)y * (size_t)w + (size_t)x];
        unsure |= red >= 20 && red * 100 >= area;
        bool same = false;
        /* the checker's two looks, then the umpire's one */
        for (int look = 0; look < 3 && !same && !unsure; look++) {
            TessBaseAPI *api = look < 2 ? chk : get_umpire();
            if (!api)
                break;
            checker_read(api, img, w, box, look == 1 ? 2 : 1, second, sizeof second);
            size_t l1 = strlen(first), l2 = strlen(second);
            if (pct && l2 == l1 + 1 && second[l1] == '0' && strncmp(first, second, l1) == 0)
                second[l1] = '\0';
            same = strcmp(first, second) == 0;
        }
        if (!same)
            for (size_t g = n->from; g < n->to; g++)
                if (c->out->g[g].cp >= '0' && c->out->g[g].cp <= '9')
                    c->out->g[g].conf = 0;
    }
    TessBaseAPIClear(chk);
    if (umpire)
        TessBaseAPIClear(umpire);
}

/* ---- the characters Tesseract confuses, put right by the words of the domain ----------------- */

/*
 * The words of self-assessment reports and their forms (column headers, labels, the
 * verbs of their sentences). A character Tesseract commonly confuses with another is
 * taken as the other when that makes one of these words and the character as read
 * makes none: 基本文出 is 基本支出, 截宇 截至, 本项日 本项目.
 */
static const char *const domain_words[] = {
    "支出", "支付", "支持", "收支", "预算", "执行", "资金", "项目", "基本", "指标", "满意度", "完成", "目标",
    "年度", "调整", "得分", "分值", "权重", "总分", "合计", "其中", "财政", "拨款", "结转", "结余", "绩效",
    "自评", "截至", "使用", "到位", "等级", "产出", "效益", "数量", "质量", "时效", "成本", "社会", "经济",
    "生态", "服务对象", "偏差", "原因", "改进", "措施", "已", "未完成", "收入", "投入", "人员", "人数",
    "实际", "部门", "单位", "主管", "实施", "资金来源", "中央", "省级", "市级", "县级", "区级", "补助",
    "专项", "整体", "上年", "当年", "本年", "全年", "年初", "决算", "支付率", "执行率", "完成率", "工作",
    "日常", "目录", "科目", "题目", "节目", "数目", "条目", "名目", "项目支出", "土地", "人民", "人口",
    "覆盖", "决策",
};

static const uint32_t confusions[][2] = {
    {0x6587, 0x652F}, /* 文 支 */
    {0x5B87, 0x81F3}, /* 宇 至 */
    {0x65E5, 0x76EE}, /* 日 目 */
    {0x76EE, 0x65E5}, /* 目 日 */
    {0x5DF1, 0x5DF2}, /* 己 已 */
    {0x672B, 0x672A}, /* 末 未 */
    {0x5165, 0x4EBA}, /* 入 人 */
    {0x4EBA, 0x5165}, /* 人 入 */
    {0x58EB, 0x571F}, /* 士 土 */
    {0x6289, 0x6267}, /* 抉 执 */
    {0x5BAA, 0x8986}, /* 宪 覆 */
    {0x4FE9, 0x7B56}, /* 俩 策 */
    {0x592E, 0x6267}, /* 央 执 */
};

/*
 * Confusions only a whole word of a form's header settles: the character read is common
 * in words of its own (区内, 此外, 什么, 日历), so it is taken as the other only where that
 * makes the header word (内行率 is 执行率, 年初指标什 年初指标值).
 */
static const struct {
    uint32_t from, to;
    const char *word;
} header_confusions[] = {
    {0x5185, 0x6267, "执行率"}, {0x5185, 0x6267, "执行数"}, /* 内 执 */
    {0x5916, 0x6267, "执行率"}, {0x5916, 0x6267, "执行数"}, /* 外 执 */
    {0x65A5, 0x6267, "执行率"}, {0x65A5, 0x6267, "执行数"}, /* 斥 执 */
    {0x4EC0, 0x503C, "指标值"},                             /* 什 值 */
    {0x5386, 0x4E07, "(万元)"},                             /* 历 万 */
};

/* Does the word w stand in the line's characters cps[0..n) with cps[i] taken as a, across i? */
static bool word_at(const uint32_t *cps, size_t n, size_t i, uint32_t a, const char *w)
{
    uint32_t wc[8];
    size_t wl = 0;
    for (size_t b = 0; w[b] && wl < 8;) {
        uint32_t cp;
        int k = bl_utf8_next((const unsigned char *)w + b, strlen(w + b), &cp);
        b += k < 1 ? 1 : (size_t)k;
        wc[wl++] = cp;
    }
    for (size_t off = 0; off < wl; off++) {
        if (off > i || i - off + wl > n)
            continue;
        size_t s0 = i - off;
        bool ok = true;
        for (size_t k = 0; k < wl && ok; k++)
            ok = (s0 + k == i ? a : cps[s0 + k]) == wc[k];
        if (ok)
            return true;
    }
    return false;
}

static bool makes_word(const uint32_t *cps, size_t n, size_t i, uint32_t a)
{
    for (size_t k = 0; k < sizeof domain_words / sizeof *domain_words; k++)
        if (word_at(cps, n, i, a, domain_words[k]))
            return true;
    return false;
}

/*
 * Put right the confusions the domain's words settle, and 之 before a figure (≥), over
 * the page's characters in reading order (a word may run on to the next line).
 */
static void correct(bl_glyphs *out, size_t first)
{
    size_t a = first;
    while (a < out->n) {
        size_t b = out->n;
        size_t n = b - a;
        uint32_t *cps = bl_xmalloc(n * sizeof *cps);
        for (size_t k = 0; k < n; k++)
            cps[k] = out->g[a + k].cp;
        for (size_t k = 0; k < n; k++) {
            uint32_t c = cps[k];
            /* 之90% / 之 100% / 宇 90%: Tesseract's readings of ≥ (⩾) before a target, at a
             * line's start or after a word */
            size_t nx = k + 1 < n && cps[k + 1] == ' ' ? k + 2 : k + 1;
            if ((c == 0x4E4B || (c == 0x5B87 && !makes_word(cps, n, k, 0x81F3))) && nx < n && cps[nx] >= '0' &&
                cps[nx] <= '9' &&
                (k == 0 || out->g[a + k - 1].line != out->g[a + k].line || cps[k - 1] > 0x2000 || cps[k - 1] == ' ')) {
                out->g[a + k].cp = 0x2265;
                continue;
            }
            for (size_t q = 0; q < sizeof header_confusions / sizeof *header_confusions; q++)
                if (header_confusions[q].from == c && word_at(cps, n, k, header_confusions[q].to, header_confusions[q].word)) {
                    out->g[a + k].cp = cps[k] = header_confusions[q].to;
                    break;
                }
            if (cps[k] != c)
                continue;
            for (size_t q = 0; q < sizeof confusions / sizeof *confusions; q++)
                if (confusions[q][0] == c && !makes_word(cps, n, k, c) && makes_word(cps, n, k, confusions[q][1])) {
                    out->g[a + k].cp = confusions[q][1];
                    cps[k] = confusions[q][1];
                    break;
                }
        }
        free(cps);
        a = b;
    }
}

static void paint_poppler(void *ctx, void *cr)
{
    poppler_page_render_for_printing(ctx, cr);
}

int bl_ocr_page(void *poppler_page, bl_glyphs *out, char *err, size_t errsz)
{
    painter pt = {paint_poppler, poppler_page, 0, 0};
    poppler_page_get_size(poppler_page, &pt.pw, &pt.ph);
    return bl_ocr_paint(pt.paint, pt.ctx, pt.pw, pt.ph, out, err, errsz);
}

int bl_ocr_paint(bl_paint_fn paint, void *ctx, double pw, double ph, bl_glyphs *out, char *err, size_t errsz)
{
    const painter pt0 = {paint, ctx, pw, ph}, *pg = &pt0;
    TessBaseAPI *api = get_engine();
    if (!api) {
        snprintf(err, errsz, "%s", engine_err);
        return -1;
    }
    int w, h;
    unsigned char *seal;
    unsigned char *img = render(pg, OCR_DPI, 0, &w, &h, &seal);
    if (!img) {
        snprintf(err, errsz, "the page is too large to render for OCR");
        return -1;
    }
    ocr_despeckle(img, w, h);
    double angle = ocr_skew(img, w, h);
    if (angle != 0) { /* rendered again, turned straight */
        free(img);
        free(seal);
        img = render(pg, OCR_DPI, -angle, &w, &h, &seal); /* lines falling to the right: turned back */
        if (!img) {
            snprintf(err, errsz, "the page is too large to render for OCR");
            return -1;
        }
        ocr_despeckle(img, w, h);
    }
    /* ruling lines from the straightened image: the layout's, and the cells they close */
    bl_rules rl = {0};
    bl_rules_scan(img, w, h, w, 1, (float)(OCR_DPI / 72.0), &rl);
    ocr_bridge_rules(&rl);
    rect *cells = NULL;
    int *ids = NULL;
    cellmap map;
    size_t ncells = ocr_find_cells(&rl, w * 72.0 / OCR_DPI, h * 72.0 / OCR_DPI, &cells, &ids, &map);
    ocr_erase_rules(img, w, h, &rl);
    /* the page whole for the checker: the reader's copy has its cells painted out */
    unsigned char *whole = bl_xmalloc((size_t)w * (size_t)h);
    memcpy(whole, img, (size_t)w * (size_t)h);
    ocr_thicken(img, w, h);
    memcpy(whole, img, (size_t)w * (size_t)h);
    collect c = {.out = out, .line = -1, .word = -1, .first = out->n};
    /*
     * each cell on its own, a line at a time: its text cannot run into the next cell's,
     * and Tesseract's own line finding breaks a cell's few words into pieces (清运垃圾量
     * as 清运 / 云 / 垃圾 / 量, 执行率(B/ over A) with 执 on a line of its own) and makes
     * words of its empty rest
     */
    int rc = 0;
    TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
    for (size_t k = 0; k < ncells && rc == 0; k++) {
        rect box = cells[k], lines[64];
        unsigned char *sub = ocr_cell_image(img, w, h, &box, ids[k], &map);
        if (!sub)
            continue;
        int bw = box.x1 - box.x0 + 1, bh = box.y1 - box.y0 + 1;
        size_t nl = ocr_cell_lines(sub, bw, bh, (rect){0, 0, bw - 1, bh - 1}, lines, sizeof lines / sizeof *lines);
        for (size_t l = 0; l < nl; l++) {
            int cw, ch;
            unsigned char *cut = ocr_cut_out(sub, bw, lines[l], &cw, &ch);
            TessBaseAPISetImage(api, cut, cw, ch, 1, cw);
            TessBaseAPISetSourceResolution(api, (int)OCR_DPI);
            c.ox = box.x0 + lines[l].x0 - CELL_MARGIN, c.oy = box.y0 + lines[l].y0 - CELL_MARGIN;
            if (TessBaseAPIRecognize(api, NULL) == 0) {
                take_symbols(api, &c);
            }
            free(cut);
        }
        free(sub);
    }
    free(ids);
    free(map.lab);
    c.ox = c.oy = 0;
    /* then the rest of the page, the cells painted out */
    for (size_t k = 0; k < ncells; k++)
        for (int y = cells[k].y0; y <= cells[k].y1 && y < h; y++)
            memset(img + (size_t)y * (size_t)w + (size_t)cells[k].x0, 255,
                   (size_t)((cells[k].x1 < w ? cells[k].x1 : w - 1) - cells[k].x0 + 1));
    free(cells);
    TessBaseAPISetPageSegMode(api, PSM_AUTO);
    TessBaseAPISetImage(api, img, w, h, 1, w);
    TessBaseAPISetSourceResolution(api, (int)OCR_DPI);
    if (TessBaseAPIRecognize(api, NULL) != 0) {
        snprintf(err, errsz, "Tesseract could not recognise the page");
        rc = -1;
    } else {
        take_symbols(api, &c);
    }
    check_numbers(&c, whole, seal, w, h);
    free(seal);
    correct(out, c.first);
    free(whole);
    free(c.nums);
    /* ink boxes leave gaps between the glyphs of a line (around a "." or a "1", between
     * two characters): a glyph's box reaches the next one, as a text layer's advance
     * boxes do, over a gap up to 0.6 of the glyph box height inside a word and 0.2 between
     * words - never across a cell's border */
    for (size_t k = c.first; k + 1 < out->n; k++) {
        bl_glyph *a = &out->g[k], *b = &out->g[k + 1];
        double gap = b->x0 - a->x1, lh = a->y1 - a->y0;
        bool same_word = c.words[k - c.first] == c.words[k + 1 - c.first];
        if (a->line != b->line || gap <= 0 || gap > (same_word ? 0.6 : 0.2) * lh)
            continue;
        bool ruled = false;
        for (size_t v = 0; v < out->nv && !ruled; v++)
            ruled = out->v[v].x0 >= a->x1 && out->v[v].x0 <= b->x0 && out->v[v].y0 < a->y1 && out->v[v].y1 > a->y0;
        if (!ruled)
            a->x1 = b->x0;
    }
    free(c.words);
    /*
     * The rules for the layout, without the strokes of glyphs: a stroke lies inside its
     * text line's band (a vertical one from top to bottom within it, a horizontal one
     * within the line's extent and no longer than a glyph or two), where a border runs
     * past the band, between lines, or along a whole cell.
     */
    int nlines = c.line + 1;
    double (*band)[4] = nlines > 0 ? bl_xmalloc((size_t)nlines * sizeof *band) : NULL;
    for (int l = 0; l < nlines; l++)
        band[l][0] = 1e30, band[l][1] = -1e30, band[l][2] = 1e30, band[l][3] = -1e30;
    for (size_t g = c.first; g < out->n; g++) {
        const bl_glyph *x = &out->g[g];
        if (x->line < 0 || x->line >= nlines)
            continue;
        double *b = band[x->line];
        b[0] = fmin(b[0], x->x0), b[1] = fmax(b[1], x->x1), b[2] = fmin(b[2], x->y0), b[3] = fmax(b[3], x->y1);
    }
    for (int dir = 0; dir < 2; dir++)
        for (size_t k = 0; k < (dir ? rl.nv : rl.nh); k++) {
            const bl_rule *r = dir ? &rl.v[k] : &rl.h[k];
            bool stroke = false;
            for (int l = 0; l < nlines && !stroke; l++) {
                const double *b = band[l];
                stroke = dir ? r->x0 > b[0] - 1 && r->x0 < b[1] + 1 && r->y0 > b[2] - 1 && r->y1 < b[3] + 1
                             : r->y0 > b[2] && r->y0 < b[3] && r->x0 > b[0] - 2 && r->x1 < b[1] + 2 &&
                                   r->x1 - r->x0 < 1.5 * (b[3] - b[2]);
            }
            if (!stroke)
                bl_glyphs_rule(out, r->x0, r->y0, r->x1, r->y1);
        }
    free(band);
    bl_rules_free(&rl);
    TessBaseAPIClear(api);
    free(img);
    return rc;
}
