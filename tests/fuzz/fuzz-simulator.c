/* fuzz-simulator.c — the simulator against clients that send anything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is what a client writes on a connection: raw bytes, sent over a
 * real loopback socket to a fresh in-process OsaiSimServer, which must
 * answer (or hang up) without crashing, leaking or hanging.  One fresh
 * server per input, so that an input always meets the same state.
 *
 * To let inputs reach what lies behind the sign-in and the S3 signature,
 * the harness first does the honest requests itself and puts the results
 * in place of these markers in the input:
 *
 *   @BEARER@  a session token from POST /api/Users/SignIn
 *   @TOKEN@   a session token from GET /api/Users/SignIn?token=
 *   @S3@      the path and query of a report's pre-signed detail URL
 *
 * Up to three leading bytes below 0x20 (other than CR and LF, which may
 * precede a request line) are not sent: the first two pick the simulator's
 * faults, the third whether the client shuts its side once it has sent
 * everything (a half-close) rather than just waiting for the answer.
 */
#define G_LOG_DOMAIN "fuzz-simulator"
#define _GNU_SOURCE  /* memmem () */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>

#include "osai-sim-server.h"

#include "fuzz-common.h"

/* No answer takes this long on loopback: past it, the server hangs. */
#define ANSWER_TIMEOUT_MS 5000

/* The client's socket in the main context, only to wake it up: the loop
 * in exchange() does the reading and writing. */
static gboolean
fd_ready_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  return G_SOURCE_CONTINUE;
}

static GSource *
add_fd_source (int          fd,
               GIOCondition condition)
{
  GSource *source = g_unix_fd_source_new (fd, condition);

  g_source_set_callback (source, G_SOURCE_FUNC (fd_ready_cb), NULL, NULL);
  g_source_attach (source, NULL);
  return source;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_CONTINUE;
}

/* TRUE when, after letting other threads (and the kernel's loopback) run,
 * the server has nothing to do and the client nothing to read.  Loopback
 * hands bytes over within send (), so this is when an answer is complete. */
static gboolean
is_idle (int fd)
{
  struct pollfd readable = { fd, POLLIN, 0 };

  sched_yield ();
  return !g_main_context_pending (NULL) && poll (&readable, 1, 0) == 0;
}

/* Writes @request on a new connection to @port (then, when @half_close,
 * shuts its sending side) and reads until the server hangs up or falls
 * idle, running the main context all along.  The connection ends with a
 * reset, so that no TIME_WAIT is left behind on either side: tens of
 * thousands of them would use up the ports.  Returns what the server sent. */
static GByteArray *
exchange (guint         port,
          const guint8 *request,
          gsize         len,
          gboolean      half_close)
{
  struct sockaddr_in address = { 0 };
  struct linger linger = { 1, 0 };
  GByteArray *answer = g_byte_array_new ();
  GSource *in_source;
  GSource *out_source = NULL;
  GSource *timeout_source;
  gboolean timed_out = FALSE;
  gsize written = 0;
  int fd;

  address.sin_family = AF_INET;
  address.sin_port = htons (port);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  FUZZ_CHECK (fd >= 0);
  /* The kernel completes the handshake on its own: this never waits.  A
   * signal (libFuzzer's timers) may still interrupt it; the handshake then
   * goes on without us, so wait for it rather than connect again. */
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    {
      struct pollfd pfd = { fd, POLLOUT, 0 };
      int so_error = errno;
      socklen_t so_len = sizeof so_error;

      if (errno == EINTR || errno == EINPROGRESS)
        {
          while (poll (&pfd, 1, ANSWER_TIMEOUT_MS) < 0 && errno == EINTR)
            ;
          if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &so_error, &so_len) != 0)
            so_error = errno;
        }
      if (so_error != 0)
        {
          fprintf (stderr, "fuzz-simulator: connect: %s\n", g_strerror (so_error));
          abort ();
        }
    }
  FUZZ_CHECK (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK) == 0);

  in_source = add_fd_source (fd, G_IO_IN);
  if (len > 0)
    out_source = add_fd_source (fd, G_IO_OUT);
  else if (half_close)
    shutdown (fd, SHUT_WR);

  timeout_source = g_timeout_source_new (ANSWER_TIMEOUT_MS);
  g_source_set_callback (timeout_source, set_flag_cb, &timed_out, NULL);
  g_source_attach (timeout_source, NULL);

  for (;;)
    {
      guint8 buffer[16 * 1024];
      ssize_t n;

      while (written < len)
        {
          n = send (fd, request + written, len - written, MSG_NOSIGNAL);
          if (n > 0)
            {
              written += n;
              continue;
            }
          if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
          /* The server hung up before reading it all: fine. */
          written = len;
        }
      if (written == len && out_source != NULL)
        {
          g_source_destroy (out_source);
          g_clear_pointer (&out_source, g_source_unref);
          if (half_close)
            shutdown (fd, SHUT_WR);
        }

      n = recv (fd, buffer, sizeof buffer, 0);
      if (n > 0)
        {
          g_byte_array_append (answer, buffer, n);
          continue;
        }
      if (n == 0 || (errno != EAGAIN && errno != EINTR))
        break;

      if (timed_out)
        {
          fprintf (stderr, "fuzz-simulator: no end to the answer after %d ms\n",
                   ANSWER_TIMEOUT_MS);
          abort ();
        }

      /* The server has something to do: let it. */
      if (g_main_context_iteration (NULL, FALSE))
        continue;

      /* It has to read before more can be written. */
      if (written < len)
        {
          g_main_context_iteration (NULL, TRUE);
          continue;
        }

      /* Nothing to do.  libsoup keeps an idle keep-alive connection open
       * after the client's half-close, so no end may come: the answer is
       * complete once nothing stirs any more. */
      if (is_idle (fd))
        break;
    }

  if (out_source != NULL)
    {
      g_source_destroy (out_source);
      g_source_unref (out_source);
    }
  g_source_destroy (in_source);
  g_source_unref (in_source);
  g_source_destroy (timeout_source);
  g_source_unref (timeout_source);

  /* A reset rather than a FIN: no TIME_WAIT left behind on either side,
   * however many connections a run makes. */
  setsockopt (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  close (fd);

  return answer;
}

