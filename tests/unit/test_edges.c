/*
 * test_edges.c — issue 11 items 11-13 at the edges of doubles: extreme
 * weight ratios split right (checked against an independent long double
 * water level), every result finite or an error with a readable reason,
 * and long messages cut on a UTF-8 character boundary with "…".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "internal.h"
#include "salesgoal.h"
#include "sgf_internal.h"

/* ------------------------------------------------ extreme weight ratios */

/* Found by random search (it said "split: 139 leftover steps for 1
 * candidates"): cap 17 is less than one unit of 100, so cell 1 can hold
 * 0; cell 2, weight 1e322 times smaller but uncapped, takes all 13900. */
static void test_extreme_ratio_found_case(void **state) {
  (void)state;
  double w[] = {4.76008e+240, 4.47709e-82}, caps[] = {17, INFINITY}, out[2];
  sg_split_input in = {2, 13900, w, NULL, caps, NULL, 100};
  sg_error err;
  assert_int_equal(sg_split(&in, out, &err), SG_OK);
  assert_true(out[0] == 0 && out[1] == 13900);
  /* Exact mode: the same answer, the capped cell at its cap. */
  in.unit = 0;
  assert_int_equal(sg_split(&in, out, &err), SG_OK);
  assert_true(out[0] == 17 && out[1] == 13900 - 17);
}

static uint64_t rng = 0x853C49E6748FEA9Bu;
static uint64_t next(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return rng;
}
static double unit01(void) { return (double)(next() >> 11) / 9007199254740992.0; }

/* The exact share in steps of each cell, by bisection on log2(lambda) (a
 * second method: no Newton steps, no breakpoints, no long double). A share
 * is 2^(log2 lambda + log2 w), clamped; in the log domain nothing overflows
 * whatever the ratio of the weights. */
static double share_at(double log_lam, double w, double lo, double hi) {
  if (!(w > 0)) return lo;
  double t = log_lam + log2(w);
  double s = t > 200 ? INFINITY : t < -1100 ? 0 : exp2(t);
  return s < lo ? lo : s > hi ? hi : s;
}

static void reference_shares(size_t n, const double *w, const double *lo, const double *hi,
                             double target, double *q) {
  int any = 0;
  for (size_t i = 0; i < n; i++) any |= w[i] > 0;
  double a = -4000, b = 4000; /* log2 lambda */
  for (int it = 0; it < 200; it++) {
    double mid = (a + b) / 2, f = 0;
    for (size_t i = 0; i < n; i++) f += share_at(mid, any ? w[i] : 1, lo[i], hi[i]);
    if (f < target) a = mid;
    else b = mid;
  }
  for (size_t i = 0; i < n; i++) q[i] = share_at((a + b) / 2, any ? w[i] : 1, lo[i], hi[i]);
}

/* Valgrind runs long double arithmetic in double precision: there the long
 * double search may refuse (SG_EWEIGHTS) what it answers natively. */
static int long_double_is_wide(void) {
  volatile long double one = 1, eps = LDBL_EPSILON;
  return LDBL_MANT_DIG > DBL_MANT_DIG && one + eps > one;
}

/* 50,000 random cases with weights from 1e-307 to 1e307 (about 2,800 of
 * them need the long double search; before it, some failed with "leftover
 * steps", some with a false "caps allow at most"): never an error; every
 * result a whole number of units within floor and cap, adding up to the
 * total, and less than one unit from the exact share. */
