/* osai-comparison.c — two reports of the history, metric by metric
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A (the baseline, usually the earlier period) against B: one
 * #OsaiComparisonItem per metric that at least one of them counted, in
 * #OsaiMetric order.  A metric neither counted (its kind of usage switched
 * off in both) has no row; one counted by only one of them has a row with
 * the other value missing.
 */
#define G_LOG_DOMAIN "osai-comparison"

#include "config.h"

#include <math.h>

#include "osai-comparison.h"
#include "osai-metric.h"
#include "osai-time.h"
#include "osai-usage-model.h"

struct _OsaiComparison
{
  GObject           parent_instance;

  OsaiHistoryEntry *a;
  OsaiHistoryEntry *b;
  GPtrArray        *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OsaiComparison, osai_comparison, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_A,
  PROP_B,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
osai_comparison_get_item_type (GListModel *model)
{
  return OSAI_TYPE_COMPARISON_ITEM;
}

static guint
osai_comparison_get_n_items (GListModel *model)
{
  return OSAI_COMPARISON (model)->items->len;
}

static gpointer
osai_comparison_get_item (GListModel *model,
                          guint       position)
{
  OsaiComparison *self = OSAI_COMPARISON (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = osai_comparison_get_item_type;
  iface->get_n_items = osai_comparison_get_n_items;
  iface->get_item = osai_comparison_get_item;
}

static void
osai_comparison_dispose (GObject *object)
{
  OsaiComparison *self = (OsaiComparison *)object;

  g_clear_object (&self->a);
  g_clear_object (&self->b);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (osai_comparison_parent_class)->dispose (object);
}

static void
osai_comparison_finalize (GObject *object)
{
  OsaiComparison *self = (OsaiComparison *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (osai_comparison_parent_class)->finalize (object);
}

static void
osai_comparison_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OsaiComparison *self = OSAI_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_A:
      g_value_set_object (value, self->a);
      break;

    case PROP_B:
      g_value_set_object (value, self->b);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_comparison_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OsaiComparison *self = OSAI_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_A:
      self->a = g_value_dup_object (value);
      break;

    case PROP_B:
      self->b = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static double
total_of (OsaiHistoryEntry *entry,
          OsaiMetric        metric)
{
  OsaiReport *report = osai_history_entry_get_report (entry);

  return report != NULL ? osai_report_get_total (report, metric) : 0.0;
}

static void
osai_comparison_constructed (GObject *object)
{
  OsaiComparison *self = (OsaiComparison *)object;

  G_OBJECT_CLASS (osai_comparison_parent_class)->constructed (object);

  g_return_if_fail (self->a != NULL && self->b != NULL);

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      gboolean has_a = osai_history_entry_has_metric (self->a, i);
      gboolean has_b = osai_history_entry_has_metric (self->b, i);

      if (!has_a && !has_b)
        continue;

      g_ptr_array_add (self->items,
                       osai_comparison_item_new (i, has_a, total_of (self->a, i),
                                                 has_b, total_of (self->b, i)));
    }
}

static void
osai_comparison_class_init (OsaiComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = osai_comparison_constructed;
  object_class->dispose = osai_comparison_dispose;
  object_class->finalize = osai_comparison_finalize;
  object_class->get_property = osai_comparison_get_property;
  object_class->set_property = osai_comparison_set_property;

  properties[PROP_A] =
    g_param_spec_object ("a", NULL, NULL,
                         OSAI_TYPE_HISTORY_ENTRY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_B] =
    g_param_spec_object ("b", NULL, NULL,
                         OSAI_TYPE_HISTORY_ENTRY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_comparison_init (OsaiComparison *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * osai_comparison_new:
 * @a: the baseline: the earlier report
 * @b: the report compared with it
 *
 * Returns: (transfer full): the rows, B − A
 */
OsaiComparison *
osai_comparison_new (OsaiHistoryEntry *a,
                     OsaiHistoryEntry *b)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (a), NULL);
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (b), NULL);

  return g_object_new (OSAI_TYPE_COMPARISON,
                       "a", a,
                       "b", b,
                       NULL);
}

/**
 * osai_comparison_get_a:
 *
 * Returns: (transfer none): the baseline
 */
OsaiHistoryEntry *
osai_comparison_get_a (OsaiComparison *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON (self), NULL);

  return self->a;
}

/**
 * osai_comparison_get_b:
 *
 * Returns: (transfer none): the report compared with the baseline
 */
OsaiHistoryEntry *
osai_comparison_get_b (OsaiComparison *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON (self), NULL);

  return self->b;
}

/* The shortest C-locale spelling that reads back as exactly @value;
 * whole numbers without an exponent ("-50", not "-5e+01").  A value that
 * is not finite (a change that overflows) is an empty cell. */