/* The body of a 200 answer, or NULL. */
static char *
answer_body (GByteArray *answer)
{
  const char *text;
  const char *body;

  g_byte_array_append (answer, (const guint8 *) "", 1);
  text = (const char *) answer->data;
  if (!g_str_has_prefix (text, "HTTP/1.1 200 "))
    return NULL;
  body = strstr (text, "\r\n\r\n");
  return body != NULL ? g_strdup (body + 4) : NULL;
}

static char *
request_body (guint       port,
              const char *request)
{
  g_autoptr(GByteArray) answer = exchange (port, (const guint8 *) request, strlen (request), FALSE);

  return answer_body (answer);
}

static char *
sign_in (guint    port,
         gboolean post)
{
  char *token;

  if (post)
    token = request_body (port,
                          "POST /api/Users/SignIn HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Content-Type: application/json\r\nContent-Length: 6\r\n\r\n"
                          "\"demo\"");
  else
    token = request_body (port,
                          "GET /api/Users/SignIn?token=demo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  FUZZ_CHECK (token != NULL && *token != '\0');

  return token;
}

/* Creates a report and returns the path and query of its detail's URL. */
static char *
s3_path (guint       port,
         const char *bearer)
{
  static const char report_request[] =
    "{\"periodFrom\":\"2024-01-01T00:00:00Z\",\"periodTo\":\"2024-02-01T00:00:00Z\","
    "\"includeDatasets\":true,\"includeModels\":true}";
  g_autofree char *create = NULL;
  g_autofree char *created = NULL;
  g_autofree char *get = NULL;
  g_autofree char *report = NULL;
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%u", port);
  const char *path;
  const char *end;

  create = g_strdup_printf ("POST /api/Reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                            "Content-Length: %zu\r\n\r\n%s",
                            bearer, strlen (report_request), report_request);
  created = request_body (port, create);
  FUZZ_CHECK (created != NULL && strstr (created, "\"id\":16718,") != NULL);

  get = g_strdup_printf ("GET /api/Reports/16718 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Authorization: Bearer %s\r\n\r\n", bearer);
  report = request_body (port, get);
  FUZZ_CHECK (report != NULL);

  path = strstr (report, "\"path\":\"");
  FUZZ_CHECK (path != NULL);
  path += strlen ("\"path\":\"");
  FUZZ_CHECK (g_str_has_prefix (path, origin));
  path += strlen (origin);
  end = strchr (path, '"');
  FUZZ_CHECK (end != NULL);

  return g_strndup (path, end - path);
}

static gboolean
has_marker (const guint8 *data,
            gsize         size,
            const char   *marker)
{
  return memmem (data, size, marker, strlen (marker)) != NULL;
}

static GByteArray *
replace_marker (GByteArray *input,
                const char *marker,
                const char *value)
{
  GByteArray *output = g_byte_array_sized_new (input->len);
  gsize marker_len = strlen (marker);
  gsize i = 0;

  while (i < input->len)
    {
      if (input->len - i >= marker_len && memcmp (input->data + i, marker, marker_len) == 0)
        {
          g_byte_array_append (output, (const guint8 *) value, strlen (value));
          i += marker_len;
        }
      else
        {
          g_byte_array_append (output, input->data + i, 1);
          i++;
        }
    }

  g_byte_array_unref (input);
  return output;
}

static gboolean
is_fault_byte (guint8 c)
{
  return c < 0x20 && c != '\r' && c != '\n';
}

static void
set_faults (OsaiSimServer *server,
            guint8         first,
            guint8         second)
{
  OsaiSimSignInMode sign_in = OSAI_SIM_SIGN_IN_BOTH;
  OsaiSimTruncate truncate = OSAI_SIM_TRUNCATE_NONE;

  if ((first & 0x08) && !(first & 0x10))
    sign_in = OSAI_SIM_SIGN_IN_POST;
  else if ((first & 0x10) && !(first & 0x08))
    sign_in = OSAI_SIM_SIGN_IN_GET;

  if (second & 0x08)
    truncate = OSAI_SIM_TRUNCATE_CLOSE;
  else if (second & 0x10)
    truncate = OSAI_SIM_TRUNCATE_CHUNKED;

  g_object_set (server,
                "report-delay", (first & 0x01) ? 4.0 : 0.0,
                "fail-report", (first & 0x02) != 0,
                "malformed-json", (first & 0x04) != 0,
                "unknown-status", (first & 0x04) != 0,
                "sign-in", sign_in,
                "rate-limit", (second & 0x01) ? 2u : 0u,
                "flaky", (second & 0x02) ? 3u : 0u,
                "retry-after-date", (second & 0x04) != 0,
                "truncate", truncate,
                NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(OsaiSimServer) server = NULL;
  g_autoptr(GByteArray) input = NULL;
  g_autoptr(GByteArray) answer = NULL;
  g_autoptr(GError) error = NULL;
  guint8 faults[3] = { 0, 0, 0 };
  guint port;

  fuzz_init_logging ();

  for (guint i = 0; i < G_N_ELEMENTS (faults) && size > 0 && is_fault_byte (data[0]); i++)
    {
      faults[i] = data[0];
      data++;
      size--;
    }

  server = osai_sim_server_new ();
  /* Short details and no wait for reports: more of the server in each run. */
  g_object_set (server, "detail-size", (guint64) 3000, "report-delay", 0.0, NULL);
  FUZZ_CHECK (osai_sim_server_start (server, 0, &error));
  port = osai_sim_server_get_port (server);

  input = g_byte_array_sized_new (size);
  g_byte_array_append (input, data, size);

  /* The honest requests, before any fault is switched on. */
  if (has_marker (data, size, "@BEARER@") || has_marker (data, size, "@S3@"))
    {
      g_autofree char *bearer = sign_in (port, TRUE);

      if (has_marker (data, size, "@S3@"))
        {
          g_autofree char *path = s3_path (port, bearer);

          input = replace_marker (input, "@S3@", path);
        }
      input = replace_marker (input, "@BEARER@", bearer);
    }
  if (has_marker (data, size, "@TOKEN@"))
    {
      g_autofree char *token = sign_in (port, FALSE);

      input = replace_marker (input, "@TOKEN@", token);
    }

  set_faults (server, faults[0], faults[1]);

  /* A half-close costs a TIME_WAIT (the client's FIN goes first): only
   * when asked for. */
  answer = exchange (port, input->data, input->len, (faults[2] & 0x01) != 0);

  /* Whatever it was sent, the server answers HTTP or nothing. */
  if (answer->len > 0)
    FUZZ_CHECK (answer->len >= 5 && memcmp (answer->data, "HTTP/", 5) == 0);

  /* FUZZ_VERBOSE=1 (with the replay program): what was sent and answered. */
  if (g_getenv ("FUZZ_VERBOSE") != NULL)
    {
      fwrite (input->data, 1, input->len, stderr);
      fprintf (stderr, "\n---- %u bytes answered ----\n", answer->len);
      fwrite (answer->data, 1, MIN (answer->len, 2000), stderr);
      fprintf (stderr, "\n====\n");
    }

  /* Stop it and let it finish whatever it still had going. */
  osai_sim_server_stop (server);
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return 0;
}
