/* test-error.c — every OSAI_ERROR code says what to do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "osai-error.h"

static void
test_error_hints (void)
{
  for (int code = OSAI_ERROR_INVALID_INPUT; code <= OSAI_ERROR_WRITE; code++)
    {
      g_autoptr(GError) error = g_error_new (OSAI_ERROR, code, "Something went wrong.");
      g_autofree char *text = osai_error_describe (error);

      g_assert_nonnull (osai_error_get_hint (error));
      g_assert_true (g_str_has_prefix (text, "Something went wrong. "));
      g_assert_cmpuint (strlen (text), >, strlen ("Something went wrong. ") + 10);
    }
}

static void
test_error_cancelled (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_autofree char *text = osai_error_describe (error);

  g_assert_null (osai_error_get_hint (error));
  g_assert_cmpstr (text, ==, "Cancelled");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/error/hints", test_error_hints);
  g_test_add_func ("/error/cancelled", test_error_cancelled);

  return g_test_run ();
}
