#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the kiosk needs, only those that are missing.
#
#   deploy/linux/system-packages.sh runtime   what a kiosk PC needs to show the window (X11/xcb)
#   deploy/linux/system-packages.sh test      what `make test` needs (offscreen Qt, fonts, Xvfb, xdotool,
#                                              the print-test group, speech-dispatcher, Orca)
#   deploy/linux/system-packages.sh print-test  a real print server for the printing tests (CUPS with
#                                              a cups-pdf queue, poppler's pdfinfo/pdffonts/pdftoppm)
#   deploy/linux/system-packages.sh venv      what `python3 -m venv` needs
#   deploy/linux/system-packages.sh --list GROUP   print the list and do nothing
#
# Safe to run again and again: it asks apt only for packages that are not installed.
set -euo pipefail

# Qt's offscreen and xcb platforms load these even without a desktop.
base=(libgl1 libegl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
# The xcb platform plugin (a real display) needs these too; Qt 6.5+ needs libxcb-cursor0.
xcb=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
     libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libxkbcommon-x11-0 libx11-xcb1)
# Read-aloud: Qt's speech module links the PulseAudio and PipeWire client libraries; on a
# kiosk PC speech-dispatcher with its espeak-ng output module gives the voices.
audio=(libpulse0 libpipewire-0.3-0)
speech=(speech-dispatcher speech-dispatcher-espeak-ng espeak-ng)
venv_pkgs=(python3-venv)
# tests/integration/test_xvfb_lockdown.py: a real X server, real key events (XTEST) and the
# XFIXES cursor image.
test_extra=(xvfb xauth xdotool libxfixes3)
# tests/integration/test_cups_server.py and the printing tests: a real CUPS scheduler (cups), its
# command-line tools (cups-client: lp, lpstat, lpadmin, cancel, cupsenable, cupsdisable), the
# cups-pdf backend that writes each job as a PDF, and poppler-utils to inspect the PDFs.
# deploy/linux/print-test-queue.sh starts cupsd and adds the queues; no systemd is needed.
print_test=(cups cups-client printer-driver-cups-pdf poppler-utils)
# tests/integration/test_cage.py: the frozen build under cage, the Wayland compositor a kiosk PC
# runs it in (Debian's cage will not start without Xwayland), and the libraries Qt's Wayland
# platform plugin loads.
wayland_test=(cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1)
# tests/integration/speechd.py: a private speech-dispatcher speaking with espeak-ng (its output
# module is a package of its own) into ALSA's null device; locales has the en_GB source from
# which the test builds the locale Qt's speechd engine needs a voice for.
speech_test=(speech-dispatcher speech-dispatcher-espeak-ng espeak-ng locales)
# tests/integration/test_orca.py: the Orca screen reader, the AT-SPI accessibility bus
# (at-spi2-core: at-spi-bus-launcher and the registry), a D-Bus session bus (dbus: dbus-daemon
# and dbus-send) and pgrep (procps), which Orca uses to refuse a second Orca.
screen_reader_test=(orca at-spi2-core dbus procps)

group=${1:-}
list_only=false
if [ "$group" = "--list" ]; then list_only=true; group=${2:-}; fi

case "$group" in
  runtime) want=("${base[@]}" "${xcb[@]}" "${audio[@]}" "${speech[@]}") ;;
  test) want=("${base[@]}" "${xcb[@]}" "${audio[@]}" "${test_extra[@]}" "${print_test[@]}" "${wayland_test[@]}"
        "${speech_test[@]}" "${screen_reader_test[@]}") ;;
  print-test) want=("${print_test[@]}") ;;
  venv) want=("${venv_pkgs[@]}") ;;
  *) echo "usage: $0 [--list] runtime|test|print-test|venv" >&2; exit 2 ;;
esac

if $list_only; then printf '%s\n' "${want[@]}"; exit 0; fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian/Ubuntu system; install the equivalent of: ${want[*]}" >&2
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  # A name can be virtual on newer releases (libglib2.0-0 -> libglib2.0-0t64): ask apt-cache too.
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then continue; fi
  real=$(apt-cache showpkg "$p" 2>/dev/null | awk '/^Reverse Provides:/{getline; print $1; exit}')
  if [ -n "$real" ] && dpkg-query -W -f='${Status}' "$real" 2>/dev/null | grep -q 'install ok installed'; then continue; fi
  missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else
  echo "system-packages: missing ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
  "${sudo[@]}" apt-get update -q >/dev/null
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
