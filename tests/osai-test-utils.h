/* osai-test-utils.h — helpers shared by the GTest programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Iterate the thread-default main context until @cond holds, failing the
 * test when @timeout_ms passes first.  Never sleeps. */
#define OSAI_TEST_WAIT_UNTIL(cond, timeout_ms)                                   \
  G_STMT_START {                                                                 \
    gint64 _osai_deadline = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    while (!(cond))                                                              \
      {                                                                          \
        if (g_get_monotonic_time () > _osai_deadline)                            \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);  \
        g_main_context_iteration (NULL, FALSE);                                  \
        if (!(cond))                                                             \
          osai_test_wait_a_little ();                                            \
      }                                                                          \
  } G_STMT_END

void        osai_test_wait_a_little        (void);
void        osai_test_store_result_cb      (GObject      *source,
                                            GAsyncResult *result,
                                            gpointer      user_data);
char       *osai_test_data_path            (const char   *name);
void        osai_test_remove_tree          (const char   *path);

/* A child process run with g_subprocess_communicate_utf8_async(), with
 * osai_test_communicate_cb() and the process as its user data. */
typedef struct
{
  gboolean  done;
  int       status;      /* the exit code, or 128 + the signal */
  char     *out;
  char     *err;
  gint64    ended;       /* monotonic time */
} OsaiTestProcess;

void        osai_test_process_clear        (OsaiTestProcess *process);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OsaiTestProcess, osai_test_process_clear)
void        osai_test_communicate_cb       (GObject         *object,
                                            GAsyncResult    *result,
                                            gpointer         process);
void        osai_test_launcher_set_test_dirs (GSubprocessLauncher *launcher);

/* The most bytes in a file being written into @dir, other than @skip
 * (nullable): a visible one, or an unnamed O_TMPFILE one open in @process
 * (this one when %NULL), found through /proc. */
goffset     osai_test_bytes_being_written  (GSubprocess *process,
                                            const char  *dir,
                                            const char  *skip);

G_END_DECLS
