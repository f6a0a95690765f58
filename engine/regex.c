/* regex.c — PCRE2 patterns behind a bounded LRU cache owned by the caller.
 *
 * Spreadsheets repeat one pattern in thousands of cells and recalculate
 * them all at once, so compiling (and JIT-compiling) per cell would cost
 * more than the matching. The cache keys on the pattern bytes; every
 * pattern is compiled with the same options, so the bytes are the key. */
#define _POSIX_C_SOURCE 200809L
#define PCRE2_CODE_UNIT_WIDTH 8
#include "internal.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* UTF-8 and Unicode classes for names such as 张三; invalid UTF-8 in a cell
 * should simply not match rather than fail the whole range. */
#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)
#define JIT_STACK_START (32u * 1024u)
#define JIT_STACK_MAX (1024u * 1024u)
#define QUOTE_MAX 60 /* bytes of a pattern quoted in a message */

struct sg_regex {
  char *pattern;
  size_t len;
  uint32_t hash;
  pcre2_code *code;   /* NULL: the pattern failed to compile */
  int errcode;        /* PCRE2 compile error when code is NULL */
  size_t erroffset;   /* in characters, for people */
  unsigned refs;      /* holders; a held entry is never evicted */
  int jit;            /* runs as JIT code */
  int literal;        /* LITERAL_PREFIX / LITERAL_ANYWHERE: matched without PCRE2 */
  const char *lit;    /* the literal bytes (inside pattern) */
  size_t litlen;
  sg_regex *chain;    /* next entry in the same hash bucket */
  sg_regex *newer, *older; /* LRU list of entries nobody holds */
};

struct sg_regex_cache {
  size_t capacity, nbuckets;
  unsigned flags;
  sg_regex **buckets;
  sg_regex *newest, *oldest;
  pcre2_match_context *mctx;
  pcre2_jit_stack *jit_stack; /* NULL when JIT is unavailable or off */
  pcre2_match_data *md;
  char *scratch;      /* aligned, padded copy of the subject for JIT code */
  size_t scratch_size;
  sg_regex_stats stats;
  double budget;      /* seconds of matching per call; <= 0: none */
  double deadline;    /* monotonic seconds; 0 until the call's first match */
};

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void sg_regex_cache_budget(sg_regex_cache *c, double seconds) {
  c->budget = seconds;
  c->deadline = 0;
}

static uint32_t hash_bytes(const char *p, size_t len) { /* FNV-1a */
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
  return h;
}

sg_regex_cache *sg_regex_cache_create(size_t capacity, unsigned flags) {
  sg_regex_cache *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->capacity = capacity ? capacity : SG_REGEX_CACHE_DEFAULT;
  c->flags = flags;
  /* About two buckets per entry keeps chains short; the table doubles
   * when a call holds more patterns than that (see grow_buckets). */
  c->nbuckets = 16;
  while (c->nbuckets < 2 * c->capacity && c->nbuckets < (1u << 16)) c->nbuckets *= 2;
  c->buckets = calloc(c->nbuckets, sizeof *c->buckets);
  c->mctx = pcre2_match_context_create(NULL);
  c->md = pcre2_match_data_create(1, NULL); /* match or not: one pair is enough */
  if (!c->buckets || !c->mctx || !c->md) {
    sg_regex_cache_free(c);
    return NULL;
  }
  sg_regex_cache_set_limits(c, SG_REGEX_MATCH_LIMIT, SG_REGEX_DEPTH_LIMIT);
  /* Without JIT a match keeps its backtracking frames on the heap: one
   * pattern with many groups used 461 MB before this limit. */
  pcre2_set_heap_limit(c->mctx, SG_REGEX_HEAP_KIB);
  uint32_t have_jit = 0;
  if (!(flags & SG_REGEX_NO_JIT) && pcre2_config(PCRE2_CONFIG_JIT, &have_jit) >= 0 && have_jit) {
    /* Without an assigned stack JIT uses 32 KiB on the machine stack, which
     * deep but legitimate patterns exhaust; a bounded heap stack is safer. */
    c->jit_stack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, NULL);
    if (c->jit_stack) pcre2_jit_stack_assign(c->mctx, NULL, c->jit_stack);
  }
  return c;
}

