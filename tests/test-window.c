/* test-window.c — the real main window under Xvfb, against the simulator
 *
 * Each case runs its own OsaiSimServer on a loopback port in this thread's
 * main context and drives an OsaiWindow through its actions, as a person
 * would through its buttons.  The keyring is libsecret's file backend in the
 * isolated test directory; settings are in memory and reset after each case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "osai-application.h"
#include "osai-credentials.h"
#include "osai-date-row.h"
#include "osai-compare-page.h"
#include "osai-history.h"
#include "osai-period.h"
#include "osai-preferences-window.h"
#include "osai-totals-view.h"
#include "osai-usage-model.h"
#include "osai-window.h"
#include "osai-test-utils.h"

#define WAIT_MS     15000
/* The job polls every 2 s; the tests do not need to wait that long. */
#define POLL_MS     200
#define SCHEMA_ID   "io.github.osaireports.OsaiReports"
#define RIGHT_TOKEN "demo"
#define WRONG_TOKEN "osai-test-wrong-token"

static char *keyring_path;

typedef struct
{
  OsaiSimServer *sim;
  const char    *url;
  OsaiWindow    *window;
  char          *tmpdir;
} Fixture;

/* ---- Helpers ---------------------------------------------------------------------------------- */

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
set_flag_notify (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Keeps the main loop running for @ms, to see that nothing more happens. */
static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  OSAI_TEST_WAIT_UNTIL (done, ms + WAIT_MS);
}

static gpointer
child (OsaiWindow *window,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), OSAI_TYPE_WINDOW, name);
  OsaiReportPage *page = osai_window_get_report_page (window);

  /* The request, the wait and the totals live in the report page. */
  if (object == NULL && page != NULL)
    object = gtk_widget_get_template_child (GTK_WIDGET (page), OSAI_TYPE_REPORT_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

/* The first widget under @root (not under @skip) whose action is @action:
 * the buttons have ids in the template but are not bound to the window. */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action,
                 GtkWidget  *skip)
{
  for (GtkWidget *widget = gtk_widget_get_first_child (root);
       widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    {
      GtkWidget *found;

      if (widget == skip)
        continue;

      if (GTK_IS_ACTIONABLE (widget)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
        return widget;

      found = find_actionable (widget, action, skip);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A button by its id in the template, found through its action. */
static GtkWidget *
button (OsaiWindow *window,
        const char *name)
{
  static const struct {
    const char *name;
    const char *action;
    const char *root;  /* bound template child to look under */
  } buttons[] = {
    { "sign_in_button", "win.sign-in", NULL },
    { "generate_button", "win.generate", NULL },
    { "cancel_button", "win.cancel", "result_stack" },
    { "retry_button", "win.generate", "failed_page" },
    { "save_button", "win.save-report", "result_stack" },
    { "csv_button", "win.export-csv", "result_stack" },
    { "sign_in_again_button", "win.sign-out", "failed_page" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *root, *skip, *found;

      if (!g_str_equal (buttons[i].name, name))
        continue;

      root = buttons[i].root != NULL ? child (window, buttons[i].root) : GTK_WIDGET (window);
      /* The report page's Generate button, not the failed page's Try Again. */
      skip = buttons[i].root == NULL ? child (window, "result_stack") : NULL;
      found = find_actionable (root, buttons[i].action, skip);
      g_assert_nonnull (found);
      return found;
    }

  g_assert_not_reached ();
}

static gboolean
button_sensitive (OsaiWindow *window,
                 const char *name)
{
  return gtk_widget_get_sensitive (button (window, name));
}

static gboolean
child_visible (OsaiWindow *window,
               const char *name)
{
  return gtk_widget_get_visible (GTK_WIDGET (child (window, name)));
}

static gboolean
page_is (OsaiWindow *window,
         const char *page)
{
  return g_strcmp0 (osai_window_get_page (window), page) == 0;
}

static gboolean
result_page_is (OsaiWindow *window,
                const char *page)
{
  return g_strcmp0 (osai_window_get_result_page (window), page) == 0;
}

static OsaiAccountState
account_state (OsaiWindow *window)
{
  return osai_account_get_state (osai_window_get_account (window));
}

static guint
count_requests (OsaiSimServer *sim,
                const char    *method,
                const char    *path_prefix)
{
  GPtrArray *requests = osai_sim_server_get_requests (sim);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *record = g_ptr_array_index (requests, i);

      if ((method == NULL || g_strcmp0 (record->method, method) == 0)
          && g_str_has_prefix (record->path, path_prefix))
        count++;
    }

  return count;
}

static guint
count_report_polls (OsaiSimServer *sim)
{
  return count_requests (sim, "GET", "/api/Reports/");
}

static guint
count_sign_ins (OsaiSimServer *sim)
{
  return count_requests (sim, NULL, "/api/Users/SignIn");
}

/* What the keyring holds for @server. */
static char *
lookup_token (const char *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  osai_credentials_lookup_async (server, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  token = osai_credentials_lookup_finish (result, &error);
  g_assert_no_error (error);
  return token;
}

static void
clear_token (const char *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  osai_credentials_clear_async (server, NULL, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  osai_credentials_clear_finish (result, &error);
  g_assert_no_error (error);
}

/* The keyring file as written last; empty when there is none. */
static GBytes *
read_keyring_file (void)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (keyring_path, &contents, &len, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return g_bytes_new (NULL, 0);
    }

  return g_bytes_new_take (contents, len);
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  return names;
}


/* Every key back to its default: the memory backend outlives the case. */
static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* ---- The window ------------------------------------------------------------------------------- */

/* A new window, shown, once it is past its "loading" page. */
static OsaiWindow *
open_window (const char *server,
             gboolean    demo)
{
  OsaiWindow *window = osai_window_new (NULL, demo, server);

  gtk_window_present (GTK_WINDOW (window));
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), WAIT_MS);
  OSAI_TEST_WAIT_UNTIL (!page_is (window, "loading"), WAIT_MS);
  g_assert_cmpint (account_state (window), !=, OSAI_ACCOUNT_STATE_BUSY);

  return window;
}

/* Destroys *@window and waits until nothing holds it any more. */
static void
close_window (OsaiWindow **window)
{
  gboolean finalized = FALSE;

  /* Object data goes with finalize, not with dispose. */
  g_object_set_data_full (G_OBJECT (*window), "osai-test-finalized", &finalized, set_flag_notify);
  gtk_window_destroy (GTK_WINDOW (*window));
  *window = NULL;
  OSAI_TEST_WAIT_UNTIL (finalized, WAIT_MS);
}

/* Types @token into the token row and signs in, until that ends. */
static void
sign_in (OsaiWindow *window,
         const char *token)
{
  g_assert_true (page_is (window, "connect"));

  gtk_editable_set_text (GTK_EDITABLE (child (window, "token_row")), token);
  g_assert_true (button_sensitive (window, "sign_in_button"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL);
  g_assert_cmpint (account_state (window), ==, OSAI_ACCOUNT_STATE_BUSY);

  OSAI_TEST_WAIT_UNTIL (page_is (window, "report") || osai_window_get_sign_in_error (window) != NULL,
                        WAIT_MS);
  g_assert_cmpint (account_state (window), !=, OSAI_ACCOUNT_STATE_BUSY);
}

/* Starts a report; the job polls faster than in real use. */
static OsaiReportJob *
start_report (OsaiWindow *window)
{
  OsaiReportJob *job;

  g_assert_true (button_sensitive (window, "generate_button"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.generate", NULL);

  g_assert_cmpstr (osai_window_get_result_page (window), ==, "waiting");
  job = osai_window_get_job (window);
  g_assert_true (OSAI_IS_REPORT_JOB (job));
  g_assert_true (osai_report_job_is_running (job));
  /* The first poll comes right after the report is created; the next ones
   * are timed with the interval as it is then. */
  osai_report_job_set_poll_interval (job, POLL_MS);

  return job;
}

static void
wait_for_result (OsaiWindow *window)
{
  OSAI_TEST_WAIT_UNTIL (!result_page_is (window, "waiting"), WAIT_MS);
}

/* Signed in with the right token and a report on screen. */
static void
sign_in_and_report (Fixture *fixture)
{
  fixture->window = open_window (fixture->url, FALSE);
  sign_in (fixture->window, RIGHT_TOKEN);
  g_assert_true (page_is (fixture->window, "report"));

  start_report (fixture->window);
  wait_for_result (fixture->window);
  g_assert_cmpstr (osai_window_get_result_page (fixture->window), ==, "totals");
  g_assert_nonnull (osai_window_get_report (fixture->window));
}

/* ---- Fixture ---------------------------------------------------------------------------------- */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sim = osai_sim_server_new ();
  g_object_set (fixture->sim, "report-delay", 0.5, NULL);
  osai_sim_server_start (fixture->sim, 0, &error);
  g_assert_no_error (error);
  fixture->url = osai_sim_server_get_base_url (fixture->sim);

  fixture->tmpdir = g_dir_make_tmp ("osai-test-window-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    close_window (&fixture->window);

  /* A later case may get the same port, hence the same server address. */
  clear_token (fixture->url);
  reset_settings ();

  osai_sim_server_stop (fixture->sim);
  g_clear_object (&fixture->sim);
  fixture->url = NULL;

  osai_test_remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

/* ---- What a person sees ----------------------------------------------------------------------- */

/* Whether @widget is drawn whole in the window as it is now: mapped, inside
 * the window and inside every scroller around it, so that nobody has to
 * scroll to read it. */
static gboolean
in_view (OsaiWindow *window,
         GtkWidget  *widget)
{
  graphene_rect_t bounds;
  graphene_rect_t area;

  if (!gtk_widget_get_mapped (widget)
      || !gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds)
      || bounds.size.height <= 0 || bounds.size.width <= 0)
    return FALSE;

  graphene_rect_init (&area, 0, 0, gtk_widget_get_width (GTK_WIDGET (window)),
                      gtk_widget_get_height (GTK_WIDGET (window)));
  if (!graphene_rect_contains_rect (&area, &bounds))
    return FALSE;

  for (GtkWidget *parent = gtk_widget_get_parent (widget);
       parent != NULL;
       parent = gtk_widget_get_parent (parent))
    {
      if (GTK_IS_SCROLLED_WINDOW (parent)
          && (!gtk_widget_compute_bounds (parent, GTK_WIDGET (window), &area)
              || !graphene_rect_contains_rect (&area, &bounds)))
        return FALSE;
    }

  return TRUE;
}

/* The first label under @root that reads @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *widget = gtk_widget_get_first_child (root);
       widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
        return widget;
      found = find_label (widget, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_scrolled_window (GtkWidget *root)
{
  for (GtkWidget *widget = gtk_widget_get_first_child (root);
       widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    {
      GtkWidget *found;

      if (GTK_IS_SCROLLED_WINDOW (widget))
        return widget;
      found = find_scrolled_window (widget);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A wheel turn over @widget, handed to its scroll controllers the way GTK
 * does: capture phase first, then bubble, until one takes it. */
static void
turn_wheel (GtkWidget *widget,
            double     dy)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  const GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE };

  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
        gboolean handled = FALSE;

        if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller)
            || gtk_event_controller_get_propagation_phase (controller) != phases[p])
          continue;
        g_signal_emit_by_name (controller, "scroll", 0.0, dy, &handled);
        if (handled)
          return;
      }
}

/* ---- Signing in ------------------------------------------------------------------------------- */

static void
test_sign_in_wrong_token (Fixture       *fixture,
                          gconstpointer  data)
{
  graphene_rect_t before, after;
  g_autofree char *kept = NULL;
  g_autofree char *error_text = NULL;
  OsaiWindow *window;

  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  g_assert_null (osai_window_get_sign_in_error (window));

  /* The server given on the command line is shown instead of the region,
   * read-only, and not saved. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.osaireports.OsaiReports");
    g_autofree char *saved = g_settings_get_string (settings, "custom-server-url");

    g_assert_false (gtk_widget_get_visible (child (window, "region_row")));
    g_assert_true (gtk_widget_get_visible (child (window, "server_row")));
    g_assert_cmpstr (gtk_editable_get_text (child (window, "server_row")), ==, fixture->url);
    g_assert_false (gtk_editable_get_editable (child (window, "server_row")));
    g_assert_cmpstr (saved, ==, "");
  }
  /* Nothing typed yet: nothing to sign in with. The token is what the
   * page asks for first. */
  g_assert_false (button_sensitive (window, "sign_in_button"));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         child (window, "token_row")));
  OSAI_TEST_WAIT_UNTIL (in_view (window, child (window, "token_row")), WAIT_MS);
  g_assert_true (gtk_widget_compute_bounds (child (window, "token_row"), GTK_WIDGET (window),
                                            &before));

  sign_in (window, WRONG_TOKEN);

  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  g_assert_cmpint (account_state (window), ==, OSAI_ACCOUNT_STATE_SIGNED_OUT);
  g_assert_nonnull (osai_window_get_sign_in_error (window));
  error_text = g_utf8_strdown (osai_window_get_sign_in_error (window), -1);
  g_assert_nonnull (strstr (error_text, "token"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (child (window, "token_row")), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (child (window, "server_row")), "error"));

  /* The message appears below the token: the field does not move. */
  OSAI_TEST_WAIT_UNTIL (in_view (window, child (window, "sign_in_error_label")), WAIT_MS);
  g_assert_true (gtk_widget_compute_bounds (child (window, "token_row"), GTK_WIDGET (window),
                                            &after));
  g_assert_cmpfloat (after.origin.y, ==, before.origin.y);

  kept = lookup_token (fixture->url);
  g_assert_null (kept);
}

