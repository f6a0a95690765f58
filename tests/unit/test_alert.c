/* test_alert.c — SG_ALERT and SG_ROLLUP through the catalogue, plus the
 * engine's classification. Expected values are worked out by hand in the
 * comments. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"
#include "sgf_internal.h"

/* want[i] "" = a blank cell, "#N/A" = an error cell, else that text. */
static void assert_texts(const sgf_grid *g, size_t rows, size_t cols, const char *const *want) {
  assert_int_equal(g->rows, rows);
  assert_int_equal(g->cols, cols);
  for (size_t i = 0; i < rows * cols; i++) {
    const sgf_cell *c = &g->cells[i];
    if (want[i][0] == '\0') {
      assert_int_equal(c->kind, SGF_BLANK);
    } else if (strcmp(want[i], "#N/A") == 0) {
      assert_int_equal(c->kind, SGF_ERROR);
    } else if (c->kind != SGF_TEXT || strcmp(c->text, want[i]) != 0) {
      fprintf(stderr, "cell %zu: got [%s] want [%s]\n", i, c->kind == SGF_TEXT ? c->text : "(not text)",
              want[i]);
      fail();
    }
  }
}
#define TEXTS(g, rows, cols, ...) assert_texts(g, rows, cols, (const char *const[]){__VA_ARGS__})

/* One-column SG_ALERT with default thresholds, nothing else. */
static void alert_column(const char *const *values, size_t n, const char *const *want) {
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  fx_arg(&fx, n, 1, values);
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  assert_texts(&fx.result, n, 1, want);
  fx_free(&fx);
}

/* ------------------------------------------------------------- engine */

static void classify_boundaries(void **state) {
  (void)state;
  sg_alert_level level;
  sg_error err;
  /* value < 0.85 RED; < 0.95 AMBER; else GREEN: on a threshold the better level. */
  const double v[] = {0.8499999, 0.85, 0.9499999, 0.95, 1.3, -0.2};
  const sg_alert_level want[] = {SG_ALERT_RED, SG_ALERT_AMBER, SG_ALERT_AMBER, SG_ALERT_GREEN,
                                 SG_ALERT_GREEN, SG_ALERT_RED};
  for (size_t i = 0; i < 6; i++) {
    assert_int_equal(sg_alert_classify(v[i], 0.85, 0.95, &level, &err), SG_OK);
    assert_int_equal(level, want[i]);
  }
  /* Equal thresholds leave no amber band. */
  assert_int_equal(sg_alert_classify(0.89, 0.9, 0.9, &level, &err), SG_OK);
  assert_int_equal(level, SG_ALERT_RED);
  assert_int_equal(sg_alert_classify(0.9, 0.9, 0.9, &level, &err), SG_OK);
  assert_int_equal(level, SG_ALERT_GREEN);
  assert_int_equal(sg_alert_classify(0.5, 0.95, 0.85, &level, &err), SG_ETHRESHOLDS);
  assert_int_equal(err.arg, SG_ALERT_ARG_THRESHOLDS);
  assert_true(err.value == 0.95 && err.value2 == 0.85);
  assert_int_equal(sg_alert_classify(NAN, 0.85, 0.95, &level, &err), SG_ENONFINITE);
  assert_int_equal(err.arg, SG_ALERT_ARG_VALUE);
  assert_string_equal(sg_alert_code(SG_ALERT_AMBER), "AMBER");
}

/* Rows: 100 + 250 + 50 under China, 300 in Japan, 400 in the UK, a blank
 * path and a blank value (both skipped). ^APAC/China/: sum 400, count 3,
 * avg 400/3, min 50, max 250. */
