#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzz-smoke.sh [SECONDS] [BUILD-DIR] — a short, time-bounded run of
# every fuzz target, for CI.
#
#   SECONDS    how long each target runs (default: 60)
#   BUILD-DIR  the clang build to use, set up when missing
#              (default: build-fuzz in the source tree)
#
# Installs nothing.  Needs clang and libFuzzer; on Debian 12:
#   apt-get install clang libclang-rt-14-dev llvm
# (libclang-rt-14-dev holds libFuzzer and the sanitizer runtimes; clang only
# recommends it.  llvm provides llvm-symbolizer, for readable stacks.)
#
# Each target runs on a copy of its seed corpus (tests/fuzz/corpus/TARGET/
# and the crashers in tests/fuzz/regressions/TARGET/), in a temporary
# directory: the source tree is left alone, except that an input which
# crashes is copied to tests/fuzz/regressions/TARGET/ for a human to fix
# and commit.  There it becomes a regression test of the normal
# `meson test` run (suite fuzz-regress).  Exits non-zero on any crash.

set -eu

seconds=${1:-60}
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$fuzz_dir/../.." && pwd)
build_dir=${2:-$source_dir/build-fuzz}
targets="fuzz-report fuzz-sign-in fuzz-time fuzz-json-check fuzz-simulator"

case $seconds in
  ''|*[!0-9]*|0) echo "Usage: $0 [SECONDS] [BUILD-DIR]" >&2; exit 2 ;;
esac

# ---- the tools --------------------------------------------------------------

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang not found (Debian 12: apt-get install clang libclang-rt-14-dev llvm)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/osai-fuzz.XXXXXX")
child=

# shellcheck disable=SC2317  # run by the trap
cleanup () {
  if [ -n "$child" ]; then
    kill "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

printf 'int LLVMFuzzerTestOneInput (const unsigned char *d, unsigned long n) { return 0; }\n' \
  > "$work/probe.c"
if ! clang -fsanitize=fuzzer,address,undefined "$work/probe.c" -o "$work/probe" 2>"$work/probe.log"; then
  cat "$work/probe.log" >&2
  echo "fuzz: clang cannot link libFuzzer (Debian 12: apt-get install libclang-rt-14-dev)" >&2
  exit 2
fi

# ---- the build --------------------------------------------------------------

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang meson setup "$build_dir" "$source_dir" \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
else
  if ! grep -A1 '^rule c_COMPILER$' "$build_dir/build.ninja" | grep -q ' = \(ccache \)\{0,1\}\(.*/\)\{0,1\}clang\(-[0-9]*\)\{0,1\} '; then
    echo "fuzz: $build_dir is not a clang build; remove it or give another directory" >&2
    exit 2
  fi
  meson configure "$build_dir" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
fi
# shellcheck disable=SC2086  # the target names are words
meson compile -C "$build_dir" $targets

# ---- the runs ---------------------------------------------------------------

# Leaks are bugs; so is undefined behaviour.  GSlice would hide memory from
# the sanitizers; a fixed locale keeps the runs reproducible.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1
UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1
G_SLICE=always-malloc
G_DEBUG=gc-friendly
LC_ALL=C.UTF-8
GSETTINGS_BACKEND=memory
GIO_USE_PROXY_RESOLVER=dummy
export ASAN_OPTIONS UBSAN_OPTIONS G_SLICE G_DEBUG LC_ALL GSETTINGS_BACKEND GIO_USE_PROXY_RESOLVER

total_execs=0
total_crashes=0
n_targets=0
failed=0

for target in $targets; do
  n_targets=$((n_targets + 1))
  corpus=$work/$target/corpus
  artifacts=$work/$target/artifacts
  log=$work/$target/log
  mkdir -p "$corpus" "$artifacts"
  cp "$fuzz_dir/corpus/$target/"* "$corpus/"
  if [ -d "$fuzz_dir/regressions/$target" ]; then
    find "$fuzz_dir/regressions/$target" -maxdepth 1 -type f ! -name '.*' \
      -exec cp {} "$corpus/" \;
  fi

  # The simulator runs on libsoup 3.2.3 and json-glib 1.6, which leak on
  # their own (lsan.supp says where); those leaks are only told apart with
  # whole stacks, which are 20 times slower.  So it is fuzzed without leak
  # checks, and the corpus it ends with is then replayed with them.
  target_asan_options=$ASAN_OPTIONS
  target_lsan_options=${LSAN_OPTIONS:-}
  leak_replay=false
  case $target in
    fuzz-time) dict=$fuzz_dir/time.dict ;;
    fuzz-simulator)
      dict=$fuzz_dir/http.dict
      target_asan_options=$ASAN_OPTIONS:detect_leaks=0
      target_lsan_options=${target_lsan_options:+$target_lsan_options:}suppressions=$fuzz_dir/lsan.supp
      leak_replay=true
      ;;
    *) dict=$fuzz_dir/json.dict ;;
  esac

  echo "fuzz: $target for ${seconds}s"
  rc=0
  ASAN_OPTIONS=$target_asan_options LSAN_OPTIONS=$target_lsan_options \
  "$build_dir/tests/fuzz/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$dict" -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 &
  child=$!
  wait "$child" || rc=$?
  child=

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  execs=${execs:-0}
  total_execs=$((total_execs + execs))

  if [ "$rc" -eq 0 ] && $leak_replay; then
    echo "fuzz: $target: its corpus again, for leaks"
    target_asan_options=$ASAN_OPTIONS:fast_unwind_on_malloc=0
    ASAN_OPTIONS=$target_asan_options LSAN_OPTIONS=$target_lsan_options \
    "$build_dir/tests/fuzz/$target" -runs=0 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$artifacts/" "$corpus" >>"$log" 2>&1 &
    child=$!
    wait "$child" || rc=$?
    child=
  fi

  crashes=0
  for artifact in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
    [ -f "$artifact" ] || continue
    crashes=$((crashes + 1))
    mkdir -p "$fuzz_dir/regressions/$target"
    cp "$artifact" "$fuzz_dir/regressions/$target/"
    echo "fuzz: $target: kept $fuzz_dir/regressions/$target/$(basename "$artifact")"
  done

  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes=1   # it died without leaving an input: still a failure
  fi
  total_crashes=$((total_crashes + crashes))

  echo "fuzz: $target: $execs executions in ${seconds}s ($((execs / seconds))/s), $crashes crashes"
  if [ "$crashes" -gt 0 ]; then
    failed=1
    echo "---- $target: the end of its log ----"
    tail -n 60 "$log"
    echo "----"
    # Once more with whole stacks (slow, but through the system libraries).
    for artifact in "$artifacts"/crash-* "$artifacts"/leak-*; do
      [ -f "$artifact" ] || continue
      echo "---- $target: $(basename "$artifact") again, with full stacks ----"
      ASAN_OPTIONS=$target_asan_options:fast_unwind_on_malloc=0 LSAN_OPTIONS=$target_lsan_options \
        "$build_dir/tests/fuzz/$target" "$artifact" 2>&1 | grep -v '^INFO:' | head -n 80 || true
      echo "----"
      break
    done
  fi
done

echo "fuzz: $n_targets targets, $total_execs executions, $total_crashes crashes"
exit "$failed"
