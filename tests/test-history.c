/* test-history.c — the local history of reports: entries, the store, crashes and races
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also a helper for its own tests: `test-history --writer DIR FIRST COUNT`
 * adds COUNT entries (two of them run at once for the race), and
 * `test-history --fsize DIR` writes under RLIMIT_FSIZE (a full disk).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "osai-error.h"
#include "osai-history.h"
#include "osai-metric.h"
#include "osai-test-history.h"
#include "osai-test-utils.h"
#include "osai-time.h"

#define SERVER_EU   "https://app-eu.onestepai.com/api"
#define SERVER_US   "https://app-us.onestepai.com/api"
#define MAY_FROM    "2024-05-01T00:00:00Z"
#define MAY_TO      "2024-06-01T00:00:00Z"

typedef struct
{
  char *root;   /* a temporary folder */
  char *dir;    /* root/history */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->root = g_dir_make_tmp ("test-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->dir = g_build_filename (f->root, "history", NULL);
}


static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  osai_test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->dir);
}

static OsaiHistory *
load_history (const char *dir)
{
  g_autoptr(GError) error = NULL;
  OsaiHistory *history = osai_history_new (dir);

  osai_history_load (history, NULL, &error);
  g_assert_no_error (error);
  return history;
}

static OsaiHistoryEntry *
item (OsaiHistory *history,
      guint        position)
{
  /* The history holds it: a borrowed pointer is enough for a test. */
  OsaiHistoryEntry *entry = g_list_model_get_item (G_LIST_MODEL (history), position);

  g_assert_nonnull (entry);
  g_object_unref (entry);
  return entry;
}

static void
add_ok (OsaiHistory      *history,
        OsaiHistoryEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (osai_history_add (history, entry, &error));
  g_assert_no_error (error);
}

static void
write_text (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ---- Entries -------------------------------------------------------------------------------- */

static void
test_entry_round_trip (void)
{
  OsaiTestTotals totals;
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(OsaiHistoryEntry) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *text = NULL;
  OsaiReport *report;
  GListModel *model;

  osai_test_totals_fill (&totals, 7);
  totals.totals[OSAI_METRIC_IMAGES_KB_MIN] = 1.4956327299571348e+18;  /* as the API's example */
  entry = osai_test_entry (SERVER_EU, 16718, "2024-06-02T08:30:00.250Z", MAY_FROM, MAY_TO,
                           OSAI_INCLUDE_ALL, &totals);

  g_assert_cmpstr (osai_history_entry_get_key (entry), ==, "16718@app-eu.onestepai.com");
  g_assert_cmpstr (osai_history_entry_get_file_name (entry), ==, "16718@app-eu.onestepai.com.json");
  g_assert_cmpint (osai_history_entry_get_report_id (entry), ==, 16718);
  g_assert_cmpstr (osai_history_entry_get_host (entry), ==, "app-eu.onestepai.com");
  g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_DONE);
  created = osai_time_format_iso8601 (osai_history_entry_get_created (entry));
  g_assert_cmpstr (created, ==, "2024-06-02T08:30:00.250Z");

  bytes = osai_history_entry_to_bytes (entry);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* The pre-signed link is a credential that expires: never kept. */
  g_assert_null (strstr (text, "Signature"));
  g_assert_null (strstr (text, "\"path\""));

  again = osai_history_entry_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (osai_history_entry_equal (entry, again));

  report = osai_history_entry_get_report (again);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    g_assert_cmpfloat (osai_report_get_total (report, i), ==, totals.totals[i]);
  model = G_LIST_MODEL (osai_history_entry_get_usage_model (again));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, OSAI_N_METRICS);
}

