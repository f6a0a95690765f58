/*
 * store_internal.h — the SQLite backend's connection, shared by the store's
 * own files (store.c: opening and guarding the file; store_data.c: rows,
 * revisions, access) and by admin code (command-line tools) that adds
 * queries of its own. Private to engine/.
 *
 * Rules every file that touches st->db follows:
 *   - start each transaction with store_begin() (or store_guard() before a
 *     read): it notices a database file replaced under us and reconnects;
 *   - only constant, prepared SQL; cell text is always a bound parameter;
 *   - after a write, store_after_write() checkpoints and truncates the WAL.
 */
#ifndef SG_STORE_INTERNAL_H
#define SG_STORE_INTERNAL_H

#include "internal.h"
#include "store_backend.h"

#include <sqlite3.h>
#include <sys/types.h>

typedef struct sqlite_store {
  sqlite3 *db;        /* NULL after a failed reconnect: the next call retries */
  char *path;
  /* The file we verified (quick_check, application_id) and last saw: a
   * different inode, size or modification time at the path means somebody
   * else replaced or rewrote it. */
  dev_t dev;
  ino_t ino;
  off_t size;
  long long mtime_ns;
  /* The file named in <path>-sgfile (see store.c, quarantine_side): 0 until
   * this connection wrote it. */
  dev_t owner_dev;
  ino_t owner_ino;
  sqlite3_stmt *put, *history, *count_all, *count_unit, *begin, *commit, *rollback;
  sqlite3_stmt *revisions, *access_get, *access_owner, *access_add;
} sqlite_store;

/* Fill *err from the connection's last error ("<doing> <path>: <why>"). */
int store_fail_db(sg_error *err, sqlite_store *st, int rc, const char *doing);
/* ROLLBACK if a transaction is open. */
void store_rollback(sqlite_store *st);
/* Run a prepared statement that returns no rows; resets it. */
int store_run(sqlite3_stmt *stmt);

/* Before a read: reconnect when the file at the path is not the one we
 * verified. SG_OK or the reason the file at the path cannot be used. */
int store_guard(sqlite_store *st, sg_error *err);
/* store_guard, then BEGIN IMMEDIATE. */
int store_begin(sqlite_store *st, sg_error *err);
/* After a committed write: checkpoint and truncate the WAL, note the file. */
void store_after_write(sqlite_store *st);

#endif
