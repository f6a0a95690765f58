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
/* Snapshot store (store.c) and trend (trend.c). */
#define SG_ESTORE_OPEN 17    /* store location cannot be opened/created for writing */
#define SG_ESTORE_BUSY 18    /* store stayed locked by another writer beyond the timeout */
#define SG_ESTORE_CORRUPT 19 /* store file is damaged or not a database at all */
#define SG_ESTORE_FOREIGN 20 /* a SQLite file that is not a salesgoal store */
#define SG_ESTORE_NEWER 21   /* store written by a newer salesgoal (unknown schema) */
#define SG_ESTORE_FULL 22    /* disk (or quota) full */
#define SG_ESTORE_IO 23      /* any other read/write failure of the store */
#define SG_ETOOFEW 24        /* too few points (e.g. a trend needs 2 distinct dates) */
/* Patterns (regex.c) and alerts (alert.c). */
#define SG_EPATTERN 25       /* not a valid regular expression (value = offset, value2 = PCRE2 code) */
#define SG_EMATCHLIMIT 26    /* a match needed too much backtracking (catastrophic pattern) */
#define SG_ETHRESHOLDS 27    /* red_below above amber_below */
/* Calendar, periods, ramp and progress (calendar.c, periods.c, progress.c). */
#define SG_EDATE 28          /* not a date between 0001-01-01 and 9999-12-31 */
#define SG_EDATEORDER 29     /* end date before start date (value = start, value2 = end) */
#define SG_ETOOMANY 30       /* more periods than one result can hold (value = count, value2 = max) */
#define SG_ECOUNT 31         /* wrong number of values (value = given, value2 = needed) */
#define SG_ENODAYS 32        /* no day of the range carries any weight */

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
 * larger weight, then earlier item), never below a floor or above a cap
 * (both rounded inward to multiples of unit). Results are the nearest
 * double to the decimal value (142.86, not 142.85999...).
 *
 * Plug cell: when total - sum(locked) is not a multiple of unit (a locked
 * value need not be one: it is kept as given), the whole units of it are
 * split as above and the amount below one unit goes to one free item, the
 * plug: the one with the largest rounded result (ties: the earlier item)
 * among the items with a weight whose cap leaves room for it. The plug is
 * total minus every other result, so the results add up to total exactly;
 * every other free item is a multiple of unit. A value counts as a multiple
 * only when it is exactly the double nearest one (no tolerance), so
 * 100000000000.001 with unit 1 has a plug of ...000.001. SG_ENOPLUG when
 * no item's cap has room.
 *
 * out: n doubles, written only on success. Runs in O(n) expected time;
 * allocates scratch memory for the items whose floors or caps can bind and,
 * with a unit, 8 bytes an item (SG_ENOMEM if that fails; sg_split_with
 * reuses it from call to call). */
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

/* --------------------------------------------------------------- patterns
 *
 * Regular expressions on unit paths (PCRE2, UTF-8, Unicode properties on:
 * \w matches 张 and \d matches ٣). A cache owns compiled patterns, so the
 * same pattern in 10,000 cells is compiled once; it also owns the match
 * scratch (match data, JIT stack), which is why a cache serves one thread at
 * a time: callers that share one serialise their calls. Every match runs
 * under a match limit and a depth limit, so a catastrophic pattern such as
 * (a+)+$ fails with SG_EMATCHLIMIT in milliseconds instead of hanging.
 * Patterns are JIT-compiled when PCRE2 has JIT, else interpreted. Text that
 * is not valid UTF-8 never matches in its invalid parts (no error). */

typedef struct sg_regex_cache sg_regex_cache;
typedef struct sg_regex sg_regex; /* a compiled pattern owned by its cache */

#define SG_REGEX_CACHE_DEFAULT 256u    /* entries kept when capacity is 0 */
#define SG_REGEX_MATCH_LIMIT 1000000u  /* default backtracking budget per match */
#define SG_REGEX_DEPTH_LIMIT 10000u    /* default nesting budget per match */
#define SG_REGEX_NO_JIT 1u             /* create flag: interpret even if JIT exists */
#define SG_REGEX_NO_LITERAL 2u         /* create flag: plain-character patterns through PCRE2 too */

