/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-preferences-window.c — server, account and waiting preferences */

#define G_LOG_DOMAIN "osai-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "osai-compat.h"
#include "osai-preferences-window.h"

struct _OsaiPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  OsaiWindow           *window;
  OsaiHistory          *history;

  AdwPreferencesGroup  *server_group;
  AdwComboRow          *region_row;
  AdwEntryRow          *server_row;
  AdwActionRow         *insecure_row;
  GtkSwitch            *insecure_switch;
  AdwActionRow         *account_row;
  GtkWidget            *sign_out_button;
  GtkSpinButton        *deadline_spin;
  AdwActionRow         *history_row;
  GtkWidget            *clear_history_button;
};

G_DEFINE_FINAL_TYPE (OsaiPreferencesWindow, osai_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update (OsaiPreferencesWindow *self)
{
  OsaiAccount *account = osai_window_get_account (self->window);
  gboolean signed_in = osai_account_get_state (account) == OSAI_ACCOUNT_STATE_SIGNED_IN;
  gboolean demo = osai_account_get_is_demo (account);
  const char *user = osai_account_get_user_name (account);

  gboolean custom = g_settings_get_enum (self->settings, "region") == 2;
  g_autofree char *custom_url = g_settings_get_string (self->settings, "custom-server-url");

  gtk_widget_set_visible (GTK_WIDGET (self->server_row), custom);
  /* Only a custom http:// server can need it: https:// is always encrypted,
   * and a server on this computer may use http:// anyway. */
  gtk_widget_set_visible (GTK_WIDGET (self->insecure_row),
                          custom && g_ascii_strncasecmp (g_strstrip (custom_url), "http://", 7) == 0);

  /* The server of a signed-in account does not change under it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_row), !signed_in);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !signed_in);
  gtk_widget_set_sensitive (GTK_WIDGET (self->insecure_row), !signed_in);
  adw_preferences_group_set_description (self->server_group,
                                         !signed_in ? NULL
                                         : demo ? _("Leave the demo to sign in to a server.")
                                         : _("Sign out to use another server."));
  /* Leaving the demo loses nothing; signing out forgets the token. */
  if (demo)
    gtk_widget_remove_css_class (self->sign_out_button, "destructive-action");
  else
    gtk_widget_add_css_class (self->sign_out_button, "destructive-action");

  if (demo && signed_in)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), _("Demo mode"));
      adw_action_row_set_subtitle (self->account_row, _("Numbers from the built-in simulator"));
      gtk_button_set_label (GTK_BUTTON (self->sign_out_button), _("_Leave Demo"));
    }
  else if (signed_in)
    {
      /* Translators: the account row's title when the server did not say
       * who is signed in. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row),
                                     user != NULL ? user : _("Signed in"));
      adw_action_row_set_subtitle (self->account_row, osai_account_get_base_url (account));
      gtk_button_set_label (GTK_BUTTON (self->sign_out_button), _("_Sign Out"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row),
                                     _("Not signed in"));
      adw_action_row_set_subtitle (self->account_row, "");
      gtk_button_set_label (GTK_BUTTON (self->sign_out_button), _("_Sign Out"));
    }
  gtk_widget_set_sensitive (self->sign_out_button, signed_in);
}

static void
sign_out_clicked_cb (OsaiPreferencesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.sign-out", NULL);
}

static void
clear_history_clicked_cb (OsaiPreferencesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.clear-history", NULL);
}

static void
update_history (OsaiPreferencesWindow *self)
{
  OsaiHistory *history = osai_window_get_history (self->window);
  guint n = history != NULL ? g_list_model_get_n_items (G_LIST_MODEL (history)) : 0;
  g_autofree char *text = NULL;

  if (history == NULL || !osai_history_get_loaded (history))
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("No reports are kept"));
  else
    /* Translators: how many reports the local history keeps */
    text = g_strdup_printf (ngettext ("%u report is kept", "%u reports are kept", n), n);

  adw_action_row_set_subtitle (self->history_row, text);
  gtk_widget_set_sensitive (self->clear_history_button,
                            history == NULL || !osai_history_get_loaded (history) || n > 0);
}

/* The window changes its history when the demo starts or ends. */
static void
window_history_cb (OsaiPreferencesWindow *self)
{
  OsaiHistory *history = osai_window_get_history (self->window);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    {
      g_signal_connect_object (history, "notify::n-items", G_CALLBACK (update_history), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::loaded", G_CALLBACK (update_history), self,
                               G_CONNECT_SWAPPED);
    }
  update_history (self);
}

static void
osai_preferences_window_dispose (GObject *object)
{
  OsaiPreferencesWindow *self = OSAI_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OSAI_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (osai_preferences_window_parent_class)->dispose (object);
}

static void
osai_preferences_window_class_init (OsaiPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = osai_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/osaireports/OsaiReports/osai-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, insecure_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, deadline_spin);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, history_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiPreferencesWindow, clear_history_button);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_history_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
osai_preferences_window_init (OsaiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  osai_compat_preferences_window_name_search (ADW_PREFERENCES_WINDOW (self));

  self->settings = g_settings_new (BASE_APP_ID);
  osai_window_bind_region (self->settings, self->region_row);
  g_settings_bind (self->settings, "custom-server-url", self->server_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "poll-deadline",
                   gtk_spin_button_get_adjustment (self->deadline_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "allow-insecure-custom-server", self->insecure_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::region", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::custom-server-url", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
osai_preferences_window_new (OsaiWindow *window)
{
  OsaiPreferencesWindow *self;

  g_return_val_if_fail (OSAI_IS_WINDOW (window), NULL);

  self = g_object_new (OSAI_TYPE_PREFERENCES_WINDOW,
                       "transient-for", window,
                       "application", gtk_window_get_application (GTK_WINDOW (window)),
                       NULL);
  self->window = g_object_ref (window);
  g_signal_connect_object (osai_window_get_account (window), "notify::state",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::history", G_CALLBACK (window_history_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
  window_history_cb (self);

  return GTK_WIDGET (self);
}
