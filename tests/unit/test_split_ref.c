/*
 * test_split_ref.c — the optimised sg_split against a simple reference
 * written here from the documented rules (bisection for the water level in
 * long double, a full sort of the remainders), on random inputs with fixed
 * seeds; sg_split_with's reused context against fresh calls; and seasonal
 * pacing (cached month totals) against the month-by-month sum worked out
 * here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salesgoal.h"
#include "sgf_internal.h"

#include "rng.h"

/* A unit as U / p, so multiples are built exactly as (k * U) / p. */
typedef struct ref_unit {
  double u, p;
} ref_unit;
static const ref_unit units[] = {{1, 1}, {1, 100}, {25, 100}, {100, 1}, {5, 10}};

enum { MAXN = 40 };

typedef struct ref_case {
  size_t n;
  double w[MAXN], fl[MAXN], cap[MAXN];
  int64_t lo[MAXN], hi[MAXN]; /* floors and caps in steps; hi < 0: no cap */
  int64_t steps;              /* the total in steps */
} ref_case;

/* Share of item i at level lam (long double), in steps. */
static long double ref_share(const ref_case *c, const double *w, size_t i, long double lam) {
  if (w[i] == 0) return (long double)c->lo[i];
  long double q = lam * w[i];
  if (q < c->lo[i]) q = c->lo[i];
  if (c->hi[i] >= 0 && q > c->hi[i]) q = c->hi[i];
  return q;
}

typedef struct ref_rank {
  int64_t key;
  double w;
  size_t pos;
} ref_rank;

