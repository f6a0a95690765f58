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

/* score1's score; the test fails unless sg_score succeeds. */
static double score_ok(size_t n, const double *actuals, const double *targets, const double *weights,
                       const double *caps, const double *floors, double gate, const double *directions) {
  double s = NAN;
  sg_error err;
  if (score1(n, actuals, targets, weights, caps, floors, gate, directions, &s, &err) != SG_OK)
    fail_msg("sg_score: %s", err.message);
  return s;
}

#define NO_GATE (-INFINITY)
#define V(...) ((const double[]){__VA_ARGS__})

/* The issue's example: attainments 0.9, 1.2, 1.0, weights 0.6, 0.3, 0.1,
 * cap 1.2: 0.54 + 0.36 + 0.10 = 1.00. With 150 instead of 120 the cap holds
 * the second metric at 1.2: still 1.00; without a cap 0.54 + 0.45 + 0.10 =
 * 1.09. Weights 6, 3, 1 are the same ratios: 1.00. */
static void score_issue_example(void **state) {
  (void)state;
  const double cap[3] = {1.2, 1.2, 1.2};
  const double t[3] = {100, 100, 100}, w[3] = {0.6, 0.3, 0.1};
  assert_near_rel(score_ok(3, V(90, 120, 100), t, w, cap, NULL, NO_GATE, NULL), 1.0, 1e-12);
  assert_near_rel(score_ok(3, V(90, 150, 100), t, w, cap, NULL, NO_GATE, NULL), 1.0, 1e-12);
  assert_near_rel(score_ok(3, V(90, 150, 100), t, w, NULL, NULL, NO_GATE, NULL), 1.09, 1e-12);
  assert_near_rel(score_ok(3, V(90, 120, 100), t, V(6, 3, 1), cap, NULL, NO_GATE, NULL), 1.0, 1e-12);
}

/* Floor 0.5 lifts a 0.2 attainment to 0.5: weights 1, 1 -> (0.5 + 1.0) / 2
 * = 0.75. Without the floor: (0.2 + 1.0) / 2 = 0.6. Zero revenue scores 0
 * on that metric: (0 + 1) / 2 = 0.5; so does a negative actual (returns
 * beyond sales), held at the default floor 0. */
static void score_floor(void **state) {
  (void)state;
  const double t[2] = {100, 10}, w[2] = {1, 1};
  assert_near_rel(score_ok(2, V(20, 10), t, w, NULL, V(0.5, 0.5), NO_GATE, NULL), 0.75, 1e-12);
  assert_near_rel(score_ok(2, V(20, 10), t, w, NULL, NULL, NO_GATE, NULL), 0.6, 1e-12);
  assert_near_rel(score_ok(2, V(0, 10), t, w, NULL, NULL, NO_GATE, NULL), 0.5, 1e-12);
  assert_near_rel(score_ok(2, V(-30, 10), t, w, NULL, NULL, NO_GATE, NULL), 0.5, 1e-12);
}

/* Gate 0.5 on revenue (metric 1, target 500,000) with visits 60 / 50 = 1.2
 * and weights 0.7, 0.3. Just met: 250,000 / 500,000 = 0.5 -> 0.7 * 0.5 +
 * 0.3 * 1.2 = 0.35 + 0.36 = 0.71. Just missed: 249,999 -> 0.499998 < 0.5
 * -> 0. Gate 0.1 * 3 (0.30000000000000004 in binary) is still met by
 * 150,000 / 500,000 = 0.3: 0.7 * 0.3 + 0.36 = 0.57. */
static void score_gate(void **state) {
  (void)state;
  const double t[2] = {500000, 50}, w[2] = {0.7, 0.3};
  assert_near_rel(score_ok(2, V(250000, 60), t, w, NULL, NULL, 0.5, NULL), 0.71, 1e-12);
  assert_true(score_ok(2, V(249999, 60), t, w, NULL, NULL, 0.5, NULL) == 0.0);
  double gate = 0.1 * 3;
  assert_true(gate > 0.3);
  assert_near_rel(score_ok(2, V(150000, 60), t, w, NULL, NULL, gate, NULL), 0.57, 1e-12);
}

