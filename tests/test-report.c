/* test-report.c — the golden test: a finished report, its usage rows, and
 * how strictly answers are read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "osai-error.h"
#include "osai-metric.h"
#include "osai-report.h"
#include "osai-usage-model.h"
#include "osai-test-utils.h"

#define TOTAL_IMAGES_KB_MIN 1.4956327299571348e+18
#define TOTAL_MODELS_KB_MIN 722292409625.8818
#define COMPUTE_SECONDS (11080535.0 + 72631905.0 + 0.0 + 251529937.0 + 0.0 + 146.0 + 0.0)

static void
assert_close (double actual,
              double expected)
{
  /* A relative tolerance of a few ulps: the golden values are exact. */
  if (expected == 0.0)
    g_assert_cmpfloat (actual, ==, 0.0);
  else if (!G_APPROX_VALUE (actual, expected, fabs (expected) * 1e-14))
    g_error ("%.17g is not %.17g", actual, expected);
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = osai_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static OsaiReport *
load_report (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  OsaiReport *report = osai_report_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (OSAI_IS_REPORT (report));

  return report;
}

static void
assert_time (GDateTime  *time,
             gint64      unix_seconds,
             int         microseconds)
{
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (time), ==, unix_seconds);
  g_assert_cmpint (g_date_time_get_microsecond (time), ==, microseconds);
}

static void
test_report_done (void)
{
  g_autoptr(OsaiReport) report = load_report ("report-done.json");
  const double expected[OSAI_N_METRICS] = {
    [OSAI_METRIC_EXISTING_IMAGES] = 20356,
    [OSAI_METRIC_DELETED_IMAGES] = 94853,
    [OSAI_METRIC_IMAGES_KB_MIN] = TOTAL_IMAGES_KB_MIN,
    [OSAI_METRIC_MODELS_KB_MIN] = TOTAL_MODELS_KB_MIN,
    [OSAI_METRIC_MANIPULATION_SECONDS] = 11080535,
    [OSAI_METRIC_TRAINING_SECONDS_8GB] = 72631905,
    [OSAI_METRIC_TRAINING_SECONDS_16GB] = 0,
    [OSAI_METRIC_CONVERSION_SECONDS_8GB] = 251529937,
    [OSAI_METRIC_CONVERSION_SECONDS_16GB] = 0,
    [OSAI_METRIC_PREDICTION_SECONDS_8GB] = 146,
    [OSAI_METRIC_PREDICTION_SECONDS_16GB] = 0,
    [OSAI_METRIC_DEVICE_RENTAL_SECONDS] = 2392872,
  };
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) creation_time = NULL;
  gint64 id;
  int status;
  OsaiIncludeFlags include;

  g_assert_cmpint (osai_report_get_id (report), ==, 16718);
  g_assert_cmpint (osai_report_get_status (report), ==, OSAI_REPORT_STATUS_DONE);
  g_assert_true (osai_report_has_totals (report));
  g_assert_false (osai_report_get_read (report));
  g_assert_cmpint (osai_report_get_include (report), ==, OSAI_INCLUDE_ALL);
  g_assert_cmpstr (osai_report_get_path (report), ==,
                   "https://onestepai.storage.onestepcloud.pl/s3/d4ae333b-1fa3-499a-bdb1-d941eaa7c37e"
                   "/Reports/9c54caed-b3cf-4487-9748-68260b258234.json?AWSAccessKeyId=YXBw"
                   "&Expires=1676041416&Signature=1R8DE2QHsA0pnwDKvD44d7od9Ng%3D");
  assert_time (osai_report_get_path_expires (report), 1676041416, 0);
  /* "2023-02-10T14:33:33.762903Z": six fractional digits, all kept. */
  assert_time (osai_report_get_creation_time (report), 1676039613, 762903);
  assert_time (osai_report_get_period_from (report), 1640995200, 0);
  assert_time (osai_report_get_period_to (report), 1672531200, 0);

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    g_assert_cmpfloat (osai_report_get_total (report, i), ==, expected[i]);

  /* The same through properties, for bindings. */
  g_object_get (report,
                "id", &id,
                "status", &status,
                "path", &path,
                "creation-time", &creation_time,
                "include", &include,
                NULL);
  g_assert_cmpint (id, ==, 16718);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (path, ==, osai_report_get_path (report));
  g_assert_true (g_date_time_equal (creation_time, osai_report_get_creation_time (report)));
  g_assert_cmpint (include, ==, OSAI_INCLUDE_ALL);
}

