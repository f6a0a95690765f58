/*
 * split.c — sg_split: spread a total over items in proportion to weights,
 * with locked items, floors, caps and largest-remainder rounding to a unit.
 *
 * Outline: validate and convert every free item to "solver space" (plain
 * values in exact mode, whole unit steps in unit mode); find the water level
 * lambda with sum clamp(lambda * w, floor, cap) == what is left; in unit mode
 * round the shares down and hand the leftover steps to the largest
 * remainders (Hamilton). Everything is O(n) expected; no full sort.
 */
#include "internal.h"
#include "split_solve.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define TWO52 4503599627370496.0
#define TWO53 9007199254740992.0

/* Remainders are compared after rounding to multiples of 1e-9 of a step, so
 * that two shares equal up to floating-point noise count as a tie and the
 * documented tie-break (weight, then position) decides, not the noise. */
#define REMAINDER_QUANTUM 1e9

/* Exact mode treats a difference this small relative to the amounts
 * involved as rounding noise rather than as a real shortfall. */
#define EXACT_REL_TOL 1e-12


static const char *const arg_names[] = {"total", "weights", "unit",
                                        "floors", "caps", "locked"};

/* ------------------------------------------------------------ unit steps */

/* How a unit maps values to whole steps. A short decimal unit (100, 0.01,
 * 0.25) is U / 10^d with integer U, so step counts and the final
 * k * U / 10^d are exact integer arithmetic plus one correctly rounded
 * division: 14286 steps of 0.01 give the double nearest 142.86. */
typedef struct unit_scale {
  double unit;
  int decimal;  /* 1 when unit == U / 10^d */
  double pow10; /* 10^d, exact in a double for d <= 9 */
  int64_t u;    /* U (at most 2^53, so exact as a double) */
} unit_scale;

/* How far x may sit from an integer and still count as one: a few dozen
 * ulps absorb decimal-to-binary error and spreadsheet sums, yet a genuine
 * fraction of a hundredth of a step never passes. */
static double int_tol(double x) {
  double t = fabs(x) * 0x1p-46;
  if (t < 1e-9) t = 1e-9;
  if (t > 1e-2) t = 1e-2;
  return t;
}

static void unit_scale_init(unit_scale *us, double unit) {
  us->unit = unit;
  us->decimal = 0;
  us->pow10 = 1;
  us->u = 0;
  double p = 1;
  for (int d = 0; d <= 9; d++, p *= 10) {
    double x = unit * p;
    if (x > TWO53) break;
    double r = nearbyint(x);
    /* A tolerance relative to x (1e-9 * x) would accept 1/3 at d = 9, where
     * it is 0.33 away from an integer, so allow only rounding noise. */
    if (r >= 1 && fabs(x - r) <= int_tol(x)) {
      us->decimal = 1;
      us->pow10 = p;
      us->u = (int64_t)r;
      return;
    }
  }
}

/* v in steps, not yet rounded. */
static double raw_steps(const unit_scale *us, double v) {
  return us->decimal ? v * us->pow10 / (double)us->u : v / us->unit;
}

static double from_steps(const unit_scale *us, double k) {
  return us->decimal ? (k * (double)us->u) / us->pow10 : k * us->unit;
}

/* Whole steps below a total or locked value: *steps is the largest k with
 * from_steps(k) <= v, and *exact is 1 when from_steps(k) == v, i.e. v is
 * exactly the double nearest a multiple of the unit. No tolerance: a value
 * one ulp off a multiple is not one, so whatever is below one step goes to
 * the plug cell and the results still add up to v exactly.
 * SG_ETOOLARGE when the steps cannot be counted exactly in a double. */
static int value_steps(const unit_scale *us, double v, int64_t *steps, int *exact) {
  double x = us->decimal ? v * us->pow10 : v / us->unit;
  if (!(fabs(x) <= TWO52)) return SG_ETOOLARGE;
  double k = floor(raw_steps(us, v));
  /* raw_steps rounds once or twice: settle k against from_steps itself. */
  while (from_steps(us, k) > v) k -= 1;
  while (from_steps(us, k + 1) <= v) k += 1;
  if (k > TWO52 || k < -TWO52) return SG_ETOOLARGE;
  *steps = (int64_t)k;
  *exact = from_steps(us, k) == v;
  return SG_OK;
}

/* ------------------------------------------------------------ validation */

