/* test-history-page.c — the Recent Reports page over a real history (Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With OSAI_HISTORY_PAGE_SHOT=FILE.png it runs no test: it shows the page
 * with a few reports in a window and renders that window into FILE.png
 * (OSAI_HISTORY_PAGE_DARK=1 for the dark style).
 */
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "osai-history-page.h"
#include "osai-period.h"
#include "osai-test-history.h"
#include "osai-test-utils.h"
#include "osai-time.h"

#define WAIT_MS      10000
#define SERVER_EU    "https://app-eu.onestepai.com/api"
#define SERVER_US    "https://app-us.onestepai.com/api"
#define MANY_ENTRIES 10000
/* Deadlines, not timings: 10 000 reports under the sanitizers take a while. */
#define SLOW_WAIT_MS 90000

typedef struct
{
  char *root;   /* a temporary folder */
  char *dir;    /* root/history */
} Fixture;

/* What the page's signals said, in order. */
typedef struct
{
  GPtrArray *opened;     /* OsaiHistoryEntry */
  GPtrArray *deleted;    /* OsaiHistoryEntry */
  GPtrArray *compared;   /* OsaiHistoryEntry */
  GArray    *shifts;     /* int, one per compared */
} Events;


static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->root = g_dir_make_tmp ("test-history-page-XXXXXX", &error);
  g_assert_no_error (error);
  f->dir = g_build_filename (f->root, "history", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  osai_test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->dir);
}

/* ---- Entries -------------------------------------------------------------------------------- */

static OsaiHistoryEntry *
failed_entry (const char *server,
              gint64      id,
              const char *created,
              const char *period_from,
              const char *period_to)
{
  g_autoptr(GBytes) payload = osai_test_payload (id, OSAI_REPORT_STATUS_FAILED, OSAI_INCLUDE_ALL,
                                                 period_from, period_to, NULL);
  g_autoptr(OsaiReportRequest) request = osai_test_request (period_from, period_to,
                                                            OSAI_INCLUDE_ALL);
  g_autoptr(GDateTime) when = osai_time_parse_iso8601 (created, NULL);
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry;

  entry = osai_history_entry_new_from_payload (server, NULL, request, payload, when, &error);
  g_assert_no_error (error);
  g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_FAILED);
  return entry;
}

/* The five shapes a row takes, newest first: pending, done with every
 * kind of usage, done with some, failed, done on another server. */
static void
add_sample_entries (OsaiHistory *history)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  OsaiTestTotals totals;

  osai_test_totals_fill (&totals, 11);
  g_ptr_array_add (entries, osai_test_pending_entry (SERVER_EU, 103, "2026-11-27T08:00:00Z"));
  g_ptr_array_add (entries, osai_test_entry (SERVER_EU, 101, "2026-11-26T06:58:00Z",
                                             "2026-11-01T00:00:00Z", "2026-11-27T00:00:00Z",
                                             OSAI_INCLUDE_ALL, &totals));
  g_ptr_array_add (entries, osai_test_entry (SERVER_EU, 102, "2026-11-20T10:15:00Z",
                                             "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z",
                                             OSAI_INCLUDE_DATASETS | OSAI_INCLUDE_MODELS |
                                             OSAI_INCLUDE_PREDICTIONS, &totals));
  g_ptr_array_add (entries, failed_entry (SERVER_EU, 104, "2026-11-10T12:00:00Z",
                                          "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z"));
  g_ptr_array_add (entries, osai_test_entry (SERVER_US, 105, "2026-11-05T09:30:00Z",
                                             "2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z",
                                             OSAI_INCLUDE_ALL, &totals));

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (osai_history_add (history, g_ptr_array_index (entries, i), &error));
      g_assert_no_error (error);
    }
}

/* Entry files as the store writes them, less the fsync: quick enough for
 * ten thousand. */
