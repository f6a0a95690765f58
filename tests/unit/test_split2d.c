/*
 * test_split2d.c — sg_split2d: hand-worked fits, fits checked against an
 * independent method written here (a closed form for 2 x 2, a long double
 * RAS and the cross-ratio characterisation for larger), forced zeros,
 * locks, errors, and 10,000 randomized controlled roundings (margins exact,
 * every cell its fit rounded down or up, multiples of the unit, zero seeds
 * at zero, and for small matrices the rounding closest to the fit found by
 * brute force).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

#define FREE NAN

static int fit(size_t m, size_t n, const double *r, const double *c, const double *seed,
               const double *locked, double unit, double *out, sg_split2d_info *info,
               sg_error *err) {
  sg_split2d_input in = {m, n, r, c, seed, locked, unit};
  memset(err, 0, sizeof *err);
  return sg_split2d(&in, out, info, err);
}

/* An all-ones seed gives row * col / total: 10 * 5 / 40 = 1.25 and so on. */
static void test_all_ones_is_row_times_col_over_total(void **state) {
  (void)state;
  double r[] = {10, 30}, c[] = {5, 15, 20}, seed[] = {1, 1, 1, 1, 1, 1}, out[6];
  double want[] = {1.25, 3.75, 5, 3.75, 11.25, 15};
  sg_error err;
  assert_int_equal(fit(2, 3, r, c, seed, NULL, 0, out, NULL, &err), SG_OK);
  assert_vector_rel(out, want, 6, 1e-12);
}

/* The same with unit 1: floors 1 3 5 / 3 11 15 leave one unit for each row
 * and for columns 1 and 2. Rounding (1,2) and (2,1) up (fractions .75) is
 * 4 x 0.25 = 1.0 away from the fit; the other choice, (1,1) and (2,2)
 * (fractions .25), is 4 x 0.75 = 3.0 away. */
static void test_all_ones_rounded_closest(void **state) {
  (void)state;
  double r[] = {10, 30}, c[] = {5, 15, 20}, seed[] = {1, 1, 1, 1, 1, 1}, out[6];
  double want[] = {1, 4, 5, 4, 11, 15};
  sg_split2d_info info;
  sg_error err;
  assert_int_equal(fit(2, 3, r, c, seed, NULL, 1, out, &info, &err), SG_OK);
  assert_vector_rel(out, want, 6, 0);
  assert_near_rel(info.distance, 1.0, 1e-12);
}

/* 2 x 2 closed form: the fit keeps the cross ratio x11 x22 / (x12 x21) =
 * s11 s22 / (s12 s21) = theta; with x11 = t the margins give x12 = R1 - t,
 * x21 = C1 - t, x22 = R2 - C1 + t, so (1 - theta) t^2 + (R2 - C1 + theta
 * (R1 + C1)) t - theta R1 C1 = 0. */
static void test_two_by_two_closed_form(void **state) {
  (void)state;
  double s[] = {3, 1, 2, 5}, r[] = {70, 30}, c[] = {40, 60}, out[4];
  sg_error err;
  assert_int_equal(fit(2, 2, r, c, s, NULL, 0, out, NULL, &err), SG_OK);
  long double theta = (long double)s[0] * s[3] / ((long double)s[1] * s[2]);
  long double a = 1 - theta, b = r[1] - c[0] + theta * (r[0] + c[0]), k = -theta * r[0] * c[0];
  long double t = (-b + sqrtl(b * b - 4 * a * k)) / (2 * a);
  if (t < 0 || t > r[0] || t > c[0]) t = (-b - sqrtl(b * b - 4 * a * k)) / (2 * a);
  double want[] = {(double)t, (double)(r[0] - t), (double)(c[0] - t), (double)(r[1] - c[0] + t)};
  assert_vector_rel(out, want, 4, 1e-11);
}

