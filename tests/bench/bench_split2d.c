/*
 * bench_split2d.c — time sg_split2d (200 x 50 and 1,000 x 100, rounded to
 * 1,000, a fifth of the seed zero) and sg_cascade (10,000 and 100,000 leaves
 * five levels deep, units per level), with the cost per cell / leaf against
 * the smaller run so growth is visible. No assertions: timings depend on
 * the machine.
 */
#define _POSIX_C_SOURCE 199309L
#include "salesgoal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rng_next(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Seconds for one fit of an m x n matrix with unit 1000; -1 on failure. */
static double time_split2d(size_t m, size_t n, sg_split2d_info *info) {
  size_t cells = m * n;
  double *seed = malloc(cells * sizeof *seed), *out = malloc(cells * sizeof *out);
  double *r = calloc(m, sizeof *r), *c = calloc(n, sizeof *c);
  if (!seed || !out || !r || !c) return -1;
  /* Totals from an integer truth on the seed's zero pattern: feasible. */
  for (size_t k = 0; k < cells; k++) {
    int zero = rng_next() % 5 == 0;
    seed[k] = zero ? 0 : (double)(1 + rng_next() % 10000);
    double truth = zero ? 0 : 1000.0 * (double)(1 + rng_next() % 200);
    r[k / n] += truth;
    c[k % n] += truth;
  }
  sg_split2d_input in = {m, n, r, c, seed, NULL, 1000};
  sg_error err;
  double t0 = now_seconds();
  int rc = sg_split2d(&in, out, info, &err);
  double t = now_seconds() - t0;
  if (rc != SG_OK) fprintf(stderr, "split2d %zux%zu: %s\n", m, n, err.message);
  free(seed), free(out), free(r), free(c);
  return rc == SG_OK ? t : -1;
}

/* Seconds for one cascade over n leaves in a 5-level tree (fan-out 10 at
 * every level above the leaves); -1 on failure. */
static double time_cascade(size_t n) {
  char **paths = malloc(n * sizeof *paths);
  double *w = malloc(n * sizeof *w), *out = malloc(n * sizeof *out);
  if (!paths || !w || !out) return -1;
  for (size_t i = 0; i < n; i++) {
    paths[i] = malloc(64);
    if (!paths[i]) return -1;
    size_t a = i % 10, b = (i / 10) % 10, c = (i / 100) % 10, d = (i / 1000) % 10;
    snprintf(paths[i], 64, "R%zu/T%zu/G%zu/S%zu/rep%zu", d, c, b, a, i);
    w[i] = (double)(rng_next() % 10000);
  }
  double units[] = {100000, 10000, 1000, 100, 10};
  sg_cascade_input in = {n, (const char *const *)paths, w, 1e5 * (double)n, units, 5, NULL};
  sg_error err;
  double t0 = now_seconds();
  int rc = sg_cascade(&in, out, &err);
  double t = now_seconds() - t0;
  if (rc != SG_OK) fprintf(stderr, "cascade %zu: %s\n", n, err.message);
  for (size_t i = 0; i < n; i++) free(paths[i]);
  free(paths), free(w), free(out);
  return rc == SG_OK ? t : -1;
}

int main(void) {
  printf("bench_split2d: SG_SPLIT2D with unit 1000 (fit + controlled rounding)\n");
  static const size_t sizes[][2] = {{200, 50}, {1000, 100}};
  double base = 0;
  for (size_t s = 0; s < 2; s++) {
    sg_split2d_info info;
    double t = time_split2d(sizes[s][0], sizes[s][1], &info);
    double cells = (double)(sizes[s][0] * sizes[s][1]);
    if (s == 0) base = t / cells;
    printf("  %5zu x %-4zu %8.0f cells  %8.3f s  %6.2f us/cell  x%.2f per cell  "
           "(%zu passes, %zu rounding paths)\n",
           sizes[s][0], sizes[s][1], cells, t, t / cells * 1e6, t / cells / base, info.passes,
           info.moves);
  }
  printf("bench_split2d: SG_CASCADE, 5 levels, units 100000/10000/1000/100/10\n");
  static const size_t leaves[] = {10000, 100000};
  for (size_t s = 0; s < 2; s++) {
    double t = time_cascade(leaves[s]);
    if (s == 0) base = t / (double)leaves[s];
    printf("  %7zu leaves  %8.3f s  %6.2f us/leaf  x%.2f per leaf\n", leaves[s], t,
           t / (double)leaves[s] * 1e6, t / (double)leaves[s] / base);
  }
  return 0;
}
