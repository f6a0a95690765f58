/* sg_revise.h — setting and revising targets: baseline, re-phase, capacity, funnel gap.
 * Part of the public API: included by salesgoal.h only, never on its own. */
#ifndef SALESGOAL_REVISE_H
#define SALESGOAL_REVISE_H

/* ------------------------------------------------ setting and revising targets
 * (revise.c) How hard a target is against history, re-phasing the rest of a
 * period after actuals came in, team capacity and hires, and which funnel
 * stage cost the wins. */

/* Argument positions; they match SG_BASELINE(history; target; what). */
enum { SG_BASELINE_ARG_HISTORY = 0, SG_BASELINE_ARG_TARGET = 1, SG_BASELINE_ARG_WHAT = 2 };

/* Positions in sg_baseline's output. */
enum {
  SG_BASELINE_VALUE = 0,  /* last x (1 + growth): next period on the trend */
  SG_BASELINE_GROWTH,     /* (last / first)^(1 / (n - 1)) - 1, compound per period */
  SG_BASELINE_VOLATILITY, /* sample standard deviation of the period-on-period growth rates */
  SG_BASELINE_Z,          /* (target / last - 1 - growth) / volatility */
  SG_BASELINE_COUNT
};

/* Trend of n >= 2 past values (oldest first, each finite and > 0) and how
 * many standard deviations of past growth *target (NULL = none; finite,
 * >= 0) asks for beyond the trend. A figure that does not exist is NAN:
 * volatility with fewer than 3 values, z without a target or with
 * volatility 0 (a volatility below 1e-12 x (1 + mean |rate|) is rounding
 * noise and counts as 0). SG_ETOOFEW (value = n, value2 = 2),
 * SG_ENOTPOSITIVE / SG_ENONFINITE naming the value, SG_ENEGATIVE for the
 * target, SG_ERANGE when the trend overflows a double. */
int sg_baseline(size_t n, const double *history, const double *target,
                double out[SG_BASELINE_COUNT], sg_error *err);

/* Argument positions; they match SG_REPHASE(new_total; plan; actuals; unit). */
enum {
  SG_REPHASE_ARG_NEW_TOTAL = 0,
  SG_REPHASE_ARG_PLAN = 1,
  SG_REPHASE_ARG_ACTUALS = 2,
  SG_REPHASE_ARG_UNIT = 3
};

/* Re-phase n periods to new_total: a period with an actual (not NAN; 0
 * included, negative allowed) is closed and keeps it; the open periods
 * (actuals[i] NAN) share R = new_total - sum(actuals) in proportion to
 * plan (>= 0; all 0 on the open periods: evenly): sg_split with the
 * actuals as locks, so with unit > 0 the open amounts are multiples of
 * unit except one plug cell that takes the part of R below one unit, and
 * everything adds up to new_total. R within rounding noise of 0 is 0. Errors: SG_ERANGE (arg ACTUALS, value = sum of actuals,
 * value2 = new_total) when the actuals exceed new_total; SG_ELOCKED
 * (value = sum of actuals, value2 = new_total) when every period is closed
 * and the actuals miss new_total; others as sg_split's, naming this
 * function's arguments (index = the period). Allocates O(n) in sg_split. */
int sg_rephase(double new_total, size_t n, const double *plan, const double *actuals, double unit,
               double *out, sg_error *err);

/* Argument positions; they match SG_CAPACITY(quotas; hire_dates; start;
 * end; ramp; attainment; target). The first five equal SG_RAMP's, so
 * sg_ramp's errors name the right argument. */
enum {
  SG_CAPACITY_ARG_QUOTAS = SG_RAMP_ARG_QUOTA,
  SG_CAPACITY_ARG_HIRE_DATES = SG_RAMP_ARG_HIRE,
  SG_CAPACITY_ARG_START = SG_RAMP_ARG_START,
  SG_CAPACITY_ARG_END = SG_RAMP_ARG_END,
  SG_CAPACITY_ARG_RAMP = SG_RAMP_ARG_RAMP,
  SG_CAPACITY_ARG_ATTAINMENT = 5,
  SG_CAPACITY_ARG_TARGET = 6
};

/* Positions in sg_capacity's output. */
enum {
  SG_CAPACITY_VALUE = 0, /* attainment x sum of the reps' ramped quotas */
  SG_CAPACITY_GAP,       /* max(target - capacity, 0) */
  SG_CAPACITY_HIRES,     /* ceil(gap / what one hire on start delivers) */
  SG_CAPACITY_PER_HIRE,  /* attainment x SG_RAMP(average quota, start, start, end, ramp) */
  SG_CAPACITY_COUNT
};

typedef struct sg_capacity_input {
  size_t n;                 /* reps, >= 1 */
  const double *quotas;     /* n full quotas for the period, >= 0 */
  const double *hire_dates; /* n day serials (1899-12-30 system) */
  double start, end;        /* the period, serials, end >= start */
  const double *ramp;       /* nramp factors per tenure month (>= 0), or NULL */
  size_t nramp;
  double attainment;        /* expected share of quota delivered, finite, >= 0 */
  const double *target;     /* NULL = none; finite, >= 0 */
} sg_capacity_input;

/* Team capacity through sg_ramp (one ramp rule for the whole engine) and
 * the hires that close the gap to the target; a hire joins on start with
 * the team's average quota. gap and hires are NAN without a target; hires
 * is NAN when a hire would deliver nothing (per_hire 0) and gap > 0, 0 when
 * gap is 0. Errors are sg_ramp's with index = the rep for quotas and hire
 * dates, SG_ETOOFEW (value 0) for no rep, SG_ENEGATIVE / SG_ENONFINITE for
 * attainment and target. */
int sg_capacity(const sg_capacity_input *in, double out[SG_CAPACITY_COUNT], sg_error *err);

/* Argument positions; they match SG_FUNNEL_GAP(planned_counts; actual_counts). */
enum { SG_FUNNEL_GAP_ARG_PLANNED = 0, SG_FUNNEL_GAP_ARG_ACTUAL = 1 };

/* Where the missing wins went, for n >= 1 stages (top first, wins last;
 * counts finite and > 0): W_plan / W_act = (P0 / A0) x prod_k (plan rate k /
 * actual rate k) with rate k = count k / count k-1, and row k gets
 * L x ln(term k), L = the logarithmic mean of W_plan and W_act
 * ((W_plan - W_act) / ln(W_plan / W_act), W when they are equal). That is
 * the ln(term) / ln(W_plan / W_act) share of the shortfall, and the
 * rows add up to W_plan - W_act (the rounding residue goes to the largest
 * row). A stage that beat plan gets a negative number. SG_ENOTPOSITIVE /
 * SG_ENEGATIVE / SG_ENONFINITE name the argument and the stage. */
int sg_funnel_gap(size_t n, const double *planned, const double *actual, double *out,
                  sg_error *err);


#endif /* SALESGOAL_REVISE_H */
