/* osai-compare-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two finished reports of the history, picked in two combo rows, side by
 * side.  The page's own pair (a, b) is what counts; the combo rows show it.
 * Their selection models select on their own when the history changes
 * (a GtkSingleSelection autoselects), so while the history's rows change
 * the page ignores them, then works out its pair again — an entry that
 * left the history is dropped, one replaced under the same key is
 * followed — and shows it in the rows.
 *
 * The rows do not list the filtered history itself but a copy kept in
 * step with it: a GtkSingleSelection without a selected item selects the
 * first one when its model changes, yet announces only the items that
 * changed, and the GtkSelectionFilterModel that AdwComboRow shows its value
 * with then disagrees with its list view (GTK crashes on the next change).
 * While a row has nothing selected, the copy is replaced whole, which
 * announces the first item too.
 */
#define G_LOG_DOMAIN "osai-compare-page"

#include "config.h"

#include <glib/gi18n.h>

#include "osai-compare-page.h"
#include "osai-comparison-view.h"
#include "osai-period.h"

#define RESOURCE_PREFIX "/io/github/osaireports/OsaiReports"

struct _OsaiComparePage
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  AdwComboRow        *first_row;
  AdwComboRow        *second_row;
  GtkWidget          *hint_box;
  GtkLabel           *hint_title;
  GtkLabel           *hint_description;
  OsaiComparisonView *comparison_view;
  GtkWidget          *export_button;

  OsaiHistory        *history;
  GtkFilterListModel *done_model;
  GListStore         *choices;     /* what the rows list: done_model, copied */

  OsaiHistoryEntry   *a;
  OsaiHistoryEntry   *b;
  OsaiComparison     *comparison;
  /* Whether a and b have been seen in the history: one that has not been
   * yet (the window sets a report it is still adding) is kept. */
  gboolean            a_listed;
  gboolean            b_listed;
  /* a was not picked, only put there so that the first row shows something. */
  gboolean            a_is_default;

  guint               syncing;
  guint               model_changing;
  gboolean            can_generate;
};

G_DEFINE_FINAL_TYPE (OsaiComparePage, osai_compare_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_A,
  PROP_B,
  PROP_COMPARISON,
  PROP_HAS_COMPARISON,
  PROP_CAN_GENERATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  GENERATE_SHIFTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- The combo rows' items ------------------------------------------------------------------- */

static gboolean
filter_done_cb (gpointer item,
                gpointer user_data)
{
  return osai_history_entry_get_state (item) == OSAI_HISTORY_STATE_DONE;
}

static char *
format_made (OsaiHistoryEntry *entry)
{
  GDateTime *created = osai_history_entry_get_created (entry);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (created == NULL)
    return NULL;

  local = g_date_time_to_local (created);
  /* Translators: when a report was made, see the g_date_time_format()
   * documentation; "10 Feb 2023, 15:33". */
  when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  /* Translators: when a report in a list to choose from was made, "made
   * 10 Feb 2023, 15:33". */
  return g_strdup_printf (_("made %s"), when);
}

/* The text of the row's subtitle: "1 – 31 October 2026 · made 1 Nov 2026, 08:00". */
static char *
describe_choice_cb (OsaiHistoryEntry *entry,
                    gpointer          user_data)
{
  g_autofree char *made = NULL;

  if (entry == NULL)
    return NULL;

  made = format_made (entry);
  if (made == NULL)
    return g_strdup (osai_history_entry_get_period_text (entry));

  /* Translators: a report to choose, its period and when it was made;
   * "1 – 31 October 2026 · made 1 Nov 2026, 08:00". */
  return g_strdup_printf (C_("report choice", "%s · %s"),
                          osai_history_entry_get_period_text (entry), made);
}

static void
selected_item_changed_cb (AdwComboRow *row,
                          GParamSpec  *pspec,
                          GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_last_child (box);
  gboolean selected = adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (list_item);

  gtk_widget_set_opacity (check, selected ? 1.0 : 0.0);
}

/* The popover's items: the period, and when the report was made under it,
 * with the check mark of the default factory. */
static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *period = gtk_label_new (NULL);
  GtkWidget *made = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (period), 0.0);
  gtk_label_set_xalign (GTK_LABEL (made), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (period), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (made), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (made, "caption");
  gtk_widget_add_css_class (made, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_box_append (GTK_BOX (labels), period);
  gtk_box_append (GTK_BOX (labels), made);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                AdwComboRow              *row)
{
  OsaiHistoryEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *labels = gtk_widget_get_first_child (box);
  GtkWidget *period = gtk_widget_get_first_child (labels);
  GtkWidget *made = gtk_widget_get_last_child (labels);
  g_autofree char *made_text = format_made (entry);

  gtk_label_set_label (GTK_LABEL (period), osai_history_entry_get_period_text (entry));
  gtk_label_set_label (GTK_LABEL (made), made_text != NULL ? made_text : "");
  gtk_widget_set_visible (made, made_text != NULL);

  g_signal_connect (row, "notify::selected-item", G_CALLBACK (selected_item_changed_cb), list_item);
  selected_item_changed_cb (row, NULL, list_item);
}

static void
unbind_choice_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, selected_item_changed_cb, list_item);
}

