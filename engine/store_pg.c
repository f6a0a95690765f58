/*
 * store_pg.c — the snapshot store on PostgreSQL (libpq): connecting within
 * a bounded time, telling our schema from another application's database,
 * creating and versioning the schema, and turning server errors into the
 * store's codes.
 *
 * The tables live in the schema "salesgoal". A database is used only when
 * it is ours (salesgoal.store_version says so) or holds nothing of anybody
 * else (no user tables outside "salesgoal", and "salesgoal" empty or
 * absent); anything else is reported and never touched. Setting up runs in
 * one transaction under an advisory lock, so two first-time clients cannot
 * both create it, and a failure leaves nothing behind (DDL is transactional
 * in PostgreSQL).
 */
#define _POSIX_C_SOURCE 200809L
#include "store_pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)
/* pg_advisory_xact_lock key for schema setup: "SGOL" as in the SQLite id. */
#define SETUP_LOCK "1397182284"
#define NOW_UNIX "extract(epoch FROM clock_timestamp())::float8"

/* The whole schema at version 3 (the SQLite store's version 3: snapshots
 * with their times, revisions, plan owners), in one step from nothing.
 * Later versions append steps that go from 3 onward. */
static const char SQL_CREATE[] =
    "CREATE SCHEMA IF NOT EXISTS salesgoal;"
    "CREATE TABLE salesgoal.store_version ("
    " app text PRIMARY KEY CHECK (app = 'salesgoal'), version integer NOT NULL);"
    "CREATE TABLE salesgoal.snapshot ("
    " plan text NOT NULL, unit text NOT NULL, as_of integer NOT NULL,"
    " target float8 NOT NULL, actual float8 NOT NULL, created float8, updated float8,"
    " PRIMARY KEY (plan, unit, as_of));"
    "CREATE TABLE salesgoal.snapshot_revision ("
    " plan text NOT NULL, unit text NOT NULL, as_of integer NOT NULL,"
    " target float8 NOT NULL, actual float8 NOT NULL, written float8, replaced float8 NOT NULL);"
    "CREATE INDEX snapshot_revision_key ON salesgoal.snapshot_revision (plan, unit, as_of);"
    "CREATE TABLE salesgoal.plan_access ("
    " plan text NOT NULL, document text NOT NULL,"
    " role text NOT NULL CHECK (role IN ('owner', 'granted')), since float8 NOT NULL,"
    " PRIMARY KEY (plan, document));"
    "CREATE UNIQUE INDEX plan_access_one_owner ON salesgoal.plan_access (plan)"
    " WHERE role = 'owner';"
    /* Never deleted, revisions never changed: for every client, not only us. */
    "CREATE FUNCTION salesgoal.refuse() RETURNS trigger LANGUAGE plpgsql AS"
    " $$BEGIN RAISE EXCEPTION 'salesgoal % rows are never deleted or changed', TG_TABLE_NAME;"
    " END$$;"
    "CREATE TRIGGER snapshot_never_deleted BEFORE DELETE ON salesgoal.snapshot"
    " FOR EACH ROW EXECUTE FUNCTION salesgoal.refuse();"
    "CREATE TRIGGER snapshot_never_truncated BEFORE TRUNCATE ON salesgoal.snapshot"
    " FOR EACH STATEMENT EXECUTE FUNCTION salesgoal.refuse();"
    "CREATE TRIGGER revision_never_changed BEFORE DELETE OR UPDATE ON salesgoal.snapshot_revision"
    " FOR EACH ROW EXECUTE FUNCTION salesgoal.refuse();"
    "CREATE TRIGGER revision_never_truncated BEFORE TRUNCATE ON salesgoal.snapshot_revision"
    " FOR EACH STATEMENT EXECUTE FUNCTION salesgoal.refuse();"
    /* An overwrite keeps the old value. SECURITY DEFINER: a manager's role
     * needs no rights on the revision table to have its old values kept. */
    "CREATE FUNCTION salesgoal.keep_revision() RETURNS trigger LANGUAGE plpgsql"
    " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS"
    " $$BEGIN INSERT INTO salesgoal.snapshot_revision VALUES (OLD.plan, OLD.unit, OLD.as_of,"
    " OLD.target, OLD.actual, coalesce(OLD.updated, OLD.created), " NOW_UNIX ");"
    " RETURN NEW; END$$;"
    "CREATE TRIGGER snapshot_keeps_revision BEFORE UPDATE OF target, actual ON salesgoal.snapshot"
    " FOR EACH ROW WHEN (OLD.target IS DISTINCT FROM NEW.target"
    " OR OLD.actual IS DISTINCT FROM NEW.actual)"
    " EXECUTE FUNCTION salesgoal.keep_revision();"
    /* Who may use which rows: true for all until an administrator replaces
     * them (README: row-level security); the store asks them to explain a
     * refusal, the policies use them to enforce it. */
    "CREATE FUNCTION salesgoal.may_read(plan text, unit text) RETURNS boolean"
    " LANGUAGE sql STABLE AS 'SELECT true';"
    "CREATE FUNCTION salesgoal.may_write(plan text, unit text) RETURNS boolean"
    " LANGUAGE sql STABLE AS 'SELECT true';"
    "INSERT INTO salesgoal.store_version VALUES ('salesgoal', " STR(SG_STORE_SCHEMA_VERSION) ");";

