/* osai-client.c — one connection to the OSAI API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three layers, each a GTask chain:
 *
 *  - send_async: one API request, repeated with exponential backoff and
 *    jitter on network errors, 429 and 5xx (honouring Retry-After), never
 *    following a redirect.  It answers with the last status and body.
 *  - sign_in: the documented POST form, falling back to the older GET form
 *    on 404/405 and remembering which one worked.
 *  - call_async: an authorized API call; signs in first when needed and once
 *    more on a 401, then maps statuses to OSAI_ERROR codes.
 *
 * The access token and the authorization token are never logged.
 */
#define G_LOG_DOMAIN "osai-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "osai-client.h"
#include "osai-client-private.h"
#include "osai-error.h"
#include "osai-json-check.h"
#include "osai-json-write.h"
#include "osai-time.h"

#define DEFAULT_MAX_RETRIES   OSAI_CLIENT_DEFAULT_MAX_RETRIES
#define DEFAULT_BASE_DELAY_MS OSAI_CLIENT_DEFAULT_BASE_DELAY_MS
#define DEFAULT_MAX_DELAY_MS  OSAI_CLIENT_DEFAULT_MAX_DELAY_MS
/* A Retry-After longer than this is not waited for: the user is told instead. */
#define MAX_RETRY_AFTER_S     120
/* API answers are small JSON documents. */
#define MAX_API_BODY          (4 * 1024 * 1024)
/* Not in libsoup 3.2's SoupStatus. */
#define HTTP_TOO_MANY_REQUESTS 429

struct _OsaiClient
{
  GObject         parent_instance;

  SoupSession    *session;
  char           *base_url;
  GUri           *base_uri;
  gboolean        allow_insecure;

  char           *access_token;
  char           *authorization;   /* the Authorization header value */
  OsaiSignInForm  sign_in_form;

  guint           max_retries;
  guint           base_delay_ms;
  guint           max_delay_ms;
};

G_DEFINE_FINAL_TYPE (OsaiClient, osai_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OsaiSignInForm, osai_sign_in_form,
                    G_DEFINE_ENUM_VALUE (OSAI_SIGN_IN_FORM_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (OSAI_SIGN_IN_FORM_POST, "post"),
                    G_DEFINE_ENUM_VALUE (OSAI_SIGN_IN_FORM_GET, "get"))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_ALLOW_INSECURE,
  PROP_SESSION,
  PROP_SIGNED_IN,
  PROP_SIGN_IN_FORM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* URLs                                                                     */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
check_uri (GUri        *uri,
           const char  *url,
           gboolean     allow_insecure,
           GError     **error)
{
  const char *scheme = g_uri_get_scheme (uri);

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_URL,
                   _("“%s” is not a web address."), url);
      return FALSE;
    }

  if (g_strcmp0 (scheme, "http") == 0 && !allow_insecure &&
      !host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_INSECURE_URL,
                   _("The address “%s” is not encrypted (http://)."), url);
      return FALSE;
    }

  return TRUE;
}

/**
 * osai_client_check_base_url:
 * @base_url: an API base URL
 * @allow_insecure: whether plain http:// to a non-loopback host is accepted
 * @error: return location for an error
 *
 * Returns: %TRUE if @base_url can be used as an API base URL.
 */
gboolean
osai_client_check_base_url (const char  *base_url,
                            gboolean     allow_insecure,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (base_url != NULL, FALSE);

  uri = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_URL,
                   _("“%s” is not a web address."), base_url);
      return FALSE;
    }

  if (!check_uri (uri, base_url, allow_insecure, error))
    return FALSE;

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_URL,
                   _("The server address “%s” must not contain “?” or “#”."), base_url);
      return FALSE;
    }

  return TRUE;
}

/**
 * osai_client_check_url:
 * @self: a #OsaiClient
 * @url: any URL the client is about to fetch (e.g. a storage link)
 * @error: return location for an error
 *
 * Applies the client's rules (https, or http only to loopback unless
 * insecure connections are allowed) to @url.
 */
gboolean
osai_client_check_url (OsaiClient  *self,
                       const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (OSAI_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                   _("The server sent a link that is not a web address."));
      return FALSE;
    }

  return check_uri (uri, url, self->allow_insecure, error);
}

