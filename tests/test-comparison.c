/* test-comparison.c — two reports side by side, and the periods to compare with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "osai-comparison.h"
#include "osai-period.h"
#include "osai-test-history.h"
#include "osai-time.h"

#define SERVER "https://app-eu.onestepai.com/api"
#define APRIL_FROM "2024-04-01T00:00:00Z"
#define APRIL_TO   "2024-05-01T00:00:00Z"
#define MAY_FROM   "2024-05-01T00:00:00Z"
#define MAY_TO     "2024-06-01T00:00:00Z"

static OsaiComparisonItem *
row_for (OsaiComparison *comparison,
         OsaiMetric      metric)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (comparison));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiComparisonItem) item = g_list_model_get_item (G_LIST_MODEL (comparison), i);

      if (osai_comparison_item_get_metric (item) == metric)
        return item;  /* the comparison keeps it */
    }

  return NULL;
}

static void
test_comparison_values (void)
{
  OsaiTestTotals a_totals = { { 0 } };
  OsaiTestTotals b_totals = { { 0 } };
  g_autoptr(OsaiHistoryEntry) a = NULL;
  g_autoptr(OsaiHistoryEntry) b = NULL;
  g_autoptr(OsaiComparison) comparison = NULL;
  OsaiComparisonItem *row;
  double change;
  gboolean has_change;

  a_totals.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 36000;   /* 10 h */
  b_totals.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 45000;   /* 12.5 h */
  a_totals.totals[OSAI_METRIC_EXISTING_IMAGES] = 200;
  b_totals.totals[OSAI_METRIC_EXISTING_IMAGES] = 150;
  a_totals.totals[OSAI_METRIC_PREDICTION_SECONDS_8GB] = 0;     /* A = 0 */
  b_totals.totals[OSAI_METRIC_PREDICTION_SECONDS_8GB] = 3600;
  a = osai_test_entry (SERVER, 1, "2024-05-01T08:00:00Z", APRIL_FROM, APRIL_TO, OSAI_INCLUDE_ALL,
                       &a_totals);
  b = osai_test_entry (SERVER, 2, "2024-06-01T08:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                       &b_totals);

  comparison = osai_comparison_new (a, b);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (comparison)) ==
                 OSAI_TYPE_COMPARISON_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (comparison)), ==, OSAI_N_METRICS);
  g_assert_true (osai_comparison_get_a (comparison) == a);
  g_assert_true (osai_comparison_get_b (comparison) == b);

  row = row_for (comparison, OSAI_METRIC_TRAINING_SECONDS_8GB);
  g_assert_cmpstr (osai_comparison_item_get_unit (row), ==, "h");
  g_assert_cmpstr (osai_comparison_item_get_label (row), ==, "Training time (8 GB GPU)");
  g_assert_cmpint (osai_comparison_item_get_category (row), ==, OSAI_CATEGORY_COMPUTE);
  g_assert_cmpfloat (osai_comparison_item_get_value_a (row), ==, 10.0);
  g_assert_cmpfloat (osai_comparison_item_get_value_b (row), ==, 12.5);
  g_assert_cmpfloat (osai_comparison_item_get_difference (row), ==, 2.5);
  g_assert_true (osai_comparison_item_has_change (row));
  g_assert_cmpfloat (osai_comparison_item_get_change_percent (row), ==, 25.0);

  row = row_for (comparison, OSAI_METRIC_EXISTING_IMAGES);
  g_assert_cmpfloat (osai_comparison_item_get_difference (row), ==, -50.0);
  g_assert_cmpfloat (osai_comparison_item_get_change_percent (row), ==, -25.0);

  /* A = 0: the change is undefined, not infinite, not 0 — and says so. */
  row = row_for (comparison, OSAI_METRIC_PREDICTION_SECONDS_8GB);
  g_assert_true (osai_comparison_item_has_value_a (row));
  g_assert_cmpfloat (osai_comparison_item_get_value_a (row), ==, 0.0);
  g_assert_true (osai_comparison_item_has_difference (row));
  g_assert_cmpfloat (osai_comparison_item_get_difference (row), ==, 1.0);
  g_assert_false (osai_comparison_item_has_change (row));
  g_object_get (row, "has-change", &has_change, "change-percent", &change, NULL);
  g_assert_false (has_change);
  g_assert_true (isfinite (change));

  /* Both 0: no change either. */
  row = row_for (comparison, OSAI_METRIC_TRAINING_SECONDS_16GB);
  g_assert_cmpfloat (osai_comparison_item_get_difference (row), ==, 0.0);
  g_assert_false (osai_comparison_item_has_change (row));
}

