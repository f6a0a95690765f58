/* test_functions.c — the spreadsheet face on neutral cell grids: shapes,
 * blanks, text, errors and messages, without LibreOffice. Expected values
 * are worked out by hand in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* ------------------------------------------------------------- SG_SPLIT */

static void split_column_in_column_out(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "60");
  ARG(&fx, 3, 1, "1", "2", "3"); /* 60 * (1,2,3)/6 = 10, 20, 30 */
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 3, 1, (double[]){10, 20, 30});
  fx_free(&fx);
}

static void split_row_in_row_out_with_unit(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  /* Published Hamilton vector: 216,310,22,32 into 60 -> 23,32,2,3. */
  ARG(&fx, 1, 1, "60");
  ARG(&fx, 1, 4, "216", "310", "22", "32");
  ARG(&fx, 1, 1, "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 1, 4, (double[]){23, 32, 2, 3});
  fx_free(&fx);
}

static void split_blank_weight_is_zero(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 3, 1, "", "1", "1"); /* 0, 5, 5 */
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 3, 1, (double[]){0, 5, 5});
  fx_free(&fx);
}

static void split_blank_unit_means_no_rounding(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 3, 1, "1", "1", "1");
  ARG(&fx, 1, 1, ""); /* blank unit: exact thirds */
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 3, 1, (double[]){10.0 / 3, 10.0 / 3, 10.0 / 3});
  fx_free(&fx);
}

static void split_text_in_weights_names_cell(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 3, 1, "1", "abc", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "SG_SPLIT");
  assert_message_has(&fx, "argument 2 (weights)");
  assert_message_has(&fx, "\"abc\"");
  assert_message_has(&fx, "row 2, column 1");
  assert_int_equal(fx.result.rows, 0);
  fx_free(&fx);
}

static void split_text_message_in_chinese(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 3, 1, "1", "abc", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "SG_SPLIT，第 2 个参数（权重）");
  assert_message_has(&fx, "区域第 2 行第 1 列是文本“abc”");
  fx_free(&fx);
}

static void split_error_cell_and_text_total(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 2, 1, "1", "#ERR");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "error value at row 2, column 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "ten");
  ARG(&fx, 2, 1, "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "argument 1 (total): text \"ten\" where a number is needed");
  fx_free(&fx);
}

static void split_missing_and_range_total(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  OMIT(&fx);
  ARG(&fx, 2, 1, "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "argument 1 (total): is required but missing");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "1", "2");
  ARG(&fx, 2, 1, "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "expects one value, got a 2 x 1 range");
  fx_free(&fx);
}

static void split_nan_and_infinite_numbers(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 2, 1, "1", "inf");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "is not a finite number");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "nan");
  ARG(&fx, 2, 1, "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "argument 1 (total)");
  fx_free(&fx);
}

static void split_floor_broadcast_and_caps_blank(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  /* weights 1,1,8, total 100, floor 20 for all: lambda = 7.5 gives
   * 7.5, 7.5, 60 -> the first two rise to 20, the third keeps 60. */
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 3, 1, "1", "1", "8");
  OMIT(&fx);
  ARG(&fx, 1, 1, "20");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 3, 1, (double[]){20, 20, 60});
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  /* cap 50 on the third, blank = no cap: 50 is fixed, 50 left over 1:1. */
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 3, 1, "1", "1", "8");
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 3, 1, "", "", "50");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 3, 1, (double[]){25, 25, 50});
  fx_free(&fx);
}

static void split_locked_blanks_are_free(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  /* Anaplan: Jan 10, Feb held at 20, Mar 30, quarter 100 -> 20, 20, 60. */
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 3, 1, "10", "20", "30");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 3, 1, "", "20", "");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 3, 1, (double[]){20, 20, 60});
  fx_free(&fx);
}

static void split_shape_mismatches(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 3, 1, "1", "1", "1");
  OMIT(&fx);
  ARG(&fx, 1, 3, "1", "1", "1"); /* floors as a row against a column */
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "argument 4 (floors): is 1 x 3 but weights is 3 x 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 3, 1, "1", "1", "1");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 1, "20"); /* one lock for three cells makes no sense */
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "argument 6 (locked)");
  assert_message_has(&fx, "the shapes must match");
  fx_free(&fx);
}

