/* fn_time.c — SG_PERIODS, SG_RAMP and SG_PROGRESS: dates in the calling
 * document's NullDate system in and out, the engine's 1899-12-30 serials
 * in between (serial + call->null_date_offset). */
#include "sgf_internal.h"

#include <math.h>
#include <stdlib.h>

/* ------------------------------------------------------------- helpers */

/* A date argument as an engine serial. Range checks are the engine's. */
static int read_date(sgf_call *call, const sgf_grid *args, size_t argi, double *serial) {
  double v;
  if (sgf_arg_scalar(call, args, argi, 0, 0, &v) != 0) return -1;
  *serial = v + call->null_date_offset;
  return 0;
}

/* Engine errors carry engine serials; the planner typed document serials. */
static int fail_engine(sgf_call *call, const sg_error *e, const sgf_grid *args) {
  sg_error copy = *e;
  if (e->code == SG_EDATE) copy.value -= call->null_date_offset;
  return sgf_fail_engine(call, &copy, args);
}

/* ------------------------------------------------------ column forms */

/* Per-rep arguments are single cells or equal-length rows/columns: a
 * whole team in one array formula. *n is the common length (1 when every
 * one is a single cell); *shape the first range, for the result's shape. */
static int rep_count(sgf_call *call, const sgf_grid *args, const size_t *argis, size_t nargis,
                     size_t *n, const sgf_grid **shape) {
  size_t ref = SGF_NO_ARG;
  *n = 1;
  *shape = NULL;
  for (size_t k = 0; k < nargis; k++) {
    const sgf_grid *g = &args[argis[k]];
    size_t len = sgf_grid_size(g);
    if (g->omitted || len == 1) continue; /* missing: sgf_arg_scalar says so */
    if (g->rows != 1 && g->cols != 1)
      return sgf_fail_arg(call, argis[k],
                          "must be one value or a single column (one row per rep), got a %zu x "
                          "%zu range.",
                          "必须是单个值或单列（每位销售一行），实际是 %zu 行 × %zu 列的区域。", g->rows,
                          g->cols);
    if (ref == SGF_NO_ARG) {
      ref = argis[k];
      *n = len;
      *shape = g;
    } else if (len != *n) {
      const char *refname = call->fn->args[ref].display[call->lang];
      return sgf_fail_arg(call, argis[k],
                          "has %zu values but %s has %zu; give one value for every rep or "
                          "columns of the same length.",
                          "有 %zu 个值，而 %s 有 %zu 个；请给出适用于全部的单个值，或长度相同的列。", len,
                          refname, *n);
    }
  }
  return 0;
}

/* Argument argi as n numbers (a single cell repeated), dates shifted to
 * engine serials. */
static int read_reps(sgf_call *call, const sgf_grid *args, size_t argi, size_t n, int date,
                     double *out) {
  if (sgf_grid_size(&args[argi]) == 1 || args[argi].omitted) {
    double v;
    if (sgf_arg_scalar(call, args, argi, 0, 0, &v) != 0) return -1;
    for (size_t i = 0; i < n; i++) out[i] = v;
  } else if (sgf_arg_numbers(call, args, argi, SGF_BLANK_REJECT, out) != 0) {
    return -1;
  }
  if (date)
    for (size_t i = 0; i < n; i++) out[i] += call->null_date_offset;
  return 0;
}

/* An engine failure for rep i: point at the rep's cell when the argument
 * at fault is a range. */
static int fail_rep(sgf_call *call, sg_error *err, const sgf_grid *args, size_t i) {
  if (err->arg >= 0 && (size_t)err->arg < call->fn->nargs &&
      sgf_grid_size(&args[err->arg]) > 1 && err->index < 0)
    err->index = (long)i;
  return fail_engine(call, err, args);
}

/* A one-number-per-rep result: shaped like the rep range (row in, row out),
 * else one cell. */
