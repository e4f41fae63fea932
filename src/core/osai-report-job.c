/* osai-report-job.c — one report's whole life: create, poll, finish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sign in if needed, POST /Reports, check it right away, then poll
 * GET /Reports/{id} from a GLib timeout source every 2 s until the report is
 * done (status 0), failed (1), in a status we do not know, the deadline
 * passes or the job is cancelled.  A job runs once.
 */
#define G_LOG_DOMAIN "osai-report-job"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "osai-error.h"
#include "osai-report-job.h"

struct _OsaiReportJob
{
  GObject             parent_instance;

  OsaiClient         *client;
  OsaiReportRequest  *request;
  gint64              resume_id;    /* > 0: poll this report, never create one */

  OsaiReportJobState  state;
  OsaiReport         *report;
  GError             *error;

  guint               poll_interval_ms;
  guint               deadline_s;
  guint               poll_count;

  gint64              started_at;   /* monotonic µs, 0 before run */
  gint64              ended_at;

  GTask              *task;         /* while running */
  GCancellable       *cancellable;  /* cancels the request in flight */
  GCancellable       *caller_cancellable;
  gulong              caller_cancelled_id;
  /* In the run's main context, which need not be the global default. */
  GSource            *poll_source;
  GSource            *deadline_source;
  GSource            *tick_source;
};

