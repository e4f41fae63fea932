/* test-job.c — OsaiReportJob against the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "osai-error.h"
#include "osai-test-net.h"

static void
record_state_cb (OsaiReportJob *job,
                 GParamSpec    *pspec,
                 GArray        *states)
{
  OsaiReportJobState state = osai_report_job_get_state (job);

  g_array_append_val (states, state);
}

static OsaiReportJob *
new_job (OsaiTestNet *net,
         guint        poll_interval_ms)
{
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  OsaiReportJob *job = osai_report_job_new (net->client, request);

  osai_report_job_set_poll_interval (job, poll_interval_ms);
  return job;
}

static void
test_done (OsaiTestNet   *net,
           gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 100);
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (OsaiReportJobState));
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  OsaiReportJobState expected[] = {
    OSAI_REPORT_JOB_STATE_SIGNING_IN,
    OSAI_REPORT_JOB_STATE_CREATING,
    OSAI_REPORT_JOB_STATE_WAITING,
    OSAI_REPORT_JOB_STATE_DONE,
  };

  g_object_set (net->sim, "report-delay", 0.35, NULL);
  g_signal_connect (job, "notify::state", G_CALLBACK (record_state_cb), states);

  report = osai_test_net_run_job (net, job, &error);
  g_assert_no_error (error);
  g_assert_true (osai_report_has_totals (report));
  g_assert_true (report == osai_report_job_get_report (job));
  g_assert_null (osai_report_job_get_error (job));
  g_assert_false (osai_report_job_is_running (job));

  g_assert_cmpuint (states->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < states->len; i++)
    g_assert_cmpint (g_array_index (states, OsaiReportJobState, i), ==, expected[i]);

  /* Checked right after creation, then every 100 ms until 0.35 s passed. */
  g_assert_cmpuint (osai_report_job_get_poll_count (job), >=, 3);
  g_assert_cmpuint (osai_report_job_get_poll_count (job), <=, 6);
  g_assert_cmpfloat (osai_report_job_get_elapsed (job), >=, 0.35);
}

static void
test_first_check_right_away (OsaiTestNet   *net,
                             gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, OSAI_REPORT_JOB_DEFAULT_POLL_INTERVAL_MS);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* A report that is ready at once needs no 2-second wait. */
  report = osai_test_net_run_job (net, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (osai_report_job_get_poll_count (job), ==, 1);
  g_assert_cmpfloat (osai_report_job_get_elapsed (job), <, 1.5);
}

static void
test_poll_interval (OsaiTestNet   *net,
                    gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, OSAI_REPORT_JOB_DEFAULT_POLL_INTERVAL_MS);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* The documented 2 s cadence: ready after 2.5 s → checks at 0, 2 and 4 s. */
  g_object_set (net->sim, "report-delay", 2.5, NULL);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (osai_report_job_get_poll_count (job), ==, 3);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Reports/"), ==, 3);
  g_assert_cmpfloat (osai_report_job_get_elapsed (job), >=, 4.0);
  g_assert_cmpfloat (osai_report_job_get_elapsed (job), <, 5.5);
}

static void
test_failed (OsaiTestNet   *net,
             gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 50);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "fail-report", TRUE, "report-delay", 0.1, NULL);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_REPORT_FAILED);
  g_assert_null (report);
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_FAILED);
  g_assert_error (osai_report_job_get_error (job), OSAI_ERROR, OSAI_ERROR_REPORT_FAILED);
}

static void
test_unknown_status (OsaiTestNet   *net,
                     gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 50);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "unknown-status", TRUE, NULL);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_UNKNOWN_STATUS);
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_FAILED);
}

static void
test_malformed (OsaiTestNet   *net,
                gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 50);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "malformed-json", TRUE, NULL);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
}

static void
test_cancel_while_waiting (OsaiTestNet   *net,
                           gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 100);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint requests_at_cancel;
  gint64 start;

  g_object_set (net->sim, "report-delay", 30.0, NULL);
  osai_report_job_run_async (job, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (osai_report_job_get_poll_count (job) >= 2, 5000);

  start = g_get_monotonic_time ();
  osai_report_job_cancel (job);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);

  report = osai_report_job_run_finish (job, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_CANCELLED);

  /* The timeout source is gone: no more polling. */
  requests_at_cancel = osai_sim_server_get_requests (net->sim)->len;
  osai_test_net_iterate_for (400);
  g_assert_cmpuint (osai_sim_server_get_requests (net->sim)->len, ==, requests_at_cancel);
}

static void
test_cancel_in_flight (OsaiTestNet   *net,
                       gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 100);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancel through the caller's cancellable while the sign-in hangs. */
  g_object_set (net->sim, "slow-ms", 10000, NULL);
  osai_report_job_run_async (job, cancellable, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (osai_sim_server_get_requests (net->sim)->len >= 1, 5000);
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_SIGNING_IN);

  g_cancellable_cancel (cancellable);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 1000);
  report = osai_report_job_run_finish (job, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_CANCELLED);
}

