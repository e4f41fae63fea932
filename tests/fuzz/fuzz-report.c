/* fuzz-report.c — the answer of GET /Reports/{id} and POST /Reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a response body, as the server (or anyone in between) may
 * send it.  It goes through osai_report_new_from_bytes() and then through
 * everything that reads a report: its getters, the usage model built from
 * it, the CSV and JSON made from that model, and the history entry that
 * keeps it, written to its file and read back.
 */
#define G_LOG_DOMAIN "fuzz-report"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "osai-error.h"
#include "osai-history-entry.h"
#include "osai-json-check.h"
#include "osai-json-write.h"
#include "osai-metric.h"
#include "osai-report.h"
#include "osai-time.h"
#include "osai-usage-model.h"

#include "fuzz-common.h"

/* A time the report keeps is in UTC and reads back from its API spelling,
 * to the millisecond that spelling keeps. */
static void
check_time (GDateTime *time)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) again = NULL;
  GTimeSpan difference;

  if (time == NULL)
    return;

  FUZZ_CHECK (g_date_time_get_utc_offset (time) == 0);

  text = osai_time_format_iso8601 (time);
  FUZZ_CHECK (text != NULL);
  again = osai_time_parse_iso8601 (text, NULL);
  FUZZ_CHECK (again != NULL);

  difference = g_date_time_difference (time, again);
  FUZZ_CHECK (difference >= 0 && difference < 1000);
}

/* The model's JSON, compact or indented: strictly valid, and every number
 * in it reads back as the very value of its row. */
static void
check_model_json (OsaiUsageModel *model,
                  gboolean        pretty)
{
  GListModel *list = G_LIST_MODEL (model);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  JsonArray *totals;

  json = osai_usage_model_to_json (model);
  FUZZ_CHECK (json != NULL && JSON_NODE_HOLDS_OBJECT (json));
  text = osai_json_to_string (json, pretty);
  FUZZ_CHECK (osai_json_check_bytes ((const guint8 *) text, strlen (text), NULL));
  again = json_from_string (text, NULL);
  FUZZ_CHECK (again != NULL && JSON_NODE_HOLDS_OBJECT (again));

  totals = json_object_get_array_member (json_node_get_object (again), "totals");
  FUZZ_CHECK (totals != NULL && json_array_get_length (totals) == g_list_model_get_n_items (list));
  for (guint i = 0; i < json_array_get_length (totals); i++)
    {
      g_autoptr(OsaiUsageItem) item = g_list_model_get_item (list, i);
      JsonObject *row = json_array_get_object_element (totals, i);

      FUZZ_CHECK (json_object_get_double_member (row, "raw_value") ==
                  osai_usage_item_get_raw_value (item));
      FUZZ_CHECK (json_object_get_double_member (row, "value") ==
                  osai_usage_item_get_value (item));
      FUZZ_CHECK (json_object_get_double_member (row, "share") ==
                  osai_usage_item_get_share (item));
    }
}

static void
check_model (OsaiUsageModel *model,
             OsaiReport     *report)
{
  GListModel *list = G_LIST_MODEL (model);
  guint n_items = g_list_model_get_n_items (list);
  g_autofree char *csv = NULL;

  /* A report without all its totals gives no rows. */
  FUZZ_CHECK (n_items == (osai_report_has_totals (report) ? OSAI_N_METRICS : 0));
  FUZZ_CHECK (g_list_model_get_item (list, n_items) == NULL);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OsaiUsageItem) item = g_list_model_get_item (list, i);
      double share = osai_usage_item_get_share (item);

      FUZZ_CHECK (item != NULL);
      FUZZ_CHECK (osai_usage_item_get_metric (item) == (OsaiMetric) i);
      FUZZ_CHECK (osai_usage_item_get_raw_value (item) == osai_report_get_total (report, i));
      FUZZ_CHECK (isfinite (osai_usage_item_get_value (item)));
      FUZZ_CHECK (isfinite (share) && share >= 0.0 && share <= 1.0);
      FUZZ_CHECK (osai_usage_item_get_field_name (item) != NULL);
      FUZZ_CHECK (osai_usage_item_get_label (item) != NULL);
      FUZZ_CHECK (osai_usage_item_get_category_label (item) != NULL);
      FUZZ_CHECK (osai_usage_item_get_unit (item) != NULL);
      FUZZ_CHECK (osai_usage_item_get_human_unit (item) != NULL);
      (void) osai_usage_item_get_category (item);
    }

  /* The exports: one CSV line per row after the header, and JSON that
   * reads back. */
  csv = osai_usage_model_to_csv (model);
  FUZZ_CHECK (csv != NULL && g_str_has_suffix (csv, "\r\n"));
  {
    guint lines = 0;

    for (const char *p = csv; (p = strstr (p, "\r\n")) != NULL; p += 2)
      lines++;
    FUZZ_CHECK (lines == n_items + 1);
  }

  check_model_json (model, FALSE);
  check_model_json (model, TRUE);
}

