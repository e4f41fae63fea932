/* test-token-hygiene.c — no secret in a log, in a file, or on its way to another host
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full runs, through the core in-process and through osai-reports-cli as a
 * child, with every debug message on (G_MESSAGES_DEBUG=all), in scenarios
 * that go through the logged paths: retries, the older sign-in with the
 * token in the query, a silent sign-in after the JWT expired, a refreshed
 * storage link, a link the storage refuses.  Then:
 *
 *  - log: the whole log (the core run's through a writer function that sees
 *    every message, debug included; the CLI's stdout and stderr) holds no
 *    access token, no JWT, no "Signature=";
 *  - authorization: the simulator's record of every request shows the
 *    Authorization header only on requests under the API base URL, never on
 *    the storage path (on the same host and port), and no secret in any
 *    header of a storage request;
 *  - files: no file under HOME, the XDG folders or the test's folder holds
 *    the access token or a JWT.
 *
 * The in-process simulator's own debug lines are kept apart: they are not
 * the app's output and may say "Signature=[REDACTED]", but they are searched
 * for every secret value all the same.
 *
 * /token-hygiene/scanner/ plants each kind of secret where the checks look
 * and makes sure they catch it: the checks can fail.
 */
#define _GNU_SOURCE  /* memmem */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "osai-error.h"
#include "osai-test-net.h"

#define ACCESS_TOKEN   "hygiene-access-token-4b7e09d2"
#define JWT_PATTERN    "eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\."
#define RUN_TIMEOUT_MS 60000

typedef struct
{
  const char *name;
  const char *sim;           /* simulator properties, prop=value,... */
  gboolean    succeeds;
  const char *debug_marker;  /* a debug line the run must log: debug output was on */
} Scenario;

static const Scenario scenarios[] = {
  { "post", "report-delay=0.3", TRUE, NULL },
  /* GET sign-in (token in the query), a 503 on a poll, the JWT expiring
   * while polling, a link refreshed ahead of time. */
  { "get-flaky-expiry-refresh",
    "sign-in=get,flaky=4,token-lifetime=1,report-delay=2,url-lifetime=5", TRUE,
    "Refreshing the storage link" },
  /* The storage refuses the link (403), once more after a refresh. */
  { "link-refused", "url-lifetime=0,clock-skew=60", FALSE, "Storage answered 403" },
};

typedef struct
{
  const Scenario *scenario;
  gboolean        cli;
} CaseData;

typedef struct
{
  OsaiSimServer *sim;
  char          *tmpdir;
  char          *dest;
  GString       *log;        /* everything the run logged or printed */
  GString       *sim_log;    /* the in-process simulator's debug lines */
} Fixture;

/* ---- Every log message, debug included ------------------------------------------------------ */

static GString *capture;
static GString *capture_sim;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (capture != NULL)
    {
      const char *domain = "";
      const char *message = "";

      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
            domain = fields[i].value;
          else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
            message = fields[i].value;
        }
      g_string_append_printf (g_str_equal (domain, "osai-sim-server") ? capture_sim : capture,
                              "%s: %s\n", domain, message);
    }

  /* Debug noise stays out of the TAP stream; the rest is shown as usual. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* ---- Secrets and the scanner ---------------------------------------------------------------- */

/* Every secret of the run: the access token, each authorization token the
 * simulator saw, each storage signature (escaped and not). */
