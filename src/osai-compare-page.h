/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-compare-page.h — the window's Compare view: two reports of the history side by side */
#pragma once

#include <adwaita.h>

#include "osai-comparison.h"
#include "osai-history.h"

G_BEGIN_DECLS

#define OSAI_TYPE_COMPARE_PAGE (osai_compare_page_get_type ())
G_DECLARE_FINAL_TYPE (OsaiComparePage, osai_compare_page, OSAI, COMPARE_PAGE, AdwBin)

GtkWidget        *osai_compare_page_new              (void);
OsaiHistory      *osai_compare_page_get_history      (OsaiComparePage  *self);
void              osai_compare_page_set_history      (OsaiComparePage  *self,
                                                      OsaiHistory      *history);
void              osai_compare_page_set_entries      (OsaiComparePage  *self,
                                                      OsaiHistoryEntry *a,
                                                      OsaiHistoryEntry *b);
OsaiHistoryEntry *osai_compare_page_get_a            (OsaiComparePage  *self);
OsaiHistoryEntry *osai_compare_page_get_b            (OsaiComparePage  *self);
OsaiComparison   *osai_compare_page_get_comparison   (OsaiComparePage  *self);
gboolean          osai_compare_page_get_can_generate (OsaiComparePage  *self);
void              osai_compare_page_set_can_generate (OsaiComparePage  *self,
                                                      gboolean          can_generate);

G_END_DECLS
