/*
 * bench_rollup.c — SG_ROLLUP over 100k unit paths x 100 patterns (engine,
 * JIT and interpreter) against a hand-written prefix loop doing the same
 * sums; SG_ROLLUP's two ways for "^prefix" patterns (scan every row per
 * pattern, or sort the rows once and binary-search) over 1k, 10k and 100k
 * rows and 1 to 32 patterns, for the threshold in engine/rollup.c; and
 * SG_ALERT over 100k units through the function layer with and without
 * pattern rules. Prints figures and ratios measured in this run; no
 * assertions (timings depend on the machine).
 *
 *   bench_rollup                      everything
 *   bench_rollup ways                 the scan / index table only
 *   bench_rollup one ROWS PATTERNS MIX scan|index
 *                                     one call, for callgrind's instruction
 *                                     counts: valgrind --tool=callgrind
 *                                     --toggle-collect=sg_rollup_by ...
 *                                     (MIX: teams or regions)
 */
#define _POSIX_C_SOURCE 199309L
#include "rollup_internal.h"
#include "salesgoal.h"
#include "sgf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { N = 100000, NPAT = 100, RUNS = 3 };

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static const char *const regions[] = {"APAC", "EMEA", "AMER", "LATAM"};
static const char *const countries[] = {"China", "Japan", "India", "Germany", "France"};
static const char *const teams[] = {"East", "West", "North", "South", "Central"};
static const char *const names[] = {"张三", "李四", "王五", "赵六", "Smith", "Müller", "佐藤", "Kumar"};

/* Prefixes "^R/C/T/" for 100 of the 4 x 5 x 5 = 100 teams. */
static void make_patterns(char pats[NPAT][64], char prefixes[NPAT][64]) {
  for (int k = 0; k < NPAT; k++) {
    snprintf(prefixes[k], 64, "%s/%s/%s/", regions[k / 25], countries[(k / 5) % 5], teams[k % 5]);
    snprintf(pats[k], 64, "^%.62s", prefixes[k]);
  }
}

/* The best of RUNS sg_rollup timings; out receives the sums. */
static double time_rollup(const sg_rollup_input *in, unsigned flags, double *out, sg_regex_stats *st) {
  double best = -1;
  for (int r = 0; r < RUNS; r++) {
    sg_regex_cache *c = sg_regex_cache_create(0, flags);
    sg_error err;
    double t0 = now_seconds();
    int rc = sg_rollup(c, in, out, &err);
    double t = now_seconds() - t0;
    if (rc != SG_OK) fprintf(stderr, "sg_rollup: %s\n", err.message);
    sg_regex_cache_stats(c, st);
    sg_regex_cache_free(c);
    if (best < 0 || t < best) best = t;
  }
  return best;
}

/* What a C programmer would write for prefix patterns: memcmp per row. */
static double time_baseline(char **paths, const double *values, char prefixes[NPAT][64], double *out) {
  double best = -1;
  size_t plen[NPAT];
  for (int k = 0; k < NPAT; k++) plen[k] = strlen(prefixes[k]);
  for (int r = 0; r < RUNS; r++) {
    double t0 = now_seconds();
    for (int k = 0; k < NPAT; k++) {
      double sum = 0;
      for (size_t i = 0; i < N; i++)
        if (strncmp(paths[i], prefixes[k], plen[k]) == 0) sum += values[i];
      out[k] = sum;
    }
    double t = now_seconds() - t0;
    if (best < 0 || t < best) best = t;
  }
  return best;
}

static double time_alert(const sgf_function *fn, sgf_session *session, sgf_grid *args) {
  double best = -1;
  for (int r = 0; r < RUNS; r++) {
    sgf_call call = {.lang = SGF_LANG_EN, .last_error = "", .session = session};
    sgf_grid result;
    double t0 = now_seconds();
    int rc = sgf_invoke(fn, &call, args, fn->nargs, &result);
    double t = now_seconds() - t0;
    if (rc != 0) fprintf(stderr, "SG_ALERT: %s\n", call.message);
    sgf_grid_free(&result);
    if (best < 0 || t < best) best = t;
  }
  return best;
}