/* Independent fit: plain RAS in long double, run to convergence. */
static void reference_ras(size_t m, size_t n, const double *r, const double *c, const double *s,
                          long double *x) {
  for (size_t k = 0; k < m * n; k++) x[k] = s[k];
  long double prev = INFINITY;
  for (int it = 0; it < 100000; it++) {
    long double worst = 0;
    for (size_t i = 0; i < m; i++) {
      long double sum = 0;
      for (size_t j = 0; j < n; j++) sum += x[i * n + j];
      for (size_t j = 0; j < n; j++)
        if (sum > 0) x[i * n + j] *= r[i] / sum;
    }
    for (size_t j = 0; j < n; j++) {
      long double sum = 0;
      for (size_t i = 0; i < m; i++) sum += x[i * n + j];
      for (size_t i = 0; i < m; i++)
        if (sum > 0) x[i * n + j] *= c[j] / sum;
    }
    for (size_t i = 0; i < m; i++) {
      long double sum = 0;
      for (size_t j = 0; j < n; j++) sum += x[i * n + j];
      long double e = fabsl(sum - r[i]) / (r[i] > 0 ? r[i] : 1);
      if (e > worst) worst = e;
    }
    /* Stop at convergence, or once a pass no longer helps (under valgrind
     * long double is only double precision). */
    if (worst < 1e-16L || (worst >= prev && worst < 1e-13L)) break;
    prev = worst;
  }
}

/* 3 x 4 against the reference RAS, and the characterisation of a
 * biproportional fit: x_ij / s_ij = r_i c_j, so for every i, k, j, l
 * (x_ij/s_ij)(x_kl/s_kl) = (x_il/s_il)(x_kj/s_kj). */
static void test_three_by_four_against_reference(void **state) {
  (void)state;
  double s[] = {12, 7, 3, 9, 4, 15, 8, 2, 6, 5, 11, 10};
  double r[] = {400, 350, 250}, c[] = {200, 300, 180, 320}, out[12];
  long double ref[12];
  sg_error err;
  assert_int_equal(fit(3, 4, r, c, s, NULL, 0, out, NULL, &err), SG_OK);
  reference_ras(3, 4, r, c, s, ref);
  for (size_t k = 0; k < 12; k++) assert_near_rel(out[k], (double)ref[k], 1e-10);
  for (size_t i = 0; i < 3; i++)
    for (size_t kk = 0; kk < 3; kk++)
      for (size_t j = 0; j < 4; j++)
        for (size_t l = 0; l < 4; l++) {
          double a = out[i * 4 + j] / s[i * 4 + j] * (out[kk * 4 + l] / s[kk * 4 + l]);
          double b = out[i * 4 + l] / s[i * 4 + l] * (out[kk * 4 + j] / s[kk * 4 + j]);
          assert_near_rel(a, b, 1e-10);
        }
  for (size_t i = 0; i < 3; i++) assert_near_rel(out[i * 4] + out[i * 4 + 1] + out[i * 4 + 2] + out[i * 4 + 3], r[i], 1e-12);
}

/* Lower-triangular seed, rows 1 2 3, columns 1 2 3: row 1 has only (1,1),
 * so x11 = 1 and column 1 is full: x21 = x31 = 0; column 3 has only (3,3),
 * so x33 = 3 and row 3 is full: x32 = 0; then x22 = 2. Every cell is
 * pinned; the three seeded cells forced to 0 are reported. */
static void test_zeros_pin_every_cell(void **state) {
  (void)state;
  double s[] = {1, 0, 0, 1, 1, 0, 1, 1, 1}, r[] = {1, 2, 3}, c[] = {1, 2, 3}, out[9];
  double want[] = {1, 0, 0, 0, 2, 0, 0, 0, 3};
  sg_split2d_info info;
  sg_error err;
  assert_int_equal(fit(3, 3, r, c, s, NULL, 0, out, &info, &err), SG_OK);
  assert_vector_rel(out, want, 9, 1e-12);
  assert_int_equal(info.forced_zero, 3);
  assert_int_equal(fit(3, 3, r, c, s, NULL, 1, out, &info, &err), SG_OK);
  assert_vector_rel(out, want, 9, 0);
}

