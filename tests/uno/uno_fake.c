/* uno_fake.c — a calling document and argument values for tests/uno, made
 * with the UNO C runtime as Calc's bridge would make them. */
#include "uno_fake.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ objects */

static void SAL_CALL fake_acquire(uno_Interface *self) { ((sgt_object *)self)->refcount++; }
static void SAL_CALL fake_release(uno_Interface *self) { ((sgt_object *)self)->refcount--; }

static int member_is(const typelib_TypeDescription *member, const char *full) {
  return sgt_equals_ascii(member->pTypeName, full);
}

/* Construct an exception of the named type with message into exc. */
static void raise_exception(uno_Any *exc, const char *type_name, const char *message) {
  typelib_TypeDescription *td = NULL;
  rtl_uString *name = sgt_ustring(type_name);
  typelib_typedescription_getByName(&td, name);
  rtl_uString_release(name);
  void *mem = calloc(1, (size_t)td->nSize);
  uno_constructData(mem, td);
  rtl_uString *text = sgt_ustring(message);
  rtl_uString_assign((rtl_uString **)mem, text); /* Exception.Message is at offset 0 */
  rtl_uString_release(text);
  uno_any_construct(exc, mem, td, NULL);
  uno_destructData(mem, td, NULL);
  free(mem);
  typelib_typedescription_release(td);
}

static void null_date(sgt_object *o, uno_Any *ret) {
  typelib_TypeDescription *td = NULL;
  rtl_uString *name = sgt_ustring("com.sun.star.util.Date");
  typelib_typedescription_getByName(&td, name);
  rtl_uString_release(name);
  /* com.sun.star.util.Date { unsigned short Day, Month; short Year; } */
  struct { sal_uInt16 day, month; sal_Int16 year; } date = {30, 12, 1899};
  if (o->null_date_1904) date.day = 1, date.month = 1, date.year = 1904;
  uno_any_construct(ret, &date, td, NULL);
  typelib_typedescription_release(td);
}

static void SAL_CALL fake_dispatch(uno_Interface *self, const typelib_TypeDescription *member,
                                   void *ret, void *args[], uno_Any **exception) {
  sgt_object *o = (sgt_object *)self;
  uno_Any *exc = *exception;
  *exception = NULL;
  if (member_is(member, "com.sun.star.uno.XInterface::queryInterface")) {
    typelib_TypeDescriptionReference *type = *(typelib_TypeDescriptionReference **)args[0];
    static const char *const offered[2][4] = {
        {"com.sun.star.uno.XInterface", "com.sun.star.beans.XPropertySet", "com.sun.star.frame.XStorable",
         "com.sun.star.frame.XModel"},
        {"com.sun.star.table.XCellRange", "com.sun.star.table.XCell", "com.sun.star.sheet.XSheetCellRange",
         "com.sun.star.container.XNamed"}};
    for (size_t i = 0; o->kind && i < 4; i++) {
      if (sgt_equals_ascii(type->pTypeName, offered[o->kind - 1][i])) {
        uno_type_any_construct(ret, &self, type, NULL);
        return;
      }
    }
    uno_any_construct(ret, NULL, NULL, NULL);
  } else if (member_is(member, "com.sun.star.uno.XInterface::acquire")) {
    fake_acquire(self);
  } else if (member_is(member, "com.sun.star.uno.XInterface::release")) {
    fake_release(self);
  } else if (o->kind == SGT_CELL && (member_is(member, "com.sun.star.table.XCellRange::getCellByPosition") ||
                                             member_is(member, "com.sun.star.sheet.XSheetCellRange::getSpreadsheet"))) {
    fake_acquire(self); /* an interface returned is the caller's reference */
    *(uno_Interface **)ret = self;
  } else if (o->kind == SGT_CELL && member_is(member, "com.sun.star.table.XCell::getFormula")) {
    *(rtl_uString **)ret = sgt_ustring(o->url);
  } else if (o->kind == SGT_CELL && member_is(member, "com.sun.star.container.XNamed::getName")) {
    *(rtl_uString **)ret = sgt_ustring("Plan");
  } else if (o->kind == SGT_CELL && member_is(member, "com.sun.star.table.XCell::getError")) {
    *(sal_Int32 *)ret = o->error_code;
  } else if (o->kind == SGT_DOCUMENT && member_is(member, "com.sun.star.beans.XPropertySet::getPropertyValue") &&
             sgt_equals_ascii(*(rtl_uString **)args[0], "NullDate")) {
    o->property_reads++;
    null_date(o, ret);
  } else if (o->kind == SGT_DOCUMENT && (member_is(member, "com.sun.star.frame.XStorable::getLocation") ||
                                member_is(member, "com.sun.star.frame.XModel::getURL"))) {
    *(rtl_uString **)ret = sgt_ustring(o->url);
  } else if (o->kind == SGT_DOCUMENT &&
             member_is(member, "com.sun.star.beans.XPropertySet::getPropertyValue")) {
    raise_exception(exc, "com.sun.star.beans.UnknownPropertyException", "no such property");
    *exception = exc;
  } else {
    raise_exception(exc, "com.sun.star.uno.RuntimeException", "not offered by this test object");
    *exception = exc;
  }
}

