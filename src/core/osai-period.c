/* osai-period.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-period"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "osai-error.h"
#include "osai-period.h"

/* @now's date in UTC, or today's when @now is NULL. */
static void
get_utc_today (GDateTime *now,
               GDate     *out_today)
{
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day;

  if (now != NULL)
    utc = g_date_time_to_utc (now);
  else
    utc = g_date_time_new_now_utc ();

  g_date_time_get_ymd (utc, &year, &month, &day);
  g_date_clear (out_today, 1);
  g_date_set_dmy (out_today, day, month, year);
}

/**
 * osai_period_preset:
 * @preset: which period
 * @now: (nullable): the current time; %NULL for the clock's
 * @out_first: (out caller-allocates): the first day of the period
 * @out_last: (out caller-allocates): the last day of the period, included
 *
 * Works out a preset from the UTC date of @now, the day the API counts in.
 */
void
osai_period_preset (OsaiPeriodPreset  preset,
                    GDateTime        *now,
                    GDate            *out_first,
                    GDate            *out_last)
{
  GDate today;
  GDateYear year;
  GDateMonth month;

  g_return_if_fail (out_first != NULL);
  g_return_if_fail (out_last != NULL);

  get_utc_today (now, &today);
  year = g_date_get_year (&today);
  month = g_date_get_month (&today);

  g_date_clear (out_first, 1);
  g_date_clear (out_last, 1);

  switch (preset)
    {
    case OSAI_PERIOD_THIS_MONTH:
      g_date_set_dmy (out_first, 1, month, year);
      *out_last = today;
      break;

    case OSAI_PERIOD_LAST_MONTH:
      g_date_set_dmy (out_first, 1, month, year);
      g_date_subtract_months (out_first, 1);
      *out_last = *out_first;
      g_date_set_day (out_last, g_date_get_days_in_month (g_date_get_month (out_first),
                                                          g_date_get_year (out_first)));
      break;

    case OSAI_PERIOD_LAST_30_DAYS:
      *out_first = today;
      g_date_subtract_days (out_first, 29);
      *out_last = today;
      break;

    case OSAI_PERIOD_THIS_YEAR:
      g_date_set_dmy (out_first, 1, G_DATE_JANUARY, year);
      *out_last = today;
      break;

    case OSAI_PERIOD_LAST_YEAR:
      g_date_set_dmy (out_first, 1, G_DATE_JANUARY, year - 1);
      g_date_set_dmy (out_last, 31, G_DATE_DECEMBER, year - 1);
      break;

    default:
      g_critical ("Unknown period preset %d", (int) preset);
      *out_first = today;
      *out_last = today;
      break;
    }
}

/**
 * osai_period_parse_day:
 * @text: (nullable): a day as "YYYY-MM-DD"
 * @out_date: (out caller-allocates): the day
 *
 * Accepts nothing but four digits, a dash, two digits, a dash and two
 * digits that name a day of the calendar: no spaces, no time, no 30 February.
 *
 * Returns: %TRUE when @text is such a day; @out_date is left alone otherwise
 */
gboolean
osai_period_parse_day (const char *text,
                       GDate      *out_date)
{
  guint year = 0, month = 0, day = 0;

  g_return_val_if_fail (out_date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  for (guint i = 0; i < 4; i++)
    year = year * 10 + g_ascii_digit_value (text[i]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);

  if (year < 1 || month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);

  return TRUE;
}

/**
 * osai_period_format_day:
 * @date: a valid day
 *
 * Returns: (transfer full): @date as "YYYY-MM-DD", what
 *   osai_period_parse_day() reads and GSettings keeps
 */
char *
osai_period_format_day (const GDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * osai_period_validate:
 * @first: the first day
 * @last: the last day, included
 * @include: the kinds of usage asked for
 * @now: (nullable): the current time; %NULL for the clock's
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error whose
 *   message says, in a short sentence, what to change
 *
 * Returns: %TRUE when a report can be asked for this period
 */
gboolean
osai_period_validate (const GDate       *first,
                      const GDate       *last,
                      OsaiIncludeFlags   include,
                      GDateTime         *now,
                      GError           **error)
{
  GDate today;

  g_return_val_if_fail (first != NULL, FALSE);
  g_return_val_if_fail (last != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_date_valid (first) || !g_date_valid (last))
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("Pick the first and the last day of the period."));
      return FALSE;
    }

  if (g_date_compare (first, last) > 0)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("The start date is after the end date."));
      return FALSE;
    }

  get_utc_today (now, &today);
  if (g_date_compare (first, &today) > 0)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("The period starts in the future."));
      return FALSE;
    }

  if ((include & OSAI_INCLUDE_ALL) == 0)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("Switch on at least one kind of usage."));
      return FALSE;
    }

  return TRUE;
}

