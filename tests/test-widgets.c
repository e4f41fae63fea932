/* test-widgets.c — the date row and the totals view in real windows (Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "osai-date-row.h"
#include "osai-metric.h"
#include "osai-report.h"
#include "osai-totals-view.h"
#include "osai-usage-model.h"
#include "osai-test-utils.h"

#define WAIT_MS 5000

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;

      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_mapped_descendants (GtkWidget *root,
                          GType      type)
{
  guint count = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child))
        count++;
      count += count_mapped_descendants (child, type);
    }

  return count;
}

/* One level bar per bound row. */
static guint
count_share_bars (GtkColumnView *column_view)
{
  return count_mapped_descendants (GTK_WIDGET (column_view), GTK_TYPE_LEVEL_BAR);
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);

      found = find_label (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWindow *
show_in_window (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (child), WAIT_MS);

  return window;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* ---- OsaiDateRow ---------------------------------------------------------- */

static GtkMenuButton *
date_row_button (OsaiDateRow *row)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  return GTK_MENU_BUTTON (button);
}

static void
test_date_row_date (void)
{
  OsaiDateRow *row = OSAI_DATE_ROW (g_object_ref_sink (osai_date_row_new ()));
  GtkMenuButton *button = date_row_button (row);
  g_autofree char *from_property = NULL;
  guint notified = 0;

  g_signal_connect (row, "notify::date", G_CALLBACK (count_notify_cb), &notified);

  g_assert_cmpstr (osai_date_row_get_date (row), ==, "");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Pick a date");
  g_assert_true (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) ==
                 GTK_WIDGET (button));

  osai_date_row_set_date (row, "2026-11-26");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (osai_date_row_get_date (row), ==, "2026-11-26");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "26 Nov 2026");

  /* The same date again says nothing. */
  osai_date_row_set_date (row, "2026-11-26");
  g_assert_cmpuint (notified, ==, 1);

  /* As GSettings would set it. */
  g_object_set (row, "date", "2024-02-29", NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (row, "date", &from_property, NULL);
  g_assert_cmpstr (from_property, ==, "2024-02-29");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "29 Feb 2024");

  /* Not a date: kept as it is, the button asks for one. */
  osai_date_row_set_date (row, "2026-02-30");
  g_assert_cmpuint (notified, ==, 3);
  g_assert_cmpstr (osai_date_row_get_date (row), ==, "2026-02-30");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Pick a date");

  osai_date_row_set_date (row, NULL);
  g_assert_cmpuint (notified, ==, 4);
  g_assert_cmpstr (osai_date_row_get_date (row), ==, "");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "Pick a date");

  g_object_unref (row);
}

static void
test_date_row_calendar (void)
{
  GtkWidget *list = gtk_list_box_new ();
  OsaiDateRow *row = OSAI_DATE_ROW (osai_date_row_new ());
  GtkMenuButton *button = date_row_button (row);
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  GtkCalendar *calendar = NULL;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) pick = NULL;
  GtkWindow *window;
  guint notified = 0;

  /* The calendar is only made when the popover first opens. */
  g_assert_null (gtk_popover_get_child (popover));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Start");
  osai_date_row_set_date (row, "2026-11-26");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  window = show_in_window (list);
  g_signal_connect (row, "notify::date", G_CALLBACK (count_notify_cb), &notified);

  /* Opening the popover shows the row's date. */
  gtk_menu_button_popup (button);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)), WAIT_MS);
  calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_assert_true (GTK_IS_CALENDAR (calendar));
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 26);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpstr (osai_date_row_get_date (row), ==, "2026-11-26");

  /* Picking a day sets it and closes the popover. */
  pick = g_date_time_new_local (2026, 11, 10, 0, 0, 0);
  gtk_calendar_select_day (calendar, pick);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (osai_date_row_get_date (row), ==, "2026-11-10");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "10 Nov 2026");
  OSAI_TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popover)), WAIT_MS);

  /* Opened again after the date changed elsewhere, it follows. */
  osai_date_row_set_date (row, "2025-01-31");
  gtk_menu_button_popup (button);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)), WAIT_MS);
  g_clear_pointer (&shown, g_date_time_unref);
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2025);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 31);
  g_assert_cmpstr (osai_date_row_get_date (row), ==, "2025-01-31");
  gtk_menu_button_popdown (button);
  OSAI_TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popover)), WAIT_MS);

  gtk_window_destroy (window);
}

/* Activating the row (Enter on it) opens the calendar. */
static void
test_date_row_activate (void)
{
  GtkWidget *list = gtk_list_box_new ();
  OsaiDateRow *row = OSAI_DATE_ROW (osai_date_row_new ());
  GtkMenuButton *button = date_row_button (row);
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  GtkWindow *window;

  osai_date_row_set_date (row, "2026-11-26");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  window = show_in_window (list);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)), WAIT_MS);

  gtk_menu_button_popdown (button);
  gtk_window_destroy (window);
}

