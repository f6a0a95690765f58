/* test_store_crash.c — the store under abuse, with real processes:
 *   - a writer killed with SIGKILL at random moments, 24 times: the file
 *     stays intact and every write the writer saw succeed is there;
 *   - two processes writing overlapping snapshots at once: no call fails,
 *     no row is lost;
 *   - a full disk (a VFS shim failing writes as ENOSPC does): a loud,
 *     localised message and nothing of the range committed;
 *   - a writer holding the lock past the timeout: SG_ESTORE_BUSY, with the
 *     localised message, after waiting (not at once).
 * Children report through pipes and exit with _exit (no cmocka in them). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_tmp.h"

enum { KILLS = 24, BATCH_MAX = 4 };

typedef tmp_env env;

static int setup(void **state) { return tmp_env_setup(state, "snapshots.sqlite"); }
static void shim_cleanup(void);
/* Also after a failed assertion: no shim left as SQLite's default VFS, no
 * SALESGOAL_DB pointing into the removed folder. */
static int teardown(void **state) {
  shim_cleanup();
  unsetenv("SALESGOAL_DB");
  return tmp_env_teardown(state);
}

/* ------------------------------------------------------------ crash */

/* Write k covers units u0..u(b-1), b = 1 + k % BATCH_MAX, on day k, with
 * actual = 10k + j: one transaction each, so batches are torn or whole. */
static size_t write_rows(int64_t k, sg_snapshot_row *rows, char units[][8]) {
  size_t b = 1 + (size_t)(k % BATCH_MAX);
  for (size_t j = 0; j < b; j++) {
    units[j][0] = 'u';
    units[j][1] = (char)('0' + j); /* j < BATCH_MAX <= 10 */
    units[j][2] = '\0';
    rows[j] =
        (sg_snapshot_row){"crash", units[j], (double)k, (double)k, 10.0 * (double)k + (double)j};
  }
  return b;
}

static void writer_child(const char *db, int fd, int64_t start) {
  sg_store *st = NULL;
  if (sg_store_open(db, &st, NULL) != SG_OK) _exit(3);
  for (int64_t k = start;; k++) {
    sg_snapshot_row rows[BATCH_MAX];
    char units[BATCH_MAX][8];
    size_t b = write_rows(k, rows, units);
    if (sg_store_put(st, b, rows, NULL, NULL) != SG_OK) _exit(4);
    /* Acknowledge only after the call returned: 8 bytes, atomic on a pipe. */
    if (write(fd, &k, sizeof k) != (ssize_t)sizeof k) _exit(5);
  }
}

/* Every acknowledged write is in the file with its values. */
static void check_acked(const char *db, const int64_t *acked, size_t nacked) {
  sg_store *st = NULL;
  sg_error err;
  int rc = sg_store_open(db, &st, &err);
  if (rc != SG_OK) fprintf(stderr, "reopen: %s\n", err.message);
  assert_int_equal(rc, SG_OK);
  sg_snapshot *h[BATCH_MAX];
  size_t n[BATCH_MAX];
  for (size_t j = 0; j < BATCH_MAX; j++) {
    char unit[8];
    snprintf(unit, sizeof unit, "u%zu", j);
    assert_int_equal(sg_store_history(st, "crash", unit, -HUGE_VAL, HUGE_VAL, &h[j], &n[j], NULL),
                     SG_OK);
  }
  for (size_t a = 0; a < nacked; a++) {
    int64_t k = acked[a];
    size_t b = 1 + (size_t)(k % BATCH_MAX);
    for (size_t j = 0; j < b; j++) {
      /* history is in date order: binary search for day k */
      size_t lo = 0, hi = n[j];
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (h[j][mid].as_of < (double)k)
          lo = mid + 1;
        else
          hi = mid;
      }
      if (lo >= n[j] || h[j][lo].as_of != (double)k ||
          h[j][lo].actual != 10.0 * (double)k + (double)j) {
        fprintf(stderr, "acknowledged write %lld (unit u%zu) is missing\n", (long long)k, j);
        fail();
      }
    }
  }
  for (size_t j = 0; j < BATCH_MAX; j++)
    sg_store_free(h[j]);
  sg_store_close(st);
}

