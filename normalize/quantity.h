/*
 * quantity.h - the number reader: every quantity a normalized text states,
 * exactly, with its precision, unit, tags and span - and the numbers that
 * only look like figures (years, dates, document numbers, codes, section
 * numbers, phone numbers, counts inside names), classified as such.
 *
 * It reads doc->text after bl_normalize() (which has already turned
 * full-width forms to ASCII and figure numerals such as 百分之九十一点四四 or
 * 叁佰…元 to digits); Chinese numerals left in the text (counts, names) are
 * read here too. A unit stated in a table or page header (（万元）,
 * 金额单位：元, 单位：万元) applies to bare numbers after it on that page and
 * the next, tagged BL_QT_HEADER_UNIT.
 */
#ifndef BL_QUANTITY_H
#define BL_QUANTITY_H

#include "../core/doc.h"

typedef enum {
    BL_QU_NONE,
    BL_QU_YUAN,     /* 元 */
    BL_QU_QIANYUAN, /* 千元 */
    BL_QU_WANYUAN,  /* 万元 (and 万 alone after a money figure) */
    BL_QU_YIYUAN,   /* 亿元 */
    BL_QU_WAN,      /* 万 without 元: a count of ten-thousands (近百万, 3万人) */
    BL_QU_YI,       /* 亿 without 元 */
    BL_QU_PERCENT,  /* % ％ 百分之 */
    BL_QU_PERMILLE, /* ‰ 千分之 */
    BL_QU_POINT,    /* 分 (a score) */
    BL_QU_MEASURE   /* another measure word: 人, 件, 次, 个, 公里 … (see measure) */
} bl_qunit;

enum {
    BL_QT_APPROX = 1u << 0,        /* 约 近 余 多 左右: never an exact value */
    BL_QT_LOWER = 1u << 1,         /* ≥ >= 不低于 不少于 以上 超过 至少: a lower bound */
    BL_QT_UPPER = 1u << 2,         /* ≤ <= 不高于 不超过 以下 以内: an upper bound */
    BL_QT_RANGE = 1u << 3,         /* one end of 80%-90%, 80～90分 */
    BL_QT_POINTS_DIFF = 1u << 4,   /* 个百分点: a difference of rates */
    BL_QT_PER = 1u << 5,           /* 583元/人*月, 5830元/户: a rate, not an amount */
    BL_QT_DAMAGED = 1u << 6,       /* OCR damage (O76%, M.8万元, 万兀) or glued cells (40004000100%) */
    BL_QT_HEADER_UNIT = 1u << 7,   /* the unit came from a table or page header */
    BL_QT_DOWN = 1u << 8,          /* after 减少/下降/降低: a direction word, not a sign */
    BL_QT_UP = 1u << 9,            /* after 增加/增长/提高 */
    BL_QT_CHINESE = 1u << 10,      /* written in Chinese numerals (left in the text) */
    BL_QT_THOUSANDS = 1u << 11     /* written with thousands separators */
};

typedef enum {
    BL_QK_FIGURE,  /* a quantity */
    BL_QK_YEAR,    /* 2022年, 2022年度, 20xx年 */
    BL_QK_DATE,    /* 12月8日, 2022-12-08 */
    BL_QK_DOCNO,   /* 财预〔2020〕10号 */
    BL_QK_CODE,    /* project, classification, index codes; road names S447 */
    BL_QK_SECTION, /* （三） 3. 一、 第三 一是 */
    BL_QK_PHONE,   /* 020-86868686, 13800138000 */
    BL_QK_NAME,    /* counts inside names: “十四五”, 二十大, 十五届, 10年一遇, 0-6岁 */
    BL_QK_ROWCOL,  /* 行次 / 列次 numbers */
    BL_QK_PAGE     /* 第3页 */
} bl_qkind;

typedef struct bl_quantity_s {
    size_t start, end;   /* span in doc->text, unit and markers included */
    size_t num_start, num_end; /* the digits themselves */
    bl_dec value;        /* exact; value.scale is the number of stated decimals */
    bl_qunit unit;
    const char *measure; /* BL_QU_MEASURE: the measure word (static or arena) */
    unsigned tags;
    bl_qkind kind;
} bl_quantity;

/**
 * Read every quantity in doc->text. Returns the count and stores an array
 * allocated in doc->arena in *out (NULL when none).
 */
size_t bl_quantities(bl_doc *doc, bl_quantity **out);

/** Quantity names for output and tests. */
const char *bl_qunit_name(bl_qunit u);
const char *bl_qkind_name(bl_qkind k);
/** Tags as "approx,lower,…" into buf. */
char *bl_qtags_format(unsigned tags, char *buf, size_t size);

/**
 * Read a whole money or number string in Chinese numerals: lower-case or 大写,
 * with an optional 人民币 prefix, 元/圆, 角, 分 and 整/正 (人民币叁佰肆拾贰万玖仟肆佰元整,
 * 壹佰元伍角, 一万二千三百四十五点六七). UTF-8 in, exact decimal out; NULL on
 * success or a static message.
 */
const char *bl_chinese_number(const char *s, size_t n, bl_dec *out);

#endif
