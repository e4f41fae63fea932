/* osai-reports-cli.c — OneStep AI usage reports for scripts and cron
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin driver over the core: OsaiClient signs in, OsaiReportJob creates
 * and polls the report, OsaiUsageModel turns its totals into rows and
 * OsaiDownload saves the detailed report.  Nothing here speaks HTTP or
 * parses JSON.
 */
#define G_LOG_DOMAIN "osai-reports-cli"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <glib/gstdio.h>

#include "osai-client.h"
#include "osai-comparison.h"
#include "osai-download.h"
#include "osai-error.h"
#include "osai-history.h"
#include "osai-json-write.h"
#include "osai-metric.h"
#include "osai-report-job.h"
#include "osai-time.h"
#include "osai-usage-model.h"

#define PROGRAM_NAME         "osai-reports-cli"
#define TOKEN_ENV            "OSAI_ACCESS_TOKEN"
/* An access token is a short line; anything longer is not a token file. */
#define MAX_TOKEN_FILE_SIZE  (64 * 1024)

typedef enum
{
  CLI_EXIT_SUCCESS   = 0,
  CLI_EXIT_FAILURE   = 1,
  CLI_EXIT_USAGE     = 2,
  CLI_EXIT_AUTH      = 3,
  CLI_EXIT_NETWORK   = 4,
  CLI_EXIT_REPORT    = 5,
  CLI_EXIT_DOWNLOAD  = 6,
  CLI_EXIT_CANCELLED = 130,
} CliExit;

typedef enum
{
  CLI_FORMAT_TABLE,
  CLI_FORMAT_CSV,
  CLI_FORMAT_JSON,
} CliFormat;

typedef struct
{
  /* Options */
  char           *region;
  char           *server;
  gboolean        allow_insecure;
  char           *token_file;
  char           *from;
  char           *to;
  gboolean        no_datasets;
  gboolean        no_manipulations;
  gboolean        no_models;
  gboolean        no_rented_devices;
  gboolean        no_predictions;
  char           *output;
  char           *format_name;
  int             deadline_s;
  int             poll_interval_ms;
  gboolean        quiet;
  gboolean        version;
  gboolean        no_history;
  gboolean        list_history;
  char           *show_id;
  char           *compare_id;
  char           *compare_second;

  /* Run */
  CliFormat       format;
  GMainLoop      *loop;
  GCancellable   *cancellable;
  OsaiClient     *client;
  OsaiReportJob  *job;
  OsaiDownload   *download;
  CliExit         exit_code;
  gboolean        show_progress;
  guint           progress_width;
  guint           sigint_id;
  guint           sigterm_id;
  OsaiHistory    *history;
  OsaiHistoryEntry *pending;
  gboolean        history_failed;
} Cli;

static void
cli_clear (Cli *cli)
{
  g_clear_handle_id (&cli->sigint_id, g_source_remove);
  g_clear_handle_id (&cli->sigterm_id, g_source_remove);
  g_clear_object (&cli->download);
  g_clear_object (&cli->pending);
  g_clear_object (&cli->history);
  g_clear_object (&cli->job);
  g_clear_object (&cli->client);
  g_clear_object (&cli->cancellable);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_pointer (&cli->region, g_free);
  g_clear_pointer (&cli->server, g_free);
  g_clear_pointer (&cli->token_file, g_free);
  g_clear_pointer (&cli->from, g_free);
  g_clear_pointer (&cli->to, g_free);
  g_clear_pointer (&cli->output, g_free);
  g_clear_pointer (&cli->format_name, g_free);
  g_clear_pointer (&cli->show_id, g_free);
  g_clear_pointer (&cli->compare_id, g_free);
  g_clear_pointer (&cli->compare_second, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

/* Overwrites a secret before its memory goes back to the allocator. */
static void
wipe_string (char *secret)
{
  volatile char *p = (volatile char *) secret;

  if (secret == NULL)
    return;

  while (*p != '\0')
    *p++ = '\0';
}

static void
secret_free (char *secret)
{
  wipe_string (secret);
  g_free (secret);
}

typedef char CliSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliSecret, secret_free)

/* ---- Errors and exit codes ------------------------------------------------------------------ */

static CliExit
exit_code_for_error (const GError *error,
                     gboolean      downloading)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CLI_EXIT_CANCELLED;

  if (error->domain == G_IO_ERROR)
    return downloading ? CLI_EXIT_DOWNLOAD : CLI_EXIT_FAILURE;

  if (error->domain != OSAI_ERROR)
    return CLI_EXIT_FAILURE;

  switch ((OsaiError) error->code)
    {
    case OSAI_ERROR_INVALID_INPUT:
    case OSAI_ERROR_INSECURE_URL:
    case OSAI_ERROR_INVALID_URL:
      return CLI_EXIT_USAGE;

    case OSAI_ERROR_INVALID_TOKEN:
    case OSAI_ERROR_NOT_AUTHORIZED:
      return CLI_EXIT_AUTH;

    case OSAI_ERROR_NETWORK:
    case OSAI_ERROR_TLS:
    case OSAI_ERROR_SERVER:
    case OSAI_ERROR_RATE_LIMITED:
    case OSAI_ERROR_PROTOCOL:
    case OSAI_ERROR_REDIRECTED:
    case OSAI_ERROR_BAD_REQUEST:
    case OSAI_ERROR_NOT_FOUND:
      return CLI_EXIT_NETWORK;

    case OSAI_ERROR_REPORT_FAILED:
    case OSAI_ERROR_UNKNOWN_STATUS:
    case OSAI_ERROR_TIMED_OUT:
      return CLI_EXIT_REPORT;

    case OSAI_ERROR_LINK_EXPIRED:
    case OSAI_ERROR_STORAGE:
    case OSAI_ERROR_TRUNCATED:
    case OSAI_ERROR_WRITE:
    case OSAI_ERROR_NO_DETAILED_REPORT:
      return CLI_EXIT_DOWNLOAD;

    case OSAI_ERROR_FAILED:
    default:
      return CLI_EXIT_FAILURE;
    }
}

static void
print_usage_error (const char *message)
{
  g_printerr ("%s: %s\n", PROGRAM_NAME, message);
  g_printerr (_("Try “%s --help” for more information.\n"), PROGRAM_NAME);
}

