/*
 * test_split_props.c — sg_split on random and large inputs (fixed seeds),
 * checked against properties any correct answer must have rather than
 * against the engine's own output:
 *   unit mode: every value an exact multiple of the unit (the nearest double
 *   to the decimal), the sum exactly the total, floors and caps kept, locks
 *   kept, zero weights at their floor, and each value less than one unit
 *   away from the exact (unit 0) split;
 *   exact mode: one water level lambda explains every value (free items at
 *   lambda * w, items at a floor have lambda * w <= floor, items at a cap
 *   have lambda * w >= cap) and the sum is the total.
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

#include "rng.h"

/* A unit as U / p with integers U and p, so the test can build exact
 * multiples (k * U) / p without going through the engine's conversion. */
typedef struct test_unit {
  double u, p;
} test_unit;

static const test_unit units[] = {{1, 1}, {1, 100}, {25, 100}, {100, 1}, {5, 100}, {1, 10}};

static double multiple(const test_unit *tu, int64_t k) {
  return ((double)k * tu->u) / tu->p;
}

/* Steps in v, failing the test unless v is exactly the nearest double to a
 * multiple of the unit. */
static int64_t steps_of(const test_unit *tu, double v) {
  int64_t k = llround(v * tu->p / tu->u);
  if (multiple(tu, k) != v) fail_msg("%.17g is not an exact multiple of %g", v, tu->u / tu->p);
  return k;
}

typedef struct case_data {
  size_t n;
  double *w, *floors, *caps, *locked, *out, *exact;
  int64_t *kf, *kc; /* floor / cap in steps; kc < 0 = no cap */
} case_data;

static void case_alloc(case_data *c, size_t n) {
  c->n = n;
  c->w = calloc(n, sizeof *c->w);
  c->floors = calloc(n, sizeof *c->floors);
  c->caps = calloc(n, sizeof *c->caps);
  c->locked = calloc(n, sizeof *c->locked);
  c->out = calloc(n, sizeof *c->out);
  c->exact = calloc(n, sizeof *c->exact);
  c->kf = calloc(n, sizeof *c->kf);
  c->kc = calloc(n, sizeof *c->kc);
  assert_true(c->w && c->floors && c->caps && c->locked && c->out && c->exact &&
              c->kf && c->kc);
}

static void case_free(case_data *c) {
  free(c->w), free(c->floors), free(c->caps), free(c->locked);
  free(c->out), free(c->exact), free(c->kf), free(c->kc);
}

/* Random feasible case in unit tu; returns the total in steps. */
static int64_t make_unit_case(case_data *c, const test_unit *tu) {
  int64_t locked_steps = 0, min_steps = 0, max_steps = 0;
  int any_weight = 0, any_free = 0, capless = 0;
  for (size_t i = 0; i < c->n; i++) {
    c->w[i] = rng_unit() < 0.2 ? 0 : (rng_unit() < 0.5 ? (double)rng_int(1, 9) : rng_unit() * 1000);
    c->kf[i] = rng_unit() < 0.5 ? 0 : rng_int(0, 5);
    c->kc[i] = rng_unit() < 0.7 ? -1 : c->kf[i] + rng_int(0, 20);
    c->floors[i] = multiple(tu, c->kf[i]);
    c->caps[i] = c->kc[i] < 0 ? INFINITY : multiple(tu, c->kc[i]);
    if (rng_unit() < 0.15) {
      int64_t k = rng_int(0, 50);
      c->locked[i] = multiple(tu, k);
      locked_steps += k;
    } else {
      c->locked[i] = NAN;
      any_free = 1;
      if (c->w[i] > 0) any_weight = 1;
    }
  }
  for (size_t i = 0; i < c->n; i++) {
    if (!isnan(c->locked[i])) continue;
    min_steps += c->kf[i];
    /* Zero weights stay at their floor unless every free weight is zero. */
    if (c->w[i] > 0 || !any_weight) {
      if (c->kc[i] < 0) capless = 1;
      else max_steps += c->kc[i];
    } else {
      max_steps += c->kf[i];
    }
  }
  if (capless) max_steps = min_steps + 300;
  int64_t free_steps = any_free ? rng_int(min_steps, max_steps) : 0;
  return locked_steps + free_steps;
}

