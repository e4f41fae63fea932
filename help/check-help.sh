#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Mallard help pages with yelp-check:
#
#   check-help.sh YELP-CHECK PAGE...
#
# validate (against the Mallard schema), links (every xref points to a page
# or section that exists), ids (each page id matches its file name) and
# orphans (every page can be reached from index).  yelp-check does not
# always exit with an error when it finds something, so any output from a
# check counts as a failure too.

set -u

if [ $# -lt 2 ]; then
  echo "usage: $0 YELP-CHECK PAGE..." >&2
  exit 2
fi

yelp_check=$1
shift

status=0
for check in validate links ids orphans; do
  output=$("$yelp_check" "$check" "$@" 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || [ -n "$output" ]; then
    echo "yelp-check $check: FAILED (exit status $rc)"
    printf '%s\n' "$output"
    status=1
  else
    echo "yelp-check $check: ok"
  fi
done

exit $status