static void
test_report_created (void)
{
  g_autoptr(OsaiReport) report = load_report ("report-created.json");

  g_assert_cmpint (osai_report_get_id (report), ==, 16718);
  g_assert_cmpint (osai_report_get_status (report), ==, OSAI_REPORT_STATUS_IN_PROGRESS);
  g_assert_false (osai_report_has_totals (report));
  /* "2023-02-10T14:33:33.7629037Z": seven digits, microseconds kept. */
  assert_time (osai_report_get_creation_time (report), 1676039613, 762903);
  g_assert_null (osai_report_get_period_from (report));
  g_assert_null (osai_report_get_period_to (report));
  g_assert_null (osai_report_get_path (report));
  g_assert_null (osai_report_get_path_expires (report));
  g_assert_cmpint (osai_report_get_include (report), ==, OSAI_INCLUDE_NONE);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    g_assert_cmpfloat (osai_report_get_total (report, i), ==, 0.0);
}

typedef struct
{
  OsaiMetric    metric;
  const char   *field;
  const char   *label;
  OsaiCategory  category;
  const char   *category_label;
  double        raw;
  const char   *unit;
  double        value;
  const char   *human_unit;
  double        share;
} ExpectedRow;

static const ExpectedRow golden_rows[OSAI_N_METRICS] = {
  { OSAI_METRIC_EXISTING_IMAGES, "totalExistingImagesNum", "Existing images",
    OSAI_CATEGORY_IMAGES, "Images", 20356, "count", 20356, "images", 20356.0 / (20356 + 94853) },
  { OSAI_METRIC_DELETED_IMAGES, "totalDeletedImagesNum", "Deleted images",
    OSAI_CATEGORY_IMAGES, "Images", 94853, "count", 94853, "images", 94853.0 / (20356 + 94853) },
  { OSAI_METRIC_IMAGES_KB_MIN, "totalImagesKBMin", "Dataset storage",
    OSAI_CATEGORY_STORAGE, "Storage", TOTAL_IMAGES_KB_MIN, "KB·min", TOTAL_IMAGES_KB_MIN / 60000, "MB·h",
    TOTAL_IMAGES_KB_MIN / (TOTAL_IMAGES_KB_MIN + TOTAL_MODELS_KB_MIN) },
  { OSAI_METRIC_MODELS_KB_MIN, "totalModelsKBMin", "Model storage",
    OSAI_CATEGORY_STORAGE, "Storage", TOTAL_MODELS_KB_MIN, "KB·min", TOTAL_MODELS_KB_MIN / 60000, "MB·h",
    TOTAL_MODELS_KB_MIN / (TOTAL_IMAGES_KB_MIN + TOTAL_MODELS_KB_MIN) },
  { OSAI_METRIC_MANIPULATION_SECONDS, "totalManipulationSeconds", "Manipulation time",
    OSAI_CATEGORY_COMPUTE, "Compute", 11080535, "s", 11080535 / 3600.0, "h", 11080535 / COMPUTE_SECONDS },
  { OSAI_METRIC_TRAINING_SECONDS_8GB, "totalTrainingSeconds8GB", "Training time (8 GB GPU)",
    OSAI_CATEGORY_COMPUTE, "Compute", 72631905, "s", 72631905 / 3600.0, "h", 72631905 / COMPUTE_SECONDS },
  { OSAI_METRIC_TRAINING_SECONDS_16GB, "totalTrainingSeconds16GB", "Training time (16 GB GPU)",
    OSAI_CATEGORY_COMPUTE, "Compute", 0, "s", 0, "h", 0 },
  { OSAI_METRIC_CONVERSION_SECONDS_8GB, "totalConversionSeconds8GB", "Conversion time (8 GB GPU)",
    OSAI_CATEGORY_COMPUTE, "Compute", 251529937, "s", 251529937 / 3600.0, "h", 251529937 / COMPUTE_SECONDS },
  { OSAI_METRIC_CONVERSION_SECONDS_16GB, "totalConversionSeconds16GB", "Conversion time (16 GB GPU)",
    OSAI_CATEGORY_COMPUTE, "Compute", 0, "s", 0, "h", 0 },
  { OSAI_METRIC_PREDICTION_SECONDS_8GB, "totalPredictionSeconds8GB", "Prediction time (8 GB GPU)",
    OSAI_CATEGORY_COMPUTE, "Compute", 146, "s", 146 / 3600.0, "h", 146 / COMPUTE_SECONDS },
  { OSAI_METRIC_PREDICTION_SECONDS_16GB, "totalPredictionSeconds16GB", "Prediction time (16 GB GPU)",
    OSAI_CATEGORY_COMPUTE, "Compute", 0, "s", 0, "h", 0 },
  { OSAI_METRIC_DEVICE_RENTAL_SECONDS, "totalDeviceRentalSeconds", "Rented device time",
    OSAI_CATEGORY_RENTAL, "Device rental", 2392872, "s", 2392872 / 3600.0, "h", 1.0 },
};