static GPtrArray *
collect_secrets (OsaiSimServer *sim,
                 guint         *n_jwts)
{
  GPtrArray *requests = osai_sim_server_get_requests (sim);
  GPtrArray *secrets = g_ptr_array_new_with_free_func (g_free);

  *n_jwts = 0;
  g_ptr_array_add (secrets, g_strdup (ACCESS_TOKEN));

  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *r = g_ptr_array_index (requests, i);
      const char *signature;

      if (r->authorization != NULL)
        {
          const char *token = r->authorization;

          if (g_str_has_prefix (token, "Bearer "))
            token += strlen ("Bearer ");
          g_ptr_array_add (secrets, g_strdup (token));
          (*n_jwts)++;
        }

      if (r->query != NULL && (signature = strstr (r->query, "Signature=")) != NULL)
        {
          g_autofree char *value = NULL;

          signature += strlen ("Signature=");
          value = g_strndup (signature, strcspn (signature, "&"));
          g_ptr_array_add (secrets, g_uri_unescape_string (value, NULL));
          g_ptr_array_add (secrets, g_steal_pointer (&value));
        }
    }

  return secrets;
}

/* NULL when @data holds none of @secrets, no JWT and (unless
 * @signature_key_ok) no "Signature="; otherwise what it found. */
static char *
find_secret_full (const char *data,
                  gsize       length,
                  GPtrArray  *secrets,
                  gboolean    signature_key_ok)
{
  g_autoptr(GRegex) jwt = g_regex_new (JWT_PATTERN, G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);

      if (*secret != '\0' && memmem (data, length, secret, strlen (secret)) != NULL)
        return g_strdup_printf ("secret #%u (%.6s…)", i, secret);
    }

  if (!signature_key_ok && memmem (data, length, "Signature=", strlen ("Signature=")) != NULL)
    return g_strdup ("“Signature=”");

  if (g_regex_match_full (jwt, data, (gssize) length, 0, 0, &match, NULL))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      return g_strdup_printf ("a JWT (%.12s…)", found);
    }

  return NULL;
}

static char *
find_secret (const char *data,
             gsize       length,
             GPtrArray  *secrets)
{
  return find_secret_full (data, length, secrets, FALSE);
}

/* Looks into every regular file under @path; counts them in @n_files. */
static char *
find_secret_in_tree (const char *path,
                     GPtrArray  *secrets,
                     guint      *n_files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          char *found = find_secret_in_tree (child, secrets, n_files);

          if (found != NULL)
            return found;
        }
      else if (S_ISREG (st.st_mode))
        {
          g_autoptr(GMappedFile) mapped = g_mapped_file_new (child, FALSE, NULL);
          char *found;

          (*n_files)++;
          if (mapped == NULL || g_mapped_file_get_length (mapped) == 0)
            continue;
          found = find_secret (g_mapped_file_get_contents (mapped),
                               g_mapped_file_get_length (mapped), secrets);
          if (found != NULL)
            {
              char *where = g_strdup_printf ("%s in %s", found, child);

              g_free (found);
              return where;
            }
        }
    }

  return NULL;
}

/* The folders a run could leave something in. */
static char **
private_folders (const char *tmpdir)
{
  GPtrArray *folders = g_ptr_array_new ();

  g_ptr_array_add (folders, g_strdup (g_get_home_dir ()));
  g_ptr_array_add (folders, g_strdup (g_get_user_data_dir ()));
  g_ptr_array_add (folders, g_strdup (g_get_user_config_dir ()));
  g_ptr_array_add (folders, g_strdup (g_get_user_cache_dir ()));
  g_ptr_array_add (folders, g_strdup (g_get_user_state_dir ()));
  g_ptr_array_add (folders, g_strdup (g_get_user_runtime_dir ()));
  g_ptr_array_add (folders, g_strdup (tmpdir));
  g_ptr_array_add (folders, NULL);

  return (char **) g_ptr_array_free (folders, FALSE);
}

/* ---- Fixture -------------------------------------------------------------------------------- */

