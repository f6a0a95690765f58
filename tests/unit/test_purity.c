/* test_purity.c — one purity rule for every cache.
 *
 * The catalogue's purity field is the only fact the result cache
 * (functions/cache.c), the add-in's fill-down memo (addin/memo.c: it keeps
 * a result only when sgf_call.reusable says so) and SG_WHY use. Checked
 * here: the field against a list made by hand from what each function
 * reads (its catalogue description and family file, not the field); the
 * memo's verdict against what the cache does, for every function; and the
 * cache's run-time guard, on a store function marked pure by mistake. */
#define _POSIX_C_SOURCE 200809L /* setenv, mkdtemp */
#include "store_tmp.h"

#include "sgf_internal.h" /* sgf_session_cache_counts */

/* Every function that reads or writes anything besides its arguments, the
 * language and the NullDate, worked out from the catalogue by hand. */
static const struct {
  const char *name;
  const char *reads; /* why it is not pure */
} impure[] = {
    {"SG_SNAPSHOT", "writes the snapshot store"},
    {"SG_HISTORY", "reads the snapshot store"},
    {"SG_TREND", "reads the snapshot store"},
    {"SG_LASTERROR", "reads the session's last error message"},
    {"SG_WHY", "reads cells and formulas of the workbook"},
};
#define N_IMPURE (sizeof impure / sizeof impure[0])

static const char *impure_reason(const char *name) {
  for (size_t i = 0; i < N_IMPURE; i++)
    if (strcmp(impure[i].name, name) == 0) return impure[i].reads;
  return NULL;
}

static void catalogue_purity_is_the_hand_list(void **state) {
  (void)state;
  for (size_t i = 0; i < N_IMPURE; i++) assert_non_null(sgf_find(impure[i].name));
  size_t pure = 0;
  const sgf_function *fn;
  for (size_t f = 0; (fn = sgf_catalogue_at(f)) != NULL; f++) {
    const char *reason = impure_reason(fn->name);
    if (reason && sgf_function_is_pure(fn))
      fail_msg("%s %s but its catalogue row says SGF_PURE", fn->name, reason);
    if (!reason && !sgf_function_is_pure(fn))
      fail_msg("%s reads only its arguments but its catalogue row says SGF_IMPURE", fn->name);
    if (!sgf_function_is_pure(fn)) continue;
    pure++;
    /* What a cache could not key: no arguments, or a cell read from the
     * workbook. */
    assert_true(fn->nargs > 0);
    for (size_t a = 0; a < fn->nargs; a++) assert_int_not_equal(fn->args[a].optional, SGF_ARG_CELL);
  }
  assert_int_equal(pure + N_IMPURE, sgf_catalogue_size());
  assert_false(sgf_function_is_pure(NULL));
}

/* A call of fn with every argument a 3 x 7 range of 1s (21 cells: past the
 * cache's rule for small one-cell calls, so a pure function's result or
 * message is always kept), twice in a fresh session. Returns whether the
 * memo would keep the result of each call (what addin.c asks:
 * sgf_function_is_pure and call.reusable) and how often the cache
 * answered. */
static void call_twice(const sgf_function *fn, const fx_spec *spec, int memo_keeps[2],
                       unsigned long *hits, unsigned long *misses) {
  sgf_session *session = sgf_session_new();
  assert_non_null(session);
  for (int round = 0; round < 2; round++) {
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    fx.call.session = session;
    fx.call.last_error = "";
    for (size_t a = 0; a < fn->nargs; a++) {
      if (spec) fx_arg(&fx, spec[a].rows, spec[a].cols, spec[a].cells);
      else ARG(&fx, 3, 7, "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1",
               "1", "1", "1", "1", "1", "1", "1");
    }
    fx.call.reusable = -1; /* sgf_invoke_cached must say */
    (void)sgf_invoke_cached(fn, &fx.call, fx.args, fx.nargs, &fx.result);
    assert_true(fx.call.reusable == 0 || fx.call.reusable == 1);
    memo_keeps[round] = sgf_function_is_pure(fn) && fx.call.reusable;
    fx_free(&fx);
  }
  sgf_session_cache_counts(session, hits, misses);
  sgf_session_free(session);
}

