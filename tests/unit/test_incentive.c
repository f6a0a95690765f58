/* test_incentive.c — weighted KPI scores and tiered commission, in the
 * engine and through the catalogue. Every expected value is worked by hand
 * in the comment above it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

/* One rep, n metrics, shared targets and weights. */
static int score1(size_t n, const double *actuals, const double *targets, const double *weights,
                  const double *caps, const double *floors, double gate, const double *directions,
                  double *score, sg_error *err) {
  sg_score_input in = {.reps = 1, .metrics = n, .actuals = actuals, .targets = targets,
                       .target_rows = 1, .weights = weights, .weight_rows = 1, .caps = caps,
                       .floors = floors, .gate = gate, .directions = directions};
  return sg_score(&in, score, err);
}

/* The issue's example: attainments 0.9, 1.2, 1.0, weights 0.6, 0.3, 0.1,
 * cap 1.2: 0.54 + 0.36 + 0.10 = 1.00. With 150 instead of 120 the cap holds
 * the second metric at 1.2: still 1.00; without a cap 0.54 + 0.45 + 0.10 =
 * 1.09. Weights 6, 3, 1 are the same ratios: 1.00. */
static void score_issue_example(void **state) {
  (void)state;
  double s = -1, cap[3] = {1.2, 1.2, 1.2};
  const double t[3] = {100, 100, 100}, w[3] = {0.6, 0.3, 0.1};
  assert_int_equal(score1(3, (double[]){90, 120, 100}, t, w, cap, NULL, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 1.0, 1e-12);
  assert_int_equal(score1(3, (double[]){90, 150, 100}, t, w, cap, NULL, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 1.0, 1e-12);
  assert_int_equal(score1(3, (double[]){90, 150, 100}, t, w, NULL, NULL, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 1.09, 1e-12);
  assert_int_equal(score1(3, (double[]){90, 120, 100}, t, (double[]){6, 3, 1}, cap, NULL, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 1.0, 1e-12);
}

/* Floor 0.5 lifts a 0.2 attainment to 0.5: weights 1, 1 -> (0.5 + 1.0) / 2
 * = 0.75. Without the floor: (0.2 + 1.0) / 2 = 0.6. Zero revenue scores 0
 * on that metric: (0 + 1) / 2 = 0.5; so does a negative actual (returns
 * beyond sales), held at the default floor 0. */
static void score_floor(void **state) {
  (void)state;
  double s = -1;
  const double t[2] = {100, 10}, w[2] = {1, 1};
  assert_int_equal(score1(2, (double[]){20, 10}, t, w, NULL, (double[]){0.5, 0.5}, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 0.75, 1e-12);
  assert_int_equal(score1(2, (double[]){20, 10}, t, w, NULL, NULL, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 0.6, 1e-12);
  assert_int_equal(score1(2, (double[]){0, 10}, t, w, NULL, NULL, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 0.5, 1e-12);
  assert_int_equal(score1(2, (double[]){-30, 10}, t, w, NULL, NULL, -INFINITY, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 0.5, 1e-12);
}

/* Gate 0.5 on revenue (metric 1, target 500,000) with visits 60 / 50 = 1.2
 * and weights 0.7, 0.3. Just met: 250,000 / 500,000 = 0.5 -> 0.7 * 0.5 +
 * 0.3 * 1.2 = 0.35 + 0.36 = 0.71. Just missed: 249,999 -> 0.499998 < 0.5
 * -> 0. Gate 0.1 * 3 (0.30000000000000004 in binary) is still met by
 * 150,000 / 500,000 = 0.3: 0.7 * 0.3 + 0.36 = 0.57. */
static void score_gate(void **state) {
  (void)state;
  double s = -1;
  const double t[2] = {500000, 50}, w[2] = {0.7, 0.3};
  assert_int_equal(score1(2, (double[]){250000, 60}, t, w, NULL, NULL, 0.5, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 0.71, 1e-12);
  assert_int_equal(score1(2, (double[]){249999, 60}, t, w, NULL, NULL, 0.5, NULL, &s, NULL), SG_OK);
  assert_true(s == 0.0);
  double gate = 0.1 * 3;
  assert_true(gate > 0.3);
  assert_int_equal(score1(2, (double[]){150000, 60}, t, w, NULL, NULL, gate, NULL, &s, NULL), SG_OK);
  assert_near_rel(s, 0.57, 1e-12);
}

/* Lower is better: days to close, target 30. Revenue 550 / 500 = 1.1 and
 * 40 days -> 30 / 40 = 0.75; weights 0.5, 0.5 -> 0.925. 20 days -> 1.5,
 * capped at 1.2 -> (1.1 + 1.2) / 2 = 1.15. 0 days with cap 1.2 -> the cap:
 * 1.15 again. Gate 0.5 on days first: 60 days -> 30 / 60 = 0.5 (met, score
 * (0.5 + 1.1) / 2 = 0.8); 61 days -> 0.4918 (missed, 0). */
static void score_lower_is_better(void **state) {
  (void)state;
  double s = -1, dir[2] = {1, -1}, cap[2] = {1.2, 1.2};
  const double t[2] = {500, 30}, w[2] = {0.5, 0.5};
  assert_int_equal(score1(2, (double[]){550, 40}, t, w, NULL, NULL, -INFINITY, dir, &s, NULL), SG_OK);
  assert_near_rel(s, 0.925, 1e-12);
  assert_int_equal(score1(2, (double[]){550, 20}, t, w, cap, NULL, -INFINITY, dir, &s, NULL), SG_OK);
  assert_near_rel(s, 1.15, 1e-12);
  assert_int_equal(score1(2, (double[]){550, 0}, t, w, cap, NULL, -INFINITY, dir, &s, NULL), SG_OK);
  assert_near_rel(s, 1.15, 1e-12);
  sg_error err;
  assert_int_equal(score1(2, (double[]){550, 0}, t, w, NULL, NULL, -INFINITY, dir, &s, &err), SG_ENOTPOSITIVE);
  assert_sg_error(SG_ENOTPOSITIVE, &err, SG_ENOTPOSITIVE, SG_SCORE_ARG_ACTUALS, 1);
  const double t2[2] = {30, 500}, dir2[2] = {-1, 1};
  assert_int_equal(score1(2, (double[]){60, 550}, t2, w, NULL, NULL, 0.5, dir2, &s, NULL), SG_OK);
  assert_near_rel(s, 0.8, 1e-12);
  assert_int_equal(score1(2, (double[]){61, 550}, t2, w, NULL, NULL, 0.5, dir2, &s, NULL), SG_OK);
  assert_true(s == 0.0);
}

/* Two reps x 3 metrics (revenue, new customers, visits), targets 500,000,
 * 5, 50 for both. Veteran weights 0.6, 0.3, 0.1; the new hire 0.2, 0.3, 0.5.
 * Veteran 450,000, 6, 40 -> 0.9, 1.2, 0.8 -> 0.54 + 0.36 + 0.08 = 0.98.
 * New hire 100,000, 3, 60 -> 0.2, 0.6, 1.2 -> 0.04 + 0.18 + 0.60 = 0.82.
 * With the veteran's weights for both, the new hire scores 0.12 + 0.18 +
 * 0.12 = 0.42. Per-rep targets: the new hire's revenue target 200,000 ->
 * 0.5 -> 0.10 + 0.18 + 0.60 = 0.88. */
static void score_per_rep_weights(void **state) {
  (void)state;
  const double actuals[6] = {450000, 6, 40, 100000, 3, 60};
  const double targets[3] = {500000, 5, 50};
  const double weights[6] = {0.6, 0.3, 0.1, 0.2, 0.3, 0.5};
  double s[2] = {-1, -1};
  sg_score_input in = {.reps = 2, .metrics = 3, .actuals = actuals, .targets = targets,
                       .target_rows = 1, .weights = weights, .weight_rows = 2, .gate = -INFINITY};
  assert_int_equal(sg_score(&in, s, NULL), SG_OK);
  assert_vector_rel(s, (double[]){0.98, 0.82}, 2, 1e-12);
  in.weight_rows = 1;
  assert_int_equal(sg_score(&in, s, NULL), SG_OK);
  assert_vector_rel(s, (double[]){0.98, 0.42}, 2, 1e-12);
  in.weight_rows = 2;
  in.targets = (double[]){500000, 5, 50, 200000, 5, 50};
  in.target_rows = 2;
  assert_int_equal(sg_score(&in, s, NULL), SG_OK);
  assert_vector_rel(s, (double[]){0.98, 0.88}, 2, 1e-12);
}

static void score_errors(void **state) {
  (void)state;
  double s = -7;
  sg_error err;
  const double w[3] = {1, 1, 1};
  int rc = score1(3, (double[]){1, 2, 3}, (double[]){10, 0, 10}, w, NULL, NULL, -INFINITY, NULL, &s, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_SCORE_ARG_TARGETS, 1);
  assert_true(err.value2 == 2); /* metric 2, counted from 1 for the message */
  rc = score1(3, (double[]){1, 2, 3}, (double[]){10, -5, 10}, w, NULL, NULL, -INFINITY, NULL, &s, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_SCORE_ARG_TARGETS, 1);
  rc = score1(3, (double[]){1, 2, 3}, (double[]){1, 1, 1}, (double[]){0, 0, 0}, NULL, NULL, -INFINITY, NULL, &s, &err);
  assert_sg_error(rc, &err, SG_EZEROSUM, SG_SCORE_ARG_WEIGHTS, 0);
  rc = score1(3, (double[]){1, 2, 3}, (double[]){1, 1, 1}, (double[]){1, -1, 1}, NULL, NULL, -INFINITY, NULL, &s, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_SCORE_ARG_WEIGHTS, 1);
  rc = score1(3, (double[]){1, 2, 3}, (double[]){1, 1, 1}, w, NULL, NULL, -INFINITY, (double[]){1, 0, 1}, &s, &err);
  assert_sg_error(rc, &err, SG_ERANGE, SG_SCORE_ARG_DIRECTION, 1);
  rc = score1(3, (double[]){1, 2, 3}, (double[]){1, 1, 1}, w, (double[]){1, 0.4, 1}, (double[]){0.5, 0.5, 0.5}, -INFINITY, NULL, &s, &err);
  assert_sg_error(rc, &err, SG_EFLOORCAP, SG_SCORE_ARG_CAP, 1);
  rc = score1(3, (double[]){1, NAN, 3}, (double[]){1, 1, 1}, w, NULL, NULL, -INFINITY, NULL, &s, &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_SCORE_ARG_ACTUALS, 1);
  rc = score1(3, (double[]){1e308, 2, 3}, (double[]){1e-308, 1, 1}, w, NULL, NULL, -INFINITY, NULL, &s, &err);
  assert_sg_error(rc, &err, SG_ETOOLARGE, SG_SCORE_ARG_ACTUALS, 0);
  assert_true(s == -7); /* untouched on failure */
}

/* ------------------------------------------------------------ commission */

static double pay(const double *tiers, const double *rates, size_t n, sg_commission_mode mode,
                  double revenue, double quota, double cap, double factor) {
  sg_commission_plan plan = {n, tiers, rates, mode};
  double out = NAN;
  sg_error err;
  if (sg_commission(&plan, revenue, quota, cap, factor, &out, &err) != SG_OK) {
    fprintf(stderr, "sg_commission: %s\n", err.message);
    fail();
  }
  return out;
}

#define MARG SG_COMMISSION_MARGINAL
#define RETRO SG_COMMISSION_RETROACTIVE

/* The issue's example: 650,000 on 500,000, tiers {0;1}, rates {0.2;0.3}.
 * Marginal: 500,000 x 0.2 + 150,000 x 0.3 = 100,000 + 45,000 = 145,000.
 * Retroactive: 650,000 x 0.3 = 195,000. */
static void commission_issue_example(void **state) {
  (void)state;
  const double t[2] = {0, 1}, r[2] = {0.2, 0.3};
  assert_near_rel(pay(t, r, 2, MARG, 650000, 500000, INFINITY, 1), 145000, 1e-12);
  assert_near_rel(pay(t, r, 2, RETRO, 650000, 500000, INFINITY, 1), 195000, 1e-12);
}

/* Exactly on the breakpoint (500,000 = 100%): the tier starting there is
 * reached. Marginal: 500,000 x 0.2 = 100,000 (the slice above is empty).
 * Retroactive: 500,000 x 0.3 = 150,000. One unit below: marginal 499,999 x
 * 0.2 = 99,999.8, retroactive the same (tier 1 not reached). */
static void commission_on_breakpoint(void **state) {
  (void)state;
  const double t[2] = {0, 1}, r[2] = {0.2, 0.3};
  assert_near_rel(pay(t, r, 2, MARG, 500000, 500000, INFINITY, 1), 100000, 1e-12);
  assert_near_rel(pay(t, r, 2, RETRO, 500000, 500000, INFINITY, 1), 150000, 1e-12);
  assert_near_rel(pay(t, r, 2, MARG, 499999, 500000, INFINITY, 1), 99999.8, 1e-12);
  assert_near_rel(pay(t, r, 2, RETRO, 499999, 500000, INFINITY, 1), 99999.8, 1e-12);
  /* 0.7 of 500,000 typed as 70% or computed as 0.1 * 7: 350,000 reaches it. */
  const double t3[3] = {0, 0.1 * 7, 1}, r3[3] = {0.01, 0.05, 0.1};
  assert_near_rel(pay(t3, r3, 3, RETRO, 350000, 500000, INFINITY, 1), 17500, 1e-12);
}

/* Zero revenue pays 0 in both modes; so does any revenue under a 0-rate
 * threshold tier. */
static void commission_zero_revenue(void **state) {
  (void)state;
  const double t[2] = {0, 1}, r[2] = {0.2, 0.3};
  assert_true(pay(t, r, 2, MARG, 0, 500000, INFINITY, 1) == 0);
  assert_true(pay(t, r, 2, RETRO, 0, 500000, INFINITY, 1) == 0);
}

/* Threshold 50%, accelerators at 100% and 150%: quota 400,000, tiers
 * {0;0.5;1;1.5}, rates {0;0.04;0.08;0.12}. Revenue 700,000 (175%) marginal:
 * 0-200k at 0 = 0; 200k-400k x 0.04 = 8,000; 400k-600k x 0.08 = 16,000;
 * 600k-700k x 0.12 = 12,000; total 36,000. Retroactive: 700,000 x 0.12 =
 * 84,000. Cap 30,000 reached: 30,000. Revenue 150,000 (37.5%, under the
 * threshold): 0 in both modes. Revenue 300,000 (75%) marginal: 100,000 x
 * 0.04 = 4,000; retroactive 300,000 x 0.04 = 12,000. */
static void commission_threshold_accelerator_cap(void **state) {
  (void)state;
  const double t[4] = {0, 0.5, 1, 1.5}, r[4] = {0, 0.04, 0.08, 0.12};
  assert_near_rel(pay(t, r, 4, MARG, 700000, 400000, INFINITY, 1), 36000, 1e-12);
  assert_near_rel(pay(t, r, 4, RETRO, 700000, 400000, INFINITY, 1), 84000, 1e-12);
  assert_near_rel(pay(t, r, 4, MARG, 700000, 400000, 30000, 1), 30000, 1e-12);
  assert_near_rel(pay(t, r, 4, MARG, 700000, 400000, 40000, 1), 36000, 1e-12);
  assert_true(pay(t, r, 4, MARG, 150000, 400000, INFINITY, 1) == 0);
  assert_true(pay(t, r, 4, RETRO, 150000, 400000, INFINITY, 1) == 0);
  assert_near_rel(pay(t, r, 4, MARG, 300000, 400000, INFINITY, 1), 4000, 1e-12);
  assert_near_rel(pay(t, r, 4, RETRO, 300000, 400000, INFINITY, 1), 12000, 1e-12);
}

/* Factor 1.5 on the issue's 145,000 = 217,500. The cap bounds the payout
 * after the factor: cap 200,000 pays 200,000 (a cap before the factor would
 * have paid 145,000 x 1.5 = 217,500). Factor 0 pays 0. */
static void commission_factor_then_cap(void **state) {
  (void)state;
  const double t[2] = {0, 1}, r[2] = {0.2, 0.3};
  assert_near_rel(pay(t, r, 2, MARG, 650000, 500000, INFINITY, 1.5), 217500, 1e-12);
  assert_near_rel(pay(t, r, 2, MARG, 650000, 500000, 200000, 1.5), 200000, 1e-12);
  assert_true(pay(t, r, 2, MARG, 650000, 500000, INFINITY, 0) == 0);
}

/* Clawback: revenue -10,000 returns -10,000 x 0.2 = -2,000 in both modes;
 * the cap does not raise it. Under a 0-rate threshold nothing is clawed
 * back (0, not -0). */
static void commission_clawback(void **state) {
  (void)state;
  const double t[2] = {0, 1}, r[2] = {0.2, 0.3};
  assert_near_rel(pay(t, r, 2, MARG, -10000, 500000, 1000, 1), -2000, 1e-12);
  assert_near_rel(pay(t, r, 2, RETRO, -10000, 500000, INFINITY, 1), -2000, 1e-12);
  double z = pay(t, (double[]){0, 0.3}, 2, MARG, -10000, 500000, INFINITY, 1);
  assert_true(z == 0 && !signbit(z));
}

static void commission_errors(void **state) {
  (void)state;
  sg_error err;
  double out = -7;
  sg_commission_plan plan = {2, (double[]){0.1, 1}, (double[]){0.2, 0.3}, MARG};
  int rc = sg_commission(&plan, 1, 1, INFINITY, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ERANGE, SG_COMMISSION_ARG_TIERS, 0);
  plan = (sg_commission_plan){3, (double[]){0, 1, 1}, (double[]){0.2, 0.3, 0.4}, MARG};
  rc = sg_commission(&plan, 1, 1, INFINITY, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ERANGE, SG_COMMISSION_ARG_TIERS, 2);
  plan = (sg_commission_plan){3, (double[]){0, 1.5, 1}, (double[]){0.2, 0.3, 0.4}, MARG};
  rc = sg_commission(&plan, 1, 1, INFINITY, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ERANGE, SG_COMMISSION_ARG_TIERS, 2);
  assert_true(err.value == 1 && err.value2 == 1.5);
  plan = (sg_commission_plan){2, (double[]){0, 1}, (double[]){0.2, -0.3}, MARG};
  rc = sg_commission(&plan, 1, 1, INFINITY, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_COMMISSION_ARG_RATES, 1);
  plan = (sg_commission_plan){2, (double[]){0, 1}, (double[]){0.2, 0.3}, MARG};
  rc = sg_commission(&plan, 1, 0, INFINITY, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ENOTPOSITIVE, SG_COMMISSION_ARG_QUOTA, -1);
  rc = sg_commission(&plan, 1, 1, -5, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_COMMISSION_ARG_CAP, -1);
  rc = sg_commission(&plan, 1, 1, INFINITY, -1, &out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_COMMISSION_ARG_FACTOR, -1);
  rc = sg_commission(&plan, INFINITY, 1, INFINITY, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_COMMISSION_ARG_REVENUE, -1);
  rc = sg_commission(&plan, 1e308, 1e-300, INFINITY, 10, &out, &err);
  assert_sg_error(rc, &err, SG_ETOOLARGE, SG_COMMISSION_ARG_REVENUE, -1);
  plan.ntiers = 0;
  rc = sg_commission(&plan, 1, 1, INFINITY, 1, &out, &err);
  assert_sg_error(rc, &err, SG_ECOUNT, SG_COMMISSION_ARG_TIERS, -1);
  assert_true(out == -7);
}

/* ------------------------------------------------------- through the catalogue */

/* Cell form over one rep's row, and the block form: same reps as
 * score_per_rep_weights (0.98 and 0.82), as a 2 x 1 column. */
static void fn_score_forms(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 3, "90", "120", "100");
  ARG(&fx, 3, 1, "100", "100", "100"); /* a column of targets for a row of actuals */
  ARG(&fx, 1, 3, "0.6", "0.3", "0.1");
  ARG(&fx, 1, 1, "1.2");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), 0);
  assert_numbers(&fx.result, 1, 1, (double[]){1.0});
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 3, "450000", "6", "40", "100000", "3", "60");
  ARG(&fx, 1, 3, "500000", "5", "50");
  ARG(&fx, 2, 3, "0.6", "0.3", "0.1", "0.2", "0.3", "0.5");
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 1, "");   /* blank gate: none */
  ARG(&fx, 1, 3, "1", "", "1"); /* blank direction: higher is better */
  assert_int_equal(fx_run(&fx, "SG_SCORE"), 0);
  assert_numbers(&fx.result, 2, 1, (double[]){0.98, 0.82});
  fx_free(&fx);
}

static void fn_score_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 3, "90", "120", "100");
  ARG(&fx, 1, 3, "100", "0", "100");
  ARG(&fx, 1, 3, "0.6", "0.3", "0.1");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), -1);
  assert_message_has(&fx, "SG_SCORE, argument 2 (targets): metric 2 has target 0 (row 1, column 2 of the range)");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 2, 2, "1", "2", "3", "4");
  ARG(&fx, 2, 2, "1", "1", "1", "0");
  ARG(&fx, 1, 2, "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), -1);
  assert_message_has(&fx, "指标 2 的目标为 0（区域第 2 行第 2 列）");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 3, "90", "120", "100");
  ARG(&fx, 1, 3, "100", "100", "100");
  ARG(&fx, 1, 2, "0.6", "0.4");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), -1);
  assert_message_has(&fx, "argument 3 (weights): has 2 cells but there are 3 metrics");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 2, "1", "2", "3", "4");
  ARG(&fx, 1, 2, "1", "1");
  ARG(&fx, 3, 2, "1", "1", "1", "1", "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), -1);
  assert_message_has(&fx, "argument 3 (weights): is 3 x 2; give one row of 2");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 2, "1", "2");
  ARG(&fx, 1, 2, "1", "1");
  ARG(&fx, 1, 2, "1", "1");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 2, "1", "lower");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), -1);
  assert_message_has(&fx, "argument 7 (direction): text \"lower\"");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 2, "1", "2");
  ARG(&fx, 1, 2, "1", "1");
  ARG(&fx, 1, 2, "1", "1");
  OMIT(&fx);
  OMIT(&fx);
  OMIT(&fx);
  ARG(&fx, 1, 2, "1", "2");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), -1);
  assert_message_has(&fx, "2 (row 1, column 2 of the range) is not a direction: use 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 2, "", "2");
  ARG(&fx, 1, 2, "1", "1");
  ARG(&fx, 1, 2, "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SCORE"), -1);
  assert_message_has(&fx, "argument 1 (actuals): a blank cell at row 1, column 1");
  fx_free(&fx);
}

