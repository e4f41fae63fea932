/* osai-download.c — save a report's detailed JSON from its storage link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The link is a pre-signed S3 URL on another host: it never gets an
 * Authorization header.  The body is read in fixed chunks into an
 * #OsaiSafeFile, so memory stays flat whatever its size, and the user's
 * folder sees nothing until the file is complete: a kill at any instant
 * leaves the old file or the new one, and nothing else.
 *
 * The storage's 500 and 503 ("SlowDown"), and a body cut short, are tried
 * again with the client's backoff and Retry-After.  A body cut short goes
 * on where it broke off ("Range: bytes=N-", with "If-Range" and its ETag)
 * when the storage answers 206 for exactly that; any other answer starts
 * the file again from the first byte.
 *
 * libsoup 3.2 reports a body cut short as a clean end of stream, so the
 * bytes are counted against Content-Length, and a body without one must be
 * complete JSON.  The start of every body is checked too, so that an error
 * page served as 200 is never saved as the report.
 *
 * Once every announced byte has arrived, the rest — the last write, the
 * check that the file is still in its folder, the commit — runs without the
 * cancellable and without waiting for the end of the stream: a cancel that
 * comes that late cannot make a complete file count as cancelled.
 *
 * The user's file is never damaged: symbolic links are followed to the real
 * file, which is replaced by a rename (so a file with several hard links is
 * not written in place either).  On any failure the new contents are
 * discarded.
 */
#define G_LOG_DOMAIN "osai-download"

#include "config.h"

#include <errno.h>
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "osai-client-private.h"
#include "osai-download.h"
#include "osai-error.h"
#include "osai-json-check.h"
#include "osai-safe-file.h"
#include "osai-time.h"

#define CHUNK_SIZE       (1024 * 1024)
#define MAX_ERROR_BODY   (16 * 1024)
#define MAX_REDIRECTS    5
#define MAX_SYMLINKS     16
/* Refresh a link ahead of time when it expires this soon. */
#define EXPIRY_MARGIN_S  30

struct _OsaiDownload
{
  GObject            parent_instance;

  OsaiClient        *client;
  OsaiReport        *report;
  GFile             *destination;

  guint64            bytes_done;
  gint64             bytes_total;
  gboolean           refreshed;
  guint              n_storage_retries;
  guint              retry_source;
  char              *etag;            /* of the body being saved, if strong */
  guint64            resume_from;     /* bytes kept for a Range request; 0: all */

  /* While running */
  GTask             *task;
  GFile             *target;          /* the destination, symbolic links followed */
  guint              n_symlinks;
  char              *url;
  guint              n_redirects;
  SoupMessage       *msg;
  GInputStream      *input;
  OsaiSafeFile      *file;            /* the new contents, once the body starts */
  OsaiJsonCheck     *json_check;      /* the whole body, or only its first chunk */
  gboolean           check_whole_body;
  guint8            *buffer;
  gint64             last_notify;
};

