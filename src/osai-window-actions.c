/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-window-actions.c — what the window's actions do: sign in, generate, save, help
 *
 * The other half of OsaiWindow (osai-window.c builds and shows it); both
 * share osai-window-private.h.
 */

#define G_LOG_DOMAIN "osai-window"

#include "config.h"

#include <glib/gi18n.h>

#include "osai-compat.h"
#include "osai-date-row.h"
#include "osai-download.h"
#include "osai-error.h"
#include "osai-period.h"
#include "osai-totals-view.h"
#include "osai-usage-model.h"
#include "osai-window.h"
#include "osai-safe-file.h"
#include "osai-window-private.h"

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
      _osai_window_enter_report_page (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _osai_window_show_keyring_state (self);

  if (error == NULL)
    {
      _osai_window_set_page (self, "connect");
    }
  else if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_INVALID_TOKEN)
           || g_error_matches (error, OSAI_ERROR, OSAI_ERROR_NOT_AUTHORIZED))
    {
      /* The saved token stopped working: ask for a new one. */
      _osai_window_set_sign_in_error (self, error);
      _osai_window_set_page (self, "connect");
    }
  else
    {
      g_autofree char *text = _osai_window_describe_account_error (self, error);

      adw_status_page_set_description (self->blocked_page, text);
      _osai_window_set_page (self, "blocked");
    }

  _osai_window_update_actions (self);
}

void
_osai_window_connect_account (OsaiWindow *self)
{
  g_autofree char *base_url = osai_window_dup_base_url (self);

  _osai_window_replace_cancellable (&self->account_cancellable);
  gtk_label_set_label (self->loading_label, _("Signing in…"));
  _osai_window_set_page (self, "loading");
  osai_account_restore_async (self->account, base_url, _osai_window_allow_insecure (self),
                              self->account_cancellable,
                              restore_cb, g_object_ref (self));
  _osai_window_update_actions (self);
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
          _osai_window_set_sign_in_error (self, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
        }
      _osai_window_update_actions (self);
      return;
    }

  _osai_window_enter_report_page (self);
  if (!osai_account_get_token_saved (self->account))
    _osai_window_show_toast (self, _("Signed in, but the keyring could not keep the token: "
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

  _osai_window_set_sign_in_error (self, NULL);
  _osai_window_replace_cancellable (&self->account_cancellable);
  osai_account_sign_in_async (self->account, base_url, _osai_window_allow_insecure (self), token,
                              self->account_cancellable, sign_in_cb, g_object_ref (self));
  _osai_window_update_actions (self);
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
          _osai_window_show_error_toast (self, _("The demo could not start"), error);
          _osai_window_set_page (self, "connect");
        }
      _osai_window_update_actions (self);
      return;
    }

  _osai_window_enter_report_page (self);
}

void
_osai_window_start_demo (OsaiWindow *self)
{
  _osai_window_replace_cancellable (&self->account_cancellable);
  gtk_label_set_label (self->loading_label, _("Starting the demo…"));
  _osai_window_set_page (self, "loading");
  osai_account_start_demo_async (self->account, self->account_cancellable, demo_cb,
                                 g_object_ref (self));
  _osai_window_update_actions (self);
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _osai_window_start_demo (OSAI_WINDOW (widget));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _osai_window_connect_account (OSAI_WINDOW (widget));
}

