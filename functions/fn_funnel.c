/* fn_funnel.c — SG_FUNNEL_BACKSOLVE and SG_FUNNEL_FORECAST. */
#include "sgf_internal.h"

#include <stdlib.h>

/* Argument positions are the engine's, which names them in sg_error.arg. */
enum {
  BS_TARGET = SG_BACKSOLVE_ARG_TARGET,
  BS_AVG_DEAL = SG_BACKSOLVE_ARG_AVG_DEAL,
  BS_RATES = SG_BACKSOLVE_ARG_RATES,
  BS_STAGE_DAYS = SG_BACKSOLVE_ARG_STAGE_DAYS,
  BS_DEADLINE = SG_BACKSOLVE_ARG_DEADLINE,
  BS_WHOLE = SG_BACKSOLVE_ARG_WHOLE
};

static int sgf_impl_funnel_backsolve(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double target, avg_deal, deadline = 0;
  int whole;
  if (sgf_arg_scalar(call, args, BS_TARGET, 0, 0, &target) != 0 ||
      sgf_arg_scalar(call, args, BS_AVG_DEAL, 0, 0, &avg_deal) != 0 ||
      sgf_arg_flag(call, args, BS_WHOLE, 1, &whole) != 0)
    return -1;
  int dated = !args[BS_STAGE_DAYS].omitted || !args[BS_DEADLINE].omitted;
  if (dated && args[BS_DEADLINE].omitted)
    return sgf_fail_arg(call, BS_DEADLINE,
                        "is needed with stage_days: the date the wins must be closed by.",
                        "提供阶段天数时必须同时提供截止日期：赢单的最晚日期。");
  if (dated && args[BS_STAGE_DAYS].omitted)
    return sgf_fail_arg(call, BS_STAGE_DAYS,
                        "is needed with deadline: one duration in days per conversion rate.",
                        "提供截止日期时必须同时提供阶段天数：每个转化率对应一个天数。");
  if (dated && sgf_arg_scalar(call, args, BS_DEADLINE, 0, 0, &deadline) != 0) return -1;

  double *rates = NULL, *days = NULL, *counts = NULL, *dates = NULL;
  size_t n = 0, ndays = 0;
  int rc = -1;
  if (sgf_arg_vector(call, args, BS_RATES, SGF_BLANK_REJECT, &rates, &n) != 0) goto done;
  if (dated) {
    if (sgf_arg_vector(call, args, BS_STAGE_DAYS, SGF_BLANK_REJECT, &days, &ndays) != 0) goto done;
    if (ndays != n) {
      sgf_fail_arg(call, BS_STAGE_DAYS, "has %zu durations but there are %zu conversion rates.",
                   "有 %zu 个天数，但转化率有 %zu 个。", ndays, n);
      goto done;
    }
  }
  counts = malloc((n + 1) * sizeof *counts);
  dates = malloc((n + 1) * sizeof *dates);
  if (!counts || !dates) {
    sgf_fail_nomem(call);
    goto done;
  }
  sg_error err;
  if (sg_funnel_backsolve(target, avg_deal, n, rates, whole, counts, &err) != SG_OK ||
      (dated && sg_funnel_schedule(n, days, deadline, dates, &err) != SG_OK)) {
    sgf_fail_engine(call, &err, args);
    goto done;
  }
  size_t cols = dated ? 2 : 1;
  if (sgf_grid_init(result, n + 1, cols) != 0) {
    sgf_fail_nomem(call);
    goto done;
  }
  for (size_t k = 0; k <= n; k++) {
    sgf_grid_set_number(result, k * cols, counts[k]);
    if (dated) sgf_grid_set_number(result, k * cols + 1, dates[k]);
  }
  rc = 0;
done:
  free(rates);
  free(days);
  free(counts);
  free(dates);
  return rc;
}

enum {
  FC_COUNTS = SG_FORECAST_ARG_COUNTS,
  FC_RATES = SG_FORECAST_ARG_RATES,
  FC_AVG_DEAL = SG_FORECAST_ARG_AVG_DEAL
};