G_DEFINE_FINAL_TYPE (OsaiDownload, osai_download, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_REPORT,
  PROP_DESTINATION,
  PROP_BYTES_DONE,
  PROP_BYTES_TOTAL,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fetch (OsaiDownload *self);
static void resolve_target (OsaiDownload *self);

static GCancellable *
task_cancellable (OsaiDownload *self)
{
  return g_task_get_cancellable (self->task);
}

static void
notify_progress (OsaiDownload *self,
                 gboolean      force)
{
  gint64 now = g_get_monotonic_time ();

  /* At most ~20 notifications a second: a 1 GiB file has 4096 chunks. */
  if (!force && now - self->last_notify < G_USEC_PER_SEC / 20)
    return;

  self->last_notify = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
reset_transfer (OsaiDownload *self)
{
  g_clear_object (&self->input);
  g_clear_object (&self->msg);
  g_clear_pointer (&self->json_check, osai_json_check_free);
}

static void
reset_run (OsaiDownload *self)
{
  reset_transfer (self);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->file != NULL)
    osai_safe_file_discard (self->file);
  g_clear_object (&self->file);
  g_clear_object (&self->target);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_pointer (&self->etag, g_free);
  self->resume_from = 0;
}

static void
succeed (OsaiDownload *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  reset_run (self);
  notify_progress (self, TRUE);
  g_task_return_boolean (task, TRUE);
}

/* Ends the run with @error, leaving the destination as it was before. */
static void
fail (OsaiDownload *self,
      GError       *error)
{
  g_assert (self->task != NULL);

  {
    /* The run's reference to the task ends here, as in succeed().  The new
     * contents go with the run: the destination is as it was. */
    g_autoptr(GTask) task = g_steal_pointer (&self->task);

    reset_run (self);
    g_task_return_error (task, error);
  }
}

static GError *
write_error (OsaiDownload *self,
             const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (self->destination);
  GError *result;

  /* Keep G_IO_ERROR codes such as NO_SPACE: their hints are precise. */
  result = g_error_new (error->domain, error->code,
                        _("Could not save the report as “%s”: %s"), name, error->message);
  if (error->domain != G_IO_ERROR ||
      (error->code != G_IO_ERROR_NO_SPACE &&
       error->code != G_IO_ERROR_PERMISSION_DENIED &&
       error->code != G_IO_ERROR_READ_ONLY &&
       error->code != G_IO_ERROR_NOT_FOUND &&
       error->code != G_IO_ERROR_CANCELLED))
    {
      result->domain = OSAI_ERROR;
      result->code = OSAI_ERROR_WRITE;
    }

  return result;
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A folder deleted meanwhile fails here: the file has nowhere to go. */
  if (!osai_safe_file_commit_finish (OSAI_SAFE_FILE (object), result, &error))
    {
      fail (self, write_error (self, error));
      return;
    }

  succeed (self);
}

static gboolean retry_storage_later (OsaiDownload *self);

/* A body cut short is tried again, like a busy storage, while the
 * policy allows. */
static void
fail_or_retry (OsaiDownload *self,
               GError       *error)
{
  /* What is in the file stays, if the storage can send the rest. */
  self->resume_from = 0;
  if (self->etag != NULL && self->bytes_total > 0 && !self->check_whole_body &&
      self->bytes_done > 0 && self->bytes_done < (guint64) self->bytes_total)
    self->resume_from = self->bytes_done;

  if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_TRUNCATED) && retry_storage_later (self))
    {
      g_debug ("Trying again: %s", error->message);
      g_error_free (error);
      return;
    }

  fail (self, error);
}

static void
finish_body (OsaiDownload *self)
{
  GError *error = NULL;

  if (self->bytes_total >= 0 && self->bytes_done != (guint64) self->bytes_total)
    {
      g_autofree char *done = g_format_size (self->bytes_done);
      g_autofree char *total = g_format_size (self->bytes_total);

      fail_or_retry (self, g_error_new (OSAI_ERROR, OSAI_ERROR_TRUNCATED,
                                        _("The detailed report is incomplete: %s of %s arrived."),
                                        done, total));
      return;
    }

  /* Still set when the whole body is checked, or when there was no body. */
  if (self->json_check != NULL && !osai_json_check_finish (self->json_check, &error))
    {
      fail_or_retry (self, error);
      return;
    }

  /* The body is complete and checked: commit, even if cancelled now. */
  osai_safe_file_commit_async (self->file, commit_cb, g_object_ref (self));
}

static void read_next (OsaiDownload *self);

