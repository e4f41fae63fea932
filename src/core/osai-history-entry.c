/* osai-history-entry.c — one report kept in the local history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry is immutable: a pending entry that completes is replaced by a
 * new entry with the same key (osai_history_entry_complete()).  Its file is
 * one JSON object:
 *
 *   {
 *     "version": 1,
 *     "key": "4711@app-eu.onestepai.com",   the report ID @ the server's host[:port]
 *     "reportId": 4711,
 *     "server": "https://app-eu.onestepai.com/api",
 *     "account": "someone@example.com",      or null
 *     "created": "2026-11-30T09:12:44.120Z", when it was asked for, UTC
 *     "state": "pending" | "done" | "failed",
 *     "request": { the body of POST /Reports },
 *     "report": { the status payload of GET /Reports/{id} } or null while pending
 *   }
 *
 * The status payload is kept as the server sent it, less its "path": the
 * pre-signed link to the detailed report is a credential that expires within
 * the hour, so it is never written to disk.
 *
 * Loading is strict: a member of the wrong type, a negative or absurd
 * number, a key that does not match its server and report ID, or a state
 * that does not match the report is an %OSAI_HISTORY_ERROR_CORRUPT error,
 * never a crash and never a guess.  The payload goes through the same
 * parser as an answer of the server (osai_report_new_from_json()), once,
 * when the entry is made; the parsed #OsaiReport is kept, the #OsaiUsageModel
 * and the headline are made when first asked for.
 */
#define G_LOG_DOMAIN "osai-history-entry"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "osai-error.h"
#include "osai-history-entry.h"
#include "osai-json-write.h"
#include "osai-metric.h"
#include "osai-period.h"
#include "osai-time.h"

/* Beyond these a value is not usage but a broken file. */
#define MAX_TOTAL          1e24
#define MIN_YEAR           2000
#define MAX_YEAR           2200
#define MAX_TEXT_LENGTH    2048
#define MAX_FILE_NAME      200

struct _OsaiHistoryEntry
{
  GObject             parent_instance;

  char               *key;
  char               *file_name;
  gint64              report_id;
  char               *server;
  char               *host;
  char               *account;
  GDateTime          *created;
  OsaiReportRequest  *request;
  OsaiHistoryState    state;
  GBytes             *payload;
  OsaiReport         *report;

  /* Made when first asked for. */
  OsaiUsageModel     *usage_model;
  char               *headline;
  char               *period_text;
};

