/* osai-sim-server.c — an in-process simulator of the OSAI API and its S3 store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speaks what /work/shared/osai-api.md documents, and what an ASP.NET Core service behind it
 * answers where the docs are silent (415 for text/plain bodies, problem+json errors,
 * System.Text.Json number and date spellings).  It never includes the client's code, so the
 * two cannot share a bug.
 */
#define G_LOG_DOMAIN "osai-sim-server"

#include "osai-sim-server.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "osai-sim-detail.h"
#include "osai-sim-s3.h"

#define MAX_SESSIONS          1024
#define MAX_TOKEN_LIFETIME    (10.0 * 365 * 24 * 3600)
#define MAX_REQUEST_RECORDS   8192
/* Kestrel's default is 30 MB; no API body here needs more than a few. */
#define MAX_REQUEST_BODY      (1024 * 1024)

#define FIRST_REPORT_ID 16718
#define S3_BUCKET "d4ae333b-1fa3-499a-bdb1-d941eaa7c37e"
#define S3_ACCESS_KEY "YXBw"
#define S3_SECRET_KEY "osai-simulator-secret-key"
#define JWT_SECRET "osai-simulator-jwt-secret"

G_DEFINE_ENUM_TYPE (OsaiSimSignInMode, osai_sim_sign_in_mode,
                    G_DEFINE_ENUM_VALUE (OSAI_SIM_SIGN_IN_BOTH, "both"),
                    G_DEFINE_ENUM_VALUE (OSAI_SIM_SIGN_IN_POST, "post"),
                    G_DEFINE_ENUM_VALUE (OSAI_SIM_SIGN_IN_GET, "get"))

G_DEFINE_ENUM_TYPE (OsaiSimTruncate, osai_sim_truncate,
                    G_DEFINE_ENUM_VALUE (OSAI_SIM_TRUNCATE_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (OSAI_SIM_TRUNCATE_CLOSE, "close"),
                    G_DEFINE_ENUM_VALUE (OSAI_SIM_TRUNCATE_CHUNKED, "chunked"))

typedef enum
{
  INCLUDE_DATASETS,
  INCLUDE_MANIPULATIONS,
  INCLUDE_MODELS,
  INCLUDE_RENTED_DEVICES,
  INCLUDE_PREDICTIONS,
  N_INCLUDES
} Include;

static const char * const include_names[N_INCLUDES] = {
  "includeDatasets", "includeManipulations", "includeModels", "includeRentedDevices",
  "includePredictions",
};

typedef struct
{
  guint      id;
  GDateTime *from;
  GDateTime *to;
  gboolean   include[N_INCLUDES];
  GDateTime *created;
  guint      created_tick;   /* the 7th fractional digit, which the database drops */
  gint64     created_mono;
  char      *uuid;
  guint64    seed;
} SimReport;

typedef struct
{
  gint64   issued;           /* real time, µs */
  gboolean bearer;
  gboolean expired;
} SimSession;

typedef struct
{
  OsaiSimServer     *self;
  SoupServerMessage *msg;
  GSource           *source;
} SlowReply;

typedef struct
{
  GWeakRef       server;
  GIOStream     *stream;
  OsaiSimDetail *detail;
  GCancellable  *cancellable;
  char          *headers;
  guint64        remaining;
  gboolean       chunked;
  GBytes        *current;
  char           chunk_header[24];
  GOutputVector  vectors[3];
} TruncWriter;

/* The detailed report as libsoup writes it, one block at a time. */
typedef struct
{
  GWeakRef       server;
  OsaiSimDetail *detail;
  guint64        sent;       /* bytes handed to libsoup */
  guint64        hold_at;    /* 0: not held (any more) */
  guint64        skip;       /* bytes before a Range's start, still to drop */
  GBytes        *rest;       /* what follows the hold point in its block */
} DetailBody;

struct _OsaiSimServer
{
  GObject            parent_instance;

  SoupServer        *server;
  GMainContext      *context;
  char              *base_url;
  char              *origin;
  guint              port;

  char              *access_token;
  double             report_delay;
  gboolean           fail_report;
  gboolean           unknown_status;
  gboolean           malformed_json;
  double             token_lifetime;
  guint              url_lifetime;
  OsaiSimSignInMode  sign_in;
  guint              flaky;
  guint              rate_limit;
  gboolean           retry_after_date;
  guint              retry_after;
  guint              slow_ms;
  guint64            detail_size;
  OsaiSimTruncate    truncate;
  guint64            hold_detail_at;
  guint              storage_busy;     /* detail GETs still to answer 503 SlowDown */
  guint              storage_resets;   /* detail GETs still to cut halfway */
  gboolean           ignore_range;     /* serve the whole report whatever Range asks */
  gboolean           storage_denied;   /* answer every detail GET "403 Access Denied" */
  GTlsCertificate   *tls_certificate;
  gint               clock_skew;     /* seconds the storage's clock is ahead */

  gboolean           revoked;
  GHashTable        *sessions;
  GHashTable        *reports;
  GHashTable        *objects;
  guint              next_id;
  guint64            api_calls;
  guint64            n_traces;
  guint              n_sessions;
  GPtrArray         *requests;
  GPtrArray         *slow_replies;
  GPtrArray         *writers;
  GPtrArray         *held;           /* SoupServerMessages waiting for release_detail () */
};

G_DEFINE_FINAL_TYPE (OsaiSimServer, osai_sim_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCESS_TOKEN,
  PROP_REPORT_DELAY,
  PROP_FAIL_REPORT,
  PROP_UNKNOWN_STATUS,
  PROP_MALFORMED_JSON,
  PROP_TOKEN_LIFETIME,
  PROP_URL_LIFETIME,
  PROP_SIGN_IN,
  PROP_FLAKY,
  PROP_RATE_LIMIT,
  PROP_RETRY_AFTER_DATE,
  PROP_RETRY_AFTER,
  PROP_SLOW_MS,
  PROP_DETAIL_SIZE,
  PROP_TRUNCATE,
  PROP_HOLD_DETAIL_AT,
  PROP_STORAGE_BUSY,
  PROP_STORAGE_RESETS,
  PROP_IGNORE_RANGE,
  PROP_STORAGE_DENIED,
  PROP_TLS_CERTIFICATE,
  PROP_CLOCK_SKEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DETAIL_HELD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sim_report_free (SimReport *report)
{
  g_clear_pointer (&report->from, g_date_time_unref);
  g_clear_pointer (&report->to, g_date_time_unref);
  g_clear_pointer (&report->created, g_date_time_unref);
  g_free (report->uuid);
  g_free (report);
}

static void
request_record_free (OsaiSimRequestRecord *record)
{
  g_free (record->method);
  g_free (record->path);
  g_free (record->query);
  g_free (record->authorization);
  g_free (record->host);
  g_free (record->headers);
  g_free (record);
}

static void
slow_reply_free (SlowReply *slow)
{
  g_source_destroy (slow->source);
  g_source_unref (slow->source);
  g_clear_object (&slow->msg);
  g_free (slow);
}

static void
trunc_writer_free (TruncWriter *writer)
{
  g_weak_ref_clear (&writer->server);
  g_clear_object (&writer->stream);
  g_clear_object (&writer->detail);
  g_clear_object (&writer->cancellable);
  g_clear_pointer (&writer->current, g_bytes_unref);
  g_free (writer->headers);
  g_free (writer);
}

static void
detail_body_free (DetailBody *body)
{
  g_weak_ref_clear (&body->server);
  g_clear_object (&body->detail);
  g_clear_pointer (&body->rest, g_bytes_unref);
  g_free (body);
}

/* ---- Formatting like System.Text.Json -------------------------------------------------------- */

/* Shortest round-trip digits; exponent form with a capital E from 1e15 on, as .NET does. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  const char *e;
  int precision;
  int exponent;

  for (precision = 1; precision < 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_snprintf (format, sizeof format, "%%.%de", precision - 1);
  g_ascii_formatd (buf, sizeof buf, format, value);
  e = strchr (buf, 'e');
  g_assert (e != NULL);
  exponent = atoi (e + 1);

  if (exponent >= 15 || exponent < -5)
    {
      g_string_append_len (out, buf, e - buf);
      g_string_append_printf (out, "E%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else
    {
      g_snprintf (format, sizeof format, "%%.%df", MAX (0, precision - 1 - exponent));
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
    }
}

/* ISO 8601 in UTC with up to 7 fractional digits, trailing zeros (and a zero fraction) dropped
 * when @trim. */
static char *
format_time (GDateTime *time,
             guint      tick,
             gboolean   trim)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *whole = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  guint fraction = (guint) g_date_time_get_microsecond (utc) * 10 + tick;
  char digits[8];
  int len = 7;

  if (fraction == 0 && trim)
    return g_strconcat (whole, "Z", NULL);

  g_snprintf (digits, sizeof digits, "%07u", fraction);
  while (trim && len > 1 && digits[len - 1] == '0')
    len--;
  digits[len] = '\0';

  return g_strdup_printf ("%s.%sZ", whole, digits);
}

static char *
base64url (const guchar *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

/* ---- Responses ------------------------------------------------------------------------------- */

static void
reply_take (SoupServerMessage *msg,
            guint              status,
            const char        *content_type,
            char              *body)
{
  /* libsoup 3.2 knows no phrase for 429. */
  soup_server_message_set_status (msg, status, status == 429 ? "Too Many Requests" : NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static char *
next_trace_id (OsaiSimServer *self)
{
  guint64 n = ++self->n_traces;

  return g_strdup_printf ("00-%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x-%016"
                          G_GINT64_MODIFIER "x-00",
                          (guint64) G_GUINT64_CONSTANT (0x05a1d5e1a1),
                          n * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15), n);
}

/* An ASP.NET ProblemDetails answer; @field/@message fill "errors" when given. */
static void
reply_problem (OsaiSimServer     *self,
               SoupServerMessage *msg,
               guint              status,
               const char        *section,
               const char        *title,
               const char        *field,
               const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *type = g_strdup_printf ("https://tools.ietf.org/html/rfc9110#section-%s",
                                           section);
  g_autofree char *trace = next_trace_id (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, field);
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, message);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "traceId");
  json_builder_add_string_value (builder, trace);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  reply_take (msg, status, "application/problem+json",
              json_generator_to_data (generator, NULL));
}

static void
reply_validation (OsaiSimServer     *self,
                  SoupServerMessage *msg,
                  const char        *field,
                  const char        *message)
{
  reply_problem (self, msg, SOUP_STATUS_BAD_REQUEST, "15.5.1",
                 "One or more validation errors occurred.", field, message);
}

static void
reply_s3_error (SoupServerMessage *msg,
                guint              status,
                const char        *code,
                const char        *message,
                const char        *resource)
{
  reply_take (msg, status, "application/xml", osai_sim_s3_error_xml (code, message, resource));
}

/* The storage's clock, in unix seconds: it signs links and checks their Expires=.  A skew
 * stands for a client whose own clock is wrong. */
static gint64
storage_now (OsaiSimServer *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_skew;
}

static void
set_retry_after (OsaiSimServer     *self,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (self->retry_after_date)
    {
      /* HTTP dates have whole seconds: two seconds ahead is at least one second away. */
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, self->retry_after + 1);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (headers, "Retry-After", date);
    }
  else
    {
      g_autofree char *seconds = g_strdup_printf ("%u", self->retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
}

/* ---- Sign-in and sessions -------------------------------------------------------------------- */

static char *
issue_token (OsaiSimServer *self,
             gboolean       bearer)
{
  g_autoptr(GHmac) hmac = NULL;
  static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  gint64 now = g_get_real_time ();
  gint64 iat = now / G_USEC_PER_SEC;
  gint64 exp = iat + (gint64) ceil (self->token_lifetime);
  g_autofree char *payload = NULL;
  g_autofree char *header64 = NULL;
  g_autofree char *payload64 = NULL;
  g_autofree char *signed_part = NULL;
  g_autofree char *signature64 = NULL;
  SimSession *session;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  char *token;

  self->n_sessions++;
  payload = g_strdup_printf ("{\"nameid\":\"1\",\"email\":\"demo@example.com\",\"jti\":\"%u\","
                             "\"nbf\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT ","
                             "\"iat\":%" G_GINT64_FORMAT ",\"iss\":\"osai-simulator\"}",
                             self->n_sessions, iat, exp, iat);
  header64 = base64url ((const guchar *) header, strlen (header));
  payload64 = base64url ((const guchar *) payload, strlen (payload));
  signed_part = g_strconcat (header64, ".", payload64, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) JWT_SECRET, strlen (JWT_SECRET));
  g_hmac_update (hmac, (const guchar *) signed_part, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);
  signature64 = base64url (digest, digest_len);

  token = g_strconcat (signed_part, ".", signature64, NULL);

  /* A long-running simulator forgets sessions that expired long ago. */
  if (g_hash_table_size (self->sessions) >= MAX_SESSIONS)
    {
      GHashTableIter iter;
      SimSession *old;

      g_hash_table_iter_init (&iter, self->sessions);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &old))
        if (old->expired || (now - old->issued) / (double) G_USEC_PER_SEC > self->token_lifetime)
          g_hash_table_iter_remove (&iter);
    }

  session = g_new0 (SimSession, 1);
  session->issued = now;
  session->bearer = bearer;
  g_hash_table_insert (self->sessions, g_strdup (token), session);

  return token;
}

