/* fuzz-json-check.c — the streaming JSON check of the detailed report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a download, fed to OsaiJsonCheck whole, one byte at a time
 * and in pieces cut where a generator seeded by the input says (empty
 * pieces included): the verdict and the message must not depend on the
 * cuts.  The verdict, and the byte a syntax error is reported at, are
 * compared with a plain recursive-descent reading of the same grammar
 * (RFC 8259, a UTF-8 byte order mark tolerated first, at most 4096
 * nested arrays and objects, string bytes not checked as UTF-8).
 *
 * osai_json_check_bytes(), which decides what json-glib is given, is held
 * to its promise: what it lets through, json-glib reads (or, for bytes that
 * are not UTF-8, refuses) without a leak, into text that is valid UTF-8.
 */
#define G_LOG_DOMAIN "fuzz-json-check"

#include <string.h>

#include "osai-error.h"
#include "osai-json-check.h"

#include "fuzz-common.h"
#include "fuzz-json.h"

#define MAX_DEPTH 4096

/* ---- the reference ------------------------------------------------------ */

typedef enum
{
  REF_OK,
  REF_END,     /* the input ended first: truncated */
  REF_ERROR,   /* the byte at pos cannot be there */
} RefResult;

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         pos;
  guint         depth;
} Ref;

static RefResult ref_value (Ref *ref);

static void
ref_skip_space (Ref *ref)
{
  while (ref->pos < ref->size &&
         (ref->data[ref->pos] == ' ' || ref->data[ref->pos] == '\t' ||
          ref->data[ref->pos] == '\n' || ref->data[ref->pos] == '\r'))
    ref->pos++;
}

/* Consumes one byte that must be @c. */
static RefResult
ref_expect (Ref    *ref,
            guint8  c)
{
  if (ref->pos == ref->size)
    return REF_END;
  if (ref->data[ref->pos] != c)
    return REF_ERROR;
  ref->pos++;
  return REF_OK;
}

static RefResult
ref_digits (Ref      *ref,
            gboolean  at_least_one)
{
  gsize start = ref->pos;

  while (ref->pos < ref->size && g_ascii_isdigit (ref->data[ref->pos]))
    ref->pos++;
  if (at_least_one && ref->pos == start)
    return ref->pos == ref->size ? REF_END : REF_ERROR;
  return REF_OK;
}

static RefResult
ref_number (Ref *ref)
{
  RefResult r;

  if (ref->data[ref->pos] == '-')
    ref->pos++;
  if (ref->pos == ref->size)
    return REF_END;
  if (ref->data[ref->pos] == '0')
    ref->pos++;
  else if ((r = ref_digits (ref, TRUE)) != REF_OK)
    return r;

  if (ref->pos < ref->size && ref->data[ref->pos] == '.')
    {
      ref->pos++;
      if ((r = ref_digits (ref, TRUE)) != REF_OK)
        return r;
    }

  if (ref->pos < ref->size && (ref->data[ref->pos] == 'e' || ref->data[ref->pos] == 'E'))
    {
      ref->pos++;
      if (ref->pos < ref->size && (ref->data[ref->pos] == '+' || ref->data[ref->pos] == '-'))
        ref->pos++;
      if ((r = ref_digits (ref, TRUE)) != REF_OK)
        return r;
    }

  /* A number ends with whatever follows it, the end of input included:
   * the caller decides whether that may come next. */
  return REF_OK;
}

static RefResult
ref_string (Ref *ref)
{
  ref->pos++;  /* the opening quote */

  for (;;)
    {
      guint8 c;

      if (ref->pos == ref->size)
        return REF_END;
      c = ref->data[ref->pos];

      if (c == '"')
        {
          ref->pos++;
          return REF_OK;
        }
      if (c < 0x20)
        return REF_ERROR;
      ref->pos++;
      if (c != '\\')
        continue;

      if (ref->pos == ref->size)
        return REF_END;
      c = ref->data[ref->pos];
      if (c == 'u')
        {
          ref->pos++;
          for (guint i = 0; i < 4; i++)
            {
              if (ref->pos == ref->size)
                return REF_END;
              if (!g_ascii_isxdigit (ref->data[ref->pos]))
                return REF_ERROR;
              ref->pos++;
            }
        }
      else if (strchr ("\"\\/bfnrt", c) != NULL && c != '\0')
        {
          ref->pos++;
        }
      else
        {
          return REF_ERROR;
        }
    }
}