G_DEFINE_FINAL_TYPE (OsaiHistoryEntry, osai_history_entry, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OsaiHistoryState, osai_history_state,
                    G_DEFINE_ENUM_VALUE (OSAI_HISTORY_STATE_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (OSAI_HISTORY_STATE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (OSAI_HISTORY_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_KEY,
  PROP_REPORT_ID,
  PROP_SERVER,
  PROP_HOST,
  PROP_ACCOUNT,
  PROP_CREATED,
  PROP_REQUEST,
  PROP_PERIOD_FROM,
  PROP_PERIOD_TO,
  PROP_PERIOD_TEXT,
  PROP_STATE,
  PROP_REPORT,
  PROP_HEADLINE,
  PROP_HEADLINE_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OsaiIncludeFlags include_flags[] = {
  OSAI_INCLUDE_DATASETS,
  OSAI_INCLUDE_MANIPULATIONS,
  OSAI_INCLUDE_MODELS,
  OSAI_INCLUDE_RENTED_DEVICES,
  OSAI_INCLUDE_PREDICTIONS,
};

static void
osai_history_entry_dispose (GObject *object)
{
  OsaiHistoryEntry *self = (OsaiHistoryEntry *)object;

  g_clear_object (&self->usage_model);
  g_clear_object (&self->report);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (osai_history_entry_parent_class)->dispose (object);
}

static void
osai_history_entry_finalize (GObject *object)
{
  OsaiHistoryEntry *self = (OsaiHistoryEntry *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->period_text, g_free);

  G_OBJECT_CLASS (osai_history_entry_parent_class)->finalize (object);
}

static void
osai_history_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OsaiHistoryEntry *self = OSAI_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_REPORT_ID:
      g_value_set_int64 (value, self->report_id);
      break;

    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;

    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;

    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;

    case PROP_PERIOD_FROM:
      g_value_set_boxed (value, osai_history_entry_get_period_from (self));
      break;

    case PROP_PERIOD_TO:
      g_value_set_boxed (value, osai_history_entry_get_period_to (self));
      break;

    case PROP_PERIOD_TEXT:
      g_value_set_string (value, osai_history_entry_get_period_text (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    case PROP_HEADLINE:
      g_value_set_string (value, osai_history_entry_get_headline (self));
      break;

    case PROP_HEADLINE_VALUE:
      g_value_set_double (value, osai_history_entry_get_headline_value (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_history_entry_class_init (OsaiHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = osai_history_entry_dispose;
  object_class->finalize = osai_history_entry_finalize;
  object_class->get_property = osai_history_entry_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_REPORT_ID] =
    g_param_spec_int64 ("report-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL, flags);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, OSAI_TYPE_REPORT_REQUEST, flags);
  properties[PROP_PERIOD_FROM] =
    g_param_spec_boxed ("period-from", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_PERIOD_TO] =
    g_param_spec_boxed ("period-to", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_PERIOD_TEXT] =
    g_param_spec_string ("period-text", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       OSAI_TYPE_HISTORY_STATE, OSAI_HISTORY_STATE_PENDING, flags);
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, OSAI_TYPE_REPORT, flags);
  properties[PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL, NULL, flags);
  properties[PROP_HEADLINE_VALUE] =
    g_param_spec_double ("headline-value", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_history_entry_init (OsaiHistoryEntry *self)
{
}

/* ---- Checks --------------------------------------------------------------------------------- */

G_GNUC_PRINTF (2, 3) static gboolean
corrupt (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);

  g_set_error_literal (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT, message);
  return FALSE;
}

/* Constructors are given values, not a file: the same checks, reported as
 * a mistake of the caller. */
static void
as_invalid_input (GError **error)
{
  if (error != NULL && *error != NULL)
    {
      (*error)->domain = OSAI_ERROR;
      (*error)->code = OSAI_ERROR_INVALID_INPUT;
    }
}

static gboolean
check_text (const char  *text,
            const char  *field,
            GError     **error)
{
  if (text == NULL || *text == '\0' || strlen (text) > MAX_TEXT_LENGTH ||
      !g_utf8_validate (text, -1, NULL))
    return corrupt (error, _("“%s” is missing or not valid text."), field);

  return TRUE;
}

static gboolean
check_time (GDateTime   *time,
            const char  *field,
            GError     **error)
{
  int year;

  if (time == NULL)
    return corrupt (error, _("“%s” is not a date and time."), field);

  year = g_date_time_get_year (time);
  if (year < MIN_YEAR || year >= MAX_YEAR)
    return corrupt (error, _("“%s” is out of range."), field);

  return TRUE;
}

/* "host" or "host:port" (the port only when it is not the scheme's own),
 * IPv6 addresses in brackets, lower case. */
static char *
server_host (const char  *server,
             GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  const char *scheme;
  int port;

  if (!check_text (server, "server", error))
    return NULL;

  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      corrupt (error, _("“%s” is not a server address."), "server");
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      corrupt (error, _("“%s” is not a server address."), "server");
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (strchr (host, ':') != NULL)
    {
      char *bracketed = g_strdup_printf ("[%s]", host);

      g_free (host);
      host = bracketed;
    }

  port = g_uri_get_port (uri);
  if (port < 0 ||
      (port == 443 && g_ascii_strcasecmp (scheme, "https") == 0) ||
      (port == 80 && g_ascii_strcasecmp (scheme, "http") == 0))
    return g_steal_pointer (&host);

  return g_strdup_printf ("%s:%d", host, port);
}

/**
 * osai_history_make_key:
 * @server: the API base URL the report was asked from
 * @report_id: the report's ID on that server
 * @error: return location for an %OSAI_HISTORY_ERROR_CORRUPT error
 *
 * Report IDs are unique on one server only: the key is "ID@host", with the
 * port when it is not the scheme's own, e.g. "4711@app-eu.onestepai.com"
 * or "12@127.0.0.1:8080".  The same report asked by two instances has the
 * same key, which keeps writing it idempotent.
 *
 * Returns: (transfer full) (nullable): the key
 */
char *
osai_history_make_key (const char  *server,
                       gint64       report_id,
                       GError     **error)
{
  g_autofree char *host = NULL;

  if (report_id <= 0)
    {
      corrupt (error, _("“%s” is out of range."), "reportId");
      return NULL;
    }

  host = server_host (server, error);
  if (host == NULL)
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT "@%s", report_id, host);
}

/**
 * osai_history_key_to_file_name:
 * @key: a key from osai_history_make_key()
 *
 * Everything but letters, digits, ".", "-", "_" and "@" is written as %XX,
 * so that two keys never share a file and no name starts with a dot.
 *
 * Returns: (transfer full) (nullable): "KEY.json", or %NULL when that name
 *   would be too long for a file system
 */
char *
osai_history_key_to_file_name (const char *key)
{
  GString *name;

  g_return_val_if_fail (key != NULL, NULL);

  name = g_string_sized_new (strlen (key) + 8);
  for (const char *p = key; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '@' ||
          (*p == '.' && p != key))
        g_string_append_c (name, *p);
      else
        g_string_append_printf (name, "%%%02X", (guint) (guchar) *p);
    }
  g_string_append (name, ".json");

  if (name->len > MAX_FILE_NAME)
    {
      g_string_free (name, TRUE);
      return NULL;
    }

  return g_string_free (name, FALSE);
}

static gboolean
check_report (OsaiHistoryState   state,
              gint64             report_id,
              OsaiReport        *report,
              GError           **error)
{
  int status;

  if (state == OSAI_HISTORY_STATE_PENDING)
    {
      if (report != NULL)
        return corrupt (error, _("The state does not match the report."));
      return TRUE;
    }

  if (report == NULL)
    return corrupt (error, _("“%s” is missing."), "report");

  if (osai_report_get_id (report) != report_id)
    return corrupt (error, _("The report ID does not match the report."));

  status = osai_report_get_status (report);
  if ((state == OSAI_HISTORY_STATE_DONE && (status != OSAI_REPORT_STATUS_DONE ||
                                            !osai_report_has_totals (report))) ||
      (state == OSAI_HISTORY_STATE_FAILED && (status == OSAI_REPORT_STATUS_DONE ||
                                              status == OSAI_REPORT_STATUS_IN_PROGRESS)))
    return corrupt (error, _("The state does not match the report."));

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      double total = osai_report_get_total (report, i);

      /* Negative ones never get this far (osai_report_new_from_json()). */
      if (!isfinite (total) || total > MAX_TOTAL)
        return corrupt (error, _("“%s” is out of range."), osai_metric_get_info (i)->field);
    }

  return TRUE;
}

static gboolean
check_request (OsaiReportRequest  *request,
               GError            **error)
{
  if (request == NULL)
    return corrupt (error, _("“%s” is missing."), "request");

  if (!check_time (osai_report_request_get_period_from (request), "periodFrom", error) ||
      !check_time (osai_report_request_get_period_to (request), "periodTo", error))
    return FALSE;

  if (g_date_time_compare (osai_report_request_get_period_from (request),
                           osai_report_request_get_period_to (request)) >= 0 ||
      (osai_report_request_get_include (request) & OSAI_INCLUDE_ALL) == 0 ||
      (osai_report_request_get_include (request) & ~OSAI_INCLUDE_ALL) != 0)
    return corrupt (error, _("“%s” is not a valid report request."), "request");

  return TRUE;
}

/* Milliseconds, as the file keeps them: what is written reads back equal. */
static GDateTime *
created_to_utc_ms (GDateTime *created)
{
  g_autoptr(GDateTime) utc = NULL;

  if (created == NULL)
    utc = g_date_time_new_now_utc ();
  else
    utc = g_date_time_to_utc (created);

  return g_date_time_add (utc, -(g_date_time_get_microsecond (utc) % 1000));
}

/* The one place an entry is made: takes every member, checks them all. */
static OsaiHistoryEntry *
entry_new (const char         *server,
           const char         *account,
           gint64              report_id,
           GDateTime          *created,
           OsaiReportRequest  *request,
           OsaiHistoryState    state,
           GBytes             *payload,
           OsaiReport         *report,
           const char         *expected_key,
           GError            **error)
{
  g_autoptr(OsaiHistoryEntry) self = NULL;
  g_autofree char *host = NULL;

  host = server_host (server, error);
  if (host == NULL)
    return NULL;

  if (report_id <= 0)
    {
      corrupt (error, _("“%s” is out of range."), "reportId");
      return NULL;
    }

  if (account != NULL && !check_text (account, "account", error))
    return NULL;

  if (!check_time (created, "created", error) ||
      !check_request (request, error) ||
      !check_report (state, report_id, report, error))
    return NULL;

  self = g_object_new (OSAI_TYPE_HISTORY_ENTRY, NULL);
  self->host = g_steal_pointer (&host);
  self->key = g_strdup_printf ("%" G_GINT64_FORMAT "@%s", report_id, self->host);
  if (expected_key != NULL && g_strcmp0 (expected_key, self->key) != 0)
    {
      corrupt (error, _("The key does not match the server and the report ID."));
      return NULL;
    }

  self->file_name = osai_history_key_to_file_name (self->key);
  if (self->file_name == NULL)
    {
      corrupt (error, _("“%s” is out of range."), "server");
      return NULL;
    }

  self->report_id = report_id;
  self->server = g_strdup (server);
  self->account = g_strdup (account);
  self->created = g_date_time_to_utc (created);
  self->request = g_object_ref (request);
  self->state = state;
  self->payload = payload != NULL ? g_bytes_ref (payload) : NULL;
  self->report = report != NULL ? g_object_ref (report) : NULL;

  return g_steal_pointer (&self);
}

/* ---- JSON ----------------------------------------------------------------------------------- */

/* Whole numbers as JSON integers ("20356", not "20356.0"), exact for every
 * whole double below 2^63, as the usage model's export writes them;
 * anything else as a double.  Only for readability: the text is made by
 * osai_json_to_string(), which writes any double validly. */
static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (value == floor (value) && fabs (value) < 9223372036854775808.0)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  json_builder_set_member_name (builder, name);
  if (time != NULL)
    {
      g_autofree char *text = osai_time_format_iso8601 (time);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

/* The status payload of a report the client parsed, without its link. */
static JsonNode *
report_to_json (OsaiReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  OsaiIncludeFlags include = osai_report_get_include (report);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, osai_report_get_id (report));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, osai_report_get_status (report));
  add_time_member (builder, "creationTime", osai_report_get_creation_time (report));
  add_time_member (builder, "periodFrom", osai_report_get_period_from (report));
  add_time_member (builder, "periodTo", osai_report_get_period_to (report));
  for (guint i = 0; i < G_N_ELEMENTS (include_flags); i++)
    {
      json_builder_set_member_name (builder, osai_include_flag_get_field (include_flags[i]));
      json_builder_add_boolean_value (builder, (include & include_flags[i]) != 0);
    }
  json_builder_set_member_name (builder, "read");
  json_builder_add_boolean_value (builder, osai_report_get_read (report));
  if (osai_report_has_totals (report) ||
      osai_report_get_status (report) != OSAI_REPORT_STATUS_IN_PROGRESS)
    {
      for (guint i = 0; i < OSAI_N_METRICS; i++)
        {
          json_builder_set_member_name (builder, osai_metric_get_info (i)->field);
          add_number (builder, osai_report_get_total (report, i));
        }
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static GBytes *
node_to_compact_bytes (JsonNode *node)
{
  char *text = osai_json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* @payload without "path"; NULL when it is not a JSON object. */
static JsonNode *
payload_without_path (JsonNode *payload)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (payload))
    return NULL;

  if (!json_object_has_member (json_node_get_object (payload), "path"))
    return json_node_ref (payload);

  object = json_object_new ();
  json_object_iter_init (&iter, json_node_get_object (payload));
  while (json_object_iter_next (&iter, &name, &member))
    if (g_strcmp0 (name, "path") != 0)
      json_object_set_member (object, name, json_node_copy (member));

  member = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return member;
}

static OsaiHistoryState
state_for_report (OsaiReport *report)
{
  switch (osai_report_get_status (report))
    {
    case OSAI_REPORT_STATUS_DONE:
      return OSAI_HISTORY_STATE_DONE;
    case OSAI_REPORT_STATUS_IN_PROGRESS:
      return OSAI_HISTORY_STATE_PENDING;
    case OSAI_REPORT_STATUS_FAILED:
    default:
      return OSAI_HISTORY_STATE_FAILED;
    }
}

/* ---- Constructors --------------------------------------------------------------------------- */

/**
 * osai_history_entry_new_pending:
 * @server: the API base URL
 * @account: (nullable): who asked for it, as the window shows the account
 * @report_id: the ID `POST /Reports` answered with
 * @request: what was asked for
 * @created: (nullable): when it was asked for; %NULL for now
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error
 *
 * Returns: (transfer full) (nullable): an entry for a report still being
 *   generated, to be resumed by its ID
 */
OsaiHistoryEntry *
osai_history_entry_new_pending (const char         *server,
                                const char         *account,
                                gint64              report_id,
                                OsaiReportRequest  *request,
                                GDateTime          *created,
                                GError            **error)
{
  g_autoptr(GDateTime) created_ms = NULL;
  OsaiHistoryEntry *self;

  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  created_ms = created_to_utc_ms (created);
  self = entry_new (server, account, report_id, created_ms, request,
                    OSAI_HISTORY_STATE_PENDING, NULL, NULL, NULL, error);
  if (self == NULL)
    as_invalid_input (error);

  return self;
}

static OsaiHistoryEntry *
new_from_payload_node (const char         *server,
                       const char         *account,
                       gint64              report_id,
                       OsaiReportRequest  *request,
                       JsonNode           *payload,
                       GDateTime          *created,
                       const char         *expected_key,
                       const OsaiHistoryState *expected_state,
                       GError            **error)
{
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  OsaiHistoryState state;

  stored = payload_without_path (payload);
  if (stored == NULL)
    {
      corrupt (error, _("“%s” is not a JSON object."), "report");
      return NULL;
    }

  report = osai_report_new_from_json (stored, &local_error);
  if (report == NULL)
    {
      /* Translators: %s says what is wrong with the report, e.g. "The
       * server’s answer has no “id”." */
      g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT,
                   _("The stored report is not valid: %s"), local_error->message);
      return NULL;
    }

  state = state_for_report (report);
  if (state == OSAI_HISTORY_STATE_PENDING ||
      (expected_state != NULL && state != *expected_state))
    {
      corrupt (error, _("The state does not match the report."));
      return NULL;
    }

  if (report_id == 0)
    report_id = osai_report_get_id (report);

  bytes = node_to_compact_bytes (stored);

  return entry_new (server, account, report_id, created, request, state,
                    bytes, report, expected_key, error);
}

/**
 * osai_history_entry_new_finished:
 * @server: the API base URL
 * @account: (nullable): who asked for it
 * @request: what was asked for
 * @report: the report as OsaiReportJob ended with it: done or failed
 * @created: (nullable): when it was asked for; %NULL for now
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error
 *
 * Returns: (transfer full) (nullable): the entry of a finished report
 */
OsaiHistoryEntry *
osai_history_entry_new_finished (const char         *server,
                                 const char         *account,
                                 OsaiReportRequest  *request,
                                 OsaiReport         *report,
                                 GDateTime          *created,
                                 GError            **error)
{
  g_autoptr(GDateTime) created_ms = NULL;
  g_autoptr(JsonNode) payload = NULL;
  OsaiHistoryEntry *self;

  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (request), NULL);
  g_return_val_if_fail (OSAI_IS_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  created_ms = created_to_utc_ms (created);
  payload = report_to_json (report);
  self = new_from_payload_node (server, account, osai_report_get_id (report), request,
                                payload, created_ms, NULL, NULL, error);
  if (self == NULL)
    as_invalid_input (error);

  return self;
}

/**
 * osai_history_entry_new_from_payload:
 * @server: the API base URL
 * @account: (nullable): who asked for it
 * @request: what was asked for
 * @payload: the answer of `GET /Reports/{id}` for a finished report
 * @created: (nullable): when it was asked for; %NULL for now
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error
 *
 * Keeps @payload as sent (less its "path"), members this version does not
 * know included.
 *
 * Returns: (transfer full) (nullable): the entry
 */
OsaiHistoryEntry *
osai_history_entry_new_from_payload (const char         *server,
                                     const char         *account,
                                     OsaiReportRequest  *request,
                                     GBytes             *payload,
                                     GDateTime          *created,
                                     GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GDateTime) created_ms = NULL;
  g_autoptr(GError) local_error = NULL;
  OsaiHistoryEntry *self;
  const char *data;
  gsize size;

  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (request), NULL);
  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (payload, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, size, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                   _("The file is not valid JSON: %s"),
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }

  created_ms = created_to_utc_ms (created);
  self = new_from_payload_node (server, account, 0, request, json_parser_get_root (parser),
                                created_ms, NULL, NULL, error);
  if (self == NULL)
    as_invalid_input (error);

  return self;
}

/**
 * osai_history_entry_complete:
 * @pending: a pending entry
 * @report: the same report, now finished (done or failed)
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error
 *
 * Returns: (transfer full) (nullable): the finished entry, with the key,
 *   the request, the server, the account and the creation time of @pending
 */
OsaiHistoryEntry *
osai_history_entry_complete (OsaiHistoryEntry  *pending,
                             OsaiReport        *report,
                             GError           **error)
{
  g_autoptr(JsonNode) payload = NULL;
  OsaiHistoryEntry *self;

  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (pending), NULL);
  g_return_val_if_fail (OSAI_IS_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (osai_report_get_id (report) != pending->report_id)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("The report ID does not match the report."));
      return NULL;
    }

  payload = report_to_json (report);
  self = new_from_payload_node (pending->server, pending->account, pending->report_id,
                                pending->request, payload, pending->created,
                                pending->key, NULL, error);
  if (self == NULL)
    as_invalid_input (error);

  return self;
}

