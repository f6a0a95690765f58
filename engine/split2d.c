/*
 * split2d.c — sg_split2d: a matrix fitted to row totals and column totals
 * (biproportional fit, RAS / iterative proportional fitting) and, with a
 * unit, rounded so that both sets of totals stay exact (controlled
 * rounding, flow.c).
 *
 * Outline: validate; take the locked cells out of the margins; check that
 * the zero pattern can carry the margins at all (max flow) and drop the
 * seeded cells it forces to 0, so the scaling converges geometrically; scale
 * rows and columns in turn until every margin is within SG_SPLIT2D_TOL; in
 * unit mode, round every fit down and send the missing units up along a
 * minimum-cost flow.
 */
#include "decompose.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const arg_names[] = {"row_totals", "col_totals", "seed", "unit", "locked"};

typedef struct fit_state {
  const sg_split2d_input *in;
  sg_error *err;
  int unit_mode;
  sgd_unit us;
  double *rneed, *cneed;        /* what the free cells of each row / column must hold */
  int64_t *rsteps, *csteps;     /* the same in unit steps */
  size_t ncells;
  size_t *cell_row, *cell_col, *cell_at; /* free seeded cells, and their index in seed */
  double *x;                    /* their fit */
} fit_state;

/* A value as whole unit steps, or an error naming argument arg, item index. */
static int steps_of(fit_state *st, double v, int arg, size_t index, int64_t *k) {
  int rc = sgd_to_steps(&st->us, v, k);
  if (rc == SG_ENOTMULTIPLE)
    return sg_fail(st->err, rc, arg, (long)index, v, st->us.unit,
                   "%s item %zu (%g) is not a multiple of the unit %g", arg_names[arg], index + 1,
                   v, st->us.unit);
  if (rc != SG_OK)
    return sg_fail(st->err, rc, arg, (long)index, v, st->us.unit,
                   "%s item %zu (%g) needs more than 2^52 steps of %g", arg_names[arg], index + 1,
                   v, st->us.unit);
  return SG_OK;
}

static int validate(fit_state *st) {
  const sg_split2d_input *in = st->in;
  size_t m = in->rows, n = in->cols;
  int rc = sg_check_nonneg(in->row_totals, m, SG_SPLIT2D_ARG_ROWS, 0, "row_totals", st->err);
  if (rc == SG_OK)
    rc = sg_check_nonneg(in->col_totals, n, SG_SPLIT2D_ARG_COLS, 0, "col_totals", st->err);
  if (rc == SG_OK) rc = sg_check_nonneg(in->seed, m * n, SG_SPLIT2D_ARG_SEED, 0, "seed", st->err);
  if (rc != SG_OK) return rc;
  if (in->locked)
    for (size_t k = 0; k < m * n; k++) {
      double v = in->locked[k];
      if (isnan(v)) continue;
      rc = sg_check_nonneg(&v, 1, SG_SPLIT2D_ARG_LOCKED, (long)k, "locked", st->err);
      if (rc != SG_OK) return rc;
    }
  return SG_OK;
}