static void
write_many_entries (const char *dir,
                    guint       n)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  OsaiTestTotals totals;

  osai_test_totals_fill (&totals, 5);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) created = g_date_time_add_minutes (start, i * 17);
      /* A period of its own, so that its title tells it apart. */
      g_autoptr(GDateTime) from = g_date_time_add_days (start, i);
      g_autoptr(GDateTime) to = g_date_time_add_days (from, 1 + i % 60);
      g_autofree char *created_text = osai_time_format_iso8601 (created);
      g_autofree char *from_text = osai_time_format_iso8601 (from);
      g_autofree char *to_text = osai_time_format_iso8601 (to);
      g_autoptr(OsaiHistoryEntry) entry = osai_test_entry (SERVER_EU, 1000 + i, created_text,
                                                           from_text, to_text,
                                                           OSAI_INCLUDE_ALL, &totals);
      g_autoptr(GBytes) bytes = osai_history_entry_to_bytes (entry);
      g_autofree char *path = g_build_filename (dir, osai_history_entry_get_file_name (entry),
                                                NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                G_FILE_SET_CONTENTS_NONE, 0600, &error);
      g_assert_no_error (error);
    }
}

static OsaiHistory *
load_history (const char *dir)
{
  g_autoptr(GError) error = NULL;
  OsaiHistory *history = osai_history_new (dir);

  osai_history_load (history, NULL, &error);
  g_assert_no_error (error);
  return history;
}

static OsaiHistoryEntry *
history_item (OsaiHistory *history,
              guint        position)
{
  /* The history holds it: a borrowed pointer is enough for a test. */
  OsaiHistoryEntry *entry = g_list_model_get_item (G_LIST_MODEL (history), position);

  g_assert_nonnull (entry);
  g_object_unref (entry);
  return entry;
}

static OsaiHistoryEntry *
entry_by_id (OsaiHistory *history,
             gint64       id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (history)); i++)
    {
      OsaiHistoryEntry *entry = history_item (history, i);

      if (osai_history_entry_get_report_id (entry) == id)
        return entry;
    }

  g_assert_not_reached ();
}

/* ---- Widgets -------------------------------------------------------------------------------- */

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

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "history-row"))
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

typedef struct
{
  OsaiHistoryPage *page;
  GtkWindow       *window;
  GtkStack        *stack;
  GtkListView     *list_view;
} Shown;

static void
show_page (Shown       *shown,
           OsaiHistory *history,
           int          width,
           int          height)
{
  shown->page = OSAI_HISTORY_PAGE (osai_history_page_new ());
  shown->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (shown->window, width, height);
  gtk_window_set_child (shown->window, GTK_WIDGET (shown->page));
  if (history != NULL)
    osai_history_page_set_history (shown->page, history);
  gtk_window_present (shown->window);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (shown->page)), WAIT_MS);

  shown->stack = GTK_STACK (find_descendant (GTK_WIDGET (shown->page), GTK_TYPE_STACK));
  shown->list_view = GTK_LIST_VIEW (find_descendant (GTK_WIDGET (shown->page),
                                                     GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (shown->stack);
  g_assert_nonnull (shown->list_view);
}

static const char *
visible_state (Shown *shown)
{
  return gtk_stack_get_visible_child_name (shown->stack);
}

/* Every row widget the factory made and that is still alive. */
static GPtrArray *
all_rows (Shown *shown)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (shown->list_view), rows);
  return rows;
}

static guint
n_rows (Shown *shown)
{
  g_autoptr(GPtrArray) rows = all_rows (shown);

  return rows->len;
}

/* Rows that show an entry: mapped, a title set. */
static guint
n_bound_rows (Shown *shown)
{
  g_autoptr(GPtrArray) rows = all_rows (shown);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      if (gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
        n++;
    }

  return n;
}

/* The parts of a row, by their style classes. */
static GtkLabel *
row_label (GtkWidget  *root,
           const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return GTK_LABEL (child);

      found = row_label (child, css_class);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkLabel *
row_title (GtkWidget *row)
{
  return row_label (row, "title");
}

static GtkLabel *
row_subtitle (GtkWidget *row)
{
  return row_label (row, "subtitle");
}

static GtkLabel *
row_headline (GtkWidget *row)
{
  return row_label (row, "headline");
}

static GtkMenuButton *
row_menu_button (GtkWidget *row)
{
  return GTK_MENU_BUTTON (gtk_widget_get_last_child (row));
}

static GtkWidget *
find_row (Shown      *shown,
          const char *title)
{
  g_autoptr(GPtrArray) rows = all_rows (shown);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_mapped (row) &&
          g_strcmp0 (gtk_label_get_label (row_title (row)), title) == 0)
        return row;
    }

  return NULL;
}