/* ---- The file ------------------------------------------------------------------------------- */

static gboolean
read_string (JsonObject  *object,
             const char  *field,
             gboolean     nullable,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out = NULL;
  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return corrupt (error, _("“%s” is missing or not valid text."), field);

  *out = json_node_get_string (node);
  return check_text (*out, field, error);
}

static gboolean
read_int (JsonObject  *object,
          const char  *field,
          gint64       min,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return corrupt (error, _("“%s” is missing or not a whole number."), field);

  *out = json_node_get_int (node);
  if (*out < min)
    return corrupt (error, _("“%s” is out of range."), field);

  return TRUE;
}

static GDateTime *
read_time (JsonObject  *object,
           const char  *field,
           GError     **error)
{
  const char *text;
  GDateTime *time;

  if (!read_string (object, field, FALSE, &text, error))
    return NULL;

  time = osai_time_parse_iso8601 (text, NULL);
  if (!check_time (time, field, error))
    {
      g_clear_pointer (&time, g_date_time_unref);
      return NULL;
    }

  return time;
}

static OsaiReportRequest *
read_request (JsonObject  *object,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "request");
  JsonObject *request;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  OsaiIncludeFlags include = OSAI_INCLUDE_NONE;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      corrupt (error, _("“%s” is missing or not a JSON object."), "request");
      return NULL;
    }

  request = json_node_get_object (node);
  if ((from = read_time (request, "periodFrom", error)) == NULL ||
      (to = read_time (request, "periodTo", error)) == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (include_flags); i++)
    {
      const char *field = osai_include_flag_get_field (include_flags[i]);
      JsonNode *member = json_object_get_member (request, field);

      if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
          json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          corrupt (error, _("“%s” is not true or false."), field);
          return NULL;
        }
      if (json_node_get_boolean (member))
        include |= include_flags[i];
    }

  return osai_report_request_new (from, to, include);
}

