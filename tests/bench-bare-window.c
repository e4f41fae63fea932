/* bench-bare-window.c — the baseline of benchmark 'startup'
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a libadwaita app shows: an AdwApplicationWindow with a header
 * bar and a status page, as large as the main window's default size.  It
 * reads no settings and starts nothing else, so that osai-reports can be
 * compared with it.  Unique on the session bus like any GNOME app (each run
 * of the benchmark has a bus of its own).
 */

#include <adwaita.h>

/* The main window's default size (window-width, window-height). */
#define WIDTH 880
#define HEIGHT 780

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status_page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status_page), "dialog-password-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status_page), "Bare Window");
  adw_status_page_set_description (ADW_STATUS_PAGE (status_page),
                                   "A header bar and a status page, nothing more.");
  gtk_widget_set_vexpand (status_page, TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status_page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  gtk_window_set_title (GTK_WINDOW (window), "Bare Window");
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("io.github.osaireports.OsaiReports.BenchBareWindow",
                             G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
