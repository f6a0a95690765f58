#!/bin/sh
# lo-profile.sh — a fresh, private LibreOffice profile with salesgoal installed.
#
# Sourced by tests/integration/run.sh and scripts/demo.sh:
#     . scripts/lo-profile.sh
#     lo_setup build/salesgoal.oxt          # fresh profile + extension
#     lo_convert OUTDIR FILTER FILE...      # headless soffice --convert-to
# or run directly to just prepare a profile:
#     scripts/lo-profile.sh [OXT]
#
# The profile lives in $LO_BASE (default build/lo): profile/, home/, work/.
# It is pre-seeded so that Calc recalculates every formula on load (ODF and
# OOXML), and so that the locale is en-US whatever the environment says
# (CSV numbers with '.', English messages from the add-in).
#
# unopkg refuses to run as root ("Cannot run unopkg as root without --shared
# or --bundled"). When `id -u` is 0, unopkg and soffice run as an
# unprivileged user (LO_USER, default nobody) through setpriv, with HOME and
# the profile inside $LO_BASE, which that user owns. Input files are copied
# into $LO_BASE/work and results copied back, so the unprivileged user never
# needs access to the rest of the tree. As a normal user everything runs
# directly.
#
# Every soffice/unopkg call runs under `timeout` (LO_TIMEOUT, default 120 s).
#
# The snapshot database: soffice gets no SALESGOAL_DB from the caller's
# environment (a test or the demo must never write into someone's real,
# never-deleted snapshots), so it uses $LO_BASE/home/.local/share/salesgoal/.
# LO_SALESGOAL_DB, when set, is passed on as SALESGOAL_DB (e.g. one database
# shared by two profiles); as root its folder must be writable by LO_USER.
# LO_SALESGOAL_SHARED_PLANS, when set, is passed on as SALESGOAL_SHARED_PLANS
# (plans every workbook may use, e.g. one plan written by two test books).

LO_TIMEOUT=${LO_TIMEOUT:-120}
LO_USER=${LO_USER:-nobody}
LO_PROGRAM=${LO_PROGRAM:-/usr/lib/libreoffice/program}

lo_die() {
  echo "lo-profile: error: $*" >&2
  exit 2
}

lo_abspath() {
  # absolute path of an existing file or directory
  if [ -d "$1" ]; then
    (cd "$1" && pwd -P)
  else
    printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd -P)" "$(basename "$1")"
  fi
}

# Run "$@" as the LibreOffice user, with HOME and a clean, en-US environment,
# in $LO_BASE (the unprivileged user may not be allowed into the caller's cwd;
# unopkg cds back to it). Paths given to it must be absolute.
lo_as_user() {
  if [ "$LO_ROOT" = 1 ]; then
    (cd "$LO_BASE" && exec setpriv --reuid="$LO_UID" --regid="$LO_GID" --clear-groups \
      env -i PATH=/usr/bin:/bin HOME="$LO_BASE/home" LANG=C.UTF-8 \
      TMPDIR="$LO_BASE/tmp" SAL_USE_VCLPLUGIN=svp \
      ${LO_SALESGOAL_DB:+"SALESGOAL_DB=$LO_SALESGOAL_DB"} \
      ${LO_SALESGOAL_SHARED_PLANS:+"SALESGOAL_SHARED_PLANS=$LO_SALESGOAL_SHARED_PLANS"} "$@")
  else
    (cd "$LO_BASE" && exec env -i PATH=/usr/bin:/bin HOME="$LO_BASE/home" LANG=C.UTF-8 \
      TMPDIR="$LO_BASE/tmp" SAL_USE_VCLPLUGIN=svp \
      ${LO_SALESGOAL_DB:+"SALESGOAL_DB=$LO_SALESGOAL_DB"} \
      ${LO_SALESGOAL_SHARED_PLANS:+"SALESGOAL_SHARED_PLANS=$LO_SALESGOAL_SHARED_PLANS"} "$@")
  fi
}

# Wait (up to 30 s) until no soffice of this profile is still running: a new
# soffice would hand its work to an instance that is shutting down.
lo_wait_idle() {
  lo_i=0
  while pgrep -f "soffice.bin.*UserInstallation=$LO_PROFILE_URL" > /dev/null 2>&1 &&
    [ "$lo_i" -lt 150 ]; do
    sleep 0.2
    lo_i=$((lo_i + 1))
  done
  return 0
}

# soffice / unopkg with the private profile, under a timeout.
# LO_SOFFICE_WRAPPER, when set, is a command (split on blanks, e.g.
# "valgrind --log-file=...") that runs soffice.bin itself: a wrapper must see
# the office process, not the oosplash launcher that `soffice` starts.
lo_soffice() {
  lo_wait_idle
  if [ -n "${LO_SOFFICE_WRAPPER:-}" ]; then
    # shellcheck disable=SC2086 # the wrapper's words
    lo_as_user timeout -k 10 "$LO_TIMEOUT" $LO_SOFFICE_WRAPPER "$LO_PROGRAM/soffice.bin" \
      "-env:UserInstallation=$LO_PROFILE_URL" --headless --invisible \
      --nologo --norestore --nodefault --nolockcheck "$@"
  else
    lo_as_user timeout -k 10 "$LO_TIMEOUT" "$LO_PROGRAM/soffice" \
      "-env:UserInstallation=$LO_PROFILE_URL" --headless --invisible \
      --nologo --norestore --nodefault --nolockcheck "$@"
  fi
}
lo_unopkg() {
  lo_as_user timeout -k 10 "$LO_TIMEOUT" "$LO_PROGRAM/unopkg" "$@" \
    "-env:UserInstallation=$LO_PROFILE_URL"
}

