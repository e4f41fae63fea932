/* osai-comparison-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of an #OsaiComparison in a sortable column view.  A value a
 * report did not count is missing ("—"), never 0, and sorts after every
 * value in both directions: the column view only inverts its column
 * sorters, so the rows are sorted by a sorter of our own that puts the
 * rows missing the primary sort column's value last and asks the column
 * view's sorter about the rest.
 */
#define G_LOG_DOMAIN "osai-comparison-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "osai-comparison-view.h"
#include "osai-format.h"
#include "osai-scroll.h"

#define RESOURCE_PREFIX "/io/github/osaireports/OsaiReports"

/* Shown for a value that does not exist: missing, or a change from zero. */
#define MISSING_TEXT "—"

typedef enum
{
  COLUMN_METRIC,
  COLUMN_A,
  COLUMN_B,
  COLUMN_DIFFERENCE,
  COLUMN_CHANGE,
  N_COLUMNS
} Column;

struct _OsaiComparisonView
{
  AdwBin                parent_instance;

  GtkWidget            *header_box;
  GtkLabel             *title_label;
  GtkLabel             *details_label;
  GtkWidget            *missing_label;
  AdwBin               *suffix_bin;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *metric_column;
  GtkColumnViewColumn  *a_column;
  GtkColumnViewColumn  *b_column;
  GtkColumnViewColumn  *difference_column;
  GtkColumnViewColumn  *change_column;

  OsaiComparison       *comparison;
  GtkSortListModel     *sort_model;
  GtkSorter            *row_sorter;

  /* The column the column view sorts by first, as last found out by
   * probing its sorter (see find_sort_column()); N_COLUMNS for none. */
  Column                sort_column;
  gboolean              probing;
  Column                probe_hit;
  OsaiComparisonItem   *probe_items[2];
};

