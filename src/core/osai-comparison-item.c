/* osai-comparison-item.c — one metric of two reports, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A value is missing when its report did not count the metric (its kind
 * of usage was switched off, or the report is not done): missing is not
 * zero.  The difference needs both values; the change in percent needs
 * both and a baseline (A) that is not zero.  Each number has a has-*
 * property beside it, and reads as 0 when it does not exist, so that a
 * GtkNumericSorter never meets a NaN: sort by has-change, then by
 * change-percent (a GtkMultiSorter), and the undefined rows stay together.
 */
#define G_LOG_DOMAIN "osai-comparison-item"

#include "config.h"

#include <math.h>

#include "osai-comparison-item.h"
#include "osai-metric.h"

struct _OsaiComparisonItem
{
  GObject     parent_instance;

  OsaiMetric  metric;
  gboolean    has_a;
  gboolean    has_b;
  double      value_a;   /* human units */
  double      value_b;
};

G_DEFINE_FINAL_TYPE (OsaiComparisonItem, osai_comparison_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METRIC,
  PROP_FIELD_NAME,
  PROP_LABEL,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_UNIT,
  PROP_HAS_VALUE_A,
  PROP_VALUE_A,
  PROP_HAS_VALUE_B,
  PROP_VALUE_B,
  PROP_HAS_DIFFERENCE,
  PROP_DIFFERENCE,
  PROP_HAS_CHANGE,
  PROP_CHANGE_PERCENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
osai_comparison_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OsaiComparisonItem *self = OSAI_COMPARISON_ITEM (object);

  switch (prop_id)
    {
    case PROP_METRIC:
      g_value_set_enum (value, self->metric);
      break;

    case PROP_FIELD_NAME:
      g_value_set_string (value, osai_comparison_item_get_field_name (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, osai_comparison_item_get_label (self));
      break;

    case PROP_CATEGORY:
      g_value_set_enum (value, osai_comparison_item_get_category (self));
      break;

    case PROP_CATEGORY_LABEL:
      g_value_set_string (value, osai_comparison_item_get_category_label (self));
      break;

    case PROP_UNIT:
      g_value_set_string (value, osai_comparison_item_get_unit (self));
      break;

    case PROP_HAS_VALUE_A:
      g_value_set_boolean (value, self->has_a);
      break;

    case PROP_VALUE_A:
      g_value_set_double (value, osai_comparison_item_get_value_a (self));
      break;

    case PROP_HAS_VALUE_B:
      g_value_set_boolean (value, self->has_b);
      break;

    case PROP_VALUE_B:
      g_value_set_double (value, osai_comparison_item_get_value_b (self));
      break;

    case PROP_HAS_DIFFERENCE:
      g_value_set_boolean (value, osai_comparison_item_has_difference (self));
      break;

    case PROP_DIFFERENCE:
      g_value_set_double (value, osai_comparison_item_get_difference (self));
      break;

    case PROP_HAS_CHANGE:
      g_value_set_boolean (value, osai_comparison_item_has_change (self));
      break;

    case PROP_CHANGE_PERCENT:
      g_value_set_double (value, osai_comparison_item_get_change_percent (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_comparison_item_class_init (OsaiComparisonItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = osai_comparison_item_get_property;

  properties[PROP_METRIC] =
    g_param_spec_enum ("metric", NULL, NULL,
                       OSAI_TYPE_METRIC, OSAI_METRIC_EXISTING_IMAGES, flags);
  properties[PROP_FIELD_NAME] =
    g_param_spec_string ("field-name", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL,
                       OSAI_TYPE_CATEGORY, OSAI_CATEGORY_STORAGE, flags);
  properties[PROP_CATEGORY_LABEL] =
    g_param_spec_string ("category-label", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_HAS_VALUE_A] =
    g_param_spec_boolean ("has-value-a", NULL, NULL, FALSE, flags);
  properties[PROP_VALUE_A] =
    g_param_spec_double ("value-a", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_HAS_VALUE_B] =
    g_param_spec_boolean ("has-value-b", NULL, NULL, FALSE, flags);
  properties[PROP_VALUE_B] =
    g_param_spec_double ("value-b", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_HAS_DIFFERENCE] =
    g_param_spec_boolean ("has-difference", NULL, NULL, FALSE, flags);
  properties[PROP_DIFFERENCE] =
    g_param_spec_double ("difference", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_HAS_CHANGE] =
    g_param_spec_boolean ("has-change", NULL, NULL, FALSE, flags);
  properties[PROP_CHANGE_PERCENT] =
    g_param_spec_double ("change-percent", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_comparison_item_init (OsaiComparisonItem *self)
{
}

/**
 * osai_comparison_item_new:
 * @metric: which total
 * @has_a: whether report A counted @metric
 * @raw_a: its total in A, in the API's unit (ignored unless @has_a)
 * @has_b: whether report B counted @metric
 * @raw_b: its total in B (ignored unless @has_b)
 *
 * Returns: (transfer full): a new, immutable row
 */
OsaiComparisonItem *
osai_comparison_item_new (OsaiMetric metric,
                          gboolean   has_a,
                          double     raw_a,
                          gboolean   has_b,
                          double     raw_b)
{
  OsaiComparisonItem *self;

  g_return_val_if_fail ((guint) metric < OSAI_N_METRICS, NULL);

  self = g_object_new (OSAI_TYPE_COMPARISON_ITEM, NULL);
  self->metric = metric;
  self->has_a = has_a;
  self->has_b = has_b;
  self->value_a = has_a ? osai_metric_to_human (metric, raw_a) : 0.0;
  self->value_b = has_b ? osai_metric_to_human (metric, raw_b) : 0.0;

  return self;
}

OsaiMetric
osai_comparison_item_get_metric (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), OSAI_METRIC_EXISTING_IMAGES);

  return self->metric;
}

/**
 * osai_comparison_item_get_field_name:
 *
 * Returns: (transfer none): the API's name of the metric, "totalImagesKBMin"
 */
const char *
osai_comparison_item_get_field_name (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), NULL);

  return osai_metric_get_info (self->metric)->field;
}

/**
 * osai_comparison_item_get_label:
 *
 * Returns: (transfer none): the translated name of the metric
 */
const char *
osai_comparison_item_get_label (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), NULL);

  return osai_metric_get_label (self->metric);
}

OsaiCategory
osai_comparison_item_get_category (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), OSAI_CATEGORY_STORAGE);

  return osai_metric_get_info (self->metric)->category;
}

