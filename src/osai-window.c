/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-window.c — the main window: connect, request, wait, totals, save
 *
 * A view over the core: it binds the request widgets to GSettings, hands
 * the request to an OsaiReportJob, shows the job's state, puts the report's
 * totals in an OsaiTotalsView and saves through OsaiDownload.  It holds no
 * network or parsing code of its own.
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

struct _OsaiWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  OsaiAccount          *account;
  char                 *server_override;
  gboolean              demo_requested;

  GCancellable         *account_cancellable;
  OsaiReportJob        *job;
  GCancellable         *job_cancellable;
  guint                 elapsed_source;
  guint                 start_source;
  OsaiReport           *report;
  OsaiDownload         *download;
  GCancellable         *download_cancellable;
  GCancellable         *file_cancellable;
  gboolean              csv_busy;
  char                 *last_toast;
  char                 *validation_message;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *presets_button;
  GMenuModel           *primary_menu;
  GMenuModel           *presets_menu;
  GtkRevealer          *demo_revealer;
  GtkStack             *main_stack;
  AdwBin               *report_bin;
  OsaiReportPage       *report_page;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  AdwComboRow          *region_row;
  AdwEntryRow          *server_row;
  AdwPasswordEntryRow  *token_row;
  GtkLabel             *sign_in_error_label;
  GtkLabel             *keyring_label;
  GtkStack             *sign_in_stack;
  GtkWidget            *sign_in_cancel_button;
  GtkWidget            *demo_button;
  GtkSpinner           *sign_in_spinner;
  AdwStatusPage        *blocked_page;
  OsaiDateRow          *from_row;
  OsaiDateRow          *to_row;
  GtkLabel             *validation_label;
  GtkStack             *result_stack;
  GtkSpinner           *waiting_spinner;
  GtkLabel             *elapsed_label;
  GtkWidget            *cancel_button;
  GtkWidget            *generate_button;
  GtkWidget            *save_button;
  GtkWidget            *stop_download_button;
  AdwStatusPage        *failed_page;
  GtkWidget            *sign_in_again_button;
  OsaiTotalsView       *totals_view;
  GtkRevealer          *download_revealer;
  GtkLabel             *download_label;
  GtkProgressBar       *download_progress;
};

G_DEFINE_FINAL_TYPE (OsaiWindow, osai_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DEMO,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (OsaiWindow *self);
static void ensure_report_page (OsaiWindow *self);
static void connect_account (OsaiWindow *self);

/* ---- Small helpers --------------------------------------------------------------------------- */

static void
show_toast (OsaiWindow *self,
            const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_toast (OsaiWindow   *self,
                  const char   *what,
                  const GError *error)
{
  g_autofree char *detail = osai_error_describe (error);
  /* Translators: what went wrong, then why and what to do, in a toast */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), what, detail);

  show_toast (self, text);
}

static void
replace_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
cancel_and_clear (GCancellable **cancellable)
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

static OsaiReportRequest *
make_request (OsaiWindow  *self,
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

static void
apply_preset (OsaiWindow       *self,
              OsaiPeriodPreset  preset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  osai_period_preset (preset, now, &first, &last);
  set_day_pair (self, &first, &last);
}

static void
validate_request (OsaiWindow *self)
{
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  if (self->report_page == NULL)
    return;

  g_clear_pointer (&self->validation_message, g_free);

  request = make_request (self, &error);
  if (request == NULL)
    self->validation_message = g_strdup (error->message);

  gtk_label_set_label (self->validation_label,
                       self->validation_message != NULL ? self->validation_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), self->validation_message != NULL);

  update_actions (self);
}

static void
set_page (OsaiWindow *self,
          const char *name)
{
  gboolean loading = g_strcmp0 (name, "loading") == 0;

  gtk_stack_set_visible_child_name (self->main_stack, name);
  if (loading)
    gtk_spinner_start (self->loading_spinner);
  else
    gtk_spinner_stop (self->loading_spinner);
}

