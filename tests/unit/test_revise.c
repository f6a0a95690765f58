/* test_revise.c — SG_BASELINE, SG_REPHASE, SG_CAPACITY and SG_FUNNEL_GAP in
 * the engine. Expected values are worked by hand in the comments, or
 * recomputed in the test by a second method (named where it is used). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

/* ------------------------------------------------------------- baseline */

/* The issue's example. 100, 120, 132: growth = (132/100)^(1/2) - 1 =
 * sqrt(1.32) - 1 = 1.148913 - 1 = 14.89%; baseline = 132 x 1.148913 =
 * 151.66; rates 0.20 and 0.10, mean 0.15, sample sd = sqrt((0.05² + 0.05²)
 * / 1) = sqrt(0.005) = 0.070711; z = (160/132 - 1 - 0.148913) / 0.070711 =
 * (1.212121 - 1.148913) / 0.070711 = 0.063208 / 0.070711 = 0.894. */
static void baseline_issue_example(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT], target = 160;
  sg_error err;
  assert_int_equal(sg_baseline(3, (double[]){100, 120, 132}, &target, out, &err), SG_OK);
  assert_near_rel(out[SG_BASELINE_VALUE], 151.66, 0.005 / 151.66);
  assert_near_rel(out[SG_BASELINE_GROWTH], 0.1489, 0.00005);
  assert_near_rel(out[SG_BASELINE_VOLATILITY], 0.0707, 0.00005);
  assert_near_rel(out[SG_BASELINE_Z], 0.894, 0.0005);
  /* Second method, closed forms: sqrt instead of expm1(log/2). */
  double g = sqrt(1.32) - 1;
  assert_near_rel(out[SG_BASELINE_GROWTH], g, 1e-14);
  assert_near_rel(out[SG_BASELINE_VALUE], 132 * sqrt(1.32), 1e-14);
  assert_near_rel(out[SG_BASELINE_VOLATILITY], sqrt(0.005), 1e-14);
  assert_near_rel(out[SG_BASELINE_Z], (160.0 / 132 - 1 - g) / sqrt(0.005), 1e-12);
}

/* Five years with growth 10%, 15%, 5%, 15%: 1000, 1100, 1265, 1328.25,
 * 1527.4875. Compound growth = 1.5274875^(1/4) - 1 = 11.17%; mean rate
 * 0.1125, deviations -0.0125, 0.0375, -0.0625, 0.0375, squares add up to
 * 0.006875, / 3 = 0.0022917, sd = 0.047871. */
static void baseline_five_years(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT];
  double h[] = {1000, 1100, 1265, 1328.25, 1527.4875};
  assert_int_equal(sg_baseline(5, h, NULL, out, NULL), SG_OK);
  assert_near_rel(out[SG_BASELINE_GROWTH], pow(1.5274875, 0.25) - 1, 1e-14);
  assert_near_rel(out[SG_BASELINE_GROWTH], 0.1117, 0.0001);
  assert_near_rel(out[SG_BASELINE_VOLATILITY], sqrt(0.006875 / 3), 1e-12);
  assert_near_rel(out[SG_BASELINE_VOLATILITY], 0.047871, 1e-6);
  assert_near_rel(out[SG_BASELINE_VALUE], 1527.4875 * pow(1.5274875, 0.25), 1e-14);
  assert_true(isnan(out[SG_BASELINE_Z])); /* no target */
}

/* Shrinking: 200, 150, 120. growth = sqrt(0.6) - 1 = -0.225403; baseline
 * = 120 x 0.774597 = 92.95; rates -0.25 and -0.20, sd = sqrt(2 x 0.025²) =
 * 0.035355; target 100: z = (0.833333 - 1 + 0.225403) / 0.035355 = 1.661. */
static void baseline_shrinking(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT], target = 100;
  assert_int_equal(sg_baseline(3, (double[]){200, 150, 120}, &target, out, NULL), SG_OK);
  assert_near_rel(out[SG_BASELINE_GROWTH], -0.225403, 1e-6);
  assert_near_rel(out[SG_BASELINE_VALUE], 92.9516, 1e-4 / 92.9516);
  assert_near_rel(out[SG_BASELINE_VOLATILITY], 0.0353553, 1e-7);
  assert_near_rel(out[SG_BASELINE_Z], 1.66133, 1e-5);
}

