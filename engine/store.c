/*
 * store.c — the snapshot store: one SQLite file, versioned schema, WAL;
 * opening it and guarding the connection against the file changing under it.
 *
 * Persistence lives here and in store_data.c and nowhere else in the engine;
 * the math (trend.c) never sees a database. Rules that make the file safe:
 *   - every write is BEGIN IMMEDIATE ... COMMIT, so a second writer waits
 *     in SQLite's busy handler (SG_STORE_BUSY_MS) instead of failing half
 *     way, and a killed writer leaves only an uncommitted WAL tail, which
 *     SQLite ignores;
 *   - synchronous=FULL: a write that returned SG_OK survives a crash;
 *   - a file is modified only after it is known to be empty or ours
 *     (application_id) and undamaged (quick_check), so another program's
 *     database or a damaged file is never touched;
 *   - after every write the WAL is checkpointed into the file, and truncated
 *     once it passes SG_STORE_WAL_TRUNCATE_BYTES (it cannot grow without
 *     bound, as it did after killed writers);
 *   - before every transaction the file at the path is compared with the
 *     one we verified (device, inode). A restored backup or a sync tool's
 *     rename makes us close the old
 *     connection without checkpointing (its WAL must never meet the new
 *     file) and open, identify and check the new file like a first open;
 *   - a backup copied over the open file keeps its inode: when the file's
 *     bytes changed since we last looked, its own identity (store_file_id.c)
 *     tells another writer's checkpoint (same id, generation not older)
 *     from a copy (another id, an older generation, or none), and a copy is
 *     handled like a swap, its WAL set aside first.
 */
#define _DEFAULT_SOURCE /* flock */
#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* "SGOL" (0x53474f4c) in the header's application_id field marks our files. */
#define STORE_APP_ID 1397182284
#define STR_(x) #x
#define STR(x) STR_(x)
#define NOW_UNIX "((julianday('now') - 2440587.5) * 86400.0)"

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
    /* 2 -> 3: no value is ever destroyed: an update that changes a value
     * first copies the old one into snapshot_revision (by trigger, so it
     * holds for every program), and revisions are never changed or deleted.
     * plan_access binds each plan to the document that created it (owner)
     * and to the documents the user granted it to. */
    "CREATE TABLE snapshot_revision ("
    " plan TEXT NOT NULL, unit TEXT NOT NULL, as_of INTEGER NOT NULL,"
    " target REAL NOT NULL, actual REAL NOT NULL,"
    " written REAL, replaced REAL NOT NULL);"
    "CREATE INDEX snapshot_revision_key ON snapshot_revision (plan, unit, as_of);"
    "CREATE TRIGGER snapshot_keeps_revision BEFORE UPDATE OF target, actual ON snapshot"
    " WHEN OLD.target IS NOT NEW.target OR OLD.actual IS NOT NEW.actual"
    " BEGIN INSERT INTO snapshot_revision VALUES (OLD.plan, OLD.unit, OLD.as_of, OLD.target,"
    "  OLD.actual, coalesce(OLD.updated, OLD.created), " NOW_UNIX "); END;"
    "CREATE TRIGGER snapshot_revision_never_deleted BEFORE DELETE ON snapshot_revision"
    " BEGIN SELECT RAISE(ABORT, 'salesgoal revisions are never deleted'); END;"
    "CREATE TRIGGER snapshot_revision_never_changed BEFORE UPDATE ON snapshot_revision"
    " BEGIN SELECT RAISE(ABORT, 'salesgoal revisions are never changed'); END;"
    "CREATE TABLE plan_access ("
    " plan TEXT NOT NULL, document TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('owner', 'granted')), since REAL NOT NULL,"
    " PRIMARY KEY (plan, document));"
    "CREATE UNIQUE INDEX plan_access_one_owner ON plan_access (plan) WHERE role = 'owner';"
    "PRAGMA user_version = 3;",
};

/* Rows holding the same values are not rewritten (the WHERE clause), so a
 * recalculation neither changes the file nor moves `updated`. */
static const char SQL_PUT[] =
    "INSERT INTO snapshot (plan, unit, as_of, target, actual, created, updated)"
    " VALUES (?1, ?2, ?3, ?4, ?5, " NOW_UNIX ", " NOW_UNIX ")"
    " ON CONFLICT (plan, unit, as_of) DO UPDATE"
    " SET target = excluded.target, actual = excluded.actual, updated = excluded.updated"
    " WHERE target IS NOT excluded.target OR actual IS NOT excluded.actual";
