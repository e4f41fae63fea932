/* osai-json-write.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 (Debian 12) writes a double with "%.17g" and appends ".0"
 * when that has no '.', without looking for an exponent: 2e18 becomes
 * "2e+18.0" and 1e-8 "1e-08.0", which no JSON parser takes, json-glib's
 * own included.  A non-finite double becomes "inf.0", "-inf.0", "nan.0" or
 * "-nan.0".  Newer json-glib releases fix the first; JSON has no spelling
 * for the second.
 *
 * So the text json-glib generates is mended here, in one pass outside the
 * strings: the ".0" after an exponent goes (what is left is the "%.17g"
 * spelling, which reads back as the very same double), and a non-finite
 * number becomes null, as JavaScript's JSON.stringify() writes it.  Every
 * piece of core and CLI code that turns a JsonNode into text goes through
 * osai_json_to_string().
 */
#define G_LOG_DOMAIN "osai-json-write"

#include "config.h"

#include <string.h>

#include "osai-json-write.h"

/* Bytes that end a bare token (a number, true, false or null) in
 * json-glib's output: whitespace, structure and a string's quote. */
static gboolean
ends_token (char c)
{
  switch (c)
    {
    case '\0':
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '{':
    case '}':
    case '[':
    case ']':
    case ',':
    case ':':
    case '"':
      return TRUE;
    default:
      return FALSE;
    }
}

static void
append_token (GString    *out,
              const char *token,
              gsize       length)
{
  const char *digits = token[0] == '-' ? token + 1 : token;

  /* "inf.0", "-nan.0" and the like: the only bare words json-glib writes
   * besides the three literals. */
  if (g_ascii_isalpha (digits[0]) &&
      !(length == 4 && memcmp (token, "true", 4) == 0) &&
      !(length == 5 && memcmp (token, "false", 5) == 0) &&
      !(length == 4 && memcmp (token, "null", 4) == 0))
    {
      g_string_append (out, "null");
      return;
    }

  /* "2e+18.0": the ".0" json-glib 1.6 adds after an exponent.  A number
   * "%.17g" writes with an exponent never ends with ".0" on its own. */
  if (length > 2 && token[length - 2] == '.' && token[length - 1] == '0' &&
      (memchr (token, 'e', length) != NULL || memchr (token, 'E', length) != NULL))
    length -= 2;

  g_string_append_len (out, token, length);
}

/**
 * osai_json_to_string:
 * @node: a #JsonNode
 * @pretty: %TRUE for json-glib's indented form (two spaces a level),
 *   %FALSE for the compact one
 *
 * What json_to_string() returns, without the invalid numbers json-glib 1.6
 * writes: a double with an exponent is written as "%.17g" spells it
 * ("2e+18", "1e-08"), which reads back bit for bit; a non-finite double,
 * which JSON cannot hold, as null.
 *
 * Returns: (transfer full): valid JSON text
 */
char *
osai_json_to_string (JsonNode *node,
                     gboolean  pretty)
{
  g_autofree char *text = NULL;
  GString *out;
  const char *p;

  g_return_val_if_fail (node != NULL, NULL);

  text = json_to_string (node, pretty);
  out = g_string_sized_new (strlen (text));

  p = text;
  while (*p != '\0')
    {
      const char *start = p;

      if (*p == '"')
        {
          /* A string, as json-glib escapes it: copied as it is. */
          for (p++; *p != '\0' && *p != '"'; p++)
            if (*p == '\\' && p[1] != '\0')
              p++;
          if (*p == '"')
            p++;
          g_string_append_len (out, start, p - start);
        }
      else if (!ends_token (*p))
        {
          while (!ends_token (*p))
            p++;
          append_token (out, start, p - start);
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}
