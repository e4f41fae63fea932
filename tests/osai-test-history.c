/* osai-test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "osai-json-write.h"
#include "osai-metric.h"
#include "osai-test-history.h"
#include "osai-time.h"

/* Plausible totals that differ from one seed to the next. */
void
osai_test_totals_fill (OsaiTestTotals *totals,
                       guint           seed)
{
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < OSAI_N_METRICS; i++)
    totals->totals[i] = (double) g_rand_int_range (rand, 0, 5000000);
  g_rand_free (rand);
}

/* A status payload as GET /Reports/{id} sends it, with a "path". */
GBytes *
osai_test_payload (gint64                id,
                   int                   status,
                   OsaiIncludeFlags      include,
                   const char           *period_from,
                   const char           *period_to,
                   const OsaiTestTotals *totals)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  static const OsaiIncludeFlags flags[] = {
    OSAI_INCLUDE_DATASETS, OSAI_INCLUDE_MANIPULATIONS, OSAI_INCLUDE_MODELS,
    OSAI_INCLUDE_RENTED_DEVICES, OSAI_INCLUDE_PREDICTIONS,
  };
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder,
                                 "https://storage.example/r.json?Expires=1&Signature=secret");
  json_builder_set_member_name (builder, "creationTime");
  json_builder_add_string_value (builder, "2024-06-01T10:00:00.000Z");
  json_builder_set_member_name (builder, "periodFrom");
  json_builder_add_string_value (builder, period_from);
  json_builder_set_member_name (builder, "periodTo");
  json_builder_add_string_value (builder, period_to);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      json_builder_set_member_name (builder, osai_include_flag_get_field (flags[i]));
      json_builder_add_boolean_value (builder, (include & flags[i]) != 0);
    }
  json_builder_set_member_name (builder, "read");
  json_builder_add_boolean_value (builder, FALSE);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    {
      json_builder_set_member_name (builder, osai_metric_get_info (i)->field);
      json_builder_add_double_value (builder, totals != NULL ? totals->totals[i] : 0.0);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = osai_json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

OsaiReportRequest *
osai_test_request (const char       *period_from,
                   const char       *period_to,
                   OsaiIncludeFlags  include)
{
  g_autoptr(GDateTime) from = osai_time_parse_iso8601 (period_from, NULL);
  g_autoptr(GDateTime) to = osai_time_parse_iso8601 (period_to, NULL);

  g_assert_nonnull (from);
  g_assert_nonnull (to);
  return osai_report_request_new (from, to, include);
}

OsaiHistoryEntry *
osai_test_entry (const char           *server,
                 gint64                id,
                 const char           *created,
                 const char           *period_from,
                 const char           *period_to,
                 OsaiIncludeFlags      include,
                 const OsaiTestTotals *totals)
{
  g_autoptr(GBytes) payload = osai_test_payload (id, 0, include, period_from, period_to, totals);
  g_autoptr(OsaiReportRequest) request = osai_test_request (period_from, period_to, include);
  g_autoptr(GDateTime) when = osai_time_parse_iso8601 (created, NULL);
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry;

  g_assert_nonnull (when);
  entry = osai_history_entry_new_from_payload (server, NULL, request, payload, when, &error);
  g_assert_no_error (error);
  return entry;
}

OsaiHistoryEntry *
osai_test_pending_entry (const char *server,
                         gint64      id,
                         const char *created)
{
  g_autoptr(OsaiReportRequest) request =
    osai_test_request ("2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z", OSAI_INCLUDE_ALL);
  g_autoptr(GDateTime) when = osai_time_parse_iso8601 (created, NULL);
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry;

  entry = osai_history_entry_new_pending (server, "someone@example.com", id, request, when, &error);
  g_assert_no_error (error);
  return entry;
}

/* Files in @dir whose names end with @suffix ("" for every file). */
guint
osai_test_count_files (const char *dir,
                       const char *suffix)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_str_has_suffix (name, suffix))
        count++;
    }

  return count;
}
