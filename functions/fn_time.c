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

int sgf_impl_periods(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
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

int sgf_impl_ramp(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double quota, hire, start, end, target;
  if (sgf_arg_scalar(call, args, R_QUOTA, 0, 0, &quota) != 0 ||
      read_date(call, args, R_HIRE, &hire) != 0 || read_date(call, args, R_START, &start) != 0 ||
      read_date(call, args, R_END, &end) != 0)
    return -1;
  double *ramp = NULL;
  size_t nramp = 0;
  if (!args[R_RAMP].omitted &&
      sgf_arg_vector(call, args, R_RAMP, SGF_BLANK_REJECT, &ramp, &nramp) != 0)
    return -1;
  sg_error err;
  int rc = -1;
  if (sg_ramp(quota, hire, start, end, ramp, nramp, &target, &err) != SG_OK)
    fail_engine(call, &err, args);
  else
    rc = sgf_result_number(call, target, result);
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

int sgf_impl_progress(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double target, actual, start, end, as_of, out[SG_PROGRESS_COUNT];
  int metric;
  const sgf_grid *mg = &args[G_METRIC];
  if (sgf_arg_scalar(call, args, G_TARGET, 0, 0, &target) != 0 ||
      sgf_arg_scalar(call, args, G_ACTUAL, 0, 0, &actual) != 0 ||
      read_date(call, args, G_START, &start) != 0 || read_date(call, args, G_END, &end) != 0 ||
      read_date(call, args, G_ASOF, &as_of) != 0)
    return -1;
  /* A metric may also be given by its number 1..6. */
  if (!mg->omitted && sgf_grid_size(mg) == 1 && mg->cells[0].kind == SGF_NUMBER) {
    double v = mg->cells[0].number;
    if (!(v >= 1 && v <= SG_PROGRESS_COUNT && v == floor(v)))
      return sgf_fail_arg(call, G_METRIC, "must be a metric name or a number from 1 to 6.",
                          "必须是指标名称或 1 到 6 的数字。");
    metric = (int)v - 1;
  } else if (sgf_arg_choice(call, args, G_METRIC, metrics, sizeof metrics / sizeof metrics[0],
                            ALL_METRICS,
                            "must be \"attainment\", \"expected\", \"pace\", \"gap\", "
                            "\"required_per_day\" or \"forecast\" (or omitted for all six).",
                            "必须是 \"attainment\"、\"expected\"、\"pace\"、\"gap\"、\"required_per_day\" 或 "
                            "\"forecast\"（省略则返回全部六项）。",
                            &metric) != 0) {
    return -1;
  }
  double *season = NULL;
  size_t nseason = 0;
  if (!args[G_SEASON].omitted) {
    if (sgf_arg_vector(call, args, G_SEASON, SGF_BLANK_ZERO, &season, &nseason) != 0) return -1;
    if (nseason != 12) {
      free(season);
      return sgf_fail_arg(call, G_SEASON, "has %zu weights; give 12 monthly weights, January to December.",
                          "有 %zu 个权重；请给出 12 个月度权重（一月至十二月）。", nseason);
    }
  }
  sg_error err;
  int rc = sg_progress(target, actual, start, end, as_of, season, out, &err);
  free(season);
  if (rc != SG_OK) return fail_engine(call, &err, args);

  if (metric != ALL_METRICS) {
    if (isnan(out[metric])) return fail_undefined(call, metric, out[SG_PROGRESS_GAP]);
    return sgf_result_number(call, out[metric], result);
  }
  if (sgf_grid_init(result, 1, SG_PROGRESS_COUNT) != 0) return sgf_fail_nomem(call);
  for (size_t i = 0; i < SG_PROGRESS_COUNT; i++) {
    /* One undefined figure must not hide the other five: #N/A in Calc. */
    if (isnan(out[i])) sgf_grid_set_error(result, i);
    else sgf_grid_set_number(result, i, out[i]);
  }
  return 0;
}
