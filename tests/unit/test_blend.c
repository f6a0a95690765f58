/*
 * test_blend.c — sg_blend against hand-worked shares and every error.
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

/* mix 0.5 of (1,1,2) -> (.25,.25,.5) and (3,1,0) -> (.75,.25,0):
 * (.5, .25, .25). */
static void test_half_and_half(void **state) {
  (void)state;
  double w1[] = {1, 1, 2}, w2[] = {3, 1, 0}, out[3];
  sg_error err;
  assert_int_equal(sg_blend(3, w1, w2, 0.5, out, &err), SG_OK);
  assert_near_rel(out[0], 0.5, 1e-15);
  assert_near_rel(out[1], 0.25, 1e-15);
  assert_near_rel(out[2], 0.25, 1e-15);
  assert_int_equal(err.code, SG_OK);
}

/* A typical planning mix: 70% prior-year share, 30% even. Prior year
 * (600, 300, 100) -> (.6, .3, .1); even -> 1/3 each:
 * .7*.6 + .1 = .52, .7*.3 + .1 = .31, .7*.1 + .1 = .17. */
static void test_prior_year_and_even(void **state) {
  (void)state;
  double py[] = {600, 300, 100}, even[] = {1, 1, 1}, out[3];
  sg_error err;
  assert_int_equal(sg_blend(3, py, even, 0.7, out, &err), SG_OK);
  assert_near_rel(out[0], 0.52, 1e-15);
  assert_near_rel(out[1], 0.31, 1e-15);
  assert_near_rel(out[2], 0.17, 1e-15);
  assert_near_rel(out[0] + out[1] + out[2], 1, 1e-15);
}

/* mix 1 is weights1's shares alone; mix 0 is weights2's. The side with no
 * say may be all zero. */
static void test_ends_of_the_mix(void **state) {
  (void)state;
  double w[] = {1, 3}, zero[] = {0, 0}, out[2];
  sg_error err;
  assert_int_equal(sg_blend(2, w, zero, 1, out, &err), SG_OK);
  assert_near_rel(out[0], 0.25, 1e-15);
  assert_near_rel(out[1], 0.75, 1e-15);
  assert_int_equal(sg_blend(2, zero, w, 0, out, &err), SG_OK);
  assert_near_rel(out[0], 0.25, 1e-15);
  assert_near_rel(out[1], 0.75, 1e-15);
  assert_int_equal(sg_blend(2, w, w, 0.3, out, NULL), SG_OK);
  assert_near_rel(out[0], 0.25, 1e-15);
}

/* Weights so large that their sum overflows still give shares. */
static void test_huge_weights(void **state) {
  (void)state;
  double w[] = {1e308, 1e308, 1e308}, out[3];
  assert_int_equal(sg_blend(3, w, w, 0.5, out, NULL), SG_OK);
  for (int i = 0; i < 3; i++) assert_near_rel(out[i], 1.0 / 3, 1e-15);
}

static void test_errors(void **state) {
  (void)state;
  double w[] = {1, 2}, zero[] = {0, 0}, out[2] = {-7, -7};
  double bad_nan[] = {1, NAN}, bad_inf[] = {INFINITY, 1}, bad_neg[] = {1, -2};
  sg_error err;
  assert_sg_error(sg_blend(2, w, w, 1.5, out, &err), &err, SG_ERANGE,
                  SG_BLEND_ARG_MIX, -1);
  assert_sg_error(sg_blend(2, w, w, -0.1, out, &err), &err, SG_ERANGE,
                  SG_BLEND_ARG_MIX, -1);
  assert_sg_error(sg_blend(2, w, w, NAN, out, &err), &err, SG_ERANGE,
                  SG_BLEND_ARG_MIX, -1);
  assert_sg_error(sg_blend(2, w, w, INFINITY, out, &err), &err, SG_ERANGE,
                  SG_BLEND_ARG_MIX, -1);
  assert_sg_error(sg_blend(2, bad_nan, w, 0.5, out, &err), &err, SG_ENONFINITE,
                  SG_BLEND_ARG_WEIGHTS1, 1);
  assert_sg_error(sg_blend(2, w, bad_inf, 0.5, out, &err), &err, SG_ENONFINITE,
                  SG_BLEND_ARG_WEIGHTS2, 0);
  assert_sg_error(sg_blend(2, w, bad_neg, 0.5, out, &err), &err, SG_ENEGATIVE,
                  SG_BLEND_ARG_WEIGHTS2, 1);
  assert_true(err.value == -2);
  assert_sg_error(sg_blend(2, zero, w, 0.5, out, &err), &err, SG_EZEROSUM,
                  SG_BLEND_ARG_WEIGHTS1, -1);
  assert_sg_error(sg_blend(2, w, zero, 0.5, out, &err), &err, SG_EZEROSUM,
                  SG_BLEND_ARG_WEIGHTS2, -1);
  assert_sg_error(sg_blend(2, w, zero, 0, out, &err), &err, SG_EZEROSUM,
                  SG_BLEND_ARG_WEIGHTS2, -1);
  assert_int_equal(sg_blend(0, w, w, 0.5, out, &err), SG_EINVAL);
  assert_int_equal(sg_blend(2, NULL, w, 0.5, out, &err), SG_EINVAL);
  assert_true(out[0] == -7 && out[1] == -7); /* untouched on failure */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_half_and_half),
      cmocka_unit_test(test_prior_year_and_even),
      cmocka_unit_test(test_ends_of_the_mix),
      cmocka_unit_test(test_huge_weights),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
