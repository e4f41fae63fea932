/* bench-window-history.c — the main window opened over a history of 10 000 reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmark 'window-history' (meson test --benchmark --suite ui, under
 * xvfb-run): is the Recent view still smooth with a history of N reports
 * (10 000 by default)?
 *
 * The benchmark runs an OsaiSimServer, keeps its token in a keyring file
 * (libsecret's file backend) and writes N finished reports of that server
 * into $XDG_DATA_HOME/…/history, all in a temporary folder.  Then the real
 * OsaiWindow is opened twice, each time in a fresh process that restores
 * the token and signs in as a second start would:
 *
 *   start       the Recent view is asked for as soon as the window is
 *               signed in, while the history is still being read;
 *   after-load  the Recent view is asked for once the history is loaded,
 *               then the list is scrolled to its end, back to its top, and
 *               through 240 frames of a fast scroll.
 *
 * Each prints one figure a line, "mode.name=value unit": the time from
 * gtk_window_present() to the window's MapNotify and to its first frame,
 * until signed in, until every entry is in the model, until a painted frame
 * shows rows of the list (and how many row widgets the list made: GTK 4.8
 * keeps up to 200 around the rows in view); the longest the main loop went without running a
 * 1 ms timeout (what input would wait), the longest interval between two
 * frames of the frame clock (kept ticking) and the longest frame (update,
 * layout and paint) while the history loads and while scrolling; the peak
 * RSS (VmHWM).  Targets are compared as information only: the benchmark
 * fails when something is broken (no sign-in, not loaded, no rows), never
 * on a figure.  The entries were just written: the page cache is warm.
 *
 *   bench-window-history [N]
 *   bench-window-history --window URL start|after-load N   one window
 *
 * It needs a display and the schemas (GSETTINGS_SCHEMA_DIR=build/data);
 * GSETTINGS_BACKEND is memory unless set.
 */
#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "osai-client.h"
#include "osai-credentials.h"
#include "osai-history-page.h"
#include "osai-sim-server.h"
#include "osai-test-history.h"
#include "osai-time.h"
#include "osai-window.h"
#include "osai-test-utils.h"

#define DEFAULT_ENTRIES  10000
#define TOKEN            "demo"
#define WAIT_MS          120000
#define SETTLE_MS        500
#define SCROLL_FRAMES    240

/* Targets, shown for information. */
#define TARGET_STALL_MS  100.0
#define TARGET_FRAME_MS  33.3
#define TARGET_ROWS_MS   500.0

/* ---- The generator -------------------------------------------------------------------------- */

/* N finished reports over about four years, newest last: periods from a
 * day to a quarter, calendar months among them, some kinds of usage
 * switched off, totals that differ from one to the next.  Written as the
 * store writes them, less the fsync. */
static gboolean
generate (const char *dir,
          const char *server,
          guint       n)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("Cannot create %s\n", dir);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      double offset = i * 12345.0 + g_rand_int_range (rand, 0, 600);
      g_autoptr(GDateTime) created = g_date_time_add_seconds (start, offset);
      g_autoptr(GDateTime) from_day = NULL;
      g_autoptr(GDateTime) to_day = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *created_text = osai_time_format_iso8601 (created);
      g_autoptr(OsaiHistoryEntry) entry = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      guint kind = (guint) g_rand_int_range (rand, 0, 100);
      OsaiIncludeFlags include = OSAI_INCLUDE_ALL;
      OsaiTestTotals totals;

      if (g_rand_boolean (rand))
        {
          /* A calendar month. */
          from_day = g_date_time_new_utc (2022 + g_rand_int_range (rand, 0, 4),
                                          g_rand_int_range (rand, 1, 13), 1, 0, 0, 0);
          to_day = g_date_time_add_months (from_day, 1);
        }
      else
        {
          from_day = g_date_time_add_days (start, g_rand_int_range (rand, 0, 1400));
          to_day = g_date_time_add_days (from_day, g_rand_int_range (rand, 1, 92));
        }
      from = osai_time_format_iso8601 (from_day);
      to = osai_time_format_iso8601 (to_day);

      if (kind < 10)
        include &= ~OSAI_INCLUDE_RENTED_DEVICES;
      else if (kind < 15)
        include = OSAI_INCLUDE_DATASETS;
      else if (kind < 20)
        include &= ~(OSAI_INCLUDE_PREDICTIONS | OSAI_INCLUDE_MODELS);

      osai_test_totals_fill (&totals, i);
      if (kind >= 95)
        totals.totals[g_rand_int_range (rand, 0, OSAI_N_METRICS)] = 0.0;
      entry = osai_test_entry (server, 16000 + i, created_text, from, to, include, &totals);

      bytes = osai_history_entry_to_bytes (entry);
      path = g_build_filename (dir, osai_history_entry_get_file_name (entry), NULL);
      if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     G_FILE_SET_CONTENTS_NONE, 0600, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* ---- Measuring ------------------------------------------------------------------------------ */

