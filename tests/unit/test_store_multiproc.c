/* test_store_multiproc.c — several processes writing to one SQLite store
 * while copies of the store file are renamed over it, again and again (a
 * sync client or a restore bringing the file back while planners work).
 *
 * Every copy is the store as it was set up (same identity, older
 * generation, the seed rows only), and each replaced file is kept by a
 * hard link, so each writer row can be only where it was written: in the
 * file that was at the path then. Writers send every result through a pipe;
 * the parent swaps only after each writer has answered since the last swap
 * (events, never time), and checks afterwards:
 *   - every acknowledged row is in exactly one of the files: none lost,
 *     none in two (a WAL of one file applied to another, a write counted
 *     twice);
 *   - a writer's acknowledged rows go to the files in the order the files
 *     were at the path (never back into a replaced file), and a row
 *     acknowledged before swap k was read is in a file from before it;
 *   - a failed write says why, naming the store's path, and never calls a
 *     whole file damaged; no process crashes;
 *   - PRAGMA integrity_check is ok on every file, and every row in a file
 *     is one a writer sent. */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_tmp.h"

enum { WRITERS = 3, SWAPS = 8, MAX_SEQ = 20000, SEED_ROWS = 20, WATCHDOG_S = 600 };

/* One result of a writer, written whole (smaller than PIPE_BUF). */
typedef struct answer {
  int writer, seq, code;
  char message[sizeof ((sg_error *)0)->message];
} answer;

static int setup(void **state) { return tmp_env_setup(state, "snapshots.sqlite"); }
/* SG_MULTIPROC_KEEP=1 keeps the files, to look at a failure. */
static int teardown(void **state) {
  if (getenv("SG_MULTIPROC_KEEP")) { printf("kept %s\n", ((tmp_env *)*state)->dir); return 0; }
  return tmp_env_teardown(state);
}

/* A writer: rows w<writer>-<seq> until the parent closes `stop`. Exits 0
 * unless its own plumbing fails (a crash shows as a signal). */
static void writer(const char *path, int id, int stop, int answers) {
  alarm(WATCHDOG_S);
  sg_store *st = NULL;
  sg_error err;
  if (sg_store_open(path, &st, &err) != SG_OK) _exit(3);
  fcntl(stop, F_SETFL, O_NONBLOCK);
  for (int seq = 0; seq < MAX_SEQ; seq++) {
    char byte;
    if (read(stop, &byte, 1) == 0) break; /* closed: the parent is done swapping */
    char unit[32];
    snprintf(unit, sizeof unit, "w%d-%d", id, seq);
    sg_snapshot_row row = {"FY", unit, 45000, 1, seq};
    answer a = {.writer = id, .seq = seq};
    a.code = sg_store_put(st, 1, &row, NULL, &err);
    if (a.code != SG_OK) snprintf(a.message, sizeof a.message, "%s", err.message);
    if (write(answers, &a, sizeof a) != (ssize_t)sizeof a) _exit(4);
  }
  sg_store_close(st);
  _exit(0);
}

