/* test-cli.c — osai-reports-cli end to end against the in-process simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulator runs in this process's main context; the CLI runs as a
 * child (OSAI_CLI) while the test iterates that context, so the simulator
 * answers it.
 */
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "osai-sim-server.h"
#include "osai-test-utils.h"

#define ACCESS_TOKEN  "cli-test-access-token-5f3a9c"
#define DETAIL_SIZE   ((guint64) 20000)
#define CLI_TIMEOUT_MS 15000

typedef struct
{
  OsaiSimServer *server;
  char          *tmpdir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = osai_sim_server_new ();
  g_object_set (f->server,
                "access-token", ACCESS_TOKEN,
                "report-delay", 0.0,
                "detail-size", DETAIL_SIZE,
                NULL);
  osai_sim_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->tmpdir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->tmpdir), ==, 0);
  g_free (f->tmpdir);

  osai_sim_server_stop (f->server);
  g_clear_object (&f->server);
}

static char *
tmp_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->tmpdir, name, NULL);
}

/* Starts the CLI with @argv (without the program) and @token, if any, in
 * its environment; @env holds more "NAME=VALUE" pairs. */
static GSubprocess *
launch_cli (const char         *token,
            const char * const *env,
            const char * const *argv,
            OsaiTestProcess          *result)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "OSAI_ACCESS_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  /* G_TEST_OPTION_ISOLATE_DIRS leaves /dev/null in XDG_DATA_HOME: the CLI
   * keeps its history in this test's own folder instead. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "OSAI_ACCESS_TOKEN", token, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (args, (gpointer) g_getenv ("OSAI_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (proc, NULL, NULL, osai_test_communicate_cb, result);
  return proc;
}

static void
wait_cli (OsaiTestProcess *result)
{
  OSAI_TEST_WAIT_UNTIL (result->done, CLI_TIMEOUT_MS);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status, result->out, result->err);
}

/* Runs the CLI against the fixture's simulator with quick polling, plus
 * the NULL-terminated arguments. */
G_GNUC_NULL_TERMINATED static void
run_cli (Fixture    *f,
         OsaiTestProcess  *result,
         const char *token,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) "--server");
  g_ptr_array_add (argv, (gpointer) osai_sim_server_get_base_url (f->server));
  g_ptr_array_add (argv, (gpointer) "--poll-interval");
  g_ptr_array_add (argv, (gpointer) "100");

  va_start (ap, token);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = launch_cli (token, NULL, (const char * const *) argv->pdata, result);
  wait_cli (result);
}

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
assert_no_file (const char *path)
{
  struct stat st;

  if (g_stat (path, &st) == 0)
    g_test_message ("%s exists: %" G_GINT64_FORMAT " bytes", path, (gint64) st.st_size);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
server_saw (OsaiSimServer *server,
            const char    *method,
            const char    *path_suffix)
{
  GPtrArray *requests = osai_sim_server_get_requests (server);

  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *record = g_ptr_array_index (requests, i);

      if (g_strcmp0 (record->method, method) == 0 && g_str_has_suffix (record->path, path_suffix))
        return TRUE;
    }

  return FALSE;
}

/* ---- Successes ------------------------------------------------------------------------------ */

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (f, &result, ACCESS_TOKEN, "--format", "csv", "--from", "2024-01-01",
           "--to", "2024-01-31", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  lines = g_strsplit (result.out, "\r\n", -1);
  /* A header, 12 rows, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 14);
  g_assert_true (g_str_has_prefix (lines[0], "metric,label,category,raw_value"));
  g_assert_true (g_str_has_prefix (lines[1], "totalExistingImagesNum,"));
  g_assert_true (g_str_has_prefix (lines[12], "totalDeviceRentalSeconds,"));
  g_assert_cmpstr (lines[13], ==, "");
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  run_cli (f, &result, ACCESS_TOKEN, "--format", "json", "--from", "2024-05-01",
           "--to", "2024-05-31", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "id"), >, 0);
  g_assert_cmpint (json_object_get_int_member (root, "status"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "periodFrom"), ==,
                   "2024-05-01T00:00:00.000Z");
  /* A date alone for --to means the end of that day. */
  g_assert_cmpstr (json_object_get_string_member (root, "periodTo"), ==,
                   "2024-06-01T00:00:00.000Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "totals")), ==, 12);
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };

  run_cli (f, &result, ACCESS_TOKEN, NULL);

  g_assert_cmpint (result.status, ==, 0);
  /* No terminal: no progress on stderr. */
  g_assert_cmpstr (result.err, ==, "");
  g_assert_nonnull (strstr (result.out, "Metric"));
  g_assert_nonnull (strstr (result.out, "Value"));
  g_assert_nonnull (strstr (result.out, "Share"));
  g_assert_nonnull (strstr (result.out, "Dataset storage"));
  g_assert_nonnull (strstr (result.out, "MB·h"));
  g_assert_nonnull (strstr (result.out, "Rented device time"));
  g_assert_nonnull (strstr (result.out, " %\n"));
}