/* Lock (1,1) at 7 in a 2 x 2 of ones with all totals 10: the free margins
 * are rows 3 10, columns 3 10, so x12 = 3, x21 = 3, x22 = 7. */
static void test_locked_cell(void **state) {
  (void)state;
  double s[] = {1, 1, 1, 1}, r[] = {10, 10}, c[] = {10, 10}, lk[] = {7, FREE, FREE, FREE};
  double out[4], want[] = {7, 3, 3, 7};
  sg_error err;
  assert_int_equal(fit(2, 2, r, c, s, lk, 0, out, NULL, &err), SG_OK);
  assert_vector_rel(out, want, 4, 1e-12);
  assert_int_equal(fit(2, 2, r, c, s, lk, 1, out, NULL, &err), SG_OK);
  assert_vector_rel(out, want, 4, 0);
}

/* A zero seed stays 0 even when its row and column have room. */
static void test_zero_seed_stays_zero(void **state) {
  (void)state;
  double s[] = {0, 1, 1, 1}, r[] = {5, 5}, c[] = {3, 7}, out[4];
  sg_error err;
  /* x11 = 0 so x12 = 5, x21 = 3, x22 = 2. */
  double want[] = {0, 5, 3, 2};
  assert_int_equal(fit(2, 2, r, c, s, NULL, 0, out, NULL, &err), SG_OK);
  assert_vector_rel(out, want, 4, 1e-12);
}

static void test_errors(void **state) {
  (void)state;
  double out[9];
  sg_error err;
  double ones[] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  /* Grand totals 10 and 11. */
  int rc = fit(2, 2, (double[]){5, 5}, (double[]){5, 6}, ones, NULL, 0, out, NULL, &err);
  assert_sg_error(rc, &err, SG_EMARGINS, SG_SPLIT2D_ARG_COLS, -1);
  /* Row 2 needs 5 but its seed is all 0. */
  rc = fit(2, 2, (double[]){5, 5}, (double[]){5, 5}, (double[]){1, 1, 0, 0}, NULL, 0, out, NULL,
           &err);
  assert_sg_error(rc, &err, SG_ENOSEED, SG_SPLIT2D_ARG_ROWS, 1);
  /* Column 2 needs 4 but only row 1 has a seed there, and it is locked. */
  rc = fit(2, 2, (double[]){5, 5}, (double[]){6, 4}, (double[]){1, 1, 1, 0},
           (double[]){FREE, 4, FREE, FREE}, 0, out, NULL, &err);
  assert_int_equal(rc, SG_OK); /* the lock itself fills column 2 */
  rc = fit(2, 2, (double[]){5, 5}, (double[]){6, 4}, (double[]){1, 1, 1, 0},
           (double[]){FREE, 3, FREE, FREE}, 0, out, NULL, &err);
  assert_sg_error(rc, &err, SG_ENOSEED, SG_SPLIT2D_ARG_COLS, 1);
  /* Rows 1 and 2 only have seeds in column 1 (total 3) but need 10. */
  rc = fit(3, 3, (double[]){5, 5, 1}, (double[]){3, 4, 4}, (double[]){1, 0, 0, 1, 0, 0, 1, 1, 1},
           NULL, 0, out, NULL, &err);
  assert_sg_error(rc, &err, SG_EINFEASIBLE, SG_SPLIT2D_ARG_ROWS, 0);
  assert_near_rel(err.value, 10, 1e-12);
  assert_near_rel(err.value2, 3, 1e-12);
  /* Locks of row 1 (8) above its total 5. */
  rc = fit(2, 2, (double[]){5, 15}, (double[]){10, 10}, ones, (double[]){8, FREE, FREE, FREE}, 0,
           out, NULL, &err);
  assert_sg_error(rc, &err, SG_ELOCKED, SG_SPLIT2D_ARG_ROWS, 0);
  rc = fit(2, 2, (double[]){5, -5}, (double[]){0, 0}, ones, NULL, 0, out, NULL, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_SPLIT2D_ARG_ROWS, 1);
  rc = fit(2, 2, (double[]){5, 5}, (double[]){5, 5}, (double[]){1, NAN, 1, 1}, NULL, 0, out, NULL,
           &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_SPLIT2D_ARG_SEED, 1);
  rc = fit(2, 2, (double[]){1500, 500}, (double[]){1000, 1000}, ones, NULL, 1000, out, NULL, &err);
  assert_sg_error(rc, &err, SG_ENOTMULTIPLE, SG_SPLIT2D_ARG_ROWS, 0);
  rc = fit(2, 2, (double[]){5, 5}, (double[]){5, 5}, ones, NULL, -1, out, NULL, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_SPLIT2D_ARG_UNIT, -1);
}

