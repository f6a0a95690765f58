/* test_store_pg.c — the PostgreSQL store against a real server (the
 * throw-away cluster of scripts/pg-cluster.sh; skipped without
 * $SG_TEST_PG, a failure with SG_REQUIRE_PG=1 as in make check):
 *   - 8 writer processes x 1,000 snapshots each at once: nothing lost;
 *   - a writer killed with SIGKILL 20 times mid-batch: every acknowledged
 *     batch present, no batch present in part;
 *   - the README's row-level security recipe (scripts/pg-team.sql): a
 *     regional role reads and writes only its region, the head of sales
 *     reads everything, a refusal names role, plan and unit, and the next
 *     allowed call works;
 *   - the server stopped (immediate: a crash) and restarted while a writer
 *     runs: acknowledged rows all there, nothing half, the writer carries
 *     on; a cell-level call fails fast while it is down and works after;
 *   - an unreachable server fails with a readable error, libpq given the
 *     store's connect timeout whatever the URI says; a URI with a password
 *     is refused and the password is never shown.
 * Children report through pipes and exit with _exit (no cmocka in them). */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "salesgoal.h"
#include "store_pg.h"
#include "store_tmp.h"

enum { WRITERS = 8, KILLS = 20, BATCH_MAX = 4 };
/* 1,000 snapshots per writer; fewer under valgrind (SG_TEST_PG_SNAPSHOTS). */
static int SNAPSHOTS = 1000;
/* Under valgrind (SG_SLOW_CHECKER) processes start and run slower: wait longer. */
static double slow = 1;
/* A hang watchdog on connecting, not a timing claim: 10 times the store's
 * connect timeout, so no load or checker trips it for a client that keeps
 * that timeout, yet below the URI's own 30 s below and the kernel's 2
 * minutes of SYN retries, what a client without it would wait. That the
 * timeout reached libpq is checked by value (libpq_connect_timeout). */
#define CONNECT_HANG_WATCHDOG_S (10.0 * SG_STORE_CONNECT_S)

/* The engine's PQconnectdbParams comes here first (a definition in the test
 * binary precedes libpq's): libpq's own idea of connect_timeout for the
 * last connection, from the connection's options, then libpq's answer. */
static char libpq_connect_timeout[16];
PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values,
                          int expand_dbname) {
  PGconn *(*real)(const char *const *, const char *const *, int);
  *(void **)&real = dlsym(RTLD_NEXT, "PQconnectdbParams");
  if (!real) abort();
  PGconn *conn = real(keywords, values, expand_dbname);
  libpq_connect_timeout[0] = '\0';
  PQconninfoOption *options = conn ? PQconninfo(conn) : NULL;
  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (strcmp(o->keyword, "connect_timeout") == 0 && o->val)
      snprintf(libpq_connect_timeout, sizeof libpq_connect_timeout, "%s", o->val);
  PQconninfoFree(options);
  return conn;
}

/* The store's timeout as libpq must have it: "2" for SG_STORE_CONNECT_S 2. */
static void assert_libpq_got_store_timeout(void) {
  char want[16];
  snprintf(want, sizeof want, "%d", SG_STORE_CONNECT_S);
  assert_string_equal(libpq_connect_timeout, want);
}

typedef struct db {
  char name[64], uri[PG_URI_SIZE];
} db;

static int setup(void **state) {
  if (!pg_available()) {
    *state = NULL;
    return 0;
  }
  db *d = calloc(1, sizeof *d);
  if (!d) return -1;
  pg_fresh_db(d->name, d->uri, sizeof d->uri);
  *state = d;
  return 0;
}

static int teardown(void **state) {
  db *d = *state;
  unsetenv("SALESGOAL_DB");
  if (d) pg_drop_db(d->name);
  free(d);
  return 0;
}

static db *need(void **state) {
  if (!*state) skip();
  return *state;
}

static void server(const char *action) {
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "%s %s > /dev/null 2>&1", getenv("SG_TEST_PG_CTL"), action);
  assert_int_equal(system(cmd), 0);
}

/* ------------------------------------------------------------ many writers */

