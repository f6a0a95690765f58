/*
 * store_api.c — sg_store: one interface, two backends (store_backend.h).
 * The location picks the backend; every argument is checked here, once,
 * so SQLite and PostgreSQL accept and refuse exactly the same calls.
 */
#define _POSIX_C_SOURCE 200809L
#include "store_backend.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sg_store {
  int kind;
  sqlite_store *lite;
  pg_store *pg;
  char where[512]; /* the location as messages show it (no password) */
};

void sg_store_free(void *p) { free(p); }

/* ------------------------------------------------------------ locations */

static int has_prefix(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int is_pg_uri(const char *s) {
  return has_prefix(s, "postgresql://") || has_prefix(s, "postgres://");
}

int sg_store_kind(const char *location) {
  if (!location || !location[0]) return SG_STORE_NONE;
  if (location[0] == '/') return SG_STORE_SQLITE;
  if (is_pg_uri(location)) return SG_STORE_POSTGRESQL;
  return SG_STORE_NONE;
}

/* Where the user-info part of a URI ends ('@' before the host), or NULL. */
static const char *userinfo_end(const char *uri) {
  const char *auth = strstr(uri, "://") + 3;
  size_t len = strcspn(auth, "/?#");
  const char *at = NULL;
  for (const char *p = auth; p < auth + len; p++)
    if (*p == '@') at = p;
  return at;
}

/* Does the URI carry a password (user:secret@ or a password= parameter)? */
static int uri_has_password(const char *uri) {
  const char *at = userinfo_end(uri);
  const char *auth = strstr(uri, "://") + 3;
  if (at && memchr(auth, ':', (size_t)(at - auth))) return 1;
  const char *q = strchr(uri, '?');
  for (const char *p = q; p && *p; p = strpbrk(p + 1, "?&"))
    if (has_prefix(p + 1, "password=")) return 1;
  return 0;
}

void sg_store_redact(const char *location, char *out, size_t size) {
  if (!size) return;
  out[0] = '\0';
  if (!location) return;
  if (!is_pg_uri(location)) {
    snprintf(out, size, "%s", location);
    return;
  }
  size_t o = 0;
  const char *auth = strstr(location, "://") + 3;
  const char *at = userinfo_end(location);
  const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
  for (const char *p = location; *p && o + 1 < size;) {
    if (colon && p == colon) { /* user:secret@ -> user:***@ */
      const char *mask = ":***";
      for (; *mask && o + 1 < size; mask++) out[o++] = *mask;
      p = at;
      continue;
    }
    if ((*p == '?' || *p == '&') && has_prefix(p + 1, "password=")) {
      const char *mask = "password=***";
      out[o++] = *p;
      for (; *mask && o + 1 < size; mask++) out[o++] = *mask;
      p += 1 + strcspn(p + 1, "&#");
      continue;
    }
    out[o++] = *p++;
  }
  out[o] = '\0';
}

int sg_store_backend(const sg_store *st) { return st ? st->kind : SG_STORE_NONE; }
const char *sg_store_where(const sg_store *st) { return st ? st->where : ""; }

/* ------------------------------------------------------------ open, close */

int sg_store_open(const char *location, sg_store **out, sg_error *err) {
  sg_error local; /* backends always get somewhere to say why */
  if (!err) err = &local;
  *out = NULL;
  if (!location || !location[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no location given for the snapshot store");
  int kind = sg_store_kind(location);
  char shown[512];
  sg_store_redact(location, shown, sizeof shown);
  /* ":memory:", "" (a temporary file) and relative paths would be accepted
   * by SQLite and lose every write, or land wherever the process happens to
   * run: only an absolute file path names a store that lasts. */
  if (kind == SG_STORE_NONE)
    return sg_fail(err, SG_ESTORE_LOCATION, -1, -1, 0, 0,
                   "the snapshot store must be an absolute file path or a postgresql:// URI, "
                   "not \"%.200s\"",
                   shown);
  if (kind == SG_STORE_POSTGRESQL && uri_has_password(location))
    return sg_fail(err, SG_ESTORE_LOCATION, -1, -1, 0, 0,
                   "%.300s carries a password; keep passwords in ~/.pgpass (or PGPASSFILE, a "
                   "service file) instead",
                   shown);
  sg_store *st = calloc(1, sizeof *st);
  if (!st) return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  st->kind = kind;
  memcpy(st->where, shown, sizeof st->where);
  int code = kind == SG_STORE_SQLITE ? sqlite_store_open(location, &st->lite, err)
                                     : pg_store_open(location, shown, &st->pg, err);
  if (code != SG_OK) {
    free(st);
    return code;
  }
  *out = st;
  return sg_ok(err);
}

void sg_store_close(sg_store *st) {
  if (!st) return;
  sqlite_store_close(st->lite);
  pg_store_close(st->pg);
  free(st);
}

/* ------------------------------------------------------------ checks */

/* Characters (not bytes) of UTF-8 text: the cap is what a planner counts. */
static size_t utf8_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

static int check_name(const char *name, int arg, long at, const char *what, sg_error *err) {
  if (!name || !name[0])
    return sg_fail(err, SG_EINVAL, arg, at, 0, 0, "row %ld has no %s", at + 1, what);
  size_t chars = utf8_chars(name);
  if (chars > SG_STORE_MAX_NAME)
    return sg_fail(err, SG_ETOOLONG, arg, at, (double)chars, SG_STORE_MAX_NAME,
                   "the %s of row %ld has %zu characters, more than %d", what, at + 1, chars,
                   SG_STORE_MAX_NAME);
  return SG_OK;
}

static int check_row(const sg_snapshot_row *r, size_t i, sg_error *err) {
  long at = (long)i;
  int code = check_name(r->plan, SG_SNAPSHOT_ARG_PLAN, at, "plan", err);
  if (code == SG_OK) code = check_name(r->unit, SG_SNAPSHOT_ARG_UNIT, at, "unit", err);
  if (code != SG_OK) return code;
  if (!isfinite(r->as_of))
    return sg_fail(err, SG_ENONFINITE, SG_SNAPSHOT_ARG_AS_OF, at, r->as_of, 0,
                   "the date of row %zu is not a finite number", i + 1);
  if (fabs(r->as_of) > SG_STORE_MAX_DAY || r->as_of != floor(r->as_of))
    return sg_fail(err, SG_ERANGE, SG_SNAPSHOT_ARG_AS_OF, at, r->as_of, SG_STORE_MAX_DAY,
                   "the date %g of row %zu is not a whole day serial within +-%g", r->as_of,
                   i + 1, SG_STORE_MAX_DAY);
  if (!isfinite(r->target))
    return sg_fail(err, SG_ENONFINITE, SG_SNAPSHOT_ARG_TARGET, at, r->target, 0,
                   "the target of row %zu is not a finite number", i + 1);
  if (!isfinite(r->actual))
    return sg_fail(err, SG_ENONFINITE, SG_SNAPSHOT_ARG_ACTUAL, at, r->actual, 0,
                   "the actual of row %zu is not a finite number", i + 1);
  return SG_OK;
}

static int need_key(const char *plan, const char *unit, sg_error *err) {
  if (!plan || !unit) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and unit are needed");
  return SG_OK;
}

/* ------------------------------------------------------------ calls */

int sg_store_put(sg_store *st, size_t n, const sg_snapshot_row *rows, size_t *nwritten,
                 sg_error *err) {
  sg_error local; /* backends always get somewhere to say why */
  if (!err) err = &local;
  if (nwritten) *nwritten = 0;
  for (size_t i = 0; i < n; i++) {
    int code = check_row(&rows[i], i, err);
    if (code != SG_OK) return code;
  }
  return st->pg ? pg_store_put(st->pg, n, rows, nwritten, err)
                : sqlite_store_put(st->lite, n, rows, nwritten, err);
}

int sg_store_history(sg_store *st, const char *plan, const char *unit, double from, double to,
                     sg_snapshot **rows, size_t *n, sg_error *err) {
  sg_error local; /* backends always get somewhere to say why */
  if (!err) err = &local;
  *rows = NULL;
  *n = 0;
  if (need_key(plan, unit, err) != SG_OK) return SG_EINVAL;
  if (isnan(from) || isnan(to))
    return sg_fail(err, SG_ENONFINITE, -1, -1, 0, 0, "a date bound is not a number");
  /* Clamp so an infinite bound binds as an ordinary number. */
  from = fmax(from, -2 * SG_STORE_MAX_DAY);
  to = fmin(to, 2 * SG_STORE_MAX_DAY);
  return st->pg ? pg_store_history(st->pg, plan, unit, from, to, rows, n, err)
                : sqlite_store_history(st->lite, plan, unit, from, to, rows, n, err);
}

int sg_store_revisions(sg_store *st, const char *plan, const char *unit, sg_revision **rows,
                       size_t *n, sg_error *err) {
  sg_error local; /* backends always get somewhere to say why */
  if (!err) err = &local;
  *rows = NULL;
  *n = 0;
  if (need_key(plan, unit, err) != SG_OK) return SG_EINVAL;
  return st->pg ? pg_store_revisions(st->pg, plan, unit, rows, n, err)
                : sqlite_store_revisions(st->lite, plan, unit, rows, n, err);
}

int sg_store_count(sg_store *st, const char *plan, const char *unit, size_t *n, sg_error *err) {
  sg_error local; /* backends always get somewhere to say why */
  if (!err) err = &local;
  *n = 0;
  if (!plan != !unit)
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "give both plan and unit, or neither");
  return st->pg ? pg_store_count(st->pg, plan, unit, n, err)
                : sqlite_store_count(st->lite, plan, unit, n, err);
}

int sg_store_access(sg_store *st, const char *plan, const char *document, int mode,
                    sg_error *err) {
  sg_error local; /* backends always get somewhere to say why */
  if (!err) err = &local;
  if (!document) return sg_ok(err); /* a host without documents: the user at the keyboard */
  if (!plan || !plan[0] || !document[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and document are needed");
  return st->pg ? pg_store_access(st->pg, plan, document, mode, err)
                : sqlite_store_access(st->lite, plan, document, mode, err);
}

int sg_store_grant(sg_store *st, const char *plan, const char *document, sg_error *err) {
  sg_error local; /* backends always get somewhere to say why */
  if (!err) err = &local;
  if (!plan || !plan[0] || !document || !document[0])
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "plan and document are needed");
  return st->pg ? pg_store_grant(st->pg, plan, document, err)
                : sqlite_store_grant(st->lite, plan, document, err);
}

/* ------------------------------------------------------------ administration */

int sg_store_each(sg_store *st, const char *plan, sg_store_visitor visit, void *ctx,
                  sg_error *err) {
  sg_error local;
  if (!err) err = &local;
  if (!visit) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no visitor given");
  return st->pg ? pg_store_each(st->pg, plan, visit, ctx, err)
                : sqlite_store_each(st->lite, plan, visit, ctx, err);
}

int sg_store_purge_plan(sg_store *st, const char *plan, size_t *ndeleted, sg_error *err) {
  sg_error local;
  if (!err) err = &local;
  if (ndeleted) *ndeleted = 0;
  if (!plan || !plan[0]) return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "no plan given");
  return st->pg ? pg_store_purge_plan(st->pg, plan, ndeleted, err)
                : sqlite_store_purge_plan(st->lite, plan, ndeleted, err);
}
