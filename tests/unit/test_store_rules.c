/* test_store_rules.c — what the snapshot store keeps and who may use it:
 * revisions of overwritten values, plans bound to documents (and grants),
 * the name cap, the WAL kept empty, writes that wait for no reader, and
 * paths that are not a lasting file;
 * through the engine and through SG_SNAPSHOT / SG_HISTORY. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fixture.h"
#include "salesgoal.h"
#include "sgf_internal.h"
#include "store_tmp.h"

typedef tmp_env env;

static int setup(void **state) {
  if (tmp_env_setup(state, "snapshots.sqlite") != 0) return -1;
  setenv("SALESGOAL_DB", ((env *)*state)->db, 1);
  unsetenv("SALESGOAL_SHARED_PLANS");
  return 0;
}
static int teardown(void **state) {
  unsetenv("SALESGOAL_DB");
  unsetenv("SALESGOAL_SHARED_PLANS");
  return tmp_env_teardown(state);
}

static void put1(sg_store *st, const char *plan, const char *unit, double day, double target,
                 double actual) {
  sg_snapshot_row row = {plan, unit, day, target, actual};
  sg_error err;
  int rc = sg_store_put(st, 1, &row, NULL, &err);
  if (rc != SG_OK) fprintf(stderr, "put: %s\n", err.message);
  assert_int_equal(rc, SG_OK);
}

/* ------------------------------------------------------------ revisions */

/* A received workbook changed a stored actual from 800 to 1: the latest
 * value is 1, and 800 is still there as a revision. */
static void overwrite_keeps_revision(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  double t0 = (double)time(NULL) - 5;
  put1(st, "FY", "North", 45000, 1000, 800);
  put1(st, "FY", "North", 45000, 1000, 800); /* same values: no revision */
  put1(st, "FY", "North", 45000, 1000, 1);
  put1(st, "FY", "North", 45001, 1000, 900);
  sg_snapshot *h = NULL;
  size_t n = 0;
  assert_int_equal(sg_store_history(st, "FY", "North", -HUGE_VAL, HUGE_VAL, &h, &n, NULL), SG_OK);
  assert_int_equal(n, 2);
  assert_true(h[0].actual == 1 && h[1].actual == 900);
  sg_store_free(h);
  sg_revision *r = NULL;
  assert_int_equal(sg_store_revisions(st, "FY", "North", &r, &n, NULL), SG_OK);
  assert_int_equal(n, 3); /* day 45000: 800 (replaced), 1 (current); day 45001: 900 */
  assert_true(r[0].as_of == 45000 && r[0].actual == 800 && r[0].replaced >= t0);
  assert_true(r[0].written >= t0 && r[0].written <= r[0].replaced);
  assert_true(r[1].as_of == 45000 && r[1].actual == 1 && isnan(r[1].replaced));
  assert_true(r[2].as_of == 45001 && r[2].actual == 900 && isnan(r[2].replaced));
  sg_store_free(r);
  sg_store_close(st);
  /* Not even another program deletes or edits a revision. */
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(e->db, &db), SQLITE_OK);
  assert_int_not_equal(sqlite3_exec(db, "DELETE FROM snapshot_revision", NULL, NULL, NULL),
                       SQLITE_OK);
  assert_int_not_equal(sqlite3_exec(db, "UPDATE snapshot_revision SET actual = 0", NULL, NULL, NULL),
                       SQLITE_OK);
  sqlite3_close(db);
}

/* ------------------------------------------------------------ access */

#define DOC_A "file:///home/planner/plan.ods"
#define DOC_B "file:///home/planner/Downloads/received.ods"

