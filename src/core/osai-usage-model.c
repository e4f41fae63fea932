/* osai-usage-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-usage-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "osai-metric.h"
#include "osai-time.h"
#include "osai-usage-model.h"

struct _OsaiUsageModel
{
  GObject     parent_instance;

  OsaiReport *report;
  GPtrArray  *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OsaiUsageModel, osai_usage_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
osai_usage_model_get_item_type (GListModel *model)
{
  return OSAI_TYPE_USAGE_ITEM;
}

static guint
osai_usage_model_get_n_items (GListModel *model)
{
  OsaiUsageModel *self = OSAI_USAGE_MODEL (model);

  return self->items->len;
}

static gpointer
osai_usage_model_get_item (GListModel *model,
                           guint       position)
{
  OsaiUsageModel *self = OSAI_USAGE_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = osai_usage_model_get_item_type;
  iface->get_n_items = osai_usage_model_get_n_items;
  iface->get_item = osai_usage_model_get_item;
}

static void
osai_usage_model_dispose (GObject *object)
{
  OsaiUsageModel *self = (OsaiUsageModel *)object;

  g_clear_object (&self->report);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (osai_usage_model_parent_class)->dispose (object);
}

static void
osai_usage_model_finalize (GObject *object)
{
  OsaiUsageModel *self = (OsaiUsageModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (osai_usage_model_parent_class)->finalize (object);
}

static void
osai_usage_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OsaiUsageModel *self = OSAI_USAGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_usage_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OsaiUsageModel *self = OSAI_USAGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      osai_usage_model_set_report (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_usage_model_class_init (OsaiUsageModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = osai_usage_model_dispose;
  object_class->finalize = osai_usage_model_finalize;
  object_class->get_property = osai_usage_model_get_property;
  object_class->set_property = osai_usage_model_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         OSAI_TYPE_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_usage_model_init (OsaiUsageModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * osai_usage_model_new:
 * @report: (nullable): a report
 *
 * Returns: (transfer full): a list of #OsaiUsageItem, one per total of
 *   @report in #OsaiMetric order
 */
OsaiUsageModel *
osai_usage_model_new (OsaiReport *report)
{
  g_return_val_if_fail (report == NULL || OSAI_IS_REPORT (report), NULL);

  return g_object_new (OSAI_TYPE_USAGE_MODEL,
                       "report", report,
                       NULL);
}

/**
 * osai_usage_model_get_report:
 *
 * Returns: (transfer none) (nullable): the report the items come from
 */
OsaiReport *
osai_usage_model_get_report (OsaiUsageModel *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_MODEL (self), NULL);

  return self->report;
}

/**
 * osai_usage_model_set_report:
 * @self: an #OsaiUsageModel
 * @report: (nullable): a report
 *
 * Replaces every item with the totals of @report, in one
 * #GListModel::items-changed.  A report without totals (not finished yet,
 * or failed) gives no items.
 */
void
osai_usage_model_set_report (OsaiUsageModel *self,
                             OsaiReport     *report)
{
  double category_sums[OSAI_N_CATEGORIES] = { 0 };
  guint removed;

  g_return_if_fail (OSAI_IS_USAGE_MODEL (self));
  g_return_if_fail (report == NULL || OSAI_IS_REPORT (report));

  if (!g_set_object (&self->report, report))
    return;

  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);

  if (report != NULL && osai_report_has_totals (report))
    {
      for (guint i = 0; i < OSAI_N_METRICS; i++)
        {
          const OsaiMetricInfo *info = osai_metric_get_info (i);

          category_sums[info->category] += osai_metric_to_human (i, osai_report_get_total (report, i));
        }

      for (guint i = 0; i < OSAI_N_METRICS; i++)
        {
          const OsaiMetricInfo *info = osai_metric_get_info (i);
          double raw = osai_report_get_total (report, i);
          double sum = category_sums[info->category];
          double share = sum > 0.0 ? osai_metric_to_human (i, raw) / sum : 0.0;

          g_ptr_array_add (self->items, osai_usage_item_new (i, raw, share));
        }
    }

  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/**
 * osai_csv_quote:
 * @field: (nullable): a field of a CSV record
 *
 * Quotes @field as RFC 4180 wants: in double quotes, with its double quotes
 * doubled, when it holds a comma, a quote or a line break.
 *
 * Returns: (transfer full): the field, ready to be written
 */