/* TRUE once the body has all the bytes its Content-Length announced. */
static gboolean
all_announced (OsaiDownload *self,
               guint64       bytes)
{
  return self->bytes_total >= 0 && bytes == (guint64) self->bytes_total;
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(GError) error = NULL;
  gsize n_written = 0;
  gboolean complete;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &n_written, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, g_steal_pointer (&error));
      else
        fail (self, write_error (self, error));
      return;
    }

  /* Counted once written: bytes-done is what the file holds. */
  self->bytes_done += n_written;
  complete = all_announced (self, self->bytes_done);
  notify_progress (self, complete);

  /* Every announced byte is in the file: the end of the stream has nothing
   * more to say, and reading it would be one more step a cancel could stop. */
  if (complete)
    finish_body (self);
  else
    read_next (self);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n_read < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, g_steal_pointer (&error));
      else
        fail_or_retry (self, g_error_new (OSAI_ERROR, OSAI_ERROR_TRUNCATED,
                                          _("The connection broke during the download: %s"),
                                          error->message));
      return;
    }

  if (n_read == 0)
    {
      notify_progress (self, TRUE);
      finish_body (self);
      return;
    }

  if (self->json_check != NULL)
    {
      if (!osai_json_check_feed (self->json_check, self->buffer, n_read, &error))
        {
          fail (self, g_steal_pointer (&error));
          return;
        }

      /* With a Content-Length, the first chunk is enough to tell JSON from
       * an error page; the rest is only counted, at full speed. */
      if (!self->check_whole_body)
        g_clear_pointer (&self->json_check, osai_json_check_free);
    }

  /* The last bytes are written whatever happens: see finish_body (). */
  g_output_stream_write_all_async (osai_safe_file_get_stream (self->file), self->buffer, n_read,
                                   G_PRIORITY_DEFAULT,
                                   all_announced (self, self->bytes_done + n_read)
                                     ? NULL : task_cancellable (self),
                                   write_cb, g_object_ref (self));
}

static void
read_next (OsaiDownload *self)
{
  g_input_stream_read_async (self->input, self->buffer, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                             task_cancellable (self), read_cb, g_object_ref (self));
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(GError) error = NULL;

  self->file = osai_safe_file_new_finish (result, &error);
  if (self->file == NULL)
    {
      fail (self, write_error (self, error));
      return;
    }

  /* Opened without the cancellable, so that the file is always dropped
   * here rather than in a thread's result nobody reads. */
  if (g_cancellable_is_cancelled (task_cancellable (self)))
    {
      fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The download was cancelled.")));
      return;
    }

  self->buffer = g_malloc (CHUNK_SIZE);
  read_next (self);
}

/* The body starts: into a new file, or into the same one again. */
static void
start_body (OsaiDownload *self)
{
  g_autoptr(GError) error = NULL;

  if (self->file == NULL)
    {
      osai_safe_file_new_async (self->target, 0, NULL, opened_cb, g_object_ref (self));
      return;
    }

  if (!osai_safe_file_restart (self->file, &error))
    {
      fail (self, write_error (self, error));
      return;
    }

  read_next (self);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = osai_client_get_report_finish (OSAI_CLIENT (object), result, &error);
  if (report == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  if (g_set_object (&self->report, report))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);

  g_clear_pointer (&self->url, g_free);
  fetch (self);
}

/* Asks the API for a freshly signed link, once per download. */
static void
refresh (OsaiDownload *self)
{
  g_assert (!self->refreshed);

  g_debug ("Refreshing the storage link of report %" G_GINT64_FORMAT,
           osai_report_get_id (self->report));
  self->refreshed = TRUE;
  reset_transfer (self);
  osai_client_get_report_async (self->client, osai_report_get_id (self->report),
                                task_cancellable (self), refresh_cb, g_object_ref (self));
}

/* The text of element @name in an S3 XML error body, on one line and
 * short; %NULL when it has none.  The body is the server's: it is kept to
 * printable text and a bounded length before it reaches a message. */
