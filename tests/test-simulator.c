/* test-simulator.c — the OSAI + S3 simulator, spoken to with a plain SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-simulator"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "osai-sim-s3.h"
#include "osai-sim-server.h"
#include "osai-test-utils.h"

#define REPORT_YEAR "{\"periodFrom\":\"2022-01-01T00:00:00.000Z\"," \
                    "\"periodTo\":\"2023-01-01T00:00:00.000\"," \
                    "\"includeDatasets\":true,\"includeManipulations\":true," \
                    "\"includeModels\":true,\"includeRentedDevices\":true," \
                    "\"includePredictions\":true}"

typedef struct
{
  OsaiSimServer *server;
  SoupSession   *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;

  f->server = osai_sim_server_new ();
  g_object_set (f->server, "report-delay", 0.0, NULL);
  g_assert_true (osai_sim_server_start (f->server, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (osai_sim_server_get_port (f->server), >, 0);
  /* No system proxy settings: the default resolver would need GSettings schemas. */
  resolver = g_simple_proxy_resolver_new (NULL, NULL);
  f->session = soup_session_new_with_options ("proxy-resolver", resolver, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * 1000;

  /* Let both ends see the connections close before the server goes. */
  g_clear_object (&f->session);
  OSAI_TEST_WAIT_UNTIL (g_get_monotonic_time () > deadline, 1000);
  osai_sim_server_stop (f->server);
  g_assert_finalize_object (f->server);
}

static SoupMessage *
api_message (Fixture    *f,
             const char *method,
             const char *path,
             const char *authorization)
{
  g_autofree char *uri = g_strconcat (osai_sim_server_get_base_url (f->server), path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  return msg;
}

static void
set_json_body (SoupMessage *msg,
               const char  *content_type,
               const char  *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  soup_message_set_request_body_from_bytes (msg, content_type, bytes);
}

/* Sends @msg, iterating the main context (the server lives in it too). */
static GBytes *
send_full (Fixture      *f,
           SoupMessage  *msg,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 10000);
  return soup_session_send_and_read_finish (f->session, result, error);
}

static GBytes *
send_ok (Fixture     *f,
         SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = send_full (f, msg, &error);

  g_assert_no_error (error);
  g_assert_nonnull (body);
  return body;
}

static char *
body_text (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strndup (data ? data : "", len);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  json_parser_load_from_data (parser, data ? data : "", len, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static char *
sign_in_post (Fixture *f)
{
  g_autoptr(SoupMessage) msg = api_message (f, "POST", "/Users/SignIn", NULL);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *jwt = NULL;
  g_auto(GStrv) parts = NULL;

  set_json_body (msg, "application/json", "\"demo\"");
  body = send_ok (f, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  jwt = body_text (body);
  parts = g_strsplit (jwt, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);

  return g_strconcat ("Bearer ", jwt, NULL);
}

static guint
status_of (Fixture    *f,
           const char *method,
           const char *path,
           const char *authorization,
           GBytes    **body_out)
{
  g_autoptr(SoupMessage) msg = api_message (f, method, path, authorization);
  g_autoptr(GBytes) body = send_ok (f, msg);

  if (body_out != NULL)
    *body_out = g_steal_pointer (&body);
  return soup_message_get_status (msg);
}

static guint
create_report (Fixture    *f,
               const char *auth,
               const char *request)
{
  g_autoptr(SoupMessage) msg = api_message (f, "POST", "/Reports", auth);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;

  set_json_body (msg, "application/json", request);
  body = send_ok (f, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  object = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, -1);

  return (guint) json_object_get_int_member (object, "id");
}

static JsonObject *
get_report (Fixture    *f,
            const char *auth,
            guint       id,
            char      **raw)
{
  g_autofree char *path = g_strdup_printf ("/Reports/%u", id);
  g_autoptr(GBytes) body = NULL;

  g_assert_cmpuint (status_of (f, "GET", path, auth, &body), ==, 200);
  if (raw != NULL)
    *raw = body_text (body);
  return parse_object (body);
}

static char *
finished_report_path (Fixture *f,
                      guint   *id_out)
{
  g_autofree char *auth = sign_in_post (f);
  guint id = create_report (f, auth, REPORT_YEAR);
  g_autoptr(JsonObject) report = get_report (f, auth, id, NULL);

  g_assert_cmpint (json_object_get_int_member (report, "status"), ==, 0);
  if (id_out != NULL)
    *id_out = id;
  return g_strdup (json_object_get_string_member (report, "path"));
}

/* ---- Sign-in --------------------------------------------------------------------------------- */

static void
test_sign_in_post (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autofree char *raw = g_strdup (auth + strlen ("Bearer "));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) user = NULL;

  g_assert_cmpuint (status_of (f, "GET", "/Users", auth, &body), ==, 200);
  user = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "demo@example.com");
  g_assert_nonnull (json_object_get_string_member (user, "name"));

  /* A JWT from the POST form goes with "Bearer", never raw. */
  g_assert_cmpuint (status_of (f, "GET", "/Users", raw, NULL), ==, 401);
  g_assert_cmpuint (status_of (f, "GET", "/Users", NULL, NULL), ==, 401);
  g_assert_cmpuint (status_of (f, "GET", "/Users", "Bearer nonsense", NULL), ==, 401);
}

static void
test_sign_in_get (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *bearer = NULL;

  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, &body), ==, 200);
  token = body_text (body);
  g_assert_cmpuint (strlen (token), >, 20);
  g_assert_cmpuint (status_of (f, "GET", "/Users", token, NULL), ==, 200);

  bearer = g_strconcat ("Bearer ", token, NULL);
  g_assert_cmpuint (status_of (f, "GET", "/Users", bearer, NULL), ==, 401);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=wrong", NULL, NULL), ==, 401);
}

