/* fn_incentive.c — SG_SCORE (weighted KPI scorecard) and SG_COMMISSION
 * (tiered commission): cell grids in, engine call, grid out. */
#include "sgf_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Argument positions are the engine's, which names them in sg_error.arg. */
enum {
  SC_ACTUALS = SG_SCORE_ARG_ACTUALS,
  SC_TARGETS = SG_SCORE_ARG_TARGETS,
  SC_WEIGHTS = SG_SCORE_ARG_WEIGHTS,
  SC_CAP = SG_SCORE_ARG_CAP,
  SC_FLOOR = SG_SCORE_ARG_FLOOR,
  SC_GATE = SG_SCORE_ARG_GATE,
  SC_DIRECTION = SG_SCORE_ARG_DIRECTION
};
enum {
  CM_REVENUE = SG_COMMISSION_ARG_REVENUE,
  CM_QUOTA = SG_COMMISSION_ARG_QUOTA,
  CM_TIERS = SG_COMMISSION_ARG_TIERS,
  CM_RATES = SG_COMMISSION_ARG_RATES,
  CM_MODE = SG_COMMISSION_ARG_MODE,
  CM_CAP = SG_COMMISSION_ARG_CAP,
  CM_FACTOR = SG_COMMISSION_ARG_FACTOR
};

/* Messages for the engine failures whose meaning depends on which
 * argument is at fault; everything else reads as sgf_fail_engine says. */
static int fail_incentive(sgf_call *call, const sg_error *e, const sgf_grid *args, int score) {
  char pos[128] = "";
  if (e->arg >= 0 && (size_t)e->arg < call->fn->nargs && e->index >= 0) {
    const sgf_grid *g = &args[e->arg];
    char cell[96];
    sgf_cell_pos(call, g, (size_t)e->index, cell, sizeof cell);
    if (cell[0])
      snprintf(pos, sizeof pos, call->lang == SGF_LANG_ZH ? "（%s）" : " (%s)", cell);
  }
  sgf_vars vars = {.pos = pos, .v = e->value, .v2 = e->value2};
  size_t argi = (size_t)e->arg;
#define FAIL(en, zh) sgf_fail_vars(call, argi, en, zh, &vars)
  if (e->code == SG_ETOOLARGE)
    return sgf_fail_vars(call, SGF_NO_ARG, "the result is too large to compute{pos}.",
                         "结果太大，无法计算{pos}。", &vars);
  if (score) {
    if (e->code == SG_ENOTPOSITIVE && e->arg == SC_TARGETS)
      return FAIL("metric {v2} has target {v}{pos}; attainment = actual / target needs a target "
                  "above 0. Give the metric a target or leave it out of the scorecard.",
                  "指标 {v2} 的目标为 {v}{pos}；达成率 = 实际 / 目标，目标必须大于 0。请为该指标设定目标，"
                  "或将其移出计分卡。");
    if (e->code == SG_ENOTPOSITIVE && e->arg == SC_ACTUALS)
      return FAIL("metric {v2} is lower-is-better (attainment = target / actual), so its actual "
                  "{v}{pos} must be more than 0; give a cap to score an actual of 0 as the cap.",
                  "指标 {v2} 为越低越好（达成率 = 目标 / 实际），其实际值 {v}{pos}必须大于 0；"
                  "如设定上限，实际值为 0 时按上限计分。");
    if (e->code == SG_EZEROSUM)
      return FAIL("the weights of row {v2} add up to 0; give at least one metric a weight above 0.",
                  "第 {v2} 行的权重合计为 0；请至少为一个指标设定大于 0 的权重。");
    if (e->code == SG_ERANGE && e->arg == SC_DIRECTION)
      return FAIL("{v}{pos} is not a direction: use 1 (higher is better, e.g. revenue) or -1 "
                  "(lower is better, e.g. days to close).",
                  "{v}{pos}不是有效方向：请填 1（越高越好，如收入）或 -1（越低越好，如成交天数）。");
  } else {
    if (e->code == SG_ERANGE && e->arg == CM_TIERS && e->index == 0)
      return FAIL("must start at 0 (the first tier is paid from the first unit of revenue), got "
                  "{v}{pos}. Example: 0, 0.5, 1, 1.5.",
                  "必须从 0 开始（第一档从第一笔收入起算），实际为 {v}{pos}。例如：0、0.5、1、1.5。");
    if (e->code == SG_ERANGE && e->arg == CM_TIERS)
      return FAIL("breakpoint {v}{pos} is not above the one before it ({v2}); list the "
                  "attainment breakpoints in increasing order, e.g. 0, 0.5, 1, 1.5.",
                  "分档点 {v}{pos}不大于前一个分档点 {v2}；请按从小到大排列达成率分档点，例如 0、0.5、1、1.5。");
    if (e->code == SG_ENEGATIVE && e->arg == CM_RATES)
      return FAIL("rate {v}{pos} is negative; a rate is paid per unit of revenue (0 for a "
                  "threshold tier, 0.05 for 5%).",
                  "提成比例 {v}{pos}为负数；比例按每单位收入计（门槛档填 0，5% 填 0.05）。");
    if (e->code == SG_ENOTPOSITIVE && e->arg == CM_QUOTA)
      return FAIL("quota {v}{pos} must be more than 0 (attainment = revenue / quota).",
                  "定额 {v}{pos}必须大于 0（达成率 = 收入 / 定额）。");
  }
#undef FAIL
  return sgf_fail_engine(call, e, args);
}

