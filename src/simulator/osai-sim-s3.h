/* osai-sim-s3.h — signature version 2 query-string authentication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *osai_sim_s3_sign       (const char *secret_key,
                                  gint64      expires,
                                  const char *resource);
char     *osai_sim_s3_presign    (const char *origin,
                                  const char *access_key,
                                  const char *secret_key,
                                  const char *resource,
                                  gint64      expires);
char     *osai_sim_s3_error_xml  (const char *code,
                                  const char *message,
                                  const char *resource);

G_END_DECLS
