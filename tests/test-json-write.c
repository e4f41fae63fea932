/* test-json-write.c — JSON text that is valid with json-glib 1.6 too
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 writes 2e18 as "2e+18.0" and 1e-8 as "1e-08.0", which is
 * not JSON; osai_json_to_string() mends that.  Here: the writer on its own,
 * then what goes through it: history files, the usage model's export and
 * the comparison.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "osai-comparison.h"
#include "osai-history-entry.h"
#include "osai-json-check.h"
#include "osai-json-write.h"
#include "osai-metric.h"
#include "osai-test-history.h"
#include "osai-test-utils.h"
#include "osai-time.h"

#define SERVER      "https://app-eu.onestepai.com/api"
#define MAY_FROM    "2024-05-01T00:00:00Z"
#define MAY_TO      "2024-06-01T00:00:00Z"
#define JUNE_FROM   "2024-06-01T00:00:00Z"
#define JUNE_TO     "2024-07-01T00:00:00Z"

/* Strictly valid JSON, as a parser other than json-glib's would take it. */
static void
assert_valid_json (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!osai_json_check_bytes ((const guint8 *) text, strlen (text), &error))
    g_error ("not valid JSON (%s): %s", error->message, text);
}

static JsonNode *
double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

static void
assert_same_double (double a,
                    double b)
{
  if (memcmp (&a, &b, sizeof a) != 0)
    g_error ("%.17g and %.17g differ in their bits", a, b);
}

/* @value written, compact and indented, reads back bit for bit; returns
 * the compact text. */
static char *
write_double (double value)
{
  g_autoptr(JsonNode) node = double_node (value);
  char *compact = NULL;

  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *text = osai_json_to_string (node, pretty);
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(GError) error = NULL;

      assert_valid_json (text);
      again = json_from_string (text, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_VALUE (again));
      g_assert_cmpint (json_node_get_value_type (again), ==, G_TYPE_DOUBLE);
      assert_same_double (json_node_get_double (again), value);

      if (!pretty)
        compact = g_steal_pointer (&text);
    }

  return compact;
}

/* ---- The writer ----------------------------------------------------------------------------- */

static void
test_exponents (void)
{
  static const struct {
    double value;
    const char *text;
  } cases[] = {
    { 2e18, "2e+18" },
    { 1e-8, "1e-08" },
    { 1.5e300, "1.5000000000000001e+300" },
    { 1e17, "1e+17" },
    { 1e22, "1e+22" },
    { -1e100, "-1e+100" },
    { 1e-300, "1e-300" },
    { 9.2233720368547758e18, "9.2233720368547758e+18" },
    { DBL_MAX, "1.7976931348623157e+308" },
    /* No exponent: json-glib's ".0" stays, so that they read back as
     * doubles. */
    { 1.0, "1.0" },
    { -0.0, "-0.0" },
    { 0.5, "0.5" },
    { 123456789012.0, "123456789012.0" },
  };
  static const double more[] = {
    -3e-300, 5e-324, -DBL_MIN, DBL_MIN, 0.1, 1.4956327299571348e+18, 1e16, 1e15,
    99999999999999999.0, 1e-5, 1e-4, 1e21, 4.9406564584124654e-324, -2e18,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = write_double (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      g_autofree char *text = write_double (more[i]);

      g_assert_false (g_str_has_suffix (text, ".0") && strchr (text, 'e') != NULL);
    }
}

/* Doubles of every kind, from random bits: all read back bit for bit. */
static void
test_random_doubles (void)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *read;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  while (values->len < 20000)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double value;

      /* Half of them near the range of usage totals and shares. */
      if (values->len % 2 == 0)
        bits = (bits & G_GUINT64_CONSTANT (0x800fffffffffffff)) |
               ((guint64) g_rand_int_range (rand, 1023 - 60, 1023 + 70) << 52);
      memcpy (&value, &bits, sizeof value);
      if (!isfinite (value))
        continue;
      g_array_append_val (values, value);
      json_array_add_double_element (array, value);
    }

  node = json_node_init_array (json_node_alloc (), array);
  text = osai_json_to_string (node, FALSE);
  assert_valid_json (text);
  again = json_from_string (text, &error);
  g_assert_no_error (error);

  read = json_node_get_array (again);
  g_assert_cmpuint (json_array_get_length (read), ==, values->len);
  for (guint i = 0; i < values->len; i++)
    assert_same_double (json_array_get_double_element (read, i),
                        g_array_index (values, double, i));

  g_array_unref (values);
}