static void test_extreme_ratios_random(void **state) {
  (void)state;
  enum { N = 6 };
  double w[N], floors[N], caps[N], out[N];
  double lo[N], hi[N], q[N];
  long ok = 0, refused = 0;
  for (int trial = 0; trial < 50000; trial++) {
    size_t n = 1 + next() % N;
    int64_t min = 0, max = 0, capless = 0;
    for (size_t i = 0; i < n; i++) {
      w[i] = unit01() < 0.1 ? 0 : pow(10, (unit01() * 2 - 1) * 307);
      int64_t kf = unit01() < 0.3 ? (int64_t)(next() % 5) : 0;
      int64_t kc = unit01() < 0.4 ? kf + (int64_t)(next() % 40) : -1;
      floors[i] = (double)kf, caps[i] = kc < 0 ? INFINITY : (double)kc;
      lo[i] = kf, hi[i] = kc < 0 ? INFINITY : kc;
      min += kf;
    }
    int any = 0;
    for (size_t i = 0; i < n; i++) any |= w[i] > 0;
    for (size_t i = 0; i < n; i++) {
      if (any && w[i] == 0) hi[i] = lo[i]; /* zero weights sit at their floor */
      if (isinf(hi[i])) capless = 1;
      else max += (int64_t)hi[i];
    }
    if (capless) max = min + 500;
    int64_t total = min + (int64_t)(next() % (uint64_t)(max - min + 1));
    sg_split_input in = {n, (double)total, w, floors, caps, NULL, 1};
    sg_error err;
    int rc = sg_split(&in, out, &err);
    if (rc == SG_EWEIGHTS) { /* a readable refusal is allowed; counted below */
      refused++;
      continue;
    }
    if (rc != SG_OK) fail_msg("trial %d: %s", trial, err.message);
    reference_shares(n, w, lo, hi, (double)total, q);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
      if (out[i] != floor(out[i]) || out[i] < floors[i] || out[i] > caps[i])
        fail_msg("trial %d cell %zu: %.17g not a whole unit within [%g, %g]", trial, i, out[i],
                 floors[i], caps[i]);
      if (!(fabs(out[i] - q[i]) < 1 + 1e-6)) {
        for (size_t j = 0; j < n; j++)
          print_message("cell %zu: w %.17g floor %g cap %g out %.17g exact %.17g\n", j, w[j],
                        floors[j], caps[j], out[j], q[j]);
        fail_msg("trial %d cell %zu: %.17g is a unit or more from the exact %.17g", trial, i,
                 out[i], q[i]);
      }
      sum += (int64_t)out[i];
    }
    if (sum != total) fail_msg("trial %d: sum %lld, total %lld", trial, (long long)sum, (long long)total);
    ok++;
  }
  /* Natively the long double search answers every one of these. */
  if (long_double_is_wide()) assert_int_equal(refused, 0);
  assert_true(ok + refused == 50000 && ok > 45000);
}

/* ------------------------------------------------ finite or an error */

/* One catalogue call at the edge of doubles: it fails with a message
 * holding fails_with (and never never_says), or it succeeds with nwant
 * numbers within rel of want (rel 0: exactly). */
typedef struct {
  const char *name;
  sgf_lang lang;
  fx_spec args[6];
  const char *fails_with, *never_says;
  size_t nwant;
  double want[2], rel;
} edge_case;

/* 2026-01-01 = 46023, 2026-01-31 = 46053, 2026-06-30 = 46203, 2026-12-31 = 46387. */
static const edge_case edge_cases[] = {
    /* Factor 2 for a whole month of a 1e308 quota is 2e308: no number. */
    {"SG_RAMP", SGF_LANG_EN,
     {FX(1, 1, "1e308"), FX(1, 1, "46023"), FX(1, 1, "46023"), FX(1, 1, "46053"), FX(1, 1, "2")},
     "largest number", NULL, 0, {0}, 0},
    /* 1e307 at factor 1 for the whole month is 1e307 exactly, though
     * quota x 31 days (3.1e308) overflows on the way. */
    {"SG_RAMP", SGF_LANG_EN,
     {FX(1, 1, "1e307"), FX(1, 1, "46023"), FX(1, 1, "46023"), FX(1, 1, "46053"), FX(1, 1, "1")},
     NULL, NULL, 1, {1e307}, 0},
    /* 1e308 + 1e308 expected wins overflow before the deal size. */
    {"SG_FUNNEL_FORECAST", SGF_LANG_ZH,
     {FX(2, 1, "1e308", "1e308"), FX(2, 1, "1", "1"), FX(1, 1, "10")},
     "最大数值", NULL, 0, {0}, 0},
    /* A stage of 1e308 days would start long before year 1. */
    {"SG_FUNNEL_BACKSOLVE", SGF_LANG_EN,
     {FX(1, 1, "100"), FX(1, 1, "10"), FX(1, 1, "0.5"), FX(1, 1, "1e308"), FX(1, 1, "46023")},
     "0001-01-01", NULL, 0, {0}, 0},
    /* A deadline of 1e308 is no date. */
    {"SG_FUNNEL_BACKSOLVE", SGF_LANG_EN,
     {FX(1, 1, "100"), FX(1, 1, "10"), FX(1, 1, "0.5"), FX(1, 1, "10"), FX(1, 1, "1e308")},
     "9999-12-31", NULL, 0, {0}, 0},
    /* Expected by June 30 of a 1e308 target: 1e308 x 181 / 365 days
     * (Jan-Jun 2026: 31+28+31+30+31+30 = 181), though 1e308 x 181 overflows. */
    {"SG_PROGRESS", SGF_LANG_EN,
     {FX(1, 1, "1e308"), FX(1, 1, "5e307"), FX(1, 1, "46023"), FX(1, 1, "46387"),
      FX(1, 1, "46203"), FX(1, 1, "expected")},
     NULL, NULL, 1, {1e308 * (181.0 / 365.0)}, 1e-15},
    /* SG_SPLIT at the largest total: 1:3 of DBL_MAX is DBL_MAX/4 and 3/4 of it. */
    {"SG_SPLIT", SGF_LANG_EN,
     {FX(1, 1, "1.7976931348623157e308"), FX(2, 1, "1", "3")},
     NULL, NULL, 2, {DBL_MAX / 4, DBL_MAX / 4 * 3}, 1e-15},
    /* Floors of 1e308 each add up past any number, said without "inf". */
    {"SG_SPLIT", SGF_LANG_EN,
     {FX(1, 1, "1.7976931348623157e308"), FX(2, 1, "1", "3"), FX_OMITTED, FX(1, 1, "1e308")},
     "largest number", "inf", 0, {0}, 0},
};

