/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-account.c — who is signed in, where, and the token kept for them
 *
 * Restore, sign-in and the demo are one GTask chain with different starts:
 *
 *   restore:  build client → look up the keyring ─┐
 *   sign-in:  build client ───────────────────────┼→ sign in → GET /Users
 *   demo:     start simulator → build client ─────┘      → keep the token (sign-in only)
 *
 * Only one runs at a time: each starts with a fresh cancellable and cancels
 * the one before.  The account's state changes only for the operation that
 * is current, so a superseded one just ends with G_IO_ERROR_CANCELLED.
 *
 * The access token is never logged.
 */
#define G_LOG_DOMAIN "osai-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "osai-account.h"
#include "osai-credentials.h"
#include "osai-error.h"

/* Long enough that the demo's "waiting for the report" state can be seen. */
#define DEMO_REPORT_DELAY_S 6.0

struct _OsaiAccount
{
  GObject           parent_instance;

  OsaiAccountState  state;
  OsaiClient       *client;
  OsaiSimServer    *simulator;
  char             *base_url;
  char             *user_name;
  gboolean          is_demo;
  gboolean          token_saved;
  GError           *keyring_error;

  /* The restore, sign-in or demo start under way, NULL when none is. */
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (OsaiAccount, osai_account, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OsaiAccountState, osai_account_state,
                    G_DEFINE_ENUM_VALUE (OSAI_ACCOUNT_STATE_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (OSAI_ACCOUNT_STATE_BUSY, "busy"),
                    G_DEFINE_ENUM_VALUE (OSAI_ACCOUNT_STATE_SIGNED_IN, "signed-in"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_CLIENT,
  PROP_BASE_URL,
  PROP_USER_NAME,
  PROP_IS_DEMO,
  PROP_TOKEN_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Setters                                                                  */

static const char *
state_name (OsaiAccountState state)
{
  switch (state)
    {
    case OSAI_ACCOUNT_STATE_SIGNED_OUT:
      return "signed-out";
    case OSAI_ACCOUNT_STATE_BUSY:
      return "busy";
    case OSAI_ACCOUNT_STATE_SIGNED_IN:
      return "signed-in";
    default:
      return "?";
    }
}

static void
set_state (OsaiAccount      *self,
           OsaiAccountState  state)
{
  if (self->state == state)
    return;

  g_debug ("state: %s -> %s", state_name (self->state), state_name (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_client (OsaiAccount *self,
            OsaiClient  *client)
{
  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
set_base_url (OsaiAccount *self,
              const char  *base_url)
{
  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

static void
set_user_name (OsaiAccount *self,
               const char  *user_name)
{
  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

static void
set_is_demo (OsaiAccount *self,
             gboolean     is_demo)
{
  is_demo = !!is_demo;
  if (self->is_demo == is_demo)
    return;

  self->is_demo = is_demo;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEMO]);
}

static void
set_token_saved (OsaiAccount *self,
                 gboolean     token_saved)
{
  token_saved = !!token_saved;
  if (self->token_saved == token_saved)
    return;

  self->token_saved = token_saved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_SAVED]);
}

static void
stop_simulator (OsaiAccount *self)
{
  if (self->simulator == NULL)
    return;

  osai_sim_server_stop (self->simulator);
  g_clear_object (&self->simulator);
}

/* Forgets who was signed in; the state is left to the caller. */
static void
drop_session (OsaiAccount *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_client (self, NULL);
  stop_simulator (self);
  set_base_url (self, NULL);
  set_user_name (self, NULL);
  set_is_demo (self, FALSE);
  set_token_saved (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

static void
wipe_string (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *value = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = g_strstrip (g_strdup (json_node_get_string (node)));
  if (*value == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

/* "name", else "firstName lastName", else "email", else nothing. */
static char *
user_name_from_json (JsonNode *user)
{
  JsonObject *object;
  g_autofree char *name = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (user == NULL || !JSON_NODE_HOLDS_OBJECT (user))
    return NULL;
  object = json_node_get_object (user);

  if ((name = dup_string_member (object, "name")) != NULL)
    return g_steal_pointer (&name);

  first = dup_string_member (object, "firstName");
  last = dup_string_member (object, "lastName");
  if (first != NULL && last != NULL)
    /* TRANSLATORS: a person's full name: first name, then last name */
    return g_strdup_printf (C_("full name", "%s %s"), first, last);
  if (first != NULL)
    return g_steal_pointer (&first);
  if (last != NULL)
    return g_steal_pointer (&last);

  return dup_string_member (object, "email");
}

/* ------------------------------------------------------------------------ */
/* Restore, sign-in and demo: one chain                                     */

/* Taken away first: whatever the cancelled operation does next (even from
 * inside g_cancellable_cancel()) must see that it is no longer current. */
static void
cancel_operation (OsaiAccount *self)
{
  g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->cancellable);

  if (cancellable != NULL)
    {
      g_debug ("cancelling the operation under way");
      g_cancellable_cancel (cancellable);
    }
}

typedef struct
{
  OsaiClient   *client;
  char         *access_token;        /* only when it is to be kept in the keyring */
  char         *user_name;
  gboolean      is_demo;
  gboolean      token_saved;
  GError       *keyring_error;

  /* The caller's cancellable cancels the operation's own one. */
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;
  GCancellable *cancellable;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  if (data->caller_cancelled_id != 0)
    g_signal_handler_disconnect (data->caller_cancellable, data->caller_cancelled_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->client);
  g_clear_pointer (&data->access_token, wipe_string);
  g_clear_pointer (&data->user_name, g_free);
  g_clear_error (&data->keyring_error);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignInData, sign_in_data_free)

static void
caller_cancelled_cb (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/*
 * Starts an operation: cancels the one under way, forgets who was signed in
 * and goes BUSY.  The task's cancellable is the account's own; @cancellable
 * (the caller's) is linked to it.
 */
static GTask *
begin_operation (OsaiAccount         *self,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  g_autoptr(SignInData) data = g_new0 (SignInData, 1);
  GTask *task;

  cancel_operation (self);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  /* Not g_cancellable_connect(): disconnecting from inside its handler
   * would deadlock, and the task may well end inside it. */
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancellable = g_object_ref (self->cancellable);
      data->caller_cancelled_id = g_signal_connect (cancellable, "cancelled",
                                                    G_CALLBACK (caller_cancelled_cb),
                                                    data->cancellable);
      if (g_cancellable_is_cancelled (cancellable))
        g_cancellable_cancel (data->cancellable);
    }
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) sign_in_data_free);

  g_object_freeze_notify (G_OBJECT (self));
  drop_session (self);
  g_clear_error (&self->keyring_error);
  set_state (self, OSAI_ACCOUNT_STATE_BUSY);
  g_object_thaw_notify (G_OBJECT (self));

  return task;
}

static gboolean
is_current (GTask *task)
{
  OsaiAccount *self = g_task_get_source_object (task);

  return self->cancellable != NULL && g_task_get_cancellable (task) == self->cancellable;
}

/*
 * Ends an operation without signing in: with @error, or with FALSE when
 * @error is %NULL.  A superseded operation leaves the account alone.
 */
static void
end_operation (GTask  *task,
               GError *error)
{
  OsaiAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) owned = error;

  if (is_current (task))
    {
      if (error != NULL)
        g_debug ("signing in failed: %s", error->message);
      g_clear_object (&self->cancellable);

      g_object_freeze_notify (G_OBJECT (self));
      drop_session (self);
      set_state (self, OSAI_ACCOUNT_STATE_SIGNED_OUT);
      g_object_thaw_notify (G_OBJECT (self));
    }

  if (owned != NULL)
    g_task_return_error (task, g_steal_pointer (&owned));
  else
    g_task_return_boolean (task, FALSE);
}

/* For the steps whose own call succeeded while the operation was cancelled. */
static gboolean
end_if_cancelled (GTask *task)
{
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    return FALSE;

  end_operation (task, error);
  return TRUE;
}

static void
succeed_operation (GTask *task)
{
  OsaiAccount *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);

  if (end_if_cancelled (task))
    return;

  g_assert (is_current (task));
  g_clear_object (&self->cancellable);

  g_clear_error (&self->keyring_error);
  self->keyring_error = g_steal_pointer (&data->keyring_error);

  osai_client_set_retry_policy (data->client, OSAI_CLIENT_DEFAULT_MAX_RETRIES,
                                OSAI_CLIENT_DEFAULT_BASE_DELAY_MS,
                                OSAI_CLIENT_DEFAULT_MAX_DELAY_MS);

  g_object_freeze_notify (G_OBJECT (self));
  set_client (self, data->client);
  set_base_url (self, osai_client_get_base_url (data->client));
  set_user_name (self, data->user_name);
  set_is_demo (self, data->is_demo);
  set_token_saved (self, data->token_saved);
  set_state (self, OSAI_ACCOUNT_STATE_SIGNED_IN);
  g_object_thaw_notify (G_OBJECT (self));

  g_debug ("signed in to %s%s", self->base_url, self->is_demo ? " (demo)" : "");
  g_task_return_boolean (task, TRUE);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->token_saved = osai_credentials_store_finish (result, &error);

  /* Only a cancelled operation fails here: a keyring that is missing, locked
   * or whose prompt was dismissed leaves us signed in all the same, and the
   * token will just be asked for next time. */
  if (!data->token_saved && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_debug ("%s", error->message);
      data->keyring_error = g_steal_pointer (&error);
    }

  succeed_operation (task);
}

static void
get_user_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(GError) error = NULL;

  user = osai_client_get_user_finish (OSAI_CLIENT (object), result, &error);
  if (user == NULL)
    {
      end_operation (task, g_steal_pointer (&error));
      return;
    }
  if (end_if_cancelled (task))
    return;

  data->user_name = user_name_from_json (user);

  if (data->access_token != NULL)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      osai_credentials_store_async (osai_client_get_base_url (data->client), data->access_token,
                                    cancellable, store_cb, g_steal_pointer (&task));
      return;
    }

  succeed_operation (task);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  if (!osai_client_sign_in_finish (OSAI_CLIENT (object), result, &error))
    {
      end_operation (task, g_steal_pointer (&error));
      return;
    }
  if (end_if_cancelled (task))
    return;

  /* GET /Users: the documented check that the connection works. */
  cancellable = g_task_get_cancellable (task);
  osai_client_get_user_async (OSAI_CLIENT (object), cancellable,
                              get_user_cb, g_steal_pointer (&task));
}

/* Takes @task. */
static void
sign_in_with_client (GTask *task)
{
  SignInData *data = g_task_get_task_data (task);

  /* Someone is looking at a spinner: say "no network" after one retry
   * rather than four.  Reports keep the patient default once signed in. */
  osai_client_set_retry_policy (data->client, 1, OSAI_CLIENT_DEFAULT_BASE_DELAY_MS,
                                2 * OSAI_CLIENT_DEFAULT_BASE_DELAY_MS);

  g_debug ("signing in to %s", osai_client_get_base_url (data->client));
  osai_client_sign_in_async (data->client, g_task_get_cancellable (task),
                             sign_in_cb, task);
}

/* ------------------------------------------------------------------------ */
/* Restore                                                                  */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OsaiAccount *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = osai_credentials_lookup_finish (result, &error);
  if (end_if_cancelled (task))
    {
      wipe_string (token);
      return;
    }

  if (error != NULL)
    {
      /* No keyring (or a prompt dismissed): nothing to restore, which is not
       * a failure to sign in.  The error stays readable so the UI can say why. */
      g_debug ("%s", error->message);
      g_clear_error (&self->keyring_error);
      self->keyring_error = g_steal_pointer (&error);
      end_operation (task, NULL);
      return;
    }

  if (token == NULL)
    {
      g_debug ("no access token kept for %s", osai_client_get_base_url (data->client));
      end_operation (task, NULL);
      return;
    }

  osai_client_set_access_token (data->client, token);
  wipe_string (token);
  /* It came from the keyring: it is kept there already. */
  data->token_saved = TRUE;

  sign_in_with_client (g_steal_pointer (&task));
}

/**
 * osai_account_restore_async:
 * @self: a #OsaiAccount
 * @base_url: the API base URL signed in to last time
 * @allow_insecure: whether plain http:// to a non-loopback host is accepted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Signs in again with the access token kept in the keyring for @base_url,
 * if there is one.  Cancels any restore, sign-in or demo start under way.
 */
void
osai_account_restore_async (OsaiAccount         *self,
                            const char          *base_url,
                            gboolean             allow_insecure,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SignInData *data;

  g_return_if_fail (OSAI_IS_ACCOUNT (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = begin_operation (self, cancellable, callback, user_data, osai_account_restore_async);
  data = g_task_get_task_data (task);

  data->client = osai_client_new (base_url, allow_insecure, &error);
  if (data->client == NULL)
    {
      end_operation (task, g_steal_pointer (&error));
      return;
    }

  /* The account's own cancellable, which @cancellable is linked to. */
  osai_credentials_lookup_async (osai_client_get_base_url (data->client), self->cancellable,
                                 lookup_cb, g_steal_pointer (&task));
}

/**
 * osai_account_restore_finish:
 * @self: a #OsaiAccount
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when signed in.  %FALSE with no error set when there was
 *   nothing to restore: no token kept, or no keyring at all (see
 *   osai_account_get_keyring_error()).  %FALSE with an error when the kept
 *   token did not sign in.
 */
gboolean
osai_account_restore_finish (OsaiAccount   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_account_restore_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Sign-in                                                                  */

/**
 * osai_account_sign_in_async:
 * @self: a #OsaiAccount
 * @base_url: the API base URL, e.g. %OSAI_BASE_URL_EU
 * @allow_insecure: whether plain http:// to a non-loopback host is accepted
 * @access_token: the access token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Signs in with @access_token, checks the connection with GET /Users and
 * keeps the token in the keyring.  Failing to keep it does not fail the
 * sign-in: #OsaiAccount:token-saved stays %FALSE and
 * osai_account_get_keyring_error() says why.  Cancels any restore, sign-in
 * or demo start under way.
 */
void
osai_account_sign_in_async (OsaiAccount         *self,
                            const char          *base_url,
                            gboolean             allow_insecure,
                            const char          *access_token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SignInData *data;

  g_return_if_fail (OSAI_IS_ACCOUNT (self));
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (access_token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = begin_operation (self, cancellable, callback, user_data, osai_account_sign_in_async);
  data = g_task_get_task_data (task);

  data->client = osai_client_new (base_url, allow_insecure, &error);
  if (data->client == NULL)
    {
      end_operation (task, g_steal_pointer (&error));
      return;
    }

  /* The same spelling the client signs in with (it strips blanks too). */
  data->access_token = g_strstrip (g_strdup (access_token));
  osai_client_set_access_token (data->client, data->access_token);

  sign_in_with_client (g_steal_pointer (&task));
}

/**
 * osai_account_sign_in_finish:
 * @self: a #OsaiAccount
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when signed in; otherwise %FALSE with an error, usually in
 *   the %OSAI_ERROR domain.
 */
gboolean
osai_account_sign_in_finish (OsaiAccount   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_account_sign_in_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Demo                                                                     */

/**
 * osai_account_start_demo_async:
 * @self: a #OsaiAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Starts the built-in simulator on a loopback port and signs in to it like
 * to a real server.  The keyring is never touched.  Cancels any restore,
 * sign-in or demo start under way.
 */
void
osai_account_start_demo_async (OsaiAccount         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *access_token = NULL;
  SignInData *data;

  g_return_if_fail (OSAI_IS_ACCOUNT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = begin_operation (self, cancellable, callback, user_data, osai_account_start_demo_async);
  data = g_task_get_task_data (task);
  data->is_demo = TRUE;

  self->simulator = osai_sim_server_new ();
  g_object_set (self->simulator, "report-delay", DEMO_REPORT_DELAY_S, NULL);
  if (!osai_sim_server_start (self->simulator, 0, &error))
    {
      /* Translators: %s says why, in the system’s words. */
      OSAI_REWORD_ERROR (error, _("Could not start the demo server: %s"));
      end_operation (task, g_steal_pointer (&error));
      return;
    }

  /* Loopback http: allowed anyway, but say so. */
  data->client = osai_client_new (osai_sim_server_get_base_url (self->simulator), TRUE, &error);
  if (data->client == NULL)
    {
      end_operation (task, g_steal_pointer (&error));
      return;
    }

  g_object_get (self->simulator, "access-token", &access_token, NULL);
  osai_client_set_access_token (data->client, access_token);

  sign_in_with_client (g_steal_pointer (&task));
}

gboolean
osai_account_start_demo_finish (OsaiAccount   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_account_start_demo_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Sign-out                                                                 */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_credentials_clear_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * osai_account_sign_out_async:
 * @self: a #OsaiAccount
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Signs out at once: cancels anything under way, stops the demo server and
 * forgets the client.  Then removes the token kept in the keyring for the
 * server (not for the demo, which keeps none).
 */
void
osai_account_sign_out_async (OsaiAccount         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *server = NULL;

  g_return_if_fail (OSAI_IS_ACCOUNT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_account_sign_out_async);

  cancel_operation (self);

  if (!self->is_demo && self->base_url != NULL)
    server = g_strdup (self->base_url);

  g_object_freeze_notify (G_OBJECT (self));
  drop_session (self);
  g_clear_error (&self->keyring_error);
  set_state (self, OSAI_ACCOUNT_STATE_SIGNED_OUT);
  g_object_thaw_notify (G_OBJECT (self));

  if (server == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_debug ("signed out of %s, forgetting its token", server);
  /* Not the account's cancellable: a sign-in right after must not stop it. */
  osai_credentials_clear_async (server, cancellable, clear_cb, g_steal_pointer (&task));
}

/**
 * osai_account_sign_out_finish:
 * @self: a #OsaiAccount
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the kept token is gone too.  %FALSE with an error when
 *   the keyring failed; the account is signed out all the same.
 */
gboolean
osai_account_sign_out_finish (OsaiAccount   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == osai_account_sign_out_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Getters                                                                  */

OsaiAccount *
osai_account_new (void)
{
  return g_object_new (OSAI_TYPE_ACCOUNT, NULL);
}

OsaiAccountState
osai_account_get_state (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), OSAI_ACCOUNT_STATE_SIGNED_OUT);

  return self->state;
}

/**
 * osai_account_get_client:
 *
 * Returns: (transfer none) (nullable): the client, %NULL unless signed in
 */
OsaiClient *
osai_account_get_client (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), NULL);

  return self->client;
}

/**
 * osai_account_get_base_url:
 *
 * Returns: (nullable): the API base URL signed in to, %NULL unless signed in
 */
const char *
osai_account_get_base_url (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), NULL);

  return self->base_url;
}

/**
 * osai_account_get_user_name:
 *
 * Returns: (nullable): the user's name as the server gave it, if it did
 */
const char *
osai_account_get_user_name (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), NULL);

  return self->user_name;
}

gboolean
osai_account_get_is_demo (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), FALSE);

  return self->is_demo;
}

/**
 * osai_account_get_token_saved:
 *
 * Returns: %TRUE when the access token of the account signed in is kept in
 *   the keyring
 */
gboolean
osai_account_get_token_saved (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), FALSE);

  return self->token_saved;
}

