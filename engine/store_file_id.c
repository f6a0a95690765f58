/*
 * store_file_id.c — which content the SQLite store's file holds, read from
 * the file's own bytes.
 *
 * Device and inode tell a file renamed into place from ours, but a backup
 * copied OVER the open file (`cp backup.sqlite snapshots.sqlite`) keeps the
 * inode, and in WAL mode SQLite bumps no change counter it could show. So
 * every store file carries its own identity in table store_file: a random
 * id, given when the file is set up, and a generation that triggers in the
 * file raise at every change of its rows (by any program). Read through
 * SQLite's immutable mode — no locks, the WAL not applied — it is what the
 * bytes on disk hold: a copy of another store has another id, an older copy
 * of this one a smaller generation (a file's own generation never goes
 * back: checkpoints only move it forward).
 */
#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Set up the identity in a file that has none (new, or written by a
 * salesgoal before it), inside the caller's write transaction. */
const char STORE_FILE_ID_SQL[] =
    "CREATE TABLE IF NOT EXISTS store_file (id TEXT NOT NULL, generation INTEGER NOT NULL);"
    "INSERT INTO store_file SELECT lower(hex(randomblob(16))), 1"
    " WHERE NOT EXISTS (SELECT 1 FROM store_file);"
    "CREATE TRIGGER IF NOT EXISTS store_file_put AFTER INSERT ON snapshot"
    " BEGIN UPDATE store_file SET generation = generation + 1; END;"
    "CREATE TRIGGER IF NOT EXISTS store_file_change AFTER UPDATE ON snapshot"
    " BEGIN UPDATE store_file SET generation = generation + 1; END;"
    "CREATE TRIGGER IF NOT EXISTS store_file_delete AFTER DELETE ON snapshot"
    " BEGIN UPDATE store_file SET generation = generation + 1; END;"
    "CREATE TRIGGER IF NOT EXISTS store_file_grant AFTER INSERT ON plan_access"
    " BEGIN UPDATE store_file SET generation = generation + 1; END;"
    "CREATE TRIGGER IF NOT EXISTS store_file_regrant AFTER UPDATE ON plan_access"
    " BEGIN UPDATE store_file SET generation = generation + 1; END;"
    "CREATE TRIGGER IF NOT EXISTS store_file_revoke AFTER DELETE ON plan_access"
    " BEGIN UPDATE store_file SET generation = generation + 1; END;";

/* "file:" URI of path: every byte but unreserved ones percent-encoded. */
static int file_uri(const char *path, char *uri, size_t size) {
  static const char hex[] = "0123456789ABCDEF";
  size_t o = 0;
  if (size < 6) return 0;
  memcpy(uri, "file:", 5);
  o = 5;
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                strchr("/-._~", *p) != NULL;
    if (o + 4 >= size) return 0;
    if (plain) {
      uri[o++] = (char)*p;
    } else {
      uri[o++] = '%';
      uri[o++] = hex[*p >> 4];
      uri[o++] = hex[*p & 15];
    }
  }
  if (o + sizeof "?immutable=1" > size) return 0;
  memcpy(uri + o, "?immutable=1", sizeof "?immutable=1");
  return 1;
}

int store_file_identity(const char *path, char *id, size_t size, long long *gen) {
  char uri[3 * 4096 + 32];
  id[0] = '\0';
  *gen = 0;
  if (!file_uri(path, uri, sizeof uri)) return -1;
  /* A checkpoint of another connection may be copying pages while we read
   * without a lock: a torn page reads as damage. Try again shortly. */
  for (int attempt = 0; attempt < 5; attempt++) {
    if (attempt) sqlite3_sleep(5 * attempt);
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    if (rc == SQLITE_OK)
      rc = sqlite3_prepare_v2(db, "SELECT id, generation FROM store_file", -1, &q, NULL);
    int result = -1;
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(q);
      if (rc == SQLITE_ROW && sqlite3_column_text(q, 0)) {
        snprintf(id, size, "%s", (const char *)sqlite3_column_text(q, 0));
        *gen = sqlite3_column_int64(q, 1);
        result = 1;
      } else if (rc == SQLITE_DONE) {
        result = 0; /* a table without its row: not an identity */
      }
    } else if (rc == SQLITE_NOTADB || rc == SQLITE_ERROR) {
      result = 0; /* not a database, or one without store_file */
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    if (result >= 0) return result;
  }
  return -1;
}

