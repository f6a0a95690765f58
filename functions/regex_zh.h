/* regex_zh.h — PCRE2 compile errors in Chinese (see regex_zh.c). */
#ifndef SGF_REGEX_ZH_H
#define SGF_REGEX_ZH_H

#include <stddef.h>

/* The Chinese text for PCRE2 compile error `code` (its English text is
 * `english`), into buf. */
void sgf_regex_error_zh(int code, const char *english, char *buf, size_t size);

#endif