static void
set_up_row (OsaiComparePage *self,
            AdwComboRow     *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (describe_choice_cb), NULL, NULL);
  adw_combo_row_set_expression (row, expression);
  gtk_expression_unref (expression);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_choice_cb), row);
  adw_combo_row_set_list_factory (row, factory);

  adw_combo_row_set_model (row, G_LIST_MODEL (self->choices));
}

/* ---- The pair -------------------------------------------------------------------------------- */

static OsaiHistoryEntry *
newest_done (OsaiComparePage *self)
{
  g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->choices), 0);

  /* The history holds it. */
  return entry;
}

static guint
find_position (OsaiComparePage  *self,
               OsaiHistoryEntry *entry)
{
  GListModel *model = G_LIST_MODEL (self->choices);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiHistoryEntry) item = g_list_model_get_item (model, i);

      if (item == entry)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
show_in_row (OsaiComparePage  *self,
             AdwComboRow      *row,
             OsaiHistoryEntry *entry)
{
  if (adw_combo_row_get_selected_item (row) == (gpointer) entry)
    return;

  self->syncing++;
  adw_combo_row_set_selected (row, entry != NULL ? find_position (self, entry)
                                                 : GTK_INVALID_LIST_POSITION);
  self->syncing--;
}

static void
update_actions (OsaiComparePage *self)
{
  gboolean can_shift = self->a != NULL && self->can_generate;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.previous-period", can_shift);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.year-before", can_shift);
  /* The window enables win.export-comparison (see :has-comparison); the
   * button also says no without a comparison. */
  gtk_widget_set_sensitive (self->export_button, self->comparison != NULL);
}

static void
update_view (OsaiComparePage *self)
{
  guint n_done = g_list_model_get_n_items (G_LIST_MODEL (self->choices));
  gboolean empty = n_done == 0 && self->a == NULL && self->b == NULL;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "compare");
  gtk_widget_set_visible (GTK_WIDGET (self->comparison_view), self->comparison != NULL);
  gtk_widget_set_visible (self->hint_box, !empty && self->comparison == NULL);

  if (self->a != NULL && self->b == NULL)
    {
      gtk_label_set_label (self->hint_title, _("Choose a Second Report"));
      gtk_label_set_label (self->hint_description,
                           _("Pick another report to compare the first one with, or make one "
                             "for the previous period or the same period last year."));
    }
  else if (self->a == NULL)
    {
      gtk_label_set_label (self->hint_title, _("Choose a First Report"));
      gtk_label_set_label (self->hint_description,
                           _("Pick the report to compare the second one with."));
    }

  update_actions (self);
}

