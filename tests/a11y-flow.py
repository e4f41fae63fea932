#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive osai-reports through the accessibility bus, as a screen reader would.

Starts without a token (the sign-in page), presses "Try the Demo", makes a
report, then opens Recent, Compare (making a comparison with the previous
period) and Preferences.  In each of these six views it walks the whole
AT-SPI tree and lists every control whose name is empty or only a GTK type
name ("GtkImage", "GtkMenuButton"...): a screen reader would read that, or
nothing.  The count must be 0.  Run under dbus-run-session and Xvfb (the
meson test does).

usage: a11y-flow.py OSAI_REPORTS_BINARY
"""

import os
import re
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
    from gi.repository import GLib
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    sys.exit(0)

# What a person operates: buttons of every kind (GTK exports a menu button
# as a push button holding a toggle button), switches (check boxes in
# GTK 4.8), entries, spin buttons, combo rows, tabs, menu items, links,
# sliders.  Containers (lists, rows, cells, scroll panes) are not counted.
CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "switch",
    "combo box", "text", "password text", "entry", "spin button", "slider",
    "page tab", "menu item", "check menu item", "radio menu item", "link",
}

# The fallback name GTK gives an unnamed widget: its type name.
TYPE_NAME = re.compile(r"(Gtk|Adw)[A-Z][A-Za-z0-9]*")

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


def state_of(node, state):
    try:
        return node.getState().contains(state)
    except Exception:
        return False


app_process = None


def wait_for(what, predicate, timeout=30.0):
    """Polls @predicate until it returns something true, or bails out."""
    deadline = time.monotonic() + timeout
    while True:
        if app_process is not None and app_process.poll() is not None:
            raise SystemExit(f"Bail out! the app ended ({app_process.returncode}) "
                             f"while waiting for {what}")
        try:
            result = predicate()
        except GLib.GError as error:
            # A node that went away while the tree was being read (a page
            # rebuilt meanwhile): read it again.
            print(f"# while waiting for {what}: {error.message}", flush=True)
            result = None
        if result:
            return result
        if time.monotonic() >= deadline:
            raise SystemExit(f"Bail out! timed out waiting for {what}")
        iterate(0.1)


def iterate(seconds):
    """Runs the main loop for @seconds: libatspi learns of new applications
    and of changes to the tree from events it reads there, so a desktop
    read before the app registered stays empty to a loop that only sleeps."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not context.pending():
            time.sleep(0.01)
            continue
        context.iteration(False)


def find_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == "osai-reports":
            return app
    return None


def fresh(app):
    """@app with its cache cleared, or the app read again from the desktop
    when libatspi has let go of it ("The application no longer exists",
    which it says of a live app whose bus name it dropped under load)."""
    try:
        app.clearCache()
        app.getRoleName()
        return app
    except GLib.GError:
        again = find_app()
        if again is None:
            raise
        again.clearCache()
        return again


def actions_of(node):
    try:
        return node.queryAction().nActions
    except Exception:  # no Action interface
        return 0


def find_node(app, role, name, exact=False, pressable=True):
    # Read the states afresh: at-spi caches them, and GTK 4.8 does not
    # announce every change of sensitivity.  GTK 4.8 exports VISIBLE (the
    # widget property), not SHOWING (mapped): controls on a hidden stack
    # page count as visible, so controls are found by name and SENSITIVE,
    # which follows the window's actions.
    app = fresh(app)
    for node in walk(app):
        try:
            if node.getRoleName() != role:
                continue
            label = node.name or ""
            if (label != name) if exact else (name not in label):
                continue
            if not state_of(node, pyatspi.STATE_VISIBLE):
                continue
            # What can be pressed, when pressing is asked for: sensitive, and
            # not the menu button around the toggle button that opens it.
            if pressable and not state_of(node, pyatspi.STATE_SENSITIVE):
                continue
            if pressable and actions_of(node) == 0:
                continue
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


def path_of(node):
    parts = []
    while node is not None and len(parts) < 4:
        try:
            parts.append(f"{node.getRoleName()} {node.name!r}")
            node = node.parent
        except Exception:
            break
    return " < ".join(parts)


