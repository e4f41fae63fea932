/* test-cli-history.c — osai-reports-cli and the history it shares with the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI (OSAI_CLI) runs as a child with its own XDG_DATA_HOME.  Most
 * cases read a store the core wrote (no network, no token); the last ones
 * run a report against the simulator in this process's main context and
 * check what the CLI kept.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "osai-comparison.h"
#include "osai-history.h"
#include "osai-metric.h"
#include "osai-sim-server.h"
#include "osai-test-history.h"
#include "osai-test-utils.h"

#define ACCESS_TOKEN   "cli-history-token-8d1e"
#define CLI_TIMEOUT_MS 15000
#define SERVER_EU      "https://app-eu.onestepai.com/api"
#define SERVER_US      "https://app-us.onestepai.com/api"
#define APRIL_FROM     "2024-04-01T00:00:00Z"
#define APRIL_TO       "2024-05-01T00:00:00Z"
#define MAY_FROM       "2024-05-01T00:00:00Z"
#define MAY_TO         "2024-06-01T00:00:00Z"

typedef struct
{
  char          *data_home;   /* XDG_DATA_HOME of the child */
  char          *dir;         /* its history folder */
  OsaiSimServer *server;      /* for the cases that run a report */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_home = g_dir_make_tmp ("test-cli-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->dir = g_build_filename (f->data_home, APP_ID, "history", NULL);

  if (data != NULL)
    {
      f->server = osai_sim_server_new ();
      g_object_set (f->server,
                    "access-token", ACCESS_TOKEN,
                    "report-delay", 0.2,
                    NULL);
      if (g_strcmp0 (data, "fail-report") == 0)
        g_object_set (f->server, "fail-report", TRUE, NULL);
      osai_sim_server_start (f->server, 0, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->server != NULL)
    {
      osai_sim_server_stop (f->server);
      g_clear_object (&f->server);
    }
  osai_test_remove_tree (f->data_home);
  g_free (f->data_home);
  g_free (f->dir);
}

/* Runs the CLI with the NULL-terminated arguments, the fixture's data
 * folder and @token (NULL: none at all), iterating the main context (the
 * simulator's) until it exits. */
G_GNUC_NULL_TERMINATED static void
run_cli (Fixture    *f,
         OsaiTestProcess  *result,
         const char *token,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "OSAI_ACCESS_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->data_home, TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "OSAI_ACCESS_TOKEN", token, TRUE);

  g_ptr_array_add (argv, (gpointer) g_getenv ("OSAI_CLI"));
  va_start (ap, token);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, osai_test_communicate_cb, result);
  OSAI_TEST_WAIT_UNTIL (result->done, CLI_TIMEOUT_MS);
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", result->status, result->out, result->err);
}

static void
add_ok (OsaiHistory      *history,
        OsaiHistoryEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (osai_history_add (history, entry, &error));
  g_assert_no_error (error);
}

/* A store as the app would leave it: April and May on the EU server (IDs
 * 101 and 102), report 101 on the US server too, and a pending one. */
static OsaiHistory *
make_store (Fixture *f)
{
  OsaiHistory *history = osai_history_new (f->dir);
  OsaiTestTotals april = { { 0 } };
  OsaiTestTotals may = { { 0 } };
  g_autoptr(OsaiHistoryEntry) eu_april = NULL;
  g_autoptr(OsaiHistoryEntry) eu_may = NULL;
  g_autoptr(OsaiHistoryEntry) us_april = NULL;
  g_autoptr(OsaiHistoryEntry) pending = NULL;

  april.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 36000;    /* 10 h */
  may.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 45000;      /* 12.5 h */
  april.totals[OSAI_METRIC_MANIPULATION_SECONDS] = 0;
  may.totals[OSAI_METRIC_MANIPULATION_SECONDS] = 1800;
  april.totals[OSAI_METRIC_EXISTING_IMAGES] = 20356;
  may.totals[OSAI_METRIC_EXISTING_IMAGES] = 20000;
  may.totals[OSAI_METRIC_DEVICE_RENTAL_SECONDS] = 7200;

  eu_april = osai_test_entry (SERVER_EU, 101, "2024-05-01T09:00:00Z", APRIL_FROM, APRIL_TO,
                              OSAI_INCLUDE_ALL & ~OSAI_INCLUDE_RENTED_DEVICES, &april);
  eu_may = osai_test_entry (SERVER_EU, 102, "2024-06-01T09:00:00Z", MAY_FROM, MAY_TO,
                            OSAI_INCLUDE_ALL, &may);
  us_april = osai_test_entry (SERVER_US, 101, "2024-05-02T09:00:00Z", APRIL_FROM, APRIL_TO,
                              OSAI_INCLUDE_ALL, &april);
  pending = osai_test_pending_entry (SERVER_EU, 103, "2024-06-02T09:00:00Z");
  add_ok (history, eu_april);
  add_ok (history, eu_may);
  add_ok (history, us_april);
  add_ok (history, pending);

  return history;
}

