/* osai-safe-file.c — a file replaced whole, or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file the project writes goes through here: the detailed report,
 * CSV exports and the history's entries.  Killed at any instant, a save
 * leaves the folder as it was or with the new file complete, and nothing
 * else.  GIO has no such call: g_file_replace() and g_file_set_contents()
 * write a named temporary file ("NAME.XXXXXX", ".goutputstream-XXXXXX")
 * that a kill leaves behind, and g_file_replace() writes a new file in
 * place.
 *
 * How:
 *
 * 1. The bytes go into an unnamed file, open(O_TMPFILE), in the folder of
 *    the target: invisible, and freed by the kernel if the process dies.
 * 2. On commit: fsync() the file, give it its name with linkat() through
 *    /proc/self/fd (a target that does not exist yet gets it directly and
 *    atomically; over an existing one it gets a partial name first and is
 *    renamed over the target, which is atomic), then fsync() the folder.
 * 3. Where the filesystem refuses O_TMPFILE (some FUSE, NFS, the document
 *    portal inside a Flatpak) the bytes go into a named temporary file,
 *    ".NAME.osai-partial-XXXXXX", renamed over the target on commit.  A
 *    kill leaves that one behind: the next save of the same target removes
 *    it, unless another process is still writing it (it holds an flock()
 *    on its file while it writes).
 *
 * The only instant a kill can leave something behind on the O_TMPFILE
 * path is between the linkat() and the rename() over an existing target:
 * a partial file with a complete copy, cleaned up like the others.
 *
 * OSAI_SAFE_FILE_NAMED=1 in the environment forces the named path, for
 * the tests and for filesystems that accept O_TMPFILE but misbehave.
 */
#define G_LOG_DOMAIN "osai-safe-file"
/* O_TMPFILE */
#define _GNU_SOURCE

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>

#include "osai-safe-file.h"

#define PARTIAL_INFIX     ".osai-partial-"
#define PARTIAL_SUFFIX    6
/* Of the target's name, this many bytes go into the partial name. */
#define PARTIAL_NAME_MAX  200
#define DEFAULT_MODE      0666

struct _OsaiSafeFile
{
  GObject        parent_instance;

  GFile         *target;
  char          *name;           /* the target's file name in its folder */
  char          *partial_prefix; /* ".NAME.osai-partial-" */
  char          *partial_name;   /* the named temporary file, if any */
  guint          mode;
  int            dir_fd;
  int            fd;
  GOutputStream *stream;
  gboolean       committed;
};

G_DEFINE_FINAL_TYPE (OsaiSafeFile, osai_safe_file, G_TYPE_OBJECT)

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

static char *
make_partial_prefix (const char *name)
{
  gsize len = strlen (name);

  if (len > PARTIAL_NAME_MAX)
    {
      /* Cut on a character boundary when the name is UTF-8. */
      const char *end = name + PARTIAL_NAME_MAX;

      if (g_utf8_validate (name, -1, NULL))
        end = g_utf8_find_prev_char (name, end + 1);
      len = end - name;
    }

  return g_strdup_printf (".%.*s" PARTIAL_INFIX, (int) len, name);
}

/**
 * osai_safe_file_is_partial_name:
 * @name: a file name, without folder
 *
 * Returns: whether @name is that of a partial file this module writes
 */
gboolean
osai_safe_file_is_partial_name (const char *name)
{
  const char *infix;
  gsize len;

  g_return_val_if_fail (name != NULL, FALSE);

  if (name[0] != '.')
    return FALSE;
  infix = g_strrstr (name, PARTIAL_INFIX);
  if (infix == NULL)
    return FALSE;
  len = strlen (infix + strlen (PARTIAL_INFIX));

  return len == PARTIAL_SUFFIX;
}

static void
random_suffix (char *out)
{
  static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  for (guint i = 0; i < PARTIAL_SUFFIX; i++)
    out[i] = chars[g_random_int_range (0, sizeof chars - 1)];
  out[PARTIAL_SUFFIX] = '\0';
}

static char *
new_partial_name (OsaiSafeFile *self)
{
  char suffix[PARTIAL_SUFFIX + 1];

  random_suffix (suffix);
  return g_strconcat (self->partial_prefix, suffix, NULL);
}

/* The folder's lock keeps a cleaner from taking a partial file between its
 * creation and its own lock.  Best effort: some filesystems have none. */
static void
lock_dir (OsaiSafeFile *self,
          gboolean      lock)
{
  while (flock (self->dir_fd, lock ? LOCK_EX : LOCK_UN) != 0 && errno == EINTR)
    ;
}

