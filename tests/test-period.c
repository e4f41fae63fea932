/* test-period.c — presets, strict days, validation, requests and descriptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "osai-error.h"
#include "osai-period.h"
#include "osai-time.h"
#include "osai-test-utils.h"

static GDateTime *
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  GDateTime *time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  g_assert_nonnull (time);
  return time;
}

static void
assert_day (const GDate *date,
            const char  *expected)
{
  g_autofree char *text = osai_period_format_day (date);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_preset (OsaiPeriodPreset  preset,
               GDateTime        *now,
               const char       *expected_first,
               const char       *expected_last)
{
  GDate first, last;

  osai_period_preset (preset, now, &first, &last);
  g_assert_true (g_date_valid (&first));
  g_assert_true (g_date_valid (&last));
  assert_day (&first, expected_first);
  assert_day (&last, expected_last);
}

static GDate
make_day (int year,
          int month,
          int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

static void
test_period_preset_this_month (void)
{
  g_autoptr(GDateTime) jan1 = utc (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) mar1 = utc (2024, 3, 1, 12, 0);
  g_autoptr(GDateTime) dec31 = utc (2026, 12, 31, 23, 59);

  assert_preset (OSAI_PERIOD_THIS_MONTH, jan1, "2026-01-01", "2026-01-01");
  assert_preset (OSAI_PERIOD_THIS_MONTH, mar1, "2024-03-01", "2024-03-01");
  assert_preset (OSAI_PERIOD_THIS_MONTH, dec31, "2026-12-01", "2026-12-31");
}

static void
test_period_preset_last_month (void)
{
  g_autoptr(GDateTime) jan1 = utc (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) mar1_leap = utc (2024, 3, 1, 12, 0);
  g_autoptr(GDateTime) mar1 = utc (2023, 3, 1, 12, 0);
  g_autoptr(GDateTime) dec31 = utc (2026, 12, 31, 23, 59);
  g_autoptr(GDateTime) may31 = utc (2026, 5, 31, 8, 0);

  assert_preset (OSAI_PERIOD_LAST_MONTH, jan1, "2025-12-01", "2025-12-31");
  assert_preset (OSAI_PERIOD_LAST_MONTH, mar1_leap, "2024-02-01", "2024-02-29");
  assert_preset (OSAI_PERIOD_LAST_MONTH, mar1, "2023-02-01", "2023-02-28");
  assert_preset (OSAI_PERIOD_LAST_MONTH, dec31, "2026-11-01", "2026-11-30");
  assert_preset (OSAI_PERIOD_LAST_MONTH, may31, "2026-04-01", "2026-04-30");
}

static void
test_period_preset_last_30_days (void)
{
  g_autoptr(GDateTime) jan1 = utc (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) mar1_leap = utc (2024, 3, 1, 12, 0);
  g_autoptr(GDateTime) mar1 = utc (2023, 3, 1, 12, 0);
  g_autoptr(GDateTime) dec31 = utc (2026, 12, 31, 23, 59);

  assert_preset (OSAI_PERIOD_LAST_30_DAYS, jan1, "2025-12-03", "2026-01-01");
  assert_preset (OSAI_PERIOD_LAST_30_DAYS, mar1_leap, "2024-02-01", "2024-03-01");
  assert_preset (OSAI_PERIOD_LAST_30_DAYS, mar1, "2023-01-31", "2023-03-01");
  assert_preset (OSAI_PERIOD_LAST_30_DAYS, dec31, "2026-12-02", "2026-12-31");
}

static void
test_period_preset_this_year (void)
{
  g_autoptr(GDateTime) jan1 = utc (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) mar1_leap = utc (2024, 3, 1, 12, 0);
  g_autoptr(GDateTime) dec31 = utc (2026, 12, 31, 23, 59);

  assert_preset (OSAI_PERIOD_THIS_YEAR, jan1, "2026-01-01", "2026-01-01");
  assert_preset (OSAI_PERIOD_THIS_YEAR, mar1_leap, "2024-01-01", "2024-03-01");
  assert_preset (OSAI_PERIOD_THIS_YEAR, dec31, "2026-01-01", "2026-12-31");
}

static void
test_period_preset_last_year (void)
{
  g_autoptr(GDateTime) jan1 = utc (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) mar1_leap = utc (2024, 3, 1, 12, 0);
  g_autoptr(GDateTime) dec31 = utc (2026, 12, 31, 23, 59);

  assert_preset (OSAI_PERIOD_LAST_YEAR, jan1, "2025-01-01", "2025-12-31");
  assert_preset (OSAI_PERIOD_LAST_YEAR, mar1_leap, "2023-01-01", "2023-12-31");
  assert_preset (OSAI_PERIOD_LAST_YEAR, dec31, "2025-01-01", "2025-12-31");
}

/* The day is the UTC one, whatever zone @now is given in. */
static void
test_period_preset_utc_day (void)
{
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GTimeZone) minus5 = g_time_zone_new_offset (-5 * 3600);
  /* 1 March 2024 00:30 at +02:00 is still 29 February in UTC. */
  g_autoptr(GDateTime) early = g_date_time_new (plus2, 2024, 3, 1, 0, 30, 0);
  /* 31 December 2025 21:00 at -05:00 is already 2026 in UTC. */
  g_autoptr(GDateTime) late = g_date_time_new (minus5, 2025, 12, 31, 21, 0, 0);

  assert_preset (OSAI_PERIOD_THIS_MONTH, early, "2024-02-01", "2024-02-29");
  assert_preset (OSAI_PERIOD_LAST_MONTH, early, "2024-01-01", "2024-01-31");
  assert_preset (OSAI_PERIOD_THIS_YEAR, late, "2026-01-01", "2026-01-01");
  assert_preset (OSAI_PERIOD_LAST_YEAR, late, "2025-01-01", "2025-12-31");
}