/**
 * osai_client_is_api_uri:
 * @self: a #OsaiClient
 * @uri: a #GUri
 *
 * Decides by the exact API base URL — scheme, host, port and path prefix,
 * never by host alone — whether @uri may carry the Authorization header.
 * A storage link on the same host (`/s3/...`) is not under the API.
 */
gboolean
osai_client_is_api_uri (OsaiClient *self,
                        GUri       *uri)
{
  const char *base_path;
  const char *path;
  gsize base_len;

  g_return_val_if_fail (OSAI_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->base_uri == NULL)
    return FALSE;

  if (g_strcmp0 (g_uri_get_scheme (uri), g_uri_get_scheme (self->base_uri)) != 0 ||
      g_ascii_strcasecmp (g_uri_get_host (uri) ? g_uri_get_host (uri) : "",
                          g_uri_get_host (self->base_uri)) != 0 ||
      g_uri_get_port (uri) != g_uri_get_port (self->base_uri))
    return FALSE;

  base_path = g_uri_get_path (self->base_uri);
  path = g_uri_get_path (uri);
  base_len = strlen (base_path);

  /* Reject dot segments outright rather than trusting normalisation. */
  if (strstr (path, "/../") != NULL || g_str_has_suffix (path, "/.."))
    return FALSE;

  if (base_len == 0)
    return TRUE;

  return strncmp (path, base_path, base_len) == 0 &&
         (path[base_len] == '\0' || path[base_len] == '/');
}

/* ------------------------------------------------------------------------ */
/* Layer 1: one request with retries                                        */

typedef struct
{
  char        *method;
  char        *path;          /* relative to the base URL, may hold a query */
  GBytes      *body;          /* nullable */
  gboolean     authorized;    /* add the Authorization header */
  gboolean     idempotent;    /* safe to repeat after a broken connection */
  guint        attempt;
  SoupMessage *msg;
  GInputStream *stream;
  GByteArray  *received;
  GSource     *wait_source;
  gulong       cancelled_id;
} SendData;

typedef struct
{
  guint                status;
  GBytes              *body;
  SoupMessageHeaders  *headers;
  guint                retry_after_s;   /* what the server asked for, 0 if nothing */
} Response;

static void
send_data_free (SendData *data)
{
  g_assert (data->wait_source == NULL);
  g_clear_pointer (&data->method, g_free);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->received, g_byte_array_unref);
  g_clear_object (&data->msg);
  g_free (data);
}

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* 429 and 503 mean the request was not handled: always safe to repeat.
 * Another 5xx may come after the work was done (a report created), so a
 * request that is not idempotent is not repeated then. */
static gboolean
is_retryable_status (SendData *data,
                     guint     status)
{
  if (status == HTTP_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    return TRUE;

  return data->idempotent &&
         status >= 500 && status <= 599 && status != SOUP_STATUS_NOT_IMPLEMENTED;
}

/* Failures before the request could reach the server. */
static gboolean
is_connect_error (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED);
}

static gboolean
is_tls_error (const GError *error)
{
  return error->domain == G_TLS_ERROR;
}

static guint
backoff_delay_ms (OsaiClient *self,
                  guint       attempt)
{
  guint64 delay = self->base_delay_ms;

  for (guint i = 0; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->max_delay_ms);

  /* "Equal jitter": half fixed, half random, so clients spread out. */
  return (guint) (delay / 2 + g_random_int_range (0, (gint32) (delay / 2) + 1));
}

gboolean
_osai_client_retry_delay (OsaiClient *self,
                          guint       attempt,
                          guint       retry_after_s,
                          guint      *delay_ms)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (delay_ms != NULL, FALSE);

  if (attempt >= self->max_retries || retry_after_s > MAX_RETRY_AFTER_S)
    return FALSE;

  /* Never earlier than asked; a little jitter on top. */
  if (retry_after_s > 0)
    *delay_ms = retry_after_s * 1000 + (guint) g_random_int_range (0, 250);
  else
    *delay_ms = backoff_delay_ms (self, attempt);

  return TRUE;
}

static void send_attempt (GTask *task);

