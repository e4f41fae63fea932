/* test-fault-matrix.c — every row of fault-matrix.tsv through the core and through the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table (tests/fault-matrix.tsv, found through G_TEST_SRCDIR) is the
 * specification: one row per fault, with what the core must answer, what
 * osai-reports-cli must exit with and print, and which files must be left.
 * Each row becomes /fault-matrix/core/<id> (OsaiClient, OsaiReportJob and
 * OsaiDownload against an in-process OsaiSimServer) and /fault-matrix/cli/<id>
 * (the CLI from OSAI_CLI as a child, against the same in-process simulator,
 * which answers while this process iterates its main context).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "osai-error.h"
#include "osai-test-net.h"

#define ACCESS_TOKEN     "fault-matrix-access-token-7c1e42"
#define WRONG_TOKEN      "fault-matrix-wrong-token-0d9b13"
#define DEFAULT_DETAIL   ((guint64) 20000)
#define POLL_INTERVAL_MS 100
#define RUN_TIMEOUT_MS   60000
/* Larger files are only measured, not parsed. */
#define MAX_PARSED_SIZE  (4 * 1024 * 1024)

/* What was there before the run, byte for byte: not JSON, not text. */
static const char existing_bytes[] = "{\"previous\": \"report\"}\n\x00\xff\xfe trailing bytes";
#define EXISTING_SIZE (sizeof existing_bytes - 1)
static const char parent_file_bytes[] = "a regular file where a folder should be\n";

/* ---- The table ------------------------------------------------------------------------------ */

typedef enum
{
  COL_ID,
  COL_RUNNERS,
  COL_STAGE,
  COL_SIM,
  COL_LOCAL,
  COL_DEST,
  COL_OUTCOME,
  COL_MESSAGE,
  COL_HINT,
  COL_CLI_EXIT,
  COL_CLI_STDERR,
  COL_FILES,
  COL_CHECKS,
  COL_NOTE,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  "id", "runners", "stage", "sim", "local", "dest", "outcome", "message", "hint", "cli_exit",
  "cli_stderr", "files", "checks", "note",
};

typedef struct
{
  char     *fields[N_COLUMNS];
  gboolean  core;
  gboolean  cli;

  /* "local", taken apart */
  gboolean  wrong_token;
  gboolean  closed_port;
  gboolean  tls;
  guint     deadline_s;
  guint64   fsize_limit;
  gboolean  dest_parent_is_file;
  gboolean  dest_is_dir;
  gboolean  delete_dir;      /* while the storage holds the body (hold-detail-at) */
  char     *cancel_at;       /* sign-in, create, poll, download-start, download, download-end */
  gboolean  revoke_at_poll;
  char     *after_job;       /* PROP=VALUE set on the simulator between job and download */

  /* "outcome" */
  GQuark    domain;          /* 0: success */
  int       code;
} Row;

typedef struct
{
  const Row *row;
  gboolean   cli;
} CaseData;

static GPtrArray *rows;

static const struct
{
  const char *name;
  int         code;
} osai_codes[] = {
#define CODE(c) { #c, c }
  CODE (OSAI_ERROR_FAILED), CODE (OSAI_ERROR_INVALID_INPUT), CODE (OSAI_ERROR_INSECURE_URL),
  CODE (OSAI_ERROR_INVALID_URL), CODE (OSAI_ERROR_NETWORK), CODE (OSAI_ERROR_TLS),
  CODE (OSAI_ERROR_INVALID_TOKEN), CODE (OSAI_ERROR_NOT_AUTHORIZED),
  CODE (OSAI_ERROR_RATE_LIMITED), CODE (OSAI_ERROR_SERVER), CODE (OSAI_ERROR_BAD_REQUEST),
  CODE (OSAI_ERROR_NOT_FOUND), CODE (OSAI_ERROR_REDIRECTED), CODE (OSAI_ERROR_PROTOCOL),
  CODE (OSAI_ERROR_REPORT_FAILED), CODE (OSAI_ERROR_UNKNOWN_STATUS), CODE (OSAI_ERROR_TIMED_OUT),
  CODE (OSAI_ERROR_NO_DETAILED_REPORT), CODE (OSAI_ERROR_LINK_EXPIRED), CODE (OSAI_ERROR_STORAGE),
  CODE (OSAI_ERROR_TRUNCATED), CODE (OSAI_ERROR_WRITE),
}, io_codes[] = {
  CODE (G_IO_ERROR_CANCELLED), CODE (G_IO_ERROR_NOT_FOUND), CODE (G_IO_ERROR_IS_DIRECTORY),
  CODE (G_IO_ERROR_NOT_DIRECTORY), CODE (G_IO_ERROR_NO_SPACE), CODE (G_IO_ERROR_PERMISSION_DENIED),
  CODE (G_IO_ERROR_READ_ONLY), CODE (G_IO_ERROR_FAILED),
#undef CODE
};

