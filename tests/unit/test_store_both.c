/* test_store_both.c — the store's promises, run against BOTH backends: the
 * SQLite file and a PostgreSQL database on the throw-away server of
 * scripts/pg-cluster.sh (skipped without $SG_TEST_PG, a failure with
 * SG_REQUIRE_PG=1 as in make check). Every test runs once per backend with
 * the same expectations: upsert per (plan, unit, day), all or nothing per
 * call, deletes refused for every client, revisions kept, plans bound to
 * documents, name caps, NullDate-independent dates through SG_SNAPSHOT /
 * SG_HISTORY, administration (each, purge), foreign and newer stores
 * refused untouched. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_pg.h"
#include "store_tmp.h"

typedef struct both {
  int kind;
  tmp_env *tmp;        /* SQLite: its folder and file */
  char name[64];       /* PostgreSQL: the database */
  char loc[PG_URI_SIZE];
} both;

static int setup_lite(void **state) {
  both *b = calloc(1, sizeof *b);
  void *t = NULL;
  if (!b || tmp_env_setup(&t, "snapshots.sqlite") != 0) return -1;
  b->kind = SG_STORE_SQLITE;
  b->tmp = t;
  snprintf(b->loc, sizeof b->loc, "%s", b->tmp->db);
  *state = b;
  return 0;
}

static int setup_pg(void **state) {
  if (!pg_available()) {
    *state = NULL;
    return 0;
  }
  both *b = calloc(1, sizeof *b);
  if (!b) return -1;
  b->kind = SG_STORE_POSTGRESQL;
  pg_fresh_db(b->name, b->loc, sizeof b->loc);
  *state = b;
  return 0;
}

static int teardown(void **state) {
  both *b = *state;
  unsetenv("SALESGOAL_DB");
  if (!b) return 0;
  if (b->tmp) {
    void *t = b->tmp;
    tmp_env_teardown(&t);
  }
  if (b->name[0]) pg_drop_db(b->name);
  free(b);
  return 0;
}

/* The backend of this run, or skip (no server). */
static both *backend(void **state) {
  both *b = *state;
  if (!b) skip();
  return b;
}

/* The run's store (store_tmp.h's open_ok), on the backend of this run. */
static sg_store *open_both(const both *b) {
  sg_store *st = open_ok(b->loc);
  assert_int_equal(sg_store_backend(st), b->kind);
  return st;
}

static size_t count(sg_store *st, const char *plan, const char *unit) {
  size_t n = 99999;
  assert_int_equal(sg_store_count(st, plan, unit, &n, NULL), SG_OK);
  return n;
}

/* Raw SQL as another client would send it: 0 when it was accepted. */
static int raw(const both *b, const char *sql) {
  if (b->kind == SG_STORE_POSTGRESQL) return pg_exec_on(b->name, sql);
  sqlite3 *db = NULL;
  int rc = sqlite3_open(b->loc, &db);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : -1;
}

/* -------------------------------------------------------------- writes */

static void upsert_per_plan_unit_day(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  sg_snapshot_row rows[] = {{"FY25", "North", 45000, 1000, 100},
                            {"FY25", "South", 45000, 800, 50},
                            {"FY25", "North", 45010, 1000, 200}};
  size_t written = 0;
  assert_int_equal(sg_store_put(st, 3, rows, &written, NULL), SG_OK);
  assert_int_equal(written, 3);
  /* A recalculation: same rows, nothing written, nothing added. */
  assert_int_equal(sg_store_put(st, 3, rows, &written, NULL), SG_OK);
  assert_int_equal(written, 0);
  assert_int_equal(count(st, NULL, NULL), 3);
  /* A changed figure for the same day replaces the snapshot. */
  rows[0].actual = 120;
  assert_int_equal(sg_store_put(st, 1, rows, &written, NULL), SG_OK);
  assert_int_equal(written, 1);
  assert_int_equal(count(st, NULL, NULL), 3);
  assert_int_equal(count(st, "FY25", "North"), 2);
  sg_store_close(st);
  /* Reopened: the rows are in the store, not a cache. */
  st = open_both(b);
  sg_snapshot *h = NULL;
  size_t n = 0;
  assert_int_equal(sg_store_history(st, "FY25", "North", -HUGE_VAL, HUGE_VAL, &h, &n, NULL), SG_OK);
  assert_int_equal(n, 2);
  assert_true(h[0].as_of == 45000 && h[0].target == 1000 && h[0].actual == 120);
  assert_true(h[1].as_of == 45010 && h[1].actual == 200);
  sg_store_free(h);
  sg_store_close(st);
}

