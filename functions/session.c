/* session.c — resources that outlive one call (pattern cache, store). */
#include "sgf_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

double sgf_match_seconds(void) {
  const char *env = getenv("SALESGOAL_MATCH_SECONDS");
  char *end = NULL;
  double s = env ? strtod(env, &end) : 0;
  return env && end != env && s > 0 && s < 1e6 ? s : SG_REGEX_CALL_SECONDS;
}

struct sgf_session {
  pthread_mutex_t lock;
  void *objects[SGF_SLOT_COUNT];
  void (*destroy[SGF_SLOT_COUNT])(void *object);
  sgf_cache *cache;             /* results by inputs (cache.c), made on first use */
  pthread_mutex_t cache_lock;   /* guards cache and its creation */
  _Atomic unsigned long store_uses; /* fetches of the snapshot store slot */
  /* SG_SPLIT's scratch, kept between calls. Calls into one session may run
   * on several threads at once, so a call takes the context out (the slot
   * is then empty) and puts it back afterwards: never two splits in one
   * context, and no lock held while splitting. */
  _Atomic(sg_split_ctx *) split_ctx;
};

sgf_session *sgf_session_new(void) {
  sgf_session *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  if (pthread_mutex_init(&s->lock, NULL) != 0) {
    free(s);
    return NULL;
  }
  if (pthread_mutex_init(&s->cache_lock, NULL) != 0) {
    pthread_mutex_destroy(&s->lock);
    free(s);
    return NULL;
  }
  return s;
}

void sgf_session_free(sgf_session *s) {
  if (!s) return;
  for (int i = 0; i < SGF_SLOT_COUNT; i++)
    if (s->objects[i] && s->destroy[i]) s->destroy[i](s->objects[i]);
  sgf_cache_free(s->cache);
  sg_split_ctx_free(atomic_load(&s->split_ctx));
  pthread_mutex_destroy(&s->cache_lock);
  pthread_mutex_destroy(&s->lock);
  free(s);
}

void *sgf_session_get(sgf_session *s, sgf_slot slot) {
  if (!s) return NULL;
  /* A call that reaches for the store reads or writes outside data: the
   * result cache must not keep its result (see sgf_invoke_cached). */
  if (slot == SGF_SLOT_STORE) s->store_uses++;
  return s->objects[slot];
}

unsigned long sgf_session_store_uses(sgf_session *s) { return s ? s->store_uses : 0; }

sgf_cache *sgf_session_cache_lock(sgf_session *s) {
  if (!s) return NULL;
  pthread_mutex_lock(&s->cache_lock);
  if (!s->cache) s->cache = sgf_cache_new();
  if (!s->cache) pthread_mutex_unlock(&s->cache_lock);
  return s->cache;
}

void sgf_session_cache_unlock(sgf_session *s) { pthread_mutex_unlock(&s->cache_lock); }

void sgf_session_set(sgf_session *s, sgf_slot slot, void *object, void (*destroy)(void *object)) {
  if (!s) return;
  if (s->objects[slot] && s->destroy[slot] && s->objects[slot] != object)
    s->destroy[slot](s->objects[slot]);
  s->objects[slot] = object;
  s->destroy[slot] = destroy;
}

void sgf_session_lock(sgf_session *s) {
  if (s) pthread_mutex_lock(&s->lock);
}

void sgf_session_unlock(sgf_session *s) {
  if (s) pthread_mutex_unlock(&s->lock);
}

sg_split_ctx *sgf_session_split_take(sgf_session *s) {
  if (!s) return NULL;
  sg_split_ctx *ctx = atomic_exchange(&s->split_ctx, NULL);
  return ctx ? ctx : sg_split_ctx_new();
}

void sgf_session_split_give(sgf_session *s, sg_split_ctx *ctx) {
  sg_split_ctx *empty = NULL;
  /* Another thread's context may have gone back meanwhile: keep one. */
  if (!s || !ctx || !atomic_compare_exchange_strong(&s->split_ctx, &empty, ctx))
    sg_split_ctx_free(ctx);
}