static int init_rep_result(sgf_call *call, const sgf_grid *shape, size_t n, sgf_grid *result) {
  int rc = shape ? sgf_grid_init(result, shape->rows, shape->cols) : sgf_grid_init(result, n, 1);
  return rc != 0 ? sgf_fail_nomem(call) : 0;
}

/* ----------------------------------------------------------- SG_PERIODS */

/* Argument positions are the engine's, which names them in sg_error.arg. */
enum {
  P_TOTAL = SG_PERIODS_ARG_TOTAL,
  P_START = SG_PERIODS_ARG_START,
  P_END = SG_PERIODS_ARG_END,
  P_GRAIN = SG_PERIODS_ARG_GRAIN,
  P_SEASON = SG_PERIODS_ARG_SEASONALITY,
  P_UNIT = SG_PERIODS_ARG_UNIT,
  P_FISCAL = SG_PERIODS_ARG_FISCAL,
  P_HOLIDAYS = SG_PERIODS_ARG_HOLIDAYS
};

static const sgf_choice grains[] = {
    {SG_GRAIN_MONTH, {"month", "monthly", "months", "月", "月度", NULL}},
    {SG_GRAIN_QUARTER, {"quarter", "quarterly", "quarters", "季度", "季", NULL}},
    {SG_GRAIN_WEEK, {"week", "weekly", "weeks", "周", "星期", NULL}},
    {SG_GRAIN_DAY, {"day", "daily", "days", "日", "天", NULL}},
};

/* Holidays: any range of dates, blanks skipped; sorted for the engine.
 * When the argument is given at all, Saturday and Sunday are off too (as
 * in Calc's NETWORKDAYS). */
static int read_holidays(sgf_call *call, const sgf_grid *args, long **days, size_t *n) {
  const sgf_grid *g = &args[P_HOLIDAYS];
  size_t count = sgf_grid_size(g), k = 0;
  *days = NULL;
  *n = 0;
  double *values = malloc((count ? count : 1) * sizeof *values);
  long *out = malloc((count ? count : 1) * sizeof *out);
  if (!values || !out) {
    free(values);
    free(out);
    return sgf_fail_nomem(call);
  }
  if (sgf_arg_numbers(call, args, P_HOLIDAYS, SGF_BLANK_NAN, values) != 0) goto fail;
  for (size_t i = 0; i < count; i++) {
    if (isnan(values[i])) continue;
    sg_error err;
    if (sg_date_check(values[i] + call->null_date_offset, P_HOLIDAYS, &out[k], &err) != SG_OK) {
      err.index = (long)i;
      fail_engine(call, &err, args);
      goto fail;
    }
    k++;
  }
  free(values);
  *days = out;
  *n = sg_holidays_sort(out, k);
  return 0;
fail:
  free(values);
  free(out);
  return -1;
}

