/* store_pg.h — a fresh PostgreSQL database per test on the throw-away
 * server of scripts/pg-cluster.sh ($SG_TEST_PG), and raw SQL on it for the
 * checks the store API does not offer. Header-only, for the store tests.
 * Without $SG_TEST_PG the PostgreSQL tests are skipped, unless
 * SG_REQUIRE_PG=1 (make check), where that is a failure. */
#ifndef SG_STORE_PG_H
#define SG_STORE_PG_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PG_URI_SIZE 1024

/* 1 when a server is there; 0 to skip; exits when one is required. */
static inline int pg_available(void) {
  const char *uri = getenv("SG_TEST_PG");
  if (uri && uri[0]) return 1;
  const char *need = getenv("SG_REQUIRE_PG");
  if (need && strcmp(need, "1") == 0) {
    fprintf(stderr, "SG_REQUIRE_PG=1 but no SG_TEST_PG: run under scripts/pg-cluster.sh\n");
    exit(2);
  }
  return 0;
}

/* URI of database `name` on the test server, as user `user`. */
static inline void pg_uri(char *out, size_t size, const char *name, const char *user) {
  snprintf(out, size, "postgresql:///%s?host=%s&user=%s", name, getenv("SG_TEST_PG_HOST"),
           user);
}

/* Run sql on database `db` as the superuser; returns 0 when it worked. */
static inline int pg_exec_on(const char *db, const char *sql) {
  char uri[PG_URI_SIZE];
  pg_uri(uri, sizeof uri, db, "postgres");
  PGconn *c = PQconnectdb(uri);
  int ok = PQstatus(c) == CONNECTION_OK;
  if (ok) {
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    PGresult *r = PQexec(c, sql);
    ExecStatusType s = PQresultStatus(r);
    ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    if (!ok && getenv("SG_TEST_VERBOSE")) fprintf(stderr, "pg: %s", PQerrorMessage(c));
    PQclear(r);
  }
  PQfinish(c);
  return ok ? 0 : -1;
}

/* The first column of the first row of sql on db, as a number (-1 if none). */
static inline long long pg_int_on(const char *db, const char *sql) {
  char uri[PG_URI_SIZE];
  pg_uri(uri, sizeof uri, db, "postgres");
  PGconn *c = PQconnectdb(uri);
  long long v = -1;
  if (PQstatus(c) == CONNECTION_OK) {
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
      v = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
  }
  PQfinish(c);
  return v;
}

/* A new, empty database; its name in name (64 bytes), its URI in uri. */
static inline void pg_fresh_db(char *name, char *uri, size_t size) {
  static int serial;
  snprintf(name, 64, "sgt_%ld_%d", (long)getpid(), ++serial);
  char sql[128];
  snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
  pg_exec_on("postgres", sql);
  snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
  if (pg_exec_on("postgres", sql) != 0) {
    fprintf(stderr, "cannot create test database %s\n", name);
    exit(2);
  }
  pg_uri(uri, size, name, "postgres");
}

static inline void pg_drop_db(const char *name) {
  char sql[160];
  snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  pg_exec_on("postgres", sql);
}

#endif
