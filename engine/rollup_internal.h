/* rollup_internal.h — SG_ROLLUP's two ways of answering "^prefix"
 * patterns (engine/rollup.c), exposed for the bench and the tests only. */
#ifndef SG_ROLLUP_INTERNAL_H
#define SG_ROLLUP_INTERNAL_H

#include "salesgoal.h"

typedef enum {
  SG_ROLLUP_CHOOSE = 0, /* by the measured cost model (sg_rollup_index_pays) */
  SG_ROLLUP_SCAN,       /* compare each row's path with each prefix */
  SG_ROLLUP_INDEX       /* sort the rows by path once, binary-search each prefix */
} sg_rollup_way;

/* sg_rollup, with the way forced (answers are the same bit for bit). */
int sg_rollup_by(sg_regex_cache *cache, const sg_rollup_input *in, sg_rollup_way way, double *out,
                 sg_error *err);

/* Does sorting nrows live rows pay for npatterns patterns? */
int sg_rollup_index_pays(size_t nrows, size_t npatterns);

#endif
