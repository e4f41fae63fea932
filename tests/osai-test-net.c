/* osai-test-net.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "osai-test-net.h"

void
osai_test_net_setup (OsaiTestNet   *net,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  net->sim = osai_sim_server_new ();
  g_object_set (net->sim, "report-delay", 0.0, NULL);
  osai_sim_server_start (net->sim, 0, &error);
  g_assert_no_error (error);

  net->client = osai_client_new (osai_sim_server_get_base_url (net->sim), FALSE, &error);
  g_assert_no_error (error);
  osai_client_set_access_token (net->client, "demo");
  /* Quick backoff; a Retry-After from the simulator still wins. */
  osai_client_set_retry_policy (net->client, 3, 10, 50);

  net->tmpdir = g_dir_make_tmp ("osai-test-XXXXXX", &error);
  g_assert_no_error (error);
}


void
osai_test_net_teardown (OsaiTestNet   *net,
                        gconstpointer  data)
{
  g_clear_object (&net->client);
  osai_sim_server_stop (net->sim);
  g_clear_object (&net->sim);
  osai_test_remove_tree (net->tmpdir);
  g_clear_pointer (&net->tmpdir, g_free);
}

/* The documented example period, with every switch on. */
OsaiReportRequest *
osai_test_net_request (void)
{
  g_autoptr(GDateTime) from = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2023, 1, 1, 0, 0, 0);

  return osai_report_request_new (from, to, OSAI_INCLUDE_ALL);
}

OsaiReport *
osai_test_net_run_job (OsaiTestNet    *net,
                       OsaiReportJob  *job,
                       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  osai_report_job_run_async (job, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  return osai_report_job_run_finish (job, result, error);
}

OsaiReport *
osai_test_net_finished_report (OsaiTestNet *net)
{
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiReportJob) job = osai_report_job_new (net->client, request);
  g_autoptr(GError) error = NULL;
  OsaiReport *report;

  osai_report_job_set_poll_interval (job, 50);
  report = osai_test_net_run_job (net, job, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

guint
osai_test_net_count_requests (OsaiTestNet *net,
                              const char  *method,
                              const char  *path_prefix)
{
  GPtrArray *requests = osai_sim_server_get_requests (net->sim);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *record = g_ptr_array_index (requests, i);

      if ((method == NULL || g_strcmp0 (record->method, method) == 0) &&
          g_str_has_prefix (record->path, path_prefix))
        count++;
    }

  return count;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Keeps the main loop running for @ms, e.g. to see that nothing more happens. */
void
osai_test_net_iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  OSAI_TEST_WAIT_UNTIL (done, ms + 10000);
}

GPtrArray *
osai_test_net_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  return names;
}
