/* fn_revise.c — SG_BASELINE, SG_REPHASE, SG_CAPACITY and SG_FUNNEL_GAP:
 * setting a target against history and revising it mid-period. */
#include "sgf_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ------------------------------------------------------------- helpers */

/* An optional number where omitted and a blank cell both mean "none"
 * (*present = 0), e.g. a target that has not been set yet. */
static int read_optional(sgf_call *call, const sgf_grid *args, size_t argi, double *out,
                         int *present) {
  const sgf_grid *g = &args[argi];
  *present = 0;
  if (g->omitted || (sgf_grid_size(g) == 1 && g->cells[0].kind == SGF_BLANK)) return 0;
  if (sgf_arg_scalar(call, args, argi, 0, 0, out) != 0) return -1;
  *present = 1;
  return 0;
}

/* A row of n figures, #N/A where one does not exist (NAN). */
static int result_row(sgf_call *call, const double *values, size_t n, sgf_grid *result) {
  if (sgf_grid_init(result, 1, n) != 0) return sgf_fail_nomem(call);
  for (size_t i = 0; i < n; i++) {
    if (isnan(values[i])) sgf_grid_set_error(result, i);
    else sgf_grid_set_number(result, i, values[i]);
  }
  return 0;
}

/* "row 3, column 1 of the range" for engine item index of argument argi. */
static void engine_pos(const sgf_call *call, const sgf_grid *args, const sg_error *e, char *buf,
                       size_t size) {
  buf[0] = '\0';
  if (e->arg < 0 || (size_t)e->arg >= call->fn->nargs || e->index < 0) return;
  const sgf_grid *g = &args[e->arg];
  if ((size_t)e->index < sgf_grid_size(g)) sgf_cell_pos(call, g, (size_t)e->index, buf, size);
}

/* ---------------------------------------------------------- SG_BASELINE */

enum {
  B_HISTORY = SG_BASELINE_ARG_HISTORY,
  B_TARGET = SG_BASELINE_ARG_TARGET,
  B_WHAT = SG_BASELINE_ARG_WHAT
};

#define ALL_FIGURES (-1)
static const sgf_choice baseline_figures[] = {
    {SG_BASELINE_VALUE, {"baseline", "1", "基线", "基准", NULL}},
    {SG_BASELINE_GROWTH, {"growth", "2", "增长率", "增长", NULL}},
    {SG_BASELINE_VOLATILITY, {"volatility", "3", "波动率", "波动", NULL}},
    {SG_BASELINE_Z, {"z", "z_score", "4", "z值", "z 值", NULL}},
};

static int fail_baseline(sgf_call *call, const sg_error *e, const sgf_grid *args) {
  char pos[96];
  engine_pos(call, args, e, pos, sizeof pos);
  sgf_vars vars = {.pos = pos, .v = e->value, .v2 = e->value2};
  switch (e->code) {
  case SG_ETOOFEW:
    return sgf_fail_vars(call, B_HISTORY,
                         "has {v} value; a trend needs at least 2 past periods, oldest first.",
                         "只有 {v} 个值；计算趋势至少需要 2 个历史期间（从最早的开始）。", &vars);
  case SG_ENOTPOSITIVE:
    return sgf_fail_vars(call, B_HISTORY,
                         "{v}{at}{pos} is not above 0; growth rates need every past value above 0 "
                         "(start the history after a period without sales, or use longer periods).",
                         "{pos}的值 {v} 不大于 0；计算增长率要求每个历史值都大于 0（请从无销售的期间之后开始，或改用更长的期间）。",
                         &vars);
  case SG_ERANGE:
    return sgf_fail_vars(call, B_HISTORY,
                         "grows from {v} to {v2}, too fast to extrapolate as a number.",
                         "从 {v} 增长到 {v2}，增长过快，无法外推为数值。", &vars);
  default: return sgf_fail_engine(call, e, args);
  }
}