static void plan_bound_to_first_document(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  sg_error err;
  assert_int_equal(sg_store_access(st, "FY", DOC_B, SG_STORE_READ, &err), SG_OK); /* nobody's */
  assert_int_equal(sg_store_access(st, "FY", DOC_A, SG_STORE_WRITE, &err), SG_OK); /* A owns it */
  put1(st, "FY", "North", 45000, 1000, 800);
  assert_int_equal(sg_store_access(st, "FY", DOC_A, SG_STORE_READ, &err), SG_OK);
  assert_int_equal(sg_store_access(st, "FY", DOC_B, SG_STORE_WRITE, &err), SG_ESTORE_DENIED);
  assert_non_null(strstr(err.message, "another document"));
  assert_int_equal(sg_store_access(st, "FY", DOC_B, SG_STORE_READ, &err), SG_ESTORE_DENIED);
  /* B may create plans of its own; A is refused those. */
  assert_int_equal(sg_store_access(st, "Other", DOC_B, SG_STORE_WRITE, &err), SG_OK);
  assert_int_equal(sg_store_access(st, "Other", DOC_A, SG_STORE_READ, &err), SG_ESTORE_DENIED);
  /* Granted (from outside any document): B may read and write FY. */
  assert_int_equal(sg_store_grant(st, "FY", DOC_B, &err), SG_OK);
  assert_int_equal(sg_store_access(st, "FY", DOC_B, SG_STORE_WRITE, &err), SG_OK);
  assert_int_equal(sg_store_access(st, "FY", DOC_B, SG_STORE_READ, &err), SG_OK);
  /* A host without documents (tests, command line) may use every plan. */
  assert_int_equal(sg_store_access(st, "FY", NULL, SG_STORE_WRITE, &err), SG_OK);
  sg_store_close(st);
}

/* The same through the functions: a hostile workbook gets an error naming
 * the way to share, and the stored value stays 800. */
static int snapshot_as(call_fixture *fx, const char *document, const char *actual) {
  fx_init(fx, SGF_LANG_EN);
  fx->call.document = document;
  ARG(fx, 1, 1, "FY");
  ARG(fx, 1, 1, "North");
  ARG(fx, 1, 1, "45000");
  ARG(fx, 1, 1, "1000");
  ARG(fx, 1, 1, actual);
  return fx_run(fx, "SG_SNAPSHOT");
}

static int history_as(call_fixture *fx, const char *document, sgf_lang lang) {
  fx_init(fx, lang);
  fx->call.document = document;
  ARG(fx, 1, 1, "FY");
  ARG(fx, 1, 1, "North");
  return fx_run(fx, "SG_HISTORY");
}

static void hostile_workbook_through_functions(void **state) {
  (void)state;
  call_fixture fx;
  assert_int_equal(snapshot_as(&fx, DOC_A, "800"), 0);
  fx_free(&fx);
  assert_int_equal(snapshot_as(&fx, DOC_B, "1"), -1);
  assert_message_has(&fx, "SG_SNAPSHOT: this plan belongs to another workbook");
  assert_message_has(&fx, "SALESGOAL_SHARED_PLANS");
  fx_free(&fx);
  assert_int_equal(history_as(&fx, DOC_B, SGF_LANG_ZH), -1);
  assert_message_has(&fx, "该计划属于另一个工作簿");
  fx_free(&fx);
  assert_int_equal(history_as(&fx, DOC_A, SGF_LANG_EN), 0);
  assert_numbers(&fx.result, 1, 3, (double[]){45000, 1000, 800});
  fx_free(&fx);
  /* An unsaved workbook has no identity yet. */
  assert_int_equal(snapshot_as(&fx, "", "800"), -1);
  assert_message_has(&fx, "save this workbook first");
  fx_free(&fx);
  /* The user shares the plan through the environment. */
  setenv("SALESGOAL_SHARED_PLANS", "Budget; FY", 1);
  assert_int_equal(history_as(&fx, DOC_B, SGF_LANG_EN), 0);
  assert_numbers(&fx.result, 1, 3, (double[]){45000, 1000, 800});
  fx_free(&fx);
}

/* ------------------------------------------------------------ limits */

