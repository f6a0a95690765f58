/* test_calendar.c — the calendar module and the period split, in the
 * engine. Every expected value is worked by hand in the comment above it;
 * anchor serials: 2026-01-01 = 46023 (1970-01-01 = 25569, plus 56 years of
 * 365 days and 14 leap days 1972..2024), 1904-01-01 = 1462. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "salesgoal.h"

#define JAN1_2026 46023L

static void assert_date(long serial, int y, int m, int d) {
  sg_date got = sg_date_civil(serial);
  if (got.year != y || got.month != m || got.day != d) {
    fprintf(stderr, "serial %ld: got %04d-%02d-%02d want %04d-%02d-%02d\n", serial, got.year,
            got.month, got.day, y, m, d);
    fail();
  }
  assert_int_equal(sg_date_serial(y, m, d), serial);
}

/* 1899-12-30 is serial 0 and Calc's 1900-01-01 is 2 (no 1900 leap-day bug
 * with this NullDate); 1904-01-01 = 2 + 4 x 365 (1900 is not leap) = 1462;
 * 2000-01-01 = 25569 + 30 x 365 + 7 leap days = 36526. */
static void serial_anchors(void **state) {
  (void)state;
  assert_date(0, 1899, 12, 30);
  assert_date(1, 1899, 12, 31);
  assert_date(2, 1900, 1, 1);
  assert_date(1462, 1904, 1, 1);
  assert_date(25569, 1970, 1, 1);
  assert_date(36526, 2000, 1, 1);
  assert_date(JAN1_2026, 2026, 1, 1);
  assert_date(46022, 2025, 12, 31);
  assert_date(SG_DATE_MIN, 1, 1, 1);
  assert_date(SG_DATE_MAX, 9999, 12, 31);
  assert_date(-1, 1899, 12, 29);
  /* Every day round-trips and consecutive serials are consecutive days. */
  for (long s = SG_DATE_MIN; s <= SG_DATE_MAX; s += 997) {
    sg_date d = sg_date_civil(s);
    assert_int_equal(sg_date_serial(d.year, d.month, d.day), s);
  }
}

/* 2024 and 2000 are leap years, 2100 is not (divisible by 100, not 400). */
static void leap_years(void **state) {
  (void)state;
  assert_true(sg_leap_year(2024));
  assert_true(sg_leap_year(2000));
  assert_false(sg_leap_year(2100));
  assert_false(sg_leap_year(2026));
  assert_int_equal(sg_month_days(2024, 2), 29);
  assert_int_equal(sg_month_days(2000, 2), 29);
  assert_int_equal(sg_month_days(2100, 2), 28);
  assert_int_equal(sg_month_days(2026, 4), 30);
  assert_int_equal(sg_month_days(2026, 12), 31);
  /* 2024-01-01 = 46023 - 365 - 366 = 45292; Feb 29 = 45292 + 31 + 28. */
  assert_date(45351, 2024, 2, 29);
  assert_date(45352, 2024, 3, 1);
  /* 2000-02-29 = 36526 + 31 + 28. */
  assert_date(36585, 2000, 2, 29);
  /* 2100: Feb 28 is followed by Mar 1. */
  assert_int_equal(sg_date_serial(2100, 3, 1) - sg_date_serial(2100, 2, 28), 1);
  assert_int_equal(sg_date_serial(2101, 1, 1) - sg_date_serial(2100, 1, 1), 365);
  assert_int_equal(sg_date_serial(2001, 1, 1) - sg_date_serial(2000, 1, 1), 366);
}

/* 1899-12-30 was a Saturday; 2026-01-01 a Thursday; 2024-02-29 is day 60 of
 * a year that began on Monday: 59 days later = Thursday. */
