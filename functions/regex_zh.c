/* regex_zh.c — PCRE2's compile errors in Chinese. PCRE2 writes its messages
 * in English only; a Chinese planner gets the common ones in Chinese and
 * the rare ones as a Chinese sentence with PCRE2's text in brackets. Codes
 * are PCRE2's (pcre2.h, PCRE2_ERROR_*), kept as numbers here so that this
 * layer stays free of the PCRE2 headers. */
#include "regex_zh.h"

#include <stdio.h>

static const struct {
  int code;
  const char *zh;
} texts[] = {
    {101, "模式末尾多了一个反斜杠 \\"},
    {102, "模式末尾的 \\c 后面缺少字符"},
    {103, "反斜杠 \\ 后面是无法识别的字符"},
    {104, "{} 量词中的数字顺序颠倒（应为较小值在前）"},
    {105, "{} 量词中的数字过大"},
    {106, "字符类缺少结尾的 ]"},
    {107, "字符类中有无效的转义序列"},
    {108, "字符类中的范围顺序颠倒（例如应为 a-z 而不是 z-a）"},
    {109, "量词（*、+、? 或 {}）前面没有可以重复的内容"},
    {111, "(? 或 (?- 后面是无法识别的字符"},
    {112, "POSIX 字符类只能用在 [...] 之内"},
    {114, "缺少右括号 )"},
    {115, "引用了不存在的分组"},
    {118, "注释 (?# 缺少结尾的 )"},
    {119, "括号嵌套过深"},
    {120, "模式过长"},
    {122, "多了一个右括号 )，没有与之对应的左括号"},
    {124, "条件分组缺少右括号 )"},
    {125, "后顾断言（lookbehind）的长度不固定"},
    {130, "未知的 POSIX 字符类名称"},
    {142, "分组名称缺少结尾符号"},
    {143, "两个分组使用了相同的名称"},
    {144, "分组名称无效"},
    {146, "\\p 或 \\P 后面的 Unicode 属性格式不正确"},
    {147, "未知的 Unicode 属性名称"},
    {150, "字符类中的范围无效"},
};

void sgf_regex_error_zh(int code, const char *english, char *buf, size_t size) {
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (texts[i].code == code) {
      snprintf(buf, size, "%s", texts[i].zh);
      return;
    }
  snprintf(buf, size, "语法错误（PCRE2：%s）", english);
}