/* json-glib 1.6 parses recursively without a limit: a body of nested
 * brackets would overflow the stack.  Refuse what System.Text.Json refuses
 * (MaxDepth 64) before parsing. */
#define MAX_JSON_DEPTH 64

static gboolean
json_depth_ok (const char *data,
               gsize       length)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static gboolean
parse_body (SoupServerMessage *msg,
            JsonParser        *parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *data = body->data ? body->data : "";

  return json_depth_ok (data, body->length) &&
         json_parser_load_from_data (parser, data, body->length, NULL);
}

static gboolean
access_token_ok (OsaiSimServer *self,
                 const char    *token)
{
  return !self->revoked && token != NULL && g_strcmp0 (token, self->access_token) == 0;
}

static void
handle_sign_in_post (OsaiSimServer     *self,
                     SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      reply_problem (self, msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "15.5.16",
                     "Unsupported Media Type", NULL, NULL);
      return;
    }

  if (!parse_body (msg, parser)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_VALUE (root)
      || json_node_get_value_type (root) != G_TYPE_STRING)
    {
      reply_validation (self, msg, "$", "The JSON value could not be converted to System.String.");
      return;
    }

  if (!access_token_ok (self, json_node_get_string (root)))
    {
      reply_take (msg, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      return;
    }

  reply_take (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", issue_token (self, TRUE));
}

static void
handle_sign_in_get (OsaiSimServer     *self,
                    SoupServerMessage *msg,
                    GHashTable        *query)
{
  const char *token = query ? g_hash_table_lookup (query, "token") : NULL;

  if (token == NULL || *token == '\0')
    {
      reply_validation (self, msg, "token", "The token field is required.");
      return;
    }
  if (!access_token_ok (self, token))
    {
      reply_take (msg, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      return;
    }

  reply_take (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", issue_token (self, FALSE));
}

/* TRUE when the request carries a live token; otherwise the 401 is already set. */
static gboolean
check_authorization (OsaiSimServer     *self,
                     SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *token = value;
  gboolean bearer = FALSE;
  SimSession *session;
  gint64 expires_at;

  if (value != NULL && g_ascii_strncasecmp (value, "Bearer ", 7) == 0)
    {
      token = value + 7;
      bearer = TRUE;
    }

  session = token ? g_hash_table_lookup (self->sessions, token) : NULL;
  if (session == NULL || session->bearer != bearer)
    {
      reply_take (msg, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      return FALSE;
    }

  expires_at = session->issued + (gint64) (self->token_lifetime * G_USEC_PER_SEC);
  if (session->expired || g_get_real_time () >= expires_at)
    {
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *when_text = NULL;
      g_autofree char *challenge = NULL;

      if (session->expired)
        expires_at = MIN (expires_at, g_get_real_time ());
      when = g_date_time_new_from_unix_utc (expires_at / G_USEC_PER_SEC);
      when_text = g_date_time_format (when, "%m/%d/%Y %H:%M:%S");
      challenge = g_strdup_printf ("Bearer error=\"invalid_token\", "
                                   "error_description=\"The token expired at '%s'\"",
                                   when_text);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", challenge);
      reply_take (msg, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* ---- Users ----------------------------------------------------------------------------------- */

static void
handle_user (OsaiSimServer     *self,
             SoupServerMessage *msg)
{
  reply_take (msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
              g_strdup ("{\"id\":1,\"email\":\"demo@example.com\",\"name\":\"Demo User\","
                        "\"firstName\":\"Demo\",\"lastName\":\"User\","
                        "\"company\":\"Example Company\",\"role\":\"User\"}"));
}

/* ---- Reports --------------------------------------------------------------------------------- */

static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *full = NULL;

  /* A bare date means midnight, as DateTime.Parse reads it. */
  if (strlen (text) == 10)
    text = full = g_strconcat (text, "T00:00:00", NULL);

  /* In UTC, as reports keep it: "0001-01-01T00:00:00+01:00" parses, but
   * is in year 0 there, which a GDateTime cannot hold. */
  parsed = g_date_time_new_from_iso8601 (text, utc);
  return parsed != NULL ? g_date_time_to_utc (parsed) : NULL;
}

static guint64
report_seed (GDateTime      *from,
             GDateTime      *to,
             const gboolean *include)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *normal = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  guint64 seed = 0;

  normal = g_strdup_printf ("%" G_GINT64_FORMAT ".%06d|%" G_GINT64_FORMAT ".%06d|%d%d%d%d%d",
                            g_date_time_to_unix (from), g_date_time_get_microsecond (from),
                            g_date_time_to_unix (to), g_date_time_get_microsecond (to),
                            include[0], include[1], include[2], include[3], include[4]);
  g_checksum_update (checksum, (const guchar *) normal, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  for (guint i = 0; i < 8; i++)
    seed = (seed << 8) | digest[i];

  return seed;
}

static void
handle_create_report (OsaiSimServer     *self,
                      SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *created = NULL;
  JsonObject *object;
  JsonNode *root;
  SimReport *report;
  gboolean include[N_INCLUDES] = { FALSE, };
  const char *from_text;
  const char *to_text;

  if (content_type == NULL
      || (g_strcmp0 (content_type, "application/json") != 0
          && !g_str_has_suffix (content_type, "+json")))
    {
      reply_problem (self, msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "15.5.16",
                     "Unsupported Media Type", NULL, NULL);
      return;
    }

  if (!parse_body (msg, parser)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_validation (self, msg, "$",
                        "The JSON value could not be converted to OSAI.Reports.ReportRequest.");
      return;
    }
  object = json_node_get_object (root);

  for (guint i = 0; i < N_INCLUDES; i++)
    {
      JsonNode *node = json_object_get_member (object, include_names[i]);

      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_autofree char *field = g_strdup_printf ("$.%s", include_names[i]);

          reply_validation (self, msg, field,
                            "The JSON value could not be converted to System.Boolean.");
          return;
        }
      include[i] = json_node_get_boolean (node);
    }

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "periodFrom" : "periodTo";
      JsonNode *node = json_object_get_member (object, name);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING))
        {
          g_autofree char *field = g_strdup_printf ("$.%s", name);

          reply_validation (self, msg, field,
                            "The JSON value could not be converted to System.DateTime.");
          return;
        }
    }

  from_text = json_object_get_string_member_with_default (object, "periodFrom", NULL);
  to_text = json_object_get_string_member_with_default (object, "periodTo", NULL);
  if (from_text == NULL || (from = parse_time (from_text)) == NULL)
    {
      reply_validation (self, msg, "PeriodFrom",
                        from_text ? "The PeriodFrom field is not a valid date."
                                  : "The PeriodFrom field is required.");
      return;
    }
  if (to_text == NULL || (to = parse_time (to_text)) == NULL)
    {
      reply_validation (self, msg, "PeriodTo",
                        to_text ? "The PeriodTo field is not a valid date."
                                : "The PeriodTo field is required.");
      return;
    }
  if (g_date_time_compare (from, to) >= 0)
    {
      reply_validation (self, msg, "PeriodTo", "PeriodTo must be later than PeriodFrom.");
      return;
    }

  now = g_date_time_new_now_utc ();
  report = g_new0 (SimReport, 1);
  report->id = self->next_id++;
  report->from = g_date_time_to_utc (from);
  report->to = g_date_time_to_utc (to);
  memcpy (report->include, include, sizeof include);
  report->created = g_date_time_ref (now);
  report->created_tick = report->id % 9 + 1;
  report->created_mono = g_get_monotonic_time ();
  report->uuid = g_uuid_string_random ();
  report->seed = report_seed (report->from, report->to, report->include);
  g_hash_table_insert (self->reports, GUINT_TO_POINTER (report->id), report);
  g_hash_table_insert (self->objects, report->uuid, report);

  created = format_time (report->created, report->created_tick, FALSE);
  reply_take (msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
              g_strdup_printf ("{\"id\":%u,\"creationTime\":\"%s\",\"status\":-1}",
                               report->id, created));
}

typedef struct
{
  gint64 existing_images;
  gint64 deleted_images;
  double images_kb_min;
  double models_kb_min;
  gint64 manipulation;
  gint64 training_8;
  gint64 training_16;
  gint64 conversion_8;
  gint64 conversion_16;
  gint64 rental;
  gint64 prediction_8;
  gint64 prediction_16;
} Totals;

static double
seeded_factor (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;

  return 0.5 + (double) (z >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
}

/* Roughly proportional to the period's length, the same numbers for the same request, exactly
 * zero for what the request left out. */
static void
compute_totals (const SimReport *report,
                Totals          *totals)
{
  guint64 state = report->seed;
  double days = (double) g_date_time_difference (report->to, report->from) / G_TIME_SPAN_DAY;
  double f[12];

  for (guint i = 0; i < G_N_ELEMENTS (f); i++)
    f[i] = days * seeded_factor (&state);

  memset (totals, 0, sizeof *totals);
  if (report->include[INCLUDE_DATASETS])
    {
      totals->existing_images = (gint64) round (f[0] * 55.8);
      totals->deleted_images = (gint64) round (f[1] * 259.9);
      totals->images_kb_min = f[2] * 4.0976e15;
    }
  if (report->include[INCLUDE_MODELS])
    {
      totals->models_kb_min = f[3] * 1.97888e9;
      totals->training_8 = (gint64) round (f[4] * 198991.5);
      totals->training_16 = (gint64) round (f[5] * 20517.0);
      totals->conversion_8 = (gint64) round (f[6] * 689123.1);
      totals->conversion_16 = (gint64) round (f[7] * 14805.3);
    }
  if (report->include[INCLUDE_MANIPULATIONS])
    totals->manipulation = (gint64) round (f[8] * 30357.6);
  if (report->include[INCLUDE_RENTED_DEVICES])
    totals->rental = (gint64) round (f[9] * 6555.8);
  if (report->include[INCLUDE_PREDICTIONS])
    {
      totals->prediction_8 = (gint64) round (f[10] * 0.4 + 1.0);
      totals->prediction_16 = (gint64) round (f[11] * 0.1);
    }
}

static char *
report_json (OsaiSimServer   *self,
             const SimReport *report,
             int              status)
{
  GString *out = g_string_new ("{");
  g_autofree char *created = format_time (report->created, 0, TRUE);
  g_autofree char *from = format_time (report->from, 0, TRUE);
  g_autofree char *to = format_time (report->to, 0, TRUE);
  Totals totals = { 0, };

  if (status == 0)
    compute_totals (report, &totals);

  g_string_append_printf (out, "\"id\":%u,", report->id);
  if (status == 0)
    {
      g_autofree char *resource = g_strdup_printf ("/%s/Reports/%s.json", S3_BUCKET, report->uuid);
      g_autofree char *origin = g_strconcat (self->origin, "/s3", NULL);
      gint64 expires = storage_now (self) + self->url_lifetime;
      g_autofree char *path = osai_sim_s3_presign (origin, S3_ACCESS_KEY, S3_SECRET_KEY,
                                                   resource, expires);

      g_string_append_printf (out, "\"path\":\"%s\",", path);
    }
  else
    {
      g_string_append (out, "\"path\":null,");
    }

  g_string_append_printf (out, "\"totalExistingImagesNum\":%" G_GINT64_FORMAT ",",
                          totals.existing_images);
  g_string_append_printf (out, "\"totalDeletedImagesNum\":%" G_GINT64_FORMAT ",",
                          totals.deleted_images);
  g_string_append (out, "\"totalImagesKBMin\":");
  append_double (out, totals.images_kb_min);
  g_string_append (out, ",\"totalModelsKBMin\":");
  append_double (out, totals.models_kb_min);
  g_string_append_printf (out,
                          ",\"totalManipulationSeconds\":%" G_GINT64_FORMAT
                          ",\"totalTrainingSeconds8GB\":%" G_GINT64_FORMAT
                          ",\"totalTrainingSeconds16GB\":%" G_GINT64_FORMAT
                          ",\"totalConversionSeconds8GB\":%" G_GINT64_FORMAT
                          ",\"totalConversionSeconds16GB\":%" G_GINT64_FORMAT
                          ",\"totalDeviceRentalSeconds\":%" G_GINT64_FORMAT
                          ",\"totalPredictionSeconds8GB\":%" G_GINT64_FORMAT
                          ",\"totalPredictionSeconds16GB\":%" G_GINT64_FORMAT ",",
                          totals.manipulation, totals.training_8, totals.training_16,
                          totals.conversion_8, totals.conversion_16, totals.rental,
                          totals.prediction_8, totals.prediction_16);
  for (guint i = 0; i < N_INCLUDES; i++)
    g_string_append_printf (out, "\"%s\":%s,", include_names[i],
                            report->include[i] ? "true" : "false");
  g_string_append_printf (out, "\"creationTime\":\"%s\",\"periodFrom\":\"%s\","
                          "\"periodTo\":\"%s\",\"read\":false,\"status\":%d}",
                          created, from, to, status);

  return g_string_free (out, FALSE);
}

static void
handle_get_report (OsaiSimServer     *self,
                   SoupServerMessage *msg,
                   const char        *id_text)
{
  guint64 id = 0;
  SimReport *report = NULL;
  char *body;
  double age;
  int status;

  if (g_ascii_string_to_unsigned (id_text, 10, 0, G_MAXUINT, &id, NULL))
    report = g_hash_table_lookup (self->reports, GUINT_TO_POINTER ((guint) id));
  if (report == NULL)
    {
      reply_problem (self, msg, SOUP_STATUS_NOT_FOUND, "15.5.5", "Not Found", NULL, NULL);
      return;
    }

  age = (double) (g_get_monotonic_time () - report->created_mono) / G_USEC_PER_SEC;
  if (age < self->report_delay)
    status = -1;
  else if (self->fail_report)
    status = 1;
  else if (self->unknown_status)
    status = 7;
  else
    status = 0;

  body = report_json (self, report, status);
  if (self->malformed_json)
    body[strlen (body) / 2] = '\0';

  reply_take (msg, SOUP_STATUS_OK, "application/json; charset=utf-8", body);
}

/* ---- API dispatch ---------------------------------------------------------------------------- */

static void
reply_method_not_allowed (SoupServerMessage *msg,
                          const char        *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  reply_take (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, NULL);
}

static void
route_api (OsaiSimServer     *self,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean get = method == SOUP_METHOD_GET;
  gboolean post = method == SOUP_METHOD_POST;

  if (g_ascii_strcasecmp (path, "/Users/SignIn") == 0)
    {
      gboolean post_ok = self->sign_in != OSAI_SIM_SIGN_IN_GET;
      gboolean get_ok = self->sign_in != OSAI_SIM_SIGN_IN_POST;

      if (post && post_ok)
        handle_sign_in_post (self, msg);
      else if (get && get_ok)
        handle_sign_in_get (self, msg, query);
      else
        reply_method_not_allowed (msg, post_ok && get_ok ? "GET, POST" : post_ok ? "POST" : "GET");
      return;
    }

  if (g_ascii_strcasecmp (path, "/Users") == 0)
    {
      if (!get)
        reply_method_not_allowed (msg, "GET");
      else if (check_authorization (self, msg))
        handle_user (self, msg);
      return;
    }

  if (g_ascii_strcasecmp (path, "/Reports") == 0)
    {
      if (!post)
        reply_method_not_allowed (msg, "POST");
      else if (check_authorization (self, msg))
        handle_create_report (self, msg);
      return;
    }

  if (g_ascii_strncasecmp (path, "/Reports/", 9) == 0 && strchr (path + 9, '/') == NULL)
    {
      if (!get)
        reply_method_not_allowed (msg, "GET");
      else if (check_authorization (self, msg))
        handle_get_report (self, msg, path + 9);
      return;
    }

  reply_take (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL);
}

static gboolean
slow_reply_cb (gpointer user_data)
{
  SlowReply *slow = user_data;

  /* The array owns @slow; the sources die with the server, so @self is alive here. */
  soup_server_message_unpause (slow->msg);
  g_ptr_array_remove_fast (slow->self->slow_replies, slow);

  return G_SOURCE_REMOVE;
}

static void
handle_api (OsaiSimServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query)
{
  self->api_calls++;

  if (self->flaky > 0 && self->api_calls % self->flaky == 0)
    {
      set_retry_after (self, msg);
      reply_take (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, NULL);
    }
  else if (self->rate_limit > 0 && self->api_calls % self->rate_limit == 0)
    {
      set_retry_after (self, msg);
      reply_take (msg, 429, NULL, NULL);
    }
  else
    {
      route_api (self, msg, path, query);
    }

  if (self->slow_ms > 0)
    {
      SlowReply *slow = g_new0 (SlowReply, 1);

      slow->self = self;
      slow->msg = g_object_ref (msg);
      slow->source = g_timeout_source_new (self->slow_ms);
      g_source_set_callback (slow->source, slow_reply_cb, slow, NULL);
      g_ptr_array_add (self->slow_replies, slow);
      soup_server_message_pause (msg);
      g_source_attach (slow->source, self->context);
    }
}

/* ---- S3 -------------------------------------------------------------------------------------- */

#define DETAIL_BODY_KEY "osai-sim-detail-body"

/* Hands libsoup the next block, cut at the hold point so that the body
 * stops exactly there. */
static void
detail_body_append_next (DetailBody        *body,
                         SoupServerMessage *msg)
{
  SoupMessageBody *response = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  if (body->rest != NULL)
    chunk = g_steal_pointer (&body->rest);
  else
    chunk = osai_sim_detail_next_chunk (body->detail);

  /* A Range from the middle: the report is made from its start, and the
   * bytes before the range dropped. */
  while (chunk != NULL && body->skip > 0)
    {
      gsize chunk_size = g_bytes_get_size (chunk);

      if (body->skip < chunk_size)
        {
          GBytes *tail = g_bytes_new_from_bytes (chunk, body->skip, chunk_size - body->skip);

          g_bytes_unref (chunk);
          chunk = tail;
          body->skip = 0;
          break;
        }

      body->skip -= chunk_size;
      g_bytes_unref (chunk);
      chunk = osai_sim_detail_next_chunk (body->detail);
    }

  if (chunk == NULL)
    {
      soup_message_body_complete (response);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (body->hold_at > body->sent && body->hold_at - body->sent < size)
    {
      gsize head = body->hold_at - body->sent;
      GBytes *whole = g_steal_pointer (&chunk);

      chunk = g_bytes_new_from_bytes (whole, 0, head);
      body->rest = g_bytes_new_from_bytes (whole, head, size - head);
      g_bytes_unref (whole);
    }

  body->sent += g_bytes_get_size (chunk);
  soup_message_body_append_bytes (response, chunk);
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                DetailBody        *body)
{
  if (body->hold_at > 0 && body->sent == body->hold_at)
    {
      g_autoptr(OsaiSimServer) self = g_weak_ref_get (&body->server);

      body->hold_at = 0;
      if (self != NULL)
        {
          /* With nothing more to write, libsoup pauses the message itself;
           * osai_sim_server_release_detail () goes on. */
          g_ptr_array_add (self->held, g_object_ref (msg));
          g_signal_emit (self, signals[SIGNAL_DETAIL_HELD], 0, body->sent);
          return;
        }
    }

  detail_body_append_next (body, msg);
}

static void trunc_writer_next (TruncWriter *writer);

static void
trunc_writer_closed_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  TruncWriter *writer = user_data;
  g_autoptr(OsaiSimServer) self = g_weak_ref_get (&writer->server);

  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  if (self != NULL)
    g_ptr_array_remove_fast (self->writers, writer);
  trunc_writer_free (writer);
}

static void
trunc_writer_wrote_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  TruncWriter *writer = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (writer->chunked)
    ok = g_output_stream_writev_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  else
    ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);

  if (!ok)
    writer->remaining = 0;
  else if (writer->current != NULL)
    writer->remaining -= g_bytes_get_size (writer->current);
  g_clear_pointer (&writer->current, g_bytes_unref);

  trunc_writer_next (writer);
}

/* Writes the body up to its cut, then closes the connection without finishing it. */
static void
trunc_writer_next (TruncWriter *writer)
{
  GOutputStream *out = g_io_stream_get_output_stream (writer->stream);
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  if (writer->remaining > 0 && !g_cancellable_is_cancelled (writer->cancellable))
    chunk = osai_sim_detail_next_chunk (writer->detail);

  if (chunk == NULL)
    {
      g_io_stream_close_async (writer->stream, G_PRIORITY_DEFAULT, NULL,
                               trunc_writer_closed_cb, writer);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size > writer->remaining)
    writer->current = g_bytes_new_from_bytes (chunk, 0, writer->remaining);
  else
    writer->current = g_steal_pointer (&chunk);
  size = g_bytes_get_size (writer->current);

  if (writer->chunked)
    {
      g_snprintf (writer->chunk_header, sizeof writer->chunk_header, "%" G_GSIZE_MODIFIER "x\r\n",
                  size);
      writer->vectors[0].buffer = writer->chunk_header;
      writer->vectors[0].size = strlen (writer->chunk_header);
      writer->vectors[1].buffer = g_bytes_get_data (writer->current, NULL);
      writer->vectors[1].size = size;
      writer->vectors[2].buffer = "\r\n";
      writer->vectors[2].size = 2;
      g_output_stream_writev_all_async (out, writer->vectors, 3, G_PRIORITY_DEFAULT,
                                        writer->cancellable, trunc_writer_wrote_cb, writer);
    }
  else
    {
      g_output_stream_write_all_async (out, g_bytes_get_data (writer->current, NULL), size,
                                       G_PRIORITY_DEFAULT, writer->cancellable,
                                       trunc_writer_wrote_cb, writer);
    }
}

static void
trunc_writer_headers_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  TruncWriter *writer = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    writer->remaining = 0;
  trunc_writer_next (writer);
}

