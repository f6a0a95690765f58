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

int sgf_impl_funnel_backsolve(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
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

int sgf_impl_funnel_forecast(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
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
