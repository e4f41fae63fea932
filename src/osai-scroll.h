/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-scroll.h — tables that scroll sideways inside a page that scrolls down */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void osai_scroll_pass_vertical (GtkScrolledWindow *inner);

G_END_DECLS
