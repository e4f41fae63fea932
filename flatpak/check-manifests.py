#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifests against the rest of the tree.

  check-manifests.py [--release M] [--devel M] [--metainfo F] [--desktop F]
                     [--project-meson F] [--meson-build F ...]

Every path defaults to its place in this source tree.  Prints TAP; exits 1
when a check fails, 2 when an argument is wrong.

The data files are templates: `@APP_ID@` in them becomes the application
ID of the build profile (the top-level meson.build's `base_id`, plus
`.Devel` for -Dprofile=development), so each manifest is checked against
the ID its own build gives them.
"""

import argparse
import configparser
import json
import os
import re
import shlex
import sys
import xml.etree.ElementTree as ElementTree

# The sandbox gets exactly this, and nothing broader: files go through the
# file chooser portal, the keyring through the Secret portal.
ALLOWED_FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
]

RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
DEVEL_SUFFIX = ".Devel"
PLACEHOLDER = "@APP_ID@"


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, description, problems=()):
        self.count += 1
        if ok:
            print(f"ok {self.count} - {description}")
        else:
            self.failed += 1
            print(f"not ok {self.count} - {description}")
            for problem in problems:
                for line in str(problem).splitlines():
                    print(f"# {line}")
        return ok

    def finish(self):
        print(f"1..{self.count}")
        if self.failed:
            print(f"# {self.failed} of {self.count} checks failed", file=sys.stderr)
        return 1 if self.failed else 0


def explain_finish_arg(arg):
    """Why an argument that is not on the allowed list is not there."""
    if arg.startswith("--filesystem="):
        return (f"{arg}: no file system access; the save dialog goes through "
                "the file chooser portal and the app only writes where the "
                "user picked")
    if arg.startswith("--talk-name=org.freedesktop.secrets"):
        return (f"{arg}: no direct keyring access; libsecret uses the Secret "
                "portal inside the sandbox")
    if arg.startswith(("--talk-name=", "--own-name=", "--system-talk-name=",
                       "--system-own-name=", "--socket=session-bus",
                       "--socket=system-bus")):
        return f"{arg}: the app talks to no other D-Bus service than the portals"
    if arg == "--socket=x11":
        return (f"{arg}: use --socket=fallback-x11, so that X11 is only "
                "there when Wayland is not")
    if arg.startswith("--device="):
        return f"{arg}: only --device=dri (GPU rendering) is needed"
    if arg.startswith("--share="):
        return f"{arg}: only --share=network and --share=ipc are needed"
    if arg.startswith("--socket="):
        return f"{arg}: only the display sockets are needed"
    if arg.startswith(("--env=", "--persist=", "--allow=", "--add-policy=")):
        return f"{arg}: not needed, and the release and Devel sandboxes must be the same"
    return f"{arg}: not on the allowed list"


def load_manifest(tap, path, label):
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        tap.check(False, f"{label} manifest {path} is JSON", [e])
        return None
    tap.check(isinstance(manifest, dict), f"{label} manifest {path} is JSON",
              ["the top level is not an object"])
    return manifest if isinstance(manifest, dict) else None


def meson_ids(path):
    """base_id and the development suffix from the top-level meson.build."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    base = re.search(r"^\s*base_id\s*=\s*'([^']+)'", text, re.M)
    devel = re.search(r"app_id\s*=\s*base_id\s*\+\s*'([^']+)'", text)
    return (base.group(1) if base else None,
            devel.group(1) if devel else None)


def call_end(text, start):
    """Index just past the parenthesis that closes the one at start."""
    depth = 0
    quote = None
    i = start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c == "'":
            quote = c
        elif c == "#":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def installed_executables(paths):
    """Names of executable('NAME', ..., install: true) in these files."""
    names = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"\bexecutable\s*\(\s*'([^']+)'", text):
            paren = text.index("(", m.start())
            call = text[paren:call_end(text, paren)]
            if re.search(r"\binstall\s*:\s*true\b", call):
                names.add(m.group(1))
    return names


def read_metainfo(path):
    root = ElementTree.parse(path).getroot()
    component_id = root.findtext("id")
    launchables = [e.text.strip() for e in root.findall("launchable")
                   if e.get("type") == "desktop-id" and e.text]
    return (component_id.strip() if component_id else None), launchables


def read_desktop(path):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    entry = parser["Desktop Entry"]
    return entry.get("Exec"), entry.get("Icon")


def resolve(value, app_id):
    return value.replace(PLACEHOLDER, app_id) if value is not None else None


