#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The development profile installs under the .Devel ID, with its own icon.

Configures the source tree once more with -Dprofile=development (no
compile: `meson introspect --installed` says where each file would go) and
checks the names, the configured launcher and metainfo, and config.h.
Usage: check-devel-profile.py MESON SOURCE_ROOT APPSTREAMCLI
Prints TAP.
"""
import configparser
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

meson, source_root, appstreamcli = sys.argv[1:4]
base_id = "io.github.osaireports.OsaiReports"
devel_id = base_id + ".Devel"
results = []


def check(ok, what):
    results.append((bool(ok), what))


with tempfile.TemporaryDirectory(prefix="osai-devel-") as tmp:
    build = os.path.join(tmp, "build")
    setup = subprocess.run([meson, "setup", build, source_root, "--prefix=/usr",
                            "-Dprofile=development", "-Dtests=false"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if setup.returncode != 0:
        print(setup.stdout)
    check(setup.returncode == 0, "meson setup -Dprofile=development")

    installed = json.loads(subprocess.run([meson, "introspect", "--installed", build],
                                          check=True, stdout=subprocess.PIPE,
                                          text=True).stdout)
    destinations = {os.path.relpath(dest, "/usr"): src for src, dest in installed.items()}

    for dest in (f"share/applications/{devel_id}.desktop",
                 f"share/metainfo/{devel_id}.metainfo.xml",
                 f"share/dbus-1/services/{devel_id}.service",
                 f"share/icons/hicolor/scalable/apps/{devel_id}.svg",
                 f"share/icons/hicolor/symbolic/apps/{devel_id}-symbolic.svg"):
        check(dest in destinations, f"installs {dest}")
    check(not any(base_id + "." in d and devel_id not in d and "schemas" not in d
                  for d in destinations),
          "installs nothing else under the release ID (the schema is shared)")
    icon_source = destinations.get(f"share/icons/hicolor/scalable/apps/{devel_id}.svg", "")
    check(icon_source.endswith(devel_id + ".svg"), "the app icon is the striped .Devel artwork")

    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(os.path.join(build, "data", devel_id + ".desktop.in"), encoding="utf-8")
    check(desktop["Desktop Entry"].get("Icon") == devel_id, "the launcher shows the .Devel icon")

    metainfo_in = os.path.join(build, "data", devel_id + ".metainfo.xml.in")
    tree = ET.parse(metainfo_in)
    check(tree.findtext("id") == devel_id, "the metainfo's ID is the .Devel one")
    check(tree.findtext("launchable") == devel_id + ".desktop",
          "the metainfo launches the .Devel launcher")
    validate = subprocess.run([sys.executable,
                               os.path.join(source_root, "data", "check-appstream.py"),
                               appstreamcli, metainfo_in],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if validate.returncode != 0:
        print(validate.stdout)
    check(validate.returncode == 0, "the .Devel metainfo validates")

    with open(os.path.join(build, "config.h")) as config:
        check(f'#define APP_ID "{devel_id}"' in config.read(), "config.h: APP_ID is the .Devel ID")

print(f"1..{len(results)}")
for number, (ok, what) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} - {what}")
sys.exit(0 if all(ok for ok, _ in results) else 1)
