/* osai-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-types"

#include "config.h"

#include "osai-types.h"

G_DEFINE_FLAGS_TYPE (OsaiIncludeFlags, osai_include_flags,
                     G_DEFINE_ENUM_VALUE (OSAI_INCLUDE_NONE, "none"),
                     G_DEFINE_ENUM_VALUE (OSAI_INCLUDE_DATASETS, "datasets"),
                     G_DEFINE_ENUM_VALUE (OSAI_INCLUDE_MANIPULATIONS, "manipulations"),
                     G_DEFINE_ENUM_VALUE (OSAI_INCLUDE_MODELS, "models"),
                     G_DEFINE_ENUM_VALUE (OSAI_INCLUDE_RENTED_DEVICES, "rented-devices"),
                     G_DEFINE_ENUM_VALUE (OSAI_INCLUDE_PREDICTIONS, "predictions"))

G_DEFINE_ENUM_TYPE (OsaiReportStatus, osai_report_status,
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_STATUS_IN_PROGRESS, "in-progress"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_STATUS_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_STATUS_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (OsaiCategory, osai_category,
                    G_DEFINE_ENUM_VALUE (OSAI_CATEGORY_STORAGE, "storage"),
                    G_DEFINE_ENUM_VALUE (OSAI_CATEGORY_COMPUTE, "compute"),
                    G_DEFINE_ENUM_VALUE (OSAI_CATEGORY_RENTAL, "rental"),
                    G_DEFINE_ENUM_VALUE (OSAI_CATEGORY_IMAGES, "images"))

G_DEFINE_ENUM_TYPE (OsaiMetric, osai_metric,
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_EXISTING_IMAGES, "existing-images"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_DELETED_IMAGES, "deleted-images"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_IMAGES_KB_MIN, "images-kb-min"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_MODELS_KB_MIN, "models-kb-min"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_MANIPULATION_SECONDS, "manipulation-seconds"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_TRAINING_SECONDS_8GB, "training-seconds-8gb"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_TRAINING_SECONDS_16GB, "training-seconds-16gb"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_CONVERSION_SECONDS_8GB, "conversion-seconds-8gb"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_CONVERSION_SECONDS_16GB, "conversion-seconds-16gb"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_PREDICTION_SECONDS_8GB, "prediction-seconds-8gb"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_PREDICTION_SECONDS_16GB, "prediction-seconds-16gb"),
                    G_DEFINE_ENUM_VALUE (OSAI_METRIC_DEVICE_RENTAL_SECONDS, "device-rental-seconds"))

/**
 * osai_include_flag_get_field:
 * @single_flag: exactly one #OsaiIncludeFlags value
 *
 * Returns: (nullable): the name of the JSON field that carries @single_flag
 *   in requests and reports, e.g. "includeDatasets"; %NULL for anything that
 *   is not a single flag.
 */
const char *
osai_include_flag_get_field (OsaiIncludeFlags single_flag)
{
  switch (single_flag)
    {
    case OSAI_INCLUDE_DATASETS:
      return "includeDatasets";
    case OSAI_INCLUDE_MANIPULATIONS:
      return "includeManipulations";
    case OSAI_INCLUDE_MODELS:
      return "includeModels";
    case OSAI_INCLUDE_RENTED_DEVICES:
      return "includeRentedDevices";
    case OSAI_INCLUDE_PREDICTIONS:
      return "includePredictions";
    case OSAI_INCLUDE_NONE:
    default:
      return NULL;
    }
}