static void killed_writer_loses_nothing(void **state) {
  env *e = *state;
  size_t cap = 1 << 16, nacked = 0;
  int64_t *acked = malloc(cap * sizeof *acked), next = 0;
  assert_non_null(acked);
  srand((unsigned)time(NULL) ^ (unsigned)getpid());
  unsigned seed = (unsigned)rand();
  printf("[   INFO   ] kill delays from seed %u\n", seed);
  srand(seed);
  int checks = 0;
  for (int round = 0; round < KILLS; round++) {
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      writer_child(e->db, fds[1], next);
      _exit(7); /* not reached: the writer loops until killed */
    }
    close(fds[1]);
    /* Even rounds kill at any moment, opening and creating the file
     * included; odd rounds wait for a first write so that slow builds
     * (valgrind) still kill in the middle of writing. */
    int64_t k;
    int got_first = 0;
    if (round % 2 == 1 && read(fds[0], &k, sizeof k) == (ssize_t)sizeof k) got_first = 1;
    sleep_ms((double)(rand() % 25000) / 1000.0);
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
      fprintf(stderr, "round %d: writer ended by itself (status %d)\n", round, status);
      fail();
    }
    if (got_first) acked[nacked++] = k;
    ssize_t r;
    while ((r = read(fds[0], &k, sizeof k)) == (ssize_t)sizeof k) {
      if (nacked == cap) {
        cap *= 2;
        int64_t *grown = realloc(acked, cap * sizeof *grown);
        assert_non_null(grown);
        acked = grown;
      }
      acked[nacked++] = k;
    }
    assert_int_equal(r, 0); /* no half acknowledgement */
    close(fds[0]);
    if (nacked) next = acked[nacked - 1] + 1;
    /* The write in flight may or may not have landed: either is fine. */
    if (!tmp_exists(e->db)) continue;
    assert_true(integrity_ok(e->db));
    check_acked(e->db, acked, nacked);
    checks++;
  }
  printf("[   INFO   ] %d kills, %zu acknowledged writes, all present; %d integrity checks ok\n",
         KILLS, nacked, checks);
  assert_true(nacked > 0);
  free(acked);
}

/* ------------------------------------------------------------ concurrency */

enum { SHARED = 300, OWN = 100 };

/* Shared keys carry the same values from both writers, so the final state
 * is known whoever wins; own keys are per writer. Mixes single rows with
 * batches of 10 so transactions of both sizes interleave. */
static int concurrent_child(const char *db, int id, int go_fd) {
  char go;
  if (read(go_fd, &go, 1) != 1) return 6;
  sg_store *st = NULL;
  sg_error err;
  if (sg_store_open(db, &st, &err) != SG_OK) {
    fprintf(stderr, "writer %d: open: %s\n", id, err.message);
    return 1;
  }
  char units[10][16];
  sg_snapshot_row rows[10];
  int failures = 0;
  for (int i = 0; i < SHARED + OWN;) {
    int b = (i / 10) % 2 == id ? 10 : 1;
    for (int j = 0; j < b; j++, i++) {
      int shared = i < SHARED;
      int key = shared ? i : i - SHARED;
      snprintf(units[j], sizeof units[j], "%s%d", shared ? "s" : (id ? "b" : "a"), key % 10);
      rows[j] = (sg_snapshot_row){"conc", units[j], 45000.0 + key / 10, key, 2.0 * key};
    }
    if (sg_store_put(st, (size_t)b, rows, NULL, &err) != SG_OK) {
      fprintf(stderr, "writer %d: put: %s\n", id, err.message);
      failures++;
    }
  }
  sg_store_close(st);
  return failures ? 2 : 0;
}

/* One race of two writers on a new file at path. */
static void race_two_writers(const char *path) {
  int go[2];
  assert_int_equal(pipe(go), 0);
  pid_t pids[2];
  for (int id = 0; id < 2; id++) {
    pids[id] = fork();
    assert_true(pids[id] >= 0);
    if (pids[id] == 0) {
      close(go[1]);
      _exit(concurrent_child(path, id, go[0]));
    }
  }
  close(go[0]);
  /* Both start together, on a file that does not exist yet. */
  assert_int_equal(write(go[1], "GG", 2), 2);
  close(go[1]);
  for (int id = 0; id < 2; id++) {
    int status;
    assert_int_equal(waitpid(pids[id], &status, 0), pids[id]);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
  }
  assert_true(integrity_ok(path));
  sg_store *st = NULL;
  assert_int_equal(sg_store_open(path, &st, NULL), SG_OK);
  size_t n = 0;
  assert_int_equal(sg_store_count(st, NULL, NULL, &n, NULL), SG_OK);
  assert_int_equal(n, SHARED + 2 * OWN);
  const char *prefixes[] = {"s", "a", "b"};
  for (int p = 0; p < 3; p++) {
    int keys = p == 0 ? SHARED : OWN;
    for (int u = 0; u < 10; u++) {
      char unit[16];
      snprintf(unit, sizeof unit, "%s%d", prefixes[p], u);
      sg_snapshot *h = NULL;
      assert_int_equal(sg_store_history(st, "conc", unit, -HUGE_VAL, HUGE_VAL, &h, &n, NULL),
                       SG_OK);
      assert_int_equal(n, (size_t)keys / 10);
      for (size_t i = 0; i < n; i++) {
        double key = (double)i * 10 + u;
        assert_true(h[i].as_of == 45000 + (double)i && h[i].target == key &&
                    h[i].actual == 2 * key);
      }
      sg_store_free(h);
    }
  }
  sg_store_close(st);
}