static void weekdays_and_weeks(void **state) {
  (void)state;
  assert_int_equal(sg_weekday(0), 6);
  assert_int_equal(sg_weekday(JAN1_2026), 4);
  assert_int_equal(sg_weekday(45351), 4);
  assert_int_equal(sg_weekday(-1), 5); /* before the NullDate too */
  /* The Monday on or before Thursday 2026-01-01 is 2025-12-29. */
  assert_int_equal(sg_week_start(JAN1_2026), JAN1_2026 - 3);
  assert_int_equal(sg_week_start(JAN1_2026 + 4), JAN1_2026 + 4); /* Mon Jan 5 */
  int y, w;
  /* 2026 starts on Thursday, so it has 53 ISO weeks: Dec 28 (day 362,
   * 361 days after Thursday = Monday) opens week 53, whose Thursday is
   * Dec 31 = day 365: (365 - 1) / 7 + 1 = 53. */
  sg_iso_week(sg_date_serial(2026, 12, 28), &y, &w);
  assert_int_equal(y, 2026);
  assert_int_equal(w, 53);
  sg_iso_week(sg_date_serial(2027, 1, 3), &y, &w); /* Sunday of that week */
  assert_int_equal(y, 2026);
  assert_int_equal(w, 53);
  sg_iso_week(sg_date_serial(2027, 1, 4), &y, &w);
  assert_int_equal(y, 2027);
  assert_int_equal(w, 1);
  /* 2025-01-01 is a Wednesday: its week (from Mon 2024-12-30) is week 1 of 2025. */
  sg_iso_week(sg_date_serial(2024, 12, 30), &y, &w);
  assert_int_equal(y, 2025);
  assert_int_equal(w, 1);
  sg_iso_week(JAN1_2026, &y, &w);
  assert_int_equal(y, 2026);
  assert_int_equal(w, 1);
}

/* Month arithmetic clamps to the end of a shorter month, always from the
 * original day: Jan 31 + 2 months is Mar 31, not Mar 28. */
static void add_months_clamps(void **state) {
  (void)state;
  long jan31 = sg_date_serial(2026, 1, 31);
  assert_date(sg_add_months(jan31, 1), 2026, 2, 28);
  assert_date(sg_add_months(jan31, 2), 2026, 3, 31);
  assert_date(sg_add_months(sg_date_serial(2024, 1, 31), 1), 2024, 2, 29);
  assert_date(sg_add_months(sg_date_serial(2026, 3, 31), -1), 2026, 2, 28);
  assert_date(sg_add_months(sg_date_serial(2026, 12, 15), 1), 2027, 1, 15);
  assert_date(sg_add_months(sg_date_serial(2026, 1, 15), -13), 2024, 12, 15);
  assert_date(sg_month_start(sg_date_serial(2024, 2, 29)), 2024, 2, 1);
}

/* Fiscal year from April: 2026-02-10 is in FY Apr 2025..Mar 2026, fiscal
 * Q4 (Jan..Mar); 2026-05-20 in Q1 from Apr 1; 2026-12-31 in Q3 from Oct 1.
 * From November: 2026-01-15 is in Q1 = Nov..Jan, starting 2025-11-01. */
static void fiscal_quarters(void **state) {
  (void)state;
  long feb10 = sg_date_serial(2026, 2, 10), may20 = sg_date_serial(2026, 5, 20);
  assert_date(sg_fiscal_year_start(feb10, 4), 2025, 4, 1);
  assert_date(sg_quarter_start(feb10, 4), 2026, 1, 1);
  assert_int_equal(sg_fiscal_quarter(feb10, 4), 4);
  assert_date(sg_fiscal_year_start(may20, 4), 2026, 4, 1);
  assert_date(sg_quarter_start(may20, 4), 2026, 4, 1);
  assert_int_equal(sg_fiscal_quarter(may20, 4), 1);
  assert_date(sg_quarter_start(sg_date_serial(2026, 12, 31), 4), 2026, 10, 1);
  assert_int_equal(sg_fiscal_quarter(sg_date_serial(2026, 12, 31), 4), 3);
  assert_int_equal(sg_fiscal_quarter(may20, 1), 2);
  assert_date(sg_fiscal_year_start(may20, 1), 2026, 1, 1);
  long jan15 = sg_date_serial(2026, 1, 15);
  assert_date(sg_quarter_start(jan15, 11), 2025, 11, 1);
  assert_date(sg_fiscal_year_start(jan15, 11), 2025, 11, 1);
  assert_int_equal(sg_fiscal_quarter(jan15, 11), 1);
  assert_date(sg_period_next(sg_date_serial(2025, 11, 1), SG_GRAIN_QUARTER, 11), 2026, 2, 1);
}

/* January 2026 starts on Thursday: weekends are the 3rd/4th, 10th/11th,
 * 17th/18th, 24th/25th and the 31st = 9 days, so 22 weekdays; New Year's
 * Day (a Thursday) leaves 21; a holiday on Saturday the 3rd changes
 * nothing; duplicates count once. June 2026 starts on Monday: 4 weeks
 * (20) + Mon 29 and Tue 30 = 22. */
