/* uno_values.c — UNO values <-> salesgoal grids, strings and exceptions. */
#include "uno_c.h"

#include <osl/interlck.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Type descriptions looked up once per process: they never change while
 * LibreOffice runs, and every lookup takes the type library's global lock.
 * Held until the process ends. */
static pthread_once_t g_types_once = PTHREAD_ONCE_INIT;
static struct {
  typelib_TypeDescription *illegal_argument, *locale, *date, *get_property_value;
  typelib_TypeDescription *query_interface, *get_location, *get_url; /* the document's identity */
  rtl_uString *null_date; /* "NullDate", the property name, made once */
  /* Where Day, Month and Year sit in a com.sun.star.util.Date (-1: unknown) */
  sal_Int32 date_day, date_month, date_year;
  /* The sequence types Calc sends and we return, by reference: an
   * argument's element type is found without a type-library lookup (each
   * takes the library's global lock). */
  typelib_TypeDescriptionReference *any_row, *any_matrix, *string_row, *string_matrix;
  typelib_TypeDescriptionReference *double_row, *double_matrix;
} g_types;

static typelib_TypeDescription *type_by_name(const char *name) {
  typelib_TypeDescription *td = NULL;
  rtl_uString *uname = sgu_ustring(name);
  typelib_typedescription_getByName(&td, uname);
  rtl_uString_release(uname);
  return td;
}

static int sequence_to_grid(uno_Sequence *outer, typelib_TypeDescriptionReference *outer_type,
                            sgf_grid *g);

static void load_types(void) {
  g_types.illegal_argument = type_by_name("com.sun.star.lang.IllegalArgumentException");
  g_types.locale = type_by_name("com.sun.star.lang.Locale");
  g_types.date = type_by_name("com.sun.star.util.Date");
  g_types.get_property_value = sgu_method_type("com.sun.star.beans.XPropertySet", "getPropertyValue");
  g_types.query_interface = sgu_method_type("com.sun.star.uno.XInterface", "queryInterface");
  g_types.get_location = sgu_method_type("com.sun.star.frame.XStorable", "getLocation");
  g_types.get_url = sgu_method_type("com.sun.star.frame.XModel", "getURL");
  g_types.null_date = sgu_ustring("NullDate");
  g_types.date_day = g_types.date_month = g_types.date_year = -1;
  if (g_types.date) {
    const typelib_CompoundTypeDescription *ctd = (const typelib_CompoundTypeDescription *)g_types.date;
    for (sal_Int32 m = 0; m < ctd->nMembers; m++) {
      sal_Int32 *slot = sgu_equals_ascii(ctd->ppMemberNames[m], "Day")     ? &g_types.date_day
                        : sgu_equals_ascii(ctd->ppMemberNames[m], "Month") ? &g_types.date_month
                        : sgu_equals_ascii(ctd->ppMemberNames[m], "Year")  ? &g_types.date_year
                                                                           : NULL;
      typelib_TypeClass cls = ctd->ppTypeRefs[m]->eTypeClass;
      if (slot && (cls == typelib_TypeClass_SHORT || cls == typelib_TypeClass_UNSIGNED_SHORT))
        *slot = ctd->pMemberOffsets[m];
    }
  }
  static const typelib_TypeClass classes[3] = {typelib_TypeClass_ANY, typelib_TypeClass_STRING,
                                               typelib_TypeClass_DOUBLE};
  typelib_TypeDescriptionReference **rows[3] = {&g_types.any_row, &g_types.string_row, &g_types.double_row};
  typelib_TypeDescriptionReference **matrices[3] = {&g_types.any_matrix, &g_types.string_matrix,
                                                    &g_types.double_matrix};
  for (int k = 0; k < 3; k++) {
    typelib_static_sequence_type_init(rows[k], *typelib_static_type_getByTypeClass(classes[k]));
    typelib_static_sequence_type_init(matrices[k], *rows[k]);
  }
}

