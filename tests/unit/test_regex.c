/* test_regex.c — the engine's pattern cache: UTF-8 names, Unicode classes,
 * compile-once reuse, LRU eviction, bad patterns and catastrophic ones, with
 * and without JIT. */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "fixture.h"
#include "salesgoal.h"

/* 1 if pattern matches subject, 0 if not; fails the test on an error. */
static int matches(sg_regex_cache *c, const char *pattern, const char *subject) {
  sg_regex *re;
  sg_error err;
  int matched = -1;
  if (sg_regex_compile(c, pattern, strlen(pattern), &re, &err) != SG_OK) {
    fprintf(stderr, "compile %s: %s\n", pattern, err.message);
    fail();
  }
  assert_int_equal(sg_regex_match(c, re, subject, strlen(subject), &matched, &err), SG_OK);
  sg_regex_release(c, re);
  return matched;
}

/* Every test runs twice: state points at the create flags. */
static unsigned flags_of(void **state) { return *(const unsigned *)*state; }

static void utf8_paths_and_classes(void **state) {
  sg_regex_cache *c = sg_regex_cache_create(0, flags_of(state));
  assert_non_null(c);
  assert_int_equal(matches(c, "^APAC/China/", "APAC/China/East/张三"), 1);
  assert_int_equal(matches(c, "^APAC/China/", "APAC/Japan/Kanto/佐藤"), 0);
  assert_int_equal(matches(c, "^APAC/China/", "EMEA/APAC/China/x"), 0); /* anchored */
  assert_int_equal(matches(c, "张三$", "APAC/China/East/张三"), 1);
  /* With UCP, \w is a Unicode letter: 张三 is two word characters, so
   * exactly two of them fill the last segment. */
  assert_int_equal(matches(c, "/\\w{2}$", "APAC/China/East/张三"), 1);
  assert_int_equal(matches(c, "/\\w{3}$", "APAC/China/East/张三"), 0);
  /* . is one character, not one byte: 张 is three bytes but one dot. */
  assert_int_equal(matches(c, "/.三$", "East/张三"), 1);
  assert_int_equal(matches(c, "^East/...$", "East/张三"), 0);
  /* A Chinese pattern against a Chinese path, and Unicode case-folding. */
  assert_int_equal(matches(c, "华东", "APAC/中国/华东/李四"), 1);
  assert_int_equal(matches(c, "(?i)^apac/", "APAC/China"), 1);
  /* \d with UCP also takes other digits: ٣ is ARABIC-INDIC DIGIT THREE. */
  assert_int_equal(matches(c, "^\\d$", "\xd9\xa3"), 1);
  /* Invalid UTF-8 in a subject is no error: it just does not match there. */
  assert_int_equal(matches(c, "East", "\xff\xfe/East"), 1);
  assert_int_equal(matches(c, "^\\w+$", "ab\xff"), 0);
  sg_regex_cache_free(c);
}

static void same_pattern_compiles_once(void **state) {
  sg_regex_cache *c = sg_regex_cache_create(0, flags_of(state));
  sg_regex_stats st;
  for (int i = 0; i < 10000; i++) assert_int_equal(matches(c, "^APAC/", i % 2 ? "APAC/x" : "EMEA/x"), i % 2);
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.compiles, 1);
  assert_int_equal(st.hits, 9999);
  assert_int_equal(st.entries, 1);
  assert_int_equal(st.evictions, 0);
  /* A second pattern is a second compile; the first is still cached. */
  assert_int_equal(matches(c, "East", "APAC/China/East"), 1);
  assert_int_equal(matches(c, "^APAC/", "APAC/y"), 1);
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.compiles, 2);
  assert_int_equal(st.entries, 2);
  sg_regex_cache_free(c);
}

