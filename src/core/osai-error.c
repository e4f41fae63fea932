/* osai-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-error"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "osai-error.h"

G_DEFINE_QUARK (osai-error-quark, osai_error)
G_DEFINE_QUARK (osai-history-error-quark, osai_history_error)

/**
 * osai_error_get_hint:
 * @error: a #GError
 *
 * Returns: (transfer none): a translated sentence telling a person what to do
 *   about @error, or %NULL when there is nothing to add to its message.
 */
const char *
osai_error_get_hint (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NO_SPACE:
          return _("Free some space on the disk, or choose another place to save the report.");
        case G_IO_ERROR_PERMISSION_DENIED:
        case G_IO_ERROR_READ_ONLY:
          return _("Choose a folder you are allowed to write to.");
        case G_IO_ERROR_NOT_FOUND:
          return _("Check that the folder still exists.");
        default:
          return NULL;
        }
    }

  if (error->domain == OSAI_HISTORY_ERROR)
    {
      switch ((OsaiHistoryError) error->code)
        {
        case OSAI_HISTORY_ERROR_CORRUPT:
          return _("The other reports in the history are unaffected. "
                   "The file that was set aside can be deleted once you no longer need it.");
        case OSAI_HISTORY_ERROR_WRITE:
          return _("Free some space on the disk and try again. "
                   "The reports already in the history are kept as they were.");
        case OSAI_HISTORY_ERROR_NOT_FOUND:
          return _("List the reports in the history to see their IDs.");
        case OSAI_HISTORY_ERROR_AMBIGUOUS:
          return _("Add the server to the ID, as in ID@host.");
        default:
          return NULL;
        }
    }

  if (error->domain != OSAI_ERROR)
    return NULL;

  switch ((OsaiError) error->code)
    {
    case OSAI_ERROR_INVALID_INPUT:
      return _("Correct the highlighted values and try again.");
    case OSAI_ERROR_INSECURE_URL:
      return _("Use an https:// address: only a server on this computer may use http://.");
    case OSAI_ERROR_INVALID_URL:
      return _("Enter the full server address, for example https://app-eu.onestepai.com/api.");
    case OSAI_ERROR_NETWORK:
      return _("Check your internet connection and the server address, then try again.");
    case OSAI_ERROR_TLS:
      return _("Check the server address; if it is right, the network may be "
               "intercepting the connection: contact your administrator.");
    case OSAI_ERROR_INVALID_TOKEN:
      return _("Create a new access token in the OneStep AI web app (Settings) and sign in with it.");
    case OSAI_ERROR_NOT_AUTHORIZED:
      return _("Sign out and sign in again with a valid access token.");
    case OSAI_ERROR_RATE_LIMITED:
      return _("Try again later.");
    case OSAI_ERROR_SERVER:
      return _("Try again in a few minutes.");
    case OSAI_ERROR_BAD_REQUEST:
      return _("Check the period you asked for and try again.");
    case OSAI_ERROR_NOT_FOUND:
      return _("Generate the report again.");
    case OSAI_ERROR_REDIRECTED:
      return _("Check the server address: the server sent this app elsewhere.");
    case OSAI_ERROR_PROTOCOL:
      return _("The server sent an answer this version does not understand. "
               "Check for an update, or try again later.");
    case OSAI_ERROR_REPORT_FAILED:
      return _("Try again, or pick a shorter period.");
    case OSAI_ERROR_UNKNOWN_STATUS:
      return _("Check for an update of this app.");
    case OSAI_ERROR_TIMED_OUT:
      return _("Try again later, or allow a longer wait.");
    case OSAI_ERROR_NO_DETAILED_REPORT:
      return _("Generate the report again.");
    case OSAI_ERROR_LINK_EXPIRED:
      return _("Generate the report again to get a new link.");
    case OSAI_ERROR_STORAGE:
      return _("Try again in a few minutes.");
    case OSAI_ERROR_TRUNCATED:
      return _("Check your connection and try again.");
    case OSAI_ERROR_WRITE:
      return _("Choose another place to save the report.");
    case OSAI_ERROR_FAILED:
    default:
      return NULL;
    }
}

/**
 * osai_error_describe:
 * @error: a #GError
 *
 * Returns: (transfer full): @error's message followed by its hint, one
 *   string for a toast, a banner or stderr.
 */
char *
osai_error_describe (const GError *error)
{
  const char *hint;

  g_return_val_if_fail (error != NULL, NULL);

  hint = osai_error_get_hint (error);
  if (hint == NULL)
    return g_strdup (error->message);

  return g_strdup_printf ("%s %s", error->message, hint);
}

/**
 * osai_error_network_reason:
 * @error: why a connection failed, from GIO or the resolver
 *
 * The reason part of "Could not connect to HOST: REASON". GIO's own
 * messages name the host again ("Could not connect to 127.0.0.1:
 * Connection refused"), so the common causes get a reason of their own.
 *
 * Returns: (transfer none): a translated reason, or @error's message
 */
const char *
osai_error_network_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return _("the server’s name was not found");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return _("nothing answers at that address and port");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return _("the network cannot reach it");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return _("it did not answer in time");

  return error->message;
}