typedef struct split_state {
  const sg_split_input *in;
  sg_error *err;
  int unit_mode;
  unit_scale us;
  fill_item *items; /* free items */
  size_t nfree;
  sg_ksum locked_sum;
  int64_t total_steps;  /* unit mode: whole steps at or below the total */
  int64_t locked_steps; /* unit mode: whole steps at or below each lock, summed */
  int total_exact;      /* unit mode: the total is a multiple of the unit */
  int even;             /* every free weight is 0: split evenly */
  int locks_exact;      /* unit mode: every lock is a multiple of the unit */
} split_state;

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
    if (st->locked_steps > (int64_t)TWO53 * 256 || st->locked_steps < -(int64_t)TWO53 * 256)
      return fail_value(st, SG_ETOOLARGE, SG_SPLIT_ARG_LOCKED, i, v,
                        "makes the locked values too large to add up exactly");
  }
  sg_ksum_add(&st->locked_sum, v);
  return SG_OK;
}

/* Validate free item i and append it, converted to solver space. */
static int add_free_item(split_state *st, size_t i) {
  const sg_split_input *in = st->in;
  double w = in->weights[i];
  double fl = in->floors ? in->floors[i] : 0;
  double cap = in->caps ? in->caps[i] : INFINITY;
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
  if (fl > cap)
    return sg_fail(st->err, SG_EFLOORCAP, SG_SPLIT_ARG_FLOORS, (long)i, fl, cap,
                   "floor of item %zu (%g) is above its cap (%g)", i + 1, fl, cap);
  fill_item *p = &st->items[st->nfree++];
  p->w = w;
  p->pos = i;
  p->lo = fl + 0.0; /* a -0 floor would come back as "-0" */
  p->hi = cap;
  if (st->unit_mode) {
    /* Tolerance so that 300/100 counts as 3 steps, not 2.9999... */
    double a = raw_steps(&st->us, fl), b = raw_steps(&st->us, cap);
    p->lo = ceil(a - int_tol(a)) + 0.0; /* + 0.0: ceil(-1e-9) is -0 */
    p->hi = b > TWO53 ? INFINITY : floor(b + int_tol(b)); /* too big to bind */
    if (p->lo > p->hi)
      return sg_fail(st->err, SG_ENOROOM, SG_SPLIT_ARG_FLOORS, (long)i, fl, cap,
                     "no multiple of the unit %g lies between floor %g and cap %g "
                     "of item %zu", st->us.unit, fl, cap, i + 1);
  }
  return SG_OK;
}

/* ------------------------------------------------------------ results */

/* The weight as given (scaled weights may have underflowed to 0), or 1 for
 * every item when all free weights are 0 (split evenly). */
static double given_weight(const split_state *st, const fill_item *p) {
  return st->even ? 1 : st->in->weights[p->pos];
}

/* Exact mode: write shares, then give the last rounding error of the sum to
 * the largest item strictly between its bounds (items at a floor or cap
 * stay exactly there), so the total is as exact as doubles allow. */
static void write_exact(const split_state *st, const double *shares, double *out) {
  sg_ksum sum = st->locked_sum;
  size_t best = (size_t)-1;
  for (size_t j = 0; j < st->nfree; j++) {
    const fill_item *p = &st->items[j];
    double v = shares[j];
    out[p->pos] = v;
    sg_ksum_add(&sum, v);
    if (v > p->lo && v < p->hi && (best == (size_t)-1 || v > out[st->items[best].pos]))
      best = j;
  }
  double diff = st->in->total - sg_ksum_value(&sum);
  if (diff != 0 && best != (size_t)-1) {
    const fill_item *p = &st->items[best];
    double v = out[p->pos] + diff;
    if (v >= p->lo && v <= p->hi) out[p->pos] = v;
  }
}

/* Whether shares solve the split well enough to round: all finite, adding
 * up to rest up to 1e-9 relative (exact mode gives what is left over to one
 * item), and in unit mode the whole steps below them leave between 0 and
 * (items that can take one more) steps over. */
static int shares_ok(const split_state *st, const double *shares, double rest) {
  sg_ksum sum = {0, 0};
  double base_sum = 0;
  size_t ncand = 0;
  for (size_t j = 0; j < st->nfree; j++) {
    const fill_item *p = &st->items[j];
    double q = shares[j];
    if (!isfinite(q)) return 0;
    sg_ksum_add(&sum, q);
    base_sum += floor(q); /* whole steps up to 2^52 each: exact up to 2^53 */
    if (given_weight(st, p) > 0 && floor(q) < p->hi) ncand++;
  }
  if (!(fabs(sg_ksum_value(&sum) - rest) <= 1e-9 * fmax(1, fabs(rest)))) return 0;
  return !st->unit_mode || (base_sum <= rest && rest - base_sum <= (double)ncand);
}

