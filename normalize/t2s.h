/* t2s.h - normalize/'s Traditional -> Simplified character converter (OpenCC t2s). */
#ifndef BL_NORMALIZE_T2S_H
#define BL_NORMALIZE_T2S_H

#include "../core/core.h"

/**
 * Convert in place the code points cps[0], cps[stride], ... cps[(n-1)*stride]
 * from Traditional to Simplified, one character for one (預算數 -> 预算数,
 * 萬元 -> 万元). Returns how many changed; 0 when OpenCC's t2s configuration
 * cannot be opened (the text then stays as it is).
 */
size_t bl_t2s_convert(uint32_t *cps, size_t n, size_t stride);

/** Release OpenCC and the table (for leak checkers; optional at exit). */
void bl_t2s_cleanup(void);

#endif