static const char *
field (const Row *row,
       Column     column)
{
  return row->fields[column];
}

static gboolean
is_set (const char *value)
{
  return g_strcmp0 (value, "-") != 0;
}

static void
row_free (Row *row)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (row->fields[i]);
  g_free (row->cancel_at);
  g_free (row->after_job);
  g_free (row);
}

static void
parse_outcome (Row *row)
{
  const char *outcome = field (row, COL_OUTCOME);

  if (g_str_equal (outcome, "ok"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (osai_codes); i++)
    if (g_str_equal (outcome, osai_codes[i].name))
      {
        row->domain = OSAI_ERROR;
        row->code = osai_codes[i].code;
        return;
      }
  for (guint i = 0; i < G_N_ELEMENTS (io_codes); i++)
    if (g_str_equal (outcome, io_codes[i].name))
      {
        row->domain = G_IO_ERROR;
        row->code = io_codes[i].code;
        return;
      }

  g_error ("fault-matrix.tsv, %s: unknown outcome “%s”", field (row, COL_ID), outcome);
}

static void
parse_local (Row *row)
{
  g_auto(GStrv) items = NULL;

  if (!is_set (field (row, COL_LOCAL)))
    return;

  items = g_strsplit (field (row, COL_LOCAL), ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      guint64 number;

      if (g_str_equal (item, "wrong-token"))
        row->wrong_token = TRUE;
      else if (g_str_equal (item, "closed-port"))
        row->closed_port = TRUE;
      else if (g_str_equal (item, "tls-self-signed"))
        row->tls = TRUE;
      else if (g_str_has_prefix (item, "deadline=") &&
               g_ascii_string_to_unsigned (item + 9, 10, 1, 3600, &number, NULL))
        row->deadline_s = (guint) number;
      else if (g_str_has_prefix (item, "fsize-limit=") &&
               g_ascii_string_to_unsigned (item + 12, 10, 1, G_MAXUINT32, &number, NULL))
        row->fsize_limit = number;
      else if (g_str_equal (item, "dest-parent-is-file"))
        row->dest_parent_is_file = TRUE;
      else if (g_str_equal (item, "dest-is-dir"))
        row->dest_is_dir = TRUE;
      else if (g_str_equal (item, "delete-dir@download"))
        row->delete_dir = TRUE;
      else if (g_str_equal (item, "cancel@sign-in") || g_str_equal (item, "cancel@create") ||
               g_str_equal (item, "cancel@poll") || g_str_equal (item, "cancel@download-start") ||
               g_str_equal (item, "cancel@download") || g_str_equal (item, "cancel@download-end"))
        row->cancel_at = g_strdup (item + strlen ("cancel@"));
      else if (g_str_equal (item, "revoke@poll"))
        row->revoke_at_poll = TRUE;
      else if (g_str_has_prefix (item, "set-after-job:") && strchr (item, '=') != NULL)
        row->after_job = g_strdup (item + strlen ("set-after-job:"));
      else
        g_error ("fault-matrix.tsv, %s: unknown local setup “%s”", field (row, COL_ID), item);
    }
}

static void
load_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fault-matrix.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int index[N_COLUMNS];
  gboolean have_header = FALSE;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_auto(GStrv) cells = NULL;
      guint n_cells;
      Row *row;

      if (lines[n][0] == '\0' || lines[n][0] == '#')
        continue;

      cells = g_strsplit (lines[n], "\t", -1);
      n_cells = g_strv_length (cells);

      if (!have_header)
        {
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              index[c] = -1;
              for (guint i = 0; i < n_cells; i++)
                if (g_str_equal (cells[i], column_names[c]))
                  index[c] = (int) i;
              if (index[c] < 0)
                g_error ("fault-matrix.tsv: no column “%s”", column_names[c]);
            }
          have_header = TRUE;
          continue;
        }

      row = g_new0 (Row, 1);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if ((guint) index[c] >= n_cells || cells[index[c]][0] == '\0')
            g_error ("fault-matrix.tsv, line %u: column “%s” is empty", n + 1, column_names[c]);
          row->fields[c] = g_strdup (cells[index[c]]);
        }

      if (!g_hash_table_add (ids, row->fields[COL_ID]))
        g_error ("fault-matrix.tsv: “%s” twice", field (row, COL_ID));
      row->core = strstr (field (row, COL_RUNNERS), "core") != NULL;
      row->cli = strstr (field (row, COL_RUNNERS), "cli") != NULL;
      if (!row->core && !row->cli)
        g_error ("fault-matrix.tsv, %s: no runner", field (row, COL_ID));
      parse_outcome (row);
      parse_local (row);
      /* A fault in the middle of the body strikes while the storage holds
       * it: a race with the end of the download otherwise. */
      if ((row->delete_dir || g_strcmp0 (row->cancel_at, "download") == 0) &&
          strstr (field (row, COL_SIM), "hold-detail-at=") == NULL)
        g_error ("fault-matrix.tsv, %s: a fault @download needs hold-detail-at",
                 field (row, COL_ID));
      g_ptr_array_add (rows, row);
    }
}