/* One bad row anywhere: nothing of the call is stored; exact values
 * (0.1, 1e-300, a 17-digit value) come back bit for bit. */
static void all_or_nothing_exact_values(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  sg_snapshot_row rows[] = {{"P", "a", 45000, 0.1, 1e-300}, {"P", "b", 45000, NAN, 1}};
  sg_error err;
  assert_int_equal(sg_store_put(st, 2, rows, NULL, &err), SG_ENONFINITE);
  assert_int_equal(err.arg, SG_SNAPSHOT_ARG_TARGET);
  assert_int_equal(err.index, 1);
  rows[1] = (sg_snapshot_row){"P", "b", -45000.5, 1, 1};
  assert_int_equal(sg_store_put(st, 2, rows, NULL, &err), SG_ERANGE);
  assert_int_equal(count(st, NULL, NULL), 0);
  rows[1] = (sg_snapshot_row){"P", "b", -45000, 123456789.12345678, -0.0};
  assert_int_equal(sg_store_put(st, 2, rows, NULL, &err), SG_OK);
  sg_snapshot *h = NULL;
  size_t n = 0;
  assert_int_equal(sg_store_history(st, "P", "a", -HUGE_VAL, HUGE_VAL, &h, &n, NULL), SG_OK);
  assert_true(n == 1 && h[0].target == 0.1 && h[0].actual == 1e-300);
  sg_store_free(h);
  assert_int_equal(sg_store_history(st, "P", "b", -HUGE_VAL, HUGE_VAL, &h, &n, NULL), SG_OK);
  assert_true(n == 1 && h[0].as_of == -45000 && h[0].target == 123456789.12345678);
  sg_store_free(h);
  sg_store_close(st);
}

/* "Never deleted" holds for any client, not only for us. */
static void deletes_refused_for_every_client(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", "u", 1, 2, 3}}, NULL, NULL),
                   SG_OK);
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", "u", 1, 2, 4}}, NULL, NULL),
                   SG_OK);
  const char *pg_sql[] = {"DELETE FROM salesgoal.snapshot", "TRUNCATE salesgoal.snapshot",
                          "DELETE FROM salesgoal.snapshot_revision",
                          "UPDATE salesgoal.snapshot_revision SET actual = 0"};
  const char *lite_sql[] = {"DELETE FROM snapshot", "DELETE FROM snapshot",
                            "DELETE FROM snapshot_revision",
                            "UPDATE snapshot_revision SET actual = 0"};
  for (size_t i = 0; i < 4; i++)
    assert_int_not_equal(raw(b, b->kind == SG_STORE_POSTGRESQL ? pg_sql[i] : lite_sql[i]), 0);
  assert_int_equal(count(st, NULL, NULL), 1);
  sg_store_close(st);
}

/* -------------------------------------------------------------- reads */

static void history_in_date_order(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  double days[] = {45030, 45000, 45020, 45010, 45040};
  for (size_t i = 0; i < 5; i++) {
    sg_snapshot_row r = {"Plan", "West", days[i], 500, days[i] - 44900};
    assert_int_equal(sg_store_put(st, 1, &r, NULL, NULL), SG_OK);
  }
  /* Another unit and another plan with the same name must not leak in. */
  assert_int_equal(sg_store_put(st, 2,
                                (sg_snapshot_row[]){{"Plan", "East", 45005, 1, 1},
                                                    {"Other", "West", 45005, 1, 1}},
                                NULL, NULL),
                   SG_OK);
  sg_snapshot *h = NULL;
  size_t n = 0;
  assert_int_equal(sg_store_history(st, "Plan", "West", -HUGE_VAL, HUGE_VAL, &h, &n, NULL), SG_OK);
  assert_int_equal(n, 5);
  for (size_t i = 0; i < n; i++) {
    assert_true(h[i].as_of == 45000 + 10.0 * (double)i);
    assert_true(h[i].actual == h[i].as_of - 44900);
  }
  sg_store_free(h);
  /* Both bounds are included. */
  assert_int_equal(sg_store_history(st, "Plan", "West", 45010, 45030, &h, &n, NULL), SG_OK);
  assert_true(n == 3 && h[0].as_of == 45010 && h[2].as_of == 45030);
  sg_store_free(h);
  assert_int_equal(sg_store_history(st, "Plan", "Nobody", -HUGE_VAL, HUGE_VAL, &h, &n, NULL),
                   SG_OK);
  assert_int_equal(n, 0);
  assert_null(h);
  sg_store_close(st);
}