/* salesgoal schema present?, its version table present?, objects in it,
 * user tables in other schemas. */
static const char SQL_IDENTIFY[] =
    "SELECT (SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'salesgoal'),"
    " pg_catalog.to_regclass('salesgoal.store_version') IS NOT NULL,"
    " (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
    "  ON n.oid = c.relnamespace WHERE n.nspname = 'salesgoal'),"
    " (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
    "  ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')"
    "  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'salesgoal')"
    "  AND n.nspname NOT LIKE 'pg\\_%')";
static const char SQL_VERSION[] =
    "SELECT version FROM salesgoal.store_version WHERE app = 'salesgoal'";

/* ------------------------------------------------------------ failures */

static int code_of(const PGresult *res, PGconn *conn) {
  if (!conn || PQstatus(conn) != CONNECTION_OK) return SG_ESTORE_OFFLINE;
  const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  /* No SQLSTATE: libpq's own failure (a dead socket, an answer cut off),
   * not the server's: the connection cannot be trusted. */
  if (!state) return SG_ESTORE_OFFLINE;
  if (strcmp(state, "42501") == 0) return SG_ESTORE_ROLE; /* insufficient_privilege */
  if (strcmp(state, "53100") == 0) return SG_ESTORE_FULL; /* disk_full */
  if (strcmp(state, "53200") == 0) return SG_ENOMEM;
  if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
      strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
    return SG_ESTORE_BUSY; /* serialization, deadlock, lock or statement timeout */
  if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
    return SG_ESTORE_OFFLINE; /* connection exception, server shutting down */
  if (strncmp(state, "XX", 2) == 0 || strncmp(state, "58", 2) == 0) return SG_ESTORE_CORRUPT;
  return SG_ESTORE_IO;
}

/* The first line of a libpq message, without "ERROR:  " (a DETAIL line
 * may quote row values, which stay out of cells). */
static void first_line(const char *msg, char *out, size_t size) {
  if (!msg || !msg[0]) msg = "no reason given";
  if (strncmp(msg, "ERROR:  ", 8) == 0) msg += 8;
  if (strncmp(msg, "FATAL:  ", 8) == 0) msg += 8;
  size_t len = strcspn(msg, "\n");
  if (len >= size) len = size - 1;
  memcpy(out, msg, len);
  out[len] = '\0';
}

int pg_fail(pg_store *st, const PGresult *res, const char *doing, sg_error *err) {
  char why[256];
  const char *msg = res ? PQresultErrorMessage(res) : NULL;
  if ((!msg || !msg[0]) && st->conn) msg = PQerrorMessage(st->conn);
  first_line(msg, why, sizeof why);
  int code = code_of(res, st->conn);
  if (code == SG_ESTORE_OFFLINE) st->lost = 1;
  if (code == SG_ESTORE_ROLE)
    return sg_fail(err, code, -1, -1, 0, 0, "permission denied for role \"%.64s\" (%s)",
                   st->conn ? PQuser(st->conn) : "?", why);
  return sg_fail(err, code, -1, -1, 0, 0, "%s %s: %s", doing, st->shown, why);
}