static int sgf_impl_periods(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  sg_periods_input in = {.fiscal_start_month = 1};
  double fiscal;
  int grain;
  if (sgf_arg_scalar(call, args, P_TOTAL, 0, 0, &in.total) != 0 ||
      read_date(call, args, P_START, &in.start) != 0 ||
      read_date(call, args, P_END, &in.end) != 0 ||
      sgf_arg_choice(call, args, P_GRAIN, grains, sizeof grains / sizeof grains[0],
                     SG_GRAIN_MONTH, "must be \"month\", \"quarter\", \"week\" or \"day\".",
                     "必须是 \"month\"（月）、\"quarter\"（季度）、\"week\"（周）或 \"day\"（日）。",
                     &grain) != 0 ||
      sgf_arg_scalar(call, args, P_UNIT, 1, 0, &in.unit) != 0 ||
      sgf_arg_scalar(call, args, P_FISCAL, 1, 1, &fiscal) != 0)
    return -1;
  if (!(fiscal >= 1 && fiscal <= 12 && fiscal == floor(fiscal))) {
    sgf_vars vars = {.v = fiscal};
    return sgf_fail_vars(call, P_FISCAL, "must be a month number from 1 to 12 (4 = April), got {v}.",
                         "必须是 1 到 12 的月份数（4 = 四月），实际为 {v}。", &vars);
  }
  in.grain = (sg_grain)grain;
  in.fiscal_start_month = (int)fiscal;

  sg_error err;
  size_t n = 0;
  if (sg_periods_count(in.start, in.end, in.grain, in.fiscal_start_month, &n, &err) != SG_OK)
    return fail_engine(call, &err, args);

  double *season = NULL, *buf = NULL;
  long *holidays = NULL;
  size_t nseason = 0, nholidays = 0;
  sg_workweek ww = {.weekend = 0x60};
  int rc = -1;
  if (!args[P_SEASON].omitted) {
    if (sgf_arg_vector(call, args, P_SEASON, SGF_BLANK_ZERO, &season, &nseason) != 0) goto done;
    in.seasonality = season;
    in.nseasonality = nseason;
    if (sg_periods_per_period(&in, n) && nseason != n) {
      sgf_fail_arg(call, P_SEASON,
                   "has %zu weights; give 12 monthly weights (January to December) or one per "
                   "period (start to end holds %zu periods).",
                   "有 %zu 个权重；请给出 12 个月度权重（一月至十二月），或每个期间一个权重（开始至结束共 %zu "
                   "个期间）。",
                   nseason, n);
      goto done;
    }
  }
  if (!args[P_HOLIDAYS].omitted) {
    if (read_holidays(call, args, &holidays, &nholidays) != 0) goto done;
    ww.holidays = holidays;
    ww.nholidays = nholidays;
    in.workweek = &ww;
  }
  buf = malloc(2 * n * sizeof *buf);
  if (!buf) {
    sgf_fail_nomem(call);
    goto done;
  }
  if (sg_periods(&in, n, buf, buf + n, &err) != SG_OK) {
    fail_engine(call, &err, args);
    goto done;
  }
  if (sgf_grid_init(result, n, 2) != 0) {
    sgf_fail_nomem(call);
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    sgf_grid_set_number(result, 2 * i, buf[i] - call->null_date_offset);
    sgf_grid_set_number(result, 2 * i + 1, buf[n + i]);
  }
  rc = 0;
done:
  free(season);
  free(holidays);
  free(buf);
  return rc;
}

/* -------------------------------------------------------------- SG_RAMP */

enum {
  R_QUOTA = SG_RAMP_ARG_QUOTA,
  R_HIRE = SG_RAMP_ARG_HIRE,
  R_START = SG_RAMP_ARG_START,
  R_END = SG_RAMP_ARG_END,
  R_RAMP = SG_RAMP_ARG_RAMP
};

static int sgf_impl_ramp(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  static const size_t per_rep[] = {R_QUOTA, R_HIRE, R_START, R_END};
  size_t n;
  const sgf_grid *shape;
  if (rep_count(call, args, per_rep, 4, &n, &shape) != 0) return -1;
  double *v = malloc(4 * n * sizeof *v), *ramp = NULL;
  size_t nramp = 0;
  int rc = -1;
  if (!v) return sgf_fail_nomem(call);
  double *quota = v, *hire = v + n, *start = v + 2 * n, *end = v + 3 * n;
  if (read_reps(call, args, R_QUOTA, n, 0, quota) != 0 ||
      read_reps(call, args, R_HIRE, n, 1, hire) != 0 ||
      read_reps(call, args, R_START, n, 1, start) != 0 ||
      read_reps(call, args, R_END, n, 1, end) != 0)
    goto done;
  if (!args[R_RAMP].omitted &&
      sgf_arg_vector(call, args, R_RAMP, SGF_BLANK_REJECT, &ramp, &nramp) != 0)
    goto done;
  if (init_rep_result(call, shape, n, result) != 0) goto done;
  for (size_t i = 0; i < n; i++) {
    double target;
    sg_error err;
    if (sg_ramp(quota[i], hire[i], start[i], end[i], ramp, nramp, &target, &err) != SG_OK) {
      sgf_grid_free(result);
      fail_rep(call, &err, args, i);
      goto done;
    }
    sgf_grid_set_number(result, i, target);
  }
  rc = 0;
done:
  free(v);
  free(ramp);
  return rc;
}

