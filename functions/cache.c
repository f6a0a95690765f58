/* cache.c — the session's result cache: one computation for many identical
 * calls.
 *
 * The fill-down recipe =INDEX(SG_SPLIT(total; $B$2:$B$40; 100); ROW()-1)
 * makes Calc call SG_SPLIT once per row with the same inputs. The key is
 * everything a pure function's result depends on: the function, every
 * cell of every argument (kind, number bits, text), the language of the
 * messages and the document's NullDate. A hit is compared cell by cell
 * with the stored inputs (the hash only finds candidates), so a changed
 * input can never return an old result. Failures are kept too (their
 * message), so 1,000 failing rows cost one failure.
 *
 * Only pure functions are cached: the catalogue says which (the purity
 * field of each row, read through sgf_function_is_pure, the same fact the
 * add-in's memo and SG_WHY use). On top of it, a call that fetched the
 * store slot while running is not kept, and call->reusable tells the host
 * so (see sgf_invoke_cached). Nor are one-cell results of a few input
 * cells (cheaper to compute again). Bounded: CACHE_ENTRIES entries and
 * CACHE_BYTES of copied cells; the least recently used entry goes first. */
#include "sgf_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_ENTRIES 64
#define CACHE_BYTES ((size_t)16 << 20)
/* A successful one-cell result of at most this many input cells is not
 * kept (see sgf_invoke_cached). */
#define SMALL_CALL_CELLS 16

typedef struct entry {
  int used;
  uint64_t hash;
  const sgf_function *fn;
  sgf_lang lang;
  double null_date_offset;
  size_t nargs;
  sgf_grid *args;     /* copies of the inputs */
  int rc;             /* 0: result holds the result; -1: message */
  sgf_grid result;
  char message[SGF_MESSAGE_SIZE];
  size_t bytes;
  unsigned long last_use;
} entry;

struct sgf_cache {
  entry entries[CACHE_ENTRIES];
  size_t bytes;
  unsigned long tick;
  unsigned long hits, misses;
};

void sgf_session_cache_counts(sgf_session *session, unsigned long *hits, unsigned long *misses) {
  *hits = *misses = 0;
  sgf_cache *c = sgf_session_cache_lock(session);
  if (!c) return;
  *hits = c->hits;
  *misses = c->misses;
  sgf_session_cache_unlock(session);
}

sgf_cache *sgf_cache_new(void) { return calloc(1, sizeof(sgf_cache)); }

static void entry_clear(sgf_cache *c, entry *e) {
  if (!e->used) return;
  for (size_t i = 0; i < e->nargs; i++) sgf_grid_free(&e->args[i]);
  free(e->args);
  sgf_grid_free(&e->result);
  c->bytes -= e->bytes;
  memset(e, 0, sizeof *e);
}

void sgf_cache_free(sgf_cache *c) {
  if (!c) return;
  for (size_t i = 0; i < CACHE_ENTRIES; i++) entry_clear(c, &c->entries[i]);
  free(c);
}

/* ------------------------------------------------------------ grids */

static uint64_t mix(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull; /* FNV-1a */
  return h;
}

/* One 64-bit word at a time: numbers are most of what is hashed, and the
 * fill-down recipe hashes a whole range per row. */