static void engine_rollup(void **state) {
  (void)state;
  const char *paths[] = {"APAC/China/East/张三", "APAC/China/East/李四", "APAC/China/West/王五",
                         "APAC/Japan/Kanto/佐藤", "EMEA/UK/Smith", NULL, "APAC/China/North/赵六"};
  const double values[] = {100, 250, 50, 300, 400, 999, NAN};
  const char *patterns[] = {"^APAC/China/", "^APAC/", NULL, "^NOWHERE/"};
  sg_regex_cache *c = sg_regex_cache_create(0, 0);
  sg_error err;
  double out[4];
  const double want[5][4] = {{400, 700, NAN, 0},
                             {3, 4, NAN, 0},
                             {400.0 / 3, 175, NAN, NAN},
                             {50, 50, NAN, NAN},
                             {250, 300, NAN, NAN}};
  for (int mode = SG_ROLLUP_SUM; mode <= SG_ROLLUP_MAX; mode++) {
    sg_rollup_input in = {7, paths, values, 4, patterns, (sg_rollup_mode)mode};
    assert_int_equal(sg_rollup(c, &in, out, &err), SG_OK);
    for (int k = 0; k < 4; k++) {
      if (isnan(want[mode][k])) assert_true(isnan(out[k]));
      else assert_true(fabs(out[k] - want[mode][k]) < 1e-12);
    }
  }
  /* Ten times 0.1 add up to exactly 1 with compensated summation (a plain
   * loop gives 0.9999999999999999). */
  const char *ten[10];
  double tenths[10];
  for (int i = 0; i < 10; i++) ten[i] = "x", tenths[i] = 0.1;
  sg_rollup_input in = {10, ten, tenths, 1, (const char *[]){"x"}, SG_ROLLUP_SUM};
  assert_int_equal(sg_rollup(c, &in, out, &err), SG_OK);
  assert_true(out[0] == 1.0);
  /* Errors name the pattern or the row. */
  sg_rollup_input bad = {7, paths, values, 2, (const char *[]){"ok", "(bad"}, SG_ROLLUP_SUM};
  assert_int_equal(sg_rollup(c, &bad, out, &err), SG_EPATTERN);
  assert_int_equal(err.arg, SG_ROLLUP_ARG_PATTERN);
  assert_int_equal(err.index, 1);
  double inf_values[] = {1, INFINITY, 1, 1, 1, 1, 1};
  sg_rollup_input inf = {7, paths, inf_values, 1, patterns, SG_ROLLUP_SUM};
  assert_int_equal(sg_rollup(c, &inf, out, &err), SG_ENONFINITE);
  assert_int_equal(err.arg, SG_ROLLUP_ARG_VALUES);
  assert_int_equal(err.index, 1);
  sg_rollup_input badmode = {7, paths, values, 1, patterns, (sg_rollup_mode)9};
  assert_int_equal(sg_rollup(c, &badmode, out, &err), SG_EINVAL);
  sg_regex_cache_free(c);
}

/* ------------------------------------------------------------ SG_ALERT */

static void alert_default_thresholds(void **state) {
  (void)state;
  /* Blank value -> blank cell. */
  alert_column((const char *const[]){"0.84", "0.85", "0.9499", "0.95", "1.2", "", "0"}, 7,
               (const char *const[]){"RED", "AMBER", "AMBER", "GREEN", "GREEN", "", "RED"});
}

static void alert_custom_thresholds(void **state) {
  (void)state;
  call_fixture fx;
  /* {0.7; 0.9}: 0.69 RED, 0.7 AMBER, 0.89 AMBER, 0.9 GREEN. As a row too. */
  for (int row = 0; row < 2; row++) {
    fx_init(&fx, SGF_LANG_EN);
    ARG(&fx, 4, 1, "0.69", "0.7", "0.89", "0.9");
    if (row) ARG(&fx, 1, 2, "0.7", "0.9");
    else ARG(&fx, 2, 1, "0.7", "0.9");
    assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
    TEXTS(&fx.result, 4, 1, "RED", "AMBER", "AMBER", "GREEN");
    fx_free(&fx);
  }
  /* A blank red_below keeps 0.85: {blank; 0.9} -> 0.84 RED, 0.86 AMBER, 0.9 GREEN. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 3, "0.84", "0.86", "0.9"); /* a row in gives a row out */
  ARG(&fx, 2, 1, "", "0.9");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 1, 3, "RED", "AMBER", "GREEN");
  fx_free(&fx);
}

