/* fixture.c — see fixture.h. */
#include "fixture.h"
#include "salesgoal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void grid_from(sgf_grid *g, size_t rows, size_t cols, const char *const *cells) {
  if (rows == 0) {
    sgf_grid_init_omitted(g);
    return;
  }
  assert_int_equal(sgf_grid_init(g, rows, cols), 0);
  for (size_t i = 0; i < rows * cols; i++) {
    const char *c = cells[i];
    char *end;
    double v = strtod(c, &end);
    if (c[0] == '\0') continue;
    if (strcmp(c, "#ERR") == 0) sgf_grid_set_error(g, i);
    else if (*end == '\0') sgf_grid_set_number(g, i, v);
    else assert_int_equal(sgf_grid_set_text(g, i, c, strlen(c)), 0);
  }
}

void fx_init(call_fixture *fx, sgf_lang lang) {
  memset(fx, 0, sizeof *fx);
  fx->call.lang = lang;
}

void fx_arg(call_fixture *fx, size_t rows, size_t cols, const char *const *cells) {
  if (fx->nargs >= MAXARGS) fail_msg("fx_arg: more than MAXARGS (%d) arguments", MAXARGS);
  grid_from(&fx->args[fx->nargs++], rows, cols, cells);
}

int fx_run(call_fixture *fx, const char *name) {
  const sgf_function *fn = sgf_find(name);
  assert_non_null(fn);
  while (fx->nargs < fn->nargs) OMIT(fx);
  return sgf_invoke(fn, &fx->call, fx->args, fx->nargs, &fx->result);
}

int fx_call(call_fixture *fx, sgf_lang lang, const char *name, const fx_spec *specs, size_t max) {
  fx_init(fx, lang);
  for (size_t i = 0; i < max && (specs[i].rows > 0 || specs[i].omitted); i++) {
    if (specs[i].rows * specs[i].cols > FX_CELLS) fail_msg("fx_call: argument %zu has more than FX_CELLS cells", i + 1);
    fx_arg(fx, specs[i].omitted ? 0 : specs[i].rows, specs[i].cols, specs[i].cells);
  }
  return fx_run(fx, name);
}

void fx_free(call_fixture *fx) {
  for (size_t i = 0; i < fx->nargs; i++) sgf_grid_free(&fx->args[i]);
  sgf_grid_free(&fx->result);
}

void assert_numbers(const sgf_grid *g, size_t rows, size_t cols, const double *want) {
  assert_int_equal(g->rows, rows);
  assert_int_equal(g->cols, cols);
  for (size_t i = 0; i < rows * cols; i++) {
    assert_int_equal(g->cells[i].kind, SGF_NUMBER);
    if (fabs(g->cells[i].number - want[i]) > 1e-9) {
      fprintf(stderr, "cell %zu: got %.17g want %.17g\n", i, g->cells[i].number, want[i]);
      fail();
    }
  }
}

void assert_message_has(const call_fixture *fx, const char *part) {
  if (!strstr(fx->call.message, part)) {
    fprintf(stderr, "message \"%s\" lacks \"%s\"\n", fx->call.message, part);
    fail();
  }
}

void assert_near_rel(double got, double want, double rel) {
  if (!(fabs(got - want) <= rel * fmax(1, fabs(want))))
    fail_msg("got %.17g want %.17g (tolerance %g)", got, want, rel);
}

void assert_vector_rel(const double *got, const double *want, size_t n, double rel) {
  for (size_t i = 0; i < n; i++) {
    if (!(fabs(got[i] - want[i]) <= rel * fmax(1, fabs(want[i]))))
      fail_msg("item %zu: got %.17g want %.17g (tolerance %g)", i, got[i], want[i], rel);
  }
}

void assert_sg_error(int rc, const struct sg_error *err, int code, int arg, long index) {
  assert_int_equal(rc, code);
  assert_int_equal(err->code, code);
  assert_int_equal(err->arg, arg);
  assert_int_equal(err->index, index);
  assert_true(strlen(err->message) > 0);
}