static gboolean
send_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_clear_pointer (&data->wait_source, g_source_unref);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, data->cancelled_id);
  data->cancelled_id = 0;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  send_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
send_wait_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  if (data->wait_source == NULL)
    return G_SOURCE_REMOVE;  /* the wait ended first */

  g_source_destroy (data->wait_source);
  g_clear_pointer (&data->wait_source, g_source_unref);
  g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);  /* the wait's reference */
  return G_SOURCE_REMOVE;
}

static void
send_wait_cancelled_cb (GCancellable *cancellable,
                        GTask        *task)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* Finish outside the emission (disconnecting inside it would deadlock)
   * and in the task's context (the emission may come from another thread). */
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, send_wait_cancelled_idle_cb, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

/* Wait @delay_ms, then try again; the task's reference moves to the wait. */
static void
send_retry_later (GTask *task,
                  guint  delay_ms)
{
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_debug ("Retrying %s %s in %u ms (attempt %u)",
           data->method, data->authorized ? data->path : "(sign-in)",
           delay_ms, data->attempt + 1);

  data->attempt++;
  data->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_static_name (data->wait_source, "[osai-client] retry");
  g_source_set_callback (data->wait_source, send_wait_done_cb, task, NULL);
  g_source_attach (data->wait_source, g_task_get_context (task));

  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable,
                                                G_CALLBACK (send_wait_cancelled_cb),
                                                task, NULL);
}

static void
send_transport_failed (GTask  *task,
                       GError *error)
{
  OsaiClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&owned));
      g_object_unref (task);
      return;
    }

  /* Nothing accepts a bad certificate (no accept-certificate handler, the
   * system's trust store): the request fails, and is never repeated. */
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
      soup_message_get_tls_peer_certificate_errors (data->msg) != 0)
    {
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_TLS,
                               _("The connection to %s is not secure: the server’s certificate "
                                 "is not trusted, so the connection was stopped."),
                               g_uri_get_host (self->base_uri));
      g_object_unref (task);
      return;
    }

  if (is_tls_error (error))
    {
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_TLS,
                               _("The connection to %s is not secure: %s"),
                               g_uri_get_host (self->base_uri), error->message);
      g_object_unref (task);
      return;
    }

  if (data->attempt < self->max_retries && (data->idempotent || is_connect_error (error)))
    {
      send_retry_later (task, backoff_delay_ms (self, data->attempt));
      return;
    }

  /* Translators: the second %s says why, "nothing answers at that address and port". */
  g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_NETWORK,
                           _("Could not connect to %s: %s."),
                           g_uri_get_host (self->base_uri), osai_error_network_reason (error));
  g_object_unref (task);
}

/* The whole answer is in: retry, or hand it to the layer above. */
static void
send_complete (GTask *task)
{
  OsaiClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  guint status = soup_message_get_status (data->msg);
  g_autoptr(Response) response = g_new0 (Response, 1);
  const char *retry_after;

  retry_after = soup_message_headers_get_one (headers, "Retry-After");
  if (retry_after != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!osai_time_parse_retry_after (retry_after, now, &response->retry_after_s))
        response->retry_after_s = 0;
    }

  /* A Retry-After too long to wait for ends the call: the user is told. */
  if (is_retryable_status (data, status) && data->attempt < self->max_retries &&
      response->retry_after_s <= MAX_RETRY_AFTER_S)
    {
      guint delay_ms = backoff_delay_ms (self, data->attempt);

      /* Never earlier than asked; a little jitter on top. */
      if (retry_after != NULL && response->retry_after_s > 0)
        delay_ms = response->retry_after_s * 1000 + (guint) g_random_int_range (0, 250);

      send_retry_later (task, delay_ms);
      return;
    }

  response->status = status;
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->received));
  response->headers = soup_message_headers_ref (headers);
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) response_free);
  g_object_unref (task);
}

static void
send_body_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_clear_object (&data->stream);
      send_transport_failed (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_clear_object (&data->stream);
      send_complete (task);
      return;
    }

  /* API answers are small: a huge one is refused before it fills memory. */
  if (data->received->len + g_bytes_get_size (chunk) > MAX_API_BODY)
    {
      g_clear_object (&data->stream);
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                               _("The server’s answer is too large."));
      g_object_unref (task);
      return;
    }

  g_byte_array_append (data->received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (data->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), send_body_cb, task);
}

