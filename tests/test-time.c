/* test-time.c — ISO 8601 times, Retry-After, user dates and the request body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "osai-error.h"
#include "osai-report-request.h"
#include "osai-time.h"
#include "osai-test-utils.h"

static void
assert_parses_to (const char *text,
                  const char *expected_utc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = osai_time_parse_iso8601 (text, &error);
  g_autofree char *formatted = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);

  formatted = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_assert_cmpstr (formatted, ==, expected_utc);
}

static void
test_time_fraction_digits (void)
{
  assert_parses_to ("2023-02-10T14:33:33Z", "2023-02-10T14:33:33.000000Z");
  assert_parses_to ("2023-02-10T14:33:33.7Z", "2023-02-10T14:33:33.700000Z");
  assert_parses_to ("2023-02-10T14:33:33.76Z", "2023-02-10T14:33:33.760000Z");
  assert_parses_to ("2023-02-10T14:33:33.762Z", "2023-02-10T14:33:33.762000Z");
  assert_parses_to ("2023-02-10T14:33:33.7629Z", "2023-02-10T14:33:33.762900Z");
  assert_parses_to ("2023-02-10T14:33:33.76290Z", "2023-02-10T14:33:33.762900Z");
  assert_parses_to ("2023-02-10T14:33:33.762903Z", "2023-02-10T14:33:33.762903Z");
  /* .NET ticks: the seventh digit is below a microsecond and dropped. */
  assert_parses_to ("2023-02-10T14:33:33.7629037Z", "2023-02-10T14:33:33.762903Z");
  assert_parses_to ("2023-02-10T14:33:33.762903799Z", "2023-02-10T14:33:33.762903Z");
  assert_parses_to ("2022-12-31T23:59:59.9999999Z", "2022-12-31T23:59:59.999999Z");
}

static void
test_time_zones (void)
{
  assert_parses_to ("2023-01-01T00:00:00.000", "2023-01-01T00:00:00.000000Z");
  assert_parses_to ("2023-01-01T00:00:00", "2023-01-01T00:00:00.000000Z");
  assert_parses_to ("2023-02-10T14:33:33.5+02:00", "2023-02-10T12:33:33.500000Z");
  assert_parses_to ("2023-02-10T00:30:00-01:30", "2023-02-10T02:00:00.000000Z");
  assert_parses_to ("2023-01-01T01:00:00+01:00", "2023-01-01T00:00:00.000000Z");
}

static void
test_time_garbage (void)
{
  const char *bad[] = {
    "", "garbage", "2023-02-10", "2023-02-30T00:00:00Z", "2023-02-10T25:00:00Z",
    "2023-02-10T14:33:33Zjunk", "2023-02-10T14:33:33.Z", " 2023-02-10T14:33:33Z",
    "16718",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) time = osai_time_parse_iso8601 (bad[i], &error);

      g_assert_null (time);
      g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_time_format (void)
{
  const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "2022-01-01T00:00:00Z", "2022-01-01T00:00:00.000Z" },
    { "2023-02-10T14:33:33.7629037Z", "2023-02-10T14:33:33.762Z" },
    { "2023-02-10T16:33:33.001+02:00", "2023-02-10T14:33:33.001Z" },
    { "0999-12-31T23:59:59.999999", "0999-12-31T23:59:59.999Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = osai_time_parse_iso8601 (cases[i].in, NULL);
      g_autofree char *text = osai_time_format_iso8601 (time);
      g_autoptr(GDateTime) again = osai_time_parse_iso8601 (text, NULL);
      g_autofree char *text_again = osai_time_format_iso8601 (again);

      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_cmpstr (text_again, ==, text);
    }

  /* A local time goes out as UTC. */
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_offset (-5 * 3600);
    g_autoptr(GDateTime) time = g_date_time_new (zone, 2024, 5, 31, 22, 15, 1.25);
    g_autofree char *text = osai_time_format_iso8601 (time);

    g_assert_cmpstr (text, ==, "2024-06-01T03:15:01.250Z");
  }
}

static OsaiReportRequest *
fixture_request (OsaiIncludeFlags include)
{
  g_autoptr(GDateTime) from = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2023, 1, 1, 0, 0, 0);

  return osai_report_request_new (from, to, include);
}

