/*
 * store_pg_data.c — what the PostgreSQL snapshot store holds: snapshots,
 * revisions, plan access, and the administration walk and purge. The same
 * statements as the SQLite store (store_data.c), in PostgreSQL's dialect.
 * Numbers cross as text: "%.17g" out, float8's shortest exact text in.
 */
#define _POSIX_C_SOURCE 200809L
#include "store_pg_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW_UNIX "extract(epoch FROM clock_timestamp())::float8"

/* Rows holding the same values are not rewritten (the WHERE clause), so a
 * recalculation neither changes the table nor moves `updated`. */
static const char SQL_PUT[] =
    "INSERT INTO salesgoal.snapshot AS s (plan, unit, as_of, target, actual, created, updated)"
    " SELECT $1, $2, $3::integer, $4::float8, $5::float8, t, t FROM (SELECT " NOW_UNIX " AS t) c"
    " ON CONFLICT (plan, unit, as_of) DO UPDATE"
    " SET target = excluded.target, actual = excluded.actual, updated = excluded.updated"
    " WHERE s.target IS DISTINCT FROM excluded.target OR s.actual IS DISTINCT FROM excluded.actual";
static const char SQL_MAY_READ[] = "SELECT salesgoal.may_read($1, $2)";
static const char SQL_HISTORY[] =
    "SELECT as_of, target, actual FROM salesgoal.snapshot"
    " WHERE plan = $1 AND unit = $2 AND as_of >= $3::float8 AND as_of <= $4::float8"
    " ORDER BY as_of";
static const char SQL_COUNT_ALL[] = "SELECT count(*) FROM salesgoal.snapshot";
static const char SQL_COUNT_UNIT[] =
    "SELECT count(*) FROM salesgoal.snapshot WHERE plan = $1 AND unit = $2";
static const char SQL_REVISIONS[] =
    "SELECT as_of, target, actual, written, replaced FROM ("
    " SELECT as_of, target, actual, written, replaced FROM salesgoal.snapshot_revision"
    " WHERE plan = $1 AND unit = $2"
    " UNION ALL SELECT as_of, target, actual, coalesce(updated, created), NULL"
    " FROM salesgoal.snapshot WHERE plan = $1 AND unit = $2) r"
    " ORDER BY as_of, replaced IS NULL, replaced, written";
static const char SQL_ACCESS_GET[] =
    "SELECT role FROM salesgoal.plan_access WHERE plan = $1 AND document = $2";
static const char SQL_ACCESS_OWNER[] =
    "SELECT document FROM salesgoal.plan_access WHERE plan = $1 AND role = 'owner'";
/* Without a conflict target: a second owner (the partial unique index) is
 * skipped like a repeated (plan, document). */
static const char SQL_ACCESS_ADD[] =
    "INSERT INTO salesgoal.plan_access (plan, document, role, since)"
    " VALUES ($1, $2, $3, " NOW_UNIX ") ON CONFLICT DO NOTHING";
static const char SQL_EACH_COUNT[] =
    "SELECT count(*) FROM salesgoal.snapshot WHERE $1::text IS NULL OR plan = $1";
static const char SQL_EACH[] =
    "SELECT plan, unit, as_of, target, actual, created, updated FROM salesgoal.snapshot"
    " WHERE $1::text IS NULL OR plan = $1 ORDER BY plan, unit, as_of";
/* The guards are lifted inside the transaction only: ALTER TABLE holds an
 * exclusive lock until COMMIT, so no other session sees them missing. */
static const char SQL_PURGE_BEGIN[] =
    "ALTER TABLE salesgoal.snapshot DISABLE TRIGGER USER;"
    "ALTER TABLE salesgoal.snapshot_revision DISABLE TRIGGER USER";
static const char SQL_PURGE_END[] =
    "ALTER TABLE salesgoal.snapshot ENABLE TRIGGER USER;"
    "ALTER TABLE salesgoal.snapshot_revision ENABLE TRIGGER USER";

static double number_at(const PGresult *res, int row, int col) {
  if (PQgetisnull(res, row, col)) return NAN;
  return strtod(PQgetvalue(res, row, col), NULL);
}

static int failed_code(const sg_error *err) { return err->code != SG_OK ? err->code : SG_ESTORE_IO; }

/* ------------------------------------------------------------ write */