G_DEFINE_FINAL_TYPE (OsaiReportJob, osai_report_job, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OsaiReportJobState, osai_report_job_state,
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_JOB_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_JOB_STATE_SIGNING_IN, "signing-in"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_JOB_STATE_CREATING, "creating"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_JOB_STATE_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_JOB_STATE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_JOB_STATE_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (OSAI_REPORT_JOB_STATE_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_REQUEST,
  PROP_STATE,
  PROP_RUNNING,
  PROP_REPORT,
  PROP_ERROR,
  PROP_ELAPSED,
  PROP_POLL_INTERVAL,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void poll_now (OsaiReportJob *self);

static void
set_state (OsaiReportJob      *self,
           OsaiReportJobState  state)
{
  gboolean was_running = osai_report_job_is_running (self);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_running != osai_report_job_is_running (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_report (OsaiReportJob *self,
            OsaiReport    *report)
{
  if (g_set_object (&self->report, report))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

static void
destroy_source (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

/* Attaches @source to the run's context, calling @func with the job. */
static GSource *
attach_source (OsaiReportJob *self,
               GSource       *source,
               GSourceFunc    func,
               const char    *name)
{
  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, g_task_get_context (self->task));
  return source;
}

static void
clear_sources (OsaiReportJob *self)
{
  g_clear_pointer (&self->poll_source, destroy_source);
  g_clear_pointer (&self->deadline_source, destroy_source);
  g_clear_pointer (&self->tick_source, destroy_source);

  if (self->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_cancelled_id);
      self->caller_cancelled_id = 0;
      g_clear_object (&self->caller_cancellable);
    }
}

/* Ends the run: @error NULL means the report is done. */
static void
finish (OsaiReportJob *self,
        GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) owned_error = error;

  g_return_if_fail (task != NULL);

  clear_sources (self);
  /* Whatever is still in flight is of no use now. */
  g_cancellable_cancel (self->cancellable);
  self->ended_at = g_get_monotonic_time ();

  g_object_freeze_notify (G_OBJECT (self));

  if (owned_error != NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (owned_error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      set_state (self, g_error_matches (owned_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? OSAI_REPORT_JOB_STATE_CANCELLED : OSAI_REPORT_JOB_STATE_FAILED);
    }
  else
    set_state (self, OSAI_REPORT_JOB_STATE_DONE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  g_object_thaw_notify (G_OBJECT (self));

  if (owned_error != NULL)
    g_task_return_error (task, g_steal_pointer (&owned_error));
  else
    g_task_return_pointer (task, g_object_ref (self->report), g_object_unref);
}

/* A callback is stale when the run ended (cancel, deadline) while its
 * request was in flight. */
static gboolean
is_stale (OsaiReportJob *self)
{
  return self->task == NULL;
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  OsaiReportJob *self = user_data;

  g_clear_pointer (&self->poll_source, g_source_unref);
  poll_now (self);
  return G_SOURCE_REMOVE;
}

static void
get_report_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OsaiReportJob) self = user_data;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  report = osai_client_get_report_finish (OSAI_CLIENT (object), result, &error);
  if (is_stale (self))
    return;

  if (report == NULL)
    {
      finish (self, g_steal_pointer (&error));
      return;
    }

  if (osai_report_get_id (report) !=
      (self->report != NULL ? osai_report_get_id (self->report) : self->resume_id))
    {
      finish (self, g_error_new (OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                                 _("The server answered with another report than the one asked for.")));
      return;
    }

  set_report (self, report);
  status = osai_report_get_status (report);

  switch (status)
    {
    case OSAI_REPORT_STATUS_IN_PROGRESS:
      self->poll_source = attach_source (self, g_timeout_source_new (self->poll_interval_ms),
                                         poll_timeout_cb, "[osai-report-job] poll");
      break;

    case OSAI_REPORT_STATUS_DONE:
      if (!osai_report_has_totals (report))
        finish (self, g_error_new (OSAI_ERROR, OSAI_ERROR_PROTOCOL,
                                   _("The finished report has no totals.")));
      else
        finish (self, NULL);
      break;

    case OSAI_REPORT_STATUS_FAILED:
      finish (self, g_error_new (OSAI_ERROR, OSAI_ERROR_REPORT_FAILED,
                                 _("OneStep AI could not generate report %" PRId64 "."),
                                 osai_report_get_id (report)));
      break;

    default:
      finish (self, g_error_new (OSAI_ERROR, OSAI_ERROR_UNKNOWN_STATUS,
                                 _("Report %" PRId64 " has an unknown status (%d)."),
                                 osai_report_get_id (report), status));
      break;
    }
}

static void
poll_now (OsaiReportJob *self)
{
  self->poll_count++;
  osai_client_get_report_async (self->client,
                                self->report != NULL ? osai_report_get_id (self->report)
                                                     : self->resume_id,
                                self->cancellable, get_report_cb, g_object_ref (self));
}

static void
create_report_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OsaiReportJob) self = user_data;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = osai_client_create_report_finish (OSAI_CLIENT (object), result, &error);
  if (is_stale (self))
    return;

  if (report == NULL)
    {
      finish (self, g_steal_pointer (&error));
      return;
    }

  set_report (self, report);
  set_state (self, OSAI_REPORT_JOB_STATE_WAITING);

  /* The first check right after creation; then every poll interval. */
  poll_now (self);
}

static void
create_report (OsaiReportJob *self)
{
  if (self->resume_id > 0)
    {
      /* Asked for by an earlier run: poll it, never ask twice. */
      set_state (self, OSAI_REPORT_JOB_STATE_WAITING);
      poll_now (self);
      return;
    }

  set_state (self, OSAI_REPORT_JOB_STATE_CREATING);
  osai_client_create_report_async (self->client, self->request, self->cancellable,
                                   create_report_cb, g_object_ref (self));
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OsaiReportJob) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = osai_client_sign_in_finish (OSAI_CLIENT (object), result, &error);
  if (is_stale (self))
    return;

  if (!ok)
    {
      finish (self, g_steal_pointer (&error));
      return;
    }

  create_report (self);
}

static gboolean
deadline_cb (gpointer user_data)
{
  OsaiReportJob *self = user_data;
  guint minutes = (self->deadline_s + 59) / 60;

  g_clear_pointer (&self->deadline_source, g_source_unref);
  finish (self, g_error_new (OSAI_ERROR, OSAI_ERROR_TIMED_OUT,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "The report was not ready after %u minute.",
                                          "The report was not ready after %u minutes.",
                                          minutes),
                             minutes));
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer user_data)
{
  OsaiReportJob *self = user_data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  return G_SOURCE_CONTINUE;
}

static void
caller_cancelled_cb (GCancellable  *cancellable,
                     OsaiReportJob *self)
{
  /* The caller's cancellable may fire from another thread: cancel ours,
   * which is thread-safe, and end the run from the main context. */
  g_cancellable_cancel (self->cancellable);
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  OsaiReportJob *self = user_data;

  if (self->task != NULL)
    finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The report was cancelled.")));
  return G_SOURCE_REMOVE;
}