/* ----------------------------------------------- randomized properties */

static uint64_t rng = 0x2545f4914f6cdd1du;
static uint64_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static double uniform(void) { return (double)(next_rand() >> 11) / 9007199254740992.0; }

#define MAXN 7

/* Least sum |x - fit| over every 0/1 "up" pattern meeting the margins
 * (brute force; m * n <= 12). */
static double brute_best(size_t m, size_t n, const double *f, const int64_t *rs,
                         const int64_t *cs) {
  size_t cells = m * n;
  double best = INFINITY;
  for (uint32_t mask = 0; mask < (1u << cells); mask++) {
    int ok = 1;
    double d = 0;
    for (size_t i = 0; i < m && ok; i++) {
      int64_t sum = 0;
      for (size_t j = 0; j < n; j++) {
        size_t k = i * n + j;
        double lo = floor(f[k] + 1e-9), x = lo + ((mask >> k) & 1);
        if (((mask >> k) & 1) && fabs(f[k] - nearbyint(f[k])) <= 1e-9) ok = 0;
        sum += (int64_t)x;
        d += fabs(x - f[k]);
      }
      if (sum != rs[i]) ok = 0;
    }
    for (size_t j = 0; j < n && ok; j++) {
      int64_t sum = 0;
      for (size_t i = 0; i < m; i++) {
        size_t k = i * n + j;
        sum += (int64_t)(floor(f[k] + 1e-9) + ((mask >> k) & 1));
      }
      if (sum != cs[j]) ok = 0;
    }
    if (ok && d < best) best = d;
  }
  return best;
}