static gboolean
is_listed (OsaiComparePage  *self,
           OsaiHistoryEntry *entry)
{
  return self->history != NULL && entry != NULL &&
         osai_history_lookup (self->history, osai_history_entry_get_key (entry)) == entry;
}

/* The history's own object for @entry, when it holds it finished: the
 * window may hold an equal copy. */
static OsaiHistoryEntry *
canonical (OsaiComparePage  *self,
           OsaiHistoryEntry *entry)
{
  OsaiHistoryEntry *found;

  if (entry == NULL || self->history == NULL)
    return entry;

  found = osai_history_lookup (self->history, osai_history_entry_get_key (entry));
  if (found != NULL && osai_history_entry_get_state (found) == OSAI_HISTORY_STATE_DONE)
    return found;

  return entry;
}

/* Takes (a, b) as the pair; a default first report while nothing is picked. */
static void
apply_entries (OsaiComparePage  *self,
               OsaiHistoryEntry *a,
               OsaiHistoryEntry *b,
               gboolean          a_is_default)
{
  g_autoptr(OsaiHistoryEntry) new_a = a != NULL ? g_object_ref (a) : NULL;
  g_autoptr(OsaiHistoryEntry) new_b = b != NULL ? g_object_ref (b) : NULL;
  gboolean a_changed, b_changed;

  /* Nothing picked: the first row shows the newest report rather than
   * nothing, and a report is one click away from a comparison. */
  if ((new_a == NULL || a_is_default) && new_b == NULL)
    {
      g_set_object (&new_a, newest_done (self));
      a_is_default = new_a != NULL;
    }
  else if (new_b != NULL)
    a_is_default = FALSE;
  self->a_is_default = a_is_default;

  a_changed = g_set_object (&self->a, new_a);
  b_changed = g_set_object (&self->b, new_b);

  if (a_changed)
    self->a_listed = is_listed (self, new_a);
  if (b_changed)
    self->b_listed = is_listed (self, new_b);

  if (a_changed || b_changed)
    {
      gboolean had_comparison = self->comparison != NULL;

      g_clear_object (&self->comparison);
      if (self->a != NULL && self->b != NULL)
        self->comparison = osai_comparison_new (self->a, self->b);
      osai_comparison_view_set_comparison (self->comparison_view, self->comparison);

      if (a_changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_A]);
      if (b_changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_B]);
      if (had_comparison || self->comparison != NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
      if (had_comparison != (self->comparison != NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_COMPARISON]);
    }

  show_in_row (self, self->first_row, self->a);
  show_in_row (self, self->second_row, self->b);
  update_view (self);
}

/* What @entry is now: itself, its replacement under the same key, or
 * %NULL once it has left the history. */
static OsaiHistoryEntry *
follow (OsaiComparePage  *self,
        OsaiHistoryEntry *entry,
        gboolean          listed)
{
  OsaiHistoryEntry *found;

  if (entry == NULL || self->history == NULL)
    return entry;

  found = osai_history_lookup (self->history, osai_history_entry_get_key (entry));
  if (found == NULL)
    return listed ? NULL : entry;
  if (osai_history_entry_get_state (found) != OSAI_HISTORY_STATE_DONE)
    return NULL;

  return found;
}

/* Works the pair out again after the history changed. */
static void
follow_history (OsaiComparePage *self)
{
  OsaiHistoryEntry *a = follow (self, self->a, self->a_listed);
  OsaiHistoryEntry *b = follow (self, self->b, self->b_listed);

  /* Seen now, unless gone. */
  if (a != NULL && a == self->a)
    self->a_listed = self->a_listed || is_listed (self, a);
  if (b != NULL && b == self->b)
    self->b_listed = self->b_listed || is_listed (self, b);

  apply_entries (self, a, b, self->a_is_default && a == self->a);
}

static gboolean
row_is_empty (AdwComboRow *row)
{
  return adw_combo_row_get_selected (row) == GTK_INVALID_LIST_POSITION;
}

