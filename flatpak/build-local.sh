#!/usr/bin/env bash
# Build the Flatpak on a machine without Flathub and check it in the sandbox.
#
# The GNOME runtime cannot be downloaded here, so this makes an
# org.debian.Sdk//12 runtime (Platform and Sdk in one) from Debian 12
# packages, builds a copy of the app's manifest against it with
# flatpak-builder and then checks, inside the real bubblewrap sandbox:
#
#   1. `osai-reports --demo` shows its window (under Xvfb, screenshot taken);
#   2. `osai-reports-cli` completes a report against `osai-simulator`
#      running on the host, and saves the detailed report in the app's
#      own data folder;
#   3. the installed files are where GLib, GTK and yelp look for them.
#
# This proves the manifest, the /app prefix, the installed layout and the
# sandbox permissions; only the real GNOME 50 runtime proves the build on
# its newer GTK and libadwaita.
#
# Usage: flatpak/build-local.sh [--devel] [--out DIR] [--simulator PATH]
#                               [--rebuild-runtime]
#
# Environment:
#   OSAI_FLATPAK_CACHE  runtime, flatpak installation, build and state dirs
#                       (default /var/cache/osai-reports-flatpak for root,
#                       else ${XDG_CACHE_HOME:-~/.cache}/osai-reports-flatpak)
#   OSAI_FLATPAK_OUT    screenshots, logs and the saved report (default
#                       $OSAI_FLATPAK_CACHE/out/APP_ID)
#   OSAI_SIMULATOR      an osai-simulator built on the host (default: one is
#                       built from this tree into a temporary directory)
#   OSAI_DEBIAN_MIRROR  (default http://deb.debian.org/debian)
#   FLATPAK_USER_DIR    the "--user" installation used (default
#                       $OSAI_FLATPAK_CACHE/flatpak, so that nothing of the
#                       user's own installation is touched; its languages
#                       are set to "en;pl" so that the Polish translation
#                       is installed)
#
# Making the runtime needs root (debootstrap, chroot); it is made once and
# reused while the package list below stays the same.
#
# On the host (Debian 12): flatpak flatpak-builder debootstrap
# debian-archive-keyring gpgv xvfb xauth x11-utils imagemagick dbus
# libglib2.0-bin procps python3, the project's build dependencies
# (.ci/debian-packages.txt) for osai-simulator, and xdotool to also
# generate a report in the demo window.
#
# Exit status: 0 all checks passed, 1 a check failed, 2 the environment
# is not fit (a tool missing, the runtime could not be made).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

readonly RUNTIME_NAME=org.debian.Sdk
readonly RUNTIME_BRANCH=12
readonly RUNTIME_REMOTE=osai-debian-runtime
# Bump when the way the runtime is made changes (the key includes it).
readonly RUNTIME_RECIPE=2

# What the build (meson, gettext, itstool for the help, flatpak-builder's
# appstream-compose, eu-strip and debugedit) and the app (GTK's SVG
# loader, icons, fonts, TLS, GSettings) need.  debootstrap does not follow
# Recommends, hence librsvg2-common, libgtk-4-bin and glib-networking.
RUNTIME_PACKAGES=(
  adwaita-icon-theme
  appstream
  appstream-util
  ca-certificates
  dbus
  dbus-x11
  debugedit
  desktop-file-utils
  elfutils
  fonts-cantarell
  fonts-dejavu-core
  gcc
  gettext
  glib-networking
  gsettings-desktop-schemas
  hicolor-icon-theme
  itstool
  libadwaita-1-dev
  libgl1-mesa-dri
  libglib2.0-bin
  libglib2.0-dev
  libglib2.0-dev-bin
  libgtk-4-bin
  libgtk-4-dev
  libjson-glib-dev
  librsvg2-common
  libsecret-1-dev
  libsoup-3.0-dev
  libsysprof-4-dev
  meson
  ninja-build
  pkg-config
  python3
  shared-mime-info
  tzdata
  yelp-tools
)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
self="$here/$(basename "${BASH_SOURCE[0]}")"

# ---------------------------------------------------------------------------
# Helpers