static void
test_sign_in_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  OsaiWindow *window;

  /* A server that takes its time to answer. */
  g_object_set (fixture->sim, "slow-ms", 20000, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (child (window, "token_row")), RIGHT_TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL);
  g_assert_cmpint (account_state (window), ==, OSAI_ACCOUNT_STATE_BUSY);
  g_assert_true (gtk_widget_get_visible (child (window, "sign_in_cancel_button")));

  /* Escape (win.cancel) gives the page back at once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  OSAI_TEST_WAIT_UNTIL (account_state (window) == OSAI_ACCOUNT_STATE_SIGNED_OUT, WAIT_MS);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  g_assert_null (osai_window_get_sign_in_error (window));
  g_assert_false (gtk_widget_get_visible (child (window, "sign_in_cancel_button")));
  g_assert_true (button_sensitive (window, "sign_in_button"));
}

static void
test_sign_in_right_token (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *access_token = NULL;
  g_autofree char *kept = NULL;
  OsaiWindow *window;
  const char *subtitle;

  /* The simulator's default access token. */
  g_object_get (fixture->sim, "access-token", &access_token, NULL);
  g_assert_cmpstr (access_token, ==, RIGHT_TOKEN);

  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");

  sign_in (window, RIGHT_TOKEN);

  g_assert_cmpstr (osai_window_get_page (window), ==, "report");
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "none");
  g_assert_null (osai_window_get_sign_in_error (window));
  g_assert_cmpint (account_state (window), ==, OSAI_ACCOUNT_STATE_SIGNED_IN);
  g_assert_false (osai_account_get_is_demo (osai_window_get_account (window)));
  /* The token does not stay on screen. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "token_row"))), ==, "");

  subtitle = adw_view_switcher_title_get_subtitle (child (window, "window_title"));
  g_assert_nonnull (subtitle);
  g_assert_nonnull (strstr (subtitle, "Demo User"));
  g_assert_false (gtk_revealer_get_reveal_child (child (window, "demo_revealer")));

  kept = lookup_token (fixture->url);
  g_assert_cmpstr (kept, ==, RIGHT_TOKEN);
}

/* ---- Generating ------------------------------------------------------------------------------- */

