/* osai-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-report"

#include "config.h"

#include <math.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "osai-error.h"
#include "osai-json-check.h"
#include "osai-metric.h"
#include "osai-report.h"
#include "osai-time.h"

struct _OsaiReport
{
  GObject           parent_instance;

  gint64            id;
  int               status;
  GDateTime        *creation_time;
  GDateTime        *period_from;
  GDateTime        *period_to;
  char             *path;
  GDateTime        *path_expires;
  OsaiIncludeFlags  include;
  gboolean          read;
  gboolean          has_totals;
  double            totals[OSAI_N_METRICS];
};

G_DEFINE_FINAL_TYPE (OsaiReport, osai_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_CREATION_TIME,
  PROP_PERIOD_FROM,
  PROP_PERIOD_TO,
  PROP_PATH,
  PROP_PATH_EXPIRES,
  PROP_INCLUDE,
  PROP_READ,
  PROP_HAS_TOTALS,
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
osai_report_finalize (GObject *object)
{
  OsaiReport *self = (OsaiReport *)object;

  g_clear_pointer (&self->creation_time, g_date_time_unref);
  g_clear_pointer (&self->period_from, g_date_time_unref);
  g_clear_pointer (&self->period_to, g_date_time_unref);
  g_clear_pointer (&self->path_expires, g_date_time_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (osai_report_parent_class)->finalize (object);
}

static void
osai_report_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OsaiReport *self = OSAI_REPORT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_CREATION_TIME:
      g_value_set_boxed (value, self->creation_time);
      break;

    case PROP_PERIOD_FROM:
      g_value_set_boxed (value, self->period_from);
      break;

    case PROP_PERIOD_TO:
      g_value_set_boxed (value, self->period_to);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_PATH_EXPIRES:
      g_value_set_boxed (value, self->path_expires);
      break;

    case PROP_INCLUDE:
      g_value_set_flags (value, self->include);
      break;

    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;

    case PROP_HAS_TOTALS:
      g_value_set_boolean (value, self->has_totals);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_report_class_init (OsaiReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = osai_report_finalize;
  object_class->get_property = osai_report_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      G_MININT, G_MAXINT, OSAI_REPORT_STATUS_IN_PROGRESS,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CREATION_TIME] =
    g_param_spec_boxed ("creation-time", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PERIOD_FROM] =
    g_param_spec_boxed ("period-from", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PERIOD_TO] =
    g_param_spec_boxed ("period-to", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PATH_EXPIRES] =
    g_param_spec_boxed ("path-expires", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_INCLUDE] =
    g_param_spec_flags ("include", NULL, NULL,
                        OSAI_TYPE_INCLUDE_FLAGS,
                        OSAI_INCLUDE_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HAS_TOTALS] =
    g_param_spec_boolean ("has-totals", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_report_init (OsaiReport *self)
{
  self->status = OSAI_REPORT_STATUS_IN_PROGRESS;
}

static gboolean
missing_field (const char  *field,
               GError     **error)
{
  g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
               _("The server’s answer has no “%s”."), field);
  return FALSE;
}

static gboolean
not_a_number (const char  *field,
              GError     **error)
{
  g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
               _("“%s” in the server’s answer is not a number."), field);
  return FALSE;
}

/* TRUE with @out set when @node is a JSON number (json-glib gives integers
 * as int64 and anything with a fraction or an exponent as double). */
static gboolean
node_get_number (JsonNode *node,
                 double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = (double) json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (node);
      return isfinite (*out);
    }

  return FALSE;
}

static gboolean
read_integer (JsonObject  *object,
              const char  *field,
              gint64       min,
              gint64       max,
              gint64      *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);
  double value;

  if (node == NULL)
    return missing_field (field, error);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
    }
  else if (node_get_number (node, &value))
    {
      /* 16718.0 is still the integer 16718. */
      if (value != floor (value) || value < -9.2e18 || value > 9.2e18)
        {
          g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                       _("“%s” in the server’s answer is not a whole number."), field);
          return FALSE;
        }
      *out = (gint64) value;
    }
  else
    {
      return not_a_number (field, error);
    }

  if (*out < min || *out > max)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                   _("“%s” in the server’s answer is out of range."), field);
      return FALSE;
    }

  return TRUE;
}

