/* osai-json-check.h — incremental JSON syntax check in constant memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OsaiJsonCheck OsaiJsonCheck;

OsaiJsonCheck *osai_json_check_new     (void);
void           osai_json_check_free    (OsaiJsonCheck  *self);
gboolean       osai_json_check_feed    (OsaiJsonCheck  *self,
                                        const guint8   *data,
                                        gsize           len,
                                        GError        **error);
gboolean       osai_json_check_finish  (OsaiJsonCheck  *self,
                                        GError        **error);
gboolean       osai_json_check_bytes   (const guint8   *data,
                                        gsize           len,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsaiJsonCheck, osai_json_check_free)

G_END_DECLS
