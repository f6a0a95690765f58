/* calendar.c — day serials <-> civil dates, month / quarter / ISO-week
 * boundaries, fiscal years and working days. Pure integer arithmetic: no
 * tables of years, no time zones, no locale. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>

/* 1970-01-01 is serial 25569 in the 1899-12-30 system. */
#define UNIX_EPOCH_SERIAL 25569L

/* Floor division and modulo: C's / and % truncate, which is wrong for
 * dates before 1899 and month indices before year 0. */
static long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
static long floor_mod(long a, long b) { return a - floor_div(a, b) * b; }

/* Howard Hinnant's days_from_civil / civil_from_days (public domain
 * algorithms): eras of 400 years, years starting on March 1 so that the
 * leap day is the last day of the computational year. */
long sg_date_serial(int year, int month, int day) {
  long y = (long)year - (month <= 2);
  long era = floor_div(y, 400);
  long yoe = y - era * 400;                                        /* 0..399 */
  long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; /* 0..365 */
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                /* 0..146096 */
  return era * 146097 + doe - 719468 + UNIX_EPOCH_SERIAL;
}

sg_date sg_date_civil(long serial) {
  long z = serial - UNIX_EPOCH_SERIAL + 719468;
  long era = floor_div(z, 146097);
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  sg_date d;
  d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
  d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
  d.year = (int)(yoe + era * 400 + (d.month <= 2));
  return d;
}

int sg_date_check(double serial, int arg, long *day, sg_error *err) {
  if (!isfinite(serial))
    return sg_fail(err, SG_ENONFINITE, arg, -1, serial, 0, "date is not a finite number");
  double f = floor(serial); /* a time of day belongs to its date */
  if (f < (double)SG_DATE_MIN || f > (double)SG_DATE_MAX)
    return sg_fail(err, SG_EDATE, arg, -1, serial, 0,
                   "%.10g is not a date between 0001-01-01 and 9999-12-31", serial);
  *day = (long)f;
  return SG_OK;
}

int sg_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int sg_month_days(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && sg_leap_year(year) ? 29 : days[month - 1];
}

/* Serial 0 (1899-12-30) was a Saturday, ISO day 6. */
int sg_weekday(long serial) { return (int)floor_mod(serial + 5, 7) + 1; }

long sg_month_start(long serial) { return serial - (sg_date_civil(serial).day - 1); }

/* Month index: months since January of year 0, so month arithmetic is
 * plain integer arithmetic. */
static long month_index(const sg_date *d) { return (long)d->year * 12 + (d->month - 1); }
long sg_month_index(long serial) {
  sg_date d = sg_date_civil(serial);
  return month_index(&d);
}
static long month_index_start(long mi) {
  return sg_date_serial((int)floor_div(mi, 12), (int)floor_mod(mi, 12) + 1, 1);
}

long sg_add_months(long serial, int months) {
  sg_date d = sg_date_civil(serial);
  long mi = month_index(&d) + months;
  int y = (int)floor_div(mi, 12), m = (int)floor_mod(mi, 12) + 1;
  int dim = sg_month_days(y, m);
  return sg_date_serial(y, m, d.day < dim ? d.day : dim);
}

long sg_week_start(long serial) { return serial - (sg_weekday(serial) - 1); }

void sg_iso_week(long serial, int *iso_year, int *week) {
  /* The Thursday of the week decides the year: week 1 holds the first one. */
  long thursday = sg_week_start(serial) + 3;
  int y = sg_date_civil(thursday).year;
  *iso_year = y;
  *week = (int)((thursday - sg_date_serial(y, 1, 1)) / 7 + 1);
}

static long fiscal_block_start(long serial, int fiscal_start_month, long months) {
  long mi = sg_month_index(serial);
  return month_index_start(mi - floor_mod(mi - (fiscal_start_month - 1), months));
}

long sg_fiscal_year_start(long serial, int fiscal_start_month) {
  return fiscal_block_start(serial, fiscal_start_month, 12);
}

long sg_quarter_start(long serial, int fiscal_start_month) {
  return fiscal_block_start(serial, fiscal_start_month, 3);
}

int sg_fiscal_quarter(long serial, int fiscal_start_month) {
  return (int)(floor_mod(sg_month_index(serial) - (fiscal_start_month - 1), 12) / 3) + 1;
}

long sg_period_start(long serial, sg_grain grain, int fiscal_start_month) {
  switch (grain) {
  case SG_GRAIN_DAY: return serial;
  case SG_GRAIN_WEEK: return sg_week_start(serial);
  case SG_GRAIN_QUARTER: return sg_quarter_start(serial, fiscal_start_month);
  case SG_GRAIN_MONTH:
  default: return sg_month_start(serial);
  }
}

long sg_period_next(long period_start, sg_grain grain, int fiscal_start_month) {
  (void)fiscal_start_month; /* a quarter start + 3 months is the next one */
  switch (grain) {
  case SG_GRAIN_DAY: return period_start + 1;
  case SG_GRAIN_WEEK: return period_start + 7;
  case SG_GRAIN_QUARTER: return sg_add_months(period_start, 3);
  case SG_GRAIN_MONTH:
  default: return sg_add_months(period_start, 1);
  }
}

/* --------------------------------------------------------- working days */

static int cmp_long(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}

size_t sg_holidays_sort(long *days, size_t n) {
  if (n == 0) return 0;
  qsort(days, n, sizeof *days, cmp_long);
  size_t k = 1;
  for (size_t i = 1; i < n; i++)
    if (days[i] != days[k - 1]) days[k++] = days[i];
  return k;
}

/* First index with holidays[i] >= day. */
static size_t lower_bound(const long *a, size_t n, long day) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (a[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int weekend_day(long serial, unsigned weekend) {
  return (weekend >> (sg_weekday(serial) - 1)) & 1u;
}

int sg_is_working_day(long serial, const sg_workweek *ww) {
  if (!ww) return 1;
  if (weekend_day(serial, ww->weekend)) return 0;
  size_t i = lower_bound(ww->holidays, ww->nholidays, serial);
  return !(i < ww->nholidays && ww->holidays[i] == serial);
}

long sg_working_days(long first, long last, const sg_workweek *ww) {
  if (last < first) return 0;
  long days = last - first + 1;
  if (!ww) return days;
  int per_week = 0;
  for (int d = 0; d < 7; d++) per_week += !((ww->weekend >> d) & 1u);
  long count = days / 7 * per_week; /* every full week has the same days off */
  for (long s = first + days / 7 * 7; s <= last; s++) count += !weekend_day(s, ww->weekend);
  /* Holidays that fall on a weekend were not counted in the first place. */
  for (size_t i = lower_bound(ww->holidays, ww->nholidays, first);
       i < ww->nholidays && ww->holidays[i] <= last; i++)
    count -= !weekend_day(ww->holidays[i], ww->weekend);
  return count;
}
