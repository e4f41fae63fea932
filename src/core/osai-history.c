/* osai-history.c — every finished report, kept on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is a folder, $XDG_DATA_HOME/APP_ID/history/, with one file per
 * entry, "KEY.json" (osai-history-entry.c describes its contents), mode
 * 0600 in a 0700 folder.  Why one file per entry rather than one file for
 * the whole history:
 *
 * - Each write is osai_safe_file_set_contents(): an unnamed file in the
 *   same folder, fsync, linked or renamed over the name.  A kill, a crash
 *   or a full disk leaves the old file or the new one, never half of one
 *   and nothing beside it, and never touches another entry.
 * - Two writers (two windows, the app and the CLI) never write the same
 *   file unless they write the same report, and then the same contents: no
 *   lock, no read-modify-write of a shared file, so no lost entries.
 * - Adding is O(1) whatever the size of the history; removing is unlink().
 * - A pending entry becomes done by writing the same name: the rename
 *   replaces it atomically, there is never a moment with both or neither.
 * - A damaged file costs one entry: it is moved to history/set-aside/ with
 *   a time stamp and reported, the others load.
 *
 * The price is a file per entry to open when loading: 10 000 of them take
 * a fraction of a second, read in a worker thread (see tests/bench-history.c).
 *
 * The model is sorted newest first (by creation time, then by key).  Other
 * instances' changes come in through a GFileMonitor on the folder: the
 * files it names are read again, in a worker thread.  A local change
 * counts more than a read that began before it (the "touched" serials), so
 * a slow read never brings back an entry that was just removed here.
 */
#define G_LOG_DOMAIN "osai-history"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "osai-error.h"
#include "osai-history.h"
#include "osai-safe-file.h"

#define SET_ASIDE_DIR        "set-aside"
/* A temporary file younger than this may be another instance's write in
 * flight; an older one was left by a process that stopped while writing. */
#define STALE_TEMP_AGE_S     60
/* Entries put into the model per main-loop iteration while loading. */
#define LOAD_BATCH           250
/* Monitor events are gathered this long before the files are read. */
#define MONITOR_DELAY_MS     100

struct _OsaiHistory
{
  GObject        parent_instance;

  char          *dir;
  GPtrArray     *entries;       /* OsaiHistoryEntry, newest first */
  GHashTable    *by_key;        /* key → entry, borrowed from entries */
  GHashTable    *by_file;       /* file name → entry, borrowed */
  GHashTable    *touched;       /* key → serial of its last change in the model */
  guint64        serial;
  GPtrArray     *problems;      /* GError, OSAI_HISTORY_ERROR_CORRUPT */
  gboolean       loaded;