/* What looks like a broken number inside a string is text: left alone. */
static void
test_strings_untouched (void)
{
  static const char *const texts[] = {
    "e+18.0",
    "2e+18.0",
    "1e-08.0",
    "inf.0",
    "-nan.0",
    "a \"quoted\" 2e+18.0",
    "back\\slash\\\" 1e+5.0",
    "\\",
    "tab\tnew line\n 3e+7.0 \u00e9\u20ac",
    "",
  };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", texts[i], i);

      json_object_set_string_member (object, name, texts[i]);
    }
  json_object_set_double_member (object, "2e+18.0", 2e18);

  node = json_node_init_object (json_node_alloc (), object);
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *text = osai_json_to_string (node, pretty);
      g_autofree char *plain = json_to_string (node, pretty);
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *read;

      assert_valid_json (text);
      /* The one number loses its ".0", and nothing else changes. */
      g_assert_cmpuint (strlen (text), ==, strlen (plain) - 2);
      g_assert_true (g_str_has_suffix (text, pretty ? "\"2e+18.0\" : 2e+18\n}"
                                                    : "\"2e+18.0\":2e+18}"));

      again = json_from_string (text, &error);
      g_assert_no_error (error);
      read = json_node_get_object (again);
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autofree char *name = g_strdup_printf ("%s %u", texts[i], i);

          g_assert_cmpstr (json_object_get_string_member (read, name), ==, texts[i]);
        }
      assert_same_double (json_object_get_double_member (read, "2e+18.0"), 2e18);
    }
}

static JsonNode *
nested_node (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "a");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, 2e18);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "b");
  json_builder_add_double_value (builder, 1e-8);
  json_builder_set_member_name (builder, "c");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, -1.5e300);
  json_builder_add_int_value (builder, 20);
  json_builder_add_double_value (builder, 0.25);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "2e+18.0");
  json_builder_set_member_name (builder, "t");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "n");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
test_nested (void)
{
  g_autoptr(JsonNode) node = nested_node ();
  g_autofree char *compact = osai_json_to_string (node, FALSE);
  g_autofree char *pretty = osai_json_to_string (node, TRUE);

  g_assert_cmpstr (compact, ==,
                   "{\"a\":[2e+18,{\"b\":1e-08,\"c\":[[-1.5000000000000001e+300,20,0.25]]}],"
                   "\"s\":\"2e+18.0\",\"t\":true,\"n\":null}");
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"a\" : [\n"
                   "    2e+18,\n"
                   "    {\n"
                   "      \"b\" : 1e-08,\n"
                   "      \"c\" : [\n"
                   "        [\n"
                   "          -1.5000000000000001e+300,\n"
                   "          20,\n"
                   "          0.25\n"
                   "        ]\n"
                   "      ]\n"
                   "    }\n"
                   "  ],\n"
                   "  \"s\" : \"2e+18.0\",\n"
                   "  \"t\" : true,\n"
                   "  \"n\" : null\n"
                   "}");
  assert_valid_json (compact);
  assert_valid_json (pretty);

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) again = json_from_string (i == 0 ? compact : pretty, NULL);

      g_assert_nonnull (again);
      g_assert_true (json_node_equal (again, node));
    }
}