/* 800 overwritten by 1 (the hostile TODAY() workbook of issue 11): both
 * values are kept, oldest first, the current one last. */
static void overwrite_keeps_revision(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", "u", 45000, 900, 800}}, NULL,
                                NULL),
                   SG_OK);
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", "u", 45000, 900, 1}}, NULL, NULL),
                   SG_OK);
  /* The same values again: no new revision. */
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", "u", 45000, 900, 1}}, NULL, NULL),
                   SG_OK);
  sg_revision *r = NULL;
  size_t n = 0;
  assert_int_equal(sg_store_revisions(st, "P", "u", &r, &n, NULL), SG_OK);
  assert_int_equal(n, 2);
  assert_true(r[0].actual == 800 && !isnan(r[0].replaced) && r[0].written > 1.6e9);
  assert_true(r[1].actual == 1 && isnan(r[1].replaced));
  assert_true(r[0].replaced >= r[0].written);
  sg_store_free(r);
  sg_store_close(st);
}

/* A plan belongs to the document that first wrote it; others need a grant. */
static void plans_bound_to_documents(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  const char *mine = "file:///home/a/tracker.ods", *theirs = "file:///tmp/received.ods";
  sg_error err;
  assert_int_equal(sg_store_access(st, "FY26", mine, SG_STORE_WRITE, &err), SG_OK);
  assert_int_equal(sg_store_access(st, "FY26", mine, SG_STORE_READ, &err), SG_OK);
  assert_int_equal(sg_store_access(st, "FY26", theirs, SG_STORE_READ, &err), SG_ESTORE_DENIED);
  assert_int_equal(sg_store_access(st, "FY26", theirs, SG_STORE_WRITE, &err), SG_ESTORE_DENIED);
  assert_non_null(strstr(err.message, "FY26"));
  /* A plan nobody owns yet may be read by anyone. */
  assert_int_equal(sg_store_access(st, "Free", theirs, SG_STORE_READ, &err), SG_OK);
  assert_int_equal(sg_store_grant(st, "FY26", theirs, &err), SG_OK);
  assert_int_equal(sg_store_access(st, "FY26", theirs, SG_STORE_WRITE, &err), SG_OK);
  sg_store_close(st);
}

static void names_capped(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  char name[1100];
  /* 256 two-byte characters (é) is 512 bytes and allowed; 257 are not. */
  for (int i = 0; i < 257; i++) memcpy(name + 2 * i, "\xc3\xa9", 2);
  name[512] = '\0';
  sg_error err;
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", name, 1, 1, 1}}, NULL, &err),
                   SG_OK);
  name[512] = '\xc3';
  name[514] = '\0';
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"P", name, 1, 1, 1}}, NULL, &err),
                   SG_ETOOLONG);
  assert_true(err.value == 257 && err.value2 == 256);
  assert_int_equal(count(st, NULL, NULL), 1);
  sg_store_close(st);
}

/* -------------------------------------------------------------- functions */

static int snapshot_fn(call_fixture *fx, double offset, const char *as_of, const char *actual) {
  fx_init(fx, SGF_LANG_EN);
  fx->call.null_date_offset = offset;
  ARG(fx, 1, 1, "FY25");
  ARG(fx, 2, 1, "North", "101");
  ARG(fx, 1, 1, as_of);
  ARG(fx, 2, 1, "1000", "600");
  ARG(fx, 2, 1, actual, "60");
  return fx_run(fx, "SG_SNAPSHOT");
}

/* Through SG_SNAPSHOT / SG_HISTORY / SG_TREND with SALESGOAL_DB naming the
 * backend: a 1904 document (offset 1462) and a 1900 one share days. */
