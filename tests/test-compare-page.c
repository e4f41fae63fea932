/* test-compare-page.c — the comparison view and the Compare page in real windows (Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With OSAI_TEST_KEEP_OPEN=SECONDS, /compare-page/screenshot keeps its
 * window open that long, for a screenshot of the X screen:
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" sh -c 'OSAI_TEST_KEEP_OPEN=8 \
 *     tests/test-compare-page -p /compare-page/screenshot & sleep 5; \
 *     xdotool mousemove 1279 799; import -window root compare-page.png; wait'
 */
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "osai-compare-page.h"
#include "osai-comparison-view.h"
#include "osai-period.h"
#include "osai-test-history.h"
#include "osai-test-utils.h"
#include "osai-time.h"

#define WAIT_MS 5000
#define SERVER "https://app-eu.onestepai.com/api"
#define SEPTEMBER_FROM "2026-09-01T00:00:00Z"
#define OCTOBER_FROM   "2026-10-01T00:00:00Z"
#define NOVEMBER_FROM  "2026-11-01T00:00:00Z"
#define DECEMBER_FROM  "2026-12-01T00:00:00Z"

/* ---- Widgets ------------------------------------------------------------------------------ */

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

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;

      found = find_button (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The combo row titled @title. */
static AdwComboRow *
find_combo_row (GtkWidget  *root,
                const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found;

      if (ADW_IS_COMBO_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_COMBO_ROW (child);

      found = find_combo_row (child, title);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (labels, child);
      else
        collect_labels (child, labels);
    }
}

/* The labels of the row whose metric is @metric, cell by cell: label →
 * cell → row. */
static GPtrArray *
row_labels (GtkColumnView *column_view,
            const char    *metric)
{
  GtkLabel *label = find_label (GTK_WIDGET (column_view), metric);
  GPtrArray *labels = g_ptr_array_new ();
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (label)));
  collect_labels (row, labels);
  g_assert_cmpuint (labels->len, ==, 5);
  g_assert_true (g_ptr_array_index (labels, 0) == label);

  return labels;
}

static void
assert_row (GtkColumnView *column_view,
            const char    *metric,
            const char    *a,
            const char    *b,
            const char    *difference,
            const char    *change)
{
  g_autoptr(GPtrArray) labels = row_labels (column_view, metric);
  const char *expected[] = { metric, a, b, difference, change };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (gtk_label_get_label (g_ptr_array_index (labels, i)), ==, expected[i]);
}

static const char *
cell_tooltip (GtkColumnView *column_view,
              const char    *metric,
              guint          column)
{
  g_autoptr(GPtrArray) labels = row_labels (column_view, metric);

  return gtk_widget_get_tooltip_text (g_ptr_array_index (labels, column));
}

static guint
count_metric_cells (GtkColumnView *column_view)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint count = 0;

  collect_labels (GTK_WIDGET (column_view), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      /* The metric column's labels wrap; the numbers do not. */
      if (gtk_label_get_wrap (GTK_LABEL (label)) && gtk_widget_get_mapped (label))
        count++;
    }

  return count;
}

static GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (child), WAIT_MS);

  return window;
}