static void jit_used_when_available(void **state) {
  unsigned flags = flags_of(state);
  sg_regex_cache *c = sg_regex_cache_create(0, flags);
  sg_regex_stats st;
  assert_int_equal(matches(c, "^a+b$", "aaab"), 1);
  sg_regex_cache_stats(c, &st);
  if (flags & SG_REGEX_NO_JIT) assert_int_equal(st.jit, 0);
  else { /* one pattern: JIT-compiled exactly when PCRE2 was built with JIT (Debian's is) */
    uint32_t have = 0;
    assert_true(pcre2_config(PCRE2_CONFIG_JIT, &have) >= 0);
    assert_int_equal(st.jit, have ? 1 : 0);
  }
  fprintf(stderr, "      (JIT %s)\n", st.jit ? "on" : "off");
  sg_regex_cache_free(c);
}

/* Capacity 2: a, b, then c evicts a (least recently used); touching b
 * first makes a the victim even if b was compiled earlier... */
static void lru_eviction_and_held_entries(void **state) {
  sg_regex_cache *c = sg_regex_cache_create(2, flags_of(state));
  sg_regex_stats st;
  matches(c, "a", "a");
  matches(c, "b", "b");
  matches(c, "a", "a"); /* a is now the most recent */
  matches(c, "c", "c"); /* evicts b */
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.compiles, 3);
  assert_int_equal(st.evictions, 1);
  assert_int_equal(st.entries, 2);
  matches(c, "a", "a"); /* still cached */
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.compiles, 3);
  matches(c, "b", "b"); /* was evicted: compiled again, evicting c */
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.compiles, 4);

  /* Held entries are never evicted: hold three with capacity 2, all stay
   * usable, and the cache shrinks back once they are released. */
  sg_regex *h[3];
  sg_error err;
  const char *pats[3] = {"x1", "x2", "x3"};
  for (int i = 0; i < 3; i++) assert_int_equal(sg_regex_compile(c, pats[i], 2, &h[i], &err), SG_OK);
  for (int i = 0; i < 3; i++) {
    int m;
    assert_int_equal(sg_regex_match(c, h[i], pats[i], 2, &m, &err), SG_OK);
    assert_int_equal(m, 1);
  }
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.entries, 3);
  for (int i = 0; i < 3; i++) sg_regex_release(c, h[i]);
  matches(c, "y", "y");
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.entries, 2);
  sg_regex_release(c, NULL);
  sg_regex_cache_free(c);
  sg_regex_cache_free(NULL);
}

static void invalid_patterns_report_offset(void **state) {
  sg_regex_cache *c = sg_regex_cache_create(0, flags_of(state));
  sg_regex *re = (sg_regex *)&re;
  sg_error err;
  /* "(a" is missing ")": PCRE2 notices at the end, offset 2. */
  assert_int_equal(sg_regex_compile(c, "(a", 2, &re, &err), SG_EPATTERN);
  assert_null(re);
  assert_true(err.value == 2);
  assert_int_equal(err.arg, -1);
  assert_non_null(strstr(err.message, "missing closing parenthesis"));
  assert_non_null(strstr(err.message, "\"(a\""));
  assert_non_null(strstr(err.message, "offset 2"));
  char text[128];
  assert_non_null(strstr(sg_regex_error_text((int)err.value2, text, sizeof text), "missing closing parenthesis"));
  /* Offsets count characters: "张三[" stops after 3 characters (9 bytes). */
  const char *zh = "张三[";
  assert_int_equal(sg_regex_compile(c, zh, strlen(zh), &re, &err), SG_EPATTERN);
  assert_true(err.value == 3);
  assert_non_null(strstr(err.message, "missing terminating ]"));
  /* "a)": unmatched ) at offset 1; "*a": nothing to repeat at offset 0. */
  assert_int_equal(sg_regex_compile(c, "a)", 2, &re, &err), SG_EPATTERN);
  assert_true(err.value == 1);
  assert_int_equal(sg_regex_compile(c, "*a", 2, &re, &err), SG_EPATTERN);
  assert_true(err.value == 0);
  /* The failure is cached: asking again does not compile again. */
  sg_regex_stats st;
  sg_regex_cache_stats(c, &st);
  size_t compiles = st.compiles;
  assert_int_equal(sg_regex_compile(c, "(a", 2, &re, &err), SG_EPATTERN);
  assert_true(err.value == 2);
  sg_regex_cache_stats(c, &st);
  assert_int_equal(st.compiles, compiles);
  /* An unknown PCRE2 code still gives some text. */
  assert_non_null(strstr(sg_regex_error_text(-99999, text, sizeof text), "99999"));
  sg_regex_cache_free(c);
}

