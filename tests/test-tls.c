/* test-tls.c — a certificate nobody vouches for stops the connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 serves https:// with the self-signed pair in
 * tests/data (selfsigned-cert.pem, selfsigned-key.pem; test-only, never a
 * secret).  The client, its download and osai-reports-cli all use the
 * system's trust store, which does not know it: each must fail with
 * OSAI_ERROR_TLS, without the request ever reaching the server.  The same
 * server does answer a session that trusts the certificate, so it is the
 * trust that is refused, not a broken server.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "osai-client.h"
#include "osai-download.h"
#include "osai-error.h"
#include "osai-report.h"
#include "osai-test-utils.h"

#define WAIT_MS  20000
#define TOKEN    "tls-test-access-token"

typedef struct
{
  SoupServer *server;
  char       *base_url;
  guint       requests;   /* requests the server saw */
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;

  f->requests++;
  /* Enough for a sign-in: the token as text. */
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "signed-in", 9);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *cert_path = osai_test_data_path ("selfsigned-cert.pem");
  g_autofree char *key_path = osai_test_data_path ("selfsigned-key.pem");
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  GSList *listeners;

  cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);

  f->server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  soup_server_listen_local (f->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  /* Not soup_server_get_uris (): it leaks an address per call in libsoup 3.2. */
  listeners = soup_server_get_listeners (f->server);
  g_assert_nonnull (listeners);
  address = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  g_slist_free (listeners);

  f->base_url = g_strdup_printf ("https://127.0.0.1:%u/api",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base_url, g_free);
}

static OsaiClient *
new_client (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  OsaiClient *client = osai_client_new (f->base_url, FALSE, &error);

  g_assert_no_error (error);
  osai_client_set_access_token (client, TOKEN);
  /* Quick retries, should anything be retried (nothing must be). */
  osai_client_set_retry_policy (client, 3, 1, 10);
  return client;
}

static gboolean
sign_in (OsaiClient  *client,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  osai_client_sign_in_async (client, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  return osai_client_sign_in_finish (client, result, error);
}

/* The client's session checks certificates against the system's trust
 * store, and nothing in it accepts what that store refuses. */
static void
test_session_uses_system_trust (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(OsaiClient) client = new_client (f);
  SoupSession *session = osai_client_get_session (client);
  GTlsDatabase *system = g_tls_backend_get_default_database (g_tls_backend_get_default ());

  g_assert_nonnull (system);
  g_assert_true (soup_session_get_tls_database (session) == system);
  g_object_unref (system);
}

static void
test_sign_in_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OsaiClient) client = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  g_assert_false (sign_in (client, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  g_assert_nonnull (osai_error_get_hint (error));

  described = osai_error_describe (error);
  g_assert_nonnull (strstr (described, osai_error_get_hint (error)));

  /* The token never left: no request came through, none was repeated. */
  g_assert_cmpuint (f->requests, ==, 0);
  g_assert_false (osai_client_is_signed_in (client));
}

/* The same server, trusted on purpose: the refusal above is the trust. */
static void
test_trusted_on_purpose (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *cert_path = osai_test_data_path ("selfsigned-cert.pem");
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(OsaiClient) client = NULL;
  g_autoptr(GError) error = NULL;

  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("tls-database", database, NULL);
  soup_session_set_proxy_resolver (session, NULL);
  client = g_object_new (OSAI_TYPE_CLIENT,
                         "base-url", f->base_url,
                         "session", session,
                         NULL);
  osai_client_set_access_token (client, TOKEN);

  g_assert_true (sign_in (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests, ==, 1);
}

static void
test_download_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *fixture_path = osai_test_data_path ("report-done.json");
  g_autofree char *link = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *dest_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiClient) client = new_client (f);
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  /* A finished report whose storage link is on the untrusted server. */
  json_parser_load_from_file (parser, fixture_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  link = g_strdup_printf ("%s/s3/report.json", f->base_url);
  json_object_set_string_member (root, "path", link);
  text = json_to_string (json_parser_get_root (parser), FALSE);
  bytes = g_bytes_new (text, strlen (text));
  report = osai_report_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  tmpdir = g_dir_make_tmp ("test-tls-XXXXXX", &error);
  g_assert_no_error (error);
  dest_path = g_build_filename (tmpdir, "report.json", NULL);
  dest = g_file_new_for_path (dest_path);

  download = osai_download_new (client, report, dest);
  osai_download_run_async (download, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  g_assert_false (osai_download_run_finish (download, result, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));

  g_assert_cmpuint (f->requests, ==, 0);
  g_assert_false (g_file_test (dest_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (tmpdir), ==, 0);
}

/* osai-reports-cli (OSAI_CLI) against the server: exit status 4 and the
 * message on stderr. */
static void
test_cli_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  OsaiTestProcess result = { 0, };
  const char *cli = g_getenv ("OSAI_CLI");

  if (cli == NULL)
    {
      g_test_skip ("OSAI_CLI is not set");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "OSAI_ACCESS_TOKEN", TOKEN, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  /* G_TEST_OPTION_ISOLATE_DIRS leaves /dev/null in XDG_DATA_HOME. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error,
                                      cli, "--server", f->base_url, "--format", "csv", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, osai_test_communicate_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result.done, 60000);
  g_test_message ("exit %d\nstderr: %s", result.status, result.err);

  g_assert_cmpint (result.status, ==, 4);
  g_assert_nonnull (strstr (result.err, "certificate is not trusted"));
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpuint (f->requests, ==, 0);

  g_free (result.out);
  g_free (result.err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/tls/session-uses-system-trust", test_session_uses_system_trust);
  ADD ("/tls/sign-in-refused", test_sign_in_refused);
  ADD ("/tls/trusted-on-purpose", test_trusted_on_purpose);
  ADD ("/tls/download-refused", test_download_refused);
  ADD ("/tls/cli-refused", test_cli_refused);

#undef ADD

  return g_test_run ();
}