static void
count_cb (gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* ---- History ------------------------------------------------------------------------------ */

typedef struct
{
  char        *root;
  OsaiHistory *history;
} Fixture;


static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  f->root = g_dir_make_tmp ("test-compare-page-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (f->root, "history", NULL);
  f->history = osai_history_new (dir);
  osai_history_load (f->history, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  osai_test_remove_tree (f->root);
  g_free (f->root);
}

static void
add_ok (OsaiHistory      *history,
        OsaiHistoryEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (osai_history_add (history, entry, &error));
  g_assert_no_error (error);
}

static void
remove_ok (OsaiHistory      *history,
           OsaiHistoryEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (osai_history_remove (history, entry, &error));
  g_assert_no_error (error);
}

/* The midnight a month after @from, as the API writes it. */
static char *
month_after (const char *from)
{
  g_autoptr(GDateTime) start = osai_time_parse_iso8601 (from, NULL);
  g_autoptr(GDateTime) end = g_date_time_add_months (start, 1);

  return g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
}

/* A finished report of the month from @from, made the day after it. */
static OsaiHistoryEntry *
month_entry (gint64                id,
             const char           *from,
             OsaiIncludeFlags      include,
             const OsaiTestTotals *totals)
{
  g_autofree char *to = month_after (from);
  g_autoptr(GDateTime) end = osai_time_parse_iso8601 (to, NULL);
  g_autoptr(GDateTime) made = g_date_time_add_hours (end, 8);
  g_autofree char *created = g_date_time_format (made, "%Y-%m-%dT%H:%M:%SZ");

  return osai_test_entry (SERVER, id, created, from, to, include, totals);
}

static OsaiHistoryEntry *
failed_entry (gint64 id)
{
  g_autoptr(GBytes) payload = osai_test_payload (id, 1, OSAI_INCLUDE_ALL, SEPTEMBER_FROM,
                                                 OCTOBER_FROM, NULL);
  g_autoptr(OsaiReportRequest) request = osai_test_request (SEPTEMBER_FROM, OCTOBER_FROM,
                                                            OSAI_INCLUDE_ALL);
  g_autoptr(GDateTime) created = osai_time_parse_iso8601 ("2026-10-02T08:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry;

  entry = osai_history_entry_new_from_payload (SERVER, NULL, request, payload, created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_FAILED);
  return entry;
}

/* October (A) against November (B):
 *   training 8 GB   10 h → 12.5 h        +2.5 h      +25 %
 *   images          200 → 150            −50 images  −25 %
 *   prediction 8 GB 0 h → 1 h            +1 h        — (from zero)
 *   model storage   100 → 96.5 MB·h      −3.5 MB·h   −3.5 %
 *   dataset storage 10 → 10.5 MB·h       +0.50 MB·h  +5 %
 *   rented devices  — (switched off in A) → 0.5 h    —           —
 * and every other metric 0 in both. */
static void
fill_october_november (OsaiTestTotals *a,
                       OsaiTestTotals *b)
{
  memset (a, 0, sizeof *a);
  memset (b, 0, sizeof *b);
  a->totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 36000;
  b->totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 45000;
  a->totals[OSAI_METRIC_EXISTING_IMAGES] = 200;
  b->totals[OSAI_METRIC_EXISTING_IMAGES] = 150;
  a->totals[OSAI_METRIC_PREDICTION_SECONDS_8GB] = 0;
  b->totals[OSAI_METRIC_PREDICTION_SECONDS_8GB] = 3600;
  a->totals[OSAI_METRIC_MODELS_KB_MIN] = 6000000;
  b->totals[OSAI_METRIC_MODELS_KB_MIN] = 5790000;
  a->totals[OSAI_METRIC_IMAGES_KB_MIN] = 600000;
  b->totals[OSAI_METRIC_IMAGES_KB_MIN] = 630000;
  a->totals[OSAI_METRIC_DEVICE_RENTAL_SECONDS] = 7200;   /* not counted: switched off */
  b->totals[OSAI_METRIC_DEVICE_RENTAL_SECONDS] = 1800;
}

#define A_INCLUDE (OSAI_INCLUDE_ALL & ~OSAI_INCLUDE_RENTED_DEVICES)

/* ---- OsaiComparisonView ------------------------------------------------------------------- */

static void
test_view_rows (void)
{
  OsaiTestTotals a_totals, b_totals;
  g_autoptr(OsaiHistoryEntry) a = NULL;
  g_autoptr(OsaiHistoryEntry) b = NULL;
  g_autoptr(OsaiComparison) comparison = NULL;
  OsaiComparisonView *view = OSAI_COMPARISON_VIEW (osai_comparison_view_new ());
  GtkColumnView *column_view = osai_comparison_view_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  g_autoptr(GtkColumnViewColumn) a_column = g_list_model_get_item (columns, 1);
  g_autoptr(GtkColumnViewColumn) b_column = g_list_model_get_item (columns, 2);
  GtkWindow *window;
  guint notified = 0;

  fill_october_november (&a_totals, &b_totals);
  /* Differences too small to show with two decimals, both ways. */
  a_totals.totals[OSAI_METRIC_CONVERSION_SECONDS_8GB] = 36000;
  b_totals.totals[OSAI_METRIC_CONVERSION_SECONDS_8GB] = 36010;
  a_totals.totals[OSAI_METRIC_PREDICTION_SECONDS_16GB] = 7200;
  b_totals.totals[OSAI_METRIC_PREDICTION_SECONDS_16GB] = 7190;
  a = month_entry (16718, OCTOBER_FROM, A_INCLUDE, &a_totals);
  b = month_entry (16730, NOVEMBER_FROM, OSAI_INCLUDE_ALL, &b_totals);
  comparison = osai_comparison_new (a, b);

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
  g_assert_null (osai_comparison_view_get_comparison (view));
  g_assert_cmpuint (g_list_model_get_n_items (osai_comparison_view_get_model (view)), ==, 0);

  g_signal_connect_swapped (view, "notify::comparison", G_CALLBACK (count_cb), &notified);
  osai_comparison_view_set_comparison (view, comparison);
  osai_comparison_view_set_comparison (view, comparison);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (osai_comparison_view_get_comparison (view) == comparison);
  g_assert_cmpuint (g_list_model_get_n_items (osai_comparison_view_get_model (view)), ==,
                    OSAI_N_METRICS);

  /* The value columns are titled with their periods; the header names both. */
  g_assert_cmpstr (gtk_column_view_column_get_title (a_column), ==, "October 2026");
  g_assert_cmpstr (gtk_column_view_column_get_title (b_column), ==, "November 2026");

  window = show_in_window (GTK_WIDGET (view), 1000, 760);
  g_assert_nonnull (find_label (GTK_WIDGET (view), "October 2026 → November 2026"));
  g_assert_nonnull (find_label (GTK_WIDGET (view),
                                "Report 16718, made 1 Nov 2026, 08:00 · "
                                "Report 16730, made 1 Dec 2026, 08:00"));
  /* A kind of usage switched off in one report: the header says what "—" means. */
  g_assert_true (gtk_widget_get_visible (
    GTK_WIDGET (find_label (GTK_WIDGET (view),
                            "“—” marks usage a report did not count (switched off for it), "
                            "which is not the same as zero."))));

  OSAI_TEST_WAIT_UNTIL (count_metric_cells (column_view) == OSAI_N_METRICS, WAIT_MS);

  assert_row (column_view, "Training time (8 GB GPU)", "10 h", "12.5 h", "+2.5 h", "+25 %");
  assert_row (column_view, "Existing images", "200 images", "150 images", "−50 images",
              "−25 %");
  assert_row (column_view, "Prediction time (8 GB GPU)", "0 h", "1 h", "+1 h", "—");
  assert_row (column_view, "Model storage", "100 MB·h", "96.5 MB·h", "−3.5 MB·h", "−3.5 %");
  assert_row (column_view, "Dataset storage", "10 MB·h", "10.5 MB·h", "+0.50 MB·h", "+5 %");
  assert_row (column_view, "Training time (16 GB GPU)", "0 h", "0 h", "0 h", "—");
  assert_row (column_view, "Conversion time (8 GB GPU)", "10 h", "10.0 h", "< +0.01 h",
              "+0.03 %");
  assert_row (column_view, "Prediction time (16 GB GPU)", "2 h", "2.0 h", "> −0.01 h",
              "−0.14 %");

  /* Missing is "—" and says why, never 0. */
  assert_row (column_view, "Rented device time", "—", "0.50 h", "—", "—");
  g_assert_cmpstr (cell_tooltip (column_view, "Rented device time", 1), ==,
                   "Not included in this report");
  g_assert_cmpstr (cell_tooltip (column_view, "Rented device time", 3), ==,
                   "Not included in one of the reports");
  g_assert_cmpstr (cell_tooltip (column_view, "Prediction time (8 GB GPU)", 4), ==,
                   "No change in percent from zero");
  g_assert_cmpstr (cell_tooltip (column_view, "Training time (8 GB GPU)", 0), ==, "Compute");
  g_assert_cmpstr (cell_tooltip (column_view, "Training time (8 GB GPU)", 2), ==,
                   "Hours of GPU or device time.");

  /* Empty again: no rows, no header. */
  osai_comparison_view_set_comparison (view, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (osai_comparison_view_get_model (view)), ==, 0);
  g_assert_null (find_label (GTK_WIDGET (view), "October 2026 → November 2026"));
  g_assert_cmpstr (gtk_column_view_column_get_title (a_column), ==, "First Report");
  OSAI_TEST_WAIT_UNTIL (count_metric_cells (column_view) == 0, WAIT_MS);

  gtk_window_destroy (window);
}

/* Rows with @column's value, in @order, then those without it. */
static void
assert_sorted_missing_last (GListModel *model,
                            gboolean  (*has) (OsaiComparisonItem *),
                            double    (*get) (OsaiComparisonItem *),
                            GtkSortType order)
{
  gboolean seen_missing = FALSE;
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, OSAI_N_METRICS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiComparisonItem) item = g_list_model_get_item (model, i);

      if (!has (item))
        {
          seen_missing = TRUE;
          continue;
        }

      g_assert_false (seen_missing);
      if (i > 0)
        {
          g_autoptr(OsaiComparisonItem) before = g_list_model_get_item (model, i - 1);

          if (order == GTK_SORT_ASCENDING)
            g_assert_cmpfloat (get (before), <=, get (item));
          else
            g_assert_cmpfloat (get (before), >=, get (item));
        }
    }
  g_assert_true (seen_missing);
}

static OsaiMetric
metric_at (GListModel *model,
           guint       position)
{
  g_autoptr(OsaiComparisonItem) item = g_list_model_get_item (model, position);

  return osai_comparison_item_get_metric (item);
}

static void
test_view_sort (void)
{
  OsaiTestTotals a_totals, b_totals;
  g_autoptr(OsaiHistoryEntry) a = NULL;
  g_autoptr(OsaiHistoryEntry) b = NULL;
  g_autoptr(OsaiComparison) comparison = NULL;
  OsaiComparisonView *view = OSAI_COMPARISON_VIEW (osai_comparison_view_new ());
  GListModel *model = osai_comparison_view_get_model (view);
  GtkColumnView *column_view = osai_comparison_view_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  g_autoptr(GtkColumnViewColumn) metric_column = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) a_column = g_list_model_get_item (columns, 1);
  g_autoptr(GtkColumnViewColumn) b_column = g_list_model_get_item (columns, 2);
  g_autoptr(GtkColumnViewColumn) difference_column = g_list_model_get_item (columns, 3);
  g_autoptr(GtkColumnViewColumn) change_column = g_list_model_get_item (columns, 4);
  GtkWindow *window;

  fill_october_november (&a_totals, &b_totals);
  a = month_entry (16718, OCTOBER_FROM, A_INCLUDE, &a_totals);
  b = month_entry (16730, NOVEMBER_FROM, OSAI_INCLUDE_ALL, &b_totals);
  comparison = osai_comparison_new (a, b);
  osai_comparison_view_set_comparison (view, comparison);
  window = show_in_window (GTK_WIDGET (view), 1000, 760);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  /* Change: the largest first, or last; those without one last either way. */
  gtk_column_view_sort_by_column (column_view, change_column, GTK_SORT_DESCENDING);
  assert_sorted_missing_last (model, osai_comparison_item_has_change,
                              osai_comparison_item_get_change_percent, GTK_SORT_DESCENDING);
  g_assert_cmpint (metric_at (model, 0), ==, OSAI_METRIC_TRAINING_SECONDS_8GB);    /* +25 % */
  g_assert_cmpint (metric_at (model, 1), ==, OSAI_METRIC_IMAGES_KB_MIN);           /* +5 % */
  g_assert_cmpint (metric_at (model, 2), ==, OSAI_METRIC_MODELS_KB_MIN);           /* −3.5 % */
  g_assert_cmpint (metric_at (model, 3), ==, OSAI_METRIC_EXISTING_IMAGES);         /* −25 % */

  gtk_column_view_sort_by_column (column_view, change_column, GTK_SORT_ASCENDING);
  assert_sorted_missing_last (model, osai_comparison_item_has_change,
                              osai_comparison_item_get_change_percent, GTK_SORT_ASCENDING);
  g_assert_cmpint (metric_at (model, 0), ==, OSAI_METRIC_EXISTING_IMAGES);
  g_assert_cmpint (metric_at (model, 3), ==, OSAI_METRIC_TRAINING_SECONDS_8GB);

  /* The values and the difference: the row missing in A last, both ways. */
  for (guint order = GTK_SORT_ASCENDING; order <= GTK_SORT_DESCENDING; order++)
    {
      gtk_column_view_sort_by_column (column_view, a_column, order);
      assert_sorted_missing_last (model, osai_comparison_item_has_value_a,
                                  osai_comparison_item_get_value_a, order);
      g_assert_cmpint (metric_at (model, OSAI_N_METRICS - 1), ==,
                       OSAI_METRIC_DEVICE_RENTAL_SECONDS);

      gtk_column_view_sort_by_column (column_view, difference_column, order);
      assert_sorted_missing_last (model, osai_comparison_item_has_difference,
                                  osai_comparison_item_get_difference, order);
      g_assert_cmpint (metric_at (model, OSAI_N_METRICS - 1), ==,
                       OSAI_METRIC_DEVICE_RENTAL_SECONDS);
    }

  /* B has every value: a plain numeric order. */
  gtk_column_view_sort_by_column (column_view, b_column, GTK_SORT_DESCENDING);
  for (guint i = 1; i < OSAI_N_METRICS; i++)
    {
      g_autoptr(OsaiComparisonItem) before = g_list_model_get_item (model, i - 1);
      g_autoptr(OsaiComparisonItem) after = g_list_model_get_item (model, i);

      g_assert_cmpfloat (osai_comparison_item_get_value_b (before), >=,
                         osai_comparison_item_get_value_b (after));
    }
  g_assert_cmpint (metric_at (model, 0), ==, OSAI_METRIC_EXISTING_IMAGES);   /* 150 */

  gtk_column_view_sort_by_column (column_view, metric_column, GTK_SORT_ASCENDING);
  for (guint i = 1; i < OSAI_N_METRICS; i++)
    {
      g_autoptr(OsaiComparisonItem) before = g_list_model_get_item (model, i - 1);
      g_autoptr(OsaiComparisonItem) after = g_list_model_get_item (model, i);

      g_assert_cmpint (g_utf8_collate (osai_comparison_item_get_label (before),
                                       osai_comparison_item_get_label (after)), <=, 0);
    }

  /* The rows on screen follow, all bound. */
  OSAI_TEST_WAIT_UNTIL (count_metric_cells (column_view) == OSAI_N_METRICS, WAIT_MS);

  /* No sort column: the comparison's order again. */
  gtk_column_view_sort_by_column (column_view, NULL, GTK_SORT_ASCENDING);
  for (guint i = 0; i < OSAI_N_METRICS; i++)
    g_assert_cmpint (metric_at (model, i), ==, i);

  gtk_window_destroy (window);
}