void sgt_object_init(sgt_object *o, int kind, const char *url) {
  memset(o, 0, sizeof *o);
  o->uno.acquire = fake_acquire;
  o->uno.release = fake_release;
  o->uno.pDispatcher = fake_dispatch;
  o->refcount = 1;
  o->kind = kind;
  snprintf(o->url, sizeof o->url, "%s", url ? url : "");
}

/* ------------------------------------------------------------ values */

static typelib_TypeDescriptionReference *row_type(void) {
  static typelib_TypeDescriptionReference *t = NULL;
  typelib_static_sequence_type_init(&t, *typelib_static_type_getByTypeClass(typelib_TypeClass_ANY));
  return t;
}

typelib_TypeDescriptionReference *sgt_matrix_type(void) {
  static typelib_TypeDescriptionReference *t = NULL;
  typelib_static_sequence_type_init(&t, row_type());
  return t;
}

void sgt_any_double(uno_Any *a, double d) {
  uno_type_any_construct(a, &d, *typelib_static_type_getByTypeClass(typelib_TypeClass_DOUBLE), NULL);
}

static void any_ustring(uno_Any *a, rtl_uString *s) {
  uno_type_any_construct(a, &s, *typelib_static_type_getByTypeClass(typelib_TypeClass_STRING), NULL);
  rtl_uString_release(s); /* the any holds its own reference */
}

void sgt_any_string(uno_Any *a, const char *utf8) { any_ustring(a, sgt_ustring(utf8)); }

void sgt_any_matrix(uno_Any *a, uno_Sequence *m) { uno_type_any_construct(a, &m, sgt_matrix_type(), NULL); }

static void cell_any(uno_Any *a, const tv *cell) {
  switch (cell->kind) {
  case TV_DOUBLE: sgt_any_double(a, cell->d); break;
  case TV_STRING:
    if (cell->s) {
      sgt_any_string(a, cell->s);
    } else { /* "a\0b": legal in UNO, a C string would end at the NUL */
      static const sal_Unicode with_nul[] = {'a', 0, 'b'};
      rtl_uString *s = NULL;
      rtl_uString_newFromStr_WithLength(&s, with_nul, 3);
      any_ustring(a, s);
    }
    break;
  case TV_BOOL: {
    sal_Bool b = cell->d != 0;
    uno_type_any_construct(a, &b, *typelib_static_type_getByTypeClass(typelib_TypeClass_BOOLEAN), NULL);
    break;
  }
  case TV_LONG: {
    sal_Int32 l = (sal_Int32)cell->d;
    uno_type_any_construct(a, &l, *typelib_static_type_getByTypeClass(typelib_TypeClass_LONG), NULL);
    break;
  }
  case TV_NESTED: { /* a matrix inside a cell: nothing Calc sends */
    tv inner[] = {{TV_DOUBLE, 1, NULL}};
    uno_Sequence *m = sgt_matrix(1, 1, inner, NULL);
    sgt_any_matrix(a, m);
    uno_type_destructData(&m, sgt_matrix_type(), NULL);
    break;
  }
  default: uno_any_construct(a, NULL, NULL, NULL); break;
  }
}

