/* incentive.c — weighted KPI scorecards (SG_SCORE) and tiered commission
 * with accelerators, thresholds and caps (SG_COMMISSION). */
#include "internal.h"

#include <math.h>

/* A ratio within a relative 1e-9 of a breakpoint counts as on it: 0.7 typed
 * as 70% and 350,000 / 500,000 are the same attainment to a planner. */
static int reached(double ratio, double breakpoint) {
  return ratio >= breakpoint - 1e-9 * fmax(1.0, fabs(breakpoint));
}

/* ---------------------------------------------------------------- score */

static int check_score_input(const sg_score_input *in, sg_error *err) {
  size_t m = in->metrics, cells = in->reps * in->metrics;
  if (in->reps == 0 || m == 0)
    return sg_fail(err, SG_ECOUNT, SG_SCORE_ARG_ACTUALS, -1, 0, 1, "no metric to score");
  if (!(in->target_rows == 1 || in->target_rows == in->reps))
    return sg_fail(err, SG_ECOUNT, SG_SCORE_ARG_TARGETS, -1, (double)in->target_rows,
                   (double)in->reps, "targets need one row or one row per rep");
  if (!(in->weight_rows == 1 || in->weight_rows == in->reps))
    return sg_fail(err, SG_ECOUNT, SG_SCORE_ARG_WEIGHTS, -1, (double)in->weight_rows,
                   (double)in->reps, "weights need one row or one row per rep");
  for (size_t i = 0; i < cells; i++)
    if (!isfinite(in->actuals[i]))
      return sg_fail(err, SG_ENONFINITE, SG_SCORE_ARG_ACTUALS, (long)i, in->actuals[i], 0,
                     "actual %zu is not a finite number", i + 1);
  for (size_t i = 0; i < in->target_rows * m; i++) {
    double t = in->targets[i];
    if (!isfinite(t))
      return sg_fail(err, SG_ENONFINITE, SG_SCORE_ARG_TARGETS, (long)i, t, 0,
                     "target of metric %zu is not a finite number", i % m + 1);
    if (!(t > 0))
      return sg_fail(err, SG_ENOTPOSITIVE, SG_SCORE_ARG_TARGETS, (long)i, t, (double)(i % m + 1),
                     "target of metric %zu is %g; attainment needs a target above 0", i % m + 1, t);
  }
  int rc = sg_check_nonneg(in->weights, in->weight_rows * m, SG_SCORE_ARG_WEIGHTS, 0, "weights",
                           err);
  if (rc != SG_OK) return rc;
  for (size_t r = 0; r < in->weight_rows; r++) {
    double sum = 0;
    for (size_t k = 0; k < m; k++) sum += in->weights[r * m + k];
    if (!(sum > 0))
      return sg_fail(err, SG_EZEROSUM, SG_SCORE_ARG_WEIGHTS, (long)(r * m), 0, (double)(r + 1),
                     "the weights of row %zu add up to 0", r + 1);
    if (!isfinite(sum))
      return sg_fail(err, SG_ETOOLARGE, SG_SCORE_ARG_WEIGHTS, (long)(r * m), sum, 0,
                     "the weights of row %zu are too large to add up", r + 1);
  }
  if (in->floors) {
    for (size_t k = 0; k < m; k++)
      if (!isfinite(in->floors[k]))
        return sg_fail(err, SG_ENONFINITE, SG_SCORE_ARG_FLOOR, (long)k, in->floors[k], 0,
                       "floor of metric %zu is not a finite number", k + 1);
  }
  for (size_t k = 0; in->caps && k < m; k++) {
    double cap = in->caps[k], floor = in->floors ? in->floors[k] : 0.0;
    if (isnan(cap) || cap == -INFINITY)
      return sg_fail(err, SG_ENONFINITE, SG_SCORE_ARG_CAP, (long)k, cap, 0,
                     "cap of metric %zu is not a number", k + 1);
    if (cap < floor)
      return sg_fail(err, SG_EFLOORCAP, SG_SCORE_ARG_CAP, (long)k, floor, cap,
                     "metric %zu: floor %g is above cap %g", k + 1, floor, cap);
  }
  if (isnan(in->gate) || in->gate == INFINITY)
    return sg_fail(err, SG_ENONFINITE, SG_SCORE_ARG_GATE, -1, in->gate, 0,
                   "gate is not a finite number");
  for (size_t k = 0; in->directions && k < m; k++) {
    double d = in->directions[k];
    if (d != 1.0 && d != -1.0)
      return sg_fail(err, SG_ERANGE, SG_SCORE_ARG_DIRECTION, (long)k, d, 0,
                     "direction of metric %zu is %g; use 1 (higher is better) or -1 (lower is "
                     "better)",
                     k + 1, d);
  }
  return SG_OK;
}

/* Attainment of one metric, or an error for a lower-is-better actual that
 * cannot be divided into the target. */
static int attainment(const sg_score_input *in, size_t r, size_t k, double *att, sg_error *err) {
  size_t m = in->metrics, cell = r * m + k;
  double actual = in->actuals[cell];
  double target = in->targets[(in->target_rows == 1 ? 0 : r) * m + k];
  double cap = in->caps ? in->caps[k] : INFINITY;
  if (!in->directions || in->directions[k] > 0) {
    *att = actual / target;
  } else if (actual > 0) {
    *att = target / actual;
  } else if (actual == 0 && isfinite(cap)) {
    *att = cap; /* zero days to close: nothing better exists, so the cap */
  } else {
    return sg_fail(err, SG_ENOTPOSITIVE, SG_SCORE_ARG_ACTUALS, (long)cell, actual,
                   (double)(k + 1),
                   "actual %g of lower-is-better metric %zu must be more than 0 (or 0 with a cap)",
                   actual, k + 1);
  }
  if (!isfinite(*att))
    return sg_fail(err, SG_ETOOLARGE, SG_SCORE_ARG_ACTUALS, (long)cell, actual, (double)(k + 1),
                   "the attainment of metric %zu is too large to compute", k + 1);
  return SG_OK;
}

