/* osai-simulator.c — serve the OSAI + S3 simulator on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-simulator"

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "osai-sim-server.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_enum (GType        type,
            const char  *text,
            int         *out,
            GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = g_enum_get_value_by_nick (klass, text);

  if (value == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Unknown value “%s”", text);
      return FALSE;
    }
  *out = value->value;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OsaiSimServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *access_token = NULL;
  g_autofree char *sign_in = NULL;
  g_autofree char *truncate = NULL;
  g_autofree char *detail_size = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  gint clock_skew = 0;
  gint port = 0;
  double report_delay = 4.0;
  double token_lifetime = 3600.0;
  gint url_lifetime = 1800;
  gint flaky = 0;
  gint rate_limit = 0;
  gint slow_ms = 0;
  gint storage_busy = 0;
  gint storage_resets = 0;
  gboolean ignore_range = FALSE;
  gboolean storage_denied = FALSE;
  gboolean fail_report = FALSE;
  gboolean unknown_status = FALSE;
  gboolean malformed_json = FALSE;
  gboolean retry_after_date = FALSE;
  gint retry_after = 1;
  gboolean verbose = FALSE;
  gboolean version = FALSE;
  guint64 detail_bytes = 64 * 1024;
  int sign_in_mode = OSAI_SIM_SIGN_IN_BOTH;
  int truncate_mode = OSAI_SIM_TRUNCATE_NONE;
  guint sigint_id;
  guint sigterm_id;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "TCP port on 127.0.0.1 (0: any)", "N" },
    { "access-token", 0, 0, G_OPTION_ARG_STRING, &access_token,
      "The access token that signs in (default: demo)", "T" },
    { "report-delay", 0, 0, G_OPTION_ARG_DOUBLE, &report_delay,
      "Seconds until a report is done (default: 4)", "S" },
    { "fail-report", 0, 0, G_OPTION_ARG_NONE, &fail_report, "Reports end with status 1", NULL },
    { "unknown-status", 0, 0, G_OPTION_ARG_NONE, &unknown_status,
      "Reports end with status 7", NULL },
    { "malformed-json", 0, 0, G_OPTION_ARG_NONE, &malformed_json,
      "GET /Reports/{id} answers with broken JSON", NULL },
    { "token-lifetime", 0, 0, G_OPTION_ARG_DOUBLE, &token_lifetime,
      "Seconds a signed-in token lives (default: 3600)", "S" },
    { "url-lifetime", 0, 0, G_OPTION_ARG_INT, &url_lifetime,
      "Seconds a pre-signed URL lives (default: 1800)", "S" },
    { "sign-in", 0, 0, G_OPTION_ARG_STRING, &sign_in,
      "Sign-in forms served: post, get or both (default)", "FORM" },
    { "flaky", 0, 0, G_OPTION_ARG_INT, &flaky, "Every Nth API call answers 503", "N" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Every Nth API call answers 429", "N" },
    { "retry-after", 0, 0, G_OPTION_ARG_INT, &retry_after,
      "Seconds to ask for in Retry-After (default: 1)", "S" },
    { "retry-after-date", 0, 0, G_OPTION_ARG_NONE, &retry_after_date,
      "Send Retry-After as an HTTP date", NULL },
    { "slow-ms", 0, 0, G_OPTION_ARG_INT, &slow_ms, "Delay every API answer", "MS" },
    { "detail-size", 0, 0, G_OPTION_ARG_STRING, &detail_size,
      "Bytes of the detailed report (default: 65536)", "BYTES" },
    { "truncate", 0, 0, G_OPTION_ARG_STRING, &truncate,
      "Cut the detailed report in half: close or chunked", "MODE" },
    { "storage-busy", 0, 0, G_OPTION_ARG_INT, &storage_busy,
      "The next N downloads of a detailed report answer 503 SlowDown", "N" },
    { "storage-resets", 0, 0, G_OPTION_ARG_INT, &storage_resets,
      "The next N downloads of a detailed report break off halfway", "N" },
    { "ignore-range", 0, 0, G_OPTION_ARG_NONE, &ignore_range,
      "Serve the whole detailed report whatever a Range header asks", NULL },
    { "storage-denied", 0, 0, G_OPTION_ARG_NONE, &storage_denied,
      "Refuse every download of a detailed report: 403 Access Denied", NULL },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      "Serve https with this PEM certificate (needs --tls-key)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      "The PEM private key of --tls-cert", "FILE" },
    { "clock-skew", 0, 0, G_OPTION_ARG_INT, &clock_skew,
      "Seconds the storage's clock is ahead (negative: behind) when it signs and checks links",
      "S" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      "Log every request to stderr (secrets redacted)", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  /* libsoup 3.2 keeps a socket open for each keep-alive connection that a
   * client closes (fixed upstream later): allow as many as the system does,
   * so that a long session of clients without keep-alive goes on working. */
  {
    struct rlimit limit;

    if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
      {
        limit.rlim_cur = limit.rlim_max;
        setrlimit (RLIMIT_NOFILE, &limit);
      }
  }

  context = g_option_context_new ("— simulate the OSAI reports API and its S3 store");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto usage;

  if (version)
    {
      g_print ("osai-simulator %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "Unexpected argument “%s”",
                   argv[1]);
      goto usage;
    }
  if (port < 0 || port > G_MAXUINT16 || url_lifetime < 0 || flaky < 0 || rate_limit < 0
      || slow_ms < 0 || report_delay < 0 || token_lifetime < 0 || retry_after < 0
      || token_lifetime > 10.0 * 365 * 24 * 3600 || report_delay > 365.0 * 24 * 3600)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "Numbers must not be negative, a port fits in 16 bits, "
                           "and lifetimes and delays stay under ten years");
      goto usage;
    }
  if (detail_size != NULL
      && !g_ascii_string_to_unsigned (detail_size, 10, 0, G_MAXUINT64, &detail_bytes, &error))
    goto usage;
  if (sign_in != NULL && !parse_enum (OSAI_SIM_TYPE_SIGN_IN_MODE, sign_in, &sign_in_mode, &error))
    goto usage;
  if (truncate != NULL && !parse_enum (OSAI_SIM_TYPE_TRUNCATE, truncate, &truncate_mode, &error))
    goto usage;
  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--tls-cert and --tls-key go together");
      goto usage;
    }
  if (clock_skew < -(G_MAXINT / 2) || clock_skew > G_MAXINT / 2)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "The clock skew is out of range");
      goto usage;
    }
  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr ("osai-simulator: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  if (verbose)
    {
      /* Keep stdout for the base URL alone. */
      g_log_writer_default_set_use_stderr (TRUE);
      g_log_set_debug_enabled (TRUE);
    }

  server = osai_sim_server_new ();
  g_object_set (server,
                "report-delay", report_delay,
                "fail-report", fail_report,
                "unknown-status", unknown_status,
                "malformed-json", malformed_json,
                "token-lifetime", token_lifetime,
                "url-lifetime", (guint) url_lifetime,
                "sign-in", sign_in_mode,
                "flaky", (guint) flaky,
                "rate-limit", (guint) rate_limit,
                "retry-after-date", retry_after_date,
                "retry-after", (guint) MIN (retry_after, G_MAXINT / 2),
                "slow-ms", (guint) slow_ms,
                "detail-size", detail_bytes,
                "truncate", truncate_mode,
                "storage-busy", (guint) MAX (storage_busy, 0),
                "storage-resets", (guint) MAX (storage_resets, 0),
                "ignore-range", ignore_range,
                "storage-denied", storage_denied,
                "tls-certificate", certificate,
                "clock-skew", clock_skew,
                NULL);
  if (access_token != NULL)
    g_object_set (server, "access-token", access_token, NULL);

  /* A client that hangs up mid-download must not kill the server. */
  signal (SIGPIPE, SIG_IGN);

  if (!osai_sim_server_start (server, (guint) port, &error))
    {
      g_printerr ("osai-simulator: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("%s\n", osai_sim_server_get_base_url (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  osai_sim_server_stop (server);
  return EXIT_SUCCESS;

usage:
  g_printerr ("osai-simulator: %s\nTry “osai-simulator --help”.\n", error->message);
  return 2;
}