static void working_days(void **state) {
  (void)state;
  long hol[] = {JAN1_2026 + 2, JAN1_2026, JAN1_2026, sg_date_serial(2026, 6, 1)};
  size_t n = sg_holidays_sort(hol, 4);
  assert_int_equal(n, 3);
  assert_int_equal(hol[0], JAN1_2026);
  sg_workweek ww = {.weekend = 0x60, .holidays = hol, .nholidays = n};
  sg_workweek plain = {.weekend = 0x60};
  long jan31 = JAN1_2026 + 30, jun1 = sg_date_serial(2026, 6, 1);
  assert_int_equal(sg_working_days(JAN1_2026, jan31, &plain), 22);
  assert_int_equal(sg_working_days(JAN1_2026, jan31, &ww), 21);
  assert_int_equal(sg_working_days(JAN1_2026, jan31, NULL), 31);
  assert_int_equal(sg_working_days(jun1, jun1 + 29, &plain), 22);
  assert_int_equal(sg_working_days(jun1, jun1 + 29, &ww), 21);
  assert_int_equal(sg_working_days(jan31, JAN1_2026, &ww), 0);
  assert_false(sg_is_working_day(JAN1_2026, &ww));
  assert_false(sg_is_working_day(JAN1_2026 + 2, &plain));
  assert_true(sg_is_working_day(JAN1_2026 + 1, &ww));
  assert_true(sg_is_working_day(JAN1_2026 + 2, NULL));
}

static void date_checks(void **state) {
  (void)state;
  long d;
  sg_error err;
  assert_int_equal(sg_date_check(46023.75, 1, &d, &err), SG_OK); /* 18:00 is still that day */
  assert_int_equal(d, JAN1_2026);
  assert_int_equal(sg_date_check(-0.5, 1, &d, &err), SG_OK);
  assert_int_equal(d, -1);
  assert_int_equal(sg_date_check(3e6, 2, &d, &err), SG_EDATE);
  assert_int_equal(err.arg, 2);
  assert_int_equal(sg_date_check(-700000, 2, &d, &err), SG_EDATE);
  assert_int_equal(sg_date_check(NAN, 2, &d, &err), SG_ENONFINITE);
}

/* ----------------------------------------------------------- periods */

static int run_periods(const sg_periods_input *in, size_t want_n, double *starts, double *amounts,
                       sg_error *err) {
  size_t n = 0;
  int rc = sg_periods_count(in->start, in->end, in->grain, in->fiscal_start_month, &n, err);
  if (rc != SG_OK) return rc;
  assert_int_equal(n, want_n);
  return sg_periods(in, n, starts, amounts, err);
}

/* 365,000 over 2026 by month, every day equal: 1,000 a day. */
static void periods_months_by_days(void **state) {
  (void)state;
  double starts[12], amounts[12];
  sg_periods_input in = {.total = 365000, .start = JAN1_2026, .end = JAN1_2026 + 364,
                         .grain = SG_GRAIN_MONTH, .fiscal_start_month = 1};
  assert_int_equal(run_periods(&in, 12, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){31000, 28000, 31000, 30000, 31000, 30000, 31000, 31000, 30000,
                                        31000, 30000, 31000}, 12, 1e-9);
  assert_vector_rel(starts, (double[]){46023, 46054, 46082, 46113, 46143, 46174, 46204, 46235, 46266,
                                       46296, 46327, 46357}, 12, 1e-9);
}

/* 1,000 by day-weight with unit 1: shares 84.93 (31-day months, 7 of
 * them), 76.71 (Feb), 82.19 (30-day, 4); floors add up to 588 + 76 + 328 =
 * 992, the 8 leftover units go to the 7 remainders of .93 and Feb's .71. */
static void periods_unit_rounding(void **state) {
  (void)state;
  double starts[12], amounts[12];
  sg_periods_input in = {.total = 1000, .start = JAN1_2026, .end = JAN1_2026 + 364,
                         .grain = SG_GRAIN_MONTH, .fiscal_start_month = 1, .unit = 1};
  assert_int_equal(run_periods(&in, 12, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){85, 77, 85, 82, 85, 82, 85, 85, 82, 85, 82, 85}, 12, 1e-9);
}