static void split_engine_errors_are_localised(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  /* floors 30 x 3 = 90 > 50 */
  ARG(&fx, 1, 1, "50");
  ARG(&fx, 3, 1, "1", "1", "1");
  OMIT(&fx);
  ARG(&fx, 1, 1, "30");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "argument 4 (floors)");
  assert_message_has(&fx, "90");
  assert_message_has(&fx, "50");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "10");
  ARG(&fx, 3, 1, "1", "-2", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
  assert_message_has(&fx, "第 2 个参数（权重）");
  assert_message_has(&fx, "-2");
  assert_message_has(&fx, "负数");
  fx_free(&fx);

  /* 1050 is not a multiple of 100: 500 + 500 and the earlier cell takes
   * the 50 (the plug cell). */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1050");
  ARG(&fx, 2, 1, "1", "1");
  ARG(&fx, 1, 1, "100");
  assert_int_equal(fx_run(&fx, "SG_SPLIT"), 0);
  assert_numbers(&fx.result, 2, 1, (const double[]){550, 500});
  fx_free(&fx);

  /* Caps 5.2 and 5.2: whole units give 5 and 5, and neither has room for
   * the 0.3 of 10.3. */
  for (int zh = 0; zh < 2; zh++) {
    fx_init(&fx, zh ? SGF_LANG_ZH : SGF_LANG_EN);
    ARG(&fx, 1, 1, "10.3");
    ARG(&fx, 2, 1, "1", "1");
    ARG(&fx, 1, 1, "1");
    OMIT(&fx);
    ARG(&fx, 2, 1, "5.2", "5.2");
    assert_int_equal(fx_run(&fx, "SG_SPLIT"), -1);
    assert_message_has(&fx, zh ? "上限" : "cap");
    assert_message_has(&fx, "0.3");
    fx_free(&fx);
  }
}

static void split_large_range(void **state) {
  (void)state;
  enum { N = 100000 };
  sgf_grid args[6];
  sgf_call call = {.lang = SGF_LANG_EN};
  sgf_grid result;
  assert_int_equal(sgf_grid_init(&args[0], 1, 1), 0);
  sgf_grid_set_number(&args[0], 0, 1000000); /* 1,000,000 over 100,000 equal weights */
  assert_int_equal(sgf_grid_init(&args[1], N, 1), 0);
  for (size_t i = 0; i < N; i++) sgf_grid_set_number(&args[1], i, 3);
  assert_int_equal(sgf_grid_init(&args[2], 1, 1), 0);
  sgf_grid_set_number(&args[2], 0, 1);
  for (int i = 3; i < 6; i++) sgf_grid_init_omitted(&args[i]);
  assert_int_equal(sgf_invoke(sgf_find("SG_SPLIT"), &call, args, 6, &result), 0);
  assert_int_equal(result.rows, N);
  for (size_t i = 0; i < N; i++) assert_true(result.cells[i].number == 10.0);
  for (int i = 0; i < 6; i++) sgf_grid_free(&args[i]);
  sgf_grid_free(&result);
}

/* ------------------------------------------------------------- SG_BLEND */

static void blend_values_and_shape(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  /* 0.5 * (1,3)/4 + 0.5 * (1,1)/2 = (0.375, 0.625) */
  ARG(&fx, 1, 2, "1", "3");
  ARG(&fx, 1, 2, "1", "1");
  ARG(&fx, 1, 1, "0.5");
  assert_int_equal(fx_run(&fx, "SG_BLEND"), 0);
  assert_numbers(&fx.result, 1, 2, (double[]){0.375, 0.625});
  fx_free(&fx);
}