bool sgu_is_any_matrix(typelib_TypeDescriptionReference *type) {
  pthread_once(&g_types_once, load_types);
  return type == g_types.any_matrix ||
         (g_types.any_matrix && typelib_typedescriptionreference_equals(type, g_types.any_matrix));
}

typelib_TypeDescription *sgu_locale_type(void) {
  pthread_once(&g_types_once, load_types);
  return g_types.locale;
}

bool sgu_equals_ascii(const rtl_uString *s, const char *ascii) {
  size_t n = strlen(ascii);
  if (!s || (size_t)s->length != n) return false;
  for (size_t i = 0; i < n; i++)
    if (s->buffer[i] != (sal_Unicode)(unsigned char)ascii[i]) return false;
  return true;
}

rtl_uString *sgu_ustring(const char *utf8) {
  rtl_uString *s = NULL;
  rtl_string2UString(&s, utf8, (sal_Int32)strlen(utf8), RTL_TEXTENCODING_UTF8,
                     OSTRING_TO_OUSTRING_CVTFLAGS);
  if (!s) rtl_uString_new(&s);
  return s;
}

typelib_TypeDescriptionReference *sgu_type_ref(typelib_TypeClass cls, const char *name) {
  typelib_TypeDescriptionReference *ref = NULL;
  typelib_typedescriptionreference_newByAsciiName(&ref, cls, name);
  return ref;
}

static int set_text_from_ustring(sgf_grid *g, size_t i_cell, rtl_uString *s) {
  if (!s || s->length == 0) return 0; /* Calc sends blank cells as "" */
  /* Short ASCII text (metric names, codes, paths): straight into the grid,
   * without rtl's intermediate string. */
  if (s->length <= 256) {
    char ascii[256];
    sal_Int32 i = 0;
    while (i < s->length && s->buffer[i] < 0x80) {
      ascii[i] = (char)s->buffer[i];
      i++;
    }
    if (i == s->length) return sgf_grid_set_text(g, i_cell, ascii, (size_t)s->length);
  }
  rtl_String *utf8 = NULL;
  rtl_uString2String(&utf8, s->buffer, s->length, RTL_TEXTENCODING_UTF8,
                     OUSTRING_TO_OSTRING_CVTFLAGS);
  if (!utf8) return -1;
  int rc = sgf_grid_set_text(g, i_cell, utf8->buffer, (size_t)utf8->length);
  rtl_string_release(utf8);
  return rc;
}

/* How a void element reads: blank (Calc's arguments), or an error cell
 * (XCellRangeData.getDataArray, which leaves error cells void). */
static _Thread_local int g_void_is_error;

/* One scalar value (pointed to by data, of type class cls) into cell i. */
static int set_scalar(sgf_grid *g, size_t i, typelib_TypeClass cls, const void *data) {
  switch (cls) {
  case typelib_TypeClass_VOID:
    if (g_void_is_error) sgf_grid_set_error(g, i);
    return 0; /* blank */
  case typelib_TypeClass_DOUBLE: sgf_grid_set_number(g, i, *(const double *)data); return 0;
  case typelib_TypeClass_FLOAT: sgf_grid_set_number(g, i, *(const float *)data); return 0;
  case typelib_TypeClass_BOOLEAN: sgf_grid_set_number(g, i, *(const sal_Bool *)data ? 1 : 0); return 0;
  case typelib_TypeClass_BYTE: sgf_grid_set_number(g, i, *(const sal_Int8 *)data); return 0;
  case typelib_TypeClass_SHORT: sgf_grid_set_number(g, i, *(const sal_Int16 *)data); return 0;
  case typelib_TypeClass_UNSIGNED_SHORT: sgf_grid_set_number(g, i, *(const sal_uInt16 *)data); return 0;
  case typelib_TypeClass_LONG: sgf_grid_set_number(g, i, *(const sal_Int32 *)data); return 0;
  case typelib_TypeClass_UNSIGNED_LONG: sgf_grid_set_number(g, i, *(const sal_uInt32 *)data); return 0;
  case typelib_TypeClass_HYPER: sgf_grid_set_number(g, i, (double)*(const sal_Int64 *)data); return 0;
  case typelib_TypeClass_UNSIGNED_HYPER: sgf_grid_set_number(g, i, (double)*(const sal_uInt64 *)data); return 0;
  case typelib_TypeClass_STRING: return set_text_from_ustring(g, i, *(rtl_uString *const *)data);
  case typelib_TypeClass_ANY: {
    const uno_Any *inner = data;
    if (inner->pType->eTypeClass == typelib_TypeClass_ANY ||
        inner->pType->eTypeClass == typelib_TypeClass_SEQUENCE) {
      sgf_grid_set_error(g, i);
      return 0;
    }
    return set_scalar(g, i, inner->pType->eTypeClass, inner->pData);
  }
  default: sgf_grid_set_error(g, i); return 0; /* something we cannot read */
  }
}

