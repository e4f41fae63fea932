/* replay-main.c — a fuzz target as a plain program, for the regression tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-TARGET-replay FILE-OR-DIRECTORY...
 *
 * Runs LLVMFuzzerTestOneInput() over each file given and over every file of
 * each directory given (in name order; names starting with a dot are
 * skipped).  A directory that does not exist counts as
 * empty: regressions/<target>/ only exists once a crash was found.  A
 * crash, a failed check or a critical aborts, which fails the test; no
 * compiler support for fuzzing is needed.
 */
#include <string.h>

#include <glib.h>

#include "fuzz-common.h"

static guint n_inputs;

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *exact = NULL;
  gsize size;

  if (!g_file_get_contents (path, &contents, &size, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  /* A buffer of exactly the input's size, as libFuzzer passes it, so that
   * a sanitizer sees any read past its end. */
  exact = g_memdup2 (contents, size);

  printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
  fflush (stdout);
  LLVMFuzzerTestOneInput (exact, size);
  n_inputs++;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
replay_directory (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        replay_directory (file);
      else
        replay_file (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
      return EXIT_FAILURE;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        replay_directory (argv[i]);
      else if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
        replay_file (argv[i]);
      else
        printf ("# %s: none\n", argv[i]);
    }

  printf ("# replayed %u inputs\n", n_inputs);
  return n_inputs > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
