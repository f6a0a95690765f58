/* test_why_cache.c — SG_WHY over a fake workbook host (formula parsing,
 * references on other sheets, error inputs, messages naming the sheet cell)
 * and the session's result cache (hits only for identical inputs). Expected
 * texts follow from the inputs: e.g. weights 1, -1, 2 in F2:F4 of sheet
 * Plan put the negative weight in Plan.F3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "sgf_internal.h"

/* ------------------------------------------------------------ fake workbook */

#define COLS 8
#define ROWS 8
typedef struct fake_sheet {
  const char *name;
  const char *cells[ROWS][COLS]; /* fixture cell specs: "" blank, "#ERR", number, text */
  int errors[ROWS][COLS];        /* error code shown (for "#ERR" cells) */
} fake_sheet;

typedef struct fake_book {
  fake_sheet sheets[2];
  const char *formula; /* of the target cell, on sheets[0] */
  int error;
  int reads;
} fake_book;

static fake_sheet *sheet_by_name(fake_book *b, const char *name) {
  if (!name) return &b->sheets[0];
  for (int i = 0; i < 2; i++)
    if (b->sheets[i].name && strcmp(b->sheets[i].name, name) == 0) return &b->sheets[i];
  return NULL;
}

static int target(void *ctx, size_t argi, char *formula, size_t size, int *error) {
  fake_book *b = ctx;
  (void)argi;
  snprintf(formula, size, "%s", b->formula);
  *error = b->error;
  return 0;
}

/* "$F$2:$F$4" / "B3" -> 0-based corners. */
static int parse_range(const char *s, long *c0, long *r0, long *c1, long *r1) {
  long v[4];
  int k = 0;
  for (const char *p = s; *p && k < 4;) {
    if (*p == '$' || *p == ':') { p++; continue; }
    if (*p < 'A' || *p > 'Z') return -1;
    v[k++] = *p++ - 'A';
    while (*p == '$') p++;
    v[k++] = strtol(p, (char **)&p, 10) - 1;
  }
  if (k == 2) { v[2] = v[0]; v[3] = v[1]; k = 4; }
  if (k != 4) return -1;
  *c0 = v[0], *r0 = v[1], *c1 = v[2], *r1 = v[3];
  /* like Calc for what it cannot read: not a reference of this small book */
  if (*c0 < 0 || *r0 < 0 || *c1 < *c0 || *r1 < *r0 || *c1 >= COLS || *r1 >= ROWS) return -1;
  return 0;
}

static int read_range(void *ctx, const char *sheet, const char *range, sgf_grid *grid,
                      sgf_origin *origin) {
  fake_book *b = ctx;
  fake_sheet *sh = sheet_by_name(b, sheet);
  long c0, r0, c1, r1;
  if (!sh || parse_range(range, &c0, &r0, &c1, &r1) != 0) return -1;
  b->reads++;
  size_t rows = (size_t)(r1 - r0 + 1), cols = (size_t)(c1 - c0 + 1);
  const char **specs = calloc(rows * cols, sizeof *specs);
  for (size_t r = 0; r < rows; r++)
    for (size_t c = 0; c < cols; c++) {
      const char *v = sh->cells[r0 + (long)r][c0 + (long)c];
      specs[r * cols + c] = v ? v : "";
    }
  grid_from(grid, rows, cols, specs);
  free(specs);
  memset(origin, 0, sizeof *origin);
  origin->known = 1;
  snprintf(origin->sheet, sizeof origin->sheet, "%s", sh->name);
  origin->col = c0;
  origin->row = r0;
  return 0;
}

static int cell_error(void *ctx, const sgf_origin *o, long row, long col, int *error) {
  fake_sheet *sh = sheet_by_name(ctx, o->sheet);
  if (!sh) return -1;
  *error = sh->errors[row][col];
  return 0;
}

/* Plan: F2:F4 = 1, -1, 2 (F3 negative); G2 = 1/0 shown as #DIV/0!.
 * My Plan: B2 = 3, B3 = "abc". */
