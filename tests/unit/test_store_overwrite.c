/* test_store_overwrite.c — a backup copied OVER the open database file
 * (`cp backup.sqlite snapshots.sqlite`: same inode, new content), while a
 * store has it open and while a killed writer's WAL still holds rows; and
 * the cases that must NOT be taken for one (a second writer, a writer
 * killed without any copy, the same bytes copied over). Uses only the
 * store's first API (open, put, count), so it also runs against the code
 * before the guard (where the first two fail: a damaged file or lost rows). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_tmp.h"

typedef tmp_env env;

static int setup(void **state) { return tmp_env_setup(state, "snapshots.sqlite"); }
static int teardown(void **state) { return tmp_env_teardown(state); }

/* n rows of unit "<prefix><i>", in one write: acknowledged, or the test stops. */
static void put_rows(sg_store *st, const char *prefix, int n) {
  sg_snapshot_row rows[400];
  char units[400][32];
  assert_true(n <= 400);
  for (int i = 0; i < n; i++) {
    snprintf(units[i], sizeof units[i], "%s%d", prefix, i);
    rows[i] = (sg_snapshot_row){"FY", units[i], 45000, 1000, i};
  }
  sg_error err;
  int rc = sg_store_put(st, (size_t)n, rows, NULL, &err);
  if (rc != SG_OK) fprintf(stderr, "put %s*: %s\n", prefix, err.message);
  assert_int_equal(rc, SG_OK);
}

static long long rows_like(const char *path, const char *prefix) {
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM snapshot WHERE unit GLOB '%s[0-9]*'", prefix);
  return raw_int(path, sql);
}

/* cp from to: the same inode, its bytes replaced (O_TRUNC, then written). */
static void copy_over(const char *from, const char *to) {
  size_t len = 0;
  unsigned char *bytes = tmp_slurp(from, &len);
  assert_non_null(bytes);
  struct stat before, after;
  assert_int_equal(stat(to, &before), 0);
  int fd = open(to, O_WRONLY | O_TRUNC);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, bytes, len), (ssize_t)len);
  assert_int_equal(fsync(fd), 0);
  close(fd);
  free(bytes);
  assert_int_equal(stat(to, &after), 0);
  assert_true(before.st_ino == after.st_ino); /* in place: what cp does */
}

/* A backup as backup tools take it: the closed store's file, copied. */
static void backup_of(const char *db, const char *backup) {
  size_t len = 0;
  unsigned char *bytes = tmp_slurp(db, &len);
  assert_non_null(bytes);
  FILE *f = fopen(backup, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(bytes, 1, len, f), len);
  fclose(f);
  free(bytes);
}

static int orphans_in(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *de;
  while (d && (de = readdir(d)) != NULL) n += strstr(de->d_name, "-wal-orphan-") != NULL;
  if (d) closedir(d);
  return n;
}

/* Calc has the store open; the user restores last week's copy with cp.
 * Rows written after that are kept, the file stays intact, and the rows
 * of the restored copy are what it holds (the newer ones were the user's
 * to throw away). */
static void backup_copied_over_open_store(void **state) {
  env *e = *state;
  char backup[TMP_PATH];
  tmp_join(backup, sizeof backup, e->dir, "backup.sqlite");
  sg_store *st = open_ok(e->db);
  put_rows(st, "a", 20);
  sg_store *copy = open_ok(backup); /* the copy: the same rows, closed */
  put_rows(copy, "a", 20);
  sg_store_close(copy);
  put_rows(st, "b", 300); /* after the backup: more pages, a different layout */
  copy_over(backup, e->db);
  put_rows(st, "c", 20); /* acknowledged after the restore */
  sg_store_close(st);
  assert_true(integrity_ok(e->db));
  assert_int_equal(rows_like(e->db, "a"), 20);
  assert_int_equal(rows_like(e->db, "c"), 20);
  assert_int_equal(rows_like(e->db, "b"), 0);
  /* And it opens and writes like any store. */
  st = open_ok(e->db);
  put_rows(st, "d", 5);
  sg_store_close(st);
  assert_true(integrity_ok(e->db));
  assert_int_equal(rows_like(e->db, "d"), 5);
}

/* The same, with a copy of this very store taken while it was open (same
 * identity, an older generation): the case a content-free identity misses. */
static void own_older_copy_over_open_store(void **state) {
  env *e = *state;
  char backup[TMP_PATH];
  tmp_join(backup, sizeof backup, e->dir, "backup.sqlite");
  sg_store *st = open_ok(e->db);
  put_rows(st, "a", 30);
  backup_of(e->db, backup); /* checkpointed after every write: a consistent copy */
  assert_true(integrity_ok(backup));
  put_rows(st, "b", 300);
  copy_over(backup, e->db);
  put_rows(st, "c", 10);
  sg_store_close(st);
  assert_true(integrity_ok(e->db));
  assert_int_equal(rows_like(e->db, "a"), 30);
  assert_int_equal(rows_like(e->db, "b"), 0);
  assert_int_equal(rows_like(e->db, "c"), 10);
}

/* A writer that puts rows w0..w99 while a reader holds them in the WAL
 * (checkpoints cannot copy them into the file), then dies without closing:
 * its acknowledged rows live in <db>-wal only. */
