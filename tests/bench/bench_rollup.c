/*
 * bench_rollup.c — SG_ROLLUP over 100k unit paths x 100 patterns (engine,
 * JIT and interpreter) against a hand-written prefix loop doing the same
 * sums, and SG_ALERT over 100k units through the function layer with and
 * without pattern rules. Prints figures and ratios measured in this run;
 * no assertions (timings depend on the machine).
 */
#define _POSIX_C_SOURCE 199309L
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

int main(void) {
  char **paths = malloc(N * sizeof *paths);
  double *values = malloc(N * sizeof *values);
  static char pats[NPAT][64], prefixes[NPAT][64];
  double *out = malloc(NPAT * sizeof *out), *base = malloc(NPAT * sizeof *base);
  const char *patv[NPAT];
  if (!paths || !values || !out || !base) return 1;
  for (size_t i = 0; i < N; i++) {
    char buf[96];
    uint64_t x = rng();
    snprintf(buf, sizeof buf, "%s/%s/%s/%s%zu", regions[x % 4], countries[(x >> 8) % 5],
             teams[(x >> 16) % 5], names[(x >> 24) % 8], i);
    paths[i] = malloc(strlen(buf) + 1);
    if (!paths[i]) return 1;
    memcpy(paths[i], buf, strlen(buf) + 1);
    values[i] = (double)((x >> 32) % 100000) / 100.0;
  }
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
  for (size_t i = 0; i < N; i++) free(paths[i]);
  free(paths);
  free(values);
  free(out);
  free(base);
  return 0;
}
