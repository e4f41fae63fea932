/* osai-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-time"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "osai-error.h"
#include "osai-time.h"

/* GLib reads any number of fractional digits (keeping microseconds) and
 * treats a zone-less time as being in the default zone: UTC, as the API's
 * own example sends "2023-01-01T00:00:00.000". */
static GDateTime *
parse_iso8601 (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

/**
 * osai_time_parse_iso8601:
 * @text: an ISO 8601 date and time, with or without a zone
 * @error: return location for an %OSAI_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (nullable): @text as a UTC time
 */
GDateTime *
osai_time_parse_iso8601 (const char  *text,
                         GError     **error)
{
  GDateTime *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = parse_iso8601 (text);
  if (result == NULL)
    g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                 _("“%s” is not a date and time."), text != NULL ? text : "");

  return result;
}

/**
 * osai_time_format_iso8601:
 * @time: a #GDateTime
 *
 * Returns: (transfer full): @time in UTC as "YYYY-MM-DDTHH:MM:SS.mmmZ", the
 *   form the API gets
 */
char *
osai_time_format_iso8601 (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (utc),
                          g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc),
                          g_date_time_get_microsecond (utc) / 1000);
}

/**
 * osai_time_parse_retry_after:
 * @value: the value of a `Retry-After` header
 * @now: the current time, to turn an HTTP date into a delay
 * @out_seconds: (out): the delay in seconds
 *
 * Returns: %TRUE when @value is delta-seconds or an HTTP date (a date in the
 *   past gives 0)
 */
gboolean
osai_time_parse_retry_after (const char *value,
                             GDateTime  *now,
                             guint      *out_seconds)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *stripped = NULL;
  guint64 seconds;

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (out_seconds != NULL, FALSE);

  if (value == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (value));
  if (*stripped == '\0')
    return FALSE;

  if (g_ascii_isdigit (*stripped))
    {
      for (const char *p = stripped; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;

      /* A delay too long to represent is as good as forever. */
      if (!g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT64, &seconds, NULL))
        seconds = G_MAXUINT;

      *out_seconds = (guint) MIN (seconds, (guint64) G_MAXUINT);
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (stripped);
  if (date == NULL)
    return FALSE;

  {
    GTimeSpan delay = g_date_time_difference (date, now);

    if (delay <= 0)
      *out_seconds = 0;
    else
      /* Round up: waiting a little longer is harmless, shorter is not. */
      *out_seconds = (guint) MIN ((delay + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, (GTimeSpan) G_MAXUINT);
  }

  return TRUE;
}

static gboolean
parse_date_only (const char *text,
                 int        *year,
                 int        *month,
                 int        *day)
{
  guint64 y, m, d;
  char buf[5];

  /* Exactly YYYY-MM-DD */
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  memcpy (buf, text, 4);
  buf[4] = '\0';
  y = g_ascii_strtoull (buf, NULL, 10);
  memcpy (buf, text + 5, 2);
  buf[2] = '\0';
  m = g_ascii_strtoull (buf, NULL, 10);
  memcpy (buf, text + 8, 2);
  buf[2] = '\0';
  d = g_ascii_strtoull (buf, NULL, 10);

  if (y < 1 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month (m, y))
    return FALSE;

  *year = y;
  *month = m;
  *day = d;

  return TRUE;
}

/**
 * osai_time_parse_user_date:
 * @text: a date ("2024-05-31") or an ISO 8601 date and time
 * @end_of_day_if_date_only: for a date alone, return the midnight that
 *   ends it rather than the one that starts it
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error
 *
 * Reads a date a person typed.  A date alone is a UTC day, so that
 * `--from 2024-05-01 --to 2024-05-31` covers all of May.
 *
 * Returns: (transfer full) (nullable): a UTC time
 */
GDateTime *
osai_time_parse_user_date (const char  *text,
                           gboolean     end_of_day_if_date_only,
                           GError     **error)
{
  g_autofree char *stripped = NULL;
  GDateTime *result;
  int year, month, day;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (parse_date_only (stripped, &year, &month, &day))
    {
      g_autoptr(GDateTime) midnight = g_date_time_new_utc (year, month, day, 0, 0, 0);

      /* The end of 9999-12-31 is past what a GDateTime holds: that is an
       * error like any other, never a NULL without one. */
      if (midnight != NULL && !end_of_day_if_date_only)
        return g_steal_pointer (&midnight);
      if (midnight != NULL && (result = g_date_time_add_days (midnight, 1)) != NULL)
        return result;
    }
  else if ((result = parse_iso8601 (stripped)) != NULL)
    {
      return result;
    }

  g_set_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
               _("“%s” is not a date. Use a date such as 2024-05-31, "
                 "or a date and time such as 2024-05-31T12:00:00Z."),
               text != NULL ? text : "");

  return NULL;
}