static char *
storage_error_field (GBytes     *body,
                     const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *open_tag = g_strdup_printf ("<%s>", name);
  g_autofree char *close_tag = g_strdup_printf ("</%s>", name);
  g_autofree char *value = NULL;
  const char *start;
  const char *end;

  if (body == NULL)
    return NULL;

  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  start = strstr (text, open_tag);
  if (start == NULL)
    return NULL;
  start += strlen (open_tag);
  end = strstr (start, close_tag);
  if (end == NULL)
    return NULL;

  value = g_utf8_make_valid (start, MIN (end - start, 200));
  for (char *p = value; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      *p = ' ';
  g_strstrip (value);

  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

static gboolean
retry_wait_done_cb (gpointer user_data)
{
  OsaiDownload *self = user_data;

  self->retry_source = 0;
  if (g_cancellable_is_cancelled (task_cancellable (self)))
    {
      fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The download was cancelled.")));
      return G_SOURCE_REMOVE;
    }

  fetch (self);
  return G_SOURCE_REMOVE;
}

/* S3 asks for 500 and 503 ("SlowDown") to be repeated with backoff.  The
 * wait ends early on a cancel: the cancellable is a child source. */
static gboolean
retry_storage_later (OsaiDownload *self)
{
  const char *retry_after;
  guint retry_after_s = 0;
  guint delay_ms;
  g_autoptr(GSource) source = NULL;

  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (self->msg),
                                              "Retry-After");
  if (retry_after != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!osai_time_parse_retry_after (retry_after, now, &retry_after_s))
        retry_after_s = 0;
    }

  if (!_osai_client_retry_delay (self->client, self->n_storage_retries, retry_after_s, &delay_ms))
    return FALSE;

  self->n_storage_retries++;
  g_debug ("Storage busy: attempt %u in %u ms", self->n_storage_retries + 1, delay_ms);
  reset_transfer (self);

  source = g_timeout_source_new (delay_ms);
  if (task_cancellable (self) != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (task_cancellable (self));

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (source, cancelled);
    }
  g_source_set_static_name (source, "[osai-download] retry");
  g_source_set_callback (source, retry_wait_done_cb, g_object_ref (self), g_object_unref);
  self->retry_source = g_source_attach (source, NULL);

  return TRUE;
}

static void
error_body_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  guint status;

  body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);
  if (g_cancellable_is_cancelled (task_cancellable (self)))
    {
      fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The download was cancelled.")));
      return;
    }

  status = soup_message_get_status (self->msg);
  code = storage_error_field (body, "Code");
  message = storage_error_field (body, "Message");
  g_debug ("Storage answered %u %s", status, code ? code : "");

  /* An expired or otherwise refused link: one fresh link from the API. */
  if (status == SOUP_STATUS_FORBIDDEN && !self->refreshed)
    {
      refresh (self);
      return;
    }

  if ((status == SOUP_STATUS_INTERNAL_SERVER_ERROR ||
       status == SOUP_STATUS_SERVICE_UNAVAILABLE) &&
      retry_storage_later (self))
    return;

  /* A fresh link refused again: "expired" only when S3 says so. */
  if (status == SOUP_STATUS_FORBIDDEN && g_strcmp0 (code, "AccessDenied") == 0 &&
      message != NULL && strstr (message, "expired") != NULL)
    fail (self, g_error_new_literal (OSAI_ERROR, OSAI_ERROR_LINK_EXPIRED,
                                     _("The link to the detailed report has expired.")));
  else if (code != NULL && message != NULL && self->n_storage_retries > 0)
    fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_STORAGE,
                             _("The report storage refused the download %u times (HTTP %u, "
                               "%s: “%s”)."),
                             self->n_storage_retries + 1, status, code, message));
  else if (code != NULL && message != NULL)
    fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_STORAGE,
                             _("The report storage refused the download (HTTP %u, %s: “%s”)."),
                             status, code, message));
  else if (code != NULL)
    fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_STORAGE,
                             _("The report storage refused the download (HTTP %u, %s)."),
                             status, code));
  else
    fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_STORAGE,
                             _("The report storage refused the download (HTTP %u)."),
                             status));
}

/* Redirects are followed by hand, so that each target passes the same
 * checks as the link itself (no http:// to another computer). */
