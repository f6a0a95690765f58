#!/bin/sh
# tests/scripts/test_install_deps.sh — scripts/install-deps.sh never removes or
# replaces a LibreOffice, checked with stub dpkg-query, apt-get and sudo on PATH
# that record every call (run by `make check` through `make test-scripts`).
#
# The stub apt-get answers `-s install P` the way apt does on Debian 12:
# installing a -nogui LibreOffice package on a desktop removes the GUI build
# ("Remv libreoffice-calc ..."); with FAKE_DEV_REPLACES=1, libreoffice-dev
# does too (an SDK whose version only matches the headless build). Real
# installs are only recorded.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
. "$ROOT/scripts/testlib.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/sg-deps.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/bin" "$T/lo-none" "$T/lo-binary"
printf '#!/bin/sh\nexit 0\n' > "$T/lo-binary/soffice"
chmod +x "$T/lo-binary/soffice"

cat > "$T/bin/dpkg-query" <<'STUB'
#!/bin/sh
# dpkg-query -W -f=FORMAT PKG: "install ok installed" for the packages in FAKE_INSTALLED
for last; do :; done
for p in $FAKE_INSTALLED; do
  [ "$p" = "$last" ] && { printf 'install ok installed'; exit 0; }
done
echo "dpkg-query: no packages found matching $last" >&2
exit 1
STUB
cat > "$T/bin/apt-get" <<'STUB'
#!/bin/sh
echo "apt-get $*" >> "$FAKE_LOG"
sim=0
for a; do [ "$a" = "-s" ] && sim=1; done
[ "$sim" = 1 ] || exit 0
gui=0
for p in $FAKE_INSTALLED; do [ "$p" = libreoffice-core ] && gui=1; done
for a; do
  case $a in
    -*|install) ;;
    *-nogui)
      if [ "$gui" = 1 ]; then
        echo "Remv libreoffice-calc [4:7.4.7-1+deb12u14]"
        echo "Remv libreoffice-core [4:7.4.7-1+deb12u14]"
      fi
      echo "Inst libreoffice-core-nogui (4:7.4.7-1+deb12u14 Debian:12.12/stable [amd64])"
      echo "Inst $a (4:7.4.7-1+deb12u14 Debian:12.12/stable [amd64])" ;;
    libreoffice-dev)
      if [ "$gui" = 1 ] && [ "${FAKE_DEV_REPLACES:-0}" = 1 ]; then
        echo "Remv libreoffice-calc [4:7.4.7-1+deb12u13]"
        echo "Remv libreoffice-core [4:7.4.7-1+deb12u13]"
        echo "Inst libreoffice-core-nogui (4:7.4.7-1+deb12u14 Debian:12.12/stable [amd64])"
      fi
      echo "Inst libreoffice-dev (4:7.4.7-1+deb12u14 Debian:12.12/stable [amd64])" ;;
    *) echo "Inst $a (1.0 Debian:12.12/stable [amd64])" ;;
  esac
done
exit 0
STUB
printf '#!/bin/sh\nexec "$@"\n' > "$T/bin/sudo"
chmod +x "$T/bin/dpkg-query" "$T/bin/apt-get" "$T/bin/sudo"

TOOLS="gcc make zip procps libcmocka-dev libsqlite3-dev libpcre2-dev valgrind fonts-wqy-microhei
       libreoffice-l10n-zh-cn poppler-utils postgresql libpq-dev"
GUI="libreoffice-calc libreoffice-core libreoffice-common"

# run NAME LO_PROGRAM INSTALLED [ENV...]: install-deps.sh with the stubs; its
# output in $T/NAME.out, the apt-get calls in $T/NAME.log.
run() {
  name=$1 lo=$2 inst=$3
  shift 3
  : > "$T/$name.log"
  rc=0
  env PATH="$T/bin:$PATH" LO_PROGRAM="$lo" FAKE_INSTALLED="$inst" FAKE_LOG="$T/$name.log" "$@" \
    sh "$ROOT/scripts/install-deps.sh" > "$T/$name.out" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] && pass "$name: install-deps.sh exits 0" ||
    fail "$name: install-deps.sh exited $rc: $(cat "$T/$name.out")"
}
# installs NAME: the real (not simulated) apt-get install calls
installs() { grep '^apt-get install' "$T/$1.log" || true; }
no_removal() { # NAME: every real install refuses to remove, none asks for -nogui
  if installs "$1" | grep -qv -- '--no-remove'; then fail "$1: an install without --no-remove"; else pass "$1: every install has --no-remove"; fi
  if installs "$1" | grep -q -- '-nogui'; then fail "$1: a -nogui package installed: $(installs "$1")"; else pass "$1: no -nogui package installed beside the GUI"; fi
  if grep -Eq '^apt-get (remove|purge|autoremove)' "$T/$1.log"; then fail "$1: apt-get asked to remove"; else pass "$1: nothing removed"; fi
}

# 1. A desktop with the GUI Calc, the SDK missing.
run desktop "$T/lo-none" "$GUI $TOOLS"
no_removal desktop
installs desktop | grep -q 'libreoffice-dev ' && installs desktop | grep -q 'python3-uno' &&
  pass "desktop: the SDK and python3-uno are installed" ||
  fail "desktop: SDK not installed: $(installs desktop)"

# 2. The same desktop where the SDK would pull the headless build: left out.
run desktop-sdk-conflict "$T/lo-none" "$GUI $TOOLS" FAKE_DEV_REPLACES=1
no_removal desktop-sdk-conflict
if installs desktop-sdk-conflict | grep -q 'libreoffice-dev '; then
  fail "desktop-sdk-conflict: libreoffice-dev installed although it would remove the GUI"
else
  pass "desktop-sdk-conflict: libreoffice-dev left out"
fi
grep -q "NOT installing libreoffice-dev: apt would remove libreoffice-calc" "$T/desktop-sdk-conflict.out" &&
  pass "desktop-sdk-conflict: says why libreoffice-dev is left out" ||
  fail "desktop-sdk-conflict: no note on libreoffice-dev: $(cat "$T/desktop-sdk-conflict.out")"

# 3. No LibreOffice at all: the headless build is installed.
run bare "$T/lo-none" "$TOOLS"
installs bare | grep -q 'libreoffice-calc-nogui' && pass "bare: libreoffice-calc-nogui installed" ||
  fail "bare: libreoffice-calc-nogui not installed: $(installs bare)"

# 4. A LibreOffice from elsewhere (a soffice binary, no package): kept.
run binary "$T/lo-binary" "$TOOLS libreoffice-dev libreoffice-dev-common python3-uno"
[ -z "$(installs binary)" ] && pass "binary: a soffice at LO_PROGRAM satisfies LibreOffice" ||
  fail "binary: installed $(installs binary)"

# 5. Everything there: apt is not even asked.
run complete "$T/lo-none" "$GUI $TOOLS libreoffice-dev libreoffice-dev-common python3-uno"
[ -s "$T/complete.log" ] && fail "complete: apt-get called: $(cat "$T/complete.log")" ||
  pass "complete: nothing to do, apt-get not called"

finish
