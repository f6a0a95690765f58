/* sg_store.h — the snapshot store: snapshots, history and administration.
 * Part of the public API: included by salesgoal.h only, never on its own. */
#ifndef SALESGOAL_STORE_H
#define SALESGOAL_STORE_H

/* ------------------------------------------------------------- snapshots
 *
 * A store keeps progress snapshots (plan, unit, as_of) -> (target, actual)
 * in one SQLite file shared by every document and process. Snapshots are
 * upserted on (plan, unit, as_of) and never deleted. as_of is a whole day
 * serial in the 1899-12-30 system (hosts add their NullDate offset), so one
 * file serves documents with either NullDate. Every write is one
 * transaction that waits up to SG_STORE_BUSY_MS for other writers; a
 * process killed mid-write leaves the file consistent with every write
 * that had returned SG_OK. A file that is not an empty file or a salesgoal
 * store is never modified. On failure sg_error.message names the path and
 * SQLite's reason. */

typedef struct sg_store sg_store;

#define SG_STORE_BUSY_MS 5000
#define SG_STORE_SCHEMA_VERSION 3

/* Argument positions reported by sg_store_put; they match
 * SG_SNAPSHOT(plan; unit; as_of; target; actual). `index` is the row. */
enum {
  SG_SNAPSHOT_ARG_PLAN = 0,
  SG_SNAPSHOT_ARG_UNIT = 1,
  SG_SNAPSHOT_ARG_AS_OF = 2,
  SG_SNAPSHOT_ARG_TARGET = 3,
  SG_SNAPSHOT_ARG_ACTUAL = 4
};

/* Largest |as_of| accepted: about 27,000 years either side of 1899. */
#define SG_STORE_MAX_DAY 1e7

typedef struct sg_snapshot_row {
  const char *plan;  /* non-empty UTF-8 */
  const char *unit;  /* non-empty UTF-8 */
  double as_of;      /* whole day serial (1899-12-30 system), |as_of| <= SG_STORE_MAX_DAY */
  double target;     /* finite */
  double actual;     /* finite */
} sg_snapshot_row;

typedef struct sg_snapshot {
  double as_of, target, actual;
} sg_snapshot;

/* Open (creating it if the file is missing or empty) the store at path;
 * the directory must exist. Migrates an older schema forward in one
 * transaction. SG_ESTORE_CORRUPT / _FOREIGN / _NEWER leave the file as it
 * was. *out is NULL on failure. */
int sg_store_open(const char *path, sg_store **out, sg_error *err);
void sg_store_close(sg_store *store); /* accepts NULL */

/* Upsert n rows in one transaction: all of them or (on any failure, bad
 * row included) none. *nwritten (may be NULL) counts rows inserted or
 * changed; rows already holding the same values are left alone. */
int sg_store_put(sg_store *store, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                 sg_error *err);

/* The snapshots of (plan, unit) with from <= as_of <= to (use -HUGE_VAL /
 * HUGE_VAL for no bound), in date order, read as one consistent view.
 * *rows is allocated (NULL when *n == 0); free it with sg_store_free. */
int sg_store_history(sg_store *store, const char *plan, const char *unit, double from, double to,
                     sg_snapshot **rows, size_t *n, sg_error *err);
void sg_store_free(void *p);

/* Number of snapshots of (plan, unit), or of the whole store when plan
 * and unit are both NULL. */
int sg_store_count(sg_store *store, const char *plan, const char *unit, size_t *n, sg_error *err);

/* Least-squares line y = intercept + slope * x through n points and its
 * value at x = at (computed around the mean of x, so day serials near
 * 45,000 lose no precision). Needs at least two distinct x (SG_ETOOFEW,
 * value = the number of distinct x). slope, intercept may be NULL. */
int sg_trend(size_t n, const double *x, const double *y, double at, double *forecast,
             double *slope, double *intercept, sg_error *err);