/* ---------------------------------------------------------------- score */

/* A table argument of SG_SCORE: one row of `metrics` values (any single row
 * or column in the one-rep form) or, with reps > 1, a range shaped like
 * actuals. *rows is 1 or reps. */
static int read_table(sgf_call *call, const sgf_grid *args, size_t argi, size_t reps,
                      size_t metrics, sgf_blank_policy blanks, double **out, size_t *rows) {
  const sgf_grid *g = &args[argi];
  *out = NULL;
  size_t n = sgf_grid_size(g);
  if (g->omitted)
    return sgf_fail_arg(call, argi, "is required but missing.", "为必填参数，但未提供。");
  int one_row = reps == 1 ? (n == metrics && (g->rows == 1 || g->cols == 1))
                          : (g->rows == 1 && g->cols == metrics);
  int per_rep = reps > 1 && g->rows == reps && g->cols == metrics;
  if (!one_row && !per_rep) {
    if (reps == 1)
      return sgf_fail_arg(call, argi, "has %zu cells but there are %zu metrics; give one per metric.",
                          "有 %zu 个单元格，但指标有 %zu 个；每个指标需要一个值。", n, metrics);
    return sgf_fail_arg(call, argi,
                        "is %zu x %zu; give one row of %zu (for every rep) or a range shaped like "
                        "actuals (%zu x %zu, one row per rep).",
                        "为 %zu 行 × %zu 列；请给出一行 %zu 个值（所有人通用），或与实际值形状相同的区域（%zu 行 × %zu "
                        "列，每人一行）。",
                        g->rows, g->cols, metrics, reps, metrics);
  }
  *rows = per_rep ? reps : 1;
  double *values = malloc(n * sizeof *values);
  if (!values) return sgf_fail_nomem(call);
  if (sgf_arg_numbers(call, args, argi, blanks, values) != 0) {
    free(values);
    return -1;
  }
  *out = values;
  return 0;
}

/* An optional per-metric argument: one value for every metric, or a row or
 * column of one per metric. *out stays NULL when omitted. */
static int read_per_metric(sgf_call *call, const sgf_grid *args, size_t argi, size_t metrics,
                           sgf_blank_policy blanks, double **out) {
  const sgf_grid *g = &args[argi];
  *out = NULL;
  if (g->omitted) return 0;
  size_t n = sgf_grid_size(g);
  if (!(n == 1 || (n == metrics && (g->rows == 1 || g->cols == 1))))
    return sgf_fail_arg(call, argi,
                        "is %zu x %zu; give one value for every metric or a row of %zu, one per "
                        "metric.",
                        "为 %zu 行 × %zu 列；请给出一个值（所有指标通用）或一行 %zu 个值（每个指标一个）。",
                        g->rows, g->cols, metrics);
  double *values = malloc(metrics * sizeof *values);
  if (!values) return sgf_fail_nomem(call);
  if (sgf_arg_numbers(call, args, argi, blanks, values) != 0) {
    free(values);
    return -1;
  }
  for (size_t k = 1; n == 1 && k < metrics; k++) values[k] = values[0];
  *out = values;
  return 0;
}