static GtkWidget *
row_of (Shown            *shown,
        OsaiHistoryEntry *entry)
{
  GtkWidget *row = find_row (shown, osai_history_entry_get_period_text (entry));

  g_assert_nonnull (row);
  return row;
}

/* FALSE while @entry has no row in view. */
static gboolean
row_has_class (Shown            *shown,
               OsaiHistoryEntry *entry,
               const char       *css_class)
{
  GtkWidget *row = find_row (shown, osai_history_entry_get_period_text (entry));

  return row != NULL && gtk_widget_has_css_class (row, css_class);
}

static char *
made (const char *created)
{
  g_autoptr(GDateTime) utc = osai_time_parse_iso8601 (created, NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%-d %b %Y, %H:%M");
}

/* ---- Signals -------------------------------------------------------------------------------- */

static void
open_entry_cb (OsaiHistoryPage  *page,
               OsaiHistoryEntry *entry,
               Events           *events)
{
  g_ptr_array_add (events->opened, g_object_ref (entry));
}

static void
delete_entry_cb (OsaiHistoryPage  *page,
                 OsaiHistoryEntry *entry,
                 Events           *events)
{
  g_ptr_array_add (events->deleted, g_object_ref (entry));
}

static void
compare_entry_cb (OsaiHistoryPage  *page,
                  OsaiHistoryEntry *entry,
                  int               shift,
                  Events           *events)
{
  g_ptr_array_add (events->compared, g_object_ref (entry));
  g_array_append_val (events->shifts, shift);
}

static void
remove_entry_cb (OsaiHistoryPage  *page,
                 OsaiHistoryEntry *entry,
                 OsaiHistory      *history)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (osai_history_remove (history, entry, &error));
  g_assert_no_error (error);
}

static void
events_connect (Events          *events,
                OsaiHistoryPage *page)
{
  events->opened = g_ptr_array_new_with_free_func (g_object_unref);
  events->deleted = g_ptr_array_new_with_free_func (g_object_unref);
  events->compared = g_ptr_array_new_with_free_func (g_object_unref);
  events->shifts = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (page, "open-entry", G_CALLBACK (open_entry_cb), events);
  g_signal_connect (page, "delete-entry", G_CALLBACK (delete_entry_cb), events);
  g_signal_connect (page, "compare-entry", G_CALLBACK (compare_entry_cb), events);
}

static void
events_clear (Events *events)
{
  g_clear_pointer (&events->opened, g_ptr_array_unref);
  g_clear_pointer (&events->deleted, g_ptr_array_unref);
  g_clear_pointer (&events->compared, g_ptr_array_unref);
  g_clear_pointer (&events->shifts, g_array_unref);
}

static guint
events_total (Events *events)
{
  return events->opened->len + events->deleted->len + events->compared->len;
}

/* ---- Tests ---------------------------------------------------------------------------------- */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = load_history (f->dir);
  Shown shown;
  AdwStatusPage *status;

  show_page (&shown, NULL, 800, 600);
  g_assert_cmpstr (visible_state (&shown), ==, "empty");

  osai_history_page_set_history (shown.page, history);
  g_assert_true (osai_history_page_get_history (shown.page) == history);
  g_assert_cmpstr (visible_state (&shown), ==, "empty");

  status = ADW_STATUS_PAGE (gtk_stack_get_visible_child (shown.stack));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Reports Yet");
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "document-open-recent-symbolic");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "Reports you make are kept here, so you can open their totals again "
                   "without waiting or a connection.");

  gtk_window_destroy (shown.window);
}

