#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command-line options osai-reports answers without opening a window.

usage: app-options.py OSAI_REPORTS_BINARY VERSION
"""

import os
import subprocess
import sys

binary, version = sys.argv[1], sys.argv[2]
env = dict(os.environ)
env.pop("DISPLAY", None)
env.pop("WAYLAND_DISPLAY", None)
tests = 0


def ok(condition, what):
    global tests
    tests += 1
    print(f"{'ok' if condition else 'not ok'} {tests} - {what}", flush=True)
    return condition


def run(*args):
    return subprocess.run([binary, *args], env=env, capture_output=True, text=True, timeout=30)


failed = False
result = run("--version")
failed |= not ok(result.returncode == 0 and result.stdout.strip() == f"osai-reports {version}",
                 f"--version prints the version ({result.stdout.strip()!r})")

result = run("--help")
failed |= not ok(result.returncode == 0 and "--demo" in result.stdout and "--server" in result.stdout,
                 "--help lists --demo and --server")

# An unencrypted server that is not this computer: refused on stderr, before
# any window, with a usage exit status.
result = run("--server", "http://example.com/api")
failed |= not ok(result.returncode == 2 and "not encrypted" in result.stderr
                 and result.stdout == "",
                 f"--server refuses plain http to another host ({result.returncode}, "
                 f"{result.stderr.strip()!r})")

result = run("--server", "not a url")
failed |= not ok(result.returncode == 2 and result.stderr.startswith("osai-reports: --server:"),
                 f"--server refuses what is not a URL ({result.stderr.strip()!r})")

result = run("--no-such-option")
failed |= not ok(result.returncode != 0 and result.stderr != "",
                 "an unknown option is an error on stderr")

print(f"1..{tests}")
sys.exit(1 if failed else 0)
