/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-window-history.c — what the window keeps: Recent Reports, resuming, comparing
 *
 * The third part of OsaiWindow (with osai-window.c and
 * osai-window-actions.c, sharing osai-window-private.h).  Every report the
 * window asks for is kept in an OsaiHistory: as pending as soon as the
 * server has given it an ID, then done or failed.  A report still pending
 * from an earlier run is polled again when the window signs in, rather than
 * asked for twice.  The Recent view reopens, deletes (with undo) and
 * compares what was kept; the Compare view shows two reports side by side.
 *
 * The demo keeps its reports in a temporary folder that goes with the
 * window: they come from a simulator that is gone the next time.
 */

#define G_LOG_DOMAIN "osai-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "osai-compare-page.h"
#include "osai-compat.h"
#include "osai-comparison.h"
#include "osai-error.h"
#include "osai-history-page.h"
#include "osai-period.h"
#include "osai-totals-view.h"
#include "osai-window.h"
#include "osai-safe-file.h"
#include "osai-window-private.h"

/* ---- Helpers --------------------------------------------------------------------------------- */

/* The demo's folder: a handful of files, removed when the window goes. */
static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else if (g_unlink (child) != 0)
            g_debug ("Could not remove %s: %s", child, g_strerror (errno));
        }
      g_dir_close (dir);
    }

  if (g_rmdir (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

/* The server reports are asked from now, or NULL when not signed in. */
static const char *
current_server (OsaiWindow *self)
{
  OsaiClient *client = osai_account_get_client (self->account);

  if (osai_account_get_state (self->account) != OSAI_ACCOUNT_STATE_SIGNED_IN || client == NULL)
    return NULL;

  return osai_client_get_base_url (client);
}

static gboolean
same_account (OsaiHistoryEntry *entry,
              const char       *user)
{
  const char *account = osai_history_entry_get_account (entry);

  /* An entry written by the CLI has no account name: the server decides. */
  return account == NULL || user == NULL || g_str_equal (account, user);
}

static void
show_history_error (OsaiWindow   *self,
                    const char   *what,
                    const GError *error)
{
  /* Translators: what went wrong with the local history, then why */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), what, error->message);

  _osai_window_show_toast (self, text);
}

/* ---- Damaged entries ------------------------------------------------------------------------- */

/* A history with many damaged files would otherwise queue a toast each.
 * The errors name the files; the toast names none, it opens the folder. */
static gboolean
set_aside_toast_cb (gpointer user_data)
{
  OsaiWindow *self = user_data;
  g_autofree char *text = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  self->set_aside_source = 0;
  text = g_strdup_printf (ngettext ("A damaged entry of the history was set aside",
                                    "%u damaged entries of the history were set aside",
                                    self->set_aside_count),
                          self->set_aside_count);
  self->set_aside_count = 0;

  folder = g_build_filename (osai_history_get_dir (self->history), "set-aside", NULL);
  file = g_file_new_for_path (folder);
  uri = g_file_get_uri (file);

  toast = _osai_window_new_toast (text);
  g_free (self->last_toast);
  self->last_toast = g_steal_pointer (&text);
  adw_toast_set_button_label (toast, _("Show _Folder"));
  adw_toast_set_action_name (toast, "win.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  return G_SOURCE_REMOVE;
}

static void
set_aside_cb (OsaiHistory  *history,
              const GError *error,
              OsaiWindow   *self)
{
  g_message ("%s", error->message);
  self->set_aside_count++;
  if (self->set_aside_source == 0)
    self->set_aside_source = g_idle_add (set_aside_toast_cb, self);
}

/* ---- Starting and stopping ------------------------------------------------------------------- */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_history_load_finish (OSAI_HISTORY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && OSAI_HISTORY (object) == self->history)
        show_history_error (self, _("The history could not be read"), error);
      return;
    }

  if (OSAI_HISTORY (object) != self->history)
    return;

  _osai_window_history_maybe_resume (self);
  _osai_window_update_actions (self);
}

