/* osai-history-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history may hold ten thousand reports: a GtkListView makes widgets
 * for the rows in view only and binds them to entries as it scrolls.  So
 * nothing about an entry is kept in a row's widgets beyond its binding:
 * the row's menu acts through a "row" action group of its own, whose
 * actions take the entry the row is bound to when they run.
 */
#define G_LOG_DOMAIN "osai-history-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "osai-compat.h"
#include "osai-history-page.h"
#include "osai-period.h"

#define RESOURCE_PREFIX "/io/github/osaireports/OsaiReports"

struct _OsaiHistoryPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;         /* the child */
  GtkSpinner         *spinner;
  GtkListView        *list_view;
  GMenuModel         *row_menu;

  OsaiHistory        *history;
  GtkNoSelection     *selection;
  char               *server;
  char               *server_host;
  GPtrArray          *rows;          /* Row, borrowed: each list item owns its own */
  gboolean            shown;         /* mapped once: the list has its model */
};

G_DEFINE_FINAL_TYPE (OsaiHistoryPage, osai_history_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OPEN_ENTRY,
  SIGNAL_DELETE_ENTRY,
  SIGNAL_COMPARE_ENTRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The widgets of one row, made once by the factory and bound many times;
 * freed with its box, which holds everything that points to it. */
typedef struct
{
  OsaiHistoryPage     *page;          /* NULL once the page is disposed */
  GtkListItem         *list_item;     /* weak: it owns the box */
  GtkWidget           *box;
  GtkLabel            *title;
  GtkLabel            *subtitle;
  GtkLabel            *headline;
  GtkMenuButton       *menu_button;
  GSimpleActionGroup  *actions;
} Row;

static GQuark row_quark;

static const struct {
  OsaiIncludeFlags  flag;
  const char       *name;
} include_names[] = {
  /* Translators: a kind of usage a report counts, as in "Datasets, Models, Predictions". */
  { OSAI_INCLUDE_DATASETS, N_("Datasets") },
  { OSAI_INCLUDE_MANIPULATIONS, N_("Manipulations") },
  { OSAI_INCLUDE_MODELS, N_("Models") },
  { OSAI_INCLUDE_RENTED_DEVICES, N_("Rented Devices") },
  { OSAI_INCLUDE_PREDICTIONS, N_("Predictions") },
};

/* ---- Texts ---------------------------------------------------------------------------------- */

static char *
describe_include (OsaiIncludeFlags include)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if ((include & OSAI_INCLUDE_ALL) == OSAI_INCLUDE_ALL)
    /* Translators: what a report in the list of recent reports counts,
     * when every kind of usage was switched on. */
    return g_strdup (_("All usage"));

  for (guint i = 0; i < G_N_ELEMENTS (include_names); i++)
    {
      if (include & include_names[i].flag)
        g_ptr_array_add (names, (gpointer) _(include_names[i].name));
    }

  if (names->len == 0)
    /* Translators: what a report in the list of recent reports counts,
     * when no kind of usage was switched on. */
    return g_strdup (_("No usage"));

  g_ptr_array_add (names, NULL);
  /* Translators: between the kinds of usage a report counts,
   * "Datasets, Models, Predictions". */
  return g_strjoinv (C_("list separator", ", "), (char **) names->pdata);
}

static char *
describe_subtitle (OsaiHistoryPage  *self,
                   OsaiHistoryEntry *entry)
{
  g_autofree char *include = describe_include (osai_history_entry_get_include (entry));
  g_autoptr(GDateTime) local = g_date_time_to_local (osai_history_entry_get_created (entry));
  /* Translators: when a report was made, see the g_date_time_format()
   * documentation; "10 Feb 2023, 15:33". */
  g_autofree char *when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  const char *host = osai_history_entry_get_host (entry);

  if (self->server_host != NULL && g_strcmp0 (host, self->server_host) != 0)
    /* Translators: a report in the list of recent reports that was made on
     * another server than the one in use: what it counts, when it was made,
     * and the server; "All usage · made 26 Nov 2026, 06:58 · app-us.onestepai.com". */
    return g_strdup_printf (_("%s · made %s · %s"), include, when, host);

  /* Translators: a report in the list of recent reports: what it counts and
   * when it was made; "All usage · made 26 Nov 2026, 06:58". */
  return g_strdup_printf (_("%s · made %s"), include, when);
}