/* An absent or null time is fine (it stays NULL); anything else must parse. */
static gboolean
read_time (JsonObject  *object,
           const char  *field,
           GDateTime  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                   _("“%s” in the server’s answer is not a date and time."), field);
      return FALSE;
    }

  text = json_node_get_string (node);
  *out = osai_time_parse_iso8601 (text, NULL);
  if (*out == NULL)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                   _("“%s” in the server’s answer is not a date and time: “%s”."),
                   field, text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *field,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = FALSE;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                   _("“%s” in the server’s answer is not true or false."), field);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The Expires= of a pre-signed S3 URL (signature version 2): unix time. */
static GDateTime *
parse_path_expires (const char *path)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;
  const char *expires;
  guint64 seconds;

  uri = g_uri_parse (path, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL || (query = g_uri_get_query (uri)) == NULL)
    return NULL;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;

  expires = g_hash_table_lookup (params, "Expires");
  if (expires == NULL ||
      !g_ascii_string_to_unsigned (expires, 10, 0, G_MAXINT64, &seconds, NULL))
    return NULL;

  return g_date_time_new_from_unix_utc ((gint64) seconds);
}

static gboolean
osai_report_load (OsaiReport  *self,
                  JsonNode    *node,
                  GError     **error)
{
  JsonObject *object;
  JsonNode *member;
  gint64 status;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                           _("The server’s answer is not a JSON object."));
      return FALSE;
    }

  object = json_node_get_object (node);

  if (!read_integer (object, "id", G_MININT64, G_MAXINT64, &self->id, error) ||
      !read_integer (object, "status", G_MININT, G_MAXINT, &status, error))
    return FALSE;
  self->status = (int) status;

  if (!read_time (object, "creationTime", &self->creation_time, error) ||
      !read_time (object, "periodFrom", &self->period_from, error) ||
      !read_time (object, "periodTo", &self->period_to, error))
    return FALSE;

  member = json_object_get_member (object, "path");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        {
          g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                       _("“%s” in the server’s answer is not text."), "path");
          return FALSE;
        }
      self->path = g_strdup (json_node_get_string (member));
      self->path_expires = parse_path_expires (self->path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (include_flags); i++)
    {
      gboolean value;

      if (!read_boolean (object, osai_include_flag_get_field (include_flags[i]), &value, error))
        return FALSE;
      if (value)
        self->include |= include_flags[i];
    }

  if (!read_boolean (object, "read", &self->read, error))
    return FALSE;

  /* A finished report must carry every total; one still being made (or a
   * failed one) may carry some, possibly as null, and those that are
   * numbers are kept. */
  self->has_totals = (self->status == OSAI_REPORT_STATUS_DONE);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      const OsaiMetricInfo *info = osai_metric_get_info (i);

      member = json_object_get_member (object, info->field);

      if (member == NULL || (!self->has_totals && JSON_NODE_HOLDS_NULL (member)))
        {
          if (self->has_totals)
            return missing_field (info->field, error);
          continue;
        }

      if (!node_get_number (member, &self->totals[i]))
        return not_a_number (info->field, error);

      /* Usage is never negative; json-glib 1.6 also wraps integers past
       * G_MAXINT64 into negative ones without a word. */
      if (self->totals[i] < 0)
        {
          g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                       _("“%s” in the server’s answer is negative."), info->field);
          return FALSE;
        }

      /* Whole totals are written back as JSON integers (the usage model's
       * export), so 2^63 is where they end; no usage comes near it (9.2e18
       * KB·min, or 2.9e11 years). */
      if (self->totals[i] >= 9223372036854775808.0)
        {
          g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                       _("“%s” in the server’s answer is out of range."), info->field);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * osai_report_new_from_json:
 * @node: the parsed answer of `GET /Reports/{id}` or `POST /Reports`
 * @error: return location for an %OSAI_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (nullable): the report, or %NULL when @node is
 *   not a report this version understands
 */
