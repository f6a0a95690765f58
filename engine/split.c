/*
 * split.c — sg_split: spread a total over items in proportion to weights,
 * with locked items, floors, caps and largest-remainder rounding to a unit.
 *
 * Outline: validate every item, adding up floors and caps in "solver
 * space" (plain values in exact mode, whole unit steps in unit mode); find
 * the water level lambda with sum clamp(lambda * w, floor, cap) == what is
 * left; in unit mode round the shares down and hand the leftover steps to
 * the largest remainders (Hamilton), found with a histogram of the
 * remainders and a selection inside its boundary bucket. O(n) expected.
 *
 * Memory: an item's solver-space floor, cap and share are recomputed from
 * the caller's arrays on each pass rather than stored (reading them again
 * costs less than writing and reading a copy; a floor or cap is converted
 * to steps only when it differs from the last one, see step_memo), so
 * scratch memory is only the items the water level search has not decided
 * at once, the boundary bucket, and in unit mode one note per item. It
 * lives in an sg_split_ctx, which a caller making many splits keeps
 * (sg_split_with).
 *
 * Speed: the common case (no locks, weights scaled by a multiplication, a
 * water level found in doubles) runs loops that call nothing and keep
 * their totals in locals; the general loops (locks, weights too far apart,
 * all weights zero) give the same results, one item at a time.
 */
#include "internal.h"
#include "split_solve.h"
#include "units.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Exact mode treats a difference this small relative to the amounts
 * involved as rounding noise rather than as a real shortfall. */
#define EXACT_REL_TOL 1e-12

static const char *const arg_names[] = {"total", "weights", "unit",
                                        "floors", "caps", "locked"};

/* ------------------------------------------------------------ unit steps */

/* Whole steps below a total or locked value: *steps is the largest k with
 * from_steps(k) <= v, and *exact is 1 when from_steps(k) == v, i.e. v is
 * exactly the double nearest a multiple of the unit. No tolerance: a value
 * one ulp off a multiple is not one, so whatever is below one step goes to
 * the plug cell and the results still add up to v exactly.
 * SG_ETOOLARGE when the steps cannot be counted exactly in a double. */
static int value_steps(const sgd_unit *us, double v, int64_t *steps, int *exact) {
  double x = us->decimal ? v * us->pow10 : v / us->unit;
  if (!(fabs(x) <= SGD_TWO52)) return SG_ETOOLARGE;
  double k = floor(sgd_raw_steps(us, v));
  /* raw_steps rounds once or twice: settle k against from_steps itself. */
  while (sgd_from_steps(us, k) > v) k -= 1;
  while (sgd_from_steps(us, k + 1) <= v) k += 1;
  if (k > SGD_TWO52 || k < -SGD_TWO52) return SG_ETOOLARGE;
  *steps = (int64_t)k;
  *exact = sgd_from_steps(us, k) == v;
  return SG_OK;
}

/* ------------------------------------------------------------ validation */

/* "caps item 3 (-2) must not be negative": argument, item from 1, value. */
static int fail_value(split_state *st, int code, int arg, size_t i, double v,
                      const char *what) {
  return sg_fail(st->err, code, arg, (long)i, v, 0, "%s item %zu (%g) %s",
                 arg_names[arg], i + 1, v, what);
}

static int check_locked(split_state *st, size_t i, double v) {
  if (!isfinite(v))
    return fail_value(st, SG_ENONFINITE, SG_SPLIT_ARG_LOCKED, i, v,
                      "must be a finite number (leave the cell empty to unlock)");
  if (st->unit_mode) {
    /* A lock keeps its value even off the unit grid (a committed quota of
     * 1234.5 stays 1234.5); what is below a step then goes to the plug. */
    int64_t k = 0;
    int exact = 0;
    if (value_steps(&st->us, v, &k, &exact) != SG_OK)
      return fail_value(st, SG_ETOOLARGE, SG_SPLIT_ARG_LOCKED, i, v,
                        "needs too many unit steps for exact arithmetic");
    st->locks_exact &= exact;
    /* |k| <= 2^52 each, so the sum cannot overflow before this check. */
    st->locked_steps += k;
    if (st->locked_steps > (int64_t)SGD_TWO53 * 256 ||
        st->locked_steps < -(int64_t)SGD_TWO53 * 256)
      return fail_value(st, SG_ETOOLARGE, SG_SPLIT_ARG_LOCKED, i, v,
                        "makes the locked values too large to add up exactly");
  }
  sg_ksum_add(&st->locked_sum, v);
  return SG_OK;
}