static void
test_usage_model_golden (void)
{
  g_autoptr(OsaiReport) report = load_report ("report-done.json");
  g_autoptr(OsaiUsageModel) model = osai_usage_model_new (report);
  double share_sums[OSAI_N_CATEGORIES] = { 0 };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == OSAI_TYPE_USAGE_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, OSAI_N_METRICS);
  g_assert_true (osai_usage_model_get_report (model) == report);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), OSAI_N_METRICS));

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      g_autoptr(OsaiUsageItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      const ExpectedRow *row = &golden_rows[i];
      g_autofree char *label = NULL;
      g_autofree char *human_unit = NULL;
      OsaiCategory category;
      double value, share;

      g_assert_cmpint (osai_usage_item_get_metric (item), ==, row->metric);
      g_assert_cmpstr (osai_usage_item_get_field_name (item), ==, row->field);
      g_assert_cmpstr (osai_usage_item_get_label (item), ==, row->label);
      g_assert_cmpint (osai_usage_item_get_category (item), ==, row->category);
      g_assert_cmpstr (osai_usage_item_get_category_label (item), ==, row->category_label);
      g_assert_cmpfloat (osai_usage_item_get_raw_value (item), ==, row->raw);
      g_assert_cmpstr (osai_usage_item_get_unit (item), ==, row->unit);
      assert_close (osai_usage_item_get_value (item), row->value);
      g_assert_cmpstr (osai_usage_item_get_human_unit (item), ==, row->human_unit);
      assert_close (osai_usage_item_get_share (item), row->share);

      /* The table says the same. */
      g_assert_cmpstr (osai_metric_get_info (row->metric)->field, ==, row->field);
      g_assert_cmpstr (osai_metric_get_label (row->metric), ==, row->label);
      assert_close (osai_metric_to_human (row->metric, row->raw), row->value);

      g_object_get (item,
                    "label", &label,
                    "human-unit", &human_unit,
                    "category", &category,
                    "value", &value,
                    "share", &share,
                    NULL);
      g_assert_cmpstr (label, ==, row->label);
      g_assert_cmpstr (human_unit, ==, row->human_unit);
      g_assert_cmpint (category, ==, row->category);
      g_assert_cmpfloat (value, ==, osai_usage_item_get_value (item));
      g_assert_cmpfloat (share, ==, osai_usage_item_get_share (item));

      share_sums[row->category] += osai_usage_item_get_share (item);
    }

  for (guint c = 0; c < OSAI_N_CATEGORIES; c++)
    assert_close (share_sums[c], 1.0);

  /* Spelled out, since these are the numbers people will check. */
  {
    g_autoptr(OsaiUsageItem) storage = g_list_model_get_item (G_LIST_MODEL (model), OSAI_METRIC_IMAGES_KB_MIN);

    assert_close (osai_usage_item_get_value (storage), 24927212165952.246);
    assert_close (osai_usage_item_get_share (storage),
                  1.4956327299571348e+18 / (1.4956327299571348e+18 + 722292409625.8818));
  }
}

