/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-window.h — the main window: connect, request, wait, totals, save */
#pragma once

#include <adwaita.h>

#include "osai-account.h"
#include "osai-application.h"
#include "osai-history.h"
#include "osai-report.h"
#include "osai-report-page.h"
#include "osai-report-job.h"

G_BEGIN_DECLS

#define OSAI_TYPE_WINDOW (osai_window_get_type ())
G_DECLARE_FINAL_TYPE (OsaiWindow, osai_window, OSAI, WINDOW, AdwApplicationWindow)

OsaiWindow     *osai_window_new               (OsaiApplication  *application,
                                               gboolean          demo,
                                               const char       *server);
OsaiAccount    *osai_window_get_account       (OsaiWindow       *self);
OsaiReport     *osai_window_get_report        (OsaiWindow       *self);
OsaiReportJob  *osai_window_get_job           (OsaiWindow       *self);
GtkWidget      *osai_window_get_totals_view   (OsaiWindow       *self);
OsaiReportPage *osai_window_get_report_page   (OsaiWindow       *self);
char           *osai_window_dup_base_url      (OsaiWindow       *self);
const char     *osai_window_get_page          (OsaiWindow       *self);
const char     *osai_window_get_result_page   (OsaiWindow       *self);
const char     *osai_window_get_sign_in_error (OsaiWindow       *self);
const char     *osai_window_get_last_toast    (OsaiWindow       *self);
gboolean        osai_window_get_busy          (OsaiWindow       *self);
OsaiHistory    *osai_window_get_history       (OsaiWindow       *self);
const char     *osai_window_get_view          (OsaiWindow       *self);
GtkWidget      *osai_window_get_history_page  (OsaiWindow       *self);
GtkWidget      *osai_window_get_compare_page  (OsaiWindow       *self);

/* What the save dialogs' responses call; tests call them with a temp file. */
void            osai_window_save_report_to    (OsaiWindow       *self,
                                               GFile            *file);
void            osai_window_export_csv_to     (OsaiWindow       *self,
                                               GFile            *file);
void            osai_window_export_comparison_to (OsaiWindow    *self,
                                                  GFile         *file);
void            osai_window_show_help         (OsaiWindow       *self,
                                               const char       *page);
void            osai_window_bind_region       (GSettings        *settings,
                                               AdwComboRow      *row);

G_END_DECLS