/* JSON has no infinity and no NaN: null, as JSON.stringify() writes them. */
static void
test_non_finite (void)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) single = double_node (INFINITY);
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *alone = NULL;

  json_array_add_double_element (array, INFINITY);
  json_array_add_double_element (array, -INFINITY);
  json_array_add_double_element (array, NAN);
  json_array_add_double_element (array, -NAN);
  json_array_add_double_element (array, 2e18);
  json_array_add_null_element (array);
  json_array_add_boolean_element (array, FALSE);
  node = json_node_init_array (json_node_alloc (), array);

  compact = osai_json_to_string (node, FALSE);
  g_assert_cmpstr (compact, ==, "[null,null,null,null,2e+18,null,false]");
  pretty = osai_json_to_string (node, TRUE);
  assert_valid_json (pretty);
  alone = osai_json_to_string (single, TRUE);
  g_assert_cmpstr (alone, ==, "null");
}

/* Without a double to mend, the text is json-glib's, byte for byte: the
 * history files keep their form. */
static void
test_same_as_json_glib (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser,
    "{\"version\":1,\"key\":\"7@host\",\"list\":[1,2.5,-0.125,true,null,\"\\u00e9\\\"\\\\\"],"
    "\"empty\":{},\"none\":[],\"deep\":{\"x\":[{\"y\":1.0}]}}", -1, NULL));
  node = json_node_copy (json_parser_get_root (parser));

  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *text = osai_json_to_string (node, pretty);
      g_autofree char *plain = json_to_string (node, pretty);

      g_assert_cmpstr (text, ==, plain);
      assert_valid_json (text);
    }
}

/* ---- What goes through it ------------------------------------------------------------------- */

/* A status payload as a server may send it, each total spelled as given
 * (NULL: 0). */
static GBytes *
payload_with (gint64             id,
              const char        *period_from,
              const char        *period_to,
              const char *const  totals[OSAI_N_METRICS])
{
  static const OsaiIncludeFlags flags[] = {
    OSAI_INCLUDE_DATASETS, OSAI_INCLUDE_MANIPULATIONS, OSAI_INCLUDE_MODELS,
    OSAI_INCLUDE_RENTED_DEVICES, OSAI_INCLUDE_PREDICTIONS,
  };
  GString *text = g_string_new (NULL);

  g_string_append_printf (text,
                          "{\"id\":%" G_GINT64_FORMAT ",\"status\":0,"
                          "\"path\":\"https://storage.example/r.json?Expires=1&Signature=secret\","
                          "\"creationTime\":\"2024-06-01T10:00:00.000Z\","
                          "\"periodFrom\":\"%s\",\"periodTo\":\"%s\",\"read\":false",
                          id, period_from, period_to);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_string_append_printf (text, ",\"%s\":true", osai_include_flag_get_field (flags[i]));
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    g_string_append_printf (text, ",\"%s\":%s", osai_metric_get_info (i)->field,
                            totals[i] != NULL ? totals[i] : "0");
  g_string_append_c (text, '}');

  return g_string_free_to_bytes (text);
}

