/* test_time_fn.c — SG_RAMP and SG_PROGRESS in the engine, and SG_PERIODS,
 * SG_RAMP, SG_PROGRESS through the catalogue with NullDate offsets 0 and
 * 1462 (1904-01-01). Expected values are worked by hand. Serials:
 * 2026-01-01 = 46023, 2026-06-01 = 46174, 2026-06-16 = 46189,
 * 2026-06-30 = 46203, 2026-12-31 = 46387. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

/* ------------------------------------------------------------ SG_RAMP */

/* The issue's example: 30,000 for June 2026 (30 days, 1,000 a day), hired
 * June 16: 15 days employed, all in tenure month 1 at 0.3 -> 4,500. */
static void ramp_issue_example(void **state) {
  (void)state;
  double t;
  assert_int_equal(sg_ramp(30000, 46189, 46174, 46203, (double[]){0.3, 0.6, 1}, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 4500, 1e-9);
  /* Without a ramp: pro rata by days employed, 15 of 30. */
  assert_int_equal(sg_ramp(30000, 46189, 46174, 46203, NULL, 0, &t, NULL), SG_OK);
  assert_near_rel(t, 15000, 1e-9);
  /* Hired on the last day: 1 day at 0.3 = 300. After the period: 0. */
  assert_int_equal(sg_ramp(30000, 46203, 46174, 46203, (double[]){0.3, 0.6, 1}, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 300, 1e-9);
  assert_int_equal(sg_ramp(30000, 46204, 46174, 46203, (double[]){0.3}, 1, &t, NULL), SG_OK);
  assert_near_rel(t, 0, 1e-9);
  /* Hired in January: June is tenure month 5 or 6, past a 3-month ramp. */
  assert_int_equal(sg_ramp(30000, 46032, 46174, 46203, (double[]){0.3, 0.6, 1}, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 30000, 1e-9);
}

/* Hired 2026-05-20: tenure month 1 is May 20..Jun 19, month 2 Jun 20..Jul
 * 19. June: 19 days x 0.3 = 5.7 plus 11 days x 0.6 = 6.6 -> 12.3 day-units
 * of 1,000 = 12,300. July (31 days, 31,000): Jul 1..19 x 0.6 = 11.4, Jul
 * 20..31 x 1 = 12 -> 23.4 x 1,000 = 23,400. */
static void ramp_across_tenure_months(void **state) {
  (void)state;
  double t, r[] = {0.3, 0.6, 1};
  long may20 = sg_date_serial(2026, 5, 20), jul1 = sg_date_serial(2026, 7, 1);
  assert_int_equal(sg_ramp(30000, may20, 46174, 46203, r, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 12300, 1e-9);
  assert_int_equal(sg_ramp(31000, may20, jul1, jul1 + 30, r, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 23400, 1e-9);
}

/* Hired Jan 31: month 2 starts Feb 28 (clamped), month 3 on Mar 31 (from
 * the hire date, not Feb 28 + 1 month). Feb 2026, 28,000: 27 days x 0.25 +
 * 1 day x 0.5 = 7.25 -> 7,250. Mar 2026, 31,000: 30 x 0.5 + 1 x 0.75 =
 * 15.75 -> 15,750. Leap 2024: month 2 starts Feb 29; Feb 2024, 29,000:
 * 28 x 0.25 + 1 x 0.5 = 7.5 -> 7,500. */
static void ramp_month_end_clamp(void **state) {
  (void)state;
  double t, r[] = {0.25, 0.5, 0.75};
  long jan31 = sg_date_serial(2026, 1, 31), feb1 = sg_date_serial(2026, 2, 1);
  long mar1 = sg_date_serial(2026, 3, 1);
  assert_int_equal(sg_ramp(28000, jan31, feb1, feb1 + 27, r, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 7250, 1e-9);
  assert_int_equal(sg_ramp(31000, jan31, mar1, mar1 + 30, r, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 15750, 1e-9);
  long jan31_24 = sg_date_serial(2024, 1, 31), feb1_24 = sg_date_serial(2024, 2, 1);
  assert_int_equal(sg_ramp(29000, jan31_24, feb1_24, feb1_24 + 28, r, 3, &t, NULL), SG_OK);
  assert_near_rel(t, 7500, 1e-9);
}

static void ramp_errors(void **state) {
  (void)state;
  double t;
  sg_error err;
  assert_int_equal(sg_ramp(-1, 46189, 46174, 46203, NULL, 0, &t, &err), SG_ENEGATIVE);
  assert_int_equal(err.arg, SG_RAMP_ARG_QUOTA);
  assert_int_equal(sg_ramp(1, 46189, 46174, 46203, (double[]){0.5, -0.1}, 2, &t, &err), SG_ENEGATIVE);
  assert_int_equal(err.arg, SG_RAMP_ARG_RAMP);
  assert_int_equal(err.index, 1);
  assert_int_equal(sg_ramp(1, 46189, 46203, 46174, NULL, 0, &t, &err), SG_EDATEORDER);
  assert_int_equal(err.arg, SG_RAMP_ARG_END);
  assert_int_equal(sg_ramp(1, 1e7, 46174, 46203, NULL, 0, &t, &err), SG_EDATE);
  assert_int_equal(err.arg, SG_RAMP_ARG_HIRE);
}

/* -------------------------------------------------------- SG_PROGRESS */

static void assert_progress(const double *out, const double *want) {
  for (int i = 0; i < SG_PROGRESS_COUNT; i++) {
    if (isnan(want[i])) {
      if (!isnan(out[i])) {
        fprintf(stderr, "figure %d: got %.17g want NaN\n", i, out[i]);
        fail();
      }
    } else {
      assert_near_rel(out[i], want[i], 1e-9);
    }
  }
}

/* The issue's example: 365,000 for 2026, 31,000 by Jan 31: f = 31/365;
 * attainment 31/365 = 0.0849315...; expected 31,000; pace 1; gap 334,000;
 * 334 days left -> 1,000 a day; forecast 31,000 x 365/31 = 365,000. */
static void progress_issue_example(void **state) {
  (void)state;
  double out[SG_PROGRESS_COUNT];
  assert_int_equal(sg_progress(365000, 31000, 46023, 46387, 46053, NULL, out, NULL), SG_OK);
  assert_progress(out, (double[]){31.0 / 365, 31000, 1, 334000, 1000, 365000});
}

/* Before the start nothing has elapsed: expected 0, so pace and forecast do
 * not exist; all 365 days are left: 365,000 / 365 = 1,000 a day. After the
 * end everything has: 370,000 against 365,000 is 1.0137 attainment, no gap
 * (required 0), forecast = actual. On the last day with 65,000 missing and
 * no day left, required does not exist. */
static void progress_edges(void **state) {
  (void)state;
  double out[SG_PROGRESS_COUNT];
  assert_int_equal(sg_progress(365000, 0, 46023, 46387, 46000, NULL, out, NULL), SG_OK);
  assert_progress(out, (double[]){0, 0, NAN, 365000, 1000, NAN});
  assert_int_equal(sg_progress(365000, 370000, 46023, 46387, 46500, NULL, out, NULL), SG_OK);
  assert_progress(out, (double[]){370.0 / 365, 365000, 370.0 / 365, -5000, 0, 370000});
  assert_int_equal(sg_progress(365000, 300000, 46023, 46387, 46387, NULL, out, NULL), SG_OK);
  assert_progress(out, (double[]){300.0 / 365, 365000, 300.0 / 365, 65000, NAN, 300000});
  /* Target 0: no attainment and no pace (nothing is expected), gap = -actual,
   * nothing required; the run rate still forecasts: 100 in 31 of 365 days. */
  assert_int_equal(sg_progress(0, 100, 46023, 46387, 46053, NULL, out, NULL), SG_OK);
  assert_progress(out, (double[]){NAN, 0, NAN, -100, 0, 100.0 * 365 / 31});
  /* A one-day period, as of that day. */
  assert_int_equal(sg_progress(50, 20, 46023, 46023, 46023, NULL, out, NULL), SG_OK);
  assert_progress(out, (double[]){0.4, 50, 0.4, 30, NAN, 20});
}

/* Seasonality Jan 2, the other months 1 (13 in all): by Jan 31 the share
 * is 2/13, so 130,000 expects 20,000; 25,000 is pace 1.25 and forecasts
 * 25,000 x 13/2 = 162,500; 105,000 over 334 days. By Feb 14 the share is
 * (2 + 14/28)/13 = 2.5/13: expected 25,000, pace 1, forecast 130,000. */
static void progress_seasonal(void **state) {
  (void)state;
  double out[SG_PROGRESS_COUNT], s[12] = {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  assert_int_equal(sg_progress(130000, 25000, 46023, 46387, 46053, s, out, NULL), SG_OK);
  assert_progress(out, (double[]){25.0 / 130, 20000, 1.25, 105000, 105000.0 / 334, 162500});
  assert_int_equal(sg_progress(130000, 25000, 46023, 46387, 46067, s, out, NULL), SG_OK);
  assert_progress(out, (double[]){25.0 / 130, 25000, 1, 105000, 105000.0 / 320, 130000});
  /* Zero weight so far: nothing expected yet in January. */
  double late[12] = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  assert_int_equal(sg_progress(110000, 500, 46023, 46387, 46053, late, out, NULL), SG_OK);
  assert_progress(out, (double[]){500.0 / 110000, 0, NAN, 109500, 109500.0 / 334, NAN});
}

static void progress_errors(void **state) {
  (void)state;
  double out[SG_PROGRESS_COUNT];
  sg_error err;
  assert_int_equal(sg_progress(-1, 0, 46023, 46387, 46053, NULL, out, &err), SG_ENEGATIVE);
  assert_int_equal(err.arg, SG_PROGRESS_ARG_TARGET);
  assert_int_equal(sg_progress(1, NAN, 46023, 46387, 46053, NULL, out, &err), SG_ENONFINITE);
  assert_int_equal(err.arg, SG_PROGRESS_ARG_ACTUAL);
  assert_int_equal(sg_progress(1, 0, 46023, 46387, -1e6, NULL, out, &err), SG_EDATE);
  assert_int_equal(err.arg, SG_PROGRESS_ARG_AS_OF);
  double jan_only[12] = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};
  assert_int_equal(sg_progress(1, 0, 46023, 46053, 46030, jan_only, out, &err), SG_ENODAYS);
  assert_int_equal(err.arg, SG_PROGRESS_ARG_SEASONALITY);
}

/* ----------------------------------------------- through the catalogue */

static void fn_periods_null_dates(void **state) {
  (void)state;
  /* Q1 2026 by month, 1,000 a day, in a 1899 document and in a 1904 one
   * (the same days are 1462 lower there): Jan 1 = 46023 / 44561. */
  for (int doc = 0; doc < 2; doc++) {
    double off = doc ? 1462 : 0;
    char start[16], end[16];
    snprintf(start, sizeof start, "%.0f", 46023 - off);
    snprintf(end, sizeof end, "%.0f", 46112 - off); /* Mar 31 */
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    fx.call.null_date_offset = off;
    ARG(&fx, 1, 1, "90000");
    ARG(&fx, 1, 1, start);
    ARG(&fx, 1, 1, end);
    assert_int_equal(fx_run(&fx, "SG_PERIODS"), 0);
    assert_numbers(&fx.result, 3, 2,
                   (double[]){46023 - off, 31000, 46054 - off, 28000, 46082 - off, 31000});
    fx_free(&fx);
  }
}

/* "Quarter" from April over calendar 2026 by 1,000: 90, 91, 92, 92 days;
 * seasonality as a row, holidays, grain in Chinese. */
static void fn_periods_options(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "365");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, " Quarter ");
  OMIT(&fx);
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "4");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), 0);
  assert_numbers(&fx.result, 4, 2, (double[]){46023, 90, 46113, 91, 46204, 92, 46296, 92});
  fx_free(&fx);

  /* Jan..Feb 2026 on working days with New Year's Day and Feb 16/17 off
   * (a 1904 document: serials 1462 lower): 21 and 18 days of 100. */
  fx_init(&fx, SGF_LANG_ZH);
  fx.call.null_date_offset = 1462;
  ARG(&fx, 1, 1, "3900");
  ARG(&fx, 1, 1, "44561");
  ARG(&fx, 1, 1, "44619"); /* Feb 28 */
  ARG(&fx, 1, 1, "月");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 2, 2, "44561", "", "44607", "44608");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), 0);
  assert_numbers(&fx.result, 2, 2, (double[]){44561, 2100, 44592, 1800});
  fx_free(&fx);

  /* Three weights for three monthly periods, as a row: per period. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "600");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46112");
  OMIT(&fx);
  ARG(&fx, 1, 3, "1", "", "2"); /* blank weight = 0 */
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), 0);
  assert_numbers(&fx.result, 3, 2, (double[]){46023, 200, 46054, 0, 46082, 400});
  fx_free(&fx);
}