/* ---- Progress on a terminal ----------------------------------------------------------------- */

static void
progress_clear (Cli *cli)
{
  if (cli->progress_width == 0)
    return;

  fprintf (stderr, "\r%*s\r", (int) cli->progress_width, "");
  fflush (stderr);
  cli->progress_width = 0;
}

static void
progress_show (Cli        *cli,
               const char *text)
{
  guint width;

  if (!cli->show_progress)
    return;

  width = (guint) g_utf8_strlen (text, -1);
  /* Pad over what the previous, longer line left behind. */
  fprintf (stderr, "\r%s%*s", text,
           (int) (cli->progress_width > width ? cli->progress_width - width : 0), "");
  fflush (stderr);
  cli->progress_width = MAX (cli->progress_width, width);
}

static void
job_progress_cb (OsaiReportJob *job,
                 GParamSpec    *pspec,
                 Cli           *cli)
{
  g_autofree char *text = NULL;
  OsaiReport *report;

  switch (osai_report_job_get_state (job))
    {
    case OSAI_REPORT_JOB_STATE_SIGNING_IN:
      text = g_strdup (_("Signing in…"));
      break;

    case OSAI_REPORT_JOB_STATE_CREATING:
      text = g_strdup (_("Requesting the report…"));
      break;

    case OSAI_REPORT_JOB_STATE_WAITING:
      report = osai_report_job_get_report (job);
      text = g_strdup_printf (_("Waiting for report %" PRId64 "… %u s"),
                              report != NULL ? osai_report_get_id (report) : 0,
                              (guint) osai_report_job_get_elapsed (job));
      break;

    case OSAI_REPORT_JOB_STATE_IDLE:
    case OSAI_REPORT_JOB_STATE_DONE:
    case OSAI_REPORT_JOB_STATE_FAILED:
    case OSAI_REPORT_JOB_STATE_CANCELLED:
    default:
      return;
    }

  progress_show (cli, text);
}

static void
download_progress_cb (OsaiDownload *download,
                      GParamSpec   *pspec,
                      Cli          *cli)
{
  g_autofree char *done = g_format_size (osai_download_get_bytes_done (download));
  g_autofree char *text = NULL;
  gint64 total = osai_download_get_bytes_total (download);

  if (total > 0)
    {
      g_autofree char *total_text = g_format_size (total);

      /* TRANSLATORS: "Downloading… 45 % (12.3 MB of 27.0 MB)" */
      text = g_strdup_printf (_("Downloading… %u %% (%s of %s)"),
                              (guint) floor (osai_download_get_fraction (download) * 100.0),
                              done, total_text);
    }
  else
    {
      text = g_strdup_printf (_("Downloading… %s"), done);
    }

  progress_show (cli, text);
}

/* ---- Totals on stdout ----------------------------------------------------------------------- */

/* "1234567.25" with one decimal (none for counts) and "," between
 * thousands, the same in every locale so that scripts can rely on it. */