static const char *
describe_headline (OsaiHistoryEntry *entry)
{
  switch (osai_history_entry_get_state (entry))
    {
    case OSAI_HISTORY_STATE_PENDING:
      /* Translators: in place of the figure of a report still being made. */
      return _("Generating…");

    case OSAI_HISTORY_STATE_FAILED:
      /* Translators: in place of the figure of a report the server could not make. */
      return _("Failed");

    case OSAI_HISTORY_STATE_DONE:
    default:
      return osai_history_entry_get_headline (entry);
    }
}

/* "host[:port]" as the history spells an entry's host: through a key, so
 * that case and default ports are normalised the same way. */
static char *
server_host (const char *server)
{
  g_autofree char *key = NULL;

  if (server == NULL || *server == '\0')
    return NULL;

  key = osai_history_make_key (server, 1, NULL);
  if (key == NULL)
    return NULL;

  return g_strdup (strchr (key, '@') + 1);
}

/* ---- Rows ----------------------------------------------------------------------------------- */

static void
row_free (Row *row)
{
  if (row->page != NULL)
    g_ptr_array_remove_fast (row->page->rows, row);
  g_clear_weak_pointer (&row->list_item);
  g_free (row);
}

static Row *
row_of_list_item (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  return box != NULL ? g_object_get_qdata (G_OBJECT (box), row_quark) : NULL;
}

static OsaiHistoryEntry *
row_get_entry (Row *row)
{
  return row->list_item != NULL ? gtk_list_item_get_item (row->list_item) : NULL;
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* The first and the last row round the corners of the list: a row keeps
 * its widget while rows are added or removed around it. */
static void
row_update_place (OsaiHistoryPage *self,
                  Row             *row)
{
  gpointer item = row_get_entry (row);
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);
  gboolean first = FALSE, last = FALSE;

  if (item != NULL && n_items > 0)
    {
      g_autoptr(GObject) first_item = g_list_model_get_item (model, 0);
      g_autoptr(GObject) last_item = g_list_model_get_item (model, n_items - 1);

      first = first_item == item;
      last = last_item == item;
    }

  set_css_class (row->box, "first", first);
  set_css_class (row->box, "last", last);
}

static void
row_update (OsaiHistoryPage *self,
            Row             *row)
{
  OsaiHistoryEntry *entry = row_get_entry (row);
  OsaiHistoryState state;
  gboolean done;
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  const char *title;
  const char *headline;
  const char *action_names[] = { "open", "compare-previous", "compare-year-before",
                                 "compare-with" };

  if (entry == NULL)
    return;

  state = osai_history_entry_get_state (entry);
  done = state == OSAI_HISTORY_STATE_DONE;
  title = osai_history_entry_get_period_text (entry);
  subtitle = describe_subtitle (self, entry);
  headline = describe_headline (entry);

  gtk_label_set_label (row->title, title);
  gtk_label_set_label (row->subtitle, subtitle);
  /* The whole line, for a narrow window where it is cut. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->subtitle), subtitle);
  gtk_label_set_label (row->headline, headline);
  set_css_class (GTK_WIDGET (row->headline), "error", state == OSAI_HISTORY_STATE_FAILED);
  set_css_class (GTK_WIDGET (row->headline), "dim-label", state != OSAI_HISTORY_STATE_FAILED);

  /* Nothing to open or compare before the totals are there. */
  gtk_list_item_set_activatable (row->list_item, done);
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (row->actions), action_names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), done);
    }

  /* Translators: how a screen reader reads a report in the list of recent
   * reports: its period, then its figure; "1 – 26 November 2026, 12.5 h of compute". */
  label = g_strdup_printf (C_("history row accessible label", "%s, %s"), title, headline);
  osai_compat_list_item_set_accessible (row->list_item, label, subtitle);

  row_update_place (self, row);
}