G_DEFINE_FINAL_TYPE (OsaiComparisonView, osai_comparison_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COMPARISON,
  PROP_HEADER_SUFFIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Values ---------------------------------------------------------------------------------- */

static gboolean
item_has (OsaiComparisonItem *item,
          Column              column)
{
  switch (column)
    {
    case COLUMN_A:
      return osai_comparison_item_has_value_a (item);
    case COLUMN_B:
      return osai_comparison_item_has_value_b (item);
    case COLUMN_DIFFERENCE:
      return osai_comparison_item_has_difference (item);
    case COLUMN_CHANGE:
      return osai_comparison_item_has_change (item);
    case COLUMN_METRIC:
    case N_COLUMNS:
    default:
      return TRUE;
    }
}

static double
item_get (OsaiComparisonItem *item,
          Column              column)
{
  switch (column)
    {
    case COLUMN_A:
      return osai_comparison_item_get_value_a (item);
    case COLUMN_B:
      return osai_comparison_item_get_value_b (item);
    case COLUMN_DIFFERENCE:
      return osai_comparison_item_get_difference (item);
    case COLUMN_CHANGE:
      return osai_comparison_item_get_change_percent (item);
    case COLUMN_METRIC:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* "+12.5 h", "−3 images" (U+2212 MINUS SIGN), "0 h": the sign says which
 * way, whatever colours a theme has. */
static char *
add_sign (double  value,
          char   *magnitude)
{
  g_autofree char *text = magnitude;

  /* A magnitude too small to show ("< 0.01 h") takes its sign inside:
   * "< +0.01 h", "> −0.01 h" (both true of what they stand for). */
  if (g_str_has_prefix (text, "< ") && value > 0.0)
    return g_strconcat ("< +", text + 2, NULL);
  if (g_str_has_prefix (text, "< ") && value < 0.0)
    return g_strconcat ("> −", text + 2, NULL);

  if (value > 0.0)
    return g_strconcat ("+", text, NULL);
  if (value < 0.0)
    return g_strconcat ("−", text, NULL);
  return g_steal_pointer (&text);
}

/* The text of a cell; @tooltip gets what to say about it, or %NULL. */
static char *
format_cell (OsaiComparisonItem  *item,
             Column               column,
             const char         **tooltip)
{
  const char *unit = osai_comparison_item_get_unit (item);
  double value;

  *tooltip = NULL;

  switch (column)
    {
    case COLUMN_METRIC:
      *tooltip = osai_comparison_item_get_category_label (item);
      return g_strdup (osai_comparison_item_get_label (item));

    case COLUMN_A:
    case COLUMN_B:
      if (!item_has (item, column))
        {
          /* Translators: the tooltip of "—" in place of a value. */
          *tooltip = _("Not included in this report");
          return g_strdup (MISSING_TEXT);
        }
      *tooltip = osai_format_explain_unit (unit);
      return osai_format_quantity (unit, item_get (item, column));

    case COLUMN_DIFFERENCE:
      if (!item_has (item, column))
        {
          /* Translators: the tooltip of "—" in place of a difference. */
          *tooltip = _("Not included in one of the reports");
          return g_strdup (MISSING_TEXT);
        }
      value = item_get (item, column);
      *tooltip = osai_format_explain_unit (unit);
      return add_sign (value, osai_format_quantity (unit, fabs (value)));

    case COLUMN_CHANGE:
      if (!osai_comparison_item_has_difference (item))
        {
          *tooltip = _("Not included in one of the reports");
          return g_strdup (MISSING_TEXT);
        }
      if (!item_has (item, column))
        {
          /* Translators: the tooltip of "—" in place of a change in
           * percent when the first report's value is 0. */
          *tooltip = _("No change in percent from zero");
          return g_strdup (MISSING_TEXT);
        }
      value = item_get (item, column);
      {
        g_autofree char *number = osai_format_number (fabs (value));

        /* Translators: a change in percent, "12.5 %"; a sign goes before it. */
        return add_sign (value, g_strdup_printf (C_("change", "%s %%"), number));
      }

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* ---- Cells ----------------------------------------------------------------------------------- */

static GtkWidget *
make_number_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (label, "numeric");

  return label;
}

static void
setup_metric_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Long names wrap rather than push the values out of a narrow window. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_list_item_set_child (list_item, label);
}

/* What a screen reader says for a cell: the tooltip of "—" says why. */
static char *
accessible_cell (OsaiComparisonItem *item,
                 Column              column)
{
  const char *tooltip;
  g_autofree char *text = format_cell (item, column, &tooltip);

  if (g_strcmp0 (text, MISSING_TEXT) == 0 && tooltip != NULL)
    return g_strdup (tooltip);
  return g_steal_pointer (&text);
}

static void
bind_metric_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                OsaiComparisonView       *self)
{
  OsaiComparisonItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *a = accessible_cell (item, COLUMN_A);
  g_autofree char *b = accessible_cell (item, COLUMN_B);
  g_autofree char *difference = accessible_cell (item, COLUMN_DIFFERENCE);
  g_autofree char *change = accessible_cell (item, COLUMN_CHANGE);
  g_autofree char *accessible = NULL;

  gtk_label_set_label (GTK_LABEL (label), osai_comparison_item_get_label (item));
  gtk_widget_set_tooltip_text (label, osai_comparison_item_get_category_label (item));

  /* GTK 4.8 gives no way to label a column view row, so its first cell
   * speaks for the row. */
  /* Translators: how a screen reader reads a row of a comparison: the
   * metric; the first report's period and value; the second's; the
   * difference; the change.  "Training time (8 GB GPU): October 2026,
   * 10 h; November 2026, 12.5 h; difference +2.5 h; change +25 %". */
  accessible = g_strdup_printf (C_("comparison row accessible label",
                                   "%s: %s, %s; %s, %s; difference %s; change %s"),
                                osai_comparison_item_get_label (item),
                                gtk_column_view_column_get_title (self->a_column), a,
                                gtk_column_view_column_get_title (self->b_column), b,
                                difference, change);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, make_number_label ());
}

static void
bind_number (GtkListItem *list_item,
             Column       column)
{
  OsaiComparisonItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *tooltip;
  g_autofree char *text = format_cell (item, column, &tooltip);
  gboolean missing = g_strcmp0 (text, MISSING_TEXT) == 0;

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
  /* Cells are recycled from row to row. */
  if (missing)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
bind_a_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  bind_number (list_item, COLUMN_A);
}

static void
bind_b_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  bind_number (list_item, COLUMN_B);
}

