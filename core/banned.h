/* banned.h - calls that make ownership or bounds a matter of folklore (after git's banned.h). */
#ifndef BL_BANNED_H
#define BL_BANNED_H
#undef strcpy
#define strcpy(a, b) BANNED_strcpy_use_bl_strndup
#undef strcat
#define strcat(a, b) BANNED_strcat_use_bl_buf
#undef strncpy
#define strncpy(a, b, n) BANNED_strncpy_use_memcpy
#undef sprintf
#define sprintf(...) BANNED_sprintf_use_snprintf
#undef strtok
#define strtok(a, b) BANNED_strtok
#undef localtime
#define localtime(t) BANNED_localtime
#undef gmtime
#define gmtime(t) BANNED_gmtime
#endif
