/* osai-screenshot-tool.c — the main window's screenshots, from the real widget tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   osai-screenshot-tool OUTPUT-DIR
 *
 * Drives real OsaiWindows through their actions (the demo simulator stands in
 * for OSAI) and writes one PNG per state.  Run it through
 * data/screenshots/take-screenshots.sh, which sets up Xvfb, GSettings and
 * the keyring.
 */

#define G_LOG_DOMAIN "osai-screenshot-tool"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "osai-period.h"
#include "osai-sim-server.h"
#include "osai-test-utils.h"
#include "osai-preferences-window.h"
#include "osai-window.h"

#define WAIT_MS 60000
/* Frames drawn after a state has settled, before the shot. */
#define SETTLE_FRAMES 3

#define WIDE_WIDTH 880
#define WIDE_HEIGHT 780
#define NARROW_WIDTH 360
#define NARROW_HEIGHT 720

/* Large enough to still be running a few seconds later, when the scroll
 * indicator has faded out; the partial file is removed on cancel. */
#define SAVING_DETAIL_SIZE (G_GUINT64_CONSTANT (8) * 1024 * 1024 * 1024)
#define SAVING_SLOW_MS 250
#define SAVING_MIN_FRACTION 0.1

typedef struct
{
  OsaiWindow *window;
  guint       tick_id;
  gint64      ticks;
} Shot;

static const char *output_dir;
static GFile *save_dir;

static GtkWidget *
child (OsaiWindow *window,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), OSAI_TYPE_WINDOW, id);
  OsaiReportPage *page = osai_window_get_report_page (window);

  /* The request, the wait and the totals live in the report page. */
  if (object == NULL && page != NULL)
    object = gtk_widget_get_template_child (GTK_WIDGET (page), OSAI_TYPE_REPORT_PAGE, id);

  if (object == NULL)
    g_error ("osai-window.ui has no “%s”", id);
  return GTK_WIDGET (object);
}

/* Keeps the frame clock running, so there are frames to count even when
 * nothing animates.  Nothing is scrolled: each shot is what a person sees. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  Shot *shot = user_data;

  shot->ticks++;
  return G_SOURCE_CONTINUE;
}

/* No stack, squeezer or revealer anywhere in @root is still moving. */
static gboolean
transitions_settled_in (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_transition_running (GTK_STACK (root)))
    return FALSE;
  if (ADW_IS_SQUEEZER (root) && adw_squeezer_get_transition_running (ADW_SQUEEZER (root)))
    return FALSE;
  if (GTK_IS_REVEALER (root)
      && gtk_revealer_get_child_revealed (GTK_REVEALER (root))
         != gtk_revealer_get_reveal_child (GTK_REVEALER (root)))
    return FALSE;

  for (GtkWidget *widget = gtk_widget_get_first_child (root);
       widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    {
      if (!transitions_settled_in (widget))
        return FALSE;
    }

  return TRUE;
}

static gboolean
transitions_settled (Shot *shot)
{
  return transitions_settled_in (GTK_WIDGET (shot->window));
}

/* Overlay scrollbars show for a while after each scroll. */
static gboolean
indicators_hidden (GtkWidget *root)
{
  for (GtkWidget *widget = gtk_widget_get_first_child (root);
       widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    {
      if (GTK_IS_SCROLLBAR (widget) && gtk_widget_has_css_class (widget, "overlay-indicator")
          && gtk_widget_get_mapped (widget) && gtk_widget_get_opacity (widget) > 0.0)
        return FALSE;
      if (!indicators_hidden (widget))
        return FALSE;
    }

  return TRUE;
}

/* Waits for the stacks and revealers to finish their transitions and the
 * scroll indicators to fade out, then for a few more frames so that
 * layout, scrolling and fades are done. */
static void
settle (Shot *shot)
{
  gint64 until;

  OSAI_TEST_WAIT_UNTIL (transitions_settled (shot)
                        && indicators_hidden (GTK_WIDGET (shot->window)), WAIT_MS);
  until = shot->ticks + SETTLE_FRAMES;
  OSAI_TEST_WAIT_UNTIL (shot->ticks >= until, WAIT_MS);
}

static Shot *
shot_new (gboolean    demo,
          const char *server,
          int         width,
          int         height)
{
  Shot *shot = g_new0 (Shot, 1);
  graphene_rect_t bounds;

  shot->window = osai_window_new (NULL, demo, server);

  /* Without a compositor the window draws a frame of its own (solid-csd)
   * around its content: make the content itself @width × @height. */
  gtk_widget_realize (GTK_WIDGET (shot->window));
  if (!gtk_widget_compute_bounds (GTK_WIDGET (shot->window), GTK_WIDGET (shot->window), &bounds))
    g_error ("the window has no bounds");
  width += (int) bounds.size.width - gtk_widget_get_width (GTK_WIDGET (shot->window));
  height += (int) bounds.size.height - gtk_widget_get_height (GTK_WIDGET (shot->window));
  gtk_window_set_default_size (GTK_WINDOW (shot->window), width, height);

  gtk_window_present (GTK_WINDOW (shot->window));
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (shot->window)), WAIT_MS);

  /* Without a window manager the window only gets the focus when asked
   * again once it is mapped; unfocused, it would be drawn as in the
   * background. */
  gtk_window_present (GTK_WINDOW (shot->window));
  OSAI_TEST_WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (shot->window)), WAIT_MS);

  shot->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (shot->window), tick_cb, shot, NULL);
  return shot;
}

