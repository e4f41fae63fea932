#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmark 'cli-full-run': the whole flow (sign in, create, poll, totals,
# download) by osai-reports-cli against the documented Python flow, both
# against one simulator.
#
#   bench-cli.py OSAI-REPORTS-CLI OSAI-SIMULATOR PYTHON-FLOW [RUNS]
#
# Prints the median wall time and peak RSS of each and their ratios.  Fails
# only when a run fails; numbers below target print "BELOW TARGET".

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchutil import (TIME, BenchError, clean_env, read_peak_rss, spawn_measured,
                       start_simulator, stop, verdict)

TOKEN = 'bench-cli-token'
WALL_TARGET = 0.5
RSS_TARGET = 1 / 3

def measure(argv, env, workdir):
    """Runs @argv; returns (wall s, peak RSS KiB)."""
    rss_file = os.path.join(workdir, 'rss')
    with open(os.path.join(workdir, 'stderr'), 'w+') as err:
        start = time.monotonic()
        proc = spawn_measured(argv, env, subprocess.DEVNULL, err, rss_file)
        proc.wait()
        wall = time.monotonic() - start
        err.seek(0)
        message = err.read().strip()
    if proc.returncode != 0:
        raise BenchError(f'{os.path.basename(argv[0])} exited with {proc.returncode}: {message}')
    return wall, read_peak_rss(rss_file)


def main():
    if len(sys.argv) not in (4, 5):
        print(f'usage: {sys.argv[0]} OSAI-REPORTS-CLI OSAI-SIMULATOR PYTHON-FLOW [RUNS]',
              file=sys.stderr)
        return 2
    cli, simulator, flow = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) == 5 else 5
    if not os.path.exists(flow):
        print(f'{flow} does not exist yet: skipping')
        return 77
    if not os.access(TIME, os.X_OK):
        print(f'{TIME} (GNU time) is not installed: skipping')
        return 77

    workdir = tempfile.mkdtemp(prefix='osai-bench-cli-')
    server = None
    try:
        server, url = start_simulator(simulator, TOKEN)

        output = os.path.join(workdir, 'detail.json')
        cli_env = clean_env(OSAI_ACCESS_TOKEN=TOKEN)
        cli_argv = [cli, '--server', url, '--quiet', '--no-history', '--format', 'csv',
                    '--output', output]
        flow_argv = [sys.executable, flow, '--url', url, '--token', TOKEN, '--sign-in', 'post',
                     '--output', output]

        cli_runs = []
        flow_runs = []
        # Interleaved, so that a slower moment of the machine hits both.
        for _ in range(runs):
            cli_runs.append(measure(cli_argv, cli_env, workdir))
            os.unlink(output)
            flow_runs.append(measure(flow_argv, clean_env(), workdir))
            os.unlink(output)
    except (BenchError, OSError) as error:
        print(f'bench-cli: {error}', file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)

    cli_wall = statistics.median(run[0] for run in cli_runs)
    cli_rss = statistics.median(run[1] for run in cli_runs) / 1024
    flow_wall = statistics.median(run[0] for run in flow_runs)
    flow_rss = statistics.median(run[1] for run in flow_runs) / 1024
    wall_ratio = cli_wall / flow_wall
    rss_ratio = cli_rss / flow_rss

    print(f'{runs} runs each, medians')
    print(f'osai-reports-cli: {cli_wall * 1000:.0f} ms wall, {cli_rss:.1f} MiB peak RSS')
    print(f'python-flow.py:   {flow_wall * 1000:.0f} ms wall, {flow_rss:.1f} MiB peak RSS')
    print(f'wall ratio CLI/Python: {wall_ratio:.2f} (target < {WALL_TARGET}) '
          f'{verdict(wall_ratio < WALL_TARGET)}')
    print(f'RSS ratio CLI/Python:  {rss_ratio:.2f} (target < {RSS_TARGET:.2f}) '
          f'{verdict(rss_ratio < RSS_TARGET)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
