#!/bin/sh
# Install the Debian packages salesgoal needs, only those missing; never remove
# or replace anything. Used by `make demo` and `make check`; safe to run again.
#
# LibreOffice: any working one satisfies the dependency: the desktop build
# (libreoffice-calc), the headless one (libreoffice-calc-nogui), or a soffice at
# $LO_PROGRAM (default /usr/lib/libreoffice/program). Only when there is none
# is libreoffice-calc-nogui installed. (On a desktop, apt replaces the GUI build
# with -nogui if asked for it: the two conflict.)
#
# Every other missing package is first tried with `apt-get -s` (simulation):
# a package whose installation would remove a package (Remv) or replace an
# installed LibreOffice package by another build is left out, with a note, and
# the rest is installed with `apt-get install --no-remove`, which apt refuses
# rather than remove anything. tests/scripts/test_install_deps.sh checks this
# with stub dpkg-query and apt-get commands.
set -eu
LO_PROGRAM=${LO_PROGRAM:-/usr/lib/libreoffice/program}
PKGS="gcc make zip procps libcmocka-dev libsqlite3-dev libpcre2-dev valgrind
      libreoffice-dev libreoffice-dev-common python3-uno
      libreoffice-l10n-zh-cn fonts-wqy-microhei poppler-utils
      postgresql libpq-dev"

installed() {
  dpkg-query -W -f='${Status}' "$1" 2> /dev/null | grep -q "install ok installed"
}

have_libreoffice() {
  for p in libreoffice-calc libreoffice-calc-nogui; do
    installed "$p" && return 0
  done
  [ -x "$LO_PROGRAM/soffice" ]
}

missing=""
have_libreoffice || missing="libreoffice-calc-nogui"
for p in $PKGS; do
  installed "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "salesgoal: missing Debian packages:$missing"
$SUDO apt-get update -qq

# Would installing $1 remove anything, or put a headless (-nogui) LibreOffice
# package beside the desktop build (they conflict: one replaces the other)?
# apt-get -s prints "Remv pkg [...]" for each removal, "Inst pkg ..." for each
# package it would install. Sets REASON.
harmful() {
  REASON=""
  if ! sim=$(apt-get -s install --no-install-recommends "$1" 2>&1); then
    REASON="apt cannot install it as things stand: $(echo "$sim" | grep '^E:' | head -1)"
    return 0
  fi
  if echo "$sim" | grep -q '^Remv '; then
    REASON="apt would remove $(echo "$sim" | sed -n 's/^Remv \([^ ]*\).*/\1/p' | tr '\n' ' ')for it"
    return 0
  fi
  if installed libreoffice-core && echo "$sim" | grep -Eq '^Inst libreoffice[^ ]*-nogui '; then
    REASON="apt would bring the headless LibreOffice build beside your desktop one"
    return 0
  fi
  return 1
}

safe=""
for p in $missing; do
  if harmful "$p"; then
    echo "salesgoal: NOT installing $p: $REASON (your LibreOffice stays as it is)" >&2
  else
    safe="$safe $p"
  fi
done
[ -z "$safe" ] && exit 0
echo "salesgoal: installing Debian packages:$safe"
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends --no-remove $safe
