#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the main window's screenshots into this folder: connect.png,
# waiting.png, totals.png, saving.png, totals-dark.png, narrow.png,
# compare.png, history.png and preferences.png.
#
#   data/screenshots/take-screenshots.sh [BUILD-DIR]
#
# BUILD-DIR (default ./build) must be built already (`ninja -C BUILD-DIR`):
# this script builds nothing.  It runs tests/osai-screenshot-tool from there
# under Xvfb, with in-memory settings, the build tree's schemas and a
# throw-away file keyring.  Needs xvfb-run; dbus-run-session is used when
# present.  Install the Cantarell font (fonts-cantarell) for GNOME's look.

set -euo pipefail

build_dir=${1:-./build}
out_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tool="$build_dir/tests/osai-screenshot-tool"

if [[ ! -x $tool ]]; then
  echo "$0: $tool is missing: build $build_dir first" >&2
  exit 1
fi
if [[ ! -f $build_dir/data/gschemas.compiled ]]; then
  echo "$0: $build_dir/data/gschemas.compiled is missing: build $build_dir first" >&2
  exit 1
fi
if ! command -v xvfb-run >/dev/null; then
  echo "$0: xvfb-run is not installed" >&2
  exit 1
fi

build_dir=$(cd "$build_dir" && pwd)
tmp=$(mktemp -d -t osai-screenshots.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"

lang=C.UTF-8
if locale -a 2>/dev/null | grep -qix 'en_US.utf-*8'; then
  lang=en_US.UTF-8
fi

bus=()
if command -v dbus-run-session >/dev/null; then
  bus=(dbus-run-session --)
fi

env -u WAYLAND_DISPLAY -u DISPLAY \
  GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$build_dir/data" \
  GDK_BACKEND=x11 \
  GTK_A11Y=none \
  SECRET_BACKEND=file \
  SECRET_FILE_TEST_PATH="$tmp/keyring" \
  SECRET_FILE_TEST_PASSWORD=screenshots \
  XDG_CONFIG_HOME="$tmp/config" \
  XDG_DATA_HOME="$tmp/data" \
  XDG_CACHE_HOME="$tmp/cache" \
  XDG_RUNTIME_DIR="$tmp/runtime" \
  TMPDIR="$tmp" \
  LANG="$lang" \
  LC_ALL="$lang" \
  xvfb-run -a -s "-screen 0 1280x800x24" "${bus[@]}" "$tool" "$out_dir"
