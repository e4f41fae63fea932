#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""appstreamcli validate --no-net --strict, minus one known version gap.

--strict fails on every issue above "pedantic", infos included.  The one
issue we accept: AppStream 0.16 (Debian 12) does not know <developer>,
which AppStream 1.0 (the GNOME 50 runtime, Flathub) asks for; the file
carries <developer_name> too, so both read a developer.
Usage: check-appstream.py APPSTREAMCLI METAINFO
"""
import re
import subprocess
import sys

appstreamcli, metainfo = sys.argv[1:3]

version_text = subprocess.run([appstreamcli, "--version"], check=True,
                              stdout=subprocess.PIPE, text=True).stdout
match = re.search(r"(\d+)\.(\d+)", version_text)
version = (int(match.group(1)), int(match.group(2))) if match else (0, 0)

accepted = set()
if version < (1, 0):
    accepted.add("unknown-tag developer")

result = subprocess.run([appstreamcli, "validate", "--no-net", "--strict",
                         "--explain", metainfo],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                        text=True)
print(result.stdout)

problems = []
for line in result.stdout.splitlines():
    issue = re.match(r"^([EWI]): [^:]+:[^ ]*: (.*)$", line)
    if issue is None:
        continue
    text = issue.group(2).strip()
    if issue.group(1) == "I" and text in accepted:
        print(f"accepted on AppStream {version[0]}.{version[1]}: {text}")
        continue
    problems.append(line)

if problems:
    sys.exit("appstreamcli reported:\n  " + "\n  ".join(problems))
if result.returncode != 0 and not accepted:
    sys.exit(f"appstreamcli failed with exit status {result.returncode}")
print("metainfo: valid, no warnings")
