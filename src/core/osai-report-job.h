/* osai-report-job.h — one report's whole life: create, poll, finish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "osai-client.h"
#include "osai-report.h"
#include "osai-report-request.h"

G_BEGIN_DECLS

typedef enum
{
  OSAI_REPORT_JOB_STATE_IDLE,
  OSAI_REPORT_JOB_STATE_SIGNING_IN,
  OSAI_REPORT_JOB_STATE_CREATING,
  OSAI_REPORT_JOB_STATE_WAITING,
  OSAI_REPORT_JOB_STATE_DONE,
  OSAI_REPORT_JOB_STATE_FAILED,
  OSAI_REPORT_JOB_STATE_CANCELLED,
} OsaiReportJobState;

#define OSAI_TYPE_REPORT_JOB_STATE (osai_report_job_state_get_type ())
GType osai_report_job_state_get_type (void);

#define OSAI_REPORT_JOB_DEFAULT_POLL_INTERVAL_MS 2000
#define OSAI_REPORT_JOB_DEFAULT_DEADLINE_S       (30 * 60)

#define OSAI_TYPE_REPORT_JOB (osai_report_job_get_type ())

G_DECLARE_FINAL_TYPE (OsaiReportJob, osai_report_job, OSAI, REPORT_JOB, GObject)

OsaiReportJob      *osai_report_job_new               (OsaiClient          *client,
                                                       OsaiReportRequest   *request);
OsaiReportJob      *osai_report_job_new_resume        (OsaiClient          *client,
                                                       OsaiReportRequest   *request,
                                                       gint64               report_id);
OsaiClient         *osai_report_job_get_client        (OsaiReportJob       *self);
OsaiReportRequest  *osai_report_job_get_request       (OsaiReportJob       *self);
OsaiReportJobState  osai_report_job_get_state         (OsaiReportJob       *self);
gboolean            osai_report_job_is_running        (OsaiReportJob       *self);
OsaiReport         *osai_report_job_get_report        (OsaiReportJob       *self);
const GError       *osai_report_job_get_error         (OsaiReportJob       *self);
double              osai_report_job_get_elapsed       (OsaiReportJob       *self);
guint               osai_report_job_get_poll_count    (OsaiReportJob       *self);
void                osai_report_job_set_poll_interval (OsaiReportJob       *self,
                                                       guint                interval_ms);
void                osai_report_job_set_deadline      (OsaiReportJob       *self,
                                                       guint                seconds);
void                osai_report_job_run_async         (OsaiReportJob       *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
OsaiReport         *osai_report_job_run_finish        (OsaiReportJob       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void                osai_report_job_cancel            (OsaiReportJob       *self);

G_END_DECLS