static void
test_table_excluded (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };

  run_cli (f, &result, ACCESS_TOKEN, "--no-models", "--no-rented-devices", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Dataset storage"));
  g_assert_null (strstr (result.out, "Model storage"));
  g_assert_null (strstr (result.out, "Rented device time"));
}

static void
test_output (Fixture       *f,
             gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_autofree char *path = tmp_path (f, "detail.json");
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;

  run_cli (f, &result, ACCESS_TOKEN, "--format", "csv", "--output", path, NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_true (g_str_has_prefix (result.out, "metric,"));

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, DETAIL_SIZE);
  json_parser_load_from_data (parser, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_token_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "token");

  write_file (path, "  " ACCESS_TOKEN "  \nsecond line\n", 0644);
  {
    g_auto(OsaiTestProcess) result = { 0 };

    run_cli (f, &result, NULL, "--token-file", path, NULL);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_cmpstr (result.out, ==, "");
    g_assert_nonnull (strstr (result.err, "Permissions 0644"));
    g_assert_nonnull (strstr (result.err, "too open"));
    g_assert_false (server_saw (f->server, "POST", "/Users/SignIn"));
  }

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  {
    g_auto(OsaiTestProcess) result = { 0 };

    /* The file wins over a wrong token in the environment. */
    run_cli (f, &result, "not-the-token", "--token-file", path, "--format", "csv", NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_true (g_str_has_prefix (result.out, "metric,"));
  }
}

/* ---- Usage errors --------------------------------------------------------------------------- */

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };

  run_cli (f, &result, NULL, "--version", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "osai-reports-cli 0.1.0\n");
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };

  run_cli (f, &result, NULL, "--help", NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "OSAI_ACCESS_TOKEN"));
  g_assert_nonnull (strstr (result.out, "130"));
  g_assert_null (strstr (result.out, "--poll-interval"));
}

static void
test_no_token (Fixture       *f,
               gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };

  run_cli (f, &result, NULL, NULL);

  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, "osai-reports-cli: "));
  g_assert_nonnull (strstr (result.err, "OSAI_ACCESS_TOKEN"));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char * const cases[][6] = {
    { "--from", "2024-02-01", "--to", "2024-01-01", NULL },
    { "--from", "2024-01-01", "--to", "2024-01-01T00:00:00Z", NULL },
    { "--from", "yesterday", NULL },
    { "--format", "xml", NULL },
    { "--region", "us", NULL },           /* with --server from run_cli */
    { "--deadline", "-1", NULL },
    { "--no-such-option", NULL },
    { "surplus", NULL },
    { "--no-datasets", "--no-manipulations", "--no-models", "--no-rented-devices",
      "--no-predictions", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(OsaiTestProcess) result = { 0 };

      run_cli (f, &result, ACCESS_TOKEN, cases[i][0], cases[i][1], cases[i][2], cases[i][3],
               cases[i][4], cases[i][5], NULL);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_true (g_str_has_prefix (result.err, "osai-reports-cli: "));
    }

  g_assert_false (server_saw (f->server, "POST", "/Reports"));
}

static void
test_insecure (Fixture       *f,
               gconstpointer  data)
{
  const char * const argv[] = { "--server", "http://example.com/api", NULL };
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(GSubprocess) proc = launch_cli (ACCESS_TOKEN, NULL, argv, &result);

  wait_cli (&result);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "http://example.com/api"));
  g_assert_nonnull (strstr (result.err, "--allow-insecure"));
}

/* ---- Failures ------------------------------------------------------------------------------- */

static void
test_wrong_token (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };

  run_cli (f, &result, "wrong-token", NULL);

  g_assert_cmpint (result.status, ==, 3);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, "osai-reports-cli: "));
  g_assert_nonnull (strstr (result.err, "access token"));
  g_assert_null (strstr (result.err, "wrong-token"));
}