static GDateTime *
date_to_utc_midnight (const GDate *date)
{
  return g_date_time_new_utc (g_date_get_year (date),
                              g_date_get_month (date),
                              g_date_get_day (date),
                              0, 0, 0);
}

/**
 * osai_period_make_request:
 * @first: the first day
 * @last: the last day, included
 * @include: the kinds of usage asked for
 * @now: (nullable): the current time; %NULL for the clock's
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error
 *
 * Checks the period with osai_period_validate() and turns it into a request
 * from midnight UTC starting @first to the midnight UTC ending @last, as
 * `osai-reports-cli --from FIRST --to LAST` does.
 *
 * Returns: (transfer full) (nullable): the request
 */
OsaiReportRequest *
osai_period_make_request (const GDate       *first,
                          const GDate       *last,
                          OsaiIncludeFlags   include,
                          GDateTime         *now,
                          GError           **error)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) last_midnight = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;

  g_return_val_if_fail (first != NULL, NULL);
  g_return_val_if_fail (last != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!osai_period_validate (first, last, include, now, error))
    return NULL;

  from = date_to_utc_midnight (first);
  last_midnight = date_to_utc_midnight (last);
  if (from == NULL || last_midnight == NULL)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("Pick the first and the last day of the period."));
      return NULL;
    }
  to = g_date_time_add_days (last_midnight, 1);
  if (to == NULL)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("Pick the first and the last day of the period."));
      return NULL;
    }

  request = osai_report_request_new (from, to, include);
  if (!osai_report_request_validate (request, error))
    return NULL;

  return g_steal_pointer (&request);
}

/**
 * osai_period_describe:
 * @from: the start of a period
 * @to: the end of the period, excluded: the midnight after its last day
 *
 * Names the days of a period the way a person says them, in UTC:
 * "5 November 2026", "1 – 30 November 2026", "1 November – 15 December 2026"
 * or "3 October 2026 – 2 January 2027".
 *
 * Returns: (transfer full): the description
 */
char *
osai_period_describe (GDateTime *from,
                      GDateTime *to)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  /* Translators: a full date in a period, see the g_date_time_format()
   * documentation; "5 November 2026". */
  const char *full_format = C_("period", "%-d %B %Y");
  const char *first_format;

  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);

  first = g_date_time_to_utc (from);

  /* The end is excluded: the last day is the one a microsecond before it. */
  {
    g_autoptr(GDateTime) before_end = g_date_time_add (to, -1);

    if (before_end != NULL && g_date_time_compare (before_end, first) >= 0)
      last = g_date_time_to_utc (before_end);
    else
      last = g_date_time_ref (first);
  }

  if (g_date_time_get_year (first) == g_date_time_get_year (last) &&
      g_date_time_get_day_of_year (first) == g_date_time_get_day_of_year (last))
    return g_date_time_format (first, full_format);

  if (g_date_time_get_year (first) != g_date_time_get_year (last))
    first_format = full_format;
  else if (g_date_time_get_month (first) != g_date_time_get_month (last))
    /* Translators: the first day of a period ending in the same year,
     * see the g_date_time_format() documentation; "1 November" in
     * "1 November – 15 December 2026". */
    first_format = C_("period", "%-d %B");
  else
    /* Translators: the first day of a period ending in the same month,
     * see the g_date_time_format() documentation; "1" in
     * "1 – 30 November 2026". */
    first_format = C_("period", "%-d");

  first_text = g_date_time_format (first, first_format);
  last_text = g_date_time_format (last, full_format);

  /* Translators: a period from its first to its last day, both included;
   * "1 – 30 November 2026". */
  return g_strdup_printf (C_("period", "%s – %s"), first_text, last_text);
}

static gboolean
is_midnight (GDateTime *time)
{
  return g_date_time_get_hour (time) == 0 && g_date_time_get_minute (time) == 0 &&
         g_date_time_get_second (time) == 0 && g_date_time_get_microsecond (time) == 0;
}

/* From the 1st of a month to a day of the same month, not the whole month. */
static gboolean
month_so_far (GDateTime *first,
              GDateTime *end)
{
  g_autoptr(GDateTime) last = g_date_time_add_days (end, -1);

  return last != NULL && g_date_time_get_day_of_month (first) == 1
         && g_date_time_get_year (last) == g_date_time_get_year (first)
         && g_date_time_get_month (last) == g_date_time_get_month (first);
}