static void test_random_controlled_rounding(void **state) {
  (void)state;
  static const double units[] = {1, 100, 0.01, 1000, 5};
  double seed[MAXN * MAXN], truth[MAXN * MAXN], locked[MAXN * MAXN], r[MAXN], c[MAXN];
  double fitv[MAXN * MAXN], out[MAXN * MAXN];
  long double ref[MAXN * MAXN];
  size_t brute_runs = 0;
  for (int trial = 0; trial < 10000; trial++) {
    size_t m = 1 + next_rand() % 6, n = 1 + next_rand() % 6, cells = m * n;
    double unit = units[next_rand() % 5];
    int use_locks = next_rand() % 4 == 0;
    /* A seed with about a quarter zeros, and an integer "truth" in steps on
     * the same zero pattern, so the totals are feasible multiples of unit. */
    for (size_t k = 0; k < cells; k++) {
      seed[k] = next_rand() % 4 == 0 ? 0 : 1 + floor(uniform() * 1000);
      truth[k] = seed[k] > 0 ? (double)(1 + next_rand() % 50) : 0;
      locked[k] = FREE;
    }
    if (use_locks) {
      size_t k = next_rand() % cells;
      locked[k] = truth[k] * unit;
    }
    int64_t rs[MAXN] = {0}, cs[MAXN] = {0};
    for (size_t k = 0; k < cells; k++) {
      rs[k / n] += (int64_t)truth[k];
      cs[k % n] += (int64_t)truth[k];
    }
    for (size_t i = 0; i < m; i++) r[i] = (double)rs[i] * unit;
    for (size_t j = 0; j < n; j++) c[j] = (double)cs[j] * unit;
    sg_split2d_info info;
    sg_error err;
    const double *lk = use_locks ? locked : NULL;
    int rc = fit(m, n, r, c, seed, lk, 0, fitv, NULL, &err);
    if (rc != SG_OK) fail_msg("trial %d: fit failed: %s", trial, err.message);
    rc = fit(m, n, r, c, seed, lk, unit, out, &info, &err);
    if (rc != SG_OK) fail_msg("trial %d: rounding failed: %s", trial, err.message);
    /* The fit, independently: RAS over the free cells with the locks taken
     * out of the margins. The truth is positive on every seeded cell, so
     * nothing is forced to 0 and plain RAS converges. */
    double rf[MAXN], cf[MAXN], sf[MAXN * MAXN];
    for (size_t i = 0; i < m; i++) rf[i] = r[i];
    for (size_t j = 0; j < n; j++) cf[j] = c[j];
    for (size_t k = 0; k < cells; k++) {
      sf[k] = isnan(locked[k]) || !use_locks ? seed[k] : 0;
      if (use_locks && !isnan(locked[k])) rf[k / n] -= locked[k], cf[k % n] -= locked[k];
    }
    reference_ras(m, n, rf, cf, sf, ref);
    double steps_row[MAXN] = {0}, steps_col[MAXN] = {0};
    for (size_t k = 0; k < cells; k++) {
      int is_locked = use_locks && !isnan(locked[k]);
      double want = is_locked ? locked[k] : (double)ref[k];
      if (fabs(fitv[k] - want) > 1e-9 * fmax(1, fabs(want)))
        fail_msg("trial %d cell %zu: fit %.17g, reference %.17g", trial, k, fitv[k], want);
      double q = out[k] / unit, f = want / unit;
      if (fabs(q - nearbyint(q)) > 1e-9) fail_msg("trial %d cell %zu: %.17g not a multiple", trial, k, out[k]);
      q = nearbyint(q);
      if (seed[k] == 0 && !is_locked && out[k] != 0) fail_msg("trial %d: zero seed moved", trial);
      if (q > ceil(f - 1e-7)) fail_msg("trial %d cell %zu: %g above the fit %.17g rounded up", trial, k, q, f);
      if (q < floor(f + 1e-7)) fail_msg("trial %d cell %zu: %g below the fit %.17g", trial, k, q, f);
      steps_row[k / n] += q;
      steps_col[k % n] += q;
    }
    for (size_t i = 0; i < m; i++)
      if (steps_row[i] != (double)rs[i]) fail_msg("trial %d row %zu misses its total", trial, i);
    for (size_t j = 0; j < n; j++)
      if (steps_col[j] != (double)cs[j]) fail_msg("trial %d column %zu misses its total", trial, j);
    if (cells <= 12 && !use_locks) {
      double f[MAXN * MAXN];
      for (size_t k = 0; k < cells; k++) f[k] = (double)ref[k] / unit;
      double best = brute_best(m, n, f, rs, cs);
      if (info.distance / unit > best + 1e-7)
        fail_msg("trial %d: distance %.12g, brute force finds %.12g", trial, info.distance / unit, best);
      brute_runs++;
    }
  }
  assert_true(brute_runs > 1000);
}

/* Totals from a truth that is 0 on some seeded cells, so the zero pattern
 * may force cells to 0 (plain RAS would crawl). The fit must still meet
 * every margin, stay 0 on zero seeds, be biproportional on the cells it
 * keeps (equal cross ratios), and the rounding must be the fit rounded
 * down or up with exact margins. */
