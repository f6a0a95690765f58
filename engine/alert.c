/* alert.c — traffic-light levels for a pace or attainment. Kept in the
 * engine so every host draws the boundaries the same way. */
#include "internal.h"

#include <math.h>

int sg_alert_classify(double value, double red_below, double amber_below, sg_alert_level *level,
                      sg_error *err) {
  if (!isfinite(value))
    return sg_fail(err, SG_ENONFINITE, SG_ALERT_ARG_VALUE, -1, value, 0, "value is not a finite number");
  /* 90 typed for 90% would read as 9000% and say GREEN: no pace or
   * attainment a planner tracks is 10 times the target. */
  if (value > SG_ALERT_MAX_VALUE)
    return sg_fail(err, SG_EPERCENT, SG_ALERT_ARG_VALUE, -1, value, value / 100,
                   "value %g is above %g: a pace is a fraction (did you mean %g?)", value,
                   SG_ALERT_MAX_VALUE, value / 100);
  if (!isfinite(red_below) || !isfinite(amber_below))
    return sg_fail(err, SG_ENONFINITE, SG_ALERT_ARG_THRESHOLDS, -1, red_below, amber_below,
                   "thresholds must be finite numbers");
  if (red_below > amber_below)
    return sg_fail(err, SG_ETHRESHOLDS, SG_ALERT_ARG_THRESHOLDS, -1, red_below, amber_below,
                   "red_below %g is above amber_below %g; red must be the lower threshold",
                   red_below, amber_below);
  /* Strict "below": a value exactly on a threshold takes the better level,
   * as in "green from 95%". */
  *level = value < red_below ? SG_ALERT_RED : value < amber_below ? SG_ALERT_AMBER : SG_ALERT_GREEN;
  return sg_ok(err);
}

const char *sg_alert_code(sg_alert_level level) {
  switch (level) {
  case SG_ALERT_RED: return "RED";
  case SG_ALERT_AMBER: return "AMBER";
  case SG_ALERT_GREEN: return "GREEN";
  default: return "?";
  }
}
