/* memo.c — the last few results of pure calls with big inputs, kept as the
 * UNO values Calc received, keyed by the UNO arguments themselves.
 *
 * The fill-down recipe =INDEX(SG_SPLIT($G$1; $B$2:$B$1001; 1); ROW()-1)
 * calls SG_SPLIT once per row with the same 1,000 weights. The session cache
 * (functions/cache.c) already saves the computation, but every row still
 * converts the range into a grid, hashes and compares it, copies the result
 * and builds 1,000 result rows for Calc. Here a repeated call is recognised
 * on the arguments as Calc passed them (compared element by element, numbers
 * bit for bit, text by content) and answered with the same result sequence,
 * shared by reference count.
 *
 * The key is everything the result depends on: the function, the language of
 * messages, the calling document's NullDate (read afresh for every call
 * before the lookup) and every argument. Only successes are kept, and only
 * those the result cache calls reusable (sgf_call.reusable): the function is
 * pure by the catalogue (sgf_function_is_pure, the one purity rule) and the
 * call did not reach the store. So the memo never answers a call the cache
 * would compute again. It is a second cache rather than the same one
 * because it works on the UNO values before any conversion: answering from
 * the grids would still convert and hash the whole range every row. */
#include "memo.h"

#include <osl/interlck.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_ENTRIES 4
/* Calls with fewer input cells are cheap to convert; the cache serves them. */
#define MEMO_MIN_CELLS 64
/* Kept arguments and results stay alive while kept: bounded. */
#define MEMO_MAX_CELLS ((size_t)1 << 16)

typedef struct memo_entry {
  const sgf_function *fn; /* NULL: free slot */
  sgf_lang lang;
  double null_date_offset;
  sal_Int32 nargs;
  typelib_TypeDescriptionReference **types; /* the parameters' types, acquired */
  void **values;                            /* per argument: uno_Sequence* or uno_Any*, owned */
  /* On the heap: an any may point into itself (small values and sequence
   * pointers sit in its pReserved), so it must never be moved. */
  uno_Any *result;
  unsigned long last_use;
} memo_entry;

struct sgu_memo {
  pthread_mutex_t lock;
  memo_entry entries[MEMO_ENTRIES];
  unsigned long tick;
};

sgu_memo *sgu_memo_new(void) {
  sgu_memo *m = calloc(1, sizeof *m);
  if (m) pthread_mutex_init(&m->lock, NULL);
  return m;
}

static void entry_clear(memo_entry *e) {
  if (!e->fn) return;
  for (sal_Int32 i = 0; i < e->nargs; i++) {
    if (e->types[i]->eTypeClass == typelib_TypeClass_ANY) {
      uno_any_destruct(e->values[i], NULL);
      free(e->values[i]);
    } else {
      uno_type_destructData(&e->values[i], e->types[i], NULL);
    }
    typelib_typedescriptionreference_release(e->types[i]);
  }
  free(e->types);
  free(e->values);
  if (e->result) {
    uno_any_destruct(e->result, NULL);
    free(e->result);
  }
  memset(e, 0, sizeof *e);
}

void sgu_memo_free(sgu_memo *m) {
  if (!m) return;
  for (int k = 0; k < MEMO_ENTRIES; k++) entry_clear(&m->entries[k]);
  pthread_mutex_destroy(&m->lock);
  free(m);
}

/* ------------------------------------------------------------ comparing */

static int same_any(const uno_Any *a, const uno_Any *b);

/* Two sequences of the same type: equal elements, by element type. */
static int same_sequence(const uno_Sequence *a, const uno_Sequence *b, typelib_TypeClass element) {
  if (a == b) return 1;
  if (a->nElements != b->nElements) return 0;
  for (sal_Int32 i = 0; i < a->nElements; i++) {
    switch (element) {
    case typelib_TypeClass_ANY:
      if (!same_any((const uno_Any *)(const void *)a->elements + i,
                    (const uno_Any *)(const void *)b->elements + i))
        return 0;
      break;
    case typelib_TypeClass_SEQUENCE: { /* rows of a [][]any */
      const uno_Sequence *ra = ((uno_Sequence *const *)(const void *)a->elements)[i];
      const uno_Sequence *rb = ((uno_Sequence *const *)(const void *)b->elements)[i];
      if (!same_sequence(ra, rb, typelib_TypeClass_ANY)) return 0;
      break;
    }
    default: return 0;
    }
  }
  return 1;
}