int sg_score(const sg_score_input *in, double *scores, sg_error *err) {
  int rc = check_score_input(in, err);
  if (rc != SG_OK) return rc;
  size_t m = in->metrics;
  for (size_t r = 0; r < in->reps; r++) {
    const double *w = in->weights + (in->weight_rows == 1 ? 0 : r) * m;
    sg_ksum weighted = {0, 0}, total = {0, 0};
    int gated = 0;
    for (size_t k = 0; k < m; k++) {
      double att = 0;
      rc = attainment(in, r, k, &att, err);
      if (rc != SG_OK) return rc;
      if (k == 0 && !reached(att, in->gate)) gated = 1;
      double floor = in->floors ? in->floors[k] : 0.0;
      double cap = in->caps ? in->caps[k] : INFINITY;
      double clamped = fmin(fmax(att, floor), cap);
      sg_ksum_add(&weighted, w[k] * clamped);
      sg_ksum_add(&total, w[k]);
    }
    double score = sg_ksum_value(&weighted) / sg_ksum_value(&total);
    if (!isfinite(score))
      return sg_fail(err, SG_ETOOLARGE, SG_SCORE_ARG_ACTUALS, (long)(r * m), score, 0,
                     "the score of row %zu is too large to compute", r + 1);
    scores[r] = gated ? 0.0 : score;
  }
  return sg_ok(err);
}

/* ----------------------------------------------------------- commission */

int sg_commission_check(const sg_commission_plan *plan, sg_error *err) {
  size_t n = plan->ntiers;
  if (n == 0)
    return sg_fail(err, SG_ECOUNT, SG_COMMISSION_ARG_TIERS, -1, 0, 1, "no tier given");
  for (size_t k = 0; k < n; k++) {
    double t = plan->tiers[k];
    if (!isfinite(t))
      return sg_fail(err, SG_ENONFINITE, SG_COMMISSION_ARG_TIERS, (long)k, t, 0,
                     "tier %zu is not a finite number", k + 1);
    if (k == 0 && t != 0.0)
      return sg_fail(err, SG_ERANGE, SG_COMMISSION_ARG_TIERS, 0, t, 0,
                     "the first tier starts at %g; it must start at 0", t);
    if (k > 0 && !(t > plan->tiers[k - 1]))
      return sg_fail(err, SG_ERANGE, SG_COMMISSION_ARG_TIERS, (long)k, t, plan->tiers[k - 1],
                     "tier %zu (%g) is not above tier %zu (%g); breakpoints must increase", k + 1,
                     t, k, plan->tiers[k - 1]);
  }
  return sg_check_nonneg(plan->rates, n, SG_COMMISSION_ARG_RATES, 0, "rates", err);
}

static int check_rep(double revenue, double quota, double cap, double factor, sg_error *err) {
  if (!isfinite(revenue))
    return sg_fail(err, SG_ENONFINITE, SG_COMMISSION_ARG_REVENUE, -1, revenue, 0,
                   "revenue is not a finite number");
  if (!isfinite(quota))
    return sg_fail(err, SG_ENONFINITE, SG_COMMISSION_ARG_QUOTA, -1, quota, 0,
                   "quota is not a finite number");
  if (!(quota > 0))
    return sg_fail(err, SG_ENOTPOSITIVE, SG_COMMISSION_ARG_QUOTA, -1, quota, 0,
                   "quota is %g; attainment needs a quota above 0", quota);
  if (isnan(cap) || cap < 0)
    return sg_fail(err, isnan(cap) ? SG_ENONFINITE : SG_ENEGATIVE, SG_COMMISSION_ARG_CAP, -1, cap,
                   0, "cap (%g) must be 0 or more", cap);
  return sg_check_nonneg(&factor, 1, SG_COMMISSION_ARG_FACTOR, -1, "factor", err);
}

int sg_commission(const sg_commission_plan *plan, double revenue, double quota, double cap,
                  double factor, double *payout, sg_error *err) {
  int rc = sg_commission_check(plan, err);
  if (rc == SG_OK) rc = check_rep(revenue, quota, cap, factor, err);
  if (rc != SG_OK) return rc;
  size_t n = plan->ntiers;
  double commission;
  if (revenue <= 0) {
    commission = revenue * plan->rates[0]; /* clawback at the base rate */
  } else if (plan->mode == SG_COMMISSION_RETROACTIVE) {
    double att = revenue / quota;
    size_t k = 0;
    while (k + 1 < n && reached(att, plan->tiers[k + 1])) k++;
    commission = revenue * plan->rates[k];
  } else {
    /* Slices in revenue terms, like tax brackets: tier k pays on the
     * revenue between tiers[k] * quota and tiers[k + 1] * quota. */
    sg_ksum sum = {0, 0};
    for (size_t k = 0; k < n; k++) {
      double lo = plan->tiers[k] * quota;
      if (revenue <= lo) break;
      double hi = k + 1 < n ? plan->tiers[k + 1] * quota : INFINITY;
      sg_ksum_add(&sum, (fmin(revenue, hi) - lo) * plan->rates[k]);
    }
    commission = sg_ksum_value(&sum);
  }
  double paid = fmin(commission * factor, cap);
  if (!isfinite(paid))
    return sg_fail(err, SG_ETOOLARGE, SG_COMMISSION_ARG_REVENUE, -1, revenue, 0,
                   "the commission is too large to compute");
  *payout = paid + 0.0; /* -0 (a clawback at a 0 rate) reads as 0 */
  return sg_ok(err);
}