static void entry_free(sg_regex *e) {
  if (!e) return;
  pcre2_code_free(e->code);
  free(e->pattern);
  free(e);
}

void sg_regex_cache_free(sg_regex_cache *c) {
  if (!c) return;
  for (size_t b = 0; c->buckets && b < c->nbuckets; b++)
    for (sg_regex *e = c->buckets[b], *next; e; e = next) {
      next = e->chain;
      entry_free(e);
    }
  free(c->buckets);
  free(c->scratch);
  pcre2_match_data_free(c->md);
  pcre2_jit_stack_free(c->jit_stack);
  pcre2_match_context_free(c->mctx);
  free(c);
}

void sg_regex_cache_set_limits(sg_regex_cache *c, unsigned match_limit, unsigned depth_limit) {
  if (match_limit) pcre2_set_match_limit(c->mctx, match_limit);
  if (depth_limit) pcre2_set_depth_limit(c->mctx, depth_limit);
}

void sg_regex_cache_stats(const sg_regex_cache *c, sg_regex_stats *stats) { *stats = c->stats; }

static void lru_unlink(sg_regex_cache *c, sg_regex *e) {
  if (e->newer) e->newer->older = e->older;
  else c->newest = e->older;
  if (e->older) e->older->newer = e->newer;
  else c->oldest = e->newer;
  e->newer = e->older = NULL;
}

static void lru_push(sg_regex_cache *c, sg_regex *e) {
  e->newer = NULL;
  e->older = c->newest;
  if (c->newest) c->newest->newer = e;
  c->newest = e;
  if (!c->oldest) c->oldest = e;
}

static void bucket_remove(sg_regex_cache *c, sg_regex *e) {
  sg_regex **p = &c->buckets[e->hash & (c->nbuckets - 1)];
  for (; *p != e; p = &(*p)->chain) c->stats.probes++;
  c->stats.probes++; /* e itself */
  *p = e->chain;
}

/* Drop least recently used entries nobody holds until one more fits. Held
 * entries are not on the LRU list, so each drop is O(1). When every entry
 * is held the cache grows past capacity for the moment rather than fail a
 * call that holds many rules at once; releases shrink it back. */
static void make_room(sg_regex_cache *c, size_t keep) {
  while (c->stats.entries > keep && c->oldest) {
    sg_regex *e = c->oldest;
    lru_unlink(c, e);
    bucket_remove(c, e);
    entry_free(e);
    c->stats.entries--;
    c->stats.evictions++;
  }
}

/* Double the bucket table when chains would grow past two entries on
 * average (100,000 rules held by one call). Failing to grow only makes
 * chains longer. */
static void grow_buckets(sg_regex_cache *c) {
  if (c->stats.entries < 2 * c->nbuckets || c->nbuckets > SIZE_MAX / 4 / sizeof *c->buckets) return;
  size_t n = c->nbuckets * 2;
  sg_regex **b = calloc(n, sizeof *b);
  if (!b) return;
  for (size_t i = 0; i < c->nbuckets; i++)
    for (sg_regex *e = c->buckets[i], *next; e; e = next) {
      c->stats.probes++;
      next = e->chain;
      e->chain = b[e->hash & (n - 1)];
      b[e->hash & (n - 1)] = e;
    }
  free(c->buckets);
  c->buckets = b;
  c->nbuckets = n;
}

/* Bytes of pattern[0..len) cut on a character boundary, for quoting. */
static int quote_len(const char *p, size_t len) {
  if (len <= QUOTE_MAX) return (int)len;
  size_t cut = QUOTE_MAX;
  while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80) cut--;
  return (int)cut;
}

static int fail_compile(const sg_regex *e, sg_error *err) {
  char text[128];
  sg_regex_error_text(e->errcode, text, sizeof text);
  int q = quote_len(e->pattern, e->len);
  return sg_fail(err, SG_EPATTERN, -1, -1, (double)e->erroffset, (double)e->errcode,
                 "pattern \"%.*s%s\" is not a valid regular expression: %s (at offset %zu)", q,
                 e->pattern, (size_t)q < e->len ? "..." : "", text, e->erroffset);
}

