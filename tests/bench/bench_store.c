/*
 * bench_store.c — the snapshot store through the function layer:
 *   - 10,000 snapshot rows written by SG_SNAPSHOT as one 10,000-unit range
 *     (one transaction), then recalculated (nothing changes), then as
 *     10,000 one-unit calls (one durable transaction each) with a session;
 *   - SG_HISTORY and SG_TREND of one unit in a 1,000,000-row database
 *     (1,000 units x 1,000 days), built in a temporary folder.
 * Prints figures only: timings depend on the machine and its disk (every
 * commit waits for fsync).
 */
#define _POSIX_C_SOURCE 200809L
#include "salesgoal.h"
#include "sgf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { ROWS = 10000, UNITS = 1000, DAYS = 1000, HISTORY_RUNS = 200 };

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, const char *why) {
  fprintf(stderr, "bench_store: %s: %s\n", what, why);
  exit(1);
}

static void text_cell(sgf_grid *g, size_t i, const char *s) {
  if (sgf_grid_set_text(g, i, s, strlen(s)) != 0) die("grid", "out of memory");
}

/* SG_SNAPSHOT("bench"; units[first..first+n); day; i; 2i) */
static void snapshot(sgf_session *session, size_t first, size_t n, double day) {
  sgf_grid args[5], result;
  if (sgf_grid_init(&args[0], 1, 1) || sgf_grid_init(&args[1], n, 1) ||
      sgf_grid_init(&args[2], 1, 1) || sgf_grid_init(&args[3], n, 1) ||
      sgf_grid_init(&args[4], n, 1))
    die("grid", "out of memory");
  text_cell(&args[0], 0, "bench");
  sgf_grid_set_number(&args[2], 0, day);
  for (size_t i = 0; i < n; i++) {
    char unit[32];
    snprintf(unit, sizeof unit, "unit-%05zu", first + i);
    text_cell(&args[1], i, unit);
    sgf_grid_set_number(&args[3], i, (double)(first + i));
    sgf_grid_set_number(&args[4], i, 2.0 * (double)(first + i));
  }
  sgf_call call = {.lang = SGF_LANG_EN, .session = session};
  if (sgf_invoke(sgf_find("SG_SNAPSHOT"), &call, args, 5, &result) != 0)
    die("SG_SNAPSHOT", call.message);
  for (int a = 0; a < 5; a++) sgf_grid_free(&args[a]);
  sgf_grid_free(&result);
}

/* SG_HISTORY / SG_TREND of one unit; returns the result's rows. */
static size_t read_unit(sgf_session *session, const char *fn, const char *unit) {
  sgf_grid args[4], result;
  size_t nargs = strcmp(fn, "SG_HISTORY") == 0 ? 4 : 3;
  sgf_grid_init(&args[0], 1, 1);
  sgf_grid_init(&args[1], 1, 1);
  text_cell(&args[0], 0, "big");
  text_cell(&args[1], 0, unit);
  if (nargs == 4) {
    sgf_grid_init_omitted(&args[2]);
    sgf_grid_init_omitted(&args[3]);
  } else {
    sgf_grid_init(&args[2], 1, 1);
    sgf_grid_set_number(&args[2], 0, 45000 + DAYS + 30);
  }
  sgf_call call = {.lang = SGF_LANG_EN, .session = session};
  if (sgf_invoke(sgf_find(fn), &call, args, nargs, &result) != 0) die(fn, call.message);
  size_t rows = result.rows;
  for (size_t a = 0; a < nargs; a++) sgf_grid_free(&args[a]);
  sgf_grid_free(&result);
  return rows;
}

/* Unit by unit (key order), 10 units = 10,000 rows per transaction: the
 * way a bulk import would go, so building takes seconds, not minutes. */
