/* test-download.c — OsaiDownload against the simulator's S3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <unistd.h>

#include "osai-error.h"
#include "osai-test-net.h"

typedef struct
{
  guint   notifications;
  guint64 last_done;
  gboolean monotonic;
} Progress;

static void
progress_cb (OsaiDownload *download,
             GParamSpec   *pspec,
             Progress     *progress)
{
  guint64 done = osai_download_get_bytes_done (download);

  if (done < progress->last_done)
    progress->monotonic = FALSE;
  progress->last_done = done;
  progress->notifications++;
}

static gboolean
run_download (OsaiTestNet   *net,
              OsaiDownload  *download,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  osai_download_run_async (download, cancellable, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 60000);
  return osai_download_run_finish (download, result, error);
}

static char *
dest_path (OsaiTestNet *net)
{
  return g_build_filename (net->tmpdir, "report.json", NULL);
}

static void
assert_dir_holds (OsaiTestNet *net,
                  const char  *only_name)
{
  g_autoptr(GPtrArray) names = osai_test_net_list_dir (net->tmpdir);

  if (only_name == NULL)
    {
      if (names->len != 0)
        g_error ("Expected an empty folder, found %s", (char *) names->pdata[0]);
      return;
    }

  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (names->pdata[0], ==, only_name);
}

static void
test_ok (OsaiTestNet   *net,
         gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dest_path (net);
  Progress progress = { 0, 0, TRUE };
  GPtrArray *requests;
  GStatBuf st;

  g_object_set (net->sim, "detail-size", (guint64) 3 * 1024 * 1024, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_signal_connect (download, "notify::bytes-done", G_CALLBACK (progress_cb), &progress);

  g_assert_true (run_download (net, download, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 3 * 1024 * 1024);
  g_assert_cmpint (osai_download_get_bytes_total (download), ==, 3 * 1024 * 1024);
  g_assert_cmpuint (osai_download_get_bytes_done (download), ==, 3 * 1024 * 1024);
  g_assert_cmpfloat (osai_download_get_fraction (download), ==, 1.0);
  g_assert_false (osai_download_get_refreshed (download));
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  /* Progress came from our own chunked reads (no got-body-data in 3.2),
   * and its last word is the whole file. */
  g_assert_cmpuint (progress.notifications, >=, 2);
  g_assert_true (progress.monotonic);
  g_assert_cmpuint (progress.last_done, ==, 3 * 1024 * 1024);

  /* The storage request carried no Authorization header, though it is on
   * the API's host. */
  requests = osai_sim_server_get_requests (net->sim);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, 1);
  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *record = g_ptr_array_index (requests, i);

      if (g_str_has_prefix (record->path, "/s3/"))
        g_assert_null (record->authorization);
    }
  assert_dir_holds (net, "report.json");
}

static void
test_replaces_existing (OsaiTestNet   *net,
                        gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dest_path (net);
  g_autofree char *contents = NULL;
  gsize length;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_object_set (net->sim, "detail-size", (guint64) 10000, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);

  g_assert_true (run_download (net, download, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10000);
  assert_dir_holds (net, "report.json");
}

static void
run_failing (OsaiTestNet *net,
             const char  *existing,
             GQuark       domain,
             int          code)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dest_path (net);

  if (existing != NULL)
    {
      g_file_set_contents (path, existing, -1, &error);
      g_assert_no_error (error);
    }

  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);

  g_assert_false (run_download (net, download, NULL, &error));
  g_assert_error (error, domain, code);
  g_assert_nonnull (osai_error_get_hint (error));

  if (existing != NULL)
    {
      g_autofree char *contents = NULL;

      /* The user's file is exactly as it was, and nothing else is left. */
      g_file_get_contents (path, &contents, NULL, NULL);
      g_assert_cmpstr (contents, ==, existing);
      assert_dir_holds (net, "report.json");
    }
  else
    assert_dir_holds (net, NULL);
}