/* Removes the partial files of this target that no process is writing. */
static void
remove_stale (OsaiSafeFile *self)
{
  DIR *dir;
  struct dirent *entry;
  int fd;

  fd = dup (self->dir_fd);
  if (fd < 0)
    return;
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return;
    }

  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st;
      int stale_fd;

      if (!g_str_has_prefix (entry->d_name, self->partial_prefix) ||
          strlen (entry->d_name) != strlen (self->partial_prefix) + PARTIAL_SUFFIX)
        continue;

      stale_fd = openat (self->dir_fd, entry->d_name,
                         O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (stale_fd < 0)
        continue;

      if (fstat (stale_fd, &st) == 0 && S_ISREG (st.st_mode) &&
          flock (stale_fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (unlinkat (self->dir_fd, entry->d_name, 0) == 0)
            g_debug ("Removed the partial file “%s” of an earlier save", entry->d_name);
        }
      close (stale_fd);
    }

  closedir (dir);
}

static gboolean
open_named (OsaiSafeFile  *self,
            GError       **error)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = new_partial_name (self);

      self->fd = openat (self->dir_fd, name,
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, DEFAULT_MODE);
      if (self->fd >= 0)
        {
          self->partial_name = g_steal_pointer (&name);
          return TRUE;
        }
      if (errno != EEXIST)
        return set_errno_error (error, errno);
    }

  return set_errno_error (error, EEXIST);
}

static gboolean
use_tmpfile (void)
{
  static gsize result = 0;

  if (g_once_init_enter (&result))
    {
      const char *forced = g_getenv ("OSAI_SAFE_FILE_NAMED");
      gboolean usable = (forced == NULL || g_strcmp0 (forced, "0") == 0) &&
                        g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR);

      g_once_init_leave (&result, usable ? 1 : 2);
    }

  return result == 1;
}

static gboolean
safe_file_open (OsaiSafeFile  *self,
                GError       **error)
{
  g_autofree char *path = g_file_get_path (self->target);
  g_autofree char *dir_path = NULL;
  struct stat st;
  gboolean existed;
  gboolean ok = TRUE;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->target);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer."), uri);
      return FALSE;
    }

  dir_path = g_path_get_dirname (path);
  self->name = g_path_get_basename (path);
  self->partial_prefix = make_partial_prefix (self->name);

  self->dir_fd = open (dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->dir_fd < 0)
    return set_errno_error (error, errno);

  existed = fstatat (self->dir_fd, self->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
  if (existed && S_ISDIR (st.st_mode))
    return set_errno_error (error, EISDIR);

  lock_dir (self, TRUE);
  remove_stale (self);

  self->fd = -1;
  if (use_tmpfile ())
    {
      self->fd = openat (self->dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, DEFAULT_MODE);
      if (self->fd < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL &&
          errno != ENOSYS)
        ok = set_errno_error (error, errno);
      else if (self->fd < 0)
        g_debug ("No O_TMPFILE in “%s” (%s): a named partial file", dir_path,
                 g_strerror (errno));
    }

  if (ok && self->fd < 0)
    ok = open_named (self, error);

  /* Held until the file is committed or discarded (or the process dies). */
  if (ok)
    flock (self->fd, LOCK_EX | LOCK_NB);
  lock_dir (self, FALSE);

  if (!ok)
    return FALSE;

  /* The mode asked for, or that of the file replaced. */
  if (self->mode != 0 && fchmod (self->fd, self->mode) != 0)
    g_debug ("Could not set the mode of “%s”: %s", path, g_strerror (errno));
  else if (self->mode == 0 && existed && S_ISREG (st.st_mode) &&
           fchmod (self->fd, st.st_mode & 07777) != 0)
    g_debug ("Could not keep the mode of “%s”: %s", path, g_strerror (errno));

  self->stream = g_unix_output_stream_new (self->fd, FALSE);
  return TRUE;
}

/**
 * osai_safe_file_new:
 * @target: the local file to write
 * @mode: the new file's permissions, or 0 for those of the file it
 *   replaces (0666 less the umask for a new file)
 * @error: return location for a #G_IO_ERROR
 *
 * Opens an invisible file in @target's folder for its new contents,
 * written through osai_safe_file_get_stream().  Nothing is seen in the
 * folder until osai_safe_file_commit() (except on filesystems without
 * O_TMPFILE, see the top of this file).  Blocks: see
 * osai_safe_file_new_async().
 *
 * Returns: (transfer full): a new #OsaiSafeFile, or %NULL
 */