/* Margins minus locked cells, in values and (unit mode) in steps. */
static int free_margins(fit_state *st) {
  const sg_split2d_input *in = st->in;
  size_t m = in->rows, n = in->cols;
  sg_ksum sum_r = {0, 0}, sum_c = {0, 0};
  int64_t steps_r = 0, steps_c = 0;
  for (size_t i = 0; i < m; i++) {
    sg_ksum_add(&sum_r, in->row_totals[i]);
    if (st->unit_mode) {
      int rc = steps_of(st, in->row_totals[i], SG_SPLIT2D_ARG_ROWS, i, &st->rsteps[i]);
      if (rc != SG_OK) return rc;
      steps_r += st->rsteps[i];
    }
  }
  for (size_t j = 0; j < n; j++) {
    sg_ksum_add(&sum_c, in->col_totals[j]);
    if (st->unit_mode) {
      int rc = steps_of(st, in->col_totals[j], SG_SPLIT2D_ARG_COLS, j, &st->csteps[j]);
      if (rc != SG_OK) return rc;
      steps_c += st->csteps[j];
    }
  }
  double gr = sg_ksum_value(&sum_r), gc = sg_ksum_value(&sum_c);
  int differ = st->unit_mode ? steps_r != steps_c
                             : fabs(gr - gc) > SG_SPLIT2D_TOL * fmax(gr, gc);
  if (differ)
    return sg_fail(st->err, SG_EMARGINS, SG_SPLIT2D_ARG_COLS, -1, gr, gc,
                   "the row totals add up to %.15g but the column totals to %.15g", gr, gc);
  sg_ksum *lr = calloc(m, sizeof *lr), *lc = calloc(n, sizeof *lc);
  if (!lr || !lc) {
    free(lr), free(lc);
    return sg_fail(st->err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  }
  int rc = SG_OK;
  for (size_t k = 0; k < m * n && in->locked; k++) {
    double v = in->locked[k];
    if (isnan(v)) continue;
    size_t i = k / n, j = k % n;
    sg_ksum_add(&lr[i], v);
    sg_ksum_add(&lc[j], v);
    if (st->unit_mode) {
      int64_t s = 0;
      rc = steps_of(st, v, SG_SPLIT2D_ARG_LOCKED, k, &s);
      if (rc != SG_OK) goto done;
      st->rsteps[i] -= s;
      st->csteps[j] -= s;
    }
  }
  for (size_t pass = 0; pass < 2; pass++) {
    size_t len = pass ? n : m;
    const double *tot = pass ? in->col_totals : in->row_totals;
    sg_ksum *locked = pass ? lc : lr;
    double *need = pass ? st->cneed : st->rneed;
    int64_t *steps = pass ? st->csteps : st->rsteps;
    for (size_t i = 0; i < len; i++) {
      double l = sg_ksum_value(&locked[i]);
      double left = tot[i] - l;
      int over = st->unit_mode ? steps[i] < 0 : left < -SG_SPLIT2D_TOL * fmax(tot[i], l);
      if (over) {
        rc = sg_fail(st->err, SG_ELOCKED, pass ? SG_SPLIT2D_ARG_COLS : SG_SPLIT2D_ARG_ROWS,
                     (long)i, l, tot[i], "the locked cells of %s %zu add up to %.15g, more than "
                     "its total %.15g", pass ? "column" : "row", i + 1, l, tot[i]);
        goto done;
      }
      need[i] = st->unit_mode ? (double)steps[i] : (left > 0 ? left : 0);
    }
  }
done:
  free(lr), free(lc);
  return rc;
}

/* The free seeded cells; a row or column that needs something but has none
 * is named. */
static int collect_cells(fit_state *st) {
  const sg_split2d_input *in = st->in;
  size_t m = in->rows, n = in->cols;
  size_t *rcount = calloc(m, sizeof *rcount), *ccount = calloc(n, sizeof *ccount);
  if (!rcount || !ccount) {
    free(rcount), free(ccount);
    return sg_fail(st->err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  }
  st->ncells = 0;
  for (size_t k = 0; k < m * n; k++) {
    if ((in->locked && !isnan(in->locked[k])) || !(in->seed[k] > 0)) continue;
    size_t i = k / n, j = k % n;
    st->cell_row[st->ncells] = i;
    st->cell_col[st->ncells] = j;
    st->cell_at[st->ncells] = k;
    st->ncells++;
    rcount[i]++;
    ccount[j]++;
  }
  int rc = SG_OK;
  for (size_t pass = 0; pass < 2 && rc == SG_OK; pass++) {
    size_t len = pass ? n : m;
    const double *need = pass ? st->cneed : st->rneed;
    const size_t *count = pass ? ccount : rcount;
    for (size_t i = 0; i < len && rc == SG_OK; i++) {
      if (!(need[i] > 0) || count[i] > 0) continue;
      double v = st->unit_mode ? sgd_from_steps(&st->us, need[i]) : need[i];
      rc = sg_fail(st->err, SG_ENOSEED, pass ? SG_SPLIT2D_ARG_COLS : SG_SPLIT2D_ARG_ROWS,
                   (long)i, v, 0, "%s %zu needs %.15g but has no free cell with a seed above 0",
                   pass ? "column" : "row", i + 1, v);
    }
  }
  free(rcount), free(ccount);
  return rc;
}

/* Rows and columns scaled in turn. x starts as the seed (scaled so its
 * largest value is 1: sums stay finite), cells of zero-need rows and
 * columns at 0. Converged when, right after a column pass, every row is
 * within SG_SPLIT2D_TOL of its need. */
static int balance(fit_state *st, const unsigned char *forced, size_t *passes) {
  const sg_split2d_input *in = st->in;
  size_t m = in->rows, n = in->cols, nc = st->ncells;
  sg_ksum *sum = malloc((m > n ? m : n) * sizeof *sum);
  double *factor = malloc((m > n ? m : n) * sizeof *factor);
  if (!sum || !factor) {
    free(sum), free(factor);
    return sg_fail(st->err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  }
  double top = 0;
  for (size_t k = 0; k < nc; k++)
    if (in->seed[st->cell_at[k]] > top) top = in->seed[st->cell_at[k]];
  for (size_t k = 0; k < nc; k++) {
    size_t i = st->cell_row[k], j = st->cell_col[k];
    int zero = forced[k] || !(st->rneed[i] > 0) || !(st->cneed[j] > 0);
    st->x[k] = zero ? 0 : in->seed[st->cell_at[k]] / top;
  }
  int rc = SG_ENOCONVERGE;
  double worst = INFINITY, prev = INFINITY;
  size_t worst_row = 0, polish_until = 0;
  for (size_t pass = 1; pass <= SG_SPLIT2D_MAX_PASSES; pass++) {
    for (int side = 0; side < 2; side++) {
      size_t len = side ? n : m;
      const size_t *of = side ? st->cell_col : st->cell_row;
      const double *need = side ? st->cneed : st->rneed;
      for (size_t i = 0; i < len; i++) sum[i] = (sg_ksum){0, 0};
      for (size_t k = 0; k < nc; k++) sg_ksum_add(&sum[of[k]], st->x[k]);
      for (size_t i = 0; i < len; i++) {
        double s = sg_ksum_value(&sum[i]);
        factor[i] = s > 0 ? need[i] / s : 0;
      }
      for (size_t k = 0; k < nc; k++) st->x[k] *= factor[of[k]];
    }
    for (size_t i = 0; i < m; i++) sum[i] = (sg_ksum){0, 0};
    for (size_t k = 0; k < nc; k++) sg_ksum_add(&sum[st->cell_row[k]], st->x[k]);
    worst = 0;
    for (size_t i = 0; i < m; i++) {
      double e = fabs(sg_ksum_value(&sum[i]) - st->rneed[i]);
      double rel = st->rneed[i] > 0 ? e / st->rneed[i] : e;
      if (rel > worst) worst = rel, worst_row = i;
    }
    *passes = pass;
    /* Once within tolerance, a few more passes while they still help take
     * the fit to rounding level (2, not 2.0000000000026). */
    if (rc == SG_OK && (worst >= prev || worst <= 1e-15 || pass >= polish_until)) break;
    if (rc != SG_OK && worst <= SG_SPLIT2D_TOL) {
      rc = SG_OK;
      polish_until = pass + 100;
    }
    prev = worst;
  }
  free(sum), free(factor);
  if (rc != SG_OK)
    return sg_fail(st->err, rc, SG_SPLIT2D_ARG_ROWS, (long)worst_row, worst, SG_SPLIT2D_TOL,
                   "the fit still misses row %zu by %.3g of its total after %d passes",
                   worst_row + 1, worst, SG_SPLIT2D_MAX_PASSES);
  return SG_OK;
}

/* Unit mode: round each fit down (a fit within noise of a whole step is that
 * step) and choose which cells go up. x is in steps. */
static int round_cells(fit_state *st, double *out, sg_split2d_info *info) {
  const sg_split2d_input *in = st->in;
  size_t m = in->rows, n = in->cols, nc = st->ncells;
  double *frac = malloc((nc + 1) * sizeof *frac);
  double *base = malloc((nc + 1) * sizeof *base);
  int64_t *row_up = malloc(m * sizeof *row_up), *col_up = malloc(n * sizeof *col_up);
  unsigned char *up = malloc(nc + 1);
  int rc = SG_ENOMEM;
  if (!frac || !base || !row_up || !col_up || !up) goto done;
  for (size_t i = 0; i < m; i++) row_up[i] = st->rsteps[i];
  for (size_t j = 0; j < n; j++) col_up[j] = st->csteps[j];
  for (size_t k = 0; k < nc; k++) {
    double f = st->x[k], r = nearbyint(f);
    base[k] = fabs(f - r) <= sgd_int_tol(f) ? r : floor(f);
    frac[k] = fabs(f - r) <= sgd_int_tol(f) ? 0 : f - base[k];
    row_up[st->cell_row[k]] -= (int64_t)base[k];
    col_up[st->cell_col[k]] -= (int64_t)base[k];
  }
  size_t moves = 0;
  rc = sgd_round(&(sgd_support){m, n, nc, st->cell_row, st->cell_col}, frac, row_up, col_up, up,
                 &moves);
  if (rc != SG_OK) goto done;
  sg_ksum dist = {0, 0};
  for (size_t k = 0; k < nc; k++) {
    double v = sgd_from_steps(&st->us, base[k] + up[k]);
    out[st->cell_at[k]] = v;
    sg_ksum_add(&dist, fabs(base[k] + up[k] - st->x[k]) * st->us.unit);
  }
  if (info) {
    info->moves = moves;
    info->distance = sg_ksum_value(&dist);
  }
done:
  free(frac), free(base), free(row_up), free(col_up), free(up);
  if (rc == SG_ENOMEM) return sg_fail(st->err, rc, -1, -1, 0, 0, "out of memory");
  if (rc != SG_OK)
    return sg_fail(st->err, rc, -1, -1, 0, 0, "split2d: no controlled rounding found");
  return SG_OK;
}

static int fit(fit_state *st, double *out, sg_split2d_info *info) {
  const sg_split2d_input *in = st->in;
  size_t m = in->rows, n = in->cols;
  int rc = free_margins(st);
  if (rc == SG_OK) rc = collect_cells(st);
  if (rc != SG_OK) return rc;
  unsigned char *forced = calloc(st->ncells + 1, 1);
  if (!forced) return sg_fail(st->err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  int feasible = 0;
  size_t bad_row = 0;
  double need = 0, room = 0;
  rc = sgd_feasible(&(sgd_support){m, n, st->ncells, st->cell_row, st->cell_col}, st->rneed,
                    st->cneed, &feasible, forced, &bad_row, &need, &room);
  if (rc != SG_OK) {
    free(forced);
    return sg_fail(st->err, rc, -1, -1, 0, 0, "out of memory");
  }
  if (!feasible) {
    free(forced);
    if (st->unit_mode) need = sgd_from_steps(&st->us, need), room = sgd_from_steps(&st->us, room);
    return sg_fail(st->err, SG_EINFEASIBLE, SG_SPLIT2D_ARG_ROWS, (long)bad_row, need, room,
                   "row %zu and the rows sharing its columns need %.15g, but the columns where "
                   "they have a seed hold only %.15g", bad_row + 1, need, room);
  }
  size_t passes = 0, nforced = 0;
  for (size_t k = 0; k < st->ncells; k++) nforced += forced[k];
  rc = balance(st, forced, &passes);
  free(forced);
  if (info) {
    info->passes = passes;
    info->forced_zero = nforced;
  }
  if (rc != SG_OK) return rc;
  for (size_t k = 0; k < m * n; k++)
    out[k] = in->locked && !isnan(in->locked[k]) ? in->locked[k] + 0.0 : 0.0;
  if (!st->unit_mode) {
    for (size_t k = 0; k < st->ncells; k++) out[st->cell_at[k]] = st->x[k];
    return SG_OK;
  }
  return round_cells(st, out, info);
}

int sg_split2d(const sg_split2d_input *in, double *out, sg_split2d_info *info, sg_error *err) {
  if (info) memset(info, 0, sizeof *info);
  if (!in || !out || !in->row_totals || !in->col_totals || !in->seed)
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "split2d: no input or output array");
  size_t m = in->rows, n = in->cols;
  if (m == 0 || n == 0)
    return sg_fail(err, SG_EINVAL, SG_SPLIT2D_ARG_SEED, -1, 0, 0,
                   "seed must have at least one row and one column");
  if (n > SIZE_MAX / m / sizeof(double))
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  if (!isfinite(in->unit))
    return sg_fail(err, SG_ENONFINITE, SG_SPLIT2D_ARG_UNIT, -1, in->unit, 0,
                   "unit (%g) must be a finite number", in->unit);
  if (in->unit < 0)
    return sg_fail(err, SG_ENEGATIVE, SG_SPLIT2D_ARG_UNIT, -1, in->unit, 0,
                   "unit (%g) must not be negative (0 means no rounding)", in->unit);
  fit_state st = {0};
  st.in = in;
  st.err = err;
  int rc = validate(&st);
  if (rc != SG_OK) return rc;
  st.unit_mode = in->unit > 0;
  if (st.unit_mode) sgd_unit_init(&st.us, in->unit);
  size_t cells = m * n;
  st.rneed = malloc(m * sizeof *st.rneed);
  st.cneed = malloc(n * sizeof *st.cneed);
  st.rsteps = calloc(m, sizeof *st.rsteps);
  st.csteps = calloc(n, sizeof *st.csteps);
  st.cell_row = malloc(cells * sizeof *st.cell_row);
  st.cell_col = malloc(cells * sizeof *st.cell_col);
  st.cell_at = malloc(cells * sizeof *st.cell_at);
  st.x = malloc(cells * sizeof *st.x);
  if (!st.rneed || !st.cneed || !st.rsteps || !st.csteps || !st.cell_row || !st.cell_col ||
      !st.cell_at || !st.x)
    rc = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  else
    rc = fit(&st, out, info);
  free(st.rneed), free(st.cneed), free(st.rsteps), free(st.csteps);
  free(st.cell_row), free(st.cell_col), free(st.cell_at), free(st.x);
  return rc == SG_OK ? sg_ok(err) : rc;
}