  GCancellable  *cancellable;
  GFileMonitor  *monitor;
  GHashTable    *changed_names; /* file names the monitor saw change */
  guint          monitor_timeout_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OsaiHistory, osai_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DIR,
  PROP_LOADED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SET_ASIDE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- GListModel ----------------------------------------------------------------------------- */

static GType
osai_history_get_item_type (GListModel *model)
{
  return OSAI_TYPE_HISTORY_ENTRY;
}

static guint
osai_history_get_n_items (GListModel *model)
{
  return OSAI_HISTORY (model)->entries->len;
}

static gpointer
osai_history_get_item (GListModel *model,
                       guint       position)
{
  OsaiHistory *self = OSAI_HISTORY (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = osai_history_get_item_type;
  iface->get_n_items = osai_history_get_n_items;
  iface->get_item = osai_history_get_item;
}

/* ---- Reading the folder (any thread) -------------------------------------------------------- */

typedef struct
{
  GPtrArray *entries;    /* sorted newest first */
  GPtrArray *problems;   /* GError */
  GPtrArray *missing;    /* file names asked for that do not exist (partial reads) */
  gboolean   full;       /* every file of the folder, not only some */
} ScanResult;

static void
scan_result_free (ScanResult *result)
{
  g_clear_pointer (&result->entries, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScanResult, scan_result_free)

static ScanResult *
scan_result_new (gboolean full)
{
  ScanResult *result = g_new0 (ScanResult, 1);

  result->entries = g_ptr_array_new_with_free_func (g_object_unref);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  result->missing = g_ptr_array_new_with_free_func (g_free);
  result->full = full;

  return result;
}

static gboolean
is_entry_name (const char *name)
{
  return name[0] != '.' && g_str_has_suffix (name, ".json");
}

/* What a save killed midway can leave: a partial file of osai-safe-file.c
 * (only where the filesystem has no O_TMPFILE), or the "NAME.XXXXXX" of
 * g_file_set_contents(), which earlier versions used. */
static gboolean
is_temp_name (const char *name)
{
  const char *json = g_strrstr (name, ".json.");

  if (osai_safe_file_is_partial_name (name))
    return TRUE;

  return name[0] != '.' && json != NULL && strlen (json + strlen (".json.")) == 6;
}

/* Moves @name out of the way, into set-aside/NAME.YYYYMMDDTHHMMSSZ. */
static char *
set_aside (const char  *dir,
           const char  *name,
           GError     **error)
{
  g_autofree char *aside_dir = g_build_filename (dir, SET_ASIDE_DIR, NULL);
  g_autofree char *source = g_build_filename (dir, name, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;

  if (g_mkdir_with_parents (aside_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; target == NULL || g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_autofree char *aside_name = NULL;

      g_free (target);
      if (i == 0)
        aside_name = g_strdup_printf ("%s.%s", name, stamp);
      else
        aside_name = g_strdup_printf ("%s.%s-%u", name, stamp, i);
      target = g_build_filename (aside_dir, aside_name, NULL);
    }

  if (g_rename (source, target) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&target);
}

/* Sets @name aside and says so in @result; @reason says what was wrong. */
static void
report_bad_file (ScanResult *result,
                 const char *dir,
                 const char *name,
                 const char *reason)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = set_aside (dir, name, &error);

  if (target != NULL)
    {
      g_debug ("History entry %s set aside as %s: %s", path, target, reason);
      g_ptr_array_add (result->problems,
                       g_error_new (OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT,
                                    /* Translators: the first %s is a file, the
                                     * second what is wrong with it, the third
                                     * the file it was moved to. */
                                    _("The history entry “%s” could not be read (%s). "
                                      "It was moved to “%s”."),
                                    path, reason, target));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* Left where it is, skipped: the next load tries again. */
      g_debug ("History entry %s is damaged (%s) and could not be set aside: %s",
                 path, reason, error->message);
      g_ptr_array_add (result->problems,
                       g_error_new (OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT,
                                    /* Translators: the first %s is a file, the
                                     * second what is wrong with it, the third
                                     * why it could not be moved. */
                                    _("The history entry “%s” could not be read (%s) "
                                      "and could not be moved aside: %s"),
                                    path, reason, error->message));
    }
  /* else another instance set it aside first. */
}

static void
scan_file (ScanResult   *result,
           const char   *dir,
           const char   *name,
           gboolean      asked_for)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (is_temp_name (name))
    {
      GStatBuf st;
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - (gint64) st.st_mtime > STALE_TEMP_AGE_S)
        report_bad_file (result, dir, name,
                         _("it is what is left of a save that never finished"));
      return;
    }

  if (!is_entry_name (name))
    return;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          /* Removed meanwhile, by this instance or another one. */
          if (asked_for)
            g_ptr_array_add (result->missing, g_strdup (name));
          return;
        }
      report_bad_file (result, dir, name, error->message);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  entry = osai_history_entry_new_from_bytes (bytes, &error);
  if (entry == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_debug ("Skipping %s: %s", path, error->message);
      else
        report_bad_file (result, dir, name, error->message);
      return;
    }

  if (g_strcmp0 (osai_history_entry_get_file_name (entry), name) != 0)
    {
      report_bad_file (result, dir, name, _("its name does not match its contents"));
      return;
    }

  g_ptr_array_add (result->entries, g_steal_pointer (&entry));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return osai_history_entry_compare_newest_first (*(OsaiHistoryEntry **) a,
                                                  *(OsaiHistoryEntry **) b);
}

/* Reads the whole folder, or only @names.  A folder that does not exist
 * is an empty history. */
static ScanResult *
scan (const char          *dir,
      const char * const  *names,
      GCancellable        *cancellable,
      GError             **error)
{
  g_autoptr(ScanResult) result = scan_result_new (names == NULL);

  if (names != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        scan_file (result, dir, names[i], TRUE);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GDir) folder = g_dir_open (dir, 0, &local_error);
      const char *name;

      if (folder == NULL)
        {
          if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return g_steal_pointer (&result);

          /* Something else where the folder should be: out of the way,
           * said so, and the history starts again beside it. */
          if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR) &&
              g_file_test (dir, G_FILE_TEST_EXISTS) && !g_file_test (dir, G_FILE_TEST_IS_DIR))
            {
              g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
              g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
              g_autofree char *target = g_strdup_printf ("%s.%s", dir, stamp);

              if (g_rename (dir, target) == 0)
                {
                  g_ptr_array_add (result->problems,
                                   g_error_new (OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT,
                                                _("The history “%s” is not a folder (%s). "
                                                  "It was moved to “%s”."),
                                                dir, local_error->message, target));
                  return g_steal_pointer (&result);
                }
            }

          g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_CORRUPT,
                       _("The history in “%s” could not be read: %s"),
                       dir, local_error->message);
          return NULL;
        }

      while ((name = g_dir_read_name (folder)) != NULL)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          scan_file (result, dir, name, FALSE);
        }
    }

  g_ptr_array_sort (result->entries, compare_entries);

  return g_steal_pointer (&result);
}

/* ---- The model (main context) --------------------------------------------------------------- */

static void
touch (OsaiHistory *self,
       const char  *key)
{
  g_hash_table_replace (self->touched, g_strdup (key), GSIZE_TO_POINTER ((gsize) ++self->serial));
}