/* What happened to the main loop and the frame clock over a span of time. */
typedef struct
{
  gint64 longest_gap;       /* without running the 1 ms timeout */
  gint64 longest_interval;  /* between two frames */
  gint64 longest_work;      /* from before-paint to after-paint */
  gint64 work_sum;
  guint  frames;
  guint  slow_frames;       /* interval over TARGET_FRAME_MS */
} Span;

typedef struct
{
  const char  *mode;
  guint        expected;
  OsaiWindow  *window;
  OsaiHistory *history;
  GtkWidget   *list_view;
  gboolean     show_at_start;

  gint64       presented;
  gint64       mapped;
  gint64       first_frame;
  gint64       signed_in;
  gint64       loaded;
  gint64       switched;
  gint64       rows_painted;
  guint        rows_shown;

  Span        *span;        /* where the figures go now, or NULL */
  gint64       last_tick;
  gint64       frame_started;
  gint64       last_frame;
  gboolean     painting;    /* the frame now has a paint phase */
  gint64       last_painted;
  guint        painted_frames;

  /* The fast scroll */
  GtkAdjustment *adjustment;
  guint        scroll_frames;
} Bench;

static double
ms (gint64 us)
{
  return us / 1000.0;
}

static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

static void
print_figure (Bench      *bench,
              const char *name,
              double      value,
              const char *unit)
{
  printf ("%s.%s=%.1f %s\n", bench->mode, name, value, unit);
}

static void
print_target (Bench      *bench,
              const char *name,
              double      value,
              double      target)
{
  printf ("info: %s.%s %.1f ms %s target %.1f ms\n", bench->mode, name, value,
          value < target ? "<" : ">=", target);
}

static void
print_span (Bench      *bench,
            const char *name,
            const Span *span)
{
  g_autofree char *stall = g_strconcat (name, "-longest-stall", NULL);
  g_autofree char *interval = g_strconcat (name, "-longest-frame-interval", NULL);
  g_autofree char *work = g_strconcat (name, "-longest-frame", NULL);
  g_autofree char *mean = g_strconcat (name, "-mean-frame", NULL);
  g_autofree char *slow = g_strconcat (name, "-slow-frames", NULL);

  print_figure (bench, stall, ms (span->longest_gap), "ms");
  print_figure (bench, interval, ms (span->longest_interval), "ms");
  print_figure (bench, work, ms (span->longest_work), "ms");
  print_figure (bench, mean, span->frames > 0 ? ms (span->work_sum) / span->frames : 0.0, "ms");
  printf ("%s.%s=%u of %u frames over %.1f ms apart\n", bench->mode, slow, span->slow_frames,
          span->frames, TARGET_FRAME_MS);
  print_target (bench, stall, ms (span->longest_gap), TARGET_STALL_MS);
}