static gboolean
parse_state (const char       *text,
             OsaiHistoryState *out)
{
  if (g_strcmp0 (text, "pending") == 0)
    *out = OSAI_HISTORY_STATE_PENDING;
  else if (g_strcmp0 (text, "done") == 0)
    *out = OSAI_HISTORY_STATE_DONE;
  else if (g_strcmp0 (text, "failed") == 0)
    *out = OSAI_HISTORY_STATE_FAILED;
  else
    return FALSE;

  return TRUE;
}

static const char *
state_nick (OsaiHistoryState state)
{
  switch (state)
    {
    case OSAI_HISTORY_STATE_PENDING:
      return "pending";
    case OSAI_HISTORY_STATE_DONE:
      return "done";
    case OSAI_HISTORY_STATE_FAILED:
      return "failed";
    default:
      g_return_val_if_reached ("failed");
    }
}

/**
 * osai_history_entry_new_from_json:
 * @node: the root of an entry file
 * @error: return location for an %OSAI_HISTORY_ERROR_CORRUPT error, or
 *   %G_IO_ERROR_NOT_SUPPORTED for a file of a newer version
 *
 * Returns: (transfer full) (nullable): the entry
 */
OsaiHistoryEntry *
osai_history_entry_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  JsonObject *object;
  JsonNode *report;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;
  const char *key, *server, *account, *state_text;
  gint64 version, report_id;
  OsaiHistoryState state;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      corrupt (error, _("The entry is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_int (object, "version", 1, &version, error))
    return NULL;
  if (version > OSAI_HISTORY_ENTRY_FORMAT_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "Version %" G_GINT64_FORMAT " of the history format is newer than this "
                   "version of the app", version);
      return NULL;
    }

  if (!read_string (object, "key", FALSE, &key, error) ||
      !read_int (object, "reportId", 1, &report_id, error) ||
      !read_string (object, "server", FALSE, &server, error) ||
      !read_string (object, "account", TRUE, &account, error) ||
      !read_string (object, "state", FALSE, &state_text, error))
    return NULL;

  if (!parse_state (state_text, &state))
    {
      corrupt (error, _("“%s” is out of range."), "state");
      return NULL;
    }

  if ((created = read_time (object, "created", error)) == NULL ||
      (request = read_request (object, error)) == NULL)
    return NULL;

  report = json_object_get_member (object, "report");
  if (state == OSAI_HISTORY_STATE_PENDING)
    {
      if (report != NULL && !JSON_NODE_HOLDS_NULL (report))
        {
          corrupt (error, _("The state does not match the report."));
          return NULL;
        }
      return entry_new (server, account, report_id, created, request, state,
                        NULL, NULL, key, error);
    }

  if (report == NULL || JSON_NODE_HOLDS_NULL (report))
    {
      corrupt (error, _("“%s” is missing."), "report");
      return NULL;
    }

  return new_from_payload_node (server, account, report_id, request, report, created,
                                key, &state, error);
}