/* Constant history: no growth, baseline = last, volatility exactly 0, so z
 * does not exist (any target above 50 would be infinitely far). */
static void baseline_constant(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT], target = 60;
  assert_int_equal(sg_baseline(4, (double[]){50, 50, 50, 50}, &target, out, NULL), SG_OK);
  assert_true(out[SG_BASELINE_GROWTH] == 0);
  assert_true(out[SG_BASELINE_VALUE] == 50);
  assert_true(out[SG_BASELINE_VOLATILITY] == 0);
  assert_true(isnan(out[SG_BASELINE_Z]));
}

/* Two periods: 100, 121 -> growth 21%, baseline 146.41; one growth rate
 * has no standard deviation, so volatility and z are NAN. */
static void baseline_two_periods(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT], target = 150;
  assert_int_equal(sg_baseline(2, (double[]){100, 121}, &target, out, NULL), SG_OK);
  assert_near_rel(out[SG_BASELINE_GROWTH], 0.21, 1e-14);
  assert_near_rel(out[SG_BASELINE_VALUE], 146.41, 1e-13);
  assert_true(isnan(out[SG_BASELINE_VOLATILITY]));
  assert_true(isnan(out[SG_BASELINE_Z]));
}

/* Steady 10% growth, once exact in binary (110/100 and 121/110 round to
 * the same double) and once off by 1e-10 in the last value: both are
 * volatility 0, not a z of 10^11. */
static void baseline_steady_growth_is_zero_volatility(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT], target = 140;
  assert_int_equal(sg_baseline(3, (double[]){100, 110, 121}, &target, out, NULL), SG_OK);
  assert_true(out[SG_BASELINE_VOLATILITY] == 0);
  assert_true(isnan(out[SG_BASELINE_Z]));
  assert_int_equal(sg_baseline(3, (double[]){100, 110, 121.0000000001}, &target, out, NULL), SG_OK);
  assert_true(out[SG_BASELINE_VOLATILITY] == 0);
  /* But a real difference of 0.1% in one year is volatility. */
  assert_int_equal(sg_baseline(3, (double[]){100, 110, 121.1}, &target, out, NULL), SG_OK);
  assert_true(out[SG_BASELINE_VOLATILITY] > 0.0006);
}

/* Extremes stay finite: 1e-300 to 1e300 over 2 periods has growth 1e600,
 * which is no number (error); over 1001 periods it is a growth of about
 * 298% per period, fine. */
static void baseline_extremes(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT];
  sg_error err;
  int rc = sg_baseline(2, (double[]){1e-300, 1e300}, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ERANGE, SG_BASELINE_ARG_HISTORY, -1);
  double *h = calloc(1001, sizeof *h);
  assert_non_null(h);
  for (int i = 0; i <= 1000; i++) h[i] = pow(10, -300 + 0.6 * i);
  assert_int_equal(sg_baseline(1001, h, NULL, out, &err), SG_OK);
  assert_near_rel(out[SG_BASELINE_GROWTH], pow(10, 0.6) - 1, 1e-9);
  assert_true(out[SG_BASELINE_VOLATILITY] == 0); /* equal rates up to noise */
  free(h);
}

static void baseline_errors(void **state) {
  (void)state;
  double out[SG_BASELINE_COUNT], target = -1;
  sg_error err;
  int rc = sg_baseline(1, (double[]){100}, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ETOOFEW, SG_BASELINE_ARG_HISTORY, -1);
  assert_true(err.value == 1);
  rc = sg_baseline(3, (double[]){100, 0, 120}, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_BASELINE_ARG_HISTORY, 1);
  rc = sg_baseline(3, (double[]){100, 120, -5}, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_BASELINE_ARG_HISTORY, 2);
  rc = sg_baseline(2, (double[]){NAN, 120}, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_BASELINE_ARG_HISTORY, 0);
  rc = sg_baseline(2, (double[]){100, 120}, &target, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_BASELINE_ARG_TARGET, -1);
  target = INFINITY;
  rc = sg_baseline(2, (double[]){100, 120}, &target, out, &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_BASELINE_ARG_TARGET, -1);
}