/* ---- OsaiComparePage ---------------------------------------------------------------------- */

typedef struct
{
  OsaiComparePage *page;
  GtkWindow       *window;
  AdwComboRow     *first_row;
  AdwComboRow     *second_row;
} Page;

static void
page_open (Page        *p,
           OsaiHistory *history)
{
  p->page = OSAI_COMPARE_PAGE (osai_compare_page_new ());
  if (history != NULL)
    osai_compare_page_set_history (p->page, history);
  p->window = show_in_window (GTK_WIDGET (p->page), 1000, 760);
  p->first_row = find_combo_row (GTK_WIDGET (p->page), "_First Report");
  p->second_row = find_combo_row (GTK_WIDGET (p->page), "_Second Report");
  g_assert_nonnull (p->first_row);
  g_assert_nonnull (p->second_row);
}

static void
page_close (Page *p)
{
  gtk_window_destroy (p->window);
}

static const char *
visible_page (Page *p)
{
  GtkStack *stack = GTK_STACK (find_descendant (GTK_WIDGET (p->page), GTK_TYPE_STACK));

  return gtk_stack_get_visible_child_name (stack);
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  GtkLabel *label = find_label (root, text);

  return label != NULL && gtk_widget_is_visible (GTK_WIDGET (label));
}

static gboolean
label_mapped (GtkWidget  *root,
              const char *text)
{
  GtkLabel *label = find_label (root, text);

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label));
}

