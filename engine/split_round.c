/*
 * split_round.c — sg_split's results once the water level is known: the
 * check that the shares can be rounded (with the histogram of remainders),
 * exact-mode results, largest-remainder rounding to the unit, and the plug
 * cell. See split.c for the outline.
 */
#include "internal.h"
#include "split_solve.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* ------------------------------------------------------------ rounding */

static inline int64_t remainder_key(double q, double base) {
  return (int64_t)round_small((q - base) * REMAINDER_QUANTUM);
}

/* One share counted for rounding: a candidate for the leftover steps (a
 * positive weight, whole steps below its cap) goes into the histogram of
 * remainders and keeps its share in its note; any other item's note holds
 * its whole steps as -1 - base. Shared by both shares loops. */
static inline void note_share(double q, double base, int candidate, size_t *hist, int shift,
                              double *note_i, size_t *ncand) {
  if (candidate) {
    (*ncand)++;
    hist[remainder_key(q, base) >> shift]++;
    *note_i = q;
  } else {
    *note_i = -1 - base;
  }
}

/* The shares add up to rest (to 1e-9 of it), and in unit mode the leftover
 * steps fit the candidates: the end of both shares loops. */
static inline int shares_verdict(share_stats *ss, const sg_ksum *sum, double rest,
                                 double base_sum, size_t ncand, int unit_mode) {
  if (!(fabs(sg_ksum_value(sum) - rest) <= 1e-9 * fmax(1, fabs(rest)))) return 0;
  ss->base_sum = base_sum;
  ss->ncand = ncand;
  return !unit_mode || (base_sum <= rest && rest - base_sum <= (double)ncand);
}

/* The common case, with the bounds worked out inline for each item: no
 * locks, weights scaled by a multiplication, the water level in doubles
 * (not NaN). Item i's share before rounding, and its bounds. In unit mode
 * no bound is -0 and neither is the share (lam + 0.0), so max/min give the
 * same value as sg_fill_share's compares without their branches. */
static inline int fast_shares(const split_state *st) {
  return !st->even && st->wmul && !st->shares && !st->in->locked && !isnan(st->lam);
}

SPLIT_INLINE double fast_share(const split_state *st, size_t i, double lam, int unit_mode,
                                double *lo, double *hi) {
  const sg_split_input *in = st->in;
  double ws = in->weights[i] * st->wscale;
  if (!unit_mode) {
    *lo = in->floors ? in->floors[i] + 0.0 : 0;
    *hi = in->caps ? in->caps[i] : INFINITY;
    return sg_fill_share(ws, *lo, *hi, lam);
  }
  *lo = in->floors ? unit_floor_steps(&st->us, in->floors[i]) : 0;
  *hi = in->caps ? unit_cap_steps(&st->us, in->caps[i]) : INFINITY;
  if (ws == 0) return *lo;
  double q = lam * ws;
  q = *lo > q ? *lo : q;
  return *hi < q ? *hi : q;
}

/* check_shares' loop: unit_mode and fast are constants at each call. */
SPLIT_INLINE int shares_pass(split_state *st, double rest, share_stats *ss, double *note,
                              int unit_mode, int fast) {
  const sg_split_input *in = st->in;
  size_t *hist = st->ctx->hist;
  int shift = st->hist_shift;
  double lam = st->lam + 0.0;
  sg_ksum sum = {0, 0};
  double base_sum = 0, block = 0;
  size_t ncand = 0, nblock = 0;
  for (size_t i = 0; i < in->n; i++) {
    if (!fast && is_locked(in, i)) continue;
    double lo, hi, q = fast ? fast_share(st, i, lam, unit_mode, &lo, &hi)
                            : item_share(st, i, &lo, &hi);
    if (!isfinite(q)) return 0;
    /* Blocks of 256 added plainly (error ~1e-14 of the block), then
     * compensated: ample for a 1e-9 check. */
    block += q;
    if (++nblock == 256) sg_ksum_add(&sum, block), block = 0, nblock = 0;
    if (!unit_mode) continue;
    double base = floor_share(q);
    base_sum += base; /* whole steps up to 2^52 each: exact up to 2^53 */
    note_share(q, base, given_weight(st, i) > 0 && base < hi, hist, shift, &note[i], &ncand);
  }
  sg_ksum_add(&sum, block);
  return shares_verdict(ss, &sum, rest, base_sum, ncand, unit_mode);
}