/* Lower is better: days to close, target 30. Revenue 550 / 500 = 1.1 and
 * 40 days -> 30 / 40 = 0.75; weights 0.5, 0.5 -> 0.925. 20 days -> 1.5,
 * capped at 1.2 -> (1.1 + 1.2) / 2 = 1.15. 0 days with cap 1.2 -> the cap:
 * 1.15 again. Gate 0.5 on days first: 60 days -> 30 / 60 = 0.5 (met, score
 * (0.5 + 1.1) / 2 = 0.8); 61 days -> 0.4918 (missed, 0). */
static void score_lower_is_better(void **state) {
  (void)state;
  const double dir[2] = {1, -1}, cap[2] = {1.2, 1.2};
  const double t[2] = {500, 30}, w[2] = {0.5, 0.5};
  assert_near_rel(score_ok(2, V(550, 40), t, w, NULL, NULL, NO_GATE, dir), 0.925, 1e-12);
  assert_near_rel(score_ok(2, V(550, 20), t, w, cap, NULL, NO_GATE, dir), 1.15, 1e-12);
  assert_near_rel(score_ok(2, V(550, 0), t, w, cap, NULL, NO_GATE, dir), 1.15, 1e-12);
  double s = -1;
  sg_error err;
  assert_int_equal(score1(2, V(550, 0), t, w, NULL, NULL, NO_GATE, dir, &s, &err), SG_ENOTPOSITIVE);
  assert_sg_error(SG_ENOTPOSITIVE, &err, SG_ENOTPOSITIVE, SG_SCORE_ARG_ACTUALS, 1);
  const double t2[2] = {30, 500}, dir2[2] = {-1, 1};
  assert_near_rel(score_ok(2, V(60, 550), t2, w, NULL, NULL, 0.5, dir2), 0.8, 1e-12);
  assert_true(score_ok(2, V(61, 550), t2, w, NULL, NULL, 0.5, dir2) == 0.0);
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
  const double ones[3] = {1, 1, 1};
  const struct {
    const double *actuals, *targets, *weights, *caps, *floors, *directions;
    int code, arg;
    long index;
  } cases[] = {
      {V(1, 2, 3), V(10, 0, 10), ones, NULL, NULL, NULL, SG_ENOTPOSITIVE, SG_SCORE_ARG_TARGETS, 1},
      {V(1, 2, 3), V(10, -5, 10), ones, NULL, NULL, NULL, SG_ENOTPOSITIVE, SG_SCORE_ARG_TARGETS, 1},
      {V(1, 2, 3), ones, V(0, 0, 0), NULL, NULL, NULL, SG_EZEROSUM, SG_SCORE_ARG_WEIGHTS, 0},
      {V(1, 2, 3), ones, V(1, -1, 1), NULL, NULL, NULL, SG_ENEGATIVE, SG_SCORE_ARG_WEIGHTS, 1},
      {V(1, 2, 3), ones, ones, NULL, NULL, V(1, 0, 1), SG_ERANGE, SG_SCORE_ARG_DIRECTION, 1},
      {V(1, 2, 3), ones, ones, V(1, 0.4, 1), V(0.5, 0.5, 0.5), NULL, SG_EFLOORCAP, SG_SCORE_ARG_CAP, 1},
      {V(1, NAN, 3), ones, ones, NULL, NULL, NULL, SG_ENONFINITE, SG_SCORE_ARG_ACTUALS, 1},
      {V(1e308, 2, 3), V(1e-308, 1, 1), ones, NULL, NULL, NULL, SG_ETOOLARGE, SG_SCORE_ARG_ACTUALS, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double s = -7;
    sg_error err;
    int rc = score1(3, cases[i].actuals, cases[i].targets, cases[i].weights, cases[i].caps,
                    cases[i].floors, NO_GATE, cases[i].directions, &s, &err);
    assert_sg_error(rc, &err, cases[i].code, cases[i].arg, cases[i].index);
    if (i == 0) assert_true(err.value2 == 2); /* metric 2, counted from 1 for the message */
    assert_true(s == -7);                     /* untouched on failure */
  }
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
  const double tiers01[2] = {0, 1}, rates[2] = {0.2, 0.3};
  const struct {
    sg_commission_plan plan;
    double revenue, quota, cap, factor;
    int code, arg;
    long index;
  } cases[] = {
      {{2, V(0.1, 1), rates, MARG}, 1, 1, INFINITY, 1, SG_ERANGE, SG_COMMISSION_ARG_TIERS, 0},
      {{3, V(0, 1, 1), V(0.2, 0.3, 0.4), MARG}, 1, 1, INFINITY, 1, SG_ERANGE, SG_COMMISSION_ARG_TIERS, 2},
      {{3, V(0, 1.5, 1), V(0.2, 0.3, 0.4), MARG}, 1, 1, INFINITY, 1, SG_ERANGE, SG_COMMISSION_ARG_TIERS, 2},
      {{2, tiers01, V(0.2, -0.3), MARG}, 1, 1, INFINITY, 1, SG_ENEGATIVE, SG_COMMISSION_ARG_RATES, 1},
      {{2, tiers01, rates, MARG}, 1, 0, INFINITY, 1, SG_ENOTPOSITIVE, SG_COMMISSION_ARG_QUOTA, -1},
      {{2, tiers01, rates, MARG}, 1, 1, -5, 1, SG_ENEGATIVE, SG_COMMISSION_ARG_CAP, -1},
      {{2, tiers01, rates, MARG}, 1, 1, INFINITY, -1, SG_ENEGATIVE, SG_COMMISSION_ARG_FACTOR, -1},
      {{2, tiers01, rates, MARG}, INFINITY, 1, INFINITY, 1, SG_ENONFINITE, SG_COMMISSION_ARG_REVENUE, -1},
      {{2, tiers01, rates, MARG}, 1e308, 1e-300, INFINITY, 10, SG_ETOOLARGE, SG_COMMISSION_ARG_REVENUE, -1},
      {{0, tiers01, rates, MARG}, 1, 1, INFINITY, 1, SG_ECOUNT, SG_COMMISSION_ARG_TIERS, -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    sg_error err;
    double out = -7;
    int rc = sg_commission(&cases[i].plan, cases[i].revenue, cases[i].quota, cases[i].cap,
                           cases[i].factor, &out, &err);
    assert_sg_error(rc, &err, cases[i].code, cases[i].arg, cases[i].index);
    if (i == 2) assert_true(err.value == 1 && err.value2 == 1.5); /* breakpoint 1, after 1.5 */
    assert_true(out == -7);
  }
}

/* ------------------------------------------------------- through the catalogue */

/* A call that succeeds: its arguments, and the rows x cols numbers it gives. */
typedef struct {
  sgf_lang lang;
  fx_spec args[7];
  size_t rows, cols;
  double want[3];
} ok_case;

/* A call that fails: its arguments, and a part of the message it gives. */
typedef struct {
  sgf_lang lang;
  fx_spec args[7];
  const char *want;
} fail_case;

static void expect_results(const char *name, const ok_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    call_fixture fx;
    assert_int_equal(fx_call(&fx, cases[i].lang, name, cases[i].args, 7), 0);
    assert_numbers(&fx.result, cases[i].rows, cases[i].cols, cases[i].want);
    fx_free(&fx);
  }
}

static void expect_failures(const char *name, const fail_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    call_fixture fx;
    assert_int_equal(fx_call(&fx, cases[i].lang, name, cases[i].args, 7), -1);
    assert_message_has(&fx, cases[i].want);
    fx_free(&fx);
  }
}

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* Cell form over one rep's row, and the block form: same reps as
 * score_per_rep_weights (0.98 and 0.82), as a 2 x 1 column. */
