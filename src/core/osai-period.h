/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-period.h — report periods as people pick them: whole UTC days and presets */
#pragma once

#include <glib.h>

#include "osai-report-request.h"
#include "osai-types.h"

G_BEGIN_DECLS

typedef enum
{
  OSAI_PERIOD_THIS_MONTH,
  OSAI_PERIOD_LAST_MONTH,
  OSAI_PERIOD_LAST_30_DAYS,
  OSAI_PERIOD_THIS_YEAR,
  OSAI_PERIOD_LAST_YEAR,
} OsaiPeriodPreset;

/* Presets relative to @now (its UTC date): the first and last day, both included. */
void                osai_period_preset          (OsaiPeriodPreset   preset,
                                                 GDateTime         *now,
                                                 GDate             *out_first,
                                                 GDate             *out_last);
/* Strict "YYYY-MM-DD"; FALSE (and out_date untouched) for anything else. */
gboolean            osai_period_parse_day       (const char        *text,
                                                 GDate             *out_date);
char               *osai_period_format_day      (const GDate       *date);
/* Checks what a person picked; the message says why it cannot be sent. */
gboolean            osai_period_validate        (const GDate       *first,
                                                 const GDate       *last,
                                                 OsaiIncludeFlags   include,
                                                 GDateTime         *now,
                                                 GError           **error);
/* first 00:00 UTC up to the midnight ending @last, as the CLI reads --from/--to. */
OsaiReportRequest  *osai_period_make_request    (const GDate       *first,
                                                 const GDate       *last,
                                                 OsaiIncludeFlags   include,
                                                 GDateTime         *now,
                                                 GError           **error);
/* "1 – 30 November 2026", "3 October 2026 – 2 January 2027": @to is exclusive midnight. */
char               *osai_period_describe        (GDateTime         *from,
                                                 GDateTime         *to);


/**
 * OsaiPeriodShift:
 * @OSAI_PERIOD_SHIFT_PREVIOUS: the period of the same length just before:
 *   as many whole months for whole months, as many days for whole days
 * @OSAI_PERIOD_SHIFT_YEAR_BEFORE: the same days one year earlier, 29
 *   February becoming 28 February
 */
typedef enum
{
  OSAI_PERIOD_SHIFT_PREVIOUS,
  OSAI_PERIOD_SHIFT_YEAR_BEFORE,
} OsaiPeriodShift;

/* @from included, @to excluded, as in a request; so are the results. */
gboolean            osai_period_shift           (GDateTime         *from,
                                                 GDateTime         *to,
                                                 OsaiPeriodShift    shift,
                                                 GDateTime        **out_from,
                                                 GDateTime        **out_to);
OsaiReportRequest  *osai_period_shift_request   (OsaiReportRequest *request,
                                                 OsaiPeriodShift    shift);

G_END_DECLS