static void
test_sign_in_modes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SoupMessage) post = NULL;
  g_autoptr(GBytes) body = NULL;

  g_object_set (f->server, "sign-in", OSAI_SIM_SIGN_IN_POST, NULL);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 405);
  g_free (sign_in_post (f));

  g_object_set (f->server, "sign-in", OSAI_SIM_SIGN_IN_GET, NULL);
  post = api_message (f, "POST", "/Users/SignIn", NULL);
  set_json_body (post, "application/json", "\"demo\"");
  body = send_ok (f, post);
  g_assert_cmpuint (soup_message_get_status (post), ==, 405);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 200);
}

static void
test_sign_in_errors (Fixture       *f,
                     gconstpointer  data)
{
  struct {
    const char *content_type;
    const char *body;
    guint       status;
  } cases[] = {
    { "text/plain", "\"demo\"", 415 },
    { "text/plain", "demo", 415 },
    { "application/json", "\"wrong\"", 401 },
    { "application/json", "demo", 400 },
    { "application/json", "{\"token\":\"demo\"}", 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = api_message (f, "POST", "/Users/SignIn", NULL);
      g_autoptr(GBytes) body = NULL;

      set_json_body (msg, cases[i].content_type, cases[i].body);
      body = send_ok (f, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
    }

  /* A revoked access token signs in no more; a new one does. */
  osai_sim_server_revoke_access_token (f->server);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 401);
  g_object_set (f->server, "access-token", "fresh", NULL);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=fresh", NULL, NULL), ==, 200);
}

static void
test_expired (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autofree char *auth2 = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *challenge;

  g_assert_cmpuint (status_of (f, "GET", "/Users", auth, NULL), ==, 200);
  osai_sim_server_expire_sessions (f->server);

  msg = api_message (f, "GET", "/Users", auth);
  body = send_ok (f, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
  challenge = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                            "WWW-Authenticate");
  g_assert_nonnull (challenge);
  g_assert_true (g_str_has_prefix (challenge, "Bearer error=\"invalid_token\""));
  g_assert_nonnull (strstr (challenge, "The token expired at '"));

  /* Signing in again cures it; a zero lifetime expires at once. */
  auth2 = sign_in_post (f);
  g_assert_cmpuint (status_of (f, "GET", "/Users", auth2, NULL), ==, 200);
  g_object_set (f->server, "token-lifetime", 0.0, NULL);
  g_assert_cmpuint (status_of (f, "GET", "/Users", auth2, NULL), ==, 401);
}

/* ---- Reports --------------------------------------------------------------------------------- */

static void
test_report_create (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autoptr(SoupMessage) msg = api_message (f, "POST", "/Reports", auth);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *created;

  set_json_body (msg, "application/json", REPORT_YEAR);
  body = send_ok (f, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  object = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 16718);
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, -1);
  created = json_object_get_string_member (object, "creationTime");
  /* "2023-02-10T14:33:33.7629037Z" */
  g_assert_cmpuint (strlen (created), ==, 28);
  g_assert_true (g_str_has_suffix (created, "Z"));
  g_assert_cmpint (created[19], ==, '.');

  g_assert_cmpuint (create_report (f, auth, "{\"periodFrom\":\"2022-01-01T00:00:00+02:00\","
                                   "\"periodTo\":\"2022-02-01T00:00:00.1234567\"}"), ==, 16719);
  g_assert_cmpuint (status_of (f, "POST", "/Reports", NULL, NULL), ==, 401);
}