static void fn_score_forms(void **state) {
  (void)state;
  static const ok_case cases[] = {
      {SGF_LANG_EN,
       {FX(1, 3, "90", "120", "100"),
        FX(3, 1, "100", "100", "100"), /* a column of targets for a row of actuals */
        FX(1, 3, "0.6", "0.3", "0.1"), FX(1, 1, "1.2")},
       1, 1, {1.0}},
      {SGF_LANG_EN,
       {FX(2, 3, "450000", "6", "40", "100000", "3", "60"), FX(1, 3, "500000", "5", "50"),
        FX(2, 3, "0.6", "0.3", "0.1", "0.2", "0.3", "0.5"), FX_OMITTED, FX_OMITTED,
        FX(1, 1, ""),            /* blank gate: none */
        FX(1, 3, "1", "", "1")}, /* blank direction: higher is better */
       2, 1, {0.98, 0.82}},
  };
  expect_results("SG_SCORE", cases, COUNT(cases));
}

static void fn_score_errors(void **state) {
  (void)state;
  static const fail_case cases[] = {
      {SGF_LANG_EN,
       {FX(1, 3, "90", "120", "100"), FX(1, 3, "100", "0", "100"), FX(1, 3, "0.6", "0.3", "0.1")},
       "SG_SCORE, argument 2 (targets): metric 2 has target 0 (row 1, column 2 of the range)"},
      {SGF_LANG_ZH,
       {FX(2, 2, "1", "2", "3", "4"), FX(2, 2, "1", "1", "1", "0"), FX(1, 2, "1", "1")},
       "指标 2 的目标为 0（区域第 2 行第 2 列）"},
      {SGF_LANG_EN,
       {FX(1, 3, "90", "120", "100"), FX(1, 3, "100", "100", "100"), FX(1, 2, "0.6", "0.4")},
       "argument 3 (weights): has 2 cells but there are 3 metrics"},
      {SGF_LANG_EN,
       {FX(2, 2, "1", "2", "3", "4"), FX(1, 2, "1", "1"), FX(3, 2, "1", "1", "1", "1", "1", "1")},
       "argument 3 (weights): is 3 x 2; give one row of 2"},
      {SGF_LANG_EN,
       {FX(1, 2, "1", "2"), FX(1, 2, "1", "1"), FX(1, 2, "1", "1"), FX_OMITTED, FX_OMITTED,
        FX_OMITTED, FX(1, 2, "1", "lower")},
       "argument 7 (direction): text \"lower\""},
      {SGF_LANG_EN,
       {FX(1, 2, "1", "2"), FX(1, 2, "1", "1"), FX(1, 2, "1", "1"), FX_OMITTED, FX_OMITTED,
        FX_OMITTED, FX(1, 2, "1", "2")},
       "2 (row 1, column 2 of the range) is not a direction: use 1"},
      {SGF_LANG_EN, {FX(1, 2, "", "2"), FX(1, 2, "1", "1"), FX(1, 2, "1", "1")},
       "argument 1 (actuals): a blank cell at row 1, column 1"},
  };
  expect_failures("SG_SCORE", cases, COUNT(cases));
}