/* Why a single requested figure does not exist. */
static int fail_baseline_undefined(sgf_call *call, int figure, size_t n, int has_target) {
  if (figure == SG_BASELINE_VOLATILITY || (figure == SG_BASELINE_Z && n < 3))
    return sgf_fail_arg(call, B_HISTORY,
                        "has %zu values: volatility needs at least 3 (two growth rates to compare).",
                        "只有 %zu 个值：波动率至少需要 3 个值（两个可比较的增长率）。", n);
  if (!has_target)
    return sgf_fail_arg(call, B_TARGET, "is needed for z: the target to compare with the trend.",
                        "计算 z 值需要提供目标：用来与趋势比较的目标值。");
  return sgf_fail_arg(call, B_HISTORY,
                      "grew at the same rate every period (volatility 0), so z is undefined: any "
                      "target off the trend is infinitely many standard deviations away.",
                      "每期增长率都相同（波动率为 0），因此 z 值无定义：偏离趋势的任何目标都相差无穷多个标准差。");
}

static int sgf_impl_baseline(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double target = 0, out[SG_BASELINE_COUNT];
  int has_target, figure;
  const sgf_grid *wg = &args[B_WHAT];
  if (read_optional(call, args, B_TARGET, &target, &has_target) != 0) return -1;
  if (!wg->omitted && sgf_grid_size(wg) == 1 && wg->cells[0].kind == SGF_NUMBER) {
    double v = wg->cells[0].number;
    if (!(v >= 1 && v <= SG_BASELINE_COUNT && v == floor(v)))
      return sgf_fail_arg(call, B_WHAT, "must be a figure name or a number from 1 to 4.",
                          "必须是数值名称或 1 到 4 的数字。");
    figure = (int)v - 1;
  } else if (sgf_arg_choice(call, args, B_WHAT, baseline_figures,
                            sizeof baseline_figures / sizeof baseline_figures[0], ALL_FIGURES,
                            "must be \"baseline\", \"growth\", \"volatility\" or \"z\" (or 1 to 4; "
                            "omitted for all four).",
                            "必须是 \"baseline\"（基线）、\"growth\"（增长率）、\"volatility\"（波动率）或 "
                            "\"z\"（或 1 到 4；省略则返回全部四项）。",
                            &figure) != 0) {
    return -1;
  }
  double *history = NULL;
  size_t n = 0;
  if (sgf_arg_vector(call, args, B_HISTORY, SGF_BLANK_REJECT, &history, &n) != 0) return -1;
  sg_error err;
  int rc = sg_baseline(n, history, has_target ? &target : NULL, out, &err);
  free(history);
  if (rc != SG_OK) return fail_baseline(call, &err, args);
  if (figure != ALL_FIGURES) {
    if (isnan(out[figure])) return fail_baseline_undefined(call, figure, n, has_target);
    return sgf_result_number(call, out[figure], result);
  }
  return result_row(call, out, SG_BASELINE_COUNT, result);
}

/* ----------------------------------------------------------- SG_REPHASE */

enum {
  RP_TOTAL = SG_REPHASE_ARG_NEW_TOTAL,
  RP_PLAN = SG_REPHASE_ARG_PLAN,
  RP_ACTUALS = SG_REPHASE_ARG_ACTUALS,
  RP_UNIT = SG_REPHASE_ARG_UNIT
};

static int fail_rephase(sgf_call *call, const sg_error *e, const sgf_grid *args) {
  char diff[40];
  snprintf(diff, sizeof diff, "%.10g", fabs(e->value - e->value2));
  sgf_vars vars = {.text = diff, .v = e->value, .v2 = e->value2};
  if (e->code == SG_ERANGE && e->arg == RP_ACTUALS)
    return sgf_fail_vars(call, RP_ACTUALS,
                         "the closed periods' actuals add up to {v}, {text} more than the new total "
                         "{v2}; raise the new total by at least {text} or check the actuals.",
                         "已关闭期间的实际合计 {v}，比新总额 {v2} 多 {text}；请把新总额至少提高 {text}，或检查实际数。",
                         &vars);
  if (e->code == SG_ELOCKED)
    return sgf_fail_vars(call, RP_ACTUALS,
                         "every period has an actual (is closed) and they add up to {v}, not the new "
                         "total {v2}; leave the periods still to come blank so they can take the "
                         "difference of {text}.",
                         "所有期间都已有实际数（已关闭），合计 {v}，不等于新总额 {v2}；请把尚未结束的期间留空，由它们承担差额 {text}。",
                         &vars);
  return sgf_fail_engine(call, e, args);
}

