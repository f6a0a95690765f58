/*
 * bench_time.c — time SG_PERIODS over 10 years of days and SG_PROGRESS over
 * 100,000 reps, each against a baseline measured in the same run:
 *   - periods: sg_split alone on the same 3,652 day weights, so the ratio is
 *     what the calendar (and, for the catalogue call, the cell grids) adds
 *     on top of the one rounding implementation;
 *   - progress: the linear formulas written inline, so the ratio is the
 *     price of validation, date checks and the seasonal walk.
 * No assertions: timings depend on the machine.
 */
#define _POSIX_C_SOURCE 199309L
#include "salesgoal.h"
#include "sgf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { RUNS = 20, REPS = 100000 };

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const double season[12] = {6, 7, 9, 8, 8, 9, 7, 6, 8, 9, 10, 13};
static volatile double sink; /* keeps the optimiser from dropping the work */

/* ------------------------------------------------------------- periods */

static double best_of(double (*fn)(void *), void *ctx) {
  double best = -1;
  for (int r = 0; r < RUNS; r++) {
    double t = fn(ctx);
    if (t < 0) return -1;
    if (best < 0 || t < best) best = t;
  }
  return best;
}

typedef struct periods_ctx {
  sg_periods_input in;
  size_t n;
  double *starts, *amounts, *weights;
} periods_ctx;

static double run_engine(void *p) {
  periods_ctx *c = p;
  sg_error err;
  double t0 = now_seconds();
  if (sg_periods(&c->in, c->n, c->starts, c->amounts, &err) != SG_OK) {
    fprintf(stderr, "sg_periods: %s\n", err.message);
    return -1;
  }
  return now_seconds() - t0;
}

static double run_split(void *p) {
  periods_ctx *c = p;
  sg_split_input in = {.n = c->n, .total = c->in.total, .weights = c->weights, .unit = c->in.unit};
  double t0 = now_seconds();
  if (sg_split(&in, c->amounts, NULL) != SG_OK) return -1;
  return now_seconds() - t0;
}

static double run_catalogue(void *p) {
  (void)p;
  const sgf_function *fn = sgf_find("SG_PERIODS");
  sgf_grid args[8];
  static const double nums[] = {12000000, 46023, 49674}; /* 2026-01-01 .. 2035-12-31 */
  for (size_t i = 0; i < 8; i++) sgf_grid_init_omitted(&args[i]);
  for (size_t i = 0; i < 3; i++) {
    sgf_grid_init(&args[i], 1, 1);
    sgf_grid_set_number(&args[i], 0, nums[i]);
  }
  sgf_grid_init(&args[3], 1, 1);
  sgf_grid_set_text(&args[3], 0, "day", 3);
  sgf_grid_init(&args[4], 12, 1);
  for (size_t i = 0; i < 12; i++) sgf_grid_set_number(&args[4], i, season[i]);
  sgf_grid_init(&args[5], 1, 1);
  sgf_grid_set_number(&args[5], 0, 1);
  sgf_call call = {.lang = SGF_LANG_EN};
  sgf_grid result;
  double t0 = now_seconds();
  int rc = sgf_invoke(fn, &call, args, 8, &result);
  double t = now_seconds() - t0;
  if (rc != 0) fprintf(stderr, "SG_PERIODS: %s\n", call.message);
  for (size_t i = 0; i < 8; i++) sgf_grid_free(&args[i]);
  sgf_grid_free(&result);
  return rc == 0 ? t : -1;
}