static int ref_rank_cmp(const void *pa, const void *pb) {
  const ref_rank *a = pa, *b = pb;
  if (a->key != b->key) return a->key > b->key ? -1 : 1;
  if (a->w != b->w) return a->w > b->w ? -1 : 1;
  return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The documented rules, plainly: lambda by bisection, shares rounded down,
 * the leftover steps to the largest remainders (quantised to 1e-9 of a
 * step), ties to the larger weight, then the earlier item. */
static void ref_split(const ref_case *c, int64_t *k) {
  double w[MAXN];
  int any = 0;
  for (size_t i = 0; i < c->n; i++) any |= c->w[i] > 0;
  for (size_t i = 0; i < c->n; i++) w[i] = any ? c->w[i] : 1; /* all zero: evenly */
  long double lo = 0, hi = 1;
  for (;;) { /* grow hi until the shares reach the total */
    long double f = 0;
    for (size_t i = 0; i < c->n; i++) f += ref_share(c, w, i, hi);
    if (f >= c->steps || hi > 1e30L) break;
    hi *= 2;
  }
  for (int it = 0; it < 200; it++) {
    long double mid = (lo + hi) / 2, f = 0;
    for (size_t i = 0; i < c->n; i++) f += ref_share(c, w, i, mid);
    if (f < c->steps) lo = mid;
    else hi = mid;
  }
  ref_rank r[MAXN];
  size_t nr = 0;
  int64_t sum = 0;
  for (size_t i = 0; i < c->n; i++) {
    long double q = ref_share(c, w, i, hi);
    long double base = floorl(q + 1e-12L); /* a share a hair below a whole step is that step */
    if (base > q) q = base;
    k[i] = (int64_t)base;
    sum += k[i];
    if (w[i] > 0 && (c->hi[i] < 0 || k[i] < c->hi[i])) {
      r[nr].key = (int64_t)llroundl((q - base) * 1e9L);
      r[nr].w = w[i];
      r[nr].pos = i;
      nr++;
    }
  }
  qsort(r, nr, sizeof r[0], ref_rank_cmp);
  int64_t left = c->steps - sum;
  assert_true(left >= 0 && left <= (int64_t)nr);
  for (int64_t t = 0; t < left; t++) k[r[t].pos]++;
}

static void make_case(ref_case *c, const ref_unit *tu) {
  c->n = (size_t)rng_int(1, MAXN);
  int64_t sum_lo = 0, sum_hi = 0;
  int open = 0;
  int zeros = rng_int(0, 9) == 0; /* now and then every weight 0 */
  for (size_t i = 0; i < c->n; i++) {
    int kind = (int)rng_int(0, 3);
    c->w[i] = zeros || rng_int(0, 3) == 0 ? 0
              : kind == 0                 ? (double)rng_int(1, 5) /* ties */
                                          : floor(rng_unit() * 1e6) / 100 + 0.01;
    c->lo[i] = rng_int(0, 2) == 0 ? rng_int(0, 50) : 0;
    c->hi[i] = rng_int(0, 2) == 0 ? c->lo[i] + rng_int(0, 80) : -1;
    c->fl[i] = ((double)c->lo[i] * tu->u) / tu->p;
    c->cap[i] = c->hi[i] < 0 ? INFINITY : ((double)c->hi[i] * tu->u) / tu->p;
    sum_lo += c->lo[i];
    if (c->w[i] > 0 || zeros) {
      if (c->hi[i] < 0) open = 1;
      else sum_hi += c->hi[i];
    } else {
      sum_hi += c->lo[i];
    }
  }
  c->steps = sum_lo + (open ? rng_int(0, 4000) : rng_int(0, sum_hi - sum_lo));
}

/* Every share exactly 2.5 * w with odd weights: every remainder is 1/2, so
 * the leftover steps go by weight, then position, alone. */
static void make_tie_case(ref_case *c, const ref_unit *tu) {
  c->n = 2 * (size_t)rng_int(1, MAXN / 2);
  int64_t sum_w = 0;
  for (size_t i = 0; i < c->n; i++) {
    c->w[i] = (double)(2 * rng_int(0, 2) + 1);
    c->lo[i] = 0, c->hi[i] = -1, c->fl[i] = 0, c->cap[i] = INFINITY;
    sum_w += (int64_t)c->w[i];
  }
  (void)tu;
  c->steps = sum_w * 5 / 2; /* sum_w is even */
}

static void test_matches_reference(void **state) {
  (void)state;
  rng_state = 0x5eed0fca11ab1e5u;
  sg_split_ctx *ctx = sg_split_ctx_new();
  assert_non_null(ctx);
  for (int trial = 0; trial < 4000; trial++) {
    const ref_unit *tu = &units[trial % (int)(sizeof units / sizeof units[0])];
    ref_case c;
    if (trial % 5 == 4) make_tie_case(&c, tu);
    else make_case(&c, tu);
    double total = ((double)c.steps * tu->u) / tu->p;
    sg_split_input in = {c.n, total, c.w, c.fl, c.cap, NULL, tu->u / tu->p};
    double out[MAXN], fresh[MAXN];
    sg_error err;
    int rc = sg_split_with(ctx, &in, out, &err);
    if (rc != SG_OK) fail_msg("trial %d: %s", trial, err.message);
    assert_int_equal(sg_split(&in, fresh, NULL), SG_OK);
    int64_t k[MAXN];
    ref_split(&c, k);
    for (size_t i = 0; i < c.n; i++) {
      double want = ((double)k[i] * tu->u) / tu->p;
      if (out[i] != want || memcmp(&out[i], &fresh[i], sizeof out[i]) != 0)
        fail_msg("trial %d item %zu: got %.17g (fresh %.17g), reference %.17g", trial, i,
                 out[i], fresh[i], want);
    }
  }
  sg_split_ctx_free(ctx);
}

/* Exact mode (unit 0): the same water level, up to rounding. */
static void test_exact_matches_reference(void **state) {
  (void)state;
  rng_state = 0xfeedface12345678u;
  const ref_unit one = {1, 1};
  for (int trial = 0; trial < 2000; trial++) {
    ref_case c;
    make_case(&c, &one);
    double total = (double)c.steps + 0.5 * (double)(trial % 2); /* not always whole */
    int any = 0, open = 0;
    double room = 0, sum_lo = 0;
    for (size_t i = 0; i < c.n; i++) any |= c.w[i] > 0;
    for (size_t i = 0; i < c.n; i++) {
      sum_lo += c.fl[i];
      if (c.w[i] > 0 || !any) open |= isinf(c.cap[i]), room += isinf(c.cap[i]) ? 0 : c.cap[i];
      else room += c.fl[i];
    }
    if (!open && total > room) total = room;
    if (total < sum_lo) total = sum_lo;
    sg_split_input in = {c.n, total, c.w, c.fl, c.cap, NULL, 0};
    double out[MAXN];
    sg_error err;
    if (sg_split(&in, out, &err) != SG_OK) fail_msg("trial %d: %s", trial, err.message);
    /* Reference water level by bisection on the real-valued shares. */
    long double lo = 0, hi = 1;
    double w[MAXN];
    for (size_t i = 0; i < c.n; i++) w[i] = any ? c.w[i] : 1;
    for (int it = 0; it < 2000; it++) {
      long double f = 0;
      for (size_t i = 0; i < c.n; i++) {
        long double q = w[i] == 0 ? c.fl[i] : fmaxl(c.fl[i], fminl(c.cap[i], hi * w[i]));
        f += q;
      }
      if (f >= total || hi > 1e30L) break;
      hi *= 2;
    }
    for (int it = 0; it < 200; it++) {
      long double mid = (lo + hi) / 2, f = 0;
      for (size_t i = 0; i < c.n; i++)
        f += w[i] == 0 ? c.fl[i] : fmaxl(c.fl[i], fminl(c.cap[i], mid * w[i]));
      if (f < total) lo = mid;
      else hi = mid;
    }
    for (size_t i = 0; i < c.n; i++) {
      long double q = w[i] == 0 ? c.fl[i] : fmaxl(c.fl[i], fminl(c.cap[i], hi * w[i]));
      if (fabsl(out[i] - q) > 1e-9L * fmaxl(1, fabsl(q)))
        fail_msg("trial %d item %zu: got %.17g, reference %.17Lg", trial, i, out[i], q);
    }
  }
}

/* One context through growing and shrinking splits gives what fresh calls
 * give, bit for bit (including a plug and the staircase). */
static void test_context_reuse(void **state) {
  (void)state;
  static const size_t sizes[] = {200000, 7, 50000, 3, 120000};
  sg_split_ctx *ctx = sg_split_ctx_new();
  assert_non_null(ctx);
  rng_state = 0x0123456789abcdefu;
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    size_t n = sizes[s];
    double *w = malloc(n * sizeof *w), *fl = malloc(n * sizeof *fl);
    double *cap = malloc(n * sizeof *cap), *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    assert_true(w && fl && cap && a && b);
    double sum_fl = 0;
    for (size_t i = 0; i < n; i++) {
      w[i] = i % 10 == 0 ? 0 : floor(rng_unit() * 10000);
      fl[i] = i % 4 == 0 ? 100 : 0;
      cap[i] = i % 5 == 0 ? 3000 : INFINITY;
      if (s % 2 == 1) w[i] = 1, fl[i] = i % 2 == 0 ? (double)i : 0, cap[i] = (double)(7 + i % 7) + fl[i];
      sum_fl += fl[i];
    }
    /* s == 0: not a multiple of the unit, so one item takes a plug. */
    double total = (s % 2 == 1 ? sum_fl + 12 : 1500.0 * (double)n) + (s == 0 ? 0.004 : 0);
    sg_split_input in = {n, total, w, fl, cap, NULL, 0.01};
    sg_error err;
    int rc = sg_split_with(ctx, &in, a, &err);
    if (rc != SG_OK) fail_msg("n %zu: %s", n, err.message);
    assert_int_equal(sg_split(&in, b, NULL), SG_OK);
    assert_memory_equal(a, b, n * sizeof *a);
    free(w), free(fl), free(cap), free(a), free(b);
  }
  sg_split_ctx_free(ctx);
  sg_split_ctx_free(NULL);
}