static const char SQL_HISTORY[] =
    "SELECT as_of, target, actual FROM snapshot"
    " WHERE plan = ?1 AND unit = ?2 AND as_of >= ?3 AND as_of <= ?4 ORDER BY as_of";
static const char SQL_COUNT_ALL[] = "SELECT count(*) FROM snapshot";
static const char SQL_COUNT_UNIT[] =
    "SELECT count(*) FROM snapshot WHERE plan = ?1 AND unit = ?2";
/* Every value ever stored: the replaced ones, then the current one. */
static const char SQL_REVISIONS[] =
    "SELECT as_of, target, actual, written, replaced FROM ("
    " SELECT as_of, target, actual, written, replaced FROM snapshot_revision"
    " WHERE plan = ?1 AND unit = ?2"
    " UNION ALL SELECT as_of, target, actual, coalesce(updated, created) AS written,"
    " NULL AS replaced FROM snapshot WHERE plan = ?1 AND unit = ?2)"
    " ORDER BY as_of, replaced IS NULL, replaced, written";
static const char SQL_ACCESS_GET[] =
    "SELECT role FROM plan_access WHERE plan = ?1 AND document = ?2";
static const char SQL_ACCESS_OWNER[] =
    "SELECT document FROM plan_access WHERE plan = ?1 AND role = 'owner'";
static const char SQL_ACCESS_ADD[] =
    "INSERT OR IGNORE INTO plan_access (plan, document, role, since)"
    " VALUES (?1, ?2, ?3, " NOW_UNIX ")";

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

/* Call before anything else (a ROLLBACK) replaces SQLite's message. */
int store_fail_db(sg_error *err, sqlite_store *st, int rc, const char *doing) {
  const char *why = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
  return sg_fail(err, code_of(st->db, rc), -1, -1, 0, 0, "%s %s: %s", doing, st->path, why);
}

void store_rollback(sqlite_store *st) {
  if (!st->db || sqlite3_get_autocommit(st->db)) return; /* SQLite already rolled back */
  if (st->rollback) {
    sqlite3_step(st->rollback);
    sqlite3_reset(st->rollback);
  } else {
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  }
}

