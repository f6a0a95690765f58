/*
 * salesgoal.h — the public API of the salesgoal calculation engine.
 *
 * The engine is pure computation: no I/O, no UNO, no global state. Every
 * function takes its inputs, writes results into caller-provided arrays and
 * returns a status code (SG_OK == 0). On failure the optional sg_error is
 * filled with the code, which argument and item are at fault, and an English
 * sentence; hosts (the spreadsheet layer) build localised messages from the
 * structured fields.
 */
#ifndef SALESGOAL_H
#define SALESGOAL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Each names one reason a planner can act on. */
#define SG_OK 0
#define SG_ENOMEM 1          /* out of memory */
#define SG_EINVAL 2          /* generic bad argument (see message) */
#define SG_ENONFINITE 3      /* NaN or infinity where a number is needed */
#define SG_ENEGATIVE 4       /* a value that must be >= 0 is negative */
#define SG_EFLOORCAP 5       /* floor above cap for one item */
#define SG_ENOTMULTIPLE 6    /* value is not a multiple of the rounding unit */
#define SG_EFLOORS 7         /* floors add up to more than what is left */
#define SG_ECAPS 8           /* caps add up to less than what is left */
#define SG_ELOCKED 9         /* everything locked but the locks miss the total */
#define SG_ENOROOM 10        /* no multiple of unit between an item's floor and cap */
#define SG_ETOOLARGE 11      /* too many unit steps for exact arithmetic */
#define SG_EZEROSUM 12       /* weights add up to zero where shares are needed */
#define SG_ERANGE 13         /* value outside its allowed interval */
#define SG_EINTERNAL 14      /* an invariant failed: a bug, please report */
#define SG_ERATE 15          /* a conversion rate outside (0, 1] */
#define SG_ENOTPOSITIVE 16   /* a value that must be > 0 is not */

#define SG_ERRMSG_SIZE 256

/* Where a failure happened. `arg` is the 0-based position of the input in
 * the corresponding spreadsheet function's argument list (documented for
 * each engine function), so hosts can name it; -1 when no single input is
 * at fault. `index` is the 0-based item within that input, -1 for none.
 * `value` and `value2` carry the numbers the message talks about. */
typedef struct sg_error {
  int code;
  int arg;
  long index;
  double value;
  double value2;
  char message[SG_ERRMSG_SIZE];
} sg_error;

/* A static English description of a status code ("out of memory", ...). */
const char *sg_errstr(int code);

/* ---------------------------------------------------------------- split */

/* Argument positions reported in sg_error.arg by sg_split; they match
 * SG_SPLIT(total; weights; unit; floors; caps; locked). */
enum {
  SG_SPLIT_ARG_TOTAL = 0,
  SG_SPLIT_ARG_WEIGHTS = 1,
  SG_SPLIT_ARG_UNIT = 2,
  SG_SPLIT_ARG_FLOORS = 3,
  SG_SPLIT_ARG_CAPS = 4,
  SG_SPLIT_ARG_LOCKED = 5
};

typedef struct sg_split_input {
  size_t n;               /* number of items (cells), >= 1 */
  double total;           /* amount to distribute, finite */
  const double *weights;  /* n weights >= 0 */
  const double *floors;   /* n floors >= 0, or NULL for all 0 */
  const double *caps;     /* n caps (+INFINITY = none), or NULL for none */
  const double *locked;   /* n values, NAN = free; or NULL for none locked */
  double unit;            /* > 0: results are multiples of unit; 0: exact */
} sg_split_input;

/* Split in->total over n items.
 *
 * Locked items keep their value; R = total - sum(locked) is spread over the
 * free items: item i gets clamp(lambda * w_i, floor_i, cap_i) with lambda
 * chosen so the free items sum to R (water-filling). When every free weight
 * is 0 the free items are weighted equally. With unit > 0 each result is a
 * multiple of unit and the results sum to total exactly: shares are rounded
 * down, then the leftover units go one each to the largest remainders (ties:
 * larger weight, then earlier item), never below a floor or above a cap.
 * Results are the nearest double to the decimal value (142.86, not
 * 142.85999...).
 *
 * out: n doubles, written only on success. Runs in O(n) expected time;
 * allocates O(n) scratch memory (SG_ENOMEM if that fails). */
int sg_split(const sg_split_input *in, double *out, sg_error *err);

/* ---------------------------------------------------------------- blend */

/* Argument positions for sg_blend; they match SG_BLEND(weights1; weights2; mix). */
enum { SG_BLEND_ARG_WEIGHTS1 = 0, SG_BLEND_ARG_WEIGHTS2 = 1, SG_BLEND_ARG_MIX = 2 };

/* out_i = mix * w1_i / sum(w1) + (1 - mix) * w2_i / sum(w2), 0 <= mix <= 1.
 * Weights must be finite and >= 0. A side whose weight is 0 (mix == 0 for
 * w1, mix == 1 for w2) may sum to 0; otherwise a zero sum is SG_EZEROSUM.
 * The results are shares that sum to 1. */
int sg_blend(size_t n, const double *w1, const double *w2, double mix,
             double *out, sg_error *err);

/* --------------------------------------------------------------- funnel */

/* Argument positions; they match
 * SG_FUNNEL_BACKSOLVE(target; avg_deal; rates; stage_days; deadline; whole)
 * and SG_FUNNEL_FORECAST(counts; rates; avg_deal). */
enum {
  SG_BACKSOLVE_ARG_TARGET = 0,
  SG_BACKSOLVE_ARG_AVG_DEAL = 1,
  SG_BACKSOLVE_ARG_RATES = 2,
  SG_BACKSOLVE_ARG_STAGE_DAYS = 3,
  SG_BACKSOLVE_ARG_DEADLINE = 4,
  SG_BACKSOLVE_ARG_WHOLE = 5
};
enum { SG_FORECAST_ARG_COUNTS = 0, SG_FORECAST_ARG_RATES = 1, SG_FORECAST_ARG_AVG_DEAL = 2 };

/* Required count per stage for a revenue target, top stage first, wins
 * last: counts[n] = target / avg_deal, counts[k] = counts[k+1] / rates[k].
 * With whole != 0 every step rounds up (half a lead does not exist); values
 * within a relative 1e-9 of an integer count as that integer, so 40 / 0.4
 * is 100, not 101. rates: n stage-to-stage conversion rates in (0, 1],
 * top to bottom. counts: n + 1 doubles. target >= 0, avg_deal > 0. */
int sg_funnel_backsolve(double target, double avg_deal, size_t n, const double *rates, int whole,
                        double *counts, sg_error *err);

/* Latest date each stage must be reached: dates[n] = deadline (wins),
 * dates[k] = dates[k+1] - stage_days[k]. Dates are day serials, so any
 * NullDate works unchanged. stage_days: n durations >= 0. */
int sg_funnel_schedule(size_t n, const double *stage_days, double deadline, double *dates,
                       sg_error *err);

/* Expected revenue from the deals now in each stage:
 * sum_k counts[k] * prod_{j >= k} rates[j] * avg_deal. counts and rates:
 * n values each, top to bottom; counts >= 0; deals already won are not in
 * counts. */
int sg_funnel_forecast(size_t n, const double *counts, const double *rates, double avg_deal,
                       double *revenue, sg_error *err);

#ifdef __cplusplus
}
#endif
#endif /* SALESGOAL_H */