/* ------------------------------------------------------------- capacity */

#define JUNE_1_2026 46174.0  /* 2026-01-01 is 46023; + 31 + 28 + 31 + 30 + 31 */
#define JUNE_16_2026 46189.0
#define JUNE_30_2026 46203.0
#define JAN_1_2020 43831.0   /* 46023 - 6 x 365 - 2 leap days (2020, 2024) */

/* The issue's example. June has 30 days. Rep 1, hired in 2020, is past the
 * ramp: 30,000. Rep 2, hired June 16: 15 days (16..30) of tenure month 1
 * at 0.3 -> 30,000 / 30 x 15 x 0.3 = 4,500. capacity = 0.9 x 34,500 =
 * 31,050; gap = 60,000 - 31,050 = 28,950. A hire on June 1 spends all of
 * June in month 1: 30,000 x 0.3 x 0.9 = 8,100; 28,950 / 8,100 = 3.57 -> 4. */
static void capacity_issue_example(void **state) {
  (void)state;
  assert_true(sg_date_serial(2026, 6, 1) == JUNE_1_2026);
  assert_true(sg_date_serial(2020, 1, 1) == JAN_1_2020);
  double target = 60000, out[SG_CAPACITY_COUNT];
  sg_capacity_input in = {.n = 2,
                          .quotas = (double[]){30000, 30000},
                          .hire_dates = (double[]){JAN_1_2020, JUNE_16_2026},
                          .start = JUNE_1_2026,
                          .end = JUNE_30_2026,
                          .ramp = (double[]){0.3, 0.6, 1},
                          .nramp = 3,
                          .attainment = 0.9,
                          .target = &target};
  sg_error err;
  assert_int_equal(sg_capacity(&in, out, &err), SG_OK);
  assert_near_rel(out[SG_CAPACITY_VALUE], 31050, 1e-12);
  assert_near_rel(out[SG_CAPACITY_GAP], 28950, 1e-12);
  assert_true(out[SG_CAPACITY_HIRES] == 4);
  assert_near_rel(out[SG_CAPACITY_PER_HIRE], 8100, 1e-12);
}

/* Q3 2026 (July 1 .. September 30, 92 days), quotas 90,000, ramp 0.5; 1.
 * Rep hired August 1: August's 31 days at 0.5 and September's 30 in full =
 * 45.5 day-units -> 90,000 x 45.5 / 92 = 44,510.87. A tenured rep: 90,000.
 * A hire on July 1: 31 x 0.5 + 61 = 76.5 -> 74,836.96. Target 300,000:
 * gap 300,000 - 134,510.87 = 165,489.13; / 74,836.96 = 2.21 -> 3 hires. */
static void capacity_quarter(void **state) {
  (void)state;
  double jul1 = sg_date_serial(2026, 7, 1), aug1 = sg_date_serial(2026, 8, 1);
  double sep30 = sg_date_serial(2026, 9, 30), target = 300000, out[SG_CAPACITY_COUNT];
  sg_capacity_input in = {.n = 2,
                          .quotas = (double[]){90000, 90000},
                          .hire_dates = (double[]){JAN_1_2020, aug1},
                          .start = jul1,
                          .end = sep30,
                          .ramp = (double[]){0.5, 1},
                          .nramp = 2,
                          .attainment = 1,
                          .target = &target};
  assert_int_equal(sg_capacity(&in, out, NULL), SG_OK);
  assert_near_rel(out[SG_CAPACITY_VALUE], 90000 + 90000 * 45.5 / 92, 1e-12);
  assert_near_rel(out[SG_CAPACITY_VALUE], 134510.87, 0.005 / 134510.87);
  assert_near_rel(out[SG_CAPACITY_PER_HIRE], 74836.96, 0.005 / 74836.96);
  assert_true(out[SG_CAPACITY_HIRES] == 3);
}