static void kill_writer_with_rows_in_wal(const char *db) {
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    sqlite3 *reader = NULL;
    sqlite3_open_v2(db, &reader, SQLITE_OPEN_READONLY, NULL);
    sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM snapshot;", NULL, NULL, NULL);
    sg_store *w = NULL;
    if (sg_store_open(db, &w, NULL) != SG_OK) _exit(3);
    for (int i = 0; i < 100; i++) { /* 100 writes, each acknowledged */
      char unit[16];
      snprintf(unit, sizeof unit, "w%d", i);
      sg_snapshot_row row = {"FY", unit, 45000, 1000, i};
      if (sg_store_put(w, 1, &row, NULL, NULL) != SG_OK) _exit(4);
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  char wal[TMP_PATH + 8];
  struct stat sb;
  snprintf(wal, sizeof wal, "%s-wal", db);
  assert_int_equal(stat(wal, &sb), 0);
  assert_true(sb.st_size > 0);
}

/* A writer killed while a reader held its rows in the WAL (not yet in the
 * file), then a backup copied over: the WAL belongs to the old content and
 * must be set aside, not applied to the backup. */
static void backup_copied_over_killed_writers_wal(void **state) {
  env *e = *state;
  char backup[TMP_PATH];
  tmp_join(backup, sizeof backup, e->dir, "backup.sqlite");
  sg_store *copy = open_ok(backup);
  put_rows(copy, "x", 200);
  sg_store_close(copy);
  sg_store *st = open_ok(e->db);
  put_rows(st, "a", 50);
  sg_store_close(st);
  kill_writer_with_rows_in_wal(e->db);
  copy_over(backup, e->db);
  st = open_ok(e->db);
  put_rows(st, "c", 10);
  sg_store_close(st);
  assert_true(integrity_ok(e->db));
  assert_int_equal(rows_like(e->db, "x"), 200);
  assert_int_equal(rows_like(e->db, "c"), 10);
  assert_int_equal(rows_like(e->db, "w"), 0);
  assert_int_equal(orphans_in(e->dir), 1); /* the killed writer's rows, kept aside */
}

/* Not a restore: the same writer killed, nothing copied. Its acknowledged
 * rows are in the WAL and must be applied, not set aside. */
static void killed_writer_without_copy_keeps_rows(void **state) {
  env *e = *state;
  sg_store *st = open_ok(e->db);
  put_rows(st, "a", 50);
  sg_store_close(st);
  kill_writer_with_rows_in_wal(e->db);
  st = open_ok(e->db);
  put_rows(st, "c", 5);
  sg_store_close(st);
  assert_true(integrity_ok(e->db));
  assert_int_equal(rows_like(e->db, "w"), 100);
  assert_int_equal(rows_like(e->db, "a"), 50);
  assert_int_equal(orphans_in(e->dir), 0);
}

/* Two writers on one file, each checkpointing the other's rows into it,
 * and the file's own bytes copied over itself: nothing is set aside and
 * nothing is lost. */
static void two_writers_and_same_bytes_are_no_restore(void **state) {
  env *e = *state;
  char same[TMP_PATH];
  tmp_join(same, sizeof same, e->dir, "same.sqlite");
  sg_store *one = open_ok(e->db), *two = open_ok(e->db);
  for (int round = 0; round < 20; round++) {
    char p1[16], p2[16];
    snprintf(p1, sizeof p1, "p%dx", round);
    snprintf(p2, sizeof p2, "q%dx", round);
    put_rows(one, p1, 3);
    put_rows(two, p2, 3);
  }
  sg_store_close(two);
  backup_of(e->db, same);
  copy_over(same, e->db); /* byte for byte what it was */
  put_rows(one, "c", 5);
  sg_store_close(one);
  assert_true(integrity_ok(e->db));
  assert_int_equal(raw_int(e->db, "SELECT count(*) FROM snapshot"), 20 * 6 + 5);
  assert_int_equal(orphans_in(e->dir), 0);
}

/* Another program's database copied over the open store: refused with a
 * message, and its bytes left exactly as they are. */
static void foreign_file_copied_over_is_refused(void **state) {
  env *e = *state;
  char other[TMP_PATH];
  tmp_join(other, sizeof other, e->dir, "other.db");
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (42);", NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(db);
  sg_store *st = open_ok(e->db);
  put_rows(st, "a", 10);
  copy_over(other, e->db);
  size_t before_len = 0, after_len = 0;
  unsigned char *before = tmp_slurp(e->db, &before_len);
  sg_snapshot_row row = {"FY", "c0", 45000, 1000, 1};
  sg_error err;
  assert_int_equal(sg_store_put(st, 1, &row, NULL, &err), SG_ESTORE_FOREIGN);
  assert_non_null(strstr(err.message, "another program"));
  sg_store_close(st);
  unsigned char *after = tmp_slurp(e->db, &after_len);
  assert_true(before_len == after_len && memcmp(before, after, before_len) == 0);
  free(before);
  free(after);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(backup_copied_over_open_store, setup, teardown),
      cmocka_unit_test_setup_teardown(own_older_copy_over_open_store, setup, teardown),
      cmocka_unit_test_setup_teardown(backup_copied_over_killed_writers_wal, setup, teardown),
      cmocka_unit_test_setup_teardown(killed_writer_without_copy_keeps_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(two_writers_and_same_bytes_are_no_restore, setup, teardown),
      cmocka_unit_test_setup_teardown(foreign_file_copied_over_is_refused, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