/* libsoup cannot be told to break a response, so take the connection and answer by hand. */
static void
serve_truncated (OsaiSimServer     *self,
                 SoupServerMessage *msg,
                 OsaiSimDetail     *detail,
                 const char        *etag,
                 gboolean           chunked)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  guint64 size = osai_sim_detail_get_size (detail);
  TruncWriter *writer;
  GIOStream *stream;

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  writer = g_new0 (TruncWriter, 1);
  g_weak_ref_init (&writer->server, self);
  writer->stream = stream;
  writer->detail = g_object_ref (detail);
  writer->cancellable = g_cancellable_new ();
  writer->remaining = size / 2;
  writer->chunked = chunked;
  if (writer->chunked)
    writer->headers = g_strdup_printf ("HTTP/1.1 200 OK\r\nDate: %s\r\n"
                                       "Content-Type: application/json\r\n"
                                       "Transfer-Encoding: chunked\r\n"
                                       "Connection: close\r\n\r\n", date);
  else
    writer->headers = g_strdup_printf ("HTTP/1.1 200 OK\r\nDate: %s\r\n"
                                       "Content-Type: application/json\r\n"
                                       "Content-Length: %" G_GUINT64_FORMAT "\r\n"
                                       "ETag: %s\r\n"
                                       "Accept-Ranges: bytes\r\n"
                                       "Connection: close\r\n\r\n", date, size, etag);
  g_ptr_array_add (self->writers, writer);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   writer->headers, strlen (writer->headers),
                                   G_PRIORITY_DEFAULT, writer->cancellable,
                                   trunc_writer_headers_cb, writer);
}