static void book_init(fake_book *b, const char *formula, int error) {
  memset(b, 0, sizeof *b);
  b->sheets[0].name = "Plan";
  b->sheets[0].cells[1][5] = "1";
  b->sheets[0].cells[2][5] = "-1";
  b->sheets[0].cells[3][5] = "2";
  b->sheets[0].cells[1][6] = "#ERR";
  b->sheets[0].errors[1][6] = 532;
  b->sheets[0].cells[2][6] = "5";
  b->sheets[1].name = "My Plan";
  b->sheets[1].cells[1][1] = "3";
  b->sheets[1].cells[2][1] = "abc";
  b->formula = formula;
  b->error = error;
}

/* SG_WHY on the fake book in lang: the text it returns (static buffer). */
static const char *why(fake_book *b, sgf_lang lang) {
  static char text[SGF_MESSAGE_SIZE + 1];
  sgf_host host = {.ctx = b, .target = target, .read = read_range, .cell_error = cell_error};
  call_fixture fx;
  fx_init(&fx, lang);
  fx.call.host = &host;
  OMIT(&fx); /* the cell argument: the host has it, the grid stays empty */
  fx.args[0].omitted = 0;
  assert_int_equal(fx_run(&fx, "SG_WHY"), 0);
  assert_int_equal(fx.result.rows * fx.result.cols, 1);
  const sgf_cell *c = &fx.result.cells[0];
  snprintf(text, sizeof text, "%s", c->kind == SGF_TEXT ? c->text : "");
  fx_free(&fx);
  return text;
}

#define SPLIT "ORG.SALESGOAL.FUNCTIONS.SG_SPLIT"

static void assert_has(const char *text, const char *part) {
  if (!strstr(text, part)) fail_msg("[%s] lacks [%s]", text, part);
}

static void why_names_the_sheet_cell(void **state) {
  (void)state;
  fake_book b;
  book_init(&b, "=" SPLIT "(100;F2:F4)", 502);
  const char *t = why(&b, SGF_LANG_EN);
  assert_has(t, "SG_SPLIT, argument 2 (weights)");
  assert_has(t, "-1 at Plan.F3 is negative");
  t = why(&b, SGF_LANG_ZH);
  assert_has(t, "权重");
  assert_has(t, "Plan.F3");
}

static void why_is_empty_without_error_or_sg_formula(void **state) {
  (void)state;
  fake_book b;
  book_init(&b, "=" SPLIT "(100;F2:F4)", 0); /* shows no error: "" */
  assert_string_equal(why(&b, SGF_LANG_EN), "");
  book_init(&b, "=1/0", 532);
  assert_string_equal(why(&b, SGF_LANG_EN), "");
  book_init(&b, "", 0); /* a constant */
  assert_string_equal(why(&b, SGF_LANG_EN), "");
  /* the name inside a string literal is not a call */
  book_init(&b, "=IF(A1=\"" SPLIT "(\";1;1/0)", 532);
  assert_string_equal(why(&b, SGF_LANG_EN), "");
  assert_int_equal(b.reads, 0);
}

static void why_reads_other_sheets_and_the_fill_down_recipe(void **state) {
  (void)state;
  fake_book b;
  book_init(&b, "=" SPLIT "(100;$'My Plan'.$B$2:$B$3)", 502);
  const char *t = why(&b, SGF_LANG_EN);
  assert_has(t, "text \"abc\" at 'My Plan'.B3");
  book_init(&b, "=INDEX(" SPLIT "(100;$F$2:$F$4;1);ROW()-1)", 502);
  assert_has(why(&b, SGF_LANG_EN), "Plan.F3");
  book_init(&b, "=INDEX(" SPLIT "(100;{1;2});5)", 502); /* the split works, INDEX fails */
  assert_has(why(&b, SGF_LANG_EN), "SG_SPLIT itself succeeds");
}

