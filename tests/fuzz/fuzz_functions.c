/* fuzz_functions.c — every catalogue function on arbitrary cell grids.
 *
 * Built two ways: with clang -fsanitize=fuzzer as a libFuzzer target
 * (LLVMFuzzerTestOneInput), or with gcc and -DSG_FUZZ_STANDALONE as a
 * deterministic random campaign that `make check` runs under ASan+UBSan.
 * Properties: no crash, hang or leak; a failure always carries a message
 * naming the function; a successful SG_SPLIT with a unit returns multiples
 * of the unit that add up to the total. The standalone campaign also fails
 * when some catalogue function never computes a result or the SG_SPLIT
 * check runs too rarely: inputs that never get past argument checking test
 * nothing else. The argument generators are in arg_inputs.c (build both:
 * see the Makefile's rule for build/fuzz/fuzz_functions). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv: the snapshot store's folder */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arg_inputs.h"
#include "sgf.h"

static long g_split_checked; /* successful SG_SPLIT calls with a unit that were checked */

/* A successful SG_SPLIT with a unit > 0: every result is a multiple of the unit (within
 * 1e-9 relative: 142.86 is not exactly 14286 * 0.01 in binary) but at most one, the plug
 * cell of a total off the unit grid, and the results add up to the total exactly:
 * counted in units when all are multiples, within 1e-9 relative otherwise. A locked
 * cell keeps its value, on the grid or not. */
static void check_split(const sgf_grid *args, const sgf_grid *result) {
  if (args[2].omitted || sgf_grid_size(&args[2]) != 1 || args[2].cells[0].kind != SGF_NUMBER)
    return;
  double unit = args[2].cells[0].number, total = args[0].cells[0].number;
  if (!(unit > 0) || !isfinite(unit) || !(fabs(total / unit) < 1e15)) return;
  g_split_checked++;
  long long units = 0;
  long double sum = 0;
  size_t off_grid = 0;
  int locks_off_grid = 0;
  for (size_t i = 0; i < sgf_grid_size(result); i++) {
    if (result->cells[i].kind != SGF_NUMBER) {
      fprintf(stderr, "SG_SPLIT result cell %zu is not a number\n", i);
      abort();
    }
    double v = result->cells[i].number;
    long long q = llround(v / unit);
    sum += v;
    int locked = !args[5].omitted && sgf_grid_size(&args[5]) == sgf_grid_size(result) &&
                 args[5].cells[i].kind == SGF_NUMBER;
    int on_grid = fabs(v - (double)q * unit) <= 1e-9 * fmax(fabs(v), unit);
    if (locked && !on_grid) locks_off_grid = 1;
    if (!locked && !on_grid && ++off_grid > 1) {
      fprintf(stderr, "results %.17g and another are not multiples of unit %g\n", v, unit);
      abort();
    }
    units += q;
  }
  if (off_grid || locks_off_grid ? !(fabsl(sum - total) <= 1e-9L * fmax(fabs(total), unit))
               : units != llround(total / unit)) {
    fprintf(stderr, "results add up to %.17Lg (%lld units of %g), not total %.17g\n", sum,
            units, unit, total);
    abort();
  }
}

/* A successful SG_SPLIT2D with a unit > 0: multiples of the unit, and every row and
 * column adds up to its total exactly, counted in units (totals are numbers: it
 * succeeded). */
static void check_split2d(const sgf_grid *args, const sgf_grid *result) {
  if (args[3].omitted || sgf_grid_size(&args[3]) != 1 || args[3].cells[0].kind != SGF_NUMBER)
    return;
  double unit = args[3].cells[0].number;
  size_t m = result->rows, n = result->cols;
  if (!(unit > 0) || m != args[2].rows || n != args[2].cols) {
    if (unit > 0) abort();
    return;
  }
  for (int side = 0; side < 2; side++) {
    size_t len = side ? n : m, other = side ? m : n;
    for (size_t i = 0; i < len; i++) {
      long long units = 0;
      for (size_t k = 0; k < other; k++) {
        const sgf_cell *cell = &result->cells[side ? k * n + i : i * n + k];
        long long q = llround(cell->number / unit);
        if (cell->kind != SGF_NUMBER ||
            !(fabs(cell->number - (double)q * unit) <= 1e-9 * fmax(fabs(cell->number), unit))) {
          fprintf(stderr, "SG_SPLIT2D result %.17g is not a multiple of unit %g\n", cell->number, unit);
          abort();
        }
        units += q;
      }
      double total = args[side].cells[i].number;
      if (units != llround(total / unit)) {
        fprintf(stderr, "SG_SPLIT2D %s %zu adds up to %lld units of %g, not %.17g\n",
                side ? "column" : "row", i + 1, units, unit, total);
        abort();
      }
    }
  }
}