/* Random cases in every unit: the unit-mode properties, and closeness to the
 * exact split of the same inputs. */
static void test_random_unit_splits(void **state) {
  (void)state;
  rng_state = 0x2545F4914F6CDD1Du;
  for (int trial = 0; trial < 3000; trial++) {
    const test_unit *tu = &units[trial % (int)(sizeof units / sizeof units[0])];
    case_data c;
    case_alloc(&c, (size_t)rng_int(1, 40));
    int64_t total_steps = make_unit_case(&c, tu);
    double unit = tu->u / tu->p, total = multiple(tu, total_steps);
    sg_split_input in = {c.n, total, c.w, c.floors, c.caps, c.locked, unit};
    sg_error err;
    int rc = sg_split(&in, c.out, &err);
    if (rc != SG_OK) fail_msg("trial %d: %s", trial, err.message);
    in.unit = 0;
    rc = sg_split(&in, c.exact, &err);
    if (rc != SG_OK) fail_msg("trial %d exact: %s", trial, err.message);
    int any_weight = 0;
    for (size_t i = 0; i < c.n; i++)
      if (isnan(c.locked[i]) && c.w[i] > 0) any_weight = 1;
    int64_t sum = 0;
    for (size_t i = 0; i < c.n; i++) {
      int64_t k = steps_of(tu, c.out[i]);
      sum += k;
      if (!isnan(c.locked[i])) {
        assert_true(c.out[i] == c.locked[i]);
        continue;
      }
      if (k < c.kf[i] || (c.kc[i] >= 0 && k > c.kc[i]))
        fail_msg("trial %d item %zu: %lld steps outside [%lld, %lld]", trial, i,
                 (long long)k, (long long)c.kf[i], (long long)c.kc[i]);
      if (any_weight && c.w[i] == 0) assert_int_equal(k, c.kf[i]);
      if (!(fabs(c.out[i] - c.exact[i]) < unit * (1 + 1e-9)))
        fail_msg("trial %d item %zu: %.17g is a unit or more from exact %.17g", trial,
                 i, c.out[i], c.exact[i]);
    }
    if (sum != total_steps)
      fail_msg("trial %d: steps sum to %lld, want %lld", trial, (long long)sum,
               (long long)total_steps);
    case_free(&c);
  }
}

/* Check an exact-mode result: one water level explains every value. */
static void check_water_level(const case_data *c, double total, const char *label) {
  double lo = 0, hi = INFINITY, sum = 0, scale = fabs(total);
  int any_weight = 0;
  for (size_t i = 0; i < c->n; i++)
    if (isnan(c->locked[i]) && c->w[i] > 0) any_weight = 1;
  for (size_t i = 0; i < c->n; i++) {
    double v = c->out[i];
    sum += v;
    if (!isnan(c->locked[i])) {
      assert_true(v == c->locked[i]);
      continue;
    }
    double w = any_weight ? c->w[i] : 1;
    if (v < c->floors[i] || v > c->caps[i])
      fail_msg("%s item %zu: %.17g outside [%g, %g]", label, i, v, c->floors[i], c->caps[i]);
    if (w == 0) {
      assert_true(v == c->floors[i]);
      continue;
    }
    if (c->floors[i] == c->caps[i]) continue; /* pinned: says nothing */
    double ratio = v / w;
    if (v == c->floors[i]) {
      hi = fmin(hi, ratio);
    } else if (v == c->caps[i]) {
      lo = fmax(lo, ratio);
    } else {
      lo = fmax(lo, ratio);
      hi = fmin(hi, ratio);
    }
  }
  /* lo <= hi up to rounding: the level sits between them. */
  if (!(lo <= hi * (1 + 1e-9)))
    fail_msg("%s: no single water level: needs >= %.17g and <= %.17g", label, lo, hi);
  if (!(fabs(sum - total) <= 1e-9 * (scale > 1 ? scale : 1)))
    fail_msg("%s: sum %.17g, total %.17g", label, sum, total);
}

/* Random exact-mode cases with floors, caps and locks in arbitrary doubles;
 * weights spread over many magnitudes so breakpoints are far apart. */
