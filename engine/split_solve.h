/*
 * split_solve.h — private to sg_split (split.c, split_solve.c): the water
 * level search over free items.
 */
#ifndef SG_SPLIT_SOLVE_H
#define SG_SPLIT_SOLVE_H

#include "internal.h"

#include <stddef.h>

/* A free item in solver space: weight, floor and cap. lo <= hi; hi may be
 * +INFINITY. Only values: which item it is does not matter to the search. */
typedef struct sg_fill {
  double w, lo, hi;
} sg_fill;

/* The item's share at water level lam. Zero weights sit at their floor. */
static inline double sg_fill_share(double w, double lo, double hi, double lam) {
  if (w == 0) return lo;
  double q = lam * w;
  if (q <= lo) return lo;
  if (q >= hi) return hi;
  return q;
}

/* What the caller has already decided for every lambda > 0: the sum of
 * the values of items that never move (zero weights at their floor, caps
 * of 0) and of the weights of items that are always free (floor 0, no cap). */
typedef struct sg_water {
  sg_ksum fixed, free_w;
  size_t nlow, nhigh;
} sg_water;

/* A scratch buffer that a context keeps from call to call: it grows to the
 * largest size asked for and its contents do not survive a grow. */
typedef struct sg_scratch {
  void *p;
  size_t bytes;
} sg_scratch;

/* At least `bytes` of scratch (NULL when out of memory, or when count *
 * size overflows). */
void *sg_scratch_get(sg_scratch *s, size_t count, size_t size);

/* Find lambda with decided.fixed + decided.free_w * lambda + the sum of
 * sg_fill_share over act[0..m) == target, given the sum at 0 < target < the
 * sum at infinity. act (w > 0 each) is reordered and overwritten; bp is
 * scratch for the breakpoints (up to 2 * m doubles, only when Newton steps
 * stall); lam0 is the first guess. SG_OK or SG_ENOMEM. */
int sg_solve_lambda(sg_fill *act, size_t m, sg_water decided, double target, double lam0,
                    sg_scratch *bp, double *lambda);

/* The same equation solved in long double, whose exponent range holds
 * lambda * w for any ratio of double weights (the double search can
 * overflow lambda or lose a weight to underflow when weights differ by
 * ~1e300). f[k] holds item k's bounds, weights[k] > 0 its weight as the
 * planner gave it; shares[k] receives its share. SG_OK or SG_ENOMEM. */
int sg_solve_shares_wide(const sg_fill *f, const double *weights, size_t m, double fixed0,
                         double target, double *shares);

#endif /* SG_SPLIT_SOLVE_H */