typedef struct sg_regex_stats {
  size_t compiles;   /* pcre2_compile calls so far (misses, failures included) */
  size_t hits;       /* lookups answered from the cache */
  size_t evictions;  /* entries dropped to stay within capacity */
  size_t entries;    /* patterns held now */
  size_t jit;        /* patterns JIT-compiled so far (0 without JIT) */
  size_t probes;     /* hash-table entries visited so far (lookups, removals,
                      * rehashing): the cache's work, countable by tests */
} sg_regex_stats;

/* A cache keeping up to capacity patterns (0 = SG_REGEX_CACHE_DEFAULT);
 * when full, the least recently used pattern that nobody holds is dropped.
 * flags: 0, SG_REGEX_NO_JIT, SG_REGEX_NO_LITERAL (tests). NULL when out of memory. */
sg_regex_cache *sg_regex_cache_create(size_t capacity, unsigned flags);
/* Frees the cache and every pattern in it. Accepts NULL. Patterns still
 * held become invalid. */
void sg_regex_cache_free(sg_regex_cache *cache);
/* Budgets for later matches (0 keeps the current value). */
void sg_regex_cache_set_limits(sg_regex_cache *cache, unsigned match_limit, unsigned depth_limit);
void sg_regex_cache_stats(const sg_regex_cache *cache, sg_regex_stats *stats);

/* The compiled form of pattern[0..len), from the cache or compiled now, and
 * held (never evicted) until sg_regex_release; hold several at once freely.
 * A bad pattern gives SG_EPATTERN with value = character offset (0-based)
 * where PCRE2 stopped and value2 = PCRE2's error code; the message quotes
 * PCRE2's text. Failures are cached too, so a bad pattern repeated in many
 * cells costs one compile. err->arg and err->index are -1: callers set them. */
int sg_regex_compile(sg_regex_cache *cache, const char *pattern, size_t len, sg_regex **re,
                     sg_error *err);
void sg_regex_release(sg_regex_cache *cache, sg_regex *re); /* accepts NULL */
/* 1 when re is "^" followed by plain characters only (no regex syntax), so
 * it matches exactly the subjects starting with *prefix (len bytes): callers
 * with many subjects may then search sorted subjects instead of matching
 * each. 0 otherwise (and always with SG_REGEX_NO_LITERAL). */
int sg_regex_literal_prefix(const sg_regex *re, const char **prefix, size_t *len);

/* *matched = 1 when re matches somewhere in subject[0..len) (use ^ and $ to
 * anchor), else 0. SG_EMATCHLIMIT when the budget runs out. */
int sg_regex_match(sg_regex_cache *cache, const sg_regex *re, const char *subject, size_t len,
                   int *matched, sg_error *err);

/* PCRE2's English text for an error code (as found in value2 of an
 * SG_EPATTERN error) into buf. Returns buf. */
const char *sg_regex_error_text(int pcre2_code, char *buf, size_t size);

/* ----------------------------------------------------------------- alerts */

/* Argument positions; they match SG_ALERT(value; thresholds; unit; rules;
 * what) and SG_ROLLUP(paths; values; pattern; mode). */
enum {
  SG_ALERT_ARG_VALUE = 0,
  SG_ALERT_ARG_THRESHOLDS = 1,
  SG_ALERT_ARG_UNIT = 2,
  SG_ALERT_ARG_RULES = 3,
  SG_ALERT_ARG_WHAT = 4
};
enum { SG_ROLLUP_ARG_PATHS = 0, SG_ROLLUP_ARG_VALUES = 1, SG_ROLLUP_ARG_PATTERN = 2, SG_ROLLUP_ARG_MODE = 3 };

#define SG_ALERT_RED_BELOW 0.85   /* default thresholds (fractions of plan) */
#define SG_ALERT_AMBER_BELOW 0.95

typedef enum { SG_ALERT_GREEN = 0, SG_ALERT_AMBER = 1, SG_ALERT_RED = 2 } sg_alert_level;

/* value < red_below -> RED; value < amber_below -> AMBER; else GREEN. So a
 * value exactly at red_below is AMBER and exactly at amber_below GREEN.
 * Needs finite numbers and red_below <= amber_below (SG_ETHRESHOLDS with
 * value = red_below, value2 = amber_below, arg = SG_ALERT_ARG_THRESHOLDS). */
int sg_alert_classify(double value, double red_below, double amber_below, sg_alert_level *level,
                      sg_error *err);
/* "RED", "AMBER", "GREEN": fixed codes in every language. */
const char *sg_alert_code(sg_alert_level level);