/* Size of one element of a sequence of this type: known for the types Calc
 * sends (no type-library lookup), else from the type description. */
static size_t element_size(typelib_TypeDescriptionReference *ref) {
  switch (ref->eTypeClass) {
  case typelib_TypeClass_ANY: return sizeof(uno_Any);
  case typelib_TypeClass_DOUBLE: return sizeof(double);
  case typelib_TypeClass_STRING: return sizeof(rtl_uString *);
  case typelib_TypeClass_SEQUENCE: return sizeof(uno_Sequence *);
  case typelib_TypeClass_LONG: return sizeof(sal_Int32);
  case typelib_TypeClass_BOOLEAN: return sizeof(sal_Bool);
  default: break;
  }
  typelib_TypeDescription *td = NULL;
  typelib_typedescriptionreference_getDescription(&td, ref);
  if (!td) return 0;
  size_t size = (size_t)td->nSize;
  typelib_typedescription_release(td);
  return size;
}

/* Element type of a sequence type (acquired), or NULL. */
static typelib_TypeDescriptionReference *element_type(typelib_TypeDescriptionReference *seq) {
  pthread_once(&g_types_once, load_types);
  typelib_TypeDescriptionReference *known = NULL;
  if (seq == g_types.any_matrix) known = g_types.any_row;
  else if (seq == g_types.string_matrix) known = g_types.string_row;
  else if (seq == g_types.double_matrix) known = g_types.double_row;
  else if (seq == g_types.any_row) known = *typelib_static_type_getByTypeClass(typelib_TypeClass_ANY);
  else if (seq == g_types.string_row) known = *typelib_static_type_getByTypeClass(typelib_TypeClass_STRING);
  else if (seq == g_types.double_row) known = *typelib_static_type_getByTypeClass(typelib_TypeClass_DOUBLE);
  if (known) {
    typelib_typedescriptionreference_acquire(known);
    return known;
  }
  typelib_TypeDescription *td = NULL;
  typelib_typedescriptionreference_getDescription(&td, seq);
  if (!td) return NULL;
  typelib_TypeDescriptionReference *el = ((typelib_IndirectTypeDescription *)td)->pType;
  typelib_typedescriptionreference_acquire(el);
  typelib_typedescription_release(td);
  return el;
}

int sgu_sequence_to_grid(uno_Sequence *outer, typelib_TypeDescriptionReference *outer_type,
                         int void_is_error, sgf_grid *g) {
  g_void_is_error = void_is_error;
  int rc = sequence_to_grid(outer, outer_type, g);
  g_void_is_error = 0;
  return rc;
}