static int writer(const char *uri, int id) {
  sg_store *st = NULL;
  sg_error err;
  if (sg_store_open(uri, &st, &err) != SG_OK) {
    fprintf(stderr, "writer %d: %s\n", id, err.message);
    return 1;
  }
  char unit[32];
  snprintf(unit, sizeof unit, "w%d", id);
  for (int k = 0; k < SNAPSHOTS; k++) {
    /* own unit per writer; "shared" written by all with the same values */
    sg_snapshot_row rows[2] = {{"team", unit, 45000 + k, id, 1000.0 * id + k},
                               {"team", "shared", 45000 + k, 7, k}};
    if (sg_store_put(st, 2, rows, NULL, &err) != SG_OK) {
      fprintf(stderr, "writer %d, snapshot %d: %s\n", id, k, err.message);
      return 2;
    }
  }
  sg_store_close(st);
  return 0;
}

static void eight_writers_lose_nothing(void **state) {
  db *d = need(state);
  sg_store_close(open_ok(d->uri)); /* schema first: the race is about rows */
  double t0 = now_s();
  pid_t pids[WRITERS];
  for (int id = 0; id < WRITERS; id++) {
    pids[id] = fork();
    assert_true(pids[id] >= 0);
    if (pids[id] == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      _exit(writer(d->uri, id));
    }
  }
  for (int id = 0; id < WRITERS; id++) {
    int status;
    assert_int_equal(waitpid(pids[id], &status, 0), pids[id]);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  double t1 = now_s();
  /* 8 x 1,000 own rows + 1,000 shared ones, each with its values. */
  assert_int_equal(pg_int_on(d->name, "SELECT count(*) FROM salesgoal.snapshot"),
                   WRITERS * SNAPSHOTS + SNAPSHOTS);
  assert_int_equal(pg_int_on(d->name, "SELECT count(*) FROM salesgoal.snapshot WHERE unit <> "
                                      "'shared' AND (actual <> 1000 * target + (as_of - 45000)"
                                      " OR unit <> 'w' || target::int)"),
                   0);
  assert_int_equal(pg_int_on(d->name, "SELECT count(*) FROM salesgoal.snapshot WHERE unit = "
                                      "'shared' AND actual = as_of - 45000 AND target = 7"),
                   SNAPSHOTS);
  /* Shared rows were rewritten with equal values only: no revisions. */
  assert_int_equal(pg_int_on(d->name, "SELECT count(*) FROM salesgoal.snapshot_revision"), 0);
  printf("[   INFO   ] %d writers x %d snapshots (2 rows each) in %.2f s\n", WRITERS, SNAPSHOTS,
         t1 - t0);
}

/* ------------------------------------------------------------ kills, crashes */

/* Batch k: units u0..u(b-1), b = 1 + k % BATCH_MAX, day k, actual 10k + j. */
static size_t batch(int64_t k, sg_snapshot_row *rows, char units[][24]) {
  size_t b = 1 + (size_t)(k % BATCH_MAX);
  for (size_t j = 0; j < b; j++) {
    snprintf(units[j], sizeof units[j], "u%zu", j);
    rows[j] = (sg_snapshot_row){"crash", units[j], (double)k, (double)k, 10.0 * (double)k + (double)j};
  }
  return b;
}

/* Writes batches from `start` on, acknowledging each one that returned
 * SG_OK (8 bytes, atomic on a pipe). tolerate: carry on after a failure
 * (the server going away), else stop. */
static void batch_writer(const char *uri, int fd, int64_t start, int tolerate) {
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive a test that failed */
  sg_store *st = NULL;
  while (sg_store_open(uri, &st, NULL) != SG_OK) {
    if (!tolerate) _exit(3);
    sleep_ms(50);
  }
  for (int64_t k = start;; k++) {
    sg_snapshot_row rows[BATCH_MAX];
    char units[BATCH_MAX][24];
    size_t b = batch(k, rows, units);
    if (sg_store_put(st, b, rows, NULL, NULL) != SG_OK) {
      if (!tolerate) _exit(4);
      sleep_ms(20);
      continue;
    }
    if (write(fd, &k, sizeof k) != (ssize_t)sizeof k) _exit(5);
  }
}

/* Every acknowledged batch whole; every batch in the table whole (one
 * query: the acknowledged days as an array). */
static void check_batches(const db *d, const int64_t *acked, size_t nacked) {
  size_t size = 512 + 24 * nacked;
  char *sql = malloc(size);
  assert_non_null(sql);
  size_t w = (size_t)snprintf(sql, size, "SELECT count(*) FROM unnest(ARRAY[0");
  for (size_t a = 0; a < nacked; a++)
    w += (size_t)snprintf(sql + w, size - w, ",%lld", (long long)acked[a]);
  snprintf(sql + w, size - w,
           "]::int[]) k WHERE k > 0 AND (SELECT count(*) FROM salesgoal.snapshot WHERE plan = "
           "'crash' AND as_of = k AND target = k AND actual = 10 * k + substr(unit, 2)::int)"
           " <> 1 + k %% 4");
  long long missing = pg_int_on(d->name, sql);
  free(sql);
  if (missing) fprintf(stderr, "acknowledged batches missing or partial: %lld\n", missing);
  assert_int_equal(missing, 0);
  assert_int_equal(pg_int_on(d->name, "SELECT count(*) FROM (SELECT as_of, count(*) AS n FROM "
                                      "salesgoal.snapshot WHERE plan = 'crash' GROUP BY as_of) b"
                                      " WHERE n <> 1 + as_of::int % 4"),
                   0);
}

static size_t drain(int fd, int64_t **acked, size_t n, size_t *cap) {
  int64_t k;
  while (read(fd, &k, sizeof k) == (ssize_t)sizeof k) {
    if (n == *cap) {
      *cap = *cap ? 2 * *cap : 1024;
      *acked = realloc(*acked, *cap * sizeof **acked);
      assert_non_null(*acked);
    }
    (*acked)[n++] = k;
  }
  return n;
}

static void killed_writer_loses_nothing(void **state) {
  db *d = need(state);
  sg_store_close(open_ok(d->uri));
  srand((unsigned)time(NULL));
  int64_t *acked = NULL, next = 1;
  size_t nacked = 0, cap = 0;
  for (int kill_no = 0; kill_no < KILLS; kill_no++) {
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      batch_writer(d->uri, fds[1], next, 0);
    }
    close(fds[1]);
    sleep_ms(slow * (100 + rand() % 300)); /* mid-run: batches in flight */
    kill(pid, SIGKILL);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    size_t before = nacked;
    nacked = drain(fds[0], &acked, nacked, &cap);
    close(fds[0]);
    /* The next writer starts after everything this one may have sent. */
    next = nacked > before ? acked[nacked - 1] + 10 : next + 10;
    check_batches(d, acked, nacked);
  }
  printf("[   INFO   ] %d kills, %zu acknowledged batches, all whole and present\n", KILLS, nacked);
  assert_true(nacked > 0);
  free(acked);
}

