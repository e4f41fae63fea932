/* osai-format.c — numbers and quantities as the app shows them
 *
 * Shared by the totals and the comparison: the same value reads the same
 * everywhere in the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "osai-format.h"

/* Units as the app shows them (human) and as the API sends them (raw). */
typedef struct
{
  const char *unit;
  const char *explanation;
} UnitInfo;

static const UnitInfo units[] = {
  { "MB·h", N_("Megabyte-hours: storage kept over time. 1 MB stored for one hour is 1 MB·h; "
              "1 GB·h is 1,000 MB·h, 1 TB·h 1,000 GB·h.") },
  { "h", N_("Hours of GPU or device time.") },
  { "images", N_("Number of images.") },
  { "KB·min",
    N_("Kilobyte-minutes, as the OSAI API counts storage. 60,000 KB·min are 1 MB·h.") },
  { "s", N_("Seconds, as the OSAI API counts time. 3,600 s are 1 h.") },
  { "count", N_("A count, as the OSAI API sends it.") },
};

/**
 * osai_format_explain_unit:
 * @unit: a unit symbol, human ("MB·h") or the API's ("KB·min")
 *
 * Returns: (nullable): a sentence saying what @unit is, for a tooltip
 */
const char *
osai_format_explain_unit (const char *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (g_strcmp0 (units[i].unit, unit) == 0)
        return _(units[i].explanation);
    }

  return NULL;
}

/**
 * osai_format_number:
 *
 * Returns: @value with the locale's digit grouping and decimal point, with
 *   as many decimals as its size calls for
 */
char *
osai_format_number (double value)
{
  double magnitude = fabs (value);

  if (value == 0.0)
    return g_strdup_printf ("%'.0f", 0.0);
  if (value == floor (value) || magnitude >= 100.0)
    return g_strdup_printf ("%'.0f", value);
  if (magnitude >= 1.0)
    return g_strdup_printf ("%'.1f", value);
  if (magnitude >= 0.01)
    return g_strdup_printf ("%'.2f", value);

  /* Translators: a value too small to show with two decimals. */
  return g_strdup_printf (_("< %'.2f"), copysign (0.01, value));
}

/**
 * osai_format_quantity:
 * @human_unit: "images", "MB·h" or "h" (see #OsaiMetricInfo)
 * @value: the value in @human_unit
 *
 * Returns: @value with its unit as people read it: "1,069 images",
 *   "12.5 GB·h", "223 h"
 */
char *
osai_format_quantity (const char *human_unit,
                      double      value)
{
  const char *unit = human_unit;
  g_autofree char *number = osai_format_number (value);

  if (g_strcmp0 (unit, "images") == 0)
    {
      gulong count = value >= 0.0 && value < (double) G_MAXULONG ? (gulong) value : G_MAXULONG;

      /* Translators: a number of images, "20,356 images". */
      return g_strdup_printf (ngettext ("%s image", "%s images", count), number);
    }
  if (g_strcmp0 (unit, "MB·h") == 0)
    {
      /* Storage over a long period runs into many digits: from 10,000 MB·h
       * on, the next larger unit (decimal, as the API's KB are). */
      int step = 0;

      while (step < 4 && fabs (value) >= 10000.0)
        {
          value /= 1000.0;
          step++;
        }
      if (step > 0)
        {
          g_free (number);
          number = osai_format_number (value);
        }

      switch (step)
        {
        case 1:
          /* Translators: gigabyte-hours, "12.5 GB·h". */
          return g_strdup_printf (_("%s GB·h"), number);
        case 2:
          /* Translators: terabyte-hours, "12.5 TB·h". */
          return g_strdup_printf (_("%s TB·h"), number);
        case 3:
          /* Translators: petabyte-hours, "12.5 PB·h". */
          return g_strdup_printf (_("%s PB·h"), number);
        case 4:
          /* Translators: exabyte-hours, "12.5 EB·h". */
          return g_strdup_printf (_("%s EB·h"), number);
        default:
          break;
        }

      /* Translators: megabyte-hours, "12.5 MB·h". */
      return g_strdup_printf (_("%s MB·h"), number);
    }
  if (g_strcmp0 (unit, "h") == 0)
    /* Translators: hours, "12.5 h". */
    return g_strdup_printf (_("%s h"), number);

  return g_strdup_printf ("%s %s", number, unit != NULL ? unit : "");
}