static void
set_result_page (OsaiWindow *self,
                 const char *name)
{
  gboolean waiting = g_strcmp0 (name, "waiting") == 0;

  gtk_stack_set_visible_child_name (self->result_stack, name);
  if (waiting)
    gtk_spinner_start (self->waiting_spinner);
  else
    gtk_spinner_stop (self->waiting_spinner);
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

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_revealer_set_reveal_child (self->demo_revealer,
                                 demo && osai_account_get_state (self->account)
                                         == OSAI_ACCOUNT_STATE_SIGNED_IN);
}

static gboolean
job_running (OsaiWindow *self)
{
  return self->job != NULL && osai_report_job_is_running (self->job);
}

static void
update_actions (OsaiWindow *self)
{
  OsaiAccountState state = osai_account_get_state (self->account);
  gboolean signed_in = state == OSAI_ACCOUNT_STATE_SIGNED_IN;
  gboolean busy = state == OSAI_ACCOUNT_STATE_BUSY;
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  gboolean running = job_running (self);
  gboolean downloading = self->download != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in",
                                 !busy && !signed_in && token != NULL && *token != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.demo", !busy && !signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 signed_in || g_strcmp0 (page, "blocked") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect",
                                 !busy && g_strcmp0 (page, "blocked") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.generate",
                                 signed_in && !running && !downloading
                                 && self->validation_message == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", running || busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preset", signed_in && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-report",
                                 signed_in && !running && !downloading && self->report != NULL
                                 && osai_report_get_path (self->report) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv",
                                 !running && !self->csv_busy && self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-download", downloading);

  gtk_stack_set_visible_child_name (self->sign_in_stack, busy ? "spinner" : "label");
  gtk_widget_set_visible (self->sign_in_cancel_button, busy);
  gtk_widget_set_visible (self->demo_button, !busy);
  if (busy)
    gtk_spinner_start (self->sign_in_spinner);
  else
    gtk_spinner_stop (self->sign_in_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_row), !busy && self->server_override == NULL);
  /* Read-only rather than insensitive: an entry made insensitive while it
   * has the focus loses it without being told (GTK 4.8 then warns). */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->token_row), !busy);
}

static void
set_sign_in_error (OsaiWindow   *self,
                   const GError *error)
{
  g_autofree char *text = error != NULL ? osai_error_describe (error) : NULL;

  gtk_label_set_label (self->sign_in_error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_error_label), text != NULL);
  if (text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->token_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->token_row), "error");
}

static void
update_server_row (OsaiWindow *self)
{
  gboolean custom = g_settings_get_enum (self->settings, "region") == 2;

  gtk_widget_set_visible (GTK_WIDGET (self->server_row),
                          custom && self->server_override == NULL);
}

static void
show_keyring_state (OsaiWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label),
                          osai_account_get_keyring_error (self->account) != NULL);
}

static void
enter_report_page (OsaiWindow *self)
{
  /* Let go of the token entry before its page goes away (GTK 4.8 keeps
   * blinking a cursor in an entry that loses the focus by being hidden),
   * then hand the keyboard to the request's main button. */
  ensure_report_page (self);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  set_sign_in_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  set_page (self, "report");
  set_result_page (self, self->report != NULL ? "totals" : "none");
  validate_request (self);
  gtk_widget_grab_focus (self->generate_button);
}

/* ---- Signing in ------------------------------------------------------------------------------ */

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (osai_account_restore_finish (OSAI_ACCOUNT (object), result, &error))
    {
      enter_report_page (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_keyring_state (self);

  if (error == NULL)
    {
      set_page (self, "connect");
    }
  else if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN)
           || g_error_matches (error, OSAI_ERROR, OSAI_ERROR_NOT_AUTHORIZED))
    {
      /* The saved token stopped working: ask for a new one. */
      set_sign_in_error (self, error);
      set_page (self, "connect");
    }
  else
    {
      g_autofree char *text = osai_error_describe (error);

      adw_status_page_set_description (self->blocked_page, text);
      set_page (self, "blocked");
    }

  update_actions (self);
}

