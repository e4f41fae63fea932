/* bench-mapwait.c — how long a program takes to map its first window, and its RSS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-mapwait [--rss-after MS] [--timeout MS] COMMAND [ARGUMENT…]
 *
 * Watches the X server's root window for its children being mapped, starts
 * COMMAND, and prints on stdout
 *
 *   map-ms N     from just before exec() to the first MapNotify of a top-level
 *                window that is not override-redirect (menus and tooltips are)
 *   rss-kib N    COMMAND's VmRSS, --rss-after milliseconds (default 2000)
 *                after that first map
 *
 * then ends COMMAND (SIGTERM to its process group, SIGKILL after 5 s) and
 * exits 0.  Exits 1 when COMMAND fails to start, exits before mapping a
 * window or maps none within --timeout milliseconds (default 30000).
 * Meant for an X server of its own, such as Xvfb: any client's window counts.
 * Used by bench-startup.py.
 */

#define _GNU_SOURCE /* pipe2 */

#include <X11/Xlib.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KILL_GRACE_MS 5000

static double
ms_between (const struct timespec *from,
            const struct timespec *to)
{
  return (double) (to->tv_sec - from->tv_sec) * 1000.0
         + (double) (to->tv_nsec - from->tv_nsec) / 1e6;
}

static double
ms_since (const struct timespec *from)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return ms_between (from, &now);
}

static int
parse_ms (const char *text,
          long       *ms)
{
  char *end;

  errno = 0;
  *ms = strtol (text, &end, 10);
  return errno == 0 && end != text && *end == '\0' && *ms >= 0;
}

/* The child has not gone away on its own. */
static int
child_running (pid_t pid)
{
  int status;

  return waitpid (pid, &status, WNOHANG) == 0;
}

/* Blocks until the first top-level window is mapped; 0 on success. */
static int
wait_for_map (Display               *display,
              Window                 root,
              pid_t                  pid,
              const struct timespec *start,
              long                   timeout_ms,
              double                *map_ms)
{
  struct pollfd pfd = { .fd = ConnectionNumber (display), .events = POLLIN };

  for (;;)
    {
      double left;

      while (XPending (display) > 0)
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == MapNotify && event.xmap.event == root
              && !event.xmap.override_redirect)
            {
              *map_ms = ms_since (start);
              return 0;
            }
        }

      if (!child_running (pid))
        {
          fprintf (stderr, "bench-mapwait: the command exited before mapping a window\n");
          return 1;
        }

      left = (double) timeout_ms - ms_since (start);
      if (left <= 0)
        {
          fprintf (stderr, "bench-mapwait: no window mapped within %ld ms\n", timeout_ms);
          return 1;
        }

      /* Wakes up now and then to notice a child that died. */
      if (poll (&pfd, 1, left < 100 ? (int) left + 1 : 100) < 0 && errno != EINTR)
        {
          perror ("bench-mapwait: poll");
          return 1;
        }
    }
}

static long
read_rss_kib (pid_t pid)
{
  char path[64];
  char line[256];
  long rss = -1;
  FILE *status;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  status = fopen (path, "r");
  if (status == NULL)
    return -1;

  while (fgets (line, sizeof line, status) != NULL)
    if (sscanf (line, "VmRSS: %ld kB", &rss) == 1)
      break;

  fclose (status);
  return rss;
}

static void
sleep_until_ms_after (const struct timespec *start,
                      long                   ms)
{
  struct timespec until = *start;

  until.tv_sec += ms / 1000;
  until.tv_nsec += (ms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L)
    {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }

  while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == EINTR)
    ;
}

static void
end_child (pid_t pid)
{
  struct timespec start;
  int status;

  kill (-pid, SIGTERM);
  clock_gettime (CLOCK_MONOTONIC, &start);
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      struct timespec pause = { 0, 10 * 1000000L };

      if (ms_since (&start) > KILL_GRACE_MS)
        {
          kill (-pid, SIGKILL);
          waitpid (pid, &status, 0);
          return;
        }
      nanosleep (&pause, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  long rss_after_ms = 2000;
  long timeout_ms = 30000;
  struct timespec start;
  struct timespec mapped;
  Display *display;
  Window root;
  double map_ms = 0;
  int exec_errno;
  int fds[2];
  int arg = 1;
  long rss;
  pid_t pid;
  ssize_t n;

  while (arg + 1 < argc && strncmp (argv[arg], "--", 2) == 0)
    {
      long *target = NULL;

      if (strcmp (argv[arg], "--rss-after") == 0)
        target = &rss_after_ms;
      else if (strcmp (argv[arg], "--timeout") == 0)
        target = &timeout_ms;
      if (target == NULL || !parse_ms (argv[arg + 1], target))
        break;
      arg += 2;
    }
  if (arg >= argc || strncmp (argv[arg], "--", 2) == 0)
    {
      fprintf (stderr, "usage: %s [--rss-after MS] [--timeout MS] COMMAND [ARGUMENT…]\n",
               argv[0]);
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "bench-mapwait: cannot open the display\n");
      return 1;
    }
  root = DefaultRootWindow (display);
  XSelectInput (display, root, SubstructureNotifyMask);
  /* The selection must be in place before the command can map anything. */
  XSync (display, False);

  /* The child sends its start time, then an errno only if exec() fails. */
  if (pipe2 (fds, O_CLOEXEC) != 0)
    {
      perror ("bench-mapwait: pipe2");
      return 1;
    }

  pid = fork ();
  if (pid < 0)
    {
      perror ("bench-mapwait: fork");
      return 1;
    }
  if (pid == 0)
    {
      struct timespec now;

      /* A group of its own, so that helpers it starts end with it. */
      setpgid (0, 0);
      close (fds[0]);
      clock_gettime (CLOCK_MONOTONIC, &now);
      if (write (fds[1], &now, sizeof now) != sizeof now)
        _exit (127);
      execvp (argv[arg], &argv[arg]);
      exec_errno = errno;
      if (write (fds[1], &exec_errno, sizeof exec_errno) != sizeof exec_errno)
        _exit (127);
      _exit (127);
    }

  close (fds[1]);
  n = read (fds[0], &start, sizeof start);
  if (n != sizeof start)
    {
      fprintf (stderr, "bench-mapwait: the child did not start\n");
      return 1;
    }
  n = read (fds[0], &exec_errno, sizeof exec_errno);
  close (fds[0]);
  if (n == sizeof exec_errno)
    {
      fprintf (stderr, "bench-mapwait: cannot run %s: %s\n", argv[arg], strerror (exec_errno));
      waitpid (pid, NULL, 0);
      return 1;
    }

  if (wait_for_map (display, root, pid, &start, timeout_ms, &map_ms) != 0)
    {
      end_child (pid);
      return 1;
    }
  clock_gettime (CLOCK_MONOTONIC, &mapped);
  printf ("map-ms %.1f\n", map_ms);
  fflush (stdout);

  /* Idle memory is what a person has once the window is up: counted from
   * the first map, not from exec(), so that a slower start does not read
   * its RSS earlier in its life. */
  sleep_until_ms_after (&mapped, rss_after_ms);
  if (!child_running (pid))
    {
      fprintf (stderr, "bench-mapwait: the command exited before its RSS was read\n");
      return 1;
    }
  rss = read_rss_kib (pid);
  end_child (pid);
  if (rss < 0)
    {
      fprintf (stderr, "bench-mapwait: no VmRSS for process %d\n", (int) pid);
      return 1;
    }
  printf ("rss-kib %ld\n", rss);

  XCloseDisplay (display);
  return 0;
}
