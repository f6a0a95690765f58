/*
 * decompose.h — helpers shared by split2d.c, flow.c and cascade.c (private
 * to the engine, like internal.h).
 */
#ifndef SG_DECOMPOSE_H
#define SG_DECOMPOSE_H

#include "internal.h"

#include <stdint.h>

/* unit steps: units.h (shared with split.c) */
#include "units.h"

/* ------------------------------------------------ networks (flow.c) */

/* The bipartite support of a free matrix: cell k joins row cell_row[k] and
 * column cell_col[k]; rows' and columns' amounts are what they need. */
typedef struct sgd_support {
  size_t rows, cols, ncells;
  const size_t *cell_row, *cell_col;
} sgd_support;

/* Feasibility of margins on a support in real numbers (max flow). On
 * success *feasible is 1 and forced[k] = 1 for every cell that is 0 in
 * every nonnegative matrix on the support meeting the margins. When not
 * feasible, *bad_row is a row that cannot be filled, *need the sum of the
 * margins of the rows in its group and *room the sum of the column margins
 * they reach. Returns SG_OK or SG_ENOMEM. */
int sgd_feasible(const sgd_support *sp, const double *row_need, const double *col_need,
                 int *feasible, unsigned char *forced, size_t *bad_row, double *need,
                 double *room);

/* Controlled rounding: frac[k] in [0, 1) is cell k's fractional part (0 =
 * the cell cannot move up), row_up[i] / col_up[j] how many cells of each row
 * and column go up. Sets up[k] to 0 or 1 meeting both counts with the least
 * sum over cells of |up - frac| (ties to earlier cells). *moves counts
 * augmenting paths. SG_OK, SG_ENOMEM, or SG_EINTERNAL when no rounding
 * exists (cannot happen for counts that come from an exact fit). */
int sgd_round(const sgd_support *sp, const double *frac, const int64_t *row_up,
              const int64_t *col_up, unsigned char *up, size_t *moves);

#endif