static void
test_truncated_close (OsaiTestNet   *net,
                      gconstpointer  data)
{
  /* Content-Length promised, connection closed halfway: libsoup 3.2 calls
   * that a clean end of stream. */
  g_object_set (net->sim, "truncate", OSAI_SIM_TRUNCATE_CLOSE,
                "detail-size", (guint64) 2 * 1024 * 1024, NULL);
  run_failing (net, NULL, OSAI_ERROR, OSAI_ERROR_TRUNCATED);
}

static void
test_truncated_chunked (OsaiTestNet   *net,
                        gconstpointer  data)
{
  g_object_set (net->sim, "truncate", OSAI_SIM_TRUNCATE_CHUNKED,
                "detail-size", (guint64) 2 * 1024 * 1024, NULL);
  run_failing (net, NULL, OSAI_ERROR, OSAI_ERROR_TRUNCATED);
}

static void
test_truncated_keeps_existing (OsaiTestNet   *net,
                               gconstpointer  data)
{
  g_object_set (net->sim, "truncate", OSAI_SIM_TRUNCATE_CLOSE,
                "detail-size", (guint64) 2 * 1024 * 1024, NULL);
  run_failing (net, "{\"precious\": true}\n", OSAI_ERROR, OSAI_ERROR_TRUNCATED);
}

static void
test_chunked_keeps_existing (OsaiTestNet   *net,
                             gconstpointer  data)
{
  g_object_set (net->sim, "truncate", OSAI_SIM_TRUNCATE_CHUNKED,
                "detail-size", (guint64) 2 * 1024 * 1024, NULL);
  run_failing (net, "{\"precious\": true}\n", OSAI_ERROR, OSAI_ERROR_TRUNCATED);
}

static void
test_expired_everywhere (OsaiTestNet   *net,
                         gconstpointer  data)
{
  /* Every link the API hands out has already expired. */
  g_object_set (net->sim, "url-lifetime", 0, NULL);
  run_failing (net, NULL, OSAI_ERROR, OSAI_ERROR_LINK_EXPIRED);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, 1);
}

