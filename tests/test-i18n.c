/* test-i18n.c — the app, started as a user starts it, speaks Polish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real OsaiApplication with `--demo` under LANGUAGE=pl, with the
 * text domain bound to the catalogues this build compiled, and looks for
 * Polish text in the window it opens.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "osai-application.h"
#include "osai-window.h"

#define DEADLINE_S 30

/* Source strings whose translation must be on the report page (labels with
 * a mnemonic are compared without the underscore). */
static const char * const shown_strings[] = {
  "_Generate Report",
  "Demo Data",
  "_Presets",
};

typedef struct
{
  GApplication *app;
  gint64        deadline;
  GPtrArray    *texts;
  gboolean      timed_out;
} Run;

static void
add_text (GPtrArray  *texts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (texts, g_strdup (text));
}

/* Every text a user can read in @widget and below it. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    add_text (texts, gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget))
    add_text (texts, gtk_button_get_label (GTK_BUTTON (widget)));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    add_text (texts, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  else if (ADW_IS_WINDOW_TITLE (widget))
    {
      add_text (texts, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
      add_text (texts, adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
    }
  else if (ADW_IS_STATUS_PAGE (widget))
    {
      add_text (texts, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      add_text (texts, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static OsaiWindow *
find_window (GApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (OSAI_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
poll_window_cb (gpointer user_data)
{
  Run *run = user_data;
  OsaiWindow *window = find_window (run->app);

  if (window != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (window)) &&
      g_strcmp0 (osai_window_get_page (window), "report") == 0)
    {
      collect_texts (GTK_WIDGET (window), run->texts);
      gtk_window_destroy (GTK_WINDOW (window));
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () > run->deadline)
    {
      run->timed_out = TRUE;
      if (window != NULL)
        gtk_window_destroy (GTK_WINDOW (window));
      g_application_quit (run->app);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *label)
{
  g_autoptr(GString) text = g_string_new (label);

  g_string_replace (text, "_", "", 1);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text->str))
      return TRUE;
  return FALSE;
}

static void
test_window_in_polish (void)
{
  g_autoptr(OsaiApplication) app = osai_application_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  char *argv[] = { (char *) "osai-reports", (char *) "--demo", NULL };
  Run run = { G_APPLICATION (app), 0, texts, FALSE };
  guint polish_texts = 0;
  int status;

  run.deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  g_timeout_add (50, poll_window_cb, &run);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_false (run.timed_out);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (texts->len, >, 10);

  for (guint i = 0; i < G_N_ELEMENTS (shown_strings); i++)
    {
      const char *english = shown_strings[i];
      const char *translated = g_dgettext (GETTEXT_PACKAGE, english);

      g_test_message ("%s → %s", english, translated);
      /* The catalogue is loaded and has it translated… */
      g_assert_cmpstr (translated, !=, english);
      /* …and the window shows the translation, not the English. */
      g_assert_true (texts_contain (texts, translated));
      g_assert_false (texts_contain (texts, english));
    }

  /* Polish, not just "not English": letters only Polish has. */
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (g_utf8_strchr (text, -1, g_utf8_get_char ("ą")) ||
          g_utf8_strchr (text, -1, g_utf8_get_char ("ę")) ||
          g_utf8_strchr (text, -1, g_utf8_get_char ("ł")) ||
          g_utf8_strchr (text, -1, g_utf8_get_char ("ó")) ||
          g_utf8_strchr (text, -1, g_utf8_get_char ("ś")) ||
          g_utf8_strchr (text, -1, g_utf8_get_char ("ż")) ||
          g_utf8_strchr (text, -1, g_utf8_get_char ("ć")))
        polish_texts++;
    }
  g_test_message ("%u of %u texts with Polish letters", polish_texts, texts->len);
  g_assert_cmpuint (polish_texts, >=, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *system_dirs = g_get_system_data_dirs ();

  /* The icons are SVG, which gdk-pixbuf recognises through shared-mime-info;
   * the isolated data dirs have no MIME database, so keep the system's. */
  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* As main.c does, but with this build's catalogues. */
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "pl");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, OSAI_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/window-in-polish", test_window_in_polish);

  return g_test_run ();
}