static void
send_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      send_transport_failed (task, error);
      return;
    }

  g_clear_pointer (&data->received, g_byte_array_unref);
  data->received = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), send_body_cb, task);
}

static void
send_attempt (GTask *task)
{
  OsaiClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;

  url = g_strconcat (self->base_url, data->path, NULL);
  g_clear_object (&data->msg);
  data->msg = soup_message_new (data->method, url);
  if (data->msg == NULL)
    {
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_INVALID_URL,
                               _("“%s” is not a web address."), self->base_url);
      g_object_unref (task);
      return;
    }

  /* A redirect is an error for the API: it could carry the token elsewhere. */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept", "application/json, text/plain");

  if (data->authorized && self->authorization != NULL &&
      osai_client_is_api_uri (self, soup_message_get_uri (data->msg)))
    soup_message_headers_replace (headers, "Authorization", self->authorization);

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->msg, "application/json", data->body);

  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_sent_cb, task);
}

static void
send_async (OsaiClient          *self,
            const char          *method,
            const char          *path,
            GBytes              *body,
            gboolean             authorized,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task;
  SendData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, send_async);

  data = g_new0 (SendData, 1);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->body = body ? g_bytes_ref (body) : NULL;
  data->authorized = authorized;
  /* Signing in may be repeated; creating a report may not. */
  data->idempotent = !authorized || g_strcmp0 (method, SOUP_METHOD_POST) != 0;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  send_attempt (task);
}

static Response *
send_finish (OsaiClient    *self,
             GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Errors from statuses                                                     */

/* The first message of an ASP.NET problem+json body, if there is one. */
static char *
problem_detail (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root_node;
  JsonObject *root;
  JsonNode *errors;
  JsonNode *title;

  /* json-glib only gets one well-formed document (osai_json_check_bytes ()):
   * not an empty one, nor one of only whitespace, which has no root. */
  if (body == NULL ||
      !osai_json_check_bytes (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL) ||
      (root_node = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root_node))
    return NULL;

  root = json_node_get_object (root_node);

  /* Only members of the documented types are read: json-glib's typed
   * getters emit a critical for a missing member or another type. */
  errors = json_object_get_member (root, "errors");
  if (errors != NULL && JSON_NODE_HOLDS_OBJECT (errors))
    {
      JsonObject *fields = json_node_get_object (errors);
      g_autoptr(GList) members = json_object_get_members (fields);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (fields, l->data);

          if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
            {
              JsonNode *first = json_array_get_element (json_node_get_array (node), 0);

              if (json_node_get_value_type (first) == G_TYPE_STRING)
                return g_strdup (json_node_get_string (first));
            }
        }
    }

  title = json_object_get_member (root, "title");
  if (title != NULL && JSON_NODE_HOLDS_VALUE (title) &&
      json_node_get_value_type (title) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (title));

  return NULL;
}

static GError *
error_for_response (OsaiClient *self,
                    Response   *response)
{
  guint status = response->status;

  if ((status == HTTP_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE) &&
      response->retry_after_s > MAX_RETRY_AFTER_S)
    {
      guint minutes = (response->retry_after_s + 59) / 60;

      return g_error_new (OSAI_ERROR, OSAI_ERROR_RATE_LIMITED,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The server is busy and asks to wait %u minute.",
                                       "The server is busy and asks to wait %u minutes.",
                                       minutes),
                          minutes);
    }

  if (SOUP_STATUS_IS_REDIRECTION (status))
    return g_error_new (OSAI_ERROR, OSAI_ERROR_REDIRECTED,
                        _("The server answered with a redirect (HTTP %u)."), status);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (OSAI_ERROR, OSAI_ERROR_NOT_AUTHORIZED,
                          _("The server did not accept the sign-in (HTTP %u)."), status);
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new_literal (OSAI_ERROR, OSAI_ERROR_NOT_FOUND,
                                  _("The server does not know this report."));
    case SOUP_STATUS_BAD_REQUEST:
      {
        g_autofree char *detail = problem_detail (response->body);

        if (detail != NULL)
          return g_error_new (OSAI_ERROR, OSAI_ERROR_BAD_REQUEST,
                              _("The server refused the request: %s"), detail);
        return g_error_new_literal (OSAI_ERROR, OSAI_ERROR_BAD_REQUEST,
                                    _("The server refused the request."));
      }
    case HTTP_TOO_MANY_REQUESTS:
      return g_error_new_literal (OSAI_ERROR, OSAI_ERROR_RATE_LIMITED,
                                  _("Too many requests were sent to the server."));
    default:
      break;
    }

  if (status >= 500)
    return g_error_new (OSAI_ERROR, OSAI_ERROR_SERVER,
                        _("The server had a problem (HTTP %u)."), status);

  return g_error_new (OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                      _("The server gave an unexpected answer (HTTP %u)."), status);
}