/* ---- One case ------------------------------------------------------------------------------- */

typedef struct
{
  const Row     *row;
  gboolean       cli;

  OsaiSimServer *sim;
  GSocket       *closed_socket;
  char          *base_url;
  guint64        detail_size;

  char          *tmpdir;
  char          *outdir;      /* tmpdir/out: the destination's folder */
  char          *dest;        /* tmpdir/out/report.json */
  GStatBuf       existing_st;

  GCancellable  *cancellable; /* core */
  GSubprocess   *proc;        /* cli */
  gboolean       cancelled;
  gboolean       revoked;
  gboolean       deleted;
  gboolean       held;        /* the storage stopped at hold-detail-at */
  gboolean       released;
} Case;

static void
set_property_from_string (GObject    *object,
                          const char *assignment)
{
  g_auto(GStrv) pair = g_strsplit (assignment, "=", 2);
  GParamSpec *pspec;
  g_auto(GValue) value = G_VALUE_INIT;
  GType type;

  g_assert_nonnull (pair[1]);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), pair[0]);
  if (pspec == NULL)
    g_error ("the simulator has no property “%s”", pair[0]);

  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&value, type);
  if (type == G_TYPE_BOOLEAN)
    {
      g_assert_true (g_str_equal (pair[1], "true") || g_str_equal (pair[1], "false"));
      g_value_set_boolean (&value, g_str_equal (pair[1], "true"));
    }
  else if (type == G_TYPE_UINT)
    g_value_set_uint (&value, (guint) g_ascii_strtoull (pair[1], NULL, 10));
  else if (type == G_TYPE_UINT64)
    g_value_set_uint64 (&value, g_ascii_strtoull (pair[1], NULL, 10));
  else if (type == G_TYPE_INT)
    g_value_set_int (&value, (int) g_ascii_strtoll (pair[1], NULL, 10));
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (&value, g_ascii_strtod (pair[1], NULL));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *nick = g_enum_get_value_by_nick (klass, pair[1]);

      if (nick == NULL)
        g_error ("“%s” is not a value of %s", pair[1], pair[0]);
      g_value_set_enum (&value, nick->value);
    }
  else
    g_error ("cannot set %s from the table", pair[0]);

  g_object_set_property (object, pair[0], &value);
}

static void
detail_held_cb (OsaiSimServer *sim,
                guint64        sent,
                Case          *c)
{
  g_test_message ("the storage holds the body after %" G_GUINT64_FORMAT " bytes", sent);
  c->held = TRUE;
}