static void
test_loading (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OsaiHistory) writer = osai_history_new (f->dir);
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkSpinner *spinner;
  Shown shown;

  add_sample_entries (writer);

  show_page (&shown, history, 800, 600);
  g_assert_cmpstr (visible_state (&shown), ==, "loading");
  spinner = GTK_SPINNER (gtk_stack_get_visible_child (shown.stack));
  g_assert_true (gtk_spinner_get_spinning (spinner));

  osai_history_load_async (history, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  osai_history_load_finish (history, result, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (visible_state (&shown), ==, "list");
  g_assert_false (gtk_spinner_get_spinning (spinner));
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) == 5, WAIT_MS);
  g_assert_cmpuint (n_bound_rows (&shown), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (history)));

  gtk_window_destroy (shown.window);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = load_history (f->dir);
  g_autofree char *made_101 = made ("2026-11-26T06:58:00Z");
  g_autofree char *made_102 = made ("2026-11-20T10:15:00Z");
  g_autofree char *made_105 = made ("2026-11-05T09:30:00Z");
  g_autofree char *expected = NULL;
  OsaiHistoryEntry *pending, *all, *some, *failed, *other;
  GtkWidget *row;
  Shown shown;
  guint n_items;

  add_sample_entries (history);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_assert_cmpuint (n_items, ==, 5);
  pending = entry_by_id (history, 103);
  all = entry_by_id (history, 101);
  some = entry_by_id (history, 102);
  failed = entry_by_id (history, 104);
  other = entry_by_id (history, 105);

  show_page (&shown, history, 800, 700);
  osai_history_page_set_server (shown.page, SERVER_EU);
  g_assert_cmpstr (osai_history_page_get_server (shown.page), ==, SERVER_EU);
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) == n_items, WAIT_MS);
  g_assert_cmpstr (visible_state (&shown), ==, "list");

  /* Done, every kind of usage. */
  row = row_of (&shown, all);
  g_assert_cmpstr (gtk_label_get_label (row_title (row)), ==, "1 – 26 November 2026");
  expected = g_strdup_printf ("All usage · made %s", made_101);
  g_assert_cmpstr (gtk_label_get_label (row_subtitle (row)), ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpstr (gtk_label_get_label (row_headline (row)), ==,
                   osai_history_entry_get_headline (all));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_headline (row)), "dim-label"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_headline (row)), "numeric"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_headline (row)), "error"));
  g_assert_cmpstr (gtk_menu_button_get_icon_name (row_menu_button (row)), ==,
                   "view-more-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row_menu_button (row))), ==,
                   "More Options");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (row), "activatable"));

  /* Done, some kinds of usage. */
  row = row_of (&shown, some);
  g_assert_cmpstr (gtk_label_get_label (row_title (row)), ==, "1 – 31 October 2026");
  expected = g_strdup_printf ("Datasets, Models, Predictions · made %s", made_102);
  g_assert_cmpstr (gtk_label_get_label (row_subtitle (row)), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* Pending: nothing to open. */
  row = row_of (&shown, pending);
  g_assert_cmpstr (gtk_label_get_label (row_headline (row)), ==, "Generating…");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_headline (row)), "dim-label"));
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_parent (row), "activatable"));

  /* Failed. */
  row = row_of (&shown, failed);
  g_assert_cmpstr (gtk_label_get_label (row_headline (row)), ==, "Failed");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_headline (row)), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_headline (row)), "dim-label"));
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_parent (row), "activatable"));

  /* Another server names its host; with no server in use none does. */
  row = row_of (&shown, other);
  expected = g_strdup_printf ("All usage · made %s · app-us.onestepai.com", made_105);
  g_assert_cmpstr (gtk_label_get_label (row_subtitle (row)), ==, expected);
  g_clear_pointer (&expected, g_free);

  osai_history_page_set_server (shown.page, "https://APP-US.onestepai.com:443/api");
  expected = g_strdup_printf ("All usage · made %s", made_105);
  g_assert_cmpstr (gtk_label_get_label (row_subtitle (row_of (&shown, other))), ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("All usage · made %s · app-eu.onestepai.com", made_101);
  g_assert_cmpstr (gtk_label_get_label (row_subtitle (row_of (&shown, all))), ==, expected);
  g_clear_pointer (&expected, g_free);

  osai_history_page_set_server (shown.page, NULL);
  expected = g_strdup_printf ("All usage · made %s", made_105);
  g_assert_cmpstr (gtk_label_get_label (row_subtitle (row_of (&shown, other))), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* The first and the last row round the list's corners, whichever rows
   * those are now. */
  g_assert_true (gtk_widget_has_css_class (row_of (&shown, pending), "first"));
  g_assert_false (gtk_widget_has_css_class (row_of (&shown, pending), "last"));
  g_assert_true (gtk_widget_has_css_class (row_of (&shown, other), "last"));
  g_assert_false (gtk_widget_has_css_class (row_of (&shown, all), "first"));
  g_assert_false (gtk_widget_has_css_class (row_of (&shown, all), "last"));

  g_assert_true (osai_history_remove (history, pending, NULL));
  g_assert_true (osai_history_remove (history, other, NULL));
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) == 3, WAIT_MS);
  g_assert_true (gtk_widget_has_css_class (row_of (&shown, all), "first"));
  g_assert_true (gtk_widget_has_css_class (row_of (&shown, failed), "last"));
  g_assert_false (gtk_widget_has_css_class (row_of (&shown, some), "first"));
  g_assert_false (gtk_widget_has_css_class (row_of (&shown, some), "last"));

  /* The last one gone, the empty state. */
  g_assert_true (osai_history_remove (history, all, NULL));
  g_assert_true (osai_history_remove (history, some, NULL));
  g_assert_true (osai_history_remove (history, failed, NULL));
  g_assert_cmpstr (visible_state (&shown), ==, "empty");

  gtk_window_destroy (shown.window);
}

