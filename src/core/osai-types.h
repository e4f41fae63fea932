/* osai-types.h — enums shared by the whole core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * OsaiIncludeFlags:
 *
 * The switches of a report request, one per kind of usage.
 */
typedef enum
{
  OSAI_INCLUDE_NONE            = 0,
  OSAI_INCLUDE_DATASETS        = 1 << 0,
  OSAI_INCLUDE_MANIPULATIONS   = 1 << 1,
  OSAI_INCLUDE_MODELS          = 1 << 2,
  OSAI_INCLUDE_RENTED_DEVICES  = 1 << 3,
  OSAI_INCLUDE_PREDICTIONS     = 1 << 4,
} OsaiIncludeFlags;

#define OSAI_INCLUDE_ALL (OSAI_INCLUDE_DATASETS | OSAI_INCLUDE_MANIPULATIONS | OSAI_INCLUDE_MODELS | \
                          OSAI_INCLUDE_RENTED_DEVICES | OSAI_INCLUDE_PREDICTIONS)

/**
 * OsaiReportStatus:
 *
 * The `status` of a report as the API sends it.  Other values may arrive.
 */
typedef enum
{
  OSAI_REPORT_STATUS_IN_PROGRESS = -1,
  OSAI_REPORT_STATUS_DONE        = 0,
  OSAI_REPORT_STATUS_FAILED      = 1,
} OsaiReportStatus;

typedef enum
{
  OSAI_CATEGORY_STORAGE,
  OSAI_CATEGORY_COMPUTE,
  OSAI_CATEGORY_RENTAL,
  OSAI_CATEGORY_IMAGES,
} OsaiCategory;

#define OSAI_N_CATEGORIES (OSAI_CATEGORY_IMAGES + 1)

typedef enum
{
  OSAI_METRIC_EXISTING_IMAGES,
  OSAI_METRIC_DELETED_IMAGES,
  OSAI_METRIC_IMAGES_KB_MIN,
  OSAI_METRIC_MODELS_KB_MIN,
  OSAI_METRIC_MANIPULATION_SECONDS,
  OSAI_METRIC_TRAINING_SECONDS_8GB,
  OSAI_METRIC_TRAINING_SECONDS_16GB,
  OSAI_METRIC_CONVERSION_SECONDS_8GB,
  OSAI_METRIC_CONVERSION_SECONDS_16GB,
  OSAI_METRIC_PREDICTION_SECONDS_8GB,
  OSAI_METRIC_PREDICTION_SECONDS_16GB,
  OSAI_METRIC_DEVICE_RENTAL_SECONDS,
  OSAI_N_METRICS
} OsaiMetric;

#define OSAI_TYPE_INCLUDE_FLAGS  (osai_include_flags_get_type ())
#define OSAI_TYPE_REPORT_STATUS  (osai_report_status_get_type ())
#define OSAI_TYPE_CATEGORY       (osai_category_get_type ())
#define OSAI_TYPE_METRIC         (osai_metric_get_type ())

GType        osai_include_flags_get_type  (void) G_GNUC_CONST;
GType        osai_report_status_get_type  (void) G_GNUC_CONST;
GType        osai_category_get_type       (void) G_GNUC_CONST;
GType        osai_metric_get_type         (void) G_GNUC_CONST;

const char  *osai_include_flag_get_field  (OsaiIncludeFlags single_flag);

G_END_DECLS
