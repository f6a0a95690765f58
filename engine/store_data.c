/*
 * store_data.c — what the snapshot store holds: snapshots (put, history,
 * count), the revisions an overwrite keeps, and which documents may use a
 * plan. The connection and its guard are store.c's (store_internal.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sg_store_free(void *p) { free(p); }

/* ------------------------------------------------------------ names */

/* Characters (not bytes) of UTF-8 text: the cap is what a planner counts. */
static size_t utf8_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

static int check_name(const char *name, int arg, long at, const char *what, sg_error *err) {
  if (!name || !name[0])
    return sg_fail(err, SG_EINVAL, arg, at, 0, 0, "row %ld has no %s", at + 1, what);
  size_t chars = utf8_chars(name);
  if (chars > SG_STORE_MAX_NAME)
    return sg_fail(err, SG_ETOOLONG, arg, at, (double)chars, SG_STORE_MAX_NAME,
                   "the %s of row %ld has %zu characters, more than %d", what, at + 1, chars,
                   SG_STORE_MAX_NAME);
  return SG_OK;
}

/* ------------------------------------------------------------ write */

static int check_row(const sg_snapshot_row *r, size_t i, sg_error *err) {
  long at = (long)i;
  int code = check_name(r->plan, SG_SNAPSHOT_ARG_PLAN, at, "plan", err);
  if (code == SG_OK) code = check_name(r->unit, SG_SNAPSHOT_ARG_UNIT, at, "unit", err);
  if (code != SG_OK) return code;
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

/* COMMIT, then keep the WAL empty. */
static int commit(sg_store *st, sg_error *err) {
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

int sg_store_put(sg_store *st, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                 sg_error *err) {
  if (nwritten) *nwritten = 0;
  for (size_t i = 0; i < n; i++) {
    int code = check_row(&rows[i], i, err);
    if (code != SG_OK) return code;
  }
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

static int read_rows(sg_store *st, sqlite3_stmt *q, size_t size, row_reader row, void **rows,
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

int sg_store_history(sg_store *st, const char *plan, const char *unit, double from, double to,
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

int sg_store_revisions(sg_store *st, const char *plan, const char *unit, sg_revision **rows,
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

int sg_store_count(sg_store *st, const char *plan, const char *unit, size_t *n, sg_error *err) {
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
static int access_row(sg_store *st, sqlite3_stmt *q, const char *plan, const char *document,
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

static int add_access(sg_store *st, const char *plan, const char *document, const char *role,
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

int sg_store_access(sg_store *st, const char *plan, const char *document, int mode,
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

int sg_store_grant(sg_store *st, const char *plan, const char *document, sg_error *err) {
  if (!plan || !plan[0] || !document || !document[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and document are needed");
  int code = add_access(st, plan, document, "granted", err);
  return code == SG_OK ? sg_ok(err) : code;
}
