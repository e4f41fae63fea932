/* osai-download.h — save a report's detailed JSON from its storage link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "osai-client.h"
#include "osai-report.h"

G_BEGIN_DECLS

#define OSAI_TYPE_DOWNLOAD (osai_download_get_type ())

G_DECLARE_FINAL_TYPE (OsaiDownload, osai_download, OSAI, DOWNLOAD, GObject)

OsaiDownload *osai_download_new              (OsaiClient          *client,
                                              OsaiReport          *report,
                                              GFile               *destination);
OsaiReport   *osai_download_get_report       (OsaiDownload        *self);
GFile        *osai_download_get_destination  (OsaiDownload        *self);
guint64       osai_download_get_bytes_done   (OsaiDownload        *self);
gint64        osai_download_get_bytes_total  (OsaiDownload        *self);
double        osai_download_get_fraction     (OsaiDownload        *self);
gboolean      osai_download_get_refreshed    (OsaiDownload        *self);
void          osai_download_run_async        (OsaiDownload        *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      osai_download_run_finish       (OsaiDownload        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
