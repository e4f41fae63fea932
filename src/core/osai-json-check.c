/* osai-json-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-json-check"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "osai-error.h"
#include "osai-json-check.h"

/* Deeper nesting than this is refused: the bit stack stays 512 bytes. */
#define MAX_DEPTH 4096

typedef enum
{
  STATE_BOM_OR_VALUE,     /* the very first byte: a UTF-8 BOM is tolerated */
  STATE_BOM_2,
  STATE_BOM_3,
  STATE_VALUE,
  STATE_VALUE_OR_CLOSE,   /* just after '[' */
  STATE_KEY_OR_CLOSE,     /* just after '{' */
  STATE_KEY,              /* after ',' in an object */
  STATE_COLON,
  STATE_AFTER_VALUE,
  STATE_DONE,             /* a complete top-level value: only whitespace now */
  STATE_STRING,
  STATE_ESCAPE,
  STATE_UNICODE,
  STATE_NUM_MINUS,
  STATE_NUM_ZERO,
  STATE_NUM_INT,
  STATE_NUM_DOT,
  STATE_NUM_FRAC,
  STATE_NUM_E,
  STATE_NUM_E_SIGN,
  STATE_NUM_EXP,
  STATE_LITERAL,
  STATE_ERROR,
} State;

struct _OsaiJsonCheck
{
  State        state;
  guint        depth;
  guint        unicode_left;
  gboolean     string_is_key;
  const char  *literal;       /* the rest of "true", "false" or "null" */
  guint64      offset;        /* bytes fed before the current chunk */
  guint64      error_offset;
  guint64      stack[MAX_DEPTH / 64];  /* bit set: object, clear: array */
};

/* Bytes that may appear in a string as themselves: not '"', not '\\', no
 * control characters. */
static const guint8 string_plain[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
  R16 (0), R16 (0),
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x20: '"' */
  R16 (1), R16 (1),
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,  /* 0x50: '\\' */
  R16 (1), R16 (1),
  R16 (1), R16 (1), R16 (1), R16 (1), R16 (1), R16 (1), R16 (1), R16 (1),
#undef R16
};

#define IS_SPACE(c) ((c) == ' ' || (c) == '\n' || (c) == '\r' || (c) == '\t')
#define IS_DIGIT(c) ((guint8) ((c) - '0') < 10)

static inline gboolean
top_is_object (OsaiJsonCheck *self)
{
  guint i = self->depth - 1;

  return (self->stack[i / 64] >> (i % 64)) & 1;
}

