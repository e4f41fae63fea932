/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-window.c — the main window: connect, request, wait, totals, save
 *
 * A view over the core: it binds the request widgets to GSettings, hands
 * the request to an OsaiReportJob, shows the job's state, puts the report's
 * totals in an OsaiTotalsView and saves through OsaiDownload.  It holds no
 * network or parsing code of its own.  This file builds and shows it;
 * osai-window-actions.c holds what its actions do.
 */

#define G_LOG_DOMAIN "osai-window"

#include "config.h"

#include <glib/gi18n.h>

#include "osai-compat.h"
#include "osai-date-row.h"
#include "osai-download.h"
#include "osai-error.h"
#include "osai-period.h"
#include "osai-report-page.h"
#include "osai-totals-view.h"
#include "osai-usage-model.h"
#include "osai-window.h"
#include "osai-window-private.h"

G_DEFINE_FINAL_TYPE (OsaiWindow, osai_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DEMO,
  PROP_SERVER,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ensure_report_page (OsaiWindow *self);

/* ---- Small helpers --------------------------------------------------------------------------- */

/* A toast's title is Pango markup (libadwaita 1.2 has no plain-text
 * switch): text that comes from elsewhere, such as an error naming a file,
 * goes in escaped. */
AdwToast *
_osai_window_new_toast (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

void
_osai_window_show_toast (OsaiWindow *self,
                         const char *text)
{
  AdwToast *toast = _osai_window_new_toast (text);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_osai_window_show_error_toast (OsaiWindow   *self,
                               const char   *what,
                               const GError *error)
{
  g_autofree char *detail = osai_error_describe (error);
  /* Translators: what went wrong, then why and what to do, in a toast */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), what, detail);

  _osai_window_show_toast (self, text);
}

void
_osai_window_replace_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

void
_osai_window_cancel_and_clear (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

char *
osai_window_dup_base_url (OsaiWindow *self)
{
  g_autofree char *custom = NULL;

  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);

  if (self->server_override != NULL)
    return g_strdup (self->server_override);

  switch (g_settings_get_enum (self->settings, "region"))
    {
    case 1:
      return g_strdup (OSAI_BASE_URL_US);
    case 2:
      custom = g_strstrip (g_settings_get_string (self->settings, "custom-server-url"));
      return g_steal_pointer (&custom);
    case 0:
    default:
      return g_strdup (OSAI_BASE_URL_EU);
    }
}

static OsaiIncludeFlags
get_include (OsaiWindow *self)
{
  static const struct {
    const char       *key;
    OsaiIncludeFlags  flag;
  } keys[] = {
    { "include-datasets", OSAI_INCLUDE_DATASETS },
    { "include-manipulations", OSAI_INCLUDE_MANIPULATIONS },
    { "include-models", OSAI_INCLUDE_MODELS },
    { "include-rented-devices", OSAI_INCLUDE_RENTED_DEVICES },
    { "include-predictions", OSAI_INCLUDE_PREDICTIONS },
  };
  OsaiIncludeFlags include = OSAI_INCLUDE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_settings_get_boolean (self->settings, keys[i].key))
      include |= keys[i].flag;

  return include;
}

OsaiReportRequest *
_osai_window_make_request (OsaiWindow  *self,
                           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);

  if (!osai_period_parse_day (osai_date_row_get_date (self->from_row), &first)
      || !osai_period_parse_day (osai_date_row_get_date (self->to_row), &last))
    {
      g_set_error_literal (error, OSAI_ERROR, OSAI_ERROR_INVALID_INPUT,
                           _("Pick both a start and an end date."));
      return NULL;
    }

  return osai_period_make_request (&first, &last, get_include (self), now, error);
}

static void
set_day_pair (OsaiWindow  *self,
              const GDate *first,
              const GDate *last)
{
  g_autofree char *from = osai_period_format_day (first);
  g_autofree char *to = osai_period_format_day (last);

  osai_date_row_set_date (self->from_row, from);
  osai_date_row_set_date (self->to_row, to);
}