static void
test_metric_table (void)
{
  const struct {
    OsaiIncludeFlags flag;
    const char *field;
  } flags[] = {
    { OSAI_INCLUDE_DATASETS, "includeDatasets" },
    { OSAI_INCLUDE_MANIPULATIONS, "includeManipulations" },
    { OSAI_INCLUDE_MODELS, "includeModels" },
    { OSAI_INCLUDE_RENTED_DEVICES, "includeRentedDevices" },
    { OSAI_INCLUDE_PREDICTIONS, "includePredictions" },
  };
  OsaiIncludeFlags covered = OSAI_INCLUDE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_assert_cmpstr (osai_include_flag_get_field (flags[i].flag), ==, flags[i].field);
  g_assert_null (osai_include_flag_get_field (OSAI_INCLUDE_NONE));
  g_assert_null (osai_include_flag_get_field (OSAI_INCLUDE_ALL));

  g_assert_cmpint (osai_metric_get_info (OSAI_METRIC_IMAGES_KB_MIN)->include, ==, OSAI_INCLUDE_DATASETS);
  g_assert_cmpint (osai_metric_get_info (OSAI_METRIC_EXISTING_IMAGES)->include, ==, OSAI_INCLUDE_DATASETS);
  g_assert_cmpint (osai_metric_get_info (OSAI_METRIC_MODELS_KB_MIN)->include, ==, OSAI_INCLUDE_MODELS);
  g_assert_cmpint (osai_metric_get_info (OSAI_METRIC_CONVERSION_SECONDS_16GB)->include, ==, OSAI_INCLUDE_MODELS);
  g_assert_cmpint (osai_metric_get_info (OSAI_METRIC_MANIPULATION_SECONDS)->include, ==, OSAI_INCLUDE_MANIPULATIONS);
  g_assert_cmpint (osai_metric_get_info (OSAI_METRIC_PREDICTION_SECONDS_16GB)->include, ==, OSAI_INCLUDE_PREDICTIONS);
  g_assert_cmpint (osai_metric_get_info (OSAI_METRIC_DEVICE_RENTAL_SECONDS)->include, ==, OSAI_INCLUDE_RENTED_DEVICES);

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      const OsaiMetricInfo *info = osai_metric_get_info (i);

      g_assert_cmpint (info->metric, ==, i);
      g_assert_cmpfloat (info->divisor, >, 0.0);
      covered |= info->include;
    }
  g_assert_cmpint (covered, ==, OSAI_INCLUDE_ALL);

  g_assert_cmpstr (osai_category_get_label (OSAI_CATEGORY_STORAGE), ==, "Storage");
  g_assert_cmpstr (osai_category_get_label (OSAI_CATEGORY_COMPUTE), ==, "Compute");
  g_assert_cmpstr (osai_category_get_label (OSAI_CATEGORY_RENTAL), ==, "Device rental");
  g_assert_cmpstr (osai_category_get_label (OSAI_CATEGORY_IMAGES), ==, "Images");

  g_assert_true (G_TYPE_IS_FLAGS (OSAI_TYPE_INCLUDE_FLAGS));
  g_assert_true (G_TYPE_IS_ENUM (OSAI_TYPE_CATEGORY));
  g_assert_true (G_TYPE_IS_ENUM (OSAI_TYPE_METRIC));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  g_assert_cmpuint (position, ==, 0);
  calls[0]++;
  calls[1] = removed;
  calls[2] = added;
}