/* The 1 ms timeout: how long the main loop went without it. */
static gboolean
tick_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->span != NULL)
    bench->span->longest_gap = MAX (bench->span->longest_gap, now - bench->last_tick);
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
begin_span (Bench *bench,
            Span  *span)
{
  memset (span, 0, sizeof *span);
  bench->last_tick = bench->last_frame = g_get_monotonic_time ();
  bench->span = span;
}

static void
end_span (Bench *bench)
{
  tick_cb (bench);
  bench->span = NULL;
}

/* A painted frame shows rows when the list is on screen with items in it. */
static guint
count_rows (Bench *bench)
{
  guint rows = 0;

  if (bench->list_view == NULL || !gtk_widget_get_mapped (bench->list_view))
    return 0;

  for (GtkWidget *row = gtk_widget_get_first_child (bench->list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && gtk_widget_get_child_visible (row)
        && gtk_widget_get_height (row) > 0)
      rows++;

  return rows;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->span != NULL)
    {
      bench->span->longest_interval = MAX (bench->span->longest_interval, now - bench->last_frame);
      if (now - bench->last_frame > TARGET_FRAME_MS * 1000)
        bench->span->slow_frames++;
    }
  bench->frame_started = bench->last_frame = now;
  bench->painting = FALSE;
}

static void
paint_cb (GdkFrameClock *clock,
          Bench         *bench)
{
  bench->painting = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->span != NULL)
    {
      bench->span->longest_work = MAX (bench->span->longest_work, now - bench->frame_started);
      bench->span->work_sum += now - bench->frame_started;
      bench->span->frames++;
    }

  if (!bench->painting)
    return;

  bench->last_painted = now;
  bench->painted_frames++;
  if (bench->first_frame == 0)
    bench->first_frame = now;
  if (bench->switched != 0 && bench->rows_painted == 0)
    {
      bench->rows_shown = count_rows (bench);
      if (bench->rows_shown > 0)
        bench->rows_painted = now;
    }
}

/* Keeps the frame clock ticking: a frame late is a frame late. */
static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

#ifdef GDK_WINDOWING_X11
static gboolean
xevent_cb (GdkX11Display *display,
           const XEvent  *event,
           Bench         *bench)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (bench->window));

  if (bench->mapped == 0 && event->type == MapNotify && surface != NULL
      && event->xmap.window == gdk_x11_surface_get_xid (surface))
    bench->mapped = g_get_monotonic_time ();

  return FALSE;
}
#endif

static void
loaded_cb (OsaiHistory *history,
           GParamSpec  *pspec,
           Bench       *bench)
{
  if (osai_history_get_loaded (history) && bench->loaded == 0)
    bench->loaded = g_get_monotonic_time ();
}

static void
show_history_view (Bench *bench)
{
  bench->switched = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.show-view", "s", "history");
}

/* Signed in: the window starts reading the history. */
static void
history_cb (OsaiWindow *window,
            GParamSpec *pspec,
            Bench      *bench)
{
  OsaiHistory *history = osai_window_get_history (window);
  GtkWidget *page = osai_window_get_history_page (window);

  if (history == NULL || bench->history != NULL)
    return;

  bench->signed_in = g_get_monotonic_time ();
  bench->history = g_object_ref (history);
  g_signal_connect (history, "notify::loaded", G_CALLBACK (loaded_cb), bench);
  bench->list_view = GTK_WIDGET (gtk_widget_get_template_child (page, OSAI_TYPE_HISTORY_PAGE,
                                                                "list_view"));
  g_assert (GTK_IS_LIST_VIEW (bench->list_view));

  if (bench->show_at_start)
    show_history_view (bench);
}