/* Rules, first match wins:
 *   ^APAC/China/  0.7  0.8   China
 *   (blank row)
 *   ^APAC/        0.9  0.99  (no label)
 * 张三 0.75 -> China rule, 0.7 <= 0.75 < 0.8: "China: AMBER";
 * 佐藤 0.95 -> ^APAC/ rule, < 0.99: AMBER;
 * Smith 0.95 -> no rule, defaults: GREEN;
 * 李四 0.69 -> China rule, < 0.7: "China: RED". */
static void alert_rules_first_match(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 4, 1, "0.75", "0.95", "0.95", "0.69");
  OMIT(&fx);
  ARG(&fx, 4, 1, "APAC/China/East/张三", "APAC/Japan/佐藤", "EMEA/UK/Smith", "APAC/China/West/李四");
  ARG(&fx, 3, 4, "^APAC/China/", "0.7", "0.8", "China", "", "", "", "", "^APAC/", "0.9", "0.99", "");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 4, 1, "China: AMBER", "AMBER", "GREEN", "China: RED");
  fx_free(&fx);

  /* The same rules the other way round: ^APAC/ now catches 张三 first,
   * 0.75 < 0.9 -> RED, and no label. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.75");
  OMIT(&fx);
  ARG(&fx, 1, 1, "APAC/China/East/张三");
  ARG(&fx, 2, 4, "^APAC/", "0.9", "0.99", "", "^APAC/China/", "0.7", "0.8", "China");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 1, 1, "RED");
  fx_free(&fx);
}

/* A blank threshold in a rule inherits the thresholds argument {0.5; 0.6}:
 * rule East | blank | 0.8 gives 0.5 / 0.8, so East at 0.7 is AMBER while
 * West at 0.7 (no rule, 0.5 / 0.6) is GREEN. 3 columns, no label. A
 * Unicode \w rule matches a two-character Chinese name. */
static void alert_rule_inherits_and_unicode(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "0.7", "0.7", "0.7");
  ARG(&fx, 2, 1, "0.5", "0.6");
  ARG(&fx, 3, 1, "APAC/East/Ann", "APAC/West/Bob", "APAC/North/张三");
  ARG(&fx, 2, 3, "East", "", "0.8", "/\\w{2}$", "0.75", "0.8");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  /* 张三: two word characters -> rule 2, 0.7 < 0.75 -> RED ("Bob" is three). */
  TEXTS(&fx.result, 3, 1, "AMBER", "GREEN", "RED");
  fx_free(&fx);
}