static void
emit_for_entry (OsaiHistoryPage  *self,
                OsaiHistoryEntry *entry,
                const char       *what)
{
  /* A handler may remove the entry from the history, and so unbind the
   * row that holds it. */
  g_autoptr(OsaiHistoryPage) page = g_object_ref (self);
  g_autoptr(OsaiHistoryEntry) held = g_object_ref (entry);
  gboolean done = osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_DONE;

  if (g_str_equal (what, "delete"))
    g_signal_emit (page, signals[SIGNAL_DELETE_ENTRY], 0, held);
  else if (!done)
    return;
  else if (g_str_equal (what, "open"))
    g_signal_emit (page, signals[SIGNAL_OPEN_ENTRY], 0, held);
  else if (g_str_equal (what, "compare-previous"))
    g_signal_emit (page, signals[SIGNAL_COMPARE_ENTRY], 0, held, (int) OSAI_PERIOD_SHIFT_PREVIOUS);
  else if (g_str_equal (what, "compare-year-before"))
    g_signal_emit (page, signals[SIGNAL_COMPARE_ENTRY], 0, held,
                   (int) OSAI_PERIOD_SHIFT_YEAR_BEFORE);
  else if (g_str_equal (what, "compare-with"))
    g_signal_emit (page, signals[SIGNAL_COMPARE_ENTRY], 0, held, OSAI_HISTORY_PAGE_COMPARE_PICK);
  else
    g_assert_not_reached ();
}

static void
row_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Row *row = user_data;
  OsaiHistoryEntry *entry = row_get_entry (row);

  if (row->page == NULL || entry == NULL)
    return;

  emit_for_entry (row->page, entry, g_action_get_name (G_ACTION (action)));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                Row             *row)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_menu_button_popup (row->menu_button);
}

static void
create_row_menu_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  OsaiHistoryPage *self = user_data;

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, self->row_menu);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              OsaiHistoryPage          *self)
{
  static const GActionEntry row_actions[] = {
    { .name = "open", .activate = row_action_cb },
    { .name = "compare-previous", .activate = row_action_cb },
    { .name = "compare-year-before", .activate = row_action_cb },
    { .name = "compare-with", .activate = row_action_cb },
    { .name = "delete", .activate = row_action_cb },
  };
  Row *row = g_new0 (Row, 1);
  GtkWidget *text_box;
  GtkWidget *line_box;
  GtkWidget *button;
  GtkGesture *gesture;

  row->page = self;
  g_set_weak_pointer (&row->list_item, list_item);

  /* [ title      headline ] [menu]
   * [ subtitle            ]
   * The figure beside the title rather than beside both lines: in a
   * narrow window the subtitle keeps the whole width. */
  row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row->box, "history-row");

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row->box), text_box);

  line_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (text_box), line_box);

  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0.0);
  /* One line each, cut with an ellipsis rather than wrapped: a list
   * measures a few hundred rows at a time, and wrapping text costs a
   * height-for-width layout each (seconds for 10 000 reports). */
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (row->title), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (row->title), GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (GTK_WIDGET (row->title), "title");
  gtk_box_append (GTK_BOX (line_box), GTK_WIDGET (row->title));

  row->headline = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->headline, 1.0);
  gtk_widget_set_valign (GTK_WIDGET (row->headline), GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (GTK_WIDGET (row->headline), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (row->headline), "headline");
  gtk_box_append (GTK_BOX (line_box), GTK_WIDGET (row->headline));

  row->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->subtitle, 0.0);
  gtk_label_set_ellipsize (row->subtitle, PANGO_ELLIPSIZE_END);
  /* Styled as an AdwActionRow's subtitle: smaller, dimmed. */
  gtk_widget_add_css_class (GTK_WIDGET (row->subtitle), "subtitle");
  gtk_box_append (GTK_BOX (text_box), GTK_WIDGET (row->subtitle));

  button = gtk_menu_button_new ();
  row->menu_button = GTK_MENU_BUTTON (button);
  gtk_menu_button_set_icon_name (row->menu_button, "view-more-symbolic");
  /* The menu is made when first opened: a popover per row is most of a
   * row's cost. */
  gtk_menu_button_set_create_popup_func (row->menu_button, create_row_menu_cb, self, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the tooltip of the menu button of a report in the list. */
  gtk_widget_set_tooltip_text (button, _("More Options"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Options"),
                                  -1);
  gtk_box_append (GTK_BOX (row->box), button);

  row->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (row->actions),
                                   row_actions, G_N_ELEMENTS (row_actions), row);
  gtk_widget_insert_action_group (row->box, "row", G_ACTION_GROUP (row->actions));
  g_object_unref (row->actions);

  /* A secondary click opens the row's menu, as it would a context menu. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_pressed_cb), row);
  gtk_widget_add_controller (row->box, GTK_EVENT_CONTROLLER (gesture));

  g_object_set_qdata_full (G_OBJECT (row->box), row_quark, row, (GDestroyNotify) row_free);
  g_ptr_array_add (self->rows, row);

  gtk_list_item_set_child (list_item, row->box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             OsaiHistoryPage          *self)
{
  row_update (self, row_of_list_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               OsaiHistoryPage          *self)
{
  Row *row = row_of_list_item (list_item);

  /* An open menu would act on whichever entry the row shows next. */
  if (row != NULL)
    gtk_menu_button_popdown (row->menu_button);
}