/* The first problem with free item i's weight, floor or cap. */
static int fail_free_item(split_state *st, size_t i, double w, double fl, double cap) {
  int rc = sg_check_nonneg(&w, 1, SG_SPLIT_ARG_WEIGHTS, (long)i,
                           arg_names[SG_SPLIT_ARG_WEIGHTS], st->err);
  if (rc == SG_OK)
    rc = sg_check_nonneg(&fl, 1, SG_SPLIT_ARG_FLOORS, (long)i, arg_names[SG_SPLIT_ARG_FLOORS],
                         st->err);
  if (rc != SG_OK) return rc;
  if (isnan(cap))
    return fail_value(st, SG_ENONFINITE, SG_SPLIT_ARG_CAPS, i, cap,
                      "must be a number (leave the cell empty for no cap)");
  if (cap < 0) return fail_value(st, SG_ENEGATIVE, SG_SPLIT_ARG_CAPS, i, cap, "must not be negative");
  return sg_fail(st->err, SG_EFLOORCAP, SG_SPLIT_ARG_FLOORS, (long)i, fl, cap,
                 "floor of item %zu (%g) is above its cap (%g)", i + 1, fl, cap);
}

/* What validation adds up over the free items, kept in locals while the
 * loop runs (fields of st would be reloaded after every store to act). */
typedef struct free_totals {
  size_t nfree, nact, nzero_cap;
  double max_w, min_w, raw_w, steps_lo, steps_most;
  sg_ksum sum_lo, sum_most, zero_lo, raw_free_w;
  int most_infinite; /* exact mode: a weighted item without a cap */
} free_totals;

/* The caller's arrays and the unit, copied out of st so that the stores
 * to act cannot make the compiler reload them. */
typedef struct item_view {
  const double *w, *fl, *cap;
  sgd_unit us;
} item_view;

/* Free item i: 0 when weight, floor and cap are valid and a multiple of the
 * unit lies between them; else 0 is not returned and the caller reports it
 * (report_free_item). Otherwise adds it to the totals and, if its floor or
 * cap can bind, to act. unit_mode is a constant at each call. */
SPLIT_INLINE int add_free_item(const item_view *v, free_totals *t, step_memo *memo,
                                sg_fill *act, size_t i, int unit_mode) {
  double w = v->w[i];
  double fl = v->fl ? v->fl[i] : 0;
  double cap = v->cap ? v->cap[i] : INFINITY;
  double lo, hi;
  if (unit_mode) {
    /* The same test as below, with fl checked only when it is not 0 and
     * not the last floor converted (which passed it); a NaN or negative
     * cap fails cap >= fl. */
    if (!(w >= 0 && w < INFINITY && cap >= fl)) return -1;
    if (fl == 0) {
      lo = 0;
    } else if (fl == memo->fl) {
      lo = memo->lo;
    } else {
      if (!(fl >= 0 && fl < INFINITY)) return -1;
      memo->fl = fl, memo->lo = lo = unit_floor_steps(&v->us, fl);
    }
    hi = memo_cap_steps(memo, &v->us, cap);
    if (lo > hi) return -1;
  } else {
    if (!(w >= 0 && w < INFINITY && fl >= 0 && fl < INFINITY && cap >= fl)) return -1;
    lo = fl + 0.0, hi = cap;
  }
  /* From here w, lo and hi are numbers >= 0, so "<= 0" and ">= INFINITY"
   * test equality in one compare (no NaN to rule out). */
  t->nfree++;
  if (w > t->max_w) t->max_w = w;
  /* Without floors every lo is 0; without caps every weighted hi is
   * infinite (then the sum is too): no need to add them up one by one. In
   * unit mode they are whole steps, whose plain sum is exact while it stays
   * below 2^53 (split_free_items checks). */
  if (unit_mode) {
    t->steps_lo += lo;
    t->steps_most += w > 0 ? hi : lo;
  } else {
    if (v->fl) sg_ksum_add(&t->sum_lo, lo);
    if (v->cap || w == 0) sg_ksum_add(&t->sum_most, w > 0 ? hi : lo);
    else t->most_infinite = 1;
  }
  if (w <= 0) {
    if (lo > 0) sg_ksum_add(&t->zero_lo, lo); /* adding +0 changes neither part */
    return 0;
  }
  if (w < t->min_w) t->min_w = w;
  t->raw_w += w; /* only for the search's first guess */
  if (lo <= 0 && hi >= INFINITY) {
    sg_ksum_add(&t->raw_free_w, w); /* free for every lambda */
  } else if (hi <= 0) {
    t->nzero_cap++; /* at its cap of 0 for every lambda */
  } else {
    sg_fill *a = &act[t->nact++];
    a->w = w, a->lo = lo, a->hi = hi;
  }
  return 0;
}

