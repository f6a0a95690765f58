/*
 * engine_scaling.c — the engine scaling tables of `make bench` (issue 15):
 * sg_split (plain weights; floors + caps + unit; the staircase worst case)
 * and seasonal against linear sg_progress, at 10k, 100k, 1M and 10M units,
 * each against a plain read-and-write loop over the same arrays (the
 * memory-bandwidth floor). Variants alternate within each run; the table
 * gives min / median / max over the runs of the time per unit and of the
 * ratio to the floor measured in the same run.
 *
 * Usage: engine_scaling [FILE.md]   (the table also goes to stdout)
 * Not a test: no assertions, timings depend on the machine.
 */
#define _POSIX_C_SOURCE 200809L
#include "salesgoal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RUNS = 7, NSIZES = 4 };
static const size_t sizes[NSIZES] = {10000, 100000, 1000000, 10000000};

static uint64_t rng_state;
static double rng_unit(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* min / median / max of v[0..n), formatted "a / b / c". */
static void stats(double *v, int n, const char *fmt, char *buf, size_t size) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  char f[64];
  snprintf(f, sizeof f, "%s / %s / %s", fmt, fmt, fmt);
  snprintf(buf, size, f, v[0], v[n / 2], v[n - 1]);
}

static volatile double sink;

/* ------------------------------------------------------------- split */

typedef enum { PLAIN, FLOORS_CAPS, STAIRCASE } split_kind;
static const char *const split_names[] = {
    "plain weights (no floors, caps or unit)",
    "floors + caps + unit 0.01",
    "staircase of floors and caps + unit 0.01 (water-level search worst case)"};

typedef struct split_case {
  size_t n;
  double *w, *fl, *cap, *out;
  sg_split_input in;
} split_case;

static int split_case_make(split_case *c, size_t n, split_kind kind) {
  memset(c, 0, sizeof *c);
  c->n = n;
  c->w = malloc(n * sizeof *c->w), c->fl = malloc(n * sizeof *c->fl);
  c->cap = malloc(n * sizeof *c->cap), c->out = malloc(n * sizeof *c->out);
  if (!c->w || !c->fl || !c->cap || !c->out) return -1;
  rng_state = 0x9e3779b97f4a7c15u;
  double total = 1500.0 * (double)n;
  /* Prior-year sales of 0..10000, every 10th account at zero; a floor of
   * 100 on a quarter of them and a cap of 3000 on a fifth. */
  for (size_t i = 0; i < n; i++) {
    c->w[i] = i % 10 == 0 ? 0 : floor(rng_unit() * 10000);
    c->fl[i] = i % 4 == 0 ? 100 : 0;
    c->cap[i] = i % 5 == 0 ? 3000 : INFINITY;
    c->out[i] = 0;
  }
  if (kind == STAIRCASE) { /* floors 0, 2, 4, ... and small caps: no item free at first */
    total = 0;
    for (size_t i = 0; i < n; i++) {
      c->w[i] = 1;
      c->fl[i] = i % 2 == 0 ? (double)i : 0;
      c->cap[i] = i % 2 == 0 ? INFINITY : (double)(i % 7);
      total += c->fl[i];
    }
    total += 12345;
  }
  c->in = (sg_split_input){n, total, c->w, kind == PLAIN ? NULL : c->fl,
                           kind == PLAIN ? NULL : c->cap, NULL, kind == PLAIN ? 0 : 0.01};
  return 0;
}

static void split_case_free(split_case *c) { free(c->w), free(c->fl), free(c->cap), free(c->out); }

/* The floor: read what the split reads, write what it writes. */
static double time_floor(const split_case *c) {
  double t0 = now_seconds();
  const double *w = c->w, *fl = c->in.floors, *cap = c->in.caps;
  double *out = c->out;
  if (fl)
    for (size_t i = 0; i < c->n; i++) out[i] = w[i] + fl[i] + cap[i];
  else
    for (size_t i = 0; i < c->n; i++) out[i] = w[i] * 2;
  double t = now_seconds() - t0;
  sink = out[c->n / 2];
  return t;
}

static double time_split(split_case *c, sg_split_ctx *ctx) {
  sg_error err;
  double t0 = now_seconds();
  int rc = sg_split_with(ctx, &c->in, c->out, &err);
  double t = now_seconds() - t0;
  if (rc != SG_OK) {
    fprintf(stderr, "sg_split(%zu): %s\n", c->n, err.message);
    return -1;
  }
  return t;
}

