/*
 * store_backend.h — the two snapshot-store backends behind sg_store
 * (store_api.c): SQLite (store.c, store_data.c) and PostgreSQL (store_pg.c,
 * store_pg_data.c). Private to engine/.
 *
 * store_api.c checks every argument (names, dates, numbers, bounds) before
 * a backend sees it, so both backends get the same rows and refuse the same
 * input with the same message; a backend only stores and reads. Each one
 * keeps the same promises: upsert per (plan, unit, as_of), one transaction
 * per call (all rows or none), no value destroyed (revisions), plans bound
 * to documents, nothing deleted, a store that is not ours left untouched.
 */
#ifndef SG_STORE_BACKEND_H
#define SG_STORE_BACKEND_H

#include "internal.h"

typedef struct sqlite_store sqlite_store;
typedef struct pg_store pg_store;

int sqlite_store_open(const char *path, sqlite_store **out, sg_error *err);
void sqlite_store_close(sqlite_store *st);
int sqlite_store_put(sqlite_store *st, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                     sg_error *err);
int sqlite_store_history(sqlite_store *st, const char *plan, const char *unit, double from,
                         double to, sg_snapshot **rows, size_t *n, sg_error *err);
int sqlite_store_revisions(sqlite_store *st, const char *plan, const char *unit,
                           sg_revision **rows, size_t *n, sg_error *err);
int sqlite_store_count(sqlite_store *st, const char *plan, const char *unit, size_t *n,
                       sg_error *err);
int sqlite_store_access(sqlite_store *st, const char *plan, const char *document, int mode,
                        sg_error *err);
int sqlite_store_grant(sqlite_store *st, const char *plan, const char *document, sg_error *err);
int sqlite_store_each(sqlite_store *st, const char *plan, sg_store_visitor visit, void *ctx,
                      sg_error *err);
int sqlite_store_purge_plan(sqlite_store *st, const char *plan, size_t *ndeleted, sg_error *err);

/* uri: a postgresql:// or postgres:// URI without a password; shown: the
 * same for messages. */
int pg_store_open(const char *uri, const char *shown, pg_store **out, sg_error *err);
void pg_store_close(pg_store *st);
int pg_store_put(pg_store *st, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                 sg_error *err);
int pg_store_history(pg_store *st, const char *plan, const char *unit, double from, double to,
                     sg_snapshot **rows, size_t *n, sg_error *err);
int pg_store_revisions(pg_store *st, const char *plan, const char *unit, sg_revision **rows,
                       size_t *n, sg_error *err);
int pg_store_count(pg_store *st, const char *plan, const char *unit, size_t *n, sg_error *err);
int pg_store_access(pg_store *st, const char *plan, const char *document, int mode,
                    sg_error *err);
int pg_store_grant(pg_store *st, const char *plan, const char *document, sg_error *err);
int pg_store_each(pg_store *st, const char *plan, sg_store_visitor visit, void *ctx,
                  sg_error *err);
int pg_store_purge_plan(pg_store *st, const char *plan, size_t *ndeleted, sg_error *err);

#endif