static void alert_broadcast_and_shapes(void **state) {
  (void)state;
  call_fixture fx;
  /* One value, a column of units: the result follows the units. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 3, 1, "A/x", "B/y", "C/z");
  ARG(&fx, 1, 3, "^B/", "0.95", "0.99");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 3, 1, "AMBER", "RED", "AMBER");
  fx_free(&fx);

  /* A number as a unit id matches as its text: 1001 is caught by ^100. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "0.9", "0.9");
  OMIT(&fx);
  ARG(&fx, 2, 1, "1001", "2001");
  ARG(&fx, 1, 3, "^100", "0.95", "0.99");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 2, 1, "RED", "AMBER");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "0.9", "0.9", "0.9");
  OMIT(&fx);
  ARG(&fx, 2, 1, "A", "B");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "SG_ALERT, argument 3 (unit): is 2 x 1 but value is 3 x 1");
  fx_free(&fx);
}

static void alert_messages_en_zh(void **state) {
  (void)state;
  call_fixture fx;
  const char *unit = "APAC/China/East/张三";
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 4, 1, "0.72", "0.9", "1.05", "0.8499");
  OMIT(&fx);
  ARG(&fx, 1, 1, unit);
  OMIT(&fx);
  ARG(&fx, 1, 1, "Message");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  /* 0.8499 would round to 85% next to "red below 85%": two decimals keep it below. */
  TEXTS(&fx.result, 4, 1, "RED: APAC/China/East/张三 at 72% of pace (red below 85%)",
        "AMBER: APAC/China/East/张三 at 90% of pace (amber below 95%)",
        "GREEN: APAC/China/East/张三 at 105% of pace (green from 95%)",
        "RED: APAC/China/East/张三 at 84.99% of pace (red below 85%)");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 3, 1, "0.72", "0.9", "1.05");
  OMIT(&fx);
  ARG(&fx, 1, 1, unit);
  OMIT(&fx);
  ARG(&fx, 1, 1, "message");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 3, 1, "RED：APAC/China/East/张三 达成进度 72%（低于 85% 为红色）",
        "AMBER：APAC/China/East/张三 达成进度 90%（低于 95% 为黄色）",
        "GREEN：APAC/China/East/张三 达成进度 105%（达到 95% 为绿色）");
  fx_free(&fx);

  /* With a labelled rule (0.7 / 0.8) the sentence names it; codes stay English. */
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "0.65");
  OMIT(&fx);
  ARG(&fx, 1, 1, unit);
  ARG(&fx, 1, 4, "China", "0.7", "0.8", "中国区");
  ARG(&fx, 1, 1, "message");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 1, 1, "RED：APAC/China/East/张三 达成进度 65%（低于 70% 为红色，规则“中国区”）");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.65");
  OMIT(&fx);
  ARG(&fx, 1, 1, unit);
  ARG(&fx, 1, 4, "China", "0.7", "0.8", "Key accounts");
  ARG(&fx, 1, 1, "message");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 1, 1, "RED: APAC/China/East/张三 at 65% of pace (red below 70%, rule \"Key accounts\")");
  fx_free(&fx);

  /* No unit: the sentence goes without one. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.955");
  ARG(&fx, 2, 1, "0.9", "0.955");
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 1, "message");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), 0);
  TEXTS(&fx.result, 1, 1, "GREEN: at 95.5% of pace (green from 95.5%)");
  fx_free(&fx);
}

static void alert_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  ARG(&fx, 2, 1, "0.95", "0.85");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "SG_ALERT, argument 2 (thresholds): red_below 0.95 is above amber_below 0.85");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "0.9");
  ARG(&fx, 2, 1, "0.95", "0.85");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "红色下限 0.95 高于黄色下限 0.85");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  ARG(&fx, 3, 1, "0.8", "0.9", "1");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "argument 2 (thresholds): needs two numbers");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "0.9", "72%");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "argument 1 (value): text \"72%\" at row 2, column 1 of the range");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 1, "colour");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "argument 5 (what): must be \"code\"");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 3, ".*", "0.8", "0.9");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "argument 4 (rules): picks thresholds by unit, so unit is needed too");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 1, 1, "A");
  ARG(&fx, 1, 2, ".*", "0.8");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "argument 4 (rules): needs 3 or 4 columns");
  fx_free(&fx);

  /* Rule problems name the cell: a bad pattern in row 2 (with PCRE2's
   * text and offset), red above amber in row 1, text for a threshold, a
   * row with thresholds but no pattern. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 1, 1, "A");
  ARG(&fx, 2, 3, "A", "0.8", "0.9", "(East", "0.8", "0.9");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "argument 4 (rules): pattern \"(East\" at row 2, column 1 of the range is not a "
                          "valid regular expression: missing closing parenthesis (at offset 5).");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 1, 1, "A");
  ARG(&fx, 2, 3, "A", "0.8", "0.9", "(East", "0.8", "0.9");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "区域第 2 行第 1 列的模式“(East”不是有效的正则表达式：缺少右括号 )（偏移 5 处）");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 1, 1, "A");
  ARG(&fx, 2, 3, "A", "0.9", "0.8", "B", "0.8", "0.9");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "red_below 0.9 is above amber_below 0.8 at row 1, column 2 of the range");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 1, 1, "A");
  ARG(&fx, 2, 3, "A", "0.8", "0.9", "B", "0.8", "high");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "text \"high\" at row 2, column 3 of the range where a threshold number is needed");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 1, 1, "A");
  ARG(&fx, 1, 3, "", "0.8", "0.9");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "row 1 has thresholds but no pattern");
  fx_free(&fx);
}

/* A catastrophic rule stops the call with a message, quickly. */
static void alert_catastrophic_rule(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.9");
  OMIT(&fx);
  ARG(&fx, 1, 1, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
  ARG(&fx, 1, 3, "(a+)+$", "0.8", "0.9");
  assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
  assert_message_has(&fx, "argument 4 (rules): pattern \"(a+)+$\" at row 1, column 1 of the range needs too "
                          "much backtracking");
  fx_free(&fx);
}

/* ----------------------------------------------------------- SG_ROLLUP */

#define ROLLUP_PATHS(fx)                                                                          \
  ARG(fx, 7, 1, "APAC/China/East/张三", "APAC/China/East/李四", "APAC/China/West/王五",             \
      "APAC/Japan/Kanto/佐藤", "EMEA/UK/Smith", "", "APAC/China/North/赵六");                        \
  ARG(fx, 7, 1, "100", "250", "50", "300", "400", "999", "")

static void rollup_modes(void **state) {
  (void)state;
  /* Same rows as engine_rollup. Patterns ^APAC/China/, ^APAC/, East, .*:
   * sum 400, 700, 350 (100+250), 1100 (every non-blank row); count 3, 4, 2,
   * 5; avg 133.33, 175, 175, 220; min 50, 50, 100, 50; max 250, 300, 250, 400. */
  const char *modes[] = {"SUM", "count", "Avg", "min", "MAX", "average"};
  const double want[][4] = {{400, 700, 350, 1100}, {3, 4, 2, 5},       {400.0 / 3, 175, 175, 220},
                            {50, 50, 100, 50},     {250, 300, 250, 400}, {400.0 / 3, 175, 175, 220}};
  for (size_t m = 0; m < 6; m++) {
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    ROLLUP_PATHS(&fx);
    ARG(&fx, 4, 1, "^APAC/China/", "^APAC/", "East", ".*");
    ARG(&fx, 1, 1, modes[m]);
    assert_int_equal(fx_run(&fx, "SG_ROLLUP"), 0);
    assert_numbers(&fx.result, 4, 1, want[m]);
    fx_free(&fx);
  }
}

static void rollup_defaults_blanks_and_no_match(void **state) {
  (void)state;
  call_fixture fx;
  /* Default mode is sum; a row of patterns gives a row; a blank pattern a
   * blank cell; no match sums to 0. Unicode \w: /\w{2}$ takes the
   * two-character names 张三 李四 王五 佐藤 (赵六 has no value) = 700. */
  fx_init(&fx, SGF_LANG_EN);
  ROLLUP_PATHS(&fx);
  ARG(&fx, 1, 4, "^EMEA/", "", "^NOWHERE", "/\\w{2}$");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), 0);
  assert_int_equal(fx.result.rows, 1);
  assert_int_equal(fx.result.cols, 4);
  assert_true(fx.result.cells[0].kind == SGF_NUMBER && fx.result.cells[0].number == 400);
  assert_int_equal(fx.result.cells[1].kind, SGF_BLANK);
  assert_true(fx.result.cells[2].kind == SGF_NUMBER && fx.result.cells[2].number == 0);
  assert_true(fx.result.cells[3].kind == SGF_NUMBER && fx.result.cells[3].number == 700);
  fx_free(&fx);

  /* avg / min / max of nothing: #N/A; count of nothing: 0. */
  const char *modes[] = {"avg", "min", "max"};
  for (int m = 0; m < 3; m++) {
    fx_init(&fx, SGF_LANG_EN);
    ROLLUP_PATHS(&fx);
    ARG(&fx, 2, 1, "^NOWHERE", "^EMEA/");
    ARG(&fx, 1, 1, modes[m]);
    assert_int_equal(fx_run(&fx, "SG_ROLLUP"), 0);
    assert_int_equal(fx.result.cells[0].kind, SGF_ERROR);
    assert_true(fx.result.cells[1].kind == SGF_NUMBER && fx.result.cells[1].number == 400);
    fx_free(&fx);
  }

  /* Numeric unit ids match as their text. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "1001", "1002", "2001");
  ARG(&fx, 3, 1, "5", "7", "11");
  ARG(&fx, 2, 1, "^100", "1$");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), 0);
  assert_numbers(&fx.result, 2, 1, (double[]){12, 16}); /* 5+7; 5+11 */
  fx_free(&fx);
}