/* The finished reports changed: the rows' copy follows (whole while a row
 * has nothing selected, see above), then the pair. */
static void
done_items_changed_cb (OsaiComparePage *self,
                       guint            position,
                       guint            removed,
                       guint            added)
{
  GListModel *done = G_LIST_MODEL (self->done_model);
  g_autoptr(GPtrArray) items = NULL;

  /* A history being loaded grows in batches: copying it whole after each
   * would cost the square of its size (10 000 reports: seconds of a
   * frozen window).  The rows follow once, when it is loaded. */
  if (self->history != NULL && !osai_history_get_loaded (self->history))
    return;

  if ((row_is_empty (self->first_row) || row_is_empty (self->second_row)) &&
      g_list_model_get_n_items (done) > 0)
    {
      position = 0;
      removed = g_list_model_get_n_items (G_LIST_MODEL (self->choices));
      added = g_list_model_get_n_items (done);
    }

  items = g_ptr_array_new_full (added, g_object_unref);
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (done, position + i));

  self->model_changing++;
  g_list_store_splice (self->choices, position, removed, items->pdata, items->len);
  self->model_changing--;

  follow_history (self);
}

static void
history_loaded_cb (OsaiComparePage *self)
{
  if (self->history == NULL || !osai_history_get_loaded (self->history))
    return;

  /* Everything at once: the copy is replaced whole. */
  done_items_changed_cb (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->choices)),
                         g_list_model_get_n_items (G_LIST_MODEL (self->done_model)));
}

static void
first_row_selected_cb (OsaiComparePage *self)
{
  OsaiHistoryEntry *entry = adw_combo_row_get_selected_item (self->first_row);

  if (self->syncing > 0 || self->model_changing > 0 || entry == self->a)
    return;

  apply_entries (self, entry, self->b, FALSE);
}

static void
second_row_selected_cb (OsaiComparePage *self)
{
  OsaiHistoryEntry *entry = adw_combo_row_get_selected_item (self->second_row);

  if (self->syncing > 0 || self->model_changing > 0 || entry == self->b)
    return;

  apply_entries (self, self->a, entry, FALSE);
}

/* ---- Actions --------------------------------------------------------------------------------- */

static void
shift_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OsaiComparePage *self = OSAI_COMPARE_PAGE (widget);
  OsaiPeriodShift shift;
  g_autoptr(OsaiHistoryEntry) base = NULL;

  if (self->a == NULL)
    return;

  if (g_str_equal (action_name, "compare.year-before"))
    shift = OSAI_PERIOD_SHIFT_YEAR_BEFORE;
  else
    shift = OSAI_PERIOD_SHIFT_PREVIOUS;

  /* A handler may set other entries meanwhile. */
  base = g_object_ref (self->a);
  g_signal_emit (self, signals[GENERATE_SHIFTED], 0, base, (int) shift);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
osai_compare_page_dispose (GObject *object)
{
  OsaiComparePage *self = (OsaiComparePage *)object;

  if (self->done_model != NULL)
    g_signal_handlers_disconnect_by_data (self->done_model, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OSAI_TYPE_COMPARE_PAGE);

  g_clear_object (&self->comparison);
  g_clear_object (&self->a);
  g_clear_object (&self->b);
  g_clear_object (&self->done_model);
  g_clear_object (&self->choices);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (osai_compare_page_parent_class)->dispose (object);
}