static void
serve_detail (OsaiSimServer     *self,
              SoupServerMessage *msg,
              SimReport         *report)
{
  g_autoptr(OsaiSimDetail) detail = osai_sim_detail_new (report->id, report->seed,
                                                          self->detail_size);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  g_autofree char *etag = g_strdup_printf ("\"%08x%016" G_GINT64_MODIFIER "x%012" G_GINT64_MODIFIER "x\"",
                                           report->id, (guint64) report->seed, self->detail_size);
  const char *if_range = soup_message_headers_get_one (request, "If-Range");
  SoupRange *ranges = NULL;
  int n_ranges = 0;
  guint64 start = 0;
  DetailBody *body;

  /* One open range ("bytes=N-"), the one a client resumes with. */
  if (!self->ignore_range && self->detail_size > 0 &&
      (if_range == NULL || g_strcmp0 (if_range, etag) == 0) &&
      soup_message_headers_get_ranges (request, self->detail_size, &ranges, &n_ranges))
    {
      if (n_ranges == 1 && (guint64) ranges[0].end == self->detail_size - 1)
        start = ranges[0].start;
      soup_message_headers_free_ranges (request, ranges);
    }

  if (self->storage_resets > 0)
    {
      self->storage_resets--;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORAGE_RESETS]);
      serve_truncated (self, msg, detail, etag, FALSE);
      return;
    }

  if (self->truncate != OSAI_SIM_TRUNCATE_NONE)
    {
      serve_truncated (self, msg, detail, etag, self->truncate == OSAI_SIM_TRUNCATE_CHUNKED);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_headers_set_content_length (headers, self->detail_size);
  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  if (start > 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
      soup_message_headers_set_content_range (headers, start, self->detail_size - 1,
                                              self->detail_size);
      soup_message_headers_set_content_length (headers, self->detail_size - start);
    }

  body = g_new0 (DetailBody, 1);
  g_weak_ref_init (&body->server, self);
  body->detail = g_object_ref (detail);
  body->skip = start;
  body->sent = start;
  /* A hold at or past the end would hold nothing. */
  body->hold_at = self->hold_detail_at < self->detail_size ? self->hold_detail_at : 0;
  g_object_set_data_full (G_OBJECT (msg), DETAIL_BODY_KEY, body,
                          (GDestroyNotify) detail_body_free);

  detail_body_append_next (body, msg);
  if (body->sent == 0)
    return;

  /* Each chunk is handed out only once the previous one went out: one block in memory. */
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), body);
}