/* Blocks in the main loop (the 1 ms timeout wakes it) until @cond holds. */
#define WAIT_FOR(cond, what)                                                          \
  G_STMT_START {                                                                      \
    gint64 _deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;             \
    while (!(cond))                                                                   \
      {                                                                               \
        if (g_get_monotonic_time () > _deadline)                                      \
          {                                                                           \
            g_printerr ("%s: %s did not happen within %d s\n", bench->mode, what,      \
                        WAIT_MS / 1000);                                              \
            return 1;                                                                 \
          }                                                                           \
        g_main_context_iteration (NULL, TRUE);                                        \
      }                                                                               \
  } G_STMT_END

static gboolean
wait_over_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
signed_in_or_failed (Bench *bench)
{
  const char *page = osai_window_get_page (bench->window);

  return bench->history != NULL || g_strcmp0 (page, "connect") == 0
         || g_strcmp0 (page, "blocked") == 0;
}

/* One fast-scroll step a frame, from the top. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  GtkAdjustment *adjustment = bench->adjustment;
  double step = gtk_adjustment_get_page_size (adjustment) / 2;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + step);
  bench->scroll_frames++;
  return bench->scroll_frames < SCROLL_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Scrolls to @value, until a painted frame shows it; the time it took. */
static gint64
jump_to (Bench  *bench,
         double  value,
         guint  *frames)
{
  GtkAdjustment *adjustment = bench->adjustment;
  gint64 started = g_get_monotonic_time ();
  gint64 painted = 0;
  guint n = 0;

  /* The list measures the rows it comes to and corrects its estimate of
   * the height: the end moves a little until it is reached. */
  for (; n < 20; n++)
    {
      double target = value < 0 ? gtk_adjustment_get_upper (adjustment)
                                  - gtk_adjustment_get_page_size (adjustment)
                                : value;
      guint before = bench->painted_frames;

      gtk_adjustment_set_value (adjustment, target);
      while (bench->painted_frames == before)
        g_main_context_iteration (NULL, TRUE);
      painted = bench->last_painted;

      if (value >= 0 ||
          gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
          >= gtk_adjustment_get_upper (adjustment) - 1)
        break;
    }

  *frames = n + 1;
  return painted - started;
}