static void
drop_history (OsaiWindow *self)
{
  _osai_window_cancel_and_clear (&self->history_cancellable);
  g_clear_handle_id (&self->set_aside_source, g_source_remove);
  self->set_aside_count = 0;

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->pending);
  g_clear_object (&self->compare_base);
  g_clear_object (&self->shown_entry);
  g_clear_pointer (&self->deleted, g_hash_table_unref);

  if (self->demo_history_dir != NULL)
    {
      remove_tree (self->demo_history_dir);
      g_clear_pointer (&self->demo_history_dir, g_free);
    }
}

static void
history_changed_cb (OsaiWindow *self)
{
  _osai_window_update_actions (self);
}

static void open_entry_cb (OsaiWindow *self, OsaiHistoryEntry *entry);
static void delete_entry_cb (OsaiWindow *self, OsaiHistoryEntry *entry);
static void compare_entry_cb (OsaiWindow *self, OsaiHistoryEntry *entry, int shift);
static void generate_shifted_cb (OsaiWindow *self, OsaiHistoryEntry *base, int shift);

/* The two views are built the first time there is a history to show. */
static void
ensure_pages (OsaiWindow *self)
{
  if (self->history_page != NULL)
    return;

  self->history_page = osai_history_page_new ();
  adw_bin_set_child (self->history_bin, self->history_page);
  g_signal_connect_object (self->history_page, "open-entry", G_CALLBACK (open_entry_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_page, "delete-entry", G_CALLBACK (delete_entry_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_page, "compare-entry", G_CALLBACK (compare_entry_cb),
                           self, G_CONNECT_SWAPPED);

  self->compare_page = osai_compare_page_new ();
  adw_bin_set_child (self->compare_bin, self->compare_page);
  g_signal_connect_object (self->compare_page, "generate-shifted",
                           G_CALLBACK (generate_shifted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_page, "notify::has-comparison",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * _osai_window_history_start:
 *
 * Opens the history that goes with the account: the user's own, or the
 * demo's.  Does nothing when the right one is open already.
 */
void
_osai_window_history_start (OsaiWindow *self)
{
  gboolean demo = osai_account_get_is_demo (self->account);
  g_autoptr(GError) error = NULL;

  self->resume_checked = FALSE;
  ensure_pages (self);
  g_object_set (self->history_page, "server", current_server (self), NULL);

  if (self->history != NULL && (self->demo_history_dir != NULL) == demo)
    return;

  drop_history (self);
  if (demo)
    {
      self->demo_history_dir = g_dir_make_tmp ("osai-reports-demo-XXXXXX", &error);
      if (self->demo_history_dir == NULL)
        {
          show_history_error (self, _("The demo cannot keep its reports"), error);
          _osai_window_notify_history (self);
          return;
        }
    }

  self->history = osai_history_new (self->demo_history_dir);
  g_signal_connect (self->history, "set-aside", G_CALLBACK (set_aside_cb), self);
  g_signal_connect_swapped (self->history, "notify::n-items", G_CALLBACK (history_changed_cb),
                            self);

  g_object_set (self->history_page, "history", self->history, NULL);
  g_object_set (self->compare_page, "history", self->history, NULL);

  _osai_window_replace_cancellable (&self->history_cancellable);
  osai_history_load_async (self->history, self->history_cancellable, load_cb,
                           g_object_ref (self));
  _osai_window_notify_history (self);
}

void
_osai_window_history_stop (OsaiWindow *self)
{
  drop_history (self);
}

/* ---- Recording ------------------------------------------------------------------------------- */

/* As soon as the server has given the report an ID, it is kept as pending:
 * a window closed now leaves it for the next start to wait for. */
static void
job_state_cb (OsaiReportJob *job,
              GParamSpec    *pspec,
              OsaiWindow    *self)
{
  g_autoptr(GError) error = NULL;
  OsaiClient *client = osai_report_job_get_client (job);
  OsaiReport *report;

  if (job != self->job || self->history == NULL
      || osai_report_job_get_state (job) != OSAI_REPORT_JOB_STATE_WAITING)
    return;

  report = osai_report_job_get_report (job);
  if (report == NULL
      || (self->pending != NULL
          && osai_history_entry_get_report_id (self->pending) == osai_report_get_id (report)))
    return;

  g_clear_object (&self->pending);
  self->pending = osai_history_add_pending (self->history, osai_client_get_base_url (client),
                                            osai_account_get_user_name (self->account),
                                            osai_report_get_id (report),
                                            osai_report_job_get_request (job), &error);
  if (self->pending == NULL)
    show_history_error (self, _("This report will not be kept in the history"), error);
}

void
_osai_window_history_track_job (OsaiWindow    *self,
                                OsaiReportJob *job)
{
  g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_cb), self, 0);
}

static void show_comparison (OsaiWindow *self, OsaiHistoryEntry *a, OsaiHistoryEntry *b);

/**
 * _osai_window_history_job_done:
 * @report: (nullable): the report, when the job succeeded
 * @error: (nullable): why it did not
 *
 * Keeps what the job ended with: a finished report replaces its pending
 * entry; a report the server lost, or one the user cancelled, leaves the
 * history; one that could not be waited for (the network, a deadline)
 * stays pending, to be resumed.
 *
 * Returns: (transfer full) (nullable): the entry kept for @report
 */
OsaiHistoryEntry *
_osai_window_history_job_done (OsaiWindow    *self,
                               OsaiReportJob *job,
                               OsaiReport    *report,
                               const GError  *error)
{
  g_autoptr(OsaiHistoryEntry) pending = g_steal_pointer (&self->pending);
  g_autoptr(OsaiHistoryEntry) base = g_steal_pointer (&self->compare_base);
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;
  OsaiReport *keep = report;

  if (self->history == NULL)
    return NULL;

  if (report == NULL)
    {
      gboolean failed = g_error_matches (error, OSAI_ERROR, OSAI_ERROR_REPORT_FAILED);

      if (failed && osai_report_job_get_report (job) != NULL)
        keep = osai_report_job_get_report (job);
      else if (pending != NULL
               && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                   || g_error_matches (error, OSAI_ERROR, OSAI_ERROR_NOT_FOUND)))
        {
          /* Cancelled on purpose, or gone from the server: nothing to
           * resume.  (Closing the window is not cancelling: the job is
           * dropped without coming here.) */
          if (!osai_history_remove (self->history, pending, &local_error))
            g_debug ("Could not drop the pending entry: %s", local_error->message);
          return NULL;
        }
      else
        return NULL;
    }

  if (pending != NULL && osai_history_entry_get_report_id (pending) == osai_report_get_id (keep))
    entry = osai_history_complete_pending (self->history, pending, keep, &local_error);
  else
    {
      OsaiClient *client = osai_report_job_get_client (job);

      entry = osai_history_entry_new_finished (osai_client_get_base_url (client),
                                               osai_account_get_user_name (self->account),
                                               osai_report_job_get_request (job), keep, NULL,
                                               &local_error);
      if (entry != NULL && !osai_history_add (self->history, entry, &local_error))
        g_clear_object (&entry);
    }

  if (entry == NULL)
    {
      show_history_error (self, _("This report was not kept in the history"), local_error);
      return NULL;
    }

  if (report != NULL && base != NULL)
    show_comparison (self, entry, base);

  return g_steal_pointer (&entry);
}

/* ---- Resuming -------------------------------------------------------------------------------- */

/**
 * _osai_window_history_maybe_resume:
 *
 * Once signed in with the history loaded, waits again for the newest report
 * of this account that was still being generated when the app last closed.
 */
void
_osai_window_history_maybe_resume (OsaiWindow *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  const char *server = current_server (self);
  const char *user = osai_account_get_user_name (self->account);
  OsaiHistoryEntry *chosen = NULL;
  g_autofree char *text = NULL;

  if (self->resume_checked || self->history == NULL || server == NULL
      || !osai_history_get_loaded (self->history) || _osai_window_job_running (self))
    return;

  self->resume_checked = TRUE;

  pending = osai_history_get_pending (self->history);
  for (guint i = pending->len; i > 0 && chosen == NULL; i--)
    {
      OsaiHistoryEntry *entry = g_ptr_array_index (pending, i - 1);

      if (g_strcmp0 (osai_history_entry_get_server (entry), server) == 0
          && same_account (entry, user))
        chosen = entry;
    }

  if (chosen == NULL)
    return;

  _osai_window_start_job (self, osai_history_entry_get_request (chosen),
                          osai_history_entry_get_report_id (chosen));
  g_set_object (&self->pending, chosen);

  /* Translators: %s is a period, "1 – 26 November 2026" */
  text = g_strdup_printf (_("Waiting again for the report for %s: it was still being generated "
                            "when the app closed"),
                          osai_history_entry_get_period_text (chosen));
  _osai_window_show_toast (self, text);
}

/* ---- Reopening and deleting ------------------------------------------------------------------ */

gboolean
_osai_window_history_can_save (OsaiWindow *self)
{
  /* A report reopened from the history is saved through the server that
   * made it: the link is refreshed there, with this account's token. */
  return self->shown_entry == NULL
         || g_strcmp0 (osai_history_entry_get_server (self->shown_entry),
                       current_server (self)) == 0;
}

static void
open_entry_cb (OsaiWindow       *self,
               OsaiHistoryEntry *entry)
{
  OsaiReport *report = osai_history_entry_get_report (entry);

  if (osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_PENDING || report == NULL)
    {
      _osai_window_show_toast (self, _("This report is still being generated"));
      return;
    }
  if (osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_FAILED)
    {
      _osai_window_show_toast (self, _("OSAI could not make this report, so it has no totals"));
      return;
    }
  if (_osai_window_job_running (self))
    {
      _osai_window_show_toast (self, _("A report is being generated: cancel it to open another"));
      return;
    }

  g_set_object (&self->report, report);
  g_set_object (&self->shown_entry, entry);
  osai_totals_view_set_report (self->totals_view, report);
  _osai_window_set_result_page (self, "totals");
  adw_view_stack_set_visible_child_name (self->view_stack, "report");
  _osai_window_update_actions (self);
  gtk_widget_grab_focus (self->save_button);
}

/* Deleted entries wait here while their toast can still undo them. */
static void
toast_dismissed_cb (AdwToast   *toast,
                    OsaiWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (toast), "key");

  if (self->deleted != NULL && key != NULL)
    g_hash_table_remove (self->deleted, key);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  OsaiHistoryEntry *entry;
  g_autoptr(GError) error = NULL;

  entry = self->deleted != NULL ? g_hash_table_lookup (self->deleted, key) : NULL;
  if (entry == NULL || self->history == NULL)
    return;

  if (!osai_history_restore (self->history, entry, &error))
    show_history_error (self, _("The report could not be put back"), error);
  g_hash_table_remove (self->deleted, key);
}

static void
delete_entry_cb (OsaiWindow       *self,
                 OsaiHistoryEntry *entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *key = osai_history_entry_get_key (entry);
  AdwToast *toast;

  if (self->history == NULL)
    return;

  if (self->pending != NULL && _osai_window_job_running (self)
      && g_strcmp0 (osai_history_entry_get_key (self->pending), key) == 0)
    {
      _osai_window_show_toast (self, _("This report is being generated: cancel it instead"));
      return;
    }

  if (!osai_history_remove (self->history, entry, &error))
    {
      show_history_error (self, _("The report was not deleted"), error);
      return;
    }

  if (self->deleted == NULL)
    self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_replace (self->deleted, g_strdup (key), g_object_ref (entry));

  /* Translators: %s is a period, "1 – 26 November 2026" */
  text = g_strdup_printf (_("Deleted the report for %s"),
                          osai_history_entry_get_period_text (entry));
  toast = _osai_window_new_toast (text);
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (key));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "key", g_strdup (key), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Comparing ------------------------------------------------------------------------------- */

static void
show_comparison (OsaiWindow       *self,
                 OsaiHistoryEntry *a,
                 OsaiHistoryEntry *b)
{
  osai_compare_page_set_entries (OSAI_COMPARE_PAGE (self->compare_page), a, b);
  adw_view_stack_set_visible_child_name (self->view_stack, "compare");
  _osai_window_update_actions (self);
}

/* A report of the history with the same server, period and switches. */
static OsaiHistoryEntry *
find_done (OsaiWindow        *self,
           const char        *server,
           OsaiReportRequest *request)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->history));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->history), i);

      if (osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_DONE
          && g_strcmp0 (osai_history_entry_get_server (entry), server) == 0
          && osai_history_entry_get_include (entry) == osai_report_request_get_include (request)
          && g_date_time_equal (osai_history_entry_get_period_from (entry),
                                osai_report_request_get_period_from (request))
          && g_date_time_equal (osai_history_entry_get_period_to (entry),
                                osai_report_request_get_period_to (request)))
        return g_steal_pointer (&entry);
    }

  return NULL;
}

