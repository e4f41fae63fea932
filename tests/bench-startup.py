#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmark 'startup': `osai-reports --demo` against a bare libadwaita window
# (bench-bare-window) built in the same tree, both on an Xvfb of its own.
#
#   bench-startup.py OSAI-REPORTS BENCH-BARE-WINDOW BENCH-MAPWAIT SCHEMA-DIR [RUNS]
#
# bench-mapwait measures each start: the time from exec() to the first
# mapped top-level window, and the RSS 2 s after that window was mapped.  RUNS (default 7)
# runs of each, interleaved, after one warm-up run of each that does not
# count.  Every run has a session bus of its own: osai-reports is a unique
# GApplication (it cannot take --gapplication-app-id) and would otherwise
# hand its command line to an instance still running.  As on a desktop,
# the accessibility bus already runs when the program starts.
#
# The renderer is GTK's own default, the one a user gets (on Xvfb that is GL
# through Mesa's llvmpipe), unless GSK_RENDERER says otherwise: both
# programs run with the same one, so its own cost falls out of the
# difference.
#
# Prints the medians and a PASS or FAIL line per goal; exits 1 when a goal
# is missed or a run fails, 77 when Xvfb or dbus-run-session is missing.

import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from benchutil import BenchError, clean_env, stop

TIME_RATIO_GOAL = 1.1
RSS_EXTRA_GOAL_MIB = 25
RSS_AFTER_MS = 2000
RUN_TIMEOUT_S = 60

# Starts the accessibility bus and registry before the program, on the
# run's own session bus; does nothing where AT-SPI is not installed.
A11Y_WARM_UP = (
    'a11y=$(dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus '
    'org.a11y.Bus.GetAddress 2>/dev/null) && '
    'dbus-send --bus="$(echo $a11y)" --print-reply --dest=org.a11y.atspi.Registry '
    '/org/a11y/atspi/registry org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1; '
)


def start_xvfb():
    """Starts Xvfb on a free display; returns (process, DISPLAY)."""
    read_fd, write_fd = os.pipe()
    try:
        proc = subprocess.Popen(['Xvfb', '-displayfd', str(write_fd), '-screen', '0',
                                 '1280x800x24', '-nolisten', 'tcp'],
                                pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=clean_env())
    finally:
        os.close(write_fd)
    with os.fdopen(read_fd) as displayfd:
        number = displayfd.readline().strip()
    if not number.isdigit():
        stop(proc)
        raise BenchError('Xvfb did not start')
    return proc, f':{number}'


def run_once(mapwait, argv, env):
    """Starts @argv on a bus of its own; returns (ms to the first window, RSS KiB)."""
    command = ['dbus-run-session', '--', 'sh', '-c', A11Y_WARM_UP + 'exec "$@"', 'sh',
               mapwait, '--rss-after', str(RSS_AFTER_MS), *argv]
    try:
        result = subprocess.run(command, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired as error:
        raise BenchError(f'{os.path.basename(argv[0])} took over {RUN_TIMEOUT_S} s') from error
    # The AT-SPI registry writes to the same stdout.
    figures = {}
    for line in result.stdout.splitlines():
        name, _, value = line.partition(' ')
        if name in ('map-ms', 'rss-kib'):
            figures[name] = value
    if result.returncode != 0 or 'map-ms' not in figures or 'rss-kib' not in figures:
        raise BenchError(f'{os.path.basename(argv[0])}: bench-mapwait exited with '
                         f'{result.returncode}: {result.stderr.strip()}')
    return float(figures['map-ms']), int(figures['rss-kib'])


def describe(name, runs):
    times = [run[0] for run in runs]
    rss = [run[1] / 1024 for run in runs]
    time = statistics.median(times)
    memory = statistics.median(rss)
    print(f'{name}: {time:.0f} ms to the first window ({min(times):.0f}–{max(times):.0f}), '
          f'{memory:.1f} MiB RSS after {RSS_AFTER_MS / 1000:.0f} s '
          f'({min(rss):.1f}–{max(rss):.1f})')
    return time, memory


def main():
    if len(sys.argv) not in (5, 6):
        print(f'usage: {sys.argv[0]} OSAI-REPORTS BENCH-BARE-WINDOW BENCH-MAPWAIT SCHEMA-DIR '
              '[RUNS]', file=sys.stderr)
        return 2
    app, bare, mapwait, schema_dir = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) == 6 else 7
    for program in ('Xvfb', 'dbus-run-session'):
        if shutil.which(program) is None:
            print(f'{program} is not installed: skipping')
            return 77

    workdir = tempfile.mkdtemp(prefix='osai-bench-startup-')
    xvfb = None
    try:
        xvfb, display = start_xvfb()
        runtime_dir = os.path.join(workdir, 'runtime')
        os.mkdir(runtime_dir, 0o700)
        env = clean_env(
            DISPLAY=display,
            GDK_BACKEND='x11',
            GSETTINGS_BACKEND='memory',
            GSETTINGS_SCHEMA_DIR=schema_dir,
            SECRET_BACKEND='file',
            SECRET_FILE_TEST_PATH=os.path.join(workdir, 'keyring'),
            SECRET_FILE_TEST_PASSWORD='bench-startup',
            XDG_CONFIG_HOME=os.path.join(workdir, 'config'),
            XDG_DATA_HOME=os.path.join(workdir, 'data'),
            XDG_CACHE_HOME=os.path.join(workdir, 'cache'),
            XDG_RUNTIME_DIR=runtime_dir,
        )
        for name in ('WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS', 'GSK_RENDERER'):
            env.pop(name, None)
        if os.environ.get('GSK_RENDERER'):
            env['GSK_RENDERER'] = os.environ['GSK_RENDERER']

        app_argv = [app, '--demo']
        bare_argv = [bare]
        run_once(mapwait, app_argv, env)
        run_once(mapwait, bare_argv, env)

        app_runs = []
        bare_runs = []
        # Interleaved, so that a slower moment of the machine hits both.
        for _ in range(runs):
            app_runs.append(run_once(mapwait, app_argv, env))
            bare_runs.append(run_once(mapwait, bare_argv, env))
    except (BenchError, OSError) as error:
        print(f'bench-startup: {error}', file=sys.stderr)
        return 1
    finally:
        if xvfb is not None:
            stop(xvfb)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f'{runs} runs each after a warm-up run, medians (range), Xvfb {display}, '
          f'renderer {env.get("GSK_RENDERER", "GTK default")}')
    app_time, app_rss = describe('osai-reports --demo', app_runs)
    bare_time, bare_rss = describe('bare window        ', bare_runs)

    time_ratio = app_time / bare_time
    rss_extra = app_rss - bare_rss
    time_ok = time_ratio <= TIME_RATIO_GOAL
    rss_ok = rss_extra <= RSS_EXTRA_GOAL_MIB
    print(f'time to the first window, app/bare: {time_ratio:.2f} '
          f'(goal ≤ {TIME_RATIO_GOAL:.2f}) {"PASS" if time_ok else "FAIL"}')
    print(f'RSS, app − bare: {rss_extra:+.1f} MiB '
          f'(goal ≤ {RSS_EXTRA_GOAL_MIB} MiB) {"PASS" if rss_ok else "FAIL"}')
    return 0 if time_ok and rss_ok else 1


if __name__ == '__main__':
    sys.exit(main())