static char *
format_value (double   value,
              gboolean whole)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE * 2];
  GString *out = g_string_new (NULL);
  const char *digits;
  const char *point;
  gsize n_int;

  if (!isfinite (value))
    {
      g_string_append (out, "—");
      return g_string_free (out, FALSE);
    }

  g_ascii_formatd (buf, sizeof buf, whole ? "%.0f" : "%.1f", value);
  digits = buf;
  if (*digits == '-')
    {
      g_string_append_c (out, '-');
      digits++;
    }

  point = strchr (digits, '.');
  n_int = point != NULL ? (gsize) (point - digits) : strlen (digits);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    g_string_append (out, point);

  return g_string_free (out, FALSE);
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width,
               gboolean    right)
{
  guint len = (guint) g_utf8_strlen (text, -1);
  guint pad = width > len ? width - len : 0;

  if (right)
    {
      for (guint i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
      g_string_append (out, text);
    }
  else
    {
      g_string_append (out, text);
      for (guint i = 0; i < pad; i++)
        g_string_append_c (out, ' ');
    }
}

typedef struct
{
  OsaiCategory  category;
  const char   *label;
  char         *value;
  char         *share;
} TableRow;

static void
table_row_clear (TableRow *row)
{
  g_free (row->value);
  g_free (row->share);
}

static char *
format_table (OsaiUsageModel *model)
{
  OsaiReport *report = osai_usage_model_get_report (model);
  OsaiIncludeFlags include = osai_report_get_include (report);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TableRow));
  g_autofree char *from = osai_time_format_iso8601 (osai_report_get_period_from (report));
  g_autofree char *to = osai_time_format_iso8601 (osai_report_get_period_to (report));
  const char *metric_header = _("Metric");
  const char *value_header = _("Value");
  /* Translators: a column title, the noun: the part of its category a total makes up. */
  const char *share_header = _("Share");
  guint label_width = g_utf8_strlen (metric_header, -1);
  guint value_width = g_utf8_strlen (value_header, -1);
  guint share_width = g_utf8_strlen (share_header, -1);
  GString *out = g_string_new (NULL);

  g_array_set_clear_func (rows, (GDestroyNotify) table_row_clear);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(OsaiUsageItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      const OsaiMetricInfo *info = osai_metric_get_info (osai_usage_item_get_metric (item));
      g_autofree char *number = NULL;
      char share[G_ASCII_DTOSTR_BUF_SIZE];
      TableRow row;

      /* What was not asked for is not shown as a zero. */
      if (include != OSAI_INCLUDE_NONE && (include & info->include) == 0)
        continue;

      number = format_value (osai_usage_item_get_value (item),
                             g_strcmp0 (osai_usage_item_get_unit (item), "count") == 0);
      g_ascii_formatd (share, sizeof share, "%.1f", osai_usage_item_get_share (item) * 100.0);

      row.category = osai_usage_item_get_category (item);
      row.label = osai_usage_item_get_label (item);
      if (g_strcmp0 (osai_usage_item_get_human_unit (item), "images") == 0)
        {
          double count = osai_usage_item_get_value (item);

          /* Translators: a number of images, "20,356 images". */
          row.value = g_strdup_printf (ngettext ("%s image", "%s images",
                                                 count >= 0.0 && count < (double) G_MAXULONG
                                                   ? (gulong) count : G_MAXULONG),
                                       number);
        }
      else
        row.value = g_strdup_printf ("%s %s", number, osai_usage_item_get_human_unit (item));
      row.share = g_strdup_printf ("%s %%", share);

      /* Rows are indented by two under their category. */
      label_width = MAX (label_width, g_utf8_strlen (row.label, -1) + 2);
      label_width = MAX (label_width, g_utf8_strlen (osai_category_get_label (row.category), -1));
      value_width = MAX (value_width, g_utf8_strlen (row.value, -1));
      share_width = MAX (share_width, g_utf8_strlen (row.share, -1));

      g_array_append_val (rows, row);
    }

  g_string_append_printf (out, _("Report %" PRId64 ", from %s to %s"),
                          osai_report_get_id (report), from, to);
  g_string_append (out, "\n\n");

  append_padded (out, metric_header, label_width, FALSE);
  g_string_append (out, "  ");
  append_padded (out, value_header, value_width, TRUE);
  g_string_append (out, "  ");
  append_padded (out, share_header, share_width, TRUE);
  g_string_append_c (out, '\n');

  for (guint category = 0; category < OSAI_N_CATEGORIES; category++)
    {
      gboolean heading_done = FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          const TableRow *row = &g_array_index (rows, TableRow, i);
          g_autofree char *label = NULL;

          if (row->category != category)
            continue;

          if (!heading_done)
            {
              g_string_append (out, osai_category_get_label (category));
              g_string_append_c (out, '\n');
              heading_done = TRUE;
            }

          label = g_strconcat ("  ", row->label, NULL);
          append_padded (out, label, label_width, FALSE);
          g_string_append (out, "  ");
          append_padded (out, row->value, value_width, TRUE);
          g_string_append (out, "  ");
          append_padded (out, row->share, share_width, TRUE);
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
print_totals (Cli         *cli,
              OsaiReport  *report,
              GError     **error)
{
  g_autoptr(OsaiUsageModel) model = osai_usage_model_new (report);
  g_autofree char *text = NULL;

  switch (cli->format)
    {
    case CLI_FORMAT_CSV:
      text = osai_usage_model_to_csv (model);
      break;

    case CLI_FORMAT_JSON:
      {
        g_autoptr(JsonNode) node = osai_usage_model_to_json (model);
        g_autofree char *json = osai_json_to_string (node, TRUE);

        text = g_strconcat (json, "\n", NULL);
      }
      break;

    case CLI_FORMAT_TABLE:
    default:
      text = format_table (model);
      break;
    }

  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the totals: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* ---- The history ---------------------------------------------------------------------------- */

/* The same store as the app's ($XDG_DATA_HOME/APP_ID/history): one file
 * per report, so this process and a running app never lose each other's
 * entries. */

static void
history_warn (Cli          *cli,
              const GError *error)
{
  g_autofree char *description = osai_error_describe (error);

  progress_clear (cli);
  /* Translators: a warning on stderr: the program's name, then what went wrong. */
  g_printerr (_("%s: warning: %s\n"), PROGRAM_NAME, description);
}

static void
history_give_up (Cli          *cli,
                 const GError *error)
{
  /* Once is enough: the report itself goes on. */
  if (!cli->history_failed)
    history_warn (cli, error);
  cli->history_failed = TRUE;
}

static OsaiHistory *
history_get (Cli *cli)
{
  if (cli->history == NULL)
    cli->history = osai_history_new (NULL);

  return cli->history;
}

/* As soon as the server gave the report an ID, it is kept as pending: a
 * run that stops now (Ctrl+C, a deadline, the network) leaves it for the
 * app to resume rather than to ask for again. */
static void
job_state_cb (OsaiReportJob *job,
              GParamSpec    *pspec,
              Cli           *cli)
{
  g_autoptr(GError) error = NULL;
  OsaiReport *report;

  if (cli->pending != NULL || cli->history_failed ||
      osai_report_job_get_state (job) != OSAI_REPORT_JOB_STATE_WAITING)
    return;

  report = osai_report_job_get_report (job);
  if (report == NULL)
    return;

  cli->pending = osai_history_add_pending (history_get (cli),
                                           osai_client_get_base_url (cli->client), NULL,
                                           osai_report_get_id (report),
                                           osai_report_job_get_request (job), &error);
  if (cli->pending == NULL)
    history_give_up (cli, error);
}

/* Keeps @report, done or failed, replacing its pending entry. */
static void
history_record (Cli        *cli,
                OsaiReport *report)
{
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->no_history || cli->history_failed)
    return;

  if (cli->pending != NULL &&
      osai_history_entry_get_report_id (cli->pending) == osai_report_get_id (report))
    entry = osai_history_complete_pending (history_get (cli), cli->pending, report, &error);
  else
    {
      entry = osai_history_entry_new_finished (osai_client_get_base_url (cli->client), NULL,
                                               osai_report_job_get_request (cli->job), report,
                                               NULL, &error);
      if (entry != NULL && !osai_history_add (history_get (cli), entry, &error))
        g_clear_object (&entry);
    }

  if (entry == NULL)
    history_give_up (cli, error);
}

/* Loads the whole history; damaged entries are set aside and said so. */
static OsaiHistory *
history_load (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  OsaiHistory *history = history_get (cli);
  GPtrArray *problems;

  if (!osai_history_load (history, NULL, &error))
    {
      g_autofree char *description = osai_error_describe (error);

      g_printerr ("%s: %s\n", PROGRAM_NAME, description);
      return NULL;
    }

  problems = osai_history_get_problems (history);
  for (guint i = 0; i < problems->len; i++)
    history_warn (cli, g_ptr_array_index (problems, i));

  return history;
}

static gboolean
history_write (const char  *text,
               GError     **error)
{
  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the totals: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static CliExit
history_write_or_fail (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!history_write (text, &error))
    {
      g_printerr ("%s: %s\n", PROGRAM_NAME, error->message);
      return CLI_EXIT_FAILURE;
    }

  return CLI_EXIT_SUCCESS;
}

/* The report ID when no other entry has it, else "ID@host". */
static char *
history_entry_id (OsaiHistory      *history,
                  OsaiHistoryEntry *entry)
{
  gint64 id = osai_history_entry_get_report_id (entry);

  if (osai_history_is_id_unique (history, id))
    return g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return g_strdup (osai_history_entry_get_key (entry));
}

static const char *
history_state_nick (OsaiHistoryEntry *entry)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (OSAI_TYPE_HISTORY_STATE);
  GEnumValue *value = g_enum_get_value (enum_class, osai_history_entry_get_state (entry));

  return value != NULL ? value->value_nick : "";
}

