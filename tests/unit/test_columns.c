/* test_columns.c — column forms (issue 15): SG_PROGRESS, SG_RAMP and
 * SG_ALERT over a whole team in one call give, cell by cell, what one call
 * per rep gives; a single value broadcasts; mismatched lengths are errors
 * naming the argument and both lengths. */
#include "fixture.h"
#include "salesgoal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define REPS 4

/* 2026: Jan 1 = 46023, Dec 31 = 46387, Jan 31 = 46053, Jun 30 = 46203. */
static const char *const targets[REPS] = {"365000", "0", "120000", "50000"};
static const char *const actuals[REPS] = {"31000", "500", "-2000", "50000"};
static const char *const as_ofs[REPS] = {"46053", "46203", "46000", "46387"};

/* Rep i alone, through the per-cell form (metric NULL = all six). */
static void progress_one(size_t i, const char *metric, const char *const *season,
                         call_fixture *fx) {
  fx_init(fx, SGF_LANG_EN);
  ARG(fx, 1, 1, targets[i]);
  ARG(fx, 1, 1, actuals[i]);
  ARG(fx, 1, 1, "46023");
  ARG(fx, 1, 1, "46387");
  ARG(fx, 1, 1, as_ofs[i]);
  if (metric) ARG(fx, 1, 1, metric);
  else OMIT(fx);
  if (season) fx_arg(fx, 12, 1, season);
}

static void progress_column(const char *metric, const char *const *season, call_fixture *fx) {
  fx_init(fx, SGF_LANG_EN);
  fx_arg(fx, REPS, 1, targets);
  fx_arg(fx, REPS, 1, actuals);
  ARG(fx, 1, 1, "46023"); /* start and end broadcast */
  ARG(fx, 1, 1, "46387");
  fx_arg(fx, REPS, 1, as_ofs);
  if (metric) ARG(fx, 1, 1, metric);
  else OMIT(fx);
  if (season) fx_arg(fx, 12, 1, season);
}

static void assert_same_cell(const sgf_cell *got, const sgf_cell *want) {
  assert_int_equal(got->kind, want->kind);
  if (want->kind == SGF_NUMBER) assert_true(got->number == want->number);
}

static const char *const season12[12] = {"2", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "3"};

static void progress_column_equals_cells(void **state) {
  (void)state;
  for (int seasonal = 0; seasonal < 2; seasonal++) {
    const char *const *season = seasonal ? season12 : NULL;
    call_fixture col;
    progress_column(NULL, season, &col);
    assert_int_equal(fx_run(&col, "SG_PROGRESS"), 0);
    assert_int_equal(col.result.rows, REPS);
    assert_int_equal(col.result.cols, SG_PROGRESS_COUNT);
    for (size_t i = 0; i < REPS; i++) {
      call_fixture one;
      progress_one(i, NULL, season, &one);
      assert_int_equal(fx_run(&one, "SG_PROGRESS"), 0);
      for (size_t k = 0; k < SG_PROGRESS_COUNT; k++)
        assert_same_cell(&col.result.cells[i * SG_PROGRESS_COUNT + k], &one.result.cells[k]);
      fx_free(&one);
    }
    if (!seasonal) {
      /* Worked by hand, rep 1: 31 of 365 days, 31,000 of 365,000 = on pace;
       * 334,000 over 334 days left = 1,000 a day. Rep 2: target 0 -> no
       * attainment. Rep 3: before the start -> no pace, no forecast. */
      const double want[6] = {31.0 / 365, 31000, 1, 334000, 1000, 365000};
      for (size_t k = 0; k < 6; k++) assert_near_rel(col.result.cells[k].number, want[k], 1e-12);
      assert_int_equal(col.result.cells[6 + SG_PROGRESS_ATTAINMENT].kind, SGF_ERROR);
      assert_int_equal(col.result.cells[12 + SG_PROGRESS_PACE].kind, SGF_ERROR);
      assert_int_equal(col.result.cells[12 + SG_PROGRESS_FORECAST].kind, SGF_ERROR);
      assert_near_rel(col.result.cells[18 + SG_PROGRESS_ATTAINMENT].number, 1, 1e-12);
    }
    fx_free(&col);
  }
}

/* With metric: one column; where the per-cell form gives an error with a
 * reason, the column gives #N/A in that row. */