/**
 * osai_history_entry_new_from_bytes:
 * @bytes: the contents of an entry file
 * @error: return location for an %OSAI_HISTORY_ERROR_CORRUPT error, or
 *   %G_IO_ERROR_NOT_SUPPORTED for a file of a newer version
 *
 * Returns: (transfer full) (nullable): the entry
 */
OsaiHistoryEntry *
osai_history_entry_new_from_bytes (GBytes  *bytes,
                                   GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      corrupt (error, _("The file is empty."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* Translators: %s is json-glib's description of what is wrong. */
      corrupt (error, _("The file is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      corrupt (error, _("The file is empty."));
      return NULL;
    }

  return osai_history_entry_new_from_json (json_parser_get_root (parser), error);
}

/**
 * osai_history_entry_to_json:
 *
 * Returns: (transfer full): the entry as its file holds it
 */
JsonNode *
osai_history_entry_to_json (OsaiHistoryEntry *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *created = NULL;

  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  created = osai_time_format_iso8601 (self->created);
  request = osai_report_request_to_json (self->request);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, OSAI_HISTORY_ENTRY_FORMAT_VERSION);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, self->key);
  json_builder_set_member_name (builder, "reportId");
  json_builder_add_int_value (builder, self->report_id);
  json_builder_set_member_name (builder, "server");
  json_builder_add_string_value (builder, self->server);
  json_builder_set_member_name (builder, "account");
  if (self->account != NULL)
    json_builder_add_string_value (builder, self->account);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, state_nick (self->state));
  json_builder_set_member_name (builder, "request");
  json_builder_add_value (builder, g_steal_pointer (&request));
  json_builder_set_member_name (builder, "report");
  if (self->payload != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (self->payload, &size);

      /* The payload was made from a parsed node: it parses. */
      if (!json_parser_load_from_data (parser, data, size, NULL))
        g_assert_not_reached ();
      json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * osai_history_entry_to_bytes:
 *
 * Returns: (transfer full): the contents of the entry's file: indented
 *   JSON, ending with a line break
 */
GBytes *
osai_history_entry_to_bytes (OsaiHistoryEntry *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  char *text;

  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  root = osai_history_entry_to_json (self);
  json = osai_json_to_string (root, TRUE);
  text = g_strconcat (json, "\n", NULL);

  return g_bytes_new_take (text, strlen (text));
}

/* ---- Getters -------------------------------------------------------------------------------- */

/**
 * osai_history_entry_get_key:
 *
 * Returns: (transfer none): "ID@host", unique in a history
 */
const char *
osai_history_entry_get_key (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->key;
}

/**
 * osai_history_entry_get_file_name:
 *
 * Returns: (transfer none): the name of the entry's file in the history
 *   folder
 */
const char *
osai_history_entry_get_file_name (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->file_name;
}

gint64
osai_history_entry_get_report_id (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), 0);

  return self->report_id;
}