static int sgf_impl_score(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  const sgf_grid *actual_grid = &args[SC_ACTUALS];
  size_t cells = sgf_grid_size(actual_grid);
  /* One row or column: one rep's metrics. A block: one row per rep. */
  int one_rep = actual_grid->rows == 1 || actual_grid->cols == 1;
  size_t reps = one_rep ? 1 : actual_grid->rows, metrics = one_rep ? cells : actual_grid->cols;
  sg_score_input in = {.reps = reps, .metrics = metrics, .gate = -INFINITY};
  if (sgf_arg_scalar(call, args, SC_GATE, 1, -INFINITY, &in.gate) != 0) return -1;

  double *actuals = malloc((cells ? cells : 1) * sizeof *actuals), *scores = NULL;
  double *targets = NULL, *weights = NULL, *caps = NULL, *floors = NULL, *directions = NULL;
  int rc = -1;
  if (!actuals) {
    sgf_fail_nomem(call);
    goto done;
  }
  if (sgf_arg_numbers(call, args, SC_ACTUALS, SGF_BLANK_REJECT, actuals) != 0 ||
      read_table(call, args, SC_TARGETS, reps, metrics, SGF_BLANK_REJECT, &targets,
                 &in.target_rows) != 0 ||
      read_table(call, args, SC_WEIGHTS, reps, metrics, SGF_BLANK_ZERO, &weights,
                 &in.weight_rows) != 0 ||
      read_per_metric(call, args, SC_CAP, metrics, SGF_BLANK_INF, &caps) != 0 ||
      read_per_metric(call, args, SC_FLOOR, metrics, SGF_BLANK_ZERO, &floors) != 0 ||
      read_per_metric(call, args, SC_DIRECTION, metrics, SGF_BLANK_NAN, &directions) != 0)
    goto done;
  for (size_t k = 0; directions && k < metrics; k++)
    if (isnan(directions[k])) directions[k] = 1.0; /* blank: higher is better */
  in.actuals = actuals;
  in.targets = targets;
  in.weights = weights;
  in.caps = caps;
  in.floors = floors;
  in.directions = directions;
  scores = malloc(reps * sizeof *scores);
  if (!scores) {
    sgf_fail_nomem(call);
    goto done;
  }
  sg_error err;
  if (sg_score(&in, scores, &err) != SG_OK) {
    fail_incentive(call, &err, args, 1);
    goto done;
  }
  if (sgf_grid_init(result, reps, 1) != 0) {
    sgf_fail_nomem(call);
    goto done;
  }
  for (size_t r = 0; r < reps; r++) sgf_grid_set_number(result, r, scores[r]);
  rc = 0;
done:
  free(actuals);
  free(targets);
  free(weights);
  free(caps);
  free(floors);
  free(directions);
  free(scores);
  return rc;
}

/* ----------------------------------------------------------- commission */

static const sgf_choice commission_modes[] = {
    {SG_COMMISSION_MARGINAL, {"marginal", "tiered", "超额累进", "分段", "分段累进", NULL}},
    {SG_COMMISSION_RETROACTIVE, {"retroactive", "retro", "全额累进", "全额", NULL}},
};

/* An optional per-rep argument: one value for all, or shaped like revenue;
 * omitted or blank gives dflt. */