typedef enum {
  SG_ROLLUP_SUM = 0,
  SG_ROLLUP_COUNT,
  SG_ROLLUP_AVG,
  SG_ROLLUP_MIN,
  SG_ROLLUP_MAX
} sg_rollup_mode;

typedef struct sg_rollup_input {
  size_t n;                     /* rows */
  const char *const *paths;     /* n NUL-terminated UTF-8 paths; NULL = blank row, skipped */
  const double *values;         /* n values; NaN = blank, skipped; +-inf is an error */
  size_t npatterns;
  const char *const *patterns;  /* npatterns patterns; NULL = blank, result NaN */
  sg_rollup_mode mode;
} sg_rollup_input;

/* For each pattern k, aggregate the values of the rows whose path matches
 * it (rows with a blank path or value are skipped): out[k] = sum (0 when
 * nothing matches, compensated summation), count, average, minimum or
 * maximum. Average, minimum and maximum of no rows are NaN, as is the
 * result of a blank pattern. Errors name SG_ROLLUP_ARG_PATTERN (index =
 * pattern) or SG_ROLLUP_ARG_VALUES (index = row). Costs n x npatterns
 * matches; each distinct pattern compiles once in the cache. */
int sg_rollup(sg_regex_cache *cache, const sg_rollup_input *in, double *out, sg_error *err);

/* ------------------------------------------------------------- calendar
 *
 * Dates are whole day serials counted from 1899-12-30 (serial 0), Calc's
 * default NullDate: 1 = 1899-12-31, 46023 = 2026-01-01. A document with
 * another NullDate converts on the way in (serial + offset; 1462 for
 * 1904-01-01) and back on the way out; the spreadsheet layer does that, the
 * engine sees one system. The calendar is proleptic Gregorian; valid dates
 * are 0001-01-01 .. 9999-12-31. Functions taking a `long` serial expect a
 * valid one (check with sg_date_check). */

#define SG_DATE_MIN (-693593L) /* 0001-01-01 */
#define SG_DATE_MAX 2958465L   /* 9999-12-31 */

typedef struct sg_date {
  int year, month, day; /* month 1..12, day 1..31 */
} sg_date;

/* Serial of a civil date (month 1..12, day 1..days in that month). */
long sg_date_serial(int year, int month, int day);
sg_date sg_date_civil(long serial);
/* A date argument: finite and within SG_DATE_MIN..SG_DATE_MAX after
 * dropping the time of day (floor). SG_EDATE names `arg` otherwise. */
int sg_date_check(double serial, int arg, long *day, sg_error *err);

int sg_leap_year(int year);             /* 1 for 2024 and 2000, 0 for 2100 */
int sg_month_days(int year, int month); /* 28..31 */
int sg_weekday(long serial);            /* ISO 8601: 1 = Monday ... 7 = Sunday */
long sg_month_start(long serial);
/* The same day `months` later (or earlier when negative), clamped to the
 * end of a shorter month: Jan 31 + 1 month = Feb 28 (Feb 29 in leap years). */
long sg_add_months(long serial, int months);
long sg_week_start(long serial); /* the Monday on or before (ISO weeks) */
/* ISO 8601 week: weeks start on Monday and week 1 holds the year's first
 * Thursday, so 2026-12-28 is in week 53 of 2026 and 2027-01-01 too. */
void sg_iso_week(long serial, int *iso_year, int *week);
/* Fiscal years start on the 1st of fiscal_start_month (1..12; 1 = the
 * calendar year); quarters are three-month blocks from there. */
long sg_fiscal_year_start(long serial, int fiscal_start_month);
long sg_quarter_start(long serial, int fiscal_start_month);
int sg_fiscal_quarter(long serial, int fiscal_start_month); /* 1..4 */

typedef enum { SG_GRAIN_DAY, SG_GRAIN_WEEK, SG_GRAIN_MONTH, SG_GRAIN_QUARTER } sg_grain;

/* First day of the period of `grain` holding serial, and the first day of
 * the following period (fiscal_start_month matters for quarters only). */
long sg_period_start(long serial, sg_grain grain, int fiscal_start_month);
long sg_period_next(long period_start, sg_grain grain, int fiscal_start_month);