static void
follow_redirect (OsaiDownload *self)
{
  const char *location;
  g_autoptr(GUri) uri = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (self->msg),
                                           "Location");
  if (location != NULL)
    uri = g_uri_parse_relative (soup_message_get_uri (self->msg), location,
                                SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || self->n_redirects >= MAX_REDIRECTS)
    {
      fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_STORAGE,
                               _("The report storage sent the download elsewhere (HTTP %u)."),
                               soup_message_get_status (self->msg)));
      return;
    }

  self->n_redirects++;
  g_free (self->url);
  self->url = g_uri_to_string (uri);
  reset_transfer (self);
  fetch (self);
}

/* A 206 to a Range request: the rest of the same body, if it is exactly
 * that; else the whole body again, from the first byte. */
static void
resume_body (OsaiDownload *self)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (self->msg);
  goffset start = 0;
  goffset end = 0;
  goffset total = 0;

  if (self->file != NULL && self->buffer != NULL &&
      soup_message_headers_get_content_range (headers, &start, &end, &total) &&
      start >= 0 && (guint64) start == self->resume_from &&
      total == self->bytes_total && end == total - 1 &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) == (goffset) (total - start) &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      g_debug ("Resuming at byte %" G_GUINT64_FORMAT, self->resume_from);
      self->bytes_done = self->resume_from;
      self->resume_from = 0;
      notify_progress (self, TRUE);
      read_next (self);
      return;
    }

  g_debug ("The storage answered the Range with another range: starting again");
  self->resume_from = 0;
  g_clear_pointer (&self->etag, g_free);
  reset_transfer (self);
  fetch (self);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  self->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (self->input == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, g_steal_pointer (&error));
      else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
               soup_message_get_tls_peer_certificate_errors (self->msg) != 0)
        fail (self, g_error_new_literal (OSAI_ERROR, OSAI_ERROR_TLS,
                                         _("The connection to the report storage is not secure: "
                                           "its certificate is not trusted, so the connection "
                                           "was stopped.")));
      else if (error->domain == G_TLS_ERROR)
        fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_TLS,
                                 _("The connection to the report storage is not secure: %s"),
                                 error->message));
      else
        fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_NETWORK,
                                 _("Could not connect to the report storage: %s."),
                                 osai_error_network_reason (error)));
      return;
    }

  status = soup_message_get_status (self->msg);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      follow_redirect (self);
      return;
    }

  if (status == SOUP_STATUS_PARTIAL_CONTENT && self->resume_from > 0)
    {
      resume_body (self);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_input_stream_read_bytes_async (self->input, MAX_ERROR_BODY, G_PRIORITY_DEFAULT,
                                       task_cancellable (self), error_body_cb,
                                       g_object_ref (self));
      return;
    }

  headers = soup_message_get_response_headers (self->msg);
  self->json_check = osai_json_check_new ();
  /* A decoded (e.g. gzip) body does not have the announced length. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      self->bytes_total = soup_message_headers_get_content_length (headers);
      self->check_whole_body = FALSE;
    }
  else
    {
      self->bytes_total = -1;
      self->check_whole_body = TRUE;
    }
  self->bytes_done = 0;
  self->resume_from = 0;
  g_free (self->etag);
  self->etag = NULL;
  if (!self->check_whole_body)
    {
      const char *etag = soup_message_headers_get_one (headers, "ETag");

      /* If-Range takes only a strong validator. */
      if (etag != NULL && !g_str_has_prefix (etag, "W/"))
        self->etag = g_strdup (etag);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TOTAL]);
  notify_progress (self, TRUE);

  start_body (self);
}

static gboolean
link_expires_soon (OsaiReport *report)
{
  GDateTime *expires = osai_report_get_path_expires (report);
  g_autoptr(GDateTime) now = NULL;

  if (expires == NULL)
    return FALSE;

  now = g_date_time_new_now_utc ();
  return g_date_time_difference (expires, now) < EXPIRY_MARGIN_S * G_TIME_SPAN_SECOND;
}

