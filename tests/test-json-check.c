/* test-json-check.c — the streaming JSON syntax check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "osai-error.h"
#include "osai-json-check.h"
#include "osai-test-utils.h"

/* 0: valid; otherwise the OsaiError that feed or finish must give. */
typedef struct
{
  const char *text;
  int         expected;
} Case;

#define VALID 0
#define PROTOCOL OSAI_ERROR_PROTOCOL
#define TRUNCATED OSAI_ERROR_TRUNCATED

static const Case cases[] = {
  { "{}", VALID },
  { "[]", VALID },
  { " \t\r\n{ \n } \n", VALID },
  { "[ ]", VALID },
  { "0", VALID },
  { "-0", VALID },
  { "7", VALID },
  { "123456789", VALID },
  { " 42 ", VALID },
  { "1.4956327299571348e+18", VALID },
  { "1.4956327299571348E+18", VALID },
  { "-12.5e-3", VALID },
  { "1E5", VALID },
  { "0.5", VALID },
  { "\"\"", VALID },
  { "\"text\"", VALID },
  { "true", VALID },
  { "false", VALID },
  { "null", VALID },
  { "[1,2,3]", VALID },
  { "[1 , 2 ,3 ]", VALID },
  { "[0,-0,0.0,0e0,-1.25E-2]", VALID },
  { "{\"a\":[{\"b\":{\"c\":[true,false,null,{}]}}],\"d\":\"e\"}", VALID },
  { "{ \"a\" : 1 , \"b\" : [ ] }", VALID },
  { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", VALID },
  { "\"\\u00e9\\uD83D\\uDE00\\uABCD\"", VALID },
  { "\"zażółć gęślą jaźń — ✓\"", VALID },
  { "{\"\\u0041\\n\":\"}]\"}", VALID },
  { "\xEF\xBB\xBF{\"bom\":true}", VALID },
  { "[[[[[[[[[[]]]]]]]]]]", VALID },

  { "", TRUNCATED },
  { "   ", TRUNCATED },
  { "\"abc", TRUNCATED },
  { "\"abc\\", TRUNCATED },
  { "\"\\u12", TRUNCATED },
  { "[1,2", TRUNCATED },
  { "[1,2,", TRUNCATED },
  { "{\"a\":", TRUNCATED },
  { "{\"a\"", TRUNCATED },
  { "{", TRUNCATED },
  { "[[[]]", TRUNCATED },
  { "tru", TRUNCATED },
  { "-", TRUNCATED },
  { "1.", TRUNCATED },
  { "1e", TRUNCATED },
  { "1e+", TRUNCATED },

  { "[1,2,]", PROTOCOL },
  { "{\"a\":1,}", PROTOCOL },
  { "[,]", PROTOCOL },
  { "\"\\x\"", PROTOCOL },
  { "\"\\u12G4\"", PROTOCOL },
  { "{} {}", PROTOCOL },
  { "1 2", PROTOCOL },
  { "\"a\"\"b\"", PROTOCOL },
  { "01", PROTOCOL },
  { "[01]", PROTOCOL },
  { ".5", PROTOCOL },
  { "+1", PROTOCOL },
  { "1.e5", PROTOCOL },
  { "--1", PROTOCOL },
  { "1e+-5", PROTOCOL },
  { "trux", PROTOCOL },
  { "truex", PROTOCOL },
  { "nul1", PROTOCOL },
  { "True", PROTOCOL },
  { "[1 2]", PROTOCOL },
  { "{\"a\" 1}", PROTOCOL },
  { "{1:2}", PROTOCOL },
  { "{\"a\":1 \"b\":2}", PROTOCOL },
  { "[}", PROTOCOL },
  { "{]", PROTOCOL },
  { "[1}", PROTOCOL },
  { "{\"a\":1]", PROTOCOL },
  { "]", PROTOCOL },
  { "\"a\nb\"", PROTOCOL },
  { "\"tab\there\"", PROTOCOL },
  { "<Error><Code>AccessDenied</Code></Error>", PROTOCOL },
  { "\xEF\xBB{}", PROTOCOL },
  { "{}\xEF\xBB\xBF", PROTOCOL },
  { "NaN", PROTOCOL },
  { "[1,2]x", PROTOCOL },
};

/* Feeds @text in the given pieces; returns the OsaiError code, or VALID. */
static int
check_chunks (const char   *text,
              gsize         len,
              const gsize  *splits,
              guint         n_splits,
              char        **out_message)
{
  g_autoptr(OsaiJsonCheck) check = osai_json_check_new ();
  g_autoptr(GError) error = NULL;
  gsize start = 0;

  for (guint i = 0; i <= n_splits; i++)
    {
      gsize stop = i < n_splits ? splits[i] : len;

      if (!osai_json_check_feed (check, (const guint8 *) text + start, stop - start, &error))
        goto failed;
      start = stop;
    }

  if (osai_json_check_finish (check, &error))
    return VALID;

failed:
  g_assert_nonnull (error);
  g_assert_true (error->domain == OSAI_ERROR);
  if (out_message != NULL)
    *out_message = g_strdup (error->message);
  return error->code;
}

static void
test_json_check_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = strlen (cases[i].text);
      g_autofree char *message = NULL;
      int verdict = check_chunks (cases[i].text, len, NULL, 0, &message);

      if (verdict != cases[i].expected)
        g_error ("“%s”: expected %d, got %d (%s)", cases[i].text, cases[i].expected, verdict,
                 message != NULL ? message : "no error");
    }
}