static void rollup_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "A/x", "A/y");
  ARG(&fx, 2, 1, "1", "n/a");
  ARG(&fx, 1, 1, "^A/");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), -1);
  assert_message_has(&fx, "SG_ROLLUP, argument 2 (values): text \"n/a\" at row 2, column 1 of the range");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "A/x", "#ERR");
  ARG(&fx, 2, 1, "1", "2");
  ARG(&fx, 1, 1, "^A/");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), -1);
  assert_message_has(&fx, "argument 1 (paths): an error value or non-finite number at row 2, column 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "A/x", "A/y");
  ARG(&fx, 3, 1, "1", "2", "3");
  ARG(&fx, 1, 1, "^A/");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), -1);
  assert_message_has(&fx, "argument 2 (values): is 3 x 1 but paths is 2 x 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "A/x", "A/y");
  ARG(&fx, 2, 1, "1", "2");
  ARG(&fx, 2, 1, "^A/", "^A/[x");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), -1);
  assert_message_has(&fx, "argument 3 (pattern): pattern \"^A/[x\" at row 2, column 1 of the range is not a "
                          "valid regular expression: missing terminating ] for character class (at offset 5)");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 2, 1, "A/x", "A/y");
  ARG(&fx, 2, 1, "1", "2");
  ARG(&fx, 1, 1, "^A/");
  ARG(&fx, 1, 1, "median");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), -1);
  assert_message_has(&fx, "SG_ROLLUP，第 4 个参数（方式）：必须是 \"sum\"");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "b");
  ARG(&fx, 2, 1, "1", "2");
  ARG(&fx, 1, 1, "(a+)+$");
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), -1);
  assert_message_has(&fx, "argument 3 (pattern): pattern \"(a+)+$\" needs too much backtracking");
  fx_free(&fx);
}