static void test_random_exact_water_level(void **state) {
  (void)state;
  rng_state = 0x9E3779B97F4A7C15u;
  for (int trial = 0; trial < 2000; trial++) {
    case_data c;
    case_alloc(&c, (size_t)rng_int(1, 60));
    double min_sum = 0, max_sum = 0, locked_sum = 0;
    int capless = 0;
    for (size_t i = 0; i < c.n; i++) {
      c.w[i] = rng_unit() < 0.1 ? 0 : ldexp(rng_unit() + 0.01, (int)rng_int(-20, 20));
      c.floors[i] = rng_unit() < 0.5 ? 0 : rng_unit() * 100;
      c.caps[i] = rng_unit() < 0.5 ? INFINITY : c.floors[i] + rng_unit() * 200;
      c.locked[i] = rng_unit() < 0.1 ? rng_unit() * 50 : NAN;
      if (!isnan(c.locked[i])) {
        locked_sum += c.locked[i];
        continue;
      }
      min_sum += c.floors[i];
      if (c.w[i] > 0 && isinf(c.caps[i])) capless = 1;
      max_sum += c.w[i] > 0 ? c.caps[i] : c.floors[i];
    }
    if (capless || max_sum > min_sum + 1000) max_sum = min_sum + 1000;
    /* Stay strictly inside (min, max): at the ends rounding may flip the
     * answer to SG_EFLOORS / SG_ECAPS, which test_split covers. */
    double total = locked_sum + min_sum + (max_sum - min_sum) * (0.001 + 0.998 * rng_unit());
    int all_locked = 1;
    for (size_t i = 0; i < c.n; i++) all_locked &= !isnan(c.locked[i]);
    int all_zero = 1;
    for (size_t i = 0; i < c.n; i++) all_zero &= !(isnan(c.locked[i]) && c.w[i] > 0);
    if (all_locked || all_zero) { /* covered elsewhere; keep this one simple */
      case_free(&c);
      continue;
    }
    sg_split_input in = {c.n, total, c.w, c.floors, c.caps, c.locked, 0};
    sg_error err;
    if (sg_split(&in, c.out, &err) != SG_OK) fail_msg("trial %d: %s", trial, err.message);
    char label[32];
    snprintf(label, sizeof label, "trial %d", trial);
    check_water_level(&c, total, label);
    case_free(&c);
  }
}

/* Many items whose breakpoints are spread geometrically: the water level
 * search cannot finish in a couple of Newton steps and must fall back on
 * bracketing. */
static void test_geometric_breakpoints(void **state) {
  (void)state;
  const size_t n = 20000;
  case_data c;
  case_alloc(&c, n);
  double sum_floors = 0;
  for (size_t i = 0; i < n; i++) {
    c.w[i] = ldexp(1, (int)(i % 40) - 20);
    c.floors[i] = (double)(i % 97);
    c.caps[i] = i % 3 == 0 ? c.floors[i] + (double)(i % 13) : INFINITY;
    c.locked[i] = NAN;
    sum_floors += c.floors[i];
  }
  for (int k = 1; k <= 5; k++) {
    double total = sum_floors * (1 + 0.3 * k);
    sg_split_input in = {n, total, c.w, c.floors, c.caps, c.locked, 0};
    sg_error err;
    if (sg_split(&in, c.out, &err) != SG_OK) fail_msg("%s", err.message);
    check_water_level(&c, total, "geometric");
  }
  case_free(&c);
}

/* 100k items to the cent: the sum is exact and every value is the double
 * nearest to its cents. */
static void test_large_cents_exact_sum(void **state) {
  (void)state;
  const size_t n = 100000;
  const test_unit cents = {1, 100};
  case_data c;
  case_alloc(&c, n);
  rng_state = 0xD1B54A32D192ED03u;
  for (size_t i = 0; i < n; i++) {
    c.w[i] = i % 7 == 0 ? 0 : rng_unit() * 5000;
    c.floors[i] = i % 5 == 0 ? 1.5 : 0;
    c.caps[i] = i % 11 == 0 ? 20.25 : INFINITY;
    c.locked[i] = i % 1000 == 0 ? 12.34 : NAN;
  }
  double total = 1234567.89; /* 123456789 cents */
  sg_split_input in = {n, total, c.w, c.floors, c.caps, c.locked, 0.01};
  sg_error err;
  if (sg_split(&in, c.out, &err) != SG_OK) fail_msg("%s", err.message);
  int64_t sum = 0;
  for (size_t i = 0; i < n; i++) {
    sum += steps_of(&cents, c.out[i]);
    if (isnan(c.locked[i])) assert_true(c.out[i] >= c.floors[i] && c.out[i] <= c.caps[i]);
  }
  assert_int_equal(sum, 123456789);
  case_free(&c);
}