/* Which days are worked: weekdays not in `weekend` and not holidays. */
typedef struct sg_workweek {
  unsigned weekend;       /* bit (d - 1) set = ISO weekday d is off; 0x60 = Sat + Sun */
  const long *holidays;   /* ascending, no duplicates (see sg_holidays_sort) */
  size_t nholidays;
} sg_workweek;

/* Sort serials ascending and drop duplicates in place; returns the new count. */
size_t sg_holidays_sort(long *days, size_t n);
/* ww == NULL means every day is worked. */
int sg_is_working_day(long serial, const sg_workweek *ww);
/* Working days in first..last inclusive (0 when last < first); O(1) plus the
 * holidays inside the range. */
long sg_working_days(long first, long last, const sg_workweek *ww);

/* --------------------------------------------------------------- periods */

/* Argument positions; they match SG_PERIODS(total; start; end; grain;
 * seasonality; unit; fiscalStartMonth; holidays). */
enum {
  SG_PERIODS_ARG_TOTAL = 0,
  SG_PERIODS_ARG_START = 1,
  SG_PERIODS_ARG_END = 2,
  SG_PERIODS_ARG_GRAIN = 3,
  SG_PERIODS_ARG_SEASONALITY = 4,
  SG_PERIODS_ARG_UNIT = 5,
  SG_PERIODS_ARG_FISCAL = 6,
  SG_PERIODS_ARG_HOLIDAYS = 7
};

/* Calc's row limit: a longer result could not be shown anyway. */
#define SG_PERIODS_MAX 1048576

/* Number of periods of `grain` touching start..end (serials, start <= end):
 * SG_EDATE, SG_EDATEORDER, SG_ERANGE (fiscal month), SG_ETOOMANY. */
int sg_periods_count(double start, double end, sg_grain grain, int fiscal_start_month, size_t *n,
                     sg_error *err);

typedef struct sg_periods_input {
  double total;
  double start, end;         /* serials; partial first and last periods are clipped */
  sg_grain grain;
  int fiscal_start_month;    /* 1..12 */
  /* NULL: every (working) day weighs the same. nseasonality == 12 and
   * (grain == MONTH or the period count is not 12): calendar months
   * Jan..Dec, a day weighing w[month] / (working) days in that month.
   * Otherwise nseasonality must equal the period count: one weight per
   * period, used as given even for a clipped period. Weights >= 0; only
   * their ratios matter. */
  const double *seasonality;
  size_t nseasonality;
  double unit;               /* as in sg_split */
  const sg_workweek *workweek; /* NULL: every day is worked */
} sg_periods_input;

/* 1 when in's seasonality is read per period, 0 when by calendar month
 * (or absent), for n periods. */
int sg_periods_per_period(const sg_periods_input *in, size_t n);

/* Split in->total over the n periods (n from sg_periods_count) in
 * proportion to their weights, through sg_split: with a unit every amount
 * is a multiple of it and the amounts add up to total exactly. starts[i]
 * is the first day of period i inside start..end. SG_ENODAYS when every
 * period weighs 0. Allocates O(n). */
int sg_periods(const sg_periods_input *in, size_t n, double *starts, double *amounts,
               sg_error *err);

/* ------------------------------------------------------ ramp and progress */

/* Argument positions; they match SG_RAMP(quota; hireDate; periodStart;
 * periodEnd; ramp). */
enum {
  SG_RAMP_ARG_QUOTA = 0,
  SG_RAMP_ARG_HIRE = 1,
  SG_RAMP_ARG_START = 2,
  SG_RAMP_ARG_END = 3,
  SG_RAMP_ARG_RAMP = 4
};

/* A new hire's target for start..end: each day is worth quota / days;
 * days before hire are worth 0; a day in tenure month m (month 1 starts on
 * the hire date, month m on sg_add_months(hire, m - 1)) is scaled by
 * ramp[m - 1], and by 1 once the ramp is over. ramp may be NULL (n = 0):
 * pro rata by days employed. quota >= 0, ramp values >= 0. */
int sg_ramp(double quota, double hire, double start, double end, const double *ramp, size_t nramp,
            double *target, sg_error *err);

/* Argument positions; they match SG_PROGRESS(target; actual; start; end;
 * asOf; metric; seasonality). */
enum {
  SG_PROGRESS_ARG_TARGET = 0,
  SG_PROGRESS_ARG_ACTUAL = 1,
  SG_PROGRESS_ARG_START = 2,
  SG_PROGRESS_ARG_END = 3,
  SG_PROGRESS_ARG_AS_OF = 4,
  SG_PROGRESS_ARG_METRIC = 5,
  SG_PROGRESS_ARG_SEASONALITY = 6
};