static void
test_json_check_splits (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *text = cases[i].text;
      gsize len = strlen (text);
      g_autofree char *whole_message = NULL;
      int whole = check_chunks (text, len, NULL, 0, &whole_message);

      /* Two pieces, split everywhere, empty pieces included. */
      for (gsize split = 0; split <= len; split++)
        {
          g_autofree char *message = NULL;

          g_assert_cmpint (check_chunks (text, len, &split, 1, &message), ==, whole);
          g_assert_cmpstr (message, ==, whole_message);
        }

      /* One byte at a time. */
      {
        g_autofree gsize *splits = g_new (gsize, len + 1);
        g_autofree char *message = NULL;

        for (gsize j = 0; j < len; j++)
          splits[j] = j;
        g_assert_cmpint (check_chunks (text, len, splits, len, &message), ==, whole);
        g_assert_cmpstr (message, ==, whole_message);
      }
    }
}

static void
test_json_check_byte_offset (void)
{
  g_autoptr(OsaiJsonCheck) check = osai_json_check_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (osai_json_check_feed (check, (const guint8 *) "[1,2,", 5, &error));
  g_assert_no_error (error);
  g_assert_false (osai_json_check_feed (check, (const guint8 *) "]", 1, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "The detailed report is not valid JSON (byte 5).");
  g_clear_error (&error);

  /* The error sticks. */
  g_assert_false (osai_json_check_feed (check, (const guint8 *) "]", 1, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_false (osai_json_check_finish (check, &error));
  g_assert_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL);
}

static void
test_json_check_depth (void)
{
  for (guint depth = 4095; depth <= 4097; depth++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *message = NULL;
      int verdict;

      /* Alternate objects and arrays so both bits of the stack are used. */
      for (guint i = 0; i < depth; i++)
        g_string_append (text, i % 2 ? "[" : "{\"k\":");
      g_string_append (text, "1");
      for (guint i = depth; i > 0; i--)
        g_string_append_c (text, (i - 1) % 2 ? ']' : '}');

      verdict = check_chunks (text->str, text->len, NULL, 0, &message);
      g_assert_cmpint (verdict, ==, depth <= 4096 ? VALID : PROTOCOL);
    }
}

static void
test_json_check_fixture (void)
{
  g_autofree char *path = osai_test_data_path ("report-done.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  for (gsize split = 0; split <= len; split++)
    g_assert_cmpint (check_chunks (contents, len, &split, 1, NULL), ==, VALID);

  /* Cut anywhere, it is incomplete. */
  for (gsize cut = 0; cut < len - 1; cut++)
    g_assert_cmpint (check_chunks (contents, cut, NULL, 0, NULL), ==, TRUNCATED);
}

static void
test_json_check_speed (void)
{
  const gsize target = 64 * 1024 * 1024;
  g_autoptr(GString) text = g_string_sized_new (target + 1024);
  g_autoptr(OsaiJsonCheck) check = osai_json_check_new ();
  g_autoptr(GError) error = NULL;
  const gsize chunk = 64 * 1024;
  gint64 start, elapsed;
  double mb_per_s;

  g_string_append (text, "[");
  while (text->len < target)
    g_string_append (text,
                     "{\"id\":16718,\"name\":\"dataset-0001/images/IMG_20230210_143333.jpg\","
                     "\"kbMin\":1.4956327299571348e+18,\"deleted\":false,\"tags\":[\"a\",\"b\"]},\n");
  g_string_append (text, "null]");

  start = g_get_monotonic_time ();
  for (gsize offset = 0; offset < text->len; offset += chunk)
    g_assert_true (osai_json_check_feed (check, (const guint8 *) text->str + offset,
                                         MIN (chunk, text->len - offset), &error));
  g_assert_true (osai_json_check_finish (check, &error));
  elapsed = MAX (g_get_monotonic_time () - start, 1);

  mb_per_s = (double) text->len / elapsed;
  g_test_message ("checked %" G_GSIZE_FORMAT " bytes at %.0f MB/s", text->len, mb_per_s);
  if (g_test_perf ())
    {
      g_test_maximized_result (mb_per_s, "%.0f MB/s", mb_per_s);
      g_assert_cmpfloat (mb_per_s, >, 500.0);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-check/cases", test_json_check_cases);
  g_test_add_func ("/json-check/splits", test_json_check_splits);
  g_test_add_func ("/json-check/byte-offset", test_json_check_byte_offset);
  g_test_add_func ("/json-check/depth", test_json_check_depth);
  g_test_add_func ("/json-check/fixture", test_json_check_fixture);
  g_test_add_func ("/json-check/speed", test_json_check_speed);

  return g_test_run ();
}