static void
test_entry_from_report (void)
{
  OsaiTestTotals totals;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiReportRequest) request = osai_test_request (MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL);
  g_autoptr(OsaiHistoryEntry) pending = NULL;
  g_autoptr(OsaiHistoryEntry) done = NULL;
  g_autoptr(OsaiHistoryEntry) failed = NULL;
  g_autoptr(OsaiReport) failed_report = NULL;
  g_autoptr(GError) error = NULL;

  osai_test_totals_fill (&totals, 3);
  payload = osai_test_payload (42, 0, OSAI_INCLUDE_ALL, MAY_FROM, MAY_TO, &totals);
  report = osai_report_new_from_bytes (payload, &error);
  g_assert_no_error (error);

  pending = osai_history_entry_new_pending ("http://127.0.0.1:8080/api", "me", 42, request, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (osai_history_entry_get_key (pending), ==, "42@127.0.0.1:8080");
  g_assert_null (osai_history_entry_get_report (pending));
  g_assert_null (osai_history_entry_get_payload (pending));
  g_assert_false (osai_history_entry_has_metric (pending, OSAI_METRIC_EXISTING_IMAGES));

  done = osai_history_entry_complete (pending, report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (osai_history_entry_get_key (done), ==, osai_history_entry_get_key (pending));
  g_assert_true (g_date_time_equal (osai_history_entry_get_created (done),
                                    osai_history_entry_get_created (pending)));
  g_assert_cmpstr (osai_history_entry_get_account (done), ==, "me");
  g_assert_cmpint (osai_history_entry_get_state (done), ==, OSAI_HISTORY_STATE_DONE);
  g_assert_cmpfloat (osai_report_get_total (osai_history_entry_get_report (done),
                                            OSAI_METRIC_MANIPULATION_SECONDS),
                     ==, totals.totals[OSAI_METRIC_MANIPULATION_SECONDS]);

  /* Another report's ID does not complete it. */
  {
    g_autoptr(GBytes) other = osai_test_payload (43, 0, OSAI_INCLUDE_ALL, MAY_FROM, MAY_TO,
                                                 &totals);
    g_autoptr(OsaiReport) other_report = osai_report_new_from_bytes (other, NULL);
    g_autoptr(OsaiHistoryEntry) wrong = osai_history_entry_complete (pending, other_report, &error);

    g_assert_null (wrong);
    g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  g_clear_pointer (&payload, g_bytes_unref);
  payload = osai_test_payload (42, 1, OSAI_INCLUDE_ALL, MAY_FROM, MAY_TO, NULL);
  failed_report = osai_report_new_from_bytes (payload, &error);
  g_assert_no_error (error);
  failed = osai_history_entry_new_finished (SERVER_EU, NULL, request, failed_report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_history_entry_get_state (failed), ==, OSAI_HISTORY_STATE_FAILED);
  g_assert_cmpstr (osai_history_entry_get_headline (failed), ==, "Failed");

  /* Bad input is the caller's mistake. */
  g_assert_null (osai_history_entry_new_pending ("ftp://example.com", NULL, 1, request, NULL,
                                                 &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (osai_history_entry_new_pending (SERVER_EU, NULL, 0, request, NULL, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT);
}

static void
test_entry_keys (void)
{
  struct {
    const char *server;
    const char *key;
    const char *file;
  } cases[] = {
    { "https://APP-EU.onestepai.com/api", "7@app-eu.onestepai.com", "7@app-eu.onestepai.com.json" },
    { "https://app-eu.onestepai.com:443/api", "7@app-eu.onestepai.com",
      "7@app-eu.onestepai.com.json" },
    { "https://example.com:8443/api", "7@example.com:8443", "7@example.com%3A8443.json" },
    { "http://127.0.0.1:80/api", "7@127.0.0.1", "7@127.0.0.1.json" },
    { "http://[::1]:8080/api", "7@[::1]:8080", "7@%5B%3A%3A1%5D%3A8080.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = osai_history_make_key (cases[i].server, 7, &error);
      g_autofree char *file = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, cases[i].key);
      file = osai_history_key_to_file_name (key);
      g_assert_cmpstr (file, ==, cases[i].file);
    }
}

/* Replaces the first @old in @text by @new. */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static void
test_entry_strict (void)
{
  OsaiTestTotals totals;
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *good = NULL;
  struct {
    const char *old;
    const char *new;
  } breakages[] = {
    { "\"reportId\" : 99", "\"reportId\" : \"99\"" },
    { "\"reportId\" : 99", "\"reportId\" : -99" },
    { "\"reportId\" : 99", "\"reportId\" : 99.5" },
    { "\"key\" : \"99@app-eu.onestepai.com\"", "\"key\" : \"98@app-eu.onestepai.com\"" },
    { "\"key\" : \"99@app-eu.onestepai.com\"", "\"key\" : 99" },
    { "\"state\" : \"done\"", "\"state\" : \"failed\"" },
    { "\"state\" : \"done\"", "\"state\" : \"pending\"" },
    { "\"state\" : \"done\"", "\"state\" : \"finished\"" },
    { "\"state\" : \"done\"", "\"state\" : true" },
    { "\"created\" : \"2024-06-02T08:30:00.000Z\"", "\"created\" : \"1970-01-01T00:00:00Z\"" },
    { "\"created\" : \"2024-06-02T08:30:00.000Z\"", "\"created\" : \"yesterday\"" },
    { "\"created\" : \"2024-06-02T08:30:00.000Z\"", "\"created\" : 1717317000" },
    { "\"server\" : \"https://app-eu.onestepai.com/api\"", "\"server\" : \"app-eu\"" },
    { "\"server\" : \"https://app-eu.onestepai.com/api\"", "\"server\" : null" },
    { "\"account\" : null", "\"account\" : 12" },
    { "\"version\" : 1", "\"version\" : 0" },
    { "\"version\" : 1", "\"version\" : \"1\"" },
    { "\"includeModels\" : true", "\"includeModels\" : 1" },
    { "\"periodFrom\" : \"2024-05-01T00:00:00.000Z\"",
      "\"periodFrom\" : \"2024-07-01T00:00:00.000Z\"" },
    { "\"totalTrainingSeconds8GB\" : ", "\"totalTrainingSeconds8GB\" : -" },
    { "\"totalTrainingSeconds8GB\" : ", "\"totalTrainingSeconds8GB\" : 1e30, \"x\" : " },
    { "\"totalTrainingSeconds8GB\" : ", "\"totalTrainingSeconds8GB\" : \"12\", \"x\" : " },
    { "\"id\" : 99", "\"id\" : 98" },
    { "\"status\" : 0", "\"status\" : -1" },
    { "\"report\" : {", "\"report\" : null, \"x\" : {" },
    { "\"report\" : {", "\"report\" : [ {" },
  };

  osai_test_totals_fill (&totals, 11);
  entry = osai_test_entry (SERVER_EU, 99, "2024-06-02T08:30:00Z", MAY_FROM, MAY_TO,
                           OSAI_INCLUDE_ALL, &totals);
  bytes = osai_history_entry_to_bytes (entry);
  good = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *bad = replace_once (good, breakages[i].old, breakages[i].new);
      g_autoptr(GBytes) bad_bytes = g_bytes_new (bad, strlen (bad));
      g_autoptr(GError) error = NULL;
      g_autoptr(OsaiHistoryEntry) loaded = osai_history_entry_new_from_bytes (bad_bytes, &error);

      g_test_message ("%s → %s: %s", breakages[i].old, breakages[i].new,
                      error != NULL ? error->message : "(loaded)");
      g_assert_null (loaded);
      g_assert_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT);
      g_assert_cmpuint (strlen (error->message), >, 0);
    }

  /* A newer version is not corrupt: it is somebody else's. */
  {
    g_autofree char *newer = replace_once (good, "\"version\" : 1", "\"version\" : 2");
    g_autoptr(GBytes) newer_bytes = g_bytes_new (newer, strlen (newer));
    g_autoptr(GError) error = NULL;

    g_assert_null (osai_history_entry_new_from_bytes (newer_bytes, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }

  /* Members this version does not know are fine. */
  {
    g_autofree char *more = replace_once (good, "\"version\" : 1",
                                          "\"version\" : 1, \"colour\" : \"red\"");
    g_autoptr(GBytes) more_bytes = g_bytes_new (more, strlen (more));
    g_autoptr(GError) error = NULL;
    g_autoptr(OsaiHistoryEntry) loaded = osai_history_entry_new_from_bytes (more_bytes, &error);

    g_assert_no_error (error);
    g_assert_true (osai_history_entry_equal (entry, loaded));
  }
}

static void
test_entry_headline (void)
{
  OsaiTestTotals totals = { { 0 } };
  g_autoptr(OsaiHistoryEntry) all = NULL;
  g_autoptr(OsaiHistoryEntry) datasets = NULL;
  g_autoptr(OsaiHistoryEntry) devices = NULL;
  g_autoptr(OsaiHistoryEntry) pending = NULL;

  totals.totals[OSAI_METRIC_MANIPULATION_SECONDS] = 1800;       /* 0.5 h */
  totals.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 36000;      /* 10 h */
  totals.totals[OSAI_METRIC_PREDICTION_SECONDS_16GB] = 7200;    /* 2 h */
  totals.totals[OSAI_METRIC_DEVICE_RENTAL_SECONDS] = 360000;    /* not compute */
  totals.totals[OSAI_METRIC_IMAGES_KB_MIN] = 60000 * 3.0;       /* 3 MB·h */
  totals.totals[OSAI_METRIC_MODELS_KB_MIN] = 60000 * 4.0;       /* 4 MB·h, models are off */

  all = osai_test_entry (SERVER_EU, 1, "2024-06-02T08:30:00Z", MAY_FROM, MAY_TO,
                         OSAI_INCLUDE_ALL, &totals);
  g_assert_cmpint (osai_history_entry_get_headline_category (all), ==, OSAI_CATEGORY_COMPUTE);
  g_assert_cmpfloat_with_epsilon (osai_history_entry_get_headline_value (all), 12.5, 1e-9);
  g_assert_cmpstr (osai_history_entry_get_headline (all), ==, "12.5 h of compute");

  datasets = osai_test_entry (SERVER_EU, 2, "2024-06-02T08:30:00Z", MAY_FROM, MAY_TO,
                              OSAI_INCLUDE_DATASETS | OSAI_INCLUDE_RENTED_DEVICES, &totals);
  g_assert_cmpint (osai_history_entry_get_headline_category (datasets), ==, OSAI_CATEGORY_STORAGE);
  g_assert_cmpfloat_with_epsilon (osai_history_entry_get_headline_value (datasets), 3.0, 1e-9);
  g_assert_false (osai_history_entry_has_metric (datasets, OSAI_METRIC_MODELS_KB_MIN));
  g_assert_true (osai_history_entry_has_metric (datasets, OSAI_METRIC_IMAGES_KB_MIN));

  devices = osai_test_entry (SERVER_EU, 3, "2024-06-02T08:30:00Z", MAY_FROM, MAY_TO,
                             OSAI_INCLUDE_RENTED_DEVICES, &totals);
  g_assert_cmpint (osai_history_entry_get_headline_category (devices), ==, OSAI_CATEGORY_RENTAL);
  g_assert_cmpfloat_with_epsilon (osai_history_entry_get_headline_value (devices), 100.0, 1e-9);

  pending = osai_test_pending_entry (SERVER_EU, 4, "2024-06-02T08:30:00Z");
  g_assert_cmpfloat (osai_history_entry_get_headline_value (pending), ==, 0.0);
  g_assert_cmpstr (osai_history_entry_get_headline (pending), ==, "Still being generated");
}

/* ---- The store ------------------------------------------------------------------------------ */

static void
test_store_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(OsaiHistory) again = NULL;
  g_autoptr(OsaiHistoryEntry) a = NULL;
  g_autoptr(OsaiHistoryEntry) b = NULL;
  g_autoptr(OsaiHistoryEntry) c = NULL;
  g_autofree char *path = NULL;
  GStatBuf st;
  OsaiTestTotals totals;

  osai_test_totals_fill (&totals, 1);
  a = osai_test_entry (SERVER_EU, 10, "2024-06-01T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                       &totals);
  b = osai_test_entry (SERVER_US, 10, "2024-06-03T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_MODELS,
                       &totals);
  c = osai_test_pending_entry (SERVER_EU, 11, "2024-06-02T10:00:00Z");
  add_ok (history, a);
  add_ok (history, b);
  add_ok (history, c);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);

  path = g_build_filename (f->dir, osai_history_entry_get_file_name (a), NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  again = load_history (f->dir);
  g_assert_true (osai_history_get_loaded (again));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  g_assert_true (osai_history_entry_equal (item (again, 0), b));
  g_assert_true (osai_history_entry_equal (item (again, 1), c));
  g_assert_true (osai_history_entry_equal (item (again, 2), a));
  g_assert_true (osai_history_entry_equal (osai_history_lookup (again, "10@app-us.onestepai.com"),
                                           b));
  g_assert_cmpuint (osai_history_get_problems (again)->len, ==, 0);
}

typedef struct
{
  guint n_signals;
  guint n_added;
  guint n_removed;
} ChangeCount;

static void
items_changed_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  ChangeCount *count)
{
  count->n_signals++;
  count->n_added += added;
  count->n_removed += removed;
}

static void
assert_newest_first (OsaiHistory *history)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = 1; i < n; i++)
    {
      OsaiHistoryEntry *newer = item (history, i - 1);

      g_assert_cmpint (osai_history_entry_compare_newest_first (newer, item (history, i)), <, 0);
    }
}

static void
test_store_newest_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  ChangeCount count = { 0 };
  guint order[] = { 5, 1, 9, 3, 7, 2, 8, 0, 6, 4 };

  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &count);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *created = g_strdup_printf ("2024-06-%02uT12:00:00Z", order[i] + 1);
      g_autoptr(OsaiHistoryEntry) entry =
        osai_test_entry (SERVER_EU, 100 + order[i], created, MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                         NULL);

      add_ok (history, entry);
    }

  g_assert_cmpuint (count.n_added, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (osai_history_entry_get_report_id (item (history, i)), ==, 109 - i);

  /* Adding the same entry again changes nothing. */
  {
    g_autoptr(OsaiHistoryEntry) same =
      osai_test_entry (SERVER_EU, 105, "2024-06-06T12:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                       NULL);

    add_ok (history, same);
    g_assert_cmpuint (count.n_signals, ==, 10);
  }
}

static void
set_aside_cb (OsaiHistory  *history,
              const GError *error,
              GPtrArray    *errors)
{
  g_ptr_array_add (errors, g_error_copy (error));
}

static void
test_store_load_async (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(OsaiHistory) writer = osai_history_new (f->dir);
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChangeCount count = { 0 };
  const guint n = 1234;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) base = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) created = g_date_time_add_minutes (base, (int) ((i * 7919) % n));
      g_autofree char *created_text = osai_time_format_iso8601 (created);
      g_autoptr(OsaiHistoryEntry) entry =
        osai_test_entry (SERVER_EU, i + 1, created_text, MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL, NULL);
      g_autoptr(GBytes) bytes = osai_history_entry_to_bytes (entry);
      g_autofree char *path = g_build_filename (f->dir, osai_history_entry_get_file_name (entry),
                                                NULL);

      /* Quicker than add (no fsync): the test is about reading. */
      if (i == 0)
        add_ok (writer, entry);
      else
        write_text (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &count);
  osai_history_load_async (history, NULL, osai_test_store_result_cb, &result);
  g_assert_false (osai_history_get_loaded (history));
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  g_assert_true (osai_history_load_finish (history, result, &error));
  g_assert_no_error (error);

  g_assert_true (osai_history_get_loaded (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, n);
  g_assert_cmpuint (count.n_added, ==, n);
  /* In batches, each one in one signal, never one signal per entry. */
  g_assert_cmpuint (count.n_signals, >, 1);
  g_assert_cmpuint (count.n_signals, <, n / 50);
  assert_newest_first (history);

  /* Loading again changes nothing. */
  g_clear_object (&result);
  osai_history_load_async (history, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 20000);
  g_assert_true (osai_history_load_finish (history, result, &error));
  g_assert_cmpuint (count.n_added, ==, n);
}