static void server_restart_during_a_run(void **state) {
  db *d = need(state);
  sg_store *st = open_ok(d->uri); /* a handle that lives across the restart */
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    batch_writer(d->uri, fds[1], 1, 1);
  }
  close(fds[1]);
  sleep_ms(slow * 500);
  server("stop -m immediate"); /* like a crash: transactions in flight are lost */
  /* Down: a call fails quickly with the server's reason, writes nothing. */
  sg_error err;
  double t0 = now_s();
  int rc = sg_store_put(st, 1, (sg_snapshot_row[]){{"down", "u", 1, 1, 1}}, NULL, &err);
  double waited = now_s() - t0;
  assert_int_equal(rc, SG_ESTORE_OFFLINE);
  assert_non_null(strstr(err.message, "cannot connect to"));
  assert_true(waited < CONNECT_HANG_WATCHDOG_S);
  setenv("SALESGOAL_DB", d->uri, 1);
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "down");
  ARG(&fx, 1, 1, "u");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "2");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), -1);
  assert_message_has(&fx, "cannot be reached");
  fx_free(&fx);
  sleep_ms(700);
  server("start");
  /* Back: the same handle and the next recalculation both work. */
  assert_int_equal(sg_store_put(st, 1, (sg_snapshot_row[]){{"up", "u", 1, 1, 1}}, NULL, &err),
                   SG_OK);
  fx_init(&fx, SGF_LANG_EN);
  ARG(&fx, 1, 1, "down");
  ARG(&fx, 1, 1, "u");
  ARG(&fx, 1, 1, "45000");
  ARG(&fx, 1, 1, "1");
  ARG(&fx, 1, 1, "2");
  assert_int_equal(fx_run(&fx, "SG_SNAPSHOT"), 0);
  fx_free(&fx);
  sg_store_close(st);
  /* The writer carries on after the restart. */
  int64_t *acked = NULL;
  size_t cap = 0, n = 0;
  sleep_ms(slow * 800);
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  n = drain(fds[0], &acked, 0, &cap);
  close(fds[0]);
  assert_true(n > 0);
  check_batches(d, acked, n);
  long long after = pg_int_on(d->name, "SELECT count(*) FROM salesgoal.snapshot WHERE plan = "
                                       "'crash' AND created > (SELECT created FROM "
                                       "salesgoal.snapshot WHERE plan = 'up')");
  printf("[   INFO   ] %zu acknowledged batches around the restart, all whole; %lld rows after "
         "it\n", n, after);
  assert_true(after > 0);
  assert_int_equal(pg_int_on(d->name, "SELECT count(*) FROM salesgoal.snapshot WHERE plan = 'down'"),
                   1);
  free(acked);
}

