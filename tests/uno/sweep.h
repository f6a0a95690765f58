/* sweep.h — the catalogue through the UNO boundary (tests/uno). */
#ifndef SG_TEST_UNO_SWEEP_H
#define SG_TEST_UNO_SWEEP_H

#include "uno_call.h"

/* The type library's XFunctions agrees with the catalogue: one method per
 * function at the position the dispatcher expects, parameter types by the
 * optional flags, help in en-US and zh-CN for every function and argument. */
void sweep_catalogue_matches_types(void);

/* Results worked out by hand, through real UNO values. */
void sweep_worked_examples(uno_Interface *addin);

/* The snapshot functions with a calling document (its URL and NullDate). */
void sweep_store(uno_Interface *addin, const char *dir);

/* Every function with hostile arguments, in English and Chinese: each
 * shape in every argument at once, then in each argument alone (quick:
 * the latter in English only). */
void sweep_hostile(uno_Interface *addin, int quick);

/* calls calls over every function; with check_rss, resident memory after
 * a warm-up and at the end must agree within a small slack. */
void sweep_endurance(uno_Interface *addin, long calls, int check_rss);

#endif