void
_osai_window_apply_preset (OsaiWindow       *self,
                           OsaiPeriodPreset  preset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  osai_period_preset (preset, now, &first, &last);
  set_day_pair (self, &first, &last);
}

void
_osai_window_validate_request (OsaiWindow *self)
{
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  if (self->report_page == NULL)
    return;

  g_clear_pointer (&self->validation_message, g_free);

  request = _osai_window_make_request (self, &error);
  if (request == NULL)
    self->validation_message = g_strdup (error->message);

  gtk_label_set_label (self->validation_label,
                       self->validation_message != NULL ? self->validation_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), self->validation_message != NULL);

  _osai_window_update_actions (self);
}

void
_osai_window_set_page (OsaiWindow *self,
                       const char *name)
{
  gboolean loading = g_strcmp0 (name, "loading") == 0;
  gboolean report = g_strcmp0 (name, "report") == 0;

  if (!report)
    self->offline = FALSE;
  gtk_revealer_set_reveal_child (self->offline_revealer, report && self->offline);
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title, report);
  if (!self->started && !loading)
    {
      /* The first page after start-up appears at once. A crossfade from
       * the spinner would only hold it back, and the GL renderer keeps a
       * transition's window-sized textures cached until frames that an
       * idle window never draws: some 10 MB for as long as it stays idle. */
      self->started = TRUE;
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child_name (self->main_stack, name);
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, name);
    }
  if (loading)
    gtk_spinner_start (self->loading_spinner);
  else
    gtk_spinner_stop (self->loading_spinner);

  /* What the sign-in page asks for first is the token. */
  if (g_strcmp0 (name, "connect") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
}

void
_osai_window_set_result_page (OsaiWindow *self,
                              const char *name)
{
  gboolean waiting = g_strcmp0 (name, "waiting") == 0;
  gboolean none = g_strcmp0 (name, "none") == 0;

  gtk_stack_set_visible_child_name (self->result_stack, name);
  /* While the report is being made, Cancel is the way back. */
  gtk_widget_set_visible (self->back_button, !waiting);
  if (waiting)
    gtk_spinner_start (self->waiting_spinner);
  else
    gtk_spinner_stop (self->waiting_spinner);

  /* A result, or the wait for one, goes over the request and fills the
   * view, from its top. */
  if (none)
    {
      _osai_window_show_request (self);
      return;
    }
  if (g_strcmp0 (name, "totals") == 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->totals_scroller), 0.0);
  osai_report_page_show_result (self->report_page, TRUE);
}

/* Back from the result to the request that asked for it; the result stays
 * what Save and Export work on. */
void
_osai_window_show_request (OsaiWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  gboolean had_focus = focus != NULL
                       && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->report_page));

  if (!osai_report_page_get_showing_result (self->report_page))
    return;
  osai_report_page_show_result (self->report_page, FALSE);
  if (had_focus)
    gtk_widget_grab_focus (self->generate_button);
}

