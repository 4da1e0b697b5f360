/* i18n.c - gettext set up once, by main. */
#include "i18n.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "banned.h"

#define DOMAIN "budgetlint"

static bool has_catalogue(const char *dir)
{
    char p[4400];
    struct stat sb;
    if (strlen(dir) > 4300)
        return false;
    snprintf(p, sizeof p, "%s/zh_CN/LC_MESSAGES/" DOMAIN ".mo", dir);
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The first setting of the messages' language: LC_ALL, LC_MESSAGES, then LANG */
static const char *wanted(void)
{
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

void bl_i18n_init(const char *localedir)
{
    if (!setlocale(LC_MESSAGES, "")) {
        /* asked for a locale this machine does not have: its language still picks the
         * catalogue (gettext follows LANGUAGE in any locale but C) */
        const char *w = wanted();
        if (w && strcmp(w, "C") != 0 && strcmp(w, "POSIX") != 0 && setlocale(LC_MESSAGES, "C.UTF-8")) {
            char lang[64];
            snprintf(lang, sizeof lang, "%s", w);
            lang[strcspn(lang, ".@")] = '\0';
            const char *have = getenv("LANGUAGE");
            if (!have || !*have)
                setenv("LANGUAGE", lang, 1);
        }
    }
    char dir[4400] = "";
    const char *env = getenv("BUDGETLINT_LOCALEDIR");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
    } else {
        char self[4000];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n > 0) {
            self[n] = '\0';
            char *slash = strrchr(self, '/');
            if (slash)
                *slash = '\0';
            const char *near[] = {"../share/locale", "locale", "../locale"};
            for (size_t i = 0; i < sizeof near / sizeof *near && !*dir; i++) {
                char cand[4100];
                snprintf(cand, sizeof cand, "%s/%s", self, near[i]);
                if (has_catalogue(cand))
                    snprintf(dir, sizeof dir, "%s", cand);
            }
        }
        if (!*dir && localedir)
            snprintf(dir, sizeof dir, "%s", localedir);
    }
    if (*dir)
        bindtextdomain(DOMAIN, dir);
    bind_textdomain_codeset(DOMAIN, "UTF-8"); /* whatever the locale's charset: the output is UTF-8 */
    textdomain(DOMAIN);
}