static int
run_window (const char *url,
            const char *mode,
            guint       expected)
{
  Bench bench_data = { 0 };
  Bench *bench = &bench_data;
  Span load, scroll, jump;
  OsaiWindow *window;
  GdkFrameClock *clock;
  gint64 created;
  gboolean settled = FALSE;
  guint tick_id;

  bench->mode = mode;
  bench->expected = expected;
  bench->show_at_start = g_str_equal (mode, "start");
  /* Each figure as soon as it is known, between the other window's. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  gtk_init ();
  adw_init ();
  tick_id = g_timeout_add (1, tick_cb, bench);

  created = g_get_monotonic_time ();
  window = bench->window = osai_window_new (NULL, FALSE, url);
  print_figure (bench, "window-new", ms (g_get_monotonic_time () - created), "ms");
  g_signal_connect (window, "notify::history", G_CALLBACK (history_cb), bench);

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    g_signal_connect (gtk_widget_get_display (GTK_WIDGET (window)), "xevent",
                      G_CALLBACK (xevent_cb), bench);
#endif

  bench->presented = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert (clock != NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), bench);
  g_signal_connect_after (clock, "paint", G_CALLBACK (paint_cb), bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), frame_tick_cb, bench, NULL);

  WAIT_FOR (bench->first_frame != 0, "the first frame");
  if (bench->mapped != 0)
    print_figure (bench, "window-mapped", ms (bench->mapped - bench->presented), "ms");
  print_figure (bench, "first-frame", ms (bench->first_frame - bench->presented), "ms");

  /* The token from the keyring, then the history. */
  WAIT_FOR (signed_in_or_failed (bench), "signing in");
  if (bench->history == NULL)
    {
      g_printerr ("%s: not signed in: the window shows its %s page (%s)\n", mode,
                  osai_window_get_page (window),
                  osai_window_get_sign_in_error (window) != NULL
                  ? osai_window_get_sign_in_error (window) : "no error");
      return 1;
    }
  print_figure (bench, "signed-in", ms (bench->signed_in - bench->presented), "ms");

  /* The load, watched from the moment the window starts it. */
  begin_span (bench, &load);
  WAIT_FOR (bench->loaded != 0, "loading the history");
  if (bench->show_at_start)
    WAIT_FOR (bench->rows_painted != 0, "rows in the Recent view");
  /* The frame that shows the last batch. */
  {
    guint before = bench->painted_frames;

    WAIT_FOR (bench->painted_frames > before || g_get_monotonic_time () > bench->loaded + 100000,
              "a frame after the load");
  }
  end_span (bench);

  if (g_list_model_get_n_items (G_LIST_MODEL (bench->history)) != expected
      || osai_history_get_problems (bench->history)->len > 0)
    {
      g_printerr ("%s: %u entries loaded, %u set aside, %u expected\n", mode,
                  g_list_model_get_n_items (G_LIST_MODEL (bench->history)),
                  osai_history_get_problems (bench->history)->len, expected);
      return 1;
    }
  print_figure (bench, "history-loaded", ms (bench->loaded - bench->presented), "ms");
  print_figure (bench, "history-load", ms (bench->loaded - bench->signed_in), "ms");
  printf ("%s.entries=%u\n", mode, expected);

  if (!bench->show_at_start)
    {
      g_timeout_add (SETTLE_MS, wait_over_cb, &settled);
      WAIT_FOR (settled, "settling");
      show_history_view (bench);
      begin_span (bench, &jump);
      WAIT_FOR (bench->rows_painted != 0, "rows in the Recent view");
      end_span (bench);
    }
  g_assert_cmpstr (osai_window_get_view (window), ==, "history");

  print_figure (bench, "rows-shown", ms (bench->rows_painted - bench->switched), "ms");
  printf ("%s.rows-on-screen=%u\n", mode, bench->rows_shown);
  /* GTK 4.8 keeps up to 200 rows around the one in view. */
  printf ("%s.row-widgets=%u\n", mode, count_children (bench->list_view));
  print_target (bench, "rows-shown", ms (bench->rows_painted - bench->switched), TARGET_ROWS_MS);
  print_span (bench, "load", &load);
  if (!bench->show_at_start)
    print_figure (bench, "switch-longest-frame", ms (jump.longest_work), "ms");

  if (!bench->show_at_start)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (bench->list_view, GTK_TYPE_SCROLLED_WINDOW);
      guint frames;
      gint64 took;

      g_assert (scrolled != NULL);
      bench->adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      begin_span (bench, &jump);
      took = jump_to (bench, -1, &frames);
      end_span (bench);
      print_figure (bench, "scroll-to-end", ms (took), "ms");
      printf ("%s.scroll-to-end-frames=%u\n", mode, frames);
      print_figure (bench, "scroll-to-end-longest-frame", ms (jump.longest_work), "ms");
      print_figure (bench, "scroll-to-end-longest-stall", ms (jump.longest_gap), "ms");
      if (count_rows (bench) == 0)
        {
          g_printerr ("%s: no rows at the end of the list\n", mode);
          return 1;
        }

      begin_span (bench, &jump);
      took = jump_to (bench, 0, &frames);
      end_span (bench);
      print_figure (bench, "scroll-to-top", ms (took), "ms");
      print_figure (bench, "scroll-to-top-longest-frame", ms (jump.longest_work), "ms");
      print_figure (bench, "scroll-to-top-longest-stall", ms (jump.longest_gap), "ms");
      if (count_rows (bench) == 0)
        {
          g_printerr ("%s: no rows at the top of the list\n", mode);
          return 1;
        }

      /* Half a page a frame: about a thousand rows in four seconds. */
      begin_span (bench, &scroll);
      gtk_widget_add_tick_callback (bench->list_view, scroll_tick_cb, bench, NULL);
      WAIT_FOR (bench->scroll_frames >= SCROLL_FRAMES, "the fast scroll");
      end_span (bench);
      printf ("%s.fast-scroll=%u frames, %.0f px\n", mode, bench->scroll_frames,
              gtk_adjustment_get_value (bench->adjustment));
      print_span (bench, "fast-scroll", &scroll);
      print_target (bench, "fast-scroll-longest-frame-interval", ms (scroll.longest_interval),
                    TARGET_FRAME_MS);
    }

  print_figure (bench, "rss-loaded", status_kib ("VmRSS:") / 1024.0, "MiB");
  print_figure (bench, "peak-rss", status_kib ("VmHWM:") / 1024.0, "MiB");
  fflush (stdout);

  g_source_remove (tick_id);
  g_clear_object (&bench->history);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* ---- The benchmark -------------------------------------------------------------------------- */


