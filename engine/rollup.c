/* rollup.c — aggregate the values of the units whose path matches a
 * pattern: the team total that CRM tools leave at 0 for group targets. */
#include "internal.h"
#include "rollup_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct acc {
  sg_ksum sum; /* compensated: 100k values of mixed size lose no cents */
  double min, max;
  size_t count;
} acc;

static void acc_add(acc *a, double v) {
  sg_ksum_add(&a->sum, v);
  if (a->count == 0 || v < a->min) a->min = v;
  if (a->count == 0 || v > a->max) a->max = v;
  a->count++;
}

static double acc_result(const acc *a, sg_rollup_mode mode) {
  double sum = sg_ksum_value(&a->sum); /* an overflow stays +-inf */
  switch (mode) {
  case SG_ROLLUP_COUNT: return (double)a->count;
  case SG_ROLLUP_AVG: return a->count ? sum / (double)a->count : NAN;
  case SG_ROLLUP_MIN: return a->count ? a->min : NAN;
  case SG_ROLLUP_MAX: return a->count ? a->max : NAN;
  case SG_ROLLUP_SUM:
  default: return sum;
  }
}

/* A regex failure is about pattern k: say so for the host. */
static void blame_pattern(size_t k, sg_error *err) {
  if (err) {
    err->arg = SG_ROLLUP_ARG_PATTERN;
    err->index = (long)k;
  }
}

/* A row that takes part: it has a path and a value (not blank). */
typedef struct live_row {
  const char *path;
  size_t len;
  double value;
} live_row;

/* Rows by path (bytes, a shorter path first), rows of one path in sheet
 * order: the rows starting with a prefix are then one run found by binary
 * search. Team roll-ups are mostly prefixes ("^APAC/China/"), and 1,000 of
 * them over 100,000 rows would otherwise be 100 million matches. */
static int by_path(const void *a, const void *b) {
  const live_row *x = *(const live_row *const *)a, *y = *(const live_row *const *)b;
  int c = memcmp(x->path, y->path, x->len < y->len ? x->len : y->len);
  if (c) return c;
  if (x->len != y->len) return x->len < y->len ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Sorted index over the live rows, built on the first prefix pattern. */
typedef struct prefix_index {
  const live_row **sorted; /* nrows, by_path */
  uint64_t *marks;         /* scratch, all 0 between patterns: one bit per live row */
} prefix_index;

/* Sorting costs about rows x log2(rows) path comparisons once, scanning
 * costs rows comparisons per pattern: the index pays from about
 * PREFIX_INDEX_PATTERNS_PER_LOG2_ROWS x log2(rows) patterns. Measured by
 * `build/bench/bench_rollup ways` (tests/bench/bench_rollup.c; 2026-12-02,
 * 2 shared vCPUs, load average 2.5-4, two runs of medians of 11 alternating
 * samples), the pattern count where scan and index take the same time:
 *     rows      "^R/C/T/" (1% each)  "^R/" (25% each)  2 x log2(rows)
 *     1,000     16-17                15-16             20
 *     10,000    25-28                21                27
 *     100,000   32-37                28-42             33
 * Counted in instructions (callgrind, one call) the crossover comes
 * earlier, 7.5 / 9.6 / 12 and 8 / 11 / 14.5 patterns: qsort's comparisons
 * retire about a third as many instructions per cycle as the scan's, so
 * time sets the factor. At half the crossover the index takes about twice
 * the scan's time, at twice it 1.4-1.9x less; the old fixed 8 made 8
 * patterns over 100,000 rows about 4x slower than the scan. */
#define PREFIX_INDEX_PATTERNS_PER_LOG2_ROWS 2.0

int sg_rollup_index_pays(size_t nrows, size_t npatterns) {
  if (nrows < 2) return 0;
  return (double)npatterns >= PREFIX_INDEX_PATTERNS_PER_LOG2_ROWS * log2((double)nrows);
}

static int prefix_index_build(prefix_index *ix, live_row *rows, size_t nrows) {
  ix->sorted = malloc((nrows ? nrows : 1) * sizeof *ix->sorted);
  ix->marks = calloc(nrows / 64 + 1, sizeof *ix->marks);
  if (!ix->sorted || !ix->marks) return 0;
  for (size_t r = 0; r < nrows; r++) ix->sorted[r] = &rows[r];
  qsort(ix->sorted, nrows, sizeof *ix->sorted, by_path);
  return 1;
}

static int lowest_bit(uint64_t bits) {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctzll(bits);
#else
  int b = 0;
  for (; !(bits & 1); bits >>= 1) b++;
  return b;
#endif
}

/* Adds the rows starting with prefix, in sheet order (the same order, so
 * the same compensated sum, as matching row by row): the run's rows are
 * marked in a bitmap and read back in row order, which costs a word per
 * 64 rows plus one step per match, where sorting a broad run ("^APAC/",
 * a quarter of the rows) would cost more than scanning every row. */
static void prefix_index_add(const prefix_index *ix, const live_row *rows, size_t nrows,
                             const char *prefix, size_t plen, acc *a) {
  size_t lo = 0, hi = nrows; /* first row whose path is not below prefix */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const live_row *r = ix->sorted[mid];
    int c = memcmp(r->path, prefix, r->len < plen ? r->len : plen);
    if (c < 0 || (c == 0 && r->len < plen)) lo = mid + 1;
    else hi = mid;
  }
  size_t first_word = SIZE_MAX, last_word = 0;
  for (size_t k = lo; k < nrows; k++) {
    const live_row *r = ix->sorted[k];
    if (r->len < plen || memcmp(r->path, prefix, plen) != 0) break;
    size_t i = (size_t)(r - rows);
    ix->marks[i / 64] |= (uint64_t)1 << (i % 64);
    if (i / 64 < first_word) first_word = i / 64;
    if (i / 64 > last_word) last_word = i / 64;
  }
  for (size_t w = first_word; w <= last_word && first_word != SIZE_MAX; w++) {
    uint64_t bits = ix->marks[w];
    ix->marks[w] = 0; /* clean for the next pattern */
    for (; bits; bits &= bits - 1) acc_add(a, rows[w * 64 + (size_t)lowest_bit(bits)].value);
  }
}

