/*
 * rules.c - budgetlint rules and budgetlint explain.
 */
#include "cli.h"

#include "../core/banned.h"

int cmd_rules(int argc, char **argv)
{
    gboolean longer = FALSE, markdown = FALSE;
    gchar *config = NULL;
    GOptionEntry entries[] = {
        {"long", 0, 0, G_OPTION_ARG_NONE, &longer, N_("where each rule's check and documentation live"), NULL},
        {"markdown", 0, 0, G_OPTION_ARG_NONE, &markdown, N_("the README's table: what each rule checks, what to fix"),
         NULL},
        {"config", 0, 0, G_OPTION_ARG_FILENAME, &config, N_("the budgetlint.json whose severities to show"), N_("FILE")},
        G_OPTION_ENTRY_NULL};
    gchar **rest = parse_command(argc, argv, "", _("Every rule: id, severity (as budgetlint.json sets it), title."),
                                 entries);
    bool extra = rest[0] != NULL;
    g_strfreev(rest);
    if (extra)
        die_usage_text(_("rules takes --long, --markdown and --config FILE"));
    options o;
    memset(&o, 0, sizeof o);
    o.config_path = config;
    /* the severity each rule has here: budgetlint.json may switch rules off or change them */
    load_config(&o);
    g_free(config);
    size_t n;
    const bl_rule *r = bl_rules(&n);
    int w = 0; /* the id column as wide as the longest id */
    for (size_t i = 0; i < n; i++)
        w = (int)strlen(r[i].id) > w ? (int)strlen(r[i].id) : w;
    if (markdown) /* the README's table: what each rule checks and what to fix */
        printf("| id | severity | 检查 | 整改建议 |\n|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++) {
        int sv = i < BL_MAX_RULES ? o.cfg.severity[i] : -1;
        if (markdown) {
            printf("| `%s` | %s | %s | %s |\n", r[i].id, bl_severity_name(r[i].severity), r[i].title,
                   r[i].fix ? r[i].fix : "");
            continue;
        }
        const char *sev = sv == BL_RULE_OFF ? "off" : bl_severity_name(sv >= 0 ? (bl_severity)sv : r[i].severity);
        if (longer) /* where each rule lives: its check and its documentation */
            printf("%-*s %-8s %-22s validate/rules/%s.txt%*s %s\n", w, r[i].id, sev, r[i].file, r[i].id,
                   w - (int)strlen(r[i].id), "", r[i].title);
        else
            printf("%-*s %-8s %s%s\n", w, r[i].id, sev, r[i].title,
                   sv >= 0 ? (sv == BL_RULE_OFF ? " (switched off in budgetlint.json)" : " (severity set in budgetlint.json)") : "");
    }
    bl_config_free(&o.cfg);
    return finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}

/* A line of a rule's doc that names this repository's files (its examples' sources): not for users. */
static bool repo_line(const char *s, size_t n)
{
    static const char *const dirs[] = {"fixtures/", "tests/", "validate/", "parse/", "eval/"};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++)
            if (n - i >= strlen(dirs[k]) && strncmp(s + i, dirs[k], strlen(dirs[k])) == 0 &&
                (i == 0 || s[i - 1] == ' ' || s[i - 1] == '('))
                return true;
    return false;
}

int cmd_explain(int argc, char **argv)
{
    GOptionEntry none[] = {G_OPTION_ENTRY_NULL};
    gchar **rest = parse_command(argc, argv, "RULE", _("What a rule checks, what to fix (整改建议), its formula, authority and examples."), none);
    if (g_strv_length(rest) != 1)
        die_usage_text(_("explain takes exactly one RULE (see 'budgetlint rules')"));
    const bl_rule *r = bl_rule_find(rest[0]);
    const char *doc = r ? bl_rule_doc(r->id) : NULL;
    if (!r || !doc)
        die_usage("unknown rule '%s' (see 'budgetlint rules')", rest[0]);
    g_strfreev(rest);
    /* the title line, what to fix (整改建议), then the rest without this repository's paths */
    const char *nl = strchr(doc, '\n');
    size_t tl = nl ? (size_t)(nl - doc) + 1 : strlen(doc);
    fwrite(doc, 1, tl, stdout);
    printf("整改建议：%s\n", r->fix ? r->fix : r->title);
    for (const char *p = doc + tl; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
        bool empty_section = false; /* a "--- fires" header whose examples were all repository files */
        if (n > 4 && strncmp(p, "--- ", 4) == 0) {
            empty_section = true;
            for (const char *q = p + n; *q && empty_section;) {
                const char *qe = strchr(q, '\n');
                size_t qn = qe ? (size_t)(qe - q) + 1 : strlen(q);
                if (qn > 4 && strncmp(q, "--- ", 4) == 0)
                    break;
                empty_section = repo_line(q, qn) || (qn == 1 && *q == '\n');
                q += qn;
            }
        }
        if (!empty_section && n > 4 && strncmp(p, "--- ", 4) == 0) { /* the examples' headings, in Chinese */
            bool fires = strncmp(p + 4, "fires", 5) == 0, quiet = strncmp(p + 4, "quiet", 5) == 0;
            if (fires || quiet) {
                printf("--- %s\n", fires ? "会报出的例子" : "不会报出的例子");
                p += n;
                continue;
            }
        }
        if (!repo_line(p, n) && !empty_section) {
            /* the domain notes are named, not their path in the project's surroundings */
            const char *book = "shared/domain/";
            const char *hit = NULL;
            for (size_t k = 0; !hit && k + strlen(book) <= n; k++)
                if (strncmp(p + k, book, strlen(book)) == 0)
                    hit = p + k;
            if (hit) {
                fwrite(p, 1, (size_t)(hit - p), stdout);
                fwrite(hit + strlen(book), 1, n - (size_t)(hit - p) - strlen(book), stdout);
            } else
                fwrite(p, 1, n, stdout);
        }
        p += n;
    }
    return finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}