/* 256 characters (here Chinese, 768 bytes) are accepted; 257 are not. */
static void names_capped_at_256_characters(void **state) {
  env *e = *state;
  char name[3 * 257 + 1];
  name[0] = '\0';
  for (int i = 0; i < 256; i++) strcat(name, "张");
  sg_store *st = open_ok(e->db);
  put1(st, "FY", name, 45000, 1, 1);
  strcat(name, "张");
  sg_snapshot_row row = {"FY", name, 45000, 1, 1};
  sg_error err;
  int rc = sg_store_put(st, 1, &row, NULL, &err);
  assert_sg_error(rc, &err, SG_ETOOLONG, SG_SNAPSHOT_ARG_UNIT, 0);
  assert_true(err.value == 257 && err.value2 == 256);
  sg_store_close(st);

  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  char long_plan[300];
  memset(long_plan, 'p', 299);
  long_plan[299] = '\0';
  ARG(&fx, 1, 1, long_plan);
  ARG(&fx, 1, 1, "North");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "1");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  assert_message_has(&fx, "has 299 characters; names can have at most 256");
  fx_free(&fx);
}

static long long file_size(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* 10,000 rows with names at the cap (a WAL of more than
 * SG_STORE_WAL_TRUNCATE_BYTES): the WAL is empty after the write
 * (checkpointed and truncated), and the file stays near its data size;
 * small writes leave it below the limit. */
static void wal_truncated_after_each_write(void **state) {
  env *e = *state;
  enum { N = 10000 };
  static char units[N][SG_STORE_MAX_NAME + 1];
  static sg_snapshot_row rows[N];
  for (int i = 0; i < N; i++) {
    memset(units[i], 'u', SG_STORE_MAX_NAME);
    int w = snprintf(units[i], 16, "%05d", i);
    units[i][w] = 'u';
    units[i][SG_STORE_MAX_NAME] = '\0';
    rows[i] = (sg_snapshot_row){"FY", units[i], 45000, i, i};
  }
  char wal[TMP_PATH + 8];
  snprintf(wal, sizeof wal, "%s-wal", e->db);
  sg_store *st = open_ok(e->db);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  assert_int_equal(sg_store_put(st, N, rows, NULL, NULL), SG_OK);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long wal_after = file_size(wal), db_after = file_size(e->db);
  for (int i = 0; i < N; i++) rows[i].actual = i + 1; /* every row overwritten: revisions */
  assert_int_equal(sg_store_put(st, N, rows, NULL, NULL), SG_OK);
  long long wal_after2 = file_size(wal), db_after2 = file_size(e->db);
  sg_store_close(st);
  printf("[   INFO   ] 10,000 rows with 256-character names: %.2f s; database %.1f MB, WAL %lld "
         "bytes; after overwriting all: database %.1f MB, WAL %lld bytes\n",
         (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, db_after / 1e6,
         wal_after, db_after2 / 1e6, wal_after2);
  assert_int_equal(wal_after, 0);
  assert_int_equal(wal_after2, 0);
  st = open_ok(e->db);
  for (int i = 0; i < 200; i++) {
    rows[i].actual = -i;
    assert_int_equal(sg_store_put(st, 1, &rows[i], NULL, NULL), SG_OK);
    assert_true(file_size(wal) <= SG_STORE_WAL_TRUNCATE_BYTES + 1024 * 1024);
  }
  sg_store_close(st);
  /* Data: 10,000 x ~270 bytes, twice in the table and its key index. */
  assert_true(db_after < 10 * 1000 * 1000);
  assert_true(db_after2 < 20 * 1000 * 1000);
}

/* Ten one-row writes, as ten SG_SNAPSHOT cells make them: seconds taken. */
static double ten_writes(sg_store *st, sg_snapshot_row *row) {
  double t0 = now_s();
  for (int i = 0; i < 10; i++) {
    row->actual += 1;
    assert_int_equal(sg_store_put(st, 1, row, NULL, NULL), SG_OK);
  }
  return now_s() - t0;
}

/* A write waits for no other program's reader. Found through the
 * concurrent_snapshots flake (about one call in 4,800 showing Err:502, a
 * SQLITE_BUSY): a TRUNCATE checkpoint after every write held the write lock
 * while it waited up to 200 ms for readers and synced, and the other
 * writer, polled by SQLite's busy handler (which is not fair: the holder
 * takes the lock again at once), could go SG_STORE_BUSY_MS without getting
 * in. The write's own checkpoint is PASSIVE now: beside a reader holding an
 * old snapshot open, ten writes take about as long as without one (with the
 * TRUNCATE they took 10 x 200 ms more). */
static void write_waits_for_no_reader(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  sg_snapshot_row row = {"FY", "u", 45000, 1, 1};
  assert_int_equal(sg_store_put(st, 1, &row, NULL, NULL), SG_OK);
  double alone = ten_writes(st, &row);
  sqlite3 *reader = NULL;
  sqlite3_stmt *q = NULL;
  assert_int_equal(sqlite3_open_v2(e->db, &reader, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(reader, "SELECT actual FROM snapshot", -1, &q, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW); /* a read transaction, left open */
  double beside = ten_writes(st, &row);
  sqlite3_finalize(q);
  sqlite3_close(reader);
  sg_store_close(st);
  printf("[   INFO   ] ten writes: %.3f s alone, %.3f s beside an open reader\n", alone, beside);
  assert_true(beside < alone + 1.0);
}

/* ":memory:" and relative paths lose writes or land anywhere: refused. */
static void only_absolute_paths(void **state) {
  (void)state;
  const char *bad[] = {":memory:", "snapshots.sqlite", "file:snapshots.sqlite?mode=memory"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    sg_store *st = (sg_store *)1;
    sg_error err;
    assert_int_equal(sg_store_open(bad[i], &st, &err), SG_ESTORE_LOCATION);
    assert_null(st);
    assert_non_null(strstr(err.message, "absolute file path"));
    setenv("SALESGOAL_DB", bad[i], 1);
    call_fixture fx;
    assert_int_equal(snapshot_as(&fx, NULL, "1"), -1);
    assert_message_has(&fx, "which is not an absolute file path");
    fx_free(&fx);
  }
}

/* ------------------------------------------------------------ NUL text */

/* "A\0x" and "A\0y" would both read as "A": two units merged into one.
 * (UNO strings may hold U+0000; the grid keeps the bytes, sgf_invoke
 * refuses them.) */
static void text_with_nul_refused(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY");
  ARG(&fx, 2, 1, "A", "A");
  sgf_grid_set_text(&fx.args[1], 0, "A\0x", 3);
  sgf_grid_set_text(&fx.args[1], 1, "A\0y", 3);
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 2, 1, "1", "1");
  ARG(&fx, 2, 1, "1", "2");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  assert_message_has(&fx, "SG_SNAPSHOT, argument 2 (unit): the text at row 1");
  assert_message_has(&fx, "contains a NUL character");
  fx_free(&fx);
  /* Every function, not only the store: SG_ROLLUP's patterns too. */
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "APAC/x");
  ARG(&fx, 1, 1, "5");
  ARG(&fx, 1, 1, "x");
  sgf_grid_set_text(&fx.args[2], 0, "^APAC\0", 6);
  assert_int_equal(fx_run(&fx, "SG_ROLLUP"), -1);
  assert_message_has(&fx, "NUL 字符");
  fx_free(&fx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(overwrite_keeps_revision, setup, teardown),
      cmocka_unit_test_setup_teardown(plan_bound_to_first_document, setup, teardown),
      cmocka_unit_test_setup_teardown(hostile_workbook_through_functions, setup, teardown),
      cmocka_unit_test_setup_teardown(names_capped_at_256_characters, setup, teardown),
      cmocka_unit_test_setup_teardown(wal_truncated_after_each_write, setup, teardown),
      cmocka_unit_test_setup_teardown(write_waits_for_no_reader, setup, teardown),
      cmocka_unit_test_setup_teardown(only_absolute_paths, setup, teardown),
      cmocka_unit_test_setup_teardown(text_with_nul_refused, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