int sg_rollup(sg_regex_cache *cache, const sg_rollup_input *in, double *out, sg_error *err) {
  return sg_rollup_by(cache, in, SG_ROLLUP_CHOOSE, out, err);
}

int sg_rollup_by(sg_regex_cache *cache, const sg_rollup_input *in, sg_rollup_way way, double *out,
                 sg_error *err) {
  if ((int)in->mode < SG_ROLLUP_SUM || in->mode > SG_ROLLUP_MAX)
    return sg_fail(err, SG_EINVAL, SG_ROLLUP_ARG_MODE, -1, (double)in->mode, 0,
                   "unknown aggregation mode %d", (int)in->mode);
  for (size_t i = 0; i < in->n; i++)
    if (!isnan(in->values[i]) && !isfinite(in->values[i]))
      return sg_fail(err, SG_ENONFINITE, SG_ROLLUP_ARG_VALUES, (long)i, in->values[i], 0,
                     "value %zu is not a finite number", i + 1);
  /* Live rows and their lengths once, not once per pattern: the match loop
   * is the whole cost. */
  live_row *rows = malloc((in->n ? in->n : 1) * sizeof *rows);
  if (!rows) return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  size_t nrows = 0;
  for (size_t i = 0; i < in->n; i++)
    if (in->paths[i] && !isnan(in->values[i]))
      rows[nrows++] = (live_row){in->paths[i], strlen(in->paths[i]), in->values[i]};

  int rc = SG_OK;
  prefix_index ix = {NULL, NULL};
  int use_index = way == SG_ROLLUP_INDEX ||
                  (way == SG_ROLLUP_CHOOSE && sg_rollup_index_pays(nrows, in->npatterns));
  for (size_t k = 0; k < in->npatterns && rc == SG_OK; k++) {
    const char *pattern = in->patterns[k];
    if (!pattern) {
      out[k] = NAN;
      continue;
    }
    sg_regex *re;
    rc = sg_regex_compile(cache, pattern, strlen(pattern), &re, err);
    if (rc != SG_OK) {
      blame_pattern(k, err);
      break;
    }
    acc a = {{0, 0}, 0, 0, 0};
    const char *prefix;
    size_t plen;
    if (use_index && sg_regex_literal_prefix(re, &prefix, &plen)) {
      if (!ix.sorted && !prefix_index_build(&ix, rows, nrows)) {
        sg_regex_release(cache, re);
        rc = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
        break;
      }
      prefix_index_add(&ix, rows, nrows, prefix, plen, &a);
      sg_regex_release(cache, re);
      out[k] = acc_result(&a, in->mode);
      continue;
    }
    for (size_t r = 0; r < nrows; r++) {
      int matched;
      rc = sg_regex_match(cache, re, rows[r].path, rows[r].len, &matched, err);
      if (rc != SG_OK) {
        blame_pattern(k, err);
        break;
      }
      if (matched) acc_add(&a, rows[r].value);
    }
    sg_regex_release(cache, re);
    if (rc == SG_OK) out[k] = acc_result(&a, in->mode);
  }
  free(ix.sorted);
  free(ix.marks);
  free(rows);
  return rc == SG_OK ? sg_ok(err) : rc;
}