/**
 * osai_history_entry_get_server:
 *
 * Returns: (transfer none): the API base URL the report was asked from
 */
const char *
osai_history_entry_get_server (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->server;
}

/**
 * osai_history_entry_get_host:
 *
 * Returns: (transfer none): the server's host, with its port when it is not
 *   the usual one, e.g. "app-eu.onestepai.com"
 */
const char *
osai_history_entry_get_host (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->host;
}

/**
 * osai_history_entry_get_account:
 *
 * Returns: (transfer none) (nullable): the account, when it was known
 */
const char *
osai_history_entry_get_account (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->account;
}

/**
 * osai_history_entry_get_created:
 *
 * Returns: (transfer none): when the report was asked for, UTC, to the
 *   millisecond
 */
GDateTime *
osai_history_entry_get_created (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->created;
}

/**
 * osai_history_entry_get_request:
 *
 * Returns: (transfer none): what was asked for
 */
OsaiReportRequest *
osai_history_entry_get_request (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->request;
}

/**
 * osai_history_entry_get_period_from:
 *
 * Returns: (transfer none): the start of the period asked for
 */
GDateTime *
osai_history_entry_get_period_from (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return osai_report_request_get_period_from (self->request);
}

/**
 * osai_history_entry_get_period_to:
 *
 * Returns: (transfer none): the end of the period asked for, excluded
 */