static void progress_metric_column(void **state) {
  (void)state;
  const char *const names[] = {"attainment", "pace", "required_per_day", "forecast", "2"};
  for (size_t m = 0; m < sizeof names / sizeof names[0]; m++) {
    call_fixture col;
    progress_column(names[m], NULL, &col);
    assert_int_equal(fx_run(&col, "SG_PROGRESS"), 0);
    assert_int_equal(col.result.rows, REPS);
    assert_int_equal(col.result.cols, 1);
    for (size_t i = 0; i < REPS; i++) {
      call_fixture one;
      progress_one(i, names[m], NULL, &one);
      if (fx_run(&one, "SG_PROGRESS") == 0) assert_same_cell(&col.result.cells[i], &one.result.cells[0]);
      else assert_int_equal(col.result.cells[i].kind, SGF_ERROR);
      fx_free(&one);
    }
    fx_free(&col);
  }
  /* A row of reps with one metric gives a row. */
  call_fixture row;
  fx_init(&row, SGF_LANG_EN);
  fx_arg(&row, 1, REPS, targets);
  ARG(&row, 1, 1, "1000");
  ARG(&row, 1, 1, "46023");
  ARG(&row, 1, 1, "46387");
  ARG(&row, 1, 1, "46387");
  ARG(&row, 1, 1, "gap");
  assert_int_equal(fx_run(&row, "SG_PROGRESS"), 0);
  assert_numbers(&row.result, 1, REPS, (double[]){364000, -1000, 119000, 49000});
  fx_free(&row);
}

static void progress_column_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  fx_arg(&fx, REPS, 1, targets);
  ARG(&fx, 2, 1, "1", "2");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46053");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "SG_PROGRESS, argument 2 (actual): has 2 values but target has 4");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "100");
  fx_arg(&fx, REPS, 1, actuals);
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 3, 1, "46053", "46053", "46053");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "有 3 个值，而 实际 有 4 个");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 2, 2, "1", "2", "3", "4");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46053");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "argument 1 (target): must be one value or a single column");
  fx_free(&fx);

  /* A bad rep names its cell. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "100", "-5", "100");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "46387");
  ARG(&fx, 1, 1, "46053");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "argument 1 (target): -5 at row 2, column 1 of the range is negative");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 3, 1, "100", "100", "100");
  ARG(&fx, 1, 1, "0");
  ARG(&fx, 3, 1, "46023", "46023", "46023");
  ARG(&fx, 3, 1, "46387", "", "46387");
  ARG(&fx, 1, 1, "46053");
  assert_int_equal(fx_run(&fx, "SG_PROGRESS"), -1);
  assert_message_has(&fx, "argument 4 (end): a blank cell at row 2, column 1");
  fx_free(&fx);
}

/* The shared seasonal shares are recomputed whenever the period or the
 * as-of date changes from one rep to the next: every rep matches a fresh
 * sg_progress, bit for bit. */
static void progress_season_reuse(void **state) {
  (void)state;
  const double season[12] = {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3};
  /* (start, end, as_of): same period twice, then a quarter, then back to
   * the year with a new as-of date, then as_of past the end. */
  const double reps[][3] = {{46023, 46387, 46053}, {46023, 46387, 46053}, {46023, 46112, 46053},
                            {46023, 46387, 46100}, {46023, 46387, 46053}, {46023, 46112, 46500},
                            {46054, 46387, 46100}};
  sg_progress_season ctx;
  sg_error err;
  assert_int_equal(sg_progress_prepare(season, &ctx, &err), SG_OK);
  for (size_t i = 0; i < sizeof reps / sizeof reps[0]; i++) {
    double got[SG_PROGRESS_COUNT], want[SG_PROGRESS_COUNT];
    assert_int_equal(sg_progress_with(&ctx, 1000, 100, reps[i][0], reps[i][1], reps[i][2], got, &err),
                     SG_OK);
    assert_int_equal(sg_progress(1000, 100, reps[i][0], reps[i][1], reps[i][2], season, want, &err),
                     SG_OK);
    for (size_t k = 0; k < SG_PROGRESS_COUNT; k++)
      assert_true(got[k] == want[k] || (isnan(got[k]) && isnan(want[k])));
  }
  /* Jan 1..Jan 31 of a year weighted 2 for January, 2 + 10 + 3 = 15 in all: 2/15 of it. */
  double out[SG_PROGRESS_COUNT];
  assert_int_equal(sg_progress_with(&ctx, 1500, 0, 46023, 46387, 46053, out, &err), SG_OK);
  assert_near_rel(out[SG_PROGRESS_EXPECTED], 200, 1e-12);
  /* A zero-weight period is an error for that rep. */
  const double summer[12] = {1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1};
  assert_int_equal(sg_progress_prepare(summer, &ctx, &err), SG_OK);
  assert_int_equal(sg_progress_with(&ctx, 1, 0, 46174, 46265, 46200, out, &err), SG_ENODAYS);
}

/* ------------------------------------------------------------ SG_RAMP */

