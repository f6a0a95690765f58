/* uno_types.h — the UNO type library without soffice, for tests/uno.
 *
 * soffice loads type descriptions from types.rdb, offapi.rdb and the
 * extension's salesgoal.rdb. Here the same registries are printed as IDL text
 * by the SDK's unoidl-read (at build time, see the Makefile), and a
 * typelib callback builds each description on demand from that text with
 * cppu's own C functions, so the add-in sees the types soffice would give it. */
#ifndef SG_TEST_UNO_TYPES_H
#define SG_TEST_UNO_TYPES_H

#include "uno_c.h" /* the SDK's C headers, usable from C11 */

/* New rtl_uString from UTF-8 (never NULL), and equality with ASCII: the
 * add-in's own helpers are hidden inside libsalesgoal.so. */
rtl_uString *sgt_ustring(const char *utf8);
int sgt_equals_ascii(const rtl_uString *s, const char *ascii);

/* Read the unoidl-read output at path and register the callback.
 * Returns 0, or -1 (message on stderr). */
int sgt_types_load(const char *path);

/* Revoke the callback and free the text. */
void sgt_types_unload(void);

/* How many descriptions the callback has built (a test of the loader). */
long sgt_types_built(void);

#endif