static void
write_bytes (const char *path,
             const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
case_setup (Case          *c,
            gconstpointer  user_data)
{
  const CaseData *data = user_data;
  const Row *row = data->row;
  g_autoptr(GError) error = NULL;

  c->row = row;
  c->cli = data->cli;

  c->sim = osai_sim_server_new ();
  g_object_set (c->sim,
                "access-token", ACCESS_TOKEN,
                "report-delay", 0.0,
                "detail-size", DEFAULT_DETAIL,
                NULL);
  if (is_set (field (row, COL_SIM)))
    {
      g_auto(GStrv) assignments = g_strsplit (field (row, COL_SIM), ",", -1);

      for (guint i = 0; assignments[i] != NULL; i++)
        set_property_from_string (G_OBJECT (c->sim), assignments[i]);
    }
  g_object_get (c->sim, "detail-size", &c->detail_size, NULL);
  g_signal_connect (c->sim, "detail-held", G_CALLBACK (detail_held_cb), c);

  if (row->tls)
    {
      g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "selfsigned-cert.pem", NULL);
      g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "selfsigned-key.pem", NULL);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);

      g_assert_no_error (error);
      g_object_set (c->sim, "tls-certificate", certificate, NULL);
    }

  osai_sim_server_start (c->sim, 0, &error);
  g_assert_no_error (error);
  c->base_url = g_strdup (osai_sim_server_get_base_url (c->sim));
  if (row->tls)
    g_assert_true (g_str_has_prefix (c->base_url, "https://"));

  if (row->closed_port)
    {
      /* Bound but never listening: the port stays ours, and connecting to
       * it is refused (no race with another program taking a freed port). */
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GSocketAddress) local = NULL;

      c->closed_socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                       G_SOCKET_PROTOCOL_TCP, &error);
      g_assert_no_error (error);
      g_socket_bind (c->closed_socket, address, FALSE, &error);
      g_assert_no_error (error);
      local = g_socket_get_local_address (c->closed_socket, &error);
      g_assert_no_error (error);
      g_free (c->base_url);
      c->base_url = g_strdup_printf ("http://127.0.0.1:%u/api",
                                     g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
    }

  c->tmpdir = g_dir_make_tmp ("fault-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  c->outdir = g_build_filename (c->tmpdir, "out", NULL);
  c->dest = g_build_filename (c->outdir, "report.json", NULL);

  if (row->dest_parent_is_file)
    write_bytes (c->outdir, parent_file_bytes, strlen (parent_file_bytes));
  else
    g_assert_cmpint (g_mkdir (c->outdir, 0700), ==, 0);

  if (row->dest_is_dir)
    g_assert_cmpint (g_mkdir (c->dest, 0700), ==, 0);

  if (g_str_equal (field (row, COL_DEST), "existing"))
    {
      write_bytes (c->dest, existing_bytes, EXISTING_SIZE);
      g_assert_cmpint (g_stat (c->dest, &c->existing_st), ==, 0);
    }

  c->cancellable = g_cancellable_new ();
}

static void
case_teardown (Case          *c,
               gconstpointer  user_data)
{
  g_clear_object (&c->proc);
  g_clear_object (&c->cancellable);
  osai_sim_server_stop (c->sim);
  g_clear_object (&c->sim);
  if (c->closed_socket != NULL)
    g_socket_close (c->closed_socket, NULL);
  g_clear_object (&c->closed_socket);
  osai_test_remove_tree (c->tmpdir);
  g_clear_pointer (&c->tmpdir, g_free);
  g_clear_pointer (&c->outdir, g_free);
  g_clear_pointer (&c->dest, g_free);
  g_clear_pointer (&c->base_url, g_free);
}

/* ---- What the simulator saw ----------------------------------------------------------------- */

static guint
count_requests (Case       *c,
                const char *counter)
{
  GPtrArray *requests = osai_sim_server_get_requests (c->sim);
  guint count = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      OsaiSimRequestRecord *r = g_ptr_array_index (requests, i);
      gboolean get = g_strcmp0 (r->method, "GET") == 0;
      gboolean hit;

      if (g_str_equal (counter, "sign-ins"))
        hit = g_ascii_strcasecmp (r->path, "/api/Users/SignIn") == 0;
      else if (g_str_equal (counter, "get-sign-ins"))
        hit = get && g_ascii_strcasecmp (r->path, "/api/Users/SignIn") == 0;
      else if (g_str_equal (counter, "creates"))
        hit = g_strcmp0 (r->method, "POST") == 0 && g_ascii_strcasecmp (r->path, "/api/Reports") == 0;
      else if (g_str_equal (counter, "polls"))
        hit = get && g_ascii_strncasecmp (r->path, "/api/Reports/", 13) == 0;
      else if (g_str_equal (counter, "s3-gets"))
        hit = get && g_str_has_prefix (r->path, "/s3/");
      else
        g_error ("unknown counter “%s”", counter);

      if (hit)
        count++;
    }

  return count;
}

