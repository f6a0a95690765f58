/* select.c — quickselect for the split's leftover units and breakpoints. */
#include "internal.h"

#include <stddef.h>
#include <stdlib.h>

/* Partition budget before giving up on quickselect: twice the depth a run of
 * fair pivots needs. Past it the input is adversarial and an O(n log n)
 * qsort of what is left bounds the damage. */
static int select_budget(size_t n) {
  int depth = 16;
  while (n > 1) {
    n >>= 1;
    depth += 2;
  }
  return depth;
}

static int ranked_before(const sg_rank_item *a, const sg_rank_item *b) {
  if (a->key != b->key) return a->key > b->key;
  if (a->weight != b->weight) return a->weight > b->weight;
  return a->pos < b->pos;
}

static int ranked_cmp(const void *pa, const void *pb) {
  const sg_rank_item *a = pa, *b = pb;
  if (ranked_before(a, b)) return -1;
  return ranked_before(b, a) ? 1 : 0;
}

static void swap_ranked(sg_rank_item *a, sg_rank_item *b) {
  sg_rank_item t = *a;
  *a = *b;
  *b = t;
}

/* Hoare partition of a[lo..hi] around the median of three; returns j with
 * lo <= j < hi, a[lo..j] not after the pivot and a[j+1..hi] not before it. */
static ptrdiff_t partition_ranked(sg_rank_item *a, ptrdiff_t lo, ptrdiff_t hi) {
  ptrdiff_t mid = lo + (hi - lo) / 2;
  if (ranked_before(&a[mid], &a[lo])) swap_ranked(&a[mid], &a[lo]);
  if (ranked_before(&a[hi], &a[lo])) swap_ranked(&a[hi], &a[lo]);
  if (ranked_before(&a[hi], &a[mid])) swap_ranked(&a[hi], &a[mid]);
  sg_rank_item pivot = a[mid];
  ptrdiff_t i = lo - 1, j = hi + 1;
  for (;;) {
    do i++; while (ranked_before(&a[i], &pivot));
    do j--; while (ranked_before(&pivot, &a[j]));
    if (i >= j) return j;
    swap_ranked(&a[i], &a[j]);
  }
}

void sg_select_ranked(sg_rank_item *a, size_t n, size_t k) {
  if (k == 0 || k >= n) return;
  ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, target = (ptrdiff_t)k - 1;
  int budget = select_budget(n);
  while (lo < hi) {
    if (budget-- == 0) {
      qsort(a + lo, (size_t)(hi - lo + 1), sizeof *a, ranked_cmp);
      return;
    }
    ptrdiff_t j = partition_ranked(a, lo, hi);
    if (target <= j) hi = j;
    else lo = j + 1;
  }
}

static int double_cmp(const void *pa, const void *pb) {
  double a = *(const double *)pa, b = *(const double *)pb;
  return (a > b) - (a < b);
}

static void swap_double(double *a, double *b) {
  double t = *a;
  *a = *b;
  *b = t;
}

static ptrdiff_t partition_double(double *a, ptrdiff_t lo, ptrdiff_t hi) {
  ptrdiff_t mid = lo + (hi - lo) / 2;
  if (a[mid] < a[lo]) swap_double(&a[mid], &a[lo]);
  if (a[hi] < a[lo]) swap_double(&a[hi], &a[lo]);
  if (a[hi] < a[mid]) swap_double(&a[hi], &a[mid]);
  double pivot = a[mid];
  ptrdiff_t i = lo - 1, j = hi + 1;
  for (;;) {
    do i++; while (a[i] < pivot);
    do j--; while (pivot < a[j]);
    if (i >= j) return j;
    swap_double(&a[i], &a[j]);
  }
}

void sg_select_double(double *a, size_t n, size_t k) {
  if (k >= n) return;
  ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, target = (ptrdiff_t)k;
  int budget = select_budget(n);
  while (lo < hi) {
    if (budget-- == 0) {
      qsort(a + lo, (size_t)(hi - lo + 1), sizeof *a, double_cmp);
      return;
    }
    ptrdiff_t j = partition_double(a, lo, hi);
    if (target <= j) hi = j;
    else lo = j + 1;
  }
}