static void why_finds_the_failing_call_among_several(void **state) {
  (void)state;
  fake_book b;
  /* the first call works (shares 0.5, 0.5), the second fails */
  book_init(&b, "=SUM(ORG.SALESGOAL.FUNCTIONS.SG_BLEND({1;1};{1;1};0.5))+SUM(" SPLIT "(100;F2:F4))", 502);
  assert_has(why(&b, SGF_LANG_EN), "-1 at Plan.F3");
  /* nested: the outer argument is an expression, the inner call is the cause */
  book_init(&b, "=" SPLIT "(SUM(" SPLIT "(100;F2:F4));{1;1})", 502);
  const char *t = why(&b, SGF_LANG_EN);
  assert_has(t, "-1 at Plan.F3");
  assert_null(strstr(t, "expression"));
}

static void why_explains_what_calc_never_passes(void **state) {
  (void)state;
  fake_book b;
  book_init(&b, "=" SPLIT "(100;G2:G3)", 504); /* an error value in the weights */
  assert_has(why(&b, SGF_LANG_EN), "Plan.G2 shows an error (#DIV/0!)");
  book_init(&b, "=" SPLIT "(;F2:F4)", 504);
  assert_has(why(&b, SGF_LANG_EN), "argument 1 (total) is required but missing");
  book_init(&b, "=" SPLIT "(100;F2:F4*2)", 519);
  const char *t = why(&b, SGF_LANG_EN);
  assert_has(t, "#VALUE!");
  assert_has(t, "\"F2:F4*2\" is an expression");
}

static void why_reads_constants_as_calc_passes_them(void **state) {
  (void)state;
  fake_book b;
  book_init(&b, "=" SPLIT "(100;{1;2|3;4};\"x\")", 502);
  assert_has(why(&b, SGF_LANG_EN), "argument 3 (unit): text \"x\"");
  book_init(&b, "=" SPLIT "(100;{1;-2})", 502);
  assert_has(why(&b, SGF_LANG_EN), "-2");
  book_init(&b, "=ORG.SALESGOAL.FUNCTIONS.SG_SNAPSHOT(\"p\";\"u\";1;1;1)", 502);
  assert_has(why(&b, SGF_LANG_EN), "does not run SG_SNAPSHOT");
}

/* What SG_WHY cannot re-read is said as what it is, each naming the
 * function, the argument and its text, and how to fix it (the book has
 * sheets Plan and My Plan of 8 x 8 cells, and no names). */
static void why_says_what_it_cannot_read(void **state) {
  (void)state;
  static const struct {
    const char *argument, *en, *fix, *zh;
  } cases[] = {
      {"F2:F4*2", "\"F2:F4*2\" is an expression (such as A1*2", "put it in a cell of its own", "是一个表达式"},
      {"SUM(F2:F4)", "\"SUM(F2:F4)\" is an expression", "refer to that cell", "是一个表达式"},
      {"#REF!", "\"#REF!\" is a reference Calc no longer resolves", "point the argument at existing cells", "已无法解析的引用"},
      {"$#REF!.F2:F4", "\"$#REF!.F2:F4\" is a reference Calc no longer resolves", "existing cells", "已被删除"},
      {"'file:///tmp/other.ods'#$Sheet1.A1:A3", "refers to cells of another document", "copy those values into this document", "另一个文档"},
      {"Targets", "\"Targets\" is a name the workbook would not let SG_WHY read", "refer to the cells themselves", "是一个名称"},
      {"Q1_targets", "\"Q1_targets\" is a name", "such as B2:B9", "是一个名称"},
      {"Nowhere.F2:F4", "would not let SG_WHY read the reference \"Nowhere.F2:F4\"", "refer to just the cells", "不允许 SG_WHY 读取引用“Nowhere.F2:F4”"},
      {"A1:Z99", "would not let SG_WHY read the reference \"A1:Z99\"", "such as Plan.B2:B40", "超过 200 万个单元格"},
      {"$Plan.F2:$'My Plan'.F4", "would not let SG_WHY read the reference", "refer to just the cells", "跨多个工作表"},
  };
  char formula[128];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    fake_book b;
    snprintf(formula, sizeof formula, "=" SPLIT "(100;%s)", cases[i].argument);
    book_init(&b, formula, 504);
    const char *t = why(&b, SGF_LANG_EN);
    assert_has(t, "SG_SPLIT shows Err:504. SG_WHY cannot re-check argument 2 (weights): ");
    assert_has(t, cases[i].en);
    assert_has(t, cases[i].fix);
    if (i >= 2) assert_null(strstr(t, "is an expression"));
    t = why(&b, SGF_LANG_ZH);
    assert_has(t, "SG_SPLIT 显示 Err:504。SG_WHY 无法复核第 2 个参数（权重）：");
    assert_has(t, cases[i].zh);
    /* whole, not cut at the message size: it ends with its advice */
    assert_true(strlen(t) > 3 && strcmp(t + strlen(t) - 3, "。") == 0);
    assert_null(strstr(t, "..."));
  }
}