static void
shot_free (Shot *shot)
{
  gtk_widget_remove_tick_callback (GTK_WIDGET (shot->window), shot->tick_id);
  gtk_window_destroy (GTK_WINDOW (shot->window));
  g_free (shot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shot, shot_free)

/* Renders the window's last drawn frame from its widget tree, with the
 * window's own renderer, at its natural size; the content only, without the
 * frame a window draws when there is no compositor. */
static void
take_window (GtkWindow  *window,
             const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  graphene_rect_t bounds;
  GskRenderer *renderer;

  /* The paintable's origin is the corner of the window's border box, which
   * lies at bounds.origin from the corner of its content. */
  if (!gtk_widget_compute_bounds (widget, widget, &bounds))
    g_error ("%s: the window has no bounds", name);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    g_error ("%s: the window drew nothing", name);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (-bounds.origin.x, -bounds.origin.y,
                                                              width, height));

  path = g_build_filename (output_dir, name, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  g_print ("%s (%d×%d)\n", path, width, height);
}

static void
take (Shot       *shot,
      const char *name)
{
  take_window (GTK_WINDOW (shot->window), name);
}

static gboolean
page_is (Shot       *shot,
         const char *page)
{
  return g_strcmp0 (osai_window_get_page (shot->window), page) == 0;
}

static gboolean
result_page_is (Shot       *shot,
                const char *page)
{
  return g_strcmp0 (osai_window_get_result_page (shot->window), page) == 0;
}

static OsaiSimServer *
simulator (Shot *shot)
{
  OsaiSimServer *server = osai_account_get_simulator (osai_window_get_account (shot->window));

  g_assert (server != NULL);
  return server;
}

/* A demo window that has signed in to its simulator, ready for a request. */
static Shot *
demo_shot (int width,
           int height)
{
  Shot *shot = shot_new (TRUE, NULL, width, height);

  OSAI_TEST_WAIT_UNTIL (page_is (shot, "report") && !osai_window_get_busy (shot->window),
                        WAIT_MS);
  return shot;
}

static void
generate (Shot   *shot,
          double  report_delay)
{
  g_object_set (simulator (shot), "report-delay", report_delay, NULL);
  gtk_widget_activate_action (GTK_WIDGET (shot->window), "win.generate", NULL);
  OSAI_TEST_WAIT_UNTIL (!result_page_is (shot, "none"), WAIT_MS);
}

static void
generate_totals (Shot *shot)
{
  generate (shot, 0.0);
  OSAI_TEST_WAIT_UNTIL (result_page_is (shot, "totals"), WAIT_MS);
  settle (shot);
}

/* The first start: the default server, and no token kept for it in the
 * empty keyring (main() makes sure it is a throw-away one), so the window asks
 * for one without a word on the network. */
static void
take_connect (void)
{
  g_autoptr(Shot) shot = shot_new (FALSE, NULL, WIDE_WIDTH, WIDE_HEIGHT);

  OSAI_TEST_WAIT_UNTIL (page_is (shot, "connect") && !osai_window_get_busy (shot->window),
                        WAIT_MS);
  settle (shot);
  take (shot, "connect.png");
}

static void
take_waiting (void)
{
  g_autoptr(Shot) shot = demo_shot (WIDE_WIDTH, WIDE_HEIGHT);

  generate (shot, 3600.0);
  g_assert (result_page_is (shot, "waiting"));
  settle (shot);
  take (shot, "waiting.png");

  gtk_widget_activate_action (GTK_WIDGET (shot->window), "win.cancel", NULL);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (shot->window), WAIT_MS);
}

static gboolean
saving_progressed (Shot *shot)
{
  GtkProgressBar *progress = GTK_PROGRESS_BAR (child (shot->window, "download_progress"));

  return gtk_progress_bar_get_fraction (progress) >= SAVING_MIN_FRACTION;
}