static int sgf_impl_rephase(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double total, unit;
  if (sgf_arg_scalar(call, args, RP_TOTAL, 0, 0, &total) != 0 ||
      sgf_arg_scalar(call, args, RP_UNIT, 1, 0, &unit) != 0)
    return -1;
  double *plan = NULL, *actuals = NULL, *out = NULL;
  size_t n = 0;
  int rc = -1;
  if (sgf_arg_vector(call, args, RP_PLAN, SGF_BLANK_ZERO, &plan, &n) != 0) goto done;
  if (sgf_arg_same_shape(call, args, RP_ACTUALS, RP_PLAN, 0) != 0) goto done;
  actuals = malloc(n * sizeof *actuals);
  out = malloc(n * sizeof *out);
  if (!actuals || !out) {
    sgf_fail_nomem(call);
    goto done;
  }
  /* Blank = open; a number (0 included) = closed. */
  if (sgf_arg_numbers(call, args, RP_ACTUALS, SGF_BLANK_NAN, actuals) != 0) goto done;
  sg_error err;
  if (sg_rephase(total, n, plan, actuals, unit, out, &err) != SG_OK) {
    fail_rephase(call, &err, args);
    goto done;
  }
  rc = sgf_result_numbers(call, &args[RP_PLAN], out, result);
done:
  free(plan);
  free(actuals);
  free(out);
  return rc;
}

/* ---------------------------------------------------------- SG_CAPACITY */

enum {
  C_QUOTAS = SG_CAPACITY_ARG_QUOTAS,
  C_HIRES = SG_CAPACITY_ARG_HIRE_DATES,
  C_START = SG_CAPACITY_ARG_START,
  C_END = SG_CAPACITY_ARG_END,
  C_RAMP = SG_CAPACITY_ARG_RAMP,
  C_ATTAINMENT = SG_CAPACITY_ARG_ATTAINMENT,
  C_TARGET = SG_CAPACITY_ARG_TARGET
};

static int fail_capacity(sgf_call *call, const sg_error *e, const sgf_grid *args) {
  sg_error copy = *e;
  /* Engine serials back to the document's, as the planner typed them. */
  if (e->code == SG_EDATE) copy.value -= call->null_date_offset;
  if (e->code == SG_ETOOFEW)
    return sgf_fail_arg(call, C_QUOTAS,
                        "holds no rep: every row of quotas and hire dates is blank.",
                        "没有任何销售人员：指标和入职日期的每一行都为空。");
  return sgf_fail_engine(call, &copy, args);
}

/* Quotas and hire dates, one row per rep; a row blank in both is an empty
 * slot in the team table and is skipped. *rows maps a rep to its cell. */
