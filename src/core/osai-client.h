/* osai-client.h — one connection to the OSAI API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "osai-report.h"
#include "osai-report-request.h"

G_BEGIN_DECLS

#define OSAI_BASE_URL_EU "https://app-eu.onestepai.com/api"
#define OSAI_BASE_URL_US "https://app-us.onestepai.com/api"

/* The retry policy a new client starts with (osai_client_set_retry_policy()). */
#define OSAI_CLIENT_DEFAULT_MAX_RETRIES   4
#define OSAI_CLIENT_DEFAULT_BASE_DELAY_MS 1000
#define OSAI_CLIENT_DEFAULT_MAX_DELAY_MS  30000

typedef enum
{
  OSAI_SIGN_IN_FORM_UNKNOWN,
  OSAI_SIGN_IN_FORM_POST,   /* POST /Users/SignIn, "Authorization: Bearer <jwt>" */
  OSAI_SIGN_IN_FORM_GET,    /* GET /Users/SignIn?token=, "Authorization: <token>" */
} OsaiSignInForm;

#define OSAI_TYPE_SIGN_IN_FORM (osai_sign_in_form_get_type ())
GType osai_sign_in_form_get_type (void);

#define OSAI_TYPE_CLIENT (osai_client_get_type ())

G_DECLARE_FINAL_TYPE (OsaiClient, osai_client, OSAI, CLIENT, GObject)

OsaiClient     *osai_client_new                  (const char           *base_url,
                                                  gboolean              allow_insecure,
                                                  GError              **error);
gboolean        osai_client_check_base_url       (const char           *base_url,
                                                  gboolean              allow_insecure,
                                                  GError              **error);
const char     *osai_client_get_base_url         (OsaiClient           *self);
SoupSession    *osai_client_get_session          (OsaiClient           *self);
gboolean        osai_client_get_allow_insecure   (OsaiClient           *self);
void            osai_client_set_access_token     (OsaiClient           *self,
                                                  const char           *access_token);
gboolean        osai_client_has_access_token     (OsaiClient           *self);
gboolean        osai_client_is_signed_in         (OsaiClient           *self);
OsaiSignInForm  osai_client_get_sign_in_form     (OsaiClient           *self);
void            osai_client_set_retry_policy     (OsaiClient           *self,
                                                  guint                 max_retries,
                                                  guint                 base_delay_ms,
                                                  guint                 max_delay_ms);
gboolean        osai_client_is_api_uri           (OsaiClient           *self,
                                                  GUri                 *uri);
gboolean        osai_client_check_url            (OsaiClient           *self,
                                                  const char           *url,
                                                  GError              **error);

void            osai_client_sign_in_async        (OsaiClient           *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        osai_client_sign_in_finish       (OsaiClient           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            osai_client_get_user_async       (OsaiClient           *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
JsonNode       *osai_client_get_user_finish      (OsaiClient           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            osai_client_create_report_async  (OsaiClient           *self,
                                                  OsaiReportRequest    *request,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
OsaiReport     *osai_client_create_report_finish (OsaiClient           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            osai_client_get_report_async     (OsaiClient           *self,
                                                  gint64                report_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
OsaiReport     *osai_client_get_report_finish    (OsaiClient           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