/* ------------------------------------------------------------ reaching it */

static void unreachable_server_bounded(void **state) {
  (void)need(state);
  /* TEST-NET-1 (RFC 5737) answers nobody; the URI's 30 s is overridden. */
  double t0 = now_s();
  sg_store *st = NULL;
  sg_error err;
  assert_int_equal(sg_store_open("postgresql://192.0.2.1:5432/x?connect_timeout=30", &st, &err),
                   SG_ESTORE_OFFLINE);
  double waited = now_s() - t0;
  printf("[   INFO   ] unreachable server reported after %.2f s: %s\n", waited, err.message);
  assert_true(waited < CONNECT_HANG_WATCHDOG_S);
  assert_libpq_got_store_timeout();
  assert_non_null(strstr(err.message, "cannot connect to postgresql://192.0.2.1:5432/x"));
  assert_true(err.value == SG_STORE_CONNECT_S);
  assert_null(st);
  /* A server that takes the connection and never answers (a hung host):
   * the connect timeout is what ends the wait. The kernel completes the
   * TCP handshake into the backlog; nobody ever reads. */
  int silent = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t alen = sizeof addr;
  assert_int_equal(bind(silent, (struct sockaddr *)&addr, sizeof addr), 0);
  assert_int_equal(listen(silent, 8), 0);
  assert_int_equal(getsockname(silent, (struct sockaddr *)&addr, &alen), 0);
  char hung[128];
  snprintf(hung, sizeof hung, "postgresql://127.0.0.1:%d/x?connect_timeout=30",
           ntohs(addr.sin_port));
  t0 = now_s();
  assert_int_equal(sg_store_open(hung, &st, &err), SG_ESTORE_OFFLINE);
  waited = now_s() - t0;
  close(silent);
  printf("[   INFO   ] silent server reported after %.2f s: %s\n", waited, err.message);
  /* The connect timeout is what ended the wait: libpq had the store's
   * timeout and says its time ran out, no other failure. */
  assert_true(waited < CONNECT_HANG_WATCHDOG_S);
  assert_libpq_got_store_timeout();
  assert_non_null(strstr(err.message, "timeout expired"));
  /* Passwords: refused in the location, and never echoed. */
  const char *bad[] = {"postgresql://manager:s3cr3t@db.example.com/salesgoal",
                       "postgres://db.example.com/salesgoal?sslmode=require&password=s3cr3t"};
  for (size_t i = 0; i < 2; i++) {
    assert_int_equal(sg_store_open(bad[i], &st, &err), SG_ESTORE_LOCATION);
    assert_null(strstr(err.message, "s3cr3t"));
    assert_non_null(strstr(err.message, "pgpass"));
    setenv("SALESGOAL_DB", bad[i], 1);
    call_fixture fx;
    fx_init(&fx, SGF_LANG_ZH);
    ARG(&fx, 1, 1, "P");
    ARG(&fx, 1, 1, "u");
    assert_int_equal(fx_run(&fx, "SG_HISTORY"), -1);
    assert_null(strstr(fx.call.message, "s3cr3t"));
    fx_free(&fx);
  }
  char shown[256];
  sg_store_redact(bad[0], shown, sizeof shown);
  assert_string_equal(shown, "postgresql://manager:***@db.example.com/salesgoal");
  sg_store_redact(bad[1], shown, sizeof shown);
  assert_string_equal(shown, "postgres://db.example.com/salesgoal?sslmode=require&password=***");
  /* Neither a path nor a URI: refused, not a file named "postgresql:". */
  assert_int_equal(sg_store_open("postgresql:salesgoal", &st, &err), SG_ESTORE_LOCATION);
  assert_int_equal(sg_store_open("mysql://db/salesgoal", &st, &err), SG_ESTORE_LOCATION);
}