/* The row that holds the keyboard focus, if any. */
static Row *
focused_row (OsaiHistoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL && widget != GTK_WIDGET (self->list_view);
       widget = gtk_widget_get_parent (widget))
    {
      Row *row = g_object_get_qdata (G_OBJECT (widget), row_quark);

      /* The list view's own row widget holds ours. */
      if (row == NULL && gtk_widget_get_parent (widget) == GTK_WIDGET (self->list_view))
        {
          GtkWidget *child = gtk_widget_get_first_child (widget);

          row = child != NULL ? g_object_get_qdata (G_OBJECT (child), row_quark) : NULL;
        }

      if (row != NULL)
        return row_get_entry (row) != NULL ? row : NULL;
    }

  return NULL;
}

/* ---- The page ------------------------------------------------------------------------------- */

static void
update_stack (OsaiHistoryPage *self)
{
  const char *name;

  /* The newest rows show as soon as the first batch is in, while the
   * rest is still being read. */
  if (self->history == NULL)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->history)) > 0)
    name = "list";
  else if (!osai_history_get_loaded (self->history))
    name = "loading";
  else
    name = "empty";

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
}

static void
history_items_changed_cb (OsaiHistoryPage *self,
                          guint            position,
                          guint            removed,
                          guint            added,
                          GListModel      *model)
{
  for (guint i = 0; i < self->rows->len; i++)
    row_update_place (self, g_ptr_array_index (self->rows, i));

  update_stack (self);
}

static void
list_activate_cb (OsaiHistoryPage *self,
                  guint            position)
{
  g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                             position);

  if (entry != NULL)
    emit_for_entry (self, entry, "open");
}

static void
delete_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OsaiHistoryPage *self = OSAI_HISTORY_PAGE (widget);
  Row *row = focused_row (self);

  if (row != NULL)
    emit_for_entry (self, row_get_entry (row), "delete");
}

static void
popup_focused_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  Row *row = focused_row (OSAI_HISTORY_PAGE (widget));

  if (row != NULL)
    gtk_menu_button_popup (row->menu_button);
}

static void
osai_history_page_dispose (GObject *object)
{
  OsaiHistoryPage *self = (OsaiHistoryPage *)object;

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OSAI_TYPE_HISTORY_PAGE);

  /* Rows whose boxes outlive the list view must not reach back. */
  for (guint i = 0; i < self->rows->len; i++)
    ((Row *) g_ptr_array_index (self->rows, i))->page = NULL;
  g_ptr_array_set_size (self->rows, 0);

  g_clear_object (&self->selection);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (osai_history_page_parent_class)->dispose (object);
}

static void
osai_history_page_finalize (GObject *object)
{
  OsaiHistoryPage *self = (OsaiHistoryPage *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->server_host, g_free);

  G_OBJECT_CLASS (osai_history_page_parent_class)->finalize (object);
}

static void
osai_history_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OsaiHistoryPage *self = OSAI_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_history_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OsaiHistoryPage *self = OSAI_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      osai_history_page_set_history (self, g_value_get_object (value));
      break;

    case PROP_SERVER:
      osai_history_page_set_server (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The list gets its model the first time the page is on screen: GTK 4.8
 * makes some 200 rows as soon as a list view has items, which a window
 * opening on another view should not pay for while it loads the history.
 * It keeps the model afterwards (and with it the place scrolled to). */
static void
osai_history_page_map (GtkWidget *widget)
{
  OsaiHistoryPage *self = OSAI_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (osai_history_page_parent_class)->map (widget);

  if (!self->shown)
    {
      self->shown = TRUE;
      gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->history));
    }
}

