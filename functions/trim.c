/* trim.c — results of whole-column (or whole-row) calls: only the used part.
 *
 * Calc 7.4 stores a text or mixed matrix result cell by cell into a matrix
 * that starts out numeric, and each text or empty cell splits that block:
 * the cost grows with the square of the rows (100,000 rows: about 4 s; a
 * whole column, 1,048,576 rows: minutes). When an argument spans a whole
 * column, the result rows below the last non-blank one are blank anyway,
 * so they are left out. Entered as an array formula over a whole column,
 * the cells below the used part then show #N/A instead of nothing. */
#include "sgf.h"

#include <stdlib.h>
#include <string.h>

static int spans(const sgf_grid *args, size_t nargs, size_t whole_rows, size_t whole_cols,
                 int *rows, int *cols) {
  *rows = *cols = 0;
  for (size_t a = 0; a < nargs; a++) {
    if (whole_rows && args[a].rows >= whole_rows) *rows = 1;
    if (whole_cols && args[a].cols >= whole_cols) *cols = 1;
  }
  return *rows || *cols;
}

static int blank(const sgf_grid *g, size_t r, size_t c) {
  return g->cells[r * g->cols + c].kind == SGF_BLANK;
}

int sgf_trim_whole_span(const sgf_grid *args, size_t nargs, size_t whole_rows,
                        size_t whole_cols, sgf_grid *result) {
  int by_rows, by_cols;
  if (!spans(args, nargs, whole_rows, whole_cols, &by_rows, &by_cols) || sgf_grid_size(result) <= 1)
    return 0;
  size_t rows = result->rows, cols = result->cols;
  if (by_rows)
    while (rows > 1) {
      size_t c = 0;
      while (c < cols && blank(result, rows - 1, c)) c++;
      if (c < cols) break;
      rows--;
    }
  if (by_cols)
    while (cols > 1) {
      size_t r = 0;
      while (r < rows && blank(result, r, cols - 1)) r++;
      if (r < rows) break;
      cols--;
    }
  if (rows == result->rows && cols == result->cols) return 0;
  /* Move the kept cells into place (row-major, narrower rows) and free the
   * rest; blank cells own no text. */
  for (size_t r = 0; r < rows; r++)
    for (size_t c = 0; c < cols; c++)
      result->cells[r * cols + c] = result->cells[r * result->cols + c];
  result->rows = rows;
  result->cols = cols;
  sgf_cell *shrunk = realloc(result->cells, rows * cols * sizeof *shrunk);
  if (shrunk) result->cells = shrunk;
  return 1;
}