static int read_team(sgf_call *call, const sgf_grid *args, double *quotas, double *hires,
                     size_t *rows, size_t *n) {
  size_t count = sgf_grid_size(&args[C_QUOTAS]), k = 0;
  if (sgf_arg_numbers(call, args, C_QUOTAS, SGF_BLANK_NAN, quotas) != 0 ||
      sgf_arg_numbers(call, args, C_HIRES, SGF_BLANK_NAN, hires) != 0)
    return -1;
  for (size_t i = 0; i < count; i++) {
    int no_quota = isnan(quotas[i]), no_hire = isnan(hires[i]);
    if (no_quota && no_hire) continue;
    if (no_quota || no_hire) {
      size_t argi = no_quota ? C_QUOTAS : C_HIRES;
      char pos[96];
      sgf_cell_pos(call, &args[argi], i, pos, sizeof pos);
      sgf_vars vars = {.pos = pos};
      return sgf_fail_vars(call, argi,
                           no_quota ? "a blank cell{at}{pos} where the rep has a hire date; give "
                                      "the quota (0 counts), or clear the whole row."
                                    : "a blank cell{at}{pos} where the rep has a quota; give the "
                                      "hire date (any date before the ramp ended works for a "
                                      "tenured rep), or clear the whole row.",
                           no_quota ? "{pos}为空白，但该人员有入职日期；请填写指标（可为 0），或清空整行。"
                                    : "{pos}为空白，但该人员有指标；请填写入职日期（老员工填写爬坡期结束前的任一日期即可），或清空整行。",
                           &vars);
    }
    quotas[k] = quotas[i];
    hires[k] = hires[i] + call->null_date_offset;
    rows[k] = i;
    k++;
  }
  *n = k;
  return 0;
}

static int sgf_impl_capacity(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  sg_capacity_input in = {0};
  double target = 0, out[SG_CAPACITY_COUNT];
  int has_target;
  if (sgf_arg_scalar(call, args, C_START, 0, 0, &in.start) != 0 ||
      sgf_arg_scalar(call, args, C_END, 0, 0, &in.end) != 0 ||
      sgf_arg_scalar(call, args, C_ATTAINMENT, 1, 1, &in.attainment) != 0 ||
      read_optional(call, args, C_TARGET, &target, &has_target) != 0)
    return -1;
  in.start += call->null_date_offset;
  in.end += call->null_date_offset;
  in.target = has_target ? &target : NULL;
  const sgf_grid *qg = &args[C_QUOTAS];
  if (qg->rows != 1 && qg->cols != 1)
    return sgf_fail_arg(call, C_QUOTAS, "must be a single row or column, got a %zu x %zu range.",
                        "必须是单行或单列，实际是 %zu 行 × %zu 列的区域。", qg->rows, qg->cols);
  if (sgf_arg_same_shape(call, args, C_HIRES, C_QUOTAS, 0) != 0) return -1;

  size_t count = sgf_grid_size(qg);
  double *quotas = malloc(count * sizeof *quotas), *hires = malloc(count * sizeof *hires);
  size_t *rows = malloc(count * sizeof *rows);
  double *ramp = NULL;
  int rc = -1;
  if (!quotas || !hires || !rows) {
    sgf_fail_nomem(call);
    goto done;
  }
  if (read_team(call, args, quotas, hires, rows, &in.n) != 0) goto done;
  if (!args[C_RAMP].omitted &&
      sgf_arg_vector(call, args, C_RAMP, SGF_BLANK_REJECT, &ramp, &in.nramp) != 0)
    goto done;
  in.quotas = quotas;
  in.hire_dates = hires;
  in.ramp = ramp;
  sg_error err;
  if (sg_capacity(&in, out, &err) != SG_OK) {
    if ((err.arg == C_QUOTAS || err.arg == C_HIRES) && err.index >= 0 &&
        (size_t)err.index < in.n)
      err.index = sgf_grid_size(qg) > 1 ? (long)rows[err.index] : -1; /* one cell: no "item 1" */
    fail_capacity(call, &err, args);
    goto done;
  }
  rc = result_row(call, out, SG_CAPACITY_PER_HIRE, result); /* capacity, gap, hires */
done:
  free(quotas);
  free(hires);
  free(rows);
  free(ramp);
  return rc;
}

/* -------------------------------------------------------- SG_FUNNEL_GAP */

enum { FG_PLANNED = SG_FUNNEL_GAP_ARG_PLANNED, FG_ACTUAL = SG_FUNNEL_GAP_ARG_ACTUAL };

