/*
 * store.c — the snapshot store: one SQLite file, versioned schema, WAL.
 *
 * Persistence lives here and nowhere else in the engine; the math (trend.c)
 * never sees a database. Rules that make the file safe to share:
 *   - every write is BEGIN IMMEDIATE ... COMMIT, so a second writer waits
 *     in SQLite's busy handler (SG_STORE_BUSY_MS) instead of failing half
 *     way, and a killed writer leaves only an uncommitted WAL tail, which
 *     SQLite ignores;
 *   - synchronous=FULL: a write that returned SG_OK survives a crash;
 *   - only constant, prepared SQL; cell text is always a bound parameter;
 *   - a file is modified only after it is known to be empty or ours
 *     (application_id), so another program's database is never touched.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "store_private.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* "SGOL" (0x53474f4c) in the header's application_id field marks our files. */
#define STORE_APP_ID 1397182284
#define STR_(x) #x
#define STR(x) STR_(x)

/* Migration k takes a file from schema version k to k + 1 and records the
 * new version, inside the caller's transaction. A new file is version 0
 * and goes through every step, so the old paths stay exercised. */
static const char *const migrations[SG_STORE_SCHEMA_VERSION] = {
    /* 0 -> 1: the first schema (salesgoal 0.1). */
    "CREATE TABLE snapshot ("
    " plan TEXT NOT NULL, unit TEXT NOT NULL, as_of INTEGER NOT NULL,"
    " target REAL NOT NULL, actual REAL NOT NULL,"
    " PRIMARY KEY (plan, unit, as_of));"
    "PRAGMA user_version = 1;",
    /* 1 -> 2: when each snapshot was first and last written (unix seconds;
     * NULL for rows from version 1), and a trigger so that "never deleted"
     * holds for every program that opens the file, not only for us. */
    "ALTER TABLE snapshot ADD COLUMN created REAL;"
    "ALTER TABLE snapshot ADD COLUMN updated REAL;"
    "CREATE TRIGGER snapshot_never_deleted BEFORE DELETE ON snapshot"
    " BEGIN SELECT RAISE(ABORT, 'salesgoal snapshots are never deleted'); END;"
    "PRAGMA user_version = 2;",
};

/* Rows holding the same values are not rewritten (the WHERE clause), so a
 * recalculation neither changes the file nor moves `updated`. */
static const char SQL_PUT[] =
    "INSERT INTO snapshot (plan, unit, as_of, target, actual, created, updated)"
    " VALUES (?1, ?2, ?3, ?4, ?5, (julianday('now') - 2440587.5) * 86400.0,"
    "         (julianday('now') - 2440587.5) * 86400.0)"
    " ON CONFLICT (plan, unit, as_of) DO UPDATE"
    " SET target = excluded.target, actual = excluded.actual, updated = excluded.updated"
    " WHERE target IS NOT excluded.target OR actual IS NOT excluded.actual";
static const char SQL_HISTORY[] =
    "SELECT as_of, target, actual FROM snapshot"
    " WHERE plan = ?1 AND unit = ?2 AND as_of >= ?3 AND as_of <= ?4 ORDER BY as_of";
static const char SQL_COUNT_ALL[] = "SELECT count(*) FROM snapshot";
static const char SQL_COUNT_UNIT[] =
    "SELECT count(*) FROM snapshot WHERE plan = ?1 AND unit = ?2";

struct sg_store {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *put, *history, *count_all, *count_unit, *begin, *commit, *rollback;
};

/* ------------------------------------------------------------ failures */

static int code_of(sqlite3 *db, int rc) {
  switch (rc & 0xff) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED: return SG_ESTORE_BUSY;
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB: return SG_ESTORE_CORRUPT;
  case SQLITE_FULL: return SG_ESTORE_FULL;
  case SQLITE_CANTOPEN:
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_AUTH: return SG_ESTORE_OPEN;
  case SQLITE_NOMEM: return SG_ENOMEM;
  case SQLITE_IOERR: {
    /* SQLite reports ENOSPC on a short write as SQLITE_FULL, but a quota
     * or file-size limit comes back as a plain write error. */
    int e = db ? sqlite3_system_errno(db) : 0;
    if (e == ENOSPC || e == EFBIG) return SG_ESTORE_FULL;
#ifdef EDQUOT
    if (e == EDQUOT) return SG_ESTORE_FULL;
#endif
    return SG_ESTORE_IO;
  }
  default: return SG_ESTORE_IO;
  }
}

/* Fill *err from the connection's last error; call before anything else
 * (a ROLLBACK) replaces SQLite's message. */