static void build_big(const char *path) {
  enum { PER_PUT = 10 };
  sg_store *st = NULL;
  sg_error err;
  if (sg_store_open(path, &st, &err) != SG_OK) die("open", err.message);
  sg_snapshot_row *rows = malloc(PER_PUT * DAYS * sizeof *rows);
  char (*units)[16] = malloc(UNITS * sizeof *units);
  if (!rows || !units) die("build", "out of memory");
  for (size_t u = 0; u < UNITS; u++) snprintf(units[u], sizeof units[u], "u%04zu", u);
  for (size_t u0 = 0; u0 < UNITS; u0 += PER_PUT) {
    size_t n = 0;
    for (size_t u = u0; u < u0 + PER_PUT; u++)
      for (size_t d = 0; d < DAYS; d++)
        rows[n++] = (sg_snapshot_row){"big", units[u], 45000.0 + (double)d, 1000,
                                      (double)(d * u % 997)};
    if (sg_store_put(st, n, rows, NULL, &err) != SG_OK) die("put", err.message);
  }
  free(rows);
  free(units);
  sg_store_close(st);
}

int main(void) {
  char dir[] = "/tmp/sgbench-XXXXXX", db[256], big[256];
  if (!mkdtemp(dir)) die("mkdtemp", "failed");
  snprintf(db, sizeof db, "%s/write.sqlite", dir);
  snprintf(big, sizeof big, "%s/big.sqlite", dir);
  setenv("SALESGOAL_DB", db, 1);
  sgf_session *session = sgf_session_new();

  double t0 = now_seconds();
  snapshot(session, 0, ROWS, 45000);
  double t1 = now_seconds();
  printf("SG_SNAPSHOT, one range of %d units (1 transaction): %.3f s, %.0f rows/s\n", ROWS,
         t1 - t0, ROWS / (t1 - t0));
  snapshot(session, 0, ROWS, 45000);
  double t2 = now_seconds();
  printf("  recalculated, nothing changed:                 %.3f s, %.0f rows/s\n", t2 - t1,
         ROWS / (t2 - t1));
  for (size_t i = 0; i < ROWS; i++) snapshot(session, i, 1, 45001);
  double t3 = now_seconds();
  printf("SG_SNAPSHOT, %d one-unit calls (1 transaction each): %.3f s, %.0f rows/s\n", ROWS,
         t3 - t2, ROWS / (t3 - t2));
  for (size_t i = 0; i < 1000; i++) snapshot(NULL, i, 1, 45002);
  double t4 = now_seconds();
  printf("SG_SNAPSHOT, 1000 one-unit calls without a session (open per call): %.3f s, %.0f "
         "rows/s\n",
         t4 - t3, 1000 / (t4 - t3));

  build_big(big);
  double t5 = now_seconds();
  struct stat sb;
  stat(big, &sb);
  printf("built %d-row database in %.2f s (%.0f rows/s, %.1f MB)\n", UNITS * DAYS, t5 - t4,
         UNITS * DAYS / (t5 - t4), (double)sb.st_size / 1e6);
  setenv("SALESGOAL_DB", big, 1);
  size_t got = read_unit(session, "SG_HISTORY", "u0500"); /* opens the store */
  double t6 = now_seconds();
  for (int r = 0; r < HISTORY_RUNS; r++) got = read_unit(session, "SG_HISTORY", "u0500");
  double t7 = now_seconds();
  printf("SG_HISTORY of one unit (%zu rows) in the %d-row database: %.3f ms per call\n", got,
         UNITS * DAYS, (t7 - t6) * 1e3 / HISTORY_RUNS);
  for (int r = 0; r < HISTORY_RUNS; r++) read_unit(session, "SG_TREND", "u0500");
  double t8 = now_seconds();
  printf("SG_TREND of one unit (%zu points): %.3f ms per call\n", got,
         (t8 - t7) * 1e3 / HISTORY_RUNS);
  got = read_unit(NULL, "SG_HISTORY", "u0999");
  double t9 = now_seconds();
  printf("SG_HISTORY without a session (open + read): %.3f ms\n", (t9 - t8) * 1e3);

  sgf_session_free(session);
  const char *files[] = {"write.sqlite", "write.sqlite-wal", "write.sqlite-shm", "big.sqlite",
                         "big.sqlite-wal", "big.sqlite-shm"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char p[300];
    snprintf(p, sizeof p, "%s/%s", dir, files[i]);
    unlink(p);
  }
  rmdir(dir);
  return 0;
}
