/*
 * bench_columns.c — the functions layer's share of SG_PROGRESS in Calc
 * (issue 15): 20,000 reps as one column call and as 20,000 one-rep calls,
 * through sgf_invoke with grids in and a grid out, no UNO. What Calc
 * measures on top of this (tests/bench/calc_bench.py) is the add-in's and
 * Calc's marshalling. SG_ALERT(value) per call for comparison.
 * No assertions: timings depend on the machine.
 */
#define _POSIX_C_SOURCE 199309L
#include "sgf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { REPS = 20000, RUNS = 20 };

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int invoke(const char *name, sgf_grid *args, size_t nargs) {
  const sgf_function *fn = sgf_find(name);
  sgf_call call;
  memset(&call, 0, sizeof call);
  call.fn = fn;
  sgf_grid result;
  if (!fn || sgf_invoke(fn, &call, args, nargs, &result) != 0) {
    fprintf(stderr, "%s: %s\n", name, call.message);
    return -1;
  }
  sgf_grid_free(&result);
  return 0;
}

static void fill_rep(sgf_grid *target, sgf_grid *actual, sgf_grid *as_of, size_t cell, int i) {
  sgf_grid_set_number(target, cell, 1000.0 * (1 + i % 500));
  sgf_grid_set_number(actual, cell, 1000.0 * (i % 400));
  sgf_grid_set_number(as_of, cell, 46023 + i % 365);
}

int main(void) {
  sgf_grid col[7], one[7];
  for (int k = 0; k < 6; k++) {
    size_t rows = (k <= 1 || k == 4) ? REPS : 1;
    if (sgf_grid_init(&col[k], rows, 1) != 0 || sgf_grid_init(&one[k], 1, 1) != 0) return 1;
  }
  sgf_grid_init_omitted(&col[6]);
  sgf_grid_init_omitted(&one[6]);
  for (int i = 0; i < REPS; i++) fill_rep(&col[0], &col[1], &col[4], (size_t)i, i);
  for (int g = 0; g < 2; g++) {
    sgf_grid *a = g ? one : col;
    sgf_grid_set_number(&a[2], 0, 46023);
    sgf_grid_set_number(&a[3], 0, 46387);
    if (sgf_grid_set_text(&a[5], 0, "pace", 4) != 0) return 1;
  }
  double best_col = -1, best_one = -1, best_alert = -1;
  for (int r = 0; r < RUNS; r++) {
    double t0 = now_seconds();
    if (invoke("SG_PROGRESS", col, 7) != 0) return 1;
    double t1 = now_seconds();
    for (int i = 0; i < REPS; i++) {
      fill_rep(&one[0], &one[1], &one[4], 0, i);
      if (invoke("SG_PROGRESS", one, 7) != 0) return 1;
    }
    double t2 = now_seconds();
    for (int i = 0; i < REPS; i++) {
      sgf_grid alert[5];
      alert[0] = one[1];
      sgf_grid_set_number(&alert[0], 0, (double)(i % 130) / 100);
      for (int k = 1; k < 5; k++) sgf_grid_init_omitted(&alert[k]);
      if (invoke("SG_ALERT", alert, 5) != 0) return 1;
    }
    double t3 = now_seconds();
    if (best_col < 0 || t1 - t0 < best_col) best_col = t1 - t0;
    if (best_one < 0 || t2 - t1 < best_one) best_one = t2 - t1;
    if (best_alert < 0 || t3 - t2 < best_alert) best_alert = t3 - t2;
  }
  printf("functions layer, %d reps, best of %d (no UNO):\n", REPS, RUNS);
  printf("  SG_PROGRESS column form, one call:  %8.2f ms  %6.0f ns a rep\n", best_col * 1e3,
         best_col / REPS * 1e9);
  printf("  SG_PROGRESS one call per rep:       %8.2f ms  %6.0f ns a call\n", best_one * 1e3,
         best_one / REPS * 1e9);
  printf("  SG_ALERT(value) one call per value: %8.2f ms  %6.0f ns a call\n", best_alert * 1e3,
         best_alert / REPS * 1e9);
  for (int k = 0; k < 7; k++) {
    sgf_grid_free(&col[k]);
    sgf_grid_free(&one[k]);
  }
  return 0;
}
