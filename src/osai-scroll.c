/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-scroll.c — tables that scroll sideways inside a page that scrolls down
 *
 * A GtkScrolledWindow that may only scroll sideways turns the mouse wheel
 * into sideways scrolling, so a page stops scrolling under the pointer as
 * soon as it is over a wide table.  Here the wheel keeps moving the page:
 * only sideways gestures (a touchpad's, or Shift with the wheel) scroll the
 * table itself.
 */

#define G_LOG_DOMAIN "osai-scroll"

#include "config.h"

#include <math.h>

#include "osai-scroll.h"

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GtkScrolledWindow        *inner)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (inner));
  GtkWidget *outer = parent != NULL ? gtk_widget_get_ancestor (parent, GTK_TYPE_SCROLLED_WINDOW)
                                    : NULL;
  GtkAdjustment *adjustment;
  double step;

  if (outer == NULL || dy == 0.0 || fabs (dx) > fabs (dy) || (state & GDK_SHIFT_MASK) != 0)
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (outer));
  /* A wheel click moves as far as GtkScrolledWindow moves it; a touchpad
   * reports pixels. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = dy * pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  else
    step = dy;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + step);

  return TRUE;
}

/**
 * osai_scroll_pass_vertical:
 * @inner: a scrolled window that scrolls sideways only, inside another
 *
 * Makes vertical scrolling over @inner scroll the scrolled window around
 * it instead.
 */
void
osai_scroll_pass_vertical (GtkScrolledWindow *inner)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (inner));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  /* Before the scrolled window's own handler, which would take it. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_cb), inner, 0);
  gtk_widget_add_controller (GTK_WIDGET (inner), controller);
}