int store_run(sqlite3_stmt *stmt) {
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

static int check_kind(sqlite_store *st, file_kind kind, sqlite3_int64 version, sg_error *err) {
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

/* PRAGMA quick_check: every page and index is well formed (not that the
 * rows make sense). A damaged file is refused before anything writes. */
static int check_intact(sqlite_store *st, sg_error *err) {
  sqlite3_stmt *q = NULL;
  int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &q, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    const char *verdict = (const char *)sqlite3_column_text(q, 0);
    int ok = verdict && strcmp(verdict, "ok") == 0;
    int code = ok ? SG_OK
                  : sg_fail(err, SG_ESTORE_CORRUPT, -1, -1, 0, 0,
                            "%s is damaged (%.120s); it was left untouched", st->path,
                            verdict ? verdict : "?");
    sqlite3_finalize(q);
    return code;
  }
  int code = store_fail_db(err, st, rc, "cannot check");
  sqlite3_finalize(q);
  return code;
}

/* Create or migrate under the write lock, deciding again from what the
 * file holds now: another process may have done it since we looked. */
static int setup_schema(sqlite_store *st, sg_error *err) {
  int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK) return store_fail_db(err, st, rc, "cannot lock");
  store_note_owner(st);
  file_kind kind;
  sqlite3_int64 version = 0;
  rc = identify(st->db, &kind, &version);
  if (rc != SQLITE_OK) {
    int code = store_fail_db(err, st, rc, "cannot read");
    store_rollback(st);
    return code;
  }
  int checked = check_kind(st, kind, version, err);
  if (checked != SG_OK) {
    store_rollback(st);
    return checked;
  }
  if (kind == FILE_EMPTY)
    rc = sqlite3_exec(st->db, "PRAGMA application_id = " STR(STORE_APP_ID), NULL, NULL, NULL);
  for (sqlite3_int64 v = version; rc == SQLITE_OK && v < SG_STORE_SCHEMA_VERSION; v++)
    rc = sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL);
  /* The file's identity (store_file_id.c) in the same transaction. */
  if (rc == SQLITE_OK) rc = sqlite3_exec(st->db, STORE_FILE_ID_SQL, NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    int code = store_fail_db(err, st, rc, "cannot set up the schema of");
    store_rollback(st);
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

static int prepare(sqlite_store *st, const char *sql, sqlite3_stmt **stmt) {
  return sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
}

/* What is at the path now; 0 when it cannot be seen (missing). */

static int file_seen(const char *path, struct stat *sb) { return stat(path, sb) == 0; }

/* Is the file the connection has open no longer the one at the path
 * (SQLite compares its descriptor's inode with the path's)? */
static int connection_moved(sqlite_store *st) {
  int moved = 0;
  if (st->db && sqlite3_file_control(st->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
    return 1;
  return moved;
}

/* Record the file at the path as the one we verified, but only when it is
 * the one the connection has open: a swap during connect() would otherwise
 * make us take the new file for the one we checked. */
static void note_file(sqlite_store *st) {
  struct stat sb;
  st->dev = 0;
  st->ino = 0; /* unknown: the next guard reconnects */
  if (!file_seen(st->path, &sb) || connection_moved(st)) return;
  st->dev = sb.st_dev;
  st->ino = sb.st_ino;
  st->size = sb.st_size;
  st->mtime_ns = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
  st->ctime_ns = (long long)sb.st_ctim.tv_sec * 1000000000LL + sb.st_ctim.tv_nsec;
}

/* Another file at the path (device and inode; SQLite's own check too), or
 * other content in ours (store_content_changed). */
static int file_changed(sqlite_store *st) {
  struct stat sb;
  if (!file_seen(st->path, &sb) || connection_moved(st)) return STORE_FILE_SWAPPED;
  if (sb.st_dev != st->dev || sb.st_ino != st->ino) return STORE_FILE_SWAPPED;
  return st->file_id[0] ? store_content_changed(st, &sb) : STORE_FILE_SAME;
}

/* One process at a time judges the side files and records whose WAL it is:
 * else one judging by the old record could set aside the WAL another has
 * just begun for the new file. The directory's lock, since the side files
 * are renamed. -1: no lock, go on. */
static int lock_side_files(const char *path) {
  char dir[4096];
  const char *slash = strrchr(path, '/');
  size_t n = slash ? (size_t)(slash - path) : 0;
  if (n >= sizeof dir) return -1;
  memcpy(dir, path, n);
  dir[n] = '\0';
  int fd = open(n ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
    close(fd);
    fd = -1;
  }
  return fd;
}

/* Record whose WAL it is only while the file at the path is still ours:
 * a process still connected to a replaced file would write it back into
 * the record, and the next open set aside the new file's WAL as its. */
static void note_owner_locked(sqlite_store *st) {
  int lock = lock_side_files(st->path);
  struct stat sb;
  if (file_seen(st->path, &sb) && sb.st_dev == st->dev && sb.st_ino == st->ino && !connection_moved(st))
    store_note_owner(st);
  if (lock >= 0) close(lock);
}

/* Close the connection. trust_file = 0 when the file at the path may not
 * be ours any more: then nothing is checkpointed or deleted on the way out,
 * so the old WAL is never applied to, nor the -wal/-shm files taken from,
 * whatever sits at the path now. */
static void disconnect(sqlite_store *st, int trust_file) {
  sqlite3_stmt **stmts[] = {&st->put,      &st->history,    &st->count_all,    &st->count_unit,
                            &st->begin,    &st->commit,     &st->rollback,     &st->revisions,
                            &st->access_get, &st->access_owner, &st->access_add};
  for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
    sqlite3_finalize(*stmts[i]);
    *stmts[i] = NULL;
  }
  if (st->db && !trust_file) {
    int on = 1;
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &on);
    sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
  }
  sqlite3_close_v2(st->db); /* accepts NULL */
  st->db = NULL;
}

/* A file from before identities gets one (store_file_id.c), once. */
static int ensure_identity(sqlite_store *st, sg_error *err) {
  sqlite3_int64 has = 0;
  int rc = query_int(st->db, "SELECT count(*) FROM sqlite_master WHERE name = 'store_file_revoke'", &has);
  if (rc == SQLITE_OK && has) return SG_OK;
  if (rc == SQLITE_OK) rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK) {
    note_owner_locked(st);
    rc = sqlite3_exec(st->db, STORE_FILE_ID_SQL, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
  }
  if (rc == SQLITE_OK) return SG_OK;
  int code = store_fail_db(err, st, rc, "cannot set up the identity of");
  store_rollback(st);
  return code;
}

/* Open the file at the path and read it once (identify), under the
 * side-file lock from judging its WAL (store_quarantine_side) until that
 * read has opened the WAL and its index. A file replaced meanwhile would
 * pair with the WAL judged for the other: then start over. SQLite's code,
 * or -1 after too many replacements in a row. */
static int open_judged(sqlite_store *st, file_kind *kind, sqlite3_int64 *version, int *opened) {
  int rc = -1;
  for (int attempt = 0; attempt < 8 && rc == -1; attempt++) {
    int lock = lock_side_files(st->path);
    struct stat judged;
    ino_t judged_ino = file_seen(st->path, &judged) ? judged.st_ino : 0; /* 0: to be created */
    store_quarantine_side(st, "-wal");
    store_quarantine_side(st, "-journal");
    rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    *opened = rc == SQLITE_OK;
    if (rc == SQLITE_OK) {
      sqlite3_extended_result_codes(st->db, 1);
      sqlite3_busy_timeout(st->db, SG_STORE_BUSY_MS);
      note_file(st);
      if (!judged_ino || st->ino == judged_ino) {
        /* The record names this file's content, not the one before:
         * copies share the store's id, and the old file's generation would
         * make the next open set this file's WAL aside as newer content's. */
        st->file_id[0] = '\0';
        st->file_gen = 0;
        store_note_content(st);
        store_note_owner(st); /* switching a new file to WAL below already writes (a journal) */
        /* before anything writes: switching a foreign file to WAL would modify it */
        rc = identify(st->db, kind, version);
        note_file(st);
      }
      if (judged_ino && st->ino != judged_ino) {
        disconnect(st, 0);
        rc = -1;
      }
    }
    if (lock >= 0) close(lock);
  }
  return rc;
}

/* Open the file at st->path, identify and check it, set up the schema and
 * the statements. On failure the connection is closed again. */
static int connect(sqlite_store *st, sg_error *err) {
  int code = SG_OK;
  file_kind kind;
  sqlite3_int64 version = 0;
  int opened = 0;
  int rc = open_judged(st, &kind, &version, &opened);
  if (rc == -1) {
    code = sg_fail(err, SG_ESTORE_IO, -1, -1, 0, 0,
                   "%s kept being replaced while it was being opened; try again", st->path);
    goto fail;
  }
  if (rc != SQLITE_OK) {
    code = store_fail_db(err, st, rc, opened ? "cannot read" : "cannot open");
    goto fail;
  }
  if ((code = check_kind(st, kind, version, err)) != SG_OK) goto fail;
  if (kind == FILE_OURS && (code = check_intact(st, err)) != SG_OK) goto fail;

  /* WAL: readers never block the writer and a torn write is an ignored
   * WAL tail. The mode is persistent, so this is a no-op after the first
   * open. synchronous=FULL makes a returned write durable. */
  rc = enable_wal(st->db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    code = store_fail_db(err, st, rc, "cannot prepare");
    goto fail;
  }
  if (kind == FILE_EMPTY || version < SG_STORE_SCHEMA_VERSION) {
    if ((code = setup_schema(st, err)) != SG_OK) goto fail;
  }
  if ((rc = prepare(st, SQL_PUT, &st->put)) != SQLITE_OK ||
      (rc = prepare(st, SQL_HISTORY, &st->history)) != SQLITE_OK ||
      (rc = prepare(st, SQL_COUNT_ALL, &st->count_all)) != SQLITE_OK ||
      (rc = prepare(st, SQL_COUNT_UNIT, &st->count_unit)) != SQLITE_OK ||
      (rc = prepare(st, SQL_REVISIONS, &st->revisions)) != SQLITE_OK ||
      (rc = prepare(st, SQL_ACCESS_GET, &st->access_get)) != SQLITE_OK ||
      (rc = prepare(st, SQL_ACCESS_OWNER, &st->access_owner)) != SQLITE_OK ||
      (rc = prepare(st, SQL_ACCESS_ADD, &st->access_add)) != SQLITE_OK ||
      (rc = prepare(st, "BEGIN IMMEDIATE", &st->begin)) != SQLITE_OK ||
      (rc = prepare(st, "COMMIT", &st->commit)) != SQLITE_OK ||
      (rc = prepare(st, "ROLLBACK", &st->rollback)) != SQLITE_OK) {
    code = store_fail_db(err, st, rc, "cannot read the schema of");
    goto fail;
  }
  if ((code = ensure_identity(st, err)) != SG_OK) goto fail;
  note_file(st);
  st->file_id[0] = '\0';
  st->file_gen = 0;
  store_note_content(st);
  if (!st->file_id[0]) {
    /* A new schema or identity is only in the WAL yet: copy it into the
     * file, whose own bytes store_note_content reads. */
    sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    note_file(st);
    store_note_content(st);
  }
  return SG_OK;
fail:
  disconnect(st, 0);
  return code;
}

int sqlite_store_open(const char *path, sqlite_store **out, sg_error *err) {
  *out = NULL;
  if (!path || !path[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no path given for the snapshot store");
  /* ":memory:", "" (a temporary file) and relative paths would be accepted
   * by SQLite and lose every write, or land wherever the process happens to
   * run: only an absolute file path names a store that lasts. */
  if (path[0] != '/')
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0,
                   "the snapshot store must be an absolute file path, not \"%.200s\"", path);
  sqlite_store *st = calloc(1, sizeof *st);
  if (!st || !(st->path = strdup(path))) {
    free(st);
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  }
  int code = connect(st, err);
  if (code != SG_OK) {
    sqlite_store_close(st);
    return code;
  }
  *out = st;
  return sg_ok(err);
}

void sqlite_store_close(sqlite_store *st) {
  if (!st) return;
  /* A file replaced under us is not ours to checkpoint into. */
  disconnect(st, st->db && !file_changed(st));
  free(st->path);
  free(st);
}

/* ------------------------------------------------------------ guard */

/* Reconnect after file_changed said how: a copy over the file leaves a
 * WAL written on the old content, so it is set aside before SQLite could
 * apply it to the copy. */
static int reconnect(sqlite_store *st, int changed, sg_error *err) {
  disconnect(st, 0);
  if (changed == STORE_FILE_OVERWRITTEN) {
    char wal[4096];
    struct stat sb;
    if (store_side_name(wal, sizeof wal, st->path, "-wal") && stat(wal, &sb) == 0 && sb.st_size > 0)
      store_set_aside(wal, (unsigned long long)st->ino);
  }
  return connect(st, err);
}

int store_guard(sqlite_store *st, sg_error *err) {
  int changed = st->db ? file_changed(st) : STORE_FILE_SWAPPED;
  return changed == STORE_FILE_SAME ? SG_OK : reconnect(st, changed, err);
}

int store_begin(sqlite_store *st, sg_error *err) {
  int code = store_guard(st, err);
  if (code != SG_OK) return code;
  int rc = store_run(st->begin);
  if (rc != SQLITE_OK) return store_fail_db(err, st, rc, "cannot write to");
  /* The file may have been swapped between the look and the lock. */
  int changed = file_changed(st);
  if (changed != STORE_FILE_SAME) {
    store_rollback(st);
    if ((code = reconnect(st, changed, err)) != SG_OK) return code;
    rc = store_run(st->begin);
    if (rc != SQLITE_OK) return store_fail_db(err, st, rc, "cannot write to");
  }
  note_owner_locked(st);
  return SG_OK;
}

int store_after_write(sqlite_store *st, sg_error *err) {
  /* A copy put over the file (or a swap) while our transaction ran: its
   * frames belong to the old content, and checkpointing them would write
   * them into the copy. They are set aside with the WAL instead, and the
   * write is reported as not done. */
  int changed = file_changed(st);
  if (changed != STORE_FILE_SAME) {
    sg_error ignored;
    reconnect(st, changed, &ignored);
    return sg_fail(err, SG_ESTORE_IO, -1, -1, 0, 0,
                   "%s was replaced while this write ran; the write was set aside (%s-wal-orphan-...), "
                   "not kept: write it again",
                   st->path, st->path);
  }
  /* Copy the frames into the file at once without blocking anybody
   * (PASSIVE), so the WAL never holds the only copy of a row for long;
   * truncate it (which blocks other writers while it syncs, so not at
   * every write: concurrent writers would wait seconds) once it passes
   * SG_STORE_WAL_TRUNCATE_BYTES. A checkpoint held back by a reader of
   * another process is retried after the next write. */
  sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  char wal[4096];
  struct stat sb;
  if (store_side_name(wal, sizeof wal, st->path, "-wal") && stat(wal, &sb) == 0 &&
      sb.st_size > SG_STORE_WAL_TRUNCATE_BYTES) {
    sqlite3_busy_timeout(st->db, 200);
    sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    sqlite3_busy_timeout(st->db, SG_STORE_BUSY_MS);
  }
  note_file(st);
  store_note_content(st);
  return SG_OK;
}
