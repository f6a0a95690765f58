/* arg_inputs.c — the argument generators of tests/fuzz/fuzz_functions.c:
 * fuzzer bytes made into catalogue arguments (see arg_inputs.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arg_inputs.h"

static double take_number(reader *r) {
  static const double specials[] = {0,   1,    -1,  0.01, 100, 1e308, -1e308, 1e-300,
                                    0.5, 1000, 7,   3,    NAN, INFINITY, -INFINITY, 142.86};
  unsigned k = take(r);
  if (k < 128) return specials[k % 16];
  unsigned lo = take(r), hi = take(r); /* two reads: evaluation order is unspecified */
  return (double)(int)(lo | (hi << 8)) / (k & 1 ? 1.0 : 100.0) - 100.0;
}

int g_made_nul, g_made_long;

void take_grid(reader *r, sgf_grid *g) {
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

void take_arg(reader *r, const sgf_function *fn, size_t argi, const input_ctx *ctx, sgf_grid *g) {
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

void take_shape(reader *r, input_ctx *ctx) {
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