/* Patterns made of plain characters only ("^APAC/China/", "Shanghai") are
 * what planners write most, and a roll-up of 100,000 paths by 1,000 teams
 * makes 100 million matches: comparing bytes instead of entering PCRE2
 * answers the same (no option here folds case or changes what a literal
 * character matches) in a fraction of the time, and its work is linear in
 * the subject, so it needs no budget. The pattern is still compiled, so a
 * literal gets exactly the errors and cache behaviour of any pattern. */
enum { LITERAL_NONE = 0, LITERAL_PREFIX = 1, LITERAL_ANYWHERE = 2 };

static void find_literal(sg_regex *e) {
  const char *p = e->pattern;
  size_t len = e->len, start = 0;
  if (len > 0 && p[0] == '^') start = 1;
  for (size_t i = start; i < len; i++)
    if (strchr("\\.^$|?*+()[]{}", p[i]) || p[i] == '\0') return;
  e->literal = start ? LITERAL_PREFIX : LITERAL_ANYWHERE;
  e->lit = p + start;
  e->litlen = len - start;
}

static int literal_matches(const sg_regex *re, const char *subject, size_t len) {
  if (re->litlen > len) return 0;
  if (re->literal == LITERAL_PREFIX || re->litlen == 0)
    return memcmp(subject, re->lit, re->litlen) == 0;
  const char first = re->lit[0];
  for (size_t i = 0; i + re->litlen <= len; i++) {
    const char *hit = memchr(subject + i, first, len - re->litlen + 1 - i);
    if (!hit) return 0;
    i = (size_t)(hit - subject);
    if (memcmp(hit, re->lit, re->litlen) == 0) return 1;
  }
  return 0;
}

int sg_regex_literal_prefix(const sg_regex *re, const char **prefix, size_t *len) {
  if (!re || re->literal != LITERAL_PREFIX) return 0;
  *prefix = re->lit;
  *len = re->litlen;
  return 1;
}

static void compile_entry(sg_regex_cache *c, sg_regex *e) {
  PCRE2_SIZE offset = 0;
  c->stats.compiles++;
  e->code = pcre2_compile((PCRE2_SPTR)e->pattern, e->len, COMPILE_OPTIONS, &e->errcode, &offset,
                          NULL);
  if (!e->code) {
    /* PCRE2 counts bytes; a planner counts characters (张 is three bytes). */
    size_t chars = 0;
    for (size_t i = 0; i < offset && i < e->len; i++)
      if (((unsigned char)e->pattern[i] & 0xC0) != 0x80) chars++;
    e->erroffset = chars;
    return;
  }
  if (!(c->flags & SG_REGEX_NO_LITERAL)) find_literal(e);
  /* JIT failing (no JIT, out of executable memory) leaves the interpreter,
   * which gives the same answers, only slower. */
  if (c->jit_stack && pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE) == 0) {
    e->jit = 1;
    c->stats.jit++;
  }
}

int sg_regex_compile(sg_regex_cache *c, const char *pattern, size_t len, sg_regex **re,
                     sg_error *err) {
  *re = NULL;
  uint32_t h = hash_bytes(pattern, len);
  sg_regex *e = c->buckets[h & (c->nbuckets - 1)];
  for (; e; e = e->chain) {
    c->stats.probes++;
    if (e->hash == h && e->len == len && memcmp(e->pattern, pattern, len) == 0) break;
  }
  if (e) {
    c->stats.hits++;
    if (e->refs == 0) lru_unlink(c, e); /* it goes back on release */
  } else {
    make_room(c, c->capacity ? c->capacity - 1 : 0);
    grow_buckets(c);
    e = calloc(1, sizeof *e);
    char *copy = malloc(len ? len : 1);
    if (!e || !copy) {
      free(e);
      free(copy);
      return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory compiling a pattern");
    }
    if (len) memcpy(copy, pattern, len);
    e->pattern = copy;
    e->len = len;
    e->hash = h;
    compile_entry(c, e);
    if (!e->code && e->errcode == PCRE2_ERROR_NOMEMORY) {
      entry_free(e); /* out of memory is not a property of the pattern */
      return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory compiling a pattern");
    }
    sg_regex **bucket = &c->buckets[h & (c->nbuckets - 1)];
    e->chain = *bucket;
    *bucket = e;
    c->stats.entries++;
  }
  if (!e->code) {
    lru_push(c, e); /* failures are cached too, never held */
    return fail_compile(e, err);
  }
  e->refs++;
  *re = e;
  return sg_ok(err);
}

