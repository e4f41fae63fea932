/* osai-metric.h — what each total of a report means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "osai-types.h"

G_BEGIN_DECLS

/**
 * OsaiMetricInfo:
 * @metric: the metric this row describes
 * @field: the JSON field of the report, e.g. "totalImagesKBMin"
 * @label: untranslated label (N_()), translate with osai_metric_get_label()
 * @category: the group the metric belongs to
 * @unit: the API's unit: "count", "KB·min" or "s"
 * @human_unit: the unit shown to people: "images", "MB·h" or "h"
 * @divisor: raw value / @divisor = value in @human_unit
 * @include: the request switch that produces this metric
 */
typedef struct
{
  OsaiMetric        metric;
  const char       *field;
  const char       *label;
  OsaiCategory      category;
  const char       *unit;
  const char       *human_unit;
  double            divisor;
  OsaiIncludeFlags  include;
} OsaiMetricInfo;

const OsaiMetricInfo *osai_metric_get_info     (OsaiMetric   metric);
const char           *osai_metric_get_label    (OsaiMetric   metric);
const char           *osai_category_get_label  (OsaiCategory category);
double                osai_metric_to_human     (OsaiMetric   metric,
                                                double       raw);

G_END_DECLS