/* Totals, totals in dark mode and saving, from one report. */
static void
take_totals_and_saving (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(Shot) shot = demo_shot (WIDE_WIDTH, WIDE_HEIGHT);
  g_autoptr(GFile) file = g_file_get_child (save_dir, "detail.json");
  gint64 until;

  generate_totals (shot);
  take (shot, "totals.png");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  OSAI_TEST_WAIT_UNTIL (adw_style_manager_get_dark (style_manager), WAIT_MS);
  settle (shot);
  take (shot, "totals-dark.png");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  OSAI_TEST_WAIT_UNTIL (!adw_style_manager_get_dark (style_manager), WAIT_MS);

  g_object_set (simulator (shot),
                "detail-size", SAVING_DETAIL_SIZE,
                "slow-ms", SAVING_SLOW_MS,
                NULL);
  osai_window_save_report_to (shot->window, file);
  g_assert (gtk_revealer_get_reveal_child (GTK_REVEALER (child (shot->window,
                                                                "download_revealer"))));
  settle (shot);
  OSAI_TEST_WAIT_UNTIL (saving_progressed (shot), WAIT_MS);
  /* A frame drawn with the latest progress text. */
  until = shot->ticks + 2;
  OSAI_TEST_WAIT_UNTIL (shot->ticks >= until, WAIT_MS);
  if (!osai_window_get_busy (shot->window))
    g_error ("the detailed report was saved before its screenshot: make it larger");
  take (shot, "saving.png");

  gtk_widget_activate_action (GTK_WIDGET (shot->window), "win.cancel-download", NULL);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (shot->window), WAIT_MS);
}

static void
take_narrow (void)
{
  g_autoptr(Shot) shot = demo_shot (NARROW_WIDTH, NARROW_HEIGHT);

  generate_totals (shot);
  take (shot, "narrow.png");
}

/* Recent Reports with three reports, and this month compared with the
 * last, generated from the Recent view's menu. */
static void
take_history_and_compare (void)
{
  g_autoptr(Shot) shot = demo_shot (WIDE_WIDTH, WIDE_HEIGHT);
  OsaiHistory *history;
  g_autoptr(OsaiHistoryEntry) entry = NULL;

  gtk_widget_activate_action (GTK_WIDGET (shot->window), "win.preset", "s", "last-year");
  generate_totals (shot);
  gtk_widget_activate_action (GTK_WIDGET (shot->window), "win.preset", "s", "this-month");
  generate_totals (shot);

  history = osai_window_get_history (shot->window);
  OSAI_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (history)) == 2, WAIT_MS);
  entry = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_signal_emit_by_name (osai_window_get_history_page (shot->window), "compare-entry", entry,
                         (int) OSAI_PERIOD_SHIFT_PREVIOUS);
  OSAI_TEST_WAIT_UNTIL (g_strcmp0 (osai_window_get_view (shot->window), "compare") == 0
                        && !osai_window_get_busy (shot->window), WAIT_MS);
  /* Past the toast that said the report was being generated (5 s). */
  {
    gint64 until = g_get_monotonic_time () + 6 * G_USEC_PER_SEC;

    OSAI_TEST_WAIT_UNTIL (g_get_monotonic_time () > until, WAIT_MS);
  }
  settle (shot);
  take (shot, "compare.png");

  gtk_widget_activate_action (GTK_WIDGET (shot->window), "win.show-view", "s", "history");
  settle (shot);
  take (shot, "history.png");
}

static void
take_preferences (void)
{
  g_autoptr(Shot) shot = demo_shot (WIDE_WIDTH, WIDE_HEIGHT);
  GtkWindow *preferences = GTK_WINDOW (osai_preferences_window_new (shot->window));
  gint64 until;

  gtk_window_present (preferences);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)), WAIT_MS);
  gtk_window_present (preferences);
  OSAI_TEST_WAIT_UNTIL (gtk_window_is_active (preferences), WAIT_MS);
  until = shot->ticks + SETTLE_FRAMES;
  OSAI_TEST_WAIT_UNTIL (shot->ticks >= until, WAIT_MS);
  take_window (preferences, "preferences.png");
  gtk_window_destroy (preferences);
}

/* What AdwApplication would do for the app: its style sheet. */
static void
load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/osaireports/OsaiReports/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *save_path = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT-DIR\n", argv[0]);
      return 2;
    }
  output_dir = argv[1];

  /* Never the user's keyring, where a real token could sign in to OSAI,
   * nor the user's settings. */
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") != 0
      || g_getenv ("SECRET_FILE_TEST_PATH") == NULL
      || g_strcmp0 (g_getenv ("GSETTINGS_BACKEND"), "memory") != 0)
    {
      g_printerr ("%s: run me through data/screenshots/take-screenshots.sh\n", argv[0]);
      return 2;
    }

  save_path = g_dir_make_tmp ("osai-screenshots-XXXXXX", &error);
  if (save_path == NULL)
    g_error ("%s", error->message);
  save_dir = g_file_new_for_path (save_path);

  gtk_init ();
  adw_init ();
  load_app_style ();
  /* GNOME's defaults, which a bare X server does not announce: GTK's own
   * would add minimize and maximize buttons that push the title aside. */
  g_object_set (gtk_settings_get_default (),
                "gtk-font-name", "Cantarell 11",
                "gtk-decoration-layout", "appmenu:close",
                NULL);

  take_connect ();
  take_waiting ();
  take_totals_and_saving ();
  take_narrow ();
  take_history_and_compare ();
  take_preferences ();

  g_rmdir (save_path);
  g_clear_object (&save_dir);
  return 0;
}
