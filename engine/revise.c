/* revise.c — setting and revising targets: a baseline from history and how
 * hard a target is against it, re-phasing the open periods after actuals
 * came in, team capacity and hires, and which funnel stage cost the wins.
 * Rounding is sg_split's and ramping is sg_ramp's: one implementation of
 * each rule in the engine. */
#include "internal.h"

#include <math.h>

/* ------------------------------------------------------------- baseline */

int sg_baseline(size_t n, const double *history, const double *target,
                double out[SG_BASELINE_COUNT], sg_error *err) {
  if (n < 2)
    return sg_fail(err, SG_ETOOFEW, SG_BASELINE_ARG_HISTORY, -1, (double)n, 2,
                   "history has %zu value(s); a trend needs at least 2", n);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(history[i]))
      return sg_fail(err, SG_ENONFINITE, SG_BASELINE_ARG_HISTORY, (long)i, history[i], 0,
                     "history item %zu is not a finite number", i + 1);
    if (!(history[i] > 0))
      return sg_fail(err, SG_ENOTPOSITIVE, SG_BASELINE_ARG_HISTORY, (long)i, history[i], 0,
                     "history item %zu is %g; growth needs values above 0", i + 1, history[i]);
  }
  if (target) {
    int rc = sg_check_nonneg(target, 1, SG_BASELINE_ARG_TARGET, -1, "target", err);
    if (rc != SG_OK) return rc;
  }
  double first = history[0], last = history[n - 1];
  /* Logs rather than last / first, which overflows for 1e-300 .. 1e300;
   * expm1 keeps small growth rates exact to the last digits. A constant
   * history gives log(x) - log(x) = 0 exactly. */
  double growth = expm1((log(last) - log(first)) / (double)(n - 1));
  double baseline = last * (1.0 + growth);
  if (!isfinite(growth) || !isfinite(baseline))
    return sg_fail(err, SG_ERANGE, SG_BASELINE_ARG_HISTORY, -1, first, last,
                   "history grows from %g to %g, too fast to extrapolate", first, last);

  /* Sample standard deviation of the n - 1 period-on-period rates, two
   * passes (mean, then squared deviations) for accuracy. */
  double volatility = NAN;
  size_t m = n - 1;
  if (m >= 2) {
    sg_ksum sum = {0, 0}, abs_sum = {0, 0}, sq = {0, 0};
    for (size_t i = 1; i < n; i++) {
      double r = history[i] / history[i - 1] - 1.0;
      sg_ksum_add(&sum, r);
      sg_ksum_add(&abs_sum, fabs(r));
    }
    double mean = sg_ksum_value(&sum) / (double)m;
    for (size_t i = 1; i < n; i++) {
      double d = history[i] / history[i - 1] - 1.0 - mean;
      sg_ksum_add(&sq, d * d);
    }
    volatility = sqrt(sg_ksum_value(&sq) / (double)(m - 1));
    /* 100, 110, 121.0000000001 is steady growth: a deviation at the level
     * of rounding noise must not turn z into a huge number. */
    if (volatility <= 1e-12 * (1.0 + sg_ksum_value(&abs_sum) / (double)m)) volatility = 0;
    if (!isfinite(volatility))
      return sg_fail(err, SG_ERANGE, SG_BASELINE_ARG_HISTORY, -1, first, last,
                     "the period-on-period growth rates overflow");
  }
  double z = NAN;
  if (target && volatility > 0) {
    z = (*target / last - 1.0 - growth) / volatility;
    if (!isfinite(z)) z = NAN;
  }
  out[SG_BASELINE_VALUE] = baseline;
  out[SG_BASELINE_GROWTH] = growth;
  out[SG_BASELINE_VOLATILITY] = volatility;
  out[SG_BASELINE_Z] = z;
  return sg_ok(err);
}

/* -------------------------------------------------------------- rephase */