GDateTime *
osai_history_entry_get_period_to (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return osai_report_request_get_period_to (self->request);
}

/**
 * osai_history_entry_get_period_text:
 *
 * Returns: (transfer none): the period as osai_period_describe() says it,
 *   "1 – 30 November 2026"
 */
const char *
osai_history_entry_get_period_text (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  if (self->period_text == NULL)
    self->period_text = osai_period_describe (osai_report_request_get_period_from (self->request),
                                              osai_report_request_get_period_to (self->request));

  return self->period_text;
}

OsaiHistoryState
osai_history_entry_get_state (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), OSAI_HISTORY_STATE_PENDING);

  return self->state;
}

/**
 * osai_history_entry_get_include:
 *
 * Returns: the kinds of usage the report counted: as the report says when
 *   it says, else as they were asked for
 */
OsaiIncludeFlags
osai_history_entry_get_include (OsaiHistoryEntry *self)
{
  OsaiIncludeFlags include;

  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), OSAI_INCLUDE_NONE);

  include = self->report != NULL ? osai_report_get_include (self->report) : OSAI_INCLUDE_NONE;
  if (include == OSAI_INCLUDE_NONE)
    include = osai_report_request_get_include (self->request);

  return include;
}

/**
 * osai_history_entry_get_payload:
 *
 * Returns: (transfer none) (nullable): the status payload (compact JSON),
 *   %NULL while pending
 */
GBytes *
osai_history_entry_get_payload (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->payload;
}

/**
 * osai_history_entry_get_report:
 *
 * Returns: (transfer none) (nullable): the parsed report, %NULL while
 *   pending
 */
OsaiReport *
osai_history_entry_get_report (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  return self->report;
}

/**
 * osai_history_entry_get_usage_model:
 *
 * Made when first asked for, then kept: one per entry, the same rows the
 * window and the CLI show for a fresh report.
 *
 * Returns: (transfer none): the totals (no items unless done)
 */
OsaiUsageModel *
osai_history_entry_get_usage_model (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  if (self->usage_model == NULL)
    self->usage_model = osai_usage_model_new (self->state == OSAI_HISTORY_STATE_DONE
                                              ? self->report : NULL);

  return self->usage_model;
}

/**
 * osai_history_entry_has_metric:
 * @self: an #OsaiHistoryEntry
 * @metric: a metric
 *
 * Returns: %TRUE when the entry is done and counted @metric: a metric of a
 *   kind of usage that was switched off is missing, not zero
 */
gboolean
osai_history_entry_has_metric (OsaiHistoryEntry *self,
                               OsaiMetric        metric)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), FALSE);
  g_return_val_if_fail ((guint) metric < OSAI_N_METRICS, FALSE);

  if (self->state != OSAI_HISTORY_STATE_DONE || self->report == NULL)
    return FALSE;

  return (osai_history_entry_get_include (self) & osai_metric_get_info (metric)->include) != 0;
}

