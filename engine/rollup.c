/* rollup.c — aggregate the values of the units whose path matches a
 * pattern: the team total that CRM tools leave at 0 for group targets. */
#include "internal.h"

#include <math.h>
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

int sg_rollup(sg_regex_cache *cache, const sg_rollup_input *in, double *out, sg_error *err) {
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
  free(rows);
  return rc == SG_OK ? sg_ok(err) : rc;
}
