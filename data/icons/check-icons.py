#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The app icons are plain SVG drawn the way GNOME ships them.

Usage: check-icons.py ICON.svg...

A full-colour icon has a 128x128 view box and no bitmaps, text or
editor-specific markup. A *-symbolic.svg icon has a 16x16 view box and
is nothing but filled paths in #2e3436, the colour GTK recolours.
Prints TAP: one line per icon.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
SYMBOLIC_COLOUR = "#2e3436"
FOREIGN = ("inkscape", "sodipodi", "adobe", "sketch", "figma")
PAINT_SERVERS = {"linearGradient", "radialGradient", "pattern", "mask",
                 "filter", "clipPath"}


def local(tag):
    return tag[len(SVG):] if tag.startswith(SVG) else tag


def attributes(element):
    """Presentation attributes and style properties, merged."""
    attrs = {local(k): v.strip() for k, v in element.attrib.items()}
    for decl in attrs.pop("style", "").split(";"):
        if ":" in decl:
            key, value = decl.split(":", 1)
            attrs[key.strip()] = value.strip()
    return attrs


def check_common(root, raw, size):
    errors = []
    if root.tag != SVG + "svg":
        errors.append(f"root element is {root.tag}, not an SVG <svg>")
    view_box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    if view_box != ["0", "0", str(size), str(size)]:
        errors.append(f"viewBox is {root.get('viewBox')!r}, "
                      f"expected '0 0 {size} {size}'")
    for element in root.iter():
        tag = local(element.tag)
        if tag in ("image", "text", "foreignObject", "script"):
            errors.append(f"contains <{tag}>")
        for key, value in element.attrib.items():
            if local(key) == "href" and not value.startswith("#"):
                errors.append(f"<{tag}> links to {value[:40]!r}")
    for name in FOREIGN:
        if f"xmlns:{name}" in raw or f"{name}:" in raw:
            errors.append(f"contains {name}-specific markup")
    return errors


def check_symbolic(root):
    errors = []
    colours = set()
    for element in root.iter():
        tag = local(element.tag)
        attrs = attributes(element)
        if tag in PAINT_SERVERS:
            errors.append(f"uses <{tag}>")
        elif tag not in ("svg", "g", "path", "title", "desc"):
            errors.append(f"uses <{tag}>, only filled paths are allowed")
        if attrs.get("stroke", "none") != "none" or "stroke-width" in attrs:
            errors.append(f"<{tag}> has a stroke")
        for key in ("opacity", "fill-opacity"):
            if key in attrs and float(attrs[key]) != 1.0:
                errors.append(f"<{tag}> has {key}={attrs[key]}")
        if tag == "path":
            fill = attrs.get("fill", "").lower()
            colours.add(fill)
            if fill != SYMBOLIC_COLOUR:
                errors.append(f"path fill is {fill or 'unset'!r}, "
                              f"expected {SYMBOLIC_COLOUR}")
    if not colours:
        errors.append("has no paths")
    return errors


def main(paths):
    failures = 0
    print(f"1..{len(paths)}")
    for number, path in enumerate(paths, 1):
        name = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                raw = f.read()
            root = ET.fromstring(raw)
        except (OSError, ET.ParseError) as e:
            errors = [f"does not parse: {e}"]
        else:
            symbolic = name.endswith("-symbolic.svg")
            errors = check_common(root, raw, 16 if symbolic else 128)
            if symbolic:
                errors += check_symbolic(root)
        if errors:
            failures += 1
            print(f"not ok {number} {name}")
            for error in errors:
                print(f"# {error}")
        else:
            print(f"ok {number} {name}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