static uint64_t mix_word(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

static uint64_t hash_call(const sgf_function *fn, const sgf_call *call, const sgf_grid *args,
                          size_t nargs) {
  uint64_t h = 14695981039346656037ull;
  h = mix(h, &fn, sizeof fn);
  h = mix(h, &call->lang, sizeof call->lang);
  h = mix(h, &call->null_date_offset, sizeof call->null_date_offset);
  for (size_t a = 0; a < nargs; a++) {
    const sgf_grid *g = &args[a];
    h = mix_word(h, (uint64_t)g->omitted);
    h = mix_word(h, (uint64_t)g->rows);
    h = mix_word(h, (uint64_t)g->cols);
    for (size_t i = 0; i < sgf_grid_size(g); i++) {
      const sgf_cell *cell = &g->cells[i];
      h = mix_word(h, (uint64_t)cell->kind);
      if (cell->kind == SGF_NUMBER) {
        uint64_t bits;
        memcpy(&bits, &cell->number, sizeof bits);
        h = mix_word(h, bits);
      } else if (cell->kind == SGF_TEXT && cell->text) {
        h = mix(h, cell->text, strlen(cell->text) + 1);
      }
    }
  }
  return h;
}

static int same_grid(const sgf_grid *a, const sgf_grid *b) {
  if (a->omitted != b->omitted || a->rows != b->rows || a->cols != b->cols) return 0;
  for (size_t i = 0; i < sgf_grid_size(a); i++) {
    const sgf_cell *x = &a->cells[i], *y = &b->cells[i];
    if (x->kind != y->kind) return 0;
    /* bit for bit: 0 and -0 differ, as they may in a result */
    if (x->kind == SGF_NUMBER && memcmp(&x->number, &y->number, sizeof x->number) != 0) return 0;
    if (x->kind == SGF_TEXT && strcmp(x->text ? x->text : "", y->text ? y->text : "") != 0) return 0;
  }
  return 1;
}

/* Copy src into *dst (initialised by this call); adds the bytes copied to
 * *bytes. Returns 0 or -1 (out of memory; *dst then empty). */
static int copy_grid(sgf_grid *dst, const sgf_grid *src, size_t *bytes) {
  if (src->omitted) {
    sgf_grid_init_omitted(dst);
    return 0;
  }
  if (sgf_grid_init(dst, src->rows, src->cols) != 0) return -1;
  *bytes += sgf_grid_size(src) * sizeof(sgf_cell);
  for (size_t i = 0; i < sgf_grid_size(src); i++) {
    const sgf_cell *cell = &src->cells[i];
    if (cell->kind == SGF_NUMBER) {
      sgf_grid_set_number(dst, i, cell->number);
    } else if (cell->kind == SGF_ERROR) {
      sgf_grid_set_error(dst, i);
    } else if (cell->kind == SGF_TEXT) {
      size_t len = cell->text ? strlen(cell->text) : 0;
      if (sgf_grid_set_text(dst, i, cell->text ? cell->text : "", len) != 0) {
        sgf_grid_free(dst);
        return -1;
      }
      *bytes += len + 1;
    }
  }
  return 0;
}

/* ------------------------------------------------------------ lookup, store */

static entry *find(sgf_cache *c, uint64_t h, const sgf_function *fn, const sgf_call *call,
                   const sgf_grid *args, size_t nargs) {
  for (size_t k = 0; k < CACHE_ENTRIES; k++) {
    entry *e = &c->entries[k];
    if (!e->used || e->hash != h || e->fn != fn || e->lang != call->lang ||
        memcmp(&e->null_date_offset, &call->null_date_offset, sizeof(double)) != 0 ||
        e->nargs != nargs)
      continue;
    size_t a = 0;
    while (a < nargs && same_grid(&e->args[a], &args[a])) a++;
    if (a == nargs) return e;
  }
  return NULL;
}

static void store(sgf_cache *c, uint64_t h, const sgf_function *fn, const sgf_call *call,
                  const sgf_grid *args, size_t nargs, int rc, const sgf_grid *result) {
  size_t bytes = sizeof(entry);
  entry fresh = {.used = 1, .hash = h, .fn = fn, .lang = call->lang,
                 .null_date_offset = call->null_date_offset, .nargs = nargs, .rc = rc};
  fresh.args = calloc(nargs, sizeof *fresh.args);
  if (!fresh.args) return;
  size_t done = 0;
  int ok = 1;
  for (; done < nargs && ok; done++) ok = copy_grid(&fresh.args[done], &args[done], &bytes) == 0;
  if (ok && rc == 0) ok = copy_grid(&fresh.result, result, &bytes) == 0;
  else sgf_grid_init(&fresh.result, 0, 0);
  if (rc != 0) memcpy(fresh.message, call->message, sizeof fresh.message);
  if (!ok || bytes > CACHE_BYTES / 4) { /* too big to be worth keeping */
    for (size_t i = 0; i < done; i++) sgf_grid_free(&fresh.args[i]);
    free(fresh.args);
    sgf_grid_free(&fresh.result);
    return;
  }
  fresh.bytes = bytes;
  /* Make room: a free slot, else least recently used, until under budget. */
  for (;;) {
    entry *victim = NULL, *free_slot = NULL;
    for (size_t k = 0; k < CACHE_ENTRIES; k++) {
      entry *e = &c->entries[k];
      if (!e->used) { if (!free_slot) free_slot = e; continue; }
      if (!victim || e->last_use < victim->last_use) victim = e;
    }
    if (free_slot && c->bytes + bytes <= CACHE_BYTES) {
      fresh.last_use = ++c->tick;
      *free_slot = fresh;
      c->bytes += bytes;
      return;
    }
    if (!victim) break; /* cannot happen: bytes <= CACHE_BYTES / 4 */
    entry_clear(c, victim);
  }
  for (size_t i = 0; i < nargs; i++) sgf_grid_free(&fresh.args[i]);
  free(fresh.args);
  sgf_grid_free(&fresh.result);
}

/* sgf_invoke of a pure function, watching it: call->reusable is set when
 * it did not fetch the store slot. Still needed beside the catalogue: the
 * purity field is a claim written by hand, and this checks it where it can
 * be checked, since the snapshot store is reached through the session,
 * which counts the fetches. The other outside inputs are withheld from
 * pure functions instead (a pure row has no cell argument; the add-in
 * gives the last error and the document's URL only to impure functions).
 * So a row marked pure by mistake that reads the store still has nothing
 * kept, here or in the memo. (Another thread's store call in between only
 * costs a result not kept.) */
static int invoke_watched(const sgf_function *fn, sgf_call *call, const sgf_grid *args,
                          size_t nargs, sgf_grid *result) {
  unsigned long store_uses = sgf_session_store_uses(call->session);
  call->transient = 0;
  int rc = sgf_invoke(fn, call, args, nargs, result);
  call->reusable = sgf_session_store_uses(call->session) == store_uses && !call->transient;
  return rc;
}

int sgf_invoke_cached(const sgf_function *fn, sgf_call *call, const sgf_grid *args,
                      size_t nargs, sgf_grid *result) {
  call->reusable = 0;
  if (!call->session || !sgf_function_is_pure(fn) || nargs != fn->nargs)
    return sgf_invoke(fn, call, args, nargs, result);
  /* Inputs too big to keep (a whole column): not even hashed. */
  size_t cells = 0;
  for (size_t a = 0; a < nargs; a++) cells += sgf_grid_size(&args[a]);
  if (cells > CACHE_BYTES / 4 / sizeof(sgf_cell))
    return invoke_watched(fn, call, args, nargs, result);
  uint64_t h = hash_call(fn, call, args, nargs);
  sgf_cache *c = sgf_session_cache_lock(call->session);
  if (!c) return invoke_watched(fn, call, args, nargs, result);
  entry *e = find(c, h, fn, call, args, nargs);
  if (e) {
    c->hits++;
    call->reusable = 1; /* kept only when it was */
    e->last_use = ++c->tick;
    int rc = e->rc;
    size_t ignored = 0;
    call->fn = fn;
    if (rc == 0) {
      if (copy_grid(result, &e->result, &ignored) != 0) rc = sgf_fail_nomem(call);
    } else {
      sgf_grid_init(result, 0, 0);
      memcpy(call->message, e->message, sizeof call->message);
    }
    sgf_session_cache_unlock(call->session);
    return rc;
  }
  c->misses++;
  sgf_session_cache_unlock(call->session);
  /* Computed outside the lock: a slow call does not hold up others. */
  int rc = invoke_watched(fn, call, args, nargs, result);
  if (!call->reusable) return rc; /* reached the store, or failed for the moment */
  /* One cell computed from a few: computing it again costs less than
   * keeping it (copies, an eviction), and a filled-down formula of one
   * cell per row has different inputs in each row anyway. Failures are
   * kept (formatting the message is the expensive part). */
  if (rc == 0 && sgf_grid_size(result) <= 1 && cells <= SMALL_CALL_CELLS) return rc;
  c = sgf_session_cache_lock(call->session);
  if (c) {
    if (!find(c, h, fn, call, args, nargs)) store(c, h, fn, call, args, nargs, rc, result);
    sgf_session_cache_unlock(call->session);
  }
  return rc;
}
