/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-comparison-view.h — two reports side by side: header and sortable column view */
#pragma once

#include <adwaita.h>

#include "osai-comparison.h"

G_BEGIN_DECLS

#define OSAI_TYPE_COMPARISON_VIEW (osai_comparison_view_get_type ())
G_DECLARE_FINAL_TYPE (OsaiComparisonView, osai_comparison_view, OSAI, COMPARISON_VIEW, AdwBin)

GtkWidget      *osai_comparison_view_new                (void);
OsaiComparison *osai_comparison_view_get_comparison     (OsaiComparisonView *self);
void            osai_comparison_view_set_comparison     (OsaiComparisonView *self,
                                                         OsaiComparison     *comparison);
GtkWidget      *osai_comparison_view_get_header_suffix  (OsaiComparisonView *self);
void            osai_comparison_view_set_header_suffix  (OsaiComparisonView *self,
                                                         GtkWidget          *suffix);
GListModel     *osai_comparison_view_get_model          (OsaiComparisonView *self);
GtkColumnView  *osai_comparison_view_get_column_view    (OsaiComparisonView *self);

G_END_DECLS
