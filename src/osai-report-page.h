/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-report-page.h — the request, the wait and the totals: the window's main page
 *
 * Only a template: the window drives every widget in it through its own
 * actions.  It is a class of its own so that the window can build it after
 * it has shown itself (the page is most of the window's widgets).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OSAI_TYPE_REPORT_PAGE (osai_report_page_get_type ())
G_DECLARE_FINAL_TYPE (OsaiReportPage, osai_report_page, OSAI, REPORT_PAGE, AdwBin)

GtkWidget *osai_report_page_new        (void);
gpointer   osai_report_page_get_child  (OsaiReportPage *self,
                                        const char     *id);
void       osai_report_page_show_result (OsaiReportPage *self,
                                         gboolean        result);
gboolean   osai_report_page_get_showing_result (OsaiReportPage *self);

G_END_DECLS