/* ------------------------------------------------------------ statements */

static void drop_connection(pg_store *st) {
  PQfinish(st->conn); /* accepts NULL */
  st->conn = NULL;
  st->lost = 0;
}

PGresult *pg_run(pg_store *st, const char *sql, int nparams, const char *const *params,
                 const char *doing, sg_error *err) {
  PGresult *res = PQexecParams(st->conn, sql, nparams, NULL, params, NULL, NULL, 0);
  ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) return res;
  pg_fail(st, res, doing, err);
  PQclear(res);
  return NULL;
}

void pg_abort(pg_store *st) {
  if (!st->conn) return;
  if (st->lost || PQstatus(st->conn) != CONNECTION_OK) {
    drop_connection(st);
    return;
  }
  if (PQtransactionStatus(st->conn) != PQTRANS_IDLE) PQclear(PQexec(st->conn, "ROLLBACK"));
  if (PQstatus(st->conn) != CONNECTION_OK) drop_connection(st);
}

/* Constant SQL, possibly several statements (PQexec's simple protocol). */
static int exec_simple(pg_store *st, const char *sql, const char *doing, sg_error *err) {
  PGresult *res = PQexec(st->conn, sql);
  ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  int code = SG_OK;
  if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) code = pg_fail(st, res, doing, err);
  PQclear(res);
  return code;
}

int pg_commit(pg_store *st, sg_error *err) {
  int code = exec_simple(st, "COMMIT", "cannot commit to", err);
  if (code != SG_OK) pg_abort(st);
  return code;
}

/* ------------------------------------------------------------ schema */

typedef struct db_state {
  int has_schema, has_version;
  long long ours_objects, other_tables, version;
} db_state;

static int identify(pg_store *st, db_state *d, sg_error *err) {
  memset(d, 0, sizeof *d);
  PGresult *res = pg_run(st, SQL_IDENTIFY, 0, NULL, "cannot read", err);
  if (!res) return err ? err->code : SG_ESTORE_IO;
  d->has_schema = atoll(PQgetvalue(res, 0, 0)) > 0;
  d->has_version = PQgetvalue(res, 0, 1)[0] == 't';
  d->ours_objects = atoll(PQgetvalue(res, 0, 2));
  d->other_tables = atoll(PQgetvalue(res, 0, 3));
  PQclear(res);
  if (!d->has_version) return SG_OK;
  d->version = -1; /* a version table without our row: not ours */
  res = pg_run(st, SQL_VERSION, 0, NULL, "cannot read the schema version of", err);
  if (!res) return err ? err->code : SG_ESTORE_IO;
  if (PQntuples(res) == 1) d->version = atoll(PQgetvalue(res, 0, 0));
  PQclear(res);
  return SG_OK;
}

/* SG_OK with *fresh = 1 when the schema must be created; an error for a
 * database that is not ours or is newer than this salesgoal. */
static int judge(pg_store *st, const db_state *d, int *fresh, sg_error *err) {
  *fresh = 0;
  if (d->has_version && d->version < 0)
    return sg_fail(err, SG_ESTORE_FOREIGN, -1, -1, 0, 0,
                   "%s has a \"salesgoal\" schema of another program; it was left untouched",
                   st->shown);
  if (d->has_version && d->version > SG_STORE_SCHEMA_VERSION)
    return sg_fail(err, SG_ESTORE_NEWER, -1, -1, (double)d->version, SG_STORE_SCHEMA_VERSION,
                   "%s has schema version %lld, this salesgoal knows up to %d", st->shown,
                   d->version, SG_STORE_SCHEMA_VERSION);
  if (d->has_version) return SG_OK;
  if (d->ours_objects > 0)
    return sg_fail(err, SG_ESTORE_FOREIGN, -1, -1, 0, 0,
                   "%s has a \"salesgoal\" schema holding objects of another program; it was "
                   "left untouched",
                   st->shown);
  if (!d->has_schema && d->other_tables > 0)
    return sg_fail(err, SG_ESTORE_FOREIGN, -1, -1, (double)d->other_tables, 0,
                   "%s holds %lld tables of other applications and no salesgoal schema; it was "
                   "left untouched (use an empty database, or CREATE SCHEMA salesgoal in it)",
                   st->shown, d->other_tables);
  *fresh = 1;
  return SG_OK;
}