static void
test_usage_model_set_report (void)
{
  g_autoptr(OsaiReport) done = load_report ("report-done.json");
  g_autoptr(OsaiReport) created = load_report ("report-created.json");
  g_autoptr(OsaiUsageModel) model = osai_usage_model_new (NULL);
  guint calls[3] = { 0, 0, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), calls);

  osai_usage_model_set_report (model, done);
  g_assert_cmpuint (calls[0], ==, 1);
  g_assert_cmpuint (calls[1], ==, 0);
  g_assert_cmpuint (calls[2], ==, OSAI_N_METRICS);

  /* The same report again changes nothing. */
  osai_usage_model_set_report (model, done);
  g_assert_cmpuint (calls[0], ==, 1);

  /* A report that is still being made has no rows. */
  g_object_set (model, "report", created, NULL);
  g_assert_cmpuint (calls[0], ==, 2);
  g_assert_cmpuint (calls[1], ==, OSAI_N_METRICS);
  g_assert_cmpuint (calls[2], ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  osai_usage_model_set_report (model, NULL);
  g_assert_cmpuint (calls[0], ==, 2);
  g_assert_null (osai_usage_model_get_report (model));
}

static void
test_usage_model_csv (void)
{
  g_autoptr(OsaiReport) report = load_report ("report-done.json");
  g_autoptr(OsaiUsageModel) model = osai_usage_model_new (report);
  g_autofree char *csv = osai_usage_model_to_csv (model);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 1 + OSAI_N_METRICS + 1);
  g_assert_cmpstr (lines[0], ==, "metric,label,category,raw_value,unit,value,human_unit,share");
  g_assert_cmpstr (lines[1], ==,
                   "totalExistingImagesNum,Existing images,images,20356,count,20356,images,0.17668758517129737");
  g_assert_cmpstr (lines[2], ==,
                   "totalDeletedImagesNum,Deleted images,images,94853,count,94853,images,0.8233124148287027");
  g_assert_cmpstr (lines[3], ==,
                   "totalImagesKBMin,Dataset storage,storage,1.4956327299571348e+18,KB·min,"
                   "24927212165952.246,MB·h,0.9999995170658903");
  g_assert_cmpstr (lines[4], ==,
                   "totalModelsKBMin,Model storage,storage,722292409625.8818,KB·min,"
                   "12038206.82709803,MB·h,4.829341096506634e-07");
  g_assert_cmpstr (lines[7], ==,
                   "totalTrainingSeconds16GB,Training time (16 GB GPU),compute,0,s,0,h,0");
  g_assert_cmpstr (lines[12], ==,
                   "totalDeviceRentalSeconds,Rented device time,rental,2392872,s,664.6866666666666,h,1");
  g_assert_cmpstr (lines[13], ==, "");

  /* No report, just the header. */
  {
    g_autoptr(OsaiUsageModel) empty = osai_usage_model_new (NULL);
    g_autofree char *empty_csv = osai_usage_model_to_csv (empty);

    g_assert_cmpstr (empty_csv, ==, "metric,label,category,raw_value,unit,value,human_unit,share\r\n");
  }
}

static void
test_csv_quote (void)
{
  const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "Training time (8 GB GPU)", "Training time (8 GB GPU)" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r", "\"cr\r\"" },
    { "KB·min", "KB·min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = osai_csv_quote (cases[i].in);

      g_assert_cmpstr (quoted, ==, cases[i].out);
    }
}

