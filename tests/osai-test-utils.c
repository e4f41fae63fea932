/* osai-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "osai-test-utils.h"

static gboolean
timeout_done_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* Blocks in poll() for at most 10 ms, or less when a source becomes ready:
 * a main-context iteration that may block, never a sleep. */
void
osai_test_wait_a_little (void)
{
  GSource *timeout = g_timeout_source_new (10);

  g_source_set_callback (timeout, timeout_done_cb, NULL, NULL);
  g_source_attach (timeout, g_main_context_get_thread_default ());
  g_main_context_iteration (NULL, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
}

void
osai_test_store_result_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

char *
osai_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/**
 * osai_test_remove_tree:
 * @path: a file or a folder
 *
 * Removes @path and, for a folder, all it holds; a symbolic link is
 * removed, never followed.  What is not there is no error.
 */
void
osai_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      osai_test_remove_tree (child);
    }
  g_rmdir (path);
}

void
osai_test_process_clear (OsaiTestProcess *process)
{
  g_clear_pointer (&process->out, g_free);
  g_clear_pointer (&process->err, g_free);
}

/* The end of g_subprocess_communicate_utf8_async() into an OsaiTestProcess. */
void
osai_test_communicate_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GSubprocess *proc = G_SUBPROCESS (object);
  OsaiTestProcess *process = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (proc, result, &process->out, &process->err, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_exited (proc))
    process->status = g_subprocess_get_exit_status (proc);
  else
    process->status = 128 + g_subprocess_get_term_sig (proc);
  process->ended = g_get_monotonic_time ();
  process->done = TRUE;
}

/* G_TEST_OPTION_ISOLATE_DIRS points GLib at this test's own folders but
 * leaves /dev/null in HOME and XDG_*: hand the child the same folders, so
 * that whatever it writes there lands where the test can see it. */
void
osai_test_launcher_set_test_dirs (GSubprocessLauncher *launcher)
{
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
}

goffset
osai_test_bytes_being_written (GSubprocess *process,
                               const char  *dir,
                               const char  *skip)
{
  g_autofree char *fd_dir = NULL;
  g_autofree char *prefix = g_strconcat (dir, "/", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  goffset most = 0;

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_strcmp0 (name, skip) != 0 && g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
        most = MAX (most, st.st_size);
    }
  g_clear_pointer (&listing, g_dir_close);

  /* An O_TMPFILE file reads as "DIR/#INODE (deleted)". */
  if (process != NULL && g_subprocess_get_identifier (process) == NULL)
    return most;
  if (process != NULL)
    fd_dir = g_strdup_printf ("/proc/%s/fd", g_subprocess_get_identifier (process));
  else
    fd_dir = g_strdup ("/proc/self/fd");
  listing = g_dir_open (fd_dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);
      GStatBuf st;

      if (target != NULL && g_str_has_prefix (target, prefix) &&
          strchr (target + strlen (prefix), '/') == NULL &&
          g_str_has_prefix (target + strlen (prefix), "#") &&
          g_stat (link, &st) == 0 && S_ISREG (st.st_mode))
        most = MAX (most, st.st_size);
    }

  return most;
}
