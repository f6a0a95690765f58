/* test_rephase.c — sg_rephase: closed periods keep their actuals, the open
 * ones share the rest through sg_split (plug cell included). Hand-worked
 * examples, and random inputs checked for the promises and against a
 * second method: sg_split of the rest over the open periods alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fixture.h"
#include "salesgoal.h"

#define O NAN /* an open period */

/* The issue's example: 12 x 100, actuals 80, 95, 110 (285); 1,300 - 285 =
 * 1,015 over 9 equal months = 112.78 each: 9 x 112 = 1,008, the 7 units
 * left go to the 7 largest remainders, all equal, so to the earliest 7:
 * 113 x 7 + 112 x 2 = 791 + 224 = 1,015. The example is right. */
static void rephase_issue_example(void **state) {
  (void)state;
  double plan[12], actuals[12] = {80, 95, 110, O, O, O, O, O, O, O, O, O}, out[12];
  for (int i = 0; i < 12; i++) plan[i] = 100;
  sg_error err;
  assert_int_equal(sg_rephase(1300, 12, plan, actuals, 1, out, &err), SG_OK);
  assert_vector_rel(out, (double[]){80, 95, 110, 113, 113, 113, 113, 113, 113, 113, 112, 112}, 12, 0);
}

/* Plug cell: plan 4 x 100, actual 80.5, new total 400, unit 1. 319.5 is
 * left: its 319 whole units split 106.33 each -> 106 x 3 + 1 unit to the
 * earliest = 107, 106, 106; the 0.5 below one unit goes to the largest
 * share, 107 -> 107.5. Column: 80.5 + 107.5 + 106 + 106 = 400. */
static void rephase_plug_cell(void **state) {
  (void)state;
  double out[4];
  assert_int_equal(sg_rephase(400, 4, (double[]){100, 100, 100, 100}, (double[]){80.5, O, O, O}, 1,
                              out, NULL),
                   SG_OK);
  assert_vector_rel(out, (double[]){80.5, 107.5, 106, 106}, 4, 0);
}

/* Plug with unit 100: plan 300, 200, 100, 400; Q1 closed at 250; new total
 * 1,000. 750 is left: 7 whole hundreds by 200 : 100 : 400 = 2, 1, 4 ->
 * 200, 100, 400; the 50 goes to the largest, 400 -> 450. */
static void rephase_plug_cell_hundreds(void **state) {
  (void)state;
  double out[4];
  assert_int_equal(sg_rephase(1000, 4, (double[]){300, 200, 100, 400}, (double[]){250, O, O, O},
                              100, out, NULL),
                   SG_OK);
  assert_vector_rel(out, (double[]){250, 200, 100, 450}, 4, 0);
}

/* All open: the same as SG_SPLIT of the new total. 1,000 by 1 : 1 : 1 in
 * units of 1 -> 333 each + 1 to the earliest: 334, 333, 333. Without a
 * unit, 600 by 1 : 2 : 3 = 100, 200, 300. */
static void rephase_all_open(void **state) {
  (void)state;
  double out[3];
  assert_int_equal(sg_rephase(1000, 3, (double[]){5, 5, 5}, (double[]){O, O, O}, 1, out, NULL), SG_OK);
  assert_vector_rel(out, (double[]){334, 333, 333}, 3, 0);
  assert_int_equal(sg_rephase(600, 3, (double[]){1, 2, 3}, (double[]){O, O, O}, 0, out, NULL), SG_OK);
  assert_vector_rel(out, (double[]){100, 200, 300}, 3, 1e-15);
}

/* All closed: the actuals come back when they make the new total (0.1 +
 * 0.2 is 0.30000000000000004 in binary: still 0.3); otherwise nothing is
 * left open to take the difference. */
static void rephase_all_closed(void **state) {
  (void)state;
  double out[2];
  sg_error err;
  assert_int_equal(sg_rephase(0.3, 2, (double[]){1, 1}, (double[]){0.1, 0.2}, 0.01, out, &err), SG_OK);
  assert_vector_rel(out, (double[]){0.1, 0.2}, 2, 0);
  int rc = sg_rephase(400, 2, (double[]){1, 1}, (double[]){100, 200}, 1, out, &err);
  assert_sg_error(rc, &err, SG_ELOCKED, SG_REPHASE_ARG_ACTUALS, -1);
  assert_true(err.value == 300 && err.value2 == 400);
}

/* An actual of 0 closes its period; a negative actual (returns) is kept
 * and leaves more for the rest: 300 + 20 = 320 over two months. Plan 0 on
 * every open month: evenly, 450 / 3 = 150. */