/* ------------------------------------------------------------ row-level security */

static char *slurp_text(const char *path) {
  size_t len = 0;
  unsigned char *bytes = tmp_slurp(path, &len);
  if (!bytes) return NULL;
  char *text = realloc(bytes, len + 1);
  if (!text) {
    free(bytes);
    return NULL;
  }
  text[len] = '\0';
  return text;
}

/* sql as `role` straight through libpq, bypassing salesgoal: the rows it
 * sees (first column of the first row), or -1 when refused. */
static long long as_role(const char *dbname, const char *role, const char *sql) {
  char uri[PG_URI_SIZE];
  pg_uri(uri, sizeof uri, dbname, role);
  PGconn *c = PQconnectdb(uri);
  long long v = -1;
  if (PQstatus(c) == CONNECTION_OK) {
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) v = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
  }
  PQfinish(c);
  return v;
}

static int snapshot_cell(call_fixture *fx, const char *unit, const char *actual) {
  fx_init(fx, SGF_LANG_EN);
  ARG(fx, 1, 1, "FY26");
  ARG(fx, 1, 1, unit);
  ARG(fx, 1, 1, "46100");
  ARG(fx, 1, 1, "1000");
  ARG(fx, 1, 1, actual);
  return fx_run(fx, "SG_SNAPSHOT");
}