static void
update_title (OsaiWindow *self)
{
  g_autofree char *subtitle = NULL;
  const char *user = osai_account_get_user_name (self->account);
  gboolean demo = osai_account_get_is_demo (self->account);

  if (osai_account_get_state (self->account) != OSAI_ACCOUNT_STATE_SIGNED_IN)
    subtitle = g_strdup ("");
  else if (demo)
    subtitle = g_strdup (_("Demo Data"));
  else
    {
      g_autoptr(GUri) uri = g_uri_parse (osai_account_get_base_url (self->account),
                                         G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

      if (user != NULL && host != NULL)
        /* Translators: the signed-in user and the server, in the window's subtitle */
        subtitle = g_strdup_printf (_("%s on %s"), user, host);
      else
        subtitle = g_strdup (user != NULL ? user : host);
    }

  adw_view_switcher_title_set_subtitle (self->window_title, subtitle);
  /* Like the first page, the banner that comes with it does not slide in.
   * (A revealer of type "none" would keep the banner's room while hidden.) */
  gtk_revealer_set_transition_duration (self->demo_revealer, self->started ? 250 : 0);
  gtk_revealer_set_reveal_child (self->demo_revealer,
                                 demo && osai_account_get_state (self->account)
                                         == OSAI_ACCOUNT_STATE_SIGNED_IN);
}

void
_osai_window_notify_history (OsaiWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gboolean
_osai_window_job_running (OsaiWindow *self)
{
  return self->job != NULL && osai_report_job_is_running (self->job);
}

void
_osai_window_update_actions (OsaiWindow *self)
{
  OsaiAccountState state = osai_account_get_state (self->account);
  gboolean signed_in = state == OSAI_ACCOUNT_STATE_SIGNED_IN;
  gboolean busy = state == OSAI_ACCOUNT_STATE_BUSY;
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  gboolean running = _osai_window_job_running (self);
  gboolean downloading = self->download != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in",
                                 !busy && !signed_in && token != NULL && *token != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.demo", !busy && !signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 signed_in || g_strcmp0 (page, "blocked") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect",
                                 !busy && (g_strcmp0 (page, "blocked") == 0 || self->offline));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.generate",
                                 signed_in && !running && !downloading
                                 && self->validation_message == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", running || busy);
  /* While the report is being made, Cancel is the way back. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-to-request", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preset", signed_in && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-report",
                                 signed_in && !running && !downloading && self->report != NULL
                                 && (osai_report_get_path (self->report) != NULL
                                     || self->shown_entry != NULL)
                                 && _osai_window_history_can_save (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv",
                                 !running && !self->csv_busy && self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-download", downloading);
  _osai_window_history_update_actions (self);

  gtk_stack_set_visible_child_name (self->sign_in_stack, busy ? "spinner" : "label");
  gtk_widget_set_visible (self->sign_in_cancel_button, busy);
  gtk_widget_set_visible (self->demo_button, !busy);
  if (busy)
    gtk_spinner_start (self->sign_in_spinner);
  else
    gtk_spinner_stop (self->sign_in_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_row), !busy);
  /* Read-only rather than insensitive: an entry made insensitive while it
   * has the focus loses it without being told (GTK 4.8 then warns). */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row),
                             !busy && self->server_override == NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->token_row), !busy);
}

static gboolean
custom_server_in_use (OsaiWindow *self)
{
  return self->server_override == NULL && g_settings_get_enum (self->settings, "region") == 2;
}

/* Whether the server signed in to is on this computer (loopback). */
static gboolean
server_is_local (OsaiWindow *self)
{
  g_autofree char *base_url = osai_window_dup_base_url (self);
  g_autoptr(GUri) uri = base_url != NULL ? g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Plain http:// to another computer only for a custom server, and only once
 * the user allowed it in the preferences. */
gboolean
_osai_window_allow_insecure (OsaiWindow *self)
{
  return custom_server_in_use (self) &&
         g_settings_get_boolean (self->settings, "allow-insecure-custom-server");
}

/* @error as the sign-in and blocked pages tell it: an unencrypted custom
 * server refused points to the preference that allows it. */
char *
_osai_window_describe_account_error (OsaiWindow   *self,
                                     const GError *error)
{
  if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_INSECURE_URL) && custom_server_in_use (self))
    return g_strdup_printf ("%s %s", error->message,
                            _("Use an https:// address, or turn on “Allow Unencrypted "
                              "Connection” in Preferences if you trust the network."));

  /* A server on this computer is not a matter of the internet connection. */
  if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_NETWORK) && server_is_local (self))
    return g_strdup_printf ("%s %s", error->message,
                            _("Check that the server on this computer is running, and its "
                              "address and port."));

  return osai_error_describe (error);
}

/* Whether @error is about the server's address rather than the token. */
static gboolean
is_server_error (const GError *error)
{
  static const OsaiError codes[] = {
    OSAI_ERROR_NETWORK, OSAI_ERROR_TLS, OSAI_ERROR_INVALID_URL, OSAI_ERROR_INSECURE_URL,
    OSAI_ERROR_REDIRECTED, OSAI_ERROR_PROTOCOL, OSAI_ERROR_NOT_FOUND,
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (g_error_matches (error, OSAI_ERROR, codes[i]))
        return TRUE;
    }

  return FALSE;
}