static void fn_periods_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "fortnight");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), -1);
  assert_message_has(&fx, "SG_PERIODS, argument 4 (grain): must be \"month\"");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  OMIT(&fx);
  ARG(&fx, 5, 1, "1", "2", "3", "4", "5");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), -1);
  assert_message_has(&fx, "argument 5 (seasonality): has 5 weights; give 12 monthly weights");
  assert_message_has(&fx, "holds 12 periods");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 1, "4.5");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), -1);
  assert_message_has(&fx, "argument 7 (fiscal_start_month): must be a month number from 1 to 12");
  fx_free(&fx);

  /* A date out of range is reported in the document's own serials. */
  fx_init(&fx, SGF_LANG_EN);
  fx.call.null_date_offset = 1462;
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 1, 1, "3000000");
  ARG(&fx, 1, 1, "3000001");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), -1);
  assert_message_has(&fx, "argument 2 (start): 3000000 is not a date between 0001-01-01 and 9999-12-31");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46023");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), -1);
  assert_message_has(&fx, "第 3 个参数（结束日期）：结束日期早于开始日期");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 2, 1, "46023", "New Year");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), -1);
  assert_message_has(&fx, "argument 8 (holidays): text \"New Year\" at row 2, column 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "100");
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "2958465");
  ARG(&fx, 1, 1, "day");
  assert_int_equal(fx_run(&fx, "SG_PERIODS"), -1);
  assert_message_has(&fx, "more than the 1048576 one result can hold");
  fx_free(&fx);
}