uno_Sequence *sgt_matrix(size_t rows, size_t cols, const tv *cells, const size_t *cols_of_row) {
  uno_Sequence **row_seqs = calloc(rows ? rows : 1, sizeof *row_seqs);
  size_t k = 0;
  for (size_t r = 0; r < rows; r++) {
    size_t n = cols_of_row ? cols_of_row[r] : cols;
    uno_Any *anys = calloc(n ? n : 1, sizeof *anys);
    for (size_t c = 0; c < n; c++) cell_any(&anys[c], &cells[k++]);
    uno_type_sequence_construct(&row_seqs[r], row_type(), anys, (sal_Int32)n, NULL); /* copies */
    for (size_t c = 0; c < n; c++) uno_any_destruct(&anys[c], NULL);
    free(anys);
  }
  uno_Sequence *m = NULL;
  uno_type_sequence_construct(&m, sgt_matrix_type(), row_seqs, (sal_Int32)rows, NULL);
  for (size_t r = 0; r < rows; r++) uno_type_destructData(&row_seqs[r], row_type(), NULL);
  free(row_seqs);
  return m;
}

/* ------------------------------------------------------------ census */

static void census_item(sgt_census *c, const void *p, sal_Int32 count, int is_string, int outer) {
  if (c->n == c->cap) {
    c->cap = c->cap ? 2 * c->cap : 64;
    c->items = realloc(c->items, c->cap * sizeof *c->items);
  }
  c->items[c->n].p = p;
  c->items[c->n].count = count;
  c->items[c->n].outer = outer;
  c->items[c->n++].is_string = is_string;
}

static void census_walk(sgt_census *c, const void *data, typelib_TypeDescriptionReference *type, int depth) {
  switch (type->eTypeClass) {
  case typelib_TypeClass_ANY: {
    const uno_Any *a = data;
    census_walk(c, a->pData, a->pType, depth);
    break;
  }
  case typelib_TypeClass_STRING: {
    rtl_uString *s = *(rtl_uString *const *)data;
    census_item(c, s, s->refCount, 1, 0);
    break;
  }
  case typelib_TypeClass_SEQUENCE: {
    uno_Sequence *seq = *(uno_Sequence *const *)data;
    census_item(c, seq, seq->nRefCount, 0, depth == 0);
    typelib_TypeDescription *td = NULL;
    typelib_typedescriptionreference_getDescription(&td, type);
    typelib_TypeDescriptionReference *el = ((typelib_IndirectTypeDescription *)td)->pType;
    typelib_TypeDescription *eltd = NULL;
    typelib_typedescriptionreference_getDescription(&eltd, el);
    for (sal_Int32 i = 0; i < seq->nElements; i++)
      census_walk(c, seq->elements + (size_t)i * (size_t)eltd->nSize, el, depth + 1);
    typelib_typedescription_release(eltd);
    typelib_typedescription_release(td);
    break;
  }
  default: break; /* numbers hold no reference; interfaces are counted by their owners */
  }
}

void sgt_census_add(sgt_census *c, const void *data, typelib_TypeDescriptionReference *type) {
  census_walk(c, data, type, 0);
}

void sgt_census_seal(sgt_census *c) {
  for (size_t i = 0; i < c->n; i++)
    c->items[i].count = c->items[i].is_string ? ((const rtl_uString *)c->items[i].p)->refCount
                                              : ((const uno_Sequence *)c->items[i].p)->nRefCount;
}