/* Positions in sg_progress's output. */
enum {
  SG_PROGRESS_ATTAINMENT = 0, /* actual / target */
  SG_PROGRESS_EXPECTED,       /* target x share of the period elapsed by as_of */
  SG_PROGRESS_PACE,           /* actual / expected */
  SG_PROGRESS_GAP,            /* target - actual */
  SG_PROGRESS_REQUIRED,       /* max(gap, 0) / days left after as_of */
  SG_PROGRESS_FORECAST,       /* actual / share elapsed */
  SG_PROGRESS_COUNT
};

/* Pacing of actual against target over start..end as of as_of. Days count
 * inclusively; as_of before start means nothing elapsed, after end means
 * all. The share elapsed is days(start..as_of) / days(start..end), or with
 * 12 calendar-month weights (season, else NULL) the seasonal share, a
 * partial month pro rata by days. target >= 0; actual any finite number.
 * A figure that does not exist is NAN: attainment when target is 0; pace
 * when expected is 0; forecast when the share elapsed is 0; required when
 * no day is left and the gap is positive (0 when nothing is missing). */
int sg_progress(double target, double actual, double start, double end, double as_of,
                const double *season, double out[SG_PROGRESS_COUNT], sg_error *err);

/* ------------------------------------------- split: plug cell (split.c)
 * With a unit, a total (or remainder after the locks) that is not a
 * multiple of the unit is split anyway: one free item, the plug, takes the
 * amount below one unit (see sg_split). SG_ENOPLUG when no free item's cap
 * leaves room for it (value = the amount, value2 = the unit). The code is
 * 40 to stay clear of codes other sections add after 32. */
#define SG_ENOPLUG 40
/* Weights so far apart in size (ratios beyond ~1e300) that even a long
 * double water level cannot split them exactly. */
#define SG_EWEIGHTS 41
/* A result would not be a finite double (beyond about 1.8e308): inputs
 * near the limits of a double (ramp, funnel forecast, progress, ...). */
#define SG_EOVERFLOW 42

/* After a snprintf of `len` bytes (its return value) into buf[size]: when it
 * did not fit, cut buf at a UTF-8 character boundary and end it with "…",
 * so a long message never ends in half a Chinese character. */
void sg_utf8_fit(char *buf, size_t size, int len);

/* sg_alert_classify refuses a pace or attainment above this (10 = 1000%):
 * 90 is 90% typed as a number. SG_EPERCENT: value = the value, value2 =
 * value / 100, the fraction the planner probably meant. */
#define SG_ALERT_MAX_VALUE 10.0
#define SG_EPERCENT 43
/* The rest of the API, one header per part (each included here only). */
#include "sg_store.h"
#include "sg_incentive.h"
#include "sg_decompose.h"
#include "sg_revise.h"

/* ------------------------------------ column forms: pacing a whole team (progress.c)
 * What every rep of one SG_PROGRESS column shares: the normalised monthly
 * weights, and the seasonal shares of the last period and as-of date asked
 * for (a team on one period and one as-of date computes them once). */
#define SG_PROGRESS_CACHED_MONTHS 36
typedef struct sg_progress_season {
  int seasonal;
  double w[12];
  long a, b, last; /* the period and clamped as-of date den and num are for */
  double den, num;
  /* For periods of up to SG_PROGRESS_CACHED_MONTHS months: where each
   * month of the period starts and the seasonal weight of the period's
   * months before it, so num for any as-of date is one more term. */
  int nmonths;
  long month_start[SG_PROGRESS_CACHED_MONTHS];
  double before[SG_PROGRESS_CACHED_MONTHS];
} sg_progress_season;

/* Prepare for season (12 monthly weights, or NULL for a share of days);
 * fails like sg_progress on bad weights. */
int sg_progress_prepare(const double *season, sg_progress_season *ctx, sg_error *err);

/* sg_progress with the weights of ctx: the same figures, bit for bit. */
int sg_progress_with(sg_progress_season *ctx, double target, double actual, double start,
                     double end, double as_of, double out[SG_PROGRESS_COUNT], sg_error *err);