def config_opts(manifest, module):
    opts = module.get("config-opts", []) if module else []
    return opts if isinstance(opts, list) else []


def main_module(manifest):
    modules = manifest.get("modules", [])
    for module in modules:
        if isinstance(module, dict) and module.get("name") == "osai-reports":
            return module
    return None


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    flatpak_dir = os.path.join(top, "flatpak")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", default=os.path.join(
        flatpak_dir, "io.github.osaireports.OsaiReports.json"))
    parser.add_argument("--devel", default=os.path.join(
        flatpak_dir, "io.github.osaireports.OsaiReports.Devel.json"))
    parser.add_argument("--metainfo", default=os.path.join(
        top, "data", "io.github.osaireports.OsaiReports.metainfo.xml.in"))
    parser.add_argument("--desktop", default=os.path.join(
        top, "data", "io.github.osaireports.OsaiReports.desktop.in"))
    parser.add_argument("--project-meson", default=os.path.join(top, "meson.build"),
                        help="the meson.build that sets base_id and app_id")
    parser.add_argument("--meson-build", action="append",
                        help="a meson.build with executable() calls (repeatable; "
                             "default src/meson.build and those below src/)")
    args = parser.parse_args()

    if not args.meson_build:
        args.meson_build = []
        for dirpath, dirnames, filenames in os.walk(os.path.join(top, "src")):
            dirnames.sort()
            if "meson.build" in filenames:
                args.meson_build.append(os.path.join(dirpath, "meson.build"))

    tap = Tap()

    # -- The manifests on their own ------------------------------------------
    release = load_manifest(tap, args.release, "release")
    devel = load_manifest(tap, args.devel, "Devel")
    if release is None or devel is None:
        return tap.finish()
    manifests = {"release": release, "Devel": devel}

    # -- IDs -----------------------------------------------------------------
    try:
        base_id, devel_suffix = meson_ids(args.project_meson)
    except OSError as e:
        base_id = devel_suffix = None
        tap.check(False, f"{args.project_meson} is readable", [e])
    tap.check(base_id is not None and devel_suffix == DEVEL_SUFFIX,
              f"{args.project_meson} sets base_id and app_id = base_id + '{DEVEL_SUFFIX}'",
              [f"found base_id {base_id!r}, development suffix {devel_suffix!r}"])
    release_id = release.get("id")
    devel_id = devel.get("id")
    tap.check(release_id is not None and release_id == base_id,
              "release manifest id is the project's application ID",
              [f"manifest id {release_id!r}, meson base_id {base_id!r}"])
    tap.check(devel_id is not None and release_id is not None
              and devel_id == release_id + DEVEL_SUFFIX,
              f"Devel manifest id is the release id + '{DEVEL_SUFFIX}'",
              [f"release {release_id!r}, Devel {devel_id!r}"])
    app_ids = {"release": release_id or "?", "Devel": devel_id or "?"}

    # -- Runtime -------------------------------------------------------------
    versions = {}
    for label, m in manifests.items():
        problems = []
        if m.get("runtime") != RUNTIME:
            problems.append(f"runtime is {m.get('runtime')!r}, not {RUNTIME!r}")
        if m.get("sdk") != SDK:
            problems.append(f"sdk is {m.get('sdk')!r}, not {SDK!r}")
        version = m.get("runtime-version")
        if not isinstance(version, str) or not version:
            problems.append(f"runtime-version is {version!r}, not a string")
        versions[label] = version
        tap.check(not problems, f"{label} manifest uses {RUNTIME} and {SDK}", problems)
    tap.check(versions["release"] == versions["Devel"],
              "both manifests use the same runtime-version",
              [f"release {versions['release']!r}, Devel {versions['Devel']!r}"])

    # -- Sandbox -------------------------------------------------------------
    for label, m in manifests.items():
        finish_args = m.get("finish-args", [])
        if not isinstance(finish_args, list):
            finish_args = [repr(finish_args)]
        problems = [explain_finish_arg(a) for a in finish_args
                    if a not in ALLOWED_FINISH_ARGS]
        problems += [f"{a} is missing" for a in ALLOWED_FINISH_ARGS
                     if a not in finish_args]
        problems += [f"{a} is given more than once" for a in set(finish_args)
                     if finish_args.count(a) > 1]
        tap.check(not problems,
                  f"{label} finish-args are exactly {' '.join(ALLOWED_FINISH_ARGS)}",
                  problems)

    # -- Build ---------------------------------------------------------------
    for label, m in manifests.items():
        module = main_module(m)
        problems = []
        if module is None:
            problems.append("no module named osai-reports")
        else:
            if module.get("buildsystem") != "meson":
                problems.append(f"buildsystem is {module.get('buildsystem')!r}, not 'meson'")
            sources = module.get("sources", [])
            if not any(isinstance(s, dict) and s.get("type") == "dir"
                       and s.get("path") == ".." for s in sources):
                problems.append('sources lack {"type": "dir", "path": ".."}')
        tap.check(not problems, f"{label} manifest builds the tree with meson", problems)

        opts = config_opts(m, module)
        tap.check("-Dtests=false" in opts, f"{label} manifest passes -Dtests=false",
                  [f"config-opts: {opts}"])
        profile = [o for o in opts if o.startswith("-Dprofile=")]
        if label == "Devel":
            tap.check(profile == ["-Dprofile=development"],
                      "Devel manifest passes -Dprofile=development",
                      [f"config-opts: {opts}"])
        else:
            tap.check(not profile or profile == ["-Dprofile=default"],
                      "release manifest does not pass -Dprofile=development",
                      [f"config-opts: {opts}"])

    # -- Metainfo ------------------------------------------------------------
    try:
        component_id, launchables = read_metainfo(args.metainfo)
        metainfo_problem = None
    except (OSError, ElementTree.ParseError) as e:
        component_id, launchables = None, []
        metainfo_problem = e
    tap.check(metainfo_problem is None, f"metainfo {args.metainfo} is readable XML",
              [metainfo_problem])
    for label in manifests:
        app_id = app_ids[label]
        got = resolve(component_id, app_id)
        tap.check(got == app_id, f"{label} manifest id is the metainfo <id>",
                  [f"manifest {app_id!r}, metainfo <id> {component_id!r}"
                   + (f" (built as {got!r})" if got != component_id else "")])
        got = [resolve(x, app_id) for x in launchables]
        tap.check(got == [app_id + ".desktop"],
                  f"{label}: the metainfo launchable desktop-id is {app_id}.desktop",
                  [f"launchable desktop-id: {launchables or 'none'}"])

    # -- Launcher and command -------------------------------------------------
    try:
        exec_line, icon = read_desktop(args.desktop)
        desktop_problem = None
    except (OSError, KeyError, configparser.Error) as e:
        exec_line, icon = None, None
        desktop_problem = e
    tap.check(desktop_problem is None and exec_line is not None,
              f"desktop file {args.desktop} has a [Desktop Entry] with Exec",
              [desktop_problem or "no Exec key"])
    try:
        program = shlex.split(exec_line)[0] if exec_line else None
    except ValueError:
        program = None
    try:
        executables = installed_executables(args.meson_build)
        meson_problem = None
    except OSError as e:
        executables = set()
        meson_problem = e
    for label, m in manifests.items():
        command = m.get("command")
        tap.check(command is not None and command == program,
                  f"{label} command is the desktop file's Exec program",
                  [f"command {command!r}, Exec={exec_line!r}"])
        tap.check(command in executables,
                  f"{label} command is an executable meson installs",
                  [meson_problem or f"command {command!r}; installed executables: "
                   f"{sorted(executables) or 'none'} (in {', '.join(args.meson_build)})"])
        cleanup = m.get("cleanup", [])
        removed = [c for c in cleanup if isinstance(c, str) and command and
                   c.rstrip("/") in (f"/bin/{command}", "/bin", command)]
        tap.check(not removed, f"{label} cleanup keeps /app/bin/{command}",
                  [f"cleanup removes it: {removed}"])
        got = resolve(icon, app_ids[label])
        tap.check(got == app_ids[label], f"{label}: the desktop file's Icon is the app ID",
                  [f"Icon={icon!r}" + (f" (built as {got!r})" if got != icon else "")])

    # -- Release and Devel differ only where they should ----------------------
    def comparable(m):
        m = json.loads(json.dumps(m))
        for key in ("id", "tags", "branch", "desktop-file-name-suffix"):
            m.pop(key, None)
        module = main_module(m)
        if module is not None:
            module["config-opts"] = sorted(
                o for o in config_opts(m, module)
                if not o.startswith(("-Dprofile=", "-Dbuildtype=")))
        return m
    a, b = comparable(release), comparable(devel)
    diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    tap.check(not diff, "release and Devel manifests differ only in id, tags, "
              "profile and buildtype", [f"they also differ in: {', '.join(diff)}"])

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
