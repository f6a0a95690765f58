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


/* ------------------------------------------------- store administration
 *
 * For the salesgoal command, never for a formula (store_admin.c): what the
 * store holds, a plan's rows with their times, and deleting a plan, the
 * only way rows ever leave the store. */

typedef struct sg_plan_summary {
  char *plan;             /* owned, freed by sg_store_plans_free */
  size_t units, snapshots;
  double first, last;     /* earliest and latest as_of (day serials) */
  double updated;         /* latest write, unix seconds (NAN if unknown) */
} sg_plan_summary;

/* Every plan in the store, by name. *plans is NULL when *n == 0. */
int sg_store_plans(sg_store *store, sg_plan_summary **plans, size_t *n, sg_error *err);
void sg_store_plans_free(sg_plan_summary *plans, size_t n); /* accepts NULL */

typedef struct sg_snapshot_record {
  const char *plan, *unit; /* valid during the callback only */
  double as_of, target, actual;
  double created, updated; /* unix seconds, NAN for rows written before schema 2 */
} sg_snapshot_record;

/* Called for row i of total; a non-zero return stops the export and is
 * returned by sg_store_export (with err->code SG_EINVAL). */
typedef int (*sg_snapshot_visit)(void *ctx, const sg_snapshot_record *row, size_t i, size_t total);

/* Every snapshot of plan, by unit then date, from one consistent view. */
int sg_store_export(sg_store *store, const char *plan, sg_snapshot_visit visit, void *ctx,
                    sg_error *err);

/* Delete every row of plan, in every table of the store that has a plan
 * column, in one transaction: the tables' guard triggers (which make a
 * DELETE fail for every other program) are dropped and recreated from their
 * own SQL inside it, so no other connection ever sees them missing and a
 * failure leaves everything as it was. *ndeleted = snapshot rows deleted. */
int sg_store_delete_plan(sg_store *store, const char *plan, size_t *ndeleted, sg_error *err);

#endif /* SALESGOAL_STORE_H */
