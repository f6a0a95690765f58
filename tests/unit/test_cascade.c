/*
 * test_cascade.c — sg_cascade and sg_mismatch worked by hand (three levels
 * with different units, locked leaves, mixed depths, ties), path errors,
 * a randomized tree check (every node the sum of its children, shares in
 * their level's unit), and the spreadsheet face of SG_SPLIT2D, SG_CASCADE
 * and SG_MISMATCH (shapes, blank rows, messages in English and Chinese).
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

#include "fixture.h"
#include "salesgoal.h"

#define FREE NAN

static int cascade(size_t n, const char *const *paths, const double *w, double total,
                   const double *units, size_t nunits, const double *locked, double *out,
                   sg_error *err) {
  sg_cascade_input in = {n, paths, w, total, units, nunits, locked};
  memset(err, 0, sizeof *err);
  return sg_cascade(&in, out, err);
}

static const char *const tree5[] = {"A/a1/x", "A/a1/y", "A/a2/z", "B/b1/u", "B/b2/v"};
static const double w5[] = {3, 1, 2, 5, 4};

/* 110000 over weights A 6, B 9 (of 15) in units of 10000: 4.4 and 6.6 ->
 * 4 + 6, the leftover to B (.6): A 40000, B 70000. A in 1000s: 40 x 4/6 =
 * 26.67, 40 x 2/6 = 13.33 -> 26 + 13, leftover to a1: 27000, 13000. B: 70 x
 * 5/9 = 38.89, 70 x 4/9 = 31.11 -> 38 + 31, leftover to b1: 39000, 31000.
 * a1 in 100s: 270 x 3/4 = 202.5, 270 x 1/4 = 67.5 -> 202 + 67, the leftover
 * ties on remainder; x has the larger weight: 20300, 6700. */
static void test_three_levels_three_units(void **state) {
  (void)state;
  double units[] = {10000, 1000, 100}, out[5];
  double want[] = {20300, 6700, 13000, 39000, 31000};
  sg_error err;
  assert_int_equal(cascade(5, tree5, w5, 110000, units, 3, NULL, out, &err), SG_OK);
  assert_vector_rel(out, want, 5, 0);
}

/* Lock z at 15000: 95000 is left, not a multiple of 10000, so level 1
 * splits it in 1000s over free weights A 4 (x, y), B 9: 95 x 4/13 = 29.23,
 * 95 x 9/13 = 65.77 -> 29 + 65, leftover to B: A free 29000 (A = 44000 with
 * z), B 66000. a1 takes all of A's free 29000. B: 66 x 5/9 = 36.67, 66 x
 * 4/9 = 29.33 -> 36 + 29, leftover to b1: 37000, 29000. a1 in 100s: 290 x
 * 3/4 = 217.5, 72.5 -> 217 + 72, the tie to x: 21800, 7200. */
static void test_locked_leaf(void **state) {
  (void)state;
  double units[] = {10000, 1000, 100}, out[5];
  double locked[] = {FREE, FREE, 15000, FREE, FREE};
  double want[] = {21800, 7200, 15000, 37000, 29000};
  sg_error err;
  assert_int_equal(cascade(5, tree5, w5, 110000, units, 3, locked, out, &err), SG_OK);
  assert_vector_rel(out, want, 5, 0);
}

/* Mixed depths: B is a leaf at level 1, A/s at level 2. 900 in 100s over A
 * 4, B 4: 4.5 each -> 4 + 4, the leftover ties on remainder and weight, so
 * the earlier (A) gets it: A 500, B 400. A in 10s: t1 2, s 2 -> 250, 250;
 * t1 in 1s: 125, 125. */
static void test_mixed_depths_and_ties(void **state) {
  (void)state;
  const char *paths[] = {"A/t1/r1", "A/t1/r2", "A/s", "B"};
  double w[] = {1, 1, 2, 4}, units[] = {100, 10, 1}, out[4];
  double want[] = {125, 125, 250, 400};
  sg_error err;
  assert_int_equal(cascade(4, paths, w, 900, units, 3, NULL, out, &err), SG_OK);
  assert_vector_rel(out, want, 4, 0);
}

