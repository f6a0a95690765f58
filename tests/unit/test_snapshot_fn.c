/* test_snapshot_fn.c — SG_SNAPSHOT, SG_HISTORY and SG_TREND through the
 * catalogue, with the default NullDate (offset 0) and the 1904 one (1462).
 * SALESGOAL_DB / XDG_DATA_HOME / HOME always point into a temporary folder. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "salesgoal.h"
#include "sgf_internal.h"
#include "store_tmp.h"

typedef tmp_env env;

/* HOME and XDG_DATA_HOME as they were before the test (NULL: unset); a test
 * may change them, and teardown puts them back even when an assertion failed. */
static char *saved_home, *saved_xdg;

static char *save_env(const char *name) {
  const char *v = getenv(name);
  return v ? strdup(v) : NULL;
}

static void restore_env(const char *name, char **saved) {
  if (*saved) setenv(name, *saved, 1);
  else unsetenv(name);
  free(*saved);
  *saved = NULL;
}

static int setup(void **state) {
  /* A folder that does not exist yet: the functions create it. */
  if (tmp_env_setup(state, "nested/deeper/snapshots.sqlite") != 0) return -1;
  setenv("SALESGOAL_DB", ((env *)*state)->db, 1);
  saved_home = save_env("HOME");
  saved_xdg = save_env("XDG_DATA_HOME");
  return 0;
}

static int teardown(void **state) {
  unsetenv("SALESGOAL_DB");
  restore_env("HOME", &saved_home);
  restore_env("XDG_DATA_HOME", &saved_xdg);
  return tmp_env_teardown(state);
}

static size_t rows_in(const char *path) {
  sg_store *st = NULL;
  assert_int_equal(sg_store_open(path, &st, NULL), SG_OK);
  size_t n = 0;
  assert_int_equal(sg_store_count(st, NULL, NULL, &n, NULL), SG_OK);
  sg_store_close(st);
  return n;
}

/* SG_SNAPSHOT("FY25"; units; as_of; targets; actuals) in a document whose
 * NullDate is `offset` days after 1899-12-30. */
static int snapshot3(call_fixture *fx, double offset, const char *as_of, const char *a1,
                     const char *a2, const char *a3) {
  fx_init(fx, SGF_LANG_EN);
  fx->call.null_date_offset = offset;
  ARG(fx, 1, 1, "FY25");
  ARG(fx, 3, 1, "North", "South", "101");
  ARG(fx, 1, 1, as_of);
  ARG(fx, 3, 1, "1000", "800", "600");
  ARG(fx, 3, 1, a1, a2, a3);
  return fx_run(fx, "SG_SNAPSHOT");
}

static void snapshot_round_trip_both_null_dates(void **state) {
  env *e = *state;
  call_fixture fx;
  /* 45000 = 2023-03-15 with NullDate 1899-12-30; .75 is 18:00 (ignored). */
  assert_int_equal(snapshot3(&fx, 0, "45000.75", "100", "80", "60"), 0);
  assert_numbers(&fx.result, 1, 1, (double[]){3});
  fx_free(&fx);
  struct stat sb;
  char dir[TMP_PATH];
  tmp_join(dir, sizeof dir, e->dir, "nested");
  assert_int_equal(stat(dir, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0700);
  assert_int_equal(rows_in(e->db), 3);

  /* Recalculating returns the same count and adds nothing. */
  assert_int_equal(snapshot3(&fx, 0, "45000", "100", "80", "60"), 0);
  assert_numbers(&fx.result, 1, 1, (double[]){3});
  fx_free(&fx);
  assert_int_equal(rows_in(e->db), 3);

  /* The same day from a 1904 document is serial 45000 - 1462 = 43538:
   * it updates the same snapshots instead of adding new ones. */
  assert_int_equal(snapshot3(&fx, 1462, "43538", "150", "90", "70"), 0);
  assert_numbers(&fx.result, 1, 1, (double[]){3});
  fx_free(&fx);
  assert_int_equal(rows_in(e->db), 3);
  /* Ten days later from the 1904 document. */
  assert_int_equal(snapshot3(&fx, 1462, "43548", "250", "95", "75"), 0);
  fx_free(&fx);
  assert_int_equal(rows_in(e->db), 6);

  /* History read back in each document's own serials. */
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "North");
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), 0);
  assert_numbers(&fx.result, 2, 3, (double[]){45000, 1000, 150, 45010, 1000, 250});
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  fx.call.null_date_offset = 1462;
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "101"); /* the unit was given as the number 101 */
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), 0);
  assert_numbers(&fx.result, 2, 3, (double[]){43538, 600, 70, 43548, 600, 75});
  fx_free(&fx);
  /* from/to bounds, both included, in the 1904 system. */
  fx_init(&fx, SGF_LANG_EN);
  fx.call.null_date_offset = 1462;
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "South");
  ARG(&fx, 1, 1, "43540");
  ARG(&fx, 1, 1, "43548");
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), 0);
  assert_numbers(&fx.result, 1, 3, (double[]){43548, 800, 95});
  fx_free(&fx);
}

