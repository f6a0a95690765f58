/* uno_fake.h — what tests/uno hands the add-in in place of Calc: a calling
 * document, a cell that answers nothing, and argument values built with the
 * UNO C runtime, with a census of their reference counts. */
#ifndef SG_TEST_UNO_FAKE_H
#define SG_TEST_UNO_FAKE_H

#include "uno_types.h"

/* ------------------------------------------------------------ objects */

enum { SGT_MUTE = 0, SGT_DOCUMENT = 1, SGT_CELL = 2 };

typedef struct sgt_object {
  uno_Interface uno;   /* first: the object is its own interface */
  long refcount;       /* starts at 1 (the test's reference) */
  int kind;            /* SGT_DOCUMENT, SGT_CELL, or SGT_MUTE (offers nothing) */
  char url[256];       /* a document's URL (XStorable::getLocation, XModel::getURL);
                          a cell's formula (XCell::getFormula) */
  int error_code;      /* a cell's XCell::getError */
  int null_date_1904;  /* NullDate 1904-01-01 instead of 1899-12-30 */
  long property_reads; /* getPropertyValue("NullDate") calls */
} sgt_object;

/* A document (XPropertySet, XStorable, XModel) saved at url; a cell on
 * sheet "Plan" holding formula url (XCellRange, XCell, XSheetCellRange; it
 * is its own sheet too: XNamed); or a mute object (every queryInterface
 * void, every other call raises). */
void sgt_object_init(sgt_object *o, int kind, const char *url);

/* ------------------------------------------------------------ values */

typedef enum { TV_END = 0, TV_DOUBLE, TV_STRING, TV_VOID, TV_BOOL, TV_LONG, TV_NESTED } tv_kind;
typedef struct tv { /* one cell of a test value */
  tv_kind kind;
  double d;
  const char *s; /* UTF-8; TV_STRING with s == NULL is text holding a NUL */
} tv;

/* The [][]any Calc passes for a range: rows x cols cells from cells[]
 * (row-major; cols_of_row, if given, makes rows ragged). Never NULL. */
uno_Sequence *sgt_matrix(size_t rows, size_t cols, const tv *cells, const size_t *cols_of_row);

/* The [][]any type, the []any type (static). */
typelib_TypeDescriptionReference *sgt_matrix_type(void);

/* An any holding the matrix (acquires it), a double, a string, or void. */
void sgt_any_matrix(uno_Any *a, uno_Sequence *m);
void sgt_any_double(uno_Any *a, double d);
void sgt_any_string(uno_Any *a, const char *utf8);

/* ------------------------------------------------------------ census */

/* Every string and sequence reachable from a value, with its count. */
typedef struct sgt_census {
  size_t n, cap;
  struct { const void *p; sal_Int32 count; int is_string, outer; } *items;
} sgt_census;

/* References the add-in's fill-down memo may hold on one argument range
 * (MEMO_ENTRIES in addin/memo.c). */
#define SGT_MEMO_HOLDS 4

/* Add the value at data (of type) to c. */
void sgt_census_add(sgt_census *c, const void *data, typelib_TypeDescriptionReference *type);
/* Take the counts now: values may share a sequence (every empty one is
 * the runtime's shared empty sequence), so count after building them all. */
void sgt_census_seal(sgt_census *c);
/* 0 when every count in c is unchanged; else -1 after printing what moved. */
int sgt_census_check(const sgt_census *c, const char *what);
void sgt_census_free(sgt_census *c);

/* ------------------------------------------------------------ checks */

/* Is the result any well-formed for Calc: void, double, string, or a
 * [][]any / [][]string matrix whose rows are all there and whose cells are
 * double, string or void? Returns 0, or -1 with the reason in why. */
int sgt_result_is_well_formed(const uno_Any *result, char *why, size_t size);

/* The Message of an exception any (UTF-8 into buf), and its type name. */
void sgt_exception_message(const uno_Any *exc, char *buf, size_t size);

#endif