static int same_string(const rtl_uString *a, const rtl_uString *b) {
  return a == b || (a->length == b->length &&
                    memcmp(a->buffer, b->buffer, (size_t)a->length * sizeof(sal_Unicode)) == 0);
}

/* Values as Calc passes them: void, double (bit for bit), string, or a
 * [][]any of those. Anything else is never equal (not kept). */
static int same_any(const uno_Any *a, const uno_Any *b) {
  typelib_TypeClass cls = a->pType->eTypeClass;
  if (cls != b->pType->eTypeClass) return 0;
  switch (cls) {
  case typelib_TypeClass_VOID: return 1;
  case typelib_TypeClass_DOUBLE: return memcmp(a->pData, b->pData, sizeof(double)) == 0;
  case typelib_TypeClass_BOOLEAN: return *(const sal_Bool *)a->pData == *(const sal_Bool *)b->pData;
  case typelib_TypeClass_STRING:
    return same_string(*(rtl_uString *const *)a->pData, *(rtl_uString *const *)b->pData);
  case typelib_TypeClass_SEQUENCE:
    if (!typelib_typedescriptionreference_equals(a->pType, b->pType)) return 0;
    if (!sgu_is_any_matrix(a->pType)) return 0;
    return same_sequence(*(uno_Sequence *const *)a->pData, *(uno_Sequence *const *)b->pData,
                         typelib_TypeClass_SEQUENCE);
  default: return 0;
  }
}

/* Can this argument be kept and compared? Adds its cells to *cells. */
static int keepable(typelib_TypeDescriptionReference *type, void *arg, size_t *cells) {
  if (type->eTypeClass == typelib_TypeClass_SEQUENCE) {
    if (!sgu_is_any_matrix(type)) return 0;
    const uno_Sequence *outer = *(uno_Sequence *const *)arg;
    for (sal_Int32 r = 0; r < outer->nElements; r++)
      *cells += (size_t)((uno_Sequence *const *)(const void *)outer->elements)[r]->nElements;
    return 1;
  }
  if (type->eTypeClass != typelib_TypeClass_ANY) return 0;
  const uno_Any *value = arg;
  switch (value->pType->eTypeClass) {
  case typelib_TypeClass_VOID:
  case typelib_TypeClass_DOUBLE:
  case typelib_TypeClass_BOOLEAN:
  case typelib_TypeClass_STRING: *cells += 1; return 1;
  case typelib_TypeClass_SEQUENCE:
    return sgu_is_any_matrix(value->pType) && keepable(value->pType, value->pData, cells);
  default: return 0;
  }
}

static int same_arguments(const memo_entry *e, typelib_TypeDescriptionReference *const *types,
                          void *const *args) {
  for (sal_Int32 i = 0; i < e->nargs; i++) {
    if (!typelib_typedescriptionreference_equals(e->types[i], types[i])) return 0;
    if (types[i]->eTypeClass == typelib_TypeClass_ANY) {
      if (!same_any(e->values[i], args[i])) return 0;
    } else if (!same_sequence(e->values[i], *(uno_Sequence *const *)args[i], typelib_TypeClass_SEQUENCE)) {
      return 0;
    }
  }
  return 1;
}

/* ------------------------------------------------------------ lookup, store */

int sgu_memo_eligible(const sgf_function *fn, const typelib_InterfaceMethodTypeDescription *method,
                      size_t first, void *args[]) {
  if (!sgf_function_is_pure(fn)) return 0;
  size_t cells = 0;
  for (sal_Int32 i = (sal_Int32)first; i < method->nParams; i++)
    if (!keepable(method->pParams[i].pTypeRef, args[i], &cells)) return 0;
  return cells >= MEMO_MIN_CELLS && cells <= MEMO_MAX_CELLS;
}