/**
 * osai_account_get_keyring_error:
 *
 * Returns: (nullable): why the last restore could not read the keyring, or
 *   why the last sign-in could not keep the token there; %NULL otherwise
 */
const GError *
osai_account_get_keyring_error (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), NULL);

  return self->keyring_error;
}

/**
 * osai_account_get_simulator:
 *
 * Returns: (transfer none) (nullable): the demo server, while the demo runs
 */
OsaiSimServer *
osai_account_get_simulator (OsaiAccount *self)
{
  g_return_val_if_fail (OSAI_IS_ACCOUNT (self), NULL);

  return self->simulator;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
osai_account_dispose (GObject *object)
{
  OsaiAccount *self = OSAI_ACCOUNT (object);

  cancel_operation (self);
  stop_simulator (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (osai_account_parent_class)->dispose (object);
}

static void
osai_account_finalize (GObject *object)
{
  OsaiAccount *self = OSAI_ACCOUNT (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_error (&self->keyring_error);

  G_OBJECT_CLASS (osai_account_parent_class)->finalize (object);
}

static void
osai_account_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OsaiAccount *self = OSAI_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    case PROP_TOKEN_SAVED:
      g_value_set_boolean (value, self->token_saved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_account_class_init (OsaiAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = osai_account_dispose;
  object_class->finalize = osai_account_finalize;
  object_class->get_property = osai_account_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       OSAI_TYPE_ACCOUNT_STATE, OSAI_ACCOUNT_STATE_SIGNED_OUT, flags);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OSAI_TYPE_CLIENT, flags);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL, flags);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL, flags);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE, flags);
  properties[PROP_TOKEN_SAVED] =
    g_param_spec_boolean ("token-saved", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_account_init (OsaiAccount *self)
{
  self->state = OSAI_ACCOUNT_STATE_SIGNED_OUT;
}