static void
age_file (const char *path,
          gint64      seconds)
{
  struct utimbuf times;

  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - seconds);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
test_store_crashed_writer (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(OsaiHistory) writer = osai_history_new (f->dir);
  g_autoptr(OsaiHistory) history = NULL;
  g_autoptr(OsaiHistoryEntry) good1 = NULL;
  g_autoptr(OsaiHistoryEntry) good2 = NULL;
  g_autoptr(OsaiHistoryEntry) victim = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = g_build_filename (f->dir, "set-aside", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "2@app-eu.onestepai.com.json", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "3@app-eu.onestepai.com.json", NULL);
  g_autofree char *garbage = g_build_filename (f->dir, "4@app-eu.onestepai.com.json", NULL);
  g_autofree char *misnamed = g_build_filename (f->dir, "5@app-eu.onestepai.com.json", NULL);
  g_autofree char *old_temp = g_build_filename (f->dir, "6@app-eu.onestepai.com.json.A1B2C3", NULL);
  g_autofree char *young_temp = g_build_filename (f->dir, "7@app-eu.onestepai.com.json.D4E5F6",
                                                  NULL);
  g_autofree char *newer = g_build_filename (f->dir, "8@app-eu.onestepai.com.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *newer_text = NULL;
  g_autofree char *good_text = NULL;

  good1 = osai_test_entry (SERVER_EU, 1, "2024-06-01T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                           NULL);
  good2 = osai_test_pending_entry (SERVER_EU, 9, "2024-06-05T10:00:00Z");
  add_ok (writer, good1);
  add_ok (writer, good2);

  /* What a crash (or a file system without ordered writes) can leave. */
  victim = osai_test_entry (SERVER_EU, 2, "2024-06-02T10:00:00Z", MAY_FROM, MAY_TO,
                            OSAI_INCLUDE_ALL, NULL);
  bytes = osai_history_entry_to_bytes (victim);
  write_text (truncated, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);
  write_text (empty, "", 0);
  write_text (garbage, "\x89PNG\r\n\x1a\n\0\0garbage", 16);
  {
    g_autofree char *good_path = g_build_filename (f->dir, osai_history_entry_get_file_name (good1),
                                                   NULL);

    good_text = read_text (good_path);
  }
  write_text (misnamed, good_text, -1);
  write_text (old_temp, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 3);
  age_file (old_temp, 3600);
  write_text (young_temp, "{", -1);
  newer_text = g_strdup_printf ("{ \"version\": 2, \"whatever\": true }");
  write_text (newer, newer_text, -1);
  write_text (other, "mine", -1);

  history = osai_history_new (f->dir);
  g_signal_connect (history, "set-aside", G_CALLBACK (set_aside_cb), errors);
  osai_history_load_async (history, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (osai_history_load_finish (history, result, &error));
  g_assert_no_error (error);

  /* The others load. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_true (osai_history_entry_equal (item (history, 0), good2));
  g_assert_true (osai_history_entry_equal (item (history, 1), good1));

  /* Five set aside, each said with the file and where it went. */
  g_assert_cmpuint (errors->len, ==, 5);
  g_assert_cmpuint (osai_history_get_problems (history)->len, ==, 5);
  for (guint i = 0; i < errors->len; i++)
    {
      GError *problem = g_ptr_array_index (errors, i);
      g_autofree char *described = osai_error_describe (problem);

      g_test_message ("%s", described);
      g_assert_error (problem, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT);
      g_assert_nonnull (strstr (problem->message, f->dir));
      g_assert_nonnull (strstr (problem->message, aside));
      g_assert_cmpstr (described, !=, problem->message);
    }
  g_assert_cmpuint (osai_test_count_files (aside, ""), ==, 5);
  g_assert_false (g_file_test (truncated, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (empty, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (garbage, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (misnamed, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_temp, G_FILE_TEST_EXISTS));

  /* Left alone: a write that may be in flight, a newer app's entry, not ours. */
  g_assert_true (g_file_test (young_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* Nothing more to set aside the next time. */
  {
    g_autoptr(OsaiHistory) again = load_history (f->dir);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
    g_assert_cmpuint (osai_history_get_problems (again)->len, ==, 0);
  }
}

static void
assert_no_temp_files (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    g_assert_true (g_str_has_suffix (name, ".json") || g_strcmp0 (name, "set-aside") == 0);
}

/* Runs this program as a helper, waits for it, returns its stdout. */
static char *
run_helper (const char * const *argv,
            int                *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *out_status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;

  return out;
}

static void
test_store_full_disk (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(OsaiHistory) again = NULL;
  g_autoptr(OsaiHistoryEntry) existing = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "/proc/self/exe", "--fsize", f->dir, NULL };
  int status;

  existing = osai_test_pending_entry (SERVER_EU, 500, "2024-06-01T10:00:00Z");
  add_ok (history, existing);
  path = g_build_filename (f->dir, osai_history_entry_get_file_name (existing), NULL);
  before = read_text (path);

  /* The helper completes entry 500 and adds 501 under a 256-byte file size
   * limit: both writes fail. */
  argv[0] = g_file_read_link ("/proc/self/exe", NULL);
  out = run_helper (argv, &status);
  g_test_message ("helper: %s", out);
  g_free ((char *) argv[0]);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Could not save the report in the history"));

  after = read_text (path);
  g_assert_cmpstr (after, ==, before);
  assert_no_temp_files (f->dir);

  again = load_history (f->dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_true (osai_history_entry_equal (item (again, 0), existing));
  g_assert_cmpuint (osai_history_get_problems (again)->len, ==, 0);
}

static int
helper_fsize (const char *dir)
{
  g_autoptr(OsaiHistory) history = load_history (dir);
  g_autoptr(OsaiHistoryEntry) done = NULL;
  g_autoptr(OsaiHistoryEntry) other = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *pending;
  struct rlimit limit = { 256, 256 };

  pending = osai_history_lookup (history, "500@app-eu.onestepai.com");
  if (pending == NULL)
    return 2;

  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    return 3;

  payload = osai_test_payload (500, 0, OSAI_INCLUDE_ALL, MAY_FROM, MAY_TO, NULL);
  report = osai_report_new_from_bytes (payload, NULL);
  done = osai_history_complete_pending (history, pending, report, &error);
  if (done != NULL || !g_error_matches (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_WRITE))
    return 4;
  g_print ("%s\n", error->message);
  g_clear_error (&error);

  /* The model is as it was. */
  if (osai_history_entry_get_state (osai_history_lookup (history, "500@app-eu.onestepai.com"))
      != OSAI_HISTORY_STATE_PENDING)
    return 5;

  other = osai_test_entry (SERVER_EU, 501, "2024-06-02T10:00:00Z", MAY_FROM, MAY_TO,
                           OSAI_INCLUDE_ALL, NULL);
  if (osai_history_add (history, other, &error) ||
      !g_error_matches (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_WRITE))
    return 6;
  g_print ("%s\n", error->message);
  if (osai_history_lookup (history, "501@app-eu.onestepai.com") != NULL)
    return 7;

  return 0;
}

static void
test_store_parent_is_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->root, "file", NULL);
  g_autofree char *dir = g_build_filename (file, "history", NULL);
  g_autoptr(OsaiHistory) history = osai_history_new (dir);
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *contents = NULL;

  /* A path whose parent is a regular file: stops root too, unlike chmod. */
  write_text (file, "not a folder", -1);
  entry = osai_test_entry (SERVER_EU, 1, "2024-06-01T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                           NULL);

  g_assert_false (osai_history_add (history, entry, &error));
  g_assert_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, dir));
  described = osai_error_describe (error);
  g_assert_nonnull (strstr (described, "Free some space"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_clear_error (&error);

  contents = read_text (file);
  g_assert_cmpstr (contents, ==, "not a folder");

  /* Reading it is an error too, not an empty history. */
  g_assert_false (osai_history_load (history, NULL, &error));
  g_assert_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT);
}

static void
test_store_folder_is_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) root = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  const char *name;

  /* A store that is not a folder at all: set aside, not emptied in silence. */
  write_text (f->dir, "whatever was here", -1);
  g_signal_connect (history, "set-aside", G_CALLBACK (set_aside_cb), errors);
  osai_history_load_async (history, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (osai_history_load_finish (history, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message, f->dir));
  root = g_dir_open (f->root, 0, NULL);
  while ((name = g_dir_read_name (root)) != NULL)
    if (g_str_has_prefix (name, "history."))
      moved = g_build_filename (f->root, name, NULL);
  g_assert_nonnull (moved);
  contents = read_text (moved);
  g_assert_cmpstr (contents, ==, "whatever was here");

  /* And the history works again. */
  entry = osai_test_entry (SERVER_EU, 1, "2024-06-01T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                           NULL);
  add_ok (history, entry);
  g_assert_true (g_file_test (f->dir, G_FILE_TEST_IS_DIR));
}

#define WRITER_COUNT 200

static void
test_store_two_writers (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *count = g_strdup_printf ("%d", WRITER_COUNT);
  const char *argv1[] = { self_path, "--writer", f->dir, "1", count, NULL };
  const char *argv2[] = { self_path, "--writer", f->dir, "100001", count, NULL };
  g_autoptr(GSubprocess) proc1 = NULL;
  g_autoptr(GSubprocess) proc2 = NULL;
  g_autoptr(GAsyncResult) result1 = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(OsaiHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  /* Both at once, into the same folder. */
  proc1 = g_subprocess_newv (argv1, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  proc2 = g_subprocess_newv (argv2, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (proc1, NULL, osai_test_store_result_cb, &result1);
  g_subprocess_wait_check_async (proc2, NULL, osai_test_store_result_cb, &result2);
  OSAI_TEST_WAIT_UNTIL (result1 != NULL && result2 != NULL, 60000);
  g_assert_true (g_subprocess_wait_check_finish (proc1, result1, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check_finish (proc2, result2, &error));
  g_assert_no_error (error);

  history = load_history (f->dir);
  g_assert_cmpuint (osai_history_get_problems (history)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2 * WRITER_COUNT);
  for (guint i = 0; i < WRITER_COUNT; i++)
    {
      g_autofree char *key1 = g_strdup_printf ("%u@app-eu.onestepai.com", 1 + i);
      g_autofree char *key2 = g_strdup_printf ("%u@app-eu.onestepai.com", 100001 + i);

      g_assert_nonnull (osai_history_lookup (history, key1));
      g_assert_nonnull (osai_history_lookup (history, key2));
    }
  assert_newest_first (history);
  assert_no_temp_files (f->dir);
}

static void
test_store_remove_restore (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(OsaiHistoryEntry) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ChangeCount count = { 0 };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *created = g_strdup_printf ("2024-06-0%uT12:00:00Z", i + 1);
      g_autoptr(OsaiHistoryEntry) entry =
        osai_test_entry (SERVER_EU, i + 1, created, MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL, NULL);

      add_ok (history, entry);
    }

  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &count);
  removed = g_object_ref (item (history, 1));
  path = g_build_filename (f->dir, osai_history_entry_get_file_name (removed), NULL);
  g_assert_true (osai_history_remove (history, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.n_removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_null (osai_history_lookup (history, osai_history_entry_get_key (removed)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  {
    g_autoptr(OsaiHistory) other = load_history (f->dir);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 2);
  }

  /* Undo: back in its place, and on disk. */
  g_assert_true (osai_history_restore (history, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.n_added, ==, 1);
  g_assert_true (item (history, 1) == removed);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  {
    g_autoptr(OsaiHistory) other = load_history (f->dir);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 3);
    g_assert_true (osai_history_entry_equal (item (other, 1), removed));
  }

  /* Removing what is already gone is fine. */
  g_assert_true (osai_history_remove (history, removed, &error));
  g_assert_true (osai_history_remove (history, removed, &error));
  g_assert_no_error (error);
}

static void
test_store_clear (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(OsaiHistoryEntry) pending = osai_test_pending_entry (SERVER_EU, 77,
                                                                 "2024-06-01T10:00:00Z");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChangeCount count = { 0 };

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *created = g_strdup_printf ("2024-06-0%uT12:00:00Z", i + 1);
      g_autoptr(OsaiHistoryEntry) entry =
        osai_test_entry (SERVER_EU, i + 1, created, MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL, NULL);

      add_ok (history, entry);
    }
  add_ok (history, pending);
  g_assert_cmpuint (osai_test_count_files (f->dir, ".json"), ==, 6);

  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &count);
  osai_history_clear_async (history, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (osai_history_clear_finish (history, result, &error));
  g_assert_no_error (error);

  /* The report still being generated stays, to be resumed. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  g_assert_true (item (history, 0) == pending);
  g_assert_cmpuint (count.n_signals, ==, 1);
  g_assert_cmpuint (osai_test_count_files (f->dir, ".json"), ==, 1);

  {
    g_autoptr(OsaiHistory) other = load_history (f->dir);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  }
}

static void
test_store_pending_resume (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(OsaiReportRequest) request = osai_test_request (MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL);
  g_autoptr(OsaiHistoryEntry) pending = NULL;
  g_autoptr(GPtrArray) to_resume = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiHistoryEntry) done = NULL;
  g_autoptr(GError) error = NULL;
  OsaiTestTotals totals;

  /* The first run asks for report 321 and quits while it is generated. */
  {
    g_autoptr(OsaiHistory) first_run = osai_history_new (f->dir);
    g_autoptr(OsaiHistoryEntry) entry = NULL;

    entry = osai_history_add_pending (first_run, SERVER_EU, "someone@example.com", 321, request,
                                      &error);
    g_assert_no_error (error);
    g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_PENDING);
  }

  /* The next start finds it to resume, by its ID. */
  {
    g_autoptr(OsaiHistory) next_run = load_history (f->dir);

    to_resume = osai_history_get_pending (next_run);
    g_assert_cmpuint (to_resume->len, ==, 1);
    pending = g_object_ref (g_ptr_array_index (to_resume, 0));
    g_assert_cmpint (osai_history_entry_get_report_id (pending), ==, 321);
    g_assert_cmpstr (osai_history_entry_get_server (pending), ==, SERVER_EU);
    g_assert_cmpstr (osai_history_entry_get_account (pending), ==, "someone@example.com");
    g_assert_true (g_date_time_equal (osai_history_entry_get_period_from (pending),
                                      osai_report_request_get_period_from (request)));

    /* Polling GET /Reports/321 ends with the report done. */
    osai_test_totals_fill (&totals, 321);
    payload = osai_test_payload (321, 0, OSAI_INCLUDE_ALL, MAY_FROM, MAY_TO, &totals);
    report = osai_report_new_from_bytes (payload, &error);
    g_assert_no_error (error);
    done = osai_history_complete_pending (next_run, pending, report, &error);
    g_assert_no_error (error);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (next_run)), ==, 1);
    g_assert_true (item (next_run, 0) == done);
    {
      g_autoptr(GPtrArray) none = osai_history_get_pending (next_run);

      g_assert_cmpuint (none->len, ==, 0);
    }

    /* Asking to record it as pending again (a late duplicate) keeps it done. */
    {
      g_autoptr(OsaiHistoryEntry) again =
        osai_history_add_pending (next_run, SERVER_EU, NULL, 321, request, &error);

      g_assert_no_error (error);
      g_assert_true (again == done);
    }
  }

  /* One file, one entry, done: never both. */
  g_assert_cmpuint (osai_test_count_files (f->dir, ".json"), ==, 1);
  {
    g_autoptr(OsaiHistory) later = load_history (f->dir);
    g_autoptr(GPtrArray) none = osai_history_get_pending (later);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (later)), ==, 1);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_true (osai_history_entry_equal (item (later, 0), done));
    g_assert_cmpfloat (osai_report_get_total (osai_history_entry_get_report (item (later, 0)),
                                              OSAI_METRIC_TRAINING_SECONDS_8GB),
                       ==, totals.totals[OSAI_METRIC_TRAINING_SECONDS_8GB]);
  }
}

static void
test_store_watch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OsaiHistory) window = osai_history_new (f->dir);
  g_autoptr(OsaiHistory) cli = osai_history_new (f->dir);
  g_autoptr(OsaiHistoryEntry) pending = osai_test_pending_entry (SERVER_EU, 5,
                                                                 "2024-06-05T10:00:00Z");
  g_autoptr(OsaiHistoryEntry) added = NULL;
  g_autoptr(OsaiHistoryEntry) done = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  osai_history_load_async (window, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_true (osai_history_load_finish (window, result, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window)), ==, 0);

  /* Another instance's additions appear... */
  added = osai_test_entry (SERVER_EU, 4, "2024-06-04T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                           NULL);
  add_ok (cli, added);
  add_ok (cli, pending);
  OSAI_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (window)) == 2, 10000);
  g_assert_true (osai_history_entry_equal (item (window, 0), pending));
  g_assert_true (osai_history_entry_equal (item (window, 1), added));

  /* ...its completions replace the pending entry... */
  payload = osai_test_payload (5, 0, OSAI_INCLUDE_ALL, MAY_FROM, MAY_TO, NULL);
  report = osai_report_new_from_bytes (payload, NULL);
  done = osai_history_complete_pending (cli, pending, report, &error);
  g_assert_no_error (error);
  OSAI_TEST_WAIT_UNTIL (osai_history_entry_get_state (item (window, 0)) == OSAI_HISTORY_STATE_DONE,
                        10000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window)), ==, 2);

  /* ...and its removals go. */
  g_assert_true (osai_history_remove (cli, added, &error));
  OSAI_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (window)) == 1, 10000);
  g_assert_true (osai_history_entry_equal (item (window, 0), done));

  /* A damaged file written by someone else is set aside as it comes. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "6@app-eu.onestepai.com.json", NULL);
    g_autofree char *tmp = g_build_filename (f->root, "6.json", NULL);

    write_text (tmp, "{ \"version\": 1 ", -1);
    g_assert_cmpint (g_rename (tmp, bad), ==, 0);
    OSAI_TEST_WAIT_UNTIL (osai_history_get_problems (window)->len == 1, 10000);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

static void
test_store_find (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(OsaiHistoryEntry) eu = NULL;
  g_autoptr(OsaiHistoryEntry) us = NULL;
  g_autoptr(OsaiHistoryEntry) single = NULL;
  g_autoptr(GError) error = NULL;

  eu = osai_test_entry (SERVER_EU, 12, "2024-06-01T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                        NULL);
  us = osai_test_entry (SERVER_US, 12, "2024-06-02T10:00:00Z", MAY_FROM, MAY_TO, OSAI_INCLUDE_ALL,
                        NULL);
  single = osai_test_entry (SERVER_US, 13, "2024-06-03T10:00:00Z", MAY_FROM, MAY_TO,
                            OSAI_INCLUDE_ALL, NULL);
  add_ok (history, eu);
  add_ok (history, us);
  add_ok (history, single);

  g_assert_true (osai_history_find (history, "13", &error) == single);
  g_assert_true (osai_history_find (history, "12@app-eu.onestepai.com", &error) == eu);
  g_assert_true (osai_history_find (history, "12@APP-US.onestepai.com", &error) == us);
  g_assert_no_error (error);
  g_assert_true (osai_history_is_id_unique (history, 13));
  g_assert_false (osai_history_is_id_unique (history, 12));

  g_assert_null (osai_history_find (history, "12", &error));
  g_assert_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "12@app-eu.onestepai.com"));
  g_assert_nonnull (strstr (error->message, "12@app-us.onestepai.com"));
  g_clear_error (&error);

  g_assert_null (osai_history_find (history, "14", &error));
  g_assert_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (osai_history_find (history, "x1", &error));
  g_assert_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (osai_history_find (history, "12@example.com", &error));
  g_assert_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_NOT_FOUND);
}

static void
test_error_hints (void)
{
  for (int code = OSAI_HISTORY_ERROR_CORRUPT; code <= OSAI_HISTORY_ERROR_AMBIGUOUS; code++)
    {
      g_autoptr(GError) error = g_error_new (OSAI_HISTORY_ERROR, code, "Something went wrong.");
      g_autofree char *text = osai_error_describe (error);

      g_assert_nonnull (osai_error_get_hint (error));
      g_assert_true (g_str_has_prefix (text, "Something went wrong. "));
    }
}

/* ---- Helpers run as child processes --------------------------------------------------------- */

