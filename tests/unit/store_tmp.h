/* store_tmp.h — a private temporary folder per test, so store tests never
 * touch the real home or each other; and what every store test needs
 * besides (a store that must open, raw SQL on a SQLite file, time).
 * Header-only: only the store tests include it (a .c helper in tests/unit
 * would be linked into every test). */
#ifndef SG_STORE_TMP_H
#define SG_STORE_TMP_H

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "salesgoal.h"

#define TMP_PATH 512

/* mkdtemp under $TMPDIR (or /tmp) into dir; exits the test program on
 * failure since nothing else can run. */
static inline void tmp_make(char *dir, size_t size) {
  const char *base = getenv("TMPDIR");
  snprintf(dir, size, "%s/sgstore-XXXXXX", base && base[0] ? base : "/tmp");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    exit(2);
  }
}

/* rm -rf, for the few levels these tests create. */
static inline void tmp_remove(const char *path) {
  struct stat sb;
  if (lstat(path, &sb) != 0) return;
  if (S_ISDIR(sb.st_mode)) {
    chmod(path, 0700); /* a test may have made it read-only */
    DIR *d = opendir(path);
    if (d) {
      struct dirent *e;
      while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[TMP_PATH];
        int w = snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        if (w > 0 && (size_t)w < sizeof child) tmp_remove(child);
      }
      closedir(d);
    }
    rmdir(path);
  } else {
    unlink(path);
  }
}

static inline void tmp_join(char *out, size_t size, const char *dir, const char *name) {
  int w = snprintf(out, size, "%s/%s", dir, name);
  if (w < 0 || (size_t)w >= size) {
    fprintf(stderr, "tmp_join: path too long\n");
    exit(2);
  }
}

/* Whole file into a malloc'd buffer (NULL if missing); *len its size. */
static inline unsigned char *tmp_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  *len = 0;
  if (!f) return NULL;
  unsigned char *buf = NULL;
  size_t cap = 0;
  for (;;) {
    if (*len == cap) {
      cap = cap ? 2 * cap : 4096;
      unsigned char *grown = realloc(buf, cap);
      if (!grown) break;
      buf = grown;
    }
    size_t got = fread(buf + *len, 1, cap - *len, f);
    if (got == 0) break;
    *len += got;
  }
  fclose(f);
  return buf;
}

static inline int tmp_exists(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0;
}

/* A cmocka fixture: a fresh folder and a database path inside it
 * (db_relative may name folders that do not exist yet). */
typedef struct tmp_env {
  char dir[TMP_PATH];
  char db[TMP_PATH];
} tmp_env;

static inline int tmp_env_setup(void **state, const char *db_relative) {
  tmp_env *e = calloc(1, sizeof *e);
  if (!e) return -1;
  tmp_make(e->dir, sizeof e->dir);
  tmp_join(e->db, sizeof e->db, e->dir, db_relative);
  *state = e;
  return 0;
}

static inline int tmp_env_teardown(void **state) {
  tmp_env *e = *state;
  tmp_remove(e->dir);
  free(e);
  return 0;
}

/* ------------------------------------------------------------ the store */

/* sg_store_open at location (a file or a PostgreSQL URI) that must
 * succeed; its message on stderr when it does not. */
static inline sg_store *open_ok(const char *location) {
  sg_store *st = NULL;
  sg_error err;
  int rc = sg_store_open(location, &st, &err);
  if (rc != SG_OK) fprintf(stderr, "open: %s\n", err.message);
  assert_int_equal(rc, SG_OK);
  assert_non_null(st);
  return st;
}

/* Raw SQL on a SQLite file, the way another program would run it, for
 * checks the store's API does not offer. raw_int: the first column of the
 * first row (-1 when there is none). */
static inline long long raw_int(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  sqlite3_stmt *q = NULL;
  long long v = -1;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
  if (sqlite3_step(q) == SQLITE_ROW) v = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return v;
}

/* The SQLite result of running sql on the file (SQLITE_OK or the error). */
static inline int raw_try(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  sqlite3_close(db);
  return rc;
}

/* sql on the file, which must work. */
static inline void raw_exec(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  char *msg = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK) fprintf(stderr, "raw_exec: %s\n", msg ? msg : "?");
  sqlite3_free(msg);
  sqlite3_close(db);
  assert_int_equal(rc, SQLITE_OK);
}

/* PRAGMA integrity_check says ok (0 as well when the file cannot be read;
 * no assertion inside, so child processes may call it). */
static inline int integrity_ok(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *q = NULL;
  int ok = 0;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    ok = strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
  sqlite3_finalize(q);
  sqlite3_close(db);
  return ok;
}

/* ------------------------------------------------------------ time */

static inline double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline void sleep_ms(double ms) {
  struct timespec ts = {(time_t)(ms / 1000), (long)(fmod(ms, 1000) * 1e6)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}
#endif