static void
connect_account (OsaiWindow *self)
{
  g_autofree char *base_url = osai_window_dup_base_url (self);

  replace_cancellable (&self->account_cancellable);
  gtk_label_set_label (self->loading_label, _("Signing in…"));
  set_page (self, "loading");
  osai_account_restore_async (self->account, base_url, FALSE, self->account_cancellable,
                              restore_cb, g_object_ref (self));
  update_actions (self);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_account_sign_in_finish (OSAI_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_sign_in_error (self, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
        }
      update_actions (self);
      return;
    }

  enter_report_page (self);
  if (!osai_account_get_token_saved (self->account))
    show_toast (self, _("Signed in, but the keyring could not keep the token: "
                        "you will need to sign in again next time"));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  g_autofree char *base_url = osai_window_dup_base_url (self);
  g_autofree char *token = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));

  g_strstrip (token);
  if (*token == '\0')
    return;

  set_sign_in_error (self, NULL);
  replace_cancellable (&self->account_cancellable);
  osai_account_sign_in_async (self->account, base_url, FALSE, token, self->account_cancellable,
                              sign_in_cb, g_object_ref (self));
  update_actions (self);
}

static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_account_start_demo_finish (OSAI_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error_toast (self, _("The demo could not start"), error);
          set_page (self, "connect");
        }
      update_actions (self);
      return;
    }

  enter_report_page (self);
}

static void
start_demo (OsaiWindow *self)
{
  replace_cancellable (&self->account_cancellable);
  gtk_label_set_label (self->loading_label, _("Starting the demo…"));
  set_page (self, "loading");
  osai_account_start_demo_async (self->account, self->account_cancellable, demo_cb,
                                 g_object_ref (self));
  update_actions (self);
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start_demo (OSAI_WINDOW (widget));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  connect_account (OSAI_WINDOW (widget));
}

static void
cancel_work (OsaiWindow *self)
{
  if (self->job != NULL)
    osai_report_job_cancel (self->job);
  cancel_and_clear (&self->job_cancellable);
  cancel_and_clear (&self->download_cancellable);
  cancel_and_clear (&self->file_cancellable);
  g_clear_handle_id (&self->elapsed_source, g_source_remove);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_account_sign_out_finish (OSAI_ACCOUNT (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error_toast (self, _("Signed out, but the token could not be removed from the keyring"),
                      error);

  update_actions (self);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  gboolean demo = osai_account_get_is_demo (self->account);

  cancel_work (self);
  g_clear_object (&self->job);
  g_clear_object (&self->report);
  if (self->totals_view != NULL)
    osai_totals_view_set_report (self->totals_view, NULL);

  /* Not cancellable: closing the window right after signing out must not
   * leave the token in the keyring. */
  cancel_and_clear (&self->account_cancellable);
  osai_account_sign_out_async (self->account, NULL, sign_out_cb, g_object_ref (self));

  self->demo_requested = FALSE;
  set_sign_in_error (self, NULL);
  set_page (self, "connect");
  if (self->result_stack != NULL)
    set_result_page (self, "none");
  if (osai_account_get_state (self->account) == OSAI_ACCOUNT_STATE_SIGNED_OUT && !demo)
    show_toast (self, _("Signed out. The access token was removed from this computer."));
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
}

/* ---- Generating ------------------------------------------------------------------------------ */

static void
update_elapsed (OsaiWindow *self)
{
  guint seconds = self->job != NULL ? (guint) osai_report_job_get_elapsed (self->job) : 0;
  g_autofree char *text = NULL;

  /* Translators: minutes and seconds spent waiting for a report */
  text = g_strdup_printf (_("Waiting for %u:%02u"), seconds / 60, seconds % 60);
  gtk_label_set_label (self->elapsed_label, text);
}

static gboolean
elapsed_tick_cb (gpointer user_data)
{
  update_elapsed (OSAI_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
notify_if_away (OsaiWindow *self,
                const char *title,
                const char *body)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;

  /* Only a wait long enough to have turned to something else, and only
   * when the window is not in front. */
  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)) || self->job == NULL
      || osai_report_job_get_elapsed (self->job)
         < g_settings_get_uint (self->settings, "notify-after"))
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_application_send_notification (app, "report", notification);
}