/* Random formulas from SG_WHY's own tokens (quotes, brackets, sheets, ranges
 * left open): it must always answer with one text cell, never crash. */
static void why_survives_random_formulas(void **state) {
  (void)state;
  static const char *const tokens[] = {
      "ORG.SALESGOAL.FUNCTIONS.SG_SPLIT(", "ORG.SALESGOAL.FUNCTIONS.SG_BLEND(", "(", ")", ";",
      "\"", "\"\"", "'", "{", "}", "|", "$", "F2:F4", "$F$2", "Plan.", "'My Plan'.", "G2:G3",
      "1", "-1", "x", " ", "TRUE", "A:A", ":", ".", "SUM(", "ORG.SALESGOAL.FUNCTIONS.SG_WHY("};
  unsigned long seed = 12345;
  char formula[512];
  for (int iter = 0; iter < 3000; iter++) {
    size_t used = 0;
    formula[used++] = '=';
    int n = 1 + iter % 24;
    for (int k = 0; k < n; k++) {
      seed = seed * 6364136223846793005ul + 1442695040888963407ul;
      const char *t = tokens[(seed >> 33) % (sizeof tokens / sizeof tokens[0])];
      size_t len = strlen(t);
      if (used + len + 1 >= sizeof formula) break;
      memcpy(formula + used, t, len);
      used += len;
    }
    formula[used] = '\0';
    fake_book b;
    book_init(&b, formula, 502);
    why(&b, iter % 2 ? SGF_LANG_ZH : SGF_LANG_EN); /* asserts one cell, rc 0 */
  }
}

/* ------------------------------------------------------------ the cache */

static int run_split(sgf_session *s, sgf_lang lang, const char *w2, sgf_grid *out, char *msg) {
  call_fixture fx;
  fx_init(&fx, lang);
  fx.call.session = s;
  ARG(&fx, 1, 1, "60");
  ARG(&fx, 3, 1, "1", w2, "3");
  const sgf_function *fn = sgf_find("SG_SPLIT");
  while (fx.nargs < fn->nargs) OMIT(&fx);
  int rc = sgf_invoke_cached(fn, &fx.call, fx.args, fx.nargs, &fx.result);
  if (msg) snprintf(msg, SGF_MESSAGE_SIZE, "%s", fx.call.message);
  *out = fx.result;
  fx.result.cells = NULL;
  fx.result.rows = fx.result.cols = 0;
  fx_free(&fx);
  return rc;
}