/* ------------------------------------------------------------------------ */
/* Layer 2: sign-in                                                         */

static void
osai_client_set_authorization (OsaiClient     *self,
                               char           *authorization,
                               OsaiSignInForm  form)
{
  gboolean was_signed_in = self->authorization != NULL;

  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  self->authorization = authorization;

  if (form != OSAI_SIGN_IN_FORM_UNKNOWN && form != self->sign_in_form)
    {
      self->sign_in_form = form;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_IN_FORM]);
    }

  if (was_signed_in != (authorization != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

/* The body is the token as text; accept a JSON string too. */
static char *
token_from_body (GBytes *body)
{
  g_autofree char *text = NULL;
  gsize len;
  const char *data;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &len);
  if (len == 0 || len > 64 * 1024 || !g_utf8_validate (data, len, NULL))
    return NULL;

  text = g_strstrip (g_strndup (data, len));

  if (text[0] == '"')
    {
      g_autoptr(JsonNode) node = NULL;

      /* One JSON string and nothing after it: json-glib would read on. */
      if (osai_json_check_bytes ((const guint8 *) text, strlen (text), NULL))
        node = json_from_string (text, NULL);
      if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
      g_free (text);
      text = g_strstrip (g_strdup (json_node_get_string (node)));
    }

  /* A token is one printable word: anything else would corrupt the header. */
  if (*text == '\0')
    return NULL;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isgraph (*p))
      return NULL;

  return g_steal_pointer (&text);
}

static void sign_in_get (GTask *task);

static void
sign_in_response_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  OsaiClient *self = OSAI_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  OsaiSignInForm form = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(Response) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  response = send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((response->status == SOUP_STATUS_NOT_FOUND ||
       response->status == SOUP_STATUS_METHOD_NOT_ALLOWED) &&
      form == OSAI_SIGN_IN_FORM_POST)
    {
      g_debug ("POST sign-in not available (HTTP %u), trying the older GET form",
               response->status);
      sign_in_get (g_steal_pointer (&task));
      return;
    }

  if (response->status == SOUP_STATUS_UNAUTHORIZED ||
      response->status == SOUP_STATUS_BAD_REQUEST ||
      response->status == SOUP_STATUS_FORBIDDEN)
    {
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN,
                               _("The access token was not accepted. It may be mistyped, "
                                 "expired or deleted."));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_task_return_error (task, error_for_response (self, response));
      return;
    }

  token = token_from_body (response->body);
  if (token == NULL)
    {
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                               _("The server’s answer to the sign-in holds no token."));
      return;
    }

  if (form == OSAI_SIGN_IN_FORM_POST)
    osai_client_set_authorization (self, g_strconcat ("Bearer ", token, NULL), form);
  else
    osai_client_set_authorization (self, g_steal_pointer (&token), form);
  if (token != NULL)
    memset (token, 0, strlen (token));

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_post (GTask *task)
{
  OsaiClient *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GBytes) body = NULL;
  char *text;

  json_node_set_string (node, self->access_token);
  text = osai_json_to_string (node, FALSE);
  body = g_bytes_new_with_free_func (text, strlen (text), (GDestroyNotify) g_free, text);

  g_task_set_task_data (task, GINT_TO_POINTER (OSAI_SIGN_IN_FORM_POST), NULL);
  send_async (self, "POST", "/Users/SignIn", body, FALSE,
              g_task_get_cancellable (task), sign_in_response_cb, task);
}