static void
format_number (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
               double value)
{
  if (!isfinite (value))
    {
      buf[0] = '\0';
      return;
    }

  if (value == floor (value) && fabs (value) <= 9007199254740992.0)
    {
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.0f", value);
      return;
    }

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

  return value != NULL ? value->value_nick : "";
}

/**
 * osai_comparison_to_csv:
 * @self: an #OsaiComparison
 *
 * One line per row: metric, label, category, unit, value_a, value_b,
 * difference, change_percent.  A missing value, or a difference or change
 * that is not defined, is an empty cell, never a 0.
 *
 * Returns: (transfer full): RFC 4180 CSV, CRLF line ends, numbers in the C
 *   locale, with a header line
 */
char *
osai_comparison_to_csv (OsaiComparison *self)
{
  GString *csv;

  g_return_val_if_fail (OSAI_IS_COMPARISON (self), NULL);

  csv = g_string_new ("metric,label,category,unit,value_a,value_b,difference,change_percent\r\n");

  for (guint i = 0; i < self->items->len; i++)
    {
      OsaiComparisonItem *item = g_ptr_array_index (self->items, i);
      char value_a[G_ASCII_DTOSTR_BUF_SIZE] = "";
      char value_b[G_ASCII_DTOSTR_BUF_SIZE] = "";
      char difference[G_ASCII_DTOSTR_BUF_SIZE] = "";
      char change[G_ASCII_DTOSTR_BUF_SIZE] = "";
      const char *fields[8];

      if (osai_comparison_item_has_value_a (item))
        format_number (value_a, osai_comparison_item_get_value_a (item));
      if (osai_comparison_item_has_value_b (item))
        format_number (value_b, osai_comparison_item_get_value_b (item));
      if (osai_comparison_item_has_difference (item))
        format_number (difference, osai_comparison_item_get_difference (item));
      if (osai_comparison_item_has_change (item))
        format_number (change, osai_comparison_item_get_change_percent (item));

      fields[0] = osai_comparison_item_get_field_name (item);
      fields[1] = osai_comparison_item_get_label (item);
      fields[2] = category_nick (osai_comparison_item_get_category (item));
      fields[3] = osai_comparison_item_get_unit (item);
      fields[4] = value_a;
      fields[5] = value_b;
      fields[6] = difference;
      fields[7] = change;

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

/* Whole numbers as JSON integers, exact for every whole double below 2^63,
 * as the other exports write them; anything else as a double.  A change
 * that overflows (B huge, A tiny) is as undefined as one from 0: null, as
 * in the CSV. */
static void
add_number (JsonBuilder *builder,
            const char  *name,
            gboolean     defined,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (!defined || !isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 9223372036854775808.0)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_entry (JsonBuilder      *builder,
           const char       *name,
           OsaiHistoryEntry *entry)
{
  g_autofree char *from = osai_time_format_iso8601 (osai_history_entry_get_period_from (entry));
  g_autofree char *to = osai_time_format_iso8601 (osai_history_entry_get_period_to (entry));
  g_autofree char *created = osai_time_format_iso8601 (osai_history_entry_get_created (entry));

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, osai_history_entry_get_key (entry));
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, osai_history_entry_get_report_id (entry));
  json_builder_set_member_name (builder, "server");
  json_builder_add_string_value (builder, osai_history_entry_get_server (entry));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "periodFrom");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "periodTo");
  json_builder_add_string_value (builder, to);
  json_builder_end_object (builder);
}

/**
 * osai_comparison_to_json:
 * @self: an #OsaiComparison
 *
 * Returns: (transfer full): an object with "a" and "b" (key, id, server,
 *   created, periodFrom, periodTo) and "rows", an array of objects with
 *   the members of the CSV columns; what is missing or undefined is null
 */
JsonNode *
osai_comparison_to_json (OsaiComparison *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (OSAI_IS_COMPARISON (self), NULL);

  json_builder_begin_object (builder);
  add_entry (builder, "a", self->a);
  add_entry (builder, "b", self->b);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      OsaiComparisonItem *item = g_ptr_array_index (self->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "metric");
      json_builder_add_string_value (builder, osai_comparison_item_get_field_name (item));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, osai_comparison_item_get_label (item));
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder,
                                     category_nick (osai_comparison_item_get_category (item)));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, osai_comparison_item_get_unit (item));
      add_number (builder, "value_a", osai_comparison_item_has_value_a (item),
                  osai_comparison_item_get_value_a (item));
      add_number (builder, "value_b", osai_comparison_item_has_value_b (item),
                  osai_comparison_item_get_value_b (item));
      add_number (builder, "difference", osai_comparison_item_has_difference (item),
                  osai_comparison_item_get_difference (item));
      add_number (builder, "change_percent", osai_comparison_item_has_change (item),
                  osai_comparison_item_get_change_percent (item));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
