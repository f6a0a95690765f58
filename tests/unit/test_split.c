/*
 * test_split.c — sg_split against hand-worked and published examples, every
 * error code, and randomized property checks (fixed seeds).
 *
 * Every expected value below was worked out by hand (shown in the comments)
 * or comes from a published example; none was copied from the engine.
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

#define N_MAX 16
#define NONE NAN /* a free (unlocked) cell */

/* ------------------------------------------------- published examples */

/* Largest remainder, published vector: 10 seats over these votes. Shares
 * 4.7, 1.6, 1.58, 1.2, 0.61, 0.31 -> floors 4,1,1,1,0,0 (7); the 3 leftover
 * seats go to .7, .61, .6. */
static void test_hamilton_classic_six_parties(void **state) {
  (void)state;
  double w[] = {47000, 16000, 15800, 12000, 6100, 3100}, out[6];
  double want[] = {5, 2, 1, 1, 1, 0};
  sg_error err;
  assert_int_equal(split(6, 10, w, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 6);
  assert_int_equal(err.code, SG_OK);
}

/* (216, 310, 22, 32) into 60: sum 580, shares 22.34, 32.07, 2.28, 3.31 ->
 * floors sum to 59; the one leftover goes to .34 -> (23, 32, 2, 3). */
static void test_hamilton_classic_four_states(void **state) {
  (void)state;
  double w[] = {216, 310, 22, 32}, out[4], want[] = {23, 32, 2, 3};
  sg_error err;
  assert_int_equal(split(4, 60, w, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 4);
}

/* Anaplan hold: Jan 10, Feb held at 20, Mar 30, quarter 100 -> 80 left over
 * 10:30 -> Jan 20, Feb 20, Mar 60. */
static void test_anaplan_hold(void **state) {
  (void)state;
  double w[] = {10, 20, 30}, lk[] = {NONE, 20, NONE}, out[3], want[] = {20, 20, 60};
  sg_error err;
  assert_int_equal(split(3, 100, w, NULL, NULL, lk, 0, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
  assert_int_equal(split(3, 100, w, NULL, NULL, lk, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
}

/* Oracle: Feb and Mar locked at 100, quarter 600 -> Jan 400. */
static void test_oracle_lock(void **state) {
  (void)state;
  double w[] = {1, 1, 1}, lk[] = {NONE, 100, 100}, out[3], want[] = {400, 100, 100};
  sg_error err;
  assert_int_equal(split(3, 600, w, NULL, NULL, lk, 0, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
}

/* 1000 over 7 to the cent: 100000 cents / 7 = 14285.71 each -> 14285 each
 * (99995), 5 leftover cents to the tied remainders, earliest first. */
static void test_cents_over_seven(void **state) {
  (void)state;
  double w[] = {1, 1, 1, 1, 1, 1, 1}, out[7];
  double want[] = {142.86, 142.86, 142.86, 142.86, 142.86, 142.85, 142.85};
  sg_error err;
  assert_int_equal(split(7, 1000, w, NULL, NULL, NULL, 0.01, out, &err), SG_OK);
  assert_same_doubles(out, want, 7);
}

/* Short decimal units other than cents. 5 cents: 1 = 20 steps, 20/3 = 6.67
 * -> 6,6,6 + 2 leftovers -> .35,.35,.30. Quarters: 1 = 4 steps -> 1,1,1 + 1
 * -> .5,.25,.25. */
static void test_other_decimal_units(void **state) {
  (void)state;
  double w[] = {1, 1, 1}, out[3];
  double want5[] = {0.35, 0.35, 0.30}, want25[] = {0.5, 0.25, 0.25};
  sg_error err;
  assert_int_equal(split(3, 1, w, NULL, NULL, NULL, 0.05, out, &err), SG_OK);
  assert_same_doubles(out, want5, 3);
  assert_int_equal(split(3, 1, w, NULL, NULL, NULL, 0.25, out, &err), SG_OK);
  assert_same_doubles(out, want25, 3);
}

/* A unit that is no short decimal is used as is: 1 = 3 steps of 1/3, two
 * equal items -> 1.5 each -> 1,1 + 1 leftover to the first -> 2/3, 1/3. */
static void test_non_decimal_unit(void **state) {
  (void)state;
  double w[] = {1, 1}, out[2], want[] = {2 * (1.0 / 3), 1.0 / 3};
  sg_error err;
  assert_int_equal(split(2, 1, w, NULL, NULL, NULL, 1.0 / 3, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
}

/* Rounding to 100: 12300 over weights 1,2 -> 41 and 82 steps of 100 exactly. */
static void test_unit_hundred(void **state) {
  (void)state;
  double w[] = {1, 2}, out[2], want[] = {4100, 8200};
  sg_error err;
  assert_int_equal(split(2, 12300, w, NULL, NULL, NULL, 100, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
}

/* ------------------------------------------------- floors and caps */

/* Weights 1,1,8 over 100: item 3 would get 80 but is capped at 50; the
 * other 50 goes 1:1 -> (25, 25, 50). */
static void test_cap_water_filling(void **state) {
  (void)state;
  double w[] = {1, 1, 8}, caps[] = {INFINITY, INFINITY, 50}, out[3];
  double want[] = {25, 25, 50};
  sg_error err;
  assert_int_equal(split(3, 100, w, NULL, caps, NULL, 0, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
  assert_int_equal(split(3, 100, w, NULL, caps, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
}

/* Weights 1,4,5 over 100 with floor 30 on item 1: it would get 10, so it
 * sits at 30; 70 goes 4:5 -> 280/9 = 31.11..., 350/9 = 38.88... */
static void test_floor_water_filling(void **state) {
  (void)state;
  double w[] = {1, 4, 5}, floors[] = {30, 0, 0}, out[3];
  sg_error err;
  assert_int_equal(split(3, 100, w, floors, NULL, NULL, 0, out, &err), SG_OK);
  assert_true(out[0] == 30);
  assert_near_rel(out[1], 280.0 / 9, 1e-12);
  assert_near_rel(out[2], 350.0 / 9, 1e-12);
  assert_near_rel(out[0] + out[1] + out[2], 100, 1e-12);
  /* To the cent: 7000 cents 4:5 -> 3111.1, 3888.9 -> 3111, 3888 + 1 to .9. */
  double want[] = {30, 31.11, 38.89};
  assert_int_equal(split(3, 100, w, floors, NULL, NULL, 0.01, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
}

/* Floor and cap binding together: weights 1,1,10, total 60, floor 25 on
 * item 1, cap 20 on item 3. At water level 15 item 1 wants 15 (< floor 25),
 * item 3 wants 150 (> cap 20), item 2 takes 15: 25 + 15 + 20 = 60. */
static void test_floor_and_cap_together(void **state) {
  (void)state;
  double w[] = {1, 1, 10}, floors[] = {25, 0, 0};
  double caps[] = {INFINITY, INFINITY, 20}, out[3], want[] = {25, 15, 20};
  sg_error err;
  assert_int_equal(split(3, 60, w, floors, caps, NULL, 0, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
}

/* Floor 150 with unit 100 means at least 200. Weights 1,10,10, total 1000:
 * 10 steps; item 1 would get < 2 steps so it sits at 2; 8 left 10:10 ->
 * (200, 400, 400). */
static void test_unit_rounds_floor_up(void **state) {
  (void)state;
  double w[] = {1, 10, 10}, floors[] = {150, 0, 0}, out[3];
  double want[] = {200, 400, 400};
  sg_error err;
  assert_int_equal(split(3, 1000, w, floors, NULL, NULL, 100, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
}

/* Cap 250 with unit 100 means at most 200: weights 1,1, total 600 -> item 1
 * limited to 2 steps, item 2 gets 4. And 300/100 counts as 3 steps. */
static void test_unit_rounds_cap_down(void **state) {
  (void)state;
  double w[] = {1, 1}, caps[] = {250, INFINITY}, out[2], want[] = {200, 400};
  sg_error err;
  assert_int_equal(split(2, 600, w, NULL, caps, NULL, 100, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
  double floors3[] = {0.3, 0}, caps3[] = {0.3, INFINITY}, want3[] = {0.3, 0.7};
  assert_int_equal(split(2, 1, w, floors3, caps3, NULL, 0.1, out, &err), SG_OK);
  assert_same_doubles(out, want3, 2);
}

/* Every free weight zero: split evenly (planning-tool convention). */
static void test_all_zero_weights_split_evenly(void **state) {
  (void)state;
  double w[] = {0, 0, 0}, out[3], want[] = {34, 33, 33};
  sg_error err;
  assert_int_equal(split(3, 100, w, NULL, NULL, NULL, 0, out, &err), SG_OK);
  for (int i = 0; i < 3; i++) assert_near_rel(out[i], 100.0 / 3, 1e-12);
  assert_int_equal(split(3, 100, w, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
  /* Even split still respects floors: floor 50 on item 3 -> 25, 25, 50. */
  double floors[] = {0, 0, 50}, want_f[] = {25, 25, 50};
  assert_int_equal(split(3, 100, w, floors, NULL, NULL, 0, out, &err), SG_OK);
  assert_same_doubles(out, want_f, 3);
}

/* A zero weight among positive ones gets its floor (and no leftover unit). */
static void test_zero_weight_gets_floor(void **state) {
  (void)state;
  double w[] = {0, 1, 1}, floors[] = {10, 0, 0}, out[3], want[] = {10, 45, 45};
  sg_error err;
  assert_int_equal(split(3, 100, w, floors, NULL, NULL, 0, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
  /* 101 over (0, 1, 1) in units: 50.5 each -> 50, 50 + 1 to the earlier. */
  double want_u[] = {10, 46, 45};
  assert_int_equal(split(3, 101, w, floors, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want_u, 3);
}

/* Ties: equal remainders go to the larger weight, then the earlier item.
 * (1,3) into 2: shares .5, 1.5 -> 0, 1 + one leftover; both remainders .5,
 * the larger weight wins -> (0, 2). (1,1) into 1 -> (1, 0). */
static void test_ties_larger_weight_then_earlier(void **state) {
  (void)state;
  double w13[] = {1, 3}, w11[] = {1, 1}, out[2];
  double want13[] = {0, 2}, want11[] = {1, 0};
  sg_error err;
  assert_int_equal(split(2, 2, w13, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want13, 2);
  assert_int_equal(split(2, 1, w11, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want11, 2);
}

/* A leftover never goes above a cap: weights 1,1,1, total 5, cap 1 on item
 * 1 -> item 1 at 1 (cap), 4 over two -> 2, 2. With total 4 and cap 1 on
 * item 1: 4/3 each would give item 1 the leftover by position, but it is
 * capped at 1 -> water level 1.5 for the rest -> 1 + 1 leftover to item 2. */
static void test_leftover_respects_cap(void **state) {
  (void)state;
  double w[] = {1, 1, 1}, caps[] = {1, INFINITY, INFINITY}, out[3];
  double want5[] = {1, 2, 2}, want4[] = {1, 2, 1};
  sg_error err;
  assert_int_equal(split(3, 5, w, NULL, caps, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want5, 3);
  assert_int_equal(split(3, 4, w, NULL, caps, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want4, 3);
}

/* Floors add up exactly to what is left: everyone at the floor. Caps add
 * up exactly: everyone at the cap. */
static void test_exactly_at_floors_or_caps(void **state) {
  (void)state;
  double w[] = {1, 2}, floors[] = {40, 60}, caps[] = {40, 60}, out[2];
  double want[] = {40, 60};
  sg_error err;
  assert_int_equal(split(2, 100, w, floors, NULL, NULL, 0, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
  assert_int_equal(split(2, 100, w, NULL, caps, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
}

/* Locked cells ignore their weight, floor and cap, even invalid ones. */
static void test_locked_ignores_weight_floor_cap(void **state) {
  (void)state;
  double w[] = {NAN, 1}, floors[] = {-1, 0}, caps[] = {-5, INFINITY};
  double lk[] = {30, NONE}, out[2], want[] = {30, 70};
  sg_error err;
  assert_int_equal(split(2, 100, w, floors, caps, lk, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 2);
}

/* Everything locked and consistent: the locks come back unchanged. */
static void test_all_locked_matching_total(void **state) {
  (void)state;
  double w[] = {1, 1}, lk[] = {0.1, 0.2}, out[2];
  sg_error err;
  /* 0.1 + 0.2 is 0.30000000000000004 in doubles: rounding noise, not a miss. */
  assert_int_equal(split(2, 0.3, w, NULL, NULL, lk, 0, out, &err), SG_OK);
  assert_same_doubles(out, lk, 2);
  assert_int_equal(split(2, 0.3, w, NULL, NULL, lk, 0.1, out, &err), SG_OK);
  assert_same_doubles(out, lk, 2);
}

/* err may be NULL, and a reused sg_error is reset on success. */
static void test_null_error_and_reset(void **state) {
  (void)state;
  double w[] = {1, 1}, out[2];
  sg_split_input in = {2, 10, w, NULL, NULL, NULL, 1};
  assert_int_equal(sg_split(&in, out, NULL), SG_OK);
  in.total = NAN;
  assert_int_equal(sg_split(&in, out, NULL), SG_ENONFINITE);
  sg_error err;
  in.total = -10;
  assert_int_equal(sg_split(&in, out, &err), SG_EFLOORS);
  in.total = 10;
  assert_int_equal(sg_split(&in, out, &err), SG_OK);
  assert_int_equal(err.code, SG_OK);
  assert_string_equal(err.message, "");
}

/* Only ratios of weights matter, however tiny or huge the weights are:
 * 1:3:4 of 8 is 1, 3, 4; of 1e10 it is 1.25e9, 3.75e9, 5e9. */
static void test_extreme_weight_magnitudes(void **state) {
  (void)state;
  double tiny[] = {1e-300, 3e-300, 4e-300}, huge[] = {1e300, 3e300, 4e300}, out[3];
  double want[] = {1, 3, 4};
  sg_error err;
  assert_int_equal(split(3, 8, tiny, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
  assert_int_equal(split(3, 8, huge, NULL, NULL, NULL, 1, out, &err), SG_OK);
  assert_same_doubles(out, want, 3);
  assert_int_equal(split(3, 1e10, tiny, NULL, NULL, NULL, 0, out, &err), SG_OK);
  assert_near_rel(out[0], 1.25e9, 1e-12);
  assert_near_rel(out[1], 3.75e9, 1e-12);
  assert_near_rel(out[2], 5e9, 1e-12);
}

/* Zero results are +0, never -0 (which a sheet may show as "-0"), even with
 * a -0 floor or a zero rounded through the unit arithmetic. */
static void test_no_negative_zero(void **state) {
  (void)state;
  double w[] = {1, 0, 0}, floors[] = {0, -0.0, 0}, out[3];
  static const double units[] = {0, 1, 0.01, 100, 1.0 / 3};
  sg_error err;
  for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
    assert_int_equal(split(3, 300, w, floors, NULL, NULL, units[u], out, &err), SG_OK);
    assert_true(out[0] == 300);
    for (int i = 1; i < 3; i++) assert_false(signbit(out[i]));
  }
}

/* ------------------------------------------------- errors */

static void test_errors_bad_arrays(void **state) {
  (void)state;
  double w[] = {1}, out[1];
  sg_error err;
  assert_sg_error(split(0, 1, w, NULL, NULL, NULL, 0, out, &err), &err, SG_EINVAL,
                  SG_SPLIT_ARG_WEIGHTS, -1);
  assert_sg_error(split(1, 1, NULL, NULL, NULL, NULL, 0, out, &err), &err, SG_EINVAL,
                  SG_SPLIT_ARG_WEIGHTS, -1);
  sg_split_input in = {1, 1, w, NULL, NULL, NULL, 0};
  assert_int_equal(sg_split(&in, NULL, &err), SG_EINVAL);
  assert_int_equal(sg_split(NULL, out, &err), SG_EINVAL);
}

static void test_errors_total_and_unit(void **state) {
  (void)state;
  double w[] = {1, 1}, out[2];
  sg_error err;
  assert_sg_error(split(2, NAN, w, NULL, NULL, NULL, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_TOTAL, -1);
  assert_sg_error(split(2, -INFINITY, w, NULL, NULL, NULL, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_TOTAL, -1);
  assert_sg_error(split(2, 10, w, NULL, NULL, NULL, NAN, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_UNIT, -1);
  assert_sg_error(split(2, 10, w, NULL, NULL, NULL, INFINITY, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_UNIT, -1);
  assert_sg_error(split(2, 10, w, NULL, NULL, NULL, -1, out, &err), &err,
                  SG_ENEGATIVE, SG_SPLIT_ARG_UNIT, -1);
  /* 2^53 steps of 1 cannot all be exact doubles. */
  assert_sg_error(split(2, 9007199254740992.0, w, NULL, NULL, NULL, 1, out, &err),
                  &err, SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1);
  assert_sg_error(split(2, 1e17, w, NULL, NULL, NULL, 0.01, out, &err), &err,
                  SG_ETOOLARGE, SG_SPLIT_ARG_TOTAL, -1);
}

static void test_errors_weights(void **state) {
  (void)state;
  double out[3];
  sg_error err;
  double nan_w[] = {1, 1, NAN}, inf_w[] = {INFINITY, 1, 1}, neg_w[] = {1, -1, 1};
  assert_sg_error(split(3, 10, nan_w, NULL, NULL, NULL, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_WEIGHTS, 2);
  assert_sg_error(split(3, 10, inf_w, NULL, NULL, NULL, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_WEIGHTS, 0);
  assert_sg_error(split(3, 10, neg_w, NULL, NULL, NULL, 0, out, &err), &err,
                  SG_ENEGATIVE, SG_SPLIT_ARG_WEIGHTS, 1);
  assert_true(err.value == -1);
}

static void test_errors_floors_caps(void **state) {
  (void)state;
  double w[] = {1, 1, 1}, out[3];
  sg_error err;
  double f_nan[] = {0, NAN, 0}, f_inf[] = {0, 0, INFINITY}, f_neg[] = {-5, 0, 0};
  double c_nan[] = {NAN, 9, 9}, c_neg[] = {9, 9, -1}, c_minf[] = {9, -INFINITY, 9};
  assert_sg_error(split(3, 10, w, f_nan, NULL, NULL, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_FLOORS, 1);
  assert_sg_error(split(3, 10, w, f_inf, NULL, NULL, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_FLOORS, 2);
  assert_sg_error(split(3, 10, w, f_neg, NULL, NULL, 0, out, &err), &err,
                  SG_ENEGATIVE, SG_SPLIT_ARG_FLOORS, 0);
  assert_sg_error(split(3, 10, w, NULL, c_nan, NULL, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_CAPS, 0);
  assert_sg_error(split(3, 10, w, NULL, c_neg, NULL, 0, out, &err), &err,
                  SG_ENEGATIVE, SG_SPLIT_ARG_CAPS, 2);
  assert_sg_error(split(3, 10, w, NULL, c_minf, NULL, 0, out, &err), &err,
                  SG_ENEGATIVE, SG_SPLIT_ARG_CAPS, 1);
  double floors[] = {0, 7, 0}, caps[] = {9, 5, 9};
  assert_sg_error(split(3, 10, w, floors, caps, NULL, 0, out, &err), &err,
                  SG_EFLOORCAP, SG_SPLIT_ARG_FLOORS, 1);
  assert_true(err.value == 7 && err.value2 == 5);
  /* No multiple of 100 between 150 and 180. */
  double f_room[] = {0, 0, 150}, c_room[] = {INFINITY, INFINITY, 180};
  assert_sg_error(split(3, 1000, w, f_room, c_room, NULL, 100, out, &err), &err,
                  SG_ENOROOM, SG_SPLIT_ARG_FLOORS, 2);
  assert_true(err.value == 150 && err.value2 == 180);
}

static void test_errors_infeasible(void **state) {
  (void)state;
  double w[] = {1, 1}, out[2];
  sg_error err;
  double floors[] = {60, 60}, caps[] = {30, 30};
  assert_sg_error(split(2, 100, w, floors, NULL, NULL, 0, out, &err), &err,
                  SG_EFLOORS, SG_SPLIT_ARG_FLOORS, -1);
  assert_true(err.value == 120 && err.value2 == 100);
  assert_sg_error(split(2, 100, w, NULL, caps, NULL, 0, out, &err), &err, SG_ECAPS,
                  SG_SPLIT_ARG_CAPS, -1);
  assert_true(err.value == 60 && err.value2 == 100);
  /* A zero weight contributes its floor, not its cap, to the maximum:
   * item 1 up to 50, item 2 stays at 10 -> 60 < 100. */
  double w10[] = {1, 0}, f10[] = {0, 10}, c10[] = {50, INFINITY};
  assert_sg_error(split(2, 100, w10, f10, c10, NULL, 0, out, &err), &err, SG_ECAPS,
                  SG_SPLIT_ARG_CAPS, -1);
  assert_true(err.value == 60 && err.value2 == 100);
  /* Floors in unit mode are counted after rounding up: 150 -> 200 each, 400
   * > 300. */
  double f150[] = {150, 150};
  assert_sg_error(split(2, 300, w, f150, NULL, NULL, 100, out, &err), &err,
                  SG_EFLOORS, SG_SPLIT_ARG_FLOORS, -1);
  assert_true(err.value == 400 && err.value2 == 300);
  /* Locks above the total leave a negative rest: nothing can be negative. */
  double lk[] = {150, NONE};
  assert_sg_error(split(2, 100, w, NULL, NULL, lk, 0, out, &err), &err, SG_EFLOORS,
                  SG_SPLIT_ARG_FLOORS, -1);
  assert_true(err.value2 == -50);
  /* A negative total without locks is the same case. */
  assert_sg_error(split(2, -10, w, NULL, NULL, NULL, 1, out, &err), &err,
                  SG_EFLOORS, SG_SPLIT_ARG_FLOORS, -1);
}

static void test_errors_locked(void **state) {
  (void)state;
  double w[] = {1, 1, 1}, out[3];
  sg_error err;
  double lk_inf[] = {NONE, INFINITY, NONE};
  assert_sg_error(split(3, 10, w, NULL, NULL, lk_inf, 0, out, &err), &err,
                  SG_ENONFINITE, SG_SPLIT_ARG_LOCKED, 1);
  /* Locks that cancel out add up to 0, which is not 10, however large they
   * are (a tolerance relative to the locks' size once let this through). */
  double lk_cancel[] = {1e300, -1e300, 0};
  assert_sg_error(split(3, 10, w, NULL, NULL, lk_cancel, 0, out, &err), &err,
                  SG_ELOCKED, SG_SPLIT_ARG_LOCKED, -1);
  /* With a unit, 1e300 has too many steps to count exactly: said so. */
  assert_sg_error(split(3, 10, w, NULL, NULL, lk_cancel, 1, out, &err), &err,
                  SG_ETOOLARGE, SG_SPLIT_ARG_LOCKED, 0);
  double lk_zero[] = {0, 0, 0};
  assert_sg_error(split(3, 10, w, NULL, NULL, lk_zero, 0, out, &err), &err,
                  SG_ELOCKED, SG_SPLIT_ARG_LOCKED, -1);
  /* Two cancelling locks and one free cell capped at 1 cannot make 10. */
  double lk_two[] = {1e300, -1e300, NONE}, cap1[] = {1, 1, 1};
  assert_sg_error(split(3, 10, w, NULL, cap1, lk_two, 0, out, &err), &err,
                  SG_ECAPS, SG_SPLIT_ARG_CAPS, -1);
  double lk_all[] = {3, 3, 3};
  assert_sg_error(split(3, 10, w, NULL, NULL, lk_all, 0, out, &err), &err,
                  SG_ELOCKED, SG_SPLIT_ARG_LOCKED, -1);
  assert_true(err.value == 9 && err.value2 == 10);
  assert_sg_error(split(3, 10, w, NULL, NULL, lk_all, 1, out, &err), &err,
                  SG_ELOCKED, SG_SPLIT_ARG_LOCKED, -1);
}

/* On failure the output array is left untouched. */
static void test_output_untouched_on_error(void **state) {
  (void)state;
  double w[] = {1, 1, 1}, floors[] = {50, 50, 50}, out[3] = {-7, -7, -7};
  double want[] = {-7, -7, -7};
  sg_error err;
  assert_int_equal(split(3, 100, w, floors, NULL, NULL, 1, out, &err), SG_EFLOORS);
  assert_same_doubles(out, want, 3);
}

/* The sg_error message names the argument and the item, counted from 1. */
static void test_error_message_names_item(void **state) {
  (void)state;
  double w[] = {1, -2}, out[2];
  sg_error err;
  assert_int_equal(split(2, 10, w, NULL, NULL, NULL, 0, out, &err), SG_ENEGATIVE);
  assert_non_null(strstr(err.message, "weights"));
  assert_non_null(strstr(err.message, "item 2"));
  assert_string_equal(sg_errstr(SG_EFLOORS), "floors add up to more than the amount left");
  assert_string_equal(sg_errstr(9999), "unknown error");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hamilton_classic_six_parties),
      cmocka_unit_test(test_hamilton_classic_four_states),
      cmocka_unit_test(test_anaplan_hold),
      cmocka_unit_test(test_oracle_lock),
      cmocka_unit_test(test_cents_over_seven),
      cmocka_unit_test(test_other_decimal_units),
      cmocka_unit_test(test_non_decimal_unit),
      cmocka_unit_test(test_unit_hundred),
      cmocka_unit_test(test_cap_water_filling),
      cmocka_unit_test(test_floor_water_filling),
      cmocka_unit_test(test_floor_and_cap_together),
      cmocka_unit_test(test_unit_rounds_floor_up),
      cmocka_unit_test(test_unit_rounds_cap_down),
      cmocka_unit_test(test_all_zero_weights_split_evenly),
      cmocka_unit_test(test_zero_weight_gets_floor),
      cmocka_unit_test(test_ties_larger_weight_then_earlier),
      cmocka_unit_test(test_leftover_respects_cap),
      cmocka_unit_test(test_exactly_at_floors_or_caps),
      cmocka_unit_test(test_locked_ignores_weight_floor_cap),
      cmocka_unit_test(test_all_locked_matching_total),
      cmocka_unit_test(test_null_error_and_reset),
      cmocka_unit_test(test_no_negative_zero),
      cmocka_unit_test(test_extreme_weight_magnitudes),
      cmocka_unit_test(test_errors_bad_arrays),
      cmocka_unit_test(test_errors_total_and_unit),
      cmocka_unit_test(test_errors_weights),
      cmocka_unit_test(test_errors_floors_caps),
      cmocka_unit_test(test_errors_infeasible),
      cmocka_unit_test(test_errors_locked),
      cmocka_unit_test(test_output_untouched_on_error),
      cmocka_unit_test(test_error_message_names_item)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