static const char *
history_headline_unit (OsaiHistoryEntry *entry)
{
  return osai_history_entry_get_headline_category (entry) == OSAI_CATEGORY_STORAGE ? "MB·h" : "h";
}

static char *
history_list_csv (OsaiHistory *history)
{
  GString *csv = g_string_new ("id,key,created,period_from,period_to,server,account,state,"
                               "headline_value,headline_unit\r\n");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autofree char *id = history_entry_id (history, entry);
      g_autofree char *created = osai_time_format_iso8601 (osai_history_entry_get_created (entry));
      g_autofree char *from = osai_time_format_iso8601 (osai_history_entry_get_period_from (entry));
      g_autofree char *to = osai_time_format_iso8601 (osai_history_entry_get_period_to (entry));
      char value[G_ASCII_DTOSTR_BUF_SIZE];
      const char *fields[10];

      g_ascii_formatd (value, sizeof value, "%.3f", osai_history_entry_get_headline_value (entry));
      fields[0] = id;
      fields[1] = osai_history_entry_get_key (entry);
      fields[2] = created;
      fields[3] = from;
      fields[4] = to;
      fields[5] = osai_history_entry_get_server (entry);
      fields[6] = osai_history_entry_get_account (entry);
      fields[7] = history_state_nick (entry);
      fields[8] = osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_DONE ? value : "";
      fields[9] = osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_DONE
                  ? history_headline_unit (entry) : "";

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          g_autofree char *quoted = osai_csv_quote (fields[j]);

          if (j > 0)
            g_string_append_c (csv, ',');
          g_string_append (csv, quoted);
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

static char *
history_list_json (OsaiHistory *history)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_autofree char *json = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autofree char *id = history_entry_id (history, entry);
      g_autofree char *created = osai_time_format_iso8601 (osai_history_entry_get_created (entry));
      g_autofree char *from = osai_time_format_iso8601 (osai_history_entry_get_period_from (entry));
      g_autofree char *to = osai_time_format_iso8601 (osai_history_entry_get_period_to (entry));
      gboolean done = osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_DONE;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, osai_history_entry_get_key (entry));
      json_builder_set_member_name (builder, "reportId");
      json_builder_add_int_value (builder, osai_history_entry_get_report_id (entry));
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, created);
      json_builder_set_member_name (builder, "periodFrom");
      json_builder_add_string_value (builder, from);
      json_builder_set_member_name (builder, "periodTo");
      json_builder_add_string_value (builder, to);
      json_builder_set_member_name (builder, "server");
      json_builder_add_string_value (builder, osai_history_entry_get_server (entry));
      json_builder_set_member_name (builder, "account");
      if (osai_history_entry_get_account (entry) != NULL)
        json_builder_add_string_value (builder, osai_history_entry_get_account (entry));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, history_state_nick (entry));
      json_builder_set_member_name (builder, "headline");
      if (done)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "value");
          json_builder_add_double_value (builder, osai_history_entry_get_headline_value (entry));
          json_builder_set_member_name (builder, "unit");
          json_builder_add_string_value (builder, history_headline_unit (entry));
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json = osai_json_to_string (root, TRUE);
  return g_strconcat (json, "\n", NULL);
}

static void
history_table_row (GString     *out,
                   const char **cells,
                   const guint *widths,
                   guint        n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append (out, "  ");
      if (i + 1 < n_cells)
        append_padded (out, cells[i], widths[i], FALSE);
      else
        g_string_append (out, cells[i]);
    }
  g_string_append_c (out, '\n');
}

static char *
history_list_table (OsaiHistory *history)
{
  enum { ID, CREATED, PERIOD, SERVER, HEADLINE, N_COLUMNS };
  const char *headers[N_COLUMNS] = {
    _("ID"),
    /* Translators: a column title: when a report was asked for. */
    _("Created"),
    _("Period"),
    _("Server"),
    /* Translators: a column title: the main total of each report. */
    _("Summary"),
  };
  guint widths[N_COLUMNS];
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GString *out = g_string_new (NULL);

  if (n == 0)
    {
      g_string_append_printf (out, "%s\n", _("No reports are kept on this computer yet."));
      return g_string_free (out, FALSE);
    }

  for (guint j = 0; j < N_COLUMNS; j++)
    widths[j] = (guint) g_utf8_strlen (headers[j], -1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), i);
      char **cells = g_new0 (char *, N_COLUMNS + 1);

      cells[ID] = history_entry_id (history, entry);
      cells[CREATED] = g_date_time_format (osai_history_entry_get_created (entry),
                                           "%Y-%m-%d %H:%M UTC");
      cells[PERIOD] = g_strdup (osai_history_entry_get_period_text (entry));
      cells[SERVER] = g_strdup (osai_history_entry_get_host (entry));
      cells[HEADLINE] = g_strdup (osai_history_entry_get_headline (entry));
      for (guint j = 0; j < N_COLUMNS; j++)
        widths[j] = MAX (widths[j], (guint) g_utf8_strlen (cells[j], -1));
      g_ptr_array_add (rows, cells);
    }

  history_table_row (out, headers, widths, N_COLUMNS);
  for (guint i = 0; i < rows->len; i++)
    history_table_row (out, (const char **) g_ptr_array_index (rows, i), widths, N_COLUMNS);

  return g_string_free (out, FALSE);
}

