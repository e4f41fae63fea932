/* osai-usage-item.h — one total of a report, in units people read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "osai-types.h"

G_BEGIN_DECLS

#define OSAI_TYPE_USAGE_ITEM (osai_usage_item_get_type ())

G_DECLARE_FINAL_TYPE (OsaiUsageItem, osai_usage_item, OSAI, USAGE_ITEM, GObject)

OsaiUsageItem *osai_usage_item_new                 (OsaiMetric     metric,
                                                    double         raw_value,
                                                    double         share);
OsaiMetric     osai_usage_item_get_metric          (OsaiUsageItem *self);
const char    *osai_usage_item_get_field_name      (OsaiUsageItem *self);
const char    *osai_usage_item_get_label           (OsaiUsageItem *self);
OsaiCategory   osai_usage_item_get_category        (OsaiUsageItem *self);
const char    *osai_usage_item_get_category_label  (OsaiUsageItem *self);
double         osai_usage_item_get_raw_value       (OsaiUsageItem *self);
const char    *osai_usage_item_get_unit            (OsaiUsageItem *self);
double         osai_usage_item_get_value           (OsaiUsageItem *self);
const char    *osai_usage_item_get_human_unit      (OsaiUsageItem *self);
double         osai_usage_item_get_share           (OsaiUsageItem *self);

G_END_DECLS
