/* test_store_admin.c — listing, exporting and deleting plans
 * (engine/store_admin.c), each test in its own temporary folder. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_tmp.h"

typedef tmp_env env;

static int setup(void **state) { return tmp_env_setup(state, "snapshots.sqlite"); }
static int teardown(void **state) { return tmp_env_teardown(state); }

/* Plan A: North on days 10 and 20, South on 15; plan B: one row on 30. */
static void put_sample(sg_store *st) {
  sg_snapshot_row rows[] = {
      {"A", "North", 10, 100, 10}, {"A", "North", 20, 100, 60}, {"A", "South", 15, 50, 5},
      {"B", "X", 30, 1, 1},
  };
  assert_int_equal(sg_store_put(st, 4, rows, NULL, NULL), SG_OK);
}

static void plans_are_summarised(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  put_sample(st);
  sg_plan_summary *plans;
  size_t n;
  assert_int_equal(sg_store_plans(st, &plans, &n, NULL), SG_OK);
  assert_int_equal(n, 2);
  assert_string_equal(plans[0].plan, "A");
  assert_int_equal(plans[0].units, 2);
  assert_int_equal(plans[0].snapshots, 3);
  assert_true(plans[0].first == 10 && plans[0].last == 20);
  assert_true(isfinite(plans[0].updated) && plans[0].updated > 1.7e9); /* written after 2023 */
  assert_string_equal(plans[1].plan, "B");
  assert_int_equal(plans[1].snapshots, 1);
  sg_store_plans_free(plans, n);
  sg_store_close(st);
}

typedef struct seen {
  char units[8][16];
  double as_of[8], actual[8], created[8];
  size_t n, total, stop_at;
} seen;

static int visit(void *ctx, const sg_snapshot_record *r, size_t i, size_t total) {
  seen *s = ctx;
  if (i == s->stop_at) return 7;
  snprintf(s->units[s->n], sizeof s->units[0], "%s", r->unit);
  s->as_of[s->n] = r->as_of;
  s->actual[s->n] = r->actual;
  s->created[s->n] = r->created;
  s->n++;
  s->total = total;
  return 0;
}

static void export_is_by_unit_then_date(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  put_sample(st);
  /* a row as schema 1 wrote it: no times */
  assert_int_equal(raw_try(e->db, "INSERT INTO snapshot (plan, unit, as_of, target, actual)"
                                  " VALUES ('A', 'East', 5, 9, 9)"),
                   SQLITE_OK);
  seen s = {.stop_at = 99};
  assert_int_equal(sg_store_export(st, "A", visit, &s, NULL), SG_OK);
  assert_int_equal(s.n, 4);
  assert_int_equal(s.total, 4);
  assert_string_equal(s.units[0], "East");
  assert_string_equal(s.units[1], "North");
  assert_string_equal(s.units[2], "North");
  assert_string_equal(s.units[3], "South");
  assert_true(s.as_of[1] == 10 && s.as_of[2] == 20 && s.actual[2] == 60);
  assert_true(isnan(s.created[0]) && isfinite(s.created[1]));
  /* a visitor that stops: the export says so */
  seen stop = {.stop_at = 1};
  sg_error err;
  assert_int_equal(sg_store_export(st, "A", visit, &stop, &err), SG_EINVAL);
  assert_int_equal(stop.n, 1);
  sg_store_close(st);
}

static void delete_removes_one_plan_and_keeps_the_guard(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  put_sample(st);
  /* overwrites keep the old values in snapshot_revision, guarded too */
  sg_snapshot_row again[] = {{"A", "North", 10, 100, 11}, {"B", "X", 30, 1, 2}};
  assert_int_equal(sg_store_put(st, 2, again, NULL, NULL), SG_OK);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot_revision"), 2);
  int guards = raw_int(e->db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'");
  size_t deleted = 0;
  sg_error err;
  assert_int_equal(sg_store_delete_plan(st, "A", &deleted, &err), SG_OK);
  assert_int_equal(deleted, 3);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot WHERE plan = 'A'"), 0);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot WHERE plan = 'B'"), 1);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot_revision"), 1);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot_revision WHERE plan = 'B'"), 1);
  /* every guard is back: a plain DELETE still fails for everyone */
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"),
                   guards);
  assert_int_not_equal(raw_try(e->db, "DELETE FROM snapshot"), SQLITE_OK);
  assert_int_not_equal(raw_try(e->db, "DELETE FROM snapshot_revision"), SQLITE_OK);
  /* the store still works through the same connection */
  size_t n = 0;
  assert_int_equal(sg_store_count(st, NULL, NULL, &n, NULL), SG_OK);
  assert_int_equal(n, 1);
  /* an unknown plan deletes nothing */
  assert_int_equal(sg_store_delete_plan(st, "nope", &deleted, NULL), SG_OK);
  assert_int_equal(deleted, 0);
  sg_store_close(st);
}

/* Another writer holds the lock: the delete waits, fails, and nothing changed. */
static void delete_while_locked_changes_nothing(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  put_sample(st);
  int guards = raw_int(e->db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'");
  sqlite3 *other = NULL;
  assert_int_equal(sqlite3_open(e->db, &other), SQLITE_OK);
  assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  size_t deleted = 99;
  sg_error err;
  assert_int_equal(sg_store_delete_plan(st, "A", &deleted, &err), SG_ESTORE_BUSY);
  assert_int_equal(deleted, 0);
  assert_non_null(strstr(err.message, e->db));
  sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(other);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot"), 4);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"),
                   guards);
  sg_store_close(st);
}

static void delete_needs_a_plan(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  assert_int_equal(sg_store_delete_plan(st, "", NULL, NULL), SG_EINVAL);
  assert_int_equal(sg_store_export(st, NULL, visit, NULL, NULL), SG_EINVAL);
  sg_store_close(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(plans_are_summarised, setup, teardown),
      cmocka_unit_test_setup_teardown(export_is_by_unit_then_date, setup, teardown),
      cmocka_unit_test_setup_teardown(delete_removes_one_plan_and_keeps_the_guard, setup, teardown),
      cmocka_unit_test_setup_teardown(delete_while_locked_changes_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(delete_needs_a_plan, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