static CliExit
history_list (Cli *cli)
{
  OsaiHistory *history = history_load (cli);
  g_autofree char *text = NULL;

  if (history == NULL)
    return CLI_EXIT_FAILURE;

  switch (cli->format)
    {
    case CLI_FORMAT_CSV:
      text = history_list_csv (history);
      break;
    case CLI_FORMAT_JSON:
      text = history_list_json (history);
      break;
    case CLI_FORMAT_TABLE:
    default:
      text = history_list_table (history);
      break;
    }

  return history_write_or_fail (text);
}

/* The entry named @id, done; otherwise says why not and sets @exit_code. */
static OsaiHistoryEntry *
history_find_done (OsaiHistory *history,
                   const char  *id,
                   CliExit     *exit_code)
{
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry = osai_history_find (history, id, &error);

  if (entry == NULL)
    {
      g_autofree char *description = osai_error_describe (error);

      print_usage_error (description);
      *exit_code = CLI_EXIT_USAGE;
      return NULL;
    }

  switch (osai_history_entry_get_state (entry))
    {
    case OSAI_HISTORY_STATE_DONE:
      return entry;

    case OSAI_HISTORY_STATE_PENDING:
      g_printerr ("%s: ", PROGRAM_NAME);
      g_printerr (_("Report %s was still being generated when it was last seen; "
                    "the app finishes it when it starts.\n"), id);
      break;

    case OSAI_HISTORY_STATE_FAILED:
    default:
      g_printerr ("%s: ", PROGRAM_NAME);
      g_printerr (_("Report %s failed: it has no totals.\n"), id);
      break;
    }

  *exit_code = CLI_EXIT_REPORT;
  return NULL;
}

static CliExit
history_show (Cli *cli)
{
  OsaiHistory *history = history_load (cli);
  g_autoptr(GError) error = NULL;
  OsaiHistoryEntry *entry;
  CliExit exit_code = CLI_EXIT_SUCCESS;

  if (history == NULL)
    return CLI_EXIT_FAILURE;

  entry = history_find_done (history, cli->show_id, &exit_code);
  if (entry == NULL)
    return exit_code;

  if (!print_totals (cli, osai_history_entry_get_report (entry), &error))
    {
      g_printerr ("%s: %s\n", PROGRAM_NAME, error->message);
      return CLI_EXIT_FAILURE;
    }

  return CLI_EXIT_SUCCESS;
}

/* "12.5 h", "20,356 images", or "—" when missing. */
static char *
comparison_value (gboolean    defined,
                  double      value,
                  const char *unit,
                  gboolean    sign)
{
  g_autofree char *number = NULL;

  if (!defined)
    return g_strdup ("—");

  number = format_value (value, g_strcmp0 (unit, "images") == 0);
  return g_strdup_printf ("%s%s %s", sign && value > 0 ? "+" : "", number, unit);
}

static char *
comparison_change (OsaiComparisonItem *item)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double change = osai_comparison_item_get_change_percent (item);

  if (!osai_comparison_item_has_change (item))
    return g_strdup ("—");

  g_ascii_formatd (buf, sizeof buf, "%.1f", change);
  return g_strdup_printf ("%s%s %%", change > 0 ? "+" : "", buf);
}

static char *
comparison_table (OsaiHistory    *history,
                  OsaiComparison *comparison)
{
  enum { LABEL, VALUE_A, VALUE_B, DIFFERENCE, CHANGE, N_COLUMNS };
  const char *headers[N_COLUMNS] = {
    _("Metric"), "A", "B",
    /* Translators: a column title: B minus A. */
    _("Difference"),
    /* Translators: a column title: the difference in percent of A. */
    _("Change"),
  };
  guint widths[N_COLUMNS];
  guint n = g_list_model_get_n_items (G_LIST_MODEL (comparison));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) categories = g_array_new (FALSE, FALSE, sizeof (OsaiCategory));
  OsaiHistoryEntry *sides[2] = {
    osai_comparison_get_a (comparison),
    osai_comparison_get_b (comparison),
  };
  GString *out = g_string_new (NULL);

  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *id = history_entry_id (history, sides[s]);

      /* Translators: "A: report 4711, 1 – 30 November 2026"; the first %s
       * is A or B, the second an ID, the third a period. */
      g_string_append_printf (out, _("%s: report %s, %s"), s == 0 ? "A" : "B", id,
                              osai_history_entry_get_period_text (sides[s]));
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  for (guint j = 0; j < N_COLUMNS; j++)
    widths[j] = (guint) g_utf8_strlen (headers[j], -1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OsaiComparisonItem) item = g_list_model_get_item (G_LIST_MODEL (comparison), i);
      const char *unit = osai_comparison_item_get_unit (item);
      OsaiCategory category = osai_comparison_item_get_category (item);
      char **cells = g_new0 (char *, N_COLUMNS + 1);

      cells[LABEL] = g_strconcat ("  ", osai_comparison_item_get_label (item), NULL);
      cells[VALUE_A] = comparison_value (osai_comparison_item_has_value_a (item),
                                         osai_comparison_item_get_value_a (item), unit, FALSE);
      cells[VALUE_B] = comparison_value (osai_comparison_item_has_value_b (item),
                                         osai_comparison_item_get_value_b (item), unit, FALSE);
      cells[DIFFERENCE] = comparison_value (osai_comparison_item_has_difference (item),
                                            osai_comparison_item_get_difference (item), unit, TRUE);
      cells[CHANGE] = comparison_change (item);
      widths[LABEL] = MAX (widths[LABEL],
                           (guint) g_utf8_strlen (osai_category_get_label (category), -1));
      for (guint j = 0; j < N_COLUMNS; j++)
        widths[j] = MAX (widths[j], (guint) g_utf8_strlen (cells[j], -1));
      g_ptr_array_add (rows, cells);
      g_array_append_val (categories, category);
    }

  for (guint j = 0; j < N_COLUMNS; j++)
    {
      if (j > 0)
        g_string_append (out, "  ");
      append_padded (out, headers[j], widths[j], j > LABEL);
    }
  g_string_append_c (out, '\n');

  for (guint category = 0; category < OSAI_N_CATEGORIES; category++)
    {
      gboolean heading_done = FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          char **cells = g_ptr_array_index (rows, i);

          if (g_array_index (categories, OsaiCategory, i) != category)
            continue;

          if (!heading_done)
            {
              g_string_append (out, osai_category_get_label (category));
              g_string_append_c (out, '\n');
              heading_done = TRUE;
            }

          for (guint j = 0; j < N_COLUMNS; j++)
            {
              if (j > 0)
                g_string_append (out, "  ");
              append_padded (out, cells[j], widths[j], j > LABEL);
            }
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (out, FALSE);
}