char *
osai_csv_quote (const char *field)
{
  GString *quoted;

  if (field == NULL)
    return g_strdup ("");

  if (strpbrk (field, ",\"\r\n") == NULL)
    return g_strdup (field);

  quoted = g_string_sized_new (strlen (field) + 2);
  g_string_append_c (quoted, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/* The shortest C-locale spelling that reads back as exactly @value. */
static void
format_number (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
               double value)
{
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

static const char *
category_nick (OsaiCategory category)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (OSAI_TYPE_CATEGORY);
  GEnumValue *value = g_enum_get_value (enum_class, category);

  /* Nicks are static strings owned by the type, which is never unloaded. */
  return value != NULL ? value->value_nick : "";
}

/**
 * osai_usage_model_to_csv:
 * @self: an #OsaiUsageModel
 *
 * Returns: (transfer full): the items as CSV (RFC 4180, CRLF line ends,
 *   numbers in the C locale), with a header line
 */
char *
osai_usage_model_to_csv (OsaiUsageModel *self)
{
  GString *csv;

  g_return_val_if_fail (OSAI_IS_USAGE_MODEL (self), NULL);

  csv = g_string_new ("metric,label,category,raw_value,unit,value,human_unit,share\r\n");

  for (guint i = 0; i < self->items->len; i++)
    {
      OsaiUsageItem *item = g_ptr_array_index (self->items, i);
      const char *fields[8];
      char raw[G_ASCII_DTOSTR_BUF_SIZE];
      char value[G_ASCII_DTOSTR_BUF_SIZE];
      char share[G_ASCII_DTOSTR_BUF_SIZE];

      format_number (raw, osai_usage_item_get_raw_value (item));
      format_number (value, osai_usage_item_get_value (item));
      format_number (share, osai_usage_item_get_share (item));

      fields[0] = osai_usage_item_get_field_name (item);
      fields[1] = osai_usage_item_get_label (item);
      fields[2] = category_nick (osai_usage_item_get_category (item));
      fields[3] = raw;
      fields[4] = osai_usage_item_get_unit (item);
      fields[5] = value;
      fields[6] = osai_usage_item_get_human_unit (item);
      fields[7] = share;

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          g_autofree char *quoted = osai_csv_quote (fields[j]);

          if (j > 0)
            g_string_append_c (csv, ',');
          g_string_append (csv, quoted);
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

/* Whole numbers as JSON integers ("20356", not "20356.0"), which is exact
 * for every whole double below 2^63 (osai_report_new_from_json() refuses
 * larger totals); anything else as a double.  Only for readability: the
 * text is made by osai_json_to_string(), which writes any double validly. */
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
add_time (JsonBuilder *builder,
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
    {
      json_builder_add_null_value (builder);
    }
}

/**
 * osai_usage_model_to_json:
 * @self: an #OsaiUsageModel
 *
 * Returns: (transfer full): an object with the report's "id", "status",
 *   "periodFrom", "periodTo", "creationTime" (null when unknown) and
 *   "totals", an array of objects with the same members as the CSV columns
 */
JsonNode *
osai_usage_model_to_json (OsaiUsageModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  OsaiReport *report;

  g_return_val_if_fail (OSAI_IS_USAGE_MODEL (self), NULL);

  report = self->report;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  if (report != NULL)
    json_builder_add_int_value (builder, osai_report_get_id (report));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "status");
  if (report != NULL)
    json_builder_add_int_value (builder, osai_report_get_status (report));
  else
    json_builder_add_null_value (builder);

  add_time (builder, "periodFrom", report != NULL ? osai_report_get_period_from (report) : NULL);
  add_time (builder, "periodTo", report != NULL ? osai_report_get_period_to (report) : NULL);
  add_time (builder, "creationTime", report != NULL ? osai_report_get_creation_time (report) : NULL);

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      OsaiUsageItem *item = g_ptr_array_index (self->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "metric");
      json_builder_add_string_value (builder, osai_usage_item_get_field_name (item));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, osai_usage_item_get_label (item));
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, category_nick (osai_usage_item_get_category (item)));
      json_builder_set_member_name (builder, "raw_value");
      add_number (builder, osai_usage_item_get_raw_value (item));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, osai_usage_item_get_unit (item));
      json_builder_set_member_name (builder, "value");
      add_number (builder, osai_usage_item_get_value (item));
      json_builder_set_member_name (builder, "human_unit");
      json_builder_add_string_value (builder, osai_usage_item_get_human_unit (item));
      json_builder_set_member_name (builder, "share");
      add_number (builder, osai_usage_item_get_share (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