static guint
position_in (GListModel       *model,
             OsaiHistoryEntry *entry)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OsaiHistoryEntry) item = g_list_model_get_item (model, i);

      if (item == entry)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Three finished reports (September, October, November), one failed and
 * one still pending. */
static void
fill_history (OsaiHistory       *history,
              OsaiHistoryEntry **out_september,
              OsaiHistoryEntry **out_october,
              OsaiHistoryEntry **out_november)
{
  OsaiTestTotals a_totals, b_totals;
  g_autoptr(OsaiHistoryEntry) september = NULL;
  g_autoptr(OsaiHistoryEntry) october = NULL;
  g_autoptr(OsaiHistoryEntry) november = NULL;
  g_autoptr(OsaiHistoryEntry) failed = failed_entry (16740);
  g_autoptr(OsaiHistoryEntry) pending = osai_test_pending_entry (SERVER, 16750,
                                                                 "2026-12-02T08:00:00Z");

  fill_october_november (&a_totals, &b_totals);
  september = month_entry (16700, SEPTEMBER_FROM, OSAI_INCLUDE_ALL, &a_totals);
  october = month_entry (16718, OCTOBER_FROM, A_INCLUDE, &a_totals);
  november = month_entry (16730, NOVEMBER_FROM, OSAI_INCLUDE_ALL, &b_totals);
  add_ok (history, september);
  add_ok (history, october);
  add_ok (history, failed);
  add_ok (history, november);
  add_ok (history, pending);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 5);

  /* The history holds them. */
  *out_september = september;
  *out_october = october;
  *out_november = november;
}

