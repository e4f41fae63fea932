/* osai-sim-s3.c — signature version 2 query-string authentication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "osai-sim-s3"

#include "osai-sim-s3.h"

#include <string.h>

/* Base64 of HMAC-SHA1 over "GET\n\n\n<Expires>\n<resource>". */
char *
osai_sim_s3_sign (const char *secret_key,
                  gint64      expires,
                  const char *resource)
{
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *to_sign = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (secret_key != NULL, NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  to_sign = g_strdup_printf ("GET\n\n\n%" G_GINT64_FORMAT "\n%s", expires, resource);
  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) secret_key, strlen (secret_key));
  g_hmac_update (hmac, (const guchar *) to_sign, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);

  return g_base64_encode (digest, digest_len);
}

char *
osai_sim_s3_presign (const char *origin,
                     const char *access_key,
                     const char *secret_key,
                     const char *resource,
                     gint64      expires)
{
  g_autofree char *signature = osai_sim_s3_sign (secret_key, expires, resource);
  g_autofree char *escaped = g_uri_escape_string (signature, NULL, FALSE);
  g_autofree char *escaped_key = g_uri_escape_string (access_key, NULL, FALSE);

  return g_strdup_printf ("%s%s?AWSAccessKeyId=%s&Expires=%" G_GINT64_FORMAT "&Signature=%s",
                          origin, resource, escaped_key, expires, escaped);
}

char *
osai_sim_s3_error_xml (const char *code,
                       const char *message,
                       const char *resource)
{
  g_autofree char *code_esc = g_markup_escape_text (code, -1);
  g_autofree char *message_esc = g_markup_escape_text (message, -1);
  g_autofree char *resource_esc = g_markup_escape_text (resource ? resource : "", -1);

  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<Error><Code>%s</Code><Message>%s</Message>"
                          "<Resource>%s</Resource><RequestId>tx00000simulator</RequestId>"
                          "<HostId>osai-simulator</HostId></Error>",
                          code_esc, message_esc, resource_esc);
}
