/*
 * split_solve.c — the water level for sg_split: lambda with
 * sum clamp(lambda * w_i, floor_i, cap_i) == what is left to split. A fast
 * double search (Newton steps guarded by a bracket and median breakpoints,
 * O(n) expected), and a long double one for weights too far apart in size
 * for doubles.
 */
#include "internal.h"
#include "split_solve.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Safety net for the lambda search; in practice it takes a handful of
 * passes, and every pass shrinks the bracket. */
#define MAX_SOLVER_PASSES 2000

/* ------------------------------------------------------------ scratch */

void *sg_scratch_get(sg_scratch *s, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  size_t bytes = count * size;
  if (bytes <= s->bytes && s->p) return s->p;
  free(s->p);
  s->p = malloc(bytes ? bytes : 1);
  s->bytes = s->p ? bytes : 0;
  return s->p;
}

/* ------------------------------------------------------------ lambda */

/* The items the bracket (lo, hi) has not yet decided, plus running totals of
 * those it has: they are low (at floor), high (at cap) or free for every
 * lambda in the bracket, so later passes skip them. */
typedef struct solver {
  sg_fill *act;
  size_t m;
  sg_ksum fixed;   /* values of decided low/high items (and zero weights) */
  sg_ksum free_w;  /* weights of items decided free */
  size_t nlow, nhigh;
} solver;

typedef struct evaluation {
  double fixed, free_w;
  size_t nlow, nhigh;
} evaluation;

/* One pass: retire what the bracket decides, classify the rest at lam. lam
 * lies inside the bracket, so both agree; and fl(lam * w) is monotone in lam,
 * so the classification is too. Undecided items move to the front. */
static void solver_pass(solver *sv, double lam, double lo, double hi, double wscale,
                        evaluation *e) {
  /* Locals, not sv's fields: the stores to act would make the compiler
   * reload those after every item. */
  sg_ksum dfixed = sv->fixed, dfree_w = sv->free_w, fixed = {0, 0}, free_w = {0, 0};
  size_t dlow = sv->nlow, dhigh = sv->nhigh, nlow = 0, nhigh = 0, keep = 0;
  sg_fill *act = sv->act;
  /* The first pass, bracket (0, inf), decides nothing (each item's floor
   * or cap can bind: that is why it is here), so it only scales the
   * weights and classifies. */
  for (size_t k = 0; lo == 0 && hi == INFINITY && k < sv->m; k++) {
    sg_fill *p = &act[k];
    p->w *= wscale;
    double q = lam * p->w;
    if (q <= p->lo) {
      sg_ksum_add(&fixed, p->lo);
      nlow++;
    } else if (q >= p->hi) {
      sg_ksum_add(&fixed, p->hi);
      nhigh++;
    } else {
      sg_ksum_add(&free_w, p->w);
    }
    keep++;
  }
  for (size_t k = keep; k < sv->m; k++) {
    sg_fill p = act[k];
    double at_lo = lo * p.w, at_hi = hi * p.w;
    if (at_hi <= p.lo) {
      sg_ksum_add(&dfixed, p.lo);
      dlow++;
    } else if (at_lo >= p.hi) {
      sg_ksum_add(&dfixed, p.hi);
      dhigh++;
    } else if (at_lo >= p.lo && at_hi <= p.hi) {
      /* Equality is fine: at that end the bound and lam * w are the same
       * value, so the item follows lam * w across the whole bracket. */
      sg_ksum_add(&dfree_w, p.w);
    } else {
      act[keep++] = p;
      double q = lam * p.w;
      if (q <= p.lo) {
        sg_ksum_add(&fixed, p.lo);
        nlow++;
      } else if (q >= p.hi) {
        sg_ksum_add(&fixed, p.hi);
        nhigh++;
      } else {
        sg_ksum_add(&free_w, p.w);
      }
    }
  }
  sv->m = keep;
  sv->fixed = dfixed, sv->free_w = dfree_w, sv->nlow = dlow, sv->nhigh = dhigh;
  e->fixed = sg_ksum_value2(&sv->fixed, &fixed);
  e->free_w = sg_ksum_value2(&sv->free_w, &free_w);
  e->nlow = sv->nlow + nlow;
  e->nhigh = sv->nhigh + nhigh;
}

/* Median of the undecided items' breakpoints (floor/w, cap/w) strictly
 * inside the bracket: evaluating there at least halves them, which bounds
 * the search at O(n) even when Newton steps crawl. Returns 0 if none. */
static size_t collect_breakpoints(const solver *sv, double lo, double hi,
                                  double *bp) {
  size_t nb = 0;
  for (size_t k = 0; k < sv->m; k++) {
    const sg_fill *p = &sv->act[k];
    double a = p->lo / p->w, b = p->hi / p->w;
    if (a > lo && a < hi) bp[nb++] = a;
    if (b > lo && b < hi) bp[nb++] = b;
  }
  return nb;
}

