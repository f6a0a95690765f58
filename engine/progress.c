/* progress.c — a new hire's ramped target and pacing of actual against
 * target, on the calendar of calendar.c. */
#include "internal.h"

#include <limits.h>
#include <math.h>

int sg_ramp(double quota, double hire, double start, double end, const double *ramp, size_t nramp,
            double *target, sg_error *err) {
  long h, a, b;
  int rc = sg_check_nonneg(&quota, 1, SG_RAMP_ARG_QUOTA, -1, "quota", err);
  if (rc == SG_OK) rc = sg_date_check(hire, SG_RAMP_ARG_HIRE, &h, err);
  if (rc == SG_OK) rc = sg_check_span(start, end, SG_RAMP_ARG_START, SG_RAMP_ARG_END, &a, &b, err);
  if (rc != SG_OK) return rc;
  rc = sg_check_nonneg(ramp, nramp, SG_RAMP_ARG_RAMP, 0, "ramp factors", err);
  if (rc != SG_OK) return rc;
  long first = h > a ? h : a;
  /* "Day-units": employed days in the period, each scaled by its ramp
   * factor; the target is quota x day-units / days, multiplied first so
   * whole numbers stay whole. */
  double units = 0;
  if (first <= b) {
    /* Tenure month k (0-based) runs from sg_add_months(h, k) to the day
     * before sg_add_months(h, k + 1), always counted from the hire date so
     * that a clamped Feb 28 does not drag later months to the 28th. Start
     * one month early of the month count and step forward. */
    long k = sg_month_index(first) - sg_month_index(h) - 1;
    if (k < 0) k = 0;
    while (sg_add_months(h, (int)(k + 1)) <= first) k++;
    for (;; k++) {
      long ms = sg_add_months(h, (int)k), me = sg_add_months(h, (int)(k + 1)) - 1;
      long s = ms > first ? ms : first;
      if (s > b) break;
      if ((size_t)k >= nramp) { /* ramp over: the rest counts in full */
        units += (double)(b - s + 1);
        break;
      }
      long e = me < b ? me : b;
      units += (double)(e - s + 1) * ramp[k];
    }
  }
  double days = (double)(b - a + 1);
  *target = quota * units / days;
  /* quota x units can overflow where the target itself would not. */
  if (!isfinite(*target) && isfinite(units)) *target = quota * (units / days);
  if (!isfinite(*target))
    return sg_fail(err, SG_EOVERFLOW, isfinite(units) ? SG_RAMP_ARG_QUOTA : SG_RAMP_ARG_RAMP, -1,
                   quota, units, "the ramped target overflows");
  return sg_ok(err);
}

static int w_positive(double w) { return w > 0; }

/* NaN marks a figure that does not exist; so does an overflow, which only
 * absurd inputs (|actual| near 1e300) reach. */
static double defined(double v) { return isfinite(v) ? v : NAN; }

static int check_rep(double target, double actual, double start, double end, double as_of,
                     long *a, long *b, long *t, sg_error *err) {
  int rc = sg_check_nonneg(&target, 1, SG_PROGRESS_ARG_TARGET, -1, "target", err);
  if (rc == SG_OK && !isfinite(actual)) /* actual may be negative (returns, clawbacks) */
    rc = sg_fail(err, SG_ENONFINITE, SG_PROGRESS_ARG_ACTUAL, -1, actual, 0,
                 "actual (%g) is not a finite number", actual);
  if (rc == SG_OK)
    rc = sg_check_span(start, end, SG_PROGRESS_ARG_START, SG_PROGRESS_ARG_END, a, b, err);
  if (rc == SG_OK) rc = sg_date_check(as_of, SG_PROGRESS_ARG_AS_OF, t, err);
  return rc;
}

int sg_progress_prepare(const double *season, sg_progress_season *ctx, sg_error *err) {
  ctx->seasonal = season != NULL;
  ctx->a = ctx->b = ctx->last = LONG_MIN; /* nothing cached yet */
  if (season) {
    int rc = sg_month_weights(season, SG_PROGRESS_ARG_SEASONALITY, ctx->w, err);
    if (rc != SG_OK) return rc;
  }
  return sg_ok(err);
}

/* One month's term of sg_season_weight: days s..e of the month starting
 * at month_first. The same operations, so the sums match it bit for bit. */
static double month_term(const double w[12], sg_date d, long month_first, long s, long e) {
  double wm = w[d.month - 1];
  if (!(wm > 0)) return 0;
  long all = sg_working_days(month_first, month_first + sg_month_days(d.year, d.month) - 1, NULL);
  return all > 0 ? wm * (double)sg_working_days(s, e, NULL) / (double)all : 0;
}

