/* osai-safe-file.h — a file replaced whole, or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OSAI_TYPE_SAFE_FILE (osai_safe_file_get_type ())

G_DECLARE_FINAL_TYPE (OsaiSafeFile, osai_safe_file, OSAI, SAFE_FILE, GObject)

OsaiSafeFile  *osai_safe_file_new               (GFile                *target,
                                                 guint                 mode,
                                                 GError              **error);
void           osai_safe_file_new_async         (GFile                *target,
                                                 guint                 mode,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OsaiSafeFile  *osai_safe_file_new_finish        (GAsyncResult         *result,
                                                 GError              **error);

GFile         *osai_safe_file_get_target        (OsaiSafeFile         *self);
GOutputStream *osai_safe_file_get_stream        (OsaiSafeFile         *self);
gboolean       osai_safe_file_get_is_named      (OsaiSafeFile         *self);
gboolean       osai_safe_file_restart           (OsaiSafeFile         *self,
                                                 GError              **error);

gboolean       osai_safe_file_commit            (OsaiSafeFile         *self,
                                                 GError              **error);
void           osai_safe_file_commit_async      (OsaiSafeFile         *self,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       osai_safe_file_commit_finish     (OsaiSafeFile         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           osai_safe_file_discard           (OsaiSafeFile         *self);

gboolean       osai_safe_file_set_contents      (GFile                *target,
                                                 gconstpointer         data,
                                                 gsize                 size,
                                                 guint                 mode,
                                                 GError              **error);
void           osai_safe_file_set_contents_async  (GFile              *target,
                                                   GBytes             *bytes,
                                                   guint               mode,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean       osai_safe_file_set_contents_finish (GAsyncResult       *result,
                                                   GError            **error);

gboolean       osai_safe_file_is_partial_name   (const char           *name);

G_END_DECLS