static void
handle_s3 (OsaiSimServer     *self,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *resource = path + strlen ("/s3");
  const char *key_id = query ? g_hash_table_lookup (query, "AWSAccessKeyId") : NULL;
  const char *expires_text = query ? g_hash_table_lookup (query, "Expires") : NULL;
  const char *signature = query ? g_hash_table_lookup (query, "Signature") : NULL;
  g_autofree char *expected = NULL;
  g_autofree char *prefix = g_strdup_printf ("/%s/Reports/", S3_BUCKET);
  g_autofree char *uuid = NULL;
  SimReport *report;
  gint64 expires = 0;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    {
      reply_s3_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "MethodNotAllowed",
                      "The specified method is not allowed against this resource.", resource);
      return;
    }

  if (soup_message_headers_get_one (headers, "Authorization") != NULL)
    {
      reply_s3_error (msg, SOUP_STATUS_BAD_REQUEST, "InvalidArgument",
                      "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                      "parameter, Signature query string parameter or the Authorization header "
                      "should be specified", resource);
      return;
    }

  if (key_id == NULL || expires_text == NULL || signature == NULL)
    {
      reply_s3_error (msg, SOUP_STATUS_FORBIDDEN, "AccessDenied",
                      "Query-string authentication requires the Signature, Expires and "
                      "AWSAccessKeyId parameters", resource);
      return;
    }

  if (strcmp (key_id, S3_ACCESS_KEY) != 0)
    {
      reply_s3_error (msg, SOUP_STATUS_FORBIDDEN, "InvalidAccessKeyId",
                      "The AWS Access Key Id you provided does not exist in our records.",
                      resource);
      return;
    }

  if (!g_ascii_string_to_signed (expires_text, 10, 0, G_MAXINT64, &expires, NULL))
    {
      reply_s3_error (msg, SOUP_STATUS_FORBIDDEN, "AccessDenied",
                      "Invalid date (should be seconds since epoch)", resource);
      return;
    }

  expected = osai_sim_s3_sign (S3_SECRET_KEY, expires, resource);
  if (strcmp (expected, signature) != 0)
    {
      reply_s3_error (msg, SOUP_STATUS_FORBIDDEN, "SignatureDoesNotMatch",
                      "The request signature we calculated does not match the signature you "
                      "provided. Check your key and signing method.", resource);
      return;
    }

  if (storage_now (self) >= expires)
    {
      reply_s3_error (msg, SOUP_STATUS_FORBIDDEN, "AccessDenied", "Request has expired", resource);
      return;
    }

  if (!g_str_has_prefix (resource, prefix))
    {
      reply_s3_error (msg, SOUP_STATUS_NOT_FOUND, "NoSuchBucket",
                      "The specified bucket does not exist", resource);
      return;
    }

  if (g_str_has_suffix (resource, ".json"))
    uuid = g_strndup (resource + strlen (prefix),
                      strlen (resource) - strlen (prefix) - strlen (".json"));
  report = uuid ? g_hash_table_lookup (self->objects, uuid) : NULL;
  if (report == NULL)
    {
      reply_s3_error (msg, SOUP_STATUS_NOT_FOUND, "NoSuchKey",
                      "The specified key does not exist.", resource);
      return;
    }

  /* A bucket policy or object ACL that refuses the key: S3 says a plain
   * "Access Denied", to a fresh link as to the first one. */
  if (self->storage_denied)
    {
      reply_s3_error (msg, SOUP_STATUS_FORBIDDEN, "AccessDenied", "Access Denied", resource);
      return;
    }

  if (self->storage_busy > 0)
    {
      self->storage_busy--;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORAGE_BUSY]);
      reply_s3_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "SlowDown",
                      "Please reduce your request rate.", resource);
      return;
    }

  serve_detail (self, msg, report);
}