static void
set_property_from_string (GObject    *object,
                          const char *assignment)
{
  g_auto(GStrv) pair = g_strsplit (assignment, "=", 2);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), pair[0]);
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) value = G_VALUE_INIT;
  GType type;

  g_assert_nonnull (pspec);
  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&value, type);
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *nick = g_enum_get_value_by_nick (klass, pair[1]);

      g_assert_nonnull (nick);
      g_value_set_enum (&value, nick->value);
    }
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (&value, g_ascii_strtod (pair[1], NULL));
  else if (type == G_TYPE_INT)
    g_value_set_int (&value, (int) g_ascii_strtoll (pair[1], NULL, 10));
  else if (type == G_TYPE_UINT)
    g_value_set_uint (&value, (guint) g_ascii_strtoull (pair[1], NULL, 10));
  else
    g_assert_not_reached ();

  g_object_set_property (object, pair[0], &value);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  const CaseData *data = user_data;
  g_autoptr(GError) error = NULL;

  f->sim = osai_sim_server_new ();
  g_object_set (f->sim, "access-token", ACCESS_TOKEN, "report-delay", 0.0,
                "detail-size", (guint64) 50000, NULL);
  if (data != NULL)
    {
      g_auto(GStrv) assignments = g_strsplit (data->scenario->sim, ",", -1);

      for (guint i = 0; assignments[i] != NULL; i++)
        set_property_from_string (G_OBJECT (f->sim), assignments[i]);
    }
  osai_sim_server_start (f->sim, 0, &error);
  g_assert_no_error (error);

  f->tmpdir = g_dir_make_tmp ("token-hygiene-XXXXXX", &error);
  g_assert_no_error (error);
  f->dest = g_build_filename (f->tmpdir, "report.json", NULL);
  f->log = g_string_new (NULL);
  f->sim_log = g_string_new (NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  capture = NULL;
  capture_sim = NULL;
  osai_sim_server_stop (f->sim);
  g_clear_object (&f->sim);
  osai_test_remove_tree (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
  g_clear_pointer (&f->dest, g_free);
  g_string_free (f->log, TRUE);
  g_string_free (f->sim_log, TRUE);
}

/* ---- The runs ------------------------------------------------------------------------------- */

static void
run_core (Fixture        *f,
          const Scenario *scenario)
{
  g_autoptr(OsaiClient) client = NULL;
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiReportJob) job = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->dest);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  capture = f->log;
  capture_sim = f->sim_log;

  client = osai_client_new (osai_sim_server_get_base_url (f->sim), FALSE, &error);
  g_assert_no_error (error);
  /* The app never turns libsoup's logger on: it prints Authorization
   * headers, ?token= and Signature= in full. */
  g_assert_null (soup_session_get_feature (osai_client_get_session (client), SOUP_TYPE_LOGGER));
  osai_client_set_access_token (client, ACCESS_TOKEN);
  osai_client_set_retry_policy (client, 3, 10, 50);

  job = osai_report_job_new (client, request);
  osai_report_job_set_poll_interval (job, 100);
  osai_report_job_run_async (job, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, RUN_TIMEOUT_MS);
  report = osai_report_job_run_finish (job, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_clear_object (&result);

  download = osai_download_new (client, report, file);
  osai_download_run_async (download, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, RUN_TIMEOUT_MS);
  ok = osai_download_run_finish (download, result, &error);
  g_assert_true (ok == scenario->succeeds);

  /* What a user is shown is part of the output too. */
  if (error != NULL)
    {
      g_autofree char *description = osai_error_describe (error);

      g_string_append_printf (f->log, "shown: %s\n", description);
    }

  capture = NULL;
  capture_sim = NULL;
}

static void
run_cli (Fixture        *f,
         const Scenario *scenario)
{
  const char *argv[] = {
    g_getenv ("OSAI_CLI"), "--server", osai_sim_server_get_base_url (f->sim),
    "--poll-interval", "100", "--format", "json", "--output", f->dest, NULL
  };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  OsaiTestProcess result = { 0 };

  g_assert_nonnull (argv[0]);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  osai_test_launcher_set_test_dirs (launcher);
  g_subprocess_launcher_setenv (launcher, "OSAI_ACCESS_TOKEN", ACCESS_TOKEN, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, osai_test_communicate_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result.done, RUN_TIMEOUT_MS);

  if (result.status != (scenario->succeeds ? 0 : 6))
    g_test_message ("the CLI's stderr:\n%s", result.err != NULL ? result.err : "");
  g_assert_cmpint (result.status, ==, scenario->succeeds ? 0 : 6);
  g_string_append_printf (f->log, "stdout:\n%s\nstderr:\n%s\n", result.out, result.err);
  g_free (result.out);
  g_free (result.err);
}

