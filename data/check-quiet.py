#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a validator and fail on anything it says, not only on errors.

desktop-file-validate exits 0 after warnings and hints; a file we ship
must draw none.  Usage: check-quiet.py PROGRAM ARG...
"""
import subprocess
import sys

result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT, text=True)
sys.stdout.write(result.stdout)
if result.returncode != 0:
    sys.exit(f"{sys.argv[1]} failed with exit status {result.returncode}")
if result.stdout.strip():
    sys.exit(f"{sys.argv[1]} printed the messages above: fix them")
print(f"{' '.join(sys.argv[1:])}: no messages")