/* The first problem with free item i, which add_free_item refused. */
static int report_free_item(split_state *st, size_t i) {
  const sg_split_input *in = st->in;
  double w = in->weights[i];
  double fl = in->floors ? in->floors[i] : 0;
  double cap = in->caps ? in->caps[i] : INFINITY;
  if (!(w >= 0 && w < INFINITY && fl >= 0 && fl < INFINITY && cap >= fl))
    return fail_free_item(st, i, w, fl, cap);
  return sg_fail(st->err, SG_ENOROOM, SG_SPLIT_ARG_FLOORS, (long)i, fl, cap,
                 "no multiple of the unit %g lies between floor %g and cap %g "
                 "of item %zu", st->us.unit, fl, cap, i + 1);
}

/* Validate every item, adding up the free ones (first failure wins).
 * Without locks the loop calls nothing, so its totals stay in registers. */
SPLIT_INLINE int validate_items(split_state *st, int unit_mode) {
  const sg_split_input *in = st->in;
  const item_view v = {in->weights, in->floors, in->caps, st->us};
  const double *lk = in->locked;
  sg_fill *act = st->act;
  free_totals t = {0, 0, 0, 0, INFINITY, 0, 0, 0, {0, 0}, {0, 0}, {0, 0}, {0, 0}, 0};
  step_memo memo = STEP_MEMO_INIT;
  int rc = SG_OK;
  size_t n = in->n, i = 0;
  if (!lk) {
    while (i < n && add_free_item(&v, &t, &memo, act, i, unit_mode) == 0) i++;
    if (i < n) rc = report_free_item(st, i);
  } else {
    for (; i < n && rc == SG_OK; i++) {
      if (!isnan(lk[i])) rc = check_locked(st, i, lk[i]);
      else if (add_free_item(&v, &t, &memo, act, i, unit_mode) != 0) rc = report_free_item(st, i);
    }
  }
  st->nfree = t.nfree, st->nact = t.nact, st->nzero_cap = t.nzero_cap;
  st->max_w = t.max_w, st->min_w = t.min_w, st->raw_w = t.raw_w;
  st->steps_lo = t.steps_lo, st->steps_most = t.steps_most;
  st->sum_lo = t.sum_lo, st->sum_most = t.sum_most;
  if (t.most_infinite) st->sum_most.s = INFINITY;
  st->zero_lo = t.zero_lo, st->raw_free_w = t.raw_free_w;
  return rc;
}

/* ------------------------------------------------------------ lambda */

/* The water level: items decided for every lambda (zero weights, caps of
 * 0, floor 0 without a cap) are added up here; the rest go to the search. */