/* A rep hired after the period adds 0 but still counts in the average
 * quota: capacity 30,000; average (30,000 + 20,000) / 2 = 25,000; without a
 * ramp a June 1 hire delivers all of it; gap 80,000 - 30,000 = 50,000 is
 * exactly 2 hires, not 3. */
static void capacity_hire_after_period(void **state) {
  (void)state;
  double target = 80000, out[SG_CAPACITY_COUNT];
  sg_capacity_input in = {.n = 2,
                          .quotas = (double[]){30000, 20000},
                          .hire_dates = (double[]){JAN_1_2020, JUNE_30_2026 + 1},
                          .start = JUNE_1_2026,
                          .end = JUNE_30_2026,
                          .attainment = 1,
                          .target = &target};
  assert_int_equal(sg_capacity(&in, out, NULL), SG_OK);
  assert_true(out[SG_CAPACITY_VALUE] == 30000);
  assert_true(out[SG_CAPACITY_GAP] == 50000);
  assert_true(out[SG_CAPACITY_PER_HIRE] == 25000);
  assert_true(out[SG_CAPACITY_HIRES] == 2);
}

/* No target: gap and hires do not exist. Target under capacity: gap 0 and
 * no hire. A ramp that starts at 0: a hire delivers nothing in a one-month
 * period, so no number of hires closes a gap (NAN), while no gap still
 * needs 0 hires. */
static void capacity_no_target_no_gap_no_delivery(void **state) {
  (void)state;
  double out[SG_CAPACITY_COUNT], target = 20000;
  sg_capacity_input in = {.n = 1,
                          .quotas = (double[]){30000},
                          .hire_dates = (double[]){JAN_1_2020},
                          .start = JUNE_1_2026,
                          .end = JUNE_30_2026,
                          .attainment = 1};
  assert_int_equal(sg_capacity(&in, out, NULL), SG_OK);
  assert_true(out[SG_CAPACITY_VALUE] == 30000);
  assert_true(isnan(out[SG_CAPACITY_GAP]) && isnan(out[SG_CAPACITY_HIRES]));
  in.target = &target;
  assert_int_equal(sg_capacity(&in, out, NULL), SG_OK);
  assert_true(out[SG_CAPACITY_GAP] == 0 && out[SG_CAPACITY_HIRES] == 0);
  in.ramp = (double[]){0, 0.5, 1};
  in.nramp = 3;
  target = 40000;
  assert_int_equal(sg_capacity(&in, out, NULL), SG_OK);
  assert_true(out[SG_CAPACITY_GAP] == 10000);
  assert_true(out[SG_CAPACITY_PER_HIRE] == 0);
  assert_true(isnan(out[SG_CAPACITY_HIRES]));
}

static void capacity_errors(void **state) {
  (void)state;
  double out[SG_CAPACITY_COUNT], target = -5;
  sg_capacity_input in = {.n = 3,
                          .quotas = (double[]){30000, -1, 30000},
                          .hire_dates = (double[]){JAN_1_2020, JAN_1_2020, JAN_1_2020},
                          .start = JUNE_1_2026,
                          .end = JUNE_30_2026,
                          .attainment = 1};
  sg_error err;
  int rc = sg_capacity(&in, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_CAPACITY_ARG_QUOTAS, 1);
  in.quotas = (double[]){1, 2, 3};
  in.hire_dates = (double[]){JAN_1_2020, JAN_1_2020, 1e9};
  rc = sg_capacity(&in, out, &err);
  assert_sg_error(rc, &err, SG_EDATE, SG_CAPACITY_ARG_HIRE_DATES, 2);
  in.hire_dates = (double[]){JAN_1_2020, JAN_1_2020, JAN_1_2020};
  in.end = JUNE_1_2026 - 1;
  rc = sg_capacity(&in, out, &err);
  assert_sg_error(rc, &err, SG_EDATEORDER, SG_CAPACITY_ARG_END, -1);
  in.end = JUNE_30_2026;
  in.ramp = (double[]){0.5, -1};
  in.nramp = 2;
  rc = sg_capacity(&in, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_CAPACITY_ARG_RAMP, 1);
  in.ramp = NULL;
  in.nramp = 0;
  in.attainment = -0.5;
  rc = sg_capacity(&in, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_CAPACITY_ARG_ATTAINMENT, -1);
  in.attainment = 1;
  in.target = &target;
  rc = sg_capacity(&in, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_CAPACITY_ARG_TARGET, -1);
  in.n = 0;
  rc = sg_capacity(&in, out, &err);
  assert_sg_error(rc, &err, SG_ETOOFEW, SG_CAPACITY_ARG_QUOTAS, -1);
}

