#!/usr/bin/env bash
# The unprivileged account the tests start the kiosk under cage as: cage refuses to run as root,
# and a kiosk PC runs it as its own `kiosk` account too (README.md beside this file).
#
#   deploy/linux/kiosk-test-user.sh [NAME]     (default NAME: kiosk-test)
#
# A system account with a group of its own, no home folder, no login shell and no password: it is
# only ever switched to by a test running as root. Safe to run again and again: when the account
# exists it only looks (`id`) and exits 0.
#
# Exit status: 0 ready; 3 it cannot be made here (not Linux, not root, no useradd): the cage tests
# skip; 1 useradd failed where it should work: the cage tests fail.
set -euo pipefail

name=${1:-kiosk-test}
me=kiosk-test-user

if id -u "$name" >/dev/null 2>&1; then exit 0; fi
cannot_run() { echo "$me: $*" >&2; exit 3; }
[ "$(uname -s)" = Linux ] || cannot_run "the $name account is made on Linux only"
[ "$(id -u)" -eq 0 ] || cannot_run "root is needed to add the $name account"
command -v useradd >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
command -v useradd >/dev/null 2>&1 || cannot_run "useradd not found (Debian's passwd package)"

if ! useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin --comment "Clinic Kiosk tests under cage" "$name"; then
  # Another run may have added it meanwhile.
  id -u "$name" >/dev/null 2>&1 || { echo "$me: useradd $name failed" >&2; exit 1; }
fi
echo "$me: added the system account $name"