static int find_lambda(split_state *st, double rest, double sum_lo, double sum_hi, double tol) {
  if (sum_lo >= rest - tol) {
    st->lam = 0; /* everything at its floor */
    return SG_OK;
  }
  if (sum_hi <= rest + tol) {
    st->lam = INFINITY; /* every weighted item at its cap */
    return SG_OK;
  }
  /* Validation has sorted the items with the weights as given; scaling
   * those sums by 2^-wexp is exact unless a weight falls below DBL_MIN
   * (or the sum overflows) on the way, and then the items are sorted again
   * with the weights the solver sees. */
  double sc = st->wscale;
  if (!st->even && st->wmul && isfinite(st->raw_w) && isfinite(st->raw_free_w.s) &&
      st->min_w * sc >= 0x1p-1022) {
    /* The search's first pass multiplies act's weights by sc as it reads them. */
    sg_water d = {st->zero_lo, {st->raw_free_w.s * sc, st->raw_free_w.c * sc}, 0, st->nzero_cap};
    double all = st->raw_w * sc;
    double lam0 = (rest - sg_ksum_value(&d.fixed)) / all;
    return sg_solve_lambda(st->act, st->nact, sc, d, rest, lam0, &st->ctx->bp, &st->lam);
  }
  const sg_split_input *in = st->in;
  sg_fill *act = st->act;
  sg_water decided = {{0, 0}, {0, 0}, 0, 0};
  sg_ksum all_w = {0, 0};
  size_t m = 0;
  for (size_t i = 0; i < in->n; i++) {
    if (is_locked(in, i)) continue;
    double w = solver_weight(st, i), lo, hi;
    item_bounds(st, i, &lo, &hi);
    if (w == 0) {
      sg_ksum_add(&decided.fixed, lo);
      continue;
    }
    sg_ksum_add(&all_w, w);
    if (hi == 0) {
      decided.nhigh++; /* at its cap of 0 */
    } else if (lo == 0 && hi == INFINITY) {
      sg_ksum_add(&decided.free_w, w);
    } else {
      act[m].w = w, act[m].lo = lo, act[m].hi = hi;
      m++;
    }
  }
  double lam0 = (rest - sg_ksum_value(&decided.fixed)) / sg_ksum_value(&all_w);
  return sg_solve_lambda(act, m, 1, decided, rest, lam0, &st->ctx->bp, &st->lam);
}

/* Once more in long double, with the weights as given (scaled ones may
 * have underflowed to 0): *shares gets each free item's share. */
static int solve_wide(split_state *st, double rest, double **shares) {
  const sg_split_input *in = st->in;
  size_t nf = st->nfree;
  double *all = malloc(in->n * sizeof *all);
  sg_fill *f = malloc(nf * sizeof *f);
  double *w = malloc(nf * sizeof *w), *q = malloc(nf * sizeof *q);
  size_t *idx = malloc(nf * sizeof *idx);
  int rc = all && f && w && q && idx ? SG_OK : SG_ENOMEM;
  sg_ksum zero_floors = {0, 0};
  size_t m = 0;
  for (size_t i = 0; rc == SG_OK && i < in->n; i++) {
    if (is_locked(in, i)) continue;
    double gw = given_weight(st, i);
    item_bounds(st, i, &f[m].lo, &f[m].hi);
    all[i] = f[m].lo;
    if (gw > 0) w[m] = gw, idx[m++] = i;
    else sg_ksum_add(&zero_floors, all[i]);
  }
  if (rc == SG_OK) rc = sg_solve_shares_wide(f, w, m, sg_ksum_value(&zero_floors), rest, q);
  for (size_t k = 0; rc == SG_OK && k < m; k++) all[idx[k]] = q[k];
  free(f), free(w), free(q), free(idx);
  if (rc != SG_OK) free(all), all = NULL;
  *shares = all;
  return rc;
}

/* ------------------------------------------------------------ sg_split */

/* Each free item's share before rounding: the water level found in
 * doubles, or when that cannot represent it (weights ~1e300 apart), in long
 * double (*wide then holds the shares). SG_EWEIGHTS when neither can. */
static int find_shares(split_state *st, double rest, double sum_lo, double sum_hi, double tol,
                       share_stats *ss, double **wide) {
  int rc = find_lambda(st, rest, sum_lo, sum_hi, tol);
  int ok = rc == SG_OK ? sg_split_check_shares(st, rest, ss) : 0;
  if (ok < 0) return SG_ENOMEM;
  if (rc != SG_OK || ok) return rc;
  rc = solve_wide(st, rest, wide);
  if (rc != SG_OK) return rc;
  st->shares = *wide;
  ok = sg_split_check_shares(st, rest, ss);
  if (ok < 0) return SG_ENOMEM;
  if (!ok)
    return sg_fail(st->err, SG_EWEIGHTS, SG_SPLIT_ARG_WEIGHTS, -1, 0, 0,
                   "the weights differ too much in size to split exactly; scale them to a "
                   "narrower range (only their ratios matter)");
  return SG_OK;
}

