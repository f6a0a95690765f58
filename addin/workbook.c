/* workbook.c — the workbook as SG_WHY sees it: a cell's formula and error,
 * and the values of references, read through Calc's own API (XCellRange,
 * XCell, XCellRangeData, XSpreadsheetDocument) from the binary UNO C side.
 * Every interface is reached with queryInterface: a proxy only dispatches
 * the members of its own interface. */
#include "workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Call iface::method on obj (which must be that interface). ret is
 * caller memory for the result (NULL for void). Returns 0, or -1 when the
 * member is unknown or the call raised (the exception is dropped). */
static int call(uno_Interface *obj, const char *iface, const char *method, void *ret,
                void **args) {
  if (!obj) return -1;
  typelib_TypeDescription *td = sgu_method_type(iface, method);
  if (!td) return -1;
  uno_Any exc_memory, *exc = &exc_memory;
  char dummy[16];
  (*obj->pDispatcher)(obj, td, ret ? ret : dummy, args, &exc);
  typelib_typedescription_release(td);
  if (exc) {
    uno_any_destruct(exc, NULL);
    return -1;
  }
  return 0;
}

/* obj queried for iface: an acquired interface, or NULL. */
static uno_Interface *query(uno_Interface *obj, const char *iface) {
  if (!obj) return NULL;
  typelib_TypeDescriptionReference *type = sgu_type_ref(typelib_TypeClass_INTERFACE, iface);
  uno_Any ret;
  void *args[1] = {&type};
  uno_Interface *found = NULL;
  if (call(obj, "com.sun.star.uno.XInterface", "queryInterface", &ret, args) == 0) {
    if (ret.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
      found = *(uno_Interface **)ret.pData;
      if (found) (*found->acquire)(found);
    }
    uno_any_destruct(&ret, NULL);
  }
  typelib_typedescriptionreference_release(type);
  return found;
}

static void release(uno_Interface *i) {
  if (i) (*i->release)(i);
}

/* An rtl_uString as UTF-8 into buf. */
static void to_utf8(rtl_uString *s, char *buf, size_t size) {
  buf[0] = '\0';
  if (!s || size == 0) return;
  rtl_String *utf8 = NULL;
  rtl_uString2String(&utf8, s->buffer, s->length, RTL_TEXTENCODING_UTF8, OUSTRING_TO_OSTRING_CVTFLAGS);
  if (!utf8) return;
  snprintf(buf, size, "%s", utf8->buffer);
  rtl_string_release(utf8);
}

/* XCellRange::getCellByPosition as an XCell (acquired), or NULL. */
static uno_Interface *cell_at(uno_Interface *range, long col, long row) {
  sal_Int32 c = (sal_Int32)col, r = (sal_Int32)row;
  void *args[2] = {&c, &r};
  uno_Interface *cell = NULL;
  if (call(range, "com.sun.star.table.XCellRange", "getCellByPosition", &cell, args) != 0) return NULL;
  uno_Interface *xcell = query(cell, "com.sun.star.table.XCell");
  release(cell);
  return xcell;
}

static int cell_error_code(uno_Interface *xcell, int *error) {
  sal_Int32 code = 0;
  if (call(xcell, "com.sun.star.table.XCell", "getError", &code, NULL) != 0) return -1;
  *error = (int)code;
  return 0;
}

/* The sheet (as XCellRange, acquired) that holds range, and its name. */
static uno_Interface *sheet_of(uno_Interface *range, char *name, size_t size) {
  uno_Interface *sheet_range = query(range, "com.sun.star.sheet.XSheetCellRange");
  uno_Interface *sheet = NULL;
  call(sheet_range, "com.sun.star.sheet.XSheetCellRange", "getSpreadsheet", &sheet, NULL);
  release(sheet_range);
  if (!sheet) return NULL;
  uno_Interface *named = query(sheet, "com.sun.star.container.XNamed");
  rtl_uString *s = NULL;
  if (call(named, "com.sun.star.container.XNamed", "getName", &s, NULL) == 0) {
    to_utf8(s, name, size);
    rtl_uString_release(s);
  }
  release(named);
  uno_Interface *as_range = query(sheet, "com.sun.star.table.XCellRange");
  release(sheet);
  return as_range;
}

/* The document's sheet called name, as XCellRange (acquired), or NULL. */
static uno_Interface *sheet_named(sgu_workbook *wb, const char *name) {
  if (strcmp(name, wb->sheet_name) == 0 && wb->sheet) {
    (*wb->sheet->acquire)(wb->sheet);
    return wb->sheet;
  }
  uno_Interface *doc = query(wb->document, "com.sun.star.sheet.XSpreadsheetDocument");
  uno_Interface *sheets = NULL, *found = NULL;
  call(doc, "com.sun.star.sheet.XSpreadsheetDocument", "getSheets", &sheets, NULL);
  release(doc);
  uno_Interface *access = query(sheets, "com.sun.star.container.XNameAccess");
  release(sheets);
  rtl_uString *uname = sgu_ustring(name);
  uno_Any value;
  void *args[1] = {&uname};
  if (call(access, "com.sun.star.container.XNameAccess", "getByName", &value, args) == 0) {
    if (value.pType->eTypeClass == typelib_TypeClass_INTERFACE)
      found = query(*(uno_Interface **)value.pData, "com.sun.star.table.XCellRange");
    uno_any_destruct(&value, NULL);
  }
  rtl_uString_release(uname);
  release(access);
  return found;
}

