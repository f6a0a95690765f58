/* test_store_swap.c — the database file replaced while a store has it open
 * (a backup restored by rename, a sync tool's rename,
 * another program's file put in its place), a writer killed around such a
 * swap, and a damaged file. Uses only the store's first API (open, put,
 * history, count), so it also runs against the code before the guard. */
#define _DEFAULT_SOURCE /* usleep */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_tmp.h"

typedef tmp_env env;

static int setup(void **state) { return tmp_env_setup(state, "snapshots.sqlite"); }
static int teardown(void **state) { return tmp_env_teardown(state); }

static void put_ok(sg_store *st, const char *plan, const char *unit, double day, double actual) {
  sg_error err;
  sg_snapshot_row row = {plan, unit, day, 1000, actual};
  int rc = sg_store_put(st, 1, &row, NULL, &err);
  if (rc != SG_OK) fprintf(stderr, "put: %s\n", err.message);
  assert_int_equal(rc, SG_OK);
}

static long long actual_of(const char *path, const char *unit, int day) {
  char sql[256];
  snprintf(sql, sizeof sql,
           "SELECT coalesce((SELECT actual FROM snapshot WHERE unit = '%s' AND as_of = %d), -1)",
           unit, day);
  return raw_int(path, sql);
}

/* A backup: a store of its own with `n` rows of unit "b<i>", closed. */
static void make_backup(const char *path, int n) {
  sg_store *st = open_ok(path);
  for (int i = 0; i < n; i++) {
    char unit[16];
    snprintf(unit, sizeof unit, "b%d", i);
    put_ok(st, "FY", unit, 45000, i);
  }
  sg_store_close(st);
}

/* Restored by rename (what backup tools and sync clients do): the open
 * store notices, and the next writes land in the restored file, which stays
 * intact; nothing of the old connection is applied to it. */
static void backup_restored_by_rename(void **state) {
  env *e = *state;
  char backup[TMP_PATH], moved[TMP_PATH];
  tmp_join(backup, sizeof backup, e->dir, "backup.sqlite");
  tmp_join(moved, sizeof moved, e->dir, "moved-away.sqlite");
  make_backup(backup, 300);
  sg_store *st = open_ok(e->db);
  for (int i = 0; i < 200; i++) {
    char unit[16];
    snprintf(unit, sizeof unit, "live%d", i);
    put_ok(st, "FY", unit, 45001, i);
  }
  assert_int_equal(rename(e->db, moved), 0);
  assert_int_equal(rename(backup, e->db), 0);
  put_ok(st, "FY", "after", 45002, 42);
  size_t n = 0;
  assert_int_equal(sg_store_count(st, NULL, NULL, &n, NULL), SG_OK);
  assert_int_equal(n, 301); /* the backup's 300 and the new row: what is at the path */
  sg_store_close(st);
  assert_true(integrity_ok(e->db));
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot"), 301);
  assert_int_equal(actual_of(e->db, "after", 45002), 42);
  assert_int_equal(actual_of(e->db, "b299", 45000), 299);
  /* The file moved away keeps everything written before the swap. */
  assert_true(integrity_ok(moved));
  assert_int_equal(raw_int(moved, "SELECT count(*) FROM snapshot"), 200);
}

/* Another program's database renamed into place: refused, left byte for
 * byte as it was, and no WAL of ours appears beside it. */
static void foreign_file_swapped_in(void **state) {
  env *e = *state;
  char other[TMP_PATH], wal[TMP_PATH + 8];
  tmp_join(other, sizeof other, e->dir, "crm.sqlite");
  snprintf(wal, sizeof wal, "%s-wal", e->db);
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db,
                                "CREATE TABLE deals (id INTEGER PRIMARY KEY, amount REAL);"
                                "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k"
                                " WHERE i < 3000) INSERT INTO deals SELECT i, i * 10 FROM k;",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(db);
  size_t before_len, after_len;
  unsigned char *before = tmp_slurp(other, &before_len);
  sg_store *st = open_ok(e->db);
  put_ok(st, "FY", "u", 45000, 1);
  assert_int_equal(rename(other, e->db), 0);
  sg_error err;
  sg_snapshot_row row = {"FY", "u", 45001, 1000, 2};
  assert_int_equal(sg_store_put(st, 1, &row, NULL, &err), SG_ESTORE_FOREIGN);
  sg_store_close(st);
  unsigned char *after = tmp_slurp(e->db, &after_len);
  assert_int_equal(before_len, after_len);
  assert_memory_equal(before, after, before_len);
  free(before);
  free(after);
  struct stat sb;
  assert_true(stat(wal, &sb) != 0 || sb.st_size == 0);
}

/* A store deleted while open (a sync tool's delete-then-recreate): the
 * next write starts a new store at the path, as on a first run. */
static void deleted_while_open(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  put_ok(st, "FY", "u", 45000, 1);
  assert_int_equal(unlink(e->db), 0);
  put_ok(st, "FY", "u", 45001, 2);
  sg_store_close(st);
  assert_true(integrity_ok(e->db));
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot"), 1);
  assert_int_equal(actual_of(e->db, "u", 45001), 2);
}

/* Move <dir>/snapshots.sqlite-wal-orphan-* (at most one) to <moved>-wal. */
static int attach_orphan_wal(const char *dir, const char *moved) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *de;
  int found = 0;
  while ((de = readdir(d)) != NULL) {
    if (strncmp(de->d_name, "snapshots.sqlite-wal-orphan-", 28) != 0) continue;
    char from[TMP_PATH], to[TMP_PATH + 8];
    tmp_join(from, sizeof from, dir, de->d_name);
    snprintf(to, sizeof to, "%s-wal", moved);
    assert_int_equal(rename(from, to), 0);
    found++;
  }
  closedir(d);
  assert_true(found <= 1);
  return found;
}