static void memo_and_cache_agree_on_every_function(void **state) {
  tmp_env *env = *state;
  const sgf_function *fn;
  for (size_t f = 0; (fn = sgf_catalogue_at(f)) != NULL; f++) {
    int memo_keeps[2];
    unsigned long hits, misses;
    call_twice(fn, NULL, memo_keeps, &hits, &misses);
    int cache_answered = hits == 1;
    if (memo_keeps[0] != cache_answered || memo_keeps[1] != cache_answered)
      fail_msg("%s: the memo would %skeep it, the cache %sanswered the second call", fn->name,
               memo_keeps[0] ? "" : "not ", cache_answered ? "" : "never ");
    /* By hand: a pure function is looked up twice and found once; an
     * impure one is never looked up. */
    if (impure_reason(fn->name)) {
      assert_int_equal(hits, 0);
      assert_int_equal(misses, 0);
    } else {
      assert_int_equal(hits, 1);
      assert_int_equal(misses, 1);
    }
  }
  (void)env;
}

/* SG_HISTORY's row marked pure by mistake: its call fetches the store, so
 * the cache keeps nothing (computed twice) and tells the memo not to keep
 * it either. */
static void a_call_that_reaches_the_store_is_never_kept(void **state) {
  (void)state;
  sgf_function mislabelled = *sgf_find("SG_HISTORY");
  mislabelled.purity = SGF_PURE;
  const fx_spec spec[] = {FX(1, 1, "plan"), FX(1, 1, "unit"), FX_OMITTED, FX_OMITTED};
  assert_int_equal(mislabelled.nargs, 4);
  int memo_keeps[2];
  unsigned long hits, misses;
  call_twice(&mislabelled, spec, memo_keeps, &hits, &misses);
  assert_int_equal(memo_keeps[0], 0);
  assert_int_equal(memo_keeps[1], 0);
  assert_int_equal(hits, 0);
  assert_int_equal(misses, 2);
}

/* A failure of the moment is never kept: SG_ROLLUP stopped by the matching
 * time budget (3,000 rows of a few milliseconds of backtracking each against
 * a 0.05 s budget: seconds of work, so it stops on any machine) says so
 * again on the next call instead of being answered from the cache, since on
 * a quieter machine the same inputs may finish. */
static void a_budget_failure_is_never_kept(void **state) {
  (void)state;
  const char *was = getenv("SALESGOAL_MATCH_SECONDS");
  char *saved = was ? strdup(was) : NULL;
  setenv("SALESGOAL_MATCH_SECONDS", "0.05", 1);
  enum { ROWS = 3000 };
  static const char *paths[ROWS], *values[ROWS];
  for (size_t i = 0; i < ROWS; i++) {
    paths[i] = "aaaaaaaaaaaaaaaaaaaaaaaaab";
    values[i] = "1";
  }
  const sgf_function *fn = sgf_find("SG_ROLLUP");
  sgf_session *session = sgf_session_new();
  assert_non_null(session);
  for (int round = 0; round < 2; round++) {
    call_fixture fx;
    fx_init(&fx, SGF_LANG_EN);
    fx.call.session = session;
    fx_arg(&fx, ROWS, 1, paths);
    fx_arg(&fx, ROWS, 1, values);
    ARG(&fx, 1, 1, "^(a|aa)+$");
    while (fx.nargs < fn->nargs) OMIT(&fx);
    int rc = sgf_invoke_cached(fn, &fx.call, fx.args, fx.nargs, &fx.result);
    assert_int_equal(rc, -1);
    assert_message_has(&fx, "matching the patterns took more than");
    assert_int_equal(fx.call.transient, 1);
    assert_int_equal(fx.call.reusable, 0); /* so the memo keeps nothing either */
    fx_free(&fx);
  }
  unsigned long hits, misses;
  sgf_session_cache_counts(session, &hits, &misses);
  assert_int_equal(hits, 0);
  assert_int_equal(misses, 2);
  sgf_session_free(session);
  if (saved) setenv("SALESGOAL_MATCH_SECONDS", saved, 1);
  else unsetenv("SALESGOAL_MATCH_SECONDS");
  free(saved);
}

/* The store functions open SALESGOAL_DB inside a private folder. */
static int setup(void **state) {
  if (tmp_env_setup(state, "snapshots.sqlite") != 0) return -1;
  tmp_env *env = *state;
  setenv("SALESGOAL_DB", env->db, 1);
  setenv("HOME", env->dir, 1);
  setenv("XDG_CONFIG_HOME", env->dir, 1);
  setenv("XDG_DATA_HOME", env->dir, 1);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(catalogue_purity_is_the_hand_list),
      cmocka_unit_test_setup_teardown(memo_and_cache_agree_on_every_function, setup,
                                      tmp_env_teardown),
      cmocka_unit_test_setup_teardown(a_call_that_reaches_the_store_is_never_kept, setup,
                                      tmp_env_teardown),
      cmocka_unit_test(a_budget_failure_is_never_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