/* ---- OsaiTotalsView ------------------------------------------------------- */

static JsonNode *
load_fixture_json (const char *name)
{
  g_autofree char *path = osai_test_data_path (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static OsaiReport *
load_report (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  OsaiReport *report = osai_report_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_true (OSAI_IS_REPORT (report));

  return report;
}

static OsaiReport *
load_done_report (void)
{
  g_autoptr(JsonNode) node = load_fixture_json ("report-done.json");

  return load_report (node);
}

static void
test_totals_view_rows (void)
{
  g_autoptr(OsaiReport) report = load_done_report ();
  g_autoptr(OsaiUsageModel) usage = osai_usage_model_new (report);
  OsaiTotalsView *view = OSAI_TOTALS_VIEW (osai_totals_view_new ());
  GListModel *model = osai_totals_view_get_model (view);
  GtkColumnView *column_view = osai_totals_view_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  GtkLabel *period_label;
  GtkWindow *window;
  guint notified = 0;

  g_assert_true (G_IS_LIST_MODEL (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 4);

  g_signal_connect (view, "notify::report", G_CALLBACK (count_notify_cb), &notified);
  osai_totals_view_set_report (view, report);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (osai_totals_view_get_report (view) == report);
  osai_totals_view_set_report (view, report);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (usage)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, OSAI_N_METRICS);

  /* Unsorted, the rows keep the report's order. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OsaiUsageItem) shown = g_list_model_get_item (model, i);
      g_autoptr(OsaiUsageItem) expected = g_list_model_get_item (G_LIST_MODEL (usage), i);

      g_assert_cmpint (osai_usage_item_get_metric (shown), ==,
                       osai_usage_item_get_metric (expected));
    }

  window = show_in_window (GTK_WIDGET (view));

  /* The header. */
  period_label = find_label (GTK_WIDGET (view), "1 January – 31 December 2022");
  g_assert_nonnull (period_label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (period_label)));

  /* Every row is bound: one share bar each, and the cells say what they hold. */
  OSAI_TEST_WAIT_UNTIL (count_share_bars (column_view) == OSAI_N_METRICS, WAIT_MS);
  g_assert_nonnull (find_label (GTK_WIDGET (column_view), "Dataset storage"));
  g_assert_nonnull (find_label (GTK_WIDGET (column_view), "20356 images"));
  g_assert_nonnull (find_label (GTK_WIDGET (column_view), "20356"));
  g_assert_nonnull (find_label (GTK_WIDGET (column_view), "146 s"));
  g_assert_nonnull (find_label (GTK_WIDGET (column_view), "0.04 h"));

  gtk_window_destroy (window);
}

static void
assert_sorted (GListModel   *model,
               double      (*get) (OsaiUsageItem *),
               GtkSortType   order)
{
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OsaiUsageItem) before = g_list_model_get_item (model, i - 1);
      g_autoptr(OsaiUsageItem) after = g_list_model_get_item (model, i);

      if (order == GTK_SORT_ASCENDING)
        g_assert_cmpfloat (get (before), <=, get (after));
      else
        g_assert_cmpfloat (get (before), >=, get (after));
    }
}

static void
test_totals_view_sort (void)
{
  g_autoptr(OsaiReport) report = load_done_report ();
  OsaiTotalsView *view = OSAI_TOTALS_VIEW (osai_totals_view_new ());
  GListModel *model = osai_totals_view_get_model (view);
  GtkColumnView *column_view = osai_totals_view_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  g_autoptr(GtkColumnViewColumn) metric_column = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) value_column = g_list_model_get_item (columns, 1);
  g_autoptr(GtkColumnViewColumn) raw_column = g_list_model_get_item (columns, 2);
  g_autoptr(GtkColumnViewColumn) share_column = g_list_model_get_item (columns, 3);
  GtkWindow *window;

  osai_totals_view_set_report (view, report);
  window = show_in_window (GTK_WIDGET (view));

  g_assert_cmpstr (gtk_column_view_column_get_title (value_column), ==, "Value");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  gtk_column_view_sort_by_column (column_view, value_column, GTK_SORT_ASCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, OSAI_N_METRICS);
  assert_sorted (model, osai_usage_item_get_value, GTK_SORT_ASCENDING);
  {
    g_autoptr(OsaiUsageItem) last = g_list_model_get_item (model, OSAI_N_METRICS - 1);

    /* 1.5e18 KB·min is by far the largest value. */
    g_assert_cmpint (osai_usage_item_get_metric (last), ==, OSAI_METRIC_IMAGES_KB_MIN);
  }

  gtk_column_view_sort_by_column (column_view, value_column, GTK_SORT_DESCENDING);
  assert_sorted (model, osai_usage_item_get_value, GTK_SORT_DESCENDING);
  {
    g_autoptr(OsaiUsageItem) first = g_list_model_get_item (model, 0);

    g_assert_cmpint (osai_usage_item_get_metric (first), ==, OSAI_METRIC_IMAGES_KB_MIN);
  }

  gtk_column_view_sort_by_column (column_view, raw_column, GTK_SORT_ASCENDING);
  assert_sorted (model, osai_usage_item_get_raw_value, GTK_SORT_ASCENDING);

  gtk_column_view_sort_by_column (column_view, share_column, GTK_SORT_DESCENDING);
  assert_sorted (model, osai_usage_item_get_share, GTK_SORT_DESCENDING);

  gtk_column_view_sort_by_column (column_view, metric_column, GTK_SORT_ASCENDING);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OsaiUsageItem) before = g_list_model_get_item (model, i - 1);
      g_autoptr(OsaiUsageItem) after = g_list_model_get_item (model, i);

      g_assert_cmpint (g_utf8_collate (osai_usage_item_get_label (before),
                                       osai_usage_item_get_label (after)), <=, 0);
    }

  /* The rows on screen follow: they are still all there, bound. */
  OSAI_TEST_WAIT_UNTIL (count_share_bars (column_view) == OSAI_N_METRICS, WAIT_MS);

  /* No sort column: the report's order again. */
  gtk_column_view_sort_by_column (column_view, NULL, GTK_SORT_ASCENDING);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OsaiUsageItem) item = g_list_model_get_item (model, i);

      g_assert_cmpint (osai_usage_item_get_metric (item), ==, i);
    }

  gtk_window_destroy (window);
}

