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

static int sgf_impl_split(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
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
  sg_split_ctx *ctx = sgf_session_split_take(call->session); /* scratch kept by the session */
  int split_rc = sg_split_with(ctx, &in, out, &err);
  sgf_session_split_give(call->session, ctx);
  if (split_rc != SG_OK) {
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

static int sgf_impl_blend(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
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

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg split_args[] = {
    {"total", EN_ZH("total", "总额"),
     EN_ZH("The amount to split, e.g. the yearly company target.",
           "要分解的总额，例如公司年度目标。"),
     0},
    {"weights", EN_ZH("weights", "权重"),
     EN_ZH("One weight per unit (history, potential or SG_BLEND); a column gives a column, a row "
           "gives a row. Blank = 0; all zero = split evenly.",
           "每个单元一个权重（历史、潜力或 SG_BLEND 的结果）；输入列则输出列，输入行则输出行。空白视为 "
           "0；全部为 0 时平均分配。"),
     0},
    {"unit", EN_ZH("unit", "取整单位"),
     EN_ZH("Optional. Round every result to a multiple of this (1, 100, 0.01) while keeping the "
           "sum exactly equal to total (largest remainder). If total minus the locked values is "
           "not a multiple, one free cell, the plug (the largest result; ties: the upper/left "
           "one; within its cap), also takes the amount below one unit: 1000.5 over two equal "
           "weights with unit 1 gives 500.5 and 500. Omitted or 0 = no rounding.",
           "可选。每个结果取整为该单位的整数倍（如 1、100、0.01），且合计仍精确等于总额（最大余数法）。若总额减去锁定值后"
           "不是该单位的整数倍，则由一个未锁定的单元格（结果最大者；相同时取靠上/靠左者；且不超过其上限）额外承担"
           "不足一个单位的余数：例如 1000.5 按两个相同权重、单位 1 分解，得 500.5 和 500。省略或 0 表示不取整。"),
     1},
    {"floors", EN_ZH("floors", "下限"),
     EN_ZH("Optional. Minimum per unit: one number for all or a range shaped like weights. Blank "
           "= 0.",
           "可选。每个单元的最低值：一个数适用于全部，或与权重形状相同的区域。空白视为 0。"),
     1},
    {"caps", EN_ZH("caps", "上限"),
     EN_ZH("Optional. Maximum per unit: one number for all or a range shaped like weights. Blank "
           "= no cap.",
           "可选。每个单元的最高值：一个数适用于全部，或与权重形状相同的区域。空白表示不设上限。"),
     1},
    {"locked", EN_ZH("locked", "锁定值"),
     EN_ZH("Optional. A range shaped like weights: a number locks that unit at exactly that value "
           "(e.g. a committed quota); blank = free. The rest of the total is spread over the free "
           "units.",
           "可选。与权重形状相同的区域：填写数字即把该单元锁定为该值（例如已承诺的指标）；空白表示不锁定。总额扣除锁定值后"
           "分配给其余单元。"),
     1},
};

static const sgf_arg blend_args[] = {
    {"weights1", EN_ZH("weights1", "权重1"),
     EN_ZH("First basis, e.g. last year's sales per unit. Blank = 0.",
           "第一种依据，例如各单元去年的销售额。空白视为 0。"),
     0},
    {"weights2", EN_ZH("weights2", "权重2"),
     EN_ZH("Second basis shaped like weights1, e.g. market potential per unit. Blank = 0.",
           "第二种依据，与权重1 形状相同，例如各单元的市场潜力。空白视为 0。"),
     0},
    {"mix", EN_ZH("mix", "比例"),
     EN_ZH("Share given to weights1, between 0 and 1 (0.6 = 60% history, 40% potential).",
           "分配给权重1 的比例，介于 0 和 1 之间（0.6 = 60% 历史、40% 潜力）。"),
     0},
};

static const sgf_function split_functions[] = {
    {"SG_SPLIT",
     EN_ZH("Splits a total across units by weights, exactly: locked units keep their value, the "
           "rest is shared in proportion to weight within floors and caps, and with a unit every "
           "result is a multiple of it (but one plug cell when the total is not) and the results "
           "add up to the total exactly. Enter as an array formula over a range shaped like "
           "weights, or fill down from row 2 the recipe "
           "=INDEX(SG_SPLIT(total; $B$2:$B$40; 100); ROW()-1), which needs no array entry.",
           "按权重精确分解总额：锁定单元保持其值，其余部分在上下限之内按权重比例分配；指定取整单位时，每个结果都是该单位的整数倍"
           "（总额不是该单位整数倍时，由一个单元格承担不足一个单位的余数），且合计精确等于总额。请在与权重形状相同的区域中以数组公式"
           "输入，或从第 2 行起向下填充 =INDEX(SG_SPLIT(总额; $B$2:$B$40; 100); ROW()-1)（无需数组输入）。"),
     sizeof split_args / sizeof split_args[0], split_args, sgf_impl_split, 0, SGF_PURE},
    {"SG_BLEND",
     EN_ZH("Blends two weight bases into shares: mix × weights1/Σweights1 + (1 − mix) × "
           "weights2/Σweights2. The shares add up to 1; use them as weights for SG_SPLIT. Array "
           "formula shaped like weights1, or fill down =INDEX(SG_BLEND(…); ROW()-1) from row 2.",
           "把两种权重依据混合成份额：比例 × 权重1/Σ权重1 + (1 − 比例) × 权重2/Σ权重2。份额合计为 1，"
           "可作为 SG_SPLIT 的权重。请以与权重1 形状相同的数组公式输入，或从第 2 行起向下填充 =INDEX(SG_BLEND(…); ROW()-1)。"),
     sizeof blend_args / sizeof blend_args[0], blend_args, sgf_impl_blend, 0, SGF_PURE},
};

SGF_FAMILY(split, split_functions);