/* TRUE when the model changed @key after @serial: a read that began then
 * is older than what the model holds. */
static gboolean
touched_since (OsaiHistory *self,
               const char  *key,
               guint64      serial)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (self->touched, key, NULL, &value))
    return FALSE;

  return (guint64) GPOINTER_TO_SIZE (value) > serial;
}

/* Where @entry goes (or is) in the sorted array. */
static guint
sorted_position (OsaiHistory      *self,
                 OsaiHistoryEntry *entry)
{
  guint low = 0, high = self->entries->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (osai_history_entry_compare_newest_first (g_ptr_array_index (self->entries, mid),
                                                   entry) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

static void
insert_at (OsaiHistory      *self,
           guint             position,
           OsaiHistoryEntry *entry)
{
  g_ptr_array_insert (self->entries, position, g_object_ref (entry));
  g_hash_table_replace (self->by_key, (gpointer) osai_history_entry_get_key (entry), entry);
  g_hash_table_replace (self->by_file, (gpointer) osai_history_entry_get_file_name (entry), entry);
  touch (self, osai_history_entry_get_key (entry));
}

static void
remove_at (OsaiHistory *self,
           guint        position)
{
  OsaiHistoryEntry *entry = g_ptr_array_index (self->entries, position);

  touch (self, osai_history_entry_get_key (entry));
  g_hash_table_remove (self->by_key, osai_history_entry_get_key (entry));
  g_hash_table_remove (self->by_file, osai_history_entry_get_file_name (entry));
  g_ptr_array_remove_index (self->entries, position);
}

static void
notify_n_items (OsaiHistory *self,
                guint        old_n_items)
{
  if (old_n_items != self->entries->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Puts @entry into the model, replacing the entry with its key, unless it
 * is the same. */
static void
upsert (OsaiHistory      *self,
        OsaiHistoryEntry *entry)
{
  OsaiHistoryEntry *existing = g_hash_table_lookup (self->by_key,
                                                    osai_history_entry_get_key (entry));
  guint old_n_items = self->entries->len;
  guint position;

  if (existing != NULL)
    {
      guint old_position;

      if (osai_history_entry_equal (existing, entry))
        {
          touch (self, osai_history_entry_get_key (entry));
          return;
        }

      old_position = sorted_position (self, existing);
      g_assert (g_ptr_array_index (self->entries, old_position) == existing);
      remove_at (self, old_position);
      position = sorted_position (self, entry);
      insert_at (self, position, entry);
      if (position == old_position)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      else
        {
          g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
        }
      return;
    }

  position = sorted_position (self, entry);
  insert_at (self, position, entry);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  notify_n_items (self, old_n_items);
}

static void
remove_entry (OsaiHistory      *self,
              OsaiHistoryEntry *entry)
{
  guint old_n_items = self->entries->len;
  guint position;

  if (g_hash_table_lookup (self->by_key, osai_history_entry_get_key (entry)) != entry)
    return;

  position = sorted_position (self, entry);
  g_assert (g_ptr_array_index (self->entries, position) == entry);
  remove_at (self, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  notify_n_items (self, old_n_items);
}

/* Puts entries [@start, @end) of a sorted read into the model.  Entries
 * that land next to each other (all of them, on a first load) are
 * announced in one items-changed. */
static void
apply_entries (OsaiHistory *self,
               ScanResult  *result,
               guint        start,
               guint        end,
               guint64      serial)
{
  guint old_n_items = self->entries->len;
  guint run_position = 0, run_length = 0;

  for (guint i = start; i < end; i++)
    {
      OsaiHistoryEntry *entry = g_ptr_array_index (result->entries, i);
      const char *key = osai_history_entry_get_key (entry);
      OsaiHistoryEntry *existing;
      guint position;

      if (touched_since (self, key, serial))
        continue;

      existing = g_hash_table_lookup (self->by_key, key);
      if (existing != NULL)
        {
          if (run_length > 0)
            g_list_model_items_changed (G_LIST_MODEL (self), run_position, 0, run_length);
          run_length = 0;
          upsert (self, entry);
          continue;
        }

      position = sorted_position (self, entry);
      if (run_length > 0 && position != run_position + run_length)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), run_position, 0, run_length);
          run_length = 0;
        }
      if (run_length == 0)
        run_position = position;
      insert_at (self, position, entry);
      run_length++;
    }

  if (run_length > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), run_position, 0, run_length);

  notify_n_items (self, old_n_items);
}

/* What a read found missing, or a full read did not find, leaves the
 * model, unless the model changed it since the read began. */
static void
apply_removals (OsaiHistory *self,
                ScanResult  *result,
                guint64      serial,
                guint        n_items_before)
{
  /* A model empty when the read began has nothing the read could miss
   * (what was added since is newer than the read): the first load of a
   * long history skips a pass over all of it. */
  if (result->full && n_items_before > 0)
    {
      g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < result->entries->len; i++)
        {
          OsaiHistoryEntry *entry = g_ptr_array_index (result->entries, i);

          g_hash_table_add (found, (gpointer) osai_history_entry_get_key (entry));
        }

      for (guint i = 0; i < self->entries->len; i++)
        {
          OsaiHistoryEntry *entry = g_ptr_array_index (self->entries, i);
          const char *key = osai_history_entry_get_key (entry);

          if (!g_hash_table_contains (found, key) && !touched_since (self, key, serial))
            g_ptr_array_add (gone, g_object_ref (entry));
        }

      for (guint i = 0; i < gone->len; i++)
        remove_entry (self, g_ptr_array_index (gone, i));
    }

  for (guint i = 0; i < result->missing->len; i++)
    {
      OsaiHistoryEntry *entry = g_hash_table_lookup (self->by_file,
                                                     g_ptr_array_index (result->missing, i));

      if (entry != NULL && !touched_since (self, osai_history_entry_get_key (entry), serial))
        {
          g_autoptr(OsaiHistoryEntry) keep = g_object_ref (entry);

          remove_entry (self, keep);
        }
    }
}