/* ---------------------------------------------------------- SG_PROGRESS */

enum {
  G_TARGET = SG_PROGRESS_ARG_TARGET,
  G_ACTUAL = SG_PROGRESS_ARG_ACTUAL,
  G_START = SG_PROGRESS_ARG_START,
  G_END = SG_PROGRESS_ARG_END,
  G_ASOF = SG_PROGRESS_ARG_AS_OF,
  G_METRIC = SG_PROGRESS_ARG_METRIC,
  G_SEASON = SG_PROGRESS_ARG_SEASONALITY
};

#define ALL_METRICS (-1)
static const sgf_choice metrics[] = {
    {SG_PROGRESS_ATTAINMENT, {"attainment", "1", "达成率", NULL}},
    {SG_PROGRESS_EXPECTED, {"expected", "expected_to_date", "2", "应完成", NULL}},
    {SG_PROGRESS_PACE, {"pace", "3", "进度", NULL}},
    {SG_PROGRESS_GAP, {"gap", "4", "差距", NULL}},
    {SG_PROGRESS_REQUIRED, {"required_per_day", "required", "5", "日均所需", NULL}},
    {SG_PROGRESS_FORECAST, {"forecast", "6", "预测", NULL}},
};

/* Why a single requested figure does not exist (see sg_progress). */
static int fail_undefined(sgf_call *call, int metric, double gap) {
  sgf_vars vars = {.v = gap};
  switch (metric) {
  case SG_PROGRESS_ATTAINMENT:
    return sgf_fail_vars(call, G_TARGET, "is 0, so attainment (actual / target) is undefined.",
                         "为 0，因此达成率（实际 / 目标）无定义。", &vars);
  case SG_PROGRESS_PACE:
    return sgf_fail_vars(call, G_ASOF,
                         "nothing is expected yet (before the start, a target of 0, or no "
                         "seasonal weight so far), so pace (actual / expected) is undefined.",
                         "截至该日尚无应完成额（早于开始日期、目标为 0 或至今季节权重为 0），因此进度（实际 / "
                         "应完成）无定义。",
                         &vars);
  case SG_PROGRESS_FORECAST:
    return sgf_fail_vars(call, G_ASOF,
                         "no part of the period has elapsed yet (or it carries no seasonal "
                         "weight), so there is no run rate to forecast from.",
                         "期间尚未开始（或已过部分的季节权重为 0），没有可用于预测的进度。", &vars);
  case SG_PROGRESS_REQUIRED:
  default:
    return sgf_fail_vars(call, G_ASOF,
                         "no day of the period is left and {v} is still missing, so no daily "
                         "amount can close the gap.",
                         "期间已无剩余天数，仍差 {v}，无法计算日均所需。", &vars);
  }
}