void
_osai_window_set_sign_in_error (OsaiWindow   *self,
                                const GError *error)
{
  g_autofree char *text = error != NULL ? _osai_window_describe_account_error (self, error) : NULL;

  gboolean token = error != NULL && (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN)
                                     || g_error_matches (error, OSAI_ERROR,
                                                         OSAI_ERROR_NOT_AUTHORIZED));
  gboolean server = error != NULL && is_server_error (error)
                    && gtk_widget_get_visible (GTK_WIDGET (self->server_row));

  gtk_label_set_label (self->sign_in_error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_error_label), text != NULL);

  /* The field at fault is marked, and only that one: a server that cannot
   * be reached says nothing about the token. */
  if (token)
    gtk_widget_add_css_class (GTK_WIDGET (self->token_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->token_row), "error");
  if (server)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
update_server_row (OsaiWindow *self)
{
  gboolean custom = g_settings_get_enum (self->settings, "region") == 2;

  /* A server given with --server is the one used, whatever the region
   * setting says: show it, read-only, instead of the region. */
  if (self->server_override != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->region_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->server_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), self->server_override);
      gtk_editable_set_editable (GTK_EDITABLE (self->server_row), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->server_row), custom);
}

void
_osai_window_show_keyring_state (OsaiWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label),
                          osai_account_get_keyring_error (self->account) != NULL);
}

void
_osai_window_enter_report_page (OsaiWindow *self)
{
  /* Let go of the token entry before its page goes away (GTK 4.8 keeps
   * blinking a cursor in an entry that loses the focus by being hidden),
   * then hand the keyboard to the request's main button. */
  ensure_report_page (self);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  _osai_window_set_sign_in_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  self->offline = FALSE;
  _osai_window_set_page (self, "report");
  _osai_window_set_result_page (self, self->report != NULL ? "totals" : "none");
  _osai_window_validate_request (self);
  gtk_widget_grab_focus (self->generate_button);
  _osai_window_history_start (self);
  _osai_window_history_maybe_resume (self);
}

/* ---- Window ---------------------------------------------------------------------------------- */

static void
token_row_activated_cb (OsaiWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.sign-in", NULL);
}

static void
token_row_changed_cb (OsaiWindow *self)
{
  _osai_window_update_actions (self);
}

static void
account_state_cb (OsaiWindow *self)
{
  update_title (self);
  _osai_window_update_actions (self);
}

static gboolean
region_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "us") ? 1 : g_str_equal (nick, "custom") ? 2 : 0);
  return TRUE;
}

static GVariant *
region_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  static const char *nicks[] = { "eu", "us", "custom" };
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (selected, G_N_ELEMENTS (nicks) - 1)]);
}

/**
 * osai_window_bind_region:
 * @settings: the app's settings
 * @row: a combo row listing Europe, United States and Custom Server
 *
 * Binds the "region" key to @row's selection, in the window and in the
 * preferences alike.
 */
void
osai_window_bind_region (GSettings   *settings,
                         AdwComboRow *row)
{
  g_settings_bind_with_mapping (settings, "region", row, "selected", G_SETTINGS_BIND_DEFAULT,
                                region_get_mapping, region_set_mapping, NULL, NULL);
}

static void
settings_changed_cb (OsaiWindow *self,
                     const char *key)
{
  if (g_str_equal (key, "region"))
    update_server_row (self);
  else if (g_str_has_prefix (key, "include-") || g_str_has_prefix (key, "period-"))
    _osai_window_validate_request (self);
}

/* Everything this window has under way ends with it: the callbacks hold a
 * reference to the window, so waiting for dispose would keep a closed
 * window (and its network requests) alive until they end by themselves. */
static void
stop_everything (OsaiWindow *self)
{
  /* The history first: a report still being generated stays in it as
   * pending, for the next start to wait for, rather than being dropped as
   * a cancelled one. */
  _osai_window_history_stop (self);
  _osai_window_cancel_work (self);
  _osai_window_cancel_and_clear (&self->account_cancellable);
  g_clear_handle_id (&self->start_source, g_source_remove);
}