static void
test_expired_refreshed (OsaiTestNet   *net,
                        gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dest_path (net);
  guint gets_before;

  /* The report's link has expired by the time the user saves it. */
  g_object_set (net->sim, "url-lifetime", 0, NULL);
  report = osai_test_net_finished_report (net);
  g_object_set (net->sim, "url-lifetime", 1800, NULL);
  gets_before = osai_test_net_count_requests (net, "GET", "/api/Reports/");

  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_assert_true (run_download (net, download, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (osai_download_get_refreshed (download));
  g_assert_true (osai_download_get_report (download) != report);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Reports/"), ==, gets_before + 1);
  assert_dir_holds (net, "report.json");
}

static void
test_forbidden_refreshed (OsaiTestNet   *net,
                          gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiReport) tampered = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *fixture = osai_test_data_path ("report-done.json");
  g_autofree char *path = dest_path (net);
  g_autofree char *bad_path = NULL;
  JsonObject *object;

  report = osai_test_net_finished_report (net);

  /* The same report with a link whose signature storage refuses (403). */
  bad_path = g_strconcat (osai_report_get_path (report), "x", NULL);
  json_parser_load_from_file (parser, fixture, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_set_int_member (object, "id", osai_report_get_id (report));
  json_object_set_string_member (object, "path", bad_path);
  tampered = osai_report_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, tampered, file);
  g_assert_true (run_download (net, download, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (osai_download_get_refreshed (download));
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, 2);
}

static void
test_no_path (OsaiTestNet   *net,
              gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = osai_test_data_path ("report-done.json");
  g_autofree char *path = dest_path (net);

  json_parser_load_from_file (parser, fixture, &error);
  g_assert_no_error (error);
  json_object_remove_member (json_node_get_object (json_parser_get_root (parser)), "path");
  report = osai_report_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  /* Without a link (as the history keeps reports), the server is asked
   * for one; this report (the fixture's) is not the simulator's. */
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_assert_false (run_download (net, download, NULL, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_NOT_FOUND);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/api/Reports/"), ==, 1);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, 0);
  assert_dir_holds (net, NULL);
}

static void
test_missing_folder (OsaiTestNet   *net,
                     gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (net->tmpdir, "gone", "report.json", NULL);

  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_assert_false (run_download (net, download, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "report.json"));
  assert_dir_holds (net, NULL);
}

static void
cancel_on_progress_cb (OsaiDownload *download,
                       GParamSpec   *pspec,
                       GCancellable *cancellable)
{
  if (osai_download_get_bytes_done (download) > 0)
    g_cancellable_cancel (cancellable);
}

static void
run_cancelled (OsaiTestNet *net,
               const char  *existing)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = dest_path (net);

  if (existing != NULL)
    g_file_set_contents (path, existing, -1, NULL);

  g_object_set (net->sim, "detail-size", (guint64) 256 * 1024 * 1024, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_signal_connect (download, "notify::bytes-done", G_CALLBACK (cancel_on_progress_cb), cancellable);

  g_assert_false (run_download (net, download, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (osai_download_get_bytes_done (download), <, 256 * 1024 * 1024);

  if (existing != NULL)
    {
      g_autofree char *contents = NULL;

      g_file_get_contents (path, &contents, NULL, NULL);
      g_assert_cmpstr (contents, ==, existing);
      assert_dir_holds (net, "report.json");
    }
  else
    assert_dir_holds (net, NULL);
}

static void
test_cancel_new (OsaiTestNet   *net,
                 gconstpointer  data)
{
  run_cancelled (net, NULL);
}

static void
test_cancel_existing (OsaiTestNet   *net,
                      gconstpointer  data)
{
  run_cancelled (net, "keep me");
}

static void
cancel_on_total_cb (OsaiDownload *download,
                    GParamSpec   *pspec,
                    GCancellable *cancellable)
{
  if (osai_download_get_bytes_total (download) > 0)
    g_cancellable_cancel (cancellable);
}

static void
test_cancel_before_writing (OsaiTestNet   *net,
                            gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = dest_path (net);
  g_autofree char *contents = NULL;

  /* Cancelled just as the file is being opened for writing: an open
   * stream dropped by the cancel must not commit an empty file. */
  g_file_set_contents (path, "keep me", -1, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_signal_connect (download, "notify::bytes-total", G_CALLBACK (cancel_on_total_cb), cancellable);

  g_assert_false (run_download (net, download, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "keep me");
  assert_dir_holds (net, "report.json");
}

typedef struct
{
  GCancellable *cancellable;
  guint64       done_at_cancel;
} LateCancel;

/* Every announced byte is in the file, the commit is still to come. */
static void
cancel_when_written_cb (OsaiDownload *download,
                        GParamSpec   *pspec,
                        LateCancel   *late)
{
  gint64 total = osai_download_get_bytes_total (download);

  if (!g_cancellable_is_cancelled (late->cancellable) &&
      total > 0 && osai_download_get_bytes_done (download) == (guint64) total)
    {
      late->done_at_cancel = osai_download_get_bytes_done (download);
      g_cancellable_cancel (late->cancellable);
    }
}

static void
run_cancelled_after_last_byte (OsaiTestNet *net,
                               const char  *existing)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = dest_path (net);
  LateCancel late = { cancellable, 0 };
  GStatBuf st;

  if (existing != NULL)
    g_file_set_contents (path, existing, -1, NULL);

  g_object_set (net->sim, "detail-size", (guint64) 3 * 1024 * 1024, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_signal_connect (download, "notify::bytes-done", G_CALLBACK (cancel_when_written_cb), &late);

  /* Too late to stop anything: the file is saved, and the result says so. */
  g_assert_true (run_download (net, download, cancellable, &error));
  g_assert_no_error (error);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpuint (late.done_at_cancel, ==, 3 * 1024 * 1024);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  /* Only measured: /download/ok parses the same body (slowly under ASan). */
  g_assert_cmpint (st.st_size, ==, 3 * 1024 * 1024);
  assert_dir_holds (net, "report.json");
}

static void
test_cancel_after_last_byte_new (OsaiTestNet   *net,
                                 gconstpointer  data)
{
  run_cancelled_after_last_byte (net, NULL);
}

static void
test_cancel_after_last_byte_existing (OsaiTestNet   *net,
                                      gconstpointer  data)
{
  run_cancelled_after_last_byte (net, "keep me until the new one is complete");
}

static void
held_cb (OsaiSimServer *sim,
         guint64        sent,
         gboolean      *held)
{
  *held = TRUE;
}

/* TRUE once a file in @dir has some bytes. */
static void
run_folder_deleted (OsaiTestNet *net,
                    const char  *existing)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *dir = g_build_filename (net->tmpdir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "report.json", NULL);
  gboolean held = FALSE;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  if (existing != NULL)
    g_file_set_contents (path, existing, -1, NULL);

  /* The storage stops after 1 MiB: the download cannot end before the
   * folder is gone. */
  g_object_set (net->sim,
                "detail-size", (guint64) 3 * 1024 * 1024,
                "hold-detail-at", (guint64) 1024 * 1024,
                NULL);
  g_signal_connect (net->sim, "detail-held", G_CALLBACK (held_cb), &held);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);

  osai_download_run_async (download, NULL, osai_test_store_result_cb, &result);
  /* What arrived before the hold is in the file (a new one, or a
   * temporary one beside the existing file); then the folder goes. */
  OSAI_TEST_WAIT_UNTIL (held && osai_test_bytes_being_written (NULL, dir, "report.json") > 0,
                        60000);
  g_assert_null (result);
  names = osai_test_net_list_dir (dir);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (dir, names->pdata[i], NULL);

      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  osai_sim_server_release_detail (net->sim);

  OSAI_TEST_WAIT_UNTIL (result != NULL, 60000);
  g_assert_false (osai_download_run_finish (download, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "report.json"));
  g_assert_nonnull (osai_error_get_hint (error));
  /* Nothing was put back anywhere. */
  assert_dir_holds (net, NULL);
  g_signal_handlers_disconnect_by_data (net->sim, &held);
}

static void
test_folder_deleted_new (OsaiTestNet   *net,
                         gconstpointer  data)
{
  run_folder_deleted (net, NULL);
}

static void
test_folder_deleted_existing (OsaiTestNet   *net,
                              gconstpointer  data)
{
  run_folder_deleted (net, "the previous report");
}

/* report.json → real.json, which holds "old". */
static char *
make_link (OsaiTestNet *net,
           gboolean     hard)
{
  g_autofree char *real = g_build_filename (net->tmpdir, "real.json", NULL);
  char *path = dest_path (net);

  g_file_set_contents (real, "old", -1, NULL);
  if (hard)
    g_assert_cmpint (link (real, path), ==, 0);
  else
    g_assert_cmpint (symlink ("real.json", path), ==, 0);

  return path;
}

static void
test_symlink_followed (OsaiTestNet   *net,
                       gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_link (net, FALSE);
  g_autofree char *real = g_build_filename (net->tmpdir, "real.json", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_object_set (net->sim, "detail-size", (guint64) 5000, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_assert_true (run_download (net, download, NULL, &error));
  g_assert_no_error (error);

  /* The link is kept and the file it points to holds the report. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  g_file_get_contents (real, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 5000);
}

static void
run_truncated_link (OsaiTestNet *net,
                    gboolean     hard)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *path = make_link (net, hard);
  g_autofree char *real = g_build_filename (net->tmpdir, "real.json", NULL);
  g_autofree char *through_link = NULL;
  g_autofree char *contents = NULL;

  g_object_set (net->sim, "truncate", OSAI_SIM_TRUNCATE_CLOSE,
                "detail-size", (guint64) 1024 * 1024, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);
  g_assert_false (run_download (net, download, NULL, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_TRUNCATED);

  /* Neither name sees a partial file: GLib did not write in place. */
  g_file_get_contents (real, &contents, NULL, NULL);
  g_assert_true (g_strcmp0 (contents, "old") == 0);
  g_file_get_contents (path, &through_link, NULL, NULL);
  g_assert_true (g_strcmp0 (through_link, "old") == 0);
  names = osai_test_net_list_dir (net->tmpdir);
  g_assert_cmpuint (names->len, ==, 2);
}

static void
test_symlink_truncated (OsaiTestNet   *net,
                        gconstpointer  data)
{
  run_truncated_link (net, FALSE);
}

static void
test_hardlink_truncated (OsaiTestNet   *net,
                         gconstpointer  data)
{
  run_truncated_link (net, TRUE);
}

/* S3's 503 SlowDown asks for the same request again, later. */
static void
test_storage_busy_retried (OsaiTestNet   *net,
                           gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dest_path (net);
  guint busy = G_MAXUINT;
  GStatBuf st;

  g_object_set (net->sim, "storage-busy", 2, "detail-size", (guint64) 1024 * 1024, NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);

  g_assert_true (run_download (net, download, NULL, &error));
  g_assert_no_error (error);
  g_object_get (net->sim, "storage-busy", &busy, NULL);
  g_assert_cmpuint (busy, ==, 0);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, 3);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 1024 * 1024);
  assert_dir_holds (net, "report.json");
}

/* Busy for good: what S3 said, once the retries run out. */
static void
test_storage_busy_gives_up (OsaiTestNet   *net,
                            gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dest_path (net);
  g_autofree char *contents = NULL;

  g_file_set_contents (path, "keep me", -1, NULL);
  g_object_set (net->sim, "storage-busy", 1000, NULL);
  osai_client_set_retry_policy (net->client, 2, 10, 50);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);

  g_assert_false (run_download (net, download, NULL, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_STORAGE);
  g_assert_nonnull (strstr (error->message, "3 times"));
  g_assert_nonnull (strstr (error->message, "HTTP 503"));
  g_assert_nonnull (strstr (error->message, "SlowDown: “Please reduce your request rate.”"));
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, 3);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "keep me");
  assert_dir_holds (net, "report.json");
}

/* A cancel ends the wait before a retry at once. */
static void
test_storage_busy_cancelled (OsaiTestNet   *net,
                             gconstpointer  data)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = dest_path (net);
  gint64 cancelled_at;

  g_object_set (net->sim, "storage-busy", 1000, NULL);
  /* Waits of a minute: only the cancel can end this one in time. */
  osai_client_set_retry_policy (net->client, 3, 60000, 60000);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);

  osai_download_run_async (download, cancellable, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (osai_test_net_count_requests (net, "GET", "/s3/") == 1, 60000);
  g_assert_null (result);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  OSAI_TEST_WAIT_UNTIL (result != NULL, 10000);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 5 * G_USEC_PER_SEC);
  g_assert_false (osai_download_run_finish (download, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, 1);
  assert_dir_holds (net, NULL);
}

/* The Range header of the @n-th storage request (0-based), or NULL. */
static char *
s3_range (OsaiTestNet *net,
          guint        n)
{
  GPtrArray *requests = osai_sim_server_get_requests (net->sim);

  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *record = g_ptr_array_index (requests, i);
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_prefix (record->path, "/s3/") || n-- > 0)
        continue;

      lines = g_strsplit (record->headers, "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        if (g_ascii_strncasecmp (lines[j], "Range: ", strlen ("Range: ")) == 0)
          return g_strdup (lines[j] + strlen ("Range: "));
      return NULL;
    }

  return NULL;
}

static void
run_storage_reset (OsaiTestNet *net,
                   guint        resets,
                   gboolean     ignore_range,
                   guint        expected_gets)
{
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiDownload) download = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dest_path (net);
  g_autofree char *range = NULL;
  GStatBuf st;

  g_file_set_contents (path, "the previous report", -1, NULL);
  g_object_set (net->sim,
                "storage-resets", resets,
                "ignore-range", ignore_range,
                "detail-size", (guint64) 2 * 1024 * 1024,
                NULL);
  report = osai_test_net_finished_report (net);
  file = g_file_new_for_path (path);
  download = osai_download_new (net->client, report, file);

  g_assert_true (run_download (net, download, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (osai_test_net_count_requests (net, "GET", "/s3/"), ==, expected_gets);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 2 * 1024 * 1024);
  g_assert_cmpuint (osai_download_get_bytes_done (download), ==, 2 * 1024 * 1024);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  assert_dir_holds (net, "report.json");

  /* The first try asks for everything; the second for the rest only. */
  range = s3_range (net, 0);
  g_assert_null (range);
  g_clear_pointer (&range, g_free);
  range = s3_range (net, 1);
  g_assert_cmpstr (range, ==, "bytes=1048576-");
}

/* A connection broken halfway: the rest, from where it broke off. */
static void
test_storage_reset_resumed (OsaiTestNet   *net,
                            gconstpointer  data)
{
  run_storage_reset (net, 1, FALSE, 2);
}

/* A storage that ignores Range sends it all again: the file starts over,
 * unseen, and the result is the whole report, not twice its first half. */
static void
test_storage_reset_no_range (OsaiTestNet   *net,
                             gconstpointer  data)
{
  run_storage_reset (net, 1, TRUE, 2);
}

/* Broken twice: the second break comes on the resumed request. */
static void
test_storage_reset_twice (OsaiTestNet   *net,
                          gconstpointer  data)
{
  run_storage_reset (net, 2, FALSE, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define NET_TEST(path, func) \
  g_test_add (path, OsaiTestNet, NULL, osai_test_net_setup, func, osai_test_net_teardown)

  NET_TEST ("/download/ok", test_ok);
  NET_TEST ("/download/replaces-existing", test_replaces_existing);
  NET_TEST ("/download/truncated/close", test_truncated_close);
  NET_TEST ("/download/truncated/chunked", test_truncated_chunked);
  NET_TEST ("/download/truncated/keeps-existing", test_truncated_keeps_existing);
  NET_TEST ("/download/truncated/chunked-keeps-existing", test_chunked_keeps_existing);
  NET_TEST ("/download/expired/everywhere", test_expired_everywhere);
  NET_TEST ("/download/expired/refreshed", test_expired_refreshed);
  NET_TEST ("/download/forbidden/refreshed", test_forbidden_refreshed);
  NET_TEST ("/download/no-path", test_no_path);
  NET_TEST ("/download/missing-folder", test_missing_folder);
  NET_TEST ("/download/cancel/new-file", test_cancel_new);
  NET_TEST ("/download/cancel/existing-file", test_cancel_existing);
  NET_TEST ("/download/cancel/before-writing", test_cancel_before_writing);
  NET_TEST ("/download/cancel/after-last-byte/new-file", test_cancel_after_last_byte_new);
  NET_TEST ("/download/cancel/after-last-byte/existing-file",
            test_cancel_after_last_byte_existing);
  NET_TEST ("/download/folder-deleted/new-file", test_folder_deleted_new);
  NET_TEST ("/download/folder-deleted/existing-file", test_folder_deleted_existing);
  NET_TEST ("/download/link/symbolic-followed", test_symlink_followed);
  NET_TEST ("/download/link/symbolic-truncated", test_symlink_truncated);
  NET_TEST ("/download/link/hard-truncated", test_hardlink_truncated);
  NET_TEST ("/download/storage/busy-retried", test_storage_busy_retried);
  NET_TEST ("/download/storage/busy-gives-up", test_storage_busy_gives_up);
  NET_TEST ("/download/storage/busy-cancelled", test_storage_busy_cancelled);
  NET_TEST ("/download/storage/reset-resumed", test_storage_reset_resumed);
  NET_TEST ("/download/storage/reset-no-range", test_storage_reset_no_range);
  NET_TEST ("/download/storage/reset-twice", test_storage_reset_twice);

  return g_test_run ();
}