static int sgf_impl_funnel_forecast(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  double avg_deal, revenue;
  if (sgf_arg_scalar(call, args, FC_AVG_DEAL, 0, 0, &avg_deal) != 0) return -1;
  double *counts = NULL, *rates = NULL;
  size_t ncounts = 0, nrates = 0;
  int rc = -1;
  if (sgf_arg_vector(call, args, FC_COUNTS, SGF_BLANK_ZERO, &counts, &ncounts) != 0 ||
      sgf_arg_vector(call, args, FC_RATES, SGF_BLANK_REJECT, &rates, &nrates) != 0)
    goto done;
  if (ncounts != nrates) {
    sgf_fail_arg(call, FC_RATES, "has %zu rates but counts has %zu stages; give one rate per stage.",
                 "有 %zu 个转化率，但数量有 %zu 个阶段；每个阶段需要一个转化率。", nrates, ncounts);
    goto done;
  }
  sg_error err;
  if (sg_funnel_forecast(ncounts, counts, rates, avg_deal, &revenue, &err) != SG_OK) {
    sgf_fail_engine(call, &err, args);
    goto done;
  }
  rc = sgf_result_number(call, revenue, result);
done:
  free(counts);
  free(rates);
  return rc;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg backsolve_args[] = {
    {"target", EN_ZH("target", "目标收入"),
     EN_ZH("Revenue to land, e.g. this quarter's target. 0 or more.",
           "需要达成的收入，例如本季度目标。大于或等于 0。"),
     0},
    {"avgDeal", EN_ZH("avg_deal", "平均单价"),
     EN_ZH("Average revenue per won deal. More than 0.", "每笔赢单的平均收入。必须大于 0。"), 0},
    {"rates", EN_ZH("rates", "转化率"),
     EN_ZH("Stage-to-stage conversion rates in funnel order, top first (e.g. lead→opportunity, "
           "opportunity→demo, demo→quote, quote→win), each more than 0 and at most 1. n rates "
           "mean n+1 stages.",
           "按漏斗顺序（自上而下）的阶段转化率，例如线索→商机、商机→演示、演示→报价、报价→赢单；每个大于 0 且不超过 1。"
           "n 个转化率对应 n+1 个阶段。"),
     0},
    {"stageDays", EN_ZH("stage_days", "阶段天数"),
     EN_ZH("Optional. Days each transition takes, one per rate. With deadline, adds a second "
           "column: the latest date each stage must be reached.",
           "可选。每次转化所需天数，与转化率一一对应。与截止日期一起使用时，增加第二列：每个阶段最晚需达到的日期。"),
     1},
    {"deadline", EN_ZH("deadline", "截止日期"),
     EN_ZH("Optional. The date the wins must be closed by (used with stage_days). Format the "
           "second result column as a date.",
           "可选。赢单的最晚日期（与阶段天数一起使用）。请将结果第二列设置为日期格式。"),
     1},
    {"whole", EN_ZH("whole", "取整"),
     EN_ZH("Optional. TRUE (default) rounds every stage up to whole deals and leads; FALSE keeps "
           "fractions.",
           "可选。TRUE（默认）把每个阶段向上取整为整数；FALSE 保留小数。"),
     1},
};

static const sgf_arg forecast_args[] = {
    {"counts", EN_ZH("counts", "各阶段数量"),
     EN_ZH("Deals now in each stage, top first, aligned with rates (won deals are not counted). "
           "Blank = 0.",
           "当前各阶段的商机数量，自上而下，与转化率对应（已赢单不计入）。空白视为 0。"),
     0},
    {"rates", EN_ZH("rates", "转化率"),
     EN_ZH("Conversion rate of each stage to the next, top first; the last one is the win rate.",
           "各阶段转化到下一阶段的比率，自上而下；最后一个为赢单率。"),
     0},
    {"avgDeal", EN_ZH("avg_deal", "平均单价"),
     EN_ZH("Average revenue per won deal. More than 0.", "每笔赢单的平均收入。必须大于 0。"), 0},
};

static const sgf_function funnel_functions[] = {
    {"SG_FUNNEL_BACKSOLVE",
     EN_ZH("Works a revenue target back through the funnel: wins = target / avg_deal, each "
           "earlier stage = next stage / its conversion rate, rounded up (unless whole is "
           "FALSE). Returns a column, top stage first, wins last; with stage_days and deadline "
           "a second column gives the latest date each stage must be reached. Array formula over "
           "one row per stage, or fill down =INDEX(SG_FUNNEL_BACKSOLVE(…); ROW()-1; 1) from row 2.",
           "把收入目标沿销售漏斗倒推：赢单数 = 目标 / 平均单价，之前每个阶段 = 下一阶段 / 其转化率，向上取整（取整为 FALSE "
           "时保留小数）。返回一列，最上层阶段在前、赢单在后；提供阶段天数和截止日期时，第二列给出各阶段最晚需达到的日期。请以数组公式输入（每个阶段一行），或从第 2 行起向下填充 "
           "=INDEX(SG_FUNNEL_BACKSOLVE(…); ROW()-1; 1)。"),
     sizeof backsolve_args / sizeof backsolve_args[0], backsolve_args,
     sgf_impl_funnel_backsolve, 0, SGF_PURE},
    {"SG_FUNNEL_FORECAST",
     EN_ZH("Expected revenue from today's pipeline: Σ count × (product of the rates from that "
           "stage down to the win) × avg_deal.",
           "当前销售管道的预期收入：Σ 各阶段数量 × 该阶段至赢单各转化率之积 × 平均单价。"),
     sizeof forecast_args / sizeof forecast_args[0], forecast_args,
     sgf_impl_funnel_forecast, 0, SGF_PURE},
};

SGF_FAMILY(funnel, funnel_functions);
