/* osai-metric.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-metric"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "osai-metric.h"

#define KB_MIN_PER_MB_H (1000.0 * 60.0)
#define SECONDS_PER_HOUR 3600.0

/* Kept in OsaiMetric order: the table is indexed by metric. */
static const OsaiMetricInfo metrics[OSAI_N_METRICS] = {
  { OSAI_METRIC_EXISTING_IMAGES, "totalExistingImagesNum", N_("Existing images"),
    OSAI_CATEGORY_IMAGES, "count", "images", 1.0, OSAI_INCLUDE_DATASETS },
  { OSAI_METRIC_DELETED_IMAGES, "totalDeletedImagesNum", N_("Deleted images"),
    OSAI_CATEGORY_IMAGES, "count", "images", 1.0, OSAI_INCLUDE_DATASETS },
  { OSAI_METRIC_IMAGES_KB_MIN, "totalImagesKBMin", N_("Dataset storage"),
    OSAI_CATEGORY_STORAGE, "KB·min", "MB·h", KB_MIN_PER_MB_H, OSAI_INCLUDE_DATASETS },
  { OSAI_METRIC_MODELS_KB_MIN, "totalModelsKBMin", N_("Model storage"),
    OSAI_CATEGORY_STORAGE, "KB·min", "MB·h", KB_MIN_PER_MB_H, OSAI_INCLUDE_MODELS },
  { OSAI_METRIC_MANIPULATION_SECONDS, "totalManipulationSeconds", N_("Manipulation time"),
    OSAI_CATEGORY_COMPUTE, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_MANIPULATIONS },
  { OSAI_METRIC_TRAINING_SECONDS_8GB, "totalTrainingSeconds8GB", N_("Training time (8 GB GPU)"),
    OSAI_CATEGORY_COMPUTE, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_MODELS },
  { OSAI_METRIC_TRAINING_SECONDS_16GB, "totalTrainingSeconds16GB", N_("Training time (16 GB GPU)"),
    OSAI_CATEGORY_COMPUTE, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_MODELS },
  { OSAI_METRIC_CONVERSION_SECONDS_8GB, "totalConversionSeconds8GB", N_("Conversion time (8 GB GPU)"),
    OSAI_CATEGORY_COMPUTE, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_MODELS },
  { OSAI_METRIC_CONVERSION_SECONDS_16GB, "totalConversionSeconds16GB", N_("Conversion time (16 GB GPU)"),
    OSAI_CATEGORY_COMPUTE, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_MODELS },
  { OSAI_METRIC_PREDICTION_SECONDS_8GB, "totalPredictionSeconds8GB", N_("Prediction time (8 GB GPU)"),
    OSAI_CATEGORY_COMPUTE, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_PREDICTIONS },
  { OSAI_METRIC_PREDICTION_SECONDS_16GB, "totalPredictionSeconds16GB", N_("Prediction time (16 GB GPU)"),
    OSAI_CATEGORY_COMPUTE, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_PREDICTIONS },
  { OSAI_METRIC_DEVICE_RENTAL_SECONDS, "totalDeviceRentalSeconds", N_("Rented device time"),
    OSAI_CATEGORY_RENTAL, "s", "h", SECONDS_PER_HOUR, OSAI_INCLUDE_RENTED_DEVICES },
};

/**
 * osai_metric_get_info:
 * @metric: an #OsaiMetric other than %OSAI_N_METRICS
 *
 * Returns: (transfer none): the static description of @metric
 */
const OsaiMetricInfo *
osai_metric_get_info (OsaiMetric metric)
{
  g_return_val_if_fail ((guint) metric < OSAI_N_METRICS, NULL);

  g_assert (metrics[metric].metric == metric);

  return &metrics[metric];
}

/**
 * osai_metric_get_label:
 * @metric: an #OsaiMetric
 *
 * Returns: (transfer none): the translated name of @metric
 */
const char *
osai_metric_get_label (OsaiMetric metric)
{
  g_return_val_if_fail ((guint) metric < OSAI_N_METRICS, NULL);

  return _(metrics[metric].label);
}

/**
 * osai_category_get_label:
 * @category: an #OsaiCategory
 *
 * Returns: (transfer none): the translated name of @category
 */
const char *
osai_category_get_label (OsaiCategory category)
{
  switch (category)
    {
    case OSAI_CATEGORY_STORAGE:
      return _("Storage");
    case OSAI_CATEGORY_COMPUTE:
      /* Translators: a category of totals, the noun: GPU and computing time. */
      return _("Compute");
    case OSAI_CATEGORY_RENTAL:
      return _("Device rental");
    case OSAI_CATEGORY_IMAGES:
      return _("Images");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * osai_metric_to_human:
 * @metric: an #OsaiMetric
 * @raw: a total in the API's unit
 *
 * Returns: @raw in the metric's human unit (MB·h, hours or images)
 */
double
osai_metric_to_human (OsaiMetric metric,
                      double     raw)
{
  g_return_val_if_fail ((guint) metric < OSAI_N_METRICS, 0.0);

  return raw / metrics[metric].divisor;
}