static RefResult
ref_literal (Ref        *ref,
             const char *word)
{
  for (const char *w = word; *w != '\0'; w++)
    {
      RefResult r = ref_expect (ref, (guint8) *w);

      if (r != REF_OK)
        return r;
    }
  return REF_OK;
}

/* The members or elements of a container whose opening byte is at pos. */
static RefResult
ref_container (Ref      *ref,
               gboolean  object)
{
  guint8 close = object ? '}' : ']';
  RefResult r;

  if (ref->depth == MAX_DEPTH)
    return REF_ERROR;
  ref->depth++;
  ref->pos++;

  ref_skip_space (ref);
  if (ref->pos == ref->size)
    return REF_END;
  if (ref->data[ref->pos] == close)
    {
      ref->pos++;
      ref->depth--;
      return REF_OK;
    }

  for (;;)
    {
      if (object)
        {
          ref_skip_space (ref);
          if (ref->pos == ref->size)
            return REF_END;
          if (ref->data[ref->pos] != '"')
            return REF_ERROR;
          if ((r = ref_string (ref)) != REF_OK)
            return r;
          ref_skip_space (ref);
          if ((r = ref_expect (ref, ':')) != REF_OK)
            return r;
        }

      if ((r = ref_value (ref)) != REF_OK)
        return r;

      ref_skip_space (ref);
      if (ref->pos == ref->size)
        return REF_END;
      if (ref->data[ref->pos] == ',')
        {
          ref->pos++;
          continue;
        }
      if (ref->data[ref->pos] == close)
        {
          ref->pos++;
          ref->depth--;
          return REF_OK;
        }
      return REF_ERROR;
    }
}

static RefResult
ref_value (Ref *ref)
{
  ref_skip_space (ref);
  if (ref->pos == ref->size)
    return REF_END;

  switch (ref->data[ref->pos])
    {
    case '{':
      return ref_container (ref, TRUE);
    case '[':
      return ref_container (ref, FALSE);
    case '"':
      return ref_string (ref);
    case 't':
      return ref_literal (ref, "true");
    case 'f':
      return ref_literal (ref, "false");
    case 'n':
      return ref_literal (ref, "null");
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return ref_number (ref);
    default:
      return REF_ERROR;
    }
}

static RefResult
ref_document (const guint8 *data,
              gsize         size,
              gsize        *out_pos)
{
  Ref ref = { data, size, 0, 0 };
  RefResult r;

  /* A byte order mark, only as the very first bytes. */
  if (size > 0 && data[0] == 0xEF)
    {
      ref.pos = 1;
      if ((r = ref_expect (&ref, 0xBB)) != REF_OK ||
          (r = ref_expect (&ref, 0xBF)) != REF_OK)
        goto out;
    }

  if ((r = ref_value (&ref)) != REF_OK)
    goto out;

  ref_skip_space (&ref);
  if (ref.pos < size)
    r = REF_ERROR;

out:
  *out_pos = ref.pos;
  return r;
}

/* ---- the check under test ---------------------------------------------------- */

typedef struct
{
  int    code;       /* -1: valid, else the OsaiError */
  char  *message;
} Verdict;

/* Feeds @data cut at @cuts (sorted, may repeat, may be 0 or @size). */
static Verdict
run_check (const guint8 *data,
           gsize         size,
           const gsize  *cuts,
           guint         n_cuts)
{
  g_autoptr(OsaiJsonCheck) check = osai_json_check_new ();
  g_autoptr(GError) error = NULL;
  Verdict verdict = { -1, NULL };
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize stop = i < n_cuts ? cuts[i] : size;

      if (!osai_json_check_feed (check, data + start, stop - start, &error))
        {
          g_autoptr(GError) again = NULL;

          /* The error sticks, through feed and finish. */
          FUZZ_CHECK (!osai_json_check_feed (check, (const guint8 *) "1", 1, &again));
          FUZZ_CHECK (g_strcmp0 (again->message, error->message) == 0);
          g_clear_error (&again);
          FUZZ_CHECK (!osai_json_check_finish (check, &again));
          FUZZ_CHECK (g_strcmp0 (again->message, error->message) == 0);
          goto failed;
        }
      FUZZ_CHECK (error == NULL);
      start = stop;
    }

  if (osai_json_check_finish (check, &error))
    {
      FUZZ_CHECK (error == NULL);
      return verdict;
    }