static void
bind_difference_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  bind_number (list_item, COLUMN_DIFFERENCE);
}

static void
bind_change_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  bind_number (list_item, COLUMN_CHANGE);
}

/* ---- Sorting --------------------------------------------------------------------------------- */

typedef struct
{
  OsaiComparisonView *self;
  Column              column;
} SortData;

/* A column's own order: by value, missing after every value.  While the
 * view probes, it says which column the column view asked first. */
static int
compare_column_cb (gconstpointer item1,
                   gconstpointer item2,
                   gpointer      user_data)
{
  SortData *data = user_data;
  OsaiComparisonItem *a = (OsaiComparisonItem *) item1;
  OsaiComparisonItem *b = (OsaiComparisonItem *) item2;
  gboolean has_a, has_b;
  double value_a, value_b;

  if (data->self->probing)
    {
      if (data->self->probe_hit == N_COLUMNS)
        data->self->probe_hit = data->column;
      return GTK_ORDERING_SMALLER;
    }

  has_a = item_has (a, data->column);
  has_b = item_has (b, data->column);
  if (!has_a || !has_b)
    {
      if (has_a == has_b)
        return GTK_ORDERING_EQUAL;
      return has_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
    }

  value_a = item_get (a, data->column);
  value_b = item_get (b, data->column);
  return value_a < value_b ? GTK_ORDERING_SMALLER :
         value_a > value_b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* The rows' order: those missing the first sort column's value last, in
 * both directions; otherwise as the column view says. */
static int
compare_rows_cb (gconstpointer item1,
                 gconstpointer item2,
                 gpointer      user_data)
{
  OsaiComparisonView *self = user_data;
  GtkSorter *column_sorter = gtk_column_view_get_sorter (self->column_view);

  if (self->sort_column != N_COLUMNS && self->sort_column != COLUMN_METRIC)
    {
      gboolean has_a = item_has ((OsaiComparisonItem *) item1, self->sort_column);
      gboolean has_b = item_has ((OsaiComparisonItem *) item2, self->sort_column);

      if (has_a != has_b)
        return has_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
    }

  return gtk_sorter_compare (column_sorter, (gpointer) item1, (gpointer) item2);
}

/* GTK 4.8 cannot tell which column the column view sorts by first (4.10's
 * gtk_column_view_sorter_get_primary_sort_column() can): it asks its
 * columns' sorters in turn until one does not answer "equal", so the
 * first of ours that it asks while every one of them answers "smaller" is
 * that column.  The metric column's string sorter answers for itself and
 * needs no missing-last rule. */
static Column
find_sort_column (OsaiComparisonView *self)
{
  GtkSorter *column_sorter = gtk_column_view_get_sorter (self->column_view);

  self->probing = TRUE;
  self->probe_hit = N_COLUMNS;
  gtk_sorter_compare (column_sorter, self->probe_items[0], self->probe_items[1]);
  self->probing = FALSE;

  return self->probe_hit;
}

static void
column_sorter_changed_cb (OsaiComparisonView *self,
                          GtkSorterChange     change,
                          GtkSorter          *sorter)
{
  self->sort_column = find_sort_column (self);
  gtk_sorter_changed (self->row_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
set_up_column (OsaiComparisonView  *self,
               GtkColumnViewColumn *column,
               Column               kind,
               GCallback            setup,
               GCallback            bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSorter *sorter;

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, self);
  gtk_column_view_column_set_factory (column, factory);
  g_object_unref (factory);

  if (kind == COLUMN_METRIC)
    {
      GtkExpression *expression = gtk_property_expression_new (OSAI_TYPE_COMPARISON_ITEM,
                                                               NULL, "label");

      sorter = GTK_SORTER (gtk_string_sorter_new (expression));
    }
  else
    {
      SortData *data = g_new0 (SortData, 1);

      data->self = self;
      data->column = kind;
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column_cb, data, g_free));
    }
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

/* ---- Header ---------------------------------------------------------------------------------- */

static gboolean
is_month_start (GDateTime *time)
{
  return g_date_time_get_day_of_month (time) == 1 && g_date_time_get_hour (time) == 0 &&
         g_date_time_get_minute (time) == 0 && g_date_time_get_second (time) == 0 &&
         g_date_time_get_microsecond (time) == 0;
}

/* A period as short as a column title wants it: "October 2026" for a
 * whole month, "2026" for a whole year, else as the history names it. */
static char *
short_period (OsaiHistoryEntry *entry)
{
  GDateTime *from = osai_history_entry_get_period_from (entry);
  GDateTime *to = osai_history_entry_get_period_to (entry);

  if (from != NULL && to != NULL)
    {
      g_autoptr(GDateTime) first = g_date_time_to_utc (from);
      g_autoptr(GDateTime) end = g_date_time_to_utc (to);

      if (is_month_start (first) && is_month_start (end))
        {
          g_autoptr(GDateTime) next_month = g_date_time_add_months (first, 1);
          g_autoptr(GDateTime) next_year = g_date_time_add_years (first, 1);

          if (next_month != NULL && g_date_time_equal (next_month, end))
            /* Translators: a whole month as a period, see the
             * g_date_time_format() documentation ("%OB" is the month's
             * name on its own, not inside a date); "October 2026". */
            return g_date_time_format (first, C_("period", "%OB %Y"));
          if (g_date_time_get_month (first) == 1 && next_year != NULL &&
              g_date_time_equal (next_year, end))
            /* Translators: a whole year as a period, see the
             * g_date_time_format() documentation; "2026". */
            return g_date_time_format (first, C_("period", "%Y"));
        }
    }

  return g_strdup (osai_history_entry_get_period_text (entry));
}

static char *
describe_entry (OsaiHistoryEntry *entry)
{
  GDateTime *created = osai_history_entry_get_created (entry);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         osai_history_entry_get_report_id (entry));
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (created == NULL)
    /* Translators: "Report 16718". */
    return g_strdup_printf (_("Report %s"), id);

  local = g_date_time_to_local (created);
  /* Translators: when a report was made, see the g_date_time_format()
   * documentation; "10 Feb 2023, 15:33". */
  when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  /* Translators: one of the two reports compared, "Report 16718, made
   * 10 Feb 2023, 15:33". */
  return g_strdup_printf (_("Report %s, made %s"), id, when);
}