/* Fiscal year from April, calendar 2026 by quarter, 1,000 a day: Jan..Mar
 * (90 days, fiscal Q4), Apr..Jun (91), Jul..Sep (92), Oct..Dec (92). */
static void periods_fiscal_quarters(void **state) {
  (void)state;
  double starts[4], amounts[4];
  sg_periods_input in = {.total = 365000, .start = JAN1_2026, .end = JAN1_2026 + 364,
                         .grain = SG_GRAIN_QUARTER, .fiscal_start_month = 4, .unit = 1};
  assert_int_equal(run_periods(&in, 4, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){90000, 91000, 92000, 92000}, 4, 1e-9);
  assert_vector_rel(starts, (double[]){46023, 46113, 46204, 46296}, 4, 1e-9);
  /* From February, quarters are Feb..Apr, May..Jul, Aug..Oct, Nov..Jan:
   * 2026 touches five of them (Jan belongs to Nov 2025..Jan 2026). */
  size_t n;
  assert_int_equal(sg_periods_count(JAN1_2026, JAN1_2026 + 364, SG_GRAIN_QUARTER, 2, &n, NULL), SG_OK);
  assert_int_equal(n, 5);
}

/* Partial months with seasonality Jan 2, Feb 1, Mar 3 from Jan 16 to Mar 15:
 * Jan 16..31 = 2 x 16/31, Feb = 1 = 31/31, Mar 1..15 = 3 x 15/31; in 31sts
 * 32 + 31 + 45 = 108, so 10,800 gives 3,200, 3,100, 4,500. The first
 * period starts on the start date. */