static void
sign_in_get (GTask *task)
{
  OsaiClient *self = g_task_get_source_object (task);
  g_autofree char *escaped = g_uri_escape_string (self->access_token, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/Users/SignIn?token=", escaped, NULL);

  g_task_set_task_data (task, GINT_TO_POINTER (OSAI_SIGN_IN_FORM_GET), NULL);
  send_async (self, "GET", path, NULL, FALSE,
              g_task_get_cancellable (task), sign_in_response_cb, task);
}

/**
 * osai_client_sign_in_async:
 *
 * Exchanges the access token for an authorization token, in the form that
 * worked last time, or the documented POST form first.
 */
void
osai_client_sign_in_async (OsaiClient          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OSAI_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_client_sign_in_async);

  if (self->access_token == NULL)
    {
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN,
                               _("No access token was given."));
      return;
    }

  osai_client_set_authorization (self, NULL, OSAI_SIGN_IN_FORM_UNKNOWN);

  if (self->sign_in_form == OSAI_SIGN_IN_FORM_GET)
    sign_in_get (g_steal_pointer (&task));
  else
    sign_in_post (g_steal_pointer (&task));
}

gboolean
osai_client_sign_in_finish (OsaiClient    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Layer 3: authorized calls                                                */

/* Turns a successful answer's body into the call's result. */
typedef gpointer (*CallParseFunc) (GBytes  *body,
                                   GError **error);

typedef struct
{
  char           *method;
  char           *path;
  GBytes         *body;
  CallParseFunc   parse;
  GDestroyNotify  free_result;
  gboolean        signed_in_again;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->method);
  g_free (data->path);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data);
}

static void call_send (GTask *task);

