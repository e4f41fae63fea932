/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-date-row.h — a row with a button showing a date, a calendar in its popover */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OSAI_TYPE_DATE_ROW (osai_date_row_get_type ())
G_DECLARE_FINAL_TYPE (OsaiDateRow, osai_date_row, OSAI, DATE_ROW, AdwActionRow)

GtkWidget   *osai_date_row_new       (void);
/* The date as "YYYY-MM-DD" (what GSettings keeps), never NULL once set. */
const char  *osai_date_row_get_date  (OsaiDateRow *self);
void         osai_date_row_set_date  (OsaiDateRow *self,
                                      const char  *date);

G_END_DECLS