static gboolean
has_one_sided_rows (OsaiComparison *comparison)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (comparison));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiComparisonItem) item = g_list_model_get_item (G_LIST_MODEL (comparison), i);

      if (osai_comparison_item_has_value_a (item) != osai_comparison_item_has_value_b (item))
        return TRUE;
    }

  return FALSE;
}

static void
update_header (OsaiComparisonView *self)
{
  OsaiHistoryEntry *a, *b;
  g_autofree char *a_period = NULL;
  g_autofree char *b_period = NULL;
  g_autofree char *a_details = NULL;
  g_autofree char *b_details = NULL;
  g_autofree char *title = NULL;
  g_autofree char *accessible_title = NULL;
  g_autofree char *details = NULL;

  if (self->comparison == NULL)
    {
      gtk_widget_set_visible (self->header_box, FALSE);
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->details_label, "");
      gtk_widget_set_visible (self->missing_label, FALSE);
      gtk_column_view_column_set_title (self->a_column, _("First Report"));
      gtk_column_view_column_set_title (self->b_column, _("Second Report"));
      return;
    }

  a = osai_comparison_get_a (self->comparison);
  b = osai_comparison_get_b (self->comparison);
  a_period = short_period (a);
  b_period = short_period (b);

  /* Translators: the title of a comparison, from the first report's
   * period to the second's; "October 2026 → November 2026". */
  title = g_strdup_printf (C_("comparison title", "%s → %s"), a_period, b_period);
  /* Translators: the title of a comparison as a screen reader reads it;
   * "October 2026 compared with November 2026". */
  accessible_title = g_strdup_printf (C_("comparison title", "%s compared with %s"),
                                      a_period, b_period);
  a_details = describe_entry (a);
  b_details = describe_entry (b);
  details = g_strdup_printf ("%s · %s", a_details, b_details);

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_title,
                                  -1);
  gtk_label_set_label (self->details_label, details);
  gtk_widget_set_visible (self->missing_label, has_one_sided_rows (self->comparison));
  gtk_widget_set_visible (self->header_box, TRUE);

  /* Two reports of the same period: their IDs tell the columns apart. */
  if (g_strcmp0 (a_period, b_period) == 0 && a != b)
    {
      g_autofree char *a_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               osai_history_entry_get_report_id (a));
      g_autofree char *b_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               osai_history_entry_get_report_id (b));
      g_autofree char *a_title = NULL;
      g_autofree char *b_title = NULL;

      /* Translators: a column title when both reports have the same
       * period: the period and the report's ID, "October 2026 (16718)". */
      a_title = g_strdup_printf (C_("comparison column", "%s (%s)"), a_period, a_id);
      b_title = g_strdup_printf (C_("comparison column", "%s (%s)"), b_period, b_id);
      gtk_column_view_column_set_title (self->a_column, a_title);
      gtk_column_view_column_set_title (self->b_column, b_title);
    }
  else
    {
      gtk_column_view_column_set_title (self->a_column, a_period);
      gtk_column_view_column_set_title (self->b_column, b_period);
    }
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
osai_comparison_view_dispose (GObject *object)
{
  OsaiComparisonView *self = (OsaiComparisonView *)object;

  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          column_sorter_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OSAI_TYPE_COMPARISON_VIEW);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->row_sorter);
  g_clear_object (&self->comparison);
  g_clear_object (&self->probe_items[0]);
  g_clear_object (&self->probe_items[1]);

  G_OBJECT_CLASS (osai_comparison_view_parent_class)->dispose (object);
}