static int
helper_writer (const char *dir,
               const char *first_text,
               const char *count_text)
{
  g_autoptr(OsaiHistory) history = osai_history_new (dir);
  guint64 first, count;

  if (!g_ascii_string_to_unsigned (first_text, 10, 1, G_MAXINT32, &first, NULL) ||
      !g_ascii_string_to_unsigned (count_text, 10, 1, 100000, &count, NULL))
    return 2;

  for (guint64 i = 0; i < count; i++)
    {
      g_autoptr(GDateTime) base = g_date_time_new_utc (2024, 6, 1, 0, 0, 0);
      g_autoptr(GDateTime) created = g_date_time_add_seconds (base, (double) (first + i));
      g_autofree char *created_text = osai_time_format_iso8601 (created);
      OsaiTestTotals totals;
      g_autoptr(OsaiHistoryEntry) entry = NULL;
      g_autoptr(GError) error = NULL;

      osai_test_totals_fill (&totals, (guint) (first + i));
      entry = osai_test_entry (SERVER_EU, (gint64) (first + i), created_text, MAY_FROM, MAY_TO,
                               OSAI_INCLUDE_ALL, &totals);
      if (!osai_history_add (history, entry, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_strcmp0 (argv[1], "--writer") == 0)
    return helper_writer (argv[2], argv[3], argv[4]);
  if (argc == 3 && g_strcmp0 (argv[1], "--fsize") == 0)
    return helper_fsize (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/history/entry/round-trip", test_entry_round_trip);
  g_test_add_func ("/history/entry/from-report", test_entry_from_report);
  g_test_add_func ("/history/entry/keys", test_entry_keys);
  g_test_add_func ("/history/entry/strict", test_entry_strict);
  g_test_add_func ("/history/entry/headline", test_entry_headline);
  ADD ("/history/store/round-trip", test_store_round_trip);
  ADD ("/history/store/newest-first", test_store_newest_first);
  ADD ("/history/store/load-async", test_store_load_async);
  ADD ("/history/store/crashed-writer", test_store_crashed_writer);
  ADD ("/history/store/full-disk", test_store_full_disk);
  ADD ("/history/store/parent-is-file", test_store_parent_is_file);
  ADD ("/history/store/folder-is-file", test_store_folder_is_file);
  ADD ("/history/store/two-writers", test_store_two_writers);
  ADD ("/history/store/remove-restore", test_store_remove_restore);
  ADD ("/history/store/clear", test_store_clear);
  ADD ("/history/store/pending-resume", test_store_pending_resume);
  ADD ("/history/store/watch", test_store_watch);
  ADD ("/history/store/find", test_store_find);
  g_test_add_func ("/history/error/hints", test_error_hints);

  return g_test_run ();
}