/* ----------------------------------------------------------- funnel gap */

/* Planned 1000 leads, 200 opportunities, 50 wins; actual 800, 120, 36.
 * Shortfall 14. Terms: volume 1000/800 = 1.25; lead->opportunity 0.20 /
 * 0.15 = 1.3333; opportunity->win 0.25 / 0.30 = 0.8333; product = 1.3889 =
 * 50/36. ln: 0.22314, 0.28768, -0.18232; sum 0.32850 = ln(50/36). Shares
 * 14 x 0.22314 / 0.32850 = 9.510, 14 x 0.28768 / 0.32850 = 12.260, 14 x
 * -0.18232 / 0.32850 = -7.770: the conversion into opportunities is the
 * bottleneck; the win rate beat plan. */
static void funnel_gap_example(void **state) {
  (void)state;
  double out[3];
  sg_error err;
  assert_int_equal(sg_funnel_gap(3, (double[]){1000, 200, 50}, (double[]){800, 120, 36}, out, &err),
                   SG_OK);
  assert_vector_rel(out, (double[]){9.510, 12.260, -7.770}, 3, 0.0005 / 12);
  /* Second method: the issue's formula term by term. */
  double d = log(50.0 / 36);
  assert_near_rel(out[0], 14 * log(1.25) / d, 1e-12);
  assert_near_rel(out[1], 14 * log(0.2 / 0.15) / d, 1e-12);
  assert_near_rel(out[2], 14 * log(0.25 / 0.3) / d, 1e-12);
  assert_near_rel(out[0] + out[1] + out[2], 14, 1e-14);
}

/* Every count on plan: every term is 1, every row 0. */
static void funnel_gap_on_plan(void **state) {
  (void)state;
  double out[4];
  double counts[] = {1670, 334, 167, 40};
  assert_int_equal(sg_funnel_gap(4, counts, counts, out, NULL), SG_OK);
  for (int k = 0; k < 4; k++) assert_true(out[k] == 0);
}

/* Wins on plan but the funnel got there differently: twice the leads at
 * half the conversion. The issue's ln(term) / ln(1) is 0/0; its limit (the
 * logarithmic mean of 10 and 10 is 10) gives 10 ln 0.5 = -6.931 for the
 * volume and 10 ln 2 = +6.931 for the conversion: they offset to 0. */
static void funnel_gap_wins_on_plan(void **state) {
  (void)state;
  double out[2];
  assert_int_equal(sg_funnel_gap(2, (double[]){100, 10}, (double[]){200, 10}, out, NULL), SG_OK);
  assert_near_rel(out[0], -6.931472, 1e-6);
  assert_near_rel(out[1], 6.931472, 1e-6);
  assert_near_rel(out[0] + out[1], 0, 1e-14);
}

/* Stage over plan: 25 wins instead of 20 from the same 100 opportunities:
 * shortfall -5, all of it the conversion; volume 0. One stage: the whole
 * shortfall is volume. */
static void funnel_gap_over_plan_and_one_stage(void **state) {
  (void)state;
  double out[2];
  assert_int_equal(sg_funnel_gap(2, (double[]){100, 20}, (double[]){100, 25}, out, NULL), SG_OK);
  assert_true(out[0] == 0);
  assert_near_rel(out[1], -5, 1e-12);
  assert_int_equal(sg_funnel_gap(1, (double[]){50}, (double[]){40}, out, NULL), SG_OK);
  assert_near_rel(out[0], 10, 1e-12);
}