/* Compares @base with the same switches over an earlier period: from the
 * history when it has that report, else generated now. */
static void
compare_shifted (OsaiWindow       *self,
                 OsaiHistoryEntry *base,
                 OsaiPeriodShift   shift)
{
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(OsaiHistoryEntry) earlier = NULL;
  g_autofree char *period = NULL;
  g_autofree char *text = NULL;
  const char *server = osai_history_entry_get_server (base);

  if (self->history == NULL || osai_history_entry_get_state (base) != OSAI_HISTORY_STATE_DONE)
    return;

  request = osai_period_shift_request (osai_history_entry_get_request (base), shift);
  if (request == NULL)
    {
      _osai_window_show_toast (self, _("There is no earlier period to compare with"));
      return;
    }

  earlier = find_done (self, server, request);
  if (earlier != NULL)
    {
      show_comparison (self, earlier, base);
      return;
    }

  period = osai_period_describe (osai_report_request_get_period_from (request),
                                 osai_report_request_get_period_to (request));
  if (g_strcmp0 (current_server (self), server) != 0)
    {
      /* Translators: %s is a period, "1 – 31 October 2026" */
      text = g_strdup_printf (_("Sign in to the server of this report to generate the report "
                                "for %s"), period);
      _osai_window_show_toast (self, text);
      return;
    }
  if (_osai_window_job_running (self) || self->download != NULL)
    {
      _osai_window_show_toast (self, _("Wait for the report being generated, or cancel it, "
                                       "to generate another"));
      return;
    }

  _osai_window_start_job (self, request, 0);
  g_set_object (&self->compare_base, base);
  /* Translators: the first %s is a period, "1 – 31 October 2026", the second another */
  text = g_strdup_printf (_("Generating the report for %s to compare with %s"), period,
                          osai_history_entry_get_period_text (base));
  _osai_window_show_toast (self, text);
}