log() { printf '\n==> %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
die() { printf 'build-local.sh: %s\n' "$*" >&2; exit 2; }

now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", b - a }'; }

# Poll COMMAND... every 0.2 s until it succeeds or SECONDS pass.
wait_for() {
  local seconds=$1
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.2
  done
}

object_path_for() { printf '/%s' "${1//./\/}"; }

# ---------------------------------------------------------------------------
# Inside Xvfb and a private session bus: start the app, wait for its window,
# take a screenshot, generate a report with Ctrl+Return (when xdotool is
# there) and take another, quit it through its app.quit action.
# Arguments: APP_ID SCREENSHOT APP_LOG REPORT_SCREENSHOT

window_id_of() {
  # A top-level window titled "… OSAI Reports …" that is viewable.
  local id
  for id in $(xwininfo -root -children 2>/dev/null |
    sed -n 's/^ *\(0x[0-9a-f]*\) "[^"]*OSAI Reports[^"]*".*/\1/p'); do
    if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      printf '%s\n' "$id"
      return 0
    fi
  done
  return 1
}

window_shown() { window_id_of >/dev/null; }

screen_settled() {
  # True once two screenshots 0.5 s apart are the same.
  local a b
  a=$(import -silent -window root rgb:- 2>/dev/null | md5sum)
  sleep 0.5
  b=$(import -silent -window root rgb:- 2>/dev/null | md5sum)
  [[ $a == "$b" ]]
}

screen_differs_from() {
  [[ $(import -silent -window root rgb:- 2>/dev/null | md5sum) != "$1" ]]
}

screen_still() {
  # True once the screen stays the same for 1.5 s: the spinner and the
  # elapsed time of a running report keep it moving.
  local a b
  a=$(import -silent -window root rgb:- 2>/dev/null | md5sum)
  sleep 1.5
  b=$(import -silent -window root rgb:- 2>/dev/null | md5sum)
  [[ $a == "$b" ]]
}

# Ctrl+Return in the window (the pointer over it gives it the keyboard:
# there is no window manager), then wait for the report to end.
generate_report() {
  local win=$1 shot=$2
  local x y w h before
  eval "$(xwininfo -id "$win" | awk '
    /Absolute upper-left X/ { print "x=" $NF }
    /Absolute upper-left Y/ { print "y=" $NF }
    /Width:/ { print "w=" $NF }
    /Height:/ { print "h=" $NF }')"
  before=$(import -silent -window root rgb:- 2>/dev/null | md5sum)
  xdotool mousemove --sync $((x + w / 2)) $((y + h / 2))
  xdotool key ctrl+Return
  if ! wait_for 20 screen_differs_from "$before"; then
    echo "Ctrl+Return changed nothing on the screen" >&3
    return 1
  fi
  if ! wait_for 90 screen_still; then
    echo "the report was still running after 90 s" >&3
    return 1
  fi
  # The totals are below the request: scroll down to them.
  xdotool click --repeat 10 --delay 50 5
  wait_for 10 screen_settled || true
  import -silent -window root "$shot"
  echo "screenshot after Generate Report: $shot" >&3
}

inner_demo() {
  local app_id=$1 shot=$2 applog=$3 totals_shot=$4
  local pid status=0 win

  unset WAYLAND_DISPLAY
  flatpak run --user "$app_id" --demo >"$applog" 2>&1 &
  pid=$!
  # shellcheck disable=SC2064
  trap "kill $pid 2>/dev/null || true; flatpak kill $app_id 2>/dev/null || true" EXIT

  if ! wait_for 120 window_shown; then
    echo "no window titled 'OSAI Reports' appeared within 120 s" >&3
    xwininfo -root -children >&3 || true
    return 1
  fi
  win=$(window_id_of)
  echo "window $win is viewable after ${SECONDS}s" >&3
  xwininfo -id "$win" | sed -n 's/^ *\(Width\|Height\): /  \1: /p' >&3

  if ! wait_for 30 screen_settled; then
    echo "warning: the window was still changing after 30 s" >&3
  fi
  import -silent -window root "$shot"
  echo "screenshot: $shot" >&3

  if command -v xdotool >/dev/null; then
    generate_report "$win" "$totals_shot" || true
  else
    echo "xdotool is not installed: not generating a report in the window" >&3
  fi

  # Quit the way Ctrl+Q does.
  if gdbus call --session --dest "$app_id" --object-path "$(object_path_for "$app_id")" \
    --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null; then
    if wait_for 20 bash -c "! kill -0 $pid 2>/dev/null"; then
      wait "$pid" || status=$?
      trap - EXIT
      echo "the app quit through app.quit, exit status $status" >&3
      return "$status"
    fi
  fi
  echo "the app did not quit through app.quit; killing it" >&3
  flatpak kill "$app_id" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  trap - EXIT
  return 1
}

if [[ ${1:-} == --inner-demo ]]; then
  shift
  # Our own messages go to fd 3, the rest (bus, portals, Xvfb) to a log.
  { true >&3; } 2>/dev/null || exec 3>&2
  inner_demo "$@"
  exit
fi

# ---------------------------------------------------------------------------
# Options

variant=release
out=${OSAI_FLATPAK_OUT:-}
simulator=${OSAI_SIMULATOR:-}
rebuild_runtime=0
mirror=${OSAI_DEBIAN_MIRROR:-http://deb.debian.org/debian}

while (($#)); do
  case $1 in
    --devel) variant=devel ;;
    --release) variant=release ;;
    --out) out=${2:?--out needs a directory}; shift ;;
    --simulator) simulator=${2:?--simulator needs a path}; shift ;;
    --rebuild-runtime) rebuild_runtime=1 ;;
    -h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$self"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

export HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
if [[ $(id -u) == 0 ]]; then
  cache=${OSAI_FLATPAK_CACHE:-/var/cache/osai-reports-flatpak}
else
  cache=${OSAI_FLATPAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/osai-reports-flatpak}
fi
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
case $cache/ in
  "$top"/*) die "OSAI_FLATPAK_CACHE must not be inside the source tree ($cache)" ;;
esac

export FLATPAK_USER_DIR=${FLATPAK_USER_DIR:-$cache/flatpak}
export LC_ALL=C.UTF-8
export DEBIAN_FRONTEND=noninteractive
unset LANGUAGE

if [[ $variant == devel ]]; then
  manifest=$here/io.github.osaireports.OsaiReports.Devel.json
else
  manifest=$here/io.github.osaireports.OsaiReports.json
fi
app_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$manifest")
out=${out:-$cache/out/$app_id}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in flatpak flatpak-builder python3 xvfb-run xwininfo import md5sum awk \
  dbus-run-session gdbus meson ninja sha256sum pgrep; do
  command -v "$tool" >/dev/null || die "$tool is needed on the host (see the packages listed in the project README)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/osai-flatpak.XXXXXX")
sim_pid=
chroot_root=
app_data=

cleanup() {
  local status=$?
  if [[ -n $sim_pid ]]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  if [[ -n $chroot_root ]] && mountpoint -q "$chroot_root/proc"; then
    umount "$chroot_root/proc" || true
  fi
  if [[ -n ${XDG_RUNTIME_DIR:-} && $XDG_RUNTIME_DIR == "$work"/* ]] &&
    mountpoint -q "$XDG_RUNTIME_DIR/doc" 2>/dev/null; then
    fusermount -u "$XDG_RUNTIME_DIR/doc" 2>/dev/null || umount -l "$XDG_RUNTIME_DIR/doc" || true
  fi
  if [[ -n $app_data ]]; then
    rm -rf "$app_data"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# flatpak run wants a runtime directory; root in CI often has none.
if [[ -z ${XDG_RUNTIME_DIR:-} || ! -d ${XDG_RUNTIME_DIR:-} ]]; then
  export XDG_RUNTIME_DIR=$work/xdg-runtime
  mkdir -m 0700 "$XDG_RUNTIME_DIR"
fi

declare -a results=()
failures=0
pass() { results+=("PASS  $*"); info "ok: $*"; }
fail() { results+=("FAIL  $*"); failures=$((failures + 1)); info "FAILED: $*"; }

declare -a timings=()
phase_start=
phase_index=0
phase_begin() { log "$1"; phase_start=$(now); phase_index=${#timings[@]}; }
phase_end() {
  # The phase goes before the steps it timed.
  local line
  line=$(printf '%-28s %s' "$1" "$(elapsed "$phase_start" "$(now)")")
  timings=("${timings[@]:0:phase_index}" "$line" "${timings[@]:phase_index}")
}
step_start=
step_begin() { step_start=$(now); }
step_end() { timings+=("$(printf '  %-26s %s' "$1" "$(elapsed "$step_start" "$(now)")")"); }

summary() {
  local passed=$((${#results[@]} - failures))
  log "Summary for $app_id"
  printf '%s\n' "${results[@]}"
  printf '\nTimings:\n'
  printf '  %s\n' "${timings[@]}"
  printf '\nOutput: %s\n' "$out"
  printf 'Run it: FLATPAK_USER_DIR=%s flatpak run %s --demo\n' "$FLATPAK_USER_DIR" "$app_id"
  printf '%d passed, %d failed\n' "$passed" "$failures"
}

# ---------------------------------------------------------------------------
# Phase 1: the runtime

runtime_key=$(
  {
    echo "recipe $RUNTIME_RECIPE"
    printf '%s\n' "${RUNTIME_PACKAGES[@]}" | LC_ALL=C sort -u
  } | sha256sum | cut -c1-16
)
runtime_ref=$RUNTIME_NAME//$RUNTIME_BRANCH
runtime_dir=$cache/runtime
runtime_repo=$runtime_dir/repo
readonly key_path=share/osai-reports-flatpak/runtime-key

installed_runtime_key() {
  local loc
  loc=$(flatpak info --user --show-location "$runtime_ref" 2>/dev/null) || return 0
  cat "$loc/files/$key_path" 2>/dev/null || true
}

make_rootfs() {
  local root=$1
  local packages
  packages=$(IFS=,; echo "${RUNTIME_PACKAGES[*]}")

  command -v debootstrap >/dev/null || die "debootstrap is needed to make the runtime"
  [[ $(id -u) == 0 ]] || die "making the runtime needs root (debootstrap, chroot); run once as root or point OSAI_FLATPAK_CACHE/FLATPAK_USER_DIR at an installation that has $runtime_ref"

  rm -rf "$root"
  info "debootstrap bookworm from $mirror (log: $out/debootstrap.log)"
  # debootstrap leaves packages whose dependencies it cannot resolve
  # (alternatives, virtual packages) unconfigured and may say so with a
  # non-zero status; apt-get in the chroot finishes the job below and
  # dpkg --audit decides.
  if ! debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" \
    >"$out/debootstrap.log" 2>&1; then
    [[ -x $root/usr/bin/apt-get && -s $root/var/lib/dpkg/status ]] ||
      die "debootstrap failed; see $out/debootstrap.log"
    info "debootstrap ended with an error; finishing with apt-get (see $out/debootstrap.log)"
  fi

  chroot_root=$root
  mount -t proc proc "$root/proc"
  # No daemons start in the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  {
    chroot "$root" apt-get update -qq
    chroot "$root" apt-get -f install -y -qq
    chroot "$root" apt-get install -y -qq --no-install-recommends "${RUNTIME_PACKAGES[@]}"
    chroot "$root" apt-get clean
  } >>"$out/debootstrap.log" 2>&1 || die "apt-get in the chroot failed; see $out/debootstrap.log"
  rm -f "$root/usr/sbin/policy-rc.d"
  umount "$root/proc"
  chroot_root=

  local audit missing
  audit=$(chroot "$root" dpkg --audit 2>&1 || true)
  [[ -z $audit ]] || die "packages left unconfigured in the runtime: $audit"
  # shellcheck disable=SC2016
  missing=$(chroot "$root" dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${RUNTIME_PACKAGES[@]}" 2>&1 |
    grep -v '^ii ' || true)
  [[ -z $missing ]] || die "packages missing from the runtime: $missing"
}

export_runtime() {
  local root=$1 rt=$runtime_dir/rt
  rm -rf "$rt"
  mkdir -p "$rt/var"
  mv "$root/usr" "$rt/files"
  mv "$root/etc" "$rt/files/etc"
  mkdir -p "$rt/files/$(dirname "$key_path")"
  echo "$runtime_key" >"$rt/files/$key_path"
  cat >"$rt/metadata" <<EOF
[Runtime]
name=$RUNTIME_NAME
runtime=$RUNTIME_NAME/x86_64/$RUNTIME_BRANCH
sdk=$RUNTIME_NAME/x86_64/$RUNTIME_BRANCH
EOF
  rm -rf "$runtime_repo"
  info "flatpak build-export (about a minute)"
  flatpak build-export --files=files --subject="Debian 12 runtime $runtime_key" \
    "$runtime_repo" "$rt" "$RUNTIME_BRANCH" >"$out/build-export.log" 2>&1 ||
    die "flatpak build-export failed; see $out/build-export.log"
  flatpak build-update-repo "$runtime_repo" >>"$out/build-export.log" 2>&1
  echo "$runtime_key" >"$runtime_dir/repo.key"
  rm -rf "$rt" "$root"
}

install_runtime() {
  local installed_apps app
  # An older runtime goes, and the apps built on it with it.
  if flatpak info --user "$runtime_ref" >/dev/null 2>&1; then
    installed_apps=$(flatpak list --user --app --columns=application,runtime |
      awk -v r="$RUNTIME_NAME/x86_64/$RUNTIME_BRANCH" '$2 == r { print $1 }')
    for app in $installed_apps; do
      flatpak uninstall --user -y --noninteractive "$app" >/dev/null
    done
    flatpak uninstall --user -y --noninteractive "$runtime_ref" >/dev/null
  fi
  if flatpak remotes --user --columns=name | grep -qx "$RUNTIME_REMOTE"; then
    flatpak remote-modify --user --no-gpg-verify --url="file://$runtime_repo" "$RUNTIME_REMOTE"
  else
    flatpak remote-add --user --no-gpg-verify "$RUNTIME_REMOTE" "file://$runtime_repo"
  fi
  flatpak install --user -y --noninteractive "$RUNTIME_REMOTE" "$runtime_ref" >"$out/runtime-install.log" 2>&1 ||
    die "installing $runtime_ref failed; see $out/runtime-install.log"
}

phase_begin "Runtime $runtime_ref (key $runtime_key, cache $cache)"
if ((rebuild_runtime)); then
  rm -f "$runtime_dir/repo.key"
fi
if ((!rebuild_runtime)) && [[ $(installed_runtime_key) == "$runtime_key" ]]; then
  info "installed and up to date"
else
  mkdir -p "$runtime_dir"
  if [[ $(cat "$runtime_dir/repo.key" 2>/dev/null) != "$runtime_key" ]]; then
    step_begin
    make_rootfs "$runtime_dir/rootfs"
    step_end "debootstrap + apt-get"
    step_begin
    export_runtime "$runtime_dir/rootfs"
    step_end "build-export"
  else
    info "exported runtime in $runtime_repo is up to date"
  fi
  step_begin
  install_runtime
  step_end "flatpak install"
  [[ $(installed_runtime_key) == "$runtime_key" ]] || die "the installed runtime is not the one just made"
fi
# flatpak-builder --install also installs the .Locale extension; with
# Polish among the languages, /app/share/locale/pl resolves in the sandbox.
flatpak config --user --set languages 'en;pl' >/dev/null
phase_end "runtime"

# ---------------------------------------------------------------------------
# Phase 2: build and install with flatpak-builder

phase_begin "Build $app_id from $(basename "$manifest")"
local_manifest=$work/$app_id.json
python3 - "$manifest" "$local_manifest" "$RUNTIME_NAME" "$RUNTIME_BRANCH" <<'PY'
import json, os, sys
src, dst, name, branch = sys.argv[1:]
with open(src) as f:
    manifest = json.load(f)
manifest["runtime"] = name
manifest["sdk"] = name
manifest["runtime-version"] = branch
# The copy lives elsewhere: local paths keep pointing where they did.
base = os.path.dirname(os.path.abspath(src))
for module in manifest.get("modules", []):
    for source in module.get("sources", []) if isinstance(module, dict) else []:
        if "path" in source:
            source["path"] = os.path.normpath(os.path.join(base, source["path"]))
with open(dst, "w") as f:
    json.dump(manifest, f, indent=4)
PY
info "manifest copy: $local_manifest (log: $out/flatpak-builder.log)"
build_status=0
(cd "$work" && flatpak-builder --user --disable-rofiles-fuse --force-clean --install \
  --state-dir="$cache/state" "$cache/build/$app_id" "$local_manifest") \
  >"$out/flatpak-builder.log" 2>&1 || build_status=$?
phase_end "build"
if ((build_status != 0)); then
  tail -n 40 "$out/flatpak-builder.log" >&2
  fail "flatpak-builder exited with $build_status (see $out/flatpak-builder.log)"
  summary
  exit 1
fi
pass "flatpak-builder built and installed $app_id"

# ---------------------------------------------------------------------------
# Phase 3: checks in the sandbox

phase_begin "Check 1: the demo window under Xvfb"
shot=$out/flatpak-demo.png
totals_shot=$out/flatpak-demo-report.png
rm -f "$shot" "$totals_shot"
demo_status=0
rm -f "$out/demo-session.log"
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- "$self" --inner-demo "$app_id" "$shot" "$out/demo-app.log" "$totals_shot" \
  3>&1 >>"$out/demo-session.log" 2>&1 | sed 's/^/    demo: /' >&2 || demo_status=$?
info "session bus, portals and Xvfb logged to $out/demo-session.log"
if ((demo_status == 0)) && [[ -s $shot ]]; then
  pass "demo window shown in the sandbox, screenshot $shot"
else
  fail "demo window (status $demo_status; app log $out/demo-app.log)"
fi
if command -v xdotool >/dev/null; then
  if [[ -s $totals_shot ]]; then
    pass "Ctrl+Return ran a demo report to its end, screenshot $totals_shot (look at it)"
  else
    fail "Ctrl+Return in the demo window did not lead to a settled screen"
  fi
else
  info "xdotool is not installed: the demo report was not generated (install xdotool for it)"
fi
if grep -E 'CRITICAL|WARNING|ERROR' "$out/demo-app.log" >/dev/null 2>&1; then
  info "the app said (from $out/demo-app.log):"
  grep -E 'CRITICAL|WARNING|ERROR' "$out/demo-app.log" | head -n 20 | sed 's/^/      /' >&2
fi
phase_end "check: demo window"

phase_begin "Check 2: osai-reports-cli in the sandbox against osai-simulator on the host"
if [[ -z $simulator ]]; then
  info "building osai-simulator on the host (log: $out/host-build.log)"
  if meson setup -Dtests=false "$work/host-build" "$top" >"$out/host-build.log" 2>&1 &&
    meson compile -C "$work/host-build" src/simulator/osai-simulator >>"$out/host-build.log" 2>&1; then
    simulator=$work/host-build/src/simulator/osai-simulator
  else
    tail -n 20 "$out/host-build.log" >&2
  fi
fi
if [[ -z $simulator || ! -x $simulator ]]; then
  fail "no osai-simulator to run the CLI against (see $out/host-build.log)"
else
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  "$simulator" --port 0 --access-token "$token" --report-delay 2 \
    >"$work/sim.out" 2>"$out/simulator.log" &
  sim_pid=$!
  if wait_for 30 grep -q '^http://' "$work/sim.out"; then
    base_url=$(head -n 1 "$work/sim.out")
    info "simulator: $base_url (pid $sim_pid)"

    # The sandbox sees none of the host's files but the app's own folder.
    app_home=$HOME/.var/app/$app_id
    mkdir -p "$app_home"
    app_data=$(mktemp -d "$app_home/osai-check.XXXXXX")
    (umask 077 && printf '%s\n' "$token" >"$app_data/token")
    report=$app_data/report.json

    cli_status=0
    dbus-run-session -- flatpak run --user --command=osai-reports-cli "$app_id" \
      --server "$base_url" --token-file "$app_data/token" \
      --from 2024-01-01 --to 2024-01-31 --format json --output "$report" \
      >"$out/cli-totals.json" 2>"$out/cli.log" || cli_status=$?
    if ((cli_status != 0)); then
      sed 's/^/      /' "$out/cli.log" >&2
      fail "osai-reports-cli exited with $cli_status (see $out/cli.log)"
    elif ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$report" 2>"$work/json.err"; then
      fail "the detailed report $report is missing or not JSON: $(tail -n 1 "$work/json.err")"
    elif ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out/cli-totals.json" 2>/dev/null; then
      fail "the totals printed with --format json are not JSON (see $out/cli-totals.json)"
    else
      cp "$report" "$out/flatpak-cli-report.json"
      pass "osai-reports-cli saved a detailed report that parses ($(stat -c %s "$report") bytes, copied to $out/flatpak-cli-report.json)"
    fi
  else
    fail "osai-simulator printed no base URL (see $out/simulator.log)"
  fi
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  sim_pid=
fi
rm -rf "$app_data"
app_data=
phase_end "check: CLI"

phase_begin "Check 3: installed files"
expected=(
  "/app/bin/osai-reports"
  "/app/bin/osai-reports-cli"
  "/app/share/applications/$app_id.desktop"
  "/app/share/metainfo/$app_id.metainfo.xml"
  "/app/share/icons/hicolor/scalable/apps/$app_id.svg"
  "/app/share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "/app/share/glib-2.0/schemas/gschemas.compiled"
  "/app/share/dbus-1/services/$app_id.service"
  "/app/share/help/C/osai-reports/index.page"
  "/app/share/locale/pl/LC_MESSAGES/osai-reports.mo"
)
location=$(flatpak info --user --show-location "$app_id")
info "deployment: $location"
# Looked up inside the sandbox, where symlinks into the .Locale extension
# resolve as they do for the app.
# shellcheck disable=SC2016
if ! missing=$(flatpak run --user --command=sh "$app_id" -c \
  'for f; do [ -e "$f" ] || echo "$f"; done' sh "${expected[@]}" 2>"$work/ls.err"); then
  cat "$work/ls.err" >&2
  fail "could not look inside the sandbox"
  missing=$(printf '%s\n' "${expected[@]}")
fi
# flatpak-builder before 1.3 (Debian 12 has 1.2) renames the metainfo file
# to the old share/appdata/ID.appdata.xml; 1.3 and later, as on Flathub,
# leave it where meson put it.
metainfo=/app/share/metainfo/$app_id.metainfo.xml
old_metainfo=/app/share/appdata/$app_id.appdata.xml
if grep -qxF -- "$metainfo" <<<"$missing" &&
  flatpak run --user --command=test "$app_id" -f "$old_metainfo" 2>/dev/null; then
  missing=$(grep -vxF -- "$metainfo" <<<"$missing" || true)
  info "flatpak-builder $(flatpak-builder --version | cut -d' ' -f2) renamed $metainfo to $old_metainfo"
  for i in "${!expected[@]}"; do
    [[ ${expected[$i]} != "$metainfo" ]] || expected[i]=$old_metainfo
  done
  metainfo=$old_metainfo
fi
for f in "${expected[@]}"; do
  if grep -qxF -- "$f" <<<"$missing"; then
    fail "missing in the sandbox: $f"
  else
    pass "installed: $f"
  fi
done
# What software centres read, made by appstream-compose from the metainfo.
if [[ -f $location/files/share/app-info/xmls/$app_id.xml.gz ]]; then
  pass "appstream-compose made share/app-info/xmls/$app_id.xml.gz"
else
  fail "no AppStream catalogue: share/app-info/xmls/$app_id.xml.gz (see $out/flatpak-builder.log)"
fi

# What flatpak exports to the host: launcher, icon and D-Bus service, each
# rewritten to `flatpak run`.
exports=$FLATPAK_USER_DIR/exports/share
desktop_export=$exports/applications/$app_id.desktop
if [[ -f $desktop_export ]]; then
  if grep -q "^Exec=.*flatpak run .*--command=osai-reports .*$app_id" "$desktop_export"; then
    pass "exported launcher runs osai-reports in $app_id"
  else
    fail "exported launcher's Exec is not the app's command: $(grep '^Exec=' "$desktop_export" | head -n 1)"
  fi
else
  fail "no launcher exported to $desktop_export"
fi
if [[ -f $exports/icons/hicolor/scalable/apps/$app_id.svg ]]; then
  pass "icon exported"
else
  fail "no icon exported to $exports/icons/hicolor/scalable/apps/$app_id.svg"
fi
service_export=$exports/dbus-1/services/$app_id.service
if [[ -f $service_export ]] &&
  grep -Eq "^Exec=.*flatpak run .*--command=(/app/bin/)?osai-reports .*$app_id" "$service_export"; then
  pass "exported D-Bus service (DBusActivatable) starts osai-reports in $app_id"
else
  fail "D-Bus service not exported, or not running the app: $service_export"
fi

# Validators from the runtime, run on the installed files.
if ! grep -qxF "/app/share/applications/$app_id.desktop" <<<"$missing"; then
  if flatpak run --user --command=desktop-file-validate "$app_id" \
    "/app/share/applications/$app_id.desktop" >"$work/dfv.log" 2>&1; then
    pass "desktop-file-validate accepts the installed launcher"
  else
    fail "desktop-file-validate: $(tr '\n' ' ' <"$work/dfv.log")"
  fi
fi
if ! grep -qxF "$metainfo" <<<"$missing"; then
  if flatpak run --user --command=appstreamcli "$app_id" validate --no-net \
    "$metainfo" >"$work/asv.log" 2>&1; then
    pass "appstreamcli validate accepts the installed metainfo"
  else
    fail "appstreamcli validate: $(tr '\n' ' ' <"$work/asv.log")"
  fi
fi
phase_end "check: files"

# ---------------------------------------------------------------------------
# Summary

leftover=$(pgrep -a -f "$work|osai-simulator --port 0 --access-token" || true)
if [[ -n $leftover ]]; then
  fail "processes left behind: $leftover"
fi

summary
((failures == 0))