static int read_per_rep(sgf_call *call, const sgf_grid *args, size_t argi, size_t n, double dflt,
                        double *out) {
  for (size_t i = 0; i < n; i++) out[i] = dflt;
  if (args[argi].omitted) return 0;
  if (sgf_arg_same_shape(call, args, argi, CM_REVENUE, 1) != 0) return -1;
  if (sgf_arg_numbers(call, args, argi, SGF_BLANK_NAN, out) != 0) return -1;
  size_t given = sgf_grid_size(&args[argi]);
  for (size_t i = 0; i < given; i++)
    if (isnan(out[i])) out[i] = dflt;
  for (size_t i = 1; given == 1 && i < n; i++) out[i] = out[0];
  return 0;
}

static int sgf_impl_commission(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  const sgf_grid *revenue_grid = &args[CM_REVENUE];
  size_t n = sgf_grid_size(revenue_grid);
  sg_commission_plan plan = {0};
  int mode;
  if (sgf_arg_choice(call, args, CM_MODE, commission_modes,
                     sizeof commission_modes / sizeof commission_modes[0], SG_COMMISSION_MARGINAL,
                     "must be \"marginal\" (each slice of revenue at its own tier's rate, like tax "
                     "brackets; the default) or \"retroactive\" (all revenue at the rate of the "
                     "highest tier reached).",
                     "必须为 \"marginal\"（超额累进：每段收入按所在档的比例计，类似个税；默认）或 "
                     "\"retroactive\"（全额累进：全部收入按达到的最高档比例计）。",
                     &mode) != 0)
    return -1;
  plan.mode = (sg_commission_mode)mode;

  double *buf = malloc(5 * (n ? n : 1) * sizeof(double)), *tiers = NULL, *rates = NULL;
  if (!buf) return sgf_fail_nomem(call);
  double *revenue = buf, *quota = buf + n, *cap = buf + 2 * n, *factor = buf + 3 * n;
  double *out = buf + 4 * n;
  size_t ntiers = 0, nrates = 0;
  int rc = -1;
  sg_error err;
  if (sgf_arg_vector(call, args, CM_TIERS, SGF_BLANK_REJECT, &tiers, &ntiers) != 0 ||
      sgf_arg_vector(call, args, CM_RATES, SGF_BLANK_REJECT, &rates, &nrates) != 0)
    goto done;
  if (ntiers != nrates) {
    sgf_fail_arg(call, CM_RATES,
                 "has %zu rates but tiers has %zu breakpoints; give one rate per tier.",
                 "有 %zu 个提成比例，但分档有 %zu 个分档点；每一档需要一个比例。", nrates, ntiers);
    goto done;
  }
  plan.ntiers = ntiers;
  plan.tiers = tiers;
  plan.rates = rates;
  if (sg_commission_check(&plan, &err) != SG_OK) {
    fail_incentive(call, &err, args, 0);
    goto done;
  }
  if (sgf_arg_numbers(call, args, CM_REVENUE, SGF_BLANK_REJECT, revenue) != 0 ||
      sgf_arg_same_shape(call, args, CM_QUOTA, CM_REVENUE, 1) != 0 ||
      sgf_arg_numbers(call, args, CM_QUOTA, SGF_BLANK_REJECT, quota) != 0 ||
      read_per_rep(call, args, CM_CAP, n, INFINITY, cap) != 0 ||
      read_per_rep(call, args, CM_FACTOR, n, 1.0, factor) != 0)
    goto done;
  int one_quota = sgf_grid_size(&args[CM_QUOTA]) == 1;
  for (size_t i = 0; i < n; i++) {
    if (sg_commission(&plan, revenue[i], quota[one_quota ? 0 : i], cap[i], factor[i], &out[i],
                      &err) != SG_OK) {
      /* The engine sees one rep; name its cell when the argument is a range. */
      if (err.arg >= 0 && (size_t)err.arg < call->fn->nargs &&
          sgf_grid_size(&args[err.arg]) > 1)
        err.index = (long)i;
      fail_incentive(call, &err, args, 0);
      goto done;
    }
  }
  rc = sgf_result_numbers(call, revenue_grid, out, result);
done:
  free(buf);
  free(tiers);
  free(rates);
  return rc;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg score_args[] = {
    {"actuals", EN_ZH("actuals", "实际值"),
     EN_ZH("What each metric reached: one row (or column) of metrics for one rep, or a block "
           "with one row per rep and one column per metric. Blank cells are errors (type 0).",
           "各指标的实际完成值：一人一行（或一列）指标；或多人区域，每人一行、每个指标一列。空白单元格视为错误（请填 0）。"),
     0},
    {"targets", EN_ZH("targets", "目标值"),
     EN_ZH("Target of each metric, more than 0: one row for everyone, or a block shaped like "
           "actuals (each rep's own targets).",
           "各指标的目标值，必须大于 0：一行（所有人通用），或与实际值形状相同的区域（每人各自的目标）。"),
     0},
    {"weights", EN_ZH("weights", "权重"),
     EN_ZH("Weight of each metric, 0 or more (only ratios matter; blank = 0): one row for "
           "everyone, or one row per rep (e.g. new hires weigh activity more).",
           "各指标的权重，大于或等于 0（只看比例；空白视为 0）：一行（所有人通用），或每人一行（例如新员工更看重活动量指标）。"),
     0},
    {"cap", EN_ZH("cap", "上限"),
     EN_ZH("Optional. Highest attainment a metric counts for, e.g. 1.2 = 120%: one value or one "
           "per metric. Default and blank: no cap.",
           "可选。单个指标计入的最高达成率，例如 1.2 = 120%：一个值或每个指标一个。默认及空白：不设上限。"),
     1},
    {"floor", EN_ZH("floor", "下限"),
     EN_ZH("Optional. Lowest attainment a metric counts for: one value or one per metric. "
           "Default and blank: 0.",
           "可选。单个指标计入的最低达成率：一个值或每个指标一个。默认及空白：0。"),
     1},
    {"gate", EN_ZH("gate", "门槛"),
     EN_ZH("Optional. Minimum attainment of the FIRST metric (e.g. 0.5 = no payout under 50% of "
           "revenue): below it the score is 0; exactly on it passes. Compared before cap and "
           "floor; for a lower-is-better first metric it is target / actual. Default: none.",
           "可选。第一个指标的最低达成率（例如 0.5 表示收入达成不足 50% 不发放）：低于门槛得分为 0，恰好等于门槛视为达到。"
           "按封顶和保底之前的达成率比较；第一个指标越低越好时，达成率为 目标 / 实际。默认：无门槛。"),
     1},
    {"direction", EN_ZH("direction", "方向"),
     EN_ZH("Optional. Per metric: 1 = higher is better (default, blank), -1 = lower is better "
           "(days to close, cost, churn; attainment = target / actual, and an actual of 0 scores "
           "the cap). One value or one per metric.",
           "可选。每个指标：1 = 越高越好（默认，空白亦同），-1 = 越低越好（成交天数、成本、流失率；达成率 = 目标 / "
           "实际，实际为 0 时按上限计分）。一个值或每个指标一个。"),
     1},
};

static const sgf_arg commission_args[] = {
    {"revenue", EN_ZH("revenue", "收入"),
     EN_ZH("Revenue credited: one cell, or a column with one rep per row (the result is shaped "
           "the same). Below 0 (a clawback) returns commission at the first tier's rate.",
           "计提收入：一个单元格，或每人一行的一列（结果形状相同）。小于 0（退款追回）时按第一档比例扣回佣金。"),
     0},
    {"quota", EN_ZH("quota", "定额"),
     EN_ZH("Quota, more than 0: one value for all, or one per rep shaped like revenue. "
           "Attainment = revenue / quota.",
           "业绩定额，必须大于 0：一个值（所有人通用），或与收入形状相同（每人一个）。达成率 = 收入 / 定额。"),
     0},
    {"tiers", EN_ZH("tiers", "分档"),
     EN_ZH("Attainment breakpoints in increasing order, starting at 0, e.g. {0;0.5;1;1.5}. Tier k "
           "runs from its breakpoint up to the next; attainment exactly on a breakpoint is in the "
           "tier that starts there.",
           "按从小到大排列、从 0 开始的达成率分档点，例如 {0;0.5;1;1.5}。每一档从其分档点到下一个分档点；"
           "达成率恰好等于分档点时计入从该点开始的那一档。"),
     0},
    {"rates", EN_ZH("rates", "提成比例"),
     EN_ZH("Rate per unit of revenue in each tier, 0 or more, one per breakpoint (0 in the first "
           "tier = a threshold below which nothing is paid; a higher rate above 1 = an "
           "accelerator).",
           "各档每单位收入的提成比例，大于或等于 0，与分档点一一对应（第一档为 0 即门槛，未达门槛不发放；"
           "100% 以上比例更高即为加速）。"),
     0},
    {"mode", EN_ZH("mode", "计算方式"),
     EN_ZH("Optional. \"marginal\" (default): each slice of revenue at its own tier's rate, like "
           "tax brackets. \"retroactive\": all revenue at the rate of the highest tier reached.",
           "可选。\"marginal\"（默认，亦可写“超额累进”）：每段收入按所在档比例计，类似个税；"
           "\"retroactive\"（亦可写“全额累进”）：全部收入按达到的最高档比例计。"),
     1},
    {"cap", EN_ZH("cap", "封顶"),
     EN_ZH("Optional. Most that is paid, 0 or more, applied after factor: one value or one per "
           "rep. Default and blank: no cap.",
           "可选。最高发放金额，大于或等于 0，在系数之后封顶：一个值或每人一个。默认及空白：不封顶。"),
     1},
    {"factor", EN_ZH("factor", "系数"),
     EN_ZH("Optional. Multiplier on the commission (e.g. a product's special coefficient), 0 or "
           "more: one value or one per rep. Default and blank: 1.",
           "可选。佣金乘数（例如产品的特殊系数），大于或等于 0：一个值或每人一个。默认及空白：1。"),
     1},
};

static const sgf_function incentive_functions[] = {
    {"SG_SCORE",
     EN_ZH("Weighted KPI score: Σ weight × clamp(attainment, floor, cap) / Σ weight, attainment "
           "= actual / target (target / actual for lower-is-better), 0 under the gate. One rep "
           "per row: a normal formula over that rep's row gives one score. A block (one row per "
           "rep, one column per metric) gives a column of scores: enter it as an array formula "
           "over a column as tall as the block, or fill down =INDEX(SG_SCORE(…); ROW()-1).",
           "加权 KPI 得分：Σ 权重 × 限定在下限与上限之间的达成率 / Σ 权重；达成率 = 实际 / 目标（越低越好的指标为 目标 / "
           "实际），低于门槛得 0。每人一行时，对该行输入普通公式即得一个得分；多人区域（每人一行、每个指标一列）返回一列得分："
           "请在与区域同高的一列中以数组公式输入，或向下填充 =INDEX(SG_SCORE(…); ROW()-1)。"),
     sizeof score_args / sizeof score_args[0], score_args, sgf_impl_score, 0, SGF_PURE},
    {"SG_COMMISSION",
     EN_ZH("Tiered commission on revenue against quota, with thresholds, accelerators, a cap and "
           "a factor: marginal (each slice at its tier's rate) or retroactive (all revenue at the "
           "highest tier reached). 650,000 on a 500,000 quota with tiers {0;1} and rates "
           "{0.2;0.3}: marginal 145,000, retroactive 195,000. One cell for one rep; a column of "
           "revenue gives a column: enter it as an array formula, or fill down one cell per rep.",
           "按收入相对定额计算阶梯佣金，支持门槛、加速、封顶和系数：超额累进（每段按所在档比例）或全额累进（全部收入按达到的最高档比例）。"
           "定额 500,000、收入 650,000、分档 {0;1}、比例 {0.2;0.3}：超额累进 145,000，全额累进 195,000。"
           "一人一个单元格；收入为一列时返回一列：请以数组公式输入，或每人一行向下填充。"),
     sizeof commission_args / sizeof commission_args[0], commission_args, sgf_impl_commission, 0,
     SGF_PURE},
};

SGF_FAMILY(incentive, incentive_functions);