static void
test_generate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(OsaiUsageModel) usage = NULL;
  GListModel *shown;
  OsaiReportJob *job;
  OsaiWindow *window;
  OsaiReport *report;
  guint n_items;

  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);
  g_assert_null (osai_window_get_report (window));

  job = start_report (window);

  /* While waiting, another report cannot be asked for, this one can be
   * stopped, and the wait is what fills the view. */
  g_assert_true (osai_window_get_busy (window));
  g_assert_false (button_sensitive (window, "generate_button"));
  g_assert_true (button_sensitive (window, "cancel_button"));
  OSAI_TEST_WAIT_UNTIL (in_view (window, button (window, "cancel_button")), WAIT_MS);
  g_assert_true (in_view (window, child (window, "waiting_spinner")));

  wait_for_result (window);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "totals");
  /* The totals start at the top of the view, and the way back is there. */
  OSAI_TEST_WAIT_UNTIL (in_view (window, child (window, "back_button")), WAIT_MS);
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (osai_window_get_totals_view (window),
                                              GTK_WIDGET (window), &bounds));
    g_assert_cmpfloat (bounds.origin.y, <, gtk_widget_get_height (GTK_WIDGET (window)) / 3);
  }
  g_assert_false (in_view (window, child (window, "generate_button")));

  /* Back to the request, which is as it was. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back-to-request", NULL);
  OSAI_TEST_WAIT_UNTIL (in_view (window, child (window, "generate_button")), WAIT_MS);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "totals");
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_DONE);
  g_assert_false (osai_window_get_busy (window));
  g_assert_true (button_sensitive (window, "generate_button"));
  g_assert_true (button_sensitive (window, "save_button"));
  g_assert_true (button_sensitive (window, "csv_button"));

  report = osai_window_get_report (window);
  g_assert_true (OSAI_IS_REPORT (report));
  g_assert_true (osai_report_job_get_report (job) == report);

  /* The view shows the report's totals: the same metrics with the same
   * values, in whatever order it sorts them. */
  shown = osai_totals_view_get_model (OSAI_TOTALS_VIEW (osai_window_get_totals_view (window)));
  g_assert_true (osai_totals_view_get_report (OSAI_TOTALS_VIEW (osai_window_get_totals_view (window)))
                 == report);
  usage = osai_usage_model_new (report);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (usage));
  g_assert_cmpuint (n_items, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OsaiUsageItem) expected = g_list_model_get_item (G_LIST_MODEL (usage), i);
      guint found = 0;

      for (guint j = 0; j < n_items; j++)
        {
          g_autoptr(OsaiUsageItem) item = g_list_model_get_item (shown, j);

          if (osai_usage_item_get_metric (item) != osai_usage_item_get_metric (expected))
            continue;

          found++;
          g_assert_cmpfloat (osai_usage_item_get_raw_value (item), ==,
                             osai_usage_item_get_raw_value (expected));
        }

      g_assert_cmpuint (found, ==, 1);
    }
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *column_view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static void
assert_sorted (GListModel   *model,
               double      (*get) (OsaiUsageItem *),
               GtkSortType   order)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);

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
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  OsaiTotalsView *view;
  GtkColumnView *column_view;
  GListModel *shown;

  sign_in_and_report (fixture);

  view = OSAI_TOTALS_VIEW (osai_window_get_totals_view (fixture->window));
  column_view = osai_totals_view_get_column_view (view);
  shown = osai_totals_view_get_model (view);

  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Value"),
                                  GTK_SORT_ASCENDING);
  assert_sorted (shown, osai_usage_item_get_value, GTK_SORT_ASCENDING);

  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Value"),
                                  GTK_SORT_DESCENDING);
  assert_sorted (shown, osai_usage_item_get_value, GTK_SORT_DESCENDING);

  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Raw value"),
                                  GTK_SORT_ASCENDING);
  assert_sorted (shown, osai_usage_item_get_raw_value, GTK_SORT_ASCENDING);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  OsaiReportJob *job;
  OsaiWindow *window;
  gint64 cancelled_at;

  g_object_set (fixture->sim, "report-delay", 30.0, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);

  job = start_report (window);
  OSAI_TEST_WAIT_UNTIL (count_report_polls (fixture->sim) >= 2, WAIT_MS);
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_WAITING);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "waiting");

  cancelled_at = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  OSAI_TEST_WAIT_UNTIL (!result_page_is (window, "waiting"), 2000);
  g_test_message ("cancelled after %.3f s",
                  (g_get_monotonic_time () - cancelled_at) / (double) G_USEC_PER_SEC);

  g_assert_cmpstr (osai_window_get_result_page (window), ==, "none");
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_CANCELLED);
  g_assert_cmpstr (osai_window_get_last_toast (window), ==, "Report cancelled");
  g_assert_null (osai_window_get_report (window));
  g_assert_false (osai_window_get_busy (window));
  g_assert_true (button_sensitive (window, "generate_button"));

  /* And the job stopped asking. */
  osai_sim_server_clear_requests (fixture->sim);
  iterate_for (4 * POLL_MS);
  g_assert_cmpuint (count_report_polls (fixture->sim), ==, 0);
}

/* Cancelling a second report keeps the first one on screen. */
static void
test_cancel_keeps_report (Fixture       *fixture,
                          gconstpointer  data)
{
  OsaiReport *first;

  sign_in_and_report (fixture);
  first = osai_window_get_report (fixture->window);

  g_object_set (fixture->sim, "report-delay", 30.0, NULL);
  start_report (fixture->window);
  OSAI_TEST_WAIT_UNTIL (count_report_polls (fixture->sim) >= 3, WAIT_MS);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL);
  OSAI_TEST_WAIT_UNTIL (!result_page_is (fixture->window, "waiting"), 2000);

  g_assert_cmpstr (osai_window_get_result_page (fixture->window), ==, "totals");
  g_assert_true (osai_window_get_report (fixture->window) == first);
  g_assert_cmpstr (osai_window_get_last_toast (fixture->window), ==, "Report cancelled");
}

static void
test_report_failed (Fixture       *fixture,
                    gconstpointer  data)
{
  OsaiReportJob *job;
  OsaiWindow *window;

  g_object_set (fixture->sim, "fail-report", TRUE, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);

  job = start_report (window);
  wait_for_result (window);

  g_assert_cmpstr (osai_window_get_result_page (window), ==, "failed");
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_FAILED);
  g_assert_cmpstr (adw_status_page_get_title (child (window, "failed_page")), ==,
                   "The Report Failed");
  /* Its message reads without scrolling, in a status page that is not
   * nested in a scroller of the page. */
  OSAI_TEST_WAIT_UNTIL (in_view (window,
                                 find_label (child (window, "failed_page"),
                                             adw_status_page_get_description (child (window,
                                                                                     "failed_page")))),
                        WAIT_MS);
  g_assert_null (gtk_widget_get_ancestor (child (window, "failed_page"),
                                          GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (in_view (window, button (window, "retry_button")));
  g_assert_false (child_visible (window, "sign_in_again_button"));
  g_assert_null (osai_window_get_report (window));
  /* Try Again is there. */
  g_assert_true (button_sensitive (window, "retry_button"));
}

/* The wheel over the totals table scrolls the page, not the table. */
static void
test_scroll_over_table (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *totals;
  GtkWidget *table;
  GtkAdjustment *page;
  GtkAdjustment *sideways;

  sign_in_and_report (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 480);
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_height (GTK_WIDGET (fixture->window)) <= 480, WAIT_MS);

  totals = osai_window_get_totals_view (fixture->window);
  table = find_scrolled_window (totals);
  g_assert_nonnull (table);
  page = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    gtk_widget_get_ancestor (totals, GTK_TYPE_SCROLLED_WINDOW)));
  sideways = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (table));
  OSAI_TEST_WAIT_UNTIL (gtk_adjustment_get_upper (page) > gtk_adjustment_get_page_size (page),
                        WAIT_MS);
  g_assert_cmpfloat (gtk_adjustment_get_value (page), ==, 0.0);

  turn_wheel (table, 1.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (page), >, 0.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (sideways), ==, 0.0);

  turn_wheel (table, -1.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (page), ==, 0.0);
}

/* The session ends while the report is being made: the client signs in
 * again by itself and the report still arrives. */
static void
test_session_expired (Fixture       *fixture,
                      gconstpointer  data)
{
  OsaiWindow *window;
  guint sign_ins;

  g_object_set (fixture->sim, "report-delay", 3.0, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);

  start_report (window);
  OSAI_TEST_WAIT_UNTIL (count_report_polls (fixture->sim) >= 1, WAIT_MS);
  sign_ins = count_sign_ins (fixture->sim);
  osai_sim_server_expire_sessions (fixture->sim);

  wait_for_result (window);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "totals");
  g_assert_cmpuint (count_sign_ins (fixture->sim), >, sign_ins);
  g_assert_cmpstr (osai_window_get_page (window), ==, "report");
}

/* The access token itself stops working: the report fails, and the window
 * offers to sign in again. */