static void test_random_forced_zeros(void **state) {
  (void)state;
  double seed[36], r[6], c[6], fitv[36], out[36];
  size_t forced_seen = 0;
  for (int trial = 0; trial < 3000; trial++) {
    size_t m = 2 + next_rand() % 4, n = 2 + next_rand() % 4, cells = m * n;
    int64_t rs[6] = {0}, cs[6] = {0};
    for (size_t k = 0; k < cells; k++) {
      seed[k] = next_rand() % 5 == 0 ? 0 : 1 + (double)(next_rand() % 9);
      int64_t t = seed[k] > 0 && next_rand() % 3 != 0 ? (int64_t)(1 + next_rand() % 9) : 0;
      rs[k / n] += t;
      cs[k % n] += t;
    }
    for (size_t i = 0; i < m; i++) r[i] = (double)rs[i];
    for (size_t j = 0; j < n; j++) c[j] = (double)cs[j];
    sg_split2d_info info;
    sg_error err;
    if (fit(m, n, r, c, seed, NULL, 0, fitv, &info, &err) != SG_OK)
      fail_msg("trial %d: %s", trial, err.message);
    forced_seen += info.forced_zero;
    for (size_t i = 0; i < m; i++) {
      double sum = 0;
      for (size_t j = 0; j < n; j++) sum += fitv[i * n + j];
      if (fabs(sum - r[i]) > 1e-9 * fmax(1, r[i])) fail_msg("trial %d row %zu: %.17g", trial, i, sum);
    }
    for (size_t j = 0; j < n; j++) {
      double sum = 0;
      for (size_t i = 0; i < m; i++) sum += fitv[i * n + j];
      if (fabs(sum - c[j]) > 1e-9 * fmax(1, c[j])) fail_msg("trial %d col %zu: %.17g", trial, j, sum);
    }
    for (size_t k = 0; k < cells; k++) {
      if (fitv[k] < 0 || (seed[k] == 0 && fitv[k] != 0)) fail_msg("trial %d cell %zu", trial, k);
      for (size_t q = 0; q < cells; q++) {
        size_t i = k / n, j = k % n, i2 = q / n, j2 = q % n, a = i * n + j2, b = i2 * n + j;
        if (i == i2 || j == j2 || !(fitv[k] > 1e-9 && fitv[q] > 1e-9 && fitv[a] > 1e-9 && fitv[b] > 1e-9))
          continue;
        double lhs = fitv[k] / seed[k] * (fitv[q] / seed[q]), rhs = fitv[a] / seed[a] * (fitv[b] / seed[b]);
        if (fabs(lhs - rhs) > 1e-7 * fmax(lhs, rhs)) fail_msg("trial %d: cross ratio %g vs %g", trial, lhs, rhs);
      }
    }
    if (fit(m, n, r, c, seed, NULL, 1, out, &info, &err) != SG_OK)
      fail_msg("trial %d rounding: %s", trial, err.message);
    int64_t rr[6] = {0}, cc[6] = {0};
    for (size_t k = 0; k < cells; k++) {
      if (out[k] != floor(out[k])) fail_msg("trial %d: %g not whole", trial, out[k]);
      if (out[k] < floor(fitv[k] + 1e-7) || out[k] > ceil(fitv[k] - 1e-7))
        fail_msg("trial %d cell %zu: %g vs fit %.17g", trial, k, out[k], fitv[k]);
      rr[k / n] += (int64_t)out[k];
      cc[k % n] += (int64_t)out[k];
    }
    for (size_t i = 0; i < m; i++) if (rr[i] != rs[i]) fail_msg("trial %d: row %zu", trial, i);
    for (size_t j = 0; j < n; j++) if (cc[j] != cs[j]) fail_msg("trial %d: col %zu", trial, j);
  }
  assert_true(forced_seen > 100); /* the case this test is for did come up */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_all_ones_is_row_times_col_over_total),
      cmocka_unit_test(test_all_ones_rounded_closest),
      cmocka_unit_test(test_two_by_two_closed_form),
      cmocka_unit_test(test_three_by_four_against_reference),
      cmocka_unit_test(test_zeros_pin_every_cell),
      cmocka_unit_test(test_locked_cell),
      cmocka_unit_test(test_zero_seed_stays_zero),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_random_controlled_rounding),
      cmocka_unit_test(test_random_forced_zeros),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