void
_osai_window_cancel_work (OsaiWindow *self)
{
  if (self->job != NULL)
    osai_report_job_cancel (self->job);
  _osai_window_cancel_and_clear (&self->job_cancellable);
  _osai_window_cancel_and_clear (&self->download_cancellable);
  _osai_window_cancel_and_clear (&self->file_cancellable);
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
    _osai_window_show_error_toast (self,
                                   _("Signed out, but the token could not be removed "
                                     "from the keyring"),
                                   error);

  _osai_window_update_actions (self);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  gboolean demo = osai_account_get_is_demo (self->account);

  _osai_window_cancel_work (self);
  g_clear_object (&self->job);
  g_clear_object (&self->report);
  if (self->totals_view != NULL)
    osai_totals_view_set_report (self->totals_view, NULL);

  /* Not cancellable: closing the window right after signing out must not
   * leave the token in the keyring. */
  _osai_window_cancel_and_clear (&self->account_cancellable);
  osai_account_sign_out_async (self->account, NULL, sign_out_cb, g_object_ref (self));

  self->demo_requested = FALSE;
  _osai_window_set_sign_in_error (self, NULL);
  _osai_window_set_page (self, "connect");
  if (self->result_stack != NULL)
    _osai_window_set_result_page (self, "none");
  if (osai_account_get_state (self->account) == OSAI_ACCOUNT_STATE_SIGNED_OUT && !demo)
    _osai_window_show_toast (self,
                             _("Signed out. The access token was removed from this computer."));
  _osai_window_update_actions (self);
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
  _osai_window_set_result_page (self, "failed");
}

static void
job_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  OsaiReportJob *job = OSAI_REPORT_JOB (object);
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  report = osai_report_job_run_finish (job, result, &error);

  /* A job replaced or dropped in the meantime has nothing left to show. */
  if (job != self->job)
    return;

  entry = _osai_window_history_job_done (self, job, report, error);

  g_clear_handle_id (&self->elapsed_source, g_source_remove);

  if (report != NULL)
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
      gboolean follow = focus == NULL || focus == self->cancel_button;

      g_set_object (&self->report, report);
      g_set_object (&self->shown_entry, entry);
      osai_totals_view_set_report (self->totals_view, report);
      _osai_window_set_result_page (self, "totals");
      _osai_window_update_actions (self);
      if (follow)
        gtk_widget_grab_focus (self->save_button);
      notify_if_away (self, _("Your OSAI report is ready"),
                      _("The totals are in OSAI Reports, ready to be saved."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Back to the request, which a person who cancels likely wants to
       * change; the last totals stay what Save and Export work on. */
      _osai_window_set_result_page (self, self->report != NULL ? "totals" : "none");
      _osai_window_show_request (self);
      _osai_window_show_toast (self, _("Report cancelled"));
    }
  else
    {
      show_failure (self, error);
      notify_if_away (self, _("Your OSAI report could not be made"), error->message);
    }

  _osai_window_update_actions (self);
}

/* Starts waiting for a report: a new one for @request, or, with a
 * @resume_id, one the server is already making (asked for before a quit). */
void
_osai_window_start_job (OsaiWindow        *self,
                        OsaiReportRequest *request,
                        gint64             resume_id)
{
  OsaiClient *client = osai_account_get_client (self->account);

  g_return_if_fail (client != NULL && !_osai_window_job_running (self));

  g_clear_object (&self->job);
  if (resume_id > 0)
    self->job = osai_report_job_new_resume (client, request, resume_id);
  else
    self->job = osai_report_job_new (client, request);
  osai_report_job_set_deadline (self->job,
                                g_settings_get_uint (self->settings, "poll-deadline") * 60);
  _osai_window_history_track_job (self, self->job);

  _osai_window_replace_cancellable (&self->job_cancellable);
  osai_report_job_run_async (self->job, self->job_cancellable, job_cb, g_object_ref (self));

  update_elapsed (self);
  g_clear_handle_id (&self->elapsed_source, g_source_remove);
  self->elapsed_source = g_timeout_add_seconds (1, elapsed_tick_cb, self);
  {
    g_autofree char *period = osai_period_describe (osai_report_request_get_period_from (request),
                                                    osai_report_request_get_period_to (request));

    gtk_label_set_label (self->waiting_period_label, period);
  }
  adw_view_stack_set_visible_child_name (self->view_stack, "report");
  _osai_window_set_result_page (self, "waiting");
  _osai_window_update_actions (self);
  /* Keyboard focus follows the work: Cancel now (which also scrolls the
   * wait into view), the totals' Save button when they arrive. */
  gtk_widget_grab_focus (self->cancel_button);
}