static long g_rephase_checked; /* successful SG_REPHASE calls that were checked */

/* A successful SG_REPHASE: closed periods keep their actuals, the column adds up to
 * new_total, and with a unit every open period but one (the plug cell) is a multiple
 * of it. */
static void check_rephase(const sgf_grid *args, const sgf_grid *result) {
  double total = args[0].cells[0].number, unit = 0, sum = 0, scale = fabs(total);
  if (!args[3].omitted && args[3].cells[0].kind == SGF_NUMBER) unit = args[3].cells[0].number;
  size_t off_unit = 0;
  for (size_t i = 0; i < sgf_grid_size(result); i++) {
    const sgf_cell *actual = &args[2].cells[i];
    double v = result->cells[i].number;
    if (result->cells[i].kind != SGF_NUMBER || !isfinite(v)) abort();
    if (actual->kind == SGF_NUMBER && v != actual->number) {
      fprintf(stderr, "SG_REPHASE changed closed period %zu: %.17g -> %.17g\n", i, actual->number, v);
      abort();
    }
    if (actual->kind != SGF_NUMBER && unit > 0 && fabs(v / unit) < 1e15 &&
        fabs(v - nearbyint(v / unit) * unit) > 1e-9 * fmax(fabs(v), unit))
      off_unit++;
    sum += v;
    scale += fabs(v);
  }
  if (fabs(sum - total) > 1e-9 * fmax(1, scale) || off_unit > 1) {
    fprintf(stderr, "SG_REPHASE: sum %.17g for new total %.17g, %zu cells off the unit %g\n", sum,
            total, off_unit, unit);
    abort();
  }
  g_rephase_checked++;
}

static long g_succeeded, g_failed; /* reported by the standalone campaign */
#define MAX_FUNCTIONS 64
static long g_fn_succeeded[MAX_FUNCTIONS], g_fn_calls[MAX_FUNCTIONS];

/* SG_SNAPSHOT and friends write to SALESGOAL_DB: point it at a private
 * temporary folder before the first input, never at the real home. */