/* Without locks sg_split takes its fast loops (bounds from the last floor
 * or cap converted, blocks of 256 by index, results without branches);
 * with a lock column of all NaN the same split takes the general ones,
 * which convert every bound afresh. Both must give the same bits, here on
 * floors and caps that repeat, change and fall off the unit grid, zero
 * weights, several units and a plug. */
static void test_fast_loops_match_general(void **state) {
  (void)state;
  enum { N = 5000 };
  static const double units_tried[] = {0.01, 0.25, 1, 0.003, 0};
  static double w[N], fl[N], cap[N], none[N], a[N], b[N];
  rng_state = 0x5eed5eed5eed5eedu;
  for (size_t i = 0; i < N; i++) none[i] = NAN;
  for (int round = 0; round < 40; round++) {
    size_t n = 1 + (size_t)(rng_unit() * N);
    double unit = units_tried[round % 5], sum_fl = 0;
    double run_fl = 0, run_cap = INFINITY;
    for (size_t i = 0; i < n; i++) {
      if (rng_unit() < 0.1) run_fl = floor(rng_unit() * 200) * (rng_unit() < 0.5 ? 1 : 0.037);
      if (rng_unit() < 0.1) run_cap = rng_unit() < 0.3 ? INFINITY : 10 + floor(rng_unit() * 300);
      w[i] = rng_unit() < 0.1 ? 0 : floor(rng_unit() * 1000) + rng_unit();
      fl[i] = rng_unit() < 0.5 ? 0 : run_fl;
      cap[i] = rng_unit() < 0.5 ? INFINITY : run_cap + fl[i];
      sum_fl += fl[i];
    }
    double total = sum_fl + floor(rng_unit() * 60.0 * (double)n) + (round % 3 == 0 ? 0.001 : 0);
    sg_split_input fast = {n, total, w, fl, cap, NULL, unit};
    sg_split_input general = fast;
    general.locked = none;
    sg_error ea, eb;
    int ra = sg_split(&fast, a, &ea), rb = sg_split(&general, b, &eb);
    assert_int_equal(ra, rb);
    if (ra != SG_OK) {
      assert_string_equal(ea.message, eb.message);
      continue;
    }
    assert_memory_equal(a, b, n * sizeof *a);
  }
}

