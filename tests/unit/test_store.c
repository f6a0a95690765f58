/* test_store.c — the snapshot store (engine/store.c) and the trend line
 * (engine/trend.c). Each test works in its own temporary folder. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_tmp.h"

typedef tmp_env env;

static int setup(void **state) { return tmp_env_setup(state, "snapshots.sqlite"); }
static int teardown(void **state) { return tmp_env_teardown(state); }

static size_t count(sg_store *st, const char *plan, const char *unit) {
  size_t n = 99999;
  assert_int_equal(sg_store_count(st, plan, unit, &n, NULL), SG_OK);
  return n;
}

/* -------------------------------------------------------------- writes */

static void upsert_is_idempotent(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  sg_snapshot_row rows[] = {{"FY25", "North", 45000, 1000, 100},
                            {"FY25", "South", 45000, 800, 50},
                            {"FY25", "North", 45010, 1000, 200}};
  size_t written = 0;
  assert_int_equal(sg_store_put(st, 3, rows, &written, NULL), SG_OK);
  assert_int_equal(written, 3);
  assert_int_equal(count(st, NULL, NULL), 3);
  /* A recalculation: same rows, nothing written, nothing added. */
  assert_int_equal(sg_store_put(st, 3, rows, &written, NULL), SG_OK);
  assert_int_equal(written, 0);
  assert_int_equal(count(st, NULL, NULL), 3);
  /* A changed figure for the same day replaces the snapshot. */
  rows[0].actual = 120;
  assert_int_equal(sg_store_put(st, 1, rows, &written, NULL), SG_OK);
  assert_int_equal(written, 1);
  assert_int_equal(count(st, NULL, NULL), 3);
  assert_int_equal(count(st, "FY25", "North"), 2);
  sg_snapshot *h = NULL;
  size_t n = 0;
  assert_int_equal(sg_store_history(st, "FY25", "North", -HUGE_VAL, HUGE_VAL, &h, &n, NULL), SG_OK);
  assert_int_equal(n, 2);
  assert_true(h[0].as_of == 45000 && h[0].target == 1000 && h[0].actual == 120);
  sg_store_free(h);
  /* Reopening sees the same rows: they are in the file, not a cache. */
  sg_store_close(st);
  st = open_ok(e->db);
  assert_int_equal(count(st, NULL, NULL), 3);
  sg_store_close(st);
  assert_int_equal(raw_int(e->db, "PRAGMA user_version"), SG_STORE_SCHEMA_VERSION);
  assert_int_equal(raw_int(e->db, "PRAGMA application_id"), 0x53474f4c);
}

/* One bad row anywhere: nothing of the batch is stored. */
static void bad_row_writes_nothing(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  sg_snapshot_row rows[] = {{"P", "a", 45000, 1, 1}, {"P", "b", 45000, NAN, 1}};
  sg_error err;
  assert_int_equal(sg_store_put(st, 2, rows, NULL, &err), SG_ENONFINITE);
  assert_int_equal(err.arg, SG_SNAPSHOT_ARG_TARGET);
  assert_int_equal(err.index, 1);
  rows[1] = (sg_snapshot_row){"P", "", 45000, 1, 1};
  assert_int_equal(sg_store_put(st, 2, rows, NULL, &err), SG_EINVAL);
  assert_int_equal(err.arg, SG_SNAPSHOT_ARG_UNIT);
  rows[1] = (sg_snapshot_row){"P", "b", 45000.5, 1, 1};
  assert_int_equal(sg_store_put(st, 2, rows, NULL, &err), SG_ERANGE);
  assert_int_equal(err.arg, SG_SNAPSHOT_ARG_AS_OF);
  assert_int_equal(count(st, NULL, NULL), 0);
  sg_store_close(st);
}