static int sgf_impl_progress(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  static const size_t per_rep[] = {G_TARGET, G_ACTUAL, G_START, G_END, G_ASOF};
  double out[SG_PROGRESS_COUNT];
  int metric;
  size_t n;
  const sgf_grid *shape, *mg = &args[G_METRIC];
  if (rep_count(call, args, per_rep, 5, &n, &shape) != 0) return -1;
  double *v = malloc(5 * n * sizeof *v), *season = NULL;
  if (!v) return sgf_fail_nomem(call);
  double *target = v, *actual = v + n, *start = v + 2 * n, *end = v + 3 * n, *as_of = v + 4 * n;
  size_t nseason = 0;
  int rc = -1;
  if (read_reps(call, args, G_TARGET, n, 0, target) != 0 ||
      read_reps(call, args, G_ACTUAL, n, 0, actual) != 0 ||
      read_reps(call, args, G_START, n, 1, start) != 0 ||
      read_reps(call, args, G_END, n, 1, end) != 0 ||
      read_reps(call, args, G_ASOF, n, 1, as_of) != 0)
    goto done;
  /* A metric may also be given by its number 1..6. */
  if (!mg->omitted && sgf_grid_size(mg) == 1 && mg->cells[0].kind == SGF_NUMBER) {
    double m = mg->cells[0].number;
    if (!(m >= 1 && m <= SG_PROGRESS_COUNT && m == floor(m))) {
      sgf_fail_arg(call, G_METRIC, "must be a metric name or a number from 1 to 6.",
                   "必须是指标名称或 1 到 6 的数字。");
      goto done;
    }
    metric = (int)m - 1;
  } else if (sgf_arg_choice(call, args, G_METRIC, metrics, sizeof metrics / sizeof metrics[0],
                            ALL_METRICS,
                            "must be \"attainment\", \"expected\", \"pace\", \"gap\", "
                            "\"required_per_day\" or \"forecast\" (or omitted for all six).",
                            "必须是 \"attainment\"、\"expected\"、\"pace\"、\"gap\"、\"required_per_day\" 或 "
                            "\"forecast\"（省略则返回全部六项）。",
                            &metric) != 0) {
    goto done;
  }
  if (!args[G_SEASON].omitted) {
    if (sgf_arg_vector(call, args, G_SEASON, SGF_BLANK_ZERO, &season, &nseason) != 0) goto done;
    if (nseason != 12) {
      sgf_fail_arg(call, G_SEASON, "has %zu weights; give 12 monthly weights, January to December.",
                   "有 %zu 个权重；请给出 12 个月度权重（一月至十二月）。", nseason);
      goto done;
    }
  }
  if (!shape) { /* one rep: a single undefined metric is an error with its reason */
    sg_error err;
    if (sg_progress(target[0], actual[0], start[0], end[0], as_of[0], season, out, &err) !=
        SG_OK) {
      fail_engine(call, &err, args);
      goto done;
    }
    if (metric != ALL_METRICS && isnan(out[metric])) {
      fail_undefined(call, metric, out[SG_PROGRESS_GAP]);
      goto done;
    }
  }
  /* A team on one period shares the seasonal shares: computed once. */
  sg_progress_season ctx;
  sg_error perr;
  if (shape && sg_progress_prepare(season, &ctx, &perr) != SG_OK) {
    fail_engine(call, &perr, args);
    goto done;
  }
  size_t width = metric == ALL_METRICS ? SG_PROGRESS_COUNT : 1;
  if (metric == ALL_METRICS ? sgf_grid_init(result, n, SG_PROGRESS_COUNT) != 0
                            : init_rep_result(call, shape, n, result) != 0) {
    sgf_fail_nomem(call);
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    sg_error err;
    if (shape && sg_progress_with(&ctx, target[i], actual[i], start[i], end[i], as_of[i], out,
                                  &err) != SG_OK) {
      sgf_grid_free(result);
      fail_rep(call, &err, args, i);
      goto done;
    }
    for (size_t k = 0; k < width; k++) {
      double x = out[metric == ALL_METRICS ? (int)k : metric];
      /* One undefined figure must not hide the others: #N/A in Calc. */
      if (isnan(x)) sgf_grid_set_error(result, i * width + k);
      else sgf_grid_set_number(result, i * width + k, x);
    }
  }
  rc = 0;
done:
  free(v);
  free(season);
  return rc;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg periods_args[] = {
    {"total", EN_ZH("total", "总额"),
     EN_ZH("The amount to spread over the periods, e.g. a rep's yearly target.",
           "要按期间分解的总额，例如某销售代表的年度目标。"),
     0},
    {"start", EN_ZH("start", "开始日期"),
     EN_ZH("First day of the plan (a date). A time of day is ignored.",
           "计划的第一天（日期）。忽略时间部分。"),
     0},
    {"end", EN_ZH("end", "结束日期"),
     EN_ZH("Last day of the plan, included. Not before start.",
           "计划的最后一天（含当天）。不得早于开始日期。"),
     0},
    {"grain", EN_ZH("grain", "粒度"),
     EN_ZH("Optional. \"month\" (default), \"quarter\", \"week\" (ISO weeks, Monday to Sunday) or "
           "\"day\".",
           "可选。\"month\"（月，默认）、\"quarter\"（季度）、\"week\"（ISO 周，周一至周日）或 \"day\"（日）。"),
     1},
    {"seasonality", EN_ZH("seasonality", "季节性"),
     EN_ZH("Optional. 12 monthly weights, January to December (any scale, need not add up to "
           "100; a day weighs its month's weight / days in that month), or one weight per output "
           "period. With grain month, 12 weights are always January to December, also for a plan "
           "starting in April: list them from January. Omitted = every day weighs the same.",
           "可选。12 个月度权重（一月至十二月，比例任意，合计无需为 100；每天的权重 = 当月权重 / "
           "当月天数），或每个输出期间一个权重。粒度为月时，12 个权重始终表示一月至十二月，计划从四月开始也一样："
           "请从一月起列出。省略时每天权重相同。"),
     1},
    {"unit", EN_ZH("unit", "取整单位"),
     EN_ZH("Optional. Round every amount to a multiple of this (1, 100, 0.01) while the amounts "
           "still add up to total exactly (largest remainder). If total is not a multiple, the "
           "period with the largest amount (ties: the earlier) also takes the amount below one "
           "unit. Omitted or 0 = no rounding.",
           "可选。每个金额取整为该单位的整数倍（如 1、100、0.01），合计仍精确等于总额（最大余数法）。总额不是该单位的"
           "整数倍时，金额最大的期间（相同时取较早者）额外承担不足一个单位的余数。省略或 0 表示不取整。"),
     1},
    {"fiscalStartMonth", EN_ZH("fiscal_start_month", "财年起始月"),
     EN_ZH("Optional. Month the fiscal year starts in, 1 to 12 (default 1). Moves quarter "
           "boundaries: 4 makes Q1 April to June.",
           "可选。财年开始的月份，1 到 12（默认 1）。决定季度边界：4 表示第一季度为四月至六月。"),
     1},
    {"holidays", EN_ZH("holidays", "节假日"),
     EN_ZH("Optional. Dates of holidays (any range, blanks ignored). When given, only working "
           "days carry weight: Saturdays, Sundays and these dates count 0, as in NETWORKDAYS.",
           "可选。节假日日期（任意区域，忽略空白）。提供后只有工作日计入权重：周六、周日和这些日期计为 "
           "0，与 NETWORKDAYS 相同。"),
     1},
};

static const sgf_arg ramp_args[] = {
    {"quota", EN_ZH("quota", "全额指标"),
     EN_ZH("The full target for the period, as for a fully ramped rep. 0 or more.",
           "该期间的完整指标（按已完全上岗人员计）。大于或等于 0。"),
     0},
    {"hireDate", EN_ZH("hire_date", "入职日期"),
     EN_ZH("The new hire's first day. Tenure month 1 starts on it, month 2 on the same day of "
           "the next month (Jan 31 -> Feb 28 or 29).",
           "新员工的第一天。司龄第 1 个月从这一天开始，第 2 个月从下个月同一天开始（1 月 31 日 -> 2 月 28 或 29 日）。"),
     0},
    {"periodStart", EN_ZH("period_start", "期间开始"),
     EN_ZH("First day of the period the quota is for.", "指标所属期间的第一天。"), 0},
    {"periodEnd", EN_ZH("period_end", "期间结束"),
     EN_ZH("Last day of the period, included.", "期间的最后一天（含当天）。"), 0},
    {"ramp", EN_ZH("ramp", "爬坡系数"),
     EN_ZH("Optional. Factor per tenure month, e.g. 0.3; 0.6; 1 (a row or column, 0 or more); "
           "after the last one every day counts in full. Omitted = pro rata by days employed.",
           "可选。每个司龄月的系数，例如 0.3; 0.6; 1（单行或单列，大于或等于 0）；超出后每天按全额计。"
           "省略时按在职天数折算。"),
     1},
};

static const sgf_arg progress_args[] = {
    {"target", EN_ZH("target", "目标"),
     EN_ZH("The target for the whole period. 0 or more.", "整个期间的目标。大于或等于 0。"), 0},
    {"actual", EN_ZH("actual", "实际"),
     EN_ZH("What has been achieved so far (may be negative after returns).",
           "截至目前的实际完成额（有退货时可为负）。"),
     0},
    {"start", EN_ZH("start", "开始日期"),
     EN_ZH("First day of the period.", "期间的第一天。"), 0},
    {"end", EN_ZH("end", "结束日期"),
     EN_ZH("Last day of the period, included. Not before start.",
           "期间的最后一天（含当天）。不得早于开始日期。"),
     0},
    {"asOf", EN_ZH("as_of", "截至日期"),
     EN_ZH("The day actual counts up to, included (e.g. TODAY()-1). Before start = nothing "
           "elapsed; after end = all of it.",
           "实际完成额截至的日期（含当天，例如 TODAY()-1）。早于开始日期视为尚未开始；晚于结束日期视为全部已过。"),
     0},
    {"metric", EN_ZH("metric", "指标"),
     EN_ZH("Optional. One of \"attainment\", \"expected\", \"pace\", \"gap\", "
           "\"required_per_day\", \"forecast\" (or 1 to 6) to get just that number. Omitted = a "
           "row of all six.",
           "可选。\"attainment\"（达成率）、\"expected\"（应完成）、\"pace\"（进度）、\"gap\"（差距）、"
           "\"required_per_day\"（日均所需）、\"forecast\"（预测）之一（或 1 到 6），只返回该数值。省略时返回六项一行。"),
     1},
    {"seasonality", EN_ZH("seasonality", "季节性"),
     EN_ZH("Optional. 12 monthly weights, January to December: expected and forecast then follow "
           "the seasonal share of the period elapsed (a partial month pro rata by days) instead of "
           "the share of days.",
           "可选。12 个月度权重（一月至十二月）：应完成额和预测按已过的季节性份额计算（不足一月按天数折算），而非按天数比例。"),
     1},
};

static const sgf_function time_functions[] = {
    {"SG_PERIODS",
     EN_ZH("Spreads a total over calendar periods from start to end: returns one row per period "
           "(month, fiscal quarter, ISO week or day) with the period's first day and its amount. "
           "A partial first or last period starts on start and gets its share pro rata by days; "
           "amounts follow the seasonality (12 monthly weights or one per period; per-period "
           "weights are used as given) and, with holidays, working days only. With unit the "
           "amounts are multiples of it (but one plug period when total is not) and add up to "
           "total exactly. Errors if no day carries "
           "weight. Array formula, 2 columns; format the first as a date. Or fill down from row 2 "
           "=INDEX(SG_PERIODS(…); ROW()-1; 2) for the amounts (1 for the dates).",
           "把总额按日历期间（月、财年季度、ISO 周或日）从开始日期分解到结束日期：每个期间返回一行，包括期间第一天和金额。"
           "首尾不完整的期间从开始日期起算，并按天数折算份额；金额按季节性分配（12 个月度权重或每期一个权重；每期权重按原值使用），"
           "提供节假日时只计工作日。指定取整单位时，金额都是该单位的整数倍（总额不是整数倍时由一个期间承担余数），且合计精确等于总额。没有任何一天有权重时报错。"
           "请以两列的数组公式输入，第一列设置为日期格式；或从第 2 行起向下填充 =INDEX(SG_PERIODS(…); ROW()-1; 2) 取金额（1 取日期）。"),
     sizeof periods_args / sizeof periods_args[0], periods_args, sgf_impl_periods,
     1, SGF_PURE},
    {"SG_RAMP",
     EN_ZH("A new hire's target for a period: each day is worth quota / days in the period, days "
           "before the hire date 0, and a day in tenure month m counts ramp[m] of its worth (in "
           "full after the ramp). E.g. quota 30,000 for June 2026, hired June 16, ramp 0.3; 0.6; "
           "1 gives 30,000 / 30 x 15 x 0.3 = 4,500. For a whole team give quota, hire_date, period_start "
           "and period_end as equal-length columns (a single value applies to every rep) and enter "
           "it as an array formula over one column with a row per rep.",
           "新员工在某期间的指标：每天价值 = 全额指标 / 期间天数，入职前的天数为 0，司龄第 m 个月的每天按爬坡系数[m] "
           "计（爬坡结束后按全额）。例如 2026 年 6 月指标 30,000，6 月 16 日入职，爬坡 0.3; 0.6; 1，结果为 30,000 / 30 × "
           "15 × 0.3 = 4,500。整个团队可一次计算：全额指标、入职日期、期间开始和期间结束给出长度相同的列（单个值适用于每位销售），"
           "在每位销售一行的单列区域中以数组公式输入。"),
     sizeof ramp_args / sizeof ramp_args[0], ramp_args, sgf_impl_ramp, 1, SGF_PURE},
    {"SG_PROGRESS",
     EN_ZH("Pacing as of a date. Returns a row {attainment, expected, pace, gap, "
           "required_per_day, forecast}, or one of them with metric. Days count inclusively; f = "
           "days(start..as_of) / days(start..end), or the seasonal share. attainment = actual / "
           "target; expected = target x f; pace = actual / expected; gap = target - actual; "
           "required_per_day = max(gap, 0) / days left after as_of; forecast = actual / f. A figure "
           "that does not exist shows #N/A in the row (a single metric is an error with a "
           "message): attainment when target is 0; pace when expected is 0 (as_of before start, "
           "target 0); forecast when nothing has elapsed; required_per_day when no day is left and "
           "gap > 0 (it is 0 when nothing is missing). Enter the row as an array formula over 6 "
           "cells, or one figure with metric as a normal formula. For a whole team give target, "
           "actual, start, end and as_of as equal-length columns (a single value applies to every "
           "rep): the array formula returns one row per rep, 6 columns wide (1 with metric, an "
           "undefined figure then #N/A).",
           "截至某日的进度。返回一行 {达成率, 应完成, 进度, 差距, 日均所需, 预测}，指定指标时只返回其中一项。天数含首尾；f = "
           "天数(开始..截至) / 天数(开始..结束)，或季节性份额。达成率 = 实际 / 目标；应完成 = 目标 × f；进度 = 实际 / 应完成；"
           "差距 = 目标 − 实际；日均所需 = max(差距, 0) / 截至日之后的剩余天数；预测 = 实际 / f。不存在的数值在结果行中显示 "
           "#N/A（单独指定指标时报错并说明原因）：目标为 0 时的达成率；应完成为 0 时（截至日早于开始、目标为 0）的进度；尚未开始时的预测；"
           "没有剩余天数且差距 > 0 时的日均所需（没有差距时为 0）。整行请以 6 个单元格的数组公式输入；指定指标时以普通公式输入。"
           "整个团队可一次计算：目标、实际、开始日期、结束日期和截至日期给出长度相同的列"
           "（单个值适用于每位销售），数组公式每位销售返回一行，共 6 列（指定指标时 1 列，不存在的数值显示 #N/A）。"),
     sizeof progress_args / sizeof progress_args[0], progress_args,
     sgf_impl_progress, 1, SGF_PURE},
};

SGF_FAMILY(time, time_functions);