static void
own_cancelled_cb (GCancellable  *cancellable,
                  OsaiReportJob *self)
{
  /* Not from inside the emission: finish() disconnects from the caller's
   * cancellable, which would deadlock there, and the emission may come from
   * another thread. */
  if (self->task != NULL)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_HIGH);
      g_source_set_callback (source, cancelled_idle_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[osai-report-job] cancelled");
      g_source_attach (source, g_task_get_context (self->task));
    }
}

/**
 * osai_report_job_run_async:
 * @self: a #OsaiReportJob
 * @cancellable: (nullable): cancels the job, like osai_report_job_cancel()
 * @callback: called when the report is done or the job failed
 * @user_data: data for @callback
 *
 * Runs the job once: sign in if needed, create the report and poll it.
 * Progress shows in the #OsaiReportJob:state, #OsaiReportJob:report and
 * #OsaiReportJob:elapsed properties.
 */
void
osai_report_job_run_async (OsaiReportJob       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OSAI_IS_REPORT_JOB (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_report_job_run_async);

  if (self->started_at != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "A report job runs only once");
      return;
    }

  self->started_at = g_get_monotonic_time ();
  self->task = g_steal_pointer (&task);

  if (!osai_report_request_validate (self->request, &error))
    {
      finish (self, g_steal_pointer (&error));
      return;
    }

  g_signal_connect (self->cancellable, "cancelled", G_CALLBACK (own_cancelled_cb), self);
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (caller_cancelled_cb),
                                                         self, NULL);
      if (self->task == NULL)
        return;
    }

  self->tick_source = attach_source (self, g_timeout_source_new (1000),
                                     tick_cb, "[osai-report-job] tick");
  if (self->deadline_s > 0)
    self->deadline_source = attach_source (self, g_timeout_source_new_seconds (self->deadline_s),
                                           deadline_cb, "[osai-report-job] deadline");

  if (!osai_client_is_signed_in (self->client))
    {
      set_state (self, OSAI_REPORT_JOB_STATE_SIGNING_IN);
      osai_client_sign_in_async (self->client, self->cancellable, sign_in_cb, g_object_ref (self));
    }
  else
    create_report (self);
}

/**
 * osai_report_job_run_finish:
 *
 * Returns: (transfer full): the finished report, with its totals
 */
OsaiReport *
osai_report_job_run_finish (OsaiReportJob  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * osai_report_job_cancel:
 * @self: a #OsaiReportJob
 *
 * Stops polling and cancels the request in flight.  The run ends at once
 * with %G_IO_ERROR_CANCELLED.
 */
void
osai_report_job_cancel (OsaiReportJob *self)
{
  g_return_if_fail (OSAI_IS_REPORT_JOB (self));

  g_cancellable_cancel (self->cancellable);
}

static void
osai_report_job_dispose (GObject *object)
{
  OsaiReportJob *self = OSAI_REPORT_JOB (object);

  /* A running job holds a reference on itself through its task. */
  g_assert (self->task == NULL);
  clear_sources (self);
  if (self->cancellable != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cancellable, self);
      g_cancellable_cancel (self->cancellable);
    }

  G_OBJECT_CLASS (osai_report_job_parent_class)->dispose (object);
}

static void
osai_report_job_finalize (GObject *object)
{
  OsaiReportJob *self = OSAI_REPORT_JOB (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->request);
  g_clear_object (&self->report);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (osai_report_job_parent_class)->finalize (object);
}

