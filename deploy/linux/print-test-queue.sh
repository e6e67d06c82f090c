#!/usr/bin/env bash
# A real print server for the printing tests: start CUPS and add two cups-pdf queues.
#
#   KioskPDF      enabled and accepting; every job becomes a PDF file in
#                 /var/spool/cups-pdf/kiosk-tests/<user who sent the job>/
#   KioskStopped  accepting but disabled (stopped), so tests can check the "stopped queue" message
#                 without touching KioskPDF; a job sent to it waits in the queue.
#
# Both queues use the device URI cups-pdf:/kiosk-tests, so cups-pdf reads its own configuration
# file /etc/cups/cups-pdf-kiosk-tests.conf and the system's /etc/cups/cups-pdf.conf (a user's
# ~/PDF printer) is left alone. The folder is under /var/spool/cups-pdf/, which Debian's AppArmor
# profile for cups-pdf allows; a root job is a job of the local user "root", not an anonymous one.
#
# cups-pdf takes PostScript, so CUPS turns a PDF job (what Qt sends) into PostScript first. Both
# queues use pdftocairo for that: it keeps the text as fonts with a Unicode map, so the PDF that
# lands can be read back as text; the default (Ghostscript) turns Qt's fonts into Type 3 glyphs
# without one. Characters outside Latin-1/WinAnsi (e.g. "≥", "✓") still cannot be read back.
#
# Needs the packages of `deploy/linux/system-packages.sh print-test` and root (or sudo -n) to start
# cupsd and add the queues; no systemd. Safe to run again and again: when everything is up it only
# looks (one lpstat and two lpoptions calls, about 40 ms) and exits 0.
#
# Exit status: 0 ready; 3 CUPS cannot run here (not root, not installed): the printing tests skip;
# 1 the set-up failed on a machine where it should work: the printing tests fail.
set -euo pipefail

QUEUE=KioskPDF
STOPPED=KioskStopped
INSTANCE=kiosk-tests
URI="cups-pdf:/$INSTANCE"
PPD_NAME=lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
PPD_FILE=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
BACKEND=/usr/lib/cups/backend/cups-pdf
CONF=/etc/cups/cups-pdf-$INSTANCE.conf
OUT_BASE=/var/spool/cups-pdf/$INSTANCE
STOP_REASON="kept stopped for the printing tests"
RENDERER=pdftocairo
WAIT_SECONDS=10
me=print-test-queue

# The file cups-pdf reads for URI cups-pdf:/kiosk-tests (${USER} is expanded by cups-pdf).
conf_text() {
  cat <<EOF
# Written by deploy/linux/print-test-queue.sh for the KioskPDF and KioskStopped test queues
# (device URI $URI). Changes here are overwritten by the next run.
Out $OUT_BASE/\${USER}
AnonDirName $OUT_BASE/ANONYMOUS
# Always add the job id to the file name, so two jobs with the same title never share a file.
Label 2
Grp lpadmin
DecodeHexStrings 1
EOF
}

cannot_run() { echo "$me: $*" >&2; exit 3; }
failed() { echo "$me: $*" >&2; exit 1; }

state=""
read_state() { state=$(LC_ALL=C lpstat -r -v -p -a 2>/dev/null || true); }
has() { grep -qxF -- "$1" <<<"$state"; }
has_re() { grep -qE -- "$1" <<<"$state"; }
scheduler_up() { has "scheduler is running"; }
uri_ok() { has "device for $1: $URI"; }
enabled() { has_re "^printer $1 (is idle|now printing).*enabled since"; }
accepting() { has_re "^$1 accepting requests since"; }
conf_ok() { [ -f "$CONF" ] && [ "$(cat "$CONF")" = "$(conf_text)" ]; }
renderer_ok() { LC_ALL=C lpoptions -p "$1" 2>/dev/null | grep -qw "pdftops-renderer=$RENDERER"; }

all_ready() {
  scheduler_up && conf_ok \
    && uri_ok "$QUEUE" && enabled "$QUEUE" && accepting "$QUEUE" \
    && uri_ok "$STOPPED" && ! enabled "$STOPPED" && accepting "$STOPPED" \
    && renderer_ok "$QUEUE" && renderer_ok "$STOPPED"
}