def unnamed_controls(app):
    """Every visible control of @app named nothing or only a type name."""
    app = fresh(app)
    missing = []
    for node in walk(app):
        try:
            role = node.getRoleName()
        except Exception:
            continue
        if role not in CONTROL_ROLES or not state_of(node, pyatspi.STATE_VISIBLE):
            continue
        words = (node.name or "").split()
        if not words or all(TYPE_NAME.fullmatch(word) for word in words):
            missing.append(path_of(node))
    return missing


views = 0
unnamed = 0


def audit(app, view):
    global views, unnamed
    missing = wait_for(f"the {view} view's tree", lambda: [unnamed_controls(app)])[0]
    views += 1
    unnamed += len(missing)
    for entry in missing:
        print(f"# {view}: unnamed {entry}", flush=True)
    print(f"# {view}: {len(missing)} unnamed controls", flush=True)


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
        global app_process
        app_process = subprocess.Popen([binary, "--server", "http://127.0.0.1:9/api"], env=env)
        try:
            # Start-up here waits ~25 s on the desktop portal (no backend under
            # Xvfb), more in the sanitizer build: allow for both.
            app = wait_for("the app on the accessibility bus", find_app, 90)
            ok(True, "the app is on the accessibility bus")

            # ---- Sign-in
            demo = wait_for("Try the Demo", lambda: find_node(app, "push button", "Try the Demo"))
            token = find_node(app, "text", "Access Token", pressable=False)
            ok(token is not None, "sign-in page: the token entry is there")
            audit(app, "sign-in")
            press(demo)

            # ---- Report: the form
            generate = wait_for("Generate Report",
                                lambda: find_node(app, "push button", "Generate Report"))
            audit(app, "report form")
            press(generate)

            # ---- Report: the totals.  GTK 4.8 does not keep SENSITIVE up to
            # date on the bus, so the end of the wait is read from the
            # totals' header instead.
            def header():
                return any(" · " in (node.name or "") and node.getRoleName() == "label"
                           for node in walk(fresh(app)))
            wait_for("the totals", header, 60)
            ok(True, "the report is done and its totals are shown")
            labels = wait_for("the totals' labels",
                              lambda: {node.name for node in walk(fresh(app))
                                       if node.getRoleName() == "label"})
            ok(any(label.startswith("Dataset storage") for label in labels),
               "the totals list Dataset storage")
            audit(app, "report totals")

            # ---- Recent: the report just made is a row of the list
            press(wait_for("the Recent tab", lambda: find_node(app, "page tab", "Recent", exact=True)))
            wait_for("a report in Recent",
                     lambda: find_node(app, "push button", "More Options", pressable=False))
            ok(True, "Recent lists the report")
            audit(app, "recent")

            # ---- Compare: with the previous period, made by the simulator
            press(wait_for("the Compare tab", lambda: find_node(app, "page tab", "Compare", exact=True)))
            press(wait_for("Previous Period", lambda: find_node(app, "push button", "Previous Period")))
            wait_for("the comparison", lambda: find_node(app, "push button", "Export as CSV"), 60)
            ok(True, "Compare shows a comparison")
            audit(app, "compare")

            # ---- Preferences, from the main menu
            press(wait_for("the main menu",
                           lambda: find_node(app, "push button", "Main Menu", exact=True)))
            press(wait_for("Preferences in the menu",
                           lambda: find_node(app, "menu item", "Preferences")))

            def preferences():
                return any(node.name == "Preferences" and node.getRoleName() in ("frame", "dialog")
                           for node in fresh(app))
            wait_for("the Preferences window", preferences)
            wait_for("the Longest Wait spin button",
                     lambda: find_node(app, "spin button", "Longest Wait", pressable=False))
            ok(True, "the Preferences window is open")
            audit(app, "preferences")

            print(f"a11y: {unnamed} unnamed controls in {views} views", flush=True)
            ok(unnamed == 0, "every control in every view has a name")
        finally:
            app_process.terminate()
            app_process.wait(timeout=10)
    print(f"1..{tests}")


if __name__ == "__main__":
    main()