static int sequence_to_grid(uno_Sequence *outer, typelib_TypeDescriptionReference *outer_type,
                            sgf_grid *g) {
  int rc = -1;
  typelib_TypeDescriptionReference *row_type = element_type(outer_type), *cell_type = NULL;
  if (!row_type) return -1;
  if (row_type->eTypeClass != typelib_TypeClass_SEQUENCE) {
    /* A flat sequence: one row. */
    size_t size = element_size(row_type);
    if (size == 0 || sgf_grid_init(g, outer->nElements ? 1 : 0, (size_t)outer->nElements) != 0)
      goto done;
    for (sal_Int32 c = 0; c < outer->nElements; c++)
      if (set_scalar(g, (size_t)c, row_type->eTypeClass, outer->elements + (size_t)c * size) != 0)
        goto done;
    rc = 0;
    goto done;
  }
  cell_type = element_type(row_type);
  size_t size = cell_type ? element_size(cell_type) : 0;
  if (size == 0) goto done;
  uno_Sequence **rows = (uno_Sequence **)(void *)outer->elements;
  size_t nrows = (size_t)outer->nElements, ncols = 0;
  for (size_t r = 0; r < nrows; r++)
    if ((size_t)rows[r]->nElements > ncols) ncols = (size_t)rows[r]->nElements;
  if (sgf_grid_init(g, ncols ? nrows : 0, ncols) != 0) goto done;
  for (size_t r = 0; r < nrows && ncols; r++)
    for (sal_Int32 c = 0; c < rows[r]->nElements; c++)
      if (set_scalar(g, r * ncols + (size_t)c, cell_type->eTypeClass,
                     rows[r]->elements + (size_t)c * size) != 0)
        goto done;
  rc = 0;
done:
  if (rc != 0) sgf_grid_free(g);
  if (cell_type) typelib_typedescriptionreference_release(cell_type);
  typelib_typedescriptionreference_release(row_type);
  return rc;
}

int sgu_any_to_grid(const uno_Any *value, sgf_grid *grid) {
  typelib_TypeClass cls = value->pType->eTypeClass;
  if (cls == typelib_TypeClass_VOID) {
    sgf_grid_init_omitted(grid);
    return 0;
  }
  if (cls == typelib_TypeClass_SEQUENCE)
    return sequence_to_grid(*(uno_Sequence **)value->pData, value->pType, grid);
  if (sgf_grid_init(grid, 1, 1) != 0) return -1;
  if (set_scalar(grid, 0, cls, value->pData) != 0) {
    sgf_grid_free(grid);
    return -1;
  }
  return 0;
}

/* Assign one result cell into an any: numbers as double, text as string,
 * blank as empty string (so an array shows an empty-looking cell). */
static void cell_to_any(const sgf_cell *cell, uno_Any *dst) {
  typelib_TypeDescriptionReference **dbl = typelib_static_type_getByTypeClass(typelib_TypeClass_DOUBLE);
  typelib_TypeDescriptionReference **str = typelib_static_type_getByTypeClass(typelib_TypeClass_STRING);
  if (cell->kind == SGF_NUMBER) {
    double d = cell->number;
    uno_type_any_assign(dst, &d, *dbl, NULL, NULL);
  } else if (cell->kind == SGF_ERROR) {
    /* Calc reads a NaN whose low payload bits hold an error code as that
     * error; 0x7FFF is FormulaError::NotAvailable, shown as #N/A. (A void
     * element would show as an empty cell.) */
    union { uint64_t bits; double value; } not_available = {.bits = 0x7FF8000000007FFFull};
    double d = not_available.value;
    uno_type_any_assign(dst, &d, *dbl, NULL, NULL);
  } else {
    rtl_uString *s = sgu_ustring(cell->kind == SGF_TEXT && cell->text ? cell->text : "");
    uno_type_any_assign(dst, &s, *str, NULL, NULL);
    rtl_uString_release(s);
  }
}

/* sequence<sequence<T>> type for T = any, string or double (static, never released). */
static typelib_TypeDescriptionReference *matrix_type(typelib_TypeClass element,
                                                     typelib_TypeDescriptionReference **row_type) {
  pthread_once(&g_types_once, load_types);
  if (element == typelib_TypeClass_STRING) {
    *row_type = g_types.string_row;
    return g_types.string_matrix;
  }
  if (element == typelib_TypeClass_DOUBLE) {
    *row_type = g_types.double_row;
    return g_types.double_matrix;
  }
  *row_type = g_types.any_row;
  return g_types.any_matrix;
}