OsaiSafeFile *
osai_safe_file_new (GFile   *target,
                    guint    mode,
                    GError **error)
{
  g_autoptr(OsaiSafeFile) self = NULL;

  g_return_val_if_fail (G_IS_FILE (target), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (OSAI_TYPE_SAFE_FILE, NULL);
  self->target = g_object_ref (target);
  self->mode = mode & 07777;

  if (!safe_file_open (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GFile *target = task_data;
  guint mode = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "mode"));
  GError *error = NULL;
  OsaiSafeFile *self;

  self = osai_safe_file_new (target, mode, &error);
  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/**
 * osai_safe_file_new_async:
 * @target: the local file to write
 * @mode: as for osai_safe_file_new()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is open
 * @user_data: data for @callback
 *
 * osai_safe_file_new() in a worker thread.
 */
void
osai_safe_file_new_async (GFile               *target,
                          guint                mode,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (target));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_safe_file_new_async);
  g_task_set_task_data (task, g_object_ref (target), g_object_unref);
  g_object_set_data (G_OBJECT (task), "mode", GUINT_TO_POINTER (mode));
  g_task_run_in_thread (task, new_thread);
}

OsaiSafeFile *
osai_safe_file_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
osai_safe_file_get_target (OsaiSafeFile *self)
{
  g_return_val_if_fail (OSAI_IS_SAFE_FILE (self), NULL);

  return self->target;
}

/**
 * osai_safe_file_get_stream:
 * @self: an #OsaiSafeFile
 *
 * The stream to write the new contents to.  Do not close it: commit or
 * discard the file instead.
 *
 * Returns: (transfer none): the stream
 */
GOutputStream *
osai_safe_file_get_stream (OsaiSafeFile *self)
{
  g_return_val_if_fail (OSAI_IS_SAFE_FILE (self), NULL);

  return self->stream;
}

/**
 * osai_safe_file_get_is_named:
 * @self: an #OsaiSafeFile
 *
 * Returns: whether the new contents are in a named partial file (the
 *   filesystem has no O_TMPFILE)
 */
gboolean
osai_safe_file_get_is_named (OsaiSafeFile *self)
{
  g_return_val_if_fail (OSAI_IS_SAFE_FILE (self), FALSE);

  return self->partial_name != NULL;
}

/**
 * osai_safe_file_restart:
 * @self: an #OsaiSafeFile
 * @error: return location for a #G_IO_ERROR
 *
 * Empties the new contents, to write them again from the start.
 *
 * Returns: %TRUE on success
 */