lo_write_registry() {
  mkdir -p "$LO_BASE/profile/user"
  cat > "$LO_BASE/profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="UILocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
EOF
}

# lo_set_ui_locale LOCALE: switch the profile's UI language (en-US, zh-CN);
# takes effect at the next soffice start. Runs as the profile's owner so the
# file keeps its owner. zh-CN needs the libreoffice-l10n-zh-cn package.
lo_set_ui_locale() {
  lo_as_user sed -i \
    -e "s|\(<prop oor:name=\"UILocale\" oor:op=\"fuse\"><value>\)[^<]*|\1$1|" \
    -e "s|\(<prop oor:name=\"ooLocale\" oor:op=\"fuse\"><value>\)[^<]*|\1$1|" \
    "$LO_BASE/profile/user/registrymodifications.xcu"
}

# lo_init: a fresh, empty profile (no extension). Sets LO_BASE, LO_ROOT,
# LO_PROFILE_URL, LO_UID, LO_GID.
lo_init() {
  [ -x "$LO_PROGRAM/soffice" ] ||
    lo_die "LibreOffice not found at $LO_PROGRAM (install libreoffice-calc-nogui)"
  command -v timeout > /dev/null 2>&1 || lo_die "timeout(1) not found (coreutils)"
  command -v pgrep > /dev/null 2>&1 || lo_die "pgrep(1) not found (procps)"
  LO_BASE=${LO_BASE:-build/lo}
  LO_ROOT=0
  [ "$(id -u)" -eq 0 ] && LO_ROOT=1
  if [ "$LO_ROOT" = 1 ]; then
    command -v setpriv > /dev/null 2>&1 || lo_die "setpriv(1) not found (util-linux)"
    LO_UID=$(id -u "$LO_USER" 2> /dev/null) ||
      lo_die "running as root, and user '$LO_USER' to run LibreOffice as does not exist (set LO_USER)"
    LO_GID=$(id -g "$LO_USER")
  fi
  if [ -e "$LO_BASE" ]; then
    rm -rf "$LO_BASE" || lo_die "cannot remove old $LO_BASE"
  fi
  # a previous run's fallback profile under /tmp (see below)
  if [ -f "$LO_BASE.fallback" ]; then
    lo_old=$(cat "$LO_BASE.fallback")
    case $lo_old in "${TMPDIR:-/tmp}"/salesgoal-lo.*) rm -rf "$lo_old" ;; esac
    rm -f "$LO_BASE.fallback"
  fi
  mkdir -p "$LO_BASE" || lo_die "cannot create $LO_BASE"
  LO_BASE=$(lo_abspath "$LO_BASE")
  if [ "$LO_ROOT" = 1 ]; then
    chown "$LO_UID:$LO_GID" "$LO_BASE"
    if ! lo_as_user test -w "$LO_BASE"; then
      # e.g. the tree lives under /root: the unprivileged user cannot get in.
      rmdir "$LO_BASE" 2> /dev/null || true
      lo_marker=$LO_BASE.fallback
      LO_BASE=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-lo.XXXXXX") || lo_die "mktemp failed"
      echo "$LO_BASE" > "$lo_marker"
      chmod 755 "$LO_BASE"
      chown "$LO_UID:$LO_GID" "$LO_BASE"
      echo "lo-profile: note: $LO_USER cannot write under build/; using $LO_BASE" >&2
      lo_as_user test -w "$LO_BASE" || lo_die "user $LO_USER cannot write $LO_BASE"
    fi
  fi
  mkdir -p "$LO_BASE/home" "$LO_BASE/tmp" "$LO_BASE/work"
  lo_write_registry
  [ "$LO_ROOT" = 1 ] && chown -R "$LO_UID:$LO_GID" "$LO_BASE"
  LO_PROFILE_URL="file://$LO_BASE/profile"
  return 0
}

# lo_setup OXT: fresh profile with the extension installed.
lo_setup() {
  lo_oxt=${1:-build/salesgoal.oxt}
  [ -f "$lo_oxt" ] || lo_die "$lo_oxt not found: run 'make oxt' first"
  lo_init
  cp "$lo_oxt" "$LO_BASE/work/salesgoal.oxt"
  [ "$LO_ROOT" = 1 ] && chown "$LO_UID:$LO_GID" "$LO_BASE/work/salesgoal.oxt"
  if ! lo_unopkg add --suppress-license --force "$LO_BASE/work/salesgoal.oxt" \
    > "$LO_BASE/unopkg.log" 2>&1; then
    cat "$LO_BASE/unopkg.log" >&2
    lo_die "unopkg add $lo_oxt failed (log above)"
  fi
  if ! lo_unopkg list > "$LO_BASE/unopkg-list.log" 2>&1 ||
    ! grep -q 'salesgoal' "$LO_BASE/unopkg-list.log"; then
    cat "$LO_BASE/unopkg-list.log" >&2
    lo_die "salesgoal extension not listed by unopkg after install"
  fi
  return 0
}

