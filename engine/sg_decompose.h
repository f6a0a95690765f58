/* sg_decompose.h — decomposition beyond one list: SG_SPLIT2D, SG_CASCADE, SG_MISMATCH.
 * Part of the public API: included by salesgoal.h only, never on its own. */
#ifndef SALESGOAL_DECOMPOSE_H
#define SALESGOAL_DECOMPOSE_H

/* ------------------------------------------------------- decomposition
 * SG_SPLIT2D (split2d.c, flow.c), SG_CASCADE and SG_MISMATCH (cascade.c). */

#define SG_EMARGINS 50     /* row totals and column totals add up to different grand totals */
#define SG_ENOSEED 51      /* a row/column needs an amount but has no free cell with a seed */
#define SG_EINFEASIBLE 52  /* zero seeds make totals impossible (value = need, value2 = room) */
#define SG_ENOCONVERGE 53  /* the biproportional fit did not reach its tolerance */
#define SG_EPATH 54        /* a bad path (value = SG_PATH_* kind, value2 = other row + 1) */
#define SG_EUNITS 55       /* a level's unit is not a multiple of the next level's */

/* Argument positions; they match SG_SPLIT2D(row_totals; col_totals; seed; unit; locked). */
enum {
  SG_SPLIT2D_ARG_ROWS = 0,
  SG_SPLIT2D_ARG_COLS = 1,
  SG_SPLIT2D_ARG_SEED = 2,
  SG_SPLIT2D_ARG_UNIT = 3,
  SG_SPLIT2D_ARG_LOCKED = 4
};

/* Relative tolerance every row and column of the fit meets. */
#define SG_SPLIT2D_TOL 1e-12
/* Balancing passes (one row and one column scaling each) before giving up. */
#define SG_SPLIT2D_MAX_PASSES 20000

typedef struct sg_split2d_input {
  size_t rows, cols;         /* >= 1 each */
  const double *row_totals;  /* rows values >= 0 */
  const double *col_totals;  /* cols values >= 0 */
  const double *seed;        /* rows x cols, row-major, >= 0; 0 = the cell stays 0 */
  const double *locked;      /* rows x cols, NAN = free; or NULL */
  double unit;               /* > 0: controlled rounding to multiples of unit; 0: the fit */
} sg_split2d_input;

typedef struct sg_split2d_info {
  size_t passes;        /* balancing passes the fit took */
  size_t forced_zero;   /* seeded free cells the totals force to 0 */
  size_t moves;         /* unit mode: augmenting paths of the rounding */
  double distance;      /* unit mode: sum |result - fit| over the free cells */
} sg_split2d_info;

/* The biproportional (RAS / iterative proportional fitting) fit of seed to
 * the margins: over the free cells, x[i][j] = r[i] * seed[i][j] * c[j], with
 * row totals minus the locked cells of each row and column totals minus the
 * locked cells of each column; locked cells keep their value. Seeded cells
 * that every matrix meeting the totals must leave at 0 (the zero pattern
 * forces them) are set to 0 first; then the fit converges and is balanced
 * until every free row and column is within SG_SPLIT2D_TOL of its total
 * (relative), else SG_ENOCONVERGE. With unit > 0 the totals and locks must
 * be multiples of unit, and each free cell becomes its fit rounded down or
 * up to a multiple of unit (a fit already on a multiple stays), with every
 * row and column total exact: a minimum-cost flow on the rows x columns
 * network of fractional parts picks the rounding closest to the fit (least
 * sum of |result - fit|; among equally close roundings the choice is
 * deterministic). Errors: SG_EMARGINS
 * (value = sum of rows, value2 = sum of columns); SG_ENOSEED (arg = rows or
 * cols, index = that row/column, value = what it still needs);
 * SG_EINFEASIBLE (arg = rows, index = a row that cannot be filled, value =
 * what that group of rows needs, value2 = what the columns they can reach
 * hold); SG_ELOCKED (arg = rows or cols, index, value = locked sum, value2 =
 * total); SG_ENEGATIVE / SG_ENONFINITE; SG_ENOTMULTIPLE. out: rows x cols.
 * info may be NULL. */
int sg_split2d(const sg_split2d_input *in, double *out, sg_split2d_info *info, sg_error *err);

/* Argument positions; they match SG_CASCADE(paths; weights; total; units; locked)
 * and SG_MISMATCH(paths; targets). */
enum {
  SG_CASCADE_ARG_PATHS = 0,
  SG_CASCADE_ARG_WEIGHTS = 1,
  SG_CASCADE_ARG_TOTAL = 2,
  SG_CASCADE_ARG_UNITS = 3,
  SG_CASCADE_ARG_LOCKED = 4
};
enum { SG_MISMATCH_ARG_PATHS = 0, SG_MISMATCH_ARG_TARGETS = 1 };

/* What is wrong with a path (sg_error.value of SG_EPATH). */
enum {
  SG_PATH_EMPTY_LEVEL = 1, /* "A//B", a leading or trailing '/', or only spaces */
  SG_PATH_DUPLICATE = 2,   /* the same path on two rows (value2 = the other row + 1) */
  SG_PATH_PARENT = 3,      /* a leaf that is also the parent of another row's path */
  SG_PATH_TOO_DEEP = 4     /* more than SG_CASCADE_MAX_DEPTH levels */
};

/* Longest path level count accepted. */
#define SG_CASCADE_MAX_DEPTH 64

typedef struct sg_cascade_input {
  size_t n;                 /* rows */
  const char *const *paths; /* n UTF-8 leaf paths, levels separated by '/', spaces
                               around a level ignored; NULL = blank row (skipped) */
  const double *weights;    /* n weights >= 0 (blank rows ignored) */
  double total;             /* finite, >= 0 */
  const double *units;      /* nunits units >= 0, top level first; the last one applies
                               to deeper levels; NULL / 0 units = no rounding */
  size_t nunits;
  const double *locked;     /* n values, NAN = free; or NULL */
} sg_cascade_input;

/* Top-down split of total over a tree given by its leaf paths. Each node's
 * free amount (its amount minus its locked leaves) is split over its
 * children that have free leaves by sg_split (largest remainder, same tie
 * rule) with weights = the sum of their free leaves' weights, in multiples
 * of the unit of the children's level (level 1 = the first path segment).
 * Every node's amount is exactly the sum of its children's. total must be
 * a multiple of the level-1 unit (SG_ENOTMULTIPLE, arg = total). A free
 * amount that locked leaves leave off the unit of its level is split in the
 * next finer unit that fits, else SG_ENOTMULTIPLE (arg = locked, value =
 * the free amount, value2 = the finest unit). Units must nest: each a
 * multiple of the next (SG_EUNITS, index = level - 1). SG_EPATH names the row. out[i] is the
 * leaf's amount, NAN for a blank row. Runs in O(total path length). */
int sg_cascade(const sg_cascade_input *in, double *out, sg_error *err);

/* For every row: its target minus the sum of the targets of its nearest
 * listed descendants (children, or deeper rows where a level is not listed);
 * 0 for a row with no listed descendant; NAN for a blank row (paths[i] ==
 * NULL). targets: n finite values. SG_EPATH for empty levels or duplicates. */
int sg_mismatch(size_t n, const char *const *paths, const double *targets, double *out,
                sg_error *err);


#endif /* SALESGOAL_DECOMPOSE_H */
