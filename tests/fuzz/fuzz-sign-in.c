/* fuzz-sign-in.c — the client's reading of sign-in, user and error answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a response body.  It is read as the answer to
 * POST/GET /Users/SignIn (the token, which becomes a header value), as the
 * answer to GET /Users, and as the body of each error status a call can end
 * with (a 400's problem+json detail goes into the message the user reads).
 */
#define G_LOG_DOMAIN "fuzz-sign-in"

#include <string.h>

#include "osai-client-private.h"
#include "osai-error.h"

#include "fuzz-common.h"
#include "fuzz-json.h"

static void
check_token (GBytes *body)
{
  g_autofree char *token = _osai_client_parse_sign_in (body);

  if (token == NULL)
    return;

  /* It goes into "Authorization: Bearer <token>" as it is: one printable
   * word, nothing that could end the header or start another. */
  FUZZ_CHECK (*token != '\0');
  FUZZ_CHECK (strlen (token) <= g_bytes_get_size (body));
  for (const char *p = token; *p != '\0'; p++)
    FUZZ_CHECK (g_ascii_isgraph (*p));
}

static void
check_user (GBytes *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) user = _osai_client_parse_user (body, &error);

  if (user == NULL)
    {
      FUZZ_CHECK (g_error_matches (error, OSAI_ERROR, OSAI_ERROR_PROTOCOL));
      return;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (user));
  /* The user's name and e-mail address may be shown. */
  fuzz_check_json_text (user);
}

static void
check_error (guint   status,
             GBytes *body,
             guint   retry_after_s)
{
  g_autoptr(GError) error = _osai_client_error_for_response (status, body, retry_after_s);

  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (error->domain == OSAI_ERROR);
  /* The message is shown as it is: it must be text. */
  FUZZ_CHECK (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 302, 400, 401, 403, 404, 418, 429, 500, 503 };
  g_autoptr(GBytes) body = NULL;

  fuzz_init_logging ();

  body = g_bytes_new (data, size);

  check_token (body);
  check_user (body);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      check_error (statuses[i], body, 0);
      if (statuses[i] == 429 || statuses[i] == 503)
        check_error (statuses[i], body, 3600);
    }

  return 0;
}