static int split_table(FILE *md, split_kind kind) {
  fprintf(md, "\n**sg_split, %s** (ns a unit; min / median / max of %d alternated runs)\n\n",
          split_names[kind], RUNS);
  fprintf(md, "| units | floor loop | sg_split_with (reused context) | ratio to floor | "
              "per unit vs 1M (median) | sg_split (fresh scratch) |\n");
  fprintf(md, "|---:|---:|---:|---:|---:|---:|\n");
  double med_1m = 0;
  for (int s = 0; s < NSIZES; s++) {
    size_t n = sizes[s];
    split_case c;
    sg_split_ctx *ctx = sg_split_ctx_new();
    if (!ctx || split_case_make(&c, n, kind) != 0) {
      fprintf(stderr, "out of memory at %zu\n", n);
      return 1;
    }
    if (time_split(&c, ctx) < 0) return 1; /* warm the context and the pages */
    double fl[RUNS], sp[RUNS], ratio[RUNS], fresh[RUNS];
    for (int r = 0; r < RUNS; r++) {
      fl[r] = time_floor(&c) * 1e9 / (double)n;
      sp[r] = time_split(&c, ctx) * 1e9 / (double)n;
      fresh[r] = time_split(&c, NULL) * 1e9 / (double)n;
      if (sp[r] < 0 || fresh[r] < 0) return 1;
      ratio[r] = sp[r] / fl[r];
    }
    char a[96], b[96], d[96], e[96];
    stats(fl, RUNS, "%.1f", a, sizeof a);
    stats(sp, RUNS, "%.1f", b, sizeof b);
    stats(ratio, RUNS, "%.1f", d, sizeof d);
    stats(fresh, RUNS, "%.1f", e, sizeof e);
    if (n == 1000000) med_1m = sp[RUNS / 2];
    char vs[32] = "";
    if (med_1m > 0 && n >= 1000000) snprintf(vs, sizeof vs, "%.2f×", sp[RUNS / 2] / med_1m);
    fprintf(md, "| %zu | %s | %s | %s× | %s | %s |\n", n, a, b, d, vs, e);
    fflush(md);
    sg_split_ctx_free(ctx);
    split_case_free(&c);
  }
  return 0;
}

/* ------------------------------------------------------------ progress */

static const double season[12] = {6, 7, 9, 8, 8, 9, 7, 6, 8, 9, 10, 13};

static int progress_table(FILE *md) {
  fprintf(md, "\n**sg_progress, one rep a unit** (2026, as-of dates spread over the year; "
              "ns a rep; min / median / max of %d alternated runs)\n\n", RUNS);
  fprintf(md, "| reps | floor loop | linear | seasonal | seasonal / linear | linear / floor |\n");
  fprintf(md, "|---:|---:|---:|---:|---:|---:|\n");
  for (int s = 0; s < NSIZES; s++) {
    size_t n = sizes[s];
    double *target = malloc(n * sizeof *target), *actual = malloc(n * sizeof *actual);
    double *asof = malloc(n * sizeof *asof), *out = malloc(n * SG_PROGRESS_COUNT * sizeof *out);
    if (!target || !actual || !asof || !out) return 1;
    for (size_t i = 0; i < n; i++) {
      target[i] = 100000 + (double)(i % 977) * 1000;
      actual[i] = (double)(i % 613) * 250;
      asof[i] = 46023 + (double)(i % 365);
    }
    sg_progress_season lin, sea;
    if (sg_progress_prepare(NULL, &lin, NULL) != SG_OK ||
        sg_progress_prepare(season, &sea, NULL) != SG_OK)
      return 1;
    double fl[RUNS], li[RUNS], se[RUNS], r_sl[RUNS], r_lf[RUNS];
    for (int r = 0; r < RUNS; r++) {
      double t0 = now_seconds();
      for (size_t i = 0; i < n; i++) { /* read the three inputs, write the six figures */
        double *o = out + i * SG_PROGRESS_COUNT;
        o[0] = target[i], o[1] = actual[i], o[2] = asof[i];
        o[3] = target[i], o[4] = actual[i], o[5] = asof[i];
      }
      double t1 = now_seconds();
      for (size_t i = 0; i < n; i++)
        sg_progress_with(&lin, target[i], actual[i], 46023, 46387, asof[i],
                         out + i * SG_PROGRESS_COUNT, NULL);
      double t2 = now_seconds();
      for (size_t i = 0; i < n; i++)
        sg_progress_with(&sea, target[i], actual[i], 46023, 46387, asof[i],
                         out + i * SG_PROGRESS_COUNT, NULL);
      double t3 = now_seconds();
      sink = out[n / 2];
      fl[r] = (t1 - t0) * 1e9 / (double)n;
      li[r] = (t2 - t1) * 1e9 / (double)n;
      se[r] = (t3 - t2) * 1e9 / (double)n;
      r_sl[r] = se[r] / li[r];
      r_lf[r] = li[r] / fl[r];
    }
    char a[96], b[96], c[96], d[96], e[96];
    stats(fl, RUNS, "%.1f", a, sizeof a);
    stats(li, RUNS, "%.1f", b, sizeof b);
    stats(se, RUNS, "%.1f", c, sizeof c);
    stats(r_sl, RUNS, "%.2f", d, sizeof d);
    stats(r_lf, RUNS, "%.1f", e, sizeof e);
    fprintf(md, "| %zu | %s | %s | %s | %s× | %s× |\n", n, a, b, c, d, e);
    fflush(md);
    free(target), free(actual), free(asof), free(out);
  }
  return 0;
}

/* ---------------------------------------------------------------- main */