static void snapshot_row_of_units(void **state) {
  env *e = *state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "2025");
  ARG(&fx, 1, 2, "A", "B");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 1, 2, "10", "20");
  ARG(&fx, 1, 2, "1", "2");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), 0);
  assert_numbers(&fx.result, 1, 1, (double[]){2});
  fx_free(&fx);
  assert_int_equal(rows_in(e->db), 2);
}

/* A bad cell anywhere in the range: an error naming it, nothing stored. */
static void snapshot_errors_write_nothing(void **state) {
  env *e = *state;
  call_fixture fx;
  assert_int_equal(snapshot3(&fx, 0, "45000", "100", "n/a", "60"), -1);
  assert_message_has(&fx, "SG_SNAPSHOT, argument 5 (actual): text \"n/a\" at row 2, column 1");
  fx_free(&fx);
  assert_false(tmp_exists(e->db)); /* failed before the store was even opened */

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 3, 1, "North", "South", "North");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 3, 1, "1", "2", "3");
  ARG(&fx, 3, 1, "1", "2", "3");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  assert_message_has(&fx, "argument 2 (unit): \"North\" appears again at row 3, column 1");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 3, 1, "North", "", "East");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 3, 1, "1", "2", "3");
  ARG(&fx, 3, 1, "1", "2", "3");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  assert_message_has(&fx, "第 2 个参数（单元）");
  assert_message_has(&fx, "空白单元格");
  fx_free(&fx);

  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 3, 1, "North", "South", "East");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 2, 1, "1", "2");
  ARG(&fx, 3, 1, "1", "2", "3");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  assert_message_has(&fx, "argument 4 (target): is 2 x 1 but unit is 3 x 1");
  fx_free(&fx);
  assert_false(tmp_exists(e->db));
}

static void history_errors(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "Nobody");
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), -1);
  assert_message_has(&fx, "SG_HISTORY: plan \"FY25\" has no snapshots of unit \"Nobody\" yet");
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "Nobody");
  ARG(&fx, 1, 1, "45010");
  ARG(&fx, 1, 1, "45000");
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), -1);
  assert_message_has(&fx, "argument 4 (to): is before from");
  fx_free(&fx);
}

/* The hand-worked line: actual 100 on day 0, 200 on day 10, 250 on day 20
 * gives slope 7.5, intercept 325/3, and 1000/3 = 333.33... on day 30. Here
 * day 0 is 45000 in the 1899 system, i.e. 43538 in a 1904 document. */
static void trend_through_catalogue(void **state) {
  (void)state;
  const char *days[] = {"43538", "43548", "43558"}, *actual[] = {"100", "200", "250"};
  call_fixture fx;
  for (int i = 0; i < 3; i++) {
    fx_init(&fx, SGF_LANG_EN);
    fx.call.null_date_offset = 1462;
    ARG(&fx, 1, 1, "FY25");
    ARG(&fx, 1, 1, "West");
    ARG(&fx, 1, 1, days[i]);
    ARG(&fx, 1, 1, "500");
    ARG(&fx, 1, 1, actual[i]);
    assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), 0);
    fx_free(&fx);
  }
  double offsets[] = {0, 1462};
  for (int k = 0; k < 2; k++) {
    char end[32];
    snprintf(end, sizeof end, "%g", 45030 - offsets[k]);
    fx_init(&fx, SGF_LANG_EN);
    fx.call.null_date_offset = offsets[k];
    ARG(&fx, 1, 1, "FY25");
    ARG(&fx, 1, 1, "West");
    ARG(&fx, 1, 1, end);
    assert_int_equal(fx_run(&fx, "SG_TREND"), 0);
    assert_int_equal(fx.result.cells[0].kind, SGF_NUMBER);
    assert_true(fabs(fx.result.cells[0].number - 1000.0 / 3) < 1e-9);
    fx_free(&fx);
  }
}

static void trend_needs_two_days(void **state) {
  (void)state;
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "Solo");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 1, 1, "5");
  ARG(&fx, 1, 1, "1");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), 0);
  fx_free(&fx);
  for (int lang = 0; lang < 2; lang++) {
    fx_init(&fx, lang ? SGF_LANG_ZH : SGF_LANG_EN);
    ARG(&fx, 1, 1, "FY25");
    ARG(&fx, 1, 1, "Solo");
    ARG(&fx, 1, 1, "45100");
    assert_int_equal(fx_run(&fx, "SG_TREND"), -1);
    assert_message_has(&fx, lang ? "至少需要 2 个不同日期的快照；目前只有 1 个"
                                 : "SG_TREND: a trend needs snapshots on at least 2 different "
                                   "dates; found 1.");
    fx_free(&fx);
  }
}

/* With a session the store is opened once and kept; a new SALESGOAL_DB
 * (another file) is honoured at the next call. */