static void
test_token_revoked (Fixture       *fixture,
                    gconstpointer  data)
{
  OsaiWindow *window;

  g_object_set (fixture->sim, "report-delay", 3.0, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);

  start_report (window);
  OSAI_TEST_WAIT_UNTIL (count_report_polls (fixture->sim) >= 1, WAIT_MS);
  osai_sim_server_revoke_access_token (fixture->sim);
  osai_sim_server_expire_sessions (fixture->sim);

  wait_for_result (window);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "failed");
  g_assert_true (child_visible (window, "sign_in_again_button"));
  g_assert_cmpstr (adw_status_page_get_title (child (window, "failed_page")), ==,
                   "Signed Out by OSAI");

  /* Which leads back to the token. */
  g_assert_true (button_sensitive (window, "sign_in_again_button"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
}

/* ---- Saving ----------------------------------------------------------------------------------- */

static void
test_save_report (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  sign_in_and_report (fixture);

  osai_window_save_report_to (fixture->window, file);
  g_assert_true (osai_window_get_busy (fixture->window));
  g_assert_false (button_sensitive (fixture->window, "save_button"));
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (fixture->window), WAIT_MS);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));

  /* Nothing left over beside it. */
  names = list_dir (fixture->tmpdir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "report.json");

  g_assert_nonnull (osai_window_get_last_toast (fixture->window));
  g_assert_true (g_str_has_prefix (osai_window_get_last_toast (fixture->window), "Saved"));
  g_assert_true (button_sensitive (fixture->window, "save_button"));
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return GTK_WIDGET (toplevel);
    }

  return NULL;
}

/* Tab until @target has the focus; FALSE when a whole round never got there. */
static gboolean
tab_to (OsaiWindow *window,
        GtkWidget  *target)
{
  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return TRUE;
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    }

  return FALSE;
}

static void
test_keyboard_only (Fixture       *fixture,
                    gconstpointer  data)
{
  OsaiWindow *window;
  GtkWidget *focus;

  fixture->window = window = open_window (fixture->url, FALSE);

  /* Sign in: the token row has the focus (GTK 4.8 warns when Tab walks
   * through a password entry of a window no window manager activated),
   * type, Enter. */
  gtk_widget_grab_focus (child (window, "token_row"));
  gtk_editable_set_text (GTK_EDITABLE (child (window, "token_row")), RIGHT_TOKEN);
  g_signal_emit_by_name (child (window, "token_row"), "entry-activated");
  OSAI_TEST_WAIT_UNTIL (page_is (window, "report"), WAIT_MS);

  /* Every control of the request can be reached with Tab. */
  g_assert_true (tab_to (window, child (window, "from_row")));
  g_assert_true (tab_to (window, child (window, "to_row")));
  g_assert_true (tab_to (window, child (window, "models_switch")));
  g_assert_true (tab_to (window, button (window, "generate_button")));

  /* Enter on Generate; the focus follows to Cancel, then to Save. */
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  gtk_widget_activate (focus);
  /* A button shows itself pressed for a moment before it is clicked. */
  OSAI_TEST_WAIT_UNTIL (result_page_is (window, "waiting"), WAIT_MS);
  g_assert_true (gtk_widget_has_focus (button (window, "cancel_button")));
  osai_report_job_set_poll_interval (osai_window_get_job (window), 200);
  OSAI_TEST_WAIT_UNTIL (result_page_is (window, "totals"), WAIT_MS);
  g_assert_true (gtk_widget_has_focus (button (window, "save_button")));
  g_assert_true (tab_to (window, button (window, "csv_button")));
}

static void
test_save_dialog (Fixture       *fixture,
                  gconstpointer  data)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  OsaiReport *report;
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  GtkWidget *chooser;

  sign_in_and_report (fixture);
  report = osai_window_get_report (fixture->window);

  /* The dialog the button opens suggests osai-report-FROM-TO-ID.json, the
   * days the request asked for... */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save-report", NULL);
  OSAI_TEST_WAIT_UNTIL ((chooser = find_file_chooser ()) != NULL, WAIT_MS);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  expected = g_strdup_printf ("osai-report-%s-%s-%" G_GINT64_FORMAT ".json",
                              osai_date_row_get_date (child (fixture->window, "from_row")),
                              osai_date_row_get_date (child (fixture->window, "to_row")),
                              osai_report_get_id (report));
  g_assert_cmpstr (name, ==, expected);

  /* ...and dismissing it saves nothing and says nothing. */
  gtk_window_close (GTK_WINDOW (chooser));
  OSAI_TEST_WAIT_UNTIL (find_file_chooser () == NULL, WAIT_MS);
  g_assert_false (osai_window_get_busy (fixture->window));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
test_save_expired_link (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *old_path = NULL;

  /* The report arrives with a link that has already expired... */
  g_object_set (fixture->sim, "url-lifetime", 0, NULL);
  sign_in_and_report (fixture);
  old_path = g_strdup (osai_report_get_path (osai_window_get_report (fixture->window)));
  g_object_set (fixture->sim, "url-lifetime", 1800, NULL);

  /* ...and saving refreshes it without a word to the user. */
  osai_window_save_report_to (fixture->window, file);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (fixture->window), WAIT_MS);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (osai_window_get_last_toast (fixture->window), "Saved"));
  g_assert_cmpstr (osai_report_get_path (osai_window_get_report (fixture->window)), !=, old_path);
}

static void
test_save_failed_keeps_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_set_contents (path, "{\"kept\": true}", -1, &error);
  g_assert_no_error (error);

  sign_in_and_report (fixture);
  g_object_set (fixture->sim, "truncate", OSAI_SIM_TRUNCATE_CLOSE, NULL);

  osai_window_save_report_to (fixture->window, file);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (fixture->window), WAIT_MS);

  /* A clear message, the user's file as it was, nothing beside it. */
  g_assert_true (g_str_has_prefix (osai_window_get_last_toast (fixture->window),
                                   "The detailed report was not saved"));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{\"kept\": true}");
  names = list_dir (fixture->tmpdir);
  g_assert_cmpuint (names->len, ==, 1);
}

static void
test_save_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) names = NULL;
  GtkRevealer *revealer;

  sign_in_and_report (fixture);
  g_object_set (fixture->sim, "detail-size", (guint64) 64 * 1024 * 1024, "slow-ms", 50, NULL);

  osai_window_save_report_to (fixture->window, file);
  revealer = GTK_REVEALER (child (fixture->window, "download_revealer"));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel-download", NULL);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (fixture->window), WAIT_MS);

  g_assert_true (g_str_has_prefix (osai_window_get_last_toast (fixture->window),
                                   "Saving stopped"));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  names = list_dir (fixture->tmpdir);
  g_assert_cmpuint (names->len, ==, 0);
}

static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "totals.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OsaiUsageModel) usage = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;

  sign_in_and_report (fixture);

  osai_window_export_csv_to (fixture->window, file);
  g_assert_true (osai_window_get_busy (fixture->window));
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (fixture->window), WAIT_MS);

  usage = osai_usage_model_new (osai_window_get_report (fixture->window));
  expected = osai_usage_model_to_csv (usage);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);

  names = list_dir (fixture->tmpdir);
  g_assert_cmpuint (names->len, ==, 1);

  g_assert_nonnull (osai_window_get_last_toast (fixture->window));
  g_assert_true (g_str_has_prefix (osai_window_get_last_toast (fixture->window), "Exported"));
}

/* ---- The history ------------------------------------------------------------------------------ */

/* The window's history once it has been read. */
static OsaiHistory *
loaded_history (OsaiWindow *window)
{
  OSAI_TEST_WAIT_UNTIL (osai_window_get_history (window) != NULL
                        && osai_history_get_loaded (osai_window_get_history (window)), WAIT_MS);
  return osai_window_get_history (window);
}

static guint
n_entries (OsaiWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (osai_window_get_history (window)));
}

static OsaiHistoryEntry *
entry_at (OsaiWindow *window,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (osai_window_get_history (window)), position);
}

static gboolean
view_is (OsaiWindow *window,
         const char *view)
{
  return g_strcmp0 (osai_window_get_view (window), view) == 0;
}

static gboolean
toast_has (OsaiWindow *window,
           const char *text)
{
  const char *toast = osai_window_get_last_toast (window);

  return toast != NULL && strstr (toast, text) != NULL;
}

/* The same folder read by another OsaiHistory, as the next start would. */
static OsaiHistory *
read_history_again (const char *dir)
{
  OsaiHistory *history = osai_history_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (osai_history_load (history, NULL, &error));
  g_assert_no_error (error);
  return history;
}

