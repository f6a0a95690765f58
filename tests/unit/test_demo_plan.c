/*
 * test_demo_plan.c — issue 10 item 5: a plan named "demo:..." or "示例:..."
 * (the samples' plans) keeps its snapshots in a demo database beside the
 * real one; the real database is never created or changed by it.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_tmp.h"

static int setup(void **state) {
  if (tmp_env_setup(state, "snapshots.sqlite") != 0) return -1;
  setenv("SALESGOAL_DB", ((tmp_env *)*state)->db, 1);
  return 0;
}

static int teardown(void **state) {
  tmp_env *e = *state;
  unsetenv("SALESGOAL_DB");
  tmp_remove(e->dir);
  free(e);
  return 0;
}

static int snapshot(const char *plan, const char *actual) {
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, plan);
  ARG(&fx, 1, 1, "North");
  ARG(&fx, 1, 1, "46023");
  ARG(&fx, 1, 1, "1000");
  ARG(&fx, 1, 1, actual);
  int rc = fx_run(&fx, "SG_SNAPSHOT");
  fx_free(&fx);
  return rc;
}

/* The actual recorded for plan/North, or -1 when there is none. */
static double history_actual(const char *plan) {
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, plan);
  ARG(&fx, 1, 1, "North");
  double v = fx_run(&fx, "SG_HISTORY") == 0 ? fx.result.cells[2].number : -1;
  fx_free(&fx);
  return v;
}

static void demo_plans_go_to_the_demo_database(void **state) {
  tmp_env *e = *state;
  char demo_db[TMP_PATH];
  tmp_join(demo_db, sizeof demo_db, e->dir, "snapshots-demo.sqlite");
  static const char *const demo_plans[] = {"demo:FY26", "Demo: tracker", "示例:FY26", "示例：FY26"};
  for (size_t i = 0; i < sizeof demo_plans / sizeof demo_plans[0]; i++) {
    assert_int_equal(snapshot(demo_plans[i], "400"), 0);
    assert_true(history_actual(demo_plans[i]) == 400);
  }
  assert_true(tmp_exists(demo_db));
  assert_false(tmp_exists(e->db)); /* the real database was not even created */

  /* A real plan writes the real database; the demo one is left as it was. */
  size_t demo_len = 0, demo_len2 = 0;
  unsigned char *before = tmp_slurp(demo_db, &demo_len);
  assert_int_equal(snapshot("FY26", "700"), 0);
  assert_true(tmp_exists(e->db));
  assert_true(history_actual("FY26") == 700);
  unsigned char *after = tmp_slurp(demo_db, &demo_len2);
  assert_true(before && after && demo_len == demo_len2 && memcmp(before, after, demo_len) == 0);
  free(before);
  free(after);

  /* Writing a demo plan now leaves the real file byte for byte unchanged. */
  size_t real_len = 0, real_len2 = 0;
  unsigned char *real_before = tmp_slurp(e->db, &real_len);
  assert_int_equal(snapshot("demo:FY26", "450"), 0);
  unsigned char *real_after = tmp_slurp(e->db, &real_len2);
  assert_true(real_before && real_after && real_len == real_len2 &&
              memcmp(real_before, real_after, real_len) == 0);
  free(real_before);
  free(real_after);
  /* And the names stay apart: "FY26" has 700, "demo:FY26" 450. */
  assert_true(history_actual("FY26") == 700 && history_actual("demo:FY26") == 450);
  /* Not a demo prefix: "demonstration" and "demo" without the colon. */
  assert_int_equal(snapshot("demonstration", "1"), 0);
  assert_true(history_actual("demonstration") == 1);
}

/* With a PostgreSQL store, demo plans go to the demo file beside the
 * default local file (XDG_DATA_HOME/salesgoal/snapshots.sqlite), never to
 * the server: here a server that cannot be reached, so a real plan fails. */
static void demo_plans_stay_local_with_a_server(void **state) {
  tmp_env *e = *state;
  char demo_db[TMP_PATH], real_default[TMP_PATH];
  tmp_join(demo_db, sizeof demo_db, e->dir, "salesgoal/snapshots-demo.sqlite");
  tmp_join(real_default, sizeof real_default, e->dir, "salesgoal/snapshots.sqlite");
  const char *old_xdg = getenv("XDG_DATA_HOME");
  char *saved = old_xdg ? strdup(old_xdg) : NULL;
  setenv("XDG_DATA_HOME", e->dir, 1);
  setenv("SALESGOAL_DB", "postgresql://sg@127.0.0.1:1/none?connect_timeout=1", 1);
  assert_int_equal(snapshot("demo:FY26", "400"), 0);
  assert_true(history_actual("demo:FY26") == 400);
  assert_true(tmp_exists(demo_db));
  assert_false(tmp_exists(real_default)); /* the default real file is not used */
  assert_int_not_equal(snapshot("FY26", "700"), 0); /* a real plan asks the server */
  if (saved) setenv("XDG_DATA_HOME", saved, 1);
  else unsetenv("XDG_DATA_HOME");
  free(saved);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(demo_plans_go_to_the_demo_database, setup, teardown),
      cmocka_unit_test_setup_teardown(demo_plans_stay_local_with_a_server, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
