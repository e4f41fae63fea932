/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-report-page.c — the request, the wait and the totals: the window's main page */

#define G_LOG_DOMAIN "osai-report-page"

#include "config.h"

#include "osai-date-row.h"
#include "osai-report-page.h"
#include "osai-totals-view.h"

struct _OsaiReportPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (OsaiReportPage, osai_report_page, ADW_TYPE_BIN)

static void
osai_report_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OSAI_TYPE_REPORT_PAGE);

  G_OBJECT_CLASS (osai_report_page_parent_class)->dispose (object);
}

static void
osai_report_page_class_init (OsaiReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  /* Every widget the window reaches for, by its id in the template. */
  static const char *ids[] = {
    "back_button", "waiting_period_label", "totals_scroller",
    "presets_button", "from_row", "to_row", "datasets_switch",
    "manipulations_switch", "models_switch", "devices_switch", "predictions_switch",
    "validation_label", "generate_button", "result_stack", "waiting_spinner", "elapsed_label",
    "cancel_button", "failed_page", "retry_button", "sign_in_again_button", "totals_view",
    "download_revealer", "download_label", "download_progress", "stop_download_button",
    "save_button", "csv_button",
  };

  object_class->dispose = osai_report_page_dispose;

  g_type_ensure (OSAI_TYPE_DATE_ROW);
  g_type_ensure (OSAI_TYPE_TOTALS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/osaireports/OsaiReports/osai-report-page.ui");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    gtk_widget_class_bind_template_child_full (widget_class, ids[i], FALSE, 0);
}

static void
osai_report_page_init (OsaiReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
osai_report_page_new (void)
{
  return g_object_new (OSAI_TYPE_REPORT_PAGE, NULL);
}

/**
 * osai_report_page_get_child:
 * @self: an #OsaiReportPage
 * @id: the id of a widget in the page's template
 *
 * Returns: (transfer none): the widget
 */
gpointer
osai_report_page_get_child (OsaiReportPage *self,
                            const char     *id)
{
  GObject *child;

  g_return_val_if_fail (OSAI_IS_REPORT_PAGE (self), NULL);

  child = gtk_widget_get_template_child (GTK_WIDGET (self), OSAI_TYPE_REPORT_PAGE, id);
  g_return_val_if_fail (child != NULL, NULL);

  return child;
}

/**
 * osai_report_page_show_result:
 * @self: an #OsaiReportPage
 * @result: %TRUE for the result (the wait, the totals or the failure),
 *   %FALSE for the request
 *
 * Shows the result over the request, or the request again.
 */
void
osai_report_page_show_result (OsaiReportPage *self,
                              gboolean        result)
{
  g_return_if_fail (OSAI_IS_REPORT_PAGE (self));

  /* The stack is the page's own child, not a bound template child: the
   * bin unparents it, and so would disposing the template. */
  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))),
                                    result ? "result" : "request");
}

gboolean
osai_report_page_get_showing_result (OsaiReportPage *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_PAGE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self)))),
                    "result") == 0;
}
