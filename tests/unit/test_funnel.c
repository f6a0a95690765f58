/* test_funnel.c — reverse funnel, stage dates and pipeline forecast, in the
 * engine and through the catalogue. Expected values are worked by hand. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

/* The issue's example: 1,000,000 / 25,000 = 40 wins; 40 / 0.4 = 100 quotes;
 * 100 / 0.6 = 166.7 -> 167 demos; 167 / 0.5 = 334 opportunities;
 * 334 / 0.2 = 1670 leads. */
static void backsolve_issue_example(void **state) {
  (void)state;
  double counts[5];
  sg_error err;
  assert_int_equal(sg_funnel_backsolve(1e6, 25000, 4, (double[]){0.2, 0.5, 0.6, 0.4}, 1, counts, &err), SG_OK);
  assert_vector_rel(counts, (double[]){1670, 334, 167, 100, 40}, 5, 1e-9);
}

/* A rate of exactly 1 passes the count through: 100,000 / 10,000 = 10 wins,
 * 10 / 1 = 10, 10 / 0.5 = 20. */
static void backsolve_rate_of_one(void **state) {
  (void)state;
  double counts[3];
  assert_int_equal(sg_funnel_backsolve(100000, 10000, 2, (double[]){0.5, 1}, 1, counts, NULL), SG_OK);
  assert_vector_rel(counts, (double[]){20, 10, 10}, 3, 1e-9);
}

/* Exact multiples stay exact: 500,000 / 50,000 = 10 wins (not 11);
 * 10 / 0.1 = 100; 100 / 0.3 = 333.3 -> 334. And 21 / 0.7 is
 * 30.000000000000004 in binary: it must still be 30 quotes, not 31. */
static void backsolve_exact_multiples(void **state) {
  (void)state;
  double counts[3];
  assert_int_equal(sg_funnel_backsolve(500000, 50000, 2, (double[]){0.3, 0.1}, 1, counts, NULL), SG_OK);
  assert_vector_rel(counts, (double[]){334, 100, 10}, 3, 1e-9);
  double two[2];
  assert_int_equal(sg_funnel_backsolve(210000, 10000, 1, (double[]){0.7}, 1, two, NULL), SG_OK);
  assert_vector_rel(two, (double[]){30, 21}, 2, 1e-9);
  /* 10,001 / 10,000 = 1.0001 wins -> 2 deals needed. */
  assert_int_equal(sg_funnel_backsolve(10001, 10000, 1, (double[]){0.5}, 1, two, NULL), SG_OK);
  assert_vector_rel(two, (double[]){4, 2}, 2, 1e-9);
}

/* Fractional mode: 40, 100, 166.67, 333.33, 1666.67 — no rounding anywhere. */
static void backsolve_fractional(void **state) {
  (void)state;
  double counts[5];
  assert_int_equal(sg_funnel_backsolve(1e6, 25000, 4, (double[]){0.2, 0.5, 0.6, 0.4}, 0, counts, NULL), SG_OK);
  assert_vector_rel(counts, (double[]){5000.0 / 3, 1000.0 / 3, 500.0 / 3, 100, 40}, 5, 1e-9);
}

static void backsolve_zero_target(void **state) {
  (void)state;
  double counts[3];
  assert_int_equal(sg_funnel_backsolve(0, 1000, 2, (double[]){0.5, 0.5}, 1, counts, NULL), SG_OK);
  assert_vector_rel(counts, (double[]){0, 0, 0}, 3, 1e-9);
}

static void backsolve_errors(void **state) {
  (void)state;
  double counts[3];
  sg_error err;
  assert_int_equal(sg_funnel_backsolve(1000, 100, 2, (double[]){0.5, 0}, 1, counts, &err), SG_ERATE);
  assert_int_equal(err.arg, SG_BACKSOLVE_ARG_RATES);
  assert_int_equal(err.index, 1);
  assert_int_equal(sg_funnel_backsolve(1000, 100, 2, (double[]){1.2, 0.5}, 1, counts, &err), SG_ERATE);
  assert_int_equal(err.index, 0);
  assert_int_equal(sg_funnel_backsolve(1000, 0, 1, (double[]){0.5}, 1, counts, &err), SG_ENOTPOSITIVE);
  assert_int_equal(err.arg, SG_BACKSOLVE_ARG_AVG_DEAL);
  assert_int_equal(sg_funnel_backsolve(-5, 100, 1, (double[]){0.5}, 1, counts, &err), SG_ENEGATIVE);
  assert_int_equal(err.arg, SG_BACKSOLVE_ARG_TARGET);
  assert_int_equal(sg_funnel_backsolve(NAN, 100, 1, (double[]){0.5}, 1, counts, &err), SG_ENONFINITE);
  assert_int_equal(sg_funnel_backsolve(100, 100, 1, (double[]){NAN}, 1, counts, &err), SG_ENONFINITE);
}

/* Deadline 2025-12-31 (serial 46022 with NullDate 1899-12-30); transitions
 * take 14, 7, 10 and 21 days: quotes by 46001, demos by 45991,
 * opportunities by 45984, leads by 45970. */