summary() {
  echo "$me: $1; $QUEUE enabled, $STOPPED disabled; PDFs in $OUT_BASE/<user>/"
}

command -v lpstat >/dev/null 2>&1 \
  || cannot_run "lpstat not found: install the print-test packages" \
    "(deploy/linux/system-packages.sh print-test)"

read_state
if all_ready; then summary "ready"; exit 0; fi

cupsd_bin=$(command -v cupsd || true)
[ -z "$cupsd_bin" ] && [ -x /usr/sbin/cupsd ] && cupsd_bin=/usr/sbin/cupsd
[ -n "$cupsd_bin" ] \
  || cannot_run "cupsd not found: install the print-test packages (deploy/linux/system-packages.sh print-test)"
[ -f "$BACKEND" ] && [ -f "$PPD_FILE" ] \
  || cannot_run "cups-pdf not found: install printer-driver-cups-pdf (deploy/linux/system-packages.sh print-test)"

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    exec sudo -n bash "$0" "$@"
  fi
  cannot_run "not root and no passwordless sudo: cannot start cupsd or add queues (run as root: $0)"
fi

did=()

if ! conf_ok; then
  tmp=$(mktemp "$CONF.XXXXXX")
  conf_text >"$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$CONF"
  did+=("wrote $CONF")
fi

if ! scheduler_up; then
  start=$(date +%s%N)
  log=$(mktemp)
  # cupsd forks into the background (its parent returns once the scheduler listens); its output
  # goes to a file, never to our stdout, so a caller reading our output through a pipe is not
  # kept waiting by the daemon.
  if ! "$cupsd_bin" </dev/null >"$log" 2>&1; then
    reason=$(head -n 1 "$log")
    rm -f "$log"
    failed "cupsd did not start: ${reason:-no message} (see /var/log/cups/error_log)"
  fi
  rm -f "$log"
  deadline=$((SECONDS + WAIT_SECONDS))
  while :; do
    read_state
    scheduler_up && break
    [ $SECONDS -ge $deadline ] && failed "cupsd started but the scheduler did not answer" \
      "within ${WAIT_SECONDS} s (see /var/log/cups/error_log)"
    sleep 0.1
  done
  did+=("started cupsd in $(( ($(date +%s%N) - start) / 1000000 )) ms")
fi

# lpadmin warns that PPD drivers are deprecated on every use; the warning is not news.
lpadmin_quiet() {
  local out
  if ! out=$(lpadmin "$@" 2>&1); then failed "lpadmin $*: $out"; fi
  out=$(grep -v 'Printer drivers are deprecated' <<<"$out" || true)
  if [ -n "$out" ]; then echo "$out" >&2; fi
}

for q in "$QUEUE" "$STOPPED"; do
  if ! uri_ok "$q"; then
    if has_re "^device for $q: "; then did+=("reconfigured $q"); else did+=("added $q"); fi
    lpadmin_quiet -p "$q" -v "$URI" -m "$PPD_NAME" -E
  fi
  # Not shared on the network; a failed job must not stop the queue for the tests that follow.
  lpadmin_quiet -p "$q" -o "pdftops-renderer-default=$RENDERER" -o printer-is-shared=false \
    -o printer-error-policy=abort-job
done
read_state
if ! enabled "$QUEUE"; then cupsenable "$QUEUE"; did+=("enabled $QUEUE"); fi
if ! accepting "$QUEUE"; then cupsaccept "$QUEUE"; did+=("made $QUEUE accept jobs"); fi
if ! accepting "$STOPPED"; then cupsaccept "$STOPPED"; fi
if enabled "$STOPPED"; then cupsdisable -r "$STOP_REASON" "$STOPPED"; did+=("disabled $STOPPED"); fi

read_state
all_ready || failed "queues not as expected after set-up: $(tr '\n' ' ' <<<"$state")"
summary "$(IFS=,; echo "${did[*]:-ready}" | sed 's/,/, /g')"