/* The list view's row widget binds Enter to this signal. */
static void
press_enter (GtkWidget *row)
{
  GtkWidget *row_widget = gtk_widget_get_parent (row);

  g_assert_cmpuint (g_signal_lookup ("activate-keybinding", G_OBJECT_TYPE (row_widget)), !=, 0);
  g_signal_emit_by_name (row_widget, "activate-keybinding");
}

static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = load_history (f->dir);
  Events events;
  Shown shown;

  add_sample_entries (history);
  show_page (&shown, history, 800, 700);
  events_connect (&events, shown.page);
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) == 5, WAIT_MS);

  /* As Enter on a row does (its key binding), then as the list does. */
  press_enter (row_of (&shown, entry_by_id (history, 102)));
  g_assert_cmpuint (events.opened->len, ==, 1);
  g_assert_true (g_ptr_array_index (events.opened, 0) == entry_by_id (history, 102));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.list_view), "list.activate-item",
                                             "u", 1));
  g_assert_cmpuint (events.opened->len, ==, 2);
  g_assert_true (g_ptr_array_index (events.opened, 1) == history_item (history, 1));
  g_assert_cmpint (osai_history_entry_get_report_id (history_item (history, 1)), ==, 101);

  /* A pending or failed report has nothing to open. */
  press_enter (row_of (&shown, entry_by_id (history, 103)));
  gtk_widget_activate_action (GTK_WIDGET (shown.list_view), "list.activate-item", "u", 0);
  gtk_widget_activate_action (GTK_WIDGET (shown.list_view), "list.activate-item", "u", 3);
  g_assert_cmpuint (events_total (&events), ==, 2);

  gtk_window_destroy (shown.window);
  events_clear (&events);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = load_history (f->dir);
  OsaiHistoryEntry *all, *pending, *failed;
  GtkWidget *row;
  Events events;
  Shown shown;

  add_sample_entries (history);
  all = entry_by_id (history, 101);
  pending = entry_by_id (history, 103);
  failed = entry_by_id (history, 104);
  show_page (&shown, history, 800, 700);
  events_connect (&events, shown.page);
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) == 5, WAIT_MS);

  /* The row menu's items, as the menu activates them. */
  row = row_of (&shown, all);
  g_assert_true (gtk_widget_activate_action (row, "row.open", NULL));
  g_assert_cmpuint (events.opened->len, ==, 1);
  g_assert_true (g_ptr_array_index (events.opened, 0) == all);

  g_assert_true (gtk_widget_activate_action (row, "row.compare-previous", NULL));
  g_assert_true (gtk_widget_activate_action (row, "row.compare-year-before", NULL));
  g_assert_true (gtk_widget_activate_action (row, "row.compare-with", NULL));
  g_assert_cmpuint (events.compared->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_ptr_array_index (events.compared, i) == all);
  g_assert_cmpint (g_array_index (events.shifts, int, 0), ==, OSAI_PERIOD_SHIFT_PREVIOUS);
  g_assert_cmpint (g_array_index (events.shifts, int, 1), ==, OSAI_PERIOD_SHIFT_YEAR_BEFORE);
  g_assert_cmpint (g_array_index (events.shifts, int, 2), ==, OSAI_HISTORY_PAGE_COMPARE_PICK);

  g_assert_true (gtk_widget_activate_action (row, "row.delete", NULL));
  g_assert_cmpuint (events.deleted->len, ==, 1);
  g_assert_true (g_ptr_array_index (events.deleted, 0) == all);

  /* A pending or failed report can be deleted, not opened or compared. */
  for (guint i = 0; i < 2; i++)
    {
      OsaiHistoryEntry *entry = i == 0 ? pending : failed;

      row = row_of (&shown, entry);
      gtk_widget_activate_action (row, "row.open", NULL);
      gtk_widget_activate_action (row, "row.compare-previous", NULL);
      gtk_widget_activate_action (row, "row.compare-year-before", NULL);
      gtk_widget_activate_action (row, "row.compare-with", NULL);
      g_assert_cmpuint (events.opened->len, ==, 1);
      g_assert_cmpuint (events.compared->len, ==, 3);

      g_assert_true (gtk_widget_activate_action (row, "row.delete", NULL));
      g_assert_cmpuint (events.deleted->len, ==, 2 + i);
      g_assert_true (g_ptr_array_index (events.deleted, 1 + i) == entry);
    }

  /* The Delete key acts on the row with the focus; none, nothing. */
  gtk_window_set_focus (shown.window, NULL);
  gtk_widget_activate_action (GTK_WIDGET (shown.page), "history.delete-focused", NULL);
  g_assert_cmpuint (events.deleted->len, ==, 3);
  row = row_of (&shown, entry_by_id (history, 102));
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (row)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shown.page), "history.delete-focused",
                                             NULL));
  g_assert_cmpuint (events.deleted->len, ==, 4);
  g_assert_true (g_ptr_array_index (events.deleted, 3) == entry_by_id (history, 102));

  /* A handler that removes the entry at once, as the window does. */
  g_signal_connect (shown.page, "delete-entry", G_CALLBACK (remove_entry_cb), history);
  g_assert_true (gtk_widget_activate_action (row_of (&shown, failed), "row.delete", NULL));
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) == 4, WAIT_MS);
  g_assert_null (osai_history_lookup (history, "104@app-eu.onestepai.com"));

  gtk_window_destroy (shown.window);
  events_clear (&events);
}

