/*
 * store_data.c — what the SQLite snapshot store holds: snapshots (put, history,
 * count), the revisions an overwrite keeps, and which documents may use a
 * plan. The connection and its guard are store.c's (store_internal.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ write
 *
 * Rows arrive checked (store_api.c). */

/* COMMIT, then keep the WAL empty. */
static int commit(sqlite_store *st, sg_error *err) {
  int rc = sqlite3_step(st->commit);
  if (rc != SQLITE_DONE) {
    int code = store_fail_db(err, st, rc, "cannot commit to");
    sqlite3_reset(st->commit);
    store_rollback(st);
    return code;
  }
  sqlite3_reset(st->commit);
  store_after_write(st);
  return SG_OK;
}

int sqlite_store_put(sqlite_store *st, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                 sg_error *err) {
  if (nwritten) *nwritten = 0;
  int code = store_begin(st, err);
  if (code != SG_OK) return code;
  size_t written = 0;
  for (size_t i = 0; i < n; i++) {
    const sg_snapshot_row *r = &rows[i];
    sqlite3_bind_text(st->put, 1, r->plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(st->put, 2, r->unit, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st->put, 3, (sqlite3_int64)r->as_of);
    sqlite3_bind_double(st->put, 4, r->target);
    sqlite3_bind_double(st->put, 5, r->actual);
    int rc = sqlite3_step(st->put);
    if (rc != SQLITE_DONE) {
      code = store_fail_db(err, st, rc, "cannot write to");
      sqlite3_reset(st->put);
      sqlite3_clear_bindings(st->put);
      store_rollback(st);
      return code;
    }
    written += (size_t)sqlite3_changes(st->db);
    sqlite3_reset(st->put);
  }
  sqlite3_clear_bindings(st->put); /* the texts belong to the caller */
  if ((code = commit(st, err)) != SG_OK) return code;
  if (nwritten) *nwritten = written;
  return sg_ok(err);
}

/* ------------------------------------------------------------ read */

/* Step a bound query, appending rows of `size` bytes filled by `row`. */
typedef void (*row_reader)(sqlite3_stmt *q, void *out);

static int read_rows(sqlite_store *st, sqlite3_stmt *q, size_t size, row_reader row, void **rows,
                     size_t *n, sg_error *err) {
  char *out = NULL;
  size_t count = 0, cap = 0;
  int rc, code = SG_OK;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    if (count == cap) {
      size_t ncap = cap ? 2 * cap : 64;
      char *grown = realloc(out, ncap * size);
      if (!grown) {
        code = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory reading the history");
        break;
      }
      out = grown;
      cap = ncap;
    }
    row(q, out + count * size);
    count++;
  }
  if (code == SG_OK && rc != SQLITE_DONE) code = store_fail_db(err, st, rc, "cannot read");
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

static void snapshot_row(sqlite3_stmt *q, void *out) {
  sg_snapshot *s = out;
  s->as_of = (double)sqlite3_column_int64(q, 0);
  s->target = sqlite3_column_double(q, 1);
  s->actual = sqlite3_column_double(q, 2);
}

int sqlite_store_history(sqlite_store *st, const char *plan, const char *unit, double from, double to,
                     sg_snapshot **rows, size_t *n, sg_error *err) {
  *rows = NULL;
  *n = 0;
  if (!plan || !unit) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and unit are needed");
  if (isnan(from) || isnan(to))
    return sg_fail(err, SG_ENONFINITE, -1, -1, 0, 0, "a date bound is not a number");
  int code = store_guard(st, err);
  if (code != SG_OK) return code;
  /* Clamp so an infinite bound binds as an ordinary number. */
  from = fmax(from, -2 * SG_STORE_MAX_DAY);
  to = fmin(to, 2 * SG_STORE_MAX_DAY);
  sqlite3_stmt *q = st->history;
  sqlite3_bind_text(q, 1, plan, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, unit, -1, SQLITE_STATIC);
  sqlite3_bind_double(q, 3, from);
  sqlite3_bind_double(q, 4, to);
  return read_rows(st, q, sizeof **rows, snapshot_row, (void **)rows, n, err);
}

static void revision_row(sqlite3_stmt *q, void *out) {
  sg_revision *r = out;
  r->as_of = (double)sqlite3_column_int64(q, 0);
  r->target = sqlite3_column_double(q, 1);
  r->actual = sqlite3_column_double(q, 2);
  r->written = sqlite3_column_type(q, 3) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 3);
  r->replaced = sqlite3_column_type(q, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(q, 4);
}

int sqlite_store_revisions(sqlite_store *st, const char *plan, const char *unit, sg_revision **rows,
                       size_t *n, sg_error *err) {
  *rows = NULL;
  *n = 0;
  if (!plan || !unit) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and unit are needed");
  int code = store_guard(st, err);
  if (code != SG_OK) return code;
  sqlite3_bind_text(st->revisions, 1, plan, -1, SQLITE_STATIC);
  sqlite3_bind_text(st->revisions, 2, unit, -1, SQLITE_STATIC);
  return read_rows(st, st->revisions, sizeof **rows, revision_row, (void **)rows, n, err);
}

int sqlite_store_count(sqlite_store *st, const char *plan, const char *unit, size_t *n, sg_error *err) {
  *n = 0;
  if (!plan != !unit)
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "give both plan and unit, or neither");
  int code = store_guard(st, err);
  if (code != SG_OK) return code;
  sqlite3_stmt *q = plan ? st->count_unit : st->count_all;
  if (plan) {
    sqlite3_bind_text(q, 1, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, unit, -1, SQLITE_STATIC);
  }
  int rc = sqlite3_step(q);
  if (rc == SQLITE_ROW)
    *n = (size_t)sqlite3_column_int64(q, 0);
  else
    code = store_fail_db(err, st, rc, "cannot read");
  sqlite3_reset(q);
  sqlite3_clear_bindings(q);
  return code == SG_OK ? sg_ok(err) : code;
}

