/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-window-private.h — what osai-window.c and osai-window-actions.c share */
#pragma once

#include "osai-account.h"
#include "osai-date-row.h"
#include "osai-download.h"
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

/* osai-window.c */
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
void                 _osai_window_set_sign_in_error (OsaiWindow *self, const GError *error);
void                 _osai_window_show_error_toast (OsaiWindow *self,
                                                   const char *what,
                                                   const GError *error);
void                 _osai_window_show_keyring_state (OsaiWindow *self);
void                 _osai_window_show_toast (OsaiWindow *self, const char *text);
void                 _osai_window_update_actions (OsaiWindow *self);
void                 _osai_window_validate_request (OsaiWindow *self);

/* osai-window-actions.c */
void                 _osai_window_cancel_work (OsaiWindow *self);
void                 _osai_window_connect_account (OsaiWindow *self);
void                 _osai_window_start_demo (OsaiWindow *self);
void                 _osai_window_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