static void bench_periods(void) {
  periods_ctx c = {.in = {.total = 12000000, .start = 46023, .end = 49674, .grain = SG_GRAIN_DAY,
                          .fiscal_start_month = 1, .seasonality = season, .nseasonality = 12,
                          .unit = 1}};
  if (sg_periods_count(c.in.start, c.in.end, c.in.grain, 1, &c.n, NULL) != SG_OK) return;
  c.starts = malloc(c.n * sizeof(double));
  c.amounts = malloc(c.n * sizeof(double));
  c.weights = malloc(c.n * sizeof(double));
  if (!c.starts || !c.amounts || !c.weights) goto done;
  for (size_t i = 0; i < c.n; i++) { /* the day weights sg_periods computes */
    sg_date d = sg_date_civil(46023 + (long)i);
    c.weights[i] = season[d.month - 1] / sg_month_days(d.year, d.month);
  }
  double base = best_of(run_split, &c), eng = best_of(run_engine, &c);
  double cat = best_of(run_catalogue, NULL);
  printf("SG_PERIODS, 10 years by day (%zu rows, 12 monthly weights, unit 1), best of %d:\n", c.n,
         RUNS);
  printf("  baseline sg_split alone   %9.3f ms\n", base * 1e3);
  printf("  sg_periods (engine)       %9.3f ms   x%.2f of baseline\n", eng * 1e3, eng / base);
  printf("  SG_PERIODS (catalogue)    %9.3f ms   x%.2f of baseline\n", cat * 1e3, cat / base);
done:
  free(c.starts);
  free(c.amounts);
  free(c.weights);
}

/* ------------------------------------------------------------ progress */

static void bench_progress(void) {
  double *target = malloc(REPS * sizeof(double)), *actual = malloc(REPS * sizeof(double));
  double *asof = malloc(REPS * sizeof(double));
  if (!target || !actual || !asof) goto done;
  for (size_t i = 0; i < REPS; i++) { /* a spread of reps and dates in 2026 */
    target[i] = 100000 + (double)(i % 977) * 1000;
    actual[i] = (double)(i % 613) * 250;
    asof[i] = 46023 + (double)(i % 365);
  }
  double best[3] = {-1, -1, -1};
  for (int r = 0; r < RUNS; r++) {
    double t0 = now_seconds(), acc = 0;
    for (size_t i = 0; i < REPS; i++) { /* baseline: the formulas inline */
      double days = 365, e = asof[i] - 46023 + 1, f = e / days;
      double expected = target[i] * f, gap = target[i] - actual[i];
      acc += actual[i] / target[i] + expected + actual[i] / expected + gap +
             (gap > 0 ? gap / (days - e > 0 ? days - e : 1) : 0) + actual[i] / f;
    }
    double t1 = now_seconds();
    double out[SG_PROGRESS_COUNT];
    for (size_t i = 0; i < REPS; i++) {
      sg_progress(target[i], actual[i], 46023, 46387, asof[i], NULL, out, NULL);
      acc += out[0] + out[5];
    }
    double t2 = now_seconds();
    for (size_t i = 0; i < REPS; i++) {
      sg_progress(target[i], actual[i], 46023, 46387, asof[i], season, out, NULL);
      acc += out[0] + out[5];
    }
    double t3 = now_seconds();
    sink = acc;
    double t[3] = {t1 - t0, t2 - t1, t3 - t2};
    for (int k = 0; k < 3; k++)
      if (best[k] < 0 || t[k] < best[k]) best[k] = t[k];
  }
  printf("SG_PROGRESS, %d reps (2026, as-of dates spread over the year), best of %d:\n", REPS, RUNS);
  printf("  baseline inline formulas  %9.3f ms   %6.1f ns/rep\n", best[0] * 1e3, best[0] * 1e9 / REPS);
  printf("  sg_progress linear        %9.3f ms   %6.1f ns/rep   x%.1f of baseline\n",
         best[1] * 1e3, best[1] * 1e9 / REPS, best[1] / best[0]);
  printf("  sg_progress seasonal      %9.3f ms   %6.1f ns/rep   x%.1f of baseline\n",
         best[2] * 1e3, best[2] * 1e9 / REPS, best[2] / best[0]);
done:
  free(target);
  free(actual);
  free(asof);
}

int main(void) {
  bench_periods();
  bench_progress();
  return 0;
}
