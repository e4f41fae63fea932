/* osai-report.h — a report as GET /Reports/{id} returns it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "osai-types.h"

G_BEGIN_DECLS

#define OSAI_TYPE_REPORT (osai_report_get_type ())

G_DECLARE_FINAL_TYPE (OsaiReport, osai_report, OSAI, REPORT, GObject)

OsaiReport       *osai_report_new_from_json       (JsonNode     *node,
                                                   GError      **error);
OsaiReport       *osai_report_new_from_bytes      (GBytes       *bytes,
                                                   GError      **error);
gint64            osai_report_get_id              (OsaiReport   *self);
int               osai_report_get_status          (OsaiReport   *self);
GDateTime        *osai_report_get_creation_time   (OsaiReport   *self);
GDateTime        *osai_report_get_period_from     (OsaiReport   *self);
GDateTime        *osai_report_get_period_to       (OsaiReport   *self);
const char       *osai_report_get_path            (OsaiReport   *self);
GDateTime        *osai_report_get_path_expires    (OsaiReport   *self);
OsaiIncludeFlags  osai_report_get_include         (OsaiReport   *self);
gboolean          osai_report_get_read            (OsaiReport   *self);
gboolean          osai_report_has_totals          (OsaiReport   *self);
double            osai_report_get_total           (OsaiReport   *self,
                                                   OsaiMetric    metric);

G_END_DECLS
