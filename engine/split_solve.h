/*
 * split_solve.h — private to sg_split (split.c, split_round.c,
 * split_solve.c): the water level search over free items, and the state
 * the split's passes share.
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
 * sum at infinity. act's weights are first multiplied by wscale (a power of
 * 2; 1 for none: done in the first pass, which reads them anyway); then
 * act (w > 0 each) is reordered and overwritten; bp is scratch for the
 * breakpoints (up to 2 * m doubles, only when Newton steps stall); lam0 is
 * the first guess. SG_OK or SG_ENOMEM. */
int sg_solve_lambda(sg_fill *act, size_t m, double wscale, sg_water decided, double target,
                    double lam0, sg_scratch *bp, double *lambda);

/* The same equation solved in long double, whose exponent range holds
 * lambda * w for any ratio of double weights (the double search can
 * overflow lambda or lose a weight to underflow when weights differ by
 * ~1e300). f[k] holds item k's bounds, weights[k] > 0 its weight as the
 * planner gave it; shares[k] receives its share. SG_OK or SG_ENOMEM. */
int sg_solve_shares_wide(const sg_fill *f, const double *weights, size_t m, double fixed0,
                         double target, double *shares);

/* ------------------------------------------------ sg_split's state
 * (split.c: validation, the water level; split_round.c: results) */

#include "salesgoal.h"
#include "units.h"

#include <math.h>
#include <stdint.h>

/* Remainders are compared after rounding to multiples of 1e-9 of a step, so
 * that two shares equal up to floating-point noise count as a tie and the
 * documented tie-break (weight, then position) decides, not the noise. */
#define REMAINDER_QUANTUM 1e9

/* Remainder keys lie in [0, 1e9] < 2^30; their top bits pick a bucket: up
 * to 10 of them, fewer for small splits (about one bucket an item), so a
 * split of a few items does not clear a thousand counters. */
#define HIST_KEY_BITS 30
#define HIST_MAX_BITS 10
#define HIST_BUCKETS (1u << HIST_MAX_BITS)

struct sg_split_ctx {
  sg_scratch work;  /* sg_fill: items the water level search must look at */
  sg_scratch bp;    /* the search's breakpoints */
  sg_scratch ranks; /* sg_rank_item: leftover-step candidates in the boundary bucket */
  sg_scratch steps; /* plug case: each item's step count before the plug */
  size_t hist[HIST_BUCKETS];
};

/* The per-item helpers of the hot loops must be inlined, or each item pays
 * for a call and the loop's totals leave the registers. */
#if defined(__GNUC__)
#define SPLIT_INLINE static inline __attribute__((always_inline))
#else
#define SPLIT_INLINE static inline
#endif

/* nearbyint(x) for 0 <= x < 2^52 without a libm call: adding and removing
 * 2^52 rounds to an integer in the current (nearest) mode. */
static inline double round_small(double x) { return (x + 0x1p52) - 0x1p52; }

/* floor(x), except +0 for -0: on [0, 2^52) a truncating conversion is
 * floor, exact and branch-free (a compare-and-adjust mispredicts on every
 * other share). */
SPLIT_INLINE double floor_share(double q) {
  if (q >= 0 && q < 0x1p52) return (double)(int64_t)q;
  return floor(q);
}

/* floor_share(q) for q >= 0 (not NaN): one compare fewer. */
SPLIT_INLINE double floor_nonneg(double q) {
  if (q < 0x1p52) return (double)(int64_t)q;
  return floor(q);
}

/* ceil(x) + 0.0 (so never -0), branch-free on (-1, 2^52). */
SPLIT_INLINE double ceil_steps(double x) {
  if (x > -1 && x < 0x1p52) {
    int64_t k = (int64_t)x; /* toward zero: 0 on (-1, 0] */
    k += (double)k < x;
    return (double)k;
  }
  return ceil(x) + 0.0;
}

/* Unit mode: a floor and a cap in whole steps, rounded inward with a
 * tolerance so that 300/100 counts as 3 steps, not 2.9999...; a cap too big
 * to bind is no cap. Never -0. */
SPLIT_INLINE double unit_floor_steps(const sgd_unit *us, double fl) {
  if (fl == 0) return 0;
  double a = sgd_raw_steps(us, fl);
  return ceil_steps(a - sgd_int_tol(a));
}
SPLIT_INLINE double unit_cap_steps(const sgd_unit *us, double cap) {
  if (cap == INFINITY) return INFINITY;
  double b = sgd_raw_steps(us, cap);
  return b > SGD_TWO53 ? INFINITY : floor_share(b + sgd_int_tol(b));
}

/* The last floor and cap other than 0 and +INFINITY converted to steps,
 * and what they gave: a column of floors or caps mostly repeats a few
 * values, blanks included, so each pass converts a value only when it
 * differs from the last one. */
typedef struct step_memo {
  double fl, lo, cap, hi;
} step_memo;