/* ---- Server ---------------------------------------------------------------------------------- */

static void
record_request (OsaiSimServer     *self,
                SoupServerMessage *msg,
                const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  OsaiSimRequestRecord *record = g_new0 (OsaiSimRequestRecord, 1);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  GString *all_headers;

  record->method = g_strdup (soup_server_message_get_method (msg));
  record->path = g_strdup (path);
  record->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  record->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  record->host = g_strdup (soup_message_headers_get_one (headers, "Host"));
  all_headers = g_string_new (NULL);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (all_headers, "%s: %s\n", name, value);
  record->headers = g_string_free (all_headers, FALSE);

  /* Bounded, so that a long-running simulator does not grow: tests look at
   * far fewer requests than this. */
  if (self->requests->len >= MAX_REQUEST_RECORDS)
    g_ptr_array_remove_range (self->requests, 0, MAX_REQUEST_RECORDS / 2);
  g_ptr_array_add (self->requests, record);
}

/* Answers 400 by hand on a taken connection, then closes it: libsoup would
 * go on to read the request's body whatever the status says. */
static void
refuse_bad_request (OsaiSimServer     *self,
                    SoupServerMessage *msg)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  TruncWriter *writer;
  GIOStream *stream;

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  /* No body to write: the writer sends the head, then closes. */
  writer = g_new0 (TruncWriter, 1);
  g_weak_ref_init (&writer->server, self);
  writer->stream = stream;
  writer->cancellable = g_cancellable_new ();
  writer->headers = g_strdup_printf ("HTTP/1.1 400 Bad Request\r\nDate: %s\r\n"
                                     "Content-Length: 0\r\n"
                                     "Connection: close\r\n\r\n", date);
  g_ptr_array_add (self->writers, writer);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   writer->headers, strlen (writer->headers),
                                   G_PRIORITY_DEFAULT, writer->cancellable,
                                   trunc_writer_headers_cb, writer);
}

/* Refuses a body too large for any API call before it is read. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* libsoup 3.2 reads "Content-Length: -89" (or one past G_MAXINT64) with
   * strtoull into a signed length, which is then negative; its body reader
   * would warn about it and read on regardless. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) < 0)
    {
      refuse_bad_request (user_data, msg);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > MAX_REQUEST_BODY)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  OsaiSimServer *self = user_data;

  record_request (self, msg, path);

  if (g_str_has_prefix (path, "/s3/"))
    handle_s3 (self, msg, path, query);
  else if (g_str_has_prefix (path, "/api/"))
    handle_api (self, msg, path + strlen ("/api"), query);
  else
    reply_take (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL);
}

/* Never log a secret: the access token travels in ?token=, the S3 signature in ?Signature=. */
static char *
redact_query (const char *query)
{
  g_auto(GStrv) parts = NULL;

  if (query == NULL)
    return g_strdup ("");

  parts = g_strsplit (query, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "token=") || g_str_has_prefix (parts[i], "Signature="))
        {
          char *eq = strchr (parts[i], '=');
          char *redacted = g_strdup_printf ("%.*s=[REDACTED]", (int) (eq - parts[i]), parts[i]);

          g_free (parts[i]);
          parts[i] = redacted;
        }
    }

  return g_strjoinv ("&", parts);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *query = NULL;

  /* A request libsoup could not parse has no URI. */
  if (uri == NULL)
    return;

  query = redact_query (g_uri_get_query (uri));
  g_debug ("%s %s%s%s -> %u", soup_server_message_get_method (msg), g_uri_get_path (uri),
           *query ? "?" : "", query, soup_server_message_get_status (msg));
}

/**
 * osai_sim_server_new:
 *
 * Returns: (transfer full): a simulator that is not listening yet
 */
OsaiSimServer *
osai_sim_server_new (void)
{
  return g_object_new (OSAI_TYPE_SIM_SERVER, NULL);
}

/**
 * osai_sim_server_start:
 * @port: the TCP port on 127.0.0.1, 0 for any free one
 *
 * Listens and serves in the thread-default main context.
 */
