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
#include <sys/stat.h>
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
  long long mtime_ns, ctime_ns;
  /* The content the file holds in its own bytes (store_file_id.c): its id
   * and the generation it held when we last looked (it never goes back);
   * "" / 0 until known. A copy over the file shows as another id or an
   * older generation. */
  char file_id[40];
  long long file_gen;
  /* The file named in <path>-sgfile (see store.c, quarantine_side): 0 until
   * this connection wrote it. */
  dev_t owner_dev;
  ino_t owner_ino;
  char owner_id[40];
  long long owner_gen;
  sqlite3_stmt *put, *history, *count_all, *count_unit, *begin, *commit, *rollback;
  sqlite3_stmt *revisions, *access_get, *access_owner, *access_add;
} sqlite_store;

/* The file's own identity (store_file_id.c): set it up in a file without
 * one (SQL for a write transaction), and read it from the file's bytes
 * (the WAL not applied): 1 with id and generation, 0 when the file holds
 * none (another program's, or a copy from before identities), -1 when it
 * cannot be read just now. */
extern const char STORE_FILE_ID_SQL[];
int store_file_identity(const char *path, char *id, size_t size, long long *gen);

/* What the file at the path is, against what we verified. */
enum { STORE_FILE_SAME = 0, STORE_FILE_SWAPPED = 1, STORE_FILE_OVERWRITTEN = 2 };
/* Same inode, its bytes changed since we last looked (sb: the path's
 * stat): another writer's checkpoint (STORE_FILE_SAME, and noted), a copy
 * over the file (STORE_FILE_OVERWRITTEN), or unreadable just now
 * (STORE_FILE_SWAPPED: reconnecting decides). */
int store_content_changed(sqlite_store *st, const struct stat *sb);
/* Note the identity the file's bytes hold now (after note_file). */
void store_note_content(sqlite_store *st);

/* <path><suffix> into buf; 0 when it does not fit. */
int store_side_name(char *buf, size_t size, const char *path, const char *suffix);
/* Record in <path>-sgfile which file and content the WAL's next frames
 * belong to (before a transaction can write them). */
void store_note_owner(sqlite_store *st);
/* Before SQLite opens the file: set aside a WAL (suffix "-wal") or hot
 * journal ("-journal") recorded for another file or other content. */
void store_quarantine_side(const sqlite_store *st, const char *suffix);
/* Move side file name to <name>-orphan-<ino>-<time> (kept, never applied). */
void store_set_aside(const char *name, unsigned long long ino);

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
/* After a committed write: checkpoint and truncate the WAL, note the file.
 * SG_OK, or SG_ESTORE_IO when the file was replaced while the transaction
 * ran (a copy put over it): then its frames were set aside with the WAL,
 * never checkpointed into the copy, and the write counts as not done. */
int store_after_write(sqlite_store *st, sg_error *err);

#endif