static void
call_sign_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_client_sign_in_finish (OSAI_CLIENT (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  call_send (g_steal_pointer (&task));
}

static void
call_response_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OsaiClient *self = OSAI_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(Response) response = NULL;
  g_autoptr(GError) error = NULL;
  gpointer parsed;

  response = send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An expired authorization token: sign in again, once, and repeat. */
  if (response->status == SOUP_STATUS_UNAUTHORIZED && !data->signed_in_again &&
      self->access_token != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_debug ("%s %s: 401, signing in again", data->method, data->path);
      data->signed_in_again = TRUE;
      osai_client_sign_in_async (self, cancellable, call_sign_in_cb, g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_task_return_error (task, error_for_response (self, response));
      return;
    }

  parsed = data->parse (response->body, &error);
  if (parsed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, parsed, data->free_result);
}

static void
call_send (GTask *task)
{
  OsaiClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  if (self->authorization == NULL)
    {
      data->signed_in_again = TRUE;
      osai_client_sign_in_async (self, g_task_get_cancellable (task), call_sign_in_cb, task);
      return;
    }

  send_async (self, data->method, data->path, data->body, TRUE,
              g_task_get_cancellable (task), call_response_cb, task);
}

/* One authorized API call whose task ends with what @parse makes of the
 * answer; the public _finish functions propagate that pointer. */
static void
call_async (OsaiClient          *self,
            const char          *method,
            const char          *path,
            JsonNode            *json_body,
            CallParseFunc        parse,
            GDestroyNotify       free_result,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task;
  CallData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (CallData, 1);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->parse = parse;
  data->free_result = free_result;
  if (json_body != NULL)
    {
      char *text = osai_json_to_string (json_body, FALSE);

      data->body = g_bytes_new_take (text, strlen (text));
    }
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (self->access_token == NULL && self->authorization == NULL)
    {
      g_task_return_new_error (task, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN,
                               _("No access token was given."));
      g_object_unref (task);
      return;
    }

  call_send (task);
}

static gpointer
parse_report (GBytes  *body,
              GError **error)
{
  return osai_report_new_from_bytes (body, error);
}

static gpointer
parse_user (GBytes  *body,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  /* json-glib only gets one well-formed document (osai_json_check_bytes ()):
   * not an empty one, whose data is NULL, nor one of only whitespace, which
   * has no root.  Either is a critical in json-glib. */
  if (!osai_json_check_bytes (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                           _("The server’s answer about the user is not valid JSON."));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * osai_client_get_user_async:
 *
 * Fetches `GET /Users`, the documented way to check a connection.
 */
void
osai_client_get_user_async (OsaiClient          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (OSAI_IS_CLIENT (self));

  call_async (self, "GET", "/Users", NULL, parse_user, (GDestroyNotify) json_node_unref,
              osai_client_get_user_async, cancellable, callback, user_data);
}

/**
 * osai_client_get_user_finish:
 *
 * Returns: (transfer full): the user as a JSON object node
 */
JsonNode *
osai_client_get_user_finish (OsaiClient    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
osai_client_create_report_async (OsaiClient          *self,
                                 OsaiReportRequest   *request,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OSAI_IS_CLIENT (self));
  g_return_if_fail (OSAI_IS_REPORT_REQUEST (request));

  if (!osai_report_request_validate (request, &error))
    {
      g_task_report_error (self, callback, user_data, osai_client_create_report_async,
                           g_steal_pointer (&error));
      return;
    }

  body = osai_report_request_to_json (request);
  call_async (self, "POST", "/Reports", body, parse_report, g_object_unref,
              osai_client_create_report_async, cancellable, callback, user_data);
}

/**
 * osai_client_create_report_finish:
 *
 * Returns: (transfer full): the new report, usually still in progress
 */
OsaiReport *
osai_client_create_report_finish (OsaiClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
osai_client_get_report_async (OsaiClient          *self,
                              gint64               report_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OSAI_IS_CLIENT (self));

  path = g_strdup_printf ("/Reports/%" G_GINT64_FORMAT, report_id);
  call_async (self, "GET", path, NULL, parse_report, g_object_unref,
              osai_client_get_report_async, cancellable, callback, user_data);
}

/**
 * osai_client_get_report_finish:
 *
 * Returns: (transfer full): the report as it stands now
 */
OsaiReport *
osai_client_get_report_finish (OsaiClient    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
osai_client_constructed (GObject *object)
{
  OsaiClient *self = OSAI_CLIENT (object);
  g_autofree char *user_agent = NULL;

  G_OBJECT_CLASS (osai_client_parent_class)->constructed (object);

  if (self->base_uri == NULL)
    g_critical ("OsaiClient needs a valid base-url; use osai_client_new()");

  if (self->session == NULL)
    {
      user_agent = g_strdup_printf ("osai-reports/%s ", PACKAGE_VERSION);
      /* :timeout is an inactivity timeout; the job keeps its own deadline. */
      self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                     "timeout", 60,
                                                     "idle-timeout", 60,
                                                     NULL);

      /* A server on this computer is never reached through a proxy (every
       * proxy configuration ignores loopback); skipping the lookup also
       * spares loading the proxy modules. */
      if (self->base_uri != NULL && host_is_loopback (g_uri_get_host (self->base_uri)))
        soup_session_set_proxy_resolver (self->session, NULL);
    }
}

static void
osai_client_finalize (GObject *object)
{
  OsaiClient *self = OSAI_CLIENT (object);

  osai_client_set_access_token (self, NULL);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (osai_client_parent_class)->finalize (object);
}

static void
osai_client_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OsaiClient *self = OSAI_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_ALLOW_INSECURE:
      g_value_set_boolean (value, self->allow_insecure);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->authorization != NULL);
      break;
    case PROP_SIGN_IN_FORM:
      g_value_set_enum (value, self->sign_in_form);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_client_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OsaiClient *self = OSAI_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len;

        /* osai_client_new() checks the URL; g_object_new() must too. */
        g_return_if_fail (url != NULL);
        len = strlen (url);

        /* One spelling: no trailing slash, so paths append cleanly. */
        while (len > 0 && url[len - 1] == '/')
          len--;
        self->base_url = g_strndup (url, len);
        self->base_uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
      }
      break;
    case PROP_ALLOW_INSECURE:
      self->allow_insecure = g_value_get_boolean (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_client_class_init (OsaiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = osai_client_constructed;
  object_class->finalize = osai_client_finalize;
  object_class->get_property = osai_client_get_property;
  object_class->set_property = osai_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOW_INSECURE] =
    g_param_spec_boolean ("allow-insecure", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGN_IN_FORM] =
    g_param_spec_enum ("sign-in-form", NULL, NULL,
                       OSAI_TYPE_SIGN_IN_FORM, OSAI_SIGN_IN_FORM_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_client_init (OsaiClient *self)
{
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
}

/**
 * osai_client_new:
 * @base_url: the API base URL, e.g. %OSAI_BASE_URL_EU
 * @allow_insecure: accept plain http:// to hosts other than loopback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new client, or %NULL when
 *   @base_url cannot be used
 */
OsaiClient *
osai_client_new (const char  *base_url,
                 gboolean     allow_insecure,
                 GError     **error)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  if (!osai_client_check_base_url (base_url, allow_insecure, error))
    return NULL;

  return g_object_new (OSAI_TYPE_CLIENT,
                       "base-url", base_url,
                       "allow-insecure", allow_insecure,
                       NULL);
}

const char *
osai_client_get_base_url (OsaiClient *self)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * osai_client_get_session:
 *
 * Returns: (transfer none): the one #SoupSession every request goes through
 */
SoupSession *
osai_client_get_session (OsaiClient *self)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (self), NULL);

  return self->session;
}

