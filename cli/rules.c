/*
 * rules.c - budgetlint rules and budgetlint explain.
 */
#include "cli.h"

#include "../core/banned.h"

int cmd_rules(int argc, char **argv)
{
    bool longer = argc == 3 && strcmp(argv[2], "--long") == 0;
    if (argc > 3 || (argc == 3 && !longer))
        die_usage("%s", "rules takes no argument but --long");
    size_t n;
    const bl_rule *r = bl_rules(&n);
    int w = 0; /* the id column as wide as the longest id */
    for (size_t i = 0; i < n; i++)
        w = (int)strlen(r[i].id) > w ? (int)strlen(r[i].id) : w;
    for (size_t i = 0; i < n; i++)
        if (longer) /* where each rule lives: its check and its documentation */
            printf("%-*s %-8s %-22s validate/rules/%s.txt%*s %s\n", w, r[i].id, bl_severity_name(r[i].severity),
                   r[i].file, r[i].id, w - (int)strlen(r[i].id), "", r[i].title);
        else
            printf("%-*s %-8s %s\n", w, r[i].id, bl_severity_name(r[i].severity), r[i].title);
    return finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}

int cmd_explain(int argc, char **argv)
{
    if (argc != 3)
        die_usage("%s", "explain takes exactly one RULE (see 'budgetlint rules')");
    const bl_rule *r = bl_rule_find(argv[2]);
    const char *doc = r ? bl_rule_doc(r->id) : NULL;
    if (!r || !doc)
        die_usage("unknown rule '%s' (see 'budgetlint rules')", argv[2]);
    fputs(doc, stdout);
    return finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}