/* 100k equal weights, 150001 units: 1.50001 each -> 1 each, and the 50001
 * leftover units tie on remainder and weight, so they go to the first 50001
 * items. Exercises the selection with a huge tie. */
static void test_large_tie_goes_to_earlier_items(void **state) {
  (void)state;
  const size_t n = 100000;
  double *w = malloc(n * sizeof *w), *out = malloc(n * sizeof *out);
  assert_true(w && out);
  for (size_t i = 0; i < n; i++) w[i] = 3;
  sg_split_input in = {n, 150001, w, NULL, NULL, NULL, 1};
  assert_int_equal(sg_split(&in, out, NULL), SG_OK);
  for (size_t i = 0; i < n; i++)
    if (out[i] != (i < 50001 ? 2 : 1)) fail_msg("item %zu: %g", i, out[i]);
  free(w), free(out);
}

/* Exact mode over many awkward weights: the sum is the total to within a
 * couple of rounding errors. */
static void test_exact_sum_is_tight(void **state) {
  (void)state;
  const size_t n = 1000;
  double *w = malloc(n * sizeof *w), *out = malloc(n * sizeof *out);
  assert_true(w && out);
  rng_state = 0xBF58476D1CE4E5B9u;
  for (size_t i = 0; i < n; i++) w[i] = rng_unit() * 3.7 + 0.1;
  double total = 12345.67;
  sg_split_input in = {n, total, w, NULL, NULL, NULL, 0};
  assert_int_equal(sg_split(&in, out, NULL), SG_OK);
  /* Compensated (Neumaier) sum so the check's own rounding does not
   * dominate; not long double, which valgrind runs at double precision. */
  double sum = 0, comp = 0;
  for (size_t i = 0; i < n; i++) {
    double t = sum + out[i];
    comp += fabs(sum) >= fabs(out[i]) ? (sum - t) + out[i] : (out[i] - t) + sum;
    sum = t;
  }
  double ulp = nextafter(total, INFINITY) - total;
  if (!(fabs(sum + comp - total) <= 4 * ulp))
    fail_msg("sum %.17g, total %.17g", sum + comp, total);
  free(w), free(out);
}

/* Staircases of floors and caps where the first guesses leave no item free
 * (every item at a floor or a cap), so the search has to bracket and bisect
 * on breakpoints rather than take Newton steps. */
static void test_staircase_bounds(void **state) {
  (void)state;
  const size_t n = 5000;
  case_data c;
  case_alloc(&c, n);
  double sum_floors = 0;
  for (size_t i = 0; i < n; i++) {
    c.w[i] = 1;
    c.locked[i] = NAN;
    if (i % 2 == 0) {
      c.floors[i] = (double)i; /* low until lambda passes i */
      c.caps[i] = INFINITY;
    } else {
      c.floors[i] = 0;
      c.caps[i] = (double)(i % 7); /* high almost at once */
    }
    sum_floors += c.floors[i];
  }
  static const double extra[] = {0.5, 1, 17, 1000, 123456};
  for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++) {
    double total = sum_floors + extra[k];
    sg_split_input in = {n, total, c.w, c.floors, c.caps, c.locked, 0};
    sg_error err;
    if (sg_split(&in, c.out, &err) != SG_OK) fail_msg("%s", err.message);
    check_water_level(&c, total, "staircase");
    in.unit = 0.5;
    if (sg_split(&in, c.out, &err) != SG_OK) fail_msg("%s", err.message);
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += c.out[i];
    assert_true(sum == total);
  }
  case_free(&c);
}

/* Random cases with a total off the unit grid (the plug cell): every value
 * is the same as for the whole part of the total, except one free item with
 * a weight, which has the fraction on top; it is the largest of those whose
 * cap has room (ties: earlier); and the values add up to the total (exactly
 * for whole-number units, within one ulp of the total for decimal ones,
 * whose multiples are themselves rounded). When no item has room the split
 * fails with SG_ENOPLUG or SG_ECAPS (SG_ELOCKED if all are locked), never
 * a wrong answer. */
