/*
 * fuzz_numeral.c - libFuzzer target for the Chinese number reader: any bytes
 * are either rejected or read to a decimal that round-trips through its
 * printed form.
 */
#include <stdlib.h>
#include <string.h>

#include "../normalize/quantity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bl_dec d, back;
    if (bl_chinese_number((const char *)data, size, &d) != NULL)
        return 0;
    char buf[64];
    bl_dec_format(d, buf, sizeof buf);
    if (bl_dec_parse(buf, strlen(buf), &back) != NULL || back.mant != d.mant || back.scale != d.scale)
        abort();
    return 0;
}