/* shares_pass for unit mode in the common case (fast_shares): the same
 * sums and notes, in blocks of 256 items by index (no locks, so the same
 * blocks), with each item's bounds from a step_memo. No finiteness test
 * per item: an infinite share (lam * w with no cap) makes the block sum
 * infinite and fails the check below just the same, and is never a
 * candidate (its whole steps are not below its cap), so no key is made
 * from it; NaN needs lam NaN, which fast_shares excludes. */
static int shares_pass_units(split_state *st, double rest, share_stats *ss, double *note) {
  const sg_split_input *in = st->in;
  const double *wv = in->weights, *flv = in->floors, *capv = in->caps;
  const sgd_unit us = st->us;
  step_memo memo = STEP_MEMO_INIT;
  size_t *hist = st->ctx->hist;
  const int shift = st->hist_shift;
  const double lam = st->lam + 0.0, sc = st->wscale;
  sg_ksum sum = {0, 0};
  double base_sum = 0;
  size_t ncand = 0, n = in->n;
  for (size_t start = 0; start < n; start += 256) {
    size_t end = n - start > 256 ? start + 256 : n;
    double block = 0;
    for (size_t i = start; i < end; i++) {
      double w = wv[i], ws = w * sc;
      double lo = flv ? memo_floor_steps(&memo, &us, flv[i]) : 0;
      double hi = capv ? memo_cap_steps(&memo, &us, capv[i]) : INFINITY;
      double q = lam * ws;
      q = lo > q ? lo : q;
      q = hi < q ? hi : q;
      if (ws <= 0) q = lo;
      block += q;
      double base = floor_nonneg(q); /* q >= lo >= 0 */
      base_sum += base; /* whole steps up to 2^52 each: exact up to 2^53 */
      note_share(q, base, w > 0 && base < hi, hist, shift, &note[i], &ncand);
    }
    sg_ksum_add(&sum, block);
  }
  return shares_verdict(ss, &sum, rest, base_sum, ncand, 1);
}

/* Whether the shares solve the split well enough to round: all finite,
 * adding up to rest up to 1e-9 relative (exact mode gives what is left over
 * to one item), and in unit mode the whole steps below them leave between 0
 * and (items that can take one more) steps over. In unit mode also counts
 * the candidates' remainders into ctx->hist and leaves in ctx->steps, for
 * write_units, each free item's share if it can take one more step, or
 * else -1 - its whole steps. */
int sg_split_check_shares(split_state *st, double rest, share_stats *ss) {
  const sg_split_input *in = st->in;
  int bits = 1;
  while (bits < HIST_MAX_BITS && ((size_t)1 << bits) < st->nfree) bits++;
  st->hist_shift = HIST_KEY_BITS - bits;
  st->nbuckets = (size_t)1 << bits;
  int fast = fast_shares(st);
  if (!st->unit_mode)
    return fast ? shares_pass(st, rest, ss, NULL, 0, 1) : shares_pass(st, rest, ss, NULL, 0, 0);
  double *note = sg_scratch_get(&st->ctx->steps, in->n, sizeof *note);
  if (!note) return -1;
  for (size_t b = 0; b < st->nbuckets; b++) st->ctx->hist[b] = 0;
  return fast ? shares_pass_units(st, rest, ss, note) : shares_pass(st, rest, ss, note, 1, 0);
}

/* write_exact's loop (fast is a constant at each call). */
SPLIT_INLINE void write_exact_pass(const split_state *st, double *out, int fast) {
  const sg_split_input *in = st->in;
  sg_ksum sum = st->locked_sum;
  size_t best = (size_t)-1;
  double best_v = 0, lo, hi, lam = st->lam;
  for (size_t i = 0; i < in->n; i++) {
    if (!fast && is_locked(in, i)) continue;
    double v = fast ? fast_share(st, i, lam, 0, &lo, &hi) : item_share(st, i, &lo, &hi);
    out[i] = v;
    sg_ksum_add(&sum, v);
    if (v > lo && v < hi && (best == (size_t)-1 || v > best_v)) best = i, best_v = v;
  }
  double diff = in->total - sg_ksum_value(&sum);
  if (diff != 0 && best != (size_t)-1) {
    item_bounds(st, best, &lo, &hi);
    double v = out[best] + diff;
    if (v >= lo && v <= hi) out[best] = v;
  }
}