static void row_level_security_recipe(void **state) {
  db *d = need(state);
  sg_store_close(open_ok(d->uri)); /* the owner's first open creates the schema */
  /* The recipe exactly as the README prints it. */
  char *recipe = slurp_text("scripts/pg-team.sql"), *readme = slurp_text("README.md");
  assert_non_null(recipe);
  assert_non_null(readme);
  assert_non_null(strstr(readme, recipe));
  assert_int_equal(pg_exec_on(d->name, recipe), 0);
  free(recipe);
  free(readme);
  char apac_uri[PG_URI_SIZE], emea_uri[PG_URI_SIZE], head_uri[PG_URI_SIZE];
  pg_uri(apac_uri, sizeof apac_uri, d->name, "sg_apac_china");
  pg_uri(emea_uri, sizeof emea_uri, d->name, "sg_emea");
  pg_uri(head_uri, sizeof head_uri, d->name, "sg_head_of_sales");
  sg_store *apac = open_ok(apac_uri), *emea = open_ok(emea_uri), *head = open_ok(head_uri);
  sg_error err;
  sg_snapshot *h = NULL;
  size_t n = 0;

  /* A regional manager writes its own region... */
  assert_int_equal(sg_store_put(apac, 1, (sg_snapshot_row[]){{"FY26", "APAC/China/Beijing", 46100,
                                                              900, 300}},
                                NULL, &err),
                   SG_OK);
  assert_int_equal(sg_store_put(emea, 1, (sg_snapshot_row[]){{"FY26", "EMEA/Germany", 46100, 800,
                                                              200}},
                                NULL, &err),
                   SG_OK);
  /* ...and no other: a batch reaching into EMEA is refused whole, the
   * message naming the role, the plan and the unit. */
  sg_snapshot_row mixed[] = {{"FY26", "APAC/China/Shanghai", 46100, 1, 1},
                             {"FY26", "EMEA/Germany", 46100, 1, 1}};
  assert_int_equal(sg_store_put(apac, 2, mixed, NULL, &err), SG_ESTORE_ROLE);
  assert_int_equal(err.index, 1);
  assert_non_null(strstr(err.message, "sg_apac_china"));
  assert_non_null(strstr(err.message, "\"EMEA/Germany\""));
  assert_non_null(strstr(err.message, "FY26"));
  assert_int_equal(pg_int_on(d->name, "SELECT count(*) FROM salesgoal.snapshot"), 2);
  assert_int_equal(pg_int_on(d->name, "SELECT actual FROM salesgoal.snapshot WHERE unit = "
                                      "'EMEA/Germany'"),
                   200);
  /* Reading another region: refused and said so (not an empty history). */
  assert_int_equal(sg_store_history(apac, "FY26", "EMEA/Germany", -HUGE_VAL, HUGE_VAL, &h, &n,
                                    &err),
                   SG_ESTORE_ROLE);
  assert_non_null(strstr(err.message, "may not read"));
  assert_int_equal(sg_store_history(emea, "FY26", "APAC/China/Beijing", -HUGE_VAL, HUGE_VAL, &h,
                                    &n, &err),
                   SG_ESTORE_ROLE);
  /* Its own region: reads, and an overwrite keeps the old value. */
  assert_int_equal(sg_store_put(apac, 1, (sg_snapshot_row[]){{"FY26", "APAC/China/Beijing", 46100,
                                                              900, 350}},
                                NULL, &err),
                   SG_OK);
  sg_revision *r = NULL;
  assert_int_equal(sg_store_revisions(apac, "FY26", "APAC/China/Beijing", &r, &n, &err), SG_OK);
  assert_true(n == 2 && r[0].actual == 300 && r[1].actual == 350);
  sg_store_free(r);
  /* The head of sales reads everything and writes nothing. */
  assert_int_equal(sg_store_history(head, "FY26", "EMEA/Germany", -HUGE_VAL, HUGE_VAL, &h, &n,
                                    &err),
                   SG_OK);
  assert_true(n == 1 && h[0].actual == 200);
  sg_store_free(h);
  assert_int_equal(sg_store_history(head, "FY26", "APAC/China/Beijing", -HUGE_VAL, HUGE_VAL, &h,
                                    &n, &err),
                   SG_OK);
  assert_true(n == 1 && h[0].actual == 350);
  sg_store_free(h);
  assert_int_equal(sg_store_put(head, 1, (sg_snapshot_row[]){{"FY26", "EMEA/Germany", 46100, 1,
                                                              1}},
                                NULL, &err),
                   SG_ESTORE_ROLE);
  /* Bypassing salesgoal changes nothing: the server enforces it. */
  assert_int_equal(as_role(d->name, "sg_apac_china", "SELECT count(*) FROM salesgoal.snapshot"), 1);
  assert_int_equal(as_role(d->name, "sg_head_of_sales", "SELECT count(*) FROM salesgoal.snapshot"),
                   2);
  assert_int_equal(as_role(d->name, "sg_emea",
                           "WITH x AS (UPDATE salesgoal.snapshot SET actual = 0 RETURNING 1)"
                           " SELECT count(*) FROM x"),
                   1); /* its own row only */
  assert_int_equal(as_role(d->name, "sg_emea",
                           "WITH x AS (DELETE FROM salesgoal.snapshot RETURNING 1)"
                           " SELECT count(*) FROM x"),
                   -1);
  sg_store_close(apac);
  sg_store_close(emea);
  sg_store_close(head);

  /* In a cell: the refusal reads "permission denied ... unit", and the
   * sheet's next, allowed call works. */
  setenv("SALESGOAL_DB", apac_uri, 1);
  call_fixture fx;
  assert_int_equal(snapshot_cell(&fx, "EMEA/France", "5"), -1);
  assert_message_has(&fx, "permission denied");
  assert_message_has(&fx, "EMEA/France");
  fx_free(&fx);
  assert_int_equal(snapshot_cell(&fx, "APAC/China/Shenzhen", "5"), 0);
  fx_free(&fx);
  fx_init(&fx, SGF_LANG_ZH);
  ARG(&fx, 1, 1, "FY26");
  ARG(&fx, 1, 1, "EMEA/Germany");
  assert_int_equal(fx_run(&fx, "SG_HISTORY"), -1);
  assert_message_has(&fx, "数据库拒绝");
  assert_message_has(&fx, "EMEA/Germany");
  fx_free(&fx);
}

int main(void) {
  const char *snapshots = getenv("SG_TEST_PG_SNAPSHOTS");
  if (snapshots && atoi(snapshots) > 0) SNAPSHOTS = atoi(snapshots);
  if (getenv("SG_SLOW_CHECKER")) slow = 5;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(unreachable_server_bounded, setup, teardown),
      cmocka_unit_test_setup_teardown(row_level_security_recipe, setup, teardown),
      cmocka_unit_test_setup_teardown(eight_writers_lose_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(killed_writer_loses_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(server_restart_during_a_run, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