int pg_store_put(pg_store *st, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                 sg_error *err) {
  int code = pg_begin(st, 0, err);
  if (code != SG_OK) return code;
  size_t written = 0;
  for (size_t i = 0; i < n; i++) {
    const sg_snapshot_row *r = &rows[i];
    char day[32], target[32], actual[32];
    snprintf(day, sizeof day, "%lld", (long long)r->as_of);
    snprintf(target, sizeof target, "%.17g", r->target);
    snprintf(actual, sizeof actual, "%.17g", r->actual);
    const char *params[] = {r->plan, r->unit, day, target, actual};
    PGresult *res = pg_run(st, SQL_PUT, 5, params, "cannot write to", err);
    if (!res) {
      if (err->code == SG_ESTORE_ROLE) { /* row-level security: say which row */
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        sg_fail(err, SG_ESTORE_ROLE, SG_SNAPSHOT_ARG_UNIT, (long)i, 0, 0,
                "%.200s: may not write plan \"%.80s\" unit \"%.80s\"; nothing was written", why,
                r->plan, r->unit);
      }
      code = failed_code(err);
      pg_abort(st);
      return code;
    }
    written += (size_t)atoll(PQcmdTuples(res));
    PQclear(res);
  }
  if ((code = pg_commit(st, err)) != SG_OK) return code;
  if (nwritten) *nwritten = written;
  return sg_ok(err);
}

/* ------------------------------------------------------------ read */

/* One statement in autocommit (one consistent view), connection ensured. */
static PGresult *query(pg_store *st, const char *sql, int nparams, const char *const *params,
                       sg_error *err) {
  for (int attempt = 0;; attempt++) {
    if (pg_ensure(st, err) != SG_OK) return NULL;
    PGresult *res = pg_run(st, sql, nparams, params, "cannot read", err);
    if (res) return res;
    int lost = err->code == SG_ESTORE_OFFLINE;
    pg_abort(st);
    if (!lost || attempt > 0) return NULL; /* a read is safe to repeat once */
  }
}

static int check_readable(pg_store *st, const char *plan, const char *unit, sg_error *err) {
  const char *params[] = {plan, unit};
  PGresult *res = query(st, SQL_MAY_READ, 2, params, err);
  if (!res) return failed_code(err);
  int may = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
  PQclear(res);
  if (may) return SG_OK;
  return sg_fail(err, SG_ESTORE_ROLE, -1, -1, 0, 0,
                 "permission denied for role \"%.64s\": may not read plan \"%.80s\" unit "
                 "\"%.80s\"",
                 PQuser(st->conn), plan, unit);
}

int pg_store_history(pg_store *st, const char *plan, const char *unit, double from, double to,
                     sg_snapshot **rows, size_t *n, sg_error *err) {
  int code = check_readable(st, plan, unit, err);
  if (code != SG_OK) return code;
  char lo[32], hi[32];
  snprintf(lo, sizeof lo, "%.17g", from);
  snprintf(hi, sizeof hi, "%.17g", to);
  const char *params[] = {plan, unit, lo, hi};
  PGresult *res = query(st, SQL_HISTORY, 4, params, err);
  if (!res) return failed_code(err);
  size_t count = (size_t)PQntuples(res);
  sg_snapshot *out = count ? malloc(count * sizeof *out) : NULL;
  if (count && !out) {
    PQclear(res);
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory reading the history");
  }
  for (size_t i = 0; i < count; i++)
    out[i] = (sg_snapshot){number_at(res, (int)i, 0), number_at(res, (int)i, 1),
                           number_at(res, (int)i, 2)};
  PQclear(res);
  *rows = out;
  *n = count;
  return sg_ok(err);
}

int pg_store_revisions(pg_store *st, const char *plan, const char *unit, sg_revision **rows,
                       size_t *n, sg_error *err) {
  int code = check_readable(st, plan, unit, err);
  if (code != SG_OK) return code;
  const char *params[] = {plan, unit};
  PGresult *res = query(st, SQL_REVISIONS, 2, params, err);
  if (!res) return failed_code(err);
  size_t count = (size_t)PQntuples(res);
  sg_revision *out = count ? malloc(count * sizeof *out) : NULL;
  if (count && !out) {
    PQclear(res);
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory reading the revisions");
  }
  for (size_t i = 0; i < count; i++) {
    int r = (int)i;
    out[i] = (sg_revision){number_at(res, r, 0), number_at(res, r, 1), number_at(res, r, 2),
                           number_at(res, r, 3), number_at(res, r, 4)};
  }
  PQclear(res);
  *rows = out;
  *n = count;
  return sg_ok(err);
}

int pg_store_count(pg_store *st, const char *plan, const char *unit, size_t *n, sg_error *err) {
  const char *params[] = {plan, unit};
  PGresult *res = plan ? query(st, SQL_COUNT_UNIT, 2, params, err)
                       : query(st, SQL_COUNT_ALL, 0, NULL, err);
  if (!res) return failed_code(err);
  *n = (size_t)atoll(PQgetvalue(res, 0, 0));
  PQclear(res);
  return sg_ok(err);
}

/* ------------------------------------------------------------ access */

/* 1 when the query finds a row, 0 when not, -1 on an error. */
static int found(pg_store *st, const char *sql, const char *plan, const char *document,
                 sg_error *err) {
  const char *params[] = {plan, document};
  PGresult *res = query(st, sql, document ? 2 : 1, params, err);
  if (!res) return -1;
  int any = PQntuples(res) > 0;
  PQclear(res);
  return any;
}

