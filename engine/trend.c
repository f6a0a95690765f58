/* trend.c — least-squares line through snapshots, pure math (no store). */
#include "internal.h"

#include <math.h>

int sg_trend(size_t n, const double *x, const double *y, double at, double *forecast,
             double *slope, double *intercept, sg_error *err) {
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(x[i]))
      return sg_fail(err, SG_ENONFINITE, -1, (long)i, x[i], 0, "date %zu is not a finite number",
                     i + 1);
    if (!isfinite(y[i]))
      return sg_fail(err, SG_ENONFINITE, -1, (long)i, y[i], 0, "value %zu is not a finite number",
                     i + 1);
  }
  if (!isfinite(at))
    return sg_fail(err, SG_ENONFINITE, -1, -1, at, 0, "the forecast date is not a finite number");

  /* Two passes around the means: sums of x*x at x ~ 45,000 would cancel
   * catastrophically in the one-pass n*Sxx - Sx*Sx form. */
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  if (n > 0) {
    mx /= (double)n;
    my /= (double)n;
  }
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; i++) {
    double dx = x[i] - mx;
    sxx += dx * dx;
    sxy += dx * (y[i] - my);
  }
  if (n < 2 || !(sxx > 0)) {
    /* Report how many distinct dates there were (0, 1) for the message. */
    double distinct = n == 0 ? 0 : 1;
    return sg_fail(err, SG_ETOOFEW, -1, -1, distinct, 2,
                   "a trend needs at least 2 points with different dates, found %g", distinct);
  }
  double b = sxy / sxx;
  double f = my + b * (at - mx);
  if (!isfinite(f) || !isfinite(b))
    return sg_fail(err, SG_ERANGE, -1, -1, f, 0, "the trend overflows at this date");
  if (forecast) *forecast = f;
  if (slope) *slope = b;
  if (intercept) *intercept = my - b * mx;
  return sg_ok(err);
}
