/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-window-private.h — what osai-window.c and osai-window-actions.c share */
#pragma once

#include "osai-account.h"
#include "osai-date-row.h"
#include "osai-download.h"
#include "osai-history.h"
#include "osai-period.h"
#include "osai-report-job.h"
#include "osai-report-page.h"
#include "osai-totals-view.h"
#include "osai-window.h"

G_BEGIN_DECLS

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

  /* The history (osai-window-history.c) */
  OsaiHistory          *history;
  char                 *demo_history_dir;
  OsaiHistoryEntry     *pending;
  OsaiHistoryEntry     *shown_entry;
  OsaiHistoryEntry     *compare_base;
  gboolean              resume_checked;
  gboolean              offline;
  /* Whether a page other than "loading" was shown since the window opened. */
  gboolean              started;
  GCancellable         *history_cancellable;
  GHashTable           *deleted;
  guint                 set_aside_count;
  guint                 set_aside_source;
  GtkWidget            *history_page;
  GtkWidget            *compare_page;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *presets_button;
  GMenuModel           *primary_menu;
  GMenuModel           *presets_menu;
  GtkRevealer          *demo_revealer;
  GtkRevealer          *offline_revealer;
  AdwViewStack         *view_stack;
  AdwBin               *history_bin;
  AdwBin               *compare_bin;
  GtkWidget            *offline_history_button;
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
  GtkWidget            *back_button;
  GtkLabel             *waiting_period_label;
  GtkScrolledWindow    *totals_scroller;
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

/* osai-window.c */
AdwToast *           _osai_window_new_toast (const char *text);
void                 _osai_window_notify_history (OsaiWindow *self);
void                 _osai_window_apply_preset (OsaiWindow *self, OsaiPeriodPreset preset);
gboolean             _osai_window_allow_insecure (OsaiWindow *self);
char *               _osai_window_describe_account_error (OsaiWindow   *self,
                                                          const GError *error);
void                 _osai_window_cancel_and_clear (GCancellable **cancellable);
void                 _osai_window_enter_report_page (OsaiWindow *self);
gboolean             _osai_window_job_running (OsaiWindow *self);
OsaiReportRequest *  _osai_window_make_request (OsaiWindow *self, GError **error);
void                 _osai_window_replace_cancellable (GCancellable **cancellable);
void                 _osai_window_set_page (OsaiWindow *self, const char *name);
void                 _osai_window_set_result_page (OsaiWindow *self, const char *name);
void                 _osai_window_show_request (OsaiWindow *self);
void                 _osai_window_set_sign_in_error (OsaiWindow *self, const GError *error);
void                 _osai_window_show_error_toast (OsaiWindow *self,
                                                   const char *what,
                                                   const GError *error);
void                 _osai_window_show_keyring_state (OsaiWindow *self);
void                 _osai_window_show_toast (OsaiWindow *self, const char *text);
void                 _osai_window_update_actions (OsaiWindow *self);
void                 _osai_window_validate_request (OsaiWindow *self);

/* osai-window-history.c */
void                 _osai_window_history_start (OsaiWindow *self);
void                 _osai_window_history_stop (OsaiWindow *self);
void                 _osai_window_history_track_job (OsaiWindow    *self,
                                                     OsaiReportJob *job);
OsaiHistoryEntry *   _osai_window_history_job_done (OsaiWindow    *self,
                                                    OsaiReportJob *job,
                                                    OsaiReport    *report,
                                                    const GError  *error);
gboolean             _osai_window_history_can_save (OsaiWindow *self);
void                 _osai_window_history_maybe_resume (OsaiWindow *self);
void                 _osai_window_history_install_actions (GtkWidgetClass *widget_class);
void                 _osai_window_history_update_actions (OsaiWindow *self);

/* osai-window-actions.c */
void                 _osai_window_start_job (OsaiWindow        *self,
                                             OsaiReportRequest *request,
                                             gint64             resume_id);
void                 _osai_window_saved_toast (OsaiWindow *self,
                                               GFile      *file,
                                               const char *text);
GFile *              _osai_window_initial_folder (OsaiWindow *self);
void                 _osai_window_remember_folder (OsaiWindow *self,
                                                   GFile      *file);
void                 _osai_window_cancel_work (OsaiWindow *self);
void                 _osai_window_connect_account (OsaiWindow *self);
void                 _osai_window_start_demo (OsaiWindow *self);
void                 _osai_window_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