static void
check_requests (Case *c)
{
  g_auto(GStrv) checks = NULL;

  if (!is_set (field (c->row, COL_CHECKS)))
    return;

  checks = g_strsplit (field (c->row, COL_CHECKS), ";", -1);
  for (guint i = 0; checks[i] != NULL; i++)
    {
      const char *check = checks[i];
      const char *op = strpbrk (check, "<>=");
      g_autofree char *counter = NULL;
      guint64 expected;
      guint count;
      gboolean ok;
      gsize op_len;

      g_assert_nonnull (op);
      counter = g_strndup (check, op - check);
      op_len = (op[1] == '=') ? 2 : 1;
      g_assert_true (g_ascii_string_to_unsigned (op + op_len, 10, 0, G_MAXUINT, &expected, NULL));
      count = count_requests (c, counter);

      if (g_str_has_prefix (op, "=="))
        ok = count == expected;
      else if (g_str_has_prefix (op, ">="))
        ok = count >= expected;
      else if (g_str_has_prefix (op, "<="))
        ok = count <= expected;
      else
        g_error ("unknown comparison in “%s”", check);

      if (!ok)
        {
          g_test_message ("%s: the simulator saw %u (%s)", c->row->fields[COL_ID], count, check);
          g_test_fail ();
        }
    }
}

/* ---- Triggers: faults that strike at a moment ----------------------------------------------- */

static void
cancel_now (Case *c)
{
  if (c->cancelled)
    return;
  c->cancelled = TRUE;

  if (c->proc != NULL)
    g_subprocess_send_signal (c->proc, SIGINT);
  else
    g_cancellable_cancel (c->cancellable);
}

static void
delete_outdir (Case *c)
{
  if (c->deleted)
    return;
  c->deleted = TRUE;

  osai_test_remove_tree (c->outdir);
  g_assert_false (g_file_test (c->outdir, G_FILE_TEST_EXISTS));
}

/* TRUE once some bytes of the report are in a file: the destination itself
 * when it is new, a temporary file beside it when it existed. */
static gboolean
report_bytes_written (Case *c)
{
  /* In a partial file: unnamed (in this process or the CLI), or named. */
  return osai_test_bytes_being_written (c->proc, c->outdir, "report.json") > 0;
}

/* The storage holds the body (hold-detail-at): nothing more can arrive, so
 * the download cannot end before the fault.  Once the bytes that did arrive
 * are in a file, strike; then let the body go on, unless the run was
 * cancelled (the held body is dropped with the simulator). */
static void
strike_while_held (Case *c)
{
  const Row *row = c->row;

  if (!c->held || c->released || !report_bytes_written (c))
    return;

  if (row->delete_dir)
    delete_outdir (c);
  if (g_strcmp0 (row->cancel_at, "download") == 0)
    cancel_now (c);

  if (!c->cancelled)
    {
      c->released = TRUE;
      osai_sim_server_release_detail (c->sim);
    }
}

/* Called on every main-loop iteration while a run goes on. */
static void
poke (Case *c)
{
  const Row *row = c->row;

  if (row->cancel_at != NULL && !c->cancelled)
    {
      const char *at = row->cancel_at;

      if ((g_str_equal (at, "sign-in") && count_requests (c, "sign-ins") > 0) ||
          (g_str_equal (at, "create") && count_requests (c, "creates") > 0) ||
          (g_str_equal (at, "poll") && count_requests (c, "polls") > 0) ||
          (g_str_equal (at, "download-start") && count_requests (c, "s3-gets") > 0))
        cancel_now (c);
    }

  if (row->revoke_at_poll && !c->revoked && count_requests (c, "polls") > 0)
    {
      c->revoked = TRUE;
      osai_sim_server_expire_sessions (c->sim);
      osai_sim_server_revoke_access_token (c->sim);
    }

  strike_while_held (c);
}

/* In-process only: the progress notification that says every announced
 * byte is in the file, sent before the download goes on to the commit. */
