/* osai-sim-server.h — an in-process simulator of the OSAI API and its S3 store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  OSAI_SIM_SIGN_IN_BOTH,
  OSAI_SIM_SIGN_IN_POST,
  OSAI_SIM_SIGN_IN_GET,
} OsaiSimSignInMode;

typedef enum
{
  OSAI_SIM_TRUNCATE_NONE,
  OSAI_SIM_TRUNCATE_CLOSE,
  OSAI_SIM_TRUNCATE_CHUNKED,
} OsaiSimTruncate;

#define OSAI_SIM_TYPE_SIGN_IN_MODE (osai_sim_sign_in_mode_get_type ())
GType osai_sim_sign_in_mode_get_type (void);

#define OSAI_SIM_TYPE_TRUNCATE (osai_sim_truncate_get_type ())
GType osai_sim_truncate_get_type (void);

/* One request as the server saw it; @authorization is %NULL when absent.
 * @headers holds every request header, one "Name: value\n" line each. */
typedef struct
{
  char *method;
  char *path;
  char *query;
  char *authorization;
  char *host;
  char *headers;
} OsaiSimRequestRecord;

#define OSAI_TYPE_SIM_SERVER (osai_sim_server_get_type ())
G_DECLARE_FINAL_TYPE (OsaiSimServer, osai_sim_server, OSAI, SIM_SERVER, GObject)

OsaiSimServer *osai_sim_server_new                (void);
gboolean       osai_sim_server_start              (OsaiSimServer  *self,
                                                   guint           port,
                                                   GError        **error);
void           osai_sim_server_stop               (OsaiSimServer  *self);
const char    *osai_sim_server_get_base_url       (OsaiSimServer  *self);
guint          osai_sim_server_get_port           (OsaiSimServer  *self);
void           osai_sim_server_expire_sessions    (OsaiSimServer  *self);
void           osai_sim_server_revoke_access_token (OsaiSimServer *self);
void           osai_sim_server_release_detail     (OsaiSimServer  *self);
GPtrArray     *osai_sim_server_get_requests       (OsaiSimServer  *self);
void           osai_sim_server_clear_requests     (OsaiSimServer  *self);

G_END_DECLS
