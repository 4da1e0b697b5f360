/*
 * xcheck.c - decode Chinese numbers written by an independent encoder.
 * stdin: lines "EXPECTED<TAB>FORM<TAB>CHINESE"; every CHINESE must decode
 * (bl_chinese_number) to EXPECTED exactly (trailing zeros aside). Prints one
 * line per disagreement and a summary "xcheck: N decoded, M wrong" per form.
 */
#include <stdio.h>
#include <string.h>

#include "../../normalize/quantity.h"

/* "123.4500" -> "123.45", "100.00" -> "100" */
static void canon(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot)
        return;
    char *e = s + strlen(s);
    while (e > dot + 1 && e[-1] == '0')
        *--e = '\0';
    if (e == dot + 1)
        *dot = '\0';
}

int main(void)
{
    char line[1024];
    long n = 0, bad = 0;
    struct {
        char form[16];
        long n, bad;
    } forms[8];
    int nf = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2)
            continue;
        *t1 = *t2 = '\0';
        const char *want = line, *form = t1 + 1, *cn = t2 + 1;
        int f;
        for (f = 0; f < nf && strcmp(forms[f].form, form) != 0; f++)
            ;
        if (f == nf && nf < 8) {
            snprintf(forms[nf].form, sizeof forms[nf].form, "%s", form);
            forms[nf].n = forms[nf].bad = 0;
            nf++;
        }
        bl_dec d;
        char got[64] = "(error)", w[64];
        const char *err = bl_chinese_number(cn, strlen(cn), &d);
        if (!err)
            bl_dec_format(d, got, sizeof got);
        snprintf(w, sizeof w, "%.60s", want);
        canon(got);
        canon(w);
        n++;
        if (f < nf)
            forms[f].n++;
        if (err || strcmp(got, w) != 0) {
            bad++;
            if (f < nf)
                forms[f].bad++;
            if (bad <= 20)
                printf("FAIL: xcheck %s: '%s' decoded as %s (%s), encoder meant %s\n", form, cn, got,
                       err ? err : "no error", want);
        }
    }
    for (int f = 0; f < nf; f++)
        printf("%s: xcheck %s: %ld decoded, %ld wrong\n", forms[f].bad ? "FAIL" : "PASS", forms[f].form,
               forms[f].n, forms[f].bad);
    printf("%s: xcheck total: %ld decoded, %ld wrong\n", bad || n < 100000 ? "FAIL" : "PASS", n, bad);
    return bad ? 1 : 0;
}