static void
compare_entry_cb (OsaiWindow       *self,
                  OsaiHistoryEntry *entry,
                  int               shift)
{
  if (shift < 0)
    {
      /* The other report is picked on the Compare view. */
      osai_compare_page_set_entries (OSAI_COMPARE_PAGE (self->compare_page), NULL, entry);
      adw_view_stack_set_visible_child_name (self->view_stack, "compare");
      _osai_window_update_actions (self);
      return;
    }

  compare_shifted (self, entry, (OsaiPeriodShift) shift);
}

static void
generate_shifted_cb (OsaiWindow       *self,
                     OsaiHistoryEntry *base,
                     int               shift)
{
  compare_shifted (self, base, (OsaiPeriodShift) shift);
}

/* ---- Exporting the comparison ---------------------------------------------------------------- */

static void
comparison_written_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!osai_safe_file_set_contents_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _osai_window_show_error_toast (self, _("The comparison was not exported"), error);
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  text = g_strdup_printf (_("Exported “%s”"), name);
  _osai_window_saved_toast (self, G_FILE (object), text);
}

void
osai_window_export_comparison_to (OsaiWindow *self,
                                  GFile      *file)
{
  OsaiComparison *comparison;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (OSAI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->compare_page == NULL)
    return;
  comparison = osai_compare_page_get_comparison (OSAI_COMPARE_PAGE (self->compare_page));
  if (comparison == NULL)
    return;

  _osai_window_remember_folder (self, file);
  csv = osai_comparison_to_csv (comparison);
  bytes = g_bytes_new_take (csv, strlen (csv));
  /* Whole or not at all, like every save here. */
  osai_safe_file_set_contents_async (file, bytes, 0, self->history_cancellable, comparison_written_cb,
                                     g_object_ref (self));
}

