/* test-client.c — OsaiClient against the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "osai-error.h"
#include "osai-test-net.h"

static JsonNode *
get_user (OsaiTestNet  *net,
          GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  osai_client_get_user_async (net->client, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  return osai_client_get_user_finish (net->client, result, error);
}

static OsaiReport *
get_report (OsaiTestNet  *net,
            gint64        id,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  osai_client_get_report_async (net->client, id, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  return osai_client_get_report_finish (net->client, result, error);
}

static OsaiReport *
create_report (OsaiTestNet        *net,
               OsaiReportRequest  *request,
               GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  osai_client_create_report_async (net->client, request, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  return osai_client_create_report_finish (net->client, result, error);
}

static const char *
last_authorization (OsaiTestNet *net)
{
  GPtrArray *requests = osai_sim_server_get_requests (net->sim);
  OsaiSimRequestRecord *record;

  g_assert_cmpuint (requests->len, >, 0);
  record = g_ptr_array_index (requests, requests->len - 1);
  return record->authorization;
}

static void
test_url_rules (void)
{
  struct {
    const char *url;
    gboolean    allow_insecure;
    int         code;   /* -1: accepted */
  } cases[] = {
    { "https://app-eu.onestepai.com/api", FALSE, -1 },
    { "https://app-us.onestepai.com/api/", FALSE, -1 },
    { "http://127.0.0.1:8080/api", FALSE, -1 },
    { "http://127.1.2.3:8080/api", FALSE, -1 },
    { "http://[::1]:8080/api", FALSE, -1 },
    { "http://localhost:8080/api", FALSE, -1 },
    { "http://example.com/api", FALSE, OSAI_ERROR_INSECURE_URL },
    { "http://10.0.0.1/api", FALSE, OSAI_ERROR_INSECURE_URL },
    { "http://example.com/api", TRUE, -1 },
    { "ftp://example.com/api", FALSE, OSAI_ERROR_INVALID_URL },
    { "app-eu.onestepai.com/api", FALSE, OSAI_ERROR_INVALID_URL },
    { "https://example.com/api?x=1", FALSE, OSAI_ERROR_INVALID_URL },
    { "", FALSE, OSAI_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OsaiClient) client = osai_client_new (cases[i].url, cases[i].allow_insecure, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (client);
        }
      else
        {
          g_assert_error (error, OSAI_ERROR, cases[i].code);
          g_assert_null (client);
        }
    }
}

static void
test_api_uri (void)
{
  g_autoptr(OsaiClient) client = osai_client_new ("http://127.0.0.1:4242/api/", FALSE, NULL);
  struct {
    const char *url;
    gboolean    is_api;
  } cases[] = {
    { "http://127.0.0.1:4242/api", TRUE },
    { "http://127.0.0.1:4242/api/Reports/1", TRUE },
    { "http://127.0.0.1:4242/api/Users/SignIn?token=x", TRUE },
    { "http://127.0.0.1:4242/apix/Reports", FALSE },
    { "http://127.0.0.1:4242/s3/bucket/Reports/x.json", FALSE },
    { "http://127.0.0.1:4242/api/../s3/bucket/x.json", FALSE },
    { "http://127.0.0.1:4243/api/Reports", FALSE },
    { "https://127.0.0.1:4242/api/Reports", FALSE },
    { "http://localhost:4242/api/Reports", FALSE },
  };

  g_assert_cmpstr (osai_client_get_base_url (client), ==, "http://127.0.0.1:4242/api");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (cases[i].url, SOUP_HTTP_URI_FLAGS, NULL);

      g_assert_nonnull (uri);
      if (osai_client_is_api_uri (client, uri) != cases[i].is_api)
        g_error ("%s: expected %s", cases[i].url, cases[i].is_api ? "API" : "not API");
    }
}

static void
test_sign_in_post (OsaiTestNet   *net,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "sign-in", OSAI_SIM_SIGN_IN_POST, NULL);

  user = get_user (net, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (user));
  g_assert_true (osai_client_is_signed_in (net->client));
  g_assert_cmpint (osai_client_get_sign_in_form (net->client), ==, OSAI_SIGN_IN_FORM_POST);
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Users/SignIn"), ==, 1);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Users/SignIn"), ==, 0);
  g_assert_true (g_str_has_prefix (last_authorization (net), "Bearer "));
}

