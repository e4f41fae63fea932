/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-compat.c — the few places GTK 4.8/libadwaita 1.2 and newer differ */

#define G_LOG_DOMAIN "osai-compat"

#include "config.h"

#include <glib/gi18n.h>

#include "osai-compat.h"

/* ---- Save dialog ----------------------------------------------------------------------------- */

#if GTK_CHECK_VERSION (4, 10, 0)

static void
file_dialog_save_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file == NULL)
    {
      /* Dismissing the dialog is a cancellation, whatever GTK calls it. */
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, file, g_object_unref);
}

#else

static void
file_chooser_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        g_task_return_pointer (task, file, g_object_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("No file was chosen"));
    }
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The dialog was dismissed"));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

#endif

void
osai_compat_save_file_async (GtkWindow           *parent,
                             const char          *title,
                             GFile               *initial_folder,
                             const char          *initial_name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_compat_save_file_async);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_modal (dialog, TRUE);
    if (initial_folder != NULL)
      gtk_file_dialog_set_initial_folder (dialog, initial_folder);
    if (initial_name != NULL)
      gtk_file_dialog_set_initial_name (dialog, initial_name);
    gtk_file_dialog_save (dialog, parent, cancellable, file_dialog_save_cb,
                          g_steal_pointer (&task));
  }
#else
  {
    GtkFileChooserNative *dialog;

    dialog = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Save"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    if (initial_folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), initial_folder, NULL);
    if (initial_name != NULL)
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), initial_name);
    g_signal_connect (dialog, "response", G_CALLBACK (file_chooser_response_cb),
                      g_steal_pointer (&task));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  }
#endif
}

GFile *
osai_compat_save_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL) || G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_compat_save_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Open the folder ------------------------------------------------------------------------- */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
open_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_open_containing_folder_finish (GTK_FILE_LAUNCHER (object), result,
                                                        &error))
    g_warning ("Could not open the folder: %s", error->message);
}
#else
static void
launch_folder_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open the folder: %s", error->message);
}
#endif

void
osai_compat_open_containing_folder (GtkWindow *parent,
                                    GFile     *file)
{
  g_return_if_fail (G_IS_FILE (file));

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

    gtk_file_launcher_open_containing_folder (launcher, parent, NULL, open_folder_cb, NULL);
  }
#else
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);
    g_autofree char *uri = g_file_get_uri (folder != NULL ? folder : file);
    g_autoptr(GAppLaunchContext) context = NULL;

    if (parent != NULL)
      context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
        gtk_widget_get_display (GTK_WIDGET (parent))));
    g_app_info_launch_default_for_uri_async (uri, context, NULL, launch_folder_cb, NULL);
  }
#endif
}

/* ---- About ----------------------------------------------------------------------------------- */

void
osai_compat_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "The OSAI Reports developers", NULL };

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();
#define SET(what, ...) adw_about_dialog_set_##what (ADW_ABOUT_DIALOG (about), __VA_ARGS__)
#else
  GtkWidget *about = adw_about_window_new ();
#define SET(what, ...) adw_about_window_set_##what (ADW_ABOUT_WINDOW (about), __VA_ARGS__)
#endif

  SET (application_name, _("OSAI Reports"));
  SET (application_icon, APP_ID);
  SET (developer_name, _("The OSAI Reports developers"));
  SET (version, PACKAGE_VERSION);
  SET (comments, _("See what your OneStep AI account used: storage, GPU time and rented "
                   "devices over any period, with the detailed report saved as JSON."));
  SET (website, "https://github.com/osaireports/osai-reports");
  SET (issue_url, "https://github.com/osaireports/osai-reports/issues");
  SET (license_type, GTK_LICENSE_GPL_3_0);
  SET (copyright, "© 2026 The OSAI Reports developers");
  SET (developers, developers);
  /* Translators: put your names here, one per line, to be credited. */
  SET (translator_credits, _("translator-credits"));
#undef SET

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (about, parent != NULL ? GTK_WIDGET (parent) : NULL);
#else
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

/* ---- List view rows -------------------------------------------------------------------------- */

void
osai_compat_list_item_set_accessible (GtkListItem *list_item,
                                      const char  *label,
                                      const char  *description)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  /* The row widget takes these whenever the list item moves to another. */
  gtk_list_item_set_accessible_label (list_item, label);
  gtk_list_item_set_accessible_description (list_item, description);
#else
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *row = child != NULL ? gtk_widget_get_parent (child) : NULL;

  /* Before 4.12 a list item keeps its row widget for life: the row that
   * gets the focus is the one to name. */
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
#endif
}

/* ---- Controls libadwaita builds -------------------------------------------------------------- */

/* An explicit label, the same as the tooltip: GTK 4.8 does not read tooltips
 * for names, and a GTK that falls back on the tooltip computes this very
 * name, so the label changes nothing there. */
static void
icon_button_tooltip_cb (GtkWidget  *button,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL && *tooltip != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

static void
name_icon_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Only buttons showing nothing but an icon: those with a label are
       * named by it. */
      if (GTK_IS_BUTTON (child) && gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
        {
          if (g_signal_handler_find (child, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                     icon_button_tooltip_cb, NULL) == 0)
            g_signal_connect (child, "notify::tooltip-text",
                              G_CALLBACK (icon_button_tooltip_cb), NULL);
          icon_button_tooltip_cb (child, NULL, NULL);
          continue;
        }

      name_icon_buttons (child);
    }
}

void
osai_compat_entry_row_name_buttons (AdwEntryRow *row)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  /* libadwaita 1.2 to 1.9 make the peek button a plain GtkButton with an
   * icon and a tooltip, added as a suffix of the row (the apply button is
   * built the same way); a row built otherwise is left as it is. */
  name_icon_buttons (GTK_WIDGET (row));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

void
osai_compat_preferences_window_name_search (AdwPreferencesWindow *window)
{
  GtkWidget *entry;
  g_autofree char *placeholder = NULL;

  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (window));

  /* One search entry, in the window's own template: so in libadwaita 1.2
   * to 1.9.  It is there even while searching is off. */
  entry = find_descendant (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  if (entry == NULL)
    return;

#if ADW_CHECK_VERSION (1, 5, 0)
  g_object_get (entry, "placeholder-text", &placeholder, NULL);
#endif
  if (placeholder == NULL || *placeholder == '\0')
    {
      g_free (placeholder);
      /* Translators: what a screen reader says for the search entry of the Preferences window. */
      placeholder = g_strdup (_("Search preferences"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder,
                                  -1);
}
