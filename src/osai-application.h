/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-application.h — the application: options, app actions, windows */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OSAI_TYPE_APPLICATION (osai_application_get_type ())
G_DECLARE_FINAL_TYPE (OsaiApplication, osai_application, OSAI, APPLICATION, AdwApplication)

OsaiApplication *osai_application_new  (void);

G_END_DECLS
