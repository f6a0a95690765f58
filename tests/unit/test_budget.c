/* test_budget.c — work bounded per call: the time budget of one call's
 * pattern matching, the heap limit of one match, O(1) pattern-cache
 * lookups with 100,000 rules held at once, and the cap on rules per call.
 * Figures are printed as INFO lines (the "before" numbers: 2,000
 * near-limit rows took 4.5 s in Calc; 100k rules 20 s; one match 461 MB). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "fixture.h"
#include "salesgoal.h"
#include "sgf_internal.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Valgrind runs 20-50 times slower: fewer items there (SG_SLOW_CHECKER). */
static int slow_checker(void) { return getenv("SG_SLOW_CHECKER") != NULL; }

/* ^(a|aa)+$ against 25 a's and a b: a few milliseconds of backtracking,
 * under the match limit, so every row is a legal but costly match. */
#define COSTLY_PATTERN "^(a|aa)+$"
#define COSTLY_SUBJECT "aaaaaaaaaaaaaaaaaaaaaaaaab"

static void rollup_stops_at_the_budget(void **state) {
  (void)state;
  const char *was = getenv("SALESGOAL_MATCH_SECONDS");
  char *saved = was ? strdup(was) : NULL;
  setenv("SALESGOAL_MATCH_SECONDS", "1", 1);
  size_t n = 3000;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  const char **paths = malloc(n * sizeof *paths), **values = malloc(n * sizeof *values);
  for (size_t i = 0; i < n; i++) {
    paths[i] = COSTLY_SUBJECT;
    values[i] = "1";
  }
  fx_arg(&fx, n, 1, paths);
  fx_arg(&fx, n, 1, values);
  ARG(&fx, 1, 1, COSTLY_PATTERN);
  double t0 = now();
  int rc = fx_run(&fx, "SG_ROLLUP");
  double took = now() - t0;
  printf("[   INFO   ] SG_ROLLUP, %zu rows against %s: %s after %.2f s\n", n, COSTLY_PATTERN,
         rc == 0 ? "finished" : "stopped", took);
  assert_int_equal(rc, -1);
  assert_message_has(&fx, "matching the patterns took more than 1 s in this call");
  assert_true(took < 3.0); /* 1 s of matching, one more match, the rest of the call */
  fx_free(&fx);
  free(paths);
  free(values);
  if (saved) setenv("SALESGOAL_MATCH_SECONDS", saved, 1);
  else unsetenv("SALESGOAL_MATCH_SECONDS");
  free(saved);
}

/* The engine's budget itself: a fresh budget per call, none when <= 0. */
static void engine_budget_per_call(void **state) {
  (void)state;
  sg_regex_cache *c = sg_regex_cache_create(0, 0);
  sg_regex *re;
  sg_error err;
  assert_int_equal(sg_regex_compile(c, COSTLY_PATTERN, strlen(COSTLY_PATTERN), &re, &err), SG_OK);
  int matched, rc = SG_OK, count = 0;
  sg_regex_cache_budget(c, 0.2);
  double t0 = now();
  while (rc == SG_OK && count < 100000) {
    rc = sg_regex_match(c, re, COSTLY_SUBJECT, strlen(COSTLY_SUBJECT), &matched, &err);
    count++;
  }
  double took = now() - t0;
  assert_int_equal(rc, SG_EBUDGET);
  assert_true(err.value == 0.2 && took >= 0.2 && took < 2.0);
  /* A new call starts a new budget; no budget, no limit. */
  sg_regex_cache_budget(c, 0.2);
  assert_int_equal(sg_regex_match(c, re, "ab", 2, &matched, &err), SG_OK);
  sg_regex_cache_budget(c, 0);
  assert_int_equal(sg_regex_match(c, re, "aab", 3, &matched, &err), SG_OK);
  sg_regex_release(c, re);
  sg_regex_cache_free(c);
}

/* Without JIT, PCRE2 keeps backtracking frames on the heap, each as big as
 * the pattern's capture groups: 1,000 groups and a long subject needed 160
 * MB (461 MB in the issue) before the heap limit; now PCRE2_ERROR_HEAPLIMIT
 * (-63) after SG_REGEX_HEAP_KIB. */
static void heap_limit_per_match(void **state) {
  (void)state;
  sg_regex_cache *c = sg_regex_cache_create(0, SG_REGEX_NO_JIT);
  size_t groups = 1000, len = 9000;
  char *pattern = malloc(groups * 4 + 32), *subject = malloc(len + 1);
  pattern[0] = '\0';
  for (size_t i = 0; i < groups; i++) strcat(pattern, "(x)?");
  strcat(pattern, "^(?:a|b)*[^ab]");
  for (size_t i = 0; i < len; i++) subject[i] = i % 2 ? 'b' : 'a';
  subject[len] = '\0';
  struct rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  sg_regex *re;
  sg_error err;
  assert_int_equal(sg_regex_compile(c, pattern, strlen(pattern), &re, &err), SG_OK);
  int matched;
  assert_int_equal(sg_regex_match(c, re, subject, len, &matched, &err), SG_EMATCHLIMIT);
  getrusage(RUSAGE_SELF, &after);
  printf("[   INFO   ] 1,000-group pattern without JIT: stopped by the heap limit (%g), peak "
         "memory grew %ld KB\n",
         err.value2, after.ru_maxrss - before.ru_maxrss);
  assert_true(err.value2 == -63); /* PCRE2_ERROR_HEAPLIMIT, not the depth limit after 160 MB */
  assert_true(after.ru_maxrss - before.ru_maxrss < 64 * 1024);
  sg_regex_release(c, re);
  sg_regex_cache_free(c);
  free(pattern);
  free(subject);
}

