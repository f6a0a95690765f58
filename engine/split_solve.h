/*
 * split_solve.h — private to sg_split (split.c, split_solve.c): the water
 * level search over free items.
 */
#ifndef SG_SPLIT_SOLVE_H
#define SG_SPLIT_SOLVE_H

#include <stddef.h>

/* A free item in solver space. lo <= hi; hi may be +INFINITY. */
typedef struct fill_item {
  double w, lo, hi;
  size_t pos; /* index into the caller's arrays */
} fill_item;

/* The item's share at water level lam. Zero weights sit at their floor. */
static inline double sg_fill_share(const fill_item *p, double lam) {
  if (p->w == 0) return p->lo;
  double q = lam * p->w;
  if (q <= p->lo) return p->lo;
  if (q >= p->hi) return p->hi;
  return q;
}

/* Find lambda with sum of sg_fill_share(items[act[k]], lambda) plus fixed0
 * == target, given the sum at 0 < target < the sum at infinity. act lists
 * the m items with w > 0 (reordered); fixed0 is the zero weights' floors.
 * SG_OK or SG_ENOMEM. */
int sg_solve_lambda(const fill_item *items, size_t *act, size_t m, double fixed0, double target,
                    double *lambda);

/* The same equation solved in long double, whose exponent range holds
 * lambda * w for any ratio of double weights (the double search can
 * overflow lambda or lose a weight to underflow when weights differ by
 * ~1e300). weights[k] is item act[k]'s weight as the planner gave it;
 * shares[k] receives its share. SG_OK or SG_ENOMEM. */
int sg_solve_shares_wide(const fill_item *items, const size_t *act, const double *weights,
                         size_t m, double fixed0, double target, double *shares);

#endif /* SG_SPLIT_SOLVE_H */
