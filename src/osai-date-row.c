/* osai-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "osai-date-row.h"
#include "osai-period.h"

#define RESOURCE_PREFIX "/io/github/osaireports/OsaiReports"

struct _OsaiDateRow
{
  AdwActionRow    parent_instance;

  GtkMenuButton  *menu_button;
  GtkPopover     *popover;
  GtkCalendar    *calendar;

  char           *date;
  /* Set while the calendar is moved to the row's date, so that its own
   * ::day-selected is not taken for a pick. */
  gboolean        syncing_calendar;
};

G_DEFINE_FINAL_TYPE (OsaiDateRow, osai_date_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The date as people read it, or NULL when @date is not a day. */
static char *
format_human_date (const char *date)
{
  g_autoptr(GDateTime) noon = NULL;
  GDate day;

  if (!osai_period_parse_day (date, &day))
    return NULL;

  /* Noon UTC, formatted in UTC: the day cannot slip whatever the zone. */
  noon = g_date_time_new_utc (g_date_get_year (&day), g_date_get_month (&day),
                              g_date_get_day (&day), 12, 0, 0);
  if (noon == NULL)
    return NULL;

  /* Translators: a picked day on a button, see the g_date_time_format()
   * documentation; "26 Nov 2026". */
  return g_date_time_format (noon, _("%-d %b %Y"));
}

/* "_From" as a person reads it: "From" ("__" stays one underscore). */
static char *
strip_mnemonic (const char *text,
                gboolean    use_underline)
{
  GString *out;

  if (text == NULL)
    return NULL;
  if (!use_underline)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
update_button (OsaiDateRow *self)
{
  g_autofree char *human = format_human_date (self->date);
  g_autofree char *accessible = NULL;
  g_autofree char *title = NULL;
  const char *shown = human != NULL ? human : _("Pick a date");
  GtkWidget *inner;

  title = strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                          adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (self)));

  gtk_menu_button_set_label (self->menu_button, shown);

  /* Translators: what a screen reader says for a date button: the row's
   * title, then the date, e.g. "Start: 1 Nov 2026". */
  accessible = g_strdup_printf (C_("date button accessible label", "%s: %s"),
                                title != NULL ? title : "", shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* The menu button's focusable part is the toggle button inside it, and
   * that is what a screen reader announces on focus. */
  inner = gtk_widget_get_first_child (GTK_WIDGET (self->menu_button));
  if (GTK_IS_TOGGLE_BUTTON (inner))
    gtk_accessible_update_property (GTK_ACCESSIBLE (inner),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
}

static void
notify_title_cb (OsaiDateRow *self,
                 GParamSpec  *pspec,
                 gpointer     user_data)
{
  update_button (self);
}

static void
select_in_calendar (OsaiDateRow *self)
{
  g_autoptr(GDateTime) noon = NULL;
  GDate day;

  if (!osai_period_parse_day (self->date, &day))
    return;

  /* The calendar only reads the year, month and day of what it is given. */
  noon = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                g_date_get_day (&day), 12, 0, 0);
  if (noon == NULL)
    return;

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, noon);
  self->syncing_calendar = FALSE;
}

static void
take_calendar_date (OsaiDateRow *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = NULL;
  int year, month, day;

  g_date_time_get_ymd (picked, &year, &month, &day);
  text = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  osai_date_row_set_date (self, text);
  gtk_popover_popdown (self->popover);
}

static void calendar_day_selected_cb (OsaiDateRow *self,
                                      GtkCalendar *calendar);
static void calendar_released_cb     (OsaiDateRow     *self,
                                      int              n_press,
                                      double           x,
                                      double           y,
                                      GtkGestureClick *gesture);

/* The calendar is made the first time the popover opens: two calendars
 * built with the window would cost its start-up a few milliseconds. */
static void
ensure_calendar (OsaiDateRow *self)
{
  GtkGesture *click;

  if (self->calendar != NULL)
    return;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected",
                           G_CALLBACK (calendar_day_selected_cb), self, G_CONNECT_SWAPPED);
  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (calendar_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), GTK_EVENT_CONTROLLER (click));
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
}

static void
popover_show_cb (OsaiDateRow *self,
                 GtkPopover  *popover)
{
  ensure_calendar (self);
  select_in_calendar (self);
}

static void
calendar_day_selected_cb (OsaiDateRow *self,
                          GtkCalendar *calendar)
{
  if (self->syncing_calendar)
    return;

  take_calendar_date (self);
}

/* A click on the day already selected changes nothing in the calendar, so it
 * sends no ::day-selected; it still means "this one". */
static void
calendar_released_cb (OsaiDateRow     *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  GtkWidget *picked;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->popover)))
    return;

  picked = gtk_widget_pick (GTK_WIDGET (self->calendar), x, y, GTK_PICK_DEFAULT);
  if (picked != NULL && gtk_widget_has_css_class (picked, "day-number"))
    take_calendar_date (self);
}

static void
osai_date_row_dispose (GObject *object)
{
  OsaiDateRow *self = (OsaiDateRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), OSAI_TYPE_DATE_ROW);
  /* It lived in the popover, gone with the template. */
  self->calendar = NULL;

  G_OBJECT_CLASS (osai_date_row_parent_class)->dispose (object);
}

static void
osai_date_row_finalize (GObject *object)
{
  OsaiDateRow *self = (OsaiDateRow *)object;

  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (osai_date_row_parent_class)->finalize (object);
}

static void
osai_date_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OsaiDateRow *self = OSAI_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, osai_date_row_get_date (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_date_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OsaiDateRow *self = OSAI_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      osai_date_row_set_date (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_date_row_class_init (OsaiDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = osai_date_row_dispose;
  object_class->finalize = osai_date_row_finalize;
  object_class->get_property = osai_date_row_get_property;
  object_class->set_property = osai_date_row_set_property;

  /**
   * OsaiDateRow:date:
   *
   * The day shown, as "YYYY-MM-DD"; anything else shows "Pick a date".
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/osai-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OsaiDateRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, OsaiDateRow, popover);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
}

static void
osai_date_row_init (OsaiDateRow *self)
{
  self->date = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The button's accessible label carries the title, which may change. */
  g_signal_connect (self, "notify::title", G_CALLBACK (notify_title_cb), NULL);
  update_button (self);
}

/**
 * osai_date_row_new:
 *
 * Returns: (transfer floating): a row without a date yet
 */
GtkWidget *
osai_date_row_new (void)
{
  return g_object_new (OSAI_TYPE_DATE_ROW, NULL);
}

/**
 * osai_date_row_get_date:
 * @self: an #OsaiDateRow
 *
 * Returns: (transfer none): the date as "YYYY-MM-DD", or what was set
 *   if that was not a date; "" when none was set
 */
const char *
osai_date_row_get_date (OsaiDateRow *self)
{
  g_return_val_if_fail (OSAI_IS_DATE_ROW (self), NULL);

  return self->date;
}

/**
 * osai_date_row_set_date:
 * @self: an #OsaiDateRow
 * @date: (nullable): a day as "YYYY-MM-DD"
 *
 * Shows @date on the button.  Text that is not a day (%NULL or "" included)
 * is kept as it is, and the button asks to pick a date.
 */
void
osai_date_row_set_date (OsaiDateRow *self,
                        const char  *date)
{
  g_return_if_fail (OSAI_IS_DATE_ROW (self));

  if (date == NULL)
    date = "";

  if (g_strcmp0 (self->date, date) == 0)
    return;

  g_free (self->date);
  self->date = g_strdup (date);

  update_button (self);
  if (self->calendar != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->popover)))
    select_in_calendar (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}