static int add_access(pg_store *st, const char *plan, const char *document, const char *role,
                      sg_error *err) {
  int code = pg_begin(st, 0, err);
  if (code != SG_OK) return code;
  const char *params[] = {plan, document, role};
  PGresult *res = pg_run(st, SQL_ACCESS_ADD, 3, params, "cannot write to", err);
  if (!res) {
    code = failed_code(err);
    pg_abort(st);
    return code;
  }
  PQclear(res);
  return pg_commit(st, err);
}

int pg_store_access(pg_store *st, const char *plan, const char *document, int mode,
                    sg_error *err) {
  int mine = found(st, SQL_ACCESS_GET, plan, document, err);
  if (mine < 0) return failed_code(err);
  if (mine) return sg_ok(err);
  int owned = found(st, SQL_ACCESS_OWNER, plan, NULL, err);
  if (owned < 0) return failed_code(err);
  if (!owned) {
    if (mode != SG_STORE_WRITE) return sg_ok(err);
    int code = add_access(st, plan, document, "owner", err);
    if (code != SG_OK) return code;
    mine = found(st, SQL_ACCESS_GET, plan, document, err);
    if (mine < 0) return failed_code(err);
    if (mine) return sg_ok(err);
  }
  return sg_fail(err, SG_ESTORE_DENIED, -1, -1, 0, 0,
                 "plan \"%.80s\" belongs to another document; it was not %s", plan,
                 mode == SG_STORE_WRITE ? "changed" : "read");
}

int pg_store_grant(pg_store *st, const char *plan, const char *document, sg_error *err) {
  int code = add_access(st, plan, document, "granted", err);
  return code == SG_OK ? sg_ok(err) : code;
}

/* ------------------------------------------------------------ administration */

int pg_store_each(pg_store *st, const char *plan, sg_store_visitor visit, void *ctx,
                  sg_error *err) {
  int code = pg_begin(st, 1, err);
  if (code != SG_OK) return code;
  const char *params[] = {plan};
  PGresult *total = pg_run(st, SQL_EACH_COUNT, 1, params, "cannot read", err);
  PGresult *res = total ? pg_run(st, SQL_EACH, 1, params, "cannot read", err) : NULL;
  if (!res) {
    code = failed_code(err);
    PQclear(total);
    pg_abort(st);
    return code;
  }
  size_t n = (size_t)PQntuples(res), all = (size_t)atoll(PQgetvalue(total, 0, 0));
  PQclear(total);
  pg_abort(st); /* a read-only transaction: nothing to commit */
  code = sg_ok(err);
  for (size_t i = 0; i < n; i++) {
    int r = (int)i;
    sg_store_record rec = {PQgetvalue(res, r, 0), PQgetvalue(res, r, 1), number_at(res, r, 2),
                           number_at(res, r, 3),  number_at(res, r, 4),  number_at(res, r, 5),
                           number_at(res, r, 6)};
    int stop = visit(ctx, &rec, i, all);
    if (stop) {
      code = sg_fail(err, SG_EINVAL, -1, (long)i, stop, 0, "stopped at row %zu", i + 1);
      break;
    }
  }
  PQclear(res);
  return code;
}

int pg_store_purge_plan(pg_store *st, const char *plan, size_t *ndeleted, sg_error *err) {
  int code = pg_begin(st, 0, err);
  if (code != SG_OK) return code;
  PGresult *res = PQexec(st->conn, SQL_PURGE_BEGIN);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    code = pg_fail(st, res, "cannot delete from", err);
    PQclear(res);
    pg_abort(st);
    return code;
  }
  PQclear(res);
  const char *params[] = {plan};
  static const char *const deletes[] = {
      "DELETE FROM salesgoal.snapshot WHERE plan = $1",
      "DELETE FROM salesgoal.snapshot_revision WHERE plan = $1",
      "DELETE FROM salesgoal.plan_access WHERE plan = $1"};
  size_t deleted = 0;
  for (size_t k = 0; k < sizeof deletes / sizeof deletes[0]; k++) {
    res = pg_run(st, deletes[k], 1, params, "cannot delete from", err);
    if (!res) {
      code = failed_code(err);
      pg_abort(st);
      return code;
    }
    if (k == 0) deleted = (size_t)atoll(PQcmdTuples(res));
    PQclear(res);
  }
  res = PQexec(st->conn, SQL_PURGE_END);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    code = pg_fail(st, res, "cannot delete from", err);
    PQclear(res);
    pg_abort(st);
    return code;
  }
  PQclear(res);
  if ((code = pg_commit(st, err)) != SG_OK) return code;
  if (ndeleted) *ndeleted = deleted;
  return sg_ok(err);
}