static void functions_share_days_across_null_dates(void **state) {
  both *b = backend(state);
  setenv("SALESGOAL_DB", b->loc, 1);
  call_fixture fx;
  assert_int_equal(snapshot_fn(&fx, 0, "45000.75", "100"), 0); /* 2023-03-15, 18:00 ignored */
  assert_numbers(&fx.result, 1, 1, (double[]){2});
  fx_free(&fx);
  /* The same day from a 1904 document (45000 - 1462): an update. */
  assert_int_equal(snapshot_fn(&fx, 1462, "43538", "150"), 0);
  fx_free(&fx);
  assert_int_equal(snapshot_fn(&fx, 1462, "43548", "250"), 0); /* ten days later */
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "North");
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), 0);
  assert_numbers(&fx.result, 2, 3, (double[]){45000, 1000, 150, 45010, 1000, 250});
  fx_free(&fx);
  /* Trend through (45000, 150), (45010, 250): slope 10 a day; at 45020 -> 350. */
  fx_init(&fx, SGF_LANG_EN);
  fx.call.null_date_offset = 1462;
  ARG(&fx, 1, 1, "FY25");
  ARG(&fx, 1, 1, "North");
  ARG(&fx, 1, 1, "43558");
  assert_int_equal(fx_run(&fx, "SG_TREND"), 0);
  assert_numbers(&fx.result, 1, 1, (double[]){350});
  fx_free(&fx);
}

/* -------------------------------------------------------------- administration */

typedef struct walk {
  char seen[8][32];
  size_t n, total;
} walk;

static int visit(void *ctx, const sg_store_record *r, size_t i, size_t total) {
  walk *w = ctx;
  assert_true(i == w->n && i < 8);
  snprintf(w->seen[w->n++], sizeof w->seen[0], "%s/%s/%g=%g", r->plan, r->unit, r->as_of,
           r->actual);
  w->total = total;
  assert_true(r->created > 1.6e9 && r->updated >= r->created);
  return 0;
}

static void each_and_purge(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  sg_snapshot_row rows[] = {{"B", "y", 2, 0, 4}, {"A", "x", 1, 0, 1}, {"B", "x", 3, 0, 3},
                            {"A", "x", 2, 0, 2}};
  assert_int_equal(sg_store_put(st, 4, rows, NULL, NULL), SG_OK);
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"B", "x", 3, 0, 5}}, NULL, NULL),
                   SG_OK); /* a revision of B */
  walk w = {0};
  assert_int_equal(sg_store_each(st, NULL, visit, &w, NULL), SG_OK);
  assert_true(w.n == 4 && w.total == 4);
  assert_string_equal(w.seen[0], "A/x/1=1");
  assert_string_equal(w.seen[1], "A/x/2=2");
  assert_string_equal(w.seen[2], "B/x/3=5");
  assert_string_equal(w.seen[3], "B/y/2=4");
  memset(&w, 0, sizeof w);
  assert_int_equal(sg_store_each(st, "B", visit, &w, NULL), SG_OK);
  assert_true(w.n == 2 && w.total == 2);
  size_t gone = 0;
  assert_int_equal(sg_store_purge_plan(st, "B", &gone, NULL), SG_OK);
  assert_int_equal(gone, 2);
  assert_int_equal(count(st, NULL, NULL), 2);
  sg_revision *r = NULL;
  size_t n = 9;
  assert_int_equal(sg_store_revisions(st, "B", "x", &r, &n, NULL), SG_OK);
  assert_int_equal(n, 0); /* the revision went with the plan */
  sg_store_free(r);
  /* The guards are back: a plain DELETE is refused again. */
  assert_int_not_equal(raw(b, b->kind == SG_STORE_POSTGRESQL ? "DELETE FROM salesgoal.snapshot"
                                                             : "DELETE FROM snapshot"),
                       0);
  assert_int_equal(count(st, NULL, NULL), 2);
  sg_store_close(st);
}

/* -------------------------------------------------------------- not ours */

static void foreign_store_untouched(void **state) {
  both *b = backend(state);
  sg_store *st = NULL;
  sg_error err;
  if (b->kind == SG_STORE_POSTGRESQL) {
    assert_int_equal(pg_exec_on(b->name, "CREATE TABLE deals (id int PRIMARY KEY, amount float8);"
                                         "INSERT INTO deals VALUES (1, 500)"),
                     0);
  } else {
    assert_int_equal(raw(b, "CREATE TABLE deals (id INTEGER PRIMARY KEY, amount REAL);"
                            "INSERT INTO deals VALUES (1, 500);"),
                     0);
  }
  assert_int_equal(sg_store_open(b->loc, &st, &err), SG_ESTORE_FOREIGN);
  assert_null(st);
  assert_non_null(strstr(err.message, "left untouched"));
  if (b->kind == SG_STORE_POSTGRESQL) {
    assert_int_equal(pg_int_on(b->name, "SELECT count(*) FROM pg_namespace WHERE nspname = "
                                        "'salesgoal'"),
                     0);
    /* Opting in: an empty salesgoal schema made by the administrator. */
    assert_int_equal(pg_exec_on(b->name, "CREATE SCHEMA salesgoal"), 0);
    st = open_both(b);
    sg_store_close(st);
    assert_int_equal(pg_int_on(b->name, "SELECT amount FROM deals"), 500);
  }
}