static void
apply_problems (OsaiHistory *self,
                ScanResult  *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      GError *problem = g_ptr_array_index (result->problems, i);

      g_ptr_array_add (self->problems, g_error_copy (problem));
      g_signal_emit (self, signals[SIGNAL_SET_ASIDE], 0, problem);
    }
}

static void
set_loaded (OsaiHistory *self)
{
  if (self->loaded)
    return;

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* ---- Watching other instances --------------------------------------------------------------- */

typedef struct
{
  char    *dir;
  GStrv    names;      /* NULL: the whole folder */
  guint64  serial;     /* the model's serial when the read began */
  guint    n_items;    /* and its size */
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_free (data->dir);
  g_strfreev (data->names);
  g_free (data);
}

static ScanData *
scan_data_new (OsaiHistory *self,
               GStrv        names)
{
  ScanData *data = g_new0 (ScanData, 1);

  data->dir = g_strdup (self->dir);
  data->names = names;
  data->serial = self->serial;
  data->n_items = self->entries->len;

  return data;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  GError *error = NULL;
  ScanResult *result;

  if (data->names == NULL && g_mkdir_with_parents (data->dir, 0700) != 0)
    g_debug ("Could not create %s: %s", data->dir, g_strerror (errno));

  result = scan (data->dir, (const char * const *) data->names, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) scan_result_free);
}

static void
rescan_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OsaiHistory *self = OSAI_HISTORY (object);
  ScanData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(ScanResult) scanned = NULL;
  g_autoptr(GError) error = NULL;

  scanned = g_task_propagate_pointer (G_TASK (result), &error);
  if (scanned == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the history again: %s", error->message);
      return;
    }

  apply_entries (self, scanned, 0, scanned->entries->len, data->serial);
  apply_removals (self, scanned, data->serial, data->n_items);
  apply_problems (self, scanned);
}

static gboolean
monitor_timeout_cb (gpointer user_data)
{
  OsaiHistory *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;
  GStrv list;

  self->monitor_timeout_id = 0;

  g_hash_table_iter_init (&iter, self->changed_names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_ptr_array_add (names, name);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_add (names, NULL);

  task = g_task_new (self, self->cancellable, rescan_cb, NULL);
  g_task_set_source_tag (task, monitor_timeout_cb);
  list = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  g_task_set_task_data (task, scan_data_new (self, list), (GDestroyNotify) scan_data_free);
  g_task_run_in_thread (task, scan_thread);

  return G_SOURCE_REMOVE;
}

static void
note_changed (OsaiHistory *self,
              GFile       *file)
{
  g_autofree char *name = NULL;

  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  if (name == NULL || !is_entry_name (name))
    return;

  g_hash_table_add (self->changed_names, g_steal_pointer (&name));
  if (self->monitor_timeout_id == 0)
    self->monitor_timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, MONITOR_DELAY_MS,
                                                   monitor_timeout_cb, self, NULL);
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    OsaiHistory       *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
      note_changed (self, file);
      note_changed (self, other_file);
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
start_monitor (OsaiHistory *self)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    return;

  dir = g_file_new_for_path (self->dir);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", self->dir, error->message);
      return;
    }

  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self, 0);
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
osai_history_dispose (GObject *object)
{
  OsaiHistory *self = (OsaiHistory *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->monitor_timeout_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_hash_table_remove_all (self->by_key);
  g_hash_table_remove_all (self->by_file);
  g_ptr_array_set_size (self->entries, 0);

  G_OBJECT_CLASS (osai_history_parent_class)->dispose (object);
}

static void
osai_history_finalize (GObject *object)
{
  OsaiHistory *self = (OsaiHistory *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->by_file, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->changed_names, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->dir, g_free);

  G_OBJECT_CLASS (osai_history_parent_class)->finalize (object);
}

static void
osai_history_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OsaiHistory *self = OSAI_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->entries->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_history_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OsaiHistory *self = OSAI_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_free (self->dir);
      self->dir = g_value_get_string (value) != NULL ? g_value_dup_string (value)
                                                     : osai_history_get_default_dir ();
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
osai_history_class_init (OsaiHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = osai_history_dispose;
  object_class->finalize = osai_history_finalize;
  object_class->get_property = osai_history_get_property;
  object_class->set_property = osai_history_set_property;

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OsaiHistory::set-aside:
   * @self: the history
   * @error: an %OSAI_HISTORY_ERROR_CORRUPT error whose message names the
   *   damaged file and where it was moved
   *
   * An entry file could not be read and was moved to history/set-aside/.
   * Every such error stays in osai_history_get_problems() too.
   */
  signals[SIGNAL_SET_ASIDE] =
    g_signal_new ("set-aside",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
osai_history_init (OsaiHistory *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_file = g_hash_table_new (g_str_hash, g_str_equal);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->changed_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  self->cancellable = g_cancellable_new ();
}

/* ---- Public API ----------------------------------------------------------------------------- */

/**
 * osai_history_get_default_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/APP_ID/history, where the app
 *   and the CLI keep the history
 */
char *
osai_history_get_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "history", NULL);
}

/**
 * osai_history_new:
 * @dir: (nullable): the history folder; %NULL for
 *   osai_history_get_default_dir()
 *
 * Nothing is read until osai_history_load_async() or osai_history_load().
 *
 * Returns: (transfer full): an empty history
 */
OsaiHistory *
osai_history_new (const char *dir)
{
  return g_object_new (OSAI_TYPE_HISTORY,
                       "dir", dir,
                       NULL);
}

const char *
osai_history_get_dir (OsaiHistory *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY (self), NULL);

  return self->dir;
}

