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
 * nothing else. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv: the snapshot store's folder */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
  unsigned lo = take(r), hi = take(r); /* two reads: evaluation order is unspecified */
  return (double)(int)(lo | (hi << 8)) / (k & 1 ? 1.0 : 100.0) - 100.0;
}

/* Set when the current input made a text with a NUL inside or a name past
 * the cap (the seed writer keeps such inputs, see SG_FUZZ_WRITE_SEEDS). */
static int g_made_nul, g_made_long;

/* A wild grid: any shape, mostly blank, error, text or odd numbers. */
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
      unsigned pick = take(r);
      const char *t = texts[pick % 16];
      if (pick == 255) { /* NUL inside (UNO allows it) */
        sgf_grid_set_text(g, i, "A\0B", 3);
        g_made_nul = 1;
      } else if (pick == 254) { /* a name past the store's 256-character cap */
        g_made_long = 1;
        char long_name[300];
        memset(long_name, 'n', sizeof long_name);
        sgf_grid_set_text(g, i, long_name, sizeof long_name);
      } else sgf_grid_set_text(g, i, t, strlen(t));
    }
    else sgf_grid_set_number(g, i, take_number(r));
  }
}

/* Argument-aware inputs: each argument is read the way the catalogue describes it (a
 * total is an amount, rates are in (0, 1], dates are serials in 40000..50630, a unit is
 * 0, 1, 100, 0.01 or 0.5, shaped arguments share one shape per input), so most inputs get
 * past argument checking and reach the computation. About one cell in sixteen is
 * replaced by a wild cell (blank, error, text, NaN, infinity, a huge or negative number)
 * and about one argument in twenty-four by a wild grid of any shape, so argument checking
 * stays covered too. Every choice a zero byte makes is a valid one: an input that runs
 * out of bytes still builds a valid call. */
typedef enum {
  K_AMOUNT,     /* total, target, quota, values: mostly whole hundreds */
  K_ACTUAL,     /* SG_PROGRESS actual: an amount, sometimes negative */
  K_POSITIVE,   /* avgDeal: more than 0 */
  K_WEIGHT,     /* weights, counts, seasonality, ramp: 0 or more */
  K_RATE,       /* rates: (0, 1] */
  K_MIX,        /* mix: [0, 1] */
  K_FRACTION,   /* SG_ALERT value: 0 .. 1.275 */
  K_THRESHOLDS, /* {red_below; amber_below}, ascending */
  K_SPLIT_UNIT, /* 1, 100, 0.01, 0.5, 0 */
  K_FLOOR,
  K_CAP,
  K_LOCKED,     /* mostly blank, sometimes a whole hundred */
  K_DATE_START, /* base + 0..31 */
  K_DATE_END,   /* base + 31..430 */
  K_DATE_ANY,   /* base + 0..399 */
  K_DAYS,       /* stageDays: 0..30 */
  K_BOOL,
  K_MONTH,      /* fiscalStartMonth: 1..12 */
  K_GRAIN,
  K_METRIC,
  K_WHAT,
  K_MODE,
  K_PLAN,
  K_NAME,       /* unit names and paths */
  K_PATTERN,
  K_RULES,
  K_TIERS,      /* commission breakpoints: 0, then increasing */
  K_DIRECTION,  /* SG_SCORE direction: 1 or -1 */
  K_COMM_MODE   /* SG_COMMISSION mode */
} arg_kind;

typedef enum {
  S_SCALAR, /* 1x1 */
  S_SHARED, /* the input's shared shape (weights and everything shaped like them) */
  S_ONE_OR_SHARED,
  S_SEASON, /* 12 monthly weights, mostly */
  S_LIST,   /* a short column or row of its own */
  S_PAIR,   /* two cells */
  S_RULES   /* k rows of pattern | red | amber | [label] */
} arg_shape;

typedef struct arg_spec {
  arg_kind kind;
  arg_shape shape;
} arg_spec;