static void
back_to_request_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _osai_window_show_request (OSAI_WINDOW (widget));
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

  if (client == NULL || _osai_window_job_running (self))
    return;

  request = _osai_window_make_request (self, &error);
  if (request == NULL)
    {
      _osai_window_validate_request (self);
      return;
    }

  g_clear_object (&self->compare_base);
  _osai_window_start_job (self, request, 0);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);

  if (_osai_window_job_running (self))
    {
      osai_report_job_cancel (self->job);
      return;
    }

  /* Signing in, restoring or starting the demo: stop and ask again. */
  if (osai_account_get_state (self->account) == OSAI_ACCOUNT_STATE_BUSY)
    {
      _osai_window_cancel_and_clear (&self->account_cancellable);
      self->demo_requested = FALSE;
      _osai_window_set_page (self, "connect");
      _osai_window_update_actions (self);
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
      _osai_window_apply_preset (OSAI_WINDOW (widget), presets[i].preset);
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

GFile *
_osai_window_initial_folder (OsaiWindow *self)
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

void
_osai_window_remember_folder (OsaiWindow *self,
                              GFile      *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;

  if (path != NULL)
    g_settings_set_string (self->settings, "last-folder", path);
}

void
_osai_window_saved_toast (OsaiWindow *self,
                          GFile      *file,
                          const char *text)
{
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = _osai_window_new_toast (text);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  adw_toast_set_action_name (toast, "win.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
saved_toast (OsaiWindow *self,
             GFile      *file,
             gboolean    csv)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = csv ? g_strdup_printf (_("Exported “%s”"), name)
                              : g_strdup_printf (_("Saved “%s”"), name);

  _osai_window_saved_toast (self, file, text);
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
      _osai_window_show_toast (self, _("Saving stopped. Nothing was written."));
    }
  else if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_NOT_FOUND))
    {
      _osai_window_show_toast (self, _("OSAI no longer has this report’s details, so they "
                                       "cannot be saved. Generate the report again to save "
                                       "them."));
    }
  else
    {
      _osai_window_show_error_toast (self, _("The detailed report was not saved"), error);
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
  _osai_window_update_actions (self);
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

  _osai_window_remember_folder (self, file);

  self->download = osai_download_new (client, self->report, file);
  g_signal_connect_object (self->download, "notify::bytes-done",
                           G_CALLBACK (update_download_progress), self, G_CONNECT_SWAPPED);
  _osai_window_replace_cancellable (&self->download_cancellable);

  gtk_progress_bar_set_fraction (self->download_progress, 0.0);
  update_download_progress (self);
  gtk_revealer_set_reveal_child (self->download_revealer, TRUE);

  osai_download_run_async (self->download, self->download_cancellable, download_cb,
                           g_object_ref (self));
  _osai_window_update_actions (self);

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
  if (osai_safe_file_set_contents_finish (result, &error))
    saved_toast (self, G_FILE (object), TRUE);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _osai_window_show_error_toast (self, _("The totals were not exported"), error);

  _osai_window_update_actions (self);
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

  _osai_window_remember_folder (self, file);

  model = osai_usage_model_new (self->report);
  csv = osai_usage_model_to_csv (model);
  bytes = g_bytes_new_take (csv, strlen (csv));

  self->csv_busy = TRUE;
  _osai_window_replace_cancellable (&self->file_cancellable);
  /* Whole or not at all, even if killed: an existing file is never left
   * half-written, and nothing is left beside it. */
  osai_safe_file_set_contents_async (file, bytes, 0, self->file_cancellable, csv_written_cb,
                                     g_object_ref (self));
  _osai_window_update_actions (self);
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
        _osai_window_show_error_toast (self, _("The save dialog failed"), error);
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

  folder = _osai_window_initial_folder (self);
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
    _osai_window_show_toast (self, _("The help could not be opened. "
                                     "Is a help viewer such as Yelp installed?"));
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
  builder = gtk_builder_new_from_resource ("/io/github/osaireports/OsaiReports/"
                                           "osai-help-overlay.ui");
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

void
_osai_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "win.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.back-to-request", NULL,
                                   back_to_request_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back-to-request", NULL);
  gtk_widget_class_install_action (widget_class, "win.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-download", NULL,
                                   cancel_download_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.help-page", "s", help_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);

  _osai_window_history_install_actions (widget_class);
}
