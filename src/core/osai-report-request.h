/* osai-report-request.h — what to ask POST /Reports for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "osai-types.h"

G_BEGIN_DECLS

#define OSAI_TYPE_REPORT_REQUEST (osai_report_request_get_type ())

G_DECLARE_FINAL_TYPE (OsaiReportRequest, osai_report_request, OSAI, REPORT_REQUEST, GObject)

OsaiReportRequest *osai_report_request_new              (GDateTime          *period_from,
                                                         GDateTime          *period_to,
                                                         OsaiIncludeFlags    include);
GDateTime         *osai_report_request_get_period_from  (OsaiReportRequest  *self);
GDateTime         *osai_report_request_get_period_to    (OsaiReportRequest  *self);
OsaiIncludeFlags   osai_report_request_get_include      (OsaiReportRequest  *self);
gboolean           osai_report_request_validate         (OsaiReportRequest  *self,
                                                         GError            **error);
JsonNode          *osai_report_request_to_json          (OsaiReportRequest  *self);

G_END_DECLS