static void
download_progress_cb (OsaiDownload *download,
                      GParamSpec   *pspec,
                      Case         *c)
{
  gint64 total = osai_download_get_bytes_total (download);

  if (g_strcmp0 (c->row->cancel_at, "download-end") == 0 &&
      total > 0 && osai_download_get_bytes_done (download) == (guint64) total)
    cancel_now (c);
}

/* ---- Files afterwards ----------------------------------------------------------------------- */

static void
assert_dir_holds (const char *dir_path,
                  const char *only)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (only == NULL || !g_str_equal (name, only))
        {
          g_test_message ("stray file in %s: %s", dir_path, name);
          g_test_fail ();
        }
      n++;
    }
  if (only != NULL)
    g_assert_cmpuint (n, ==, 1);
}

static void
assert_file_is (const char *path,
                const char *expected,
                gsize       expected_length)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, expected, expected_length);
}

static void
check_files (Case *c)
{
  const char *files = field (c->row, COL_FILES);
  GStatBuf st;

  if (g_str_equal (files, "complete"))
    {
      g_assert_cmpint (g_stat (c->dest, &st), ==, 0);
      g_assert_true (S_ISREG (st.st_mode));
      g_assert_cmpint (st.st_size, ==, (gint64) c->detail_size);
      if (c->detail_size <= MAX_PARSED_SIZE)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;

          json_parser_load_from_file (parser, c->dest, &error);
          g_assert_no_error (error);
        }
      assert_dir_holds (c->outdir, "report.json");
    }
  else if (g_str_equal (files, "none") || g_str_equal (files, "no-output"))
    {
      g_assert_false (g_file_test (c->dest, G_FILE_TEST_EXISTS));
      assert_dir_holds (c->outdir, NULL);
    }
  else if (g_str_equal (files, "existing-untouched"))
    {
      assert_file_is (c->dest, existing_bytes, EXISTING_SIZE);
      g_assert_cmpint (g_stat (c->dest, &st), ==, 0);
      /* The same file, not a copy put back. */
      g_assert_cmpuint (st.st_ino, ==, c->existing_st.st_ino);
      g_assert_cmpint (st.st_mtime, ==, c->existing_st.st_mtime);
      assert_dir_holds (c->outdir, "report.json");
    }
  else if (g_str_equal (files, "parent-file-untouched"))
    {
      assert_file_is (c->outdir, parent_file_bytes, strlen (parent_file_bytes));
      assert_dir_holds (c->tmpdir, "out");
    }
  else if (g_str_equal (files, "dir-untouched"))
    {
      g_assert_true (g_file_test (c->dest, G_FILE_TEST_IS_DIR));
      assert_dir_holds (c->dest, NULL);
      assert_dir_holds (c->outdir, "report.json");
    }
  else if (g_str_equal (files, "folder-gone"))
    {
      g_assert_true (c->deleted);
      g_assert_false (g_file_test (c->outdir, G_FILE_TEST_EXISTS));
      /* Nothing was put back anywhere. */
      assert_dir_holds (c->tmpdir, NULL);
    }
  else
    g_error ("unknown files value “%s”", files);
}

/* ---- The core runner ------------------------------------------------------------------------ */

typedef struct
{
  struct rlimit    limit;
  struct sigaction xfsz;
} SavedLimit;

static void
limit_file_size (guint64     bytes,
                 SavedLimit *saved)
{
  struct rlimit limit;
  struct sigaction ignore = { 0 };

  /* A write past the limit fails with EFBIG instead of killing us. */
  ignore.sa_handler = SIG_IGN;
  g_assert_cmpint (sigaction (SIGXFSZ, &ignore, &saved->xfsz), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved->limit), ==, 0);
  limit = saved->limit;
  limit.rlim_cur = bytes;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
restore_file_size (SavedLimit *saved)
{
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved->limit), ==, 0);
  g_assert_cmpint (sigaction (SIGXFSZ, &saved->xfsz, NULL), ==, 0);
}