static void
test_usage_model_json (void)
{
  g_autoptr(OsaiReport) report = load_report ("report-done.json");
  g_autoptr(OsaiUsageModel) model = osai_usage_model_new (report);
  g_autoptr(JsonNode) node = osai_usage_model_to_json (model);
  g_autofree char *text = json_to_string (node, FALSE);
  JsonObject *object = json_node_get_object (node);
  JsonArray *totals;

  g_assert_true (g_str_has_prefix (text,
                                   "{\"id\":16718,\"status\":0,"
                                   "\"periodFrom\":\"2022-01-01T00:00:00.000Z\","
                                   "\"periodTo\":\"2023-01-01T00:00:00.000Z\","
                                   "\"creationTime\":\"2023-02-10T14:33:33.762Z\","
                                   "\"totals\":[{\"metric\":\"totalExistingImagesNum\","
                                   "\"label\":\"Existing images\",\"category\":\"images\","
                                   "\"raw_value\":20356,\"unit\":\"count\",\"value\":20356,"
                                   "\"human_unit\":\"images\",\"share\":0.1766875851712973"));
  g_assert_nonnull (strstr (text,
                            "{\"metric\":\"totalDeviceRentalSeconds\",\"label\":\"Rented device time\","
                            "\"category\":\"rental\",\"raw_value\":2392872,\"unit\":\"s\","
                            "\"value\":664.6866666666666"));

  totals = json_object_get_array_member (object, "totals");
  g_assert_cmpuint (json_array_get_length (totals), ==, OSAI_N_METRICS);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      JsonObject *row = json_array_get_object_element (totals, i);

      g_assert_cmpstr (json_object_get_string_member (row, "metric"), ==, golden_rows[i].field);
      g_assert_cmpfloat (json_object_get_double_member (row, "raw_value"), ==, golden_rows[i].raw);
      assert_close (json_object_get_double_member (row, "value"), golden_rows[i].value);
      assert_close (json_object_get_double_member (row, "share"), golden_rows[i].share);
    }

  /* Without a report: nulls and no rows. */
  {
    g_autoptr(OsaiUsageModel) empty = osai_usage_model_new (NULL);
    g_autoptr(JsonNode) empty_node = osai_usage_model_to_json (empty);
    g_autofree char *empty_text = json_to_string (empty_node, FALSE);

    g_assert_cmpstr (empty_text, ==,
                     "{\"id\":null,\"status\":null,\"periodFrom\":null,\"periodTo\":null,"
                     "\"creationTime\":null,\"totals\":[]}");
  }
}

/* The fixture as an object to break, one way per test. */
static JsonNode *
fixture_node (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("report-done.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_protocol_error (JsonNode   *node,
                       const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OsaiReport) report = osai_report_new_from_json (node, &error);

  g_assert_null (report);
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
  if (field != NULL && strstr (error->message, field) == NULL)
    g_error ("“%s” does not name “%s”", error->message, field);
}

