/* osai-totals-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-totals-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "osai-format.h"
#include "osai-scroll.h"
#include "osai-metric.h"
#include "osai-period.h"
#include "osai-totals-view.h"
#include "osai-usage-model.h"

#define RESOURCE_PREFIX "/io/github/osaireports/OsaiReports"

struct _OsaiTotalsView
{
  AdwBin                parent_instance;

  GtkWidget            *header_box;
  GtkLabel             *period_label;
  GtkLabel             *details_label;
  GtkWidget            *excluded_label;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *metric_column;
  GtkColumnViewColumn  *value_column;
  GtkColumnViewColumn  *raw_column;
  GtkColumnViewColumn  *share_column;

  OsaiReport           *report;
  OsaiUsageModel       *usage_model;
  GtkSortListModel     *sort_model;
};

G_DEFINE_FINAL_TYPE (OsaiTotalsView, osai_totals_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_value (OsaiUsageItem *item)
{
  return osai_format_quantity (osai_usage_item_get_human_unit (item),
                               osai_usage_item_get_value (item));
}

static char *
format_raw_value (OsaiUsageItem *item)
{
  double raw = osai_usage_item_get_raw_value (item);
  g_autofree char *number = NULL;

  if (raw == floor (raw))
    number = g_strdup_printf ("%'.0f", raw);
  else
    number = g_strdup_printf ("%'.2f", raw);

  /* The API's units are its own symbols, shown as it sends them; a count
   * is just the number. */
  if (g_strcmp0 (osai_usage_item_get_unit (item), "count") == 0)
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s %s", number, osai_usage_item_get_unit (item));
}

static int
share_percent (OsaiUsageItem *item)
{
  return (int) round (osai_usage_item_get_share (item) * 100.0);
}

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

static void
bind_metric_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  OsaiUsageItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *value = format_value (item);
  g_autofree char *accessible = NULL;

  gtk_label_set_label (GTK_LABEL (label), osai_usage_item_get_label (item));
  gtk_widget_set_tooltip_text (label, osai_usage_item_get_category_label (item));

  /* GTK 4.8 gives no way to label a column view row, so its first cell
   * speaks for the row. */
  /* Translators: how a screen reader reads a row of the totals,
   * "Dataset storage, 12.5 MB·h". */
  accessible = g_strdup_printf (C_("totals row accessible label", "%s, %s"),
                                osai_usage_item_get_label (item), value);
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
setup_raw_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *label = make_number_label ();

  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  OsaiUsageItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = format_value (item);

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, osai_format_explain_unit (osai_usage_item_get_human_unit (item)));
}

static void
bind_raw_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  OsaiUsageItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = format_raw_value (item);

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, osai_format_explain_unit (osai_usage_item_get_unit (item)));
}

static void
setup_share_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  GtkWidget *label = make_number_label ();

  /* A share is not a fill level: no low/high/full colours. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (bar, 64, -1);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  /* The bar's description already says it. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);

  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_share_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  OsaiUsageItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *bar = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *percent = NULL;
  g_autofree char *tooltip = NULL;

  /* Translators: a part of a whole, "42 %". */
  percent = g_strdup_printf (C_("share", "%d %%"), share_percent (item));
  /* Translators: the tooltip of a share, "42 % of Compute": the first %s is
   * the percentage, the second a category name (Storage, Compute, Device rental). */
  tooltip = g_strdup_printf (C_("share tooltip", "%s of %s"),
                             percent, osai_usage_item_get_category_label (item));

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), osai_usage_item_get_share (item));
  gtk_label_set_label (GTK_LABEL (label), percent);
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

static void
set_up_column (GtkColumnViewColumn *column,
               GCallback            setup,
               GCallback            bind,
               GtkSorter           *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);

  g_object_unref (factory);
  g_object_unref (sorter);
}

static GtkSorter *
numeric_sorter (const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (OSAI_TYPE_USAGE_ITEM,
                                                                          NULL, property)));
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (OSAI_TYPE_USAGE_ITEM,
                                                                         NULL, property)));
}

static void
update_header (OsaiTotalsView *self)
{
  GDateTime *from, *to, *created;
  OsaiIncludeFlags included;
  g_autofree char *period = NULL;
  g_autofree char *id = NULL;
  g_autofree char *details = NULL;

  if (self->report == NULL)
    {
      gtk_widget_set_visible (self->header_box, FALSE);
      gtk_label_set_label (self->period_label, "");
      gtk_label_set_label (self->details_label, "");
      gtk_widget_set_visible (self->excluded_label, FALSE);
      return;
    }

  from = osai_report_get_period_from (self->report);
  to = osai_report_get_period_to (self->report);
  created = osai_report_get_creation_time (self->report);

  if (from != NULL && to != NULL)
    period = osai_period_describe (from, to);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, osai_report_get_id (self->report));
  if (created != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (created);
      /* Translators: when a report was made, see the g_date_time_format()
       * documentation; "10 Feb 2023, 15:33". */
      g_autofree char *when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));

      /* Translators: "Report 16718 · created 10 Feb 2023, 15:33". */
      details = g_strdup_printf (_("Report %s · created %s"), id, when);
    }
  else
    {
      /* Translators: "Report 16718". */
      details = g_strdup_printf (_("Report %s"), id);
    }

  gtk_label_set_label (self->period_label, period != NULL ? period : "");
  gtk_widget_set_visible (GTK_WIDGET (self->period_label), period != NULL);
  gtk_label_set_label (self->details_label, details);
  included = osai_report_get_include (self->report) & OSAI_INCLUDE_ALL;
  gtk_widget_set_visible (self->excluded_label, included != OSAI_INCLUDE_ALL);
  gtk_widget_set_visible (self->header_box, TRUE);
}