/* A number, or #N/A as Calc's error-coded NaN (see cell_to_any). */
static double cell_double(const sgf_cell *cell) {
  if (cell->kind == SGF_NUMBER) return cell->number;
  union { uint64_t bits; double value; } not_available = {.bits = 0x7FF8000000007FFFull};
  return not_available.value;
}

static int row_is_blank(const sgf_grid *grid, size_t r) {
  for (size_t c = 0; c < grid->cols; c++)
    if (grid->cells[r * grid->cols + c].kind != SGF_BLANK) return 0;
  return 1;
}

/* Build the rows x cols matrix; elements are any or string. A row of blank
 * cells (after the first row, which sets the width) is one shared empty
 * row: Calc pads short rows with empty cells (an empty string in a
 * [][]string result, an empty element in a [][]any one), so a whole-column
 * result that is mostly blank costs a reference count per blank row, not a
 * row and its strings (SG_ALERT(A:A): a million rows). */
static int build_matrix(const sgf_grid *grid, typelib_TypeClass element, uno_Sequence **ret) {
  typelib_TypeDescriptionReference *row_type = NULL;
  typelib_TypeDescriptionReference *type = matrix_type(element, &row_type);
  *ret = NULL;
  if (!uno_type_sequence_construct(ret, type, NULL, (sal_Int32)grid->rows, NULL)) return -1;
  uno_Sequence **rows = (uno_Sequence **)(void *)(*ret)->elements;
  uno_Sequence *empty_row = NULL;
  if (!uno_type_sequence_construct(&empty_row, row_type, NULL, 0, NULL)) {
    uno_type_destructData(ret, type, NULL);
    *ret = NULL;
    return -1;
  }
  for (size_t r = 0; r < grid->rows; r++) {
    uno_Sequence *row = NULL;
    if (r > 0 && row_is_blank(grid, r)) {
      osl_atomic_increment(&empty_row->nRefCount);
      uno_type_destructData(&rows[r], row_type, NULL); /* the default empty row */
      rows[r] = empty_row;
      continue;
    }
    if (!uno_type_sequence_construct(&row, row_type, NULL, (sal_Int32)grid->cols, NULL)) {
      uno_type_destructData(&empty_row, row_type, NULL);
      uno_type_destructData(ret, type, NULL);
      *ret = NULL;
      return -1;
    }
    for (size_t c = 0; c < grid->cols; c++) {
      const sgf_cell *cell = &grid->cells[r * grid->cols + c];
      if (element == typelib_TypeClass_DOUBLE) {
        ((double *)(void *)row->elements)[c] = cell_double(cell);
      } else if (element == typelib_TypeClass_STRING) {
        if (cell->kind != SGF_TEXT || !cell->text) continue; /* stays the default "" */
        rtl_uString **slot = (rtl_uString **)(void *)row->elements + c;
        rtl_uString *text = sgu_ustring(cell->text);
        rtl_uString_release(*slot); /* the default empty string */
        *slot = text;
      } else {
        cell_to_any(cell, (uno_Any *)(void *)row->elements + c);
      }
    }
    uno_type_destructData(&rows[r], row_type, NULL); /* the default empty row */
    rows[r] = row;
  }
  uno_type_destructData(&empty_row, row_type, NULL);
  return 0;
}