static void
show_failure (OsaiWindow   *self,
              const GError *error)
{
  g_autofree char *text = osai_error_describe (error);
  const char *title = _("No Report");
  gboolean auth = FALSE;

  if (error->domain == OSAI_ERROR)
    switch ((OsaiError) error->code)
      {
      case OSAI_ERROR_REPORT_FAILED:
        title = _("The Report Failed");
        break;
      case OSAI_ERROR_TIMED_OUT:
        title = _("The Report Took Too Long");
        break;
      case OSAI_ERROR_NETWORK:
        title = _("No Connection");
        break;
      case OSAI_ERROR_INVALID_TOKEN:
      case OSAI_ERROR_NOT_AUTHORIZED:
        title = _("Signed Out by OSAI");
        auth = TRUE;
        break;
      case OSAI_ERROR_RATE_LIMITED:
      case OSAI_ERROR_SERVER:
        title = _("OSAI Is Busy");
        break;
      case OSAI_ERROR_FAILED:
      case OSAI_ERROR_INVALID_INPUT:
      case OSAI_ERROR_INSECURE_URL:
      case OSAI_ERROR_INVALID_URL:
      case OSAI_ERROR_TLS:
      case OSAI_ERROR_BAD_REQUEST:
      case OSAI_ERROR_NOT_FOUND:
      case OSAI_ERROR_REDIRECTED:
      case OSAI_ERROR_PROTOCOL:
      case OSAI_ERROR_UNKNOWN_STATUS:
      case OSAI_ERROR_NO_DETAILED_REPORT:
      case OSAI_ERROR_LINK_EXPIRED:
      case OSAI_ERROR_STORAGE:
      case OSAI_ERROR_TRUNCATED:
      case OSAI_ERROR_WRITE:
      default:
        break;
      }

  adw_status_page_set_title (self->failed_page, title);
  adw_status_page_set_description (self->failed_page, text);
  gtk_widget_set_visible (self->sign_in_again_button, auth);
  set_result_page (self, "failed");
}