static void
test_period_parse_good (void)
{
  const struct {
    const char *text;
    int year, month, day;
  } good[] = {
    { "2026-11-26", 2026, 11, 26 },
    { "2024-02-29", 2024, 2, 29 },
    { "2000-02-29", 2000, 2, 29 },
    { "2026-01-01", 2026, 1, 1 },
    { "2026-12-31", 2026, 12, 31 },
    { "0001-01-01", 1, 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      GDate date;
      g_autofree char *back = NULL;

      g_test_message ("%s", good[i].text);
      g_date_clear (&date, 1);
      g_assert_true (osai_period_parse_day (good[i].text, &date));
      g_assert_true (g_date_valid (&date));
      g_assert_cmpint (g_date_get_year (&date), ==, good[i].year);
      g_assert_cmpint (g_date_get_month (&date), ==, good[i].month);
      g_assert_cmpint (g_date_get_day (&date), ==, good[i].day);

      back = osai_period_format_day (&date);
      g_assert_cmpstr (back, ==, good[i].text);
    }
}

static void
test_period_parse_bad (void)
{
  const char *bad[] = {
    "", "2026", "2026-11", "2026-1-26", "2026-11-6", "26-11-2026", "2026/11/26",
    " 2026-11-26", "2026-11-26 ", "2026-11-26T00:00:00Z", "2026-11-26Z",
    "+026-11-26", "2026-+1-26", "2026-11-2x", "２０２６-11-26",
    "2026-00-10", "2026-13-01", "2026-11-00", "2026-11-31", "2026-04-31",
    "2026-02-30", "2026-02-29", "1900-02-29", "2024-02-30", "0000-01-01",
  };
  GDate untouched = make_day (1999, 12, 31);

  g_assert_false (osai_period_parse_day (NULL, &untouched));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("“%s”", bad[i]);
      g_assert_false (osai_period_parse_day (bad[i], &untouched));
      assert_day (&untouched, "1999-12-31");
    }
}