/* The usage model lists every metric; those whose kind of usage was
 * switched off in the request are zeros that mean nothing. */
static gboolean
filter_included_cb (gpointer item,
                    gpointer user_data)
{
  /* The filter model that calls this holds the usage model. */
  OsaiReport *report = osai_usage_model_get_report (OSAI_USAGE_MODEL (user_data));
  const OsaiMetricInfo *info;

  if (report == NULL)
    return FALSE;

  info = osai_metric_get_info (osai_usage_item_get_metric (item));

  return (osai_report_get_include (report) & info->include) != 0;
}

static void
osai_totals_view_dispose (GObject *object)
{
  OsaiTotalsView *self = (OsaiTotalsView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), OSAI_TYPE_TOTALS_VIEW);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->usage_model);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (osai_totals_view_parent_class)->dispose (object);
}

static void
osai_totals_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OsaiTotalsView *self = OSAI_TOTALS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_totals_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OsaiTotalsView *self = OSAI_TOTALS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      osai_totals_view_set_report (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_totals_view_class_init (OsaiTotalsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = osai_totals_view_dispose;
  object_class->get_property = osai_totals_view_get_property;
  object_class->set_property = osai_totals_view_set_property;

  /**
   * OsaiTotalsView:report:
   *
   * The report whose totals are shown, or %NULL for none.
   */
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         OSAI_TYPE_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/osai-totals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, header_box);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, period_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, details_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, excluded_label);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, metric_column);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, value_column);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, raw_column);
  gtk_widget_class_bind_template_child (widget_class, OsaiTotalsView, share_column);
  gtk_widget_class_bind_template_child_full (widget_class, "scrolled_window", FALSE, 0);
}

static void
osai_totals_view_init (OsaiTotalsView *self)
{
  GtkFilterListModel *filter_model;
  GtkCustomFilter *filter;
  GtkNoSelection *selection;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The wheel over the table scrolls the page it is on. */
  osai_scroll_pass_vertical (GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                                 OSAI_TYPE_TOTALS_VIEW,
                                                                                 "scrolled_window")));

  set_up_column (self->metric_column,
                 G_CALLBACK (setup_metric_cb), G_CALLBACK (bind_metric_cb),
                 string_sorter ("label"));
  set_up_column (self->value_column,
                 G_CALLBACK (setup_number_cb), G_CALLBACK (bind_value_cb),
                 numeric_sorter ("value"));
  set_up_column (self->raw_column,
                 G_CALLBACK (setup_raw_cb), G_CALLBACK (bind_raw_cb),
                 numeric_sorter ("raw-value"));
  set_up_column (self->share_column,
                 G_CALLBACK (setup_share_cb), G_CALLBACK (bind_share_cb),
                 numeric_sorter ("share"));

  self->usage_model = osai_usage_model_new (NULL);
  filter = gtk_custom_filter_new (filter_included_cb, self->usage_model, NULL);
  filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->usage_model)),
                                            GTK_FILTER (filter));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (filter_model), g_object_ref (sorter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

/**
 * osai_totals_view_new:
 *
 * Returns: (transfer floating): an empty view
 */
GtkWidget *
osai_totals_view_new (void)
{
  return g_object_new (OSAI_TYPE_TOTALS_VIEW, NULL);
}

/**
 * osai_totals_view_get_report:
 * @self: an #OsaiTotalsView
 *
 * Returns: (transfer none) (nullable): the report shown
 */
OsaiReport *
osai_totals_view_get_report (OsaiTotalsView *self)
{
  g_return_val_if_fail (OSAI_IS_TOTALS_VIEW (self), NULL);

  return self->report;
}

/**
 * osai_totals_view_set_report:
 * @self: an #OsaiTotalsView
 * @report: (nullable): a report, or %NULL to empty the view
 *
 * Shows the period and totals of @report.  Kinds of usage switched off in
 * the report's request are left out; a report without totals shows its
 * header and no rows.
 */
void
osai_totals_view_set_report (OsaiTotalsView *self,
                             OsaiReport     *report)
{
  g_return_if_fail (OSAI_IS_TOTALS_VIEW (self));
  g_return_if_fail (report == NULL || OSAI_IS_REPORT (report));

  if (!g_set_object (&self->report, report))
    return;

  osai_usage_model_set_report (self->usage_model, report);
  update_header (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/**
 * osai_totals_view_get_model:
 * @self: an #OsaiTotalsView
 *
 * Returns: (transfer none): the #OsaiUsageItem rows as shown, in the order
 *   the column view sorts them
 */
GListModel *
osai_totals_view_get_model (OsaiTotalsView *self)
{
  g_return_val_if_fail (OSAI_IS_TOTALS_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * osai_totals_view_get_column_view:
 * @self: an #OsaiTotalsView
 *
 * Returns: (transfer none): the column view, to sort it or reach its columns
 */
GtkColumnView *
osai_totals_view_get_column_view (OsaiTotalsView *self)
{
  g_return_val_if_fail (OSAI_IS_TOTALS_VIEW (self), NULL);

  return self->column_view;
}