/* A writer acknowledging rows through a pipe, killed at a random moment
 * after the file was swapped for a backup. Both files stay intact, the
 * backup keeps its rows, and every acknowledged row is in one of them. */
static void killed_writer_around_swap(void **state) {
  env *e = *state;
  unsigned seed = (unsigned)time(NULL);
  srand(seed);
  printf("[   INFO   ] swap/kill delays from seed %u\n", seed);
  int rounds = 12, acked_total = 0, total_orphans = 0;
  for (int round = 0; round < rounds; round++) {
    char backup[TMP_PATH], moved[TMP_PATH];
    tmp_join(backup, sizeof backup, e->dir, "backup.sqlite");
    tmp_join(moved, sizeof moved, e->dir, "moved.sqlite");
    unlink(moved);
    make_backup(backup, 50);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      sg_store *st = NULL;
      if (sg_store_open(e->db, &st, NULL) != SG_OK) _exit(3);
      for (int i = 0;; i++) {
        char unit[24];
        snprintf(unit, sizeof unit, "r%d-%d", round, i);
        sg_snapshot_row row = {"FY", unit, 45000, 1, i};
        if (sg_store_put(st, 1, &row, NULL, NULL) == SG_OK &&
            write(fds[1], &i, sizeof i) != (ssize_t)sizeof i)
          _exit(4);
      }
    }
    close(fds[1]);
    /* Swap only once the writer has its file open and has acknowledged a
     * row (under valgrind opening alone can outlast the delay, and then
     * there is no file to move yet). */
    int acked[4096], nacked = 0, v;
    assert_int_equal(read(fds[0], &v, sizeof v), (ssize_t)sizeof v);
    acked[nacked++] = v;
    usleep(20000 + (useconds_t)(rand() % 30000));
    assert_int_equal(rename(e->db, moved), 0);
    assert_int_equal(rename(backup, e->db), 0);
    usleep((useconds_t)(rand() % 30000));
    assert_int_equal(kill(pid, SIGKILL), 0);
    waitpid(pid, NULL, 0);
    while (nacked < 4096 && read(fds[0], &v, sizeof v) == (ssize_t)sizeof v) acked[nacked++] = v;
    close(fds[0]);
    /* The next salesgoal open sets aside a WAL left for the old file; that
     * WAL belongs to the moved file, which is whole again with it. */
    sg_store *next = open_ok(e->db);
    sg_store_close(next);
    int orphans = attach_orphan_wal(e->dir, moved);
    total_orphans += orphans;
    assert_true(integrity_ok(e->db));
    assert_true(integrity_ok(moved));
    assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot WHERE unit LIKE 'b%'"), 50);
    for (int k = 0; k < nacked; k++) {
      char unit[24];
      snprintf(unit, sizeof unit, "r%d-%d", round, acked[k]);
      long long here = actual_of(e->db, unit, 45000), there = actual_of(moved, unit, 45000);
      if (here != acked[k] && there != acked[k]) fail_msg("acknowledged row %s lost", unit);
    }
    acked_total += nacked;
    /* Next round starts from a fresh store at the path. */
    char side[TMP_PATH + 8];
    unlink(e->db);
    snprintf(side, sizeof side, "%s-wal", e->db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", e->db);
    unlink(side);
  }
  printf("[   INFO   ] %d swaps with a killed writer, %d acknowledged rows, none lost; %d WALs "
         "of the old file set aside instead of applied to the new one\n",
         rounds, acked_total, total_orphans);
}

/* One interior page damaged: the store refuses the file on open (PRAGMA
 * quick_check) and leaves it byte for byte as it was. */
static void damaged_file_is_not_written(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  enum { N = 2000 };
  static sg_snapshot_row rows[N];
  static char units[N][24];
  for (int i = 0; i < N; i++) {
    snprintf(units[i], sizeof units[i], "unit-%04d", i);
    rows[i] = (sg_snapshot_row){"Plan", units[i], 45000, i, i};
  }
  assert_int_equal(sg_store_put(st, N, rows, NULL, NULL), SG_OK);
  sg_store_close(st);
  size_t len;
  unsigned char *bytes = tmp_slurp(e->db, &len);
  size_t pages = len / 4096, victim = pages / 2;
  assert_true(pages > 10);
  memset(bytes + victim * 4096 + 8, 0x5A, 2000); /* keep the page header, scramble cells */
  FILE *f = fopen(e->db, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(bytes, 1, len, f), len);
  fclose(f);
  sg_error err;
  st = NULL;
  int rc = sg_store_open(e->db, &st, &err);
  if (rc == SG_OK) { /* before quick_check: a new row was written into the damaged file */
    sg_snapshot_row row = {"Plan", "zz-new", 45001, 1, 1};
    rc = sg_store_put(st, 1, &row, NULL, &err);
    sg_store_close(st);
  }
  assert_int_equal(rc, SG_ESTORE_CORRUPT);
  assert_non_null(strstr(err.message, "damaged"));
  size_t after_len;
  unsigned char *after = tmp_slurp(e->db, &after_len);
  assert_int_equal(after_len, len);
  assert_memory_equal(after, bytes, len);
  free(after);
  free(bytes);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(backup_restored_by_rename, setup, teardown),
      cmocka_unit_test_setup_teardown(foreign_file_swapped_in, setup, teardown),
      cmocka_unit_test_setup_teardown(deleted_while_open, setup, teardown),
      cmocka_unit_test_setup_teardown(killed_writer_around_swap, setup, teardown),
      cmocka_unit_test_setup_teardown(damaged_file_is_not_written, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