/**
 * osai_history_entry_get_headline_category:
 *
 * The headline of an entry is one number for a list of reports: the total
 * of its compute category in hours (GPU time for training, conversion and
 * prediction, plus manipulation time), what OSAI bills most; for a report
 * that counted none of those, the storage total in MB·h; for one that only
 * counted rented devices, their hours.
 *
 * Returns: the category the headline sums up
 */
OsaiCategory
osai_history_entry_get_headline_category (OsaiHistoryEntry *self)
{
  OsaiIncludeFlags include;

  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), OSAI_CATEGORY_COMPUTE);

  include = osai_history_entry_get_include (self);
  if (include & (OSAI_INCLUDE_MANIPULATIONS | OSAI_INCLUDE_MODELS | OSAI_INCLUDE_PREDICTIONS))
    return OSAI_CATEGORY_COMPUTE;
  if (include & OSAI_INCLUDE_DATASETS)
    return OSAI_CATEGORY_STORAGE;
  if (include & OSAI_INCLUDE_RENTED_DEVICES)
    return OSAI_CATEGORY_RENTAL;

  return OSAI_CATEGORY_COMPUTE;
}

/**
 * osai_history_entry_get_headline_value:
 *
 * Returns: the headline in its category's human unit (hours or MB·h); 0
 *   unless done
 */
double
osai_history_entry_get_headline_value (OsaiHistoryEntry *self)
{
  OsaiCategory category;
  double sum = 0.0;

  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), 0.0);

  if (self->state != OSAI_HISTORY_STATE_DONE)
    return 0.0;

  category = osai_history_entry_get_headline_category (self);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    if (osai_metric_get_info (i)->category == category && osai_history_entry_has_metric (self, i))
      sum += osai_metric_to_human (i, osai_report_get_total (self->report, i));

  return sum;
}

/**
 * osai_history_entry_get_headline:
 *
 * Returns: (transfer none): the headline for a list, in the current
 *   locale: "12.5 h of compute", "Still being generated" or "Failed"
 */
const char *
osai_history_entry_get_headline (OsaiHistoryEntry *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (self), NULL);

  if (self->headline != NULL)
    return self->headline;

  switch (self->state)
    {
    case OSAI_HISTORY_STATE_PENDING:
      self->headline = g_strdup (_("Still being generated"));
      break;

    case OSAI_HISTORY_STATE_FAILED:
      /* Translators: the headline of a report in the history that failed. */
      self->headline = g_strdup (_("Failed"));
      break;

    case OSAI_HISTORY_STATE_DONE:
    default:
      {
        double value = osai_history_entry_get_headline_value (self);

        switch (osai_history_entry_get_headline_category (self))
          {
          case OSAI_CATEGORY_STORAGE:
            /* Translators: the headline of a report, "1234.5 MB·h of storage". */
            self->headline = g_strdup_printf (_("%.1f MB·h of storage"), value);
            break;
          case OSAI_CATEGORY_RENTAL:
            /* Translators: the headline of a report, "12.5 h of rented devices". */
            self->headline = g_strdup_printf (_("%.1f h of rented devices"), value);
            break;
          case OSAI_CATEGORY_COMPUTE:
          case OSAI_CATEGORY_IMAGES:
          default:
            /* Translators: the headline of a report, "12.5 h of compute":
             * GPU and manipulation hours. */
            self->headline = g_strdup_printf (_("%.1f h of compute"), value);
            break;
          }
      }
      break;
    }

  return self->headline;
}

/**
 * osai_history_entry_equal:
 *
 * Returns: %TRUE when @a and @b would write the same file
 */
gboolean
osai_history_entry_equal (OsaiHistoryEntry *a,
                          OsaiHistoryEntry *b)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (a), FALSE);
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (b), FALSE);

  if (a == b)
    return TRUE;

  return g_strcmp0 (a->key, b->key) == 0 &&
         a->state == b->state &&
         g_strcmp0 (a->server, b->server) == 0 &&
         g_strcmp0 (a->account, b->account) == 0 &&
         g_date_time_equal (a->created, b->created) &&
         g_date_time_equal (osai_report_request_get_period_from (a->request),
                            osai_report_request_get_period_from (b->request)) &&
         g_date_time_equal (osai_report_request_get_period_to (a->request),
                            osai_report_request_get_period_to (b->request)) &&
         osai_report_request_get_include (a->request) ==
           osai_report_request_get_include (b->request) &&
         ((a->payload == NULL && b->payload == NULL) ||
          (a->payload != NULL && b->payload != NULL && g_bytes_equal (a->payload, b->payload)));
}

/**
 * osai_history_entry_compare_newest_first:
 *
 * The order of a history: the newest first, then by key.
 *
 * Returns: < 0 when @a comes before @b
 */
int
osai_history_entry_compare_newest_first (OsaiHistoryEntry *a,
                                         OsaiHistoryEntry *b)
{
  int by_time = g_date_time_compare (b->created, a->created);

  if (by_time != 0)
    return by_time;

  return strcmp (a->key, b->key);
}
