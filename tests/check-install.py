#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`meson install --destdir` lands every file where a desktop looks for it.

Usage: check-install.py MESON BUILD_ROOT PREFIX APP_ID
Prints TAP: one line per file or property checked.
"""
import configparser
import gettext
import os
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

meson, build_root, prefix, app_id = sys.argv[1:5]
package = "osai-reports"
base_id = app_id.removesuffix(".Devel")
help_pages = ["index", "history", "compare", "sign-in", "generate", "totals", "save",
              "troubleshooting", "privacy"]

results = []


def check(ok, what):
    results.append((bool(ok), what))


with tempfile.TemporaryDirectory(prefix="osai-install-") as destdir:
    env = dict(os.environ, DESTDIR=destdir)
    run = subprocess.run([meson, "install", "-C", build_root, "--no-rebuild",
                          "--quiet", "--destdir", destdir],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, env=env)
    if run.returncode != 0:
        print(run.stdout)
    check(run.returncode == 0, "meson install --destdir succeeds")

    root = destdir + prefix
    share = os.path.join(root, "share")

    def path(*parts):
        return os.path.join(root, *parts)

    def exists(relative, what=None):
        full = path(relative)
        check(os.path.isfile(full), what or relative)
        return full

    for program in ("osai-reports", "osai-reports-cli", "osai-simulator"):
        full = exists(os.path.join("bin", program))
        check(os.access(full, os.X_OK), f"bin/{program} is executable")

    desktop_path = exists(f"share/applications/{app_id}.desktop")
    metainfo_path = exists(f"share/metainfo/{app_id}.metainfo.xml")
    service_path = exists(f"share/dbus-1/services/{app_id}.service")
    exists(f"share/icons/hicolor/scalable/apps/{app_id}.svg")
    exists(f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg")
    exists(f"share/glib-2.0/schemas/{base_id}.gschema.xml")
    # gnome.post_install compiles them on a real install; meson skips it for
    # a DESTDIR one, so compile what landed here the same way.
    schemas = subprocess.run(["glib-compile-schemas", "--strict", "--dry-run",
                              path("share/glib-2.0/schemas")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(schemas.returncode == 0 and not schemas.stdout.strip(),
          "the installed schemas compile (--strict)")
    for page in help_pages:
        exists(f"share/help/C/{package}/{page}.page")
    mo_path = exists(f"share/locale/pl/LC_MESSAGES/{package}.mo")

    # The launcher runs an installed program and names the installed icon.
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    if os.path.isfile(desktop_path):
        desktop.read(desktop_path, encoding="utf-8")
        entry = desktop["Desktop Entry"]
        program = shlex.split(entry.get("Exec", ""))[0]
        check(os.path.isfile(path("bin", program)),
              f"the launcher's Exec ({program}) is installed in bin/")
        check(entry.get("Icon") == app_id, "the launcher's Icon is the app ID")
        check("Name[pl]" in entry and "Comment[pl]" in entry,
              "the launcher carries the Polish name and comment")

    # The D-Bus service starts the installed program by its final path.
    service = configparser.ConfigParser(interpolation=None)
    service.optionxform = str
    if os.path.isfile(service_path):
        service.read(service_path)
        exec_line = shlex.split(service["D-BUS Service"].get("Exec", ""))
        check(exec_line and exec_line[0] == os.path.join(prefix, "bin", "osai-reports"),
              "the D-Bus service runs PREFIX/bin/osai-reports")

    # The metainfo names the launcher and is translated.
    if os.path.isfile(metainfo_path):
        tree = ET.parse(metainfo_path)
        launchable = tree.find("launchable")
        check(launchable is not None and launchable.text == f"{app_id}.desktop",
              "the metainfo's launchable is the installed launcher")
        lang = "{http://www.w3.org/XML/1998/namespace}lang"
        check(any(s.get(lang) == "pl" for s in tree.findall("summary")),
              "the metainfo carries a Polish summary")

    # The catalogue really is Polish.
    if os.path.isfile(mo_path):
        with open(mo_path, "rb") as mo:
            catalogue = gettext.GNUTranslations(mo)
        polish = catalogue.gettext("_Generate Report")
        check(polish != "_Generate Report", f"pl catalogue: _Generate Report → {polish}")
        check(catalogue.info().get("plural-forms", "").startswith("nplurals=3"),
              "pl catalogue has the three Polish plural forms")

print(f"1..{len(results)}")
for number, (ok, what) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {number} - {what}")
sys.exit(0 if all(ok for ok, _ in results) else 1)