/* Kinds of usage switched off in the request are not listed, and the header
 * says so. */
static void
test_totals_view_excluded (void)
{
  g_autoptr(JsonNode) node = load_fixture_json ("report-done.json");
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(OsaiReport) full = load_done_report ();
  OsaiTotalsView *view = OSAI_TOTALS_VIEW (osai_totals_view_new ());
  GListModel *model = osai_totals_view_get_model (view);
  const char *note = "Kinds of usage that were switched off for this report are not listed.";
  GtkLabel *note_label;
  GtkWindow *window;

  json_object_set_boolean_member (json_node_get_object (node), "includePredictions", FALSE);
  json_object_set_boolean_member (json_node_get_object (node), "includeRentedDevices", FALSE);
  report = load_report (node);

  window = show_in_window (GTK_WIDGET (view));
  osai_totals_view_set_report (view, report);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, OSAI_N_METRICS - 3);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OsaiUsageItem) item = g_list_model_get_item (model, i);
      const OsaiMetricInfo *info = osai_metric_get_info (osai_usage_item_get_metric (item));

      g_assert_cmpint (info->include & (OSAI_INCLUDE_PREDICTIONS | OSAI_INCLUDE_RENTED_DEVICES),
                       ==, 0);
    }
  note_label = find_label (GTK_WIDGET (view), note);
  g_assert_nonnull (note_label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (note_label)));

  /* Everything included: every row, no note. */
  osai_totals_view_set_report (view, full);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, OSAI_N_METRICS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (note_label)));

  gtk_window_destroy (window);
}

static void
test_totals_view_empty (void)
{
  g_autoptr(OsaiReport) report = load_done_report ();
  OsaiTotalsView *view = OSAI_TOTALS_VIEW (osai_totals_view_new ());
  GListModel *model = osai_totals_view_get_model (view);
  GtkColumnView *column_view = osai_totals_view_get_column_view (view);
  GtkWindow *window;
  guint notified = 0;

  osai_totals_view_set_report (view, report);
  window = show_in_window (GTK_WIDGET (view));
  OSAI_TEST_WAIT_UNTIL (count_share_bars (column_view) == OSAI_N_METRICS, WAIT_MS);

  g_signal_connect (view, "notify::report", G_CALLBACK (count_notify_cb), &notified);
  osai_totals_view_set_report (view, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_null (osai_totals_view_get_report (view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (find_label (GTK_WIDGET (view), "1 January – 31 December 2022"));
  OSAI_TEST_WAIT_UNTIL (count_share_bars (column_view) == 0, WAIT_MS);

  /* And back. */
  osai_totals_view_set_report (view, report);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, OSAI_N_METRICS);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Dates and numbers as the tests spell them, whatever the machine's locale. */
  gtk_disable_setlocale ();
  gtk_init ();
  adw_init ();

  g_test_add_func ("/date-row/date", test_date_row_date);
  g_test_add_func ("/date-row/calendar", test_date_row_calendar);
  g_test_add_func ("/date-row/activate", test_date_row_activate);
  g_test_add_func ("/totals-view/rows", test_totals_view_rows);
  g_test_add_func ("/totals-view/sort", test_totals_view_sort);
  g_test_add_func ("/totals-view/excluded", test_totals_view_excluded);
  g_test_add_func ("/totals-view/empty", test_totals_view_empty);

  return g_test_run ();
}