/* Several races, each on a new file: creating the store together is the
 * most delicate moment (the switch to WAL). */
static void two_writers_lose_nothing(void **state) {
  env *e = *state;
  for (int round = 0; round < 4; round++) {
    char name[32], path[TMP_PATH];
    snprintf(name, sizeof name, "race-%d.sqlite", round);
    tmp_join(path, sizeof path, e->dir, name);
    race_two_writers(path);
  }
}

/* ------------------------------------------------------------ disk full */

/* A VFS shim over the default one whose writes fail with SQLITE_FULL once
 * a byte budget is spent: exactly what the unix VFS returns on ENOSPC.
 * (A file-size rlimit is no substitute: SQLite reports EFBIG as a plain
 * I/O error.) Registered as the default only for the one test. */
typedef struct shim_file {
  sqlite3_file base;
  sqlite3_file *real; /* lives right after this struct */
} shim_file;

static sqlite3_vfs *real_vfs;
static long long write_budget = -1; /* bytes left; -1 = unlimited */

#define REAL(f) (((shim_file *)(f))->real)
static int s_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int s_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) {
  return REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int s_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) {
  if (write_budget >= 0) {
    if (write_budget < n) return SQLITE_FULL;
    write_budget -= n;
  }
  return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int s_truncate(sqlite3_file *f, sqlite3_int64 size) {
  return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int s_sync(sqlite3_file *f, int flags) { return REAL(f)->pMethods->xSync(REAL(f), flags); }
static int s_size(sqlite3_file *f, sqlite3_int64 *size) {
  return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int s_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int s_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int s_check(sqlite3_file *f, int *out) {
  return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int s_fcntl(sqlite3_file *f, int op, void *arg) {
  return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int s_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int s_devchar(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int s_shmmap(sqlite3_file *f, int pg, int sz, int ext, void volatile **p) {
  return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p);
}
static int s_shmlock(sqlite3_file *f, int off, int n, int flags) {
  return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void s_shmbarrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int s_shmunmap(sqlite3_file *f, int del) {
  return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int s_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p) {
  return REAL(f)->pMethods->xFetch(REAL(f), o, n, p);
}
static int s_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) {
  return REAL(f)->pMethods->xUnfetch(REAL(f), o, p);
}

static const sqlite3_io_methods shim_methods = {
    3,         s_close,      s_read,     s_write, s_truncate, s_sync,    s_size,
    s_lock,    s_unlock,     s_check,    s_fcntl, s_sector,   s_devchar, s_shmmap,
    s_shmlock, s_shmbarrier, s_shmunmap, s_fetch, s_unfetch};

static int s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out) {
  (void)vfs;
  shim_file *sf = (shim_file *)f;
  sf->real = (sqlite3_file *)(sf + 1);
  int rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out);
  /* Only wrap what the real VFS opened (pMethods NULL means: do not close). */
  sf->base.pMethods = (rc == SQLITE_OK && sf->real->pMethods) ? &shim_methods : NULL;
  return rc;
}
static int s_delete(sqlite3_vfs *v, const char *n, int sync) {
  (void)v;
  return real_vfs->xDelete(real_vfs, n, sync);
}
static int s_access(sqlite3_vfs *v, const char *n, int flags, int *out) {
  (void)v;
  return real_vfs->xAccess(real_vfs, n, flags, out);
}
static int s_fullpath(sqlite3_vfs *v, const char *n, int size, char *out) {
  (void)v;
  return real_vfs->xFullPathname(real_vfs, n, size, out);
}
static int s_random(sqlite3_vfs *v, int n, char *out) {
  (void)v;
  return real_vfs->xRandomness(real_vfs, n, out);
}
static int s_sleep(sqlite3_vfs *v, int us) {
  (void)v;
  return real_vfs->xSleep(real_vfs, us);
}
static int s_time(sqlite3_vfs *v, double *out) {
  (void)v;
  return real_vfs->xCurrentTime(real_vfs, out);
}
static int s_lasterr(sqlite3_vfs *v, int n, char *out) {
  (void)v;
  return real_vfs->xGetLastError(real_vfs, n, out);
}
static int s_time64(sqlite3_vfs *v, sqlite3_int64 *out) {
  (void)v;
  return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs shim_vfs;
static int shim_registered;

static void shim_cleanup(void) {
  write_budget = -1;
  if (shim_registered) sqlite3_vfs_unregister(&shim_vfs);
  shim_registered = 0;
}

static void full_disk_commits_nothing(void **state) {
  env *e = *state;
  real_vfs = sqlite3_vfs_find(NULL);
  assert_non_null(real_vfs);
  shim_vfs = (sqlite3_vfs){2,
                          (int)sizeof(shim_file) + real_vfs->szOsFile,
                          real_vfs->mxPathname,
                          NULL,
                          "sg-full-shim",
                          NULL,
                          s_open,
                          s_delete,
                          s_access,
                          s_fullpath,
                          NULL,
                          NULL,
                          NULL,
                          NULL,
                          s_random,
                          s_sleep,
                          s_time,
                          s_lasterr,
                          s_time64,
                          NULL,
                          NULL,
                          NULL};
  /* SQLite keeps the pointer while registered: static, and teardown
   * unregisters it even when an assertion below fails. */
  assert_int_equal(sqlite3_vfs_register(&shim_vfs, 1), SQLITE_OK);
  shim_registered = 1;

  setenv("SALESGOAL_DB", e->db, 1);
  sg_store *st = NULL;
  assert_int_equal(sg_store_open(e->db, &st, NULL), SG_OK);
  assert_int_equal(
      sg_store_put(st, 1, (sg_snapshot_row[]){{"full", "first", 45000, 1, 1}}, NULL, NULL), SG_OK);
  sg_store_close(st);

  /* 3000 units through SG_SNAPSHOT, with room on "disk" for about ten
   * pages: the commit cannot fit. */
  enum { N = 3000 };
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "full");
  sgf_grid *units = &fx.args[fx.nargs++], *targets, *actuals;
  assert_int_equal(sgf_grid_init(units, N, 1), 0);
  ARG(&fx, 1, 1, "45001");
  targets = &fx.args[fx.nargs++];
  actuals = &fx.args[fx.nargs++];
  assert_int_equal(sgf_grid_init(targets, N, 1), 0);
  assert_int_equal(sgf_grid_init(actuals, N, 1), 0);
  for (size_t i = 0; i < N; i++) {
    char name[64];
    int len = snprintf(name, sizeof name, "a-long-unit-name-to-fill-pages-%06zu", i);
    assert_int_equal(sgf_grid_set_text(units, i, name, (size_t)len), 0);
    sgf_grid_set_number(targets, i, (double)i);
    sgf_grid_set_number(actuals, i, (double)i);
  }
  write_budget = 10 * 4096;
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  write_budget = -1;
  printf("[   INFO   ] %s\n", fx.call.message);
  assert_message_has(&fx, "the disk holding the snapshot database is full; nothing was written.");
  fx_free(&fx);

  shim_registered = 0;
  assert_int_equal(sqlite3_vfs_unregister(&shim_vfs), SQLITE_OK);
  assert_true(integrity_ok(e->db));
  assert_int_equal(sg_store_open(e->db, &st, NULL), SG_OK);
  size_t n = 0;
  assert_int_equal(sg_store_count(st, NULL, NULL, &n, NULL), SG_OK);
  assert_int_equal(n, 1); /* none of the 3000 */
  assert_int_equal(
      sg_store_put(st, 1, (sg_snapshot_row[]){{"full", "after", 45002, 1, 1}}, NULL, NULL), SG_OK);
  sg_store_close(st);
  unsetenv("SALESGOAL_DB");
}

/* ------------------------------------------------------------ busy */

static void locked_past_timeout_is_loud(void **state) {
  env *e = *state;
  sg_store *st = NULL;
  assert_int_equal(sg_store_open(e->db, &st, NULL), SG_OK);
  sg_store_close(st);
  /* Another program holds the write lock and does not let go. */
  sqlite3 *other = NULL;
  assert_int_equal(sqlite3_open(e->db, &other), SQLITE_OK);
  assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);

  setenv("SALESGOAL_DB", e->db, 1);
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "P");
  ARG(&fx, 1, 1, "u");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "2");
  double t0 = now_s();
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  double waited = now_s() - t0;
  printf("[   INFO   ] gave up after %.2f s: %s\n", waited, fx.call.message);
  assert_true(waited >= SG_STORE_BUSY_MS / 1000.0 * 0.9);
  assert_message_has(&fx, "stayed locked by another program for more than 5 seconds");
  assert_message_has(&fx, e->db);
  fx_free(&fx);

  /* Once the lock is gone the same call goes through. */
  sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(other);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "P");
  ARG(&fx, 1, 1, "u");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "2");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), 0);
  fx_free(&fx);
  unsetenv("SALESGOAL_DB");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(killed_writer_loses_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(two_writers_lose_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(full_disk_commits_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(locked_past_timeout_is_loud, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