static void
test_report_fails (Fixture       *f,
                   gconstpointer  data)
{
  const char *property = data;
  g_auto(OsaiTestProcess) result = { 0 };

  g_object_set (f->server, property, TRUE, NULL);
  run_cli (f, &result, ACCESS_TOKEN, "--format", "csv", NULL);

  if (g_str_equal (property, "malformed-json"))
    g_assert_cmpint (result.status, ==, 4);
  else
    g_assert_cmpint (result.status, ==, 5);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_true (g_str_has_prefix (result.err, "osai-reports-cli: "));
  /* One or two lines, no more. */
  g_assert_cmpuint (strlen (result.err), <, 400);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_autofree char *path = tmp_path (f, "detail.json");

  g_object_set (f->server, "truncate", OSAI_SIM_TRUNCATE_CLOSE, NULL);
  run_cli (f, &result, ACCESS_TOKEN, "--format", "csv", "--output", path, NULL);

  g_assert_cmpint (result.status, ==, 6);
  /* The totals came before the download and stay printed. */
  g_assert_true (g_str_has_prefix (result.out, "metric,"));
  g_assert_nonnull (strstr (result.err, "incomplete"));
  assert_no_file (path);
}

static void
test_truncated_existing (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_autofree char *path = tmp_path (f, "detail.json");
  g_autofree char *contents = NULL;
  static const char previous[] = "{\"previous\": \"report\"}\n";

  write_file (path, previous, 0640);
  g_object_set (f->server, "truncate", OSAI_SIM_TRUNCATE_CHUNKED, NULL);
  run_cli (f, &result, ACCESS_TOKEN, "--output", path, NULL);

  g_assert_cmpint (result.status, ==, 6);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, previous);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_autofree char *path = tmp_path (f, "no-such-dir/detail.json");

  run_cli (f, &result, ACCESS_TOKEN, "--output", path, NULL);

  g_assert_cmpint (result.status, ==, 6);
  g_assert_nonnull (strstr (result.err, "no-such-dir"));
}

static void
test_sigterm (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "detail.json");
  const char * const argv[] = {
    "--server", osai_sim_server_get_base_url (f->server), "--poll-interval", "100",
    "--output", path, NULL
  };
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(GSubprocess) proc = NULL;
  gint64 signalled;

  g_object_set (f->server, "report-delay", 30.0, NULL);
  proc = launch_cli (ACCESS_TOKEN, NULL, argv, &result);
  OSAI_TEST_WAIT_UNTIL (server_saw (f->server, "POST", "/Reports"), CLI_TIMEOUT_MS);

  signalled = g_get_monotonic_time ();
  g_subprocess_send_signal (proc, SIGTERM);
  wait_cli (&result);

  g_assert_cmpint (result.status, ==, 130);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpstr (result.err, ==, "Cancelled.\n");
  g_assert_cmpint (result.ended - signalled, <, G_USEC_PER_SEC);
  assert_no_file (path);
}

static void
test_sigterm_download (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = tmp_path (f, "detail.json");
  const char * const argv[] = {
    "--server", osai_sim_server_get_base_url (f->server), "--poll-interval", "100",
    "--format", "csv", "--output", path, NULL
  };
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(GSubprocess) proc = NULL;

  /* The simulator serves from this thread: 1 GiB takes far longer than
   * the signal needs to arrive. */
  g_object_set (f->server, "detail-size", (guint64) 1 << 30, NULL);
  proc = launch_cli (ACCESS_TOKEN, NULL, argv, &result);
  /* Signal once bytes are written, into a file no one sees yet. */
  OSAI_TEST_WAIT_UNTIL (osai_test_bytes_being_written (proc, f->tmpdir, "detail.json") > 0,
                        CLI_TIMEOUT_MS);

  g_subprocess_send_signal (proc, SIGTERM);
  wait_cli (&result);

  g_assert_cmpint (result.status, ==, 130);
  g_assert_true (g_str_has_prefix (result.out, "metric,"));
  g_assert_cmpstr (result.err, ==, "Cancelled.\n");
  assert_no_file (path);
}