static void rephase_zero_negative_and_zero_plan(void **state) {
  (void)state;
  double out[4];
  assert_int_equal(sg_rephase(900, 3, (double[]){100, 100, 100}, (double[]){0, O, O}, 1, out, NULL), SG_OK);
  assert_vector_rel(out, (double[]){0, 450, 450}, 3, 0);
  assert_int_equal(sg_rephase(300, 3, (double[]){100, 100, 100}, (double[]){-20, O, O}, 1, out, NULL), SG_OK);
  assert_vector_rel(out, (double[]){-20, 160, 160}, 3, 0);
  assert_int_equal(sg_rephase(500, 4, (double[]){0, 0, 9, 0}, (double[]){O, O, 50, O}, 10, out, NULL), SG_OK);
  assert_vector_rel(out, (double[]){150, 150, 50, 150}, 4, 0);
  /* Plan 0 everywhere and a plug: 455 - 50 = 405 = 40 tens evenly -> 140,
   * 130, 130 (the extra ten to the earliest), + 5 to the largest: 145. */
  assert_int_equal(sg_rephase(455, 4, (double[]){0, 0, 0, 0}, (double[]){O, O, 50, O}, 10, out, NULL), SG_OK);
  assert_vector_rel(out, (double[]){145, 130, 50, 130}, 4, 0);
}

static void rephase_errors(void **state) {
  (void)state;
  double out[3];
  sg_error err;
  /* 700 + 650 = 1,350 is 150 more than 1,200. */
  int rc = sg_rephase(1200, 3, (double[]){1, 1, 1}, (double[]){700, 650, O}, 1, out, &err);
  assert_sg_error(rc, &err, SG_ERANGE, SG_REPHASE_ARG_ACTUALS, -1);
  assert_true(err.value == 1350 && err.value2 == 1200);
  rc = sg_rephase(1200, 3, (double[]){1, -1, 1}, (double[]){O, O, O}, 1, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_REPHASE_ARG_PLAN, 1);
  rc = sg_rephase(NAN, 3, (double[]){1, 1, 1}, (double[]){O, O, O}, 1, out, &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_REPHASE_ARG_NEW_TOTAL, -1);
  rc = sg_rephase(100, 3, (double[]){1, 1, 1}, (double[]){O, INFINITY, O}, 1, out, &err);
  assert_sg_error(rc, &err, SG_ENONFINITE, SG_REPHASE_ARG_ACTUALS, 1);
  rc = sg_rephase(100, 3, (double[]){1, 1, 1}, (double[]){O, O, O}, -1, out, &err);
  assert_sg_error(rc, &err, SG_ENEGATIVE, SG_REPHASE_ARG_UNIT, -1);
  rc = sg_rephase(100, 0, NULL, NULL, 1, out, &err);
  assert_sg_error(rc, &err, SG_ETOOFEW, SG_REPHASE_ARG_PLAN, -1);
}

/* One random case: n periods, about a third closed; actuals in cents or
 * whole numbers. Returns the new total. */
static double random_case(size_t n, double *plan, double *actuals, int cents) {
  double closed = 0;
  for (size_t i = 0; i < n; i++) {
    plan[i] = rand() % 4 == 0 ? 0 : rand() % 1000;
    actuals[i] = rand() % 3 == 0 ? (rand() % 20000) / (cents ? 100.0 : 1.0) : NAN;
    if (!isnan(actuals[i])) closed += actuals[i];
  }
  return closed + (rand() % 3 == 0 ? 0 : (rand() % 500000) / (cents ? 100.0 : 1.0));
}

/* Random inputs: the column adds up to the new total, closed periods are
 * unchanged, at most one open period is off the unit grid (the plug). With
 * whole-number actuals the rest is exact in binary, and the result equals
 * a second method: sg_split of new_total - sum(actuals) over the open
 * periods alone. */
static void rephase_random(void **state) {
  (void)state;
  static const double units[] = {0, 1, 100, 0.01, 0.5, 7};
  srand(1414);
  for (int trial = 0; trial < 4000; trial++) {
    int cents = trial % 2;
    size_t n = 1 + (size_t)(rand() % 14), nopen = 0, open[14];
    double plan[14], actuals[14], out[14], weights[14], shares[14];
    double total = random_case(n, plan, actuals, cents), unit = units[rand() % 6], closed = 0;
    sg_error err;
    int rc = sg_rephase(total, n, plan, actuals, unit, out, &err);
    for (size_t i = 0; i < n; i++) {
      if (isnan(actuals[i])) open[nopen] = i, weights[nopen++] = plan[i];
      else closed += actuals[i];
    }
    if (nopen == 0 && rc == SG_ELOCKED) continue; /* a rest and nothing open to take it */
    assert_int_equal(rc, SG_OK);
    double sum = 0;
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
      if (!isnan(actuals[i])) assert_true(out[i] == actuals[i]);
      else if (unit > 0 && fabs(out[i] / unit - nearbyint(out[i] / unit)) > 1e-9) off++;
      sum += out[i];
    }
    assert_true(off <= 1);
    assert_near_rel(sum, total, 1e-12);
    if (cents || nopen == 0 || total == closed) continue;
    sg_split_input in = {.n = nopen, .total = total - closed, .weights = weights, .unit = unit};
    assert_int_equal(sg_split(&in, shares, &err), SG_OK);
    for (size_t k = 0; k < nopen; k++) assert_near_rel(out[open[k]], shares[k], 1e-12);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rephase_issue_example),
      cmocka_unit_test(rephase_plug_cell),
      cmocka_unit_test(rephase_plug_cell_hundreds),
      cmocka_unit_test(rephase_all_open),
      cmocka_unit_test(rephase_all_closed),
      cmocka_unit_test(rephase_zero_negative_and_zero_plan),
      cmocka_unit_test(rephase_errors),
      cmocka_unit_test(rephase_random),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