static void
fetch (OsaiDownload *self)
{
  g_autoptr(GError) error = NULL;

  if (self->url == NULL)
    {
      const char *path = osai_report_get_path (self->report);

      /* A report kept without its link (the history keeps none: it would
       * have expired) asks the server for one, once. */
      if (path == NULL && !self->refreshed)
        {
          refresh (self);
          return;
        }

      if (path == NULL)
        {
          fail (self, g_error_new (OSAI_ERROR, OSAI_ERROR_NO_DETAILED_REPORT,
                                   _("Report %" PRId64 " has no detailed report to download."),
                                   osai_report_get_id (self->report)));
          return;
        }

      if (!self->refreshed && link_expires_soon (self->report))
        {
          refresh (self);
          return;
        }

      self->url = g_strdup (path);
      self->n_redirects = 0;
    }

  if (!osai_client_check_url (self->client, self->url, &error))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  self->msg = soup_message_new (SOUP_METHOD_GET, self->url);
  if (self->msg == NULL)
    {
      fail (self, g_error_new_literal (OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                                       _("The server sent a link that is not a web address.")));
      return;
    }

  soup_message_add_flags (self->msg, SOUP_MESSAGE_NO_REDIRECT);

  if (self->resume_from > 0)
    {
      SoupMessageHeaders *request = soup_message_get_request_headers (self->msg);

      soup_message_headers_set_range (request, (goffset) self->resume_from, -1);
      soup_message_headers_replace (request, "If-Range", self->etag);
    }

  /* Pre-signed: S3 refuses a second kind of authentication, and the OSAI
   * token never goes to another host.  Nothing here ever adds one. */
  g_assert (soup_message_headers_get_one (soup_message_get_request_headers (self->msg),
                                          "Authorization") == NULL);

  soup_session_send_async (osai_client_get_session (self->client), self->msg,
                           G_PRIORITY_DEFAULT, task_cancellable (self),
                           send_cb, g_object_ref (self));
}

static void
query_target_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OsaiDownload) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  if (info != NULL && g_file_info_get_is_symlink (info) &&
      g_file_info_get_symlink_target (info) != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->target);
      GFile *next;

      if (++self->n_symlinks > MAX_SYMLINKS || parent == NULL)
        {
          g_autofree char *name = g_file_get_parse_name (self->destination);

          fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                                   _("“%s” is a link that leads nowhere."), name));
          return;
        }

      /* Replace the file the link points to, and keep the link. */
      next = g_file_resolve_relative_path (parent, g_file_info_get_symlink_target (info));
      g_set_object (&self->target, next);
      g_object_unref (next);
      resolve_target (self);
      return;
    }

  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (self->destination);

      fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                               _("“%s” is a folder."), name));
      return;
    }

  fetch (self);
}

static void
resolve_target (OsaiDownload *self)
{
  g_file_query_info_async (self->target,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                           G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                           G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, G_PRIORITY_DEFAULT,
                           task_cancellable (self), query_target_cb, g_object_ref (self));
}

/**
 * osai_download_run_async:
 * @self: a #OsaiDownload
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is saved or the download failed
 * @user_data: data for @callback
 *
 * Downloads the detailed report to the destination.  Progress shows in
 * #OsaiDownload:bytes-done and #OsaiDownload:bytes-total.  On failure the
 * destination is as it was before.
 */