/* (a+)+$ against 32 a's and a b backtracks 2^32 ways; the match limit,
 * not the clock, must stop it with SG_EMATCHLIMIT (value2 says which PCRE2
 * limit), and the handle must still work afterwards. */
static void catastrophic_pattern_fails_fast(void **state) {
  sg_regex_cache *c = sg_regex_cache_create(0, flags_of(state));
  char subject[40];
  memset(subject, 'a', 32);
  subject[33] = '\0';
  /* The classic three; the last needs a non-word character at the end. */
  const char *patterns[] = {"(a+)+$", "(a|aa)+$", "^(\\w+\\s?)*$"};
  const char last[] = {'b', 'b', '!'};
  for (size_t k = 0; k < 3; k++) {
    subject[32] = last[k];
    sg_regex *re;
    sg_error err;
    int m;
    assert_int_equal(sg_regex_compile(c, patterns[k], strlen(patterns[k]), &re, &err), SG_OK);
    int rc = sg_regex_match(c, re, subject, 33, &m, &err);
    if (rc != SG_EMATCHLIMIT) fprintf(stderr, "%s: rc %d m %d\n", patterns[k], rc, m);
    assert_int_equal(rc, SG_EMATCHLIMIT);
    assert_int_equal(m, 0);
    assert_non_null(strstr(err.message, "too much backtracking"));
    int limit = (int)err.value2;
    assert_true(limit == PCRE2_ERROR_MATCHLIMIT || limit == PCRE2_ERROR_DEPTHLIMIT ||
                limit == PCRE2_ERROR_HEAPLIMIT || limit == PCRE2_ERROR_JIT_STACKLIMIT);
    /* The same handle still works on an innocent subject afterwards. */
    assert_int_equal(sg_regex_match(c, re, "aaa", 3, &m, &err), SG_OK);
    assert_int_equal(m, 1);
    sg_regex_release(c, re);
  }
  /* The budget is the caller's: 12 a's and a b (2^12 ways) fit the default
   * budget and simply do not match, but not a budget of 100 steps. */
  sg_regex *re;
  sg_error err;
  int m;
  const char *shorter = "aaaaaaaaaaaab";
  assert_int_equal(sg_regex_compile(c, "(a+)+$", 6, &re, &err), SG_OK);
  assert_int_equal(sg_regex_match(c, re, shorter, 13, &m, &err), SG_OK);
  assert_int_equal(m, 0);
  sg_regex_cache_set_limits(c, 100, 0);
  assert_int_equal(sg_regex_match(c, re, shorter, 13, &m, &err), SG_EMATCHLIMIT);
  sg_regex_release(c, re);
  sg_regex_cache_free(c);
}

/* The outcome of one match straight through PCRE2's interpreter, allowed
 * limit steps (PCRE2's own count of backtracking steps), compiled as the
 * engine compiles (regex.c: UTF, UCP, invalid UTF). The interpreter, not
 * JIT, is the reference: valgrind cannot follow JIT-compiled code (it
 * reports its stack reads as uninitialised), and the engine's JIT matching
 * is what is checked against this count. */
static int pcre2_with_limit(const char *pattern, const char *subject, size_t len, uint32_t limit) {
  int code;
  PCRE2_SIZE offset;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, strlen(pattern),
                                 PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &code, &offset,
                                 NULL);
  assert_non_null(re);
  pcre2_match_context *mctx = pcre2_match_context_create(NULL);
  pcre2_set_match_limit(mctx, limit);
  pcre2_match_data *md = pcre2_match_data_create(1, NULL);
  int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, 0, 0, md, mctx);
  pcre2_match_data_free(md);
  pcre2_match_context_free(mctx);
  pcre2_code_free(re);
  return rc;
}