/**
 * osai_history_get_loaded:
 *
 * Returns: %TRUE once a load has finished: an empty model is then an empty
 *   history, not one still being read
 */
gboolean
osai_history_get_loaded (OsaiHistory *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY (self), FALSE);

  return self->loaded;
}

/**
 * osai_history_get_problems:
 *
 * Returns: (transfer none) (element-type GError): every
 *   %OSAI_HISTORY_ERROR_CORRUPT error met so far, oldest first, as
 *   #OsaiHistory::set-aside announced them
 */
GPtrArray *
osai_history_get_problems (OsaiHistory *self)
{
  g_return_val_if_fail (OSAI_IS_HISTORY (self), NULL);

  return self->problems;
}

/**
 * osai_history_load:
 * @self: an #OsaiHistory
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an %OSAI_HISTORY_ERROR_CORRUPT error when the
 *   folder itself cannot be read
 *
 * Reads the history in the calling thread and fills the model at once: for
 * the CLI.  Damaged entries are set aside and announced, not an error.
 *
 * Returns: %TRUE when the folder could be read (or does not exist yet)
 */
gboolean
osai_history_load (OsaiHistory   *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(ScanResult) result = NULL;
  guint64 serial;
  guint n_items;

  g_return_val_if_fail (OSAI_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  serial = self->serial;
  n_items = self->entries->len;
  result = scan (self->dir, NULL, cancellable, error);
  if (result == NULL)
    return FALSE;

  apply_entries (self, result, 0, result->entries->len, serial);
  apply_removals (self, result, serial, n_items);
  apply_problems (self, result);
  set_loaded (self);

  return TRUE;
}

typedef struct
{
  ScanResult *result;
  guint64     serial;
  guint       n_items;
  guint       next;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->result, scan_result_free);
  g_free (data);
}

static gboolean
load_batch_cb (gpointer user_data)
{
  GTask *task = user_data;
  OsaiHistory *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  guint end;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  end = MIN (data->next + LOAD_BATCH, data->result->entries->len);
  apply_entries (self, data->result, data->next, end, data->serial);
  data->next = end;
  if (data->next < data->result->entries->len)
    return G_SOURCE_CONTINUE;

  apply_removals (self, data->result, data->serial, data->n_items);
  apply_problems (self, data->result);
  set_loaded (self);
  start_monitor (self);
  g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

static void
load_scanned_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ScanData *scan_data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  LoadData *data;
  GSource *source;

  data = g_new0 (LoadData, 1);
  data->serial = scan_data->serial;
  data->n_items = scan_data->n_items;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  data->result = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Below the frame clock's priority: the list keeps drawing meanwhile. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, load_batch_cb, g_steal_pointer (&task), g_object_unref);
  g_source_set_static_name (source, "[osai-history] load batch");
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/**
 * osai_history_load_async:
 * @self: an #OsaiHistory
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every entry is in the model
 * @user_data: data for @callback
 *
 * Reads the history folder in a worker thread, then puts the entries into
 * the model in batches from the calling thread's main context, newest
 * first, so the first rows show at once.  Damaged entries are set aside
 * and announced with #OsaiHistory::set-aside.  Afterwards the folder is
 * watched: what another instance adds, completes or removes shows up.
 * Calling it again reads the folder again and brings the model up to date.
 */
void
osai_history_load_async (OsaiHistory         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) scan_task = NULL;

  g_return_if_fail (OSAI_IS_HISTORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_history_load_async);

  scan_task = g_task_new (self, cancellable, load_scanned_cb, g_steal_pointer (&task));
  g_task_set_source_tag (scan_task, osai_history_load_async);
  g_task_set_task_data (scan_task, scan_data_new (self, NULL), (GDestroyNotify) scan_data_free);
  g_task_run_in_thread (scan_task, scan_thread);
}