int sg_rephase(double new_total, size_t n, const double *plan, const double *actuals, double unit,
               double *out, sg_error *err) {
  if (!isfinite(new_total))
    return sg_fail(err, SG_ENONFINITE, SG_REPHASE_ARG_NEW_TOTAL, -1, new_total, 0,
                   "new total is not a finite number");
  if (n == 0)
    return sg_fail(err, SG_ETOOFEW, SG_REPHASE_ARG_PLAN, -1, 0, 1, "plan has no periods");
  int rc = sg_check_nonneg(plan, n, SG_REPHASE_ARG_PLAN, 0, "plan", err);
  if (rc == SG_OK) rc = sg_check_nonneg(&unit, 1, SG_REPHASE_ARG_UNIT, -1, "unit", err);
  if (rc != SG_OK) return rc;

  sg_ksum closed = {0, 0}, closed_abs = {0, 0};
  size_t nopen = 0;
  for (size_t i = 0; i < n; i++) {
    if (isnan(actuals[i])) {
      nopen++;
      continue;
    }
    if (!isfinite(actuals[i]))
      return sg_fail(err, SG_ENONFINITE, SG_REPHASE_ARG_ACTUALS, (long)i, actuals[i], 0,
                     "actual item %zu is not a finite number", i + 1);
    sg_ksum_add(&closed, actuals[i]);
    sg_ksum_add(&closed_abs, fabs(actuals[i]));
  }
  double sum = sg_ksum_value(&closed);
  double rest = new_total - sum;
  /* Equal up to rounding noise (actuals typed in cents add up in binary
   * with an error of a few ulps) counts as equal, not as a shortfall. */
  double noise = 1e-12 * (fabs(new_total) + sg_ksum_value(&closed_abs));
  if (fabs(rest) <= noise) rest = 0;
  if (rest < 0)
    return sg_fail(err, SG_ERANGE, SG_REPHASE_ARG_ACTUALS, -1, sum, new_total,
                   "the actuals add up to %.15g, %.15g more than the new total %.15g", sum, -rest,
                   new_total);
  if (nopen == 0) {
    if (rest != 0)
      return sg_fail(err, SG_ELOCKED, SG_REPHASE_ARG_ACTUALS, -1, sum, new_total,
                     "every period is closed and the actuals add up to %.15g, not the new total "
                     "%.15g",
                     sum, new_total);
    for (size_t i = 0; i < n; i++) out[i] = actuals[i];
    return sg_ok(err);
  }

  if (rest == 0) { /* nothing left: the open periods get 0 (no noise for sg_split) */
    for (size_t i = 0; i < n; i++) out[i] = isnan(actuals[i]) ? 0 : actuals[i];
    return sg_ok(err);
  }
  /* SG_SPLIT with the actuals locked: what is left need not be a multiple
   * of the unit (actuals are what they are); its plug cell takes the part
   * below one unit. One rounding rule for the whole engine. */
  sg_split_input in = {
      .n = n, .total = new_total, .weights = plan, .locked = actuals, .unit = unit};
  rc = sg_split(&in, out, err);
  if (rc != SG_OK && err) /* name this function's argument, not sg_split's */
    err->arg = err->arg == SG_SPLIT_ARG_WEIGHTS  ? SG_REPHASE_ARG_PLAN
               : err->arg == SG_SPLIT_ARG_UNIT   ? SG_REPHASE_ARG_UNIT
               : err->arg == SG_SPLIT_ARG_LOCKED ? SG_REPHASE_ARG_ACTUALS
                                                 : SG_REPHASE_ARG_NEW_TOTAL;
  return rc;
}

/* ------------------------------------------------------------- capacity */

int sg_capacity(const sg_capacity_input *in, double out[SG_CAPACITY_COUNT], sg_error *err) {
  if (in->n == 0)
    return sg_fail(err, SG_ETOOFEW, SG_CAPACITY_ARG_QUOTAS, -1, 0, 1, "the team has no rep");
  int rc = sg_check_nonneg(&in->attainment, 1, SG_CAPACITY_ARG_ATTAINMENT, -1, "attainment", err);
  if (rc == SG_OK && in->target)
    rc = sg_check_nonneg(in->target, 1, SG_CAPACITY_ARG_TARGET, -1, "target", err);
  if (rc != SG_OK) return rc;

  sg_ksum ramped = {0, 0}, quotas = {0, 0};
  for (size_t i = 0; i < in->n; i++) {
    double t;
    rc = sg_ramp(in->quotas[i], in->hire_dates[i], in->start, in->end, in->ramp, in->nramp, &t, err);
    if (rc != SG_OK) {
      /* sg_ramp sees one rep: say which one. */
      if (err && (err->arg == SG_CAPACITY_ARG_QUOTAS || err->arg == SG_CAPACITY_ARG_HIRE_DATES))
        err->index = (long)i;
      return rc;
    }
    sg_ksum_add(&ramped, t);
    sg_ksum_add(&quotas, in->quotas[i]);
  }
  double capacity = in->attainment * sg_ksum_value(&ramped);
  double average = sg_ksum_value(&quotas) / (double)in->n;
  double one;
  rc = sg_ramp(average, in->start, in->start, in->end, in->ramp, in->nramp, &one, err);
  if (rc != SG_OK) return rc; /* the inputs passed above; only an overflow gets here */
  double per_hire = in->attainment * one;
  if (!isfinite(capacity) || !isfinite(per_hire))
    return sg_fail(err, SG_ERANGE, SG_CAPACITY_ARG_QUOTAS, -1, capacity, per_hire,
                   "the quotas are too large to add up");

  double gap = NAN, hires = NAN;
  if (in->target) {
    gap = *in->target - capacity;
    if (!(gap > 0)) gap = 0;
    if (gap == 0) hires = 0;
    else if (per_hire > 0) hires = sg_ceil_count(gap / per_hire);
  }
  out[SG_CAPACITY_VALUE] = capacity;
  out[SG_CAPACITY_GAP] = gap;
  out[SG_CAPACITY_HIRES] = isfinite(hires) ? hires : NAN;
  out[SG_CAPACITY_PER_HIRE] = per_hire;
  return sg_ok(err);
}

