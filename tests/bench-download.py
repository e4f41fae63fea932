#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmark 'download-1gib': osai-reports-cli saving a 1 GiB detailed report,
# against curl fetching the same kind of pre-signed link, in the same run.
#
#   bench-download.py OSAI-REPORTS-CLI OSAI-SIMULATOR
#
# Prints the CLI's and curl's throughput, their ratio, the CLI's peak RSS
# and how much it grows over a run with a tiny report.  Fails only when
# something does not work; numbers below target print "BELOW TARGET".

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import requests

from benchutil import (TIME, BenchError, clean_env, read_peak_rss, spawn_measured,
                       start_simulator, stop, verdict)

GIB = 1024 * 1024 * 1024
MIB = 1024 * 1024
TOKEN = 'bench-download-token'
RATIO_TARGET = 0.8
RSS_GROWTH_TARGET_MIB = 16
ROUNDS = 3

def run_cli(cli, url, output, workdir):
    """Runs the CLI; returns (wall s, download s, peak RSS KiB).

    The download time runs from the moment the output file appears (the
    storage answered and the file was opened) to the exit of the CLI.
    """
    env = clean_env(OSAI_ACCESS_TOKEN=TOKEN)
    rss_file = os.path.join(workdir, 'rss')
    with open(os.path.join(workdir, 'cli.err'), 'w+') as err:
        start = time.monotonic()
        proc = spawn_measured([cli, '--server', url, '--quiet', '--no-history', '--format', 'csv',
                               '--output', output],
                              env, subprocess.DEVNULL, err, rss_file)
        appeared = None
        while proc.poll() is None:
            if appeared is None and os.path.exists(output):
                appeared = time.monotonic()
            time.sleep(0.001)
        end = time.monotonic()
        err.seek(0)
        message = err.read().strip()

    if proc.returncode != 0:
        raise BenchError(f'osai-reports-cli exited with {proc.returncode}: {message}')
    if appeared is None:
        appeared = start
    return end - start, end - appeared, read_peak_rss(rss_file)


def signed_link(url):
    """A fresh pre-signed link through the documented flow."""
    session = requests.Session()
    answer = session.post(f'{url}/Users/SignIn', json=TOKEN, timeout=30)
    answer.raise_for_status()
    session.headers['Authorization'] = f'Bearer {answer.text}'
    answer = session.post(f'{url}/Reports', timeout=30, json={
        'periodFrom': '2024-01-01T00:00:00.000Z',
        'periodTo': '2024-02-01T00:00:00.000Z',
        'includeDatasets': True,
        'includeManipulations': True,
        'includeModels': True,
        'includeRentedDevices': True,
        'includePredictions': True,
    })
    answer.raise_for_status()
    report_id = answer.json()['id']
    deadline = time.monotonic() + 60
    while True:
        answer = session.get(f'{url}/Reports/{report_id}', timeout=30)
        answer.raise_for_status()
        report = answer.json()
        if report['status'] == 0:
            return report['path']
        if report['status'] != -1 or time.monotonic() > deadline:
            raise BenchError(f'the reference report ended with status {report["status"]}')
        time.sleep(0.1)


def run_curl(link, output):
    """Returns curl's own figure, bytes per second."""
    result = subprocess.run(['curl', '-sS', '-o', output, '-w', '%{speed_download}', link],
                            capture_output=True, text=True, check=False, env=clean_env())
    if result.returncode != 0:
        raise BenchError(f'curl failed ({result.returncode}): {result.stderr.strip()}')
    return float(result.stdout.strip())


def main():
    if len(sys.argv) != 3:
        print(f'usage: {sys.argv[0]} OSAI-REPORTS-CLI OSAI-SIMULATOR', file=sys.stderr)
        return 2
    cli, simulator = sys.argv[1:]
    if shutil.which('curl') is None or not os.access(TIME, os.X_OK):
        print('curl or GNU time is not installed: skipping')
        return 77

    workdir = tempfile.mkdtemp(prefix='osai-bench-download-')
    big = small = None
    try:
        big, big_url = start_simulator(simulator, TOKEN, '--detail-size', str(GIB))
        small, small_url = start_simulator(simulator, TOKEN)

        small_output = os.path.join(workdir, 'small.json')
        _, _, small_rss = run_cli(cli, small_url, small_output, workdir)

        # Alternate rounds, medians: two processes share few cores here.
        cli_runs = []
        curl_speeds = []
        for _ in range(ROUNDS):
            cli_output = os.path.join(workdir, 'cli.json')
            cli_runs.append(run_cli(cli, big_url, cli_output, workdir))
            if os.path.getsize(cli_output) != GIB:
                raise BenchError(f'the CLI saved {os.path.getsize(cli_output)} bytes, not {GIB}')
            os.unlink(cli_output)

            curl_output = os.path.join(workdir, 'curl.json')
            curl_speeds.append(run_curl(signed_link(big_url), curl_output))
            if os.path.getsize(curl_output) != GIB:
                raise BenchError(f'curl saved {os.path.getsize(curl_output)} bytes, not {GIB}')
            os.unlink(curl_output)
    except (BenchError, requests.RequestException, OSError, KeyError, ValueError) as error:
        print(f'bench-download: {error}', file=sys.stderr)
        return 1
    finally:
        for proc in (big, small):
            if proc is not None:
                stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)

    wall = statistics.median(run[0] for run in cli_runs)
    download = statistics.median(run[1] for run in cli_runs)
    cli_rss = max(run[2] for run in cli_runs)
    cli_speed = GIB / download / MIB
    cli_speed_wall = GIB / wall / MIB
    curl_speed = statistics.median(curl_speeds) / MIB
    ratio = cli_speed / curl_speed if curl_speed > 0 else 0.0
    growth = (cli_rss - small_rss) / 1024

    print(f'{ROUNDS} rounds, medians')
    print(f'CLI:   1 GiB in {wall:.2f} s wall, {download:.2f} s downloading '
          f'-> {cli_speed:.1f} MiB/s ({cli_speed_wall:.1f} MiB/s over the whole run)')
    print(f'curl:  {curl_speed:.1f} MiB/s')
    print(f'ratio CLI/curl: {ratio:.2f} (target >= {RATIO_TARGET}) '
          f'{verdict(ratio >= RATIO_TARGET)}')
    print(f'CLI peak RSS: {cli_rss / 1024:.1f} MiB; with a tiny report: {small_rss / 1024:.1f} MiB')
    print(f'RSS growth: {growth:.1f} MiB (target < {RSS_GROWTH_TARGET_MIB} MiB) '
          f'{verdict(growth < RSS_GROWTH_TARGET_MIB)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