/**
 * osai_period_shift:
 * @from: the start of a period, included
 * @to: its end, excluded
 * @shift: which period to work out
 * @out_from: (out) (transfer full): the start of that period
 * @out_to: (out) (transfer full): its end, excluded
 *
 * The period to compare a report with, in UTC as the API counts:
 *
 * - %OSAI_PERIOD_SHIFT_PREVIOUS: for whole months (from the 1st to a 1st),
 *   as many months before: February 2024 → January 2024, Q2 → Q1; for a
 *   month so far (from the 1st to a day of that month), the same days of
 *   the month before: 1 – 26 November → 1 – 26 October, 1 – 30 March →
 *   1 – 29 February in a leap year; for other whole days, as many days
 *   ending where @from starts: 10 – 24 March → 24 February – 9 March;
 *   otherwise the same span of time.
 * - %OSAI_PERIOD_SHIFT_YEAR_BEFORE: whole months → the same months a year
 *   earlier (all of February, 28 or 29 days); whole days → the first and
 *   the last day a year earlier, 29 February becoming 28 February; other
 *   times → a year earlier.
 *
 * Returns: %TRUE when @from is before @to and the result is a period
 */
gboolean
osai_period_shift (GDateTime        *from,
                   GDateTime        *to,
                   OsaiPeriodShift   shift,
                   GDateTime       **out_from,
                   GDateTime       **out_to)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) result_from = NULL;
  g_autoptr(GDateTime) result_to = NULL;
  gboolean whole_days, whole_months;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);
  g_return_val_if_fail (out_from != NULL && out_to != NULL, FALSE);

  *out_from = NULL;
  *out_to = NULL;

  first = g_date_time_to_utc (from);
  end = g_date_time_to_utc (to);
  if (first == NULL || end == NULL || g_date_time_compare (first, end) >= 0)
    return FALSE;

  whole_days = is_midnight (first) && is_midnight (end);
  whole_months = whole_days && g_date_time_get_day_of_month (first) == 1 &&
                 g_date_time_get_day_of_month (end) == 1;

  switch (shift)
    {
    case OSAI_PERIOD_SHIFT_PREVIOUS:
      if (whole_months)
        {
          int months = (g_date_time_get_year (end) * 12 + g_date_time_get_month (end)) -
                       (g_date_time_get_year (first) * 12 + g_date_time_get_month (first));

          result_from = g_date_time_add_months (first, -months);
        }
      else if (whole_days && month_so_far (first, end))
        {
          /* This month so far: the same days of the month before, as
           * people compare a month in progress (1 – 26 November with
           * 1 – 26 October), cut at that month's end. */
          g_autoptr(GDateTime) last = g_date_time_add_days (end, -1);
          int days = g_date_time_get_day_of_month (last);
          int length;

          result_from = g_date_time_add_months (first, -1);
          if (result_from != NULL)
            {
              length = g_date_get_days_in_month (g_date_time_get_month (result_from),
                                                 g_date_time_get_year (result_from));
              result_to = g_date_time_add_days (result_from, MIN (days, length));
            }
          break;
        }
      else if (whole_days)
        {
          /* Days, not a span: the same count whatever the clock does. */
          gint64 days = g_date_time_difference (end, first) / G_TIME_SPAN_DAY;

          result_from = g_date_time_add_days (first, (int) -days);
        }
      else
        result_from = g_date_time_add (first, -g_date_time_difference (end, first));
      result_to = g_date_time_ref (first);
      break;

    case OSAI_PERIOD_SHIFT_YEAR_BEFORE:
      result_from = g_date_time_add_years (first, -1);
      if (whole_days && !whole_months)
        {
          /* The last day, not the end: a period ending on 29 February
           * 2024 ends on 28 February 2023, not on 27 February. */
          g_autoptr(GDateTime) last = g_date_time_add_days (end, -1);
          g_autoptr(GDateTime) last_before = last != NULL ? g_date_time_add_years (last, -1) : NULL;

          result_to = last_before != NULL ? g_date_time_add_days (last_before, 1) : NULL;
        }
      else
        result_to = g_date_time_add_years (end, -1);
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (result_from == NULL || result_to == NULL || g_date_time_compare (result_from, result_to) >= 0)
    return FALSE;

  *out_from = g_steal_pointer (&result_from);
  *out_to = g_steal_pointer (&result_to);
  return TRUE;
}

/**
 * osai_period_shift_request:
 * @request: a request
 * @shift: which period to work out
 *
 * Returns: (transfer full) (nullable): the same request for the shifted
 *   period (see osai_period_shift()), with the same kinds of usage
 */
OsaiReportRequest *
osai_period_shift_request (OsaiReportRequest *request,
                           OsaiPeriodShift    shift)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;

  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (request), NULL);

  if (!osai_period_shift (osai_report_request_get_period_from (request),
                          osai_report_request_get_period_to (request),
                          shift, &from, &to))
    return NULL;

  return osai_report_request_new (from, to, osai_report_request_get_include (request));
}