/* Revenue and quota as columns (one rep per row) -> a column: 650,000 on
 * 500,000 -> 145,000; 400,000 on 500,000 -> 80,000; 300,000 on 200,000 ->
 * 40,000 + 30,000 = 70,000. Retroactive ("Retroactive " in any case, or
 * 全额累进): 195,000, 80,000, 90,000. Cap per rep {100,000; ; 50,000}
 * (blank = none): 100,000, 80,000, 50,000. */
static void fn_commission_columns(void **state) {
  (void)state;
  static const char *const modes[] = {"Retroactive ", "全额累进"};
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "650000", "400000", "300000");
  ARG(&fx, 3, 1, "500000", "500000", "200000");
  ARG(&fx, 1, 2, "0", "1");
  ARG(&fx, 2, 1, "0.2", "0.3");
  assert_int_equal(fx_run(&fx, "SG_COMMISSION"), 0);
  assert_numbers(&fx.result, 3, 1, (double[]){145000, 80000, 70000});
  fx_free(&fx);
  for (size_t i = 0; i < 2; i++) {
    fx_init(&fx, SGF_LANG_EN);
    ARG(&fx, 3, 1, "650000", "400000", "300000");
    ARG(&fx, 3, 1, "500000", "500000", "200000");
    ARG(&fx, 2, 1, "0", "1");
    ARG(&fx, 2, 1, "0.2", "0.3");
    ARG(&fx, 1, 1, modes[i]);
    assert_int_equal(fx_run(&fx, "SG_COMMISSION"), 0);
    assert_numbers(&fx.result, 3, 1, (double[]){195000, 80000, 90000});
    fx_free(&fx);
  }
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "650000", "400000", "300000");
  ARG(&fx, 1, 1, "500000");
  ARG(&fx, 2, 1, "0", "1");
  ARG(&fx, 2, 1, "0.2", "0.3");
  ARG(&fx, 1, 1, "marginal");
  ARG(&fx, 3, 1, "100000", "", "50000");
  ARG(&fx, 1, 1, "");
  assert_int_equal(fx_run(&fx, "SG_COMMISSION"), 0);
  /* 300,000 on the shared 500,000 quota is 60%: 60,000, over its cap of 50,000. */
  assert_numbers(&fx.result, 3, 1, (double[]){100000, 80000, 50000});
  fx_free(&fx);
}