static int fail_funnel_gap(sgf_call *call, const sg_error *e, const sgf_grid *args, size_t n) {
  char pos[96], stage[64];
  engine_pos(call, args, e, pos, sizeof pos);
  long k = e->index + 1;
  if (call->lang == SGF_LANG_ZH)
    snprintf(stage, sizeof stage, k == (long)n ? "第 %ld 阶段（赢单）" : "第 %ld 阶段", k);
  else
    snprintf(stage, sizeof stage, k == (long)n ? "stage %ld (the wins)" : "stage %ld", k);
  sgf_vars vars = {.text = stage, .pos = pos, .v = e->value};
  size_t argi = e->arg == FG_ACTUAL ? FG_ACTUAL : FG_PLANNED;
  switch (e->code) {
  case SG_ENOTPOSITIVE:
    return sgf_fail_vars(call, argi,
                         "{text}{at}{pos} has a count of 0; every stage needs a count above 0 for "
                         "its conversion rate to exist (merge an empty stage into the next one).",
                         "{text}（{pos}）的数量为 0；每个阶段的数量都必须大于 0，才有转化率（可把空阶段并入下一阶段）。",
                         &vars);
  case SG_ENEGATIVE:
    return sgf_fail_vars(call, argi, "{text}{at}{pos} has a negative count ({v}).",
                         "{text}（{pos}）的数量为负数（{v}）。", &vars);
  default: return sgf_fail_engine(call, e, args);
  }
}