/* A session lends its split context to one SG_SPLIT call at a time: while
 * one call has it, another gets a context of its own. */
static void test_session_split_context(void **state) {
  (void)state;
  sgf_session *session = sgf_session_new();
  assert_non_null(session);
  sg_split_ctx *first = sgf_session_split_take(session);
  sg_split_ctx *second = sgf_session_split_take(session);
  assert_non_null(first);
  assert_non_null(second);
  assert_ptr_not_equal(first, second);
  double w[3] = {1, 2, 3}, out[3];
  sg_split_input in = {3, 60, w, NULL, NULL, NULL, 1};
  assert_int_equal(sg_split_with(first, &in, out, NULL), SG_OK);
  assert_true(out[0] == 10 && out[1] == 20 && out[2] == 30);
  sgf_session_split_give(session, first);
  sgf_session_split_give(session, second); /* the slot is full again: freed */
  assert_ptr_equal(sgf_session_split_take(session), first);
  sgf_session_split_give(session, first);
  assert_null(sgf_session_split_take(NULL));
  sgf_session_split_give(NULL, NULL);
  sgf_session_free(session); /* frees the context it holds (valgrind checks) */
}

/* Seasonal pacing in 2026 (not a leap year) against the weights worked
 * out here: the months before the as-of date's month in full, then its
 * share of days; every figure over the year's total weight. Each date is
 * asked twice through one context, out of order, and once alone. */