void sg_regex_release(sg_regex_cache *c, sg_regex *re) {
  if (!re || re->refs == 0) return;
  if (--re->refs == 0) {
    lru_push(c, re);
    make_room(c, c->capacity);
  }
}

/* JIT code scans with aligned SIMD loads that may start before the subject
 * and run past its end, masking the extra bytes. That is harmless, but
 * memory checkers (valgrind) flag the branches on those bytes; a copy at an
 * aligned address with defined padding keeps every run checker-clean. The
 * copy costs a few nanoseconds next to the match. */
#define SCRATCH_ALIGN 64u
static const char *aligned_copy(sg_regex_cache *c, const char *subject, size_t len) {
  size_t need = (len / SCRATCH_ALIGN + 2) * SCRATCH_ALIGN;
  if (need > c->scratch_size) {
    char *p = aligned_alloc(SCRATCH_ALIGN, need);
    if (!p) return NULL;
    memset(p, 0, need);
    free(c->scratch);
    c->scratch = p;
    c->scratch_size = need;
  }
  if (len) memcpy(c->scratch, subject, len);
  return c->scratch;
}

int sg_regex_match(sg_regex_cache *c, const sg_regex *re, const char *subject, size_t len,
                   int *matched, sg_error *err) {
  *matched = 0;
  if (re->literal) {
    *matched = literal_matches(re, subject, len);
    return sg_ok(err);
  }
  if (c->budget > 0) {
    double t = now_seconds();
    if (c->deadline == 0) c->deadline = t + c->budget;
    else if (t > c->deadline)
      return sg_fail(err, SG_EBUDGET, -1, -1, c->budget, 0,
                     "the patterns of this call needed more than %g s of matching", c->budget);
  }
  if (re->jit && !(subject = aligned_copy(c, subject, len)))
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory matching a pattern");
  int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, c->md, c->mctx);
  if (rc >= 0) { /* 0 only means the ovector was too small: still a match */
    *matched = 1;
    return sg_ok(err);
  }
  if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL) return sg_ok(err);
  int q = quote_len(re->pattern, re->len);
  switch (rc) {
  case PCRE2_ERROR_MATCHLIMIT:
  case PCRE2_ERROR_DEPTHLIMIT:
  case PCRE2_ERROR_HEAPLIMIT:
  case PCRE2_ERROR_JIT_STACKLIMIT:
    return sg_fail(err, SG_EMATCHLIMIT, -1, -1, 0, rc,
                   "pattern \"%.*s%s\" needs too much backtracking (match limit reached); "
                   "avoid nested repeats such as (a+)+",
                   q, re->pattern, (size_t)q < re->len ? "..." : "");
  case PCRE2_ERROR_NOMEMORY:
    return sg_fail(err, SG_ENOMEM, -1, -1, 0, rc, "out of memory matching a pattern");
  default: {
    char text[128];
    sg_regex_error_text(rc, text, sizeof text);
    return sg_fail(err, SG_EINTERNAL, -1, -1, 0, rc, "matching \"%.*s\" failed: %s", q,
                   re->pattern, text);
  }
  }
}

const char *sg_regex_error_text(int pcre2_code, char *buf, size_t size) {
  if (!buf || size == 0) return buf;
  buf[0] = '\0';
  /* A too-small buffer still gets truncated text; only an unknown code
   * leaves nothing to show. */
  if (pcre2_get_error_message(pcre2_code, (PCRE2_UCHAR *)buf, size) == PCRE2_ERROR_BADDATA)
    snprintf(buf, size, "unknown PCRE2 error %d", pcre2_code);
  return buf;
}