static gboolean
osai_window_close_request (GtkWindow *window)
{
  OsaiWindow *self = OSAI_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  stop_everything (self);

  return GTK_WINDOW_CLASS (osai_window_parent_class)->close_request (window);
}

static gboolean
start_cb (gpointer user_data)
{
  OsaiWindow *self = user_data;

  self->start_source = 0;
  ensure_report_page (self);
  if (self->demo_requested)
    _osai_window_start_demo (self);
  else
    _osai_window_connect_account (self);

  return G_SOURCE_REMOVE;
}

/* A menu button's popover is made the first time it opens: a window that
 * starts sooner is worth more than a menu that is there before it is asked
 * for. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  OsaiWindow *self = user_data;

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
create_presets_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  OsaiWindow *self = user_data;

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, self->presets_menu);
}

/* The report page is most of the window's widgets: it is built once the
 * window is on screen, before anything can show it. */
static void
ensure_report_page (OsaiWindow *self)
{
  OsaiReportPage *page;
  struct {
    const char *key;
    const char *id;
  } switches[] = {
    { "include-datasets", "datasets_switch" },
    { "include-manipulations", "manipulations_switch" },
    { "include-models", "models_switch" },
    { "include-rented-devices", "devices_switch" },
    { "include-predictions", "predictions_switch" },
  };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate day;

  if (self->report_page != NULL)
    return;

  page = self->report_page = OSAI_REPORT_PAGE (osai_report_page_new ());
  adw_bin_set_child (self->report_bin, GTK_WIDGET (page));

#define TAKE(field) self->field = osai_report_page_get_child (page, #field)
  TAKE (back_button);
  TAKE (waiting_period_label);
  TAKE (totals_scroller);
  TAKE (presets_button);
  TAKE (from_row);
  TAKE (to_row);
  TAKE (validation_label);
  TAKE (generate_button);
  TAKE (result_stack);
  TAKE (waiting_spinner);
  TAKE (elapsed_label);
  TAKE (cancel_button);
  TAKE (failed_page);
  TAKE (sign_in_again_button);
  TAKE (totals_view);
  TAKE (download_revealer);
  TAKE (download_label);
  TAKE (download_progress);
  TAKE (stop_download_button);
  TAKE (save_button);
#undef TAKE

  gtk_menu_button_set_create_popup_func (self->presets_button, create_presets_menu_cb, self,
                                         NULL);

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_settings_bind (self->settings, switches[i].key,
                     osai_report_page_get_child (page, switches[i].id), "active",
                     G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "period-from", self->from_row, "date", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "period-to", self->to_row, "date", G_SETTINGS_BIND_DEFAULT);

  /* A first start (or a date GSettings cannot have come from us) gets
   * this month so far. */
  from = g_settings_get_string (self->settings, "period-from");
  to = g_settings_get_string (self->settings, "period-to");
  g_date_clear (&day, 1);
  if (!osai_period_parse_day (from, &day) || !osai_period_parse_day (to, &day))
    _osai_window_apply_preset (self, OSAI_PERIOD_THIS_MONTH);

  _osai_window_validate_request (self);
}