gboolean
osai_history_load_finish (OsaiHistory   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Writes @entry's file, whole or not at all. */
static gboolean
write_entry (const char        *dir,
             OsaiHistoryEntry  *entry,
             GError           **error)
{
  g_autoptr(GBytes) bytes = osai_history_entry_to_bytes (entry);
  g_autofree char *path = g_build_filename (dir, osai_history_entry_get_file_name (entry), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  gconstpointer data;
  gsize size;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_WRITE,
                   /* Translators: the first %s is a folder, the second why. */
                   _("Could not save the report in the history “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &size);
  if (!osai_safe_file_set_contents (file, data, size, 0600, &local_error))
    {
      g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_WRITE,
                   _("Could not save the report in the history “%s”: %s"),
                   dir, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * osai_history_add:
 * @self: an #OsaiHistory
 * @entry: an entry, of any state
 * @error: return location for an %OSAI_HISTORY_ERROR_WRITE error
 *
 * Writes @entry to its file (replacing the entry with its key, if any) and
 * puts it into the model.  The write is durable before this returns; on
 * failure the store and the model are as they were.
 *
 * Returns: %TRUE on success
 */
gboolean
osai_history_add (OsaiHistory       *self,
                  OsaiHistoryEntry  *entry,
                  GError           **error)
{
  g_return_val_if_fail (OSAI_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (entry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!write_entry (self->dir, entry, error))
    return FALSE;

  upsert (self, entry);
  return TRUE;
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  OsaiHistory *self = source_object;
  GError *error = NULL;

  if (!write_entry (self->dir, OSAI_HISTORY_ENTRY (task_data), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
add_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  OsaiHistory *self = OSAI_HISTORY (object);
  g_autoptr(GTask) task = user_data;
  OsaiHistoryEntry *entry = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Written: the model shows it, whether or not the caller still cares. */
  upsert (self, entry);
  g_task_return_boolean (task, TRUE);
}

/**
 * osai_history_add_async:
 * @self: an #OsaiHistory
 * @entry: an entry, of any state
 * @cancellable: (nullable): a #GCancellable; a write that began is finished
 * @callback: called once the entry is written and in the model
 * @user_data: data for @callback
 *
 * osai_history_add() with the write (and its fsync) in a worker thread.
 */
void
osai_history_add_async (OsaiHistory         *self,
                        OsaiHistoryEntry    *entry,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) write_task = NULL;

  g_return_if_fail (OSAI_IS_HISTORY (self));
  g_return_if_fail (OSAI_IS_HISTORY_ENTRY (entry));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_history_add_async);

  write_task = g_task_new (self, NULL, add_written_cb, g_steal_pointer (&task));
  g_task_set_source_tag (write_task, osai_history_add_async);
  g_task_set_task_data (write_task, g_object_ref (entry), g_object_unref);
  g_task_run_in_thread (write_task, add_thread);
}

gboolean
osai_history_add_finish (OsaiHistory   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * osai_history_remove:
 * @self: an #OsaiHistory
 * @entry: an entry of @self
 * @error: return location for an %OSAI_HISTORY_ERROR_WRITE error
 *
 * Deletes @entry's file and takes it out of the model.  The caller may
 * keep @entry to put it back with osai_history_restore() (an undo toast).
 *
 * Returns: %TRUE when the entry is gone (or was gone already)
 */
gboolean
osai_history_remove (OsaiHistory       *self,
                     OsaiHistoryEntry  *entry,
                     GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(OsaiHistoryEntry) keep = NULL;

  g_return_val_if_fail (OSAI_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (entry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  keep = g_object_ref (entry);
  path = g_build_filename (self->dir, osai_history_entry_get_file_name (entry), NULL);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_WRITE,
                   /* Translators: the first %s is a file, the second why. */
                   _("Could not remove “%s” from the history: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  remove_entry (self, entry);
  /* Even when @entry was not in the model itself but one with its key was. */
  entry = g_hash_table_lookup (self->by_key, osai_history_entry_get_key (keep));
  if (entry != NULL)
    remove_entry (self, entry);
  touch (self, osai_history_entry_get_key (keep));

  return TRUE;
}

/**
 * osai_history_restore:
 * @self: an #OsaiHistory
 * @entry: an entry osai_history_remove() removed
 * @error: return location for an %OSAI_HISTORY_ERROR_WRITE error
 *
 * Writes @entry back, in its place in the model.  An entry with the same
 * key that appeared meanwhile (another instance completed it) is kept.
 *
 * Returns: %TRUE on success
 */
gboolean
osai_history_restore (OsaiHistory       *self,
                      OsaiHistoryEntry  *entry,
                      GError           **error)
{
  g_return_val_if_fail (OSAI_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (entry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_hash_table_contains (self->by_key, osai_history_entry_get_key (entry)))
    return TRUE;

  return osai_history_add (self, entry, error);
}

typedef struct
{
  char      *dir;
  GPtrArray *entries;  /* to delete */
} ClearData;

static void
clear_data_free (ClearData *data)
{
  g_free (data->dir);
  g_ptr_array_unref (data->entries);
  g_free (data);
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ClearData *data = task_data;

  for (guint i = 0; i < data->entries->len; i++)
    {
      OsaiHistoryEntry *entry = g_ptr_array_index (data->entries, i);
      g_autofree char *path = g_build_filename (data->dir, osai_history_entry_get_file_name (entry),
                                                NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          /* What was deleted so far leaves the model: entries beyond @i stay. */
          g_ptr_array_set_size (data->entries, i);
          g_task_return_new_error (task, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_WRITE,
                                   _("Could not remove “%s” from the history: %s"),
                                   path, g_strerror (saved_errno));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OsaiHistory *self = OSAI_HISTORY (object);
  g_autoptr(GTask) task = user_data;
  ClearData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GHashTable) gone = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  gboolean ok;
  guint old_n_items = self->entries->len;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  for (guint i = 0; i < data->entries->len; i++)
    g_hash_table_add (gone, g_ptr_array_index (data->entries, i));

  for (guint i = 0; i < self->entries->len; i++)
    {
      OsaiHistoryEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_hash_table_contains (gone, entry))
        {
          touch (self, osai_history_entry_get_key (entry));
          g_hash_table_remove (self->by_key, osai_history_entry_get_key (entry));
          g_hash_table_remove (self->by_file, osai_history_entry_get_file_name (entry));
        }
      else
        g_ptr_array_add (kept, g_object_ref (entry));
    }

  if (kept->len != old_n_items)
    {
      g_ptr_array_unref (self->entries);
      self->entries = g_steal_pointer (&kept);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->entries->len);
      notify_n_items (self, old_n_items);
    }

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * osai_history_clear_async:
 * @self: an #OsaiHistory
 * @cancellable: (nullable): a #GCancellable; files deleted are gone
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes every finished (done or failed) entry, in a worker thread.
 * Pending entries stay: they stand for reports the server is still making,
 * which the next start resumes; remove one with osai_history_remove().
 */
void
osai_history_clear_async (OsaiHistory         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) clear_task = NULL;
  ClearData *data;

  g_return_if_fail (OSAI_IS_HISTORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, osai_history_clear_async);

  data = g_new0 (ClearData, 1);
  data->dir = g_strdup (self->dir);
  data->entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->entries->len; i++)
    {
      OsaiHistoryEntry *entry = g_ptr_array_index (self->entries, i);

      if (osai_history_entry_get_state (entry) != OSAI_HISTORY_STATE_PENDING)
        g_ptr_array_add (data->entries, g_object_ref (entry));
    }

  clear_task = g_task_new (self, NULL, clear_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (clear_task, osai_history_clear_async);
  g_task_set_task_data (clear_task, data, (GDestroyNotify) clear_data_free);
  g_task_run_in_thread (clear_task, clear_thread);
}

gboolean
osai_history_clear_finish (OsaiHistory   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * osai_history_add_pending:
 * @self: an #OsaiHistory
 * @server: the API base URL
 * @account: (nullable): who asked for it
 * @report_id: the ID `POST /Reports` answered with
 * @request: what was asked for
 * @error: return location for an error
 *
 * Records a report that is being generated, as soon as its ID is known,
 * so that a later start can poll it again instead of asking twice.  When
 * the history already has the report finished, that entry is returned and
 * nothing is written.
 *
 * Returns: (transfer full) (nullable): the pending entry, to give to
 *   osai_history_complete_pending()
 */
OsaiHistoryEntry *
osai_history_add_pending (OsaiHistory        *self,
                          const char         *server,
                          const char         *account,
                          gint64              report_id,
                          OsaiReportRequest  *request,
                          GError            **error)
{
  g_autoptr(OsaiHistoryEntry) entry = NULL;
  OsaiHistoryEntry *existing;

  g_return_val_if_fail (OSAI_IS_HISTORY (self), NULL);
  g_return_val_if_fail (OSAI_IS_REPORT_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entry = osai_history_entry_new_pending (server, account, report_id, request, NULL, error);
  if (entry == NULL)
    return NULL;

  existing = g_hash_table_lookup (self->by_key, osai_history_entry_get_key (entry));
  if (existing != NULL && osai_history_entry_get_state (existing) != OSAI_HISTORY_STATE_PENDING)
    return g_object_ref (existing);

  if (!osai_history_add (self, entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/**
 * osai_history_complete_pending:
 * @self: an #OsaiHistory
 * @pending: a pending entry
 * @report: the same report, finished (done or failed)
 * @error: return location for an error
 *
 * Replaces @pending with the finished entry in one atomic rename: there is
 * never a moment with both, or with neither.  Completing an entry another
 * instance completed already writes the same file again.
 *
 * Returns: (transfer full) (nullable): the finished entry
 */
OsaiHistoryEntry *
osai_history_complete_pending (OsaiHistory       *self,
                               OsaiHistoryEntry  *pending,
                               OsaiReport        *report,
                               GError           **error)
{
  g_autoptr(OsaiHistoryEntry) entry = NULL;

  g_return_val_if_fail (OSAI_IS_HISTORY (self), NULL);
  g_return_val_if_fail (OSAI_IS_HISTORY_ENTRY (pending), NULL);
  g_return_val_if_fail (OSAI_IS_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entry = osai_history_entry_complete (pending, report, error);
  if (entry == NULL || !osai_history_add (self, entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/**
 * osai_history_get_pending:
 *
 * Returns: (transfer container) (element-type OsaiHistoryEntry): the
 *   pending entries, oldest first: the reports to resume polling
 */
GPtrArray *
osai_history_get_pending (OsaiHistory *self)
{
  GPtrArray *pending;

  g_return_val_if_fail (OSAI_IS_HISTORY (self), NULL);

  pending = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = self->entries->len; i > 0; i--)
    {
      OsaiHistoryEntry *entry = g_ptr_array_index (self->entries, i - 1);

      if (osai_history_entry_get_state (entry) == OSAI_HISTORY_STATE_PENDING)
        g_ptr_array_add (pending, g_object_ref (entry));
    }

  return pending;
}

/**
 * osai_history_lookup:
 * @self: an #OsaiHistory
 * @key: a key, "ID@host"
 *
 * Returns: (transfer none) (nullable): the entry with @key
 */
OsaiHistoryEntry *
osai_history_lookup (OsaiHistory *self,
                     const char  *key)
{
  g_return_val_if_fail (OSAI_IS_HISTORY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->by_key, key);
}

/**
 * osai_history_is_id_unique:
 *
 * Returns: %TRUE when no more than one entry has @report_id, so that the ID
 *   alone names it
 */
gboolean
osai_history_is_id_unique (OsaiHistory *self,
                           gint64       report_id)
{
  guint count = 0;

  g_return_val_if_fail (OSAI_IS_HISTORY (self), FALSE);

  for (guint i = 0; i < self->entries->len && count < 2; i++)
    if (osai_history_entry_get_report_id (g_ptr_array_index (self->entries, i)) == report_id)
      count++;

  return count < 2;
}

/**
 * osai_history_find:
 * @self: an #OsaiHistory
 * @id: a report ID ("4711") when only one entry has it, or a key
 *   ("4711@app-eu.onestepai.com")
 * @error: return location for an %OSAI_HISTORY_ERROR_NOT_FOUND or
 *   %OSAI_HISTORY_ERROR_AMBIGUOUS error
 *
 * How people name entries on a command line.
 *
 * Returns: (transfer none) (nullable): the entry
 */
OsaiHistoryEntry *
osai_history_find (OsaiHistory  *self,
                   const char   *id,
                   GError      **error)
{
  g_autoptr(GPtrArray) matches = NULL;
  guint64 report_id;

  g_return_val_if_fail (OSAI_IS_HISTORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strchr (id, '@') != NULL)
    {
      g_autofree char *key = g_ascii_strdown (id, -1);
      OsaiHistoryEntry *entry = g_hash_table_lookup (self->by_key, key);

      if (entry == NULL)
        g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_NOT_FOUND,
                     _("There is no report “%s” in the history."), id);
      return entry;
    }

  if (!g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT64, &report_id, NULL))
    {
      g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_NOT_FOUND,
                   _("There is no report “%s” in the history."), id);
      return NULL;
    }

  matches = g_ptr_array_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      OsaiHistoryEntry *entry = g_ptr_array_index (self->entries, i);

      if (osai_history_entry_get_report_id (entry) == (gint64) report_id)
        g_ptr_array_add (matches, entry);
    }

  if (matches->len == 0)
    {
      g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_NOT_FOUND,
                   _("There is no report “%s” in the history."), id);
      return NULL;
    }

  if (matches->len > 1)
    {
      g_autoptr(GString) keys = g_string_new (NULL);

      for (guint i = 0; i < matches->len; i++)
        {
          if (i > 0)
            g_string_append (keys, ", ");
          g_string_append (keys, osai_history_entry_get_key (g_ptr_array_index (matches, i)));
        }
      /* Translators: the first %s is an ID, the second a list of "ID@host". */
      g_set_error (error, OSAI_HISTORY_ERROR, OSAI_HISTORY_ERROR_AMBIGUOUS,
                   _("Several reports in the history have the ID “%s”: %s."),
                   id, keys->str);
      return NULL;
    }

  return g_ptr_array_index (matches, 0);
}