static void fn_commission_errors(void **state) {
  (void)state;
  struct {
    sgf_lang lang;
    const char *tiers[3], *rates[3], *mode, *quota, *want;
  } cases[] = {
      {SGF_LANG_EN, {"0", "1", "0.5"}, {"0", "0.1", "0.2"}, NULL, "500000",
       "argument 3 (tiers): breakpoint 0.5 (row 3, column 1 of the range) is not above the one before it (1)"},
      {SGF_LANG_ZH, {"0", "1", "1"}, {"0", "0.1", "0.2"}, NULL, "500000",
       "第 3 个参数（分档）：分档点 1（区域第 3 行第 1 列）不大于前一个分档点 1"},
      {SGF_LANG_EN, {"0.5", "1", "2"}, {"0", "0.1", "0.2"}, NULL, "500000",
       "argument 3 (tiers): must start at 0"},
      {SGF_LANG_EN, {"0", "1", "2"}, {"0", "-0.1", "0.2"}, NULL, "500000",
       "argument 4 (rates): rate -0.1 (row 2, column 1 of the range) is negative"},
      {SGF_LANG_EN, {"0", "1", "2"}, {"0", "0.1", "0.2"}, "marginl", "500000",
       "argument 5 (mode): must be \"marginal\""},
      {SGF_LANG_ZH, {"0", "1", "2"}, {"0", "0.1", "0.2"}, "累进", "500000",
       "第 5 个参数（计算方式）：必须为 \"marginal\""},
      {SGF_LANG_EN, {"0", "1", "2"}, {"0", "0.1", "0.2"}, NULL, "0",
       "argument 2 (quota): quota 0 must be more than 0"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    call_fixture fx;
    fx_init(&fx, cases[i].lang);
    ARG(&fx, 1, 1, "650000");
    ARG(&fx, 1, 1, cases[i].quota);
    fx_arg(&fx, 3, 1, cases[i].tiers);
    fx_arg(&fx, 3, 1, cases[i].rates);
    if (cases[i].mode) ARG(&fx, 1, 1, cases[i].mode);
    assert_int_equal(fx_run(&fx, "SG_COMMISSION"), -1);
    assert_message_has(&fx, cases[i].want);
    fx_free(&fx);
  }

  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "650000");
  ARG(&fx, 1, 1, "500000");
  ARG(&fx, 3, 1, "0", "0.5", "1");
  ARG(&fx, 2, 1, "0.2", "0.3");
  assert_int_equal(fx_run(&fx, "SG_COMMISSION"), -1);
  assert_message_has(&fx, "argument 4 (rates): has 2 rates but tiers has 3 breakpoints");
  fx_free(&fx);

  /* A quota of 0 in a column names its row. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "1", "2", "3");
  ARG(&fx, 3, 1, "5", "0", "5");
  ARG(&fx, 2, 1, "0", "1");
  ARG(&fx, 2, 1, "0.2", "0.3");
  assert_int_equal(fx_run(&fx, "SG_COMMISSION"), -1);
  assert_message_has(&fx, "quota 0 (row 2, column 1 of the range) must be more than 0");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "1", "2", "3");
  ARG(&fx, 2, 1, "5", "5");
  ARG(&fx, 2, 1, "0", "1");
  ARG(&fx, 2, 1, "0.2", "0.3");
  assert_int_equal(fx_run(&fx, "SG_COMMISSION"), -1);
  assert_message_has(&fx, "argument 2 (quota): is 2 x 1 but revenue is 3 x 1");
  fx_free(&fx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(score_issue_example),
      cmocka_unit_test(score_floor),
      cmocka_unit_test(score_gate),
      cmocka_unit_test(score_lower_is_better),
      cmocka_unit_test(score_per_rep_weights),
      cmocka_unit_test(score_errors),
      cmocka_unit_test(commission_issue_example),
      cmocka_unit_test(commission_on_breakpoint),
      cmocka_unit_test(commission_zero_revenue),
      cmocka_unit_test(commission_threshold_accelerator_cap),
      cmocka_unit_test(commission_factor_then_cap),
      cmocka_unit_test(commission_clawback),
      cmocka_unit_test(commission_errors),
      cmocka_unit_test(fn_score_forms),
      cmocka_unit_test(fn_score_errors),
      cmocka_unit_test(fn_commission_columns),
      cmocka_unit_test(fn_commission_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