static void newer_schema_refused(void **state) {
  both *b = backend(state);
  sg_store *st = open_both(b);
  sg_store_close(st);
  assert_int_equal(raw(b, b->kind == SG_STORE_POSTGRESQL
                              ? "UPDATE salesgoal.store_version SET version = 9"
                              : "PRAGMA user_version = 9"),
                   0);
  sg_error err;
  assert_int_equal(sg_store_open(b->loc, &st, &err), SG_ESTORE_NEWER);
  assert_null(st);
  assert_true(err.value == 9 && err.value2 == SG_STORE_SCHEMA_VERSION);
}


/* -------------------------------------------------------------- location */

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static int snapshot_one(call_fixture *fx) {
  fx_init(fx, SGF_LANG_EN);
  ARG(fx, 1, 1, "Cfg");
  ARG(fx, 1, 1, "u");
  ARG(fx, 1, 1, "45000");
  ARG(fx, 1, 1, "1");
  ARG(fx, 1, 1, "2");
  return fx_run(fx, "SG_SNAPSHOT");
}

/* The config file's db line chooses the store when SALESGOAL_DB is unset;
 * SALESGOAL_DB wins; bad values and lines are refused, naming the file. */
static void config_file_chooses_store(void **state) {
  both *b = backend(state);
  void *t = NULL;
  assert_int_equal(tmp_env_setup(&t, "salesgoal/config"), 0);
  tmp_env *cfg = t;
  char folder[TMP_PATH], line[PG_URI_SIZE + 64];
  tmp_join(folder, sizeof folder, cfg->dir, "salesgoal");
  assert_int_equal(mkdir(folder, 0700), 0);
  char *saved = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
  setenv("XDG_CONFIG_HOME", cfg->dir, 1);
  unsetenv("SALESGOAL_DB");
  snprintf(line, sizeof line, "# the team's store\n\n  db = %s  \n", b->loc);
  write_file(cfg->db, line);
  call_fixture fx;
  assert_int_equal(snapshot_one(&fx), 0);
  fx_free(&fx);
  sg_store *st = open_both(b);
  assert_int_equal(count(st, "Cfg", "u"), 1);
  sg_store_close(st);
  write_file(cfg->db, "db = snapshots.sqlite\n");
  assert_int_equal(snapshot_one(&fx), -1);
  assert_message_has(&fx, "not an absolute file path nor a postgresql:// URI");
  assert_message_has(&fx, cfg->db);
  fx_free(&fx);
  write_file(cfg->db, "colour = blue\n");
  assert_int_equal(snapshot_one(&fx), -1);
  assert_message_has(&fx, "line 1 of");
  fx_free(&fx);
  /* SALESGOAL_DB first: the bad config file is not even read. */
  setenv("SALESGOAL_DB", b->loc, 1);
  assert_int_equal(snapshot_one(&fx), 0);
  fx_free(&fx);
  if (saved) setenv("XDG_CONFIG_HOME", saved, 1);
  else unsetenv("XDG_CONFIG_HOME");
  free(saved);
  tmp_env_teardown(&t);
}

#define BOTH(t)                                                                                   \
  cmocka_unit_test_setup_teardown(t, setup_lite, teardown),                                      \
      cmocka_unit_test_setup_teardown(t, setup_pg, teardown)

int main(void) {
  const struct CMUnitTest tests[] = {
      BOTH(upsert_per_plan_unit_day),   BOTH(all_or_nothing_exact_values),
      BOTH(deletes_refused_for_every_client), BOTH(history_in_date_order),
      BOTH(overwrite_keeps_revision),   BOTH(plans_bound_to_documents),
      BOTH(names_capped),               BOTH(functions_share_days_across_null_dates),
      BOTH(each_and_purge),             BOTH(foreign_store_untouched),
      BOTH(newer_schema_refused),       BOTH(config_file_chooses_store),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