static void
export_dialog_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = osai_compat_save_file_finish (result, &error);

  if (file != NULL)
    osai_window_export_comparison_to (self, file);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _osai_window_show_error_toast (self, _("The save dialog failed"), error);
}

static char *
first_day (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d");
}

static void
export_comparison_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  OsaiComparison *comparison;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *name = NULL;

  if (self->compare_page == NULL)
    return;
  comparison = osai_compare_page_get_comparison (OSAI_COMPARE_PAGE (self->compare_page));
  if (comparison == NULL)
    return;

  a = first_day (osai_history_entry_get_period_from (osai_comparison_get_a (comparison)));
  b = first_day (osai_history_entry_get_period_from (osai_comparison_get_b (comparison)));
  name = g_strdup_printf ("osai-comparison-%s-%s.csv", a, b);
  folder = _osai_window_initial_folder (self);
  osai_compat_save_file_async (GTK_WINDOW (self), _("Export Comparison as CSV"), folder, name,
                               NULL, export_dialog_cb, g_object_ref (self));
}

/* ---- Clearing -------------------------------------------------------------------------------- */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(OsaiWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (osai_history_clear_finish (OSAI_HISTORY (object), result, &error))
    {
      if (self->shown_entry != NULL)
        g_clear_object (&self->shown_entry);
      _osai_window_show_toast (self, _("The history was cleared"));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_history_error (self, _("The history was not cleared"), error);

  _osai_window_update_actions (self);
}

static void
clear_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   OsaiWindow       *self)
{
  if (g_strcmp0 (response, "clear") != 0 || self->history == NULL)
    return;

  osai_history_clear_async (self->history, self->history_cancellable, clear_cb,
                            g_object_ref (self));
}