/**
 * osai_comparison_item_get_category_label:
 *
 * Returns: (transfer none): the translated name of the category
 */
const char *
osai_comparison_item_get_category_label (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), NULL);

  return osai_category_get_label (osai_comparison_item_get_category (self));
}

/**
 * osai_comparison_item_get_unit:
 *
 * Returns: (transfer none): the unit of the values: "images", "MB·h" or "h"
 */
const char *
osai_comparison_item_get_unit (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), NULL);

  return osai_metric_get_info (self->metric)->human_unit;
}

gboolean
osai_comparison_item_has_value_a (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), FALSE);

  return self->has_a;
}

/**
 * osai_comparison_item_get_value_a:
 *
 * Returns: the total in report A in the human unit; 0 when missing (see
 *   osai_comparison_item_has_value_a())
 */
double
osai_comparison_item_get_value_a (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), 0.0);

  return self->value_a;
}

gboolean
osai_comparison_item_has_value_b (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), FALSE);

  return self->has_b;
}

/**
 * osai_comparison_item_get_value_b:
 *
 * Returns: the total in report B in the human unit; 0 when missing
 */
double
osai_comparison_item_get_value_b (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), 0.0);

  return self->value_b;
}

/**
 * osai_comparison_item_has_difference:
 *
 * Returns: %TRUE when both reports counted the metric
 */
gboolean
osai_comparison_item_has_difference (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), FALSE);

  return self->has_a && self->has_b;
}

/**
 * osai_comparison_item_get_difference:
 *
 * Returns: B − A in the human unit; 0 when undefined
 */
double
osai_comparison_item_get_difference (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), 0.0);

  if (!osai_comparison_item_has_difference (self))
    return 0.0;

  return self->value_b - self->value_a;
}

/**
 * osai_comparison_item_has_change:
 *
 * Returns: %TRUE when the change in percent is defined: both values exist,
 *   A is not 0, and the ratio is a finite number (a tiny A against a huge
 *   B overflows; that is no percentage to show or sort by either)
 */
gboolean
osai_comparison_item_has_change (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), FALSE);

  return osai_comparison_item_has_difference (self) && self->value_a != 0.0
         && isfinite ((self->value_b - self->value_a) / self->value_a * 100.0);
}

/**
 * osai_comparison_item_get_change_percent:
 *
 * Returns: (B − A) / A × 100; 0 when undefined (see
 *   osai_comparison_item_has_change())
 */
double
osai_comparison_item_get_change_percent (OsaiComparisonItem *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_ITEM (self), 0.0);

  if (!osai_comparison_item_has_change (self))
    return 0.0;

  return (self->value_b - self->value_a) / self->value_a * 100.0;
}