static arg_spec spec_of(const sgf_function *fn, size_t argi) {
  const char *f = fn->name, *a = fn->args[argi].name;
#define IS(x) (strcmp(a, x) == 0)
#define FN(x) (strcmp(f, x) == 0)
  /* Setting and revising targets (fn_revise.c). */
  if (FN("SG_BASELINE")) {
    if (IS("history")) return (arg_spec){K_POSITIVE, S_SHARED};
    if (IS("what")) return (arg_spec){K_METRIC, S_SCALAR}; /* 1..4 valid, 5, 6 and names not */
  }
  if (FN("SG_REPHASE")) {
    if (IS("newTotal")) return (arg_spec){K_AMOUNT, S_SCALAR};
    if (IS("plan")) return (arg_spec){K_WEIGHT, S_SHARED};
    if (IS("actuals")) return (arg_spec){K_LOCKED, S_SHARED};
  }
  if (FN("SG_CAPACITY")) {
    if (IS("quotas")) return (arg_spec){K_AMOUNT, S_SHARED};
    if (IS("hireDates")) return (arg_spec){K_DATE_ANY, S_SHARED};
    if (IS("attainment")) return (arg_spec){K_MIX, S_SCALAR};
  }
  if (FN("SG_FUNNEL_GAP")) return (arg_spec){K_POSITIVE, S_SHARED};
  if (FN("SG_SNAPSHOT")) {
    if (IS("plan")) return (arg_spec){K_PLAN, S_SCALAR};
    if (IS("unit")) return (arg_spec){K_NAME, S_SHARED};
    if (IS("asOf")) return (arg_spec){K_DATE_START, S_SCALAR};
    return (arg_spec){K_AMOUNT, S_SHARED}; /* target, actual */
  }
  if (FN("SG_HISTORY") || FN("SG_TREND")) {
    if (IS("plan")) return (arg_spec){K_PLAN, S_SCALAR};
    if (IS("unit")) return (arg_spec){K_NAME, S_SCALAR};
    if (IS("from")) return (arg_spec){K_DATE_START, S_SCALAR};
    return (arg_spec){K_DATE_END, S_SCALAR}; /* to, end */
  }
  if (FN("SG_ALERT")) {
    if (IS("value")) return (arg_spec){K_FRACTION, S_SHARED};
    if (IS("thresholds")) return (arg_spec){K_THRESHOLDS, S_PAIR};
    if (IS("unit")) return (arg_spec){K_NAME, S_ONE_OR_SHARED};
    if (IS("rules")) return (arg_spec){K_RULES, S_RULES};
    return (arg_spec){K_WHAT, S_SCALAR};
  }
  if (FN("SG_SCORE")) {
    if (IS("actuals")) return (arg_spec){K_AMOUNT, S_SHARED};
    if (IS("targets")) return (arg_spec){K_POSITIVE, S_SHARED};
    if (IS("weights")) return (arg_spec){K_WEIGHT, S_SHARED};
    if (IS("cap")) return (arg_spec){K_CAP, S_SCALAR};
    if (IS("direction")) return (arg_spec){K_DIRECTION, S_SCALAR};
    return (arg_spec){K_MIX, S_SCALAR}; /* floor, gate */
  }
  if (FN("SG_COMMISSION")) {
    if (IS("revenue")) return (arg_spec){K_ACTUAL, S_SHARED};
    if (IS("quota")) return (arg_spec){K_POSITIVE, S_ONE_OR_SHARED};
    if (IS("tiers")) return (arg_spec){K_TIERS, S_PAIR};
    if (IS("rates")) return (arg_spec){K_RATE, S_PAIR};
    if (IS("mode")) return (arg_spec){K_COMM_MODE, S_SCALAR};
    if (IS("cap")) return (arg_spec){K_CAP, S_ONE_OR_SHARED};
    return (arg_spec){K_MIX, S_ONE_OR_SHARED}; /* factor */
  }
  if (FN("SG_ROLLUP")) {
    if (IS("paths")) return (arg_spec){K_NAME, S_SHARED};
    if (IS("values")) return (arg_spec){K_AMOUNT, S_SHARED};
    if (IS("pattern")) return (arg_spec){K_PATTERN, S_LIST};
    return (arg_spec){K_MODE, S_SCALAR};
  }
  if (FN("SG_CASCADE") || FN("SG_MISMATCH")) { /* leaf paths with values beside them */
    if (IS("paths")) return (arg_spec){K_NAME, S_SHARED};
    if (IS("targets")) return (arg_spec){K_AMOUNT, S_SHARED};
    if (IS("units")) return (arg_spec){K_SPLIT_UNIT, S_SCALAR};
  }
  if (FN("SG_SPLIT2D") && IS("seed")) return (arg_spec){K_WEIGHT, S_SHARED};
  if (IS("total") || IS("target") || IS("quota")) return (arg_spec){K_AMOUNT, S_SCALAR};
  if (IS("actual")) return (arg_spec){K_ACTUAL, S_SCALAR};
  if (IS("avgDeal")) return (arg_spec){K_POSITIVE, S_SCALAR};
  if (IS("weights") || IS("weights1") || IS("weights2") || IS("counts"))
    return (arg_spec){K_WEIGHT, S_SHARED};
  if (IS("rates")) return (arg_spec){K_RATE, S_SHARED};
  if (IS("stageDays")) return (arg_spec){K_DAYS, S_SHARED};
  if (IS("locked")) return (arg_spec){K_LOCKED, S_SHARED};
  if (IS("floors")) return (arg_spec){K_FLOOR, S_ONE_OR_SHARED};
  if (IS("caps")) return (arg_spec){K_CAP, S_ONE_OR_SHARED};
  if (IS("seasonality")) return (arg_spec){K_WEIGHT, S_SEASON};
  if (IS("ramp")) return (arg_spec){K_WEIGHT, S_LIST};
  if (IS("holidays")) return (arg_spec){K_DATE_ANY, S_LIST};
  if (IS("mix")) return (arg_spec){K_MIX, S_SCALAR};
  if (IS("unit")) return (arg_spec){K_SPLIT_UNIT, S_SCALAR};
  if (IS("start") || IS("hireDate") || IS("periodStart")) return (arg_spec){K_DATE_START, S_SCALAR};
  if (IS("end") || IS("periodEnd")) return (arg_spec){K_DATE_END, S_SCALAR};
  if (IS("asOf") || IS("deadline")) return (arg_spec){K_DATE_ANY, S_SCALAR};
  if (IS("whole")) return (arg_spec){K_BOOL, S_SCALAR};
  if (IS("fiscalStartMonth")) return (arg_spec){K_MONTH, S_SCALAR};
  if (IS("grain")) return (arg_spec){K_GRAIN, S_SCALAR};
  if (IS("metric")) return (arg_spec){K_METRIC, S_SCALAR};
#undef IS
#undef FN
  return (arg_spec){K_AMOUNT, S_SCALAR}; /* an argument added later: a plain number */
}