static void
test_history_recorded (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(OsaiHistory) again = NULL;
  OsaiHistory *history;
  OsaiReport *report;

  sign_in_and_report (fixture);
  report = osai_window_get_report (fixture->window);
  history = loaded_history (fixture->window);
  OSAI_TEST_WAIT_UNTIL (n_entries (fixture->window) == 1, WAIT_MS);

  entry = entry_at (fixture->window, 0);
  g_assert_cmpint (osai_history_entry_get_state (entry), ==, OSAI_HISTORY_STATE_DONE);
  g_assert_cmpint (osai_history_entry_get_report_id (entry), ==, osai_report_get_id (report));
  g_assert_cmpstr (osai_history_entry_get_server (entry), ==, fixture->url);
  g_assert_true (g_str_has_prefix (osai_history_get_dir (history), g_get_user_data_dir ()));
  g_assert_true (view_is (fixture->window, "report"));

  /* On disk, for the next start. */
  again = read_history_again (osai_history_get_dir (history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
}

/* Last month's report, reopened with the server gone. */
static void
test_history_reopen_offline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "totals.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  OsaiWindow *window;
  gint64 report_id;
  double training;

  sign_in_and_report (fixture);
  report_id = osai_report_get_id (osai_window_get_report (fixture->window));
  training = osai_report_get_total (osai_window_get_report (fixture->window),
                                    OSAI_METRIC_TRAINING_SECONDS_8GB);
  OSAI_TEST_WAIT_UNTIL (n_entries (fixture->window) == 1, WAIT_MS);
  close_window (&fixture->window);

  osai_sim_server_stop (fixture->sim);
  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_true (page_is (window, "blocked"));
  g_assert_true (child_visible (window, "offline_history_button"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.offline-history", NULL);
  g_assert_true (page_is (window, "report"));
  g_assert_true (view_is (window, "history"));
  g_assert_true (gtk_revealer_get_reveal_child (child (window, "offline_revealer")));
  loaded_history (window);
  g_assert_cmpuint (n_entries (window), ==, 1);

  entry = entry_at (window, 0);
  g_signal_emit_by_name (osai_window_get_history_page (window), "open-entry", entry);
  g_assert_true (view_is (window, "report"));
  g_assert_true (result_page_is (window, "totals"));
  g_assert_cmpint (osai_report_get_id (osai_window_get_report (window)), ==, report_id);
  g_assert_cmpfloat (osai_report_get_total (osai_window_get_report (window),
                                            OSAI_METRIC_TRAINING_SECONDS_8GB), ==, training);
  g_assert_true (osai_totals_view_get_report (OSAI_TOTALS_VIEW (osai_window_get_totals_view (window)))
                 == osai_window_get_report (window));

  /* No server: the totals export, the detailed report cannot be fetched. */
  g_assert_false (button_sensitive (window, "save_button"));
  g_assert_true (button_sensitive (window, "csv_button"));
  osai_window_export_csv_to (window, file);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (window), WAIT_MS);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Back to the server: the bar's button tries again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reconnect", NULL);
  OSAI_TEST_WAIT_UNTIL (page_is (window, "blocked"), WAIT_MS);
  g_assert_false (gtk_revealer_get_reveal_child (child (window, "offline_revealer")));
}

/* The window closes while the report is being made; the next one waits for
 * the same report, without asking for another. */
static void
test_history_resume (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(OsaiHistoryEntry) pending = NULL;
  g_autoptr(OsaiHistoryEntry) done = NULL;
  g_autoptr(OsaiHistory) again = NULL;
  g_autoptr(GPtrArray) still_pending = NULL;
  g_autofree char *dir = NULL;
  OsaiReportJob *job;
  OsaiWindow *window;

  g_object_set (fixture->sim, "report-delay", 4.0, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);
  loaded_history (window);
  start_report (window);
  OSAI_TEST_WAIT_UNTIL (n_entries (window) == 1, WAIT_MS);
  pending = entry_at (window, 0);
  g_assert_cmpint (osai_history_entry_get_state (pending), ==, OSAI_HISTORY_STATE_PENDING);
  dir = g_strdup (osai_history_get_dir (osai_window_get_history (window)));
  close_window (&fixture->window);

  g_assert_cmpuint (count_requests (fixture->sim, "POST", "/api/Reports"), ==, 1);
  again = read_history_again (dir);
  still_pending = osai_history_get_pending (again);
  g_assert_cmpuint (still_pending->len, ==, 1);

  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_true (page_is (window, "report"));
  OSAI_TEST_WAIT_UNTIL (osai_window_get_job (window) != NULL, WAIT_MS);
  job = osai_window_get_job (window);
  osai_report_job_set_poll_interval (job, POLL_MS);
  g_assert_true (toast_has (window, "Waiting again for the report"));

  wait_for_result (window);
  g_assert_true (result_page_is (window, "totals"));
  g_assert_cmpint (osai_report_get_id (osai_window_get_report (window)), ==,
                   osai_history_entry_get_report_id (pending));
  g_assert_cmpuint (count_requests (fixture->sim, "POST", "/api/Reports"), ==, 1);
  g_assert_cmpuint (n_entries (window), ==, 1);
  done = entry_at (window, 0);
  g_assert_cmpint (osai_history_entry_get_state (done), ==, OSAI_HISTORY_STATE_DONE);
}

/* Last month's report, saved today: its link has long expired, so the
 * server is asked for a fresh one; a server that no longer has the report
 * is said so, and nothing is written. */
static void
test_history_save_old (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.json", NULL);
  g_autofree char *gone_path = g_build_filename (fixture->tmpdir, "gone.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) gone_file = g_file_new_for_path (gone_path);
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  OsaiWindow *window;
  guint port;

  g_object_set (fixture->sim, "url-lifetime", 0, NULL);
  sign_in_and_report (fixture);
  g_object_set (fixture->sim, "url-lifetime", 1800, NULL);
  loaded_history (fixture->window);
  OSAI_TEST_WAIT_UNTIL (n_entries (fixture->window) == 1, WAIT_MS);
  close_window (&fixture->window);

  /* The next day: reopened from the history, saved through a new link. */
  fixture->window = window = open_window (fixture->url, FALSE);
  loaded_history (window);
  entry = entry_at (window, 0);
  g_signal_emit_by_name (osai_window_get_history_page (window), "open-entry", entry);
  g_assert_true (button_sensitive (window, "save_button"));
  osai_sim_server_clear_requests (fixture->sim);
  osai_window_save_report_to (window, file);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (window), WAIT_MS);
  g_assert_true (g_str_has_prefix (osai_window_get_last_toast (window), "Saved"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_requests (fixture->sim, "GET", "/api/Reports/"), ==, 1);
  close_window (&fixture->window);

  /* A server that has forgotten it: a new simulator on the same address. */
  port = osai_sim_server_get_port (fixture->sim);
  osai_sim_server_stop (fixture->sim);
  g_clear_object (&fixture->sim);
  fixture->sim = osai_sim_server_new ();
  osai_sim_server_start (fixture->sim, port, &error);
  g_assert_no_error (error);
  fixture->url = osai_sim_server_get_base_url (fixture->sim);

  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_true (page_is (window, "report"));
  loaded_history (window);
  g_signal_emit_by_name (osai_window_get_history_page (window), "open-entry", entry);
  osai_window_save_report_to (window, gone_file);
  OSAI_TEST_WAIT_UNTIL (!osai_window_get_busy (window), WAIT_MS);
  g_assert_true (toast_has (window, "OSAI no longer has this report"));
  g_assert_false (g_file_test (gone_path, G_FILE_TEST_EXISTS));
}

/* Cancel means "not this one": nothing is left to resume. */
static void
test_history_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  OsaiWindow *window;

  g_object_set (fixture->sim, "report-delay", 30.0, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);
  loaded_history (window);
  start_report (window);
  OSAI_TEST_WAIT_UNTIL (n_entries (window) == 1, WAIT_MS);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  wait_for_result (window);
  OSAI_TEST_WAIT_UNTIL (n_entries (window) == 0, WAIT_MS);
}

static void
test_history_delete_undo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(OsaiHistory) again = NULL;
  g_autofree char *key = NULL;
  const char *dir;

  sign_in_and_report (fixture);
  dir = osai_history_get_dir (loaded_history (fixture->window));
  OSAI_TEST_WAIT_UNTIL (n_entries (fixture->window) == 1, WAIT_MS);
  entry = entry_at (fixture->window, 0);
  key = g_strdup (osai_history_entry_get_key (entry));

  g_signal_emit_by_name (osai_window_get_history_page (fixture->window), "delete-entry", entry);
  g_assert_cmpuint (n_entries (fixture->window), ==, 0);
  g_assert_true (toast_has (fixture->window, "Deleted the report for "));
  again = read_history_again (dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 0);
  g_clear_object (&again);

  /* The toast's Undo. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete", "s", key);
  g_assert_cmpuint (n_entries (fixture->window), ==, 1);
  again = read_history_again (dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
}

/* Compare with the previous period: generated once, then found in the history. */
static void
test_compare_previous (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "comparison.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  OsaiComparePage *page;
  OsaiComparison *comparison;
  OsaiWindow *window;

  sign_in_and_report (fixture);
  window = fixture->window;
  loaded_history (window);
  OSAI_TEST_WAIT_UNTIL (n_entries (window) == 1, WAIT_MS);
  entry = entry_at (window, 0);

  g_signal_emit_by_name (osai_window_get_history_page (window), "compare-entry", entry,
                         (int) OSAI_PERIOD_SHIFT_PREVIOUS);
  g_assert_true (result_page_is (window, "waiting"));
  osai_report_job_set_poll_interval (osai_window_get_job (window), POLL_MS);
  page = OSAI_COMPARE_PAGE (osai_window_get_compare_page (window));
  OSAI_TEST_WAIT_UNTIL (view_is (window, "compare") && osai_compare_page_get_comparison (page),
                        WAIT_MS);
  comparison = osai_compare_page_get_comparison (page);
  g_assert_true (osai_comparison_get_b (comparison) == entry
                 || osai_history_entry_equal (osai_comparison_get_b (comparison), entry));
  g_assert_cmpint (g_date_time_compare (osai_history_entry_get_period_to (osai_comparison_get_a (comparison)),
                                        osai_history_entry_get_period_from (entry)), <=, 0);
  g_assert_cmpuint (count_requests (fixture->sim, "POST", "/api/Reports"), ==, 2);
  g_assert_cmpuint (n_entries (window), ==, 2);

  /* Asked again: the history has it. */
  adw_view_stack_set_visible_child_name (child (window, "view_stack"), "history");
  g_signal_emit_by_name (osai_window_get_history_page (window), "compare-entry", entry,
                         (int) OSAI_PERIOD_SHIFT_PREVIOUS);
  g_assert_true (view_is (window, "compare"));
  g_assert_cmpuint (count_requests (fixture->sim, "POST", "/api/Reports"), ==, 2);

  /* The same as CSV. */
  comparison = osai_compare_page_get_comparison (page);
  expected = osai_comparison_to_csv (comparison);
  osai_window_export_comparison_to (window, file);
  OSAI_TEST_WAIT_UNTIL (toast_has (window, "Exported"), WAIT_MS);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_history_clear (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;

  sign_in_and_report (fixture);
  loaded_history (fixture->window);
  OSAI_TEST_WAIT_UNTIL (n_entries (fixture->window) == 1, WAIT_MS);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-history", NULL);
  OSAI_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "OSAI servers are not affected"));
  adw_message_dialog_response (dialog, "clear");
  OSAI_TEST_WAIT_UNTIL (n_entries (fixture->window) == 0, WAIT_MS);
  OSAI_TEST_WAIT_UNTIL (toast_has (fixture->window, "The history was cleared"), WAIT_MS);
}

/* A damaged file is moved aside and said so, and the rest still loads. */
static void
test_history_set_aside (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *dir = osai_history_get_default_dir ();
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  key = osai_history_make_key (fixture->url, 4242, &error);
  g_assert_no_error (error);
  name = osai_history_key_to_file_name (key);
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "{\"version\": 1, \"server\": \"trunc", -1, &error);
  g_assert_no_error (error);

  fixture->window = open_window (fixture->url, FALSE);
  sign_in (fixture->window, RIGHT_TOKEN);
  loaded_history (fixture->window);
  OSAI_TEST_WAIT_UNTIL (toast_has (fixture->window, "set aside"), WAIT_MS);
  g_assert_cmpuint (n_entries (fixture->window), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The demo's reports go with its simulator. */
static void
test_history_demo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = NULL;
  OsaiWindow *window;

  fixture->window = window = open_window (NULL, TRUE);
  g_object_set (osai_account_get_simulator (osai_window_get_account (window)),
                "report-delay", 0.2, NULL);
  dir = g_strdup (osai_history_get_dir (loaded_history (window)));
  g_assert_false (g_str_has_prefix (dir, g_get_user_data_dir ()));

  start_report (window);
  wait_for_result (window);
  OSAI_TEST_WAIT_UNTIL (n_entries (window) == 1, WAIT_MS);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));

  close_window (&fixture->window);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* ---- The request ------------------------------------------------------------------------------ */