static void
test_request_json (void)
{
  g_autoptr(OsaiReportRequest) request = fixture_request (OSAI_INCLUDE_ALL);
  g_autoptr(JsonNode) node = osai_report_request_to_json (request);
  g_autofree char *body = json_to_string (node, FALSE);
  g_autofree char *path = osai_test_data_path ("report-request.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *fixture, *ours;
  g_autoptr(GList) members = NULL;

  g_assert_true (osai_report_request_validate (request, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (body, ==,
                   "{\"periodFrom\":\"2022-01-01T00:00:00.000Z\","
                   "\"periodTo\":\"2023-01-01T00:00:00.000Z\","
                   "\"includeDatasets\":true,"
                   "\"includeManipulations\":true,"
                   "\"includeModels\":true,"
                   "\"includeRentedDevices\":true,"
                   "\"includePredictions\":true}");

  /* Same members, same order, same values as the documented example, except
   * that our periodTo says it is UTC. */
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  fixture = json_node_get_object (json_parser_get_root (parser));
  ours = json_node_get_object (node);
  members = json_object_get_members (fixture);
  g_assert_cmpuint (g_list_length (members), ==, json_object_get_size (ours));
  {
    g_autoptr(GList) our_members = json_object_get_members (ours);

    for (GList *l = members, *o = our_members; l != NULL; l = l->next, o = o->next)
      {
        const char *name = l->data;
        JsonNode *expected = json_object_get_member (fixture, name);

        g_assert_cmpstr (o->data, ==, name);
        if (g_str_equal (name, "periodTo"))
          g_assert_cmpstr (json_object_get_string_member (ours, name), ==,
                           "2023-01-01T00:00:00.000Z");
        else
          g_assert_true (json_node_equal (expected, json_object_get_member (ours, name)));
      }
  }
}

static void
test_request_some_switches (void)
{
  g_autoptr(OsaiReportRequest) request = fixture_request (OSAI_INCLUDE_MODELS | OSAI_INCLUDE_PREDICTIONS);
  g_autoptr(JsonNode) node = osai_report_request_to_json (request);
  g_autofree char *body = json_to_string (node, FALSE);
  OsaiIncludeFlags include;

  g_assert_cmpstr (body, ==,
                   "{\"periodFrom\":\"2022-01-01T00:00:00.000Z\","
                   "\"periodTo\":\"2023-01-01T00:00:00.000Z\","
                   "\"includeDatasets\":false,"
                   "\"includeManipulations\":false,"
                   "\"includeModels\":true,"
                   "\"includeRentedDevices\":false,"
                   "\"includePredictions\":true}");

  g_object_get (request, "include", &include, NULL);
  g_assert_cmpint (include, ==, OSAI_INCLUDE_MODELS | OSAI_INCLUDE_PREDICTIONS);
  g_assert_cmpint (osai_report_request_get_include (request), ==, include);
  g_assert_cmpint (g_date_time_get_year (osai_report_request_get_period_from (request)), ==, 2022);
  g_assert_cmpint (g_date_time_get_year (osai_report_request_get_period_to (request)), ==, 2023);
}

static void
test_request_validate (void)
{
  g_autoptr(GDateTime) a = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) b = g_date_time_new_utc (2023, 1, 1, 0, 0, 0);
  struct {
    GDateTime *from;
    GDateTime *to;
    OsaiIncludeFlags include;
  } cases[] = {
    { a, a, OSAI_INCLUDE_ALL },
    { b, a, OSAI_INCLUDE_ALL },
    { a, b, OSAI_INCLUDE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OsaiReportRequest) request = osai_report_request_new (cases[i].from, cases[i].to,
                                                                      cases[i].include);
      g_autoptr(GError) error = NULL;

      g_assert_false (osai_report_request_validate (request, &error));
      g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
      if (i < 2)
        g_assert_cmpstr (error->message, ==, "The start of the period must be before its end.");
    }

  {
    g_autoptr(GDateTime) a_plus = g_date_time_add (a, 1000);
    g_autoptr(OsaiReportRequest) request = osai_report_request_new (a, a_plus, OSAI_INCLUDE_DATASETS);

    g_assert_true (osai_report_request_validate (request, NULL));
  }
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2015, 10, 21, 7, 27, 0);
  guint seconds = 12345;

  g_assert_true (osai_time_parse_retry_after ("120", now, &seconds));
  g_assert_cmpuint (seconds, ==, 120);
  g_assert_true (osai_time_parse_retry_after (" 0 ", now, &seconds));
  g_assert_cmpuint (seconds, ==, 0);
  g_assert_true (osai_time_parse_retry_after ("99999999999999999999999", now, &seconds));
  g_assert_cmpuint (seconds, ==, G_MAXUINT);

  g_assert_true (osai_time_parse_retry_after ("Wed, 21 Oct 2015 07:28:00 GMT", now, &seconds));
  g_assert_cmpuint (seconds, ==, 60);
  g_assert_true (osai_time_parse_retry_after ("Wed, 21 Oct 2015 09:27:00 GMT", now, &seconds));
  g_assert_cmpuint (seconds, ==, 7200);

  seconds = 12345;
  g_assert_true (osai_time_parse_retry_after ("Tue, 20 Oct 2015 07:28:00 GMT", now, &seconds));
  g_assert_cmpuint (seconds, ==, 0);

  seconds = 12345;
  g_assert_false (osai_time_parse_retry_after ("soon", now, &seconds));
  g_assert_false (osai_time_parse_retry_after ("", now, &seconds));
  g_assert_false (osai_time_parse_retry_after (NULL, now, &seconds));
  g_assert_false (osai_time_parse_retry_after ("-5", now, &seconds));
  g_assert_false (osai_time_parse_retry_after ("12s", now, &seconds));
  g_assert_false (osai_time_parse_retry_after ("1.5", now, &seconds));
  g_assert_cmpuint (seconds, ==, 12345);
}

static void
assert_user_date (const char *text,
                  gboolean    end_of_day,
                  const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = osai_time_parse_user_date (text, end_of_day, &error);
  g_autofree char *formatted = NULL;

  g_assert_no_error (error);
  formatted = osai_time_format_iso8601 (time);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_user_dates (void)
{
  const char *bad[] = { "", "tomorrow", "2024-02-30", "2024-13-01", "2024-5-1", "31/05/2024",
                        "2024-05-31T", "2024-05-31 junk" };

  assert_user_date ("2024-05-01", FALSE, "2024-05-01T00:00:00.000Z");
  assert_user_date ("2024-05-01", TRUE, "2024-05-02T00:00:00.000Z");
  assert_user_date ("2024-05-31", TRUE, "2024-06-01T00:00:00.000Z");
  assert_user_date ("2024-12-31", TRUE, "2025-01-01T00:00:00.000Z");
  assert_user_date ("2024-02-29", TRUE, "2024-03-01T00:00:00.000Z");
  assert_user_date (" 2024-05-01 ", FALSE, "2024-05-01T00:00:00.000Z");
  /* An instant is taken as is, whatever end_of_day says. */
  assert_user_date ("2024-05-31T12:00:00Z", TRUE, "2024-05-31T12:00:00.000Z");
  assert_user_date ("2024-05-31T12:00:00+02:00", FALSE, "2024-05-31T10:00:00.000Z");
  assert_user_date ("2024-05-31T12:00:00.5", FALSE, "2024-05-31T12:00:00.500Z");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) time = osai_time_parse_user_date (bad[i], TRUE, &error);

      g_assert_null (time);
      g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/time/iso8601/fraction-digits", test_time_fraction_digits);
  g_test_add_func ("/time/iso8601/zones", test_time_zones);
  g_test_add_func ("/time/iso8601/garbage", test_time_garbage);
  g_test_add_func ("/time/iso8601/format", test_time_format);
  g_test_add_func ("/time/request/json", test_request_json);
  g_test_add_func ("/time/request/some-switches", test_request_some_switches);
  g_test_add_func ("/time/request/validate", test_request_validate);
  g_test_add_func ("/time/retry-after", test_retry_after);
  g_test_add_func ("/time/user-dates", test_user_dates);

  return g_test_run ();
}