static void
test_report_strict_fields (void)
{
  const char *totals[OSAI_N_METRICS];

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    totals[i] = osai_metric_get_info (i)->field;

  /* id and status: missing, or not a number. */
  {
    const char *fields[] = { "id", "status" };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autoptr(JsonNode) missing = fixture_node ();
        g_autoptr(JsonNode) as_string = fixture_node ();
        g_autoptr(JsonNode) as_null = fixture_node ();
        g_autoptr(JsonNode) fraction = fixture_node ();

        json_object_remove_member (json_node_get_object (missing), fields[i]);
        assert_protocol_error (missing, fields[i]);

        json_object_set_string_member (json_node_get_object (as_string), fields[i], "0");
        assert_protocol_error (as_string, fields[i]);

        json_object_set_null_member (json_node_get_object (as_null), fields[i]);
        assert_protocol_error (as_null, fields[i]);

        json_object_set_double_member (json_node_get_object (fraction), fields[i], 0.5);
        assert_protocol_error (fraction, fields[i]);
      }
  }

  /* Every total of a finished report: missing, or a string, null, a bool. */
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      g_autoptr(JsonNode) missing = fixture_node ();
      g_autoptr(JsonNode) as_string = fixture_node ();
      g_autoptr(JsonNode) as_null = fixture_node ();
      g_autoptr(JsonNode) as_bool = fixture_node ();
      g_autoptr(JsonNode) as_array = fixture_node ();

      json_object_remove_member (json_node_get_object (missing), totals[i]);
      assert_protocol_error (missing, totals[i]);
      json_object_set_string_member (json_node_get_object (as_string), totals[i], "12");
      assert_protocol_error (as_string, totals[i]);
      json_object_set_null_member (json_node_get_object (as_null), totals[i]);
      assert_protocol_error (as_null, totals[i]);
      json_object_set_boolean_member (json_node_get_object (as_bool), totals[i], TRUE);
      assert_protocol_error (as_bool, totals[i]);
      json_object_set_array_member (json_node_get_object (as_array), totals[i], json_array_new ());
      assert_protocol_error (as_array, totals[i]);
    }

  /* Negative totals, including an integer too large for json-glib, which
   * wraps it: never a silently wrong number. */
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      g_autoptr(JsonNode) negative = fixture_node ();

      json_object_set_int_member (json_node_get_object (negative), totals[i], -1);
      assert_protocol_error (negative, totals[i]);
    }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    json_parser_load_from_data (parser,
                                "{\"id\": 1, \"status\": -1, "
                                "\"totalImagesKBMin\": 10000000000000000000}", -1, &error);
    g_assert_no_error (error);
    assert_protocol_error (json_parser_get_root (parser), "totalImagesKBMin");
  }

  /* Times that do not parse, a path that is not text. */
  {
    const char *fields[] = { "creationTime", "periodFrom", "periodTo" };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autoptr(JsonNode) garbage = fixture_node ();
        g_autoptr(JsonNode) number = fixture_node ();

        json_object_set_string_member (json_node_get_object (garbage), fields[i], "yesterday");
        assert_protocol_error (garbage, fields[i]);
        json_object_set_int_member (json_node_get_object (number), fields[i], 1676039613);
        assert_protocol_error (number, fields[i]);
      }
  }
  {
    g_autoptr(JsonNode) path = fixture_node ();

    json_object_set_int_member (json_node_get_object (path), "path", 1);
    assert_protocol_error (path, "path");
  }
}

static void
test_report_strict_documents (void)
{
  const char *bad[] = {
    "[]", "16718", "\"report\"", "null", "", "{", "{\"id\":1,}", "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(OsaiReport) report = osai_report_new_from_bytes (bytes, &error);

      g_assert_null (report);
      g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
    }
}

static OsaiReport *
report_from_string (const char  *text,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return osai_report_new_from_bytes (bytes, error);
}

