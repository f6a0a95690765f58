/* periods.c — a total over calendar periods (day, ISO week, month, fiscal
 * quarter), weighted by seasonality and working days. The rounding is
 * sg_split's: one largest-remainder implementation for the whole engine. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>

int sg_check_span(double start, double end, int arg_start, int arg_end, long *first, long *last,
                  sg_error *err) {
  int rc = sg_date_check(start, arg_start, first, err);
  if (rc == SG_OK) rc = sg_date_check(end, arg_end, last, err);
  if (rc != SG_OK) return rc;
  if (*last < *first)
    return sg_fail(err, SG_EDATEORDER, arg_end, -1, start, end,
                   "end %.10g is before start %.10g", end, start);
  return SG_OK;
}

int sg_month_weights(const double *season, int arg, double w[12], sg_error *err) {
  int rc = sg_check_nonneg(season, 12, arg, 0, "monthly weights", err);
  if (rc != SG_OK) return rc;
  double max = 0;
  for (int m = 0; m < 12; m++)
    if (season[m] > max) max = season[m];
  if (max == 0) return sg_fail(err, SG_EZEROSUM, arg, -1, 0, 0, "the 12 monthly weights are all 0");
  for (int m = 0; m < 12; m++) w[m] = season[m] / max;
  return SG_OK;
}

double sg_season_weight(long first, long last, const double w[12], const sg_workweek *ww) {
  double total = 0;
  for (long s = first; s <= last;) {
    sg_date d = sg_date_civil(s);
    long month_first = s - (d.day - 1);
    long month_last = month_first + sg_month_days(d.year, d.month) - 1;
    long e = month_last < last ? month_last : last;
    double wm = w[d.month - 1];
    if (wm > 0) {
      long all = sg_working_days(month_first, month_last, ww);
      /* Whole month: all / all is exactly 1, so aligned months get exactly w. */
      if (all > 0) total += wm * (double)sg_working_days(s, e, ww) / (double)all;
    }
    s = e + 1;
  }
  return total;
}

static int check_grain(sg_grain grain, int fiscal_start_month, sg_error *err) {
  if (grain != SG_GRAIN_DAY && grain != SG_GRAIN_WEEK && grain != SG_GRAIN_MONTH &&
      grain != SG_GRAIN_QUARTER)
    return sg_fail(err, SG_EINVAL, SG_PERIODS_ARG_GRAIN, -1, (double)grain, 0, "unknown grain %d",
                   (int)grain);
  if (fiscal_start_month < 1 || fiscal_start_month > 12)
    return sg_fail(err, SG_ERANGE, SG_PERIODS_ARG_FISCAL, -1, fiscal_start_month, 0,
                   "fiscal start month %d is not between 1 and 12", fiscal_start_month);
  return SG_OK;
}

int sg_periods_count(double start, double end, sg_grain grain, int fiscal_start_month, size_t *n,
                     sg_error *err) {
  long a, b;
  int rc = sg_check_span(start, end, SG_PERIODS_ARG_START, SG_PERIODS_ARG_END, &a, &b, err);
  if (rc == SG_OK) rc = check_grain(grain, fiscal_start_month, err);
  if (rc != SG_OK) return rc;
  long count;
  switch (grain) {
  case SG_GRAIN_DAY: count = b - a + 1; break;
  case SG_GRAIN_WEEK: count = (sg_week_start(b) - sg_week_start(a)) / 7 + 1; break;
  case SG_GRAIN_QUARTER:
    count = (sg_month_index(sg_quarter_start(b, fiscal_start_month)) -
             sg_month_index(sg_quarter_start(a, fiscal_start_month))) / 3 + 1;
    break;
  case SG_GRAIN_MONTH:
  default: count = sg_month_index(b) - sg_month_index(a) + 1; break;
  }
  if (count > SG_PERIODS_MAX)
    return sg_fail(err, SG_ETOOMANY, SG_PERIODS_ARG_GRAIN, -1, (double)count, SG_PERIODS_MAX,
                   "%ld periods, more than the %d one result can hold", count, SG_PERIODS_MAX);
  *n = (size_t)count;
  return sg_ok(err);
}