static void
assert_invalid (const GDate      *first,
                const GDate      *last,
                OsaiIncludeFlags  include,
                GDateTime        *now,
                const char       *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) request_error = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;

  g_assert_false (osai_period_validate (first, last, include, now, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, expected_message);

  request = osai_period_make_request (first, last, include, now, &request_error);
  g_assert_null (request);
  g_assert_error (request_error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
  g_assert_cmpstr (request_error->message, ==, expected_message);
}

static void
test_period_validate (void)
{
  g_autoptr(GDateTime) now = utc (2026, 11, 26, 10, 0);
  GDate nov1 = make_day (2026, 11, 1);
  GDate nov26 = make_day (2026, 11, 26);
  GDate nov27 = make_day (2026, 11, 27);
  GDate dec31 = make_day (2026, 12, 31);
  GDate oct31 = make_day (2026, 10, 31);
  GDate invalid;

  g_date_clear (&invalid, 1);

  /* A single day, today, and a period running past today are fine. */
  g_assert_true (osai_period_validate (&nov26, &nov26, OSAI_INCLUDE_ALL, now, NULL));
  g_assert_true (osai_period_validate (&nov1, &nov26, OSAI_INCLUDE_MODELS, now, NULL));
  g_assert_true (osai_period_validate (&nov1, &dec31, OSAI_INCLUDE_ALL, now, NULL));

  assert_invalid (&nov1, &oct31, OSAI_INCLUDE_ALL, now,
                  "The start date is after the end date.");
  assert_invalid (&nov1, &nov26, OSAI_INCLUDE_NONE, now,
                  "Switch on at least one kind of usage.");
  assert_invalid (&nov27, &dec31, OSAI_INCLUDE_ALL, now,
                  "The period starts in the future.");
  assert_invalid (&invalid, &nov26, OSAI_INCLUDE_ALL, now,
                  "Pick the first and the last day of the period.");
  assert_invalid (&nov1, &invalid, OSAI_INCLUDE_ALL, now,
                  "Pick the first and the last day of the period.");
}

/* "Today" is the UTC day of @now: 27 November in UTC is still the 26th in
 * New York, and the other way round. */
static void
test_period_validate_utc_today (void)
{
  g_autoptr(GTimeZone) minus5 = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GDateTime) evening = g_date_time_new (minus5, 2026, 11, 26, 21, 0, 0);
  g_autoptr(GDateTime) morning = g_date_time_new (minus5, 2026, 11, 26, 8, 0, 0);
  GDate nov27 = make_day (2026, 11, 27);

  g_assert_true (osai_period_validate (&nov27, &nov27, OSAI_INCLUDE_ALL, evening, NULL));
  assert_invalid (&nov27, &nov27, OSAI_INCLUDE_ALL, morning,
                  "The period starts in the future.");
}

static void
assert_request (const GDate      *first,
                const GDate      *last,
                OsaiIncludeFlags  include,
                GDateTime        *now,
                const char       *expected_from,
                const char       *expected_to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDateTime *from_time, *to_time;

  request = osai_period_make_request (first, last, include, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);

  from_time = osai_report_request_get_period_from (request);
  to_time = osai_report_request_get_period_to (request);
  g_assert_cmpint (g_date_time_get_utc_offset (from_time), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (to_time), ==, 0);
  from = osai_time_format_iso8601 (from_time);
  to = osai_time_format_iso8601 (to_time);
  g_assert_cmpstr (from, ==, expected_from);
  g_assert_cmpstr (to, ==, expected_to);
  g_assert_cmpint (osai_report_request_get_include (request), ==, include);
}

static void
test_period_make_request (void)
{
  g_autoptr(GDateTime) now = utc (2026, 11, 26, 10, 0);
  GDate nov1 = make_day (2026, 11, 1);
  GDate nov26 = make_day (2026, 11, 26);
  GDate nov30 = make_day (2026, 11, 30);
  GDate dec31_2025 = make_day (2025, 12, 31);
  GDate jan1_2025 = make_day (2025, 1, 1);
  GDate feb29 = make_day (2024, 2, 29);

  assert_request (&nov1, &nov30, OSAI_INCLUDE_ALL, now,
                  "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z");
  assert_request (&nov26, &nov26, OSAI_INCLUDE_DATASETS | OSAI_INCLUDE_PREDICTIONS, now,
                  "2026-11-26T00:00:00.000Z", "2026-11-27T00:00:00.000Z");
  assert_request (&jan1_2025, &dec31_2025, OSAI_INCLUDE_RENTED_DEVICES, now,
                  "2025-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z");
  assert_request (&feb29, &feb29, OSAI_INCLUDE_ALL, now,
                  "2024-02-29T00:00:00.000Z", "2024-03-01T00:00:00.000Z");
}

/* The same times as `osai-reports-cli --from FIRST --to LAST`. */
static void
test_period_make_request_like_cli (void)
{
  g_autoptr(GDateTime) now = utc (2026, 11, 26, 10, 0);
  g_autoptr(GDateTime) cli_from = osai_time_parse_user_date ("2026-02-01", FALSE, NULL);
  g_autoptr(GDateTime) cli_to = osai_time_parse_user_date ("2026-02-28", TRUE, NULL);
  g_autoptr(OsaiReportRequest) request = NULL;
  GDate first, last;

  g_assert_true (osai_period_parse_day ("2026-02-01", &first));
  g_assert_true (osai_period_parse_day ("2026-02-28", &last));
  request = osai_period_make_request (&first, &last, OSAI_INCLUDE_ALL, now, NULL);
  g_assert_nonnull (request);
  g_assert_true (g_date_time_equal (osai_report_request_get_period_from (request), cli_from));
  g_assert_true (g_date_time_equal (osai_report_request_get_period_to (request), cli_to));
}