/* The engine stops a match at SG_REGEX_MATCH_LIMIT steps, counted, not
 * timed: with n the fewest a's (then a b) whose (a+)+$ match PCRE2 says
 * needs more than that many steps, the engine answers n - 1 a's and
 * refuses n a's, although n a's are far from a catastrophe for PCRE2's own
 * default limit (so an engine that set no limit would answer them). */
static void match_limit_counts_steps(void **state) {
  unsigned flags = flags_of(state);
  uint32_t have_jit = 0;
  pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
  int jit = !(flags & SG_REGEX_NO_JIT) && have_jit;
  uint32_t pcre2_default = 0;
  assert_true(pcre2_config(PCRE2_CONFIG_MATCHLIMIT, &pcre2_default) >= 0);
  assert_true(pcre2_default > 4u * SG_REGEX_MATCH_LIMIT); /* Debian's: 10,000,000 */
  const char *pattern = "(a+)+$";
  char subject[64];
  size_t n = 1;
  for (; n < 60; n++) {
    memset(subject, 'a', n);
    subject[n] = 'b';
    int rc = pcre2_with_limit(pattern, subject, n + 1, SG_REGEX_MATCH_LIMIT);
    if (rc == PCRE2_ERROR_MATCHLIMIT) break;
    assert_int_equal(rc, PCRE2_ERROR_NOMATCH);
  }
  assert_true(n > 1 && n < 60);
  assert_int_equal(pcre2_with_limit(pattern, subject, n + 1, pcre2_default), PCRE2_ERROR_NOMATCH);
  fprintf(stderr, "      (%zu a's and a b need more than %u steps; engine %s)\n", n,
          SG_REGEX_MATCH_LIMIT, jit ? "JIT" : "interpreter");

  sg_regex_cache *c = sg_regex_cache_create(0, flags);
  sg_regex *re;
  sg_error err;
  int m = -1;
  assert_int_equal(sg_regex_compile(c, pattern, strlen(pattern), &re, &err), SG_OK);
  assert_int_equal(sg_regex_match(c, re, subject + 1, n, &m, &err), SG_OK); /* n - 1 a's */
  assert_int_equal(m, 0);
  assert_int_equal(sg_regex_match(c, re, subject, n + 1, &m, &err), SG_EMATCHLIMIT);
  assert_true(err.value2 == PCRE2_ERROR_MATCHLIMIT);
  sg_regex_release(c, re);
  sg_regex_cache_free(c);
}

/* Plain-character patterns are answered by comparing bytes; PCRE2 must
 * agree on every one. Random patterns and subjects over an alphabet with
 * path separators, a three-byte character, an invalid byte and the odd
 * metacharacter (those patterns go through PCRE2 on both sides). */
static void literal_patterns_agree_with_pcre2(void **state) {
  (void)state;
  static const char *const atoms[] = {"A", "P", "/", "张", "-", " ", "\xff", "^", ".", "C"};
  sg_regex_cache *fast = sg_regex_cache_create(0, 0);
  sg_regex_cache *slow = sg_regex_cache_create(0, SG_REGEX_NO_LITERAL);
  assert_non_null(fast);
  assert_non_null(slow);
  srand(20261202);
  size_t agreed = 0, matched_total = 0;
  for (int round = 0; round < 20000; round++) {
    char pattern[64] = "", subject[64] = "";
    int np = rand() % 5, ns = rand() % 8;
    if (rand() % 2) strcat(pattern, "^");
    for (int i = 0; i < np; i++) {
      const char *a = atoms[rand() % 10];
      if (strcmp(a, "\xff") != 0) strcat(pattern, a); /* a pattern must be valid UTF-8 */
    }
    for (int i = 0; i < ns; i++) strcat(subject, atoms[rand() % 10]);
    sg_regex *rf, *rs;
    sg_error err;
    int cf = sg_regex_compile(fast, pattern, strlen(pattern), &rf, &err);
    int cs = sg_regex_compile(slow, pattern, strlen(pattern), &rs, &err);
    assert_int_equal(cf, cs);
    if (cf != SG_OK) continue;
    int mf = -1, ms = -1;
    assert_int_equal(sg_regex_match(fast, rf, subject, strlen(subject), &mf, &err), SG_OK);
    assert_int_equal(sg_regex_match(slow, rs, subject, strlen(subject), &ms, &err), SG_OK);
    if (mf != ms) fprintf(stderr, "pattern \"%s\" subject \"%s\": %d vs PCRE2 %d\n", pattern,
                          subject, mf, ms);
    assert_int_equal(mf, ms);
    agreed++;
    matched_total += (size_t)ms;
    sg_regex_release(fast, rf);
    sg_regex_release(slow, rs);
  }
  /* the alphabet gives both outcomes plenty of times */
  assert_true(agreed > 15000);
  assert_true(matched_total > 2000 && matched_total < agreed - 2000);
  sg_regex_cache_free(fast);
  sg_regex_cache_free(slow);
}