static void
test_page_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OsaiHistoryEntry) failed = failed_entry (16740);
  g_autoptr(OsaiHistoryEntry) pending = osai_test_pending_entry (SERVER, 16750,
                                                                 "2026-12-02T08:00:00Z");
  Page p;

  /* No history at all, then one without a finished report. */
  page_open (&p, NULL);
  g_assert_cmpstr (visible_page (&p), ==, "empty");
  g_assert_true (label_shown (GTK_WIDGET (p.page), "Nothing to Compare Yet"));
  g_assert_true (label_shown (GTK_WIDGET (p.page),
                              "Make a report first; then compare it with another period."));

  add_ok (f->history, failed);
  add_ok (f->history, pending);
  osai_compare_page_set_history (p.page, f->history);
  g_assert_true (osai_compare_page_get_history (p.page) == f->history);
  g_assert_cmpstr (visible_page (&p), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (p.first_row)), ==, 0);
  g_assert_null (osai_compare_page_get_a (p.page));
  g_assert_null (osai_compare_page_get_comparison (p.page));

  page_close (&p);
}

static void
test_page_pick (Fixture       *f,
                gconstpointer  data)
{
  OsaiHistoryEntry *september, *october, *november;
  GListModel *model;
  GtkWidget *export_button;
  gboolean has_comparison = TRUE;
  guint comparison_notified = 0;
  Page p;

  fill_history (f->history, &september, &october, &november);
  page_open (&p, f->history);
  g_assert_cmpstr (visible_page (&p), ==, "compare");

  /* Only the finished reports, newest first, in both rows. */
  model = adw_combo_row_get_model (p.first_row);
  g_assert_true (model == adw_combo_row_get_model (p.second_row));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (model, i);

      g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_DONE);
    }
  g_assert_cmpuint (position_in (model, november), ==, 0);
  g_assert_cmpuint (position_in (model, september), ==, 2);

  /* Nothing picked: the newest report is the first, and a hint asks for a second. */
  g_assert_true (osai_compare_page_get_a (p.page) == november);
  g_assert_null (osai_compare_page_get_b (p.page));
  g_assert_null (osai_compare_page_get_comparison (p.page));
  g_object_get (p.page, "has-comparison", &has_comparison, NULL);
  g_assert_false (has_comparison);
  g_assert_true (adw_combo_row_get_selected_item (p.first_row) == november);
  g_assert_cmpuint (adw_combo_row_get_selected (p.second_row), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (label_shown (GTK_WIDGET (p.page), "Choose a Second Report"));
  /* A row says the period and when the report was made. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (p.first_row)), ==,
                   "1 – 30 November 2026 · made 1 Dec 2026, 08:00");

  /* The list to choose from: each report's period, and when it was made. */
  gtk_widget_activate (GTK_WIDGET (p.first_row));
  OSAI_TEST_WAIT_UNTIL (label_mapped (GTK_WIDGET (p.first_row), "made 1 Oct 2026, 08:00"),
                        WAIT_MS);
  g_assert_true (label_mapped (GTK_WIDGET (p.first_row), "1 – 30 September 2026"));
  g_assert_true (label_mapped (GTK_WIDGET (p.first_row), "1 – 31 October 2026"));
  gtk_popover_popdown (GTK_POPOVER (find_descendant (GTK_WIDGET (p.first_row), GTK_TYPE_POPOVER)));

  g_signal_connect_swapped (p.page, "notify::comparison", G_CALLBACK (count_cb),
                            &comparison_notified);

  /* Picking two compares them. */
  adw_combo_row_set_selected (p.first_row, position_in (model, october));
  g_assert_true (osai_compare_page_get_a (p.page) == october);
  g_assert_null (osai_compare_page_get_comparison (p.page));
  adw_combo_row_set_selected (p.second_row, position_in (model, november));
  g_assert_true (osai_compare_page_get_b (p.page) == november);
  g_assert_nonnull (osai_compare_page_get_comparison (p.page));
  g_assert_true (osai_comparison_get_a (osai_compare_page_get_comparison (p.page)) == october);
  g_assert_true (osai_comparison_get_b (osai_compare_page_get_comparison (p.page)) == november);
  g_assert_cmpuint (comparison_notified, ==, 1);
  g_object_get (p.page, "has-comparison", &has_comparison, NULL);
  g_assert_true (has_comparison);
  g_assert_false (label_shown (GTK_WIDGET (p.page), "Choose a Second Report"));
  OSAI_TEST_WAIT_UNTIL (label_shown (GTK_WIDGET (p.page), "October 2026 → November 2026"),
                        WAIT_MS);
  export_button = find_button (GTK_WIDGET (p.page), "_Export as CSV…");
  g_assert_nonnull (export_button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (export_button)), ==,
                   "win.export-comparison");
  g_assert_true (gtk_widget_get_sensitive (export_button));

  /* The view shows the page's comparison. */
  {
    OsaiComparisonView *view =
      OSAI_COMPARISON_VIEW (find_descendant (GTK_WIDGET (p.page), OSAI_TYPE_COMPARISON_VIEW));

    g_assert_true (osai_comparison_view_get_comparison (view) ==
                   osai_compare_page_get_comparison (p.page));
  }

  /* Set from outside: the rows follow. */
  osai_compare_page_set_entries (p.page, september, october);
  g_assert_true (adw_combo_row_get_selected_item (p.first_row) == september);
  g_assert_true (adw_combo_row_get_selected_item (p.second_row) == october);
  g_assert_true (osai_comparison_get_a (osai_compare_page_get_comparison (p.page)) == september);
  g_assert_cmpuint (comparison_notified, ==, 2);

  /* Only the second. */
  osai_compare_page_set_entries (p.page, NULL, november);
  g_assert_null (osai_compare_page_get_a (p.page));
  g_assert_cmpuint (adw_combo_row_get_selected (p.first_row), ==, GTK_INVALID_LIST_POSITION);
  g_assert_null (osai_compare_page_get_comparison (p.page));
  g_assert_true (label_shown (GTK_WIDGET (p.page), "Choose a First Report"));
  g_assert_false (gtk_widget_get_sensitive (export_button));

  page_close (&p);
}