static void
run (Fixture        *f,
     const CaseData *data)
{
  if (data->cli)
    run_cli (f, data->scenario);
  else
    run_core (f, data->scenario);

  g_test_message ("%" G_GSIZE_FORMAT " bytes of output", f->log->len);
  if (data->scenario->debug_marker != NULL)
    g_assert_nonnull (strstr (f->log->str, data->scenario->debug_marker));
}

/* ---- The checks ----------------------------------------------------------------------------- */

static void
test_log (Fixture       *f,
          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) secrets = NULL;
  g_autofree char *found = NULL;
  guint n_jwts;

  run (f, user_data);

  secrets = collect_secrets (f->sim, &n_jwts);
  /* There were secrets to leak. */
  g_assert_cmpuint (n_jwts, >, 0);
  found = find_secret (f->log->str, f->log->len, secrets);
  if (found != NULL)
    g_test_message ("the output holds %s:\n%s", found, f->log->str);
  g_assert_null (found);

  g_clear_pointer (&found, g_free);
  found = find_secret_full (f->sim_log->str, f->sim_log->len, secrets, TRUE);
  if (found != NULL)
    g_test_message ("the simulator's log holds %s:\n%s", found, f->sim_log->str);
  g_assert_null (found);
}

static void
test_authorization (Fixture       *f,
                    gconstpointer  user_data)
{
  GPtrArray *requests;
  g_autoptr(GPtrArray) secrets = NULL;
  g_autofree char *api_host = NULL;
  guint n_jwts;
  guint n_api = 0;
  guint n_storage = 0;

  run (f, user_data);

  secrets = collect_secrets (f->sim, &n_jwts);
  g_assert_cmpuint (n_jwts, >, 0);
  api_host = g_strdup_printf ("127.0.0.1:%u", osai_sim_server_get_port (f->sim));
  requests = osai_sim_server_get_requests (f->sim);

  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *r = g_ptr_array_index (requests, i);
      gboolean under_api = g_str_has_prefix (r->path, "/api/");
      gboolean sign_in = g_ascii_strcasecmp (r->path, "/api/Users/SignIn") == 0;

      /* Every header was recorded. */
      g_assert_nonnull (r->headers);
      g_assert_nonnull (strstr (r->headers, "Host: "));

      if (r->authorization != NULL)
        {
          g_assert_true (under_api);
          g_assert_cmpstr (r->host, ==, api_host);
          n_api++;
        }

      if (g_str_has_prefix (r->path, "/s3/"))
        {
          g_autofree char *found = NULL;

          n_storage++;
          g_assert_null (r->authorization);
          g_assert_null (strstr (r->headers, "Authorization"));
          /* The storage link's own signature is in its query: leave that
           * out and look for any other secret in the headers. */
          found = find_secret (r->headers, strlen (r->headers), secrets);
          if (found != NULL)
            g_test_message ("a storage request's headers hold %s:\n%s", found, r->headers);
          g_assert_null (found);
        }

      /* The access token is sent to the sign-in only: in its query (the
       * older form) or its body, never in a header. */
      g_assert_null (strstr (r->headers, ACCESS_TOKEN));
      if (!sign_in && r->query != NULL)
        g_assert_null (strstr (r->query, ACCESS_TOKEN));
    }

  g_assert_cmpuint (n_api, >, 0);
  g_assert_cmpuint (n_storage, >, 0);
}

