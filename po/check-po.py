#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A translation is valid and complete against the sources as they are now.

1. msgfmt --check (formats, header, plural forms) and --check-accelerators
   (one "_" per label), with no warning at all;
2. no fuzzy and no untranslated message;
3. every message the sources have today (xgettext over POTFILES.in, as
   meson's `glib` preset runs it) is translated: `msgcmp`.
Usage: check-po.py SOURCE_ROOT LANG
"""
import os
import subprocess
import sys
import tempfile

source_root, lang = sys.argv[1:3]
po_dir = os.path.join(source_root, "po")
po_file = os.path.join(po_dir, lang + ".po")
failures = []

check = subprocess.run(["msgfmt", "--check", "--check-accelerators=_", "--statistics",
                        "--output-file=/dev/null", po_file],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))
print(check.stdout.strip())
lines = [line for line in check.stdout.splitlines() if line.strip()]
if check.returncode != 0:
    failures.append("msgfmt --check failed")
if len(lines) != 1 or "fuzzy" in lines[-1] or "untranslated" in lines[-1]:
    failures.append("msgfmt: warnings, fuzzy or untranslated messages")

keywords = ["--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
            "--keyword=g_dpgettext2:2c,3"]
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "current.pot")
    xgettext = subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments",
                               *keywords, "--directory", source_root,
                               "--files-from", os.path.join(po_dir, "POTFILES.in"),
                               "--output", pot],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if xgettext.returncode != 0:
        print(xgettext.stdout)
        failures.append("xgettext failed")
    else:
        # Without --use-untranslated/--use-fuzzy, only real translations count.
        cmp = subprocess.run(["msgcmp", po_file, pot], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))
        if cmp.returncode != 0:
            print(cmp.stdout)
            failures.append(f"{lang}.po lacks translations of messages the sources have")

if failures:
    sys.exit("\n".join(failures))
print(f"{lang}.po: valid and complete")