static void cache_serves_identical_inputs_only(void **state) {
  (void)state;
  sgf_session *s = sgf_session_new();
  unsigned long hits, misses;
  sgf_grid r;
  /* 60 x (1,2,3)/6 = 10, 20, 30 */
  assert_int_equal(run_split(s, SGF_LANG_EN, "2", &r, NULL), 0);
  assert_numbers(&r, 3, 1, (double[]){10, 20, 30});
  sgf_grid_free(&r);
  for (int i = 0; i < 5; i++) {
    assert_int_equal(run_split(s, SGF_LANG_EN, "2", &r, NULL), 0);
    assert_numbers(&r, 3, 1, (double[]){10, 20, 30});
    sgf_grid_free(&r);
  }
  sgf_session_cache_counts(s, &hits, &misses);
  assert_int_equal(hits, 5);
  assert_int_equal(misses, 1);
  /* one weight changed: 60 x (1,5,3)/9 = 6.67, 33.3, 20 (no unit) */
  assert_int_equal(run_split(s, SGF_LANG_EN, "5", &r, NULL), 0);
  assert_near_rel(r.cells[1].number, 60.0 * 5 / 9, 1e-12);
  sgf_grid_free(&r);
  /* "2" as text is not the number 2: an error, not the cached shares */
  char msg[SGF_MESSAGE_SIZE];
  call_fixture fx;
  fx_init(&fx, SGF_LANG_EN);
  fx.call.session = s;
  ARG(&fx, 1, 1, "60");
  fx_arg(&fx, 3, 1, (const char *const[]){"1", "2", "3"});
  sgf_grid_set_text(&fx.args[1], 1, "2", 1);
  const sgf_function *fn = sgf_find("SG_SPLIT");
  while (fx.nargs < fn->nargs) OMIT(&fx);
  assert_int_equal(sgf_invoke_cached(fn, &fx.call, fx.args, fx.nargs, &fx.result), -1);
  assert_message_has(&fx, "text \"2\"");
  fx_free(&fx);
  /* a failure is kept with its message, per language */
  assert_int_equal(run_split(s, SGF_LANG_EN, "-1", &r, msg), -1);
  assert_non_null(strstr(msg, "negative"));
  assert_int_equal(run_split(s, SGF_LANG_EN, "-1", &r, msg), -1);
  assert_non_null(strstr(msg, "negative"));
  assert_int_equal(run_split(s, SGF_LANG_ZH, "-1", &r, msg), -1);
  assert_non_null(strstr(msg, "负数"));
  sgf_session_cache_counts(s, &hits, &misses);
  assert_int_equal(hits, 6);    /* only the repeated English failure */
  assert_int_equal(misses, 5);  /* 5, text "2", -1 en, -1 zh ... and the first */
  sgf_session_free(s);
}

static void cache_is_bounded_and_skips_impure_functions(void **state) {
  (void)state;
  sgf_session *s = sgf_session_new();
  char w[32];
  sgf_grid r;
  for (int i = 0; i < 300; i++) { /* more distinct calls than entries */
    snprintf(w, sizeof w, "%d", i + 1);
    assert_int_equal(run_split(s, SGF_LANG_EN, w, &r, NULL), 0);
    sgf_grid_free(&r);
  }
  assert_int_equal(run_split(s, SGF_LANG_EN, "300", &r, NULL), 0); /* the latest is kept */
  sgf_grid_free(&r);
  unsigned long hits, misses;
  sgf_session_cache_counts(s, &hits, &misses);
  assert_int_equal(hits, 1);
  assert_int_equal(misses, 300);
  assert_false(sgf_function_is_pure(sgf_find("SG_SNAPSHOT")));
  assert_false(sgf_function_is_pure(sgf_find("SG_HISTORY")));
  assert_false(sgf_function_is_pure(sgf_find("SG_TREND")));
  assert_false(sgf_function_is_pure(sgf_find("SG_LASTERROR")));
  assert_false(sgf_function_is_pure(sgf_find("SG_WHY")));
  assert_true(sgf_function_is_pure(sgf_find("SG_SPLIT")));
  sgf_session_free(s);
}

/* A one-cell result of a one-cell input is computed again each time (not
 * kept: cheaper than storing it), and is the same every time. */