static void
clear_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkWindow *parent = app != NULL ? gtk_application_get_active_window (app) : NULL;
  GtkWidget *dialog;
  guint n;

  /* Not signed in yet (or never): the user's own history all the same. */
  if (self->history == NULL)
    _osai_window_history_start (self);
  if (self->history == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->history));
  dialog = adw_message_dialog_new (parent != NULL ? parent : GTK_WINDOW (self),
                                   _("Clear the History?"), NULL);
  if (osai_history_get_loaded (self->history))
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    ngettext ("The %u report kept on this computer will be "
                                              "deleted. Reports on the OSAI servers are not "
                                              "affected.",
                                              "All %u reports kept on this computer will be "
                                              "deleted. Reports on the OSAI servers are not "
                                              "affected.", n), n);
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("Every report kept on this computer will be deleted. "
                                   "Reports on the OSAI servers are not affected."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear History"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Without a connection -------------------------------------------------------------------- */

static void
offline_history_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);

  _osai_window_history_start (self);
  self->offline = TRUE;
  _osai_window_set_page (self, "report");
  adw_view_stack_set_visible_child_name (self->view_stack, "history");
  _osai_window_update_actions (self);
  if (self->history_page != NULL)
    gtk_widget_grab_focus (self->history_page);
}

/* ---- Views ---------------------------------------------------------------------------------- */

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OsaiWindow *self = OSAI_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  /* The views are there once signed in, or offline. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "report") != 0
      || adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* ---- Actions --------------------------------------------------------------------------------- */

void
_osai_window_history_update_actions (OsaiWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean comparison = self->compare_page != NULL
                        && osai_compare_page_get_comparison (OSAI_COMPARE_PAGE (self->compare_page))
                           != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-comparison", comparison);
  if (self->compare_page != NULL)
    osai_compare_page_set_can_generate (OSAI_COMPARE_PAGE (self->compare_page),
                                        current_server (self) != NULL
                                        && !_osai_window_job_running (self)
                                        && self->download == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.offline-history",
                                 g_strcmp0 (page, "blocked") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-history",
                                 self->history == NULL || !osai_history_get_loaded (self->history)
                                 || g_list_model_get_n_items (G_LIST_MODEL (self->history)) > 0);
}

void
_osai_window_history_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-comparison", NULL,
                                   export_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.clear-history", NULL,
                                   clear_history_action);
  gtk_widget_class_install_action (widget_class, "win.offline-history", NULL,
                                   offline_history_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "report");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "history");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-view", "s", "compare");
}
