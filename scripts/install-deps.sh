#!/bin/sh
# Install the Debian packages salesgoal needs, only those missing.
# Used by `make demo` and `make check`; safe to run again.
set -eu
PKGS="gcc make zip procps libcmocka-dev libsqlite3-dev libpcre2-dev valgrind
      libreoffice-calc-nogui libreoffice-dev libreoffice-dev-common python3-uno
      libreoffice-l10n-zh-cn fonts-wqy-microhei postgresql libpq-dev"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "salesgoal: installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