static void test_random_plug(void **state) {
  (void)state;
  rng_state = 0x9E3779B97F4A7C15u;
  int plugged = 0, refused = 0;
  for (int trial = 0; trial < 3000; trial++) {
    const test_unit *tu = &units[trial % (int)(sizeof units / sizeof units[0])];
    case_data c;
    case_alloc(&c, (size_t)rng_int(1, 40));
    int64_t total_steps = make_unit_case(&c, tu);
    double unit = tu->u / tu->p, whole = multiple(tu, total_steps);
    double frac = unit * (0.01 + 0.98 * rng_unit());
    double total = whole + frac;
    sg_split_input in = {c.n, whole, c.w, c.floors, c.caps, c.locked, unit};
    sg_error err;
    if (sg_split(&in, c.exact, &err) != SG_OK) fail_msg("trial %d whole: %s", trial, err.message);
    in.total = total;
    int rc = sg_split(&in, c.out, &err);
    int any_weight = 0;
    for (size_t i = 0; i < c.n; i++)
      if (isnan(c.locked[i]) && c.w[i] > 0) any_weight = 1;
    /* The expected plug, from the whole-part split. */
    size_t want = (size_t)-1;
    for (size_t i = 0; i < c.n; i++) {
      if (!isnan(c.locked[i]) || (any_weight && c.w[i] == 0)) continue;
      if (!(c.exact[i] + (total - whole) <= c.caps[i] * (1 + 1e-15))) continue;
      if (want == (size_t)-1 || c.exact[i] > c.exact[want]) want = i;
    }
    if (rc != SG_OK) {
      if (rc != SG_ENOPLUG && rc != SG_ECAPS && rc != SG_ELOCKED) fail_msg("trial %d: %s", trial, err.message);
      if (want != (size_t)-1) fail_msg("trial %d: item %zu had room: %s", trial, want, err.message);
      refused++;
      case_free(&c);
      continue;
    }
    if (want == (size_t)-1) fail_msg("trial %d: split though no item had room", trial);
    /* Whole-number units: the other cells are integers K (exact in int64) and
     * the plug must be exactly total - K, so that K + plug is the total.
     * Decimal units: a compensated sum within one ulp of the total. (No long
     * double: valgrind computes it in double precision.) */
    int64_t whole_others = 0;
    double s_sum = 0, s_comp = 0;
    for (size_t i = 0; i < c.n; i++) {
      double t = s_sum + c.out[i];
      s_comp += fabs(s_sum) >= fabs(c.out[i]) ? (s_sum - t) + c.out[i] : (c.out[i] - t) + s_sum;
      s_sum = t;
      if (i == want) continue;
      whole_others += (int64_t)c.out[i];
      if (c.out[i] != c.exact[i])
        fail_msg("trial %d item %zu: %.17g, want %.17g", trial, i, c.out[i], c.exact[i]);
    }
    if (!(c.out[want] > c.exact[want] && c.out[want] < c.exact[want] + unit))
      fail_msg("trial %d plug %zu: %.17g not within a unit above %.17g", trial, want,
               c.out[want], c.exact[want]);
    if (tu->p == 1 ? !(c.out[want] == total - (double)whole_others &&
                       (double)whole_others + c.out[want] == total)
                   : !(fabs(s_sum + s_comp - total) <= nextafter(total, INFINITY) - total))
      fail_msg("trial %d: sum %.17g, total %.17g", trial, s_sum + s_comp, total);
    plugged++;
    case_free(&c);
  }
  /* Both outcomes must actually be exercised. */
  assert_true(plugged > 1000 && refused > 10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_unit_splits),
      cmocka_unit_test(test_random_exact_water_level),
      cmocka_unit_test(test_geometric_breakpoints),
      cmocka_unit_test(test_staircase_bounds),
      cmocka_unit_test(test_large_cents_exact_sum),
      cmocka_unit_test(test_large_tie_goes_to_earlier_items),
      cmocka_unit_test(test_exact_sum_is_tight),
      cmocka_unit_test(test_random_plug),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
