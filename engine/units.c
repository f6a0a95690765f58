/* units.c — whole unit steps for split.c, split2d.c and cascade.c (see units.h). */
#include "internal.h"
#include "units.h"

#include <math.h>

void sgd_unit_init(sgd_unit *us, double unit) {
  us->unit = unit;
  us->decimal = 0;
  us->pow10 = 1;
  us->u = 0;
  us->du = 0;
  double p = 1;
  for (int d = 0; d <= 9; d++, p *= 10) {
    double x = unit * p;
    if (x > SGD_TWO53) break;
    double r = nearbyint(x);
    /* A tolerance relative to x (1e-9 * x) would accept 1/3 at d = 9, where
     * it is 0.33 away from an integer, so allow only rounding noise. */
    if (r >= 1 && fabs(x - r) <= sgd_int_tol(x)) {
      us->decimal = 1;
      us->pow10 = p;
      us->u = (int64_t)r;
      us->du = r;
      return;
    }
  }
}

int sgd_to_steps(const sgd_unit *us, double v, int64_t *steps) {
  if (us->decimal) {
    double x = v * us->pow10;
    if (!(fabs(x) <= SGD_TWO53)) return SG_ETOOLARGE;
    double r = nearbyint(x);
    if (fabs(x - r) > sgd_int_tol(x)) return SG_ENOTMULTIPLE;
    int64_t scaled = (int64_t)r;
    if (scaled % us->u != 0) return SG_ENOTMULTIPLE;
    *steps = scaled / us->u;
  } else {
    double x = v / us->unit;
    if (!(fabs(x) <= SGD_TWO52)) return SG_ETOOLARGE;
    double r = nearbyint(x);
    if (fabs(x - r) > sgd_int_tol(x)) return SG_ENOTMULTIPLE;
    *steps = (int64_t)r;
  }
  if (*steps > (int64_t)SGD_TWO52 || *steps < -(int64_t)SGD_TWO52) return SG_ETOOLARGE;
  return SG_OK;
}