static int fail_db(sg_error *err, sqlite3 *db, int rc, const char *doing, const char *path) {
  const char *why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return sg_fail(err, code_of(db, rc), -1, -1, 0, 0, "%s %s: %s", doing, path, why);
}

static void rollback(sg_store *st) {
  if (sqlite3_get_autocommit(st->db)) return; /* SQLite already rolled back */
  if (st->rollback) {
    sqlite3_step(st->rollback);
    sqlite3_reset(st->rollback);
  } else {
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  }
}

/* Run a prepared statement that returns no rows. */
static int run(sqlite3_stmt *stmt) {
  int rc = sqlite3_step(stmt);
  sqlite3_reset(stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* ------------------------------------------------------------ open */

static int query_int(sqlite3 *db, const char *sql, sqlite3_int64 *out) {
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      *out = sqlite3_column_int64(stmt, 0);
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      *out = 0;
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(stmt);
  return rc;
}

typedef enum { FILE_EMPTY, FILE_OURS, FILE_FOREIGN } file_kind;

/* What the file is: empty (new, or zero bytes), ours at some version, or
 * somebody else's. Reading the header of a non-database fails with
 * SQLITE_NOTADB, which is how garbage files are caught. */
static int identify(sqlite3 *db, file_kind *kind, sqlite3_int64 *version) {
  sqlite3_int64 app = 0, objects = 0;
  /* The three reads must see one state of the file: read one by one, they
   * could straddle another process's schema setup and take its half-made
   * file (user_version set, application_id not yet seen) for a foreign one. */
  int own_txn = sqlite3_get_autocommit(db);
  int rc = own_txn ? sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) : SQLITE_OK;
  if (rc == SQLITE_OK) rc = query_int(db, "PRAGMA application_id", &app);
  if (rc == SQLITE_OK) rc = query_int(db, "PRAGMA user_version", version);
  if (rc == SQLITE_OK) rc = query_int(db, "SELECT count(*) FROM sqlite_master", &objects);
  if (own_txn && !sqlite3_get_autocommit(db)) {
    int end = sqlite3_exec(db, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = end;
  }
  if (rc != SQLITE_OK) return rc;
  if (app == STORE_APP_ID)
    *kind = FILE_OURS;
  else if (app == 0 && *version == 0 && objects == 0)
    *kind = FILE_EMPTY;
  else
    *kind = FILE_FOREIGN;
  return SQLITE_OK;
}

static int check_kind(sg_store *st, file_kind kind, sqlite3_int64 version, sg_error *err) {
  if (kind == FILE_FOREIGN)
    return sg_fail(err, SG_ESTORE_FOREIGN, -1, -1, 0, 0,
                   "%s is a SQLite database of another program; it was left untouched",
                   st->path);
  if (version > SG_STORE_SCHEMA_VERSION)
    return sg_fail(err, SG_ESTORE_NEWER, -1, -1, (double)version, SG_STORE_SCHEMA_VERSION,
                   "%s has schema version %lld, this salesgoal knows up to %d", st->path,
                   (long long)version, SG_STORE_SCHEMA_VERSION);
  return SG_OK;
}

/* Create or migrate under the write lock, deciding again from what the
 * file holds now: another process may have done it since we looked. */
static int setup_schema(sg_store *st, sg_error *err) {
  int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK) return fail_db(err, st->db, rc, "cannot lock", st->path);
  file_kind kind;
  sqlite3_int64 version = 0;
  rc = identify(st->db, &kind, &version);
  if (rc != SQLITE_OK) {
    int code = fail_db(err, st->db, rc, "cannot read", st->path);
    rollback(st);
    return code;
  }
  int checked = check_kind(st, kind, version, err);
  if (checked != SG_OK) {
    rollback(st);
    return checked;
  }
  if (kind == FILE_EMPTY)
    rc = sqlite3_exec(st->db, "PRAGMA application_id = " STR(STORE_APP_ID), NULL, NULL, NULL);
  for (sqlite3_int64 v = version; rc == SQLITE_OK && v < SG_STORE_SCHEMA_VERSION; v++)
    rc = sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    int code = fail_db(err, st->db, rc, "cannot set up the schema of", st->path);
    rollback(st);
    return code;
  }
  return SG_OK;
}

/* Switching a new file to WAL needs it to itself, and SQLite answers
 * SQLITE_BUSY at once there instead of calling the busy handler; two
 * processes creating the store together would collide. So retry for as
 * long as a writer would wait. A file already in WAL answers at once. */
static int enable_wal(sqlite3 *db) {
  for (int waited = 0;; waited += 10) {
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &q, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return SQLITE_OK;
    int busy = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
    if (!busy || waited >= SG_STORE_BUSY_MS) return rc;
    sqlite3_sleep(10);
  }
}