typedef struct
{
  OsaiComparePage  *page;
  OsaiHistory      *history;
  guint             emitted;
  OsaiHistoryEntry *base;
  int               shift;
} ShiftData;

/* As the window does: the report for the shifted period, then compared. */
static void
generate_shifted_cb (OsaiComparePage  *page,
                     OsaiHistoryEntry *base,
                     int               shift,
                     ShiftData        *data)
{
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(OsaiHistoryEntry) made = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  OsaiTestTotals totals = { { 0 } };

  data->emitted++;
  g_set_object (&data->base, base);
  data->shift = shift;

  request = osai_period_shift_request (osai_history_entry_get_request (base), shift);
  g_assert_nonnull (request);
  from = osai_time_format_iso8601 (osai_report_request_get_period_from (request));
  to = osai_time_format_iso8601 (osai_report_request_get_period_to (request));
  totals.totals[OSAI_METRIC_TRAINING_SECONDS_8GB] = 18000;
  made = osai_test_entry (SERVER, 17000 + data->emitted, "2026-12-05T08:00:00Z", from, to,
                          osai_report_request_get_include (request), &totals);
  add_ok (data->history, made);
  osai_compare_page_set_entries (page, made, base);
}

static void
test_page_generate_shifted (Fixture       *f,
                            gconstpointer  data)
{
  OsaiHistoryEntry *september, *october, *november;
  ShiftData shift_data = { 0 };
  GtkWidget *previous_button, *year_button;
  OsaiComparison *comparison;
  Page p;

  fill_history (f->history, &september, &october, &november);
  page_open (&p, f->history);
  shift_data.page = p.page;
  shift_data.history = f->history;
  g_signal_connect (p.page, "generate-shifted", G_CALLBACK (generate_shifted_cb), &shift_data);

  previous_button = find_button (GTK_WIDGET (p.page), "_Previous Period");
  year_button = find_button (GTK_WIDGET (p.page), "Same Period _Last Year");
  g_assert_nonnull (previous_button);
  g_assert_nonnull (year_button);
  g_assert_true (osai_compare_page_get_a (p.page) == november);

  /* The previous period of November: October 2026, made and compared. */
  g_assert_true (gtk_widget_is_sensitive (previous_button));
  g_signal_emit_by_name (previous_button, "clicked");
  g_assert_cmpuint (shift_data.emitted, ==, 1);
  g_assert_true (shift_data.base == november);
  g_assert_cmpint (shift_data.shift, ==, OSAI_PERIOD_SHIFT_PREVIOUS);
  comparison = osai_compare_page_get_comparison (p.page);
  g_assert_nonnull (comparison);
  g_assert_true (osai_comparison_get_b (comparison) == november);
  g_assert_cmpstr (osai_history_entry_get_period_text (osai_comparison_get_a (comparison)), ==,
                   "1 – 31 October 2026");
  g_assert_cmpint (osai_history_entry_get_report_id (osai_compare_page_get_a (p.page)), ==, 17001);
  /* The new report is in the rows. */
  g_assert_true (adw_combo_row_get_selected_item (p.first_row) == osai_compare_page_get_a (p.page));
  g_assert_true (adw_combo_row_get_selected_item (p.second_row) == november);

  /* The same period last year of the first report (now October 2026). */
  g_signal_emit_by_name (year_button, "clicked");
  g_assert_cmpuint (shift_data.emitted, ==, 2);
  g_assert_cmpint (shift_data.shift, ==, OSAI_PERIOD_SHIFT_YEAR_BEFORE);
  g_assert_cmpint (osai_history_entry_get_report_id (shift_data.base), ==, 17001);
  g_assert_cmpstr (osai_history_entry_get_period_text (osai_compare_page_get_a (p.page)), ==,
                   "1 – 31 October 2025");

  /* Not while the window cannot make a report. */
  osai_compare_page_set_can_generate (p.page, FALSE);
  OSAI_TEST_WAIT_UNTIL (!gtk_widget_is_sensitive (previous_button), WAIT_MS);
  g_assert_false (gtk_widget_is_sensitive (year_button));
  gtk_widget_activate_action (GTK_WIDGET (p.page), "compare.previous-period", NULL);
  g_assert_cmpuint (shift_data.emitted, ==, 2);
  osai_compare_page_set_can_generate (p.page, TRUE);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (previous_button), WAIT_MS);

  /* Nor without a first report. */
  osai_compare_page_set_entries (p.page, NULL, november);
  OSAI_TEST_WAIT_UNTIL (!gtk_widget_is_sensitive (previous_button), WAIT_MS);
  gtk_widget_activate_action (GTK_WIDGET (p.page), "compare.year-before", NULL);
  g_assert_cmpuint (shift_data.emitted, ==, 2);

  g_clear_object (&shift_data.base);
  page_close (&p);
}

