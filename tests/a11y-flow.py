#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive the whole demo flow of osai-reports through the accessibility bus.

What a screen reader user does: find "Try the Demo", press it, find
"Generate Report", press it, wait for the totals and "Save Detailed
Report…".  On every page, every control a keyboard can reach must have an
accessible name.  Run under dbus-run-session and Xvfb (the meson test does).

usage: a11y-flow.py OSAI_REPORTS_BINARY
"""

import os
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    sys.exit(0)

CONTROL_ROLES = {
    "push button", "toggle button", "check box", "combo box", "text",
    "password text", "spin button", "menu item", "switch", "radio button",
}

# Controls inside libadwaita/GTK themselves that this app cannot name:
# the password row's peek button (libadwaita 1.2 names it after its image).
LIBRARY_NAMES = {"GtkImage"}

tests = 0


def ok(condition, what):
    global tests
    tests += 1
    print(f"{'ok' if condition else 'not ok'} {tests} - {what}", flush=True)
    if not condition:
        raise SystemExit(1)


def walk(node):
    yield node
    try:
        children = list(node)
    except Exception:  # a node gone while walking
        return
    for child in children:
        if child is not None:
            yield from walk(child)


def showing(node):
    # GTK 4.8 exports VISIBLE (the widget property), not SHOWING (mapped):
    # controls on a hidden stack page count as visible, so the flow finds
    # buttons by name and by SENSITIVE, which follows the window's actions.
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def wait_for(what, predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise SystemExit(f"Bail out! timed out waiting for {what}")


def find_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == "osai-reports":
            return app
    return None


def find_control(app, role, name):
    # Read the states afresh: at-spi caches them, and GTK 4.8 does not
    # announce every change of sensitivity.
    app.clearCache()
    for node in walk(app):
        try:
            if node.getRoleName() == role and name in (node.name or "") and showing(node):
                if node.getState().contains(pyatspi.STATE_SENSITIVE):
                    return node
        except Exception:
            continue
    return None


def press(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            action.doAction(i)
            return
    action.doAction(0)


def unnamed_controls(app):
    missing = []
    for node in walk(app):
        try:
            role = node.getRoleName()
            state = node.getState()
        except Exception:
            continue
        if role not in CONTROL_ROLES or not state.contains(pyatspi.STATE_VISIBLE):
            continue
        if not state.contains(pyatspi.STATE_FOCUSABLE):
            continue
        name = (node.name or "").strip()
        if name in LIBRARY_NAMES:
            continue
        if not name or name.startswith(("Gtk", "Adw")):
            missing.append(f"{role} {name!r}")
    return missing


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        env.update({
            "GDK_BACKEND": "x11",
            "SECRET_BACKEND": "file",
            "SECRET_FILE_TEST_PATH": os.path.join(tmp, "keyring"),
            "SECRET_FILE_TEST_PASSWORD": "test",
            "HOME": tmp,
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "XDG_DATA_HOME": os.path.join(tmp, "data"),
            "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
        })
        # A closed loopback port: no keyring entry, so the sign-in page shows.
        app_process = subprocess.Popen([binary, "--server", "http://127.0.0.1:9/api"], env=env)
        try:
            # Start-up here waits ~25 s on the desktop portal (no backend under
            # Xvfb), more in the sanitizer build: allow for both.
            app = wait_for("the app on the accessibility bus", find_app, 90)
            ok(True, "the app is on the accessibility bus")

            demo = wait_for("Try the Demo", lambda: find_control(app, "push button", "Try the Demo"))
            missing = unnamed_controls(app)
            ok(not missing, f"sign-in page: every control has a name {missing}")
            press(demo)

            generate = wait_for("Generate Report",
                                lambda: find_control(app, "push button", "Generate Report"))
            missing = unnamed_controls(app)
            ok(not missing, f"request page: every control has a name {missing}")
            press(generate)

            # GTK 4.8 does not keep SENSITIVE up to date on the bus, so the
            # end of the wait is read from the totals' header instead.
            def header():
                app.clearCache()
                return any(" · " in (node.name or "") and node.getRoleName() == "label"
                           for node in walk(app))
            wait_for("the totals", header, 60)
            ok(True, "the report is done and its totals are shown")

            labels = {node.name for node in walk(app) if node.getRoleName() == "label"}
            ok(any(label.startswith("Dataset storage") for label in labels),
               "the totals list Dataset storage")
            missing = unnamed_controls(app)
            ok(not missing, f"totals: every control has a name {missing}")
        finally:
            app_process.terminate()
            app_process.wait(timeout=10)
    print(f"1..{tests}")


if __name__ == "__main__":
    main()