int sgu_grid_to_result(const sgf_grid *grid, uno_Any *ret) {
  if (sgf_grid_size(grid) <= 1) {
    uno_any_construct(ret, NULL, NULL, NULL);
    if (sgf_grid_size(grid) == 1) cell_to_any(&grid->cells[0], ret);
    return 0;
  }
  /* Calc 7.4 keeps the text of a mixed ([][]any) result un-interned, so
   * ="RED" and COUNTIF never match it; a [][]string result compares as
   * text should. Use it whenever every cell is text (or blank). */
  /* A result of numbers and #N/A only (the common case) goes as
   * [][]double: Calc puts each element straight into its matrix
   * (ScUnoAddInCall::SetResult), where [][]any costs an any per cell on
   * both sides. Error-coded NaNs read as the same errors either way. */
  size_t numeric = 0;
  for (size_t i = 0; i < sgf_grid_size(grid); i++)
    if (grid->cells[i].kind == SGF_NUMBER || grid->cells[i].kind == SGF_ERROR) numeric++;
  typelib_TypeClass element = numeric == sgf_grid_size(grid) ? typelib_TypeClass_DOUBLE
                              : numeric == 0                 ? typelib_TypeClass_STRING
                                                             : typelib_TypeClass_ANY;
  uno_Sequence *matrix = NULL;
  if (build_matrix(grid, element, &matrix) != 0) return -1;
  typelib_TypeDescriptionReference *row_type = NULL;
  typelib_TypeDescriptionReference *type = matrix_type(element, &row_type);
  uno_type_any_construct(ret, &matrix, type, NULL); /* acquires the matrix */
  uno_type_destructData(&matrix, type, NULL);
  return 0;
}

void sgu_throw_illegal_argument(uno_Any *exc, const char *utf8_message) {
  pthread_once(&g_types_once, load_types);
  typelib_TypeDescription *td = g_types.illegal_argument;
  void *mem = td ? calloc(1, (size_t)td->nSize) : NULL;
  if (!mem) { /* no type library or no memory: the caller still sees a failure */
    uno_any_construct(exc, NULL, NULL, NULL);
    return;
  }
  uno_constructData(mem, td);
  /* Exception.Message is the first member of the root base, at offset 0. */
  const typelib_CompoundTypeDescription *root = (const typelib_CompoundTypeDescription *)td;
  while (root->pBaseTypeDescription) root = root->pBaseTypeDescription;
  rtl_uString **message = (rtl_uString **)(void *)((char *)mem + root->pMemberOffsets[0]);
  rtl_uString *text = sgu_ustring(utf8_message);
  rtl_uString_assign(message, text);
  rtl_uString_release(text);
  uno_any_construct(exc, mem, td, NULL);
  uno_destructData(mem, td, NULL);
  free(mem);
}

typelib_TypeDescription *sgu_type_by_name(const char *name) { return type_by_name(name); }

/* The member description "iface::method", or NULL. */
typelib_TypeDescription *sgu_method_type(const char *iface, const char *method) {
  typelib_TypeDescription *itd = type_by_name(iface), *mtd = NULL;
  if (!itd) return NULL;
  if (!itd->bComplete) typelib_typedescription_complete(&itd);
  const typelib_InterfaceTypeDescription *it = (const typelib_InterfaceTypeDescription *)itd;
  size_t ni = strlen(iface), nm = strlen(method);
  for (sal_Int32 i = 0; i < it->nAllMembers && !mtd; i++) {
    const rtl_uString *full = it->ppAllMembers[i]->pTypeName;
    if ((size_t)full->length != ni + 2 + nm) continue;
    bool same = true;
    for (size_t k = 0; k < nm && same; k++)
      same = full->buffer[ni + 2 + k] == (sal_Unicode)method[k];
    if (same) typelib_typedescriptionreference_getDescription(&mtd, it->ppAllMembers[i]);
  }
  typelib_typedescription_release(itd);
  return mtd;
}

/* Value of the struct member `member` (an integer type) in data. */
long sgu_struct_int(const typelib_TypeDescription *td, const void *data, const char *member) {
  const typelib_CompoundTypeDescription *ctd = (const typelib_CompoundTypeDescription *)td;
  for (sal_Int32 m = 0; m < ctd->nMembers; m++) {
    if (!sgu_equals_ascii(ctd->ppMemberNames[m], member)) continue;
    const char *p = (const char *)data + ctd->pMemberOffsets[m];
    switch (ctd->ppTypeRefs[m]->eTypeClass) {
    case typelib_TypeClass_SHORT: return *(const sal_Int16 *)(const void *)p;
    case typelib_TypeClass_UNSIGNED_SHORT: return *(const sal_uInt16 *)(const void *)p;
    case typelib_TypeClass_LONG: return *(const sal_Int32 *)(const void *)p;
    default: return -1;
    }
  }
  return -1;
}

