/*
 * store_pg_internal.h — the PostgreSQL backend's connection, shared by
 * store_pg.c (connecting, schema, failures) and store_pg_data.c (rows,
 * revisions, access, administration). Private to engine/.
 *
 * Rules: only constant SQL with cell text as a bound parameter; every
 * call is one transaction begun with pg_begin (which reopens a connection
 * lost since the last call); on any failure the transaction is rolled back
 * (or the server rolls it back when the connection is gone) and the
 * connection dropped if it broke, so the next call starts afresh.
 */
#ifndef SG_STORE_PG_INTERNAL_H
#define SG_STORE_PG_INTERNAL_H

#include "store_backend.h"

#include <libpq-fe.h>

struct pg_store {
  PGconn *conn; /* NULL after a lost connection: the next call reconnects */
  int lost;     /* a failure without a server's answer: drop conn, don't trust it */
  char *uri;
  char shown[512]; /* the URI as messages show it (no password) */
};

/* Fill *err from a failed result (NULL: from the connection): "<doing>
 * <uri>: <first line of the server's message>", the code by SQLSTATE. */
int pg_fail(pg_store *st, const PGresult *res, const char *doing, sg_error *err);
/* Open the connection if there is none; SG_OK or why not. */
int pg_ensure(pg_store *st, sg_error *err);
/* BEGIN (a READ ONLY REPEATABLE READ one when read_only): on a connection
 * found dead, reconnect once and retry, since nothing of this call was
 * sent yet. */
int pg_begin(pg_store *st, int read_only, sg_error *err);
/* COMMIT; SG_OK only once the server confirmed it. */
int pg_commit(pg_store *st, sg_error *err);
/* ROLLBACK if the connection still stands, else drop it. */
void pg_abort(pg_store *st);
/* Run a statement with text parameters. Returns the result when it has the
 * expected status (PGRES_TUPLES_OK or PGRES_COMMAND_OK), else NULL with
 * *err filled (the result cleared). */
PGresult *pg_run(pg_store *st, const char *sql, int nparams, const char *const *params,
                 const char *doing, sg_error *err);

#endif
