/* bench-history.c — loading a history of 10 000 reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark 'history-load' (meson test --benchmark): generates a history
 * of N entries (10 000 by default) in a temporary folder, then loads it in
 * fresh processes, so that each one's peak RSS is its own:
 *
 *   1. with the entries' pages dropped from the page cache first
 *      (posix_fadvise DONTNEED: the closest to a cold start without root),
 *   2. warm, as a second start finds it.
 *
 * Each load reports: the time until every entry is in the model
 * (osai_history_load_async: a worker thread reads, the main context takes
 * the entries in batches), the time until the first batch (the newest
 * rows) is in the model, the longest the main loop went without running
 * a 1 ms timeout meanwhile (what a list would feel), the peak RSS and the
 * RSS the loaded history holds; and the time of the CLI's synchronous
 * osai_history_load() on top.
 *
 *   bench-history [N]              the whole benchmark
 *   bench-history --generate DIR N  only the generator
 *   bench-history --load DIR [--evict]
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "osai-history.h"
#include "osai-metric.h"
#include "osai-test-history.h"
#include "osai-time.h"
#include "osai-test-utils.h"

#define DEFAULT_ENTRIES 10000

static const char * const servers[] = {
  "https://app-eu.onestepai.com/api",
  "https://app-us.onestepai.com/api",
  "https://osai.example.com:8443/api",
};

/* ---- The generator -------------------------------------------------------------------------- */

/* N entries over about four years, in every shape the history holds: most
 * done, some with kinds of usage switched off, 2 % failed, 1 % pending;
 * written as the store writes them, less the fsync. */
static int
generate (const char *dir,
          guint       n)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  GRand *rand = g_rand_new_with_seed (20240601);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("Cannot create %s\n", dir);
      return 1;
    }

  for (guint i = 0; i < n; i++)
    {
      double offset = i * 12345.0 + g_rand_int_range (rand, 0, 600);
      int first_day = g_rand_int_range (rand, 0, 1400);
      int length = g_rand_int_range (rand, 1, 92);
      g_autoptr(GDateTime) created = g_date_time_add_seconds (start, offset);
      g_autoptr(GDateTime) from_day = g_date_time_add_days (start, first_day);
      g_autoptr(GDateTime) to_day = g_date_time_add_days (from_day, length);
      g_autofree char *from = osai_time_format_iso8601 (from_day);
      g_autofree char *to = osai_time_format_iso8601 (to_day);
      g_autofree char *created_text = osai_time_format_iso8601 (created);
      g_autoptr(OsaiHistoryEntry) entry = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      const char *server = servers[i % G_N_ELEMENTS (servers)];
      gint64 id = 16000 + i;
      guint kind = (guint) g_rand_int_range (rand, 0, 100);
      OsaiIncludeFlags include = OSAI_INCLUDE_ALL;
      OsaiTestTotals totals;

      if (kind < 10)
        include &= ~OSAI_INCLUDE_RENTED_DEVICES;
      else if (kind < 15)
        include = OSAI_INCLUDE_DATASETS;

      osai_test_totals_fill (&totals, i);
      if (kind >= 99)
        entry = osai_test_pending_entry (server, id, created_text);
      else if (kind >= 97)
        {
          g_autoptr(GBytes) payload = osai_test_payload (id, 1, include, from, to, NULL);
          g_autoptr(OsaiReportRequest) request = osai_test_request (from, to, include);

          entry = osai_history_entry_new_from_payload (server, "someone@example.com", request,
                                                       payload, created, &error);
        }
      else
        entry = osai_test_entry (server, id, created_text, from, to, include, &totals);

      if (entry == NULL)
        {
          g_printerr ("Entry %u: %s\n", i, error != NULL ? error->message : "?");
          return 1;
        }

      bytes = osai_history_entry_to_bytes (entry);
      path = g_build_filename (dir, osai_history_entry_get_file_name (entry), NULL);
      if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     G_FILE_SET_CONTENTS_NONE, 0600, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  g_rand_free (rand);
  return 0;
}

/* ---- One load ------------------------------------------------------------------------------- */

static gint64
rss_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* Drops the entries' pages from the page cache: written back first, as
 * dirty pages cannot be dropped. */
static void
evict (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  sync ();
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd = g_open (path, O_RDONLY, 0);

      if (fd < 0)
        continue;
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

typedef struct
{
  gint64   started;
  gint64   first_batch;
  gint64   last_tick;
  gint64   longest_gap;
  gboolean done;
} LoadWatch;

static gboolean
tick_cb (gpointer user_data)
{
  LoadWatch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  watch->longest_gap = MAX (watch->longest_gap, now - watch->last_tick);
  watch->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  LoadWatch  *watch)
{
  if (watch->first_batch == 0)
    watch->first_batch = g_get_monotonic_time ();
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadWatch *watch = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_history_load_finish (OSAI_HISTORY (object), result, &error))
    g_error ("Load failed: %s", error->message);
  watch->done = TRUE;
}