/* ------------------------------------------------------------ the content seen
 * (store.c calls these when it looks at the file; see store_internal.h) */

/* Read the identity the file's bytes hold now (after note_file: a change
 * after this read shows in the next guard's look at the file). */
void store_note_content(sqlite_store *st) {
  char id[sizeof st->file_id];
  long long gen = 0;
  if (store_file_identity(st->path, id, sizeof id, &gen) != 1) return;
  if (strcmp(id, st->file_id) != 0 || gen > st->file_gen) {
    snprintf(st->file_id, sizeof st->file_id, "%s", id);
    st->file_gen = gen;
  }
}

/* The file at the path has the inode we verified, but its bytes changed
 * since we last looked: another writer's checkpoint (the same identity, a
 * generation not older), or a copy over it (STORE_FILE_OVERWRITTEN). A file
 * that cannot be read just now counts as swapped: reconnecting decides. */
int store_content_changed(sqlite_store *st, const struct stat *sb) {
  long long mtime = (long long)sb->st_mtim.tv_sec * 1000000000LL + sb->st_mtim.tv_nsec;
  long long ctime = (long long)sb->st_ctim.tv_sec * 1000000000LL + sb->st_ctim.tv_nsec;
  if (sb->st_size == st->size && mtime == st->mtime_ns && ctime == st->ctime_ns) return STORE_FILE_SAME;
  char id[sizeof st->file_id];
  long long gen = 0;
  int known = store_file_identity(st->path, id, sizeof id, &gen);
  if (known < 0) return STORE_FILE_SWAPPED;
  if (known == 0 || strcmp(id, st->file_id) != 0 || gen < st->file_gen) return STORE_FILE_OVERWRITTEN;
  st->file_gen = gen;
  st->size = sb->st_size;
  st->mtime_ns = mtime;
  st->ctime_ns = ctime;
  return STORE_FILE_SAME;
}

/* ------------------------------------------------------------ the WAL's owner
 *
 * A writer killed between a commit and its checkpoint leaves committed
 * frames in <path>-wal, and SQLite applies whatever -wal it finds to the
 * file at <path> on the next open. If that file was swapped meanwhile (a
 * backup restored), the frames of the old file would be written into the
 * new one. So before a transaction can put frames into the WAL, the writer
 * records which file (device, inode) and which content (id, generation of
 * the file's own bytes) they belong to in <path>-sgfile; an open that
 * finds a non-empty WAL (or journal) recorded for another file, or for
 * content the file no longer holds (a backup copied over it: another id, an
 * older generation), moves it aside to <path>-wal-orphan-<inode>-<time>
 * (kept: it holds the old content's last rows) instead of letting SQLite
 * apply it. The generation recorded is the file's own at that moment, so
 * it never exceeds what the file holds while nobody copies over it. */

int store_side_name(char *buf, size_t size, const char *path, const char *suffix) {
  int w = snprintf(buf, size, "%s%s", path, suffix);
  return w > 0 && (size_t)w < size;
}

/* Write "<dev> <ino> <id> <generation>" of the file we are about to write
 * to: the WAL's next frames belong to that content (a copy over the file
 * with another id or an older generation is not their base). */
void store_note_owner(sqlite_store *st) {
  if (st->ino == 0 || (st->owner_dev == st->dev && st->owner_ino == st->ino &&
                       strcmp(st->owner_id, st->file_id) == 0 && st->owner_gen == st->file_gen))
    return;
  char name[4096], tmp[4096 + 16];
  if (!store_side_name(name, sizeof name, st->path, "-sgfile") ||
      snprintf(tmp, sizeof tmp, "%s.%ld.tmp", name, (long)getpid()) >= (int)sizeof tmp)
    return; /* a name per process: two writers must not fill one temporary file */
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return;
  char text_id[sizeof st->file_id + 2];
  snprintf(text_id, sizeof text_id, "%s", st->file_id[0] ? st->file_id : "-");
  char text[128];
  int n = snprintf(text, sizeof text, "%llu %llu %s %lld\n", (unsigned long long)st->dev,
                   (unsigned long long)st->ino, text_id, st->file_gen);
  /* A new file is synced (a swap must survive a crash of the machine); a
   * new generation of the same file is not: it changes at every write, and
   * a process killed after it still leaves it in the page cache. */
  int same_file = st->owner_dev == st->dev && st->owner_ino == st->ino;
  int ok = write(fd, text, (size_t)n) == n && (same_file || fsync(fd) == 0);
  close(fd);
  if (ok && rename(tmp, name) == 0) {
    st->owner_dev = st->dev;
    st->owner_ino = st->ino;
    memcpy(st->owner_id, st->file_id, sizeof st->owner_id);
    st->owner_gen = st->file_gen;
  } else {
    unlink(tmp);
  }
}

