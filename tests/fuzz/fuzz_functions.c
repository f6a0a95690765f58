/* fuzz_functions.c — every catalogue function on arbitrary cell grids.
 *
 * Built two ways: with clang -fsanitize=fuzzer as a libFuzzer target
 * (LLVMFuzzerTestOneInput), or with gcc and -DSG_FUZZ_STANDALONE as a
 * deterministic random campaign that `make check` runs under ASan+UBSan.
 * Properties: no crash, hang or leak; a failure always carries a message
 * naming the function; a successful SG_SPLIT with a unit returns multiples
 * of the unit that add up to the total. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv: the snapshot store's folder */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgf.h"

typedef struct reader {
  const uint8_t *data;
  size_t size, pos;
} reader;

static unsigned take(reader *r) { return r->pos < r->size ? r->data[r->pos++] : 0; }

static double take_number(reader *r) {
  static const double specials[] = {0,   1,    -1,  0.01, 100, 1e308, -1e308, 1e-300,
                                    0.5, 1000, 7,   3,    NAN, INFINITY, -INFINITY, 142.86};
  unsigned k = take(r);
  if (k < 128) return specials[k % 16];
  return (double)(int)(take(r) | (take(r) << 8)) / (k & 1 ? 1.0 : 100.0) - 100.0;
}

static void take_grid(reader *r, sgf_grid *g) {
  unsigned shape = take(r);
  if (shape % 7 == 0) {
    sgf_grid_init_omitted(g);
    return;
  }
  size_t rows = 1 + shape % 5, cols = 1 + (shape / 5) % 3;
  if (take(r) % 4 == 0) rows = 1 + take(r) * 4; /* occasionally a long column */
  if (sgf_grid_init(g, rows, cols) != 0) abort();
  for (size_t i = 0; i < rows * cols; i++) {
    unsigned kind = take(r) % 10;
    if (kind == 0) continue; /* blank */
    if (kind == 1) sgf_grid_set_error(g, i);
    else if (kind == 2) {
      /* Mostly one text; sometimes a keyword, a path or a (bad) pattern so
       * text-driven functions (SG_ALERT, SG_ROLLUP) get past their checks. */
      static const char *const texts[] = {"ab\xe5\xbc\xa0", "ab\xe5\xbc\xa0", "ab\xe5\xbc\xa0", "ab\xe5\xbc\xa0",
                                          "sum", "message", "A/\xe5\xbc\xa0", "^A/", "(", "(a+)+$",
                                          "\\w+", "", "\xff", "avg", "max", ".*"};
      const char *t = texts[take(r) % 16];
      sgf_grid_set_text(g, i, t, strlen(t));
    }
    else sgf_grid_set_number(g, i, take_number(r));
  }
}

static void check_split(const sgf_grid *args, const sgf_grid *result) {
  if (args[2].omitted || args[2].cells[0].kind != SGF_NUMBER) return;
  double unit = args[2].cells[0].number, total = args[0].cells[0].number, sum = 0;
  if (!(unit >= 1) || unit != floor(unit) || fabs(total) > 1e12) return;
  for (size_t i = 0; i < sgf_grid_size(result); i++) {
    double v = result->cells[i].number;
    if (fmod(v, unit) != 0) {
      fprintf(stderr, "result %g is not a multiple of unit %g\n", v, unit);
      abort();
    }
    sum += v;
  }
  if (sum != total) {
    fprintf(stderr, "results add up to %.17g, not total %.17g\n", sum, total);
    abort();
  }
}

static long g_succeeded, g_failed; /* reported by the standalone campaign */

/* SG_SNAPSHOT and friends write to SALESGOAL_DB: point it at a private
 * temporary folder before the first input, never at the real home. */
static char g_store_dir[64];
static void isolate_store(void) {
  if (g_store_dir[0]) return;
  snprintf(g_store_dir, sizeof g_store_dir, "/tmp/sg-fuzz-XXXXXX");
  char path[96];
  if (!mkdtemp(g_store_dir) ||
      snprintf(path, sizeof path, "%s/snapshots.sqlite", g_store_dir) >= (int)sizeof path ||
      setenv("SALESGOAL_DB", path, 1) != 0) {
    fprintf(stderr, "fuzz_functions: cannot set up a temporary snapshot store\n");
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  isolate_store();
  reader r = {data, size, 0};
  const sgf_function *fn = &sgf_catalogue[take(&r) % sgf_catalogue_count];
  sgf_grid args[8];
  size_t nargs = fn->nargs < 8 ? fn->nargs : 8;
  for (size_t i = 0; i < nargs; i++) take_grid(&r, &args[i]);
  sgf_call call = {.lang = (sgf_lang)(take(&r) % SGF_LANG_COUNT), .last_error = "previous"};
  sgf_grid result;
  int rc = sgf_invoke(fn, &call, args, nargs, &result);
  if (rc != 0 && strncmp(call.message, fn->name, strlen(fn->name)) != 0) {
    fprintf(stderr, "failure without a message naming %s: \"%s\"\n", fn->name, call.message);
    abort();
  }
  if (rc == 0 && strcmp(fn->name, "SG_SPLIT") == 0) check_split(args, &result);
  if (rc == 0) g_succeeded++;
  else g_failed++;
  for (size_t i = 0; i < nargs; i++) sgf_grid_free(&args[i]);
  sgf_grid_free(&result);
  return 0;
}

#ifdef SG_FUZZ_STANDALONE
static uint64_t next_random(uint64_t *state) { /* xorshift64 */
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

int main(int argc, char **argv) {
  long iterations = argc > 1 ? atol(argv[1]) : 20000;
  uint64_t state = 0x9E3779B97F4A7C15ull;
  uint8_t buf[128];
  for (long it = 0; it < iterations; it++) {
    size_t size = 1 + (size_t)(next_random(&state) >> 57); /* 1..128 bytes */
    for (size_t i = 0; i < size; i++) buf[i] = (uint8_t)(next_random(&state) >> 24);
    LLVMFuzzerTestOneInput(buf, size);
  }
  printf("fuzz_functions: %ld inputs (%ld computed, %ld rejected with a message), no crash\n",
         iterations, g_succeeded, g_failed);
  if (g_store_dir[0]) { /* the store's files, then its folder */
    const char *names[] = {"snapshots.sqlite", "snapshots.sqlite-wal", "snapshots.sqlite-shm"};
    for (size_t i = 0; i < 3; i++) {
      char path[96];
      snprintf(path, sizeof path, "%s/%s", g_store_dir, names[i]);
      remove(path);
    }
    remove(g_store_dir);
  }
  return 0;
}
#endif
