/*
 * store_admin.c — administration of the snapshot store, for the salesgoal
 * command only: list the plans, export a plan, delete a plan.
 *
 * Deleting is the one operation the schema forbids on purpose (a trigger
 * makes every DELETE fail, for every program). sg_store_delete_plan lifts
 * that guard for one plan inside one write transaction: the triggers are
 * dropped, the rows deleted and the triggers recreated from their own SQL
 * before COMMIT, so another connection never sees the store unguarded, and
 * any failure rolls back to the store as it was. Every table with a `plan`
 * column is covered, so tables added by later schema versions (revisions,
 * plan owners) lose the plan's rows too.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "store_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_PLANS[] =
    "SELECT plan, count(DISTINCT unit), count(*), min(as_of), max(as_of),"
    " max(coalesce(updated, created)) FROM snapshot GROUP BY plan ORDER BY plan";
static const char SQL_EXPORT_COUNT[] = "SELECT count(*) FROM snapshot WHERE plan = ?1";
static const char SQL_EXPORT[] =
    "SELECT plan, unit, as_of, target, actual, created, updated FROM snapshot"
    " WHERE plan = ?1 ORDER BY unit, as_of";
static const char SQL_PLAN_TABLES[] =
    "SELECT m.name FROM sqlite_master m WHERE m.type = 'table'"
    " AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'plan')"
    " ORDER BY m.name";
static const char SQL_TRIGGERS[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1";

static void end_txn(sqlite3 *db, int commit) {
  if (sqlite3_get_autocommit(db)) return;
  sqlite3_exec(db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
}

static double column_time(sqlite3_stmt *q, int col) {
  return sqlite3_column_type(q, col) == SQLITE_NULL ? NAN : sqlite3_column_double(q, col);
}

void sg_store_plans_free(sg_plan_summary *plans, size_t n) {
  if (!plans) return;
  for (size_t i = 0; i < n; i++) free(plans[i].plan);
  free(plans);
}

int sg_store_plans(sg_store *st, sg_plan_summary **plans, size_t *n, sg_error *err) {
  *plans = NULL;
  *n = 0;
  sqlite3 *db = sg_store_db(st);
  sqlite3_stmt *q = NULL;
  int rc = sqlite3_prepare_v2(db, SQL_PLANS, -1, &q, NULL);
  if (rc != SQLITE_OK) return sg_store_fail(st, rc, "cannot read", err);
  sg_plan_summary *out = NULL;
  size_t count = 0, cap = 0;
  int code = SG_OK;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    if (count == cap) {
      size_t ncap = cap ? 2 * cap : 16;
      sg_plan_summary *grown = realloc(out, ncap * sizeof *grown);
      if (!grown) {
        code = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory listing the plans");
        break;
      }
      out = grown;
      cap = ncap;
    }
    const char *name = (const char *)sqlite3_column_text(q, 0);
    sg_plan_summary *p = &out[count];
    if (!(p->plan = strdup(name ? name : ""))) {
      code = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory listing the plans");
      break;
    }
    p->units = (size_t)sqlite3_column_int64(q, 1);
    p->snapshots = (size_t)sqlite3_column_int64(q, 2);
    p->first = sqlite3_column_double(q, 3);
    p->last = sqlite3_column_double(q, 4);
    p->updated = column_time(q, 5);
    count++;
  }
  if (code == SG_OK && rc != SQLITE_DONE) code = sg_store_fail(st, rc, "cannot read", err);
  sqlite3_finalize(q);
  if (code != SG_OK) {
    sg_store_plans_free(out, count);
    return code;
  }
  *plans = out;
  *n = count;
  return sg_ok(err);
}

int sg_store_export(sg_store *st, const char *plan, sg_snapshot_visit visit, void *ctx,
                    sg_error *err) {
  if (!plan || !plan[0]) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no plan given");
  sqlite3 *db = sg_store_db(st);
  sqlite3_stmt *count_q = NULL, *q = NULL;
  /* One read transaction: the count and the rows see the same state. */
  int rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, SQL_EXPORT_COUNT, -1, &count_q, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, SQL_EXPORT, -1, &q, NULL);
  size_t total = 0, i = 0;
  int code = SG_OK;
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(count_q, 1, plan, -1, SQLITE_STATIC);
    rc = sqlite3_step(count_q);
    if (rc == SQLITE_ROW) {
      total = (size_t)sqlite3_column_int64(count_q, 0);
      rc = SQLITE_OK;
    }
  }
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(q, 1, plan, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const char *p = (const char *)sqlite3_column_text(q, 0);
      const char *u = (const char *)sqlite3_column_text(q, 1);
      sg_snapshot_record r = {p ? p : "", u ? u : "", sqlite3_column_double(q, 2),
                              sqlite3_column_double(q, 3), sqlite3_column_double(q, 4),
                              column_time(q, 5), column_time(q, 6)};
      int stop = visit(ctx, &r, i++, total);
      if (stop) {
        code = sg_fail(err, SG_EINVAL, -1, (long)i - 1, stop, 0, "export stopped at row %zu", i);
        break;
      }
    }
    if (code == SG_OK && rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  if (code == SG_OK && rc != SQLITE_OK) code = sg_store_fail(st, rc, "cannot read", err);
  sqlite3_finalize(count_q);
  sqlite3_finalize(q);
  end_txn(db, 1);
  return code == SG_OK ? sg_ok(err) : code;
}