static void
test_comparison_missing (void)
{
  OsaiTestTotals totals = { { 0 } };
  g_autoptr(OsaiHistoryEntry) a = NULL;
  g_autoptr(OsaiHistoryEntry) b = NULL;
  g_autoptr(OsaiHistoryEntry) pending = NULL;
  g_autoptr(OsaiComparison) comparison = NULL;
  g_autoptr(OsaiComparison) with_pending = NULL;
  OsaiComparisonItem *row;

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    totals.totals[i] = 3600.0 * (i + 1);

  /* A left rented devices out; neither counted predictions. */
  a = osai_test_entry (SERVER, 1, "2024-05-01T08:00:00Z", APRIL_FROM, APRIL_TO,
                       OSAI_INCLUDE_ALL & ~(OSAI_INCLUDE_RENTED_DEVICES | OSAI_INCLUDE_PREDICTIONS),
                       &totals);
  b = osai_test_entry (SERVER, 2, "2024-06-01T08:00:00Z", MAY_FROM, MAY_TO,
                       OSAI_INCLUDE_ALL & ~OSAI_INCLUDE_PREDICTIONS, &totals);
  comparison = osai_comparison_new (a, b);

  /* No row for what neither counted. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (comparison)), ==, OSAI_N_METRICS - 2);
  g_assert_null (row_for (comparison, OSAI_METRIC_PREDICTION_SECONDS_8GB));
  g_assert_null (row_for (comparison, OSAI_METRIC_PREDICTION_SECONDS_16GB));

  /* Missing in A, though A's payload carries a number for it. */
  row = row_for (comparison, OSAI_METRIC_DEVICE_RENTAL_SECONDS);
  g_assert_nonnull (row);
  g_assert_false (osai_comparison_item_has_value_a (row));
  g_assert_true (osai_comparison_item_has_value_b (row));
  g_assert_cmpfloat (osai_comparison_item_get_value_b (row), ==, 12.0);
  g_assert_false (osai_comparison_item_has_difference (row));
  g_assert_false (osai_comparison_item_has_change (row));

  /* A report still being generated has no values at all. */
  pending = osai_test_pending_entry (SERVER, 3, "2024-06-02T08:00:00Z");
  with_pending = osai_comparison_new (b, pending);
  row = row_for (with_pending, OSAI_METRIC_EXISTING_IMAGES);
  g_assert_true (osai_comparison_item_has_value_a (row));
  g_assert_false (osai_comparison_item_has_value_b (row));
}

static void
test_comparison_csv_json (void)
{
  OsaiTestTotals a_totals = { { 0 } };
  OsaiTestTotals b_totals = { { 0 } };
  g_autoptr(OsaiHistoryEntry) a = NULL;
  g_autoptr(OsaiHistoryEntry) b = NULL;
  g_autoptr(OsaiComparison) comparison = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *rows;
  gboolean saw_rental = FALSE, saw_zero = FALSE;

  a_totals.totals[OSAI_METRIC_MANIPULATION_SECONDS] = 0;
  b_totals.totals[OSAI_METRIC_MANIPULATION_SECONDS] = 5400;    /* 1.5 h */
  a_totals.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 7200;
  b_totals.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 3600;
  b_totals.totals[OSAI_METRIC_DEVICE_RENTAL_SECONDS] = 1800;
  a = osai_test_entry (SERVER, 1, "2024-05-01T08:00:00Z", APRIL_FROM, APRIL_TO,
                       OSAI_INCLUDE_ALL & ~OSAI_INCLUDE_RENTED_DEVICES, &a_totals);
  b = osai_test_entry (SERVER, 2, "2024-06-01T08:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                       &b_totals);
  comparison = osai_comparison_new (a, b);

  csv = osai_comparison_to_csv (comparison);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "metric,label,category,unit,value_a,value_b,difference,change_percent");
  g_assert_cmpuint (g_strv_length (lines), ==, OSAI_N_METRICS + 2);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      if (g_str_has_prefix (lines[i], "totalDeviceRentalSeconds,"))
        {
          /* Missing in A: empty cells, not zeros. */
          g_assert_cmpstr (lines[i], ==,
                           "totalDeviceRentalSeconds,Rented device time,rental,h,,0.5,,");
          saw_rental = TRUE;
        }
      if (g_str_has_prefix (lines[i], "totalManipulationSeconds,"))
        {
          /* A = 0: a difference, no percentage. */
          g_assert_cmpstr (lines[i], ==,
                           "totalManipulationSeconds,Manipulation time,compute,h,0,1.5,1.5,");
          saw_zero = TRUE;
        }
      if (g_str_has_prefix (lines[i], "totalTrainingSeconds8GB,"))
        g_assert_cmpstr (lines[i], ==,
                         "totalTrainingSeconds8GB,Training time (8 GB GPU),compute,h,2,1,-1,-50");
    }
  g_assert_true (saw_rental && saw_zero);

  json = osai_comparison_to_json (comparison);
  root = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "a"), "key"),
                   ==, "1@app-eu.onestepai.com");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "b"),
                                                  "periodFrom"),
                   ==, "2024-05-01T00:00:00.000Z");
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, OSAI_N_METRICS);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *metric = json_object_get_string_member (row, "metric");

      if (g_strcmp0 (metric, "totalDeviceRentalSeconds") == 0)
        {
          g_assert_true (json_object_get_null_member (row, "value_a"));
          g_assert_cmpfloat (json_object_get_double_member (row, "value_b"), ==, 0.5);
          g_assert_true (json_object_get_null_member (row, "difference"));
          g_assert_true (json_object_get_null_member (row, "change_percent"));
        }
      else if (g_strcmp0 (metric, "totalManipulationSeconds") == 0)
        {
          g_assert_cmpint (json_object_get_int_member (row, "value_a"), ==, 0);
          g_assert_true (json_object_get_null_member (row, "change_percent"));
        }
      else if (g_strcmp0 (metric, "totalTrainingSeconds8GB") == 0)
        g_assert_cmpint (json_object_get_int_member (row, "change_percent"), ==, -50);
    }
}

