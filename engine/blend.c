/* blend.c — sg_blend: mix two weight vectors as shares. */
#include "internal.h"

#include <math.h>

static const char *const blend_arg_names[] = {"weights1", "weights2", "mix"};

/* Validate one side; its shares are (w[i] / *scale) / *sum. The scale is 1
 * unless the plain sum overflows, then it is the largest weight: shares do
 * not change when every weight is divided by the same number. */
static int check_weights(size_t n, const double *w, int arg, double *sum,
                         double *scale, sg_error *err) {
  int rc = sg_check_nonneg(w, n, arg, 0, blend_arg_names[arg], err);
  if (rc != SG_OK) return rc;
  double s = 0, m = 0;
  for (size_t i = 0; i < n; i++) {
    s += w[i];
    if (w[i] > m) m = w[i];
  }
  *scale = 1;
  if (isinf(s)) {
    *scale = m;
    s = 0;
    for (size_t i = 0; i < n; i++) s += w[i] / m;
  }
  *sum = s;
  return SG_OK;
}

int sg_blend(size_t n, const double *w1, const double *w2, double mix,
             double *out, sg_error *err) {
  if (n == 0 || !w1 || !w2 || !out)
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0,
                   "blend needs two weight lists of at least one item");
  if (!(mix >= 0 && mix <= 1)) /* also rejects NaN */
    return sg_fail(err, SG_ERANGE, SG_BLEND_ARG_MIX, -1, mix, 0,
                   "mix (%g) must be a number from 0 to 1", mix);
  double sum1, scale1, sum2, scale2;
  int rc = check_weights(n, w1, SG_BLEND_ARG_WEIGHTS1, &sum1, &scale1, err);
  if (rc != SG_OK) return rc;
  rc = check_weights(n, w2, SG_BLEND_ARG_WEIGHTS2, &sum2, &scale2, err);
  if (rc != SG_OK) return rc;
  /* A side that gets no say (mix 0 for weights1, mix 1 for weights2) may
   * be all zero: it is never divided by. */
  if (sum1 == 0 && mix != 0)
    return sg_fail(err, SG_EZEROSUM, SG_BLEND_ARG_WEIGHTS1, -1, 0, mix,
                   "weights1 add up to 0, so they have no shares to blend");
  if (sum2 == 0 && mix != 1)
    return sg_fail(err, SG_EZEROSUM, SG_BLEND_ARG_WEIGHTS2, -1, 0, mix,
                   "weights2 add up to 0, so they have no shares to blend");
  for (size_t i = 0; i < n; i++) {
    double a = mix != 0 ? mix * (w1[i] / scale1 / sum1) : 0;
    double b = mix != 1 ? (1 - mix) * (w2[i] / scale2 / sum2) : 0;
    out[i] = a + b;
  }
  return sg_ok(err);
}
