/* uno_c.h — the binary UNO C API headers, usable from C11, plus the
 * conversions the add-in needs between UNO values and salesgoal grids. */
#ifndef SG_UNO_C_H
#define SG_UNO_C_H

/* typelib/typedescription.h (LibreOffice 7.4) ends with C++-only inline
 * helpers written against the struct tag; in C the tag must name the enum. */
#include <stdbool.h>
#include <sal/types.h>
#include <typelib/typeclass.h>
#define _typelib_TypeClass typelib_TypeClass
#include <typelib/typedescription.h>
#undef _typelib_TypeClass
#include <rtl/string.h>
#include <rtl/ustring.h>
#include <uno/any2.h>
#include <uno/data.h>
#include <uno/dispatcher.h>
#include <uno/sequence2.h>

#include "salesgoal.h"
#include "sgf.h"

/* Is the UTF-16 string equal to the ASCII literal? */
bool sgu_equals_ascii(const rtl_uString *s, const char *ascii);

/* New rtl_uString from UTF-8 (never NULL: an empty string on failure). */
rtl_uString *sgu_ustring(const char *utf8);

/* A reference to the named type (acquired; release with
 * typelib_typedescriptionreference_release). */
typelib_TypeDescriptionReference *sgu_type_ref(typelib_TypeClass cls, const char *name);

/* A Calc argument (any) as a grid: void -> omitted, scalar -> 1 x 1,
 * sequence<sequence<...>> -> rows x cols. Returns 0 or -1 (out of memory). */
int sgu_any_to_grid(const uno_Any *value, sgf_grid *grid);

/* A sequence<sequence<...>> (or flat sequence) of type outer_type as a
 * grid; void elements are blank, or error cells when void_is_error. */
int sgu_sequence_to_grid(uno_Sequence *outer, typelib_TypeDescriptionReference *outer_type,
                         int void_is_error, sgf_grid *grid);

/* Type descriptions by name, and "iface::method" member descriptions
 * (acquired, or NULL; release with typelib_typedescription_release). */
typelib_TypeDescription *sgu_type_by_name(const char *name);
typelib_TypeDescription *sgu_method_type(const char *iface, const char *method);

/* Integer member `member` of a struct value of type td, or -1. */
long sgu_struct_int(const typelib_TypeDescription *td, const void *data, const char *member);

/* Construct *ret (uninitialised memory) from a result grid: one cell as a
 * plain value (double, string, #N/A), a range as sequence<sequence<string>>
 * when every cell is text or blank, else as sequence<sequence<any>>.
 * Returns 0, or -1 when out of memory (*ret then unconstructed). */
int sgu_grid_to_result(const sgf_grid *grid, uno_Any *ret);

/* Is the type sequence<sequence<any>> (what Calc passes for a range)? */
bool sgu_is_any_matrix(typelib_TypeDescriptionReference *type);

/* com.sun.star.lang.Locale's description (looked up once; never release it). */
typelib_TypeDescription *sgu_locale_type(void);

/* Days from 1899-12-30 to the NullDate of the calling document (Calc's
 * hidden XPropertySet argument): 0 for the default, 1462 for 1904-01-01.
 * Returns 0, or -1 if the document does not say (offset left unchanged). */
int sgu_document_null_date_offset(uno_Interface *document, double *offset);

/* The calling document's URL (XStorable::getLocation, else XModel::getURL)
 * as UTF-8 into buf: "" for a document never saved. Returns 0, or -1 when the document does not say
 * (buf then ""). */
int sgu_document_url(uno_Interface *document, char *buf, size_t size);

/* Construct a com.sun.star.lang.IllegalArgumentException carrying the
 * UTF-8 message into exc (caller-owned, unconstructed memory). */
void sgu_throw_illegal_argument(uno_Any *exc, const char *utf8_message);

#endif