failed:
  FUZZ_CHECK (error != NULL && error->domain == OSAI_ERROR);
  FUZZ_CHECK (error->code == OSAI_ERROR_PROTOCOL || error->code == OSAI_ERROR_TRUNCATED);
  verdict.code = error->code;
  verdict.message = g_strdup (error->message);
  return verdict;
}

/* What osai_json_check_bytes() lets through, json-glib reads as it is. */
static void
check_for_json_glib (const guint8 *data,
                     gsize         size,
                     int           whole_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (!osai_json_check_bytes (data, size, &error))
    {
      /* Refused for the syntax, or for half a surrogate pair. */
      FUZZ_CHECK (error != NULL && error->domain == OSAI_ERROR);
      FUZZ_CHECK (whole_code != -1 || strstr (error->message, "(byte ") != NULL);
      return;
    }

  FUZZ_CHECK (error == NULL && whole_code == -1);

  /* json-glib refuses bytes that are not UTF-8, cleanly; the rest it reads. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, &error))
    {
      FUZZ_CHECK (!g_utf8_validate ((const char *) data, size, NULL));
      return;
    }
  root = json_parser_get_root (parser);
  FUZZ_CHECK (root != NULL);
  fuzz_check_json_text (root);
}

static int
compare_gsize (gconstpointer a,
               gconstpointer b)
{
  gsize x = *(const gsize *) a;
  gsize y = *(const gsize *) b;

  return x < y ? -1 : x > y;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree gsize *cuts = NULL;
  g_autofree char *whole_message = NULL;
  Verdict whole;
  RefResult expected;
  gsize error_pos = 0;
  guint32 seed = 2166136261u;
  guint n_cuts;

  fuzz_init_logging ();

  /* The whole document at once, against the reference. */
  whole = run_check (data, size, NULL, 0);
  whole_message = whole.message;
  expected = ref_document (data, size, &error_pos);

  switch (expected)
    {
    case REF_OK:
      FUZZ_CHECK (whole.code == -1);
      break;
    case REF_END:
      FUZZ_CHECK (whole.code == OSAI_ERROR_TRUNCATED);
      break;
    case REF_ERROR:
      {
        g_autofree char *at = g_strdup_printf ("(byte %" G_GSIZE_FORMAT ")", error_pos);

        FUZZ_CHECK (whole.code == OSAI_ERROR_PROTOCOL);
        FUZZ_CHECK (strstr (whole.message, at) != NULL);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  check_for_json_glib (data, size, whole.code);

  /* The same verdict, message included, however the bytes arrive.  The
   * cuts come from a hash of the input, so a crash replays. */
  for (gsize i = 0; i < size; i++)
    seed = (seed ^ data[i]) * 16777619u;
  rand = g_rand_new_with_seed (seed);

  for (guint round = 0; round < 4; round++)
    {
      Verdict cut;

      if (round == 0)
        {
          /* one byte at a time */
          n_cuts = size;
          cuts = g_new (gsize, MAX (n_cuts, 1));
          for (gsize i = 0; i < size; i++)
            cuts[i] = i;
        }
      else
        {
          n_cuts = g_rand_int_range (rand, 1, 9);
          cuts = g_new (gsize, n_cuts);
          for (guint i = 0; i < n_cuts; i++)
            cuts[i] = (gsize) g_rand_int_range (rand, 0, (gint32) MIN (size, G_MAXINT32 - 1) + 1);
          qsort (cuts, n_cuts, sizeof *cuts, compare_gsize);
        }

      cut = run_check (data, size, cuts, n_cuts);
      FUZZ_CHECK (cut.code == whole.code);
      FUZZ_CHECK (g_strcmp0 (cut.message, whole_message) == 0);
      g_free (cut.message);
      g_clear_pointer (&cuts, g_free);
    }

  return 0;
}