static void
test_page_history_changes (Fixture       *f,
                           gconstpointer  data)
{
  OsaiHistoryEntry *september, *october, *november;
  g_autoptr(OsaiHistoryEntry) keep_october = NULL;
  g_autoptr(OsaiHistoryEntry) keep_november = NULL;
  g_autoptr(OsaiHistoryEntry) october_again = NULL;
  g_autoptr(OsaiHistoryEntry) december = NULL;
  OsaiTestTotals totals = { { 0 } };
  GListModel *model;
  Page p;

  fill_history (f->history, &september, &october, &november);
  keep_october = g_object_ref (october);
  keep_november = g_object_ref (november);
  page_open (&p, f->history);
  model = adw_combo_row_get_model (p.first_row);

  osai_compare_page_set_entries (p.page, october, november);
  g_assert_nonnull (osai_compare_page_get_comparison (p.page));

  /* A new report elsewhere in the list moves nothing. */
  december = month_entry (16760, DECEMBER_FROM, OSAI_INCLUDE_ALL, &totals);
  add_ok (f->history, december);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_true (osai_compare_page_get_a (p.page) == october);
  g_assert_true (osai_compare_page_get_b (p.page) == november);
  g_assert_true (adw_combo_row_get_selected_item (p.first_row) == october);
  g_assert_true (adw_combo_row_get_selected_item (p.second_row) == november);

  /* The second report removed: no comparison, nothing chosen in its row. */
  remove_ok (f->history, november);
  g_assert_true (osai_compare_page_get_a (p.page) == october);
  g_assert_null (osai_compare_page_get_b (p.page));
  g_assert_null (osai_compare_page_get_comparison (p.page));
  g_assert_cmpuint (adw_combo_row_get_selected (p.second_row), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (adw_combo_row_get_selected_item (p.first_row) == october);
  g_assert_true (label_shown (GTK_WIDGET (p.page), "Choose a Second Report"));

  /* Put back (an undo), and picked again. */
  g_assert_true (osai_history_restore (f->history, keep_november, NULL));
  g_assert_null (osai_compare_page_get_b (p.page));
  adw_combo_row_set_selected (p.second_row, position_in (model, keep_november));
  g_assert_nonnull (osai_compare_page_get_comparison (p.page));

  /* The first report replaced under its key by a different copy: followed. */
  october_again = month_entry (16718, OCTOBER_FROM, OSAI_INCLUDE_ALL, &totals);
  add_ok (f->history, october_again);
  g_assert_true (osai_compare_page_get_a (p.page) == october_again);
  g_assert_true (adw_combo_row_get_selected_item (p.first_row) == october_again);
  g_assert_true (osai_comparison_get_a (osai_compare_page_get_comparison (p.page)) ==
                 october_again);

  /* The first removed: the second stays, the first row empties. */
  remove_ok (f->history, october_again);
  g_assert_null (osai_compare_page_get_a (p.page));
  g_assert_true (osai_compare_page_get_b (p.page) == keep_november);
  g_assert_cmpuint (adw_combo_row_get_selected (p.first_row), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (label_shown (GTK_WIDGET (p.page), "Choose a First Report"));

  /* The second too: back to the newest report as the first. */
  remove_ok (f->history, keep_november);
  g_assert_true (osai_compare_page_get_a (p.page) == december);
  g_assert_null (osai_compare_page_get_b (p.page));

  /* Everything gone: nothing to compare. */
  remove_ok (f->history, december);
  remove_ok (f->history, september);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (osai_compare_page_get_a (p.page));
  g_assert_cmpstr (visible_page (&p), ==, "empty");

  /* And a report again. */
  add_ok (f->history, keep_october);
  g_assert_true (osai_compare_page_get_a (p.page) == keep_october);
  g_assert_cmpstr (visible_page (&p), ==, "compare");

  /* The history taken away. */
  osai_compare_page_set_history (p.page, NULL);
  g_assert_null (osai_compare_page_get_a (p.page));
  g_assert_cmpstr (visible_page (&p), ==, "empty");

  page_close (&p);
}

/* The window sets a report it is still adding to the history: kept, and
 * shown in its row once it is there. */
static void
test_page_entry_not_yet_listed (Fixture       *f,
                                gconstpointer  data)
{
  OsaiHistoryEntry *september, *october, *november;
  OsaiTestTotals totals = { { 0 } };
  g_autoptr(OsaiHistoryEntry) december = month_entry (16760, DECEMBER_FROM, OSAI_INCLUDE_ALL,
                                                      &totals);
  Page p;

  fill_history (f->history, &september, &october, &november);
  page_open (&p, f->history);

  osai_compare_page_set_entries (p.page, november, december);
  g_assert_true (osai_compare_page_get_b (p.page) == december);
  g_assert_nonnull (osai_compare_page_get_comparison (p.page));

  /* Another change of the history keeps it. */
  remove_ok (f->history, september);
  g_assert_true (osai_compare_page_get_b (p.page) == december);

  add_ok (f->history, december);
  g_assert_true (adw_combo_row_get_selected_item (p.second_row) == december);

  /* Listed now: its removal drops it. */
  remove_ok (f->history, december);
  g_assert_null (osai_compare_page_get_b (p.page));

  page_close (&p);
}

/* 10 000 reports: loading into the page, picking the oldest, removing it. */
static void
test_page_large_history (Fixture       *f,
                         gconstpointer  data)
{
  const guint n = 10000;
  g_autoptr(GDateTime) first_month = osai_time_parse_iso8601 ("2000-01-01T00:00:00Z", NULL);
  g_autoptr(OsaiHistory) history = NULL;
  g_autofree char *dir = g_build_filename (f->root, "large", NULL);
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *oldest;
  GListModel *model;
  gint64 start;
  Page p;

  gint64 begin = g_get_monotonic_time ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* Written as the store writes them, less the fsync. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_days (first_month, (int) i);
      g_autofree char *from = g_date_time_format (month, "%Y-%m-%dT%H:%M:%SZ");
      g_autoptr(GDateTime) next = g_date_time_add_days (month, 1);
      g_autofree char *to = g_date_time_format (next, "%Y-%m-%dT%H:%M:%SZ");
      OsaiTestTotals totals;
      g_autoptr(OsaiHistoryEntry) entry = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *path = NULL;

      osai_test_totals_fill (&totals, i);
      entry = osai_test_entry (SERVER, 100000 + i, to, from, to, OSAI_INCLUDE_ALL, &totals);
      bytes = osai_history_entry_to_bytes (entry);
      path = g_build_filename (dir, osai_history_entry_get_file_name (entry), NULL);
      g_assert_true (g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL),
                                               g_bytes_get_size (bytes),
                                               G_FILE_SET_CONTENTS_NONE, 0600, &error));
      g_assert_no_error (error);
    }
  g_test_message ("10 000 reports written in %.0f ms",
                  (g_get_monotonic_time () - begin) / 1000.0);
  history = osai_history_new (dir);
  g_assert_true (osai_history_load (history, NULL, &error));
  g_test_message ("and loaded after %.0f ms",
                  (g_get_monotonic_time () - begin) / 1000.0);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, n);

  start = g_get_monotonic_time ();
  page_open (&p, history);
  model = adw_combo_row_get_model (p.first_row);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  oldest = g_list_model_get_item (model, n - 1);
  g_object_unref (oldest);   /* the history holds it */
  adw_combo_row_set_selected (p.second_row, n - 1);
  g_assert_true (osai_compare_page_get_b (p.page) == oldest);
  g_assert_nonnull (osai_compare_page_get_comparison (p.page));
  /* Set from outside: found far down the list. */
  osai_compare_page_set_entries (p.page, oldest, osai_compare_page_get_a (p.page));
  g_assert_cmpuint (adw_combo_row_get_selected (p.first_row), ==, n - 1);

  remove_ok (history, oldest);
  g_assert_null (osai_compare_page_get_a (p.page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_test_message ("10 000 reports: %.0f ms to show, pick and remove",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  page_close (&p);
}

/* Two reports compared, in a window kept open for a screenshot when
 * OSAI_TEST_KEEP_OPEN says how many seconds. */
static void
test_page_screenshot (Fixture       *f,
                      gconstpointer  data)
{
  OsaiHistoryEntry *september, *october, *november;
  const char *keep_open = g_getenv ("OSAI_TEST_KEEP_OPEN");
  Page p;

  fill_history (f->history, &september, &october, &november);

  if (keep_open != NULL)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      g_autofree char *css = g_test_build_filename (G_TEST_DIST, "..", "src", "style.css", NULL);

      /* As the app looks: with its style sheet. */
      gtk_css_provider_load_from_path (provider, css);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  page_open (&p, f->history);
  gtk_window_set_default_size (p.window, 1280, 800);
  osai_compare_page_set_entries (p.page, october, november);
  OSAI_TEST_WAIT_UNTIL (label_shown (GTK_WIDGET (p.page), "October 2026 → November 2026"),
                        WAIT_MS);

  if (keep_open != NULL)
    {
      gint64 seconds = g_ascii_strtoll (keep_open, NULL, 10);
      gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

      while (g_get_monotonic_time () < until)
        osai_test_wait_a_little ();
    }

  page_close (&p);
}

int
main (int   argc,
      char *argv[])
{
  /* "made 1 Nov 2026, 08:00" whatever the machine's time zone. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Dates and numbers as the tests spell them, whatever the machine's locale. */
  gtk_disable_setlocale ();
  gtk_init ();
  adw_init ();

  g_test_add_func ("/comparison-view/rows", test_view_rows);
  g_test_add_func ("/comparison-view/sort", test_view_sort);
  g_test_add ("/compare-page/empty", Fixture, NULL,
              fixture_setup, test_page_empty, fixture_teardown);
  g_test_add ("/compare-page/pick", Fixture, NULL,
              fixture_setup, test_page_pick, fixture_teardown);
  g_test_add ("/compare-page/generate-shifted", Fixture, NULL,
              fixture_setup, test_page_generate_shifted, fixture_teardown);
  g_test_add ("/compare-page/history-changes", Fixture, NULL,
              fixture_setup, test_page_history_changes, fixture_teardown);
  g_test_add ("/compare-page/entry-not-yet-listed", Fixture, NULL,
              fixture_setup, test_page_entry_not_yet_listed, fixture_teardown);
  g_test_add ("/compare-page/large-history", Fixture, NULL,
              fixture_setup, test_page_large_history, fixture_teardown);
  g_test_add ("/compare-page/screenshot", Fixture, NULL,
              fixture_setup, test_page_screenshot, fixture_teardown);

  return g_test_run ();
}