static void session_keeps_the_store(void **state) {
  env *e = *state;
  sgf_session *session = sgf_session_new();
  assert_non_null(session);
  call_fixture fx;
  assert_int_equal(snapshot3(&fx, 0, "45000", "1", "2", "3"), 0); /* no session: per call */
  fx_free(&fx);
  void *first = NULL;
  for (int i = 0; i < 2; i++) {
    fx_init(&fx, SGF_LANG_EN);
    fx.call.session = session;
    ARG(&fx, 1, 1, "FY25");
    ARG(&fx, 1, 1, "North");
    assert_int_equal(fx_run(&fx, "SG_HISTORY"), 0);
    fx_free(&fx);
    if (i == 0) first = sgf_session_get(session, SGF_SLOT_STORE);
    else assert_ptr_equal(sgf_session_get(session, SGF_SLOT_STORE), first); /* kept, not reopened */
  }
  assert_non_null(first);

  char other[TMP_PATH];
  tmp_join(other, sizeof other, e->dir, "other.sqlite");
  setenv("SALESGOAL_DB", other, 1);
  fx_init(&fx, SGF_LANG_EN);
  fx.call.session = session;
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "North");
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), -1); /* a new, empty file */
  assert_message_has(&fx, "no snapshots");
  fx_free(&fx);
  assert_true(tmp_exists(other));
  void *second = sgf_session_get(session, SGF_SLOT_STORE);
  assert_non_null(second);
  assert_ptr_not_equal(second, first); /* the other file's store replaced the first */
  sgf_session_free(session);
}

/* Where the file goes without SALESGOAL_DB: XDG_DATA_HOME, else HOME. */
static void default_locations(void **state) {
  env *e = *state;
  char xdg[TMP_PATH], home[TMP_PATH], want[TMP_PATH];
  tmp_join(xdg, sizeof xdg, e->dir, "xdg");
  tmp_join(home, sizeof home, e->dir, "home");
  unsetenv("SALESGOAL_DB"); /* HOME and XDG_DATA_HOME: teardown restores them */
  setenv("XDG_DATA_HOME", xdg, 1);
  setenv("HOME", home, 1);
  call_fixture fx;
  assert_int_equal(snapshot3(&fx, 0, "45000", "1", "2", "3"), 0);
  fx_free(&fx);
  tmp_join(want, sizeof want, xdg, "salesgoal/snapshots.sqlite");
  assert_true(tmp_exists(want));

  unsetenv("XDG_DATA_HOME");
  assert_int_equal(snapshot3(&fx, 0, "45000", "1", "2", "3"), 0);
  fx_free(&fx);
  tmp_join(want, sizeof want, home, ".local/share/salesgoal/snapshots.sqlite");
  assert_true(tmp_exists(want));
}

/* Loud and harmless: an impossible folder, a damaged file. */
static void unwritable_and_corrupt(void **state) {
  env *e = *state;
  char file[TMP_PATH], path[TMP_PATH];
  tmp_join(file, sizeof file, e->dir, "plain-file");
  FILE *f = fopen(file, "w");
  assert_non_null(f);
  fputs("not a folder\n", f);
  fclose(f);
  tmp_join(path, sizeof path, file, "sub/snapshots.sqlite");
  setenv("SALESGOAL_DB", path, 1);
  call_fixture fx;
  assert_int_equal(snapshot3(&fx, 0, "45000", "1", "2", "3"), -1);
  assert_message_has(&fx, "SG_SNAPSHOT: cannot create the folder");
  assert_message_has(&fx, "set SALESGOAL_DB to a writable place");
  fx_free(&fx);

  setenv("SALESGOAL_DB", file, 1); /* a text file where the database should be */
  for (int lang = 0; lang < 2; lang++) {
    fx_init(&fx, lang ? SGF_LANG_ZH : SGF_LANG_EN);
    ARG(&fx, 1, 1, "FY25");
    ARG(&fx, 1, 1, "North");
    assert_int_equal(fx_run(&fx, "SG_HISTORY"), -1);
    assert_message_has(&fx, lang ? "快照数据库已损坏或不是数据库文件" : "is damaged or is not a database");
    assert_message_has(&fx, file);
    fx_free(&fx);
  }
  size_t len;
  unsigned char *bytes = tmp_slurp(file, &len);
  assert_int_equal(len, strlen("not a folder\n"));
  assert_memory_equal(bytes, "not a folder\n", len);
  free(bytes);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(snapshot_round_trip_both_null_dates, setup, teardown),
      cmocka_unit_test_setup_teardown(snapshot_row_of_units, setup, teardown),
      cmocka_unit_test_setup_teardown(snapshot_errors_write_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(history_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(trend_through_catalogue, setup, teardown),
      cmocka_unit_test_setup_teardown(trend_needs_two_days, setup, teardown),
      cmocka_unit_test_setup_teardown(session_keeps_the_store, setup, teardown),
      cmocka_unit_test_setup_teardown(default_locations, setup, teardown),
      cmocka_unit_test_setup_teardown(unwritable_and_corrupt, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