static int
load (const char *dir,
      gboolean    drop_cache)
{
  g_autoptr(OsaiHistory) history = NULL;
  g_autoptr(OsaiHistory) sync_history = NULL;
  g_autoptr(GError) error = NULL;
  LoadWatch watch = { 0 };
  struct rusage usage;
  gint64 rss_before, rss_after, ended, sync_started, sync_ended, headlines_started, headlines_ended;
  guint tick_id, n;
  double sum = 0.0;

  if (drop_cache)
    evict (dir);

  /* The types, the thread pool and the JSON parser's first use are not the
   * history's cost. */
  g_type_ensure (OSAI_TYPE_HISTORY);
  g_type_ensure (OSAI_TYPE_HISTORY_ENTRY);
  g_type_ensure (OSAI_TYPE_REPORT);
  rss_before = rss_kib ("VmRSS:");

  history = osai_history_new (dir);
  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  watch.started = watch.last_tick = g_get_monotonic_time ();
  tick_id = g_timeout_add (1, tick_cb, &watch);
  osai_history_load_async (history, NULL, loaded_cb, &watch);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  ended = g_get_monotonic_time ();
  tick_cb (&watch);
  g_source_remove (tick_id);

  n = g_list_model_get_n_items (G_LIST_MODEL (history));
  rss_after = rss_kib ("VmRSS:");
  getrusage (RUSAGE_SELF, &usage);

  /* What a list bound to the headline (or sorted by it) asks of each row. */
  headlines_started = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), i);

      sum += osai_history_entry_get_headline_value (entry);
      (void) osai_history_entry_get_headline (entry);
    }
  headlines_ended = g_get_monotonic_time ();

  sync_history = osai_history_new (dir);
  sync_started = g_get_monotonic_time ();
  if (!osai_history_load (sync_history, NULL, &error))
    g_error ("Load failed: %s", error->message);
  sync_ended = g_get_monotonic_time ();

  printf ("%s cache: %u entries, %u set aside\n", drop_cache ? "cold" : "warm", n,
          osai_history_get_problems (history)->len);
  printf ("  load_async, all entries in the model: %7.0f ms\n", (ended - watch.started) / 1000.0);
  printf ("  load_async, first batch in the model: %7.0f ms\n",
          (watch.first_batch - watch.started) / 1000.0);
  printf ("  longest main-loop stall meanwhile:    %7.1f ms\n", watch.longest_gap / 1000.0);
  printf ("  peak RSS:                             %7.1f MiB\n", usage.ru_maxrss / 1024.0);
  printf ("  RSS held by the loaded history:       %7.1f MiB\n", (rss_after - rss_before) / 1024.0);
  printf ("  headlines of every entry:             %7.0f ms\n",
          (headlines_ended - headlines_started) / 1000.0);
  printf ("  osai_history_load (sync, the CLI's):  %7.0f ms\n",
          (sync_ended - sync_started) / 1000.0);
  fflush (stdout);

  return sum >= 0.0 && n > 0 ? 0 : 1;
}

/* ---- The benchmark -------------------------------------------------------------------------- */


static gboolean
run_self (const char * const *argv)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  if (proc == NULL || !g_subprocess_wait_check (proc, NULL, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = DEFAULT_ENTRIES;
  gint64 started;
  gboolean ok;

  if (argc == 4 && g_strcmp0 (argv[1], "--generate") == 0 &&
      g_ascii_string_to_unsigned (argv[3], 10, 1, G_MAXINT32, &n, NULL))
    return generate (argv[2], (guint) n);
  if (argc >= 3 && g_strcmp0 (argv[1], "--load") == 0)
    return load (argv[2], argc == 4 && g_strcmp0 (argv[3], "--evict") == 0);
  if (argc == 2 && !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT32, &n, NULL))
    {
      g_printerr ("Usage: %s [ENTRIES]\n", argv[0]);
      return 2;
    }

  root = g_dir_make_tmp ("bench-history-XXXXXX", &error);
  if (root == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  dir = g_build_filename (root, "history", NULL);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  started = g_get_monotonic_time ();
  {
    const char *generate_argv[] = { self, "--generate", dir, count, NULL };
    const char *cold_argv[] = { self, "--load", dir, "--evict", NULL };
    const char *warm_argv[] = { self, "--load", dir, NULL };

    ok = run_self (generate_argv);
    if (ok)
      {
        printf ("history-load: %s entries generated in %.1f s (%s)\n", count,
                (g_get_monotonic_time () - started) / 1e6, dir);
        fflush (stdout);
        ok = run_self (cold_argv) && run_self (warm_argv);
      }
  }

  osai_test_remove_tree (root);
  return ok ? 0 : 1;
}
