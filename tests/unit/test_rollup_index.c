/* test_rollup_index.c — SG_ROLLUP's sorted-prefix path (eight or more
 * patterns of the form "^plain characters"): by hand, and bit for bit
 * against matching every row. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

/* Eight or more patterns: prefixes are answered from the rows sorted by
 * path. By hand over these rows (blank value and blank path skipped):
 *   ^A/     A/x 1, A/y 2, A/x 4, A/xz 8       = 15
 *   ^A/x    A/x 1, A/x 4, A/xz 8              = 13
 *   ^A/x/   none                              = 0
 *   ^B      B 16, B/q 32                      = 48
 *   ^       every live row                    = 63
 *   ^A/xz/long  longer than every path        = 0
 *   x$      (regex) A/x 1, A/x 4              = 5
 *   ^C      none                              = 0
 *   blank pattern                             = blank */
static void rollup_prefix_index_by_hand(void **state) {
  (void)state;
  const char *paths[] = {"A/x", "A/y", "B", "A/x", "A/xz", NULL, "B/q", "A/w"};
  const double values[] = {1, 2, 16, 4, 8, 100, 32, NAN};
  const char *patterns[] = {"^A/", "^A/x", "^A/x/", "^B", "^", "^A/xz/long", "x$", "^C", NULL};
  const double want[] = {15, 13, 0, 48, 63, 0, 5, 0};
  sg_regex_cache *c = sg_regex_cache_create(0, 0);
  sg_rollup_input in = {8, paths, values, 9, patterns, SG_ROLLUP_SUM};
  double out[9];
  sg_error err;
  assert_int_equal(sg_rollup(c, &in, out, &err), SG_OK);
  for (int k = 0; k < 8; k++) assert_true(out[k] == want[k]);
  assert_true(isnan(out[8]));
  in.mode = SG_ROLLUP_COUNT; /* 4, 3, 0, 2, 6, 0, 2, 0 */
  const double counts[] = {4, 3, 0, 2, 6, 0, 2, 0};
  assert_int_equal(sg_rollup(c, &in, out, &err), SG_OK);
  for (int k = 0; k < 8; k++) assert_true(out[k] == counts[k]);
  sg_regex_cache_free(c);
}

/* The sorted-prefix answers equal matching row by row, bit for bit, in
 * every mode (a cache with SG_REGEX_NO_LITERAL matches every row). */
static void rollup_prefix_index_agrees_with_matching(void **state) {
  (void)state;
  enum { ROWS = 400, PATS = 24 };
  static const char *const parts[] = {"APAC", "EMEA", "张", "x", "/", "Ch"};
  char pbuf[ROWS][40], qbuf[PATS][40];
  const char *paths[ROWS], *patterns[PATS];
  double values[ROWS], fast[PATS], slow[PATS];
  sg_regex_cache *cf = sg_regex_cache_create(0, 0), *cs = sg_regex_cache_create(0, SG_REGEX_NO_LITERAL);
  srand(1202);
  for (int round = 0; round < 60; round++) {
    for (int i = 0; i < ROWS; i++) {
      pbuf[i][0] = '\0';
      for (int j = rand() % 6; j > 0; j--) strcat(pbuf[i], parts[rand() % 6]);
      paths[i] = rand() % 20 ? pbuf[i] : NULL;
      values[i] = rand() % 15 ? (rand() % 2000001 - 1000000) / 7.0 : NAN;
    }
    for (int k = 0; k < PATS; k++) {
      strcpy(qbuf[k], rand() % 6 ? "^" : "");
      for (int j = rand() % 4; j > 0; j--) strcat(qbuf[k], parts[rand() % 6]);
      patterns[k] = qbuf[k];
    }
    for (int mode = SG_ROLLUP_SUM; mode <= SG_ROLLUP_MAX; mode++) {
      sg_rollup_input in = {ROWS, paths, values, PATS, patterns, (sg_rollup_mode)mode};
      sg_error err;
      assert_int_equal(sg_rollup(cf, &in, fast, &err), SG_OK);
      assert_int_equal(sg_rollup(cs, &in, slow, &err), SG_OK);
      for (int k = 0; k < PATS; k++)
        assert_memory_equal(&fast[k], &slow[k], sizeof fast[k]);
    }
  }
  sg_regex_cache_free(cf);
  sg_regex_cache_free(cs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rollup_prefix_index_by_hand),
      cmocka_unit_test(rollup_prefix_index_agrees_with_matching),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