/* Everything after validation: feasibility, lambda, results. */
static int split_free_items(split_state *st, double *out) {
  const sg_split_input *in = st->in;
  double rest;            /* solver-space amount for the free items */
  int64_t r_steps = 0;
  int plug = 0; /* unit mode: the remainder is not a whole number of steps */
  if (st->unit_mode) {
    int rc = SG_OK;
    if (st->locks_exact) {
      r_steps = st->total_steps - st->locked_steps;
      plug = !st->total_exact;
    } else {
      sg_ksum r = free_remainder(st);
      int exact = 0;
      rc = value_steps(&st->us, sg_ksum_value(&r), &r_steps, &exact);
      plug = !exact;
    }
    if (rc != SG_OK || r_steps > (int64_t)SGD_TWO52 || r_steps < -(int64_t)SGD_TWO52)
      return sg_fail(st->err, SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1, in->total, 0,
                     "total minus locked values needs too many unit steps");
    rest = (double)r_steps;
  } else {
    rest = in->total - sg_ksum_value(&st->locked_sum);
    if (!isfinite(rest))
      return sg_fail(st->err, SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1, in->total, 0,
                     "total minus locked values is too large for a double");
  }
  if (st->unit_mode) {
    st->sum_lo = (sg_ksum){st->steps_lo, 0};
    st->sum_most = (sg_ksum){st->steps_most, 0};
  }
  st->even = st->max_w == 0; /* every free weight is zero: split evenly */
  if (st->even || (st->unit_mode && (st->steps_lo >= SGD_TWO53 ||
                                     (st->steps_most >= SGD_TWO53 && isfinite(st->steps_most))))) {
    /* Evenly, every item counts as weighted; or plain sums past 2^53. */
    st->sum_lo = st->sum_most = (sg_ksum){0, 0};
    for (size_t i = 0; i < in->n; i++) {
      if (is_locked(in, i)) continue;
      double lo, hi;
      item_bounds(st, i, &lo, &hi);
      sg_ksum_add(&st->sum_lo, lo);
      sg_ksum_add(&st->sum_most, given_weight(st, i) > 0 ? hi : lo);
    }
  }
  if (!st->even) {
    st->wexp = ilogb(st->max_w);
    st->wmul = st->wexp >= -1023; /* 2^-wexp at most 2^1023 */
    st->wscale = st->wmul ? ldexp(1, -st->wexp) : 0;
  }
  double sum_lo = sg_ksum_value(&st->sum_lo), sum_hi = sg_ksum_value(&st->sum_most);
  double tol = 0;
  if (!st->unit_mode)
    tol = EXACT_REL_TOL * (fabs(in->total) + fabs(rest) + sum_lo);
  /* Locked values or floors whose magnitudes add up past DBL_MAX: an
   * infinite allowance would excuse any shortfall, so allow none. */
  if (!isfinite(tol)) tol = 0;
  double scale = st->unit_mode ? st->us.unit : 1;
  if (sum_lo > rest + tol)
    return sg_fail(st->err, SG_EFLOORS, SG_SPLIT_ARG_FLOORS, -1, sum_lo * scale, rest * scale,
                   "floors add up to %g but only %g is left to split%s", sum_lo * scale,
                   rest * scale, rest < 0 ? " (results cannot be negative)" : "");
  if (sum_hi < rest - tol)
    return sg_fail(st->err, SG_ECAPS, SG_SPLIT_ARG_CAPS, -1, sum_hi * scale, rest * scale,
                   "caps allow at most %g but %g is left to split", sum_hi * scale,
                   rest * scale);
  share_stats ss = {0, 0};
  double *wide = NULL;
  int rc = find_shares(st, rest, sum_lo, sum_hi, tol, &ss, &wide);
  if (rc == SG_OK && !st->unit_mode) sg_split_write_exact(st, out);
  else if (rc == SG_OK) rc = sg_split_write_units(st, &ss, r_steps, plug, out);
  free(wide);
  st->shares = NULL;
  if (rc == SG_ENOMEM) return sg_fail(st->err, rc, -1, -1, 0, 0, "out of memory");
  return rc;
}