static char g_store_dir[64];
static sgf_session *g_session;
static void isolate_store(void) {
  if (g_store_dir[0]) return;
  g_session = sgf_session_new();
  if (!g_session) abort();
  /* tmpfs when there is one: the store syncs every write, and a million
   * inputs on a disk would spend minutes in fsync. */
  snprintf(g_store_dir, sizeof g_store_dir, "%s/sg-fuzz-XXXXXX",
           access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
  char path[96];
  if (!mkdtemp(g_store_dir) ||
      snprintf(path, sizeof path, "%s/snapshots.sqlite", g_store_dir) >= (int)sizeof path ||
      setenv("SALESGOAL_DB", path, 1) != 0) {
    fprintf(stderr, "fuzz_functions: cannot set up a temporary snapshot store\n");
    abort();
  }
}

/* A workbook for SG_WHY: the target's formula is made of formula tokens
 * picked by the input, every reference reads a wild grid, error cells show
 * #DIV/0!. */
static int why_target(void *ctx, size_t argi, char *formula, size_t size, int *error) {
  static const char *const tokens[] = {
      "ORG.SALESGOAL.FUNCTIONS.SG_SPLIT(", "ORG.SALESGOAL.FUNCTIONS.SG_ALERT(",
      "ORG.SALESGOAL.FUNCTIONS.SG_BLEND(", "ORG.SALESGOAL.FUNCTIONS.SG_SNAPSHOT(",
      "INDEX(", "(", ")", ";", "\"", "\"x\"", "'", "{", "}", "|", "$", "B2:B9", "$C$3",
      "Plan.", "'My Plan'.", "A:A", "1", "-1", "0.5", "TRUE", " ", "*2", ":", "."};
  reader *r = ctx;
  (void)argi;
  size_t used = 0;
  formula[used++] = '=';
  for (unsigned n = take(r) % 20; n > 0; n--) {
    const char *t = tokens[take(r) % (sizeof tokens / sizeof tokens[0])];
    size_t len = strlen(t);
    if (used + len + 1 >= size) break;
    memcpy(formula + used, t, len);
    used += len;
  }
  formula[used] = '\0';
  *error = take(r) % 4 ? 502 : 0;
  return take(r) % 16 ? 0 : -1;
}

static int why_read(void *ctx, const char *sheet, const char *range, sgf_grid *grid,
                    sgf_origin *origin) {
  reader *r = ctx;
  if (take(r) % 8 == 0) return -1; /* not a reference Calc knows */
  take_grid(r, grid);
  memset(origin, 0, sizeof *origin);
  origin->known = take(r) % 2;
  snprintf(origin->sheet, sizeof origin->sheet, "%s", sheet ? sheet : "Sheet1");
  origin->col = (long)strlen(range) % 5;
  origin->row = (long)take(r);
  return 0;
}

static int why_cell_error(void *ctx, const sgf_origin *origin, long row, long col, int *error) {
  (void)ctx, (void)origin, (void)row, (void)col;
  *error = 532;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  isolate_store();
  reader r = {data, size, 0};
  size_t fi = take(&r) % sgf_catalogue_size();
  const sgf_function *fn = sgf_catalogue_at(fi);
  sgf_grid args[8];
  size_t nargs = fn->nargs < 8 ? fn->nargs : 8;
  input_ctx ctx;
  take_shape(&r, &ctx);
  if (fn->args && nargs > 0 && strcmp(fn->args[0].name, "plan") == 0)
    ctx.base_date = 45000.0; /* the store's functions: few days, so the store stays small */
  for (size_t i = 0; i < nargs; i++) take_arg(&r, fn, i, &ctx, &args[i]);
  sgf_call call = {.lang = (sgf_lang)(take(&r) % SGF_LANG_COUNT), .last_error = "previous"};
  /* Like the add-in, one session for all calls (it keeps the store open and the regex
   * cache warm); now and then none, as for a host without one. */
  if (take(&r) % 64 != 63) call.session = g_session;
  sgf_host host = {.ctx = &r, .target = why_target, .read = why_read, .cell_error = why_cell_error};
  if (take(&r) % 8 != 7) call.host = &host; /* else a host that offers no workbook */
  sgf_grid result;
  /* through the result cache half the time, as the add-in does */
  int rc = take(&r) % 2 ? sgf_invoke_cached(fn, &call, args, nargs, &result)
                        : sgf_invoke(fn, &call, args, nargs, &result);
  if (rc != 0 && strncmp(call.message, fn->name, strlen(fn->name)) != 0) {
    fprintf(stderr, "failure without a message naming %s: \"%s\"\n", fn->name, call.message);
    abort();
  }
  if (rc == 0 && strcmp(fn->name, "SG_SPLIT") == 0) check_split(args, &result);
  if (rc == 0 && strcmp(fn->name, "SG_SPLIT2D") == 0) check_split2d(args, &result);
  if (rc == 0 && strcmp(fn->name, "SG_REPHASE") == 0) check_rephase(args, &result);
  if (rc == 0) g_succeeded++;
  else g_failed++;
  if (fi < MAX_FUNCTIONS) {
    g_fn_calls[fi]++;
    if (rc == 0) g_fn_succeeded[fi]++;
  }
  for (size_t i = 0; i < nargs; i++) sgf_grid_free(&args[i]);
  sgf_grid_free(&result);
  return 0;
}

#ifdef SG_FUZZ_STANDALONE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>

static uint64_t next_random(uint64_t *state) { /* xorshift64 */
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

/* The input being run, saved by the crash handler: a crash (ASan and UBSan
 * abort, see ASAN_OPTIONS in the Makefile) leaves it in crash-input.bin,
 * ready to be added to tests/fuzz/corpus/ with the fix. */
static uint8_t g_input[4096];
static size_t g_input_size;

static void save_crash_input(int sig) {
  int fd = open("crash-input.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    ssize_t w = write(fd, g_input, g_input_size);
    (void)w;
    close(fd);
  }
  static const char note[] = "fuzz_functions: crashing input saved to crash-input.bin\n";
  ssize_t w = write(2, note, sizeof note - 1);
  (void)w;
  signal(sig, SIG_DFL);
  raise(sig);
}

static void write_seed(const char *dir, const char *kind, const char *fn) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s-%s.bin", dir, kind, fn);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(g_input, 1, g_input_size, f) != g_input_size) {
    fprintf(stderr, "fuzz_functions: cannot write %s\n", path);
    exit(1);
  }
  fclose(f);
}

/* With SG_FUZZ_WRITE_SEEDS=DIR, keep the first input that computes each
 * function, and the first that gives each function a NUL text or an
 * over-long name (the bug classes of issue 11 items 4 and 5). */
static void run_input(const uint8_t *data, size_t size) {
  static unsigned char kept[MAX_FUNCTIONS][3];
  if (size > sizeof g_input) size = sizeof g_input;
  memcpy(g_input, data, size);
  g_input_size = size;
  size_t fi = size ? data[0] % sgf_catalogue_size() : 0;
  long before = fi < MAX_FUNCTIONS ? g_fn_succeeded[fi] : 0;
  g_made_nul = g_made_long = 0;
  LLVMFuzzerTestOneInput(g_input, size);
  const char *dir = getenv("SG_FUZZ_WRITE_SEEDS");
  if (!dir || fi >= MAX_FUNCTIONS) return;
  const char *fn = sgf_catalogue_at(fi)->name;
  if (!kept[fi][0] && g_fn_succeeded[fi] > before) kept[fi][0] = 1, write_seed(dir, "computes", fn);
  if (!kept[fi][1] && g_made_nul) kept[fi][1] = 1, write_seed(dir, "issue11-nul-text", fn);
  if (!kept[fi][2] && g_made_long) kept[fi][2] = 1, write_seed(dir, "issue11-long-name", fn);
}