static CliExit
history_compare (Cli *cli)
{
  OsaiHistory *history = history_load (cli);
  g_autoptr(OsaiComparison) comparison = NULL;
  g_autofree char *text = NULL;
  OsaiHistoryEntry *a, *b;
  CliExit exit_code = CLI_EXIT_SUCCESS;

  if (history == NULL)
    return CLI_EXIT_FAILURE;

  if ((a = history_find_done (history, cli->compare_id, &exit_code)) == NULL ||
      (b = history_find_done (history, cli->compare_second, &exit_code)) == NULL)
    return exit_code;

  /* A is the earlier period, whichever was named first. */
  if (g_date_time_compare (osai_history_entry_get_period_from (a),
                           osai_history_entry_get_period_from (b)) > 0 ||
      (g_date_time_equal (osai_history_entry_get_period_from (a),
                          osai_history_entry_get_period_from (b)) &&
       g_date_time_compare (osai_history_entry_get_created (a),
                            osai_history_entry_get_created (b)) > 0))
    {
      OsaiHistoryEntry *earlier = b;

      b = a;
      a = earlier;
    }

  comparison = osai_comparison_new (a, b);
  switch (cli->format)
    {
    case CLI_FORMAT_CSV:
      text = osai_comparison_to_csv (comparison);
      break;
    case CLI_FORMAT_JSON:
      {
        g_autoptr(JsonNode) node = osai_comparison_to_json (comparison);
        g_autofree char *json = osai_json_to_string (node, TRUE);

        text = g_strconcat (json, "\n", NULL);
      }
      break;
    case CLI_FORMAT_TABLE:
    default:
      text = comparison_table (history, comparison);
      break;
    }

  return history_write_or_fail (text);
}

/* ---- The flow ------------------------------------------------------------------------------- */

static void
fail_with (Cli          *cli,
           const GError *error,
           gboolean      downloading)
{
  progress_clear (cli);
  cli->exit_code = exit_code_for_error (error, downloading);

  if (cli->exit_code == CLI_EXIT_CANCELLED)
    {
      g_printerr ("%s\n", _("Cancelled."));
    }
  else if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_TIMED_OUT))
    {
      /* The core's hint speaks of the app's preferences. */
      g_printerr ("%s: %s %s\n", PROGRAM_NAME, error->message,
                  _("Allow a longer wait with --deadline, or try again later."));
    }
  else if (cli->exit_code == CLI_EXIT_USAGE)
    {
      print_usage_error (error->message);
    }
  else
    {
      g_autofree char *description = osai_error_describe (error);

      g_printerr ("%s: %s\n", PROGRAM_NAME, description);
    }
}

static void
download_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!osai_download_run_finish (OSAI_DOWNLOAD (object), result, &error))
    fail_with (cli, error, TRUE);
  else
    {
      progress_clear (cli);
      cli->exit_code = CLI_EXIT_SUCCESS;
    }

  g_main_loop_quit (cli->loop);
}

static void
job_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = NULL;

  report = osai_report_job_run_finish (OSAI_REPORT_JOB (object), result, &error);
  if (report == NULL)
    {
      OsaiReport *failed = osai_report_job_get_report (OSAI_REPORT_JOB (object));

      /* A failed report is finished too; any other failure leaves the
       * pending entry for the app to resume. */
      if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_REPORT_FAILED) && failed != NULL)
        history_record (cli, failed);
      fail_with (cli, error, FALSE);
      g_main_loop_quit (cli->loop);
      return;
    }

  /* Kept before printed: the history must not depend on stdout. */
  history_record (cli, report);

  /* Totals first: a failed download must not cost the user the totals. */
  progress_clear (cli);
  if (!print_totals (cli, report, &error))
    {
      fail_with (cli, error, FALSE);
      g_main_loop_quit (cli->loop);
      return;
    }

  if (cli->output == NULL || g_cancellable_is_cancelled (cli->cancellable))
    {
      cli->exit_code = g_cancellable_is_cancelled (cli->cancellable)
                       ? CLI_EXIT_CANCELLED : CLI_EXIT_SUCCESS;
      if (cli->exit_code == CLI_EXIT_CANCELLED)
        g_printerr ("%s\n", _("Cancelled."));
      g_main_loop_quit (cli->loop);
      return;
    }

  destination = g_file_new_for_commandline_arg (cli->output);
  cli->download = osai_download_new (cli->client, report, destination);
  if (cli->show_progress)
    {
      g_signal_connect (cli->download, "notify::bytes-done",
                        G_CALLBACK (download_progress_cb), cli);
      g_signal_connect (cli->download, "notify::bytes-total",
                        G_CALLBACK (download_progress_cb), cli);
    }
  osai_download_run_async (cli->download, cli->cancellable, download_cb, cli);
}