static void
osai_compare_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OsaiComparePage *self = OSAI_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_A:
      g_value_set_object (value, self->a);
      break;

    case PROP_B:
      g_value_set_object (value, self->b);
      break;

    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    case PROP_HAS_COMPARISON:
      g_value_set_boolean (value, self->comparison != NULL);
      break;

    case PROP_CAN_GENERATE:
      g_value_set_boolean (value, self->can_generate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_compare_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OsaiComparePage *self = OSAI_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      osai_compare_page_set_history (self, g_value_get_object (value));
      break;

    case PROP_CAN_GENERATE:
      osai_compare_page_set_can_generate (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_compare_page_class_init (OsaiComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = osai_compare_page_dispose;
  object_class->get_property = osai_compare_page_get_property;
  object_class->set_property = osai_compare_page_set_property;

  /**
   * OsaiComparePage:history:
   *
   * The history whose finished reports are offered, or %NULL.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         OSAI_TYPE_HISTORY,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * OsaiComparePage:a:
   *
   * The first report, the baseline; %NULL when none is picked.
   */
  properties[PROP_A] =
    g_param_spec_object ("a", NULL, NULL,
                         OSAI_TYPE_HISTORY_ENTRY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * OsaiComparePage:b:
   *
   * The second report; %NULL when none is picked.
   */
  properties[PROP_B] =
    g_param_spec_object ("b", NULL, NULL,
                         OSAI_TYPE_HISTORY_ENTRY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * OsaiComparePage:comparison:
   *
   * The comparison of #OsaiComparePage:a and #OsaiComparePage:b, or %NULL
   * until both are picked.
   */
  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL,
                         OSAI_TYPE_COMPARISON,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * OsaiComparePage:has-comparison:
   *
   * Whether there is a comparison to export: for the window to enable
   * `win.export-comparison`.
   */
  properties[PROP_HAS_COMPARISON] =
    g_param_spec_boolean ("has-comparison", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * OsaiComparePage:can-generate:
   *
   * Whether the page may ask for a new report (#OsaiComparePage::generate-shifted):
   * the window turns it off while it cannot make one (signed out, a report
   * running).
   */
  properties[PROP_CAN_GENERATE] =
    g_param_spec_boolean ("can-generate", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OsaiComparePage::generate-shifted:
   * @self: the page
   * @base: the first report
   * @shift: an #OsaiPeriodShift: %OSAI_PERIOD_SHIFT_PREVIOUS or
   *   %OSAI_PERIOD_SHIFT_YEAR_BEFORE
   *
   * Asks for a report of @base's request for the shifted period (see
   * osai_period_shift_request()), to compare with @base: the window makes
   * it and calls osai_compare_page_set_entries().
   */
  signals[GENERATE_SHIFTED] =
    g_signal_new ("generate-shifted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  OSAI_TYPE_HISTORY_ENTRY,
                  G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "compare.previous-period", NULL, shift_action);
  gtk_widget_class_install_action (widget_class, "compare.year-before", NULL, shift_action);

  g_type_ensure (OSAI_TYPE_COMPARISON_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/osai-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OsaiComparePage, first_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparePage, second_row);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparePage, hint_box);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparePage, hint_title);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparePage, hint_description);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparePage, comparison_view);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparePage, export_button);
}

static void
osai_compare_page_init (OsaiComparePage *self)
{
  GtkCustomFilter *filter;

  self->can_generate = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a template child: AdwBin unparents its child itself. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  filter = gtk_custom_filter_new (filter_done_cb, NULL, NULL);
  self->done_model = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  g_signal_connect_swapped (self->done_model, "items-changed",
                            G_CALLBACK (done_items_changed_cb), self);
  self->choices = g_list_store_new (OSAI_TYPE_HISTORY_ENTRY);
  set_up_row (self, self->first_row);
  set_up_row (self, self->second_row);

  g_signal_connect_object (self->first_row, "notify::selected",
                           G_CALLBACK (first_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->second_row, "notify::selected",
                           G_CALLBACK (second_row_selected_cb), self, G_CONNECT_SWAPPED);

  apply_entries (self, NULL, NULL, FALSE);
}

/**
 * osai_compare_page_new:
 *
 * Returns: (transfer floating): a page without a history
 */
GtkWidget *
osai_compare_page_new (void)
{
  return g_object_new (OSAI_TYPE_COMPARE_PAGE, NULL);
}

/**
 * osai_compare_page_get_history:
 * @self: an #OsaiComparePage
 *
 * Returns: (transfer none) (nullable): the history
 */
OsaiHistory *
osai_compare_page_get_history (OsaiComparePage *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARE_PAGE (self), NULL);

  return self->history;
}

/**
 * osai_compare_page_set_history:
 * @self: an #OsaiComparePage
 * @history: (nullable): the history to pick reports from
 *
 * Offers @history's finished reports.  It may still be loading: the rows
 * follow it as it fills, and as entries come and go.
 */
void
osai_compare_page_set_history (OsaiComparePage *self,
                               OsaiHistory     *history)
{
  g_return_if_fail (OSAI_IS_COMPARE_PAGE (self));
  g_return_if_fail (history == NULL || OSAI_IS_HISTORY (history));

  if (self->history == history)
    return;

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, history_loaded_cb, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_object (history, "notify::loaded", G_CALLBACK (history_loaded_cb), self,
                             G_CONNECT_SWAPPED);

  /* What the new history does not hold is not kept. */
  self->a_listed = TRUE;
  self->b_listed = TRUE;
  gtk_filter_list_model_set_model (self->done_model, G_LIST_MODEL (history));
  /* Also when no items changed (both empty). */
  if (history != NULL)
    follow_history (self);
  else
    apply_entries (self, NULL, NULL, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/**
 * osai_compare_page_set_entries:
 * @self: an #OsaiComparePage
 * @a: (nullable): the first report, the baseline: a finished entry
 * @b: (nullable): the second report: a finished entry
 *
 * Compares @a with @b, and shows them in the rows.  With neither, the
 * first row shows the newest report of the history.
 */
void
osai_compare_page_set_entries (OsaiComparePage  *self,
                               OsaiHistoryEntry *a,
                               OsaiHistoryEntry *b)
{
  g_return_if_fail (OSAI_IS_COMPARE_PAGE (self));
  g_return_if_fail (a == NULL || OSAI_IS_HISTORY_ENTRY (a));
  g_return_if_fail (b == NULL || OSAI_IS_HISTORY_ENTRY (b));
  g_return_if_fail (a == NULL || osai_history_entry_get_state (a) == OSAI_HISTORY_STATE_DONE);
  g_return_if_fail (b == NULL || osai_history_entry_get_state (b) == OSAI_HISTORY_STATE_DONE);

  apply_entries (self, canonical (self, a), canonical (self, b), FALSE);
}

/**
 * osai_compare_page_get_a:
 * @self: an #OsaiComparePage
 *
 * Returns: (transfer none) (nullable): the first report
 */
OsaiHistoryEntry *
osai_compare_page_get_a (OsaiComparePage *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARE_PAGE (self), NULL);

  return self->a;
}

/**
 * osai_compare_page_get_b:
 * @self: an #OsaiComparePage
 *
 * Returns: (transfer none) (nullable): the second report
 */
OsaiHistoryEntry *
osai_compare_page_get_b (OsaiComparePage *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARE_PAGE (self), NULL);

  return self->b;
}

/**
 * osai_compare_page_get_comparison:
 * @self: an #OsaiComparePage
 *
 * Returns: (transfer none) (nullable): the comparison shown, %NULL until
 *   both reports are picked
 */
OsaiComparison *
osai_compare_page_get_comparison (OsaiComparePage *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARE_PAGE (self), NULL);

  return self->comparison;
}

gboolean
osai_compare_page_get_can_generate (OsaiComparePage *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARE_PAGE (self), FALSE);

  return self->can_generate;
}

/**
 * osai_compare_page_set_can_generate:
 * @self: an #OsaiComparePage
 * @can_generate: whether the buttons that make a report to compare with work
 */
void
osai_compare_page_set_can_generate (OsaiComparePage *self,
                                    gboolean         can_generate)
{
  g_return_if_fail (OSAI_IS_COMPARE_PAGE (self));

  can_generate = !!can_generate;
  if (self->can_generate == can_generate)
    return;

  self->can_generate = can_generate;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GENERATE]);
}
