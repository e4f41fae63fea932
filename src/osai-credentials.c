/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-credentials.c — the access token in the keyring (libsecret)
 *
 * Each call wraps the matching secret_password_*() call in a GTask of its
 * own, so the _finish functions can check where a result came from.  The
 * token is never logged.
 */
#define G_LOG_DOMAIN "osai-credentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "osai-credentials.h"
#include "osai-error.h"

static const SecretSchema token_schema = {
  "io.github.osaireports.OsaiReports.AccessToken",
  SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static void
token_free (gpointer token)
{
  if (token != NULL)
    memset (token, 0, strlen (token));
  g_free (token);
}

/* ------------------------------------------------------------------------ */
/* Lookup                                                                   */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password;
  char *token = NULL;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      /* Translators: %s says why, in the keyring’s or the system’s words. */
      OSAI_REWORD_ERROR (error, _("Could not read the access token from the keyring: %s"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* libsecret may hand out secure memory: keep a plain copy, wipe the original. */
  if (password != NULL)
    {
      token = g_strdup (password);
      secret_password_free (password);
    }

  g_task_return_pointer (task, token, token_free);
}

/**
 * osai_credentials_lookup_async:
 * @server: the API base URL the token belongs to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Looks up the access token kept for @server.
 */
void
osai_credentials_lookup_async (const char          *server,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_credentials_lookup_async);

  secret_password_lookup (&token_schema, cancellable, lookup_cb, g_steal_pointer (&task),
                          "server", server,
                          NULL);
}

/**
 * osai_credentials_lookup_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the access token, or %NULL with no
 *   error set when the keyring holds none for the server.  Wipe it before
 *   freeing it.
 */
char *
osai_credentials_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_credentials_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Store                                                                    */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      /* Translators: %s says why, in the keyring’s or the system’s words. */
      OSAI_REWORD_ERROR (error, _("Could not save the access token in the keyring: %s"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * osai_credentials_store_async:
 * @server: the API base URL the token belongs to
 * @access_token: the token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Keeps @access_token for @server in the default collection, replacing any
 * token kept for it before.
 */
void
osai_credentials_store_async (const char          *server,
                              const char          *access_token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (access_token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_credentials_store_async);

  /* TRANSLATORS: the name of the secret in the keyring; %s is the server address */
  label = g_strdup_printf (_("OSAI access token for %s"), server);

  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label, access_token,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "server", server,
                         NULL);
}

gboolean
osai_credentials_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_credentials_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Clear                                                                    */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error only means there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      /* Translators: %s says why, in the keyring’s or the system’s words. */
      OSAI_REWORD_ERROR (error, _("Could not remove the access token from the keyring: %s"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * osai_credentials_clear_async:
 * @server: the API base URL the token belongs to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring answered
 * @user_data: data for @callback
 *
 * Removes the token kept for @server.  Finding none is not an error.
 */
void
osai_credentials_clear_async (const char          *server,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_credentials_clear_async);

  secret_password_clear (&token_schema, cancellable, clear_cb, g_steal_pointer (&task),
                         "server", server,
                         NULL);
}

gboolean
osai_credentials_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_credentials_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