static void
osai_history_page_class_init (OsaiHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = osai_history_page_dispose;
  object_class->finalize = osai_history_page_finalize;
  object_class->get_property = osai_history_page_get_property;
  object_class->set_property = osai_history_page_set_property;
  widget_class->map = osai_history_page_map;

  /**
   * OsaiHistoryPage:history:
   *
   * The history listed, or %NULL for none.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         OSAI_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * OsaiHistoryPage:server:
   *
   * The API base URL in use; rows of reports made on another server name
   * its host.  %NULL names none.
   */
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OsaiHistoryPage::open-entry:
   * @self: the page
   * @entry: the #OsaiHistoryEntry, done
   *
   * A row was activated, or Open picked in its menu.
   */
  signals[SIGNAL_OPEN_ENTRY] =
    g_signal_new ("open-entry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, OSAI_TYPE_HISTORY_ENTRY);

  /**
   * OsaiHistoryPage::delete-entry:
   * @self: the page
   * @entry: the #OsaiHistoryEntry, in any state
   *
   * Delete was picked in a row's menu, or the Delete key pressed on a row.
   * The page removes nothing itself.
   */
  signals[SIGNAL_DELETE_ENTRY] =
    g_signal_new ("delete-entry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, OSAI_TYPE_HISTORY_ENTRY);

  /**
   * OsaiHistoryPage::compare-entry:
   * @self: the page
   * @entry: the #OsaiHistoryEntry, done
   * @shift: an #OsaiPeriodShift, or %OSAI_HISTORY_PAGE_COMPARE_PICK when
   *   the person wants to pick the other report
   *
   * One of the Compare items was picked in a row's menu.
   */
  signals[SIGNAL_COMPARE_ENTRY] =
    g_signal_new ("compare-entry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, OSAI_TYPE_HISTORY_ENTRY, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/osai-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OsaiHistoryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OsaiHistoryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, OsaiHistoryPage, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  /* On the row that has the focus. */
  gtk_widget_class_install_action (widget_class, "history.delete-focused", NULL,
                                   delete_focused_action);
  gtk_widget_class_install_action (widget_class, "history.popup-focused", NULL,
                                   popup_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "history.delete-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "history.delete-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0,
                                       "history.popup-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "history.popup-focused", NULL);

  row_quark = g_quark_from_static_string ("osai-history-page-row");
}

static void
osai_history_page_init (OsaiHistoryPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: gtk_widget_dispose_template() would dispose it
   * behind AdwBin's back. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->rows = g_ptr_array_new ();
  self->selection = gtk_no_selection_new (NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_stack (self);
}

/**
 * osai_history_page_new:
 *
 * Returns: (transfer floating): a page listing no history
 */
GtkWidget *
osai_history_page_new (void)
{
  return g_object_new (OSAI_TYPE_HISTORY_PAGE, NULL);
}

/**
 * osai_history_page_get_history:
 * @self: an #OsaiHistoryPage
 *
 * Returns: (transfer none) (nullable): the history listed
 */
OsaiHistory *
osai_history_page_get_history (OsaiHistoryPage *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_PAGE (self), NULL);

  return self->history;
}

/**
 * osai_history_page_set_history:
 * @self: an #OsaiHistoryPage
 * @history: (nullable): the history to list, loaded or being loaded
 *
 * Lists @history, newest first; a spinner stands for it until its first
 * entries are in or it is loaded.
 */
void
osai_history_page_set_history (OsaiHistoryPage *self,
                               OsaiHistory     *history)
{
  g_return_if_fail (OSAI_IS_HISTORY_PAGE (self));
  g_return_if_fail (history == NULL || OSAI_IS_HISTORY (history));

  if (self->history == history)
    return;

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  g_set_object (&self->history, history);

  if (history != NULL)
    {
      g_signal_connect_object (history, "items-changed",
                               G_CALLBACK (history_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::loaded",
                               G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
    }

  if (self->shown)
    gtk_no_selection_set_model (self->selection, G_LIST_MODEL (history));
  update_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * osai_history_page_get_server:
 * @self: an #OsaiHistoryPage
 *
 * Returns: (nullable): the API base URL in use
 */
const char *
osai_history_page_get_server (OsaiHistoryPage *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY_PAGE (self), NULL);

  return self->server;
}

/**
 * osai_history_page_set_server:
 * @self: an #OsaiHistoryPage
 * @server: (nullable): the API base URL in use
 *
 * Rows of reports made on another server than @server show its host.
 */
void
osai_history_page_set_server (OsaiHistoryPage *self,
                              const char      *server)
{
  g_return_if_fail (OSAI_IS_HISTORY_PAGE (self));

  if (g_strcmp0 (self->server, server) == 0)
    return;

  g_free (self->server);
  self->server = g_strdup (server);
  g_free (self->server_host);
  self->server_host = server_host (server);

  for (guint i = 0; i < self->rows->len; i++)
    row_update (self, g_ptr_array_index (self->rows, i));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}