/* ---- Periods -------------------------------------------------------------------------------- */

static void
assert_shift (const char      *from,
              const char      *to,
              OsaiPeriodShift  shift,
              const char      *expected_from,
              const char      *expected_to)
{
  g_autoptr(GDateTime) from_time = osai_time_parse_iso8601 (from, NULL);
  g_autoptr(GDateTime) to_time = osai_time_parse_iso8601 (to, NULL);
  g_autoptr(GDateTime) out_from = NULL;
  g_autoptr(GDateTime) out_to = NULL;
  g_autofree char *out_from_text = NULL;
  g_autofree char *out_to_text = NULL;

  g_assert_true (osai_period_shift (from_time, to_time, shift, &out_from, &out_to));
  out_from_text = osai_time_format_iso8601 (out_from);
  out_to_text = osai_time_format_iso8601 (out_to);
  g_test_message ("%s – %s → %s – %s", from, to, out_from_text, out_to_text);
  g_assert_cmpstr (out_from_text, ==, expected_from);
  g_assert_cmpstr (out_to_text, ==, expected_to);
}

static void
test_period_shift_previous (void)
{
  const OsaiPeriodShift p = OSAI_PERIOD_SHIFT_PREVIOUS;

  /* Whole months: the months before, whatever their lengths. */
  assert_shift ("2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z", p,
                "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z");
  assert_shift ("2023-03-01T00:00:00Z", "2023-04-01T00:00:00Z", p,
                "2023-02-01T00:00:00.000Z", "2023-03-01T00:00:00.000Z");
  assert_shift ("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", p,
                "2023-12-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z");
  assert_shift ("2024-04-01T00:00:00Z", "2024-07-01T00:00:00Z", p,   /* a quarter */
                "2024-01-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z");
  assert_shift ("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", p,   /* a year */
                "2023-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z");

  /* A month so far: the same days of the month before, cut at its end. */
  assert_shift ("2024-03-01T00:00:00Z", "2024-03-16T00:00:00Z", p,   /* 1–15 March */
                "2024-02-01T00:00:00.000Z", "2024-02-16T00:00:00.000Z");
  assert_shift ("2026-11-01T00:00:00Z", "2026-11-27T00:00:00Z", p,   /* 1–26 November */
                "2026-10-01T00:00:00.000Z", "2026-10-27T00:00:00.000Z");
  assert_shift ("2023-03-01T00:00:00Z", "2023-03-31T00:00:00Z", p,   /* 1–30 March */
                "2023-02-01T00:00:00.000Z", "2023-03-01T00:00:00.000Z");
  assert_shift ("2024-03-01T00:00:00Z", "2024-03-31T00:00:00Z", p,
                "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z");
  assert_shift ("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", p,   /* 1 January */
                "2023-12-01T00:00:00.000Z", "2023-12-02T00:00:00.000Z");

  /* Other whole days: as many days just before. */
  assert_shift ("2024-03-10T00:00:00Z", "2024-03-25T00:00:00Z", p,   /* 10–24 March */
                "2024-02-24T00:00:00.000Z", "2024-03-10T00:00:00.000Z");
  assert_shift ("2023-03-02T00:00:00Z", "2023-03-16T00:00:00Z", p,
                "2023-02-16T00:00:00.000Z", "2023-03-02T00:00:00.000Z");
  assert_shift ("2024-03-31T00:00:00Z", "2024-05-01T00:00:00Z", p,   /* 31 March – 30 April */
                "2024-02-29T00:00:00.000Z", "2024-03-31T00:00:00.000Z");
  assert_shift ("2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", p,   /* one day */
                "2024-02-28T00:00:00.000Z", "2024-02-29T00:00:00.000Z");

  /* Times: the same span. */
  assert_shift ("2024-03-10T06:30:00Z", "2024-03-10T18:30:00Z", p,
                "2024-03-09T18:30:00.000Z", "2024-03-10T06:30:00.000Z");
}

