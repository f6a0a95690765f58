/*
 * test_messages.c — issue 10 items 6 and 7 at the spreadsheet face: a pace
 * typed as a percent number (SG_ALERT(90)) is an error that suggests 0.9;
 * text that looks like a number or a date stays an error and says how to
 * fix it (VALUE(), DATE()); Chinese messages without "：的" joins.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "fixture.h"

static void alert_one(call_fixture *fx, sgf_lang lang, const char *value) {
  fx_init(fx, lang);
  ARG(fx, 1, 1, value);
}

/* 90 for 90% used to say GREEN (90 >= 0.95). Above 10 (1000%) is an error
 * with the fraction meant: 90 / 100 = 0.9. 10 itself is still a value. */
static void alert_percent_typed_as_number(void **state) {
  (void)state;
  call_fixture fx;
  alert_one(&fx, SGF_LANG_EN, "90");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "0.9");
  assert_message_has(&fx, "90%");
  fx_free(&fx);
  alert_one(&fx, SGF_LANG_ZH, "90");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "0.9");
  assert_message_has(&fx, "小数");
  assert_null(strstr(fx.call.message, "：的"));
  fx_free(&fx);
  alert_one(&fx, SGF_LANG_EN, "10");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  fx_free(&fx);
  /* In a column, the message names the cell: 0.5 is fine, 120 is 1.2. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "0.5", "120");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "row 2");
  assert_message_has(&fx, "1.2");
  fx_free(&fx);
}

/* "100" in weights: an error (never read as 100), with VALUE() as the fix. */
static void number_as_text(void **state) {
  (void)state;
  static const char *const texts[] = {"100", " 1,234.5 ", "-7", "90%", "1e3"};
  for (size_t lang = 0; lang < 2; lang++)
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
      call_fixture fx;
      fx_init(&fx, (sgf_lang)lang);
      ARG(&fx, 1, 1, "1000");
      ARG(&fx, 2, 1, "1", "");
      /* The fixture would read "100" as a number: make it a text cell. */
      assert_int_equal(sgf_grid_set_text(&fx.args[1], 1, texts[t], strlen(texts[t])), 0);
      assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
      assert_message_has(&fx, "VALUE()");
      assert_message_has(&fx, lang ? "文本" : "stored as text");
      fx_free(&fx);
    }
  /* Ordinary text gets no VALUE() advice. */
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000");
  ARG(&fx, 2, 1, "1", "abc");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "\"abc\"");
  assert_null(strstr(fx.call.message, "VALUE()"));
  fx_free(&fx);
}

/* "2026-04-01" as the start of SG_PROGRESS: an error with DATE(2026;4;1). */
static void date_as_text(void **state) {
  (void)state;
  static const char *const texts[] = {"2026-04-01", "2026/4/1", "2026.04.01", "2026年4月1日"};
  for (size_t lang = 0; lang < 2; lang++)
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
      call_fixture fx;
      fx_init(&fx, (sgf_lang)lang);
      ARG(&fx, 1, 1, "1000");
      ARG(&fx, 1, 1, "500");
      ARG(&fx, 1, 1, texts[t]);
      ARG(&fx, 1, 1, "46387");
      ARG(&fx, 1, 1, "46203");
      assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
      assert_message_has(&fx, "DATE(2026;4;1)");
      assert_message_has(&fx, lang ? "日期" : "date");
      assert_null(strstr(fx.call.message, "：的"));
      fx_free(&fx);
    }
  /* Not a date: month 13. Then it is just text. */
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000");
  ARG(&fx, 1, 1, "500");
  ARG(&fx, 1, 1, "2026-13-01");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46203");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_null(strstr(fx.call.message, "DATE("));
  fx_free(&fx);
}

/* A one-cell argument has no position: "{pos}的值" must not read "：的值". */
static void chinese_joins(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 1, 1, "-1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "值 -1 为负数");
  assert_null(strstr(fx.call.message, "：的"));
  fx_free(&fx);
  /* With a position the 的 stays: "区域第 2 行第 1 列的值 -1". */
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 2, 1, "1", "-1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "第 2 行第 1 列的值 -1");
  fx_free(&fx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(alert_percent_typed_as_number),
      cmocka_unit_test(number_as_text),
      cmocka_unit_test(date_as_text),
      cmocka_unit_test(chinese_joins),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