/* ------------------------------------------------ store backends (issue 16)
 *
 * sg_store_open takes a location, not only a file: an absolute file path is
 * the SQLite store described above; a postgresql:// or postgres:// URI is a
 * PostgreSQL store (libpq) with the same semantics: upsert per (plan, unit,
 * as_of), every call one transaction (all rows or none), values replaced by
 * an overwrite kept as revisions, plans bound to documents, nothing ever
 * deleted (triggers, for every client), dates as 1899-12-30 day serials.
 * Its tables live in the schema "salesgoal" with a version table
 * (salesgoal.store_version); a database holding other applications' tables
 * and no salesgoal schema, or a "salesgoal" schema that is not ours, is
 * reported (SG_ESTORE_FOREIGN) and never touched. Anything else (a relative
 * path, ":memory:", another scheme, a URI carrying a password) is refused
 * with SG_ESTORE_LOCATION. Passwords come only from libpq's own mechanisms
 * (~/.pgpass, PGPASSFILE, a service file, PGPASSWORD); no message ever
 * shows one. Connecting waits at most SG_STORE_CONNECT_S seconds and one
 * statement at most SG_STORE_BUSY_MS; a lost connection is reopened by the
 * next call (an interrupted transaction is rolled back by the server, so
 * nothing is written half and nothing acknowledged is lost).
 *
 * Row-level security: the schema carries salesgoal.may_read(plan, unit)
 * and salesgoal.may_write(plan, unit) (both true until an administrator
 * replaces them, see the README); policies built on them decide which rows a
 * role sees, and the store asks them first, so a refusal is reported as
 * SG_ESTORE_ROLE naming the role, plan and unit instead of an empty history.
 *
 * Administration (the salesgoal command, never a formula) goes through
 * sg_store_each and sg_store_purge_plan, which both backends serve. */

#define SG_ESTORE_LOCATION 70 /* not an absolute path nor a PostgreSQL URI (or one with a password) */
#define SG_ESTORE_ROLE 71     /* the database role may not read or write this plan/unit */
#define SG_ESTORE_OFFLINE 72  /* the database server cannot be reached, or the connection was lost */

#define SG_STORE_CONNECT_S 2

enum { SG_STORE_NONE = 0, SG_STORE_SQLITE = 1, SG_STORE_POSTGRESQL = 2 };

/* Which backend a location names (SG_STORE_NONE: refused). */
int sg_store_kind(const char *location);

/* location for a message: a URI without its password (user:secret@ and
 * password=...), a path as it is; always NUL-terminated, cut to size. */
void sg_store_redact(const char *location, char *out, size_t size);

/* The open store's backend, and its location as sg_store_redact shows it. */
int sg_store_backend(const sg_store *store);
const char *sg_store_where(const sg_store *store);

/* One stored snapshot with its times, for administration. */
typedef struct sg_store_record {
  const char *plan, *unit;  /* valid during the callback only */
  double as_of, target, actual;
  double created, updated;  /* unix seconds; NaN when unknown (schema 1 rows) */
} sg_store_record;

/* Called for row i of total (both from one consistent view); non-zero
 * stops the walk, and sg_store_each returns SG_EINVAL (value = that). */
typedef int (*sg_store_visitor)(void *ctx, const sg_store_record *row, size_t i, size_t total);

/* Every snapshot of plan (NULL: of every plan), by plan, unit, as_of. */
int sg_store_each(sg_store *store, const char *plan, sg_store_visitor visit, void *ctx,
                  sg_error *err);

/* Delete every row of plan (snapshots, revisions, document access) in one
 * transaction; the never-deleted guards are lifted for that transaction
 * only, so no other connection sees the store unguarded. The only way rows
 * leave a store. PostgreSQL: needs the role owning the tables.
 * *ndeleted (may be NULL) = snapshot rows deleted. */
int sg_store_purge_plan(sg_store *store, const char *plan, size_t *ndeleted, sg_error *err);

/* ------------------------------------------------- store administration
 *
 * For the salesgoal command, never for a formula (store_admin.c, on
 * sg_store_each and sg_store_purge_plan, so both backends serve it): what
 * the store holds, a plan's rows with their times, and deleting a plan,
 * the only way rows ever leave the store. */

typedef struct sg_plan_summary {
  char *plan;             /* owned, freed by sg_store_plans_free */
  size_t units, snapshots;
  double first, last;     /* earliest and latest as_of (day serials) */
  double updated;         /* latest write, unix seconds (NAN if unknown) */
} sg_plan_summary;

/* Every plan in the store, by name. *plans is NULL when *n == 0. */
int sg_store_plans(sg_store *store, sg_plan_summary **plans, size_t *n, sg_error *err);
void sg_store_plans_free(sg_plan_summary *plans, size_t n); /* accepts NULL */

/* One exported row: the same record sg_store_each gives. */
typedef sg_store_record sg_snapshot_record;

/* Called for row i of total; a non-zero return stops the export and is
 * returned by sg_store_export (with err->code SG_EINVAL). */
typedef sg_store_visitor sg_snapshot_visit;

/* Every snapshot of plan, by unit then date, from one consistent view. */
int sg_store_export(sg_store *store, const char *plan, sg_snapshot_visit visit, void *ctx,
                    sg_error *err);

/* Delete every row of plan (snapshots, revisions, document access) in one
 * transaction (sg_store_purge_plan): no other connection ever sees the
 * store unguarded and a failure leaves everything as it was. *ndeleted =
 * snapshot rows deleted. */
int sg_store_delete_plan(sg_store *store, const char *plan, size_t *ndeleted, sg_error *err);

#endif /* SALESGOAL_STORE_H */
