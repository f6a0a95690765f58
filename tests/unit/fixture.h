/* fixture.h — building argument grids and calling catalogue functions in
 * tests, without LibreOffice. */
#ifndef SG_TEST_FIXTURE_H
#define SG_TEST_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "salesgoal.h"
#include "sgf.h"

#define MAXARGS 8

typedef struct call_fixture {
  sgf_grid args[MAXARGS];
  size_t nargs;
  sgf_grid result;
  sgf_call call;
} call_fixture;

/* A cell spec: "" blank, "#ERR" error value, a number (strtod, so "inf" and
 * "nan" too), anything else text. rows == 0 makes an omitted argument. */
void grid_from(sgf_grid *g, size_t rows, size_t cols, const char *const *cells);
void fx_init(call_fixture *fx, sgf_lang lang);
void fx_arg(call_fixture *fx, size_t rows, size_t cols, const char *const *cells);
#define ARG(fx, rows, cols, ...) fx_arg(fx, rows, cols, (const char *const[]){__VA_ARGS__})
#define OMIT(fx) fx_arg(fx, 0, 0, NULL)
/* Pad with omitted arguments up to the function's arity and invoke. */
int fx_run(call_fixture *fx, const char *name);
void fx_free(call_fixture *fx);
/* Table-driven calls: one argument as its shape and cells (row by row, as
 * grid_from reads them). FX_OMITTED leaves an argument out; in a list, the
 * first spec of 0 rows that is not FX_OMITTED ends it (so a fixed-size array
 * of specs ends where its initializer does). */
#define FX_CELLS 8
typedef struct fx_spec {
  size_t rows, cols;
  const char *cells[FX_CELLS];
  int omitted;
} fx_spec;
#define FX(rows, cols, ...) {rows, cols, {__VA_ARGS__}, 0}
#define FX_OMITTED {.omitted = 1}
/* fx_init, then the arguments of specs (at most max of them), then fx_run:
 * returns fx_run's result; fx_free after. */
int fx_call(call_fixture *fx, sgf_lang lang, const char *name, const fx_spec *specs, size_t max);
void assert_numbers(const sgf_grid *g, size_t rows, size_t cols, const double *want);
void assert_message_has(const call_fixture *fx, const char *part);

/* |got - want| <= rel * max(1, |want|), so rel is relative above 1 and
 * absolute below; a NaN got always fails. */
void assert_near_rel(double got, double want, double rel);
/* The same for n values; the message names the first item that differs. */
void assert_vector_rel(const double *got, const double *want, size_t n, double rel);

/* An engine call that failed: rc and err->code are code, err names argument
 * arg (and item index), with a non-empty message. */
void assert_sg_error(int rc, const struct sg_error *err, int code, int arg, long index);

/* sg_split on small literal arrays (test_split*.c); err is always filled.
 * Inline so that tests which never split need not link it. */
static inline int split(size_t n, double total, const double *w, const double *floors,
                        const double *caps, const double *locked, double unit, double *out,
                        sg_error *err) {
  sg_split_input in = {n, total, w, floors, caps, locked, unit};
  memset(err, 0, sizeof *err);
  return sg_split(&in, out, err);
}

/* Bitwise equality: 142.86 must be the double nearest 142.86, not a
 * neighbour that prints the same at 15 digits. */
static inline void assert_same_doubles(const double *got, const double *want, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (memcmp(&got[i], &want[i], sizeof got[i]) != 0)
      fail_msg("item %zu: got %.17g, want %.17g", i, got[i], want[i]);
  }
}

#endif
