/* osai-time.h — times as the API and people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *osai_time_parse_iso8601      (const char  *text,
                                         GError     **error);
char      *osai_time_format_iso8601     (GDateTime   *time);
gboolean   osai_time_parse_retry_after  (const char  *value,
                                         GDateTime   *now,
                                         guint       *out_seconds);
GDateTime *osai_time_parse_user_date    (const char  *text,
                                         gboolean     end_of_day_if_date_only,
                                         GError     **error);

G_END_DECLS
