/* test_rollup_index.c — SG_ROLLUP's two ways for "^plain characters"
 * patterns (scan every row per pattern, or sort the rows once and
 * binary-search): by hand, bit for bit against each other and against
 * matching every row through PCRE2, and at and around the threshold that
 * chooses between them (engine/rollup.c, sg_rollup_index_pays). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "rollup_internal.h"
#include "salesgoal.h"

static const sg_rollup_way ways[] = {SG_ROLLUP_CHOOSE, SG_ROLLUP_SCAN, SG_ROLLUP_INDEX};
#define N_WAYS (sizeof ways / sizeof ways[0])

/* By hand over these rows (blank value and blank path skipped):
 *   ^A/     A/x 1, A/y 2, A/x 4, A/xz 8       = 15
 *   ^A/x    A/x 1, A/x 4, A/xz 8              = 13
 *   ^A/x/   none                              = 0
 *   ^B      B 16, B/q 32                      = 48
 *   ^       every live row                    = 63
 *   ^A/xz/long  longer than every path        = 0
 *   x$      (regex) A/x 1, A/x 4              = 5
 *   ^C      none                              = 0
 *   blank pattern                             = blank
 * the same whichever way answers. */
static void rollup_prefix_ways_by_hand(void **state) {
  (void)state;
  const char *paths[] = {"A/x", "A/y", "B", "A/x", "A/xz", NULL, "B/q", "A/w"};
  const double values[] = {1, 2, 16, 4, 8, 100, 32, NAN};
  const char *patterns[] = {"^A/", "^A/x", "^A/x/", "^B", "^", "^A/xz/long", "x$", "^C", NULL};
  const double want[] = {15, 13, 0, 48, 63, 0, 5, 0};
  const double counts[] = {4, 3, 0, 2, 6, 0, 2, 0};
  sg_regex_cache *c = sg_regex_cache_create(0, 0);
  for (size_t w = 0; w < N_WAYS; w++) {
    sg_rollup_input in = {8, paths, values, 9, patterns, SG_ROLLUP_SUM};
    double out[9];
    sg_error err;
    assert_int_equal(sg_rollup_by(c, &in, ways[w], out, &err), SG_OK);
    for (int k = 0; k < 8; k++) assert_true(out[k] == want[k]);
    assert_true(isnan(out[8]));
    in.mode = SG_ROLLUP_COUNT;
    assert_int_equal(sg_rollup_by(c, &in, ways[w], out, &err), SG_OK);
    for (int k = 0; k < 8; k++) assert_true(out[k] == counts[k]);
  }
  sg_regex_cache_free(c);
}

/* Random paths and patterns from a few parts (multi-byte, '/', prefixes of
 * one another), with blank paths and values; most patterns "^...". */
enum { MAX_ROWS = 5000, MAX_PATS = 32, PART_ROOM = 40 };
static const char *const parts[] = {"APAC", "EMEA", "张", "x", "/", "Ch"};

static void append(char *buf, size_t size, const char *part) {
  size_t len = strlen(buf);
  snprintf(buf + len, size - len, "%s", part);
}

typedef struct rollup_data {
  char pbuf[MAX_ROWS][PART_ROOM], qbuf[MAX_PATS][PART_ROOM];
  const char *paths[MAX_ROWS], *patterns[MAX_PATS];
  double values[MAX_ROWS];
} rollup_data;

static void make_data(rollup_data *d, size_t rows, int blanks) {
  for (size_t i = 0; i < rows; i++) {
    d->pbuf[i][0] = '\0';
    for (int j = rand() % 6; j > 0; j--) append(d->pbuf[i], PART_ROOM, parts[rand() % 6]);
    d->paths[i] = !blanks || rand() % 20 ? d->pbuf[i] : NULL;
    d->values[i] = !blanks || rand() % 15 ? (rand() % 2000001 - 1000000) / 7.0 : NAN;
  }
  for (int k = 0; k < MAX_PATS; k++) {
    snprintf(d->qbuf[k], PART_ROOM, "%s", rand() % 6 ? "^" : "");
    for (int j = rand() % 4; j > 0; j--) append(d->qbuf[k], PART_ROOM, parts[rand() % 6]);
    d->patterns[k] = d->qbuf[k];
  }
}

/* Every way equals matching every row (a cache with SG_REGEX_NO_LITERAL
 * sends each row through PCRE2), bit for bit, for every mode. */
static void assert_ways_agree(sg_regex_cache *fast, sg_regex_cache *slow, const rollup_data *d,
                              size_t rows, size_t npatterns) {
  for (int mode = SG_ROLLUP_SUM; mode <= SG_ROLLUP_MAX; mode++) {
    sg_rollup_input in = {rows, d->paths, d->values, npatterns, d->patterns, (sg_rollup_mode)mode};
    double want[MAX_PATS], got[MAX_PATS];
    sg_error err;
    assert_int_equal(sg_rollup(slow, &in, want, &err), SG_OK);
    for (size_t w = 0; w < N_WAYS; w++) {
      assert_int_equal(sg_rollup_by(fast, &in, ways[w], got, &err), SG_OK);
      for (size_t k = 0; k < npatterns; k++)
        if (memcmp(&got[k], &want[k], sizeof got[k]) != 0)
          fail_msg("%zu rows, %zu patterns, mode %d, way %d: pattern %zu (%s) gives %.17g, "
                   "matching every row %.17g",
                   rows, npatterns, mode, (int)ways[w], k, d->patterns[k], got[k], want[k]);
    }
  }
}

static void rollup_prefix_ways_agree_with_matching(void **state) {
  (void)state;
  static rollup_data d;
  sg_regex_cache *cf = sg_regex_cache_create(0, 0), *cs = sg_regex_cache_create(0, SG_REGEX_NO_LITERAL);
  srand(1202);
  for (int round = 0; round < 60; round++) {
    make_data(&d, 400, 1);
    assert_ways_agree(cf, cs, &d, 400, 24);
  }
  sg_regex_cache_free(cf);
  sg_regex_cache_free(cs);
}

/* The index is chosen from 2 x log2(live rows) patterns (the measured
 * crossover, engine/rollup.c). By hand: 2 log2(100) = 13.3, 2 log2(1000)
 * = 19.9, 2 log2(5000) = 24.6, so the first count that sorts is 14, 20 and
 * 25; at one below, one at and one above it every way still gives the
 * same answers. Fewer than 2 rows never sort. */
static void rollup_threshold_and_both_sides_of_it(void **state) {
  (void)state;
  static const struct {
    size_t rows, first_indexed;
  } cases[] = {{100, 14}, {1000, 20}, {5000, 25}};
  static rollup_data d;
  sg_regex_cache *cf = sg_regex_cache_create(0, 0), *cs = sg_regex_cache_create(0, SG_REGEX_NO_LITERAL);
  srand(315);
  assert_false(sg_rollup_index_pays(0, 1000));
  assert_false(sg_rollup_index_pays(1, 1000));
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    size_t rows = cases[c].rows, at = cases[c].first_indexed;
    assert_false(sg_rollup_index_pays(rows, at - 1));
    assert_true(sg_rollup_index_pays(rows, at));
    make_data(&d, rows, 0); /* no blanks: every row is live, as counted */
    for (size_t p = at - 1; p <= at + 1; p++) assert_ways_agree(cf, cs, &d, rows, p);
  }
  sg_regex_cache_free(cf);
  sg_regex_cache_free(cs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rollup_prefix_ways_by_hand),
      cmocka_unit_test(rollup_prefix_ways_agree_with_matching),
      cmocka_unit_test(rollup_threshold_and_both_sides_of_it),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