static void
job_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  OsaiReportJob *job = OSAI_REPORT_JOB (object);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = osai_report_job_run_finish (job, result, &error);

  /* A job replaced or dropped in the meantime has nothing left to show. */
  if (job != self->job)
    return;

  g_clear_handle_id (&self->elapsed_source, g_source_remove);

  if (report != NULL)
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
      gboolean follow = focus == NULL || focus == self->cancel_button;

      g_set_object (&self->report, report);
      osai_totals_view_set_report (self->totals_view, report);
      set_result_page (self, "totals");
      update_actions (self);
      if (follow)
        gtk_widget_grab_focus (self->save_button);
      notify_if_away (self, _("Your OSAI report is ready"),
                      _("The totals are in OSAI Reports, ready to be saved."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_result_page (self, self->report != NULL ? "totals" : "none");
      show_toast (self, _("Report cancelled"));
    }
  else
    {
      show_failure (self, error);
      notify_if_away (self, _("Your OSAI report could not be made"), error->message);
    }

  update_actions (self);
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  OsaiClient *client = osai_account_get_client (self->account);

  if (client == NULL || job_running (self))
    return;

  request = make_request (self, &error);
  if (request == NULL)
    {
      validate_request (self);
      return;
    }

  g_clear_object (&self->job);
  self->job = osai_report_job_new (client, request);
  osai_report_job_set_deadline (self->job, g_settings_get_uint (self->settings, "poll-deadline") * 60);

  replace_cancellable (&self->job_cancellable);
  osai_report_job_run_async (self->job, self->job_cancellable, job_cb, g_object_ref (self));

  update_elapsed (self);
  g_clear_handle_id (&self->elapsed_source, g_source_remove);
  self->elapsed_source = g_timeout_add_seconds (1, elapsed_tick_cb, self);
  set_result_page (self, "waiting");
  update_actions (self);
  /* Keyboard focus follows the work: Cancel now (which also scrolls the
   * wait into view), the totals' Save button when they arrive. */
  gtk_widget_grab_focus (self->cancel_button);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);

  if (job_running (self))
    {
      osai_report_job_cancel (self->job);
      return;
    }

  /* Signing in, restoring or starting the demo: stop and ask again. */
  if (osai_account_get_state (self->account) == OSAI_ACCOUNT_STATE_BUSY)
    {
      cancel_and_clear (&self->account_cancellable);
      self->demo_requested = FALSE;
      set_page (self, "connect");
      update_actions (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
    }
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const struct {
    const char       *nick;
    OsaiPeriodPreset  preset;
  } presets[] = {
    { "this-month", OSAI_PERIOD_THIS_MONTH },
    { "last-month", OSAI_PERIOD_LAST_MONTH },
    { "last-30-days", OSAI_PERIOD_LAST_30_DAYS },
    { "this-year", OSAI_PERIOD_THIS_YEAR },
    { "last-year", OSAI_PERIOD_LAST_YEAR },
  };
  const char *nick = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (nick, presets[i].nick))
      apply_preset (OSAI_WINDOW (widget), presets[i].preset);
}

/* ---- Saving ---------------------------------------------------------------------------------- */

static char *
day_of (GDateTime *time,
        gboolean   exclusive_end)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autoptr(GDateTime) day = NULL;

  /* An end at midnight belongs to the day before it. */
  if (exclusive_end && g_date_time_get_hour (utc) == 0 && g_date_time_get_minute (utc) == 0
      && g_date_time_get_second (utc) == 0)
    day = g_date_time_add_days (utc, -1);
  else
    day = g_date_time_ref (utc);

  return g_date_time_format (day, "%Y-%m-%d");
}

static char *
suggested_name (OsaiReport *report,
                const char *prefix,
                const char *extension)
{
  g_autofree char *from = day_of (osai_report_get_period_from (report), FALSE);
  g_autofree char *to = day_of (osai_report_get_period_to (report), TRUE);

  return g_strdup_printf ("%s-%s-%s-%" G_GINT64_FORMAT ".%s", prefix, from, to,
                          osai_report_get_id (report), extension);
}

static GFile *
initial_folder (OsaiWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-folder");
  const char *downloads;

  /* Not checked here (that would block on a slow or gone mount): a save
   * dialog given a folder that no longer exists opens at its default. */
  if (last != NULL && *last != '\0')
    return g_file_new_for_path (last);

  downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  if (downloads != NULL)
    return g_file_new_for_path (downloads);

  return g_file_new_for_path (g_get_home_dir ());
}

static void
remember_folder (OsaiWindow *self,
                 GFile      *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;

  if (path != NULL)
    g_settings_set_string (self->settings, "last-folder", path);
}