static void
run_core (Case *c)
{
  const Row *row = c->row;
  g_autoptr(OsaiClient) client = NULL;
  g_autoptr(OsaiReportRequest) request = osai_test_net_request ();
  g_autoptr(OsaiReportJob) job = NULL;
  g_autoptr(OsaiReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = osai_client_new (c->base_url, FALSE, &error);
  g_assert_no_error (error);
  osai_client_set_access_token (client, row->wrong_token ? WRONG_TOKEN : ACCESS_TOKEN);
  /* Quick backoff, as in the other net tests; a Retry-After still wins. */
  osai_client_set_retry_policy (client, 3, 10, 50);

  job = osai_report_job_new (client, request);
  osai_report_job_set_poll_interval (job, POLL_INTERVAL_MS);
  osai_report_job_set_deadline (job, row->deadline_s > 0 ? row->deadline_s : 60);
  osai_report_job_run_async (job, c->cancellable, osai_test_store_result_cb, &result);
  OSAI_TEST_WAIT_UNTIL ((poke (c), result != NULL), RUN_TIMEOUT_MS);
  report = osai_report_job_run_finish (job, result, &error);
  g_clear_object (&result);

  if (report != NULL && row->after_job != NULL)
    set_property_from_string (G_OBJECT (c->sim), row->after_job);

  if (report != NULL && !g_str_equal (field (row, COL_DEST), "none"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (c->dest);
      g_autoptr(OsaiDownload) download = osai_download_new (client, report, file);
      SavedLimit saved;

      g_signal_connect (download, "notify::bytes-done", G_CALLBACK (download_progress_cb), c);
      if (row->fsize_limit > 0)
        limit_file_size (row->fsize_limit, &saved);

      osai_download_run_async (download, c->cancellable, osai_test_store_result_cb, &result);
      OSAI_TEST_WAIT_UNTIL ((poke (c), result != NULL), RUN_TIMEOUT_MS);

      if (row->fsize_limit > 0)
        restore_file_size (&saved);
      osai_download_run_finish (download, result, &error);
    }

  if (error != NULL)
    g_test_message ("%s: %s (%s %d)\nhint: %s", field (row, COL_ID), error->message,
                    g_quark_to_string (error->domain), error->code,
                    osai_error_get_hint (error) ? osai_error_get_hint (error) : "(none)");

  if (row->domain == 0)
    {
      g_assert_no_error (error);
    }
  else
    {
      g_assert_error (error, row->domain, row->code);
      if (error != NULL && is_set (field (row, COL_MESSAGE)))
        g_assert_nonnull (strstr (error->message, field (row, COL_MESSAGE)));
      if (error != NULL && is_set (field (row, COL_HINT)))
        {
          const char *hint = osai_error_get_hint (error);

          g_assert_nonnull (hint);
          if (hint != NULL)
            g_assert_nonnull (strstr (hint, field (row, COL_HINT)));
        }
      /* No secret in what the user is shown. */
      if (error != NULL)
        {
          g_assert_null (strstr (error->message, ACCESS_TOKEN));
          g_assert_null (strstr (error->message, "Signature="));
        }
    }
}

/* ---- The CLI runner ------------------------------------------------------------------------- */

/* Runs in the child between fork and exec: async-signal-safe calls only. */
static void
limit_child_file_size (gpointer user_data)
{
  rlim_t bytes = (rlim_t) GPOINTER_TO_SIZE (user_data);
  struct rlimit limit = { bytes, bytes };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
run_cli (Case *c)
{
  const Row *row = c->row;
  const char *cli = g_getenv ("OSAI_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  OsaiTestProcess result = { 0 };
  const char *expected_err = field (row, COL_CLI_STDERR);

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("--server"));
  g_ptr_array_add (argv, g_strdup (c->base_url));
  g_ptr_array_add (argv, g_strdup ("--poll-interval"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", POLL_INTERVAL_MS));
  g_ptr_array_add (argv, g_strdup ("--format"));
  g_ptr_array_add (argv, g_strdup ("csv"));
  if (row->deadline_s > 0)
    {
      g_ptr_array_add (argv, g_strdup ("--deadline"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", row->deadline_s));
    }
  if (!g_str_equal (field (row, COL_DEST), "none"))
    {
      g_ptr_array_add (argv, g_strdup ("--output"));
      g_ptr_array_add (argv, g_strdup (c->dest));
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  osai_test_launcher_set_test_dirs (launcher);
  g_subprocess_launcher_setenv (launcher, "OSAI_ACCESS_TOKEN",
                                row->wrong_token ? WRONG_TOKEN : ACCESS_TOKEN, TRUE);
  if (row->fsize_limit > 0)
    g_subprocess_launcher_set_child_setup (launcher, limit_child_file_size,
                                           GSIZE_TO_POINTER ((gsize) row->fsize_limit), NULL);

  c->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (c->proc, NULL, NULL, osai_test_communicate_cb, &result);

  OSAI_TEST_WAIT_UNTIL ((poke (c), result.done), RUN_TIMEOUT_MS);
  g_test_message ("%s: exit %d\nstdout: %s\nstderr: %s", field (row, COL_ID), result.status,
                  result.out, result.err);

  g_assert_cmpint (result.status, ==, (int) g_ascii_strtoll (field (row, COL_CLI_EXIT), NULL, 10));
  if (g_str_equal (expected_err, "(empty)"))
    g_assert_cmpstr (result.err, ==, "");
  else if (is_set (expected_err))
    g_assert_nonnull (strstr (result.err, expected_err));
  /* The totals on stdout whenever the report itself came through. */
  if (result.status == 0)
    g_assert_true (g_str_has_prefix (result.out, "metric,"));
  g_assert_null (strstr (result.err, ACCESS_TOKEN));
  g_assert_null (strstr (result.err, WRONG_TOKEN));
  g_assert_null (strstr (result.err, "Signature="));

  g_free (result.out);
  g_free (result.err);
}

/* ---- The table itself ----------------------------------------------------------------------- */

/* Every switch of the simulator is in some row: a new one needs a row. */
static void
test_covers_every_switch (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (OSAI_TYPE_SIM_SERVER);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_cmpuint (rows->len, >=, 25);

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  for (guint p = 0; p < n_pspecs; p++)
    {
      const char *name = g_param_spec_get_name (pspecs[p]);
      g_autofree char *assignment = g_strconcat (name, "=", NULL);
      gboolean covered = FALSE;

      if (!(pspecs[p]->flags & G_PARAM_WRITABLE))
        continue;

      for (guint i = 0; i < rows->len && !covered; i++)
        {
          const Row *row = g_ptr_array_index (rows, i);
          g_autofree char *sim = g_strconcat (",", field (row, COL_SIM), ",", NULL);
          g_autofree char *needle = g_strconcat (",", assignment, NULL);

          /* Set from the table, or by a local setup that stands for it. */
          covered = strstr (sim, needle) != NULL ||
                    (row->after_job != NULL && g_str_has_prefix (row->after_job, assignment)) ||
                    (g_str_equal (name, "access-token") && row->wrong_token) ||
                    (g_str_equal (name, "tls-certificate") && row->tls);
        }

      if (!covered)
        {
          g_test_message ("no row of fault-matrix.tsv sets the simulator's “%s”", name);
          g_test_fail ();
        }
    }
}

/* ---- Registration --------------------------------------------------------------------------- */

static void
test_case (Case           *c,
           gconstpointer   user_data)
{
  const CaseData *data = user_data;

  g_test_message ("%s (%s): %s", field (c->row, COL_ID), field (c->row, COL_STAGE),
                  field (c->row, COL_NOTE));

  if (data->cli)
    run_cli (c);
  else
    run_core (c);

  /* The fault did strike, whatever the outcome says. */
  if (c->row->cancel_at != NULL)
    g_assert_true (c->cancelled);
  if (c->row->delete_dir)
    g_assert_true (c->held && c->deleted);

  check_files (c);
  check_requests (c);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* One failing row must not hide the others. */
  g_test_set_nonfatal_assertions ();

  load_table ();
  g_test_add_func ("/fault-matrix/table/covers-every-switch", test_covers_every_switch);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < rows->len; i++)
      {
        const Row *row = g_ptr_array_index (rows, i);
        gboolean cli = pass == 1;
        g_autofree char *path = NULL;
        CaseData *data;

        if ((cli && !row->cli) || (!cli && !row->core))
          continue;
        if (cli && g_getenv ("OSAI_CLI") == NULL)
          continue;

        data = g_new0 (CaseData, 1);
        data->row = row;
        data->cli = cli;
        g_ptr_array_add (cases, data);

        path = g_strdup_printf ("/fault-matrix/%s/%s", cli ? "cli" : "core", field (row, COL_ID));
        g_test_add (path, Case, data, case_setup, test_case, case_teardown);
      }

  status = g_test_run ();
  g_clear_pointer (&rows, g_ptr_array_unref);
  return status;
}