gboolean
osai_client_get_allow_insecure (OsaiClient *self)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (self), FALSE);

  return self->allow_insecure;
}

/**
 * osai_client_set_access_token:
 * @self: a #OsaiClient
 * @access_token: (nullable): the access token from the OSAI web app
 *
 * Sets the token to sign in with.  Changing it forgets the current sign-in.
 */
void
osai_client_set_access_token (OsaiClient *self,
                              const char *access_token)
{
  g_return_if_fail (OSAI_IS_CLIENT (self));

  if (g_strcmp0 (access_token, self->access_token) == 0)
    return;

  if (self->access_token != NULL)
    memset (self->access_token, 0, strlen (self->access_token));
  g_free (self->access_token);
  self->access_token = (access_token && *access_token) ? g_strstrip (g_strdup (access_token)) : NULL;

  osai_client_set_authorization (self, NULL, OSAI_SIGN_IN_FORM_UNKNOWN);
}

gboolean
osai_client_has_access_token (OsaiClient *self)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (self), FALSE);

  return self->access_token != NULL;
}

gboolean
osai_client_is_signed_in (OsaiClient *self)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (self), FALSE);

  return self->authorization != NULL;
}

OsaiSignInForm
osai_client_get_sign_in_form (OsaiClient *self)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (self), OSAI_SIGN_IN_FORM_UNKNOWN);

  return self->sign_in_form;
}

/**
 * osai_client_set_retry_policy:
 * @self: a #OsaiClient
 * @max_retries: how many times a failed request is repeated
 * @base_delay_ms: the first backoff delay, doubled on each retry
 * @max_delay_ms: the longest backoff delay
 *
 * A Retry-After from the server always wins over the backoff delay.
 */
void
osai_client_set_retry_policy (OsaiClient *self,
                              guint       max_retries,
                              guint       base_delay_ms,
                              guint       max_delay_ms)
{
  g_return_if_fail (OSAI_IS_CLIENT (self));

  self->max_retries = max_retries;
  self->base_delay_ms = MAX (base_delay_ms, 1);
  self->max_delay_ms = MAX (max_delay_ms, self->base_delay_ms);
}

/* ------------------------------------------------------------------------ */
/* osai-client-private.h: the parsers above, for the fuzz targets           */

char *
_osai_client_parse_sign_in (GBytes *body)
{
  return token_from_body (body);
}

JsonNode *
_osai_client_parse_user (GBytes  *body,
                         GError **error)
{
  g_return_val_if_fail (body != NULL, NULL);

  return parse_user (body, error);
}

GError *
_osai_client_error_for_response (guint   status,
                                 GBytes *body,
                                 guint   retry_after_s)
{
  Response response = { .status = status, .body = body, .retry_after_s = retry_after_s };

  return error_for_response (NULL, &response);
}