/* Revenue and quota as columns (one rep per row) -> a column: 650,000 on
 * 500,000 -> 145,000; 400,000 on 500,000 -> 80,000; 300,000 on 200,000 ->
 * 40,000 + 30,000 = 70,000. Retroactive ("Retroactive " in any case, or
 * 全额累进): 195,000, 80,000, 90,000. Cap per rep {100,000; ; 50,000}
 * (blank = none): 100,000, 80,000, 50,000. */
#define REVENUE3 FX(3, 1, "650000", "400000", "300000")
#define QUOTA3 FX(3, 1, "500000", "500000", "200000")
#define RATES2 FX(2, 1, "0.2", "0.3")
static void fn_commission_columns(void **state) {
  (void)state;
  static const ok_case cases[] = {
      {SGF_LANG_EN, {REVENUE3, QUOTA3, FX(1, 2, "0", "1"), RATES2}, 3, 1, {145000, 80000, 70000}},
      {SGF_LANG_EN, {REVENUE3, QUOTA3, FX(2, 1, "0", "1"), RATES2, FX(1, 1, "Retroactive ")},
       3, 1, {195000, 80000, 90000}},
      {SGF_LANG_EN, {REVENUE3, QUOTA3, FX(2, 1, "0", "1"), RATES2, FX(1, 1, "全额累进")},
       3, 1, {195000, 80000, 90000}},
      /* 300,000 on the shared 500,000 quota is 60%: 60,000, over its cap of 50,000. */
      {SGF_LANG_EN,
       {REVENUE3, FX(1, 1, "500000"), FX(2, 1, "0", "1"), RATES2, FX(1, 1, "marginal"),
        FX(3, 1, "100000", "", "50000"), FX(1, 1, "")},
       3, 1, {100000, 80000, 50000}},
  };
  expect_results("SG_COMMISSION", cases, COUNT(cases));
}