/* ------------------------------------------------------------ access */

/* 1 when (plan, document) has a row, 0 when not; -1 on a read error. */
static int access_row(sqlite_store *st, sqlite3_stmt *q, const char *plan, const char *document,
                      sg_error *err) {
  sqlite3_bind_text(q, 1, plan, -1, SQLITE_STATIC);
  if (document) sqlite3_bind_text(q, 2, document, -1, SQLITE_STATIC);
  int rc = sqlite3_step(q);
  int found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
  if (found < 0) store_fail_db(err, st, rc, "cannot read");
  sqlite3_reset(q);
  sqlite3_clear_bindings(q);
  return found;
}

static int add_access(sqlite_store *st, const char *plan, const char *document, const char *role,
                      sg_error *err) {
  int code = store_begin(st, err);
  if (code != SG_OK) return code;
  sqlite3_bind_text(st->access_add, 1, plan, -1, SQLITE_STATIC);
  sqlite3_bind_text(st->access_add, 2, document, -1, SQLITE_STATIC);
  sqlite3_bind_text(st->access_add, 3, role, -1, SQLITE_STATIC);
  int rc = store_run(st->access_add);
  sqlite3_clear_bindings(st->access_add);
  if (rc != SQLITE_OK) {
    code = store_fail_db(err, st, rc, "cannot write to");
    store_rollback(st);
    return code;
  }
  return commit(st, err);
}

int sqlite_store_access(sqlite_store *st, const char *plan, const char *document, int mode,
                    sg_error *err) {
  if (!document) return sg_ok(err); /* a host without documents: the user at the keyboard */
  if (!plan || !plan[0] || !document[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and document are needed");
  int code = store_guard(st, err);
  if (code != SG_OK) return code;
  int mine = access_row(st, st->access_get, plan, document, err);
  if (mine < 0) return err ? err->code : SG_ESTORE_IO;
  if (mine) return sg_ok(err);
  int owned = access_row(st, st->access_owner, plan, NULL, err);
  if (owned < 0) return err ? err->code : SG_ESTORE_IO;
  if (!owned) {
    if (mode != SG_STORE_WRITE) return sg_ok(err); /* nobody's yet: nothing to protect */
    /* The first document to write a plan owns it. Two documents racing:
     * the unique owner index lets one in, the other is refused below. */
    if ((code = add_access(st, plan, document, "owner", err)) != SG_OK) return code;
    mine = access_row(st, st->access_get, plan, document, err);
    if (mine < 0) return err ? err->code : SG_ESTORE_IO;
    if (mine) return sg_ok(err);
  }
  return sg_fail(err, SG_ESTORE_DENIED, -1, -1, 0, 0,
                 "plan \"%.80s\" belongs to another document; it was not %s", plan,
                 mode == SG_STORE_WRITE ? "changed" : "read");
}

int sqlite_store_grant(sqlite_store *st, const char *plan, const char *document, sg_error *err) {
  if (!plan || !plan[0] || !document || !document[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and document are needed");
  int code = add_access(st, plan, document, "granted", err);
  return code == SG_OK ? sg_ok(err) : code;
}