static OsaiHistoryEntry *
entry_with (gint64             id,
            const char        *period_from,
            const char        *period_to,
            const char *const  totals[OSAI_N_METRICS])
{
  g_autoptr(GBytes) payload = payload_with (id, period_from, period_to, totals);
  g_autoptr(OsaiReportRequest) request = osai_test_request (period_from, period_to,
                                                            OSAI_INCLUDE_ALL);
  g_autoptr(GDateTime) created = osai_time_parse_iso8601 ("2024-06-02T08:30:00.250Z", NULL);
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry;

  entry = osai_history_entry_new_from_payload (SERVER, NULL, request, payload, created, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

/* @entry's file: valid, and the same entry again, totals to the bit. */
static OsaiHistoryEntry *
assert_file_round_trip (OsaiHistoryEntry *entry)
{
  g_autoptr(GBytes) bytes = osai_history_entry_to_bytes (entry);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *again;
  OsaiReport *report;
  OsaiReport *report_again;

  assert_valid_json (text);
  assert_valid_json (g_bytes_get_data (osai_history_entry_get_payload (entry), NULL));
  g_assert_false (g_regex_match_simple ("[eE][-+]?[0-9]+\\.0", text, 0, 0));

  again = osai_history_entry_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_true (osai_history_entry_equal (entry, again));

  report = osai_history_entry_get_report (entry);
  report_again = osai_history_entry_get_report (again);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    assert_same_double (osai_report_get_total (report_again, i), osai_report_get_total (report, i));

  return again;
}

/* A stored report with a total of 2e18, sent as a double: its file used to
 * say "2e+18.0" and not load again. */
static void
test_history_total_2e18 (void)
{
  const char *totals[OSAI_N_METRICS] = { NULL };
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(OsaiHistoryEntry) again = NULL;
  g_autoptr(OsaiHistoryEntry) finished = NULL;
  g_autoptr(OsaiHistoryEntry) finished_again = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const char *payload;

  totals[OSAI_METRIC_IMAGES_KB_MIN] = "2e18";
  totals[OSAI_METRIC_MODELS_KB_MIN] = "1.5E+18";
  totals[OSAI_METRIC_EXISTING_IMAGES] = "20.0";
  entry = entry_with (16718, MAY_FROM, MAY_TO, totals);

  /* Kept as sent, less the link: the double stays a double. */
  payload = g_bytes_get_data (osai_history_entry_get_payload (entry), NULL);
  g_assert_nonnull (strstr (payload, "\"totalImagesKBMin\":2e+18,"));
  g_assert_nonnull (strstr (payload, "\"totalModelsKBMin\":1.5e+18,"));
  g_assert_null (strstr (payload, "Signature"));

  again = assert_file_round_trip (entry);
  assert_same_double (osai_report_get_total (osai_history_entry_get_report (again),
                                             OSAI_METRIC_IMAGES_KB_MIN), 2e18);

  /* From a parsed report, the whole total is an integer. */
  request = osai_test_request (MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL);
  finished = osai_history_entry_new_finished (SERVER, "someone@example.com", request,
                                              osai_history_entry_get_report (entry),
                                              NULL, &error);
  g_assert_no_error (error);
  payload = g_bytes_get_data (osai_history_entry_get_payload (finished), NULL);
  g_assert_nonnull (strstr (payload, "\"totalImagesKBMin\":2000000000000000000,"));
  finished_again = assert_file_round_trip (finished);
}

/* One existing image and 99999999 deleted ones, and a total of 1e-8: the
 * share of 1e-8 used to be exported as "1e-08.0". */
static void
test_history_share_1e_8 (void)
{
  const char *totals[OSAI_N_METRICS] = { NULL };
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(OsaiHistoryEntry) again = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) json_again = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  OsaiUsageModel *model;
  JsonArray *rows;
  gboolean seen_share = FALSE;

  totals[OSAI_METRIC_EXISTING_IMAGES] = "1";
  totals[OSAI_METRIC_DELETED_IMAGES] = "99999999";
  totals[OSAI_METRIC_MODELS_KB_MIN] = "1e-8";
  totals[OSAI_METRIC_IMAGES_KB_MIN] = "0.5";
  entry = entry_with (16719, MAY_FROM, MAY_TO, totals);
  again = assert_file_round_trip (entry);

  model = osai_history_entry_get_usage_model (again);
  json = osai_usage_model_to_json (model);
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_clear_pointer (&text, g_free);
      text = osai_json_to_string (json, pretty);
      assert_valid_json (text);
    }
  g_assert_nonnull (strstr (text, "\"share\" : 1e-08"));
  g_assert_nonnull (strstr (text, "\"raw_value\" : 1e-08"));

  json_again = json_from_string (text, &error);
  g_assert_no_error (error);
  rows = json_object_get_array_member (json_node_get_object (json_again), "totals");
  g_assert_cmpuint (json_array_get_length (rows), ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autoptr(OsaiUsageItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      JsonObject *row = json_array_get_object_element (rows, i);

      assert_same_double (json_object_get_double_member (row, "raw_value"),
                          osai_usage_item_get_raw_value (item));
      assert_same_double (json_object_get_double_member (row, "value"),
                          osai_usage_item_get_value (item));
      assert_same_double (json_object_get_double_member (row, "share"),
                          osai_usage_item_get_share (item));
      if (osai_usage_item_get_metric (item) == OSAI_METRIC_EXISTING_IMAGES)
        {
          assert_same_double (osai_usage_item_get_share (item), 1e-8);
          seen_share = TRUE;
        }
    }
  g_assert_true (seen_share);
}

/* The comparison: exponents written validly, and a change too large for a
 * double (B huge, A tiny) as undefined as one from 0. */
static void
test_comparison (void)
{
  const char *totals_a[OSAI_N_METRICS] = { NULL };
  const char *totals_b[OSAI_N_METRICS] = { NULL };
  g_autoptr(OsaiHistoryEntry) a = NULL;
  g_autoptr(OsaiHistoryEntry) b = NULL;
  g_autoptr(OsaiComparison) comparison = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) json_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  JsonArray *rows;
  guint seen = 0;

  /* Counts: their values are the totals themselves. */
  totals_a[OSAI_METRIC_EXISTING_IMAGES] = "5e-324";
  totals_b[OSAI_METRIC_EXISTING_IMAGES] = "9e18";
  totals_a[OSAI_METRIC_DELETED_IMAGES] = "1e-8";
  totals_b[OSAI_METRIC_DELETED_IMAGES] = "2e18";
  a = entry_with (1, MAY_FROM, MAY_TO, totals_a);
  b = entry_with (2, JUNE_FROM, JUNE_TO, totals_b);
  comparison = osai_comparison_new (a, b);

  json = osai_comparison_to_json (comparison);
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_clear_pointer (&text, g_free);
      text = osai_json_to_string (json, pretty);
      assert_valid_json (text);
    }
  json_again = json_from_string (text, NULL);
  g_assert_nonnull (json_again);

  g_assert_nonnull (strstr (text, "\"change_percent\" : 1.9999999999999999e+28\n"));

  rows = json_object_get_array_member (json_node_get_object (json_again), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *metric = json_object_get_string_member (row, "metric");

      if (g_strcmp0 (metric, "totalExistingImagesNum") == 0)
        {
          assert_same_double (json_object_get_double_member (row, "value_a"), 5e-324);
          g_assert_cmpint (json_object_get_int_member (row, "value_b"), ==, 9000000000000000000);
          g_assert_true (json_object_get_null_member (row, "change_percent"));
          seen++;
        }
      else if (g_strcmp0 (metric, "totalDeletedImagesNum") == 0)
        {
          assert_same_double (json_object_get_double_member (row, "value_a"), 1e-8);
          g_assert_cmpint (json_object_get_int_member (row, "difference"), ==,
                           2000000000000000000);
          assert_same_double (json_object_get_double_member (row, "change_percent"),
                              (2e18 - 1e-8) / 1e-8 * 100.0);
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 2);

  /* In the CSV, the undefined change is an empty cell: the last one. */
  csv = osai_comparison_to_csv (comparison);
  g_assert_null (strstr (csv, "inf"));
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    gboolean seen_line = FALSE;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "totalExistingImagesNum,"))
        {
          g_assert_true (g_str_has_suffix (lines[i], ","));
          seen_line = TRUE;
        }
    g_assert_true (seen_line);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-write/exponents", test_exponents);
  g_test_add_func ("/json-write/random-doubles", test_random_doubles);
  g_test_add_func ("/json-write/strings-untouched", test_strings_untouched);
  g_test_add_func ("/json-write/nested", test_nested);
  g_test_add_func ("/json-write/non-finite", test_non_finite);
  g_test_add_func ("/json-write/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/json-write/history/total-2e18", test_history_total_2e18);
  g_test_add_func ("/json-write/history/share-1e-8", test_history_share_1e_8);
  g_test_add_func ("/json-write/comparison", test_comparison);

  return g_test_run ();
}