static void copy_file(const char *from, const char *to) {
  size_t len;
  unsigned char *bytes = tmp_slurp(from, &len);
  FILE *f = fopen(to, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(bytes, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
  free(bytes);
}

/* Where each writer row is: file index per (writer, seq), -1 nowhere;
 * more than one file counts in *twice. Returns the rows of the file that
 * are not writer rows sent (seed rows excluded). */
static int locate(const char *path, int file, int (*where)[MAX_SEQ], int sent[WRITERS],
                  int *twice) {
  sqlite3 *db = NULL;
  sqlite3_stmt *q = NULL;
  int strangers = 0;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT unit FROM snapshot WHERE unit NOT LIKE 'seed%'",
                                      -1, &q, NULL),
                   SQLITE_OK);
  while (sqlite3_step(q) == SQLITE_ROW) {
    int w, seq;
    const char *unit = (const char *)sqlite3_column_text(q, 0);
    if (sscanf(unit, "w%d-%d", &w, &seq) != 2 || w < 0 || w >= WRITERS || seq < 0 ||
        seq >= sent[w]) {
      strangers++;
      continue;
    }
    if (where[w][seq] >= 0) (*twice)++;
    else where[w][seq] = file;
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  return strangers;
}

/* file as it reads with the WAL the store set aside for it (at most one):
 * a copy of both, named into view; else view is file itself. Returns how
 * many WALs were found. */
static int view_with_orphan(const char *dir, const char *file, int k, char *view, size_t size) {
  struct stat sb;
  assert_int_equal(stat(file, &sb), 0);
  char prefix[64];
  snprintf(prefix, sizeof prefix, "snapshots.sqlite-wal-orphan-%llu-", (unsigned long long)sb.st_ino);
  assert_true(snprintf(view, size, "%s", file) < (int)size);
  DIR *d = opendir(dir);
  assert_non_null(d);
  int found = 0;
  for (struct dirent *de; (de = readdir(d)) != NULL;) {
    if (strncmp(de->d_name, prefix, strlen(prefix)) != 0) continue;
    char orphan[TMP_PATH], name[32], wal[TMP_PATH + 8];
    tmp_join(orphan, sizeof orphan, dir, de->d_name);
    snprintf(name, sizeof name, "view-%d.sqlite", k);
    tmp_join(view, size, dir, name);
    copy_file(file, view);
    snprintf(wal, sizeof wal, "%s-wal", view);
    copy_file(orphan, wal);
    found++;
  }
  closedir(d);
  assert_true(found <= 1);
  return found;
}

static void writers_and_swaps(void **state) {
  tmp_env *e = *state;
  alarm(WATCHDOG_S); /* a hang fails the test; nothing else is timed */
  char template[TMP_PATH], incoming[TMP_PATH], kept[SWAPS + 1][TMP_PATH];
  tmp_join(template, sizeof template, e->dir, "as-set-up.sqlite");
  tmp_join(incoming, sizeof incoming, e->dir, "incoming.sqlite");
  for (int k = 0; k < SWAPS; k++) {
    char name[32];
    snprintf(name, sizeof name, "replaced-%d.sqlite", k);
    tmp_join(kept[k], sizeof kept[k], e->dir, name);
  }
  snprintf(kept[SWAPS], sizeof kept[SWAPS], "%s", e->db);

  /* The store as set up, closed (checkpointed): the copy that keeps landing. */
  sg_store *st = open_ok(e->db);
  for (int i = 0; i < SEED_ROWS; i++) {
    char unit[16];
    snprintf(unit, sizeof unit, "seed%d", i);
    sg_snapshot_row row = {"FY", unit, 45000, 1, i};
    assert_int_equal(sg_store_put(st, 1, &row, NULL, NULL), SG_OK);
  }
  sg_store_close(st);
  copy_file(e->db, template);

  int stop[2], answers[2];
  assert_int_equal(pipe(stop), 0);
  assert_int_equal(pipe(answers), 0);
  pid_t pids[WRITERS];
  for (int w = 0; w < WRITERS; w++) {
    pids[w] = fork();
    assert_true(pids[w] >= 0);
    if (pids[w] == 0) {
      close(stop[1]);
      close(answers[0]);
      writer(e->db, w, stop[0], answers[1]);
    }
  }
  close(stop[0]);
  close(answers[1]);

  static int code[WRITERS][MAX_SEQ], epoch_read[WRITERS][MAX_SEQ], where[WRITERS][MAX_SEQ];
  int sent[WRITERS] = {0}, since_swap[WRITERS] = {0}, swaps = 0, failed = 0, said_damaged = 0;
  answer a;
  while (read(answers[0], &a, sizeof a) == (ssize_t)sizeof a) {
    assert_true(a.writer >= 0 && a.writer < WRITERS && a.seq == sent[a.writer]);
    code[a.writer][a.seq] = a.code;
    epoch_read[a.writer][a.seq] = swaps; /* answered before swap `swaps` was made */
    sent[a.writer]++;
    since_swap[a.writer]++;
    if (a.code != SG_OK) {
      failed++;
      said_damaged += a.code == SG_ESTORE_CORRUPT;
      if (!a.message[0] || !strstr(a.message, e->db))
        fail_msg("writer %d, row %d: code %d with message [%s], which does not name %s", a.writer,
                 a.seq, a.code, a.message, e->db);
    }
    int all_answered = 1;
    for (int w = 0; w < WRITERS; w++) all_answered &= since_swap[w] >= 3;
    if (!all_answered) continue;
    if (swaps == SWAPS) { /* every writer wrote after the last swap too: stop them */
      if (stop[1] >= 0) close(stop[1]);
      stop[1] = -1;
      continue;
    }
    copy_file(template, incoming);
    assert_int_equal(link(e->db, kept[swaps]), 0); /* keep the file being replaced */
    assert_int_equal(rename(incoming, e->db), 0);
    swaps++;
    memset(since_swap, 0, sizeof since_swap);
  }
  close(answers[0]);
  for (int w = 0; w < WRITERS; w++) {
    int status = 0;
    assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      fail_msg("writer %d ended with status %#x (signal %d)", w, status,
               WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  }
  assert_int_equal(swaps, SWAPS);

  /* Every file whole, with the seed rows and only rows the writers sent. A
   * replaced file's last rows may sit in its WAL, which the store sets
   * aside (<db>-wal-orphan-<inode>-<time>) rather than apply to the file
   * that took its place: the file is read with that WAL. */
  memset(where, -1, sizeof where);
  int twice = 0, orphans = 0;
  for (int k = 0; k <= SWAPS; k++) {
    char view[TMP_PATH];
    int found = view_with_orphan(e->dir, kept[k], k, view, sizeof view);
    orphans += found;
    if (!integrity_ok(kept[k])) fail_msg("%s fails PRAGMA integrity_check", kept[k]);
    if (found && !integrity_ok(view)) fail_msg("%s with its WAL fails PRAGMA integrity_check", kept[k]);
    assert_int_equal(raw_int(view, "SELECT count(*) FROM snapshot WHERE unit LIKE 'seed%'"), SEED_ROWS);
    assert_int_equal(locate(view, k, where, sent, &twice), 0);
  }
  assert_int_equal(twice, 0);
  /* Every file is whole, so a write refused as "damaged" was told wrong
   * (the old file's WAL index read for the new file). */
  if (said_damaged) fail_msg("%d writes were refused as damaged; every file is intact", said_damaged);
  int acked = 0, failed_found = 0;
  for (int w = 0; w < WRITERS; w++) {
    int last_file = 0;
    for (int seq = 0; seq < sent[w]; seq++) {
      int file = where[w][seq];
      if (code[w][seq] != SG_OK) { /* not kept, or kept where it was written */
        failed_found += file >= 0;
        continue;
      }
      acked++;
      if (file < 0) fail_msg("acknowledged row w%d-%d (answer read before swap %d) is in no file", w, seq, epoch_read[w][seq]);
      if (file < last_file)
        fail_msg("row w%d-%d went into %s after the writer had written into %s", w, seq,
                 kept[file], kept[last_file]);
      if (file > epoch_read[w][seq])
        fail_msg("row w%d-%d, acknowledged before swap %d, is in %s", w, seq,
                 epoch_read[w][seq], kept[file]);
      last_file = file;
    }
  }
  printf("[   INFO   ] %d writers, %d swaps: %d rows acknowledged, each in exactly one file; %d "
         "writes reported as failed (%d of them still in a replaced file); %d WALs set aside\n",
         WRITERS, SWAPS, acked, failed, failed_found, orphans);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(writers_and_swaps, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
