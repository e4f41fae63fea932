/* fuzz-time.c — every reading of a time or a date: Retry-After, ISO 8601
 * from the server, dates people type, days from GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one text (up to its first NUL).  When it holds a line break,
 * the two halves are also read as the --from and --to of the CLI and made
 * into a period description and a report request.
 */
#define G_LOG_DOMAIN "fuzz-time"

#include <string.h>

#include <libsoup/soup.h>

#include "osai-error.h"
#include "osai-period.h"
#include "osai-report-request.h"
#include "osai-time.h"

#include "fuzz-common.h"

/* Fixed clocks: the same input always takes the same path. */
static GDateTime *
make_now (void)
{
  return g_date_time_new_utc (2026, 6, 15, 12, 0, 0);
}

static GDateTime *
make_last_second (void)
{
  return g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
}

static void
check_retry_after (const char *text)
{
  g_autoptr(GDateTime) now = make_now ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 10);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint seconds = 12345;
  guint seconds_later = 12345;
  gboolean ok;

  ok = osai_time_parse_retry_after (text, now, &seconds);

  if (g_ascii_isdigit (*stripped))
    {
      gboolean all_digits = TRUE;
      guint64 expected = 0;

      /* delta-seconds, a delay too long to represent being forever */
      for (const char *p = stripped; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            {
              all_digits = FALSE;
              break;
            }
          expected = MIN (expected * 10 + (guint64) (*p - '0'), (guint64) G_MAXUINT);
        }

      FUZZ_CHECK (ok == all_digits);
      if (ok)
        FUZZ_CHECK (seconds == expected);
      return;
    }

  if (!ok)
    {
      FUZZ_CHECK (seconds == 12345);
      return;
    }

  /* An HTTP date: the delay shrinks as the clock moves on. */
  {
    g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (stripped);

    FUZZ_CHECK (date != NULL);
  }
  FUZZ_CHECK (osai_time_parse_retry_after (text, later, &seconds_later));
  FUZZ_CHECK (seconds_later <= seconds);
  FUZZ_CHECK (seconds == 0 || (guint64) seconds_later + 11 >= seconds);
}

/* A UTC time that osai_time_format_iso8601() spells so that it reads back,
 * to the millisecond the spelling keeps. */
static void
check_round_trip (GDateTime *time)
{
  g_autofree char *text = osai_time_format_iso8601 (time);
  g_autoptr(GDateTime) again = osai_time_parse_iso8601 (text, NULL);
  GTimeSpan difference;

  FUZZ_CHECK (g_date_time_get_utc_offset (time) == 0);
  FUZZ_CHECK (again != NULL);
  difference = g_date_time_difference (time, again);
  FUZZ_CHECK (difference >= 0 && difference < 1000);
}

static void
check_iso8601 (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = osai_time_parse_iso8601 (text, &error);

  if (time == NULL)
    {
      FUZZ_CHECK (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL));
      return;
    }

  FUZZ_CHECK (error == NULL);
  check_round_trip (time);
}

/* Reads @text as the CLI's --from (start of day) or --to (end of day). */
static GDateTime *
parse_user_date (const char *text,
                 gboolean    end_of_day)
{
  g_autoptr(GError) error = NULL;
  GDateTime *time = osai_time_parse_user_date (text, end_of_day, &error);

  /* Never NULL without saying why: the CLI prints error->message. */
  if (time == NULL)
    FUZZ_CHECK (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT));
  else
    FUZZ_CHECK (error == NULL);

  return time;
}

static void
check_user_date (const char *text)
{
  g_autoptr(GDateTime) start = parse_user_date (text, FALSE);
  g_autoptr(GDateTime) end = parse_user_date (text, TRUE);

  if (start != NULL)
    check_round_trip (start);
  if (end != NULL)
    check_round_trip (end);

  /* A date alone spans its day; a date and time is that instant either way. */
  if (start != NULL && end != NULL)
    {
      GTimeSpan span = g_date_time_difference (end, start);

      FUZZ_CHECK (span == 0 || span == G_TIME_SPAN_DAY);
    }
}

static void
check_period (const GDate *first,
              const GDate *last,
              GDateTime   *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) validate_error = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;
  gboolean valid;

  valid = osai_period_validate (first, last, OSAI_INCLUDE_ALL, now, &validate_error);
  FUZZ_CHECK (valid == (validate_error == NULL));

  request = osai_period_make_request (first, last, OSAI_INCLUDE_ALL, now, &error);
  FUZZ_CHECK ((request == NULL) == (error != NULL));
  if (!valid)
    FUZZ_CHECK (request == NULL);

  if (request != NULL)
    {
      g_autoptr(JsonNode) json = osai_report_request_to_json (request);

      FUZZ_CHECK (json != NULL);
      FUZZ_CHECK (g_date_time_compare (osai_report_request_get_period_from (request),
                                       osai_report_request_get_period_to (request)) < 0);
    }
}

static void
check_day (const char *text)
{
  GDate date;
  g_autofree char *again = NULL;
  g_autoptr(GDateTime) now = make_now ();
  g_autoptr(GDateTime) last_second = make_last_second ();

  g_date_clear (&date, 1);
  if (!osai_period_parse_day (text, &date))
    {
      /* Left alone, as documented. */
      FUZZ_CHECK (!g_date_valid (&date));
      return;
    }

  /* Strict: what is read is exactly what is written back. */
  FUZZ_CHECK (g_date_valid (&date));
  again = osai_period_format_day (&date);
  FUZZ_CHECK (g_strcmp0 (again, text) == 0);

  check_period (&date, &date, now);
  check_period (&date, &date, last_second);
}

static void
check_range (const char *from_text,
             const char *to_text)
{
  g_autoptr(GDateTime) from = parse_user_date (from_text, FALSE);
  g_autoptr(GDateTime) to = parse_user_date (to_text, TRUE);
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  if (from == NULL || to == NULL)
    return;

  description = osai_period_describe (from, to);
  FUZZ_CHECK (description != NULL && g_utf8_validate (description, -1, NULL));

  request = osai_report_request_new (from, to, OSAI_INCLUDE_ALL);
  if (osai_report_request_validate (request, &error))
    {
      g_autoptr(JsonNode) json = osai_report_request_to_json (request);

      FUZZ_CHECK (error == NULL && json != NULL);
    }
  else
    {
      FUZZ_CHECK (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  const char *newline;

  fuzz_init_logging ();

  /* What a header value, a JSON string or an argument can hold: no NUL. */
  text = g_strndup ((const char *) data, size);

  check_retry_after (text);
  check_iso8601 (text);
  check_user_date (text);
  check_day (text);

  newline = strchr (text, '\n');
  if (newline != NULL)
    {
      g_autofree char *from_text = g_strndup (text, newline - text);

      check_range (from_text, newline + 1);
    }

  return 0;
}