gboolean
osai_safe_file_restart (OsaiSafeFile  *self,
                        GError       **error)
{
  g_return_val_if_fail (OSAI_IS_SAFE_FILE (self), FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (ftruncate (self->fd, 0) != 0 || lseek (self->fd, 0, SEEK_SET) != 0)
    return set_errno_error (error, errno);

  return TRUE;
}

static void
close_fd (OsaiSafeFile *self)
{
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
}

/* Gives the unnamed file the target's name: TRUE when it has it; FALSE
 * with @error on failure, or without when it has a partial name, still to
 * be renamed over the existing target. */
static gboolean
link_tmpfile (OsaiSafeFile  *self,
              GError       **error)
{
  g_autofree char *proc_path = g_strdup_printf ("/proc/self/fd/%d", self->fd);

  if (linkat (AT_FDCWD, proc_path, self->dir_fd, self->name, AT_SYMLINK_FOLLOW) == 0)
    return TRUE;
  if (errno != EEXIST)
    return set_errno_error (error, errno);

  /* Over an existing file: a name of its own first, then a rename. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = new_partial_name (self);

      if (linkat (AT_FDCWD, proc_path, self->dir_fd, name, AT_SYMLINK_FOLLOW) == 0)
        {
          self->partial_name = g_steal_pointer (&name);
          break;
        }
      if (errno != EEXIST)
        return set_errno_error (error, errno);
    }

  if (self->partial_name == NULL)
    return set_errno_error (error, EEXIST);

  return FALSE;
}

/**
 * osai_safe_file_commit:
 * @self: an #OsaiSafeFile
 * @error: return location for a #G_IO_ERROR
 *
 * Makes the new contents durable and puts them in place of the target, in
 * one step.  On failure the target is as it was, and nothing is left of
 * the new contents.  Blocks (fsync): see osai_safe_file_commit_async().
 *
 * Returns: %TRUE on success
 */
gboolean
osai_safe_file_commit (OsaiSafeFile  *self,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (OSAI_IS_SAFE_FILE (self), FALSE);
  g_return_val_if_fail (!self->committed && self->fd >= 0, FALSE);

  if (fsync (self->fd) != 0)
    {
      set_errno_error (error, errno);
      osai_safe_file_discard (self);
      return FALSE;
    }

  if (self->partial_name == NULL)
    {
      if (link_tmpfile (self, &local_error))
        goto done;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          osai_safe_file_discard (self);
          return FALSE;
        }
    }

  /* A named file (of either path) over the target. */
  if (renameat (self->dir_fd, self->partial_name, self->dir_fd, self->name) != 0)
    {
      set_errno_error (error, errno);
      osai_safe_file_discard (self);
      return FALSE;
    }
  g_clear_pointer (&self->partial_name, g_free);

done:
  /* The new name is durable too.  Some filesystems cannot sync a folder. */
  if (fsync (self->dir_fd) != 0 && errno != EINVAL && errno != EROFS && errno != EBADF)
    g_debug ("Could not sync the folder of “%s”: %s", self->name, g_strerror (errno));

  self->committed = TRUE;
  close_fd (self);
  return TRUE;
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (osai_safe_file_commit (OSAI_SAFE_FILE (source_object), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * osai_safe_file_commit_async:
 * @self: an #OsaiSafeFile
 * @callback: called when the file is in place, or not
 * @user_data: data for @callback
 *
 * osai_safe_file_commit() in a worker thread.  It cannot be cancelled: a
 * complete file is always committed.
 */
void
osai_safe_file_commit_async (OsaiSafeFile        *self,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OSAI_IS_SAFE_FILE (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, osai_safe_file_commit_async);
  g_task_run_in_thread (task, commit_thread);
}

gboolean
osai_safe_file_commit_finish (OsaiSafeFile  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * osai_safe_file_discard:
 * @self: an #OsaiSafeFile
 *
 * Drops the new contents; the target stays as it was.  Also done when the
 * last reference to an uncommitted file goes.
 */
void
osai_safe_file_discard (OsaiSafeFile *self)
{
  g_return_if_fail (OSAI_IS_SAFE_FILE (self));

  if (self->partial_name != NULL && self->dir_fd >= 0)
    unlinkat (self->dir_fd, self->partial_name, 0);
  g_clear_pointer (&self->partial_name, g_free);
  close_fd (self);
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          size,
           GError       **error)
{
  while (size > 0)
    {
      gssize n = write (fd, data, MIN (size, G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno);
      data += n;
      size -= n;
    }

  return TRUE;
}

/**
 * osai_safe_file_set_contents:
 * @target: the local file to write
 * @data: (array length=size): the new contents
 * @size: their size
 * @mode: as for osai_safe_file_new()
 * @error: return location for a #G_IO_ERROR
 *
 * Replaces @target with @data, whole or not at all.  Blocks.
 *
 * Returns: %TRUE on success
 */
gboolean
osai_safe_file_set_contents (GFile          *target,
                             gconstpointer   data,
                             gsize           size,
                             guint           mode,
                             GError        **error)
{
  g_autoptr(OsaiSafeFile) self = NULL;

  g_return_val_if_fail (G_IS_FILE (target), FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  self = osai_safe_file_new (target, mode, error);
  if (self == NULL)
    return FALSE;

  if (!write_all (self->fd, data, size, error))
    return FALSE;

  return osai_safe_file_commit (self, error);
}

static void
set_contents_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  GFile *target = source_object;
  guint mode = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "mode"));
  gconstpointer data;
  gsize size;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_bytes_get_data (bytes, &size);
  if (osai_safe_file_set_contents (target, data, size, mode, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * osai_safe_file_set_contents_async:
 * @target: the local file to write
 * @bytes: the new contents
 * @mode: as for osai_safe_file_new()
 * @cancellable: (nullable): a #GCancellable, checked before the write
 * @callback: called when the file is written, or not
 * @user_data: data for @callback
 *
 * osai_safe_file_set_contents() in a worker thread.  The source object of
 * the result given to @callback is @target.
 */
void
osai_safe_file_set_contents_async (GFile               *target,
                                   GBytes              *bytes,
                                   guint                mode,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (target));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (target, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_safe_file_set_contents_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (task), "mode", GUINT_TO_POINTER (mode));
  g_task_run_in_thread (task, set_contents_thread);
}

gboolean
osai_safe_file_set_contents_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        osai_safe_file_set_contents_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
osai_safe_file_finalize (GObject *object)
{
  OsaiSafeFile *self = OSAI_SAFE_FILE (object);

  if (!self->committed)
    osai_safe_file_discard (self);
  close_fd (self);
  if (self->dir_fd >= 0)
    close (self->dir_fd);
  g_clear_object (&self->target);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->partial_prefix, g_free);
  g_clear_pointer (&self->partial_name, g_free);

  G_OBJECT_CLASS (osai_safe_file_parent_class)->finalize (object);
}

static void
osai_safe_file_class_init (OsaiSafeFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = osai_safe_file_finalize;
}

static void
osai_safe_file_init (OsaiSafeFile *self)
{
  self->dir_fd = -1;
  self->fd = -1;
}