/* Every result finite or an error with a readable reason. */
static void test_finite_or_an_error(void **state) {
  (void)state;
  /* 8 cases: 2 SG_RAMP, 3 SG_FUNNEL_*, 1 SG_PROGRESS, 2 SG_SPLIT */
  size_t ncases = sizeof edge_cases / sizeof edge_cases[0];
  for (size_t i = 0; i < ncases; i++) {
    const edge_case *k = &edge_cases[i];
    call_fixture fx;
    int rc = fx_call(&fx, k->lang, k->name, k->args, 6);
    if (rc != (k->fails_with ? -1 : 0))
      fail_msg("case %zu (%s): rc %d, message \"%s\"", i, k->name, rc, fx.call.message);
    if (k->fails_with) assert_message_has(&fx, k->fails_with);
    if (k->never_says) assert_null(strstr(fx.call.message, k->never_says));
    assert_true(fx.result.rows * fx.result.cols >= k->nwant);
    for (size_t j = 0; j < k->nwant; j++)
      assert_near_rel(fx.result.cells[j].number, k->want[j], k->rel);
    fx_free(&fx);
  }
}

/* ------------------------------------------------ messages and UTF-8 */

/* 1 when s is well-formed UTF-8 (no cut character). */
static int valid_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    int extra = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0) return 0;
    p++;
    for (int k = 0; k < extra; k++, p++)
      if ((*p & 0xC0) != 0x80) return 0;
  }
  return 1;
}

static int ends_with_ellipsis(const char *s) {
  size_t n = strlen(s);
  return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0;
}

/* A message longer than the 512-byte buffer, of 3-byte characters: cut on
 * a character boundary and marked "…" (before, it ended mid-character). */
static void test_long_message_cut_on_character(void **state) {
  (void)state;
  char longtext[1200] = "";
  for (int i = 0; i < 300; i++) strcat(longtext, "汉");
  for (int shift = 0; shift < 3; shift++) { /* the cut lands on each byte of a character */
    sgf_call call = {.lang = SGF_LANG_ZH};
    const char *pad = shift == 0 ? "" : shift == 1 ? "a" : "ab";
    sgf_fail(&call, "%s%s", "%s%s", pad, longtext);
    assert_true(strlen(call.message) < SGF_MESSAGE_SIZE);
    assert_true(valid_utf8(call.message));
    assert_true(ends_with_ellipsis(call.message));
    /* The same through an argument and a template with {text}. */
    sgf_vars vars = {.text = longtext};
    sgf_fail_vars(&call, SGF_NO_ARG, "x{text}", "x{text}", &vars);
    assert_true(valid_utf8(call.message) && ends_with_ellipsis(call.message));
    /* And the engine's own 256-byte messages. */
    sg_error err;
    sg_fail(&err, SG_EINVAL, -1, -1, 0, 0, "%s%s", pad, longtext);
    assert_true(strlen(err.message) < SG_ERRMSG_SIZE);
    assert_true(valid_utf8(err.message) && ends_with_ellipsis(err.message));
  }
  /* A short message is left alone. */
  sgf_call call = {.lang = SGF_LANG_EN};
  sgf_fail(&call, "short.", "短。");
  assert_string_equal(call.message, "SG: short.");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_extreme_ratio_found_case),
      cmocka_unit_test(test_extreme_ratios_random),
      cmocka_unit_test(test_finite_or_an_error),
      cmocka_unit_test(test_long_message_cut_on_character),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
