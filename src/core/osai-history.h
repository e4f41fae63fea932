/* osai-history.h — every finished report, kept on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "osai-history-entry.h"
#include "osai-report.h"
#include "osai-report-request.h"

G_BEGIN_DECLS

#define OSAI_TYPE_HISTORY (osai_history_get_type ())

G_DECLARE_FINAL_TYPE (OsaiHistory, osai_history, OSAI, HISTORY, GObject)

char             *osai_history_get_default_dir    (void);

OsaiHistory      *osai_history_new                (const char           *dir);
const char       *osai_history_get_dir            (OsaiHistory          *self);
gboolean          osai_history_get_loaded         (OsaiHistory          *self);
GPtrArray        *osai_history_get_problems       (OsaiHistory          *self);

/* Loading: the async form reads in a worker thread and fills the model in
 * batches from the main context, then watches the folder; the sync form
 * (for the CLI) does it all at once and does not watch. */
gboolean          osai_history_load               (OsaiHistory          *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void              osai_history_load_async         (OsaiHistory          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          osai_history_load_finish        (OsaiHistory          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Writing: each entry is its own file, written atomically and durably. */
gboolean          osai_history_add                (OsaiHistory          *self,
                                                   OsaiHistoryEntry     *entry,
                                                   GError              **error);
void              osai_history_add_async          (OsaiHistory          *self,
                                                   OsaiHistoryEntry     *entry,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          osai_history_add_finish         (OsaiHistory          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean          osai_history_remove             (OsaiHistory          *self,
                                                   OsaiHistoryEntry     *entry,
                                                   GError              **error);
gboolean          osai_history_restore            (OsaiHistory          *self,
                                                   OsaiHistoryEntry     *entry,
                                                   GError              **error);
void              osai_history_clear_async        (OsaiHistory          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          osai_history_clear_finish       (OsaiHistory          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Reports still being generated. */
OsaiHistoryEntry *osai_history_add_pending        (OsaiHistory          *self,
                                                   const char           *server,
                                                   const char           *account,
                                                   gint64                report_id,
                                                   OsaiReportRequest    *request,
                                                   GError              **error);
OsaiHistoryEntry *osai_history_complete_pending   (OsaiHistory          *self,
                                                   OsaiHistoryEntry     *pending,
                                                   OsaiReport           *report,
                                                   GError              **error);
GPtrArray        *osai_history_get_pending        (OsaiHistory          *self);

/* Finding entries. */
OsaiHistoryEntry *osai_history_lookup             (OsaiHistory          *self,
                                                   const char           *key);
OsaiHistoryEntry *osai_history_find               (OsaiHistory          *self,
                                                   const char           *id,
                                                   GError              **error);
gboolean          osai_history_is_id_unique       (OsaiHistory          *self,
                                                   gint64                report_id);

G_END_DECLS