/* ---- Reading a store the core wrote --------------------------------------------------------- */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = make_store (f);
  g_auto(OsaiTestProcess) result = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (f, &result, NULL, "--history", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");

  lines = g_strsplit (result.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (lines[0], "ID "));
  g_assert_nonnull (strstr (lines[0], "Created"));
  g_assert_nonnull (strstr (lines[0], "Period"));
  g_assert_nonnull (strstr (lines[0], "Server"));
  /* Newest first; an ID two servers share is written with its host. */
  g_assert_true (g_str_has_prefix (lines[1], "103 "));
  g_assert_nonnull (strstr (lines[1], "2024-06-02 09:00 UTC"));
  g_assert_nonnull (strstr (lines[1], "Still being generated"));
  g_assert_true (g_str_has_prefix (lines[2], "102 "));
  g_assert_nonnull (strstr (lines[2], "1 – 31 May 2024"));
  g_assert_nonnull (strstr (lines[2], "app-eu.onestepai.com"));
  g_assert_nonnull (strstr (lines[2], "13.0 h of compute"));
  g_assert_true (g_str_has_prefix (lines[3], "101@app-us.onestepai.com "));
  g_assert_true (g_str_has_prefix (lines[4], "101@app-eu.onestepai.com "));
  g_assert_nonnull (strstr (lines[4], "10.0 h of compute"));
  g_assert_cmpstr (lines[5], ==, "");
}

static void
test_list_csv_json (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = make_store (f);
  g_auto(OsaiTestProcess) csv = { 0 };
  g_auto(OsaiTestProcess) json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *array;

  run_cli (f, &csv, NULL, "--history", "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "id,key,created,period_from,period_to,server,account,state,"
                                 "headline_value,headline_unit");
  g_assert_cmpstr (lines[2], ==, "102,102@app-eu.onestepai.com,2024-06-01T09:00:00.000Z,"
                                 "2024-05-01T00:00:00.000Z,2024-06-01T00:00:00.000Z,"
                                 "https://app-eu.onestepai.com/api,,done,13.000,h");
  g_assert_true (g_str_has_prefix (lines[1], "103,103@app-eu.onestepai.com,"));
  g_assert_true (g_str_has_suffix (lines[1], ",someone@example.com,pending,,"));

  run_cli (f, &json, NULL, "--history", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "state"),
                   ==, "pending");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 1),
                                               "reportId"),
                   ==, 102);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 3), "id"),
                   ==, "101@app-eu.onestepai.com");
}

static void
test_list_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_auto(OsaiTestProcess) json = { 0 };

  run_cli (f, &result, NULL, "--history", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "No reports"));

  run_cli (f, &json, NULL, "--history", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpstr (g_strstrip (json.out), ==, "[]");
  /* Reading made nothing. */
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
}

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = make_store (f);
  g_auto(OsaiTestProcess) table = { 0 };
  g_auto(OsaiTestProcess) csv = { 0 };
  g_auto(OsaiTestProcess) json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_csv = NULL;
  OsaiHistoryEntry *may = osai_history_lookup (history, "102@app-eu.onestepai.com");

  /* No token, no server: the history is local. */
  run_cli (f, &table, NULL, "--show", "102", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_cmpstr (table.err, ==, "");
  g_assert_true (g_str_has_prefix (table.out, "Report 102, from 2024-05-01T00:00:00.000Z to "
                                              "2024-06-01T00:00:00.000Z\n"));
  g_assert_nonnull (strstr (table.out, "Training time (8 GB GPU)"));
  g_assert_nonnull (strstr (table.out, "12.5 h"));
  g_assert_nonnull (strstr (table.out, "20,000 images"));

  /* The same CSV as the model of a fresh report gives. */
  run_cli (f, &csv, NULL, "--show", "102@app-eu.onestepai.com", "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  expected_csv = osai_usage_model_to_csv (osai_history_entry_get_usage_model (may));
  g_assert_cmpstr (csv.out, ==, expected_csv);

  run_cli (f, &json, NULL, "--show", "101@APP-US.onestepai.com", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "id"),
                   ==, 101);
}