/* A finished report kept in the history: its file is valid JSON and gives
 * the same entry again, totals to the bit. */
static void
check_history (GBytes     *payload,
               OsaiReport *report)
{
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 5, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2024, 6, 1, 0, 0, 0);
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 6, 2, 8, 30, 0);
  g_autoptr(OsaiReportRequest) request = osai_report_request_new (from, to, OSAI_INCLUDE_ALL);
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(OsaiHistoryEntry) again = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  OsaiReport *kept;

  entry = osai_history_entry_new_from_payload ("https://app-eu.onestepai.com/api", NULL,
                                               request, payload, created, &error);
  if (entry == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return;
    }
  FUZZ_CHECK (error == NULL);

  file = osai_history_entry_to_bytes (entry);
  FUZZ_CHECK (osai_json_check_bytes (g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL));
  again = osai_history_entry_new_from_bytes (file, &error);
  FUZZ_CHECK (again != NULL && error == NULL);
  FUZZ_CHECK (osai_history_entry_equal (entry, again));

  kept = osai_history_entry_get_report (again);
  FUZZ_CHECK (kept != NULL);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    FUZZ_CHECK (osai_report_get_total (kept, i) == osai_report_get_total (report, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiUsageModel) model = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init_logging ();

  bytes = g_bytes_new (data, size);
  report = osai_report_new_from_bytes (bytes, &error);

  /* Either a report or an error that says why not, never both or neither. */
  if (report == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL));
      /* It is shown as it is: text, even when it quotes the answer. */
      FUZZ_CHECK (error->message != NULL && *error->message != '\0');
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  (void) osai_report_get_id (report);
  (void) osai_report_get_read (report);
  FUZZ_CHECK ((osai_report_get_include (report) & ~OSAI_INCLUDE_ALL) == 0);
  FUZZ_CHECK (osai_report_has_totals (report) ==
              (osai_report_get_status (report) == OSAI_REPORT_STATUS_DONE));

  check_time (osai_report_get_creation_time (report));
  check_time (osai_report_get_period_from (report));
  check_time (osai_report_get_period_to (report));
  check_time (osai_report_get_path_expires (report));
  if (osai_report_get_path (report) != NULL)
    FUZZ_CHECK (g_utf8_validate (osai_report_get_path (report), -1, NULL));
  if (osai_report_get_path_expires (report) != NULL)
    FUZZ_CHECK (osai_report_get_path (report) != NULL);

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      double total = osai_report_get_total (report, i);

      FUZZ_CHECK (isfinite (total) && total >= 0.0);
      FUZZ_CHECK (isfinite (osai_metric_to_human (i, total)));
    }

  /* The totals view's model, built from the report, emptied and refilled
   * as the window does when a report replaces another. */
  model = osai_usage_model_new (report);
  check_model (model, report);
  osai_usage_model_set_report (model, NULL);
  FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0);
  osai_usage_model_set_report (model, report);
  check_model (model, report);

  if (osai_report_get_status (report) != OSAI_REPORT_STATUS_IN_PROGRESS)
    check_history (bytes, report);

  return 0;
}