/* The ramp example through the catalogue, in both NullDate systems. */
static void fn_ramp(void **state) {
  (void)state;
  for (int doc = 0; doc < 2; doc++) {
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    fx.call.null_date_offset = doc ? 1462 : 0;
    ARG(&fx, 1, 1, "30000");
    ARG(&fx, 1, 1, doc ? "44727" : "46189"); /* 2026-06-16 */
    ARG(&fx, 1, 1, doc ? "44712" : "46174");
    ARG(&fx, 1, 1, doc ? "44741" : "46203");
    ARG(&fx, 3, 1, "0.3", "0.6", "1");
    assert_int_equal(fx_run(&fx, "SG_RAMP"), 0);
    assert_numbers(&fx.result, 1, 1, (double[]){4500});
    fx_free(&fx);
  }
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "30000");
  ARG(&fx, 1, 1, "46189");
  ARG(&fx, 1, 1, "46174");
  ARG(&fx, 1, 1, "46203");
  ARG(&fx, 3, 1, "0.3", "", "1");
  assert_int_equal(fx_run(&fx, "SG_RAMP"), -1);
  assert_message_has(&fx, "SG_RAMP, argument 5 (ramp): a blank cell at row 2, column 1");
  fx_free(&fx);
}

static void fn_progress(void **state) {
  (void)state;
  /* 1904 document: 2026-01-01 = 44561, Dec 31 = 44925, Jan 31 = 44591. */
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  fx.call.null_date_offset = 1462;
  ARG(&fx, 1, 1, "365000");
  ARG(&fx, 1, 1, "31000");
  ARG(&fx, 1, 1, "44561");
  ARG(&fx, 1, 1, "44925");
  ARG(&fx, 1, 1, "44591");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), 0);
  assert_numbers(&fx.result, 1, 6, (double[]){31.0 / 365, 31000, 1, 334000, 1000, 365000});
  fx_free(&fx);

  const char *names[] = {"pace", "Required per day", "5", "forecast", "差距"};
  const double want[] = {1, 1000, 1000, 365000, 334000};
  for (size_t i = 0; i < 5; i++) {
    fx_init(&fx, SGF_LANG_EN);
    ARG(&fx, 1, 1, "365000");
    ARG(&fx, 1, 1, "31000");
    ARG(&fx, 1, 1, "46023");
    ARG(&fx, 1, 1, "46387");
    ARG(&fx, 1, 1, "46053");
    ARG(&fx, 1, 1, names[i]);
    assert_int_equal(fx_run(&fx, "SG_PROGRESS"), 0);
    assert_numbers(&fx.result, 1, 1, &want[i]);
    fx_free(&fx);
  }

  /* Before the start: pace and forecast are #N/A in the row... */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "365000");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46000");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), 0);
  assert_int_equal(fx.result.cols, 6);
  assert_int_equal(fx.result.cells[2].kind, SGF_ERROR);
  assert_int_equal(fx.result.cells[5].kind, SGF_ERROR);
  assert_int_equal(fx.result.cells[4].kind, SGF_NUMBER);
  assert_near_rel(fx.result.cells[4].number, 1000, 1e-9);
  fx_free(&fx);

  /* ...and an error with a reason when asked for alone. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "365000");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46000");
  ARG(&fx, 1, 1, "pace");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "argument 5 (as_of): nothing is expected yet");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "365000");
  ARG(&fx, 1, 1, "300000");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "required_per_day");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "仍差 65000");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46053");
  ARG(&fx, 1, 1, "speed");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "argument 6 (metric): must be \"attainment\"");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46053");
  OMIT(&fx);
  ARG(&fx, 4, 1, "1", "1", "1", "1");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "argument 7 (seasonality): has 4 weights; give 12 monthly weights");
  fx_free(&fx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(ramp_issue_example),
      cmocka_unit_test(ramp_across_tenure_months),
      cmocka_unit_test(ramp_month_end_clamp),
      cmocka_unit_test(ramp_errors),
      cmocka_unit_test(progress_issue_example),
      cmocka_unit_test(progress_edges),
      cmocka_unit_test(progress_seasonal),
      cmocka_unit_test(progress_errors),
      cmocka_unit_test(fn_periods_null_dates),
      cmocka_unit_test(fn_periods_options),
      cmocka_unit_test(fn_periods_errors),
      cmocka_unit_test(fn_ramp),
      cmocka_unit_test(fn_progress),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