static void cache_skips_one_cell_results_of_small_calls(void **state) {
  (void)state;
  sgf_session *s = sgf_session_new();
  const sgf_function *fn = sgf_find("SG_ALERT");
  char first[64] = "";
  for (int i = 0; i < 3; i++) {
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    fx.call.session = s;
    ARG(&fx, 1, 1, "0.5");
    while (fx.nargs < fn->nargs) OMIT(&fx);
    assert_int_equal(sgf_invoke_cached(fn, &fx.call, fx.args, fx.nargs, &fx.result), 0);
    assert_int_equal(sgf_grid_size(&fx.result), 1);
    assert_int_equal(fx.result.cells[0].kind, SGF_TEXT);
    if (i == 0) snprintf(first, sizeof first, "%s", fx.result.cells[0].text);
    else assert_string_equal(fx.result.cells[0].text, first);
    fx_free(&fx);
  }
  unsigned long hits, misses;
  sgf_session_cache_counts(s, &hits, &misses);
  assert_int_equal(hits, 0);
  assert_int_equal(misses, 3);
  sgf_session_free(s);
}

/* A whole-column argument (here: 10 rows stand for the sheet's 10): the
 * result keeps its rows up to the last non-blank one, nothing else. */
static void whole_column_results_keep_the_used_part(void **state) {
  (void)state;
  sgf_grid args[2], result;
  grid_from(&args[0], 10, 1, (const char *const[]){"1", "", "", "", "", "", "", "", "", ""});
  grid_from(&args[1], 1, 1, (const char *const[]){"x"});
  grid_from(&result, 10, 1, (const char *const[]){"RED", "", "GREEN", "", "", "", "", "", "", ""});
  assert_int_equal(sgf_trim_whole_span(args, 2, 11, 0, &result), 0); /* not a whole column */
  assert_int_equal(result.rows, 10);
  assert_int_equal(sgf_trim_whole_span(args, 2, 10, 0, &result), 1);
  assert_int_equal(result.rows, 3); /* RED, blank, GREEN */
  assert_string_equal(result.cells[2].text, "GREEN");
  sgf_grid_free(&result);
  /* all blank: one row stays (Calc needs a matrix) */
  grid_from(&result, 10, 2, (const char *const[]){"", "", "", "", "", "", "", "", "", "",
                                                   "", "", "", "", "", "", "", "", "", ""});
  assert_int_equal(sgf_trim_whole_span(args, 2, 10, 0, &result), 1);
  assert_int_equal(result.rows, 1);
  assert_int_equal(result.cols, 2);
  sgf_grid_free(&result);
  /* a whole row: trailing blank columns go, a number 0 is not blank */
  sgf_grid row;
  grid_from(&row, 1, 4, (const char *const[]){"", "", "", ""});
  grid_from(&result, 2, 4, (const char *const[]){"a", "0", "", "", "b", "", "", ""});
  assert_int_equal(sgf_trim_whole_span(&row, 1, 0, 4, &result), 1);
  assert_int_equal(result.rows, 2);
  assert_int_equal(result.cols, 2);
  assert_string_equal(result.cells[2].text, "b");
  assert_int_equal(result.cells[1].kind, SGF_NUMBER);
  sgf_grid_free(&result);
  sgf_grid_free(&row);
  sgf_grid_free(&args[0]);
  sgf_grid_free(&args[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(why_names_the_sheet_cell),
      cmocka_unit_test(why_is_empty_without_error_or_sg_formula),
      cmocka_unit_test(why_reads_other_sheets_and_the_fill_down_recipe),
      cmocka_unit_test(why_finds_the_failing_call_among_several),
      cmocka_unit_test(why_explains_what_calc_never_passes),
      cmocka_unit_test(why_reads_constants_as_calc_passes_them),
      cmocka_unit_test(why_says_what_it_cannot_read),
      cmocka_unit_test(why_survives_random_formulas),
      cmocka_unit_test(cache_serves_identical_inputs_only),
      cmocka_unit_test(cache_is_bounded_and_skips_impure_functions),
      cmocka_unit_test(cache_skips_one_cell_results_of_small_calls),
      cmocka_unit_test(whole_column_results_keep_the_used_part),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