static void
test_report_bad_request (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  struct {
    const char *body;
    const char *field;
  } cases[] = {
    { "not json", "$" },
    { "[1, 2]", "$" },
    { "\"text\"", "$" },
    { "{\"periodFrom\":\"yesterday\",\"periodTo\":\"2023-01-01T00:00:00Z\"}", "PeriodFrom" },
    { "{\"periodFrom\":\"2022-01-01T00:00:00Z\",\"periodTo\":\"2022-13-01T00:00:00Z\"}",
      "PeriodTo" },
    { "{\"periodFrom\":\"2023-01-01T00:00:00Z\",\"periodTo\":\"2022-01-01T00:00:00Z\"}",
      "PeriodTo" },
    { "{\"periodFrom\":\"2022-01-01T00:00:00Z\",\"periodTo\":\"2022-01-01T00:00:00Z\"}",
      "PeriodTo" },
    { "{\"periodFrom\":\"2022-01-01T00:00:00Z\"}", "PeriodTo" },
    { "{\"periodFrom\":\"2022-01-01T00:00:00Z\",\"periodTo\":\"2023-01-01T00:00:00Z\","
      "\"includeModels\":\"yes\"}", "$.includeModels" },
    { "{\"periodFrom\":{},\"periodTo\":\"2023-01-01T00:00:00Z\"}", "$.periodFrom" },
    { "{\"periodFrom\":\"2022-01-01T00:00:00Z\",\"periodTo\":123}", "$.periodTo" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = api_message (f, "POST", "/Reports", auth);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonObject) problem = NULL;
      SoupMessageHeaders *headers;
      JsonObject *errors;

      set_json_body (msg, "application/json", cases[i].body);
      body = send_ok (f, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
      headers = soup_message_get_response_headers (msg);
      g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==,
                       "application/problem+json");
      problem = parse_object (body);
      g_assert_cmpstr (json_object_get_string_member (problem, "title"), ==,
                       "One or more validation errors occurred.");
      g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, 400);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (problem, "traceId"), "00-"));
      errors = json_object_get_object_member (problem, "errors");
      g_assert_true (json_object_has_member (errors, cases[i].field));
    }
}

static void
test_report_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autoptr(SoupMessage) msg = api_message (f, "GET", "/Reports/99", auth);
  g_autoptr(GBytes) body = send_ok (f, msg);
  g_autoptr(JsonObject) problem = NULL;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  problem = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, 404);
  g_assert_cmpuint (status_of (f, "GET", "/Reports/abc", auth, NULL), ==, 404);
}

static const char * const total_names[] = {
  "totalExistingImagesNum", "totalDeletedImagesNum", "totalImagesKBMin", "totalModelsKBMin",
  "totalManipulationSeconds", "totalTrainingSeconds8GB", "totalTrainingSeconds16GB",
  "totalConversionSeconds8GB", "totalConversionSeconds16GB", "totalDeviceRentalSeconds",
  "totalPredictionSeconds8GB", "totalPredictionSeconds16GB",
};