/* ------------------------------------------------------------ sgf_host */

static int host_target(void *ctx, size_t argi, char *formula, size_t size, int *error) {
  sgu_workbook *wb = ctx;
  if (argi >= SGU_MAX_CELL_ARGS || !wb->cells[argi]) return -1;
  uno_Interface *xcell = cell_at(wb->cells[argi], 0, 0);
  if (!xcell) return -1;
  int rc = cell_error_code(xcell, error);
  rtl_uString *s = NULL;
  if (rc == 0 && call(xcell, "com.sun.star.table.XCell", "getFormula", &s, NULL) == 0) {
    to_utf8(s, formula, size);
    rtl_uString_release(s);
  } else {
    rc = -1;
  }
  release(xcell);
  /* Unqualified references in that formula are on the target's sheet. */
  if (rc == 0 && !wb->sheet) wb->sheet = sheet_of(wb->cells[argi], wb->sheet_name, sizeof wb->sheet_name);
  return rc;
}

/* Refuse to copy more than this many cells (a whole column is 1,048,576). */
#define MAX_READ_CELLS 2100000L

static int host_read(void *ctx, const char *sheet, const char *range, sgf_grid *grid,
                     sgf_origin *origin) {
  sgu_workbook *wb = ctx;
  uno_Interface *on = sheet ? sheet_named(wb, sheet) : wb->sheet;
  if (!sheet && on) (*on->acquire)(on);
  if (!on) return -1;
  rtl_uString *uname = sgu_ustring(range);
  void *args[1] = {&uname};
  uno_Interface *cells = NULL;
  int rc = call(on, "com.sun.star.table.XCellRange", "getCellRangeByName", &cells, args);
  rtl_uString_release(uname);
  release(on);
  if (rc != 0 || !cells) return -1;
  rc = -1;
  /* Where it is: CellRangeAddress {Sheet, StartColumn, StartRow, EndColumn, EndRow}. */
  uno_Interface *addressable = query(cells, "com.sun.star.sheet.XCellRangeAddressable");
  typelib_TypeDescription *addr_td = sgu_type_by_name("com.sun.star.table.CellRangeAddress");
  void *addr = addr_td ? calloc(1, (size_t)addr_td->nSize) : NULL;
  if (addr && call(addressable, "com.sun.star.sheet.XCellRangeAddressable", "getRangeAddress",
                   addr, NULL) == 0) {
    long c0 = sgu_struct_int(addr_td, addr, "StartColumn"), r0 = sgu_struct_int(addr_td, addr, "StartRow");
    long c1 = sgu_struct_int(addr_td, addr, "EndColumn"), r1 = sgu_struct_int(addr_td, addr, "EndRow");
    memset(origin, 0, sizeof *origin);
    snprintf(origin->sheet, sizeof origin->sheet, "%s", sheet ? sheet : wb->sheet_name);
    origin->col = c0;
    origin->row = r0;
    origin->known = c0 >= 0 && r0 >= 0;
    if (origin->known && (c1 - c0 + 1) * (r1 - r0 + 1) <= MAX_READ_CELLS) rc = 0;
    uno_destructData(addr, addr_td, NULL);
  }
  free(addr);
  if (addr_td) typelib_typedescription_release(addr_td);
  release(addressable);
  if (rc == 0) {
    rc = -1;
    uno_Interface *data = query(cells, "com.sun.star.sheet.XCellRangeData");
    uno_Sequence *seq = NULL;
    if (call(data, "com.sun.star.sheet.XCellRangeData", "getDataArray", &seq, NULL) == 0 && seq) {
      typelib_TypeDescriptionReference *any_row = NULL, *matrix = NULL;
      typelib_static_sequence_type_init(&any_row, *typelib_static_type_getByTypeClass(typelib_TypeClass_ANY));
      typelib_static_sequence_type_init(&matrix, any_row);
      rc = sgu_sequence_to_grid(seq, matrix, 1, grid); /* error cells come back void */
      uno_type_destructData(&seq, matrix, NULL);
    }
    release(data);
  }
  release(cells);
  return rc;
}

static int host_cell_error(void *ctx, const sgf_origin *origin, long row, long col, int *error) {
  sgu_workbook *wb = ctx;
  uno_Interface *sheet = sheet_named(wb, origin->sheet);
  uno_Interface *xcell = cell_at(sheet, col, row);
  release(sheet);
  int rc = xcell ? cell_error_code(xcell, error) : -1;
  release(xcell);
  return rc;
}

void sgu_workbook_init(sgu_workbook *wb, uno_Interface *document) {
  memset(wb, 0, sizeof *wb);
  wb->document = document;
  wb->host.ctx = wb;
  wb->host.target = host_target;
  wb->host.read = host_read;
  wb->host.cell_error = host_cell_error;
}

void sgu_workbook_done(sgu_workbook *wb) {
  release(wb->sheet);
  wb->sheet = NULL;
}