static void
assert_invalid (OsaiWindow *window,
                const char *message)
{
  g_assert_true (child_visible (window, "validation_label"));
  g_assert_cmpstr (gtk_label_get_label (child (window, "validation_label")), ==, message);
  g_assert_false (button_sensitive (window, "generate_button"));

  /* Asked all the same, nothing starts. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.generate", NULL);
  g_assert_null (osai_window_get_job (window));
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "none");
}

static void
assert_valid (OsaiWindow *window)
{
  g_assert_false (child_visible (window, "validation_label"));
  g_assert_true (button_sensitive (window, "generate_button"));
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *switches[] = {
    "datasets_switch", "manipulations_switch", "models_switch", "devices_switch",
    "predictions_switch",
  };
  OsaiWindow *window;

  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);
  assert_valid (window);

  /* The start after the end. */
  osai_date_row_set_date (child (window, "to_row"), "2024-01-10");
  osai_date_row_set_date (child (window, "from_row"), "2024-01-20");
  assert_invalid (window, "The start date is after the end date.");

  osai_date_row_set_date (child (window, "from_row"), "2024-01-01");
  assert_valid (window);

  /* Nothing to report on. */
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      g_assert_true (gtk_switch_get_active (child (window, switches[i])));
      gtk_switch_set_active (child (window, switches[i]), FALSE);
    }
  assert_invalid (window, "Switch on at least one kind of usage.");

  gtk_switch_set_active (child (window, "predictions_switch"), TRUE);
  assert_valid (window);
}

static void
test_settings_restored (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *expected_from = NULL;
  g_autofree char *expected_to = NULL;
  GDate first, last;
  OsaiWindow *window;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  osai_period_preset (OSAI_PERIOD_LAST_MONTH, now, &first, &last);
  expected_from = osai_period_format_day (&first);
  expected_to = osai_period_format_day (&last);

  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);

  gtk_switch_set_active (child (window, "models_switch"), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "last-month");
  g_assert_cmpstr (osai_date_row_get_date (child (window, "from_row")), ==, expected_from);
  g_assert_cmpstr (osai_date_row_get_date (child (window, "to_row")), ==, expected_to);
  close_window (&fixture->window);

  /* The next window signs in by itself and shows the same request. */
  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_cmpstr (osai_window_get_page (window), ==, "report");
  g_assert_false (gtk_switch_get_active (child (window, "models_switch")));
  g_assert_true (gtk_switch_get_active (child (window, "datasets_switch")));
  g_assert_cmpstr (osai_date_row_get_date (child (window, "from_row")), ==, expected_from);
  g_assert_cmpstr (osai_date_row_get_date (child (window, "to_row")), ==, expected_to);
  assert_valid (window);
}