/* ------------------------------------------------ scan or index */

/* Pattern k of a mix: "teams" ^R/C/T/ (each about 1% of the rows, a team
 * table) or "regions" ^R/ (each about 25%, the worst case for the index:
 * every match is sorted back into sheet order). */
static void mix_pattern(const char *mix, int k, char *buf, size_t size) {
  if (strcmp(mix, "regions") == 0)
    snprintf(buf, size, "^%s/", regions[k % 4]);
  else
    snprintf(buf, size, "^%s/%s/%s/", regions[(k / 25) % 4], countries[(k / 5) % 5], teams[k % 5]);
}

enum { MAX_WAY_PATTERNS = 64, WAY_SAMPLES = 11 };

typedef struct way_case {
  sg_rollup_input in;
  char pats[MAX_WAY_PATTERNS][64];
  const char *patv[MAX_WAY_PATTERNS];
  double out[MAX_WAY_PATTERNS];
} way_case;

static void way_case_init(way_case *c, char **paths, const double *values, size_t rows, int npat,
                          const char *mix) {
  for (int k = 0; k < npat; k++) {
    mix_pattern(mix, k, c->pats[k], sizeof c->pats[k]);
    c->patv[k] = c->pats[k];
  }
  c->in = (sg_rollup_input){rows, (const char *const *)paths, values, (size_t)npat, c->patv,
                            SG_ROLLUP_SUM};
}

/* Seconds for reps calls one way. */
static double time_way(sg_regex_cache *cache, way_case *c, sg_rollup_way way, int reps) {
  sg_error err;
  double t0 = now_seconds();
  for (int r = 0; r < reps; r++)
    if (sg_rollup_by(cache, &c->in, way, c->out, &err) != SG_OK) fprintf(stderr, "%s\n", err.message);
  return (now_seconds() - t0) / reps;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, by_value);
  return v[n / 2];
}

/* Medians of WAY_SAMPLES samples per way, the two ways alternating (and
 * which goes first alternating) so that a busy moment of the shared
 * machine hits both; each sample repeats the call to last about 5 ms. */
static void time_ways(char **paths, const double *values, const char *mix) {
  static const size_t row_counts[] = {1000, 10000, 100000};
  static const int pattern_counts[] = {1, 2, 4, 8, 16, 24, 32, 48, 64};
  printf("bench_rollup: scan every row per pattern vs sort once and binary-search, \"%s\" patterns "
         "(medians of %d alternating samples, us per call)\n",
         mix, WAY_SAMPLES);
  printf("  %7s %8s %12s %12s %12s\n", "rows", "patterns", "scan", "index", "scan/index");
  sg_regex_cache *cache = sg_regex_cache_create(0, 0);
  for (size_t r = 0; r < sizeof row_counts / sizeof row_counts[0]; r++) {
    for (size_t p = 0; p < sizeof pattern_counts / sizeof pattern_counts[0]; p++) {
      way_case c;
      way_case_init(&c, paths, values, row_counts[r], pattern_counts[p], mix);
      double once = time_way(cache, &c, SG_ROLLUP_SCAN, 1) + time_way(cache, &c, SG_ROLLUP_INDEX, 1);
      int reps = once > 0 ? (int)(0.01 / once) + 1 : 1;
      double scan[WAY_SAMPLES], index[WAY_SAMPLES];
      for (int k = 0; k < WAY_SAMPLES; k++) {
        if (k % 2) {
          index[k] = time_way(cache, &c, SG_ROLLUP_INDEX, reps);
          scan[k] = time_way(cache, &c, SG_ROLLUP_SCAN, reps);
        } else {
          scan[k] = time_way(cache, &c, SG_ROLLUP_SCAN, reps);
          index[k] = time_way(cache, &c, SG_ROLLUP_INDEX, reps);
        }
      }
      double ms = median(scan, WAY_SAMPLES), mi = median(index, WAY_SAMPLES);
      printf("  %7zu %8d %12.1f %12.1f %12.2f%s\n", row_counts[r], pattern_counts[p], ms * 1e6,
             mi * 1e6, ms / mi, sg_rollup_index_pays(row_counts[r], (size_t)pattern_counts[p])
                                    ? "  (index chosen)" : "");
    }
  }
  sg_regex_cache_free(cache);
}

