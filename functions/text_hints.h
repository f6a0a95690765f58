/* text_hints.h — what to say when a cell holds text where a number or a
 * date is needed: text that looks like one ("100", "2026-04-01") stays an
 * error, and the message says how to fix it. */
#ifndef SGF_TEXT_HINTS_H
#define SGF_TEXT_HINTS_H

#include <stddef.h>

/* Write the en and zh message templates (sgf_fail_vars placeholders
 * {text}, {at}, {pos}) for text found where a number is needed: with a
 * VALUE() hint when the text reads as a number, a DATE(y;m;d) hint when it
 * reads as a date, the plain sentence otherwise. */
void sgf_text_templates(const char *text, char *en, char *zh, size_t size);

#endif