static int sgf_impl_funnel_gap(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double *planned = NULL, *actual = NULL, *out = NULL;
  size_t np = 0, na = 0;
  int rc = -1;
  if (sgf_arg_vector(call, args, FG_PLANNED, SGF_BLANK_REJECT, &planned, &np) != 0 ||
      sgf_arg_vector(call, args, FG_ACTUAL, SGF_BLANK_REJECT, &actual, &na) != 0)
    goto done;
  if (na != np) {
    sgf_fail_arg(call, FG_ACTUAL, "has %zu stages but planned_counts has %zu; give one count per stage in both.",
                 "有 %zu 个阶段，但计划数量有 %zu 个；两者都需要每个阶段一个数量。", na, np);
    goto done;
  }
  out = malloc(np * sizeof *out);
  if (!out) {
    sgf_fail_nomem(call);
    goto done;
  }
  sg_error err;
  if (sg_funnel_gap(np, planned, actual, out, &err) != SG_OK) {
    fail_funnel_gap(call, &err, args, np);
    goto done;
  }
  rc = sgf_result_numbers(call, &args[FG_PLANNED], out, result);
done:
  free(planned);
  free(actual);
  free(out);
  return rc;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg baseline_args[] = {
    {"history", EN_ZH("history", "历史数据"),
     EN_ZH("Past periods' values, oldest first (e.g. the last five years' sales), each above 0; "
           "at least 2 (3 or more for volatility and z). A row or a column.",
           "过去各期间的数值，从最早的开始（例如近五年的销售额），每个都必须大于 0；至少 2 个（波动率和 z 值需要 3 个或以上）。"
           "单行或单列。"),
     0},
    {"target", EN_ZH("target", "目标"),
     EN_ZH("Optional. The proposed target for the next period; gives z. Omitted or blank: z is "
           "#N/A.",
           "可选。拟定的下一期间目标，用于计算 z 值。省略或留空时 z 值为 #N/A。"),
     1},
    {"what", EN_ZH("what", "返回项"),
     EN_ZH("Optional. \"baseline\", \"growth\", \"volatility\" or \"z\" (or 1 to 4) to get just "
           "that number (an error says why when it does not exist). Omitted = a row of all four.",
           "可选。\"baseline\"（基线）、\"growth\"（增长率）、\"volatility\"（波动率）或 \"z\"（或 1 到 "
           "4），只返回该数值（数值不存在时报错并说明原因）。省略时返回四项一行。"),
     1},
};

static const sgf_arg rephase_args[] = {
    {"newTotal", EN_ZH("new_total", "新总额"),
     EN_ZH("The revised target for the whole span, closed periods included (e.g. the year's "
           "target after the mid-year review).",
           "整个区间修订后的目标，包括已关闭的期间（例如年中复盘后的全年目标）。"),
     0},
    {"plan", EN_ZH("plan", "原计划"),
     EN_ZH("The current plan per period (a row or a column, 0 or more; blank = 0). The open "
           "periods share what is left in proportion to it; all 0 on the open periods = evenly.",
           "当前各期间的计划（单行或单列，大于或等于 0；空白视为 0）。未关闭的期间按其比例分摊剩余额；未关闭期间的计划全为 0 "
           "时平均分摊。"),
     0},
    {"actuals", EN_ZH("actuals", "实际"),
     EN_ZH("Shaped like plan. A number (0 included) closes the period, which keeps its actual; "
           "a blank cell leaves it open. Do not type 0 for a month still to come.",
           "与原计划形状相同。填有数字（包括 0）的期间视为已关闭，保留其实际数；空白单元格表示期间未关闭。尚未到来的月份请勿填 0。"),
     0},
    {"unit", EN_ZH("unit", "取整单位"),
     EN_ZH("Optional. Round the open periods to multiples of this (1, 100, 0.01) as SG_SPLIT "
           "does; when what is left is not a multiple, one plug cell (the largest share) also "
           "takes the amount below one unit, so the column still adds up to new_total exactly. "
           "Omitted or 0 = no rounding.",
           "可选。与 SG_SPLIT 相同，把未关闭期间取整为该单位的整数倍（如 1、100、0.01）；剩余额不是整数倍时，由一个调节单元格"
           "（份额最大者）额外承担不足一个单位的部分，使整列合计仍精确等于新总额。省略或 0 表示不取整。"),
     1},
};

static const sgf_arg capacity_args[] = {
    {"quotas", EN_ZH("quotas", "指标"),
     EN_ZH("Each rep's full quota for the period (a row or a column, 0 or more). A row blank in "
           "both quotas and hire_dates is skipped.",
           "每位销售人员该期间的完整指标（单行或单列，大于或等于 0）。指标和入职日期都为空的行会被跳过。"),
     0},
    {"hireDates", EN_ZH("hire_dates", "入职日期"),
     EN_ZH("Each rep's hire date, shaped like quotas. For a tenured rep any date before the ramp "
           "ended works; a date after the period gives 0.",
           "每位销售人员的入职日期，与指标形状相同。老员工填写爬坡期结束前的任一日期即可；晚于期间的日期计为 0。"),
     0},
    {"start", EN_ZH("start", "开始日期"),
     EN_ZH("First day of the period (a date).", "期间的第一天（日期）。"), 0},
    {"end", EN_ZH("end", "结束日期"),
     EN_ZH("Last day of the period, included. Not before start.",
           "期间的最后一天（含当天）。不得早于开始日期。"),
     0},
    {"ramp", EN_ZH("ramp", "爬坡系数"),
     EN_ZH("Optional. Factor per tenure month as in SG_RAMP, e.g. 0.3; 0.6; 1. Omitted = pro "
           "rata by days employed.",
           "可选。每个司龄月的系数，与 SG_RAMP 相同，例如 0.3; 0.6; 1。省略时按在职天数折算。"),
     1},
    {"attainment", EN_ZH("attainment", "预计达成率"),
     EN_ZH("Optional. Share of quota a rep is expected to deliver, e.g. 0.9 (default 1).",
           "可选。预计每位销售人员能完成的指标比例，例如 0.9（默认 1）。"),
     1},
    {"target", EN_ZH("target", "目标"),
     EN_ZH("Optional. The team's target for the period; gives the gap and the hires needed "
           "(#N/A without it).",
           "可选。团队该期间的目标；用于计算缺口和需招聘人数（省略时为 #N/A）。"),
     1},
};

static const sgf_arg funnel_gap_args[] = {
    {"plannedCounts", EN_ZH("planned_counts", "计划数量"),
     EN_ZH("Planned count per stage, top first, wins last (e.g. SG_FUNNEL_BACKSOLVE's column), "
           "each above 0.",
           "各阶段的计划数量，自上而下，赢单在最后（例如 SG_FUNNEL_BACKSOLVE 的结果列），每个都必须大于 0。"),
     0},
    {"actualCounts", EN_ZH("actual_counts", "实际数量"),
     EN_ZH("Actual count per stage, in the same order, each above 0 (a stage with 0 has no "
           "conversion rate).",
           "各阶段的实际数量，顺序相同，每个都必须大于 0（数量为 0 的阶段没有转化率）。"),
     0},
};

static const sgf_function revise_functions[] = {
    {"SG_BASELINE",
     EN_ZH("How hard a target is against history. Returns the row {baseline, growth, volatility, "
           "z}: growth = (last / first)^(1/(n-1)) - 1 per period; baseline = last x (1 + growth), "
           "the next period on the trend; volatility = sample standard deviation of the "
           "period-on-period growth rates; z = (target / last - 1 - growth) / volatility, how "
           "many standard deviations of past growth the target asks for beyond the trend (about "
           "1: a stretch that can be reached; above 2: rarely seen). volatility is #N/A with fewer "
           "than 3 values, z without a target or when every period grew alike. E.g. 100, 120, "
           "132 and 160 give 151.66, 14.89%, 0.0707, 0.894. Array formula over 1 row x 4 "
           "columns, or one figure with what.",
           "用历史衡量目标的难度。返回一行 {基线, 增长率, 波动率, z 值}：增长率 = (最后一期 / 第一期)^(1/(n-1)) - 1（每期复合）；"
           "基线 = 最后一期 × (1 + 增长率)，即趋势上的下一期；波动率 = 逐期增长率的样本标准差；z 值 = (目标 / 最后一期 - 1 - "
           "增长率) / 波动率，即目标超出趋势多少个历史增长标准差（约 1：跳一跳够得着；超过 2：历史上很少见）。值少于 3 个时波动率为 "
           "#N/A；没有目标或每期增长相同时 z 值为 #N/A。例如 100、120、132 与目标 160 得到 151.66、14.89%、0.0707、0.894。"
           "请在 1 行 × 4 列的区域中以数组公式输入，或用返回项只取一项。"),
     sizeof baseline_args / sizeof baseline_args[0], baseline_args, sgf_impl_baseline, 0, SGF_PURE},
    {"SG_REPHASE",
     EN_ZH("Re-phases a revised target over the periods after actuals came in: a period with an "
           "actual keeps it; the open (blank) periods share new_total - sum of actuals in "
           "proportion to plan, rounded to unit as SG_SPLIT does (one plug cell takes the amount "
           "below one unit). The column adds up to new_total. Errors when the actuals already "
           "exceed new_total (by how much), or when every period is closed and they miss it. "
           "E.g. plan 12 x 100, actuals 80, 95, 110, new total 1,300, unit 1: 1,015 is left for 9 "
           "months, 80, 95, 110, then 113 seven times and 112 twice. Array formula over a range "
           "shaped like plan, or =INDEX(SG_REPHASE(...); ROW()-1) filled down.",
           "在已有实际数后把修订后的目标重新分配到各期间：有实际数的期间保留实际数；未关闭（空白）的期间按原计划比例分摊 新总额 − "
           "实际合计，并与 SG_SPLIT 相同地按取整单位取整（由一个调节单元格承担不足一个单位的部分）。整列合计等于新总额。实际合计已超过新总额时报错"
           "（并说明超出多少）；所有期间都已关闭且合计不等于新总额时也报错。例如原计划 12 × 100，实际 80、95、110，新总额 1,300，取整单位 "
           "1：剩余 1,015 分到 9 个月，结果为 80、95、110，然后 7 个 113 和 2 个 112。请在与原计划形状相同的区域中以数组公式输入，或向下填充 "
           "=INDEX(SG_REPHASE(...); ROW()-1)。"),
     sizeof rephase_args / sizeof rephase_args[0], rephase_args, sgf_impl_rephase, 0, SGF_PURE},
    {"SG_CAPACITY",
     EN_ZH("What a team can deliver in a period and the hires a target needs. Returns the row "
           "{capacity, gap, hires_needed}: capacity = attainment x sum of SG_RAMP(quota, hire "
           "date, start, end, ramp) over the reps; gap = max(target - capacity, 0); hires_needed "
           "= gap / what one rep with the team's average quota, hired on start, delivers in the "
           "period on the same ramp and attainment, rounded up. gap and hires_needed are #N/A "
           "without a target; hires_needed is #N/A when such a hire would deliver nothing (the "
           "ramp starts at 0). E.g. June 2026, quotas 30,000 and 30,000, one rep hired years "
           "ago and one on June 16, ramp 0.3; 0.6; 1, attainment 0.9, target 60,000: (30,000 + "
           "4,500) x 0.9 = 31,050; gap 28,950; a June 1 hire delivers 30,000 x 0.3 x 0.9 = "
           "8,100, so 4 hires. Array formula over 1 row x 3 columns.",
           "团队在某期间的产能，以及达成目标所需的招聘人数。返回一行 {产能, 缺口, 需招聘人数}：产能 = 预计达成率 × 各人 "
           "SG_RAMP(指标, 入职日期, 开始, 结束, 爬坡系数) 之和；缺口 = max(目标 − 产能, 0)；需招聘人数 = 缺口 / "
           "一名按团队平均指标、于开始日期入职的新人在该期间按相同爬坡和达成率能完成的额度，向上取整。没有目标时缺口和需招聘人数为 "
           "#N/A；新人在该期间完成额为 0（爬坡从 0 开始）时需招聘人数为 #N/A。例如 2026 年 6 月，指标 30,000 和 30,000，一人多年前入职、"
           "一人 6 月 16 日入职，爬坡 0.3; 0.6; 1，达成率 0.9，目标 60,000：(30,000 + 4,500) × 0.9 = 31,050；缺口 28,950；"
           "6 月 1 日入职的新人完成 30,000 × 0.3 × 0.9 = 8,100，因此需招聘 4 人。请在 1 行 × 3 列的区域中以数组公式输入。"),
     sizeof capacity_args / sizeof capacity_args[0], capacity_args, sgf_impl_capacity, 1, SGF_PURE},
    {"SG_FUNNEL_GAP",
     EN_ZH("Where the funnel lost the wins: splits the shortfall (planned wins - actual wins) "
           "over the top-of-funnel volume (first row) and each stage's conversion (row k: the "
           "conversion into stage k), by log shares: W_plan / W_act = (P0 / A0) x product of "
           "(planned rate / actual rate), and each term gets ln(term) / ln(W_plan / W_act) of the "
           "shortfall. The rows add up to the shortfall; a stage that beat plan gets a negative "
           "number; on plan all are 0 (when only the wins are on plan the rows offset each "
           "other). The largest row is the bottleneck. Array formula over a range shaped like "
           "planned_counts.",
           "定位漏斗在哪个环节丢了赢单：把缺口（计划赢单 − 实际赢单）分解到漏斗顶部数量（第一行）和各阶段转化（第 k 行：转化进入第 k "
           "阶段），按对数份额计算：计划赢单 / 实际赢单 = (P0 / A0) × Π(计划转化率 / 实际转化率)，每一项分得缺口的 ln(该项) / "
           "ln(计划赢单 / 实际赢单)。各行合计等于缺口；超出计划的阶段为负数；完全按计划时全部为 0（只有赢单数符合计划时各行互相抵消）。"
           "数值最大的一行就是瓶颈。请在与计划数量形状相同的区域中以数组公式输入。"),
     sizeof funnel_gap_args / sizeof funnel_gap_args[0], funnel_gap_args, sgf_impl_funnel_gap,
     0, SGF_PURE},
};

SGF_FAMILY(revise, revise_functions);