/* 100k paths "R/C/T/name<i>" over 4 regions x 5 countries x 5 teams. */
static void make_paths(char **paths, double *values) {
  for (size_t i = 0; i < N; i++) {
    char buf[96];
    uint64_t x = rng();
    snprintf(buf, sizeof buf, "%s/%s/%s/%s%zu", regions[x % 4], countries[(x >> 8) % 5],
             teams[(x >> 16) % 5], names[(x >> 24) % 8], i);
    paths[i] = malloc(strlen(buf) + 1);
    if (!paths[i]) exit(1);
    memcpy(paths[i], buf, strlen(buf) + 1);
    values[i] = (double)((x >> 32) % 100000) / 100.0;
  }
}

static void free_paths(char **paths, double *values) {
  for (size_t i = 0; i < N; i++) free(paths[i]);
  free(paths);
  free(values);
}

int main(int argc, char **argv) {
  if (argc >= 2) {
    char **paths = malloc(N * sizeof *paths);
    double *values = malloc(N * sizeof *values);
    if (!paths || !values) return 1;
    make_paths(paths, values);
    if (strcmp(argv[1], "ways") == 0) {
      time_ways(paths, values, "teams");
      time_ways(paths, values, "regions");
    } else if (argc == 6 && strcmp(argv[1], "one") == 0) {
      size_t rows = strtoul(argv[2], NULL, 10);
      int npat = atoi(argv[3]);
      if (rows < 1 || rows > N || npat < 1 || npat > MAX_WAY_PATTERNS) return 2;
      way_case c;
      way_case_init(&c, paths, values, rows, npat, argv[4]);
      sg_regex_cache *cache = sg_regex_cache_create(0, 0);
      sg_rollup_way way = strcmp(argv[5], "index") == 0 ? SG_ROLLUP_INDEX : SG_ROLLUP_SCAN;
      for (int k = 0; k < npat; k++) { /* compiled before, outside what callgrind counts */
        sg_regex *re;
        sg_error err;
        if (sg_regex_compile(cache, c.patv[k], strlen(c.patv[k]), &re, &err) == SG_OK)
          sg_regex_release(cache, re);
      }
      time_way(cache, &c, way, 1);
      sg_regex_cache_free(cache);
    } else {
      fprintf(stderr, "usage: %s [ways | one ROWS PATTERNS teams|regions scan|index]\n", argv[0]);
      return 2;
    }
    free_paths(paths, values);
    return 0;
  }
  char **paths = malloc(N * sizeof *paths);
  double *values = malloc(N * sizeof *values);
  static char pats[NPAT][64], prefixes[NPAT][64];
  double *out = malloc(NPAT * sizeof *out), *base = malloc(NPAT * sizeof *base);
  const char *patv[NPAT];
  if (!paths || !values || !out || !base) return 1;
  make_paths(paths, values);
  make_patterns(pats, prefixes);
  for (int k = 0; k < NPAT; k++) patv[k] = pats[k];

  sg_rollup_input in = {N, (const char *const *)paths, values, NPAT, patv, SG_ROLLUP_SUM};
  sg_regex_stats st_jit, st_interp;
  double t_base = time_baseline(paths, values, prefixes, base);
  double t_jit = time_rollup(&in, 0, out, &st_jit);
  double worst = 0;
  for (int k = 0; k < NPAT; k++) worst = fmax(worst, fabs(out[k] - base[k]) / fmax(1, fabs(base[k])));
  double t_interp = time_rollup(&in, SG_REGEX_NO_JIT, out, &st_interp);
  double matches = (double)N * NPAT;
  printf("bench_rollup: SG_ROLLUP engine, %d paths x %d patterns = %.0f matches (best of %d)\n", N, NPAT,
         matches, RUNS);
  printf("  baseline strncmp prefix loop : %8.1f ms  %6.1f ns/match\n", t_base * 1e3, t_base / matches * 1e9);
  printf("  PCRE2 JIT (%zu JIT-compiled)  : %8.1f ms  %6.1f ns/match  ratio %.2f x baseline\n", st_jit.jit,
         t_jit * 1e3, t_jit / matches * 1e9, t_jit / t_base);
  printf("  PCRE2 interpreter            : %8.1f ms  %6.1f ns/match  ratio %.2f x baseline, %.2f x JIT\n",
         t_interp * 1e3, t_interp / matches * 1e9, t_interp / t_base, t_interp / t_jit);
  printf("  compiles per run: %zu (100 patterns); largest relative difference from baseline sums: %.1e\n",
         st_jit.compiles, worst);

  /* SG_ALERT over 100k units: no rules (classification and text only) vs
   * 10 rules, the first match at varying depth, with the session cache. */
  const sgf_function *fn = sgf_find("SG_ALERT");
  sgf_session *session = sgf_session_new();
  sgf_grid args[5];
  sgf_grid_init(&args[0], N, 1);
  sgf_grid_init_omitted(&args[1]);
  sgf_grid_init(&args[2], N, 1);
  sgf_grid_init_omitted(&args[3]);
  sgf_grid_init_omitted(&args[4]);
  for (size_t i = 0; i < N; i++) {
    sgf_grid_set_number(&args[0], i, 0.5 + (double)(rng() % 1000) / 1000.0);
    sgf_grid_set_text(&args[2], i, paths[i], strlen(paths[i]));
  }
  double t_plain = time_alert(fn, session, args);
  sgf_grid_init(&args[3], 10, 4);
  for (size_t r = 0; r < 10; r++) {
    sgf_grid_set_text(&args[3], r * 4, pats[r * 7], strlen(pats[r * 7]));
    sgf_grid_set_number(&args[3], r * 4 + 1, 0.7 + 0.01 * (double)r);
    sgf_grid_set_number(&args[3], r * 4 + 2, 0.9);
    sgf_grid_set_text(&args[3], r * 4 + 3, "team", 4);
  }
  double t_rules = time_alert(fn, session, args);
  sgf_grid_free(&args[4]);
  sgf_grid_init(&args[4], 1, 1);
  sgf_grid_set_text(&args[4], 0, "message", 7);
  double t_msg = time_alert(fn, session, args);
  printf("bench_rollup: SG_ALERT function layer, %d units (best of %d)\n", N, RUNS);
  printf("  no rules (baseline)          : %8.1f ms  %6.1f ns/unit\n", t_plain * 1e3, t_plain / N * 1e9);
  printf("  10 rules                     : %8.1f ms  %6.1f ns/unit  ratio %.2f x baseline\n", t_rules * 1e3,
         t_rules / N * 1e9, t_rules / t_plain);
  printf("  10 rules, what = message     : %8.1f ms  %6.1f ns/unit  ratio %.2f x baseline\n", t_msg * 1e3,
         t_msg / N * 1e9, t_msg / t_plain);

  for (int k = 0; k < 5; k++) sgf_grid_free(&args[k]);
  sgf_session_free(session);
  time_ways(paths, values, "teams");
  time_ways(paths, values, "regions");
  free_paths(paths, values);
  free(out);
  free(base);
  return 0;
}