/* sg_season_weight(a, b) walked month by month as it does, keeping where
 * each month starts and the total before it (periods of up to
 * SG_PROGRESS_CACHED_MONTHS months; longer ones are not cached). */
static double season_months(sg_progress_season *ctx, long a, long b) {
  double total = 0;
  int k = 0;
  for (long s = a; s <= b; k++) {
    sg_date d = sg_date_civil(s);
    long month_first = s - (d.day - 1);
    long month_last = month_first + sg_month_days(d.year, d.month) - 1;
    long e = month_last < b ? month_last : b;
    if (k < SG_PROGRESS_CACHED_MONTHS) {
      ctx->month_start[k] = s;
      ctx->before[k] = total;
    }
    if (w_positive(ctx->w[d.month - 1])) total += month_term(ctx->w, d, month_first, s, e);
    s = e + 1;
  }
  ctx->nmonths = k <= SG_PROGRESS_CACHED_MONTHS ? k : 0;
  return total;
}

/* sg_season_weight(a, last) for a <= last <= b of the cached period. */
static double season_to(const sg_progress_season *ctx, long a, long last) {
  if (ctx->nmonths == 0) return sg_season_weight(a, last, ctx->w, NULL);
  int k = ctx->nmonths - 1;
  while (k > 0 && ctx->month_start[k] > last) k--;
  long s = ctx->month_start[k];
  sg_date d = sg_date_civil(s);
  long month_first = s - (d.day - 1);
  double total = ctx->before[k];
  if (w_positive(ctx->w[d.month - 1])) total += month_term(ctx->w, d, month_first, s, last);
  return total;
}

/* The figures for a checked rep. */
static int pace(sg_progress_season *ctx, double target, double actual, double start, double end,
                long a, long b, long t, double out[SG_PROGRESS_COUNT], sg_error *err) {
  long days = b - a + 1;
  long last = t < b ? t : b; /* as_of clamped to the period */
  long elapsed = last < a ? 0 : last - a + 1;
  long left = days - elapsed;
  /* The share elapsed as num / den, kept apart so whole numbers divide
   * last: 365,000 x 31 / 365 is exactly 31,000. */
  double num = (double)elapsed, den = (double)days;
  if (ctx->seasonal) {
    if (ctx->a != a || ctx->b != b) {
      ctx->den = season_months(ctx, a, b);
      ctx->a = a;
      ctx->b = b;
      ctx->last = LONG_MIN;
    }
    den = ctx->den;
    if (den <= 0)
      return sg_fail(err, SG_ENODAYS, SG_PROGRESS_ARG_SEASONALITY, -1, start, end,
                     "the seasonality gives no weight to any month between start and end");
    if (elapsed == 0) num = 0;
    else if (elapsed == days) num = den;
    else {
      if (ctx->last != last) {
        ctx->num = season_to(ctx, a, last);
        ctx->last = last;
      }
      num = ctx->num;
    }
  }
  double expected = num == den ? target : target * num / den;
  if (!isfinite(expected)) expected = target * (num / den); /* target x num overflowed */
  double gap = target - actual;
  out[SG_PROGRESS_ATTAINMENT] = target > 0 ? defined(actual / target) : NAN;
  out[SG_PROGRESS_EXPECTED] = expected;
  out[SG_PROGRESS_PACE] = expected > 0 ? defined(actual / expected) : NAN;
  out[SG_PROGRESS_GAP] = defined(gap);
  out[SG_PROGRESS_REQUIRED] = gap <= 0 ? 0 : left > 0 ? defined(gap / (double)left) : NAN;
  out[SG_PROGRESS_FORECAST] = num > 0 ? defined(num == den ? actual : actual * den / num) : NAN;
  return sg_ok(err);
}

int sg_progress_with(sg_progress_season *ctx, double target, double actual, double start,
                     double end, double as_of, double out[SG_PROGRESS_COUNT], sg_error *err) {
  long a, b, t;
  int rc = check_rep(target, actual, start, end, as_of, &a, &b, &t, err);
  if (rc != SG_OK) return rc;
  return pace(ctx, target, actual, start, end, a, b, t, out, err);
}

int sg_progress(double target, double actual, double start, double end, double as_of,
                const double *season, double out[SG_PROGRESS_COUNT], sg_error *err) {
  long a, b, t;
  sg_progress_season ctx;
  int rc = check_rep(target, actual, start, end, as_of, &a, &b, &t, err);
  if (rc == SG_OK) rc = sg_progress_prepare(season, &ctx, err);
  if (rc != SG_OK) return rc;
  return pace(&ctx, target, actual, start, end, a, b, t, out, err);
}
