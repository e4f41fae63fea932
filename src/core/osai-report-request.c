/* osai-report-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-report-request"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "osai-error.h"
#include "osai-report-request.h"
#include "osai-time.h"

struct _OsaiReportRequest
{
  GObject           parent_instance;

  GDateTime        *period_from;
  GDateTime        *period_to;
  OsaiIncludeFlags  include;
};

G_DEFINE_FINAL_TYPE (OsaiReportRequest, osai_report_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERIOD_FROM,
  PROP_PERIOD_TO,
  PROP_INCLUDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order the API documents them in. */
static const OsaiIncludeFlags include_order[] = {
  OSAI_INCLUDE_DATASETS,
  OSAI_INCLUDE_MANIPULATIONS,
  OSAI_INCLUDE_MODELS,
  OSAI_INCLUDE_RENTED_DEVICES,
  OSAI_INCLUDE_PREDICTIONS,
};

static void
osai_report_request_finalize (GObject *object)
{
  OsaiReportRequest *self = (OsaiReportRequest *)object;

  g_clear_pointer (&self->period_from, g_date_time_unref);
  g_clear_pointer (&self->period_to, g_date_time_unref);

  G_OBJECT_CLASS (osai_report_request_parent_class)->finalize (object);
}

static void
osai_report_request_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OsaiReportRequest *self = OSAI_REPORT_REQUEST (object);

  switch (prop_id)
    {
    case PROP_PERIOD_FROM:
      g_value_set_boxed (value, self->period_from);
      break;

    case PROP_PERIOD_TO:
      g_value_set_boxed (value, self->period_to);
      break;

    case PROP_INCLUDE:
      g_value_set_flags (value, self->include);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_report_request_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OsaiReportRequest *self = OSAI_REPORT_REQUEST (object);

  switch (prop_id)
    {
    case PROP_PERIOD_FROM:
      self->period_from = g_value_dup_boxed (value);
      break;

    case PROP_PERIOD_TO:
      self->period_to = g_value_dup_boxed (value);
      break;

    case PROP_INCLUDE:
      self->include = g_value_get_flags (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_report_request_class_init (OsaiReportRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = osai_report_request_finalize;
  object_class->get_property = osai_report_request_get_property;
  object_class->set_property = osai_report_request_set_property;

  properties[PROP_PERIOD_FROM] =
    g_param_spec_boxed ("period-from", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PERIOD_TO] =
    g_param_spec_boxed ("period-to", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_INCLUDE] =
    g_param_spec_flags ("include", NULL, NULL,
                        OSAI_TYPE_INCLUDE_FLAGS,
                        OSAI_INCLUDE_ALL,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_report_request_init (OsaiReportRequest *self)
{
}

/**
 * osai_report_request_new:
 * @period_from: the start of the period (included)
 * @period_to: the end of the period (excluded)
 * @include: which kinds of usage to count
 *
 * Returns: (transfer full): a new request; check it with
 *   osai_report_request_validate() before sending it
 */
OsaiReportRequest *
osai_report_request_new (GDateTime        *period_from,
                         GDateTime        *period_to,
                         OsaiIncludeFlags  include)
{
  g_return_val_if_fail (period_from != NULL, NULL);
  g_return_val_if_fail (period_to != NULL, NULL);

  return g_object_new (OSAI_TYPE_REPORT_REQUEST,
                       "period-from", period_from,
                       "period-to", period_to,
                       "include", include,
                       NULL);
}

GDateTime *
osai_report_request_get_period_from (OsaiReportRequest *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (self), NULL);

  return self->period_from;
}

GDateTime *
osai_report_request_get_period_to (OsaiReportRequest *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (self), NULL);

  return self->period_to;
}

OsaiIncludeFlags
osai_report_request_get_include (OsaiReportRequest *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (self), OSAI_INCLUDE_NONE);

  return self->include;
}

/**
 * osai_report_request_validate:
 * @self: an #OsaiReportRequest
 * @error: return location for an %OSAI_ERROR_INVALID_INPUT error
 *
 * Catches what the server would refuse, before asking it.
 *
 * Returns: %TRUE when the period is not empty and something is included
 */
gboolean
osai_report_request_validate (OsaiReportRequest  *self,
                              GError            **error)
{
  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->period_from == NULL || self->period_to == NULL)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("Choose both the start and the end of the period."));
      return FALSE;
    }

  if (g_date_time_compare (self->period_from, self->period_to) >= 0)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("The start of the period must be before its end."));
      return FALSE;
    }

  if ((self->include & OSAI_INCLUDE_ALL) == 0)
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("Choose at least one kind of usage to include in the report."));
      return FALSE;
    }

  return TRUE;
}

/**
 * osai_report_request_to_json:
 * @self: an #OsaiReportRequest
 *
 * Returns: (transfer full): the body of `POST /Reports`
 */
JsonNode *
osai_report_request_to_json (OsaiReportRequest *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (self), NULL);
  g_return_val_if_fail (self->period_from != NULL && self->period_to != NULL, NULL);

  from = osai_time_format_iso8601 (self->period_from);
  to = osai_time_format_iso8601 (self->period_to);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "periodFrom");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "periodTo");
  json_builder_add_string_value (builder, to);
  for (guint i = 0; i < G_N_ELEMENTS (include_order); i++)
    {
      json_builder_set_member_name (builder, osai_include_flag_get_field (include_order[i]));
      json_builder_add_boolean_value (builder, (self->include & include_order[i]) != 0);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