static void
test_report_lifecycle (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autoptr(JsonObject) pending = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *path_prefix = NULL;
  gint64 deadline;
  guint id;

  g_object_set (f->server, "report-delay", 0.2, NULL);
  id = create_report (f, auth, REPORT_YEAR);
  pending = get_report (f, auth, id, NULL);
  g_assert_cmpint (json_object_get_int_member (pending, "status"), ==, -1);

  deadline = g_get_monotonic_time () + 250 * 1000;
  OSAI_TEST_WAIT_UNTIL (g_get_monotonic_time () > deadline, 2000);

  done = get_report (f, auth, id, &raw);
  g_assert_cmpint (json_object_get_int_member (done, "status"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (done, "id"), ==, id);
  for (guint i = 0; i < G_N_ELEMENTS (total_names); i++)
    g_assert_true (json_object_has_member (done, total_names[i]));
  g_assert_true (json_object_get_boolean_member (done, "includeDatasets"));
  g_assert_false (json_object_get_boolean_member (done, "read"));
  g_assert_cmpstr (json_object_get_string_member (done, "periodFrom"), ==, "2022-01-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (done, "periodTo"), ==, "2023-01-01T00:00:00Z");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (done, "creationTime"), "Z"));

  /* System.Text.Json's spelling of a large double. */
  g_assert_nonnull (strstr (raw, "\"totalImagesKBMin\":"));
  g_assert_nonnull (strstr (strstr (raw, "\"totalImagesKBMin\":"), "E+"));
  g_assert_cmpfloat (json_object_get_double_member (done, "totalImagesKBMin"), >, 1e15);

  path_prefix = g_strdup_printf ("http://127.0.0.1:%u/s3/", osai_sim_server_get_port (f->server));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (done, "path"), path_prefix));
}

static gboolean
total_is_zero (JsonObject *report,
               const char *name)
{
  return json_object_get_double_member (report, name) == 0.0;
}

static void
test_report_totals (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autoptr(JsonObject) a = get_report (f, auth, create_report (f, auth, REPORT_YEAR), NULL);
  g_autoptr(JsonObject) b = get_report (f, auth, create_report (f, auth, REPORT_YEAR), NULL);
  g_autoptr(JsonObject) month = NULL;
  g_autoptr(JsonObject) only = NULL;

  month = get_report (f, auth,
                      create_report (f, auth, "{\"periodFrom\":\"2022-01-01T00:00:00Z\","
                                     "\"periodTo\":\"2022-02-01T00:00:00Z\","
                                     "\"includeDatasets\":true,\"includeManipulations\":true,"
                                     "\"includeModels\":true,\"includeRentedDevices\":true,"
                                     "\"includePredictions\":true}"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (total_names); i++)
    {
      double year = json_object_get_double_member (a, total_names[i]);

      g_assert_cmpfloat (year, ==, json_object_get_double_member (b, total_names[i]));
      g_assert_cmpfloat (year, >=, 0.0);
      /* Seconds are whole. */
      if (g_str_has_suffix (total_names[i], "GB") || strstr (total_names[i], "Seconds") != NULL)
        g_assert_cmpfloat (year, ==, (double) (gint64) year);
    }
  g_assert_cmpfloat (json_object_get_double_member (a, "totalManipulationSeconds"), >,
                     json_object_get_double_member (month, "totalManipulationSeconds"));

  /* Missing switches are false; excluded categories are exactly zero. */
  only = get_report (f, auth,
                     create_report (f, auth, "{\"periodFrom\":\"2022-01-01T00:00:00Z\","
                                    "\"periodTo\":\"2023-01-01T00:00:00Z\","
                                    "\"includePredictions\":true}"), NULL);
  g_assert_false (json_object_get_boolean_member (only, "includeDatasets"));
  g_assert_true (json_object_get_boolean_member (only, "includePredictions"));
  for (guint i = 0; i < G_N_ELEMENTS (total_names); i++)
    {
      if (strstr (total_names[i], "Prediction") == NULL)
        g_assert_true (total_is_zero (only, total_names[i]));
    }
  g_assert_false (total_is_zero (only, "totalPredictionSeconds8GB"));
}

static void
test_report_endings (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  guint id = create_report (f, auth, REPORT_YEAR);

  g_object_set (f->server, "fail-report", TRUE, NULL);
  failed = get_report (f, auth, id, NULL);
  g_assert_cmpint (json_object_get_int_member (failed, "status"), ==, 1);

  g_object_set (f->server, "fail-report", FALSE, "unknown-status", TRUE, NULL);
  unknown = get_report (f, auth, id, NULL);
  g_assert_cmpint (json_object_get_int_member (unknown, "status"), ==, 7);

  g_object_set (f->server, "unknown-status", FALSE, "malformed-json", TRUE, NULL);
  path = g_strdup_printf ("/Reports/%u", id);
  g_assert_cmpuint (status_of (f, "GET", path, auth, &body), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), >, 0);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                              g_bytes_get_size (body), NULL));
}

/* ---- S3 -------------------------------------------------------------------------------------- */

