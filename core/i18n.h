/*
 * i18n.h - messages for people in the user's language (gettext, domain "budgetlint").
 *
 * Message ids are English; po/zh_CN.po is the Chinese catalogue. Only what people
 * read is translated - summaries, progress, error causes, help - never the JSON,
 * SARIF or other records that programs read, nor rule ids, codes or options.
 */
#ifndef BL_I18N_H
#define BL_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s

/**
 * Take the language for messages from the environment (LC_ALL, LC_MESSAGES, LANG,
 * LANGUAGE) and find the catalogue: $BUDGETLINT_LOCALEDIR, else beside the program
 * (../share/locale when installed, the build tree's locale/), else localedir.
 * A Chinese setting whose locale is not installed (a container's LANG=zh_CN.UTF-8)
 * still gets Chinese messages. Numbers and character classes stay in the C locale.
 */
void bl_i18n_init(const char *localedir);

#endif