static void periods_partial_seasonal(void **state) {
  (void)state;
  double season[12] = {2, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  double starts[3], amounts[3];
  sg_periods_input in = {.total = 10800, .start = JAN1_2026 + 15, .end = JAN1_2026 + 31 + 28 + 14,
                         .grain = SG_GRAIN_MONTH, .fiscal_start_month = 1,
                         .seasonality = season, .nseasonality = 12};
  assert_int_equal(run_periods(&in, 3, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){3200, 3100, 4500}, 3, 1e-9);
  assert_vector_rel(starts, (double[]){46038, 46054, 46082}, 3, 1e-9);
  in.unit = 100;
  assert_int_equal(run_periods(&in, 3, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){3200, 3100, 4500}, 3, 1e-9);
}

/* ISO weeks across the 53-week year end: Wed 2026-12-23 .. Wed 2027-01-06
 * is Dec 23..27 (5 days of the week from Mon Dec 21), Dec 28..Jan 3 (7,
 * week 53) and Jan 4..6 (3): 1,500 gives 500, 700, 300. */
static void periods_iso_weeks(void **state) {
  (void)state;
  double starts[3], amounts[3];
  long dec23 = sg_date_serial(2026, 12, 23);
  sg_periods_input in = {.total = 1500, .start = dec23, .end = dec23 + 14,
                         .grain = SG_GRAIN_WEEK, .fiscal_start_month = 1};
  assert_int_equal(run_periods(&in, 3, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){500, 700, 300}, 3, 1e-9);
  assert_vector_rel(starts, (double[]){46379, 46384, 46391}, 3, 1e-9);
  /* By day: one row per day. */
  double s15[15], a15[15];
  in.grain = SG_GRAIN_DAY;
  assert_int_equal(run_periods(&in, 15, s15, a15, NULL), SG_OK);
  assert_vector_rel(&a15[14], (double[]){100}, 1, 1e-9);
  assert_vector_rel(&s15[14], (double[]){46393}, 1, 1e-9);
}

/* One weight per period: quarters of 2026 weighted 1, 2, 3, 4 -> 100 .. 400
 * whatever their length; 12 weekly periods with 12 weights are per period
 * too (1..12, sum 78, 7,800 -> 100 x k), while 12 monthly periods from
 * April read the 12 weights as January..December: Apr = 4, ..., Mar = 3. */
static void periods_per_period_weights(void **state) {
  (void)state;
  double starts[12], amounts[12];
  double q[4] = {1, 2, 3, 4}, k12[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  sg_periods_input in = {.total = 1000, .start = JAN1_2026, .end = JAN1_2026 + 364,
                         .grain = SG_GRAIN_QUARTER, .fiscal_start_month = 1,
                         .seasonality = q, .nseasonality = 4};
  assert_int_equal(run_periods(&in, 4, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){100, 200, 300, 400}, 4, 1e-9);

  long jan5 = JAN1_2026 + 4; /* a Monday; 12 weeks end on Sunday Mar 29 */
  sg_periods_input wk = {.total = 7800, .start = jan5, .end = jan5 + 83, .grain = SG_GRAIN_WEEK,
                         .fiscal_start_month = 1, .seasonality = k12, .nseasonality = 12};
  assert_int_equal(run_periods(&wk, 12, starts, amounts, NULL), SG_OK);
  assert_int_equal(sg_periods_per_period(&wk, 12), 1);
  assert_vector_rel(amounts, (double[]){100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200}, 12, 1e-9);

  long apr1 = sg_date_serial(2026, 4, 1);
  sg_periods_input fy = {.total = 7800, .start = apr1, .end = sg_date_serial(2027, 3, 31),
                         .grain = SG_GRAIN_MONTH, .fiscal_start_month = 4,
                         .seasonality = k12, .nseasonality = 12};
  assert_int_equal(run_periods(&fy, 12, starts, amounts, NULL), SG_OK);
  assert_int_equal(sg_periods_per_period(&fy, 12), 0);
  assert_vector_rel(amounts, (double[]){400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 100, 200, 300}, 12, 1e-9);
}

/* Working days only: January 2026 has 21 (22 weekdays less New Year's
 * Day), February 18 (20 weekdays, Feb 1 being a Sunday, less the 16th and
 * 17th): 3,900 gives 2,100 and 1,800. */
static void periods_working_days(void **state) {
  (void)state;
  long hol[] = {JAN1_2026, sg_date_serial(2026, 2, 16), sg_date_serial(2026, 2, 17)};
  sg_workweek ww = {.weekend = 0x60, .holidays = hol, .nholidays = 3};
  double starts[2], amounts[2];
  sg_periods_input in = {.total = 3900, .start = JAN1_2026, .end = JAN1_2026 + 58,
                         .grain = SG_GRAIN_MONTH, .fiscal_start_month = 1, .workweek = &ww};
  assert_int_equal(run_periods(&in, 2, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){2100, 1800}, 2, 1e-9);
  /* Seasonal and working days: equal month weights, from Thu Jan 15.
   * Jan 15..31 has 12 working days (15, 16, 19..23, 26..30) of January's
   * 21, February all 18 of its 18: 12/21 against 1 = 12 : 21, so 3,300
   * gives 1,200 and 2,100. */
  double eq[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  in.seasonality = eq;
  in.nseasonality = 12;
  in.total = 3300;
  in.start = JAN1_2026 + 14;
  assert_int_equal(run_periods(&in, 2, starts, amounts, NULL), SG_OK);
  assert_vector_rel(amounts, (double[]){1200, 2100}, 2, 1e-9);
}

/* A year of days is 3,652 rows for 2026..2035 (two leap days). */
static void periods_counts(void **state) {
  (void)state;
  size_t n;
  assert_int_equal(sg_periods_count(JAN1_2026, sg_date_serial(2035, 12, 31), SG_GRAIN_DAY, 1, &n, NULL), SG_OK);
  assert_int_equal(n, 3652);
  assert_int_equal(sg_periods_count(JAN1_2026, JAN1_2026, SG_GRAIN_MONTH, 1, &n, NULL), SG_OK);
  assert_int_equal(n, 1);
  /* Thu Jan 1 .. Mon Jan 5 touches two ISO weeks. */
  assert_int_equal(sg_periods_count(JAN1_2026, JAN1_2026 + 4, SG_GRAIN_WEEK, 1, &n, NULL), SG_OK);
  assert_int_equal(n, 2);
}

static void periods_errors(void **state) {
  (void)state;
  sg_error err;
  size_t n;
  double starts[4], amounts[4];
  assert_int_equal(sg_periods_count(JAN1_2026, JAN1_2026 - 1, SG_GRAIN_MONTH, 1, &n, &err), SG_EDATEORDER);
  assert_int_equal(err.arg, SG_PERIODS_ARG_END);
  assert_int_equal(sg_periods_count(JAN1_2026, JAN1_2026, SG_GRAIN_MONTH, 13, &n, &err), SG_ERANGE);
  assert_int_equal(err.arg, SG_PERIODS_ARG_FISCAL);
  assert_int_equal(sg_periods_count(NAN, JAN1_2026, SG_GRAIN_MONTH, 1, &n, &err), SG_ENONFINITE);
  assert_int_equal(err.arg, SG_PERIODS_ARG_START);
  assert_int_equal(sg_periods_count(JAN1_2026, 3e6, SG_GRAIN_MONTH, 1, &n, &err), SG_EDATE);
  assert_int_equal(err.arg, SG_PERIODS_ARG_END);
  assert_int_equal(sg_periods_count(SG_DATE_MIN, SG_DATE_MAX, SG_GRAIN_DAY, 1, &n, &err), SG_ETOOMANY);
  assert_int_equal(err.arg, SG_PERIODS_ARG_GRAIN);

  double season[12] = {1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1};
  sg_periods_input in = {.total = 100, .start = JAN1_2026, .end = JAN1_2026 + 364,
                         .grain = SG_GRAIN_QUARTER, .fiscal_start_month = 1,
                         .seasonality = season, .nseasonality = 12};
  assert_int_equal(sg_periods(&in, 4, starts, amounts, &err), SG_ENEGATIVE);
  assert_int_equal(err.arg, SG_PERIODS_ARG_SEASONALITY);
  assert_int_equal(err.index, 3);
  /* Only Q1 in range and its months weigh 0. */
  double q1zero[12] = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  in.seasonality = q1zero;
  in.end = JAN1_2026 + 89;
  assert_int_equal(sg_periods(&in, 1, starts, amounts, &err), SG_ENODAYS);
  assert_int_equal(err.arg, SG_PERIODS_ARG_SEASONALITY);
  /* A weekend with working days only. */
  sg_workweek ww = {.weekend = 0x60};
  sg_periods_input wkend = {.total = 100, .start = JAN1_2026 + 2, .end = JAN1_2026 + 3,
                            .grain = SG_GRAIN_DAY, .fiscal_start_month = 1, .workweek = &ww};
  assert_int_equal(sg_periods(&wkend, 2, starts, amounts, &err), SG_ENODAYS);
  assert_int_equal(err.arg, SG_PERIODS_ARG_HOLIDAYS);
  /* 3 weights for 4 quarters; a wrong n; a total that is not a multiple. */
  in.seasonality = season;
  in.nseasonality = 3;
  in.end = JAN1_2026 + 364;
  assert_int_equal(sg_periods(&in, 4, starts, amounts, &err), SG_ECOUNT);
  assert_int_equal(err.arg, SG_PERIODS_ARG_SEASONALITY);
  in.seasonality = NULL;
  assert_int_equal(sg_periods(&in, 3, starts, amounts, &err), SG_ECOUNT);
  /* 100 in units of 7 over the quarters of 2026 (90, 91, 92, 92 days): 14
   * whole units, shares 3.45, 3.49, 3.53, 3.53 -> 3, 3, 3, 3 and the two
   * leftovers to Q3 and Q4 (largest remainders): 21, 21, 28, 28 = 98. The 2
   * below one unit goes to the largest, the earlier of the 28s (Q3). */
  in.unit = 7;
  assert_int_equal(sg_periods(&in, 4, starts, amounts, &err), SG_OK);
  assert_true(amounts[0] == 21 && amounts[1] == 21 && amounts[2] == 30 && amounts[3] == 28);
  in.unit = -1;
  in.total = 100;
  assert_int_not_equal(sg_periods(&in, 4, starts, amounts, &err), SG_OK);
  assert_int_equal(err.arg, SG_PERIODS_ARG_UNIT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(serial_anchors),
      cmocka_unit_test(leap_years),
      cmocka_unit_test(weekdays_and_weeks),
      cmocka_unit_test(add_months_clamps),
      cmocka_unit_test(fiscal_quarters),
      cmocka_unit_test(working_days),
      cmocka_unit_test(date_checks),
      cmocka_unit_test(periods_months_by_days),
      cmocka_unit_test(periods_unit_rounding),
      cmocka_unit_test(periods_fiscal_quarters),
      cmocka_unit_test(periods_partial_seasonal),
      cmocka_unit_test(periods_iso_weeks),
      cmocka_unit_test(periods_per_period_weights),
      cmocka_unit_test(periods_working_days),
      cmocka_unit_test(periods_counts),
      cmocka_unit_test(periods_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