/* What bounds the figures, from callgrind (instruction counts do not
 * depend on the load of the machine); measured 2026-12-02 on the inputs
 * above at 1M units: before issue 15's engine work, after its first round,
 * and after its second (the sg_split loops). */
static const char notes[] =
    "\n**What bounds these** (callgrind, instructions a unit at 1M units; before issue 15 → "
    "first round → second round): plain weights 362 → 226 → 139; floors + caps + unit "
    "509 → 308 → 173; staircase ~650 → 564 → 435; seasonal sg_progress 1,667 → 720 a rep "
    "against 437 for the linear form (3.8× → 1.65×). The floor loop is 4–6 instructions a "
    "unit.\n\n"
    "- sg_split is bound by instructions, not memory bandwidth (10k units cost about what 1M "
    "do): three passes over the caller's arrays, then the water-level search over the items "
    "whose floor or cap can bind. Per pass, floors + caps + unit, second round (first round "
    "in brackets): validation and sorting for the search 63 (125), shares and the histogram "
    "of remainders 55 (115), rounding and writing 31 (32), the search 24 (30, over the 45% of "
    "items whose floor or cap can bind, scaling their weights included). Plain weights: validation 64, shares 29, writing "
    "with the compensated total 46.\n"
    "- What the second round changed (results bit for bit the same; tests/unit/test_split_ref.c "
    "compares the fast loops with the general ones): each loop keeps its totals in registers "
    "(no call or store through st inside it) and is specialised by the compiler per mode; an "
    "item's floor and cap are converted to unit steps only when they differ from the last "
    "ones converted (a column of floors or caps repeats a few values, blanks included), so "
    "they are neither stored (16 bytes an item) nor recomputed; floors by a truncating "
    "conversion and the leftover step chosen by integer compares, so no branch depends on "
    "the data (a compare-and-adjust floor mispredicted on every other share); a floor is "
    "validated only when converted; the search's first pass, whose bracket decides nothing, "
    "only scales the weights and classifies.\n"
    "- What is left is the work itself: ~20 instructions an item to read and validate weight, "
    "floor and cap; ~15 for the running totals (largest and smallest weight, floors and caps "
    "in steps, the weights of free items in a Neumaier sum for the search); ~25 for a share "
    "(scaled weight, clamp, whole steps, remainder key, histogram, note); ~25 to round and "
    "write (key again, bucket against the boundary, k·U/10^d correctly rounded, so 14286 "
    "steps of 0.01 are exactly 142.86). The result pass cannot be fused into the shares pass: "
    "the boundary bucket is known only once every share is counted, and sg_split writes its "
    "output only on success.\n"
    "- Distinct floors and caps (the staircase: floor i, cap i mod 7) miss the last-value "
    "memo and pay the conversion (~35 instructions a bound) in each of the two passes; the "
    "staircase also runs the search over every item (median-breakpoint passes, 188 "
    "instructions a unit).\n"
    "- 10M against 1M: with a context reused from call to call (sg_split_with) no scratch "
    "memory is fresh; what still grows is the cost of memory traffic (at 1M the arrays, about "
    "50 MB in all, can partly stay in the last-level cache; at 10M, 500 MB cannot): two reads of weight, "
    "floor and cap (48 bytes an item), the note written and read back (16), the result "
    "(8), and the search's passes over the 24-byte items whose bounds can bind. Measured "
    "2026-12-02 in four runs: 1.10–1.23× (median 1.16×), against the target of 1.2×. sg_split without a context gets "
    "its scratch per call (24 bytes for each item whose floor or cap can bind, and in unit "
    "mode 8 for every item; pages never touched cost nothing), whose first-touch page faults "
    "show in the last column.\n"
    "- The machine is shared (2 cores, several developers' builds): read the medians and the "
    "ratios measured in the same run, not single figures; the instruction counts above do "
    "not move with the load.\n";

/* Writes the tables to stdout and, when given, to path. */
int main(int argc, char **argv) {
  char *buf = NULL;
  size_t len = 0;
  FILE *md = open_memstream(&buf, &len);
  if (!md) return 1;
  fprintf(md, "## Engine scaling (C, no Calc)\n\n"
              "Targets (issue 15): sg_split with floors, caps and a unit at most 20 ns a unit "
              "at 1M units, and at 10M at most 1.2× the cost a unit at 1M; seasonal "
              "sg_progress within 3× the linear form. The floor loop reads the same input "
              "arrays and writes the same output array once: what memory bandwidth allows.\n");
  int rc = split_table(md, PLAIN) || split_table(md, FLOORS_CAPS) ||
           split_table(md, STAIRCASE) || progress_table(md);
  fputs(notes, md);
  fclose(md);
  fputs(buf, stdout);
  if (rc == 0 && argc > 1) {
    FILE *f = fopen(argv[1], "w");
    if (!f || fputs(buf, f) < 0 || fclose(f) != 0) {
      fprintf(stderr, "cannot write %s\n", argv[1]);
      rc = 1;
    }
  }
  free(buf);
  return rc;
}
