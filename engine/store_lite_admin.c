/*
 * store_lite_admin.c — administration of the SQLite store (the salesgoal
 * command, never a formula): walk every snapshot, and purge a plan.
 *
 * Deleting is what the schema forbids on purpose (triggers make every
 * DELETE fail, for every program). A purge lifts that guard inside one
 * BEGIN IMMEDIATE transaction: the guard triggers are dropped, the plan's
 * rows deleted and the triggers recreated from their own SQL before
 * COMMIT, so no other connection ever sees the store unguarded and any
 * failure leaves everything as it was.
 */
#define _POSIX_C_SOURCE 200809L
#include "store_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_EACH_COUNT[] =
    "SELECT count(*) FROM snapshot WHERE ?1 IS NULL OR plan = ?1";
static const char SQL_EACH[] =
    "SELECT plan, unit, as_of, target, actual, created, updated FROM snapshot"
    " WHERE ?1 IS NULL OR plan = ?1 ORDER BY plan, unit, as_of";
static const char SQL_GUARDS[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
    " AND tbl_name IN ('snapshot', 'snapshot_revision') ORDER BY name";
static const char *const PURGES[] = {"DELETE FROM snapshot WHERE plan = ?1",
                                     "DELETE FROM snapshot_revision WHERE plan = ?1",
                                     "DELETE FROM plan_access WHERE plan = ?1"};

static double column_time(sqlite3_stmt *q, int col) {
  return sqlite3_column_type(q, col) == SQLITE_NULL ? NAN : sqlite3_column_double(q, col);
}

int sqlite_store_each(sqlite_store *st, const char *plan, sg_store_visitor visit, void *ctx,
                      sg_error *err) {
  int code = store_guard(st, err);
  if (code != SG_OK) return code;
  sqlite3_stmt *count_q = NULL, *q = NULL;
  /* One read transaction: the count and the rows see the same state. */
  int rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(st->db, SQL_EACH_COUNT, -1, &count_q, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(st->db, SQL_EACH, -1, &q, NULL);
  size_t total = 0, i = 0;
  if (rc == SQLITE_OK) {
    if (plan) sqlite3_bind_text(count_q, 1, plan, -1, SQLITE_STATIC);
    rc = sqlite3_step(count_q);
    if (rc == SQLITE_ROW) {
      total = (size_t)sqlite3_column_int64(count_q, 0);
      rc = SQLITE_OK;
    }
  }
  if (rc == SQLITE_OK) {
    if (plan) sqlite3_bind_text(q, 1, plan, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const char *p = (const char *)sqlite3_column_text(q, 0);
      const char *u = (const char *)sqlite3_column_text(q, 1);
      sg_store_record r = {p ? p : "", u ? u : "", sqlite3_column_double(q, 2),
                           sqlite3_column_double(q, 3), sqlite3_column_double(q, 4),
                           column_time(q, 5), column_time(q, 6)};
      int stop = visit(ctx, &r, i++, total);
      if (stop) {
        code = sg_fail(err, SG_EINVAL, -1, (long)i - 1, stop, 0, "stopped at row %zu", i);
        break;
      }
    }
    if (code == SG_OK && rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  if (code == SG_OK && rc != SQLITE_OK) code = store_fail_db(err, st, rc, "cannot read");
  sqlite3_finalize(count_q);
  sqlite3_finalize(q);
  store_rollback(st); /* a read: nothing to commit */
  return code == SG_OK ? sg_ok(err) : code;
}

/* Run sql with ?1 bound to text (when given); *changes gets rows changed. */
static int exec_bound(sqlite3 *db, const char *sql, const char *text, size_t *changes) {
  sqlite3_stmt *q = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
  if (rc == SQLITE_OK) {
    if (text) sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) rc = SQLITE_OK;
  }
  sqlite3_finalize(q);
  if (rc == SQLITE_OK && changes) *changes = (size_t)sqlite3_changes(db);
  return rc;
}

enum { MAX_GUARDS = 16 };

int sqlite_store_purge_plan(sqlite_store *st, const char *plan, size_t *ndeleted,
                            sg_error *err) {
  int code = store_begin(st, err);
  if (code != SG_OK) return code;
  char *names[MAX_GUARDS] = {0}, *sqls[MAX_GUARDS] = {0};
  size_t nguards = 0, deleted = 0;
  sqlite3_stmt *q = NULL;
  int rc = sqlite3_prepare_v2(st->db, SQL_GUARDS, -1, &q, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    if (nguards == MAX_GUARDS) {
      rc = SQLITE_ERROR;
      break;
    }
    const char *name = (const char *)sqlite3_column_text(q, 0);
    const char *sql = (const char *)sqlite3_column_text(q, 1);
    names[nguards] = name ? strdup(name) : NULL;
    sqls[nguards] = sql ? strdup(sql) : NULL;
    if (!names[nguards] || !sqls[nguards]) rc = SQLITE_NOMEM;
    nguards++;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(q);
  for (size_t k = 0; rc == SQLITE_OK && k < nguards; k++) {
    char drop[600];
    /* Our own trigger names: letters and underscores only. */
    if (strspn(names[k], "abcdefghijklmnopqrstuvwxyz_") != strlen(names[k]) ||
        strlen(names[k]) > 500) {
      rc = SQLITE_ERROR;
      break;
    }
    snprintf(drop, sizeof drop, "DROP TRIGGER %s", names[k]);
    rc = exec_bound(st->db, drop, NULL, NULL);
  }
  for (size_t k = 0; rc == SQLITE_OK && k < sizeof PURGES / sizeof PURGES[0]; k++)
    rc = exec_bound(st->db, PURGES[k], plan, k == 0 ? &deleted : NULL);
  for (size_t k = 0; rc == SQLITE_OK && k < nguards; k++)
    rc = exec_bound(st->db, sqls[k], NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    code = store_fail_db(err, st, rc, "cannot delete from");
    store_rollback(st);
  } else {
    store_after_write(st);
  }
  for (size_t k = 0; k < nguards; k++) {
    free(names[k]);
    free(sqls[k]);
  }
  if (code != SG_OK) return code;
  if (ndeleted) *ndeleted = deleted;
  return sg_ok(err);
}
