/* osai-usage-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-usage-item"

#include "config.h"

#include "osai-metric.h"
#include "osai-usage-item.h"

struct _OsaiUsageItem
{
  GObject     parent_instance;

  OsaiMetric  metric;
  double      raw_value;
  double      share;
};

G_DEFINE_FINAL_TYPE (OsaiUsageItem, osai_usage_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METRIC,
  PROP_FIELD_NAME,
  PROP_LABEL,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_RAW_VALUE,
  PROP_UNIT,
  PROP_VALUE,
  PROP_HUMAN_UNIT,
  PROP_SHARE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
osai_usage_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OsaiUsageItem *self = OSAI_USAGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_METRIC:
      g_value_set_enum (value, self->metric);
      break;

    case PROP_FIELD_NAME:
      g_value_set_string (value, osai_usage_item_get_field_name (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, osai_usage_item_get_label (self));
      break;

    case PROP_CATEGORY:
      g_value_set_enum (value, osai_usage_item_get_category (self));
      break;

    case PROP_CATEGORY_LABEL:
      g_value_set_string (value, osai_usage_item_get_category_label (self));
      break;

    case PROP_RAW_VALUE:
      g_value_set_double (value, self->raw_value);
      break;

    case PROP_UNIT:
      g_value_set_string (value, osai_usage_item_get_unit (self));
      break;

    case PROP_VALUE:
      g_value_set_double (value, osai_usage_item_get_value (self));
      break;

    case PROP_HUMAN_UNIT:
      g_value_set_string (value, osai_usage_item_get_human_unit (self));
      break;

    case PROP_SHARE:
      g_value_set_double (value, self->share);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_usage_item_class_init (OsaiUsageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = osai_usage_item_get_property;

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
  properties[PROP_RAW_VALUE] =
    g_param_spec_double ("raw-value", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_HUMAN_UNIT] =
    g_param_spec_string ("human-unit", NULL, NULL, NULL, flags);
  properties[PROP_SHARE] =
    g_param_spec_double ("share", NULL, NULL,
                         0.0, 1.0, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_usage_item_init (OsaiUsageItem *self)
{
}

/**
 * osai_usage_item_new:
 * @metric: which total
 * @raw_value: the total in the API's unit
 * @share: the item's part of its category, from 0 to 1
 *
 * Returns: (transfer full): a new, immutable item
 */
OsaiUsageItem *
osai_usage_item_new (OsaiMetric metric,
                     double     raw_value,
                     double     share)
{
  OsaiUsageItem *self;

  g_return_val_if_fail ((guint) metric < OSAI_N_METRICS, NULL);

  self = g_object_new (OSAI_TYPE_USAGE_ITEM, NULL);
  self->metric = metric;
  self->raw_value = raw_value;
  self->share = CLAMP (share, 0.0, 1.0);

  return self;
}

OsaiMetric
osai_usage_item_get_metric (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), OSAI_METRIC_EXISTING_IMAGES);

  return self->metric;
}

/**
 * osai_usage_item_get_field_name:
 *
 * Returns: (transfer none): the JSON field, e.g. "totalImagesKBMin"
 */
const char *
osai_usage_item_get_field_name (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), NULL);

  return osai_metric_get_info (self->metric)->field;
}

/**
 * osai_usage_item_get_label:
 *
 * Returns: (transfer none): the translated name of the metric
 */
const char *
osai_usage_item_get_label (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), NULL);

  return osai_metric_get_label (self->metric);
}

OsaiCategory
osai_usage_item_get_category (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), OSAI_CATEGORY_STORAGE);

  return osai_metric_get_info (self->metric)->category;
}

/**
 * osai_usage_item_get_category_label:
 *
 * Returns: (transfer none): the translated name of the category
 */
const char *
osai_usage_item_get_category_label (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), NULL);

  return osai_category_get_label (osai_metric_get_info (self->metric)->category);
}

double
osai_usage_item_get_raw_value (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), 0.0);

  return self->raw_value;
}

/**
 * osai_usage_item_get_unit:
 *
 * Returns: (transfer none): the API's unit: "count", "KB·min" or "s"
 */
const char *
osai_usage_item_get_unit (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), NULL);

  return osai_metric_get_info (self->metric)->unit;
}

/**
 * osai_usage_item_get_value:
 *
 * Returns: the total in osai_usage_item_get_human_unit()
 */
double
osai_usage_item_get_value (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), 0.0);

  return osai_metric_to_human (self->metric, self->raw_value);
}

/**
 * osai_usage_item_get_human_unit:
 *
 * Returns: (transfer none): "images", "MB·h" or "h"
 */
const char *
osai_usage_item_get_human_unit (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), NULL);

  return osai_metric_get_info (self->metric)->human_unit;
}

/**
 * osai_usage_item_get_share:
 *
 * Returns: the item's part of the sum of its category in the report, 0 to 1
 */
double
osai_usage_item_get_share (OsaiUsageItem *self)
{
  g_return_val_if_fail (OSAI_IS_USAGE_ITEM (self), 0.0);

  return self->share;
}
