/* store_private.h — what store_admin.c needs of an open store (private to
 * engine/store*.c). The connection stays owned by store.c. */
#ifndef SG_STORE_PRIVATE_H
#define SG_STORE_PRIVATE_H

#include <sqlite3.h>

#include "salesgoal.h"

sqlite3 *sg_store_db(sg_store *st);
const char *sg_store_file(sg_store *st);
/* *err from the connection's last error, as the store's own failures
 * ("DOING PATH: SQLite's reason", code by kind); returns the code. */
int sg_store_fail(sg_store *st, int rc, const char *doing, sg_error *err);

#endif