/* With a session, the cache outlives calls: two calls with the same two
 * patterns compile twice in all, and the session frees the cache. */
static void rollup_session_cache(void **state) {
  (void)state;
  sgf_session *session = sgf_session_new();
  assert_non_null(session);
  for (int call = 0; call < 2; call++) {
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    fx.call.session = session;
    ROLLUP_PATHS(&fx);
    ARG(&fx, 3, 1, "^APAC/", "^EMEA/", "^APAC/");
    assert_int_equal(fx_run(&fx, "SG_ROLLUP"), 0);
    assert_numbers(&fx.result, 3, 1, (double[]){700, 400, 700});
    fx_free(&fx);
  }
  sg_regex_stats st;
  sg_regex_cache_stats(sgf_session_get(session, SGF_SLOT_REGEX), &st);
  assert_int_equal(st.compiles, 2);
  assert_int_equal(st.hits, 4); /* ^APAC/ again in call 1, then all three in call 2 */
  sgf_session_free(session);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(classify_boundaries),
      cmocka_unit_test(engine_rollup),
      cmocka_unit_test(alert_default_thresholds),
      cmocka_unit_test(alert_custom_thresholds),
      cmocka_unit_test(alert_rules_first_match),
      cmocka_unit_test(alert_rule_inherits_and_unicode),
      cmocka_unit_test(alert_broadcast_and_shapes),
      cmocka_unit_test(alert_messages_en_zh),
      cmocka_unit_test(alert_errors),
      cmocka_unit_test(alert_catastrophic_rule),
      cmocka_unit_test(rollup_modes),
      cmocka_unit_test(rollup_defaults_blanks_and_no_match),
      cmocka_unit_test(rollup_errors),
      cmocka_unit_test(rollup_session_cache),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