/* ---- Demo, sign-out, restore ------------------------------------------------------------------ */

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  OsaiAccount *account;
  OsaiSimServer *demo_sim;
  OsaiWindow *window;
  OsaiReportJob *job;

  fixture->window = window = open_window (NULL, TRUE);
  account = osai_window_get_account (window);

  g_assert_cmpstr (osai_window_get_page (window), ==, "report");
  g_assert_true (osai_account_get_is_demo (account));
  g_assert_true (gtk_revealer_get_reveal_child (child (window, "demo_revealer")));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (child (window, "window_title")), ==,
                   "Demo Data");

  demo_sim = osai_account_get_simulator (account);
  g_assert_true (OSAI_IS_SIM_SERVER (demo_sim));
  g_assert_true (demo_sim != fixture->sim);
  g_object_set (demo_sim, "report-delay", 0.5, NULL);

  job = start_report (window);
  wait_for_result (window);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "totals");
  g_assert_cmpint (osai_report_job_get_state (job), ==, OSAI_REPORT_JOB_STATE_DONE);
  g_assert_nonnull (osai_window_get_report (window));

  /* Leaving the demo goes back to the sign-in page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  g_assert_false (osai_account_get_is_demo (account));
  OSAI_TEST_WAIT_UNTIL (!gtk_revealer_get_reveal_child (child (window, "demo_revealer")), WAIT_MS);
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) signed_in_file = NULL;
  g_autoptr(GBytes) signed_out_file = NULL;
  g_autofree char *kept = NULL;
  OsaiWindow *window;

  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);
  g_assert_cmpstr (osai_window_get_page (window), ==, "report");
  signed_in_file = read_keyring_file ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  g_assert_cmpint (account_state (window), ==, OSAI_ACCOUNT_STATE_SIGNED_OUT);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (child (window, "window_title")), ==, "");

  /* Closed right away, as when one signs out and quits: the token must
   * still be gone, from the keyring's file too, where the next start of
   * the app would find it. */
  close_window (&fixture->window);

  kept = lookup_token (fixture->url);
  g_assert_null (kept);
  signed_out_file = read_keyring_file ();
  g_assert_cmpuint (g_bytes_get_size (signed_out_file), <, g_bytes_get_size (signed_in_file));

  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  g_assert_null (osai_window_get_sign_in_error (window));

  /* The server given on the command line is shown instead of the region,
   * read-only, and not saved. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.osaireports.OsaiReports");
    g_autofree char *saved = g_settings_get_string (settings, "custom-server-url");

    g_assert_false (gtk_widget_get_visible (child (window, "region_row")));
    g_assert_true (gtk_widget_get_visible (child (window, "server_row")));
    g_assert_cmpstr (gtk_editable_get_text (child (window, "server_row")), ==, fixture->url);
    g_assert_false (gtk_editable_get_editable (child (window, "server_row")));
    g_assert_cmpstr (saved, ==, "");
  }
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  OsaiWindow *window;
  guint sign_ins;

  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);
  g_assert_cmpstr (osai_window_get_page (window), ==, "report");
  close_window (&fixture->window);

  sign_ins = count_sign_ins (fixture->sim);
  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_cmpstr (osai_window_get_page (window), ==, "report");
  g_assert_cmpint (account_state (window), ==, OSAI_ACCOUNT_STATE_SIGNED_IN);
  g_assert_cmpuint (count_sign_ins (fixture->sim), >, sign_ins);
  g_assert_nonnull (strstr (adw_view_switcher_title_get_subtitle (child (window, "window_title")),
                            "Demo User"));

  /* And it works. */
  start_report (window);
  wait_for_result (window);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "totals");
}

static void
test_sign_in_unreachable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(OsaiSimServer) gone = osai_sim_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *error_text = NULL;
  OsaiWindow *window;

  /* A server that was there and is not any more: nothing listens. */
  osai_sim_server_start (gone, 0, &error);
  g_assert_no_error (error);
  url = g_strdup (osai_sim_server_get_base_url (gone));
  osai_sim_server_stop (gone);

  fixture->window = window = open_window (url, FALSE);
  sign_in (window, RIGHT_TOKEN);

  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  error_text = g_utf8_strdown (osai_window_get_sign_in_error (window), -1);
  g_assert_nonnull (strstr (error_text, "could not connect"));
  /* Sentences end where they end, and a server on this computer is not a
   * matter of the internet connection. */
  g_assert_nonnull (strstr (error_text, "address and port. "));
  g_assert_nonnull (strstr (error_text, "server on this computer is running"));
  g_assert_null (strstr (error_text, "internet"));
  /* The address is at fault, not the token. */
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (child (window, "token_row")), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (child (window, "server_row")), "error"));
}

/* A custom http:// server that is not this computer: refused, pointing to
 * the preference, until the preference allows it.  0.0.0.0 is not a
 * loopback address by name, yet connecting to it stays on this computer:
 * nothing leaves it, and a port where nothing listens refuses. */
static void
test_sign_in_insecure_custom (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(OsaiSimServer) gone = osai_sim_server_new ();
  g_autoptr(GUri) gone_uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *error_text = NULL;
  const char *description;
  GtkWidget *preferences;
  OsaiWindow *window;

  osai_sim_server_start (gone, 0, &error);
  g_assert_no_error (error);
  gone_uri = g_uri_parse (osai_sim_server_get_base_url (gone), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  osai_sim_server_stop (gone);
  url = g_strdup_printf ("http://0.0.0.0:%d/api", g_uri_get_port (gone_uri));

  g_settings_set_enum (settings, "region", 2);
  g_settings_set_string (settings, "custom-server-url", url);
  g_assert_false (g_settings_get_boolean (settings, "allow-insecure-custom-server"));

  /* Kept from an earlier run, the address stops the start-up... */
  fixture->window = window = open_window (NULL, FALSE);
  g_assert_cmpstr (osai_window_get_page (window), ==, "blocked");
  description = adw_status_page_get_description (child (window, "blocked_page"));
  g_assert_nonnull (strstr (description, "is not encrypted"));
  g_assert_nonnull (strstr (description, "Allow Unencrypted Connection"));

  /* ...the preference is there, under the custom server's address... */
  preferences = osai_preferences_window_new (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
                   preferences, OSAI_TYPE_PREFERENCES_WINDOW, "insecure_row"))));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* ...and once it is on, trying again gets as far as the keyring. */
  g_settings_set_boolean (settings, "allow-insecure-custom-server", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reconnect", NULL);
  OSAI_TEST_WAIT_UNTIL (page_is (window, "connect"), WAIT_MS);

  /* Signing in with it off is refused before anything is sent... */
  g_settings_set_boolean (settings, "allow-insecure-custom-server", FALSE);
  gtk_editable_set_text (GTK_EDITABLE (child (window, "token_row")), RIGHT_TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL);
  OSAI_TEST_WAIT_UNTIL (osai_window_get_sign_in_error (window) != NULL, WAIT_MS);
  g_assert_cmpint (account_state (window), !=, OSAI_ACCOUNT_STATE_BUSY);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
  error_text = g_strdup (osai_window_get_sign_in_error (window));
  g_assert_nonnull (strstr (error_text, "is not encrypted"));
  g_assert_nonnull (strstr (error_text, "Allow Unencrypted Connection"));

  /* ...and with it on goes ahead, to a port that refuses. */
  g_settings_set_boolean (settings, "allow-insecure-custom-server", TRUE);
  sign_in (window, RIGHT_TOKEN);
  g_clear_pointer (&error_text, g_free);
  error_text = g_utf8_strdown (osai_window_get_sign_in_error (window), -1);
  g_assert_nonnull (strstr (error_text, "could not connect"));
  g_assert_null (strstr (error_text, "not encrypted"));
}

static void
test_restore_unreachable (Fixture       *fixture,
                          gconstpointer  data)
{
  OsaiWindow *window;

  fixture->window = window = open_window (fixture->url, FALSE);
  sign_in (window, RIGHT_TOKEN);
  close_window (&fixture->window);

  /* The token is kept, the server has gone: a page that says so, with a
   * way to try again and a way out. */
  osai_sim_server_stop (fixture->sim);
  fixture->window = window = open_window (fixture->url, FALSE);
  g_assert_cmpstr (osai_window_get_page (window), ==, "blocked");
  g_assert_nonnull (strstr (adw_status_page_get_description (child (window, "blocked_page")),
                            "Could not connect"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reconnect", NULL);
  g_assert_cmpstr (osai_window_get_page (window), ==, "loading");
  OSAI_TEST_WAIT_UNTIL (page_is (window, "blocked"), WAIT_MS);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_cmpstr (osai_window_get_page (window), ==, "connect");
}

static void
test_window_size_remembered (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.osaireports.OsaiReports");
  OsaiWindow *window;
  int width, height;

  fixture->window = window = open_window (fixture->url, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 520);

  /* Closing (not destroying) is what a person does: it saves the size. */
  gtk_window_close (GTK_WINDOW (window));
  fixture->window = NULL;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 520);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  fixture->window = window = open_window (fixture->url, FALSE);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 520);
}