# lo_convert OUTDIR FILTER FILE...: convert files in one soffice run.
# Outputs land in OUTDIR (created), owned by the caller.
lo_convert() {
  lo_out=$1
  lo_filter=$2
  shift 2
  rm -rf "$LO_BASE/work/in" "$LO_BASE/work/out"
  mkdir -p "$LO_BASE/work/in" "$LO_BASE/work/out" "$lo_out"
  for lo_f in "$@"; do
    [ -f "$lo_f" ] || lo_die "no such file: $lo_f"
    cp "$lo_f" "$LO_BASE/work/in/"
  done
  [ "$LO_ROOT" = 1 ] && chown -R "$LO_UID:$LO_GID" "$LO_BASE/work"
  set --
  for lo_f in "$LO_BASE"/work/in/*; do set -- "$@" "$lo_f"; done
  lo_rc=0
  lo_soffice --convert-to "$lo_filter" --outdir "$LO_BASE/work/out" "$@" \
    > "$LO_BASE/convert.log" 2>&1 || lo_rc=$?
  if [ "$lo_rc" -eq 81 ]; then
    # 81: soffice asks for a restart, as on a profile's first start: once
    # more, visibly. Any other failure (a crash, a timeout) fails.
    echo "lo-profile: soffice --convert-to exited with 81 (restart); once more" >&2
    lo_rc=0
    lo_soffice --convert-to "$lo_filter" --outdir "$LO_BASE/work/out" "$@" \
      > "$LO_BASE/convert.log" 2>&1 || lo_rc=$?
  fi
  if [ "$lo_rc" -ne 0 ]; then
    cat "$LO_BASE/convert.log" >&2
    [ "$lo_rc" -eq 124 ] && lo_die "soffice timed out after ${LO_TIMEOUT}s"
    lo_die "soffice --convert-to failed (exit $lo_rc, log above)"
  fi
  # soffice exits 0 even when a file could not be loaded: the caller
  # checks that the expected outputs exist.
  for lo_f in "$LO_BASE"/work/out/*; do
    [ -e "$lo_f" ] || continue
    cp "$lo_f" "$lo_out/"
  done
  return 0
}

# lo_py_module FILE: copy a python module (e.g. cli/sg_uno.py) into the work
# folder, where lo_python runs its copy of the script, so the script can
# import it.
lo_py_module() {
  cp "$1" "$LO_BASE/work/"
  [ "$LO_ROOT" = 1 ] && chown "$LO_UID:$LO_GID" "$LO_BASE/work/$(basename "$1")"
  return 0
}

# lo_python SCRIPT ARGS...: start a headless soffice that accepts UNO
# connections on a private pipe and run a python3-uno SCRIPT against it
# (/usr/bin/python3: another python3 on PATH may lack uno). The script gets
# the pipe name as its first argument and should terminate the desktop when
# done; soffice is stopped anyway afterwards. Returns the script's status.
lo_python() {
  lo_script=$1
  shift
  lo_pipe="salesgoal_$$"
  cp "$lo_script" "$LO_BASE/work/script.py"
  [ "$LO_ROOT" = 1 ] && chown "$LO_UID:$LO_GID" "$LO_BASE/work/script.py"
  lo_soffice "--accept=pipe,name=$lo_pipe;urp;StarOffice.ComponentContext" \
    > "$LO_BASE/uno-soffice.log" 2>&1 &
  lo_spid=$!
  lo_rc=0
  lo_as_user timeout -k 5 "$LO_TIMEOUT" /usr/bin/python3 "$LO_BASE/work/script.py" \
    "$lo_pipe" "$@" || lo_rc=$?
  lo_i=0
  while kill -0 "$lo_spid" 2> /dev/null && [ "$lo_i" -lt 50 ]; do
    sleep 0.2
    lo_i=$((lo_i + 1))
  done
  # $lo_spid is the background subshell running lo_soffice (dash does not exec
  # through a function): its child is timeout(1) (setpriv and env exec it),
  # which passes TERM on to soffice's process group. TERM the children first,
  # then the subshell, so a hung soffice does not linger into the next step.
  pkill -TERM -P "$lo_spid" 2> /dev/null || true
  kill "$lo_spid" 2> /dev/null || true
  wait "$lo_spid" 2> /dev/null || true
  # and until soffice.bin has gone (it writes the profile as it exits)
  lo_wait_idle
  return "$lo_rc"
}

# Run directly: prepare a profile and say where it is.
case "${0##*/}" in
  lo-profile.sh)
    set -eu
    lo_setup "${1:-build/salesgoal.oxt}"
    echo "profile with salesgoal installed: $LO_PROFILE_URL"
    ;;
esac
