/*
 * internal.h — helpers shared by the engine's .c files. Private: hosts and
 * functions/ use salesgoal.h only.
 */
#ifndef SG_INTERNAL_H
#define SG_INTERNAL_H

#include "salesgoal.h"

#if defined(__GNUC__) || defined(__clang__)
#define SG_PRINTF_LIKE(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define SG_PRINTF_LIKE(fmt, first)
#endif

/* Fill *err (when err is not NULL) with the failure and a message formatted
 * from fmt, and return code, so callers can write `return sg_fail(...)`.
 * Messages count items from 1, as a planner reads a column; err->index stays
 * 0-based for hosts. */
int sg_fail(sg_error *err, int code, int arg, long index, double value,
            double value2, const char *fmt, ...) SG_PRINTF_LIKE(7, 8);

/* Mark *err (when not NULL) as success with an empty message and return
 * SG_OK, so a reused sg_error never shows a stale failure. */
int sg_ok(sg_error *err);

/* SG_OK when v[0..n) are all finite and >= 0; otherwise sg_fail with
 * SG_ENONFINITE (NaN, +-inf) or SG_ENEGATIVE for the first bad one, naming
 * argument arg and the value. `first` is the item number of v[0] within the
 * argument (err->index = first + i), or -1 for an argument that is a single
 * value (n == 1; err->index = -1). `what` names the argument in the message. */
int sg_check_nonneg(const double *v, size_t n, int arg, long first, const char *what,
                    sg_error *err);

/* ------------------------------------------------ compensated summation
 * Neumaier's sum: totals over a million values of mixed size stay accurate
 * to about one rounding. A sum that overflows (or has an infinite term)
 * reads as that infinity, not as inf + (-inf) compensation noise (NaN). */

#include <math.h>

typedef struct sg_ksum {
  double s, c; /* running sum and compensation */
} sg_ksum;

static inline void sg_ksum_add(sg_ksum *k, double x) {
  double t = k->s + x;
  if (fabs(k->s) >= fabs(x)) k->c += (k->s - t) + x;
  else k->c += (x - t) + k->s;
  k->s = t;
}

static inline double sg_ksum_value(const sg_ksum *k) {
  return isfinite(k->s) ? k->s + k->c : k->s;
}

/* The value of the two sums a and b together. */
static inline double sg_ksum_value2(const sg_ksum *a, const sg_ksum *b) {
  double s = a->s + b->s;
  return isfinite(s) ? s + (a->c + b->c) : s;
}

/* ------------------------------------------------ whole counts
 * Division results such as 40 / 0.4 come out as 100.00000000000001 in
 * binary; rounding that up would ask for a lead (or a hire) that nobody
 * needs. Values within a relative 1e-9 of an integer count as that
 * integer; anything else rounds up. */
static inline double sg_ceil_count(double x) {
  double nearest = nearbyint(x);
  if (fabs(x - nearest) <= 1e-9 * fmax(1.0, fabs(x))) return nearest;
  return ceil(x);
}

/* ------------------------------------------------- selection (select.c)
 * Linear expected-time selection (quickselect, median-of-three, falling back
 * to qsort of the remaining range if partitioning keeps going badly), since
 * a full sort of a million items costs more than the whole split. */

#include <stdint.h>

/* One candidate for a leftover unit: larger key first, then larger weight,
 * then smaller position. The three together are a strict total order. */
typedef struct sg_rank_item {
  int64_t key;
  double weight;
  size_t pos;
} sg_rank_item;

/* Reorder a[0..n) so that a[0..k) are the k first items in rank order
 * (in no particular order among themselves). */
void sg_select_ranked(sg_rank_item *a, size_t n, size_t k);

/* Reorder a[0..n) (no NaN) so that a[k] is the value a sort would put
 * there, with smaller-or-equal values before it. Requires k < n. */
void sg_select_double(double *a, size_t n, size_t k);

/* ------------------------------------------ calendar (calendar.c) */

/* Months since January of year 0 of the month holding serial, so month
 * arithmetic is plain integer arithmetic. */
long sg_month_index(long serial);

/* ------------------------------------------ time helpers (periods.c)
 * Shared by periods, ramp and progress so that every date span and every
 * seasonal weight is read the same way. */

/* start and end as whole days, end >= start; errors name arg_start/arg_end. */
int sg_check_span(double start, double end, int arg_start, int arg_end, long *first, long *last,
                  sg_error *err);

/* 12 calendar-month weights (finite, >= 0, not all 0) scaled so the
 * largest is 1 (only ratios matter; scaling keeps sums finite). */
int sg_month_weights(const double *season, int arg, double w[12], sg_error *err);

/* Sum over the working days of first..last of w[month] / working days in
 * that whole month: a whole month weighs exactly w[month]. */
double sg_season_weight(long first, long last, const double w[12], const sg_workweek *ww);

#endif /* SG_INTERNAL_H */