static SoupMessage *
s3_message (const char *uri)
{
  SoupMessage *msg = soup_message_new ("GET", uri);

  g_assert_nonnull (msg);
  return msg;
}

static void
assert_s3_error (Fixture    *f,
                 const char *uri,
                 const char *authorization,
                 guint       status,
                 const char *code,
                 const char *message)
{
  g_autoptr(SoupMessage) msg = s3_message (uri);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *code_element = g_strdup_printf ("<Code>%s</Code>", code);

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  body = send_ok (f, msg);
  text = body_text (body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                          NULL), ==, "application/xml");
  g_assert_nonnull (strstr (text, code_element));
  if (message != NULL)
    g_assert_nonnull (strstr (text, message));
}

static void
test_s3_download (Fixture       *f,
                  gconstpointer  data)
{
  const guint64 sizes[] = { 64 * 1024, 300001, 80, 2, 1 };
  g_autofree char *auth = sign_in_post (f);
  g_autofree char *first_body = NULL;
  guint id = create_report (f, auth, REPORT_YEAR);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(JsonObject) report = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_object_set (f->server, "detail-size", sizes[i], NULL);
      report = get_report (f, auth, id, NULL);
      msg = s3_message (json_object_get_string_member (report, "path"));
      body = send_ok (f, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_cmpint (soup_message_headers_get_content_length (
                         soup_message_get_response_headers (msg)), ==, sizes[i]);
      g_assert_cmpuint (g_bytes_get_size (body), ==, sizes[i]);
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  &error);
      g_assert_no_error (error);
      if (sizes[i] > 1000)
        {
          JsonObject *root = json_node_get_object (json_parser_get_root (parser));
          JsonArray *records = json_object_get_array_member (root, "records");

          g_assert_cmpint (json_object_get_int_member (root, "reportId"), ==, id);
          g_assert_cmpuint (json_array_get_length (records), >, 10);
        }
      if (i == 0)
        first_body = body_text (body);
    }

  /* The same report always has the same content. */
  {
    g_autoptr(JsonObject) report = NULL;
    g_autoptr(SoupMessage) msg = NULL;
    g_autoptr(GBytes) body = NULL;
    g_autofree char *again = NULL;

    g_object_set (f->server, "detail-size", (guint64) 64 * 1024, NULL);
    report = get_report (f, auth, id, NULL);
    msg = s3_message (json_object_get_string_member (report, "path"));
    body = send_ok (f, msg);
    again = body_text (body);
    g_assert_cmpstr (again, ==, first_body);
  }
}

static void
test_s3_fresh_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  guint id = create_report (f, auth, REPORT_YEAR);
  g_autoptr(JsonObject) a = get_report (f, auth, id, NULL);
  g_autoptr(JsonObject) b = NULL;

  g_object_set (f->server, "url-lifetime", 60u, NULL);
  b = get_report (f, auth, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (a, "path"), !=,
                   json_object_get_string_member (b, "path"));
}

static void
test_s3_refusals (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = finished_report_path (f, NULL);
  g_autofree char *tampered = NULL;
  g_autofree char *unsigned_uri = NULL;
  g_autofree char *past = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *resource = NULL;
  char *expires;
  char *signature;

  assert_s3_error (f, path, "Bearer abc", 400, "InvalidArgument",
                   "Only one auth mechanism allowed");

  /* Flip one character of the signature. */
  tampered = g_strdup (path);
  signature = strstr (tampered, "Signature=") + strlen ("Signature=");
  signature[0] = signature[0] == 'A' ? 'B' : 'A';
  assert_s3_error (f, tampered, NULL, 403, "SignatureDoesNotMatch", NULL);

  /* An Expires moved into the past no longer matches the signature. */
  past = g_strdup (path);
  expires = strstr (past, "Expires=") + strlen ("Expires=");
  expires[0] = '1';
  expires[1] = '0';
  assert_s3_error (f, past, NULL, 403, "SignatureDoesNotMatch", NULL);

  unsigned_uri = g_strndup (path, strchr (path, '?') - path);
  assert_s3_error (f, unsigned_uri, NULL, 403, "AccessDenied", NULL);

  origin = g_strdup_printf ("http://127.0.0.1:%u/s3", osai_sim_server_get_port (f->server));
  resource = g_strdup ("/d4ae333b-1fa3-499a-bdb1-d941eaa7c37e/Reports/"
                       "00000000-0000-4000-8000-000000000000.json");
  unknown = osai_sim_s3_presign (origin, "YXBw", "osai-simulator-secret-key", resource,
                                 g_get_real_time () / G_USEC_PER_SEC + 600);
  assert_s3_error (f, unknown, NULL, 404, "NoSuchKey", NULL);
}