/* ----------------------------------------------------------- funnel gap */

static int check_counts(size_t n, const double *v, int arg, sg_error *err) {
  const char *which = arg == SG_FUNNEL_GAP_ARG_PLANNED ? "planned" : "actual";
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(v[i]))
      return sg_fail(err, SG_ENONFINITE, arg, (long)i, v[i], 0,
                     "%s count of stage %zu is not a finite number", which, i + 1);
    if (v[i] < 0)
      return sg_fail(err, SG_ENEGATIVE, arg, (long)i, v[i], 0, "%s count of stage %zu is %g",
                     which, i + 1, v[i]);
    if (v[i] == 0)
      return sg_fail(err, SG_ENOTPOSITIVE, arg, (long)i, v[i], 0,
                     "%s count of stage %zu is 0; a conversion rate needs counts above 0", which,
                     i + 1);
  }
  return SG_OK;
}

/* ln(a / b) for a, b > 0, accurate when a and b are close (log1p of the
 * exact difference) and finite when a / b would overflow. */
static double log_ratio(double a, double b) {
  double q = (a - b) / b;
  if (isfinite(q) && q > -0.5) return log1p(q);
  return log(a) - log(b);
}

/* (a - b) / ln(a / b), and a when a == b: the weight that makes the
 * logarithmic shares add up to a - b exactly. */
static double log_mean(double a, double b) {
  if (a == b) return a;
  return (a - b) / log_ratio(a, b);
}

int sg_funnel_gap(size_t n, const double *planned, const double *actual, double *out,
                  sg_error *err) {
  if (n == 0)
    return sg_fail(err, SG_ETOOFEW, SG_FUNNEL_GAP_ARG_PLANNED, -1, 0, 1, "no stage given");
  int rc = check_counts(n, planned, SG_FUNNEL_GAP_ARG_PLANNED, err);
  if (rc == SG_OK) rc = check_counts(n, actual, SG_FUNNEL_GAP_ARG_ACTUAL, err);
  if (rc != SG_OK) return rc;

  double w_plan = planned[n - 1], w_act = actual[n - 1];
  double weight = log_mean(w_plan, w_act);
  /* ln(term k) = d_k - d_{k-1} with d_k = ln(P_k / A_k): the first row's
   * term is P0 / A0 (d_{-1} = 0), row k's the ratio of the rates into k. */
  double previous = 0;
  for (size_t k = 0; k < n; k++) {
    double d = log_ratio(planned[k], actual[k]);
    out[k] = weight * (d - previous);
    previous = d;
  }
  /* The shares add up to W_plan - W_act up to a few roundings; give the
   * residue to the largest row so the column adds up as promised. */
  sg_ksum sum = {0, 0};
  size_t largest = 0;
  for (size_t k = 0; k < n; k++) {
    sg_ksum_add(&sum, out[k]);
    if (fabs(out[k]) > fabs(out[largest])) largest = k;
  }
  double shortfall = w_plan - w_act;
  out[largest] += shortfall - sg_ksum_value(&sum);
  for (size_t k = 0; k < n; k++)
    if (!isfinite(out[k]))
      return sg_fail(err, SG_ERANGE, SG_FUNNEL_GAP_ARG_PLANNED, -1, w_plan, w_act,
                     "the counts are too large to compare");
  return sg_ok(err);
}
