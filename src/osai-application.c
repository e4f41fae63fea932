/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-application.c — the application: options, app actions, windows */

#define G_LOG_DOMAIN "osai-application"

#include "config.h"

#include <glib/gi18n.h>

#include "osai-application.h"
#include "osai-client.h"
#include "osai-compat.h"
#include "osai-preferences-window.h"
#include "osai-window.h"

struct _OsaiApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (OsaiApplication, osai_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start with demo data from the built-in simulator, without an account"), NULL },
  { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Use another OSAI server for this run, such as https://osai.example.com/api"), N_("URL") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static GtkWindow *
get_active_window (OsaiApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  OsaiApplication *self = user_data;
  GtkWindow *window = get_active_window (self);
  GtkWindow *prefs;

  if (!OSAI_IS_WINDOW (window))
    return;

  prefs = GTK_WINDOW (osai_preferences_window_new (OSAI_WINDOW (window)));
  gtk_window_present (prefs);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  osai_compat_show_about (get_active_window (OSAI_APPLICATION (user_data)));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = get_active_window (OSAI_APPLICATION (user_data));

  if (OSAI_IS_WINDOW (window))
    osai_window_show_help (OSAI_WINDOW (window), NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  OsaiApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close the windows so they save their size and cancel their work. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

static void
osai_application_startup (GApplication *application)
{
  OsaiApplication *self = OSAI_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.generate", { "<Control>Return", "<Control>KP_Enter", NULL } },
    { "win.cancel", { "Escape", NULL } },
    { "win.save-report", { "<Control>s", NULL } },
    { "win.export-csv", { "<Control><Shift>s", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (osai_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static int
osai_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  const char *server = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_autoptr(GError) error = NULL;

      /* Say what is wrong here, on the terminal that typed it. */
      if (!osai_client_check_base_url (server, FALSE, &error))
        {
          g_printerr (_("osai-reports: --server: %s\n"), error->message);
          return 2;
        }
    }

  return -1;
}

static int
osai_application_command_line (GApplication            *application,
                               GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *server = NULL;
  gboolean demo;
  OsaiWindow *window;

  demo = g_variant_dict_contains (options, "demo");
  g_variant_dict_lookup (options, "server", "&s", &server);

  /* A plain second launch raises the window there is; options ask for a
   * window of their own. */
  if (!demo && server == NULL)
    {
      g_application_activate (application);
      return 0;
    }

  window = osai_window_new (OSAI_APPLICATION (application), demo, server);
  gtk_window_present (GTK_WINDOW (window));

  return 0;
}

static void
osai_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  /* Launching again, or clicking a notification, brings back the window. */
  if (window == NULL)
    window = GTK_WINDOW (osai_window_new (OSAI_APPLICATION (application), FALSE, NULL));

  gtk_window_present (window);
}

static void
osai_application_class_init (OsaiApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = osai_application_startup;
  app_class->activate = osai_application_activate;
  app_class->handle_local_options = osai_application_handle_local_options;
  app_class->command_line = osai_application_command_line;
}

static void
osai_application_init (OsaiApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("See what your OneStep AI account used."));
}

OsaiApplication *
osai_application_new (void)
{
  return g_object_new (OSAI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/osaireports/OsaiReports",
                       NULL);
}
