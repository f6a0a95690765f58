/* test_revise_fn.c — SG_BASELINE, SG_REPHASE, SG_CAPACITY and SG_FUNNEL_GAP
 * through the catalogue: shapes, blanks, #N/A cells, what, dates in the
 * document's NullDate, and readable messages in English and Chinese.
 * Values are the hand-worked ones of test_revise.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

static void assert_error_cell(const sgf_grid *g, size_t i) {
  assert_true(i < sgf_grid_size(g));
  assert_int_equal(g->cells[i].kind, SGF_ERROR);
}

/* ---------------------------------------------------------- SG_BASELINE */

/* 100, 120, 132 and 160 -> {151.66, 14.89%, 0.0707, 0.894} (test_revise.c). */
static void fn_baseline_row(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 3, "100", "120", "132"); /* a row works as well as a column */
  ARG(&fx, 1, 1, "160");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), 0);
  assert_int_equal(fx.result.rows, 1);
  assert_int_equal(fx.result.cols, 4);
  double g = sqrt(1.32) - 1;
  assert_near_rel(fx.result.cells[0].number, 132 * (1 + g), 1e-13);
  assert_near_rel(fx.result.cells[1].number, g, 1e-13);
  assert_near_rel(fx.result.cells[2].number, sqrt(0.005), 1e-13);
  assert_near_rel(fx.result.cells[3].number, 0.894, 0.0005);
  fx_free(&fx);
}

/* Two periods and no target: volatility and z are #N/A cells, the other
 * two numbers; a blank target cell is no target. */
static void fn_baseline_missing_figures(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "100", "121");
  ARG(&fx, 1, 1, "");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), 0);
  assert_numbers(&(sgf_grid){0, 1, 2, fx.result.cells}, 1, 2, (double[]){146.41, 0.21});
  assert_error_cell(&fx.result, 2);
  assert_error_cell(&fx.result, 3);
  fx_free(&fx);
}

/* what picks one figure, by name, number or Chinese name; one that does
 * not exist is an error that says why. */
static void fn_baseline_what(void **state) {
  (void)state;
  const char *whats[] = {"growth", "2", "增长率", " Growth "};
  for (size_t i = 0; i < 4; i++) {
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    ARG(&fx, 3, 1, "100", "120", "132");
    OMIT(&fx);
    ARG(&fx, 1, 1, whats[i]);
    assert_int_equal(fx_run(&fx, "SG_BASELINE"), 0);
    assert_numbers(&fx.result, 1, 1, (double[]){sqrt(1.32) - 1});
    fx_free(&fx);
  }
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "100", "120", "132");
  OMIT(&fx);
  ARG(&fx, 1, 1, "z");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "SG_BASELINE, argument 2 (target): is needed for z");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 2, 1, "100", "121");
  ARG(&fx, 1, 1, "150");
  ARG(&fx, 1, 1, "波动率");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "波动率至少需要 3 个值");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "50", "50", "50");
  ARG(&fx, 1, 1, "60");
  ARG(&fx, 1, 1, "4");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "volatility 0");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "50", "50", "50");
  OMIT(&fx);
  ARG(&fx, 1, 1, "trend");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "argument 3 (what): must be \"baseline\", \"growth\"");
  fx_free(&fx);
}

static void fn_baseline_bad_history(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "100", "", "132");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "argument 1 (history): a blank cell at row 2, column 1 of the range");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "100", "0", "132");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "0 at row 2, column 1 of the range is not above 0");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "100");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "SG_BASELINE，第 1 个参数（历史数据）：只有 1 个值");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 2, "100", "110", "120", "130");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "must be a single row or column");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "100", "110");
  ARG(&fx, 1, 1, "lots");
  assert_int_equal(fx_run(&fx, "SG_BASELINE"), -1);
  assert_message_has(&fx, "argument 2 (target): text \"lots\"");
  fx_free(&fx);
}

/* ----------------------------------------------------------- SG_REPHASE */