static void param_types(const typelib_InterfaceMethodTypeDescription *method, size_t first,
                        typelib_TypeDescriptionReference **types) {
  for (sal_Int32 i = (sal_Int32)first; i < method->nParams; i++)
    types[i - (sal_Int32)first] = method->pParams[i].pTypeRef;
}

int sgu_memo_lookup(sgu_memo *m, const sgf_function *fn, sgf_lang lang, double null_date_offset,
                    const typelib_InterfaceMethodTypeDescription *method, size_t first,
                    void *args[], uno_Any *ret) {
  sal_Int32 nargs = method->nParams - (sal_Int32)first;
  if (!m || nargs <= 0 || nargs > 32) return 0;
  typelib_TypeDescriptionReference *types[32];
  param_types(method, first, types);
  int found = 0;
  pthread_mutex_lock(&m->lock);
  for (int k = 0; k < MEMO_ENTRIES && !found; k++) {
    memo_entry *e = &m->entries[k];
    if (e->fn != fn || e->lang != lang || e->nargs != nargs ||
        memcmp(&e->null_date_offset, &null_date_offset, sizeof(double)) != 0 ||
        !same_arguments(e, types, args + first))
      continue;
    uno_type_any_construct(ret, e->result->pData, e->result->pType, NULL); /* shares the rows */
    e->last_use = ++m->tick;
    found = 1;
  }
  pthread_mutex_unlock(&m->lock);
  return found;
}

void sgu_memo_store(sgu_memo *m, const sgf_function *fn, sgf_lang lang, double null_date_offset,
                    const typelib_InterfaceMethodTypeDescription *method, size_t first,
                    void *args[], const uno_Any *result) {
  sal_Int32 nargs = method->nParams - (sal_Int32)first;
  if (!m || nargs <= 0 || nargs > 32) return;
  memo_entry fresh = {.fn = fn, .lang = lang, .null_date_offset = null_date_offset, .nargs = nargs};
  fresh.types = calloc((size_t)nargs, sizeof *fresh.types);
  fresh.values = calloc((size_t)nargs, sizeof *fresh.values);
  if (!fresh.types || !fresh.values) {
    free(fresh.types);
    free(fresh.values);
    return;
  }
  param_types(method, first, fresh.types);
  for (sal_Int32 i = 0; i < nargs; i++) {
    void *arg = args[first + (size_t)i];
    if (fresh.types[i]->eTypeClass == typelib_TypeClass_ANY) {
      const uno_Any *value = arg;
      uno_Any *copy = malloc(sizeof *copy);
      if (!copy) { /* out of memory: undo the arguments kept so far */
        fresh.nargs = i;
        entry_clear(&fresh);
        return;
      }
      uno_type_any_construct(copy, value->pData, value->pType, NULL);
      fresh.values[i] = copy;
    } else {
      uno_Sequence *seq = *(uno_Sequence **)arg;
      osl_atomic_increment(&seq->nRefCount); /* shared, never changed */
      fresh.values[i] = seq;
    }
    typelib_typedescriptionreference_acquire(fresh.types[i]);
  }
  fresh.result = malloc(sizeof *fresh.result);
  if (!fresh.result) {
    entry_clear(&fresh);
    return;
  }
  uno_type_any_construct(fresh.result, result->pData, result->pType, NULL);
  pthread_mutex_lock(&m->lock);
  memo_entry *slot = NULL;
  for (int k = 0; k < MEMO_ENTRIES; k++) {
    memo_entry *e = &m->entries[k];
    if (!e->fn) { slot = e; break; }
    if (!slot || e->last_use < slot->last_use) slot = e;
  }
  memo_entry old = *slot;
  fresh.last_use = ++m->tick;
  *slot = fresh;
  pthread_mutex_unlock(&m->lock);
  entry_clear(&old); /* outside the lock: frees can be slow */
}
