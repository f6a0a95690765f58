/*
 * test_split_plug.c — the plug cell (issue 10 item 6, issue 11 item 9): a
 * total, or the remainder after locks, that is not a multiple of the unit
 * still splits exactly. Every expected value is worked out by hand in the
 * comment above it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

#define NONE NAN /* a free (unlocked) cell */

/* ------------------------------------------------------- the plug cell */

/* A total that is not a multiple of the unit: the whole units are split as
 * usual, and the free cell with the largest result (ties: the earlier one)
 * takes what is below one unit. */
static void test_plug_odd_total(void **state) {
  (void)state;
  double w[] = {1, 1}, out[2];
  sg_error err;
  /* 1000 whole units: 500 + 500; the tie goes to cell 1: 500.5, 500. */
  double want1[] = {500.5, 500};
  assert_int_equal(split(2, 1000.5, w, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want1, 2);
  /* Unit 100: 10 hundreds -> 500 + 500; the 50 goes to cell 1. */
  double want2[] = {550, 500};
  assert_int_equal(split(2, 1050, w, NULL, NULL, NULL, 100, out, &err), SG_OK);
  assert_same_doubles(out, want2, 2);
  /* Cents: 100.00 -> 50.00 + 50.00; the half cent goes to cell 1, which is
   * then 100.005 - 50 (the double 100.005 minus 50, exact in binary). */
  double want3[] = {100.005 - 50.0, 50};
  assert_int_equal(split(2, 100.005, w, NULL, NULL, NULL, 0.01, out, &err), SG_OK);
  assert_same_doubles(out, want3, 2);
}

/* The plug is the largest result, not the first cell: weights 1:3 of the
 * whole 10 are 2.5 and 7.5; the tied .5 remainders go to the larger weight
 * (2, 8), and the 0.5 below one unit goes to the 8. */
static void test_plug_largest_share(void **state) {
  (void)state;
  double w[] = {1, 3}, out[2];
  sg_error err;
  double want[] = {2, 8.5};
  assert_int_equal(split(2, 10.5, w, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
  /* 5 cells 3,1,3,2,3 of 120.25: whole 120 -> 30,10,30,20,30 exactly; three
   * tie at 30, the earliest (cell 1) takes the 0.25. */
  double w5[] = {3, 1, 3, 2, 3}, out5[5], want5[] = {30.25, 10, 30, 20, 30};
  assert_int_equal(split(5, 120.25, w5, NULL, NULL, NULL, 1, out5, &err), SG_OK);
  assert_same_doubles(out5, want5, 5);
}

/* The plug must stay within its cap: with cell 2 capped at 8 (its rounded
 * result), 8.5 would pass the cap, so the next largest, cell 1, takes the
 * 0.5. A cap of 8.5 leaves room, so cell 2 takes it. */
static void test_plug_respects_cap(void **state) {
  (void)state;
  double w[] = {1, 3}, out[2];
  sg_error err;
  double caps8[] = {INFINITY, 8}, want8[] = {2.5, 8};
  assert_int_equal(split(2, 10.5, w, NULL, caps8, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want8, 2);
  double caps85[] = {INFINITY, 8.5}, want85[] = {2, 8.5};
  assert_int_equal(split(2, 10.5, w, NULL, caps85, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want85, 2);
}

/* When no cap leaves room the split fails with a reason: caps 5.2 and 5.2
 * hold 10.4 >= 10.3, but whole units give 5 and 5 and neither can take 0.3
 * (5.3 > 5.2): SG_ENOPLUG. Caps 5 and 5 cannot hold 10.5 at all: SG_ECAPS. */
static void test_plug_no_room(void **state) {
  (void)state;
  double w[] = {1, 1}, out[2] = {-7, -7};
  sg_error err;
  double caps52[] = {5.2, 5.2};
  assert_sg_error(split(2, 10.3, w, NULL, caps52, NULL, 1, out, &err), &err,
                  SG_ENOPLUG, SG_SPLIT_ARG_CAPS, -1);
  assert_true(out[0] == -7 && out[1] == -7); /* untouched on error */
  double caps5[] = {5, 5};
  assert_sg_error(split(2, 10.5, w, NULL, caps5, NULL, 1, out, &err), &err,
                  SG_ECAPS, SG_SPLIT_ARG_CAPS, -1);
  assert_true(err.value == 10 && err.value2 == 10.5);
}

/* Floors: the plug only ever adds to a whole-unit result that already meets
 * its floor. A zero weight sits at its floor and is never the plug, even
 * when it is the larger and earlier cell: {5, 5} -> cell 2 takes the 0.5. */
static void test_plug_floors_and_zero_weight(void **state) {
  (void)state;
  double w[] = {0, 1}, floors[] = {5, 0}, out[2];
  sg_error err;
  double want[] = {5, 5.5};
  assert_int_equal(split(2, 10.5, w, floors, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
  /* Floors 3 and 3 of 6.75 in units of 1: 3 + 3, plug cell 1: 3.75, 3. */
  double w2[] = {1, 1}, fl3[] = {3, 3}, want2[] = {3.75, 3};
  assert_int_equal(split(2, 6.75, w2, fl3, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want2, 2);
}

/* A lock off the unit grid keeps its value; the remainder 100 - 2.5 = 97.5
 * has 97 whole units: 48.5 each -> 48, 48 and one leftover to the earlier
 * (49, 48); the 0.5 goes to the largest, 49. */
static void test_plug_after_locks(void **state) {
  (void)state;
  double w[] = {1, 1, 1}, lk[] = {2.5, NONE, NONE}, out[3];
  sg_error err;
  double want[] = {2.5, 49.5, 48};
  assert_int_equal(split(3, 100, w, NULL, NULL, lk, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
  /* Locks on the grid, total off it: 10.5 with 4 locked -> 6 whole units
   * over two free cells: 3, 3, plug the earlier free one. */
  double lk4[] = {NONE, 4, NONE}, want4[] = {3.5, 4, 3};
  assert_int_equal(split(3, 10.5, w, NULL, NULL, lk4, 1, out, &err), SG_OK);
  assert_same_doubles(out, want4, 3);
}

/* Issue 11 item 9: no snapping near a multiple. 100000000000.001 has
 * 100000000000 whole units: 50000000000 each; cell 1 takes the 0.001 and
 * is 100000000000.001 - 50000000000 (exact: same binade spacing), so the
 * two add up to the total exactly. Before, 0.001 was lost. */
static void test_plug_no_snapping(void **state) {
  (void)state;
  double w[] = {1, 1}, out[2];
  sg_error err;
  const double total = 100000000000.001;
  assert_int_equal(split(2, total, w, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_true(out[1] == 50000000000.0);
  assert_true(out[0] == total - 50000000000.0);
  assert_true(out[0] + out[1] == total);
  /* One ulp above 10: still not a multiple of 1, the plug has the ulp. */
  double ten_up = nextafter(10.0, 20.0);
  assert_int_equal(split(2, ten_up, w, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_true(out[1] == 5 && out[0] + out[1] == ten_up);
}

/* SG_PERIODS uses the same rule: 3 equal days of 10.5 with unit 1: the
 * whole 10 is 3.33 each -> 3, 3, 3 and the leftover to the earliest day
 * (4, 3, 3); the 0.5 goes to the largest, day 1: 4.5, 3, 3. */
static void test_plug_in_periods(void **state) {
  (void)state;
  sg_periods_input in = {.total = 10.5, .start = 46113, .end = 46115, .grain = SG_GRAIN_DAY,
                         .fiscal_start_month = 1, .unit = 1};
  double starts[3], amounts[3], want[] = {4.5, 3, 3};
  sg_error err;
  assert_int_equal(sg_periods(&in, 3, starts, amounts, &err), SG_OK);
  assert_same_doubles(amounts, want, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plug_odd_total),
      cmocka_unit_test(test_plug_largest_share),
      cmocka_unit_test(test_plug_respects_cap),
      cmocka_unit_test(test_plug_no_room),
      cmocka_unit_test(test_plug_floors_and_zero_weight),
      cmocka_unit_test(test_plug_after_locks),
      cmocka_unit_test(test_plug_no_snapping),
      cmocka_unit_test(test_plug_in_periods),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
