/* test-history-resume.c — a report still being made at quit is resumed, not asked twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "osai-error.h"
#include "osai-history.h"
#include "osai-metric.h"
#include "osai-test-net.h"

typedef struct
{
  OsaiHistory       *history;
  OsaiClient        *client;
  OsaiHistoryEntry  *pending;
} FirstRun;

/* What the window does once the server gave the report its ID. */
static void
job_state_cb (OsaiReportJob *job,
              GParamSpec    *pspec,
              FirstRun      *run)
{
  g_autoptr(GError) error = NULL;

  if (run->pending != NULL || osai_report_job_get_state (job) != OSAI_REPORT_JOB_STATE_WAITING)
    return;

  run->pending = osai_history_add_pending (run->history, osai_client_get_base_url (run->client),
                                           "demo@example.com",
                                           osai_report_get_id (osai_report_job_get_report (job)),
                                           osai_report_job_get_request (job), &error);
  g_assert_no_error (error);
}

static void
test_resume_after_quit (OsaiTestNet   *net,
                        gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (net->tmpdir, "history", NULL);
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiHistory) history = NULL;
  g_autoptr(OsaiClient) client = NULL;
  g_autoptr(OsaiReportJob) resumed = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiHistoryEntry) done = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 report_id;

  g_object_set (net->sim, "report-delay", 1.5, NULL);

  /* The first run asks for the report, records it as pending, and quits
   * while the server is still making it. */
  {
    FirstRun run = { 0 };
    g_autoptr(OsaiReportJob) job = osai_report_job_new (net->client, request);
    g_autoptr(GAsyncResult) job_result = NULL;

    run.history = osai_history_new (dir);
    run.client = net->client;
    osai_report_job_set_poll_interval (job, 50);
    g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), &run);
    osai_report_job_run_async (job, NULL, osai_test_store_result_cb, &job_result);
    OSAI_TEST_WAIT_UNTIL (run.pending != NULL, 10000);
    osai_report_job_cancel (job);
    OSAI_TEST_WAIT_UNTIL (job_result != NULL, 10000);
    g_assert_null (osai_report_job_run_finish (job, job_result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);

    report_id = osai_history_entry_get_report_id (run.pending);
    g_clear_object (&run.pending);
    g_clear_object (&run.history);
  }
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Reports"), ==, 1);

  /* The next start: a new process, a new client, the history read again. */
  history = osai_history_new (dir);
  osai_history_load_async (history, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (osai_history_load_finish (history, result, &error));
  g_assert_no_error (error);

  pending = osai_history_get_pending (history);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (osai_history_entry_get_report_id (g_ptr_array_index (pending, 0)), ==,
                   report_id);

  client = osai_client_new (osai_history_entry_get_server (g_ptr_array_index (pending, 0)), FALSE,
                            &error);
  g_assert_no_error (error);
  osai_client_set_access_token (client, "demo");
  resumed = osai_report_job_new_resume (client,
                                        osai_history_entry_get_request (g_ptr_array_index (pending,
                                                                                           0)),
                                        report_id);
  osai_report_job_set_poll_interval (resumed, 50);
  report = osai_test_net_run_job (net, resumed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_report_get_id (report), ==, report_id);

  done = osai_history_complete_pending (history, g_ptr_array_index (pending, 0), report, &error);
  g_assert_no_error (error);

  /* Asked once, polled until done; one entry, done, with its totals. */
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Reports"), ==, 1);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Reports/"), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  g_assert_cmpint (osai_history_entry_get_state (done), ==, OSAI_HISTORY_STATE_DONE);
  g_assert_cmpstr (osai_history_entry_get_account (done), ==, "demo@example.com");
  g_assert_cmpfloat (osai_report_get_total (osai_history_entry_get_report (done),
                                            OSAI_METRIC_TRAINING_SECONDS_8GB),
                     ==, osai_report_get_total (report, OSAI_METRIC_TRAINING_SECONDS_8GB));
  {
    g_autoptr(GPtrArray) none = osai_history_get_pending (history);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_resume_unknown (OsaiTestNet   *net,
                     gconstpointer  data)
{
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiReportJob) job = osai_report_job_new_resume (net->client, request, 987654);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  osai_report_job_set_poll_interval (job, 50);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_null (report);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_NOT_FOUND);
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Reports"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/history/resume/after-quit", OsaiTestNet, NULL,
              osai_test_net_setup, test_resume_after_quit, osai_test_net_teardown);
  g_test_add ("/history/resume/unknown-report", OsaiTestNet, NULL,
              osai_test_net_setup, test_resume_unknown, osai_test_net_teardown);

  return g_test_run ();
}