int sg_periods_per_period(const sg_periods_input *in, size_t n) {
  if (!in->seasonality) return 0;
  if (in->nseasonality == 12 && (in->grain == SG_GRAIN_MONTH || n != 12)) return 0;
  return 1;
}

/* sg_split's argument positions are SG_SPLIT's; name ours instead. */
static int remap_split_error(int rc, int per_period, sg_error *err) {
  if (!err) return rc;
  if (err->arg == SG_SPLIT_ARG_UNIT) {
    err->arg = SG_PERIODS_ARG_UNIT;
  } else if (err->arg == SG_SPLIT_ARG_WEIGHTS) {
    err->arg = SG_PERIODS_ARG_SEASONALITY;
    if (!per_period) err->index = -1; /* an index into periods, not months */
  } else if (err->arg != SG_SPLIT_ARG_TOTAL) {
    err->arg = -1;
  }
  return rc;
}

int sg_periods(const sg_periods_input *in, size_t n, double *starts, double *amounts,
               sg_error *err) {
  size_t count = 0;
  int rc = sg_periods_count(in->start, in->end, in->grain, in->fiscal_start_month, &count, err);
  if (rc != SG_OK) return rc;
  if (count != n)
    return sg_fail(err, SG_ECOUNT, -1, -1, (double)n, (double)count,
                   "room for %zu periods but start..end has %zu", n, count);
  int per_period = sg_periods_per_period(in, n);
  double w[12];
  if (in->seasonality && per_period) {
    if (in->nseasonality != n)
      return sg_fail(err, SG_ECOUNT, SG_PERIODS_ARG_SEASONALITY, -1, (double)in->nseasonality,
                     (double)n, "%zu seasonality weights for %zu periods (or give 12 monthly ones)",
                     in->nseasonality, n);
    rc = sg_check_nonneg(in->seasonality, n, SG_PERIODS_ARG_SEASONALITY, 0, "seasonality", err);
    if (rc != SG_OK) return rc;
  } else if (in->seasonality) {
    rc = sg_month_weights(in->seasonality, SG_PERIODS_ARG_SEASONALITY, w, err);
    if (rc != SG_OK) return rc;
  }

  double *weights = malloc(n * sizeof *weights);
  if (!weights) return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory for %zu periods", n);
  long a = (long)floor(in->start), b = (long)floor(in->end);
  long p = sg_period_start(a, in->grain, in->fiscal_start_month);
  int any = 0;
  for (size_t i = 0; i < n; i++) {
    long next = sg_period_next(p, in->grain, in->fiscal_start_month);
    long s = p > a ? p : a, e = next - 1 < b ? next - 1 : b; /* clip to start..end */
    if (per_period) weights[i] = in->seasonality[i];
    else if (in->seasonality) weights[i] = sg_season_weight(s, e, w, in->workweek);
    else weights[i] = (double)sg_working_days(s, e, in->workweek);
    any |= weights[i] > 0;
    starts[i] = (double)s;
    p = next;
  }
  if (!any) {
    free(weights);
    /* sg_split would split evenly; for a calendar that would hide a
     * seasonality or holiday list that leaves nothing to plan on. */
    int arg = in->seasonality ? SG_PERIODS_ARG_SEASONALITY
              : in->workweek  ? SG_PERIODS_ARG_HOLIDAYS
                              : -1;
    return sg_fail(err, SG_ENODAYS, arg, -1, in->start, in->end,
                   "no day between start and end carries any weight");
  }
  sg_split_input split = {.n = n, .total = in->total, .weights = weights, .unit = in->unit};
  rc = sg_split(&split, amounts, err);
  free(weights);
  return remap_split_error(rc, per_period, err);
}