static void
saved_toast (OsaiWindow *self,
             GFile      *file,
             gboolean    csv)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = csv ? g_strdup_printf (_("Exported “%s”"), name)
                              : g_strdup_printf (_("Saved “%s”"), name);
  AdwToast *toast = adw_toast_new (text);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  adw_toast_set_action_name (toast, "win.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_download_progress (OsaiWindow *self)
{
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  gint64 bytes_total;

  if (self->download == NULL)
    return;

  bytes_total = osai_download_get_bytes_total (self->download);
  done = g_format_size (osai_download_get_bytes_done (self->download));
  if (bytes_total > 0)
    {
      total = g_format_size (bytes_total);
      /* Translators: bytes saved so far of the whole, "1.2 MB of 3.4 MB" */
      text = g_strdup_printf (_("Saving the detailed report… %s of %s"), done, total);
      gtk_progress_bar_set_fraction (self->download_progress,
                                     osai_download_get_fraction (self->download));
    }
  else
    {
      text = g_strdup_printf (_("Saving the detailed report… %s"), done);
      gtk_progress_bar_pulse (self->download_progress);
    }

  gtk_label_set_label (self->download_label, text);
}

static void
download_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  OsaiDownload *download = OSAI_DOWNLOAD (object);
  g_autoptr(GError) error = NULL;

  if (download != self->download)
    {
      osai_download_run_finish (download, result, NULL);
      return;
    }

  if (osai_download_run_finish (download, result, &error))
    {
      saved_toast (self, osai_download_get_destination (download), FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_toast (self, _("Saving stopped. Nothing was written."));
    }
  else
    {
      show_error_toast (self, _("The detailed report was not saved"), error);
    }

  /* The link may have been refreshed on the way: keep the newest copy of
   * the same report. */
  if (osai_download_get_report (download) != NULL && self->report != NULL
      && osai_report_get_id (osai_download_get_report (download))
         == osai_report_get_id (self->report))
    g_set_object (&self->report, osai_download_get_report (download));

  g_signal_handlers_disconnect_by_data (download, self);
  g_clear_object (&self->download);
  g_clear_object (&self->download_cancellable);
  gtk_revealer_set_reveal_child (self->download_revealer, FALSE);
  update_actions (self);
  if (gtk_widget_has_focus (self->stop_download_button))
    gtk_widget_grab_focus (self->save_button);
}

void
osai_window_save_report_to (OsaiWindow *self,
                            GFile      *file)
{
  OsaiClient *client;

  g_return_if_fail (OSAI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  client = osai_account_get_client (self->account);
  if (client == NULL || self->report == NULL || self->download != NULL)
    return;

  remember_folder (self, file);

  self->download = osai_download_new (client, self->report, file);
  g_signal_connect_object (self->download, "notify::bytes-done",
                           G_CALLBACK (update_download_progress), self, G_CONNECT_SWAPPED);
  replace_cancellable (&self->download_cancellable);

  gtk_progress_bar_set_fraction (self->download_progress, 0.0);
  update_download_progress (self);
  gtk_revealer_set_reveal_child (self->download_revealer, TRUE);

  osai_download_run_async (self->download, self->download_cancellable, download_cb,
                           g_object_ref (self));
  update_actions (self);

  /* Save turns insensitive: give the keyboard the button that stops it. */
  gtk_widget_grab_focus (self->stop_download_button);
}

static void
cancel_download_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);

  if (self->download_cancellable != NULL)
    g_cancellable_cancel (self->download_cancellable);
}

static void
csv_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->csv_busy = FALSE;
  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    saved_toast (self, G_FILE (object), TRUE);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error_toast (self, _("The totals were not exported"), error);

  update_actions (self);
}

void
osai_window_export_csv_to (OsaiWindow *self,
                           GFile      *file)
{
  g_autoptr(OsaiUsageModel) model = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (OSAI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->report == NULL || self->csv_busy)
    return;

  remember_folder (self, file);

  model = osai_usage_model_new (self->report);
  csv = osai_usage_model_to_csv (model);
  bytes = g_bytes_new_take (csv, strlen (csv));

  self->csv_busy = TRUE;
  replace_cancellable (&self->file_cancellable);
  /* Through a temporary file renamed into place: an existing file is
   * never left half-written. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->file_cancellable, csv_written_cb,
                                       g_object_ref (self));
  update_actions (self);
}

/* The two save dialogs: the detailed report and the totals as CSV. */
typedef enum
{
  SAVE_REPORT,
  SAVE_CSV,
} SaveKind;

typedef struct
{
  OsaiWindow *self;
  SaveKind    kind;
} SaveDialog;

static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveDialog *dialog = user_data;
  g_autoptr(OsaiWindow) self = dialog->self;
  SaveKind kind = dialog->kind;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = osai_compat_save_file_finish (result, &error);

  g_free (dialog);

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_toast (self, _("The save dialog failed"), error);
      return;
    }

  if (kind == SAVE_CSV)
    osai_window_export_csv_to (self, file);
  else
    osai_window_save_report_to (self, file);
}