static void
osai_comparison_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OsaiComparisonView *self = OSAI_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    case PROP_HEADER_SUFFIX:
      g_value_set_object (value, osai_comparison_view_get_header_suffix (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_comparison_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OsaiComparisonView *self = OSAI_COMPARISON_VIEW (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      osai_comparison_view_set_comparison (self, g_value_get_object (value));
      break;

    case PROP_HEADER_SUFFIX:
      osai_comparison_view_set_header_suffix (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_comparison_view_class_init (OsaiComparisonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = osai_comparison_view_dispose;
  object_class->get_property = osai_comparison_view_get_property;
  object_class->set_property = osai_comparison_view_set_property;

  /**
   * OsaiComparisonView:comparison:
   *
   * The comparison shown, or %NULL for none.
   */
  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL,
                         OSAI_TYPE_COMPARISON,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * OsaiComparisonView:header-suffix:
   *
   * A widget at the end of the header (a button to export the
   * comparison), shown with the header.
   */
  properties[PROP_HEADER_SUFFIX] =
    g_param_spec_object ("header-suffix", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/osai-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, header_box);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, title_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, details_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, missing_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, suffix_bin);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, column_view);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, metric_column);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, a_column);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, b_column);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, difference_column);
  gtk_widget_class_bind_template_child (widget_class, OsaiComparisonView, change_column);
  gtk_widget_class_bind_template_child_full (widget_class, "scrolled_window", FALSE, 0);
}