OsaiReport *
osai_report_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(OsaiReport) self = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (OSAI_TYPE_REPORT, NULL);
  if (!osai_report_load (self, node, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * osai_report_new_from_bytes:
 * @bytes: a JSON document
 * @error: return location for an %OSAI_ERROR_PROTOCOL error
 *
 * Returns: (transfer full) (nullable): the report
 */
OsaiReport *
osai_report_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  parser = json_parser_new_immutable ();

  if (size == 0)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                           _("The server’s answer is empty."));
      return NULL;
    }

  /* json-glib 1.6 is only given one well-formed document: it recurses
   * without a limit, and reads documents one after the other as one. */
  if (!osai_json_check_bytes ((const guint8 *) data, size, NULL))
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                           _("The server’s answer is not valid JSON."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* Translators: %s is json-glib's description of what is wrong. */
      g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                   _("The server’s answer is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                           _("The server’s answer is empty."));
      return NULL;
    }

  return osai_report_new_from_json (root, error);
}

gint64
osai_report_get_id (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), 0);

  return self->id;
}

/**
 * osai_report_get_status:
 * @self: an #OsaiReport
 *
 * Returns: the status as sent: usually an #OsaiReportStatus, but a newer
 *   server may send other values
 */
int
osai_report_get_status (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), OSAI_REPORT_STATUS_IN_PROGRESS);

  return self->status;
}

/**
 * osai_report_get_creation_time:
 *
 * Returns: (transfer none) (nullable): when the report was asked for, in UTC
 */
GDateTime *
osai_report_get_creation_time (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), NULL);

  return self->creation_time;
}

/**
 * osai_report_get_period_from:
 *
 * Returns: (transfer none) (nullable): the start of the period, in UTC
 */
GDateTime *
osai_report_get_period_from (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), NULL);

  return self->period_from;
}

/**
 * osai_report_get_period_to:
 *
 * Returns: (transfer none) (nullable): the end of the period, in UTC
 */
GDateTime *
osai_report_get_period_to (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), NULL);

  return self->period_to;
}

/**
 * osai_report_get_path:
 *
 * Returns: (transfer none) (nullable): the pre-signed URL of the detailed
 *   report.  It is a credential: never log it whole.
 */
const char *
osai_report_get_path (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), NULL);

  return self->path;
}

/**
 * osai_report_get_path_expires:
 *
 * Returns: (transfer none) (nullable): when the path's signature expires
 *   (its `Expires=` parameter), or %NULL when it does not say
 */
GDateTime *
osai_report_get_path_expires (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), NULL);

  return self->path_expires;
}

OsaiIncludeFlags
osai_report_get_include (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), OSAI_INCLUDE_NONE);

  return self->include;
}

gboolean
osai_report_get_read (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), FALSE);

  return self->read;
}

/**
 * osai_report_has_totals:
 *
 * Returns: %TRUE for a finished report, whose totals are all known
 */
gboolean
osai_report_has_totals (OsaiReport *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), FALSE);

  return self->has_totals;
}

/**
 * osai_report_get_total:
 * @self: an #OsaiReport
 * @metric: which total
 *
 * Returns: the total in the API's unit (see osai_metric_get_info()), 0 when
 *   the report does not carry it
 */
double
osai_report_get_total (OsaiReport *self,
                       OsaiMetric  metric)
{
  g_return_val_if_fail (OSAI_IS_REPORT (self), 0.0);
  g_return_val_if_fail ((guint) metric < OSAI_N_METRICS, 0.0);

  return self->totals[metric];
}