static void
test_sign_in_get_fallback (OsaiTestNet   *net,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "sign-in", OSAI_SIM_SIGN_IN_GET, NULL);

  user = get_user (net, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_client_get_sign_in_form (net->client), ==, OSAI_SIGN_IN_FORM_GET);
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Users/SignIn"), ==, 1);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Users/SignIn"), ==, 1);
  /* The older form sends the token back raw. */
  g_assert_nonnull (last_authorization (net));
  g_assert_false (g_str_has_prefix (last_authorization (net), "Bearer "));

  /* The form is remembered: signing in again goes straight to GET. */
  osai_sim_server_expire_sessions (net->sim);
  again = get_user (net, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Users/SignIn"), ==, 1);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Users/SignIn"), ==, 2);
}

static void
test_sign_in_wrong_token (OsaiTestNet   *net,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  osai_client_set_access_token (net->client, "not-the-token");
  osai_client_sign_in_async (net->client, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  g_assert_false (osai_client_sign_in_finish (net->client, result, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN);
  g_assert_false (osai_client_is_signed_in (net->client));
}

static void
test_no_token (OsaiTestNet   *net,
               gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  osai_client_set_access_token (net->client, NULL);
  user = get_user (net, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN);
  g_assert_cmpuint (osai_sim_server_get_requests (net->sim)->len, ==, 0);
}

static void
test_expired_token (OsaiTestNet   *net,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;

  user = get_user (net, &error);
  g_assert_no_error (error);

  /* The JWT expires: 401 with an empty body, sign in once more, repeat. */
  osai_sim_server_expire_sessions (net->sim);
  again = get_user (net, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Users/SignIn"), ==, 2);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Users"), ==, 3);
}

static void
test_revoked_token (OsaiTestNet   *net,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;

  user = get_user (net, &error);
  g_assert_no_error (error);

  osai_sim_server_revoke_access_token (net->sim);
  osai_sim_server_expire_sessions (net->sim);
  again = get_user (net, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN);
  /* Signed in again only once: no loop. */
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Users/SignIn"), ==, 2);
}

static void
test_short_token_lifetime (OsaiTestNet   *net,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Every JWT is expired by the time it is used: a fresh sign-in that is
   * refused at once is not repeated. */
  g_object_set (net->sim, "token-lifetime", 0.0, NULL);
  user = get_user (net, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_NOT_AUTHORIZED);
  g_assert_cmpuint (osai_test_net_count_requests (net, "POST", "/api/Users/SignIn"), ==, 1);
}

static void
test_retry_flaky (OsaiTestNet   *net,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Every 2nd API call is a 503 with Retry-After: 1. */
  g_object_set (net->sim, "flaky", 2, NULL);
  user = get_user (net, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (osai_test_net_count_requests (net, NULL, "/api/"), ==, 3);
}

static void
test_retry_rate_limit_date (OsaiTestNet   *net,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* 429 with an HTTP-date Retry-After. */
  g_object_set (net->sim, "rate-limit", 2, "retry-after-date", TRUE, NULL);
  user = get_user (net, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (osai_test_net_count_requests (net, NULL, "/api/"), ==, 3);
  /* An HTTP date has whole seconds: the wait may round down, never to zero backoff. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 5 * 1000);
}

static void
test_retry_exhausted (OsaiTestNet   *net,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "flaky", 1, NULL);
  osai_client_set_retry_policy (net->client, 1, 10, 10);
  user = get_user (net, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_SERVER);
  g_assert_nonnull (osai_error_get_hint (error));
  g_assert_cmpuint (osai_test_net_count_requests (net, NULL, "/api/"), ==, 2);
}

static void
test_rate_limited_exhausted (OsaiTestNet   *net,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (net->sim, "rate-limit", 1, NULL);
  osai_client_set_retry_policy (net->client, 0, 10, 10);
  user = get_user (net, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_RATE_LIMITED);
}

static void
test_network_error (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OsaiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago: nothing listens there now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u/api", port);
  client = osai_client_new (url, FALSE, &error);
  g_assert_no_error (error);
  osai_client_set_access_token (client, "demo");
  osai_client_set_retry_policy (client, 2, 5, 10);

  osai_client_sign_in_async (client, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  g_assert_false (osai_client_sign_in_finish (client, result, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_NETWORK);
}

static void
test_not_found (OsaiTestNet   *net,
                gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = get_report (net, 999999, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_NOT_FOUND);
}

static void
test_malformed_json (OsaiTestNet   *net,
                     gconstpointer  data)
{
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiReport) created = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  created = create_report (net, request, &error);
  g_assert_no_error (error);

  g_object_set (net->sim, "malformed-json", TRUE, NULL);
  report = get_report (net, osai_report_get_id (created), &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
}

static void
test_create_invalid_request (OsaiTestNet   *net,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) from = g_date_time_new_utc (2023, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(OsaiReportRequest) request = osai_report_request_new (from, to, OSAI_INCLUDE_ALL);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = create_report (net, request, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
  g_assert_cmpuint (osai_sim_server_get_requests (net->sim)->len, ==, 0);
}

static void
test_create_and_get (OsaiTestNet   *net,
                     gconstpointer  data)
{
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiReport) created = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  created = create_report (net, request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_report_get_status (created), ==, OSAI_REPORT_STATUS_IN_PROGRESS);
  g_assert_nonnull (osai_report_get_creation_time (created));

  report = get_report (net, osai_report_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_report_get_id (report), ==, osai_report_get_id (created));
  g_assert_cmpint (osai_report_get_status (report), ==, OSAI_REPORT_STATUS_DONE);
  g_assert_true (osai_report_has_totals (report));
  g_assert_nonnull (osai_report_get_path (report));
  /* The request went out as UTC with Z, and came back the same. */
  g_assert_true (g_date_time_equal (osai_report_get_period_from (report),
                                    osai_report_request_get_period_from (request)));
  g_assert_true (g_date_time_equal (osai_report_get_period_to (report),
                                    osai_report_request_get_period_to (request)));
}

static void
test_cancel (OsaiTestNet   *net,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_object_set (net->sim, "slow-ms", 5000, NULL);
  osai_client_get_user_async (net->client, cancellable, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (osai_sim_server_get_requests (net->sim)->len > 0, 5000);

  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 2000);
  user = osai_client_get_user_finish (net->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_cancel_during_backoff (OsaiTestNet   *net,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Every call fails with Retry-After: 1; cancel while waiting to retry. */
  g_object_set (net->sim, "flaky", 1, NULL);
  osai_client_get_user_async (net->client, cancellable, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (osai_sim_server_get_requests (net->sim)->len > 0, 5000);
  osai_test_net_iterate_for (50);

  g_cancellable_cancel (cancellable);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 500);
  user = osai_client_get_user_finish (net->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (osai_sim_server_get_requests (net->sim)->len, ==, 1);
}

/* A plain SoupServer on loopback for answers the simulator never gives;
 * returns a client whose base URL points at it. */
static OsaiClient *
client_for_plain_server (SoupServer        *server,
                         SoupServerCallback handler,
                         gpointer           data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  OsaiClient *client;
  GSList *uris;

  soup_server_add_handler (server, NULL, handler, data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = osai_client_new (url, FALSE, &error);
  g_assert_no_error (error);
  osai_client_set_access_token (client, "demo");
  return client;
}

/* A server that answers everything with a redirect to the simulator. */
static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, user_data);
}

static void
test_no_redirect (OsaiTestNet   *net,
                  gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *target = g_strconcat (osai_sim_server_get_base_url (net->sim), "/Users", NULL);
  g_autoptr(OsaiClient) client = client_for_plain_server (server, redirect_handler, target);

  osai_client_sign_in_async (client, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  g_assert_false (osai_client_sign_in_finish (client, result, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_REDIRECTED);
  /* Nothing, least of all the token, went to where the redirect pointed. */
  g_assert_cmpuint (osai_sim_server_get_requests (net->sim)->len, ==, 0);
}

static void
test_retry_after_too_long (OsaiTestNet   *net,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Ten minutes is not waited for: the user hears how long instead. */
  g_object_set (net->sim, "rate-limit", 1, "retry-after", 600, NULL);
  user = get_user (net, &error);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "10 minutes"));
  g_assert_cmpuint (osai_test_net_count_requests (net, NULL, "/api/"), ==, 1);
}

/* A server whose every answer is far larger than any API answer. */
static void
huge_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  gsize size = 16 * 1024 * 1024;
  char *body = g_malloc (size);

  memset (body, 'x', size);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_TAKE, body, size);
}

static void
test_huge_answer (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(OsaiClient) client = client_for_plain_server (server, huge_handler, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  osai_client_sign_in_async (client, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  g_assert_false (osai_client_sign_in_finish (client, result, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
}

static GString *log_output;

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  if (log_output == NULL)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      {
        if (fields[i].length < 0)
          g_string_append (log_output, fields[i].value);
        else
          g_string_append_len (log_output, fields[i].value, fields[i].length);
        g_string_append_c (log_output, '\n');
      }

  return G_LOG_WRITER_HANDLED;
}

static void
test_token_never_logged (OsaiTestNet   *net,
                         gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;
  const char *token = "s3cr3t-access-token-0123456789";
  GPtrArray *requests;

  log_output = g_string_new (NULL);
  g_object_set (net->sim, "access-token", token, "sign-in", OSAI_SIM_SIGN_IN_GET,
                "flaky", 3, NULL);
  osai_client_set_access_token (net->client, token);

  /* Debug messages on, through sign-in fallback, retries and a re-sign-in. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  user = get_user (net, &error);
  g_assert_no_error (error);
  osai_sim_server_expire_sessions (net->sim);
  report = osai_test_net_finished_report (net);
  g_unsetenv ("G_MESSAGES_DEBUG");

  g_assert_cmpuint (log_output->len, >, 0);
  g_assert_null (strstr (log_output->str, token));
  g_assert_null (strstr (log_output->str, "Signature="));
  g_assert_null (strstr (log_output->str, "Bearer"));

  requests = osai_sim_server_get_requests (net->sim);
  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *record = g_ptr_array_index (requests, i);

      if (record->authorization != NULL)
        g_assert_true (g_str_has_prefix (record->path, "/api/"));
    }

  g_string_free (g_steal_pointer (&log_output), TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Every message, debug included, goes to the capture while a test
   * collects it, and to the default writer otherwise. */
  g_log_set_writer_func (capture_log_writer, NULL, NULL);

#define NET_TEST(path, func) \
  g_test_add (path, OsaiTestNet, NULL, osai_test_net_setup, func, osai_test_net_teardown)

  g_test_add_func ("/client/url/rules", test_url_rules);
  g_test_add_func ("/client/url/api-uri", test_api_uri);
  NET_TEST ("/client/sign-in/post", test_sign_in_post);
  NET_TEST ("/client/sign-in/get-fallback", test_sign_in_get_fallback);
  NET_TEST ("/client/sign-in/wrong-token", test_sign_in_wrong_token);
  NET_TEST ("/client/sign-in/no-token", test_no_token);
  NET_TEST ("/client/sign-in/expired-token", test_expired_token);
  NET_TEST ("/client/sign-in/revoked-token", test_revoked_token);
  NET_TEST ("/client/sign-in/token-lifetime", test_short_token_lifetime);
  NET_TEST ("/client/retry/flaky", test_retry_flaky);
  NET_TEST ("/client/retry/rate-limit-date", test_retry_rate_limit_date);
  NET_TEST ("/client/retry/exhausted", test_retry_exhausted);
  NET_TEST ("/client/retry/rate-limited", test_rate_limited_exhausted);
  NET_TEST ("/client/retry/retry-after-too-long", test_retry_after_too_long);
  g_test_add_func ("/client/huge-answer", test_huge_answer);
  g_test_add_func ("/client/network-error", test_network_error);
  NET_TEST ("/client/reports/not-found", test_not_found);
  NET_TEST ("/client/reports/malformed-json", test_malformed_json);
  NET_TEST ("/client/reports/invalid-request", test_create_invalid_request);
  NET_TEST ("/client/reports/create-and-get", test_create_and_get);
  NET_TEST ("/client/cancel/in-flight", test_cancel);
  NET_TEST ("/client/cancel/during-backoff", test_cancel_during_backoff);
  NET_TEST ("/client/no-redirect", test_no_redirect);
  NET_TEST ("/client/token-never-logged", test_token_never_logged);

  return g_test_run ();
}