/* n distinct patterns compiled and held at once (as one SG_ALERT call holds
 * its rules), looked up again, then released: the hash-table entries the
 * cache visited on the way (its probes). */
static size_t hold_patterns(size_t n) {
  sg_regex_cache *c = sg_regex_cache_create(0, 0);
  sg_regex **held = malloc(n * sizeof *held);
  char p[32];
  for (size_t i = 0; i < n; i++) {
    int len = snprintf(p, sizeof p, "^R%zu$", i);
    assert_int_equal(sg_regex_compile(c, p, (size_t)len, &held[i], NULL), SG_OK);
  }
  /* Lookups of held patterns: hits, O(1) each. */
  for (size_t i = 0; i < n; i++) {
    sg_regex *again;
    int len = snprintf(p, sizeof p, "^R%zu$", i);
    assert_int_equal(sg_regex_compile(c, p, (size_t)len, &again, NULL), SG_OK);
    assert_ptr_equal(again, held[i]);
    sg_regex_release(c, again);
  }
  for (size_t i = 0; i < n; i++) sg_regex_release(c, held[i]);
  sg_regex_stats s;
  sg_regex_cache_stats(c, &s);
  assert_true(s.entries <= SG_REGEX_CACHE_DEFAULT); /* shrunk back once released */
  assert_int_equal(s.compiles, n);
  assert_int_equal(s.hits, n);
  assert_int_equal(s.evictions, n - SG_REGEX_CACHE_DEFAULT);
  sg_regex_cache_free(c);
  free(held);
  return s.probes;
}

/* Counted, not timed. The table doubles once it holds two entries a bucket,
 * so chains average at most 2 and each pattern costs at most: its miss (the
 * chain, <= 2), its hit (<= 2), its share of the rehashing (each doubling
 * moves every entry once, 1 + 1/2 + 1/4 ... <= 2 a pattern) and its removal
 * on eviction (<= 2): 8 a pattern whatever n. Chains that grow with n (no
 * rehashing) or an O(n) scan per call would make it grow with n: x25 for x5. */
static void cache_linear_in_held_patterns(void **state) {
  (void)state;
  size_t small = slow_checker() ? 2000 : 20000, big = 5 * small;
  size_t p_small = hold_patterns(small), p_big = hold_patterns(big);
  printf("[   INFO   ] patterns held at once: %zu cost %zu probes, %zu cost %zu (x%.2f for x5)\n",
         small, p_small, big, p_big, (double)p_big / (double)p_small);
  assert_true(p_small <= 8 * small);
  assert_true(p_big <= 8 * big);
  assert_true(p_big < 6 * p_small);
}

/* SG_ALERT with 100,000 rules (the cap) and with one more. */
static void alert_with_100k_rules(void **state) {
  (void)state;
  size_t n = slow_checker() ? 5000 : SG_ALERT_MAX_RULES;
  char **cells = malloc(3 * (n + 1) * sizeof *cells);
  for (size_t r = 0; r < n + 1; r++) {
    cells[3 * r] = malloc(32);
    snprintf(cells[3 * r], 32, "^R%zu$", r);
    cells[3 * r + 1] = "0.5";
    cells[3 * r + 2] = "0.6";
  }
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "0.55");
  OMIT(&fx);
  char unit[32];
  snprintf(unit, sizeof unit, "R%zu", n - 1); /* the last rule decides */
  ARG(&fx, 1, 1, unit);
  fx_arg(&fx, n, 3, (const char *const *)cells);
  double t0 = now();
  int rc = fx_run(&fx, "SG_ALERT");
  double took = now() - t0;
  printf("[   INFO   ] SG_ALERT with %zu rules: %.2f s\n", n, took);
  assert_int_equal(rc, 0);
  assert_string_equal(fx.result.cells[0].text, "AMBER");
  /* A hang watchdog only (this takes about 0.5 s; 20 s before the O(1)
   * cache): the cache's linearity is counted in cache_linear_in_held_patterns. */
  assert_true(took < 120.0);
  fx_free(&fx);
  if (!slow_checker()) {
    fx_init(&fx, SGF_LANG_EN);
    ARG(&fx, 1, 1, "0.55");
    OMIT(&fx);
    ARG(&fx, 1, 1, unit);
    fx_arg(&fx, n + 1, 3, (const char *const *)cells);
    assert_int_equal(fx_run(&fx, "SG_ALERT"), -1);
    assert_message_has(&fx, "has more than 100000 rules; one call takes at most 100000");
    fx_free(&fx);
  }
  for (size_t r = 0; r < n + 1; r++) free(cells[3 * r]);
  free(cells);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(heap_limit_per_match),
      cmocka_unit_test(rollup_stops_at_the_budget),
      cmocka_unit_test(engine_budget_per_call),
      cmocka_unit_test(cache_linear_in_held_patterns),
      cmocka_unit_test(alert_with_100k_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