static inline gboolean
push (OsaiJsonCheck *self,
      gboolean       is_object)
{
  guint i = self->depth;

  if (i >= MAX_DEPTH)
    return FALSE;

  if (is_object)
    self->stack[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
  else
    self->stack[i / 64] &= ~(G_GUINT64_CONSTANT (1) << (i % 64));
  self->depth++;

  return TRUE;
}

static inline gboolean
is_hex (guint8 c)
{
  return IS_DIGIT (c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/**
 * osai_json_check_new:
 *
 * Returns: (transfer full): a checker expecting one JSON document
 */
OsaiJsonCheck *
osai_json_check_new (void)
{
  OsaiJsonCheck *self = g_new0 (OsaiJsonCheck, 1);

  self->state = STATE_BOM_OR_VALUE;

  return self;
}

void
osai_json_check_free (OsaiJsonCheck *self)
{
  g_free (self);
}

static gboolean
set_syntax_error (OsaiJsonCheck  *self,
                  GError        **error)
{
  g_set_error (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL,
               _("The detailed report is not valid JSON (byte %" PRIu64 ")."),
               self->error_offset);
  return FALSE;
}

/**
 * osai_json_check_feed:
 * @self: an #OsaiJsonCheck
 * @data: (array length=len): the next bytes of the document
 * @len: the number of bytes in @data
 * @error: return location for an %OSAI_ERROR_PROTOCOL error
 *
 * Checks the syntax of the next part of a document, in whatever pieces it
 * arrives.  Nothing of it is kept.
 *
 * Returns: %FALSE once the bytes fed so far cannot begin a JSON document
 */
gboolean
osai_json_check_feed (OsaiJsonCheck  *self,
                      const guint8   *data,
                      gsize           len,
                      GError        **error)
{
  const guint8 *p = data;
  const guint8 *end;
  State state;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing to check; and NULL + 0 is undefined behaviour in C. */
  if (len == 0)
    return TRUE;
  end = data + len;

  state = self->state;

  while (p < end)
    {
      guint8 c = *p;

      switch (state)
        {
        case STATE_BOM_OR_VALUE:
          if (c == 0xEF)
            {
              state = STATE_BOM_2;
              p++;
              break;
            }
          state = STATE_VALUE;
          break;

        case STATE_BOM_2:
          if (c != 0xBB)
            goto fail;
          state = STATE_BOM_3;
          p++;
          break;

        case STATE_BOM_3:
          if (c != 0xBF)
            goto fail;
          state = STATE_VALUE;
          p++;
          break;

        case STATE_KEY_OR_CLOSE:
          if (c == '}')
            {
              self->depth--;
              p++;
              goto value_done;
            }
          G_GNUC_FALLTHROUGH;
        case STATE_KEY:
          if (IS_SPACE (c))
            {
              p++;
              break;
            }
          if (c != '"')
            goto fail;
          self->string_is_key = TRUE;
          state = STATE_STRING;
          p++;
          break;

        case STATE_COLON:
          if (IS_SPACE (c))
            {
              p++;
              break;
            }
          if (c != ':')
            goto fail;
          state = STATE_VALUE;
          p++;
          break;

        case STATE_VALUE_OR_CLOSE:
          if (c == ']')
            {
              self->depth--;
              p++;
              goto value_done;
            }
          G_GNUC_FALLTHROUGH;
        case STATE_VALUE:
          p++;
          switch (c)
            {
            case ' ': case '\t': case '\n': case '\r':
              break;
            case '{':
              if (!push (self, TRUE))
                goto fail_before;
              state = STATE_KEY_OR_CLOSE;
              break;
            case '[':
              if (!push (self, FALSE))
                goto fail_before;
              state = STATE_VALUE_OR_CLOSE;
              break;
            case '"':
              self->string_is_key = FALSE;
              state = STATE_STRING;
              break;
            case '-':
              state = STATE_NUM_MINUS;
              break;
            case '0':
              state = STATE_NUM_ZERO;
              break;
            case '1': case '2': case '3': case '4': case '5':
            case '6': case '7': case '8': case '9':
              state = STATE_NUM_INT;
              break;
            case 't':
              self->literal = "rue";
              state = STATE_LITERAL;
              break;
            case 'f':
              self->literal = "alse";
              state = STATE_LITERAL;
              break;
            case 'n':
              self->literal = "ull";
              state = STATE_LITERAL;
              break;
            default:
              goto fail_before;
            }
          break;

        case STATE_AFTER_VALUE:
          while (p < end && IS_SPACE (*p))
            p++;
          if (p == end)
            break;
          c = *p;
          if (c == ',')
            {
              state = top_is_object (self) ? STATE_KEY : STATE_VALUE;
              p++;
              break;
            }
          if ((c == '}' && top_is_object (self)) || (c == ']' && !top_is_object (self)))
            {
              self->depth--;
              p++;
              goto value_done;
            }
          goto fail;

        case STATE_DONE:
          while (p < end && IS_SPACE (*p))
            p++;
          if (p < end)
            goto fail;
          break;

        case STATE_STRING:
          while (p < end && string_plain[*p])
            p++;
          if (p == end)
            break;
          c = *p++;
          if (c == '\\')
            {
              state = STATE_ESCAPE;
              break;
            }
          if (c != '"')
            goto fail_before;
          if (self->string_is_key)
            {
              state = STATE_COLON;
              break;
            }
          goto value_done;

        case STATE_ESCAPE:
          switch (c)
            {
            case '"': case '\\': case '/': case 'b':
            case 'f': case 'n': case 'r': case 't':
              state = STATE_STRING;
              break;
            case 'u':
              self->unicode_left = 4;
              state = STATE_UNICODE;
              break;
            default:
              goto fail;
            }
          p++;
          break;

        case STATE_UNICODE:
          if (!is_hex (c))
            goto fail;
          if (--self->unicode_left == 0)
            state = STATE_STRING;
          p++;
          break;

        case STATE_NUM_MINUS:
          if (c == '0')
            state = STATE_NUM_ZERO;
          else if (IS_DIGIT (c))
            state = STATE_NUM_INT;
          else
            goto fail;
          p++;
          break;

        case STATE_NUM_INT:
          while (p < end && IS_DIGIT (*p))
            p++;
          if (p == end)
            break;
          c = *p;
          G_GNUC_FALLTHROUGH;
        case STATE_NUM_ZERO:
          if (c == '.')
            {
              state = STATE_NUM_DOT;
              p++;
              break;
            }
          if (c == 'e' || c == 'E')
            {
              state = STATE_NUM_E;
              p++;
              break;
            }
          /* The number ended just before @c: look at @c again. */
          goto value_done;

        case STATE_NUM_DOT:
          if (!IS_DIGIT (c))
            goto fail;
          state = STATE_NUM_FRAC;
          p++;
          break;

        case STATE_NUM_FRAC:
          while (p < end && IS_DIGIT (*p))
            p++;
          if (p == end)
            break;
          c = *p;
          if (c == 'e' || c == 'E')
            {
              state = STATE_NUM_E;
              p++;
              break;
            }
          goto value_done;

        case STATE_NUM_E:
          if (c == '+' || c == '-')
            {
              state = STATE_NUM_E_SIGN;
              p++;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case STATE_NUM_E_SIGN:
          if (!IS_DIGIT (c))
            goto fail;
          state = STATE_NUM_EXP;
          p++;
          break;

        case STATE_NUM_EXP:
          while (p < end && IS_DIGIT (*p))
            p++;
          if (p == end)
            break;
          goto value_done;

        case STATE_LITERAL:
          if (c != (guint8) *self->literal)
            goto fail;
          self->literal++;
          p++;
          if (*self->literal != '\0')
            break;
          goto value_done;

        case STATE_ERROR:
          return set_syntax_error (self, error);

        default:
          g_assert_not_reached ();
        }

      continue;

    value_done:
      state = self->depth == 0 ? STATE_DONE : STATE_AFTER_VALUE;
    }

  self->state = state;
  self->offset += len;

  return TRUE;

fail_before:
  p--;
fail:
  self->error_offset = self->offset + (guint64) (p - data);
  self->state = STATE_ERROR;
  self->offset += len;

  return set_syntax_error (self, error);
}

/**
 * osai_json_check_finish:
 * @self: an #OsaiJsonCheck
 * @error: return location for an #OSAI_ERROR error
 *
 * Returns: %TRUE when what was fed is exactly one complete JSON value,
 *   with whitespace around it; %OSAI_ERROR_TRUNCATED when it stops early
 */
gboolean
osai_json_check_finish (OsaiJsonCheck  *self,
                        GError        **error)
{
  g_autofree char *offset_text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (self->state)
    {
    case STATE_DONE:
      return TRUE;

    case STATE_NUM_ZERO:
    case STATE_NUM_INT:
    case STATE_NUM_FRAC:
    case STATE_NUM_EXP:
      /* A number at the top level ends with the document. */
      if (self->depth == 0)
        return TRUE;
      break;

    case STATE_ERROR:
      return set_syntax_error (self, error);

    case STATE_BOM_OR_VALUE:
    case STATE_BOM_2:
    case STATE_BOM_3:
    case STATE_VALUE:
    case STATE_VALUE_OR_CLOSE:
    case STATE_KEY_OR_CLOSE:
    case STATE_KEY:
    case STATE_COLON:
    case STATE_AFTER_VALUE:
    case STATE_STRING:
    case STATE_ESCAPE:
    case STATE_UNICODE:
    case STATE_NUM_MINUS:
    case STATE_NUM_DOT:
    case STATE_NUM_E:
    case STATE_NUM_E_SIGN:
    case STATE_LITERAL:
    default:
      break;
    }

  offset_text = g_strdup_printf ("%'" PRIu64, self->offset);
  g_set_error (error, OSAI_ERROR, OSAI_ERROR_TRUNCATED,
               /* Translators: %s is a number of bytes, "1,024". */
               g_dngettext (GETTEXT_PACKAGE,
                            "The detailed report ends before its JSON is complete (after %s byte).",
                            "The detailed report ends before its JSON is complete (after %s bytes).",
                            (gulong) MIN (self->offset, G_MAXULONG)),
               offset_text);

  return FALSE;
}

/* The offset of the first \u escape in @data, a syntactically valid
 * document, that is half a surrogate pair, or -1 when there is none. */
static gssize
find_lone_surrogate (const guint8 *data,
                     gsize         len)
{
  gboolean in_string = FALSE;
  gssize high = -1;   /* a high surrogate waiting for its low half */

  for (gsize i = 0; i < len; i++)
    {
      guint unit = 0;

      if (!in_string)
        {
          in_string = data[i] == '"';
          continue;
        }

      if (data[i] != '\\' || data[i + 1] != 'u')
        {
          if (high >= 0)
            return high;
          if (data[i] == '\\')
            i++;  /* skip a one-character escape: \" ends no string */
          else if (data[i] == '"')
            in_string = FALSE;
          continue;
        }

      /* The check made sure four hex digits follow. */
      for (guint j = 2; j < 6; j++)
        unit = unit * 16 + g_ascii_xdigit_value (data[i + j]);

      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          if (high >= 0)
            return high;
          high = (gssize) i;
        }
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
          if (high < 0)
            return (gssize) i;
          high = -1;
        }
      else if (high >= 0)
        {
          return high;
        }
      i += 5;
    }

  return high;
}

/**
 * osai_json_check_bytes:
 * @data: (array length=len): a whole document
 * @len: the number of bytes in @data
 * @error: return location for an #OSAI_ERROR error
 *
 * Checks a document that is all there at once, for json-glib 1.6 to parse.
 * Left to itself, json-glib recurses without a limit (a deep enough nesting
 * overflows the stack), reads documents one after the other as one (keeping
 * the last, leaking the others), and turns half a surrogate pair into
 * invalid UTF-8 (or leaks, for a malformed pair): so besides the syntax,
 * every \u escape must be a character or a whole pair.
 *
 * Returns: %TRUE when @data is exactly one JSON value, with whitespace
 *   around it, that json-glib reads as it is
 */
gboolean
osai_json_check_bytes (const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  g_autoptr(OsaiJsonCheck) check = osai_json_check_new ();
  gssize lone;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!osai_json_check_feed (check, data, len, error) ||
      !osai_json_check_finish (check, error))
    return FALSE;

  lone = find_lone_surrogate (data, len);
  if (lone >= 0)
    {
      check->error_offset = (guint64) lone;
      return set_syntax_error (check, error);
    }

  return TRUE;
}
