/*
 * store_admin.c — administration of the snapshot store, for the salesgoal
 * command only: list the plans, export a plan, delete a plan.
 *
 * Built on the backend-neutral sg_store_each and sg_store_purge_plan
 * (store_api.c), so the command serves a SQLite file and a PostgreSQL
 * store alike. Deleting is the one operation the schema forbids on purpose;
 * sg_store_purge_plan lifts that guard for one plan inside one transaction.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sg_store_plans_free(sg_plan_summary *plans, size_t n) {
  if (!plans) return;
  for (size_t i = 0; i < n; i++) free(plans[i].plan);
  free(plans);
}

typedef struct plan_list {
  sg_plan_summary *v;
  size_t n, cap;
  char *last_unit; /* the unit of the previous row, to count distinct units */
  int oom;
} plan_list;

static double later(double a, double b) { return isnan(a) ? b : isnan(b) ? a : fmax(a, b); }

/* Rows come by plan, unit, as_of: a new plan or unit shows as a change. */
static int add_row(void *ctx, const sg_store_record *row, size_t i, size_t total) {
  (void)i;
  (void)total;
  plan_list *l = ctx;
  sg_plan_summary *p = l->n ? &l->v[l->n - 1] : NULL;
  if (!p || strcmp(p->plan, row->plan) != 0) {
    if (l->n == l->cap) {
      size_t cap = l->cap ? 2 * l->cap : 16;
      sg_plan_summary *grown = realloc(l->v, cap * sizeof *grown);
      if (!grown) return l->oom = 1;
      l->v = grown;
      l->cap = cap;
    }
    p = &l->v[l->n];
    if (!(p->plan = strdup(row->plan))) return l->oom = 1;
    l->n++;
    p->units = p->snapshots = 0;
    p->first = p->last = row->as_of;
    p->updated = NAN;
    free(l->last_unit);
    l->last_unit = NULL;
  }
  if (!l->last_unit || strcmp(l->last_unit, row->unit) != 0) {
    free(l->last_unit);
    if (!(l->last_unit = strdup(row->unit))) return l->oom = 1;
    p->units++;
  }
  p->snapshots++;
  p->first = fmin(p->first, row->as_of);
  p->last = fmax(p->last, row->as_of);
  p->updated = later(p->updated, isnan(row->updated) ? row->created : row->updated);
  return 0;
}

int sg_store_plans(sg_store *st, sg_plan_summary **plans, size_t *n, sg_error *err) {
  *plans = NULL;
  *n = 0;
  plan_list l = {0};
  int code = sg_store_each(st, NULL, add_row, &l, err);
  free(l.last_unit);
  if (l.oom) code = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory listing the plans");
  if (code != SG_OK) {
    sg_store_plans_free(l.v, l.n);
    return code;
  }
  *plans = l.v;
  *n = l.n;
  return sg_ok(err);
}

int sg_store_export(sg_store *st, const char *plan, sg_snapshot_visit visit, void *ctx,
                    sg_error *err) {
  if (!plan || !plan[0]) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no plan given");
  return sg_store_each(st, plan, visit, ctx, err);
}

int sg_store_delete_plan(sg_store *st, const char *plan, size_t *ndeleted, sg_error *err) {
  return sg_store_purge_plan(st, plan, ndeleted, err);
}
