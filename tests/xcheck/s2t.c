/* s2t.c - standard input to standard output in Traditional characters (OpenCC s2t):
 * makes the Traditional twins tests/traditional.sh checks. A test helper only. */
#include <opencc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    opencc_t cc = opencc_open("s2t.json");
    if (cc == (opencc_t)-1) {
        fprintf(stderr, "s2t: cannot open OpenCC's s2t.json: %s\n", opencc_error());
        return 2;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
        n += k;
        if (cap - n < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb)
                break;
            buf = nb, cap *= 2;
        }
    }
    if (!buf)
        return 2;
    buf[n] = '\0';
    char *out = opencc_convert_utf8(cc, buf, n);
    if (!out)
        return 2;
    fputs(out, stdout);
    opencc_convert_utf8_free(out);
    opencc_close(cc);
    free(buf);
    return 0;
}
