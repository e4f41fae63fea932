# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the benchmark scripts share: a clean environment, peak-RSS
# measurement through GNU time, and a simulator started and stopped.

import os
import subprocess

TIME = '/usr/bin/time'


class BenchError(Exception):
    pass


# Test-suite knobs that would distort the figures: malloc debugging touches
# every allocation, and the proxy override is not what users run.
DISTORTING = ('MALLOC_CHECK_', 'MALLOC_PERTURB_', 'G_DEBUG', 'G_SLICE', 'G_MESSAGES_DEBUG',
              'GIO_USE_PROXY_RESOLVER')


def clean_env(**extra):
    env = {name: value for name, value in os.environ.items() if name not in DISTORTING}
    env.update(extra)
    return env


def spawn_measured(argv, env, stdout, stderr, rss_file):
    """Starts @argv under GNU time, which writes the peak RSS in KiB to @rss_file.

    Measuring through an intermediate process matters: a child that Python
    spawns with vfork() inherits Python's own peak RSS in ru_maxrss.
    """
    return subprocess.Popen([TIME, '-f', '%M', '-o', rss_file, *argv],
                            env=env, stdout=stdout, stderr=stderr)


def read_peak_rss(rss_file):
    with open(rss_file) as f:
        return int(f.read().split()[-1])


def start_simulator(simulator, token, *extra):
    """Starts osai-simulator with no report delay; returns (process, base URL)."""
    proc = subprocess.Popen([simulator, '--report-delay', '0', '--access-token', token, *extra],
                            stdout=subprocess.PIPE, text=True, env=clean_env())
    url = proc.stdout.readline().strip()
    if not url.startswith('http'):
        stop(proc)
        raise BenchError(f'the simulator did not print its URL (got {url!r})')
    return proc, url


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def verdict(ok):
    return 'PASS' if ok else 'BELOW TARGET'