/* Unit mode: round every share down, then give the leftover steps one each
 * to the largest remainders (ties: larger weight, earlier item), skipping
 * items already at their cap and zero weights. A share is at least its
 * floor, which is a whole step, so rounding down never goes below it. The
 * final step count is kept as the item's new floor (nothing reads the
 * items' floors after this). shares_ok has checked the count. */
static int round_to_steps(split_state *st, const double *shares, int64_t r_steps) {
  sg_rank_item *cand = malloc((st->nfree ? st->nfree : 1) * sizeof *cand);
  if (!cand) return SG_ENOMEM;
  size_t ncand = 0;
  int64_t base_sum = 0;
  for (size_t j = 0; j < st->nfree; j++) {
    fill_item *p = &st->items[j];
    double q = shares[j];
    double base = floor(q);
    base_sum += (int64_t)base;
    if (given_weight(st, p) > 0 && base < p->hi) {
      cand[ncand].key = (int64_t)nearbyint((q - base) * REMAINDER_QUANTUM);
      cand[ncand].weight = given_weight(st, p);
      cand[ncand].pos = j;
      ncand++;
    }
    p->lo = base; /* the floor has done its work: lo now holds the step count */
  }
  int64_t left = r_steps - base_sum;
  if (left < 0 || (uint64_t)left > ncand) { /* shares_ok rules this out */
    free(cand);
    return sg_fail(st->err, SG_EINTERNAL, -1, -1, (double)left, (double)ncand,
                   "split: %lld leftover steps for %zu candidates",
                   (long long)left, ncand);
  }
  sg_select_ranked(cand, ncand, (size_t)left);
  for (size_t t = 0; t < (size_t)left; t++) st->items[cand[t].pos].lo += 1;
  free(cand);
  return SG_OK;
}

/* What the free items must add up to, as a compensated sum: total minus
 * the locks. */
static sg_ksum free_remainder(const split_state *st) {
  sg_ksum k = {-st->locked_sum.s, -st->locked_sum.c};
  sg_ksum_add(&k, st->in->total);
  return k;
}

/* The plug cell (total or remainder not a multiple of the unit): every free
 * item is already a whole number of steps adding up to the whole steps of
 * the remainder; one of them, the one with the most steps (ties: the
 * earlier item) among those with a weight whose cap leaves room for the
 * amount below one step, takes that amount on top. Its value is the
 * remainder minus every other free item, so the results add up to the
 * total exactly. SG_ENOPLUG when no item has room. */
static int place_plug(split_state *st, double *out) {
  const sg_split_input *in = st->in;
  sg_ksum rest = free_remainder(st);
  for (size_t j = 0; j < st->nfree; j++) sg_ksum_add(&rest, -out[st->items[j].pos]);
  double below = sg_ksum_value(&rest); /* the amount below one step */
  size_t best = (size_t)-1;
  for (size_t j = 0; j < st->nfree; j++) {
    const fill_item *p = &st->items[j];
    double cap = in->caps ? in->caps[p->pos] : INFINITY;
    if (given_weight(st, p) > 0 && out[p->pos] + below <= cap &&
        (best == (size_t)-1 || p->lo > st->items[best].lo))
      best = j;
  }
  if (best == (size_t)-1) {
    /* Say "caps" when the caps themselves cannot hold the remainder. */
    sg_ksum room = {0, 0};
    for (size_t j = 0; j < st->nfree; j++) {
      const fill_item *p = &st->items[j];
      sg_ksum_add(&room, given_weight(st, p) > 0 && in->caps ? in->caps[p->pos] : out[p->pos]);
    }
    sg_ksum need = free_remainder(st);
    if (in->caps && sg_ksum_value(&room) < sg_ksum_value(&need))
      return sg_fail(st->err, SG_ECAPS, SG_SPLIT_ARG_CAPS, -1, sg_ksum_value(&room),
                     sg_ksum_value(&need), "caps allow at most %g but %g is left to split",
                     sg_ksum_value(&room), sg_ksum_value(&need));
    return sg_fail(st->err, SG_ENOPLUG, SG_SPLIT_ARG_CAPS, -1, below, st->us.unit,
                   "no free item's cap leaves room for the %g below one unit of %g",
                   below, st->us.unit);
  }
  size_t pos = st->items[best].pos;
  sg_ksum_add(&rest, out[pos]);
  double v = sg_ksum_value(&rest) + 0.0;
  double fl = in->floors ? in->floors[pos] : 0;
  if (v < fl) /* only a remainder short of a step by rounding noise gets here */
    return sg_fail(st->err, SG_ENOPLUG, SG_SPLIT_ARG_FLOORS, (long)pos, v, fl,
                   "the plug item %zu (%g) would fall below its floor %g", pos + 1, v, fl);
  out[pos] = v;
  return SG_OK;
}