static int setup_schema(pg_store *st, sg_error *err) {
  int code = exec_simple(st, "BEGIN", "cannot write to", err);
  if (code != SG_OK) return code;
  db_state d;
  int fresh = 0;
  /* Decide again under the lock: another client may have set it up. */
  if ((code = exec_simple(st, "SELECT pg_catalog.pg_advisory_xact_lock(" SETUP_LOCK ")",
                          "cannot lock", err)) != SG_OK ||
      (code = identify(st, &d, err)) != SG_OK || (code = judge(st, &d, &fresh, err)) != SG_OK) {
    pg_abort(st);
    return code;
  }
  if (fresh && (code = exec_simple(st, SQL_CREATE, "cannot set up the schema of", err)) != SG_OK) {
    pg_abort(st);
    return code;
  }
  return pg_commit(st, err);
}

/* ------------------------------------------------------------ connect */

/* libpq prints NOTICEs on stderr by default; Calc's stderr is nobody's. */
static void quiet(void *arg, const char *message) {
  (void)arg;
  (void)message;
}

static int pg_connect(pg_store *st, sg_error *err) {
  drop_connection(st);
  /* Keywords after dbname override what the URI says: the connect timeout
   * and the keepalives bound how long Calc can wait; application_name
   * before it, so a URI may name itself. */
  const char *const keys[] = {"application_name", "dbname", "connect_timeout",
                              "client_encoding", "keepalives", "keepalives_idle",
                              "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                              NULL};
  const char *const values[] = {"salesgoal", st->uri, STR(SG_STORE_CONNECT_S), "UTF8", "1", "5",
                                "2", "2", "5000", NULL};
  st->conn = PQconnectdbParams(keys, values, 1);
  if (!st->conn) return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  PQsetNoticeProcessor(st->conn, quiet, NULL);
  if (PQstatus(st->conn) != CONNECTION_OK) {
    char why[256];
    first_line(PQerrorMessage(st->conn), why, sizeof why);
    drop_connection(st);
    return sg_fail(err, SG_ESTORE_OFFLINE, -1, -1, SG_STORE_CONNECT_S, 0,
                   "cannot connect to %s within %d s: %s", st->shown, SG_STORE_CONNECT_S, why);
  }
  /* A statement waits for locks at most as long as a SQLite writer would. */
  int code = exec_simple(st,
                         "SET statement_timeout = " STR(SG_STORE_BUSY_MS) ";"
                         "SET idle_in_transaction_session_timeout = 60000",
                         "cannot prepare", err);
  db_state d;
  int fresh = 0;
  if (code == SG_OK) code = identify(st, &d, err);
  if (code == SG_OK) code = judge(st, &d, &fresh, err);
  if (code == SG_OK && fresh) code = setup_schema(st, err);
  if (code != SG_OK) drop_connection(st);
  return code;
}

int pg_ensure(pg_store *st, sg_error *err) {
  if (st->conn && !st->lost && PQstatus(st->conn) == CONNECTION_OK) return SG_OK;
  return pg_connect(st, err);
}

int pg_begin(pg_store *st, int read_only, sg_error *err) {
  const char *sql = read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN";
  for (int attempt = 0;; attempt++) {
    int code = pg_ensure(st, err);
    if (code != SG_OK) return code;
    code = exec_simple(st, sql, "cannot write to", err);
    if (code == SG_OK) return SG_OK;
    /* Server restarted since the last call: the old socket is dead. */
    int lost = code == SG_ESTORE_OFFLINE;
    pg_abort(st);
    if (!lost || attempt > 0) return code;
  }
}

int pg_store_open(const char *uri, const char *shown, pg_store **out, sg_error *err) {
  *out = NULL;
  pg_store *st = calloc(1, sizeof *st);
  if (!st || !(st->uri = strdup(uri))) {
    free(st);
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  }
  snprintf(st->shown, sizeof st->shown, "%s", shown);
  int code = pg_connect(st, err);
  if (code != SG_OK) {
    pg_store_close(st);
    return code;
  }
  *out = st;
  return SG_OK;
}

void pg_store_close(pg_store *st) {
  if (!st) return;
  drop_connection(st);
  free(st->uri);
  free(st);
}