/* "Never deleted" holds for any program that opens the file. */
static void delete_is_refused(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", "u", 1, 2, 3}}, NULL, NULL),
                   SG_OK);
  sg_store_close(st);
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(e->db, &db), SQLITE_OK);
  assert_int_not_equal(sqlite3_exec(db, "DELETE FROM snapshot", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot"), 1);
}

/* Reads (history in date order, both bounds included) are tested on both
 * backends in test_store_both.c. */

/* -------------------------------------------------------------- schema */

/* Version 1 as salesgoal 0.1 wrote it: no created/updated columns. */
static const char V1_SQL[] =
    "PRAGMA application_id = 1397182284;"
    "CREATE TABLE snapshot (plan TEXT NOT NULL, unit TEXT NOT NULL, as_of INTEGER NOT NULL,"
    " target REAL NOT NULL, actual REAL NOT NULL, PRIMARY KEY (plan, unit, as_of));"
    "INSERT INTO snapshot VALUES ('FY24', 'North', 44900, 900, 300), ('FY24', 'North', 44800, 900, "
    "100);"
    "PRAGMA user_version = 1;";

static void migrates_version_1(void **state) {
  env *e = *state;
  raw_exec(e->db, V1_SQL);
  sg_store *st = open_ok(e->db);
  assert_int_equal(raw_int(e->db, "PRAGMA user_version"), SG_STORE_SCHEMA_VERSION);
  /* The old rows are kept, have no timestamps, and the new columns work. */
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot WHERE created IS NULL"), 2);
  sg_snapshot *h = NULL;
  size_t n = 0;
  assert_int_equal(sg_store_history(st, "FY24", "North", -HUGE_VAL, HUGE_VAL, &h, &n, NULL), SG_OK);
  assert_int_equal(n, 2);
  assert_true(h[0].as_of == 44800 && h[0].actual == 100 && h[1].actual == 300);
  sg_store_free(h);
  assert_int_equal(
      sg_store_put(st, 1, (sg_snapshot_row[]){{"FY24", "North", 44950, 900, 500}}, NULL, NULL),
      SG_OK);
  sg_store_close(st);
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot WHERE created > 1.6e9"), 1);
  assert_int_equal(raw_int(e->db, "SELECT integrity_check = 'ok' FROM pragma_integrity_check"), 1);
}

static void newer_schema_is_refused(void **state) {
  env *e = *state;
  raw_exec(e->db, V1_SQL);
  raw_exec(e->db, "PRAGMA user_version = 9");
  size_t before_len, after_len;
  unsigned char *before = tmp_slurp(e->db, &before_len);
  sg_store *st = (sg_store *)1;
  sg_error err;
  assert_int_equal(sg_store_open(e->db, &st, &err), SG_ESTORE_NEWER);
  assert_null(st);
  assert_true(err.value == 9 && err.value2 == SG_STORE_SCHEMA_VERSION);
  unsigned char *after = tmp_slurp(e->db, &after_len);
  assert_int_equal(before_len, after_len);
  assert_memory_equal(before, after, before_len);
  free(before);
  free(after);
}

/* A file that is not SQLite at all, and a SQLite file of somebody else:
 * both refused and left byte for byte as they were. */
static void corrupt_and_foreign_files_untouched(void **state) {
  env *e = *state;
  FILE *f = fopen(e->db, "wb");
  assert_non_null(f);
  for (int i = 0; i < 3000; i++)
    fputs("quarterly numbers, not a database\n", f);
  fclose(f);
  size_t before_len, after_len;
  unsigned char *before = tmp_slurp(e->db, &before_len);
  sg_store *st = NULL;
  sg_error err;
  assert_int_equal(sg_store_open(e->db, &st, &err), SG_ESTORE_CORRUPT);
  assert_null(st);
  assert_non_null(strstr(err.message, e->db));
  unsigned char *after = tmp_slurp(e->db, &after_len);
  assert_int_equal(before_len, after_len);
  assert_memory_equal(before, after, before_len);
  free(before);
  free(after);

  char other[TMP_PATH];
  tmp_join(other, sizeof other, e->dir, "crm.sqlite");
  raw_exec(other, "CREATE TABLE deals (id INTEGER PRIMARY KEY, amount REAL);"
                  "INSERT INTO deals VALUES (1, 500);");
  before = tmp_slurp(other, &before_len);
  assert_int_equal(sg_store_open(other, &st, &err), SG_ESTORE_FOREIGN);
  assert_null(st);
  after = tmp_slurp(other, &after_len);
  assert_int_equal(before_len, after_len);
  assert_memory_equal(before, after, before_len);
  free(before);
  free(after);
  /* Still in its own journal mode: we did not switch it to WAL. */
  char wal[TMP_PATH];
  tmp_join(wal, sizeof wal, e->dir, "crm.sqlite-wal");
  assert_false(tmp_exists(wal));
}

/* A damaged page inside one of our files is reported, not papered over. */
static void damaged_store_reported(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  sg_snapshot_row rows[400];
  char units[400][24];
  for (int i = 0; i < 400; i++) {
    snprintf(units[i], sizeof units[i], "unit-%03d", i);
    rows[i] = (sg_snapshot_row){"Plan", units[i], 45000, i, i};
  }
  assert_int_equal(sg_store_put(st, 400, rows, NULL, NULL), SG_OK);
  sg_store_close(st); /* last close checkpoints the WAL into the file */
  size_t len;
  unsigned char *bytes = tmp_slurp(e->db, &len);
  assert_true(len > 3 * 4096);
  /* Scribble over page 3 onwards (the table's pages), keep the header. */
  memset(bytes + 2 * 4096, 0xA5, len - 2 * 4096);
  FILE *f = fopen(e->db, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(bytes, 1, len, f), len);
  fclose(f);
  free(bytes);
  sg_error err;
  st = NULL;
  int rc = sg_store_open(e->db, &st, &err);
  if (rc == SG_OK) { /* the schema page survived: the damage shows on reading */
    sg_snapshot *h = NULL;
    size_t n = 0;
    rc = sg_store_history(st, "Plan", "unit-007", -HUGE_VAL, HUGE_VAL, &h, &n, &err);
    sg_store_free(h);
    sg_store_close(st);
  }
  assert_int_equal(rc, SG_ESTORE_CORRUPT);
}

/* -------------------------------------------------------------- location */

static void unwritable_location(void **state) {
  env *e = *state;
  /* A path under a regular file can never be created, even by root. */
  char file[TMP_PATH], path[TMP_PATH];
  tmp_join(file, sizeof file, e->dir, "plain-file");
  FILE *f = fopen(file, "w");
  assert_non_null(f);
  fclose(f);
  tmp_join(path, sizeof path, file, "snapshots.sqlite");
  sg_store *st = NULL;
  sg_error err;
  assert_int_equal(sg_store_open(path, &st, &err), SG_ESTORE_OPEN);
  assert_null(st);
  assert_non_null(strstr(err.message, path));

  /* A read-only folder. root ignores folder permissions, so under root
   * this sub-check cannot fail the open and is skipped (the check above
   * covers an unwritable location for everyone). */
  if (geteuid() == 0) {
    printf("[   INFO   ] read-only folder sub-check skipped: running as root\n");
    return;
  }
  char ro[TMP_PATH];
  tmp_join(ro, sizeof ro, e->dir, "readonly");
  assert_int_equal(mkdir(ro, 0500), 0);
  tmp_join(path, sizeof path, ro, "snapshots.sqlite");
  assert_int_equal(sg_store_open(path, &st, &err), SG_ESTORE_OPEN);
  assert_null(st);
}

/* -------------------------------------------------------------- trend */

/* Points (0, 100), (10, 200), (20, 250). Means: x 10, y 550/3.
 * Sxx = 100 + 0 + 100 = 200; Sxy = (-10)(-250/3) + 0 + 10(200/3) = 1500.
 * slope = 1500 / 200 = 7.5; intercept = 550/3 - 75 = 325/3 = 108.33...;
 * at day 30: 325/3 + 225 = 1000/3 = 333.33... */
static void trend_hand_worked(void **state) {
  (void)state;
  double f, b, a;
  sg_error err;
  assert_int_equal(
      sg_trend(3, (double[]){0, 10, 20}, (double[]){100, 200, 250}, 30, &f, &b, &a, &err), SG_OK);
  assert_true(fabs(b - 7.5) < 1e-12);
  assert_true(fabs(a - 325.0 / 3) < 1e-12);
  assert_true(fabs(f - 1000.0 / 3) < 1e-12);
  /* The same points as day serials near 2023: same slope and forecast. */
  assert_int_equal(sg_trend(3, (double[]){45000, 45010, 45020}, (double[]){100, 200, 250}, 45030,
                            &f, &b, NULL, &err),
                   SG_OK);
  assert_true(fabs(b - 7.5) < 1e-12);
  assert_true(fabs(f - 1000.0 / 3) < 1e-9);
  /* Two points: the line through them. Order does not matter. */
  assert_int_equal(sg_trend(2, (double[]){10, 0}, (double[]){30, 10}, 20, &f, NULL, NULL, &err),
                   SG_OK);
  assert_true(fabs(f - 50) < 1e-12);
}

static void trend_needs_two_dates(void **state) {
  (void)state;
  double f;
  sg_error err;
  assert_int_equal(sg_trend(0, NULL, NULL, 5, &f, NULL, NULL, &err), SG_ETOOFEW);
  assert_true(err.value == 0);
  assert_int_equal(sg_trend(1, (double[]){3}, (double[]){4}, 5, &f, NULL, NULL, &err), SG_ETOOFEW);
  assert_true(err.value == 1);
  assert_int_equal(sg_trend(3, (double[]){3, 3, 3}, (double[]){4, 5, 6}, 5, &f, NULL, NULL, &err),
                   SG_ETOOFEW);
  assert_int_equal(sg_trend(2, (double[]){1, 2}, (double[]){NAN, 5}, 5, &f, NULL, NULL, &err),
                   SG_ENONFINITE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(upsert_is_idempotent, setup, teardown),
      cmocka_unit_test_setup_teardown(bad_row_writes_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(delete_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(migrates_version_1, setup, teardown),
      cmocka_unit_test_setup_teardown(newer_schema_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(corrupt_and_foreign_files_untouched, setup, teardown),
      cmocka_unit_test_setup_teardown(damaged_store_reported, setup, teardown),
      cmocka_unit_test_setup_teardown(unwritable_location, setup, teardown),
      cmocka_unit_test(trend_hand_worked),
      cmocka_unit_test(trend_needs_two_dates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