static int write_units(split_state *st, const double *shares, int64_t r_steps, int plug,
                       double *out) {
  int rc = round_to_steps(st, shares, r_steps);
  if (rc != SG_OK) return rc;
  /* out stays untouched when the plug fails: keep what was there. */
  double *saved = malloc((st->nfree ? st->nfree : 1) * sizeof *saved);
  if (!saved) return SG_ENOMEM;
  for (size_t j = 0; j < st->nfree; j++) {
    size_t pos = st->items[j].pos;
    saved[j] = out[pos];
    out[pos] = from_steps(&st->us, st->items[j].lo);
  }
  if (plug) rc = place_plug(st, out);
  if (rc != SG_OK)
    for (size_t j = 0; j < st->nfree; j++) out[st->items[j].pos] = saved[j];
  free(saved);
  return rc;
}

/* ------------------------------------------------------------ sg_split */

/* Each free item's share before rounding: the water level found in
 * doubles, or when that cannot represent it (weights ~1e300 apart), in long
 * double. SG_EWEIGHTS when neither can. */
static int find_shares(split_state *st, double rest, double sum_lo, double sum_hi, double tol,
                       double *shares) {
  double lam;
  size_t *act = NULL, m = 0;
  sg_ksum zero_floors = {0, 0};
  int rc = SG_OK;
  if (sum_lo >= rest - tol) {
    lam = 0; /* everything at its floor */
  } else if (sum_hi <= rest + tol) {
    lam = INFINITY; /* every weighted item at its cap */
  } else {
    act = malloc(st->nfree * sizeof *act);
    if (!act) return SG_ENOMEM;
    for (size_t j = 0; j < st->nfree; j++) {
      if (st->items[j].w > 0) act[m++] = j;
      else sg_ksum_add(&zero_floors, st->items[j].lo);
    }
    rc = sg_solve_lambda(st->items, act, m, sg_ksum_value(&zero_floors), rest, &lam);
  }
  for (size_t j = 0; rc == SG_OK && j < st->nfree; j++)
    shares[j] = sg_fill_share(&st->items[j], lam);
  if (rc != SG_OK || shares_ok(st, shares, rest)) {
    free(act);
    return rc;
  }
  /* Once more in long double, with the weights as given (scaled ones may
   * have underflowed to 0). */
  double *w = NULL, *q = NULL;
  size_t *all = realloc(act, (st->nfree ? st->nfree : 1) * sizeof *all);
  if (all) {
    act = all;
    w = malloc((st->nfree ? st->nfree : 1) * sizeof *w);
    q = malloc((st->nfree ? st->nfree : 1) * sizeof *q);
  }
  rc = all && w && q ? SG_OK : SG_ENOMEM;
  if (rc == SG_OK) {
    zero_floors = (sg_ksum){0, 0};
    m = 0;
    for (size_t j = 0; j < st->nfree; j++) {
      double gw = given_weight(st, &st->items[j]);
      shares[j] = st->items[j].lo;
      if (gw > 0) w[m] = gw, act[m++] = j;
      else sg_ksum_add(&zero_floors, st->items[j].lo);
    }
    rc = sg_solve_shares_wide(st->items, act, w, m, sg_ksum_value(&zero_floors), rest, q);
  }
  for (size_t k = 0; rc == SG_OK && k < m; k++) shares[act[k]] = q[k];
  if (rc == SG_OK && !shares_ok(st, shares, rest))
    rc = sg_fail(st->err, SG_EWEIGHTS, SG_SPLIT_ARG_WEIGHTS, -1, 0, 0,
                 "the weights differ too much in size to split exactly; scale them to a "
                 "narrower range (only their ratios matter)");
  free(act), free(w), free(q);
  return rc;
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
    if (rc != SG_OK || r_steps > (int64_t)TWO52 || r_steps < -(int64_t)TWO52)
      return sg_fail(st->err, SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1, in->total, 0,
                     "total minus locked values needs too many unit steps");
    rest = (double)r_steps;
  } else {
    rest = in->total - sg_ksum_value(&st->locked_sum);
    if (!isfinite(rest))
      return sg_fail(st->err, SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1, in->total, 0,
                     "total minus locked values is too large for a double");
  }
  double max_w = 0;
  for (size_t j = 0; j < st->nfree; j++)
    if (st->items[j].w > max_w) max_w = st->items[j].w;
  if (max_w == 0) { /* every free weight is zero: split evenly */
    st->even = 1;
    for (size_t j = 0; j < st->nfree; j++) st->items[j].w = 1;
  } else {
    /* Only ratios of weights matter. Scaling by a power of two (exact, so
     * ties and order survive) keeps lambda = rest / sum(w) from overflowing
     * when weights are tiny, or underflowing when they are huge. */
    int e = ilogb(max_w);
    if (e != 0)
      for (size_t j = 0; j < st->nfree; j++) st->items[j].w = ldexp(st->items[j].w, -e);
  }
  sg_ksum floors = {0, 0}, most = {0, 0};
  for (size_t j = 0; j < st->nfree; j++) {
    const fill_item *p = &st->items[j];
    sg_ksum_add(&floors, p->lo);
    sg_ksum_add(&most, given_weight(st, p) > 0 ? p->hi : p->lo);
  }
  double sum_lo = sg_ksum_value(&floors), sum_hi = sg_ksum_value(&most);
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
  double *shares = malloc((st->nfree ? st->nfree : 1) * sizeof *shares);
  if (!shares) return sg_fail(st->err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  int rc = find_shares(st, rest, sum_lo, sum_hi, tol, shares);
  if (rc == SG_OK && !st->unit_mode) write_exact(st, shares, out);
  else if (rc == SG_OK) rc = write_units(st, shares, r_steps, plug, out);
  free(shares);
  if (rc == SG_ENOMEM) return sg_fail(st->err, rc, -1, -1, 0, 0, "out of memory");
  return rc;
}