static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs one window in a process of its own while this one serves it. */
static gboolean
run_window_process (const char *self,
                    const char *url,
                    const char *mode,
                    const char *count)
{
  const char *argv[] = { self, "--window", url, mode, count, NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  if (proc != NULL)
    {
      g_subprocess_wait_async (proc, NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  if (proc == NULL || !g_subprocess_wait_finish (proc, result, &error) ||
      !g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    {
      g_printerr ("window-history: the %s window failed%s%s\n", mode,
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
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
  g_autofree char *keyring = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *count = NULL;
  g_autoptr(OsaiSimServer) sim = NULL;
  g_autoptr(OsaiClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;
  guint64 n = DEFAULT_ENTRIES;
  gint64 started;
  gboolean ok;

  if (argc == 5 && g_str_equal (argv[1], "--window") &&
      (g_str_equal (argv[3], "start") || g_str_equal (argv[3], "after-load")) &&
      g_ascii_string_to_unsigned (argv[4], 10, 1, G_MAXINT32, &n, NULL))
    return run_window (argv[2], argv[3], (guint) n);
  if (argc > 2 || (argc == 2 && !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT32, &n, NULL)))
    {
      g_printerr ("Usage: %s [ENTRIES]\n", argv[0]);
      return 2;
    }

  /* Everything the windows touch, in a folder of their own, before
   * anything reads these variables. */
  root = g_dir_make_tmp ("bench-window-history-XXXXXX", &error);
  if (root == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < 4; i++)
    {
      static const char * const names[] = { "data", "config", "cache", "state" };
      static const char * const variables[] = {
        "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
      };
      g_autofree char *path = g_build_filename (root, names[i], NULL);

      g_mkdir (path, 0700);
      g_setenv (variables[i], path, TRUE);
    }
  keyring = g_build_filename (root, "data", "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  sim = osai_sim_server_new ();
  if (!osai_sim_server_start (sim, 0, &error) ||
      (client = osai_client_new (osai_sim_server_get_base_url (sim), FALSE, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      osai_test_remove_tree (root);
      return 1;
    }
  /* As the window spells the server, in the keyring and the history. */
  url = osai_client_get_base_url (client);

  /* The token kept by an earlier sign-in: the windows restore it. */
  osai_credentials_store_async (url, TOKEN, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!osai_credentials_store_finish (result, &error))
    {
      g_printerr ("The keyring: %s\n", error->message);
      osai_test_remove_tree (root);
      return 1;
    }

  dir = osai_history_get_default_dir ();
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  started = g_get_monotonic_time ();
  ok = generate (dir, url, (guint) n);
  if (ok)
    {
      printf ("window-history: %s entries generated in %.1f s (%s)\n", count,
              (g_get_monotonic_time () - started) / 1e6, dir);
      fflush (stdout);
      ok = run_window_process (self, url, "start", count) &&
           run_window_process (self, url, "after-load", count);
    }

  osai_sim_server_stop (sim);
  osai_test_remove_tree (root);
  return ok ? 0 : 1;
}
