/*
 * bench_split.c — time sg_split on 10k, 100k and 1M items with floors, caps
 * and rounding to a unit, and show the cost per item against the 10k run of
 * the same process, so linear growth (ratio near 1) is visible at a glance.
 * No assertions: timings depend on the machine.
 */
#define _POSIX_C_SOURCE 199309L
#include "salesgoal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { RUNS = 5 };

/* A fixed-seed generator so every run times the same inputs. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static double rng_unit(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Best of RUNS timings of one split of n items; -1 if the split fails.
 * staircase: floors 0, 2, 4, ... on half the items and small caps on the
 * other half, so no item is free at the first guesses and the water-level
 * search must bracket on breakpoints (its worst case) instead of finishing
 * in two or three Newton steps. */
static double time_split(size_t n, int staircase) {
  double *w = malloc(n * sizeof *w), *fl = malloc(n * sizeof *fl);
  double *cap = malloc(n * sizeof *cap), *out = malloc(n * sizeof *out);
  if (!w || !fl || !cap || !out) {
    free(w), free(fl), free(cap), free(out);
    return -1;
  }
  /* Prior-year sales of 0..10000 with every 10th account at zero; a floor of
   * 100 on a quarter of them and a cap of 3000 on a fifth, so both bind for
   * a good share of items. Rounded to 0.01 (cents). */
  double total = 1500.0 * (double)n;
  for (size_t i = 0; i < n; i++) {
    w[i] = i % 10 == 0 ? 0 : floor(rng_unit() * 10000);
    fl[i] = i % 4 == 0 ? 100 : 0;
    cap[i] = i % 5 == 0 ? 3000 : INFINITY;
  }
  if (staircase) {
    total = 0;
    for (size_t i = 0; i < n; i++) {
      w[i] = 1;
      fl[i] = i % 2 == 0 ? (double)i : 0;
      cap[i] = i % 2 == 0 ? INFINITY : (double)(i % 7);
      total += fl[i];
    }
    total += 12345;
  }
  sg_split_input in = {n, total, w, fl, cap, NULL, 0.01};
  double best = -1;
  sg_split_ctx *ctx = sg_split_ctx_new(); /* scratch reused from run to run */
  for (int r = 0; r < RUNS; r++) {
    sg_error err;
    double t0 = now_seconds();
    int rc = sg_split_with(ctx, &in, out, &err);
    double t = now_seconds() - t0;
    if (rc != SG_OK) {
      fprintf(stderr, "sg_split(%zu) failed: %s\n", n, err.message);
      best = -1;
      break;
    }
    if (best < 0 || t < best) best = t;
  }
  sg_split_ctx_free(ctx);
  free(w), free(fl), free(cap), free(out);
  return best;
}

static int print_table(const char *title, int staircase) {
  static const size_t sizes[] = {10000, 100000, 1000000};
  double base_ns = 0;
  printf("%s, best of %d runs\n", title, RUNS);
  printf("%10s %12s %10s %12s\n", "items", "time (ms)", "ns/item", "vs 10k");
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    double t = time_split(sizes[s], staircase);
    if (t < 0) return 1;
    double ns = t * 1e9 / (double)sizes[s];
    if (s == 0) base_ns = ns;
    printf("%10zu %12.3f %10.1f %11.2fx\n", sizes[s], t * 1e3, ns, ns / base_ns);
  }
  return 0;
}

int main(void) {
  if (print_table("sg_split, floors + caps + unit 0.01", 0)) return 1;
  printf("\n");
  return print_table("sg_split, staircase of floors and caps (search worst case)", 1);
}