sg_split_ctx *sg_split_ctx_new(void) { return calloc(1, sizeof(sg_split_ctx)); }

static void ctx_release(sg_split_ctx *ctx) {
  free(ctx->work.p), free(ctx->bp.p), free(ctx->ranks.p), free(ctx->steps.p);
}

void sg_split_ctx_free(sg_split_ctx *ctx) {
  if (!ctx) return;
  ctx_release(ctx);
  free(ctx);
}

int sg_split(const sg_split_input *in, double *out, sg_error *err) {
  return sg_split_with(NULL, in, out, err);
}

static int split_checked(split_state *st, double *out);

int sg_split_with(sg_split_ctx *ctx, const sg_split_input *in, double *out, sg_error *err) {
  if (!in || !out)
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "split: no input or output array");
  if (in->n == 0 || !in->weights)
    return sg_fail(err, SG_EINVAL, SG_SPLIT_ARG_WEIGHTS, -1, 0, 0,
                   "weights must list at least one item");
  if (!isfinite(in->total))
    return sg_fail(err, SG_ENONFINITE, SG_SPLIT_ARG_TOTAL, -1, in->total, 0,
                   "total (%g) must be a finite number", in->total);
  if (!isfinite(in->unit))
    return sg_fail(err, SG_ENONFINITE, SG_SPLIT_ARG_UNIT, -1, in->unit, 0,
                   "unit (%g) must be a finite number", in->unit);
  if (in->unit < 0)
    return sg_fail(err, SG_ENEGATIVE, SG_SPLIT_ARG_UNIT, -1, in->unit, 0,
                   "unit (%g) must not be negative (0 means no rounding)", in->unit);
  split_state st = {0};
  st.in = in;
  st.err = err;
  st.unit_mode = in->unit > 0;
  if (st.unit_mode) {
    sgd_unit_init(&st.us, in->unit);
    st.locks_exact = 1;
    if (value_steps(&st.us, in->total, &st.total_steps, &st.total_exact) != SG_OK)
      return sg_fail(err, SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1, in->total, in->unit,
                     "total %g needs more than 2^52 steps of %g", in->total, in->unit);
  }
  if (ctx) {
    st.ctx = ctx;
    return split_checked(&st, out);
  }
  sg_split_ctx *tmp = malloc(sizeof *tmp); /* this call's own scratch */
  if (!tmp) return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  tmp->work = tmp->bp = tmp->ranks = tmp->steps = (sg_scratch){NULL, 0};
  st.ctx = tmp;
  int rc = split_checked(&st, out);
  sg_split_ctx_free(tmp);
  return rc;
}

static int split_checked(split_state *st, double *out) {
  const sg_split_input *in = st->in;
  /* Room for every item; only what validation writes gets touched. */
  st->act = sg_scratch_get(&st->ctx->work, in->n, sizeof *st->act);
  if (!st->act) return sg_fail(st->err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  int rc = st->unit_mode ? validate_items(st, 1) : validate_items(st, 0);
  if (rc == SG_OK && st->nfree == 0) {
    /* All locked: the locks must already make the total, exactly in unit
     * mode, up to rounding noise in exact mode. */
    double sum = sg_ksum_value(&st->locked_sum);
    int off;
    if (st->unit_mode && st->total_exact && st->locks_exact) {
      off = st->total_steps != st->locked_steps;
    } else {
      /* Noise relative to the amounts themselves, not to the size of the
       * locks: locks of 1e300 and -1e300 add up to 0, which is not 10. */
      off = fabs(in->total - sum) > EXACT_REL_TOL * (fabs(in->total) + fabs(sum));
    }
    if (off)
      rc = sg_fail(st->err, SG_ELOCKED, SG_SPLIT_ARG_LOCKED, -1, sum, in->total,
                   "every item is locked and the locks add up to %.15g, not the total %.15g",
                   sum, in->total);
  } else if (rc == SG_OK) {
    rc = split_free_items(st, out);
  }
  if (rc == SG_OK && in->locked) /* free items are written; now the locked ones */
    for (size_t i = 0; i < in->n; i++)
      if (!isnan(in->locked[i])) out[i] = in->locked[i];
  return rc == SG_OK ? sg_ok(st->err) : rc;
}