static int prepare(sg_store *st, const char *sql, sqlite3_stmt **stmt) {
  return sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
}

int sg_store_open(const char *path, sg_store **out, sg_error *err) {
  *out = NULL;
  if (!path || !path[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no path given for the snapshot store");
  sg_store *st = calloc(1, sizeof *st);
  if (!st || !(st->path = strdup(path))) {
    free(st);
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  }
  int code = SG_OK;
  int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK) {
    code = fail_db(err, st->db, rc, "cannot open", path);
    goto fail;
  }
  sqlite3_extended_result_codes(st->db, 1);
  sqlite3_busy_timeout(st->db, SG_STORE_BUSY_MS);

  /* Identify before anything writes: switching a foreign file to WAL
   * would already modify it. */
  file_kind kind;
  sqlite3_int64 version = 0;
  rc = identify(st->db, &kind, &version);
  if (rc != SQLITE_OK) {
    code = fail_db(err, st->db, rc, "cannot read", path);
    goto fail;
  }
  if ((code = check_kind(st, kind, version, err)) != SG_OK) goto fail;

  /* WAL: readers never block the writer and a torn write is an ignored
   * WAL tail. The mode is persistent, so this is a no-op after the first
   * open. synchronous=FULL makes a returned write durable. */
  rc = enable_wal(st->db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    code = fail_db(err, st->db, rc, "cannot prepare", path);
    goto fail;
  }
  if (kind == FILE_EMPTY || version < SG_STORE_SCHEMA_VERSION) {
    if ((code = setup_schema(st, err)) != SG_OK) goto fail;
  }
  if ((rc = prepare(st, SQL_PUT, &st->put)) != SQLITE_OK ||
      (rc = prepare(st, SQL_HISTORY, &st->history)) != SQLITE_OK ||
      (rc = prepare(st, SQL_COUNT_ALL, &st->count_all)) != SQLITE_OK ||
      (rc = prepare(st, SQL_COUNT_UNIT, &st->count_unit)) != SQLITE_OK ||
      (rc = prepare(st, "BEGIN IMMEDIATE", &st->begin)) != SQLITE_OK ||
      (rc = prepare(st, "COMMIT", &st->commit)) != SQLITE_OK ||
      (rc = prepare(st, "ROLLBACK", &st->rollback)) != SQLITE_OK) {
    code = fail_db(err, st->db, rc, "cannot read the schema of", path);
    goto fail;
  }
  *out = st;
  return sg_ok(err);
fail:
  sg_store_close(st);
  return code;
}

void sg_store_close(sg_store *st) {
  if (!st) return;
  sqlite3_stmt *stmts[] = {st->put,   st->history, st->count_all, st->count_unit,
                           st->begin, st->commit,  st->rollback};
  for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++) sqlite3_finalize(stmts[i]);
  sqlite3_close_v2(st->db); /* accepts NULL */
  free(st->path);
  free(st);
}

void sg_store_free(void *p) { free(p); }

/* For store_admin.c (store_private.h). */
sqlite3 *sg_store_db(sg_store *st) { return st->db; }
const char *sg_store_file(sg_store *st) { return st->path; }
int sg_store_fail(sg_store *st, int rc, const char *doing, sg_error *err) {
  return fail_db(err, st->db, rc, doing, st->path);
}

/* ------------------------------------------------------------ write */

static int check_row(const sg_snapshot_row *r, size_t i, sg_error *err) {
  long at = (long)i;
  if (!r->plan || !r->plan[0])
    return sg_fail(err, SG_EINVAL, SG_SNAPSHOT_ARG_PLAN, at, 0, 0, "row %zu has no plan", i + 1);
  if (!r->unit || !r->unit[0])
    return sg_fail(err, SG_EINVAL, SG_SNAPSHOT_ARG_UNIT, at, 0, 0, "row %zu has no unit", i + 1);
  if (!isfinite(r->as_of))
    return sg_fail(err, SG_ENONFINITE, SG_SNAPSHOT_ARG_AS_OF, at, r->as_of, 0,
                   "the date of row %zu is not a finite number", i + 1);
  if (fabs(r->as_of) > SG_STORE_MAX_DAY || r->as_of != floor(r->as_of))
    return sg_fail(err, SG_ERANGE, SG_SNAPSHOT_ARG_AS_OF, at, r->as_of, SG_STORE_MAX_DAY,
                   "the date %g of row %zu is not a whole day serial within +-%g", r->as_of,
                   i + 1, SG_STORE_MAX_DAY);
  if (!isfinite(r->target))
    return sg_fail(err, SG_ENONFINITE, SG_SNAPSHOT_ARG_TARGET, at, r->target, 0,
                   "the target of row %zu is not a finite number", i + 1);
  if (!isfinite(r->actual))
    return sg_fail(err, SG_ENONFINITE, SG_SNAPSHOT_ARG_ACTUAL, at, r->actual, 0,
                   "the actual of row %zu is not a finite number", i + 1);
  return SG_OK;
}