/* One unit for every level, blank rows skipped, spaces around levels
 * ignored: 10 over a 1 / b 2 / c 1 in 1s (one level): 2.5 5 2.5 -> 2 5 2,
 * the leftover ties on remainder (.5, .5) and weight: earlier, a. */
static void test_single_unit_blank_rows_spaces(void **state) {
  (void)state;
  const char *paths[] = {"R/a", NULL, " R / b ", "R/c"};
  double w[] = {1, 99, 2, 1}, unit = 1, out[4];
  sg_error err;
  assert_int_equal(cascade(4, paths, w, 10, &unit, 1, NULL, out, &err), SG_OK);
  assert_true(isnan(out[1]));
  assert_int_equal(out[0], 3);
  assert_int_equal(out[2], 5);
  assert_int_equal(out[3], 2);
}

static void test_cascade_errors(void **state) {
  (void)state;
  double out[5], units[] = {1000, 300};
  sg_error err;
  int rc = cascade(5, tree5, w5, 110000, units, 2, NULL, out, &err);
  assert_sg_error(rc, &err, SG_EUNITS, SG_CASCADE_ARG_UNITS, 0);
  const char *dup[] = {"A/x", "A/y", "A/x"};
  rc = cascade(3, dup, w5, 10, NULL, 0, NULL, out, &err);
  assert_sg_error(rc, &err, SG_EPATH, SG_CASCADE_ARG_PATHS, 2);
  assert_int_equal(err.value, SG_PATH_DUPLICATE);
  assert_int_equal(err.value2, 1);
  const char *parent[] = {"A/x", "A/x/deeper"};
  rc = cascade(2, parent, w5, 10, NULL, 0, NULL, out, &err);
  assert_sg_error(rc, &err, SG_EPATH, SG_CASCADE_ARG_PATHS, 1);
  assert_int_equal(err.value, SG_PATH_PARENT);
  const char *parent2[] = {"A/x/deeper", "A/x"};
  rc = cascade(2, parent2, w5, 10, NULL, 0, NULL, out, &err);
  assert_sg_error(rc, &err, SG_EPATH, SG_CASCADE_ARG_PATHS, 1);
  const char *empty[] = {"A/x", "A//y"};
  rc = cascade(2, empty, w5, 10, NULL, 0, NULL, out, &err);
  assert_sg_error(rc, &err, SG_EPATH, SG_CASCADE_ARG_PATHS, 1);
  assert_int_equal(err.value, SG_PATH_EMPTY_LEVEL);
  double locked[] = {60, 60, FREE, FREE, FREE};
  rc = cascade(5, tree5, w5, 100, NULL, 0, locked, out, &err);
  assert_sg_error(rc, &err, SG_ELOCKED, SG_CASCADE_ARG_LOCKED, -1);
  /* Locks of 150 leave 109850, not a multiple of even the finest 100. */
  double odd[] = {150, FREE, FREE, FREE, FREE}, u3[] = {10000, 1000, 100};
  rc = cascade(5, tree5, w5, 110000, u3, 3, odd, out, &err);
  assert_sg_error(rc, &err, SG_ENOTMULTIPLE, SG_CASCADE_ARG_LOCKED, -1);
  assert_near_rel(err.value, 109850, 0);
  /* Without locks the total itself must be whole units of level 1. */
  rc = cascade(5, tree5, w5, 110500, u3, 3, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ENOTMULTIPLE, SG_CASCADE_ARG_TOTAL, -1);
  double neg[] = {3, -1, 2, 5, 4};
  rc = cascade(5, tree5, neg, 100, NULL, 0, NULL, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_CASCADE_ARG_WEIGHTS, 1);
}

/* Random trees: 1..60 leaves, up to 5 levels, units {1000; 100; 10}; every
 * leaf a multiple of the unit of its own level, every node the exact sum of
 * its children (checked by summing leaves per prefix), total kept. */