/* Random funnels: the rows add up to the shortfall, and each row's ratio
 * to the shortfall is ln(term) / ln(W_plan / W_act) (second method). */
static void funnel_gap_random_funnels_add_up(void **state) {
  (void)state;
  srand(14);
  for (int trial = 0; trial < 2000; trial++) {
    size_t n = 1 + (size_t)(rand() % 7);
    double p[8], a[8], out[8];
    p[0] = 100 + rand() % 100000;
    a[0] = 100 + rand() % 100000;
    for (size_t k = 1; k < n; k++) {
      p[k] = p[k - 1] * (0.05 + 0.95 * rand() / (double)RAND_MAX);
      a[k] = a[k - 1] * (0.05 + 0.95 * rand() / (double)RAND_MAX);
    }
    assert_int_equal(sg_funnel_gap(n, p, a, out, NULL), SG_OK);
    double shortfall = p[n - 1] - a[n - 1], sum = 0;
    for (size_t k = 0; k < n; k++) sum += out[k];
    assert_true(fabs(sum - shortfall) <= 1e-9 * fmax(1, fabs(shortfall)));
    double lw = log(p[n - 1] / a[n - 1]);
    if (fabs(lw) < 1e-6) continue;
    for (size_t k = 0; k < n; k++) {
      double term = k == 0 ? p[0] / a[0] : (p[k] / p[k - 1]) / (a[k] / a[k - 1]);
      assert_true(fabs(out[k] - shortfall * log(term) / lw) <= 1e-7 * fmax(1, fabs(shortfall)));
    }
  }
}

static void funnel_gap_errors(void **state) {
  (void)state;
  double out[3];
  sg_error err;
  int rc = sg_funnel_gap(3, (double[]){100, 20, 5}, (double[]){100, 0, 5}, out, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_FUNNEL_GAP_ARG_ACTUAL, 1);
  rc = sg_funnel_gap(3, (double[]){100, 20, 5}, (double[]){100, 20, 0}, out, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_FUNNEL_GAP_ARG_ACTUAL, 2);
  rc = sg_funnel_gap(3, (double[]){100, 0, 5}, (double[]){100, 20, 5}, out, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_FUNNEL_GAP_ARG_PLANNED, 1);
  rc = sg_funnel_gap(3, (double[]){100, 20, 5}, (double[]){-100, 20, 5}, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_FUNNEL_GAP_ARG_ACTUAL, 0);
  rc = sg_funnel_gap(3, (double[]){100, NAN, 5}, (double[]){100, 20, 5}, out, &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_FUNNEL_GAP_ARG_PLANNED, 1);
  rc = sg_funnel_gap(0, NULL, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ETOOFEW, SG_FUNNEL_GAP_ARG_PLANNED, -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(baseline_issue_example),
      cmocka_unit_test(baseline_five_years),
      cmocka_unit_test(baseline_shrinking),
      cmocka_unit_test(baseline_constant),
      cmocka_unit_test(baseline_two_periods),
      cmocka_unit_test(baseline_steady_growth_is_zero_volatility),
      cmocka_unit_test(baseline_extremes),
      cmocka_unit_test(baseline_errors),
      cmocka_unit_test(capacity_issue_example),
      cmocka_unit_test(capacity_quarter),
      cmocka_unit_test(capacity_hire_after_period),
      cmocka_unit_test(capacity_no_target_no_gap_no_delivery),
      cmocka_unit_test(capacity_errors),
      cmocka_unit_test(funnel_gap_example),
      cmocka_unit_test(funnel_gap_on_plan),
      cmocka_unit_test(funnel_gap_wins_on_plan),
      cmocka_unit_test(funnel_gap_over_plan_and_one_stage),
      cmocka_unit_test(funnel_gap_random_funnels_add_up),
      cmocka_unit_test(funnel_gap_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