int sg_store_put(sg_store *st, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                 sg_error *err) {
  if (nwritten) *nwritten = 0;
  for (size_t i = 0; i < n; i++) {
    int code = check_row(&rows[i], i, err);
    if (code != SG_OK) return code;
  }
  int rc = run(st->begin);
  if (rc != SQLITE_OK) return fail_db(err, st->db, rc, "cannot write to", st->path);
  size_t written = 0;
  for (size_t i = 0; i < n; i++) {
    const sg_snapshot_row *r = &rows[i];
    sqlite3_bind_text(st->put, 1, r->plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(st->put, 2, r->unit, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st->put, 3, (sqlite3_int64)r->as_of);
    sqlite3_bind_double(st->put, 4, r->target);
    sqlite3_bind_double(st->put, 5, r->actual);
    rc = sqlite3_step(st->put);
    if (rc != SQLITE_DONE) {
      int code = fail_db(err, st->db, rc, "cannot write to", st->path);
      sqlite3_reset(st->put);
      sqlite3_clear_bindings(st->put);
      rollback(st);
      return code;
    }
    written += (size_t)sqlite3_changes(st->db);
    sqlite3_reset(st->put);
  }
  sqlite3_clear_bindings(st->put); /* the texts belong to the caller */
  rc = sqlite3_step(st->commit);
  if (rc != SQLITE_DONE) {
    int code = fail_db(err, st->db, rc, "cannot commit to", st->path);
    sqlite3_reset(st->commit);
    rollback(st);
    return code;
  }
  sqlite3_reset(st->commit);
  if (nwritten) *nwritten = written;
  return sg_ok(err);
}

/* ------------------------------------------------------------ read */

int sg_store_history(sg_store *st, const char *plan, const char *unit, double from, double to,
                     sg_snapshot **rows, size_t *n, sg_error *err) {
  *rows = NULL;
  *n = 0;
  if (!plan || !unit) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and unit are needed");
  if (isnan(from) || isnan(to))
    return sg_fail(err, SG_ENONFINITE, -1, -1, 0, 0, "a date bound is not a number");
  /* Clamp so an infinite bound binds as an ordinary number. */
  from = fmax(from, -2 * SG_STORE_MAX_DAY);
  to = fmin(to, 2 * SG_STORE_MAX_DAY);
  sqlite3_stmt *q = st->history;
  sqlite3_bind_text(q, 1, plan, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, unit, -1, SQLITE_STATIC);
  sqlite3_bind_double(q, 3, from);
  sqlite3_bind_double(q, 4, to);
  sg_snapshot *out = NULL;
  size_t count = 0, cap = 0;
  int rc, code = SG_OK;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    if (count == cap) {
      size_t ncap = cap ? 2 * cap : 64;
      sg_snapshot *grown = realloc(out, ncap * sizeof *grown);
      if (!grown) {
        code = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory reading the history");
        break;
      }
      out = grown;
      cap = ncap;
    }
    out[count].as_of = (double)sqlite3_column_int64(q, 0);
    out[count].target = sqlite3_column_double(q, 1);
    out[count].actual = sqlite3_column_double(q, 2);
    count++;
  }
  if (code == SG_OK && rc != SQLITE_DONE)
    code = fail_db(err, st->db, rc, "cannot read", st->path);
  /* Reset ends the read transaction, so checkpoints are not held back. */
  sqlite3_reset(q);
  sqlite3_clear_bindings(q);
  if (code != SG_OK) {
    free(out);
    return code;
  }
  *rows = out;
  *n = count;
  return sg_ok(err);
}

int sg_store_count(sg_store *st, const char *plan, const char *unit, size_t *n, sg_error *err) {
  *n = 0;
  if (!plan != !unit)
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "give both plan and unit, or neither");
  sqlite3_stmt *q = plan ? st->count_unit : st->count_all;
  if (plan) {
    sqlite3_bind_text(q, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, unit, -1, SQLITE_STATIC);
  }
  int rc = sqlite3_step(q);
  int code = SG_OK;
  if (rc == SQLITE_ROW)
    *n = (size_t)sqlite3_column_int64(q, 0);
  else
    code = fail_db(err, st->db, rc, "cannot read", st->path);
  sqlite3_reset(q);
  sqlite3_clear_bindings(q);
  return code == SG_OK ? sg_ok(err) : code;
}