static void
test_files (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) secrets = NULL;
  g_auto(GStrv) folders = NULL;
  guint n_jwts;
  guint n_files = 0;

  run (f, user_data);

  secrets = collect_secrets (f->sim, &n_jwts);
  g_assert_cmpuint (n_jwts, >, 0);
  folders = private_folders (f->tmpdir);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *found = find_secret_in_tree (folders[i], secrets, &n_files);

      if (found != NULL)
        g_test_message ("%s", found);
      g_assert_null (found);
    }

  /* The walk saw the files there are (at least the saved report). */
  if (((const CaseData *) user_data)->scenario->succeeds)
    g_assert_cmpuint (n_files, >, 0);
}

/* ---- The checks can fail -------------------------------------------------------------------- */

static void
test_scanner_catches_log_plants (Fixture       *f,
                                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  const char *plants[] = {
    "Signing in with " ACCESS_TOKEN,
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "GET /s3/bucket/Reports/x.json?AWSAccessKeyId=YXBw&Expires=1&Signature=abc%3D",
  };

  g_ptr_array_add (secrets, g_strdup (ACCESS_TOKEN));

  capture = f->log;
  capture_sim = f->sim_log;
  for (guint i = 0; i < G_N_ELEMENTS (plants); i++)
    {
      g_autofree char *found = NULL;

      g_string_truncate (f->log, 0);
      /* Through the same writer as the core's messages, at debug level. */
      g_log_structured ("osai-client", G_LOG_LEVEL_DEBUG, "MESSAGE", "%s", plants[i]);
      found = find_secret (f->log->str, f->log->len, secrets);
      g_test_message ("plant %u: found %s", i, found);
      g_assert_nonnull (found);
    }
  capture = NULL;
  capture_sim = NULL;

  /* And what is clean passes. */
  g_assert_null (find_secret ("GET /api/Reports/16718 -> 200", 29, secrets));
}

static void
test_scanner_catches_file_plants (Fixture       *f,
                                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "osai-reports", NULL);
  g_autofree char *path = g_build_filename (config, "state.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) folders = NULL;
  gboolean caught = FALSE;
  guint n_files = 0;

  g_ptr_array_add (secrets, g_strdup (ACCESS_TOKEN));
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_file_set_contents (path, "[state]\ntoken=" ACCESS_TOKEN "\n", -1, &error);
  g_assert_no_error (error);

  folders = private_folders (f->tmpdir);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *found = find_secret_in_tree (folders[i], secrets, &n_files);

      if (found != NULL)
        {
          g_test_message ("%s", found);
          caught = TRUE;
        }
    }
  g_assert_true (caught);
  g_assert_cmpint (g_remove (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  static const struct
  {
    const char *name;
    void (*func) (Fixture *, gconstpointer);
  } checks[] = {
    { "log", test_log },
    { "authorization", test_authorization },
    { "files", test_files },
  };

  /* Before anything logs: every message passes through the capture. */
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_debug_enabled (TRUE);

  g_test_add ("/token-hygiene/scanner/log-plants", Fixture, NULL,
              fixture_setup, test_scanner_catches_log_plants, fixture_teardown);
  g_test_add ("/token-hygiene/scanner/file-plants", Fixture, NULL,
              fixture_setup, test_scanner_catches_file_plants, fixture_teardown);

  for (guint runner = 0; runner < 2; runner++)
    for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
      for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
        {
          g_autofree char *path = NULL;
          CaseData *data;

          if (runner == 1 && g_getenv ("OSAI_CLI") == NULL)
            continue;

          data = g_new0 (CaseData, 1);
          data->scenario = &scenarios[s];
          data->cli = runner == 1;
          g_ptr_array_add (cases, data);

          path = g_strdup_printf ("/token-hygiene/%s/%s/%s", runner == 1 ? "cli" : "core",
                                  scenarios[s].name, checks[c].name);
          g_test_add (path, Fixture, data, fixture_setup, checks[c].func, fixture_teardown);
        }

  return g_test_run ();
}
