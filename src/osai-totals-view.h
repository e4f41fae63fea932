/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-totals-view.h — a report's totals: header and sortable column view */
#pragma once

#include <adwaita.h>

#include "osai-report.h"

G_BEGIN_DECLS

#define OSAI_TYPE_TOTALS_VIEW (osai_totals_view_get_type ())
G_DECLARE_FINAL_TYPE (OsaiTotalsView, osai_totals_view, OSAI, TOTALS_VIEW, AdwBin)

GtkWidget      *osai_totals_view_new              (void);
OsaiReport     *osai_totals_view_get_report       (OsaiTotalsView *self);
void            osai_totals_view_set_report       (OsaiTotalsView *self,
                                                   OsaiReport     *report);
GListModel     *osai_totals_view_get_model        (OsaiTotalsView *self);
GtkColumnView  *osai_totals_view_get_column_view  (OsaiTotalsView *self);

G_END_DECLS