static void blend_bad_mix_and_shapes(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "1", "3");
  ARG(&fx, 2, 1, "1", "1");
  ARG(&fx, 1, 1, "1.5");
  assert_int_equal(fx_run(&fx, "SG_BLEND"), -1);
  assert_message_has(&fx, "argument 3 (mix): must be between 0 and 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "1", "3");
  ARG(&fx, 1, 2, "1", "1");
  ARG(&fx, 1, 1, "0.5");
  assert_int_equal(fx_run(&fx, "SG_BLEND"), -1);
  assert_message_has(&fx, "argument 2 (weights2): is 1 x 2 but weights1 is 2 x 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "1", "n/a");
  ARG(&fx, 2, 1, "1", "1");
  ARG(&fx, 1, 1, "0.5");
  assert_int_equal(fx_run(&fx, "SG_BLEND"), -1);
  assert_message_has(&fx, "argument 1 (weights1): text \"n/a\"");
  fx_free(&fx);
}

/* --------------------------------------------------------- SG_LASTERROR */

static void lasterror_returns_host_message(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  fx.call.last_error = "SG_SPLIT, argument 2 (weights): boom";
  assert_int_equal(fx_run(&fx, "SG_LASTERROR"), 0);
  assert_int_equal(fx.result.rows, 1);
  assert_int_equal(fx.result.cells[0].kind, SGF_TEXT);
  assert_string_equal(fx.result.cells[0].text, "SG_SPLIT, argument 2 (weights): boom");
  fx_free(&fx);
}

static void invoke_checks_argument_count(void **state) {
  (void)state;
  sgf_call call = {.lang = SGF_LANG_EN};
  sgf_grid result, arg;
  sgf_grid_init_omitted(&arg);
  assert_int_equal(sgf_invoke(sgf_find("SG_BLEND"), &call, &arg, 1, &result), -1);
  assert_non_null(strstr(call.message, "SG_BLEND: expects 3 arguments, got 1"));
}

/* ------------------------------------------------------------ catalogue */

static int is_identifier(const char *s) {
  if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return 0;
  return 1;
}

static void catalogue_is_complete(void **state) {
  (void)state;
  assert_true(sgf_catalogue_size() >= 3);
  assert_null(sgf_catalogue_at(sgf_catalogue_size()));
  for (size_t f = 0; f < sgf_catalogue_size(); f++) {
    const sgf_function *fn = sgf_catalogue_at(f);
    assert_true(strncmp(fn->name, "SG_", 3) == 0 && is_identifier(fn->name));
    assert_ptr_equal(sgf_find(fn->name), fn); /* names are unique */
    assert_non_null(fn->impl);
    for (int l = 0; l < SGF_LANG_COUNT; l++) assert_true(fn->description[l] && strlen(fn->description[l]) > 20);
    for (size_t a = 0; a < fn->nargs; a++) {
      const sgf_arg *arg = &fn->args[a];
      /* UNO IDL rejects parameter names such as avg_deal: no underscores. */
      assert_true(is_identifier(arg->name) && !strchr(arg->name, '_'));
      for (int l = 0; l < SGF_LANG_COUNT; l++) {
        assert_true(arg->display[l] && arg->display[l][0]);
        assert_true(arg->help[l] && strlen(arg->help[l]) > 5);
      }
      for (size_t b = 0; b < a; b++) assert_string_not_equal(fn->args[b].name, arg->name);
      /* Calc can omit only trailing arguments sensibly: required ones first. */
      if (a > 0 && sgf_arg_is_optional(&fn->args[a - 1])) assert_true(sgf_arg_is_optional(arg));
    }
  }
  assert_null(sgf_find("SG_NOPE"));
}

static void language_tags(void **state) {
  (void)state;
  assert_int_equal(sgf_lang_from_tag("zh"), SGF_LANG_ZH);
  assert_int_equal(sgf_lang_from_tag("zh-CN"), SGF_LANG_ZH);
  assert_int_equal(sgf_lang_from_tag("zh_TW"), SGF_LANG_ZH);
  assert_int_equal(sgf_lang_from_tag("zu"), SGF_LANG_EN);
  assert_int_equal(sgf_lang_from_tag("en-US"), SGF_LANG_EN);
  assert_int_equal(sgf_lang_from_tag(""), SGF_LANG_EN);
  assert_int_equal(sgf_lang_from_tag(NULL), SGF_LANG_EN);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(split_column_in_column_out),
      cmocka_unit_test(split_row_in_row_out_with_unit),
      cmocka_unit_test(split_blank_weight_is_zero),
      cmocka_unit_test(split_blank_unit_means_no_rounding),
      cmocka_unit_test(split_text_in_weights_names_cell),
      cmocka_unit_test(split_text_message_in_chinese),
      cmocka_unit_test(split_error_cell_and_text_total),
      cmocka_unit_test(split_missing_and_range_total),
      cmocka_unit_test(split_nan_and_infinite_numbers),
      cmocka_unit_test(split_floor_broadcast_and_caps_blank),
      cmocka_unit_test(split_locked_blanks_are_free),
      cmocka_unit_test(split_shape_mismatches),
      cmocka_unit_test(split_engine_errors_are_localised),
      cmocka_unit_test(split_large_range),
      cmocka_unit_test(blend_values_and_shape),
      cmocka_unit_test(blend_bad_mix_and_shapes),
      cmocka_unit_test(lasterror_returns_host_message),
      cmocka_unit_test(invoke_checks_argument_count),
      cmocka_unit_test(catalogue_is_complete),
      cmocka_unit_test(language_tags),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