static void
test_deadline (OsaiTestNet   *net,
               gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 100);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* SoupSession:timeout is only an inactivity timeout: the job has its own. */
  g_object_set (net->sim, "report-delay", 60.0, NULL);
  osai_report_job_set_deadline (job, 1);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_TIMED_OUT);
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_FAILED);
  g_assert_cmpfloat (osai_report_job_get_elapsed (job), <, 2.0);
}

static void
expire_once_waiting_cb (OsaiReportJob *job,
                        GParamSpec    *pspec,
                        OsaiTestNet   *net)
{
  if (osai_report_job_get_state (job) == OSAI_REPORT_JOB_STATE_WAITING)
    osai_sim_server_expire_sessions (net->sim);
}

static void
test_expired_token_mid_poll (OsaiTestNet   *net,
                             gconstpointer  data)
{
  g_autoptr(OsaiReportJob) job = new_job (net, 100);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "report-delay", 0.5, NULL);
  g_signal_connect (job, "notify::state", G_CALLBACK (expire_once_waiting_cb), net);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Users/SignIn"), ==, 2);
}

static void
test_invalid_request (OsaiTestNet   *net,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 5, 1, 0, 0, 0);
  g_autoptr(OsaiReportRequest) request = osai_report_request_new (day, day, OSAI_INCLUDE_ALL);
  g_autoptr(OsaiReportJob) job = osai_report_job_new (net->client, request);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = osai_test_net_run_job (net, job, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
  g_assert_cmpuint (osai_sim_server_get_requests (net->sim)->len, ==, 0);
}

static void
test_excluded_categories (OsaiTestNet   *net,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2024, 2, 1, 0, 0, 0);
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(OsaiReportJob) job = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  request = osai_report_request_new (from, to, OSAI_INCLUDE_DATASETS | OSAI_INCLUDE_PREDICTIONS);
  job = osai_report_job_new (net->client, request);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_report_get_include (report), ==,
                   OSAI_INCLUDE_DATASETS | OSAI_INCLUDE_PREDICTIONS);
  g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_DEVICE_RENTAL_SECONDS), ==, 0);
  g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_TRAINING_SECONDS_8GB), ==, 0);
  g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_MODELS_KB_MIN), ==, 0);
  g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_MANIPULATION_SECONDS), ==, 0);
  g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_IMAGES_KB_MIN), >, 0);
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_thread_default_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(OsaiSimServer) sim = NULL;
  g_autoptr(OsaiClient) client = NULL;
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiReportJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) deadline = g_timeout_source_new_seconds (10);
  gboolean timed_out = FALSE;

  /* Everything in a context of its own, the global default never run:
   * the poll timeout must live in the job's context too. */
  g_main_context_push_thread_default (context);
  sim = osai_sim_server_new ();
  g_object_set (sim, "report-delay", 0.3, NULL);
  osai_sim_server_start (sim, 0, &error);
  g_assert_no_error (error);
  client = osai_client_new (osai_sim_server_get_base_url (sim), FALSE, &error);
  g_assert_no_error (error);
  osai_client_set_access_token (client, "demo");
  job = osai_report_job_new (client, request);
  osai_report_job_set_poll_interval (job, 100);
  osai_report_job_set_deadline (job, 60);

  g_source_set_callback (deadline, set_true_cb, &timed_out, NULL);
  g_source_attach (deadline, context);
  osai_report_job_run_async (job, NULL, osai_test_store_result_cb, &result);
  while (result == NULL && !timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (deadline);

  g_assert_false (timed_out);
  report = osai_report_job_run_finish (job, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (osai_report_job_get_poll_count (job), >=, 2);

  osai_sim_server_stop (sim);
  g_main_context_pop_thread_default (context);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define NET_TEST(path, func) \
  g_test_add (path, OsaiTestNet, NULL, osai_test_net_setup, func, osai_test_net_teardown)

  NET_TEST ("/job/done", test_done);
  NET_TEST ("/job/first-check-right-away", test_first_check_right_away);
  NET_TEST ("/job/poll-interval", test_poll_interval);
  NET_TEST ("/job/failed", test_failed);
  NET_TEST ("/job/unknown-status", test_unknown_status);
  NET_TEST ("/job/malformed-json", test_malformed);
  NET_TEST ("/job/cancel/while-waiting", test_cancel_while_waiting);
  NET_TEST ("/job/cancel/in-flight", test_cancel_in_flight);
  NET_TEST ("/job/deadline", test_deadline);
  NET_TEST ("/job/expired-token-mid-poll", test_expired_token_mid_poll);
  NET_TEST ("/job/invalid-request", test_invalid_request);
  NET_TEST ("/job/excluded-categories", test_excluded_categories);
  g_test_add_func ("/job/thread-default-context", test_thread_default_context);

  return g_test_run ();
}