/* Scrolls to the end; TRUE once @last has its row there. */
static gboolean
scrolled_to (Shown            *shown,
             GtkAdjustment    *adjustment,
             OsaiHistoryEntry *last)
{
  if (row_has_class (shown, last, "last"))
    return TRUE;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  return FALSE;
}

static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OsaiHistory) history = osai_history_new (f->dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  OsaiHistoryEntry *last;
  guint rows_made;
  Shown shown;

  write_many_entries (f->dir, MANY_ENTRIES);

  show_page (&shown, history, 800, 700);
  osai_history_load_async (history, NULL, osai_test_store_result_cb, &result);
  /* The newest rows show while the rest is being put in. */
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) > 0, SLOW_WAIT_MS);
  g_assert_cmpstr (visible_state (&shown), ==, "list");
  OSAI_TEST_WAIT_UNTIL (result != NULL, SLOW_WAIT_MS);
  osai_history_load_finish (history, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, MANY_ENTRIES);

  OSAI_TEST_WAIT_UNTIL (row_has_class (&shown, history_item (history, 0), "first"), SLOW_WAIT_MS);
  rows_made = n_rows (&shown);
  g_test_message ("%u row widgets for %u entries", rows_made, MANY_ENTRIES);
  /* About a screenful: GTK 4.8's list view keeps up to 200 rows around
   * the one in view, newer ones a screenful and a little. */
  g_assert_cmpuint (rows_made, >=, 700 / 80);
  g_assert_cmpuint (rows_made, <=, 250);

  /* Scrolled to the end: the oldest entry in view, no more widgets. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (shown.list_view));
  last = history_item (history, MANY_ENTRIES - 1);
  OSAI_TEST_WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > 10 * 700, SLOW_WAIT_MS);
  /* The list only estimates the height of the rows it has not made: it
   * takes a few steps to reach the end. */
  OSAI_TEST_WAIT_UNTIL (scrolled_to (&shown, adjustment, last), SLOW_WAIT_MS);
  g_test_message ("%u row widgets at the end", n_rows (&shown));
  g_assert_cmpuint (n_rows (&shown), <=, 250);

  gtk_window_destroy (shown.window);
}

