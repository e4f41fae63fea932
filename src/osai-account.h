/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-account.h — who is signed in, where, and the token kept for them
 *
 * The one place the app keeps an OsaiClient.  It signs in (checking the
 * connection with GET /Users), keeps the access token in the keyring through
 * osai-credentials, starts the built-in simulator for the demo, and forgets
 * everything on sign-out.  No widget in here.
 */
#pragma once

#include <gio/gio.h>

#include "osai-client.h"
#include "osai-sim-server.h"

G_BEGIN_DECLS

typedef enum
{
  OSAI_ACCOUNT_STATE_SIGNED_OUT,
  OSAI_ACCOUNT_STATE_BUSY,       /* looking up the keyring, signing in or starting the demo */
  OSAI_ACCOUNT_STATE_SIGNED_IN,
} OsaiAccountState;

#define OSAI_TYPE_ACCOUNT_STATE (osai_account_state_get_type ())
GType osai_account_state_get_type (void);

#define OSAI_TYPE_ACCOUNT (osai_account_get_type ())
G_DECLARE_FINAL_TYPE (OsaiAccount, osai_account, OSAI, ACCOUNT, GObject)

OsaiAccount      *osai_account_new                   (void);
OsaiAccountState  osai_account_get_state             (OsaiAccount          *self);
OsaiClient       *osai_account_get_client            (OsaiAccount          *self);
const char       *osai_account_get_base_url          (OsaiAccount          *self);
const char       *osai_account_get_user_name         (OsaiAccount          *self);
gboolean          osai_account_get_is_demo           (OsaiAccount          *self);
gboolean          osai_account_get_token_saved       (OsaiAccount          *self);
const GError     *osai_account_get_keyring_error     (OsaiAccount          *self);
OsaiSimServer    *osai_account_get_simulator         (OsaiAccount          *self);

void              osai_account_restore_async         (OsaiAccount          *self,
                                                      const char           *base_url,
                                                      gboolean              allow_insecure,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          osai_account_restore_finish        (OsaiAccount          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              osai_account_sign_in_async         (OsaiAccount          *self,
                                                      const char           *base_url,
                                                      gboolean              allow_insecure,
                                                      const char           *access_token,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          osai_account_sign_in_finish        (OsaiAccount          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              osai_account_start_demo_async      (OsaiAccount          *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          osai_account_start_demo_finish     (OsaiAccount          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void              osai_account_sign_out_async        (OsaiAccount          *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean          osai_account_sign_out_finish       (OsaiAccount          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