/* A plain-character pattern costs a byte comparison, so a call's matching
 * budget does not stop it, while a real pattern in the same call still is. */
static void literal_patterns_need_no_budget(void **state) {
  (void)state;
  sg_regex_cache *c = sg_regex_cache_create(0, 0);
  sg_regex *lit, *re;
  sg_error err;
  const char *plain = "^APAC/China/", *costly = "^APAC/Chin[a]/";
  assert_int_equal(sg_regex_compile(c, plain, strlen(plain), &lit, &err), SG_OK);
  assert_int_equal(sg_regex_compile(c, costly, strlen(costly), &re, &err), SG_OK);
  sg_regex_cache_budget(c, 1e-9);
  int m = 0;
  /* the first real match starts the clock; the second finds it run out */
  assert_int_equal(sg_regex_match(c, re, "APAC/China/SH", 13, &m, &err), SG_OK);
  struct timespec pause = {0, 1000000};
  nanosleep(&pause, NULL);
  assert_int_equal(sg_regex_match(c, re, "APAC/China/SH", 13, &m, &err), SG_EBUDGET);
  for (int i = 0; i < 1000; i++) {
    assert_int_equal(sg_regex_match(c, lit, "APAC/China/SH", 13, &m, &err), SG_OK);
    assert_int_equal(m, 1);
    assert_int_equal(sg_regex_match(c, lit, "APAC/Japan/TK", 13, &m, &err), SG_OK);
    assert_int_equal(m, 0);
  }
  sg_regex_release(c, lit);
  sg_regex_release(c, re);
  sg_regex_cache_free(c);
}

static unsigned with_jit = 0, without_jit = SG_REGEX_NO_JIT;

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_prestate(utf8_paths_and_classes, &with_jit),
      cmocka_unit_test_prestate(utf8_paths_and_classes, &without_jit),
      cmocka_unit_test_prestate(same_pattern_compiles_once, &with_jit),
      cmocka_unit_test_prestate(same_pattern_compiles_once, &without_jit),
      cmocka_unit_test_prestate(jit_used_when_available, &with_jit),
      cmocka_unit_test_prestate(jit_used_when_available, &without_jit),
      cmocka_unit_test_prestate(lru_eviction_and_held_entries, &with_jit),
      cmocka_unit_test_prestate(invalid_patterns_report_offset, &with_jit),
      cmocka_unit_test_prestate(invalid_patterns_report_offset, &without_jit),
      cmocka_unit_test_prestate(catastrophic_pattern_fails_fast, &with_jit),
      cmocka_unit_test_prestate(catastrophic_pattern_fails_fast, &without_jit),
      cmocka_unit_test_prestate(match_limit_counts_steps, &with_jit),
      cmocka_unit_test_prestate(match_limit_counts_steps, &without_jit),
      cmocka_unit_test(literal_patterns_agree_with_pcre2),
      cmocka_unit_test(literal_patterns_need_no_budget),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