void
osai_download_run_async (OsaiDownload        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (OSAI_IS_DOWNLOAD (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (self->task != NULL)
    {
      g_task_report_new_error (self, callback, user_data, osai_download_run_async,
                               G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The download is already running");
      return;
    }

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, osai_download_run_async);
  /* The result tells what became of the file.  A cancel that comes once the
   * body is complete does not stop the commit (finish_body ()), so it must
   * not turn a saved file into G_IO_ERROR_CANCELLED; every failure before
   * that returns its own error, CANCELLED included. */
  g_task_set_check_cancellable (self->task, FALSE);
  self->refreshed = FALSE;
  self->n_storage_retries = 0;
  self->n_symlinks = 0;
  self->bytes_done = 0;
  self->bytes_total = -1;
  self->target = g_object_ref (self->destination);

  resolve_target (self);
}

gboolean
osai_download_run_finish (OsaiDownload  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
osai_download_finalize (GObject *object)
{
  OsaiDownload *self = OSAI_DOWNLOAD (object);

  g_assert (self->task == NULL);
  reset_run (self);
  g_clear_object (&self->client);
  g_clear_object (&self->report);
  g_clear_object (&self->destination);

  G_OBJECT_CLASS (osai_download_parent_class)->finalize (object);
}

static void
osai_download_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OsaiDownload *self = OSAI_DOWNLOAD (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_DESTINATION:
      g_value_set_object (value, self->destination);
      break;
    case PROP_BYTES_DONE:
      g_value_set_uint64 (value, self->bytes_done);
      break;
    case PROP_BYTES_TOTAL:
      g_value_set_int64 (value, self->bytes_total);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, osai_download_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_download_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OsaiDownload *self = OSAI_DOWNLOAD (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_DESTINATION:
      self->destination = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_download_class_init (OsaiDownloadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = osai_download_finalize;
  object_class->get_property = osai_download_get_property;
  object_class->set_property = osai_download_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OSAI_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, OSAI_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESTINATION] =
    g_param_spec_object ("destination", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BYTES_DONE] =
    g_param_spec_uint64 ("bytes-done", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BYTES_TOTAL] =
    g_param_spec_int64 ("bytes-total", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_download_init (OsaiDownload *self)
{
  self->bytes_total = -1;
}

/**
 * osai_download_new:
 * @client: the #OsaiClient whose session downloads, and which refreshes an
 *   expired link
 * @report: a finished #OsaiReport, with its link or without (a report kept
 *   in the history): then the server is asked for a fresh one
 * @destination: where to save the detailed report
 *
 * Returns: (transfer full): a new #OsaiDownload
 */
OsaiDownload *
osai_download_new (OsaiClient *client,
                   OsaiReport *report,
                   GFile      *destination)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OSAI_IS_REPORT (report), NULL);
  g_return_val_if_fail (G_IS_FILE (destination), NULL);

  return g_object_new (OSAI_TYPE_DOWNLOAD,
                       "client", client,
                       "report", report,
                       "destination", destination,
                       NULL);
}

/**
 * osai_download_get_report:
 *
 * Returns: (transfer none): the report, refreshed if its link had expired
 */
OsaiReport *
osai_download_get_report (OsaiDownload *self)
{
  g_return_val_if_fail (OSAI_IS_DOWNLOAD (self), NULL);

  return self->report;
}

GFile *
osai_download_get_destination (OsaiDownload *self)
{
  g_return_val_if_fail (OSAI_IS_DOWNLOAD (self), NULL);

  return self->destination;
}

/**
 * osai_download_get_bytes_done:
 *
 * Returns: the bytes written to the file so far
 */
guint64
osai_download_get_bytes_done (OsaiDownload *self)
{
  g_return_val_if_fail (OSAI_IS_DOWNLOAD (self), 0);

  return self->bytes_done;
}

/**
 * osai_download_get_bytes_total:
 *
 * Returns: the announced size, or -1 when the storage did not say
 */
gint64
osai_download_get_bytes_total (OsaiDownload *self)
{
  g_return_val_if_fail (OSAI_IS_DOWNLOAD (self), -1);

  return self->bytes_total;
}

/**
 * osai_download_get_fraction:
 *
 * Returns: the part done, 0 to 1, or 0 while the size is unknown
 */
double
osai_download_get_fraction (OsaiDownload *self)
{
  g_return_val_if_fail (OSAI_IS_DOWNLOAD (self), 0);

  if (self->bytes_total <= 0)
    return 0;

  return MIN (1.0, (double) self->bytes_done / (double) self->bytes_total);
}

gboolean
osai_download_get_refreshed (OsaiDownload *self)
{
  g_return_val_if_fail (OSAI_IS_DOWNLOAD (self), FALSE);

  return self->refreshed;
}
