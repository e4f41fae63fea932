/* osai-usage-model.h — the totals of a report as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "osai-report.h"
#include "osai-usage-item.h"

G_BEGIN_DECLS

#define OSAI_TYPE_USAGE_MODEL (osai_usage_model_get_type ())

G_DECLARE_FINAL_TYPE (OsaiUsageModel, osai_usage_model, OSAI, USAGE_MODEL, GObject)

OsaiUsageModel *osai_usage_model_new         (OsaiReport     *report);
OsaiReport     *osai_usage_model_get_report  (OsaiUsageModel *self);
void            osai_usage_model_set_report  (OsaiUsageModel *self,
                                              OsaiReport     *report);
char           *osai_usage_model_to_csv      (OsaiUsageModel *self);
JsonNode       *osai_usage_model_to_json     (OsaiUsageModel *self);

char           *osai_csv_quote               (const char     *field);

G_END_DECLS