static gboolean
signal_cb (gpointer user_data)
{
  Cli *cli = user_data;

  /* The job and the download end with G_IO_ERROR_CANCELLED once they
   * have cleaned up; the loop quits from their callbacks. */
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

/* ---- Setup ---------------------------------------------------------------------------------- */

typedef struct
{
  char data[MAX_TOKEN_FILE_SIZE + 1];
} TokenBuffer;

static void
token_buffer_free (TokenBuffer *buffer)
{
  volatile char *p = (volatile char *) buffer->data;

  /* Every byte: the file's other lines may be secrets too. */
  for (gsize i = 0; i < sizeof buffer->data; i++)
    p[i] = '\0';
  g_free (buffer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenBuffer, token_buffer_free)

/* The first line of @path, trimmed.  Like ssh with its keys, refuses a
 * file that anyone but its owner may read or write. */
static char *
read_token_file (const char  *path,
                 GError     **error)
{
  g_autoptr(TokenBuffer) buffer = NULL;
  struct stat st;
  gsize length = 0;
  char *newline;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not open the token file “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  /* Check the file that was opened, not a name that may change meanwhile. */
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The token file “%s” is not a regular file."), path);
      close (fd);
      return NULL;
    }

  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("Permissions %04o for “%s” are too open: "
                     "the token file must not be accessible by others. "
                     "Restrict it with “chmod 600 %s”."),
                   (guint) (st.st_mode & 07777), path, path);
      close (fd);
      return NULL;
    }

  buffer = g_new0 (TokenBuffer, 1);
  while (length < MAX_TOKEN_FILE_SIZE)
    {
      gssize n = read (fd, buffer->data + length, MAX_TOKEN_FILE_SIZE - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not read the token file “%s”: %s"), path,
                       g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  close (fd);

  newline = strpbrk (buffer->data, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  else if (length >= MAX_TOKEN_FILE_SIZE)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The token file “%s” does not hold an access token."), path);
      return NULL;
    }

  return g_strdup (g_strstrip (buffer->data));
}

static gboolean
parse_options (Cli    *cli,
               int    *argc,
               char ***argv,
               GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &cli->region,
      N_("OneStep AI region: eu (default) or us"), N_("REGION") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &cli->server,
      N_("API base URL, instead of a region"), N_("URL") },
    { "allow-insecure", 0, 0, G_OPTION_ARG_NONE, &cli->allow_insecure,
      N_("Allow unencrypted http:// to a host other than this computer"), NULL },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->token_file,
      N_("Read the access token from the first line of FILE (mode 0600)"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &cli->from,
      N_("Start of the period, a date or an ISO 8601 time (default: first day of this month, UTC)"),
      N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &cli->to,
      N_("End of the period; a date alone means the end of that day (default: end of today, UTC)"),
      N_("DATE") },
    { "no-datasets", 0, 0, G_OPTION_ARG_NONE, &cli->no_datasets,
      N_("Leave datasets out of the report"), NULL },
    { "no-manipulations", 0, 0, G_OPTION_ARG_NONE, &cli->no_manipulations,
      N_("Leave manipulations out of the report"), NULL },
    { "no-models", 0, 0, G_OPTION_ARG_NONE, &cli->no_models,
      N_("Leave models out of the report"), NULL },
    { "no-rented-devices", 0, 0, G_OPTION_ARG_NONE, &cli->no_rented_devices,
      N_("Leave rented devices out of the report"), NULL },
    { "no-predictions", 0, 0, G_OPTION_ARG_NONE, &cli->no_predictions,
      N_("Leave predictions out of the report"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli->output,
      N_("Save the detailed report (JSON) as FILE"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &cli->format_name,
      N_("How to print the totals: table (default), csv or json"), N_("FORMAT") },
    { "deadline", 0, 0, G_OPTION_ARG_INT, &cli->deadline_s,
      N_("Give up when the report is not ready after SECONDS (0: never)"), N_("SECONDS") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &cli->quiet,
      N_("Show no progress"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &cli->version,
      N_("Print the version and exit"), NULL },
    { "history", 0, 0, G_OPTION_ARG_NONE, &cli->list_history,
      N_("List the reports kept on this computer, newest first, and exit"), NULL },
    { "show", 0, 0, G_OPTION_ARG_STRING, &cli->show_id,
      N_("Print the totals of a report kept on this computer, without signing in"), N_("ID") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &cli->compare_id,
      N_("Compare two reports kept on this computer: --compare ID ID"), N_("ID") },
    { "no-history", 0, 0, G_OPTION_ARG_NONE, &cli->no_history,
      N_("Do not keep this report on this computer"), NULL },
    { "poll-interval", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &cli->poll_interval_ms,
      "Milliseconds between two checks of the report (for tests)", "MS" },
    G_OPTION_ENTRY_NULL
  };

  /* GOption translates these itself, with the domain below. */
  context = g_option_context_new (N_("— print OneStep AI usage totals"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Signs in to OneStep AI, generates a usage report for a period, "
                                  "prints its totals and can save the detailed report."));
  description = g_strdup_printf (_("The access token is read from the environment variable %s, "
                                   "or from --token-file. It is never taken from the command "
                                   "line, where other users could see it.\n"
                                   "\n"
                                   "Exit status:\n"
                                   "  0    success\n"
                                   "  1    other failure\n"
                                   "  2    usage error: bad option or date, no access token, "
                                   "token file too open, insecure server address\n"
                                   "  3    the access token was not accepted\n"
                                   "  4    network or server trouble\n"
                                   "  5    the report failed or took too long\n"
                                   "  6    the detailed report could not be downloaded or saved\n"
                                   "  130  cancelled (SIGINT or SIGTERM)\n"),
                                 TOKEN_ENV);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return g_option_context_parse (context, argc, argv, error);
}

static gboolean
check_options (Cli     *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  if ((cli->list_history ? 1 : 0) + (cli->show_id != NULL ? 1 : 0) +
      (cli->compare_id != NULL ? 1 : 0) > 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Use only one of --history, --show and --compare."));
      return FALSE;
    }

  if (cli->compare_id != NULL)
    {
      if (argc != 2)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               _("--compare needs two IDs: --compare ID ID."));
          return FALSE;
        }
      cli->compare_second = g_strdup (argv[1]);
    }
  else if (argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Unexpected argument “%s”."), argv[1]);
      return FALSE;
    }

  if ((cli->list_history || cli->show_id != NULL || cli->compare_id != NULL) &&
      cli->output != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--output saves a new report: it does not go with --history, "
                             "--show or --compare."));
      return FALSE;
    }

  if (cli->region != NULL && cli->server != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Use either --region or --server, not both."));
      return FALSE;
    }

  if (cli->region != NULL && g_strcmp0 (cli->region, "eu") != 0 &&
      g_strcmp0 (cli->region, "us") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown region “%s”: use eu or us."), cli->region);
      return FALSE;
    }

  if (cli->format_name == NULL || g_strcmp0 (cli->format_name, "table") == 0)
    cli->format = CLI_FORMAT_TABLE;
  else if (g_strcmp0 (cli->format_name, "csv") == 0)
    cli->format = CLI_FORMAT_CSV;
  else if (g_strcmp0 (cli->format_name, "json") == 0)
    cli->format = CLI_FORMAT_JSON;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown format “%s”: use table, csv or json."), cli->format_name);
      return FALSE;
    }

  if (cli->deadline_s < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The deadline must not be negative."));
      return FALSE;
    }

  if (cli->poll_interval_ms < 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "The poll interval must be at least 1 ms.");
      return FALSE;
    }

  if (cli->output != NULL && *cli->output == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The output file name is empty."));
      return FALSE;
    }

  return TRUE;
}