/* Every file of the corpus folder, in name order: each input that ever
 * found a bug, plus seeds that reach each function's computation. */
static long replay_corpus(const char *dir) {
  struct dirent **names = NULL;
  int n = scandir(dir, &names, NULL, alphasort);
  if (n < 0) {
    fprintf(stderr, "fuzz_functions: cannot read the corpus %s\n", dir);
    exit(1);
  }
  long replayed = 0;
  for (int i = 0; i < n; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
    size_t len = strlen(names[i]->d_name);
    FILE *f = len > 4 && strcmp(names[i]->d_name + len - 4, ".bin") == 0 ? fopen(path, "rb") : NULL;
    if (f) {
      uint8_t buf[sizeof g_input];
      size_t got = fread(buf, 1, sizeof buf, f);
      fclose(f);
      run_input(buf, got);
      replayed++;
    }
    free(names[i]);
  }
  free(names);
  return replayed;
}

/* fuzz_functions [N [CORPUS]]: the corpus, then N random inputs (N = 0: no
 * end, a report every million; SG_FUZZ_SEED picks the sequence). */
int main(int argc, char **argv) {
  long iterations = argc > 1 ? atol(argv[1]) : 20000;
  const char *seed_env = getenv("SG_FUZZ_SEED");
  uint64_t state = seed_env ? strtoull(seed_env, NULL, 0) : 0x9E3779B97F4A7C15ull;
  if (!state) state = (uint64_t)time(NULL) | 1;
  signal(SIGABRT, save_crash_input);
  signal(SIGSEGV, save_crash_input);
  signal(SIGBUS, save_crash_input);
  signal(SIGFPE, save_crash_input);
  time_t t0 = time(NULL);
  long replayed = argc > 2 ? replay_corpus(argv[2]) : 0;
  uint8_t buf[128];
  long it = 0;
  for (; iterations == 0 || it < iterations; it++) {
    size_t size = 1 + (size_t)(next_random(&state) >> 57); /* 1..128 bytes */
    for (size_t i = 0; i < size; i++) buf[i] = (uint8_t)(next_random(&state) >> 24);
    run_input(buf, size);
    if (iterations == 0 && (it + 1) % 1000000 == 0)
      printf("fuzz_functions: %ld inputs, %ld s, no crash\n", it + 1, (long)(time(NULL) - t0));
  }
  printf("fuzz_functions: %ld corpus inputs and %ld random ones in %ld s (%ld computed, %ld "
         "rejected with a message), no crash\n",
         replayed, it, (long)(time(NULL) - t0), g_succeeded, g_failed);
  int status = 0;
  if (sgf_catalogue_size() > MAX_FUNCTIONS) {
    fprintf(stderr, "fuzz_functions: raise MAX_FUNCTIONS to %zu\n", sgf_catalogue_size());
    status = 1;
  }
  for (size_t i = 0; i < sgf_catalogue_size() && i < MAX_FUNCTIONS; i++) {
    printf("  %-20s %6ld computed of %6ld\n", sgf_catalogue_at(i)->name, g_fn_succeeded[i],
           g_fn_calls[i]);
    /* SG_LASTERROR takes no arguments; it has nothing to get past. */
    if (g_fn_succeeded[i] == 0 && strcmp(sgf_catalogue_at(i)->name, "SG_LASTERROR") != 0) {
      fprintf(stderr, "fuzz_functions: %s never computed a result\n", sgf_catalogue_at(i)->name);
      status = 1;
    }
  }
  printf("  SG_REPHASE check ran %ld times\n", g_rephase_checked);
  if (g_rephase_checked < 100) {
    fprintf(stderr, "fuzz_functions: the SG_REPHASE check ran only %ld times\n", g_rephase_checked);
    status = 1;
  }
  printf("  SG_SPLIT unit check ran %ld times\n", g_split_checked);
  if (g_split_checked < 100) {
    fprintf(stderr, "fuzz_functions: the SG_SPLIT unit check ran only %ld times\n",
            g_split_checked);
    status = 1;
  }
  sgf_session_free(g_session); /* closes the store */
  if (g_store_dir[0]) { /* the store's files, then its folder */
    const char *names[] = {"snapshots.sqlite", "snapshots.sqlite-wal", "snapshots.sqlite-shm",
                           "snapshots.sqlite-sgfile"};
    for (size_t i = 0; i < 4; i++) {
      char path[96];
      snprintf(path, sizeof path, "%s/%s", g_store_dir, names[i]);
      remove(path);
    }
    remove(g_store_dir);
  }
  return status;
}
#endif