#define STEP_MEMO_INIT {0, 0, INFINITY, INFINITY}

SPLIT_INLINE double memo_floor_steps(step_memo *m, const sgd_unit *us, double fl) {
  if (fl <= 0) return 0; /* fl >= 0: validated */
  if (fl != m->fl) m->fl = fl, m->lo = unit_floor_steps(us, fl);
  return m->lo;
}
SPLIT_INLINE double memo_cap_steps(step_memo *m, const sgd_unit *us, double cap) {
  if (!(cap < INFINITY)) return INFINITY; /* NaN: validation fails it anyway */
  if (cap != m->cap) m->cap = cap, m->hi = unit_cap_steps(us, cap);
  return m->hi;
}

/* ------------------------------------------------------------ items */

typedef struct split_state {
  const sg_split_input *in;
  sg_error *err;
  sg_split_ctx *ctx;
  int unit_mode;
  sgd_unit us;
  size_t nfree;
  sg_ksum locked_sum;
  int64_t total_steps;  /* unit mode: whole steps at or below the total */
  int64_t locked_steps; /* unit mode: whole steps at or below each lock, summed */
  int total_exact;      /* unit mode: the total is a multiple of the unit */
  int locks_exact;      /* unit mode: every lock is a multiple of the unit */
  int even;             /* every free weight is 0: split evenly */
  double max_w;         /* the largest free weight */
  sg_ksum sum_lo, sum_most; /* floors; caps of weighted items (floors of the rest) */
  double steps_lo, steps_most; /* unit mode: the same in plain sums of whole steps */
  /* Only ratios of weights matter: the solver sees w * 2^-wexp, exact, so
   * ties and order survive while lambda stays clear of overflow. */
  int wexp, wmul; /* wmul: 2^-wexp is a double, so a multiplication does it */
  double wscale;
  /* What validation has sorted for the water level search, with the
   * weights as given (find_lambda scales them): */
  sg_fill *act;                 /* items whose floor or cap can bind */
  size_t nact, nzero_cap;       /* how many; weighted items capped at 0 */
  sg_ksum zero_lo;              /* floors of zero weights */
  double raw_w;                 /* the weights, added up */
  sg_ksum raw_free_w;           /* weights of items with no floor or cap */
  double min_w;                 /* the smallest positive weight */
  int hist_shift;       /* key >> hist_shift is the bucket */
  size_t nbuckets;
  double lam;           /* the water level */
  const double *shares; /* per item when the long double search found them */
} split_state;

static inline int is_locked(const sg_split_input *in, size_t i) {
  return in->locked && !isnan(in->locked[i]);
}

/* Item i's floor and cap in solver space (see unit_floor_steps). */
static inline void item_bounds(const split_state *st, size_t i, double *lo, double *hi) {
  const sg_split_input *in = st->in;
  double fl = in->floors ? in->floors[i] : 0;
  double cap = in->caps ? in->caps[i] : INFINITY;
  if (!st->unit_mode) {
    *lo = fl + 0.0; /* a -0 floor would come back as "-0" */
    *hi = cap;
    return;
  }
  *lo = unit_floor_steps(&st->us, fl);
  *hi = unit_cap_steps(&st->us, cap);
}

/* The weight as given (scaled weights may have underflowed to 0), or 1 for
 * every item when all free weights are 0 (split evenly). */
static inline double given_weight(const split_state *st, size_t i) {
  return st->even ? 1 : st->in->weights[i];
}

/* The weight the solver sees. */
static inline double solver_weight(const split_state *st, size_t i) {
  if (st->even) return 1;
  double w = st->in->weights[i];
  return st->wmul ? w * st->wscale : ldexp(w, -st->wexp);
}

/* Item i's share before rounding, with its bounds. */
static inline double item_share(const split_state *st, size_t i, double *lo, double *hi) {
  item_bounds(st, i, lo, hi);
  if (st->shares) return st->shares[i];
  return sg_fill_share(solver_weight(st, i), *lo, *hi, st->lam);
}

/* What the shares pass learns for rounding. */
typedef struct share_stats {
  double base_sum; /* whole steps below the shares */
  size_t ncand;    /* items that can take one more step */
} share_stats;

/* What the free items must add up to, as a compensated sum: total minus
 * the locks. */
static inline sg_ksum free_remainder(const split_state *st) {
  sg_ksum k = {-st->locked_sum.s, -st->locked_sum.c};
  sg_ksum_add(&k, st->in->total);
  return k;
}

/* split_round.c. check_shares: 1 when the shares can be rounded, 0 when
 * not (try long double), -1 when out of memory. */
int sg_split_check_shares(split_state *st, double rest, share_stats *ss);
void sg_split_write_exact(const split_state *st, double *out);
int sg_split_write_units(split_state *st, const share_stats *ss, int64_t r_steps, int plug,
                         double *out);

#endif /* SG_SPLIT_SOLVE_H */