static void
test_s3_expired (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;

  g_object_set (f->server, "url-lifetime", 0u, NULL);
  path = finished_report_path (f, NULL);
  assert_s3_error (f, path, NULL, 403, "AccessDenied", "<Message>Request has expired</Message>");
}

static void
test_s3_truncate (Fixture       *f,
                  gconstpointer  data)
{
  OsaiSimTruncate mode = GPOINTER_TO_INT (data);
  const guint64 size = 300000;
  g_autofree char *path = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_object_set (f->server, "truncate", mode, "detail-size", size, NULL);
  path = finished_report_path (f, NULL);
  msg = s3_message (path);
  body = send_full (f, msg, &error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  headers = soup_message_get_response_headers (msg);
  if (mode == OSAI_SIM_TRUNCATE_CLOSE)
    g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, size);
  else
    g_assert_cmpint (soup_message_headers_get_encoding (headers), ==, SOUP_ENCODING_CHUNKED);

  /* libsoup 3.2.3 may call the cut body a clean end: either way it is short. */
  if (body != NULL)
    g_assert_cmpuint (g_bytes_get_size (body), <, size);
  else
    g_assert_nonnull (error);

  /* The server survives it. */
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 200);
}

/* ---- Faults ---------------------------------------------------------------------------------- */

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GDateTime) date = NULL;
  const char *retry_after;

  g_object_set (f->server, "flaky", 2u, NULL);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 200);
  msg = api_message (f, "GET", "/Users/SignIn?token=demo", NULL);
  body = send_ok (f, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Retry-After"), ==, "1");
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 200);
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);

  /* API calls 4, 5, 6: the sixth is a multiple of three. */
  g_object_set (f->server, "flaky", 0u, "rate-limit", 3u, "retry-after-date", TRUE, NULL);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 200);
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 200);
  msg = api_message (f, "GET", "/Users/SignIn?token=demo", NULL);
  body = send_ok (f, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 429);
  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                              "Retry-After");
  g_assert_nonnull (retry_after);
  date = soup_date_time_new_from_http_string (retry_after);
  g_assert_nonnull (date);

  /* S3 downloads are not API calls: no faults there. */
  g_object_set (f->server, "rate-limit", 0u, NULL);
}

static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  gint64 start;

  g_object_set (f->server, "slow-ms", 300u, NULL);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (status_of (f, "GET", "/Users/SignIn?token=demo", NULL, NULL), ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
}

static void
test_requests (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *auth = sign_in_post (f);
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", osai_sim_server_get_port (f->server));
  GPtrArray *requests = osai_sim_server_get_requests (f->server);
  OsaiSimRequestRecord *record;

  g_assert_cmpuint (requests->len, ==, 1);
  record = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (record->method, ==, "POST");
  g_assert_cmpstr (record->path, ==, "/api/Users/SignIn");
  g_assert_null (record->authorization);
  g_assert_cmpstr (record->host, ==, host);

  osai_sim_server_clear_requests (f->server);
  g_assert_cmpuint (requests->len, ==, 0);
  g_assert_cmpuint (status_of (f, "GET", "/Users?x=1", auth, NULL), ==, 200);
  record = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (record->method, ==, "GET");
  g_assert_cmpstr (record->path, ==, "/api/Users");
  g_assert_cmpstr (record->query, ==, "x=1");
  g_assert_cmpstr (record->authorization, ==, auth);
}

typedef struct
{
  guint16  port;
  char    *request;
  char    *response;
  int      done;
} RawRequest;

/* A blocking client in a thread of its own, while the test's thread runs
 * the server. */
static gpointer
raw_request_thread (gpointer user_data)
{
  RawRequest *raw = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[4096] = { 0, };
  gsize n_read = 0;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", raw->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             raw->request, strlen (raw->request), NULL, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                           buffer, sizeof buffer - 1, &n_read, NULL, &error);
  g_assert_no_error (error);
  raw->response = g_strndup (buffer, n_read);
  g_atomic_int_set (&raw->done, 1);
  return NULL;
}

