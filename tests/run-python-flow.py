#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the built osai-simulator, runs python-flow.py against it, checks the
# downloaded detailed report and that the simulator stops cleanly on SIGTERM.
#
# Usage: run-python-flow.py SIMULATOR PYTHON_FLOW post|get

import json
import os
import signal
import subprocess
import sys
import tempfile

DETAIL_SIZE = 200000


def main():
    simulator, flow, form = sys.argv[1:4]
    sim = subprocess.Popen([simulator, '--report-delay', '1', '--sign-in', form,
                            '--access-token', 'flow-token',
                            '--detail-size', str(DETAIL_SIZE)],
                           stdout=subprocess.PIPE, text=True)
    try:
        base_url = sim.stdout.readline().strip()
        if not base_url.startswith('http://127.0.0.1:') or not base_url.endswith('/api'):
            print(f'unexpected first line: {base_url!r}', file=sys.stderr)
            return 1

        with tempfile.TemporaryDirectory() as tmp:
            output = os.path.join(tmp, 'detail.json')
            flow_run = subprocess.run([sys.executable, flow, '--url', base_url,
                                       '--token', 'flow-token', '--sign-in', form,
                                       '--output', output], timeout=40)
            if flow_run.returncode != 0:
                print(f'python-flow.py failed: {flow_run.returncode}', file=sys.stderr)
                return 1
            if os.path.getsize(output) != DETAIL_SIZE:
                print(f'wrong size: {os.path.getsize(output)}', file=sys.stderr)
                return 1
            with open(output, encoding='utf-8') as f:
                detail = json.load(f)
            if not isinstance(detail, dict) or 'records' not in detail:
                print('detailed report has no records', file=sys.stderr)
                return 1
    finally:
        if sim.poll() is None:
            sim.send_signal(signal.SIGTERM)
        try:
            code = sim.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sim.kill()
            code = -1

    if code != 0:
        print(f'simulator exited with {code}', file=sys.stderr)
        return 1
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