static void ramp_column(void **state) {
  (void)state;
  /* June 2026 (46174..46203), quota 30,000, ramp 0.3; 0.6; 1. */
  const char *const quotas[3] = {"30000", "30000", "60000"};
  const char *const hires[3] = {"46189", "46000", "46203"};
  call_fixture col;
  fx_init(&col, SGF_LANG_EN);
  fx_arg(&col, 3, 1, quotas);
  fx_arg(&col, 3, 1, hires);
  ARG(&col, 1, 1, "46174");
  ARG(&col, 1, 1, "46203");
  ARG(&col, 3, 1, "0.3", "0.6", "1");
  assert_int_equal(fx_run(&col, "SG_RAMP"), 0);
  assert_int_equal(col.result.rows, 3);
  assert_int_equal(col.result.cols, 1);
  /* By hand: hired June 16 -> 15 days x 1,000 x 0.3 = 4,500; hired long
   * before -> full 30,000; hired June 30 -> 1 day x 2,000 x 0.3 = 600. */
  assert_numbers(&col.result, 3, 1, (double[]){4500, 30000, 600});
  for (size_t i = 0; i < 3; i++) {
    call_fixture one;
    fx_init(&one, SGF_LANG_EN);
    ARG(&one, 1, 1, quotas[i]);
    ARG(&one, 1, 1, hires[i]);
    ARG(&one, 1, 1, "46174");
    ARG(&one, 1, 1, "46203");
    ARG(&one, 3, 1, "0.3", "0.6", "1");
    assert_int_equal(fx_run(&one, "SG_RAMP"), 0);
    assert_same_cell(&col.result.cells[i], &one.result.cells[0]);
    fx_free(&one);
  }
  fx_free(&col);

  fx_init(&col, SGF_LANG_EN);
  fx_arg(&col, 3, 1, quotas);
  ARG(&col, 2, 1, "46189", "46000");
  ARG(&col, 1, 1, "46174");
  ARG(&col, 1, 1, "46203");
  assert_int_equal(fx_run(&col, "SG_RAMP"), -1);
  assert_message_has(&col, "SG_RAMP, argument 2 (hire_date): has 2 values but quota has 3");
  fx_free(&col);
}

/* ------------------------------------------------------------ SG_ALERT */

static void alert_column(void **state) {
  (void)state;
  const char *const values[3] = {"0.8", "0.9", "1"};
  const char *const units[3] = {"APAC/A", "EMEA/B", "APAC/C"};
  call_fixture col;
  fx_init(&col, SGF_LANG_EN);
  fx_arg(&col, 3, 1, values);
  OMIT(&col);
  fx_arg(&col, 3, 1, units);
  ARG(&col, 1, 3, "^APAC/", "0.95", "0.99");
  assert_int_equal(fx_run(&col, "SG_ALERT"), 0);
  /* By hand: APAC reds below 0.95, ambers below 0.99; EMEA uses defaults. */
  const char *const want[3] = {"RED", "AMBER", "GREEN"};
  for (size_t i = 0; i < 3; i++) {
    assert_string_equal(col.result.cells[i].text, want[i]);
    call_fixture one;
    fx_init(&one, SGF_LANG_EN);
    ARG(&one, 1, 1, values[i]);
    OMIT(&one);
    ARG(&one, 1, 1, units[i]);
    ARG(&one, 1, 3, "^APAC/", "0.95", "0.99");
    assert_int_equal(fx_run(&one, "SG_ALERT"), 0);
    assert_string_equal(col.result.cells[i].text, one.result.cells[0].text);
    fx_free(&one);
  }
  fx_free(&col);

  /* One unit for every value broadcasts. */
  fx_init(&col, SGF_LANG_EN);
  fx_arg(&col, 3, 1, values);
  OMIT(&col);
  ARG(&col, 1, 1, "APAC/A");
  ARG(&col, 1, 3, "^APAC/", "0.95", "0.99");
  assert_int_equal(fx_run(&col, "SG_ALERT"), 0);
  assert_string_equal(col.result.cells[0].text, "RED");
  assert_string_equal(col.result.cells[1].text, "RED");
  assert_string_equal(col.result.cells[2].text, "GREEN");
  fx_free(&col);

  fx_init(&col, SGF_LANG_EN);
  fx_arg(&col, 3, 1, values);
  OMIT(&col);
  ARG(&col, 2, 1, "APAC/A", "EMEA/B");
  assert_int_equal(fx_run(&col, "SG_ALERT"), -1);
  assert_message_has(&col, "SG_ALERT, argument 3 (unit): is 2 x 1 but value is 3 x 1");
  fx_free(&col);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(progress_column_equals_cells),
      cmocka_unit_test(progress_metric_column),
      cmocka_unit_test(progress_column_errors),
      cmocka_unit_test(progress_season_reuse),
      cmocka_unit_test(ramp_column),
      cmocka_unit_test(alert_column),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