/* ---- A picture -------------------------------------------------------------------------------- */

static int
take_shot (const char *path)
{
  g_autofree char *root = g_dir_make_tmp ("history-page-shot-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (root, "history", NULL);
  g_autoptr(OsaiHistory) history = osai_history_new (dir);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  const char *months[] = { "11", "10", "09", "08", "07", "06", "05" };
  OsaiTestTotals totals;
  GtkSnapshot *snapshot;
  GtkWidget *window, *header, *box, *page;
  Shown shown;

  if (g_strcmp0 (g_getenv ("OSAI_HISTORY_PAGE_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_css_provider_load_from_resource (css, "/io/github/osaireports/OsaiReports/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  add_sample_entries (history);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *from = g_strdup_printf ("2025-%s-01T00:00:00Z", months[i]);
      g_autofree char *to = g_strdup_printf ("2025-%02d-01T00:00:00Z", atoi (months[i]) + 1);
      g_autofree char *created = g_strdup_printf ("2025-%02d-01T07:%02u:00Z",
                                                  atoi (months[i]) + 1, 10 + i);
      g_autoptr(OsaiHistoryEntry) entry = NULL;

      osai_test_totals_fill (&totals, 100 + i);
      entry = osai_test_entry (SERVER_EU, 200 + i, created, from, to,
                               i == 2 ? OSAI_INCLUDE_MODELS | OSAI_INCLUDE_RENTED_DEVICES
                                      : OSAI_INCLUDE_ALL,
                               &totals);
      g_assert_true (osai_history_add (history, entry, NULL));
    }

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 880, 780);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Recent Reports", NULL));
  gtk_box_append (GTK_BOX (box), header);
  page = osai_history_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  osai_history_page_set_server (OSAI_HISTORY_PAGE (page), SERVER_EU);
  osai_history_page_set_history (OSAI_HISTORY_PAGE (page), history);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  shown.page = OSAI_HISTORY_PAGE (page);
  shown.window = GTK_WINDOW (window);
  shown.list_view = GTK_LIST_VIEW (find_descendant (page, GTK_TYPE_LIST_VIEW));
  OSAI_TEST_WAIT_UNTIL (n_bound_rows (&shown) >= 8, WAIT_MS);
  /* Focus on the second row, as after a few arrow keys. */
  gtk_widget_grab_focus (gtk_widget_get_parent (row_of (&shown, history_item (history, 1))));
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  /* A few frames for the layout to settle. */
  for (guint i = 0; i < 20; i++)
    osai_test_wait_a_little ();

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gdk_paintable_get_intrinsic_width (paintable),
                          gdk_paintable_get_intrinsic_height (paintable));
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         NULL);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("Cannot write %s\n", path);
      return 1;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&history);
  osai_test_remove_tree (root);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *shot = g_getenv ("OSAI_HISTORY_PAGE_SHOT");
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *system_dirs = g_get_system_data_dirs ();

  /* The icons are SVG, which gdk-pixbuf recognises through shared-mime-info;
   * the isolated data dirs have no MIME database, so keep the system's. */
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Dates as the tests spell them, whatever the machine's locale. */
  gtk_disable_setlocale ();
  gtk_init ();
  adw_init ();

  if (shot != NULL)
    return take_shot (shot);

  g_test_add ("/history-page/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/history-page/loading", Fixture, NULL,
              fixture_setup, test_loading, fixture_teardown);
  g_test_add ("/history-page/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/history-page/activate", Fixture, NULL,
              fixture_setup, test_activate, fixture_teardown);
  g_test_add ("/history-page/actions", Fixture, NULL,
              fixture_setup, test_actions, fixture_teardown);
  g_test_add ("/history-page/many", Fixture, NULL, fixture_setup, test_many, fixture_teardown);

  return g_test_run ();
}