static void test_random_trees(void **state) {
  (void)state;
  uint64_t rng = 42;
  char buf[60][64];
  const char *paths[60];
  double w[60], out[60], units[] = {1000, 100, 10};
  for (int trial = 0; trial < 2000; trial++) {
    size_t n = 1 + (rng = rng * 6364136223846793005u + 1442695040888963407u) % 60, used = 0;
    for (size_t i = 0; i < n; i++) {
      rng = rng * 6364136223846793005u + 1442695040888963407u;
      int depth = 1 + (int)((rng >> 33) % 5);
      int len = 0;
      for (int d = 0; d < depth; d++)
        len += snprintf(buf[used] + len, 64 - (size_t)len, d ? "/%c" : "%c", 'a' + (int)((rng >> (40 + 3 * d)) % 3));
      len += snprintf(buf[used] + len, 64 - (size_t)len, "#%zu", i); /* unique leaf */
      paths[used] = buf[used];
      w[used] = (double)((rng >> 20) % 50);
      used++;
    }
    double total = 1000.0 * (double)(rng % 500);
    sg_error err;
    int rc = cascade(used, paths, w, total, units, 3, NULL, out, &err);
    if (rc == SG_EPATH) continue; /* a leaf that happens to be a parent: skip */
    if (rc != SG_OK) fail_msg("trial %d: %s", trial, err.message);
    double sum = 0;
    for (size_t i = 0; i < used; i++) {
      int depth = 1;
      for (const char *p = paths[i]; *p; p++) depth += *p == '/';
      double u = units[depth - 1 < 3 ? depth - 1 : 2];
      if (fmod(out[i], u) != 0) fail_msg("trial %d: leaf %s = %g not a multiple of %g", trial, paths[i], out[i], u);
      sum += out[i];
    }
    if (sum != total) fail_msg("trial %d: leaves add up to %g, not %g", trial, sum, total);
    /* Every first-level node a multiple of 1000. */
    for (char top = 'a'; top <= 'c'; top++) {
      double s = 0;
      for (size_t i = 0; i < used; i++)
        if (paths[i][0] == top) s += out[i];
      if (fmod(s, 1000) != 0) fail_msg("trial %d: node %c = %g", trial, top, s);
    }
  }
}

/* Co 1000 vs East 600 + West 390: +10. East 600 vs T1 300 + T2 310: -10.
 * West has no team level listed: its nearest rows are r1 200 + r2 200:
 * -10. Leaves 0; a blank row stays blank. */
static void test_mismatch(void **state) {
  (void)state;
  const char *paths[] = {"Co", "Co/East", "Co/West", "Co/East/T1", "Co/East/T2", NULL,
                         "Co/West/T3/r1", "Co/West/T3/r2"};
  double t[] = {1000, 600, 390, 300, 310, 0, 200, 200}, out[8];
  double want[] = {10, -10, -10, 0, 0, 0, 0, 0};
  sg_error err;
  assert_int_equal(sg_mismatch(8, paths, t, out, &err), SG_OK);
  assert_true(isnan(out[5]));
  out[5] = 0;
  assert_vector_rel(out, want, 8, 0);
  /* 0.1 + 0.2 against 0.3 is no mismatch. */
  const char *p2[] = {"X", "X/a", "X/b"};
  double t2[] = {0.3, 0.1, 0.2};
  assert_int_equal(sg_mismatch(3, p2, t2, out, &err), SG_OK);
  assert_true(out[0] == 0);
  const char *dup[] = {"X", "X"};
  assert_sg_error(sg_mismatch(2, dup, t2, out, &err), &err, SG_EPATH, SG_MISMATCH_ARG_PATHS, 1);
}

/* ------------------------------------------------ the spreadsheet face */