/* The issue's example, entered as a column: 80, 95, 110, 113 x 7, 112 x 2
 * (1,300 - 285 = 1,015 = 7 x 113 + 2 x 112, worked in test_rephase.c). */
static void fn_rephase_issue_example(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1300");
  ARG(&fx, 12, 1, "100", "100", "100", "100", "100", "100", "100", "100", "100", "100", "100", "100");
  ARG(&fx, 12, 1, "80", "95", "110", "", "", "", "", "", "", "", "", "");
  ARG(&fx, 1, 1, "1");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), 0);
  assert_numbers(&fx.result, 12, 1,
                 (double[]){80, 95, 110, 113, 113, 113, 113, 113, 113, 113, 112, 112});
  fx_free(&fx);
}

/* A row, with the plug cell: 400 - 80.5 = 319.5 -> 107.5, 106, 106. */
static void fn_rephase_row_with_plug(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "400");
  ARG(&fx, 1, 4, "100", "100", "100", "");
  ARG(&fx, 1, 4, "80.5", "", "", "");
  ARG(&fx, 1, 1, "1");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), 0);
  /* The blank plan cell weighs 0: the 319.5 goes to the two weighted cells,
   * 159.5 each: 159 + 1 unit to the earlier = 160, 159; plug 0.5 -> 160.5. */
  assert_numbers(&fx.result, 1, 4, (double[]){80.5, 160.5, 159, 0});
  fx_free(&fx);
}

static void fn_rephase_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1200");
  ARG(&fx, 3, 1, "100", "100", "100");
  ARG(&fx, 3, 1, "700", "650", "");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), -1);
  assert_message_has(&fx, "SG_REPHASE, argument 3 (actuals): the closed periods' actuals add up to "
                          "1350, 150 more than the new total 1200");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "1200");
  ARG(&fx, 3, 1, "100", "100", "100");
  ARG(&fx, 3, 1, "700", "650", "");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), -1);
  assert_message_has(&fx, "已关闭期间的实际合计 1350，比新总额 1200 多 150");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "400");
  ARG(&fx, 2, 1, "100", "100");
  ARG(&fx, 2, 1, "100", "200");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), -1);
  assert_message_has(&fx, "every period has an actual (is closed) and they add up to 300, not the new "
                          "total 400");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "400");
  ARG(&fx, 2, 1, "100", "100");
  ARG(&fx, 3, 1, "100", "", "");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), -1);
  assert_message_has(&fx, "argument 3 (actuals): is 3 x 1 but plan is 2 x 1; the shapes must match");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "400");
  ARG(&fx, 2, 1, "100", "100");
  ARG(&fx, 2, 1, "Jan", "");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), -1);
  assert_message_has(&fx, "argument 3 (actuals): text \"Jan\" at row 1, column 1 of the range");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "400");
  ARG(&fx, 2, 1, "100", "-100");
  ARG(&fx, 2, 1, "", "");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), -1);
  assert_message_has(&fx, "argument 2 (plan): -100 at row 2, column 1 of the range is negative");
  fx_free(&fx);
}

/* ---------------------------------------------------------- SG_CAPACITY */

/* The issue's example in a document with NullDate 1904-01-01 (offset
 * 1462): the dates are typed 1462 lower and mean the same days. A blank
 * row between the reps is skipped. {31,050; 28,950; 4}. */
static void fn_capacity_issue_example(void **state) {
  (void)state;
  for (int null1904 = 0; null1904 < 2; null1904++) {
    double off = null1904 ? 1462 : 0;
    char old[16], hire[16], start[16], end[16];
    snprintf(old, sizeof old, "%.0f", 43831 - off);   /* 2020-01-01 */
    snprintf(hire, sizeof hire, "%.0f", 46189 - off); /* 2026-06-16 */
    snprintf(start, sizeof start, "%.0f", 46174 - off);
    snprintf(end, sizeof end, "%.0f", 46203 - off);
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    fx.call.null_date_offset = off;
    ARG(&fx, 3, 1, "30000", "", "30000");
    ARG(&fx, 3, 1, old, "", hire);
    ARG(&fx, 1, 1, start);
    ARG(&fx, 1, 1, end);
    ARG(&fx, 3, 1, "0.3", "0.6", "1");
    ARG(&fx, 1, 1, "0.9");
    ARG(&fx, 1, 1, "60000");
    assert_int_equal(fx_run(&fx, "SG_CAPACITY"), 0);
    assert_numbers(&fx.result, 1, 3, (double[]){31050, 28950, 4});
    fx_free(&fx);
  }
}

