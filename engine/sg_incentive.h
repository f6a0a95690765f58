/* sg_incentive.h — incentives: KPI scorecards and tiered commission.
 * Part of the public API: included by salesgoal.h only, never on its own. */
#ifndef SALESGOAL_INCENTIVE_H
#define SALESGOAL_INCENTIVE_H

/* ------------------------------------------------------------ incentives
 * Weighted KPI scorecards and tiered commission (incentive.c). Ratios
 * within a relative 1e-9 of a breakpoint or gate count as on it, so
 * 350,000 / 500,000 reaches a 0.7 breakpoint even when 0.7 was typed as
 * 70% or computed; a value on a breakpoint belongs to the tier that starts
 * there (100% of quota earns the rate above 100%), in both commission
 * modes and for the gate. */

/* Argument positions; they match
 * SG_SCORE(actuals; targets; weights; cap; floor; gate; direction). */
enum {
  SG_SCORE_ARG_ACTUALS = 0,
  SG_SCORE_ARG_TARGETS = 1,
  SG_SCORE_ARG_WEIGHTS = 2,
  SG_SCORE_ARG_CAP = 3,
  SG_SCORE_ARG_FLOOR = 4,
  SG_SCORE_ARG_GATE = 5,
  SG_SCORE_ARG_DIRECTION = 6
};

typedef struct sg_score_input {
  size_t reps, metrics;   /* one row per rep, one column per metric; both >= 1 */
  const double *actuals;  /* reps x metrics, row-major, finite */
  const double *targets;  /* target_rows x metrics, target_rows 1 (shared) or reps */
  size_t target_rows;
  const double *weights;  /* weight_rows x metrics (1 or reps), >= 0, not all 0 in a row */
  size_t weight_rows;
  const double *caps;     /* metrics caps (+INFINITY = none), or NULL for none */
  const double *floors;   /* metrics floors, or NULL for 0 */
  double gate;            /* minimum attainment of metric 1, or -INFINITY for none */
  const double *directions; /* metrics values of 1 (higher is better) or -1, or NULL */
} sg_score_input;

/* scores[r] = sum_m w[r][m] * clamp(att[r][m], floor[m], cap[m]) / sum_m w[r][m],
 * or 0 when att[r][0] < gate. att = actual / target (direction 1) or
 * target / actual (direction -1: days to close, cost). Targets must be
 * more than 0 (SG_ENOTPOSITIVE, index = the target's cell). A
 * lower-is-better actual must be more than 0, except that an actual of 0
 * with a finite cap scores the cap (nothing better is possible). The gate
 * is compared with metric 1's attainment before floor and cap. Error
 * indexes are row-major cells of the argument as laid out here (targets
 * and weights with their own row counts; caps, floors and directions as
 * one list of metrics). */
int sg_score(const sg_score_input *in, double *scores, sg_error *err);

/* Argument positions; they match
 * SG_COMMISSION(revenue; quota; tiers; rates; mode; cap; factor). */
enum {
  SG_COMMISSION_ARG_REVENUE = 0,
  SG_COMMISSION_ARG_QUOTA = 1,
  SG_COMMISSION_ARG_TIERS = 2,
  SG_COMMISSION_ARG_RATES = 3,
  SG_COMMISSION_ARG_MODE = 4,
  SG_COMMISSION_ARG_CAP = 5,
  SG_COMMISSION_ARG_FACTOR = 6
};

typedef enum { SG_COMMISSION_MARGINAL = 0, SG_COMMISSION_RETROACTIVE = 1 } sg_commission_mode;

typedef struct sg_commission_plan {
  size_t ntiers;          /* >= 1 */
  const double *tiers;    /* attainment breakpoints: tiers[0] == 0, strictly increasing */
  const double *rates;    /* ntiers rates per unit of revenue, >= 0 */
  sg_commission_mode mode;
} sg_commission_plan;

/* SG_OK when the plan is valid. Tiers not starting at 0 or not increasing
 * give SG_ERANGE on SG_COMMISSION_ARG_TIERS (index = the bad breakpoint,
 * value = it, value2 = the one before, or 0 for index 0); negative or
 * non-finite rates SG_ENEGATIVE / SG_ENONFINITE on the rates. */
int sg_commission_check(const sg_commission_plan *plan, sg_error *err);

/* One rep's payout: tier k covers attainment [tiers[k], tiers[k+1]) of
 * quota (the last one is open). Marginal: each slice of revenue at its own
 * tier's rate; retroactive: all revenue at the rate of the highest tier
 * reached. Revenue below 0 (a clawback) is returned at the first tier's
 * rate in both modes (nothing when that rate is a 0 threshold). Then
 * payout = min(commission * factor, cap): the cap bounds what is paid,
 * after the factor; it does not raise a clawback. quota > 0; cap >= 0 or
 * +INFINITY for none; factor >= 0. Checks the plan too. */
int sg_commission(const sg_commission_plan *plan, double revenue, double quota, double cap,
                  double factor, double *payout, sg_error *err);

#endif /* SALESGOAL_INCENTIVE_H */