typedef struct input_ctx {
  size_t rows, cols; /* the shared shape */
  double base_date;  /* 40000..50000 */
} input_ctx;

static void set_text(sgf_grid *g, size_t i, const char *t) {
  if (sgf_grid_set_text(g, i, t, strlen(t)) != 0) abort();
}

static const char *const k_names[] = {
    "APAC/China/East/\xe5\xbc\xa0\xe4\xb8\x89", "APAC/China/West/Li", "EMEA/DE/Anna",
    "EMEA/FR/Paul", "AMER/US/Bob", "AMER/CA/Eve", "A/\xe5\xbc\xa0", "Key/Acme"};

static const char *const k_patterns[] = {"^APAC/", ".*", "China", "^EMEA/(DE|FR)/", "\\w+$",
                                         "Key", "(", "(a+)+$"};

/* One valid cell of the given kind; i is its index in the grid (names in a column are
 * distinct up to eight, thresholds ascend, rules have their columns). */
static void gen_cell(reader *r, sgf_grid *g, size_t i, arg_kind kind, const input_ctx *ctx,
                     unsigned salt) {
  unsigned k = take(r);
  switch (kind) {
  case K_AMOUNT:
  case K_ACTUAL: {
    unsigned lo = take(r), hi = take(r); /* two reads: evaluation order is unspecified */
    double v = (double)(lo | (hi << 8));
    if (k % 8 == 7) v = v / 100.0 + 10000.0 * (k % 5); /* cents */
    else v *= 100.0;                                   /* whole hundreds */
    if (kind == K_ACTUAL && k % 16 == 15) v = -v / 10.0;
    sgf_grid_set_number(g, i, v);
    return;
  }
  case K_POSITIVE: sgf_grid_set_number(g, i, 1000.0 + 250.0 * k); return;
  case K_WEIGHT:
    sgf_grid_set_number(g, i, k % 4 == 3 ? (double)k / 7.0 : (double)(k % 16 == 15 ? 0 : k + 1));
    return;
  case K_RATE: sgf_grid_set_number(g, i, (double)(100 - k % 100) / 100.0); return;
  case K_MIX: sgf_grid_set_number(g, i, (double)(k % 101) / 100.0); return;
  case K_FRACTION: sgf_grid_set_number(g, i, (double)k / 200.0); return;
  case K_THRESHOLDS:
    sgf_grid_set_number(g, i, i == 0 ? 0.5 + (k % 36) / 100.0 : 0.86 + (k % 15) / 100.0);
    return;
  case K_SPLIT_UNIT: {
    static const double units[] = {1, 100, 0.01, 0.5, 0};
    sgf_grid_set_number(g, i, units[k % 5]);
    return;
  }
  case K_FLOOR: sgf_grid_set_number(g, i, 10.0 * (k % 50)); return;
  case K_CAP: sgf_grid_set_number(g, i, k % 2 ? 1e9 : 1e5 * (1 + k % 64)); return;
  case K_LOCKED:
    if (k % 4 == 3) sgf_grid_set_number(g, i, 100.0 * (k % 25));
    return; /* else blank: free */
  case K_DATE_START: sgf_grid_set_number(g, i, ctx->base_date + k % 32); return;
  case K_DATE_END: sgf_grid_set_number(g, i, ctx->base_date + 31 + k % 400); return;
  case K_DATE_ANY: sgf_grid_set_number(g, i, ctx->base_date + k % 400); return;
  case K_DAYS: sgf_grid_set_number(g, i, k % 31); return;
  case K_BOOL: sgf_grid_set_number(g, i, k % 2 ? 0 : 1); return;
  case K_MONTH: sgf_grid_set_number(g, i, 1 + k % 12); return;
  case K_GRAIN: {
    static const char *const grains[] = {"month", "quarter", "week", "day", "Month"};
    set_text(g, i, grains[k % 5]);
    return;
  }
  case K_METRIC: {
    static const char *const metrics[] = {"attainment", "expected", "pace", "gap",
                                          "required_per_day", "forecast"};
    if (k % 2) sgf_grid_set_number(g, i, 1 + k % 6);
    else set_text(g, i, metrics[(k / 2) % 6]);
    return;
  }
  case K_WHAT: set_text(g, i, k % 2 ? "message" : "code"); return;
  case K_MODE: {
    static const char *const modes[] = {"sum", "count", "avg", "min", "max", "MAX"};
    set_text(g, i, modes[k % 6]);
    return;
  }
  case K_PLAN:
    if (k % 4 == 3) sgf_grid_set_number(g, i, 2025);
    else set_text(g, i, k % 2 ? "Q1" : "FY2025");
    return;
  case K_NAME: set_text(g, i, k_names[(salt + i) % 8]); return;
  case K_PATTERN: set_text(g, i, k_patterns[k % 8]); return;
  case K_TIERS: sgf_grid_set_number(g, i, (double)i * (0.5 + 0.25 * (k % 3))); return;
  case K_DIRECTION: sgf_grid_set_number(g, i, k % 3 == 2 ? -1 : 1); return;
  case K_COMM_MODE: {
    static const char *const modes[] = {"marginal", "retroactive", "\xe5\x85\xa8\xe9\xa2\x9d\xe7\xb4\xaf\xe8\xbf\x9b"};
    set_text(g, i, modes[k % 3]);
    return;
  }
  case K_RULES:
    switch (i % g->cols) {
    case 0: set_text(g, i, k_patterns[k % 8]); return;
    case 1: sgf_grid_set_number(g, i, 0.5 + (k % 36) / 100.0); return;
    case 2: sgf_grid_set_number(g, i, 0.86 + (k % 15) / 100.0); return;
    default:
      if (k % 2 == 0) set_text(g, i, "Key accounts");
      return;
    }
  }
}