/* Without a target: {30,000; #N/A; #N/A}; attainment blank = 1. */
static void fn_capacity_no_target(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "30000");
  ARG(&fx, 1, 1, "43831");
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  OMIT(&fx);
  ARG(&fx, 1, 1, "");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), 0);
  assert_int_equal(fx.result.cols, 3);
  assert_true(fx.result.cells[0].kind == SGF_NUMBER && fx.result.cells[0].number == 30000);
  assert_error_cell(&fx.result, 1);
  assert_error_cell(&fx.result, 2);
  fx_free(&fx);
}

static void fn_capacity_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "30000", "30000");
  ARG(&fx, 2, 1, "43831", "");
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), -1);
  assert_message_has(&fx, "argument 2 (hire_dates): a blank cell at row 2, column 1 of the range "
                          "where the rep has a quota");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 2, 1, "", "30000");
  ARG(&fx, 2, 1, "43831", "43831");
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), -1);
  assert_message_has(&fx, "第 1 个参数（指标）：区域第 1 行第 1 列为空白，但该人员有入职日期");
  fx_free(&fx);
  /* The third cell of the range is the second rep: the message names the cell. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "30000", "", "-5");
  ARG(&fx, 3, 1, "43831", "", "43831");
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), -1);
  assert_message_has(&fx, "argument 1 (quotas): -5 at row 3, column 1 of the range is negative");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "", "");
  ARG(&fx, 2, 1, "", "");
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), -1);
  assert_message_has(&fx, "holds no rep");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "30000", "30000");
  ARG(&fx, 1, 2, "43831", "43831");
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), -1);
  assert_message_has(&fx, "argument 2 (hire_dates): is 1 x 2 but quotas is 2 x 1");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "30000");
  ARG(&fx, 1, 1, "43831");
  ARG(&fx, 1, 1, "46203");
  ARG(&fx, 1, 1, "46174");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), -1);
  assert_message_has(&fx, "argument 4 (end): the end date comes before the start date");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  fx.call.null_date_offset = 1462;
  ARG(&fx, 1, 1, "30000");
  ARG(&fx, 1, 1, "99999999");
  ARG(&fx, 1, 1, "44712");
  ARG(&fx, 1, 1, "44741");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), -1);
  assert_message_has(&fx, "99999999 is not a date"); /* as typed, not shifted by 1462 */
  fx_free(&fx);
}

/* -------------------------------------------------------- SG_FUNNEL_GAP */

static void fn_funnel_gap(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "1000", "200", "50");
  ARG(&fx, 1, 3, "800", "120", "36"); /* a row of actuals is fine; the result follows planned */
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_GAP"), 0);
  double d = log(50.0 / 36);
  assert_numbers(&fx.result, 3, 1,
                 (double[]){14 * log(1.25) / d, 14 * log(0.2 / 0.15) / d, 14 * log(0.25 / 0.3) / d});
  fx_free(&fx);
}

static void fn_funnel_gap_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "1000", "200", "50");
  ARG(&fx, 3, 1, "800", "0", "36");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_GAP"), -1);
  assert_message_has(&fx, "argument 2 (actual_counts): stage 2 at row 2, column 1 of the range has "
                          "a count of 0");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 3, 1, "1000", "200", "50");
  ARG(&fx, 3, 1, "800", "120", "0");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_GAP"), -1);
  assert_message_has(&fx, "第 3 阶段（赢单）（区域第 3 行第 1 列）的数量为 0");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "1000", "200", "50");
  ARG(&fx, 2, 1, "800", "120");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_GAP"), -1);
  assert_message_has(&fx, "argument 2 (actual_counts): has 2 stages but planned_counts has 3");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "1000", "n/a", "50");
  ARG(&fx, 3, 1, "800", "120", "36");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_GAP"), -1);
  assert_message_has(&fx, "argument 1 (planned_counts): text \"n/a\" at row 2");
  fx_free(&fx);
}

