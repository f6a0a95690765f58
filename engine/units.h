/*
 * units.h — whole unit steps, the one copy shared by split.c, split2d.c and
 * cascade.c (private to the engine, like internal.h).
 *
 * A short decimal unit (100, 0.01, 0.25) is U / 10^d with integer U, so
 * step counts and the final k * U / 10^d are exact integer arithmetic plus
 * one correctly rounded division: 14286 steps of 0.01 give the double
 * nearest 142.86. The conversions are inline: sg_split calls them a few
 * times per item.
 */
#ifndef SG_UNITS_H
#define SG_UNITS_H

#include <math.h>
#include <stdint.h>

#define SGD_TWO52 4503599627370496.0
#define SGD_TWO53 9007199254740992.0

typedef struct sgd_unit {
  double unit;
  int decimal;  /* 1 when unit == U / 10^d */
  double pow10; /* 10^d, exact in a double for d <= 9 */
  int64_t u;    /* U (at most 2^53, so exact as a double) */
  double du;    /* U as a double */
} sgd_unit;

void sgd_unit_init(sgd_unit *us, double unit);

/* How far x may sit from an integer and still count as one: a few dozen
 * ulps absorb decimal-to-binary error and spreadsheet sums, yet a genuine
 * fraction of a hundredth of a step never passes. */
static inline double sgd_int_tol(double x) {
  double t = fabs(x) * 0x1p-46; /* fabs: one instruction, where x < 0 ? -x : x is five */
  if (t < 1e-9) t = 1e-9;
  if (t > 1e-2) t = 1e-2;
  return t;
}

/* v as whole steps: SG_OK, SG_ENOTMULTIPLE or SG_ETOOLARGE (over 2^52). */
int sgd_to_steps(const sgd_unit *us, double v, int64_t *steps);

/* v in steps, not rounded. (x / 1 is x: the division is skipped for U = 1,
 * the common 1, 0.01, 0.1.) */
static inline double sgd_raw_steps(const sgd_unit *us, double v) {
  if (!us->decimal) return v / us->unit;
  double x = v * us->pow10;
  return us->u == 1 ? x : x / us->du;
}

static inline double sgd_from_steps(const sgd_unit *us, double k) {
  return us->decimal ? (k * us->du) / us->pow10 : k * us->unit;
}

#endif /* SG_UNITS_H */