/* Every preset, on the day it is picked, makes a request. */
static void
test_period_presets_make_requests (void)
{
  const char *nows[] = {
    "2026-01-01T00:00:00Z", "2024-03-01T12:00:00Z", "2026-12-31T23:59:59Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (nows); i++)
    {
      g_autoptr(GDateTime) now = osai_time_parse_iso8601 (nows[i], NULL);

      for (OsaiPeriodPreset preset = OSAI_PERIOD_THIS_MONTH;
           preset <= OSAI_PERIOD_LAST_YEAR;
           preset++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(OsaiReportRequest) request = NULL;
          GDate first, last;

          osai_period_preset (preset, now, &first, &last);
          request = osai_period_make_request (&first, &last, OSAI_INCLUDE_ALL, now, &error);
          g_assert_no_error (error);
          g_assert_nonnull (request);
        }
    }
}

static void
assert_describe (const char *from,
                 const char *to,
                 const char *expected)
{
  g_autoptr(GDateTime) from_time = osai_time_parse_iso8601 (from, NULL);
  g_autoptr(GDateTime) to_time = osai_time_parse_iso8601 (to, NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (from_time);
  g_assert_nonnull (to_time);
  text = osai_period_describe (from_time, to_time);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_period_describe (void)
{
  /* One day. */
  assert_describe ("2026-11-05T00:00:00Z", "2026-11-06T00:00:00Z", "5 November 2026");
  /* One month. */
  assert_describe ("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "1 – 30 November 2026");
  /* Across months of one year. */
  assert_describe ("2026-11-01T00:00:00Z", "2026-12-16T00:00:00Z",
                   "1 November – 15 December 2026");
  /* Across years. */
  assert_describe ("2026-10-03T00:00:00Z", "2027-01-03T00:00:00Z",
                   "3 October 2026 – 2 January 2027");
  /* A whole year: the fixture's period. */
  assert_describe ("2022-01-01T00:00:00Z", "2023-01-01T00:00:00Z",
                   "1 January – 31 December 2022");
  /* An end that is not midnight still counts its own day. */
  assert_describe ("2026-11-01T00:00:00Z", "2026-11-02T12:00:00Z", "1 – 2 November 2026");
  /* Days are UTC days, whatever zone the times come in. */
  assert_describe ("2026-11-01T01:00:00+02:00", "2026-11-02T02:00:00+02:00",
                   "31 October – 1 November 2026");
  /* An empty or reversed period is its first day. */
  assert_describe ("2026-11-05T00:00:00Z", "2026-11-05T00:00:00Z", "5 November 2026");
  assert_describe ("2026-11-05T00:00:00Z", "2026-11-01T00:00:00Z", "5 November 2026");
}

/* What a request makes is described as the days that were picked. */
static void
test_period_describe_request (void)
{
  g_autoptr(GDateTime) now = utc (2026, 12, 31, 23, 59);
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autofree char *text = NULL;
  GDate first, last;

  osai_period_preset (OSAI_PERIOD_LAST_MONTH, now, &first, &last);
  request = osai_period_make_request (&first, &last, OSAI_INCLUDE_ALL, now, NULL);
  g_assert_nonnull (request);
  text = osai_period_describe (osai_report_request_get_period_from (request),
                               osai_report_request_get_period_to (request));
  g_assert_cmpstr (text, ==, "1 – 30 November 2026");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/period/preset/this-month", test_period_preset_this_month);
  g_test_add_func ("/period/preset/last-month", test_period_preset_last_month);
  g_test_add_func ("/period/preset/last-30-days", test_period_preset_last_30_days);
  g_test_add_func ("/period/preset/this-year", test_period_preset_this_year);
  g_test_add_func ("/period/preset/last-year", test_period_preset_last_year);
  g_test_add_func ("/period/preset/utc-day", test_period_preset_utc_day);
  g_test_add_func ("/period/parse/good", test_period_parse_good);
  g_test_add_func ("/period/parse/bad", test_period_parse_bad);
  g_test_add_func ("/period/validate/messages", test_period_validate);
  g_test_add_func ("/period/validate/utc-today", test_period_validate_utc_today);
  g_test_add_func ("/period/request/times", test_period_make_request);
  g_test_add_func ("/period/request/like-cli", test_period_make_request_like_cli);
  g_test_add_func ("/period/request/presets", test_period_presets_make_requests);
  g_test_add_func ("/period/describe/forms", test_period_describe);
  g_test_add_func ("/period/describe/request", test_period_describe_request);

  return g_test_run ();
}