static void
test_close_while_busy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "totals.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OsaiWindow *window;

  /* Closed in the middle of a sign-in: whatever ends afterwards finds the
   * window gone and leaves it alone (criticals are fatal here). */
  g_object_set (fixture->sim, "slow-ms", 20000, NULL);
  fixture->window = window = open_window (fixture->url, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (child (window, "token_row")), RIGHT_TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL);
  g_assert_cmpint (account_state (window), ==, OSAI_ACCOUNT_STATE_BUSY);
  close_window (&fixture->window);

  /* And in the middle of an export and a report. */
  g_object_set (fixture->sim, "slow-ms", 0, NULL);
  sign_in_and_report (fixture);
  osai_window_export_csv_to (fixture->window, file);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.generate", NULL);
  close_window (&fixture->window);
}

/* ---- Notifications --------------------------------------------------------------------------- */

/* A desktop's notification server, enough of one to see what arrives. */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  GPtrArray *summaries = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_ptr_array_add (summaries, g_strdup (summary));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", summaries->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "osai", "1", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_notification (Fixture       *fixture,
                   gconstpointer  data)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(OsaiApplication) app = osai_application_new ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.osaireports.OsaiReports");
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;
  guint registration, owner;
  OsaiWindow *window;
  GtkWidget *other;

  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                    node->interfaces[0], &vtable, summaries,
                                                    NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                        G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired_cb, NULL,
                                        &owned, NULL);
  OSAI_TEST_WAIT_UNTIL (owned, WAIT_MS);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Any wait counts as long here. */
  g_settings_set_uint (settings, "notify-after", 0);

  fixture->window = window = osai_window_new (app, FALSE, fixture->url);
  gtk_window_present (GTK_WINDOW (window));
  OSAI_TEST_WAIT_UNTIL (!page_is (window, "loading"), WAIT_MS);
  sign_in (window, RIGHT_TOKEN);

  /* Something else comes to the front. */
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  OSAI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (other), WAIT_MS);
  gtk_window_present (GTK_WINDOW (other));
  OSAI_TEST_WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (other)), WAIT_MS);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (window)));

  start_report (window);
  wait_for_result (window);
  g_assert_cmpstr (osai_window_get_result_page (window), ==, "totals");

  OSAI_TEST_WAIT_UNTIL (summaries->len > 0, WAIT_MS);
  g_assert_cmpstr (g_ptr_array_index (summaries, 0), ==, "Your OSAI report is ready");

  gtk_window_destroy (GTK_WINDOW (other));
  close_window (&fixture->window);
  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
}

/* ---- Help --------------------------------------------------------------------------------- */

/* A help viewer for help: URIs in the test's own XDG dirs, which writes the
 * URIs it is asked to open into @log_path. */
static void
install_fake_help_viewer (const char *log_path)
{
  g_autofree char *apps_dir = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *script = g_build_filename (g_get_user_data_dir (), "fake-help-viewer", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_path = NULL;
  g_autofree char *desktop_text = NULL;
  g_autofree char *mimeapps_path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (apps_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);

  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", log_path);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);

  desktop_path = g_build_filename (apps_dir, "fake-help-viewer.desktop", NULL);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Fake Help\n"
                                  "Exec=%s %%u\nMimeType=x-scheme-handler/help;\n", script);
  g_file_set_contents (desktop_path, desktop_text, -1, &error);
  g_assert_no_error (error);

  mimeapps_path = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_file_set_contents (mimeapps_path,
                       "[Default Applications]\nx-scheme-handler/help=fake-help-viewer.desktop\n",
                       -1, &error);
  g_assert_no_error (error);
}

static gboolean
file_has_lines (const char *path,
                guint       n_lines)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n >= n_lines;
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *log_path = g_build_filename (fixture->tmpdir, "help-uris", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) uris = NULL;
  OsaiWindow *window;

  install_fake_help_viewer (log_path);
  fixture->window = window = open_window (fixture->url, FALSE);

  /* The sign-in page's "How Do I Get an Access Token?" button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.help-page", "s", "sign-in"));
  OSAI_TEST_WAIT_UNTIL (file_has_lines (log_path, 1), WAIT_MS);
  /* F1 and the Help menu item. */
  osai_window_show_help (window, NULL);
  OSAI_TEST_WAIT_UNTIL (file_has_lines (log_path, 2), WAIT_MS);

  g_assert_true (g_file_get_contents (log_path, &text, NULL, NULL));
  uris = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (uris[0], ==, "help:osai-reports/sign-in");
  g_assert_cmpstr (uris[1], ==, "help:osai-reports");
  g_assert_null (osai_window_get_last_toast (window));

  /* Both name pages the help has. */
  for (guint i = 0; i < 2; i++)
    {
      const char *page = i == 0 ? "sign-in" : "index";
      g_autofree char *name = g_strconcat (page, ".page", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "help", "C", name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

/* Under AddressSanitizer (`meson test --setup asan`) LeakSanitizer reads
 * this beside tests/lsan.supp.  Two library leaks happen here: libsecret 0.20's
 * file backend, the keyring here, overwrites the etag
 * g_file_replace_contents_finish() gives it on every write without freeing
 * the one before (fixed in later libsecret), and GTK 4.8's file chooser
 * (the Save dialog) drops GFileInfos its folder listing asked GIO for.
 * Their allocation stacks hold only GIO's own static functions between
 * malloc and the main loop, which Debian's libgio has no symbols for, so
 * tests/lsan.supp cannot name them: this program alone tolerates leaks
 * whose allocation passed through GIO.  Everything else stays fatal here,
 * and the other tests keep checking GIO's allocations. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libgio-2.0.so\n";
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *system_dirs = g_get_system_data_dirs ();

  /* The icons are SVG, which gdk-pixbuf recognises through shared-mime-info;
   * the isolated data dirs have no MIME database, so keep the system's. */
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* libsecret's file backend in the isolated directory, before anything
   * looks at the keyring: no Secret Service needed. */
  keyring_dir = g_build_filename (g_getenv ("G_TEST_TMPDIR"), "keyrings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (keyring_dir, 0700), ==, 0);
  keyring_path = g_build_filename (keyring_dir, "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  /* Texts as the tests spell them, whatever the machine's locale. */
  gtk_disable_setlocale ();
  gtk_init ();
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/window/sign-in/wrong-token", test_sign_in_wrong_token);
  ADD ("/window/sign-in/cancel", test_sign_in_cancel);
  ADD ("/window/sign-in/unreachable", test_sign_in_unreachable);
  ADD ("/window/sign-in/insecure-custom", test_sign_in_insecure_custom);
  ADD ("/window/restore/unreachable", test_restore_unreachable);
  ADD ("/window/notification", test_notification);
  ADD ("/window/size-remembered", test_window_size_remembered);
  ADD ("/window/close-while-busy", test_close_while_busy);
  ADD ("/window/sign-in/right-token", test_sign_in_right_token);
  ADD ("/window/report/generate", test_generate);
  ADD ("/window/report/sort", test_sort);
  ADD ("/window/report/cancel", test_cancel);
  ADD ("/window/report/cancel-keeps-report", test_cancel_keeps_report);
  ADD ("/window/report/failed", test_report_failed);
  ADD ("/window/report/scroll-over-table", test_scroll_over_table);
  ADD ("/window/report/session-expired", test_session_expired);
  ADD ("/window/report/token-revoked", test_token_revoked);
  ADD ("/window/save/report", test_save_report);
  ADD ("/window/keyboard-only", test_keyboard_only);
  ADD ("/window/save/dialog", test_save_dialog);
  ADD ("/window/save/expired-link", test_save_expired_link);
  ADD ("/window/save/failed-keeps-file", test_save_failed_keeps_file);
  ADD ("/window/save/cancelled", test_save_cancelled);
  ADD ("/window/save/csv", test_export_csv);
  ADD ("/window/request/validation", test_validation);
  ADD ("/window/request/settings-restored", test_settings_restored);
  ADD ("/window/demo", test_demo);
  ADD ("/window/sign-out", test_sign_out);
  ADD ("/window/restore", test_restore);
  ADD ("/window/help", test_help);
  ADD ("/window/history/recorded", test_history_recorded);
  ADD ("/window/history/reopen-offline", test_history_reopen_offline);
  ADD ("/window/history/resume", test_history_resume);
  ADD ("/window/history/save-old", test_history_save_old);
  ADD ("/window/history/cancel", test_history_cancel);
  ADD ("/window/history/delete-undo", test_history_delete_undo);
  ADD ("/window/history/clear", test_history_clear);
  ADD ("/window/history/set-aside", test_history_set_aside);
  ADD ("/window/history/demo", test_history_demo);
  ADD ("/window/compare/previous", test_compare_previous);

#undef ADD

  return g_test_run ();
}