static void
osai_window_constructed (GObject *object)
{
  OsaiWindow *self = OSAI_WINDOW (object);

  G_OBJECT_CLASS (osai_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  osai_window_bind_region (self->settings, self->region_row);
  /* --server is for this run only: never written to the setting. */
  if (self->server_override == NULL)
    g_settings_bind (self->settings, "custom-server-url", self->server_row, "text",
                     G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::state", G_CALLBACK (account_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::user-name", G_CALLBACK (account_state_cb),
                           self, G_CONNECT_SWAPPED);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  update_server_row (self);
  update_title (self);
  _osai_window_update_actions (self);

  /* Show the window first: the keyring, the network and the demo
   * simulator start once it is on screen. */
  self->start_source = g_idle_add_full (G_PRIORITY_LOW, start_cb, self, NULL);
}

/* gtk_window_destroy() unrealizes the window before it drops its reference. */
static void
osai_window_unrealize (GtkWidget *widget)
{
  stop_everything (OSAI_WINDOW (widget));

  GTK_WIDGET_CLASS (osai_window_parent_class)->unrealize (widget);
}

static void
osai_window_dispose (GObject *object)
{
  OsaiWindow *self = OSAI_WINDOW (object);

  stop_everything (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OSAI_TYPE_WINDOW);

  g_clear_object (&self->job);
  g_clear_object (&self->download);
  g_clear_object (&self->report);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (osai_window_parent_class)->dispose (object);
}

static void
osai_window_finalize (GObject *object)
{
  OsaiWindow *self = OSAI_WINDOW (object);

  g_free (self->server_override);
  g_free (self->last_toast);
  g_free (self->validation_message);

  G_OBJECT_CLASS (osai_window_parent_class)->finalize (object);
}

static void
osai_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OsaiWindow *self = OSAI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OsaiWindow *self = OSAI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      self->demo_requested = g_value_get_boolean (value);
      break;
    case PROP_SERVER:
      self->server_override = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_window_class_init (OsaiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = osai_window_constructed;
  object_class->dispose = osai_window_dispose;
  object_class->finalize = osai_window_finalize;
  object_class->set_property = osai_window_set_property;
  object_class->get_property = osai_window_get_property;
  window_class->close_request = osai_window_close_request;
  widget_class->unrealize = osai_window_unrealize;

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, OSAI_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/osaireports/OsaiReports/osai-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, presets_menu);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, report_bin);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, history_bin);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, compare_bin);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, offline_history_button);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, sign_in_error_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, sign_in_stack);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, sign_in_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, OsaiWindow, blocked_page);
  gtk_widget_class_bind_template_callback (widget_class, token_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_row_changed_cb);

  _osai_window_install_actions (widget_class);

}

static void
osai_window_init (OsaiWindow *self)
{
  self->settings = g_settings_new (BASE_APP_ID);
  self->account = osai_account_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  osai_compat_entry_row_name_buttons (ADW_ENTRY_ROW (self->token_row));

  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb,
                                         self, NULL);
}

OsaiWindow *
osai_window_new (OsaiApplication *application,
                 gboolean         demo,
                 const char      *server)
{
  return g_object_new (OSAI_TYPE_WINDOW,
                       "application", application,
                       "demo", demo,
                       "server", server,
                       NULL);
}

OsaiAccount *
osai_window_get_account (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  return self->account;
}

OsaiReport *
osai_window_get_report (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  return self->report;
}

OsaiReportJob *
osai_window_get_job (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  return self->job;
}

/**
 * osai_window_get_report_page:
 * @self: an #OsaiWindow
 *
 * Returns: (transfer none) (nullable): the report page, %NULL until the
 *   window has started (it is built after the window is shown)
 */
OsaiReportPage *
osai_window_get_report_page (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  return self->report_page;
}

GtkWidget *
osai_window_get_totals_view (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->totals_view);
}

const char *
osai_window_get_page (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
osai_window_get_result_page (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  if (self->result_stack == NULL)
    return NULL;
  return gtk_stack_get_visible_child_name (self->result_stack);
}

const char *
osai_window_get_sign_in_error (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->sign_in_error_label)))
    return NULL;
  return gtk_label_get_label (self->sign_in_error_label);
}

const char *
osai_window_get_last_toast (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);
  return self->last_toast;
}

gboolean
osai_window_get_busy (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), FALSE);
  return _osai_window_job_running (self) || self->download != NULL || self->csv_busy
         || osai_account_get_state (self->account) == OSAI_ACCOUNT_STATE_BUSY;
}

OsaiHistory *
osai_window_get_history (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);

  return self->history;
}

const char *
osai_window_get_view (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
osai_window_get_history_page (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);

  return self->history_page;
}

GtkWidget *
osai_window_get_compare_page (OsaiWindow *self)
{
  g_return_val_if_fail (OSAI_IS_WINDOW (self), NULL);

  return self->compare_page;
}