static void
osai_comparison_view_init (OsaiComparisonView *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The wheel over the table scrolls the page it is on. */
  osai_scroll_pass_vertical (GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                                 OSAI_TYPE_COMPARISON_VIEW,
                                                                                 "scrolled_window")));

  set_up_column (self, self->metric_column, COLUMN_METRIC,
                 G_CALLBACK (setup_metric_cb), G_CALLBACK (bind_metric_cb));
  set_up_column (self, self->a_column, COLUMN_A,
                 G_CALLBACK (setup_number_cb), G_CALLBACK (bind_a_cb));
  set_up_column (self, self->b_column, COLUMN_B,
                 G_CALLBACK (setup_number_cb), G_CALLBACK (bind_b_cb));
  set_up_column (self, self->difference_column, COLUMN_DIFFERENCE,
                 G_CALLBACK (setup_number_cb), G_CALLBACK (bind_difference_cb));
  set_up_column (self, self->change_column, COLUMN_CHANGE,
                 G_CALLBACK (setup_number_cb), G_CALLBACK (bind_change_cb));

  /* Two rows of different metrics, for find_sort_column(). */
  self->probe_items[0] = osai_comparison_item_new (OSAI_METRIC_EXISTING_IMAGES, TRUE, 1, TRUE, 2);
  self->probe_items[1] = osai_comparison_item_new (OSAI_METRIC_DELETED_IMAGES, TRUE, 2, TRUE, 1);
  self->sort_column = N_COLUMNS;

  self->row_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, self, NULL));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (column_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (self->row_sorter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  update_header (self);
}

/**
 * osai_comparison_view_new:
 *
 * Returns: (transfer floating): an empty view
 */
GtkWidget *
osai_comparison_view_new (void)
{
  return g_object_new (OSAI_TYPE_COMPARISON_VIEW, NULL);
}

/**
 * osai_comparison_view_get_comparison:
 * @self: an #OsaiComparisonView
 *
 * Returns: (transfer none) (nullable): the comparison shown
 */
OsaiComparison *
osai_comparison_view_get_comparison (OsaiComparisonView *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_VIEW (self), NULL);

  return self->comparison;
}

/**
 * osai_comparison_view_set_comparison:
 * @self: an #OsaiComparisonView
 * @comparison: (nullable): a comparison, or %NULL to empty the view
 *
 * Shows the rows of @comparison under a header naming both periods; the
 * value columns take the periods as their titles.
 */
void
osai_comparison_view_set_comparison (OsaiComparisonView *self,
                                     OsaiComparison     *comparison)
{
  g_return_if_fail (OSAI_IS_COMPARISON_VIEW (self));
  g_return_if_fail (comparison == NULL || OSAI_IS_COMPARISON (comparison));

  if (!g_set_object (&self->comparison, comparison))
    return;

  /* The titles first: the rows' accessible labels name them. */
  update_header (self);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (comparison));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
}

/**
 * osai_comparison_view_get_header_suffix:
 * @self: an #OsaiComparisonView
 *
 * Returns: (transfer none) (nullable): the widget at the end of the header
 */
GtkWidget *
osai_comparison_view_get_header_suffix (OsaiComparisonView *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_VIEW (self), NULL);

  return adw_bin_get_child (self->suffix_bin);
}

/**
 * osai_comparison_view_set_header_suffix:
 * @self: an #OsaiComparisonView
 * @suffix: (nullable): a widget for the end of the header
 */
void
osai_comparison_view_set_header_suffix (OsaiComparisonView *self,
                                        GtkWidget          *suffix)
{
  g_return_if_fail (OSAI_IS_COMPARISON_VIEW (self));
  g_return_if_fail (suffix == NULL || GTK_IS_WIDGET (suffix));

  if (adw_bin_get_child (self->suffix_bin) == suffix)
    return;

  adw_bin_set_child (self->suffix_bin, suffix);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADER_SUFFIX]);
}

/**
 * osai_comparison_view_get_model:
 * @self: an #OsaiComparisonView
 *
 * Returns: (transfer none): the #OsaiComparisonItem rows as shown, in the
 *   order the column view sorts them
 */
GListModel *
osai_comparison_view_get_model (OsaiComparisonView *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * osai_comparison_view_get_column_view:
 * @self: an #OsaiComparisonView
 *
 * Returns: (transfer none): the column view, to sort it or reach its columns
 */
GtkColumnView *
osai_comparison_view_get_column_view (OsaiComparisonView *self)
{
  g_return_val_if_fail (OSAI_IS_COMPARISON_VIEW (self), NULL);

  return self->column_view;
}