int sg_split(const sg_split_input *in, double *out, sg_error *err) {
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
    unit_scale_init(&st.us, in->unit);
    st.locks_exact = 1;
    if (value_steps(&st.us, in->total, &st.total_steps, &st.total_exact) != SG_OK)
      return sg_fail(err, SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1, in->total, in->unit,
                     "total %g needs more than 2^52 steps of %g", in->total, in->unit);
  }
  if (in->n > SIZE_MAX / sizeof *st.items)
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  st.items = malloc(in->n * sizeof *st.items);
  if (!st.items) return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  int rc = SG_OK;
  for (size_t i = 0; i < in->n && rc == SG_OK; i++) {
    if (in->locked && !isnan(in->locked[i])) rc = check_locked(&st, i, in->locked[i]);
    else rc = add_free_item(&st, i);
  }
  if (rc == SG_OK && st.nfree == 0) {
    /* All locked: the locks must already make the total, exactly in unit
     * mode, up to rounding noise in exact mode. */
    double sum = sg_ksum_value(&st.locked_sum);
    int off;
    if (st.unit_mode && st.total_exact && st.locks_exact) {
      off = st.total_steps != st.locked_steps;
    } else {
      /* Noise relative to the amounts themselves, not to the size of the
       * locks: locks of 1e300 and -1e300 add up to 0, which is not 10. */
      off = fabs(in->total - sum) > EXACT_REL_TOL * (fabs(in->total) + fabs(sum));
    }
    if (off)
      rc = sg_fail(err, SG_ELOCKED, SG_SPLIT_ARG_LOCKED, -1, sum, in->total,
                   "every item is locked and the locks add up to %.15g, not the total %.15g",
                   sum, in->total);
  } else if (rc == SG_OK) {
    rc = split_free_items(&st, out);
  }
  if (rc == SG_OK && in->locked) /* free items are written; now the locked ones */
    for (size_t i = 0; i < in->n; i++)
      if (!isnan(in->locked[i])) out[i] = in->locked[i];
  free(st.items);
  return rc == SG_OK ? sg_ok(err) : rc;
}