/* "name" with inner quotes doubled, for an identifier read from the schema. */
static char *quote_ident(const char *name) {
  size_t len = strlen(name), quotes = 0;
  for (const char *p = name; *p; p++) quotes += *p == '"';
  char *out = malloc(len + quotes + 3);
  if (!out) return NULL;
  char *o = out;
  *o++ = '"';
  for (const char *p = name; *p; p++) {
    if (*p == '"') *o++ = '"';
    *o++ = *p;
  }
  *o++ = '"';
  *o = '\0';
  return out;
}

typedef struct strings {
  char **v;
  size_t n, cap;
} strings;

static int strings_add(strings *s, const char *text) {
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 8;
    char **grown = realloc(s->v, cap * sizeof *grown);
    if (!grown) return -1;
    s->v = grown;
    s->cap = cap;
  }
  if (!(s->v[s->n] = strdup(text ? text : ""))) return -1;
  s->n++;
  return 0;
}

static void strings_free(strings *s) {
  for (size_t i = 0; i < s->n; i++) free(s->v[i]);
  free(s->v);
}

/* Run sql, with "?1" bound to text when given; *changes (may be NULL)
 * gets the rows changed. */
static int exec_bound(sqlite3 *db, const char *sql, const char *text, size_t *changes) {
  sqlite3_stmt *q = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
  if (rc == SQLITE_OK) {
    if (text) sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(q);
  if (rc == SQLITE_OK && changes) *changes = (size_t)sqlite3_changes(db);
  return rc;
}

/* Names (and SQL) of the schema objects a query lists. */
static int collect(sqlite3 *db, const char *sql, const char *bind, strings *col0, strings *col1) {
  sqlite3_stmt *q = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
  if (rc == SQLITE_OK && bind) sqlite3_bind_text(q, 1, bind, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    if (strings_add(col0, (const char *)sqlite3_column_text(q, 0)) != 0 ||
        (col1 && strings_add(col1, (const char *)sqlite3_column_text(q, 1)) != 0))
      rc = SQLITE_NOMEM;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(q);
  return rc;
}

int sg_store_delete_plan(sg_store *st, const char *plan, size_t *ndeleted, sg_error *err) {
  if (ndeleted) *ndeleted = 0;
  if (!plan || !plan[0]) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no plan given");
  sqlite3 *db = sg_store_db(st);
  strings tables = {0}, trig_names = {0}, trig_sql = {0};
  size_t deleted = 0;
  int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK) return sg_store_fail(st, rc, "cannot lock", err);
  const char *doing = "cannot read the schema of";
  rc = collect(db, SQL_PLAN_TABLES, NULL, &tables, NULL);
  for (size_t t = 0; rc == SQLITE_OK && t < tables.n; t++)
    rc = collect(db, SQL_TRIGGERS, tables.v[t], &trig_names, &trig_sql);
  if (rc == SQLITE_OK) doing = "cannot delete from";
  for (size_t k = 0; rc == SQLITE_OK && k < trig_names.n; k++) {
    char *q = quote_ident(trig_names.v[k]), sql[64 + 1024];
    if (!q || strlen(q) > 1024) rc = SQLITE_NOMEM;
    else snprintf(sql, sizeof sql, "DROP TRIGGER %s", q), rc = exec_bound(db, sql, NULL, NULL);
    free(q);
  }
  for (size_t t = 0; rc == SQLITE_OK && t < tables.n; t++) {
    char *q = quote_ident(tables.v[t]), sql[64 + 1024];
    size_t changed = 0;
    if (!q || strlen(q) > 1024) {
      rc = SQLITE_NOMEM;
    } else {
      snprintf(sql, sizeof sql, "DELETE FROM %s WHERE plan = ?1", q);
      rc = exec_bound(db, sql, plan, &changed);
      if (strcmp(tables.v[t], "snapshot") == 0) deleted = changed;
    }
    free(q);
  }
  for (size_t k = 0; rc == SQLITE_OK && k < trig_sql.n; k++)
    rc = exec_bound(db, trig_sql.v[k], NULL, NULL);
  if (rc == SQLITE_OK) {
    doing = "cannot commit to";
    rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  }
  int code = SG_OK;
  if (rc != SQLITE_OK) {
    code = rc == SQLITE_NOMEM ? sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory")
                              : sg_store_fail(st, rc, doing, err);
    end_txn(db, 0);
  }
  strings_free(&tables);
  strings_free(&trig_names);
  strings_free(&trig_sql);
  if (code != SG_OK) return code;
  if (ndeleted) *ndeleted = deleted;
  return sg_ok(err);
}