static void test_seasonal_expected(void **state) {
  (void)state;
  static const double season[12] = {6, 7, 9, 8, 8, 9, 7, 6, 8, 0, 10, 13};
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  double year = 0;
  for (int m = 0; m < 12; m++) year += season[m] / 13;
  sg_progress_season ctx;
  assert_int_equal(sg_progress_prepare(season, &ctx, NULL), SG_OK);
  const double start = 46023, end = 46387; /* 2026-01-01 .. 2026-12-31 */
  for (int pass = 0; pass < 2; pass++)
    for (long d0 = 0; d0 < 365; d0++) {
      long d = pass == 0 ? d0 : (d0 * 97) % 365; /* the second pass jumps around */
      int m = 0;
      long day = d;
      while (day >= mdays[m]) day -= mdays[m++];
      double num = 0;
      for (int j = 0; j < m; j++) num += season[j] / 13;
      num += season[m] / 13 * (double)(day + 1) / mdays[m];
      double want = 120000 * num / year;
      double out[SG_PROGRESS_COUNT], alone[SG_PROGRESS_COUNT];
      assert_int_equal(sg_progress_with(&ctx, 120000, 5000, start, end, start + (double)d, out, NULL),
                       SG_OK);
      assert_int_equal(sg_progress(120000, 5000, start, end, start + (double)d, season, alone, NULL),
                       SG_OK);
      if (fabs(out[SG_PROGRESS_EXPECTED] - want) > 1e-9 * want)
        fail_msg("day %ld: expected %.17g, worked out %.17g", d, out[SG_PROGRESS_EXPECTED], want);
      assert_memory_equal(out, alone, sizeof out);
    }
}

/* The seasonal weight of days first..last worked out day by day: each day
 * counts w[month] / 13 / (days in its month). */
static double day_by_day(const double w[12], long first, long last) {
  double total = 0;
  for (long s = first; s <= last; s++) {
    sg_date d = sg_date_civil(s);
    total += w[d.month - 1] / 13 / sg_month_days(d.year, d.month);
  }
  return total;
}

/* Periods starting mid-month, short and longer than the months cached
 * (2025-03-15 .. 2029-02-10 is 48 months): expected pacing against the
 * day-by-day weights, through one context and alone. */
static void test_seasonal_periods(void **state) {
  (void)state;
  static const double season[12] = {6, 7, 9, 8, 8, 9, 7, 6, 8, 0, 10, 13};
  static const double spans[][2] = {{46041, 46183}, {45731, 47159}}; /* from 2026-01-19, 2025-03-15 */
  sg_progress_season ctx;
  assert_int_equal(sg_progress_prepare(season, &ctx, NULL), SG_OK);
  for (size_t p = 0; p < 2; p++) {
    long a = (long)spans[p][0], b = (long)spans[p][1];
    double den = day_by_day(season, a, b);
    for (long t = a; t <= b; t += 1 + (t % 5)) {
      double want = 50000 * day_by_day(season, a, t) / den;
      double out[SG_PROGRESS_COUNT], alone[SG_PROGRESS_COUNT];
      assert_int_equal(sg_progress_with(&ctx, 50000, 100, (double)a, (double)b, (double)t, out, NULL),
                       SG_OK);
      assert_int_equal(sg_progress(50000, 100, (double)a, (double)b, (double)t, season, alone, NULL),
                       SG_OK);
      if (fabs(out[SG_PROGRESS_EXPECTED] - want) > 1e-9 * want)
        fail_msg("period %zu day %ld: expected %.17g, worked out %.17g", p, t,
                 out[SG_PROGRESS_EXPECTED], want);
      assert_memory_equal(out, alone, sizeof out);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_matches_reference),
      cmocka_unit_test(test_exact_matches_reference),
      cmocka_unit_test(test_context_reuse),
      cmocka_unit_test(test_fast_loops_match_general),
      cmocka_unit_test(test_session_split_context),
      cmocka_unit_test(test_seasonal_expected),
      cmocka_unit_test(test_seasonal_periods),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