static void schedule_dates(void **state) {
  (void)state;
  double dates[5];
  sg_error err;
  assert_int_equal(sg_funnel_schedule(4, (double[]){14, 7, 10, 21}, 46022, dates, &err), SG_OK);
  assert_vector_rel(dates, (double[]){45970, 45984, 45991, 46001, 46022}, 5, 1e-9);
  assert_int_equal(sg_funnel_schedule(2, (double[]){3, -1}, 46022, dates, &err), SG_ENEGATIVE);
  assert_int_equal(err.arg, SG_BACKSOLVE_ARG_STAGE_DAYS);
  assert_int_equal(err.index, 1);
}

/* counts 100, 20, 10, 5 with rates 0.2, 0.5, 0.6, 0.4: expected wins
 * 5*0.4 + 10*0.24 + 20*0.12 + 100*0.024 = 2 + 2.4 + 2.4 + 2.4 = 9.2;
 * at 25,000 a deal that is 230,000. */
static void forecast_pipeline(void **state) {
  (void)state;
  double revenue;
  sg_error err;
  assert_int_equal(sg_funnel_forecast(4, (double[]){100, 20, 10, 5}, (double[]){0.2, 0.5, 0.6, 0.4}, 25000,
                                      &revenue, &err),
                   SG_OK);
  assert_vector_rel(&revenue, (double[]){230000}, 1, 1e-9);
  assert_int_equal(sg_funnel_forecast(1, (double[]){-1}, (double[]){0.5}, 10, &revenue, &err), SG_ENEGATIVE);
  assert_int_equal(err.arg, SG_FORECAST_ARG_COUNTS);
}

/* ----------------------------------------------- through the catalogue */

static void fn_backsolve_column_and_dates(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "25000");
  ARG(&fx, 1, 4, "0.2", "0.5", "0.6", "0.4"); /* a row of rates still gives a column */
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), 0);
  assert_numbers(&fx.result, 5, 1, (double[]){1670, 334, 167, 100, 40});
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "25000");
  ARG(&fx, 4, 1, "0.2", "0.5", "0.6", "0.4");
  ARG(&fx, 4, 1, "14", "7", "10", "21");
  ARG(&fx, 1, 1, "46022");
  ARG(&fx, 1, 1, "0"); /* whole = FALSE */
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), 0);
  assert_numbers(&fx.result, 5, 2,
                 (double[]){5000.0 / 3, 45970, 1000.0 / 3, 45984, 500.0 / 3, 45991, 100, 46001, 40, 46022});
  fx_free(&fx);
}

static void fn_backsolve_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "25000");
  ARG(&fx, 2, 1, "0.2", "25%");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), -1);
  assert_message_has(&fx, "SG_FUNNEL_BACKSOLVE, argument 3 (rates): text \"25%\"");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "25000");
  ARG(&fx, 2, 1, "0.2", "25");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), -1);
  assert_message_has(&fx, "conversion rate 25 at row 2, column 1 of the range must be more than 0 and at most 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "25000");
  ARG(&fx, 2, 1, "0.2", "0.5");
  ARG(&fx, 3, 1, "1", "2", "3");
  ARG(&fx, 1, 1, "46022");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), -1);
  assert_message_has(&fx, "argument 4 (stage_days): has 3 durations but there are 2 conversion rates");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "25000");
  ARG(&fx, 2, 1, "0.2", "0.5");
  ARG(&fx, 2, 1, "1", "2");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), -1);
  assert_message_has(&fx, "argument 5 (deadline): is needed with stage_days");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 1, 1, "0.5");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), -1);
  assert_message_has(&fx, "第 2 个参数（平均单价）");
  assert_message_has(&fx, "必须大于 0");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1000000");
  ARG(&fx, 1, 1, "25000");
  ARG(&fx, 2, 2, "0.2", "0.5", "0.5", "0.5");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_BACKSOLVE"), -1);
  assert_message_has(&fx, "must be a single row or column");
  fx_free(&fx);
}

static void fn_forecast(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 4, 1, "100", "20", "10", "5");
  ARG(&fx, 4, 1, "0.2", "0.5", "0.6", "0.4");
  ARG(&fx, 1, 1, "25000");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_FORECAST"), 0);
  assert_numbers(&fx.result, 1, 1, (double[]){230000});
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "100", "20", "10");
  ARG(&fx, 4, 1, "0.2", "0.5", "0.6", "0.4");
  ARG(&fx, 1, 1, "25000");
  assert_int_equal(fx_run(&fx, "SG_FUNNEL_FORECAST"), -1);
  assert_message_has(&fx, "argument 2 (rates): has 4 rates but counts has 3 stages");
  fx_free(&fx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(backsolve_issue_example),
      cmocka_unit_test(backsolve_rate_of_one),
      cmocka_unit_test(backsolve_exact_multiples),
      cmocka_unit_test(backsolve_fractional),
      cmocka_unit_test(backsolve_zero_target),
      cmocka_unit_test(backsolve_errors),
      cmocka_unit_test(schedule_dates),
      cmocka_unit_test(forecast_pipeline),
      cmocka_unit_test(fn_backsolve_column_and_dates),
      cmocka_unit_test(fn_backsolve_errors),
      cmocka_unit_test(fn_forecast),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
