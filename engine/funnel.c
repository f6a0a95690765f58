/* funnel.c — reverse funnel (target back to required activity per stage),
 * stage deadlines, and the forward view of today's pipeline. */
#include "internal.h"

#include <math.h>

static int check_rates(size_t n, const double *rates, int arg, sg_error *err) {
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(rates[i]))
      return sg_fail(err, SG_ENONFINITE, arg, (long)i, rates[i], 0,
                     "conversion rate %zu is not a finite number", i + 1);
    if (!(rates[i] > 0.0 && rates[i] <= 1.0))
      return sg_fail(err, SG_ERATE, arg, (long)i, rates[i], 0,
                     "conversion rate %zu is %g; it must be more than 0 and at most 1", i + 1,
                     rates[i]);
  }
  return SG_OK;
}

static int check_avg_deal(double avg_deal, int arg, sg_error *err) {
  if (!isfinite(avg_deal))
    return sg_fail(err, SG_ENONFINITE, arg, -1, avg_deal, 0, "average deal size is not finite");
  if (!(avg_deal > 0.0))
    return sg_fail(err, SG_ENOTPOSITIVE, arg, -1, avg_deal, 0,
                   "average deal size is %g; it must be more than 0", avg_deal);
  return SG_OK;
}

int sg_funnel_backsolve(double target, double avg_deal, size_t n, const double *rates, int whole,
                        double *counts, sg_error *err) {
  int rc = sg_check_nonneg(&target, 1, SG_BACKSOLVE_ARG_TARGET, -1, "target", err);
  if (rc == SG_OK) rc = check_avg_deal(avg_deal, SG_BACKSOLVE_ARG_AVG_DEAL, err);
  if (rc == SG_OK) rc = check_rates(n, rates, SG_BACKSOLVE_ARG_RATES, err);
  if (rc != SG_OK) return rc;

  double wins = target / avg_deal;
  counts[n] = whole ? sg_ceil_count(wins) : wins;
  for (size_t k = n; k-- > 0;) {
    double needed = counts[k + 1] / rates[k];
    counts[k] = whole ? sg_ceil_count(needed) : needed;
    if (!isfinite(counts[k]))
      return sg_fail(err, SG_EOVERFLOW, SG_BACKSOLVE_ARG_TARGET, -1, target, 0,
                     "the required counts overflow");
  }
  return sg_ok(err);
}

int sg_funnel_schedule(size_t n, const double *stage_days, double deadline, double *dates,
                       sg_error *err) {
  long day;
  int rc = sg_date_check(deadline, SG_BACKSOLVE_ARG_DEADLINE, &day, err);
  if (rc == SG_OK)
    rc = sg_check_nonneg(stage_days, n, SG_BACKSOLVE_ARG_STAGE_DAYS, 0, "stage durations", err);
  if (rc != SG_OK) return rc;
  dates[n] = deadline;
  for (size_t k = n; k-- > 0;) {
    dates[k] = dates[k + 1] - stage_days[k];
    /* Every stage start must be a date too, not -1e308 or -inf. */
    if (!(floor(dates[k]) >= (double)SG_DATE_MIN))
      return sg_fail(err, SG_EDATE, SG_BACKSOLVE_ARG_STAGE_DAYS, (long)k, dates[k], 0,
                     "stage %zu would have to start before 0001-01-01", k + 1);
  }
  return sg_ok(err);
}

int sg_funnel_forecast(size_t n, const double *counts, const double *rates, double avg_deal,
                       double *revenue, sg_error *err) {
  int rc = check_avg_deal(avg_deal, SG_FORECAST_ARG_AVG_DEAL, err);
  if (rc == SG_OK) rc = check_rates(n, rates, SG_FORECAST_ARG_RATES, err);
  if (rc == SG_OK) rc = sg_check_nonneg(counts, n, SG_FORECAST_ARG_COUNTS, 0, "counts", err);
  if (rc != SG_OK) return rc;
  /* Walk bottom-up so each stage's win probability is one multiplication. */
  double expected_wins = 0.0, win_probability = 1.0;
  for (size_t k = n; k-- > 0;) {
    win_probability *= rates[k];
    expected_wins += counts[k] * win_probability;
  }
  *revenue = expected_wins * avg_deal;
  if (!isfinite(*revenue))
    return sg_fail(err, SG_EOVERFLOW, SG_FORECAST_ARG_COUNTS, -1, expected_wins, avg_deal,
                   "the forecast revenue overflows");
  return sg_ok(err);
}