/* Hostile clients: none of these may crash the server or make it hold
 * what it should refuse. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *large = g_strnfill (2 * 1024 * 1024, ' ');
  const char *bad_uris[] = {
    "/Users/SignIn?token=%zz",
    "/Users/SignIn?token=%",
    "/Reports/%zz",
  };

  {
    g_autoptr(SoupMessage) msg = api_message (f, "POST", "/Users/SignIn", NULL);
    g_autoptr(GBytes) body = NULL;

    /* json-glib would recurse 100000 deep and overflow the stack. */
    set_json_body (msg, "application/json", deep);
    body = send_ok (f, msg);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
  }
  {
    g_autoptr(SoupMessage) msg = api_message (f, "POST", "/Users/SignIn", NULL);
    g_autoptr(GBytes) body = NULL;

    set_json_body (msg, "application/json", large);
    body = send_ok (f, msg);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
  }

  /* libsoup's client will not send such URIs: write them by hand. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_uris); i++)
    {
      RawRequest raw = { 0, };
      g_autoptr(GThread) thread = NULL;

      raw.port = osai_sim_server_get_port (f->server);
      raw.request = g_strdup_printf ("GET /api%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Connection: close\r\n\r\n", bad_uris[i]);
      thread = g_thread_new ("raw-client", raw_request_thread, &raw);
      OSAI_TEST_WAIT_UNTIL (g_atomic_int_get (&raw.done), 10000);
      g_assert_true (g_str_has_prefix (raw.response, "HTTP/1.1 4"));
      g_free (raw.request);
      g_free (raw.response);
    }

  /* A length libsoup 3.2 reads as negative (strtoull into a signed
   * number): a clean 400, not a GObject warning (fatal here). */
  {
    const char *lengths[] = { "-89", "18446744073709551615", "9223372036854775808" };

    for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
      {
        RawRequest raw = { 0, };
        g_autoptr(GThread) thread = NULL;

        raw.port = osai_sim_server_get_port (f->server);
        raw.request = g_strdup_printf ("POST /api/Reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       "Content-Type: application/json\r\n"
                                       "Content-Length: %s\r\n\r\n", lengths[i]);
        thread = g_thread_new ("raw-client", raw_request_thread, &raw);
        OSAI_TEST_WAIT_UNTIL (g_atomic_int_get (&raw.done), 10000);
        g_assert_true (g_str_has_prefix (raw.response, "HTTP/1.1 400 "));
        g_assert_nonnull (strstr (raw.response, "\r\nConnection: close\r\n"));
        g_free (raw.request);
        g_free (raw.response);
      }
  }

  /* Still serving. */
  g_free (sign_in_post (f));
}

int
main (int   argc,
      char *argv[])
{
  /* GSocketClient asks the default proxy resolver even for loopback; the GNOME one needs
   * GSettings schemas that a test environment need not have. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/simulator/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-in/post", test_sign_in_post, NULL);
  ADD ("sign-in/get", test_sign_in_get, NULL);
  ADD ("sign-in/modes", test_sign_in_modes, NULL);
  ADD ("sign-in/errors", test_sign_in_errors, NULL);
  ADD ("sign-in/expired", test_expired, NULL);
  ADD ("reports/create", test_report_create, NULL);
  ADD ("reports/bad-request", test_report_bad_request, NULL);
  ADD ("reports/unknown", test_report_unknown, NULL);
  ADD ("reports/lifecycle", test_report_lifecycle, NULL);
  ADD ("reports/totals", test_report_totals, NULL);
  ADD ("reports/endings", test_report_endings, NULL);
  ADD ("s3/download", test_s3_download, NULL);
  ADD ("s3/fresh-path", test_s3_fresh_path, NULL);
  ADD ("s3/refusals", test_s3_refusals, NULL);
  ADD ("s3/expired", test_s3_expired, NULL);
  ADD ("s3/truncate-close", test_s3_truncate, GINT_TO_POINTER (OSAI_SIM_TRUNCATE_CLOSE));
  ADD ("s3/truncate-chunked", test_s3_truncate, GINT_TO_POINTER (OSAI_SIM_TRUNCATE_CHUNKED));
  ADD ("faults/flaky-rate-limit", test_faults, NULL);
  ADD ("faults/slow", test_slow, NULL);
  ADD ("requests", test_requests, NULL);
  ADD ("hostile", test_hostile, NULL);

#undef ADD

  return g_test_run ();
}
