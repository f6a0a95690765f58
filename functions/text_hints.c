/* text_hints.c — see text_hints.h. A spreadsheet that stores "100" or
 * "2026-04-01" as text (an import, a leading apostrophe, a cell formatted
 * as text) is the commonest reason a planner's number "does not work";
 * converting it silently would hide a data problem, so the message names
 * the fix instead. */
#include "text_hints.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* " 1,234.5 ", "-7", "90%", "1e3": a number typed as text. */
static int looks_like_number(const char *s) {
  while (*s == ' ') s++;
  if (*s == '+' || *s == '-') s++;
  int digits = 0;
  for (; isdigit((unsigned char)*s) || (*s == ',' && digits); s++) digits += *s != ',';
  if (*s == '.')
    for (s++; isdigit((unsigned char)*s); s++) digits++;
  if (!digits) return 0;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-') s++;
    if (!isdigit((unsigned char)*s)) return 0;
    while (isdigit((unsigned char)*s)) s++;
  }
  if (*s == '%') s++;
  while (*s == ' ') s++;
  return *s == '\0';
}

/* Read up to max digits as a number; 0 when none. */
static int read_int(const char **s, int max, int *out) {
  int n = 0, v = 0;
  while (n < max && isdigit((unsigned char)**s)) v = v * 10 + (*(*s)++ - '0'), n++;
  *out = v;
  return n;
}

/* "2026-04-01", "2026/4/1", "2026.04.01", "2026年4月1日": year, month, day. */
static int looks_like_date(const char *s, int *y, int *m, int *d) {
  while (*s == ' ') s++;
  if (read_int(&s, 4, y) != 4) return 0;
  int chinese = strncmp(s, "年", 3) == 0;
  char sep = *s;
  if (chinese) s += 3;
  else if (sep == '-' || sep == '/' || sep == '.') s++;
  else return 0;
  if (!read_int(&s, 2, m)) return 0;
  if (chinese) {
    if (strncmp(s, "月", 3) != 0) return 0;
    s += 3;
  } else if (*s++ != sep) {
    return 0;
  }
  if (!read_int(&s, 2, d)) return 0;
  if (chinese && strncmp(s, "日", 3) == 0) s += 3;
  while (*s == ' ') s++;
  return *s == '\0' && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

void sgf_text_templates(const char *text, char *en, char *zh, size_t size) {
  int y, m, d;
  if (text && looks_like_date(text, &y, &m, &d)) {
    snprintf(en, size,
             "text \"{text}\"{at}{pos} looks like a date but is stored as text: enter it as a "
             "date, e.g. DATE(%d;%d;%d), or convert it with DATEVALUE().",
             y, m, d);
    snprintf(zh, size,
             "{pos}的文本“{text}”看起来是日期，但被存成了文本：请输入日期，例如 DATE(%d;%d;%d)，"
             "或用 DATEVALUE() 转换。",
             y, m, d);
  } else if (text && looks_like_number(text)) {
    snprintf(en, size, "%s",
             "text \"{text}\"{at}{pos} looks like a number but is stored as text: convert it "
             "with VALUE(), or format the cell as a number and type it again.");
    snprintf(zh, size, "%s",
             "{pos}的文本“{text}”看起来是数字，但被存成了文本：请用 VALUE() 转换，"
             "或把单元格设为数值格式后重新输入。");
  } else {
    snprintf(en, size, "%s", "text \"{text}\"{at}{pos} where a number is needed.");
    snprintf(zh, size, "%s", "{pos}是文本“{text}”，此处需要数字。");
  }
}