/* f(lambda) = sum share_i(lambda) is nondecreasing and piecewise linear.
 * Newton steps from the current classification land exactly on the answer
 * once the classification is right; a bracket [lo, hi] guards them, and
 * when a step leaves it or makes too little progress, the median
 * breakpoint is tried. */
int sg_solve_lambda(sg_fill *act, size_t m, double wscale, sg_water decided, double target,
                    double lam0, sg_scratch *bps, double *lambda) {
  solver sv = {act, m, decided.fixed, decided.free_w, decided.nlow, decided.nhigh};
  double lo = 0, hi = INFINITY;
  double lam = lam0;
  int from_newton = 0;
  size_t prev_low = 0, prev_high = 0;
  for (int pass = 0; pass < MAX_SOLVER_PASSES; pass++) {
    size_t m_before = sv.m;
    evaluation e;
    solver_pass(&sv, lam, lo, hi, pass == 0 ? wscale : 1, &e);
    double f = e.fixed + lam * e.free_w;
    /* Same classification as the point the Newton step came from: f is
     * linear between them, so lam solves it (up to rounding). */
    if (f == target || (from_newton && e.nlow == prev_low && e.nhigh == prev_high))
      break;
    if (f < target) lo = lam;
    else hi = lam;
    int crawling = from_newton && pass >= 3 && sv.m * 10 > m_before * 9;
    double next = NAN;
    if (e.free_w > 0 && !crawling) next = (target - e.fixed) / e.free_w;
    if (next > lo && next < hi) {
      from_newton = 1;
      prev_low = e.nlow;
      prev_high = e.nhigh;
      lam = next;
      continue;
    }
    from_newton = 0;
    double *bp = sv.m > 0 ? sg_scratch_get(bps, 2 * sv.m, sizeof *bp) : NULL;
    if (sv.m > 0 && !bp) return SG_ENOMEM;
    size_t nb = bp ? collect_breakpoints(&sv, lo, hi, bp) : 0;
    if (nb > 0) {
      sg_select_double(bp, nb, nb / 2);
      lam = bp[nb / 2];
    } else {
      /* f is linear inside the bracket: step into it once so the next pass
       * sees the interior classification, then Newton finishes. */
      double mid = isinf(hi) ? 2 * lo + 1 : lo + (hi - lo) / 2;
      if (!(mid > lo && mid < hi)) break; /* bracket is two adjacent doubles */
      lam = mid;
    }
  }
  *lambda = lam;
  return SG_OK;
}


/* ------------------------------------------------------------ long double */

typedef long double wide;

static int cmp_wide(const void *a, const void *b) {
  wide x = *(const wide *)a, y = *(const wide *)b;
  return (x > y) - (x < y);
}

static wide wide_share(const sg_fill *p, wide w, wide lam) {
  wide q = lam * w;
  if (q <= p->lo) return p->lo;
  if (q >= p->hi) return p->hi;
  return q;
}

static wide wide_sum(const sg_fill *fills, const double *weights, size_t m, double fixed0,
                     wide lam) {
  wide f = fixed0;
  for (size_t k = 0; k < m; k++) f += wide_share(&fills[k], weights[k], lam);
  return f;
}

/* f is piecewise linear between the sorted breakpoints floor/w and cap/w:
 * a binary search over them finds the piece where f crosses target, and
 * on that piece f = fixed + lambda * free_w is solved directly. */
int sg_solve_shares_wide(const sg_fill *fills, const double *weights, size_t m, double fixed0,
                         double target, double *shares) {
  wide *bp = malloc((2 * m + 1) * sizeof *bp);
  if (!bp) return SG_ENOMEM;
  size_t nb = 0;
  for (size_t k = 0; k < m; k++) {
    const sg_fill *p = &fills[k];
    bp[nb++] = (wide)p->lo / weights[k];
    if (isfinite(p->hi)) bp[nb++] = (wide)p->hi / weights[k];
  }
  qsort(bp, nb, sizeof *bp, cmp_wide);
  size_t lo = 0, hi = nb;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (wide_sum(fills, weights, m, fixed0, bp[mid]) < target) lo = mid + 1;
    else hi = mid;
  }
  wide a = lo > 0 ? bp[lo - 1] : 0, b = lo < nb ? bp[lo] : (wide)INFINITY;
  free(bp);
  wide fixed = fixed0, free_w = 0;
  for (size_t k = 0; k < m; k++) {
    const sg_fill *p = &fills[k];
    wide w = weights[k];
    if ((wide)p->hi / w <= a) fixed += p->hi;      /* at its cap all along (a, b) */
    else if ((wide)p->lo / w >= b) fixed += p->lo; /* at its floor */
    else free_w += w;
  }
  wide lam = free_w > 0 ? (target - fixed) / free_w : (isinf(b) ? a : b);
  if (lam < a) lam = a;
  if (lam > b) lam = b;
  for (size_t k = 0; k < m; k++) shares[k] = (double)wide_share(&fills[k], weights[k], lam);
  return SG_OK;
}