static void
test_report_lenient (void)
{
  g_autoptr(GBytes) fixture = load_fixture ("report-done.json");
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture));

  /* Both exponent spellings, and an integer where a double was. */
  {
    const char *spellings[] = { "1.4956327299571348E+18", "1.4956327299571348e18", "1495632729957134848" };

    for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
      {
        g_autoptr(GString) copy = g_string_new (text->str);
        g_autoptr(GError) error = NULL;
        g_autoptr(OsaiReport) report = NULL;

        g_assert_cmpuint (g_string_replace (copy, "1.4956327299571348e+18", spellings[i], 1), ==, 1);
        report = report_from_string (copy->str, &error);
        g_assert_no_error (error);
        g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_IMAGES_KB_MIN), ==, TOTAL_IMAGES_KB_MIN);
      }
  }

  /* Unknown fields, an id as a whole double, a later status, System.Text.Json's
   * trimmed fractions. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OsaiReport) report =
      report_from_string ("{\"id\": 16718.0, \"status\": 7, \"owner\": {\"name\": \"x\"},"
                          " \"tags\": [1, 2], \"creationTime\": \"2023-02-10T14:33:33.7Z\","
                          " \"totalTrainingSeconds8GB\": 12, \"totalModelsKBMin\": null,"
                          " \"path\": null}", &error);

    g_assert_no_error (error);
    g_assert_cmpint (osai_report_get_id (report), ==, 16718);
    g_assert_cmpint (osai_report_get_status (report), ==, 7);
    g_assert_false (osai_report_has_totals (report));
    g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_TRAINING_SECONDS_8GB), ==, 12);
    g_assert_cmpfloat (osai_report_get_total (report, OSAI_METRIC_MODELS_KB_MIN), ==, 0);
    g_assert_null (osai_report_get_path (report));
    assert_time (osai_report_get_creation_time (report), 1676039613, 700000);
  }

  /* A failed report's totals are still checked when present. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OsaiReport) report =
      report_from_string ("{\"id\": 1, \"status\": 1, \"totalDeviceRentalSeconds\": \"5\"}", &error);

    g_assert_null (report);
    g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
    g_assert_nonnull (strstr (error->message, "totalDeviceRentalSeconds"));
  }

  /* A path without Expires= */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OsaiReport) report =
      report_from_string ("{\"id\": 1, \"status\": -1, \"path\": \"https://example.com/r.json\"}", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (osai_report_get_path (report), ==, "https://example.com/r.json");
    g_assert_null (osai_report_get_path_expires (report));
  }
}

/* Whole totals from 1e17 on, which json-glib 1.6 writes as "2e+18.0" when
 * given as doubles, leave the JSON export as integers; past 2^63 they are
 * refused when the report is read. */
static void
test_usage_model_json_large_totals (void)
{
  g_autoptr(JsonNode) node = fixture_node ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiUsageModel) model = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  JsonObject *row;

  json_object_set_double_member (json_node_get_object (node), "totalImagesKBMin", 2e18);
  json_object_set_double_member (json_node_get_object (node), "totalModelsKBMin", 1e17);
  report = osai_report_new_from_json (node, &error);
  g_assert_no_error (error);
  model = osai_usage_model_new (report);
  json = osai_usage_model_to_json (model);
  text = json_to_string (json, FALSE);

  g_assert_nonnull (strstr (text, "\"raw_value\":2000000000000000000,"));
  g_assert_nonnull (strstr (text, "\"raw_value\":100000000000000000,"));
  again = json_from_string (text, &error);
  g_assert_no_error (error);
  row = json_array_get_object_element (json_object_get_array_member (json_node_get_object (again), "totals"),
                                       OSAI_METRIC_IMAGES_KB_MIN);
  g_assert_cmpfloat (json_object_get_double_member (row, "raw_value"), ==, 2e18);

  {
    const double too_large[] = { 9223372036854775808.0, 1e19, 1e300 };

    for (guint i = 0; i < G_N_ELEMENTS (too_large); i++)
      {
        g_autoptr(JsonNode) large = fixture_node ();

        json_object_set_double_member (json_node_get_object (large), "totalTrainingSeconds8GB", too_large[i]);
        assert_protocol_error (large, "totalTrainingSeconds8GB");
      }
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/golden/done", test_report_done);
  g_test_add_func ("/report/golden/created", test_report_created);
  g_test_add_func ("/report/golden/usage-model", test_usage_model_golden);
  g_test_add_func ("/report/metric-table", test_metric_table);
  g_test_add_func ("/report/usage-model/set-report", test_usage_model_set_report);
  g_test_add_func ("/report/usage-model/csv", test_usage_model_csv);
  g_test_add_func ("/report/usage-model/csv-quote", test_csv_quote);
  g_test_add_func ("/report/usage-model/json", test_usage_model_json);
  g_test_add_func ("/report/usage-model/json-large-totals", test_usage_model_json_large_totals);
  g_test_add_func ("/report/strict/fields", test_report_strict_fields);
  g_test_add_func ("/report/strict/documents", test_report_strict_documents);
  g_test_add_func ("/report/lenient", test_report_lenient);

  return g_test_run ();
}
