/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-preferences-window.h — server, account and waiting preferences */
#pragma once

#include <adwaita.h>

#include "osai-window.h"

G_BEGIN_DECLS

#define OSAI_TYPE_PREFERENCES_WINDOW (osai_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (OsaiPreferencesWindow, osai_preferences_window, OSAI, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *osai_preferences_window_new (OsaiWindow *window);

G_END_DECLS