/* ------------------------------------------------------------ hardening
 *
 * Limits that keep one call's work and one file's growth bounded, the
 * revisions an overwrite keeps, and which documents may use a plan.
 * (Codes start at 60 to stay clear of other sections' numbering.) */

#define SG_ETOOLONG 60       /* a name longer than allowed (value = characters, value2 = max) */
#define SG_ESTORE_DENIED 61  /* the plan belongs to another document (not granted to this one) */
#define SG_EBUDGET 62        /* one call used up its matching time (value = seconds) */
#define SG_ENUL 63           /* text containing a NUL character (U+0000) */
#define SG_ETOOMANYRULES 64  /* more rules than one call takes (value = given, value2 = max) */

/* Plan and unit names: at most this many characters (UTF-8 characters,
 * not bytes), so one formula cannot fill the disk with 10 KB names. */
#define SG_STORE_MAX_NAME 256
/* The WAL is checkpointed after every write and truncated to 0 bytes once
 * it is larger than this. */
#define SG_STORE_WAL_TRUNCATE_BYTES (4L * 1024 * 1024)

/* One stored value of a snapshot. sg_store_put never destroys a value: an
 * overwrite that changes target or actual first keeps the old pair as a
 * revision (a trigger in the file, so every program obeys it). */
typedef struct sg_revision {
  double as_of, target, actual;
  double written;  /* unix seconds the value was written; NaN if unknown (schema 1 rows) */
  double replaced; /* unix seconds it was overwritten; NaN for the current value */
} sg_revision;

/* Every value (plan, unit) ever held, by as_of, each day's replaced values
 * oldest first and its current value last. *rows as for sg_store_history. */
int sg_store_revisions(sg_store *store, const char *plan, const char *unit, sg_revision **rows,
                       size_t *n, sg_error *err);

/* Document access. A plan belongs to the document that first wrote it (its
 * identity as the host gives it, e.g. the document's URL); other documents
 * may read or write it only once granted (sg_store_grant, done outside any
 * document: a command line, or the user's environment through the host).
 * sg_store_access checks (plan, document) before a read or write and, on
 * the first write of a plan nobody owns, makes the document its owner.
 * document == NULL means a host without documents (tests, command line):
 * always allowed. SG_ESTORE_DENIED otherwise. Plans written before schema
 * version 3 have no owner until their next write. */
enum { SG_STORE_READ = 0, SG_STORE_WRITE = 1 };
int sg_store_access(sg_store *store, const char *plan, const char *document, int mode,
                    sg_error *err);
int sg_store_grant(sg_store *store, const char *plan, const char *document, sg_error *err);

/* Work per call. A match limit bounds one match; a call making many
 * matches is bounded by time: after sg_regex_cache_budget(cache, s), the
 * matches made until the next budget call may take s seconds in all (the
 * clock starts at the first match), after which sg_regex_match fails with
 * SG_EBUDGET (value = s). s <= 0 removes the budget. Each match also runs
 * under a heap limit (SG_REGEX_HEAP_KIB) and fails with SG_EMATCHLIMIT
 * beyond it. */
#define SG_REGEX_CALL_SECONDS 1.0
#define SG_REGEX_HEAP_KIB 20000u
void sg_regex_cache_budget(sg_regex_cache *cache, double seconds);

/* SG_ALERT takes at most this many rules per call (SG_ETOOMANYRULES). */
#define SG_ALERT_MAX_RULES 100000u

/* ------------------------------------- split: reusable scratch (split.c)
 * sg_split needs scratch memory: the items its water level search has not
 * decided at once, the candidates for the last leftover unit, and with a
 * plug one step count per item. sg_split gets it per call and frees it; a
 * caller making many splits (a bench, a cascade, a whole sheet) keeps one
 * context instead, so the memory is reused: the context's buffers grow to
 * the largest split seen and are kept until sg_split_ctx_free. A context
 * belongs to its creator: one split at a time (no sharing across threads);
 * results never depend on what it held before. */
typedef struct sg_split_ctx sg_split_ctx;
sg_split_ctx *sg_split_ctx_new(void); /* NULL when out of memory */
void sg_split_ctx_free(sg_split_ctx *ctx); /* NULL is fine */
/* sg_split with ctx's scratch (ctx NULL: the call's own, like sg_split). */
int sg_split_with(sg_split_ctx *ctx, const sg_split_input *in, double *out, sg_error *err);

#ifdef __cplusplus
}
#endif
#endif /* SALESGOAL_H */