/* A cell that is probably invalid wherever it lands. */
static void wild_cell(reader *r, sgf_grid *g, size_t i) {
  unsigned k = take(r) % 8;
  if (k == 0) return; /* blank */
  if (k == 1) sgf_grid_set_error(g, i);
  else if (k == 2) set_text(g, i, "ab\xe5\xbc\xa0");
  else if (k == 3) set_text(g, i, "\xff");
  else sgf_grid_set_number(g, i, take_number(r));
}

static void take_arg(reader *r, const sgf_function *fn, size_t argi, const input_ctx *ctx,
                     sgf_grid *g) {
  unsigned how = take(r);
  if (how % 24 == 23) { /* a wild grid, any shape, mostly invalid cells */
    take_grid(r, g);
    return;
  }
  if (sgf_arg_is_optional(&fn->args[argi]) && how % 4 == 3) {
    sgf_grid_init_omitted(g);
    return;
  }
  arg_spec s = spec_of(fn, argi);
  size_t rows = 1, cols = 1;
  unsigned n = take(r);
  switch (s.shape) {
  case S_SCALAR: break;
  case S_SHARED: rows = ctx->rows, cols = ctx->cols; break;
  case S_ONE_OR_SHARED:
    if (n % 2) rows = ctx->rows, cols = ctx->cols;
    break;
  case S_SEASON:
    if (n % 8 == 7) rows = 1 + n % 13;
    else if (n % 8 == 6) cols = 12;
    else rows = 12;
    break;
  case S_LIST:
    if (n % 2) cols = 1 + n % 4;
    else rows = 1 + n % 5;
    break;
  case S_PAIR:
    if (n % 2) cols = 2;
    else rows = 2;
    break;
  case S_RULES: rows = 1 + n % 3, cols = n % 4 == 3 ? 3 : 4; break;
  }
  if (sgf_grid_init(g, rows, cols) != 0) abort();
  unsigned salt = take(r);
  for (size_t i = 0; i < rows * cols; i++) {
    if (take(r) % 16 == 15) wild_cell(r, g, i);
    else gen_cell(r, g, i, s.kind, ctx, salt);
  }
}

static void take_shape(reader *r, input_ctx *ctx) {
  unsigned s = take(r), d = take(r);
  ctx->base_date = 40000.0 + 40.0 * d; /* 40000..50200 */
  ctx->rows = ctx->cols = 1;
  switch (s % 16) {
  case 15: ctx->rows = 1 + take(r) * 4; break; /* occasionally a long column */
  case 14: ctx->rows = 2 + s / 16 % 2, ctx->cols = 2 + s / 32 % 2; break; /* a block */
  case 13:
  case 12: ctx->cols = 1 + s / 16 % 6; break; /* a row */
  default: ctx->rows = 1 + s / 16 % 6; break; /* a column */
  }
}

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
