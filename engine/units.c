/* units.c — whole unit steps for split2d.c and cascade.c (see decompose.h). */
#include "decompose.h"

#include <math.h>

#define TWO52 4503599627370496.0
#define TWO53 9007199254740992.0

double sgd_int_tol(double x) {
  double t = fabs(x) * 0x1p-46;
  if (t < 1e-9) t = 1e-9;
  if (t > 1e-2) t = 1e-2;
  return t;
}

void sgd_unit_init(sgd_unit *us, double unit) {
  us->unit = unit;
  us->decimal = 0;
  us->pow10 = 1;
  us->u = 0;
  double p = 1;
  for (int d = 0; d <= 9; d++, p *= 10) {
    double x = unit * p;
    if (x > TWO53) break;
    double r = nearbyint(x);
    if (r >= 1 && fabs(x - r) <= sgd_int_tol(x)) {
      us->decimal = 1;
      us->pow10 = p;
      us->u = (int64_t)r;
      return;
    }
  }
}

double sgd_raw_steps(const sgd_unit *us, double v) {
  return us->decimal ? v * us->pow10 / (double)us->u : v / us->unit;
}

int sgd_to_steps(const sgd_unit *us, double v, int64_t *steps) {
  if (us->decimal) {
    double x = v * us->pow10;
    if (!(fabs(x) <= TWO53)) return SG_ETOOLARGE;
    double r = nearbyint(x);
    if (fabs(x - r) > sgd_int_tol(x)) return SG_ENOTMULTIPLE;
    int64_t scaled = (int64_t)r;
    if (scaled % us->u != 0) return SG_ENOTMULTIPLE;
    *steps = scaled / us->u;
  } else {
    double x = v / us->unit;
    if (!(fabs(x) <= TWO52)) return SG_ETOOLARGE;
    double r = nearbyint(x);
    if (fabs(x - r) > sgd_int_tol(x)) return SG_ENOTMULTIPLE;
    *steps = (int64_t)r;
  }
  if (*steps > (int64_t)TWO52 || *steps < -(int64_t)TWO52) return SG_ETOOLARGE;
  return SG_OK;
}

double sgd_from_steps(const sgd_unit *us, double k) {
  return us->decimal ? (k * (double)us->u) / us->pow10 : k * us->unit;
}