static void
osai_report_job_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OsaiReportJob *self = OSAI_REPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, osai_report_job_is_running (self));
      break;
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, osai_report_job_get_elapsed (self));
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_report_job_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OsaiReportJob *self = OSAI_REPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_REQUEST:
      self->request = g_value_dup_object (value);
      break;
    case PROP_POLL_INTERVAL:
      osai_report_job_set_poll_interval (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      osai_report_job_set_deadline (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_report_job_class_init (OsaiReportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = osai_report_job_dispose;
  object_class->finalize = osai_report_job_finalize;
  object_class->get_property = osai_report_job_get_property;
  object_class->set_property = osai_report_job_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OSAI_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, OSAI_TYPE_REPORT_REQUEST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       OSAI_TYPE_REPORT_JOB_STATE, OSAI_REPORT_JOB_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, OSAI_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, G_MAXUINT,
                       OSAI_REPORT_JOB_DEFAULT_POLL_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 0, G_MAXUINT,
                       OSAI_REPORT_JOB_DEFAULT_DEADLINE_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
osai_report_job_init (OsaiReportJob *self)
{
  self->poll_interval_ms = OSAI_REPORT_JOB_DEFAULT_POLL_INTERVAL_MS;
  self->deadline_s = OSAI_REPORT_JOB_DEFAULT_DEADLINE_S;
  self->cancellable = g_cancellable_new ();
}

OsaiReportJob *
osai_report_job_new (OsaiClient        *client,
                     OsaiReportRequest *request)
{
  g_return_val_if_fail (OSAI_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (request), NULL);

  return g_object_new (OSAI_TYPE_REPORT_JOB,
                       "client", client,
                       "request", request,
                       NULL);
}

/**
 * osai_report_job_new_resume:
 * @client: the client of the server the report was asked from
 * @request: what was asked for
 * @report_id: the ID the server gave the report then
 *
 * A job that polls a report an earlier run asked for (a pending entry of
 * the history) until it is done, exactly as osai_report_job_run_async()
 * polls a new one, without asking for it again.
 *
 * Returns: (transfer full): the job
 */
OsaiReportJob *
osai_report_job_new_resume (OsaiClient        *client,
                            OsaiReportRequest *request,
                            gint64             report_id)
{
  OsaiReportJob *self;

  g_return_val_if_fail (report_id > 0, NULL);

  self = osai_report_job_new (client, request);
  if (self != NULL)
    self->resume_id = report_id;

  return self;
}

OsaiClient *
osai_report_job_get_client (OsaiReportJob *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), NULL);

  return self->client;
}

OsaiReportRequest *
osai_report_job_get_request (OsaiReportJob *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), NULL);

  return self->request;
}

OsaiReportJobState
osai_report_job_get_state (OsaiReportJob *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), OSAI_REPORT_JOB_STATE_IDLE);

  return self->state;
}

gboolean
osai_report_job_is_running (OsaiReportJob *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), FALSE);

  return self->state == OSAI_REPORT_JOB_STATE_SIGNING_IN ||
         self->state == OSAI_REPORT_JOB_STATE_CREATING ||
         self->state == OSAI_REPORT_JOB_STATE_WAITING;
}

/**
 * osai_report_job_get_report:
 *
 * Returns: (transfer none) (nullable): the report as last seen, finished
 *   or not
 */
OsaiReport *
osai_report_job_get_report (OsaiReportJob *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), NULL);

  return self->report;
}

const GError *
osai_report_job_get_error (OsaiReportJob *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), NULL);

  return self->error;
}

/**
 * osai_report_job_get_elapsed:
 *
 * Returns: seconds since the run started, frozen when it ended
 */
double
osai_report_job_get_elapsed (OsaiReportJob *self)
{
  gint64 end;

  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), 0);

  if (self->started_at == 0)
    return 0;

  end = self->task != NULL ? g_get_monotonic_time () : self->ended_at;
  return (end - self->started_at) / (double) G_USEC_PER_SEC;
}

guint
osai_report_job_get_poll_count (OsaiReportJob *self)
{
  g_return_val_if_fail (OSAI_IS_REPORT_JOB (self), 0);

  return self->poll_count;
}

void
osai_report_job_set_poll_interval (OsaiReportJob *self,
                                   guint          interval_ms)
{
  g_return_if_fail (OSAI_IS_REPORT_JOB (self));
  g_return_if_fail (interval_ms > 0);

  if (self->poll_interval_ms == interval_ms)
    return;

  self->poll_interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

/**
 * osai_report_job_set_deadline:
 * @self: a #OsaiReportJob
 * @seconds: the longest the whole job may take, 0 for no limit
 *
 * Must be set before the job runs.
 */
void
osai_report_job_set_deadline (OsaiReportJob *self,
                              guint          seconds)
{
  g_return_if_fail (OSAI_IS_REPORT_JOB (self));

  if (self->deadline_s == seconds)
    return;

  self->deadline_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}