static void
test_period_shift_year_before (void)
{
  const OsaiPeriodShift y = OSAI_PERIOD_SHIFT_YEAR_BEFORE;

  /* February, whole: 29 days and 28 days. */
  assert_shift ("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", y,
                "2023-02-01T00:00:00.000Z", "2023-03-01T00:00:00.000Z");
  assert_shift ("2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", y,
                "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z");

  /* 29 February becomes 28 February, as a first and as a last day. */
  assert_shift ("2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", y,
                "2023-02-28T00:00:00.000Z", "2023-03-01T00:00:00.000Z");
  assert_shift ("2024-02-29T00:00:00Z", "2024-03-03T00:00:00Z", y,
                "2023-02-28T00:00:00.000Z", "2023-03-03T00:00:00.000Z");
  assert_shift ("2024-02-10T00:00:00Z", "2024-03-01T00:00:00Z", y,   /* 10–29 February */
                "2023-02-10T00:00:00.000Z", "2023-03-01T00:00:00.000Z");
  /* Ending the day before 29 February keeps its last day, 28 February. */
  assert_shift ("2024-02-10T00:00:00Z", "2024-02-29T00:00:00Z", y,
                "2023-02-10T00:00:00.000Z", "2023-03-01T00:00:00.000Z");

  /* Month ends and a year's end. */
  assert_shift ("2024-01-31T00:00:00Z", "2024-02-01T00:00:00Z", y,
                "2023-01-31T00:00:00.000Z", "2023-02-01T00:00:00.000Z");
  assert_shift ("2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z", y,
                "2023-12-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z");
  assert_shift ("2024-11-16T00:00:00Z", "2024-12-01T00:00:00Z", y,
                "2023-11-16T00:00:00.000Z", "2023-12-01T00:00:00.000Z");
}

static void
test_period_shift_bad (void)
{
  g_autoptr(GDateTime) a = g_date_time_new_utc (2024, 3, 1, 0, 0, 0);
  g_autoptr(GDateTime) b = g_date_time_new_utc (2024, 4, 1, 0, 0, 0);
  g_autoptr(GDateTime) out_from = NULL;
  g_autoptr(GDateTime) out_to = NULL;
  g_autoptr(OsaiReportRequest) request = osai_report_request_new (a, b, OSAI_INCLUDE_MODELS);
  g_autoptr(OsaiReportRequest) shifted = NULL;

  g_assert_false (osai_period_shift (b, a, OSAI_PERIOD_SHIFT_PREVIOUS, &out_from, &out_to));
  g_assert_null (out_from);
  g_assert_false (osai_period_shift (a, a, OSAI_PERIOD_SHIFT_YEAR_BEFORE, &out_from, &out_to));
  g_assert_null (out_to);

  shifted = osai_period_shift_request (request, OSAI_PERIOD_SHIFT_YEAR_BEFORE);
  g_assert_nonnull (shifted);
  g_assert_cmpint (osai_report_request_get_include (shifted), ==, OSAI_INCLUDE_MODELS);
  g_assert_cmpint (g_date_time_get_year (osai_report_request_get_period_from (shifted)), ==, 2023);
  g_assert_cmpint (g_date_time_get_month (osai_report_request_get_period_to (shifted)), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/comparison/values", test_comparison_values);
  g_test_add_func ("/comparison/missing", test_comparison_missing);
  g_test_add_func ("/comparison/csv-json", test_comparison_csv_json);
  g_test_add_func ("/period/shift/previous", test_period_shift_previous);
  g_test_add_func ("/period/shift/year-before", test_period_shift_year_before);
  g_test_add_func ("/period/shift/bad", test_period_shift_bad);

  return g_test_run ();
}