int sgu_document_null_date_offset(uno_Interface *document, double *offset) {
  pthread_once(&g_types_once, load_types);
  typelib_TypeDescription *get = g_types.get_property_value;
  if (!document || !get || !g_types.null_date || g_types.date_day < 0 || g_types.date_month < 0 ||
      g_types.date_year < 0)
    return -1;
  uno_Any value, exc_memory, *exc = &exc_memory;
  void *args[1] = {&g_types.null_date};
  (*document->pDispatcher)(document, get, &value, args, &exc);
  if (exc) {
    uno_any_destruct(exc, NULL);
    return -1;
  }
  int rc = -1;
  if (value.pType->eTypeClass == typelib_TypeClass_STRUCT &&
      sgu_equals_ascii(value.pType->pTypeName, "com.sun.star.util.Date")) {
    const char *date = value.pData;
    long day = *(const sal_uInt16 *)(const void *)(date + g_types.date_day);
    long month = *(const sal_uInt16 *)(const void *)(date + g_types.date_month);
    long year = *(const sal_Int16 *)(const void *)(date + g_types.date_year);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
      /* The engine's serials count from 1899-12-30, so the NullDate's own
       * serial is the offset. */
      *offset = (double)sg_date_serial((int)year, (int)month, (int)day);
      rc = 0;
    }
  }
  uno_any_destruct(&value, NULL);
  return rc;
}

/* A string-returning method without arguments of interface iface on the
 * document, as UTF-8 into buf. Returns 0 (buf may be "") or -1. */
static int document_string(uno_Interface *document, const char *iface,
                           typelib_TypeDescription *method, char *buf, size_t size) {
  typelib_TypeDescription *query = g_types.query_interface;
  buf[0] = '\0';
  if (!query || !method) return -1;
  typelib_TypeDescriptionReference *type = sgu_type_ref(typelib_TypeClass_INTERFACE, iface);
  uno_Any found, exc_memory, *exc = &exc_memory;
  void *qargs[1] = {&type};
  (*document->pDispatcher)(document, query, &found, qargs, &exc);
  typelib_typedescriptionreference_release(type);
  if (exc) {
    uno_any_destruct(exc, NULL);
    return -1;
  }
  int rc = -1;
  if (found.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
    uno_Interface *m = *(uno_Interface **)found.pData;
    rtl_uString *text = NULL;
    exc = &exc_memory;
    if (m) (*m->pDispatcher)(m, method, &text, NULL, &exc);
    if (m && exc) {
      uno_any_destruct(exc, NULL);
    } else if (m && text) {
      rtl_String *utf8 = NULL;
      rtl_uString2String(&utf8, text->buffer, text->length, RTL_TEXTENCODING_UTF8,
                         OUSTRING_TO_OSTRING_CVTFLAGS);
      /* Text that does not fit, or holds a NUL, is no identity at all. */
      if (utf8 && (size_t)utf8->length < size && !memchr(utf8->buffer, 0, (size_t)utf8->length)) {
        memcpy(buf, utf8->buffer, (size_t)utf8->length + 1);
        rc = 0;
      }
      if (utf8) rtl_string_release(utf8);
      rtl_uString_release(text);
    }
  }
  uno_any_destruct(&found, NULL);
  return rc;
}

/* XStorable::getLocation is the file being loaded already while Calc
 * recalculates on load (XModel::getURL is set only once loading ends, and
 * a hostile workbook acts on load); getURL is the fallback. */
int sgu_document_url(uno_Interface *document, char *buf, size_t size) {
  pthread_once(&g_types_once, load_types);
  if (size) buf[0] = '\0';
  if (!document || size == 0) return -1;
  if (document_string(document, "com.sun.star.frame.XStorable", g_types.get_location, buf, size) == 0 &&
      buf[0])
    return 0;
  return document_string(document, "com.sun.star.frame.XModel", g_types.get_url, buf, size);
}