static void
test_flaky (Fixture       *f,
            gconstpointer  data)
{
  g_auto(OsaiTestProcess) result = { 0 };
  g_autofree char *path = tmp_path (f, "detail.json");

  /* Every 2nd API call answers 503 with Retry-After: 1. */
  g_object_set (f->server, "flaky", 2u, NULL);
  run_cli (f, &result, ACCESS_TOKEN, "--format", "csv", "--output", path, NULL);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* ---- Secrets -------------------------------------------------------------------------------- */

static void
test_secrets (Fixture       *f,
              gconstpointer  data)
{
  const char * const env[] = { "G_MESSAGES_DEBUG=all", NULL };
  g_autofree char *path = tmp_path (f, "detail.json");
  const char * const argv[] = {
    "--server", osai_sim_server_get_base_url (f->server), "--poll-interval", "100",
    "--output", path, "--format", "json", NULL
  };
  g_auto(OsaiTestProcess) result = { 0 };
  g_autoptr(GSubprocess) proc = NULL;
  GPtrArray *requests;
  guint n_storage = 0;

  /* The older sign-in puts the token in the query, and retries log the
   * requests they repeat: both must stay quiet about secrets. */
  if (data != NULL)
    g_object_set (f->server, "sign-in", OSAI_SIM_SIGN_IN_GET, "flaky", 3u, NULL);

  proc = launch_cli (ACCESS_TOKEN, env, argv, &result);
  wait_cli (&result);
  g_assert_cmpint (result.status, ==, 0);
  if (data != NULL)
    g_assert_true (server_saw (f->server, "GET", "/Users/SignIn"));

  g_assert_null (strstr (result.out, ACCESS_TOKEN));
  g_assert_null (strstr (result.err, ACCESS_TOKEN));

  requests = osai_sim_server_get_requests (f->server);
  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *record = g_ptr_array_index (requests, i);

      if (g_str_has_prefix (record->path, "/s3/"))
        {
          n_storage++;
          g_assert_null (record->authorization);
          /* The signature of the storage link is a secret too. */
          if (record->query != NULL && strstr (record->query, "Signature=") != NULL)
            {
              const char *signature = strstr (record->query, "Signature=") + strlen ("Signature=");
              g_autofree char *value = g_strndup (signature, strcspn (signature, "&"));

              g_assert_null (strstr (result.err, value));
            }
        }
      else if (record->authorization != NULL)
        {
          /* Whatever the API token is, it is not printed either. */
          const char *token = record->authorization;

          if (g_str_has_prefix (token, "Bearer "))
            token += strlen ("Bearer ");
          g_assert_null (strstr (result.out, token));
          g_assert_null (strstr (result.err, token));
        }
    }
  g_assert_cmpuint (n_storage, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("OSAI_CLI") == NULL)
    {
      g_test_skip ("OSAI_CLI is not set");
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/success/csv", test_csv);
  ADD ("/cli/success/json", test_json);
  ADD ("/cli/success/table", test_table);
  ADD ("/cli/success/table-excluded", test_table_excluded);
  ADD ("/cli/success/output", test_output);
  ADD ("/cli/success/token-file", test_token_file);
  ADD ("/cli/usage/version", test_version);
  ADD ("/cli/usage/help", test_help);
  ADD ("/cli/usage/no-token", test_no_token);
  ADD ("/cli/usage/errors", test_usage_errors);
  ADD ("/cli/usage/insecure", test_insecure);
  ADD ("/cli/failure/wrong-token", test_wrong_token);
  g_test_add ("/cli/failure/fail-report", Fixture, "fail-report",
              fixture_setup, test_report_fails, fixture_teardown);
  g_test_add ("/cli/failure/unknown-status", Fixture, "unknown-status",
              fixture_setup, test_report_fails, fixture_teardown);
  g_test_add ("/cli/failure/malformed-json", Fixture, "malformed-json",
              fixture_setup, test_report_fails, fixture_teardown);
  ADD ("/cli/failure/truncated", test_truncated);
  ADD ("/cli/failure/truncated-existing", test_truncated_existing);
  ADD ("/cli/failure/unwritable", test_unwritable);
  ADD ("/cli/cancel/sigterm", test_sigterm);
  ADD ("/cli/cancel/sigterm-download", test_sigterm_download);
  ADD ("/cli/retry/flaky", test_flaky);
  ADD ("/cli/secrets/post", test_secrets);
  g_test_add ("/cli/secrets/get-flaky", Fixture, "get-flaky",
              fixture_setup, test_secrets, fixture_teardown);

#undef ADD

  return g_test_run ();
}