static void test_fn_split2d_shapes_and_messages(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "10", "30");
  ARG(&fx, 1, 3, "5", "15", "20");
  ARG(&fx, 2, 3, "1", "1", "1", "1", "1", "1");
  ARG(&fx, 1, 1, "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT2D"), 0);
  assert_numbers(&fx.result, 2, 3, (double[]){1, 4, 5, 4, 11, 15});
  fx_free(&fx);
  /* Totals that disagree. */
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 2, 1, "10", "31");
  ARG(&fx, 1, 3, "5", "15", "20");
  ARG(&fx, 2, 3, "1", "1", "1", "1", "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT2D"), -1);
  assert_message_has(&fx, "SG_SPLIT2D");
  assert_message_has(&fx, "41");
  assert_message_has(&fx, "40");
  assert_message_has(&fx, "列合计");
  fx_free(&fx);
  /* Row totals of the wrong length. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "10", "30", "0");
  ARG(&fx, 1, 3, "5", "15", "20");
  ARG(&fx, 2, 3, "1", "1", "1", "1", "1", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT2D"), -1);
  assert_message_has(&fx, "has 3 values but seed has 2 rows");
  fx_free(&fx);
  /* A row whose seed is all blank. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "10", "30");
  ARG(&fx, 1, 2, "20", "20");
  ARG(&fx, 2, 2, "1", "1", "", "");
  assert_int_equal(fx_run(&fx, "SG_SPLIT2D"), -1);
  assert_message_has(&fx, "row 2 needs 30");
  fx_free(&fx);
  /* Text in the seed names the cell. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 1, "10", "30");
  ARG(&fx, 1, 2, "20", "20");
  ARG(&fx, 2, 2, "1", "1", "x", "1");
  assert_int_equal(fx_run(&fx, "SG_SPLIT2D"), -1);
  assert_message_has(&fx, "row 2, column 1");
  fx_free(&fx);
}

static void test_fn_cascade_and_mismatch(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 5, 1, "A/a1/x", "A/a1/y", "A/a2/z", "B/b1/u", "B/b2/v");
  ARG(&fx, 5, 1, "3", "1", "2", "5", "4");
  ARG(&fx, 1, 1, "110000");
  ARG(&fx, 3, 1, "10000", "1000", "100");
  assert_int_equal(fx_run(&fx, "SG_CASCADE"), 0);
  assert_numbers(&fx.result, 5, 1, (double[]){20300, 6700, 13000, 39000, 31000});
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 2, 1, "A/x", "A/x");
  ARG(&fx, 2, 1, "1", "1");
  ARG(&fx, 1, 1, "10");
  assert_int_equal(fx_run(&fx, "SG_CASCADE"), -1);
  assert_message_has(&fx, "第 2 行的路径与第 1 行重复");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 5, 1, "A/a1/x", "A/a1/y", "A/a2/z", "B/b1/u", "B/b2/v");
  ARG(&fx, 5, 1, "3", "1", "2", "5", "4");
  ARG(&fx, 1, 1, "110000");
  ARG(&fx, 2, 1, "1000", "300");
  assert_int_equal(fx_run(&fx, "SG_CASCADE"), -1);
  assert_message_has(&fx, "unit of level 1 (1000) is not a multiple");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 4, 1, "Co", "Co/E", "", "Co/W");
  ARG(&fx, 4, 1, "100", "60", "", "30");
  assert_int_equal(fx_run(&fx, "SG_MISMATCH"), 0);
  assert_int_equal(fx.result.rows, 4);
  assert_int_equal(fx.result.cells[0].kind, SGF_NUMBER);
  assert_true(fx.result.cells[0].number == 10);
  assert_int_equal(fx.result.cells[2].kind, SGF_BLANK);
  fx_free(&fx);
  /* A weight on a row without a path is not silently dropped. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "A/x", "", "A/y");
  ARG(&fx, 3, 1, "1", "5", "1");
  ARG(&fx, 1, 1, "10");
  assert_int_equal(fx_run(&fx, "SG_CASCADE"), -1);
  assert_message_has(&fx, "row 2, column 1 of the range stands on a row whose path is blank");
  fx_free(&fx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_three_levels_three_units),
      cmocka_unit_test(test_locked_leaf),
      cmocka_unit_test(test_mixed_depths_and_ties),
      cmocka_unit_test(test_single_unit_blank_rows_spaces),
      cmocka_unit_test(test_cascade_errors),
      cmocka_unit_test(test_random_trees),
      cmocka_unit_test(test_mismatch),
      cmocka_unit_test(test_fn_split2d_shapes_and_messages),
      cmocka_unit_test(test_fn_cascade_and_mismatch),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