/* Exact mode: write shares, then give the last rounding error of the sum to
 * the largest item strictly between its bounds (items at a floor or cap
 * stay exactly there), so the total is as exact as doubles allow. */
void sg_split_write_exact(const split_state *st, double *out) {
  if (fast_shares(st)) write_exact_pass(st, out, 1);
  else write_exact_pass(st, out, 0);
}

/* The plug cell (total or remainder not a multiple of the unit): every free
 * item has a whole number of steps (steps[i]) adding up to the whole steps
 * of the remainder; one of them, the one with the most steps (ties: the
 * earlier item) among those with a weight whose cap leaves room for the
 * amount below one step, takes that amount on top. Its value is the
 * remainder minus every other free item, so the results add up to the
 * total exactly. SG_ENOPLUG when no item has room; out is written only on
 * success. */
static int place_plug(split_state *st, const double *steps, double *out) {
  const sg_split_input *in = st->in;
  const sgd_unit *us = &st->us;
  sg_ksum rest = free_remainder(st);
  for (size_t i = 0; i < in->n; i++)
    if (!is_locked(in, i)) sg_ksum_add(&rest, -sgd_from_steps(us, steps[i]));
  double below = sg_ksum_value(&rest); /* the amount below one step */
  size_t best = (size_t)-1;
  for (size_t i = 0; i < in->n; i++) {
    if (is_locked(in, i)) continue;
    double cap = in->caps ? in->caps[i] : INFINITY;
    if (given_weight(st, i) > 0 && sgd_from_steps(us, steps[i]) + below <= cap &&
        (best == (size_t)-1 || steps[i] > steps[best]))
      best = i;
  }
  if (best == (size_t)-1) {
    /* Say "caps" when the caps themselves cannot hold the remainder. */
    sg_ksum room = {0, 0};
    for (size_t i = 0; i < in->n; i++) {
      if (is_locked(in, i)) continue;
      sg_ksum_add(&room, given_weight(st, i) > 0 && in->caps ? in->caps[i]
                                                             : sgd_from_steps(us, steps[i]));
    }
    sg_ksum need = free_remainder(st);
    if (in->caps && sg_ksum_value(&room) < sg_ksum_value(&need))
      return sg_fail(st->err, SG_ECAPS, SG_SPLIT_ARG_CAPS, -1, sg_ksum_value(&room),
                     sg_ksum_value(&need), "caps allow at most %g but %g is left to split",
                     sg_ksum_value(&room), sg_ksum_value(&need));
    return sg_fail(st->err, SG_ENOPLUG, SG_SPLIT_ARG_CAPS, -1, below, us->unit,
                   "no free item's cap leaves room for the %g below one unit of %g",
                   below, us->unit);
  }
  sg_ksum_add(&rest, sgd_from_steps(us, steps[best]));
  double v = sg_ksum_value(&rest) + 0.0;
  double fl = in->floors ? in->floors[best] : 0;
  if (v < fl) /* only a remainder short of a step by rounding noise gets here */
    return sg_fail(st->err, SG_ENOPLUG, SG_SPLIT_ARG_FLOORS, (long)best, v, fl,
                   "the plug item %zu (%g) would fall below its floor %g", best + 1, v, fl);
  for (size_t i = 0; i < in->n; i++)
    if (!is_locked(in, i)) out[i] = sgd_from_steps(us, steps[i]);
  out[best] = v;
  return SG_OK;
}

/* write_units' loop over the notes of check_shares. */
typedef struct units_pass {
  double *note;
  sg_rank_item *ranks;
  int64_t cut, rank_bucket; /* buckets above cut take a step; rank_bucket is ranked */
  int shift;
  double step_mul, step_div; /* from_steps(k) = k * step_mul / step_div */
} units_pass;

/* Writes out (or, with a plug, the step counts into note); returns how
 * many candidates went to ranks. plug is a constant at each call, and so
 * is lk where the caller passes NULL (no locks). */