/* ------------------------------------------------------- large ranges */

/* Whole-column sizes finish quickly and stay exact. 200,000 periods of
 * plan 1, the first 50,000 closed at 2: 1,000,000 - 100,000 = 900,000 over
 * 150,000 open periods = 6 each. 20,000 tenured reps at 30,000 with a
 * target of 700,000,000: capacity 600,000,000, gap 100,000,000, 3,334
 * hires (3,333.3 rounded up). */
static void fn_large_ranges(void **state) {
  (void)state;
  enum { N = 200000, OPEN_FROM = 50000, REPS = 20000 };
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  sgf_grid *plan = &fx.args[fx.nargs++], *actuals = &fx.args[fx.nargs++];
  assert_int_equal(sgf_grid_init(plan, N, 1), 0);
  assert_int_equal(sgf_grid_init(actuals, N, 1), 0);
  for (size_t i = 0; i < N; i++) {
    sgf_grid_set_number(plan, i, 1);
    if (i < OPEN_FROM) sgf_grid_set_number(actuals, i, 2);
  }
  ARG(&fx, 1, 1, "1");
  assert_int_equal(fx_run(&fx, "SG_REPHASE"), 0);
  assert_int_equal(fx.result.rows, N);
  for (size_t i = 0; i < N; i++) assert_true(fx.result.cells[i].number == (i < OPEN_FROM ? 2 : 6));
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  sgf_grid *quotas = &fx.args[fx.nargs++], *hires = &fx.args[fx.nargs++];
  assert_int_equal(sgf_grid_init(quotas, REPS, 1), 0);
  assert_int_equal(sgf_grid_init(hires, REPS, 1), 0);
  for (size_t i = 0; i < REPS; i++) {
    sgf_grid_set_number(quotas, i, 30000);
    sgf_grid_set_number(hires, i, 43831);
  }
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 1, "700000000");
  assert_int_equal(fx_run(&fx, "SG_CAPACITY"), 0);
  assert_numbers(&fx.result, 1, 3, (double[]){600000000, 100000000, 3334});
  fx_free(&fx);

  /* 100,000 stages, each actual count 1% below plan except the first:
   * every conversion is on plan, so all of the shortfall is volume. */
  fx_init(&fx, SGF_LANG_EN);
  sgf_grid *p = &fx.args[fx.nargs++], *a = &fx.args[fx.nargs++];
  assert_int_equal(sgf_grid_init(p, N / 2, 1), 0);
  assert_int_equal(sgf_grid_init(a, N / 2, 1), 0);
  for (size_t i = 0; i < N / 2; i++) {
    sgf_grid_set_number(p, i, 1000);
    sgf_grid_set_number(a, i, 990);
  }
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_GAP"), 0);
  assert_near_rel(fx.result.cells[0].number, 10, 1e-12);
  for (size_t i = 1; i < N / 2; i++) assert_true(fx.result.cells[i].number == 0);
  fx_free(&fx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fn_baseline_row),
      cmocka_unit_test(fn_baseline_missing_figures),
      cmocka_unit_test(fn_baseline_what),
      cmocka_unit_test(fn_baseline_bad_history),
      cmocka_unit_test(fn_rephase_issue_example),
      cmocka_unit_test(fn_rephase_row_with_plug),
      cmocka_unit_test(fn_rephase_errors),
      cmocka_unit_test(fn_capacity_issue_example),
      cmocka_unit_test(fn_capacity_no_target),
      cmocka_unit_test(fn_capacity_errors),
      cmocka_unit_test(fn_funnel_gap),
      cmocka_unit_test(fn_funnel_gap_errors),
      cmocka_unit_test(fn_large_ranges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
