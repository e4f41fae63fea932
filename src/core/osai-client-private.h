/* osai-client-private.h — the client's answer parsers, on their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not part of the core's API: the fuzz targets (tests/fuzz/) feed these the
 * bodies a server could send, without a server.  They are the very
 * functions the client's callbacks use.
 */
#pragma once

#include "osai-client.h"

G_BEGIN_DECLS

/* The token in the answer to POST or GET /Users/SignIn, or %NULL. */
char     *_osai_client_parse_sign_in       (GBytes  *body);
/* The answer to GET /Users. */
JsonNode *_osai_client_parse_user          (GBytes  *body,
                                            GError **error);
/* The error a call ends with for a status that is not a success. */
GError   *_osai_client_error_for_response  (guint    status,
                                            GBytes  *body,
                                            guint    retry_after_s);

/* The delay before repeating a refused download for the @attempt-th time
 * (0-based), under the client's retry policy: the same jittered backoff
 * and Retry-After (@retry_after_s, 0 if none) as the API calls.  FALSE
 * when the policy allows no more attempts, or asks for too long a wait. */
gboolean  _osai_client_retry_delay         (OsaiClient *self,
                                            guint       attempt,
                                            guint       retry_after_s,
                                            guint      *delay_ms);

G_END_DECLS
