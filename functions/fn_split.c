/* fn_split.c — SG_SPLIT and SG_BLEND: cell grids in, engine call, grid out. */
#include "sgf_internal.h"

#include <math.h>
#include <stdlib.h>

/* Argument positions are the engine's, which names them in sg_error.arg. */
enum {
  SPLIT_TOTAL = SG_SPLIT_ARG_TOTAL,
  SPLIT_WEIGHTS = SG_SPLIT_ARG_WEIGHTS,
  SPLIT_UNIT = SG_SPLIT_ARG_UNIT,
  SPLIT_FLOORS = SG_SPLIT_ARG_FLOORS,
  SPLIT_CAPS = SG_SPLIT_ARG_CAPS,
  SPLIT_LOCKED = SG_SPLIT_ARG_LOCKED
};

/* Read an optional per-cell argument (one value for all, or shaped like
 * weights) into out[n]; *present is 0 when omitted. */
static int read_per_cell(sgf_call *call, const sgf_grid *args, size_t argi, size_t n,
                         sgf_blank_policy blanks, int allow_single, double *out, int *present) {
  *present = 0;
  if (args[argi].omitted) return 0;
  if (sgf_arg_same_shape(call, args, argi, SPLIT_WEIGHTS, allow_single) != 0) return -1;
  if (sgf_arg_numbers(call, args, argi, blanks, out) != 0) return -1;
  if (sgf_grid_size(&args[argi]) == 1)
    for (size_t i = 1; i < n; i++) out[i] = out[0];
  *present = 1;
  return 0;
}

int sgf_impl_split(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  const sgf_grid *weights_grid = &args[SPLIT_WEIGHTS];
  size_t n = sgf_grid_size(weights_grid);
  sg_split_input in = {.n = n};
  if (sgf_arg_scalar(call, args, SPLIT_TOTAL, 0, 0.0, &in.total) != 0) return -1;
  if (sgf_arg_scalar(call, args, SPLIT_UNIT, 1, 0.0, &in.unit) != 0) return -1;

  double *buf = malloc(5 * (n ? n : 1) * sizeof(double));
  if (!buf) return sgf_fail_nomem(call);
  double *weights = buf, *floors = buf + n, *caps = buf + 2 * n, *locked = buf + 3 * n;
  double *out = buf + 4 * n;
  int rc = -1, has_floors, has_caps, has_locked;
  if (sgf_arg_numbers(call, args, SPLIT_WEIGHTS, SGF_BLANK_ZERO, weights) != 0) goto done;
  if (read_per_cell(call, args, SPLIT_FLOORS, n, SGF_BLANK_ZERO, 1, floors, &has_floors) != 0)
    goto done;
  if (read_per_cell(call, args, SPLIT_CAPS, n, SGF_BLANK_INF, 1, caps, &has_caps) != 0) goto done;
  /* A lock belongs to one cell: one lock for a whole range would make no sense. */
  if (read_per_cell(call, args, SPLIT_LOCKED, n, SGF_BLANK_NAN, 0, locked, &has_locked) != 0)
    goto done;
  in.weights = weights;
  in.floors = has_floors ? floors : NULL;
  in.caps = has_caps ? caps : NULL;
  in.locked = has_locked ? locked : NULL;

  sg_error err;
  if (sg_split(&in, out, &err) != SG_OK) {
    sgf_fail_engine(call, &err, args);
    goto done;
  }
  rc = sgf_result_numbers(call, weights_grid, out, result);
done:
  free(buf);
  return rc;
}

enum {
  BLEND_W1 = SG_BLEND_ARG_WEIGHTS1,
  BLEND_W2 = SG_BLEND_ARG_WEIGHTS2,
  BLEND_MIX = SG_BLEND_ARG_MIX
};

int sgf_impl_blend(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double mix;
  if (sgf_arg_scalar(call, args, BLEND_MIX, 0, 0.0, &mix) != 0) return -1;
  if (!(mix >= 0.0 && mix <= 1.0)) {
    sgf_vars vars = {.v = mix};
    return sgf_fail_vars(call, BLEND_MIX,
                         "must be between 0 and 1 (1 = only weights1, 0 = only weights2), got {v}.",
                         "必须介于 0 和 1 之间（1 = 只用权重1，0 = 只用权重2），实际为 {v}。", &vars);
  }
  if (sgf_arg_same_shape(call, args, BLEND_W2, BLEND_W1, 0) != 0) return -1;
  size_t n = sgf_grid_size(&args[BLEND_W1]);
  double *buf = malloc(3 * (n ? n : 1) * sizeof(double));
  if (!buf) return sgf_fail_nomem(call);
  double *w1 = buf, *w2 = buf + n, *out = buf + 2 * n;
  int rc = -1;
  if (sgf_arg_numbers(call, args, BLEND_W1, SGF_BLANK_ZERO, w1) != 0) goto done;
  if (sgf_arg_numbers(call, args, BLEND_W2, SGF_BLANK_ZERO, w2) != 0) goto done;
  sg_error err;
  if (sg_blend(n, w1, w2, mix, out, &err) != SG_OK) {
    sgf_fail_engine(call, &err, args);
    goto done;
  }
  rc = sgf_result_numbers(call, &args[BLEND_W1], out, result);
done:
  free(buf);
  return rc;
}