gboolean
osai_sim_server_start (OsaiSimServer  *self,
                       guint           port,
                       GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;

  g_return_val_if_fail (OSAI_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* With a certificate it speaks https only, as a real server would. */
  server = soup_server_new ("server-header", "osai-simulator ",
                            "tls-certificate", self->tls_certificate,
                            NULL);
  soup_server_add_early_handler (server, NULL, early_cb, self, NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);
  g_signal_connect_object (server, "request-finished", G_CALLBACK (request_finished_cb), self, 0);

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!soup_server_listen (server, address,
                           self->tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return FALSE;

  /* Not soup_server_get_uris (): it leaks an address per call in libsoup 3.2. */
  listeners = soup_server_get_listeners (server);
  g_assert (listeners != NULL);
  local = g_socket_get_local_address (listeners->data, error);
  g_slist_free (listeners);
  if (local == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  self->context = g_main_context_ref_thread_default ();
  self->origin = g_strdup_printf ("%s://127.0.0.1:%u",
                                  self->tls_certificate != NULL ? "https" : "http", self->port);
  self->base_url = g_strconcat (self->origin, "/api", NULL);
  self->server = g_steal_pointer (&server);

  return TRUE;
}

/**
 * osai_sim_server_stop:
 *
 * Stops listening, drops every connection and every answer still in progress.
 */
void
osai_sim_server_stop (OsaiSimServer *self)
{
  g_return_if_fail (OSAI_IS_SIM_SERVER (self));

  g_ptr_array_set_size (self->slow_replies, 0);
  g_ptr_array_set_size (self->held, 0);
  for (guint i = 0; i < self->writers->len; i++)
    g_cancellable_cancel (((TruncWriter *) g_ptr_array_index (self->writers, i))->cancellable);

  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
}

const char *
osai_sim_server_get_base_url (OsaiSimServer *self)
{
  g_return_val_if_fail (OSAI_IS_SIM_SERVER (self), NULL);

  return self->base_url;
}

guint
osai_sim_server_get_port (OsaiSimServer *self)
{
  g_return_val_if_fail (OSAI_IS_SIM_SERVER (self), 0);

  return self->port;
}

/**
 * osai_sim_server_expire_sessions:
 *
 * Every token issued so far is answered with 401 "expired" from now on.
 */
void
osai_sim_server_expire_sessions (OsaiSimServer *self)
{
  GHashTableIter iter;
  SimSession *session;

  g_return_if_fail (OSAI_IS_SIM_SERVER (self));

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    session->expired = TRUE;
}

/**
 * osai_sim_server_revoke_access_token:
 *
 * Signing in with the current access token fails with 401 until #OsaiSimServer:access-token is
 * set again.
 */
void
osai_sim_server_revoke_access_token (OsaiSimServer *self)
{
  g_return_if_fail (OSAI_IS_SIM_SERVER (self));

  self->revoked = TRUE;
}

/**
 * osai_sim_server_release_detail:
 *
 * Lets every detailed report held by #OsaiSimServer:hold-detail-at go on
 * to its end.
 */
void
osai_sim_server_release_detail (OsaiSimServer *self)
{
  g_autoptr(GPtrArray) held = NULL;

  g_return_if_fail (OSAI_IS_SIM_SERVER (self));

  held = g_steal_pointer (&self->held);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (held, i);

      detail_body_append_next (g_object_get_data (G_OBJECT (msg), DETAIL_BODY_KEY), msg);
      /* A no-op once the client is gone. */
      soup_server_message_unpause (msg);
    }
}

/**
 * osai_sim_server_get_requests:
 *
 * Returns: (transfer none) (element-type OsaiSimRequestRecord): every request seen, in order
 */
GPtrArray *
osai_sim_server_get_requests (OsaiSimServer *self)
{
  g_return_val_if_fail (OSAI_IS_SIM_SERVER (self), NULL);

  return self->requests;
}

void
osai_sim_server_clear_requests (OsaiSimServer *self)
{
  g_return_if_fail (OSAI_IS_SIM_SERVER (self));

  g_ptr_array_set_size (self->requests, 0);
}

static void
osai_sim_server_dispose (GObject *object)
{
  OsaiSimServer *self = OSAI_SIM_SERVER (object);

  osai_sim_server_stop (self);

  G_OBJECT_CLASS (osai_sim_server_parent_class)->dispose (object);
}

static void
osai_sim_server_finalize (GObject *object)
{
  OsaiSimServer *self = OSAI_SIM_SERVER (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->objects, g_hash_table_unref);
  g_clear_pointer (&self->reports, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->slow_replies, g_ptr_array_unref);
  g_clear_pointer (&self->writers, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_object (&self->tls_certificate);

  G_OBJECT_CLASS (osai_sim_server_parent_class)->finalize (object);
}

#define SET_FIELD(field, value)                                                   \
  G_STMT_START {                                                                  \
    if (self->field != (value))                                                   \
      {                                                                           \
        self->field = (value);                                                    \
        g_object_notify_by_pspec (object, pspec);                                 \
      }                                                                           \
  } G_STMT_END

static void
osai_sim_server_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OsaiSimServer *self = OSAI_SIM_SERVER (object);

  switch (prop_id)
    {
    case PROP_ACCESS_TOKEN:
      g_value_set_string (value, self->access_token);
      break;
    case PROP_REPORT_DELAY:
      g_value_set_double (value, self->report_delay);
      break;
    case PROP_FAIL_REPORT:
      g_value_set_boolean (value, self->fail_report);
      break;
    case PROP_UNKNOWN_STATUS:
      g_value_set_boolean (value, self->unknown_status);
      break;
    case PROP_MALFORMED_JSON:
      g_value_set_boolean (value, self->malformed_json);
      break;
    case PROP_TOKEN_LIFETIME:
      g_value_set_double (value, self->token_lifetime);
      break;
    case PROP_URL_LIFETIME:
      g_value_set_uint (value, self->url_lifetime);
      break;
    case PROP_SIGN_IN:
      g_value_set_enum (value, self->sign_in);
      break;
    case PROP_FLAKY:
      g_value_set_uint (value, self->flaky);
      break;
    case PROP_RATE_LIMIT:
      g_value_set_uint (value, self->rate_limit);
      break;
    case PROP_RETRY_AFTER_DATE:
      g_value_set_boolean (value, self->retry_after_date);
      break;
    case PROP_RETRY_AFTER:
      g_value_set_uint (value, self->retry_after);
      break;
    case PROP_SLOW_MS:
      g_value_set_uint (value, self->slow_ms);
      break;
    case PROP_DETAIL_SIZE:
      g_value_set_uint64 (value, self->detail_size);
      break;
    case PROP_TRUNCATE:
      g_value_set_enum (value, self->truncate);
      break;
    case PROP_HOLD_DETAIL_AT:
      g_value_set_uint64 (value, self->hold_detail_at);
      break;
    case PROP_STORAGE_BUSY:
      g_value_set_uint (value, self->storage_busy);
      break;
    case PROP_STORAGE_RESETS:
      g_value_set_uint (value, self->storage_resets);
      break;
    case PROP_IGNORE_RANGE:
      g_value_set_boolean (value, self->ignore_range);
      break;
    case PROP_STORAGE_DENIED:
      g_value_set_boolean (value, self->storage_denied);
      break;
    case PROP_TLS_CERTIFICATE:
      g_value_set_object (value, self->tls_certificate);
      break;
    case PROP_CLOCK_SKEW:
      g_value_set_int (value, self->clock_skew);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_sim_server_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OsaiSimServer *self = OSAI_SIM_SERVER (object);

  switch (prop_id)
    {
    case PROP_ACCESS_TOKEN:
      /* A new access token replaces a revoked one. */
      self->revoked = FALSE;
      if (g_strcmp0 (self->access_token, g_value_get_string (value)) != 0)
        {
          g_free (self->access_token);
          self->access_token = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REPORT_DELAY:
      SET_FIELD (report_delay, g_value_get_double (value));
      break;
    case PROP_FAIL_REPORT:
      SET_FIELD (fail_report, g_value_get_boolean (value));
      break;
    case PROP_UNKNOWN_STATUS:
      SET_FIELD (unknown_status, g_value_get_boolean (value));
      break;
    case PROP_MALFORMED_JSON:
      SET_FIELD (malformed_json, g_value_get_boolean (value));
      break;
    case PROP_TOKEN_LIFETIME:
      SET_FIELD (token_lifetime, g_value_get_double (value));
      break;
    case PROP_URL_LIFETIME:
      SET_FIELD (url_lifetime, g_value_get_uint (value));
      break;
    case PROP_SIGN_IN:
      SET_FIELD (sign_in, (OsaiSimSignInMode) g_value_get_enum (value));
      break;
    case PROP_FLAKY:
      SET_FIELD (flaky, g_value_get_uint (value));
      break;
    case PROP_RATE_LIMIT:
      SET_FIELD (rate_limit, g_value_get_uint (value));
      break;
    case PROP_RETRY_AFTER_DATE:
      SET_FIELD (retry_after_date, g_value_get_boolean (value));
      break;
    case PROP_RETRY_AFTER:
      SET_FIELD (retry_after, g_value_get_uint (value));
      break;
    case PROP_SLOW_MS:
      SET_FIELD (slow_ms, g_value_get_uint (value));
      break;
    case PROP_DETAIL_SIZE:
      SET_FIELD (detail_size, g_value_get_uint64 (value));
      break;
    case PROP_TRUNCATE:
      SET_FIELD (truncate, (OsaiSimTruncate) g_value_get_enum (value));
      break;
    case PROP_HOLD_DETAIL_AT:
      SET_FIELD (hold_detail_at, g_value_get_uint64 (value));
      break;
    case PROP_STORAGE_BUSY:
      SET_FIELD (storage_busy, g_value_get_uint (value));
      break;
    case PROP_STORAGE_RESETS:
      SET_FIELD (storage_resets, g_value_get_uint (value));
      break;
    case PROP_IGNORE_RANGE:
      SET_FIELD (ignore_range, g_value_get_boolean (value));
      break;
    case PROP_STORAGE_DENIED:
      SET_FIELD (storage_denied, g_value_get_boolean (value));
      break;
    case PROP_TLS_CERTIFICATE:
      /* Read when the server starts. */
      if (g_set_object (&self->tls_certificate, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CLOCK_SKEW:
      SET_FIELD (clock_skew, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_sim_server_class_init (OsaiSimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = osai_sim_server_dispose;
  object_class->finalize = osai_sim_server_finalize;
  object_class->get_property = osai_sim_server_get_property;
  object_class->set_property = osai_sim_server_set_property;

  properties[PROP_ACCESS_TOKEN] =
    g_param_spec_string ("access-token", NULL, NULL, "demo", flags);
  properties[PROP_REPORT_DELAY] =
    g_param_spec_double ("report-delay", NULL, NULL, 0.0, G_MAXDOUBLE, 4.0, flags);
  properties[PROP_FAIL_REPORT] =
    g_param_spec_boolean ("fail-report", NULL, NULL, FALSE, flags);
  properties[PROP_UNKNOWN_STATUS] =
    g_param_spec_boolean ("unknown-status", NULL, NULL, FALSE, flags);
  properties[PROP_MALFORMED_JSON] =
    g_param_spec_boolean ("malformed-json", NULL, NULL, FALSE, flags);
  properties[PROP_TOKEN_LIFETIME] =
    g_param_spec_double ("token-lifetime", NULL, NULL, 0.0, MAX_TOKEN_LIFETIME, 3600.0, flags);
  properties[PROP_URL_LIFETIME] =
    g_param_spec_uint ("url-lifetime", NULL, NULL, 0, G_MAXUINT, 1800, flags);
  properties[PROP_SIGN_IN] =
    g_param_spec_enum ("sign-in", NULL, NULL, OSAI_SIM_TYPE_SIGN_IN_MODE,
                       OSAI_SIM_SIGN_IN_BOTH, flags);
  properties[PROP_FLAKY] =
    g_param_spec_uint ("flaky", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RATE_LIMIT] =
    g_param_spec_uint ("rate-limit", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RETRY_AFTER_DATE] =
    g_param_spec_boolean ("retry-after-date", NULL, NULL, FALSE, flags);
  properties[PROP_RETRY_AFTER] =
    g_param_spec_uint ("retry-after", NULL, NULL, 0, G_MAXUINT / 2, 1, flags);
  properties[PROP_SLOW_MS] =
    g_param_spec_uint ("slow-ms", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DETAIL_SIZE] =
    g_param_spec_uint64 ("detail-size", NULL, NULL, 0, G_MAXUINT64, 64 * 1024, flags);
  properties[PROP_TRUNCATE] =
    g_param_spec_enum ("truncate", NULL, NULL, OSAI_SIM_TYPE_TRUNCATE,
                       OSAI_SIM_TRUNCATE_NONE, flags);
  /**
   * OsaiSimServer:hold-detail-at:
   *
   * Bytes of each detailed report after which the storage stops sending,
   * emits #OsaiSimServer::detail-held and waits for
   * osai_sim_server_release_detail (); 0, or the size or more: never.
   * Lets a test strike at an exact point of a download.  A body cut by
   * #OsaiSimServer:truncate is not held.
   */
  properties[PROP_HOLD_DETAIL_AT] =
    g_param_spec_uint64 ("hold-detail-at", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /* OsaiSimServer:storage-busy:
   *
   * How many of the next well-signed GETs of a detailed report the storage
   * answers "503 SlowDown", as S3 does under load; each one counts down.
   */
  properties[PROP_STORAGE_BUSY] =
    g_param_spec_uint ("storage-busy", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* OsaiSimServer:storage-resets:
   *
   * How many of the next well-signed GETs of a detailed report the storage
   * cuts halfway, closing the connection after announcing the whole
   * Content-Length, as a reset connection does; each one counts down.
   */
  properties[PROP_STORAGE_RESETS] =
    g_param_spec_uint ("storage-resets", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* OsaiSimServer:ignore-range:
   *
   * The storage answers every GET of a detailed report with all of it (200),
   * whatever its Range header asks, as some servers and proxies do.  By
   * default it honours "Range: bytes=N-" with 206, as S3 does, and
   * "If-Range" with the report's ETag.
   */
  properties[PROP_IGNORE_RANGE] =
    g_param_spec_boolean ("ignore-range", NULL, NULL, FALSE, flags);
  /* OsaiSimServer:storage-denied:
   *
   * The storage refuses every well-signed GET of a detailed report with
   * "403 AccessDenied: Access Denied", as S3 does when a bucket policy or an
   * object's ACL shuts the signing key out: a fresh link does not help.
   */
  properties[PROP_STORAGE_DENIED] =
    g_param_spec_boolean ("storage-denied", NULL, NULL, FALSE, flags);
  properties[PROP_TLS_CERTIFICATE] =
    g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE, flags);
  /* About ±68 years either way. */
  properties[PROP_CLOCK_SKEW] =
    g_param_spec_int ("clock-skew", NULL, NULL, -(G_MAXINT / 2), G_MAXINT / 2, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OsaiSimServer::detail-held:
   * @sent: the bytes of the body written to the connection
   *
   * A detailed report stopped at #OsaiSimServer:hold-detail-at: nothing
   * more is sent until osai_sim_server_release_detail ().
   */
  signals[SIGNAL_DETAIL_HELD] =
    g_signal_new ("detail-held", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
osai_sim_server_init (OsaiSimServer *self)
{
  self->access_token = g_strdup ("demo");
  self->report_delay = 4.0;
  self->token_lifetime = 3600.0;
  self->url_lifetime = 1800;
  self->detail_size = 64 * 1024;
  self->retry_after = 1;
  self->next_id = FIRST_REPORT_ID;

  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->reports = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sim_report_free);
  self->objects = g_hash_table_new (g_str_hash, g_str_equal);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_record_free);
  self->slow_replies = g_ptr_array_new_with_free_func ((GDestroyNotify) slow_reply_free);
  self->writers = g_ptr_array_new ();
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
}