static void
test_show_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = make_store (f);
  g_auto(OsaiTestProcess) unknown = { 0 };
  g_auto(OsaiTestProcess) ambiguous = { 0 };
  g_auto(OsaiTestProcess) pending = { 0 };
  g_auto(OsaiTestProcess) both = { 0 };
  g_auto(OsaiTestProcess) one_id = { 0 };

  run_cli (f, &unknown, NULL, "--show", "999", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_nonnull (strstr (unknown.err, "There is no report “999” in the history."));

  run_cli (f, &ambiguous, NULL, "--show", "101", NULL);
  g_assert_cmpint (ambiguous.status, ==, 2);
  g_assert_nonnull (strstr (ambiguous.err, "101@app-eu.onestepai.com"));
  g_assert_nonnull (strstr (ambiguous.err, "101@app-us.onestepai.com"));
  g_assert_nonnull (strstr (ambiguous.err, "ID@host"));

  run_cli (f, &pending, NULL, "--show", "103", NULL);
  g_assert_cmpint (pending.status, ==, 5);
  g_assert_nonnull (strstr (pending.err, "still being generated"));

  run_cli (f, &both, NULL, "--show", "102", "--history", NULL);
  g_assert_cmpint (both.status, ==, 2);

  run_cli (f, &one_id, NULL, "--compare", "102", NULL);
  g_assert_cmpint (one_id.status, ==, 2);
  g_assert_nonnull (strstr (one_id.err, "--compare ID ID"));
}

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = make_store (f);
  g_auto(OsaiTestProcess) table = { 0 };
  g_auto(OsaiTestProcess) csv = { 0 };
  g_auto(OsaiTestProcess) json = { 0 };
  g_autoptr(OsaiComparison) comparison = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_csv = NULL;
  JsonObject *root;

  /* Named later first: A is still the earlier period. */
  run_cli (f, &table, NULL, "--compare", "102", "101@app-eu.onestepai.com", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_cmpstr (table.err, ==, "");
  g_assert_true (g_str_has_prefix (table.out,
                                   "A: report 101@app-eu.onestepai.com, 1 – 30 April 2024\n"
                                              "B: report 102, 1 – 31 May 2024\n"));
  g_assert_nonnull (strstr (table.out, "Difference"));
  g_assert_nonnull (strstr (table.out, "+2.5 h"));
  g_assert_nonnull (strstr (table.out, "+25.0 %"));
  g_assert_nonnull (strstr (table.out, "-1.7 %"));
  /* Rented devices: missing in April, not zero. */
  {
    const char *rental = strstr (table.out, "Rented device time");

    g_assert_nonnull (rental);
    g_assert_true (g_str_has_prefix (strstr (rental, "—"), "—"));
    g_assert_nonnull (strstr (rental, "2.0 h"));
  }

  comparison = osai_comparison_new (osai_history_lookup (history, "101@app-eu.onestepai.com"),
                                    osai_history_lookup (history, "102@app-eu.onestepai.com"));
  expected_csv = osai_comparison_to_csv (comparison);
  run_cli (f, &csv, NULL, "--compare", "101@app-eu.onestepai.com", "102", "--format", "csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==, expected_csv);
  g_assert_nonnull (strstr (csv.out,
                            "\r\ntotalDeviceRentalSeconds,Rented device time,rental,h,,2,,\r\n"));
  g_assert_nonnull (strstr (csv.out, "\r\ntotalManipulationSeconds,Manipulation time,"
                                     "compute,h,0,0.5,0.5,\r\n"));

  run_cli (f, &json, NULL, "--format", "json", "--compare", "102", "101@app-eu.onestepai.com",
           NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "a"), "id"), ==,
                   101);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rows")), ==,
                    OSAI_N_METRICS);
}