static void
open_save_dialog (OsaiWindow *self,
                  SaveKind    kind)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  SaveDialog *dialog;

  if (self->report == NULL)
    return;

  folder = initial_folder (self);
  if (kind == SAVE_CSV)
    name = suggested_name (self->report, "osai-totals", "csv");
  else
    name = suggested_name (self->report, "osai-report", "json");

  dialog = g_new0 (SaveDialog, 1);
  dialog->self = g_object_ref (self);
  dialog->kind = kind;
  osai_compat_save_file_async (GTK_WINDOW (self),
                               kind == SAVE_CSV ? _("Export Totals as CSV")
                                                : _("Save Detailed Report"),
                               folder, name, NULL, save_dialog_cb, dialog);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_save_dialog (OSAI_WINDOW (widget), SAVE_REPORT);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_save_dialog (OSAI_WINDOW (widget), SAVE_CSV);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  osai_compat_open_containing_folder (GTK_WINDOW (widget), file);
}

/* ---- Help ------------------------------------------------------------------------------------ */

static void
help_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    show_toast (self, _("The help could not be opened. Is a help viewer such as Yelp installed?"));
}

void
osai_window_show_help (OsaiWindow *self,
                       const char *page)
{
  g_autofree char *uri = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;

  g_return_if_fail (OSAI_IS_WINDOW (self));

  uri = page != NULL ? g_strdup_printf ("help:%s/%s", PACKAGE_NAME, page)
                     : g_strdup_printf ("help:%s", PACKAGE_NAME);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
    gtk_widget_get_display (GTK_WIDGET (self))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, help_cb, g_object_ref (self));
}

static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *overlay;

  /* Built when asked for, not with every window. */
  builder = gtk_builder_new_from_resource ("/io/github/osaireports/OsaiReports/osai-help-overlay.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
help_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  osai_window_show_help (OSAI_WINDOW (widget), g_variant_get_string (parameter, NULL));
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
  update_actions (self);
}

static void
account_state_cb (OsaiWindow *self)
{
  update_title (self);
  update_actions (self);
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
    validate_request (self);
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

  cancel_work (self);

  return GTK_WINDOW_CLASS (osai_window_parent_class)->close_request (window);
}

static gboolean
start_cb (gpointer user_data)
{
  OsaiWindow *self = user_data;

  self->start_source = 0;
  ensure_report_page (self);
  if (self->demo_requested)
    start_demo (self);
  else
    connect_account (self);

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
    apply_preset (self, OSAI_PERIOD_THIS_MONTH);

  validate_request (self);
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
  update_actions (self);

  /* Show the window first: the keyring, the network and the demo
   * simulator start once it is on screen. */
  self->start_source = g_idle_add_full (G_PRIORITY_LOW, start_cb, self, NULL);
}

static void
osai_window_dispose (GObject *object)
{
  OsaiWindow *self = OSAI_WINDOW (object);

  cancel_work (self);
  cancel_and_clear (&self->account_cancellable);
  g_clear_handle_id (&self->start_source, g_source_remove);

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
  window_class->close_request = osai_window_close_request;

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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

  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "win.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-download", NULL,
                                   cancel_download_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.help-page", "s", help_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
}

static void
osai_window_init (OsaiWindow *self)
{
  self->settings = g_settings_new (BASE_APP_ID);
  self->account = osai_account_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

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
  return job_running (self) || self->download != NULL || self->csv_busy
         || osai_account_get_state (self->account) == OSAI_ACCOUNT_STATE_BUSY;
}