#define REVENUE1 FX(1, 1, "650000")
#define QUOTA1 FX(1, 1, "500000")
#define TIERS012 FX(3, 1, "0", "1", "2")
#define RATES3 FX(3, 1, "0", "0.1", "0.2")
static void fn_commission_errors(void **state) {
  (void)state;
  static const fail_case cases[] = {
      {SGF_LANG_EN, {REVENUE1, QUOTA1, FX(3, 1, "0", "1", "0.5"), RATES3},
       "argument 3 (tiers): breakpoint 0.5 (row 3, column 1 of the range) is not above the one before it (1)"},
      {SGF_LANG_ZH, {REVENUE1, QUOTA1, FX(3, 1, "0", "1", "1"), RATES3},
       "第 3 个参数（分档）：分档点 1（区域第 3 行第 1 列）不大于前一个分档点 1"},
      {SGF_LANG_EN, {REVENUE1, QUOTA1, FX(3, 1, "0.5", "1", "2"), RATES3},
       "argument 3 (tiers): must start at 0"},
      {SGF_LANG_EN, {REVENUE1, QUOTA1, TIERS012, FX(3, 1, "0", "-0.1", "0.2")},
       "argument 4 (rates): rate -0.1 (row 2, column 1 of the range) is negative"},
      {SGF_LANG_EN, {REVENUE1, QUOTA1, TIERS012, RATES3, FX(1, 1, "marginl")},
       "argument 5 (mode): must be \"marginal\""},
      {SGF_LANG_ZH, {REVENUE1, QUOTA1, TIERS012, RATES3, FX(1, 1, "累进")},
       "第 5 个参数（计算方式）：必须为 \"marginal\""},
      {SGF_LANG_EN, {REVENUE1, FX(1, 1, "0"), TIERS012, RATES3},
       "argument 2 (quota): quota 0 must be more than 0"},
      {SGF_LANG_EN, {REVENUE1, QUOTA1, FX(3, 1, "0", "0.5", "1"), RATES2},
       "argument 4 (rates): has 2 rates but tiers has 3 breakpoints"},
      /* A quota of 0 in a column names its row. */
      {SGF_LANG_EN, {FX(3, 1, "1", "2", "3"), FX(3, 1, "5", "0", "5"), FX(2, 1, "0", "1"), RATES2},
       "quota 0 (row 2, column 1 of the range) must be more than 0"},
      {SGF_LANG_EN, {FX(3, 1, "1", "2", "3"), FX(2, 1, "5", "5"), FX(2, 1, "0", "1"), RATES2},
       "argument 2 (quota): is 2 x 1 but revenue is 3 x 1"},
  };
  expect_failures("SG_COMMISSION", cases, COUNT(cases));
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
