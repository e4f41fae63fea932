/* osai-comparison-item.h — one metric of two reports, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "osai-types.h"

G_BEGIN_DECLS

#define OSAI_TYPE_COMPARISON_ITEM (osai_comparison_item_get_type ())

G_DECLARE_FINAL_TYPE (OsaiComparisonItem, osai_comparison_item, OSAI, COMPARISON_ITEM, GObject)

OsaiComparisonItem *osai_comparison_item_new                (OsaiMetric          metric,
                                                             gboolean            has_a,
                                                             double              raw_a,
                                                             gboolean            has_b,
                                                             double              raw_b);
OsaiMetric          osai_comparison_item_get_metric         (OsaiComparisonItem *self);
const char         *osai_comparison_item_get_field_name     (OsaiComparisonItem *self);
const char         *osai_comparison_item_get_label          (OsaiComparisonItem *self);
OsaiCategory        osai_comparison_item_get_category       (OsaiComparisonItem *self);
const char         *osai_comparison_item_get_category_label (OsaiComparisonItem *self);
const char         *osai_comparison_item_get_unit           (OsaiComparisonItem *self);
gboolean            osai_comparison_item_has_value_a        (OsaiComparisonItem *self);
double              osai_comparison_item_get_value_a        (OsaiComparisonItem *self);
gboolean            osai_comparison_item_has_value_b        (OsaiComparisonItem *self);
double              osai_comparison_item_get_value_b        (OsaiComparisonItem *self);
gboolean            osai_comparison_item_has_difference     (OsaiComparisonItem *self);
double              osai_comparison_item_get_difference     (OsaiComparisonItem *self);
gboolean            osai_comparison_item_has_change         (OsaiComparisonItem *self);
double              osai_comparison_item_get_change_percent (OsaiComparisonItem *self);

G_END_DECLS
