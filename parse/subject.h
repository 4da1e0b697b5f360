/*
 * subject.h - parse/'s model of what a report is about: its type (部门整体, 项目支出,
 * 转移支付, 专项资金, 衔接资金, 政策) and its subject (the project's or fund's name),
 * so that a clause referring to the subject (本项目, 该资金, 专项资金, 我县, the
 * name or a short form of it) speaks of scope `total`; and numbered paragraphs each
 * about one named project (一是用于X支出，…; 1、X项目：…).
 */
#ifndef BL_PARSE_SUBJECT_H
#define BL_PARSE_SUBJECT_H

#include "../core/doc.h"

/**
 * The title: the first paragraphs up to one naming the document (报告, 自评表, 评价表 …);
 * doc->title, doc->year (the title's first 年) and doc->department (what the title says
 * between the year and the kind of report, or a cover line above it naming a unit).
 */
void bl_subject_title(bl_doc *doc);

/** Set doc->report_type and doc->subject from the title and the 项目名称 line (after report_meta). */
void bl_subject_read(bl_doc *doc);

/**
 * Does t[i..to) start with a word that refers to the report's subject or says nothing
 * of what the figure is about (本项目, 该资金, 专项资金, 我县, 区级, 财政, 实际, a piece of
 * the subject's name …)? Returns its length in bytes, 0 when not.
 */
size_t bl_subject_word(const bl_doc *doc, const char *t, size_t i, size_t to);

/**
 * The named project of the numbered paragraph starting at t[para] (一是用于X支出，…;
 * 1、X项目：…), when the document has at least two such paragraphs; else NULL. The
 * name is doc->text[returned .. returned + *len): the words of the name say what the
 * project is, not what its figures are.
 */
const char *bl_subject_paragraph(const bl_doc *doc, size_t para, size_t *len);

/**
 * The project of a report about several (its numbered paragraphs' names) that
 * doc->text[from..to) names last; NULL when it names none.
 */
const char *bl_subject_named(const bl_doc *doc, size_t from, size_t to);

#endif
