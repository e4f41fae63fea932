/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-history-page.h — Recent Reports: the local history as a list, newest first */
#pragma once

#include <adwaita.h>

#include "osai-history.h"

G_BEGIN_DECLS

/* The shift of #OsaiHistoryPage::compare-entry when the person wants to
 * pick the other report; any other value is an #OsaiPeriodShift. */
#define OSAI_HISTORY_PAGE_COMPARE_PICK (-1)

#define OSAI_TYPE_HISTORY_PAGE (osai_history_page_get_type ())
G_DECLARE_FINAL_TYPE (OsaiHistoryPage, osai_history_page, OSAI, HISTORY_PAGE, AdwBin)

GtkWidget    *osai_history_page_new          (void);
OsaiHistory  *osai_history_page_get_history  (OsaiHistoryPage *self);
void          osai_history_page_set_history  (OsaiHistoryPage *self,
                                              OsaiHistory     *history);
const char   *osai_history_page_get_server   (OsaiHistoryPage *self);
void          osai_history_page_set_server   (OsaiHistoryPage *self,
                                              const char      *server);

G_END_DECLS