SPLIT_INLINE size_t units_pass_run(const split_state *st, const units_pass *p,
                                   const double *lk, double *out, int plug) {
  const sg_split_input *in = st->in;
  double *note = p->note;
  size_t nranks = 0;
  for (size_t i = 0; i < in->n; i++) {
    if (lk && !isnan(lk[i])) continue;
    double q = note[i], k;
    if (q < 0) {
      k = -1 - q;
    } else {
      /* q < 2^53 (the shares add up to at most 2^52 steps and a bit) */
      int64_t whole = (int64_t)floor_nonneg(q);
      int64_t key = remainder_key(q, (double)whole);
      int64_t b = key >> p->shift;
      if (b == p->rank_bucket) {
        p->ranks[nranks].key = key;
        p->ranks[nranks].weight = given_weight(st, i);
        p->ranks[nranks].pos = i;
        nranks++;
      }
      k = (double)(whole + (b > p->cut));
    }
    if (plug) note[i] = k;
    else out[i] = (k * p->step_mul) / p->step_div;
  }
  return nranks;
}

/* Unit mode: round every share down, then give the leftover steps one each
 * to the largest remainders (ties: larger weight, earlier item), skipping
 * items already at their cap and zero weights. A share is at least its
 * floor, which is a whole step, so rounding down never goes below it. The
 * histogram of check_shares finds the bucket where the leftover steps run
 * out: every candidate above it gets a step, and a selection inside it
 * decides the rest. Without a plug the values go straight to out; with
 * one, the step counts stay in scratch until the plug is placed (out is
 * written only on success). */
int sg_split_write_units(split_state *st, const share_stats *ss, int64_t r_steps, int plug,
                       double *out) {
  const sg_split_input *in = st->in;
  const size_t *hist = st->ctx->hist;
  int64_t left = r_steps - (int64_t)ss->base_sum;
  if (left < 0 || (uint64_t)left > ss->ncand) /* check_shares rules this out */
    return sg_fail(st->err, SG_EINTERNAL, -1, -1, (double)left, (double)ss->ncand,
                   "split: %lld leftover steps for %zu candidates", (long long)left, ss->ncand);
  size_t nb = st->nbuckets, edge = nb, need = 0, above = 0; /* edge: the boundary bucket */
  for (size_t b = nb; left > 0 && b-- > 0; above += hist[b])
    if (above + hist[b] >= (size_t)left) {
      edge = b;
      need = (size_t)left - above;
      break;
    }
  int whole_edge = edge < nb && need == hist[edge];
  sg_rank_item *ranks = NULL;
  if (edge < nb && !whole_edge) {
    ranks = sg_scratch_get(&st->ctx->ranks, hist[edge], sizeof *ranks);
    if (!ranks) return SG_ENOMEM;
  }
  /* Buckets above cut take a step; those in rank_bucket go to the
   * selection. Integers, so that neither test is a branch on the data. */
  int64_t cut = (int64_t)edge - whole_edge;
  int64_t rank_bucket = ranks ? (int64_t)edge : -1;
  int shift = st->hist_shift;
  /* from_steps(k) = k * U / 10^d, or k * unit: one formula (x / 1 is x). */
  const sgd_unit *us = &st->us;
  double step_mul = us->decimal ? us->du : us->unit, step_div = us->decimal ? us->pow10 : 1;
  /* note: what check_shares left; with a plug it becomes the step counts. */
  double *note = st->ctx->steps.p;
  size_t nranks = 0;
  const units_pass p = {note, ranks, cut, rank_bucket, shift, step_mul, step_div};
  if (plug) nranks = units_pass_run(st, &p, in->locked, out, 1);
  else if (in->locked) nranks = units_pass_run(st, &p, in->locked, out, 0);
  else nranks = units_pass_run(st, &p, NULL, out, 0);
  if (nranks > 0) {
    sg_select_ranked(ranks, nranks, need);
    for (size_t t = 0; t < need; t++) {
      size_t i = ranks[t].pos;
      if (plug) note[i] += 1;
      else out[i] = sgd_from_steps(&st->us, floor_share(note[i]) + 1);
    }
  }
  return plug ? place_plug(st, note, out) : SG_OK;
}