/* Move side file `name` (a WAL) to <name>-orphan-<inode>-<time>: kept,
 * since it holds the old content's last rows, but never applied. A WAL's
 * index (<db>-shm) goes too: processes still connected to the old file keep
 * it mapped and locked, and SQLite would take their index, which points at
 * frames of the WAL just set aside, for the new file's (reads of the new,
 * whole file then fail as a short read: "damaged"). It holds nothing
 * durable; the next open builds a fresh one from the new WAL. */
void store_set_aside(const char *name, unsigned long long ino) {
  char aside[4096 + 64];
  /* Never over an earlier one (the same file's, within the same second). */
  int kept = 0;
  for (int n = 0; n < 100 && !kept; n++) {
    int w = n ? snprintf(aside, sizeof aside, "%s-orphan-%llu-%lld.%d", name, ino, (long long)time(NULL), n)
              : snprintf(aside, sizeof aside, "%s-orphan-%llu-%lld", name, ino, (long long)time(NULL));
    if (w < 0 || (size_t)w >= sizeof aside) return;
    kept = link(name, aside) == 0;
    if (!kept && errno != EEXIST) return;
  }
  if (!kept || unlink(name) != 0) return;
  size_t len = strlen(name);
  if (len < 4 || strcmp(name + len - 4, "-wal") != 0 || len >= sizeof aside) return;
  memcpy(aside, name, len - 4);
  memcpy(aside + len - 4, "-shm", 5);
  unlink(aside);
}

/* Before SQLite opens the file: set aside a WAL (or a hot rollback journal,
 * left while a new file was switched to WAL) recorded for another file. A
 * WAL recorded for another file is set aside even when empty: processes
 * still connected to that file hold it open, and would go on writing their
 * frames into the one WAL a new connection to the new file uses too. */
void store_quarantine_side(const sqlite_store *st, const char *suffix) {
  char wal[4096], owner[4096];
  struct stat db, ws;
  int is_wal = strcmp(suffix, "-wal") == 0;
  if (!store_side_name(wal, sizeof wal, st->path, suffix) ||
      !store_side_name(owner, sizeof owner, st->path, "-sgfile"))
    return;
  if (stat(wal, &ws) != 0 || (ws.st_size == 0 && !is_wal) || stat(st->path, &db) != 0) return;
  FILE *f = fopen(owner, "r");
  if (!f) return; /* a store from before the record, or never written: leave it */
  unsigned long long dev = 0, ino = 0;
  char id[40] = "-";
  long long gen = 0;
  int got = fscanf(f, "%llu %llu %39s %lld", &dev, &ino, id, &gen);
  fclose(f);
  if (got < 2) return;
  if (dev == (unsigned long long)db.st_dev && ino == (unsigned long long)db.st_ino) {
    /* The same file: are its bytes still the content the WAL was written
     * on (this id, a generation not older), or a copy put over it? */
    if (got < 4 || strcmp(id, "-") == 0) return;
    char now_id[40];
    long long now_gen = 0;
    int known = store_file_identity(st->path, now_id, sizeof now_id, &now_gen);
    if (known < 0 || (known == 1 && strcmp(now_id, id) == 0 && now_gen >= gen)) return;
  }
  if (ws.st_size == 0) { /* nothing to keep: only its index goes, and the empty file */
    char shm[4096];
    unlink(wal);
    if (store_side_name(shm, sizeof shm, st->path, "-shm")) unlink(shm);
    return;
  }
  store_set_aside(wal, ino);
}