static OsaiReportRequest *
build_request (Cli     *cli,
               GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;
  OsaiIncludeFlags include = OSAI_INCLUDE_ALL;

  if (cli->from != NULL)
    from = osai_time_parse_user_date (cli->from, FALSE, error);
  else
    from = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now), 1,
                                0, 0, 0);
  if (from == NULL)
    return NULL;

  if (cli->to != NULL)
    to = osai_time_parse_user_date (cli->to, TRUE, error);
  else
    {
      g_autoptr(GDateTime) midnight =
        g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                             g_date_time_get_day_of_month (now), 0, 0, 0);

      to = g_date_time_add_days (midnight, 1);
    }
  if (to == NULL)
    return NULL;

  if (cli->no_datasets)
    include &= ~OSAI_INCLUDE_DATASETS;
  if (cli->no_manipulations)
    include &= ~OSAI_INCLUDE_MANIPULATIONS;
  if (cli->no_models)
    include &= ~OSAI_INCLUDE_MODELS;
  if (cli->no_rented_devices)
    include &= ~OSAI_INCLUDE_RENTED_DEVICES;
  if (cli->no_predictions)
    include &= ~OSAI_INCLUDE_PREDICTIONS;

  request = osai_report_request_new (from, to, include);
  if (!osai_report_request_validate (request, error))
    return NULL;

  return g_steal_pointer (&request);
}

/* The access token from --token-file or the environment, never argv. */
static char *
find_access_token (Cli     *cli,
                   GError **error)
{
  g_autoptr(CliSecret) token = NULL;

  if (cli->token_file != NULL)
    {
      token = read_token_file (cli->token_file, error);
      if (token == NULL)
        return NULL;
    }
  else
    {
      token = g_strstrip (g_strdup (g_getenv (TOKEN_ENV) != NULL ? g_getenv (TOKEN_ENV) : ""));
    }

  if (*token == '\0')
    {
      if (cli->token_file != NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("The token file “%s” is empty."), cli->token_file);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("No access token: set the environment variable %s "
                       "or use --token-file."), TOKEN_ENV);
      return NULL;
    }

  return g_steal_pointer (&token);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(Cli) cli = {
    .deadline_s = OSAI_REPORT_JOB_DEFAULT_DEADLINE_S,
    .poll_interval_ms = OSAI_REPORT_JOB_DEFAULT_POLL_INTERVAL_MS,
    .exit_code = CLI_EXIT_FAILURE,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OsaiReportRequest) request = NULL;
  g_autoptr(CliSecret) token = NULL;
  const char *base_url;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* stdout is for the totals alone, even with G_MESSAGES_DEBUG. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_set_prgname (PROGRAM_NAME);

  if (!parse_options (&cli, &argc, &argv, &error) ||
      !check_options (&cli, argc, argv, &error))
    {
      print_usage_error (error->message);
      return CLI_EXIT_USAGE;
    }

  if (cli.version)
    {
      g_print ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      return CLI_EXIT_SUCCESS;
    }

  /* The history needs no network and no token. */
  if (cli.list_history)
    return history_list (&cli);
  if (cli.show_id != NULL)
    return history_show (&cli);
  if (cli.compare_id != NULL)
    return history_compare (&cli);

  if (cli.server != NULL)
    base_url = cli.server;
  else if (g_strcmp0 (cli.region, "us") == 0)
    base_url = OSAI_BASE_URL_US;
  else
    base_url = OSAI_BASE_URL_EU;

  cli.client = osai_client_new (base_url, cli.allow_insecure, &error);
  if (cli.client == NULL)
    {
      if (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_INSECURE_URL))
        {
          g_autofree char *message =
            g_strdup_printf ("%s %s", error->message,
                             _("Use https://, or --allow-insecure if you trust the network."));

          print_usage_error (message);
        }
      else
        print_usage_error (error->message);
      return CLI_EXIT_USAGE;
    }

  request = build_request (&cli, &error);
  if (request == NULL)
    {
      print_usage_error (error->message);
      return CLI_EXIT_USAGE;
    }

  token = find_access_token (&cli, &error);
  if (token == NULL)
    {
      print_usage_error (error->message);
      return CLI_EXIT_USAGE;
    }
  osai_client_set_access_token (cli.client, token);
  g_clear_pointer (&token, secret_free);

  cli.show_progress = !cli.quiet && isatty (STDERR_FILENO);
  cli.loop = g_main_loop_new (NULL, FALSE);
  cli.cancellable = g_cancellable_new ();
  cli.sigint_id = g_unix_signal_add (SIGINT, signal_cb, &cli);
  cli.sigterm_id = g_unix_signal_add (SIGTERM, signal_cb, &cli);

  cli.job = osai_report_job_new (cli.client, request);
  osai_report_job_set_poll_interval (cli.job, (guint) cli.poll_interval_ms);
  osai_report_job_set_deadline (cli.job, (guint) cli.deadline_s);
  if (cli.show_progress)
    {
      g_signal_connect (cli.job, "notify::state", G_CALLBACK (job_progress_cb), &cli);
      g_signal_connect (cli.job, "notify::elapsed", G_CALLBACK (job_progress_cb), &cli);
    }

  if (!cli.no_history)
    g_signal_connect (cli.job, "notify::state", G_CALLBACK (job_state_cb), &cli);

  osai_report_job_run_async (cli.job, cli.cancellable, job_cb, &cli);
  g_main_loop_run (cli.loop);

  progress_clear (&cli);
  g_signal_handlers_disconnect_by_data (cli.job, &cli);
  if (cli.show_progress)
    {
      if (cli.download != NULL)
        g_signal_handlers_disconnect_by_data (cli.download, &cli);
    }

  return cli.exit_code;
}