static void
test_corrupt_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = make_store (f);
  g_autofree char *bad = g_build_filename (f->dir, "104@app-eu.onestepai.com.json", NULL);
  g_autofree char *aside = g_build_filename (f->dir, "set-aside", NULL);
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (bad, "{\"version\": 1, \"key\": ", -1, &error);
  g_assert_no_error (error);

  run_cli (f, &result, NULL, "--history", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "102 "));
  g_assert_nonnull (strstr (result.err, "warning"));
  g_assert_nonnull (strstr (result.err, bad));
  g_assert_nonnull (strstr (result.err, aside));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (osai_test_count_files (aside, ""), ==, 1);
}

/* ---- Recording what the CLI completes ------------------------------------------------------- */

static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_auto(OsaiTestProcess) first = { 0 };
  g_auto(OsaiTestProcess) second = { 0 };
  g_auto(OsaiTestProcess) shown = { 0 };
  g_autoptr(OsaiHistory) history = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  OsaiHistoryEntry *entry;

  run_cli (f, &first, ACCESS_TOKEN, "--server", osai_sim_server_get_base_url (f->server),
           "--poll-interval", "50", "--from", "2024-05-01", "--to", "2024-05-31",
           "--no-rented-devices", "--format", "csv", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.err, ==, "");

  run_cli (f, &second, ACCESS_TOKEN, "--server", osai_sim_server_get_base_url (f->server),
           "--poll-interval", "50", "--no-history", "--format", "csv", NULL);
  g_assert_cmpint (second.status, ==, 0);

  /* One entry, done, not pending: the pending one was replaced. */
  history = osai_history_new (f->dir);
  g_assert_true (osai_history_load (history, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  g_assert_cmpuint (osai_test_count_files (f->dir, ".json"), ==, 1);
  pending = osai_history_get_pending (history);
  g_assert_cmpuint (pending->len, ==, 0);

  entry = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_object_unref (entry);
  g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_DONE);
  g_assert_cmpstr (osai_history_entry_get_server (entry), ==,
                   osai_sim_server_get_base_url (f->server));
  g_assert_cmpint (osai_report_request_get_include (osai_history_entry_get_request (entry)), ==,
                   OSAI_INCLUDE_ALL & ~OSAI_INCLUDE_RENTED_DEVICES);
  g_assert_false (osai_history_entry_has_metric (entry, OSAI_METRIC_DEVICE_RENTAL_SECONDS));

  /* Shown from the history: the very totals the run printed. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, osai_history_entry_get_report_id (entry));
  run_cli (f, &shown, NULL, "--show", id, "--format", "csv", NULL);
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_cmpstr (shown.out, ==, first.out);
}

static void
test_records_failed (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(OsaiHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry;

  run_cli (f, &result, ACCESS_TOKEN, "--server", osai_sim_server_get_base_url (f->server),
           "--poll-interval", "50", NULL);
  g_assert_cmpint (result.status, ==, 5);

  history = osai_history_new (f->dir);
  g_assert_true (osai_history_load (history, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  entry = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_object_unref (entry);
  g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_FAILED);
}

static void
test_records_unwritable (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *app_dir = g_build_filename (f->data_home, APP_ID, NULL);
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(GError) error = NULL;

  /* The history folder's parent is a file: the report still succeeds. */
  g_file_set_contents (app_dir, "in the way", -1, &error);
  g_assert_no_error (error);

  run_cli (f, &result, ACCESS_TOKEN, "--server", osai_sim_server_get_base_url (f->server),
           "--poll-interval", "50", "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "metric,label,category"));
  g_assert_nonnull (strstr (result.err, "warning: Could not save the report in the history"));
  /* Said once, not for the pending entry and again for the finished one. */
  g_assert_null (strstr (strstr (result.err, "warning") + 1, "warning"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/cli/history/list", test_list, NULL);
  ADD ("/cli/history/list-csv-json", test_list_csv_json, NULL);
  ADD ("/cli/history/list-empty", test_list_empty, NULL);
  ADD ("/cli/history/show", test_show, NULL);
  ADD ("/cli/history/show-errors", test_show_errors, NULL);
  ADD ("/cli/history/compare", test_compare, NULL);
  ADD ("/cli/history/corrupt-store", test_corrupt_store, NULL);
  ADD ("/cli/history/records", test_records, "simulator");
  ADD ("/cli/history/records-failed", test_records_failed, "fail-report");
  ADD ("/cli/history/records-unwritable", test_records_unwritable, "simulator");

  return g_test_run ();
}