int sgt_census_check(const sgt_census *c, const char *what) {
  int rc = 0;
  for (size_t i = 0; i < c->n; i++) {
    sal_Int32 now = c->items[i].is_string ? ((const rtl_uString *)c->items[i].p)->refCount
                                          : ((const uno_Sequence *)c->items[i].p)->nRefCount;
    /* The add-in's fill-down memo (addin/memo.c) may keep a reference to
     * an argument's whole range, shared and never changed, in each of its
     * SGT_MEMO_HOLDS entries until it evicts them or the add-in is
     * released (valgrind's leak check at the end sees them go). Nothing
     * else may change a count, and nothing may ever drop one. */
    sal_Int32 slack = c->items[i].outer && !c->items[i].is_string ? SGT_MEMO_HOLDS : 0;
    if (now < c->items[i].count || now > c->items[i].count + slack) {
      fprintf(stderr, "%s: a %s passed in went from %ld to %ld references\n", what,
              c->items[i].is_string ? "string" : "sequence", (long)c->items[i].count, (long)now);
      rc = -1;
    }
  }
  return rc;
}

void sgt_census_free(sgt_census *c) {
  free(c->items);
  memset(c, 0, sizeof *c);
}

/* ------------------------------------------------------------ checks */

/* A finite number, or Calc's #N/A (a NaN with error payload 0x7FFF). */
static int number_ok(double d) {
  union { double d; uint64_t bits; } u = {.d = d};
  return isfinite(d) || u.bits == 0x7FF8000000007FFFull;
}

static int cell_ok(const uno_Any *a) {
  switch (a->pType->eTypeClass) {
  case typelib_TypeClass_VOID: return 1;
  case typelib_TypeClass_DOUBLE: return number_ok(*(const double *)a->pData);
  case typelib_TypeClass_STRING: return *(rtl_uString *const *)a->pData != NULL;
  default: return 0;
  }
}

int sgt_result_is_well_formed(const uno_Any *result, char *why, size_t size) {
  typelib_TypeClass cls = result->pType->eTypeClass;
  if (cls != typelib_TypeClass_SEQUENCE) {
    if (cell_ok(result)) return 0;
    snprintf(why, size, "a single result of type class %d (or ±inf/NaN)", (int)cls);
    return -1;
  }
  /* [][]string when every cell is text, [][]double when every cell is a
   * number or #N/A, else [][]any (addin/uno_values.c) */
  int strings = sgt_equals_ascii(result->pType->pTypeName, "[][]string");
  int numbers = sgt_equals_ascii(result->pType->pTypeName, "[][]double");
  if (!strings && !numbers && !sgt_equals_ascii(result->pType->pTypeName, "[][]any")) {
    snprintf(why, size, "a sequence that is neither [][]any, [][]double nor [][]string");
    return -1;
  }
  uno_Sequence *m = *(uno_Sequence *const *)result->pData;
  if (!m || m->nElements == 0) {
    snprintf(why, size, "an empty matrix (Calc shows nothing, not an error)");
    return -1;
  }
  for (sal_Int32 r = 0; r < m->nElements; r++) {
    uno_Sequence *row = ((uno_Sequence *const *)(const void *)m->elements)[r];
    if (!row) {
      snprintf(why, size, "row %ld missing", (long)r);
      return -1;
    }
    for (sal_Int32 c = 0; c < row->nElements; c++) {
      int ok = strings   ? ((rtl_uString *const *)(const void *)row->elements)[c] != NULL
               : numbers ? number_ok(((const double *)(const void *)row->elements)[c])
                         : cell_ok((const uno_Any *)(const void *)row->elements + c);
      if (!ok) {
        snprintf(why, size, "cell %ld,%ld is not a finite number, text, blank or #N/A", (long)r, (long)c);
        return -1;
      }
    }
  }
  return 0;
}

void sgt_exception_message(const uno_Any *exc, char *buf, size_t size) {
  buf[0] = '\0';
  if (exc->pType->eTypeClass != typelib_TypeClass_EXCEPTION || size == 0) return;
  rtl_uString *m = *(rtl_uString *const *)exc->pData; /* Exception.Message, at offset 0 */
  rtl_String *utf8 = NULL;
  if (m) rtl_uString2String(&utf8, m->buffer, m->length, RTL_TEXTENCODING_UTF8, OUSTRING_TO_OSTRING_CVTFLAGS);
  if (utf8) {
    snprintf(buf, size, "%s", utf8->buffer);
    rtl_string_release(utf8);
  }
}
