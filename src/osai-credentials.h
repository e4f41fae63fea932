/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-credentials.h — the access token in the keyring (libsecret)
 *
 * One secret per server address, through secret_password_*() (the Secret
 * portal inside a Flatpak).  Everything is asynchronous.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      osai_credentials_lookup_async   (const char           *server,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char     *osai_credentials_lookup_finish  (GAsyncResult         *result,
                                           GError              **error);
void      osai_credentials_store_async    (const char           *server,
                                           const char           *access_token,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  osai_credentials_store_finish   (GAsyncResult         *result,
                                           GError              **error);
void      osai_credentials_clear_async    (const char           *server,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  osai_credentials_clear_finish   (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
