/*
 * fuzz_normalize.c - libFuzzer target: text bytes through extract (text path),
 * normalize, the number reader, parse and validate. Invariants: the normalized
 * text is valid UTF-8; the offset map stays in range and never decreases;
 * quantity spans lie inside the text in order. Any crash or sanitizer report
 * is a bug.
 */
#include <stdlib.h>
#include <string.h>

#include "../extract/extract.h"
#include "../normalize/normalize.h"
#include "../normalize/quantity.h"
#include "../parse/parse.h"
#include "../validate/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16 || (size >= 5 && memmem(data, size < 1024 ? size : 1024, "%PDF-", 5)))
        return 0; /* Poppler is not what this target fuzzes */
    bl_doc *d = bl_doc_new("fuzz");
    if (bl_extract_bytes(d, (const char *)data, size, false, NULL) == 0) {
        bl_normalize(d);
        if (!bl_utf8_valid(d->text, d->text_len))
            abort();
        for (size_t i = 0; i < d->text_len; i++)
            if (d->src[i] > d->raw_len || (i && d->src[i] < d->src[i - 1]))
                abort();
        bl_quantity *q;
        size_t n = bl_quantities(d, &q);
        for (size_t i = 0; i < n; i++)
            if (q[i].start > q[i].end || q[i].end > d->text_len || q[i].num_start < q[i].start ||
                (i && q[i].num_start < q[i - 1].num_start))
                abort();
        if (bl_parse(d) == 0)
            bl_validate(d);
    }
    bl_doc_free(d);
    return 0;
}
